// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The emulator's kernel half against hand-built ioctl buffers: every
 * malformed header or attribute gets the errno the kernel gives, the
 * policy and scope checks refuse, and firmware always sees the object's
 * uid whatever the caller wrote.
 */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <string.h>

#include <fwctl/fwctl.h>
#include <rdma/ib_user_ioctl_verbs.h>
#include <rdma/mlx5_user_ioctl_cmds.h>
#include <rdma/mlx5_user_ioctl_verbs.h>
#include <rdma/rdma_user_ioctl.h>

#include "../check.h"
#include "emu.h"
#include "emu_kernel.h"
#include "opcodes.h"
#include "prm.h"

/*
 * The header and room for its attributes (hdr.attrs[] is a flexible
 * array): a union, since C allows no member after such a struct.
 */
union cmd {
	struct ib_uverbs_ioctl_hdr hdr;
	uint8_t room[sizeof(struct ib_uverbs_ioctl_hdr) +
		     6 * sizeof(struct ib_uverbs_attr)];
};

static struct mlx5ctl_sys *sys;

static void cmd_init(union cmd *c, uint16_t method, uint16_t nattrs)
{
	memset(c, 0, sizeof(*c));
	c->hdr.length = sizeof(c->hdr) + nattrs * sizeof(c->hdr.attrs[0]);
	c->hdr.object_id = MLX5_IB_OBJECT_CTL;
	c->hdr.method_id = method;
	c->hdr.num_attrs = nattrs;
	c->hdr.driver_id = RDMA_DRIVER_MLX5;
}

static void attr(union cmd *c, unsigned int i, uint16_t id, uint16_t len,
		 uint64_t data)
{
	c->hdr.attrs[i].attr_id = id;
	c->hdr.attrs[i].len = len;
	c->hdr.attrs[i].flags = UVERBS_ATTR_F_MANDATORY;
	c->hdr.attrs[i].data = data;
}

static int do_ioctl(int fd, unsigned long req, void *arg)
{
	return sys->ioctl(sys, fd, req, arg) ? errno : 0;
}

static void create_cmd(union cmd *c, struct mlx5_ib_uapi_ctl_info *info,
		       uint64_t scope)
{
	cmd_init(c, MLX5_IB_METHOD_CTL_CREATE, 3);
	attr(c, 0, MLX5_IB_ATTR_CTL_CREATE_HANDLE, 0, 0);
	attr(c, 1, MLX5_IB_ATTR_CTL_CREATE_SCOPE, 8, scope);
	attr(c, 2, MLX5_IB_ATTR_CTL_CREATE_INFO, sizeof(*info),
	     (uintptr_t)info);
}

static void rpc_cmd(union cmd *c, uint32_t handle, uint64_t scope,
		    const void *in, uint16_t inlen, void *out, uint16_t outlen)
{
	cmd_init(c, MLX5_IB_METHOD_CTL_RPC, 4);
	attr(c, 0, MLX5_IB_ATTR_CTL_RPC_HANDLE, 0, handle);
	attr(c, 1, MLX5_IB_ATTR_CTL_RPC_SCOPE, 8, scope);
	attr(c, 2, MLX5_IB_ATTR_CTL_RPC_CMD_IN, inlen, (uintptr_t)in);
	attr(c, 3, MLX5_IB_ATTR_CTL_RPC_CMD_OUT, outlen, (uintptr_t)out);
}

