// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Resources through the public API on emulated devices, used as a long
 * running consumer (a monitoring daemon, an HPC job) uses them: pinned
 * memory against RLIMIT_MEMLOCK, many handles at once, many UMEMs on one
 * handle, lengths no backend carries, memory that is not there to pin,
 * and open/close cycles that must leave descriptors and memory as they
 * were.  The expectations are the kernel's (ib_umem_get(), uverbs' IDR)
 * and the pages mlx5ctl_rpc(3) and mlx5ctl_umem_reg(3).
 */
#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <infiniband/mlx5ctl.h>

#include "../check.h"
#include "caps.h"
#include "prm.h"

#if defined(__SANITIZE_ADDRESS__)
#define ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ASAN 1
#endif
#endif
#ifdef ASAN
/* <sanitizer/allocator_interface.h>, which not every compiler installs. */
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

#define PAGE 4096
#define SKIP 77
#define NHANDLES 256
#define NUMEMS 1000
#define NCYCLES 10000
#define CTL_MAX_MSG 65535		/* a uverbs attribute's length */
#define FWCTL_MAX_MSG (2u << 20)	/* FWCTL_MAX_RPC_LEN */

static struct mlx5ctl_device *open_emu(enum mlx5ctl_backend b)
{
	struct mlx5ctl_open_attr attr = {
		.comp_mask = MLX5CTL_OPEN_ATTR_BACKEND,
		.backend = b,
	};

	return mlx5ctl_open("emu:connectx7", &attr);
}

static void *map_pages(size_t n, int prot)
{
	void *p = mmap(NULL, n * PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static int set_memlock(rlim_t pages, struct rlimit *old)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_MEMLOCK, old))
		return errno;
	/* The soft limit only: raising a hard one back needs privilege. */
	rl.rlim_cur = pages == RLIM_INFINITY ? old->rlim_max : pages * PAGE;
	rl.rlim_max = old->rlim_max;
	return setrlimit(RLIMIT_MEMLOCK, &rl) ? errno : 0;
}

static int reg_errno(struct mlx5ctl_device *dev, void *addr, size_t len)
{
	struct mlx5ctl_umem *u;

	errno = 0;
	u = mlx5ctl_umem_reg(dev, addr, len);
	if (!u)
		return errno;
	mlx5ctl_umem_dereg(u);
	return 0;
}

/*
 * ib_umem_get()'s accounting: pinned pages are charged to the process
 * (mm->pinned_vm), so two handles share one RLIMIT_MEMLOCK; past it ENOMEM
 * without CAP_IPC_LOCK, and a limit of 0 is EPERM (can_do_mlock()).
 */
