// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl -d DEV cap [show] [TYPE...] [--max]: QUERY_HCA_CAP decoded by
 * name through the layout database's capability catalogue.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "decode.h"
#include "print.h"
#include "prm.h"

static const char cap_usage[] =
	"Usage: mlx5ctl [OPTIONS] -d DEV cap [show] [TYPE...] [--max]\n"
	"       mlx5ctl [OPTIONS] cap list\n"
	"  Decodes the capability pages TYPE (default: general); --max shows\n"
	"  what the device supports instead of what is currently enabled.\n"
	"  TYPE is a name from \"cap list\" or a number.\n";

static void list_types(FILE *f)
{
	const struct prm_cap *c;
	size_t i;

	fprintf(f, "TYPE :=");
	for (i = 0; (c = prm_cap_at(i)); i++)
		fprintf(f, "%s %s", i ? " |" : " {", c->name);
	fprintf(f, " }\n");
}

static const struct prm_cap *cap_lookup(const char *word)
{
	const struct prm_cap *c;
	uint64_t type;

	c = prm_cap_find(word);
	if (c || parse_u64(word, UINT16_MAX, &type))
		return c;
	return prm_cap_by_type(type);
}

/*
 * One page; *OTHERS: whether the next pages are still worth asking for,
 * which they are after a refusal of this type only (bad parameter): a
 * timeout, a device gone or firmware in trouble fails them all alike.
 */
static int show_one(struct cli *cli, const struct prm_cap *c,
		    enum mlx5ctl_cap_mode mode, bool *others)
{
	uint8_t page[MLX5CTL_HCA_CAP_SIZE] = {};
	char what[64];
	int rc, err;

	snprintf(what, sizeof(what), "QUERY_HCA_CAP %s", c->name);
	err = mlx5ctl_query_hca_cap(cli->dev, c->type, mode, page,
				    sizeof(page));
	*others = !err || (err == EREMOTEIO &&
			   mlx5ctl_cmd_status(page) == PRM_STATUS_BAD_PARAM_ERR);
	rc = cli_result(cli, what, err, page);
	if (rc)
		return rc;
	print_text("%s capabilities (%s):\n", c->name,
		   mode == MLX5CTL_CAP_MAX ? "max" : "current");
	print_open_object(c->name);
	decode_print(c->layout, page, sizeof(page), 2);
	print_close_object();
	return EXIT_OK;
}

static int cap_show(struct cli *cli, int argc, char **argv)
{
	static const char *const dflt[] = { "general" };
	enum mlx5ctl_cap_mode mode = MLX5CTL_CAP_CUR;
	const struct prm_cap *caps[64];
	size_t n = 0, i;
	int rc, ret = EXIT_OK;
	bool others = true;

	for (i = 0; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "--max") || !strcmp(argv[i], "max")) {
			mode = MLX5CTL_CAP_MAX;
			continue;
		}
		if (cli_is_help(argv[i]))
			return cli_usage("cap", cap_usage, false);
		if (n == ARRAY_SIZE(caps)) {
			report_misuse("cap show: too many types");
			return EXIT_USAGE;
		}
		caps[n] = cap_lookup(argv[i]);
		if (!caps[n]) {
			report_misuse("cap show: unknown capability type \"%s\"", argv[i]);
			print_discard();
			list_types(stderr);
			return EXIT_USAGE;
		}
		n++;
	}
	if (!n) {
		caps[0] = prm_cap_find(dflt[0]);
		if (!caps[0]) {
			report_misuse("cap show: no layout for %s capabilities", dflt[0]);
			return EXIT_FAIL;
		}
		n = 1;
	}

	rc = cli_open(cli);
	if (rc)
		return rc;
	/* A page the device lacks does not hide the others. */
	for (i = 0; i < n && others; i++) {
		if (i)
			print_text("\n");
		rc = show_one(cli, caps[i], mode, &others);
		if (rc)
			ret = rc;
	}
	return ret;
}

static int cap_list(struct cli *cli, int argc, char **argv)
{
	const struct prm_cap *c;
	size_t i;

	print_open_array("types");
	for (i = 0; (c = prm_cap_at(i)); i++) {
		print_open_object(NULL);
		print_string("name", "%-24s", c->name);
		print_hex("type", " 0x%02" PRIx64 "\n", c->type);
		print_close_object();
	}
	print_close_array();
	return EXIT_OK;
}

static const struct cli_cmd cap_cmds[] = {
	{ "show", cap_show, "decode capability pages" },
	{ "list", cap_list, "the capability types known" },
	{}
};

int do_cap(struct cli *cli, int argc, char **argv)
{
	/* "cap general" is "cap show general": the types are not commands. */
	if (argc && !cli_is_help(argv[0]) && !cli_lookup(cap_cmds, argv[0]))
		return cap_show(cli, argc, argv);
	return cli_dispatch(cli, "cap", cap_usage, cap_cmds, argc, argv);
}
