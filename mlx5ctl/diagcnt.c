// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl -d DEV diagcnt cap | params | set ... | dump [--samples N]
 *                [--interval MS] [--csv]
 *
 * Diagnostic counters: the device samples chosen counters (PCIe stalls,
 * steering, transmit...) every 2^log_sample_period device clocks into a
 * buffer of 2^log_num_of_samples entries; QUERY_DIAGNOSTIC_COUNTERS reads
 * it.  The debug capability page lists the counters and the limits,
 * QUERY_DIAGNOSTIC_PARAMS what is being sampled, SET_DIAGNOSTIC_PARAMS
 * changes it (debug-write scope).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode.h"
#include "dump.h"
#include "print.h"
#include "opcodes.h"
#include "prm.h"

static const char diagcnt_usage[] =
	"Usage: mlx5ctl [OPTIONS] -d DEV diagcnt cap\n"
	"       mlx5ctl [OPTIONS] -d DEV diagcnt params\n"
	"       mlx5ctl [OPTIONS] -s debug-write -d DEV diagcnt set\n"
	"               [counters ID[,ID...]|all] [period LOG2] [samples LOG2]\n"
	"               [single|repetitive|on-demand] [sync] [clear]\n"
	"       mlx5ctl [OPTIONS] -s debug-write -d DEV diagcnt set disable\n"
	"       mlx5ctl [OPTIONS] -d DEV diagcnt dump [--samples N] [--interval MS]\n"
	"               [--csv]\n"
	"  period: sample every 2^LOG2 device clocks; samples: a buffer of\n"
	"  2^LOG2 entries.  dump reads the latest sample of every counter N\n"
	"  times (default 1), MS milliseconds apart (default 1000); --csv\n"
	"  streams one line per counter and sample, for plotting.\n";

/* Counter names, from the PRM's list of diagnostic counters. */
static const struct {
	uint16_t id;
	const char *name;
} counter_names[] = {
	{ 0x0401, "back_pressure_from_datalink_to_transport" },
	{ 0x0402, "outbound_stalled_writes" },
	{ 0x0403, "outbound_stalled_reads" },
	{ 0x0406, "rx_128b_data" },
	{ 0x0409, "pci_read_stalled_no_read_engines" },
	{ 0x040a, "pci_read_stalled_no_completion_buffer" },
	{ 0x040b, "pci_read_stalled_ordering" },
	{ 0x1001, "rx_steering_packets" },
	{ 0x2001, "send_queue_stopped_limited_vl" },
	{ 0x2006, "tx_packets" },
	{ 0x2c02, "line_transmitted_port1" },
	{ 0x2c03, "line_transmitted_port2" },
	{ 0x2c04, "line_transmitted_loopback" },
};

static const char *counter_name(uint16_t id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(counter_names); i++)
		if (counter_names[i].id == id)
			return counter_names[i].name;
	return "unknown";
}

struct diag_caps {
	uint8_t general[MLX5CTL_HCA_CAP_SIZE];
	uint8_t debug[MLX5CTL_HCA_CAP_SIZE];
	unsigned int ncounters;
};

static int query_caps(struct cli *cli, struct diag_caps *c)
{
	int rc;

	rc = cli_result(cli, "QUERY_HCA_CAP general",
			mlx5ctl_query_hca_cap(cli->dev, 0, MLX5CTL_CAP_CUR,
					      c->general, sizeof(c->general)),
			c->general);
	if (rc)
		return rc;
	if (!PRM_GET(cmd_hca_cap, c->general, debug)) {
		report_misuse("%s: diagnostic counters: the device has no debug capabilities",
			      cli->devname);
		return EXIT_FAIL;
	}
	rc = cli_result(cli, "QUERY_HCA_CAP debug",
			mlx5ctl_query_hca_cap(cli->dev, PRM_CAP_debug,
					      MLX5CTL_CAP_CUR, c->debug,
					      sizeof(c->debug)),
			c->debug);
	if (rc)
		return rc;
	c->ncounters = PRM_GET(cmd_hca_cap, c->general,
			       num_of_diagnostic_counters);
	/* The list lives in the page; never read past it. */
	if (c->ncounters > (sizeof(c->debug) - PRM_OFF(debug_cap,
						       diagnostic_counter) / 8) /
				   PRM_SIZE(diagnostic_cntr_layout))
		c->ncounters = (sizeof(c->debug) -
				PRM_OFF(debug_cap, diagnostic_counter) / 8) /
			       PRM_SIZE(diagnostic_cntr_layout);
	return EXIT_OK;
}

