// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Object and counter queries: QUERY_{QP,CQ,EQ,SQ,RQ,RQT,TIR,TIS,SRQ,DCT,
 * MKEY} answer for the few live objects a profile lists (what a host
 * driver with one netdev and one RDMA user would have made), and
 * QUERY_VPORT_COUNTER / QUERY_Q_COUNTER report counters that advance by a
 * fixed step per read (emu_counter).
 *
 * Contexts are filled from the object's number so related objects agree:
 * a QP's send CQ is a live CQ, a TIR points at the live RQT, and so on.
 */
#include <string.h>

#include "emu_fw_int.h"

/* Numbers of the live objects: profile data, shared by the fillers. */
enum {
	EMU_EQN_ASYNC = 0x7,
	EMU_EQN_COMP = 0x8,
	EMU_CQN_SEND = 0x400,
	EMU_CQN_RECV = 0x401,
	EMU_SQN = 0x120,
	EMU_RQN = 0x121,
	EMU_RQTN = 0x5,
	EMU_TISN = 0x8,
	EMU_PDN = 0x3,
	EMU_TDN = 0x2,
	EMU_UAR = 0x21,
	EMU_Q_COUNTER = 0x1,
};

/* Values of the PRM's context enums the fillers use. */
enum {
	EMU_QPC_STATE_RTS = 0x3,
	EMU_QPC_ST_RC = 0x0,
	EMU_QPC_ST_UD = 0x2,
	EMU_QPC_PM_MIGRATED = 0x3,
	EMU_IB_MTU_1024 = 0x3,
	EMU_EQC_ST_ARMED = 0x9,
	EMU_WQ_CYCLIC = 0x1,
	EMU_WQ_STATE_RDY = 0x1,
	EMU_TIRC_DISP_INDIRECT = 0x1,
	EMU_TIRC_HASH_TOEPLITZ = 0x2,
	EMU_MKC_ACCESS_MTT = 0x1,
};

static void emu_fill_qp(struct emu_fw *fw, uint32_t num, uint8_t *out)
{
	uint8_t *qpc = PRM_ADDR(query_qp_out, out, qpc);
	uint8_t *path = PRM_ADDR(qpc, qpc, primary_address_path);
	bool ud = num & 1;

	PRM_SET(qpc, qpc, state, EMU_QPC_STATE_RTS);
	PRM_SET(qpc, qpc, st, ud ? EMU_QPC_ST_UD : EMU_QPC_ST_RC);
	PRM_SET(qpc, qpc, pm_state, EMU_QPC_PM_MIGRATED);
	PRM_SET(qpc, qpc, pd, EMU_PDN);
	PRM_SET(qpc, qpc, mtu, EMU_IB_MTU_1024);
	PRM_SET(qpc, qpc, log_msg_max, 30);
	PRM_SET(qpc, qpc, log_rq_size, 8);
	PRM_SET(qpc, qpc, log_rq_stride, 2);
	PRM_SET(qpc, qpc, log_sq_size, 8);
	PRM_SET(qpc, qpc, counter_set_id, EMU_Q_COUNTER);
	PRM_SET(qpc, qpc, uar_page, EMU_UAR);
	PRM_SET(qpc, qpc, cqn_snd, EMU_CQN_SEND);
	PRM_SET(qpc, qpc, cqn_rcv, EMU_CQN_RECV);
	PRM_SET(qpc, qpc, next_send_psn, 0x1a2b3c);
	PRM_SET(qpc, qpc, next_rcv_psn, 0x4d5e6f);
	PRM_SET(ads, path, vhca_port_num, 1);
	PRM_SET(ads, path, hop_limit, 64);
	if (ud) {
		PRM_SET(qpc, qpc, q_key, 0x80010000);
		return;
	}
	PRM_SET(qpc, qpc, remote_qpn, num + 0x40);
	PRM_SET(qpc, qpc, retry_count, 7);
	PRM_SET(qpc, qpc, rnr_retry, 7);
	PRM_SET(qpc, qpc, min_rnr_nak, 12);
	PRM_SET(qpc, qpc, log_sra_max, 4);
	PRM_SET(qpc, qpc, log_rra_max, 4);
	PRM_SET(qpc, qpc, rre, 1);
	PRM_SET(qpc, qpc, rwe, 1);
	PRM_SET(ads, path, ack_timeout, 14);
	PRM_SET(ads, path, udp_sport, 0xc000 | (num & 0x3fff));
}

