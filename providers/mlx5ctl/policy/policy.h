/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * The RPC policies of the two kernels the library talks to, as decisions:
 * the lowest scope (enum mlx5ctl_scope's numbers) the command in IN needs,
 * or -1 when it is refused at every scope.
 */
#ifndef MLX5CTL_POLICY_H
#define MLX5CTL_POLICY_H

#include <stddef.h>

int mlx5ctl_policy_ctl(const void *in, size_t inlen);	/* ours */
int mlx5ctl_policy_fwctl(const void *in, size_t inlen);	/* fwctl/mlx5 */

#endif
