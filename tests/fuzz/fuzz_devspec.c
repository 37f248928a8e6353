// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * What people type besides commands: "emu:" device specs, the state files
 * "state=FILE" keeps between runs, and the numbers and names the tool and
 * the library parse.  The first byte picks which; the rest is the text.
 *
 *   spec     emu:TEXT opened directly (emu_fw_create) and through the
 *            library on ctl or fwctl, then the commands every tool sends;
 *   state    TEXT is FILE of emu:connectx7,state=FILE: open, read what the
 *            state holds (port, link, temperatures, counters), write a
 *            register, close (which saves);
 *   numbers  TEXT through parse_u64 and parse_hex_bytes (mlx5ctl/util.c)
 *            and the library's scope and backend names.
 *
 * Oracles: a spec the emulator refuses, it says why (emu.h); a state
 * file the emulator wrote loads again and is written back unchanged; a
 * parsed number is within its bound and prints back to itself; hex bytes
 * are the digits given; a parsed name prints back to a name that parses
 * to the same value.
 */
#include <ctype.h>
#include <errno.h>
#include <strings.h>

#include "cli.h"
#include "emu.h"
#include "fuzz.h"
#include "opcodes.h"
#include "prm.h"

#define MAX_TEXT 4096

/* The commands a tool sends first, and the state-holding registers. */
static void read_device(struct mlx5ctl_device *dev)
{
	static const struct {
		uint16_t reg;
		uint32_t arg;
		uint8_t data[4];
	} regs[] = {
		{ PRM_REG_PAOS, 0, { 0, 1 } },
		{ PRM_REG_PTYS, 0, { 0, 1, 0, 4 } },
		{ PRM_REG_PMTU, 0, { 0, 1 } },
		{ PRM_REG_PDDR, 0, { 0, 1, 0, 0 } },
		{ PRM_REG_PDDR, 0, { 0, 1, 0, 1 } },
		{ PRM_REG_MTMP, 0, { 0, 0, 0, 0 } },
		{ PRM_REG_MTMP, 0, { 0, 0, 0, 64 } },
		{ PRM_REG_PPCNT, 0, { 0, 1, 0, 0 } },
	};
	uint8_t cap[MLX5CTL_HCA_CAP_SIZE], data[256];
	size_t i;

	mlx5ctl_query_hca_cap(dev, 0, MLX5CTL_CAP_CUR, cap, sizeof(cap));
	for (i = 0; i < FUZZ_ARRAY_SIZE(regs); i++) {
		memset(data, 0, sizeof(data));
		memcpy(data, regs[i].data, sizeof(regs[i].data));
		mlx5ctl_reg_read(dev, regs[i].reg, regs[i].arg, data,
				 sizeof(data));
	}
}

static struct mlx5ctl_device *open_dev(const char *name, bool fwctl,
				       enum mlx5ctl_scope scope)
{
	struct mlx5ctl_open_attr attr = {
		.comp_mask = MLX5CTL_OPEN_ATTR_BACKEND |
			     MLX5CTL_OPEN_ATTR_SCOPE | MLX5CTL_OPEN_ATTR_ERRBUF,
		.backend = fwctl ? MLX5CTL_BACKEND_FWCTL : MLX5CTL_BACKEND_CTL,
		.scope = scope,
	};
	struct mlx5ctl_device *dev;
	char why[256] = "";

	attr.errbuf = why;
	attr.errbuf_len = sizeof(why);
	dev = mlx5ctl_open(name, &attr);
	FUZZ_CHECK(memchr(why, 0, sizeof(why)));
	return dev;
}

static void spec(char *text, bool fwctl)
{
	struct mlx5ctl_device *dev;
	struct emu_fw *fw;
	char err[256] = "", *name;

	fuzz_no_paths(text);
	/* A spec is one word of the command line: the same limits. */
	if (!fuzz_cheap(text, NULL))
		return;
	fw = emu_fw_create(text, err, sizeof(err));
	FUZZ_CHECK(memchr(err, 0, sizeof(err)));
	FUZZ_CHECK(fw || err[0]);
	emu_fw_destroy(fw);
	FUZZ_CHECK(asprintf(&name, "emu:%s", text) > 0);
	dev = open_dev(name, fwctl, MLX5CTL_SCOPE_DEBUG_READ_ONLY);
	if (dev) {
		read_device(dev);
		mlx5ctl_close(dev);
	}
	free(name);
}

