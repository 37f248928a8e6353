// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The tool's decoders and dump parsers on whatever firmware answers.  The
 * target stands in front of the emulated firmware (ld --wrap of
 * emu_fw_exec: no hook in the product) and lets the input decide each
 * answer to the tool's commands; the kernel's own commands (uid 0:
 * contexts, UMEMs) keep their real answers.  Then it runs one of the
 * tool's command lines in process (main.c's main, renamed), so every
 * decoder sees what a broken or hostile device could send: register and
 * capability pages, object contexts, counters, health, resource and core
 * dumps (written into the tool's UMEM through the mkey, as firmware
 * does), diagnostic counters, snapshots.
 *
 * Input: a command byte, a flags byte (JSON, pretty, fwctl), then one
 * record per answer, until the input ends (the rest are real answers):
 *
 *   kind u8, off u16, len u16, LEN bytes (little-endian)
 *   kind 0 real     the emulated firmware's answer
 *        1 patch    the real answer with LEN bytes at OFF of the outbox
 *        2 dump     the real answer, LEN bytes at OFF of the memory the
 *                   command dumps to (its mkey), else as 1
 *        3 replace  the outbox is the bytes, zeros after them
 *        4 short    the real answer, firmware says it wrote OFF bytes
 *
 * Oracles besides the sanitizers: with -j, what the tool prints is one
 * JSON document; health's first line is a monitoring plugin's status line
 * and its exit code one of the plugin's four; no exit code is beyond 3.
 */
/* fuzz.h: memfd_create(); the targets: asprintf() and friends. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>

#include <json-c/json.h>

#include "emu.h"
#include "emu_fw_dump.h"
#include "fuzz.h"
#include "policy.h"
#include "prm.h"
#include "prm_adb.h"

int mlx5ctl_main(int argc, char **argv);
size_t __real_emu_fw_exec(struct emu_fw *fw, const void *in, size_t inlen,
			  void *out, size_t outlen);
size_t __wrap_emu_fw_exec(struct emu_fw *fw, const void *in, size_t inlen,
			  void *out, size_t outlen);

/* Small dumps: the parsers see every kind of record, quickly. */
#define DEVICE "emu:connectx7,coredump_size=64K,rscdump_objs=3"
#define MAX_ARGS 24

enum { HEALTH = 1 };	/* commands whose output has a contract */

static const struct {
	const char *scope;	/* -s, or NULL */
	unsigned int check;
	const char *argv[12];
} commands[] = {
	{ NULL, 0, { "info" } },
	{ NULL, 0, { "cap", "show", "general" } },
	{ NULL, 0, { "cap", "show", "general", "--max" } },
	{ NULL, 0, { "cap", "show", "ethernet", "odp", "atomic", "roce",
		     "qos", "debug", "0x20" } },
	{ NULL, 0, { "reg", "show", "PAOS", "local_port", "1" } },
	{ NULL, 0, { "reg", "show", "PTYS", "local_port", "1" } },
	{ NULL, 0, { "reg", "show", "PDDR", "local_port", "1" } },
	{ NULL, 0, { "reg", "show", "PDDR", "local_port", "1",
		     "page_select", "1" } },
	{ NULL, 0, { "reg", "show", "PDDR", "local_port", "1",
		     "page_select", "3" } },
	{ NULL, 0, { "reg", "show", "PPCNT", "local_port", "1" } },
	{ NULL, 0, { "reg", "show", "PPCNT", "local_port", "1", "grp",
		     "0x12" } },
	{ NULL, 0, { "reg", "show", "MTMP", "sensor_index", "64" } },
	{ NULL, 0, { "reg", "show", "MCIA", "module", "0" } },
	{ NULL, 0, { "reg", "show", "MGIR" } },
	{ NULL, 0, { "reg", "show", "PMLP", "local_port", "1" } },
	{ NULL, 0, { "reg", "show", "PCAM" } },
	{ NULL, 0, { "reg", "show", "MCAM" } },
	{ NULL, 0, { "reg", "show", "SLRG", "local_port", "1" } },
	{ NULL, 0, { "reg", "show", "PPLM", "local_port", "1" } },
	{ NULL, 0, { "reg", "show", "MVCR" } },
	{ NULL, 0, { "reg", "list" } },
	{ "debug-write-full", 0, { "reg", "set", "PAOS", "local_port", "1",
				   "admin_status=down" } },
	{ NULL, 0, { "obj", "show", "qp", "0x1c8" } },
	{ NULL, 0, { "obj", "show", "cq", "0x400" } },
	{ NULL, 0, { "obj", "show", "eq", "0x7" } },
	{ NULL, 0, { "obj", "show", "sq", "0x120" } },
	{ NULL, 0, { "obj", "show", "rq", "0x121" } },
	{ NULL, 0, { "obj", "show", "rqt", "0x5" } },
	{ NULL, 0, { "obj", "show", "tir", "0x9" } },
	{ NULL, 0, { "obj", "show", "tis", "0x8" } },
	{ NULL, 0, { "obj", "show", "srq", "0x20" } },
	{ NULL, 0, { "obj", "show", "dct", "0x1d0" } },
	{ NULL, 0, { "obj", "show", "mkey", "0x3" } },
	{ NULL, 0, { "counters" } },
	{ NULL, 0, { "counters", "q", "1" } },
	{ NULL, 0, { "counters", "port" } },
	{ NULL, 0, { "counters", "port", "grp", "phys_layer" } },
	{ NULL, 0, { "counters", "port", "--format", "prometheus" } },
	{ NULL, 0, { "counters", "vport", "--format", "prometheus" } },
	{ "debug-write", 0, { "counters", "port", "clear" } },
	{ NULL, HEALTH, { "health" } },
	{ NULL, 0, { "diagcnt", "cap" } },
	{ NULL, 0, { "diagcnt", "params" } },
	{ NULL, 0, { "diagcnt", "dump", "--samples", "2", "--interval", "0" } },
	{ NULL, 0, { "diagcnt", "dump", "--samples", "2", "--interval", "0",
		     "--csv" } },
	{ "debug-write", 0, { "diagcnt", "set", "counters", "all" } },
	{ NULL, 0, { "rscdump", "menu" } },
	{ NULL, 0, { "rscdump", "dump", "QP", "-o", "@dump.bin" } },
	{ NULL, 0, { "rscdump", "dump", "CQ", "num1", "all", "--hex" } },
	{ NULL, 0, { "rscdump", "dump", "EQ", "--inline", "-o", "@dump.bin" } },
	{ NULL, 0, { "coredump", "-o", "@core.bin" } },
	{ NULL, 0, { "coredump", "-o", "@core.bin", "--umem-size", "8K" } },
	{ NULL, 0, { "snapshot", "-o", "@snap.json" } },
	{ NULL, 0, { "cmd", "QUERY_HCA_CAP", "op_mod", "1" } },
	{ NULL, 0, { "cmd", "0x10a" } },
};

