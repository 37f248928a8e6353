/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/* The emulator's kernel half: state shared by the uverbs and fwctl files. */
#ifndef MLX5CTL_EMU_KERNEL_H
#define MLX5CTL_EMU_KERNEL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "emu.h"

/*
 * Emulated fds start high so a stray real syscall on one fails (EBADF).
 * Files and objects have no fixed limit: the kernel's file table and
 * uverbs' IDR (an xarray) grow until memory runs out, and so do these.
 */
#define EMU_FD_BASE 0x4000

/* Capabilities the kernel checks, as in <linux/capability.h>. */
enum {
	EMU_CAP_NET_RAW = 13,
	EMU_CAP_IPC_LOCK = 14,
	EMU_CAP_SYS_RAWIO = 17,
	EMU_CAP_SYS_ADMIN = 21,
};

enum emu_file_type {
	EMU_FILE_UVERBS,
	EMU_FILE_FWCTL,
};

#define EMU_PAGE_SHIFT 12
#define EMU_PAGE_SIZE (1UL << EMU_PAGE_SHIFT)

enum emu_obj_type {
	EMU_OBJ_NONE,
	EMU_OBJ_CTL,		/* MLX5_IB_OBJECT_CTL */
	EMU_OBJ_UMEM,		/* MLX5_IB_OBJECT_CTL_UMEM */
};

/*
 * The firmware objects behind a registered buffer, under its CTL's uid:
 * the UMEM, a PD and an mkey over the UMEM, which is what dumps name.
 * FW says which of them exist, so a destroy that failed half way resumes.
 */
struct emu_dump_mem {
	uint32_t umem_id, pdn, mkey;
	uint64_t addr, len;
	unsigned int fw;	/* EMU_MEM_* bits */
};

enum { EMU_MEM_UMEM = 1, EMU_MEM_PD = 2, EMU_MEM_MKEY = 4 };

/*
 * One uobject of the file's IDR.  CTL: a firmware user context and a
 * scope ceiling.  UMEM: pinned pages made a firmware UMEM and mkey under
 * its CTL's uid; the CTL cannot be destroyed while it has UMEMs (EBUSY).
 */
struct emu_ctl_obj {
	uint32_t handle;	/* its index in the file's IDR */
	enum emu_obj_type type;
	uint16_t uid;
	uint32_t caps;
	unsigned int ceiling;
	bool warned;		/* the once-per-context taint warning */
	unsigned int umems;	/* CTL: UMEMs registered under it */
	struct emu_ctl_obj *ctl; /* UMEM: its owner */
	struct emu_dump_mem mem; /* UMEM: its firmware objects */
	uint64_t npages;	/* UMEM: pages pinned */
};

struct emu_file {
	enum emu_file_type type;
	/*
	 * uverbs: the IDR, handle = index, lowest free first as xa_alloc()
	 * gives it; NULL slots are free.  Objects are allocated one by one
	 * so a UMEM's pointer to its CTL survives the array growing.
	 */
	struct emu_ctl_obj **objs;
	uint32_t nobjs;		/* slots, used or not */
	/* fwctl: the per-open user context */
	uint16_t uid;
	uint32_t caps;
};

struct emu_kernel {
	struct mlx5ctl_sys sys;		/* first: the seam hands this out */
	struct emu_fw *fw;		/* locks itself, per command */
	/*
	 * Threads share files as they do on a real kernel (mlx5ctl(7),
	 * THREADS).  The lock stands for the kernel's file table lock, the
	 * uverbs IDR's xa_lock and each control object's ctl->lock: it
	 * guards the file table, every file's IDR, which objects are
	 * published in it and each CTL's UMEM count.  It is never held
	 * while firmware runs, so commands of several threads meet only in
	 * firmware, as on hardware.
	 */
	pthread_mutex_t lock;
	/* Open files, fd = EMU_FD_BASE + index; NULL slots are free. */
	struct emu_file **files;
	unsigned int nfiles;		/* slots, used or not */
	unsigned int rpcs;		/* commands sent, for fault_after: atomic */
	bool tainted;			/* atomic */
};

struct emu_kernel *emu_kernel_of(struct mlx5ctl_sys *sys);

/* Pages UMEMs pin in this process (mm->pinned_vm), for tests. */
uint64_t emu_pinned_pages(void);

/* Whether the calling thread holds capability CAP (effective set). */
bool emu_capable(int cap);

/* TAINT_USER: a write-class command (ctl) or scope (fwctl) was used. */
void emu_kernel_taint(struct emu_kernel *k);

/*
 * The part of the RPC path both files share (the mlx5 command core): uid
 * stamping, fault injection, firmware.  The caller has applied its
 * kernel's checks and policy.  OUT receives OUTLEN bytes; *PRODUCED what
 * firmware wrote.  0 or a positive errno.
 */
/* fault=gone has struck: the device is removed. */
bool emu_kernel_gone(const struct emu_kernel *k);
int emu_kernel_rpc(struct emu_kernel *k, uint16_t uid, const void *in,
		   size_t inlen, void *out, size_t outlen, size_t *produced);

/* Create/destroy a firmware user context; 0 or errno. */
int emu_kernel_create_uctx(struct emu_kernel *k, uint32_t caps, uint16_t *uid);
void emu_kernel_destroy_uctx(struct emu_kernel *k, uint16_t uid);
/* The TOOLS_RESOURCES bit when firmware reports it, as mlx5 checks it. */
uint32_t emu_kernel_fw_uctx_caps(struct emu_kernel *k);

/*
 * CREATE_UMEM, ALLOC_PD and CREATE_MKEY over M->addr, M->len as the kernel
 * issues them (undone on failure), and their destruction, newest first;
 * 0 or errno.
 */
int emu_kernel_create_dump_mem(struct emu_kernel *k, uint16_t uid,
			       struct emu_dump_mem *m);
int emu_kernel_destroy_dump_mem(struct emu_kernel *k, uint16_t uid,
				struct emu_dump_mem *m);

int emu_uverbs_ioctl(struct emu_kernel *k, struct emu_file *f,
		     unsigned long req, void *arg);
void emu_uverbs_release(struct emu_kernel *k, struct emu_file *f);
int emu_fwctl_open(struct emu_kernel *k, struct emu_file *f);
int emu_fwctl_ioctl(struct emu_kernel *k, struct emu_file *f,
		    unsigned long req, void *arg);
void emu_fwctl_release(struct emu_kernel *k, struct emu_file *f);

#endif
