// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Emulated hosts, and the plugin's entry point.
 *
 * A GPU node carries eight HCAs and a DPU or two; tools that walk every
 * device need a host like that to be tested on.  A host is a list of
 * device specs; each device gets a slot, and the slot numbers its names
 * (mlx5_N, fwctlN, uverbsN, its PCI bus and netdev) apart from the others'
 * the way enumeration order does on a real machine.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu_fw_int.h"

/* ens1f0np0 -> ens4f0np0 for slot 3: the first number moves by SLOT. */
static void bump_first_number(char *name, size_t len, unsigned int slot)
{
	size_t i = strcspn(name, "0123456789");
	char tail[32], *end;
	unsigned long n;

	if (!name[i] || i >= len)
		return;
	n = strtoul(name + i, &end, 10);
	if (strlen(end) >= sizeof(tail))
		return;
	strcpy(tail, end);
	if (snprintf(name + i, len - i, "%lu%s", n + slot, tail) >= (int)(len - i))
		name[0] = 0;	/* no name rather than a cut one */
}

void emu_identity_place(struct emu_identity *id, unsigned int slot)
{
	unsigned int dom, bus, devfn, fn;

	if (!slot)
		return;
	snprintf(id->ibdev, sizeof(id->ibdev), "mlx5_%u", slot);
	snprintf(id->fwctl, sizeof(id->fwctl), "fwctl%u", slot);
	snprintf(id->uverbs, sizeof(id->uverbs), "uverbs%u", slot);
	if (sscanf(id->pci, "%x:%x:%x.%x", &dom, &bus, &devfn, &fn) == 4)
		snprintf(id->pci, sizeof(id->pci), "%04x:%02x:%02x.%x", dom,
			 (bus + slot) & 0xff, devfn, fn);
	bump_first_number(id->netdev, sizeof(id->netdev), slot);
}

struct host_parse {
	struct emu_host_dev *devs;
	size_t n;
	char *err;
	size_t errlen;
};

static int __attribute__((format(printf, 3, 4)))
host_err(struct host_parse *hp, int ret, const char *fmt, ...)
{
	va_list ap;

	if (hp->err && hp->errlen) {
		va_start(ap, fmt);
		vsnprintf(hp->err, hp->errlen, fmt, ap);
		va_end(ap);
	}
	return ret;
}

/* One device: its spec and the names emu_fw_create() gives it. */
static int host_add(struct host_parse *hp, const char *spec)
{
	struct emu_host_dev *d = &hp->devs[hp->n];
	struct emu_fw *fw;
	int len;

	if (hp->n >= EMU_HOST_MAX)
		return host_err(hp, EINVAL,
				"emulated host: more than %d devices", EMU_HOST_MAX);
	len = snprintf(d->spec, sizeof(d->spec), "%s,slot=%zu", spec, hp->n);
	if (len < 0 || (size_t)len >= sizeof(d->spec))
		return host_err(hp, EINVAL, "emulated host: '%s': too long",
				spec);
	fw = emu_fw_create(d->spec, hp->err, hp->errlen);
	if (!fw)
		return errno ? errno : EINVAL;
	d->id = *emu_fw_identity(fw);
	/*
	 * Only its names were wanted: a state=FILE is not written back, or
	 * every listing would race the processes using the device.
	 */
	free(fw->state_path);
	fw->state_path = NULL;
	emu_fw_destroy(fw);
	hp->n++;
	return 0;
}

/* "8xconnectx7-ib": 8 devices of that spec; "connectx7": one. */
static int host_item(struct host_parse *hp, char *item)
{
	unsigned long count = 1;
	char *end;
	int ret = 0;

	while (isspace((unsigned char)*item))
		item++;
	end = item + strlen(item);
	while (end > item && isspace((unsigned char)end[-1]))
		*--end = 0;
	if (!*item)
		return host_err(hp, EINVAL, "emulated host: an empty item");
	if (isdigit((unsigned char)*item)) {
		count = strtoul(item, &end, 10);
		if (*end != 'x' || !count || count > EMU_HOST_MAX)
			return host_err(hp, EINVAL,
					"emulated host: '%s': want COUNTxSPEC with COUNT in 1..%d",
					item, EMU_HOST_MAX);
		item = end + 1;
	}
	if (*item == '@')
		return host_err(hp, EINVAL,
				"emulated host: '%s': a replayed snapshot has one set of names; use emu:@FILE",
				item);
	while (count-- && !ret)
		ret = host_add(hp, item);
	return ret;
}

static int host_items(struct host_parse *hp, char *list, const char *sep)
{
	char *save = NULL, *item;
	int ret = 0;

	for (item = strtok_r(list, sep, &save); item && !ret;
	     item = strtok_r(NULL, sep, &save))
		if (*sep != '\n' || (item[strspn(item, " \t")] &&
				     item[strspn(item, " \t")] != '#'))
			ret = host_item(hp, item);
	return ret;
}

/* "@FILE": one item per line, '#' starts a comment line. */
static int host_file(struct host_parse *hp, const char *path)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int ret;

	f = fopen(path, "re");
	if (!f)
		return host_err(hp, errno, "emulated host: cannot open '%s'",
				path);
	ret = getdelim(&text, &len, 0, f) < 0 && ferror(f) ? errno : 0;
	fclose(f);
	if (ret)	/* a directory opens, and fails to read: EISDIR */
		ret = host_err(hp, ret, "emulated host: cannot read '%s': %s",
			       path, strerror(ret));
	if (!ret && text)
		ret = host_items(hp, text, "\n");
	free(text);
	return ret;
}

static int emu_host_parse(const char *host, struct emu_host_dev **devs,
			  size_t *n, char *err, size_t errlen)
{
	struct host_parse hp = { .err = err, .errlen = errlen };
	char *copy;
	int ret;

	hp.devs = calloc(EMU_HOST_MAX, sizeof(*hp.devs));
	copy = strdup(host);
	if (!hp.devs || !copy) {
		ret = host_err(&hp, ENOMEM, "emulated host: out of memory");
		goto out;
	}
	ret = host[0] == '@' ? host_file(&hp, host + 1) :
			       host_items(&hp, copy, "+");
	if (!ret && !hp.n)
		ret = host_err(&hp, EINVAL, "emulated host '%s' has no devices",
			       host);
out:
	free(copy);
	if (ret) {
		free(hp.devs);
		return ret;
	}
	*devs = hp.devs;
	*n = hp.n;
	return 0;
}

static const struct emu_identity *emu_sys_identity(struct mlx5ctl_sys *sys)
{
	return emu_fw_identity(emu_sys_fw(sys));
}

const struct emu_plugin mlx5ctl_emu_plugin = {
	.abi = EMU_PLUGIN_ABI,
	.identity_size = sizeof(struct emu_identity),
	.sys_create = emu_sys_create,
	.sys_identity = emu_sys_identity,
	.host_parse = emu_host_parse,
};
