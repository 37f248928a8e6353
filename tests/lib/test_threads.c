// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Threads as mlx5ctl(7) THREADS allows them, on emu:connectx7 under the
 * ctl and fwctl backends: four threads share one handle, then four
 * threads open handles of their own, and each sends QUERY_HCA_CAP, an
 * MTMP read and a NOP through mlx5ctl_rpc() while (ctl) registering a
 * UMEM, having firmware core-dump into it and deregistering it.
 *
 * Every answer is compared with one taken before the threads start, and
 * each thread asks for something the others do not at the same moment
 * (another capability page, another sensor, another part of the core
 * dump), so an answer delivered to the wrong caller, a dump written into
 * another thread's memory or two live UMEMs with one id fail the test,
 * not only a crash.  Injected faults must strike after exactly
 * fault_after RPCs of all threads together, and a thread that dropped
 * CAP_SYS_RAWIO is refused what the thread that kept it may do.  CI
 * runs it under AddressSanitizer and ThreadSanitizer too.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <infiniband/mlx5ctl.h>

#include "../check.h"
#include "caps.h"
#include "opcodes.h"
#include "prm.h"

#define SKIP 77
#define PAGE 4096
#define NTHREADS 4
#define ITERS 400		/* per thread and round */
#define ROUNDS 3		/* separate handles: opened and closed again */
#define UMEM_LEN (2 * PAGE)
#define NCAPS 4
#define NSENSORS 2		/* connectx7's board sensors, 0 and 1 */
#define FAULT_AFTER 150		/* of NTHREADS * ITERS RPCs */
#define STR(x) #x
#define XSTR(x) STR(x)

static const uint16_t cap_types[NCAPS] = {
	0x0,	/* general */
	0x1,	/* ethernet */
	0x3,	/* atomic */
	0x4,	/* roce */
};

/* What every command must answer, taken by the main thread first. */
struct expect {
	uint8_t cap[NCAPS][MLX5CTL_HCA_CAP_SIZE];
	uint8_t mtmp[NSENSORS][PRM_SIZE(mtmp_reg)];
	uint8_t dump[NTHREADS][UMEM_LEN];
};

struct run {
	const char *name;
	int fault_err;			/* the injected fault's errno, or 0 */
	enum mlx5ctl_backend backend;
	bool umem;			/* the backend has UMEMs */
	struct mlx5ctl_device *shared;	/* NULL: each thread opens its own */
	struct expect *exp;
	/* The UMEM each thread holds now, by id and mkey; 0: none. */
	pthread_mutex_t lock;
	uint32_t live_id[NTHREADS], live_mkey[NTHREADS];
};

struct worker {
	pthread_t tid;
	unsigned int idx;
	struct run *run;
	uint8_t *buf;			/* UMEM_LEN bytes, page aligned */
	/* check.h's counters are not for threads: each keeps its own. */
	unsigned int checks, failures;
	unsigned int ok, faulted;	/* fault runs: NOPs that passed, failed */
};

