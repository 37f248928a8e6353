/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/* Library internals shared by the core, the backends and the emulator. */
#ifndef MLX5CTL_INT_H
#define MLX5CTL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <infiniband/mlx5ctl.h>

#include "sys.h"


/* PRM command headers: 16 bytes in, 16 bytes out. */
#define MLX5CTL_CMD_HDR_LEN 16

struct mlx5ctl_backend_ops {
	enum mlx5ctl_backend type;
	/* The longest inbox or outbox the kernel interface carries. */
	size_t max_msg;
	/* Bring up the channel: fds, firmware user context, dev->uid/caps. */
	int (*open)(struct mlx5ctl_device *dev);
	void (*close)(struct mlx5ctl_device *dev);
	/*
	 * One command.  Return 0 when the outbox is valid (whatever the
	 * firmware status in it), or a positive errno.
	 */
	int (*rpc)(struct mlx5ctl_device *dev, enum mlx5ctl_scope scope,
		   const void *in, size_t inlen, void *out, size_t outlen);
	/*
	 * Optional: pin LEN bytes at ADDR and make them a firmware UMEM and an
	 * mkey over it under the channel's uid (*HANDLE: the kernel object,
	 * *ID: the umem_id, *MKEY: the key dump commands name).  NULL where the
	 * kernel interface has no UMEM.
	 */
	int (*umem_reg)(struct mlx5ctl_device *dev, void *addr, size_t len,
			uint32_t *handle, uint32_t *id, uint32_t *mkey);
	int (*umem_dereg)(struct mlx5ctl_device *dev, uint32_t handle);
};

extern const struct mlx5ctl_backend_ops mlx5ctl_backend_ctl;
extern const struct mlx5ctl_backend_ops mlx5ctl_backend_fwctl;
extern const struct mlx5ctl_backend_ops mlx5ctl_backend_devx;

/*
 * A handle.  Open fills it in and nothing changes it until close but
 * mlx5ctl_set_rpc_observer(), which mlx5ctl(7) keeps out of the time
 * threads share the handle: commands read it without a lock, and the
 * kernel (uverbs, fwctl) runs the ioctls of several threads on one fd.
 */
struct mlx5ctl_device {
	const struct mlx5ctl_backend_ops *ops;
	struct mlx5ctl_sys *sys;	/* kernel or emulator */
	struct ibv_context *ibctx;	/* held by the caller or by devx/ctl */
	bool own_ibctx;
	enum mlx5ctl_scope scope;
	uint32_t uid;
	uint32_t uctx_caps;
	uint32_t flags;			/* enum mlx5ctl_info_flags */
	uint16_t vendor_id;
	uint16_t device_id;
	char fw_version[32];
	int fd;				/* uverbs cmd fd or fwctl fd */
	uint32_t ctl_handle;		/* uverbs IDR of the CTL object */
	void *backend_priv;
	char name[64];
	char ibdev[64];
	char pci[32];
	char netdev[32];
	char fwctl[32];			/* "fwctl0" */
	char uverbs[32];		/* "uverbs0" */
	char err[256];			/* why an open failed, for people */
	mlx5ctl_rpc_observer observer;	/* mlx5ctl_set_rpc_observer() */
	void *observer_ctx;
};

/* Whether the kernel's DEVX general-command filter passes OPCODE. */
bool mlx5ctl_devx_allows(uint16_t opcode);

/* Say why an open failed, for people; the first reason given stays. */
void mlx5ctl_set_err(struct mlx5ctl_device *dev, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Fill DEV's names from sysfs (real) or the emulator's identity. */
int mlx5ctl_resolve(struct mlx5ctl_device *dev, const char *name);

struct emu_plugin;
/* The emulator, loaded on first use; NULL with the reason in ERR. */
const struct emu_plugin *mlx5ctl_emu_get(char *err, size_t errlen);

#endif
