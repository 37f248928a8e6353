/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * The fwctl preload library: unmodified fwctl programs on the emulator.
 *
 * "mlx5ctl emu run" starts a program with this library in LD_PRELOAD and
 * two variables set: MLX5CTL_EMU_RUN_HOST, the emulated devices, and
 * MLX5CTL_EMU_RUN_ROOT, a private directory.  The library writes there
 * the sysfs and /dev entries of the devices, sends the program's absolute
 * paths under /sys/class/fwctl, /dev/fwctl and the devices' PCI
 * directories there, and serves /dev/fwctl/fwctlN from the emulator.
 */
#ifndef MLX5CTL_PRELOAD_H
#define MLX5CTL_PRELOAD_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "emu.h"

#define PRELOAD_ENV_HOST "MLX5CTL_EMU_RUN_HOST"
#define PRELOAD_ENV_ROOT "MLX5CTL_EMU_RUN_ROOT"

/*
 * fwctl's char major is dynamic (alloc_chrdev_region()); the emulated
 * nodes take one from the dynamic range and minor N for fwctlN.
 */
#define PRELOAD_FWCTL_MAJOR 240

/*
 * One emulated function of the host, named as MLX5CTL_EMU_HOST names it
 * (device N: fwctlN on the Nth bus after the profile's).  Its kernel is
 * made at the first open in the process and released at exit, which
 * saves state=FILE: a process that never opens the device (a shell
 * between launcher and program) must not write back the state it found.
 */
struct preload_dev {
	const char *spec;
	const struct emu_identity *id;
	struct mlx5ctl_sys *sys;	/* under the host's lock */
};

struct preload_host {
	struct emu_host_dev *hdevs;	/* the parser's: specs and names */
	struct preload_dev *devs;
	size_t ndevs;
	char tree[PATH_MAX];	/* ROOT/tree: sys/ and dev/ below it */
};

/* preload_host.c: the devices of SPECS ("2xconnectx7+connectx7,..."). */
int preload_host_create(struct preload_host *h, const char *specs,
			char *err, size_t errlen);
/* D's kernel, made at the first call; NULL and errno when it fails. */
struct mlx5ctl_sys *preload_dev_sys(struct preload_dev *d);
/* Release the kernels made: the process exits. */
void preload_host_release(struct preload_host *h);
/* Write the tree below ROOT unless another process already has. */
int preload_tree_build(struct preload_host *h, const char *root,
		       char *err, size_t errlen);

/* preload_path.c: PATH of the program as a path in the tree, or PATH. */
const char *preload_path(const char *path, char *buf, size_t len);
/* The device a /dev/fwctl/fwctlN path names, or NULL. */
struct preload_dev *preload_node(const char *path);
/* A path in the tree shown as the program's path (realpath results). */
void preload_unpath(char *path);

/* preload_fd.c: fds backed by emulated fwctl files. */
int preload_fd_open(struct preload_dev *d, int flags);
/* True when FD is one; the ioctl's result in *RET. */
bool preload_fd_ioctl(int fd, unsigned long req, void *arg, int *ret);
/* The device behind FD, or NULL. */
struct preload_dev *preload_fd_dev(int fd);
/* The same for the file a stat() result describes. */
struct preload_dev *preload_stat_dev(dev_t dev, ino_t ino);
/* The identity of an emulated file: its memfd's inode. */
struct preload_key {
	dev_t dev;
	ino_t ino;
};

/* Before the real close of FD: true when FD is one, its key in *KEY. */
bool preload_fd_closing(int fd, struct preload_key *key);
/* After it: the file is released when no fd refers to it any more. */
void preload_fd_closed(const struct preload_key *key);

/*
 * The libc function this library hides, for its own use: calling the
 * name would come back here.  NULL only if libc lacks it.
 */
void *preload_real(const char *name);
/* Looked up once per call site: dlsym() is a hash lookup per call. */
#define REAL(fn)                                                            \
	({                                                                  \
		static __typeof__(&fn) real_;                               \
		__typeof__(&fn) r_ = __atomic_load_n(&real_, __ATOMIC_RELAXED); \
		if (!r_) {                                                  \
			r_ = (__typeof__(&fn))preload_real(#fn);            \
			__atomic_store_n(&real_, r_, __ATOMIC_RELAXED);     \
		}                                                           \
		r_;                                                         \
	})

extern struct preload_host preload_host;
extern bool preload_active;

#endif
