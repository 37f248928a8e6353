// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The emulator's kernel half as userspace reaches it: raw
 * ib_uverbs_ioctl_hdr + attributes (emu_uverbs.c), raw fwctl_rpc and
 * fwctl_info (emu_fwctl.c), and the seam's fd table, on any fd.  The
 * input is a program: each step an operation byte and its operands, some
 * steps raw buffers, some well-formed requests with fuzzed fields, so the
 * deep paths (a live object, a UMEM, a dump into it) stay reachable.
 *
 * The oracle is the policy.  The target stands in front of the two policy
 * functions and of the command core (ld --wrap) and checks, per ioctl:
 *  - the policy's answer is what policy.def (ours) or the fwctl/mlx5 rows
 *    say, read here again into tables of its own;
 *  - it was asked about exactly the bytes userspace passed, at a scope
 *    the object allows;
 *  - a refusal is EBADMSG and nothing reached firmware; an allowed
 *    command reached firmware, the same bytes, unless (ctl) it is a dump
 *    into memory that is not a UMEM of the object;
 *  - nothing reached firmware without the policy.
 * At the end, closing every file must leave firmware without a UCTX,
 * UMEM, PD or mkey, and nothing pinned.  A device gone (fault=gone)
 * takes no ioctl.
 *
 * User memory the kernel would fault in is modelled as valid: pointers in
 * the buffers are set to memory of the lengths they claim, UMEMs to pages
 * of an arena the target owns, and a buffer goes only with the requests
 * of the struct it is (uverbs or fwctl; any other request number is
 * fine).  That is the harness's contract, not
 * a limit of what is fuzzed: every length, id, flag and scope is.
 */
/* fuzz.h: memfd_create(); the targets: asprintf() and friends. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdbool.h>

#include <fwctl/fwctl.h>
#include <rdma/ib_user_ioctl_verbs.h>
#include <rdma/mlx5_user_ioctl_cmds.h>
#include <rdma/mlx5_user_ioctl_verbs.h>
#include <rdma/rdma_user_ioctl.h>

#include "emu.h"
#include "emu_fw_dump.h"
#include "emu_kernel.h"
#include "fuzz.h"
#include "opcodes.h"
#include "policy.h"
#include "policy_scopes.h"
#include "prm.h"

#define MAX_STEPS 48
#define MAX_FDS 4
#define MAX_ATTRS 12
#define ARENA_PAGES 16
#define ARENA_BYTES (ARENA_PAGES * EMU_PAGE_SIZE)
/* Buffers the target hands out: enough for any uverbs PTR attribute. */
#define MAX_PTR_LEN 65535
/* fwctl lengths above this (and within FWCTL_MAX_RPC_LEN) are cut. */
#define MAX_FWCTL_LEN 8192

/* policy.def and fwctl-mlx5-policy.tsv, as tables by opcode and id. */
struct ref_row {
	uint16_t id;
	uint16_t bit;
	int8_t scope;
};

#define POLICY_OP_REQUIRES(name, b) { MLX5_CMD_OP_##name, b, 0 },
static const struct ref_row ref_requires[] = {
#include "policy.def"
};

#define POLICY_OP_FLAG(name, b, s) { MLX5_CMD_OP_##name, b, s },
static const struct ref_row ref_op_flags[] = {
#include "policy.def"
};

#define POLICY_REG_FLAG(name, id, b) { id, b, 0 },
static const struct ref_row ref_reg_flags[] = {
#include "policy.def"
};

static const struct ref_row ref_fwctl_rows[] = {
#include "fwctl_policy_rows.h"
};

static int8_t ref_op[65536];		/* ours: opcode -> scope */
static int8_t ref_reg_write[65536];	/* ours: register id -> scope */
static int8_t ref_fwctl_op[65536];	/* fwctl/mlx5: opcode -> scope */

static void ref_init(void)
{
	size_t i;

	memset(ref_op, REFUSED, sizeof(ref_op));
	memset(ref_reg_write, DEBUG_WRITE_FULL, sizeof(ref_reg_write));
	memset(ref_fwctl_op, REFUSED, sizeof(ref_fwctl_op));
#define POLICY_OP(name, s) ref_op[MLX5_CMD_OP_##name] = s;
#define POLICY_REG_WRITE(name, id, s) ref_reg_write[id] = s;
#include "policy.def"
	for (i = 0; i < FUZZ_ARRAY_SIZE(ref_fwctl_rows); i++)
		ref_fwctl_op[ref_fwctl_rows[i].id] = ref_fwctl_rows[i].scope;
}

static uint16_t be16(const uint8_t *p)
{
	return p[0] << 8 | p[1];
}

/* Bit B of P (mlx5_ifc numbering), 0 past LEN. */
static bool bit_at(const uint8_t *p, size_t len, unsigned int b)
{
	return b / 8 < len && (p[b / 8] >> (7 - b % 8) & 1);
}

static int worse(int a, int b)
{
	if (a == REFUSED || b == REFUSED)
		return REFUSED;
	return a > b ? a : b;
}