static void test_memlock(void)
{
	struct mlx5ctl_device *a = open_emu(MLX5CTL_BACKEND_CTL);
	struct mlx5ctl_device *b = open_emu(MLX5CTL_BACKEND_CTL);
	uint8_t *buf = map_pages(8, PROT_READ | PROT_WRITE);
	struct mlx5ctl_umem *ua, *ub;
	bool had = cap_permitted(CAP_IPC_LOCK);
	struct rlimit old;

	CHECK(a && b && buf);
	if (!a || !b || !buf)
		goto out;
	if (had && !cap_effective(CAP_IPC_LOCK, false)) {
		fprintf(stderr, "note: cannot drop CAP_IPC_LOCK: RLIMIT_MEMLOCK checks skipped\n");
		goto out;
	}
	CHECK_EQ(set_memlock(6, &old), 0);
	ua = mlx5ctl_umem_reg(a, buf, 4 * PAGE);
	CHECK(ua);
	/* 4 + 4 > 6 on another handle of the same process. */
	CHECK_EQ(reg_errno(b, buf + 4 * PAGE, 4 * PAGE), ENOMEM);
	CHECK_EQ(reg_errno(a, buf + 4 * PAGE, 4 * PAGE), ENOMEM);
	ub = mlx5ctl_umem_reg(b, buf + 4 * PAGE, 2 * PAGE);
	CHECK(ub);
	CHECK_EQ(reg_errno(b, buf, PAGE), ENOMEM);
	/* Deregistering gives the charge back. */
	CHECK_EQ(mlx5ctl_umem_dereg(ua), 0);
	CHECK_EQ(reg_errno(b, buf, 4 * PAGE), 0);
	CHECK_EQ(mlx5ctl_umem_dereg(ub), 0);
	/* A failed registration charges nothing. */
	CHECK_EQ(reg_errno(a, buf, 8 * PAGE), ENOMEM);
	CHECK_EQ(reg_errno(a, buf, 6 * PAGE), 0);
	/* No memlock allowed at all: can_do_mlock() says EPERM. */
	CHECK_EQ(set_memlock(0, &(struct rlimit){}), 0);
	CHECK_EQ(reg_errno(a, buf, PAGE), EPERM);
	if (had) {
		/* CAP_IPC_LOCK goes past the limit, as in ib_umem_get(). */
		CHECK(cap_effective(CAP_IPC_LOCK, true));
		CHECK_EQ(reg_errno(a, buf, 8 * PAGE), 0);
	}
	CHECK(!setrlimit(RLIMIT_MEMLOCK, &old));
out:
	if (had)
		cap_effective(CAP_IPC_LOCK, true);
	mlx5ctl_close(a);
	mlx5ctl_close(b);
	if (buf)
		munmap(buf, 8 * PAGE);
}

/* /proc/self/fd's entries: the descriptors the process holds. */
static unsigned int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	unsigned int n = 0;

	if (!d)
		return 0;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static int query_adapter(struct mlx5ctl_device *dev)
{
	uint8_t out[PRM_SIZE(query_adapter_param_block)];

	return mlx5ctl_query_adapter(dev, out, sizeof(out));
}

