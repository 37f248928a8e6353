// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Shared by health, counters, obj and the notes of "reg show".  The
 * message and name tables are facts of the PRM (PDDR monitor opcodes, as
 * mstflint's register_access_table.adb lists them) and of SFF-8024 (module
 * identifiers, as Linux's include/linux/sfp.h lists them).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "print.h"

int diag_reg_read(struct cli *cli, uint16_t id, void *data, size_t len)
{
	int err = cli_open(cli) ? EIO : 0;

	if (!err)
		err = mlx5ctl_reg_read(cli->dev, id, 0, data, len);
	return err;
}

int diag_reg_read_name(struct cli *cli, const char *name, void *data,
		       size_t len)
{
	const struct prm_reg *r = prm_reg_find(name);

	return r ? diag_reg_read(cli, r->id, data, len) : ENOENT;
}

const char *diag_enum_name(const char *reg, const char *field, uint64_t v)
{
	const struct prm_reg *r = prm_reg_find(reg);
	const struct prm_field *f = r ? prm_field_find(r->layout, field) : NULL;
	const char *name = f ? prm_enum_name(f, v) : NULL;

	return name ? name : "unknown";
}

int diag_num_ports(struct cli *cli, void *cap, unsigned int *n,
		   unsigned int *type)
{
	int err = cli_open(cli) ? EIO : 0;

	if (!err)
		err = mlx5ctl_query_hca_cap(cli->dev, 0, MLX5CTL_CAP_CUR, cap,
					    MLX5CTL_HCA_CAP_SIZE);
	*n = err ? 0 : PRM_GET(cmd_hca_cap, cap, num_ports);
	if (type)
		*type = err ? 0 : PRM_GET(cmd_hca_cap, cap, port_type);
	return err;
}

/* MTMP counts in 0.125 C. */
void diag_temp_eval(const uint8_t *mtmp, struct diag_temp *t)
{
	int16_t now = (int16_t)PRM_GET(mtmp_reg, mtmp, temperature);
	int16_t hi = (int16_t)PRM_GET(mtmp_reg, mtmp, temp_threshold_hi);
	int16_t lo = (int16_t)PRM_GET(mtmp_reg, mtmp, temp_threshold_lo);

	t->now = now * 0.125;
	t->crit = hi * 0.125;
	t->warn = lo * 0.125;
	t->level = DIAG_LEVEL_OK;
	if (hi && now >= hi)
		t->level = DIAG_LEVEL_CRITICAL;
	else if (lo && now >= lo)
		t->level = DIAG_LEVEL_WARNING;
}

unsigned int diag_pmlp_module(const uint8_t *pmlp)
{
	return PRM_GET(pmlp_reg, pmlp, lane0_module_mapping) & 0xff;
}

uint16_t diag_pddr_monitor_opcode(const uint8_t *pddr)
{
	const uint8_t *page = PRM_ADDR(pddr_reg, pddr, page_data);
	const uint8_t *status = page +
		PRM_OFF(pddr_troubleshooting_page, status_opcode) / 8;

	return PRM_GET(pddr_monitor_opcode, status, monitor_opcode);
}

/* Monitor opcodes come in ranges that share a message. */
static const struct {
	uint16_t lo, hi;
	const char *msg;
} monitor_msgs[] = {
	{ 0, 0, "No issue observed" },
	{ 1, 1, "Port is closed by command (see PAOS)" },
	{ 2, 4, "Autonegotiation failure" },
	{ 5, 8, "Link training failure" },
	{ 9, 13, "Logical mismatch between link partners" },
	{ 14, 14, "Remote fault received" },
	{ 15, 15, "Bad signal integrity" },
	{ 16, 16, "Cable compliance code mismatch (protocol mismatch between cable and port)" },
	{ 17, 17, "Bad signal integrity" },
	{ 18, 19, "Internal error" },
	{ 22, 23, "Internal error" },
	{ 24, 32, "Cable compliance code mismatch (protocol mismatch between cable and port)" },
	{ 34, 35, "Speed degradation" },
	{ 38, 39, "Autonegotiation failure" },
	{ 42, 42, "Bad signal integrity" },
	{ 56, 56, "Module lanes frequency not synced" },
	{ 128, 128, "Troubleshooting in process" },
	{ 1023, 1023, "Info not available" },
	{ 1024, 1024, "Cable is unplugged" },
	{ 1025, 1025, "Long range for non-NVIDIA cable or module" },
	{ 1026, 1026, "Bus stuck (I2C data or clock shorted)" },
	{ 1027, 1027, "Bad or unsupported EEPROM" },
	{ 1028, 1028, "Part number list" },
	{ 1029, 1029, "Unsupported cable" },
	{ 1030, 1030, "Module temperature shutdown" },
	{ 1031, 1031, "Shorted cable" },
	{ 1032, 1032, "Power budget exceeded" },
	{ 1033, 1033, "Management forced down the port" },
	{ 1034, 1034, "Module is disabled by command" },
	{ 1036, 1036, "Module's PMD type is not enabled (see PMTPS)" },
	{ 1040, 1040, "PCIe system power slot exceeded" },
	{ 1042, 1042, "Module state machine fault" },
	{ 1043, 1046, "Module's stamping speed degeneration" },
	{ 1047, 1048, "Module's DataPath FSM fault" },
	{ 2048, 2048, "MPR violation (under 64 bytes between two starts)" },
};

const char *diag_monitor_msg(uint16_t opcode)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(monitor_msgs); i++)
		if (opcode >= monitor_msgs[i].lo && opcode <= monitor_msgs[i].hi)
			return monitor_msgs[i].msg;
	return NULL;
}