static bool is_reg_access(uint16_t opcode)
{
	return opcode == MLX5_CMD_OP_ACCESS_REG ||
	       opcode == MLX5_CMD_OP_ACCESS_REGISTER_USER;
}

/* ACCESS_REG: dword 2 the register id, its data from byte 16. */
static int ref_reg(const uint8_t *in, size_t len)
{
	uint16_t reg = be16(in + 10), op_mod = be16(in + 6);
	size_t i;

	if (op_mod == 0)
		return ref_reg_write[reg];
	if (op_mod != 1)
		return REFUSED;
	for (i = 0; i < FUZZ_ARRAY_SIZE(ref_reg_flags); i++)
		if (ref_reg_flags[i].id == reg &&
		    bit_at(in + 16, len - 16, ref_reg_flags[i].bit))
			return ref_reg_write[reg];
	return DEBUG_READ_ONLY;
}

/* What policy.def says of the command IN (LEN >= 16 bytes). */
static int ref_ctl(const uint8_t *in, size_t len)
{
	uint16_t opcode = be16(in);
	int scope;
	size_t i;

	if (be16(in + 4))	/* vhca_tunnel_id */
		return REFUSED;
	if (is_reg_access(opcode))
		return ref_reg(in, len);
	scope = ref_op[opcode];
	for (i = 0; i < FUZZ_ARRAY_SIZE(ref_requires); i++)
		if (ref_requires[i].id == opcode &&
		    !bit_at(in, len, ref_requires[i].bit))
			return REFUSED;
	for (i = 0; i < FUZZ_ARRAY_SIZE(ref_op_flags); i++)
		if (ref_op_flags[i].id == opcode &&
		    bit_at(in, len, ref_op_flags[i].bit))
			scope = worse(scope, ref_op_flags[i].scope);
	return scope;
}

/* fwctl/mlx5: register reads at debug-read-only, writes at configuration. */
static int ref_fwctl(const uint8_t *in, size_t len)
{
	uint16_t opcode = be16(in);

	if (is_reg_access(opcode))
		return be16(in + 6) ? DEBUG_READ_ONLY : CONFIGURATION;
	return ref_fwctl_op[opcode];
}

/* What one ioctl did below the ioctl entry: the target's view. */
static struct {
	int asked;		/* policy calls */
	const void *in;
	size_t inlen;
	int lowest;
	int rpcs;		/* command core calls */
	const void *rpc_in;
	size_t rpc_inlen;
} seen;

int __real_mlx5ctl_policy_ctl(const void *in, size_t inlen);
int __real_mlx5ctl_policy_fwctl(const void *in, size_t inlen);
int __real_emu_kernel_rpc(struct emu_kernel *k, uint16_t uid, const void *in,
			  size_t inlen, void *out, size_t outlen,
			  size_t *produced);
int __wrap_mlx5ctl_policy_ctl(const void *in, size_t inlen);
int __wrap_mlx5ctl_policy_fwctl(const void *in, size_t inlen);
int __wrap_emu_kernel_rpc(struct emu_kernel *k, uint16_t uid, const void *in,
			  size_t inlen, void *out, size_t outlen,
			  size_t *produced);

static int asked(const void *in, size_t inlen, int lowest,
		 int (*ref)(const uint8_t *, size_t))
{
	seen.asked++;
	seen.in = in;
	seen.inlen = inlen;
	seen.lowest = lowest;
	FUZZ_CHECK(inlen >= 16);
	FUZZ_CHECK(lowest == ref(in, inlen));
	return lowest;
}

int __wrap_mlx5ctl_policy_ctl(const void *in, size_t inlen)
{
	return asked(in, inlen, __real_mlx5ctl_policy_ctl(in, inlen), ref_ctl);
}

int __wrap_mlx5ctl_policy_fwctl(const void *in, size_t inlen)
{
	return asked(in, inlen, __real_mlx5ctl_policy_fwctl(in, inlen),
		     ref_fwctl);
}

int __wrap_emu_kernel_rpc(struct emu_kernel *k, uint16_t uid, const void *in,
			  size_t inlen, void *out, size_t outlen,
			  size_t *produced)
{
	seen.rpcs++;
	seen.rpc_in = in;
	seen.rpc_inlen = inlen;
	return __real_emu_kernel_rpc(k, uid, in, inlen, out, outlen, produced);
}

/* One run: the emulated kernel, its open files, the memory handed out. */
struct run {
	struct mlx5ctl_sys *sys;
	struct emu_kernel *k;
	bool fw_error;		/* firmware may fail the cleanup */
	int fds[MAX_FDS];
	void *bufs[2 * MAX_ATTRS + 2];
	size_t nbufs;
};

static uint8_t *arena;

