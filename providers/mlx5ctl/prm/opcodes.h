/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * PRM command opcodes: one list, expanded into MLX5_CMD_OP_* constants and
 * a name table (prm_opcode.c: for messages, "cmd" output, the emulator's
 * profiles).
 * Values are the PRM's, as in Linux's mlx5_ifc.h.
 */
#ifndef MLX5CTL_PRM_OPCODES_H
#define MLX5CTL_PRM_OPCODES_H

#include <stdbool.h>
#include <stdint.h>

#define PRM_OPCODES(X)                                   \
	X(QUERY_HCA_CAP, 0x100)                          \
	X(QUERY_ADAPTER, 0x101)                          \
	X(INIT_HCA, 0x102)                               \
	X(TEARDOWN_HCA, 0x103)                           \
	X(ENABLE_HCA, 0x104)                             \
	X(DISABLE_HCA, 0x105)                            \
	X(QUERY_PAGES, 0x107)                            \
	X(MANAGE_PAGES, 0x108)                           \
	X(SET_HCA_CAP, 0x109)                            \
	X(QUERY_ISSI, 0x10a)                             \
	X(SET_ISSI, 0x10b)                               \
	X(QUERY_DRIVER_VERSION, 0x10c)                   \
	X(QUERY_OTHER_HCA_CAP, 0x10e)                    \
	X(QUERY_SF_PARTITION, 0x111)                     \
	X(QUERY_VHCA_MIGRATION_STATE, 0x117)             \
	X(CREATE_MKEY, 0x200)                            \
	X(DESTROY_MKEY, 0x202)                           \
	X(QUERY_MKEY, 0x201)                             \
	X(QUERY_SPECIAL_CONTEXTS, 0x203)                 \
	X(CREATE_EQ, 0x301)                              \
	X(QUERY_EQ, 0x303)                               \
	X(CREATE_CQ, 0x400)                              \
	X(QUERY_CQ, 0x402)                               \
	X(CREATE_QP, 0x500)                              \
	X(QUERY_QP, 0x50b)                               \
	X(QUERY_RDB, 0x512)                              \
	X(QUERY_PSV, 0x602)                              \
	X(CREATE_SRQ, 0x700)                             \
	X(QUERY_SRQ, 0x702)                              \
	X(QUERY_XRC_SRQ, 0x707)                          \
	X(CREATE_DCT, 0x710)                             \
	X(QUERY_DCT, 0x713)                              \
	X(QUERY_DC_CNAK_TRACE, 0x716)                    \
	X(QUERY_XRQ, 0x719)                              \
	X(QUERY_NVMF_BACKEND_CONTROLLER, 0x722)          \
	X(QUERY_XRQ_DC_PARAMS_ENTRY, 0x725)              \
	X(QUERY_XRQ_ERROR_PARAMS, 0x727)                 \
	X(QUERY_NVMF_NAMESPACE_CONTEXT, 0x728)           \
	X(QUERY_ADJACENT_FUNCTIONS_ID, 0x730)            \
	X(DELEGATE_VHCA_MANAGEMENT, 0x731)              \
	X(QUERY_DELEGATED_VHCA, 0x732)                  \
	X(QUERY_ESW_FUNCTIONS, 0x740)                    \
	X(QUERY_VPORT_STATE, 0x750)                      \
	X(QUERY_ESW_VPORT_CONTEXT, 0x752)                \
	X(QUERY_NIC_VPORT_CONTEXT, 0x754)                \
	X(QUERY_ROCE_ADDRESS, 0x760)                     \
	X(QUERY_HCA_VPORT_CONTEXT, 0x762)                \
	X(QUERY_HCA_VPORT_GID, 0x764)                    \
	X(QUERY_HCA_VPORT_PKEY, 0x765)                   \
	X(QUERY_VNIC_ENV, 0x76f)                         \
	X(QUERY_VPORT_COUNTER, 0x770)                    \
	X(ALLOC_Q_COUNTER, 0x771)                        \
	X(QUERY_Q_COUNTER, 0x773)                        \
	X(QUERY_RATE_LIMIT, 0x781)                       \
	X(QUERY_SCHEDULING_ELEMENT, 0x784)               \
	X(ALLOC_PD, 0x800)                               \
	X(DEALLOC_PD, 0x801)                             \
	X(ACCESS_REG, 0x805)                             \
	X(GET_DROPPED_PACKET_LOG, 0x80a)                 \
	X(QUERY_MAD_DEMUX, 0x80b)                        \
	X(NOP, 0x80d)                                    \
	X(QUERY_BURST_SIZE, 0x813)                       \
	X(QUERY_DIAGNOSTIC_PARAMS, 0x819)                \
	X(SET_DIAGNOSTIC_PARAMS, 0x820)                  \
	X(QUERY_DIAGNOSTIC_COUNTERS, 0x821)              \
	X(QUERY_CONG_STATUS, 0x822)                      \
	X(MODIFY_CONG_STATUS, 0x823)                     \
	X(QUERY_CONG_PARAMS, 0x824)                      \
	X(QUERY_CONG_STATISTICS, 0x826)                  \
	X(QUERY_L2_TABLE_ENTRY, 0x82a)                   \
	X(QUERY_WOL_ROL, 0x831)                          \
	X(QUERY_LAG, 0x842)                              \
	X(QUERY_TIR, 0x903)                              \
	X(QUERY_SQ, 0x907)                               \
	X(QUERY_RQ, 0x90b)                               \
	X(QUERY_RMP, 0x90f)                              \
	X(QUERY_DELAY_DROP_PARAMS, 0x911)                \
	X(QUERY_TIS, 0x915)                              \
	X(QUERY_RQT, 0x919)                              \
	X(QUERY_FLOW_TABLE, 0x932)                       \
	X(QUERY_FLOW_GROUP, 0x935)                       \
	X(QUERY_FLOW_TABLE_ENTRY, 0x937)                 \
	X(QUERY_FLOW_COUNTER, 0x93b)                     \
	X(QUERY_PACKET_REFORMAT_CONTEXT, 0x93f)          \
	X(QUERY_MODIFY_HEADER_CONTEXT, 0x942)            \
	X(FPGA_QUERY_QP, 0x962)                          \
	X(FPGA_QUERY_QP_COUNTERS, 0x964)                 \
	X(QUERY_AFU, 0x971)                              \
	X(QUERY_CAPI_PEC, 0x981)                         \
	X(CREATE_GENERAL_OBJECT, 0xa00)                  \
	X(QUERY_GENERAL_OBJECT, 0xa02)                   \
	X(CREATE_UCTX, 0xa04)                            \
	X(QUERY_UCTX, 0xa05)                             \
	X(DESTROY_UCTX, 0xa06)                           \
	X(CREATE_UMEM, 0xa08)                            \
	X(QUERY_UMEM, 0xa09)                             \
	X(DESTROY_UMEM, 0xa0a)                           \
	X(QUERY_NVMF_CC_RESPONSE, 0xb02)                 \
	X(QUERY_EMULATED_FUNCTIONS_INFO, 0xb03)          \
	X(QUERY_REGEXP_PARAMS, 0xb05)                    \
	X(QUERY_REGEXP_REGISTER, 0xb07)                  \
	X(USER_QUERY_XRQ_DC_PARAMS_ENTRY, 0xb08)         \
	X(USER_QUERY_XRQ_ERROR_PARAMS, 0xb0a)            \
	X(ACCESS_REGISTER_USER, 0xb0c)                   \
	X(QUERY_VHCA_STATE, 0xb0d)                       \
	X(QUERY_EMULATION_DEVICE_EQ_MSIX_MAPPING, 0xb0f) \
	X(QUERY_MATCH_SAMPLE_INFO, 0xb13)                \
	X(QUERY_CRYPTO_STATE, 0xb14)                     \
	X(QUERY_VUID, 0xb22)                             \
	X(QUERY_DPA_PARTITION, 0xb28)                    \
	X(QUERY_DPA_PARTITIONS, 0xb2a)                   \
	X(POSTPONE_CONNECTED_QP_TIMEOUT, 0xb2e)          \
	X(QUERY_EMULATED_RESOURCES_INFO, 0xb2f)          \
	X(QUERY_RSV_RESOURCES, 0x8000)                   \
	X(QUERY_MTT, 0x8001)                             \
	X(QUERY_SCHED_QUEUE, 0x8006)

enum prm_opcode {
#define PRM_OPCODE_ENUM(name, val) MLX5_CMD_OP_##name = (val),
	PRM_OPCODES(PRM_OPCODE_ENUM)
#undef PRM_OPCODE_ENUM
};

/* "QUERY_HCA_CAP" for 0x100; NULL for opcodes not in the list. */
const char *prm_opcode_name(uint16_t opcode);
/* The opcode named NAME ("QUERY_EQ"; any case if ANY_CASE), or -1. */
int prm_opcode_by_name(const char *name, bool any_case);

#endif
