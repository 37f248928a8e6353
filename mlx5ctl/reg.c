// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl -d DEV reg list | show NAME [KEY VAL]... | set NAME [KEY VAL]...
 * FIELD=VALUE...: access registers (ACCESS_REG), laid out and decoded by
 * the layout database's register catalogue.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "decode.h"
#include "diag.h"
#include "opcodes.h"
#include "print.h"
#include "prm.h"

static const char reg_usage[] =
	"Usage: mlx5ctl [OPTIONS] reg list\n"
	"       mlx5ctl [OPTIONS] -d DEV reg show NAME [KEY VAL]...\n"
	"       mlx5ctl [OPTIONS] -d DEV reg set NAME [KEY VAL]... FIELD=VALUE...\n"
	"  KEY is an index field of the register (local_port, sensor_index, ...);\n"
	"  VAL and VALUE are decimal, 0x-hex or an enum name.  \"set\" reads the\n"
	"  register, changes the FIELDs and writes it back; writes need a scope\n"
	"  above the default (-s).  \"mlx5ctl prm show NAME\" shows the fields.\n";

static void list_keys(const struct prm_reg *r)
{
	const struct prm_struct *s = r->layout;
	bool any = false;
	uint32_t i;

	fprintf(stderr, "mlx5ctl: %s keys:", r->name);
	for (i = 0; i < s->nfields; i++) {
		if (!(s->fields[i].flags & PRM_INDEX))
			continue;
		fprintf(stderr, " %s", s->fields[i].name);
		any = true;
	}
	fprintf(stderr, "%s\n", any ? "" : " none");
}

/* KEY VAL pairs: index fields only, so "show" never writes state. */
static int set_keys(const struct prm_reg *r, uint8_t *data, size_t len,
		    int argc, char **argv, int *used)
{
	const struct prm_field *f;
	char expr[256], err[256];
	int i;

	for (i = 0; i < argc; i += 2) {
		if (strchr(argv[i], '='))
			break;
		f = prm_field_find(r->layout, argv[i]);
		if (!f || !(f->flags & PRM_INDEX)) {
			report_misuse("reg: %s is not an index key of %s",
				      argv[i], r->name);
			list_keys(r);
			return EXIT_USAGE;
		}
		if (i + 1 >= argc) {
			report_misuse("reg: %s needs a value", argv[i]);
			return EXIT_USAGE;
		}
		snprintf(expr, sizeof(expr), "%s=%s", argv[i], argv[i + 1]);
		if (prm_assign(r->layout, data, len, expr, err, sizeof(err))) {
			report_misuse("reg: %s: %s", r->name, err);
			return EXIT_USAGE;
		}
	}
	*used = i;
	return EXIT_OK;
}

/*
 * policy.def's register write classes, only to say which -s a refused
 * write needs: the kernel stays the authority.
 */
static const struct {
	uint16_t id;
	enum mlx5ctl_scope scope;
} write_classes[] = {
#define POLICY_REG_WRITE(name, id, scope) { id, MLX5CTL_SCOPE_##scope },
#include "policy.def"
};

static const char *write_scope(const struct prm_reg *r)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(write_classes); i++)
		if (write_classes[i].id == r->id)
			return mlx5ctl_scope_str(write_classes[i].scope);
	return mlx5ctl_scope_str(MLX5CTL_SCOPE_DEBUG_WRITE_FULL);
}

/* A refused write: say which scope this register needs, once. */
static int refused_write(struct cli *cli, const struct prm_reg *r,
			 const char *what, int err)
{
	struct mlx5ctl_info info = {};

	mlx5ctl_query_info(cli->dev, &info);
	report_error(cli->devname, what, err, NULL);
	if (err == EPERM)
		report_note("register writes need -s debug-write or above: the library sends none from scope %s, on any backend; %s writes need -s %s (Documentation/policy.md)",
			    mlx5ctl_scope_str(info.scope), r->name,
			    write_scope(r));
	else
		report_note("the kernel's command policy refused it at scope %s: %s writes need -s %s or above (Documentation/policy.md)",
			    mlx5ctl_scope_str(info.scope), r->name,
			    write_scope(r));
	return EXIT_FAIL;
}

