/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * The scopes by the names policy.def writes them, for the files that
 * expand it (policy.c, the kernel fuzzer's reference): bare names, so
 * kept out of policy.h and the files that only call the policies.
 */
#ifndef MLX5CTL_POLICY_SCOPES_H
#define MLX5CTL_POLICY_SCOPES_H

#include <rdma/mlx5_user_ioctl_verbs.h>

/* REFUSED: at every scope. */
enum mlx5ctl_policy_scope {
	CONFIGURATION = MLX5_IB_UAPI_CTL_SCOPE_CONFIGURATION,
	DEBUG_READ_ONLY = MLX5_IB_UAPI_CTL_SCOPE_DEBUG_READ_ONLY,
	DEBUG_WRITE = MLX5_IB_UAPI_CTL_SCOPE_DEBUG_WRITE,
	DEBUG_WRITE_FULL = MLX5_IB_UAPI_CTL_SCOPE_DEBUG_WRITE_FULL,
	REFUSED = -1,
};

#endif
