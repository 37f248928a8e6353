// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mstflint's register database (register_access_table.adb) as an
 * extension of the built-in layouts.
 *
 * Loaded on demand rather than at start-up: parsing the 600 KiB of XML
 * costs about 50 ms (seconds under valgrind), which "dev", "health" or a
 * "reg show" of a built-in register should not pay.  The commands that
 * list or look up registers and layouts call cli_adb_load() when the
 * built-in tables are not enough.
 *
 * An absent file is the normal case on a machine without mstflint and
 * says nothing.  A file that is there but does not load is worth one line
 * on stderr, whatever -v says: without it a register mstflint knows would
 * be "unknown" with no hint why.  $MLX5CTL_PRM_ADB names another file
 * (which then must exist); set but empty, it keeps the ADB out.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "prm.h"

#ifdef HAVE_PRM_ADB
#include "prm_adb.h"

static bool adb_tried, adb_loaded;

void cli_adb_load(struct cli *cli)
{
	const char *path = getenv("MLX5CTL_PRM_ADB");
	size_t before;
	int err;

	if (adb_tried)
		return;
	adb_tried = true;
	if (path && !*path)
		return;
	before = prm_reg_count();
	err = prm_adb_load(path ? path : PRM_ADB_DEFAULT);
	/* No mstflint is normal; a file named on purpose should be there. */
	if (err == ENOENT && !path)
		return;
	if (!path)
		path = PRM_ADB_DEFAULT;
	if (err) {
		fprintf(stderr, "mlx5ctl: warning: %s: not loaded (%s); built-in layouts only\n",
			path, strerror(err));
		return;
	}
	adb_loaded = true;
	if (cli->verbose)
		fprintf(stderr, "mlx5ctl: %s: %zu registers beyond the built-in %zu\n",
			path, prm_reg_count() - before, before);
}

void cli_adb_unload(void)
{
	if (adb_loaded)
		prm_adb_unload();
	adb_loaded = false;
}
#else
/* Built without libxml2: the built-in tables are all there is. */
void cli_adb_load(struct cli *cli)
{
}

void cli_adb_unload(void)
{
}
#endif
