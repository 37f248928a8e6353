/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * The PRM layout database: structures -> fields (bit offset, bit width,
 * format, enum names).  The only place layouts are written is db/\*.def;
 * everything here is generated from those tables:
 *
 *   - compile-time accessors, PRM_GET(query_hca_cap_in, buf, op_mod), for
 *     code that builds or reads a known layout (library, emulator, tool);
 *   - a runtime catalogue for decode-by-name (text and JSON) and encode
 *     (FIELD=VALUE).
 *
 * Offsets use mlx5_ifc.h conventions: bit 0 is the most significant bit of
 * the first big-endian dword, so names and numbers can be grepped across.
 *
 * Adding a layout: seed its lines with buildlib/prm-import (from
 * mlx5_ifc.h, or --adb from mstflint's database), put them in the db/
 * file of their group, give ids, masks and text their format and values
 * their names by hand, and run "ctest -L prm": the build asserts every
 * field fits its struct, the tests that fields are ordered, and the
 * cross-checks that mlx5_ifc.h and the ADB agree with every offset.
 */
#ifndef MLX5CTL_PRM_H
#define MLX5CTL_PRM_H

#include <endian.h>
#include <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Field formats and attributes (struct prm_field.flags). */
enum prm_flags {
	PRM_DEC = 0,		/* unsigned decimal */
	PRM_HEX = 1 << 0,	/* ids, masks, addresses */
	PRM_STR = 1 << 1,	/* byte array holding ASCII */
	PRM_BYTES = 1 << 2,	/* opaque byte array, printed as hex */
	PRM_INDEX = 1 << 3,	/* register index key (e.g. local_port) */
	PRM_RO = 1 << 4,	/* read-only in the register */
	PRM_SIGNED = 1 << 5,	/* two's complement (temperatures) */
	PRM_MASK = 1 << 6,	/* bit mask: hex; its enums name single bits */
};

struct prm_struct;

struct prm_field {
	const char *name;
	uint32_t off;			/* bit offset from the struct start */
	uint32_t bits;			/* width of one element */
	uint32_t count;			/* elements; 1 for a scalar */
	uint32_t flags;			/* enum prm_flags */
	const struct prm_struct *sub;	/* nested layout, or NULL */
	const char *enums;		/* "1=up,2=down,3=up_once" or NULL */
};

struct prm_struct {
	const char *name;
	uint32_t bits;			/* size in bits */
	const struct prm_field *fields;	/* ascending offset */
	uint32_t nfields;
	const char *source;		/* "builtin" or "adb" */
};

/* Bit access in big-endian PRM buffers; BITS is 1..32, or 64 dword-aligned. */
uint64_t prm_get(const void *buf, uint32_t off, uint32_t bits);
void prm_set(void *buf, uint32_t off, uint32_t bits, uint64_t val);

/*
 * prm_get() for a decoder's loop: most fields worth one are whole aligned
 * dwords (counters, their halves), one load rather than prm_get()'s.
 */
static inline uint64_t prm_get_fast(const void *buf, uint32_t off,
				    uint32_t bits)
{
	__be32 be;

	if (bits != 32 || off % 32)
		return prm_get(buf, off, bits);
	memcpy(&be, (const uint8_t *)buf + off / 8, sizeof(be));
	return be32toh(be);
}

/*
 * Compile-time accessors.  Each db/\*.def line
 *   PRM_FIELD(struct, field, off, bits, flags, enums)
 * yields constants PRM_OFF_struct__field and PRM_BITS_struct__field, so a
 * typo in a struct or field name is a compile error.  Arrays also have
 * PRM_COUNT_struct__field (PRM_BITS is one element); a nested struct's
 * PRM_BITS is its size.
 */
#define PRM_OFF(s, f) PRM_OFF_##s##__##f
#define PRM_BITS(s, f) PRM_BITS_##s##__##f
#define PRM_COUNT(s, f) PRM_COUNT_##s##__##f	/* arrays only */
#define PRM_SIZE(s) (PRM_SIZE_##s / 8)
#define PRM_GET(s, p, f) prm_get((p), PRM_OFF(s, f), PRM_BITS(s, f))
#define PRM_SET(s, p, f, v) prm_set((p), PRM_OFF(s, f), PRM_BITS(s, f), (v))
/* Byte address of a byte-aligned field (nested struct, array). */
#define PRM_ADDR(s, p, f) ((void *)((uint8_t *)(p) + PRM_OFF(s, f) / 8))

#include "prm_gen.h"	/* the generated constants */

/*
 * Runtime catalogue, in db/\*.def order; _at(i) returns NULL past the end.
 * Field names are unique within a struct; a field's struct pointer in
 * prm_field.sub is the nested layout for nested structs and arrays.
 */
size_t prm_struct_count(void);
const struct prm_struct *prm_struct_at(size_t i);
const struct prm_struct *prm_struct_find(const char *name);
const struct prm_field *prm_field_find(const struct prm_struct *s,
				       const char *name);

/*
 * Register catalogue (ACCESS_REG register ids).  _at(i) returns NULL past
 * the end, so callers loop until NULL; _find ignores case ("mtmp").
 */
struct prm_reg {
	const char *name;		/* "MTMP" */
	uint16_t id;			/* 0x900a */
	const struct prm_struct *layout;
};

size_t prm_reg_count(void);
const struct prm_reg *prm_reg_at(size_t i);
const struct prm_reg *prm_reg_find(const char *name);
const struct prm_reg *prm_reg_by_id(uint16_t id);
/* Register I's name and id (*ID), without its layout; NULL past the end. */
const char *prm_reg_name_at(size_t i, uint16_t *id);

/* Capability catalogue (QUERY_HCA_CAP op_mod >> 1). */
struct prm_cap {
	const char *name;		/* "general", "roce", ... */
	uint16_t type;
	const struct prm_struct *layout;
};

size_t prm_cap_count(void);
const struct prm_cap *prm_cap_at(size_t i);
const struct prm_cap *prm_cap_find(const char *name);
const struct prm_cap *prm_cap_by_type(uint16_t type);

/*
 * A union resolved by a selector in the same struct: the layout the bytes
 * of field F hold, given BUF (LEN bytes) laid out as S - a PPCNT counter
 * set by grp, a PDDR page by page_select.  NULL when none applies.
 * prm_walk decodes such fields through it.
 */
const struct prm_struct *prm_choice(const struct prm_struct *s,
				    const struct prm_field *f,
				    const void *buf, size_t len);

/* The alternatives prm_choice knows, for listing; NULL past the end. */
struct prm_alt {
	const struct prm_struct *s;	/* ppcnt_reg */
	const char *field;		/* counter_set */
	const char *selector;		/* grp */
	uint64_t value;			/* 0x12 */
	const struct prm_struct *layout; /* phys_layer_cntrs */
};

const struct prm_alt *prm_alt_at(size_t i);

/*
 * Layouts added at run time (prm_adb.c loads mstflint's register
 * database): the catalogue functions above continue into these after the
 * built-in entries, which always win a name or id lookup.  Set once at
 * start-up, before any lookup from another thread; NULL removes them.
 */
struct prm_ext {
	const struct prm_struct *const *structs;
	size_t nstructs;
	const struct prm_reg *regs;
	size_t nregs;
};

void prm_extend(const struct prm_ext *ext);

/*
 * Enum names: NULL when VAL has no name.  A built-in field's names last
 * the process; others (and a built-in field's when memory ran out for its
 * table) are handed out from a small per-thread ring, valid until the
 * fourth next call in the same thread.
 * prm_enum_value returns 0, or ENOENT for a name the field lacks.
 */
const char *prm_enum_name(const struct prm_field *f, uint64_t val);
int prm_enum_value(const struct prm_field *f, const char *name, uint64_t *val);

/*
 * Decode: walk BUF (LEN bytes) as layout S, calling the visitor for every
 * named field in offset order; nested structs and arrays open and close a
 * level (array elements that are structs open a level named NULL).  A
 * string or opaque byte array (PRM_STR, PRM_BYTES, or wider than 64 bits)
 * is one field call with BYTES; a union whose selector names its layout
 * (prm_choice) opens a level decoded through it.  Fields past LEN are not
 * visited, and a nested struct opens only if it starts inside LEN.
 */
struct prm_visitor {
	void (*begin)(void *ctx, const char *name, bool array);
	void (*end)(void *ctx, bool array);
	/* A scalar: VAL is valid for bits <= 64, else BYTES/NBYTES are. */
	void (*field)(void *ctx, const struct prm_field *f, uint64_t val,
		      const uint8_t *bytes, size_t nbytes);
	/*
	 * Optional, for a visitor that records a walk to replay it: called
	 * instead of field() with the field's bit offset OFF in BUF.
	 */
	void (*field_at)(void *ctx, const struct prm_field *f, uint64_t off,
			 uint64_t val, const uint8_t *bytes, size_t nbytes);
	/*
	 * Optional, the same: prm_choice() was asked for F of S on the bytes
	 * from byte AT of BUF and answered U (NULL: F's bytes are visited).
	 * A walk of the same length is the same walk while the answers are.
	 */
	void (*choice)(void *ctx, const struct prm_struct *s,
		       const struct prm_field *f, size_t at,
		       const struct prm_struct *u);
};

void prm_walk(const struct prm_struct *s, const void *buf, size_t len,
	      const struct prm_visitor *v, void *ctx);

/*
 * Encode "FIELD=VALUE" into BUF: VALUE is decimal, 0x-hex, or an enum name
 * (negative for PRM_SIGNED, text for PRM_STR).  FIELD may be a path into
 * nested layouts and arrays: "configuration_item_header.type_class",
 * "access_key[2]".  Returns 0 or an errno (EINVAL, ERANGE) and writes a
 * message for people to ERR (unknown field: the valid names; value too
 * wide: the field's width); BUF is unchanged on error.
 */
int prm_assign(const struct prm_struct *s, void *buf, size_t len,
	       const char *expr, char *err, size_t errlen);

/*
 * The field EXPR ("FIELD=VALUE" or just FIELD) names, as prm_assign
 * resolves it: the leaf field, its bit offset and the bits it covers (a
 * whole array unless one element is named).  Callers that check
 * assignments before sending them use it: read-only fields, the same bits
 * named twice.  Returns 0 or EINVAL with a message in ERR.
 */
int prm_locate(const struct prm_struct *s, const char *expr,
	       const struct prm_field **f, uint64_t *off, uint64_t *bits,
	       char *err, size_t errlen);

#endif
