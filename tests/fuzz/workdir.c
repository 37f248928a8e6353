// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * A directory for targets that run code which names files: the tool's
 * "-o FILE", "emu:@FILE", "state=FILE".  Each run starts in it with the
 * same files (a snapshot, a state file, an inbox) and leaves it empty, so
 * runs do not depend on each other; libFuzzer's own relative paths are
 * kept by returning to where it started.
 */
/* fuzz.h: memfd_create(); the targets: asprintf() and friends. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>

#include "fuzz.h"

static const struct {
	const char *name;
	const char *text;
	size_t len;
} fixtures[] = {
#define TEXT(name, s) { name, s, sizeof(s) - 1 }
	TEXT("s.json",
	     "{\"schema\":{\"name\":\"mlx5ctl-snapshot\",\"version\":1},"
	     "\"commands\":["
	     "{\"in\":\"080500000000000100005006000000000001\","
	     "\"out\":\"0000000000000000000000000000000000010101\","
	     "\"out_len\":32},"
	     "{\"in\":\"010a0000000000000000000000000000\","
	     "\"out\":\"000000000000000000000000000000000001\","
	     "\"out_len\":112}]}\n"),
	TEXT("cx7.state",
	     "port 0 1 2 1522 1522 f8f1b0d2 13ff2 0 1024 0\n"
	     "sensor_max 0 488\nmodule 360 360\ncounter_reads 3\n"),
	TEXT("in.bin", "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"),
#undef TEXT
};

static char workdir[64];
static int home = -1;

static void empty_workdir(void)
{
	DIR *d = opendir(".");
	struct dirent *e;

	FUZZ_CHECK(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			unlink(e->d_name);
	closedir(d);
}

static void remove_workdir(void)
{
	if (chdir(workdir))
		return;
	empty_workdir();
	if (!chdir("/"))
		rmdir(workdir);
}

void fuzz_workdir_init(const char *name)
{
	snprintf(workdir, sizeof(workdir), "/tmp/%s.XXXXXX", name);
	home = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	FUZZ_CHECK(home >= 0 && mkdtemp(workdir));
	atexit(remove_workdir);
}

void fuzz_workdir_enter(void)
{
	size_t i;

	FUZZ_CHECK(!chdir(workdir));
	for (i = 0; i < FUZZ_ARRAY_SIZE(fixtures); i++) {
		FILE *f = fopen(fixtures[i].name, "w");

		FUZZ_CHECK(f);
		FUZZ_CHECK(fwrite(fixtures[i].text, 1, fixtures[i].len, f) ==
			   fixtures[i].len);
		fclose(f);
	}
}

void fuzz_workdir_leave(void)
{
	empty_workdir();
	FUZZ_CHECK(!fchdir(home));
}

/*
 * Options whose value sets how much work a run does: at most MAX
 * characters of digits, with a K suffix where sizes take one.  A run
 * that dumps gigabytes finds nothing a run that dumps kilobytes does not,
 * and would only time out.
 */
static const struct {
	const char *key;	/* "coredump_size=" inside a spec, or a word */
	size_t max;
} costly[] = {
	{ "coredump_size=", 4 }, { "rscdump_size=", 4 },
	{ "rscdump_objs=", 2 }, { "--umem-size", 4 }, { "--samples", 2 },
	{ "outlen", 6 },
};

static bool small_value(const char *v, size_t max)
{
	size_t n = strspn(v, "0123456789");

	if (v[n] == 'K' || v[n] == 'k')
		n++;
	return n <= max && (!v[n] || v[n] == ',');
}

bool fuzz_cheap(const char *word, const char *next)
{
	size_t i;

	for (i = 0; i < FUZZ_ARRAY_SIZE(costly); i++) {
		const char *k = costly[i].key, *at;
		size_t len = strlen(k);

		if (k[len - 1] != '=') {
			if (!strcmp(word, k) && next &&
			    !small_value(next, costly[i].max))
				return false;
			continue;
		}
		/* Every occurrence: the last of an option wins in a spec. */
		for (at = word; (at = strstr(at, k)); at += len)
			if (!small_value(at + len, costly[i].max))
				return false;
	}
	return true;
}

void fuzz_no_paths(char *word)
{
	for (; (word = strchr(word, '/')); word++)
		*word = '_';
}
