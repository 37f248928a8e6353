// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "decode.h"
#include "print.h"

#define DECODE_MAX_DEPTH 16
#define DECODE_STEP 2
/* Text lines are kept until this much is pending: one write for many. */
#define TEXT_BUF_LEN 4096
#define PIECE_MAX 256	/* no piece of a line is longer */
/* Labels are cut as a char[80] snprintf() cut them. */
#define LABEL_MAX 79

struct decode_level {
	bool array;
	unsigned int index;	/* next element of an array */
	char name[64];		/* the array's name, to label its elements */
};

/*
 * What the name rules make of a field: its length, whether it is the
 * high half of a value (halves[]), a temperature or a unit, and whether
 * its name needs a JSON escape.  String tests all, worked out once a
 * field and kept in a small direct-mapped table, since a monitoring loop
 * decodes the same layouts again and again.  The tool's one thread only.
 */
struct field_note {
	const struct prm_field *f;	/* the field shown */
	const char *name;		/* its name when noted: never stale */
	size_t len;			/* strlen(name) */
	int high;			/* halves[] row of its high half, or -1 */
	bool other;			/* temperature or unit: print_other() */
	bool joined_other;		/* the same for the value it joins into */
	bool plain;			/* name needs no JSON escape */
	const struct prm_field *low_of;	/* the high half it was found low of */
};

struct decode_ctx {
	unsigned int indent;
	unsigned int width;
	unsigned int depth;
	unsigned int objects;	/* open nested objects: text indentation */
	struct decode_level level[DECODE_MAX_DEPTH];
	const struct prm_struct *s;	/* the layout decoded, and its bytes */
	const uint8_t *buf;
	size_t len;
	/* A 32-bit X_high held until its X_low: one 64-bit value X. */
	const struct prm_field *high;
	uint64_t high_val;
	struct field_note high_note;	/* its note */
	bool json;
	bool rules;		/* valid_when[] has rows for this layout */
	/*
	 * Text lines not yet written: one write for many, not one a piece.
	 * Outside the struct, so starting a decode does not clear it.
	 */
	char *line;
	size_t line_len;
};

static void flush_high(struct decode_ctx *c);

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

/* The last layout's, kept: a monitoring loop decodes one layout again. */
static struct {
	const struct prm_struct *s;
	const char *name;	/* never stale: see note_of() */
	unsigned int indent, width;
} last_width;

unsigned int decode_width(const struct prm_struct *s, unsigned int indent)
{
	if (!s || last_width.s != s || last_width.name != s->name ||
	    last_width.indent != indent) {
		last_width.s = s;
		last_width.name = s ? s->name : NULL;
		last_width.indent = indent;
		last_width.width = width_of(s, indent, 0);
	}
	return last_width.width;
}

static struct decode_level *cur(struct decode_ctx *c)
{
	return c->depth ? &c->level[c->depth - 1] : NULL;
}

static void line_flush(struct decode_ctx *c)
{
	print_text_raw(c->line, c->line_len);
	c->line_len = 0;
}

/* Room for N more bytes (at most PIECE_MAX), writing what is pending. */
static size_t line_room(struct decode_ctx *c, size_t n)
{
	if (n > PIECE_MAX)
		n = PIECE_MAX;
	if (n > TEXT_BUF_LEN - c->line_len)
		line_flush(c);
	return n;
}

static void line_put(struct decode_ctx *c, const char *s, size_t n)
{
	n = line_room(c, n);
	memcpy(c->line + c->line_len, s, n);
	c->line_len += n;
}

/* One byte: a store, not a call. */
static void line_char(struct decode_ctx *c, char ch)
{
	line_room(c, 1);
	c->line[c->line_len++] = ch;
}

static void line_pad(struct decode_ctx *c, size_t n)
{
	n = line_room(c, n);
	memset(c->line + c->line_len, ' ', n);
	c->line_len += n;
}

/*
 * The text label of the next item, into the line: its name, or
 * "array[i]" in an array.
 */
static size_t label(struct decode_ctx *c, const char *name, size_t n)
{
	struct decode_level *l = cur(c);
	char num[24], *end = num + sizeof(num), *p;
	size_t m;

	if (!(l && l->array)) {
		n = n < LABEL_MAX ? n : LABEL_MAX;
		line_put(c, name, n);
		return n;
	}
	n = strlen(l->name);
	n = n < LABEL_MAX ? n : LABEL_MAX;
	line_put(c, l->name, n);
	end[-1] = ']';
	p = print_fmt_u64(end - 1, l->index++, false);
	*--p = '[';
	m = end - p;
	if (n + m > LABEL_MAX)
		m = LABEL_MAX - n;
	line_put(c, p, m);
	return n + m;
}