/* LEN bytes of user memory, from the input (IN) or zeros (NULL). */
static void *run_buf(struct run *r, struct fuzz_in *in, size_t len)
{
	void *p = calloc(1, len ? len : 1);

	FUZZ_CHECK(p && r->nbufs < FUZZ_ARRAY_SIZE(r->bufs));
	r->bufs[r->nbufs++] = p;
	if (in)
		fuzz_bytes(in, p, len);
	return p;
}

static void run_bufs_free(struct run *r)
{
	while (r->nbufs)
		free(r->bufs[--r->nbufs]);
}

static int fd_of(struct run *r, uint8_t sel)
{
	return r->fds[sel % MAX_FDS];
}

static struct emu_file *file_of(struct run *r, int fd)
{
	unsigned int i;

	if (fd < EMU_FD_BASE)
		return NULL;
	i = fd - EMU_FD_BASE;
	return i < r->k->nfiles ? r->k->files[i] : NULL;
}

static struct emu_ctl_obj *obj_of(struct run *r, int fd, uint64_t handle,
				  enum emu_obj_type type)
{
	struct emu_file *f = file_of(r, fd);

	if (!f || f->type != EMU_FILE_UVERBS || handle >= f->nobjs ||
	    !f->objs[handle] || f->objs[handle]->type != type)
		return NULL;
	return f->objs[handle];
}

/*
 * The ioctl through the seam: 0 or the errno.  Once fault=gone has
 * struck, no ioctl succeeds (Documentation/emulator.md: ENODEV from
 * fwctl, EIO from the disassociated verbs file).
 */
static int sys_ioctl(struct run *r, int fd, unsigned long req, void *arg)
{
	bool gone = emu_kernel_gone(r->k);
	int ret;

	memset(&seen, 0, sizeof(seen));
	ret = r->sys->ioctl(r->sys, fd, req, arg) ? errno : 0;
	if (gone)
		FUZZ_CHECK(ret);
	if (fuzz_trace())
		fprintf(stderr,
			"ioctl fd %#x req %#lx: %s; policy %d (%d), fw %d\n",
			fd, req, ret ? strerror(ret) : "ok", seen.asked,
			seen.lowest, seen.rpcs);
	return ret;
}

/*
 * The attributes of a uverbs call, as the target handed them over: the
 * kernel may rewrite the user's copy (a new object's id), the checks
 * look at what was passed.
 */
struct uverbs_call {
	uint16_t object, method;
	struct ib_uverbs_attr attrs[MAX_ATTRS];
	unsigned int nattrs;
};

static const struct ib_uverbs_attr *call_attr(const struct uverbs_call *c,
					      uint16_t id)
{
	unsigned int i;

	for (i = 0; i < c->nattrs; i++)
		if (c->attrs[i].attr_id == id)
			return &c->attrs[i];
	return NULL;
}

/* An RPC that reached the policy, checked against it. */
static void check_ctl_rpc(struct run *r, int fd, const struct uverbs_call *c,
			  int ret)
{
	const struct ib_uverbs_attr *h, *s, *cmd;
	struct mlx5ctl_dump_target t;
	struct emu_ctl_obj *obj;
	bool refused;

	FUZZ_CHECK(seen.asked == 1);
	FUZZ_CHECK(c->object == MLX5_IB_OBJECT_CTL &&
		   c->method == MLX5_IB_METHOD_CTL_RPC);
	h = call_attr(c, MLX5_IB_ATTR_CTL_RPC_HANDLE);
	s = call_attr(c, MLX5_IB_ATTR_CTL_RPC_SCOPE);
	cmd = call_attr(c, MLX5_IB_ATTR_CTL_RPC_CMD_IN);
	FUZZ_CHECK(h && s && cmd);
	FUZZ_CHECK(seen.in == (const void *)(uintptr_t)cmd->data &&
		   seen.inlen == cmd->len);
	/* A scope above the object's ceiling never gets this far. */
	obj = obj_of(r, fd, h->data, EMU_OBJ_CTL);
	FUZZ_CHECK(obj && s->data <= obj->ceiling);
	refused = seen.lowest < 0 || s->data < (uint64_t)seen.lowest;
	if (refused) {
		FUZZ_CHECK(ret == EBADMSG && !seen.rpcs);
		return;
	}
	if (!seen.rpcs) {
		/* Only a dump into memory that is no UMEM of the object. */
		FUZZ_CHECK(ret == EBADMSG &&
			   mlx5ctl_policy_dump_target(seen.in, seen.inlen, &t));
		return;
	}
	FUZZ_CHECK(seen.rpcs == 1 && seen.rpc_in == seen.in &&
		   seen.rpc_inlen == seen.inlen);
	/* The command's class taints, whatever the scope it came with. */
	if (seen.lowest >= DEBUG_WRITE)
		FUZZ_CHECK(r->k->tainted);
}

static void check_uverbs(struct run *r, int fd, const struct uverbs_call *c,
			 int ret)
{
	if (seen.asked)
		check_ctl_rpc(r, fd, c, ret);
	else
		FUZZ_CHECK(!seen.rpcs);
}

