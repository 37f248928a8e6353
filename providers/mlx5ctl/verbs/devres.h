/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Device resolution: any of an ib device name, a PCI address, a netdev or a
 * fwctl node names one PCI function; this finds the others through sysfs.
 * The sysfs root is a parameter (NULL: $MLX5CTL_SYSFS_ROOT, else "/sys")
 * so tests can build a fake tree.
 */
#ifndef MLX5CTL_DEVRES_H
#define MLX5CTL_DEVRES_H

#include <stddef.h>
#include <stdint.h>

struct devres {
	char ibdev[64];		/* "mlx5_0", "" if none */
	char uverbs[32];	/* "uverbs0" */
	char pci[32];		/* "0000:08:00.0" */
	char netdev[32];	/* first netdev of the function */
	char fwctl[32];		/* "fwctl0" */
	uint16_t vendor_id;
	uint16_t device_id;
};

/*
 * NAME: "mlx5_0", "0000:08:00.0" (or "08:00.0"), "ens1f0np0",
 * "/dev/fwctl/fwctl0" or "fwctl0", "/dev/infiniband/uverbs0" or "uverbs0".
 * A second ib device (an SF) or netdev of a function resolves to that
 * function and is reported under the name asked for.  0 or ENODEV
 * (nothing by that name, or not a 0x15b3 function), EINVAL for a NULL or
 * empty name, or another errno.
 */
int devres_resolve(const char *sysfs_root, const char *name,
		   struct devres *out);

/*
 * Every Mellanox/NVIDIA (0x15b3) function with an ib device or fwctl node,
 * sorted by PCI address.  *LIST is malloc()ed (NULL when *NUM is 0) and
 * the caller free()s it.  Missing class directories mean no devices.
 */
int devres_list(const char *sysfs_root, struct devres **list, size_t *num);

#endif
