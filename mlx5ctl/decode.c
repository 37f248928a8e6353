// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Print a buffer through its layout.  A decode walks the layout once and
 * writes down what it printed as a plan: the labels (text) or keys (JSON)
 * as bytes, and for every value where it sits and how it prints.  The
 * next decode of the same layout, length and form - a watch, a scrape of
 * many devices - replays the plan while the unions' selectors still pick
 * the layouts they picked: no walk, no name rules, no label built again.
 * The tool's one thread only.
 */
#include <endian.h>
#include <linux/types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "decode.h"
#include "decode_int.h"
#include "print.h"

#define DECODE_MAX_DEPTH 16
#define DECODE_STEP 2
/* Text lines are kept until this much is pending: one write for many. */
#define TEXT_BUF_LEN 4096
#define PIECE_MAX 256	/* no piece of a line is longer */
/* Labels are cut as a char[80] snprintf() cut them. */
#define LABEL_MAX 79
#define PLANS 8		/* layouts a process keeps the plans of */
#define PLAN_MAX_OPS 8192	/* larger walks are not written down */

/* Text written in one go, not a piece at a time. */
struct line {
	char *buf;
	size_t len;
};

static void line_flush(struct line *l)
{
	print_text_raw(l->buf, l->len);
	l->len = 0;
}

/* Room for N more bytes (at most PIECE_MAX), writing what is pending. */
static size_t line_room(struct line *l, size_t n)
{
	if (n > PIECE_MAX)
		n = PIECE_MAX;
	if (n > TEXT_BUF_LEN - l->len)
		line_flush(l);
	return n;
}

static void line_put(struct line *l, const char *s, size_t n)
{
	n = line_room(l, n);
	print_copy(l->buf + l->len, s, n);
	l->len += n;
}

/* One byte: a store, not a call. */
static void line_char(struct line *l, char ch)
{
	line_room(l, 1);
	l->buf[l->len++] = ch;
}

/*
 * A label as it was made: whole (its pieces were cut when it was made,
 * and it is shorter than the buffer).
 */
static void line_lit(struct line *l, const char *lit, size_t n)
{
	if (n > TEXT_BUF_LEN - l->len)
		line_flush(l);
	print_copy(l->buf + l->len, lit, n);
	l->len += n;
}

/* LIT, then a value of N bytes (cut as a piece), then a newline. */
static void line_value(struct line *l, const char *lit, size_t len,
		       const char *s, size_t n)
{
	char *p;

	if (n > PIECE_MAX)
		n = PIECE_MAX;
	if (len + n + 1 > TEXT_BUF_LEN - l->len)
		line_flush(l);
	p = l->buf + l->len;
	print_copy(p, lit, len);
	p += len;
	print_copy(p, s, n);
	p += n;
	*p++ = '\n';
	l->len = p - l->buf;
}

static void line_pad(struct line *l, size_t n)
{
	n = line_room(l, n);
	memset(l->buf + l->len, ' ', n);
	l->len += n;
}

/* What a plan does, step by step. */
enum op_kind {
	OP_OPEN,	/* a nested object or array: LIT (text) */
	OP_CLOSE,
	OP_NUM,		/* LIT, then the value as NUM says */
	OP_ENUM,	/* LIT, then the value's name, or as NUM says */
	OP_OTHER,	/* LIT, then decode_other() */
};

enum num_kind { NUM_UINT, NUM_HEX, NUM_INT };

#define OPF_ARRAY	0x1	/* OPEN, CLOSE: an array */
#define OPF_JOIN	0x2	/* X_high at OFF and X_low after it: X */
#define OPF_BYTES	0x4	/* OTHER: BITS / 8 bytes from OFF */
#define OPF_DWORD	0x8	/* inside one whole dword of the buffer */

