// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The RPC policy of Documentation/policy.md, as the kernel series applies
 * it: opcode -> lowest scope, and for register writes, register -> class.
 */
#include <errno.h>
#include <stddef.h>

#include <rdma/mlx5_ctl_ioctl.h>

#include "emu.h"
#include "opcodes.h"
#include "prm.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

enum { CFG = MLX5_IB_CTL_SCOPE_CONFIGURATION,
       RO = MLX5_IB_CTL_SCOPE_DEBUG_READ_ONLY,
       WR = MLX5_IB_CTL_SCOPE_DEBUG_WRITE,
       FULL = MLX5_IB_CTL_SCOPE_DEBUG_WRITE_FULL };

struct policy_row {
	uint16_t id;
	uint8_t scope;
};

#define OP(name, scope) { MLX5_CMD_OP_##name, scope }

static const struct policy_row opcode_policy[] = {
	OP(QUERY_HCA_CAP, CFG), OP(QUERY_ADAPTER, CFG), OP(SET_HCA_CAP, CFG),
	OP(QUERY_OTHER_HCA_CAP, CFG), OP(QUERY_ESW_FUNCTIONS, CFG),
	OP(QUERY_ROCE_ADDRESS, CFG), OP(QUERY_HCA_VPORT_CONTEXT, CFG),
	OP(QUERY_VUID, CFG), OP(POSTPONE_CONNECTED_QP_TIMEOUT, CFG),

	OP(QUERY_PAGES, RO), OP(QUERY_ISSI, RO), OP(QUERY_DRIVER_VERSION, RO),
	OP(QUERY_SF_PARTITION, RO), OP(QUERY_VHCA_MIGRATION_STATE, RO),
	OP(QUERY_MKEY, RO), OP(QUERY_SPECIAL_CONTEXTS, RO), OP(QUERY_EQ, RO),
	OP(QUERY_CQ, RO), OP(QUERY_QP, RO), OP(QUERY_RDB, RO), OP(QUERY_PSV, RO),
	OP(QUERY_SRQ, RO), OP(QUERY_XRC_SRQ, RO), OP(QUERY_DCT, RO),
	OP(QUERY_DC_CNAK_TRACE, RO), OP(QUERY_XRQ, RO),
	OP(QUERY_NVMF_BACKEND_CONTROLLER, RO), OP(QUERY_XRQ_DC_PARAMS_ENTRY, RO),
	OP(QUERY_XRQ_ERROR_PARAMS, RO), OP(QUERY_NVMF_NAMESPACE_CONTEXT, RO),
	OP(QUERY_VPORT_STATE, RO), OP(QUERY_ESW_VPORT_CONTEXT, RO),
	OP(QUERY_NIC_VPORT_CONTEXT, RO), OP(QUERY_HCA_VPORT_GID, RO),
	OP(QUERY_HCA_VPORT_PKEY, RO), OP(QUERY_VNIC_ENV, RO),
	OP(QUERY_VPORT_COUNTER, RO), OP(QUERY_Q_COUNTER, RO),
	OP(QUERY_RATE_LIMIT, RO), OP(QUERY_SCHEDULING_ELEMENT, RO),
	OP(QUERY_MAD_DEMUX, RO), OP(NOP, RO), OP(QUERY_BURST_SIZE, RO),
	OP(QUERY_DIAGNOSTIC_PARAMS, RO), OP(QUERY_DIAGNOSTIC_COUNTERS, RO),
	OP(QUERY_CONG_STATUS, RO), OP(QUERY_CONG_PARAMS, RO),
	OP(QUERY_CONG_STATISTICS, RO), OP(QUERY_L2_TABLE_ENTRY, RO),
	OP(QUERY_WOL_ROL, RO), OP(QUERY_LAG, RO), OP(QUERY_TIR, RO),
	OP(QUERY_SQ, RO), OP(QUERY_RQ, RO), OP(QUERY_RMP, RO),
	OP(QUERY_DELAY_DROP_PARAMS, RO), OP(QUERY_TIS, RO), OP(QUERY_RQT, RO),
	OP(QUERY_FLOW_TABLE, RO), OP(QUERY_FLOW_GROUP, RO),
	OP(QUERY_FLOW_TABLE_ENTRY, RO), OP(QUERY_FLOW_COUNTER, RO),
	OP(QUERY_PACKET_REFORMAT_CONTEXT, RO),
	OP(QUERY_MODIFY_HEADER_CONTEXT, RO), OP(FPGA_QUERY_QP, RO),
	OP(FPGA_QUERY_QP_COUNTERS, RO), OP(QUERY_AFU, RO), OP(QUERY_CAPI_PEC, RO),
	OP(QUERY_GENERAL_OBJECT, RO), OP(QUERY_UCTX, RO), OP(QUERY_UMEM, RO),
	OP(QUERY_NVMF_CC_RESPONSE, RO), OP(QUERY_EMULATED_FUNCTIONS_INFO, RO),
	OP(QUERY_REGEXP_PARAMS, RO), OP(QUERY_REGEXP_REGISTER, RO),
	OP(USER_QUERY_XRQ_DC_PARAMS_ENTRY, RO),
	OP(USER_QUERY_XRQ_ERROR_PARAMS, RO), OP(QUERY_VHCA_STATE, RO),
	OP(QUERY_EMULATION_DEVICE_EQ_MSIX_MAPPING, RO),
	OP(QUERY_MATCH_SAMPLE_INFO, RO), OP(QUERY_CRYPTO_STATE, RO),
	OP(QUERY_DPA_PARTITION, RO), OP(QUERY_DPA_PARTITIONS, RO),
	OP(QUERY_EMULATED_RESOURCES_INFO, RO), OP(QUERY_RSV_RESOURCES, RO),
	OP(QUERY_MTT, RO), OP(QUERY_SCHED_QUEUE, RO),

	OP(SET_DIAGNOSTIC_PARAMS, WR),
};

