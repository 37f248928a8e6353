// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl_rpc() and every typed helper run without a heap allocation:
 * libmlx5ctl(3) promises it, and a command loop of a monitoring daemon
 * relies on it.  A seam that answers as the kernel does, allocating
 * nothing, stands below the library, and this program's own malloc,
 * calloc and realloc count what the library asks for around each call.
 */
#include <errno.h>
#include <string.h>

#include <fwctl/fwctl.h>
#include <rdma/ib_user_ioctl_verbs.h>
#include <rdma/mlx5_user_ioctl_cmds.h>
#include <rdma/mlx5_user_ioctl_verbs.h>
#include <rdma/rdma_user_ioctl.h>

#include "../check.h"
#include "fake_dev.h"
#include "malloc_count.h"
#include "mlx5ctl_int.h"
#include "opcodes.h"
#include "prm.h"

#define SEAM_FD 7

struct seam {
	struct mlx5ctl_sys sys;
	uint32_t short_answer;	/* fwctl: answer this many bytes, 0: all */
};

static int seam_open(struct mlx5ctl_sys *sys, const char *path, int flags)
{
	return SEAM_FD;
}

static int seam_close(struct mlx5ctl_sys *sys, int fd)
{
	return 0;
}

/* The outbox as the kernel leaves it: all written, status ok. */
static void answer(void *out, size_t len)
{
	memset(out, 0, len);
}

static void verbs_answer(struct ib_uverbs_ioctl_hdr *hdr)
{
	struct mlx5_ib_uapi_ctl_info info = {};

	if (hdr->method_id == MLX5_IB_METHOD_CTL_CREATE) {
		hdr->attrs[0].data = 1;
		memcpy((void *)(uintptr_t)hdr->attrs[2].data, &info,
		       sizeof(info));
	} else if (hdr->method_id == MLX5_IB_METHOD_CTL_RPC) {
		answer((void *)(uintptr_t)hdr->attrs[3].data, hdr->attrs[3].len);
	}
}

static void fwctl_answer(struct seam *s, unsigned long req, void *arg)
{
	struct fwctl_info *info = arg;
	struct fwctl_rpc *rpc = arg;

	if (req == FWCTL_INFO) {
		info->out_device_type = FWCTL_DEVICE_TYPE_MLX5;
		return;
	}
	if (s->short_answer)
		rpc->out_len = s->short_answer;
	answer((void *)(uintptr_t)rpc->out, rpc->out_len);
}

static int seam_ioctl(struct mlx5ctl_sys *sys, int fd, unsigned long req,
		      void *arg)
{
	if (req == RDMA_VERBS_IOCTL)
		verbs_answer(arg);
	else
		fwctl_answer((struct seam *)sys, req, arg);
	return 0;
}

static void dev_init(struct mlx5ctl_device *dev, struct seam *s,
		     const struct mlx5ctl_backend_ops *ops)
{
	memset(s, 0, sizeof(*s));
	s->sys.open = seam_open;
	s->sys.ioctl = seam_ioctl;
	s->sys.close = seam_close;
	/* Register writes need debug-write. */
	fake_dev_init(dev, &s->sys, ops, MLX5CTL_SCOPE_DEBUG_WRITE, 0, 0);
}

static uint8_t cap[MLX5CTL_HCA_CAP_SIZE];
static uint8_t reg[1024];	/* four times the largest PRM register */

static int nop(struct mlx5ctl_device *dev)
{
	uint8_t in[PRM_SIZE(mbox_in)] = {}, out[PRM_SIZE(mbox_out)];

	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_NOP);
	return mlx5ctl_rpc(dev, NULL, in, sizeof(in), out, sizeof(out));
}

static int hca_cap(struct mlx5ctl_device *dev)
{
	return mlx5ctl_query_hca_cap(dev, 0, MLX5CTL_CAP_CUR, cap, sizeof(cap));
}

