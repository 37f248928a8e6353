// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The control object through libmlx5ctl's ctl backend, against a booted
 * kernel's test device (ctl_guest kernel DEVICE) or the emulator
 * (ctl_guest emu).
 *
 * Every case checks what the kernel series documents and prints one line,
 * "case NAME: PASS|FAIL ...".  Cases that do not depend on which firmware
 * answers also print "diff NAME ..." with the errno, status, syndrome and
 * outbox bytes: the two runs' "diff" lines must be identical, which is what
 * makes the emulator's claim to behave as the kernel a measured fact.
 * Cases only a real kernel can check (taint, tracefs, debugfs of the test
 * device, fd passing, hot unplug) run in kernel mode only.
 *
 * Runs as root; capabilities are dropped from the effective set where a
 * case needs less privilege, and restored after.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/klog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/capability.h>
#include <rdma/ib_user_ioctl_verbs.h>
#include <rdma/mlx5_user_ioctl_cmds.h>
#include <rdma/rdma_user_ioctl.h>

#include "mlx5ctl_int.h"
#include "opcodes.h"
#include "policy.h"
#include "prm.h"
#include "verbs_ioctl.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define PAGE 4096
#define OUTLEN 64

/* What emu's fault=fw-error answers; the test device is told the same. */
#define FW_ERR_STATUS 0x1
#define FW_ERR_SYNDROME 0x3e6d0001

#define MOCK_DIR "/sys/kernel/debug/mlx5_ib_ctl_mock/"
#define TRACE_DIR "/sys/kernel/tracing/"
#define TAINT_USER_BIT 6

enum { CAP_SYS_ADMIN_ = 21, CAP_SYS_RAWIO_ = 17, CAP_IPC_LOCK_ = 14 };

static bool kernel_mode;
static const char *devname;
static int failures, cases;

/* ---- reporting ---- */

static void report(const char *name, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(const char *name, bool ok, const char *fmt, ...)
{
	va_list ap;

	cases++;
	if (!ok)
		failures++;
	printf("case %s: %s", name, ok ? "PASS" : "FAIL");
	if (fmt) {
		printf(" (");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf(")");
	}
	printf("\n");
	fflush(stdout);
}

static const char *errname(int err)
{
	static const struct { int err; const char *name; } names[] = {
		{ 0, "0" }, { EPERM, "EPERM" }, { EINVAL, "EINVAL" },
		{ EBADMSG, "EBADMSG" }, { EOPNOTSUPP, "EOPNOTSUPP" },
		{ EREMOTEIO, "EREMOTEIO" }, { ENOMEM, "ENOMEM" },
		{ EBUSY, "EBUSY" }, { EIO, "EIO" }, { EFAULT, "EFAULT" },
		{ ENODEV, "ENODEV" }, { EPROTONOSUPPORT, "EPROTONOSUPPORT" },
		{ EMSGSIZE, "EMSGSIZE" }, { ENOENT, "ENOENT" },
	};
	static char buf[16];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].err == err)
			return names[i].name;
	snprintf(buf, sizeof(buf), "errno%d", err);
	return buf;
}

/* The line both runs must print alike. */
static void diff_line(const char *name, int err, const uint8_t *out,
		      size_t outlen)
{
	size_t i;

	printf("diff %s err=%s", name, errname(err));
	if (out) {
		printf(" status=0x%x syndrome=0x%x out=", mlx5ctl_cmd_status(out),
		       mlx5ctl_cmd_syndrome(out));
		for (i = 0; i < outlen; i++)
			printf("%02x", out[i]);
	}
	printf("\n");
}

/* ---- capabilities: the effective set only, restorable ---- */

static int cap_effective(int cap, bool on)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return errno;
	if (on)
		d[cap / 32].effective |= 1u << (cap % 32);
	else
		d[cap / 32].effective &= ~(1u << (cap % 32));
	return syscall(SYS_capset, &h, d) ? errno : 0;
}

/* ---- sysfs, debugfs, tracefs ---- */

static int write_file(const char *path, const char *val)
{
	FILE *f = fopen(path, "we");
	int ret = 0;

	if (!f)
		return errno;
	if (fputs(val, f) < 0)
		ret = errno;
	if (fclose(f) && !ret)
		ret = errno;
	return ret;
}

static int read_file(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	size_t n;

	if (!f)
		return errno;
	n = fread(buf, 1, len - 1, f);
	buf[n] = 0;
	fclose(f);
	return 0;
}

