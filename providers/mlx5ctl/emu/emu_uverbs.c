// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The emulator's uverbs: RDMA_VERBS_IOCTL decoded with the checks and
 * errnos of drivers/infiniband/core/uverbs_ioctl.c, then the methods of
 * MLX5_IB_OBJECT_CTL as the kernel series implements them.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <rdma/ib_user_ioctl_verbs.h>
#include <rdma/mlx5_user_ioctl_cmds.h>
#include <rdma/mlx5_user_ioctl_verbs.h>
#include <rdma/rdma_user_ioctl.h>

#include "emu_kernel.h"
#include "policy.h"
#include "prm.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_METHOD_ATTRS 6

enum attr_type {
	ATTR_IDR_NEW,
	ATTR_IDR_READ,
	ATTR_IDR_DESTROY,
	ATTR_PTR_IN,
	ATTR_PTR_OUT,
};

struct attr_spec {
	uint16_t id;
	enum attr_type type;
	uint16_t min_len, max_len;	/* PTR attributes */
	bool mandatory;
	enum emu_obj_type obj;		/* IDR attributes: the object type */
};

/* What the handler gets: each spec'd attribute, in spec order. */
struct bundle {
	struct ib_uverbs_attr *uattr[MAX_METHOD_ATTRS];	/* user's copy */
	struct ib_uverbs_attr attr[MAX_METHOD_ATTRS];
	struct emu_ctl_obj *obj[MAX_METHOD_ATTRS];
	bool present[MAX_METHOD_ATTRS];
};

struct method {
	uint16_t object, method;
	const struct attr_spec *attrs;
	unsigned int nattrs;
	int (*handler)(struct emu_kernel *k, struct emu_file *f,
		       struct bundle *b);
};

/*
 * Designated initialisers: a PTR attribute has no object type, an IDR one
 * no lengths, and the fields left out are zero by rule, not by accident.
 */
#define PTR_ATTR(attr_id, t, min, max) \
	{ .id = attr_id, .type = t, .min_len = min, .max_len = max, \
	  .mandatory = true }
/* The const scope attribute: a u64 inline (UVERBS_ATTR_CONST_IN). */
#define CONST_IN(attr_id) PTR_ATTR(attr_id, ATTR_PTR_IN, 8, 8)

/* An IDR attribute of object type T. */
#define IDR(attr_id, access, t) \
	{ .id = attr_id, .type = access, .mandatory = true, .obj = t }
/* UVERBS_ATTR_TYPE(u64) / (u32): exactly that many bytes. */
#define PTR_IN_TYPE(attr_id, type) \
	PTR_ATTR(attr_id, ATTR_PTR_IN, sizeof(type), sizeof(type))
#define PTR_OUT_TYPE(attr_id, type) \
	PTR_ATTR(attr_id, ATTR_PTR_OUT, sizeof(type), sizeof(type))

static const struct attr_spec create_attrs[] = {
	IDR(MLX5_IB_ATTR_CTL_CREATE_HANDLE, ATTR_IDR_NEW, EMU_OBJ_CTL),
	CONST_IN(MLX5_IB_ATTR_CTL_CREATE_SCOPE),
	PTR_OUT_TYPE(MLX5_IB_ATTR_CTL_CREATE_INFO, struct mlx5_ib_uapi_ctl_info),
};

static const struct attr_spec destroy_attrs[] = {
	IDR(MLX5_IB_ATTR_CTL_DESTROY_HANDLE, ATTR_IDR_DESTROY, EMU_OBJ_CTL),
};

static const struct attr_spec rpc_attrs[] = {
	IDR(MLX5_IB_ATTR_CTL_RPC_HANDLE, ATTR_IDR_READ, EMU_OBJ_CTL),
	CONST_IN(MLX5_IB_ATTR_CTL_RPC_SCOPE),
	/* UVERBS_ATTR_MIN_SIZE(16): the uverbs core refuses less, EINVAL. */
	PTR_ATTR(MLX5_IB_ATTR_CTL_RPC_CMD_IN, ATTR_PTR_IN, 16, UINT16_MAX),
	PTR_ATTR(MLX5_IB_ATTR_CTL_RPC_CMD_OUT, ATTR_PTR_OUT, 16, UINT16_MAX),
};

