// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The emulated firmware on its own: inboxes built with the PRM accessors go
 * straight to emu_fw_exec(), answers are decoded the same way.  The kernel
 * half and the encoders have their own tests.
 */
#include <errno.h>
#include <string.h>

#include "emu_test.h"

static void hdr(void *in, uint16_t opcode, uint16_t uid, uint16_t op_mod)
{
	PRM_SET(mbox_in, in, opcode, opcode);
	PRM_SET(mbox_in, in, uid, uid);
	PRM_SET(mbox_in, in, op_mod, op_mod);
}

static unsigned int nop(struct emu_fw *fw, uint16_t uid)
{
	uint8_t in[PRM_SIZE(nop_in)] = { 0 };

	hdr(in, MLX5_CMD_OP_NOP, uid, 0);
	return run(fw, in, sizeof(in), PRM_SIZE(nop_out));
}

/* Returns the status; on success *UID is the new uid. */
static unsigned int create_uctx(struct emu_fw *fw, uint32_t caps, uint16_t *uid)
{
	uint8_t in[PRM_SIZE(create_uctx_in)] = { 0 };
	unsigned int status;

	hdr(in, MLX5_CMD_OP_CREATE_UCTX, 0, 0);
	PRM_SET(uctx, PRM_ADDR(create_uctx_in, in, uctx), cap, caps);
	status = run(fw, in, sizeof(in), PRM_SIZE(create_uctx_out));
	if (!status)
		*uid = PRM_GET(create_uctx_out, out, uid);
	return status;
}

static unsigned int destroy_uctx(struct emu_fw *fw, uint16_t uid)
{
	uint8_t in[PRM_SIZE(destroy_uctx_in)] = { 0 };

	hdr(in, MLX5_CMD_OP_DESTROY_UCTX, 0, 0);
	PRM_SET(destroy_uctx_in, in, uid, uid);
	return run(fw, in, sizeof(in), PRM_SIZE(destroy_uctx_out));
}

static unsigned int query_cap(struct emu_fw *fw, uint16_t type, bool cur)
{
	uint8_t in[PRM_SIZE(query_hca_cap_in)] = { 0 };

	hdr(in, MLX5_CMD_OP_QUERY_HCA_CAP, 0, type << 1 | cur);
	return run(fw, in, sizeof(in), PRM_SIZE(query_hca_cap_out));
}

static const uint8_t *cap_page(void)
{
	return PRM_ADDR(query_hca_cap_out, out, capability);
}

/*
 * ACCESS_REG of a register of SIZE bytes: DATA is sent and, on success,
 * replaced by the answer.
 */
static unsigned int reg(struct emu_fw *fw, uint16_t id, uint16_t op_mod,
			void *data, size_t size)
{
	uint8_t in[PRM_SIZE(access_register_in) + EMU_REG_MAX_SIZE] = { 0 };
	unsigned int status;

	hdr(in, MLX5_CMD_OP_ACCESS_REG, 0, op_mod);
	PRM_SET(access_register_in, in, register_id, id);
	memcpy(in + PRM_SIZE(access_register_in), data, size);
	status = run(fw, in, PRM_SIZE(access_register_in) + size,
		     PRM_SIZE(access_register_out) + size);
	if (!status) {
		CHECK_EQ(out_n, PRM_SIZE(access_register_out) + size);
		memcpy(data, out + PRM_SIZE(access_register_out), size);
	}
	return status;
}

/* Bit of register ID in a capability mask field, as the PRM numbers it. */
static bool mask_bit(const void *data, uint32_t off, uint32_t bits,
		     uint16_t base, uint16_t id)
{
	return prm_get(data, off + bits - 1 - (id - base), 1);
}

static void test_spec(void)
{
	const struct emu_identity *id;
	const struct emu_options *o;
	struct emu_fw *fw;
	char err[256];

	/* connectx7 first: what "emu:" alone and old snapshots stand for. */
	CHECK(emu_profile_count() >= 1);
	CHECK_STR(emu_profile_name(0), "connectx7");
	CHECK(emu_profile_name(emu_profile_count()) == NULL);

	fw = create("connectx7");
	id = emu_fw_identity(fw);
	CHECK_STR(id->profile, "connectx7");
	CHECK_STR(id->ibdev, "mlx5_0");
	CHECK_STR(id->pci, "0000:08:00.0");
	CHECK_STR(id->netdev, "ens1f0np0");
	CHECK_STR(id->fwctl, "fwctl0");
	CHECK_STR(id->uverbs, "uverbs0");
	CHECK_STR(id->fw_version, "28.39.1002");
	CHECK_EQ(id->vendor_id, 0x15b3);
	CHECK_EQ(id->device_id, 0x1021);
	o = emu_fw_options(fw);
	CHECK_EQ(o->fault, EMU_FAULT_NONE);
	CHECK_EQ(o->fault_opcode, 0);
	CHECK_EQ(o->fault_after, 0);
	emu_fw_destroy(fw);

	fw = create("connectx7,fault=fw-error,fault_opcode=0x805,fault_after=3");
	o = emu_fw_options(fw);
	CHECK_EQ(o->fault, EMU_FAULT_FW_ERROR);
	CHECK_EQ(o->fault_opcode, 0x805);
	CHECK_EQ(o->fault_after, 3);
	emu_fw_destroy(fw);

	fw = create("connectx7,fault=timeout");
	CHECK_EQ(emu_fw_options(fw)->fault, EMU_FAULT_TIMEOUT);
	emu_fw_destroy(fw);
	fw = create("connectx7,fault=gone");
	CHECK_EQ(emu_fw_options(fw)->fault, EMU_FAULT_GONE);
	emu_fw_destroy(fw);
	fw = create("connectx7,fault=short-output");
	CHECK_EQ(emu_fw_options(fw)->fault, EMU_FAULT_SHORT_OUTPUT);
	emu_fw_destroy(fw);

	errno = 0;
	CHECK(emu_fw_create("connectx9", err, sizeof(err)) == NULL);
	CHECK_EQ(errno, EINVAL);
	CHECK(strstr(err, "connectx9") && strstr(err, "connectx7"));

	errno = 0;
	CHECK(emu_fw_create("", err, sizeof(err)) == NULL);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK(emu_fw_create(NULL, err, sizeof(err)) == NULL);
	CHECK_EQ(errno, EINVAL);

	errno = 0;
	CHECK(emu_fw_create("connectx7,colour=blue", err, sizeof(err)) == NULL);
	CHECK_EQ(errno, EINVAL);
	CHECK(strstr(err, "colour") && strstr(err, "fault_opcode"));

	errno = 0;
	CHECK(emu_fw_create("connectx7,fault=melt", err, sizeof(err)) == NULL);
	CHECK_EQ(errno, EINVAL);
	CHECK(strstr(err, "melt") && strstr(err, "short-output"));

	errno = 0;
	CHECK(emu_fw_create("connectx7,fault_opcode=0x10000", err,
			    sizeof(err)) == NULL);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK(emu_fw_create("connectx7,fault_after=-1", err, sizeof(err)) ==
	      NULL);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK(emu_fw_create("connectx7,fault", err, sizeof(err)) == NULL);
	CHECK_EQ(errno, EINVAL);
	CHECK(strstr(err, "needs a value") != NULL);

	errno = 0;
	CHECK(emu_fw_create("@/nonexistent/snap.json", err, sizeof(err)) ==
	      NULL);
	CHECK_EQ(errno, ENOENT);
	CHECK(strstr(err, "cannot open snapshot /nonexistent/snap.json") != NULL);

	/* No message buffer is fine too. */
	CHECK(emu_fw_create("nope", NULL, 0) == NULL);
}

