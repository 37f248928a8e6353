// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl [OPTIONS] OBJECT [COMMAND [ARGS]]
 *
 * Laid out like iproute2's rdma and devlink tools: global options, then
 * one table per level whose first entry runs when no word is given.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "dump.h"
#include "opcodes.h"
#include "policy.h"
#include "print.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

static const char main_usage[] =
	"Usage: mlx5ctl [OPTIONS] OBJECT [COMMAND [ARGS]]\n"
	"       mlx5ctl [OPTIONS] OBJECT help\n"
	"OBJECT := { dev | info | cap | reg | obj | counters | health | link |\n"
	"            rscdump | diagcnt | coredump | snapshot | cmd | prm | emu |\n"
	"            help }\n"
	"OPTIONS:\n"
	"  -j, --json             one JSON document on stdout\n"
	"  -p, --pretty           indent the JSON\n"
	"  -d, --device DEV       mlx5_0, 0000:08:00.0, ens1f0np0, fwctl0, emu:connectx7\n"
	"                         (default: $MLX5CTL_DEVICE, else the only device)\n"
	"  -s, --scope SCOPE      configuration | debug-read-only | debug-write |\n"
	"                         debug-write-full (default: debug-read-only)\n"
	"  -b, --backend BACKEND  ctl | fwctl | devx (default: the best available)\n"
	"  -v, --verbose          trace commands on stderr\n"
	"  -y, --yes              write without asking (asked only on a terminal)\n"
	"  -V, --version          print the version\n"
	"  -h, --help             this text\n";

static int do_help(struct cli *cli, int argc, char **argv);

static const struct cli_cmd objects[] = {
	{ "dev", do_dev, "list devices or show one" },
	{ "info", do_info, "the control channel and the adapter" },
	{ "cap", do_cap, "decoded HCA capabilities" },
	{ "reg", do_reg, "list, read and write access registers" },
	{ "obj", do_obj, "decode a firmware object's context" },
	{ "counters", do_counters, "vport and Q counters, also for Prometheus" },
	{ "health", do_health, "one-screen health verdict with plugin exit codes" },
	{ "link", do_link, "one port's link, FEC, BER and module, with a verdict" },
	{ "rscdump", do_rscdump, "resource dump: segment menu and dumps" },
	{ "diagcnt", do_diagcnt, "diagnostic counters: sampling and samples" },
	{ "coredump", do_coredump, "firmware core dump into registered memory" },
	{ "snapshot", do_snapshot, "record the device's answers for replay" },
	{ "cmd", do_cmd, "send a raw PRM command" },
	{ "prm", do_prm, "browse the PRM layout database" },
	{ "emu", do_emu, "run fwctl programs on emulated devices" },
	{ "help", do_help, "this text" },
	{}
};

static int do_help(struct cli *cli, int argc, char **argv)
{
	const struct cli_cmd *c;

	print_discard();
	fputs(main_usage, stdout);
	printf("OBJECTS:\n");
	for (c = objects; c->name; c++)
		printf("  %-8s %s\n", c->name, c->help);
	return EXIT_OK;
}

bool cli_is_help(const char *word)
{
	return !strcmp(word, "help") || !strcmp(word, "-h") ||
	       !strcmp(word, "--help");
}

const struct cli_cmd *cli_lookup(const struct cli_cmd *table, const char *word)
{
	const struct cli_cmd *c, *found = NULL;
	size_t len = strlen(word);

	if (!len)
		return NULL;
	for (c = table; c->name; c++) {
		size_t n = strlen(c->name);

		if (n == len && !memcmp(c->name, word, len))
			return c;
		if (n > len && !memcmp(c->name, word, len)) {
			/* An ambiguous prefix matches nothing. */
			if (found)
				return NULL;
			found = c;
		}
	}
	return found;
}

int cli_usage(const char *object, const char *usage, bool error)
{
	print_discard();
	fputs(usage, error ? stderr : stdout);
	return error ? EXIT_USAGE : EXIT_OK;
}