static void check_fwctl(struct run *r, const struct fwctl_rpc *rpc,
			unsigned long req, int ret)
{
	bool refused;

	if (!seen.asked) {
		FUZZ_CHECK(!seen.rpcs);
		return;
	}
	FUZZ_CHECK(seen.asked == 1 && req == FWCTL_RPC);
	/* fwctl taints by the scope asked for, before its policy. */
	if (rpc->scope >= DEBUG_WRITE)
		FUZZ_CHECK(r->k->tainted);
	FUZZ_CHECK(seen.in == (const void *)(uintptr_t)rpc->in &&
		   seen.inlen == rpc->in_len);
	refused = seen.lowest < 0 || rpc->scope < (uint32_t)seen.lowest;
	if (refused) {
		FUZZ_CHECK(ret == EBADMSG && !seen.rpcs);
		return;
	}
	/* fwctl has no dump check: firmware's uid check is the guard. */
	FUZZ_CHECK(seen.rpcs == 1 && seen.rpc_in == seen.in &&
		   seen.rpc_inlen == seen.inlen);
}

/*
 * Attributes whose data is a pointer whatever their length (outputs), and
 * the UMEM's address and length, which must name the arena.
 */
enum attr_kind { ATTR_PLAIN, ATTR_OUT, ATTR_UMEM_ADDR, ATTR_UMEM_LEN };

static const struct {
	uint16_t object, method, attr;
	enum attr_kind kind;
} attr_kinds[] = {
	{ MLX5_IB_OBJECT_CTL, MLX5_IB_METHOD_CTL_CREATE,
	  MLX5_IB_ATTR_CTL_CREATE_INFO, ATTR_OUT },
	{ MLX5_IB_OBJECT_CTL, MLX5_IB_METHOD_CTL_RPC,
	  MLX5_IB_ATTR_CTL_RPC_CMD_OUT, ATTR_OUT },
	{ MLX5_IB_OBJECT_CTL_UMEM, MLX5_IB_METHOD_CTL_UMEM_REG,
	  MLX5_IB_ATTR_CTL_UMEM_REG_OUT_ID, ATTR_OUT },
	{ MLX5_IB_OBJECT_CTL_UMEM, MLX5_IB_METHOD_CTL_UMEM_REG,
	  MLX5_IB_ATTR_CTL_UMEM_REG_OUT_MKEY, ATTR_OUT },
	{ MLX5_IB_OBJECT_CTL_UMEM, MLX5_IB_METHOD_CTL_UMEM_REG,
	  MLX5_IB_ATTR_CTL_UMEM_REG_ADDR, ATTR_UMEM_ADDR },
	{ MLX5_IB_OBJECT_CTL_UMEM, MLX5_IB_METHOD_CTL_UMEM_REG,
	  MLX5_IB_ATTR_CTL_UMEM_REG_LEN, ATTR_UMEM_LEN },
};

static enum attr_kind kind_of(uint16_t object, uint16_t method, uint16_t attr)
{
	size_t i;

	for (i = 0; i < FUZZ_ARRAY_SIZE(attr_kinds); i++)
		if (attr_kinds[i].object == object &&
		    attr_kinds[i].method == method &&
		    attr_kinds[i].attr == attr)
			return attr_kinds[i].kind;
	return ATTR_PLAIN;
}

/* A UMEM inside the arena: the address keeps its offset in a page. */
static uint64_t arena_addr(uint64_t addr)
{
	return (uintptr_t)arena + addr % ARENA_BYTES;
}

/* A length that would pass the checks is cut to what the arena holds. */
static uint64_t arena_len(uint64_t addr, uint64_t len)
{
	uint64_t room = (uintptr_t)arena + ARENA_BYTES - addr;

	if (!len || len % EMU_PAGE_SIZE || len > MLX5_IB_UAPI_CTL_UMEM_MAX_LEN)
		return len;
	room -= room % EMU_PAGE_SIZE;
	return len < room ? len : room ? room : EMU_PAGE_SIZE;
}

/* Make the raw attributes' pointers valid: see the contract above. */
static void fix_attrs(struct run *r, struct fuzz_in *in,
		      struct ib_uverbs_ioctl_hdr *hdr)
{
	uint64_t addr = 0;
	unsigned int i;

	for (i = 0; i < hdr->num_attrs; i++) {
		struct ib_uverbs_attr *a = &hdr->attrs[i];

		switch (kind_of(hdr->object_id, hdr->method_id, a->attr_id)) {
		case ATTR_OUT:
			a->data = (uintptr_t)run_buf(r, NULL, a->len);
			break;
		case ATTR_UMEM_ADDR:
			if (a->len == sizeof(a->data))
				addr = a->data = arena_addr(a->data);
			break;
		case ATTR_UMEM_LEN:
		case ATTR_PLAIN:
			if (a->len > sizeof(a->data))
				a->data = (uintptr_t)run_buf(r, in, a->len);
			break;
		}
	}
	for (i = 0; i < hdr->num_attrs && addr; i++) {
		struct ib_uverbs_attr *a = &hdr->attrs[i];

		if (a->len == sizeof(a->data) &&
		    kind_of(hdr->object_id, hdr->method_id, a->attr_id) ==
			    ATTR_UMEM_LEN)
			a->data = arena_len(addr, a->data);
	}
}