struct plan_op {
	uint8_t kind;
	uint8_t num;		/* enum num_kind */
	uint8_t flags;		/* OPF_* */
	uint8_t objects;	/* text: objects open around it */
	uint8_t shift;		/* DWORD: the value's lowest bit in it */
	uint32_t off, bits;	/* the value: bit offset and width */
	uint32_t memo;		/* ENUM: its enum_memo, plus 1 */
	uint32_t lit, lit_len;	/* its label or key in the plan's text */
	uint32_t name_len;	/* JOIN: the length of the joined name */
	/* The field: OTHER, ENUM, INT; JOIN: its high half. */
	const struct prm_field *f;
	const char *name;	/* OPEN: the JSON key, NULL for an element */
};

/*
 * An enum field's last name: a monitoring loop reads the same state
 * again and again.  A copy, since a name may not outlive the next ones.
 */
struct enum_memo {
	bool set, named;
	uint8_t len;
	uint64_t val;
	char name[30];
};

/* A union the walk resolved: a replay needs prm_choice() to agree. */
struct plan_guard {
	const struct prm_struct *s;
	const struct prm_field *f;
	size_t at;
	const struct prm_struct *u;
};

struct plan {
	/* What it is the plan of; NAME: a layout at S's address may not be S. */
	const struct prm_struct *s;
	const char *name;
	size_t len;
	unsigned int indent;
	bool json, kept;
	bool unkept;	/* too large to write down: decoded afresh each time */
	struct plan_op *ops;
	size_t nops, ops_size;
	struct plan_guard *guards;
	size_t nguards, guards_size;
	struct enum_memo *memo;
	size_t nmemo, memo_size;
	char *text;
	size_t text_len, text_size;
};

/* Where a decode prints. */
struct exec {
	const uint8_t *buf;
	size_t len;
	unsigned int indent;
	bool json;
	struct line out;	/* text */
};

static struct plan plans[PLANS];
static unsigned int plan_next;	/* the slot the next new plan takes */

static uint64_t op_value(const struct exec *x, const struct plan_op *op)
{
	__be32 be;

	if (op->flags & OPF_DWORD) {
		memcpy(&be, x->buf + op->off / 32 * 4, sizeof(be));
		return be32toh(be) >> op->shift &
		       (0xffffffffu >> (32 - op->bits));
	}
	if (op->flags & OPF_JOIN)
		return prm_get_fast(x->buf, op->off, 32) << 32 |
		       prm_get_fast(x->buf, op->off + 32, 32);
	if (op->flags & OPF_BYTES)
		return 0;
	return prm_get_fast(x->buf, op->off, op->bits);
}

/* A number as text or JSON writes it, ending at END; returns its start. */
static char *fmt_num(char *end, const struct plan_op *op, uint64_t val,
		     bool json)
{
	int64_t sval;
	char *p;

	if (op->num == NUM_INT &&
	    (sval = decode_sign_extend(val, op->f->bits)) < 0) {
		p = print_fmt_u64(end, -(uint64_t)sval, false);
		*--p = '-';
		return p;
	}
	if (op->num != NUM_HEX || !json)
		return print_fmt_u64(end, val, op->num == NUM_HEX);
	/* JSON has no hex: a string, as print_hex() writes it. */
	*--end = '"';
	p = print_fmt_u64(end, val, true);
	*--p = '"';
	return p;
}

static void put_num(struct exec *x, const struct plan_op *op, const char *lit,
		    uint64_t val)
{
	char num[32], *end = num + sizeof(num);
	char *p = fmt_num(end, op, val, x->json);

	if (x->json)
		print_member(lit, op->lit_len, p, end - p);
	else
		line_value(&x->out, lit, op->lit_len, p, end - p);
}

/* An enum's name; false when it needs the escapes print_string() has. */
static bool put_name(struct exec *x, const struct plan_op *op, const char *lit,
		     const char *name, size_t n)
{
	char q[PIECE_MAX + 2];

	if (!x->json) {
		line_value(&x->out, lit, op->lit_len, name, n);
		return true;
	}
	if (n > PIECE_MAX || !print_key_plain(name))
		return false;
	q[0] = '"';
	print_copy(q + 1, name, n);
	q[n + 1] = '"';
	print_member(lit, op->lit_len, q, n + 2);
	return true;
}

