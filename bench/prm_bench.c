// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * prm_bench: what the layout database costs.
 *
 *   - its size: structures, fields and the bytes of their tables and
 *     strings as the catalogue holds them (the linker's view of the same
 *     is "size" on the objects, see bench/README.md);
 *   - decode throughput: a 256-byte register decoded the way "mlx5ctl
 *     reg show" does it (decode.c and print.c of the utility, built in
 *     here), to one JSON document and to text, in decodes
 *     per second.  The output goes to /dev/null so the terminal is not
 *     what is measured; the figures go to the original stdout.
 *
 *   prm_bench [SECONDS]      (default 1 per case)
 *   prm_bench -n N CASE json|text
 *
 * The second form decodes case CASE (0, 1, 2: the rows printed by the
 * first) N times in decode_n() and prints nothing else: callgrind's
 * inclusive count of decode_n, over N, is the cost of one decode.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "decode.h"
#include "print.h"
#include "prm.h"

struct db_size {
	size_t structs, fields, enums;
	size_t table_bytes;	/* struct prm_struct and prm_field arrays */
	size_t string_bytes;	/* names and enum lists, NUL included */
};

static void measure_db(struct db_size *d)
{
	const struct prm_struct *s;
	size_t i;
	uint32_t j;

	memset(d, 0, sizeof(*d));
	for (i = 0; (s = prm_struct_at(i)); i++) {
		d->structs++;
		d->table_bytes += sizeof(*s);
		d->string_bytes += strlen(s->name) + 1;
		for (j = 0; j < s->nfields; j++) {
			const struct prm_field *f = &s->fields[j];

			d->fields++;
			d->table_bytes += sizeof(*f);
			d->string_bytes += strlen(f->name) + 1;
			if (f->enums) {
				d->enums++;
				d->string_bytes += strlen(f->enums) + 1;
			}
		}
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Counters that change in every byte, as a busy port's would. */
static void fill(uint8_t *buf, size_t len)
{
	uint32_t x = 0x12345678;
	size_t i;

	for (i = 0; i < len; i++) {
		x = x * 1103515245 + 12345;
		buf[i] = x >> 24;
	}
}

/* One "reg show": a document per decode, as one invocation prints it. */
static void decode_once(const struct prm_reg *r, const uint8_t *buf,
			size_t len, bool json);

static __attribute__((noinline)) void decode_n(const struct prm_reg *r,
					       const uint8_t *buf, size_t len,
					       bool json, unsigned long n)
{
	while (n--)
		decode_once(r, buf, len, json);
}

static void decode_once(const struct prm_reg *r, const uint8_t *buf,
			size_t len, bool json)
{
	print_init(json, false);
	print_open_object(r->name);
	decode_print(r->layout, buf, len, 0);
	print_close_object();
	print_fini();
}

static double rate(const struct prm_reg *r, const uint8_t *buf, size_t len,
		   bool json, double seconds)
{
	unsigned long n = 0, batch = 256, k;
	double start = now(), t;

	do {
		for (k = 0; k < batch; k++)
			decode_once(r, buf, len, json);
		n += batch;
		t = now() - start;
	} while (t < seconds);
	fflush(stdout);
	return n / t;
}

struct bench_case {
	const char *reg;
	const char *key, *select;	/* selector field=value */
	const char *what;
};

static const struct bench_case cases[] = {
	{ "PPCNT", "grp", "0x0", "PPCNT grp 0x0 (IEEE 802.3 counters)" },
	{ "PPCNT", "grp", "0x12", "PPCNT grp 0x12 (physical layer counters)" },
	{ "PDDR", "page_select", "0x0", "PDDR page 0 (operational info)" },
};

/* CASE's register, filled and with its selector set; NULL on failure. */
static uint8_t *case_buf(const struct bench_case *c, const struct prm_reg **r,
			 size_t *len)
{
	char expr[64], err[256];
	uint8_t *buf;

	*r = prm_reg_find(c->reg);
	if (!*r)
		return NULL;
	*len = (*r)->layout->bits / 8;
	buf = calloc(1, *len);
	if (!buf)
		return NULL;
	fill(buf, *len);
	/* The selector picks the layout the counter bytes decode as. */
	snprintf(expr, sizeof(expr), "%s=%s", c->key, c->select);
	if (prm_assign((*r)->layout, buf, *len, expr, err, sizeof(err)) ||
	    prm_assign((*r)->layout, buf, *len, "local_port=1", err,
		       sizeof(err))) {
		fprintf(stderr, "prm_bench: %s\n", err);
		free(buf);
		return NULL;
	}
	return buf;
}

#define NCASES (sizeof(cases) / sizeof(cases[0]))

/* prm_bench -n N CASE json|text */
static int count_mode(int argc, char **argv)
{
	unsigned long n, k;
	const struct prm_reg *r;
	uint8_t *buf;
	size_t len;

	if (argc != 5 || (strcmp(argv[4], "json") && strcmp(argv[4], "text"))) {
		fprintf(stderr, "usage: prm_bench -n N CASE json|text\n");
		return 2;
	}
	n = strtoul(argv[2], NULL, 0);
	k = strtoul(argv[3], NULL, 0);
	if (k >= NCASES || !freopen("/dev/null", "w", stdout))
		return 2;
	buf = case_buf(&cases[k], &r, &len);
	if (!buf)
		return 1;
	decode_n(r, buf, len, !strcmp(argv[4], "json"), n);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : 1.0;
	struct db_size d;
	FILE *report;
	size_t i;
	int fd;

	if (argc > 1 && !strcmp(argv[1], "-n"))
		return count_mode(argc, argv);
	if (seconds <= 0) {
		fprintf(stderr, "usage: prm_bench [SECONDS]\n");
		return 2;
	}
	/* Figures to the real stdout; the decoded documents to /dev/null. */
	fd = dup(STDOUT_FILENO);
	report = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!report || !freopen("/dev/null", "w", stdout)) {
		perror("prm_bench");
		return 1;
	}

	measure_db(&d);
	fprintf(report, "database: %zu structs, %zu fields (%zu with enum names), "
		"%zu registers, %zu capability types\n",
		d.structs, d.fields, d.enums, prm_reg_count(), prm_cap_count());
	fprintf(report, "  tables %zu bytes + strings %zu bytes = %.1f KiB\n",
		d.table_bytes, d.string_bytes,
		(d.table_bytes + d.string_bytes) / 1024.0);

	for (i = 0; i < NCASES; i++) {
		const struct bench_case *c = &cases[i];
		const struct prm_reg *r;
		uint8_t *buf;
		size_t len;

		buf = case_buf(c, &r, &len);
		if (!buf)
			return 1;
		fprintf(report, "%s, %zu bytes:\n", c->what, len);
		fprintf(report, "  to JSON:          %10.0f decodes/s\n",
			rate(r, buf, len, true, seconds));
		fprintf(report, "  to text:          %10.0f decodes/s\n",
			rate(r, buf, len, false, seconds));
		free(buf);
	}
	fclose(report);
	return 0;
}
