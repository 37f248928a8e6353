// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Print the built-in layout database one field a line, for checks
 * written in other languages (the mlx5_ifc.h cross-check):
 *   struct STRUCT BITS
 *   field STRUCT FIELD OFF BITS COUNT SUB
 *   reg NAME ID STRUCT
 *   cap NAME TYPE STRUCT
 *   alt STRUCT FIELD SELECTOR VALUE LAYOUT
 *   const KIND NAME VALUE        the generated constants (prm_gen.h):
 *                                KIND is reg, cap, segment, status, uctx_cap
 * Numbers are decimal; SUB is the nested layout's name or "-".
 */
#include <stdio.h>

#include "prm.h"

/* What the compiler sees, not the catalogue: the enums code uses. */
static void print_constants(void)
{
#define PRM_REG(n, id, layout) \
	printf("const reg %s %u\n", #n, (unsigned int)PRM_REG_##n);
#define PRM_REG_ID(n, id) \
	printf("const reg %s %u\n", #n, (unsigned int)PRM_REG_##n);
#define PRM_CAP(n, type, layout) \
	printf("const cap %s %u\n", #n, (unsigned int)PRM_CAP_##n);
#define PRM_SEGMENT(n, type, text, layout) \
	printf("const segment %s %u\n", #n, (unsigned int)PRM_SEGMENT_##n);
#define PRM_STATUS(n, value, text) \
	printf("const status %s %u\n", #n, (unsigned int)PRM_STATUS_##n);
#define PRM_UCTX_CAP(n, bit, text) \
	printf("const uctx_cap %s %u\n", #n, (unsigned int)PRM_UCTX_CAP_##n);
#include "db/prm_db.def"
}

int main(void)
{
	const struct prm_struct *s;
	const struct prm_reg *r;
	const struct prm_cap *c;
	const struct prm_alt *a;
	size_t i;
	uint32_t j;

	for (i = 0; (s = prm_struct_at(i)); i++) {
		printf("struct %s %u\n", s->name, s->bits);
		for (j = 0; j < s->nfields; j++) {
			const struct prm_field *f = &s->fields[j];

			printf("field %s %s %u %u %u %s %s %s\n", s->name,
			       f->name, f->off, f->bits, f->count,
			       f->sub ? f->sub->name : "-",
			       f->flags & PRM_INDEX ? "INDEX" :
			       f->flags & PRM_RO ? "RO" : "RW",
			       f->enums ? f->enums : "-");
		}
	}
	for (i = 0; (r = prm_reg_at(i)); i++)
		printf("reg %s %u %s\n", r->name, r->id, r->layout->name);
	for (i = 0; (c = prm_cap_at(i)); i++)
		printf("cap %s %u %s\n", c->name, c->type, c->layout->name);
	for (i = 0; (a = prm_alt_at(i)); i++)
		printf("alt %s %s %s %llu %s\n", a->s->name, a->field,
		       a->selector, (unsigned long long)a->value,
		       a->layout->name);
	print_constants();
	return ferror(stdout) ? 1 : 0;
}
