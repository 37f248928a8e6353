// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Profile "connectx7": a single-port 400GbE ConnectX-7 (PCI 15b3:1021) in
 * Ethernet mode with RoCE, as a host driver sees it after init.  Values are
 * plausible for the part, not a recording of one card; a snapshot (emu:@FILE)
 * is the way to replay a real device.
 *
 * Capabilities list (max, current).  "Current" is what the driver left after
 * SET_HCA_CAP; it differs from max only where mlx5_core lowers a limit or
 * turns a feature off.
 *
 * The general page announces only the capability pages and registers the
 * emulator serves (Ethernet offloads, ODP, atomic, RoCE, NIC flow tables,
 * QoS, debug, device memory, device events, general 2; MCAM, PCAM): a tool
 * that follows the announcement bits never meets a refusal.  So e-switch
 * and QCAM read as absent until their pages are emulated.
 */
#include "emu_fw_int.h"
#include "emu_fw_dump.h"

#define GEN(f, m, c) EMU_CAP(cmd_hca_cap, f, m, c)
#define GEN1(f, v) EMU_CAP1(cmd_hca_cap, f, v)
#define ROCE1(f, v) EMU_CAP1(roce_cap, f, v)

#define CX7_UCTX_CAPS                                                    \
	(EMU_UCTX_CAP_RAW_TX | EMU_UCTX_CAP_INTERNAL_DEV_RES |            \
	 EMU_UCTX_CAP_TOOLS_RESOURCES)
#define CX7_LOG_MAX_UCTX 10