static const struct attr_spec umem_reg_attrs[] = {
	IDR(MLX5_IB_ATTR_CTL_UMEM_REG_HANDLE, ATTR_IDR_NEW, EMU_OBJ_UMEM),
	IDR(MLX5_IB_ATTR_CTL_UMEM_REG_CTL_HANDLE, ATTR_IDR_READ, EMU_OBJ_CTL),
	PTR_IN_TYPE(MLX5_IB_ATTR_CTL_UMEM_REG_ADDR, uint64_t),
	PTR_IN_TYPE(MLX5_IB_ATTR_CTL_UMEM_REG_LEN, uint64_t),
	PTR_OUT_TYPE(MLX5_IB_ATTR_CTL_UMEM_REG_OUT_ID, uint32_t),
	PTR_OUT_TYPE(MLX5_IB_ATTR_CTL_UMEM_REG_OUT_MKEY, uint32_t),
};

static const struct attr_spec umem_dereg_attrs[] = {
	IDR(MLX5_IB_ATTR_CTL_UMEM_DEREG_HANDLE, ATTR_IDR_DESTROY, EMU_OBJ_UMEM),
};

static const void *ptr_in_data(const struct ib_uverbs_attr *a)
{
	/* Up to 8 bytes travel inline, in attr.data itself. */
	if (a->len <= sizeof(a->data))
		return &a->data;
	return (const void *)(uintptr_t)a->data;
}

static uint64_t const_in(const struct ib_uverbs_attr *a)
{
	return a->data;
}

static void copy_to_out(struct ib_uverbs_attr *uattr,
			const struct ib_uverbs_attr *a, const void *src,
			size_t len)
{
	memcpy((void *)(uintptr_t)a->data, src, len < a->len ? len : a->len);
	uattr->flags |= UVERBS_ATTR_F_VALID_OUTPUT;
}

/*
 * uverbs_finalize_uobj_create(): OBJ, filled in, becomes TYPE and
 * visible to other threads' lookups (a new object has no type until
 * then, so none finds it half made); a UMEM joins its CTL's count.
 */
static void idr_commit(struct emu_kernel *k, struct emu_ctl_obj *obj,
		       enum emu_obj_type type)
{
	pthread_mutex_lock(&k->lock);
	obj->type = type;
	if (type == EMU_OBJ_UMEM)
		obj->ctl->umems++;
	pthread_mutex_unlock(&k->lock);
}

/* Free OBJ's IDR slot and the object; its handle may be reused. */
static void idr_remove(struct emu_kernel *k, struct emu_file *f,
		       struct emu_ctl_obj *obj)
{
	pthread_mutex_lock(&k->lock);
	f->objs[obj->handle] = NULL;
	if (obj->type == EMU_OBJ_UMEM)
		obj->ctl->umems--;
	pthread_mutex_unlock(&k->lock);
	free(obj);
}

/* Whether CTL has UMEMs; read under the lock UMEM_REG counts them in. */
static bool ctl_busy(struct emu_kernel *k, const struct emu_ctl_obj *ctl)
{
	bool busy;

	pthread_mutex_lock(&k->lock);
	busy = ctl->umems;
	pthread_mutex_unlock(&k->lock);
	return busy;
}

static int ctl_create(struct emu_kernel *k, struct emu_file *f,
		      struct bundle *b)
{
	struct emu_ctl_obj *obj = b->obj[0];
	struct mlx5_ib_uapi_ctl_info info = {};
	uint64_t ceiling = const_in(&b->attr[1]);
	uint32_t caps = 0;
	int ret;

	/* uverbs files are often world-accessible: the object is not. */
	if (!emu_capable(EMU_CAP_SYS_ADMIN))
		return EPERM;
	if (ceiling > MLX5_IB_UAPI_CTL_SCOPE_DEBUG_WRITE_FULL)
		return EOPNOTSUPP;
	if (ceiling == MLX5_IB_UAPI_CTL_SCOPE_DEBUG_WRITE_FULL &&
	    !emu_capable(EMU_CAP_SYS_RAWIO))
		return EPERM;
	/* Least privilege: only what dumps need, when firmware has it. */
	caps = emu_kernel_fw_uctx_caps(k) & PRM_UCTX_CAP_TOOLS_RESOURCES;
	ret = emu_kernel_create_uctx(k, caps, &obj->uid);
	if (ret)
		return ret;
	obj->caps = caps;
	obj->ceiling = ceiling;
	idr_commit(k, obj, EMU_OBJ_CTL);
	info.uid = obj->uid;
	info.uctx_caps = caps;
	info.max_scope = ceiling;
	copy_to_out(b->uattr[2], &b->attr[2], &info, sizeof(info));
	return 0;
}

