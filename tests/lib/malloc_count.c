// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The allocation counter of malloc_count.h: this program's malloc, calloc
 * and realloc count while armed and hand the request to glibc's own
 * entry points, which glibc exports for exactly this (malloc(3) hooks
 * are gone since 2.34).
 */
#include <stdlib.h>

#include "malloc_count.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define MALLOC_COUNT_OFF
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MALLOC_COUNT_OFF
#endif

static bool armed;
static unsigned long count;

/*
 * A sanitizer's allocator must see every allocation its free() gets:
 * there, nothing is defined in front of it and nothing is counted.
 */
#ifndef MALLOC_COUNT_OFF
void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);

static void counted(void)
{
	if (armed)
		count++;
}

void *malloc(size_t size)
{
	counted();
	return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
	counted();
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
	counted();
	return __libc_realloc(p, size);
}
#endif

void malloc_count_start(void)
{
	count = 0;
	armed = true;
}

unsigned long malloc_count_stop(void)
{
	armed = false;
	return count;
}

bool malloc_count_pause(void)
{
	bool was = armed;

	armed = false;
	return was;
}

void malloc_count_resume(bool was)
{
	armed = was;
}

bool malloc_count_works(void)
{
	/* volatile: the compiler may not pair and drop the calls. */
	void *(*volatile alloc)(size_t) = malloc;
	void (*volatile release)(void *) = free;
	unsigned long n;

	malloc_count_start();
	release(alloc(16));
	n = malloc_count_stop();
	return n == 1;
}
