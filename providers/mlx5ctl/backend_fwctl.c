// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/* The fwctl backend: /dev/fwctl/fwctlN, FWCTL_INFO and FWCTL_RPC. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include <fwctl/fwctl.h>

#include "mlx5ctl_int.h"

static int fwctl_open(struct mlx5ctl_device *dev)
{
	struct fwctl_info_mlx5 mlx5 = {};
	struct fwctl_info info = {
		.size = sizeof(info),
		.device_data_len = sizeof(mlx5),
		.out_device_data = (uintptr_t)&mlx5,
	};
	char path[64];
	int ret = 0;

	if (!dev->fwctl[0])
		return ENODEV;
	snprintf(path, sizeof(path), "/dev/fwctl/%s", dev->fwctl);
	dev->fd = dev->sys->open(dev->sys, path, O_RDWR);
	if (dev->fd < 0)
		return errno;
	if (dev->sys->ioctl(dev->sys, dev->fd, FWCTL_INFO, &info))
		ret = errno;
	else if (info.out_device_type != FWCTL_DEVICE_TYPE_MLX5)
		ret = ENODEV;	/* a fwctl node of another driver */
	if (ret) {
		dev->sys->close(dev->sys, dev->fd);
		dev->fd = -1;
		return ret;
	}
	dev->uid = mlx5.uid;
	dev->uctx_caps = mlx5.uctx_caps;
	return 0;
}

static void fwctl_close(struct mlx5ctl_device *dev)
{
	dev->sys->close(dev->sys, dev->fd);
	dev->fd = -1;
}

static int fwctl_rpc(struct mlx5ctl_device *dev, enum mlx5ctl_scope scope,
		     const void *in, size_t inlen, void *out, size_t outlen)
{
	struct fwctl_rpc rpc = {
		.size = sizeof(rpc),
		.scope = scope,
		.in_len = inlen,
		.out_len = outlen,
		.in = (uintptr_t)in,
		.out = (uintptr_t)out,
	};

	if (inlen > FWCTL_MAX_RPC_LEN || outlen > FWCTL_MAX_RPC_LEN)
		return EMSGSIZE;
	if (dev->sys->ioctl(dev->sys, dev->fd, FWCTL_RPC, &rpc))
		return errno;
	/* The device answered less than a header: nothing to read. */
	if (rpc.out_len < MLX5CTL_CMD_HDR_LEN)
		return EPROTO;
	/*
	 * A shorter answer leaves the rest of OUT as it was: cleared here,
	 * so callers can hand in outboxes they did not clear (the typed
	 * helpers' stack mailboxes) and never read stale bytes.
	 */
	if (rpc.out_len < outlen)
		memset((uint8_t *)out + rpc.out_len, 0, outlen - rpc.out_len);
	return 0;
}

const struct mlx5ctl_backend_ops mlx5ctl_backend_fwctl = {
	.type = MLX5CTL_BACKEND_FWCTL,
	.open = fwctl_open,
	.close = fwctl_close,
	.rpc = fwctl_rpc,
	.max_msg = FWCTL_MAX_RPC_LEN,
};
