// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Object and counter queries: QUERY_{QP,CQ,EQ,SQ,RQ,RQT,TIR,TIS,SRQ,DCT,
 * MKEY} answer for the few live objects a profile lists (what a host
 * driver with one netdev and one RDMA user would have made), and
 * QUERY_VPORT_COUNTER / QUERY_Q_COUNTER report counters that advance by a
 * fixed step per read (emu_counter).
 *
 * The contexts are the profile's: a profile keeps related objects
 * consistent (a QP's send CQ is a live CQ, a TIR points at the live RQT).
 */
#include <string.h>

#include "emu_fw_int.h"

/* How each QUERY_<object> names its object. */
struct emu_obj_type {
	uint16_t opcode;
	uint32_t num_off;
	uint32_t num_bits;
};

#define EMU_OBJ(op, layout, field)                                        \
	{ MLX5_CMD_OP_##op, PRM_OFF(layout, field), PRM_BITS(layout, field) }

static const struct emu_obj_type emu_obj_types[] = {
	EMU_OBJ(QUERY_QP, query_qp_in, qpn),
	EMU_OBJ(QUERY_CQ, query_cq_in, cqn),
	EMU_OBJ(QUERY_EQ, query_eq_in, eq_number),
	EMU_OBJ(QUERY_SQ, query_sq_in, sqn),
	EMU_OBJ(QUERY_RQ, query_rq_in, rqn),
	EMU_OBJ(QUERY_RQT, query_rqt_in, rqtn),
	EMU_OBJ(QUERY_TIR, query_tir_in, tirn),
	EMU_OBJ(QUERY_TIS, query_tis_in, tisn),
	EMU_OBJ(QUERY_SRQ, query_srq_in, srqn),
	EMU_OBJ(QUERY_DCT, query_dct_in, dctn),
	EMU_OBJ(QUERY_MKEY, query_mkey_in, mkey_index),
};

static const struct emu_object *emu_obj_live(const struct emu_fw *fw,
					     uint16_t opcode, uint32_t num)
{
	size_t i;

	for (i = 0; i < fw->prof->nobjects; i++)
		if (fw->prof->objects[i].opcode == opcode &&
		    fw->prof->objects[i].num == num)
			return &fw->prof->objects[i];
	return NULL;
}

int emu_cmd_query_object(struct emu_cmd *c)
{
	const struct emu_obj_type *t = NULL;
	const struct emu_object *obj;
	uint32_t num;
	size_t i;

	for (i = 0; i < EMU_ARRAY_SIZE(emu_obj_types); i++)
		if (emu_obj_types[i].opcode == c->opcode)
			t = &emu_obj_types[i];
	if (!t) {
		c->syndrome = EMU_SYND_BAD_OPCODE;
		return PRM_STATUS_BAD_OP_ERR;
	}
	num = prm_get(c->in, t->num_off, t->num_bits);
	obj = emu_obj_live(c->fw, c->opcode, num);
	if (!obj) {
		c->syndrome = EMU_SYND_BAD_OBJECT;
		return PRM_STATUS_BAD_RES_ERR;
	}
	for (i = 0; i < obj->nctx; i++)
		prm_set(c->out, obj->ctx[i].off, obj->ctx[i].bits,
			obj->ctx[i].cur);
	return PRM_STATUS_OK;
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
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	st = &fw->ports[0];
	emu_counter_step(fw);
	emu_cnt_fill(fw, c->out, &fw->prof->vport_cnt,
		     st->oper_status == EMU_PORT_UP, st->errors, 0);
	return PRM_STATUS_OK;
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
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	for (i = 0; i < fw->prof->nq_counters; i++)
		live |= fw->prof->q_counters[i] == id;
	if (!live) {
		c->syndrome = EMU_SYND_BAD_COUNTER_SET;
		return PRM_STATUS_BAD_RES_ERR;
	}
	emu_counter_step(fw);
	emu_cnt_fill(fw, c->out, &fw->prof->q_cnt,
		     fw->prof->nports &&
		     fw->ports[0].oper_status == EMU_PORT_UP, errors, 0);
	return PRM_STATUS_OK;
}
