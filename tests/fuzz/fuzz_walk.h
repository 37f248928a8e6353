/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * The layout walk as an oracle, for the targets that build layouts from
 * untrusted bytes: every field the walk reports lies inside the buffer,
 * and levels open and close in pairs.
 */
#ifndef MLX5CTL_FUZZ_WALK_H
#define MLX5CTL_FUZZ_WALK_H

#include "fuzz.h"
#include "prm.h"

struct fuzz_walk {
	const uint8_t *buf;
	size_t len;
	int depth;
};

static void fuzz_walk_begin(void *ctx, const char *name, bool array)
{
	((struct fuzz_walk *)ctx)->depth++;
}

static void fuzz_walk_end(void *ctx, bool array)
{
	FUZZ_CHECK(--((struct fuzz_walk *)ctx)->depth >= 0);
}

static void fuzz_walk_field(void *ctx, const struct prm_field *f, uint64_t val,
			    const uint8_t *bytes, size_t nbytes)
{
	struct fuzz_walk *w = ctx;

	FUZZ_CHECK(f && f->name);
	if (bytes)
		FUZZ_CHECK(bytes >= w->buf && nbytes <= w->len &&
			   (size_t)(bytes - w->buf) <= w->len - nbytes);
}

/* Walk S over BUF[LEN] with the checks above. */
static inline void fuzz_walk(const struct prm_struct *s, const uint8_t *buf,
			     size_t len)
{
	static const struct prm_visitor checker = {
		.begin = fuzz_walk_begin,
		.end = fuzz_walk_end,
		.field = fuzz_walk_field,
	};
	struct fuzz_walk w = { .buf = buf, .len = len };

	prm_walk(s, buf, len, &checker, &w);
	FUZZ_CHECK(w.depth == 0);
}

#endif