static int adapter(struct mlx5ctl_device *dev)
{
	return mlx5ctl_query_adapter(dev, cap, sizeof(cap));
}

static int reg_read(struct mlx5ctl_device *dev)
{
	return mlx5ctl_reg_read(dev, PRM_REG_PPCNT, 0, reg,
				PRM_SIZE(ppcnt_reg));
}

static int reg_write(struct mlx5ctl_device *dev)
{
	return mlx5ctl_reg_write(dev, PRM_REG_PAOS, 0, reg,
				 PRM_SIZE(paos_reg));
}

static int reg_longest(struct mlx5ctl_device *dev)
{
	return mlx5ctl_reg_read(dev, PRM_REG_PPCNT, 0, reg, sizeof(reg));
}

static const struct {
	const char *name;
	int (*run)(struct mlx5ctl_device *dev);
} calls[] = {
	{ "mlx5ctl_rpc", nop },
	{ "mlx5ctl_query_hca_cap", hca_cap },
	{ "mlx5ctl_query_adapter", adapter },
	{ "mlx5ctl_reg_read", reg_read },
	{ "mlx5ctl_reg_write", reg_write },
	{ "mlx5ctl_reg_read of 1 KiB", reg_longest },
};

static void no_allocation(const struct mlx5ctl_backend_ops *ops)
{
	struct mlx5ctl_device dev;
	unsigned long n;
	struct seam s;
	size_t i;

	dev_init(&dev, &s, ops);
	CHECK_EQ(dev.ops->open(&dev), 0);
	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		malloc_count_start();
		CHECK_EQ(calls[i].run(&dev), 0);
		CHECK_EQ(calls[i].run(&dev), 0);
		n = malloc_count_stop();
		if (n)
			fprintf(stderr, "%s on %s: %lu allocations\n",
				calls[i].name, mlx5ctl_backend_str(ops->type), n);
		CHECK_EQ(n, 0);
	}
	dev.ops->close(&dev);
}

/*
 * A register longer than 1 KiB, which no PRM register is, takes one heap
 * mailbox, as libmlx5ctl(3) says: the bound is where the page says.
 */
static void longer_register(void)
{
	static uint8_t big[1024 + 4];
	struct mlx5ctl_device dev;
	unsigned long n;
	struct seam s;

	dev_init(&dev, &s, &mlx5ctl_backend_ctl);
	CHECK_EQ(dev.ops->open(&dev), 0);
	malloc_count_start();
	CHECK_EQ(mlx5ctl_reg_read(&dev, PRM_REG_PPCNT, 0, big, sizeof(big)), 0);
	n = malloc_count_stop();
	CHECK_EQ(n, 1);
	dev.ops->close(&dev);
}

/*
 * An fwctl answer shorter than the outbox: the bytes it did not write
 * read as zero, never as what the stack held before.
 */
static void short_answer(void)
{
	struct mlx5ctl_device dev;
	struct seam s;
	size_t i, stale = 0;

	dev_init(&dev, &s, &mlx5ctl_backend_fwctl);
	CHECK_EQ(dev.ops->open(&dev), 0);
	memset(cap, 0xa5, sizeof(cap));
	CHECK_EQ(hca_cap(&dev), 0);
	s.short_answer = PRM_SIZE(mbox_out);
	memset(cap, 0xa5, sizeof(cap));
	CHECK_EQ(hca_cap(&dev), 0);
	for (i = 0; i < sizeof(cap); i++)
		stale += cap[i] != 0;
	CHECK_EQ(stale, 0);
	dev.ops->close(&dev);
}

int main(void)
{
	/* Under a sanitizer or valgrind their allocator stands in front. */
	if (!malloc_count_works()) {
		fprintf(stderr, "test_rpc_malloc: the allocation counter is not in front, skipped\n");
		return 77;
	}
	no_allocation(&mlx5ctl_backend_ctl);
	no_allocation(&mlx5ctl_backend_fwctl);
	longer_register();
	short_answer();
	return check_done("test_rpc_malloc");
}
