// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/* Opening devices: name resolution, backend selection, info, discovery. */
#define _GNU_SOURCE /* secure_getenv() */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <infiniband/verbs.h>

#include "devres.h"
#include "emu.h"
#include "mlx5ctl_int.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char emu_prefix[] = "emu:";

/* Best first: the order "auto" tries. */
static const struct mlx5ctl_backend_ops *const backends[] = {
	&mlx5ctl_backend_ctl,
	&mlx5ctl_backend_fwctl,
	&mlx5ctl_backend_devx,
};

void mlx5ctl_set_err(struct mlx5ctl_device *dev, const char *fmt, ...)
{
	va_list ap;

	if (dev->err[0])
		return;
	va_start(ap, fmt);
	vsnprintf(dev->err, sizeof(dev->err), fmt, ap);
	va_end(ap);
}

/*
 * SRC into DST of LEN bytes, cut as snprintf("%s") would cut it: a copy,
 * since an open copies a dozen names and a format costs a dozen copies.
 */
static void copy_name(char *dst, size_t len, const char *src)
{
	size_t n = strnlen(src, len - 1);

	memcpy(dst, src, n);
	dst[n] = 0;
}

static void take_devres(struct mlx5ctl_device *dev, const struct devres *r)
{
	copy_name(dev->ibdev, sizeof(dev->ibdev), r->ibdev);
	copy_name(dev->pci, sizeof(dev->pci), r->pci);
	copy_name(dev->netdev, sizeof(dev->netdev), r->netdev);
	copy_name(dev->fwctl, sizeof(dev->fwctl), r->fwctl);
	copy_name(dev->uverbs, sizeof(dev->uverbs), r->uverbs);
	dev->vendor_id = r->vendor_id;
	dev->device_id = r->device_id;
}

static void take_identity(struct devres *r, const struct emu_identity *id)
{
	memset(r, 0, sizeof(*r));
	copy_name(r->ibdev, sizeof(r->ibdev), id->ibdev);
	copy_name(r->pci, sizeof(r->pci), id->pci);
	copy_name(r->netdev, sizeof(r->netdev), id->netdev);
	copy_name(r->fwctl, sizeof(r->fwctl), id->fwctl);
	copy_name(r->uverbs, sizeof(r->uverbs), id->uverbs);
	r->vendor_id = id->vendor_id;
	r->device_id = id->device_id;
}

static int resolve_emu(struct mlx5ctl_device *dev, const char *spec)
{
	const struct emu_plugin *emu = mlx5ctl_emu_get(dev->err,
						       sizeof(dev->err));
	const struct emu_identity *id;
	struct devres r;

	if (!emu)
		return ENOENT;
	dev->sys = emu->sys_create(spec, dev->err, sizeof(dev->err));
	if (!dev->sys)
		return errno ? errno : EINVAL;
	id = emu->sys_identity(dev->sys);
	take_identity(&r, id);
	take_devres(dev, &r);
	copy_name(dev->fw_version, sizeof(dev->fw_version), id->fw_version);
	dev->flags |= MLX5CTL_INFO_EMULATED;
	return 0;
}

/*
 * MLX5CTL_EMU_HOST: the process runs on an emulated host instead of the
 * machine's devices.  Not honoured in a setuid program: a device spec can
 * name a file the emulator writes (state=FILE).
 */
static const char *emu_host(void)
{
	const char *host = secure_getenv("MLX5CTL_EMU_HOST");

	return host && *host ? host : NULL;
}

static int host_devices(struct emu_host_dev **devs, size_t *n, char *err,
			size_t errlen)
{
	const struct emu_plugin *emu = mlx5ctl_emu_get(err, errlen);

	if (!emu)
		return ENOENT;
	return emu->host_parse(emu_host(), devs, n, err, errlen);
}

static bool host_dev_is(const struct emu_host_dev *d, const char *name)
{
	const char *names[] = { d->id.ibdev, d->id.pci, d->id.netdev,
				d->id.fwctl, d->id.uverbs };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i][0] && !strcmp(names[i], name))
			return true;
	return false;
}

/* A name on the emulated host: any of a device's names, as on hardware. */
static int resolve_host(struct mlx5ctl_device *dev, const char *name)
{
	struct emu_host_dev *devs;
	size_t n, i;
	int ret;

	ret = host_devices(&devs, &n, dev->err, sizeof(dev->err));
	if (ret)
		return ret;
	for (i = 0; i < n && !host_dev_is(&devs[i], name); i++)
		;
	if (i < n)
		ret = resolve_emu(dev, devs[i].spec);
	else
		mlx5ctl_set_err(dev, "no device %s on the emulated host (MLX5CTL_EMU_HOST)",
				name);
	free(devs);
	return i < n ? ret : ENODEV;
}

