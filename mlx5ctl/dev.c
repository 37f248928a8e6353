// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/* mlx5ctl dev [show [DEV]]: what mlx5ctl can open, real and emulated. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "print.h"

static const char dev_usage[] =
	"Usage: mlx5ctl [OPTIONS] dev [show [DEV]]\n"
	"  Lists the mlx5 functions and the built-in emulated devices; with DEV\n"
	"  (any name it is known by) shows that one.  Default: show.\n";

/* The names a device is known by, printed when known. */
static void print_names(const char *ibdev, const char *pci, const char *netdev,
			const char *fwctl)
{
	static const char *const keys[] = { "ibdev", "pci", "netdev", "fwctl" };
	const char *vals[] = { ibdev, pci, netdev, fwctl };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		if (!vals[i][0])
			continue;
		print_text(" %s ", keys[i]);
		print_string(keys[i], "%s", vals[i]);
	}
}

static void print_dev(const struct mlx5ctl_devinfo *d)
{
	bool emulated = d->flags & MLX5CTL_INFO_EMULATED;

	print_open_object(NULL);
	print_string("name", "%s:", d->name);
	print_names(d->ibdev, d->pci, d->netdev, d->fwctl);
	print_bool("emulated", NULL, emulated);
	if (emulated)
		print_text(" emulated");
	print_text("\n");
	print_close_object();
}

/*
 * What "dev show NAME" finds is what "-d NAME" opens: any name of a real
 * device; an emulated one only by its own name, since the names it
 * reports (mlx5_0, ...) are those of the device it stands for.
 */
static bool dev_matches(const struct mlx5ctl_devinfo *d, const char *name)
{
	const char *names[] = { d->name, d->ibdev, d->pci, d->netdev, d->fwctl };
	size_t i, n = d->flags & MLX5CTL_INFO_EMULATED ? 1 : ARRAY_SIZE(names);

	for (i = 0; i < n; i++)
		if (names[i][0] && !strcmp(names[i], name))
			return true;
	return false;
}

/* A device not in the list (emu:@file, a fwctl path): ask it directly. */
static int show_opened(struct cli *cli)
{
	struct mlx5ctl_devinfo d = {};
	struct mlx5ctl_info info;
	int rc, err;

	rc = cli_open(cli);
	if (rc)
		return rc;
	err = mlx5ctl_query_info(cli->dev, &info);
	if (err) {
		report_error(cli->devname, "query info", err, NULL);
		return EXIT_FAIL;
	}
	snprintf(d.name, sizeof(d.name), "%s", info.name);
	snprintf(d.ibdev, sizeof(d.ibdev), "%s", info.ibdev);
	snprintf(d.pci, sizeof(d.pci), "%s", info.pci);
	snprintf(d.netdev, sizeof(d.netdev), "%s", info.netdev);
	snprintf(d.fwctl, sizeof(d.fwctl), "%s", info.fwctl);
	d.flags = info.flags;
	print_open_array("devices");
	print_dev(&d);
	print_close_array();
	return EXIT_OK;
}

static int dev_show(struct cli *cli, int argc, char **argv)
{
	struct mlx5ctl_devinfo *list;
	const char *want = NULL;
	size_t num, i, shown = 0;
	int err;

	if (argc > 1) {
		report_misuse("dev show: too many arguments");
		return cli_usage("dev", dev_usage, true);
	}
	if (argc == 1)
		want = argv[0];

	err = mlx5ctl_get_device_list(&list, &num);
	if (err) {
		report_discovery_error(err);
		return EXIT_FAIL;
	}
	print_open_array("devices");
	for (i = 0; i < num; i++) {
		if (want && !dev_matches(&list[i], want))
			continue;
		print_dev(&list[i]);
		shown++;
	}
	print_close_array();
	mlx5ctl_free_device_list(list);
	if (want && !shown) {
		cli->devname = want;
		return show_opened(cli);
	}
	return EXIT_OK;
}

static const struct cli_cmd dev_cmds[] = {
	{ "show", dev_show, "list devices, or show DEV" },
	{ "list", dev_show, "the same as show" },
	{}
};

int do_dev(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, "dev", dev_usage, dev_cmds, argc, argv);
}
