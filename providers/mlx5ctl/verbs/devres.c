/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Device resolution through sysfs.
 *
 * The PCI function is the common key: every class device we care about
 * (class/infiniband/X, class/fwctl/fwctlN, class/net/X) has a "device"
 * link that leads to the function itself or to an auxiliary device below
 * it (mlx5_core.fwctl.0, mlx5_core.eth.0, ...).  Walking up the resolved
 * path to the nearest component shaped like a PCI address finds the
 * function either way, on real and on fake (test) trees alike.
 */
#define _GNU_SOURCE /* strverscmp() */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devres.h"

#define PCI_VENDOR_ID_MELLANOX 0x15b3

#define FWCTL_DEV_PREFIX "/dev/fwctl/"
#define UVERBS_DEV_PREFIX "/dev/infiniband/"

/* One PCI function while the list is being built. */
struct func {
	struct devres res;
	char dir[PATH_MAX];	/* resolved sysfs directory of the function */
};

struct func_list {
	struct func *v;
	size_t num;
	size_t cap;
};

static const char *sysfs_root(const char *root)
{
	if (root && root[0])
		return root;
	root = getenv("MLX5CTL_SYSFS_ROOT");
	if (root && root[0])
		return root;
	return "/sys";
}

/*
 * Copy a name, or nothing: a truncated name would be the name of some
 * other device.
 */
static int copy_str(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (n >= len) {
		if (len)
			dst[0] = 0;
		return ENAMETOOLONG;
	}
	memcpy(dst, src, n + 1);
	return 0;
}

static int join(char *dst, size_t len, const char *a, const char *b,
		const char *c)
{
	int n = snprintf(dst, len, "%s/%s%s%s", a, b, c ? "/" : "",
			 c ? c : "");

	return (n < 0 || (size_t)n >= len) ? ENAMETOOLONG : 0;
}

/* "dddd:bb:dd.f", all hex digits, exactly as the PCI core names functions. */
static bool is_bdf(const char *s)
{
	static const char shape[] = "xxxx:xx:xx.x";
	size_t i;

	if (strlen(s) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i]; i++) {
		if (shape[i] == 'x' ? !isxdigit((unsigned char)s[i]) :
				      s[i] != shape[i])
			return false;
	}
	return true;
}

/*
 * A plain name of one sysfs directory entry: anything else (slashes,
 * "..") could walk out of the class directory it is looked up in.
 */
static bool is_entry_name(const char *s)
{
	return s[0] && strlen(s) < NAME_MAX && !strchr(s, '/') &&
	       strcmp(s, ".") && strcmp(s, "..");
}

/*
 * The PCI function behind CLASSDIR/NAME/device: its directory and its
 * address.  ENODEV when the link is missing or leads to no PCI function.
 */
static int func_of(const char *root, const char *class, const char *name,
		   char *dir, char *bdf, size_t bdflen)
{
	char path[PATH_MAX], real[PATH_MAX];
	char *slash;
	int ret;

	ret = join(path, sizeof(path), root, class, name);
	if (ret)
		return ret;
	if (strlen(path) + sizeof("/device") > sizeof(path))
		return ENAMETOOLONG;
	strcat(path, "/device");
	if (!realpath(path, real))
		return ENODEV;
	for (;;) {
		slash = strrchr(real, '/');
		if (!slash)
			return ENODEV;
		if (is_bdf(slash + 1))
			break;
		*slash = 0;
	}
	ret = copy_str(bdf, bdflen, slash + 1);
	if (ret)
		return ret;
	return copy_str(dir, PATH_MAX, real);
}

