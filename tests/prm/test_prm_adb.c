// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The ADB loader: a small hand-written ADB exercises every conversion
 * (LSB-first offsets, arrays, nested nodes, unions, access, enums) and
 * the malformed cases; mstflint's real file, when installed, must load,
 * extend the catalogue without displacing the built-in registers, and
 * decode under ASan.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../check.h"
#include "prm.h"
#include "prm_adb.h"

static const char tiny_adb[] =
	"<NodesDefinition>\n"
	"<node name=\"root\" size=\"0x100.0\" attr_is_union=\"1\">\n"
	" <field name=\"foo\" subnode=\"foo_ext\" offset=\"0x0.0\" selected_by=\"FOO\" size=\"0x20\"/>\n"
	" <field name=\"mgir\" subnode=\"mgir_ext\" offset=\"0x0.0\" selected_by=\"MGIR\" size=\"0x20\"/>\n"
	" <field name=\"loop\" subnode=\"loop_ext\" offset=\"0x0.0\" selected_by=\"LOOP\" size=\"0x8\"/>\n"
	" <field name=\"noid\" subnode=\"foo_ext\" offset=\"0x0.0\" selected_by=\"NOID\" size=\"0x20\"/>\n"
	" <field name=\"again\" subnode=\"foo_ext\" offset=\"0x0.0\" selected_by=\"foo\" size=\"0x20\"/>\n"
	"</node>\n"
	"<node name=\"ctrl\" size=\"0x4.0\">\n"
	" <field name=\"id\" offset=\"0x0.0\" size=\"0x0.16\" enum=\""
	"FOO=0x7777,MGIR=0x9020,LOOP=0x7778,A1=0x1,A2=0x2,A3=0x3,A4=0x4,A5=0x5,"
	"A6=0x6,A7=0x7,A8=0x8,A9=0x9,A10=0xa,A11=0xb,A12=0xc,A13=0xd,A14=0xe,"
	"A15=0xf,A16=0x10,A17=0x11,A18=0x12,A19=0x13,A20=0x14,A21=0x15,"
	"A22=0x16,A23=0x17,A24=0x18,A25=0x19,A26=0x1a,A27=0x1b,A28=0x1c,"
	"A29=0x1d,A30=0x1e\"/>\n"
	"</node>\n"
	"<node name=\"foo_ext\" size=\"0x20.0\">\n"
	" <field name=\"status\" access=\"RO\" enum=\"OK=0x0,Bad value=0x1\" offset=\"0x0.0\" size=\"0x0.4\"/>\n"
	" <field name=\"local_port\" access=\"INDEX\" offset=\"0x0.16\" size=\"0x0.8\"/>\n"
	" <field name=\"big.one\" offset=\"0x8.0\" size=\"0x8.0\"/>\n"
	" <field name=\"psid\" access=\"RO\" high_bound=\"3\" low_bound=\"0\" offset=\"0x10.24\" size=\"0x4.0\"/>\n"
	" <field name=\"inner\" subnode=\"inner_ext\" offset=\"0x14.0\" size=\"0x4.0\"/>\n"
	" <field name=\"u\" subnode=\"u_ext\" offset=\"0x18.0\" size=\"0x4.0\"/>\n"
	" <field name=\"bad_off\" offset=\"zz\" size=\"0x0.4\"/>\n"
	" <field name=\"past_end\" offset=\"0x1c.0\" size=\"0x8.0\"/>\n"
	" <field name=\"overlap\" offset=\"0x0.0\" size=\"0x0.2\"/>\n"
	" <field name=\"odd_byte\" offset=\"0x1.0\" size=\"0x0.4\"/>\n"
	/* Bounds whose difference overflows a long: left out, no UB. */
	" <field name=\"huge_bounds\" high_bound=\"9223372036854775807\" low_bound=\"-9223372036854775807\" offset=\"0x10.0\" size=\"0x4.0\"/>\n"
	" <field name=\"wide_bounds\" high_bound=\"9223372036854775807\" low_bound=\"0\" offset=\"0x10.0\" size=\"0x4.0\"/>\n"
	"</node>\n"
	"<node name=\"inner_ext\" size=\"0x4.0\">\n"
	" <field name=\"x\" offset=\"0x0.0\" size=\"0x0.16\"/>\n"
	"</node>\n"
	"<node name=\"u_ext\" size=\"0x4.0\" attr_is_union=\"1\">\n"
	" <field name=\"a\" offset=\"0x0.0\" size=\"0x4.0\"/>\n"
	"</node>\n"
	"<node name=\"mgir_ext\" size=\"0x20.0\">\n"
	" <field name=\"x\" offset=\"0x0.0\" size=\"0x4.0\"/>\n"
	"</node>\n"
	"<node name=\"loop_ext\" size=\"0x8.0\">\n"
	" <field name=\"self\" subnode=\"loop_ext\" offset=\"0x0.0\" size=\"0x8.0\"/>\n"
	" <field name=\"x\" offset=\"0x4.0\" size=\"0x4.0\"/>\n"
	"</node>\n"
	"</NodesDefinition>\n";

