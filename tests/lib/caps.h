/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * Capabilities for the unit tests: the emulated kernel checks the calling
 * process's effective set as the kernel checks capable(), so a test that
 * runs as root drops one (and takes it back) to see the unprivileged
 * path.
 */
#ifndef MLX5CTL_TESTS_CAPS_H
#define MLX5CTL_TESTS_CAPS_H

#include <linux/capability.h>
#include <stdbool.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Whether CAP is in the permitted set: it can be raised again. */
static inline bool cap_permitted(int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {};

	return !syscall(SYS_capget, &hdr, data) &&
	       (data[cap / 32].permitted & (1u << (cap % 32)));
}

/* Set or clear CAP in the effective set; false if it is not permitted. */
static inline bool cap_effective(int cap, bool on)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {};

	if (syscall(SYS_capget, &hdr, data) ||
	    !(data[cap / 32].permitted & (1u << (cap % 32))))
		return false;
	if (on)
		data[cap / 32].effective |= 1u << (cap % 32);
	else
		data[cap / 32].effective &= ~(1u << (cap % 32));
	return !syscall(SYS_capset, &hdr, data);
}

#endif
