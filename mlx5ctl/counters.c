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
	"       mlx5ctl [OPTIONS] -d DEV counters port [local_port N] [grp GROUP]...\n"
	"                                         [clear] [--format FORMAT]\n"
	"  vport: this function's traffic counters (QUERY_VPORT_COUNTER);\n"
	"  q ID: the RDMA counter set ID (QUERY_Q_COUNTER, a QP's counter_set_id);\n"
	"  port: PPCNT counter groups of a port (default: port 1, the Ethernet\n"
	"  groups; per_prio and per_tc for each of the 8 priorities / classes);\n"
	"  clear: read and clear those groups (PPCNT clr, -s debug-write).\n"
	"  FORMAT := { text | json | prometheus } (default: text, json with -j);\n"
	"  prometheus prints the text exposition format for a textfile collector.\n";

enum counters_format {
	FMT_TEXT,
	FMT_JSON,
	FMT_PROMETHEUS,
};

/*
 * Samples are collected, then printed: the exposition format wants every
 * sample of a metric in one group, and per-priority groups read the same
 * counter eight times.
 */
struct sample {
	char name[128];		/* metric name without prefix and _total */
	char labels[96];	/* extra labels: ,prio="3",lane="1" */
	double val;
	bool gauge;		/* not monotonic: no _total, TYPE gauge */
	bool integral;		/* printed as an integer */
	const char *help;	/* what the value is, beyond the field name */
};

struct counters_out {
	enum counters_format fmt;
	const char *prefix;	/* metric name prefix: mlx5_vport_ */
	const char *help;	/* what the HELP line says of the source */
	char labels[256];	/* {ibdev="...",pci="..." without the brace */
	const char *group;	/* name prefix of the samples being added */
	char extra[64];		/* their extra labels */
	struct sample *s;
	size_t n, cap;
	bool oom;
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

/*
 * Fields whose unit is not the base unit, or that are not counters.  The
 * rest are monotonic counts of events, packets or bytes.
 */
static const struct {
	const char *suffix;	/* of the field name */
	const char *renamed;	/* the suffix in the metric name */
	double scale;		/* to the base unit */
	bool gauge;
	const char *help;
} unit_rules[] = {
	{ "time_since_last_clear", "time_since_last_clear_seconds", 1e-3, true,
	  "seconds since the counters were cleared (the field counts ms)" },
	{ "_received_bits", "_received_bytes", 1.0 / 8, false,
	  "bytes received (the field counts bits)" },
	{ "_corrected_bits", "_corrected_bit_errors", 1, false,
	  "bit errors corrected" },
};

static struct sample *new_sample(struct counters_out *o)
{
	struct sample *smp;