static const struct emu_cap_val cx7_general[] = {
	GEN1(log_max_srq_sz, 15),
	GEN1(log_max_qp_sz, 15),
	GEN1(event_cap, 1),
	/* mlx5_core's default profile asks for 2^17 QPs. */
	GEN(log_max_qp, 18, 17),
	GEN1(log_max_srq, 23),
	GEN1(log_max_cq_sz, 22),
	GEN1(log_max_cq, 24),
	GEN1(log_max_eq_sz, 22),
	GEN1(log_max_mkey, 24),
	GEN1(log_max_eq, 7),
	GEN1(max_indirection, 4),
	GEN1(log_max_mrw_sz, 64),
	GEN1(log_max_klm_list_size, 16),
	GEN1(log_max_ra_req_dc, 4),
	GEN1(log_max_ra_res_dc, 4),
	GEN1(log_max_ra_req_qp, 4),
	GEN1(log_max_ra_res_qp, 4),
	GEN1(end_pad, 1),
	GEN1(cc_query_allowed, 1),
	GEN1(cc_modify_allowed, 1),
	GEN1(start_pad, 1),
	GEN1(cache_line_128byte, 1),
	GEN1(gid_table_size, 256),
	GEN1(out_of_seq_cnt, 1),
	GEN1(vport_counters, 1),
	GEN1(retransmission_q_counters, 1),
	GEN1(modify_rq_counter_set_id, 1),
	GEN1(rq_delay_drop, 1),
	GEN1(max_qp_cnt, 64),
	GEN1(eth_virt, 1),
	GEN1(vnic_env_queue_counters, 1),
	GEN1(ets, 1),
	GEN1(mcam_reg, 1),
	GEN1(pcam_reg, 1),
	GEN1(local_ca_ack_delay, 16),
	GEN1(port_module_event, 1),
	GEN1(enhanced_error_q_counters, 1),
	GEN1(ports_check, 1),
	GEN1(disable_link_up, 1),
	GEN1(beacon_led, 1),
	GEN1(port_type, 1),		/* Ethernet */
	GEN1(num_ports, 1),
	GEN1(pps, 1),
	GEN1(pps_modify, 1),
	GEN1(log_max_msg, 30),
	GEN1(max_tc, 8),
	GEN1(temp_warn_event, 1),
	GEN1(dcbx, 1),
	GEN1(general_notification_event, 1),
	GEN1(cqe_version, 1),
	GEN1(compact_address_vector, 1),
	GEN1(striding_rq, 1),
	/* The driver runs without command checksums. */
	GEN(cmdif_checksum, 3, 0),
	GEN1(sigerr_cqe, 1),
	GEN1(wq_signature, 1),
	GEN1(sctr_data_cqe, 1),
	GEN1(sho, 1),
	GEN1(tph, 1),
	GEN1(rf, 1),
	GEN1(dct, 1),
	GEN1(qos, 1),
	GEN1(eth_net_offloads, 1),
	GEN1(roce, 1),
	GEN1(atomic, 1),
	GEN1(cq_oi, 1),
	GEN1(cq_resize, 1),
	GEN1(cq_moderation, 1),
	GEN1(cq_period_mode_modify, 1),
	GEN1(cq_eq_remap, 1),
	GEN1(block_lb_mc, 1),
	GEN1(scqe_break_moderation, 1),
	GEN1(cq_period_start_from_cqe, 1),
	GEN1(cd, 1),
	GEN1(umr_ptr_rlky, 1),
	GEN1(imaicl, 1),
	GEN1(qkv, 1),
	GEN1(pkv, 1),
	GEN1(set_deth_sqpn, 1),
	GEN1(xrc, 1),
	GEN1(ud, 1),
	GEN1(uc, 1),
	GEN1(rc, 1),
	GEN1(uar_4k, 1),
	GEN1(uar_sz, 6),
	GEN1(log_pg_sz, 12),
	GEN1(bf, 1),
	GEN1(driver_version, 1),
	GEN1(pad_tx_eth_packet, 1),
	GEN1(log_bf_reg_size, 9),
	GEN1(max_wqe_sz_sq, 1024),
	GEN1(max_wqe_sz_rq, 512),
	GEN1(max_wqe_sz_sq_dc, 512),
	GEN1(max_qp_mcg, 240),
	GEN1(log_max_mcg, 21),
	GEN1(log_max_transport_domain, 20),
	GEN1(log_max_pd, 23),
	GEN1(log_max_xrcd, 24),
	GEN1(nic_receive_steering_discard, 1),
	GEN1(receive_discard_vport_down, 1),
	GEN1(transmit_discard_vport_down, 1),
	GEN1(eq_overrun_count, 1),
	GEN1(invalid_command_count, 1),
	GEN1(quota_exceeded_count, 1),
	GEN1(log_max_rq, 23),
	GEN1(log_max_sq, 23),
	GEN1(log_max_tir, 23),
	GEN1(log_max_tis, 23),
	GEN1(log_max_rmp, 23),
	GEN1(log_max_rqt, 20),
	GEN1(log_max_rqt_size, 16),
	GEN1(log_max_stride_sz_rq, 13),
	GEN1(log_min_stride_sz_rq, 6),
	GEN1(log_max_stride_sz_sq, 13),
	GEN1(log_min_stride_sz_sq, 6),
	GEN1(hairpin, 1),
	GEN1(log_max_hairpin_queues, 18),
	GEN1(log_max_hairpin_wq_data_sz, 15),
	GEN1(log_max_hairpin_num_packets, 10),
	GEN1(log_max_wq_sz, 17),
	GEN1(nic_vport_change_event, 1),
	GEN1(disable_local_lb_uc, 1),
	GEN1(disable_local_lb_mc, 1),
	GEN1(log_min_hairpin_wq_data_sz, 9),
	GEN1(vhca_state, 1),
	GEN1(log_max_vlan_list, 12),
	GEN1(log_max_current_mc_list, 12),
	GEN1(log_max_current_uc_list, 12),
	GEN1(sq_ts_format, 2),		/* free-running and real-time */
	GEN1(rq_ts_format, 2),
	GEN1(steering_format_version, 2), /* ConnectX-7 steering */
	GEN1(log_max_uctx, CX7_LOG_MAX_UCTX),
	GEN1(log_max_umem, 24),
	GEN1(max_num_eqs, 2048),
	GEN1(log_max_l2_table, 15),
	GEN1(log_uar_page_sz, 0),
	GEN1(device_frequency_khz, 1000000),
	GEN1(debug, 1),
	GEN1(num_of_diagnostic_counters, CX7_NUM_DIAG_COUNTERS),
	GEN1(cqe_compression, 1),
	GEN1(mini_cqe_resp_stride_index, 1),
	GEN1(cqe_compression_max_num, 64),
	GEN1(tag_matching, 1),
	GEN1(rndv_offload_rc, 1),
	GEN1(log_tag_matching_list_sz, 10),
	GEN1(log_max_xrq, 16),
	GEN1(native_port_num, 1),
	GEN1(num_vhca_ports, 1),
	GEN1(uctx_cap, CX7_UCTX_CAPS),
	/* Pages served below: ODP, NIC flow tables, device memory, caps 2. */
	GEN1(pg, 1),
	GEN1(nic_flow_table, 1),
	GEN1(device_memory, 1),
	GEN1(hca_cap_2, 1),
};

