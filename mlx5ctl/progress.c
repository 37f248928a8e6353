// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * One progress line on stderr for dumps that take a while.  Only on a
 * terminal: in a pipe or a log file the line would be noise, and scripts
 * read the summary instead.
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "dump.h"

/* Redraw at most this often, seconds. */
#define PROGRESS_PERIOD 0.25

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void progress_start(struct progress *p, const char *what, const char *unit)
{
	p->on = isatty(STDERR_FILENO);
	p->what = what;
	p->unit = unit;
	p->bytes = p->count = 0;
	p->start = p->last = now();
}

void progress_update(struct progress *p, uint64_t bytes, uint64_t count)
{
	double t, rate;

	p->bytes = bytes;
	p->count = count;
	if (!p->on)
		return;
	t = now();
	if (t - p->last < PROGRESS_PERIOD)
		return;
	p->last = t;
	rate = t > p->start ? bytes / (t - p->start) : 0;
	fprintf(stderr, "\r%s: %.1f MiB, %.1f MiB/s, %llu %s\033[K",
		p->what, bytes / 1048576.0, rate / 1048576.0,
		(unsigned long long)count, p->unit);
}

void progress_end(struct progress *p)
{
	if (p->on && p->last > p->start)
		fputs("\r\033[K", stderr);
	p->on = false;
}