	if (o->n == o->cap) {
		size_t cap = o->cap ? 2 * o->cap : 64;

		smp = realloc(o->s, cap * sizeof(*smp));
		if (!smp) {
			o->oom = true;
			return NULL;
		}
		o->s = smp;
		o->cap = cap;
	}
	smp = &o->s[o->n++];
	memset(smp, 0, sizeof(*smp));
	smp->integral = true;
	return smp;
}

/* NAME's per-lane suffix ("_lane3") as a lane label, taken off NAME. */
static void lane_label(char *name, char *labels, size_t len)
{
	char *p = strstr(name, "_lane");
	size_t n = strlen(labels);

	if (!p || !p[5] || strspn(p + 5, "0123456789") != strlen(p + 5))
		return;
	snprintf(labels + n, len - n, ",lane=\"%s\"", p + 5);
	*p = 0;
}

/* "octets" are bytes: the base unit's name. */
static void bytes_not_octets(char *name, size_t len)
{
	char *p, tmp[128];

	while ((p = strstr(name, "octets"))) {
		snprintf(tmp, sizeof(tmp), "%.*sbytes%s", (int)(p - name), name,
			 p + 6);
		snprintf(name, len, "%s", tmp);
	}
}

static void apply_unit_rules(struct sample *smp)
{
	size_t i, n = strlen(smp->name), m;

	for (i = 0; i < ARRAY_SIZE(unit_rules); i++) {
		if (!str_ends_with(smp->name, unit_rules[i].suffix))
			continue;
		m = strlen(unit_rules[i].suffix);
		snprintf(smp->name + n - m, sizeof(smp->name) - (n - m), "%s",
			 unit_rules[i].renamed);
		smp->val *= unit_rules[i].scale;
		smp->integral = unit_rules[i].scale == 1;
		smp->gauge = unit_rules[i].gauge;
		smp->help = unit_rules[i].help;
		return;
	}
}

static void emit(void *ctx, const char *name, uint64_t val)
{
	struct counters_out *o = ctx;
	struct sample *smp;

	if (o->fmt != FMT_PROMETHEUS) {
		print_uint(name, NULL, val);
		print_text("%-40s %" PRIu64 "\n", name, val);
		return;
	}
	smp = new_sample(o);
	if (!smp)
		return;
	snprintf(smp->name, sizeof(smp->name), "%s%s%s",
		 o->group ? o->group : "", o->group ? "_" : "", name);
	snprintf(smp->labels, sizeof(smp->labels), "%s", o->extra);
	smp->val = val;
	lane_label(smp->name, smp->labels, sizeof(smp->labels));
	bytes_not_octets(smp->name, sizeof(smp->name));
	apply_unit_rules(smp);
}

/*
 * A bit error rate comes as a coefficient and a magnitude (BER = coef *
 * 10^-magnitude); the pair becomes one gauge, the ratio, named by their
 * stem ("_fec" dropped: symbol_fec_ber_coef pairs with symbol_ber_magnitude).
 */
static bool ber_stem(const char *name, char *stem, size_t len, bool *coef)
{
	const char *suffix = str_ends_with(name, "_coef") ? "_coef" :
			     str_ends_with(name, "_magnitude") ? "_magnitude" : NULL;
	char *p;

	if (!suffix || !strstr(name, "_ber"))
		return false;
	*coef = suffix[1] == 'c';
	snprintf(stem, len, "%.*s", (int)(strlen(name) - strlen(suffix)), name);
	p = strstr(stem, "_fec_ber");
	if (p)
		memmove(p, p + 4, strlen(p + 4) + 1);
	return true;
}

static void combine_ber(struct counters_out *o)
{
	char stem[128], other[128];
	bool coef, ocoef;
	size_t i, j;

	for (i = 0; i < o->n; i++) {
		if (o->s[i].gauge || !ber_stem(o->s[i].name, stem, sizeof(stem),
					       &coef) || !coef)
			continue;
		for (j = 0; j < o->n; j++) {
			if (j == i || !ber_stem(o->s[j].name, other,
						sizeof(other), &ocoef) ||
			    ocoef || strcmp(stem, other) ||
			    strcmp(o->s[i].labels, o->s[j].labels))
				continue;
			snprintf(o->s[i].name, sizeof(o->s[i].name), "%s", stem);
			/* A magnitude past 400 is 0 anyway; no cast of 2^64. */
			o->s[i].val *= ten_to_minus(o->s[j].val > 400 ? 401 :
						    (uint64_t)o->s[j].val);
			o->s[i].gauge = true;
			o->s[i].integral = false;
			o->s[i].help = "bit error rate, coef * 10^-magnitude";
			o->s[j].name[0] = 0;	/* consumed */
			break;
		}
	}
}

static void print_sample_value(const struct sample *smp)
{
	if (smp->integral)
		printf(" %.0f\n", smp->val);
	else
		printf(" %.10g\n", smp->val);
}

/* Field names are [a-z0-9_]: already valid metric name characters. */
static int flush_prometheus(struct counters_out *o)
{
	const char *suffix;
	size_t i, j;
	bool *done;

	combine_ber(o);
	done = o->oom ? NULL : calloc(o->n ? o->n : 1, sizeof(*done));
	if (!done) {
		free(o->s);
		o->s = NULL;
		report_error(NULL, "counters", ENOMEM, NULL);
		return EXIT_FAIL;
	}
	for (i = 0; i < o->n; i++) {
		if (done[i] || !o->s[i].name[0])
			continue;
		suffix = o->s[i].gauge ? "" : "_total";
		printf("# HELP %s%s%s %s %s%s%s\n", o->prefix, o->s[i].name,
		       suffix, o->help, o->s[i].name, o->s[i].help ? ": " : "",
		       o->s[i].help ? o->s[i].help : "");
		printf("# TYPE %s%s%s %s\n", o->prefix, o->s[i].name, suffix,
		       o->s[i].gauge ? "gauge" : "counter");
		for (j = i; j < o->n; j++) {
			if (done[j] || strcmp(o->s[i].name, o->s[j].name))
				continue;
			printf("%s%s%s%s%s}", o->prefix, o->s[j].name, suffix,
			       o->labels, o->s[j].labels);
			print_sample_value(&o->s[j]);
			done[j] = true;
		}
	}
	free(done);
	free(o->s);
	o->s = NULL;
	o->n = o->cap = 0;
	return EXIT_OK;
}

/*
 * Identity labels from the device itself, never the -d string: one NIC
 * named by its ibdev, its PCI address or its netdev is one series.
 */
static void set_labels(struct cli *cli, struct counters_out *o,
		       const char *extra)
{
	struct mlx5ctl_info info = {};
	char ibdev[128], pci[64];

	if (cli->dev)
		mlx5ctl_query_info(cli->dev, &info);
	label_value(ibdev, sizeof(ibdev), info.ibdev);
	label_value(pci, sizeof(pci), info.pci);
	snprintf(o->labels, sizeof(o->labels), "{ibdev=\"%s\",pci=\"%s\"%s",
		 ibdev, pci, extra);
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
	if (o->fmt == FMT_PROMETHEUS) {
		diag_counters(s, out, len, header_fields, emit, o);
		return flush_prometheus(o);
	}
	print_open_object("counters");
	diag_counters(s, out, len, header_fields, emit, o);
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
		} else if (!strcmp(argv[i], "json")) {
			/* --format json is -j. */
			print_json_on();
			*fmt = FMT_JSON;
		} else if (!strcmp(argv[i], "prometheus") && !print_is_json()) {
			*fmt = FMT_PROMETHEUS;
		} else {
			report_misuse("counters: format \"%s\" %s", argv[i],
				      print_is_json() ?
				      "does not go with -j" :
				      "is not text, json or prometheus");
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
		.prefix = "mlx5_q_",
		.help = "QUERY_Q_COUNTER",
	};
	char what[64], extra[64];
	uint64_t id;
	int rc;

