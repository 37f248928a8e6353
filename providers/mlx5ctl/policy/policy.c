// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The two kernels' RPC policies, as data from their one source each:
 *  - ctl: ours, policy.def, decided as the kernel series' ctl_policy.c
 *    decides it;
 *  - fwctl: upstream fwctl/mlx5's, fwctl-mlx5-policy.tsv (turned into rows
 *    by CMake), decided as mlx5ctl_validate_rpc() does.
 * The emulator's kernels apply them; the utility explains refusals with
 * them.
 */
#include <stdbool.h>
#include <stddef.h>

#include <rdma/mlx5_user_ioctl_cmds.h>
#include <rdma/mlx5_user_ioctl_verbs.h>

#include "opcodes.h"
#include "policy.h"
#include "policy_scopes.h"
#include "prm.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct policy_row {
	uint16_t id;
	uint16_t bit;
	int8_t scope;
};

#define POLICY_OP(name, scope) { MLX5_CMD_OP_##name, 0, scope },
static const struct policy_row ctl_ops[] = {
#include "policy.def"
};

#define POLICY_OP_REQUIRES(name, bit) { MLX5_CMD_OP_##name, bit, 0 },
static const struct policy_row ctl_op_requires[] = {
#include "policy.def"
};

#define POLICY_OP_FLAG(name, bit, scope) { MLX5_CMD_OP_##name, bit, scope },
static const struct policy_row ctl_op_flags[] = {
#include "policy.def"
};

#define POLICY_REG_WRITE(name, id, scope) { id, 0, scope },
static const struct policy_row ctl_reg_writes[] = {
#include "policy.def"
};

#define POLICY_REG_FLAG(name, id, bit) { id, bit, 0 },
static const struct policy_row ctl_reg_flags[] = {
#include "policy.def"
};

static const struct policy_row fwctl_ops[] = {
#include "fwctl_policy_rows.h"
};

static const struct policy_row *find(const struct policy_row *rows, size_t n,
				     uint16_t id, size_t *from)
{
	for (; *from < n; ++*from)
		if (rows[*from].id == id)
			return &rows[(*from)++];
	return NULL;
}

static int lookup(const struct policy_row *rows, size_t n, uint16_t id,
		  int dflt)
{
	size_t i = 0;
	const struct policy_row *r = find(rows, n, id, &i);

	return r ? r->scope : dflt;
}

static bool bit_set(const void *p, size_t len, unsigned int bit)
{
	return bit / 8 < len && prm_get(p, bit, 1);
}

static int max_scope(int a, int b)
{
	return a == REFUSED || b == REFUSED ? REFUSED : (a > b ? a : b);
}

/* A write of the register, or a read that changes it, is classed alike. */
static int ctl_reg_write_scope(uint16_t reg_id)
{
	return lookup(ctl_reg_writes, ARRAY_SIZE(ctl_reg_writes), reg_id,
		      DEBUG_WRITE_FULL);
}

static int ctl_reg_read_scope(const uint8_t *in, size_t inlen, uint16_t reg_id)
{
	size_t data = PRM_SIZE(access_register_in);	/* data follows it */
	size_t i = 0;
	const struct policy_row *r;

	while ((r = find(ctl_reg_flags, ARRAY_SIZE(ctl_reg_flags), reg_id, &i)))
		if (inlen > data && bit_set(in + data, inlen - data, r->bit))
			return ctl_reg_write_scope(reg_id);
	return DEBUG_READ_ONLY;
}

static int ctl_reg_scope(const uint8_t *in, size_t inlen)
{
	uint16_t reg_id;

	if (inlen < PRM_SIZE(access_register_in))
		return REFUSED;
	reg_id = PRM_GET(access_register_in, in, register_id);
	switch (PRM_GET(mbox_in, in, op_mod)) {
	case 0:
		return ctl_reg_write_scope(reg_id);
	case 1:
		return ctl_reg_read_scope(in, inlen, reg_id);
	default:
		return REFUSED;
	}
}

