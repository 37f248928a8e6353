// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl -d DEV snapshot -o FILE.json
 *
 * Record what the utility's read commands ask the device - info, health,
 * link, counters (vport, the Q counter sets, the port groups), diagcnt params,
 * the link registers' pages, every capability page and every register of
 * the layout catalogue with its default index keys, the resource dump
 * menu - as the inbox sent and the outbox received.  The commands are run
 * as they are, their output discarded, with an observer on the library's
 * RPC path keeping every exchange: what a command reads is recorded by
 * construction, not by a list kept in step with it.  "emu:@FILE.json"
 * replays it: the same commands get the same bytes, so a device can
 * travel with a bug report.
 *
 * Firmware refusals are recorded too (they are answers).  Commands the
 * kernel's policy refused never reached the device and are left out,
 * counted; any other failure (a timeout, a gone device) is named and
 * makes the snapshot exit 1 and leaves the file as it was, as every -o
 * that fails does.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "dump.h"
#include "opcodes.h"
#include "print.h"
#include "prm.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

static const char snapshot_usage[] =
	"Usage: mlx5ctl [OPTIONS] -d DEV snapshot -o FILE.json\n"
	"  Records what the read commands ask (counters, health, link, info,\n"
	"  diagcnt params, link pages, capabilities, registers, resource dump\n"
	"  menu) with provenance; exits 1 naming commands that failed.\n"
	"  \"-d emu:@FILE.json\" replays them: attach the file to a bug report.\n";

#define SNAP_SCHEMA "mlx5ctl-snapshot"
#define SNAP_VERSION 1

#define SNAP_MISSED_NAMED 8
/* Q counter sets tried: the driver allocates a few per port, from 0. */
#define SNAP_Q_COUNTERS 32

struct snap {
	struct cli *cli;
	json_object *cmds;
	unsigned int answered, refused, policy, missed, named;
	char missed_names[SNAP_MISSED_NAMED][160];
	/* Reading the menu: its commands are judged, not recorded. */
	bool menu;
	int menu_err;			/* the last refusal, 0: none */
	uint8_t menu_out[16];		/* its outbox header, for EREMOTEIO */
	json_object *menu_json;		/* where the menu's stream goes */
};

static json_object *hex_string(const uint8_t *buf, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	json_object *o;
	char *hex;
	size_t i;

	hex = malloc(len * 2 + 1);
	if (!hex)
		return NULL;
	for (i = 0; i < len; i++) {
		hex[2 * i] = digits[buf[i] >> 4];
		hex[2 * i + 1] = digits[buf[i] & 0xf];
	}
	hex[2 * len] = 0;
	o = json_object_new_string(hex);
	free(hex);
	return o;
}

static size_t trimmed(const uint8_t *buf, size_t len)
{
	while (len && !buf[len - 1])
		len--;
	return len;
}

/* The same inbox asked twice (health reads PPCNT again): keep the first. */
static bool recorded(struct snap *s, json_object *in)
{
	size_t i, n = json_object_array_length(s->cmds);
	const char *hex = json_object_get_string(in);
	json_object *v;

	for (i = 0; i < n; i++) {
		json_object_object_get_ex(json_object_array_get_idx(s->cmds, i),
					  "in", &v);
		if (!strcmp(json_object_get_string(v), hex))
			return true;
	}
	return false;
}

/* Counted each time, named once per kind: "QUERY_Q_COUNTER (timed out)". */
static void missed_why(struct snap *s, const char *name, const char *why)
{
	char what[sizeof(s->missed_names[0])];
	unsigned int i;

	snprintf(what, sizeof(what), "%.63s (%.90s)", name, why);
	s->missed++;
	for (i = 0; i < s->named; i++)
		if (!strcmp(s->missed_names[i], what))
			return;
	if (s->named < SNAP_MISSED_NAMED)
		strcpy(s->missed_names[s->named++], what);
}

static void missed(struct snap *s, const char *name, int ret)
{
	missed_why(s, name, strerror(ret));
}

/*
 * The observer: every exchange firmware answered is kept, the outbox
 * without its trailing zeros and with its length, the uid (this run's;
 * replay ignores it) cleared.
 */
