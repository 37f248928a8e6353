/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Count the heap allocations a program makes between start and stop:
 * malloc, calloc and realloc are defined in the program itself, in front
 * of glibc's, so every caller in the process reaches them.  Counting can
 * pause around code whose allocations are not the ones measured (what
 * stands below the syscall seam).  One thread at a time.
 */
#ifndef MLX5CTL_TESTS_MALLOC_COUNT_H
#define MLX5CTL_TESTS_MALLOC_COUNT_H

#include <stdbool.h>

/*
 * Whether the counter sees allocations at all: not under a sanitizer or
 * valgrind, which put their own allocator in front of ours.
 */
bool malloc_count_works(void);
void malloc_count_start(void);
unsigned long malloc_count_stop(void);
/* Pause; returns what malloc_count_resume() restores. */
bool malloc_count_pause(void);
void malloc_count_resume(bool was);

#endif
