// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The seam's emulated side: a kernel with one emulated ConnectX on it,
 * exposing /dev/infiniband/uverbsN and /dev/fwctl/fwctlN.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu_kernel.h"
#include <rdma/mlx5_user_ioctl_cmds.h>
#include <rdma/mlx5_user_ioctl_verbs.h>

#include "opcodes.h"
#include "prm.h"

struct emu_kernel *emu_kernel_of(struct mlx5ctl_sys *sys)
{
	return (struct emu_kernel *)sys;
}

struct emu_fw *emu_sys_fw(struct mlx5ctl_sys *sys)
{
	return emu_kernel_of(sys)->fw;
}

/*
 * Credentials belong to a thread, and capable() checks the calling one's:
 * /proc/self would show the main thread's, which another thread may not
 * share (capset(2) acts on the caller only).
 */
bool emu_capable(int cap)
{
	unsigned long long eff = 0;
	char line[256];
	bool found = false;
	FILE *f;

	f = fopen("/proc/thread-self/status", "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &eff) == 1) {
			found = true;
			break;
		}
	fclose(f);
	return found && (eff & (1ULL << cap));
}

/* The slot of FD in the file table, or -1; under k->lock. */
static int file_slot(struct emu_kernel *k, int fd)
{
	unsigned int i;

	/* Checked before subtracting: fd - EMU_FD_BASE overflows near INT_MIN. */
	if (fd < EMU_FD_BASE)
		return -1;
	i = fd - EMU_FD_BASE;
	return i < k->nfiles && k->files[i] ? (int)i : -1;
}

/*
 * The file FD names.  It stays valid after the lock is dropped because
 * only close frees it, and mlx5ctl(7) forbids closing a file another
 * thread is using (the emulator does not model fget()'s reference).
 */
static struct emu_file *file_of(struct emu_kernel *k, int fd)
{
	struct emu_file *f;
	int i;

	pthread_mutex_lock(&k->lock);
	i = file_slot(k, fd);
	f = i < 0 ? NULL : k->files[i];
	pthread_mutex_unlock(&k->lock);
	return f;
}