/*
 * ODP: RC and UD page faults on the transport scheme (what mlx5_ib
 * reports as ODP support for verbs users), no implicit ODP.
 */
#define ODP_RC(f) (PRM_OFF(odp_cap, transport_page_fault_scheme_cap) +     \
		   PRM_OFF(odp_scheme_cap, rc_odp_caps) +                 \
		   PRM_OFF(odp_per_transport_service_cap, f))
#define ODP_UD(f) (PRM_OFF(odp_cap, transport_page_fault_scheme_cap) +     \
		   PRM_OFF(odp_scheme_cap, ud_odp_caps) +                 \
		   PRM_OFF(odp_per_transport_service_cap, f))
#define ODP1(off) { (off), 1, 1, 1 }

static const struct emu_cap_val cx7_odp[] = {
	ODP1(ODP_RC(send)),
	ODP1(ODP_RC(receive)),
	ODP1(ODP_RC(write)),
	ODP1(ODP_RC(read)),
	ODP1(ODP_RC(atomic)),
	ODP1(ODP_RC(srq_receive)),
	ODP1(ODP_UD(send)),
};

/* NIC receive and transmit flow tables, as mlx5e's steering needs them. */
#define FT_RX(f) (PRM_OFF(flow_table_nic_cap, flow_table_properties_nic_receive) + \
		  PRM_OFF(flow_table_prop_layout, f))
#define FT_TX(f) (PRM_OFF(flow_table_nic_cap, flow_table_properties_nic_transmit) + \
		  PRM_OFF(flow_table_prop_layout, f))
#define FTRX(f, v) { FT_RX(f), PRM_BITS(flow_table_prop_layout, f), (v), (v) }
#define FTTX(f, v) { FT_TX(f), PRM_BITS(flow_table_prop_layout, f), (v), (v) }

static const struct emu_cap_val cx7_flow_table[] = {
	FTRX(ft_support, 1),
	FTRX(flow_counter, 1),
	FTRX(flow_modify_en, 1),
	FTRX(modify_root, 1),
	FTRX(log_max_ft_size, 23),
	FTRX(max_ft_level, 64),
	FTTX(ft_support, 1),
	FTTX(flow_counter, 1),
	FTTX(log_max_ft_size, 23),
	FTTX(max_ft_level, 64),
};

/* 256 KiB of on-device memory (MEMIC) for applications. */
#define DM1(f, v) EMU_CAP1(device_mem_cap, f, v)

static const struct emu_cap_val cx7_device_memory[] = {
	DM1(memic, 1),
	DM1(log_min_memic_alloc_size, 6),
	DM1(log_max_memic_addr_alignment, 12),
	DM1(max_memic_size, 256 * 1024),
};

/* Events a user context may subscribe to: none beyond the defaults. */
static const struct emu_cap_val cx7_device_events[] = {
	EMU_CAP1(device_event_cap, user_affiliated_events, 0),
};

static const struct emu_cap_val cx7_general_2[] = {
	EMU_CAP1(cmd_hca_cap_2, migratable, 0),
	EMU_CAP1(cmd_hca_cap_2, query_vuid, 1),
};

static const struct emu_cap_val cx7_roce[] = {
	ROCE1(sw_r_roce_src_udp_port, 1),
	ROCE1(fl_rc_qp_when_roce_disabled, 1),
	ROCE1(fl_rc_qp_when_roce_enabled, 1),
	ROCE1(roce_cc_general, 1),
	ROCE1(qp_ts_format, 2),
	ROCE1(l3_type, 0x6),		/* IPv4 and IPv6 */
	ROCE1(roce_version, 0x5),	/* RoCE v1 and v2 */
	ROCE1(r_roce_dest_udp_port, 4791),
	ROCE1(r_roce_max_src_udp_port, 0xffff),
	ROCE1(r_roce_min_src_udp_port, 0xc000),
	ROCE1(roce_address_table_size, 256),
};

#define ETH1(f, v) EMU_CAP1(per_protocol_networking_offload_caps, f, v)

