// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * QUERY_HCA_CAP: the capability pages of the profile.  A page is a sparse
 * list of (field, max, current) so a profile only names what it reports;
 * every other bit of the 4 KiB page reads as zero, as reserved bits do on
 * hardware.
 */
#include "emu_fw_int.h"
#include "emu_fw_dump.h"

static const struct emu_cap_page *emu_cap_page_find(const struct emu_profile *prof,
						    uint16_t type)
{
	size_t i;

	for (i = 0; i < prof->ncaps; i++)
		if (prof->caps[i].type == type)
			return &prof->caps[i];
	return NULL;
}

int emu_cmd_query_hca_cap(struct emu_cmd *c)
{
	const struct emu_cap_page *page;
	uint16_t type = c->op_mod >> 1;
	bool cur = (c->op_mod & 1) == EMU_HCA_CAP_MODE_CUR;
	uint8_t *cap;
	size_t i;

	/* Other functions' caps need the e-switch manager role we lack. */
	if (PRM_GET(query_hca_cap_in, c->in, other_function)) {
		c->syndrome = EMU_SYND_OTHER_FUNCTION;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	page = emu_cap_page_find(c->fw->prof, type);
	if (!page) {
		c->syndrome = EMU_SYND_BAD_CAP_TYPE;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	cap = PRM_ADDR(query_hca_cap_out, c->out, capability);
	for (i = 0; i < page->nvals; i++) {
		const struct emu_cap_val *v = &page->vals[i];

		prm_set(cap, v->off, v->bits, cur ? v->cur : v->max);
	}
	/* What the options size rather than the profile. */
	if (type == PRM_CAP_debug)
		emu_core_dump_cap(c->fw, cap);
	return PRM_STATUS_OK;
}
