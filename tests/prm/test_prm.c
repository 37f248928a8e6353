// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The layout database and its accessors: bit access at the edges, the
 * catalogues, enum names, decode (prm_walk) and encode (prm_assign), and
 * the database's own consistency (every field inside its struct, in
 * order, not overlapping its neighbours).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "../check.h"
#include "prm.h"

/* Every width at every offset of a dword, neighbours untouched. */
static void test_get_set_widths(void)
{
	uint8_t buf[16], ref[16];
	uint32_t off, bits;

	for (bits = 1; bits <= 32; bits++) {
		for (off = 32; off + bits <= 64; off++) {
			uint64_t v = 0xa5a5a5a5u & (bits == 32 ? 0xffffffffu :
							(1u << bits) - 1);

			memset(buf, 0xff, sizeof(buf));
			prm_set(buf, off, bits, 0);
			CHECK_EQ(prm_get(buf, off, bits), 0);
			prm_set(buf, off, bits, v);
			CHECK_EQ(prm_get(buf, off, bits), v);
			/* Outside [off, off + bits) every bit is still 1. */
			if (off > 32)
				CHECK_EQ(prm_get(buf, 32, off - 32),
					 (1ull << (off - 32)) - 1);
			if (off + bits < 64)
				CHECK_EQ(prm_get(buf, off + bits, 64 - off - bits),
					 (1ull << (64 - off - bits)) - 1);
			CHECK_EQ(prm_get(buf, 0, 32), 0xffffffff);
			CHECK_EQ(prm_get(buf, 64, 32), 0xffffffff);
		}
	}

	/* Bit 0 is the most significant bit of byte 0. */
	memset(buf, 0, sizeof(buf));
	prm_set(buf, 0, 1, 1);
	CHECK_EQ(buf[0], 0x80);
	prm_set(buf, 31, 1, 1);
	CHECK_EQ(buf[3], 0x01);
	prm_set(buf, 33, 31, 0x7fffffff);
	CHECK_EQ(prm_get(buf, 32, 32), 0x7fffffff);
	CHECK_EQ(buf[4], 0x7f);

	/* Too-wide values are truncated to the field, never spill over. */
	memset(buf, 0, sizeof(buf));
	prm_set(buf, 8, 4, 0xff);
	CHECK_EQ(prm_get(buf, 0, 32), 0x00f00000);

	/* 64 bits, dword aligned, big-endian. */
	memset(buf, 0x11, sizeof(buf));
	memcpy(ref, buf, sizeof(ref));
	prm_set(buf, 32, 64, 0x0102030405060708ull);
	CHECK_EQ(prm_get(buf, 32, 64), 0x0102030405060708ull);
	CHECK_EQ(buf[4], 0x01);
	CHECK_EQ(buf[11], 0x08);
	CHECK_MEM(buf, ref, 4);
	CHECK_MEM(buf + 12, ref + 12, 4);

	/* Straddling a dword (not in the PRM, but must not corrupt). */
	memset(buf, 0, sizeof(buf));
	prm_set(buf, 28, 8, 0xab);
	CHECK_EQ(prm_get(buf, 28, 8), 0xab);
	CHECK_EQ(prm_get(buf, 0, 32), 0xa);
	CHECK_EQ(prm_get(buf, 32, 32), 0xb0000000);
	prm_set(buf, 16, 48, 0xffffffffffffull);
	CHECK_EQ(prm_get(buf, 16, 48), 0xffffffffffffull);
	CHECK_EQ(prm_get(buf, 0, 16), 0);

	/* Nonsense widths read as zero and write nothing. */
	memset(ref, 0, sizeof(ref));
	memset(buf, 0, sizeof(buf));
	prm_set(buf, 0, 0, 1);
	prm_set(buf, 0, 65, 1);
	CHECK_MEM(buf, ref, sizeof(buf));
	CHECK_EQ(prm_get(buf, 0, 0), 0);
	CHECK_EQ(prm_get(NULL, 0, 8), 0);
}

