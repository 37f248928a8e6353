// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The runtime catalogue, expanded from the same db/\*.def tables as the
 * compile-time constants.
 */
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "prm.h"
#include "prm_enum.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The built-in catalogue is stored without a pointer: names are offsets in
 * one string table, nested layouts indices.  Some 9,000 pointers would
 * otherwise be relocated by the dynamic loader at every start of every
 * program carrying the catalogue, whether it looks anything up or not
 * (170,000 instructions for "mlx5ctl --version", a third of its start-up).
 * prm_open() turns a layout's entries into the structs the API hands out
 * when a lookup first reaches it.
 */

/* Indices: a struct's, and a field's in the one array of all fields. */
#define PRM_STRUCT(s, size) PRM_IDX_##s,
enum prm_struct_idx {
#include "db/prm_db.def"
	PRM_NSTRUCTS
};

/*
 * A struct's fields run from PRM_FIRST_<s> to PRM_LAST_<s> (exclusive);
 * the markers take no index of their own.
 */
#define PRM_STRUCT(s, size) PRM_FIRST_##s, PRM_BEFORE_##s = PRM_FIRST_##s - 1,
#define PRM_FIELD(s, f, off, bits, flags, enums) PRM_FIDX_##s##__##f,
#define PRM_ARRAY(s, f, off, bits, count, flags) PRM_FIDX_##s##__##f,
#define PRM_SUB(s, f, off, sub) PRM_FIDX_##s##__##f,
#define PRM_SUBARRAY(s, f, off, count, sub) PRM_FIDX_##s##__##f,
#define PRM_END(s) PRM_LAST_##s, PRM_AFTER_##s = PRM_LAST_##s - 1,
enum prm_field_idx {
#include "db/prm_db.def"
	PRM_NFIELDS
};

/* The string table: a struct of char arrays, so offsetof() is the offset. */
#define PRM_STRUCT(s, size) char s_##s[sizeof(#s)];
#define PRM_FIELD(s, f, off, bits, flags, enums) char f_##s##__##f[sizeof(#f)];
#define PRM_ARRAY(s, f, off, bits, count, flags) char f_##s##__##f[sizeof(#f)];
#define PRM_SUB(s, f, off, sub) char f_##s##__##f[sizeof(#f)];
#define PRM_SUBARRAY(s, f, off, count, sub) char f_##s##__##f[sizeof(#f)];
#define PRM_REG(name, id, layout) char r_##name[sizeof(#name)];
#define PRM_CAP(name, type, layout) char c_##name[sizeof(#name)];
struct prm_names {
#include "db/prm_db.def"
};

#define PRM_STRUCT(s, size) #s,
#define PRM_FIELD(s, f, off, bits, flags, enums) #f,
#define PRM_ARRAY(s, f, off, bits, count, flags) #f,
#define PRM_SUB(s, f, off, sub) #f,
#define PRM_SUBARRAY(s, f, off, count, sub) #f,
#define PRM_REG(name, id, layout) #name,
#define PRM_CAP(name, type, layout) #name,
static const struct prm_names prm_names = {
#include "db/prm_db.def"
};

#define NAME(member) offsetof(struct prm_names, member)

/*
 * Enum strings, one slot per PRM_FIELD line, apart from the fields: the
 * catalogue's only pointers (155 set) stay out of the field table, which
 * is then read-only data every process shares.
 */
#define PRM_FIELD(s, f, off, bits, flags, enums) PRM_EIDX_##s##__##f,
enum prm_enum_idx {
#include "db/prm_db.def"
	PRM_NENUMS
};

#define PRM_FIELD(s, f, off, bits, flags, enums) (enums),
static const char *const prm_packed_enums[] = {
#include "db/prm_db.def"
};

struct prm_packed_field {
	uint32_t name;
	uint32_t off;
	uint32_t bits;
	uint32_t count;
	uint32_t flags;
	uint16_t sub;		/* PRM_IDX_ + 1; 0: none */
	uint16_t enums;		/* PRM_EIDX_ + 1; 0: none */
};

