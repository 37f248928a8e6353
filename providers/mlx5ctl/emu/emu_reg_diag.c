// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Diagnostic registers an operator reads when a link misbehaves: PPCNT
 * (port counters by group), PDDR (link state, link-down reason, module
 * info), MCIA (module EEPROM), PMAOS (module state), PMLP (lane to module
 * mapping), PPLM (FEC), MPEIN and MPCNT (PCIe link and counters).
 *
 * Counters are deterministic: each counter read moves every counter by a
 * fixed step (emu_counter), traffic only while the port is up and error
 * counters only when the spec asked for a port with errors.  Two reads in
 * one process differ; two runs give the same bytes.
 */
#include <string.h>

#include "emu_fw_int.h"

uint64_t emu_counter(const struct emu_fw *fw, uint64_t base, uint64_t rate)
{
	return base + rate * fw->counter_reads;
}

/*
 * The read count stops at its top (a state file can start it there):
 * wrapped to 0, every PPCNT clear would lie after the last read, a state
 * the device could not load again.
 */
void emu_counter_step(struct emu_fw *fw)
{
	if (fw->counter_reads < UINT64_MAX)
		fw->counter_reads++;
}

/*
 * The port a register access names.  Ports are numbered from 1; local
 * port 0 is no port of an adapter (the switch CPU port on switches), so it
 * is refused as any other port the device lacks.
 */
const struct emu_port *emu_fw_reg_port(struct emu_fw *fw, uint8_t port,
				       struct emu_port_state **st,
				       uint32_t *synd)
{
	const struct emu_port *p;

	p = emu_fw_port(fw, port, st);
	if (!p)
		*synd = EMU_SYND_BAD_REG_INDEX;
	return p;
}

/* PPCNT */

/* PPCNT grp values with a prio_tc index: per priority and per TC. */
#define EMU_PPCNT_PER_PRIO 0x10
#define EMU_PPCNT_PER_TC 0x11
/* The group whose BERs are derived from its counters. */
#define EMU_PPCNT_STATISTICAL 0x16
#define EMU_NUM_PRIO 8

static bool emu_cnt_moves(enum emu_cnt_kind kind, bool up, bool errors)
{
	switch (kind) {
	case EMU_CNT_TRAFFIC:
		return up;
	case EMU_CNT_ALWAYS:
		return true;
	case EMU_CNT_ERROR:
		break;
	}
	return errors;
}

void emu_cnt_fill(const struct emu_fw *fw, uint8_t *buf,
		  const struct emu_cnt_set *set, bool up, bool errors,
		  uint64_t cleared)
{
	const struct emu_cnt *c = set->cnt;
	size_t i;

	for (i = 0; i < set->ncnt; i++) {
		bool moves = emu_cnt_moves(c[i].kind, up, errors);
		uint64_t rate = moves ? c[i].rate : 0;
		uint64_t v = cleared ? rate * (fw->counter_reads - cleared) :
				       emu_counter(fw, c[i].base, rate);

		if (c[i].kind == EMU_CNT_ERROR && !errors)
			v = 0;
		/* Narrow counters stop at their maximum (IBTA PMA). */
		if (c[i].bits < 64 && v > (1ull << c[i].bits) - 1)
			v = (1ull << c[i].bits) - 1;
		prm_set(buf, c[i].off, c[i].bits, v);
	}
}

/*
 * ERRORS in BITS as the PRM encodes a BER, coef * 10^-magnitude: the
 * smallest magnitude that brings the coefficient to 1 or more, rounded.
 * None counted reads 15E-255, as ConnectX firmware reports a clean link
 * (the fields' largest values); nothing received has no BER (0E-0).
 */
#define EMU_BER_NONE_COEF 15
#define EMU_BER_NONE_MAGNITUDE 255

static void emu_ber(uint64_t errors, uint64_t bits, uint8_t *coef,
		    uint8_t *mag)
{
	unsigned int m = 0;

	*coef = *mag = 0;
	if (!bits)
		return;
	if (!errors) {
		*coef = EMU_BER_NONE_COEF;
		*mag = EMU_BER_NONE_MAGNITUDE;
		return;
	}
	/* Scale the errors up (or, near overflow, the bits down) by tens. */
	for (; errors < bits && m < EMU_BER_NONE_MAGNITUDE; m++) {
		if (errors > UINT64_MAX / 10)
			bits /= 10;
		else
			errors *= 10;
	}
	errors = (errors + bits / 2) / bits;
	*coef = errors > EMU_BER_NONE_COEF ? EMU_BER_NONE_COEF : errors;
	*mag = m;
}