static const uint8_t *cap_counter(const struct diag_caps *c, unsigned int i)
{
	return c->debug + PRM_OFF(debug_cap, diagnostic_counter) / 8 +
	       i * PRM_SIZE(diagnostic_cntr_layout);
}

static int diag_cap(struct cli *cli, int argc, char **argv)
{
	static const char *const fields[] = {
		"log_max_samples", "log_min_sample_period", "single",
		"repetitive", "diag_counter_tracer_dump",
	};
	const struct prm_struct *dbg = prm_struct_find("debug_cap");
	struct diag_caps c;
	unsigned int i;
	int rc;

	rc = cli_open(cli);
	if (!rc)
		rc = query_caps(cli, &c);
	if (rc)
		return rc;
	print_text("%-26s", "num_of_diagnostic_counters");
	print_uint("num_of_diagnostic_counters", " %" PRIu64 "\n", c.ncounters);
	print_text("%-26s", "device_frequency_khz");
	print_uint("device_frequency_khz", " %" PRIu64 "\n",
		   PRM_GET(cmd_hca_cap, c.general, device_frequency_khz));
	for (i = 0; i < ARRAY_SIZE(fields) && dbg; i++) {
		const struct prm_field *f = prm_field_find(dbg, fields[i]);

		if (!f)
			continue;
		print_text("%-26s", fields[i]);
		print_uint(fields[i], " %" PRIu64 "\n",
			   prm_get(c.debug, f->off, f->bits));
	}
	print_text("counters:\n");
	print_open_array("counters");
	for (i = 0; i < c.ncounters; i++) {
		const uint8_t *e = cap_counter(&c, i);
		uint16_t id = PRM_GET(diagnostic_cntr_layout, e, counter_id);

		print_open_object(NULL);
		print_hex("counter_id", "  %#06" PRIx64, id);
		print_bool("sync", NULL,
			   PRM_GET(diagnostic_cntr_layout, e, sync));
		print_text(" %-5s", PRM_GET(diagnostic_cntr_layout, e, sync) ?
					    "sync" : "");
		print_string("name", " %s\n", counter_name(id));
		print_close_object();
	}
	print_close_array();
	return EXIT_OK;
}

/* QUERY_DIAGNOSTIC_PARAMS: the context and the counters being sampled. */
static int query_params(struct cli *cli, unsigned int max, uint8_t **outp,
			size_t *outlen)
{
	uint8_t in[PRM_SIZE(query_diagnostic_params_in)] = {};
	size_t len = PRM_SIZE(query_diagnostic_params_out) +
		     (size_t)max * PRM_SIZE(counter_id);
	uint8_t *out = calloc(1, len);
	int rc;

	if (!out) {
		report_error(cli->devname, "QUERY_DIAGNOSTIC_PARAMS", ENOMEM,
			     NULL);
		return EXIT_FAIL;
	}
	PRM_SET(query_diagnostic_params_in, in, opcode,
		MLX5_CMD_OP_QUERY_DIAGNOSTIC_PARAMS);
	rc = cli_result(cli, "QUERY_DIAGNOSTIC_PARAMS",
			mlx5ctl_rpc(cli->dev, NULL, in, sizeof(in), out, len),
			out);
	if (rc) {
		free(out);
		return rc;
	}
	*outp = out;
	*outlen = len;
	return EXIT_OK;
}

static const uint8_t *params_ctx(const uint8_t *out)
{
	return PRM_ADDR(query_diagnostic_params_out, out,
			diagnostic_params_context);
}

/* Counters in the params answer, bounded by what fits. */
static unsigned int params_ncounters(const uint8_t *out, size_t len)
{
	unsigned int n = PRM_GET(diagnostic_params_context, params_ctx(out),
				 num_of_counters);
	size_t fit = (len - PRM_SIZE(query_diagnostic_params_out)) /
		     PRM_SIZE(counter_id);

	return n < fit ? n : fit;
}

