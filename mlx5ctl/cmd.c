// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl -d DEV cmd OPCODE [op_mod N] [in HEX|@FILE] [outlen N]: one raw
 * PRM command, for what no other command decodes yet.  The kernel's
 * policy still applies: this is not a way around the scope.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "opcodes.h"
#include "print.h"
#include "prm.h"

static const char cmd_usage[] =
	"Usage: mlx5ctl [OPTIONS] -d DEV cmd OPCODE [op_mod N] [in HEX|@FILE] [outlen N]\n"
	"  OPCODE is a number (0x80d) or a PRM name (NOP, QUERY_ISSI).\n"
	"  in: the command input that follows the opcode and op_mod dwords,\n"
	"      i.e. from byte 8 of the inbox, as hex digits (spaces and ':'\n"
	"      ignored) or the raw bytes of FILE; the inbox is at least 16 bytes.\n"
	"  outlen: outbox bytes, headers included (default 4112: a 16-byte\n"
	"      header and one 4096-byte page, enough for QUERY_HCA_CAP).\n"
	"  Prints status, syndrome and the outbox as a dump of big-endian dwords.\n";

/* The opcode dword and op_mod dword precede the caller's input. */
#define CMD_IN_OFFSET 8
#define CMD_DEFAULT_OUTLEN (CMD_HDR_LEN + 4096)
/* fwctl's limit; nothing larger can reach firmware. */
#define CMD_MAX_LEN (2u << 20)

static int parse_opcode(const char *word, uint16_t *opcode)
{
	uint64_t v;
	int op;

	if (!parse_u64(word, UINT16_MAX, &v)) {
		*opcode = v;
		return 0;
	}
	op = prm_opcode_by_name(word, true);
	if (op < 0)
		return EINVAL;
	*opcode = op;
	return 0;
}

struct cmd_args {
	uint16_t opcode;
	uint16_t op_mod;
	uint8_t *in;		/* input from byte CMD_IN_OFFSET */
	size_t inlen;
	size_t outlen;
};

/* The KEY VALUE words after the opcode; each at most once. */
static const char *const cmd_words[] = { "op_mod", "in", "outlen" };

static int cmd_word(const char *w, unsigned int *seen)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(cmd_words); k++)
		if (!strcmp(w, cmd_words[k]))
			break;
	if (k == ARRAY_SIZE(cmd_words)) {
		report_misuse("cmd: unexpected \"%s\" (op_mod, in or outlen)", w);
		return -1;
	}
	if (*seen & 1u << k) {
		report_misuse("cmd: %s is given twice", w);
		return -1;
	}
	*seen |= 1u << k;
	return 0;
}