static void emu_fill_cq(struct emu_fw *fw, uint32_t num, uint8_t *out)
{
	uint8_t *cqc = PRM_ADDR(query_cq_out, out, cq_context);

	PRM_SET(cqc, cqc, log_cq_size, 10);
	PRM_SET(cqc, cqc, uar_page, EMU_UAR);
	PRM_SET(cqc, cqc, c_eqn_or_apu_element, EMU_EQN_COMP);
	PRM_SET(cqc, cqc, cq_period, 8);
	PRM_SET(cqc, cqc, cq_max_count, 64);
	PRM_SET(cqc, cqc, log_page_size, 0);
	PRM_SET(cqc, cqc, consumer_counter, 0x3f2);
	PRM_SET(cqc, cqc, producer_counter, 0x3f2);
}

static void emu_fill_eq(struct emu_fw *fw, uint32_t num, uint8_t *out)
{
	uint8_t *eqc = PRM_ADDR(query_eq_out, out, eq_context_entry);

	PRM_SET(eqc, eqc, st, EMU_EQC_ST_ARMED);
	PRM_SET(eqc, eqc, log_eq_size, num == EMU_EQN_ASYNC ? 7 : 10);
	PRM_SET(eqc, eqc, uar_page, EMU_UAR);
	PRM_SET(eqc, eqc, intr, num - EMU_EQN_ASYNC);
	PRM_SET(eqc, eqc, consumer_counter, 0x1c);
	PRM_SET(eqc, eqc, producer_counter, 0x1c);
}

static void emu_fill_wq(uint8_t *wq, uint8_t log_sz, uint8_t log_stride)
{
	PRM_SET(wq, wq, wq_type, EMU_WQ_CYCLIC);
	PRM_SET(wq, wq, pd, EMU_PDN);
	PRM_SET(wq, wq, uar_page, EMU_UAR);
	PRM_SET(wq, wq, log_wq_stride, log_stride);
	PRM_SET(wq, wq, log_wq_sz, log_sz);
	PRM_SET(wq, wq, hw_counter, 0x2e1);
	PRM_SET(wq, wq, sw_counter, 0x2e1);
}

static void emu_fill_sq(struct emu_fw *fw, uint32_t num, uint8_t *out)
{
	uint8_t *sqc = PRM_ADDR(query_sq_out, out, sq_context);

	PRM_SET(sqc, sqc, state, EMU_WQ_STATE_RDY);
	PRM_SET(sqc, sqc, flush_in_error_en, 1);
	PRM_SET(sqc, sqc, cqn, EMU_CQN_SEND);
	PRM_SET(sqc, sqc, tis_lst_sz, 1);
	PRM_SET(sqc, sqc, tis_num_0, EMU_TISN);
	emu_fill_wq(PRM_ADDR(sqc, sqc, wq), 10, 6);
}

static void emu_fill_rq(struct emu_fw *fw, uint32_t num, uint8_t *out)
{
	uint8_t *rqc = PRM_ADDR(query_rq_out, out, rq_context);

	PRM_SET(rqc, rqc, state, EMU_WQ_STATE_RDY);
	PRM_SET(rqc, rqc, flush_in_error_en, 1);
	PRM_SET(rqc, rqc, cqn, EMU_CQN_RECV);
	PRM_SET(rqc, rqc, counter_set_id, EMU_Q_COUNTER);
	emu_fill_wq(PRM_ADDR(rqc, rqc, wq), 10, 4);
}

static void emu_fill_rqt(struct emu_fw *fw, uint32_t num, uint8_t *out)
{
	uint8_t *rqtc = PRM_ADDR(query_rqt_out, out, rqt_context);

	PRM_SET(rqtc, rqtc, rqt_max_size, 8);
	PRM_SET(rqtc, rqtc, rqt_actual_size, 1);
}

