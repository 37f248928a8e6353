// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Print the value of every name in uapi_names.h, one "key value" line each.
 *
 * Built twice, as separate programs: without FROM_KERNEL_TREE against the
 * userspace copy in kernel-headers/rdma/, with it against the headers the
 * patched kernel installs.  A name missing on either side fails the build,
 * which names it.
 */
#include <stddef.h>
#include <stdio.h>

#ifdef FROM_KERNEL_TREE
#include <rdma/mlx5_user_ioctl_cmds.h>
#include <rdma/mlx5_user_ioctl_verbs.h>

/* The copy promises the objects are appended after STEERING_ANCHOR. */
_Static_assert(MLX5_IB_OBJECT_CTL == MLX5_IB_OBJECT_STEERING_ANCHOR + 1,
	       "MLX5_IB_OBJECT_CTL does not follow MLX5_IB_OBJECT_STEERING_ANCHOR");
#else
#include <rdma/mlx5_user_ioctl_cmds.h>
#include <rdma/mlx5_user_ioctl_verbs.h>
#endif

int main(void)
{
#define UAPI_CONST(n) \
	printf("%s 0x%llx\n", #n, (unsigned long long)(n));
#define UAPI_STRUCT(s) \
	printf("sizeof(struct_%s) %zu\n", #s, sizeof(struct s));
#define UAPI_MEMBER(s, m)                                                 \
	printf("offsetof(struct_%s,%s) %zu\n", #s, #m,                   \
	       offsetof(struct s, m));                                    \
	printf("sizeof(struct_%s.%s) %zu\n", #s, #m,                      \
	       sizeof(((struct s *)0)->m));
#include "uapi_names.h"
	return 0;
}
