// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The print layer against json-c and the C library, which it stands in
 * for: random documents written through the print_* calls must come out
 * as json-c serialises the same tree (plain, and pretty and spaced), and
 * print_fmt_g() must write what snprintf("%.*g") writes.
 */
#include <json-c/json.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "../check.h"
#include "print.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t rng = 88172645463325252ull;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Doubles of every kind a decode prints, and any bit pattern at all. */
static double some_double(void)
{
	uint64_t x = next();
	double d;

	switch (x % 6) {
	case 0:
		memcpy(&d, &x, sizeof(d));
		return d;
	case 1:
		return (double)(x >> (x & 63)) * 1e-3;	/* ms in seconds */
	case 2:
		return (double)(x % 100000000) / 1000.0;
	case 3:
		return (double)(int64_t)(x >> 40) * 0.125;	/* temperatures */
	case 4:
		return (double)(x % 2000001) + 0.5;	/* ties */
	default:
		return (double)(x >> (x & 63));	/* integers */
	}
}

static void check_fmt_g(void)
{
	/* Ties, the %e and %f boundaries, signed zero, a wide one. */
	static const struct {
		double d;
		int prec;
	} fixed[] = {
		{ 2.5, 1 }, { 3.5, 1 }, { 1234565, 6 }, { 1234575, 6 },
		{ 0.125, 2 }, { 999999.5, 6 }, { 86401.0, 6 }, { -0.0, 6 },
		{ 1e-5, 6 }, { 1e-4, 6 }, { 1e100, 17 }, { 123456, 6 },
		{ 1234567, 6 }, { 0.1, 17 }, { 52.5, 17 },
	};
	char got[64], want[64];
	unsigned int differ = 0;
	size_t i, n;
	int prec;

	for (i = 0; i < ARRAY_SIZE(fixed); i++) {
		n = print_fmt_g(got, sizeof(got), fixed[i].d, fixed[i].prec);
		snprintf(want, sizeof(want), "%.*g", fixed[i].prec, fixed[i].d);
		CHECK(!strcmp(got, want));
		CHECK_EQ(n, strlen(want));
	}
	for (i = 0; i < 100000; i++) {
		double d = some_double();

		for (prec = 1; prec <= 17; prec++) {
			n = print_fmt_g(got, sizeof(got), d, prec);
			snprintf(want, sizeof(want), "%.*g", prec, d);
			if ((strcmp(got, want) || n != strlen(want)) &&
			    differ++ < 5)
				fprintf(stderr, "%%.%dg of %a: %s, not %s\n",
					prec, d, got, want);
		}
	}
	CHECK_EQ(differ, 0);
}

/*
 * One random document, written through the print layer and built as a
 * json-c tree at the same time.
 */
struct doc {
	json_object *stack[8];
	unsigned int depth;
	unsigned int keys;	/* keys are unique: json-c replaces repeats */
};

static const char *const strings[] = {
	"plain", "", "with \"quotes\"", "back\\slash", "a/b", "tab\there",
	"line\nbreak", "\x01\x1f control", "caf\xc3\xa9",
};

static bool in_array(const struct doc *d)
{
	return json_object_is_type(d->stack[d->depth - 1], json_type_array);
}

static void add(struct doc *d, const char *key, json_object *v)
{
	json_object *top = d->stack[d->depth - 1];

	if (in_array(d))
		json_object_array_add(top, v);
	else
		json_object_object_add(top, key, v);
}

