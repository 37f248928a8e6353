// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mstflint's register database as anyone could write it: the loader
 * (prm_adb_xml.c, its layouts handed over as a blob), then every layout
 * it built decoded (prm_walk and the tool's decode_print, text and JSON)
 * and written to field by field (prm_assign, prm_locate).
 *
 * Input: the ADB's XML, optionally a NUL and then FIELD=VALUE lines that
 * are tried on every register loaded, besides the ones made from each
 * layout's own fields.
 *
 * Oracles: the catalogue finds each loaded register by its name and id;
 * the walk visits bytes inside the buffer only, and opens and closes
 * levels in pairs; a refused assignment leaves the buffer as it was, an
 * accepted one changes no bit outside what prm_locate says it names.
 */
/* fuzz.h: memfd_create(); the targets: asprintf() and friends. */
#define _GNU_SOURCE
#include <stdbool.h>

#include "decode.h"
#include "fuzz.h"
#include "fuzz_walk.h"
#include "print.h"
#include "prm.h"
#include "prm_adb.h"

/* Enough to reach everything a layout has, few enough to stay fast. */
#define MAX_REGS 16
#define MAX_FIELDS 48
#define MAX_EXTRA 16

static void walk(const struct prm_struct *s, const uint8_t *buf, size_t len)
{
	fuzz_walk(s, buf, len);
	print_init(false, false);
	decode_print(s, buf, len, 0);
	print_fini();
	print_init(true, true);
	decode_print(s, buf, len, 0);
	print_fini();
}

/* Bits [OFF, OFF + BITS) may differ between A and B, no other. */
static bool same_outside(const uint8_t *a, const uint8_t *b, size_t len,
			 uint64_t off, uint64_t bits)
{
	uint64_t first = off / 8, last = (off + bits + 7) / 8;
	uint8_t head = 0xff << (8 - off % 8);	/* bits before OFF */
	uint8_t tail = (off + bits) % 8 ? 0xff >> (off + bits) % 8 : 0;

	if (last > len)
		last = len;
	if (first >= len)
		return !memcmp(a, b, len);
	if (memcmp(a, b, first) || memcmp(a + last, b + last, len - last))
		return false;
	if (off % 8 && (a[first] & head) != (b[first] & head))
		return false;
	return !tail || (a[last - 1] & tail) == (b[last - 1] & tail);
}

static void try_assign(const struct prm_struct *s, uint8_t *buf,
		       uint8_t *copy, size_t len, const char *expr)
{
	const struct prm_field *f;
	uint64_t off, bits;
	char err[160];
	int rc;

	memcpy(copy, buf, len);
	rc = prm_assign(s, buf, len, expr, err, sizeof(err));
	FUZZ_CHECK(memchr(err, 0, sizeof(err)));
	if (rc) {
		FUZZ_CHECK(!memcmp(copy, buf, len));
		return;
	}
	FUZZ_CHECK(!prm_locate(s, expr, &f, &off, &bits, err, sizeof(err)));
	FUZZ_CHECK(off + bits <= (uint64_t)len * 8);
	FUZZ_CHECK(same_outside(copy, buf, len, off, bits));
}

/* "name=VALUE" for the values that sit on a field's edges. */
static void assign_field(const struct prm_struct *s, const struct prm_field *f,
			 uint8_t *buf, uint8_t *copy, size_t len)
{
	static const char *const values[] = {
		"0", "1", "-1", "0xffffffffffffffff", "18446744073709551616",
		"0x", "-0", "x",
	};
	const char *name = f->name;
	char expr[256];
	size_t i;

	for (i = 0; i < FUZZ_ARRAY_SIZE(values); i++) {
		snprintf(expr, sizeof(expr), "%s=%s", name, values[i]);
		try_assign(s, buf, copy, len, expr);
	}
	if (f->count > 1) {
		snprintf(expr, sizeof(expr), "%s[%u]=1", name, f->count - 1);
		try_assign(s, buf, copy, len, expr);
		snprintf(expr, sizeof(expr), "%s[%u]=1", name, f->count);
		try_assign(s, buf, copy, len, expr);
	}
	if (f->sub && f->sub->nfields) {
		snprintf(expr, sizeof(expr), "%s%s.%s=1", name,
			 f->count > 1 ? "[0]" : "", f->sub->fields[0].name);
		try_assign(s, buf, copy, len, expr);
	}
	if (f->enums) {
		/* The first name of "VALUE=name,...". */
		const char *eq = strchr(f->enums, '=');
		size_t n = eq ? strcspn(eq + 1, ",") : 0;

		snprintf(expr, sizeof(expr), "%s=%.*s", name, (int)n,
			 eq ? eq + 1 : "");
		try_assign(s, buf, copy, len, expr);
	}
}

struct extra {
	const char *expr[MAX_EXTRA];
	size_t n;
};

static void exercise(const struct prm_struct *s, const struct extra *x)
{
	size_t len = s->bits / 8 ? s->bits / 8 : 1, i;
	uint8_t *buf = malloc(len), *copy = malloc(len);

	FUZZ_CHECK(buf && copy);
	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(i * 0x9d + 0x31);
	walk(s, buf, len);
	/* Cut short: nothing past the end may be read. */
	walk(s, buf, len / 2);
	for (i = 0; i < s->nfields && i < MAX_FIELDS; i++)
		assign_field(s, &s->fields[i], buf, copy, len);
	for (i = 0; i < x->n; i++)
		try_assign(s, buf, copy, len, x->expr[i]);
	free(buf);
	free(copy);
}

/* The lines after the NUL, in place. */
static void split_lines(char *text, struct extra *x)
{
	char *save = NULL, *line;

	x->n = 0;
	for (line = strtok_r(text, "\n", &save); line && x->n < MAX_EXTRA;
	     line = strtok_r(NULL, "\n", &save))
		x->expr[x->n++] = line;
}

static void check_catalogue(size_t from)
{
	const struct prm_reg *r;
	size_t i, n = 0;

	for (i = from; (r = prm_reg_at(i)) && n < MAX_REGS; i++, n++) {
		FUZZ_CHECK(r->name && r->layout);
		FUZZ_CHECK(prm_reg_find(r->name) == r);
		FUZZ_CHECK(prm_reg_by_id(r->id) == r);
		FUZZ_CHECK(prm_struct_find(r->layout->name));
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet_stdout();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t xml_len = nul ? (size_t)(nul - data) : size, i;
	size_t builtin = prm_reg_count();
	const struct prm_reg *r;
	struct extra x = { 0 };
	char path[64], *lines = NULL;
	int fd, rc;

	fd = fuzz_file(data, xml_len, path, sizeof(path));
	if (fd < 0)
		return 0;
	rc = prm_adb_load(path);
	close(fd);
	if (rc)
		return 0;
	if (nul) {
		lines = strndup((const char *)nul + 1, size - xml_len - 1);
		if (lines)
			split_lines(lines, &x);
	}
	check_catalogue(builtin);
	for (i = builtin; (r = prm_reg_at(i)) && i - builtin < MAX_REGS; i++)
		exercise(r->layout, &x);
	prm_adb_unload();
	decode_forget();
	FUZZ_CHECK(prm_reg_count() == builtin);
	free(lines);
	return 0;
}
