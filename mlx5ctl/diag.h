/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Helpers of the operator commands (health, counters, obj) and of the
 * notes "reg show" adds to a few registers: quiet register reads, the
 * PDDR link-down messages, SFF-8024 module names, and counter flattening.
 */
#ifndef MLX5CTL_DIAG_H
#define MLX5CTL_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli.h"
#include "prm.h"

/*
 * ACCESS_REG read of register ID: DATA holds LEN bytes with the index
 * fields set, and the register on return.  0 or an errno; nothing is
 * reported, the caller decides what a failure means.
 */
int diag_reg_read(struct cli *cli, uint16_t id, void *data, size_t len);

/* PDDR troubleshooting monitor opcode: the PRM's message, or NULL. */
const char *diag_monitor_msg(uint16_t opcode);

/* SFF-8024 identifier (byte 0 of a module EEPROM): "OSFP", or NULL. */
const char *diag_sff8024_name(uint8_t id);

/*
 * After "reg show": what the decode alone does not say (the module type
 * of an MCIA read, the message of a PDDR troubleshooting page).
 */
void diag_reg_notes(const struct prm_reg *r, const uint8_t *data, size_t len);

/*
 * Walk the counters of BUF laid out as S: one call per counter with its
 * flat name ("received_eth_unicast_packets"), a _high/_low pair of 32-bit
 * halves joined into one 64-bit counter.  Fields named in SKIP (a
 * NULL-terminated list: the command header's status and syndrome) are
 * left out.
 */
typedef void (*diag_counter_fn)(void *ctx, const char *name, uint64_t val);
void diag_counters(const struct prm_struct *s, const void *buf, size_t len,
		   const char *const *skip, diag_counter_fn fn, void *ctx);

#endif
