// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * UMEM registration through the library and the emulator's kernel half:
 * alignment, backends without UMEM, the RLIMIT_MEMLOCK charge of
 * ib_umem_get() (CAP_IPC_LOCK dropped for the check), a CTL that refuses
 * to go while it has UMEMs, and firmware writing a resource dump and a
 * core dump into the memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <infiniband/mlx5ctl.h>

#include "../check.h"
#include "caps.h"
#include "prm.h"

#define PAGE 4096
#define SKIP 77

static struct mlx5ctl_device *open_emu(enum mlx5ctl_backend b)
{
	struct mlx5ctl_open_attr attr = {
		.comp_mask = MLX5CTL_OPEN_ATTR_BACKEND,
		.backend = b,
	};

	return mlx5ctl_open("emu:connectx7", &attr);
}

/* Set or clear CAP_IPC_LOCK in the effective set; false if impossible. */
static bool ipc_lock(bool on)
{
	return cap_effective(CAP_IPC_LOCK, on);
}

static void test_alignment_and_backends(void *buf)
{
	struct mlx5ctl_device *dev = open_emu(MLX5CTL_BACKEND_CTL);
	struct mlx5ctl_umem *u;

	CHECK(dev);
	if (!dev)
		return;
	errno = 0;
	CHECK(!mlx5ctl_umem_reg(dev, (char *)buf + 8, PAGE));
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK(!mlx5ctl_umem_reg(dev, buf, PAGE + 1));
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK(!mlx5ctl_umem_reg(dev, buf, 0));
	CHECK_EQ(errno, EINVAL);
	u = mlx5ctl_umem_reg(dev, buf, 4 * PAGE);
	CHECK(u);
	CHECK(mlx5ctl_umem_id(u) != 0);
	CHECK_EQ(mlx5ctl_umem_dereg(u), 0);
	CHECK_EQ(mlx5ctl_umem_id(NULL), 0);
	CHECK_EQ(mlx5ctl_umem_dereg(NULL), 0);
	CHECK_EQ(mlx5ctl_close(dev), 0);

	dev = open_emu(MLX5CTL_BACKEND_FWCTL);
	CHECK(dev);
	if (!dev)
		return;
	errno = 0;
	CHECK(!mlx5ctl_umem_reg(dev, buf, PAGE));
	CHECK_EQ(errno, EOPNOTSUPP);
	mlx5ctl_close(dev);
}

static void test_memlock(void *buf, size_t len)
{
	struct mlx5ctl_device *dev = open_emu(MLX5CTL_BACKEND_CTL);
	struct rlimit old, low;
	struct mlx5ctl_umem *a, *b;

	CHECK(dev);
	if (!dev)
		return;
	CHECK(!getrlimit(RLIMIT_MEMLOCK, &old));
	/* The soft limit only: raising a hard one back needs privilege. */
	low.rlim_cur = 2 * PAGE;
	low.rlim_max = old.rlim_max;
	CHECK(!setrlimit(RLIMIT_MEMLOCK, &low));
	if (ipc_lock(false)) {
		a = mlx5ctl_umem_reg(dev, buf, 2 * PAGE);
		CHECK(a);
		/* Two more pages would pass the limit: ENOMEM. */
		errno = 0;
		CHECK(!mlx5ctl_umem_reg(dev, (char *)buf + 2 * PAGE, PAGE));
		CHECK_EQ(errno, ENOMEM);
		/* Deregistering returns the charge. */
		CHECK_EQ(mlx5ctl_umem_dereg(a), 0);
		b = mlx5ctl_umem_reg(dev, buf, PAGE);
		CHECK(b);
		mlx5ctl_umem_dereg(b);
		/* CAP_IPC_LOCK goes past the limit, as in ib_umem_get(). */
		CHECK(ipc_lock(true));
		b = mlx5ctl_umem_reg(dev, buf, len);
		CHECK(b);
		mlx5ctl_umem_dereg(b);
	} else {
		fprintf(stderr, "note: no CAP_IPC_LOCK to drop, RLIMIT checks skipped\n");
	}
	CHECK(!setrlimit(RLIMIT_MEMLOCK, &old));
	mlx5ctl_close(dev);
}

