/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Print a PRM buffer field by field through the layout database: text
 * "name value" lines with the values aligned, or nested JSON objects.
 */
#ifndef MLX5CTL_DECODE_H
#define MLX5CTL_DECODE_H

#include <stddef.h>

#include "prm.h"

/* INDENT: spaces before every text line (a section's body). */
void decode_print(const struct prm_struct *s, const void *buf, size_t len,
		  unsigned int indent);

/*
 * Forget the decodes written down (decode.c): they point into the layouts,
 * so call it before a catalogue is unloaded; new fields may take the old
 * ones' addresses.
 */
void decode_forget(void);

/* Width of the name column decode_print() will use for S. */
unsigned int decode_width(const struct prm_struct *s, unsigned int indent);

#endif