static int mock_set(const char *knob, const char *val)
{
	char path[128];

	snprintf(path, sizeof(path), MOCK_DIR "%s", knob);
	return write_file(path, val);
}

static void mock_get(const char *knob, char *buf, size_t len)
{
	char path[128];

	snprintf(path, sizeof(path), MOCK_DIR "%s", knob);
	if (read_file(path, buf, len))
		buf[0] = 0;
}

static unsigned long tainted(void)
{
	char buf[32];

	return read_file("/proc/sys/kernel/tainted", buf, sizeof(buf)) ? 0 :
	       strtoul(buf, NULL, 10);
}

/*
 * How often the kernel log has the once-per-object taint message of UID
 * (firmware may reuse a uid).  The taint bit alone cannot tell: KUnit's
 * own taint case sets it at boot.
 */
static int taint_logged(uint32_t uid)
{
	static char log[1 << 20];
	char want[64];
	const char *p;
	int n = klogctl(3, log, sizeof(log) - 1);	/* SYSLOG_ACTION_READ_ALL */

	if (n < 0)
		return -1;
	log[n] = 0;
	snprintf(want, sizeof(want), "through control uid %u ", uid);
	for (n = 0, p = log; (p = strstr(p, want)); p++)
		n++;
	return n;
}

static long vm_pin_kb(void)
{
	char buf[4096], *p;

	if (read_file("/proc/self/status", buf, sizeof(buf)))
		return -1;
	p = strstr(buf, "VmPin:");
	return p ? strtol(p + 6, NULL, 10) : -1;
}

/* ---- commands ---- */

struct cmd {
	const char *name;
	uint16_t opcode;
	uint16_t op_mod;
	uint16_t reg_id;	/* ACCESS_REG only */
};

#define OP_NOP 0x80d

/* One of each policy class, not a restatement of the policy. */
static const struct cmd samples[] = {
	{ "nop", OP_NOP, 0, 0 },
	{ "query_hca_cap", MLX5_CMD_OP_QUERY_HCA_CAP, 1, 0 },
	{ "set_hca_cap", MLX5_CMD_OP_SET_HCA_CAP, 0, 0 },
	{ "create_mkey", MLX5_CMD_OP_CREATE_MKEY, 0, 0 },
	{ "reg_read_mtmp", MLX5_CMD_OP_ACCESS_REG, 1, PRM_REG_MTMP },
	{ "reg_write_ppcnt", MLX5_CMD_OP_ACCESS_REG, 0, PRM_REG_PPCNT },
	{ "reg_write_paos", MLX5_CMD_OP_ACCESS_REG, 0, PRM_REG_PAOS },
	{ "reg_bad_op_mod", MLX5_CMD_OP_ACCESS_REG, 2, PRM_REG_MTMP },
	{ "unknown_opcode", 0x7ff, 0, 0 },
};

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

/* The 16-byte header, and the ACCESS_REG register_id at byte 0x0a. */
static void build(uint8_t *in, size_t inlen, const struct cmd *c, uint16_t uid)
{
	memset(in, 0, inlen);
	put_be16(in, c->opcode);
	put_be16(in + 2, uid);
	put_be16(in + 6, c->op_mod);
	if (c->opcode == MLX5_CMD_OP_ACCESS_REG)
		put_be16(in + 0x0a, c->reg_id);
}

/* Through the shipped encoder, at SCOPE whatever the handle's scope. */
static int raw_rpc(struct mlx5ctl_device *dev, enum mlx5ctl_scope scope,
		   const struct cmd *c, uint8_t *out, size_t outlen)
{
	uint8_t in[0x60];

	build(in, sizeof(in), c, 0x7777);
	memset(out, 0xa5, outlen);
	return dev->ops->rpc(dev, scope, in, sizeof(in), out, outlen);
}

static char spec[256];

static struct mlx5ctl_device *open_at(enum mlx5ctl_scope scope,
				      const char *options, int *err)
{
	struct mlx5ctl_open_attr attr = {
		.comp_mask = MLX5CTL_OPEN_ATTR_BACKEND | MLX5CTL_OPEN_ATTR_SCOPE,
		.backend = MLX5CTL_BACKEND_CTL,
		.scope = scope,
	};
	struct mlx5ctl_device *dev;

	if (kernel_mode || !options)
		snprintf(spec, sizeof(spec), "%s", devname);
	else
		snprintf(spec, sizeof(spec), "%s,%s", devname, options);
	dev = mlx5ctl_open(spec, &attr);
	*err = dev ? 0 : errno;
	return dev;
}

