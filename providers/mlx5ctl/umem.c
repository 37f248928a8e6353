// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * User memory firmware writes into (UMEM): outputs larger than an RPC
 * outbox, such as resource and core dumps, land there directly.  The
 * kernel pins the pages, creates the firmware UMEM and an mkey over it
 * under the channel's uid, and frees all of them with the object, so
 * nothing outlives the process.
 */
#include <errno.h>
#include <stdlib.h>

#include "mlx5ctl_int.h"

struct mlx5ctl_umem {
	struct mlx5ctl_device *dev;
	uint32_t handle;	/* the kernel object */
	uint32_t id;		/* firmware umem_id */
	uint32_t mkey;		/* the key over it that dump commands name */
};

struct mlx5ctl_umem *mlx5ctl_umem_reg(struct mlx5ctl_device *dev, void *addr,
				      size_t len)
{
	struct mlx5ctl_umem *umem;
	int ret;

	if (!dev || !addr || !len) {
		errno = EINVAL;
		return NULL;
	}
	/* fwctl and devx have no way to pin memory for firmware. */
	if (!dev->ops->umem_reg) {
		errno = EOPNOTSUPP;
		return NULL;
	}
	umem = calloc(1, sizeof(*umem));
	if (!umem)
		return NULL;
	ret = dev->ops->umem_reg(dev, addr, len, &umem->handle, &umem->id,
				 &umem->mkey);
	if (ret) {
		free(umem);
		errno = ret;
		return NULL;
	}
	umem->dev = dev;
	return umem;
}

int mlx5ctl_umem_dereg(struct mlx5ctl_umem *umem)
{
	int ret;

	if (!umem)
		return 0;
	ret = umem->dev->ops->umem_dereg(umem->dev, umem->handle);
	free(umem);
	return ret;
}

uint32_t mlx5ctl_umem_id(const struct mlx5ctl_umem *umem)
{
	return umem ? umem->id : 0;
}

uint32_t mlx5ctl_umem_mkey(const struct mlx5ctl_umem *umem)
{
	return umem ? umem->mkey : 0;
}