/* VAL's name for OP's field (its length in *N), or NULL. */
static const char *enum_name(const struct plan_op *op, uint64_t val,
			     struct enum_memo *memo, size_t *n)
{
	struct enum_memo *m = memo && op->memo ? &memo[op->memo - 1] : NULL;
	const char *name;

	if (m && m->set && m->val == val) {
		*n = m->len;
		return m->named ? m->name : NULL;
	}
	name = prm_enum_name(op->f, val);
	*n = name ? strlen(name) : 0;
	if (m) {
		/* A value without a name is remembered as one. */
		m->set = *n < sizeof(m->name);
		m->named = name;
		m->val = val;
		m->len = *n;
		if (m->set && name)
			memcpy(m->name, name, *n + 1);
	}
	return name;
}

/* The joined value's field: the high half's, named by their stem. */
static const struct prm_field *joined(const struct plan_op *op,
				      struct prm_field *j, char *stem,
				      size_t size)
{
	size_t n = op->name_len < size ? op->name_len : size - 1;

	*j = *op->f;
	j->bits = 64;
	memcpy(stem, op->f->name, n);
	stem[n] = 0;
	j->name = stem;
	return j;
}

static void run_other(struct exec *x, const struct plan_op *op,
		      const char *lit, uint64_t val)
{
	unsigned int ind = x->indent + op->objects * DECODE_STEP;
	const struct prm_field *f = op->f;
	struct prm_field j;
	char stem[96];

	if (op->flags & OPF_JOIN)
		f = joined(op, &j, stem, sizeof(stem));
	if (!x->json) {
		line_lit(&x->out, lit, op->lit_len);
		line_flush(&x->out);
	}
	if (op->flags & OPF_BYTES)
		decode_other(ind, f, 0, x->buf + op->off / 8, op->bits / 8);
	else
		decode_other(ind, f, val, NULL, 0);
}

static void run_open(struct exec *x, const struct plan_op *op,
		     const char *lit)
{
	if (!x->json)
		line_lit(&x->out, lit, op->lit_len);
	else if (op->flags & OPF_ARRAY)
		print_open_array(op->name);
	else
		print_open_object(op->name);
}

/* One step; MEMO: the plan's enum names, NULL while it is being made. */
static void run_op(struct exec *x, const struct plan_op *op, const char *lit,
		   struct enum_memo *memo)
{
	const char *name;
	uint64_t val;
	size_t n;

	switch (op->kind) {
	case OP_OPEN:
		run_open(x, op, lit);
		return;
	case OP_CLOSE:
		if (x->json && (op->flags & OPF_ARRAY))
			print_close_array();
		else if (x->json)
			print_close_object();
		return;
	case OP_OTHER:
		run_other(x, op, lit, op_value(x, op));
		return;
	}
	val = op_value(x, op);
	name = op->kind == OP_ENUM ? enum_name(op, val, memo, &n) : NULL;
	if (!name)
		put_num(x, op, lit, val);
	else if (!put_name(x, op, lit, name, n))
		/* A name to escape: as the print layer writes any string. */
		print_string(op->f->name, NULL, name);
}

/* Replaying: what was printed, the values read again. */
static void replay(const struct plan *p, struct exec *x)
{
	size_t i;

	for (i = 0; i < p->nops; i++)
		run_op(x, &p->ops[i], p->text + p->ops[i].lit, p->memo);
}

static bool guards_hold(const struct plan *p, const struct exec *x)
{
	const struct plan_guard *g;
	size_t i;

	/* By index: a plan without unions has no guard array at all. */
	for (i = 0; i < p->nguards; i++) {
		g = &p->guards[i];
		if (prm_choice(g->s, g->f, x->buf + g->at, x->len - g->at) !=
		    g->u)
			return false;
	}
	return true;
}

static void plan_free(struct plan *p)
{
	free(p->ops);
	free(p->guards);
	free(p->memo);
	free(p->text);
	memset(p, 0, sizeof(*p));
}

