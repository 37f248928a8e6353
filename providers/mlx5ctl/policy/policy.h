/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * The RPC policies of the two kernels the library talks to, as decisions:
 * the lowest scope (enum mlx5ctl_scope's numbers) the command in IN needs,
 * or -1 when it is refused at every scope.
 */
#ifndef MLX5CTL_POLICY_H
#define MLX5CTL_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int mlx5ctl_policy_ctl(const void *in, size_t inlen);	/* ours */
int mlx5ctl_policy_fwctl(const void *in, size_t inlen);	/* fwctl/mlx5 */

/* Host memory a dump command makes firmware write to. */
struct mlx5ctl_dump_target {
	uint32_t mkey;
	uint32_t size;
	uint64_t addr;
};

/*
 * Whether the command in IN makes firmware write a dump to host memory
 * (a RESOURCE_DUMP read without inline_dump, a CORE_DUMP read of type
 * cr_dump_to_mem, either with an mkey), and where.  The ctl kernel lets
 * such a command through only when *T lies inside a UMEM of the object.
 */
bool mlx5ctl_policy_dump_target(const void *in, size_t inlen,
				struct mlx5ctl_dump_target *t);

#endif
