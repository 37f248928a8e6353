// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Registers an operator reads to see how the port and the device are set
 * up, read-only here: PCAP, PFCC (flow control), PPTB and PBMC (receive
 * buffers), PCMR (FCS handling), SLRG (per-lane signal grade), MFRL
 * (firmware reset levels), MPIR (PCIe location), MCQS (firmware
 * components) and MTRC_CAP (tracer).  Contents are what mlx5_core leaves
 * on an Ethernet port with global pause and no DCB.
 */
#include <stdio.h>
#include <string.h>

#include "emu_fw_int.h"

/* PCAP: InfiniBand PortInfo capabilities; an Ethernet port has none. */
int emu_reg_pcap_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	const struct emu_port *p;

	p = emu_fw_reg_port(fw, PRM_GET(pcap_reg, data, local_port), NULL, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	memset(data, 0, PRM_SIZE(pcap_reg));
	PRM_SET(pcap_reg, data, local_port, p->local_port);
	return PRM_STATUS_OK;
}

/* PFCC: global pause both ways, no priority flow control. */
int emu_reg_pfcc_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	const struct emu_port *p;

	p = emu_fw_reg_port(fw, PRM_GET(pfcc_reg, data, local_port), NULL, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	memset(data, 0, PRM_SIZE(pfcc_reg));
	PRM_SET(pfcc_reg, data, local_port, p->local_port);
	PRM_SET(pfcc_reg, data, pptx, 1);
	PRM_SET(pfcc_reg, data, pprx, 1);
	/* mlx5e's defaults for the stall watermarks, in ms. */
	PRM_SET(pfcc_reg, data, device_stall_minor_watermark, 100);
	PRM_SET(pfcc_reg, data, device_stall_critical_watermark, 8000);
	return PRM_STATUS_OK;
}

/* PPTB: every priority, untagged and control traffic in buffer 0. */
int emu_reg_pptb_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	const struct emu_port *p;

	p = emu_fw_reg_port(fw, PRM_GET(pptb_reg, data, local_port), NULL, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	memset(data, 0, PRM_SIZE(pptb_reg));
	PRM_SET(pptb_reg, data, local_port, p->local_port);
	PRM_SET(pptb_reg, data, pm, 0xff);
	return PRM_STATUS_OK;
}

/*
 * PBMC: one lossless buffer taking the port's buffer (sizes in 128-byte
 * cells), xoff/xon thresholds for a 400G link's round trip.
 */
#define EMU_PORT_BUFFER_CELLS 2048

int emu_reg_pbmc_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	const struct emu_port *p;
	uint8_t *buf0;

	p = emu_fw_reg_port(fw, PRM_GET(pbmc_reg, data, local_port), NULL, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	memset(data, 0, PRM_SIZE(pbmc_reg));
	PRM_SET(pbmc_reg, data, local_port, p->local_port);
	PRM_SET(pbmc_reg, data, port_buffer_size, EMU_PORT_BUFFER_CELLS);
	PRM_SET(pbmc_reg, data, xoff_timer_value, 0xffff);
	PRM_SET(pbmc_reg, data, xoff_refresh, 0x7fff);
	buf0 = PRM_ADDR(pbmc_reg, data, buffer);
	PRM_SET(bufferx_reg, buf0, epsb, 1);
	PRM_SET(bufferx_reg, buf0, size, EMU_PORT_BUFFER_CELLS / 2);
	PRM_SET(bufferx_reg, buf0, xoff_threshold, EMU_PORT_BUFFER_CELLS / 4);
	PRM_SET(bufferx_reg, buf0, xon_threshold, EMU_PORT_BUFFER_CELLS / 8);
	return PRM_STATUS_OK;
}

/* PCMR: FCS checked on receive, the only knob mlx5e turns. */
int emu_reg_pcmr_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	const struct emu_port *p;

	p = emu_fw_reg_port(fw, PRM_GET(pcmr_reg, data, local_port), NULL, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	memset(data, 0, PRM_SIZE(pcmr_reg));
	PRM_SET(pcmr_reg, data, local_port, p->local_port);
	PRM_SET(pcmr_reg, data, fcs_cap, 1);
	PRM_SET(pcmr_reg, data, rx_fcs_drop_cap, 1);
	PRM_SET(pcmr_reg, data, fcs_chk, 1);
	return PRM_STATUS_OK;
}

