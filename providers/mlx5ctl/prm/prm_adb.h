/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * mstflint's register database (register_access_table.adb, XML) as a
 * run-time extension of the layout catalogue: registers the built-in
 * tables lack become reachable through prm_reg_find/prm_reg_by_id and
 * their layouts through prm_struct_find, with source "adb".
 *
 * Reading the XML (prm_adb_parse) needs libxml2; the rest does not.  A
 * parsed ADB can be kept in a cache directory in a compact binary form
 * keyed by the XML's path, size and modification time, so that only the
 * first lookup pays for the XML.
 */
#ifndef MLX5CTL_PRM_ADB_H
#define MLX5CTL_PRM_ADB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PRM_ADB_DEFAULT \
	"/usr/share/mstflint/prm_dbs/hca/ext/register_access_table.adb"

/* The plugin that reads the XML, and its one entry point. */
#define PRM_ADB_PLUGIN "mlx5ctl-adb.so"
#define PRM_ADB_PLUGIN_ENTRY "prm_adb_parse"

/* True for a register the catalogue has already: the ADB leaves it out. */
typedef bool prm_adb_known_fn(const char *name, uint16_t id);

/*
 * Read the ADB at PATH into a malloc'd blob (prm_adb_blob.h) holding the
 * registers KNOWN (may be NULL) does not claim.  Returns 0, ENOENT, EINVAL
 * for a file that is not an ADB, ENOMEM.  In mlx5ctl_prm_adb_xml and the
 * plugin.
 */
typedef int prm_adb_parse_fn(const char *path, prm_adb_known_fn *known,
			     void **blob, size_t *len);
prm_adb_parse_fn prm_adb_parse;

/* How prm_adb_load_cached got its layouts. */
enum prm_adb_how {
	PRM_ADB_CACHE_HIT,	/* from the cache, the XML not read */
	PRM_ADB_CACHE_STORED,	/* from the XML, and cached for next time */
	PRM_ADB_UNCACHED,	/* from the XML; *cache_err says why not kept */
};

/*
 * Extend the catalogue with the ADB at PATH: from CACHE_DIR (NULL: no
 * cache) when a cache entry there matches the XML, else through PARSE
 * (called only then), storing the result for next time - written to a
 * temporary file and renamed, so a concurrent reader or writer never sees
 * half a file.  A cache entry that does not match or does not check is
 * ignored and rewritten.  Returns what prm_adb_parse returns; HOW and
 * CACHE_ERR (either may be NULL) say what happened to the cache.  Not
 * thread-safe: call at start-up.  Loading again replaces what was loaded.
 */
int prm_adb_load_cached(const char *path, const char *cache_dir,
			prm_adb_parse_fn *parse, enum prm_adb_how *how,
			int *cache_err);

/* The cache file for PATH in CACHE_DIR, in BUF; false if it does not fit. */
bool prm_adb_cache_path(const char *path, const char *cache_dir, char *buf,
			size_t size);

/*
 * Load PATH (NULL: PRM_ADB_DEFAULT) with the linked-in reader, no cache.
 * Returns 0, ENOENT when there is no such file (the built-in tables alone
 * then), EINVAL for a file that is not an ADB, ENOMEM.
 */
int prm_adb_load(const char *path);

/* Forget the loaded registers and free them. */
void prm_adb_unload(void);

#endif