/* A read the policy refused: the note needs the inbox the library sent. */
static int refused_read(struct cli *cli, const struct prm_reg *r,
			const char *what, const uint8_t *data, size_t len)
{
	uint8_t *in = calloc(1, CMD_HDR_LEN + len);

	report_error(cli->devname, what, EBADMSG, NULL);
	if (in) {
		cmd_hdr_set(in, MLX5_CMD_OP_ACCESS_REG, 1);
		PRM_SET(access_register_in, in, register_id, r->id);
		memcpy(in + CMD_HDR_LEN, data, len);
		cli_explain_cmd(cli, EBADMSG, in, CMD_HDR_LEN + len);
		free(in);
	}
	return EXIT_FAIL;
}

/* One ACCESS_REG; DATA (LEN bytes) is the register in and out. */
static int access_reg(struct cli *cli, const struct prm_reg *r, bool write,
		      uint8_t *data, size_t len)
{
	char what[64];
	int err;

	snprintf(what, sizeof(what), "ACCESS_REG %s %s", r->name,
		 write ? "write" : "read");
	if (write)
		err = mlx5ctl_reg_write(cli->dev, r->id, 0, data, len);
	else
		err = mlx5ctl_reg_read(cli->dev, r->id, 0, data, len);
	if (write && (err == EBADMSG || err == EPERM))
		return refused_write(cli, r, what, err);
	if (err == EBADMSG)
		return refused_read(cli, r, what, data, len);
	/* On a firmware error DATA starts with the command's outbox header. */
	return cli_result(cli, what, err, data);
}

/* "builtin", or "adb" for a layout mstflint's register database gave. */
static const char *reg_source(const struct prm_reg *r)
{
	return r->layout->source ? r->layout->source : "builtin";
}

static void print_reg(const struct prm_reg *r, const uint8_t *data, size_t len)
{
	const char *source = reg_source(r);

	print_open_object(r->name);
	/*
	 * Text names the source only when it is not ours: the fields of a
	 * layout from the ADB are mstflint's names, not mlx5_ifc.h's.
	 */
	if (strcmp(source, "builtin"))
		print_text("# %s 0x%04x: source %s, mstflint's register database\n",
			   r->name, r->id, source);
	print_string("source", NULL, source);
	decode_print(r->layout, data, len, 0);
	diag_reg_notes(r, data, len);
	print_close_object();
}

/*
 * Fields firmware applies only with an enable bit set in the same write
 * (PAOS/PMAOS "admin state update enable"): "set" sets the bit when the
 * field is assigned, so admin_status=down does what it says.
 */
static const struct {
	const char *reg, *field, *enable;
} write_enables[] = {
	{ "PAOS", "admin_status", "ase" },
	{ "PMAOS", "admin_status", "ase" },
};

static void set_enables(const struct prm_reg *r, uint8_t *data, size_t len,
			const char *expr)
{
	size_t i, n = strcspn(expr, "=");
	const struct prm_field *f;

	for (i = 0; i < ARRAY_SIZE(write_enables); i++) {
		if (strcmp(write_enables[i].reg, r->name) ||
		    strncmp(write_enables[i].field, expr, n) ||
		    write_enables[i].field[n])
			continue;
		f = prm_field_find(r->layout, write_enables[i].enable);
		if (f && (uint64_t)f->off + f->bits <= (uint64_t)len * 8)
			prm_set(data, f->off, f->bits, 1);
	}
}


