// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl -d DEV coredump -o FILE [--umem-size SIZE]
 *
 * A firmware core dump: a read of the CORE_DUMP register (0x402e) of type
 * cr_dump_to_mem has the device write its configuration register space,
 * as (address, value) dword pairs, into host memory - a UMEM, named by
 * mkey, from an offset (address), at most size bytes.  The answer says
 * how many bytes it wrote and, with more_dump, that there is more: the
 * next read carries its cookie back to continue.  Each piece goes to FILE
 * as it arrives, so memory stays one UMEM whatever the dump's size.
 *
 * The debug capabilities say whether the device can
 * (log_cr_dump_to_mem_size, 0 when not) and how much memory a whole dump
 * needs: 4 KiB << log_cr_dump_to_mem_size, the default UMEM size.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dump.h"
#include "print.h"
#include "prm.h"

static const char coredump_usage[] =
	"Usage: mlx5ctl [OPTIONS] -d DEV coredump -o FILE [--umem-size SIZE]\n"
	"  The firmware's core dump (its configuration register space) written\n"
	"  by the device into registered memory and streamed to FILE; needs\n"
	"  the ctl backend.  --umem-size: memory per request (N, NK, NM; a\n"
	"  multiple of 4K; default what the device asks for, at most 16M).\n";

#define CORE_DUMP_TO_MEM 0x2
#define UMEM_PAGE 4096ULL
#define UMEM_DEFAULT_MAX (16ULL << 20)
#define UMEM_MAX (1ULL << 30)
/* Answers without data before the tool gives up on a stuck device. */
#define MAX_STALLS 16

struct core_run {
	struct cli *cli;
	FILE *file;
	struct dump_umem u;
	struct progress progress;
	uint64_t bytes, requests;
	uint64_t limit;			/* a whole dump, from the capability */
};

static int parse_umem_size(const char *arg, uint64_t *len)
{
	size_t n = strlen(arg);
	unsigned int shift = 0;
	char num[32];
	uint64_t v;

	if (n && n < sizeof(num) && strchr("kKmMgG", arg[n - 1])) {
		shift = strchr("kK", arg[n - 1]) ? 10 :
			strchr("mM", arg[n - 1]) ? 20 : 30;
		n--;
	}
	if (n >= sizeof(num))
		n = 0;
	memcpy(num, arg, n);
	num[n] = 0;
	if (parse_u64(num, UMEM_MAX >> shift, &v) || !v ||
	    (v << shift) % UMEM_PAGE) {
		report_misuse("coredump: --umem-size \"%s\" is not a multiple of 4K up to 1G",
			      arg);
		return -1;
	}
	*len = v << shift;
	return 0;
}

/*
 * The memory a whole dump needs (*LIMIT) and, unless given, the UMEM size;
 * or the exit code after the device said it cannot dump to memory.
 */
static int umem_size_from_caps(struct cli *cli, uint64_t *len,
			       uint64_t *limit)
{
	uint8_t page[MLX5CTL_HCA_CAP_SIZE] = {};
	unsigned int log_size;
	int rc;

	rc = cli_result(cli, "QUERY_HCA_CAP debug",
			mlx5ctl_query_hca_cap(cli->dev, PRM_CAP_debug,
					      MLX5CTL_CAP_CUR, page, sizeof(page)),
			page);
	if (rc)
		return rc;
	log_size = PRM_GET(debug_cap, page, log_cr_dump_to_mem_size);
	if (!log_size) {
		report_misuse("%s: coredump failed: the device does not dump its core to memory (debug capability log_cr_dump_to_mem_size 0)",
			      cli->devname);
		return EXIT_FAIL;
	}
	*limit = UMEM_PAGE << log_size;
	if (!*len)
		*len = *limit < UMEM_DEFAULT_MAX ? *limit : UMEM_DEFAULT_MAX;
	return EXIT_OK;
}

/*
 * The end firmware announced, with N bytes.  An end without data is an
 * answer that went wrong: cr-space is never empty, and more_dump said
 * there was more data.  Never a truncated dump passed off as whole.
 */
static int core_end(const struct core_run *r, uint64_t n)
{
	if (n)
		return EXIT_OK;
	report_misuse("%s: coredump failed: firmware ended the dump without data after %" PRIu64 " bytes",
		      r->cli->devname, r->bytes);
	return EXIT_FAIL;
}

