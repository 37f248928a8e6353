/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * A handle as mlx5ctl_open() leaves it just before the backend's open,
 * over a seam of the test's own: for tests that drive the encoders
 * without the emulator (test_encoders, test_rpc_malloc).
 */
#ifndef MLX5CTL_TESTS_FAKE_DEV_H
#define MLX5CTL_TESTS_FAKE_DEV_H

#include <stdio.h>
#include <string.h>

#include "mlx5ctl_int.h"

static inline void fake_dev_init(struct mlx5ctl_device *dev,
				 struct mlx5ctl_sys *sys,
				 const struct mlx5ctl_backend_ops *ops,
				 enum mlx5ctl_scope scope, unsigned int uverbs,
				 unsigned int fwctl)
{
	memset(dev, 0, sizeof(*dev));
	dev->sys = sys;
	dev->ops = ops;
	dev->fd = -1;
	dev->scope = scope;
	snprintf(dev->uverbs, sizeof(dev->uverbs), "uverbs%u", uverbs);
	snprintf(dev->fwctl, sizeof(dev->fwctl), "fwctl%u", fwctl);
}

#endif
