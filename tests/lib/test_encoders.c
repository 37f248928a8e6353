// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Byte-exact checks of the ctl and fwctl encoders: a recording seam stands
 * where the kernel would, and every ioctl buffer is compared with one
 * built here from the uAPI structs directly.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include <fwctl/fwctl.h>
#include <rdma/ib_user_ioctl_verbs.h>
#include <rdma/mlx5_user_ioctl_cmds.h>
#include <rdma/mlx5_user_ioctl_verbs.h>
#include <rdma/rdma_user_ioctl.h>

#include "../check.h"
#include "fake_dev.h"
#include "mlx5ctl_int.h"
#include "opcodes.h"
#include "prm.h"

#define REC_FD 77
#define REC_HANDLE 5
#define REC_UID 0x2a

struct recorder {
	struct mlx5ctl_sys sys;
	char path[64];
	unsigned long req;
	uint8_t bytes[4096];	/* the last ioctl argument as passed */
	size_t len;
	unsigned int calls;
};

static struct recorder *rec_of(struct mlx5ctl_sys *sys)
{
	return (struct recorder *)sys;
}

static int rec_open(struct mlx5ctl_sys *sys, const char *path, int flags)
{
	snprintf(rec_of(sys)->path, sizeof(rec_of(sys)->path), "%s", path);
	return REC_FD;
}

static int rec_close(struct mlx5ctl_sys *sys, int fd)
{
	return fd == REC_FD ? 0 : -1;
}

/* Answer as the kernel would, after keeping a copy of what was sent. */
static int rec_ioctl(struct mlx5ctl_sys *sys, int fd, unsigned long req,
		     void *arg)
{
	struct recorder *r = rec_of(sys);

	r->req = req;
	r->calls++;
	if (req == RDMA_VERBS_IOCTL) {
		struct ib_uverbs_ioctl_hdr *hdr = arg;

		r->len = hdr->length;
		memcpy(r->bytes, hdr, hdr->length);
		if (hdr->method_id == MLX5_IB_METHOD_CTL_CREATE) {
			struct mlx5_ib_uapi_ctl_info info = { .uid = REC_UID,
							 .uctx_caps = 4 };

			hdr->attrs[0].data = REC_HANDLE;
			memcpy((void *)(uintptr_t)hdr->attrs[2].data, &info,
			       sizeof(info));
		}
		return 0;
	}
	if (req == FWCTL_INFO) {
		struct fwctl_info *info = arg;
		struct fwctl_info_mlx5 mlx5 = { .uid = REC_UID, .uctx_caps = 4 };

		r->len = sizeof(*info);
		memcpy(r->bytes, info, sizeof(*info));
		memcpy((void *)(uintptr_t)info->out_device_data, &mlx5,
		       sizeof(mlx5));
		info->out_device_type = FWCTL_DEVICE_TYPE_MLX5;
		return 0;
	}
	r->len = sizeof(struct fwctl_rpc);
	memcpy(r->bytes, arg, r->len);
	return 0;
}

static void rec_init(struct recorder *r, struct mlx5ctl_device *dev,
		     const struct mlx5ctl_backend_ops *ops)
{
	memset(r, 0, sizeof(*r));
	r->sys.open = rec_open;
	r->sys.ioctl = rec_ioctl;
	r->sys.close = rec_close;
	fake_dev_init(dev, &r->sys, ops, MLX5CTL_SCOPE_DEBUG_READ_ONLY, 3, 2);
}

/*
 * The header and room for its attributes (hdr.attrs[] is a flexible
 * array): a union, since C allows no member after such a struct.
 */
union expect_cmd {
	struct ib_uverbs_ioctl_hdr hdr;
	uint8_t room[sizeof(struct ib_uverbs_ioctl_hdr) +
		     4 * sizeof(struct ib_uverbs_attr)];
};

static void expect_hdr(union expect_cmd *e, uint16_t method, uint16_t n)
{
	memset(e, 0, sizeof(*e));
	e->hdr.length = sizeof(e->hdr) + n * sizeof(e->hdr.attrs[0]);
	e->hdr.object_id = MLX5_IB_OBJECT_CTL;
	e->hdr.method_id = method;
	e->hdr.num_attrs = n;
	e->hdr.driver_id = RDMA_DRIVER_MLX5;
}

