/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * What the firmware-half tests share: one outbox, poisoned before every
 * command so stale bytes show, and accessors for its header.
 */
#ifndef MLX5CTL_TESTS_EMU_TEST_H
#define MLX5CTL_TESTS_EMU_TEST_H

#include <string.h>

#include "../check.h"
#include "emu_fw_int.h"

#define OUT_MAX 8192

static uint8_t out[OUT_MAX];
static size_t out_n;

static inline unsigned int run(struct emu_fw *fw, const void *in, size_t inlen,
			       size_t outlen)
{
	memset(out, 0xa5, sizeof(out));
	out_n = emu_fw_exec(fw, in, inlen, out, outlen);
	return PRM_GET(mbox_out, out, status);
}

static inline uint32_t syndrome(void)
{
	return PRM_GET(mbox_out, out, syndrome);
}

/* A device from SPEC; a failure says why and counts as a failed check. */
static inline struct emu_fw *create(const char *spec)
{
	char err[256];
	struct emu_fw *fw = emu_fw_create(spec, err, sizeof(err));

	if (!fw)
		fprintf(stderr, "emu_fw_create(%s): %s\n", spec, err);
	CHECK(fw != NULL);
	return fw;
}

#endif