static void uverbs_call(struct run *r, int fd, struct ib_uverbs_ioctl_hdr *hdr,
			unsigned long req)
{
	struct uverbs_call c = {
		.object = hdr->object_id,
		.method = hdr->method_id,
		.nattrs = hdr->num_attrs < MAX_ATTRS ? hdr->num_attrs :
						       MAX_ATTRS,
	};
	int ret;

	memcpy(c.attrs, hdr->attrs, c.nattrs * sizeof(c.attrs[0]));
	ret = sys_ioctl(r, fd, req, hdr);
	check_uverbs(r, fd, &c, ret);
}

/* The flags of a raw step: what the target leaves as the input has it. */
enum { RAW_LENGTH = 1, RAW_DRIVER = 2, RAW_REQ = 4 };

static void op_uverbs_raw(struct run *r, struct fuzz_in *in)
{
	uint8_t flags = fuzz_u8(in);
	int fd = fd_of(r, fuzz_u8(in));
	unsigned int nattrs = fuzz_u8(in) % MAX_ATTRS;
	size_t len = sizeof(struct ib_uverbs_ioctl_hdr) +
		     nattrs * sizeof(struct ib_uverbs_attr);
	struct ib_uverbs_ioctl_hdr *hdr = run_buf(r, in, len);
	unsigned long req = RDMA_VERBS_IOCTL;

	hdr->num_attrs = nattrs;
	if (!(flags & RAW_LENGTH))
		hdr->length = len;
	if (!(flags & RAW_DRIVER))
		hdr->driver_id = RDMA_DRIVER_MLX5;
	/* Any request but fwctl's, whose structs this buffer is not. */
	if (flags & RAW_REQ) {
		req = fuzz_u32(in);
		if (_IOC_TYPE(req) == FWCTL_TYPE)
			req = RDMA_VERBS_IOCTL;
	}
	fix_attrs(r, in, hdr);
	uverbs_call(r, fd, hdr, req);
}

/*
 * A well-formed call, NATTRS attributes filled in by wf_attr().  A plain
 * buffer: the header ends in a flexible array.
 */
struct wf {
	uint64_t words[(sizeof(struct ib_uverbs_ioctl_hdr) +
			MAX_ATTRS * sizeof(struct ib_uverbs_attr)) / 8];
};

static struct ib_uverbs_ioctl_hdr *wf_hdr(struct wf *w)
{
	return (struct ib_uverbs_ioctl_hdr *)w->words;
}

static void wf_init(struct wf *w, uint16_t object, uint16_t method,
		    unsigned int nattrs)
{
	struct ib_uverbs_ioctl_hdr *hdr = wf_hdr(w);

	memset(w, 0, sizeof(*w));
	hdr->length = sizeof(*hdr) + nattrs * sizeof(hdr->attrs[0]);
	hdr->object_id = object;
	hdr->method_id = method;
	hdr->num_attrs = nattrs;
	hdr->driver_id = RDMA_DRIVER_MLX5;
}

static void wf_attr(struct wf *w, unsigned int i, uint16_t id, uint16_t len,
		    uint64_t data)
{
	struct ib_uverbs_attr *a = &wf_hdr(w)->attrs[i];

	a->attr_id = id;
	a->len = len;
	a->flags = UVERBS_ATTR_F_MANDATORY;
	a->data = data;
}

/* Scopes 0-3 mostly, sometimes one past them, sometimes anything. */
static uint64_t pick_scope(struct fuzz_in *in)
{
	uint8_t s = fuzz_u8(in);

	return s < 0xf0 ? s % 5 : fuzz_u64(in);
}

static void op_create(struct run *r, struct fuzz_in *in)
{
	struct mlx5_ib_uapi_ctl_info info;
	int fd = fd_of(r, fuzz_u8(in));
	struct wf w;

	wf_init(&w, MLX5_IB_OBJECT_CTL, MLX5_IB_METHOD_CTL_CREATE, 3);
	wf_attr(&w, 0, MLX5_IB_ATTR_CTL_CREATE_HANDLE, 0, 0);
	wf_attr(&w, 1, MLX5_IB_ATTR_CTL_CREATE_SCOPE, 8, pick_scope(in));
	wf_attr(&w, 2, MLX5_IB_ATTR_CTL_CREATE_INFO, sizeof(info),
		(uintptr_t)&info);
	uverbs_call(r, fd, wf_hdr(&w), RDMA_VERBS_IOCTL);
}

