// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl -d DEV counters [vport | q ID] [--format text|json|prometheus]:
 * QUERY_VPORT_COUNTER and QUERY_Q_COUNTER, flattened to one counter per
 * line.  The Prometheus text exposition format is what a node exporter's
 * textfile collector reads, so a cron job can publish the counters.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "opcodes.h"
#include "print.h"
#include "prm.h"

static const char counters_usage[] =
	"Usage: mlx5ctl [OPTIONS] -d DEV counters [vport] [--format FORMAT]\n"
	"       mlx5ctl [OPTIONS] -d DEV counters q ID [--format FORMAT]\n"
	"  vport: this function's traffic counters (QUERY_VPORT_COUNTER);\n"
	"  q ID: the RDMA counter set ID (QUERY_Q_COUNTER, a QP's counter_set_id).\n"
	"  FORMAT := { text | json | prometheus } (default: text, json with -j);\n"
	"  prometheus prints the text exposition format for a textfile collector.\n";

enum counters_format {
	FMT_TEXT,
	FMT_JSON,
	FMT_PROMETHEUS,
};

struct counters_out {
	enum counters_format fmt;
	const char *prefix;	/* metric name prefix: mlx5_vport_ */
	const char *help;	/* what the HELP line says of the source */
	char labels[256];	/* {device="...",...} */
};

/* Prometheus label values escape backslash, double quote and newline. */
static void label_value(char *buf, size_t len, const char *val)
{
	size_t n = 0;

	for (; *val && n + 3 < len; val++) {
		if (*val == '\\' || *val == '"') {
			buf[n++] = '\\';
			buf[n++] = *val;
		} else if (*val == '\n') {
			buf[n++] = '\\';
			buf[n++] = 'n';
		} else {
			buf[n++] = *val;
		}
	}
	buf[n] = 0;
}

static void emit(void *ctx, const char *name, uint64_t val)
{
	struct counters_out *o = ctx;

	if (o->fmt != FMT_PROMETHEUS) {
		print_uint(name, NULL, val);
		print_text("%-40s %" PRIu64 "\n", name, val);
		return;
	}
	/* Field names are [a-z0-9_]: already valid metric name characters. */
	printf("# HELP %s%s_total %s %s\n", o->prefix, name, o->help, name);
	printf("# TYPE %s%s_total counter\n", o->prefix, name);
	printf("%s%s_total%s %" PRIu64 "\n", o->prefix, name, o->labels, val);
}

static void set_labels(struct cli *cli, struct counters_out *o,
		       const char *extra)
{
	char dev[128];

	label_value(dev, sizeof(dev), cli->devname ? cli->devname : "");
	snprintf(o->labels, sizeof(o->labels), "{device=\"%s\"%s}", dev, extra);
}

/* Run one query command; OUT receives OUTLEN bytes. */
static int query(struct cli *cli, const char *what, const void *in,
		 size_t inlen, void *out, size_t outlen)
{
	int rc = cli_open(cli);

	if (rc)
		return rc;
	return cli_result(cli, what,
			  mlx5ctl_rpc(cli->dev, NULL, in, inlen, out, outlen),
			  out);
}

static const char *const header_fields[] = { "status", "syndrome", NULL };

static int show(struct cli *cli, struct counters_out *o,
		const struct prm_struct *s, const void *out, size_t len)
{
	if (!s) {
		report_misuse("counters: no layout for %s", o->help);
		return EXIT_FAIL;
	}
	if (o->fmt != FMT_PROMETHEUS)
		print_open_object("counters");
	diag_counters(s, out, len, header_fields, emit, o);
	if (o->fmt != FMT_PROMETHEUS)
		print_close_object();
	return EXIT_OK;
}