/* The compile-time constants are the mlx5_ifc.h facts. */
static void test_constants(void)
{
	uint8_t in[PRM_SIZE(query_hca_cap_in)] = {};
	uint8_t out[PRM_SIZE(access_register_out) + 64] = {};

	CHECK_EQ(PRM_SIZE(mbox_in), 16);
	CHECK_EQ(PRM_SIZE(mbox_out), 16);
	CHECK_EQ(PRM_OFF(query_hca_cap_out, capability), 0x80);
	CHECK_EQ(PRM_OFF(access_register_in, register_id), 0x50);
	CHECK_EQ(PRM_OFF(access_register_in, argument), 0x60);
	CHECK_EQ(PRM_SIZE(cmd_hca_cap), 256);
	CHECK_EQ(PRM_SIZE(query_hca_cap_out), 16 + 4096);
	CHECK_EQ(PRM_COUNT(mgir_reg, psid), 16);
	CHECK_EQ(PRM_BITS(query_adapter_out, query_adapter_struct),
		 PRM_SIZE_query_adapter_param_block);

	PRM_SET(query_hca_cap_in, in, opcode, 0x100);
	PRM_SET(query_hca_cap_in, in, op_mod, (4 << 1) | 1);
	CHECK_EQ(in[0], 0x01);
	CHECK_EQ(in[1], 0x00);
	CHECK_EQ(in[7], 0x09);
	CHECK_EQ(PRM_GET(mbox_in, in, opcode), 0x100);
	CHECK_EQ(PRM_GET(mbox_in, in, op_mod), 9);

	PRM_SET(mbox_out, out, status, 0x51);
	PRM_SET(mbox_out, out, syndrome, 0xdeadbeef);
	CHECK_EQ(out[0], 0x51);
	CHECK_EQ(PRM_GET(access_register_out, out, syndrome), 0xdeadbeef);
}

static void test_catalogue(void)
{
	const struct prm_struct *s;
	const struct prm_field *f;
	const struct prm_reg *r;
	const struct prm_cap *c;
	size_t i;

	CHECK(prm_struct_count() > 200);
	CHECK(prm_struct_at(prm_struct_count()) == NULL);
	s = prm_struct_find("cmd_hca_cap");
	CHECK(s != NULL);
	CHECK(prm_struct_find("no_such_struct") == NULL);
	CHECK(prm_struct_find(NULL) == NULL);
	if (s) {
		CHECK(s->nfields > 250);
		CHECK_STR(s->source, "builtin");
		f = prm_field_find(s, "log_max_qp");
		CHECK(f != NULL);
		if (f) {
			CHECK_EQ(f->off, PRM_OFF(cmd_hca_cap, log_max_qp));
			CHECK_EQ(f->bits, PRM_BITS(cmd_hca_cap, log_max_qp));
		}
		CHECK(prm_field_find(s, "log_max_qpx") == NULL);
		CHECK(prm_field_find(NULL, "x") == NULL);
	}

	r = prm_reg_find("mtmp");
	CHECK(r != NULL);
	if (r) {
		CHECK_STR(r->name, "MTMP");
		CHECK_EQ(r->id, 0x900a);
		CHECK_STR(r->layout->name, "mtmp_reg");
	}
	CHECK(prm_reg_find("MtMp") == r);
	CHECK(prm_reg_by_id(0x9020) == prm_reg_find("MGIR"));
	CHECK(prm_reg_by_id(0x1234) == NULL);
	CHECK(prm_reg_find("nosuch") == NULL);
	CHECK(prm_reg_find(NULL) == NULL);
	CHECK(prm_reg_at(prm_reg_count()) == NULL);
	CHECK(prm_reg_count() >= 35);
	for (i = 0; (r = prm_reg_at(i)); i++) {
		CHECK(r->layout != NULL);
		CHECK(prm_reg_by_id(r->id) == r);
	}

	c = prm_cap_find("roce");
	CHECK(c != NULL);
	if (c) {
		CHECK_EQ(c->type, 4);
		CHECK_STR(c->layout->name, "roce_cap");
	}
	CHECK(prm_cap_by_type(0) == prm_cap_find("GENERAL"));
	CHECK(prm_cap_by_type(0x20) == prm_cap_find("general_2"));
	CHECK(prm_cap_by_type(0x7f) == NULL);
	CHECK(prm_cap_at(prm_cap_count()) == NULL);
	for (i = 0; (c = prm_cap_at(i)); i++) {
		CHECK(c->layout != NULL);
		CHECK(c->layout->bits <= 0x8000);
	}
}

