/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Internals of the emulated firmware, shared by the command, register and
 * profile files.  Nothing here is part of the emu.h contract; tests include
 * it to name status codes and syndromes.
 */
#ifndef MLX5CTL_EMU_FW_INT_H
#define MLX5CTL_EMU_FW_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "emu.h"
#include "opcodes.h"
#include "prm.h"

#define EMU_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Syndromes.  Real firmware returns a hash that identifies the check that
 * failed; NVIDIA's tools map it back to a message.  The emulator has one
 * fixed value per failure kind instead, so tests and scripts can tell the
 * causes apart.  All share the 0x3e6d prefix ("emu") so they are easy to
 * recognise in logs and never collide with 0 (success).
 *
 *   syndrome     status  cause
 *   0x3e6d0001   0x1     injected fault (emu:PROFILE,fault=fw-error)
 *   0x3e6d0002   0x2     opcode not implemented by this device
 *   0x3e6d0003   0x3     op_mod not valid for the opcode
 *   0x3e6d0004   0x50    inbox shorter than the command's input layout
 *   0x3e6d0005   0x51    outbox shorter than the command's output layout
 *   0x3e6d0006   0x3     uid in the inbox is neither 0 nor a live UCTX
 *   0x3e6d0007   0x3     QUERY_HCA_CAP of a capability type not reported
 *   0x3e6d0008   0x3     QUERY_HCA_CAP with other_function set
 *   0x3e6d0009   0x3     ACCESS_REG of a register the device lacks
 *   0x3e6d000a   0x3     register index (local_port, sensor...) out of range
 *   0x3e6d000b   0x3     write to a read-only register
 *   0x3e6d000c   0x3     register write with an invalid field value
 *   0x3e6d000d   0x3     CREATE_UCTX asking for caps the device lacks
 *   0x3e6d000e   0xf     no free UCTX left
 *   0x3e6d000f   0x3     DESTROY_UCTX of a uid that is not live
 *   0x3e6d0010   0x3     capability group (MCAM/PCAM) not reported
 *   0x3e6d0011   0x1/0xf the emulator ran out of host memory
 *   0x3e6d0012   0x5     QUERY_<object> of a number that is not live
 *   0x3e6d0013   0x5     QUERY_Q_COUNTER of a counter set not allocated
 *   0x3e6d0014   0x3     other_vport / a vport number this function lacks
 *   0x3e6d0015   0x3     PPCNT/MPCNT counter group not implemented
 *   0x3e6d0016   0x3     PDDR page, or MCIA page/address, not served
 */
enum emu_syndrome {
	EMU_SYND_OK = 0,
	EMU_SYND_FAULT_INJECTED = 0x3e6d0001,
	EMU_SYND_BAD_OPCODE = 0x3e6d0002,
	EMU_SYND_BAD_OP_MOD = 0x3e6d0003,
	EMU_SYND_BAD_INLEN = 0x3e6d0004,
	EMU_SYND_BAD_OUTLEN = 0x3e6d0005,
	EMU_SYND_BAD_UID = 0x3e6d0006,
	EMU_SYND_BAD_CAP_TYPE = 0x3e6d0007,
	EMU_SYND_OTHER_FUNCTION = 0x3e6d0008,
	EMU_SYND_BAD_REG_ID = 0x3e6d0009,
	EMU_SYND_BAD_REG_INDEX = 0x3e6d000a,
	EMU_SYND_REG_READ_ONLY = 0x3e6d000b,
	EMU_SYND_BAD_REG_VALUE = 0x3e6d000c,
	EMU_SYND_BAD_UCTX_CAP = 0x3e6d000d,
	EMU_SYND_UCTX_EXHAUSTED = 0x3e6d000e,
	EMU_SYND_BAD_UCTX = 0x3e6d000f,
	EMU_SYND_BAD_CAP_GROUP = 0x3e6d0010,
	EMU_SYND_NO_MEMORY = 0x3e6d0011,
	EMU_SYND_BAD_OBJECT = 0x3e6d0012,
	EMU_SYND_BAD_COUNTER_SET = 0x3e6d0013,
	EMU_SYND_BAD_VPORT = 0x3e6d0014,
	EMU_SYND_BAD_CNT_GROUP = 0x3e6d0015,
	EMU_SYND_BAD_PAGE = 0x3e6d0016,
};