static void read_fw_version(struct mlx5ctl_device *dev)
{
	const char *root = getenv("MLX5CTL_SYSFS_ROOT");
	char path[256];
	FILE *f;

	if (!dev->ibdev[0])
		return;
	snprintf(path, sizeof(path), "%s/class/infiniband/%s/fw_ver",
		 root ? root : "/sys", dev->ibdev);
	f = fopen(path, "re");
	if (!f)
		return;
	if (fgets(dev->fw_version, sizeof(dev->fw_version), f))
		dev->fw_version[strcspn(dev->fw_version, "\n")] = 0;
	fclose(f);
}

int mlx5ctl_resolve(struct mlx5ctl_device *dev, const char *name)
{
	struct devres r;
	int ret;

	if (!strncmp(name, emu_prefix, sizeof(emu_prefix) - 1))
		return resolve_emu(dev, name + sizeof(emu_prefix) - 1);
	if (emu_host())
		return resolve_host(dev, name);

	dev->sys = &mlx5ctl_sys_kernel;
	ret = devres_resolve(NULL, name, &r);
	if (ret)
		return ret;
	take_devres(dev, &r);
	read_fw_version(dev);
	return 0;
}

static struct mlx5ctl_device *dev_alloc(const char *name,
					const struct mlx5ctl_open_attr *attr)
{
	struct mlx5ctl_device *dev;

	if (attr && (attr->comp_mask & ~(uint64_t)(MLX5CTL_OPEN_ATTR_BACKEND |
						   MLX5CTL_OPEN_ATTR_SCOPE |
						   MLX5CTL_OPEN_ATTR_ERRBUF))) {
		errno = EOPNOTSUPP;
		return NULL;
	}
	dev = calloc(1, sizeof(*dev));
	if (!dev)
		return NULL;
	dev->fd = -1;
	dev->scope = MLX5CTL_SCOPE_DEBUG_READ_ONLY;
	if (attr && (attr->comp_mask & MLX5CTL_OPEN_ATTR_SCOPE))
		dev->scope = attr->scope;
	copy_name(dev->name, sizeof(dev->name), name);
	return dev;
}

/* Hand the reason for a failed open to the caller, when it asked. */
static void report_error(const struct mlx5ctl_device *dev,
			 const struct mlx5ctl_open_attr *attr)
{
	if (attr && (attr->comp_mask & MLX5CTL_OPEN_ATTR_ERRBUF) &&
	    attr->errbuf && attr->errbuf_len)
		copy_name(attr->errbuf, attr->errbuf_len, dev->err);
}

static void dev_free(struct mlx5ctl_device *dev)
{
	if (dev->sys && dev->sys->release)
		dev->sys->release(dev->sys);
	free(dev);
}

/*
 * Try the wanted backend, or every backend best-first.  When all fail, a
 * permission error says the most, then the first backend's error.
 */
static int open_backend(struct mlx5ctl_device *dev, enum mlx5ctl_backend want)
{
	int first = 0, perm = 0;
	size_t i;

	if (dev->scope > MLX5CTL_SCOPE_DEBUG_WRITE_FULL)
		return EINVAL;
	for (i = 0; i < ARRAY_SIZE(backends); i++) {
		int ret;

		if (want != MLX5CTL_BACKEND_AUTO && backends[i]->type != want)
			continue;
		/* The emulator stands under the ctl and fwctl encoders only. */
		if ((dev->flags & MLX5CTL_INFO_EMULATED) &&
		    backends[i] == &mlx5ctl_backend_devx &&
		    want == MLX5CTL_BACKEND_AUTO)
			continue;
		ret = backends[i]->open(dev);
		if (!ret) {
			dev->ops = backends[i];
			return 0;
		}
		if (!first)
			first = ret;
		if (!perm && (ret == EPERM || ret == EACCES))
			perm = ret;
	}
	if (perm)
		return perm;
	return first ? first : EINVAL;
}

struct mlx5ctl_device *mlx5ctl_open(const char *name,
				    const struct mlx5ctl_open_attr *attr)
{
	enum mlx5ctl_backend want = MLX5CTL_BACKEND_AUTO;
	struct mlx5ctl_device *dev;
	int ret;

	if (!name || !*name) {
		errno = EINVAL;
		return NULL;
	}
	dev = dev_alloc(name, attr);
	if (!dev)
		return NULL;
	if (attr && (attr->comp_mask & MLX5CTL_OPEN_ATTR_BACKEND))
		want = attr->backend;
	ret = mlx5ctl_resolve(dev, name);
	if (!ret)
		ret = open_backend(dev, want);
	if (ret) {
		report_error(dev, attr);
		dev_free(dev);
		errno = ret;
		return NULL;
	}
	return dev;
}

