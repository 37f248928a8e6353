/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * The syscall seam.  The ctl and fwctl encoders reach the kernel only through
 * these three calls, so the emulator can stand in for the kernel and see
 * every byte a real kernel would.  Calls follow syscall conventions: -1 and
 * errno on failure.
 */
#ifndef MLX5CTL_SYS_H
#define MLX5CTL_SYS_H

struct mlx5ctl_sys {
	/*
	 * Open a device node.  For "/dev/infiniband/uverbsN" the returned fd
	 * is a uverbs command fd with a user context already allocated
	 * (libibverbs' ibv_open_device() does that on real systems).
	 */
	int (*open)(struct mlx5ctl_sys *sys, const char *path, int flags);
	int (*ioctl)(struct mlx5ctl_sys *sys, int fd, unsigned long req,
		     void *arg);
	int (*close)(struct mlx5ctl_sys *sys, int fd);
	/* Release the seam itself (emulator state); NULL for the real one. */
	void (*release)(struct mlx5ctl_sys *sys);
};

/* The real kernel. */
extern struct mlx5ctl_sys mlx5ctl_sys_kernel;

#endif
