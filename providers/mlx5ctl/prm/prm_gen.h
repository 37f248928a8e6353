/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Compile-time constants from db/\*.def, included by prm.h:
 *   PRM_SIZE_<struct>            size in bits
 *   PRM_OFF_<struct>__<field>    bit offset
 *   PRM_BITS_<struct>__<field>   width of one element (a sub: its size)
 *   PRM_COUNT_<struct>__<field>  elements, for arrays only
 *   PRM_REG_<NAME>               register id
 *   PRM_CAP_<name>               capability type (QUERY_HCA_CAP op_mod >> 1)
 *   PRM_SEGMENT_<NAME>           resource dump segment type
 *   PRM_STATUS_<NAME>            command status
 *   PRM_UCTX_CAP_<NAME>          CREATE_UCTX capability bit
 * Enum constants rather than macros: thousands of them cost nothing and a
 * misspelt name is a compile error that names it.
 */
#ifndef MLX5CTL_PRM_GEN_H
#define MLX5CTL_PRM_GEN_H

/* Sizes first, so a field may name a structure defined further down. */
#define PRM_STRUCT(s, size) PRM_SIZE_##s = (size),
enum prm_gen_sizes {
#include "db/prm_db.def"
};

#define PRM_FIELD(s, f, off, bits, flags, enums)                       \
	PRM_OFF_##s##__##f = (off), PRM_BITS_##s##__##f = (bits),
#define PRM_ARRAY(s, f, off, bits, count, flags)                       \
	PRM_OFF_##s##__##f = (off), PRM_BITS_##s##__##f = (bits),      \
	PRM_COUNT_##s##__##f = (count),
#define PRM_SUB(s, f, off, sub)                                        \
	PRM_OFF_##s##__##f = (off), PRM_BITS_##s##__##f = PRM_SIZE_##sub,
#define PRM_SUBARRAY(s, f, off, count, sub)                            \
	PRM_OFF_##s##__##f = (off), PRM_BITS_##s##__##f = PRM_SIZE_##sub, \
	PRM_COUNT_##s##__##f = (count),
enum prm_gen_fields {
#include "db/prm_db.def"
};

/* PRM_REG_<NAME>: the register ids of the catalogue, and of PRM_REG_ID. */
#define PRM_REG(name, id, layout) PRM_REG_##name = (id),
#define PRM_REG_ID(name, id) PRM_REG_##name = (id),
enum prm_gen_regs {
#include "db/prm_db.def"
};

#define PRM_CAP(name, type, layout) PRM_CAP_##name = (type),
enum prm_gen_caps {
#include "db/prm_db.def"
};

#define PRM_SEGMENT(name, type, text, layout) PRM_SEGMENT_##name = (type),
enum prm_gen_segments {
#include "db/prm_db.def"
};

#define PRM_STATUS(name, value, text) PRM_STATUS_##name = (value),
enum prm_gen_status {
#include "db/prm_db.def"
};

#define PRM_UCTX_CAP(name, bit, text) PRM_UCTX_CAP_##name = 1u << (bit),
enum prm_gen_uctx_caps {
#include "db/prm_db.def"
};

#endif