/* MLX5_IB_METHOD_CTL_DESTROY on the handle, keeping the fd. */
static int ctl_destroy(struct mlx5ctl_device *dev)
{
	uint64_t buf[VERBS_IOCTL_BUF_SIZE(1) / sizeof(uint64_t)];
	struct verbs_ioctl cmd;
	int ret;

	verbs_ioctl_init(&cmd, buf, sizeof(buf), MLX5_IB_OBJECT_CTL,
			 MLX5_IB_METHOD_CTL_DESTROY, RDMA_DRIVER_MLX5);
	verbs_ioctl_idr(&cmd, MLX5_IB_ATTR_CTL_DESTROY_HANDLE, dev->ctl_handle);
	ret = verbs_ioctl_finish(&cmd);
	if (ret)
		return ret;
	return dev->sys->ioctl(dev->sys, dev->fd, RDMA_VERBS_IOCTL, cmd.hdr) ?
	       errno : 0;
}

/* A NOP through MLX5_IB_METHOD_CTL_RPC, the errno as the kernel gives it. */
static int ctl_nop_ioctl(struct mlx5ctl_device *dev)
{
	uint64_t buf[VERBS_IOCTL_BUF_SIZE(4) / sizeof(uint64_t)];
	uint8_t in[16] = { 0x08, 0x0d }, out[16];
	struct verbs_ioctl cmd;
	int ret;

	verbs_ioctl_init(&cmd, buf, sizeof(buf), MLX5_IB_OBJECT_CTL,
			 MLX5_IB_METHOD_CTL_RPC, RDMA_DRIVER_MLX5);
	verbs_ioctl_idr(&cmd, MLX5_IB_ATTR_CTL_RPC_HANDLE, dev->ctl_handle);
	verbs_ioctl_u64(&cmd, MLX5_IB_ATTR_CTL_RPC_SCOPE,
			MLX5CTL_SCOPE_DEBUG_READ_ONLY, true);
	verbs_ioctl_ptr_in(&cmd, MLX5_IB_ATTR_CTL_RPC_CMD_IN, in, sizeof(in),
			   true);
	verbs_ioctl_ptr_out(&cmd, MLX5_IB_ATTR_CTL_RPC_CMD_OUT, out,
			    sizeof(out), true);
	ret = verbs_ioctl_finish(&cmd);
	if (ret)
		return ret;
	return dev->sys->ioctl(dev->sys, dev->fd, RDMA_VERBS_IOCTL, cmd.hdr) ?
	       errno : 0;
}

/* ---- cases both runs share ---- */

static void case_policy(void)
{
	static const char *const scopes[] = { "cfg", "ro", "wr", "full" };
	uint8_t in[0x60], out[OUTLEN];
	struct mlx5ctl_device *dev;
	char name[64];
	size_t i;
	int s, err, lowest;

	dev = open_at(MLX5CTL_SCOPE_DEBUG_WRITE_FULL, NULL, &err);
	if (!dev) {
		report("policy", false, "open at full: %s", errname(err));
		return;
	}
	for (i = 0; i < ARRAY_SIZE(samples); i++) {
		build(in, sizeof(in), &samples[i], 0);
		lowest = mlx5ctl_policy_ctl(in, sizeof(in));
		for (s = 0; s < 4; s++) {
			bool allowed = lowest >= 0 && s >= lowest;

			snprintf(name, sizeof(name), "policy_%s_%s",
				 samples[i].name, scopes[s]);
			err = raw_rpc(dev, s, &samples[i], out, sizeof(out));
			/* Which firmware answers is not the kernel's part. */
			printf("diff %s %s\n", name,
			       err == 0 || err == EREMOTEIO ? "fw" : errname(err));
			report(name, allowed ? (err == 0 || err == EREMOTEIO) :
					       err == EBADMSG,
			       "%s, policy says %s", errname(err),
			       allowed ? "allowed" : "refused");
		}
	}
	mlx5ctl_close(dev);
}