	rc = parse_format(&argc, argv, &o.fmt);
	if (rc)
		return rc;
	if (!argc) {
		report_misuse("counters q: which counter set (ID)?");
		return cli_usage("counters", counters_usage, true);
	}
	if (argc > 1) {
		report_misuse("counters q: unexpected \"%s\" (one ID only)",
			      argv[1]);
		return cli_usage("counters", counters_usage, true);
	}
	if (parse_u64(argv[0], (1ull << PRM_BITS(query_q_counter_in,
						 counter_set_id)) - 1, &id)) {
		report_misuse("counters q: \"%s\" is not a counter set id (0..0xff)",
			      argv[0]);
		return EXIT_USAGE;
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

/*
 * PPCNT groups: the Ethernet groups the PRM defines, read by default.
 * Per priority and per traffic class groups are read for each of the 8.
 */
static const uint8_t port_groups[] = { 0x0, 0x1, 0x2, 0x3, 0x5, 0x6,
				       0x10, 0x11, 0x12, 0x16 };

#define PPCNT_PER_PRIO 0x10
#define PPCNT_PER_TC 0x11
#define PPCNT_NUM_PRIO 8
#define PORT_MAX_GROUPS 32

/* OUT: what came back (an outbox header on EREMOTEIO); SENT: the request. */
static void ppcnt_failed(struct cli *cli, const char *gname, int err,
			 const uint8_t *out, const uint8_t *sent)
{
	uint8_t in[CMD_HDR_LEN + PRM_SIZE(ppcnt_reg)] = {};
	char what[64];

	snprintf(what, sizeof(what), "PPCNT grp %s", gname);
	report_error(cli->devname, what, err, err == EREMOTEIO ? out : NULL);
	cmd_access_reg_set(in, PRM_REG_PPCNT, false, sent, PRM_SIZE(ppcnt_reg));
	cli_explain_cmd(cli, err, in, sizeof(in));
}

static int port_group(struct cli *cli, struct counters_out *o, uint8_t port,
		      uint8_t grp, bool clear, int *failed)
{
	const struct prm_reg *r = prm_reg_find("PPCNT");
	const struct prm_field *gf = r ? prm_field_find(r->layout, "grp") : NULL;
	const char *gname = gf ? prm_enum_name(gf, grp) : NULL;
	const struct prm_field *cs;
	const struct prm_struct *layout;
	bool per = grp == PPCNT_PER_PRIO || grp == PPCNT_PER_TC;
	bool text = o->fmt != FMT_PROMETHEUS;
	unsigned int prio, n = per ? PPCNT_NUM_PRIO : 1;
	char name[32], idx[12];
	int err;

	if (!r || !gf)
		return EXIT_FAIL;
	if (!gname) {
		snprintf(name, sizeof(name), "grp_%#x", grp);
		gname = name;
	} else {
		snprintf(name, sizeof(name), "%s", gname);
		gname = name;
	}
	cs = prm_field_find(r->layout, "counter_set");
	if (text)
		print_text("%s:\n", gname);
	print_open_object(gname);
	for (prio = 0; prio < n; prio++) {
		uint8_t data[PRM_SIZE(ppcnt_reg)] = {};
		uint8_t sent[PRM_SIZE(ppcnt_reg)];

		PRM_SET(ppcnt_reg, data, local_port, port);
		PRM_SET(ppcnt_reg, data, grp, grp);
		PRM_SET(ppcnt_reg, data, prio_tc, prio);
		PRM_SET(ppcnt_reg, data, clr, clear);
		/* The request, for the note: DATA becomes the answer. */
		memcpy(sent, data, sizeof(sent));
		err = mlx5ctl_reg_read(cli->dev, r->id, 0, data, sizeof(data));
		if (err) {
			ppcnt_failed(cli, gname, err, data, sent);
			*failed = EXIT_FAIL;
			break;
		}
		layout = cs ? prm_choice(r->layout, cs, data, sizeof(data)) : NULL;
		if (!layout)
			continue;
		o->group = gname;
		o->extra[0] = 0;
		if (per) {
			snprintf(o->extra, sizeof(o->extra), ",%s=\"%u\"",
				 grp == PPCNT_PER_PRIO ? "prio" : "tc", prio);
			snprintf(idx, sizeof(idx), "%u", prio);
			if (text)
				print_text(" %s %u:\n",
					   grp == PPCNT_PER_PRIO ? "prio" : "tc",
					   prio);
			print_open_object(idx);
		}
		diag_counters(layout, PRM_ADDR(ppcnt_reg, data, counter_set),
			      PRM_SIZE(ppcnt_reg) - PRM_OFF(ppcnt_reg, counter_set) / 8,
			      NULL, emit, o);
		if (per)
			print_close_object();
	}
	print_close_object();
	return EXIT_OK;
}

struct port_args {
	uint64_t port;
	uint8_t grps[PORT_MAX_GROUPS];
	size_t ngrps;
	bool clear;
};

static int parse_group(const struct prm_field *gf, const char *word,
		       struct port_args *a)
{
	uint64_t v;

	if (prm_enum_value(gf, word, &v) &&
	    parse_u64(word, (1u << gf->bits) - 1, &v)) {
		report_misuse("counters port: unknown group \"%s\" (see \"mlx5ctl prm show PPCNT\")",
			      word);
		return EXIT_USAGE;
	}
	if (a->ngrps == PORT_MAX_GROUPS) {
		report_misuse("counters port: too many groups");
		return EXIT_USAGE;
	}
	a->grps[a->ngrps++] = v;
	return EXIT_OK;
}

/* [local_port N] [grp GROUP]... [clear] */
static int parse_port_args(const struct prm_field *gf, int argc, char **argv,
			   struct port_args *a)
{
	int i, rc;

	for (i = 0; i < argc; i += 2) {
		if (!strcmp(argv[i], "clear")) {
			a->clear = true;
			i--;
			continue;
		}
		if (strcmp(argv[i], "local_port") && strcmp(argv[i], "grp")) {
			report_misuse("counters port: unexpected \"%s\"", argv[i]);
			return cli_usage("counters", counters_usage, true);
		}
		if (i + 1 >= argc) {
			report_misuse("counters port: %s needs a value", argv[i]);
			return cli_usage("counters", counters_usage, true);
		}
		if (!strcmp(argv[i], "grp")) {
			rc = parse_group(gf, argv[i + 1], a);
			if (rc)
				return rc;
		} else if (parse_u64(argv[i + 1], 0xff, &a->port) || !a->port) {
			report_misuse("counters port: local_port \"%s\" is not 1..255",
				      argv[i + 1]);
			return EXIT_USAGE;
		}
	}
	if (!a->ngrps) {
		memcpy(a->grps, port_groups, sizeof(port_groups));
		a->ngrps = sizeof(port_groups);
	}
	return EXIT_OK;
}

/*
 * clear is a write, whatever the kernel classes it as (upstream fwctl
 * passes a PPCNT read with clr at debug-read-only): it needs -s
 * debug-write on every backend, and is warned of and confirmed as "reg
 * set" is.
 */
static int confirm_clear(struct cli *cli, const struct prm_field *gf,
			 const struct port_args *a)
{
	uint8_t in[CMD_HDR_LEN + PRM_SIZE(ppcnt_reg)] = {};
	uint8_t data[PRM_SIZE(ppcnt_reg)] = {};
	struct mlx5ctl_info info = {};
	char changes[1024];
	const char *name;
	size_t i, n;

	if (!mlx5ctl_query_info(cli->dev, &info) &&
	    info.scope < MLX5CTL_SCOPE_DEBUG_WRITE) {
		report_error(cli->devname, "clear PPCNT counters", EPERM, NULL);
		report_note("clearing counters is a write: it needs -s debug-write or above on any backend (scope %s)",
			    mlx5ctl_scope_str(info.scope));
		return EXIT_FAIL;
	}

	n = snprintf(changes, sizeof(changes), "PPCNT local_port %" PRIu64
		     ": clear", a->port);
	for (i = 0; i < a->ngrps && n < sizeof(changes); i++) {
		name = prm_enum_name(gf, a->grps[i]);
		n += snprintf(changes + n, sizeof(changes) - n, " %s",
			      name ? name : "?");
	}
	if (n < sizeof(changes))
		snprintf(changes + n, sizeof(changes) - n, "\n");
	PRM_SET(ppcnt_reg, data, local_port, a->port);
	PRM_SET(ppcnt_reg, data, grp, a->grps[0]);
	PRM_SET(ppcnt_reg, data, clr, 1);
	cmd_access_reg_set(in, PRM_REG_PPCNT, false, data, sizeof(data));
	return cli_write_ok(cli, "clear PPCNT counters", in, sizeof(in),
			    changes);
}

static int counters_port(struct cli *cli, int argc, char **argv)
{
	const struct prm_reg *r = prm_reg_find("PPCNT");
	const struct prm_field *gf = r ? prm_field_find(r->layout, "grp") : NULL;
	struct counters_out o = {
		.prefix = "mlx5_port_",
		.help = "PPCNT",
	};
	struct port_args a = { .port = 1 };
	char extra[64];
	int rc, failed = EXIT_OK;
	size_t i;

	rc = parse_format(&argc, argv, &o.fmt);
	if (rc)
		return rc;
	if (!gf)
		return EXIT_FAIL;
	rc = parse_port_args(gf, argc, argv, &a);
	if (!rc)
		rc = cli_open(cli);
	if (!rc && a.clear)
		rc = confirm_clear(cli, gf, &a);
	if (rc)
		return rc;
	snprintf(extra, sizeof(extra), ",port=\"%" PRIu64 "\"", a.port);
	set_labels(cli, &o, extra);
	print_string("device", NULL, cli->devname);
	print_uint("port", NULL, a.port);
	print_open_object("groups");
	/*
	 * The first failure ends the command (exit 1 either way): what
	 * refused one group - a port the device lacks, a clear the policy
	 * forbids, a device that timed out or went away - refuses the next
	 * the same way, and one line says it better than ten.
	 */
	for (i = 0; i < a.ngrps && !failed; i++)
		port_group(cli, &o, a.port, a.grps[i], a.clear, &failed);
	print_close_object();
	if (o.fmt == FMT_PROMETHEUS) {
		rc = flush_prometheus(&o);
		if (rc)
			return rc;
	}
	return failed;
}

static const struct cli_cmd counters_cmds[] = {
	{ "vport", counters_vport, "this function's traffic counters" },
	{ "q", counters_q, "an RDMA counter set (Q counter)" },
	{ "port", counters_port, "PPCNT counter groups of a port" },
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
