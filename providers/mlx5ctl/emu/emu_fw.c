// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The firmware half of the emulated ConnectX: parses the device spec,
 * holds the per-instance state (UCTXs, port state) and executes commands
 * through one dispatch table.  Status codes are the PRM's; syndromes are
 * the fixed values documented in emu_fw_int.h.
 *
 * The emulator is deterministic: no clocks, no randomness.  Two instances
 * fed the same commands give the same answers byte for byte, which is what
 * makes it usable in CI.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu_fw_int.h"
#include "emu_fw_dump.h"

/*
 * Spec parsing: "PROFILE[,fault=KIND][,fault_opcode=N][,fault_after=N]"
 * plus the degraded states "[,module_temp=C][,portN=STATE]".
 */

static const struct {
	const char *name;
	enum emu_fault fault;
} emu_fault_names[] = {
	{ "none", EMU_FAULT_NONE },
	{ "fw-error", EMU_FAULT_FW_ERROR },
	{ "timeout", EMU_FAULT_TIMEOUT },
	{ "gone", EMU_FAULT_GONE },
	{ "short-output", EMU_FAULT_SHORT_OUTPUT },
};

static void emu_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void emu_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Append S to the string in BUF (LEN bytes), truncating. */
static void emu_append(char *buf, size_t len, const char *s)
{
	size_t n = strnlen(buf, len - 1);
	size_t m = strnlen(s, len - 1 - n);

	memcpy(buf + n, s, m);
	buf[n + m] = 0;
}

/* "connectx7, connectx6dx" for messages. */
static void emu_profile_list(char *buf, size_t len)
{
	size_t i;

	buf[0] = 0;
	for (i = 0; i < emu_profile_count(); i++) {
		if (i)
			emu_append(buf, len, ", ");
		emu_append(buf, len, emu_profile_name(i));
	}
}

static int emu_parse_num(const char *s, unsigned long max, unsigned long *val)
{
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	*val = strtoul(s, &end, 0);
	if (errno || *end || *val > max)
		return -1;
	return 0;
}

/*
 * Degraded states (Documentation/emulator.md):
 *   module_temp=C        every module reads C degrees Celsius
 *   portN=up|down[:REASON]|errors
 * A port "down" stays administratively up with the link down for REASON
 * (default: cable-unplugged), as PDDR's troubleshooting page reports it;
 * "errors" keeps the link up with error counters that grow.
 */
static const struct {
	const char *name;
	uint16_t opcode;
} emu_down_reasons[] = {
	{ "cable-unplugged", EMU_MON_CABLE_UNPLUGGED },
	{ "an-failure", EMU_MON_AN_FAILURE },
	{ "training-failure", EMU_MON_TRAINING_FAILURE },
	{ "remote-fault", EMU_MON_REMOTE_FAULT },
	{ "signal-integrity", EMU_MON_SIGNAL_INTEGRITY },
	{ "unsupported-cable", EMU_MON_UNSUPPORTED_CABLE },
	{ "module-temp", EMU_MON_MODULE_TEMP_SHUTDOWN },
	{ "power-budget", EMU_MON_POWER_BUDGET },
};

/* Hottest and coldest module temperature the spec accepts, in C. */
#define EMU_MODULE_TEMP_MAX 150
#define EMU_MODULE_TEMP_MIN (-40)

static int emu_parse_module_temp(struct emu_degrade *deg, const char *val,
				 char *err, size_t errlen)
{
	char *end;
	long t;

	errno = 0;
	t = strtol(val, &end, 10);
	if (!*val || *end || errno || t < EMU_MODULE_TEMP_MIN ||
	    t > EMU_MODULE_TEMP_MAX) {
		emu_err(err, errlen,
			"module_temp '%s' is not a temperature in %d..%d C", val,
			EMU_MODULE_TEMP_MIN, EMU_MODULE_TEMP_MAX);
		return -1;
	}
	deg->module_temp_set = true;
	deg->module_temp = (int16_t)(t * 8);
	return 0;
}

/* How far past critical a module that shut the link down is: 5 C. */
#define EMU_SHUTDOWN_MARGIN (5 * 8)

