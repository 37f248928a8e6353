// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Management registers: MGIR (general information), MTCAP/MTMP
 * (temperature sensors), MVCR (voltage and current) and MCAM (which
 * management registers exist).
 */
#include <string.h>

#include "emu_fw_int.h"

/* MGIR: firmware and hardware identity, read-only. */

int emu_reg_mgir_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	const struct emu_profile *prof = fw->prof;
	uint8_t *psid = PRM_ADDR(mgir_reg, data, psid);

	memset(data, 0, PRM_SIZE(mgir_reg));
	PRM_SET(mgir_reg, data, device_hw_revision, prof->hw_rev);
	PRM_SET(mgir_reg, data, device_id, prof->id.device_id);
	PRM_SET(mgir_reg, data, hw_dev_id, prof->hw_dev_id);
	PRM_SET(mgir_reg, data, num_ports, prof->nports);
	/*
	 * The original 8-bit version fields cannot hold a sub-minor like
	 * 1002, which is why extended_* exist and tools read those; a short
	 * field is filled only when its value fits.
	 */
	if (prof->fw_major <= 0xff)
		PRM_SET(mgir_reg, data, major, prof->fw_major);
	if (prof->fw_minor <= 0xff)
		PRM_SET(mgir_reg, data, minor, prof->fw_minor);
	if (prof->fw_sub_minor <= 0xff)
		PRM_SET(mgir_reg, data, sub_minor, prof->fw_sub_minor);
	PRM_SET(mgir_reg, data, extended_major, prof->fw_major);
	PRM_SET(mgir_reg, data, extended_minor, prof->fw_minor);
	PRM_SET(mgir_reg, data, extended_sub_minor, prof->fw_sub_minor);
	emu_copy_str(psid, EMU_FIELD_BYTES(mgir_reg, psid), prof->psid);
	return PRM_STATUS_OK;
}

/* MTCAP: how many sensors, and which indexes MTMP accepts. */

int emu_reg_mtcap_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	const struct emu_profile *prof = fw->prof;
	uint64_t map = 0;
	size_t i;

	for (i = 0; i < prof->nsensors; i++)
		map |= 1ull << prof->sensors[i].index;
	memset(data, 0, PRM_SIZE(mtcap_reg));
	PRM_SET(mtcap_reg, data, sensor_count, prof->nsensors);
	PRM_SET(mtcap_reg, data, sensor_map, map);
	return PRM_STATUS_OK;
}

/* MTMP: one sensor, selected by sensor_index. */

static int emu_sensor_lookup(struct emu_fw *fw, const uint8_t *data,
			     uint32_t *synd)
{
	uint16_t index = PRM_GET(mtmp_reg, data, sensor_index);
	size_t i;

	for (i = 0; i < fw->prof->nsensors && i < EMU_MAX_SENSORS; i++)
		if (fw->prof->sensors[i].index == index)
			return (int)i;
	*synd = EMU_SYND_BAD_REG_INDEX;
	return -1;
}

/* Sensor names are 8 ASCII bytes, big-endian across two dwords. */
static uint32_t emu_name_dword(const char *name, size_t from)
{
	uint32_t v = 0;
	size_t i;

	for (i = from; i < from + 4; i++)
		v = v << 8 | (uint8_t)name[i];
	return v;
}

static void emu_mtmp_fill(struct emu_fw *fw, uint8_t *data, int i, bool mte)
{
	const struct emu_sensor *s = &fw->prof->sensors[i];
	char name[8] = { 0 };

	memcpy(name, s->name, strnlen(s->name, sizeof(name)));
	memset(data, 0, PRM_SIZE(mtmp_reg));
	PRM_SET(mtmp_reg, data, sensor_index, s->index);
	/* Two's complement in 16 bits, as the PRM encodes temperatures. */
	PRM_SET(mtmp_reg, data, temperature, (uint16_t)s->temp);
	PRM_SET(mtmp_reg, data, mte, mte);
	PRM_SET(mtmp_reg, data, max_temperature, (uint16_t)fw->sensor_max[i]);
	PRM_SET(mtmp_reg, data, temp_threshold_hi, (uint16_t)s->threshold_hi);
	PRM_SET(mtmp_reg, data, temp_threshold_lo, (uint16_t)s->threshold_lo);
	PRM_SET(mtmp_reg, data, sensor_name_hi, emu_name_dword(name, 0));
	PRM_SET(mtmp_reg, data, sensor_name_lo, emu_name_dword(name, 4));
}

/*
 * Module sensors: index 64 + module, as Linux's hwmon reads them, with the
 * module's warning and critical levels as the low and high thresholds.
 * An unplugged or absent module reads 0, which hwmon takes for "no
 * sensor".
 */
