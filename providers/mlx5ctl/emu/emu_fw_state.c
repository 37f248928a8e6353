// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * emu:PROFILE,state=FILE: the device's mutable state outlives the process.
 * Each mlx5ctl invocation opens a fresh emulated device; with a state file
 * a write in one invocation (reg set PAOS ...) is what the next one reads,
 * as on hardware.  The file is loaded when the device is created and
 * written back when it is destroyed.
 *
 * Format: text, one "KEY VALUE..." per line, so a person can read and edit
 * it; unknown keys, and values too wide for what holds them, are refused
 * so a typo does not go unnoticed.
 *
 *   port INDEX ADMIN OPER ADMIN_MTU OPER_MTU ETH_ADMIN EXT_ADMIN AN_DISABLE
 *        DOWN_REASON ERRORS
 *   sensor_max INDEX TEMP
 *   module TEMP MAX
 *   counter_reads N
 *   port_ib INDEX SPEED WIDTH	(an InfiniBand port's PTYS admin, hex)
 *   ppcnt_cleared INDEX GRP N	(PPCNT clr of group GRP at counter_reads N)
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "emu_fw_int.h"

static int emu_state_cleared(struct emu_fw *fw, unsigned int port,
			     unsigned int grp, unsigned long long reads)
{
	size_t g;

	if (port >= fw->prof->nports || port >= EMU_MAX_PORTS)
		return -1;
	for (g = 0; g < fw->prof->nppcnt; g++) {
		if (fw->prof->ppcnt[g].id == grp) {
			fw->ports[port].ppcnt_cleared[g] = reads;
			return 0;
		}
	}
	return -1;
}

/*
 * A value too wide for what holds it is a typo, not a state: kept, it
 * would come back cut to the width (300 as 44) with nobody told.
 */
static bool emu_state_fits(const unsigned int *vals, const uint8_t *bits,
			   size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (bits[i] < 32 && vals[i] >> bits[i])
			return false;
	return true;
}

static bool emu_state_s16(int v)
{
	return v >= INT16_MIN && v <= INT16_MAX;
}

static int emu_state_line(struct emu_fw *fw, const char *line)
{
	unsigned int i, admin, oper, an, reason, errors;
	unsigned int amtu, omtu, eth, ext;
	unsigned long long n;
	int a, b;

	if (sscanf(line, "port %u %u %u %u %u %x %x %u %u %u", &i, &admin,
		   &oper, &amtu, &omtu, &eth, &ext, &an, &reason,
		   &errors) == 10) {
		/* The widths of struct emu_port_state, bools one bit. */
		const unsigned int vals[] = { admin, oper, amtu, omtu, an,
					      reason, errors };
		static const uint8_t bits[] = { 8, 8, 16, 16, 1, 16, 1 };
		struct emu_port_state *st;

		if (i >= fw->prof->nports || i >= EMU_MAX_PORTS ||
		    !emu_state_fits(vals, bits, EMU_ARRAY_SIZE(vals)))
			return -1;
		st = &fw->ports[i];
		st->admin_status = admin;
		st->oper_status = oper;
		st->admin_mtu = amtu;
		st->oper_mtu = omtu;
		st->eth_proto_admin = eth;
		st->ext_eth_proto_admin = ext;
		st->an_disable = an;
		st->down_reason = reason;
		st->errors = errors;
		return 0;
	}
	if (sscanf(line, "port_ib %u %x %x", &i, &eth, &ext) == 3) {
		if (i >= fw->prof->nports || i >= EMU_MAX_PORTS ||
		    eth > UINT16_MAX || ext > UINT16_MAX)
			return -1;
		fw->ports[i].ib_proto_admin = eth;
		fw->ports[i].ib_link_width_admin = ext;
		return 0;
	}
	if (sscanf(line, "sensor_max %u %d", &i, &a) == 2) {
		if (i >= fw->prof->nsensors || i >= EMU_MAX_SENSORS ||
		    !emu_state_s16(a))
			return -1;
		fw->sensor_max[i] = a;
		return 0;
	}
	if (sscanf(line, "module %d %d", &a, &b) == 2) {
		if (!emu_state_s16(a) || !emu_state_s16(b))
			return -1;
		fw->module_temp = a;
		fw->module_max = b;
		return 0;
	}
	if (sscanf(line, "counter_reads %llu", &n) == 1) {
		fw->counter_reads = n;
		return 0;
	}
	if (sscanf(line, "ppcnt_cleared %u %x %llu", &i, &admin, &n) == 3)
		return emu_state_cleared(fw, i, admin, n);
	return -1;
}

/* Lines that are each fine but not together: a clear after the last read. */
static int emu_state_check(const struct emu_fw *fw, char *err, size_t errlen)
{
	size_t i, g;

	for (i = 0; i < fw->prof->nports && i < EMU_MAX_PORTS; i++) {
		for (g = 0; g < fw->prof->nppcnt; g++) {
			if (fw->ports[i].ppcnt_cleared[g] <= fw->counter_reads)
				continue;
			snprintf(err, errlen,
				 "state file %s: ppcnt_cleared %zu %#x is after counter_reads %" PRIu64,
				 fw->state_path, i, fw->prof->ppcnt[g].id,
				 fw->counter_reads);
			return EINVAL;
		}
	}
	return 0;
}

int emu_fw_state_load(struct emu_fw *fw, char *err, size_t errlen)
{
	char line[256];
	unsigned int lineno = 0;
	FILE *f;

	f = fopen(fw->state_path, "r");
	if (!f && errno == ENOENT) {
		/*
		 * Written on close, when there is nobody left to tell that
		 * the directory is missing: create it now, empty, so it is.
		 */
		f = fopen(fw->state_path, "w");
		if (f) {
			fclose(f);
			return 0;
		}
	}
	if (!f) {
		snprintf(err, errlen, "state file %s: %s", fw->state_path,
			 strerror(errno));
		return errno;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (emu_state_line(fw, line)) {
			snprintf(err, errlen,
				 "state file %s:%u: not a state line for profile %s",
				 fw->state_path, lineno, fw->prof->id.profile);
			fclose(f);
			return EINVAL;
		}
	}
	fclose(f);
	return emu_state_check(fw, err, errlen);
}

void emu_fw_state_save(const struct emu_fw *fw)
{
	FILE *f = fopen(fw->state_path, "w");
	size_t i, g;

	/* Nobody to tell at close: the next load reports a bad file. */
	if (!f)
		return;
	fprintf(f, "# emulated %s state, see Documentation/emulator.md\n",
		fw->prof->id.profile);
	for (i = 0; i < fw->prof->nports && i < EMU_MAX_PORTS; i++) {
		const struct emu_port_state *st = &fw->ports[i];

		fprintf(f, "port %zu %u %u %u %u %x %x %u %u %u\n", i,
			st->admin_status, st->oper_status, st->admin_mtu,
			st->oper_mtu, st->eth_proto_admin,
			st->ext_eth_proto_admin, st->an_disable,
			st->down_reason, st->errors);
		if (fw->prof->ports[i].proto == EMU_PTYS_IB)
			fprintf(f, "port_ib %zu %x %x\n", i, st->ib_proto_admin,
				st->ib_link_width_admin);
	}
	for (i = 0; i < fw->prof->nports && i < EMU_MAX_PORTS; i++)
		for (g = 0; g < fw->prof->nppcnt; g++)
			if (fw->ports[i].ppcnt_cleared[g])
				fprintf(f, "ppcnt_cleared %zu %#x %" PRIu64 "\n",
					i, fw->prof->ppcnt[g].id,
					fw->ports[i].ppcnt_cleared[g]);
	for (i = 0; i < fw->prof->nsensors && i < EMU_MAX_SENSORS; i++)
		fprintf(f, "sensor_max %zu %d\n", i, fw->sensor_max[i]);
	fprintf(f, "module %d %d\n", fw->module_temp, fw->module_max);
	fprintf(f, "counter_reads %" PRIu64 "\n", fw->counter_reads);
	fclose(f);
}