/* Register writes below DEBUG_WRITE or above it; the rest is DEBUG_WRITE. */
static const struct policy_row register_write_policy[] = {
	/* configuration: firmware NV configuration, what mlxconfig sets */
	{ 0x9024, CFG }, /* MNVDA */
	{ 0x9025, CFG }, /* MNVDI */
	{ 0x9033, CFG }, /* MNVIA */
	/* owned by the netdev/RDMA drivers: port */
	{ 0x5002, FULL }, /* PMLP */
	{ 0x5003, FULL }, /* PMTU */
	{ 0x5004, FULL }, /* PTYS */
	{ 0x5006, FULL }, /* PAOS */
	{ 0x5007, FULL }, /* PFCC */
	{ 0x500b, FULL }, /* PPTB */
	{ 0x500c, FULL }, /* PBMC */
	{ 0x5012, FULL }, /* PMAOS */
	{ 0x5018, FULL }, /* PPLR */
	{ 0x5023, FULL }, /* PPLM */
	{ 0x5041, FULL }, /* PCMR */
	/* QoS and DCB */
	{ 0x4002, FULL }, /* QPTS */
	{ 0x4005, FULL }, /* QETCR */
	{ 0x400a, FULL }, /* QTCT */
	{ 0x4013, FULL }, /* QPDPM */
	{ 0x4020, FULL }, /* DCBX_PARAM */
	{ 0x4021, FULL }, /* DCBX_APP */
	/* firmware tracer */
	{ 0x9040, FULL }, /* MTRC_CAP */
	{ 0x9041, FULL }, /* MTRC_CONF */
	{ 0x9042, FULL }, /* MTRC_STDB */
	{ 0x9043, FULL }, /* MTRC_CTRL */
	/* clock */
	{ 0x9053, FULL }, /* MTPPS */
	{ 0x9055, FULL }, /* MTUTC */
	/* firmware reset and update (devlink) */
	{ 0x9028, FULL }, /* MFRL */
	{ 0x9062, FULL }, /* MCC */
	{ 0x9063, FULL }, /* MCDA */
};

static int lookup(const struct policy_row *rows, size_t n, uint16_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rows[i].id == id)
			return rows[i].scope;
	return -1;
}

/* Lowest scope for the command in IN; -1 when it is never allowed. */
static int required_scope(const void *in, size_t inlen)
{
	uint16_t opcode = PRM_GET(mbox_in, in, opcode);
	int scope;

	if (opcode == MLX5_CMD_OP_ACCESS_REG ||
	    opcode == MLX5_CMD_OP_ACCESS_REGISTER_USER) {
		if (PRM_GET(mbox_in, in, op_mod))
			return RO;
		if (inlen < PRM_SIZE(access_register_in))
			return -1;
		scope = lookup(register_write_policy,
			       ARRAY_SIZE(register_write_policy),
			       PRM_GET(access_register_in, in, register_id));
		return scope < 0 ? WR : scope;
	}
	return lookup(opcode_policy, ARRAY_SIZE(opcode_policy), opcode);
}

int emu_policy_check(const void *in, size_t inlen, unsigned int scope)
{
	int need = required_scope(in, inlen);

	return need >= 0 && scope >= (unsigned int)need ? 0 : EBADMSG;
}
