// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl -d DEV obj show TYPE ID: the firmware's context of one object
 * (QUERY_QP, QUERY_CQ, ...), decoded through the layout database.  One
 * table row per type: the query command, where its input takes the
 * object number, and which output field holds the context.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "decode.h"
#include "opcodes.h"
#include "print.h"
#include "prm.h"

static const char obj_usage[] =
	"Usage: mlx5ctl [OPTIONS] -d DEV obj show TYPE ID\n"
	"       mlx5ctl [OPTIONS] obj list\n"
	"  TYPE := { qp | cq | eq | sq | rq | rqt | tir | tis | srq | dct | mkey }\n"
	"  ID is the object number (qpn, cqn, ...); for mkey the mkey index,\n"
	"  which is the mkey value shifted right by 8.\n";

struct obj_type {
	const char *name;
	uint16_t opcode;
	const char *opname;
	size_t inlen, outlen;
	uint32_t num_off, num_bits;	/* the number in the inbox */
	const char *out_layout;		/* query_qp_out */
	const char *ctx_field;		/* qpc */
	const char *num_name;		/* qpn */
};

#define OBJ(n, op, s, num, ctx)                                           \
	{ #n, MLX5_CMD_OP_##op, #op, PRM_SIZE(s##_in), PRM_SIZE(s##_out), \
	  PRM_OFF(s##_in, num), PRM_BITS(s##_in, num), #s "_out", #ctx, #num }

static const struct obj_type obj_types[] = {
	OBJ(qp, QUERY_QP, query_qp, qpn, qpc),
	OBJ(cq, QUERY_CQ, query_cq, cqn, cq_context),
	OBJ(eq, QUERY_EQ, query_eq, eq_number, eq_context_entry),
	OBJ(sq, QUERY_SQ, query_sq, sqn, sq_context),
	OBJ(rq, QUERY_RQ, query_rq, rqn, rq_context),
	OBJ(rqt, QUERY_RQT, query_rqt, rqtn, rqt_context),
	OBJ(tir, QUERY_TIR, query_tir, tirn, tir_context),
	OBJ(tis, QUERY_TIS, query_tis, tisn, tis_context),
	OBJ(srq, QUERY_SRQ, query_srq, srqn, srq_context_entry),
	OBJ(dct, QUERY_DCT, query_dct, dctn, dct_context_entry),
	OBJ(mkey, QUERY_MKEY, query_mkey, mkey_index, memory_key_mkey_entry),
};

static const struct obj_type *obj_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(obj_types); i++)
		if (!strcasecmp(obj_types[i].name, name))
			return &obj_types[i];
	return NULL;
}

static void list_types(FILE *f)
{
	size_t i;

	fprintf(f, "TYPE :=");
	for (i = 0; i < ARRAY_SIZE(obj_types); i++)
		fprintf(f, "%s %s", i ? " |" : " {", obj_types[i].name);
	fprintf(f, " }\n");
}

static int obj_show(struct cli *cli, int argc, char **argv)
{
	const struct prm_struct *s;
	const struct prm_field *ctx;
	const struct obj_type *t;
	uint8_t *in = NULL, *out = NULL;
	char what[64];
	uint64_t num;
	int rc;

	if (argc != 2) {
		report_misuse("obj show: TYPE and ID, please");
		return cli_usage("obj", obj_usage, true);
	}
	t = obj_find(argv[0]);
	if (!t) {
		report_misuse("obj show: unknown object type \"%s\"", argv[0]);
		print_discard();
		list_types(stderr);
		return EXIT_USAGE;
	}
	if (parse_u64(argv[1], (1ull << t->num_bits) - 1, &num)) {
		report_misuse("obj show %s: \"%s\" is not a %s (0..%#llx)", t->name,
			      argv[1], t->num_name, (1ull << t->num_bits) - 1);
		return EXIT_USAGE;
	}
	s = prm_struct_find(t->out_layout);
	ctx = s ? prm_field_find(s, t->ctx_field) : NULL;
	if (!ctx || !ctx->sub) {
		report_misuse("obj show %s: no layout for %s.%s", t->name,
			      t->out_layout, t->ctx_field);
		return EXIT_FAIL;
	}
	rc = cli_open(cli);
	if (rc)
		return rc;
	in = calloc(1, t->inlen);
	out = calloc(1, t->outlen);
	if (!in || !out) {
		report_error(NULL, "obj", ENOMEM, NULL);
		rc = EXIT_FAIL;
		goto out;
	}
	cmd_hdr_set(in, t->opcode, 0);
	prm_set(in, t->num_off, t->num_bits, num);
	snprintf(what, sizeof(what), "%s %#" PRIx64, t->opname, num);
	rc = cli_result(cli, what,
			mlx5ctl_rpc(cli->dev, NULL, in, t->inlen, out,
				    t->outlen),
			out);
	if (rc)
		goto out;
	print_open_object(t->name);
	print_text("%s %#" PRIx64 "\n", t->num_name, num);
	print_hex(t->num_name, NULL, num);
	print_text("%s:\n", ctx->name);
	print_open_object(ctx->name);
	decode_print(ctx->sub, out + ctx->off / 8, t->outlen - ctx->off / 8, 2);
	print_close_object();
	print_close_object();
out:
	free(in);
	free(out);
	return rc;
}

static int obj_list(struct cli *cli, int argc, char **argv)
{
	size_t i;

	print_text("%-6s %-12s %s\n", "TYPE", "COMMAND", "ID");
	print_open_array("types");
	for (i = 0; i < ARRAY_SIZE(obj_types); i++) {
		const struct obj_type *t = &obj_types[i];

		print_open_object(NULL);
		print_string("name", "%-6s", t->name);
		print_string("command", " %-12s", t->opname);
		print_string("id", " %s\n", t->num_name);
		print_close_object();
	}
	print_close_array();
	return EXIT_OK;
}

static const struct cli_cmd obj_cmds[] = {
	{ "show", obj_show, "decode one object's firmware context" },
	{ "list", obj_list, "the object types known" },
	{}
};

int do_obj(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, "obj", obj_usage, obj_cmds, argc, argv);
}