/* The request loop.  EXIT_OK or EXIT_FAIL, every failure reported. */
static int core_loop(struct core_run *r)
{
	const char *dev = r->cli->devname;
	uint64_t cookie = 0;
	unsigned int stalls = 0;

	for (;;) {
		uint8_t reg[PRM_SIZE(core_dump_reg)] = {};
		uint64_t n;
		int ret;

		PRM_SET(core_dump_reg, reg, core_dump_type, CORE_DUMP_TO_MEM);
		/* The mkey translates the buffer's own addresses. */
		PRM_SET(core_dump_reg, reg, mkey, mlx5ctl_umem_mkey(r->u.umem));
		PRM_SET(core_dump_reg, reg, address, (uintptr_t)r->u.mem);
		PRM_SET(core_dump_reg, reg, size, r->u.len);
		PRM_SET(core_dump_reg, reg, cookie, cookie);
		ret = mlx5ctl_reg_read(r->cli->dev, PRM_REG_CORE_DUMP, 0, reg,
				       sizeof(reg));
		if (ret)
			return cli_result(r->cli, "core dump", ret, reg);
		r->requests++;
		n = PRM_GET(core_dump_reg, reg, size);
		if (n > r->u.len) {
			report_misuse("%s: coredump failed: firmware answered %" PRIu64 " bytes, more than the %zu it was given",
				      dev, n, r->u.len);
			return EXIT_FAIL;
		}
		if (fwrite(r->u.mem, 1, n, r->file) != n) {
			report_error(dev, "coredump output", errno, NULL);
			return EXIT_FAIL;
		}
		r->bytes += n;
		progress_update(&r->progress, r->bytes, r->requests);
		if (!PRM_GET(core_dump_reg, reg, more_dump))
			return core_end(r, n);
		if (!n && ++stalls > MAX_STALLS) {
			report_misuse("%s: coredump failed: firmware keeps answering more_dump without data",
				      dev);
			return EXIT_FAIL;
		}
		/* The capability bounds a whole dump: never loop forever. */
		if (r->bytes >= r->limit) {
			report_misuse("%s: coredump failed: firmware has more after %" PRIu64 " bytes, the size its debug capabilities announce",
				      dev, r->bytes);
			return EXIT_FAIL;
		}
		cookie = PRM_GET(core_dump_reg, reg, cookie);
	}
}

static int parse_args(int argc, char **argv, const char **file,
		      uint64_t *umem_len)
{
	int i;

	for (i = 0; i < argc; i += 2) {
		if (i + 1 >= argc) {
			report_misuse("coredump: %s needs a value", argv[i]);
			return -1;
		}
		if (!strcmp(argv[i], "-o")) {
			*file = argv[i + 1];
		} else if (!strcmp(argv[i], "--umem-size")) {
			if (parse_umem_size(argv[i + 1], umem_len))
				return -1;
		} else {
			report_misuse("coredump: unknown argument \"%s\"", argv[i]);
			return -1;
		}
	}
	if (!*file) {
		report_misuse("coredump: -o FILE is required");
		return -1;
	}
	return 0;
}

int do_coredump(struct cli *cli, int argc, char **argv)
{
	struct core_run r = { .cli = cli };
	const char *file = NULL;
	struct outfile out;
	char what[PATH_MAX + 32];
	uint64_t len = 0;
	int rc, ret;

	if (argc == 1 && cli_is_help(argv[0]))
		return cli_usage("coredump", coredump_usage, false);
	if (parse_args(argc, argv, &file, &len))
		return cli_usage("coredump", coredump_usage, true);
	rc = outfile_check("coredump", file);
	if (!rc)
		rc = cli_open(cli);
	if (!rc)
		rc = umem_size_from_caps(cli, &len, &r.limit);
	if (rc)
		return rc;
	rc = dump_umem_get(cli->dev, len, &r.u);
	if (rc) {
		dump_umem_report(cli, "coredump: UMEM registration", rc,
				 "; a core dump is written there",
				 "; a smaller --umem-size needs less");
		return EXIT_FAIL;
	}
	snprintf(what, sizeof(what), "coredump: writing %s", file);
	ret = outfile_open(&out, file);
	if (ret) {
		report_error(cli->devname, what, ret, NULL);
		dump_umem_put(&r.u);
		return EXIT_FAIL;
	}
	r.file = out.f;
	progress_start(&r.progress, "coredump", "requests");
	rc = core_loop(&r);
	progress_end(&r.progress);
	dump_umem_put(&r.u);
	/* A partial dump would pass for a whole one: FILE stays as it was. */
	if (rc) {
		outfile_abort(&out);
		return rc;
	}
	ret = outfile_commit(&out);
	if (ret) {
		report_error(cli->devname, what, ret, NULL);
		return EXIT_FAIL;
	}
	if (!strcmp(file, "-"))
		return EXIT_OK;
	print_string("file", "%s:", file);
	print_uint("bytes", " %" PRIu64 " bytes", r.bytes);
	print_uint("requests", " in %" PRIu64 " requests", r.requests);
	print_uint("umem_size", " of at most %zu bytes\n", r.u.len);
	return EXIT_OK;
}
