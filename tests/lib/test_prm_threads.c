// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The catalogue's first use from several threads at once: it is unpacked
 * once (pthread_once) and every built-in field's enum names are parsed
 * into a table by whichever thread asks first.  Four threads start
 * together and look everything up; each answer must be the one the enum
 * string gives read in place (a copy of the field, which has no table).
 * Run under ThreadSanitizer by ./build.sh test (label "lib").
 */
#include <pthread.h>

#include "../check.h"
#include "prm.h"

#define THREADS 4

static pthread_barrier_t start;

struct result {
	unsigned int lookups;
	unsigned int wrong;
};

/* Every name of F's enum string, through F and through a copy of F. */
static void check_field(const struct prm_field *f, struct result *r)
{
	struct prm_field copy = *f;
	const char *p = f->enums, *cached, *parsed;
	unsigned long long v;
	char *end;

	while (p && *p) {
		v = strtoull(p, &end, 0);
		if (*end != '=')
			break;
		cached = prm_enum_name(f, v);
		parsed = prm_enum_name(&copy, v);
		r->lookups++;
		r->wrong += !cached || !parsed || strcmp(cached, parsed) ||
			    cached != prm_enum_name(f, v);
		p = strchr(end, ',');
		p = p ? p + 1 : NULL;
	}
}

static void *worker(void *arg)
{
	struct result *r = arg;
	const struct prm_struct *s;
	size_t i;
	uint32_t j;

	pthread_barrier_wait(&start);
	for (i = 0; (s = prm_struct_at(i)); i++)
		for (j = 0; j < s->nfields; j++)
			check_field(&s->fields[j], r);
	return NULL;
}

int main(void)
{
	struct result r[THREADS] = { 0 };
	pthread_t t[THREADS];
	int i;

	CHECK(!pthread_barrier_init(&start, NULL, THREADS));
	for (i = 0; i < THREADS; i++)
		CHECK(!pthread_create(&t[i], NULL, worker, &r[i]));
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
