/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Device resolution on a fake sysfs tree laid out like the kernel's:
 * class entries are symlinks into devices/, "device" links are relative,
 * fwctl hangs below an auxiliary device of its PCI function.
 *
 *   0000:08:00.0  ConnectX-7 PF: mlx5_0 (uverbs0), ens1f0np0, fwctl0,
 *                 plus an SF ib device mlx5_2 (uverbs2) and a second
 *                 netdev ens1f0npf0vf0
 *   0000:08:00.1  ConnectX-7 PF with fwctl1 only
 *   0000:09:00.0  another vendor: irdma0 (uverbs1), eth9, fwctl9 - ignored
 */
#define _GNU_SOURCE /* nftw() with FTW_PHYS */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../check.h"
#include "devres.h"

/* short enough that every path below it fits PATH_MAX */
static char root[512];
static int setup_failures;

static void path_of(char *buf, size_t len, const char *rel)
{
	snprintf(buf, len, "%s/%s", root, rel);
}

/* mkdir -p ROOT/REL */
static void mkdirs(const char *rel)
{
	char path[PATH_MAX], *p;

	path_of(path, sizeof(path), rel);
	for (p = path + strlen(root) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(path, 0755) && errno != EEXIST)
			setup_failures++;
		*p = '/';
	}
	if (mkdir(path, 0755) && errno != EEXIST)
		setup_failures++;
}

static void write_file(const char *rel, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	path_of(path, sizeof(path), rel);
	f = fopen(path, "w");
	if (!f) {
		setup_failures++;
		return;
	}
	fputs(text, f);
	fclose(f);
}

/* ROOT/REL -> TARGET (relative to the link's directory, as sysfs does) */
static void link_to(const char *target, const char *rel)
{
	char path[PATH_MAX];

	path_of(path, sizeof(path), rel);
	if (symlink(target, path))
		setup_failures++;
}

#define PCI "devices/pci0000:00/"
#define F0 PCI "0000:08:00.0"
#define F1 PCI "0000:08:00.1"
#define F9 PCI "0000:09:00.0"

static void pci_function(const char *dir, const char *vendor,
			 const char *device)
{
	char rel[PATH_MAX];

	mkdirs(dir);
	snprintf(rel, sizeof(rel), "%s/vendor", dir);
	write_file(rel, vendor);
	snprintf(rel, sizeof(rel), "%s/device", dir);
	write_file(rel, device);
}