#define STAT64(set, f)                                                     \
	prm_get((set), PRM_OFF(phys_layer_statistical_cntrs, f##_high), 64)
#define STAT_SET(set, f, v) PRM_SET(phys_layer_statistical_cntrs, set, f, v)

/*
 * The statistical group's BERs from its own counters (how firmware
 * derives them is not published): raw from what the FEC corrected and
 * what it could not, effective and symbol from what was left.  A link
 * that is down measures none.
 */
static void emu_stat_ber(uint8_t *set, bool up)
{
	uint64_t bits = STAT64(set, phy_received_bits);
	uint64_t left = STAT64(set, phy_effective_errors);
	uint64_t raw = STAT64(set, phy_corrected_bits) + left;
	uint8_t c, m;

	if (!up)
		return;
	emu_ber(raw, bits, &c, &m);
	STAT_SET(set, raw_ber_coef, c);
	STAT_SET(set, raw_ber_magnitude, m);
	emu_ber(left, bits, &c, &m);
	STAT_SET(set, effective_ber_coef, c);
	STAT_SET(set, effective_ber_magnitude, m);
	emu_ber(STAT64(set, phy_symbol_errors), bits, &c, &m);
	STAT_SET(set, symbol_fec_ber_coef, c);
	STAT_SET(set, symbol_ber_magnitude, m);
}

int emu_reg_ppcnt_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	uint8_t grp = PRM_GET(ppcnt_reg, data, grp);
	uint8_t prio = PRM_GET(ppcnt_reg, data, prio_tc);
	const struct emu_cnt_set *g = NULL;
	const struct emu_port *p;
	struct emu_port_state *st;
	bool up, per_prio, clr = PRM_GET(ppcnt_reg, data, clr);
	size_t i, gi = 0;

	p = emu_fw_reg_port(fw, PRM_GET(ppcnt_reg, data, local_port), &st, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	for (i = 0; i < fw->prof->nppcnt; i++)
		if (fw->prof->ppcnt[i].id == grp)
			g = &fw->prof->ppcnt[gi = i];
	per_prio = grp == EMU_PPCNT_PER_PRIO || grp == EMU_PPCNT_PER_TC;
	if (!g || PRM_GET(ppcnt_reg, data, pnat) ||
	    (per_prio && prio >= EMU_NUM_PRIO) || (!per_prio && prio)) {
		*synd = g ? EMU_SYND_BAD_REG_INDEX : EMU_SYND_BAD_CNT_GROUP;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	emu_counter_step(fw);
	memset(data, 0, PRM_SIZE(ppcnt_reg));
	PRM_SET(ppcnt_reg, data, local_port, p->local_port);
	PRM_SET(ppcnt_reg, data, grp, grp);
	PRM_SET(ppcnt_reg, data, prio_tc, prio);
	/* All traffic runs on priority and TC 0 (no DCB configured). */
	if (per_prio && prio)
		return PRM_STATUS_OK;
	up = st->oper_status == EMU_PORT_UP;
	emu_cnt_fill(fw, PRM_ADDR(ppcnt_reg, data, counter_set), g, up,
		     st->errors, st->ppcnt_cleared[gi]);
	if (grp == EMU_PPCNT_STATISTICAL)
		emu_stat_ber(PRM_ADDR(ppcnt_reg, data, counter_set), up);
	/* clr on a query: the values as they were, then the group restarts. */
	if (clr)
		st->ppcnt_cleared[gi] = fw->counter_reads;
	return PRM_STATUS_OK;
}

/* MPCNT: PCIe performance counters of the one PCIe link. */

int emu_reg_mpcnt_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	if (PRM_GET(mpcnt_reg, data, grp) != fw->prof->mpcnt.id ||
	    !fw->prof->mpcnt.ncnt) {
		*synd = EMU_SYND_BAD_CNT_GROUP;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	if (PRM_GET(mpcnt_reg, data, pcie_index)) {
		*synd = EMU_SYND_BAD_REG_INDEX;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	emu_counter_step(fw);
	memset(data, 0, PRM_SIZE(mpcnt_reg));
	emu_cnt_fill(fw, PRM_ADDR(mpcnt_reg, data, counter_set),
		     &fw->prof->mpcnt, true, false, 0);
	return PRM_STATUS_OK;
}

/* PDDR */

enum {
	EMU_PDDR_OPERATIONAL = 0x0,
	EMU_PDDR_TROUBLESHOOTING = 0x1,
	EMU_PDDR_MODULE = 0x3,
};

/* PDDR phy_mngr_fsm_state and cable_type values. */
enum {
	EMU_FSM_DISABLED = 0x0,
	EMU_FSM_POLLING = 0x2,
	EMU_FSM_ACTIVE = 0x3,
	EMU_PDDR_CABLE_UNPLUGGED = 4,
};

/*
 * The monitor opcodes the emulator can report, with the message firmware
 * puts next to them.
 */
static const struct {
	uint16_t opcode;
	const char *msg;
} emu_monitor_msgs[] = {
	{ EMU_MON_NO_ISSUE, "No issue observed" },
	{ EMU_MON_CLOSED_BY_COMMAND, "Port is close by command (see PAOS)" },
	{ EMU_MON_AN_FAILURE, "AN failure" },
	{ EMU_MON_TRAINING_FAILURE, "Link training failure" },
	{ EMU_MON_REMOTE_FAULT, "Remote fault received" },
	{ EMU_MON_SIGNAL_INTEGRITY, "Bad signal integrity" },
	{ EMU_MON_SPEED_DEGRADATION, "Speed degradation" },
	{ EMU_MON_CABLE_UNPLUGGED, "Cable is unplugged" },
	{ EMU_MON_UNSUPPORTED_CABLE, "Unsupported cable" },
	{ EMU_MON_MODULE_TEMP_SHUTDOWN, "Module temperature shutdown" },
	{ EMU_MON_POWER_BUDGET, "Power budget exceeded" },
};

/* The monitor opcode of a port: why it is down, or no issue. */
static uint16_t emu_port_monitor(const struct emu_port_state *st)
{
	if (st->admin_status == EMU_PORT_DOWN)
		return EMU_MON_CLOSED_BY_COMMAND;
	if (st->oper_status != EMU_PORT_UP)
		return st->down_reason;
	return EMU_MON_NO_ISSUE;
}

/* IB phy FSM states of the PDDR operational page (PRM, ADB). */
enum {
	EMU_IB_FSM_DISABLED = 0x0,
	EMU_IB_FSM_LINK_UP = 0x7,
	EMU_IB_FSM_POLLING = 0x8,
};

/*
 * link_active as PTYS reports the same link: the extended Ethernet mode,
 * or for InfiniBand the speed bit in the low and the width bit in the
 * high 16 bits (the ADB's pddr_link_active_ib).
 */
static uint32_t emu_pddr_link_active(const struct emu_port *p,
				     const struct emu_port_state *st)
{
	uint16_t width, rate;
	uint32_t speed;

	if (p->proto != EMU_PTYS_IB)
		return emu_ext_oper(st, &rate);
	speed = emu_ib_oper(p, st, &width, &rate);
	return (uint32_t)width << 16 | speed;
}

static void emu_pddr_operational(const struct emu_port *p,
				 const struct emu_port_state *st,
				 uint8_t *page)
{
	uint8_t fsm = EMU_FSM_ACTIVE, ib_fsm = EMU_IB_FSM_LINK_UP;

	if (st->admin_status == EMU_PORT_DOWN) {
		fsm = EMU_FSM_DISABLED;
		ib_fsm = EMU_IB_FSM_DISABLED;
	} else if (st->oper_status != EMU_PORT_UP) {
		fsm = EMU_FSM_POLLING;
		ib_fsm = EMU_IB_FSM_POLLING;
	}
	/* proto_active has PTYS proto_mask's bits. */
	PRM_SET(pddr_operation_info_page, page, proto_active, p->proto);
	PRM_SET(pddr_operation_info_page, page, phy_mngr_fsm_state, fsm);
	if (p->proto == EMU_PTYS_IB)
		PRM_SET(pddr_operation_info_page, page, ib_phy_fsm_state,
			ib_fsm);
	PRM_SET(pddr_operation_info_page, page, link_active,
		emu_pddr_link_active(p, st));
	if (st->oper_status == EMU_PORT_UP)
		PRM_SET(pddr_operation_info_page, page, fec_mode_active,
			EMU_FEC_MODE_RS_544_514);
}

static void emu_pddr_troubleshooting(const struct emu_port_state *st,
				     uint8_t *page)
{
	uint16_t op = emu_port_monitor(st);
	uint8_t *status = PRM_ADDR(pddr_troubleshooting_page, page, status_opcode);
	uint8_t *msg = PRM_ADDR(pddr_troubleshooting_page, page, status_message);
	size_t i;

	PRM_SET(pddr_monitor_opcode, status, monitor_opcode, op);
	for (i = 0; i < EMU_ARRAY_SIZE(emu_monitor_msgs); i++)
		if (emu_monitor_msgs[i].opcode == op)
			emu_copy_str(msg,
				     EMU_FIELD_BYTES(pddr_troubleshooting_page,
						     status_message),
				     emu_monitor_msgs[i].msg);
}

static bool emu_module_present(const struct emu_port_state *st)
{
	return !(st->oper_status != EMU_PORT_UP &&
		 st->down_reason == EMU_MON_CABLE_UNPLUGGED);
}

/* 0.125 C (MTMP) to 1/256 C (SFF-8636, CMIS, PDDR). */
static int16_t emu_temp_to_256(int16_t t)
{
	return (int16_t)(t * 32);
}

static void emu_pddr_module(struct emu_fw *fw, const struct emu_port_state *st,
			    uint8_t *page)
{
	const struct emu_module *m = fw->prof->module;

	if (!m || !emu_module_present(st)) {
		PRM_SET(pddr_module_info, page, cable_type,
			EMU_PDDR_CABLE_UNPLUGGED);
		return;
	}
	PRM_SET(pddr_module_info, page, cable_type, m->cable_type);
	PRM_SET(pddr_module_info, page, cable_identifier, m->cable_identifier);
	PRM_SET(pddr_module_info, page, cable_length, m->cable_length);
	emu_copy_str(PRM_ADDR(pddr_module_info, page, vendor_name),
		     EMU_FIELD_BYTES(pddr_module_info, vendor_name), m->vendor);
	emu_copy_str(PRM_ADDR(pddr_module_info, page, vendor_pn),
		     EMU_FIELD_BYTES(pddr_module_info, vendor_pn),
		     m->part_number);
	emu_copy_str(PRM_ADDR(pddr_module_info, page, vendor_sn),
		     EMU_FIELD_BYTES(pddr_module_info, vendor_sn), m->serial);
	/* A one-dword field: no PRM_COUNT, its bytes are its bits / 8. */
	emu_copy_str(PRM_ADDR(pddr_module_info, page, vendor_rev),
		     PRM_BITS(pddr_module_info, vendor_rev) / 8, m->revision);
	PRM_SET(pddr_module_info, page, temperature,
		(uint16_t)emu_temp_to_256(fw->module_temp));
	PRM_SET(pddr_module_info, page, temperature_high_th,
		(uint16_t)emu_temp_to_256(m->temp_crit));
	PRM_SET(pddr_module_info, page, temperature_low_th, 0);
}

int emu_reg_pddr_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	uint8_t sel = PRM_GET(pddr_reg, data, page_select);
	const struct emu_port *p;
	struct emu_port_state *st;
	uint8_t *page;

	p = emu_fw_reg_port(fw, PRM_GET(pddr_reg, data, local_port), &st, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	if (PRM_GET(pddr_reg, data, pnat) ||
	    (sel != EMU_PDDR_OPERATIONAL && sel != EMU_PDDR_TROUBLESHOOTING &&
	     sel != EMU_PDDR_MODULE)) {
		*synd = EMU_SYND_BAD_PAGE;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	memset(data, 0, PRM_SIZE(pddr_reg));
	PRM_SET(pddr_reg, data, local_port, p->local_port);
	PRM_SET(pddr_reg, data, page_select, sel);
	page = PRM_ADDR(pddr_reg, data, page_data);
	if (sel == EMU_PDDR_OPERATIONAL)
		emu_pddr_operational(p, st, page);
	else if (sel == EMU_PDDR_TROUBLESHOOTING)
		emu_pddr_troubleshooting(st, page);
	else
		emu_pddr_module(fw, st, page);
	return PRM_STATUS_OK;
}

/*
 * MCIA: the module EEPROM at I2C address 0x50, as CMIS (the OSFP's
 * management interface) lays it out in module.def: page 00h (module
 * monitors, identity), 01h (which lane monitors exist) and 11h bank 0
 * (the lane monitors).  Bytes 0-127 are the lower page whatever page a
 * read names, as the standard has it.
 */
#define EMU_EEPROM_I2C_ADDR 0x50
#define EMU_EEPROM_PAGE_SIZE 256

/* MCIA status: 0 good, 0x3 address out of the page or unplugged module. */
enum {
	EMU_MCIA_GOOD = 0x0,
	EMU_MCIA_NO_EEPROM = 0x1,
	EMU_MCIA_BAD_ADDR = 0x3,
};

/* CMIS module_state; the connector of an SR4 module (SFF-8024: MPO 1x12). */
enum {
	EMU_CMIS_LOW_POWER = 1,
	EMU_CMIS_READY = 3,
	EMU_CONNECTOR_MPO_1X12 = 0x0c,
};

/* Firmware keeps a module it shut down (too hot, over budget) in low power. */
static bool emu_module_low_power(const struct emu_port_state *st)
{
	return st->oper_status != EMU_PORT_UP &&
	       (st->down_reason == EMU_MON_MODULE_TEMP_SHUTDOWN ||
		st->down_reason == EMU_MON_POWER_BUDGET);
}

/* Lasers are off in low power and on a port closed by command. */
static bool emu_module_dark(const struct emu_port_state *st)
{
	return st->admin_status == EMU_PORT_DOWN || emu_module_low_power(st);
}

/* SFF strings are space padded. */
static void emu_eeprom_str(uint8_t *at, size_t size, const char *s)
{
	memset(at, ' ', size);
	memcpy(at, s, strnlen(s, size));
}

#define EMU_CMIS_STR(page, f, s)                                           \
	emu_eeprom_str(PRM_ADDR(cmis_page_00h, page, f),                   \
		       EMU_FIELD_BYTES(cmis_page_00h, f), (s))

static void emu_cmis_lower(const struct emu_fw *fw,
			   const struct emu_port_state *st, uint8_t *page)
{
	const struct emu_module *m = fw->prof->module;

	PRM_SET(cmis_page_00h, page, identifier, m->identifier);
	PRM_SET(cmis_page_00h, page, revision_compliance, m->cmis_revision);
	PRM_SET(cmis_page_00h, page, module_state, emu_module_low_power(st) ?
		EMU_CMIS_LOW_POWER : EMU_CMIS_READY);
	PRM_SET(cmis_page_00h, page, temperature,
		(uint16_t)emu_temp_to_256(fw->module_temp));
	PRM_SET(cmis_page_00h, page, supply_voltage, m->voltage);
}

static void emu_cmis_page_00h(const struct emu_fw *fw,
			      const struct emu_port_state *st, uint8_t *page)
{
	const struct emu_module *m = fw->prof->module;
	uint8_t *oui = PRM_ADDR(cmis_page_00h, page, vendor_oui);
	uint32_t v = fw->prof->ieee_vendor_id;

	PRM_SET(cmis_page_00h, page, upper_identifier, m->identifier);
	EMU_CMIS_STR(page, vendor_name, m->vendor);
	oui[0] = v >> 16;
	oui[1] = v >> 8;
	oui[2] = v;
	EMU_CMIS_STR(page, vendor_pn, m->part_number);
	EMU_CMIS_STR(page, vendor_rev, m->revision);
	EMU_CMIS_STR(page, vendor_sn, m->serial);
	EMU_CMIS_STR(page, date_code, m->date_code);
	PRM_SET(cmis_page_00h, page, connector, EMU_CONNECTOR_MPO_1X12);
}

/* Every lane monitor, unscaled bias (multiplier x1), average Rx power. */
static void emu_cmis_page_01h(const struct emu_fw *fw,
			      const struct emu_port_state *st, uint8_t *page)
{
	PRM_SET(cmis_page_01h, page, rx_power_average, 1);
	PRM_SET(cmis_page_01h, page, tx_bias_multiplier, 0);
	PRM_SET(cmis_page_01h, page, rx_power_monitor, 1);
	PRM_SET(cmis_page_01h, page, tx_power_monitor, 1);
	PRM_SET(cmis_page_01h, page, tx_bias_monitor, 1);
}

/*
 * The lane monitors: dark lasers launch nothing; what arrives is the
 * link partner's light, lit whatever this end does (the partner is not
 * emulated, so it always transmits).
 */
static void emu_cmis_page_11h(const struct emu_fw *fw,
			      const struct emu_port_state *st, uint8_t *page)
{
	const struct emu_module *m = fw->prof->module;
	const uint32_t w = PRM_BITS(cmis_page_11h, tx_power);
	bool dark = emu_module_dark(st);
	unsigned int i;

	for (i = 0; i < EMU_MODULE_LANES; i++) {
		prm_set(page, PRM_OFF(cmis_page_11h, tx_power) + i * w, w,
			dark ? 0 : m->tx_power[i]);
		prm_set(page, PRM_OFF(cmis_page_11h, tx_bias) + i * w, w,
			dark ? 0 : m->tx_bias[i]);
		prm_set(page, PRM_OFF(cmis_page_11h, rx_power) + i * w, w,
			m->rx_power[i]);
	}
}

static const struct {
	uint8_t page;
	void (*fill)(const struct emu_fw *fw, const struct emu_port_state *st,
		     uint8_t *page);
} emu_eeprom_pages[] = {
	{ 0x00, emu_cmis_page_00h },
	{ 0x01, emu_cmis_page_01h },
	{ 0x11, emu_cmis_page_11h },
};

/* Page PAGE as a read sees it, lower page included; false: no such page. */
static bool emu_eeprom_page(const struct emu_fw *fw,
			    const struct emu_port_state *st, uint8_t page,
			    uint8_t *buf)
{
	size_t i;

	memset(buf, 0, EMU_EEPROM_PAGE_SIZE);
	emu_cmis_lower(fw, st, buf);
	for (i = 0; i < EMU_ARRAY_SIZE(emu_eeprom_pages); i++) {
		if (emu_eeprom_pages[i].page == page) {
			emu_eeprom_pages[i].fill(fw, st, buf);
			return true;
		}
	}
	return false;
}

int emu_reg_mcia_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	uint8_t module = PRM_GET(mcia_reg, data, module);
	uint16_t addr = PRM_GET(mcia_reg, data, device_address);
	uint16_t size = PRM_GET(mcia_reg, data, size);
	uint8_t i2c = PRM_GET(mcia_reg, data, i2c_device_address);
	uint8_t page = PRM_GET(mcia_reg, data, page_number);
	uint8_t bank = PRM_GET(mcia_reg, data, bank_number);
	const size_t max = EMU_FIELD_BYTES(mcia_reg, dwords);
	uint8_t eeprom[EMU_EEPROM_PAGE_SIZE];
	struct emu_port_state *st;
	uint8_t status = EMU_MCIA_GOOD;

	/* One module per port, numbered from 0 like PMLP reports it. */
	if (module >= fw->prof->nports || !emu_fw_port(fw,
			fw->prof->ports[module].local_port, &st)) {
		*synd = EMU_SYND_BAD_REG_INDEX;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	if (!fw->prof->module || !emu_module_present(st))
		status = EMU_MCIA_NO_EEPROM;
	else if (i2c != EMU_EEPROM_I2C_ADDR || bank || size > max ||
		 addr + size > EMU_EEPROM_PAGE_SIZE ||
		 !emu_eeprom_page(fw, st, page, eeprom))
		status = EMU_MCIA_BAD_ADDR;
	/* Firmware reports EEPROM trouble in the register, not the command. */
	memset(PRM_ADDR(mcia_reg, data, dwords), 0, max);
	PRM_SET(mcia_reg, data, status, status);
	if (status != EMU_MCIA_GOOD)
		return PRM_STATUS_OK;
	memcpy(PRM_ADDR(mcia_reg, data, dwords), eeprom + addr, size);
	return PRM_STATUS_OK;
}

/* PMAOS: the module's administrative and operational state. */

enum {
	EMU_MODULE_ENABLED = 1,
	EMU_MODULE_PLUGGED = 1,
	EMU_MODULE_UNPLUGGED = 2,
};

int emu_reg_pmaos_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	uint8_t module = PRM_GET(pmaos_reg, data, module);
	struct emu_port_state *st;

	if (module >= fw->prof->nports ||
	    !emu_fw_port(fw, fw->prof->ports[module].local_port, &st)) {
		*synd = EMU_SYND_BAD_REG_INDEX;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	memset(data, 0, PRM_SIZE(pmaos_reg));
	PRM_SET(pmaos_reg, data, module, module);
	PRM_SET(pmaos_reg, data, admin_status, EMU_MODULE_ENABLED);
	PRM_SET(pmaos_reg, data, oper_status,
		fw->prof->module && emu_module_present(st) ?
			EMU_MODULE_PLUGGED : EMU_MODULE_UNPLUGGED);
	return PRM_STATUS_OK;
}

/* PMLP: four lanes of the port's module (400GAUI-4). */

#define EMU_PORT_LANES 4

int emu_reg_pmlp_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	const struct emu_port *p;
	struct emu_port_state *st;
	uint32_t module;

	p = emu_fw_reg_port(fw, PRM_GET(pmlp_reg, data, local_port), &st, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	module = (uint32_t)(p - fw->prof->ports);
	memset(data, 0, PRM_SIZE(pmlp_reg));
	PRM_SET(pmlp_reg, data, local_port, p->local_port);
	PRM_SET(pmlp_reg, data, width, EMU_PORT_LANES);
	/* Module number in bits 7:0, as mlx5_query_module_num() reads it. */
	PRM_SET(pmlp_reg, data, lane0_module_mapping, module);
	PRM_SET(pmlp_reg, data, lane1_module_mapping, module);
	PRM_SET(pmlp_reg, data, lane2_module_mapping, module);
	PRM_SET(pmlp_reg, data, lane3_module_mapping, module);
	return PRM_STATUS_OK;
}

/* PPLM: FEC, as a bit of each mask (EMU_FEC_MODE_RS_544_514). */
#define EMU_FEC_RS_544_514 (1u << EMU_FEC_MODE_RS_544_514)

int emu_reg_pplm_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	const struct emu_port *p;
	struct emu_port_state *st;

	p = emu_fw_reg_port(fw, PRM_GET(pplm_reg, data, local_port), &st, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	memset(data, 0, PRM_SIZE(pplm_reg));
	PRM_SET(pplm_reg, data, local_port, p->local_port);
	if (st->oper_status == EMU_PORT_UP)
		PRM_SET(pplm_reg, data, fec_mode_active, EMU_FEC_RS_544_514);
	PRM_SET(pplm_reg, data, fec_override_cap_400g_4x, EMU_FEC_RS_544_514);
	PRM_SET(pplm_reg, data, fec_override_cap_200g_2x, EMU_FEC_RS_544_514);
	PRM_SET(pplm_reg, data, fec_override_cap_100g_1x, EMU_FEC_RS_544_514);
	return PRM_STATUS_OK;
}

/* MPEIN: the PCIe link, Gen5 x16 (link_speed bit 5 = 32 GT/s). */

#define EMU_PCIE_GEN5 (1u << 5)
/* MPEIN link widths are codes: 0 x1, 1 x2, 2 x4, 3 x8, 4 x16. */
#define EMU_PCIE_WIDTH 4

int emu_reg_mpein_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	if (PRM_GET(mpein_reg, data, pcie_index) ||
	    PRM_GET(mpein_reg, data, depth) || PRM_GET(mpein_reg, data, node)) {
		*synd = EMU_SYND_BAD_REG_INDEX;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	memset(data, 0, PRM_SIZE(mpein_reg));
	PRM_SET(mpein_reg, data, link_width_enabled, EMU_PCIE_WIDTH);
	PRM_SET(mpein_reg, data, link_speed_enabled, EMU_PCIE_GEN5);
	PRM_SET(mpein_reg, data, link_width_active, EMU_PCIE_WIDTH);
	PRM_SET(mpein_reg, data, link_speed_active, EMU_PCIE_GEN5);
	PRM_SET(mpein_reg, data, num_of_pfs, 1);
	return PRM_STATUS_OK;
}