struct mlx5ctl_device *mlx5ctl_open_ibv(struct ibv_context *ctx,
					const struct mlx5ctl_open_attr *attr)
{
	enum mlx5ctl_backend want = MLX5CTL_BACKEND_AUTO;
	struct mlx5ctl_device *dev;
	struct devres r;
	int ret;

	if (!ctx) {
		errno = EINVAL;
		return NULL;
	}
	dev = dev_alloc(ibv_get_device_name(ctx->device), attr);
	if (!dev)
		return NULL;
	if (attr && (attr->comp_mask & MLX5CTL_OPEN_ATTR_BACKEND))
		want = attr->backend;
	dev->sys = &mlx5ctl_sys_kernel;
	dev->ibctx = ctx;
	if (!devres_resolve(NULL, dev->name, &r))
		take_devres(dev, &r);
	copy_name(dev->ibdev, sizeof(dev->ibdev), dev->name);
	read_fw_version(dev);
	/* fwctl does not use the verbs context; it is not tried here. */
	if (want == MLX5CTL_BACKEND_FWCTL)
		ret = EINVAL;
	else if (want != MLX5CTL_BACKEND_AUTO)
		ret = open_backend(dev, want);
	else if (!(ret = mlx5ctl_backend_ctl.open(dev)))
		dev->ops = &mlx5ctl_backend_ctl;
	else if (!(ret = mlx5ctl_backend_devx.open(dev)))
		dev->ops = &mlx5ctl_backend_devx;
	if (ret) {
		report_error(dev, attr);
		dev_free(dev);
		errno = ret;
		return NULL;
	}
	return dev;
}

int mlx5ctl_close(struct mlx5ctl_device *dev)
{
	if (!dev)
		return 0;
	if (dev->ops)
		dev->ops->close(dev);
	dev_free(dev);
	return 0;
}

int mlx5ctl_query_info(struct mlx5ctl_device *dev, struct mlx5ctl_info *info)
{
	if (!dev || !info)
		return EINVAL;
	memset(info, 0, sizeof(*info));
	info->backend = dev->ops->type;
	info->scope = dev->scope;
	info->uid = dev->uid;
	info->uctx_caps = dev->uctx_caps;
	info->flags = dev->flags;
	info->vendor_id = dev->vendor_id;
	info->device_id = dev->device_id;
	copy_name(info->fw_version, sizeof(info->fw_version), dev->fw_version);
	copy_name(info->name, sizeof(info->name), dev->name);
	copy_name(info->ibdev, sizeof(info->ibdev), dev->ibdev);
	copy_name(info->pci, sizeof(info->pci), dev->pci);
	copy_name(info->netdev, sizeof(info->netdev), dev->netdev);
	copy_name(info->fwctl, sizeof(info->fwctl), dev->fwctl);
	return 0;
}

static void devinfo_fill(struct mlx5ctl_devinfo *d, const struct devres *r)
{
	/* By its RDMA name, else by its PCI address (bounded by its array). */
	if (r->ibdev[0])
		copy_name(d->name, sizeof(d->name), r->ibdev);
	else
		copy_name(d->name, sizeof(r->pci), r->pci);
	copy_name(d->ibdev, sizeof(d->ibdev), r->ibdev);
	copy_name(d->pci, sizeof(d->pci), r->pci);
	copy_name(d->netdev, sizeof(d->netdev), r->netdev);
	copy_name(d->fwctl, sizeof(d->fwctl), r->fwctl);
}

/* The emulated host's devices, in place of the machine's. */
static int host_list(struct devres **list, size_t *num)
{
	struct emu_host_dev *devs;
	size_t i;
	int ret;

	ret = host_devices(&devs, num, NULL, 0);
	if (ret)
		return ret;
	*list = calloc(*num, sizeof(**list));
	for (i = 0; *list && i < *num; i++)
		take_identity(&(*list)[i], &devs[i].id);
	free(devs);
	return *list ? 0 : ENOMEM;
}

int mlx5ctl_get_device_list(struct mlx5ctl_devinfo **list, size_t *num)
{
	struct mlx5ctl_devinfo *out;
	struct devres *found = NULL;
	size_t n = 0, i;
	int ret;

	if (!list || !num)
		return EINVAL;
	if (emu_host()) {
		ret = host_list(&found, &n);
		if (ret)
			return ret;
	} else if (devres_list(NULL, &found, &n)) {
		/* No sysfs (containers) is not an error: there are no devices. */
		n = 0;
	}
	out = calloc(n + 1, sizeof(*out));
	if (!out) {
		free(found);
		return ENOMEM;
	}
	for (i = 0; i < n; i++) {
		devinfo_fill(&out[i], &found[i]);
		if (emu_host())
			out[i].flags = MLX5CTL_INFO_EMULATED;
	}
	free(found);
	*list = out;
	*num = n;
	return 0;
}

void mlx5ctl_free_device_list(struct mlx5ctl_devinfo *list)
{
	free(list);
}