static int emu_parse_port(struct emu_degrade *deg, const char *opt,
			  char *val, char *err, size_t errlen)
{
	char *reason = strchr(val, ':');
	unsigned long port;
	size_t i;

	if (emu_parse_num(opt + 4, EMU_MAX_PORTS, &port) || !port) {
		emu_err(err, errlen, "'%s': ports are port1..port%d", opt,
			EMU_MAX_PORTS);
		return -1;
	}
	port--;
	if (reason)
		*reason++ = 0;
	if (!strcmp(val, "up") && !reason) {
		deg->port_down[port] = false;
		deg->port_errors[port] = false;
		return 0;
	}
	if (!strcmp(val, "errors") && !reason) {
		deg->port_errors[port] = true;
		return 0;
	}
	if (strcmp(val, "down")) {
		emu_err(err, errlen,
			"%s=%s: valid states are up, down[:REASON], errors",
			opt, val);
		return -1;
	}
	deg->port_down[port] = true;
	deg->port_reason[port] = EMU_MON_CABLE_UNPLUGGED;
	if (!reason)
		return 0;
	for (i = 0; i < EMU_ARRAY_SIZE(emu_down_reasons); i++) {
		if (!strcmp(reason, emu_down_reasons[i].name)) {
			deg->port_reason[port] = emu_down_reasons[i].opcode;
			return 0;
		}
	}
	emu_err(err, errlen,
		"unknown link-down reason '%s' (valid: cable-unplugged, an-failure, training-failure, remote-fault, signal-integrity, unsupported-cable, module-temp, power-budget)",
		reason);
	return -1;
}

static int emu_parse_option(struct emu_options *opts, struct emu_degrade *deg,
			    char *opt, char *err, size_t errlen)
{
	char *val = strchr(opt, '=');
	unsigned long num;
	size_t i;

	if (val)
		*val++ = 0;
	if (!val && (!strcmp(opt, "fault") || !strcmp(opt, "fault_opcode") ||
		     !strcmp(opt, "fault_after") ||
		     !strcmp(opt, "module_temp") || !strcmp(opt, "state") ||
		     !strcmp(opt, "slot") ||
		     !strncmp(opt, "port", 4))) {
		emu_err(err, errlen, "option '%s' needs a value (%s=...)", opt,
			opt);
		return -1;
	}
	if (!strcmp(opt, "fault") && val) {
		for (i = 0; i < EMU_ARRAY_SIZE(emu_fault_names); i++) {
			if (!strcmp(val, emu_fault_names[i].name)) {
				opts->fault = emu_fault_names[i].fault;
				return 0;
			}
		}
		emu_err(err, errlen,
			"unknown fault '%s' (valid: none, fw-error, timeout, gone, short-output)",
			val);
		return -1;
	}
	if (!strcmp(opt, "fault_opcode") && val) {
		if (emu_parse_num(val, 0xffff, &num)) {
			emu_err(err, errlen,
				"fault_opcode '%s' is not a number in 0..0xffff",
				val);
			return -1;
		}
		opts->fault_opcode = num;
		return 0;
	}
	if (!strcmp(opt, "fault_after") && val) {
		if (emu_parse_num(val, UINT_MAX, &num)) {
			emu_err(err, errlen,
				"fault_after '%s' is not a number in 0..%u", val,
				UINT_MAX);
			return -1;
		}
		opts->fault_after = num;
		return 0;
	}
	if (!strcmp(opt, "slot") && val) {
		if (emu_parse_num(val, EMU_MAX_SLOT, &num)) {
			emu_err(err, errlen,
				"slot '%s' is not a number in 0..%u", val,
				EMU_MAX_SLOT);
			return -1;
		}
		opts->slot = num;
		return 0;
	}
	if (!strcmp(opt, "module_temp"))
		return emu_parse_module_temp(deg, val, err, errlen);
	if (!strcmp(opt, "state") && val && *val) {
		free(deg->state_path);
		deg->state_path = strdup(val);
		if (deg->state_path)
			return 0;
		emu_err(err, errlen, "out of memory");
		return -1;
	}
	if (!strncmp(opt, "port", 4))
		return emu_parse_port(deg, opt, val, err, errlen);
	switch (emu_dump_parse_option(opts, opt, val, err, errlen)) {
	case 1:
		return 0;
	case -1:
		return -1;
	}
	emu_err(err, errlen,
		"unknown option '%s%s' (valid: fault=KIND, fault_opcode=OPCODE, fault_after=N, module_temp=C, portN=STATE, state=FILE, slot=N, rscdump_objs=N, rscdump_size=SIZE, rscdump_seq_skip=N, coredump_size=SIZE)",
		opt, val ? "=..." : "");
	return -1;
}