static void op_destroy(struct run *r, struct fuzz_in *in)
{
	int fd = fd_of(r, fuzz_u8(in));
	uint8_t method = fuzz_u8(in) & 1;
	struct wf w;

	if (method)
		wf_init(&w, MLX5_IB_OBJECT_CTL_UMEM,
			MLX5_IB_METHOD_CTL_UMEM_DEREG, 1);
	else
		wf_init(&w, MLX5_IB_OBJECT_CTL, MLX5_IB_METHOD_CTL_DESTROY, 1);
	/* Both DESTROY_HANDLE attributes are the first of their method. */
	wf_attr(&w, 0, MLX5_IB_ATTR_CTL_DESTROY_HANDLE, 0, fuzz_u8(in) % 8);
	uverbs_call(r, fd, wf_hdr(&w), RDMA_VERBS_IOCTL);
}

static void op_umem_reg(struct run *r, struct fuzz_in *in)
{
	int fd = fd_of(r, fuzz_u8(in));
	uint32_t id, mkey;
	uint64_t addr, len;
	struct wf w;

	wf_init(&w, MLX5_IB_OBJECT_CTL_UMEM, MLX5_IB_METHOD_CTL_UMEM_REG, 6);
	wf_attr(&w, 0, MLX5_IB_ATTR_CTL_UMEM_REG_HANDLE, 0, 0);
	wf_attr(&w, 1, MLX5_IB_ATTR_CTL_UMEM_REG_CTL_HANDLE, 0,
		fuzz_u8(in) % 8);
	addr = arena_addr((uint64_t)fuzz_u8(in) * EMU_PAGE_SIZE +
			  (fuzz_u8(in) & 1));
	len = arena_len(addr, (uint64_t)(fuzz_u8(in) % 20) * EMU_PAGE_SIZE);
	wf_attr(&w, 2, MLX5_IB_ATTR_CTL_UMEM_REG_ADDR, 8, addr);
	wf_attr(&w, 3, MLX5_IB_ATTR_CTL_UMEM_REG_LEN, 8, len);
	wf_attr(&w, 4, MLX5_IB_ATTR_CTL_UMEM_REG_OUT_ID, 4, (uintptr_t)&id);
	wf_attr(&w, 5, MLX5_IB_ATTR_CTL_UMEM_REG_OUT_MKEY, 4,
		(uintptr_t)&mkey);
	uverbs_call(r, fd, wf_hdr(&w), RDMA_VERBS_IOCTL);
}

/* Opcodes and registers worth picking by index: the ones with a name. */
static const uint16_t known_ops[] = {
#define KNOWN_OP(name, val) val,
	PRM_OPCODES(KNOWN_OP)
#undef KNOWN_OP
};

static uint16_t pick_reg(struct fuzz_in *in)
{
	uint8_t sel = fuzz_u8(in);
	const struct prm_reg *reg = prm_reg_at(sel % prm_reg_count());

	return sel < 0xc0 && reg ? reg->id : fuzz_u16(in);
}

/* The register dump commands, which name memory by mkey. */
static const uint16_t dump_regs[] = { PRM_REG_RESOURCE_DUMP,
				      PRM_REG_CORE_DUMP };

/*
 * Aim a dump command at a UMEM of the object (FD, HANDLE), so the allowed
 * path is reached: mkey, address and size inside it, or just past it.
 */
static void aim_dump(struct run *r, int fd, uint64_t handle, uint8_t *cmd,
		     size_t len, struct fuzz_in *in)
{
	struct emu_ctl_obj *ctl = obj_of(r, fd, handle, EMU_OBJ_CTL);
	struct emu_file *f = file_of(r, fd);
	uint8_t *data = cmd + PRM_SIZE(access_register_in);
	const struct emu_dump_mem *m = NULL;
	uint32_t off = fuzz_u16(in), size = fuzz_u16(in);
	unsigned int i;

	for (i = 0; f && ctl && i < f->nobjs && !m; i++)
		if (f->objs[i] && f->objs[i]->type == EMU_OBJ_UMEM &&
		    f->objs[i]->ctl == ctl)
			m = &f->objs[i]->mem;
	if (!m || len < PRM_SIZE(access_register_in) + PRM_SIZE(resource_dump))
		return;
	if (PRM_GET(access_register_in, cmd, register_id) ==
	    PRM_REG_RESOURCE_DUMP) {
		PRM_SET(resource_dump, data, inline_dump, 0);
		PRM_SET(resource_dump, data, mkey, m->mkey);
		PRM_SET(resource_dump, data, address, m->addr + off % m->len);
		PRM_SET(resource_dump, data, size, size);
	} else {
		PRM_SET(core_dump_reg, data, core_dump_type, 2);
		PRM_SET(core_dump_reg, data, mkey, m->mkey);
		PRM_SET(core_dump_reg, data, address, m->addr + off % m->len);
		PRM_SET(core_dump_reg, data, size, size);
	}
}

/*
 * An inbox: a named opcode or any, a register access to a known register
 * or any, the rest as the input has it.  LEN >= 16.
 */