/* Room for one more of N-byte items at *ARR, which holds *SIZE. */
static bool grow(void *arr, size_t *size, size_t used, size_t more,
		 size_t n)
{
	size_t want = *size ? *size : 16;
	void *a;

	while (want < used + more)
		want *= 2;
	if (want == *size)
		return true;
	a = realloc(*(void **)arr, want * n);
	if (!a)
		return false;
	*(void **)arr = a;
	*size = want;
	return true;
}

/* OP and its label, LIT (N bytes), written down; false when out of room. */
static bool plan_add(struct plan *p, const struct plan_op *op,
		     const char *lit, size_t n)
{
	struct plan_op *o;

	if (p->nops >= PLAN_MAX_OPS ||
	    !grow(&p->ops, &p->ops_size, p->nops, 1, sizeof(*op)) ||
	    !grow(&p->text, &p->text_size, p->text_len, n, 1))
		return false;
	if (op->kind == OP_ENUM) {
		if (!grow(&p->memo, &p->memo_size, p->nmemo, 1,
			  sizeof(*p->memo)))
			return false;
		memset(&p->memo[p->nmemo++], 0, sizeof(*p->memo));
	}
	o = &p->ops[p->nops++];
	*o = *op;
	o->memo = op->kind == OP_ENUM ? p->nmemo : 0;
	o->lit = p->text_len;
	memcpy(p->text + p->text_len, lit, n);
	p->text_len += n;
	return true;
}

static bool plan_guard(struct plan *p, const struct plan_guard *g)
{
	if (!grow(&p->guards, &p->guards_size, p->nguards, 1, sizeof(*g)))
		return false;
	p->guards[p->nguards++] = *g;
	return true;
}

static struct plan *plan_find(const struct prm_struct *s,
			      const struct exec *x)
{
	struct plan *p;

	for (p = plans; p < plans + PLANS; p++)
		if ((p->kept || p->unkept) && p->s == s && p->name == s->name &&
		    p->len == x->len && p->json == x->json &&
		    p->indent == x->indent)
			return p;
	return NULL;
}

/* A slot for S's plan: P (whose unions chose otherwise) or the oldest. */
static struct plan *plan_start(struct plan *p, const struct prm_struct *s,
			       const struct exec *x)
{
	if (!p) {
		p = &plans[plan_next];
		plan_next = (plan_next + 1) % PLANS;
	}
	p->kept = p->unkept = false;
	p->nops = p->nguards = p->nmemo = p->text_len = 0;
	p->s = s;
	p->name = s->name;
	p->len = x->len;
	p->json = x->json;
	p->indent = x->indent;
	return p;
}

void decode_forget(void)
{
	struct plan *p;

	for (p = plans; p < plans + PLANS; p++)
		plan_free(p);
	plan_next = 0;
	decode_width(NULL, 0);
}

/* Building a plan: the walk, the name rules and the labels. */

struct decode_level {
	bool array;
	unsigned int index;	/* next element of an array */
	char name[64];		/* the array's name, to label its elements */
};

/*
 * What the name rules make of a field: its length, whether it is the
 * high half of a value (halves[]), a temperature or a unit, and whether
 * its name is a JSON key as it is.
 */
struct field_note {
	const struct prm_field *f;
	size_t len;		/* strlen(f->name) */
	int high;		/* halves[] row of its high half, or -1 */
	bool other;		/* temperature or unit: decode_other() */
	bool joined_other;	/* the same for the value it joins into */
	bool plain;		/* name is a key without escapes */
};

struct build {
	struct exec *x;		/* the decode, printing as it goes */
	struct plan *p;		/* where it is written down; NULL: not */
	const struct prm_struct *s;
	unsigned int width;	/* text: the name column */
	unsigned int depth;
	unsigned int objects;	/* open nested objects: text indentation */
	struct decode_level level[DECODE_MAX_DEPTH];
	bool rules;		/* valid_when[] has rows for this layout */
	/* A 32-bit X_high held until its X_low: one 64-bit value X. */
	const struct prm_field *high;
	uint64_t high_off;
	struct field_note high_note;
	struct line lit;	/* the next step's label */
};