static void test_simple_commands(void)
{
	struct emu_fw *fw = create("connectx7");
	uint8_t in[PRM_SIZE(query_adapter_in)] = { 0 };
	const uint8_t *blk;
	char psid[17] = { 0 };

	CHECK_EQ(nop(fw, 0), PRM_STATUS_OK);
	CHECK_EQ(out_n, PRM_SIZE(nop_out));
	CHECK_EQ(syndrome(), 0);

	hdr(in, MLX5_CMD_OP_QUERY_ISSI, 0, 0);
	CHECK_EQ(run(fw, in, PRM_SIZE(query_issi_in), PRM_SIZE(query_issi_out)),
		 PRM_STATUS_OK);
	CHECK_EQ(out_n, PRM_SIZE(query_issi_out));
	CHECK_EQ(PRM_GET(query_issi_out, out, current_issi), 1);
	CHECK(PRM_GET(query_issi_out, out, supported_issi_dw0) & 0x2);

	memset(in, 0, sizeof(in));
	hdr(in, MLX5_CMD_OP_QUERY_ADAPTER, 0, 0);
	CHECK_EQ(run(fw, in, sizeof(in), PRM_SIZE(query_adapter_out)),
		 PRM_STATUS_OK);
	CHECK_EQ(out_n, PRM_SIZE(query_adapter_out));
	blk = PRM_ADDR(query_adapter_out, out, query_adapter_struct);
	CHECK_EQ(PRM_GET(query_adapter_param_block, blk, ieee_vendor_id),
		 0x02c9);
	CHECK_EQ(PRM_GET(query_adapter_param_block, blk, vsd_vendor_id),
		 0x15b3);
	memcpy(psid, PRM_ADDR(query_adapter_param_block, blk, vsd_contd_psid),
	       EMU_FIELD_BYTES(query_adapter_param_block, vsd_contd_psid));
	CHECK_STR(psid, "MT_0000000834");
	emu_fw_destroy(fw);
}

static void test_caps(void)
{
	struct emu_fw *fw = create("connectx7");
	uint8_t max[PRM_SIZE(cmd_hca_cap)];
	const struct emu_profile *prof = emu_profile_get("connectx7", NULL, 0);
	size_t i, j;

	/* General, maximum. */
	CHECK_EQ(query_cap(fw, PRM_CAP_general, false), PRM_STATUS_OK);
	CHECK_EQ(out_n, PRM_SIZE(query_hca_cap_out));
	memcpy(max, cap_page(), sizeof(max));
	CHECK_EQ(PRM_GET(cmd_hca_cap, max, log_max_qp), 18);
	CHECK_EQ(PRM_GET(cmd_hca_cap, max, log_max_cq), 24);
	CHECK_EQ(PRM_GET(cmd_hca_cap, max, log_max_eq), 7);
	CHECK_EQ(PRM_GET(cmd_hca_cap, max, log_max_mkey), 24);
	CHECK_EQ(PRM_GET(cmd_hca_cap, max, log_max_pd), 23);
	CHECK_EQ(PRM_GET(cmd_hca_cap, max, log_max_msg), 30);
	CHECK_EQ(PRM_GET(cmd_hca_cap, max, max_tc), 8);
	CHECK_EQ(PRM_GET(cmd_hca_cap, max, port_type), 1);
	CHECK_EQ(PRM_GET(cmd_hca_cap, max, num_ports), 1);
	CHECK_EQ(PRM_GET(cmd_hca_cap, max, roce), 1);
	CHECK_EQ(PRM_GET(cmd_hca_cap, max, mcam_reg), 1);
	CHECK_EQ(PRM_GET(cmd_hca_cap, max, pcam_reg), 1);
	CHECK_EQ(PRM_GET(cmd_hca_cap, max, cmdif_checksum), 3);
	CHECK_EQ(PRM_GET(cmd_hca_cap, max, uctx_cap), prof->uctx_caps);
	CHECK_EQ(1u << PRM_GET(cmd_hca_cap, max, log_max_uctx), prof->max_uctx);

	/* General, current: lower where the driver lowered it. */
	CHECK_EQ(query_cap(fw, PRM_CAP_general, true), PRM_STATUS_OK);
	CHECK_EQ(PRM_GET(cmd_hca_cap, cap_page(), log_max_qp), 17);
	CHECK_EQ(PRM_GET(cmd_hca_cap, cap_page(), cmdif_checksum), 0);
	CHECK_EQ(PRM_GET(cmd_hca_cap, cap_page(), log_max_cq), 24);

	/* RoCE. */
	CHECK_EQ(query_cap(fw, PRM_CAP_roce, false), PRM_STATUS_OK);
	CHECK_EQ(PRM_GET(roce_cap, cap_page(), roce_version), 0x5);
	CHECK_EQ(PRM_GET(roce_cap, cap_page(), sw_r_roce_src_udp_port), 1);
	CHECK_EQ(PRM_GET(roce_cap, cap_page(), r_roce_dest_udp_port), 4791);
	CHECK_EQ(PRM_GET(roce_cap, cap_page(), r_roce_max_src_udp_port),
		 0xffff);
	CHECK_EQ(PRM_GET(roce_cap, cap_page(), r_roce_min_src_udp_port),
		 0xc000);
	CHECK_EQ(query_cap(fw, PRM_CAP_roce, true), PRM_STATUS_OK);
	CHECK_EQ(PRM_GET(roce_cap, cap_page(), l3_type), 0x6);

	/* Ethernet offloads and atomics, which the general page announces. */
	CHECK_EQ(query_cap(fw, PRM_CAP_ethernet, true), PRM_STATUS_OK);
	CHECK_EQ(PRM_GET(per_protocol_networking_offload_caps, cap_page(),
			 csum_cap), 1);
	CHECK_EQ(PRM_GET(per_protocol_networking_offload_caps, cap_page(),
			 max_lso_cap), 18);
	CHECK_EQ(query_cap(fw, PRM_CAP_atomic, false), PRM_STATUS_OK);
	CHECK_EQ(PRM_GET(atomic_caps, cap_page(), atomic_operations), 0xf);

	/* What the general page announces is what the device answers. */
	{
		static const struct {
			uint32_t off, bits;
			uint16_t type;
		} announce[] = {
#define ANNOUNCE(f, t) { PRM_OFF(cmd_hca_cap, f), PRM_BITS(cmd_hca_cap, f), (t) }
			ANNOUNCE(eth_net_offloads, 0x1),
			ANNOUNCE(pg, 0x2),
			ANNOUNCE(atomic, 0x3),
			ANNOUNCE(roce, 0x4),
			ANNOUNCE(ipoib_enhanced_offloads, 0x6),
			ANNOUNCE(nic_flow_table, 0x7),
			ANNOUNCE(eswitch_manager, 0x9),
			ANNOUNCE(qos, 0xc),
			ANNOUNCE(debug, 0xd),
			ANNOUNCE(device_memory, 0xf),
			ANNOUNCE(hca_cap_2, 0x20),
			ANNOUNCE(event_cap, 0x14),
#undef ANNOUNCE
		};

		for (i = 0; i < sizeof(announce) / sizeof(announce[0]); i++) {
			bool has = prm_get(max, announce[i].off, announce[i].bits);

			CHECK_EQ(query_cap(fw, announce[i].type, false),
				 has ? PRM_STATUS_OK : PRM_STATUS_BAD_PARAM_ERR);
		}
		CHECK_EQ(PRM_GET(cmd_hca_cap, max, qcam_reg), 0);
	}
	CHECK_EQ(query_cap(fw, PRM_CAP_qos, true), PRM_STATUS_OK);
	CHECK_EQ(PRM_GET(qos_cap, cap_page(), packet_pacing), 1);

	/* Types the device does not report. */
	CHECK_EQ(query_cap(fw, 9, false), PRM_STATUS_BAD_PARAM_ERR);	/* e-switch */
	CHECK_EQ(syndrome(), EMU_SYND_BAD_CAP_TYPE);
	CHECK_EQ(out_n, PRM_SIZE(mbox_out));
	CHECK_EQ(query_cap(fw, 0x7fff, true), PRM_STATUS_BAD_PARAM_ERR);

	/* Every profile value fits its field; current never exceeds max. */
	for (i = 0; i < prof->ncaps; i++) {
		const struct emu_cap_page *pg = &prof->caps[i];

		CHECK(pg->nvals > 0);
		for (j = 0; j < pg->nvals; j++) {
			const struct emu_cap_val *v = &pg->vals[j];

			CHECK(v->bits == 64 || v->max < (1ull << v->bits));
			CHECK(v->cur <= v->max);
		}
	}
	CHECK(prof->caps[0].nvals >= 40);
	emu_fw_destroy(fw);
}