/* The first line of a small sysfs attribute file, without the newline. */
static int read_attr(const char *dir, const char *file, char *buf,
		     size_t len)
{
	char path[PATH_MAX];
	FILE *f;
	int ret;

	ret = join(path, sizeof(path), dir, file, NULL);
	if (ret)
		return ret;
	f = fopen(path, "re");
	if (!f)
		return errno;
	if (!fgets(buf, len, f))
		buf[0] = 0;
	fclose(f);
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

static int read_hex16(const char *dir, const char *file, uint16_t *val)
{
	char buf[32], *end;
	unsigned long v;
	int ret;

	ret = read_attr(dir, file, buf, sizeof(buf));
	if (ret)
		return ret;
	errno = 0;
	v = strtoul(buf, &end, 16);
	if (errno || end == buf || *end || v > UINT16_MAX)
		return EINVAL;
	*val = v;
	return 0;
}

static int cmp_names(const struct dirent **a, const struct dirent **b)
{
	/* uverbs2 before uverbs10, as people number them. */
	return strverscmp((*a)->d_name, (*b)->d_name);
}

static int skip_dots(const struct dirent *d)
{
	return strcmp(d->d_name, ".") && strcmp(d->d_name, "..");
}

/*
 * Sorted entries of ROOT/CLASS (CLASS may be an absolute directory when
 * ROOT is NULL).  A missing directory is an empty one: a machine without
 * fwctl simply has no fwctl devices.
 */
static int scan(const char *root, const char *class, struct dirent ***names,
		int *num)
{
	char path[PATH_MAX];
	int ret;

	if (root) {
		ret = join(path, sizeof(path), root, class, NULL);
		if (ret)
			return ret;
	} else {
		ret = copy_str(path, sizeof(path), class);
		if (ret)
			return ret;
	}
	*names = NULL;
	*num = scandir(path, names, skip_dots, cmp_names);
	if (*num >= 0)
		return 0;
	*num = 0;
	if (errno == ENOENT || errno == ENOTDIR)
		return 0;
	return errno;
}

static void free_names(struct dirent **names, int num)
{
	int i;

	for (i = 0; i < num; i++)
		free(names[i]);
	free(names);
}

static struct func *find_func(struct func_list *l, const char *bdf)
{
	size_t i;

	for (i = 0; i < l->num; i++)
		if (!strcmp(l->v[i].res.pci, bdf))
			return &l->v[i];
	return NULL;
}

static int add_func(struct func_list *l, const char *dir, const char *bdf,
		    struct func **out)
{
	struct func *f = find_func(l, bdf), *v;
	size_t cap;

	if (f) {
		*out = f;
		return 0;
	}
	if (l->num == l->cap) {
		cap = l->cap ? l->cap * 2 : 4;
		v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	f = &l->v[l->num++];
	memset(f, 0, sizeof(*f));
	copy_str(f->dir, sizeof(f->dir), dir);
	copy_str(f->res.pci, sizeof(f->res.pci), bdf);
	*out = f;
	return 0;
}

/*
 * Add the functions behind every entry of CLASS, naming each by the first
 * entry that leads to it (entries come sorted, so mlx5_0 wins over an SF's
 * mlx5_2 on the same function).  FIELD selects ibdev or fwctl.
 */
static int add_class(const char *root, struct func_list *l, const char *class,
		     size_t field, size_t fieldlen)
{
	char dir[PATH_MAX], bdf[32];
	struct dirent **names;
	struct func *f;
	int num, i, ret;

	ret = scan(root, class, &names, &num);
	if (ret)
		return ret;
	for (i = 0; i < num; i++) {
		char *dst;

		if (func_of(root, class, names[i]->d_name, dir, bdf,
			    sizeof(bdf)))
			continue;
		ret = add_func(l, dir, bdf, &f);
		if (ret)
			break;
		dst = (char *)&f->res + field;
		if (!dst[0])
			copy_str(dst, fieldlen, names[i]->d_name);
	}
	free_names(names, num);
	return ret;
}

/* The uverbs node whose "ibdev" attribute names IBDEV. */
static void find_uverbs(const char *root, const char *ibdev, char *out,
			size_t len)
{
	char dir[PATH_MAX], name[64];
	struct dirent **names;
	int num, i;

	out[0] = 0;
	if (!ibdev[0] || scan(root, "class/infiniband_verbs", &names, &num))
		return;
	for (i = 0; i < num; i++) {
		if (join(dir, sizeof(dir), root, "class/infiniband_verbs",
			 names[i]->d_name))
			continue;
		if (read_attr(dir, "ibdev", name, sizeof(name)))
			continue;
		if (!strcmp(name, ibdev)) {
			copy_str(out, len, names[i]->d_name);
			break;
		}
	}
	free_names(names, num);
}

/* The function's first netdev, from its own net/ directory. */
static void find_netdev(const struct func *f, char *out, size_t len)
{
	char dir[PATH_MAX];
	struct dirent **names;
	int num;

	out[0] = 0;
	if (join(dir, sizeof(dir), f->dir, "net", NULL) ||
	    scan(NULL, dir, &names, &num))
		return;
	if (num > 0)
		copy_str(out, len, names[0]->d_name);
	free_names(names, num);
}

static int cmp_func(const void *a, const void *b)
{
	return strcmp(((const struct func *)a)->res.pci,
		      ((const struct func *)b)->res.pci);
}

/* Every Mellanox function with an ib device or a fwctl node, filled in. */
static int collect(const char *root, struct func_list *l)
{
	size_t i, kept = 0;
	int ret;

	ret = add_class(root, l, "class/infiniband",
			offsetof(struct devres, ibdev),
			sizeof(l->v[0].res.ibdev));
	if (!ret)
		ret = add_class(root, l, "class/fwctl",
				offsetof(struct devres, fwctl),
				sizeof(l->v[0].res.fwctl));
	if (ret)
		return ret;

	for (i = 0; i < l->num; i++) {
		struct func *f = &l->v[i];

		if (read_hex16(f->dir, "vendor", &f->res.vendor_id) ||
		    f->res.vendor_id != PCI_VENDOR_ID_MELLANOX)
			continue;
		if (read_hex16(f->dir, "device", &f->res.device_id))
			f->res.device_id = 0;
		find_netdev(f, f->res.netdev, sizeof(f->res.netdev));
		find_uverbs(root, f->res.ibdev, f->res.uverbs,
			    sizeof(f->res.uverbs));
		if (kept != i)
			l->v[kept] = *f;
		kept++;
	}
	l->num = kept;
	if (l->num > 1)
		qsort(l->v, l->num, sizeof(l->v[0]), cmp_func);
	return 0;
}

int devres_list(const char *sysfs_root_dir, struct devres **list,
		size_t *num)
{
	const char *root = sysfs_root(sysfs_root_dir);
	struct func_list l = {};
	struct devres *out = NULL;
	size_t i;
	int ret;

	if (!list || !num)
		return EINVAL;
	ret = collect(root, &l);
	if (ret)
		goto out;
	if (l.num) {
		out = calloc(l.num, sizeof(*out));
		if (!out) {
			ret = ENOMEM;
			goto out;
		}
		for (i = 0; i < l.num; i++)
			out[i] = l.v[i].res;
	}
	*list = out;
	*num = l.num;
out:
	free(l.v);
	return ret;
}

/*
 * NAME as a PCI address in the kernel's long form; "08:00.0" is domain
 * 0000 as lspci prints it.  Empty when NAME is no PCI address.
 */
static void normalize_bdf(const char *name, char *out, size_t len)
{
	char full[32];

	out[0] = 0;
	if (strlen(name) < 16)
		snprintf(full, sizeof(full), "0000:%s", name);
	else
		full[0] = 0;
	if (is_bdf(name))
		copy_str(out, len, name);
	else if (is_bdf(full))
		copy_str(out, len, full);
	if (out[0]) {
		char *p;

		/* sysfs spells hex digits in lower case */
		for (p = out; *p; p++)
			*p = tolower((unsigned char)*p);
	}
}

/*
 * Match NAME against the function's own names first; then look NAME up
 * directly in class/infiniband and class/net, which also finds a second
 * ib device (an SF) or a second netdev (a representor) of a function.
 */
static struct func *match(const char *root, struct func_list *l,
			  const char *name, char *ibdev, char *netdev)
{
	char bdf[32], dir[PATH_MAX];
	size_t i;

	ibdev[0] = netdev[0] = 0;
	normalize_bdf(name, bdf, sizeof(bdf));
	for (i = 0; i < l->num; i++) {
		const struct devres *r = &l->v[i].res;

		if ((r->ibdev[0] && !strcmp(r->ibdev, name)) ||
		    (bdf[0] && !strcmp(r->pci, bdf)) ||
		    (r->fwctl[0] && !strcmp(r->fwctl, name)) ||
		    (r->uverbs[0] && !strcmp(r->uverbs, name)) ||
		    (r->netdev[0] && !strcmp(r->netdev, name)))
			return &l->v[i];
	}
	if (!is_entry_name(name))
		return NULL;
	if (!func_of(root, "class/infiniband", name, dir, bdf, sizeof(bdf))) {
		strcpy(ibdev, name);
		return find_func(l, bdf);
	}
	if (!func_of(root, "class/net", name, dir, bdf, sizeof(bdf))) {
		strcpy(netdev, name);
		return find_func(l, bdf);
	}
	/* A uverbs node stands for the ib device it serves. */
	if (!join(dir, sizeof(dir), root, "class/infiniband_verbs", name) &&
	    !read_attr(dir, "ibdev", ibdev, NAME_MAX) && is_entry_name(ibdev) &&
	    !func_of(root, "class/infiniband", ibdev, dir, bdf, sizeof(bdf)))
		return find_func(l, bdf);
	ibdev[0] = 0;
	return NULL;
}

/*
 * An ib device with no PCI function behind it (a test device), named by
 * itself or by its uverbs node: only the two names are known.
 */
static int resolve_bare_uverbs(const char *root, const char *name,
			       struct devres *out)
{
	char dir[PATH_MAX], bdf[32];

	if (!is_entry_name(name))
		return ENODEV;
	memset(out, 0, sizeof(*out));
	if (!join(dir, sizeof(dir), root, "class/infiniband_verbs", name) &&
	    !read_attr(dir, "ibdev", out->ibdev, sizeof(out->ibdev)) &&
	    is_entry_name(out->ibdev))
		copy_str(out->uverbs, sizeof(out->uverbs), name);
	else
		copy_str(out->ibdev, sizeof(out->ibdev), name);
	find_uverbs(root, out->ibdev, out->uverbs, sizeof(out->uverbs));
	/* A device of a PCI function that is not ours stays unknown. */
	if (out->uverbs[0] &&
	    func_of(root, "class/infiniband", out->ibdev, dir, bdf, sizeof(bdf)))
		return 0;
	memset(out, 0, sizeof(*out));
	return ENODEV;
}

int devres_resolve(const char *sysfs_root_dir, const char *name,
		   struct devres *out)
{
	const char *root = sysfs_root(sysfs_root_dir);
	char ibdev[NAME_MAX], netdev[NAME_MAX];
	struct func_list l = {};
	struct func *f;
	int ret;

	if (!name || !name[0] || !out)
		return EINVAL;
	if (strlen(name) >= NAME_MAX)
		return ENODEV;
	/* Device nodes name the same thing as their class entries. */
	if (!strncmp(name, FWCTL_DEV_PREFIX, strlen(FWCTL_DEV_PREFIX)))
		name += strlen(FWCTL_DEV_PREFIX);
	else if (!strncmp(name, UVERBS_DEV_PREFIX, strlen(UVERBS_DEV_PREFIX)))
		name += strlen(UVERBS_DEV_PREFIX);
	if (!name[0])
		return ENODEV;

	ret = collect(root, &l);
	if (ret)
		goto out;
	f = match(root, &l, name, ibdev, netdev);
	if (!f) {
		ret = resolve_bare_uverbs(root, name, out);
		goto out;
	}
	*out = f->res;
	if (ibdev[0] && strcmp(ibdev, out->ibdev)) {
		copy_str(out->ibdev, sizeof(out->ibdev), ibdev);
		find_uverbs(root, out->ibdev, out->uverbs,
			    sizeof(out->uverbs));
	}
	if (netdev[0])
		copy_str(out->netdev, sizeof(out->netdev), netdev);
out:
	free(l.v);
	return ret;
}