static void test_uverbs(void)
{
	uint8_t in[PRM_SIZE(mbox_in)] = {}, out[PRM_SIZE(mbox_out) + 16];
	struct mlx5_ib_uapi_ctl_info info;
	uint32_t handle;
	union cmd c;
	int fd;

	fd = sys->open(sys, "/dev/infiniband/uverbs0", O_RDWR);
	CHECK(fd >= 0);
	CHECK(sys->open(sys, "/dev/infiniband/uverbs9", O_RDWR) < 0);

	create_cmd(&c, &info, MLX5_IB_UAPI_CTL_SCOPE_DEBUG_WRITE);
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), 0);
	CHECK(c.hdr.attrs[2].flags & UVERBS_ATTR_F_VALID_OUTPUT);
	handle = c.hdr.attrs[0].data;
	CHECK(info.uid != 0);
	CHECK_EQ(info.max_scope, MLX5_IB_UAPI_CTL_SCOPE_DEBUG_WRITE);

	/* Descriptors that were never opened, at the ends of the range. */
	CHECK_EQ(do_ioctl(INT_MIN, RDMA_VERBS_IOCTL, &c), EBADF);
	CHECK_EQ(do_ioctl(INT_MAX, RDMA_VERBS_IOCTL, &c), EBADF);
	/* header checks of ib_uverbs_ioctl() */
	create_cmd(&c, &info, 1);
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL + 1, &c), ENOTTY);
	c.hdr.length += 1;
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EINVAL);
	create_cmd(&c, &info, 1);
	c.hdr.reserved1 = 1;
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EPROTONOSUPPORT);
	create_cmd(&c, &info, 1);
	c.hdr.driver_id = RDMA_DRIVER_MLX4;
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EINVAL);
	create_cmd(&c, &info, 1);
	c.hdr.method_id = MLX5_IB_METHOD_CTL_RPC + 1;
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EPROTONOSUPPORT);

	/* attribute checks */
	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_NOP);
	rpc_cmd(&c, handle, 1, in, sizeof(in), out, sizeof(out));
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), 0);
	CHECK_EQ(PRM_GET(mbox_out, out, status), 0);
	c.hdr.attrs[1].len = 4;			/* const attr is 8 bytes */
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EINVAL);
	rpc_cmd(&c, handle, 1, in, sizeof(in), out, sizeof(out));
	c.hdr.attrs[2].attr_data.reserved = 1;
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EINVAL);
	rpc_cmd(&c, handle, 1, in, sizeof(in), out, sizeof(out));
	c.hdr.attrs[3].attr_id = c.hdr.attrs[2].attr_id;	/* duplicate */
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EINVAL);
	rpc_cmd(&c, handle, 1, in, sizeof(in), out, sizeof(out));
	c.hdr.num_attrs = 3;			/* CMD_OUT missing */
	c.hdr.length -= sizeof(c.hdr.attrs[0]);
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EINVAL);
	rpc_cmd(&c, handle, 1, in, sizeof(in), out, sizeof(out));
	c.hdr.num_attrs = 5;			/* an attribute we don't know */
	c.hdr.length += sizeof(c.hdr.attrs[0]);
	attr(&c, 4, 0x1fff, 0, 0);
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EPROTONOSUPPORT);
	c.hdr.attrs[4].flags = 0;			/* ... not mandatory: ignored */
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), 0);
	rpc_cmd(&c, handle + 1, 1, in, sizeof(in), out, sizeof(out));
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), ENOENT);
	rpc_cmd(&c, handle, 1, NULL, 0, out, sizeof(out));
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EINVAL);

	/* UVERBS_ATTR_MIN_SIZE(16): the uverbs core refuses short buffers */
	rpc_cmd(&c, handle, 1, in, 8, out, sizeof(out));
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EINVAL);
	rpc_cmd(&c, handle, 1, in, sizeof(in), out, 8);
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EINVAL);

	/* the RPC method's own checks */
	rpc_cmd(&c, handle, 4, in, sizeof(in), out, sizeof(out));
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EOPNOTSUPP);
	rpc_cmd(&c, handle, 3, in, sizeof(in), out, sizeof(out));
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EPERM);	/* ceiling */
	rpc_cmd(&c, handle, 0, in, sizeof(in), out, sizeof(out));
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EBADMSG);	/* NOP is RO */
	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_CREATE_QP);
	rpc_cmd(&c, handle, 2, in, sizeof(in), out, sizeof(out));
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EBADMSG);

	/*
	 * Whatever uid the caller writes, firmware sees the object's: a
	 * foreign uid would be refused by firmware as bad parameter.
	 */
	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_NOP);
	PRM_SET(mbox_in, in, uid, 0x7777);
	rpc_cmd(&c, handle, 1, in, sizeof(in), out, sizeof(out));
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), 0);
	CHECK_EQ(PRM_GET(mbox_out, out, status), 0);
	CHECK_EQ(PRM_GET(mbox_in, in, uid), 0x7777);	/* caller's copy */

	/* firmware errors still return the outbox */
	memset(in, 0, sizeof(in));
	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_QUERY_HCA_CAP);
	PRM_SET(mbox_in, in, op_mod, 0x7ffe);	/* no such capability */
	rpc_cmd(&c, handle, 1, in, sizeof(in), out, sizeof(out));
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), 0);
	CHECK(PRM_GET(mbox_out, out, status) != 0);

	/* DESTROY, then the handle is gone */
	cmd_init(&c, MLX5_IB_METHOD_CTL_DESTROY, 1);
	attr(&c, 0, MLX5_IB_ATTR_CTL_DESTROY_HANDLE, 0, handle);
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), 0);
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), ENOENT);

	/* an object left behind is destroyed by close */
	create_cmd(&c, &info, 1);
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), 0);
	CHECK_EQ(sys->close(sys, fd), 0);
	CHECK(sys->close(sys, fd) < 0);
}

