// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "decode.h"
#include "print.h"

#define DECODE_MAX_DEPTH 16
#define DECODE_STEP 2

struct decode_level {
	bool array;
	unsigned int index;	/* next element of an array */
	char name[64];		/* the array's name, to label its elements */
};

struct decode_ctx {
	unsigned int indent;
	unsigned int width;
	unsigned int depth;
	unsigned int objects;	/* open nested objects: text indentation */
	struct decode_level level[DECODE_MAX_DEPTH];
};

static unsigned int width_of(const struct prm_struct *s, unsigned int indent,
			     unsigned int depth)
{
	unsigned int w = 0, n;
	uint32_t i;

	if (!s || depth >= DECODE_MAX_DEPTH)
		return 0;
	for (i = 0; i < s->nfields; i++) {
		const struct prm_field *f = &s->fields[i];

		/* Room for "[NN]" after array elements. */
		n = indent + strlen(f->name) + (f->count > 1 ? 5 : 0);
		if (n > w)
			w = n;
		n = width_of(f->sub, indent + DECODE_STEP, depth + 1);
		if (n > w)
			w = n;
	}
	return w;
}

unsigned int decode_width(const struct prm_struct *s, unsigned int indent)
{
	return width_of(s, indent, 0);
}

static struct decode_level *cur(struct decode_ctx *c)
{
	return c->depth ? &c->level[c->depth - 1] : NULL;
}

/* The text label of the next item: its name, or "array[i]" in an array. */
static void label(struct decode_ctx *c, const char *name, char *buf, size_t len)
{
	struct decode_level *l = cur(c);

	if (l && l->array)
		snprintf(buf, len, "%s[%u]", l->name, l->index++);
	else
		snprintf(buf, len, "%s", name ? name : "");
}

static unsigned int text_indent(const struct decode_ctx *c)
{
	return c->indent + c->objects * DECODE_STEP;
}

static void on_begin(void *ctx, const char *name, bool array)
{
	struct decode_ctx *c = ctx;
	struct decode_level *l;
	char lbl[80];

	label(c, name, lbl, sizeof(lbl));
	if (array) {
		/* Text: the elements say "name[i]" themselves, no header. */
		print_open_array(name);
	} else {
		print_text("%*s%s:\n", text_indent(c), "", lbl);
		print_open_object(name);
		c->objects++;
	}
	if (c->depth >= DECODE_MAX_DEPTH) {
		c->depth++;
		return;
	}
	l = &c->level[c->depth++];
	l->array = array;
	l->index = 0;
	snprintf(l->name, sizeof(l->name), "%s", name ? name : "");
}

static void on_end(void *ctx, bool array)
{
	struct decode_ctx *c = ctx;

	if (!c->depth)
		return;
	c->depth--;
	if (array) {
		print_close_array();
	} else {
		print_close_object();
		if (c->objects)
			c->objects--;
	}
}

static int64_t sign_extend(uint64_t val, uint32_t bits)
{
	if (bits >= 64 || bits == 0)
		return (int64_t)val;
	if (val & (1ull << (bits - 1)))
		return (int64_t)(val | ~((1ull << bits) - 1));
	return (int64_t)val;
}

/* Temperatures (MTMP, MTCAP) are in units of 0.125 degrees Celsius. */
static bool is_temperature(const struct prm_field *f)
{
	size_t n = strlen(f->name), t = strlen("temperature");

	return (n >= t && !strcmp(f->name + n - t, "temperature")) ||
	       !strncmp(f->name, "temp_threshold", strlen("temp_threshold"));
}

/*
 * Module temperatures as SFF-8636 and CMIS report them, in 1/256 C: the
 * PDDR module page's, named like MTMP's.
 */
static double temperature_unit(const struct prm_field *f)
{
	const struct prm_struct *m = prm_struct_find("pddr_module_info");

	if (m && f >= m->fields && f < m->fields + m->nfields)
		return 1.0 / 256;
	return 0.125;
}

static bool all_zero(const uint8_t *bytes, size_t nbytes)
{
	size_t i;

	for (i = 0; i < nbytes; i++)
		if (bytes[i])
			return false;
	return true;
}

static void print_bytes(const char *key, const struct prm_field *f,
			const uint8_t *bytes, size_t nbytes)
{
	char buf[2 * 512 + 3];
	size_t i, n = 0;

	if (f->flags & PRM_STR) {
		for (i = 0; i < nbytes && bytes[i] && n < sizeof(buf) - 1; i++)
			buf[n++] = (bytes[i] >= 0x20 && bytes[i] < 0x7f) ? bytes[i] : '.';
		/* Firmware pads with spaces as often as with NULs. */
		while (n && buf[n - 1] == ' ')
			n--;
		buf[n] = 0;
		print_string(key, "%s\n", buf);
		return;
	}
	/* Hundreds of zero digits say less than one. */
	if (all_zero(bytes, nbytes)) {
		print_string(key, "%s\n", "0x0");
		return;
	}
	n = snprintf(buf, sizeof(buf), "0x");
	for (i = 0; i < nbytes && n + 3 <= sizeof(buf); i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%02x", bytes[i]);
	print_string(key, "%s\n", buf);
}

static void on_field(void *ctx, const struct prm_field *f, uint64_t val,
		     const uint8_t *bytes, size_t nbytes)
{
	struct decode_ctx *c = ctx;
	unsigned int ind = text_indent(c);
	const char *ename;
	char lbl[80], key[96];
	int64_t sval;

	label(c, f->name, lbl, sizeof(lbl));
	print_text("%*s%-*s ", ind, "", c->width > ind ? c->width - ind : 0, lbl);

	if (bytes && (f->bits > 64 || (f->flags & (PRM_STR | PRM_BYTES)))) {
		print_bytes(f->name, f, bytes, nbytes);
		return;
	}
	/* A short string in one dword or two (MTMP sensor names). */
	if ((f->flags & PRM_STR) && f->bits % 8 == 0 && f->bits <= 64) {
		uint8_t be[8];
		uint32_t i, n = f->bits / 8;

		for (i = 0; i < n; i++)
			be[i] = val >> (8 * (n - 1 - i));
		print_bytes(f->name, f, be, n);
		return;
	}
	ename = f->enums ? prm_enum_name(f, val) : NULL;
	if (ename) {
		print_string(f->name, "%s\n", ename);
	} else if (is_temperature(f)) {
		sval = f->flags & PRM_SIGNED ? sign_extend(val, f->bits) : (int64_t)val;
		print_int(f->name, "%" PRId64, sval);
		snprintf(key, sizeof(key), "%s_celsius", f->name);
		print_double(key, " (%.3f C)\n", sval * temperature_unit(f));
	} else if (f->flags & PRM_SIGNED) {
		print_int(f->name, "%" PRId64 "\n", sign_extend(val, f->bits));
	} else if (f->flags & PRM_HEX) {
		print_hex(f->name, "0x%" PRIx64 "\n", val);
	} else {
		print_uint(f->name, "%" PRIu64 "\n", val);
	}
}

static const struct prm_visitor decode_visitor = {
	.begin = on_begin,
	.end = on_end,
	.field = on_field,
};

void decode_print(const struct prm_struct *s, const void *buf, size_t len,
		  unsigned int indent)
{
	struct decode_ctx c = {
		.indent = indent,
		.width = decode_width(s, indent),
	};

	prm_walk(s, buf, len, &decode_visitor, &c);
	/* A walk that did not close its levels must not unbalance JSON. */
	while (c.depth)
		on_end(&c, c.depth <= DECODE_MAX_DEPTH && c.level[c.depth - 1].array);
}
