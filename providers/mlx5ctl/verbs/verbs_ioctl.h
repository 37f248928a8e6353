/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Builder for RDMA_VERBS_IOCTL commands on ibv_context->cmd_fd.
 *
 * libibverbs does not export its own command builder, but cmd_fd and the
 * ioctl ABI (<rdma/rdma_user_ioctl_cmds.h>) are public, so driver objects
 * that rdma-core does not know yet are reachable with this.
 */
#ifndef MLX5CTL_VERBS_IOCTL_H
#define MLX5CTL_VERBS_IOCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rdma/rdma_user_ioctl_cmds.h>

struct verbs_ioctl {
	struct ib_uverbs_ioctl_hdr *hdr;
	uint16_t max_attrs;	/* capacity of the buffer */
	int error;		/* first error while building, sticky */
};

/* Bytes of buffer needed for N attributes. */
#define VERBS_IOCTL_BUF_SIZE(n) \
	(sizeof(struct ib_uverbs_ioctl_hdr) + (n) * sizeof(struct ib_uverbs_attr))

/*
 * Start a command in BUF (BUFLEN bytes, 8-byte aligned).  DRIVER_ID is
 * RDMA_DRIVER_MLX5 for mlx5 objects.
 */
void verbs_ioctl_init(struct verbs_ioctl *cmd, void *buf, size_t buflen,
		      uint16_t object_id, uint16_t method_id,
		      uint32_t driver_id);

/*
 * Attributes.  Input of 8 bytes or less travels inline in attr.data, as
 * the kernel expects; larger input and all output is passed by pointer.
 * MANDATORY sets UVERBS_ATTR_F_MANDATORY: an old kernel that does not know
 * the attribute fails the call instead of ignoring it.
 */
void verbs_ioctl_ptr_in(struct verbs_ioctl *cmd, uint16_t attr_id,
			const void *data, size_t len, bool mandatory);
void verbs_ioctl_ptr_out(struct verbs_ioctl *cmd, uint16_t attr_id,
			 void *data, size_t len, bool mandatory);
void verbs_ioctl_u32(struct verbs_ioctl *cmd, uint16_t attr_id, uint32_t val,
		     bool mandatory);
void verbs_ioctl_u64(struct verbs_ioctl *cmd, uint16_t attr_id, uint64_t val,
		     bool mandatory);
/* An IDR object handle: an existing one, or a slot the kernel fills (NEW). */
void verbs_ioctl_idr(struct verbs_ioctl *cmd, uint16_t attr_id,
		     uint32_t handle);
/* After a successful call: the handle the kernel wrote for a NEW IDR. */
int verbs_ioctl_idr_result(const struct verbs_ioctl *cmd, uint16_t attr_id,
			   uint32_t *handle);

/*
 * After the call: whether the kernel set UVERBS_ATTR_F_VALID_OUTPUT on an
 * output attribute (it does when it wrote the buffer).
 */
bool verbs_ioctl_valid_output(const struct verbs_ioctl *cmd, uint16_t attr_id);

/*
 * Finish: 0 when the command is ready to pass to ioctl(fd,
 * RDMA_VERBS_IOCTL, cmd->hdr), or the first building error (ENOSPC: more
 * attributes than the buffer holds; EOVERFLOW: a length that does not fit
 * the ABI's 16-bit fields; EINVAL: bad arguments).
 */
int verbs_ioctl_finish(struct verbs_ioctl *cmd);

#endif
