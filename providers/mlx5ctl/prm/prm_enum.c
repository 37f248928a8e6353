// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Enum names.  The database writes them as one string per field,
 * "1=up,2=down,0x10=test": short to write and to review.  Decoding reads
 * them once per field and value, so a built-in field's string is parsed
 * once, on its first lookup, into a table kept for the process; fields
 * added at run time (the ADB) are read in place.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "prm.h"
#include "prm_enum.h"

/* One "VALUE=name" of an enum string at a time, in place. */
struct enum_iter {
	const char *p;
	uint64_t val;
	const char *name;
	size_t len;
};

static bool enum_next(struct enum_iter *it)
{
	const char *eq, *end;
	uint64_t v = 0;
	int base = 10;

	if (!it->p || !*it->p)
		return false;
	if (it->p[0] == '0' && (it->p[1] == 'x' || it->p[1] == 'X')) {
		base = 16;
		it->p += 2;
	}
	for (eq = it->p; *eq && *eq != '='; eq++) {
		unsigned int d;

		if (*eq >= '0' && *eq <= '9')
			d = *eq - '0';
		else if (base == 16 && *eq >= 'a' && *eq <= 'f')
			d = *eq - 'a' + 10;
		else if (base == 16 && *eq >= 'A' && *eq <= 'F')
			d = *eq - 'A' + 10;
		else
			return false;	/* malformed table: stop, never crash */
		v = v * base + d;
	}
	if (*eq != '=')
		return false;
	end = strchr(eq + 1, ',');
	if (!end)
		end = eq + 1 + strlen(eq + 1);
	it->val = v;
	it->name = eq + 1;
	it->len = end - (eq + 1);
	it->p = *end ? end + 1 : end;
	return true;
}

struct prm_enum_entry {
	uint64_t val;
	const char *name;
};

struct prm_enum_tab {
	size_t n;
	struct prm_enum_entry e[];	/* then the names, NUL-terminated */
};

static struct prm_enum_tab *enum_parse(const char *enums)
{
	struct enum_iter it = { .p = enums };
	struct prm_enum_tab *t;
	size_t n = 0, bytes = 0;
	char *names;

	while (enum_next(&it)) {
		n++;
		bytes += it.len + 1;
	}
	t = malloc(sizeof(*t) + n * sizeof(t->e[0]) + bytes);
	if (!t)
		return NULL;
	names = (char *)&t->e[n];
	t->n = 0;
	for (it.p = enums; t->n < n && enum_next(&it); t->n++) {
		memcpy(names, it.name, it.len);
		names[it.len] = 0;
		t->e[t->n] = (struct prm_enum_entry){ it.val, names };
		names += it.len + 1;
	}
	return t;
}

/*
 * The parsed table of a built-in field, made by whichever thread asks
 * first; NULL for other fields (or out of memory: then read in place).
 */
static const struct prm_enum_tab *enum_tab(const struct prm_field *f)
{
	const struct prm_enum_tab **slot = prm_enum_slot(f);
	const struct prm_enum_tab *t, *none = NULL;
	struct prm_enum_tab *made;

	if (!slot)
		return NULL;
	t = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
	if (t)
		return t;
	made = enum_parse(f->enums);
	if (!made)
		return NULL;
	if (__atomic_compare_exchange_n(slot, &none, made, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return made;
	free(made);	/* another thread's is in place */
	return none;
}

/* VAL's name read in place, into a small ring so several fit in one printf. */
static const char *enum_name_in_place(const char *enums, uint64_t val)
{
	static __thread char ring[4][96];
	static __thread unsigned int slot;
	struct enum_iter it = { .p = enums };
	char *out;

	while (enum_next(&it)) {
		if (it.val != val)
			continue;
		out = ring[slot++ % 4];
		if (it.len >= sizeof(ring[0]))
			it.len = sizeof(ring[0]) - 1;
		memcpy(out, it.name, it.len);
		out[it.len] = 0;
		return out;
	}
	return NULL;
}

/* A table's names live as long as the process. */
const char *prm_enum_name(const struct prm_field *f, uint64_t val)
{
	const struct prm_enum_tab *t;
	size_t i;

	if (!f || !f->enums)
		return NULL;
	t = enum_tab(f);
	if (!t)
		return enum_name_in_place(f->enums, val);
	for (i = 0; i < t->n; i++)
		if (t->e[i].val == val)
			return t->e[i].name;
	return NULL;
}

int prm_enum_value(const struct prm_field *f, const char *name, uint64_t *val)
{
	struct enum_iter it = { .p = f ? f->enums : NULL };

	if (!name)
		return EINVAL;
	while (enum_next(&it)) {
		if (strlen(name) == it.len && !strncmp(name, it.name, it.len)) {
			*val = it.val;
			return 0;
		}
	}
	return ENOENT;
}
