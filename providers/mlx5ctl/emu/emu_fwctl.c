// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The emulator's fwctl: FWCTL_INFO and FWCTL_RPC with the checks and
 * errnos of drivers/fwctl/main.c and drivers/fwctl/mlx5/main.c.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <fwctl/fwctl.h>
#include <rdma/mlx5_user_ioctl_cmds.h>
#include <rdma/mlx5_user_ioctl_verbs.h>

#include "emu_kernel.h"
#include "policy.h"
#include "prm.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

int emu_fwctl_open(struct emu_kernel *k, struct emu_file *f)
{
	uint32_t caps = 0;
	int ret;

	/* mlx5 fwctl grants TOOLS_RESOURCES when firmware offers it. */
	if (emu_capable(EMU_CAP_SYS_RAWIO))
		caps |= emu_kernel_fw_uctx_caps(k) &
			PRM_UCTX_CAP_TOOLS_RESOURCES;
	ret = emu_kernel_create_uctx(k, caps, &f->uid);
	if (ret)
		return ret;
	f->caps = caps;
	return 0;
}

void emu_fwctl_release(struct emu_kernel *k, struct emu_file *f)
{
	emu_kernel_destroy_uctx(k, f->uid);
}

static int fwctl_info(struct emu_kernel *k, struct emu_file *f, void *cmd)
{
	struct fwctl_info *info = cmd;
	struct fwctl_info_mlx5 mlx5 = { .uid = f->uid, .uctx_caps = f->caps };

	if (info->flags)
		return EOPNOTSUPP;
	if (info->device_data_len) {
		uint8_t *dst = (uint8_t *)(uintptr_t)info->out_device_data;
		size_t n = info->device_data_len < sizeof(mlx5) ?
				   info->device_data_len : sizeof(mlx5);

		/* copy_to_user_zero_pad() */
		memcpy(dst, &mlx5, n);
		memset(dst + n, 0, info->device_data_len - n);
	}
	info->out_device_type = FWCTL_DEVICE_TYPE_MLX5;
	info->device_data_len = sizeof(mlx5);
	return 0;
}

static int fwctl_rpc(struct emu_kernel *k, struct emu_file *f, void *cmd)
{
	struct fwctl_rpc *rpc = cmd;
	const void *in = (const void *)(uintptr_t)rpc->in;
	size_t produced;
	int lowest, ret;

	if (rpc->in_len > FWCTL_MAX_RPC_LEN || rpc->out_len > FWCTL_MAX_RPC_LEN)
		return EMSGSIZE;
	switch (rpc->scope) {
	case FWCTL_RPC_CONFIGURATION:
	case FWCTL_RPC_DEBUG_READ_ONLY:
		break;
	case FWCTL_RPC_DEBUG_WRITE_FULL:
		if (!emu_capable(EMU_CAP_SYS_RAWIO))
			return EPERM;
		/* fallthrough */
	case FWCTL_RPC_DEBUG_WRITE:
		/* fwctl taints by the scope asked for, whatever the command. */
		emu_kernel_taint(k);
		break;
	default:
		return EOPNOTSUPP;
	}
	/* mlx5's fw_rpc(): both headers, then mlx5ctl_validate_rpc(). */
	if (rpc->in_len < PRM_SIZE(mbox_in) ||
	    rpc->out_len < PRM_SIZE(mbox_out))
		return EMSGSIZE;
	lowest = mlx5ctl_policy_fwctl(in, rpc->in_len);
	if (lowest < 0 || rpc->scope < (uint32_t)lowest)
		return EBADMSG;
	ret = emu_kernel_rpc(k, f->uid, in, rpc->in_len,
			     (void *)(uintptr_t)rpc->out, rpc->out_len,
			     &produced);
	if (ret)
		return ret;
	rpc->out_len = produced;
	return 0;
}

struct fwctl_op {
	unsigned long req;
	size_t size;		/* the kernel's struct */
	size_t min_size;	/* offsetofend of its last required field */
	int (*execute)(struct emu_kernel *k, struct emu_file *f, void *cmd);
};

static const struct fwctl_op fwctl_ops[] = {
	[FWCTL_CMD_INFO] = { FWCTL_INFO, sizeof(struct fwctl_info),
			     sizeof(struct fwctl_info), fwctl_info },
	[FWCTL_CMD_RPC] = { FWCTL_RPC, sizeof(struct fwctl_rpc),
			    sizeof(struct fwctl_rpc), fwctl_rpc },
};

/* copy_struct_from_user(): a longer user struct must have a zero tail. */
static int tail_is_zero(const uint8_t *p, size_t from, size_t to)
{
	for (; from < to; from++)
		if (p[from])
			return 0;
	return 1;
}

int emu_fwctl_ioctl(struct emu_kernel *k, struct emu_file *f,
		    unsigned long req, void *arg)
{
	union {
		struct fwctl_info info;
		struct fwctl_rpc rpc;
	} buf = {};
	const struct fwctl_op *op;
	unsigned int nr = _IOC_NR(req);
	uint32_t user_size;
	int ret;

	if (_IOC_TYPE(req) != FWCTL_TYPE || nr >= ARRAY_SIZE(fwctl_ops) ||
	    fwctl_ops[nr].req != req)
		return ENOTTY;
	op = &fwctl_ops[nr];
	if (!arg)
		return EFAULT;
	memcpy(&user_size, arg, sizeof(user_size));
	if (user_size < op->min_size)
		return EINVAL;
	if (user_size > op->size && !tail_is_zero(arg, op->size, user_size))
		return E2BIG;
	memcpy(&buf, arg, op->size);
	if (emu_kernel_gone(k))
		return ENODEV;
	ret = op->execute(k, f, &buf);
	if (ret)
		return ret;
	/* ucmd_respond(): write back what both sides know of the struct. */
	memcpy(arg, &buf, user_size < op->size ? user_size : op->size);
	return 0;
}