static const struct emu_cap_val cx7_ethernet[] = {
	ETH1(csum_cap, 1),
	ETH1(vlan_cap, 1),
	ETH1(lro_cap, 1),
	ETH1(lro_psh_flag, 1),
	ETH1(lro_time_stamp, 1),
	ETH1(self_lb_en_modifiable, 1),
	ETH1(max_lso_cap, 18),		/* 256 KiB */
	ETH1(wqe_inline_mode, 2),	/* inline not required */
	ETH1(rss_ind_tbl_cap, 11),	/* 2048 entries */
	ETH1(reg_umr_sq, 1),
	ETH1(scatter_fcs, 1),
	ETH1(enhanced_multi_pkt_send_wqe, 1),
	ETH1(tunnel_lso_const_out_ip_id, 1),
	ETH1(tunnel_stateless_gre, 1),
	ETH1(tunnel_stateless_vxlan, 1),
	ETH1(swp, 1),
	ETH1(swp_csum, 1),
	ETH1(swp_lso, 1),
	ETH1(cqe_checksum_full, 1),
	ETH1(tunnel_stateless_geneve_tx, 1),
	ETH1(tunnel_stateless_geneve_rx, 1),
	ETH1(tunnel_stateless_ip_over_ip, 1),
	ETH1(tunnel_stateless_ip_over_ip_rx, 1),
	ETH1(tunnel_stateless_ip_over_ip_tx, 1),
	ETH1(max_vxlan_udp_ports, 4),
	ETH1(max_geneve_opt_len, 1),
	ETH1(lro_min_mss_size, 536),
};

#define ATOMIC1(f, v) EMU_CAP1(atomic_caps, f, v)

static const struct emu_cap_val cx7_atomic[] = {
	ATOMIC1(atomic_req_8B_endianness_mode, 1),	/* host endianness */
	ATOMIC1(supported_atomic_req_8B_endianness_mode_1, 1),
	ATOMIC1(atomic_operations, 0xf),	/* cmp-swap, fetch-add, masked */
	ATOMIC1(atomic_size_qp, 0x8),		/* 8 bytes */
	ATOMIC1(atomic_size_dc, 0x8),
};

#define QOS1(f, v) EMU_CAP1(qos_cap, f, v)

static const struct emu_cap_val cx7_qos[] = {
	QOS1(packet_pacing, 1),
	QOS1(packet_pacing_burst_bound, 1),
	QOS1(packet_pacing_typical_size, 1),
	QOS1(nic_sq_scheduling, 1),
	QOS1(nic_bw_share, 1),
	QOS1(nic_rate_limit, 1),
	QOS1(packet_pacing_uid, 1),
	QOS1(log_max_qos_nic_queue_group, 17),
	QOS1(packet_pacing_max_rate, 400000000),	/* kb/s: line rate */
	QOS1(packet_pacing_min_rate, 1000),
	QOS1(packet_pacing_rate_table_size, 512),
	QOS1(max_tsar_bw_share, 100),
};

/*
 * Debug: resource dump and diagnostic counters.
 * Counter ids are the PRM's (PCIe stalls, steering, transmit); "sync"
 * marks the ones that support synchronised start.
 */
#define DBG1(f, v) EMU_CAP1(debug_cap, f, v)
#define DIAG_OFF(i, f)                                                    \
	(PRM_OFF(debug_cap, diagnostic_counter) +                          \
	 (i) * PRM_SIZE_diagnostic_cntr_layout +                           \
	 PRM_OFF(diagnostic_cntr_layout, f))
#define DIAGCNT(i, id, s)                                                 \
	{ DIAG_OFF(i, counter_id), PRM_BITS(diagnostic_cntr_layout,         \
					     counter_id), (id), (id) },   \
	{ DIAG_OFF(i, sync), 1, (s), (s) }

static const struct emu_cap_val cx7_debug[] = {
	/* log_cr_dump_to_mem_size follows the image: emu_core_dump_cap(). */
	DBG1(core_dump_general, 1),
	DBG1(core_dump_qp, 1),
	DBG1(resource_dump, 1),
	DBG1(log_min_resource_dump_eq, 10),
	DBG1(log_max_samples, 12),
	DBG1(single, 1),
	DBG1(repetitive, 1),
	DBG1(log_min_sample_period, 8),
	DIAGCNT(0, 0x0401, 1),	/* back pressure, datalink to transport */
	DIAGCNT(1, 0x0402, 1),	/* outbound stalled writes */
	DIAGCNT(2, 0x0403, 1),	/* outbound stalled reads */
	DIAGCNT(3, 0x0406, 1),	/* RX 128B data */
	DIAGCNT(4, 0x0409, 1),	/* PCI read stalled: no read engines */
	DIAGCNT(5, 0x1001, 0),	/* RX steering packets */
	DIAGCNT(6, 0x2001, 0),	/* send queue stopped: limited VL */
	DIAGCNT(7, 0x2006, 0),	/* TX packets */
};

#define CAP_PAGE(t, v) { (t), (v), EMU_ARRAY_SIZE(v) }