/*
 * mm->pinned_vm: pinned pages are charged to the process, not to the
 * device, so every emulated device of the process shares one count
 * against RLIMIT_MEMLOCK, as every handle on one kernel does.  Atomic,
 * as the kernel's is: threads charge it at once, on any handle.
 */
static uint64_t pinned_vm;

uint64_t emu_pinned_pages(void)
{
	return __atomic_load_n(&pinned_vm, __ATOMIC_RELAXED);
}

static void umem_uncharge(uint64_t npages)
{
	__atomic_sub_fetch(&pinned_vm, npages, __ATOMIC_RELAXED);
}

/*
 * ib_umem_get()'s charge: can_do_mlock() first (a zero RLIMIT_MEMLOCK
 * without CAP_IPC_LOCK is EPERM), then pinned pages beyond the limit
 * need CAP_IPC_LOCK, else ENOMEM.  Added first and taken back on
 * failure, as atomic64_add_return() on mm->pinned_vm does.
 */
static int umem_charge(uint64_t npages)
{
	struct rlimit rl = { 0, 0 };
	uint64_t limit;

	getrlimit(RLIMIT_MEMLOCK, &rl);
	if (!rl.rlim_cur && !emu_capable(EMU_CAP_IPC_LOCK))
		return EPERM;
	limit = rl.rlim_cur == RLIM_INFINITY ? UINT64_MAX :
		rl.rlim_cur >> EMU_PAGE_SHIFT;
	if (__atomic_add_fetch(&pinned_vm, npages, __ATOMIC_RELAXED) > limit &&
	    !emu_capable(EMU_CAP_IPC_LOCK)) {
		umem_uncharge(npages);
		return ENOMEM;
	}
	return 0;
}

/*
 * The uobject cleanup of either type.  An explicit DESTROY may fail and
 * leaves the object alive (EBUSY, or the firmware's error); on close it
 * never fails: a UMEM firmware did not release keeps its pages pinned.
 */
static int obj_destroy(struct emu_kernel *k, struct emu_file *f,
		       struct emu_ctl_obj *obj, bool explicit)
{
	int ret;

	if (obj->type == EMU_OBJ_UMEM) {
		/* Unpin only once firmware can no longer write the pages. */
		ret = emu_kernel_destroy_dump_mem(k, obj->ctl->uid, &obj->mem);
		if (ret && explicit)
			return ret;
		if (!ret)
			umem_uncharge(obj->npages);
	} else {
		/* Firmware refuses to destroy a UCTX that still has UMEMs. */
		if (ctl_busy(k, obj))
			return EBUSY;
		emu_kernel_destroy_uctx(k, obj->uid);
	}
	idr_remove(k, f, obj);
	return 0;
}

static int ctl_destroy(struct emu_kernel *k, struct emu_file *f,
		       struct bundle *b)
{
	return obj_destroy(k, f, b->obj[0], true);
}

/*
 * A dump writes only into a UMEM of the object, inside it.  The scan is
 * under the lock, as the kernel walks ctl->umems under ctl->lock: other
 * threads register and deregister UMEMs meanwhile.
 */
static bool dump_allowed(struct emu_kernel *k, const struct emu_file *f,
			 const struct emu_ctl_obj *ctl, const void *in,
			 size_t inlen)
{
	struct mlx5ctl_dump_target t;
	bool ok = false;
	unsigned int i;

	if (!mlx5ctl_policy_dump_target(in, inlen, &t))
		return true;
	pthread_mutex_lock(&k->lock);
	for (i = 0; i < f->nobjs && !ok; i++) {
		const struct emu_ctl_obj *o = f->objs[i];

		ok = o && o->type == EMU_OBJ_UMEM && o->ctl == ctl &&
		     o->mem.mkey == t.mkey && t.addr >= o->mem.addr &&
		     t.size <= o->mem.len &&
		     t.addr - o->mem.addr <= o->mem.len - t.size;
	}
	pthread_mutex_unlock(&k->lock);
	return ok;
}