/* NHANDLES handles at once, on both backends, each with its own answer. */
static void test_many_handles(void)
{
	static struct mlx5ctl_device *devs[NHANDLES];
	unsigned int fds = count_fds(), i, opened = 0, answered = 0;

	for (i = 0; i < NHANDLES; i++) {
		devs[i] = open_emu(i % 2 ? MLX5CTL_BACKEND_FWCTL :
					   MLX5CTL_BACKEND_CTL);
		opened += devs[i] != NULL;
	}
	for (i = 0; i < NHANDLES; i++)
		answered += devs[i] && !query_adapter(devs[i]);
	CHECK_EQ(opened, NHANDLES);
	CHECK_EQ(answered, NHANDLES);
	for (i = 0; i < NHANDLES; i++)
		CHECK_EQ(mlx5ctl_close(devs[i]), 0);
	CHECK_EQ(count_fds(), fds);
	printf("handles: %u open at once, %u answered\n", opened, answered);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* How many of the N sorted values repeat one before. */
static unsigned int repeats(uint32_t *v, size_t n)
{
	unsigned int r = 0;
	size_t i;

	qsort(v, n, sizeof(*v), cmp_u32);
	for (i = 1; i < n; i++)
		r += v[i] == v[i - 1];
	return r;
}

/* A resource dump menu into U: the kernel finds U among all of them. */
static int dump_into(struct mlx5ctl_device *dev, struct mlx5ctl_umem *u,
		     void *mem)
{
	uint8_t reg[PRM_SIZE(resource_dump)] = {};

	PRM_SET(resource_dump, reg, segment_type, 0xffff);
	PRM_SET(resource_dump, reg, mkey, mlx5ctl_umem_mkey(u));
	PRM_SET(resource_dump, reg, address, (uintptr_t)mem);
	PRM_SET(resource_dump, reg, size, PAGE);
	return mlx5ctl_reg_read(dev, 0xc000, 0, reg, sizeof(reg));
}

/*
 * uverbs keeps a file's objects in an IDR with no limit but memory: a
 * thousand UMEMs on one handle, each its own pages, ids and mkey.
 */
static void test_many_umems(void)
{
	static struct mlx5ctl_umem *u[NUMEMS];
	static uint32_t ids[NUMEMS], mkeys[NUMEMS];
	struct mlx5ctl_device *dev = open_emu(MLX5CTL_BACKEND_CTL);
	uint8_t *buf = map_pages(NUMEMS, PROT_READ | PROT_WRITE);
	unsigned int i, n = 0;
	struct rlimit old;

	CHECK(dev && buf);
	if (!dev || !buf)
		goto out;
	/* A page each: within the hard limit when it is not infinite. */
	CHECK_EQ(set_memlock(RLIM_INFINITY, &old), 0);
	for (i = 0; i < NUMEMS; i++) {
		u[i] = mlx5ctl_umem_reg(dev, buf + (size_t)i * PAGE, PAGE);
		if (!u[i])
			break;
		ids[n] = mlx5ctl_umem_id(u[i]);
		mkeys[n++] = mlx5ctl_umem_mkey(u[i]);
	}
	if (i < NUMEMS)
		fprintf(stderr, "UMEM %u: %s\n", i, strerror(errno));
	CHECK_EQ(n, NUMEMS);
	CHECK_EQ(dump_into(dev, u[n - 1], buf + (size_t)(n - 1) * PAGE), 0);
	CHECK_EQ(dump_into(dev, u[0], buf), 0);
	CHECK_EQ(repeats(ids, n), 0);
	CHECK_EQ(repeats(mkeys, n), 0);
	/* Every other one goes; their handles are taken again. */
	for (i = 0; i < n; i += 2)
		CHECK_EQ(mlx5ctl_umem_dereg(u[i]), 0);
	for (i = 0; i < n; i += 2)
		CHECK((u[i] = mlx5ctl_umem_reg(dev, buf + (size_t)i * PAGE,
					       PAGE)) != NULL);
	for (i = 0; i < n; i++)
		CHECK_EQ(mlx5ctl_umem_dereg(u[i]), 0);
	printf("UMEMs: %u on one handle, ids and mkeys distinct\n", n);
	CHECK(!setrlimit(RLIMIT_MEMLOCK, &old));
out:
	mlx5ctl_close(dev);
	if (buf)
		munmap(buf, (size_t)NUMEMS * PAGE);
}

/*
 * ib_umem_get() pins with FOLL_WRITE: a range with a hole, or memory the
 * process may not write, is EFAULT; and the failure charges nothing.
 */
static void test_unmapped(void)
{
	struct mlx5ctl_device *dev = open_emu(MLX5CTL_BACKEND_CTL);
	uint8_t *rw = map_pages(4, PROT_READ | PROT_WRITE);
	uint8_t *ro = map_pages(2, PROT_READ);
	uint8_t *none = map_pages(1, PROT_NONE);
	uint8_t *gone = map_pages(2, PROT_READ | PROT_WRITE);
	struct rlimit old;

	CHECK(dev && rw && ro && none && gone);
	if (!dev || !rw || !ro || !none || !gone)
		goto out;
	munmap(gone, 2 * PAGE);
	CHECK_EQ(reg_errno(dev, gone, PAGE), EFAULT);
	CHECK_EQ(reg_errno(dev, gone, 2 * PAGE), EFAULT);
	CHECK_EQ(reg_errno(dev, ro, PAGE), EFAULT);
	CHECK_EQ(reg_errno(dev, none, PAGE), EFAULT);
	/* The first pages writable, the last gone. */
	munmap(rw + 3 * PAGE, PAGE);
	CHECK_EQ(reg_errno(dev, rw, 4 * PAGE), EFAULT);
	CHECK_EQ(reg_errno(dev, rw, 3 * PAGE), 0);
	/* Made writable, the same pages pin. */
	CHECK(!mprotect(ro, 2 * PAGE, PROT_READ | PROT_WRITE));
	CHECK_EQ(reg_errno(dev, ro, 2 * PAGE), 0);
	/* Refused pages are not left charged: the whole limit is still there. */
	if (!cap_permitted(CAP_IPC_LOCK) || cap_effective(CAP_IPC_LOCK, false)) {
		CHECK_EQ(set_memlock(3, &old), 0);
		CHECK_EQ(reg_errno(dev, gone, 2 * PAGE), EFAULT);
		CHECK_EQ(reg_errno(dev, rw, 3 * PAGE), 0);
		CHECK(!setrlimit(RLIMIT_MEMLOCK, &old));
		cap_effective(CAP_IPC_LOCK, true);
	}
out:
	mlx5ctl_close(dev);
	if (rw)
		munmap(rw, 3 * PAGE);
	if (ro)
		munmap(ro, 2 * PAGE);
	if (none)
		munmap(none, PAGE);
}

#ifndef ASAN
/* VmData: what RLIMIT_DATA counts. */
static size_t data_bytes(void)
{
	unsigned long kib = 0;
	char line[128];
	FILE *f = fopen("/proc/self/status", "re");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "VmData: %lu kB", &kib) == 1)
			break;
	if (f)
		fclose(f);
	return (size_t)kib << 10;
}
#endif