static int parse_in(struct cmd_args *a, const char *val)
{
	char what[300];
	int err;

	if (val[0] == '@') {
		err = read_file(val + 1, &a->in, &a->inlen);
		if (err == EFBIG) {
			report_misuse("cmd: input %s longer than %u bytes",
				      val + 1, CMD_MAX_LEN);
			return EXIT_USAGE;
		}
		if (err) {
			snprintf(what, sizeof(what), "cmd: reading %s", val + 1);
			report_error(NULL, what, err, NULL);
			return EXIT_FAIL;
		}
	} else if (parse_hex_bytes(val, &a->in, &a->inlen)) {
		report_misuse("cmd: bad in \"%s\" (hex bytes or @FILE)", val);
		return EXIT_USAGE;
	}
	if (a->inlen > CMD_MAX_LEN - CMD_IN_OFFSET) {
		report_misuse("cmd: input longer than %u bytes", CMD_MAX_LEN);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int parse_args(struct cmd_args *a, int argc, char **argv)
{
	unsigned int seen = 0;
	const char *val;
	uint64_t v;
	int i;

	if (argc < 1) {
		report_misuse("cmd: which opcode?");
		return EXIT_USAGE;
	}
	if (parse_opcode(argv[0], &a->opcode)) {
		report_misuse("cmd: bad opcode \"%s\"", argv[0]);
		return EXIT_USAGE;
	}
	for (i = 1; i < argc; i += 2) {
		if (cmd_word(argv[i], &seen))
			return EXIT_USAGE;
		if (i + 1 >= argc) {
			report_misuse("cmd: %s needs a value", argv[i]);
			return EXIT_USAGE;
		}
		val = argv[i + 1];
		if (!strcmp(argv[i], "in")) {
			int rc = parse_in(a, val);

			if (rc)
				return rc;
		} else if (!strcmp(argv[i], "op_mod")) {
			if (parse_u64(val, UINT16_MAX, &v))
				goto bad;
			a->op_mod = v;
		} else {
			if (parse_u64(val, CMD_MAX_LEN, &v) || v < CMD_HDR_LEN)
				goto bad;
			a->outlen = v;
		}
	}
	return EXIT_OK;
bad:
	report_misuse("cmd: bad %s \"%s\"", argv[i], val);
	return EXIT_USAGE;
}

/* Text: offset and four big-endian dwords a line, repeats as "*". */
static void dump_text(FILE *f, const uint8_t *buf, size_t len)
{
	size_t off, i;
	bool starred = false;

	for (off = 0; off < len; off += 16) {
		size_t n = len - off < 16 ? len - off : 16;

		if (off && off + 16 < len && n == 16 &&
		    !memcmp(buf + off, buf + off - 16, 16)) {
			if (!starred)
				fprintf(f, "*\n");
			starred = true;
			continue;
		}
		starred = false;
		fprintf(f, "%04zx:", off);
		for (i = 0; i < n; i++)
			fprintf(f, "%s%02x", i % 4 ? "" : " ", buf[off + i]);
		fprintf(f, "\n");
	}
}

static void print_outbox(const struct cmd_args *a, const uint8_t *out)
{
	uint8_t status = mlx5ctl_cmd_status(out);
	const char *name = prm_opcode_name(a->opcode);
	char *hex;
	size_t i;

	print_hex("opcode", NULL, a->opcode);
	if (name)
		print_string("name", NULL, name);
	print_hex("op_mod", NULL, a->op_mod);
	print_text("status   ");
	print_hex("status", "0x%" PRIx64, status);
	print_string("status_str", " (%s)\n", mlx5ctl_status_str(status));
	print_text("syndrome ");
	print_hex("syndrome", "0x%" PRIx64 "\n", mlx5ctl_cmd_syndrome(out));
	if (!print_is_json()) {
		/* After a bad status only the header means anything. */
		if (!status)
			dump_text(stdout, out, a->outlen);
		return;
	}
	hex = malloc(a->outlen * 2 + 1);
	if (!hex)
		return;
	for (i = 0; i < a->outlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", out[i]);
	hex[2 * a->outlen] = 0;
	print_string("out", NULL, hex);
	free(hex);
}

static int run(struct cli *cli, struct cmd_args *a)
{
	size_t inlen = CMD_IN_OFFSET + a->inlen;
	const char *name = prm_opcode_name(a->opcode);
	char what[64];
	uint8_t *in, *out;
	int rc, err;

	if (inlen < CMD_HDR_LEN)
		inlen = CMD_HDR_LEN;
	in = calloc(1, inlen);
	out = calloc(1, a->outlen);
	if (!in || !out) {
		free(in);
		free(out);
		report_error(cli->devname, "cmd", ENOMEM, NULL);
		return EXIT_FAIL;
	}
	if (a->inlen)
		memcpy(in + CMD_IN_OFFSET, a->in, a->inlen);
	cmd_hdr_set(in, a->opcode, a->op_mod);
	if (cli->verbose) {
		fprintf(stderr, "mlx5ctl: inbox:\n");
		dump_text(stderr, in, inlen);
	}

	if (name)
		snprintf(what, sizeof(what), "%s (%#x)", name, a->opcode);
	else
		snprintf(what, sizeof(what), "command %#x", a->opcode);
	err = mlx5ctl_rpc(cli->dev, NULL, in, inlen, out, a->outlen);
	/* A firmware error still has an outbox worth showing. */
	if (!err || err == EREMOTEIO)
		print_outbox(a, out);
	rc = EXIT_OK;
	if (err) {
		report_error(cli->devname, what, err, err == EREMOTEIO ? out : NULL);
		cli_explain_cmd(cli, err, in, inlen);
		rc = EXIT_FAIL;
	}
	free(in);
	free(out);
	return rc;
}

int do_cmd(struct cli *cli, int argc, char **argv)
{
	struct cmd_args a = { .outlen = CMD_DEFAULT_OUTLEN };
	int rc;

	if (argc && cli_is_help(argv[0]))
		return cli_usage("cmd", cmd_usage, false);
	rc = parse_args(&a, argc, argv);
	if (rc == EXIT_USAGE)
		cli_usage("cmd", cmd_usage, true);
	if (!rc)
		rc = cli_open(cli);
	if (!rc)
		rc = run(cli, &a);
	free(a.in);
	return rc;
}
