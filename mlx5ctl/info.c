// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl -d DEV info: the control channel (backend, scope, firmware user
 * context) and the adapter's identity from QUERY_ADAPTER.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "decode.h"
#include "print.h"
#include "prm.h"

static const char info_usage[] =
	"Usage: mlx5ctl [OPTIONS] -d DEV info\n"
	"  The backend, scope, firmware user context (uid, caps), firmware\n"
	"  version, the names of the device, and QUERY_ADAPTER decoded.\n";

#define INFO_WIDTH 16

static const struct {
	uint32_t bit;
	const char *name;
} uctx_caps[] = {
#define PRM_UCTX_CAP(n, bit, text) { PRM_UCTX_CAP_##n, text },
#include "db/prm_db.def"
};

/* "0x" and VAL in hex, at least DIGITS of them, into BUF (32 bytes). */
static const char *hex_text(char *buf, uint64_t val, unsigned int digits)
{
	char *end = buf + 31, *p;

	*end = 0;
	p = print_fmt_u64(end, val, true) + 2;	/* the digits */
	while ((unsigned int)(end - p) < digits)
		*--p = '0';
	*--p = 'x';
	*--p = '0';
	return p;
}

/*
 * One row: text "NAME   VALUE" in the name column, JSON the member; rows
 * are written as they are, not formatted, since they are most of what
 * "info" costs after the device itself.
 */
static void print_row(const char *key, const char *text)
{
	if (print_is_json())
		print_string(key, NULL, text);
	else
		print_text_row(key, INFO_WIDTH, text);
}

static void print_hex_row(const char *key, uint64_t val, unsigned int digits)
{
	char buf[32];

	if (print_is_json())
		print_hex(key, NULL, val);
	else
		print_text_row(key, INFO_WIDTH, hex_text(buf, val, digits));
}

/* S (N bytes) at *AT in TEXT of SIZE, cut to fit. */
static void append(char *text, size_t size, size_t *at, const char *s,
		   size_t n)
{
	if (n > size - 1 - *at)
		n = size - 1 - *at;
	memcpy(text + *at, s, n);
	*at += n;
	text[*at] = 0;
}

static void print_caps(uint32_t caps)
{
	char text[256], hex[32];
	const char *h = hex_text(hex, caps, 1);
	size_t i, n = 0;

	append(text, sizeof(text), &n, h, strlen(h));
	print_hex("uctx_caps", NULL, caps);
	print_open_array("uctx_cap_names");
	for (i = 0; i < ARRAY_SIZE(uctx_caps); i++) {
		if (!(caps & uctx_caps[i].bit))
			continue;
		print_string("cap", NULL, uctx_caps[i].name);
		append(text, sizeof(text), &n, " ", 1);
		append(text, sizeof(text), &n, uctx_caps[i].name,
		       strlen(uctx_caps[i].name));
	}
	print_close_array();
	print_text_row("uctx_caps", INFO_WIDTH, text);
}

static void print_str(const char *key, const char *val)
{
	if (val[0])
		print_row(key, val);
}

/* QUERY_ADAPTER, decoded through the layout database. */
static int print_adapter(struct cli *cli)
{
	uint8_t block[PRM_SIZE(query_adapter_param_block)] = {};
	const struct prm_struct *s;
	int rc;

	rc = cli_result(cli, "QUERY_ADAPTER",
			mlx5ctl_query_adapter(cli->dev, block, sizeof(block)),
			block);
	if (rc)
		return rc;
	s = prm_struct_find("query_adapter_param_block");
	if (!s) {
		report_note("no layout for query_adapter_param_block");
		return EXIT_OK;
	}
	print_text_raw("adapter:\n", sizeof("adapter:\n") - 1);
	print_open_object("adapter");
	decode_print(s, block, sizeof(block), 2);
	print_close_object();
	return EXIT_OK;
}

static int info_show(struct cli *cli, int argc, char **argv)
{
	struct mlx5ctl_info info;
	bool emulated;
	int rc, err;

	if (argc) {
		report_misuse("info: unexpected argument \"%s\"", argv[0]);
		return cli_usage("info", info_usage, true);
	}
	rc = cli_open(cli);
	if (rc)
		return rc;
	err = mlx5ctl_query_info(cli->dev, &info);
	if (err) {
		report_error(cli->devname, "query info", err, NULL);
		return EXIT_FAIL;
	}
	print_str("device", info.name);
	print_str("backend", mlx5ctl_backend_str(info.backend));
	print_str("scope", mlx5ctl_scope_str(info.scope));
	print_hex_row("uid", info.uid, 1);
	print_caps(info.uctx_caps);
	print_str("fw_version", info.fw_version);
	print_hex_row("vendor_id", info.vendor_id, 4);
	print_hex_row("device_id", info.device_id, 4);
	print_str("ibdev", info.ibdev);
	print_str("pci", info.pci);
	print_str("netdev", info.netdev);
	print_str("fwctl", info.fwctl);
	emulated = info.flags & MLX5CTL_INFO_EMULATED;
	if (print_is_json())
		print_bool("emulated", NULL, emulated);
	else
		print_text_row("emulated", INFO_WIDTH,
			       emulated ? "true" : "false");
	return print_adapter(cli);
}

int do_info(struct cli *cli, int argc, char **argv)
{
	if (argc && cli_is_help(argv[0]))
		return cli_usage("info", info_usage, false);
	return info_show(cli, argc, argv);
}
