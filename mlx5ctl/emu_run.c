// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl emu run [--host SPEC] [--] PROGRAM [ARGS]: an unmodified fwctl
 * program on emulated devices.  The preload library serves them; this
 * has it write the devices' sysfs and /dev entries into a private
 * directory, starts the program with the library in LD_PRELOAD, waits,
 * and removes the directory.
 */
#define _GNU_SOURCE /* secure_getenv() */
#include <dlfcn.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "print.h"

#ifndef MLX5CTL_PRELOAD_PATH
#define MLX5CTL_PRELOAD_PATH "mlx5ctl-preload.so"
#endif

/* The variables the preload library reads (preload.h). */
#define ENV_HOST "MLX5CTL_EMU_RUN_HOST"
#define ENV_ROOT "MLX5CTL_EMU_RUN_ROOT"

static const char emu_usage[] =
	"Usage: mlx5ctl emu run [--host SPEC] [--] PROGRAM [ARGS]...\n"
	"  Run PROGRAM with emulated devices as /dev/fwctl/fwctlN, their\n"
	"  /sys/class/fwctl and PCI sysfs entries, answering FWCTL_INFO and\n"
	"  FWCTL_RPC as upstream fwctl/mlx5 does.  SPEC is an emulated host as\n"
	"  in MLX5CTL_EMU_HOST: device specs joined by \"+\", each optionally\n"
	"  \"COUNTx\" first, or @FILE (default: $MLX5CTL_EMU_HOST, else\n"
	"  connectx7).  The exit status is PROGRAM's (128+N when signal N\n"
	"  ended it).\n";

typedef int (*setup_fn)(const char *specs, const char *root, char *err,
			size_t errlen);

struct emu_run {
	const char *host;
	char root[4096];
	char **argv;		/* PROGRAM and its ARGS */
};

static int __attribute__((format(printf, 1, 2))) run_fail(const char *fmt, ...)
{
	va_list ap;

	print_discard();
	fflush(stdout);
	fprintf(stderr, "mlx5ctl: emu run: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_FAIL;
}

/* --host SPEC, --host=SPEC, then "--" or the program. */
static int parse_run(struct emu_run *r, int argc, char **argv)
{
	const char *host = secure_getenv("MLX5CTL_EMU_HOST");
	int i;

	r->host = host && host[0] ? host : "connectx7";
	for (i = 0; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (!strncmp(argv[i], "--host=", 7)) {
			r->host = argv[i] + 7;
		} else if (!strcmp(argv[i], "--host")) {
			if (i + 1 == argc) {
				report_misuse("emu run: --host needs a SPEC");
				return EXIT_USAGE;
			}
			r->host = argv[++i];
		} else {
			report_misuse("emu run: unknown option \"%s\"", argv[i]);
			return cli_usage("emu", emu_usage, true);
		}
	}
	if (i == argc) {
		report_misuse("emu run: no program given");
		return cli_usage("emu", emu_usage, true);
	}
	if (!r->host[0]) {
		report_misuse("emu run: --host names no device");
		return EXIT_USAGE;
	}
	r->argv = argv + i;
	return -1;
}

/*
 * $MLX5CTL_EMU_PRELOAD, else the installed library, else the one of the
 * build tree next to this binary (bin/ and lib/mlx5ctl/ of the build tree),
 * so the tool runs uninstalled too.
 */
static const char *preload_path(void)
{
	static char built[4096 + 64];
	const char *path = secure_getenv("MLX5CTL_EMU_PRELOAD");
	char exe[4096];
	ssize_t n;

	if (path && path[0])
		return path;
	if (!access(MLX5CTL_PRELOAD_PATH, R_OK))
		return MLX5CTL_PRELOAD_PATH;
	if (built[0])
		return built;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = 0;
		*strrchr(exe, '/') = 0;
		snprintf(built, sizeof(built),
			 "%s/../lib/mlx5ctl/mlx5ctl-preload.so", exe);
		if (!access(built, R_OK))
			return built;
		built[0] = 0;
	}
	return MLX5CTL_PRELOAD_PATH;
}