static void test_status_codes(void)
{
	struct emu_fw *fw = create("connectx7");
	uint8_t in[PRM_SIZE(create_uctx_in)] = { 0 };

	/* Unknown opcode. */
	hdr(in, 0x999, 0, 0);
	CHECK_EQ(run(fw, in, PRM_SIZE(mbox_in), PRM_SIZE(mbox_out)),
		 PRM_STATUS_BAD_OP_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_OPCODE);
	CHECK_EQ(out_n, PRM_SIZE(mbox_out));
	/* The header is whole: reserved bytes are zero, not stale. */
	CHECK_EQ(PRM_GET(mbox_out, out, status), PRM_STATUS_BAD_OP_ERR);
	CHECK_EQ(out[4 * 2], 0);

	/* Bad op_mod. */
	hdr(in, MLX5_CMD_OP_NOP, 0, 1);
	CHECK_EQ(run(fw, in, PRM_SIZE(nop_in), PRM_SIZE(nop_out)),
		 PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_OP_MOD);
	hdr(in, MLX5_CMD_OP_ACCESS_REG, 0, 2);
	PRM_SET(access_register_in, in, register_id, PRM_REG_PAOS);
	CHECK_EQ(run(fw, in, sizeof(in), sizeof(out)), PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_OP_MOD);

	/* Inbox shorter than the command's layout. */
	memset(in, 0, sizeof(in));
	hdr(in, MLX5_CMD_OP_CREATE_UCTX, 0, 0);
	CHECK_EQ(run(fw, in, PRM_SIZE(create_uctx_in) - 4,
		     PRM_SIZE(create_uctx_out)),
		 PRM_STATUS_BAD_INP_LEN_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_INLEN);
	/* Shorter than any header. */
	CHECK_EQ(run(fw, in, 4, PRM_SIZE(mbox_out)), PRM_STATUS_BAD_INP_LEN_ERR);

	/* Outbox shorter than the command's output. */
	hdr(in, MLX5_CMD_OP_QUERY_HCA_CAP, 0, 1);
	CHECK_EQ(run(fw, in, PRM_SIZE(query_hca_cap_in),
		     PRM_SIZE(mbox_out) + PRM_SIZE(cmd_hca_cap)),
		 PRM_STATUS_BAD_OUTP_LEN_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_OUTLEN);
	CHECK_EQ(out_n, PRM_SIZE(mbox_out));

	/* Outbox shorter than the header: what fits, nothing beyond. */
	memset(out, 0xa5, sizeof(out));
	CHECK_EQ(emu_fw_exec(fw, in, PRM_SIZE(query_hca_cap_in), out, 4), 4);
	CHECK_EQ(out[0], PRM_STATUS_BAD_OUTP_LEN_ERR);
	CHECK_EQ(out[4], 0xa5);

	/* No crash on nonsense. */
	CHECK_EQ(emu_fw_exec(fw, NULL, 16, out, sizeof(out)), 0);
	CHECK_EQ(emu_fw_exec(fw, in, 16, NULL, 16), 0);
	CHECK_EQ(emu_fw_exec(NULL, in, 16, out, 16), 0);
	CHECK_EQ(emu_fw_exec(fw, in, 16, out, 0), 0);
	emu_fw_destroy(fw);
}