/* A resource dump into the UMEM: firmware writes, the answer says how much. */
static void test_dump_into_umem(void *buf, size_t len)
{
	struct mlx5ctl_device *dev = open_emu(MLX5CTL_BACKEND_CTL);
	uint8_t reg[PRM_SIZE(resource_dump)] = {};
	struct mlx5ctl_umem *u;

	CHECK(dev);
	if (!dev)
		return;
	u = mlx5ctl_umem_reg(dev, buf, len);
	CHECK(u);
	memset(buf, 0xa5, len);
	PRM_SET(resource_dump, reg, segment_type, 0xffff);	/* menu */
	/* The mkey translates the buffer's own addresses. */
	CHECK(mlx5ctl_umem_mkey(u) != 0);
	PRM_SET(resource_dump, reg, mkey, mlx5ctl_umem_mkey(u));
	PRM_SET(resource_dump, reg, address, (uintptr_t)buf);
	PRM_SET(resource_dump, reg, size, len);
	CHECK_EQ(mlx5ctl_reg_read(dev, 0xc000, 0, reg, sizeof(reg)), 0);
	CHECK(PRM_GET(resource_dump, reg, size) > 0);
	CHECK_EQ(PRM_GET(resource_dump, reg, more_dump), 0);
	CHECK_EQ(PRM_GET(resource_dump, reg, seq_num), 1);
	/* The info segment first: type 0xfffe, 4 dwords. */
	CHECK_EQ(((uint8_t *)buf)[1], 4);
	CHECK_EQ(((uint8_t *)buf)[2], 0xff);
	CHECK_EQ(((uint8_t *)buf)[3], 0xfe);
	/*
	 * The kernel refuses what is not this handle's memory: another key,
	 * the umem_id in its place, past the end, no memory at all.
	 */
	PRM_SET(resource_dump, reg, device_opaque, 0);
	PRM_SET(resource_dump, reg, mkey, mlx5ctl_umem_mkey(u) + 1);
	PRM_SET(resource_dump, reg, size, len);
	CHECK_EQ(mlx5ctl_reg_read(dev, 0xc000, 0, reg, sizeof(reg)), EBADMSG);
	PRM_SET(resource_dump, reg, mkey, mlx5ctl_umem_id(u));
	CHECK_EQ(mlx5ctl_reg_read(dev, 0xc000, 0, reg, sizeof(reg)), EBADMSG);
	PRM_SET(resource_dump, reg, mkey, mlx5ctl_umem_mkey(u));
	PRM_SET(resource_dump, reg, size, len + 1);
	CHECK_EQ(mlx5ctl_reg_read(dev, 0xc000, 0, reg, sizeof(reg)), EBADMSG);
	PRM_SET(resource_dump, reg, mkey, 0);
	PRM_SET(resource_dump, reg, size, len);
	CHECK_EQ(mlx5ctl_reg_read(dev, 0xc000, 0, reg, sizeof(reg)), EBADMSG);
	CHECK_EQ(mlx5ctl_umem_dereg(u), 0);
	mlx5ctl_close(dev);
}