/* A value of a random kind under KEY, in both. */
static void one_value(struct doc *d, const char *key)
{
	uint64_t x = next();
	const char *str = strings[x % ARRAY_SIZE(strings)];
	char lit[80], plain[40], num[32], *p;
	int64_t i;
	double f;

	switch (x >> 8 & 7) {
	case 0:
		print_uint(key, NULL, x);
		add(d, key, json_object_new_uint64(x));
		break;
	case 1:
		i = (int64_t)x >> (x & 63);
		print_int(key, NULL, i);
		add(d, key, json_object_new_int64(i));
		break;
	case 2:
		print_hex(key, NULL, x >> 16);
		snprintf(num, sizeof(num), "0x%" PRIx64, x >> 16);
		add(d, key, json_object_new_string(num));
		break;
	case 3:
		print_string(key, NULL, str);
		add(d, key, json_object_new_string(str));
		break;
	case 4:
		print_bool(key, NULL, x & 1);
		add(d, key, json_object_new_boolean(x & 1));
		break;
	case 5:
		f = some_double();
		print_double(key, NULL, f);
		add(d, key, json_object_new_double(f));
		break;
	default:
		/*
		 * A number under a key already in JSON form, as decode has
		 * them: keys that need no escape.
		 */
		if (!print_key_plain(key))
			snprintf(plain, sizeof(plain), "k%u", d->keys++);
		else
			snprintf(plain, sizeof(plain), "%s", key);
		snprintf(lit, sizeof(lit), "\"%s\":", plain);
		key = plain;
		p = num + sizeof(num);
		*--p = 0;
		p = print_fmt_u64(p, x >> 3, false);
		print_member(lit, strlen(lit), p, strlen(p));
		add(d, key, json_object_new_uint64(x >> 3));
	}
}

static void open_level(struct doc *d, const char *key, bool array)
{
	json_object *c = array ? json_object_new_array() :
				 json_object_new_object();

	if (array)
		print_open_array(key);
	else
		print_open_object(key);
	add(d, key, c);
	d->stack[d->depth++] = c;
}

static void close_level(struct doc *d)
{
	if (in_array(d))
		print_close_array();
	else
		print_close_object();
	d->depth--;
}

static void random_doc(struct doc *d, unsigned int steps)
{
	char key[32];
	uint64_t x;

	while (steps--) {
		x = next();
		/* Most keys plain, some to escape. */
		snprintf(key, sizeof(key), x & 0x10 ? "k%u" : "k\"%u\\", d->keys++);
		if (x % 8 == 0 && d->depth < (unsigned int)ARRAY_SIZE(d->stack))
			open_level(d, key, x & 0x100);
		else if (x % 8 == 1 && d->depth > 1)
			close_level(d);
		else
			one_value(d, key);
	}
	while (d->depth > 1)
		close_level(d);
}

/* What print_fini() put on stdout, through the file FD. */
static char *capture_fini(int fd, int saved)
{
	off_t n;
	char *s;

	fflush(stdout);
	dup2(fd, STDOUT_FILENO);
	print_fini();
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	n = lseek(fd, 0, SEEK_CUR);
	s = n >= 0 ? calloc(1, n + 1) : NULL;
	if (s && pread(fd, s, n, 0) != n)
		s[0] = 0;
	if (ftruncate(fd, 0) || lseek(fd, 0, SEEK_SET))
		CHECK(0);
	return s;
}

static void check_documents(void)
{
	static const struct {
		bool pretty;
		int flags;
	} forms[] = {
		{ false, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE },
		{ true, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
			JSON_C_TO_STRING_NOSLASHESCAPE },
	};
	FILE *f = tmpfile();
	int saved = dup(STDOUT_FILENO), i, k, differ = 0;

	CHECK(f && saved >= 0);
	if (!f || saved < 0)
		return;
	for (i = 0; i < 400; i++) {
		for (k = 0; k < 2; k++) {
			struct doc d = { .depth = 1 };
			const char *want;
			char *got;

			d.stack[0] = json_object_new_object();
			print_init(true, forms[k].pretty);
			random_doc(&d, 1 + next() % 60);
			got = capture_fini(fileno(f), saved);
			want = json_object_to_json_string_ext(d.stack[0],
							      forms[k].flags);
			/* puts() ends the document with a newline. */
			if ((!got || strncmp(got, want, strlen(want)) ||
			     strcmp(got + strlen(want), "\n")) && differ++ < 3)
				fprintf(stderr, "print: %s\njson-c: %s\n",
					got ? got : "(nothing)", want);
			free(got);
			json_object_put(d.stack[0]);
		}
	}
	CHECK_EQ(differ, 0);
	fclose(f);
	close(saved);
}

int main(void)
{
	check_fmt_g();
	check_documents();
	return check_done("test_print");
}