static int emu_parse_spec(const char *spec, const struct emu_profile **prof,
			  struct emu_options *opts, struct emu_degrade *deg,
			  char *err, size_t errlen)
{
	char names[128];
	char *copy, *tok, *save = NULL;
	int ret = 0;
	size_t i;

	memset(opts, 0, sizeof(*opts));
	memset(deg, 0, sizeof(*deg));
	if (spec && spec[0] == '@') {
		/*
		 * A document: its profile (connectx7 if it has none) holds
		 * the state, its commands, if any, answer as recorded.
		 */
		if (!spec[1] || strlen(spec + 1) >= sizeof(opts->snapshot)) {
			emu_err(err, errlen, "emu:@FILE needs a snapshot file name");
			return EINVAL;
		}
		strcpy(opts->snapshot, spec + 1);
		*prof = emu_profile_load_file(opts->snapshot, err, errlen);
		return *prof ? 0 : errno;
	}
	copy = strdup(spec ? spec : "");
	if (!copy) {
		emu_err(err, errlen, "out of memory");
		return ENOMEM;
	}
	tok = strtok_r(copy, ",", &save);
	*prof = tok ? emu_profile_get(tok, err, errlen) : NULL;
	if (!*prof && err && err[0]) {
		ret = EINVAL;
		goto out;
	}
	if (!*prof) {
		emu_profile_list(names, sizeof(names));
		emu_err(err, errlen, "unknown emulator profile '%s' (valid: %s)",
			tok ? tok : "", names);
		ret = EINVAL;
		goto out;
	}
	while ((tok = strtok_r(NULL, ",", &save))) {
		if (emu_parse_option(opts, deg, tok, err, errlen)) {
			ret = EINVAL;
			goto out;
		}
	}
	for (i = (*prof)->nports; i < EMU_MAX_PORTS; i++) {
		if (deg->port_down[i] || deg->port_errors[i]) {
			emu_err(err, errlen, "port%zu: profile %s has %zu port%s",
				i + 1, (*prof)->id.profile, (*prof)->nports,
				(*prof)->nports == 1 ? "" : "s");
			ret = EINVAL;
			goto out;
		}
	}
out:
	free(copy);
	return ret;
}

static void emu_fw_reset_state(struct emu_fw *fw,
			       const struct emu_degrade *deg)
{
	const struct emu_profile *prof = fw->prof;
	size_t i;

	for (i = 0; i < prof->nports && i < EMU_MAX_PORTS; i++) {
		const struct emu_port *p = &prof->ports[i];
		struct emu_port_state *st = &fw->ports[i];

		st->admin_status = p->admin_status;
		st->oper_status = p->admin_status == EMU_PORT_DOWN ?
					  EMU_PORT_DOWN : EMU_PORT_UP;
		st->admin_mtu = p->admin_mtu;
		st->oper_mtu = p->admin_mtu;
		st->eth_proto_admin = p->eth_proto_admin;
		st->ext_eth_proto_admin = p->ext_eth_proto_admin;
		st->ib_proto_admin = p->ib_proto_admin;
		st->ib_link_width_admin = p->ib_link_width_admin;
		st->errors = deg->port_errors[i];
		if (deg->port_down[i]) {
			st->oper_status = EMU_PORT_DOWN;
			st->down_reason = deg->port_reason[i];
		}
	}
	for (i = 0; i < prof->nsensors && i < EMU_MAX_SENSORS; i++)
		fw->sensor_max[i] = prof->sensors[i].max_temp;
	if (prof->module)
		fw->module_temp = prof->module->temp;
	/* A module-temperature shutdown has a module past its critical mark. */
	for (i = 0; prof->module && i < prof->nports && i < EMU_MAX_PORTS; i++)
		if (deg->port_down[i] &&
		    deg->port_reason[i] == EMU_MON_MODULE_TEMP_SHUTDOWN)
			fw->module_temp = prof->module->temp_crit +
					  EMU_SHUTDOWN_MARGIN;
	if (deg->module_temp_set)
		fw->module_temp = deg->module_temp;
	fw->module_max = fw->module_temp;
}

