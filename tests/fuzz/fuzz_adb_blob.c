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
#include "fuzz.h"
#include "prm.h"
#include "prm_adb_blob.h"

struct walk_check {
	const uint8_t *buf;
	size_t len;
	int depth;
};

static void on_begin(void *ctx, const char *name, bool array)
{
	((struct walk_check *)ctx)->depth++;
}

static void on_end(void *ctx, bool array)
{
	FUZZ_CHECK(--((struct walk_check *)ctx)->depth >= 0);
}

static void on_field(void *ctx, const struct prm_field *f, uint64_t val,
		     const uint8_t *bytes, size_t nbytes)
{
	struct walk_check *w = ctx;

	FUZZ_CHECK(f && f->name);
	if (bytes)
		FUZZ_CHECK(bytes >= w->buf && nbytes <= w->len &&
			   (size_t)(bytes - w->buf) <= w->len - nbytes);
}

static const struct prm_visitor checker = {
	.begin = on_begin,
	.end = on_end,
	.field = on_field,
};

static void walk(const struct prm_struct *s)
{
	size_t len = s->bits / 8 ? s->bits / 8 : 1;
	struct walk_check w = { .len = len };
	uint8_t *buf = calloc(1, len);

	FUZZ_CHECK(buf);
	w.buf = buf;
	prm_walk(s, buf, len, &checker, &w);
	FUZZ_CHECK(w.depth == 0);
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