/* ACCESS_REG op_mod. */
enum {
	EMU_ACCESS_REG_WRITE = 0,
	EMU_ACCESS_REG_READ = 1,
};

/* QUERY_HCA_CAP op_mod = cap_type << 1 | mode. */
enum {
	EMU_HCA_CAP_MODE_MAX = 0,
	EMU_HCA_CAP_MODE_CUR = 1,
};

/* PAOS admin_status / oper_status. */
enum {
	EMU_PORT_UP = 1,
	EMU_PORT_DOWN = 2,
	EMU_PORT_UP_ONCE = 3,	/* admin only: up until the next link drop */
};

/*
 * PDDR troubleshooting monitor opcodes the emulator reports (the PRM's
 * "status opcode" table, also in mstflint's ADB).
 */
enum emu_monitor_opcode {
	EMU_MON_NO_ISSUE = 0,
	EMU_MON_CLOSED_BY_COMMAND = 1,
	EMU_MON_AN_FAILURE = 2,
	EMU_MON_TRAINING_FAILURE = 5,
	EMU_MON_REMOTE_FAULT = 14,
	EMU_MON_SIGNAL_INTEGRITY = 15,
	EMU_MON_SPEED_DEGRADATION = 34,
	EMU_MON_CABLE_UNPLUGGED = 1024,
	EMU_MON_UNSUPPORTED_CABLE = 1029,
	EMU_MON_MODULE_TEMP_SHUTDOWN = 1030,
	EMU_MON_POWER_BUDGET = 1032,
};

/* MTMP sensor_index of module 0: modules follow the 64 board sensors. */
#define EMU_MODULE_SENSOR_BASE 64

/* PTYS proto_mask. */
enum {
	EMU_PTYS_IB = 1 << 0,
	EMU_PTYS_EN = 1 << 2,
};

/*
 * One capability field with its maximum (op_mod mode 0) and current
 * (mode 1) value.  Offsets come from the PRM accessors, never literals.
 */
struct emu_cap_val {
	uint32_t off;
	uint32_t bits;
	uint64_t max;
	uint64_t cur;
};

#define EMU_CAP(s, f, m, c) { PRM_OFF(s, f), PRM_BITS(s, f), (m), (c) }
/* Most fields are not configurable: current equals maximum. */
#define EMU_CAP1(s, f, v) EMU_CAP(s, f, v, v)

struct emu_cap_page {
	uint16_t type;
	const struct emu_cap_val *vals;
	size_t nvals;
};

struct emu_sensor {
	uint16_t index;
	char name[9];		/* sensor_name_hi/lo: 8 ASCII bytes */
	int16_t temp;		/* units of 0.125 C, like MTMP */
	int16_t max_temp;
	int16_t threshold_hi;
	int16_t threshold_lo;
	uint16_t voltage;	/* MVCR: units of 0.01 V */
	uint16_t current;	/* MVCR: units of 0.01 A */
};

/*
 * A port at power-on.  The operational link mode is not listed: the link
 * comes up at the fastest extended mode enabled in admin (see PTYS).
 */
struct emu_port {
	uint8_t local_port;
	uint8_t proto;			/* PTYS proto_mask: EMU_PTYS_EN or _IB */
	uint32_t eth_proto_cap;		/* legacy link modes */
	uint32_t eth_proto_admin;
	uint32_t ext_eth_proto_cap;	/* extended link modes */
	uint32_t ext_eth_proto_admin;
	uint16_t ib_proto_cap;		/* InfiniBand speeds: SDR..NDR bits */
	uint16_t ib_proto_admin;
	uint16_t ib_link_width_cap;	/* 1x, 2x, 4x, 8x, 12x bits */
	uint16_t ib_link_width_admin;
	uint8_t connector_type;
	uint16_t max_mtu;
	uint16_t admin_mtu;
	uint8_t admin_status;
};

/* Media lanes of a module whose monitors the profile states. */
#define EMU_MODULE_LANES 4