static void test_enums(void)
{
	const struct prm_field *f;
	uint64_t v = 0;

	f = prm_field_find(prm_struct_find("paos_reg"), "admin_status");
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK_STR(prm_enum_name(f, 1), "up");
	CHECK_STR(prm_enum_name(f, 2), "down");
	CHECK_STR(prm_enum_name(f, 3), "up_once");
	CHECK(prm_enum_name(f, 0) == NULL);
	CHECK(prm_enum_name(f, 99) == NULL);
	CHECK_EQ(prm_enum_value(f, "up_once", &v), 0);
	CHECK_EQ(v, 3);
	CHECK_EQ(prm_enum_value(f, "up_onc", &v), ENOENT);
	CHECK_EQ(prm_enum_value(f, "up_once_", &v), ENOENT);
	CHECK_EQ(prm_enum_value(f, NULL, &v), EINVAL);

	/* Hex keys. */
	f = prm_field_find(prm_struct_find("ppcnt_reg"), "grp");
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(prm_enum_name(f, 0x12), "phys_layer");
		CHECK_EQ(prm_enum_value(f, "ib_port", &v), 0);
		CHECK_EQ(v, 0x20);
	}
	/* No table at all. */
	f = prm_field_find(prm_struct_find("mtmp_reg"), "temperature");
	CHECK(f != NULL);
	if (f) {
		CHECK(prm_enum_name(f, 0) == NULL);
		CHECK_EQ(prm_enum_value(f, "x", &v), ENOENT);
	}
}

/* A hand-made layout: scalars, a nested struct, arrays of both. */
static const struct prm_field inner_fields[] = {
	{ "a", 0, 8, 1, 0, NULL, NULL },
	{ "b", 8, 24, 1, PRM_HEX, NULL, NULL },
};
static const struct prm_struct inner = { "inner", 32, inner_fields, 2, "test" };
static const struct prm_field outer_fields[] = {
	{ "flag", 0, 1, 1, 0, NULL, "0=off,1=on" },
	{ "temp", 16, 16, 1, PRM_SIGNED, NULL, NULL },
	{ "big", 32, 64, 1, PRM_HEX, NULL, NULL },
	{ "name", 96, 8, 4, PRM_STR, NULL, NULL },
	{ "in", 128, 32, 1, 0, &inner, NULL },
	{ "words", 160, 16, 2, 0, NULL, NULL },
	{ "ins", 192, 32, 2, 0, &inner, NULL },
	{ "wide", 256, 128, 1, 0, NULL, NULL },
};
static const struct prm_struct outer = { "outer", 384, outer_fields, 8, "test" };

struct trace {
	char text[1024];
	size_t n;
};

static void add(struct trace *t, const char *s)
{
	size_t l = strlen(s);

	if (t->n + l + 1 < sizeof(t->text)) {
		memcpy(t->text + t->n, s, l + 1);
		t->n += l;
	}
}

static void tr_begin(void *ctx, const char *name, bool array)
{
	char b[64];

	snprintf(b, sizeof(b), "%s%s ", name ? name : "-", array ? "[" : "{");
	add(ctx, b);
}

static void tr_end(void *ctx, bool array)
{
	add(ctx, array ? "] " : "} ");
}

static void tr_field(void *ctx, const struct prm_field *f, uint64_t val,
		     const uint8_t *bytes, size_t nbytes)
{
	char b[96];

	if (bytes)
		snprintf(b, sizeof(b), "%s=%zub:%02x ", f->name, nbytes, bytes[0]);
	else
		snprintf(b, sizeof(b), "%s=%llx ", f->name, (unsigned long long)val);
	add(ctx, b);
}

static const struct prm_visitor tracer = {
	.begin = tr_begin,
	.end = tr_end,
	.field = tr_field,
};