/* The guard page after BUF's last LEN bytes: a byte past them faults. */
static uint8_t *guarded(uint8_t *buf, size_t len)
{
	return buf + PAGE - len;
}

/*
 * Lengths beyond what the backend carries are EMSGSIZE before anything
 * is touched or allocated: the buffers end at a PROT_NONE page, and in a
 * build without ASan (whose shadow counts as data) RLIMIT_DATA leaves no
 * room for an allocation of the length asked for.
 */
static void test_huge_lengths(enum mlx5ctl_backend b, size_t max)
{
	static const size_t huge[] = { SIZE_MAX, SIZE_MAX - 3, (size_t)1 << 40,
				       (size_t)1 << 32, 512u << 20 };
	struct mlx5ctl_device *dev = open_emu(b);
	uint8_t *page = map_pages(2, PROT_READ | PROT_WRITE), *in, *out;
	struct rlimit data, low;
	size_t i;

	CHECK(dev && page);
	if (!dev || !page)
		goto out;
	CHECK(!mprotect(page + PAGE, PAGE, PROT_NONE));
	/* IN's 64 bytes, then OUT's, then the guard page. */
	in = guarded(page, 128);
	out = guarded(page, 64);
	memset(in, 0, 128);
	PRM_SET(mbox_in, in, opcode, 0x80d);	/* NOP */
	CHECK(!getrlimit(RLIMIT_DATA, &data));
#ifndef ASAN
	/* Room to work in, none for the smallest length asked (512 MiB). */
	low.rlim_cur = data_bytes() + (64u << 20);
	low.rlim_max = data.rlim_max;
	CHECK(!setrlimit(RLIMIT_DATA, &low));
#else
	(void)low;
#endif
	for (i = 0; i < sizeof(huge) / sizeof(huge[0]); i++) {
		CHECK_EQ(mlx5ctl_rpc(dev, NULL, in, 16, out, huge[i]), EMSGSIZE);
		CHECK_EQ(mlx5ctl_rpc(dev, NULL, in, huge[i], out, 16), EMSGSIZE);
		CHECK_EQ(mlx5ctl_reg_read(dev, 0x5006, 0, out, huge[i] & ~3ul),
			 EMSGSIZE);
	}
	/* One past the backend's limit, and the limit itself. */
	CHECK_EQ(mlx5ctl_rpc(dev, NULL, in, 16, out, max + 1), EMSGSIZE);
	CHECK_EQ(mlx5ctl_reg_read(dev, 0x5006, 0, out, (max - 16 + 4) & ~3ul),
		 EMSGSIZE);
	CHECK(!setrlimit(RLIMIT_DATA, &data));
	CHECK_EQ(mlx5ctl_rpc(dev, NULL, in, 16, out, 16), 0);
out:
	mlx5ctl_close(dev);
	if (page)
		munmap(page, 2 * PAGE);
}