static uint16_t params_counter(const uint8_t *out, unsigned int i)
{
	return PRM_GET(counter_id, out + PRM_SIZE(query_diagnostic_params_out) +
					   i * PRM_SIZE(counter_id),
		       counter_id);
}

static int diag_params(struct cli *cli, int argc, char **argv)
{
	const struct prm_struct *s = prm_struct_find("diagnostic_params_context");
	struct diag_caps c;
	unsigned int i, n;
	uint8_t *out;
	size_t len;
	int rc;

	rc = cli_open(cli);
	if (!rc)
		rc = query_caps(cli, &c);
	if (!rc)
		rc = query_params(cli, c.ncounters, &out, &len);
	if (rc)
		return rc;
	print_open_object("params");
	if (s)
		decode_print(s, params_ctx(out), PRM_SIZE(diagnostic_params_context),
			     0);
	print_close_object();
	n = params_ncounters(out, len);
	print_text("counters:\n");
	print_open_array("counters");
	for (i = 0; i < n; i++) {
		uint16_t id = params_counter(out, i);

		print_open_object(NULL);
		print_hex("counter_id", "  %#06" PRIx64, id);
		print_string("name", " %s\n", counter_name(id));
		print_close_object();
	}
	print_close_array();
	free(out);
	return EXIT_OK;
}

struct set_args {
	bool disable, all;
	uint16_t ids[256];
	unsigned int nids;
	uint64_t period, samples;
	bool have_period, have_samples;
	bool single, repetitive, on_demand, sync, clear;
};

static int parse_ids(const char *list, struct set_args *a)
{
	char *copy = strdup(list), *tok, *save = NULL;
	uint64_t v;
	int ret = 0;

	if (!copy)
		return -1;
	for (tok = strtok_r(copy, ",", &save); tok && !ret;
	     tok = strtok_r(NULL, ",", &save)) {
		if (a->nids == ARRAY_SIZE(a->ids) || parse_u64(tok, 0xffff, &v)) {
			report_misuse("diagcnt set: bad counter id \"%s\"", tok);
			ret = -1;
			break;
		}
		a->ids[a->nids++] = v;
	}
	free(copy);
	if (!ret && !a->nids) {
		report_misuse("diagcnt set: counters needs ids");
		ret = -1;
	}
	return ret;
}

static int parse_set(int argc, char **argv, struct set_args *a)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *w = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(w, "disable"))
			a->disable = true;
		else if (!strcmp(w, "single"))
			a->single = true;
		else if (!strcmp(w, "repetitive"))
			a->repetitive = true;
		else if (!strcmp(w, "on-demand"))
			a->on_demand = true;
		else if (!strcmp(w, "sync"))
			a->sync = true;
		else if (!strcmp(w, "clear"))
			a->clear = true;
		else if (v && !strcmp(w, "counters")) {
			i++;
			if (!strcmp(v, "all"))
				a->all = true;
			else if (parse_ids(v, a))
				return -1;
		} else if (v && !strcmp(w, "period")) {
			i++;
			if (parse_u64(v, 0xff, &a->period)) {
				report_misuse("diagcnt set: period \"%s\" is not a log2 in 0..255", v);
				return -1;
			}
			a->have_period = true;
		} else if (v && !strcmp(w, "samples")) {
			i++;
			if (parse_u64(v, 0xff, &a->samples)) {
				report_misuse("diagcnt set: samples \"%s\" is not a log2 in 0..255", v);
				return -1;
			}
			a->have_samples = true;
		} else {
			report_misuse("diagcnt set: unknown or incomplete \"%s\"", w);
			return -1;
		}
	}
	if (a->single + a->repetitive + a->on_demand > 1) {
		report_misuse("diagcnt set: single, repetitive and on-demand exclude each other");
		return -1;
	}
	if (!a->disable && !a->single && !a->on_demand)
		a->repetitive = true;
	return 0;
}

