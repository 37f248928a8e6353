// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The register database's cache file as anyone could write it: the
 * checksum is made right for the bytes given (else nearly every input
 * would stop there), so what is tested is the rest of the checking in
 * adb_blob_unpack.
 *
 * Oracles: an accepted blob's every layout walks inside its own buffer,
 * opening and closing levels in pairs, and every register's layout is
 * one of the blob's; a blob packed again from what was unpacked unpacks
 * to the same counts.
 */
/* fuzz.h: memfd_create(); the targets: asprintf() and friends. */
#define _GNU_SOURCE
#include "fuzz.h"
#include "fuzz_walk.h"
#include "prm.h"
#include "prm_adb_blob.h"

/* Every layout walked over a zeroed buffer of its size. */
static void walk(const struct prm_struct *s)
{
	size_t len = s->bits / 8 ? s->bits / 8 : 1;
	uint8_t *buf = calloc(1, len);

	FUZZ_CHECK(buf);
	fuzz_walk(s, buf, len);
	free(buf);
}

static void repack(const struct adb_set *set)
{
	struct adb_set *again;
	void *blob;
	size_t len;

	if (adb_blob_pack(set->ext.structs, set->ext.nstructs, set->ext.regs,
			  set->ext.nregs, &blob, &len))
		return;
	FUZZ_CHECK(!adb_blob_unpack(blob, len, &again));
	FUZZ_CHECK(again->ext.nstructs == set->ext.nstructs &&
		   again->ext.nregs == set->ext.nregs);
	free(again);
	free(blob);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	const struct prm_ext *ext;
	struct adb_set *set;
	size_t i;

	FUZZ_CHECK(copy);
	memcpy(copy, data, size);
	if (size >= sizeof(struct adb_blob_hdr))
		adb_blob_seal(copy, size);
	if (!adb_blob_unpack(copy, size, &set)) {
		ext = &set->ext;
		for (i = 0; i < ext->nstructs; i++)
			walk(ext->structs[i]);
		for (i = 0; i < ext->nregs; i++)
			FUZZ_CHECK(ext->regs[i].layout >= ext->structs[0] &&
				   ext->regs[i].layout <= ext->structs[ext->nstructs - 1]);
		repack(set);
		free(set);
	}
	free(copy);
	return 0;
}
