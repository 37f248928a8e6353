// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl [-d DEV]... health: one screen an operator (or a monitoring
 * system) reads first - firmware identity, temperatures against their
 * thresholds, and per port the link state, speed, width, link-down reason,
 * module and non-zero error counters - as a monitoring plugin: the first
 * line is "MLX5CTL STATE - summary | perfdata", the details follow, and
 * the exit code is 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (a device that
 * cannot be read, and misuse).  Several -d, or none (every device found),
 * give the worst verdict of them all.
 *
 * Thresholds are the device's own: MTMP's temp_threshold_hi is the
 * critical level (Linux's mlx5 hwmon exports it as temp_crit) and
 * temp_threshold_lo, where firmware re-arms the event, the warning level.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "print.h"
#include "prm.h"

static const char health_usage[] =
	"Usage: mlx5ctl [OPTIONS] [-d DEV]... health\n"
	"  Firmware, temperatures, and per port: link state, speed, width,\n"
	"  link-down reason, module and non-zero error counters.  A monitoring\n"
	"  plugin: the first line is \"MLX5CTL STATE - summary | perfdata\",\n"
	"  the exit code 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also for\n"
	"  misuse).  Several -d, or none for every device, give the worst.\n";

/* Ordered by how much they weigh in the verdict, not by exit code. */
enum sev {
	SEV_OK,
	SEV_UNKNOWN,
	SEV_WARNING,
	SEV_CRITICAL,
};

static const struct {
	const char *name;
	int exit_code;
} sev_info[] = {
	[SEV_OK] = { "OK", 0 },
	[SEV_UNKNOWN] = { "UNKNOWN", 3 },
	[SEV_WARNING] = { "WARNING", 1 },
	[SEV_CRITICAL] = { "CRITICAL", 2 },
};

#define HEALTH_MAX_PROBLEMS 32
#define HEALTH_PERF_MAX 4096
#define HEALTH_MAX_PORTS 8

struct health {
	struct cli *cli;
	enum sev verdict;
	unsigned int nproblems;
	char problems[HEALTH_MAX_PROBLEMS][128];
	unsigned int ports_up, ports;
	unsigned int port_type;		/* QUERY_HCA_CAP: 0 IB, 1 Ethernet */
	const char *cli_name;		/* the device, as named */
	const char *prefix;		/* of perfdata labels: "" or "DEV_" */
	char label[80];			/* the prefix, with several devices */
	char perf[HEALTH_PERF_MAX];	/* 'label'=value;warn;crit ... */
	size_t perflen;
};

/* One perfdata item, as the Monitoring Plugins guidelines spell them. */
static void perf(struct health *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void perf(struct health *h, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (h->perflen >= sizeof(h->perf) - 1)
		return;
	n = snprintf(h->perf + h->perflen, sizeof(h->perf) - h->perflen,
		     "%s'%s", h->perflen ? " " : "", h->prefix);
	if (n > 0)
		h->perflen += n;
	va_start(ap, fmt);
	n = vsnprintf(h->perf + h->perflen, sizeof(h->perf) - h->perflen, fmt,
		      ap);
	va_end(ap);
	if (n > 0)
		h->perflen += n;
	if (h->perflen >= sizeof(h->perf))
		h->perflen = sizeof(h->perf) - 1;
}

static void problem(struct health *h, enum sev s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct health *h, enum sev s, const char *fmt, ...)
{
	va_list ap;

	if (s > h->verdict)
		h->verdict = s;
	if (h->nproblems >= HEALTH_MAX_PROBLEMS)
		return;
	va_start(ap, fmt);
	vsnprintf(h->problems[h->nproblems++], sizeof(h->problems[0]), fmt, ap);
	va_end(ap);
}

/* Register ids from the catalogue, so no number is written twice. */
static int reg_read(struct health *h, const char *name, void *data,
		    size_t len)
{
	return diag_reg_read_name(h->cli, name, data, len);
}

/* A register read whose failure makes the verdict at least UNKNOWN. */
static bool read_reg(struct health *h, const char *name, const char *what,
		     void *data, size_t len)
{
	int err = reg_read(h, name, data, len);

	if (!err)
		return true;
	if (err == EREMOTEIO)
		problem(h, SEV_UNKNOWN, "%s: firmware error (status %#x)", what,
			mlx5ctl_cmd_status(data));
	else if (err)
		problem(h, SEV_UNKNOWN, "%s: %s", what,
			report_reason(h->cli->devname, err));
	return false;
}

/* Firmware identity (MGIR). */

static void firmware(struct health *h)
{
	uint8_t mgir[PRM_SIZE(mgir_reg)] = {};
	char ver[48], psid[PRM_BITS(mgir_reg, psid) * PRM_COUNT(mgir_reg, psid) / 8 + 1];
	size_t n = PRM_BITS(mgir_reg, psid) * PRM_COUNT(mgir_reg, psid) / 8;

	if (!read_reg(h, "MGIR", "MGIR", mgir, sizeof(mgir)))
		return;
	snprintf(ver, sizeof(ver), "%" PRIu64 ".%" PRIu64 ".%04" PRIu64,
		 PRM_GET(mgir_reg, mgir, extended_major),
		 PRM_GET(mgir_reg, mgir, extended_minor),
		 PRM_GET(mgir_reg, mgir, extended_sub_minor));
	memcpy(psid, PRM_ADDR(mgir_reg, mgir, psid), n);
	psid[n] = 0;
	while (n && (psid[n - 1] == ' ' || !psid[n - 1]))
		psid[--n] = 0;
	print_text("%-10s %s (PSID %s)\n", "firmware", ver, psid);
	print_open_object("firmware");
	print_string("version", NULL, ver);
	print_string("psid", NULL, psid);
	print_close_object();
}

/* Temperatures against their thresholds, as verdicts. */
struct temp {
	double now, warn, crit;
	enum sev sev;
};

static void temp_eval(const uint8_t *mtmp, struct temp *t)
{
	static const enum sev level_sev[] = {
		[DIAG_LEVEL_OK] = SEV_OK,
		[DIAG_LEVEL_WARNING] = SEV_WARNING,
		[DIAG_LEVEL_CRITICAL] = SEV_CRITICAL,
	};
	struct diag_temp d;

	diag_temp_eval(mtmp, &d);
	t->now = d.now;
	t->warn = d.warn;
	t->crit = d.crit;
	t->sev = level_sev[d.level];
}

static void temp_print(const char *label, const struct temp *t)
{
	print_text("  %-8s %5.1f C (warn %.1f C, crit %.1f C) %s\n", label,
		   t->now, t->warn, t->crit, sev_info[t->sev].name);
	print_double("temperature_celsius", NULL, t->now);
	print_double("warning_celsius", NULL, t->warn);
	print_double("critical_celsius", NULL, t->crit);
	print_string("state", NULL, sev_info[t->sev].name);
}

static void sensor_name(const uint8_t *mtmp, char *buf)
{
	uint64_t v = PRM_GET(mtmp_reg, mtmp, sensor_name_hi) << 32 |
		     PRM_GET(mtmp_reg, mtmp, sensor_name_lo);
	int i, n = 0;

	for (i = 7; i >= 0; i--) {
		char c = (char)(v >> (8 * i));

		if (!c)
			break;
		buf[n++] = c >= 0x20 && c < 0x7f ? c : '.';
	}
	buf[n] = 0;
}

static void sensors(struct health *h)
{
	uint8_t mtcap[PRM_SIZE(mtcap_reg)] = {};
	uint64_t map;
	unsigned int i;

	if (!read_reg(h, "MTCAP", "MTCAP", mtcap, sizeof(mtcap)))
		return;
	map = PRM_GET(mtcap_reg, mtcap, sensor_map);
	print_text("sensors:\n");
	print_open_array("sensors");
	for (i = 0; i < 64; i++) {
		uint8_t mtmp[PRM_SIZE(mtmp_reg)] = {};
		char name[9], what[32];
		struct temp t;

		if (!(map & (1ull << i)))
			continue;
		PRM_SET(mtmp_reg, mtmp, sensor_index, i);
		snprintf(what, sizeof(what), "MTMP sensor %u", i);
		if (!read_reg(h, "MTMP", what, mtmp, sizeof(mtmp)))
			continue;
		sensor_name(mtmp, name);
		if (!name[0])
			snprintf(name, sizeof(name), "sensor%u", i);
		temp_eval(mtmp, &t);
		print_open_object(NULL);
		print_uint("index", NULL, i);
		print_string("name", NULL, name);
		temp_print(name, &t);
		print_close_object();
		perf(h, "%s_celsius'=%.1f;%.1f;%.1f", name, t.now, t.warn, t.crit);
		if (t.sev != SEV_OK)
			problem(h, t.sev, "%s at %.1f C", name, t.now);
	}
	print_close_array();
}

/* Ports */

/*
 * The error counters health looks at, per PPCNT group and port_type (the
 * protocol whose groups they are): what a flapping or dirty link raises.
 * A name ending in '*' matches per-lane counters.
 */
#define HEALTH_ANY_PORT_TYPE 0xff

static const struct {
	uint8_t grp;
	uint8_t port_type;
	const char *layout;
	const char *names[8];
} error_groups[] = {
	{ 0x0, 1, "eth_802_3_cntrs_grp_data_layout",
	  { "a_frame_check_sequence_errors", "a_alignment_errors",
	    "a_in_range_length_errors", "a_out_of_range_length_field",
	    "a_frame_too_long_errors", "a_symbol_error_during_carrier" } },
	{ 0x1, 1, "eth_2863_cntrs_grp_data_layout",
	  { "if_in_errors", "if_out_errors" } },
	/* IBTA PortCounters. */
	{ 0x20, 0, "ib_port_cntrs_grp_data_layout",
	  { "symbol_error_counter", "link_error_recovery_counter",
	    "link_downed_counter", "port_rcv_errors",
	    "port_rcv_remote_physical_errors", "port_xmit_discards",
	    "link_overrun_errors", "vl_15_dropped" } },
	{ 0x12, HEALTH_ANY_PORT_TYPE, "phys_layer_cntrs",
	  { "symbol_errors", "rs_fec_uncorrectable_blocks",
	    "fc_fec_uncorrectable_blocks_lane*", "link_down_events" } },
};

struct errscan {
	const char *const *names;
	unsigned int found;
	uint64_t sum;
};

static bool error_name(const char *const *names, const char *name)
{
	size_t i, n;

	for (i = 0; i < 8 && names[i]; i++) {
		n = strlen(names[i]);
		if (names[i][n - 1] == '*' ? !strncmp(names[i], name, n - 1) :
					     !strcmp(names[i], name))
			return true;
	}
	return false;
}

static void error_counter(void *ctx, const char *name, uint64_t val)
{
	struct errscan *e = ctx;

	if (!val || !error_name(e->names, name))
		return;
	e->sum += val;
	if (!e->found++)
		print_text("  %-8s", "errors");
	print_text(" %s=%" PRIu64, name, val);
	print_uint(name, NULL, val);
}

static void port_errors(struct health *h, uint8_t port)
{
	struct errscan e = { 0 };
	size_t i;

	print_open_object("errors");
	for (i = 0; i < ARRAY_SIZE(error_groups); i++) {
		uint8_t ppcnt[PRM_SIZE(ppcnt_reg)] = {};
		const struct prm_struct *s = prm_struct_find(error_groups[i].layout);
		char what[32];

		if (!s || (error_groups[i].port_type != h->port_type &&
			   error_groups[i].port_type != HEALTH_ANY_PORT_TYPE))
			continue;
		PRM_SET(ppcnt_reg, ppcnt, local_port, port);
		PRM_SET(ppcnt_reg, ppcnt, grp, error_groups[i].grp);
		snprintf(what, sizeof(what), "PPCNT grp %#x", error_groups[i].grp);
		if (!read_reg(h, "PPCNT", what, ppcnt, sizeof(ppcnt)))
			continue;
		e.names = error_groups[i].names;
		diag_counters(s, PRM_ADDR(ppcnt_reg, ppcnt, counter_set),
			      PRM_SIZE(ppcnt_reg) - PRM_OFF(ppcnt_reg, counter_set) / 8,
			      NULL, error_counter, &e);
	}
	print_close_object();
	if (e.found)
		print_text("\n");
	else
		print_text("  %-8s none\n", "errors");
	perf(h, "port%u_errors'=%" PRIu64 "c", port, e.sum);
	if (e.found)
		problem(h, SEV_WARNING, "port %u: %u error counters non-zero",
			port, e.found);
}

static void port_module(struct health *h, uint8_t port, unsigned int module)
{
	uint8_t mcia[PRM_SIZE(mcia_reg)] = {};
	uint8_t mtmp[PRM_SIZE(mtmp_reg)] = {};
	const char *type;
	struct temp t;
	uint8_t id;
	int err;

	print_open_object("module");
	print_uint("number", NULL, module);
	PRM_SET(mcia_reg, mcia, module, module);
	PRM_SET(mcia_reg, mcia, i2c_device_address, DIAG_MCIA_I2C_ADDR);
	PRM_SET(mcia_reg, mcia, size, 1);
	err = reg_read(h, "MCIA", mcia, sizeof(mcia));
	/* Not asked at all (refused, not recorded): nothing to infer. */
	if (err && err != EREMOTEIO) {
		problem(h, SEV_UNKNOWN, "module %u: %s", module,
			report_reason(h->cli->devname, err));
		print_text("  %-8s %u: not read\n", "module", module);
		print_close_object();
		return;
	}
	if (err || PRM_GET(mcia_reg, mcia, status)) {
		/* No EEPROM to read: unplugged, or a module in trouble. */
		print_text("  %-8s %u: not readable (absent?)\n", "module", module);
		print_bool("present", NULL, false);
		print_close_object();
		return;
	}
	id = *(uint8_t *)PRM_ADDR(mcia_reg, mcia, dwords);
	type = diag_sff8024_name(id);
	print_bool("present", NULL, true);
	print_hex("identifier", NULL, id);
	print_string("type", NULL, type ? type : "unknown");
	PRM_SET(mtmp_reg, mtmp, sensor_index, DIAG_MODULE_SENSOR_BASE + module);
	if (reg_read(h, "MTMP", mtmp, sizeof(mtmp)) ||
	    !PRM_GET(mtmp_reg, mtmp, temperature)) {
		/* Passive copper has no sensor: MTMP reads 0. */
		print_text("  %-8s %u: %s, no temperature sensor\n", "module",
			   module, type ? type : "unknown");
		print_close_object();
		return;
	}
	temp_eval(mtmp, &t);
	print_text("  %-8s %u: %s, ", "module", module, type ? type : "unknown");
	print_text("%.1f C (warn %.1f C, crit %.1f C) %s\n", t.now, t.warn,
		   t.crit, sev_info[t.sev].name);
	print_double("temperature_celsius", NULL, t.now);
	print_double("warning_celsius", NULL, t.warn);
	print_double("critical_celsius", NULL, t.crit);
	print_string("state", NULL, sev_info[t.sev].name);
	print_close_object();
	perf(h, "port%u_module_celsius'=%.1f;%.1f;%.1f", port, t.now, t.warn,
	     t.crit);
	if (t.sev != SEV_OK)
		problem(h, t.sev, "port %u module at %.1f C", port, t.now);
}

/* Why the link is down, from PDDR's troubleshooting page. */
static void port_down_reason(struct health *h, uint8_t port, char *buf,
			     size_t len)
{
	uint8_t pddr[PRM_SIZE(pddr_reg)] = {};
	const char *msg;
	uint16_t op;

	snprintf(buf, len, "reason unknown");
	PRM_SET(pddr_reg, pddr, local_port, port);
	PRM_SET(pddr_reg, pddr, page_select, 1);
	if (!read_reg(h, "PDDR", "PDDR troubleshooting page", pddr, sizeof(pddr)))
		return;
	op = diag_pddr_monitor_opcode(pddr);
	msg = diag_monitor_msg(op);
	snprintf(buf, len, "%s", msg ? msg : "not in the PRM's table");
	print_text("  %-8s %s (monitor opcode %u)\n", "reason", buf, op);
	print_open_object("link_down_reason");
	print_uint("monitor_opcode", NULL, op);
	print_string("message", NULL, buf);
	print_close_object();
}

static void port(struct health *h, uint8_t port)
{
	uint8_t paos[PRM_SIZE(paos_reg)] = {};
	uint8_t ptys[PRM_SIZE(ptys_reg)] = {};
	uint8_t pmlp[PRM_SIZE(pmlp_reg)] = {};
	unsigned int admin, oper, lanes = 0, module = port - 1;
	char reason[128];
	double gbps = 0;
	bool speed = false;

	print_open_object(NULL);
	print_uint("port", NULL, port);
	PRM_SET(paos_reg, paos, local_port, port);
	if (!read_reg(h, "PAOS", "PAOS", paos, sizeof(paos))) {
		print_close_object();
		return;
	}
	admin = PRM_GET(paos_reg, paos, admin_status);
	oper = PRM_GET(paos_reg, paos, oper_status);
	PRM_SET(ptys_reg, ptys, local_port, port);
	/* proto_mask: 0x1 InfiniBand, 0x4 Ethernet (PRM PTYS). */
	PRM_SET(ptys_reg, ptys, proto_mask, h->port_type ? 0x4 : 0x1);
	/* PTYS reports the rate in units of 100 Mb/s. */
	speed = read_reg(h, "PTYS", "PTYS", ptys, sizeof(ptys));
	if (speed)
		gbps = PRM_GET(ptys_reg, ptys, data_rate_oper) / 10.0;
	PRM_SET(pmlp_reg, pmlp, local_port, port);
	if (!reg_read(h, "PMLP", pmlp, sizeof(pmlp))) {
		lanes = PRM_GET(pmlp_reg, pmlp, width);
		module = diag_pmlp_module(pmlp);
	}
	print_text("port %u     %s (admin %s)", port,
		   diag_enum_name("PAOS", "oper_status", oper),
		   diag_enum_name("PAOS", "admin_status", admin));
	if (oper == 1 && speed)
		print_text(", %g Gb/s, %u lanes", gbps, lanes);
	else if (oper == 1)
		print_text(", speed unknown, %u lanes", lanes);
	print_text("\n");
	print_string("admin_status", NULL,
		     diag_enum_name("PAOS", "admin_status", admin));
	print_string("oper_status", NULL,
		     diag_enum_name("PAOS", "oper_status", oper));
	/* Unknown is not 0: no key in JSON, "U" in perfdata (the guidelines'). */
	if (speed)
		print_double("speed_gbps", NULL, oper == 1 ? gbps : 0);
	print_uint("lanes", NULL, lanes);
	if (speed)
		perf(h, "port%u_speed_gbps'=%g", port, oper == 1 ? gbps : 0);
	else
		perf(h, "port%u_speed_gbps'=U", port);
	h->ports++;
	/* A link that is up runs at a speed: 0 is an answer nobody can judge. */
	if (oper == 1 && speed && !gbps)
		problem(h, SEV_UNKNOWN, "port %u: up at 0 Gb/s (PTYS)", port);
	if (oper == 1) {
		h->ports_up++;
	} else if (admin == 2) {
		problem(h, SEV_WARNING, "port %u disabled by admin", port);
	} else {
		port_down_reason(h, port, reason, sizeof(reason));
		problem(h, SEV_CRITICAL, "port %u down: %s", port, reason);
	}
	port_module(h, port, module);
	port_errors(h, port);
	print_close_object();
}

static unsigned int num_ports(struct health *h)
{
	uint8_t cap[MLX5CTL_HCA_CAP_SIZE] = {};
	unsigned int n;

	if (diag_num_ports(h->cli, cap, &n, &h->port_type)) {
		h->port_type = 1;	/* read the ports as Ethernet ones */
		problem(h, SEV_UNKNOWN, "QUERY_HCA_CAP: port count unknown");
		return 1;
	}
	/* Every adapter has a port: none is an answer nobody can judge. */
	if (!n)
		problem(h, SEV_UNKNOWN, "QUERY_HCA_CAP: the device reports no ports");
	return n > HEALTH_MAX_PORTS ? HEALTH_MAX_PORTS : n;
}

/* The summary of the status line: problems, or how many ports are up. */
static void summary(const struct health *h, char *buf, size_t len)
{
	size_t n = 0;
	unsigned int i;

	buf[0] = 0;
	if (!h->nproblems)
		snprintf(buf, len, "%u of %u ports up, no problems",
			 h->ports_up, h->ports);
	for (i = 0; i < h->nproblems && n < len; i++)
		n += snprintf(buf + n, len - n, "%s%s", i ? "; " : "",
			      h->problems[i]);
}

static void verdict_json(const struct health *h)
{
	unsigned int i;

	print_string("verdict", NULL, sev_info[h->verdict].name);
	print_uint("exit_code", NULL, sev_info[h->verdict].exit_code);
	print_open_array("problems");
	for (i = 0; i < h->nproblems; i++)
		print_string("problem", NULL, h->problems[i]);
	print_close_array();
}

/* Every probe of one device, its findings into H. */
static void check_device(struct health *h)
{
	unsigned int i, n;

	if (cli_open_name(h->cli, h->cli->devname)) {
		problem(h, SEV_UNKNOWN, "cannot open %s: %s", h->cli->devname ?
			h->cli->devname : "the device", h->cli->open_why);
		return;
	}
	print_text("%-10s %s\n", "device", h->cli->devname);
	print_string("device", NULL, h->cli->devname);
	firmware(h);
	sensors(h);
	n = num_ports(h);
	print_open_array("ports");
	for (i = 1; i <= n; i++)
		port(h, i);
	print_close_array();
	perf(h, "ports_up'=%u;;;0;%u", h->ports_up, h->ports);
}

/* DEV without what a perfdata label must not hold. */
static void label_of(const char *dev, char *buf, size_t len)
{
	size_t i;

	snprintf(buf, len, "%s_", dev);
	for (i = 0; buf[i]; i++)
		if (buf[i] == '\'' || buf[i] == '=' || buf[i] == ' ')
			buf[i] = '_';
}

/* The devices to check: every -d, or every device found. */
static int device_names(struct cli *cli, const char ***names, size_t *n,
			struct mlx5ctl_devinfo **list)
{
	size_t i, num = 0;

	*list = NULL;
	if (cli->ndevnames || cli->devname) {
		*names = cli->ndevnames ? cli->devnames : &cli->devname;
		*n = cli->ndevnames ? cli->ndevnames : 1;
		return 0;
	}
	if (mlx5ctl_get_device_list(list, &num))
		return errno;
	*names = calloc(num ? num : 1, sizeof(**names));
	if (!*names)
		return ENOMEM;
	for (*n = 0, i = 0; i < num; i++)
		(*names)[(*n)++] = (*list)[i].name;
	return 0;
}

/*
 * The status line's summary: no problem anywhere, or every problem; with
 * several devices each problem names its device.
 */
static void overall_summary(const struct health *hs, size_t n, char *buf,
			    size_t len)
{
	unsigned int up = 0, ports = 0, i;
	size_t d, used = 0;

	buf[0] = 0;
	for (d = 0; d < n; d++) {
		up += hs[d].ports_up;
		ports += hs[d].ports;
		for (i = 0; i < hs[d].nproblems && used < len; i++)
			used += snprintf(buf + used, len - used, "%s%s%s%s",
					 used ? "; " : "",
					 n > 1 ? hs[d].cli_name : "",
					 n > 1 ? ": " : "", hs[d].problems[i]);
	}
	if (used)
		return;
	if (n > 1)
		snprintf(buf, len, "%zu devices, %u of %u ports up, no problems",
			 n, up, ports);
	else
		summary(&hs[0], buf, len);
}

static void overall_json(const struct health *hs, size_t n, enum sev worst)
{
	unsigned int i;
	size_t d;
	char line[256];

	print_string("verdict", NULL, sev_info[worst].name);
	print_uint("exit_code", NULL, sev_info[worst].exit_code);
	print_open_array("problems");
	for (d = 0; d < n; d++)
		for (i = 0; i < hs[d].nproblems; i++) {
			snprintf(line, sizeof(line), "%s: %s", hs[d].cli_name,
				 hs[d].problems[i]);
			print_string("problem", NULL, line);
		}
	print_close_array();
}

/* Probe every device; the details go where print_text() points. */
static enum sev check_all(struct cli *cli, struct health *hs, size_t n,
			  const char **names)
{
	enum sev worst = SEV_OK;
	size_t d;

	if (n > 1)
		print_open_array("devices");
	for (d = 0; d < n; d++) {
		struct health *h = &hs[d];

		h->cli = cli;
		h->cli_name = names[d];
		cli->devname = names[d];
		h->prefix = "";
		if (n > 1) {
			label_of(names[d], h->label, sizeof(h->label));
			h->prefix = h->label;
			print_open_object(NULL);
		}
		check_device(h);
		if (n > 1) {
			verdict_json(h);
			print_close_object();
			print_text("\n");
		}
		if (h->verdict > worst)
			worst = h->verdict;
	}
	if (n > 1)
		print_close_array();
	return worst;
}

static int unknown(const char *why)
{
	print_text("MLX5CTL UNKNOWN - %s\n", why);
	print_string("verdict", NULL, "UNKNOWN");
	print_uint("exit_code", NULL, sev_info[SEV_UNKNOWN].exit_code);
	return sev_info[SEV_UNKNOWN].exit_code;
}

/*
 * Misuse is UNKNOWN to a monitoring system, never CRITICAL, and a plugin
 * always says why on its first line of stdout (Nagios would take the
 * usage text on stderr for the output, its '|' for perfdata).  Not in
 * JSON: a usage error prints no document.
 */
int health_misuse(bool json)
{
	const char *why = reported_misuse();

	if (!json)
		printf("MLX5CTL UNKNOWN - %s (mlx5ctl health --help)\n",
		       why ? why : "invalid command line");
	return HEALTH_EXIT_UNKNOWN;
}

int do_health(struct cli *cli, int argc, char **argv)
{
	struct mlx5ctl_devinfo *list = NULL;
	char summ[4096], *text = NULL;
	const char **names = NULL;
	struct health *hs = NULL;
	FILE *details = NULL;
	size_t n = 0, d, textlen = 0;
	enum sev worst;
	int rc;

	if (argc && cli_is_help(argv[0]))
		return cli_usage("health", health_usage, false);
	if (argc) {
		bool json = print_is_json();

		report_misuse("health: unexpected \"%s\"", argv[0]);
		cli_usage("health", health_usage, true);
		return health_misuse(json);
	}
	if (device_names(cli, &names, &n, &list))
		return unknown("cannot list the devices");
	if (!n) {
		rc = unknown("no ConnectX device found");
		goto out;
	}
	hs = calloc(n, sizeof(*hs));
	if (!hs) {
		rc = unknown("out of memory");
		goto out;
	}
	/* The status line must come first, the details are found first. */
	if (!print_is_json()) {
		details = open_memstream(&text, &textlen);
		if (details)
			print_text_to(details);
	}
	worst = check_all(cli, hs, n, names);
	if (details) {
		print_text_to(NULL);
		fclose(details);
	}
	overall_summary(hs, n, summ, sizeof(summ));
	print_text("MLX5CTL %s - %s", sev_info[worst].name, summ);
	for (d = 0; d < n; d++)
		print_text("%s%s", d ? " " : " | ", hs[d].perf);
	print_text("\n%s", text ? text : "");
	if (n > 1)
		overall_json(hs, n, worst);
	else
		verdict_json(&hs[0]);
	rc = sev_info[worst].exit_code;
out:
	free(text);
	free(hs);
	if (list) {
		free(names);
		mlx5ctl_free_device_list(list);
	}
	return rc;
}