static void test_uid(void)
{
	struct emu_fw *fw = create("connectx7");
	uint16_t a = 0, b = 0, c = 0;

	CHECK_EQ(nop(fw, 5), PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_UID);

	CHECK_EQ(create_uctx(fw, PRM_UCTX_CAP_RAW_TX, &a), PRM_STATUS_OK);
	CHECK_EQ(a, 1);
	CHECK_EQ(create_uctx(fw, 0, &b), PRM_STATUS_OK);
	CHECK_EQ(b, 2);
	CHECK_EQ(nop(fw, a), PRM_STATUS_OK);
	CHECK_EQ(nop(fw, b), PRM_STATUS_OK);
	CHECK_EQ(nop(fw, 3), PRM_STATUS_BAD_PARAM_ERR);

	/* Caps the device does not have. */
	CHECK_EQ(create_uctx(fw, 1u << 31, &c), PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_UCTX_CAP);

	CHECK_EQ(destroy_uctx(fw, a), PRM_STATUS_OK);
	CHECK_EQ(nop(fw, a), PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_UID);
	CHECK_EQ(destroy_uctx(fw, a), PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_UCTX);
	CHECK_EQ(destroy_uctx(fw, 0), PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(destroy_uctx(fw, 0xffff), PRM_STATUS_BAD_PARAM_ERR);

	/* The lowest free uid is reused. */
	CHECK_EQ(create_uctx(fw, 0, &c), PRM_STATUS_OK);
	CHECK_EQ(c, 1);
	CHECK_EQ(create_uctx(fw, 0, &c), PRM_STATUS_OK);
	CHECK_EQ(c, 3);
	emu_fw_destroy(fw);

	/* Running out: max_uctx contexts, then no resources. */
	fw = create("connectx7");
	for (a = 0; a < emu_profile_get("connectx7", NULL, 0)->max_uctx; a++)
		if (create_uctx(fw, 0, &c) != PRM_STATUS_OK)
			break;
	CHECK_EQ(a, emu_profile_get("connectx7", NULL, 0)->max_uctx);
	CHECK_EQ(create_uctx(fw, 0, &c), PRM_STATUS_NO_RES_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_UCTX_EXHAUSTED);
	emu_fw_destroy(fw);	/* live contexts freed with the device */
}

static void test_mgmt_registers(void)
{
	struct emu_fw *fw = create("connectx7");
	uint8_t d[EMU_REG_MAX_SIZE] = { 0 };
	char psid[17] = { 0 };

	CHECK_EQ(reg(fw, PRM_REG_MGIR, 1, d, PRM_SIZE(mgir_reg)), 0);
	CHECK_EQ(PRM_GET(mgir_reg, d, device_id), 0x1021);
	CHECK_EQ(PRM_GET(mgir_reg, d, hw_dev_id), 0x218);
	CHECK_EQ(PRM_GET(mgir_reg, d, num_ports), 1);
	CHECK_EQ(PRM_GET(mgir_reg, d, extended_major), 28);
	CHECK_EQ(PRM_GET(mgir_reg, d, extended_minor), 39);
	CHECK_EQ(PRM_GET(mgir_reg, d, extended_sub_minor), 1002);
	CHECK_EQ(PRM_GET(mgir_reg, d, major), 28);
	CHECK_EQ(PRM_GET(mgir_reg, d, minor), 39);
	CHECK_EQ(PRM_GET(mgir_reg, d, sub_minor), 0);	/* 1002 does not fit */
	memcpy(psid, PRM_ADDR(mgir_reg, d, psid),
	       EMU_FIELD_BYTES(mgir_reg, psid));
	CHECK_STR(psid, "MT_0000000834");
	/* Read-only. */
	CHECK_EQ(reg(fw, PRM_REG_MGIR, 0, d, PRM_SIZE(mgir_reg)),
		 PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_REG_READ_ONLY);

	memset(d, 0, sizeof(d));
	CHECK_EQ(reg(fw, PRM_REG_MTCAP, 1, d, PRM_SIZE(mtcap_reg)), 0);
	CHECK_EQ(PRM_GET(mtcap_reg, d, sensor_count), 2);
	CHECK_EQ(PRM_GET(mtcap_reg, d, sensor_map), 0x3);

	memset(d, 0, sizeof(d));
	PRM_SET(mtmp_reg, d, sensor_index, 0);
	CHECK_EQ(reg(fw, PRM_REG_MTMP, 1, d, PRM_SIZE(mtmp_reg)), 0);
	CHECK_EQ(PRM_GET(mtmp_reg, d, sensor_index), 0);
	CHECK_EQ(PRM_GET(mtmp_reg, d, temperature), 420);	/* 52.5 C */
	CHECK_EQ(PRM_GET(mtmp_reg, d, max_temperature), 488);
	CHECK_EQ(PRM_GET(mtmp_reg, d, temp_threshold_hi), 840);
	CHECK_EQ(PRM_GET(mtmp_reg, d, sensor_name_hi), 0x61736963); /* "asic" */
	CHECK_EQ(PRM_GET(mtmp_reg, d, sensor_name_lo), 0);

	memset(d, 0, sizeof(d));
	PRM_SET(mtmp_reg, d, sensor_index, 1);
	PRM_SET(mtmp_reg, d, mtr, 1);	/* reset the maximum */
	CHECK_EQ(reg(fw, PRM_REG_MTMP, 1, d, PRM_SIZE(mtmp_reg)), 0);
	CHECK_EQ(PRM_GET(mtmp_reg, d, sensor_index), 1);
	CHECK_EQ(PRM_GET(mtmp_reg, d, max_temperature),
		 PRM_GET(mtmp_reg, d, temperature));

	memset(d, 0, sizeof(d));
	PRM_SET(mtmp_reg, d, sensor_index, 7);
	CHECK_EQ(reg(fw, PRM_REG_MTMP, 1, d, PRM_SIZE(mtmp_reg)),
		 PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_REG_INDEX);

	memset(d, 0, sizeof(d));
	CHECK_EQ(reg(fw, PRM_REG_MCAM, 1, d, PRM_SIZE(mcam_reg)), 0);
	CHECK(mask_bit(d, PRM_OFF(mcam_reg, mng_access_reg_cap_mask),
		       PRM_BITS(mcam_reg, mng_access_reg_cap_mask), 0x9000,
		       PRM_REG_MTMP));
	CHECK(mask_bit(d, PRM_OFF(mcam_reg, mng_access_reg_cap_mask),
		       PRM_BITS(mcam_reg, mng_access_reg_cap_mask), 0x9000,
		       PRM_REG_MGIR));
	CHECK(!mask_bit(d, PRM_OFF(mcam_reg, mng_access_reg_cap_mask),
			PRM_BITS(mcam_reg, mng_access_reg_cap_mask), 0x9000,
			0x9062 /* MCC */));
	memset(d, 0, sizeof(d));
	PRM_SET(mcam_reg, d, access_reg_group, 1);
	CHECK_EQ(reg(fw, PRM_REG_MCAM, 1, d, PRM_SIZE(mcam_reg)), 0);
	CHECK_EQ(PRM_GET(mcam_reg, d, access_reg_group), 1);
	CHECK(!mask_bit(d, PRM_OFF(mcam_reg, mng_access_reg_cap_mask),
			PRM_BITS(mcam_reg, mng_access_reg_cap_mask), 0x9080,
			0x9080));
	memset(d, 0, sizeof(d));
	PRM_SET(mcam_reg, d, access_reg_group, 9);
	CHECK_EQ(reg(fw, PRM_REG_MCAM, 1, d, PRM_SIZE(mcam_reg)),
		 PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_CAP_GROUP);
	emu_fw_destroy(fw);
}

static void test_port_registers(void)
{
	struct emu_fw *fw = create("connectx7");
	uint8_t d[EMU_REG_MAX_SIZE] = { 0 };

	/* PAOS: up/up, then a write with ase takes it down, and back up. */
	PRM_SET(paos_reg, d, local_port, 1);
	CHECK_EQ(reg(fw, PRM_REG_PAOS, 1, d, PRM_SIZE(paos_reg)), 0);
	CHECK_EQ(PRM_GET(paos_reg, d, local_port), 1);
	CHECK_EQ(PRM_GET(paos_reg, d, admin_status), EMU_PORT_UP);
	CHECK_EQ(PRM_GET(paos_reg, d, oper_status), EMU_PORT_UP);

	memset(d, 0, sizeof(d));
	PRM_SET(paos_reg, d, local_port, 1);
	PRM_SET(paos_reg, d, admin_status, EMU_PORT_DOWN);	/* no ase */
	CHECK_EQ(reg(fw, PRM_REG_PAOS, 0, d, PRM_SIZE(paos_reg)), 0);
	CHECK_EQ(PRM_GET(paos_reg, d, admin_status), EMU_PORT_UP);

	memset(d, 0, sizeof(d));
	PRM_SET(paos_reg, d, local_port, 1);
	PRM_SET(paos_reg, d, admin_status, EMU_PORT_DOWN);
	PRM_SET(paos_reg, d, ase, 1);
	CHECK_EQ(reg(fw, PRM_REG_PAOS, 0, d, PRM_SIZE(paos_reg)), 0);
	memset(d, 0, sizeof(d));
	PRM_SET(paos_reg, d, local_port, 1);
	CHECK_EQ(reg(fw, PRM_REG_PAOS, 1, d, PRM_SIZE(paos_reg)), 0);
	CHECK_EQ(PRM_GET(paos_reg, d, admin_status), EMU_PORT_DOWN);
	CHECK_EQ(PRM_GET(paos_reg, d, oper_status), EMU_PORT_DOWN);

	/* A port that is down has no operational link mode. */
	memset(d, 0, sizeof(d));
	PRM_SET(ptys_reg, d, local_port, 1);
	PRM_SET(ptys_reg, d, proto_mask, EMU_PTYS_EN);
	CHECK_EQ(reg(fw, PRM_REG_PTYS, 1, d, PRM_SIZE(ptys_reg)), 0);
	CHECK_EQ(PRM_GET(ptys_reg, d, ext_eth_proto_oper), 0);
	CHECK_EQ(PRM_GET(ptys_reg, d, data_rate_oper), 0);
	CHECK_EQ(PRM_GET(ptys_reg, d, an_status), 4);

	memset(d, 0, sizeof(d));
	PRM_SET(paos_reg, d, local_port, 1);
	PRM_SET(paos_reg, d, admin_status, EMU_PORT_UP);
	PRM_SET(paos_reg, d, ase, 1);
	CHECK_EQ(reg(fw, PRM_REG_PAOS, 0, d, PRM_SIZE(paos_reg)), 0);
	CHECK_EQ(PRM_GET(paos_reg, d, oper_status), EMU_PORT_UP);

	memset(d, 0, sizeof(d));
	PRM_SET(paos_reg, d, local_port, 1);
	PRM_SET(paos_reg, d, admin_status, 9);
	PRM_SET(paos_reg, d, ase, 1);
	CHECK_EQ(reg(fw, PRM_REG_PAOS, 0, d, PRM_SIZE(paos_reg)),
		 PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_REG_VALUE);

	memset(d, 0, sizeof(d));
	PRM_SET(paos_reg, d, local_port, 2);
	CHECK_EQ(reg(fw, PRM_REG_PAOS, 1, d, PRM_SIZE(paos_reg)),
		 PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_REG_INDEX);
	/* Ports count from 1: local_port 0 is no port of an adapter. */
	memset(d, 0, sizeof(d));
	CHECK_EQ(reg(fw, PRM_REG_PAOS, 1, d, PRM_SIZE(paos_reg)),
		 PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_REG_INDEX);
	memset(d, 0, sizeof(d));
	CHECK_EQ(reg(fw, PRM_REG_PTYS, 1, d, PRM_SIZE(ptys_reg)),
		 PRM_STATUS_BAD_PARAM_ERR);
	memset(d, 0, sizeof(d));
	CHECK_EQ(reg(fw, PRM_REG_PMTU, 1, d, PRM_SIZE(pmtu_reg)),
		 PRM_STATUS_BAD_PARAM_ERR);
	memset(d, 0, sizeof(d));
	PRM_SET(ptys_reg, d, local_port, 1);
	CHECK_EQ(reg(fw, PRM_REG_PTYS, 1, d, PRM_SIZE(ptys_reg)), 0);
	CHECK_EQ(PRM_GET(ptys_reg, d, proto_mask), EMU_PTYS_EN);
	memset(d, 0, sizeof(d));
	PRM_SET(pmtu_reg, d, local_port, 1);
	CHECK_EQ(reg(fw, PRM_REG_PMTU, 1, d, PRM_SIZE(pmtu_reg)), 0);
	CHECK_EQ(PRM_GET(pmtu_reg, d, max_mtu), 9216);

	/* PTYS: 400GAUI-4 up. */
	memset(d, 0, sizeof(d));
	PRM_SET(ptys_reg, d, local_port, 1);
	PRM_SET(ptys_reg, d, proto_mask, EMU_PTYS_EN);
	CHECK_EQ(reg(fw, PRM_REG_PTYS, 1, d, PRM_SIZE(ptys_reg)), 0);
	CHECK_EQ(PRM_GET(ptys_reg, d, proto_mask), EMU_PTYS_EN);
	CHECK_EQ(PRM_GET(ptys_reg, d, ext_eth_proto_oper), 1u << 16);
	CHECK(PRM_GET(ptys_reg, d, ext_eth_proto_capability) & (1u << 16));
	CHECK_EQ(PRM_GET(ptys_reg, d, data_rate_oper), 4000);
	CHECK_EQ(PRM_GET(ptys_reg, d, an_status), 1);
	memset(d, 0, sizeof(d));
	PRM_SET(ptys_reg, d, local_port, 1);
	PRM_SET(ptys_reg, d, proto_mask, EMU_PTYS_IB);
	CHECK_EQ(reg(fw, PRM_REG_PTYS, 1, d, PRM_SIZE(ptys_reg)),
		 PRM_STATUS_BAD_PARAM_ERR);

	/* Limit admin to 100GAUI-2 and 25G: the link follows. */
	memset(d, 0, sizeof(d));
	PRM_SET(ptys_reg, d, local_port, 1);
	PRM_SET(ptys_reg, d, proto_mask, EMU_PTYS_EN);
	PRM_SET(ptys_reg, d, ext_eth_proto_admin, (1u << 10) | (1u << 6));
	CHECK_EQ(reg(fw, PRM_REG_PTYS, 0, d, PRM_SIZE(ptys_reg)), 0);
	memset(d, 0, sizeof(d));
	PRM_SET(ptys_reg, d, local_port, 1);
	PRM_SET(ptys_reg, d, proto_mask, EMU_PTYS_EN);
	CHECK_EQ(reg(fw, PRM_REG_PTYS, 1, d, PRM_SIZE(ptys_reg)), 0);
	CHECK_EQ(PRM_GET(ptys_reg, d, ext_eth_proto_admin),
		 (1u << 10) | (1u << 6));
	CHECK_EQ(PRM_GET(ptys_reg, d, ext_eth_proto_oper), 1u << 10);
	CHECK_EQ(PRM_GET(ptys_reg, d, data_rate_oper), 1000);
	/* Modes the port cannot do, or none at all. */
	memset(d, 0, sizeof(d));
	PRM_SET(ptys_reg, d, local_port, 1);
	PRM_SET(ptys_reg, d, proto_mask, EMU_PTYS_EN);
	PRM_SET(ptys_reg, d, ext_eth_proto_admin, 1u << 19);
	CHECK_EQ(reg(fw, PRM_REG_PTYS, 0, d, PRM_SIZE(ptys_reg)),
		 PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_REG_VALUE);
	PRM_SET(ptys_reg, d, ext_eth_proto_admin, 0);
	CHECK_EQ(reg(fw, PRM_REG_PTYS, 0, d, PRM_SIZE(ptys_reg)),
		 PRM_STATUS_BAD_PARAM_ERR);

	/* PMTU. */
	memset(d, 0, sizeof(d));
	PRM_SET(pmtu_reg, d, local_port, 1);
	CHECK_EQ(reg(fw, PRM_REG_PMTU, 1, d, PRM_SIZE(pmtu_reg)), 0);
	CHECK_EQ(PRM_GET(pmtu_reg, d, max_mtu), 9216);
	CHECK_EQ(PRM_GET(pmtu_reg, d, admin_mtu), 1522);
	CHECK_EQ(PRM_GET(pmtu_reg, d, oper_mtu), 1522);
	memset(d, 0, sizeof(d));
	PRM_SET(pmtu_reg, d, local_port, 1);
	PRM_SET(pmtu_reg, d, admin_mtu, 9000);
	CHECK_EQ(reg(fw, PRM_REG_PMTU, 0, d, PRM_SIZE(pmtu_reg)), 0);
	memset(d, 0, sizeof(d));
	PRM_SET(pmtu_reg, d, local_port, 1);
	CHECK_EQ(reg(fw, PRM_REG_PMTU, 1, d, PRM_SIZE(pmtu_reg)), 0);
	CHECK_EQ(PRM_GET(pmtu_reg, d, oper_mtu), 9000);
	memset(d, 0, sizeof(d));
	PRM_SET(pmtu_reg, d, local_port, 1);
	PRM_SET(pmtu_reg, d, admin_mtu, 9217);
	CHECK_EQ(reg(fw, PRM_REG_PMTU, 0, d, PRM_SIZE(pmtu_reg)),
		 PRM_STATUS_BAD_PARAM_ERR);

	/* PCAM: exactly the port registers the profile has. */
	memset(d, 0, sizeof(d));
	CHECK_EQ(reg(fw, PRM_REG_PCAM, 1, d, PRM_SIZE(pcam_reg)), 0);
#define PCAM_BIT(id)                                                        \
	mask_bit(d, PRM_OFF(pcam_reg, port_access_reg_cap_mask),            \
		 PRM_BITS(pcam_reg, port_access_reg_cap_mask), 0x5000, (id))
	CHECK(PCAM_BIT(PRM_REG_PAOS));
	CHECK(PCAM_BIT(PRM_REG_PTYS));
	CHECK(PCAM_BIT(PRM_REG_PMTU));
	CHECK(PCAM_BIT(PRM_REG_PCAM));
	CHECK(PCAM_BIT(PRM_REG_PPCNT));
	CHECK(!PCAM_BIT(0x5018));	/* PPLR */
	CHECK(!PCAM_BIT(0x5000));
#undef PCAM_BIT
	CHECK_EQ(PRM_GET(pcam_enhanced_features,
			 PRM_ADDR(pcam_reg, d, feature_cap_mask),
			 ptys_extended_ethernet), 1);

	/* Registers the device lacks; short mailboxes. */
	memset(d, 0, sizeof(d));
	CHECK_EQ(reg(fw, 0x5018, 1, d, 64), PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_REG_ID);
	CHECK_EQ(reg(fw, 0x1234, 1, d, 64), PRM_STATUS_BAD_PARAM_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_BAD_REG_ID);
	{
		uint8_t in[PRM_SIZE(access_register_in) + EMU_REG_MAX_SIZE] = { 0 };

		hdr(in, MLX5_CMD_OP_ACCESS_REG, 0, 1);
		PRM_SET(access_register_in, in, register_id, PRM_REG_PAOS);
		CHECK_EQ(run(fw, in, PRM_SIZE(access_register_in), sizeof(out)),
			 PRM_STATUS_BAD_INP_LEN_ERR);
		CHECK_EQ(run(fw, in,
			     PRM_SIZE(access_register_in) + PRM_SIZE(paos_reg),
			     PRM_SIZE(access_register_out)),
			 PRM_STATUS_BAD_OUTP_LEN_ERR);
		/* In place: the inbox is the outbox. */
		PRM_SET(paos_reg, in + PRM_SIZE(access_register_in), local_port,
			1);
		CHECK_EQ(emu_fw_exec(fw, in, sizeof(in), in, sizeof(in)),
			 PRM_SIZE(access_register_out) + PRM_SIZE(paos_reg));
		CHECK_EQ(PRM_GET(mbox_out, in, status), 0);
		CHECK_EQ(PRM_GET(paos_reg, in + PRM_SIZE(access_register_out),
				 oper_status), EMU_PORT_UP);
	}

	/* State is per instance. */
	emu_fw_destroy(fw);
	fw = create("connectx7");
	memset(d, 0, sizeof(d));
	PRM_SET(pmtu_reg, d, local_port, 1);
	CHECK_EQ(reg(fw, PRM_REG_PMTU, 1, d, PRM_SIZE(pmtu_reg)), 0);
	CHECK_EQ(PRM_GET(pmtu_reg, d, oper_mtu), 1522);
	emu_fw_destroy(fw);
}

static void test_fault(void)
{
	struct emu_fw *fw = create("connectx7,fault=fw-error,fault_after=2");
	uint8_t d[EMU_REG_MAX_SIZE] = { 0 };
	uint16_t uid = 0;

	/* The kernel's own commands (uid 0) are spared. */
	CHECK_EQ(create_uctx(fw, 0, &uid), PRM_STATUS_OK);
	CHECK_EQ(nop(fw, 0), PRM_STATUS_OK);
	CHECK_EQ(nop(fw, uid), PRM_STATUS_OK);
	CHECK_EQ(nop(fw, uid), PRM_STATUS_OK);
	CHECK_EQ(nop(fw, uid), PRM_STATUS_INT_ERR);
	CHECK_EQ(syndrome(), EMU_SYND_FAULT_INJECTED);
	CHECK_EQ(out_n, PRM_SIZE(mbox_out));
	CHECK_EQ(nop(fw, uid), PRM_STATUS_INT_ERR);
	CHECK_EQ(destroy_uctx(fw, uid), PRM_STATUS_OK);
	emu_fw_destroy(fw);

	/* Only the named opcode fails. */
	fw = create("connectx7,fault=fw-error,fault_opcode=0x805");
	CHECK_EQ(create_uctx(fw, 0, &uid), PRM_STATUS_OK);
	CHECK_EQ(nop(fw, uid), PRM_STATUS_OK);
	{
		uint8_t in[PRM_SIZE(access_register_in) + EMU_REG_MAX_SIZE] = { 0 };

		hdr(in, MLX5_CMD_OP_ACCESS_REG, uid, 1);
		PRM_SET(access_register_in, in, register_id, PRM_REG_MGIR);
		CHECK_EQ(run(fw, in, sizeof(in), sizeof(out)),
			 PRM_STATUS_INT_ERR);
	}
	CHECK_EQ(reg(fw, PRM_REG_MGIR, 1, d, PRM_SIZE(mgir_reg)), 0);
	emu_fw_destroy(fw);

	/* Transport faults are the kernel half's: firmware answers. */
	fw = create("connectx7,fault=timeout");
	CHECK_EQ(create_uctx(fw, 0, &uid), PRM_STATUS_OK);
	CHECK_EQ(nop(fw, uid), PRM_STATUS_OK);
	emu_fw_destroy(fw);
}

/* Same commands, same bytes: nothing depends on time or chance. */
static void test_deterministic(void)
{
	struct emu_fw *a = create("connectx7"), *b = create("connectx7");
	uint8_t in[PRM_SIZE(access_register_in) + EMU_REG_MAX_SIZE];
	static uint8_t outa[OUT_MAX], outb[OUT_MAX];
	static const uint16_t ops[] = { 0x100, 0x101, 0x10a, 0x805,
					0x80d, 0xa04, 0xa06, 0x999 };
	static const uint16_t regs[] = { 0x5003, 0x5004, 0x5006, 0x507f,
					 0x9009, 0x900a, 0x9020, 0x907f };
	uint32_t seed = 1;
	size_t na, nb;
	int i;

	for (i = 0; i < 20000; i++) {
		size_t j, inlen, outlen;

		/* Random mailboxes around the known opcodes, no crash allowed. */
		for (j = 0; j < sizeof(in); j++) {
			seed = seed * 1103515245 + 12345;
			in[j] = seed >> 16;
		}
		seed = seed * 1103515245 + 12345;
		hdr(in, ops[seed >> 29], i % 3 ? 0 : (seed >> 8) & 3,
		    (seed >> 12) & 0xf);
		PRM_SET(access_register_in, in, register_id,
			regs[(seed >> 4) & 7]);
		inlen = (seed >> 3) % sizeof(in);
		outlen = (seed >> 5) % sizeof(outa);
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

/*
 * CORE_DUMP: the debug page asks for the image's size in 4 KiB pages
 * (log2, 0 when there is no dump to memory); writes of the tracer's
 * trigger types are accepted, other types are not.
 */
static void test_core_dump(void)
{
	static const struct {
		const char *spec;
		unsigned int log;
	} sizes[] = {
		{ "connectx7", 8 },			/* 832 KiB */
		{ "connectx7,coredump_size=0", 0 },
		{ "connectx7,coredump_size=1", 1 },
		{ "connectx7,coredump_size=8K", 1 },
		{ "connectx7,coredump_size=8200", 2 },
		{ "connectx7,coredump_size=1G", 18 },
	};
	uint8_t data[PRM_SIZE(core_dump_reg)];
	char err[256] = "";
	struct emu_fw *fw;
	size_t i;

	for (i = 0; i < EMU_ARRAY_SIZE(sizes); i++) {
		fw = create(sizes[i].spec);
		CHECK(fw);
		if (!fw)
			continue;
		CHECK_EQ(query_cap(fw, 0xd, true), 0);
		CHECK_EQ(PRM_GET(debug_cap, cap_page(), log_cr_dump_to_mem_size),
			 sizes[i].log);
		CHECK_EQ(PRM_GET(debug_cap, cap_page(), core_dump_general), 1);
		emu_fw_destroy(fw);
	}
	CHECK(!emu_fw_create("connectx7,coredump_size=9G", err, sizeof(err)));
	CHECK(strstr(err, "up to 8G"));
	fw = create("connectx7");
	CHECK(fw);
	if (!fw)
		return;
	for (i = 0; i <= 2; i++) {
		memset(data, 0, sizeof(data));
		PRM_SET(core_dump_reg, data, core_dump_type, i);
		CHECK_EQ(reg(fw, 0x402e, 0, data, sizeof(data)), i < 2 ? 0 : 3);
	}
	CHECK_EQ(syndrome(), 0x3e6d010a);
	emu_fw_destroy(fw);
}

/* IN as a command of UID: its opcode and uid set, the rest as given. */
static unsigned int cmd_uid(struct emu_fw *fw, uint16_t opcode, uint16_t uid,
			    void *in, size_t inlen, size_t outlen)
{
	PRM_SET(mbox_in, in, opcode, opcode);
	PRM_SET(mbox_in, in, uid, uid);
	return run(fw, in, inlen, outlen);
}

/*
 * The objects behind dump memory, as the kernel makes them: a UMEM, a PD
 * and an MTT mkey over the UMEM, all of one uid; each refused while what
 * depends on it lives, and the mkey translating the buffer's addresses.
 */
/* A register read of UID, the context that owns the dump memory. */
static unsigned int reg_uid(struct emu_fw *fw, uint16_t uid, uint16_t id,
			    const void *data, size_t size)
{
	uint8_t in[PRM_SIZE(access_register_in) + EMU_REG_MAX_SIZE] = { 0 };

	hdr(in, MLX5_CMD_OP_ACCESS_REG, uid, 1);
	PRM_SET(access_register_in, in, register_id, id);
	memcpy(in + PRM_SIZE(access_register_in), data, size);
	return run(fw, in, PRM_SIZE(access_register_in) + size,
		   PRM_SIZE(access_register_out) + size);
}

static void test_dump_memory_objects(void)
{
	static uint8_t page[4096] __attribute__((aligned(4096)));
	uint8_t in[PRM_SIZE(create_mkey_in) + PRM_SIZE(mtt)] = {};
	uint8_t *mkc = PRM_ADDR(create_mkey_in, in, memory_key_mkey_entry);
	uint8_t *mtt = in + PRM_SIZE(create_umem_in);
	uint8_t rd[PRM_SIZE(resource_dump)] = {};
	uint32_t umem_id, pd, mkey;
	struct emu_fw *fw = create("connectx7");
	uint16_t uid;

	if (!fw)
		return;
	CHECK_EQ(cmd_uid(fw, MLX5_CMD_OP_CREATE_UCTX, 0, in,
			 PRM_SIZE(create_uctx_in), PRM_SIZE(create_uctx_out)), 0);
	uid = PRM_GET(create_uctx_out, out, uid);

	memset(in, 0, sizeof(in));
	PRM_SET(umem, PRM_ADDR(create_umem_in, in, umem), num_of_mtt, 1);
	PRM_SET(mtt, mtt, ptag_63_32, (uintptr_t)page >> 32);
	PRM_SET(mtt, mtt, ptag_31_8, ((uintptr_t)page >> 8) & 0xffffff);
	CHECK_EQ(cmd_uid(fw, MLX5_CMD_OP_CREATE_UMEM, uid, in,
			 PRM_SIZE(create_umem_in) + PRM_SIZE(mtt),
			 PRM_SIZE(create_umem_out)), 0);
	umem_id = PRM_GET(create_umem_out, out, umem_id);
	memset(in, 0, sizeof(in));
	CHECK_EQ(cmd_uid(fw, MLX5_CMD_OP_ALLOC_PD, uid, in,
			 PRM_SIZE(alloc_pd_in), PRM_SIZE(alloc_pd_out)), 0);
	pd = PRM_GET(alloc_pd_out, out, pd);

	/* Not over a UMEM, another uid's PD, not MTT, past the UMEM. */
	memset(in, 0, sizeof(in));
	PRM_SET(create_mkey_in, in, mkey_umem_id, umem_id);
	PRM_SET(mkc, mkc, access_mode_1_0, 1);
	PRM_SET(mkc, mkc, pd, pd);
	PRM_SET(mkc, mkc, start_addr, (uintptr_t)page);
	PRM_SET(mkc, mkc, len, sizeof(page));
	CHECK_EQ(cmd_uid(fw, MLX5_CMD_OP_CREATE_MKEY, uid, in,
			 PRM_SIZE(create_mkey_in), PRM_SIZE(create_mkey_out)), 3);
	CHECK_EQ(syndrome(), 0x3e6d010c);
	PRM_SET(create_mkey_in, in, mkey_umem_valid, 1);
	CHECK_EQ(cmd_uid(fw, MLX5_CMD_OP_CREATE_MKEY, uid + 1, in,
			 PRM_SIZE(create_mkey_in), PRM_SIZE(create_mkey_out)), 3);
	PRM_SET(mkc, mkc, access_mode_1_0, 2);
	CHECK_EQ(cmd_uid(fw, MLX5_CMD_OP_CREATE_MKEY, uid, in,
			 PRM_SIZE(create_mkey_in), PRM_SIZE(create_mkey_out)), 3);
	PRM_SET(mkc, mkc, access_mode_1_0, 1);
	PRM_SET(mkc, mkc, len, sizeof(page) + 1);
	CHECK_EQ(cmd_uid(fw, MLX5_CMD_OP_CREATE_MKEY, uid, in,
			 PRM_SIZE(create_mkey_in), PRM_SIZE(create_mkey_out)), 3);
	PRM_SET(mkc, mkc, len, sizeof(page));
	PRM_SET(mkc, mkc, mkey_7_0, 0x42);
	CHECK_EQ(cmd_uid(fw, MLX5_CMD_OP_CREATE_MKEY, uid, in,
			 PRM_SIZE(create_mkey_in), PRM_SIZE(create_mkey_out)), 0);
	mkey = PRM_GET(create_mkey_out, out, mkey_index) << 8 | 0x42;

	/* A resource dump through the mkey lands in the page. */
	memset(page, 0xa5, sizeof(page));
	PRM_SET(resource_dump, rd, segment_type, 0xffff);
	PRM_SET(resource_dump, rd, mkey, mkey);
	PRM_SET(resource_dump, rd, address, (uintptr_t)page);
	PRM_SET(resource_dump, rd, size, sizeof(page));
	CHECK_EQ(reg_uid(fw, uid, 0xc000, rd, sizeof(rd)), 0);
	CHECK_EQ(page[2], 0xff);
	CHECK_EQ(page[3], 0xfe);
	/* The same key with another variant is no key. */
	PRM_SET(resource_dump, rd, mkey, mkey ^ 1);
	PRM_SET(resource_dump, rd, device_opaque, 0);
	PRM_SET(resource_dump, rd, size, sizeof(page));
	CHECK_EQ(reg_uid(fw, uid, 0xc000, rd, sizeof(rd)), 3);

	/* What an mkey uses cannot go first; the uid keeps its objects. */
	memset(in, 0, sizeof(in));
	PRM_SET(destroy_umem_in, in, umem_id, umem_id);
	CHECK_EQ(cmd_uid(fw, MLX5_CMD_OP_DESTROY_UMEM, uid, in,
			 PRM_SIZE(destroy_umem_in), PRM_SIZE(destroy_umem_out)), 9);
	CHECK_EQ(syndrome(), 0x3e6d010d);
	memset(in, 0, sizeof(in));
	PRM_SET(dealloc_pd_in, in, pd, pd);
	CHECK_EQ(cmd_uid(fw, MLX5_CMD_OP_DEALLOC_PD, uid, in,
			 PRM_SIZE(dealloc_pd_in), PRM_SIZE(dealloc_pd_out)), 9);
	memset(in, 0, sizeof(in));
	PRM_SET(destroy_uctx_in, in, uid, uid);
	CHECK_EQ(cmd_uid(fw, MLX5_CMD_OP_DESTROY_UCTX, 0, in,
			 PRM_SIZE(destroy_uctx_in), PRM_SIZE(destroy_uctx_out)), 9);

	/* Newest first, each goes. */
	memset(in, 0, sizeof(in));
	PRM_SET(destroy_mkey_in, in, mkey_index, mkey >> 8);
	CHECK_EQ(cmd_uid(fw, MLX5_CMD_OP_DESTROY_MKEY, uid, in,
			 PRM_SIZE(destroy_mkey_in), PRM_SIZE(destroy_mkey_out)), 0);
	memset(in, 0, sizeof(in));
	PRM_SET(dealloc_pd_in, in, pd, pd);
	CHECK_EQ(cmd_uid(fw, MLX5_CMD_OP_DEALLOC_PD, uid, in,
			 PRM_SIZE(dealloc_pd_in), PRM_SIZE(dealloc_pd_out)), 0);
	memset(in, 0, sizeof(in));
	PRM_SET(destroy_umem_in, in, umem_id, umem_id);
	CHECK_EQ(cmd_uid(fw, MLX5_CMD_OP_DESTROY_UMEM, uid, in,
			 PRM_SIZE(destroy_umem_in), PRM_SIZE(destroy_umem_out)), 0);
	memset(in, 0, sizeof(in));
	PRM_SET(destroy_uctx_in, in, uid, uid);
	CHECK_EQ(cmd_uid(fw, MLX5_CMD_OP_DESTROY_UCTX, 0, in,
			 PRM_SIZE(destroy_uctx_in), PRM_SIZE(destroy_uctx_out)), 0);
	emu_fw_destroy(fw);
}

int main(void)
{
	test_spec();
	test_simple_commands();
	test_caps();
	test_status_codes();
	test_uid();
	test_mgmt_registers();
	test_port_registers();
	test_fault();
	test_deterministic();
	test_core_dump();
	test_dump_memory_objects();
	return check_done("test_emu_fw");
}