static int parse_format(int *argc, char **argv, enum counters_format *fmt)
{
	int i, n = 0;

	*fmt = print_is_json() ? FMT_JSON : FMT_TEXT;
	for (i = 0; i < *argc; i++) {
		if (strcmp(argv[i], "--format") && strcmp(argv[i], "format")) {
			argv[n++] = argv[i];
			continue;
		}
		if (++i >= *argc) {
			report_misuse("counters: --format needs text, json or prometheus");
			return EXIT_USAGE;
		}
		if (!strcmp(argv[i], "text") && !print_is_json()) {
			*fmt = FMT_TEXT;
		} else if (!strcmp(argv[i], "json") && print_is_json()) {
			*fmt = FMT_JSON;
		} else if (!strcmp(argv[i], "prometheus") && !print_is_json()) {
			*fmt = FMT_PROMETHEUS;
		} else {
			report_misuse("counters: format \"%s\" %s", argv[i],
				      print_is_json() ?
				      "does not go with -j" :
				      "is not text, json (use -j) or prometheus");
			return EXIT_USAGE;
		}
	}
	*argc = n;
	return EXIT_OK;
}

static int counters_vport(struct cli *cli, int argc, char **argv)
{
	uint8_t in[PRM_SIZE(query_vport_counter_in)] = {};
	uint8_t out[PRM_SIZE(query_vport_counter_out)] = {};
	struct counters_out o = {
		.prefix = "mlx5_vport_",
		.help = "QUERY_VPORT_COUNTER",
	};
	int rc;

	rc = parse_format(&argc, argv, &o.fmt);
	if (rc)
		return rc;
	if (argc) {
		report_misuse("counters vport: unexpected \"%s\"", argv[0]);
		return cli_usage("counters", counters_usage, true);
	}
	cmd_hdr_set(in, MLX5_CMD_OP_QUERY_VPORT_COUNTER, 0);
	rc = query(cli, "QUERY_VPORT_COUNTER", in, sizeof(in), out, sizeof(out));
	if (rc)
		return rc;
	if (o.fmt == FMT_PROMETHEUS)
		print_discard();
	set_labels(cli, &o, ",vport=\"0\"");
	print_string("device", NULL, cli->devname);
	print_uint("vport", NULL, 0);
	return show(cli, &o, prm_struct_find("query_vport_counter_out"), out,
		    sizeof(out));
}

static int counters_q(struct cli *cli, int argc, char **argv)
{
	uint8_t in[PRM_SIZE(query_q_counter_in)] = {};
	uint8_t out[PRM_SIZE(query_q_counter_out)] = {};
	struct counters_out o = {
		.prefix = "mlx5_q_counter_",
		.help = "QUERY_Q_COUNTER",
	};
	char what[64], extra[64];
	uint64_t id;
	int rc;

	rc = parse_format(&argc, argv, &o.fmt);
	if (rc)
		return rc;
	if (argc != 1 || parse_u64(argv[0],
				   (1ull << PRM_BITS(query_q_counter_in,
						     counter_set_id)) - 1, &id)) {
		if (argc)
			report_misuse("counters q: \"%s\" is not one counter set id (0..0xff)",
				      argv[0]);
		else
			report_misuse("counters q: which counter set (ID)?");
		return cli_usage("counters", counters_usage, true);
	}
	cmd_hdr_set(in, MLX5_CMD_OP_QUERY_Q_COUNTER, 0);
	PRM_SET(query_q_counter_in, in, counter_set_id, id);
	snprintf(what, sizeof(what), "QUERY_Q_COUNTER %#" PRIx64, id);
	rc = query(cli, what, in, sizeof(in), out, sizeof(out));
	if (rc)
		return rc;
	if (o.fmt == FMT_PROMETHEUS)
		print_discard();
	snprintf(extra, sizeof(extra), ",counter_set_id=\"%" PRIu64 "\"", id);
	set_labels(cli, &o, extra);
	print_string("device", NULL, cli->devname);
	print_hex("counter_set_id", NULL, id);
	return show(cli, &o, prm_struct_find("query_q_counter_out"), out,
		    sizeof(out));
}

static const struct cli_cmd counters_cmds[] = {
	{ "vport", counters_vport, "this function's traffic counters" },
	{ "q", counters_q, "an RDMA counter set (Q counter)" },
	{}
};

int do_counters(struct cli *cli, int argc, char **argv)
{
	/* "counters --format prometheus" is "counters vport --format ...". */
	if (argc && argv[0][0] == '-' && !cli_is_help(argv[0]))
		return counters_vport(cli, argc, argv);
	return cli_dispatch(cli, "counters", counters_usage, counters_cmds,
			    argc, argv);
}
