// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The devx backend: libmlx5's DEVX general commands.  Works on every
 * kernel with mlx5_ib, but the kernel passes only the commands its
 * devx_is_general_cmd() lists; anything else fails there with a bare
 * EINVAL, so we refuse it here first with EOPNOTSUPP, which callers can
 * explain.  ACCESS_REG (0x805) is not among them: no register reads.
 *
 * libmlx5 is loaded when a devx handle is first opened, not linked: every
 * other program (and the tool at each start) would pay for mapping and
 * relocating it, about a fifth of the tool's start-up.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <infiniband/mlx5dv.h>
#include <infiniband/verbs.h>

#include "mlx5ctl_int.h"
#include "prm.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Opcodes the 6.12 kernel's devx_is_general_cmd() accepts by name. */
static const uint16_t devx_general_opcodes[] = {
	0x100,	/* QUERY_HCA_CAP */
	0x101,	/* QUERY_ADAPTER */
	0x10a,	/* QUERY_ISSI */
	0x740,	/* QUERY_ESW_FUNCTIONS */
	0x750,	/* QUERY_VPORT_STATE */
	0x752,	/* QUERY_ESW_VPORT_CONTEXT */
	0x754,	/* QUERY_NIC_VPORT_CONTEXT */
	0x760,	/* QUERY_ROCE_ADDRESS */
	0x762,	/* QUERY_HCA_VPORT_CONTEXT */
	0x76f,	/* QUERY_VNIC_ENV */
	0x770,	/* QUERY_VPORT_COUNTER */
	0x80a,	/* GET_DROPPED_PACKET_LOG */
	0x80d,	/* NOP */
	0x822,	/* QUERY_CONG_STATUS */
	0x824,	/* QUERY_CONG_PARAMS */
	0x826,	/* QUERY_CONG_STATISTICS */
	0x842,	/* QUERY_LAG */
};

/* ... and the general-object range [0xb00, 0xd00). */
#define DEVX_GENERAL_START 0xb00
#define DEVX_GENERAL_END 0xd00

bool mlx5ctl_devx_allows(uint16_t opcode)
{
	size_t i;

	if (opcode >= DEVX_GENERAL_START && opcode < DEVX_GENERAL_END)
		return true;
	for (i = 0; i < ARRAY_SIZE(devx_general_opcodes); i++)
		if (devx_general_opcodes[i] == opcode)
			return true;
	return false;
}

static struct {
	bool (*is_supported)(struct ibv_device *device);
	struct ibv_context *(*open_device)(struct ibv_device *device,
					   struct mlx5dv_context_attr *attr);
	int (*general_cmd)(struct ibv_context *context, const void *in,
			   size_t inlen, void *out, size_t outlen);
} mlx5dv;
static pthread_once_t mlx5dv_once = PTHREAD_ONCE_INIT;

/* Kept loaded for the life of the process, as libibverbs keeps it. */
static void mlx5dv_load(void)
{
	void *h = dlopen("libmlx5.so.1", RTLD_NOW | RTLD_LOCAL);

	if (!h)
		return;
	mlx5dv.is_supported = dlsym(h, "mlx5dv_is_supported");
	mlx5dv.open_device = dlsym(h, "mlx5dv_open_device");
	mlx5dv.general_cmd = dlsym(h, "mlx5dv_devx_general_cmd");
}

static int devx_load(struct mlx5ctl_device *dev)
{
	pthread_once(&mlx5dv_once, mlx5dv_load);
	if (mlx5dv.is_supported && mlx5dv.open_device && mlx5dv.general_cmd)
		return 0;
	mlx5ctl_set_err(dev, "devx needs libmlx5.so.1 (rdma-core's mlx5 provider)");
	return EOPNOTSUPP;
}

static int devx_open(struct mlx5ctl_device *dev)
{
	struct mlx5dv_context_attr attr = {
		.flags = MLX5DV_CONTEXT_FLAGS_DEVX,
	};
	struct ibv_device **list, *found = NULL;
	int i, n;

	/* DEVX lives in libmlx5 and needs a real kernel under it. */
	if (dev->sys != &mlx5ctl_sys_kernel) {
		mlx5ctl_set_err(dev, "the emulator is reached through the ctl or fwctl backend, not devx");
		return EOPNOTSUPP;
	}
	if (devx_load(dev))
		return EOPNOTSUPP;
	if (dev->ibctx)
		return 0;
	if (!dev->ibdev[0])
		return ENODEV;
	list = ibv_get_device_list(&n);
	if (!list)
		return errno;
	for (i = 0; i < n && !found; i++)
		if (!strcmp(ibv_get_device_name(list[i]), dev->ibdev))
			found = list[i];
	if (!found) {
		ibv_free_device_list(list);
		return ENODEV;
	}
	if (!mlx5dv.is_supported(found)) {
		ibv_free_device_list(list);
		return ENODEV;
	}
	dev->ibctx = mlx5dv.open_device(found, &attr);
	ibv_free_device_list(list);
	if (!dev->ibctx)
		return errno ? errno : EOPNOTSUPP;
	dev->own_ibctx = true;
	return 0;
}

static void devx_close(struct mlx5ctl_device *dev)
{
	if (dev->own_ibctx)
		ibv_close_device(dev->ibctx);
	dev->ibctx = NULL;
	dev->own_ibctx = false;
}

static int devx_rpc(struct mlx5ctl_device *dev, enum mlx5ctl_scope scope,
		    const void *in, size_t inlen, void *out, size_t outlen)
{
	int ret;

	if (!mlx5ctl_devx_allows(PRM_GET(mbox_in, in, opcode)))
		return EOPNOTSUPP;
	ret = mlx5dv.general_cmd(dev->ibctx, in, inlen, out, outlen);
	/*
	 * libmlx5 reports a firmware status as an errno; the outbox still
	 * holds it, which is what callers read.
	 */
	if (ret && mlx5ctl_cmd_status(out))
		return 0;
	return ret < 0 ? -ret : ret;
}

const struct mlx5ctl_backend_ops mlx5ctl_backend_devx = {
	.type = MLX5CTL_BACKEND_DEVX,
	.open = devx_open,
	.close = devx_close,
	.rpc = devx_rpc,
	/* DEVX's mailboxes are uverbs PTR attributes too: 16-bit lengths. */
	.max_msg = UINT16_MAX,
};
