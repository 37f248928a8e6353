// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The ADB read with the linked-in reader and no cache: for programs that
 * link libxml2 anyway (the tests, the fuzz targets), where a cache on
 * disk would only get in the way.
 */
#include "prm_adb.h"

int prm_adb_load(const char *path)
{
	return prm_adb_load_cached(path ? path : PRM_ADB_DEFAULT, NULL,
				   prm_adb_parse, NULL, NULL);
}
