// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * ACCESS_REG: one table of the registers the emulator knows, each with its
 * layout size and read/write handlers.  A profile lists which of them its
 * device has (and so what MCAM/PCAM advertise).
 */
#include <string.h>

#include "emu_fw_int.h"
#include "emu_fw_dump.h"

#define EMU_REG(ID, layout, rd, wr)                                       \
	{ PRM_REG_##ID, #ID, PRM_SIZE(layout), (rd), (wr) }

static const struct emu_reg emu_regs[] = {
	EMU_REG(PCAP, pcap_reg, emu_reg_pcap_read, NULL),
	EMU_REG(PMLP, pmlp_reg, emu_reg_pmlp_read, NULL),
	EMU_REG(PMTU, pmtu_reg, emu_reg_pmtu_read, emu_reg_pmtu_write),
	EMU_REG(PTYS, ptys_reg, emu_reg_ptys_read, emu_reg_ptys_write),
	EMU_REG(PAOS, paos_reg, emu_reg_paos_read, emu_reg_paos_write),
	EMU_REG(PFCC, pfcc_reg, emu_reg_pfcc_read, NULL),
	EMU_REG(PPCNT, ppcnt_reg, emu_reg_ppcnt_read, NULL),
	EMU_REG(PPTB, pptb_reg, emu_reg_pptb_read, NULL),
	EMU_REG(PBMC, pbmc_reg, emu_reg_pbmc_read, NULL),
	EMU_REG(PMAOS, pmaos_reg, emu_reg_pmaos_read, NULL),
	EMU_REG(PPLM, pplm_reg, emu_reg_pplm_read, NULL),
	EMU_REG(SLRG, slrg_reg, emu_reg_slrg_read, NULL),
	EMU_REG(PDDR, pddr_reg, emu_reg_pddr_read, NULL),
	EMU_REG(PCMR, pcmr_reg, emu_reg_pcmr_read, NULL),
	EMU_REG(PCAM, pcam_reg, emu_reg_pcam_read, NULL),
	EMU_REG(MTCAP, mtcap_reg, emu_reg_mtcap_read, NULL),
	EMU_REG(MTMP, mtmp_reg, emu_reg_mtmp_read, emu_reg_mtmp_write),
	EMU_REG(MVCR, mvcr_reg, emu_reg_mvcr_read, NULL),
	EMU_REG(MCIA, mcia_reg, emu_reg_mcia_read, NULL),
	EMU_REG(MGIR, mgir_reg, emu_reg_mgir_read, NULL),
	EMU_REG(MFRL, mfrl_reg, emu_reg_mfrl_read, NULL),
	EMU_REG(MTRC_CAP, mtrc_cap, emu_reg_mtrc_cap_read, NULL),
	EMU_REG(MPEIN, mpein_reg, emu_reg_mpein_read, NULL),
	EMU_REG(MPCNT, mpcnt_reg, emu_reg_mpcnt_read, NULL),
	EMU_REG(MPIR, mpir_reg, emu_reg_mpir_read, NULL),
	EMU_REG(MCQS, mcqs_reg, emu_reg_mcqs_read, NULL),
	EMU_REG(MCAM, mcam_reg, emu_reg_mcam_read, NULL),
	/* mlx5_core writes it, mstflint reads it: the same either way. */
	EMU_REG(RESOURCE_DUMP, resource_dump, emu_reg_resource_dump,
		emu_reg_resource_dump),
	EMU_REG(CORE_DUMP, core_dump_reg, emu_reg_core_dump_read,
		emu_reg_core_dump_write),
};

const struct emu_reg *emu_reg_find(uint16_t id)
{
	size_t i;

	for (i = 0; i < EMU_ARRAY_SIZE(emu_regs); i++)
		if (emu_regs[i].id == id)
			return &emu_regs[i];
	return NULL;
}

/*
 * Fill a PRM "access register capability mask": a field of BITS bits at
 * OFF covering register ids BASE..BASE+BITS-1, where id BASE+n is bit n
 * counted from the least significant bit of the field's last dword.  Every
 * register of the profile in that range gets its bit.
 */
void emu_reg_mask_fill(const struct emu_fw *fw, void *buf, uint32_t off,
		       uint32_t bits, uint16_t base)
{
	size_t i;

	for (i = 0; i < fw->prof->nregs; i++) {
		uint16_t id = fw->prof->regs[i];

		if (id >= base && (uint32_t)(id - base) < bits)
			prm_set(buf, off + bits - 1 - (uint32_t)(id - base), 1, 1);
	}
}

int emu_cmd_access_reg(struct emu_cmd *c)
{
	uint16_t id = PRM_GET(access_register_in, c->in, register_id);
	const size_t in_hdr = PRM_SIZE(access_register_in);
	const size_t out_hdr = PRM_SIZE(access_register_out);
	const struct emu_reg *reg = emu_reg_find(id);
	uint8_t data[EMU_REG_MAX_SIZE];
	int status;

	if (!reg || !emu_fw_has_reg(c->fw, id) || reg->size > sizeof(data)) {
		c->syndrome = EMU_SYND_BAD_REG_ID;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	/* Firmware moves the whole register both ways, index fields too. */
	if (c->inlen < in_hdr + reg->size) {
		c->syndrome = EMU_SYND_BAD_INLEN;
		return PRM_STATUS_BAD_INP_LEN_ERR;
	}
	if (c->outlen < out_hdr + reg->size) {
		c->syndrome = EMU_SYND_BAD_OUTLEN;
		return PRM_STATUS_BAD_OUTP_LEN_ERR;
	}
	/* A copy: the inbox may be the outbox, and a failure writes nothing. */
	memcpy(data, c->in + in_hdr, reg->size);
	if (c->op_mod == EMU_ACCESS_REG_WRITE) {
		if (!reg->write) {
			c->syndrome = EMU_SYND_REG_READ_ONLY;
			return PRM_STATUS_BAD_PARAM_ERR;
		}
		status = reg->write(c->fw, data, &c->syndrome);
	} else {
		status = reg->read(c->fw, data, &c->syndrome);
	}
	if (status != PRM_STATUS_OK)
		return status;
	memcpy(c->out + out_hdr, data, reg->size);
	c->out_size = out_hdr + reg->size;
	return PRM_STATUS_OK;
}

const struct emu_reg *emu_reg_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < EMU_ARRAY_SIZE(emu_regs); i++)
		if (!strcmp(emu_regs[i].name, name))
			return &emu_regs[i];
	return NULL;
}