static unsigned int text_indent(const struct decode_ctx *c)
{
	return c->indent + c->objects * DECODE_STEP;
}

/* NAME (or "") into L, cut as snprintf() would: a copy, not a format. */
static void level_name(struct decode_level *l, const char *name)
{
	size_t n = name ? strnlen(name, sizeof(l->name) - 1) : 0;

	memcpy(l->name, name ? name : "", n);
	l->name[n] = 0;
}

static void on_begin(void *ctx, const char *name, bool array)
{
	struct decode_ctx *c = ctx;
	struct decode_level *l;

	flush_high(c);
	if (array) {
		/* Text: the elements say "name[i]" themselves, no header. */
		size_t mark;

		if (!c->json) {
			line_room(c, PIECE_MAX);	/* no write in between */
			mark = c->line_len;
			label(c, name, 0);	/* counts the element, as before */
			c->line_len = mark;
		}
		print_open_array(name);
	} else {
		if (!c->json) {
			line_pad(c, text_indent(c));
			label(c, name, name ? strlen(name) : 0);
			line_put(c, ":\n", 2);
		}
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
	level_name(l, name);
}

static void on_end(void *ctx, bool array)
{
	struct decode_ctx *c = ctx;

	flush_high(c);
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

/*
 * Temperatures (MTMP, MTCAP, the PDDR module page and its thresholds)
 * are in units of 0.125 degrees Celsius, or 1/256 for the module page.
 */
#define SUFFIX(s) { s, sizeof(s) - 1 }

static const struct {
	const char *s;
	size_t len;
} temp_suffixes[] = {
	SUFFIX("temperature"),
	SUFFIX("temperature_high_th"),
	SUFFIX("temperature_low_th"),
};

/* NAME is N bytes long: asked once for every test of a field. */
static bool ends_with(const char *name, size_t n, const char *s, size_t len)
{
	/* The first byte settles most before a call. */
	return n >= len && name[n - len] == s[0] &&
	       !memcmp(name + n - len, s, len);
}

static bool is_temperature(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(temp_suffixes) / sizeof(temp_suffixes[0]); i++)
		if (ends_with(name, n, temp_suffixes[i].s, temp_suffixes[i].len))
			return true;
	return name[0] == 't' &&
	       !strncmp(name, "temp_threshold", strlen("temp_threshold"));
}

/*
 * Fields the PRM counts in a unit of its own: the text adds the value in
 * the usual unit, JSON a twin key NAME_UNIT with it (as _celsius does).
 */
#define UNIT_FIELD(s) s, sizeof(s) - 1

static const struct {
	const char *field;	/* the field's name */
	size_t len;		/* and its length */
	double scale;		/* to the unit */
	const char *unit;	/* text */
	const char *key;	/* JSON twin: field + key */
} units[] = {
	{ UNIT_FIELD("data_rate_oper"), 0.1, "Gb/s", "_gbps" },	/* 100 Mb/s */
	{ UNIT_FIELD("time_since_last_clear"), 1e-3, "s", "_seconds" }, /* ms */
	{ UNIT_FIELD("voltage_sensor_value"), 0.01, "V", "_volts" }, /* 0.01 V */
};

static bool print_unit(const char *name, uint64_t val)
{
	char key[96];
	size_t i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(units[i].field, name))
			continue;
		print_uint(name, "%" PRIu64, val);
		snprintf(key, sizeof(key), "%s%s", name, units[i].key);
		print_double(key, " (%g ", val * units[i].scale);
		print_text("%s)\n", units[i].unit);
		return true;
	}
	return false;
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

/*
 * Opaque bytes longer than a line (MCIA's EEPROM data): text as a dump,
 * 16 bytes a line with their offset, trailing zero lines left out; JSON
 * as every byte array, one hex string.
 */
#define DUMP_LINE 16