static void observe(void *ctx, const void *in, size_t inlen, const void *out,
		    size_t outlen, int ret)
{
	struct snap *s = ctx;
	uint8_t *key;
	json_object *e, *hex;
	char name[64];

	cmd_name(in, inlen, name, sizeof(name));
	if (ret && ret != EREMOTEIO && ret != EBADMSG && ret != EPERM) {
		missed(s, name, ret);
		return;
	}
	if (s->menu) {
		if (ret)
			s->menu_err = ret;
		if (ret == EREMOTEIO)
			memcpy(s->menu_out, out, sizeof(s->menu_out));
		return;
	}
	if (ret == EBADMSG || ret == EPERM) {
		s->policy++;
		return;
	}
	key = malloc(inlen);
	if (!key) {
		missed(s, name, ENOMEM);
		return;
	}
	memcpy(key, in, inlen);
	PRM_SET(mbox_in, key, uid, 0);
	hex = hex_string(key, trimmed(key, inlen));
	free(key);
	if (!hex || recorded(s, hex)) {
		if (!hex)
			missed(s, name, ENOMEM);
		json_object_put(hex);
		return;
	}
	ret ? s->refused++ : s->answered++;
	e = json_object_new_object();
	json_object_object_add(e, "what", json_object_new_string(name));
	json_object_object_add(e, "in", hex);
	json_object_object_add(e, "out", hex_string(out, trimmed(out, outlen)));
	json_object_object_add(e, "out_len", json_object_new_int64(outlen));
	json_object_array_add(s->cmds, e);
}

/* One command; the observer keeps what came back. */
static int record(struct snap *s, uint8_t *in, size_t inlen, size_t outlen)
{
	uint8_t *out;
	char name[64];

	/* A reopen during the commands failed: nothing is asked, say so. */
	if (!s->cli->dev) {
		cmd_name(in, inlen, name, sizeof(name));
		missed(s, name, ENODEV);
		return 0;
	}
	out = calloc(1, outlen);
	if (!out)
		return ENOMEM;
	mlx5ctl_rpc(s->cli->dev, NULL, in, inlen, out, outlen);
	free(out);
	return 0;
}

static int record_caps(struct snap *s)
{
	const struct prm_cap *c;
	unsigned int mode;
	size_t i;
	int ret;

	for (i = 0; (c = prm_cap_at(i)); i++) {
		for (mode = MLX5CTL_CAP_MAX; mode <= MLX5CTL_CAP_CUR; mode++) {
			uint8_t in[PRM_SIZE(query_hca_cap_in)] = {};

			PRM_SET(query_hca_cap_in, in, opcode,
				MLX5_CMD_OP_QUERY_HCA_CAP);
			PRM_SET(query_hca_cap_in, in, op_mod, c->type << 1 | mode);
			ret = record(s, in, sizeof(in),
				     PRM_SIZE(mbox_out) + MLX5CTL_HCA_CAP_SIZE);
			if (ret)
				return ret;
		}
	}
	return 0;
}

static int record_device(struct snap *s)
{
	uint8_t adapter[PRM_SIZE(query_adapter_in)] = {};
	uint8_t issi[PRM_SIZE(query_issi_in)] = {};
	int ret;

	PRM_SET(query_adapter_in, adapter, opcode, MLX5_CMD_OP_QUERY_ADAPTER);
	ret = record(s, adapter, sizeof(adapter),
		     PRM_SIZE(mbox_out) + PRM_SIZE(query_adapter_param_block));
	if (ret)
		return ret;
	PRM_SET(query_issi_in, issi, opcode, MLX5_CMD_OP_QUERY_ISSI);
	return record(s, issi, sizeof(issi),
		      PRM_SIZE(query_issi_out));
}

/* ACCESS_REG read of R with DATA as the index fields, as "reg show" sends. */
static int record_reg(struct snap *s, const struct prm_reg *r,
		      const uint8_t *data, size_t len)
{
	size_t inlen = PRM_SIZE(access_register_in) + len;
	uint8_t *in = calloc(1, inlen);
	int ret;

	if (!in)
		return ENOMEM;
	cmd_access_reg_set(in, r->id, false, data, len);
	ret = record(s, in, inlen, PRM_SIZE(access_register_out) + len);
	free(in);
	return ret;
}

/* Registers a read changes or drives: not queries. */
static bool reg_skipped(const struct prm_reg *r)
{
	/* RESOURCE_DUMP is recorded as the menu stream. */
	return r->id == PRM_REG_RESOURCE_DUMP;
}