enum answer_kind { REAL, PATCH, DUMP, REPLACE, SHORT, NKINDS };

static struct fuzz_in answers;	/* the records still to come */
static bool answering;		/* a command line is running */
static int out_fd = -1;		/* the tool's stdout, captured */

/* LEN bytes of the record at OFF of DST (DSTLEN bytes), wrapping OFF. */
static void patch(uint8_t *dst, size_t dstlen, uint16_t off,
		  const uint8_t *src, size_t len)
{
	size_t at = off % dstlen;

	if (len > dstlen - at)
		len = dstlen - at;
	memcpy(dst + at, src, len);
}

/* Into the dump memory the command names, through its mkey. */
static bool patch_dump(struct emu_fw *fw, const void *in, size_t inlen,
		       uint16_t off, const uint8_t *src, size_t len)
{
	struct mlx5ctl_dump_target t;
	uint32_t synd;

	if (inlen < 16 || !mlx5ctl_policy_dump_target(in, inlen, &t) ||
	    !t.mkey || !t.size)
		return false;
	if (len > t.size)
		len = t.size;
	off %= t.size - len + 1;
	/* fw->cur_uid is still the command's: the mkey is looked up as its. */
	return emu_mkey_write(fw, t.mkey, t.addr + off, src, len, &synd) ==
	       PRM_STATUS_OK;
}

size_t __wrap_emu_fw_exec(struct emu_fw *fw, const void *in, size_t inlen,
			  void *out, size_t outlen)
{
	size_t n = __real_emu_fw_exec(fw, in, inlen, out, outlen);
	enum answer_kind kind;
	uint16_t off, len;
	uint8_t buf[65536];

	if (!answering || !answers.n || !out || !outlen || inlen < 16 ||
	    !PRM_GET(mbox_in, in, uid))
		return n;
	kind = fuzz_u8(&answers) % NKINDS;
	off = fuzz_u16(&answers);
	len = fuzz_u16(&answers);
	if (len > answers.n)
		len = answers.n;
	fuzz_bytes(&answers, buf, len);
	switch (kind) {
	case REAL:
		break;
	case DUMP:
		if (patch_dump(fw, in, inlen, off, buf, len))
			break;
		/* fallthrough */
	case PATCH:
		patch(out, outlen, off, buf, len);
		break;
	case REPLACE:
		memset(out, 0, outlen);
		patch(out, outlen, 0, buf, len);
		n = outlen;
		break;
	case SHORT:
		n = off % (outlen + 1);
		break;
	case NKINDS:
		break;
	}
	return n;
}

static char workdir[] = "/tmp/fuzz_answers.XXXXXX";

/*
 * ARGV[ARGC++] = a copy of S (the tool may write to its arguments); a
 * file name "@NAME" becomes NAME in the target's own directory.
 */
static void push(char **argv, int *argc, const char *s)
{
	if (*argc < MAX_ARGS - 1) {
		if (s[0] == '@')
			FUZZ_CHECK(asprintf(&argv[*argc], "%s/%s", workdir,
					    s + 1) > 0);
		else
			argv[*argc] = strdup(s);
		FUZZ_CHECK(argv[(*argc)++]);
	}
	argv[*argc] = NULL;
}