static char *slurp(const char *path)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	char *text;

	FUZZ_CHECK(!read_file(path, &buf, &len));
	text = strndup((char *)buf, len);
	FUZZ_CHECK(text);
	free(buf);
	return text;
}

static void state(const char *text, size_t len, bool fwctl)
{
	static const char name[] = "emu:connectx7,state=st.state";
	uint8_t paos[16] = { 0, 1, 0, 2 };	/* local_port 1, down */
	struct mlx5ctl_device *dev;
	char *saved, *again;
	FILE *f = fopen("st.state", "w");

	FUZZ_CHECK(f && fwrite(text, 1, len, f) == len);
	fclose(f);
	dev = open_dev(name, fwctl, MLX5CTL_SCOPE_DEBUG_WRITE_FULL);
	if (!dev)
		return;
	read_device(dev);
	mlx5ctl_reg_write(dev, PRM_REG_PAOS, 0, paos, sizeof(paos));
	mlx5ctl_close(dev);
	/* What the emulator wrote, it reads; untouched, it writes the same. */
	saved = slurp("st.state");
	dev = open_dev(name, fwctl, MLX5CTL_SCOPE_DEBUG_READ_ONLY);
	FUZZ_CHECK(dev);
	mlx5ctl_close(dev);
	again = slurp("st.state");
	FUZZ_CHECK(!strcmp(saved, again));
	free(saved);
	free(again);
}

static void check_u64(const char *text, uint64_t max)
{
	uint64_t v, back;
	char buf[32];

	if (parse_u64(text, max, &v))
		return;
	FUZZ_CHECK(v <= max);
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	FUZZ_CHECK(!parse_u64(buf, max, &back) && back == v);
	snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)v);
	FUZZ_CHECK(!parse_u64(buf, max, &back) && back == v);
}

/* The digits of TEXT as parse_hex_bytes reads them: "0x", ' ', ':' aside. */
static void check_hex(const char *text)
{
	const char *p = text;
	uint8_t *buf;
	size_t len, i = 0;

	if (parse_hex_bytes(text, &buf, &len))
		return;
	if (!strncasecmp(p, "0x", 2))
		p += 2;
	for (; *p; p++) {
		unsigned int d;

		if (isspace((unsigned char)*p) || *p == ':')
			continue;
		FUZZ_CHECK(isxdigit((unsigned char)*p) && i / 2 < len);
		d = isdigit((unsigned char)*p) ?
			    *p - '0' : tolower((unsigned char)*p) - 'a' + 10;
		FUZZ_CHECK((buf[i / 2] >> (i % 2 ? 0 : 4) & 0xf) == d);
		i++;
	}
	FUZZ_CHECK(i == 2 * len);
	free(buf);
}

static void numbers(const char *text)
{
	static const uint64_t maxes[] = { UINT64_MAX, UINT32_MAX, 0xffff, 255,
					  0 };
	enum mlx5ctl_backend b, b2;
	enum mlx5ctl_scope s, s2;
	size_t i;

	for (i = 0; i < FUZZ_ARRAY_SIZE(maxes); i++)
		check_u64(text, maxes[i]);
	check_hex(text);
	if (!mlx5ctl_scope_parse(text, &s))
		FUZZ_CHECK(!mlx5ctl_scope_parse(mlx5ctl_scope_str(s), &s2) &&
			   s2 == s);
	if (!mlx5ctl_backend_parse(text, &b))
		FUZZ_CHECK(!mlx5ctl_backend_parse(mlx5ctl_backend_str(b),
						  &b2) && b2 == b);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet_stdout();
	fuzz_workdir_init("fuzz_devspec");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t mode = size ? data[0] : 0;
	size_t len = size ? size - 1 : 0;
	char *text;

	if (len > MAX_TEXT)
		return 0;
	text = strndup(size ? (const char *)data + 1 : "", len);
	FUZZ_CHECK(text);
	fuzz_workdir_enter();
	switch (mode % 3) {
	case 0:
		spec(text, mode & 0x80);
		break;
	case 1:
		state(len ? (const char *)data + 1 : "", len, mode & 0x80);
		break;
	default:
		numbers(text);
		break;
	}
	fuzz_workdir_leave();
	free(text);
	return 0;
}