struct emu_fw *emu_fw_create(const char *spec, char *err, size_t errlen)
{
	const struct emu_profile *prof = NULL;
	struct emu_options opts;
	struct emu_degrade deg;
	struct emu_fw *fw;
	int ret;

	if (err && errlen)
		err[0] = 0;
	ret = emu_parse_spec(spec, &prof, &opts, &deg, err, errlen);
	if (ret) {
		free(deg.state_path);
		errno = ret;
		return NULL;
	}
	fw = calloc(1, sizeof(*fw));
	if (!fw) {
		free(deg.state_path);
		emu_err(err, errlen, "out of memory");
		errno = ENOMEM;
		return NULL;
	}
	pthread_mutex_init(&fw->lock, NULL);
	fw->prof = prof;
	if (opts.snapshot[0])
		fw->own_prof = (struct emu_profile *)prof;
	fw->id = prof->id;
	emu_identity_place(&fw->id, opts.slot);
	fw->opts = opts;
	emu_fw_reset_state(fw, &deg);
	ret = emu_dump_init(fw, err, errlen);
	if (ret) {
		emu_fw_destroy(fw);
		if (err && errlen && !err[0])
			emu_err(err, errlen, "out of memory");
		errno = ret;
		return NULL;
	}
	fw->state_path = deg.state_path;
	if (fw->state_path) {
		ret = emu_fw_state_load(fw, err, errlen);
		if (ret) {
			/* Leave the file as it is: no save on this destroy. */
			free(fw->state_path);
			fw->state_path = NULL;
			emu_fw_destroy(fw);
			errno = ret;
			return NULL;
		}
	}
	return fw;
}

void emu_fw_destroy(struct emu_fw *fw)
{
	if (!fw)
		return;
	if (fw->state_path)
		emu_fw_state_save(fw);
	free(fw->state_path);
	emu_dump_fini(fw);
	free(fw->uctx);
	emu_profile_free(fw->own_prof);
	pthread_mutex_destroy(&fw->lock);
	free(fw);
}

const struct emu_identity *emu_fw_identity(const struct emu_fw *fw)
{
	return &fw->id;
}

const struct emu_options *emu_fw_options(const struct emu_fw *fw)
{
	return &fw->opts;
}

/* Helpers shared with the register files. */

/* ASCII into a fixed PRM byte field: zero padded, not NUL terminated. */
void emu_copy_str(uint8_t *dst, size_t size, const char *src)
{
	size_t len = strnlen(src, size);

	memcpy(dst, src, len);
	memset(dst + len, 0, size - len);
}

bool emu_fw_has_reg(const struct emu_fw *fw, uint16_t id)
{
	size_t i;

	for (i = 0; i < fw->prof->nregs; i++)
		if (fw->prof->regs[i] == id)
			return true;
	return false;
}

const struct emu_port *emu_fw_port(struct emu_fw *fw, uint8_t local_port,
				   struct emu_port_state **state)
{
	size_t i;

	for (i = 0; i < fw->prof->nports && i < EMU_MAX_PORTS; i++) {
		if (fw->prof->ports[i].local_port == local_port) {
			if (state)
				*state = &fw->ports[i];
			return &fw->prof->ports[i];
		}
	}
	return NULL;
}

/* UCTX table: sorted by uid, uids allocated lowest-free-first. */

static struct emu_uctx *emu_uctx_find(struct emu_fw *fw, uint16_t uid)
{
	size_t i;

	for (i = 0; i < fw->nuctx; i++)
		if (fw->uctx[i].uid == uid)
			return &fw->uctx[i];
	return NULL;
}

/* 0 is the kernel's own uid and is always valid. */
static bool emu_uid_valid(struct emu_fw *fw, uint16_t uid)
{
	return !uid || emu_uctx_find(fw, uid);
}

/* Commands */

static int emu_cmd_nop(struct emu_cmd *c)
{
	return PRM_STATUS_OK;
}

static int emu_cmd_query_issi(struct emu_cmd *c)
{
	/* ISSI 1 is what every driver since 2015 selects; 0 stays listed. */
	PRM_SET(query_issi_out, c->out, current_issi, 1);
	PRM_SET(query_issi_out, c->out, supported_issi_dw0, 0x3);
	return PRM_STATUS_OK;
}

