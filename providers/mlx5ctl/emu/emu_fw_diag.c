// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Diagnostic counters: QUERY_DIAGNOSTIC_PARAMS, SET_DIAGNOSTIC_PARAMS and
 * QUERY_DIAGNOSTIC_COUNTERS against the counters the debug capability
 * page lists.
 *
 * The device powers on sampling every counter it has, repetitively, at
 * the shortest period: what a monitoring tool leaves behind, and what
 * lets "diagcnt dump" work on a fresh emulator.  Each QUERY is one more
 * sample period: sample_id and the values move on, deterministically
 * (no clock), so two runs give the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "emu_fw_dump.h"

/* A value of the profile's debug capability page (current mode). */
static uint64_t emu_debug_cap(const struct emu_fw *fw, uint32_t off,
			      uint32_t bits)
{
	size_t i, j;

	for (i = 0; i < fw->prof->ncaps; i++) {
		const struct emu_cap_page *p = &fw->prof->caps[i];

		if (p->type != PRM_CAP_debug)
			continue;
		for (j = 0; j < p->nvals; j++)
			if (p->vals[j].off == off && p->vals[j].bits == bits)
				return p->vals[j].cur;
	}
	return 0;
}

#define DEBUG_CAP(fw, f) \
	emu_debug_cap(fw, PRM_OFF(debug_cap, f), PRM_BITS(debug_cap, f))

/* The Ith counter the device lists, or 0 past the end. */
static uint16_t emu_diag_cap_id(const struct emu_fw *fw, unsigned int i)
{
	if (i >= EMU_FIELD_BYTES(debug_cap, diagnostic_counter) /
			 PRM_SIZE(diagnostic_cntr_layout))
		return 0;
	return emu_debug_cap(fw, PRM_OFF(debug_cap, diagnostic_counter) +
				     i * PRM_SIZE_diagnostic_cntr_layout +
				     PRM_OFF(diagnostic_cntr_layout, counter_id),
			     PRM_BITS(diagnostic_cntr_layout, counter_id));
}

static bool emu_diag_cap_has(const struct emu_fw *fw, uint16_t id)
{
	unsigned int i;
	uint16_t c;

	for (i = 0; (c = emu_diag_cap_id(fw, i)); i++)
		if (c == id)
			return true;
	return false;
}

static int emu_diag_power_on(struct emu_fw *fw)
{
	struct emu_diag *g = &fw->dump->diag;
	unsigned int n = 0;

	while (emu_diag_cap_id(fw, n))
		n++;
	g->ids = calloc(n ? n : 1, sizeof(*g->ids));
	if (!g->ids)
		return -1;
	for (g->nids = 0; g->nids < n; g->nids++)
		g->ids[g->nids] = emu_diag_cap_id(fw, g->nids);
	memset(g->ctx, 0, sizeof(g->ctx));
	PRM_SET(diagnostic_params_context, g->ctx, num_of_counters, n);
	PRM_SET(diagnostic_params_context, g->ctx, log_num_of_samples,
		DEBUG_CAP(fw, log_max_samples));
	PRM_SET(diagnostic_params_context, g->ctx, repetitive, 1);
	PRM_SET(diagnostic_params_context, g->ctx, enable, n != 0);
	PRM_SET(diagnostic_params_context, g->ctx, log_sample_period,
		DEBUG_CAP(fw, log_min_sample_period));
	return 0;
}

int emu_diag_init(struct emu_fw *fw)
{
	return emu_diag_power_on(fw);
}

int emu_cmd_query_diag_params(struct emu_cmd *c)
{
	const struct emu_diag *g = &c->fw->dump->diag;
	size_t need = PRM_SIZE(query_diagnostic_params_out) +
		      g->nids * PRM_SIZE(counter_id);
	uint8_t *list = c->out + PRM_SIZE(query_diagnostic_params_out);
	unsigned int i;

	if (c->outlen < need) {
		c->syndrome = EMU_SYND_BAD_OUTLEN;
		return PRM_STATUS_BAD_OUTP_LEN_ERR;
	}
	memcpy(PRM_ADDR(query_diagnostic_params_out, c->out,
			diagnostic_params_context),
	       g->ctx, sizeof(g->ctx));
	memset(list, 0, g->nids * PRM_SIZE(counter_id));
	for (i = 0; i < g->nids; i++)
		PRM_SET(counter_id, list + i * PRM_SIZE(counter_id), counter_id,
			g->ids[i]);
	c->out_size = need;
	return PRM_STATUS_OK;
}

/* The PRM's rules for a context that enables sampling. */
static bool emu_diag_ctx_valid(const struct emu_fw *fw, const uint8_t *ctx)
{
	bool single = PRM_GET(diagnostic_params_context, ctx, single);
	bool rep = PRM_GET(diagnostic_params_context, ctx, repetitive);
	bool on_demand = PRM_GET(diagnostic_params_context, ctx, on_demand);
	bool sync = PRM_GET(diagnostic_params_context, ctx, sync);
	bool clear = PRM_GET(diagnostic_params_context, ctx, clear);

	if (single == rep)		/* exactly one sampling mode */
		return false;
	if ((single && !DEBUG_CAP(fw, single)) ||
	    (rep && !DEBUG_CAP(fw, repetitive)))
		return false;
	if (on_demand && (rep || sync || clear))
		return false;
	if (clear && !sync)
		return false;
	if (PRM_GET(diagnostic_params_context, ctx, log_num_of_samples) >
	    DEBUG_CAP(fw, log_max_samples))
		return false;
	return PRM_GET(diagnostic_params_context, ctx, log_sample_period) >=
	       DEBUG_CAP(fw, log_min_sample_period);
}