static void case_refusals(void)
{
	static const struct cmd nop = { "nop", OP_NOP, 0, 0 };
	uint8_t out[OUTLEN];
	struct mlx5ctl_device *dev;
	int err;

	dev = open_at(MLX5CTL_SCOPE_DEBUG_READ_ONLY, NULL, &err);
	if (!dev) {
		report("refusals", false, "open: %s", errname(err));
		return;
	}
	err = raw_rpc(dev, MLX5CTL_SCOPE_DEBUG_WRITE, &nop, out, sizeof(out));
	diff_line("scope_above_ceiling", err, out, sizeof(out));
	report("scope_above_ceiling", err == EPERM, "%s", errname(err));

	err = raw_rpc(dev, 7, &nop, out, sizeof(out));
	diff_line("scope_unknown", err, out, sizeof(out));
	report("scope_unknown", err == EOPNOTSUPP, "%s", errname(err));

	err = raw_rpc(dev, MLX5CTL_SCOPE_DEBUG_READ_ONLY, &nop, out, 8);
	diff_line("outbox_below_header", err, NULL, 0);
	report("outbox_below_header", err == EINVAL, "%s", errname(err));

	err = raw_rpc(dev, MLX5CTL_SCOPE_DEBUG_READ_ONLY, &nop, out, sizeof(out));
	diff_line("nop_ro", err, out, sizeof(out));
	report("nop_ro", err == 0 && !mlx5ctl_cmd_status(out), "%s",
	       errname(err));
	mlx5ctl_close(dev);
}

static void case_fw_error(void)
{
	static const struct cmd nop = { "nop", OP_NOP, 0, 0 };
	uint8_t out[OUTLEN];
	struct mlx5ctl_device *dev;
	char val[64];
	int err;

	dev = open_at(MLX5CTL_SCOPE_DEBUG_READ_ONLY,
		      "fault=fw-error,fault_opcode=0x80d", &err);
	if (!dev) {
		report("fw_error", false, "open: %s", errname(err));
		return;
	}
	snprintf(val, sizeof(val), "%#x %#x", FW_ERR_STATUS, FW_ERR_SYNDROME);
	if (kernel_mode)
		mock_set("fail_next", val);
	err = raw_rpc(dev, MLX5CTL_SCOPE_DEBUG_READ_ONLY, &nop, out, sizeof(out));
	diff_line("fw_error", err, out, sizeof(out));
	report("fw_error", err == 0 && mlx5ctl_cmd_status(out) == FW_ERR_STATUS &&
	       mlx5ctl_cmd_syndrome(out) == FW_ERR_SYNDROME,
	       "%s, status 0x%x syndrome 0x%x reach userspace", errname(err),
	       mlx5ctl_cmd_status(out), mlx5ctl_cmd_syndrome(out));
	mlx5ctl_close(dev);
}

static void case_caps(void)
{
	static const struct cmd nop = { "nop", OP_NOP, 0, 0 };
	uint8_t out[OUTLEN];
	struct mlx5ctl_device *dev;
	int err;

	cap_effective(CAP_SYS_ADMIN_, false);
	dev = open_at(MLX5CTL_SCOPE_DEBUG_READ_ONLY, NULL, &err);
	cap_effective(CAP_SYS_ADMIN_, true);
	diff_line("create_without_sys_admin", err, NULL, 0);
	report("create_without_sys_admin", !dev && err == EPERM, "%s",
	       errname(err));
	mlx5ctl_close(dev);

	dev = open_at(MLX5CTL_SCOPE_DEBUG_WRITE_FULL, NULL, &err);
	if (!dev) {
		report("full_without_rawio", false, "open: %s", errname(err));
		return;
	}
	cap_effective(CAP_SYS_RAWIO_, false);
	err = raw_rpc(dev, MLX5CTL_SCOPE_DEBUG_WRITE_FULL, &nop, out,
		      sizeof(out));
	cap_effective(CAP_SYS_RAWIO_, true);
	diff_line("full_without_rawio", err, out, sizeof(out));
	report("full_without_rawio", err == EPERM, "%s", errname(err));
	mlx5ctl_close(dev);
}

