// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * decode_all: every register and capability layout of the database
 * decoded the way "mlx5ctl reg show" and "cap show" do (the tool's
 * decode.c and print.c are built in), as text, plain JSON and pretty
 * JSON, each case after a line "== NAME" and again after "== NAME again"
 * (the tool replays a decode it has seen: the second must not differ).
 * Buffers: all zero, and filled from a fixed generator, whole and cut in
 * half; registers with unions once for every layout a selector picks.
 *
 * decode_check.py compares the output case by case with a reference
 * this program wrote when built with an earlier decode.c and print.c
 * (decode_reference.sh), so a rework of the decoder keeps every byte.
 * It uses only what both have: decode_print() and the print_* calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "print.h"
#include "prm.h"

enum fill { FILL_ZERO, FILL_RANDOM, FILL_HALF };

static const char *const fill_names[] = { "zero", "random", "half" };

static void fill(uint8_t *buf, size_t len, enum fill how, uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 0x12345678;
	size_t i;

	for (i = 0; i < len; i++) {
		x = x * 1103515245 + 12345;
		buf[i] = how == FILL_ZERO ? 0 : x >> 24;
	}
}

/* One case in the three forms. */
static void decode_case(const char *name, const struct prm_struct *s,
			const uint8_t *buf, size_t len)
{
	static const struct {
		const char *form;
		bool json, pretty;
	} forms[] = {
		{ "text", false, false },
		{ "json", true, false },
		{ "pretty", true, true },
	};
	size_t i;

	for (i = 0; i < 2 * sizeof(forms) / sizeof(forms[0]); i++) {
		printf("== %s %s%s\n", name, forms[i / 2].form,
		       i % 2 ? " again" : "");
		print_init(forms[i / 2].json, forms[i / 2].pretty);
		print_open_object(s->name);
		decode_print(s, buf, len, 2);
		print_close_object();
		print_fini();
		fflush(stdout);
	}
}

/* S with SELECTOR=VALUE set, or as filled when SELECTOR is NULL. */
static void decode_fills(const char *name, const struct prm_struct *s,
			 const char *selector, uint64_t value, uint32_t seed)
{
	size_t len = s->bits / 8;
	const struct prm_field *f = selector ? prm_field_find(s, selector) : NULL;
	char label[160];
	uint8_t *buf;
	int how;

	buf = calloc(1, len ? len : 1);
	if (!buf)
		exit(1);
	for (how = FILL_ZERO; how <= FILL_HALF; how++) {
		fill(buf, len, how, seed);
		if (f)
			prm_set(buf, f->off, f->bits, value);
		snprintf(label, sizeof(label), "%s %s", name, fill_names[how]);
		decode_case(label, s, buf, how == FILL_HALF ? len / 2 : len);
	}
	free(buf);
}

static void decode_alts(const char *name, const struct prm_struct *s,
			uint32_t seed)
{
	const struct prm_alt *a;
	char label[128];
	size_t i;

	for (i = 0; (a = prm_alt_at(i)); i++) {
		if (a->s != s)
			continue;
		snprintf(label, sizeof(label), "%s %s=0x%llx", name,
			 a->selector, (unsigned long long)a->value);
		decode_fills(label, s, a->selector, a->value, seed);
	}
}

int main(void)
{
	const struct prm_reg *r;
	const struct prm_cap *c;
	char label[96];
	size_t i;

	for (i = 0; (r = prm_reg_at(i)); i++) {
		snprintf(label, sizeof(label), "reg %s", r->name);
		decode_fills(label, r->layout, NULL, 0, i);
		decode_alts(label, r->layout, i);
	}
	for (i = 0; (c = prm_cap_at(i)); i++) {
		snprintf(label, sizeof(label), "cap %s", c->name);
		decode_fills(label, c->layout, NULL, 0, 1000 + i);
	}
	return 0;
}
