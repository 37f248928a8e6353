// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Print the built-in layout database one field a line, for checks
 * written in other languages (the mlx5_ifc.h cross-check):
 *   struct STRUCT BITS
 *   field STRUCT FIELD OFF BITS COUNT SUB
 * Numbers are decimal; SUB is the nested layout's name or "-".
 */
#include <stdio.h>

#include "prm.h"

int main(void)
{
	const struct prm_struct *s;
	size_t i;
	uint32_t j;

	for (i = 0; (s = prm_struct_at(i)); i++) {
		printf("struct %s %u\n", s->name, s->bits);
		for (j = 0; j < s->nfields; j++) {
			const struct prm_field *f = &s->fields[j];

			printf("field %s %s %u %u %u %s\n", s->name, f->name,
			       f->off, f->bits, f->count,
			       f->sub ? f->sub->name : "-");
		}
	}
	return ferror(stdout) ? 1 : 0;
}