static int ctl_op_scope(const uint8_t *in, size_t inlen, uint16_t opcode)
{
	int scope = lookup(ctl_ops, ARRAY_SIZE(ctl_ops), opcode, REFUSED);
	const struct policy_row *r;
	size_t i = 0;

	while ((r = find(ctl_op_requires, ARRAY_SIZE(ctl_op_requires), opcode,
			 &i)))
		if (!bit_set(in, inlen, r->bit))
			return REFUSED;
	i = 0;
	while ((r = find(ctl_op_flags, ARRAY_SIZE(ctl_op_flags), opcode, &i)))
		if (bit_set(in, inlen, r->bit))
			scope = max_scope(scope, r->scope);
	return scope;
}

int mlx5ctl_policy_ctl(const void *in, size_t inlen)
{
	uint16_t opcode = PRM_GET(mbox_in, in, opcode);

	/* vhca_tunnel_id: the command would act on another function. */
	if (prm_get(in, 0x20, 0x10))
		return REFUSED;
	if (opcode == MLX5_CMD_OP_ACCESS_REG ||
	    opcode == MLX5_CMD_OP_ACCESS_REGISTER_USER)
		return ctl_reg_scope(in, inlen);
	return ctl_op_scope(in, inlen, opcode);
}

int mlx5ctl_policy_fwctl(const void *in, size_t inlen)
{
	uint16_t opcode = PRM_GET(mbox_in, in, opcode);

	(void)inlen;
	if (opcode == MLX5_CMD_OP_ACCESS_REG ||
	    opcode == MLX5_CMD_OP_ACCESS_REGISTER_USER)
		return PRM_GET(mbox_in, in, op_mod) ? DEBUG_READ_ONLY :
						      CONFIGURATION;
	return lookup(fwctl_ops, ARRAY_SIZE(fwctl_ops), opcode, REFUSED);
}

/* CORE_DUMP core_dump_type: dump the device's state into host memory. */
#define CORE_DUMP_TYPE_CR_DUMP_TO_MEM 2

static bool is_reg_read(const void *in)
{
	uint16_t opcode = PRM_GET(mbox_in, in, opcode);

	return (opcode == MLX5_CMD_OP_ACCESS_REG ||
		opcode == MLX5_CMD_OP_ACCESS_REGISTER_USER) &&
	       PRM_GET(mbox_in, in, op_mod) == 1;
}

/* A read too short to hold the fields names memory: mkey 0, no one's. */
bool mlx5ctl_policy_dump_target(const void *in, size_t inlen,
				struct mlx5ctl_dump_target *t)
{
	const uint8_t *data = (const uint8_t *)in + PRM_SIZE(access_register_in);
	size_t len = inlen - PRM_SIZE(access_register_in);

	*t = (struct mlx5ctl_dump_target){ 0 };
	if (!is_reg_read(in))
		return false;
	switch (PRM_GET(access_register_in, in, register_id)) {
	case PRM_REG_RESOURCE_DUMP:
		if (len < PRM_SIZE(resource_dump))
			return true;
		t->mkey = PRM_GET(resource_dump, data, mkey);
		if (PRM_GET(resource_dump, data, inline_dump) && !t->mkey)
			return false;
		t->size = PRM_GET(resource_dump, data, size);
		t->addr = PRM_GET(resource_dump, data, address);
		return true;
	case PRM_REG_CORE_DUMP:
		if (len < PRM_SIZE(core_dump_reg))
			return true;
		t->mkey = PRM_GET(core_dump_reg, data, mkey);
		if (PRM_GET(core_dump_reg, data, core_dump_type) !=
			    CORE_DUMP_TYPE_CR_DUMP_TO_MEM && !t->mkey)
			return false;
		t->size = PRM_GET(core_dump_reg, data, size);
		t->addr = PRM_GET(core_dump_reg, data, address);
		return true;
	default:
		return false;
	}
}