int cli_dispatch(struct cli *cli, const char *object, const char *usage,
		 const struct cli_cmd *table, int argc, char **argv)
{
	const struct cli_cmd *c;

	if (argc < 1)
		return table[0].handler(cli, 0, argv);
	if (cli_is_help(argv[0]))
		return cli_usage(object, usage, false);
	c = cli_lookup(table, argv[0]);
	if (!c) {
		report_misuse("%s: unknown command \"%s\"", object, argv[0]);
		return cli_usage(object, usage, true);
	}
	/* "reg show help" too: no register or device is called that. */
	if (argc > 1 && cli_is_help(argv[1]))
		return cli_usage(object, usage, false);
	return c->handler(cli, argc - 1, argv + 1);
}

/* Without -d, a machine with exactly one function needs no name. */
static int pick_device(char *name, size_t len)
{
	struct mlx5ctl_devinfo *list;
	size_t num;
	int err;

	err = mlx5ctl_get_device_list(&list, &num);
	if (err) {
		report_discovery_error(err);
		return EXIT_FAIL;
	}
	if (num)
		snprintf(name, len, "%s", list[0].name);
	mlx5ctl_free_device_list(list);
	if (num == 1)
		return EXIT_OK;
	if (!num) {
		report_misuse("no mlx5 device found; try -d emu:connectx7");
		return EXIT_FAIL;
	}
	report_misuse("several devices: name one with -d DEV or $MLX5CTL_DEVICE (see \"mlx5ctl dev\")");
	return EXIT_USAGE;
}

static int open_device(struct cli *cli);

/*
 * -v: one line for every command the handle sends, from the library's
 * observer, so the commands a helper or a loop sends are all there.
 */
static void trace_rpc(const struct cli *cli, const uint8_t *in, size_t inlen,
		      const uint8_t *out, int ret)
{
	char name[64];
	uint8_t status;

	cmd_name(in, inlen, name, sizeof(name));
	dprintf(cli->trace_fd, "mlx5ctl: %s: rpc %s%s: ", cli->devname, name,
		PRM_GET(mbox_in, in, opcode) != MLX5_CMD_OP_ACCESS_REG ? "" :
		cmd_is_reg_write(in) ? " write" : " read");
	if (ret == EREMOTEIO) {
		status = mlx5ctl_cmd_status(out);
		dprintf(cli->trace_fd,
			"firmware error (status %#x \"%s\", syndrome %#x)\n",
			status, mlx5ctl_status_str(status),
			mlx5ctl_cmd_syndrome(out));
		return;
	}
	dprintf(cli->trace_fd, "%s\n",
		ret ? report_reason(cli->devname, ret) : "ok");
}

/* Every handle's observer: the trace, then whoever asked (snapshot). */
static void observe(void *ctx, const void *in, size_t inlen, const void *out,
		    size_t outlen, int ret)
{
	struct cli *cli = ctx;

	if (cli->verbose)
		trace_rpc(cli, in, inlen, out, ret);
	if (cli->observer)
		cli->observer(cli->observer_ctx, in, inlen, out, outlen, ret);
}

int cli_open_name(struct cli *cli, const char *name)
{
	if (cli->dev)
		mlx5ctl_close(cli->dev);
	cli->dev = NULL;
	cli->devname = name;
	return open_device(cli);
}

int cli_open(struct cli *cli)
{
	if (cli->dev)
		return EXIT_OK;
	if (cli->ndevnames > 1) {
		report_misuse("-d names one device for this command (health takes several)");
		return EXIT_USAGE;
	}
	return open_device(cli);
}