static int emu_cmd_query_adapter(struct emu_cmd *c)
{
	const struct emu_profile *prof = c->fw->prof;
	uint8_t *blk = PRM_ADDR(query_adapter_out, c->out, query_adapter_struct);
	uint8_t *psid = PRM_ADDR(query_adapter_param_block, blk, vsd_contd_psid);

	PRM_SET(query_adapter_param_block, blk, ieee_vendor_id,
		prof->ieee_vendor_id);
	PRM_SET(query_adapter_param_block, blk, vsd_vendor_id,
		prof->id.vendor_id);
	emu_copy_str(psid,
		     EMU_FIELD_BYTES(query_adapter_param_block, vsd_contd_psid),
		     prof->psid);
	return PRM_STATUS_OK;
}

static int emu_cmd_create_uctx(struct emu_cmd *c)
{
	struct emu_fw *fw = c->fw;
	const uint8_t *uctx = PRM_ADDR(create_uctx_in, c->in, uctx);
	uint32_t caps = PRM_GET(uctx, uctx, cap);
	struct emu_uctx *tab;
	uint16_t uid = 1;
	size_t i;

	if (caps & ~fw->prof->uctx_caps) {
		c->syndrome = EMU_SYND_BAD_UCTX_CAP;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	if (fw->nuctx >= fw->prof->max_uctx) {
		c->syndrome = EMU_SYND_UCTX_EXHAUSTED;
		return PRM_STATUS_NO_RES_ERR;
	}
	/* The table is sorted, so the first gap is the lowest free uid. */
	for (i = 0; i < fw->nuctx && fw->uctx[i].uid == uid; i++)
		uid++;
	if (uid > 0xfffe) {
		c->syndrome = EMU_SYND_UCTX_EXHAUSTED;
		return PRM_STATUS_NO_RES_ERR;
	}
	tab = realloc(fw->uctx, (fw->nuctx + 1) * sizeof(*tab));
	if (!tab) {
		c->syndrome = EMU_SYND_NO_MEMORY;
		return PRM_STATUS_NO_RES_ERR;
	}
	fw->uctx = tab;
	memmove(&tab[i + 1], &tab[i], (fw->nuctx - i) * sizeof(*tab));
	tab[i].uid = uid;
	tab[i].caps = caps;
	fw->nuctx++;
	PRM_SET(create_uctx_out, c->out, uid, uid);
	return PRM_STATUS_OK;
}

static int emu_cmd_destroy_uctx(struct emu_cmd *c)
{
	struct emu_fw *fw = c->fw;
	uint16_t uid = PRM_GET(destroy_uctx_in, c->in, uid);
	struct emu_uctx *u = uid ? emu_uctx_find(fw, uid) : NULL;
	size_t i;

	if (!u) {
		c->syndrome = EMU_SYND_BAD_UCTX;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	if (emu_uctx_has_umem(fw, uid)) {
		c->syndrome = EMU_SYND_UCTX_HAS_UMEM;
		return PRM_STATUS_BAD_RES_STATE_ERR;
	}
	i = u - fw->uctx;
	memmove(&fw->uctx[i], &fw->uctx[i + 1],
		(fw->nuctx - i - 1) * sizeof(*u));
	fw->nuctx--;
	return PRM_STATUS_OK;
}

/*
 * The dispatch table.  IN and OUT are the sizes of the command's layouts:
 * shorter mailboxes are refused with 0x50/0x51 as firmware does.  MAX_OP_MOD
 * is the highest op_mod the command defines; EMU_OP_MOD_ANY leaves the check
 * to the handler.
 */
#define EMU_OP_MOD_ANY 0xffff

struct emu_cmd_desc {
	uint16_t opcode;
	uint16_t max_op_mod;
	size_t in_size;
	size_t out_size;
	int (*handler)(struct emu_cmd *c);
};

#define EMU_CMD(op, maxmod, layout, fn)                                   \
	{ MLX5_CMD_OP_##op, (maxmod), PRM_SIZE(layout##_in),             \
	  PRM_SIZE(layout##_out), (fn) }

static const struct emu_cmd_desc emu_cmds[] = {
	EMU_CMD(QUERY_HCA_CAP, EMU_OP_MOD_ANY, query_hca_cap, emu_cmd_query_hca_cap),
	EMU_CMD(QUERY_ADAPTER, 0, query_adapter, emu_cmd_query_adapter),
	EMU_CMD(QUERY_ISSI, 0, query_issi, emu_cmd_query_issi),
	EMU_CMD(ACCESS_REG, EMU_ACCESS_REG_READ, access_register, emu_cmd_access_reg),
	EMU_CMD(NOP, 0, nop, emu_cmd_nop),
	EMU_CMD(CREATE_UCTX, 0, create_uctx, emu_cmd_create_uctx),
	EMU_CMD(DESTROY_UCTX, 0, destroy_uctx, emu_cmd_destroy_uctx),
	EMU_CMD(CREATE_UMEM, 0, create_umem, emu_cmd_create_umem),
	EMU_CMD(DESTROY_UMEM, 0, destroy_umem, emu_cmd_destroy_umem),
	EMU_CMD(ALLOC_PD, 0, alloc_pd, emu_cmd_alloc_pd),
	EMU_CMD(DEALLOC_PD, 0, dealloc_pd, emu_cmd_dealloc_pd),
	EMU_CMD(CREATE_MKEY, 0, create_mkey, emu_cmd_create_mkey),
	EMU_CMD(DESTROY_MKEY, 0, destroy_mkey, emu_cmd_destroy_mkey),
	EMU_CMD(QUERY_DIAGNOSTIC_PARAMS, 0, query_diagnostic_params,
		emu_cmd_query_diag_params),
	EMU_CMD(SET_DIAGNOSTIC_PARAMS, 0, set_diagnostic_params,
		emu_cmd_set_diag_params),
	EMU_CMD(QUERY_DIAGNOSTIC_COUNTERS, 0, query_diagnostic_cntrs,
		emu_cmd_query_diag_counters),
	EMU_CMD(QUERY_QP, 0, query_qp, emu_cmd_query_object),
	EMU_CMD(QUERY_CQ, 0, query_cq, emu_cmd_query_object),
	EMU_CMD(QUERY_EQ, 0, query_eq, emu_cmd_query_object),
	EMU_CMD(QUERY_SQ, 0, query_sq, emu_cmd_query_object),
	EMU_CMD(QUERY_RQ, 0, query_rq, emu_cmd_query_object),
	EMU_CMD(QUERY_RQT, 0, query_rqt, emu_cmd_query_object),
	EMU_CMD(QUERY_TIR, 0, query_tir, emu_cmd_query_object),
	EMU_CMD(QUERY_TIS, 0, query_tis, emu_cmd_query_object),
	EMU_CMD(QUERY_SRQ, 0, query_srq, emu_cmd_query_object),
	EMU_CMD(QUERY_DCT, 0, query_dct, emu_cmd_query_object),
	EMU_CMD(QUERY_MKEY, 0, query_mkey, emu_cmd_query_object),
	EMU_CMD(QUERY_VPORT_COUNTER, 0, query_vport_counter,
		emu_cmd_query_vport_counter),
	EMU_CMD(QUERY_Q_COUNTER, 0, query_q_counter, emu_cmd_query_q_counter),
};

static const struct emu_cmd_desc *emu_cmd_find(uint16_t opcode)
{
	size_t i;

	for (i = 0; i < EMU_ARRAY_SIZE(emu_cmds); i++)
		if (emu_cmds[i].opcode == opcode)
			return &emu_cmds[i];
	return NULL;
}

/*
 * Does an injected firmware error hit this command?  Firmware decides only
 * fw-error; timeout, gone and short-output happen in the kernel half, which
 * is where a real system would see them.
 *
 * Faults hit commands of user contexts (uid != 0), i.e. the RPCs of tools.
 * The kernel's own commands are spared: those with uid 0 (its
 * QUERY_HCA_CAP for the UCTX caps, CREATE_UCTX, DESTROY_UCTX) and those it
 * issues under a context's uid through emu_fw_exec_kernel() (the UMEM,
 * PD and mkey of a UMEM registration), so opening the device and
 * registering memory still work and fault_after counts exactly the RPCs
 * the kernel counts, whatever the fault.
 */
static bool emu_fault_due(struct emu_fw *fw, const struct emu_cmd *c)
{
	const struct emu_options *o = &fw->opts;
	uint16_t opcode = c->opcode;

	if (o->fault != EMU_FAULT_FW_ERROR || !c->uid || c->kernel)
		return false;
	if (fw->nrpcs <= o->fault_after)
		return false;
	return !o->fault_opcode || o->fault_opcode == opcode;
}

/* Validate and run one command; returns a status, c->syndrome set. */
static int emu_cmd_run(struct emu_cmd *c)
{
	const struct emu_cmd_desc *d = emu_cmd_find(c->opcode);
	int status;

	c->fw->cur_uid = c->uid;
	if (c->uid && !c->kernel)
		c->fw->nrpcs++;
	/* An internal error preempts every other check, as on hardware. */
	if (emu_fault_due(c->fw, c)) {
		c->syndrome = EMU_SYND_FAULT_INJECTED;
		return PRM_STATUS_INT_ERR;
	}
	if (!d) {
		c->syndrome = EMU_SYND_BAD_OPCODE;
		return PRM_STATUS_BAD_OP_ERR;
	}
	if (!emu_uid_valid(c->fw, c->uid)) {
		c->syndrome = EMU_SYND_BAD_UID;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	if (emu_snap_exec(c, &status))
		return status;
	if (c->inlen < d->in_size) {
		c->syndrome = EMU_SYND_BAD_INLEN;
		return PRM_STATUS_BAD_INP_LEN_ERR;
	}
	if (c->outlen < d->out_size) {
		c->syndrome = EMU_SYND_BAD_OUTLEN;
		return PRM_STATUS_BAD_OUTP_LEN_ERR;
	}
	if (d->max_op_mod != EMU_OP_MOD_ANY && c->op_mod > d->max_op_mod) {
		c->syndrome = EMU_SYND_BAD_OP_MOD;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	c->out_size = d->out_size;
	memset(c->out, 0, c->out_size);
	return d->handler(c);
}

static bool emu_overlap(const void *a, size_t alen, const void *b, size_t blen)
{
	uintptr_t pa = (uintptr_t)a, pb = (uintptr_t)b;

	return pa < pb + blen && pb < pa + alen;
}

static size_t fw_exec(struct emu_fw *fw, const void *in, size_t inlen,
		      void *out, size_t outlen, bool kernel)
{
	uint8_t hdr[PRM_SIZE(mbox_out)];
	struct emu_cmd c = {
		.fw = fw,
		.in = in,
		.inlen = inlen,
		.out = out,
		.outlen = outlen,
		.kernel = kernel,
	};
	void *copy = NULL;
	size_t n;
	int status;

	if (!fw || !out || !outlen || (!in && inlen))
		return 0;
	pthread_mutex_lock(&fw->lock);
	fw->ncmds++;
	/* Hardware mailboxes are separate; keep the inbox intact for handlers. */
	if (inlen && emu_overlap(in, inlen, out, outlen)) {
		copy = malloc(inlen);
		c.in = copy ? memcpy(copy, in, inlen) : NULL;
	}
	if (inlen && !c.in) {
		c.syndrome = EMU_SYND_NO_MEMORY;
		status = PRM_STATUS_INT_ERR;
	} else if (inlen < PRM_SIZE(mbox_in)) {
		/* Not even a header to take the opcode from. */
		c.syndrome = EMU_SYND_BAD_INLEN;
		status = PRM_STATUS_BAD_INP_LEN_ERR;
	} else {
		c.opcode = PRM_GET(mbox_in, c.in, opcode);
		c.uid = PRM_GET(mbox_in, c.in, uid);
		c.op_mod = PRM_GET(mbox_in, c.in, op_mod);
		status = emu_cmd_run(&c);
	}
	pthread_mutex_unlock(&fw->lock);
	free(copy);

	if (status == PRM_STATUS_OK) {
		PRM_SET(mbox_out, out, status, 0);
		PRM_SET(mbox_out, out, syndrome, 0);
		return c.out_size;
	}

	/* A failed command returns the header only. */
	memset(hdr, 0, sizeof(hdr));
	PRM_SET(mbox_out, hdr, status, status);
	PRM_SET(mbox_out, hdr, syndrome, c.syndrome);
	n = outlen < sizeof(hdr) ? outlen : sizeof(hdr);
	memcpy(out, hdr, n);
	return n;
}

size_t emu_fw_exec(struct emu_fw *fw, const void *in, size_t inlen, void *out,
		   size_t outlen)
{
	return fw_exec(fw, in, inlen, out, outlen, false);
}

size_t emu_fw_exec_kernel(struct emu_fw *fw, const void *in, size_t inlen,
			  void *out, size_t outlen)
{
	return fw_exec(fw, in, inlen, out, outlen, true);
}
