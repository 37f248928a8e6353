// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The register database's load, timed in process: the median of N loads
 * through the cache in DIR, each cold (the cache file removed first: the
 * XML parsed and the cache written) or warm (from the cache).
 *
 *   adb_bench ADB DIR N    prints "cold_ms warm_ms"
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "prm_adb.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median ms of N loads; COLD removes the cache file before each. */
static double median_load(const char *adb, const char *dir, int n, int cold)
{
	double *t = calloc(n, sizeof(*t)), m, t0;
	char file[4096];
	int i;

	if (!t || !prm_adb_cache_path(adb, dir, file, sizeof(file)))
		exit(1);
	for (i = 0; i < n; i++) {
		if (cold)
			unlink(file);
		t0 = now_ms();
		if (prm_adb_load_cached(adb, dir, prm_adb_parse, NULL, NULL))
			exit(1);
		t[i] = now_ms() - t0;
	}
	qsort(t, n, sizeof(*t), cmp);
	m = t[n / 2];
	free(t);
	return m;
}

int main(int argc, char **argv)
{
	int n = argc > 3 ? atoi(argv[3]) : 0;

	if (argc != 4 || n < 1) {
		fprintf(stderr, "usage: adb_bench ADB DIR N\n");
		return 2;
	}
	printf("%.3f", median_load(argv[1], argv[2], n, 1));
	printf(" %.3f\n", median_load(argv[1], argv[2], n, 0));
	prm_adb_unload();
	return 0;
}
