// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Memory firmware writes dumps into: anonymous pages, mapped and
 * registered as a UMEM, and the one way a failure to get them is told.
 * rscdump and coredump share it.
 */
#include <errno.h>
#include <sys/mman.h>

#include "dump.h"

int dump_umem_get(struct mlx5ctl_device *dev, size_t len,
		  struct dump_umem *u)
{
	int err;

	u->len = len;
	u->umem = NULL;
	u->mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (u->mem == MAP_FAILED) {
		u->mem = NULL;
		return ENOMEM;
	}
	u->umem = mlx5ctl_umem_reg(dev, u->mem, len);
	if (u->umem)
		return 0;
	err = errno;
	munmap(u->mem, len);
	u->mem = NULL;
	return err;
}

void dump_umem_put(struct dump_umem *u)
{
	mlx5ctl_umem_dereg(u->umem);
	if (u->mem)
		munmap(u->mem, u->len);
	u->umem = NULL;
	u->mem = NULL;
}

void dump_umem_report(struct cli *cli, const char *what, int err,
		      const char *unsupported_hint, const char *memlock_hint)
{
	report_error(cli->devname, what, err, NULL);
	if (err == EOPNOTSUPP) {
		report_note("only the ctl backend (the mlx5_ib control object) registers memory for firmware%s",
			    unsupported_hint);
		cli_explain_backend(cli);
	} else if (err == ENOMEM)
		report_note("pinned memory counts against RLIMIT_MEMLOCK (ulimit -l)%s",
			    memlock_hint);
}