static const struct emu_cap_page cx7_caps[] = {
	CAP_PAGE(EMU_HCA_CAP_GENERAL, cx7_general),
	CAP_PAGE(EMU_HCA_CAP_ETHERNET, cx7_ethernet),
	CAP_PAGE(EMU_HCA_CAP_ATOMIC, cx7_atomic),
	CAP_PAGE(EMU_HCA_CAP_ROCE, cx7_roce),
	CAP_PAGE(EMU_HCA_CAP_QOS, cx7_qos),
	CAP_PAGE(EMU_HCA_CAP_DEBUG, cx7_debug),
	CAP_PAGE(EMU_HCA_CAP_ODP, cx7_odp),
	CAP_PAGE(EMU_HCA_CAP_FLOW_TABLE, cx7_flow_table),
	CAP_PAGE(EMU_HCA_CAP_DEV_MEM, cx7_device_memory),
	CAP_PAGE(EMU_HCA_CAP_DEV_EVENT, cx7_device_events),
	CAP_PAGE(EMU_HCA_CAP_GENERAL_2, cx7_general_2),
};

/*
 * Temperatures in 0.125 C: 52.5 C now, 61 C seen, warn at 105 C.  MVCR
 * reads the same sensors: the board's 12 V input at 1.75 A (21 W, a
 * ConnectX-7's typical power), of which the ASIC's 0.85 V core rail
 * takes 18.9 A (16 W).
 */
static const struct emu_sensor cx7_sensors[] = {
	{ .index = 0, .name = "asic", .temp = 420, .max_temp = 488,
	  .threshold_hi = 840, .threshold_lo = 800,
	  .voltage = 85, .current = 1890 },
	{ .index = 1, .name = "board", .temp = 332, .max_temp = 360,
	  .threshold_hi = 680, .threshold_lo = 640,
	  .voltage = 1200, .current = 175 },
};

/*
 * Extended Ethernet link modes (PTYS ext_eth_proto_*, bit = mode of
 * Linux's enum mlx5e_ext_link_mode): 1G, 10G, 40G, 25G, 50G x2/x1, 100G
 * x4/x2/x1, 200G x4/x2, 400G x4, so the link comes up at 400GAUI-4.
 */
#define CX7_EXT_CAP                                                      \
	((1u << 1) | (1u << 4) | (1u << 5) | (1u << 6) | (1u << 7) |     \
	 (1u << 8) | (1u << 9) | (1u << 10) | (1u << 11) | (1u << 12) |  \
	 (1u << 13) | (1u << 16))
/* Legacy modes (enum mlx5e_link_mode): 1000BASE-KX, 10GBASE-KR/CR/SR,
 * 40GBASE-CR4/KR4/SR4/LR4, 100GBASE-CR4/SR4/KR4/LR4, 25GBASE-CR/KR/SR,
 * 50GBASE-CR2/KR2. */
#define CX7_LEGACY_CAP                                                   \
	((1u << 1) | (1u << 4) | (1u << 6) | (1u << 7) | (1u << 12) |     \
	 (1u << 13) | (1u << 15) | (1u << 16) | (1u << 20) | (1u << 21) | \
	 (1u << 22) | (1u << 23) | (1u << 27) | (1u << 28) | (1u << 29) | \
	 (1u << 30) | (1u << 31))

/*
 * MTUs as PMTU carries them: frame sizes including the L2 header, VLAN tag
 * and FCS, so a netdev MTU of 1500 is 1522 here (mlx5e adds 22 bytes).
 */
static const struct emu_port cx7_ports[] = {
	{
		.local_port = 1,
		.eth_proto_cap = CX7_LEGACY_CAP,
		.eth_proto_admin = CX7_LEGACY_CAP,
		.ext_eth_proto_cap = CX7_EXT_CAP,
		.ext_eth_proto_admin = CX7_EXT_CAP,
		.connector_type = 6,	/* fibre: the OSFP optical module */
		.max_mtu = 9216,
		.admin_mtu = 1522,
		.admin_status = EMU_PORT_UP,
	},
};