static void test_walk(void)
{
	uint8_t buf[48] = {};
	struct trace t = {};

	prm_set(buf, 0, 1, 1);
	prm_set(buf, 16, 16, 0xfff0);
	prm_set(buf, 32, 64, 0x1122334455667788ull);
	memcpy(buf + 12, "MT_1", 4);
	prm_set(buf, 128, 8, 0x5a);
	prm_set(buf, 136, 24, 0xabcdef);
	prm_set(buf, 160, 16, 7);
	prm_set(buf, 176, 16, 8);
	prm_set(buf, 192, 8, 1);
	prm_set(buf, 224, 8, 2);
	buf[32] = 0xee;

	prm_walk(&outer, buf, sizeof(buf), &tracer, &t);
	CHECK_STR(t.text, "flag=1 temp=fff0 big=1122334455667788 name=4b:4d "
		  "in{ a=5a b=abcdef } words[ words=7 words=8 ] "
		  "ins[ -{ a=1 b=0 } -{ a=2 b=0 } ] wide=16b:ee ");

	/* A short buffer: what lies past LEN is not visited. */
	t.n = 0;
	t.text[0] = 0;
	prm_walk(&outer, buf, 22, &tracer, &t);
	CHECK_STR(t.text, "flag=1 temp=fff0 big=1122334455667788 name=4b:4d "
		  "in{ a=5a b=abcdef } words[ words=7 ] ");

	/* A real layout built with PRM_SET, walked in field order. */
	{
		uint8_t reg[PRM_SIZE(mtmp_reg)] = {};
		const struct prm_struct *s = prm_struct_find("mtmp_reg");

		PRM_SET(mtmp_reg, reg, sensor_index, 3);
		PRM_SET(mtmp_reg, reg, temperature, 0xffd8);	/* -5 C */
		PRM_SET(mtmp_reg, reg, max_temperature, 400);
		t.n = 0;
		t.text[0] = 0;
		prm_walk(s, reg, sizeof(reg), &tracer, &t);
		CHECK(strstr(t.text, "sensor_index=3 temperature=ffd8 ") != NULL);
		CHECK(strstr(t.text, "max_temperature=190 ") != NULL);
	}

	/* Nothing to do, nothing done. */
	prm_walk(NULL, buf, sizeof(buf), &tracer, &t);
	prm_walk(&outer, NULL, sizeof(buf), &tracer, &t);
	prm_walk(&outer, buf, sizeof(buf), NULL, &t);
}

