// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/* Names: firmware status codes, backends and scopes. */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "mlx5ctl_int.h"
#include "prm.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const status_names[] = {
#define PRM_STATUS(name, value, text) [PRM_STATUS_##name] = text,
#include "db/prm_db.def"
};

/* The public names are the PRM's bits. */
#define PRM_UCTX_CAP(name, bit, text)                                  \
	_Static_assert((unsigned int)MLX5CTL_UCTX_CAP_##name ==        \
		       (unsigned int)PRM_UCTX_CAP_##name,               \
		       "MLX5CTL_UCTX_CAP_" #name);
#include "db/prm_db.def"

const char *mlx5ctl_status_str(uint8_t status)
{
	if (status < ARRAY_SIZE(status_names) && status_names[status])
		return status_names[status];
	return "unknown status";
}

uint8_t mlx5ctl_cmd_status(const void *out)
{
	return PRM_GET(mbox_out, out, status);
}

uint32_t mlx5ctl_cmd_syndrome(const void *out)
{
	return PRM_GET(mbox_out, out, syndrome);
}

static const char *const backend_names[] = {
	[MLX5CTL_BACKEND_AUTO] = "auto",
	[MLX5CTL_BACKEND_CTL] = "ctl",
	[MLX5CTL_BACKEND_FWCTL] = "fwctl",
	[MLX5CTL_BACKEND_DEVX] = "devx",
};

static const char *const scope_names[] = {
	[MLX5CTL_SCOPE_CONFIGURATION] = "configuration",
	[MLX5CTL_SCOPE_DEBUG_READ_ONLY] = "debug-read-only",
	[MLX5CTL_SCOPE_DEBUG_WRITE] = "debug-write",
	[MLX5CTL_SCOPE_DEBUG_WRITE_FULL] = "debug-write-full",
};

static const char *name_of(const char *const *names, size_t n, unsigned int v)
{
	return v < n ? names[v] : "unknown";
}

static int parse_name(const char *const *names, size_t n, const char *str,
		      unsigned int *v)
{
	size_t i;

	if (!str)
		return EINVAL;
	for (i = 0; i < n; i++) {
		if (!strcasecmp(str, names[i])) {
			*v = i;
			return 0;
		}
	}
	return EINVAL;
}

const char *mlx5ctl_backend_str(enum mlx5ctl_backend backend)
{
	return name_of(backend_names, ARRAY_SIZE(backend_names), backend);
}

int mlx5ctl_backend_parse(const char *str, enum mlx5ctl_backend *backend)
{
	unsigned int v;
	int ret = parse_name(backend_names, ARRAY_SIZE(backend_names), str, &v);

	if (!ret)
		*backend = v;
	return ret;
}

const char *mlx5ctl_scope_str(enum mlx5ctl_scope scope)
{
	return name_of(scope_names, ARRAY_SIZE(scope_names), scope);
}

int mlx5ctl_scope_parse(const char *str, enum mlx5ctl_scope *scope)
{
	unsigned int v;
	int ret = parse_name(scope_names, ARRAY_SIZE(scope_names), str, &v);

	if (!ret)
		*scope = v;
	return ret;
}
