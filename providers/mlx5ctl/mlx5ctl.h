/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * libmlx5ctl: scoped, traced firmware (PRM) commands to ConnectX devices.
 *
 * Error convention (as rdma-core): functions returning int give 0 or a
 * positive errno; functions returning pointers give NULL and set errno.
 * EREMOTEIO means the command reached firmware and firmware refused it:
 * the outbox is valid and holds status and syndrome.
 */
#ifndef INFINIBAND_MLX5CTL_H
#define INFINIBAND_MLX5CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ibv_context;
struct mlx5ctl_device;

enum mlx5ctl_backend {
	MLX5CTL_BACKEND_AUTO = 0,
	MLX5CTL_BACKEND_CTL,	/* mlx5_ib uverbs control object */
	MLX5CTL_BACKEND_FWCTL,	/* /dev/fwctl/fwctlN, Linux >= 6.15 */
	MLX5CTL_BACKEND_DEVX,	/* libmlx5 DEVX general commands only */
};

/* Same values as the kernel's enum mlx5_ib_ctl_scope and fwctl's scopes. */
enum mlx5ctl_scope {
	MLX5CTL_SCOPE_CONFIGURATION = 0,
	MLX5CTL_SCOPE_DEBUG_READ_ONLY = 1,
	MLX5CTL_SCOPE_DEBUG_WRITE = 2,
	MLX5CTL_SCOPE_DEBUG_WRITE_FULL = 3,
};

enum mlx5ctl_open_attr_mask {
	MLX5CTL_OPEN_ATTR_BACKEND = 1 << 0,
	MLX5CTL_OPEN_ATTR_SCOPE = 1 << 1,
	MLX5CTL_OPEN_ATTR_ERRBUF = 1 << 2,
};

struct mlx5ctl_open_attr {
	uint64_t comp_mask;		/* enum mlx5ctl_open_attr_mask */
	enum mlx5ctl_backend backend;	/* default: AUTO */
	enum mlx5ctl_scope scope;	/* default: DEBUG_READ_ONLY */
	/* On failure, a sentence for people saying why (may stay empty). */
	char *errbuf;
	size_t errbuf_len;
};

/*
 * NAME is an ib device ("mlx5_0"), a PCI address ("0000:08:00.0"), a
 * netdev ("ens1f0np0"), a fwctl node ("/dev/fwctl/fwctl0" or "fwctl0"),
 * a uverbs node ("uverbs0", also of a device with no PCI function and no
 * libibverbs provider, for the ctl backend), or an emulated device
 * ("emu:connectx7", "emu:@snapshot.json").
 */
struct mlx5ctl_device *mlx5ctl_open(const char *name,
				    const struct mlx5ctl_open_attr *attr);
/* Reuse a verbs context the application already holds (ctl, then devx). */
struct mlx5ctl_device *mlx5ctl_open_ibv(struct ibv_context *ctx,
					const struct mlx5ctl_open_attr *attr);
int mlx5ctl_close(struct mlx5ctl_device *dev);

enum mlx5ctl_info_flags {
	MLX5CTL_INFO_EMULATED = 1 << 0,
};

struct mlx5ctl_info {
	uint64_t comp_mask;
	enum mlx5ctl_backend backend;
	enum mlx5ctl_scope scope;	/* scope of RPCs on this handle */
	uint32_t uid;			/* firmware user context */
	uint32_t uctx_caps;		/* MLX5CTL_UCTX_CAP_* granted */
	uint32_t flags;			/* enum mlx5ctl_info_flags */
	uint16_t vendor_id;
	uint16_t device_id;
	char fw_version[32];		/* "28.39.1002" */
	char name[64];			/* the name the device was opened by */
	char ibdev[64];
	char pci[32];
	char netdev[32];
	char fwctl[32];
};

enum mlx5ctl_uctx_cap {
	MLX5CTL_UCTX_CAP_RAW_TX = 1 << 0,
	MLX5CTL_UCTX_CAP_INTERNAL_DEV_RES = 1 << 1,
	MLX5CTL_UCTX_CAP_TOOLS_RESOURCES = 1 << 2,
};

int mlx5ctl_query_info(struct mlx5ctl_device *dev, struct mlx5ctl_info *info);

/* Device discovery: real mlx5 functions first, then built-in emulators. */
struct mlx5ctl_devinfo {
	char name[64];		/* what mlx5ctl_open() accepts */
	char ibdev[64];
	char pci[32];
	char netdev[32];
	char fwctl[32];
	uint32_t flags;		/* enum mlx5ctl_info_flags */
};

int mlx5ctl_get_device_list(struct mlx5ctl_devinfo **list, size_t *num);
void mlx5ctl_free_device_list(struct mlx5ctl_devinfo *list);

