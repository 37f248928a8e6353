// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The real side of the syscall seam.
 *
 * A raw open of /dev/infiniband/uverbsN gives a file without a user
 * context, on which every driver method fails; libibverbs' provider sets
 * that context up.  So a uverbs path is opened through ibv_open_device()
 * and its cmd_fd is handed out, keeping the context until close.
 *
 * A device libibverbs has no provider for (the kernel's test device for
 * the control object) is opened directly and given its context with the
 * core's GET_CONTEXT method, which needs no driver data.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <infiniband/verbs.h>
#include <rdma/ib_user_ioctl_cmds.h>
#include <rdma/ib_user_ioctl_verbs.h>
#include <rdma/rdma_user_ioctl.h>

#include "sys.h"
#include "verbs_ioctl.h"

struct verbs_file {
	struct verbs_file *next;
	struct ibv_context *ctx;
};

static struct verbs_file *verbs_files;
static pthread_mutex_t verbs_files_lock = PTHREAD_MUTEX_INITIALIZER;

static const char uverbs_dir[] = "/dev/infiniband/";

/* The driver id is checked against the device's: ours is mlx5's. */
static int open_verbs_raw(const char *path)
{
	uint64_t buf[VERBS_IOCTL_BUF_SIZE(0) / sizeof(uint64_t)];
	struct verbs_ioctl cmd;
	int fd, err;

	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	verbs_ioctl_init(&cmd, buf, sizeof(buf), UVERBS_OBJECT_DEVICE,
			 UVERBS_METHOD_GET_CONTEXT, RDMA_DRIVER_MLX5);
	err = verbs_ioctl_finish(&cmd);
	if (err || ioctl(fd, RDMA_VERBS_IOCTL, cmd.hdr)) {
		err = err ? err : errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

static int open_verbs(const char *path)
{
	struct ibv_device **list, *found = NULL;
	struct verbs_file *vf;
	int i, n, fd;

	list = ibv_get_device_list(&n);
	if (!list)
		return open_verbs_raw(path);
	for (i = 0; i < n && !found; i++)
		if (!strcmp(list[i]->dev_path, path) ||
		    !strcmp(list[i]->dev_name, path + sizeof(uverbs_dir) - 1))
			found = list[i];
	if (!found) {
		ibv_free_device_list(list);
		return open_verbs_raw(path);
	}
	vf = calloc(1, sizeof(*vf));
	if (!vf) {
		ibv_free_device_list(list);
		return -1;
	}
	vf->ctx = ibv_open_device(found);
	ibv_free_device_list(list);
	if (!vf->ctx) {
		free(vf);
		return -1;
	}
	fd = vf->ctx->cmd_fd;
	pthread_mutex_lock(&verbs_files_lock);
	vf->next = verbs_files;
	verbs_files = vf;
	pthread_mutex_unlock(&verbs_files_lock);
	return fd;
}

static int kernel_open(struct mlx5ctl_sys *sys, const char *path, int flags)
{
	if (!strncmp(path, uverbs_dir, sizeof(uverbs_dir) - 1) &&
	    strstr(path, "uverbs"))
		return open_verbs(path);
	return open(path, flags | O_CLOEXEC);
}

static int kernel_ioctl(struct mlx5ctl_sys *sys, int fd, unsigned long req,
			void *arg)
{
	return ioctl(fd, req, arg);
}

static int kernel_close(struct mlx5ctl_sys *sys, int fd)
{
	struct verbs_file **pp, *vf = NULL;

	pthread_mutex_lock(&verbs_files_lock);
	for (pp = &verbs_files; *pp; pp = &(*pp)->next) {
		if ((*pp)->ctx->cmd_fd == fd) {
			vf = *pp;
			*pp = vf->next;
			break;
		}
	}
	pthread_mutex_unlock(&verbs_files_lock);
	if (vf) {
		int ret = ibv_close_device(vf->ctx);

		free(vf);
		return ret;
	}
	return close(fd);
}

struct mlx5ctl_sys mlx5ctl_sys_kernel = {
	.open = kernel_open,
	.ioctl = kernel_ioctl,
	.close = kernel_close,
};
