/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Inside the decoder: decode.c turns a layout into a plan of what to
 * print and replays it; decode_value.c prints the values that are more
 * than a number or a name (bytes, strings, temperatures, units, masks).
 */
#ifndef MLX5CTL_DECODE_INT_H
#define MLX5CTL_DECODE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "prm.h"

int64_t decode_sign_extend(uint64_t val, uint32_t bits);

/* NAME is N bytes long and ends in S (LEN bytes). */
bool decode_ends_with(const char *name, size_t n, const char *s, size_t len);

/* A temperature or a value in a unit of its own: decode_other() prints it. */
bool decode_is_other(const char *name, size_t n);

/*
 * F's value VAL (or its bytes) printed by the print layer's calls, IND
 * spaces before a text dump's lines: the text after a label the caller
 * wrote, or the JSON member.  Any field may go this way; bytes, strings,
 * masks and decode_is_other() names must.
 */
void decode_other(unsigned int ind, const struct prm_field *f, uint64_t val,
		  const uint8_t *bytes, size_t nbytes);

#endif
