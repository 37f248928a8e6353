// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The ctl backend: the MLX5_IB_OBJECT_CTL uverbs object of our kernel
 * series, driven with RDMA_VERBS_IOCTL on the verbs command fd.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include <infiniband/verbs.h>
#include <rdma/ib_user_ioctl_verbs.h>
#include <rdma/mlx5_user_ioctl_cmds.h>
#include <rdma/mlx5_user_ioctl_verbs.h>
#include <rdma/rdma_user_ioctl.h>

#include "mlx5ctl_int.h"
#include "verbs_ioctl.h"

/* The most attributes any of our methods takes (UMEM_REG). */
#define CTL_MAX_ATTRS 6

struct ctl_cmd {
	struct verbs_ioctl cmd;
	uint64_t buf[VERBS_IOCTL_BUF_SIZE(CTL_MAX_ATTRS) / sizeof(uint64_t)];
};

static void ctl_cmd_init(struct ctl_cmd *c, uint16_t object, uint16_t method)
{
	verbs_ioctl_init(&c->cmd, c->buf, sizeof(c->buf), object, method,
			 RDMA_DRIVER_MLX5);
}

static int ctl_exec(struct mlx5ctl_device *dev, struct ctl_cmd *c)
{
	int ret = verbs_ioctl_finish(&c->cmd);

	if (ret)
		return ret;
	if (dev->sys->ioctl(dev->sys, dev->fd, RDMA_VERBS_IOCTL, c->cmd.hdr))
		return errno;
	return 0;
}

static int ctl_create(struct mlx5ctl_device *dev)
{
	struct mlx5_ib_uapi_ctl_info info = {};
	struct ctl_cmd c;
	int ret;

	ctl_cmd_init(&c, MLX5_IB_OBJECT_CTL, MLX5_IB_METHOD_CTL_CREATE);
	verbs_ioctl_idr(&c.cmd, MLX5_IB_ATTR_CTL_CREATE_HANDLE, 0);
	verbs_ioctl_u64(&c.cmd, MLX5_IB_ATTR_CTL_CREATE_SCOPE, dev->scope, true);
	verbs_ioctl_ptr_out(&c.cmd, MLX5_IB_ATTR_CTL_CREATE_INFO, &info,
			    sizeof(info), true);
	ret = ctl_exec(dev, &c);
	if (ret)
		return ret;
	ret = verbs_ioctl_idr_result(&c.cmd, MLX5_IB_ATTR_CTL_CREATE_HANDLE,
				     &dev->ctl_handle);
	if (ret)
		return ret;
	dev->uid = info.uid;
	dev->uctx_caps = info.uctx_caps;
	return 0;
}

static int ctl_open(struct mlx5ctl_device *dev)
{
	char path[64];
	int ret;

	if (dev->ibctx) {
		/* The application's context: use its fd, never close it. */
		dev->fd = dev->ibctx->cmd_fd;
	} else {
		if (!dev->uverbs[0])
			return ENODEV;
		snprintf(path, sizeof(path), "/dev/infiniband/%s", dev->uverbs);
		dev->fd = dev->sys->open(dev->sys, path, O_RDWR);
		if (dev->fd < 0)
			return errno;
	}
	ret = ctl_create(dev);
	if (ret == EPROTONOSUPPORT || ret == EOPNOTSUPP)
		mlx5ctl_set_err(dev, "%s: the kernel has no mlx5_ib control object",
				dev->ibdev);
	if (ret && !dev->ibctx) {
		dev->sys->close(dev->sys, dev->fd);
		dev->fd = -1;
	}
	return ret;
}

static void ctl_close(struct mlx5ctl_device *dev)
{
	struct ctl_cmd c;

	ctl_cmd_init(&c, MLX5_IB_OBJECT_CTL, MLX5_IB_METHOD_CTL_DESTROY);
	verbs_ioctl_idr(&c.cmd, MLX5_IB_ATTR_CTL_DESTROY_HANDLE,
			dev->ctl_handle);
	/*
	 * Closing the fd would destroy the object too; an explicit DESTROY
	 * matters when the fd is the application's and stays open.
	 */
	ctl_exec(dev, &c);
	if (!dev->ibctx)
		dev->sys->close(dev->sys, dev->fd);
	dev->fd = -1;
}