#define WCHECK(w, cond)                                                    \
	do {                                                               \
		(w)->checks++;                                             \
		if (!(cond)) {                                             \
			(w)->failures++;                                   \
			fprintf(stderr, "%s:%d: %s thread %u: %s failed\n", \
				__FILE__, __LINE__, (w)->run->name,        \
				(w)->idx, #cond);                          \
		}                                                          \
	} while (0)

static struct mlx5ctl_device *open_spec(const char *spec,
					 enum mlx5ctl_backend b)
{
	struct mlx5ctl_open_attr attr = {
		.comp_mask = MLX5CTL_OPEN_ATTR_BACKEND,
		.backend = b,
	};

	return mlx5ctl_open(spec, &attr);
}

static struct mlx5ctl_device *open_emu(enum mlx5ctl_backend b)
{
	return open_spec("emu:connectx7", b);
}

/* Thread I's part of the core dump: a cr-space address of its own. */
static uint64_t dump_cookie(unsigned int i)
{
	return (uint64_t)i * 0x8000;
}

static int core_dump(struct mlx5ctl_device *dev, struct mlx5ctl_umem *u,
		     void *buf, uint64_t cookie, uint8_t *reg)
{
	memset(reg, 0, PRM_SIZE(core_dump_reg));
	PRM_SET(core_dump_reg, reg, core_dump_type, 2);	/* to memory */
	PRM_SET(core_dump_reg, reg, mkey, mlx5ctl_umem_mkey(u));
	PRM_SET(core_dump_reg, reg, address, (uintptr_t)buf);
	PRM_SET(core_dump_reg, reg, size, UMEM_LEN);
	PRM_SET(core_dump_reg, reg, cookie, cookie);
	return mlx5ctl_reg_read(dev, PRM_REG_CORE_DUMP, 0, reg,
				PRM_SIZE(core_dump_reg));
}

static int read_mtmp(struct mlx5ctl_device *dev, unsigned int sensor,
		     uint8_t *reg)
{
	memset(reg, 0, PRM_SIZE(mtmp_reg));
	PRM_SET(mtmp_reg, reg, sensor_index, sensor);
	return mlx5ctl_reg_read(dev, PRM_REG_MTMP, 0, reg, PRM_SIZE(mtmp_reg));
}

/* A NOP at ATTR's scope, or the handle's when ATTR is NULL. */
static int send_nop(struct mlx5ctl_device *dev,
		    const struct mlx5ctl_rpc_attr *attr, uint8_t *out,
		    size_t outlen)
{
	uint8_t in[PRM_SIZE(mbox_in)] = {};

	PRM_SET(mbox_in, in, opcode, MLX5_CMD_OP_NOP);
	memset(out, 0xff, outlen);
	return mlx5ctl_rpc(dev, attr, in, sizeof(in), out, outlen);
}

static int nop(struct mlx5ctl_device *dev, uint8_t *out, size_t outlen)
{
	return send_nop(dev, NULL, out, outlen);
}

static int nop_at(struct mlx5ctl_device *dev, enum mlx5ctl_scope scope,
		  uint8_t *out, size_t outlen)
{
	struct mlx5ctl_rpc_attr attr = {
		.comp_mask = MLX5CTL_RPC_ATTR_SCOPE,
		.scope = scope,
	};

	return send_nop(dev, &attr, out, outlen);
}

/* The answers, from one thread on a handle of the run's backend. */
static bool take_expect(struct run *r, void *buf)
{
	struct mlx5ctl_device *dev = open_emu(r->backend);
	uint8_t reg[PRM_SIZE(core_dump_reg)];
	struct mlx5ctl_umem *u;
	unsigned int i;
	bool ok = true;

	if (!dev)
		return false;
	for (i = 0; i < NCAPS; i++)
		ok &= !mlx5ctl_query_hca_cap(dev, cap_types[i], MLX5CTL_CAP_CUR,
					     r->exp->cap[i], MLX5CTL_HCA_CAP_SIZE);
	for (i = 0; i < NSENSORS; i++)
		ok &= !read_mtmp(dev, i, r->exp->mtmp[i]);
	for (i = 0; r->umem && i < NTHREADS; i++) {
		u = mlx5ctl_umem_reg(dev, buf, UMEM_LEN);
		ok &= u && !core_dump(dev, u, buf, dump_cookie(i), reg);
		memcpy(r->exp->dump[i], buf, UMEM_LEN);
		ok &= !mlx5ctl_umem_dereg(u);
	}
	mlx5ctl_close(dev);
	return ok;
}

/*
 * A UMEM id or mkey another thread's live UMEM on the same handle has:
 * firmware handed it out twice.  Separate handles are separate devices,
 * each with ids of its own.
 */
static bool live_clash(struct run *r, unsigned int self, uint32_t id,
		       uint32_t mkey)
{
	bool clash = false;
	unsigned int i;

	pthread_mutex_lock(&r->lock);
	for (i = 0; r->shared && i < NTHREADS; i++)
		if (i != self && r->live_id[i] &&
		    (r->live_id[i] == id || r->live_mkey[i] == mkey))
			clash = true;
	r->live_id[self] = id;
	r->live_mkey[self] = mkey;
	pthread_mutex_unlock(&r->lock);
	return clash;
}

static void live_clear(struct run *r, unsigned int self)
{
	pthread_mutex_lock(&r->lock);
	r->live_id[self] = 0;
	r->live_mkey[self] = 0;
	pthread_mutex_unlock(&r->lock);
}

/*
 * Register the thread's buffer, fill it with a pattern of its own, have
 * firmware dump the thread's part of cr-space into it, deregister.
 */
static void umem_round(struct worker *w, struct mlx5ctl_device *dev)
{
	struct run *r = w->run;
	uint8_t reg[PRM_SIZE(core_dump_reg)];
	struct mlx5ctl_umem *u;

	u = mlx5ctl_umem_reg(dev, w->buf, UMEM_LEN);
	WCHECK(w, u);
	if (!u)
		return;
	WCHECK(w, mlx5ctl_umem_id(u) && mlx5ctl_umem_mkey(u));
	WCHECK(w, !live_clash(r, w->idx, mlx5ctl_umem_id(u),
			      mlx5ctl_umem_mkey(u)));
	memset(w->buf, 0x10 + w->idx, UMEM_LEN);
	WCHECK(w, !core_dump(dev, u, w->buf, dump_cookie(w->idx), reg));
	WCHECK(w, PRM_GET(core_dump_reg, reg, size) == UMEM_LEN);
	WCHECK(w, PRM_GET(core_dump_reg, reg, cookie) ==
		  dump_cookie(w->idx) + UMEM_LEN / 2);
	WCHECK(w, !memcmp(w->buf, r->exp->dump[w->idx], UMEM_LEN));
	live_clear(r, w->idx);
	WCHECK(w, !mlx5ctl_umem_dereg(u));
}

static void one_iteration(struct worker *w, struct mlx5ctl_device *dev,
			  unsigned int it)
{
	const struct expect *e = w->run->exp;
	unsigned int c = (w->idx + it) % NCAPS, s = (w->idx + it) % NSENSORS;
	uint8_t cap[MLX5CTL_HCA_CAP_SIZE], mtmp[PRM_SIZE(mtmp_reg)];
	uint8_t out[PRM_SIZE(mbox_out)], zero[PRM_SIZE(mbox_out)] = {};

	WCHECK(w, !mlx5ctl_query_hca_cap(dev, cap_types[c], MLX5CTL_CAP_CUR,
					 cap, sizeof(cap)));
	WCHECK(w, !memcmp(cap, e->cap[c], sizeof(cap)));
	WCHECK(w, !read_mtmp(dev, s, mtmp));
	WCHECK(w, !memcmp(mtmp, e->mtmp[s], sizeof(mtmp)));
	WCHECK(w, !nop(dev, out, sizeof(out)));
	WCHECK(w, !memcmp(out, zero, sizeof(out)));
	if (w->run->umem)
		umem_round(w, dev);
}

/* What a handle says of itself, and the device list, from any thread. */
static void check_info(struct worker *w, struct mlx5ctl_device *dev)
{
	struct mlx5ctl_devinfo *list = NULL;
	struct mlx5ctl_info info;
	bool found = false;
	size_t n = 0, i;

	WCHECK(w, !mlx5ctl_query_info(dev, &info));
	WCHECK(w, info.backend == w->run->backend &&
		  (info.flags & MLX5CTL_INFO_EMULATED));
	WCHECK(w, !mlx5ctl_get_device_list(&list, &n));
	for (i = 0; list && i < n; i++)
		found |= !strcmp(list[i].name, "mlx5_1") &&
			 (list[i].flags & MLX5CTL_INFO_EMULATED);
	WCHECK(w, found);
	mlx5ctl_free_device_list(list);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct run *r = w->run;
	unsigned int round, it, rounds = r->shared ? 1 : ROUNDS;

	for (round = 0; round < rounds; round++) {
		struct mlx5ctl_device *dev = r->shared;

		if (!dev) {
			dev = open_emu(r->backend);
			WCHECK(w, dev);
			if (!dev)
				break;
		}
		check_info(w, dev);
		for (it = 0; it < ITERS; it++)
			one_iteration(w, dev, it);
		if (!r->umem) {
			errno = 0;
			WCHECK(w, !mlx5ctl_umem_reg(dev, w->buf, UMEM_LEN));
			WCHECK(w, errno == EOPNOTSUPP);
		}
		if (!r->shared)
			WCHECK(w, !mlx5ctl_close(dev));
	}
	return NULL;
}

/* NOPs on a handle with a fault: each passes, or fails with the fault. */
static void *fault_main(void *arg)
{
	struct worker *w = arg;
	uint8_t out[PRM_SIZE(mbox_out)];
	unsigned int it;
	int ret;

	for (it = 0; it < ITERS; it++) {
		ret = nop(w->run->shared, out, sizeof(out));
		w->ok += !ret;
		w->faulted += ret == w->run->fault_err;
		WCHECK(w, !ret || ret == w->run->fault_err);
	}
	return NULL;
}

static void run_threads(struct run *r, uint8_t *bufs)
{
	void *(*fn)(void *) = r->fault_err ? fault_main : worker_main;
	unsigned int i, ok = 0, faulted = 0, min_checks;
	struct worker w[NTHREADS] = {};

	pthread_mutex_init(&r->lock, NULL);
	memset(r->live_id, 0, sizeof(r->live_id));
	memset(r->live_mkey, 0, sizeof(r->live_mkey));
	for (i = 0; i < NTHREADS; i++) {
		w[i].idx = i;
		w[i].run = r;
		w[i].buf = bufs + i * UMEM_LEN;
		CHECK_EQ(pthread_create(&w[i].tid, NULL, fn, &w[i]), 0);
	}
	/* Every planned check ran, and none failed. */
	min_checks = r->fault_err ? ITERS : ITERS * 6;
	for (i = 0; i < NTHREADS; i++) {
		CHECK_EQ(pthread_join(w[i].tid, NULL), 0);
		CHECK(w[i].checks >= min_checks);
		CHECK_EQ(w[i].failures, 0);
		ok += w[i].ok;
		faulted += w[i].faulted;
	}
	if (r->fault_err) {
		CHECK_EQ(ok, FAULT_AFTER);
		CHECK_EQ(faulted, NTHREADS * ITERS - FAULT_AFTER);
	}
	pthread_mutex_destroy(&r->lock);
}

/*
 * fault_after counts RPCs: the kernel half's for a timeout, firmware's
 * for an error status.  With threads, each RPC is counted once.
 */
static void test_fault_counts(const char *name, enum mlx5ctl_backend b,
			      uint8_t *bufs)
{
	static const struct {
		const char *spec;
		int err;
	} faults[] = {
		{ "emu:connectx7,fault=timeout,fault_after=" XSTR(FAULT_AFTER),
		  ETIMEDOUT },
		{ "emu:connectx7,fault=fw-error,fault_after=" XSTR(FAULT_AFTER),
		  EREMOTEIO },
	};
	struct run r = { .backend = b };
	char what[96];
	size_t i;

	for (i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		snprintf(what, sizeof(what), "%s %s", name, faults[i].spec);
		r.name = what;
		r.fault_err = faults[i].err;
		r.shared = open_spec(faults[i].spec, b);
		CHECK(r.shared);
		if (!r.shared)
			continue;
		run_threads(&r, bufs);
		mlx5ctl_close(r.shared);
	}
}

struct rawio_thread {
	struct mlx5ctl_device *dev;
	bool dropped;
	int ret;
};

/* Drop CAP_SYS_RAWIO in this thread only, then send at debug-write-full. */
static void *without_rawio(void *arg)
{
	struct rawio_thread *t = arg;
	uint8_t out[PRM_SIZE(mbox_out)];

	t->dropped = cap_effective(CAP_SYS_RAWIO, false);
	t->ret = nop_at(t->dev, MLX5CTL_SCOPE_DEBUG_WRITE_FULL, out,
			sizeof(out));
	return NULL;
}

/*
 * Capabilities belong to a thread, and the kernel checks the caller's on
 * every debug-write-full command: a thread that dropped CAP_SYS_RAWIO is
 * refused on the handle the main thread, which kept it, goes on using.
 */
static void test_caps_per_thread(enum mlx5ctl_backend b)
{
	struct mlx5ctl_open_attr attr = {
		.comp_mask = MLX5CTL_OPEN_ATTR_BACKEND | MLX5CTL_OPEN_ATTR_SCOPE,
		.backend = b,
		.scope = MLX5CTL_SCOPE_DEBUG_WRITE_FULL,
	};
	struct rawio_thread t = {};
	uint8_t out[PRM_SIZE(mbox_out)];
	pthread_t tid;

	if (!cap_permitted(CAP_SYS_RAWIO)) {
		fprintf(stderr, "note: no CAP_SYS_RAWIO, per-thread capabilities not checked\n");
		return;
	}
	t.dev = mlx5ctl_open("emu:connectx7", &attr);
	CHECK(t.dev);
	if (!t.dev)
		return;
	CHECK_EQ(pthread_create(&tid, NULL, without_rawio, &t), 0);
	CHECK_EQ(pthread_join(tid, NULL), 0);
	CHECK(t.dropped);
	CHECK_EQ(t.ret, EPERM);
	CHECK_EQ(nop_at(t.dev, MLX5CTL_SCOPE_DEBUG_WRITE_FULL, out,
			sizeof(out)), 0);
	mlx5ctl_close(t.dev);
}

static void test_backend(const char *name, enum mlx5ctl_backend b, bool umem,
			 uint8_t *bufs)
{
	static struct expect exp;
	struct run r = {
		.backend = b,
		.umem = umem,
		.exp = &exp,
	};
	char what[64];

	CHECK(take_expect(&r, bufs + NTHREADS * UMEM_LEN));

	snprintf(what, sizeof(what), "%s shared", name);
	r.name = what;
	r.shared = open_emu(b);
	CHECK(r.shared);
	if (r.shared) {
		run_threads(&r, bufs);
		CHECK_EQ(mlx5ctl_close(r.shared), 0);
	}

	snprintf(what, sizeof(what), "%s separate", name);
	r.shared = NULL;
	run_threads(&r, bufs);

	test_fault_counts(name, b, bufs);
	test_caps_per_thread(b);
}

int main(void)
{
	size_t len = (NTHREADS + 1) * UMEM_LEN;
	struct mlx5ctl_device *probe;
	bool ctl = true;
	uint8_t *bufs;

	/* The device list check_info() reads: an emulated host's. */
	setenv("MLX5CTL_EMU_HOST", "2xconnectx7", 1);
	bufs = mmap(NULL, len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (bufs == MAP_FAILED)
		return 1;
	test_backend("fwctl", MLX5CTL_BACKEND_FWCTL, false, bufs);
	/* The control object needs CAP_SYS_ADMIN, as in the kernel. */
	probe = open_emu(MLX5CTL_BACKEND_CTL);
	if (!probe && errno == EPERM) {
		fprintf(stderr, "note: no CAP_SYS_ADMIN, the ctl backend is skipped\n");
		ctl = false;
	}
	mlx5ctl_close(probe);
	if (ctl)
		test_backend("ctl", MLX5CTL_BACKEND_CTL, true, bufs);
	munmap(bufs, len);
	if (!ctl && !check_failures) {
		check_done("test_threads");
		return SKIP;
	}
	return check_done("test_threads");
}
