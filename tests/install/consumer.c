// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * A program outside the tree: built only with the flags
 * `pkg-config --cflags --libs libmlx5ctl` gives, against an installed copy.
 * It walks the public API once on the emulated ConnectX-7.
 */
/* setenv(): the consumer builds with -std=c99. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <infiniband/mlx5ctl.h>

#define SKIP 77

static int fail(const char *what, int err)
{
	fprintf(stderr, "consumer: %s: %s\n", what, strerror(err));
	return 1;
}

static int check_names(void)
{
	enum mlx5ctl_scope scope;
	enum mlx5ctl_backend backend;

	if (mlx5ctl_scope_parse("debug-write", &scope) ||
	    scope != MLX5CTL_SCOPE_DEBUG_WRITE ||
	    strcmp(mlx5ctl_scope_str(scope), "debug-write"))
		return fail("scope names", EINVAL);
	if (mlx5ctl_backend_parse("fwctl", &backend) ||
	    backend != MLX5CTL_BACKEND_FWCTL ||
	    strcmp(mlx5ctl_backend_str(backend), "fwctl"))
		return fail("backend names", EINVAL);
	if (strcmp(mlx5ctl_status_str(0x3), "bad parameter"))
		return fail("status names", EINVAL);
	return 0;
}

static int check_list(void)
{
	struct mlx5ctl_devinfo *list;
	size_t n, i;
	int ret, found = 0;

	/* The installed emulator, as the machine's devices. */
	setenv("MLX5CTL_EMU_HOST", "2xconnectx7", 1);
	ret = mlx5ctl_get_device_list(&list, &n);
	unsetenv("MLX5CTL_EMU_HOST");
	if (ret)
		return fail("mlx5ctl_get_device_list", ret);
	for (i = 0; i < n; i++)
		if (!strcmp(list[i].name, "mlx5_1") &&
		    (list[i].flags & MLX5CTL_INFO_EMULATED))
			found = 1;
	mlx5ctl_free_device_list(list);
	return found ? 0 : fail("emulated host's mlx5_1 not listed", ENODEV);
}

static int check_device(struct mlx5ctl_device *dev)
{
	uint8_t cap[MLX5CTL_HCA_CAP_SIZE];
	uint8_t nop_in[16] = { 0x08, 0x0d }, nop_out[16];
	struct mlx5ctl_info info;
	int ret;

	ret = mlx5ctl_query_info(dev, &info);
	if (ret)
		return fail("mlx5ctl_query_info", ret);
	if (!(info.flags & MLX5CTL_INFO_EMULATED) || info.vendor_id != 0x15b3)
		return fail("mlx5ctl_query_info: not the emulated ConnectX", EINVAL);
	ret = mlx5ctl_query_hca_cap(dev, 0, MLX5CTL_CAP_CUR, cap, sizeof(cap));
	if (ret)
		return fail("mlx5ctl_query_hca_cap", ret);
	ret = mlx5ctl_rpc(dev, NULL, nop_in, sizeof(nop_in), nop_out,
			  sizeof(nop_out));
	if (ret)
		return fail("mlx5ctl_rpc(NOP)", ret);
	if (mlx5ctl_cmd_status(nop_out) || mlx5ctl_cmd_syndrome(nop_out))
		return fail("NOP status", EREMOTEIO);
	printf("consumer: %s via %s, firmware %s, uid %u\n", info.name,
	       mlx5ctl_backend_str(info.backend), info.fw_version, info.uid);
	return 0;
}

int main(void)
{
	struct mlx5ctl_device *dev;
	int ret;

	if (check_names() || check_list())
		return 1;
	dev = mlx5ctl_open("emu:connectx7", NULL);
	if (!dev) {
		/* The emulator, like the kernel, wants CAP_SYS_ADMIN. */
		if (errno == EPERM || errno == EACCES) {
			fprintf(stderr, "consumer: linked and ran; opening needs CAP_SYS_ADMIN\n");
			return SKIP;
		}
		return fail("mlx5ctl_open(emu:connectx7)", errno);
	}
	ret = check_device(dev);
	mlx5ctl_close(dev);
	return ret;
}