static void build_tree(void)
{
	mkdirs("class/infiniband");
	mkdirs("class/infiniband_verbs");
	mkdirs("class/net");
	mkdirs("class/fwctl");

	pci_function(F0, "0x15b3\n", "0x1021\n");
	pci_function(F1, "0x15b3\n", "0x1021\n");
	pci_function(F9, "0x8086\n", "0x1572\n");

	/* ib devices: device -> the PCI function (or the SF above it) */
	mkdirs(F0 "/infiniband/mlx5_0");
	link_to("../../../0000:08:00.0", F0 "/infiniband/mlx5_0/device");
	link_to("../../" F0 "/infiniband/mlx5_0", "class/infiniband/mlx5_0");
	mkdirs(F0 "/mlx5_core.sf.2/infiniband/mlx5_2");
	link_to("../../../mlx5_core.sf.2",
		F0 "/mlx5_core.sf.2/infiniband/mlx5_2/device");
	link_to("../../" F0 "/mlx5_core.sf.2/infiniband/mlx5_2",
		"class/infiniband/mlx5_2");
	mkdirs(F9 "/infiniband/irdma0");
	link_to("../../../0000:09:00.0", F9 "/infiniband/irdma0/device");
	link_to("../../" F9 "/infiniband/irdma0", "class/infiniband/irdma0");

	/* uverbs nodes name their ib device */
	mkdirs(F0 "/infiniband_verbs/uverbs0");
	write_file(F0 "/infiniband_verbs/uverbs0/ibdev", "mlx5_0\n");
	link_to("../../" F0 "/infiniband_verbs/uverbs0",
		"class/infiniband_verbs/uverbs0");
	mkdirs(F9 "/infiniband_verbs/uverbs1");
	write_file(F9 "/infiniband_verbs/uverbs1/ibdev", "irdma0\n");
	link_to("../../" F9 "/infiniband_verbs/uverbs1",
		"class/infiniband_verbs/uverbs1");
	mkdirs(F0 "/mlx5_core.sf.2/infiniband_verbs/uverbs2");
	write_file(F0 "/mlx5_core.sf.2/infiniband_verbs/uverbs2/ibdev",
		   "mlx5_2\n");
	link_to("../../" F0 "/mlx5_core.sf.2/infiniband_verbs/uverbs2",
		"class/infiniband_verbs/uverbs2");

	/* a test device: an ib device with no PCI function behind it */
	mkdirs("devices/virtual/infiniband/ctlmock0");
	link_to("../../devices/virtual/infiniband/ctlmock0",
		"class/infiniband/ctlmock0");
	mkdirs("devices/virtual/infiniband_verbs/uverbs3");
	write_file("devices/virtual/infiniband_verbs/uverbs3/ibdev",
		   "ctlmock0\n");
	link_to("../../devices/virtual/infiniband_verbs/uverbs3",
		"class/infiniband_verbs/uverbs3");

	/* netdevs */
	mkdirs(F0 "/net/ens1f0np0");
	link_to("../../../0000:08:00.0", F0 "/net/ens1f0np0/device");
	link_to("../../" F0 "/net/ens1f0np0", "class/net/ens1f0np0");
	mkdirs(F0 "/net/ens1f0npf0vf0");
	link_to("../../../0000:08:00.0", F0 "/net/ens1f0npf0vf0/device");
	link_to("../../" F0 "/net/ens1f0npf0vf0", "class/net/ens1f0npf0vf0");
	mkdirs(F9 "/net/eth9");
	link_to("../../../0000:09:00.0", F9 "/net/eth9/device");
	link_to("../../" F9 "/net/eth9", "class/net/eth9");
	/* a virtual netdev: no device link at all */
	mkdirs("devices/virtual/net/lo");
	link_to("../../devices/virtual/net/lo", "class/net/lo");

	/* fwctl: device -> the auxiliary device below the PCI function */
	mkdirs(F0 "/mlx5_core.fwctl.0/fwctl/fwctl0");
	link_to("../../../mlx5_core.fwctl.0",
		F0 "/mlx5_core.fwctl.0/fwctl/fwctl0/device");
	link_to("../../" F0 "/mlx5_core.fwctl.0/fwctl/fwctl0",
		"class/fwctl/fwctl0");
	mkdirs(F1 "/mlx5_core.fwctl.1/fwctl/fwctl1");
	link_to("../../../mlx5_core.fwctl.1",
		F1 "/mlx5_core.fwctl.1/fwctl/fwctl1/device");
	link_to("../../" F1 "/mlx5_core.fwctl.1/fwctl/fwctl1",
		"class/fwctl/fwctl1");
	mkdirs(F9 "/fwctl/fwctl9");
	link_to("../../../0000:09:00.0", F9 "/fwctl/fwctl9/device");
	link_to("../../" F9 "/fwctl/fwctl9", "class/fwctl/fwctl9");
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	return remove(path);
}

static void remove_tree(void)
{
	if (nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS))
		fprintf(stderr, "cleanup of %s failed\n", root);
}

static void check_f0(const struct devres *r, const char *ibdev,
		     const char *uverbs, const char *netdev)
{
	CHECK_STR(r->pci, "0000:08:00.0");
	CHECK_STR(r->ibdev, ibdev);
	CHECK_STR(r->uverbs, uverbs);
	CHECK_STR(r->netdev, netdev);
	CHECK_STR(r->fwctl, "fwctl0");
	CHECK_EQ(r->vendor_id, 0x15b3);
	CHECK_EQ(r->device_id, 0x1021);
}

