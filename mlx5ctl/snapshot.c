// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl -d DEV snapshot -o FILE.json
 *
 * Record what the utility's read commands ask the device - info, health,
 * counters (vport, the Q counter sets, the port groups), diagcnt params,
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
	"  Records what the read commands ask (counters, health, info, diagcnt\n"
	"  params, link pages, capabilities, registers, resource dump menu)\n"
	"  with provenance; exits 1 naming commands that failed.\n"
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
	char missed_names[SNAP_MISSED_NAMED][128];
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

/* "ACCESS_REG PDDR", "QUERY_HCA_CAP": for people reading the file. */
static void cmd_name(const uint8_t *in, size_t inlen, char *buf, size_t len)
{
	uint16_t opcode = PRM_GET(mbox_in, in, opcode);
	const char *name = prm_opcode_name(opcode);
	const struct prm_reg *r = NULL;

	if (opcode == MLX5_CMD_OP_ACCESS_REG &&
	    inlen >= PRM_SIZE(access_register_in))
		r = prm_reg_by_id(PRM_GET(access_register_in, in, register_id));
	if (name)
		snprintf(buf, len, "%s%s%s", name, r ? " " : "",
			 r ? r->name : "");
	else
		snprintf(buf, len, "opcode %#x", opcode);
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
static void missed(struct snap *s, const char *name, int ret)
{
	char what[sizeof(s->missed_names[0])];
	unsigned int i;

	snprintf(what, sizeof(what), "%.63s (%.60s)", name, strerror(ret));
	s->missed++;
	for (i = 0; i < s->named; i++)
		if (!strcmp(s->missed_names[i], what))
			return;
	if (s->named < SNAP_MISSED_NAMED)
		strcpy(s->missed_names[s->named++], what);
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
	if (ret == EBADMSG || ret == EPERM) {
		s->policy++;
		return;
	}
	if (ret && ret != EREMOTEIO) {
		missed(s, name, ret);
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
	return r->id == 0xc000;
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
	int (*fn)(struct cli *cli, int argc, char **argv);
	const char *argv[10];
} snap_runs[] = {
	{ do_counters, { "port", NULL } },
	{ do_health, { NULL } },
	{ do_info, { NULL } },
	{ do_counters, { "vport", NULL } },
	{ do_diagcnt, { "params", NULL } },
	{ do_reg, { "show", "PDDR", "local_port", "1", "page_select",
		    "troubleshooting_info", NULL } },
	{ do_reg, { "show", "PDDR", "local_port", "1", "page_select",
		    "module_info", NULL } },
	{ do_reg, { "show", "PPLM", "local_port", "1", NULL } },
	{ do_reg, { "show", "PTYS", "local_port", "1", "proto_mask",
		    "ethernet", NULL } },
	{ do_reg, { "show", "MCIA", "module", "0", "i2c_device_address",
		    "0x50", "size", "16", NULL } },
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

static void run_one(struct cli *cli, struct snap *s, const struct snap_run *r)
{
	char *argv[ARRAY_SIZE(r->argv)], name[64];
	int argc;
	bool misused;

	for (argc = 0; r->argv[argc]; argc++)
		argv[argc] = (char *)r->argv[argc];
	argv[argc] = NULL;
	misused = reported_misuse();
	/* Not the exit code: health's CRITICAL is 2 as well. */
	r->fn(cli, argc, argv);
	if (!misused && reported_misuse()) {
		snprintf(name, sizeof(name), "%s %s", argc ? argv[0] : "",
			 argc > 1 ? argv[1] : "");
		missed(s, name, EINVAL);
	}
}

static int record_commands(struct cli *cli, struct snap *s)
{
	struct snap_run q = { do_counters, { "q", NULL, NULL } };
	char id[8];
	struct quiet quiet = {};
	size_t i;
	int err;

	err = quiet_begin(&quiet);
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(snap_runs); i++)
		run_one(cli, s, &snap_runs[i]);
	q.argv[1] = id;
	for (i = 0; i < SNAP_Q_COUNTERS; i++) {
		snprintf(id, sizeof(id), "%zu", i);
		run_one(cli, s, &q);
	}
	quiet_end(&quiet);
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
	uint8_t *menu = NULL;
	size_t menu_len = 0;
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

	cli->observer = observe;
	cli->observer_ctx = &s;
	mlx5ctl_set_rpc_observer(cli->dev, observe, &s);
	ret = record_commands(cli, &s);
	/* health reopens the device: a failed reopen is missed, not fatal. */
	if (!ret && !cli->dev && cli_open(cli))
		missed(&s, "open", ENODEV);
	if (!ret)
		ret = record_caps(&s);
	if (!ret)
		ret = record_device(&s);
	if (!ret)
		ret = record_regs(&s);
	/* The menu is kept as its stream, not as the commands that read it. */
	cli->observer = NULL;
	if (cli->dev)
		mlx5ctl_set_rpc_observer(cli->dev, NULL, NULL);
	if (!ret && !cli->dev)
		ret = cli_open(cli);
	if (ret) {
		report_error(cli->devname, "snapshot", ret, NULL);
		json_object_put(root);
		return EXIT_FAIL;
	}
	/* A device without resource dump is still worth a snapshot. */
	if (!rscdump_menu_stream(cli, &menu, &menu_len)) {
		json_object_object_add(root, "rscdump_menu",
				       hex_string(menu, menu_len));
		free(menu);
	} else {
		report_note("no resource dump menu recorded");
	}
	rc = s.missed ? EXIT_FAIL : write_doc(cli, root, path);
	json_object_put(root);
	if (rc && !s.missed)
		return rc;
	return summary(cli, &s, path);
}
