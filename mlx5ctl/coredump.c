// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl -d DEV coredump -o FILE
 *
 * A firmware core dump is written by the device into host memory (a UMEM)
 * after a write of the CORE_DUMP register (0x402e) asking for a dump to
 * memory.  The debug capabilities say whether the device can
 * (core_dump_general, and log_cr_dump_to_mem_size: the memory it needs).
 *
 * What this does today: the checks, with clear answers - no UMEM on this
 * backend, no core dump on this device.  The request itself is not sent:
 * the dump-to-memory fields of CORE_DUMP (where the memory key, address
 * and size go) are not in any public description of the register, and a
 * guessed layout would send wrong bytes to real firmware.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "dump.h"
#include "print.h"
#include "prm.h"

static const char coredump_usage[] =
	"Usage: mlx5ctl [OPTIONS] -d DEV coredump -o FILE\n"
	"  A firmware core dump into registered memory (ctl backend).  Today\n"
	"  only the checks: see mlx5ctl(1).\n";

#define CAP_DEBUG 0xd
#define UMEM_PROBE_SIZE 4096

/* The UMEM the dump needs: fail clearly where there is none. */
static int check_umem(struct cli *cli)
{
	void *mem = mmap(NULL, UMEM_PROBE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct mlx5ctl_umem *u;
	int err;

	if (mem == MAP_FAILED) {
		report_error(cli->devname, "coredump", errno, NULL);
		return EXIT_FAIL;
	}
	u = mlx5ctl_umem_reg(cli->dev, mem, UMEM_PROBE_SIZE);
	err = u ? 0 : errno;
	mlx5ctl_umem_dereg(u);
	munmap(mem, UMEM_PROBE_SIZE);
	if (!err)
		return EXIT_OK;
	report_error(cli->devname, "coredump: UMEM registration", err, NULL);
	if (err == EOPNOTSUPP)
		report_note("a core dump is written into registered memory, which only the ctl backend (the mlx5_ib control object) provides");
	return EXIT_FAIL;
}

int do_coredump(struct cli *cli, int argc, char **argv)
{
	uint8_t page[MLX5CTL_HCA_CAP_SIZE] = {};
	unsigned int general, log_size;
	int rc;

	if (argc == 1 && cli_is_help(argv[0]))
		return cli_usage("coredump", coredump_usage, false);
	if (argc != 2 || strcmp(argv[0], "-o")) {
		report_misuse("coredump: -o FILE is required");
		return cli_usage("coredump", coredump_usage, true);
	}
	rc = cli_open(cli);
	if (rc)
		return rc;
	rc = check_umem(cli);
	if (rc)
		return rc;
	rc = cli_result(cli, "QUERY_HCA_CAP debug",
			mlx5ctl_query_hca_cap(cli->dev, CAP_DEBUG,
					      MLX5CTL_CAP_CUR, page, sizeof(page)),
			page);
	if (rc)
		return rc;
	general = PRM_GET(debug_cap, page, core_dump_general);
	log_size = PRM_GET(debug_cap, page, log_cr_dump_to_mem_size);
	if (!general || !log_size) {
		report_misuse("%s: coredump failed: the device does not dump its core to memory (debug capabilities: core_dump_general %u, log_cr_dump_to_mem_size %u)",
			      cli->devname, general, log_size);
		return EXIT_FAIL;
	}
	report_misuse("%s: coredump failed: the device can dump %llu KiB to memory, but the CORE_DUMP register's dump-to-memory fields are not publicly described; this tool does not guess them",
		      cli->devname, 4ULL << log_size);
	return EXIT_FAIL;
}
