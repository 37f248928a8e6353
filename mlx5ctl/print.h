/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Output in the iproute2 way: one call per value writes the text form or
 * adds KEY to the JSON document, so text and JSON cannot drift apart.
 *
 * A NULL KEY prints in text mode only; a NULL FMT adds to JSON only.  In
 * JSON mode everything goes to one document, written by print_fini(), so
 * an invocation emits exactly one document however many calls it made.
 */
#ifndef MLX5CTL_PRINT_H
#define MLX5CTL_PRINT_H

#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

void print_init(bool json, bool pretty);
/* Write the JSON document (if any) and free it. */
void print_fini(void);
/* Drop the document: help and usage output is not JSON. */
void print_discard(void);
bool print_is_json(void);
/*
 * Commands run for what they read (snapshot): JSON off, the document kept;
 * print_resume() with what print_pause() returned turns it back on.
 */
bool print_pause(void);
void print_resume(bool json);
/* From now on JSON, as if -j had been given (a --format json). */
void print_json_on(void);
/*
 * Text from now on goes to F (NULL: stdout), for output that must come
 * after what is found later; returns the previous stream.
 */
FILE *print_text_to(FILE *f);

/* Containers: named in an object, anonymous inside an array. */
void print_open_object(const char *key);
void print_close_object(void);
void print_open_array(const char *key);
void print_close_array(void);

void print_uint(const char *key, const char *fmt, uint64_t val);
void print_int(const char *key, const char *fmt, int64_t val);
/* JSON: the string "0x..." as iproute2 does, since JSON has no hex. */
void print_hex(const char *key, const char *fmt, uint64_t val);
void print_string(const char *key, const char *fmt, const char *val);
void print_bool(const char *key, const char *fmt, bool val);
void print_double(const char *key, const char *fmt, double val);
/*
 * For callers that print the same keys again and again (the decoder's
 * layout names): whether KEY needs no JSON escape, asked once; and,
 * before a value call, that its key is the first LEN bytes of KEY (no
 * NUL needed after them), which need none: copied without a scan.
 * Applies to the next value call only.
 */
bool print_key_plain(const char *key);
void print_next_key(size_t len);

/*
 * JSON: the next value written as it is: KEY is KLEN bytes of a key with
 * its quotes and colon ("\"name\":", no escape needed), VAL is VLEN bytes
 * of JSON (a number, "0x1f" with its quotes).  The key is left out in an
 * array, as every print_* call leaves it.
 */
void print_member(const char *key, size_t klen, const char *val, size_t vlen);

/*
 * N bytes from SRC to DST, as memcpy() copies them; for the short names
 * and numbers a document is made of, in fixed-size moves (the last two
 * overlapping) rather than a call or a byte loop; no byte outside either
 * is touched.
 */
static inline void print_copy(char *dst, const char *src, size_t n)
{
	size_t i;

	if (n >= 16) {
		/* 16 at a time, the last 16 ending where the bytes end. */
		for (i = 0; i + 16 < n; i += 16)
			memcpy(dst + i, src + i, 16);
		memcpy(dst + n - 16, src + n - 16, 16);
	} else if (n >= 8) {
		memcpy(dst, src, 8);
		memcpy(dst + n - 8, src + n - 8, 8);
	} else if (n >= 4) {
		memcpy(dst, src, 4);
		memcpy(dst + n - 4, src + n - 4, 4);
	} else {
		while (n--)
			*dst++ = *src++;
	}
}

/* Text mode only. */
void print_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * VAL as "%" PRIu64 or "0x%" PRIx64 writes it, ending at END (24 bytes
 * hold any); returns where it starts.  For callers building lines.
 */
char *print_fmt_u64(char *end, uint64_t val, bool hex);
/*
 * D as snprintf(BUF, SIZE, "%.*g", PREC, D) writes it, faster; SIZE at
 * least 32.  Returns the length.
 */
size_t print_fmt_g(char *buf, size_t size, double d, int prec);
/*
 * Text mode only: "NAME VALUE" and a newline, NAME padded to WIDTH, as
 * printf("%-*s %s\n") writes it.
 */
void print_text_row(const char *name, unsigned int width, const char *value);
/* Text mode only: N bytes as they are (lines built by the caller). */
void print_text_raw(const char *s, size_t n);

#endif