int emu_cmd_set_diag_params(struct emu_cmd *c)
{
	const uint8_t *ctx = PRM_ADDR(set_diagnostic_params_in, c->in,
				      diagnostic_params_context);
	const uint8_t *list = c->in + PRM_SIZE(set_diagnostic_params_in);
	struct emu_diag *g = &c->fw->dump->diag;
	unsigned int n, i;
	uint16_t *ids;

	n = PRM_GET(diagnostic_params_context, ctx, num_of_counters);
	if (c->inlen < PRM_SIZE(set_diagnostic_params_in) +
			       n * PRM_SIZE(counter_id)) {
		c->syndrome = EMU_SYND_BAD_INLEN;
		return PRM_STATUS_BAD_INP_LEN_ERR;
	}
	if (!PRM_GET(diagnostic_params_context, ctx, enable)) {
		/* Disabling stops sampling; the counter list goes with it. */
		memset(g->ctx, 0, sizeof(g->ctx));
		g->nids = 0;
		g->queries = 0;
		return PRM_STATUS_OK;
	}
	if (!n || n > DEBUG_CAP_MAX_COUNTERS || !emu_diag_ctx_valid(c->fw, ctx)) {
		c->syndrome = EMU_SYND_BAD_DIAG_PARAMS;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	for (i = 0; i < n; i++) {
		uint16_t id = PRM_GET(counter_id, list + i * PRM_SIZE(counter_id),
				      counter_id);

		if (!emu_diag_cap_has(c->fw, id)) {
			c->syndrome = EMU_SYND_BAD_DIAG_COUNTER;
			return PRM_STATUS_BAD_PARAM_ERR;
		}
	}
	ids = realloc(g->ids, n * sizeof(*ids));
	if (!ids) {
		c->syndrome = EMU_SYND_NO_MEMORY;
		return PRM_STATUS_NO_RES_ERR;
	}
	g->ids = ids;
	for (i = 0; i < n; i++)
		ids[i] = PRM_GET(counter_id, list + i * PRM_SIZE(counter_id),
				 counter_id);
	g->nids = n;
	g->queries = 0;
	memcpy(g->ctx, ctx, sizeof(g->ctx));
	return PRM_STATUS_OK;
}

/* Events per sample period of counter ID: a fixed rate per counter. */
static uint64_t emu_diag_rate(uint16_t id)
{
	return (uint64_t)(id & 0xff) * 977 + (id >> 8) * 131 + 1;
}

int emu_cmd_query_diag_counters(struct emu_cmd *c)
{
	struct emu_diag *g = &c->fw->dump->diag;
	unsigned int want = PRM_GET(query_diagnostic_cntrs_in, c->in,
				    num_of_samples);
	unsigned int first = PRM_GET(query_diagnostic_cntrs_in, c->in,
				     sample_index);
	unsigned int log_period = PRM_GET(diagnostic_params_context, g->ctx,
					  log_sample_period);
	bool clear = PRM_GET(diagnostic_params_context, g->ctx, clear);
	size_t need = PRM_SIZE(query_diagnostic_cntrs_out) +
		      (size_t)want * PRM_SIZE(diagnostic_cntr_struct);
	uint8_t *e;
	unsigned int i;

	if (!PRM_GET(diagnostic_params_context, g->ctx, enable) || !g->nids) {
		c->syndrome = EMU_SYND_DIAG_DISABLED;
		return PRM_STATUS_BAD_SYS_STATE_ERR;
	}
	if (c->outlen < need) {
		c->syndrome = EMU_SYND_BAD_OUTLEN;
		return PRM_STATUS_BAD_OUTP_LEN_ERR;
	}
	g->queries++;
	e = c->out + PRM_SIZE(query_diagnostic_cntrs_out);
	memset(e, 0, need - PRM_SIZE(query_diagnostic_cntrs_out));
	/*
	 * The buffer holds one entry per counter per sample; this device
	 * has taken g->queries samples of each, the latest last.
	 */
	for (i = 0; i < want; i++, e += PRM_SIZE(diagnostic_cntr_struct)) {
		unsigned int idx = first + i;
		uint16_t id = g->ids[idx % g->nids];
		uint64_t sample = g->queries - 1 + idx / g->nids;
		uint64_t val = emu_diag_rate(id) * (clear ? 1 : sample + 1);

		PRM_SET(diagnostic_cntr_struct, e, counter_id, id);
		PRM_SET(diagnostic_cntr_struct, e, sample_id, sample & 0xffff);
		PRM_SET(diagnostic_cntr_struct, e, time_stamp_31_0,
			(sample << log_period) & 0xffffffff);
		PRM_SET(diagnostic_cntr_struct, e, counter_value_h, val >> 32);
		PRM_SET(diagnostic_cntr_struct, e, counter_value_l,
			val & 0xffffffff);
	}
	c->out_size = need;
	return PRM_STATUS_OK;
}