static void make_cmd(uint8_t *cmd, size_t len, struct fuzz_in *in)
{
	uint8_t sel = fuzz_u8(in);
	uint16_t opcode;

	fuzz_bytes(in, cmd, len);
	if (sel < 0x40)
		opcode = MLX5_CMD_OP_ACCESS_REG;
	else if (sel < 0xe0)
		opcode = known_ops[sel % FUZZ_ARRAY_SIZE(known_ops)];
	else
		opcode = be16(cmd);
	cmd[0] = opcode >> 8;
	cmd[1] = opcode;
	if (sel < 0x40) {
		uint16_t reg = sel < 0x10 ? dump_regs[sel & 1] : pick_reg(in);

		/* op_mod read, no vhca_tunnel_id, most of the time. */
		if (sel & 0x20) {
			memset(cmd + 4, 0, 4);
			cmd[7] = 1;
		}
		cmd[10] = reg >> 8;
		cmd[11] = reg;
	}
}

static void op_rpc(struct run *r, struct fuzz_in *in)
{
	int fd = fd_of(r, fuzz_u8(in));
	uint64_t handle = fuzz_u8(in) % 8, scope = pick_scope(in);
	uint16_t inlen = 16 + fuzz_u16(in) % 600;
	uint16_t outlen = 16 + fuzz_u16(in) % 4400;
	uint8_t *cmd = run_buf(r, NULL, inlen), *out = run_buf(r, NULL, outlen);
	uint8_t aim = fuzz_u8(in);
	struct wf w;

	make_cmd(cmd, inlen, in);
	if (aim & 1)
		aim_dump(r, fd, handle, cmd, inlen, in);
	wf_init(&w, MLX5_IB_OBJECT_CTL, MLX5_IB_METHOD_CTL_RPC, 4);
	wf_attr(&w, 0, MLX5_IB_ATTR_CTL_RPC_HANDLE, 0, handle);
	wf_attr(&w, 1, MLX5_IB_ATTR_CTL_RPC_SCOPE, 8, scope);
	wf_attr(&w, 2, MLX5_IB_ATTR_CTL_RPC_CMD_IN, inlen, (uintptr_t)cmd);
	wf_attr(&w, 3, MLX5_IB_ATTR_CTL_RPC_CMD_OUT, outlen, (uintptr_t)out);
	uverbs_call(r, fd, wf_hdr(&w), RDMA_VERBS_IOCTL);
}

/* A length as fwctl sees it: small, or past its limit to be refused. */
static uint32_t fwctl_len(uint32_t len)
{
	return len > FWCTL_MAX_RPC_LEN ? len : len % MAX_FWCTL_LEN;
}

/* The buffer behind it: none past the limit, which is never read. */
static void *fwctl_buf(struct run *r, struct fuzz_in *in, uint32_t len)
{
	return run_buf(r, in, len > FWCTL_MAX_RPC_LEN ? 0 : len);
}

static void fwctl_call(struct run *r, int fd, unsigned long req, void *arg)
{
	struct fwctl_rpc rpc;
	int ret;

	memcpy(&rpc, arg, sizeof(rpc));
	ret = sys_ioctl(r, fd, req, arg);
	check_fwctl(r, &rpc, req, ret);
}

/* FWCTL_RPC or FWCTL_INFO with the struct raw, its size field included. */
static void op_fwctl_raw(struct run *r, struct fuzz_in *in)
{
	static const unsigned long reqs[] = { FWCTL_RPC, FWCTL_INFO, 0 };
	int fd = fd_of(r, fuzz_u8(in));
	unsigned long req = reqs[fuzz_u8(in) % FUZZ_ARRAY_SIZE(reqs)];
	uint16_t size = fuzz_u16(in);
	uint8_t *arg;

	/* Any request but uverbs', whose header this buffer is not. */
	if (!req) {
		req = fuzz_u32(in);
		if (req == RDMA_VERBS_IOCTL)
			req = FWCTL_RPC;
	}
	/* The kernel reads SIZE bytes of the user's struct: all valid. */
	arg = run_buf(r, in, size > sizeof(struct fwctl_rpc) ?
				     size : sizeof(struct fwctl_rpc));
	memcpy(arg, &(uint32_t){ size }, sizeof(uint32_t));
	if (req == FWCTL_RPC) {
		struct fwctl_rpc *rpc = (struct fwctl_rpc *)arg;

		rpc->in_len = fwctl_len(rpc->in_len);
		rpc->out_len = fwctl_len(rpc->out_len);
		rpc->in = (uintptr_t)fwctl_buf(r, in, rpc->in_len);
		rpc->out = (uintptr_t)fwctl_buf(r, NULL, rpc->out_len);
	} else if (req == FWCTL_INFO) {
		struct fwctl_info *info = (struct fwctl_info *)arg;

		info->device_data_len %= 64;
		info->out_device_data =
			(uintptr_t)run_buf(r, NULL, info->device_data_len);
	}
	fwctl_call(r, fd, req, arg);
}