/* The command line: mlx5ctl [-j [-p]] [-b fwctl] [-s SCOPE -y] -d DEV ... */
static int build_argv(char **argv, uint8_t cmd, uint8_t flags)
{
	int argc = 0;
	size_t i;

	push(argv, &argc, "mlx5ctl");
	if (flags & 1)
		push(argv, &argc, "-j");
	if (flags & 2)
		push(argv, &argc, "-p");
	if (flags & 4) {
		push(argv, &argc, "-b");
		push(argv, &argc, "fwctl");
	}
	if (commands[cmd].scope) {
		push(argv, &argc, "-s");
		push(argv, &argc, commands[cmd].scope);
		push(argv, &argc, "-y");
	}
	push(argv, &argc, "-d");
	push(argv, &argc, DEVICE);
	for (i = 0; commands[cmd].argv[i]; i++)
		push(argv, &argc, commands[cmd].argv[i]);
	return argc;
}

static void free_argv(char **argv, int argc)
{
	while (argc)
		free(argv[--argc]);
}

/* What the run printed, NUL-terminated. */
static char *captured(void)
{
	off_t len = lseek(out_fd, 0, SEEK_END);
	char *text = malloc(len + 1);

	FUZZ_CHECK(text && len >= 0);
	FUZZ_CHECK(pread(out_fd, text, len, 0) == len);
	text[len] = 0;
	return text;
}

/* -j: nothing, or exactly one JSON document. */
static void check_json(const char *text)
{
	json_tokener *tok;
	json_object *doc;
	size_t end;

	if (!text[0])
		return;
	tok = json_tokener_new();
	FUZZ_CHECK(tok);
	doc = json_tokener_parse_ex(tok, text, strlen(text));
	FUZZ_CHECK(doc && json_tokener_get_error(tok) == json_tokener_success);
	end = json_tokener_get_parse_end(tok);
	FUZZ_CHECK(!text[end + strspn(text + end, " \t\r\n")]);
	json_object_put(doc);
	json_tokener_free(tok);
}

/* A monitoring plugin: "MLX5CTL STATE - ..." first, exit 0-3 by STATE. */
static void check_health(const char *text, int rc)
{
	static const char *const states[] = {
		"MLX5CTL OK - ", "MLX5CTL WARNING - ", "MLX5CTL CRITICAL - ",
		"MLX5CTL UNKNOWN - ",
	};

	FUZZ_CHECK(rc >= 0 && rc < 4);
	FUZZ_CHECK(!strncmp(text, states[rc], strlen(states[rc])));
}

static void check_output(uint8_t cmd, uint8_t flags, int rc)
{
	char *text = captured();

	if (fuzz_trace())
		fprintf(stderr, "exit %d, %zu bytes out:\n%.400s\n", rc,
			strlen(text), text);
	FUZZ_CHECK(rc >= 0 && rc <= 3);
	if (flags & 1)
		check_json(text);
	else if (commands[cmd].check == HEALTH)
		check_health(text, rc);
	free(text);
}

/* The files the command lines write, and their directory, at exit. */
static void clean_workdir(void)
{
	static const char *const files[] = { "dump.bin", "core.bin",
					     "snap.json" };
	char path[sizeof(workdir) + 16];
	size_t i;

	for (i = 0; i < FUZZ_ARRAY_SIZE(files); i++) {
		snprintf(path, sizeof(path), "%s/%s", workdir, files[i]);
		unlink(path);
	}
	rmdir(workdir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet_stdout();
	out_fd = memfd_create("stdout", MFD_CLOEXEC);
	FUZZ_CHECK(out_fd >= 0 && mkdtemp(workdir));
	atexit(clean_workdir);
	/*
	 * mstflint's database, when installed, once: "reg show MVCR" decodes
	 * through it.  The tool must not load it again on every run.
	 */
	prm_adb_load(NULL);
	setenv("MLX5CTL_PRM_ADB", "", 1);
	unsetenv("MLX5CTL_DEVICE");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint8_t cmd = fuzz_u8(&in) % FUZZ_ARRAY_SIZE(commands);
	uint8_t flags = fuzz_u8(&in);
	char *argv[MAX_ARGS] = {}, *args[MAX_ARGS];
	int argc, rc;

	argc = build_argv(argv, cmd, flags);
	answers = in;
	FUZZ_CHECK(!ftruncate(out_fd, 0) && !lseek(out_fd, 0, SEEK_SET) &&
		   dup2(out_fd, STDOUT_FILENO) >= 0);
	optind = 0;
	answering = true;
	/* The tool may reorder its argv: it gets a copy of the array. */
	memcpy(args, argv, sizeof(args));
	rc = mlx5ctl_main(argc, args);
	answering = false;
	fflush(stdout);
	check_output(cmd, flags, rc);
	free_argv(argv, argc);
	return 0;
}