static void check_f1(const struct devres *r)
{
	CHECK_STR(r->pci, "0000:08:00.1");
	CHECK_STR(r->ibdev, "");
	CHECK_STR(r->uverbs, "");
	CHECK_STR(r->netdev, "");
	CHECK_STR(r->fwctl, "fwctl1");
	CHECK_EQ(r->vendor_id, 0x15b3);
	CHECK_EQ(r->device_id, 0x1021);
}

static void test_list(void)
{
	struct devres *list = NULL;
	size_t num = 0;

	CHECK_EQ(devres_list(root, &list, &num), 0);
	CHECK_EQ(num, 2);
	if (num == 2) {
		/* the PF's own ib device names it, not the SF's */
		check_f0(&list[0], "mlx5_0", "uverbs0", "ens1f0np0");
		check_f1(&list[1]);
	}
	free(list);

	CHECK_EQ(devres_list(root, NULL, &num), EINVAL);
	CHECK_EQ(devres_list(root, &list, NULL), EINVAL);
}

static void test_resolve(void)
{
	static const char *const f0_names[] = {
		"mlx5_0", "0000:08:00.0", "08:00.0", "0000:08:00.0",
		"ens1f0np0", "fwctl0", "/dev/fwctl/fwctl0", "uverbs0",
		"/dev/infiniband/uverbs0",
	};
	static const char *const f1_names[] = {
		"0000:08:00.1", "08:00.1", "fwctl1", "/dev/fwctl/fwctl1",
	};
	static const char *const unknown[] = {
		"mlx5_9", "nosuch", "0000:08:00.2", "09:00.0", "0000:09:00.0",
		"irdma0", "uverbs1", "eth9", "fwctl9", "/dev/fwctl/fwctl9",
		"lo", "/dev/fwctl/", "..", ".", "class", "../class/fwctl",
		"fwctl0/..", "08:00", "08:00.0.0", "0000:08:00.0x",
		"/dev/infiniband/", "mlx5_0/device",
	};
	static const char *const bare_names[] = {
		"ctlmock0", "uverbs3", "/dev/infiniband/uverbs3",
	};
	struct devres r;
	char longname[5000];
	size_t i;

	for (i = 0; i < sizeof(f0_names) / sizeof(f0_names[0]); i++) {
		memset(&r, 0x5a, sizeof(r));
		CHECK_EQ(devres_resolve(root, f0_names[i], &r), 0);
		check_f0(&r, "mlx5_0", "uverbs0", "ens1f0np0");
	}
	for (i = 0; i < sizeof(f1_names) / sizeof(f1_names[0]); i++) {
		memset(&r, 0x5a, sizeof(r));
		CHECK_EQ(devres_resolve(root, f1_names[i], &r), 0);
		check_f1(&r);
	}
	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		int ret = devres_resolve(root, unknown[i], &r);

		if (ret != ENODEV)
			fprintf(stderr, "resolving \"%s\"\n", unknown[i]);
		CHECK_EQ(ret, ENODEV);
	}

	/* a second ib device (SF) or netdev of a function keeps its name */
	CHECK_EQ(devres_resolve(root, "mlx5_2", &r), 0);
	check_f0(&r, "mlx5_2", "uverbs2", "ens1f0np0");
	CHECK_EQ(devres_resolve(root, "uverbs2", &r), 0);
	check_f0(&r, "mlx5_2", "uverbs2", "ens1f0np0");
	CHECK_EQ(devres_resolve(root, "/dev/infiniband/uverbs2", &r), 0);
	check_f0(&r, "mlx5_2", "uverbs2", "ens1f0np0");
	CHECK_EQ(devres_resolve(root, "ens1f0npf0vf0", &r), 0);
	check_f0(&r, "mlx5_0", "uverbs0", "ens1f0npf0vf0");

	/* a device with no PCI function: only its two names */
	for (i = 0; i < sizeof(bare_names) / sizeof(bare_names[0]); i++) {
		memset(&r, 0x5a, sizeof(r));
		CHECK_EQ(devres_resolve(root, bare_names[i], &r), 0);
		CHECK_STR(r.ibdev, "ctlmock0");
		CHECK_STR(r.uverbs, "uverbs3");
		CHECK_STR(r.pci, "");
		CHECK_STR(r.fwctl, "");
		CHECK_EQ(r.vendor_id, 0);
	}

	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	CHECK_EQ(devres_resolve(root, longname, &r), ENODEV);
	CHECK_EQ(devres_resolve(root, "", &r), EINVAL);
	CHECK_EQ(devres_resolve(root, NULL, &r), EINVAL);
	CHECK_EQ(devres_resolve(root, "mlx5_0", NULL), EINVAL);
}

