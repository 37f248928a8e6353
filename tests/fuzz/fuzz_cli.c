// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The tool's command line in process: options, objects, commands, their
 * arguments and number parsers, device names and "emu:" specs, all from
 * the input (NUL-separated words after "mlx5ctl").
 *
 * The tool runs as a user would run it, in a directory of its own that
 * holds a snapshot (s.json), a state file (cx7.state) and an inbox
 * (in.bin) to name, and is emptied after each run.  So that no input
 * reaches outside it, a '/' in a word becomes '_'; so that a run stays
 * short, words that ask for gigabytes or hours (dump sizes, sample counts)
 * are cut, and the tool's sleeps return at once.
 *
 * Oracles: the exit code is one of the four the tool documents; with -j
 * first (and no format of its own asked for), what it prints is one JSON
 * document or nothing.
 */
/* fuzz.h: memfd_create(); the targets: asprintf() and friends. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <time.h>

#include <json-c/json.h>

#include "fuzz.h"

int mlx5ctl_main(int argc, char **argv);
int __real_nanosleep(const struct timespec *req, struct timespec *rem);
int __wrap_nanosleep(const struct timespec *req, struct timespec *rem);

#define MAX_ARGS 24
#define MAX_WORD 256

static pthread_t fuzz_thread;
static bool running;
static int out_fd = -1;

/* The tool's sleeps (diagcnt dump --interval) return at once; no other's. */
int __wrap_nanosleep(const struct timespec *req, struct timespec *rem)
{
	if (running && pthread_equal(pthread_self(), fuzz_thread))
		return 0;
	return __real_nanosleep(req, rem);
}

/* The words of the input; 0 when it asks for too much. */
static int split(const uint8_t *data, size_t size, char **argv)
{
	const uint8_t *p = data, *end = data + size;
	int argc = 0, i;

	argv[argc++] = strdup("mlx5ctl");
	while (p < end && argc < MAX_ARGS - 1) {
		const uint8_t *nul = memchr(p, 0, end - p);
		size_t len = (nul ? nul : end) - p;
		char *w = strndup((const char *)p,
				  len < MAX_WORD ? len : MAX_WORD);

		FUZZ_CHECK(w);
		/* No path leaves the directory: all the tool may touch. */
		fuzz_no_paths(w);
		argv[argc++] = w;
		p += len + 1;
	}
	argv[argc] = NULL;
	for (i = 1; i < argc; i++)
		if (!fuzz_cheap(argv[i], argv[i + 1]))
			return 0;
	return argc;
}

static void free_argv(char **argv)
{
	size_t i;

	for (i = 0; argv[i]; i++)
		free(argv[i]);
}

/*
 * Whether WORD asks for text that is not a document: the version or a
 * usage, however spelt ("-jV", "--vers", "hel": words and objects match
 * by unique prefix), or a format of a command's own.
 */
static bool not_a_document(const char *w)
{
	static const char *const words[] = {
		"--format", "format", "--csv", "--hex", "--raw",
	};
	static const char *const prefixed[] = { "--version", "--help", "help" };
	size_t i, len = strlen(w);

	for (i = 0; i < FUZZ_ARRAY_SIZE(words); i++)
		if (!strcmp(w, words[i]))
			return true;
	if (w[0] == '-' && w[1] != '-' && strpbrk(w, "Vh"))
		return true;
	for (i = 0; i < FUZZ_ARRAY_SIZE(prefixed); i++)
		if (len > 2 && !strncmp(prefixed[i], w, len))
			return true;
	return false;
}

/* -j first, and nothing asked for that is not a document. */
static bool json_expected(char **argv, int argc, int rc)
{
	int i;

	if (argc < 2 || (strcmp(argv[1], "-j") && strcmp(argv[1], "--json")) ||
	    rc == 2)
		return false;
	for (i = 1; i < argc; i++)
		if (not_a_document(argv[i]))
			return false;
	return true;
}

static void check_json(void)
{
	off_t len = lseek(out_fd, 0, SEEK_END);
	char *text = malloc(len + 1);
	json_tokener *tok = json_tokener_new();
	json_object *doc;
	size_t end;

	FUZZ_CHECK(text && tok && pread(out_fd, text, len, 0) == len);
	text[len] = 0;
	if (len) {
		doc = json_tokener_parse_ex(tok, text, len);
		FUZZ_CHECK(doc &&
			   json_tokener_get_error(tok) == json_tokener_success);
		end = json_tokener_get_parse_end(tok);
		FUZZ_CHECK(!text[end + strspn(text + end, " \t\r\n")]);
		json_object_put(doc);
	}
	json_tokener_free(tok);
	free(text);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet_stdout();
	fuzz_thread = pthread_self();
	out_fd = memfd_create("stdout", MFD_CLOEXEC);
	FUZZ_CHECK(out_fd >= 0);
	/*
	 * Nothing from the machine: no device from the environment or sysfs,
	 * no register database (the tool would load it once per process).
	 */
	unsetenv("MLX5CTL_DEVICE");
	setenv("MLX5CTL_PRM_ADB", "", 1);
	setenv("MLX5CTL_SYSFS_ROOT", "sysfs", 1);
	/* emu run starts no program here: its library is not found. */
	setenv("MLX5CTL_EMU_PRELOAD", "/nonexistent/mlx5ctl-preload.so", 1);
	fuzz_workdir_init("fuzz_cli");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_ARGS + 1] = {}, *args[MAX_ARGS + 1];
	int argc, rc;

	argc = split(data, size, argv);
	if (!argc) {
		free_argv(argv);
		return 0;
	}
	fuzz_workdir_enter();
	FUZZ_CHECK(!ftruncate(out_fd, 0) && !lseek(out_fd, 0, SEEK_SET) &&
		   dup2(out_fd, STDOUT_FILENO) >= 0);
	optind = 0;
	running = true;
	/* The tool may reorder its argv: it gets a copy of the array. */
	memcpy(args, argv, sizeof(args));
	rc = mlx5ctl_main(argc, args);
	running = false;
	fflush(stdout);
	if (fuzz_trace())
		fprintf(stderr, "exit %d\n", rc);
	FUZZ_CHECK(rc >= 0 && rc <= 3);
	if (json_expected(argv, argc, rc))
		check_json();
	fuzz_workdir_leave();
	free_argv(argv);
	return 0;
}
