// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The emulated host: one emulator per device of the spec list, and the
 * sysfs and /dev entries a fwctl program looks at, laid out as the
 * kernel lays them out for fwctl/mlx5 (an auxiliary device below the
 * PCI function, the fwctl class device below that).
 */
#define _GNU_SOURCE /* nftw() with FTW_PHYS */
#include <errno.h>
#include <ftw.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "preload.h"

static int __attribute__((format(printf, 4, 5)))
fail(char *err, size_t errlen, int ret, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return ret;
}

/* SPECS as MLX5CTL_EMU_HOST has it: the emulator's parser names them. */
int preload_host_create(struct preload_host *h, const char *specs, char *err,
			size_t errlen)
{
	size_t i;
	int ret;

	ret = mlx5ctl_emu_plugin.host_parse(specs, &h->hdevs, &h->ndevs, err,
					    errlen);
	if (ret)
		return ret;
	h->devs = calloc(h->ndevs, sizeof(*h->devs));
	if (!h->devs)
		return fail(err, errlen, ENOMEM, "%s", strerror(ENOMEM));
	for (i = 0; i < h->ndevs; i++) {
		h->devs[i].spec = h->hdevs[i].spec;
		h->devs[i].id = &h->hdevs[i].id;
	}
	return 0;
}

static pthread_mutex_t host_lock = PTHREAD_MUTEX_INITIALIZER;

struct mlx5ctl_sys *preload_dev_sys(struct preload_dev *d)
{
	struct mlx5ctl_sys *sys;
	char why[256];

	pthread_mutex_lock(&host_lock);
	if (!d->sys) {
		errno = 0;
		d->sys = emu_sys_create(d->spec, why, sizeof(why));
		/* The open fails with the errno, as one the kernel refuses. */
		if (!d->sys && !errno)
			errno = ENODEV;
	}
	sys = d->sys;
	pthread_mutex_unlock(&host_lock);
	return sys;
}

void preload_host_release(struct preload_host *h)
{
	size_t i;

	pthread_mutex_lock(&host_lock);
	for (i = 0; i < h->ndevs; i++)
		if (h->devs[i].sys) {
			h->devs[i].sys->release(h->devs[i].sys);
			h->devs[i].sys = NULL;
		}
	pthread_mutex_unlock(&host_lock);
}

/* printf into BUF (PATH_MAX); ENAMETOOLONG rather than a cut path. */
static int __attribute__((format(printf, 2, 3)))
pathf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, PATH_MAX, fmt, ap);
	va_end(ap);
	return n < 0 || n >= PATH_MAX ? ENAMETOOLONG : 0;
}

/* mkdir -p of the directory part of PATH. */
static int mkdirs(const char *path)
{
	char buf[PATH_MAX];
	char *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = strchr(buf + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = 0;
		if (mkdir(buf, 0755) && errno != EEXIST)
			return errno;
		*p = '/';
	}
	return 0;
}

struct entry {
	const char *name;	/* below the tree */
	const char *link;	/* a symlink to this, or NULL: a file */
	const char *text;	/* the file's contents */
	mode_t mode;		/* a file's, when not the umask's */
};

/*
 * Templates: @P the PCI address, @D its domain, @F the fwctl name, @N
 * the device's index, @V the vendor id, @I the device id, @M the major.
 */
#define PCI_DIR "sys/devices/pci@D:00/@P"
#define AUX_DIR PCI_DIR "/mlx5_core.fwctl.@N"
/* Designated: a file has no link, a link no text, only the node a mode. */
#define E_FILE(n, t) { .name = (n), .text = (t) }
#define E_LINK(n, l) { .name = (n), .link = (l) }

static const struct entry entries[] = {
	E_FILE(PCI_DIR "/vendor", "0x@V\n"),
	E_FILE(PCI_DIR "/device", "0x@I\n"),
	E_FILE(PCI_DIR "/uevent",
	       "DRIVER=mlx5_core\nPCI_ID=@V:@I\nPCI_SLOT_NAME=@P\n"),
	E_FILE(AUX_DIR "/fwctl/@F/dev", "@M:@N\n"),
	E_FILE(AUX_DIR "/fwctl/@F/uevent",
	       "MAJOR=@M\nMINOR=@N\nDEVNAME=fwctl/@F\n"),
	E_LINK(AUX_DIR "/fwctl/@F/device", "../../../mlx5_core.fwctl.@N"),
	E_LINK("sys/class/fwctl/@F",
	       "../../devices/pci@D:00/@P/mlx5_core.fwctl.@N/fwctl/@F"),
	E_LINK("sys/bus/pci/devices/@P", "../../../devices/pci@D:00/@P"),
	/* The node: the library serves it, stat() shows a char device. */
	{ .name = "dev/fwctl/@F", .text = "", .mode = 0600 },
};