/*
 * SLRG: the receive eye grade of one lane (0..3).  A healthy 100G lane
 * grades in the thousands; a port with errors grades low, and a port
 * that is down has nothing to grade.
 */
#define EMU_SLRG_GOOD 4200
#define EMU_SLRG_POOR 380

int emu_reg_slrg_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	uint8_t lane = PRM_GET(slrg_reg, data, lane);
	const struct emu_port *p;
	struct emu_port_state *st;

	p = emu_fw_reg_port(fw, PRM_GET(slrg_reg, data, local_port), &st, synd);
	if (!p)
		return PRM_STATUS_BAD_PARAM_ERR;
	if (lane >= 4 || PRM_GET(slrg_reg, data, pnat)) {
		*synd = EMU_SYND_BAD_REG_INDEX;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	memset(data, 0, PRM_SIZE(slrg_reg));
	PRM_SET(slrg_reg, data, local_port, p->local_port);
	PRM_SET(slrg_reg, data, lane, lane);
	if (st->oper_status != EMU_PORT_UP)
		return PRM_STATUS_OK;
	PRM_SET(slrg_reg, data, grade, (st->errors ? EMU_SLRG_POOR :
						     EMU_SLRG_GOOD) + lane * 17);
	PRM_SET(slrg_reg, data, time_to_link_up, 1200 + lane);
	return PRM_STATUS_OK;
}

/* MFRL: reset levels 0 and 3, full-chip reset type (mlx5_ifc.h BITs). */
int emu_reg_mfrl_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	memset(data, 0, PRM_SIZE(mfrl_reg));
	PRM_SET(mfrl_reg, data, reset_level, (1u << 0) | (1u << 3));
	PRM_SET(mfrl_reg, data, reset_type, 1u << 0);
	return PRM_STATUS_OK;
}

/* MPIR: where the function sits on PCIe: the bus of the profile's BDF. */
int emu_reg_mpir_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	unsigned int domain, bus = 0;

	sscanf(fw->prof->id.pci, "%x:%x", &domain, &bus);
	memset(data, 0, PRM_SIZE(mpir_reg));
	PRM_SET(mpir_reg, data, host_buses, 1);
	PRM_SET(mpir_reg, data, bus, bus);
	PRM_SET(mpir_reg, data, local_port, fw->prof->nports ?
		fw->prof->ports[0].local_port : 0);
	return PRM_STATUS_OK;
}

/* MCQS: one component, the running firmware image (BOOT_IMG), present. */
enum {
	EMU_MCQS_BOOT_IMG = 0x1,
	EMU_MCQS_PRESENT = 0x1,
};

int emu_reg_mcqs_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	if (PRM_GET(mcqs_reg, data, component_index) ||
	    PRM_GET(mcqs_reg, data, fw_device)) {
		*synd = EMU_SYND_BAD_REG_INDEX;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	memset(data, 0, PRM_SIZE(mcqs_reg));
	PRM_SET(mcqs_reg, data, last_index_flag, 1);
	PRM_SET(mcqs_reg, data, identifier, EMU_MCQS_BOOT_IMG);
	PRM_SET(mcqs_reg, data, component_status, EMU_MCQS_PRESENT);
	return PRM_STATUS_OK;
}

/* MTRC_CAP: a tracer the driver owns, strings in one database. */
int emu_reg_mtrc_cap_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	memset(data, 0, PRM_SIZE(mtrc_cap));
	PRM_SET(mtrc_cap, data, trace_owner, 1);
	PRM_SET(mtrc_cap, data, trace_to_memory, 1);
	PRM_SET(mtrc_cap, data, trc_ver, 1);
	PRM_SET(mtrc_cap, data, num_string_db, 1);
	PRM_SET(mtrc_cap, data, num_string_trace, 255);
	PRM_SET(mtrc_cap, data, log_max_trace_buffer_size, 22);
	return PRM_STATUS_OK;
}
