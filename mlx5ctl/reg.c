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
	"  NAME is a name or id from \"reg list\" (MTMP, 0x900a); KEY is an\n"
	"  index field of the register (local_port, sensor_index, ...);\n"
	"  VAL and VALUE are decimal, 0x-hex or an enum name.  \"set\" reads the\n"
	"  register, changes the FIELDs and writes it back; writes need a scope\n"
	"  above the default (-s), and on a terminal ask first (-y skips).\n"
	"  \"mlx5ctl prm show NAME\" shows the fields.\n";

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

/* The ACCESS_REG inbox the library sends for DATA: the policy reads it. */
static uint8_t *reg_inbox(const struct prm_reg *r, bool write,
			  const uint8_t *data, size_t len)
{
	uint8_t *in = calloc(1, CMD_HDR_LEN + len);

	if (in)
		cmd_access_reg_set(in, r->id, write, data, len);
	return in;
}

/* A read the policy refused: the note needs the inbox the library sent. */
static int refused_read(struct cli *cli, const struct prm_reg *r,
			const char *what, const uint8_t *data, size_t len)
{
	uint8_t *in = reg_inbox(r, false, data, len);

	report_error(cli->devname, what, EBADMSG, NULL);
	if (in)
		cli_explain_cmd(cli, EBADMSG, in, CMD_HDR_LEN + len);
	free(in);
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


/* One field a reg command names, KEY VAL and FIELD=VALUE alike. */
struct reg_target {
	const char *expr;		/* "admin_status=down", or a KEY */
	const struct prm_field *f;
	uint64_t off, bits;
};

#define REG_MAX_TARGETS 64

/* "admin_status, ase, ee": fields "set" may assign (not keys, not RO). */
static void writable_fields(const struct prm_struct *s, char *buf,
			    size_t len)
{
	size_t n = 0;
	uint32_t i;

	buf[0] = 0;
	for (i = 0; i < s->nfields && n + 1 < len; i++) {
		const struct prm_field *f = &s->fields[i];

		if (f->flags & (PRM_RO | PRM_INDEX))
			continue;
		n += snprintf(buf + n, len - n, "%s%s%s", n ? ", " : "",
			      f->name, f->sub ? ".FIELD" : "");
	}
	if (!n)
		snprintf(buf, len, "none");
}

/*
 * Check what a command names before anything is sent: every name resolves,
 * "set" assigns no read-only field and no index key (the write would go
 * to another port than the read), and no bits are named twice (the last
 * would silently win).  T[0..KEYS) are the KEY VAL pairs.
 */
static int check_targets(const struct prm_reg *r, const char *cmd,
			 struct reg_target *t, size_t n, size_t keys,
			 bool write)
{
	char err[256], names[512];
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (prm_locate(r->layout, t[i].expr, &t[i].f, &t[i].off,
			       &t[i].bits, err, sizeof(err))) {
			report_misuse("reg %s %s: %s", cmd, r->name, err);
			return EXIT_USAGE;
		}
		if (i >= keys && t[i].f->flags & PRM_INDEX) {
			report_misuse("reg set %s: %.*s is an index key: give it as \"%.*s VAL\" before the fields",
				      r->name, (int)strcspn(t[i].expr, "="),
				      t[i].expr, (int)strcspn(t[i].expr, "="),
				      t[i].expr);
			return EXIT_USAGE;
		}
		if (write && t[i].f->flags & PRM_RO) {
			writable_fields(r->layout, names, sizeof(names));
			report_misuse("reg set %s: %.*s is read-only; writable: %s",
				      r->name, (int)strcspn(t[i].expr, "="),
				      t[i].expr, names);
			return EXIT_USAGE;
		}
		for (j = 0; j < i; j++) {
			if (t[j].off < t[i].off + t[i].bits &&
			    t[i].off < t[j].off + t[j].bits) {
				report_misuse("reg %s %s: %.*s is given twice",
					      cmd, r->name,
					      (int)strcspn(t[i].expr, "="),
					      t[i].expr);
				return EXIT_USAGE;
			}
		}
	}
	return EXIT_OK;
}

static const struct prm_reg *reg_lookup(struct cli *cli, const char *cmd,
					const char *name)
{
	const struct prm_reg *r = prm_reg_find(name);
	uint64_t id;

	if (!r) {
		cli_adb_load(cli);
		r = prm_reg_find(name);
	}
	/* By number, as "reg list" shows it: reg show 0x900a. */
	if (!r && !parse_u64(name, UINT16_MAX, &id))
		r = prm_reg_by_id(id);
	if (!r)
		report_misuse("reg %s: unknown register \"%s\" (see \"mlx5ctl reg list\")",
			      cmd, name);
	return r;
}

/* One field's value as people read it: enum name, text, or number. */
static void field_value(FILE *f, const struct reg_target *t,
			const uint8_t *data)
{
	const char *name;
	uint64_t v;

	if (t->f->flags & PRM_STR && t->bits > 64 && !(t->off % 8)) {
		fprintf(f, "\"%.*s\"", (int)(t->bits / 8),
			(const char *)data + t->off / 8);
		return;
	}
	if (t->bits > 64) {
		fprintf(f, "(%" PRIu64 " bytes)", t->bits / 8);
		return;
	}
	v = prm_get(data, t->off, t->bits);
	name = prm_enum_name(t->f, v);
	if (name)
		fprintf(f, "%s", name);
	else if (t->f->flags & PRM_HEX)
		fprintf(f, "%#" PRIx64, v);
	else
		fprintf(f, "%" PRIu64, v);
}