static int record_regs(struct snap *s)
{
	const struct prm_reg *r;
	size_t i;
	int ret = 0;

	for (i = 0; (r = prm_reg_at(i)) && !ret; i++) {
		size_t len = r->layout->bits / 8;
		const struct prm_field *port;
		uint8_t *data;

		if (!len || len % 4 || reg_skipped(r))
			continue;
		data = calloc(1, len);
		if (!data)
			return ENOMEM;
		ret = record_reg(s, r, data, len);
		/* Port registers: the first port too, not only port 0. */
		port = prm_field_find(r->layout, "local_port");
		if (!ret && port && (port->flags & PRM_INDEX)) {
			prm_set(data, port->off, port->bits, 1);
			ret = record_reg(s, r, data, len);
		}
		free(data);
	}
	return ret;
}

/*
 * The commands whose reads a snapshot holds, run as typed, first: the
 * port counters as a fresh run would read them, then the health check.  Q
 * counter
 * sets are added by number (SNAP_Q_COUNTERS); the link registers' pages
 * beyond the default are here because only "reg show" asks for them.
 */
static const struct snap_run {
	const char *name;		/* for the list of failures */
	int (*fn)(struct cli *cli, int argc, char **argv);
	const char *argv[10];
} snap_runs[] = {
	{ "counters port", do_counters, { "port", NULL } },
	{ "health", do_health, { NULL } },
	{ "link", do_link, { NULL } },
	{ "info", do_info, { NULL } },
	{ "counters vport", do_counters, { "vport", NULL } },
	{ "diagcnt params", do_diagcnt, { "params", NULL } },
	{ "reg show PDDR", do_reg, { "show", "PDDR", "local_port", "1",
				     "page_select", "troubleshooting_info",
				     NULL } },
	{ "reg show PDDR", do_reg, { "show", "PDDR", "local_port", "1",
				     "page_select", "module_info", NULL } },
	{ "reg show PPLM", do_reg, { "show", "PPLM", "local_port", "1",
				     NULL } },
	{ "reg show PTYS", do_reg, { "show", "PTYS", "local_port", "1",
				     "proto_mask", "ethernet", NULL } },
	{ "reg show MCIA", do_reg, { "show", "MCIA", "module", "0",
				     "i2c_device_address", "0x50", "size",
				     "16", NULL } },
};

/*
 * Their output is not the snapshot's: stdout and stderr to /dev/null for
 * the while, then back as they were - a closed one closed again, so that
 * writing the summary to it still fails as it must.
 */
struct quiet {
	int out, err;		/* saved copies, -1: was closed */
	bool json;
};

static void quiet_end(struct quiet *q)
{
	fflush(stdout);
	fflush(stderr);
	if (q->out >= 0) {
		dup2(q->out, STDOUT_FILENO);
		close(q->out);
	} else {
		close(STDOUT_FILENO);
	}
	if (q->err >= 0) {
		dup2(q->err, STDERR_FILENO);
		close(q->err);
	} else {
		close(STDERR_FILENO);
	}
	print_resume(q->json);
}

static int quiet_begin(struct quiet *q)
{
	int null, err = 0;

	fflush(stdout);
	fflush(stderr);
	/* Saved above the standard descriptors; -1 when one is closed. */
	q->out = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	q->err = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	q->json = print_pause();
	null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null < 0 || dup2(null, STDOUT_FILENO) < 0 ||
	    dup2(null, STDERR_FILENO) < 0) {
		err = errno;
		quiet_end(q);
	}
	if (null > STDERR_FILENO)
		close(null);
	return err;
}

/* "DEV: WHY" as WHY: the summary names the device once. */
static const char *without_dev(const struct cli *cli, const char *msg)
{
	size_t n = cli->devname ? strlen(cli->devname) : 0;

	if (n && !strncmp(msg, cli->devname, n) && !strncmp(msg + n, ": ", 2))
		return msg + n + 2;
	return msg;
}

static void run_one(struct cli *cli, struct snap *s, const struct snap_run *r)
{
	char *argv[ARRAY_SIZE(r->argv)];
	unsigned int misuses = reported_misuses();
	int argc;

	for (argc = 0; r->argv[argc]; argc++)
		argv[argc] = (char *)r->argv[argc];
	argv[argc] = NULL;
	/* Not the exit code: health's CRITICAL is 2 as well. */
	r->fn(cli, argc, argv);
	/* What it said instead of its output, which nobody saw. */
	if (reported_misuses() != misuses)
		missed_why(s, r->name, without_dev(cli, reported_misuse()));
}

