// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/* Raw RPC and the typed helpers built on it. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mbox.h"
#include "mlx5ctl_int.h"
#include "opcodes.h"
#include "prm.h"

/* ACCESS_REG or ACCESS_REGISTER_USER with anything but op_mod 1 (read). */
static bool is_reg_write(const void *in)
{
	uint16_t opcode = MBOX_GET16(mbox_in, in, opcode);

	return (opcode == MLX5_CMD_OP_ACCESS_REG ||
		opcode == MLX5_CMD_OP_ACCESS_REGISTER_USER) &&
	       MBOX_GET16(mbox_in, in, op_mod) != 1;
}

/*
 * Plain stores: the observer is set before threads share the handle
 * (mlx5ctl(7), THREADS), and a lock every command would take, for a
 * hook set once, would tax every caller of a shared handle.
 */
void mlx5ctl_set_rpc_observer(struct mlx5ctl_device *dev,
			      mlx5ctl_rpc_observer fn, void *ctx)
{
	if (!dev)
		return;
	dev->observer = fn;
	dev->observer_ctx = ctx;
}

static int send_rpc(struct mlx5ctl_device *dev,
		    const struct mlx5ctl_rpc_attr *attr, const void *in,
		    size_t inlen, void *out, size_t outlen)
{
	enum mlx5ctl_scope scope;
	int ret;

	if (attr && (attr->comp_mask & ~(uint64_t)MLX5CTL_RPC_ATTR_SCOPE))
		return EOPNOTSUPP;
	scope = dev->scope;
	if (attr && (attr->comp_mask & MLX5CTL_RPC_ATTR_SCOPE))
		scope = attr->scope;
	/* Both headers are needed to say anything about the result. */
	if (inlen < PRM_SIZE(mbox_in) || outlen < PRM_SIZE(mbox_out) ||
	    inlen > dev->ops->max_msg || outlen > dev->ops->max_msg)
		return EMSGSIZE;
	/*
	 * The handle's ceiling holds on every backend, not only where our
	 * kernel object enforces it; and fwctl/mlx5 passes register writes
	 * at configuration, so a handle below debug-write never sends one.
	 */
	if (scope > dev->scope ||
	    (is_reg_write(in) && scope < MLX5CTL_SCOPE_DEBUG_WRITE))
		return EPERM;
	ret = dev->ops->rpc(dev, scope, in, inlen, out, outlen);
	if (ret)
		return ret;
	return MBOX_GET8(mbox_out, out, status) ? EREMOTEIO : 0;
}

int mlx5ctl_rpc(struct mlx5ctl_device *dev, const struct mlx5ctl_rpc_attr *attr,
		const void *in, size_t inlen, void *out, size_t outlen)
{
	int ret;

	if (!dev || !in || !out)
		return EINVAL;
	ret = send_rpc(dev, attr, in, inlen, out, outlen);
	if (dev->observer)
		dev->observer(dev->observer_ctx, in, inlen, out, outlen, ret);
	return ret;
}

/*
 * Whether a mailbox of a HDR-byte header and LEN bytes fits the backend.
 * The helpers ask before they build one: a huge length is EMSGSIZE at
 * once, as mlx5ctl_rpc() would answer, never an allocation of that size.
 */
static bool fits(const struct mlx5ctl_device *dev, size_t hdr, size_t len)
{
	return len <= dev->ops->max_msg - hdr;
}

/*
 * The typed helpers' mailboxes live on the stack, so a command costs no
 * heap allocation: outputs up to a capability page, inputs up to
 * REG_STACK_MAX bytes of register (four times the largest of the PRM,
 * PPCNT and PDDR at 256).  Longer ones, which the helpers accept up to
 * the backend's limit, take a heap mailbox.
 */
#define OUT_STACK_MAX MLX5CTL_HCA_CAP_SIZE
#define REG_STACK_MAX 1024

static void *mailbox(void *stack, size_t size, size_t len)
{
	return len <= size ? stack : malloc(len);
}

static void mailbox_put(void *box, const void *stack)
{
	if (box != stack)
		free(box);
}

/*
 * A command whose output is a header plus a payload copied to DATA.  The
 * outbox needs no clearing: every backend writes all of it or fails.
 */