static int diag_set(struct cli *cli, int argc, char **argv)
{
	struct set_args a = {};
	uint8_t out[PRM_SIZE(set_diagnostic_params_out)] = {};
	struct diag_caps c;
	uint8_t *in, *ctx;
	unsigned int i, n;
	size_t inlen;
	int rc;

	if (parse_set(argc, argv, &a))
		return cli_usage("diagcnt", diagcnt_usage, true);
	rc = cli_open(cli);
	if (!rc)
		rc = query_caps(cli, &c);
	if (rc)
		return rc;
	n = a.disable ? 0 : a.all || !a.nids ? c.ncounters : a.nids;
	inlen = PRM_SIZE(set_diagnostic_params_in) + n * PRM_SIZE(counter_id);
	in = calloc(1, inlen);
	if (!in) {
		report_error(cli->devname, "SET_DIAGNOSTIC_PARAMS", ENOMEM, NULL);
		return EXIT_FAIL;
	}
	PRM_SET(set_diagnostic_params_in, in, opcode,
		MLX5_CMD_OP_SET_DIAGNOSTIC_PARAMS);
	ctx = PRM_ADDR(set_diagnostic_params_in, in, diagnostic_params_context);
	if (!a.disable) {
		PRM_SET(diagnostic_params_context, ctx, enable, 1);
		PRM_SET(diagnostic_params_context, ctx, num_of_counters, n);
		PRM_SET(diagnostic_params_context, ctx, single, a.single);
		PRM_SET(diagnostic_params_context, ctx, repetitive, a.repetitive);
		PRM_SET(diagnostic_params_context, ctx, on_demand, a.on_demand);
		PRM_SET(diagnostic_params_context, ctx, sync, a.sync);
		PRM_SET(diagnostic_params_context, ctx, clear, a.clear);
		/* Unspecified: the device's limits, shortest and largest. */
		PRM_SET(diagnostic_params_context, ctx, log_sample_period,
			a.have_period ? a.period :
					PRM_GET(debug_cap, c.debug,
						log_min_sample_period));
		PRM_SET(diagnostic_params_context, ctx, log_num_of_samples,
			a.have_samples ? a.samples :
					 PRM_GET(debug_cap, c.debug,
						 log_max_samples));
		for (i = 0; i < n; i++)
			PRM_SET(counter_id,
				in + PRM_SIZE(set_diagnostic_params_in) +
					i * PRM_SIZE(counter_id),
				counter_id,
				a.nids ? a.ids[i] :
					 PRM_GET(diagnostic_cntr_layout,
						 cap_counter(&c, i), counter_id));
	} else {
		PRM_SET(diagnostic_params_context, ctx, clear, 1);
	}
	rc = cli_result(cli, "SET_DIAGNOSTIC_PARAMS",
			mlx5ctl_rpc(cli->dev, NULL, in, inlen, out, sizeof(out)),
			out);
	free(in);
	if (!rc)
		print_text("%s %u counters\n", a.disable ? "disabled" : "sampling",
			   n);
	return rc;
}

struct dump_args {
	uint64_t samples, interval_ms;
	bool csv;
};

static int parse_dump(int argc, char **argv, struct dump_args *a)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(argv[i], "--csv")) {
			a->csv = true;
		} else if (v && !strcmp(argv[i], "--samples")) {
			if (parse_u64(v, 1000000, &a->samples) || !a->samples) {
				report_misuse("diagcnt dump: --samples \"%s\" is not a count in 1..1000000", v);
				return -1;
			}
			i++;
		} else if (v && !strcmp(argv[i], "--interval")) {
			if (parse_u64(v, 3600000, &a->interval_ms)) {
				report_misuse("diagcnt dump: --interval \"%s\" is not milliseconds in 0..3600000", v);
				return -1;
			}
			i++;
		} else {
			report_misuse("diagcnt dump: unknown or incomplete \"%s\"",
				      argv[i]);
			return -1;
		}
	}
	if (a->csv && print_is_json()) {
		report_misuse("diagcnt dump: --csv and -j exclude each other");
		return -1;
	}
	return 0;
}