/*
 * The plugged module (cable) of a port: what MCIA's EEPROM pages and the
 * PDDR module page say.  The EEPROM is CMIS (pages 00h, 01h, 11h); its
 * monitors are in the standard's units.
 */
struct emu_module {
	uint8_t identifier;		/* SFF-8024: 0x18 QSFP-DD, 0x19 OSFP */
	uint8_t cmis_revision;		/* CMIS major.minor as nibbles */
	uint8_t cable_type;		/* PDDR cable_type */
	uint8_t cable_identifier;	/* PDDR: 7 QSFP CMIS, 8 OSFP */
	uint8_t cable_length;		/* metres */
	const char *vendor;		/* up to 16 ASCII bytes */
	const char *part_number;
	const char *serial;
	const char *revision;		/* vendor revision, 2 ASCII bytes */
	const char *date_code;		/* YYMMDD and lot, 8 ASCII bytes */
	int16_t temp;			/* 0.125 C, like MTMP */
	int16_t temp_warn;		/* MTMP temp_threshold_lo */
	int16_t temp_crit;		/* MTMP temp_threshold_hi */
	uint16_t voltage;		/* supply, 100 uV */
	/* Per media lane while the lasers are on. */
	uint16_t tx_bias[EMU_MODULE_LANES];	/* 2 uA */
	uint16_t tx_power[EMU_MODULE_LANES];	/* 0.1 uW */
	uint16_t rx_power[EMU_MODULE_LANES];	/* 0.1 uW */
};

/*
 * One counter of a counter set (a PPCNT group, the vport or Q counters):
 * bit offset in the set's layout, width (64 for a _high/_low pair),
 * value at reset, step per counter read and what moves it.
 */
enum emu_cnt_kind {
	EMU_CNT_TRAFFIC,	/* steps while the port is up */
	EMU_CNT_ERROR,		/* steps on a port with errors, else 0 */
	EMU_CNT_ALWAYS,		/* steps whatever the link does */
};

struct emu_cnt {
	uint32_t off;
	uint32_t bits;
	uint64_t base;
	uint64_t rate;
	enum emu_cnt_kind kind;
};

struct emu_cnt_set {
	uint8_t id;			/* PPCNT/MPCNT grp; 0 otherwise */
	const struct emu_cnt *cnt;
	size_t ncnt;
};

/*
 * A live firmware object the QUERY_* commands answer for: its number and
 * its context, fields of the command's output layout (max == cur).
 */
struct emu_object {
	uint16_t opcode;		/* MLX5_CMD_OP_QUERY_* */
	uint32_t num;
	const struct emu_cap_val *ctx;
	size_t nctx;
};

struct emu_profile {
	struct emu_identity id;
	const char *psid;		/* up to 16 ASCII bytes */
	uint32_t ieee_vendor_id;	/* QUERY_ADAPTER: OUI */
	uint16_t hw_rev;		/* MGIR device_hw_revision */
	uint16_t hw_dev_id;		/* MGIR: the ASIC, not the PCI id */
	uint32_t fw_major, fw_minor, fw_sub_minor;
	uint32_t uctx_caps;		/* what CREATE_UCTX may ask for */
	uint16_t max_uctx;
	const struct emu_cap_page *caps;
	size_t ncaps;
	const struct emu_sensor *sensors;
	size_t nsensors;
	const struct emu_port *ports;
	size_t nports;
	const uint16_t *regs;		/* registers reported by MCAM/PCAM */
	size_t nregs;
	const struct emu_module *module;	/* of every port */
	const struct emu_object *objects;
	size_t nobjects;
	const uint8_t *q_counters;	/* allocated counter_set_ids */
	size_t nq_counters;
	const struct emu_cnt_set *ppcnt;	/* the PPCNT groups served */
	size_t nppcnt;
	struct emu_cnt_set mpcnt;	/* MPCNT's PCIe group */
	struct emu_cnt_set vport_cnt;	/* QUERY_VPORT_COUNTER */
	struct emu_cnt_set q_cnt;	/* QUERY_Q_COUNTER, each set alike */
};

