/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * The dump command groups (rscdump, coredump, diagcnt, snapshot) and what
 * they share: a progress line, and the resource dump engine the snapshot
 * reuses for the menu.
 */
#ifndef MLX5CTL_DUMP_H
#define MLX5CTL_DUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"

int do_rscdump(struct cli *cli, int argc, char **argv);
int do_coredump(struct cli *cli, int argc, char **argv);
int do_diagcnt(struct cli *cli, int argc, char **argv);
int do_snapshot(struct cli *cli, int argc, char **argv);

/*
 * Progress of a long transfer on stderr, only when stderr is a terminal:
 * bytes, rate and a count of UNITs (segments, requests), redrawn at most
 * a few times a second.
 */
struct progress {
	bool on;
	const char *what, *unit;
	uint64_t bytes, count;
	double start, last;
};

void progress_start(struct progress *p, const char *what, const char *unit);
void progress_update(struct progress *p, uint64_t bytes, uint64_t count);
/* Erase the line, so errors and results start clean. */
void progress_end(struct progress *p);

/*
 * outfile.c: an -o FILE written atomically.  outfile_open(): 0 or errno;
 * F is where to write.  outfile_commit(): 0 when FILE now holds exactly
 * what was written, else errno with FILE as it was; outfile_abort(): FILE
 * as it was.  PATH "-" writes standard output.
 */
struct outfile {
	const char *path;	/* as the user named it */
	char *target;		/* the file renamed over; NULL: written in place */
	char *tmp;		/* the temporary; NULL: written in place */
	FILE *f;
};

int outfile_open(struct outfile *o, const char *path);
int outfile_commit(struct outfile *o);
void outfile_abort(struct outfile *o);
/* EXIT_OK, or EXIT_USAGE after saying why: "-o -" with -j. */
int outfile_check(const char *object, const char *path);

/* LEN bytes of memory registered for firmware to write dumps into. */
struct dump_umem {
	uint8_t *mem;
	size_t len;
	struct mlx5ctl_umem *umem;
};

/* 0, or an errno with nothing left mapped or registered. */
int dump_umem_get(struct mlx5ctl_device *dev, size_t len,
		  struct dump_umem *u);
/* Deregister and unmap; a no-op on what dump_umem_get() did not get. */
void dump_umem_put(struct dump_umem *u);
/* Report ERR of dump_umem_get() for WHAT, each note with the way around it. */
void dump_umem_report(struct cli *cli, const char *what, int err,
		      const char *unsupported_hint, const char *memlock_hint);

/* The resource dump menu segment as firmware sent it (malloc'ed). */
int rscdump_menu_raw(struct cli *cli, uint8_t **buf, size_t *len);
/* The whole menu dump stream, every segment (malloc'ed). */
int rscdump_menu_stream(struct cli *cli, uint8_t **buf, size_t *len);

#endif
