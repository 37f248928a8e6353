// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl_set_rpc_observer(): what its man page promises - every command,
 * helpers included, with its inbox, outbox and result, refusals too; NULL
 * stops it.  Against the emulated device through the public library.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <infiniband/mlx5ctl.h>

#include "../check.h"
#include "opcodes.h"
#include "prm.h"

#define SKIP 77

struct seen {
	unsigned int n;
	uint16_t opcode, op_mod;
	size_t inlen, outlen;
	int ret;
	uint8_t status;
};

static void observe(void *ctx, const void *in, size_t inlen, const void *out,
		    size_t outlen, int ret)
{
	struct seen *s = ctx;

	s->n++;
	s->opcode = PRM_GET(mbox_in, in, opcode);
	s->op_mod = PRM_GET(mbox_in, in, op_mod);
	s->inlen = inlen;
	s->outlen = outlen;
	s->ret = ret;
	s->status = ret == EREMOTEIO || !ret ? mlx5ctl_cmd_status(out) : 0xff;
}

static void test_helpers_and_refusals(struct mlx5ctl_device *dev)
{
	uint8_t cap[MLX5CTL_HCA_CAP_SIZE], reg[PRM_SIZE(mtmp_reg)] = {};
	struct seen s = {};

	mlx5ctl_set_rpc_observer(dev, observe, &s);
	CHECK_EQ(mlx5ctl_query_hca_cap(dev, 0, MLX5CTL_CAP_CUR, cap,
				       sizeof(cap)), 0);
	CHECK_EQ(s.n, 1);
	CHECK_EQ(s.opcode, MLX5_CMD_OP_QUERY_HCA_CAP);
	CHECK_EQ(s.op_mod, MLX5CTL_CAP_CUR);
	CHECK_EQ(s.outlen, PRM_SIZE(mbox_out) + MLX5CTL_HCA_CAP_SIZE);
	CHECK_EQ(s.ret, 0);

	CHECK_EQ(mlx5ctl_reg_read(dev, PRM_REG_MTMP, 0, reg, sizeof(reg)), 0);
	CHECK_EQ(s.n, 2);
	CHECK_EQ(s.opcode, MLX5_CMD_OP_ACCESS_REG);
	CHECK_EQ(s.inlen, PRM_SIZE(access_register_in) + sizeof(reg));

	/* Refused by the library (a write below debug-write): observed. */
	CHECK_EQ(mlx5ctl_reg_write(dev, PRM_REG_MTMP, 0, reg, sizeof(reg)),
		 EPERM);
	CHECK_EQ(s.n, 3);
	CHECK_EQ(s.ret, EPERM);

	/* Refused by firmware: observed with the answer's status. */
	CHECK_EQ(mlx5ctl_query_hca_cap(dev, 0x7ff0, MLX5CTL_CAP_CUR, cap,
				       sizeof(cap)), EREMOTEIO);
	CHECK_EQ(s.n, 4);
	CHECK_EQ(s.ret, EREMOTEIO);
	CHECK(s.status != 0 && s.status != 0xff);

	/* Argument errors send nothing and are not commands. */
	CHECK_EQ(mlx5ctl_rpc(dev, NULL, NULL, 0, cap, sizeof(cap)), EINVAL);
	CHECK_EQ(s.n, 4);

	mlx5ctl_set_rpc_observer(dev, NULL, &s);
	CHECK_EQ(mlx5ctl_query_hca_cap(dev, 0, MLX5CTL_CAP_MAX, cap,
				       sizeof(cap)), 0);
	CHECK_EQ(s.n, 4);
	mlx5ctl_set_rpc_observer(NULL, observe, &s);
}

int main(void)
{
	static const enum mlx5ctl_backend backends[] = {
		MLX5CTL_BACKEND_CTL, MLX5CTL_BACKEND_FWCTL,
	};
	size_t i;

	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
		struct mlx5ctl_open_attr attr = {
			.comp_mask = MLX5CTL_OPEN_ATTR_BACKEND,
			.backend = backends[i],
		};
		struct mlx5ctl_device *dev = mlx5ctl_open("emu:connectx7",
							  &attr);

		if (!dev && errno == EPERM) {
			fprintf(stderr, "SKIP: needs CAP_SYS_ADMIN\n");
			return SKIP;
		}
		CHECK(dev != NULL);
		if (dev)
			test_helpers_and_refusals(dev);
		mlx5ctl_close(dev);
	}
	return check_done("test_observer");
}
