/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * mlx5ctl, the utility: shared state of one invocation and the command
 * table machinery every command group uses.
 */
#ifndef MLX5CTL_CLI_H
#define MLX5CTL_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <infiniband/mlx5ctl.h>

#include "prm.h"

/* Exit codes: iproute2 uses 2 for misuse, so scripts can tell them apart. */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
	HEALTH_EXIT_UNKNOWN = 3,	/* the monitoring plugins' UNKNOWN */
};

/* PRM command headers: 16 bytes in, 16 bytes out. */
#define CMD_HDR_LEN 16

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* -d may be given this often (health checks them all). */
#define CLI_MAX_DEVICES 64

struct cli {
	const char *devname;		/* -d, $MLX5CTL_DEVICE, or NULL */
	const char *devnames[CLI_MAX_DEVICES];	/* every -d */
	size_t ndevnames;
	struct mlx5ctl_open_attr attr;	/* -b, -s */
	bool verbose;
	/* Where -v writes: stderr, or a copy of it while snapshot hides it. */
	int trace_fd;
	bool yes;			/* --yes: write without asking */
	struct mlx5ctl_device *dev;	/* opened on first use */
	char open_why[256];		/* why the last open failed */
	/* Sees every command of every handle opened (snapshot records so). */
	mlx5ctl_rpc_observer observer;
	void *observer_ctx;
};

struct cli_cmd {
	const char *name;
	int (*handler)(struct cli *cli, int argc, char **argv);
	const char *help;		/* one line, shown by "OBJECT help" */
};

/*
 * Run ARGV[0] from TABLE, ARGV[0] excluded from what the handler gets;
 * no argument runs the first entry.  "help", "-h" and "--help" print
 * USAGE; an unknown word prints it to stderr and returns EXIT_USAGE.
 */
int cli_dispatch(struct cli *cli, const char *object, const char *usage,
		 const struct cli_cmd *table, int argc, char **argv);
/* Unique-prefix match of WORD against the table; NULL when none. */
const struct cli_cmd *cli_lookup(const struct cli_cmd *table, const char *word);
bool cli_is_help(const char *word);
int cli_usage(const char *object, const char *usage, bool error);

/*
 * Open the device of -d (once): EXIT_OK with cli->dev set, or the exit
 * code after the error was reported.
 */
int cli_open(struct cli *cli);
/* health.c: the exit code of misuse of health, its status line printed. */
int health_misuse(bool json);
/* The same for device NAME, closing the one open before. */
int cli_open_name(struct cli *cli, const char *name);

/*
 * The exit code for ERR, the result of library call WHAT: a failure is
 * reported with the firmware status and syndrome from OUTBOX (a command
 * header, which the library's helpers leave in their output buffer) when
 * firmware refused the command.
 */
int cli_result(struct cli *cli, const char *what, int err, const void *outbox);
/* A note after an error whose errno alone would puzzle people. */
void cli_explain(struct cli *cli, int err);
/* Why the ctl backend was passed over, when it was and not by -b. */
void cli_explain_backend(struct cli *cli);
/* The same for a command whose inbox IN (INLEN bytes) we built. */
void cli_explain_cmd(struct cli *cli, int err, const void *in, size_t inlen);

/*
 * confirm.c: before a write WHAT ("write PAOS") of inbox IN: warn when it
 * taints the kernel and, when stdin is a terminal and --yes was not given,
 * show CHANGES (lines ending in newlines, or NULL) and ask.  EXIT_OK to
 * send it.  A command the policy will refuse is sent without either.
 */
int cli_write_ok(struct cli *cli, const char *what, const void *in,
		 size_t inlen, const char *changes);

/* errors.c: the one error format of DESIGN.md section 6. */
void report_error(const char *dev, const char *what, int err, const void *out);
void report_discovery_error(int err);
/* The REASON part of that line for ERR, a failure on device DEV. */
const char *report_reason(const char *dev, int err);
void report_misuse(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The last misuse reported, or NULL; how many were. */
const char *reported_misuse(void);
unsigned int reported_misuses(void);
void report_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* util.c */
int parse_u64(const char *str, uint64_t max, uint64_t *val);
/* Hex bytes, whitespace and ':' ignored; malloc'ed into *BUF. */
int parse_hex_bytes(const char *str, uint8_t **buf, size_t *len);
int read_file(const char *path, uint8_t **buf, size_t *len);
/* The opcode and op_mod dwords of an inbox. */
void cmd_hdr_set(void *in, uint16_t opcode, uint16_t op_mod);
/*
 * The ACCESS_REG inbox the library sends for register REG_ID with DATA
 * (LEN bytes of its layout): IN holds CMD_HDR_LEN + LEN bytes.  The
 * policies read it, for notes and checks before a write.
 */
void cmd_access_reg_set(void *in, uint16_t reg_id, bool write,
			const void *data, size_t len);
/* ACCESS_REG or ACCESS_REGISTER_USER with any op_mod but 1 (read). */
bool cmd_is_reg_write(const void *in);
/* "ACCESS_REG PDDR", "QUERY_HCA_CAP", "opcode 0x999": for people. */
void cmd_name(const void *in, size_t inlen, char *buf, size_t len);
bool str_ends_with(const char *s, const char *suffix);
/*
 * 10^-M and log10(X) for X > 0, without libm: loading it would cost every
 * start-up of the tool more than either is ever used.  test_cli_math
 * holds them to libm's answers.
 */
double ten_to_minus(uint64_t m);
double decimal_log(double x);

/*
 * adb.c: extend the layouts with mstflint's register database, once, for
 * the commands that look registers and layouts up; unloaded at exit.
 */
void cli_adb_load(struct cli *cli);
void cli_adb_unload(void);

/* The command groups. */
int do_dev(struct cli *cli, int argc, char **argv);
int do_info(struct cli *cli, int argc, char **argv);
int do_cap(struct cli *cli, int argc, char **argv);
int do_reg(struct cli *cli, int argc, char **argv);
int do_cmd(struct cli *cli, int argc, char **argv);
int do_prm(struct cli *cli, int argc, char **argv);
int do_emu(struct cli *cli, int argc, char **argv);
int do_obj(struct cli *cli, int argc, char **argv);
int do_counters(struct cli *cli, int argc, char **argv);
int do_health(struct cli *cli, int argc, char **argv);
int do_link(struct cli *cli, int argc, char **argv);

#endif