static int emu_mtmp_module(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	uint16_t index = PRM_GET(mtmp_reg, data, sensor_index);
	const struct emu_module *m = fw->prof->module;
	size_t module = index - EMU_MODULE_SENSOR_BASE;
	struct emu_port_state *st;
	bool present;

	if (module >= fw->prof->nports ||
	    !emu_fw_port(fw, fw->prof->ports[module].local_port, &st)) {
		*synd = EMU_SYND_BAD_REG_INDEX;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	present = m && !(st->oper_status != EMU_PORT_UP &&
			 st->down_reason == EMU_MON_CABLE_UNPLUGGED);
	if (PRM_GET(mtmp_reg, data, mtr))
		fw->module_max = fw->module_temp;
	if (fw->module_temp > fw->module_max)
		fw->module_max = fw->module_temp;
	memset(data, 0, PRM_SIZE(mtmp_reg));
	PRM_SET(mtmp_reg, data, sensor_index, index);
	if (!present)
		return PRM_STATUS_OK;
	PRM_SET(mtmp_reg, data, temperature, (uint16_t)fw->module_temp);
	PRM_SET(mtmp_reg, data, mte, 1);
	PRM_SET(mtmp_reg, data, max_temperature, (uint16_t)fw->module_max);
	PRM_SET(mtmp_reg, data, temp_threshold_hi, (uint16_t)m->temp_crit);
	PRM_SET(mtmp_reg, data, temp_threshold_lo, (uint16_t)m->temp_warn);
	PRM_SET(mtmp_reg, data, sensor_name_hi, emu_name_dword("module0\0", 0));
	PRM_SET(mtmp_reg, data, sensor_name_lo, emu_name_dword("module0\0", 4));
	return PRM_STATUS_OK;
}

/*
 * The maximum is always tracked (mte reads back as 1); mtr on a read or a
 * write restarts the tracking from the current temperature.
 */
static int emu_mtmp_access(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	int i;

	if (PRM_GET(mtmp_reg, data, sensor_index) >= EMU_MODULE_SENSOR_BASE)
		return emu_mtmp_module(fw, data, synd);
	i = emu_sensor_lookup(fw, data, synd);
	if (i < 0)
		return PRM_STATUS_BAD_PARAM_ERR;
	if (PRM_GET(mtmp_reg, data, mtr))
		fw->sensor_max[i] = fw->prof->sensors[i].temp;
	emu_mtmp_fill(fw, data, i, true);
	return PRM_STATUS_OK;
}

int emu_reg_mtmp_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	return emu_mtmp_access(fw, data, synd);
}

/* Thresholds and event enables are fixed by the profile; only mtr acts. */
int emu_reg_mtmp_write(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	return emu_mtmp_access(fw, data, synd);
}

/*
 * MVCR: voltage and current of a board sensor, the same sensor_index
 * space as MTMP.  Module sensors (64 and up) have no rail to report.
 */
int emu_reg_mvcr_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	uint8_t index = PRM_GET(mvcr_reg, data, sensor_index);
	const struct emu_sensor *s = NULL;
	size_t i;

	for (i = 0; i < fw->prof->nsensors; i++)
		if (fw->prof->sensors[i].index == index)
			s = &fw->prof->sensors[i];
	if (!s || PRM_GET(mvcr_reg, data, slot_index)) {
		*synd = EMU_SYND_BAD_REG_INDEX;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	memset(data, 0, PRM_SIZE(mvcr_reg));
	PRM_SET(mvcr_reg, data, sensor_index, index);
	PRM_SET(mvcr_reg, data, voltage_sensor_value, s->voltage);
	PRM_SET(mvcr_reg, data, current_sensor_value, s->current);
	emu_copy_str(PRM_ADDR(mvcr_reg, data, sensor_name),
		     EMU_FIELD_BYTES(mvcr_reg, sensor_name), s->name);
	return PRM_STATUS_OK;
}

/* MCAM: groups 0..3 cover management registers 0x9000..0x91ff. */

#define EMU_MCAM_BASE 0x9000
#define EMU_MCAM_GROUPS 4

int emu_reg_mcam_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd)
{
	uint8_t group = PRM_GET(mcam_reg, data, access_reg_group);
	uint8_t feature = PRM_GET(mcam_reg, data, feature_group);
	const uint32_t bits = PRM_BITS(mcam_reg, mng_access_reg_cap_mask);
	uint8_t *feat;

	if (group >= EMU_MCAM_GROUPS || feature) {
		*synd = EMU_SYND_BAD_CAP_GROUP;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	memset(data, 0, PRM_SIZE(mcam_reg));
	PRM_SET(mcam_reg, data, access_reg_group, group);
	/* Each group's mask covers as many register ids as it has bits. */
	emu_reg_mask_fill(fw, data, PRM_OFF(mcam_reg, mng_access_reg_cap_mask),
			  bits, EMU_MCAM_BASE + group * bits);
	/*
	 * MCIA reads up to 32 dwords and MPCNT has the PCIe performance
	 * group: without these bits tools read 12 dwords and skip MPCNT.
	 */
	feat = PRM_ADDR(mcam_reg, data, mng_feature_cap_mask);
	if (emu_fw_has_reg(fw, PRM_REG_MCIA))
		PRM_SET(mcam_enhanced_features, feat, mcia_32dwords, 1);
	if (emu_fw_has_reg(fw, PRM_REG_MPCNT))
		PRM_SET(mcam_enhanced_features, feat, pcie_performance_group, 1);
	return PRM_STATUS_OK;
}
