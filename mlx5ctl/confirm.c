// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Before a command changes device state (reg set, counters port clear):
 * say when the write taints the running kernel, and ask on a terminal.
 *
 * The question is asked only when stdin is a terminal and --yes was not
 * given, so scripts and pipes are unaffected; a person at a terminal sees
 * old -> new before anything is sent, as mstreg shows.  A write the
 * policy of the handle's kernel refuses (the library's, below debug-write)
 * changes nothing and taints nothing: it is sent without either, and the
 * refusal explains itself.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "policy.h"

/* Which kernel taints a write, by the backend that carries it. */
static const char *taint_reason(const struct mlx5ctl_info *info)
{
	switch (info->backend) {
	case MLX5CTL_BACKEND_CTL:
		return "the control object taints it (TAINT_USER) for every write-class command";
	case MLX5CTL_BACKEND_FWCTL:
		return "fwctl taints it (TAINT_FWCTL) for every RPC at scope debug-write or above";
	default:
		return NULL;
	}
}

static bool answered_yes(void)
{
	char line[16];

	if (!fgets(line, sizeof(line), stdin))
		return false;
	line[strcspn(line, "\n")] = 0;
	return !strcasecmp(line, "y") || !strcasecmp(line, "yes");
}

/* Will the library and the handle's kernel let IN through? */
static bool allowed(const struct mlx5ctl_info *info, const void *in,
		    size_t inlen)
{
	int lowest;

	/* What the library refuses below debug-write, on every backend. */
	if (cmd_is_reg_write(in) && info->scope < MLX5CTL_SCOPE_DEBUG_WRITE)
		return false;
	if (info->backend == MLX5CTL_BACKEND_DEVX)
		return true;
	lowest = info->backend == MLX5CTL_BACKEND_FWCTL ?
			 mlx5ctl_policy_fwctl(in, inlen) :
			 mlx5ctl_policy_ctl(in, inlen);
	return lowest >= 0 && info->scope >= (unsigned int)lowest;
}

int cli_write_ok(struct cli *cli, const char *what, const void *in,
		 size_t inlen, const char *changes)
{
	struct mlx5ctl_info info = {};
	const char *taint;

	if (mlx5ctl_query_info(cli->dev, &info) ||
	    !allowed(&info, in, inlen))
		return EXIT_OK;
	taint = taint_reason(&info);
	if (taint)
		fprintf(stderr, "mlx5ctl: warning: %s taints the running kernel: %s\n",
			what, taint);
	if (cli->yes || !isatty(STDIN_FILENO))
		return EXIT_OK;
	fprintf(stderr, "%s%s? [y/N] ", changes ? changes : "", what);
	fflush(stderr);
	if (answered_yes())
		return EXIT_OK;
	fprintf(stderr, "mlx5ctl: %s: not confirmed, nothing written\n", what);
	return EXIT_FAIL;
}
