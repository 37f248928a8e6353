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

/* The same, of the catalogue's register NAME ("PDDR"): ENOENT if none. */
int diag_reg_read_name(struct cli *cli, const char *name, void *data,
		       size_t len);

/* The name the layout database gives value V of REG's FIELD, or "unknown". */
const char *diag_enum_name(const char *reg, const char *field, uint64_t v);

/*
 * Ports the device has and their protocol (QUERY_HCA_CAP num_ports and
 * port_type: 0 InfiniBand, 1 Ethernet; TYPE may be NULL): 0 or an errno,
 * the command header in CAP (MLX5CTL_HCA_CAP_SIZE bytes) when firmware
 * refused it.
 */
int diag_num_ports(struct cli *cli, void *cap, unsigned int *n,
		   unsigned int *type);

/* MTMP sensor index of module 0: after the 64 board sensors. */
#define DIAG_MODULE_SENSOR_BASE 64
/* MCIA's I2C address of the module EEPROM (SFF-8636, CMIS). */
#define DIAG_MCIA_I2C_ADDR 0x50

/*
 * An MTMP reading in Celsius against the device's own thresholds:
 * temp_threshold_hi is the critical level (Linux's hwmon exports it as
 * temp_crit), temp_threshold_lo, where firmware re-arms the event, the
 * warning level; 0 means none.
 */
enum diag_level {
	DIAG_LEVEL_OK,
	DIAG_LEVEL_WARNING,
	DIAG_LEVEL_CRITICAL,
};

struct diag_temp {
	double now, warn, crit;
	enum diag_level level;
};

void diag_temp_eval(const uint8_t *mtmp, struct diag_temp *t);

/* The module of a port: lane 0's in PMLP, bits 7:0 of its mapping. */
unsigned int diag_pmlp_module(const uint8_t *pmlp);

/* The monitor opcode of a PDDR register read of the troubleshooting page. */
uint16_t diag_pddr_monitor_opcode(const uint8_t *pddr);

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
