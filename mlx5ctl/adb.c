// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mstflint's register database (register_access_table.adb) as an
 * extension of the built-in layouts.
 *
 * Loaded on demand rather than at start-up, and cheaply: the parsed
 * database is cached (prm_adb_load_cached) in $MLX5CTL_CACHE_DIR, else
 * $XDG_CACHE_HOME/mlx5ctl, else ~/.cache/mlx5ctl.  Only a cache miss
 * parses the XML (1.3 MB, tens of milliseconds), and only then is the
 * reader loaded: a plugin installed beside libmlx5ctl, so that libxml2,
 * ICU and libstdc++ are mapped by no other command.  A cache that cannot
 * be written costs speed, not results: the XML is read every time, and
 * -v says why.
 *
 * An absent file is the normal case on a machine without mstflint and
 * says nothing.  A file that is there but does not load is worth one line
 * on stderr, whatever -v says: without it a register mstflint knows would
 * be "unknown" with no hint why.  $MLX5CTL_PRM_ADB names another file
 * (which then must exist); set but empty, it keeps the ADB out.
 */
#define _GNU_SOURCE /* dladdr() */
#include <dlfcn.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "decode.h"
#include "prm.h"
#include "prm_adb.h"

static bool adb_tried, adb_loaded;
static struct cli *adb_cli;

/*
 * The plugin's path: in mlx5ctl/ beside the libmlx5ctl the tool runs
 * with, as libmlx5ctl finds the emulator, in the build tree as installed.
 */
static bool plugin_path(char *buf, size_t size)
{
	char lib[PATH_MAX];
	Dl_info info;
	int n;

	if (!dladdr((void *)mlx5ctl_open, &info) || !info.dli_fname ||
	    snprintf(lib, sizeof(lib), "%s", info.dli_fname) >= (int)sizeof(lib))
		return false;
	n = snprintf(buf, size, "%s/mlx5ctl/%s", dirname(lib), PRM_ADB_PLUGIN);
	return n > 0 && (size_t)n < size;
}

/* The reader, from the plugin: ENOSYS when it is not installed. */
static int parse_by_plugin(const char *path, prm_adb_known_fn *known,
			   void **blob, size_t *len)
{
	char so[PATH_MAX];
	prm_adb_parse_fn *parse;
	void *h;

	h = plugin_path(so, sizeof(so)) ? dlopen(so, RTLD_NOW | RTLD_LOCAL) : NULL;
	/* A libmlx5ctl from elsewhere: where this tool was installed to. */
	if (!h)
		h = dlopen(MLX5CTL_ADB_DIR "/" PRM_ADB_PLUGIN, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		if (adb_cli->verbose)
			fprintf(stderr, "mlx5ctl: %s\n", dlerror());
		return ENOSYS;
	}
	parse = (prm_adb_parse_fn *)dlsym(h, PRM_ADB_PLUGIN_ENTRY);
	/* Left loaded: its code is gone with the process anyway. */
	return parse ? parse(path, known, blob, len) : ENOSYS;
}

/* Where the cache lives; NULL for none ($MLX5CTL_CACHE_DIR empty). */
static const char *cache_dir(char *buf, size_t size)
{
	const char *dir = getenv("MLX5CTL_CACHE_DIR");
	const char *base = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	int n;

	if (dir)
		return *dir ? dir : NULL;
	if (base && *base == '/')
		n = snprintf(buf, size, "%s/mlx5ctl", base);
	else if (home && *home)
		n = snprintf(buf, size, "%s/.cache/mlx5ctl", home);
	else
		return NULL;
	return n > 0 && (size_t)n < size ? buf : NULL;
}

static void say_cache(const char *dir, enum prm_adb_how how, int cache_err)
{
	static const char *const what[] = {
		[PRM_ADB_CACHE_HIT] = "from the cache in",
		[PRM_ADB_CACHE_STORED] = "parsed, and cached in",
		[PRM_ADB_UNCACHED] = "parsed, not cached in",
	};

	fprintf(stderr, "mlx5ctl: register database %s %s%s%s\n", what[how],
		dir ? dir : "(no cache directory)", cache_err ? ": " : "",
		cache_err ? strerror(cache_err) : "");
}

void cli_adb_load(struct cli *cli)
{
	const char *path = getenv("MLX5CTL_PRM_ADB"), *dir;
	enum prm_adb_how how = PRM_ADB_UNCACHED;
	char dirbuf[PATH_MAX];
	int err, cache_err = 0;
	size_t before;

	if (adb_tried)
		return;
	adb_tried = true;
	adb_cli = cli;
	if (path && !*path)
		return;
	before = prm_reg_count();
	dir = cache_dir(dirbuf, sizeof(dirbuf));
	err = prm_adb_load_cached(path ? path : PRM_ADB_DEFAULT, dir,
				  parse_by_plugin, &how, &cache_err);
	/* No mstflint is normal; a file named on purpose should be there. */
	if (err == ENOENT && !path)
		return;
	if (!path)
		path = PRM_ADB_DEFAULT;
	if (err) {
		fprintf(stderr, "mlx5ctl: warning: %s: not loaded (%s); built-in layouts only\n",
			path, err == ENOSYS ? "no reader: " PRM_ADB_PLUGIN
					      " is not installed" : strerror(err));
		return;
	}
	adb_loaded = true;
	if (!cli->verbose)
		return;
	say_cache(dir, how, cache_err);
	fprintf(stderr, "mlx5ctl: %s: %zu registers beyond the built-in %zu\n",
		path, prm_reg_count() - before, before);
}

void cli_adb_unload(void)
{
	if (adb_loaded) {
		prm_adb_unload();
		decode_forget();
	}
	adb_loaded = false;
}
