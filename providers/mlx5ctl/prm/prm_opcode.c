// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Opcode names, from the one list in opcodes.h.
 *
 * The names are one block of characters and the table holds offsets into
 * it, not pointers: a table of pointers is one relocation per name for the
 * dynamic loader at every start, paid by "mlx5ctl --version" too.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "opcodes.h"

#define PRM_OPCODE_STR(name, val) char s_##name[sizeof(#name)];
static const struct prm_opcode_strs {
	PRM_OPCODES(PRM_OPCODE_STR)
} prm_opcode_strs = {
#define PRM_OPCODE_INIT(name, val) #name,
	PRM_OPCODES(PRM_OPCODE_INIT)
#undef PRM_OPCODE_INIT
};
#undef PRM_OPCODE_STR

static const struct {
	uint16_t val;
	uint16_t off;
} prm_opcodes[] = {
#define PRM_OPCODE_ROW(name, val) \
	{ (val), offsetof(struct prm_opcode_strs, s_##name) },
	PRM_OPCODES(PRM_OPCODE_ROW)
#undef PRM_OPCODE_ROW
};

#define PRM_NOPCODES (sizeof(prm_opcodes) / sizeof(prm_opcodes[0]))

_Static_assert(sizeof(struct prm_opcode_strs) <= UINT16_MAX,
	       "opcode names past a 16-bit offset");

static const char *prm_opcode_str(size_t i)
{
	return (const char *)&prm_opcode_strs + prm_opcodes[i].off;
}

const char *prm_opcode_name(uint16_t opcode)
{
	size_t i;

	for (i = 0; i < PRM_NOPCODES; i++)
		if (prm_opcodes[i].val == opcode)
			return prm_opcode_str(i);
	return NULL;
}

int prm_opcode_by_name(const char *name, bool any_case)
{
	size_t i;

	for (i = 0; i < PRM_NOPCODES; i++) {
		const char *s = prm_opcode_str(i);

		if (any_case ? !strcasecmp(s, name) : !strcmp(s, name))
			return prm_opcodes[i].val;
	}
	return -1;
}
