// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * CREATE_UMEM / DESTROY_UMEM and firmware writes into a UMEM.  Firmware
 * keeps the MTT list the kernel gave it and writes page by page through
 * it, as a DMA engine would; the emulated IOMMU is the identity, so a
 * page's bus address is its address in this process.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "emu_fw_dump.h"

#define EMU_UMEM_PAGE 4096ULL

int emu_dump_init(struct emu_fw *fw, char *err, size_t errlen)
{
	int ret;

	fw->dump = calloc(1, sizeof(*fw->dump));
	if (!fw->dump)
		return ENOMEM;
	/* Firmware object ids are never 0; start somewhere recognisable. */
	fw->dump->next_umem_id = 0x100;
	emu_rsc_configure(fw);
	/* Whole (address, value) records of 8 bytes. */
	fw->dump->core_size = fw->opts.coredump_size_set ?
			      (fw->opts.coredump_size + 7) & ~7ULL :
			      EMU_COREDUMP_SIZE;
	if (emu_diag_init(fw))
		return ENOMEM;
	if (fw->opts.snapshot[0]) {
		ret = emu_snap_load(fw, fw->opts.snapshot, err, errlen);
		if (ret)
			return ret;
	}
	return 0;
}

void emu_dump_fini(struct emu_fw *fw)
{
	size_t i;

	if (!fw->dump)
		return;
	for (i = 0; i < fw->dump->numems; i++)
		free(fw->dump->umems[i].pages);
	free(fw->dump->umems);
	free(fw->dump->diag.ids);
	emu_snap_free(fw->dump->snap);
	free(fw->dump);
	fw->dump = NULL;
}

static struct emu_umem *emu_umem_find(const struct emu_fw *fw, uint16_t uid,
				      uint32_t id)
{
	size_t i;

	for (i = 0; i < fw->dump->numems; i++)
		if (fw->dump->umems[i].id == id && fw->dump->umems[i].uid == uid)
			return &fw->dump->umems[i];
	return NULL;
}

bool emu_uctx_has_umem(const struct emu_fw *fw, uint16_t uid)
{
	size_t i;

	for (i = 0; i < fw->dump->numems; i++)
		if (fw->dump->umems[i].uid == uid)
			return true;
	return false;
}

int emu_cmd_create_umem(struct emu_cmd *c)
{
	const uint8_t *umem = PRM_ADDR(create_umem_in, c->in, umem);
	const uint8_t *mtt = c->in + PRM_SIZE(create_umem_in);
	uint64_t n = PRM_GET(umem, umem, num_of_mtt), i;
	struct emu_dump *d = c->fw->dump;
	struct emu_umem *tab, *u;

	/* 4 KiB pages only (log_page_size 0), whole pages, MTTs present. */
	if (!n || PRM_GET(umem, umem, log_page_size) ||
	    PRM_GET(umem, umem, page_offset) ||
	    n > (c->inlen - PRM_SIZE(create_umem_in)) / PRM_SIZE(mtt)) {
		c->syndrome = EMU_SYND_BAD_UMEM_PARAM;
		return EMU_STATUS_BAD_PARAM;
	}
	tab = realloc(d->umems, (d->numems + 1) * sizeof(*tab));
	if (!tab) {
		c->syndrome = EMU_SYND_NO_MEMORY;
		return EMU_STATUS_NO_RESOURCES;
	}
	d->umems = tab;
	u = &tab[d->numems];
	memset(u, 0, sizeof(*u));
	u->pages = calloc(n, sizeof(*u->pages));
	if (!u->pages) {
		c->syndrome = EMU_SYND_NO_MEMORY;
		return EMU_STATUS_NO_RESOURCES;
	}
	for (i = 0; i < n; i++, mtt += PRM_SIZE(mtt))
		u->pages[i] = PRM_GET(mtt, mtt, ptag_63_32) << 32 |
			      PRM_GET(mtt, mtt, ptag_31_8) << 8;
	u->npages = n;
	u->uid = c->uid;
	u->id = d->next_umem_id++ & 0xffffff;
	d->numems++;
	PRM_SET(create_umem_out, c->out, umem_id, u->id);
	return EMU_STATUS_OK;
}

int emu_cmd_destroy_umem(struct emu_cmd *c)
{
	struct emu_dump *d = c->fw->dump;
	struct emu_umem *u;
	size_t i;

	u = emu_umem_find(c->fw, c->uid,
			  PRM_GET(destroy_umem_in, c->in, umem_id));
	if (!u) {
		c->syndrome = EMU_SYND_BAD_UMEM;
		return EMU_STATUS_BAD_PARAM;
	}
	free(u->pages);
	i = u - d->umems;
	memmove(&d->umems[i], &d->umems[i + 1],
		(d->numems - i - 1) * sizeof(*u));
	d->numems--;
	return EMU_STATUS_OK;
}

int emu_umem_write(struct emu_fw *fw, uint32_t id, uint64_t off,
		   const void *src, size_t len, uint32_t *synd)
{
	const struct emu_umem *u = emu_umem_find(fw, fw->cur_uid, id);
	const uint8_t *p = src;

	if (!u) {
		*synd = EMU_SYND_BAD_UMEM;
		return EMU_STATUS_BAD_PARAM;
	}
	if (off > u->npages * EMU_UMEM_PAGE ||
	    len > u->npages * EMU_UMEM_PAGE - off) {
		*synd = EMU_SYND_BAD_DUMP_MEM;
		return EMU_STATUS_BAD_PARAM;
	}
	while (len) {
		uint64_t in_page = off % EMU_UMEM_PAGE;
		size_t n = EMU_UMEM_PAGE - in_page;

		if (n > len)
			n = len;
		memcpy((void *)(uintptr_t)(u->pages[off / EMU_UMEM_PAGE] +
					   in_page), p, n);
		p += n;
		off += n;
		len -= n;
	}
	return EMU_STATUS_OK;
}
