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
 *            and the library's scope and backend names;
 *   host     TEXT as MLX5CTL_EMU_HOST: parsed by the plugin, then listed
 *            and its last device opened through the library.
 *
 * Oracles: a spec the emulator refuses, it says why (emu.h); the one it
 * takes makes resource dumps of the size it names; every value
 * a state file gives is the value written back; a state file the
 * emulator wrote loads again and is written back unchanged; a
 * parsed number is within its bound and prints back to itself; hex bytes
 * are the digits given; a parsed name prints back to a name that parses
 * to the same value; a host the emulator takes has 1..EMU_HOST_MAX
 * devices whose names are all distinct, the library lists the same ones,
 * and each opens by its ib device name.
 */
/* fuzz.h: memfd_create(); the targets: asprintf() and friends. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <strings.h>

#include "cli.h"
#include "emu.h"
#include "emu_fw_dump.h"
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

/* A resource segment holds 0xffff dwords; 0xfffd of them a dump. */
#define RSC_SEG_MOST (0xffffULL * 4)
#define RSC_OBJS_MOST 0xfffdULL

/*
 * rscdump_size=SIZE: "a dump of all contexts of one type is at least SIZE
 * bytes" (Documentation/emulator.md), as far as the segments reach.
 */
static void check_rscdump_size(const struct emu_fw *fw)
{
	const struct emu_options *o = emu_fw_options(fw);
	uint64_t objs = o->rscdump_objs ? o->rscdump_objs : RSC_OBJS_MOST;
	uint64_t seg = fw->dump->rsc_payload +
		       PRM_SIZE(resource_dump_resource_segment);
	uint64_t want = o->rscdump_size;

	if (want > objs * RSC_SEG_MOST)
		want = objs * RSC_SEG_MOST;
	FUZZ_CHECK(fw->dump->rsc_objs * seg >= want);
}

static void spec(char *text, bool fwctl)
{
	struct mlx5ctl_device *dev;
	struct emu_fw *fw;
	char err[256] = "", *name;

	/* Sizes cost nothing here: no dump is read. */
	fuzz_no_paths(text);
	fw = emu_fw_create(text, err, sizeof(err));
	FUZZ_CHECK(memchr(err, 0, sizeof(err)));
	FUZZ_CHECK(fw || err[0]);
	if (fw)
		check_rscdump_size(fw);
	emu_fw_destroy(fw);
	FUZZ_CHECK(asprintf(&name, "emu:%s", text) > 0);
	dev = open_dev(name, fwctl, MLX5CTL_SCOPE_DEBUG_READ_ONLY);
	if (dev) {
		read_device(dev);
		mlx5ctl_close(dev);
	}
	free(name);
}

static bool same_name(const struct emu_identity *a,
		      const struct emu_identity *b)
{
	return !strcmp(a->ibdev, b->ibdev) || !strcmp(a->pci, b->pci) ||
	       !strcmp(a->fwctl, b->fwctl) || !strcmp(a->uverbs, b->uverbs);
}