static int open_device(struct cli *cli)
{
	static char picked[64];
	struct mlx5ctl_info info;
	char why[256] = "";
	int rc;

	if (cli->dev)
		return EXIT_OK;
	if (!cli->devname) {
		rc = pick_device(picked, sizeof(picked));
		if (rc)
			return rc;
		cli->devname = picked;
	}
	cli->attr.comp_mask |= MLX5CTL_OPEN_ATTR_ERRBUF;
	cli->attr.errbuf = why;
	cli->attr.errbuf_len = sizeof(why);
	cli->dev = mlx5ctl_open(cli->devname, &cli->attr);
	if (!cli->dev) {
		int err = errno;

		snprintf(cli->open_why, sizeof(cli->open_why), "%s",
			 why[0] ? why : report_reason(cli->devname, err));
		/* The library's sentence says more than the errno can. */
		if (why[0]) {
			fflush(stdout);
			fprintf(stderr, "mlx5ctl: %s: open failed: %s\n",
				cli->devname, why);
		} else {
			report_error(cli->devname, "open", err, NULL);
		}
		cli_explain(cli, err);
		return EXIT_FAIL;
	}
	mlx5ctl_set_rpc_observer(cli->dev, observe, cli);
	/* With the trace: each channel's commands follow its line. */
	if (cli->verbose && !mlx5ctl_query_info(cli->dev, &info)) {
		dprintf(cli->trace_fd, "mlx5ctl: %s: backend %s, scope %s, uid %#x\n",
			cli->devname, mlx5ctl_backend_str(info.backend),
			mlx5ctl_scope_str(info.scope), info.uid);
		cli_explain_backend(cli);
	}
	return EXIT_OK;
}

int cli_result(struct cli *cli, const char *what, int err, const void *outbox)
{
	if (!err)
		return EXIT_OK;
	report_error(cli->devname, what, err, err == EREMOTEIO ? outbox : NULL);
	cli_explain(cli, err);
	return EXIT_FAIL;
}

/* "Bad message" alone does not tell people that a policy said no. */
void cli_explain(struct cli *cli, int err)
{
	struct mlx5ctl_info info;

	if (err == EPERM && !cli->dev) {
		report_note("opening the control channel needs CAP_SYS_ADMIN, "
			    "scope debug-write-full also CAP_SYS_RAWIO");
		return;
	}
	if (err != EBADMSG || !cli->dev || mlx5ctl_query_info(cli->dev, &info))
		return;
	report_note("the kernel's command policy refused it at scope %s "
		    "(a higher -s may allow it; unknown opcodes never are)",
		    mlx5ctl_scope_str(info.scope));
}

/*
 * The backend was chosen, not asked for, and is not ctl: say why ctl was
 * passed over, by asking it again, since what it alone can do (UMEM,
 * our policy) is what the user now misses.
 */
void cli_explain_backend(struct cli *cli)
{
	struct mlx5ctl_open_attr attr = cli->attr;
	struct mlx5ctl_device *ctl;
	struct mlx5ctl_info info;
	char why[256] = "";

	if (!cli->dev || (cli->attr.comp_mask & MLX5CTL_OPEN_ATTR_BACKEND) ||
	    mlx5ctl_query_info(cli->dev, &info) ||
	    info.backend == MLX5CTL_BACKEND_CTL)
		return;
	attr.comp_mask |= MLX5CTL_OPEN_ATTR_BACKEND | MLX5CTL_OPEN_ATTR_ERRBUF;
	attr.backend = MLX5CTL_BACKEND_CTL;
	attr.errbuf = why;
	attr.errbuf_len = sizeof(why);
	ctl = mlx5ctl_open(cli->devname, &attr);
	if (ctl) {
		mlx5ctl_close(ctl);
		return;
	}
	report_note("%s is on the %s backend because ctl refused to open: %s%s",
		    cli->devname, mlx5ctl_backend_str(info.backend),
		    why[0] ? why : strerror(errno),
		    errno == EPERM ? " (a control object needs CAP_SYS_ADMIN)" : "");
}

/*
 * The note for a refused command whose inbox we have: which scope it
 * needs, from the policy of the kernel the handle talks to (policy.def
 * for ctl, upstream fwctl/mlx5's for fwctl), never a guess.
 */