static char *write_tmp(const char *text, size_t len)
{
	char *path = strdup("/tmp/prm_adb_XXXXXX");
	int fd = path ? mkstemp(path) : -1;

	if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
		if (fd >= 0)
			close(fd);
		free(path);
		return NULL;
	}
	close(fd);
	return path;
}

static void test_tiny(void)
{
	size_t builtin_regs = prm_reg_count(), builtin_structs = prm_struct_count();
	const struct prm_reg *r;
	const struct prm_field *f;
	char *path = write_tmp(tiny_adb, sizeof(tiny_adb) - 1);
	uint64_t v;

	CHECK(path != NULL);
	if (!path)
		return;
	CHECK_EQ(prm_adb_load(path), 0);
	unlink(path);
	free(path);

	/*
	 * FOO and LOOP are new (FOO once, though listed twice); MGIR stays
	 * built in; NOID has no id.
	 */
	CHECK_EQ(prm_reg_count(), builtin_regs + 2);
	CHECK_STR(prm_reg_find("mgir")->layout->source, "builtin");
	CHECK(prm_reg_find("NOID") == NULL);
	r = prm_reg_by_id(0x7777);
	CHECK(r != NULL && r == prm_reg_find("foo"));
	if (!r)
		return;
	CHECK_STR(r->name, "FOO");
	CHECK_STR(r->layout->source, "adb");
	CHECK(prm_struct_find("foo_ext") == r->layout);
	CHECK(prm_struct_count() > builtin_structs);
	CHECK_EQ(r->layout->bits, 0x100);

	f = prm_field_find(r->layout, "status");
	CHECK(f && f->off == 28 && f->bits == 4 && (f->flags & PRM_RO));
	if (f) {
		CHECK_STR(prm_enum_name(f, 1), "bad_value");
		CHECK_EQ(prm_enum_value(f, "ok", &v), 0);
	}
	f = prm_field_find(r->layout, "local_port");
	CHECK(f && f->off == 8 && f->bits == 8 && (f->flags & PRM_INDEX));
	f = prm_field_find(r->layout, "big_one");	/* "big.one" */
	CHECK(f && f->off == 0x40 && f->bits == 64);
	f = prm_field_find(r->layout, "psid");
	CHECK(f && f->off == 0x80 && f->bits == 8 && f->count == 4 &&
	      (f->flags & PRM_STR));
	f = prm_field_find(r->layout, "inner");
	CHECK(f && f->sub && f->sub->bits == 32 && f->off == 0xa0);
	if (f && f->sub)
		CHECK_EQ(prm_field_find(f->sub, "x")->off, 16);
	f = prm_field_find(r->layout, "u");	/* a union: its bytes */
	CHECK(f && !f->sub && (f->flags & PRM_BYTES) && f->count == 4);
	CHECK(prm_field_find(r->layout, "bad_off") == NULL);
	CHECK(prm_field_find(r->layout, "past_end") == NULL);
	CHECK(prm_field_find(r->layout, "overlap") == NULL);
	CHECK(prm_field_find(r->layout, "odd_byte") == NULL);
	CHECK(prm_field_find(r->layout, "huge_bounds") == NULL);
	CHECK(prm_field_find(r->layout, "wide_bounds") == NULL);

	/* A node containing itself loads, without the cycle. */
	r = prm_reg_find("LOOP");
	CHECK(r != NULL);
	if (r) {
		f = prm_field_find(r->layout, "self");
		CHECK(f && !f->sub && (f->flags & PRM_BYTES));
	}

	prm_adb_unload();
	CHECK_EQ(prm_reg_count(), builtin_regs);
	CHECK_EQ(prm_struct_count(), builtin_structs);
	CHECK(prm_reg_find("FOO") == NULL);
	prm_adb_unload();	/* twice is harmless */
}

