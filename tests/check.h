/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Minimal assertions for the unit tests: each failure names the file, the
 * line and both values, and the program exits non-zero at the end so one
 * run reports every failing check.
 */
#ifndef MLX5CTL_TESTS_CHECK_H
#define MLX5CTL_TESTS_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond)                                                        \
	do {                                                               \
		check_count++;                                             \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: CHECK(%s) failed\n",       \
				__FILE__, __LINE__, #cond);                \
			check_failures++;                                  \
		}                                                          \
	} while (0)

#define CHECK_EQ(a, b)                                                     \
	do {                                                               \
		uint64_t check_a_ = (uint64_t)(a), check_b_ = (uint64_t)(b); \
		check_count++;                                             \
		if (check_a_ != check_b_) {                                \
			fprintf(stderr,                                    \
				"%s:%d: %s == %s failed: 0x%" PRIx64       \
				" != 0x%" PRIx64 "\n",                     \
				__FILE__, __LINE__, #a, #b, check_a_,      \
				check_b_);                                 \
			check_failures++;                                  \
		}                                                          \
	} while (0)

#define CHECK_STR(a, b)                                                    \
	do {                                                               \
		const char *check_a_ = (a), *check_b_ = (b);               \
		check_count++;                                             \
		if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_)) { \
			fprintf(stderr, "%s:%d: %s == \"%s\" failed: \"%s\"\n", \
				__FILE__, __LINE__, #a, check_b_ ? check_b_ : "(null)", \
				check_a_ ? check_a_ : "(null)");           \
			check_failures++;                                  \
		}                                                          \
	} while (0)

#define CHECK_MEM(a, b, n)                                                 \
	do {                                                               \
		check_count++;                                             \
		if (memcmp((a), (b), (n))) {                               \
			fprintf(stderr, "%s:%d: %s and %s differ\n",       \
				__FILE__, __LINE__, #a, #b);               \
			check_failures++;                                  \
		}                                                          \
	} while (0)

static inline int check_done(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
	return check_failures ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