static int reg_access(struct cli *cli, int argc, char **argv, bool write)
{
	const char *cmd = write ? "set" : "show";
	const struct prm_reg *r;
	char err[256];
	uint8_t *data, *scratch = NULL;
	size_t len;
	int rc, used, i;

	if (argc < 1) {
		report_misuse("reg %s: which register?", cmd);
		return cli_usage("reg", reg_usage, true);
	}
	if (cli_is_help(argv[0]))
		return cli_usage("reg", reg_usage, false);
	r = prm_reg_find(argv[0]);
	if (!r) {
		cli_adb_load(cli);
		r = prm_reg_find(argv[0]);
	}
	if (!r) {
		report_misuse("reg %s: unknown register \"%s\" (see \"mlx5ctl reg list\")",
			      cmd, argv[0]);
		return EXIT_USAGE;
	}
	len = r->layout->bits / 8;
	/* Room for an outbox header, where a firmware error is reported. */
	data = calloc(1, len > CMD_HDR_LEN ? len : CMD_HDR_LEN);
	if (!data) {
		report_error(NULL, "reg", ENOMEM, NULL);
		return EXIT_FAIL;
	}
	rc = set_keys(r, data, len, argc - 1, argv + 1, &used);
	if (rc)
		goto out;
	if (write && used == argc - 1) {
		report_misuse("reg set %s: nothing to set (FIELD=VALUE)", r->name);
		rc = EXIT_USAGE;
		goto out;
	}
	if (!write && used != argc - 1) {
		report_misuse("reg show %s: unexpected \"%s\" (reg set writes)",
			      r->name, argv[1 + used]);
		rc = EXIT_USAGE;
		goto out;
	}
	/* Check the assignments on a scratch copy before touching the device. */
	scratch = calloc(1, len ? len : 1);
	if (!scratch) {
		report_error(NULL, "reg", ENOMEM, NULL);
		rc = EXIT_FAIL;
		goto out;
	}
	for (i = 1 + used; i < argc; i++) {
		if (prm_assign(r->layout, scratch, len, argv[i], err, sizeof(err))) {
			report_misuse("reg set %s: %s", r->name, err);
			rc = EXIT_USAGE;
			goto out;
		}
	}

	rc = cli_open(cli);
	if (rc)
		goto out;
	/* set is read-modify-write: fields not named keep their values. */
	rc = access_reg(cli, r, false, data, len);
	if (rc || !write)
		goto done;
	for (i = 1 + used; i < argc; i++)
		set_enables(r, data, len, argv[i]);
	for (i = 1 + used; i < argc; i++)
		prm_assign(r->layout, data, len, argv[i], err, sizeof(err));
	rc = access_reg(cli, r, true, data, len);
done:
	if (!rc)
		print_reg(r, data, len);
out:
	free(scratch);
	free(data);
	return rc;
}

static int reg_show(struct cli *cli, int argc, char **argv)
{
	return reg_access(cli, argc, argv, false);
}

static int reg_set(struct cli *cli, int argc, char **argv)
{
	return reg_access(cli, argc, argv, true);
}

static int reg_list(struct cli *cli, int argc, char **argv)
{
	const struct prm_reg *r;
	int width = 12;
	char fmt[16];
	size_t i;

	cli_adb_load(cli);
	/* The ADB's names run longer than ours (NVMF_TARGET_PACER_DEFAULTS). */
	for (i = 0; (r = prm_reg_at(i)); i++)
		if ((int)strlen(r->name) > width)
			width = strlen(r->name);
	snprintf(fmt, sizeof(fmt), "%%-%ds", width);
	print_text("%-*s %-6s %5s %s\n", width, "NAME", "ID", "BYTES", "SOURCE");
	print_open_array("registers");
	for (i = 0; (r = prm_reg_at(i)); i++) {
		print_open_object(NULL);
		print_string("name", fmt, r->name);
		print_hex("id", " 0x%04" PRIx64, r->id);
		print_uint("size", " %5" PRIu64, r->layout->bits / 8);
		print_string("source", " %s\n", reg_source(r));
		print_close_object();
	}
	print_close_array();
	return EXIT_OK;
}

static const struct cli_cmd reg_cmds[] = {
	{ "list", reg_list, "the registers known" },
	{ "show", reg_show, "read and decode a register" },
	{ "set", reg_set, "change fields of a register" },
	{}
};

int do_reg(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, "reg", reg_usage, reg_cmds, argc, argv);
}
