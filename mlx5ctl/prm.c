// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl prm list [PATTERN] | show STRUCT: the layout database itself,
 * so people can see what the tool can decode and check offsets against
 * the PRM without a device.
 */
#define _GNU_SOURCE /* strcasestr() */
#include <fnmatch.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "print.h"
#include "prm.h"

static const char prm_usage[] =
	"Usage: mlx5ctl [OPTIONS] prm list [PATTERN]\n"
	"       mlx5ctl [OPTIONS] prm show STRUCT\n"
	"  PATTERN is a substring or a shell glob (\"*_reg\").  STRUCT is a\n"
	"  layout name, a register name (MTMP) or a capability type (general).\n"
	"  Registers only mstflint's database knows are listed with source adb.\n"
	"  Offsets print as the PRM tables do: DWORD_BYTE.LSB, so a field at\n"
	"  0x04.16 of width 8 is bits 23:16 of the dword at byte 4.\n";

static bool name_matches(const char *name, const char *pattern)
{
	if (!pattern)
		return true;
	if (strpbrk(pattern, "*?["))
		return !fnmatch(pattern, name, FNM_CASEFOLD);
	return strcasestr(name, pattern);
}

static int prm_list(struct cli *cli, int argc, char **argv)
{
	const char *pattern = argc ? argv[0] : NULL;
	const struct prm_struct *s;
	size_t i, n;

	if (argc > 1) {
		report_misuse("prm list: too many arguments");
		return cli_usage("prm", prm_usage, true);
	}
	cli_adb_load(cli);
	n = prm_struct_count();
	print_open_array("structs");
	for (i = 0; i < n; i++) {
		s = prm_struct_at(i);
		if (!s || !name_matches(s->name, pattern))
			continue;
		print_open_object(NULL);
		print_string("name", "%-40s", s->name);
		print_uint("bytes", " %6" PRIu64, s->bits / 8);
		print_uint("fields", " %4" PRIu64 " fields", s->nfields);
		print_string("source", " %s\n", s->source ? s->source : "builtin");
		print_close_object();
	}
	print_close_array();
	return EXIT_OK;
}

static const char *const flag_names[] = {
	"hex", "str", "bytes", "index", "ro", "signed",
};

static void print_flags(uint32_t flags)
{
	size_t i;

	print_open_array("flags");
	for (i = 0; i < ARRAY_SIZE(flag_names); i++)
		if (flags & (1u << i))
			print_string("flag", " %s", flag_names[i]);
	print_close_array();
}

static void show_field(const struct prm_field *f)
{
	uint32_t width = f->bits * f->count;
	uint32_t dword = f->off / 32 * 4;
	/* The PRM numbers bits from the dword's LSB; the database from MSB. */
	uint32_t lsb = f->bits < 32 && f->count == 1 ?
			       32 - (f->off % 32) - f->bits : 0;
	char off[24];

	snprintf(off, sizeof(off), "0x%02x.%u", dword, lsb);
	print_open_object(NULL);
	print_string("name", "  %-36s", f->name);
	print_string("offset", " %-9s", off);
	print_uint("bit_offset", NULL, f->off);
	print_uint("bits", " %5" PRIu64, f->bits);
	if (f->count > 1)
		print_uint("count", " x%" PRIu64, f->count);
	if (width != f->bits)
		print_uint("total_bits", NULL, width);
	if (f->sub)
		print_string("struct", " (%s)", f->sub->name);
	print_flags(f->flags);
	if (f->enums)
		print_string("enums", " {%s}", f->enums);
	print_text("\n");
	print_close_object();
}

static const struct prm_struct *struct_lookup(const char *name)
{
	const struct prm_struct *s = prm_struct_find(name);
	const struct prm_reg *r;
	const struct prm_cap *c;

	if (s)
		return s;
	r = prm_reg_find(name);
	if (r)
		return r->layout;
	c = prm_cap_find(name);
	return c ? c->layout : NULL;
}

static int prm_show(struct cli *cli, int argc, char **argv)
{
	const struct prm_struct *s;
	const char *source;
	uint32_t i;

	if (argc != 1) {
		report_misuse("prm show: which struct?");
		return cli_usage("prm", prm_usage, true);
	}
	s = struct_lookup(argv[0]);
	if (!s) {
		cli_adb_load(cli);
		s = struct_lookup(argv[0]);
	}
	if (!s) {
		report_misuse("prm show: no layout \"%s\" (see \"mlx5ctl prm list\")",
			      argv[0]);
		return EXIT_USAGE;
	}
	print_open_object(s->name);
	source = s->source ? s->source : "builtin";
	print_text("%s: %u bytes, %u fields, source %s\n", s->name, s->bits / 8,
		   s->nfields, source);
	print_uint("bytes", NULL, s->bits / 8);
	print_string("source", NULL, source);
	print_open_array("fields");
	for (i = 0; i < s->nfields; i++)
		show_field(&s->fields[i]);
	print_close_array();
	print_close_object();
	return EXIT_OK;
}

static const struct cli_cmd prm_cmds[] = {
	{ "list", prm_list, "the layouts known" },
	{ "show", prm_show, "the fields of one layout" },
	{}
};

int do_prm(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, "prm", prm_usage, prm_cmds, argc, argv);
}
