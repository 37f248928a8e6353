/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * The parsed ADB in a compact binary form: what the XML reader hands
 * over, and what the cache keeps on disk.  Little-endian, native only
 * (the cache never leaves the machine that wrote it).
 *
 *   header | structs[nstructs] | fields[nfields] | regs[nregs] | strings
 *
 * Every index and string offset is checked before use and every layout
 * must keep the catalogue's promises (fields ascending, not overlapping,
 * inside their struct; a nested layout built before its parent, so no
 * cycle), so a damaged or hostile file is refused rather than trusted.
 */
#ifndef MLX5CTL_PRM_ADB_BLOB_H
#define MLX5CTL_PRM_ADB_BLOB_H

#include <stddef.h>
#include <stdint.h>

#include "prm.h"

#define ADB_BLOB_MAGIC "MLX5ADB"
#define ADB_BLOB_VERSION 1
#define ADB_BLOB_NONE UINT32_MAX	/* no sub-layout, no enums */

/* What the blob was made from: a different key means a stale blob. */
struct adb_blob_key {
	uint64_t xml_size;
	int64_t xml_mtime_sec;
	int64_t xml_mtime_nsec;
	uint64_t path_hash;		/* the XML's path */
	uint64_t builtin_hash;		/* the built-in registers it skipped */
};

struct adb_blob_hdr {
	char magic[8];
	uint32_t version;
	uint32_t nstructs;
	uint32_t nfields;
	uint32_t nregs;
	uint32_t strings_len;
	uint32_t reserved;
	struct adb_blob_key key;
	uint64_t checksum;		/* FNV-1a of everything after the header */
};

struct adb_blob_struct {
	uint32_t name;			/* offset in the strings */
	uint32_t bits;
	uint32_t first_field;
	uint32_t nfields;
};

struct adb_blob_field {
	uint32_t name;
	uint32_t off;
	uint32_t bits;
	uint32_t count;
	uint32_t flags;
	uint32_t sub;			/* struct index or ADB_BLOB_NONE */
	uint32_t enums;			/* string offset or ADB_BLOB_NONE */
};

struct adb_blob_reg {
	uint32_t name;
	uint32_t layout;		/* struct index */
	uint16_t id;
	uint16_t reserved;
};

/* The layouts a blob holds, in memory; one allocation, one free(). */
struct adb_set {
	struct prm_ext ext;
	struct adb_blob_key key;
};

uint64_t adb_fnv1a(uint64_t h, const void *data, size_t len);
#define ADB_FNV_INIT 0xcbf29ce484222325ull

/*
 * STRUCTS[NSTRUCTS] (each nested layout before the layouts that use it)
 * and REGS[NREGS] into a blob with a zero key; malloc'd.  Returns 0,
 * ENOMEM, or EOVERFLOW for more than the format can count.
 */
int adb_blob_pack(const struct prm_struct *const *structs, size_t nstructs,
		  const struct prm_reg *regs, size_t nregs,
		  void **blob, size_t *len);

/* Seal a blob after its key was set: the checksum over its body. */
void adb_blob_seal(void *blob, size_t len);

/* BLOB as layouts (source "adb"); EINVAL for anything malformed. */
int adb_blob_unpack(const void *blob, size_t len, struct adb_set **out);

#endif