static int ctl_rpc(struct mlx5ctl_device *dev, enum mlx5ctl_scope scope,
		   const void *in, size_t inlen, void *out, size_t outlen)
{
	struct ctl_cmd c;
	int ret;

	/* A uverbs attribute's length is 16 bits: longer is not expressible. */
	if (inlen > UINT16_MAX || outlen > UINT16_MAX)
		return EMSGSIZE;
	ctl_cmd_init(&c, MLX5_IB_OBJECT_CTL, MLX5_IB_METHOD_CTL_RPC);
	verbs_ioctl_idr(&c.cmd, MLX5_IB_ATTR_CTL_RPC_HANDLE, dev->ctl_handle);
	verbs_ioctl_u64(&c.cmd, MLX5_IB_ATTR_CTL_RPC_SCOPE, scope, true);
	verbs_ioctl_ptr_in(&c.cmd, MLX5_IB_ATTR_CTL_RPC_CMD_IN, in, inlen, true);
	verbs_ioctl_ptr_out(&c.cmd, MLX5_IB_ATTR_CTL_RPC_CMD_OUT, out, outlen,
			    true);
	ret = ctl_exec(dev, &c);
	/*
	 * The verbs file of a removed device answers EIO (uverbs has
	 * disassociated it); mlx5ctl_rpc(3) says ENODEV, as fwctl does.
	 */
	return ret == EIO ? ENODEV : ret;
}

/*
 * mlx5 reports most firmware refusals of the kernel's own commands as EIO,
 * and a removed device's verbs file answers everything with EIO: a NOP
 * tells the two apart.
 */
static bool ctl_removed(struct mlx5ctl_device *dev)
{
	uint8_t in[MLX5CTL_CMD_HDR_LEN] = { 0x08, 0x0d }, out[MLX5CTL_CMD_HDR_LEN];

	return ctl_rpc(dev, dev->scope, in, sizeof(in), out, sizeof(out)) ==
	       ENODEV;
}

static int ctl_umem_reg(struct mlx5ctl_device *dev, void *addr, size_t len,
			uint32_t *handle, uint32_t *id, uint32_t *mkey)
{
	uint64_t uaddr = (uintptr_t)addr, ulen = len;
	struct ctl_cmd c;
	int ret;

	ctl_cmd_init(&c, MLX5_IB_OBJECT_CTL_UMEM, MLX5_IB_METHOD_CTL_UMEM_REG);
	verbs_ioctl_idr(&c.cmd, MLX5_IB_ATTR_CTL_UMEM_REG_HANDLE, 0);
	verbs_ioctl_idr(&c.cmd, MLX5_IB_ATTR_CTL_UMEM_REG_CTL_HANDLE,
			dev->ctl_handle);
	verbs_ioctl_ptr_in(&c.cmd, MLX5_IB_ATTR_CTL_UMEM_REG_ADDR, &uaddr,
			   sizeof(uaddr), true);
	verbs_ioctl_ptr_in(&c.cmd, MLX5_IB_ATTR_CTL_UMEM_REG_LEN, &ulen,
			   sizeof(ulen), true);
	verbs_ioctl_ptr_out(&c.cmd, MLX5_IB_ATTR_CTL_UMEM_REG_OUT_ID, id,
			    sizeof(*id), true);
	verbs_ioctl_ptr_out(&c.cmd, MLX5_IB_ATTR_CTL_UMEM_REG_OUT_MKEY, mkey,
			    sizeof(*mkey), true);
	ret = ctl_exec(dev, &c);
	if (ret == EIO && ctl_removed(dev))
		return ENODEV;
	if (ret)
		return ret;
	return verbs_ioctl_idr_result(&c.cmd, MLX5_IB_ATTR_CTL_UMEM_REG_HANDLE,
				      handle);
}

static int ctl_umem_dereg(struct mlx5ctl_device *dev, uint32_t handle)
{
	struct ctl_cmd c;

	ctl_cmd_init(&c, MLX5_IB_OBJECT_CTL_UMEM,
		     MLX5_IB_METHOD_CTL_UMEM_DEREG);
	verbs_ioctl_idr(&c.cmd, MLX5_IB_ATTR_CTL_UMEM_DEREG_HANDLE, handle);
	return ctl_exec(dev, &c);
}

const struct mlx5ctl_backend_ops mlx5ctl_backend_ctl = {
	.type = MLX5CTL_BACKEND_CTL,
	.open = ctl_open,
	.close = ctl_close,
	.rpc = ctl_rpc,
	/* A uverbs PTR attribute's length is 16 bits. */
	.max_msg = UINT16_MAX,
	.umem_reg = ctl_umem_reg,
	.umem_dereg = ctl_umem_dereg,
};