static void test_assign(void)
{
	const struct prm_struct *paos = prm_struct_find("paos_reg");
	const struct prm_struct *mtmp = prm_struct_find("mtmp_reg");
	uint8_t buf[48] = {}, reg[PRM_SIZE(mtmp_reg)] = {};
	char err[512];

	CHECK_EQ(prm_assign(paos, buf, 16, "admin_status=up_once", err,
			    sizeof(err)), 0);
	CHECK_EQ(PRM_GET(paos_reg, buf, admin_status), 3);
	CHECK_EQ(prm_assign(paos, buf, 16, "admin_status=2", err, sizeof(err)), 0);
	CHECK_EQ(PRM_GET(paos_reg, buf, admin_status), 2);
	CHECK_EQ(prm_assign(paos, buf, 16, "local_port=0x1f", err, sizeof(err)), 0);
	CHECK_EQ(PRM_GET(paos_reg, buf, local_port), 0x1f);
	CHECK_EQ(PRM_GET(paos_reg, buf, admin_status), 2);

	/* Too wide: refused, buffer untouched, the width named. */
	CHECK_EQ(prm_assign(paos, buf, 16, "admin_status=16", err, sizeof(err)),
		 ERANGE);
	CHECK(strstr(err, "4 bits") != NULL);
	CHECK_EQ(PRM_GET(paos_reg, buf, admin_status), 2);
	CHECK_EQ(prm_assign(paos, buf, 16, "local_port=0x100", err, sizeof(err)),
		 ERANGE);

	/* Unknown field: every valid name listed. */
	CHECK_EQ(prm_assign(paos, buf, 16, "admin=1", err, sizeof(err)), EINVAL);
	CHECK(strstr(err, "admin_status") && strstr(err, "oper_status") &&
	      strstr(err, "local_port"));
	/* Unknown value. */
	CHECK_EQ(prm_assign(paos, buf, 16, "admin_status=sideways", err,
			    sizeof(err)), EINVAL);
	CHECK(strstr(err, "up_once") != NULL);
	CHECK_EQ(prm_assign(paos, buf, 16, "admin_status=", err, sizeof(err)),
		 EINVAL);
	CHECK_EQ(prm_assign(paos, buf, 16, "admin_status=1x", err, sizeof(err)),
		 EINVAL);
	CHECK_EQ(prm_assign(paos, buf, 16, "admin_status", err, sizeof(err)),
		 EINVAL);
	CHECK_EQ(prm_assign(paos, buf, 2, "admin_status=1", err, sizeof(err)),
		 ERANGE);
	CHECK_EQ(prm_assign(paos, buf, 16, "=1", err, sizeof(err)), EINVAL);
	/* A tiny error buffer still gets a terminated message. */
	CHECK_EQ(prm_assign(paos, buf, 16, "nope=1", err, 8), EINVAL);
	CHECK_EQ(strlen(err), 7);
	CHECK_EQ(prm_assign(paos, buf, 16, "nope=1", NULL, 0), EINVAL);

	/* Signed: negative values fit in two's complement. */
	CHECK_EQ(prm_assign(mtmp, reg, sizeof(reg), "temperature=-40", err,
			    sizeof(err)), 0);
	CHECK_EQ(PRM_GET(mtmp_reg, reg, temperature), 0xffd8);
	CHECK_EQ(prm_assign(mtmp, reg, sizeof(reg), "sensor_index=-1", err,
			    sizeof(err)), ERANGE);
	CHECK_EQ(prm_assign(mtmp, reg, sizeof(reg), "temperature=-32769", err,
			    sizeof(err)), ERANGE);

	/* Paths, indexes, strings, 64 bits. */
	CHECK_EQ(prm_assign(&outer, buf, sizeof(buf), "in.b=0x123456", err,
			    sizeof(err)), 0);
	CHECK_EQ(prm_get(buf, 136, 24), 0x123456);
	CHECK_EQ(prm_assign(&outer, buf, sizeof(buf), "ins[1].a=9", err,
			    sizeof(err)), 0);
	CHECK_EQ(prm_get(buf, 224, 8), 9);
	CHECK_EQ(prm_assign(&outer, buf, sizeof(buf), "ins[2].a=9", err,
			    sizeof(err)), EINVAL);
	CHECK_EQ(prm_assign(&outer, buf, sizeof(buf), "ins.a=9", err,
			    sizeof(err)), EINVAL);
	CHECK_EQ(prm_assign(&outer, buf, sizeof(buf), "in.c=9", err,
			    sizeof(err)), EINVAL);
	CHECK(strstr(err, "a, b") != NULL);
	CHECK_EQ(prm_assign(&outer, buf, sizeof(buf), "in=9", err,
			    sizeof(err)), EINVAL);
	CHECK_EQ(prm_assign(&outer, buf, sizeof(buf), "words[1]=0xffff", err,
			    sizeof(err)), 0);
	CHECK_EQ(prm_get(buf, 176, 16), 0xffff);
	CHECK_EQ(prm_assign(&outer, buf, sizeof(buf), "name=AB", err,
			    sizeof(err)), 0);
	CHECK_MEM(buf + 12, "AB\0\0", 4);
	CHECK_EQ(prm_assign(&outer, buf, sizeof(buf), "name=ABCDE", err,
			    sizeof(err)), ERANGE);
	CHECK_EQ(prm_assign(&outer, buf, sizeof(buf),
			    "big=0xffffffffffffffff", err, sizeof(err)), 0);
	CHECK_EQ(prm_get(buf, 32, 64), UINT64_MAX);
	CHECK_EQ(prm_assign(&outer, buf, sizeof(buf),
			    "big=0x10000000000000000", err, sizeof(err)), ERANGE);
	CHECK_EQ(prm_assign(&outer, buf, sizeof(buf), "flag=on", err,
			    sizeof(err)), 0);
	CHECK_EQ(prm_assign(&outer, buf, sizeof(buf), "wide=1", err,
			    sizeof(err)), EINVAL);
	CHECK_EQ(prm_assign(NULL, buf, sizeof(buf), "flag=1", err,
			    sizeof(err)), EINVAL);
}