static void test_fwctl(void)
{
	struct fwctl_info_mlx5 mlx5 = {};
	struct fwctl_info info = { .size = sizeof(info),
				   .device_data_len = sizeof(mlx5),
				   .out_device_data = (uintptr_t)&mlx5 };
	uint8_t in[PRM_SIZE(mbox_in)] = {}, out[PRM_SIZE(mbox_out)];
	struct fwctl_rpc rpc;
	uint8_t big[sizeof(rpc) + 8] = {};
	int fd;

	fd = sys->open(sys, "/dev/fwctl/fwctl0", O_RDWR);
	CHECK(fd >= 0);
	CHECK_EQ(do_ioctl(fd, FWCTL_INFO, &info), 0);
	CHECK_EQ(info.out_device_type, FWCTL_DEVICE_TYPE_MLX5);
	CHECK(mlx5.uid != 0);
	info.flags = 1;
	CHECK_EQ(do_ioctl(fd, FWCTL_INFO, &info), EOPNOTSUPP);
	CHECK_EQ(do_ioctl(fd, _IO(FWCTL_TYPE, 7), &info), ENOTTY);

	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_NOP);
	memset(&rpc, 0, sizeof(rpc));
	rpc.size = sizeof(rpc);
	rpc.scope = FWCTL_RPC_DEBUG_READ_ONLY;
	rpc.in_len = sizeof(in);
	rpc.out_len = sizeof(out);
	rpc.in = (uintptr_t)in;
	rpc.out = (uintptr_t)out;
	CHECK_EQ(do_ioctl(fd, FWCTL_RPC, &rpc), 0);
	CHECK_EQ(rpc.out_len, sizeof(out));

	rpc.size = 16;
	CHECK_EQ(do_ioctl(fd, FWCTL_RPC, &rpc), EINVAL);
	rpc.size = sizeof(rpc);
	memcpy(big, &rpc, sizeof(rpc));
	((struct fwctl_rpc *)big)->size = sizeof(big);
	big[sizeof(rpc) + 3] = 1;
	CHECK_EQ(do_ioctl(fd, FWCTL_RPC, big), E2BIG);
	big[sizeof(rpc) + 3] = 0;
	CHECK_EQ(do_ioctl(fd, FWCTL_RPC, big), 0);
	rpc.scope = 4;
	CHECK_EQ(do_ioctl(fd, FWCTL_RPC, &rpc), EOPNOTSUPP);
	rpc.scope = FWCTL_RPC_CONFIGURATION;
	CHECK_EQ(do_ioctl(fd, FWCTL_RPC, &rpc), EBADMSG);
	rpc.scope = FWCTL_RPC_DEBUG_READ_ONLY;
	rpc.in_len = FWCTL_MAX_RPC_LEN + 1;
	CHECK_EQ(do_ioctl(fd, FWCTL_RPC, &rpc), EMSGSIZE);
	rpc.in_len = 8;
	CHECK_EQ(do_ioctl(fd, FWCTL_RPC, &rpc), EMSGSIZE);
	CHECK_EQ(sys->close(sys, fd), 0);
}

/*
 * No fixed limit on open files, as the kernel has none but RLIMIT_NOFILE:
 * many of both kinds at once, each with its own control object working,
 * and a closed descriptor gone while its number is free again.
 */
static void test_many_files(void)
{
	uint8_t in[PRM_SIZE(mbox_in)] = {}, out[PRM_SIZE(mbox_out)];
	struct fwctl_info info;
	struct mlx5_ib_uapi_ctl_info ci;
	static int fds[200];
	unsigned int i, n = sizeof(fds) / sizeof(fds[0]), ok = 0;
	union cmd c;

	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_NOP);
	for (i = 0; i < n; i++)
		fds[i] = sys->open(sys, i % 2 ? "/dev/fwctl/fwctl0" :
					"/dev/infiniband/uverbs0", O_RDWR);
	for (i = 0; i < n; i++) {
		if (fds[i] < 0)
			continue;
		if (i % 2) {
			/* No device data: the answer says how much there is. */
			info = (struct fwctl_info){ .size = sizeof(info) };
			ok += !do_ioctl(fds[i], FWCTL_INFO, &info);
			continue;
		}
		create_cmd(&c, &ci, MLX5_IB_UAPI_CTL_SCOPE_DEBUG_READ_ONLY);
		if (do_ioctl(fds[i], RDMA_VERBS_IOCTL, &c))
			continue;
		rpc_cmd(&c, c.hdr.attrs[0].data, 1, in, sizeof(in), out,
			sizeof(out));
		ok += !do_ioctl(fds[i], RDMA_VERBS_IOCTL, &c);
	}
	CHECK_EQ(ok, n);
	for (i = 0; i < n; i++)
		CHECK_EQ(sys->close(sys, fds[i]), 0);
	CHECK_EQ(do_ioctl(fds[n - 1], FWCTL_INFO, &info), EBADF);
	/* The lowest free number first, as the kernel hands them out. */
	fds[0] = sys->open(sys, "/dev/fwctl/fwctl0", O_RDWR);
	CHECK(fds[0] >= 0 && fds[0] <= fds[1]);
	sys->close(sys, fds[0]);
}

