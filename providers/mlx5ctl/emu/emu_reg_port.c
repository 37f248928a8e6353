// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Port registers: PAOS (administrative/operational state), PTYS (link
 * modes), PMTU (MTU) and PCAM (which port registers exist).  PAOS and PMTU
 * writes change the instance's state and later reads see it; the state
 * lives as long as the emulated device.
 */
#include <string.h>

#include "emu_fw_int.h"

/* PAOS */

static void emu_paos_fill(uint8_t *data, uint8_t port,
			  const struct emu_port_state *st)
{
	memset(data, 0, PRM_SIZE(paos_reg));
	PRM_SET(paos_reg, data, local_port, port);
	PRM_SET(paos_reg, data, admin_status, st->admin_status);
	PRM_SET(paos_reg, data, oper_status, st->oper_status);
}

int emu_reg_paos_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	uint8_t port = PRM_GET(paos_reg, data, local_port);
	const struct emu_port *p;
	struct emu_port_state *st;

	p = emu_fw_reg_port(fw, port, &st, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	emu_paos_fill(data, p->local_port, st);
	return PRM_STATUS_OK;
}

/*
 * admin_status is applied only with ase (admin state update enable) set,
 * as the PRM defines; the emulated link follows the admin state at once
 * (up_once brings it up like up).  Event generation (ee/e) is accepted and
 * not emulated: there is no event queue to report to.
 */