static int ctl_rpc(struct emu_kernel *k, struct emu_file *f, struct bundle *b)
{
	const struct emu_ctl_obj *obj = b->obj[0];
	uint64_t scope = const_in(&b->attr[1]);
	const struct ib_uverbs_attr *in = &b->attr[2], *out = &b->attr[3];
	size_t produced;
	int ret;

	const void *cmd = ptr_in_data(in);
	int lowest;

	if (scope > MLX5_IB_UAPI_CTL_SCOPE_DEBUG_WRITE_FULL)
		return EOPNOTSUPP;
	if (scope > obj->ceiling)
		return EPERM;
	/* Checked per RPC: a passed file descriptor confers nothing. */
	if (scope == MLX5_IB_UAPI_CTL_SCOPE_DEBUG_WRITE_FULL &&
	    !emu_capable(EMU_CAP_SYS_RAWIO))
		return EPERM;
	lowest = mlx5ctl_policy_ctl(cmd, in->len);
	if (lowest < 0 || scope < (uint64_t)lowest ||
	    !dump_allowed(k, f, obj, cmd, in->len))
		return EBADMSG;
	/* The command's class taints, not the scope it was sent at. */
	if (lowest >= MLX5_IB_UAPI_CTL_SCOPE_DEBUG_WRITE)
		emu_kernel_taint(k);
	ret = emu_kernel_rpc(k, obj->uid, cmd, in->len,
			     (void *)(uintptr_t)out->data, out->len, &produced);
	if (!ret)
		b->uattr[3]->flags |= UVERBS_ATTR_F_VALID_OUTPUT;
	return ret;
}

/*
 * pin_user_pages_fast(FOLL_WRITE | FOLL_LONGTERM), as ib_umem_get() pins
 * a writable UMEM: every page must lie in a mapping the process may write
 * (VM_WRITE), with no hole, else EFAULT.  /proc/self/maps lists those
 * mappings in address order with the kernel's own permissions; mincore()
 * would see that a page is mapped but not whether it is writable.  Device
 * mappings (VM_IO, VM_PFNMAP), which gup refuses too, are not told apart.
 */
static int umem_pin(uint64_t addr, uint64_t len)
{
	uint64_t end = addr + len, lo, hi;
	FILE *maps = fopen("/proc/self/maps", "re");
	char perms[5], *line = NULL;
	size_t cap = 0;

	if (!maps)
		return EFAULT;
	while (addr < end && getline(&line, &cap, maps) > 0) {
		if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %4s", &lo, &hi,
			   perms) != 3 || hi <= addr)
			continue;
		/* A hole before the next mapping, or one without write. */
		if (lo > addr || perms[1] != 'w')
			break;
		addr = hi;
	}
	free(line);
	fclose(maps);
	return addr >= end ? 0 : EFAULT;
}

static int umem_reg(struct emu_kernel *k, struct emu_file *f,
		    struct bundle *b)
{
	struct emu_ctl_obj *obj = b->obj[0], *ctl = b->obj[1];
	struct emu_dump_mem *m = &obj->mem;
	uint64_t addr, len;
	int ret;

	/* Dumps are debug reads: a configuration object has no use for one. */
	if (ctl->ceiling < MLX5_IB_UAPI_CTL_SCOPE_DEBUG_READ_ONLY)
		return EPERM;
	memcpy(&addr, ptr_in_data(&b->attr[2]), sizeof(addr));
	memcpy(&len, ptr_in_data(&b->attr[3]), sizeof(len));
	/* Whole pages, so firmware sees the buffer start at offset 0. */
	if (!len || len > MLX5_IB_UAPI_CTL_UMEM_MAX_LEN || addr % EMU_PAGE_SIZE ||
	    len % EMU_PAGE_SIZE || addr + len < addr)
		return EINVAL;
	ret = umem_charge(len >> EMU_PAGE_SHIFT);
	if (ret)
		return ret;
	ret = umem_pin(addr, len);
	*m = (struct emu_dump_mem){ .addr = addr, .len = len };
	if (!ret)
		ret = emu_kernel_create_dump_mem(k, ctl->uid, m);
	if (ret) {
		umem_uncharge(len >> EMU_PAGE_SHIFT);
		return ret;
	}
	obj->ctl = ctl;
	obj->npages = len >> EMU_PAGE_SHIFT;
	idr_commit(k, obj, EMU_OBJ_UMEM);
	copy_to_out(b->uattr[4], &b->attr[4], &m->umem_id, sizeof(m->umem_id));
	copy_to_out(b->uattr[5], &b->attr[5], &m->mkey, sizeof(m->mkey));
	return 0;
}

