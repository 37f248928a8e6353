/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * mstflint's register database (register_access_table.adb, XML) as a
 * run-time extension of the layout catalogue: registers the built-in
 * tables lack become reachable through prm_reg_find/prm_reg_by_id and
 * their layouts through prm_struct_find, with source "adb".
 */
#ifndef MLX5CTL_PRM_ADB_H
#define MLX5CTL_PRM_ADB_H

#define PRM_ADB_DEFAULT \
	"/usr/share/mstflint/prm_dbs/hca/ext/register_access_table.adb"

/*
 * Load PATH (NULL: PRM_ADB_DEFAULT) and extend the catalogue with the
 * registers it knows and the built-in tables lack.  Returns 0, ENOENT
 * when there is no such file (the built-in tables alone then), EINVAL for
 * a file that is not an ADB, ENOMEM.  Not thread-safe: call at start-up.
 * Loading again replaces what was loaded.
 */
int prm_adb_load(const char *path);

/* Forget the loaded registers and free them. */
void prm_adb_unload(void);

#endif