static void *map_pages(size_t n)
{
	void *p = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static int umem_reg_raw(struct mlx5ctl_device *dev, void *addr, size_t len,
			uint32_t *handle)
{
	uint32_t id, mkey;

	return dev->ops->umem_reg(dev, addr, len, handle, &id, &mkey);
}

static void case_umem(void)
{
	struct mlx5ctl_device *dev;
	uint8_t *buf = map_pages(4);
	uint32_t h, h2;
	int err;

	dev = open_at(MLX5CTL_SCOPE_DEBUG_READ_ONLY, NULL, &err);
	if (!dev || !buf) {
		report("umem", false, "open: %s", errname(err));
		return;
	}
	err = umem_reg_raw(dev, buf + 1, PAGE, &h2);
	diff_line("umem_unaligned_addr", err, NULL, 0);
	report("umem_unaligned_addr", err == EINVAL, "%s", errname(err));
	err = umem_reg_raw(dev, buf, PAGE + 1, &h2);
	diff_line("umem_unaligned_len", err, NULL, 0);
	report("umem_unaligned_len", err == EINVAL, "%s", errname(err));

	/* ib_umem_get() pins for writing: a hole or a read-only page fails. */
	mprotect(buf + 2 * PAGE, PAGE, PROT_READ);
	err = umem_reg_raw(dev, buf + PAGE, 2 * PAGE, &h2);
	diff_line("umem_read_only", err, NULL, 0);
	report("umem_read_only", err == EFAULT, "%s", errname(err));
	munmap(buf + 3 * PAGE, PAGE);
	err = umem_reg_raw(dev, buf + 3 * PAGE, PAGE, &h2);
	diff_line("umem_unmapped", err, NULL, 0);
	report("umem_unmapped", err == EFAULT, "%s", errname(err));

	err = umem_reg_raw(dev, buf, 2 * PAGE, &h);
	diff_line("umem_reg", err, NULL, 0);
	report("umem_reg", !err, "%s", errname(err));

	err = ctl_destroy(dev);
	diff_line("destroy_with_umem", err, NULL, 0);
	report("destroy_with_umem", err == EBUSY, "%s", errname(err));
	err = dev->ops->umem_dereg(dev, h);
	diff_line("umem_dereg", err, NULL, 0);
	report("umem_dereg", !err, "%s", errname(err));
	err = ctl_destroy(dev);
	diff_line("destroy_after_dereg", err, NULL, 0);
	report("destroy_after_dereg", !err, "%s", errname(err));
	dev->sys->close(dev->sys, dev->fd);
	dev->ops = NULL;
	mlx5ctl_close(dev);
	munmap(buf, 3 * PAGE);
}

static void case_memlock(void)
{
	struct rlimit old, small = { PAGE, PAGE };
	struct mlx5ctl_device *dev;
	uint8_t *buf = map_pages(4);
	uint32_t h;
	int err;

	dev = open_at(MLX5CTL_SCOPE_DEBUG_READ_ONLY, NULL, &err);
	if (!dev || !buf || getrlimit(RLIMIT_MEMLOCK, &old)) {
		report("umem_memlock", false, "open: %s", errname(err));
		return;
	}
	setrlimit(RLIMIT_MEMLOCK, &small);
	cap_effective(CAP_IPC_LOCK_, false);
	err = umem_reg_raw(dev, buf, 4 * PAGE, &h);
	cap_effective(CAP_IPC_LOCK_, true);
	setrlimit(RLIMIT_MEMLOCK, &old);
	diff_line("umem_memlock", err, NULL, 0);
	report("umem_memlock", err == ENOMEM, "%s beyond a 1-page RLIMIT_MEMLOCK",
	       errname(err));
	if (!err)
		dev->ops->umem_dereg(dev, h);
	mlx5ctl_close(dev);
	munmap(buf, 4 * PAGE);
}

/* ---- cases only a booted kernel can check ---- */

static void case_uid_stamped(void)
{
	static const struct cmd nop = { "nop", OP_NOP, 0, 0 };
	struct mlx5ctl_info info;
	uint8_t out[OUTLEN];
	struct mlx5ctl_device *dev;
	char last[128], want[64];
	int err;

	dev = open_at(MLX5CTL_SCOPE_DEBUG_READ_ONLY, NULL, &err);
	if (!dev) {
		report("uid_stamped", false, "open: %s", errname(err));
		return;
	}
	mlx5ctl_query_info(dev, &info);
	err = raw_rpc(dev, MLX5CTL_SCOPE_DEBUG_READ_ONLY, &nop, out, sizeof(out));
	mock_get("last", last, sizeof(last));
	snprintf(want, sizeof(want), "opcode 0x80d op_mod 0x0 uid %u\n",
		 info.uid);
	report("uid_stamped", !err && info.uid && !strcmp(last, want),
	       "inbox said uid 0x7777, firmware saw: %.*s", (int)strcspn(last, "\n"),
	       last);
	mlx5ctl_close(dev);
}

static void case_trace_and_taint(void)
{
	static const struct cmd refused = { "set_hca_cap", MLX5_CMD_OP_SET_HCA_CAP, 0, 0 };
	static const struct cmd write = { "ppcnt", MLX5_CMD_OP_ACCESS_REG, 0, PRM_REG_PPCNT };
	static const struct cmd read = { "mtmp", MLX5_CMD_OP_ACCESS_REG, 1, PRM_REG_MTMP };
	unsigned long after_write;
	int logged_before, logged_read, logged_write;
	struct mlx5ctl_info info;
	struct mlx5ctl_device *dev;
	uint8_t out[OUTLEN];
	char trace[8192];
	int err;

	write_file(TRACE_DIR "trace", "");
	if (write_file(TRACE_DIR "events/mlx5_ib_ctl/enable", "1")) {
		report("trace", false, "no mlx5_ib_ctl events in tracefs");
		return;
	}
	dev = open_at(MLX5CTL_SCOPE_DEBUG_WRITE, NULL, &err);
	if (!dev) {
		report("trace", false, "open: %s", errname(err));
		return;
	}
	mlx5ctl_query_info(dev, &info);
	logged_before = taint_logged(info.uid);
	err = raw_rpc(dev, MLX5CTL_SCOPE_DEBUG_WRITE, &refused, out, sizeof(out));
	read_file(TRACE_DIR "trace", trace, sizeof(trace));
	report("trace_refusal", err == EBADMSG &&
	       strstr(trace, "opcode=0x109") && strstr(trace, "err=-74"),
	       "%s, tracepoint %s", errname(err),
	       strstr(trace, "err=-74") ? "fired" : "silent");

	raw_rpc(dev, MLX5CTL_SCOPE_DEBUG_WRITE, &read, out, sizeof(out));
	logged_read = taint_logged(info.uid);
	err = raw_rpc(dev, MLX5CTL_SCOPE_DEBUG_WRITE, &write, out, sizeof(out));
	after_write = tainted();
	logged_write = taint_logged(info.uid);
	report("taint_by_class", logged_before >= 0 &&
	       logged_read == logged_before && !err &&
	       logged_write == logged_before + 1 &&
	       (after_write & (1ul << TAINT_USER_BIT)),
	       "uid %u: no taint after a read at debug-write, tainted (%#lx) and logged after a register write",
	       info.uid, after_write);
	write_file(TRACE_DIR "events/mlx5_ib_ctl/enable", "0");
	mlx5ctl_close(dev);
}

static void case_vmpin(void)
{
	struct mlx5ctl_device *dev;
	uint8_t *buf = map_pages(16);
	long before, during, after;
	uint32_t h;
	int err;

	dev = open_at(MLX5CTL_SCOPE_DEBUG_READ_ONLY, NULL, &err);
	if (!dev || !buf) {
		report("umem_vmpin", false, "open: %s", errname(err));
		return;
	}
	before = vm_pin_kb();
	err = umem_reg_raw(dev, buf, 16 * PAGE, &h);
	during = vm_pin_kb();
	if (!err)
		dev->ops->umem_dereg(dev, h);
	after = vm_pin_kb();
	report("umem_vmpin", !err && during - before == 64 && after == before,
	       "VmPin %ld kB, %ld kB with a 64 kB UMEM, %ld kB after", before,
	       during, after);
	mlx5ctl_close(dev);
	munmap(buf, 16 * PAGE);
}

static bool live_is(const char *want)
{
	char live[128];

	mock_get("live", live, sizeof(live));
	return !strcmp(live, want);
}

/* mlx5ctl_umem_reg(3): a firmware refusal of CREATE_UMEM is EIO. */
static void case_umem_fw_refusal(void)
{
	struct mlx5ctl_device *dev;
	uint8_t *buf = map_pages(1);
	struct mlx5ctl_umem *u;
	int err;

	dev = open_at(MLX5CTL_SCOPE_DEBUG_READ_ONLY, NULL, &err);
	if (!dev || !buf) {
		report("umem_fw_refusal", false, "open: %s", errname(err));
		return;
	}
	mock_set("fail_next", "0x3 0x1");
	u = mlx5ctl_umem_reg(dev, buf, PAGE);
	err = u ? 0 : errno;
	report("umem_fw_refusal", err == EIO && live_is("uctx 1 umem 0 pd 0 mkey 0\n"),
	       "%s, nothing left in firmware", errname(err));
	mlx5ctl_umem_dereg(u);
	mlx5ctl_close(dev);
	munmap(buf, PAGE);
}


static void case_close_live(void)
{
	struct mlx5ctl_device *dev;
	uint8_t *buf = map_pages(2);
	char live[128];
	uint32_t h;
	int err;

	dev = open_at(MLX5CTL_SCOPE_DEBUG_READ_ONLY, NULL, &err);
	if (!dev || !buf || umem_reg_raw(dev, buf, 2 * PAGE, &h)) {
		report("close_with_live_objects", false, "setup");
		return;
	}
	/* The fd goes with the UMEM still registered: uverbs cleans up. */
	dev->sys->close(dev->sys, dev->fd);
	dev->ops = NULL;
	mlx5ctl_close(dev);
	mock_get("live", live, sizeof(live));
	report("close_with_live_objects",
	       live_is("uctx 0 umem 0 pd 0 mkey 0\n"),
	       "firmware after close: %.*s", (int)strcspn(live, "\n"), live);
	munmap(buf, 2 * PAGE);
}

static void case_destroy_fails_on_close(void)
{
	struct mlx5ctl_device *dev;
	char live[128];
	int err;

	dev = open_at(MLX5CTL_SCOPE_DEBUG_READ_ONLY, NULL, &err);
	if (!dev) {
		report("destroy_fails_on_close", false, "open");
		return;
	}
	mock_set("fail_next", "0x9 0x1");
	dev->sys->close(dev->sys, dev->fd);
	dev->ops = NULL;
	mlx5ctl_close(dev);
	mock_get("live", live, sizeof(live));
	/* Surviving is the check: the guest runs with panic_on_warn=1. */
	report("destroy_fails_on_close", live_is("uctx 1 umem 0 pd 0 mkey 0\n"),
	       "no WARN; firmware keeps the context: %.*s",
	       (int)strcspn(live, "\n"), live);
}

/* SCM_RIGHTS: the fd is the object; the capability must be the holder's. */
static void case_fd_passing(void)
{
	static const struct cmd nop = { "nop", OP_NOP, 0, 0 };
	struct mlx5ctl_device *dev;
	int sv[2], err, status;
	pid_t pid;

	dev = open_at(MLX5CTL_SCOPE_DEBUG_WRITE_FULL, NULL, &err);
	if (!dev || socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) {
		report("fd_passing", false, "open: %s", errname(err));
		return;
	}
	pid = fork();
	if (!pid) {
		char cbuf[CMSG_SPACE(sizeof(int))], b;
		struct iovec iov = { &b, 1 };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
				    .msg_control = cbuf,
				    .msg_controllen = sizeof(cbuf) };
		struct mlx5ctl_device child = *dev;
		uint8_t out[OUTLEN];

		/* An unprivileged process: no capabilities left. */
		if (recvmsg(sv[1], &m, 0) != 1 || setgid(65534) ||
		    setuid(65534))
			_exit(100);
		memcpy(&child.fd, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof(int));
		err = raw_rpc(&child, MLX5CTL_SCOPE_DEBUG_WRITE_FULL, &nop, out,
			      sizeof(out));
		printf("fd_passing child uid %d: full-scope RPC on the passed fd: %s\n",
		       getuid(), errname(err));
		err = raw_rpc(&child, MLX5CTL_SCOPE_DEBUG_READ_ONLY, &nop, out,
			      sizeof(out));
		printf("fd_passing child uid %d: read-only RPC on the passed fd: %s\n",
		       getuid(), errname(err));
		fflush(stdout);
		_exit(err ? 101 : 0);
	} else {
		char cbuf[CMSG_SPACE(sizeof(int))] = {}, b = 0;
		struct iovec iov = { &b, 1 };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
				    .msg_control = cbuf,
				    .msg_controllen = sizeof(cbuf) };
		struct cmsghdr *c = CMSG_FIRSTHDR(&m);

		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &dev->fd, sizeof(int));
		sendmsg(sv[0], &m, 0);
		waitpid(pid, &status, 0);
	}
	report("fd_passing", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "child exit %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	close(sv[0]);
	close(sv[1]);
	mlx5ctl_close(dev);
}