static void emu_fill_tir(struct emu_fw *fw, uint32_t num, uint8_t *out)
{
	uint8_t *tirc = PRM_ADDR(query_tir_out, out, tir_context);

	PRM_SET(tirc, tirc, disp_type, EMU_TIRC_DISP_INDIRECT);
	PRM_SET(tirc, tirc, indirect_table, EMU_RQTN);
	PRM_SET(tirc, tirc, rx_hash_fn, EMU_TIRC_HASH_TOEPLITZ);
	PRM_SET(tirc, tirc, rx_hash_symmetric, 1);
	PRM_SET(tirc, tirc, transport_domain, EMU_TDN);
}

static void emu_fill_tis(struct emu_fw *fw, uint32_t num, uint8_t *out)
{
	uint8_t *tisc = PRM_ADDR(query_tis_out, out, tis_context);

	PRM_SET(tisc, tisc, transport_domain, EMU_TDN);
	PRM_SET(tisc, tisc, pd, EMU_PDN);
}

static void emu_fill_srq(struct emu_fw *fw, uint32_t num, uint8_t *out)
{
	uint8_t *srqc = PRM_ADDR(query_srq_out, out, srq_context_entry);

	PRM_SET(srqc, srqc, log_srq_size, 12);
	PRM_SET(srqc, srqc, log_rq_stride, 2);
	PRM_SET(srqc, srqc, cqn, EMU_CQN_RECV);
	PRM_SET(srqc, srqc, pd, EMU_PDN);
	PRM_SET(srqc, srqc, wqe_cnt, 0x1000);
}

static void emu_fill_dct(struct emu_fw *fw, uint32_t num, uint8_t *out)
{
	uint8_t *dctc = PRM_ADDR(query_dct_out, out, dct_context_entry);

	PRM_SET(dctc, dctc, cqn, EMU_CQN_RECV);
	PRM_SET(dctc, dctc, counter_set_id, EMU_Q_COUNTER);
	PRM_SET(dctc, dctc, rre, 1);
	PRM_SET(dctc, dctc, rwe, 1);
	PRM_SET(dctc, dctc, min_rnr_nak, 12);
	PRM_SET(dctc, dctc, pd, EMU_PDN);
	PRM_SET(dctc, dctc, dc_access_key, 0xdc00dc00ull);
	PRM_SET(dctc, dctc, mtu, EMU_IB_MTU_1024);
	PRM_SET(dctc, dctc, port, 1);
	PRM_SET(dctc, dctc, hop_limit, 64);
}

static void emu_fill_mkey(struct emu_fw *fw, uint32_t num, uint8_t *out)
{
	uint8_t *mkc = PRM_ADDR(query_mkey_out, out, memory_key_mkey_entry);

	PRM_SET(mkc, mkc, access_mode_1_0, EMU_MKC_ACCESS_MTT);
	PRM_SET(mkc, mkc, a, 1);
	PRM_SET(mkc, mkc, rw, 1);
	PRM_SET(mkc, mkc, rr, 1);
	PRM_SET(mkc, mkc, lw, 1);
	PRM_SET(mkc, mkc, lr, 1);
	/* Not bound to a QP: all ones, as the PRM asks. */
	PRM_SET(mkc, mkc, qpn, 0xffffff);
	PRM_SET(mkc, mkc, mkey_7_0, 0x42);
	PRM_SET(mkc, mkc, pd, EMU_PDN);
	PRM_SET(mkc, mkc, start_addr, 0x7f3a40000000ull);
	PRM_SET(mkc, mkc, len, 1ull << 21);
	PRM_SET(mkc, mkc, translations_octword_size, 256);
	PRM_SET(mkc, mkc, log_page_size, 12);
}

/* How each QUERY_<object> names its object, and how to fill the answer. */
struct emu_obj_type {
	uint16_t opcode;
	uint32_t num_off;
	uint32_t num_bits;
	void (*fill)(struct emu_fw *fw, uint32_t num, uint8_t *out);
};

#define EMU_OBJ(op, layout, field, fn)                                    \
	{ MLX5_CMD_OP_##op, PRM_OFF(layout, field), PRM_BITS(layout, field), \
	  (fn) }

