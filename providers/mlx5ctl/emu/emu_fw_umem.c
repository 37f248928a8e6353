// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * CREATE_UMEM / DESTROY_UMEM, the PDs and mkeys over UMEMs the kernel
 * creates for dumps, and firmware writes through an mkey.  Firmware keeps
 * the MTT list the kernel gave it and writes page by page through it, as
 * a DMA engine would; the emulated IOMMU is the identity, so a page's bus
 * address is its address in this process.
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
	fw->dump->next_pd = 0x10;
	fw->dump->next_mkey_index = 0x200;
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
	free(fw->dump->pds);
	free(fw->dump->mkeys);
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
	const struct emu_dump *d = fw->dump;
	size_t i;

	for (i = 0; i < d->numems; i++)
		if (d->umems[i].uid == uid)
			return true;
	for (i = 0; i < d->npds; i++)
		if (d->pds[i].uid == uid)
			return true;
	for (i = 0; i < d->nmkeys; i++)
		if (d->mkeys[i].uid == uid)
			return true;
	return false;
}

static struct emu_pd *emu_pd_find(const struct emu_fw *fw, uint16_t uid,
				  uint32_t pd)
{
	size_t i;

	for (i = 0; i < fw->dump->npds; i++)
		if (fw->dump->pds[i].pd == pd && fw->dump->pds[i].uid == uid)
			return &fw->dump->pds[i];
	return NULL;
}

static struct emu_mkey *emu_mkey_find(const struct emu_fw *fw, uint16_t uid,
				      uint32_t index)
{
	size_t i;

	for (i = 0; i < fw->dump->nmkeys; i++)
		if (fw->dump->mkeys[i].mkey >> 8 == index &&
		    fw->dump->mkeys[i].uid == uid)
			return &fw->dump->mkeys[i];
	return NULL;
}

/* Whether an mkey still uses PD (pd != 0) or UMEM (umem_id != 0). */
static bool emu_mkey_uses(const struct emu_fw *fw, uint16_t uid, uint32_t pd,
			  uint32_t umem_id)
{
	size_t i;

	for (i = 0; i < fw->dump->nmkeys; i++) {
		const struct emu_mkey *k = &fw->dump->mkeys[i];

		if (k->uid == uid && ((pd && k->pd == pd) ||
				      (umem_id && k->umem_id == umem_id)))
			return true;
	}
	return false;
}

/* Grow TAB of N entries of SIZE by one; NULL when out of memory. */
static void *emu_table_add(void *tab, size_t *n, size_t size)
{
	uint8_t *p = realloc(tab, (*n + 1) * size);

	if (!p)
		return NULL;
	memset(p + *n * size, 0, size);
	++*n;
	return p;
}

/* Remove entry I of TAB of N entries of SIZE. */
static void emu_table_del(void *tab, size_t *n, size_t size, size_t i)
{
	uint8_t *p = tab;

	memmove(p + i * size, p + (i + 1) * size, (*n - i - 1) * size);
	--*n;
}

int emu_cmd_alloc_pd(struct emu_cmd *c)
{
	struct emu_dump *d = c->fw->dump;
	struct emu_pd *tab;

	tab = emu_table_add(d->pds, &d->npds, sizeof(*tab));
	if (!tab) {
		c->syndrome = EMU_SYND_NO_MEMORY;
		return PRM_STATUS_NO_RES_ERR;
	}
	d->pds = tab;
	tab[d->npds - 1].pd = d->next_pd++ & 0xffffff;
	tab[d->npds - 1].uid = c->uid;
	PRM_SET(alloc_pd_out, c->out, pd, tab[d->npds - 1].pd);
	return PRM_STATUS_OK;
}