static int umem_dereg(struct emu_kernel *k, struct emu_file *f,
		      struct bundle *b)
{
	return obj_destroy(k, f, b->obj[0], true);
}

static const struct method methods[] = {
	{ MLX5_IB_OBJECT_CTL, MLX5_IB_METHOD_CTL_CREATE, create_attrs,
	  ARRAY_SIZE(create_attrs), ctl_create },
	{ MLX5_IB_OBJECT_CTL, MLX5_IB_METHOD_CTL_DESTROY, destroy_attrs,
	  ARRAY_SIZE(destroy_attrs), ctl_destroy },
	{ MLX5_IB_OBJECT_CTL, MLX5_IB_METHOD_CTL_RPC, rpc_attrs,
	  ARRAY_SIZE(rpc_attrs), ctl_rpc },
	{ MLX5_IB_OBJECT_CTL_UMEM, MLX5_IB_METHOD_CTL_UMEM_REG, umem_reg_attrs,
	  ARRAY_SIZE(umem_reg_attrs), umem_reg },
	{ MLX5_IB_OBJECT_CTL_UMEM, MLX5_IB_METHOD_CTL_UMEM_DEREG,
	  umem_dereg_attrs, ARRAY_SIZE(umem_dereg_attrs), umem_dereg },
};

static const struct method *find_method(uint16_t object, uint16_t method)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(methods); i++)
		if (methods[i].object == object && methods[i].method == method)
			return &methods[i];
	return NULL;
}

/*
 * A handle of another object type is as unknown as a free one, and so is
 * one not committed yet.  The object outlives the lock: only its DESTROY
 * or the file's close frees it, which mlx5ctl(7) does not let a thread
 * do while another uses it.
 */
static struct emu_ctl_obj *idr_lookup(struct emu_kernel *k, struct emu_file *f,
				      uint64_t handle, enum emu_obj_type type)
{
	struct emu_ctl_obj *obj = NULL;

	pthread_mutex_lock(&k->lock);
	if (handle < f->nobjs && f->objs[handle] &&
	    f->objs[handle]->type == type)
		obj = f->objs[handle];
	pthread_mutex_unlock(&k->lock);
	return obj;
}

/* Double F's IDR, the new slots free; false: out of memory.  Under k->lock. */
static bool idr_grow(struct emu_file *f)
{
	uint32_t n = f->nobjs ? 2 * f->nobjs : 8;
	struct emu_ctl_obj **grown;

	grown = realloc(f->objs, (size_t)n * sizeof(*grown));
	if (!grown)
		return false;
	memset(grown + f->nobjs, 0, (size_t)(n - f->nobjs) * sizeof(*grown));
	f->objs = grown;
	f->nobjs = n;
	return true;
}

/*
 * The lowest free handle, as xa_alloc() gives it, reserved for an object
 * without a type until idr_commit(); NULL: out of memory.
 */
static struct emu_ctl_obj *idr_alloc(struct emu_kernel *k, struct emu_file *f,
				     uint32_t *handle)
{
	struct emu_ctl_obj *obj = calloc(1, sizeof(*obj));
	uint32_t i;

	if (!obj)
		return NULL;
	pthread_mutex_lock(&k->lock);
	for (i = 0; i < f->nobjs && f->objs[i]; i++)
		;
	if (i == f->nobjs && !idr_grow(f)) {
		pthread_mutex_unlock(&k->lock);
		free(obj);
		return NULL;
	}
	obj->handle = i;
	f->objs[i] = obj;
	pthread_mutex_unlock(&k->lock);
	*handle = i;
	return obj;
}

