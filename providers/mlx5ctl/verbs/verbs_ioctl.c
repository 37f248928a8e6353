/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * RDMA_VERBS_IOCTL command builder.
 *
 * The buffer is exactly what ib_uverbs_ioctl() copies in: a header whose
 * length covers itself and the attribute array, followed by the
 * attributes.  Errors are sticky so a caller can add every attribute and
 * check once in verbs_ioctl_finish(), like rdma-core's own builder.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "verbs_ioctl.h"

/* ib_uverbs_ioctl_hdr.length and ib_uverbs_attr.len are both __u16. */
#define VERBS_IOCTL_MAX_LEN UINT16_MAX

static void set_error(struct verbs_ioctl *cmd, int err)
{
	if (!cmd->error)
		cmd->error = err;
}

void verbs_ioctl_init(struct verbs_ioctl *cmd, void *buf, size_t buflen,
		      uint16_t object_id, uint16_t method_id,
		      uint32_t driver_id)
{
	size_t n;

	if (!cmd)
		return;
	memset(cmd, 0, sizeof(*cmd));
	/*
	 * The kernel reads attr.data as an aligned u64 and writes NEW IDR
	 * handles back into it; a misaligned buffer would be UB here.
	 */
	if (!buf || buflen < sizeof(struct ib_uverbs_ioctl_hdr) ||
	    ((uintptr_t)buf % _Alignof(struct ib_uverbs_ioctl_hdr))) {
		cmd->error = EINVAL;
		return;
	}
	cmd->hdr = buf;
	memset(cmd->hdr, 0, sizeof(*cmd->hdr));
	cmd->hdr->length = sizeof(*cmd->hdr);
	cmd->hdr->object_id = object_id;
	cmd->hdr->method_id = method_id;
	cmd->hdr->driver_id = driver_id;

	n = (buflen - sizeof(*cmd->hdr)) / sizeof(struct ib_uverbs_attr);
	cmd->max_attrs = n > UINT16_MAX ? UINT16_MAX : n;
}

/*
 * The next free attribute, zeroed (reserved fields must be zero or the
 * kernel refuses the call), or NULL after recording why not.
 */
static struct ib_uverbs_attr *new_attr(struct verbs_ioctl *cmd,
				       uint16_t attr_id, size_t len,
				       bool mandatory)
{
	struct ib_uverbs_ioctl_hdr *hdr;
	struct ib_uverbs_attr *attr;
	unsigned int i;

	if (!cmd)
		return NULL;
	if (cmd->error)
		return NULL;
	hdr = cmd->hdr;
	if (!hdr) {
		set_error(cmd, EINVAL);
		return NULL;
	}
	if (len > VERBS_IOCTL_MAX_LEN) {
		set_error(cmd, EOVERFLOW);
		return NULL;
	}
	if (hdr->num_attrs >= cmd->max_attrs) {
		set_error(cmd, ENOSPC);
		return NULL;
	}
	if ((size_t)hdr->length + sizeof(*attr) > VERBS_IOCTL_MAX_LEN) {
		set_error(cmd, EOVERFLOW);
		return NULL;
	}
	/* The kernel fails a call that names an attribute twice (EINVAL). */
	for (i = 0; i < hdr->num_attrs; i++) {
		if (hdr->attrs[i].attr_id == attr_id) {
			set_error(cmd, EINVAL);
			return NULL;
		}
	}

	attr = &hdr->attrs[hdr->num_attrs++];
	hdr->length += sizeof(*attr);
	memset(attr, 0, sizeof(*attr));
	attr->attr_id = attr_id;
	attr->len = len;
	if (mandatory)
		attr->flags = UVERBS_ATTR_F_MANDATORY;
	return attr;
}

void verbs_ioctl_ptr_in(struct verbs_ioctl *cmd, uint16_t attr_id,
			const void *data, size_t len, bool mandatory)
{
	struct ib_uverbs_attr *attr;

	if (cmd && !data && len) {
		set_error(cmd, EINVAL);
		return;
	}
	attr = new_attr(cmd, attr_id, len, mandatory);
	if (!attr)
		return;
	/*
	 * uverbs_attr_ptr_is_inline(): up to sizeof(u64) bytes are read
	 * from attr.data itself, as raw bytes, zero padded.
	 */
	if (len <= sizeof(attr->data)) {
		if (len)
			memcpy(&attr->data, data, len);
	} else {
		attr->data = (uintptr_t)data;
	}
}

void verbs_ioctl_ptr_out(struct verbs_ioctl *cmd, uint16_t attr_id,
			 void *data, size_t len, bool mandatory)
{
	struct ib_uverbs_attr *attr;

	if (cmd && !data && len) {
		set_error(cmd, EINVAL);
		return;
	}
	/* uverbs_copy_to() always writes through the pointer, whatever len. */
	attr = new_attr(cmd, attr_id, len, mandatory);
	if (attr)
		attr->data = (uintptr_t)data;
}

void verbs_ioctl_u32(struct verbs_ioctl *cmd, uint16_t attr_id, uint32_t val,
		     bool mandatory)
{
	verbs_ioctl_ptr_in(cmd, attr_id, &val, sizeof(val), mandatory);
}

void verbs_ioctl_u64(struct verbs_ioctl *cmd, uint16_t attr_id, uint64_t val,
		     bool mandatory)
{
	verbs_ioctl_ptr_in(cmd, attr_id, &val, sizeof(val), mandatory);
}

void verbs_ioctl_idr(struct verbs_ioctl *cmd, uint16_t attr_id,
		     uint32_t handle)
{
	struct ib_uverbs_attr *attr;

	/*
	 * An object handle is never optional: a kernel that ignored it
	 * would run the method on nothing.  len must be 0 for IDR attrs.
	 */
	attr = new_attr(cmd, attr_id, 0, true);
	if (attr)
		attr->data = handle;
}

static const struct ib_uverbs_attr *find_attr(const struct verbs_ioctl *cmd,
					      uint16_t attr_id)
{
	unsigned int i;

	if (!cmd || !cmd->hdr)
		return NULL;
	for (i = 0; i < cmd->hdr->num_attrs && i < cmd->max_attrs; i++)
		if (cmd->hdr->attrs[i].attr_id == attr_id)
			return &cmd->hdr->attrs[i];
	return NULL;
}

int verbs_ioctl_idr_result(const struct verbs_ioctl *cmd, uint16_t attr_id,
			   uint32_t *handle)
{
	const struct ib_uverbs_attr *attr;

	if (!handle)
		return EINVAL;
	attr = find_attr(cmd, attr_id);
	if (!attr)
		return ENOENT;
	/* The kernel writes an s64 id; IDR ids are non-negative ints. */
	if (attr->data_s64 < 0 || attr->data > UINT32_MAX)
		return EOVERFLOW;
	*handle = attr->data;
	return 0;
}

bool verbs_ioctl_valid_output(const struct verbs_ioctl *cmd, uint16_t attr_id)
{
	const struct ib_uverbs_attr *attr = find_attr(cmd, attr_id);

	return attr && (attr->flags & UVERBS_ATTR_F_VALID_OUTPUT);
}

int verbs_ioctl_finish(struct verbs_ioctl *cmd)
{
	if (!cmd)
		return EINVAL;
	if (cmd->error)
		return cmd->error;
	if (!cmd->hdr)
		return EINVAL;
	return 0;
}