/* Unions resolved by their selector, in prm_choice and in prm_walk. */
static void test_choice(void)
{
	const struct prm_struct *ppcnt = prm_struct_find("ppcnt_reg");
	const struct prm_field *cs = prm_field_find(ppcnt, "counter_set");
	uint8_t reg[PRM_SIZE(ppcnt_reg)] = {};
	uint8_t *set = PRM_ADDR(ppcnt_reg, reg, counter_set);
	const struct prm_alt *a;
	struct trace t = {};
	size_t i;

	CHECK(ppcnt && cs);
	if (!ppcnt || !cs)
		return;
	PRM_SET(ppcnt_reg, reg, grp, 0x12);
	PRM_SET(phys_layer_cntrs, set, time_since_last_clear_low, 42);
	CHECK(prm_choice(ppcnt, cs, reg, sizeof(reg)) ==
	      prm_struct_find("phys_layer_cntrs"));
	PRM_SET(ppcnt_reg, reg, grp, 0x20);
	CHECK(prm_choice(ppcnt, cs, reg, sizeof(reg)) ==
	      prm_struct_find("ib_port_cntrs_grp_data_layout"));
	PRM_SET(ppcnt_reg, reg, grp, 0x3f);	/* no such group: bytes */
	CHECK(prm_choice(ppcnt, cs, reg, sizeof(reg)) == NULL);
	CHECK(prm_choice(ppcnt, cs, reg, 2) == NULL);	/* selector cut off */
	CHECK(prm_choice(ppcnt, prm_field_find(ppcnt, "grp"), reg,
			 sizeof(reg)) == NULL);
	CHECK(prm_choice(NULL, cs, reg, sizeof(reg)) == NULL);

	t.text[0] = 0;
	prm_walk(ppcnt, reg, sizeof(reg), &tracer, &t);
	CHECK(strstr(t.text, "counter_set=248b:") != NULL);

	PRM_SET(ppcnt_reg, reg, grp, 0x12);
	t.n = 0;
	t.text[0] = 0;
	prm_walk(ppcnt, reg, sizeof(reg), &tracer, &t);
	CHECK(strstr(t.text, "counter_set{ ") != NULL);
	CHECK(strstr(t.text, "time_since_last_clear_low=2a ") != NULL);

	/* Every alternative: a byte field, a selector, a layout that fits. */
	for (i = 0; (a = prm_alt_at(i)); i++) {
		const struct prm_field *f = prm_field_find(a->s, a->field);
		const struct prm_field *sel = prm_field_find(a->s, a->selector);

		CHECK(f && sel);
		if (!f || !sel)
			continue;
		CHECK(f->flags & PRM_BYTES);
		CHECK(a->layout->bits <= f->bits * f->count);
		CHECK(sel->bits < 64 && a->value >> sel->bits == 0);
	}
	CHECK(i >= 30);
}

/*
 * Each struct: fields inside it, ascending and not overlapping; byte
 * arrays on byte boundaries; enum tables well formed (every entry has a
 * name, and the values fit the field).
 */