struct blocked_rpc {
	struct mlx5ctl_device *dev;
	int err;
	uint8_t out[OUTLEN];
};

static void *rpc_thread(void *arg)
{
	static const struct cmd nop = { "nop", OP_NOP, 0, 0 };
	struct blocked_rpc *b = arg;

	b->err = raw_rpc(b->dev, MLX5CTL_SCOPE_DEBUG_READ_ONLY, &nop, b->out,
			 sizeof(b->out));
	return NULL;
}

/* Destroy order from the firmware's command history. */
static bool umem_before_uctx(const char *history)
{
	const char *uctx = strstr(history, "0xa06\n");	/* DESTROY_UCTX */
	const char *mkey = strstr(history, "0x202\n");	/* DESTROY_MKEY */
	const char *pd = strstr(history, "0x801\n");	/* DEALLOC_PD */
	const char *umem = strstr(history, "0xa0a\n");	/* DESTROY_UMEM */

	return uctx && mkey && pd && umem && mkey < pd && pd < umem &&
	       umem < uctx;
}

static void case_hot_unplug(void)
{
	static const struct cmd nop = { "nop", OP_NOP, 0, 0 };
	struct blocked_rpc b = {};
	uint8_t *buf = map_pages(2), out[OUTLEN];
	char blocked[8] = "", history[1024], live[128];
	pthread_t t;
	uint32_t h;
	struct mlx5ctl_umem *u;
	int err, kerr, uerr, i;

	b.dev = open_at(MLX5CTL_SCOPE_DEBUG_READ_ONLY, NULL, &err);
	if (!b.dev || !buf || umem_reg_raw(b.dev, buf, 2 * PAGE, &h)) {
		report("hot_unplug", false, "setup: %s", errname(err));
		return;
	}
	mock_set("history", "0");
	mock_set("block_next", "1");
	pthread_create(&t, NULL, rpc_thread, &b);
	for (i = 0; i < 1000 && strcmp(blocked, "1\n"); i++) {
		usleep(10000);
		mock_get("blocked", blocked, sizeof(blocked));
	}
	printf("hot_unplug: RPC waiting in firmware: %s\n",
	       !strcmp(blocked, "1\n") ? "yes" : "no");
	err = mock_set("unplug", "1");
	pthread_join(t, NULL);
	printf("hot_unplug: unplug %s; the waiting RPC returned %s, status 0x%x\n",
	       errname(err), errname(b.err), mlx5ctl_cmd_status(b.out));
	mock_get("history", history, sizeof(history));
	mock_get("live", live, sizeof(live));
	printf("hot_unplug: firmware after unplug: %s", live);
	kerr = ctl_nop_ioctl(b.dev);
	err = raw_rpc(b.dev, MLX5CTL_SCOPE_DEBUG_READ_ONLY, &nop, out,
		      sizeof(out));
	printf("hot_unplug: an RPC after unplug: the kernel says %s, the library %s\n",
	       errname(kerr), errname(err));
	u = mlx5ctl_umem_reg(b.dev, buf, PAGE);
	uerr = u ? 0 : errno;
	printf("hot_unplug: a UMEM registration after unplug: %s\n",
	       errname(uerr));
	report("hot_unplug", !strcmp(blocked, "1\n") && !b.err &&
	       umem_before_uctx(history) && kerr == EIO && err == ENODEV &&
	       uerr == ENODEV &&
	       live_is("uctx 1 umem 0 pd 0 mkey 0\n"),
	       "RPC completed, UMEM destroyed before its UCTX, later ioctls %s",
	       errname(kerr));
	b.dev->sys->close(b.dev->sys, b.dev->fd);
	b.dev->ops = NULL;
	mlx5ctl_close(b.dev);
	munmap(buf, 2 * PAGE);
}