static const uint16_t cx7_regs[] = {
	EMU_REG_RESOURCE_DUMP, EMU_REG_CORE_DUMP,
	EMU_REG_PCAP, EMU_REG_PMLP, EMU_REG_PMTU, EMU_REG_PTYS,
	EMU_REG_PAOS, EMU_REG_PFCC, EMU_REG_PPCNT, EMU_REG_PPTB,
	EMU_REG_PBMC, EMU_REG_PMAOS, EMU_REG_PPLM, EMU_REG_SLRG,
	EMU_REG_PDDR, EMU_REG_PCMR, EMU_REG_PCAM, EMU_REG_MTCAP,
	EMU_REG_MTMP, EMU_REG_MVCR, EMU_REG_MCIA, EMU_REG_MGIR, EMU_REG_MFRL,
	EMU_REG_MTRC_CAP, EMU_REG_MPEIN, EMU_REG_MPCNT, EMU_REG_MPIR,
	EMU_REG_MCQS, EMU_REG_MCAM,
};

/*
 * A 400G OSFP optical transceiver (SFF-8024 identifier 0x19, CMIS 5.0),
 * 400GBASE-SR4 over four 850 nm VCSEL lanes: 45 C, warning from 70 C,
 * critical (the module's high alarm) from 80 C, 3.295 V.  Lane monitors
 * as a healthy SR4 link shows them: about 8 mA of bias, +0.7 to +1.2 dBm
 * launched and +0.2 to +0.7 dBm received (the standard allows -4.6 to
 * +4 dBm); invented values, within the 400GBASE-SR4 budget.
 */
static const struct emu_module cx7_module = {
	.identifier = 0x19,
	.cmis_revision = 0x50,
	.cable_type = 2,		/* PDDR: optical module */
	.cable_length = 30,
	.vendor = "NVIDIA",
	.part_number = "MMA4Z00-NS",
	.serial = "MT2301FT00042",
	.revision = "A3",
	.date_code = "230115",
	.temp = 45 * 8,
	.temp_warn = 70 * 8,
	.temp_crit = 80 * 8,
	.voltage = 32950,
	.tx_bias = { 3900, 3950, 3850, 4000 },
	.tx_power = { 12589, 12303, 13183, 11749 },
	.rx_power = { 11220, 10965, 11749, 10471 },
};

/*
 * What mlx5_core and one RDMA application leave behind: async and
 * completion EQs, a send and a receive CQ, an Ethernet SQ/RQ with their
 * RQT, TIR and TIS, an RC and a UD QP (odd numbers are UD), an SRQ, a DCT
 * and a memory key.  Their contexts are consistent with each other.
 */
#define OBJ(op, n) { MLX5_CMD_OP_QUERY_##op, (n) }

static const struct emu_object cx7_objects[] = {
	OBJ(EQ, 0x7), OBJ(EQ, 0x8),
	OBJ(CQ, 0x400), OBJ(CQ, 0x401),
	OBJ(SQ, 0x120), OBJ(RQ, 0x121), OBJ(RQT, 0x5),
	OBJ(TIR, 0x9), OBJ(TIS, 0x8),
	OBJ(QP, 0x1c8), OBJ(QP, 0x1c9),
	OBJ(SRQ, 0x20), OBJ(DCT, 0x1d0),
	OBJ(MKEY, 0x3),
};

static const uint8_t cx7_q_counters[] = { 0x1 };

const struct emu_profile emu_profile_connectx7 = {
	.id = {
		.profile = "connectx7",
		.ibdev = "mlx5_0",
		.pci = "0000:08:00.0",
		.netdev = "ens1f0np0",
		.fwctl = "fwctl0",
		.uverbs = "uverbs0",
		.fw_version = "28.39.1002",
		.vendor_id = 0x15b3,
		.device_id = 0x1021,
	},
	.psid = "MT_0000000834",
	.ieee_vendor_id = 0x02c9,
	.hw_rev = 0,
	.hw_dev_id = 0x218,	/* the ConnectX-7 ASIC */
	.fw_major = 28,
	.fw_minor = 39,
	.fw_sub_minor = 1002,
	.uctx_caps = CX7_UCTX_CAPS,
	.max_uctx = 1 << CX7_LOG_MAX_UCTX,
	.caps = cx7_caps,
	.ncaps = EMU_ARRAY_SIZE(cx7_caps),
	.sensors = cx7_sensors,
	.nsensors = EMU_ARRAY_SIZE(cx7_sensors),
	.ports = cx7_ports,
	.nports = EMU_ARRAY_SIZE(cx7_ports),
	.regs = cx7_regs,
	.nregs = EMU_ARRAY_SIZE(cx7_regs),
	.module = &cx7_module,
	.objects = cx7_objects,
	.nobjects = EMU_ARRAY_SIZE(cx7_objects),
	.q_counters = cx7_q_counters,
	.nq_counters = EMU_ARRAY_SIZE(cx7_q_counters),
};