/* uverbs_process_attr(): the per-type checks, in the kernel's order. */
static int process_attr(struct emu_kernel *k, struct emu_file *f,
			const struct attr_spec *spec,
			struct ib_uverbs_attr *uattr, struct bundle *b,
			unsigned int slot)
{
	struct ib_uverbs_attr *a = &b->attr[slot];
	uint32_t handle;

	switch (spec->type) {
	case ATTR_PTR_IN:
	case ATTR_PTR_OUT:
		if (a->len < spec->min_len || a->len > spec->max_len)
			return EINVAL;
		if (a->attr_data.reserved)
			return EINVAL;
		break;
	case ATTR_IDR_NEW:
	case ATTR_IDR_READ:
	case ATTR_IDR_DESTROY:
		if (a->attr_data.reserved || a->len)
			return EINVAL;
		if (spec->type != ATTR_IDR_NEW) {
			b->obj[slot] = idr_lookup(k, f, a->data, spec->obj);
			if (!b->obj[slot])
				return ENOENT;
			break;
		}
		b->obj[slot] = idr_alloc(k, f, &handle);
		if (!b->obj[slot])
			return ENOMEM;
		/* The new id reaches userspace before the handler runs. */
		uattr->data = handle;
		break;
	}
	return 0;
}

static void abort_new(struct emu_kernel *k, struct emu_file *f,
		      struct bundle *b, const struct method *m)
{
	unsigned int i;

	for (i = 0; i < m->nattrs; i++)
		if (b->present[i] && m->attrs[i].type == ATTR_IDR_NEW)
			idr_remove(k, f, b->obj[i]);
}

int emu_uverbs_ioctl(struct emu_kernel *k, struct emu_file *f,
		     unsigned long req, void *arg)
{
	struct ib_uverbs_ioctl_hdr *hdr = arg;
	const struct method *m;
	struct bundle b = {};
	unsigned int i, j;
	int ret = 0;

	if (req != RDMA_VERBS_IOCTL)
		return ENOTTY;
	if (!hdr)
		return EFAULT;
	if (hdr->length > EMU_PAGE_SIZE ||
	    hdr->length != sizeof(*hdr) + hdr->num_attrs * sizeof(hdr->attrs[0]))
		return EINVAL;
	if (hdr->reserved1 || hdr->reserved2)
		return EPROTONOSUPPORT;
	if (hdr->driver_id != RDMA_DRIVER_MLX5)
		return EINVAL;
	m = find_method(hdr->object_id, hdr->method_id);
	if (!m)
		return EPROTONOSUPPORT;
	/*
	 * A removed device's verbs file stays open, disassociated: uverbs
	 * answers every method with EIO (booted-kernel test, hot_unplug).
	 */
	if (emu_kernel_gone(k))
		return EIO;

	for (i = 0; i < hdr->num_attrs && !ret; i++) {
		struct ib_uverbs_attr *uattr = &hdr->attrs[i];

		for (j = 0; j < m->nattrs; j++)
			if (m->attrs[j].id == uattr->attr_id)
				break;
		if (j == m->nattrs) {
			/* Unknown to this kernel: fatal only if mandatory. */
			if (uattr->flags & UVERBS_ATTR_F_MANDATORY)
				ret = EPROTONOSUPPORT;
			continue;
		}
		if (b.present[j]) {
			ret = EINVAL;
			continue;
		}
		b.attr[j] = *uattr;
		b.uattr[j] = uattr;
		ret = process_attr(k, f, &m->attrs[j], uattr, &b, j);
		if (!ret)
			b.present[j] = true;
	}
	for (j = 0; j < m->nattrs && !ret; j++)
		if (m->attrs[j].mandatory && !b.present[j])
			ret = EINVAL;
	if (!ret)
		ret = m->handler(k, f, &b);
	if (ret)
		abort_new(k, f, &b, m);
	return ret;
}

/*
 * Closing the file destroys every object it still holds: UMEMs first,
 * then the CTLs they kept busy, as uverbs retries EBUSY cleanups.
 */
void emu_uverbs_release(struct emu_kernel *k, struct emu_file *f)
{
	unsigned int i;

	for (i = 0; i < f->nobjs; i++)
		if (f->objs[i] && f->objs[i]->type == EMU_OBJ_UMEM)
			obj_destroy(k, f, f->objs[i], false);
	for (i = 0; i < f->nobjs; i++)
		if (f->objs[i])
			obj_destroy(k, f, f->objs[i], false);
}