static void test_consistency(void)
{
	const struct prm_struct *s;
	size_t i, nfields = 0;
	uint32_t j;

	for (i = 0; (s = prm_struct_at(i)); i++) {
		uint64_t end = 0;

		CHECK(s->nfields > 0);
		CHECK(prm_struct_find(s->name) == s);
		for (j = 0; j < s->nfields; j++) {
			const struct prm_field *f = &s->fields[j];
			uint64_t size = (uint64_t)f->bits * f->count;

			nfields++;
			if (f->off < end || f->off + size > s->bits || !f->count)
				fprintf(stderr, "bad field %s.%s\n", s->name,
					f->name);
			CHECK(f->off >= end);
			CHECK(f->off + size <= s->bits);
			CHECK(prm_field_find(s, f->name) == f);
			if (f->sub)
				CHECK_EQ(f->bits, f->sub->bits);
			if (f->flags & (PRM_STR | PRM_BYTES) || f->bits > 64)
				CHECK(f->off % 8 == 0 && size % 8 == 0);
			if (f->enums) {
				const char *p = f->enums;
				unsigned int n = 0;

				/* Round-trip every entry through the API. */
				while (p && *p) {
					char name[96];
					const char *eq = strchr(p, '=');
					const char *c = strchr(p, ',');
					size_t l;
					uint64_t v = 0;

					CHECK(eq != NULL);
					if (!eq)
						break;
					l = (c ? (size_t)(c - eq - 1) : strlen(eq + 1));
					CHECK(l > 0 && l < sizeof(name));
					snprintf(name, sizeof(name), "%.*s", (int)l, eq + 1);
					CHECK_EQ(prm_enum_value(f, name, &v), 0);
					CHECK(f->bits >= 64 || v >> f->bits == 0);
					CHECK_STR(prm_enum_name(f, v), name);
					n++;
					p = c ? c + 1 : NULL;
				}
				CHECK(n > 0);
			}
			end = f->off + size;
		}
	}
	printf("database: %zu structs, %zu fields, %zu registers, %zu "
	       "capability types\n", prm_struct_count(), nfields,
	       prm_reg_count(), prm_cap_count());
}

static void count_field(void *ctx, const struct prm_field *f, uint64_t val,
			const uint8_t *bytes, size_t nbytes)
{
	(*(size_t *)ctx)++;
}

static const struct prm_visitor counter = { .field = count_field };

/*
 * Every layout walks without reading past its buffer (ASan builds catch
 * it), whole and cut short, and every scalar field takes, through
 * prm_assign, the widest value it holds without touching the others.
 */
static void test_every_layout(void)
{
	const struct prm_struct *s;
	size_t i, visits, total = 0, assigned = 0;
	uint32_t j;

	for (i = 0; (s = prm_struct_at(i)); i++) {
		size_t len = s->bits / 8;
		uint8_t *buf = malloc(len ? len : 1);
		uint8_t *zero = calloc(1, len ? len : 1);
		size_t cut;

		if (!buf || !zero) {
			CHECK(!"out of memory");
			free(buf);
			free(zero);
			return;
		}
		memset(buf, 0xa5, len);
		for (cut = 0; cut <= len; cut += cut < 8 ? 1 : len / 3 + 1) {
			uint8_t *copy = malloc(cut ? cut : 1);

			memcpy(copy, buf, cut);
			visits = 0;
			prm_walk(s, copy, cut, &counter, &visits);
			total += visits;
			free(copy);
		}
		for (j = 0; j < s->nfields; j++) {
			const struct prm_field *f = &s->fields[j];
			char expr[160], err[256];
			uint64_t max;

			if (f->sub || f->count != 1 || f->bits > 64 ||
			    f->flags & PRM_STR)
				continue;
			max = f->bits == 64 ? UINT64_MAX : (1ull << f->bits) - 1;
			snprintf(expr, sizeof(expr), "%s=0x%llx", f->name,
				 (unsigned long long)max);
			memset(buf, 0, len);
			CHECK_EQ(prm_assign(s, buf, len, expr, err, sizeof(err)), 0);
			CHECK_EQ(prm_get(buf, f->off, f->bits), max);
			/* Nothing else changed: clear the field, all zero. */
			prm_set(buf, f->off, f->bits, 0);
			CHECK_MEM(buf, zero, len);
			assigned++;
		}
		free(buf);
		free(zero);
	}
	printf("walked every layout (%zu field visits), assigned %zu fields\n",
	       total, assigned);
}

int main(void)
{
	test_get_set_widths();
	test_constants();
	test_catalogue();
	test_enums();
	test_walk();
	test_assign();
	test_choice();
	test_consistency();
	test_every_layout();
	return check_done("test_prm");
}
