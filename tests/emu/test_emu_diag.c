// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The emulated firmware's diagnostics: PPCNT/MPCNT counters that advance
 * by a fixed step per read, PDDR pages, MCIA module EEPROM, module
 * temperature in MTMP, live objects and their queries, vport and Q
 * counters, and the degraded states of the device spec.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu_test.h"

static unsigned int reg(struct emu_fw *fw, uint16_t id, void *data,
			size_t size)
{
	uint8_t in[PRM_SIZE(access_register_in) + EMU_REG_MAX_SIZE] = { 0 };
	unsigned int status;

	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_ACCESS_REG);
	PRM_SET(mbox_in, in, op_mod, EMU_ACCESS_REG_READ);
	PRM_SET(access_register_in, in, register_id, id);
	memcpy(in + PRM_SIZE(access_register_in), data, size);
	status = run(fw, in, PRM_SIZE(access_register_in) + size,
		     PRM_SIZE(access_register_out) + size);
	if (!status)
		memcpy(data, out + PRM_SIZE(access_register_out), size);
	return status;
}

/* A _high/_low counter pair as one value. */
#define CNT64(s, p, f)                                                     \
	(PRM_GET(s, p, f##_high) << 32 | PRM_GET(s, p, f##_low))

static uint64_t ppcnt(struct emu_fw *fw, uint8_t grp, uint8_t *d)
{
	memset(d, 0, PRM_SIZE(ppcnt_reg));
	PRM_SET(ppcnt_reg, d, local_port, 1);
	PRM_SET(ppcnt_reg, d, grp, grp);
	CHECK_EQ(reg(fw, PRM_REG_PPCNT, d, PRM_SIZE(ppcnt_reg)), 0);
	CHECK_EQ(PRM_GET(ppcnt_reg, d, grp), grp);
	return 0;
}

static void test_ppcnt(void)
{
	struct emu_fw *fw = create("connectx7");
	uint8_t d[PRM_SIZE(ppcnt_reg)];
	const uint8_t *set = PRM_ADDR(ppcnt_reg, d, counter_set);
	uint64_t tx1, tx2;
	static const uint8_t grps[] = { 0x0, 0x1, 0x2, 0x3, 0x5, 0x6,
					0x10, 0x11, 0x12, 0x16 };
	size_t i;

	/* Every Ethernet group the PRM defines answers. */
	for (i = 0; i < sizeof(grps); i++)
		ppcnt(fw, grps[i], d);

	/* A fixed step per read: 9120000 + 4500 per read. */
	ppcnt(fw, 0x0, d);
	tx1 = CNT64(eth_802_3_cntrs_grp_data_layout, set, a_frames_transmitted_ok);
	ppcnt(fw, 0x0, d);
	tx2 = CNT64(eth_802_3_cntrs_grp_data_layout, set, a_frames_transmitted_ok);
	CHECK_EQ(tx2 - tx1, 4500);
	CHECK_EQ(tx1, 9120000 + 4500 * 11);
	/* A healthy port counts no errors. */
	CHECK_EQ(CNT64(eth_802_3_cntrs_grp_data_layout, set,
		       a_frame_check_sequence_errors), 0);
	ppcnt(fw, 0x12, d);
	CHECK_EQ(CNT64(phys_layer_cntrs, set, symbol_errors), 0);
	CHECK_EQ(PRM_GET(phys_layer_cntrs, set, link_down_events), 0);
	CHECK(CNT64(phys_layer_cntrs, set, rs_fec_corrected_blocks) > 0);

	/* Per priority: traffic on priority 0 only; 8 priorities. */
	memset(d, 0, sizeof(d));
	PRM_SET(ppcnt_reg, d, local_port, 1);
	PRM_SET(ppcnt_reg, d, grp, 0x10);
	PRM_SET(ppcnt_reg, d, prio_tc, 3);
	CHECK_EQ(reg(fw, PRM_REG_PPCNT, d, sizeof(d)), 0);
	CHECK_EQ(CNT64(eth_per_prio_grp_data_layout, set, rx_frames), 0);
	PRM_SET(ppcnt_reg, d, prio_tc, 0);
	CHECK_EQ(reg(fw, PRM_REG_PPCNT, d, sizeof(d)), 0);
	CHECK(CNT64(eth_per_prio_grp_data_layout, set, rx_frames) > 11340000);
	PRM_SET(ppcnt_reg, d, prio_tc, 8);
	CHECK_EQ(reg(fw, PRM_REG_PPCNT, d, sizeof(d)), PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_REG_INDEX);

	/* Unknown group, unknown port. */
	memset(d, 0, sizeof(d));
	PRM_SET(ppcnt_reg, d, local_port, 1);
	PRM_SET(ppcnt_reg, d, grp, 0x3f);
	CHECK_EQ(reg(fw, PRM_REG_PPCNT, d, sizeof(d)), PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_CNT_GROUP);
	memset(d, 0, sizeof(d));
	PRM_SET(ppcnt_reg, d, local_port, 9);
	CHECK_EQ(reg(fw, PRM_REG_PPCNT, d, sizeof(d)), PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_REG_INDEX);

	/* MPCNT: PCIe counters advance too. */
	memset(d, 0, sizeof(d));
	CHECK_EQ(reg(fw, PRM_REG_MPCNT, d, PRM_SIZE(mpcnt_reg)), 0);
	tx1 = CNT64(pcie_perf_cntrs_grp_data_layout,
		    PRM_ADDR(mpcnt_reg, d, counter_set), life_time_counter);
	CHECK_EQ(reg(fw, PRM_REG_MPCNT, d, PRM_SIZE(mpcnt_reg)), 0);
	tx2 = CNT64(pcie_perf_cntrs_grp_data_layout,
		    PRM_ADDR(mpcnt_reg, d, counter_set), life_time_counter);
	CHECK_EQ(tx2 - tx1, 1000);
	emu_fw_destroy(fw);
}

static uint16_t monitor_opcode(struct emu_fw *fw)
{
	uint8_t d[PRM_SIZE(pddr_reg)] = { 0 };
	uint8_t *page = PRM_ADDR(pddr_reg, d, page_data);

	PRM_SET(pddr_reg, d, local_port, 1);
	PRM_SET(pddr_reg, d, page_select, 1);
	CHECK_EQ(reg(fw, PRM_REG_PDDR, d, sizeof(d)), 0);
	return PRM_GET(pddr_monitor_opcode,
		       PRM_ADDR(pddr_troubleshooting_page, page, status_opcode),
		       monitor_opcode);
}

static void test_pddr(void)
{
	struct emu_fw *fw = create("connectx7");
	uint8_t d[PRM_SIZE(pddr_reg)] = { 0 };
	uint8_t *page = PRM_ADDR(pddr_reg, d, page_data);

	CHECK_EQ(monitor_opcode(fw), EMU_MON_NO_ISSUE);
	PRM_SET(pddr_reg, d, local_port, 1);
	PRM_SET(pddr_reg, d, page_select, 1);
	CHECK_EQ(reg(fw, PRM_REG_PDDR, d, sizeof(d)), 0);
	CHECK(!memcmp(PRM_ADDR(pddr_troubleshooting_page, page, status_message),
		      "No issue observed", 17));

	memset(d, 0, sizeof(d));
	PRM_SET(pddr_reg, d, local_port, 1);
	CHECK_EQ(reg(fw, PRM_REG_PDDR, d, sizeof(d)), 0);
	CHECK_EQ(PRM_GET(pddr_operation_info_page, page, phy_mngr_fsm_state), 3);

	memset(d, 0, sizeof(d));
	PRM_SET(pddr_reg, d, local_port, 1);
	PRM_SET(pddr_reg, d, page_select, 3);
	CHECK_EQ(reg(fw, PRM_REG_PDDR, d, sizeof(d)), 0);
	CHECK_EQ(PRM_GET(pddr_module_info, page, cable_type), 2);
	CHECK_EQ(PRM_GET(pddr_module_info, page, temperature), 45 * 256);
	CHECK(!memcmp(PRM_ADDR(pddr_module_info, page, vendor_name), "NVIDIA", 6));

	memset(d, 0, sizeof(d));
	PRM_SET(pddr_reg, d, local_port, 1);
	PRM_SET(pddr_reg, d, page_select, 0x42);
	CHECK_EQ(reg(fw, PRM_REG_PDDR, d, sizeof(d)), PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_PAGE);
	emu_fw_destroy(fw);
}

static void test_mcia(void)
{
	struct emu_fw *fw = create("connectx7");
	uint8_t d[PRM_SIZE(mcia_reg)] = { 0 };
	const uint8_t *bytes = PRM_ADDR(mcia_reg, d, dwords);

	PRM_SET(mcia_reg, d, i2c_device_address, 0x50);
	PRM_SET(mcia_reg, d, size, 48);
	CHECK_EQ(reg(fw, PRM_REG_MCIA, d, sizeof(d)), 0);
	CHECK_EQ(PRM_GET(mcia_reg, d, status), 0);
	CHECK_EQ(bytes[0], 0x19);		/* OSFP */
	CHECK_EQ(bytes[14] << 8 | bytes[15], 45 * 256);

	/* Vendor name in the upper page. */
	memset(d, 0, sizeof(d));
	PRM_SET(mcia_reg, d, i2c_device_address, 0x50);
	PRM_SET(mcia_reg, d, device_address, 129);
	PRM_SET(mcia_reg, d, size, 16);
	CHECK_EQ(reg(fw, PRM_REG_MCIA, d, sizeof(d)), 0);
	CHECK(!memcmp(bytes, "NVIDIA          ", 16));

	/* Trouble with the EEPROM shows in the register's status. */
	PRM_SET(mcia_reg, d, device_address, 250);
	CHECK_EQ(reg(fw, PRM_REG_MCIA, d, sizeof(d)), 0);
	CHECK_EQ(PRM_GET(mcia_reg, d, status), 0x3);
	memset(d, 0, sizeof(d));
	PRM_SET(mcia_reg, d, module, 1);
	CHECK_EQ(reg(fw, PRM_REG_MCIA, d, sizeof(d)), PRM_STATUS_BAD_PARAM_ERR);
	emu_fw_destroy(fw);

	fw = create("connectx7,port1=down:cable-unplugged");
	memset(d, 0, sizeof(d));
	PRM_SET(mcia_reg, d, i2c_device_address, 0x50);
	PRM_SET(mcia_reg, d, size, 1);
	CHECK_EQ(reg(fw, PRM_REG_MCIA, d, sizeof(d)), 0);
	CHECK_EQ(PRM_GET(mcia_reg, d, status), 0x1);
	memset(d, 0, sizeof(d));
	CHECK_EQ(reg(fw, PRM_REG_PMAOS, d, PRM_SIZE(pmaos_reg)), 0);
	CHECK_EQ(PRM_GET(pmaos_reg, d, oper_status), 2);	/* unplugged */
	emu_fw_destroy(fw);
}

/* 128 bytes of module EEPROM page PAGE from ADDR into BUF; MCIA status. */
static unsigned int eeprom(struct emu_fw *fw, uint8_t page, uint8_t bank,
			   uint16_t addr, uint8_t *buf)
{
	uint8_t d[PRM_SIZE(mcia_reg)] = { 0 };

	PRM_SET(mcia_reg, d, i2c_device_address, 0x50);
	PRM_SET(mcia_reg, d, page_number, page);
	PRM_SET(mcia_reg, d, bank_number, bank);
	PRM_SET(mcia_reg, d, device_address, addr);
	PRM_SET(mcia_reg, d, size, 128);
	CHECK_EQ(reg(fw, PRM_REG_MCIA, d, sizeof(d)), 0);
	memcpy(buf + addr, PRM_ADDR(mcia_reg, d, dwords), 128);
	return PRM_GET(mcia_reg, d, status);
}

static uint16_t lane(const uint8_t *page11, uint32_t off, unsigned int i)
{
	return prm_get(page11, off + i * 16, 16);
}

/* The lane monitors of page 11h against the profile, lasers on or off. */
static void check_lanes(struct emu_fw *fw, bool lit)
{
	const struct emu_module *m = emu_profile_get("connectx7", NULL, 0)->module;
	uint8_t p[256] = { 0 };
	unsigned int i;

	CHECK_EQ(eeprom(fw, 0x11, 0, 128, p), 0);
	for (i = 0; i < EMU_MODULE_LANES; i++) {
		CHECK_EQ(lane(p, PRM_OFF(cmis_page_11h, tx_power), i),
			 lit ? m->tx_power[i] : 0);
		CHECK_EQ(lane(p, PRM_OFF(cmis_page_11h, tx_bias), i),
			 lit ? m->tx_bias[i] : 0);
		/* What arrives is the partner's light. */
		CHECK_EQ(lane(p, PRM_OFF(cmis_page_11h, rx_power), i),
			 m->rx_power[i]);
	}
	/* Lanes the module does not have read 0. */
	CHECK_EQ(lane(p, PRM_OFF(cmis_page_11h, rx_power), 7), 0);
}

/* CMIS pages 00h, 01h and 11h, as module.def lays them out. */
static void test_cmis_pages(void)
{
	struct emu_fw *fw = create("connectx7");
	uint8_t p[256] = { 0 };

	CHECK_EQ(eeprom(fw, 0, 0, 0, p), 0);
	CHECK_EQ(eeprom(fw, 0, 0, 128, p), 0);
	CHECK_EQ(PRM_GET(cmis_page_00h, p, identifier), 0x19);
	CHECK_EQ(PRM_GET(cmis_page_00h, p, upper_identifier), 0x19);
	CHECK_EQ(PRM_GET(cmis_page_00h, p, flat_memory), 0);
	CHECK_EQ(PRM_GET(cmis_page_00h, p, module_state), 3);	/* ready */
	CHECK_EQ(PRM_GET(cmis_page_00h, p, supply_voltage), 32950);
	CHECK(!memcmp(PRM_ADDR(cmis_page_00h, p, vendor_pn), "MMA4Z00-NS      ",
		      16));
	CHECK(!memcmp(PRM_ADDR(cmis_page_00h, p, vendor_oui), "\x00\x02\xc9", 3));
	CHECK(!memcmp(PRM_ADDR(cmis_page_00h, p, date_code), "230115  ", 8));

	/* Every page shows the lower page below 128. */
	memset(p, 0, sizeof(p));
	CHECK_EQ(eeprom(fw, 0x01, 0, 0, p), 0);
	CHECK_EQ(eeprom(fw, 0x01, 0, 128, p), 0);
	CHECK_EQ(p[0], 0x19);
	CHECK_EQ(PRM_GET(cmis_page_01h, p, tx_bias_monitor), 1);
	CHECK_EQ(PRM_GET(cmis_page_01h, p, tx_power_monitor), 1);
	CHECK_EQ(PRM_GET(cmis_page_01h, p, rx_power_monitor), 1);
	CHECK_EQ(PRM_GET(cmis_page_01h, p, tx_bias_multiplier), 0);
	check_lanes(fw, true);

	/* Pages and banks the module lacks. */
	CHECK_EQ(eeprom(fw, 0x02, 0, 128, p), 0x3);
	CHECK_EQ(eeprom(fw, 0x11, 1, 128, p), 0x3);
	emu_fw_destroy(fw);

	/* Firmware shut the module down: low power, lasers off. */
	fw = create("connectx7,port1=down:power-budget");
	CHECK_EQ(eeprom(fw, 0, 0, 0, p), 0);
	CHECK_EQ(PRM_GET(cmis_page_00h, p, module_state), 1);
	check_lanes(fw, false);
	emu_fw_destroy(fw);
	/* Down for a reason of the link: the module stays lit. */
	fw = create("connectx7,port1=down:signal-integrity");
	CHECK_EQ(eeprom(fw, 0, 0, 0, p), 0);
	CHECK_EQ(PRM_GET(cmis_page_00h, p, module_state), 3);
	check_lanes(fw, true);
	emu_fw_destroy(fw);
}

#define STAT(set, f) CNT64(phys_layer_statistical_cntrs, set, f)

/* 10^-E, without libm. */
static double neg_pow10(unsigned int e)
{
	double v = 1;

	while (e--)
		v /= 10;
	return v;
}

/*
 * A BER of the statistical group is ERRORS / BITS as coef * 10^-magnitude
 * (the ADB's definition) to within rounding the coefficient, and the
 * smallest magnitude that gives a coefficient of 1 or more.
 */
static void check_ber(const uint8_t *set, uint32_t coef_off, uint32_t mag_off,
		      uint64_t errors)
{
	double bits = (double)STAT(set, phy_received_bits);
	unsigned int coef = prm_get(set, coef_off, 4);
	unsigned int mag = prm_get(set, mag_off, 8);
	double ber = errors / bits;

	if (!errors) {
		CHECK_EQ(coef, 15);
		CHECK_EQ(mag, 255);
		return;
	}
	CHECK(coef >= 1 && coef <= 10);
	CHECK(ber * (1 / neg_pow10(mag)) >= 1 &&
	      ber * (1 / neg_pow10(mag)) < 10);
	CHECK(ber >= (coef - 0.5) * neg_pow10(mag) &&
	      ber < (coef + 0.5) * neg_pow10(mag));
}

static void check_bers(struct emu_fw *fw)
{
	uint8_t d[PRM_SIZE(ppcnt_reg)];
	const uint8_t *set = PRM_ADDR(ppcnt_reg, d, counter_set);
	uint64_t left;

	ppcnt(fw, 0x16, d);
	left = STAT(set, phy_effective_errors);
	check_ber(set, PRM_OFF(phys_layer_statistical_cntrs, raw_ber_coef),
		  PRM_OFF(phys_layer_statistical_cntrs, raw_ber_magnitude),
		  STAT(set, phy_corrected_bits) + left);
	check_ber(set, PRM_OFF(phys_layer_statistical_cntrs, effective_ber_coef),
		  PRM_OFF(phys_layer_statistical_cntrs, effective_ber_magnitude),
		  left);
	check_ber(set, PRM_OFF(phys_layer_statistical_cntrs, symbol_fec_ber_coef),
		  PRM_OFF(phys_layer_statistical_cntrs, symbol_ber_magnitude),
		  STAT(set, phy_symbol_errors));
}

/* The statistical group's BERs tell the same story as its counters. */
static void test_ber(void)
{
	struct emu_fw *fw = create("connectx7");
	uint8_t d[PRM_SIZE(ppcnt_reg)];
	const uint8_t *set = PRM_ADDR(ppcnt_reg, d, counter_set);

	check_bers(fw);
	ppcnt(fw, 0x16, d);
	/* 850 corrected bits in 425 Gb: 2E-9 before the FEC, none after. */
	CHECK_EQ(PRM_GET(phys_layer_statistical_cntrs, set, raw_ber_coef), 2);
	CHECK_EQ(PRM_GET(phys_layer_statistical_cntrs, set, raw_ber_magnitude), 9);
	CHECK_EQ(STAT(set, phy_corrected_bits),
		 STAT(set, phy_corrected_bits_lane0) +
		 STAT(set, phy_corrected_bits_lane1) +
		 STAT(set, phy_corrected_bits_lane2) +
		 STAT(set, phy_corrected_bits_lane3));
	emu_fw_destroy(fw);

	fw = create("connectx7,port1=errors");
	check_bers(fw);
	ppcnt(fw, 0x16, d);
	CHECK(STAT(set, phy_effective_errors) > 0);
	emu_fw_destroy(fw);

	/* A link that is down measures no BER; time goes on. */
	fw = create("connectx7,port1=down:training-failure");
	ppcnt(fw, 0x16, d);
	CHECK_EQ(PRM_GET(phys_layer_statistical_cntrs, set, raw_ber_coef), 0);
	CHECK_EQ(PRM_GET(phys_layer_statistical_cntrs, set, raw_ber_magnitude), 0);
	CHECK_EQ(PRM_GET(phys_layer_statistical_cntrs, set,
			 effective_ber_magnitude), 0);
	CHECK_EQ(STAT(set, time_since_last_clear), 86400000 + 1000);
	ppcnt(fw, 0x16, d);
	CHECK_EQ(STAT(set, time_since_last_clear), 86400000 + 2000);
	emu_fw_destroy(fw);
}

static int16_t module_temp(struct emu_fw *fw, uint8_t *d)
{
	memset(d, 0, PRM_SIZE(mtmp_reg));
	PRM_SET(mtmp_reg, d, sensor_index, EMU_MODULE_SENSOR_BASE);
	CHECK_EQ(reg(fw, PRM_REG_MTMP, d, PRM_SIZE(mtmp_reg)), 0);
	return (int16_t)PRM_GET(mtmp_reg, d, temperature);
}

static void test_degraded(void)
{
	struct emu_fw *fw;
	uint8_t d[EMU_REG_MAX_SIZE];
	char err[256];

	fw = create("connectx7");
	CHECK_EQ(module_temp(fw, d), 45 * 8);
	CHECK_EQ(PRM_GET(mtmp_reg, d, temp_threshold_hi), 80 * 8);
	CHECK_EQ(PRM_GET(mtmp_reg, d, temp_threshold_lo), 70 * 8);
	emu_fw_destroy(fw);

	fw = create("connectx7,module_temp=85,port1=down:an-failure");
	CHECK_EQ(module_temp(fw, d), 85 * 8);
	CHECK_EQ(monitor_opcode(fw), EMU_MON_AN_FAILURE);
	memset(d, 0, sizeof(d));
	PRM_SET(paos_reg, d, local_port, 1);
	CHECK_EQ(reg(fw, PRM_REG_PAOS, d, PRM_SIZE(paos_reg)), 0);
	CHECK_EQ(PRM_GET(paos_reg, d, admin_status), EMU_PORT_UP);
	CHECK_EQ(PRM_GET(paos_reg, d, oper_status), EMU_PORT_DOWN);
	emu_fw_destroy(fw);

	/* Errors: the error counters step, the link stays up. */
	fw = create("connectx7,port1=errors");
	ppcnt(fw, 0x12, d);
	CHECK_EQ(CNT64(phys_layer_cntrs, PRM_ADDR(ppcnt_reg, d, counter_set),
		       symbol_errors), 3);
	ppcnt(fw, 0x12, d);
	CHECK_EQ(CNT64(phys_layer_cntrs, PRM_ADDR(ppcnt_reg, d, counter_set),
		       symbol_errors), 6);
	CHECK_EQ(monitor_opcode(fw), EMU_MON_NO_ISSUE);
	emu_fw_destroy(fw);

	/* Bad specs say what is wrong. */
	static const char *const bad[] = {
		"connectx7,module_temp=hot", "connectx7,module_temp=500",
		"connectx7,port1=sideways", "connectx7,port1=down:gremlins",
		"connectx7,port2=down", "connectx7,port0=down",
		"connectx7,port1", "connectx7,module_temp",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = 0;
		CHECK(!emu_fw_create(bad[i], err, sizeof(err)));
		CHECK(err[0]);
	}
}

static unsigned int query(struct emu_fw *fw, uint16_t opcode, uint32_t off,
			  uint32_t bits, uint32_t num, size_t inlen,
			  size_t outlen)
{
	uint8_t in[64] = { 0 };

	PRM_SET(mbox_in, in, opcode, opcode);
	prm_set(in, off, bits, num);
	return run(fw, in, inlen, outlen);
}

#define QUERY(fw, op, s, f, n)                                             \
	query((fw), MLX5_CMD_OP_##op, PRM_OFF(s##_in, f), PRM_BITS(s##_in, f), \
	      (n), PRM_SIZE(s##_in), PRM_SIZE(s##_out))

static void test_objects(void)
{
	struct emu_fw *fw = create("connectx7");
	const uint8_t *qpc = PRM_ADDR(query_qp_out, out, qpc);

	CHECK_EQ(QUERY(fw, QUERY_QP, query_qp, qpn, 0x1c8), 0);
	CHECK_EQ(PRM_GET(qpc, qpc, state), 3);		/* RTS */
	CHECK_EQ(PRM_GET(qpc, qpc, st), 0);		/* RC */
	CHECK_EQ(PRM_GET(qpc, qpc, cqn_snd), 0x400);
	CHECK_EQ(QUERY(fw, QUERY_QP, query_qp, qpn, 0x1c9), 0);
	CHECK_EQ(PRM_GET(qpc, qpc, st), 2);		/* UD */
	/* Related objects are live too. */
	CHECK_EQ(QUERY(fw, QUERY_CQ, query_cq, cqn, 0x400), 0);
	CHECK_EQ(PRM_GET(cqc, PRM_ADDR(query_cq_out, out, cq_context),
			 c_eqn_or_apu_element), 0x8);
	CHECK_EQ(QUERY(fw, QUERY_EQ, query_eq, eq_number, 0x8), 0);
	CHECK_EQ(QUERY(fw, QUERY_SQ, query_sq, sqn, 0x120), 0);
	CHECK_EQ(QUERY(fw, QUERY_RQ, query_rq, rqn, 0x121), 0);
	CHECK_EQ(QUERY(fw, QUERY_RQT, query_rqt, rqtn, 0x5), 0);
	CHECK_EQ(QUERY(fw, QUERY_TIR, query_tir, tirn, 0x9), 0);
	CHECK_EQ(PRM_GET(tirc, PRM_ADDR(query_tir_out, out, tir_context),
			 indirect_table), 0x5);
	CHECK_EQ(QUERY(fw, QUERY_TIS, query_tis, tisn, 0x8), 0);
	CHECK_EQ(QUERY(fw, QUERY_SRQ, query_srq, srqn, 0x20), 0);
	CHECK_EQ(QUERY(fw, QUERY_DCT, query_dct, dctn, 0x1d0), 0);
	CHECK_EQ(QUERY(fw, QUERY_MKEY, query_mkey, mkey_index, 0x3), 0);
	/* A number that is not live: bad resource. */
	CHECK_EQ(QUERY(fw, QUERY_QP, query_qp, qpn, 0x1ca), PRM_STATUS_BAD_RES_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_OBJECT);
	CHECK_EQ(QUERY(fw, QUERY_CQ, query_cq, cqn, 0x1c8), PRM_STATUS_BAD_RES_ERR);
	emu_fw_destroy(fw);
}

static void test_counters(void)
{
	struct emu_fw *fw = create("connectx7");
	uint8_t in[PRM_SIZE(query_q_counter_in)] = { 0 };
	const uint8_t *uc = PRM_ADDR(query_vport_counter_out, out,
				     received_eth_unicast);
	uint64_t a;

	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_QUERY_VPORT_COUNTER);
	CHECK_EQ(run(fw, in, PRM_SIZE(query_vport_counter_in),
		     PRM_SIZE(query_vport_counter_out)), 0);
	a = PRM_GET(traffic_counter, uc, packets);
	CHECK_EQ(a, 11334020 + 5197);
	CHECK_EQ(PRM_GET(traffic_counter, uc, octets), a * 1200);
	CHECK_EQ(run(fw, in, PRM_SIZE(query_vport_counter_in),
		     PRM_SIZE(query_vport_counter_out)), 0);
	CHECK_EQ(PRM_GET(traffic_counter, uc, packets) - a, 5197);
	PRM_SET(query_vport_counter_in, in, other_vport, 1);
	CHECK_EQ(run(fw, in, PRM_SIZE(query_vport_counter_in),
		     PRM_SIZE(query_vport_counter_out)), PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_VPORT);

	memset(in, 0, sizeof(in));
	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_QUERY_Q_COUNTER);
	PRM_SET(query_q_counter_in, in, counter_set_id, 1);
	CHECK_EQ(run(fw, in, sizeof(in), PRM_SIZE(query_q_counter_out)), 0);
	CHECK_EQ(PRM_GET(query_q_counter_out, out, rx_write_requests),
		 482113 + 211 * 3);
	CHECK_EQ(PRM_GET(query_q_counter_out, out, packet_seq_err), 0);
	PRM_SET(query_q_counter_in, in, counter_set_id, 2);
	CHECK_EQ(run(fw, in, sizeof(in), PRM_SIZE(query_q_counter_out)),
		 PRM_STATUS_BAD_RES_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_COUNTER_SET);
	emu_fw_destroy(fw);
}

/* Random mailboxes at the new commands and registers: no crash, no drift. */
static void test_fuzz(void)
{
	struct emu_fw *a = create("connectx7,port1=errors");
	struct emu_fw *b = create("connectx7,port1=errors");
	uint8_t in[PRM_SIZE(access_register_in) + EMU_REG_MAX_SIZE];
	static uint8_t outa[OUT_MAX], outb[OUT_MAX];
	static const uint16_t ops[] = { 0x805, 0x50b, 0x402, 0x303, 0x907,
					0x90b, 0x919, 0x903, 0x915, 0x702,
					0x713, 0x201, 0x770, 0x773, 0x805,
					0x805 };
	static const uint16_t regs[] = { 0x5002, 0x5008, 0x5012, 0x5023,
					 0x5031, 0x900a, 0x9014, 0x9050,
					 0x9051, 0x5008, 0x5031, 0x9014,
					 0x900a, 0x5008, 0x5031, 0x9014 };
	uint32_t seed = 7;
	size_t na, nb;
	int i;

	for (i = 0; i < 20000; i++) {
		size_t j, inlen, outlen;

		for (j = 0; j < sizeof(in); j++) {
			seed = seed * 1103515245 + 12345;
			in[j] = seed >> 16;
		}
		seed = seed * 1103515245 + 12345;
		PRM_SET(mbox_in, in, opcode, ops[seed >> 28]);
		PRM_SET(mbox_in, in, uid, 0);
		PRM_SET(mbox_in, in, op_mod, (seed >> 12) & 1);
		PRM_SET(access_register_in, in, register_id,
			regs[(seed >> 4) & 0xf]);
		/* Index fields mostly small, so handlers get past lookup. */
		if (seed & 1)
			memset(in + PRM_SIZE(access_register_in), 0, 4);
		inlen = sizeof(in) - ((seed >> 3) & 0x3f);
		outlen = sizeof(outa) - ((seed >> 9) & 0xfff);
		na = emu_fw_exec(a, in, inlen, outa, outlen);
		nb = emu_fw_exec(b, in, inlen, outb, outlen);
		CHECK(na <= outlen);
		if (na != nb || memcmp(outa, outb, na)) {
			CHECK(!"instances diverged");
			break;
		}
	}
	emu_fw_destroy(a);
	emu_fw_destroy(b);
}

/* state=FILE: a write in one instance is what the next one reads. */
static void test_state_file(void)
{
	char dir[] = "/tmp/emu_state_XXXXXX", path[64], spec[96];
	uint8_t in[PRM_SIZE(access_register_in) + PRM_SIZE(paos_reg)] = { 0 };
	uint8_t *d = in + PRM_SIZE(access_register_in);
	struct emu_fw *fw;
	char err[256];
	FILE *f;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/cx7.state", dir);
	snprintf(spec, sizeof(spec), "connectx7,state=%s", path);

	fw = create(spec);
	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_ACCESS_REG);
	PRM_SET(mbox_in, in, op_mod, EMU_ACCESS_REG_WRITE);
	PRM_SET(access_register_in, in, register_id, PRM_REG_PAOS);
	PRM_SET(paos_reg, d, local_port, 1);
	PRM_SET(paos_reg, d, admin_status, EMU_PORT_DOWN);
	PRM_SET(paos_reg, d, ase, 1);
	CHECK_EQ(run(fw, in, sizeof(in), PRM_SIZE(access_register_out) +
		     PRM_SIZE(paos_reg)), 0);
	emu_fw_destroy(fw);

	fw = create(spec);
	memset(d, 0, PRM_SIZE(paos_reg));
	PRM_SET(paos_reg, d, local_port, 1);
	CHECK_EQ(reg(fw, PRM_REG_PAOS, d, PRM_SIZE(paos_reg)), 0);
	CHECK_EQ(PRM_GET(paos_reg, d, admin_status), EMU_PORT_DOWN);
	CHECK_EQ(PRM_GET(paos_reg, d, oper_status), EMU_PORT_DOWN);
	emu_fw_destroy(fw);

	/* A file that is not state is refused and left alone. */
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs("port 7 1 1 1522 1522 0 0 0 0 0\n", f);
		fclose(f);
	}
	err[0] = 0;
	CHECK(!emu_fw_create(spec, err, sizeof(err)));
	CHECK(strstr(err, ":1:") != NULL);
	f = fopen(path, "r");
	CHECK(f != NULL);
	if (f) {
		char line[64] = "";

		CHECK(fgets(line, sizeof(line), f) != NULL);
		CHECK(!strncmp(line, "port 7", 6));
		fclose(f);
	}
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	test_state_file();
	test_fuzz();
	test_ppcnt();
	test_pddr();
	test_mcia();
	test_cmis_pages();
	test_ber();
	test_degraded();
	test_objects();
	test_counters();
	return check_done("test_emu_diag");
}