static int record_commands(struct cli *cli, struct snap *s)
{
	struct snap_run q = { "counters q", do_counters, { "q", NULL, NULL } };
	char id[8];
	struct quiet quiet = {};
	size_t i;
	int err;

	err = quiet_begin(&quiet);
	if (err)
		return err;
	/* The commands' output is hidden, -v's trace of what they send not. */
	if (quiet.err >= 0)
		cli->trace_fd = quiet.err;
	for (i = 0; i < ARRAY_SIZE(snap_runs); i++)
		run_one(cli, s, &snap_runs[i]);
	q.argv[1] = id;
	for (i = 0; i < SNAP_Q_COUNTERS; i++) {
		snprintf(id, sizeof(id), "%zu", i);
		run_one(cli, s, &q);
	}
	cli->trace_fd = STDERR_FILENO;
	quiet_end(&quiet);
	return 0;
}

/* FN(CLI) with stdout and stderr hidden (not -v's trace); FN's result. */
static int quiet_run(struct cli *cli, int (*fn)(struct cli *cli))
{
	struct quiet quiet = {};
	int rc;

	if (quiet_begin(&quiet))
		return fn(cli);
	if (quiet.err >= 0)
		cli->trace_fd = quiet.err;
	rc = fn(cli);
	cli->trace_fd = STDERR_FILENO;
	quiet_end(&quiet);
	return rc;
}

static int menu_stream(struct cli *cli)
{
	struct snap *s = cli->observer_ctx;
	uint8_t *menu;
	size_t len;
	int rc;

	rc = rscdump_menu_stream(cli, &menu, &len);
	if (rc)
		return rc;
	json_object_object_add(s->menu_json, "rscdump_menu",
			       hex_string(menu, len));
	free(menu);
	return EXIT_OK;
}

/*
 * The resource dump menu, kept as its stream, not as the commands that
 * read it.  A device or a scope without one is still worth a snapshot,
 * and a note says why it is missing; a menu lost to anything else (a
 * timeout, an answer lost) fails the snapshot as any missed command does.
 * Not tried once the snapshot has failed: one line says so.
 */
static int record_menu(struct cli *cli, struct snap *s, json_object *root)
{
	struct mlx5ctl_info info = {};
	uint8_t status;

	if (s->missed)
		return 0;
	s->menu = true;
	s->menu_json = root;
	if (!quiet_run(cli, menu_stream)) {
		s->menu = false;
		return 0;
	}
	s->menu = false;
	if (s->missed)
		return 0;
	if (s->menu_err == EREMOTEIO) {
		status = mlx5ctl_cmd_status(s->menu_out);
		report_note("no resource dump menu recorded: firmware refused it (status %#x \"%s\", syndrome %#x)",
			    status, mlx5ctl_status_str(status),
			    mlx5ctl_cmd_syndrome(s->menu_out));
	} else if (s->menu_err) {
		mlx5ctl_query_info(cli->dev, &info);
		report_note("no resource dump menu recorded: the kernel's policy refuses it at scope %s",
			    mlx5ctl_scope_str(info.scope));
	} else {
		/* Answered, but not as a menu stream: garbled or lost. */
		missed(s, "resource dump menu", EPROTO);
	}
	return 0;
}

static json_object *provenance(struct cli *cli)
{
	json_object *p = json_object_new_object(), *d = json_object_new_object();
	struct mlx5ctl_info info;
	char host[256] = "", when[32] = "";
	time_t now = time(NULL);
	struct tm tm;

	if (!gethostname(host, sizeof(host) - 1) && host[0])
		json_object_object_add(p, "host", json_object_new_string(host));
	if (gmtime_r(&now, &tm))
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_object_add(p, "created", json_object_new_string(when));
	json_object_object_add(p, "tool", json_object_new_string("mlx5ctl " PACKAGE_VERSION));
	if (!mlx5ctl_query_info(cli->dev, &info)) {
		json_object_object_add(d, "name", json_object_new_string(info.name));
		json_object_object_add(d, "ibdev", json_object_new_string(info.ibdev));
		json_object_object_add(d, "pci", json_object_new_string(info.pci));
		json_object_object_add(d, "netdev", json_object_new_string(info.netdev));
		json_object_object_add(d, "fwctl", json_object_new_string(info.fwctl));
		json_object_object_add(d, "fw_version",
				       json_object_new_string(info.fw_version));
		json_object_object_add(d, "vendor_id", json_object_new_int(info.vendor_id));
		json_object_object_add(d, "device_id", json_object_new_int(info.device_id));
		json_object_object_add(d, "backend",
				       json_object_new_string(mlx5ctl_backend_str(info.backend)));
		json_object_object_add(d, "scope",
				       json_object_new_string(mlx5ctl_scope_str(info.scope)));
		json_object_object_add(d, "emulated",
				       json_object_new_boolean(info.flags & MLX5CTL_INFO_EMULATED));
	}
	json_object_object_add(p, "device", d);
	return p;
}