static void expect_attr(union expect_cmd *e, unsigned int i, uint16_t id,
			uint16_t len, uint64_t data)
{
	e->hdr.attrs[i].attr_id = id;
	e->hdr.attrs[i].len = len;
	e->hdr.attrs[i].flags = UVERBS_ATTR_F_MANDATORY;
	e->hdr.attrs[i].data = data;
}

static void test_ctl(void)
{
	struct mlx5ctl_device dev;
	struct recorder r;
	union expect_cmd e;
	uint8_t in[PRM_SIZE(mbox_in) + 8] = {}, out[64] = {};
	struct mlx5_ib_uapi_ctl_info *info;
	int ret;

	rec_init(&r, &dev, &mlx5ctl_backend_ctl);
	ret = dev.ops->open(&dev);
	CHECK_EQ(ret, 0);
	CHECK_STR(r.path, "/dev/infiniband/uverbs3");
	CHECK_EQ(r.req, RDMA_VERBS_IOCTL);
	CHECK_EQ(dev.ctl_handle, REC_HANDLE);
	CHECK_EQ(dev.uid, REC_UID);
	CHECK_EQ(dev.uctx_caps, 4);

	/* CREATE: new handle, scope inline, info by pointer */
	expect_hdr(&e, MLX5_IB_METHOD_CTL_CREATE, 3);
	expect_attr(&e, 0, MLX5_IB_ATTR_CTL_CREATE_HANDLE, 0, 0);
	expect_attr(&e, 1, MLX5_IB_ATTR_CTL_CREATE_SCOPE, 8,
		    MLX5_IB_UAPI_CTL_SCOPE_DEBUG_READ_ONLY);
	info = (void *)(uintptr_t)((union expect_cmd *)r.bytes)->hdr.attrs[2].data;
	expect_attr(&e, 2, MLX5_IB_ATTR_CTL_CREATE_INFO, sizeof(*info),
		    (uintptr_t)info);
	CHECK_EQ(r.len, e.hdr.length);
	CHECK_MEM(r.bytes, &e, e.hdr.length);

	/* RPC: handle, scope inline, inbox and outbox by pointer */
	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_NOP);
	ret = mlx5ctl_rpc(&dev, NULL, in, sizeof(in), out, sizeof(out));
	CHECK_EQ(ret, 0);
	expect_hdr(&e, MLX5_IB_METHOD_CTL_RPC, 4);
	expect_attr(&e, 0, MLX5_IB_ATTR_CTL_RPC_HANDLE, 0, REC_HANDLE);
	expect_attr(&e, 1, MLX5_IB_ATTR_CTL_RPC_SCOPE, 8,
		    MLX5_IB_UAPI_CTL_SCOPE_DEBUG_READ_ONLY);
	expect_attr(&e, 2, MLX5_IB_ATTR_CTL_RPC_CMD_IN, sizeof(in),
		    (uintptr_t)in);
	expect_attr(&e, 3, MLX5_IB_ATTR_CTL_RPC_CMD_OUT, sizeof(out),
		    (uintptr_t)out);
	CHECK_EQ(r.len, e.hdr.length);
	CHECK_MEM(r.bytes, &e, e.hdr.length);

	/* An explicit scope travels as given. */
	{
		struct mlx5ctl_rpc_attr attr = {
			.comp_mask = MLX5CTL_RPC_ATTR_SCOPE,
			.scope = MLX5CTL_SCOPE_CONFIGURATION,
		};
		unsigned int calls;

		CHECK_EQ(mlx5ctl_rpc(&dev, &attr, in, sizeof(in), out,
				     sizeof(out)), 0);
		CHECK_EQ(((union expect_cmd *)r.bytes)->hdr.attrs[1].data,
			 MLX5_IB_UAPI_CTL_SCOPE_CONFIGURATION);
		/* Above the handle's ceiling: refused before any backend. */
		calls = r.calls;
		attr.scope = MLX5CTL_SCOPE_DEBUG_WRITE;
		CHECK_EQ(mlx5ctl_rpc(&dev, &attr, in, sizeof(in), out,
				     sizeof(out)), EPERM);
		CHECK_EQ(r.calls, calls);
	}

	/* A firmware status in the outbox is EREMOTEIO for the caller. */
	PRM_SET(mbox_out, out, status, 3);
	r.calls = 0;
	{
		/* the recorder leaves the outbox alone: status stays 3 */
		ret = mlx5ctl_rpc(&dev, NULL, in, sizeof(in), out, sizeof(out));
		CHECK_EQ(ret, EREMOTEIO);
		CHECK_EQ(mlx5ctl_cmd_status(out), 3);
	}

	/* Too short for the headers: refused before any ioctl. */
	r.calls = 0;
	CHECK_EQ(mlx5ctl_rpc(&dev, NULL, in, 8, out, sizeof(out)), EMSGSIZE);
	CHECK_EQ(mlx5ctl_rpc(&dev, NULL, in, sizeof(in), out, 8), EMSGSIZE);
	CHECK_EQ(r.calls, 0);

	/* Longer than a uverbs attribute can say: refused by the builder. */
	{
		static uint8_t big[70000];

		PRM_SET(mbox_in, big, opcode, MLX5_CMD_OP_NOP);
		CHECK(mlx5ctl_rpc(&dev, NULL, big, sizeof(big), out,
				  sizeof(out)) != 0);
		CHECK_EQ(r.calls, 0);
	}

	/* DESTROY */
	dev.ops->close(&dev);
	expect_hdr(&e, MLX5_IB_METHOD_CTL_DESTROY, 1);
	expect_attr(&e, 0, MLX5_IB_ATTR_CTL_DESTROY_HANDLE, 0, REC_HANDLE);
	CHECK_EQ(r.len, e.hdr.length);
	CHECK_MEM(r.bytes, &e, e.hdr.length);
}

