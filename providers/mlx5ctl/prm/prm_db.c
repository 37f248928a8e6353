// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The runtime catalogue, expanded from the same db/\*.def tables as the
 * compile-time constants: const arrays only, nothing built at run time.
 */
#include <string.h>
#include <strings.h>

#include "prm.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Pass 1: declare every struct so a field can point at any of them. */
#define PRM_STRUCT(s, size) static const struct prm_struct prm_s_##s;
#include "db/prm_db.def"

/*
 * Pass 2: the field arrays.  The static assertions turn a field running
 * past its struct, or a sub-struct too big for its slot, into a build
 * failure naming the line.
 */
#define PRM_STRUCT(s, size) static const struct prm_field prm_f_##s[] = {
#define PRM_FIELD(s, f, off, bits, flags, enums)                         \
	{ #f, (off), (bits), 1, (flags), NULL, (enums) },
#define PRM_ARRAY(s, f, off, bits, count, flags)                         \
	{ #f, (off), (bits), (count), (flags), NULL, NULL },
#define PRM_SUB(s, f, off, sub)                                          \
	{ #f, (off), PRM_SIZE_##sub, 1, 0, &prm_s_##sub, NULL },
#define PRM_SUBARRAY(s, f, off, count, sub)                              \
	{ #f, (off), PRM_SIZE_##sub, (count), 0, &prm_s_##sub, NULL },
#define PRM_END(s) };
#include "db/prm_db.def"

#define PRM_FIELD(s, f, off, bits, flags, enums)                         \
	_Static_assert((off) + (bits) <= PRM_SIZE_##s && (bits) > 0,     \
		       #s "." #f " does not fit");
#define PRM_ARRAY(s, f, off, bits, count, flags)                         \
	_Static_assert((off) + (bits) * (count) <= PRM_SIZE_##s,         \
		       #s "." #f " does not fit");
#define PRM_SUB(s, f, off, sub)                                          \
	_Static_assert((off) + PRM_SIZE_##sub <= PRM_SIZE_##s,           \
		       #s "." #f " does not fit");
#define PRM_SUBARRAY(s, f, off, count, sub)                              \
	_Static_assert((off) + PRM_SIZE_##sub * (count) <= PRM_SIZE_##s, \
		       #s "." #f " does not fit");
#include "db/prm_db.def"

#define PRM_CHOICE(s, f, sel, val, layout)                               \
	_Static_assert(PRM_SIZE_##layout <=                              \
		       PRM_BITS_##s##__##f * PRM_COUNT_##s##__##f &&     \
		       PRM_BITS_##s##__##sel > 0,                        \
		       #layout " does not fit " #s "." #f);
#include "db/prm_db.def"

/* Pass 3: the structs. */
#define PRM_STRUCT(s, size)                                              \
	static const struct prm_struct prm_s_##s = {                     \
		#s, (size), prm_f_##s, ARRAY_SIZE(prm_f_##s), "builtin" };
#include "db/prm_db.def"

/* Pass 4: the lists. */
#define PRM_STRUCT(s, size) &prm_s_##s,
static const struct prm_struct *const prm_structs[] = {
#include "db/prm_db.def"
};

#define PRM_REG(name, id, layout) { #name, (id), &prm_s_##layout },
static const struct prm_reg prm_regs[] = {
#include "db/prm_db.def"
};

#define PRM_CAP(name, type, layout) { #name, (type), &prm_s_##layout },
static const struct prm_cap prm_caps[] = {
#include "db/prm_db.def"
};

#define PRM_CHOICE(s, f, sel, val, layout)                               \
	{ &prm_s_##s, #f, #sel, (val), &prm_s_##layout },
static const struct prm_alt prm_alts[] = {
#include "db/prm_db.def"
};

const struct prm_struct *prm_choice(const struct prm_struct *s,
				    const struct prm_field *f,
				    const void *buf, size_t len)
{
	const struct prm_field *sel = NULL;
	const char *sel_name = NULL;
	uint64_t v = 0;
	size_t i;

	if (!s || !f || !buf)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(prm_alts); i++) {
		const struct prm_alt *c = &prm_alts[i];

		if (c->s != s || strcmp(c->field, f->name))
			continue;
		/* All choices of one field share their selector. */
		if (!sel_name) {
			sel_name = c->selector;
			sel = prm_field_find(s, sel_name);
			if (!sel || (uint64_t)sel->off + sel->bits > (uint64_t)len * 8)
				return NULL;
			v = prm_get(buf, sel->off, sel->bits);
		}
		if (c->value == v)
			return c->layout;
	}
	return NULL;
}

const struct prm_alt *prm_alt_at(size_t i)
{
	return i < ARRAY_SIZE(prm_alts) ? &prm_alts[i] : NULL;
}

static const struct prm_ext *prm_ext;

void prm_extend(const struct prm_ext *ext)
{
	prm_ext = ext;
}

size_t prm_struct_count(void)
{
	return ARRAY_SIZE(prm_structs) + (prm_ext ? prm_ext->nstructs : 0);
}

const struct prm_struct *prm_struct_at(size_t i)
{
	if (i < ARRAY_SIZE(prm_structs))
		return prm_structs[i];
	i -= ARRAY_SIZE(prm_structs);
	return prm_ext && i < prm_ext->nstructs ? prm_ext->structs[i] : NULL;
}

const struct prm_struct *prm_struct_find(const char *name)
{
	const struct prm_struct *s;
	size_t i;

	for (i = 0; name && (s = prm_struct_at(i)); i++)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

size_t prm_reg_count(void)
{
	return ARRAY_SIZE(prm_regs) + (prm_ext ? prm_ext->nregs : 0);
}

const struct prm_reg *prm_reg_at(size_t i)
{
	if (i < ARRAY_SIZE(prm_regs))
		return &prm_regs[i];
	i -= ARRAY_SIZE(prm_regs);
	return prm_ext && i < prm_ext->nregs ? &prm_ext->regs[i] : NULL;
}

const struct prm_reg *prm_reg_find(const char *name)
{
	const struct prm_reg *r;
	size_t i;

	for (i = 0; name && (r = prm_reg_at(i)); i++)
		if (!strcasecmp(r->name, name))
			return r;
	return NULL;
}

const struct prm_reg *prm_reg_by_id(uint16_t id)
{
	const struct prm_reg *r;
	size_t i;

	for (i = 0; (r = prm_reg_at(i)); i++)
		if (r->id == id)
			return r;
	return NULL;
}

size_t prm_cap_count(void)
{
	return ARRAY_SIZE(prm_caps);
}

const struct prm_cap *prm_cap_at(size_t i)
{
	return i < ARRAY_SIZE(prm_caps) ? &prm_caps[i] : NULL;
}

const struct prm_cap *prm_cap_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < ARRAY_SIZE(prm_caps); i++)
		if (!strcasecmp(prm_caps[i].name, name))
			return &prm_caps[i];
	return NULL;
}

const struct prm_cap *prm_cap_by_type(uint16_t type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(prm_caps); i++)
		if (prm_caps[i].type == type)
			return &prm_caps[i];
	return NULL;
}
