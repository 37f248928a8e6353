// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Which of the program's paths go to the tree: the fwctl class and /dev
 * directories whole (the emulated devices replace the host's), and the
 * PCI directories of the emulated functions, so the rest of sysfs stays
 * the host's.  Only absolute paths, compared as written.
 */
#include <stdio.h>
#include <string.h>

#include "preload.h"

static const char *const whole_dirs[] = { "/sys/class/fwctl", "/dev/fwctl" };

/* PATH is PREFIX or below it. */
static bool below(const char *path, const char *prefix, size_t n)
{
	return !strncmp(path, prefix, n) && (!path[n] || path[n] == '/');
}

/* Below the PCI directory of an emulated function, by either path. */
static bool in_pci_dir(const char *path)
{
	static const char bus[] = "/sys/bus/pci/devices/";
	static const char devs[] = "/sys/devices/pci";
	const char *rest = NULL;
	size_t i, n;

	if (!strncmp(path, bus, sizeof(bus) - 1))
		rest = path + sizeof(bus) - 1;
	/* "/sys/devices/pciDDDD:00/" and the address below it */
	else if (!strncmp(path, devs, sizeof(devs) - 1) &&
		 strlen(path) > sizeof(devs) - 1 + 8 &&
		 path[sizeof(devs) - 1 + 7] == '/')
		rest = path + sizeof(devs) - 1 + 8;
	if (!rest)
		return false;
	for (i = 0; i < preload_host.ndevs; i++) {
		n = strlen(preload_host.devs[i].id->pci);
		if (below(rest, preload_host.devs[i].id->pci, n))
			return true;
	}
	return false;
}

static bool redirected(const char *path)
{
	size_t i;

	for (i = 0; i < sizeof(whole_dirs) / sizeof(whole_dirs[0]); i++)
		if (below(path, whole_dirs[i], strlen(whole_dirs[i])))
			return true;
	return in_pci_dir(path);
}

const char *preload_path(const char *path, char *buf, size_t len)
{
	int n;

	if (!preload_active || !path || path[0] != '/' || !redirected(path))
		return path;
	n = snprintf(buf, len, "%s%s", preload_host.tree, path);
	/* Too long for the tree: the program's own path fails the same way. */
	return n < 0 || (size_t)n >= len ? path : buf;
}

struct preload_dev *preload_node(const char *path)
{
	static const char dir[] = "/dev/fwctl/";
	size_t i;

	if (!preload_active || !path || strncmp(path, dir, sizeof(dir) - 1))
		return NULL;
	for (i = 0; i < preload_host.ndevs; i++)
		if (!strcmp(path + sizeof(dir) - 1,
			    preload_host.devs[i].id->fwctl))
			return &preload_host.devs[i];
	return NULL;
}

void preload_unpath(char *path)
{
	size_t n = strlen(preload_host.tree);

	if (preload_active && path && !strncmp(path, preload_host.tree, n) &&
	    path[n] == '/')
		memmove(path, path + n, strlen(path + n) + 1);
}
