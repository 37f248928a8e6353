// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The ERRORS section of mlx5ctl_rpc(3), entry by entry, on the backends
 * it names (ctl and fwctl, through the emulated kernels): each errno is
 * what the call returns for the case the page gives.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <infiniband/mlx5ctl.h>

#include "../check.h"
#include "opcodes.h"
#include "prm.h"

#define SKIP 77
#define BIG (3u << 20)

static uint8_t in[BIG], out[BIG];

static struct mlx5ctl_device *open_emu(const char *spec,
				       enum mlx5ctl_backend b,
				       enum mlx5ctl_scope scope)
{
	struct mlx5ctl_open_attr attr = {
		.comp_mask = MLX5CTL_OPEN_ATTR_BACKEND | MLX5CTL_OPEN_ATTR_SCOPE,
		.backend = b,
		.scope = scope,
	};

	return mlx5ctl_open(spec, &attr);
}

static int rpc(struct mlx5ctl_device *dev, size_t inlen, size_t outlen)
{
	return mlx5ctl_rpc(dev, NULL, in, inlen, out, outlen);
}

static void query_cap(uint16_t op_mod)
{
	memset(in, 0, PRM_SIZE(query_hca_cap_in));
	PRM_SET(query_hca_cap_in, in, opcode, MLX5_CMD_OP_QUERY_HCA_CAP);
	PRM_SET(query_hca_cap_in, in, op_mod, op_mod);
}

static void test_backend(enum mlx5ctl_backend b, size_t limit)
{
	struct mlx5ctl_device *dev = open_emu("emu:connectx7", b,
					      MLX5CTL_SCOPE_DEBUG_READ_ONLY);
	struct mlx5ctl_rpc_attr attr = { .comp_mask = 1ull << 63 };
	struct mlx5ctl_rpc_attr up = {
		.comp_mask = MLX5CTL_RPC_ATTR_SCOPE,
		.scope = MLX5CTL_SCOPE_DEBUG_WRITE,
	};
	size_t cap_out = PRM_SIZE(mbox_out) + MLX5CTL_HCA_CAP_SIZE;

	CHECK(dev != NULL);
	if (!dev)
		return;
	query_cap(1);
	CHECK_EQ(rpc(dev, PRM_SIZE(query_hca_cap_in), cap_out), 0);
	/* EINVAL: dev, in or out NULL. */
	CHECK_EQ(mlx5ctl_rpc(NULL, NULL, in, 16, out, 16), EINVAL);
	CHECK_EQ(mlx5ctl_rpc(dev, NULL, NULL, 16, out, 16), EINVAL);
	CHECK_EQ(mlx5ctl_rpc(dev, NULL, in, 16, NULL, 16), EINVAL);
	/* EMSGSIZE: shorter than a header, or longer than the backend carries. */
	CHECK_EQ(rpc(dev, 0, cap_out), EMSGSIZE);
	CHECK_EQ(rpc(dev, PRM_SIZE(query_hca_cap_in), 15), EMSGSIZE);
	CHECK_EQ(rpc(dev, limit + 1, cap_out), EMSGSIZE);
	CHECK_EQ(rpc(dev, PRM_SIZE(query_hca_cap_in), limit + 1), EMSGSIZE);
	/*
	 * The helpers put a header around DATA: a register too long for the
	 * backend is EMSGSIZE too, also where header plus length overflows.
	 */
	CHECK_EQ(mlx5ctl_reg_read(dev, PRM_REG_PAOS, 0, out, limit & ~3ul),
		 EMSGSIZE);
	CHECK_EQ(mlx5ctl_reg_read(dev, PRM_REG_PAOS, 0, out, SIZE_MAX & ~3ul),
		 EMSGSIZE);
	/* EOPNOTSUPP: comp_mask bits the library does not know. */
	CHECK_EQ(mlx5ctl_rpc(dev, &attr, in, 16, out, cap_out), EOPNOTSUPP);
	/* EPERM: a scope above the handle's ceiling; a write below debug-write. */
	CHECK_EQ(mlx5ctl_rpc(dev, &up, in, 16, out, cap_out), EPERM);
	memset(in, 0, PRM_SIZE(access_register_in) + 16);
	PRM_SET(access_register_in, in, opcode, MLX5_CMD_OP_ACCESS_REG);
	PRM_SET(access_register_in, in, op_mod, 0);
	PRM_SET(access_register_in, in, register_id, PRM_REG_PAOS);
	CHECK_EQ(rpc(dev, PRM_SIZE(access_register_in) + 16, 64), EPERM);
	/* EBADMSG: the policy refuses it (an opcode no policy knows). */
	memset(in, 0, 16);
	PRM_SET(mbox_in, in, opcode, 0x999);
	CHECK_EQ(rpc(dev, 16, 16), EBADMSG);
	/* EREMOTEIO: firmware's bad status, in the outbox. */
	query_cap(0x7ff0 << 1);
	CHECK_EQ(rpc(dev, PRM_SIZE(query_hca_cap_in), cap_out), EREMOTEIO);
	CHECK(mlx5ctl_cmd_status(out) != 0);
	mlx5ctl_close(dev);
}

static void test_faults(void)
{
	static const struct {
		const char *spec;
		enum mlx5ctl_backend b;
		int err;
	} faults[] = {
		{ "emu:connectx7,fault=timeout", MLX5CTL_BACKEND_CTL, ETIMEDOUT },
		{ "emu:connectx7,fault=timeout", MLX5CTL_BACKEND_FWCTL, ETIMEDOUT },
		{ "emu:connectx7,fault=gone,fault_after=1", MLX5CTL_BACKEND_CTL, ENODEV },
		{ "emu:connectx7,fault=gone,fault_after=1", MLX5CTL_BACKEND_FWCTL, ENODEV },
		/* EPROTO is fwctl's alone: ctl has no length to be short. */
		{ "emu:connectx7,fault=short-output", MLX5CTL_BACKEND_FWCTL, EPROTO },
	};
	size_t i, cap_out = PRM_SIZE(mbox_out) + MLX5CTL_HCA_CAP_SIZE;

	for (i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		struct mlx5ctl_device *dev =
			open_emu(faults[i].spec, faults[i].b,
				 MLX5CTL_SCOPE_DEBUG_READ_ONLY);

		CHECK(dev != NULL);
		if (!dev)
			continue;
		query_cap(1);
		/* gone after one RPC: the first goes through. */
		if (faults[i].err == ENODEV)
			CHECK_EQ(rpc(dev, PRM_SIZE(query_hca_cap_in), cap_out), 0);
		CHECK_EQ(rpc(dev, PRM_SIZE(query_hca_cap_in), cap_out),
			 faults[i].err);
		mlx5ctl_close(dev);
	}
}

int main(void)
{
	struct mlx5ctl_device *probe = open_emu("emu:connectx7",
						MLX5CTL_BACKEND_CTL,
						MLX5CTL_SCOPE_DEBUG_READ_ONLY);

	if (!probe && errno == EPERM) {
		fprintf(stderr, "SKIP: needs CAP_SYS_ADMIN\n");
		return SKIP;
	}
	mlx5ctl_close(probe);
	test_backend(MLX5CTL_BACKEND_CTL, UINT16_MAX);
	test_backend(MLX5CTL_BACKEND_FWCTL, 2u << 20);
	test_faults();
	return check_done("test_rpc_errors");
}