int emu_cmd_dealloc_pd(struct emu_cmd *c)
{
	uint32_t pd = PRM_GET(dealloc_pd_in, c->in, pd);
	struct emu_dump *d = c->fw->dump;
	struct emu_pd *p = emu_pd_find(c->fw, c->uid, pd);

	if (!p) {
		c->syndrome = EMU_SYND_BAD_MKEY;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	if (emu_mkey_uses(c->fw, c->uid, pd, 0)) {
		c->syndrome = EMU_SYND_IN_USE;
		return PRM_STATUS_BAD_RES_STATE_ERR;
	}
	emu_table_del(d->pds, &d->npds, sizeof(*p), p - d->pds);
	return PRM_STATUS_OK;
}

/* An MTT mkey over a UMEM and a PD of the same uid, within the UMEM. */
static bool emu_mkey_valid(struct emu_cmd *c, const uint8_t *mkc,
			   const struct emu_umem **u)
{
	uint64_t off = PRM_GET(create_mkey_in, c->in, mkey_umem_offset);
	uint64_t len = PRM_GET(mkc, mkc, len), bytes;

	*u = emu_umem_find(c->fw, c->uid,
			   PRM_GET(create_mkey_in, c->in, mkey_umem_id));
	if (!PRM_GET(create_mkey_in, c->in, mkey_umem_valid) || !*u ||
	    PRM_GET(mkc, mkc, access_mode_1_0) != 1 ||
	    !emu_pd_find(c->fw, c->uid, PRM_GET(mkc, mkc, pd)))
		return false;
	bytes = (*u)->npages * EMU_UMEM_PAGE;
	return len && off <= bytes && len <= bytes - off;
}

int emu_cmd_create_mkey(struct emu_cmd *c)
{
	const uint8_t *mkc = PRM_ADDR(create_mkey_in, c->in,
				      memory_key_mkey_entry);
	struct emu_dump *d = c->fw->dump;
	const struct emu_umem *u;
	struct emu_mkey *tab, *k;
	uint32_t index;

	if (!emu_mkey_valid(c, mkc, &u)) {
		c->syndrome = EMU_SYND_BAD_MKEY;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	tab = emu_table_add(d->mkeys, &d->nmkeys, sizeof(*tab));
	if (!tab) {
		c->syndrome = EMU_SYND_NO_MEMORY;
		return PRM_STATUS_NO_RES_ERR;
	}
	d->mkeys = tab;
	k = &tab[d->nmkeys - 1];
	index = d->next_mkey_index++ & 0xffffff;
	k->mkey = index << 8 | PRM_GET(mkc, mkc, mkey_7_0);
	k->uid = c->uid;
	k->pd = PRM_GET(mkc, mkc, pd);
	k->umem_id = u->id;
	k->umem_offset = PRM_GET(create_mkey_in, c->in, mkey_umem_offset);
	k->start = PRM_GET(mkc, mkc, start_addr);
	k->len = PRM_GET(mkc, mkc, len);
	PRM_SET(create_mkey_out, c->out, mkey_index, index);
	return PRM_STATUS_OK;
}

int emu_cmd_destroy_mkey(struct emu_cmd *c)
{
	struct emu_dump *d = c->fw->dump;
	struct emu_mkey *k;

	k = emu_mkey_find(c->fw, c->uid,
			  PRM_GET(destroy_mkey_in, c->in, mkey_index));
	if (!k) {
		c->syndrome = EMU_SYND_BAD_MKEY;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	emu_table_del(d->mkeys, &d->nmkeys, sizeof(*k), k - d->mkeys);
	return PRM_STATUS_OK;
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
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	tab = realloc(d->umems, (d->numems + 1) * sizeof(*tab));
	if (!tab) {
		c->syndrome = EMU_SYND_NO_MEMORY;
		return PRM_STATUS_NO_RES_ERR;
	}
	d->umems = tab;
	u = &tab[d->numems];
	memset(u, 0, sizeof(*u));
	u->pages = calloc(n, sizeof(*u->pages));
	if (!u->pages) {
		c->syndrome = EMU_SYND_NO_MEMORY;
		return PRM_STATUS_NO_RES_ERR;
	}
	for (i = 0; i < n; i++, mtt += PRM_SIZE(mtt))
		u->pages[i] = PRM_GET(mtt, mtt, ptag_63_32) << 32 |
			      PRM_GET(mtt, mtt, ptag_31_8) << 8;
	u->npages = n;
	u->uid = c->uid;
	u->id = d->next_umem_id++ & 0xffffff;
	d->numems++;
	PRM_SET(create_umem_out, c->out, umem_id, u->id);
	return PRM_STATUS_OK;
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
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	if (emu_mkey_uses(c->fw, c->uid, 0, u->id)) {
		c->syndrome = EMU_SYND_IN_USE;
		return PRM_STATUS_BAD_RES_STATE_ERR;
	}
	free(u->pages);
	i = u - d->umems;
	memmove(&d->umems[i], &d->umems[i + 1],
		(d->numems - i - 1) * sizeof(*u));
	d->numems--;
	return PRM_STATUS_OK;
}

/*
 * Through the mkey to its UMEM, as the device's address translation
 * does: ADDR must lie in the range the mkey translates.
 */
int emu_mkey_write(struct emu_fw *fw, uint32_t mkey, uint64_t addr,
		   const void *src, size_t len, uint32_t *synd)
{
	const struct emu_mkey *k = emu_mkey_find(fw, fw->cur_uid, mkey >> 8);
	const struct emu_umem *u;
	const uint8_t *p = src;
	uint64_t off;

	if (!k || k->mkey != mkey ||
	    !(u = emu_umem_find(fw, fw->cur_uid, k->umem_id))) {
		*synd = EMU_SYND_BAD_UMEM;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	if (addr < k->start || addr - k->start > k->len ||
	    len > k->len - (addr - k->start)) {
		*synd = EMU_SYND_BAD_DUMP_MEM;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	off = k->umem_offset + (addr - k->start);
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
	return PRM_STATUS_OK;
}