int emu_reg_paos_write(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	uint8_t port = PRM_GET(paos_reg, data, local_port);
	uint8_t admin = PRM_GET(paos_reg, data, admin_status);
	const struct emu_port *p;
	struct emu_port_state *st;

	p = emu_fw_reg_port(fw, port, &st, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	if (PRM_GET(paos_reg, data, ase)) {
		if (admin != EMU_PORT_UP && admin != EMU_PORT_DOWN &&
		    admin != EMU_PORT_UP_ONCE) {
			*synd = EMU_SYND_BAD_REG_VALUE;
			return PRM_STATUS_BAD_PARAM_ERR;
		}
		st->admin_status = admin;
		st->oper_status = admin == EMU_PORT_DOWN ? EMU_PORT_DOWN :
							    EMU_PORT_UP;
	}
	emu_paos_fill(data, p->local_port, st);
	return PRM_STATUS_OK;
}

/*
 * PTYS.  Ethernet speeds of the extended link modes (bit = mode of
 * Linux's enum mlx5e_ext_link_mode) in PTYS data_rate_oper units of
 * 100 Mb/s.  The emulated link negotiates the fastest mode enabled in
 * admin, the higher mode winning a tie, and reports nothing while down.
 */
static const uint16_t emu_ext_mode_rate[32] = {
	[0] = 1, [1] = 10, [3] = 50, [4] = 100, [5] = 400, [6] = 250,
	[7] = 500, [8] = 500, [9] = 1000, [10] = 1000, [11] = 1000,
	[12] = 2000, [13] = 2000, [15] = 4000, [16] = 4000, [19] = 8000,
};

uint32_t emu_ext_oper(const struct emu_port_state *st, uint16_t *rate)
{
	uint32_t best = 0;
	unsigned int bit;

	*rate = 0;
	if (st->oper_status != EMU_PORT_UP)
		return 0;
	for (bit = 0; bit < 32; bit++) {
		if (!(st->ext_eth_proto_admin & (1u << bit)) ||
		    emu_ext_mode_rate[bit] < *rate || !emu_ext_mode_rate[bit])
			continue;
		*rate = emu_ext_mode_rate[bit];
		best = 1u << bit;
	}
	return best;
}

/* PTYS an_status: autonegotiation result as the PRM encodes it. */
enum {
	EMU_AN_COMPLETED = 1,
	EMU_AN_NOT_PERFORMED_UP = 3,
	EMU_AN_NOT_PERFORMED_DOWN = 4,
};

static uint8_t emu_an_status(const struct emu_port_state *st, uint32_t oper)
{
	if (!oper)
		return EMU_AN_NOT_PERFORMED_DOWN;
	return st->an_disable ? EMU_AN_NOT_PERFORMED_UP : EMU_AN_COMPLETED;
}

/*
 * InfiniBand: the lane rate of each ib_proto bit (SDR, DDR, QDR, FDR10,
 * FDR, EDR, HDR, NDR: PRM PTYS) and the lanes of each ib_link_width bit
 * (1x, 2x, 4x, 8x, 12x), in data_rate_oper units of 100 Mb/s: the IBTA's
 * nominal rates, as ibstat and Linux's ib_rate report them.
 */
static const uint16_t emu_ib_lane_rate[] = { 25, 50, 100, 100, 140, 250,
					     500, 1000 };
static const uint8_t emu_ib_lanes[] = { 1, 2, 4, 8, 12 };

static int emu_top_bit(uint32_t mask, unsigned int nbits)
{
	int bit;

	for (bit = nbits - 1; bit >= 0; bit--)
		if (mask & (1u << bit))
			return bit;
	return -1;
}

/*
 * The IB link trains at the fastest speed and widest width both admin
 * and capability allow; nothing while down.
 */
uint32_t emu_ib_oper(const struct emu_port *p, const struct emu_port_state *st,
		     uint16_t *width, uint16_t *rate)
{
	int s = emu_top_bit(st->ib_proto_admin & p->ib_proto_cap,
			    EMU_ARRAY_SIZE(emu_ib_lane_rate));
	int w = emu_top_bit(st->ib_link_width_admin & p->ib_link_width_cap,
			    EMU_ARRAY_SIZE(emu_ib_lanes));

	*width = 0;
	*rate = 0;
	if (st->oper_status != EMU_PORT_UP || s < 0 || w < 0)
		return 0;
	*width = 1u << w;
	*rate = emu_ib_lane_rate[s] * emu_ib_lanes[w];
	return 1u << s;
}

/* The link mode a port runs and its rate, whatever the protocol. */
static uint32_t emu_ptys_oper(const struct emu_port *p,
			      const struct emu_port_state *st, uint16_t *rate)
{
	uint16_t width;

	if (p->proto == EMU_PTYS_IB)
		return emu_ib_oper(p, st, &width, rate);
	return emu_ext_oper(st, rate);
}

static void emu_ptys_fill_eth(uint8_t *data, const struct emu_port *p,
			      const struct emu_port_state *st, uint32_t oper)
{
	PRM_SET(ptys_reg, data, ext_eth_proto_capability, p->ext_eth_proto_cap);
	PRM_SET(ptys_reg, data, eth_proto_capability, p->eth_proto_cap);
	PRM_SET(ptys_reg, data, ext_eth_proto_admin, st->ext_eth_proto_admin);
	PRM_SET(ptys_reg, data, eth_proto_admin, st->eth_proto_admin);
	/* Modes past 100G have no legacy bit: legacy oper stays 0. */
	PRM_SET(ptys_reg, data, ext_eth_proto_oper, oper);
}

static void emu_ptys_fill_ib(uint8_t *data, const struct emu_port *p,
			     const struct emu_port_state *st, uint32_t oper)
{
	uint16_t width, rate;

	emu_ib_oper(p, st, &width, &rate);
	PRM_SET(ptys_reg, data, ib_proto_capability, p->ib_proto_cap);
	PRM_SET(ptys_reg, data, ib_link_width_capability, p->ib_link_width_cap);
	PRM_SET(ptys_reg, data, ib_proto_admin, st->ib_proto_admin);
	PRM_SET(ptys_reg, data, ib_link_width_admin, st->ib_link_width_admin);
	PRM_SET(ptys_reg, data, ib_proto_oper, oper);
	PRM_SET(ptys_reg, data, ib_link_width_oper, width);
}

static void emu_ptys_fill(uint8_t *data, uint8_t port, const struct emu_port *p,
			  const struct emu_port_state *st)
{
	uint16_t rate;
	uint32_t oper = emu_ptys_oper(p, st, &rate);

	memset(data, 0, PRM_SIZE(ptys_reg));
	PRM_SET(ptys_reg, data, local_port, port);
	PRM_SET(ptys_reg, data, proto_mask, p->proto);
	PRM_SET(ptys_reg, data, an_disable_cap, 1);
	PRM_SET(ptys_reg, data, an_disable_admin, st->an_disable);
	PRM_SET(ptys_reg, data, an_status, emu_an_status(st, oper));
	PRM_SET(ptys_reg, data, data_rate_oper, rate);
	if (p->proto == EMU_PTYS_IB)
		emu_ptys_fill_ib(data, p, st, oper);
	else
		emu_ptys_fill_eth(data, p, st, oper);
	PRM_SET(ptys_reg, data, connector_type, p->connector_type);
}

/*
 * The port a PTYS access names.  proto_mask says which protocol's fields
 * the caller wants: the port's own, or 0 for whichever it runs.
 */
static const struct emu_port *emu_ptys_port(struct emu_fw *fw,
					    const uint8_t *data,
					    struct emu_port_state **st,
					    uint32_t *synd)
{
	uint8_t mask = PRM_GET(ptys_reg, data, proto_mask);
	const struct emu_port *p;

	p = emu_fw_reg_port(fw, PRM_GET(ptys_reg, data, local_port), st, synd);
	if (p && mask && !(mask & p->proto)) {
		/* A port has the page of the protocol it runs only. */
		*synd = EMU_SYND_BAD_REG_VALUE;
		return NULL;
	}
	return p;
}

int emu_reg_ptys_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	const struct emu_port *p;
	struct emu_port_state *st;

	p = emu_ptys_port(fw, data, &st, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	emu_ptys_fill(data, p->local_port, p, st);
	return PRM_STATUS_OK;
}

/* Admin modes must be capabilities of the port, and at least one set. */
static bool emu_ptys_eth_admin(const struct emu_port *p,
			       struct emu_port_state *st, const uint8_t *data)
{
	uint32_t ext = PRM_GET(ptys_reg, data, ext_eth_proto_admin);
	uint32_t eth = PRM_GET(ptys_reg, data, eth_proto_admin);

	if ((ext & ~p->ext_eth_proto_cap) || (eth & ~p->eth_proto_cap) ||
	    (!ext && !eth))
		return false;
	st->ext_eth_proto_admin = ext;
	st->eth_proto_admin = eth;
	return true;
}

/* The same for InfiniBand, where a speed and a width are both needed. */
static bool emu_ptys_ib_admin(const struct emu_port *p,
			      struct emu_port_state *st, const uint8_t *data)
{
	uint16_t speed = PRM_GET(ptys_reg, data, ib_proto_admin);
	uint16_t width = PRM_GET(ptys_reg, data, ib_link_width_admin);

	if ((speed & ~p->ib_proto_cap) || (width & ~p->ib_link_width_cap) ||
	    !speed || !width)
		return false;
	st->ib_proto_admin = speed;
	st->ib_link_width_admin = width;
	return true;
}

int emu_reg_ptys_write(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	const struct emu_port *p;
	struct emu_port_state *st;
	bool ok;

	p = emu_ptys_port(fw, data, &st, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	ok = p->proto == EMU_PTYS_IB ? emu_ptys_ib_admin(p, st, data) :
				       emu_ptys_eth_admin(p, st, data);
	if (!ok) {
		*synd = EMU_SYND_BAD_REG_VALUE;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	st->an_disable = PRM_GET(ptys_reg, data, an_disable_admin);
	emu_ptys_fill(data, p->local_port, p, st);
	return PRM_STATUS_OK;
}

/* PMTU */

static void emu_pmtu_fill(uint8_t *data, uint8_t port, const struct emu_port *p,
			  const struct emu_port_state *st)
{
	memset(data, 0, PRM_SIZE(pmtu_reg));
	PRM_SET(pmtu_reg, data, local_port, port);
	PRM_SET(pmtu_reg, data, max_mtu, p->max_mtu);
	PRM_SET(pmtu_reg, data, admin_mtu, st->admin_mtu);
	PRM_SET(pmtu_reg, data, oper_mtu, st->oper_mtu);
}

int emu_reg_pmtu_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	uint8_t port = PRM_GET(pmtu_reg, data, local_port);
	const struct emu_port *p;
	struct emu_port_state *st;

	p = emu_fw_reg_port(fw, port, &st, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	emu_pmtu_fill(data, p->local_port, p, st);
	return PRM_STATUS_OK;
}

/* Smallest frame the port accepts as an MTU: 64-byte minimum Ethernet frame. */
#define EMU_MIN_MTU 64

int emu_reg_pmtu_write(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	uint8_t port = PRM_GET(pmtu_reg, data, local_port);
	uint16_t mtu = PRM_GET(pmtu_reg, data, admin_mtu);
	const struct emu_port *p;
	struct emu_port_state *st;

	p = emu_fw_reg_port(fw, port, &st, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	if (mtu < EMU_MIN_MTU || mtu > p->max_mtu) {
		*synd = EMU_SYND_BAD_REG_VALUE;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	st->admin_mtu = mtu;
	st->oper_mtu = mtu;
	emu_pmtu_fill(data, p->local_port, p, st);
	return PRM_STATUS_OK;
}

/* PCAM: group 0 covers port registers 0x5000..0x507f. */

#define EMU_PCAM_BASE 0x5000

int emu_reg_pcam_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	uint8_t group = PRM_GET(pcam_reg, data, access_reg_group);
	uint8_t feature = PRM_GET(pcam_reg, data, feature_group);
	uint8_t *feat;

	if (group || feature) {
		*synd = EMU_SYND_BAD_CAP_GROUP;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	memset(data, 0, PRM_SIZE(pcam_reg));
	emu_reg_mask_fill(fw, data, PRM_OFF(pcam_reg, port_access_reg_cap_mask),
			  PRM_BITS(pcam_reg, port_access_reg_cap_mask),
			  EMU_PCAM_BASE);
	/*
	 * PTYS carries the extended link modes and the connector type:
	 * without these bits mlx5e would read only the legacy fields.
	 */
	feat = PRM_ADDR(pcam_reg, data, feature_cap_mask);
	PRM_SET(pcam_enhanced_features, feat, ptys_extended_ethernet, 1);
	PRM_SET(pcam_enhanced_features, feat, ptys_connector_type, 1);
	/* PPCNT groups and PPLM fields emu_reg_diag.c serves. */
	if (emu_fw_has_reg(fw, PRM_REG_PPCNT)) {
		PRM_SET(pcam_enhanced_features, feat, ppcnt_discard_group, 1);
		PRM_SET(pcam_enhanced_features, feat, ppcnt_statistical_group, 1);
		PRM_SET(pcam_enhanced_features, feat,
			rx_buffer_fullness_counters, 1);
	}
	if (emu_fw_has_reg(fw, PRM_REG_PPLM))
		PRM_SET(pcam_enhanced_features, feat, fec_100G_per_lane_in_pplm, 1);
	return PRM_STATUS_OK;
}