static uint32_t be32_at(const void *buf, size_t off)
{
	const uint8_t *p = (const uint8_t *)buf + off;

	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/* The CORE_DUMP read of type cr_dump_to_mem, into U from OFF. */
static int core_dump(struct mlx5ctl_device *dev, struct mlx5ctl_umem *u,
		     uint8_t *reg, const void *buf, uint64_t off, uint32_t size,
		     uint64_t cookie)
{
	memset(reg, 0, PRM_SIZE(core_dump_reg));
	PRM_SET(core_dump_reg, reg, core_dump_type, 2);
	PRM_SET(core_dump_reg, reg, mkey, mlx5ctl_umem_mkey(u));
	PRM_SET(core_dump_reg, reg, address, (uintptr_t)buf + off);
	PRM_SET(core_dump_reg, reg, size, size);
	PRM_SET(core_dump_reg, reg, cookie, cookie);
	return mlx5ctl_reg_read(dev, 0x402e, 0, reg, PRM_SIZE(core_dump_reg));
}

static uint32_t syndrome_of(const uint8_t *out)
{
	return be32_at(out, 4);
}

/*
 * A core dump into the UMEM: whole (address, value) records up to size,
 * from the cookie's cr-space address, written at the offset asked for.
 */
static void test_core_dump_into_umem(void *buf, size_t len)
{
	struct mlx5ctl_device *dev = open_emu(MLX5CTL_BACKEND_CTL);
	uint8_t reg[PRM_SIZE(core_dump_reg)];
	uint8_t *b = buf;
	struct mlx5ctl_umem *u;

	CHECK(dev);
	if (!dev)
		return;
	u = mlx5ctl_umem_reg(dev, buf, len);
	CHECK(u);
	memset(buf, 0xa5, len);
	CHECK_EQ(core_dump(dev, u, reg, buf, 0, len, 0), 0);
	CHECK_EQ(PRM_GET(core_dump_reg, reg, size), len);
	CHECK_EQ(PRM_GET(core_dump_reg, reg, more_dump), 1);
	CHECK_EQ(PRM_GET(core_dump_reg, reg, cookie), len / 2);
	CHECK_EQ(be32_at(buf, 0), 0);
	CHECK_EQ(be32_at(buf, 8), 4);
	CHECK_EQ(be32_at(buf, len - 8), len / 2 - 4);

	/* Continue with the cookie, 2 records at offset 8, 3 bytes short. */
	memset(buf, 0xa5, len);
	CHECK_EQ(core_dump(dev, u, reg, buf, 8, 19, len / 2), 0);
	CHECK_EQ(PRM_GET(core_dump_reg, reg, size), 16);
	CHECK_EQ(PRM_GET(core_dump_reg, reg, cookie), len / 2 + 8);
	CHECK_EQ(b[7], 0xa5);
	CHECK_EQ(be32_at(buf, 8), len / 2);
	CHECK_EQ(be32_at(buf, 16), len / 2 + 4);
	CHECK_EQ(b[24], 0xa5);

	/* A cookie this dump did not hand out; no room; outside the UMEM. */
	CHECK_EQ(core_dump(dev, u, reg, buf, 0, len, 2), EREMOTEIO);
	CHECK_EQ(syndrome_of(reg), 0x3e6d0106);
	CHECK_EQ(core_dump(dev, u, reg, buf, 0, len, 1ULL << 40), EREMOTEIO);
	CHECK_EQ(syndrome_of(reg), 0x3e6d0106);
	CHECK_EQ(core_dump(dev, u, reg, buf, 0, 7, 0), EREMOTEIO);
	CHECK_EQ(syndrome_of(reg), 0x3e6d0104);
	/* Past the UMEM's end, another key, none: the kernel refuses. */
	CHECK_EQ(core_dump(dev, u, reg, buf, len - 8, 16, 0), EBADMSG);
	memset(reg, 0, sizeof(reg));
	PRM_SET(core_dump_reg, reg, core_dump_type, 2);
	PRM_SET(core_dump_reg, reg, mkey, mlx5ctl_umem_mkey(u) + 1);
	PRM_SET(core_dump_reg, reg, address, (uintptr_t)buf);
	PRM_SET(core_dump_reg, reg, size, len);
	CHECK_EQ(mlx5ctl_reg_read(dev, 0x402e, 0, reg, sizeof(reg)), EBADMSG);
	PRM_SET(core_dump_reg, reg, mkey, 0);
	CHECK_EQ(mlx5ctl_reg_read(dev, 0x402e, 0, reg, sizeof(reg)), EBADMSG);
	/* Reading is only for dumps to memory; general is a write trigger. */
	memset(reg, 0, sizeof(reg));
	CHECK_EQ(mlx5ctl_reg_read(dev, 0x402e, 0, reg, sizeof(reg)),
		 EREMOTEIO);
	CHECK_EQ(syndrome_of(reg), 0x3e6d010a);
	CHECK_EQ(mlx5ctl_umem_dereg(u), 0);
	mlx5ctl_close(dev);
}

/*
 * Faults act on RPCs (emulator.md), whatever the fault: the commands the
 * kernel issues to register memory are not counted, nor faulted.
 */
static void test_faults_spare_registration(void *buf)
{
	static const char *const specs[] = {
		"emu:connectx7,fault=fw-error,fault_after=1",
		"emu:connectx7,fault=timeout,fault_after=1",
	};
	static const int errs[] = { EREMOTEIO, ETIMEDOUT };
	struct mlx5ctl_open_attr attr = {
		.comp_mask = MLX5CTL_OPEN_ATTR_BACKEND,
		.backend = MLX5CTL_BACKEND_CTL,
	};
	uint8_t adapter[PRM_SIZE(query_adapter_param_block)];
	struct mlx5ctl_device *dev;
	struct mlx5ctl_umem *u;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		dev = mlx5ctl_open(specs[i], &attr);
		CHECK(dev);
		if (!dev)
			continue;
		CHECK_EQ(mlx5ctl_query_adapter(dev, adapter, sizeof(adapter)), 0);
		u = mlx5ctl_umem_reg(dev, buf, PAGE);
		CHECK(u);
		CHECK_EQ(mlx5ctl_query_adapter(dev, adapter, sizeof(adapter)),
			 errs[i]);
		CHECK_EQ(mlx5ctl_umem_dereg(u), 0);
		mlx5ctl_close(dev);
	}
}

int main(void)
{
	size_t len = 16 * PAGE;
	void *buf = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct mlx5ctl_device *probe;

	if (buf == MAP_FAILED)
		return 1;
	/* Creating the control object needs CAP_SYS_ADMIN, as the kernel. */
	probe = open_emu(MLX5CTL_BACKEND_CTL);
	if (!probe && errno == EPERM) {
		fprintf(stderr, "SKIP: needs CAP_SYS_ADMIN\n");
		return SKIP;
	}
	mlx5ctl_close(probe);
	test_alignment_and_backends(buf);
	test_memlock(buf, len);
	test_dump_into_umem(buf, len);
	test_core_dump_into_umem(buf, len);
	test_faults_spare_registration(buf);
	munmap(buf, len);
	return check_done("test_umem");
}