static const struct {
	uint8_t id;
	const char *name;
} sff8024_ids[] = {
	{ 0x00, "unknown" },
	{ 0x02, "SFF-8472" },
	{ 0x03, "SFP/SFP+/SFP28" },
	{ 0x0b, "DWDM-SFP" },
	{ 0x0c, "QSFP" },
	{ 0x0d, "QSFP+" },
	{ 0x11, "QSFP28" },
	{ 0x18, "QSFP-DD" },
	{ 0x19, "OSFP" },
	{ 0x1b, "DSFP" },
	{ 0x1e, "QSFP+ (CMIS)" },
	{ 0x1f, "SFP-DD (CMIS)" },
	{ 0x20, "SFP+ (CMIS)" },
};

const char *diag_sff8024_name(uint8_t id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sff8024_ids); i++)
		if (sff8024_ids[i].id == id)
			return sff8024_ids[i].name;
	return NULL;
}

/* The union member a PDDR page or an MCIA read lives in, by name. */
static const uint8_t *field_bytes(const struct prm_struct *s, const char *name,
				  const uint8_t *data, size_t len, size_t *n)
{
	const struct prm_field *f = prm_field_find(s, name);
	size_t off, bytes;

	if (!f || f->off % 8)
		return NULL;
	off = f->off / 8;
	bytes = (size_t)f->bits * f->count / 8;
	if (off + bytes > len)
		return NULL;
	*n = bytes;
	return data + off;
}

static uint64_t get_field(const struct prm_struct *s, const char *name,
			  const uint8_t *data, size_t len, bool *ok)
{
	const struct prm_field *f = s ? prm_field_find(s, name) : NULL;

	*ok = f && f->bits <= 64 && (uint64_t)f->off + f->bits <= len * 8;
	return *ok ? prm_get(data, f->off, f->bits) : 0;
}

static void mcia_notes(const struct prm_reg *r, const uint8_t *data,
		       size_t len)
{
	const uint8_t *dw;
	const char *name;
	uint64_t addr;
	size_t n;
	bool ok;

	addr = get_field(r->layout, "device_address", data, len, &ok);
	dw = field_bytes(r->layout, "dwords", data, len, &n);
	/* Byte 0 of the lower page is the SFF-8024 identifier. */
	if (!ok || addr || !dw || !n ||
	    get_field(r->layout, "page_number", data, len, &ok) ||
	    get_field(r->layout, "status", data, len, &ok))
		return;
	name = diag_sff8024_name(dw[0]);
	print_text("module_identifier %#04x (%s)\n", dw[0], name ? name : "unknown");
	print_hex("module_identifier", NULL, dw[0]);
	print_string("module_type", NULL, name ? name : "unknown");
}