#define PRM_FIELD(s, f, off, bits, flags, enums)                         \
	{ NAME(f_##s##__##f), (off), (bits), 1, (flags), 0,              \
	  PRM_EIDX_##s##__##f + 1 },
#define PRM_ARRAY(s, f, off, bits, count, flags)                         \
	{ NAME(f_##s##__##f), (off), (bits), (count), (flags), 0, 0 },
#define PRM_SUB(s, f, off, sub)                                          \
	{ NAME(f_##s##__##f), (off), PRM_SIZE_##sub, 1, 0,               \
	  PRM_IDX_##sub + 1, 0 },
#define PRM_SUBARRAY(s, f, off, count, sub)                              \
	{ NAME(f_##s##__##f), (off), PRM_SIZE_##sub, (count), 0,         \
	  PRM_IDX_##sub + 1, 0 },
static const struct prm_packed_field prm_packed_fields[] = {
#include "db/prm_db.def"
};

/*
 * The static assertions turn a field running past its struct, or a
 * sub-struct too big for its slot, into a build failure naming the line.
 */
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

struct prm_packed_struct {
	uint32_t name;
	uint32_t bits;
	uint32_t first;		/* PRM_FIDX_ of its first field */
	uint32_t nfields;
};

#define PRM_STRUCT(s, size)                                              \
	{ NAME(s_##s), (size), PRM_FIRST_##s, PRM_LAST_##s - PRM_FIRST_##s },
static const struct prm_packed_struct prm_packed_structs[] = {
#include "db/prm_db.def"
};

/* name, id or type, layout index: registers and capabilities alike. */
struct prm_packed_entry {
	uint32_t name;
	uint16_t id;
	uint16_t layout;
};

#define PRM_REG(name, id, layout) { NAME(r_##name), (id), PRM_IDX_##layout },
static const struct prm_packed_entry prm_packed_regs[] = {
#include "db/prm_db.def"
};

#define PRM_CAP(name, type, layout)                                      \
	{ NAME(c_##name), (type), PRM_IDX_##layout },
static const struct prm_packed_entry prm_packed_caps[] = {
#include "db/prm_db.def"
};

/* The struct, the union field, its selector field, the value, the layout. */
struct prm_packed_alt {
	uint16_t s;
	uint16_t layout;
	uint32_t field;
	uint32_t selector;
	uint64_t value;
};

#define PRM_CHOICE(s, f, sel, val, layout)                               \
	{ PRM_IDX_##s, PRM_IDX_##layout, PRM_FIDX_##s##__##f,            \
	  PRM_FIDX_##s##__##sel, (val) },
static const struct prm_packed_alt prm_packed_alts[] = {
#include "db/prm_db.def"
};

_Static_assert(PRM_NSTRUCTS < UINT16_MAX && PRM_NENUMS < UINT16_MAX,
	       "layout and enum indices are 16 bits");
_Static_assert(sizeof(struct prm_names) < UINT32_MAX, "names are 32 bits");

/*
 * What the API hands out.  A layout is unpacked - its fields, and the
 * layouts nested in it - when a lookup first hands it out, so a command
 * pays for the few it uses; registers, capabilities and choices (small
 * entries naming layouts by address) all at once, on first use.
 */
static struct prm_field prm_fields[PRM_NFIELDS];
static struct prm_struct prm_structs[PRM_NSTRUCTS];
static struct prm_reg prm_regs[ARRAY_SIZE(prm_packed_regs)];
static struct prm_cap prm_caps[ARRAY_SIZE(prm_packed_caps)];
static struct prm_alt prm_alts[ARRAY_SIZE(prm_packed_alts)];
static pthread_once_t prm_entries_once = PTHREAD_ONCE_INIT;
/* Set (release) once a layout and all it nests are unpacked. */
static bool prm_ready_struct[PRM_NSTRUCTS];
/* Under prm_lock: a layout's unpacking has begun. */
static bool prm_begun[PRM_NSTRUCTS];
static pthread_mutex_t prm_lock = PTHREAD_MUTEX_INITIALIZER;
/* Parsed enum names by field, made on first use (prm_enum.c). */
static const struct prm_enum_tab *prm_enum_tabs[PRM_NFIELDS];

static const char *prm_name(uint32_t off)
{
	return (const char *)&prm_names + off;
}

static void prm_unpack_field(size_t i)
{
	const struct prm_packed_field *p = &prm_packed_fields[i];

	prm_fields[i] = (struct prm_field){
		.name = prm_name(p->name),
		.off = p->off,
		.bits = p->bits,
		.count = p->count,
		.flags = p->flags,
		.sub = p->sub ? &prm_structs[p->sub - 1] : NULL,
		.enums = p->enums ? prm_packed_enums[p->enums - 1] : NULL,
	};
}

/* Layout I and what it nests; prm_lock held. */
static void prm_unpack_struct(size_t i)
{
	const struct prm_packed_struct *p = &prm_packed_structs[i];
	size_t j, end = (size_t)p->first + p->nfields;

	if (prm_begun[i])
		return;
	prm_begun[i] = true;
	for (j = p->first; j < end; j++)
		prm_unpack_field(j);
	prm_structs[i] = (struct prm_struct){
		.name = prm_name(p->name),
		.bits = p->bits,
		.fields = &prm_fields[p->first],
		.nfields = p->nfields,
		.source = "builtin",
	};
	for (j = p->first; j < end; j++)
		if (prm_packed_fields[j].sub)
			prm_unpack_struct(prm_packed_fields[j].sub - 1);
	__atomic_store_n(&prm_ready_struct[i], true, __ATOMIC_RELEASE);
}

/* Built-in layout I, unpacked: every way to a layout passes here. */
static const struct prm_struct *prm_open(size_t i)
{
	if (!__atomic_load_n(&prm_ready_struct[i], __ATOMIC_ACQUIRE)) {
		pthread_mutex_lock(&prm_lock);
		prm_unpack_struct(i);
		pthread_mutex_unlock(&prm_lock);
	}
	return &prm_structs[i];
}

static void prm_unpack_entries(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(prm_regs); i++)
		prm_regs[i] = (struct prm_reg){
			.name = prm_name(prm_packed_regs[i].name),
			.id = prm_packed_regs[i].id,
			.layout = &prm_structs[prm_packed_regs[i].layout],
		};
	for (i = 0; i < ARRAY_SIZE(prm_caps); i++)
		prm_caps[i] = (struct prm_cap){
			.name = prm_name(prm_packed_caps[i].name),
			.type = prm_packed_caps[i].id,
			.layout = &prm_structs[prm_packed_caps[i].layout],
		};
	for (i = 0; i < ARRAY_SIZE(prm_alts); i++) {
		const struct prm_packed_alt *a = &prm_packed_alts[i];
		const struct prm_packed_field *pf = prm_packed_fields;

		prm_alts[i] = (struct prm_alt){
			.s = &prm_structs[a->s],
			.field = prm_name(pf[a->field].name),
			.selector = prm_name(pf[a->selector].name),
			.value = a->value,
			.layout = &prm_structs[a->layout],
		};
	}
}

/* The entries' names and addresses; the layouts they name stay packed. */
static void prm_entries(void)
{
	pthread_once(&prm_entries_once, prm_unpack_entries);
}

/* The built-in layout at address S (one of prm_structs), unpacked. */
static const struct prm_struct *prm_open_at(const struct prm_struct *s)
{
	return prm_open((size_t)(s - prm_structs));
}

const struct prm_enum_tab **prm_enum_slot(const struct prm_field *f)
{
	/* Compared as addresses: F may be any field, built-in or not. */
	uintptr_t a = (uintptr_t)f, lo = (uintptr_t)prm_fields;

	if (a < lo || a >= (uintptr_t)(prm_fields + PRM_NFIELDS))
		return NULL;
	return &prm_enum_tabs[(a - lo) / sizeof(*f)];
}

const struct prm_struct *prm_choice(const struct prm_struct *s,
				    const struct prm_field *f,
				    const void *buf, size_t len)
{
	const struct prm_field *sel = NULL;
	uint64_t v = 0;
	size_t i;

	if (!s || !f || !buf)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(prm_packed_alts); i++) {
		const struct prm_packed_alt *a = &prm_packed_alts[i];

		/*
		 * Choices are built-in fields': their addresses compare.  F's
		 * layout is unpacked (F came from it), the selector with it.
		 */
		if (&prm_fields[a->field] != f)
			continue;
		/* All choices of one field share their selector. */
		if (!sel) {
			sel = &prm_fields[a->selector];
			if ((uint64_t)sel->off + sel->bits > (uint64_t)len * 8)
				return NULL;
			v = prm_get(buf, sel->off, sel->bits);
		}
		if (a->value == v)
			return prm_open(a->layout);
	}
	return NULL;
}

const struct prm_alt *prm_alt_at(size_t i)
{
	if (i >= ARRAY_SIZE(prm_alts))
		return NULL;
	prm_entries();
	prm_open_at(prm_alts[i].s);
	prm_open_at(prm_alts[i].layout);
	return &prm_alts[i];
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
		return prm_open(i);
	i -= ARRAY_SIZE(prm_structs);
	return prm_ext && i < prm_ext->nstructs ? prm_ext->structs[i] : NULL;
}

const struct prm_struct *prm_struct_find(const char *name)
{
	size_t i;

	if (!name)
		return NULL;
	/* Names are compared packed: only the one found is unpacked. */
	for (i = 0; i < ARRAY_SIZE(prm_packed_structs); i++)
		if (!strcmp(prm_name(prm_packed_structs[i].name), name))
			return prm_open(i);
	for (i = 0; prm_ext && i < prm_ext->nstructs; i++)
		if (!strcmp(prm_ext->structs[i]->name, name))
			return prm_ext->structs[i];
	return NULL;
}

size_t prm_reg_count(void)
{
	return ARRAY_SIZE(prm_regs) + (prm_ext ? prm_ext->nregs : 0);
}

/* Register I, built-in then the ADB's, its layout not opened; NULL past. */
static const struct prm_reg *prm_reg_entry(size_t i)
{
	prm_entries();
	if (i < ARRAY_SIZE(prm_regs))
		return &prm_regs[i];
	i -= ARRAY_SIZE(prm_regs);
	return prm_ext && i < prm_ext->nregs ? &prm_ext->regs[i] : NULL;
}

const struct prm_reg *prm_reg_at(size_t i)
{
	if (i < ARRAY_SIZE(prm_regs))
		prm_open_at(prm_reg_entry(i)->layout);
	return prm_reg_entry(i);
}

const char *prm_reg_name_at(size_t i, uint16_t *id)
{
	const struct prm_reg *r = prm_reg_entry(i);

	if (!r)
		return NULL;
	*id = r->id;
	return r->name;
}

/*
 * Built-in registers first (they win a name or an id), then the ADB's;
 * compared by entry, so only the one found has its layout opened.
 */
const struct prm_reg *prm_reg_find(const char *name)
{
	const struct prm_reg *r;
	size_t i;

	for (i = 0; name && (r = prm_reg_entry(i)); i++)
		if (!strcasecmp(r->name, name))
			return prm_reg_at(i);
	return NULL;
}

const struct prm_reg *prm_reg_by_id(uint16_t id)
{
	const struct prm_reg *r;
	size_t i;

	for (i = 0; (r = prm_reg_entry(i)); i++)
		if (r->id == id)
			return prm_reg_at(i);
	return NULL;
}

size_t prm_cap_count(void)
{
	return ARRAY_SIZE(prm_caps);
}

const struct prm_cap *prm_cap_at(size_t i)
{
	if (i >= ARRAY_SIZE(prm_caps))
		return NULL;
	prm_entries();
	prm_open_at(prm_caps[i].layout);
	return &prm_caps[i];
}

const struct prm_cap *prm_cap_find(const char *name)
{
	size_t i;

	prm_entries();
	for (i = 0; name && i < ARRAY_SIZE(prm_caps); i++)
		if (!strcasecmp(prm_caps[i].name, name))
			return prm_cap_at(i);
	return NULL;
}

const struct prm_cap *prm_cap_by_type(uint16_t type)
{
	size_t i;

	prm_entries();
	for (i = 0; i < ARRAY_SIZE(prm_caps); i++)
		if (prm_caps[i].type == type)
			return prm_cap_at(i);
	return NULL;
}
