// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Bit access in big-endian PRM buffers and field lookup.
 *
 * Offsets count from the most significant bit of the first byte, as in
 * mlx5_ifc.h: bit OFF is bit 7 - OFF % 8 of byte OFF / 8, and a field's
 * last bit is its least significant.
 */
#include <string.h>

#include "prm.h"

static uint64_t low_mask(uint32_t bits)
{
	return bits >= 64 ? UINT64_MAX : (1ull << bits) - 1;
}

/*
 * Only the bytes a field covers are read or written, never the rest of
 * its dword: a buffer may end in the middle of one (a short register, a
 * command cut to the length the caller has).  A field spanning more than
 * eight bytes (64 bits not on a byte boundary) goes bit by bit.
 */
static uint64_t get_slow(const uint8_t *p, uint32_t off, uint32_t bits)
{
	uint64_t v = 0;
	uint32_t i;

	for (i = off; i < off + bits; i++)
		v = v << 1 | ((p[i / 8] >> (7 - i % 8)) & 1);
	return v;
}

static void set_slow(uint8_t *p, uint32_t off, uint32_t bits, uint64_t v)
{
	uint32_t i;

	for (i = off + bits; i-- > off; v >>= 1) {
		uint8_t m = 1u << (7 - i % 8);

		p[i / 8] = (v & 1) ? (p[i / 8] | m) : (p[i / 8] & ~m);
	}
}

uint64_t prm_get(const void *buf, uint32_t off, uint32_t bits)
{
	const uint8_t *p = buf;
	uint32_t first, last, i;
	uint64_t v = 0;

	if (!buf || !bits || bits > 64)
		return 0;
	first = off / 8;
	last = (off + bits - 1) / 8;
	if (last - first >= 8)
		return get_slow(p, off, bits);
	for (i = first; i <= last; i++)
		v = v << 8 | p[i];
	return (v >> (7 - (off + bits - 1) % 8)) & low_mask(bits);
}

void prm_set(void *buf, uint32_t off, uint32_t bits, uint64_t val)
{
	uint8_t *p = buf;
	uint32_t first, last, shift, i;
	uint64_t v = 0, mask;

	if (!buf || !bits || bits > 64)
		return;
	first = off / 8;
	last = (off + bits - 1) / 8;
	if (last - first >= 8) {
		set_slow(p, off, bits, val);
		return;
	}
	for (i = first; i <= last; i++)
		v = v << 8 | p[i];
	shift = 7 - (off + bits - 1) % 8;
	mask = low_mask(bits) << shift;
	v = (v & ~mask) | ((val << shift) & mask);
	for (i = last + 1; i-- > first; v >>= 8)
		p[i] = (uint8_t)v;
}

const struct prm_field *prm_field_find(const struct prm_struct *s,
				       const char *name)
{
	uint32_t i;

	if (!s || !name)
		return NULL;
	for (i = 0; i < s->nfields; i++)
		if (!strcmp(s->fields[i].name, name))
			return &s->fields[i];
	return NULL;
}
