// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The catalogue's first use from several threads at once: a layout is
 * unpacked (with what it nests) by whichever thread reaches it first,
 * under a lock, and published; the register, capability and choice
 * entries once; every built-in field's enum names parsed into a table
 * by the first thread that asks.  Four threads start together, each by
 * another way in (registers, capabilities, choices, then every layout),
 * follow every nested layout and look every enum name up: each answer
 * must be the one the enum string gives read in place (through a copy
 * of the field, which has no table).  Run under ThreadSanitizer by
 * ./build.sh test (label "lib").
 */
#include <pthread.h>

#include "../check.h"
#include "prm.h"

#define THREADS 4

static pthread_barrier_t start;

struct result {
	unsigned int first;	/* the way in: 0..3 */
	unsigned int lookups;	/* of the pass over every layout */
	unsigned int wrong;	/* in either pass */
};

/* "VALUE=" as the database writes it (0x for hex, else decimal): the '='. */
static const char *enum_value(const char *p, uint64_t *v)
{
	char *end;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		*v = strtoull(p + 2, &end, 16);
	else
		*v = strtoull(p, &end, 10);
	return *end == '=' ? end : NULL;
}

/* Every name of F's enum string, through F and through a copy of F. */
static void check_field(const struct prm_field *f, struct result *r)
{
	struct prm_field copy = *f;
	const char *p = f->enums, *cached, *parsed;
	uint64_t v;

	while (p && *p && (p = enum_value(p, &v))) {
		cached = prm_enum_name(f, v);
		parsed = prm_enum_name(&copy, v);
		r->lookups++;
		r->wrong += !cached || !parsed || strcmp(cached, parsed) ||
			    cached != prm_enum_name(f, v);
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
}

/* S's fields, and the layouts S nests, however deep. */
static void check_struct(const struct prm_struct *s, struct result *r)
{
	uint32_t j;

	for (j = 0; s && j < s->nfields; j++) {
		check_field(&s->fields[j], r);
		if (s->fields[j].sub)
			check_struct(s->fields[j].sub, r);
	}
}

static void way_in(unsigned int way, struct result *r)
{
	const struct prm_reg *reg;
	const struct prm_cap *cap;
	const struct prm_alt *alt;
	uint16_t id;
	size_t i;

	switch (way) {
	case 0:		/* registers by name, as reg show finds them */
		for (i = 0; prm_reg_name_at(i, &id); i++)
			if ((reg = prm_reg_find(prm_reg_name_at(i, &id))))
				check_struct(reg->layout, r);
		break;
	case 1:
		for (i = 0; (cap = prm_cap_at(i)); i++)
			check_struct(cap->layout, r);
		break;
	case 2:
		for (i = 0; (alt = prm_alt_at(i)); i++)
			check_struct(alt->layout, r);
		break;
	}
}

static void *worker(void *arg)
{
	struct result *r = arg;
	const struct prm_struct *s;
	size_t i;
	uint32_t j;

	pthread_barrier_wait(&start);
	way_in(r->first, r);
	/* Then every layout: all threads count the same lookups. */
	r->lookups = 0;
	for (i = 0; (s = prm_struct_at(i)); i++)
		for (j = 0; j < s->nfields; j++)
			check_field(&s->fields[j], r);
	return NULL;
}

int main(void)
{
	struct result r[THREADS] = { { 0 } };
	pthread_t t[THREADS];
	int i;

	CHECK(!pthread_barrier_init(&start, NULL, THREADS));
	for (i = 0; i < THREADS; i++) {
		r[i].first = i;
		CHECK(!pthread_create(&t[i], NULL, worker, &r[i]));
	}
	for (i = 0; i < THREADS; i++) {
		CHECK(!pthread_join(t[i], NULL));
		/* The database names about a thousand values. */
		CHECK(r[i].lookups > 500);
		CHECK_EQ(r[i].lookups, r[0].lookups);
		CHECK_EQ(r[i].wrong, 0);
	}
	pthread_barrier_destroy(&start);
	return check_done("test_prm_threads");
}