static void test_faults(void)
{
	static const struct {
		const char *spec;
		int err;
	} cases[] = {
		{ "connectx7,fault=timeout", ETIMEDOUT },
		{ "connectx7,fault=gone", ENODEV },
	};
	struct fwctl_info_mlx5 mlx5 = {};
	struct fwctl_info info = { .size = sizeof(info),
				   .device_data_len = sizeof(mlx5),
				   .out_device_data = (uintptr_t)&mlx5 };
	uint8_t in[PRM_SIZE(mbox_in)] = {}, out[PRM_SIZE(mbox_out)];
	struct fwctl_rpc rpc = { .size = sizeof(rpc), .scope = 1,
				 .in_len = sizeof(in), .out_len = sizeof(out),
				 .in = (uintptr_t)in, .out = (uintptr_t)out };
	char err[128];
	unsigned int i;

	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_NOP);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mlx5ctl_sys *s = emu_sys_create(cases[i].spec, err,
						       sizeof(err));
		int fd;

		CHECK(s != NULL);
		if (!s)
			continue;
		fd = s->open(s, "/dev/fwctl/fwctl0", O_RDWR);
		if (cases[i].err == ENODEV) {
			CHECK(fd < 0 && errno == ENODEV);
		} else {
			CHECK(fd >= 0);
			CHECK_EQ(s->ioctl(s, fd, FWCTL_INFO, &info), 0);
			CHECK(s->ioctl(s, fd, FWCTL_RPC, &rpc) < 0 &&
			      errno == cases[i].err);
			s->close(s, fd);
		}
		s->release(s);
	}
}

/*
 * Once fault=gone strikes, the uverbs file takes no ioctl: a new object
 * would have no device behind it (found by fuzz_kernel).
 */
static void test_gone_uverbs(void)
{
	uint8_t in[PRM_SIZE(mbox_in)] = {}, out[PRM_SIZE(mbox_out)];
	struct mlx5ctl_sys *live = sys;
	struct mlx5_ib_uapi_ctl_info info;
	union cmd c;
	char err[128];
	int fd;

	sys = emu_sys_create("connectx7,fault=gone,fault_after=1", err,
			     sizeof(err));
	CHECK(sys != NULL);
	if (!sys) {
		sys = live;
		return;
	}
	fd = sys->open(sys, "/dev/infiniband/uverbs0", O_RDWR);
	CHECK(fd >= 0);
	create_cmd(&c, &info, MLX5_IB_UAPI_CTL_SCOPE_DEBUG_READ_ONLY);
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), 0);
	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_NOP);
	rpc_cmd(&c, 0, MLX5_IB_UAPI_CTL_SCOPE_DEBUG_READ_ONLY, in, sizeof(in),
		out, sizeof(out));
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), 0);
	/*
	 * The first RPC was the last: the device is gone, and its verbs file,
	 * disassociated, answers every method with EIO (as the booted kernel
	 * does, kernel-patches/boot-test); opens find no device.
	 */
	create_cmd(&c, &info, MLX5_IB_UAPI_CTL_SCOPE_DEBUG_READ_ONLY);
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EIO);
	rpc_cmd(&c, 0, MLX5_IB_UAPI_CTL_SCOPE_DEBUG_READ_ONLY, in, sizeof(in),
		out, sizeof(out));
	CHECK_EQ(do_ioctl(fd, RDMA_VERBS_IOCTL, &c), EIO);
	CHECK(sys->open(sys, "/dev/fwctl/fwctl0", O_RDWR) < 0 &&
	      errno == ENODEV);
	CHECK_EQ(sys->close(sys, fd), 0);
	sys->release(sys);
	sys = live;
}

int main(void)
{
	char err[128] = "";

	sys = emu_sys_create("connectx7", err, sizeof(err));
	if (!sys) {
		fprintf(stderr, "emu_sys_create: %s\n", err);
		return 1;
	}
	/* CREATE needs CAP_SYS_ADMIN, as in the kernel. */
	if (!emu_capable(EMU_CAP_SYS_ADMIN)) {
		printf("test_emu_kernel: needs CAP_SYS_ADMIN, skipped\n");
		sys->release(sys);
		return 77;
	}
	test_uverbs();
	test_fwctl();
	test_many_files();
	test_faults();
	test_gone_uverbs();
	sys->release(sys);
	return check_done("test_emu_kernel");
}