static int rpc_with_payload(struct mlx5ctl_device *dev, void *in, size_t inlen,
			    void *data, size_t len)
{
	uint8_t stack[PRM_SIZE(mbox_out) + OUT_STACK_MAX];
	size_t outlen = PRM_SIZE(mbox_out) + len;
	uint8_t *out;
	int ret;

	if (!dev)
		return EINVAL;
	if (!fits(dev, PRM_SIZE(mbox_out), len))
		return EMSGSIZE;
	out = mailbox(stack, sizeof(stack), outlen);
	if (!out)
		return ENOMEM;
	ret = mlx5ctl_rpc(dev, NULL, in, inlen, out, outlen);
	if (!ret)
		memcpy(data, out + PRM_SIZE(mbox_out), len);
	else if (ret == EREMOTEIO)
		/* Keep status and syndrome reachable for the caller. */
		memcpy(data, out, len < PRM_SIZE(mbox_out) ? len :
		       PRM_SIZE(mbox_out));
	mailbox_put(out, stack);
	return ret;
}

int mlx5ctl_query_hca_cap(struct mlx5ctl_device *dev, uint16_t cap_type,
			  enum mlx5ctl_cap_mode mode, void *cap, size_t caplen)
{
	uint8_t in[PRM_SIZE(query_hca_cap_in)] = {};

	if (!cap || caplen < MLX5CTL_HCA_CAP_SIZE || mode > MLX5CTL_CAP_CUR ||
	    cap_type > 0x7fff)
		return EINVAL;
	MBOX_PUT16(query_hca_cap_in, in, opcode, MLX5_CMD_OP_QUERY_HCA_CAP);
	MBOX_PUT16(query_hca_cap_in, in, op_mod, (cap_type << 1) | mode);
	return rpc_with_payload(dev, in, sizeof(in), cap, MLX5CTL_HCA_CAP_SIZE);
}

int mlx5ctl_query_adapter(struct mlx5ctl_device *dev, void *out, size_t len)
{
	uint8_t in[PRM_SIZE(query_adapter_in)] = {};

	if (!out || len < PRM_SIZE(query_adapter_param_block))
		return EINVAL;
	MBOX_PUT16(query_adapter_in, in, opcode, MLX5_CMD_OP_QUERY_ADAPTER);
	return rpc_with_payload(dev, in, sizeof(in), out,
				PRM_SIZE(query_adapter_param_block));
}

enum {
	ACCESS_REG_WRITE = 0,
	ACCESS_REG_READ = 1,
};

static int access_reg(struct mlx5ctl_device *dev, uint16_t op_mod,
		      uint16_t reg_id, uint32_t argument, void *data,
		      size_t len)
{
	uint8_t stack[PRM_SIZE(access_register_in) + REG_STACK_MAX];
	size_t inlen = PRM_SIZE(access_register_in) + len;
	uint8_t *in;
	int ret;

	if (!dev || !data || !len || len % 4)
		return EINVAL;
	if (!fits(dev, PRM_SIZE(access_register_in), len))
		return EMSGSIZE;
	in = mailbox(stack, sizeof(stack), inlen);
	if (!in)
		return ENOMEM;
	/* The header's reserved words are zero, as the PRM asks. */
	memset(in, 0, PRM_SIZE(access_register_in));
	MBOX_PUT16(access_register_in, in, opcode, MLX5_CMD_OP_ACCESS_REG);
	MBOX_PUT16(access_register_in, in, op_mod, op_mod);
	MBOX_PUT16(access_register_in, in, register_id, reg_id);
	MBOX_PUT32(access_register_in, in, argument, argument);
	memcpy(in + PRM_SIZE(access_register_in), data, len);
	ret = rpc_with_payload(dev, in, inlen, data, len);
	mailbox_put(in, stack);
	return ret;
}

int mlx5ctl_reg_read(struct mlx5ctl_device *dev, uint16_t reg_id,
		     uint32_t argument, void *data, size_t len)
{
	return access_reg(dev, ACCESS_REG_READ, reg_id, argument, data, len);
}

int mlx5ctl_reg_write(struct mlx5ctl_device *dev, uint16_t reg_id,
		      uint32_t argument, void *data, size_t len)
{
	return access_reg(dev, ACCESS_REG_WRITE, reg_id, argument, data, len);
}