static const struct emu_obj_type emu_obj_types[] = {
	EMU_OBJ(QUERY_QP, query_qp_in, qpn, emu_fill_qp),
	EMU_OBJ(QUERY_CQ, query_cq_in, cqn, emu_fill_cq),
	EMU_OBJ(QUERY_EQ, query_eq_in, eq_number, emu_fill_eq),
	EMU_OBJ(QUERY_SQ, query_sq_in, sqn, emu_fill_sq),
	EMU_OBJ(QUERY_RQ, query_rq_in, rqn, emu_fill_rq),
	EMU_OBJ(QUERY_RQT, query_rqt_in, rqtn, emu_fill_rqt),
	EMU_OBJ(QUERY_TIR, query_tir_in, tirn, emu_fill_tir),
	EMU_OBJ(QUERY_TIS, query_tis_in, tisn, emu_fill_tis),
	EMU_OBJ(QUERY_SRQ, query_srq_in, srqn, emu_fill_srq),
	EMU_OBJ(QUERY_DCT, query_dct_in, dctn, emu_fill_dct),
	EMU_OBJ(QUERY_MKEY, query_mkey_in, mkey_index, emu_fill_mkey),
};

static bool emu_obj_live(const struct emu_fw *fw, uint16_t opcode,
			 uint32_t num)
{
	size_t i;

	for (i = 0; i < fw->prof->nobjects; i++)
		if (fw->prof->objects[i].opcode == opcode &&
		    fw->prof->objects[i].num == num)
			return true;
	return false;
}

int emu_cmd_query_object(struct emu_cmd *c)
{
	const struct emu_obj_type *t = NULL;
	uint32_t num;
	size_t i;

	for (i = 0; i < EMU_ARRAY_SIZE(emu_obj_types); i++)
		if (emu_obj_types[i].opcode == c->opcode)
			t = &emu_obj_types[i];
	if (!t) {
		c->syndrome = EMU_SYND_BAD_OPCODE;
		return EMU_STATUS_BAD_OP;
	}
	num = prm_get(c->in, t->num_off, t->num_bits);
	if (!emu_obj_live(c->fw, c->opcode, num)) {
		c->syndrome = EMU_SYND_BAD_OBJECT;
		return EMU_STATUS_BAD_RESOURCE;
	}
	t->fill(c->fw, num, c->out);
	return EMU_STATUS_OK;
}

/*
 * QUERY_VPORT_COUNTER: this function's own vport (no e-switch manager),
 * the traffic of its first port.
 */
int emu_cmd_query_vport_counter(struct emu_cmd *c)
{
	struct emu_fw *fw = c->fw;
	uint8_t port = PRM_GET(query_vport_counter_in, c->in, port_num);
	const struct emu_port_state *st;

	if (PRM_GET(query_vport_counter_in, c->in, other_vport) ||
	    PRM_GET(query_vport_counter_in, c->in, vport_number) ||
	    !fw->prof->nports || port > 1) {
		c->syndrome = EMU_SYND_BAD_VPORT;
		return EMU_STATUS_BAD_PARAM;
	}
	st = &fw->ports[0];
	emu_counter_step(fw);
	emu_cnt_fill(fw, c->out, &fw->prof->vport_cnt,
		     st->oper_status == EMU_PORT_UP, st->errors, 0);
	return EMU_STATUS_OK;
}

/* QUERY_Q_COUNTER: the RDMA counter sets the profile allocated. */

int emu_cmd_query_q_counter(struct emu_cmd *c)
{
	struct emu_fw *fw = c->fw;
	uint8_t id = PRM_GET(query_q_counter_in, c->in, counter_set_id);
	bool errors = fw->prof->nports && fw->ports[0].errors;
	bool live = false;
	size_t i;

	if (PRM_GET(query_q_counter_in, c->in, other_vport) ||
	    PRM_GET(query_q_counter_in, c->in, vport_number)) {
		c->syndrome = EMU_SYND_BAD_VPORT;
		return EMU_STATUS_BAD_PARAM;
	}
	for (i = 0; i < fw->prof->nq_counters; i++)
		live |= fw->prof->q_counters[i] == id;
	if (!live) {
		c->syndrome = EMU_SYND_BAD_COUNTER_SET;
		return EMU_STATUS_BAD_RESOURCE;
	}
	emu_counter_step(fw);
	emu_cnt_fill(fw, c->out, &fw->prof->q_cnt,
		     fw->prof->nports &&
		     fw->ports[0].oper_status == EMU_PORT_UP, errors, 0);
	return EMU_STATUS_OK;
}
