// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * rpc_bench: what the library adds to one firmware round trip.
 *
 *   rpc_bench DEVICE BACKEND KIND N
 *
 * Opens DEVICE ("emu:connectx7") on BACKEND (ctl, fwctl) and runs N
 * commands of KIND (nop, hca_cap, mtmp) in bench_loop().  The handle's
 * syscall seam is wrapped by seam_ioctl(), so under callgrind the
 * library's share is inclusive(bench_loop) - inclusive(seam_ioctl),
 * whatever stands below the seam (the emulator, built in or a plugin).
 * It prints the allocations the library made in the loop, per command:
 * malloc, calloc and realloc are counted here, except below the seam.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "malloc_count.h"
#include "mlx5ctl_int.h"
#include "opcodes.h"
#include "prm.h"

static struct mlx5ctl_sys *below;	/* the handle's own seam */

/* The boundary callgrind subtracts, and where counting pauses. */
static __attribute__((noinline)) int seam_ioctl(struct mlx5ctl_sys *sys,
						 int fd, unsigned long req,
						 void *arg)
{
	bool was = malloc_count_pause();
	int ret = below->ioctl(below, fd, req, arg);

	malloc_count_resume(was);
	return ret;
}

static int seam_open(struct mlx5ctl_sys *sys, const char *path, int flags)
{
	return below->open(below, path, flags);
}

static int seam_close(struct mlx5ctl_sys *sys, int fd)
{
	return below->close(below, fd);
}

static struct mlx5ctl_sys seam = {
	.open = seam_open,
	.ioctl = seam_ioctl,
	.close = seam_close,
};

static int nop(struct mlx5ctl_device *dev)
{
	uint8_t in[PRM_SIZE(mbox_in)] = {}, out[PRM_SIZE(mbox_out)];

	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_NOP);
	return mlx5ctl_rpc(dev, NULL, in, sizeof(in), out, sizeof(out));
}

static int hca_cap(struct mlx5ctl_device *dev)
{
	static uint8_t cap[MLX5CTL_HCA_CAP_SIZE];

	return mlx5ctl_query_hca_cap(dev, 0, MLX5CTL_CAP_CUR, cap, sizeof(cap));
}

static int mtmp(struct mlx5ctl_device *dev)
{
	uint8_t reg[PRM_SIZE(mtmp_reg)] = {};

	return mlx5ctl_reg_read(dev, PRM_REG_MTMP, 0, reg, sizeof(reg));
}

static const struct {
	const char *name;
	int (*run)(struct mlx5ctl_device *dev);
} kinds[] = {
	{ "nop", nop },
	{ "hca_cap", hca_cap },
	{ "mtmp", mtmp },
};

static __attribute__((noinline)) int bench_loop(struct mlx5ctl_device *dev,
						 int (*run)(struct mlx5ctl_device *),
						 unsigned long n)
{
	unsigned long i;
	int ret;

	for (i = 0; i < n; i++) {
		ret = run(dev);
		if (ret)
			return ret;
	}
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: rpc_bench DEVICE ctl|fwctl nop|hca_cap|mtmp N\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct mlx5ctl_open_attr attr = { .comp_mask = MLX5CTL_OPEN_ATTR_BACKEND };
	struct mlx5ctl_device *dev;
	unsigned long n, allocs;
	size_t k;
	int ret;

	if (argc != 5 || mlx5ctl_backend_parse(argv[2], &attr.backend))
		return usage();
	n = strtoul(argv[4], NULL, 0);
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (!strcmp(kinds[k].name, argv[3]))
			break;
	if (k == sizeof(kinds) / sizeof(kinds[0]) || !n)
		return usage();
	dev = mlx5ctl_open(argv[1], &attr);
	if (!dev) {
		fprintf(stderr, "rpc_bench: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	below = dev->sys;
	dev->sys = &seam;
	malloc_count_start();
	ret = bench_loop(dev, kinds[k].run, n);
	allocs = malloc_count_stop();
	dev->sys = below;
	mlx5ctl_close(dev);
	if (ret) {
		fprintf(stderr, "rpc_bench: %s: %s\n", argv[3], strerror(ret));
		return 1;
	}
	printf("allocations per command: %.2f\n", (double)allocs / n);
	return 0;
}