/* The value of placeholder C for device D, index I, in BUF. */
static const char *placeholder(char c, const struct preload_dev *d, size_t i,
			       char *buf, size_t len)
{
	switch (c) {
	case 'P': return d->id->pci;
	case 'D': snprintf(buf, len, "%.4s", d->id->pci); return buf;
	case 'F': return d->id->fwctl;
	case 'N': snprintf(buf, len, "%zu", i); return buf;
	case 'V': snprintf(buf, len, "%04x", d->id->vendor_id); return buf;
	case 'I': snprintf(buf, len, "%04x", d->id->device_id); return buf;
	case 'M': snprintf(buf, len, "%d", PRELOAD_FWCTL_MAJOR); return buf;
	}
	return "";
}

/* TEMPLATE expanded into OUT (PATH_MAX bytes); ENAMETOOLONG if cut. */
static int expand(const char *tmpl, const struct preload_dev *d, size_t i,
		  char *out)
{
	char num[16];
	size_t n = 0, len;
	const char *v;

	for (; *tmpl; tmpl++) {
		if (tmpl[0] == '@' && tmpl[1]) {
			v = placeholder(*++tmpl, d, i, num, sizeof(num));
			len = strlen(v);
		} else {
			v = tmpl;
			len = 1;
		}
		if (n + len >= PATH_MAX)
			return ENAMETOOLONG;
		memcpy(out + n, v, len);
		n += len;
	}
	out[n] = 0;
	return 0;
}

static int write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wxe");
	int ret;

	if (!f)
		return errno;
	ret = fputs(text, f) < 0 ? EIO : 0;
	if (fclose(f) && !ret)
		ret = errno;
	return ret;
}

static int entry_write(const char *dir, const struct entry *e,
		       const struct preload_dev *d, size_t i)
{
	char name[PATH_MAX], path[PATH_MAX], text[PATH_MAX];
	int ret;

	ret = expand(e->name, d, i, name);
	if (!ret)
		ret = expand(e->link ? e->link : e->text, d, i, text);
	if (!ret)
		ret = pathf(path, "%s/%s", dir, name);
	if (!ret)
		ret = mkdirs(path);
	if (ret)
		return ret;
	if (e->link)
		return symlink(text, path) ? errno : 0;
	ret = write_text(path, text);
	if (!ret && e->mode && chmod(path, e->mode))
		ret = errno;
	return ret;
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	return remove(path);
}

static int tree_write(struct preload_host *h, const char *dir)
{
	size_t i, j;
	int ret;

	for (i = 0; i < h->ndevs; i++)
		for (j = 0; j < sizeof(entries) / sizeof(entries[0]); j++) {
			ret = entry_write(dir, &entries[j], &h->devs[i], i);
			if (ret)
				return ret;
		}
	return 0;
}

/*
 * Every process of the program loads this library: the first to finish
 * renames its tree into place, the others find it there and drop theirs.
 * All build the same tree from the same specs.
 */
int preload_tree_build(struct preload_host *h, const char *root, char *err,
		       size_t errlen)
{
	char tmp[PATH_MAX];
	int ret;

	ret = pathf(h->tree, "%s/tree", root);
	if (!ret)
		ret = pathf(tmp, "%s/.tree.XXXXXX", root);
	if (ret)
		return fail(err, errlen, ret, "%s: %s", root, strerror(ret));
	if (!access(h->tree, F_OK))
		return 0;
	if (!mkdtemp(tmp))
		return fail(err, errlen, errno, "%s: %s", tmp, strerror(errno));
	ret = tree_write(h, tmp);
	if (!ret && rename(tmp, h->tree) && errno != EEXIST &&
	    errno != ENOTEMPTY)
		ret = errno;
	nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	if (ret)
		return fail(err, errlen, ret, "%s: %s", root, strerror(ret));
	return 0;
}