static void pddr_notes(const struct prm_reg *r, const uint8_t *data,
		       size_t len)
{
	const struct prm_struct *page = prm_struct_find("pddr_troubleshooting_page");
	const struct prm_struct *mon = prm_struct_find("pddr_monitor_opcode");
	const uint8_t *pd, *st;
	const char *msg;
	uint64_t sel, op;
	size_t n, m;
	bool ok;

	sel = get_field(r->layout, "page_select", data, len, &ok);
	pd = field_bytes(r->layout, "page_data", data, len, &n);
	if (!ok || sel != 1 || !pd || !page || !mon)
		return;
	st = field_bytes(page, "status_opcode", pd, n, &m);
	if (!st)
		return;
	op = get_field(mon, "monitor_opcode", st, m, &ok);
	if (!ok)
		return;
	/* The opcode is shown with the page; here what it means. */
	msg = diag_monitor_msg(op);
	print_string("monitor_message", "monitor_message %s\n",
		     msg ? msg : "not in the PRM's table");
}

void diag_reg_notes(const struct prm_reg *r, const uint8_t *data, size_t len)
{
	if (!strcmp(r->name, "MCIA"))
		mcia_notes(r, data, len);
	else if (!strcmp(r->name, "PDDR"))
		pddr_notes(r, data, len);
}

/* Counter flattening: a stack of names and a held _high half. */

#define DIAG_MAX_DEPTH 8

struct flat {
	const char *const *skip;
	diag_counter_fn fn;
	void *ctx;
	unsigned int depth;
	char path[DIAG_MAX_DEPTH][64];
	char high[160];		/* name of a pending _high half, or "" */
	uint64_t high_val;
};

static void flat_name(const struct flat *fl, const char *name, char *buf,
		      size_t len)
{
	size_t n = 0;
	unsigned int i;

	buf[0] = 0;
	for (i = 0; i < fl->depth && i < DIAG_MAX_DEPTH; i++)
		n += snprintf(buf + n, n < len ? len - n : 0, "%s_", fl->path[i]);
	snprintf(buf + (n < len ? n : len - 1), n < len ? len - n : 1, "%s",
		 name);
}

static void flat_flush(struct flat *fl)
{
	/* A _high without its _low: report what there is. */
	if (fl->high[0])
		fl->fn(fl->ctx, fl->high, fl->high_val);
	fl->high[0] = 0;
}

static bool ends_with(const char *s, const char *suffix, size_t *stem)
{
	size_t n = strlen(s), m = strlen(suffix);

	if (n <= m || strcmp(s + n - m, suffix))
		return false;
	*stem = n - m;
	return true;
}

static void flat_begin(void *ctx, const char *name, bool array)
{
	struct flat *fl = ctx;

	flat_flush(fl);
	if (fl->depth < DIAG_MAX_DEPTH)
		snprintf(fl->path[fl->depth], sizeof(fl->path[0]), "%s",
			 name ? name : "");
	fl->depth++;
}

static void flat_end(void *ctx, bool array)
{
	struct flat *fl = ctx;

	flat_flush(fl);
	if (fl->depth)
		fl->depth--;
}

static void flat_field(void *ctx, const struct prm_field *f, uint64_t val,
		       const uint8_t *bytes, size_t nbytes)
{
	struct flat *fl = ctx;
	char name[160];
	size_t stem, i;

	if (bytes || f->bits > 64)
		return;
	for (i = 0; !fl->depth && fl->skip && fl->skip[i]; i++)
		if (!strcmp(fl->skip[i], f->name))
			return;
	flat_name(fl, f->name, name, sizeof(name));
	if (ends_with(name, "_low", &stem) && fl->high[0] &&
	    !strncmp(fl->high, name, stem) && !fl->high[stem]) {
		fl->fn(fl->ctx, fl->high, fl->high_val << 32 | (val & 0xffffffff));
		fl->high[0] = 0;
		return;
	}
	flat_flush(fl);
	if (ends_with(name, "_high", &stem) && f->bits == 32) {
		/* Held until its _low: the pair is one counter. */
		memcpy(fl->high, name, stem);
		fl->high[stem] = 0;
		fl->high_val = val;
		return;
	}
	fl->fn(fl->ctx, name, val);
}

void diag_counters(const struct prm_struct *s, const void *buf, size_t len,
		   const char *const *skip, diag_counter_fn fn, void *ctx)
{
	static const struct prm_visitor v = {
		.begin = flat_begin,
		.end = flat_end,
		.field = flat_field,
	};
	struct flat fl = { .skip = skip, .fn = fn, .ctx = ctx };

	prm_walk(s, buf, len, &v, &fl);
	flat_flush(&fl);
}