static void test_fwctl(void)
{
	struct mlx5ctl_device dev;
	struct recorder r;
	struct fwctl_rpc want;
	struct fwctl_info *info;
	uint8_t in[PRM_SIZE(mbox_in)] = {}, out[32] = {};

	/* The ABI: sizes, offsets and request numbers. */
	CHECK_EQ(sizeof(struct fwctl_info), 24);
	CHECK_EQ(offsetof(struct fwctl_info, out_device_data), 16);
	CHECK_EQ(sizeof(struct fwctl_rpc), 32);
	CHECK_EQ(offsetof(struct fwctl_rpc, in), 16);
	CHECK_EQ(offsetof(struct fwctl_rpc, out), 24);
	CHECK_EQ(FWCTL_INFO, 0x9a00);
	CHECK_EQ(FWCTL_RPC, 0x9a01);

	rec_init(&r, &dev, &mlx5ctl_backend_fwctl);
	CHECK_EQ(dev.ops->open(&dev), 0);
	CHECK_STR(r.path, "/dev/fwctl/fwctl2");
	CHECK_EQ(r.req, FWCTL_INFO);
	info = (struct fwctl_info *)r.bytes;
	CHECK_EQ(info->size, sizeof(struct fwctl_info));
	CHECK_EQ(info->flags, 0);
	CHECK_EQ(info->device_data_len, sizeof(struct fwctl_info_mlx5));
	CHECK_EQ(dev.uid, REC_UID);

	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_QUERY_ISSI);
	CHECK_EQ(mlx5ctl_rpc(&dev, NULL, in, sizeof(in), out, sizeof(out)), 0);
	CHECK_EQ(r.req, FWCTL_RPC);
	memset(&want, 0, sizeof(want));
	want.size = sizeof(want);
	want.scope = FWCTL_RPC_DEBUG_READ_ONLY;
	want.in_len = sizeof(in);
	want.out_len = sizeof(out);
	want.in = (uintptr_t)in;
	want.out = (uintptr_t)out;
	CHECK_MEM(r.bytes, &want, sizeof(want));
	dev.ops->close(&dev);
}

int main(void)
{
	test_ctl();
	test_fwctl();
	return check_done("test_encoders");
}