/* The step, printed now and written down for the next decode. */
static void emit(struct build *b, struct plan_op *op)
{
	op->lit_len = b->lit.len;
	run_op(b->x, op, b->lit.buf, NULL);
	if (b->p && !plan_add(b->p, op, b->lit.buf, b->lit.len)) {
		/* Not kept; the slot says so, and no other is pushed out. */
		b->p->unkept = true;
		b->p = NULL;
	}
	b->lit.len = 0;
}

static struct decode_level *cur(struct build *b)
{
	/* Past DECODE_MAX_DEPTH levels are counted, not kept. */
	if (!b->depth || b->depth > DECODE_MAX_DEPTH)
		return NULL;
	return &b->level[b->depth - 1];
}

/*
 * The text label of the next item, into the label: its name, or
 * "array[i]" in an array.
 */
static size_t label(struct build *b, const char *name, size_t n)
{
	struct decode_level *l = cur(b);
	char num[24], *end = num + sizeof(num), *p;
	size_t m;

	if (!(l && l->array)) {
		n = n < LABEL_MAX ? n : LABEL_MAX;
		line_put(&b->lit, name, n);
		return n;
	}
	n = strlen(l->name);
	n = n < LABEL_MAX ? n : LABEL_MAX;
	line_put(&b->lit, l->name, n);
	end[-1] = ']';
	p = print_fmt_u64(end - 1, l->index++, false);
	*--p = '[';
	m = end - p;
	if (n + m > LABEL_MAX)
		m = LABEL_MAX - n;
	line_put(&b->lit, p, m);
	return n + m;
}

static unsigned int text_indent(const struct build *b)
{
	return b->x->indent + b->objects * DECODE_STEP;
}

/* Text: "NAME   " in the name column; JSON: "NAME": as a key. */
static void field_label(struct build *b, const struct field_note *n)
{
	unsigned int ind = text_indent(b);
	size_t width = b->width > ind ? b->width - ind : 0, w;

	if (b->x->json) {
		line_char(&b->lit, '"');
		line_put(&b->lit, n->f->name, n->len);
		line_put(&b->lit, "\":", 2);
		return;
	}
	line_pad(&b->lit, ind);
	w = label(b, n->f->name, n->len);
	if (w < width)
		line_pad(&b->lit, width - w);
	line_char(&b->lit, ' ');
}

/* NAME (or "") into L, cut as snprintf() would: a copy, not a format. */
static void level_name(struct decode_level *l, const char *name)
{
	size_t n = name ? strnlen(name, sizeof(l->name) - 1) : 0;

	memcpy(l->name, name ? name : "", n);
	l->name[n] = 0;
}

/*
 * How a field prints: the kinds most fields are - a number, a name - by
 * the plan itself; the rest (bytes, strings, masks, temperatures, units,
 * keys to escape) by decode_other().
 */
static void op_kind(struct plan_op *op, const struct field_note *n,
		    bool bytes, bool json)
{
	const struct prm_field *f = n->f;

	op->num = f->flags & PRM_SIGNED ? NUM_INT :
		  f->flags & PRM_HEX ? NUM_HEX : NUM_UINT;
	if (bytes || (f->flags & (PRM_STR | PRM_MASK)) || n->other ||
	    (json && !n->plain))
		op->kind = OP_OTHER;
	else
		op->kind = f->enums ? OP_ENUM : OP_NUM;
}

static void emit_field(struct build *b, const struct field_note *n,
		       uint64_t off, const uint8_t *bytes, size_t nbytes)
{
	struct plan_op op = {
		.off = off,
		.bits = bytes ? nbytes * 8 : n->f->bits,
		.flags = bytes ? OPF_BYTES : 0,
		.objects = b->objects,
		.f = n->f,
	};

	op_kind(&op, n, bytes, b->x->json);
	/* Most fields sit in one dword: a load and a shift, not prm_get(). */
	if (!bytes && op.bits && off % 32 + op.bits <= 32 &&
	    (off / 32 + 1) * 4 <= b->x->len) {
		op.flags |= OPF_DWORD;
		op.shift = 32 - off % 32 - op.bits;
	}
	field_label(b, n);
	emit(b, &op);
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
	for (i = 0; i < ARRAY_SIZE(halves); i++) {
		if ((f->flags & PRM_STR) == halves[i].str &&
		    n > halves[i].len[0] &&
		    decode_ends_with(f->name, n, halves[i].suffix[0],
				     halves[i].len[0]))
			return i;
	}
	return -1;
}