/* The lowest free slot, growing the table; -errno. Under k->lock. */
static int slot_alloc(struct emu_kernel *k)
{
	struct emu_file **grown;
	unsigned int i, n;

	for (i = 0; i < k->nfiles && k->files[i]; i++)
		;
	if (i < k->nfiles)
		return (int)i;
	n = k->nfiles ? 2 * k->nfiles : 4;
	/* The fd must stay an int. */
	if (n > INT_MAX - EMU_FD_BASE)
		return -EMFILE;
	grown = realloc(k->files, n * sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	memset(grown + k->nfiles, 0, (n - k->nfiles) * sizeof(*grown));
	k->files = grown;
	k->nfiles = n;
	return (int)i;
}

/*
 * A file of TYPE at the lowest free fd, as the kernel's file table hands
 * them out; 0 or errno.  Like get_unused_fd_flags() it takes the fd
 * before the file's open method runs: nobody has the number yet.
 */
static int file_alloc(struct emu_kernel *k, enum emu_file_type type,
		      struct emu_file **f, int *fd)
{
	int i;

	*f = calloc(1, sizeof(**f));
	if (!*f)
		return ENOMEM;
	(*f)->type = type;
	pthread_mutex_lock(&k->lock);
	i = slot_alloc(k);
	if (i >= 0)
		k->files[i] = *f;
	pthread_mutex_unlock(&k->lock);
	if (i < 0) {
		free(*f);
		return -i;
	}
	*fd = EMU_FD_BASE + i;
	return 0;
}

/* Take FD out of the table: no other thread finds the file any more. */
static struct emu_file *file_unpublish(struct emu_kernel *k, int fd)
{
	struct emu_file *f = NULL;
	int i;

	pthread_mutex_lock(&k->lock);
	i = file_slot(k, fd);
	if (i >= 0) {
		f = k->files[i];
		k->files[i] = NULL;
	}
	pthread_mutex_unlock(&k->lock);
	return f;
}

static void file_free(struct emu_file *f)
{
	free(f->objs);
	free(f);
}

static int emu_open(struct mlx5ctl_sys *sys, const char *path, int flags)
{
	struct emu_kernel *k = emu_kernel_of(sys);
	const struct emu_identity *id = emu_fw_identity(k->fw);
	char uverbs[64], fwctl[64];
	struct emu_file *f;
	int fd, ret;

	snprintf(uverbs, sizeof(uverbs), "/dev/infiniband/%s", id->uverbs);
	snprintf(fwctl, sizeof(fwctl), "/dev/fwctl/%s", id->fwctl);
	if (strcmp(path, uverbs) && strcmp(path, fwctl)) {
		errno = ENOENT;
		return -1;
	}
	if (emu_kernel_gone(k)) {
		errno = ENODEV;
		return -1;
	}
	ret = file_alloc(k, strcmp(path, uverbs) ? EMU_FILE_FWCTL :
			 EMU_FILE_UVERBS, &f, &fd);
	if (ret) {
		errno = ret;
		return -1;
	}
	if (f->type == EMU_FILE_FWCTL) {
		ret = emu_fwctl_open(k, f);
		if (ret) {
			file_free(file_unpublish(k, fd));
			errno = ret;
			return -1;
		}
	}
	return fd;
}

static int emu_ioctl(struct mlx5ctl_sys *sys, int fd, unsigned long req,
		     void *arg)
{
	struct emu_kernel *k = emu_kernel_of(sys);
	struct emu_file *f = file_of(k, fd);
	int ret;

	if (!f) {
		errno = EBADF;
		return -1;
	}
	if (f->type == EMU_FILE_UVERBS)
		ret = emu_uverbs_ioctl(k, f, req, arg);
	else
		ret = emu_fwctl_ioctl(k, f, req, arg);
	if (ret) {
		errno = ret;
		return -1;
	}
	return 0;
}

/* Closing the file destroys what it still holds, as uverbs and fwctl do. */
static int emu_close(struct mlx5ctl_sys *sys, int fd)
{
	struct emu_kernel *k = emu_kernel_of(sys);
	struct emu_file *f = file_unpublish(k, fd);

	if (!f) {
		errno = EBADF;
		return -1;
	}
	/* Out of the table, the file is this thread's alone to release. */
	if (f->type == EMU_FILE_UVERBS)
		emu_uverbs_release(k, f);
	else
		emu_fwctl_release(k, f);
	file_free(f);
	return 0;
}

static void emu_release(struct mlx5ctl_sys *sys)
{
	struct emu_kernel *k = emu_kernel_of(sys);
	unsigned int i;

	for (i = 0; i < k->nfiles; i++)
		if (k->files[i])
			emu_close(sys, EMU_FD_BASE + (int)i);
	free(k->files);
	emu_fw_destroy(k->fw);
	pthread_mutex_destroy(&k->lock);
	free(k);
}

struct mlx5ctl_sys *emu_sys_create(const char *spec, char *err, size_t errlen)
{
	struct emu_kernel *k = calloc(1, sizeof(*k));

	if (!k)
		return NULL;
	k->fw = emu_fw_create(spec, err, errlen);
	if (!k->fw) {
		int saved = errno;

		free(k);
		errno = saved;
		return NULL;
	}
	pthread_mutex_init(&k->lock, NULL);
	k->sys.open = emu_open;
	k->sys.ioctl = emu_ioctl;
	k->sys.close = emu_close;
	k->sys.release = emu_release;
	return &k->sys;
}

/* Run a command the kernel itself issues (no policy, not an RPC). */
static int kernel_cmd(struct emu_kernel *k, const void *in, size_t inlen,
		      void *out, size_t outlen)
{
	emu_fw_exec_kernel(k->fw, in, inlen, out, outlen);
	return PRM_GET(mbox_out, out, status) ? EIO : 0;
}

uint32_t emu_kernel_fw_uctx_caps(struct emu_kernel *k)
{
	uint8_t in[PRM_SIZE(query_hca_cap_in)] = {};
	uint8_t out[PRM_SIZE(query_hca_cap_out)] = {};

	PRM_SET(query_hca_cap_in, in, opcode, MLX5_CMD_OP_QUERY_HCA_CAP);
	PRM_SET(query_hca_cap_in, in, op_mod, 1);	/* general, current */
	if (kernel_cmd(k, in, sizeof(in), out, sizeof(out)))
		return 0;
	return PRM_GET(cmd_hca_cap, PRM_ADDR(query_hca_cap_out, out, capability),
		       uctx_cap);
}

int emu_kernel_create_uctx(struct emu_kernel *k, uint32_t caps, uint16_t *uid)
{
	uint8_t in[PRM_SIZE(create_uctx_in)] = {};
	uint8_t out[PRM_SIZE(create_uctx_out)] = {};
	int ret;

	PRM_SET(create_uctx_in, in, opcode, MLX5_CMD_OP_CREATE_UCTX);
	PRM_SET(uctx, PRM_ADDR(create_uctx_in, in, uctx), cap, caps);
	ret = kernel_cmd(k, in, sizeof(in), out, sizeof(out));
	if (ret)
		return ret;
	*uid = PRM_GET(create_uctx_out, out, uid);
	return 0;
}

void emu_kernel_destroy_uctx(struct emu_kernel *k, uint16_t uid)
{
	uint8_t in[PRM_SIZE(destroy_uctx_in)] = {};
	uint8_t out[PRM_SIZE(destroy_uctx_out)] = {};

	PRM_SET(destroy_uctx_in, in, opcode, MLX5_CMD_OP_DESTROY_UCTX);
	PRM_SET(destroy_uctx_in, in, uid, uid);
	kernel_cmd(k, in, sizeof(in), out, sizeof(out));
}

/*
 * CREATE_UMEM under UID with one MTT per page.  The emulated IOMMU is the
 * identity: a page's bus address is its address in this process.
 */
static int create_umem(struct emu_kernel *k, uint16_t uid,
		       struct emu_dump_mem *m)
{
	uint64_t npages = m->len >> EMU_PAGE_SHIFT, i;
	size_t inlen = PRM_SIZE(create_umem_in) + npages * PRM_SIZE(mtt);
	uint8_t out[PRM_SIZE(create_umem_out)] = {};
	uint8_t *in, *umem, *mtt;
	int ret;

	in = calloc(1, inlen);
	if (!in)
		return ENOMEM;
	umem = PRM_ADDR(create_umem_in, in, umem);
	PRM_SET(create_umem_in, in, opcode, MLX5_CMD_OP_CREATE_UMEM);
	PRM_SET(create_umem_in, in, uid, uid);
	PRM_SET(umem, umem, num_of_mtt, npages);
	PRM_SET(umem, umem, log_page_size, EMU_PAGE_SHIFT - 12);
	mtt = in + PRM_SIZE(create_umem_in);
	for (i = 0; i < npages; i++, mtt += PRM_SIZE(mtt)) {
		uint64_t pa = m->addr + i * EMU_PAGE_SIZE;

		PRM_SET(mtt, mtt, ptag_63_32, pa >> 32);
		PRM_SET(mtt, mtt, ptag_31_8, (pa >> 8) & 0xffffff);
		PRM_SET(mtt, mtt, wr_en, 1);
		PRM_SET(mtt, mtt, rd_en, 1);
	}
	ret = kernel_cmd(k, in, inlen, out, sizeof(out));
	free(in);
	if (ret)
		return ret;
	m->umem_id = PRM_GET(create_umem_out, out, umem_id);
	m->fw |= EMU_MEM_UMEM;
	return 0;
}

static int alloc_pd(struct emu_kernel *k, uint16_t uid, struct emu_dump_mem *m)
{
	uint8_t in[PRM_SIZE(alloc_pd_in)] = {};
	uint8_t out[PRM_SIZE(alloc_pd_out)] = {};
	int ret;

	PRM_SET(alloc_pd_in, in, opcode, MLX5_CMD_OP_ALLOC_PD);
	PRM_SET(alloc_pd_in, in, uid, uid);
	ret = kernel_cmd(k, in, sizeof(in), out, sizeof(out));
	if (ret)
		return ret;
	m->pdn = PRM_GET(alloc_pd_out, out, pd);
	m->fw |= EMU_MEM_PD;
	return 0;
}

/* The mkey the series creates: MTT, local access, over the whole UMEM. */
static int create_mkey(struct emu_kernel *k, uint16_t uid,
		       struct emu_dump_mem *m)
{
	uint8_t in[PRM_SIZE(create_mkey_in)] = {};
	uint8_t out[PRM_SIZE(create_mkey_out)] = {};
	uint8_t *mkc = PRM_ADDR(create_mkey_in, in, memory_key_mkey_entry);
	uint64_t octwords = ((m->len >> EMU_PAGE_SHIFT) + 1) / 2;
	int ret;

	PRM_SET(create_mkey_in, in, opcode, MLX5_CMD_OP_CREATE_MKEY);
	PRM_SET(create_mkey_in, in, uid, uid);
	PRM_SET(create_mkey_in, in, mkey_umem_valid, 1);
	PRM_SET(create_mkey_in, in, mkey_umem_id, m->umem_id);
	PRM_SET(create_mkey_in, in, translations_octword_actual_size, octwords);
	PRM_SET(mkc, mkc, access_mode_1_0, 1);	/* MTT */
	PRM_SET(mkc, mkc, lw, 1);
	PRM_SET(mkc, mkc, lr, 1);
	PRM_SET(mkc, mkc, qpn, 0xffffff);
	PRM_SET(mkc, mkc, pd, m->pdn);
	PRM_SET(mkc, mkc, start_addr, m->addr);
	PRM_SET(mkc, mkc, len, m->len);
	PRM_SET(mkc, mkc, translations_octword_size, octwords);
	PRM_SET(mkc, mkc, log_page_size, EMU_PAGE_SHIFT);
	ret = kernel_cmd(k, in, sizeof(in), out, sizeof(out));
	if (ret)
		return ret;
	m->mkey = PRM_GET(create_mkey_out, out, mkey_index) << 8;
	m->fw |= EMU_MEM_MKEY;
	return 0;
}

int emu_kernel_create_dump_mem(struct emu_kernel *k, uint16_t uid,
			       struct emu_dump_mem *m)
{
	int ret = create_umem(k, uid, m);

	if (!ret)
		ret = alloc_pd(k, uid, m);
	if (!ret)
		ret = create_mkey(k, uid, m);
	if (ret)
		emu_kernel_destroy_dump_mem(k, uid, m);
	return ret;
}

/*
 * DESTROY_MKEY, DEALLOC_PD and DESTROY_UMEM: a 16-byte inbox naming ID in
 * the field at bit OFF, BITS wide.
 */
static int destroy_cmd(struct emu_kernel *k, uint16_t opcode, uint16_t uid,
		       uint32_t off, uint32_t bits, uint32_t id)
{
	uint8_t in[PRM_SIZE(mbox_in)] = {};
	uint8_t out[PRM_SIZE(mbox_out)] = {};

	PRM_SET(mbox_in, in, opcode, opcode);
	PRM_SET(mbox_in, in, uid, uid);
	prm_set(in, off, bits, id);
	return kernel_cmd(k, in, sizeof(in), out, sizeof(out));
}

#define DESTROY(k, op, layout, field, uid, id)                              \
	destroy_cmd(k, MLX5_CMD_OP_##op, uid, PRM_OFF(layout, field),       \
		    PRM_BITS(layout, field), id)

int emu_kernel_destroy_dump_mem(struct emu_kernel *k, uint16_t uid,
				struct emu_dump_mem *m)
{
	if ((m->fw & EMU_MEM_MKEY) &&
	    DESTROY(k, DESTROY_MKEY, destroy_mkey_in, mkey_index, uid,
		    m->mkey >> 8))
		return EIO;
	m->fw &= ~EMU_MEM_MKEY;
	if ((m->fw & EMU_MEM_PD) &&
	    DESTROY(k, DEALLOC_PD, dealloc_pd_in, pd, uid, m->pdn))
		return EIO;
	m->fw &= ~EMU_MEM_PD;
	if ((m->fw & EMU_MEM_UMEM) &&
	    DESTROY(k, DESTROY_UMEM, destroy_umem_in, umem_id, uid, m->umem_id))
		return EIO;
	m->fw &= ~EMU_MEM_UMEM;
	return 0;
}

/*
 * fault=gone: the device is removed once fault_after RPCs have run (0:
 * before anything), and from then on opens, ioctls and RPCs find no device.
 */
bool emu_kernel_gone(const struct emu_kernel *k)
{
	const struct emu_options *o = emu_fw_options(k->fw);

	return o->fault == EMU_FAULT_GONE &&
	       __atomic_load_n(&k->rpcs, __ATOMIC_RELAXED) >= o->fault_after;
}

void emu_kernel_taint(struct emu_kernel *k)
{
	__atomic_store_n(&k->tainted, true, __ATOMIC_RELAXED);
}

/*
 * Transport faults: what the kernel sees before or instead of firmware,
 * for the NTH RPC.
 */
static int fault_before(struct emu_kernel *k, uint16_t opcode,
			unsigned int nth)
{
	const struct emu_options *o = emu_fw_options(k->fw);

	if (o->fault == EMU_FAULT_NONE || o->fault == EMU_FAULT_FW_ERROR ||
	    (o->fault_opcode && o->fault_opcode != opcode))
		return 0;
	if (nth <= o->fault_after)
		return 0;
	if (o->fault == EMU_FAULT_TIMEOUT)
		return ETIMEDOUT;
	if (o->fault == EMU_FAULT_GONE)
		return ENODEV;
	return 0;
}

static bool short_output(struct emu_kernel *k, uint16_t opcode,
			 unsigned int nth)
{
	const struct emu_options *o = emu_fw_options(k->fw);

	return o->fault == EMU_FAULT_SHORT_OUTPUT && nth > o->fault_after &&
	       (!o->fault_opcode || o->fault_opcode == opcode);
}

int emu_kernel_rpc(struct emu_kernel *k, uint16_t uid, const void *in,
		   size_t inlen, void *out, size_t outlen, size_t *produced)
{
	unsigned int nth;
	uint16_t opcode;
	uint8_t *kin, *kout;
	size_t n;
	int ret;

	opcode = PRM_GET(mbox_in, in, opcode);
	/* Each RPC of any thread takes its own number: none is counted twice. */
	nth = __atomic_add_fetch(&k->rpcs, 1, __ATOMIC_RELAXED);
	ret = fault_before(k, opcode, nth);
	if (ret)
		return ret;
	if (emu_fw_unrecorded(k->fw, in, inlen))
		return ENODATA;

	/* Kernel copies: the uid is stamped on the copy firmware sees. */
	kin = malloc(inlen);
	kout = calloc(1, outlen);
	if (!kin || !kout) {
		free(kin);
		free(kout);
		return ENOMEM;
	}
	memcpy(kin, in, inlen);
	PRM_SET(mbox_in, kin, uid, uid);
	n = emu_fw_exec(k->fw, kin, inlen, kout, outlen);
	if (short_output(k, opcode, nth))
		n = PRM_SIZE(mbox_out) / 2;
	/*
	 * Only what firmware wrote: fwctl reports N, the ctl object copies
	 * the whole outbox, whose bytes past N firmware never wrote.
	 */
	if (n < outlen)
		memset(kout + n, 0, outlen - n);
	memcpy(out, kout, outlen);
	*produced = n;
	free(kin);
	free(kout);
	return 0;
}
