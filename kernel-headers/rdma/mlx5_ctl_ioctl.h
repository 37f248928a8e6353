/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR Linux-OpenIB) */
/*
 * Userspace copy of the mlx5_ib control-object uAPI that kernel-patches/
 * adds to include/uapi/rdma/mlx5_user_ioctl_{cmds,verbs}.h.
 *
 * Scopes travel as UVERBS_ATTR_CONST_IN, i.e. a u64 inline in attr.data,
 * as rdma-core's fill_attr_const_in() sends them.
 *
 * Only our additions live here, with explicit values, so this header can be
 * used with any installed rdma-core.  tests/kernel/uapi_check compiles the
 * same names against the patched kernel tree and fails on any difference.
 */
#ifndef MLX5_CTL_IOCTL_H
#define MLX5_CTL_IOCTL_H

#include <linux/types.h>
#include <rdma/ib_user_ioctl_cmds.h>

/*
 * Appended to enum mlx5_ib_objects after MLX5_IB_OBJECT_STEERING_ANCHOR
 * (0x1009 in Linux 6.12).
 */
enum mlx5_ib_ctl_objects {
	MLX5_IB_OBJECT_CTL = (1U << UVERBS_ID_NS_SHIFT) + 10,
	MLX5_IB_OBJECT_CTL_UMEM,
};

enum mlx5_ib_ctl_methods {
	MLX5_IB_METHOD_CTL_CREATE = (1U << UVERBS_ID_NS_SHIFT),
	MLX5_IB_METHOD_CTL_DESTROY,
	MLX5_IB_METHOD_CTL_RPC,
};

enum mlx5_ib_ctl_create_attrs {
	MLX5_IB_ATTR_CTL_CREATE_HANDLE = (1U << UVERBS_ID_NS_SHIFT),
	MLX5_IB_ATTR_CTL_CREATE_SCOPE,		/* const in (u64 inline): ceiling */
	MLX5_IB_ATTR_CTL_CREATE_INFO,		/* ptr out: struct mlx5_ib_ctl_info */
};

enum mlx5_ib_ctl_destroy_attrs {
	MLX5_IB_ATTR_CTL_DESTROY_HANDLE = (1U << UVERBS_ID_NS_SHIFT),
};

enum mlx5_ib_ctl_rpc_attrs {
	MLX5_IB_ATTR_CTL_RPC_HANDLE = (1U << UVERBS_ID_NS_SHIFT),
	MLX5_IB_ATTR_CTL_RPC_SCOPE,		/* const in (u64 inline): scope */
	MLX5_IB_ATTR_CTL_RPC_CMD_IN,		/* ptr in, >= 16 bytes: PRM inbox */
	MLX5_IB_ATTR_CTL_RPC_CMD_OUT,		/* ptr out, >= 16 bytes: outbox */
};

enum mlx5_ib_ctl_umem_methods {
	MLX5_IB_METHOD_CTL_UMEM_REG = (1U << UVERBS_ID_NS_SHIFT),
	MLX5_IB_METHOD_CTL_UMEM_DEREG,
};

enum mlx5_ib_ctl_umem_reg_attrs {
	MLX5_IB_ATTR_CTL_UMEM_REG_HANDLE = (1U << UVERBS_ID_NS_SHIFT),
	MLX5_IB_ATTR_CTL_UMEM_REG_CTL_HANDLE,	/* IDR of the owning CTL */
	MLX5_IB_ATTR_CTL_UMEM_REG_ADDR,		/* ptr in u64: user virtual address */
	MLX5_IB_ATTR_CTL_UMEM_REG_LEN,		/* ptr in u64: length in bytes */
	MLX5_IB_ATTR_CTL_UMEM_REG_OUT_ID,	/* ptr out u32: firmware umem id */
};

enum mlx5_ib_ctl_umem_dereg_attrs {
	MLX5_IB_ATTR_CTL_UMEM_DEREG_HANDLE = (1U << UVERBS_ID_NS_SHIFT),
};

/* Same numbering as enum fwctl_rpc_scope so tools can share one table. */
enum mlx5_ib_ctl_scope {
	MLX5_IB_CTL_SCOPE_CONFIGURATION = 0,
	MLX5_IB_CTL_SCOPE_DEBUG_READ_ONLY = 1,
	MLX5_IB_CTL_SCOPE_DEBUG_WRITE = 2,
	MLX5_IB_CTL_SCOPE_DEBUG_WRITE_FULL = 3,
};

struct mlx5_ib_ctl_info {
	__u32 uid;		/* firmware user context stamped on every RPC */
	__u32 uctx_caps;	/* MLX5_UCTX_CAP_* granted to that context */
	__u32 max_scope;	/* enum mlx5_ib_ctl_scope ceiling accepted */
	__u32 reserved;
};

#endif /* MLX5_CTL_IOCTL_H */
