// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Print the emulator's policy as a matrix for test_policy_doc.py to check
 * against Documentation/policy.md: for every opcode, and for every register
 * written through ACCESS_REG and ACCESS_REGISTER_USER, the lowest scope
 * that passes (-1: none).
 */
#include <stdint.h>
#include <stdio.h>

#include "emu.h"
#include "opcodes.h"
#include "prm.h"

static int lowest_scope(const uint8_t *in)
{
	unsigned int scope;

	for (scope = 0; scope <= 3; scope++)
		if (!emu_policy_check(in, PRM_SIZE(access_register_in), scope))
			return scope;
	return -1;
}

int main(void)
{
	uint8_t in[PRM_SIZE(access_register_in)];
	uint32_t v;

	for (v = 0; v <= 0xffff; v++) {
		__builtin_memset(in, 0, sizeof(in));
		PRM_SET(mbox_in, in, opcode, v);
		/* op_mod 1: register reads for the two register opcodes */
		PRM_SET(mbox_in, in, op_mod, 1);
		printf("op 0x%04x %d\n", v, lowest_scope(in));
	}
	for (v = 0; v <= 0xffff; v++) {
		__builtin_memset(in, 0, sizeof(in));
		PRM_SET(access_register_in, in, opcode, MLX5_CMD_OP_ACCESS_REG);
		PRM_SET(access_register_in, in, register_id, v);
		printf("regw 0x%04x %d\n", v, lowest_scope(in));
		PRM_SET(access_register_in, in, opcode,
			MLX5_CMD_OP_ACCESS_REGISTER_USER);
		printf("reguw 0x%04x %d\n", v, lowest_scope(in));
	}
	return 0;
}
