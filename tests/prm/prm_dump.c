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
 *                                KIND is reg, cap, segment, status, uctx_cap;
 *                                and opcode: each entry of the opcode list
 *                                as prm_opcode.c looks it up (-1: wrongly)
 * Numbers are decimal; SUB is the nested layout's name or "-".
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "opcodes.h"
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

/*
 * Every entry of the opcode list, through prm_opcode.c both ways: the
 * value, or -1 (which no Linux value is) when prm_opcode_name() gives
 * another name for it or prm_opcode_by_name() another value for the name,
 * exact or in lower case.
 */
static void print_opcode(const char *name, int val)
{
	const char *got = prm_opcode_name(val);
	char lower[64];
	size_t i;

	for (i = 0; name[i] && i < sizeof(lower) - 1; i++)
		lower[i] = tolower((unsigned char)name[i]);
	lower[i] = 0;
	if (!got || strcmp(got, name) ||
	    prm_opcode_by_name(name, false) != val ||
	    prm_opcode_by_name(lower, true) != val)
		val = -1;
	printf("const opcode %s %d\n", name, val);
}

static void print_opcodes(void)
{
#define PRM_OPCODE_DUMP(name, val) print_opcode(#name, (val));
	PRM_OPCODES(PRM_OPCODE_DUMP)
#undef PRM_OPCODE_DUMP
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
	print_opcodes();
	return ferror(stdout) ? 1 : 0;
}