/* The root comes from the argument, else the environment, else /sys. */
static void test_root(void)
{
	struct devres *list = NULL;
	struct devres r;
	size_t num = 99;
	char missing[sizeof(root) + 16];

	CHECK_EQ(setenv("MLX5CTL_SYSFS_ROOT", root, 1), 0);
	CHECK_EQ(devres_resolve(NULL, "fwctl1", &r), 0);
	check_f1(&r);
	CHECK_EQ(devres_resolve("", "fwctl1", &r), 0);
	CHECK_EQ(devres_list(NULL, &list, &num), 0);
	CHECK_EQ(num, 2);
	free(list);

	/* an explicit root wins over the environment */
	snprintf(missing, sizeof(missing), "%s/nonexistent", root);
	CHECK_EQ(devres_resolve(missing, "fwctl1", &r), ENODEV);
	list = (void *)1;
	CHECK_EQ(devres_list(missing, &list, &num), 0);
	CHECK_EQ(num, 0);
	CHECK(!list);
	unsetenv("MLX5CTL_SYSFS_ROOT");
}

/* Broken entries are skipped, not fatal. */
static void test_broken(void)
{
	struct devres *list = NULL;
	struct devres r;
	size_t num = 0;

	link_to("../../devices/gone", "class/infiniband/mlx5_7");
	link_to("../../devices/gone", "class/fwctl/fwctl7");
	mkdirs("class/fwctl/fwctl8");	/* no device link */
	/* a function whose vendor file is garbage */
	pci_function(PCI "0000:0a:00.0", "banana\n", "0x1021\n");
	mkdirs(PCI "0000:0a:00.0/fwctl/fwctl6");
	link_to("../../../0000:0a:00.0", PCI "0000:0a:00.0/fwctl/fwctl6/device");
	link_to("../../" PCI "0000:0a:00.0/fwctl/fwctl6", "class/fwctl/fwctl6");

	CHECK_EQ(devres_list(root, &list, &num), 0);
	CHECK_EQ(num, 2);
	free(list);
	CHECK_EQ(devres_resolve(root, "mlx5_7", &r), ENODEV);
	CHECK_EQ(devres_resolve(root, "fwctl6", &r), ENODEV);
	CHECK_EQ(devres_resolve(root, "fwctl8", &r), ENODEV);
	CHECK_EQ(devres_resolve(root, "mlx5_0", &r), 0);
	check_f0(&r, "mlx5_0", "uverbs0", "ens1f0np0");
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	if (!tmp || !tmp[0] || strlen(tmp) > 256)
		tmp = "/tmp";
	snprintf(root, sizeof(root), "%s/devres.XXXXXX", tmp);
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return EXIT_FAILURE;
	}
	build_tree();
	CHECK_EQ(setup_failures, 0);
	unsetenv("MLX5CTL_SYSFS_ROOT");

	test_list();
	test_resolve();
	test_root();
	test_broken();

	remove_tree();
	return check_done("test_devres");
}
