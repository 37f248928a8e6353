/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Mailbox header fields the RPC path reads and writes on every command,
 * as the aligned big-endian words they are: one store or load each
 * instead of prm_set()/prm_get()'s bit loop.  The offsets still come from
 * the PRM database; the build fails if one of these fields stops being a
 * whole, aligned word there.
 */
#ifndef MLX5CTL_MBOX_H
#define MLX5CTL_MBOX_H

#include <endian.h>
#include <linux/types.h>
#include <stdint.h>
#include <string.h>

#include "prm.h"

#define MBOX_WORD(s, f, w)                                                \
	_Static_assert(PRM_BITS(s, f) == (w) && PRM_OFF(s, f) % (w) == 0,  \
		       #s "." #f " is not an aligned " #w "-bit word")

MBOX_WORD(mbox_in, opcode, 16);
MBOX_WORD(mbox_in, op_mod, 16);
MBOX_WORD(mbox_out, status, 8);
MBOX_WORD(query_hca_cap_in, opcode, 16);
MBOX_WORD(query_hca_cap_in, op_mod, 16);
MBOX_WORD(query_adapter_in, opcode, 16);
MBOX_WORD(access_register_in, opcode, 16);
MBOX_WORD(access_register_in, op_mod, 16);
MBOX_WORD(access_register_in, register_id, 16);
MBOX_WORD(access_register_in, argument, 32);

/* __be16/__be32: the wire words are typed so sparse checks the swaps. */
static inline void mbox_put16(void *p, uint32_t off, uint16_t v)
{
	__be16 w = htobe16(v);

	memcpy((uint8_t *)p + off / 8, &w, sizeof(w));
}

static inline void mbox_put32(void *p, uint32_t off, uint32_t v)
{
	__be32 w = htobe32(v);

	memcpy((uint8_t *)p + off / 8, &w, sizeof(w));
}

static inline uint16_t mbox_get16(const void *p, uint32_t off)
{
	__be16 w;

	memcpy(&w, (const uint8_t *)p + off / 8, sizeof(w));
	return be16toh(w);
}

/* Only for the fields checked above. */
#define MBOX_PUT16(s, p, f, v) mbox_put16((p), PRM_OFF(s, f), (v))
#define MBOX_PUT32(s, p, f, v) mbox_put32((p), PRM_OFF(s, f), (v))
#define MBOX_GET16(s, p, f) mbox_get16((p), PRM_OFF(s, f))
#define MBOX_GET8(s, p, f) (((const uint8_t *)(p))[PRM_OFF(s, f) / 8])

#endif