static void op_fwctl_rpc(struct run *r, struct fuzz_in *in)
{
	struct fwctl_rpc rpc = { .size = sizeof(rpc) };
	int fd = fd_of(r, fuzz_u8(in));
	uint8_t *cmd;

	rpc.scope = pick_scope(in);
	rpc.in_len = 16 + fuzz_u16(in) % 600;
	rpc.out_len = 16 + fuzz_u16(in) % 4400;
	cmd = run_buf(r, NULL, rpc.in_len);
	make_cmd(cmd, rpc.in_len, in);
	rpc.in = (uintptr_t)cmd;
	rpc.out = (uintptr_t)run_buf(r, NULL, rpc.out_len);
	fwctl_call(r, fd, FWCTL_RPC, &rpc);
}

static void op_open(struct run *r, struct fuzz_in *in)
{
	static const char *const paths[] = {
		"/dev/infiniband/uverbs0", "/dev/fwctl/fwctl0",
		"/dev/infiniband/uverbs1", "/dev/fwctl/",
	};
	uint8_t slot = fuzz_u8(in) % MAX_FDS;

	r->fds[slot] = r->sys->open(r->sys,
				    paths[fuzz_u8(in) % FUZZ_ARRAY_SIZE(paths)],
				    O_RDWR);
}

/* Any fd: near INT_MIN, negative, the emulated range and past it. */
static int pick_fd(struct run *r, struct fuzz_in *in)
{
	uint8_t sel = fuzz_u8(in);

	switch (sel % 4) {
	case 0:
		return fd_of(r, sel >> 2);
	case 1:
		return EMU_FD_BASE + (sel >> 2) - 4;
	case 2:
		return INT_MIN + (sel >> 2);
	default:
		return (int)fuzz_u32(in);
	}
}

static void op_close(struct run *r, struct fuzz_in *in)
{
	int fd = pick_fd(r, in);

	memset(&seen, 0, sizeof(seen));
	r->sys->close(r->sys, fd);
	FUZZ_CHECK(!seen.asked && !seen.rpcs);
}

static void op_any_fd(struct run *r, struct fuzz_in *in)
{
	uint8_t buf[sizeof(struct fwctl_rpc)] = {};
	int fd = pick_fd(r, in);
	int ret;

	ret = sys_ioctl(r, fd, fuzz_u32(in), buf);
	FUZZ_CHECK(!seen.asked && !seen.rpcs);
	if (!file_of(r, fd))
		FUZZ_CHECK(ret == EBADF);
}

static void (*const ops[])(struct run *r, struct fuzz_in *in) = {
	op_open, op_close, op_create, op_rpc, op_rpc, op_umem_reg, op_destroy,
	op_uverbs_raw, op_fwctl_rpc, op_fwctl_raw, op_any_fd,
};

/* Devices the kernel half runs over: faults change its paths. */
static const struct {
	const char *spec;
	bool fw_error;
} devices[] = {
	{ "connectx7", false },
	{ "connectx7,fault=fw-error,fault_after=4", true },
	{ "connectx7,fault=timeout,fault_after=2,fault_opcode=0x805", false },
	{ "connectx7,fault=short-output,fault_after=1", false },
	{ "connectx7,fault=gone,fault_after=6", false },
	{ "connectx7,rscdump_objs=2,coredump_size=64K", false },
};

/* Every file closed: firmware holds nothing of the kernel's any more. */
static void check_released(struct run *r)
{
	struct emu_fw *fw = r->k->fw;
	unsigned int i;

	for (i = 0; i < r->k->nfiles; i++)
		if (r->k->files[i])
			r->sys->close(r->sys, EMU_FD_BASE + (int)i);
	if (r->fw_error)
		return;
	FUZZ_CHECK(!fw->nuctx);
	FUZZ_CHECK(!fw->dump->numems && !fw->dump->npds && !fw->dump->nmkeys);
	FUZZ_CHECK(!emu_pinned_pages());
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	ref_init();
	arena = aligned_alloc(EMU_PAGE_SIZE, ARENA_BYTES);
	FUZZ_CHECK(arena);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint8_t dev = fuzz_u8(&in) % FUZZ_ARRAY_SIZE(devices);
	struct run r = { .fw_error = devices[dev].fw_error };
	unsigned int step, i;

	r.sys = emu_sys_create(devices[dev].spec, NULL, 0);
	FUZZ_CHECK(r.sys);
	r.k = emu_kernel_of(r.sys);
	/* A uverbs and a fwctl file to start with, as most programs have. */
	r.fds[0] = r.sys->open(r.sys, "/dev/infiniband/uverbs0", O_RDWR);
	r.fds[1] = r.sys->open(r.sys, "/dev/fwctl/fwctl0", O_RDWR);
	for (i = 2; i < MAX_FDS; i++)
		r.fds[i] = -1;
	for (step = 0; step < MAX_STEPS && in.n; step++) {
		ops[fuzz_u8(&in) % FUZZ_ARRAY_SIZE(ops)](&r, &in);
		run_bufs_free(&r);
	}
	check_released(&r);
	r.sys->release(r.sys);
	return 0;
}
