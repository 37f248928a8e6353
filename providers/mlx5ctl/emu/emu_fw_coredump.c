// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * CORE_DUMP (register 0x402e).
 *
 * A read of type cr_dump_to_mem has firmware copy its configuration
 * register space into a UMEM (mkey) from an offset (address), at most
 * size bytes, as big-endian (cr-space address, value) dword pairs - the
 * form a real ConnectX core dump takes.  The answer gives the bytes
 * written, more_dump, and a cookie: the next cr-space address, which the
 * next read carries to continue, as RESOURCE_DUMP carries device_opaque.
 *
 * Writes of type general or qp are the triggers mlx5_core's firmware
 * tracer sends (the dump goes to the tracer, which the emulator does not
 * have): accepted, with no effect.
 *
 * The image is generated from the address, so a multi-GiB core dump costs
 * no memory; coredump_size sizes it and the debug capability page reports
 * what a host must allocate (log_cr_dump_to_mem_size, 4 KiB units).
 */
#include <endian.h>
#include <linux/types.h>
#include <string.h>

#include "emu_fw_dump.h"

enum {
	EMU_CORE_DUMP_GENERAL = 0x0,
	EMU_CORE_DUMP_QP = 0x1,
	EMU_CORE_DUMP_TO_MEM = 0x2,
};

#define EMU_CR_RECORD 8		/* address, value: two big-endian dwords */
#define EMU_CR_BOUNCE 4096

/* What a cr-space word reads: a fixed mix of its address. */
static uint32_t emu_cr_word(uint32_t addr)
{
	uint64_t z = addr + 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (uint32_t)(z ^ (z >> 31));
}

/* Records of the image: one per cr-space dword from address 0. */
static uint64_t emu_cr_records(const struct emu_fw *fw)
{
	return fw->dump->core_size / EMU_CR_RECORD;
}

static void emu_cr_fill(uint8_t *buf, uint64_t first, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t addr = (uint32_t)((first + i) * 4);
		__be32 rec[2] = { htobe32(addr), htobe32(emu_cr_word(addr)) };

		memcpy(buf + i * EMU_CR_RECORD, rec, sizeof(rec));
	}
}

static int emu_core_dump_to_mem(struct emu_fw *fw, uint8_t *data,
				 uint32_t *synd)
{
	uint64_t cookie = PRM_GET(core_dump_reg, data, cookie);
	uint64_t addr = PRM_GET(core_dump_reg, data, address);
	uint32_t mkey = PRM_GET(core_dump_reg, data, mkey);
	uint64_t total = emu_cr_records(fw), first, n, done = 0;
	uint8_t bounce[EMU_CR_BOUNCE];
	int status;

	if (!total) {
		*synd = EMU_SYND_BAD_CORE_DUMP;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	/* The cookie is a cr-space address this dump handed out, or 0. */
	if (cookie % 4 || cookie / 4 >= total) {
		*synd = EMU_SYND_BAD_CONTINUATION;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	first = cookie / 4;
	/* Whole records only: a record is never split across answers. */
	n = PRM_GET(core_dump_reg, data, size) / EMU_CR_RECORD;
	if (!n) {
		*synd = EMU_SYND_BAD_DUMP_MEM;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	if (n > total - first)
		n = total - first;
	while (done < n) {
		size_t m = n - done;

		if (m > sizeof(bounce) / EMU_CR_RECORD)
			m = sizeof(bounce) / EMU_CR_RECORD;
		emu_cr_fill(bounce, first + done, m);
		status = emu_mkey_write(fw, mkey, addr + done * EMU_CR_RECORD,
					bounce, m * EMU_CR_RECORD, synd);
		if (status != PRM_STATUS_OK)
			return status;
		done += m;
	}
	PRM_SET(core_dump_reg, data, size, n * EMU_CR_RECORD);
	PRM_SET(core_dump_reg, data, cookie, (first + n) * 4);
	PRM_SET(core_dump_reg, data, more_dump, first + n < total);
	return PRM_STATUS_OK;
}

int emu_reg_core_dump_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	if (PRM_GET(core_dump_reg, data, core_dump_type) !=
	    EMU_CORE_DUMP_TO_MEM) {
		*synd = EMU_SYND_BAD_CORE_DUMP;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	return emu_core_dump_to_mem(fw, data, synd);
}

int emu_reg_core_dump_write(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	(void)fw;
	switch (PRM_GET(core_dump_reg, data, core_dump_type)) {
	case EMU_CORE_DUMP_GENERAL:
	case EMU_CORE_DUMP_QP:
		return PRM_STATUS_OK;
	}
	*synd = EMU_SYND_BAD_CORE_DUMP;
	return PRM_STATUS_BAD_PARAM_ERR;
}

void emu_core_dump_cap(const struct emu_fw *fw, uint8_t *debug_cap)
{
	unsigned int log = 1;

	/* 0 says "no dump to memory", so even a tiny image asks for 2^1. */
	if (!fw->dump->core_size)
		log = 0;
	while (log && (4096ULL << log) < fw->dump->core_size && log < 31)
		log++;
	PRM_SET(debug_cap, debug_cap, log_cr_dump_to_mem_size, log);
}