static void print_dump(const char *key, const uint8_t *bytes, size_t nbytes,
		       unsigned int ind)
{
	size_t used = nbytes, i, j, n = 0, room = 2 * nbytes + 3;
	char *hex = print_is_json() ? malloc(room) : NULL;

	while (used && !bytes[used - 1])
		used--;
	for (i = 0; hex && i < nbytes; i++)
		n += snprintf(hex + n, room - n, "%s%02x", i ? "" : "0x",
			      bytes[i]);
	/* Out of memory: the key stays, empty, rather than vanish. */
	print_string(key, NULL, hex ? hex : "");
	free(hex);
	print_text("%zu bytes%s\n", nbytes,
		   used < nbytes ? ", zero after the last line" : "");
	for (i = 0; i < used; i += DUMP_LINE) {
		print_text("%*s  %04zx:", ind, "", i);
		for (j = i; j < i + DUMP_LINE && j < nbytes; j++)
			print_text(" %02x", bytes[j]);
		print_text("\n");
	}
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

/* "a, b" of the named bits set in VAL (PRM_MASK), or "" when none is. */
static void mask_names(const struct prm_field *f, uint64_t val, char *buf,
		       size_t len)
{
	size_t n = 0;
	unsigned int bit;
	const char *name;

	buf[0] = 0;
	/* Some masks name their empty value: auto_mode. */
	if (!val && (name = prm_enum_name(f, 0))) {
		snprintf(buf, len, "%s", name);
		return;
	}
	for (bit = 0; bit < 64 && bit < f->bits && n + 1 < len; bit++) {
		if (!(val & (1ull << bit)))
			continue;
		name = prm_enum_name(f, 1ull << bit);
		n += snprintf(buf + n, len - n, "%s%s", n ? ", " : "",
			      name ? name : "?");
	}
}

static bool has_unit(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (n == units[i].len && !memcmp(units[i].field, name, n))
			return true;
	return false;
}

/* Text: "NAME   " in the name column, into the line. */
static void text_label(struct decode_ctx *c, const struct field_note *n)
{
	unsigned int ind = text_indent(c);
	size_t width = c->width > ind ? c->width - ind : 0, w;

	line_pad(c, ind);
	w = label(c, n->f->name, n->len);
	if (w < width)
		line_pad(c, width - w);
	line_char(c, ' ');
}

enum value_kind { VAL_STRING, VAL_INT, VAL_HEX, VAL_UINT, VAL_OTHER };

/*
 * The kinds most fields are - a name, a number - printed straight into
 * the line; VAL_OTHER (bytes, strings, temperatures, units, masks) goes
 * to print_other().
 */
static enum value_kind kind_of(const struct field_note *n, uint64_t val,
			       const uint8_t *bytes, const char **ename)
{
	const struct prm_field *f = n->f;

	*ename = NULL;
	if (bytes || (f->flags & (PRM_STR | PRM_MASK)))
		return VAL_OTHER;
	if (f->enums && (*ename = prm_enum_name(f, val)))
		return VAL_STRING;
	if (n->other)
		return VAL_OTHER;
	if (f->flags & PRM_SIGNED)
		return VAL_INT;
	return f->flags & PRM_HEX ? VAL_HEX : VAL_UINT;
}

static void json_value(const struct field_note *n, enum value_kind kind,
		       uint64_t val, const char *ename)
{
	const struct prm_field *f = n->f;

	if (n->plain)
		print_next_key(n->len);
	switch (kind) {
	case VAL_STRING:
		print_string(f->name, NULL, ename);
		break;
	case VAL_INT:
		print_int(f->name, NULL, sign_extend(val, f->bits));
		break;
	case VAL_HEX:
		print_hex(f->name, NULL, val);
		break;
	default:
		print_uint(f->name, NULL, val);
	}
}

static void text_value(struct decode_ctx *c, const struct prm_field *f,
		       enum value_kind kind, uint64_t val, const char *ename)
{
	char num[24], *end = num + sizeof(num), *p;
	int64_t sval;

	if (kind == VAL_STRING) {
		line_put(c, ename, strlen(ename));
	} else if (kind == VAL_INT && (sval = sign_extend(val, f->bits)) < 0) {
		p = print_fmt_u64(end, -(uint64_t)sval, false);
		*--p = '-';
		line_put(c, p, end - p);
	} else {
		p = print_fmt_u64(end, val, kind == VAL_HEX);
		line_put(c, p, end - p);
	}
	line_char(c, '\n');
}

static void print_other(struct decode_ctx *c, const struct prm_field *f,
			uint64_t val, const uint8_t *bytes, size_t nbytes);

static void print_field(struct decode_ctx *c, const struct field_note *n,
			uint64_t val, const uint8_t *bytes, size_t nbytes)
{
	const char *ename;
	enum value_kind kind = kind_of(n, val, bytes, &ename);

	if (c->json) {
		if (kind != VAL_OTHER)
			json_value(n, kind, val, ename);
		else
			print_other(c, n->f, val, bytes, nbytes);
		return;
	}
	text_label(c, n);
	if (kind != VAL_OTHER) {
		text_value(c, n->f, kind, val, ename);
		return;
	}
	line_flush(c);
	print_other(c, n->f, val, bytes, nbytes);
}

static void print_other(struct decode_ctx *c, const struct prm_field *f,
			uint64_t val, const uint8_t *bytes, size_t nbytes)
{
	unsigned int ind = text_indent(c);
	char names[256];
	const char *ename;
	char key[96];
	int64_t sval;

	if (bytes && !(f->flags & PRM_STR) && nbytes > DUMP_LINE &&
	    !all_zero(bytes, nbytes)) {
		print_dump(f->name, bytes, nbytes, ind);
		return;
	}
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
	ename = f->enums && !(f->flags & PRM_MASK) ? prm_enum_name(f, val) :
						     NULL;
	if (ename) {
		print_string(f->name, "%s\n", ename);
	} else if (is_temperature(f->name, strlen(f->name))) {
		sval = f->flags & PRM_SIGNED ? sign_extend(val, f->bits) : (int64_t)val;
		print_int(f->name, "%" PRId64, sval);
		snprintf(key, sizeof(key), "%s_celsius", f->name);
		print_double(key, " (%.3f C)\n", sval * temperature_unit(f));
	} else if (print_unit(f->name, val)) {
		/* printed with its unit */
	} else if (f->flags & PRM_SIGNED) {
		print_int(f->name, "%" PRId64 "\n", sign_extend(val, f->bits));
	} else if (f->flags & PRM_MASK) {
		/* JSON: the mask, as every mask; text: and what it means. */
		mask_names(f, val, names, sizeof(names));
		print_hex(f->name, "0x%" PRIx64, val);
		print_text(names[0] ? " (%s)\n" : "%s\n", names);
	} else if (f->flags & PRM_HEX) {
		print_hex(f->name, "0x%" PRIx64 "\n", val);
	} else {
		print_uint(f->name, "%" PRIu64 "\n", val);
	}
}

/*
 * Fields the PRM says are valid only in some state of another field of
 * the same layout: not shown otherwise, since their zero means nothing
 * (PMAOS error_type 0 reads "power_budget_exceeded").
 */
static const struct {
	const char *layout, *field, *selector;
	uint64_t value;
} valid_when[] = {
	{ "pmaos_reg", "error_type", "oper_status", 3 },	/* with error */
};

static bool invalid_now(const struct decode_ctx *c, const struct prm_field *f)
{
	const struct prm_field *sel;
	size_t i;

	if (!c->rules || f < c->s->fields || f >= c->s->fields + c->s->nfields)
		return false;
	for (i = 0; i < sizeof(valid_when) / sizeof(valid_when[0]); i++) {
		if (strcmp(valid_when[i].layout, c->s->name) ||
		    strcmp(valid_when[i].field, f->name))
			continue;
		sel = prm_field_find(c->s, valid_when[i].selector);
		return sel && (uint64_t)sel->off + sel->bits <= c->len * 8 &&
		       prm_get(c->buf, sel->off, sel->bits) !=
		       valid_when[i].value;
	}
	return false;
}

/*
 * Halves of one value: X_high/X_low numbers (counters), X_hi/X_lo text
 * (MTMP's sensor name; temp_threshold_hi/_lo are two values, not text).
 */
static const struct {
	const char *suffix[2];
	size_t len[2];
	uint32_t str;		/* PRM_STR or 0: what both halves must be */
} halves[] = {
#define HALVES(hi, lo, str) { { hi, lo }, { sizeof(hi) - 1, sizeof(lo) - 1 }, str }
	HALVES("_high", "_low", 0),
	HALVES("_hi", "_lo", PRM_STR),
#undef HALVES
};

/* The halves[] row F's name ends in the high suffix of, or -1. */
static int high_half(const struct prm_field *f, size_t n)
{
	unsigned int i;

	if (f->bits != 32 || f->count != 1 || f->enums ||
	    (f->flags & PRM_SIGNED) || f->off % 32)
		return -1;
	for (i = 0; i < sizeof(halves) / sizeof(halves[0]); i++) {
		if ((f->flags & PRM_STR) == halves[i].str &&
		    n > halves[i].len[0] &&
		    ends_with(f->name, n, halves[i].suffix[0],
			      halves[i].len[0]))
			return i;
	}
	return -1;
}

/* F is the low half of the held high one: same stem, the next 32 bits. */
static bool low_half(const struct decode_ctx *c, const struct prm_field *f,
		     size_t n)
{
	int half = c->high_note.high;
	size_t stem = c->high_note.len - halves[half].len[0];

	return f->bits == 32 && f->count == 1 && f->off == c->high->off + 32 &&
	       (f->flags & PRM_STR) == (c->high->flags & PRM_STR) &&
	       n == stem + halves[half].len[1] &&
	       !memcmp(f->name, c->high->name, stem) &&
	       !memcmp(f->name + stem, halves[half].suffix[1],
		       halves[half].len[1]);
}

static void flush_high(struct decode_ctx *c)
{
	const struct prm_field *f = c->high;

	c->high = NULL;
	if (f)
		print_field(c, &c->high_note, c->high_val, NULL, 0);
}

#define NOTES 1024	/* consecutive fields take consecutive slots */

static struct field_note notes[NOTES];

/* Printed by print_other(): NAME (N bytes) is a temperature or a unit. */
static bool is_other(const char *name, size_t n)
{
	return is_temperature(name, n) || has_unit(name, n);
}

static void note_fill(struct field_note *n, const struct prm_field *f)
{
	size_t stem;

	n->f = f;
	n->name = f->name;
	n->len = strlen(f->name);
	n->high = high_half(f, n->len);
	n->other = is_other(f->name, n->len);
	stem = n->high >= 0 ? n->len - halves[n->high].len[0] : 0;
	n->joined_other = n->high >= 0 && is_other(f->name, stem);
	n->plain = print_key_plain(f->name);
	n->low_of = NULL;
}

void decode_forget(void)
{
	memset(notes, 0, sizeof(notes));
	memset(&last_width, 0, sizeof(last_width));
}

static struct field_note *note_of(const struct prm_field *f)
{
	struct field_note *n = &notes[(uintptr_t)f / sizeof(*f) % NOTES];

	if (n->f != f || n->name != f->name)
		note_fill(n, f);
	return n;
}

/*
 * Values the PRM splits into halves are one value: counters X_high and
 * X_low are shown as X, as "counters" shows them, and a sensor's name
 * halves as its name.
 */
static void print_joined(struct decode_ctx *c, uint64_t low)
{
	struct field_note n = c->high_note;
	struct prm_field joined = *c->high;
	char stem[96];

	n.len -= halves[n.high].len[0];
	if (n.len >= sizeof(stem))
		n.len = sizeof(stem) - 1;
	/*
	 * The name is the stem of the high half's: the fast paths take its
	 * length; print_other() and keys to escape need a string of its own.
	 */
	n.other = n.joined_other;
	if (n.other || !n.plain || (joined.flags & (PRM_STR | PRM_MASK))) {
		memcpy(stem, joined.name, n.len);
		stem[n.len] = 0;
		joined.name = stem;
	}
	joined.bits = 64;
	n.f = &joined;
	c->high = NULL;
	print_field(c, &n, low | c->high_val << 32, NULL, 0);
}

static void on_field(void *ctx, const struct prm_field *f, uint64_t val,
		     const uint8_t *bytes, size_t nbytes)
{
	struct decode_ctx *c = ctx;
	struct field_note *n = note_of(f);

	/* The names compared once: the next decode finds the pair noted. */
	if (c->high && (n->low_of == c->high || low_half(c, f, n->len))) {
		n->low_of = c->high;
		print_joined(c, val);
		return;
	}
	flush_high(c);
	if (invalid_now(c, f))
		return;
	/* Bytes come with arrays and wide fields, never with a half. */
	if (!bytes && n->high >= 0) {
		c->high = f;
		c->high_note = *n;
		c->high_val = val;
		return;
	}
	print_field(c, n, val, bytes, nbytes);
}

static const struct prm_visitor decode_visitor = {
	.begin = on_begin,
	.end = on_end,
	.field = on_field,
};

void decode_print(const struct prm_struct *s, const void *buf, size_t len,
		  unsigned int indent)
{
	char line[TEXT_BUF_LEN];
	struct decode_ctx c = {
		.line = line,
		.indent = indent,
		.s = s,
		.buf = buf,
		.len = len,
		.json = print_is_json(),
	};
	size_t i;

	/* The name column is text's alone. */
	if (!c.json)
		c.width = decode_width(s, indent);
	for (i = 0; s && i < sizeof(valid_when) / sizeof(valid_when[0]); i++)
		c.rules |= !strcmp(valid_when[i].layout, s->name);

	prm_walk(s, buf, len, &decode_visitor, &c);
	flush_high(&c);
	/* A walk that did not close its levels must not unbalance JSON. */
	while (c.depth)
		on_end(&c, c.depth <= DECODE_MAX_DEPTH && c.level[c.depth - 1].array);
	line_flush(&c);
}