static void test_bad_files(void)
{
	static const char junk[] = "this is not XML <<<";
	static const char other[] = "<foo><node name=\"x\"/></foo>";
	char *p;

	CHECK_EQ(prm_adb_load("/nonexistent/register_access_table.adb"), ENOENT);
	p = write_tmp(junk, sizeof(junk) - 1);
	if (p) {
		CHECK_EQ(prm_adb_load(p), EINVAL);
		unlink(p);
		free(p);
	}
	p = write_tmp(other, sizeof(other) - 1);
	if (p) {
		CHECK_EQ(prm_adb_load(p), EINVAL);
		unlink(p);
		free(p);
	}
	CHECK(prm_reg_find("FOO") == NULL);
}

static void nop_field(void *ctx, const struct prm_field *f, uint64_t val,
		      const uint8_t *bytes, size_t nbytes)
{
	(*(size_t *)ctx)++;
}

static const struct prm_visitor nop = { .field = nop_field };

/* The real file: returns false when it is not installed. */
static bool test_real(void)
{
	size_t builtin = prm_reg_count(), i, visits = 0;
	const struct prm_reg *r;
	const struct prm_field *f;
	int rc = prm_adb_load(NULL);

	if (rc == ENOENT)
		return false;
	CHECK_EQ(rc, 0);
	printf("ADB: %zu registers added to %zu built in\n",
	       prm_reg_count() - builtin, builtin);
	CHECK(prm_reg_count() > builtin + 50);
	/* Built-in layouts keep their registers. */
	CHECK_STR(prm_reg_find("MTMP")->layout->source, "builtin");
	CHECK_STR(prm_reg_find("PDDR")->layout->source, "builtin");

	/* MGPIR: hw_info.slot_index is bits 31..28 of the first dword. */
	r = prm_reg_find("MGPIR");
	CHECK(r != NULL);
	if (r) {
		CHECK_STR(r->layout->source, "adb");
		f = prm_field_find(r->layout, "hw_info");
		CHECK(f && f->sub);
		if (f && f->sub) {
			const struct prm_field *g = prm_field_find(f->sub, "slot_index");

			CHECK(g && g->off == 0 && g->bits == 4 &&
			      (g->flags & PRM_INDEX));
			g = prm_field_find(f->sub, "num_of_modules");
			CHECK(g && g->off == 0x38 && g->bits == 8 &&
			      (g->flags & PRM_RO));
		}
	}

	/* Every added register decodes inside its buffer. */
	for (i = builtin; (r = prm_reg_at(i)); i++) {
		size_t len = r->layout->bits / 8;
		uint8_t *buf = malloc(len ? len : 1);

		if (!buf)
			break;
		memset(buf, 0x5a, len);
		prm_walk(r->layout, buf, len, &nop, &visits);
		free(buf);
	}
	printf("ADB: walked the added registers (%zu field visits)\n", visits);
	prm_adb_unload();
	CHECK_EQ(prm_reg_count(), builtin);
	return true;
}

int main(void)
{
	bool real;

	test_tiny();
	test_bad_files();
	real = test_real();
	if (!real)
		printf("mstflint's ADB is not installed: its part skipped\n");
	return check_done("test_prm_adb");
}