/* F is the low half of the held high one: same stem, the next 32 bits. */
static bool low_half(const struct build *b, const struct prm_field *f,
		     size_t n)
{
	int half = b->high_note.high;
	size_t stem = b->high_note.len - halves[half].len[0];

	return f->bits == 32 && f->count == 1 && f->off == b->high->off + 32 &&
	       (f->flags & PRM_STR) == (b->high->flags & PRM_STR) &&
	       n == stem + halves[half].len[1] &&
	       !memcmp(f->name, b->high->name, stem) &&
	       !memcmp(f->name + stem, halves[half].suffix[1],
		       halves[half].len[1]);
}

static void note_fill(struct field_note *n, const struct prm_field *f)
{
	size_t stem;

	n->f = f;
	n->len = strlen(f->name);
	n->high = high_half(f, n->len);
	n->other = decode_is_other(f->name, n->len);
	stem = n->high >= 0 ? n->len - halves[n->high].len[0] : 0;
	n->joined_other = n->high >= 0 && decode_is_other(f->name, stem);
	/* A longer key would be cut as a piece of a line. */
	n->plain = n->len <= PIECE_MAX - 3 && print_key_plain(f->name);
}

static void flush_high(struct build *b)
{
	const struct prm_field *f = b->high;

	b->high = NULL;
	if (f)
		emit_field(b, &b->high_note, b->high_off, NULL, 0);
}

/*
 * Values the PRM splits into halves are one value: counters X_high and
 * X_low are shown as X, as "counters" shows them, and a sensor's name
 * halves as its name.  The name is the stem of the high half's (cut to
 * the 95 bytes a stem is copied into).
 */
static void emit_joined(struct build *b)
{
	struct field_note n = b->high_note;
	struct plan_op op = {
		.off = b->high_off,
		.bits = 64,
		.flags = OPF_JOIN,
		.objects = b->objects,
		.f = b->high,
	};

	n.len -= halves[n.high].len[0];
	if (n.len > 95)
		n.len = 95;
	n.other = n.joined_other;
	op.name_len = n.len;
	op_kind(&op, &n, false, b->x->json);
	b->high = NULL;
	field_label(b, &n);
	emit(b, &op);
}

/*
 * Fields the PRM says are valid only in some state of another field of
 * the same layout: not shown otherwise, since their zero means nothing
 * (PMAOS error_type 0 reads "power_budget_exceeded").  A decode of such
 * a layout is not written down: what it shows depends on more than the
 * unions.
 */
static const struct {
	const char *layout, *field, *selector;
	uint64_t value;
} valid_when[] = {
	{ "pmaos_reg", "error_type", "oper_status", 3 },	/* with error */
};

static bool has_rules(const struct prm_struct *s)
{
	size_t i;

	for (i = 0; s && i < ARRAY_SIZE(valid_when); i++)
		if (!strcmp(valid_when[i].layout, s->name))
			return true;
	return false;
}

static bool invalid_now(const struct build *b, const struct prm_field *f)
{
	const struct prm_field *sel;
	const struct exec *x = b->x;
	size_t i;

	if (!b->rules || f < b->s->fields || f >= b->s->fields + b->s->nfields)
		return false;
	for (i = 0; i < ARRAY_SIZE(valid_when); i++) {
		if (strcmp(valid_when[i].layout, b->s->name) ||
		    strcmp(valid_when[i].field, f->name))
			continue;
		sel = prm_field_find(b->s, valid_when[i].selector);
		return sel && (uint64_t)sel->off + sel->bits <= x->len * 8 &&
		       prm_get(x->buf, sel->off, sel->bits) !=
		       valid_when[i].value;
	}
	return false;
}