/* Bytes the allocator has handed out and not got back. */
static size_t heap_in_use(void)
{
#ifdef ASAN
	return __sanitizer_get_current_allocated_bytes();
#else
	struct mallinfo2 mi = mallinfo2();

	return mi.uordblks + mi.hblkhd;
#endif
}

static size_t rss_bytes(void)
{
	unsigned long size = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "re");

	if (f) {
		if (fscanf(f, "%lu %lu", &size, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return resident * (size_t)sysconf(_SC_PAGESIZE);
}

/* One life of a handle: open, a command, on ctl a UMEM, close. */
static int cycle(unsigned int i, void *mem)
{
	struct mlx5ctl_device *dev = open_emu(i % 2 ? MLX5CTL_BACKEND_FWCTL :
						      MLX5CTL_BACKEND_CTL);
	struct mlx5ctl_umem *u = NULL;
	int ret;

	if (!dev)
		return errno;
	ret = query_adapter(dev);
	if (!ret && !(i % 2)) {
		u = mlx5ctl_umem_reg(dev, mem, PAGE);
		ret = u ? 0 : errno;
	}
	mlx5ctl_umem_dereg(u);
	mlx5ctl_close(dev);
	return ret;
}

/*
 * NCYCLES open/close cycles leave as many descriptors and as much heap in
 * use as they found (after a few to let one-time state settle).
 */
static void test_cycles(void)
{
	void *mem = map_pages(1, PROT_READ | PROT_WRITE);
	size_t heap0, heap1, rss0, rss1;
	unsigned int i, fds0, fds1, failed = 0;

	CHECK(mem);
	if (!mem)
		return;
	for (i = 0; i < 100; i++)
		failed += !!cycle(i, mem);
	fds0 = count_fds();
	heap0 = heap_in_use();
	rss0 = rss_bytes();
	for (i = 0; i < NCYCLES; i++)
		failed += !!cycle(i, mem);
	fds1 = count_fds();
	heap1 = heap_in_use();
	rss1 = rss_bytes();
	printf("open/close cycles: %u; fds %u -> %u; heap in use %zu -> %zu bytes; RSS %zu -> %zu KiB\n",
	       NCYCLES, fds0, fds1, heap0, heap1, rss0 >> 10, rss1 >> 10);
	CHECK_EQ(failed, 0);
	CHECK_EQ(fds1, fds0);
	/* Less than a byte a cycle: no allocation per cycle stays behind. */
	CHECK(heap1 <= heap0 + NCYCLES / 2);
#ifndef ASAN
	/* ASan keeps freed memory in quarantine; glibc reuses it. */
	CHECK(rss1 <= rss0 + (1u << 20));
#endif
	munmap(mem, PAGE);
}

int main(void)
{
	struct mlx5ctl_device *probe;

	/* Creating the control object needs CAP_SYS_ADMIN, as the kernel. */
	probe = open_emu(MLX5CTL_BACKEND_CTL);
	if (!probe && errno == EPERM) {
		fprintf(stderr, "SKIP: needs CAP_SYS_ADMIN\n");
		return SKIP;
	}
	mlx5ctl_close(probe);
	test_memlock();
	test_unmapped();
	test_many_handles();
	test_many_umems();
	test_huge_lengths(MLX5CTL_BACKEND_CTL, CTL_MAX_MSG);
	test_huge_lengths(MLX5CTL_BACKEND_FWCTL, FWCTL_MAX_MSG);
	test_cycles();
	return check_done("test_resources");
}
