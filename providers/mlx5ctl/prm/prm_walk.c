// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Decode a buffer through a layout, calling a visitor.  Positions are kept
 * in bits from the start of the caller's buffer, so a nested layout need
 * not start on a byte, and nothing past LEN is ever read.
 */
#include <string.h>

#include "prm.h"

/* Deeper than any PRM layout; bounds a malformed (runtime-loaded) one. */
#define PRM_WALK_MAX_DEPTH 16

struct walk {
	const uint8_t *buf;
	uint64_t len_bits;
	const struct prm_visitor *v;
	void *ctx;
};

static void walk_struct(const struct walk *w, const struct prm_struct *s,
			uint64_t base, unsigned int depth);

static bool fits(const struct walk *w, uint64_t off, uint64_t bits)
{
	return off + bits <= w->len_bits;
}

static void visit(const struct walk *w, const struct prm_field *f,
		  uint64_t off, uint64_t val, const uint8_t *bytes,
		  size_t nbytes)
{
	if (w->v->field_at)
		w->v->field_at(w->ctx, f, off, val, bytes, nbytes);
	else if (w->v->field)
		w->v->field(w->ctx, f, val, bytes, nbytes);
}

static void visit_scalar(const struct walk *w, const struct prm_field *f,
			 uint64_t off, uint64_t bits)
{
	if (!w->v->field && !w->v->field_at)
		return;
	if (bits <= 64)
		visit(w, f, off, prm_get_fast(w->buf, off, bits), NULL, 0);
	else if (!(off % 8))
		visit(w, f, off, 0, w->buf + off / 8, bits / 8);
}

static void begin(const struct walk *w, const char *name, bool array)
{
	if (w->v->begin)
		w->v->begin(w->ctx, name, array);
}

static void end(const struct walk *w, bool array)
{
	if (w->v->end)
		w->v->end(w->ctx, array);
}

static void walk_field(const struct walk *w, const struct prm_struct *s,
		       const struct prm_field *f, uint64_t base,
		       unsigned int depth)
{
	uint64_t off = base + f->off;
	uint32_t i, n;

	/* Strings and opaque bytes are one value, whatever their count. */
	if (!f->sub && (f->count > 1 || f->bits > 64) &&
	    (f->flags & (PRM_STR | PRM_BYTES) || f->bits > 64)) {
		uint64_t bits = (uint64_t)f->bits * f->count;
		const struct prm_struct *u = NULL;

		/* A union whose selector says what it holds. */
		if (!(base % 8) && base / 8 < w->len_bits / 8) {
			u = prm_choice(s, f, w->buf + base / 8,
				       w->len_bits / 8 - base / 8);
			if (w->v->choice)
				w->v->choice(w->ctx, s, f, base / 8, u);
		}
		if (u && off < w->len_bits) {
			begin(w, f->name, false);
			walk_struct(w, u, off, depth + 1);
			end(w, false);
			return;
		}
		if (fits(w, off, bits) && !(off % 8))
			visit(w, f, off, 0, w->buf + off / 8, bits / 8);
		return;
	}
	if (f->count == 1) {
		if (!f->sub) {
			if (fits(w, off, f->bits))
				visit_scalar(w, f, off, f->bits);
			return;
		}
		/* A nested layout opens if it starts inside LEN. */
		if (off >= w->len_bits)
			return;
		begin(w, f->name, false);
		walk_struct(w, f->sub, off, depth + 1);
		end(w, false);
		return;
	}
	/* An array: the elements that fit, each scalar or a nested level. */
	for (n = 0; n < f->count; n++) {
		uint64_t at = off + (uint64_t)n * f->bits;

		if (f->sub ? at >= w->len_bits : !fits(w, at, f->bits))
			break;
	}
	if (!n)
		return;
	begin(w, f->name, true);
	for (i = 0; i < n; i++, off += f->bits) {
		if (!f->sub) {
			visit_scalar(w, f, off, f->bits);
			continue;
		}
		begin(w, NULL, false);
		walk_struct(w, f->sub, off, depth + 1);
		end(w, false);
	}
	end(w, true);
}

static void walk_struct(const struct walk *w, const struct prm_struct *s,
			uint64_t base, unsigned int depth)
{
	uint32_t i;

	if (!s || depth > PRM_WALK_MAX_DEPTH)
		return;
	for (i = 0; i < s->nfields; i++) {
		const struct prm_field *f = &s->fields[i];
		uint64_t off = base + f->off;

		/*
		 * Most fields are one plain value: visited here, as
		 * walk_field() would, without its cases for the rest.
		 */
		if (!f->sub && f->count == 1 && f->bits <= 64) {
			if (fits(w, off, f->bits))
				visit_scalar(w, f, off, f->bits);
			continue;
		}
		walk_field(w, s, f, base, depth);
	}
}

void prm_walk(const struct prm_struct *s, const void *buf, size_t len,
	      const struct prm_visitor *v, void *ctx)
{
	struct walk w = {
		.buf = buf,
		.len_bits = (uint64_t)len * 8,
		.v = v,
		.ctx = ctx,
	};

	if (!s || !buf || !v)
		return;
	walk_struct(&w, s, 0, 0);
}