/*
 * "  admin_status  up -> down" for every field assigned, and for fields
 * "set" changed on its own (enable bits), for the question before a write.
 */
static char *describe_changes(const struct prm_reg *r, const uint8_t *old,
			      const uint8_t *new, const struct reg_target *t,
			      size_t n, size_t keys)
{
	const struct prm_struct *s = r->layout;
	struct reg_target e;
	size_t len = 0, i, j;
	char *buf = NULL;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	fprintf(f, "%s", r->name);
	for (i = 0; i < keys; i++) {
		fprintf(f, " %s ", t[i].expr);
		field_value(f, &t[i], old);
	}
	fprintf(f, ":\n");
	for (i = keys; i < n; i++) {
		fprintf(f, "  %-24.*s ", (int)strcspn(t[i].expr, "="),
			t[i].expr);
		field_value(f, &t[i], old);
		fprintf(f, " -> ");
		field_value(f, &t[i], new);
		fprintf(f, "\n");
	}
	for (j = 0; j < s->nfields; j++) {
		e = (struct reg_target){ s->fields[j].name, &s->fields[j],
					 s->fields[j].off, s->fields[j].bits };
		if (e.f->sub || e.f->count != 1 || e.bits > 64 ||
		    prm_get(old, e.off, e.bits) == prm_get(new, e.off, e.bits))
			continue;
		for (i = keys; i < n && t[i].off != e.off; i++)
			;
		if (i < n)
			continue;
		fprintf(f, "  %-24s ", e.f->name);
		field_value(f, &e, old);
		fprintf(f, " -> ");
		field_value(f, &e, new);
		fprintf(f, " (set with it)\n");
	}
	if (fclose(f)) {
		free(buf);
		return NULL;
	}
	return buf;
}
/* The values are checked on a scratch copy before touching the device. */
static int check_values(const struct prm_reg *r, char **exprs, int n)
{
	size_t len = r->layout->bits / 8;
	uint8_t *scratch = calloc(1, len ? len : 1);
	char err[256];
	int i, rc = EXIT_OK;

	if (!scratch) {
		report_error(NULL, "reg", ENOMEM, NULL);
		return EXIT_FAIL;
	}
	for (i = 0; i < n && !rc; i++) {
		if (prm_assign(r->layout, scratch, len, exprs[i], err,
			       sizeof(err))) {
			report_misuse("reg set %s: %s", r->name, err);
			rc = EXIT_USAGE;
		}
	}
	free(scratch);
	return rc;
}

/*
 * set is read-modify-write: DATA holds what was read, fields not named
 * keep their values.  Shown old -> new and confirmed before it is sent.
 */
static int write_reg(struct cli *cli, const struct prm_reg *r, uint8_t *data,
		     size_t len, const struct reg_target *t, size_t n,
		     size_t keys)
{
	uint8_t *old = malloc(len ? len : 1), *in = NULL;
	char what[64], err[256], *changes;
	size_t i;
	int rc;

	if (!old || !(in = reg_inbox(r, true, data, len))) {
		free(old);
		report_error(NULL, "reg", ENOMEM, NULL);
		return EXIT_FAIL;
	}
	memcpy(old, data, len);
	for (i = keys; i < n; i++)
		set_enables(r, data, len, t[i].expr);
	for (i = keys; i < n; i++)
		prm_assign(r->layout, data, len, t[i].expr, err, sizeof(err));
	changes = describe_changes(r, old, data, t, n, keys);
	snprintf(what, sizeof(what), "write %s", r->name);
	memcpy(in + CMD_HDR_LEN, data, len);
	rc = cli_write_ok(cli, what, in, CMD_HDR_LEN + len, changes);
	if (!rc)
		rc = access_reg(cli, r, true, data, len);
	free(in);
	free(changes);
	free(old);
	return rc;
}

static int reg_access(struct cli *cli, int argc, char **argv, bool write)
{
	const char *cmd = write ? "set" : "show";
	struct reg_target t[REG_MAX_TARGETS] = {};
	const struct prm_reg *r;
	size_t len, n = 0, keys;
	uint8_t *data;
	int rc, used, i;

	if (argc < 1) {
		report_misuse("reg %s: which register?", cmd);
		return cli_usage("reg", reg_usage, true);
	}
	if (cli_is_help(argv[0]))
		return cli_usage("reg", reg_usage, false);
	r = reg_lookup(cli, cmd, argv[0]);
	if (!r)
		return EXIT_USAGE;
	if (argc > REG_MAX_TARGETS) {
		report_misuse("reg %s %s: more than %d arguments", cmd, r->name,
			      REG_MAX_TARGETS - 1);
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
	for (i = 0; i < used; i += 2)
		t[n++].expr = argv[1 + i];
	keys = n;
	for (i = 1 + used; i < argc; i++)
		t[n++].expr = argv[i];
	rc = check_targets(r, cmd, t, n, keys, write);
	if (!rc)
		rc = check_values(r, argv + 1 + used, argc - 1 - used);
	if (!rc)
		rc = cli_open(cli);
	if (!rc)
		rc = access_reg(cli, r, false, data, len);
	/*
	 * The write goes where the user pointed, whatever the answer said
	 * of the index fields: firmware echoes them, a garbled answer not.
	 */
	if (!rc && write)
		rc = set_keys(r, data, len, argc - 1, argv + 1, &used);
	if (!rc && write)
		rc = write_reg(cli, r, data, len, t, n, keys);
	if (!rc)
		print_reg(r, data, len);
out:
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