void cli_explain_cmd(struct cli *cli, int err, const void *in, size_t inlen)
{
	const char *name = prm_opcode_name(PRM_GET(mbox_in, in, opcode));
	struct mlx5ctl_dump_target t;
	struct mlx5ctl_info info;
	int lowest;

	if (!cli->dev || mlx5ctl_query_info(cli->dev, &info) ||
	    (err != EPERM && err != EBADMSG) ||
	    info.backend == MLX5CTL_BACKEND_DEVX) {
		cli_explain(cli, err);
		return;
	}
	if (!name)
		name = "this command";
	if (err == EPERM) {
		if (cmd_is_reg_write(in) && info.scope < MLX5CTL_SCOPE_DEBUG_WRITE)
			report_note("register writes (op_mod other than 1) need -s debug-write or above: the library sends none from scope %s, on any backend",
				    mlx5ctl_scope_str(info.scope));
		else if (info.scope == MLX5CTL_SCOPE_DEBUG_WRITE_FULL)
			report_note("scope debug-write-full needs CAP_SYS_RAWIO on every command");
		return;
	}
	lowest = info.backend == MLX5CTL_BACKEND_FWCTL ?
			 mlx5ctl_policy_fwctl(in, inlen) :
			 mlx5ctl_policy_ctl(in, inlen);
	if (lowest >= 0 && info.scope >= (unsigned int)lowest &&
	    mlx5ctl_policy_dump_target(in, inlen, &t))
		report_note("the kernel refuses a dump to memory that is not registered by this handle (mkey 0x%x); rscdump and coredump register it, or set inline_dump",
			    t.mkey);
	else if (lowest < 0)
		report_note("the kernel's command policy refuses %s, with these fields, at every scope (Documentation/policy.md)",
			    name);
	else
		report_note("the kernel's command policy refused it at scope %s: %s, with these fields, needs -s %s or above (Documentation/policy.md)",
			    mlx5ctl_scope_str(info.scope), name,
			    mlx5ctl_scope_str(lowest));
}

/* "+": options stop at OBJECT, so command arguments stay theirs. */
static const char short_options[] = "+jpd:s:b:vyVh";

static const struct option long_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "pretty", no_argument, NULL, 'p' },
	{ "device", required_argument, NULL, 'd' },
	{ "scope", required_argument, NULL, 's' },
	{ "backend", required_argument, NULL, 'b' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "yes", no_argument, NULL, 'y' },
	{ "version", no_argument, NULL, 'V' },
	{ "help", no_argument, NULL, 'h' },
	{}
};

/* -1 to go on with argv[optind], else the exit code. */
static int parse_options(struct cli *cli, int argc, char **argv, bool *json,
			 bool *pretty)
{
	int opt;

	while ((opt = getopt_long(argc, argv, short_options, long_options,
				  NULL)) != -1) {
		switch (opt) {
		case 'j':
			*json = true;
			break;
		case 'p':
			*pretty = true;
			break;
		case 'd':
			if (!*optarg) {
				report_misuse("empty device name");
				return EXIT_USAGE;
			}
			if (cli->ndevnames == CLI_MAX_DEVICES) {
				report_misuse("more than %d -d", CLI_MAX_DEVICES);
				return EXIT_USAGE;
			}
			cli->devnames[cli->ndevnames++] = optarg;
			cli->devname = optarg;
			break;
		case 's':
			if (mlx5ctl_scope_parse(optarg, &cli->attr.scope)) {
				report_misuse("unknown scope \"%s\"", optarg);
				return EXIT_USAGE;
			}
			cli->attr.comp_mask |= MLX5CTL_OPEN_ATTR_SCOPE;
			break;
		case 'b':
			if (mlx5ctl_backend_parse(optarg, &cli->attr.backend)) {
				report_misuse("unknown backend \"%s\"", optarg);
				return EXIT_USAGE;
			}
			cli->attr.comp_mask |= MLX5CTL_OPEN_ATTR_BACKEND;
			break;
		case 'v':
			cli->verbose = true;
			break;
		case 'y':
			cli->yes = true;
			break;
		case 'V':
			printf("mlx5ctl %s\n", PACKAGE_VERSION);
			return EXIT_OK;
		case 'h':
			do_help(cli, 0, NULL);
			return EXIT_OK;
		default:
			fputs(main_usage, stderr);
			return EXIT_USAGE;
		}
	}
	return -1;
}