static void sleep_ms(uint64_t ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static void print_sample(const struct dump_args *a, uint64_t n,
			 const uint8_t *e, unsigned int count)
{
	unsigned int i;

	if (!a->csv) {
		print_open_object(NULL);
		print_uint("sample", "sample %" PRIu64 ":\n", n);
		print_open_array("counters");
	}
	for (i = 0; i < count; i++, e += PRM_SIZE(diagnostic_cntr_struct)) {
		uint16_t id = PRM_GET(diagnostic_cntr_struct, e, counter_id);
		uint64_t val = PRM_GET(diagnostic_cntr_struct, e, counter_value_h)
				       << 32 |
			       PRM_GET(diagnostic_cntr_struct, e, counter_value_l);
		uint64_t sid = PRM_GET(diagnostic_cntr_struct, e, sample_id);
		uint64_t ts = PRM_GET(diagnostic_cntr_struct, e, time_stamp_31_0);

		if (a->csv) {
			printf("%" PRIu64 ",%#06x,%s,%" PRIu64 ",%" PRIu64 ",%" PRIu64 "\n",
			       n, id, counter_name(id), sid, ts, val);
			continue;
		}
		print_open_object(NULL);
		print_hex("counter_id", "  %#06" PRIx64, id);
		print_string("name", " %-40s", counter_name(id));
		print_uint("sample_id", " sample_id %-6" PRIu64, sid);
		print_uint("timestamp", " timestamp %-10" PRIu64, ts);
		print_uint("value", " value %" PRIu64 "\n", val);
		print_close_object();
	}
	if (!a->csv) {
		print_close_array();
		print_close_object();
	}
	fflush(stdout);
}

static int diag_dump(struct cli *cli, int argc, char **argv)
{
	struct dump_args a = { .samples = 1, .interval_ms = 1000 };
	uint8_t in[PRM_SIZE(query_diagnostic_cntrs_in)] = {};
	struct diag_caps c;
	uint8_t *params, *out = NULL;
	size_t plen, outlen;
	unsigned int n;
	uint64_t s;
	int rc;

	if (parse_dump(argc, argv, &a))
		return cli_usage("diagcnt", diagcnt_usage, true);
	rc = cli_open(cli);
	if (!rc)
		rc = query_caps(cli, &c);
	if (!rc)
		rc = query_params(cli, c.ncounters, &params, &plen);
	if (rc)
		return rc;
	n = params_ncounters(params, plen);
	if (!PRM_GET(diagnostic_params_context, params_ctx(params), enable) ||
	    !n) {
		free(params);
		report_misuse("%s: diagcnt dump: the device samples no counters; start with \"diagcnt set\" (scope debug-write)",
			      cli->devname);
		return EXIT_FAIL;
	}
	free(params);
	outlen = PRM_SIZE(query_diagnostic_cntrs_out) +
		 (size_t)n * PRM_SIZE(diagnostic_cntr_struct);
	out = calloc(1, outlen);
	if (!out) {
		report_error(cli->devname, "QUERY_DIAGNOSTIC_COUNTERS", ENOMEM,
			     NULL);
		return EXIT_FAIL;
	}
	PRM_SET(query_diagnostic_cntrs_in, in, opcode,
		MLX5_CMD_OP_QUERY_DIAGNOSTIC_COUNTERS);
	PRM_SET(query_diagnostic_cntrs_in, in, num_of_samples, n);
	if (a.csv)
		printf("sample,counter_id,name,sample_id,timestamp,value\n");
	else
		print_open_array("samples");
	for (s = 0; s < a.samples; s++) {
		if (s)
			sleep_ms(a.interval_ms);
		rc = cli_result(cli, "QUERY_DIAGNOSTIC_COUNTERS",
				mlx5ctl_rpc(cli->dev, NULL, in, sizeof(in), out,
					    outlen),
				out);
		if (rc)
			break;
		print_sample(&a, s, out + PRM_SIZE(query_diagnostic_cntrs_out),
			     n);
	}
	if (!a.csv)
		print_close_array();
	free(out);
	return rc;
}

static const struct cli_cmd diagcnt_cmds[] = {
	{ "cap", diag_cap, "counters the device can sample, and its limits" },
	{ "params", diag_params, "what is being sampled" },
	{ "set", diag_set, "choose counters and sampling (debug-write)" },
	{ "dump", diag_dump, "read samples: text, JSON or CSV" },
	{}
};

int do_diagcnt(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, "diagcnt", diagcnt_usage, diagcnt_cmds, argc,
			    argv);
}
