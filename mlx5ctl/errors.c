// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Every runtime failure is one stderr line in the format of DESIGN.md
 * section 6, so scripts and people can grep for it:
 *
 *   mlx5ctl: DEV: WHAT failed: REASON (status 0xNN "text", syndrome 0x...)
 *
 * The parenthesis only when firmware answered (EREMOTEIO): then the outbox
 * is valid and its status and syndrome are what a support case needs.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Only a replayed snapshot's kernel half fails an RPC with ENODATA. */
static bool replay_miss(const char *dev, int err)
{
	return err == ENODATA && dev && !strncmp(dev, "emu:@", 5);
}

void report_error(const char *dev, const char *what, int err, const void *out)
{
	uint8_t status;

	/* Keep the error after whatever output led to it. */
	fflush(stdout);
	fprintf(stderr, "mlx5ctl: ");
	if (dev)
		fprintf(stderr, "%s: ", dev);
	if (err == EREMOTEIO && out) {
		status = mlx5ctl_cmd_status(out);
		fprintf(stderr, "%s failed: firmware error (status %#x \"%s\", syndrome %#x)\n",
			what, status, mlx5ctl_status_str(status),
			mlx5ctl_cmd_syndrome(out));
		return;
	}
	fprintf(stderr, "%s failed: %s%s\n", what, report_reason(dev, err),
		replay_miss(dev, err) ? " (it holds what \"mlx5ctl snapshot\" reads; run the command on the device)" : "");
}

/*
 * The device list has no room for a reason.  On an emulated host the
 * reason is in MLX5CTL_EMU_HOST, and opening a device through it says
 * what is wrong with it.
 */
void report_discovery_error(int err)
{
	const char *host = getenv("MLX5CTL_EMU_HOST");
	char why[256] = "";
	struct mlx5ctl_open_attr attr = {
		.comp_mask = MLX5CTL_OPEN_ATTR_ERRBUF,
		.errbuf = why,
		.errbuf_len = sizeof(why),
	};

	if (host && *host)
		mlx5ctl_close(mlx5ctl_open("mlx5_0", &attr));
	if (why[0]) {
		fflush(stdout);
		fprintf(stderr, "mlx5ctl: MLX5CTL_EMU_HOST: %s\n", why);
		return;
	}
	report_error(NULL, "device discovery", err, NULL);
}

const char *report_reason(const char *dev, int err)
{
	return replay_miss(dev, err) ? "not recorded in the snapshot" :
				       strerror(err);
}

/*
 * The last report_misuse(): a usage error prints no JSON document, and
 * health's status line on misuse says what was wrong.
 */
static char misuse[256];
static unsigned int misuses;

const char *reported_misuse(void)
{
	return misuse[0] ? misuse : NULL;
}

unsigned int reported_misuses(void)
{
	return misuses;
}

void report_misuse(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(misuse, sizeof(misuse), fmt, ap);
	va_end(ap);
	misuses++;
	fprintf(stderr, "mlx5ctl: %s\n", misuse);
}

void report_note(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mlx5ctl: note: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