/*
 * Profiles are JSON documents (emu_profile.c, Documentation/emulator.md):
 * the built-in ones by name, loaded once and kept for the process; one
 * from a file belongs to its caller, who frees it.  Both return NULL with
 * a one-line message in ERR.
 */
const struct emu_profile *emu_profile_get(const char *name, char *err,
					  size_t errlen);
struct emu_profile *emu_profile_load_file(const char *path, char *err,
					  size_t errlen);
void emu_profile_free(struct emu_profile *prof);
struct emu_reg;
/* The register the emulator serves under NAME ("PTYS"), or NULL. */
const struct emu_reg *emu_reg_by_name(const char *name);

#define EMU_MAX_PORTS 4
#define EMU_PPCNT_GROUPS 16	/* groups a profile may serve */
#define EMU_MAX_SENSORS 64

/* Mutable state of one port: what PAOS, PTYS and PMTU writes change. */
struct emu_port_state {
	uint8_t admin_status;
	uint8_t oper_status;
	uint16_t admin_mtu;
	uint16_t oper_mtu;
	uint32_t eth_proto_admin;
	uint32_t ext_eth_proto_admin;
	uint16_t ib_proto_admin;
	uint16_t ib_link_width_admin;
	bool an_disable;
	uint16_t down_reason;		/* PDDR monitor opcode while down */
	bool errors;			/* error counters advance */
	/* PPCNT clr: counter_reads when group I was cleared, 0 for never. */
	uint64_t ppcnt_cleared[EMU_PPCNT_GROUPS];
};

/*
 * Degraded states asked for in the device spec (emu:connectx7,port1=...):
 * what the instance starts in, on top of the profile.
 */
struct emu_degrade {
	bool module_temp_set;
	int16_t module_temp;		/* 0.125 C */
	uint16_t port_reason[EMU_MAX_PORTS];	/* 0: port as profiled */
	bool port_down[EMU_MAX_PORTS];
	bool port_errors[EMU_MAX_PORTS];
	char *state_path;		/* state=FILE: malloc'ed */
};

struct emu_uctx {
	uint16_t uid;
	uint32_t caps;
};

struct emu_dump;

struct emu_fw {
	/*
	 * Held for a whole command, as firmware executes one command at a
	 * time against its state: everything below but prof, id, opts and
	 * the snapshot replayed, fixed at creation, is the state of the
	 * command that holds it.
	 * Threads sharing a handle reach it concurrently (mlx5ctl(7),
	 * THREADS), through the kernel half, which holds no lock of its own
	 * when it calls firmware.
	 */
	pthread_mutex_t lock;
	struct emu_dump *dump;		/* UMEMs, dumps, diag counters */
	uint16_t cur_uid;		/* uid of the command running */
	const struct emu_profile *prof;
	struct emu_profile *own_prof;	/* emu:@FILE's, freed with fw */
	struct emu_identity id;
	struct emu_options opts;
	uint64_t ncmds;			/* commands executed, for debugging */
	uint64_t nrpcs;			/* commands with uid != 0: tool RPCs */
	struct emu_port_state ports[EMU_MAX_PORTS];
	int16_t sensor_max[EMU_MAX_SENSORS];
	int16_t module_temp;		/* 0.125 C */
	int16_t module_max;
	/*
	 * Counter reads so far: every counter query advances the counters
	 * by one step, so two reads differ and a replay gives the same bytes.
	 */
	uint64_t counter_reads;
	char *state_path;		/* state=FILE, or NULL */
	struct emu_uctx *uctx;		/* sorted by uid */
	size_t nuctx;
};

/* One command in flight. */
struct emu_cmd {
	struct emu_fw *fw;
	const uint8_t *in;
	size_t inlen;
	uint8_t *out;
	size_t outlen;
	uint16_t opcode;
	uint16_t uid;
	uint16_t op_mod;
	size_t out_size;	/* bytes of output; a handler may grow it */
	uint32_t syndrome;
	bool kernel;		/* issued by the kernel itself, not an RPC */
};