/* The library checks the host and writes the tree once, for all. */
static int setup(struct emu_run *r)
{
	const char *lib = preload_path();
	char err[512] = "";
	setup_fn fn;
	void *h;

	h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return run_fail("%s", dlerror());
	fn = (setup_fn)dlsym(h, "mlx5ctl_preload_setup");
	if (!fn)
		return run_fail("%s: not the emulator's preload library", lib);
	if (fn(r->host, r->root, err, sizeof(err)))
		return run_fail("%s", err);
	return EXIT_OK;
}

#ifdef MLX5CTL_PRELOAD_RUNTIME
/*
 * A sanitizer build: its preload library needs the runtime first in the
 * program, whose leaks are not this build's to find.
 */
static int runtime_env(char **val)
{
	char *with;

	if (asprintf(&with, "%s:%s", MLX5CTL_PRELOAD_RUNTIME, *val) < 0)
		return -1;
	free(*val);
	*val = with;
	return setenv("ASAN_OPTIONS", "detect_leaks=0", 0);
}
#else
static int runtime_env(char **val)
{
	return 0;
}
#endif

/* LD_PRELOAD with the library after what the caller preloads already. */
static int set_env(struct emu_run *r)
{
	const char *old = getenv("LD_PRELOAD");
	char *val;
	int ret;

	if (old && old[0])
		ret = asprintf(&val, "%s:%s", old, preload_path());
	else
		ret = asprintf(&val, "%s", preload_path());
	if (ret < 0)
		return -1;
	ret = runtime_env(&val);
	if (!ret)
		ret = setenv("LD_PRELOAD", val, 1);
	free(val);
	if (!ret)
		ret = setenv(ENV_HOST, r->host, 1);
	if (!ret)
		ret = setenv(ENV_ROOT, r->root, 1);
	return ret;
}

/* In the child: the program, or one line saying why not, as env(1). */
static void __attribute__((noreturn)) child(struct emu_run *r)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	/* The program sees the host through fwctl, not through the library. */
	unsetenv("MLX5CTL_EMU_HOST");
	if (set_env(r)) {
		fprintf(stderr, "mlx5ctl: emu run: %s\n", strerror(errno));
		_exit(126);
	}
	execvp(r->argv[0], r->argv);
	fprintf(stderr, "mlx5ctl: emu run: %s: %s\n", r->argv[0],
		strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

/* The shell's convention: the program's status, 128+N for signal N. */
static int wait_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return run_fail("waiting for the program: %s",
					strerror(errno));
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	if (remove(path))
		fprintf(stderr, "mlx5ctl: emu run: removing %s: %s\n", path,
			strerror(errno));
	return 0;
}

/*
 * The program runs in a child so the tree can be removed after it.
 * Ctrl-C reaches the program; the launcher outlives it to clean up.
 */
static int start(struct emu_run *r)
{
	pid_t pid;
	int rc;

	fflush(stdout);
	fflush(stderr);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	pid = fork();
	if (pid < 0)
		return run_fail("fork: %s", strerror(errno));
	if (!pid)
		child(r);
	rc = wait_child(pid);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	return rc;
}

static int do_emu_run(struct cli *cli, int argc, char **argv)
{
	struct emu_run r = {};
	const char *tmp = getenv("TMPDIR");
	int rc;

	rc = parse_run(&r, argc, argv);
	if (rc >= 0)
		return rc;
	print_discard();
	snprintf(r.root, sizeof(r.root), "%s/mlx5ctl-emu.XXXXXX",
		 tmp && tmp[0] ? tmp : "/tmp");
	if (!mkdtemp(r.root))
		return run_fail("%s: %s", r.root, strerror(errno));
	rc = setup(&r);
	if (rc == EXIT_OK)
		rc = start(&r);
	nftw(r.root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}

static const struct cli_cmd emu_cmds[] = {
	{ "run", do_emu_run, "run a fwctl program on emulated devices" },
	{}
};

int do_emu(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, "emu", emu_usage, emu_cmds, argc, argv);
}
