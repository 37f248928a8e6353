// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Bit access in big-endian PRM buffers, field lookup and enum names.
 *
 * Offsets count from the most significant bit of the first dword, as in
 * mlx5_ifc.h, so a field of BITS at OFF inside one dword occupies bits
 * [31 - OFF % 32 .. 32 - OFF % 32 - BITS] of that dword.
 */
#include <errno.h>
#include <string.h>

#include "prm.h"

static uint32_t load_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void store_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t low_mask(uint32_t bits)
{
	return bits >= 32 ? 0xffffffffu : (1u << bits) - 1;
}

/*
 * Fields that straddle dwords do not occur in the PRM except for 64-bit
 * values on dword boundaries; anything else goes bit by bit, slowly but
 * correctly, rather than being refused.
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
	uint32_t shift;

	if (!buf || !bits || bits > 64)
		return 0;
	if (off % 32 + bits <= 32) {
		shift = 32 - off % 32 - bits;
		return (load_be32(p + off / 32 * 4) >> shift) & low_mask(bits);
	}
	if (bits == 64 && !(off % 32))
		return (uint64_t)load_be32(p + off / 8) << 32 |
		       load_be32(p + off / 8 + 4);
	return get_slow(p, off, bits);
}

void prm_set(void *buf, uint32_t off, uint32_t bits, uint64_t val)
{
	uint8_t *p = buf;
	uint32_t shift, mask, dw;

	if (!buf || !bits || bits > 64)
		return;
	if (off % 32 + bits <= 32) {
		shift = 32 - off % 32 - bits;
		mask = low_mask(bits) << shift;
		dw = load_be32(p + off / 32 * 4);
		dw = (dw & ~mask) | (((uint32_t)val << shift) & mask);
		store_be32(p + off / 32 * 4, dw);
		return;
	}
	if (bits == 64 && !(off % 32)) {
		store_be32(p + off / 8, val >> 32);
		store_be32(p + off / 8 + 4, (uint32_t)val);
		return;
	}
	set_slow(p, off, bits, val);
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

/*
 * Enum strings are "VALUE=name,VALUE=name": parsed in place on every call
 * (they are short, and a static table per field would double the
 * database for the few fields that have names).
 */
struct enum_iter {
	const char *p;
	uint64_t val;
	const char *name;
	size_t len;
};

static bool enum_next(struct enum_iter *it)
{
	const char *eq, *end;
	uint64_t v = 0;
	int base = 10;

	if (!it->p || !*it->p)
		return false;
	if (it->p[0] == '0' && (it->p[1] == 'x' || it->p[1] == 'X')) {
		base = 16;
		it->p += 2;
	}
	for (eq = it->p; *eq && *eq != '='; eq++) {
		unsigned int d;

		if (*eq >= '0' && *eq <= '9')
			d = *eq - '0';
		else if (base == 16 && *eq >= 'a' && *eq <= 'f')
			d = *eq - 'a' + 10;
		else if (base == 16 && *eq >= 'A' && *eq <= 'F')
			d = *eq - 'A' + 10;
		else
			return false;	/* malformed table: stop, never crash */
		v = v * base + d;
	}
	if (*eq != '=')
		return false;
	end = strchr(eq + 1, ',');
	if (!end)
		end = eq + 1 + strlen(eq + 1);
	it->val = v;
	it->name = eq + 1;
	it->len = end - (eq + 1);
	it->p = *end ? end + 1 : end;
	return true;
}

/* Names are handed out from a small ring so several fit in one printf. */
const char *prm_enum_name(const struct prm_field *f, uint64_t val)
{
	static __thread char ring[4][96];
	static __thread unsigned int slot;
	struct enum_iter it = { .p = f ? f->enums : NULL };
	char *out;

	while (enum_next(&it)) {
		if (it.val != val)
			continue;
		out = ring[slot++ % 4];
		if (it.len >= sizeof(ring[0]))
			it.len = sizeof(ring[0]) - 1;
		memcpy(out, it.name, it.len);
		out[it.len] = 0;
		return out;
	}
	return NULL;
}

int prm_enum_value(const struct prm_field *f, const char *name, uint64_t *val)
{
	struct enum_iter it = { .p = f ? f->enums : NULL };

	if (!name)
		return EINVAL;
	while (enum_next(&it)) {
		if (strlen(name) == it.len && !strncmp(name, it.name, it.len)) {
			*val = it.val;
			return 0;
		}
	}
	return ENOENT;
}