/*
 * What was printed must have arrived: a full disk or a closed stdout is a
 * failure (exit 1 unless the command already failed), never a silent 0.
 * A reader that went away (SIGPIPE) still ends the tool quietly.
 */
static int stdout_checked(int rc)
{
	int err = 0;

	if (fflush(stdout) || ferror(stdout))
		err = errno ? errno : EIO;
	if (!err)
		return rc;
	fprintf(stderr, "mlx5ctl: writing standard output failed: %s\n",
		strerror(err));
	return rc ? rc : EXIT_FAIL;
}

/* A long option by its name or a prefix naming one only, as getopt_long. */
static const struct option *long_option(const char *name, size_t len)
{
	const struct option *o, *found = NULL;

	for (o = long_options; o->name; o++)
		if (!strncmp(o->name, name, len) && !o->name[len])
			return o;
	for (o = long_options; o->name; o++) {
		if (strncmp(o->name, name, len))
			continue;
		if (found)
			return NULL;
		found = o;
	}
	return found;
}

/*
 * Whether option word W takes the next word as its value, as getopt_long
 * reads it: "-d", a cluster ending in a letter with a value ("-jd"), or
 * a long option with a value ("--device", "--dev") without "=VALUE".
 */
static bool takes_next(const char *w)
{
	const struct option *o;
	const char *opt;

	if (w[1] != '-') {
		/* The first letter with a value takes the rest of the word. */
		for (w++; *w; w++) {
			opt = *w == ':' ? NULL : strchr(short_options, *w);
			if (opt && opt[1] == ':')
				return !w[1];
		}
		return false;
	}
	if (strchr(w, '='))
		return false;
	o = long_option(w + 2, strlen(w + 2));
	return o && o->has_arg == required_argument;
}

/*
 * The OBJECT word of a command line whose options did not parse: the
 * first argument that is neither an option nor an option's value.
 */
static const char *object_word(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return i + 1 < argc ? argv[i + 1] : NULL;
		if (argv[i][0] != '-')
			return argv[i];
		if (takes_next(argv[i]))
			i++;
	}
	return NULL;
}

/* Misuse of health is UNKNOWN to a monitoring system, never CRITICAL. */
static int usage_code(int argc, char **argv, bool json)
{
	const char *word = object_word(argc, argv);
	const struct cli_cmd *c = word ? cli_lookup(objects, word) : NULL;

	return c && c->handler == do_health ? health_misuse(json) : EXIT_USAGE;
}

int main(int argc, char **argv)
{
	struct cli cli = { .trace_fd = STDERR_FILENO };
	bool json = false, pretty = false;
	const struct cli_cmd *c;
	int rc;

	cli.devname = getenv("MLX5CTL_DEVICE");
	if (cli.devname && !*cli.devname)
		cli.devname = NULL;
	rc = parse_options(&cli, argc, argv, &json, &pretty);
	if (rc == EXIT_USAGE)
		return usage_code(argc, argv, json);
	if (rc >= 0)	/* --version, --help: printed, so checked */
		return stdout_checked(rc);
	argc -= optind;
	argv += optind;

	print_init(json, pretty);
	if (argc < 1) {
		rc = objects[0].handler(&cli, 0, argv);
	} else {
		c = cli_lookup(objects, argv[0]);
		if (c) {
			rc = c->handler(&cli, argc - 1, argv + 1);
		} else {
			report_misuse("unknown object \"%s\"", argv[0]);
			print_discard();
			fputs(main_usage, stderr);
			rc = EXIT_USAGE;
		}
	}
	/* A usage error prints no document: nothing ran. */
	if (rc == EXIT_USAGE && reported_misuse())
		print_discard();
	print_fini();
	if (cli.dev)
		mlx5ctl_close(cli.dev);
	cli_adb_unload();
	return stdout_checked(rc);
}