/* Registers (emu_reg_*.c). */
struct emu_reg {
	uint16_t id;
	const char *name;
	size_t size;		/* bytes, PRM_SIZE of the layout */
	/*
	 * Read: DATA holds the request's index fields on entry and the
	 * register on return.  Write: DATA is the register as written; the
	 * handler applies it and leaves the resulting register in DATA.
	 * Returns a status, setting *SYND when not OK.
	 */
	int (*read)(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
	int (*write)(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
};

const struct emu_reg *emu_reg_find(uint16_t id);

/* Size in bytes of a byte-array field (PSID, names) of a PRM layout. */
#define EMU_FIELD_BYTES(s, f) (PRM_BITS(s, f) * PRM_COUNT(s, f) / 8)

void emu_copy_str(uint8_t *dst, size_t size, const char *src);

/* Largest register layout the emulator serves, in bytes. */
#define EMU_REG_MAX_SIZE 256
void emu_reg_mask_fill(const struct emu_fw *fw, void *buf, uint32_t off,
		       uint32_t bits, uint16_t base);

int emu_reg_pmtu_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_pmtu_write(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_ptys_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_ptys_write(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_paos_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_paos_write(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_pcam_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_mtcap_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_mtmp_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_mtmp_write(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_mvcr_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_mgir_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_mcam_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_pcap_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_pmlp_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_ppcnt_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
/*
 * The extended Ethernet mode the port runs (one bit, 0 while down) and
 * its rate in 100 Mb/s: PTYS reports it, PDDR's link_active repeats it.
 */
uint32_t emu_ext_oper(const struct emu_port_state *st, uint16_t *rate);
/*
 * The same for an InfiniBand port: the ib_proto bit it runs, its
 * ib_link_width bit in *WIDTH and the rate in 100 Mb/s (0s while down).
 */
uint32_t emu_ib_oper(const struct emu_port *p, const struct emu_port_state *st,
		     uint16_t *width, uint16_t *rate);
/*
 * The FEC the link runs: RS-FEC (544,514), mode 7 of Linux's enum
 * mlx5e_fec_supported_link_mode, the only FEC of 100G per lane.  PDDR
 * reports the mode's number, PPLM its bit.
 */
#define EMU_FEC_MODE_RS_544_514 7
int emu_reg_pmaos_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_pplm_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_pddr_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_mcia_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_mpein_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_mpcnt_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_pfcc_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_pptb_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_pbmc_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_pcmr_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_slrg_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_mfrl_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_mpir_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_mcqs_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_mtrc_cap_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);

/*
 * The port a register's local_port names (0: the first port), with its
 * state if ST; NULL with *SYND set when there is no such port.
 */
const struct emu_port *emu_fw_reg_port(struct emu_fw *fw, uint8_t port,
				       struct emu_port_state **st,
				       uint32_t *synd);

/* A counter's value at the current read: BASE plus RATE per read. */
uint64_t emu_counter(const struct emu_fw *fw, uint64_t base, uint64_t rate);
/* One more counter read answered: every counter moves one step. */
void emu_counter_step(struct emu_fw *fw);
/*
 * SET's counters into BUF at this read: a link that is UP moves the
 * traffic, ERRORS the error counters; CLEARED is counter_reads when the
 * set was cleared (0: never), from when it counts from zero.
 */
void emu_cnt_fill(const struct emu_fw *fw, uint8_t *buf,
		  const struct emu_cnt_set *set, bool up, bool errors,
		  uint64_t cleared);

/* emu_fw_state.c: state=FILE; load returns 0 or an errno, ERR set. */
int emu_fw_state_load(struct emu_fw *fw, char *err, size_t errlen);
void emu_fw_state_save(const struct emu_fw *fw);

/* Command handlers living outside emu_fw.c. */
int emu_cmd_query_hca_cap(struct emu_cmd *c);
int emu_cmd_access_reg(struct emu_cmd *c);
int emu_cmd_query_object(struct emu_cmd *c);
int emu_cmd_query_vport_counter(struct emu_cmd *c);
int emu_cmd_query_q_counter(struct emu_cmd *c);
bool emu_fw_has_reg(const struct emu_fw *fw, uint16_t id);
const struct emu_port *emu_fw_port(struct emu_fw *fw, uint8_t local_port,
				   struct emu_port_state **state);

#endif