enum mlx5ctl_rpc_attr_mask {
	MLX5CTL_RPC_ATTR_SCOPE = 1 << 0,
};

struct mlx5ctl_rpc_attr {
	uint64_t comp_mask;		/* enum mlx5ctl_rpc_attr_mask */
	enum mlx5ctl_scope scope;	/* default: the handle's scope */
};

/*
 * Send one PRM command.  IN and OUT are big-endian PRM mailboxes with the
 * 16-byte command headers; the uid field is overwritten by the kernel.
 * Returns 0, EREMOTEIO when firmware returned a bad status (read it with
 * mlx5ctl_cmd_status()/mlx5ctl_cmd_syndrome()), or another errno.
 */
int mlx5ctl_rpc(struct mlx5ctl_device *dev, const struct mlx5ctl_rpc_attr *attr,
		const void *in, size_t inlen, void *out, size_t outlen);

/*
 * Watch every command the handle sends (MLX5CTL_1.2): FN runs after each
 * mlx5ctl_rpc(), and so after every helper built on it, with the inbox,
 * the outbox and the result - refusals included (then OUT holds no
 * firmware answer unless RET is EREMOTEIO).  For recording and tracing;
 * FN must not send commands on DEV.  NULL FN stops.
 */
typedef void (*mlx5ctl_rpc_observer)(void *ctx, const void *in, size_t inlen,
				     const void *out, size_t outlen, int ret);

void mlx5ctl_set_rpc_observer(struct mlx5ctl_device *dev,
			      mlx5ctl_rpc_observer fn, void *ctx);

uint8_t mlx5ctl_cmd_status(const void *out);
uint32_t mlx5ctl_cmd_syndrome(const void *out);
/* "bad parameter" for 0x3; "unknown status" for codes the PRM does not define */
const char *mlx5ctl_status_str(uint8_t status);

const char *mlx5ctl_backend_str(enum mlx5ctl_backend backend);
int mlx5ctl_backend_parse(const char *str, enum mlx5ctl_backend *backend);
/* "configuration", "debug-read-only", "debug-write", "debug-write-full" */
const char *mlx5ctl_scope_str(enum mlx5ctl_scope scope);
int mlx5ctl_scope_parse(const char *str, enum mlx5ctl_scope *scope);

enum mlx5ctl_cap_mode {
	MLX5CTL_CAP_MAX = 0,
	MLX5CTL_CAP_CUR = 1,
};

#define MLX5CTL_HCA_CAP_SIZE 4096

/* QUERY_HCA_CAP: copy the CAP_TYPE capability page (4096 bytes) to CAP. */
int mlx5ctl_query_hca_cap(struct mlx5ctl_device *dev, uint16_t cap_type,
			  enum mlx5ctl_cap_mode mode, void *cap, size_t caplen);

/* QUERY_ADAPTER: the query_adapter_param_block (0x100 bytes) to OUT. */
int mlx5ctl_query_adapter(struct mlx5ctl_device *dev, void *out, size_t len);

/*
 * ACCESS_REG read (op_mod 1) or write (op_mod 0) of register REG_ID.  DATA
 * holds LEN bytes of register layout: the index fields on input, the whole
 * register on output (a write returns what firmware answered).
 */
int mlx5ctl_reg_read(struct mlx5ctl_device *dev, uint16_t reg_id,
		     uint32_t argument, void *data, size_t len);
int mlx5ctl_reg_write(struct mlx5ctl_device *dev, uint16_t reg_id,
		      uint32_t argument, void *data, size_t len);

/*
 * UMEM (MLX5CTL_1.1): LEN bytes at ADDR (both page aligned, at most
 * 1 GiB), pinned by the kernel and made a firmware UMEM, with an mkey over
 * it, under the handle's uid, for commands whose output does not fit an
 * outbox: resource and core dumps name the mkey (mlx5ctl_umem_mkey(),
 * MLX5CTL_1.2) and an address in [ADDR, ADDR + LEN).  Only the ctl backend
 * has it; others fail with EOPNOTSUPP.  Pinned pages count against
 * RLIMIT_MEMLOCK (ENOMEM beyond it without CAP_IPC_LOCK); the range must
 * be mapped writable (EFAULT).  Deregister before closing the device.
 */
struct mlx5ctl_umem;

struct mlx5ctl_umem *mlx5ctl_umem_reg(struct mlx5ctl_device *dev, void *addr,
				      size_t len);
int mlx5ctl_umem_dereg(struct mlx5ctl_umem *umem);
uint32_t mlx5ctl_umem_id(const struct mlx5ctl_umem *umem);
uint32_t mlx5ctl_umem_mkey(const struct mlx5ctl_umem *umem);

#ifdef __cplusplus
}
#endif

#endif /* INFINIBAND_MLX5CTL_H */