static void on_field(void *ctx, const struct prm_field *f, uint64_t off,
		     uint64_t val, const uint8_t *bytes, size_t nbytes)
{
	struct build *b = ctx;
	struct field_note n;

	(void)val;	/* read again when the step runs */
	note_fill(&n, f);
	if (b->high && low_half(b, f, n.len)) {
		emit_joined(b);
		return;
	}
	flush_high(b);
	if (invalid_now(b, f))
		return;
	/* Bytes come with arrays and wide fields, never with a half. */
	if (!bytes && n.high >= 0) {
		b->high = f;
		b->high_off = off;
		b->high_note = n;
		return;
	}
	emit_field(b, &n, off, bytes, nbytes);
}

static void on_begin(void *ctx, const char *name, bool array)
{
	struct build *b = ctx;
	struct plan_op op = {
		.kind = OP_OPEN,
		.flags = array ? OPF_ARRAY : 0,
		.name = name,
	};
	struct decode_level *l;

	flush_high(b);
	if (array && !b->x->json) {
		/* Text: the elements say "name[i]" themselves, no header. */
		label(b, name, 0);	/* counts the element, as before */
		b->lit.len = 0;
	} else if (!b->x->json) {
		line_pad(&b->lit, text_indent(b));
		label(b, name, name ? strlen(name) : 0);
		line_put(&b->lit, ":\n", 2);
	}
	emit(b, &op);
	if (!array)
		b->objects++;
	if (b->depth >= DECODE_MAX_DEPTH) {
		b->depth++;
		return;
	}
	l = &b->level[b->depth++];
	l->array = array;
	l->index = 0;
	level_name(l, name);
}

static void on_end(void *ctx, bool array)
{
	struct build *b = ctx;
	struct plan_op op = {
		.kind = OP_CLOSE,
		.flags = array ? OPF_ARRAY : 0,
	};

	flush_high(b);
	if (!b->depth)
		return;
	b->depth--;
	emit(b, &op);
	if (!array && b->objects)
		b->objects--;
}

static void on_choice(void *ctx, const struct prm_struct *s,
		      const struct prm_field *f, size_t at,
		      const struct prm_struct *u)
{
	struct build *b = ctx;
	struct plan_guard g = { .s = s, .f = f, .at = at, .u = u };

	if (b->p && !plan_guard(b->p, &g)) {
		b->p->unkept = true;
		b->p = NULL;
	}
}

static const struct prm_visitor build_visitor = {
	.begin = on_begin,
	.end = on_end,
	.field_at = on_field,
	.choice = on_choice,
};

/* Decode S, writing it down in P unless P is NULL. */
static void build(const struct prm_struct *s, struct exec *x, struct plan *p)
{
	char lit[TEXT_BUF_LEN];
	struct build b = {
		.x = x,
		.p = p,
		.s = s,
		.lit = { lit, 0 },
		.rules = has_rules(s),
	};

	/* The name column is text's alone. */
	if (!x->json)
		b.width = decode_width(s, x->indent);

	prm_walk(s, x->buf, x->len, &build_visitor, &b);
	flush_high(&b);
	/* A walk that did not close its levels must not unbalance JSON. */
	while (b.depth)
		on_end(&b, b.depth <= DECODE_MAX_DEPTH &&
		       b.level[b.depth - 1].array);
	if (b.p)
		b.p->kept = true;
}

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
	const char *name;	/* a layout at a reused address is not S */
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

void decode_print(const struct prm_struct *s, const void *buf, size_t len,
		  unsigned int indent)
{
	char out[TEXT_BUF_LEN];
	struct exec x = {
		.buf = buf,
		.len = len,
		.indent = indent,
		.json = print_is_json(),
		.out = { out, 0 },
	};
	struct plan *p = NULL;

	if (s && buf && !has_rules(s)) {
		p = plan_find(s, &x);
		if (p && !p->unkept && guards_hold(p, &x)) {
			replay(p, &x);
			line_flush(&x.out);
			return;
		}
		/* One too large to write down is decoded afresh each time. */
		p = p && p->unkept ? NULL : plan_start(p, s, &x);
	}
	build(s, &x, p);
	line_flush(&x.out);
}