/* ---- driver ---- */

struct test_case {
	void (*fn)(void);
	bool kernel_only;
};

static const struct test_case test_cases[] = {
	{ case_policy, false },
	{ case_refusals, false },
	{ case_fw_error, false },
	{ case_caps, false },
	{ case_umem, false },
	{ case_memlock, false },
	{ case_uid_stamped, true },
	{ case_trace_and_taint, true },
	{ case_vmpin, true },
	{ case_umem_fw_refusal, true },
	{ case_close_live, true },
	{ case_fd_passing, true },
	{ case_destroy_fails_on_close, true },
	{ case_hot_unplug, true },	/* last: the device goes */
};

static int usage(void)
{
	fprintf(stderr, "usage: ctl_guest kernel DEVICE | ctl_guest emu [SPEC]\n");
	return 2;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return usage();
	if (!strcmp(argv[1], "kernel") && argc == 3) {
		kernel_mode = true;
		devname = argv[2];
	} else if (!strcmp(argv[1], "emu") && argc <= 3) {
		devname = argc == 3 ? argv[2] : "emu:connectx7";
	} else {
		return usage();
	}
	/* The cases drop and restore capabilities: they need them first. */
	if (geteuid()) {
		printf("ctl_guest: needs root, skipped\n");
		return 77;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < ARRAY_SIZE(test_cases); i++)
		if (kernel_mode || !test_cases[i].kernel_only)
			test_cases[i].fn();
	printf("ctl_guest: %d cases, %d passed, %d failed\n", cases,
	       cases - failures, failures);
	return failures ? 1 : 0;
}