static int write_doc(struct cli *cli, json_object *root, const char *path)
{
	const char *text = json_object_to_json_string_ext(root,
		JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		JSON_C_TO_STRING_NOSLASHESCAPE);
	char what[PATH_MAX + 32];
	struct outfile out;
	int err;

	snprintf(what, sizeof(what), "snapshot: writing %s", path);
	err = outfile_open(&out, path);
	if (err) {
		report_error(cli->devname, what, err, NULL);
		return EXIT_FAIL;
	}
	/* Errors stick to the stream: outfile_commit() sees them. */
	fputs(text, out.f);
	fputc('\n', out.f);
	err = outfile_commit(&out);
	if (err) {
		report_error(cli->devname, what, err, NULL);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* What the file holds; what it lacks and why, failing when it matters. */
static int summary(struct cli *cli, const struct snap *s, const char *path)
{
	struct mlx5ctl_info info = {};
	unsigned int i;

	mlx5ctl_query_info(cli->dev, &info);
	if (strcmp(path, "-") && !s->missed) {
		print_string("file", "%s:", path);
		print_uint("answered", " %" PRIu64 " answers", s->answered);
		print_uint("refused", ", %" PRIu64 " firmware refusals",
			   s->refused);
		print_uint("policy_refused",
			   ", %" PRIu64 " commands the kernel's policy refused", s->policy);
		print_string("scope", " at scope %s (left out)\n",
			     mlx5ctl_scope_str(info.scope));
		print_uint("failed", NULL, s->missed);
	}
	if (!s->missed)
		return EXIT_OK;
	fflush(stdout);
	fprintf(stderr, "mlx5ctl: %s: snapshot: %u commands failed, %s not written:",
		cli->devname, s->missed, path);
	for (i = 0; i < s->named; i++)
		fprintf(stderr, "%s %s", i ? "," : "", s->missed_names[i]);
	fprintf(stderr, "%s\n", s->named == SNAP_MISSED_NAMED ? ", ..." : "");
	return EXIT_FAIL;
}

int do_snapshot(struct cli *cli, int argc, char **argv)
{
	const char *path = NULL;
	json_object *root, *schema;
	struct snap s = { .cli = cli };
	int rc, ret;

	if (argc == 1 && cli_is_help(argv[0]))
		return cli_usage("snapshot", snapshot_usage, false);
	if (argc == 2 && !strcmp(argv[0], "-o")) {
		path = argv[1];
	} else {
		report_misuse("snapshot: -o FILE.json is required");
		return cli_usage("snapshot", snapshot_usage, true);
	}
	rc = outfile_check("snapshot", path);
	if (!rc)
		rc = cli_open(cli);
	if (rc)
		return rc;
	root = json_object_new_object();
	schema = json_object_new_object();
	json_object_object_add(schema, "name", json_object_new_string(SNAP_SCHEMA));
	json_object_object_add(schema, "version", json_object_new_int(SNAP_VERSION));
	json_object_object_add(root, "schema", schema);
	json_object_object_add(root, "provenance", provenance(cli));
	s.cmds = json_object_new_array();
	json_object_object_add(root, "commands", s.cmds);

	/* Every handle the tool opens passes what it sees on to OBSERVE. */
	cli->observer = observe;
	cli->observer_ctx = &s;
	ret = record_commands(cli, &s);
	/* health reopens the device: a failed reopen is missed, not fatal. */
	if (!ret && !cli->dev && quiet_run(cli, cli_open))
		missed(&s, "open", ENODEV);
	if (!ret)
		ret = record_caps(&s);
	if (!ret)
		ret = record_device(&s);
	if (!ret)
		ret = record_regs(&s);
	if (!ret)
		ret = record_menu(cli, &s, root);
	cli->observer = NULL;
	if (ret) {
		report_error(cli->devname, "snapshot", ret, NULL);
		json_object_put(root);
		return EXIT_FAIL;
	}
	rc = s.missed ? EXIT_FAIL : write_doc(cli, root, path);
	json_object_put(root);
	if (rc && !s.missed)
		return rc;
	return summary(cli, &s, path);
}
