// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Finding the emulator.  It is a plugin, installed as
 * LIBDIR/mlx5ctl/libmlx5ctl-emu.so next to this library, and loaded the
 * first time a process names an emulated device: a program that never does
 * maps none of it, nor json-c that its snapshot replay needs.  The unit
 * tests link it in instead (MLX5CTL_EMU_BUILTIN), as they link the rest of
 * the library's objects.
 */
#include <dlfcn.h>
#include <errno.h>
#include <libgen.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "emu.h"
#include "mlx5ctl_int.h"

#define EMU_PLUGIN_FILE "libmlx5ctl-emu.so"

#ifdef MLX5CTL_EMU_BUILTIN
const struct emu_plugin *mlx5ctl_emu_get(char *err, size_t errlen)
{
	return &mlx5ctl_emu_plugin;
}
#else
static pthread_once_t emu_once = PTHREAD_ONCE_INIT;
static const struct emu_plugin *emu_loaded;
static char emu_error[256];

/* The plugin this library was installed (or built) with, by its path. */
static void *emu_open_beside_self(void)
{
	char dir[4096];
	Dl_info info;
	int len;

	if (!dladdr((void *)mlx5ctl_emu_get, &info) || !info.dli_fname)
		return NULL;
	len = snprintf(dir, sizeof(dir), "%s", info.dli_fname);
	if (len < 0 || (size_t)len >= sizeof(dir))
		return NULL;
	len = snprintf(emu_error, sizeof(emu_error), "%s/mlx5ctl/%s",
		       dirname(dir), EMU_PLUGIN_FILE);
	if (len < 0 || (size_t)len >= sizeof(emu_error))
		return NULL;
	return dlopen(emu_error, RTLD_NOW | RTLD_LOCAL);
}

static void emu_load(void)
{
	const struct emu_plugin *p;
	void *h;

	h = emu_open_beside_self();
	if (!h)
		h = dlopen(MLX5CTL_EMU_DIR "/" EMU_PLUGIN_FILE,
			   RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(emu_error, sizeof(emu_error),
			 "the emulator is not installed (%s)", dlerror());
		return;
	}
	/* Kept loaded for the life of the process, as verbs providers are. */
	p = dlsym(h, EMU_PLUGIN_SYMBOL);
	if (!p || p->abi != EMU_PLUGIN_ABI ||
	    p->identity_size != sizeof(struct emu_identity)) {
		snprintf(emu_error, sizeof(emu_error),
			 "the emulator plugin does not match this library (ABI %u, want %u)",
			 p ? p->abi : 0, EMU_PLUGIN_ABI);
		return;
	}
	emu_loaded = p;
}

const struct emu_plugin *mlx5ctl_emu_get(char *err, size_t errlen)
{
	pthread_once(&emu_once, emu_load);
	if (!emu_loaded && err && errlen)
		snprintf(err, errlen, "%s", emu_error);
	return emu_loaded;
}
#endif
