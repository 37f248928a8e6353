/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR Linux-OpenIB) */
/*
 * The fwctl uAPI (Linux >= 6.15), declared here because distributions with
 * older kernel headers (Debian 12 ships 6.1) lack <fwctl/fwctl.h>.  Layouts
 * and numbers are the kernel ABI and must never change.
 */
#ifndef MLX5CTL_FWCTL_UAPI_H
#define MLX5CTL_FWCTL_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define FWCTL_TYPE 0x9A

enum {
	FWCTL_CMD_BASE = 0,
	FWCTL_CMD_INFO = 0,
	FWCTL_CMD_RPC = 1,
};

enum fwctl_device_type {
	FWCTL_DEVICE_TYPE_ERROR = 0,
	FWCTL_DEVICE_TYPE_MLX5 = 1,
};

struct fwctl_info {
	__u32 size;
	__u32 flags;
	__u32 out_device_type;
	__u32 device_data_len;
	__aligned_u64 out_device_data;
};
#define FWCTL_INFO _IO(FWCTL_TYPE, FWCTL_CMD_INFO)

enum fwctl_rpc_scope {
	FWCTL_RPC_CONFIGURATION = 0,
	FWCTL_RPC_DEBUG_READ_ONLY = 1,
	FWCTL_RPC_DEBUG_WRITE = 2,
	FWCTL_RPC_DEBUG_WRITE_FULL = 3,
};

/*
 * Any errno means the RPC was not delivered; a firmware status travels in
 * the outbox with a 0 return.
 */
struct fwctl_rpc {
	__u32 size;
	__u32 scope;
	__u32 in_len;
	__u32 out_len;
	__aligned_u64 in;
	__aligned_u64 out;
};
#define FWCTL_RPC _IO(FWCTL_TYPE, FWCTL_CMD_RPC)

/* Largest inbox or outbox the fwctl core accepts. */
#define FWCTL_MAX_RPC_LEN (2U * 1024 * 1024)

/* out_device_data of FWCTL_INFO for FWCTL_DEVICE_TYPE_MLX5. */
struct fwctl_info_mlx5 {
	__u32 uid;
	__u32 uctx_caps;
};

#endif
