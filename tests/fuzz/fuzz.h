/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * What every fuzz target needs: a cursor over the fuzzer's bytes that
 * reads zeros past the end (so any input is a complete one), the bytes
 * as a file for code that only opens paths, and quiet standard output.
 */
#ifndef MLX5CTL_FUZZ_H
#define MLX5CTL_FUZZ_H

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FUZZ_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The harness broke its own contract or an oracle disagreed: a finding. */
#define FUZZ_CHECK(cond)                                                   \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: oracle: %s\n", __FILE__,   \
				__LINE__, #cond);                          \
			abort();                                           \
		}                                                          \
	} while (0)

struct fuzz_in {
	const uint8_t *p;
	size_t n;
};

static inline uint8_t fuzz_u8(struct fuzz_in *in)
{
	uint8_t v = 0;

	if (in->n) {
		v = *in->p++;
		in->n--;
	}
	return v;
}

/* Little-endian, so the dictionaries and seeds read as they are stored. */
static inline uint16_t fuzz_u16(struct fuzz_in *in)
{
	return fuzz_u8(in) | (uint16_t)fuzz_u8(in) << 8;
}

static inline uint32_t fuzz_u32(struct fuzz_in *in)
{
	return fuzz_u16(in) | (uint32_t)fuzz_u16(in) << 16;
}

static inline uint64_t fuzz_u64(struct fuzz_in *in)
{
	return fuzz_u32(in) | (uint64_t)fuzz_u32(in) << 32;
}

/* LEN bytes into DST, zeros for what the input lacks. */
static inline void fuzz_bytes(struct fuzz_in *in, void *dst, size_t len)
{
	size_t n = len < in->n ? len : in->n;

	memcpy(dst, in->p, n);
	memset((uint8_t *)dst + n, 0, len - n);
	in->p += n;
	in->n -= n;
}

/*
 * DATA as a file named by *PATH ("/proc/self/fd/N" of a memfd): no disk,
 * and every open of the name starts at offset 0.  The fd, or -1.
 */
static inline int fuzz_file(const void *data, size_t len, char *path,
			    size_t pathlen)
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);
	const uint8_t *p = data;

	if (fd < 0)
		return -1;
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n <= 0) {
			close(fd);
			return -1;
		}
		p += n;
		len -= n;
	}
	snprintf(path, pathlen, "/proc/self/fd/%d", fd);
	return fd;
}

/*
 * Standard output to /dev/null: what the code prints is not what is
 * fuzzed, and the terminal must not be what is measured.  Standard error
 * stays: libFuzzer and the sanitizers report there (-close_fd_mask=2
 * silences the code under test's own messages).
 */
static inline void fuzz_quiet_stdout(void)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return;
	dup2(fd, STDOUT_FILENO);
	/* Nothing may wait for a person at a terminal. */
	dup2(fd, STDIN_FILENO);
	close(fd);
}

/* FUZZ_TRACE=1 in the environment: say what an input reaches. */
static inline bool fuzz_trace(void)
{
	static int on = -1;

	if (on < 0)
		on = getenv("FUZZ_TRACE") != NULL;
	return on;
}

/*
 * workdir.c: a directory of the target's own (NAME.XXXXXX in /tmp) that
 * each run enters with the same files in it (s.json, a snapshot;
 * cx7.state, a state file; in.bin, an inbox) and leaves empty.
 */
void fuzz_workdir_init(const char *name);
void fuzz_workdir_enter(void);
void fuzz_workdir_leave(void);
/* Whether WORD, with NEXT its value, asks for little enough work. */
bool fuzz_cheap(const char *word, const char *next);
/* Every '/' of WORD made '_': a file it names is in the directory. */
void fuzz_no_paths(char *word);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#endif