static void host(char *text)
{
	struct mlx5ctl_devinfo *list = NULL;
	struct emu_host_dev *devs = NULL;
	struct mlx5ctl_device *dev;
	char err[256] = "";
	size_t n = 0, nlist = 0, i, j;

	fuzz_no_paths(text);
	if (mlx5ctl_emu_plugin.host_parse(text, &devs, &n, err, sizeof(err))) {
		FUZZ_CHECK(err[0] && memchr(err, 0, sizeof(err)));
		return;
	}
	FUZZ_CHECK(n >= 1 && n <= EMU_HOST_MAX);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			FUZZ_CHECK(!same_name(&devs[i].id, &devs[j].id));
	FUZZ_CHECK(!setenv("MLX5CTL_EMU_HOST", text, 1));
	FUZZ_CHECK(!mlx5ctl_get_device_list(&list, &nlist) && nlist == n);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(!strcmp(list[i].ibdev, devs[i].id.ibdev));
	dev = open_dev(devs[n - 1].id.ibdev, false,
		       MLX5CTL_SCOPE_DEBUG_READ_ONLY);
	mlx5ctl_close(dev);
	unsetenv("MLX5CTL_EMU_HOST");
	mlx5ctl_free_device_list(list);
	free(devs);
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

/*
 * One line of a state file as emu_fw_state.c reads it (its formats, in
 * its order), so values read here and there are the same numbers.
 */
struct state_line {
	unsigned int key;		/* STATE_* */
	unsigned long long idx;	/* port; sensor; port << 32 | group */
	unsigned long long v[9];
};

enum { STATE_NONE, STATE_PORT, STATE_SENSOR, STATE_MODULE, STATE_READS,
       STATE_CLEARED };

static unsigned int parse_state(const char *line, struct state_line *s)
{
	unsigned int u[10];
	unsigned long long n;
	int a, b, k;

	memset(s, 0, sizeof(*s));
	if (sscanf(line, "port %u %u %u %u %u %x %x %u %u %u", &u[0], &u[1],
		   &u[2], &u[3], &u[4], &u[5], &u[6], &u[7], &u[8],
		   &u[9]) == 10) {
		s->idx = u[0];
		for (k = 0; k < 9; k++)
			s->v[k] = u[k + 1];
		return s->key = STATE_PORT;
	}
	if (sscanf(line, "sensor_max %u %d", &u[0], &a) == 2) {
		s->idx = u[0];
		s->v[0] = a;
		return s->key = STATE_SENSOR;
	}
	if (sscanf(line, "module %d %d", &a, &b) == 2) {
		s->v[0] = a;
		s->v[1] = b;
		return s->key = STATE_MODULE;
	}
	if (sscanf(line, "counter_reads %llu", &n) == 1) {
		s->v[0] = n;
		return s->key = STATE_READS;
	}
	if (sscanf(line, "ppcnt_cleared %u %x %llu", &u[0], &u[1], &n) == 3) {
		s->idx = (unsigned long long)u[0] << 32 | u[1];
		s->v[0] = n;
		return s->key = STATE_CLEARED;
	}
	return STATE_NONE;
}

#define MAX_STATE_LINES 64

/* The lines of PATH, read as the emulator reads them (256-byte chunks). */
static size_t read_state(const char *path, struct state_line *lines)
{
	FILE *f = fopen(path, "r");
	char buf[256];
	size_t n = 0;

	FUZZ_CHECK(f);
	while (fgets(buf, sizeof(buf), f) && n < MAX_STATE_LINES)
		if (buf[0] != '#' && buf[0] != '\n' &&
		    parse_state(buf, &lines[n]))
			n++;
	fclose(f);
	return n;
}

/* The last line of KEY and IDX: the one that took effect. */
static const struct state_line *find_state(const struct state_line *lines,
					   size_t n, unsigned int key,
					   unsigned long long idx)
{
	const struct state_line *found = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (lines[i].key == key && lines[i].idx == idx)
			found = &lines[i];
	return found;
}

/*
 * What the emulator took from a state file, it keeps: each value read is
 * the value written back (a PPCNT clear of 0, "never", is not written).
 */
static void check_kept(const struct state_line *in, size_t nin)
{
	struct state_line out[MAX_STATE_LINES];
	size_t nout = read_state("st.state", out), i;

	for (i = 0; i < nin; i++) {
		const struct state_line *want, *got;

		want = find_state(in, nin, in[i].key, in[i].idx);
		got = find_state(out, nout, in[i].key, in[i].idx);
		if (!got && want->key == STATE_CLEARED && !want->v[0])
			continue;
		FUZZ_CHECK(got && !memcmp(got->v, want->v, sizeof(got->v)));
	}
}

static void state(const char *text, size_t len, bool fwctl)
{
	static const char name[] = "emu:connectx7,state=st.state";
	uint8_t paos[16] = { 0, 1, 0, 2 };	/* local_port 1, down */
	struct state_line in[MAX_STATE_LINES];
	struct mlx5ctl_device *dev;
	char *saved, *again;
	FILE *f = fopen("st.state", "w");
	size_t nin;

	FUZZ_CHECK(f && fwrite(text, 1, len, f) == len);
	fclose(f);
	nin = read_state("st.state", in);
	/* Opened and closed, nothing asked: the state as it was read. */
	dev = open_dev(name, fwctl, MLX5CTL_SCOPE_DEBUG_READ_ONLY);
	if (!dev)
		return;
	mlx5ctl_close(dev);
	check_kept(in, nin);
	dev = open_dev(name, fwctl, MLX5CTL_SCOPE_DEBUG_WRITE_FULL);
	FUZZ_CHECK(dev);
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
	/* 0x80 is the fwctl flag, not part of the mode. */
	switch ((mode & 0x7f) % 4) {
	case 0:
		spec(text, mode & 0x80);
		break;
	case 1:
		state(len ? (const char *)data + 1 : "", len, mode & 0x80);
		break;
	case 2:
		numbers(text);
		break;
	default:
		host(text);
		break;
	}
	fuzz_workdir_leave();
	free(text);
	return 0;
}
