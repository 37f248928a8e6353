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

static void label(const char *name)
{
	print_text("%-*s ", INFO_WIDTH, name);
}

static void print_caps(uint32_t caps)
{
	size_t i;

	label("uctx_caps");
	print_hex("uctx_caps", "0x%" PRIx64, caps);
	print_open_array("uctx_cap_names");
	for (i = 0; i < ARRAY_SIZE(uctx_caps); i++)
		if (caps & uctx_caps[i].bit)
			print_string("cap", " %s", uctx_caps[i].name);
	print_close_array();
	print_text("\n");
}

static void print_str(const char *key, const char *val)
{
	if (!val[0])
		return;
	label(key);
	print_string(key, "%s\n", val);
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
	print_text("adapter:\n");
	print_open_object("adapter");
	decode_print(s, block, sizeof(block), 2);
	print_close_object();
	return EXIT_OK;
}

static int info_show(struct cli *cli, int argc, char **argv)
{
	struct mlx5ctl_info info;
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
	label("uid");
	print_hex("uid", "0x%" PRIx64 "\n", info.uid);
	print_caps(info.uctx_caps);
	print_str("fw_version", info.fw_version);
	label("vendor_id");
	print_hex("vendor_id", "0x%04" PRIx64 "\n", info.vendor_id);
	label("device_id");
	print_hex("device_id", "0x%04" PRIx64 "\n", info.device_id);
	print_str("ibdev", info.ibdev);
	print_str("pci", info.pci);
	print_str("netdev", info.netdev);
	print_str("fwctl", info.fwctl);
	label("emulated");
	print_bool("emulated", "%s\n", info.flags & MLX5CTL_INFO_EMULATED);
	return print_adapter(cli);
}

int do_info(struct cli *cli, int argc, char **argv)
{
	if (argc && cli_is_help(argv[0]))
		return cli_usage("info", info_usage, false);
	return info_show(cli, argc, argv);
}
