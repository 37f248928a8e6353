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
		return EMU_STATUS_BAD_PARAM;
	emu_paos_fill(data, p->local_port, st);
	return EMU_STATUS_OK;
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
		return EMU_STATUS_BAD_PARAM;
	if (PRM_GET(paos_reg, data, ase)) {
		if (admin != EMU_PORT_UP && admin != EMU_PORT_DOWN &&
		    admin != EMU_PORT_UP_ONCE) {
			*synd = EMU_SYND_BAD_REG_VALUE;
			return EMU_STATUS_BAD_PARAM;
		}
		st->admin_status = admin;
		st->oper_status = admin == EMU_PORT_DOWN ? EMU_PORT_DOWN :
							    EMU_PORT_UP;
	}
	emu_paos_fill(data, p->local_port, st);
	return EMU_STATUS_OK;
}

/*
 * PTYS, Ethernet only.  Speeds of the extended link modes (bit = mode of
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

static void emu_ptys_fill(uint8_t *data, uint8_t port, const struct emu_port *p,
			  const struct emu_port_state *st)
{
	uint16_t rate;
	uint32_t oper = emu_ext_oper(st, &rate);

	memset(data, 0, PRM_SIZE(ptys_reg));
	PRM_SET(ptys_reg, data, local_port, port);
	PRM_SET(ptys_reg, data, proto_mask, EMU_PTYS_EN);
	PRM_SET(ptys_reg, data, an_disable_cap, 1);
	PRM_SET(ptys_reg, data, an_disable_admin, st->an_disable);
	PRM_SET(ptys_reg, data, an_status, emu_an_status(st, oper));
	PRM_SET(ptys_reg, data, data_rate_oper, rate);
	PRM_SET(ptys_reg, data, ext_eth_proto_capability, p->ext_eth_proto_cap);
	PRM_SET(ptys_reg, data, eth_proto_capability, p->eth_proto_cap);
	PRM_SET(ptys_reg, data, ext_eth_proto_admin, st->ext_eth_proto_admin);
	PRM_SET(ptys_reg, data, eth_proto_admin, st->eth_proto_admin);
	/* Modes past 100G have no legacy bit: legacy oper stays 0. */
	PRM_SET(ptys_reg, data, ext_eth_proto_oper, oper);
	PRM_SET(ptys_reg, data, connector_type, p->connector_type);
}

/*
 * The port a PTYS access names.  proto_mask says which protocol's fields
 * the caller wants: Ethernet, or 0 for the port's own (Ethernet here too).
 */
static const struct emu_port *emu_ptys_port(struct emu_fw *fw,
					    const uint8_t *data,
					    struct emu_port_state **st,
					    uint32_t *synd)
{
	uint8_t mask = PRM_GET(ptys_reg, data, proto_mask);
	const struct emu_port *p;

	p = emu_fw_reg_port(fw, PRM_GET(ptys_reg, data, local_port), st, synd);
	if (p && mask && !(mask & EMU_PTYS_EN)) {
		/* An Ethernet port has no InfiniBand protocol page. */
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
		return EMU_STATUS_BAD_PARAM;
	emu_ptys_fill(data, p->local_port, p, st);
	return EMU_STATUS_OK;
}

/* Admin modes must be capabilities of the port, and at least one set. */
int emu_reg_ptys_write(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	uint32_t ext = PRM_GET(ptys_reg, data, ext_eth_proto_admin);
	uint32_t eth = PRM_GET(ptys_reg, data, eth_proto_admin);
	const struct emu_port *p;
	struct emu_port_state *st;

	p = emu_ptys_port(fw, data, &st, synd);
	if (!p)
		return EMU_STATUS_BAD_PARAM;
	if ((ext & ~p->ext_eth_proto_cap) || (eth & ~p->eth_proto_cap) ||
	    (!ext && !eth)) {
		*synd = EMU_SYND_BAD_REG_VALUE;
		return EMU_STATUS_BAD_PARAM;
	}
	st->ext_eth_proto_admin = ext;
	st->eth_proto_admin = eth;
	st->an_disable = PRM_GET(ptys_reg, data, an_disable_admin);
	emu_ptys_fill(data, p->local_port, p, st);
	return EMU_STATUS_OK;
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
		return EMU_STATUS_BAD_PARAM;
	emu_pmtu_fill(data, p->local_port, p, st);
	return EMU_STATUS_OK;
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
		return EMU_STATUS_BAD_PARAM;
	if (mtu < EMU_MIN_MTU || mtu > p->max_mtu) {
		*synd = EMU_SYND_BAD_REG_VALUE;
		return EMU_STATUS_BAD_PARAM;
	}
	st->admin_mtu = mtu;
	st->oper_mtu = mtu;
	emu_pmtu_fill(data, p->local_port, p, st);
	return EMU_STATUS_OK;
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
		return EMU_STATUS_BAD_PARAM;
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
	if (emu_fw_has_reg(fw, EMU_REG_PPCNT)) {
		PRM_SET(pcam_enhanced_features, feat, ppcnt_discard_group, 1);
		PRM_SET(pcam_enhanced_features, feat, ppcnt_statistical_group, 1);
		PRM_SET(pcam_enhanced_features, feat,
			rx_buffer_fullness_counters, 1);
	}
	if (emu_fw_has_reg(fw, EMU_REG_PPLM))
		PRM_SET(pcam_enhanced_features, feat, fec_100G_per_lane_in_pplm, 1);
	return EMU_STATUS_OK;
}
