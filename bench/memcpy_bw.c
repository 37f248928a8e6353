// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * memcpy_bw: the machine's memcpy bandwidth, the reference for dumps.
 *
 *   memcpy_bw [MIB]     (default 1024: bytes copied in all)
 *
 * Copies MIB MiB through a 16 MiB buffer pair, the largest piece a dump
 * request writes, and prints the median of five runs in GB/s (10^9).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHUNK (16u << 20)
#define RUNS 5

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	unsigned long mib = argc > 1 ? strtoul(argv[1], NULL, 0) : 1024, i;
	char *src = malloc(CHUNK), *dst = malloc(CHUNK);
	double rate[RUNS], t;
	volatile char sink;	/* a copy read back is not optimised away */
	int r;

	if (!src || !dst || mib < 16) {
		fprintf(stderr, "usage: memcpy_bw [MIB >= 16]\n");
		return 1;
	}
	memset(src, 0x5a, CHUNK);
	memset(dst, 0, CHUNK);
	for (r = 0; r < RUNS; r++) {
		t = now();
		for (i = 0; i < mib / 16; i++) {
			src[i % CHUNK] = (char)i;	/* not the same copy twice */
			memcpy(dst, src, CHUNK);
			sink = dst[i % CHUNK];
		}
		rate[r] = (double)(mib / 16) * CHUNK / (now() - t) / 1e9;
	}
	qsort(rate, RUNS, sizeof(rate[0]), cmp);
	(void)sink;
	printf("%.2f GB/s\n", rate[RUNS / 2]);
	free(src);
	free(dst);
	return 0;
}
