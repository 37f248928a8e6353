/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * The emulated ConnectX.  Two halves:
 *
 *   firmware (emu_fw_*.c): answers PRM commands from a profile with real
 *   encodings, status codes and syndromes;
 *
 *   kernel (emu_kernel.c, emu_uverbs.c, emu_fwctl.c, emu_policy.c): plays
 *   the mlx5_ib control object and fwctl under the syscall seam, decoding
 *   the ioctl buffers exactly as the kernel does and applying the policy of
 *   Documentation/policy.md before anything reaches the firmware half.
 */
#ifndef MLX5CTL_EMU_H
#define MLX5CTL_EMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../sys.h"

struct emu_fw;

/* Transport-level faults the kernel half injects (emu:PROFILE,fault=...). */
enum emu_fault {
	EMU_FAULT_NONE = 0,
	EMU_FAULT_FW_ERROR,	/* firmware answers internal error (0x1) */
	EMU_FAULT_TIMEOUT,	/* the command times out: ETIMEDOUT */
	EMU_FAULT_GONE,		/* the device was unplugged: ENODEV */
	EMU_FAULT_SHORT_OUTPUT,	/* firmware returns fewer bytes than asked */
};

struct emu_options {
	enum emu_fault fault;
	uint16_t fault_opcode;	/* 0: every command */
	unsigned int fault_after; /* commands that succeed before the fault */
	/* Resource dump: contexts per segment type, bytes of all of them. */
	uint32_t rscdump_objs;
	uint64_t rscdump_size;
	/* Skip a seq_num in the Nth resource dump answer (0: never). */
	unsigned int rscdump_seq_skip;
	/* Core dump image: bytes (0: none), when coredump_size_set. */
	uint64_t coredump_size;
	bool coredump_size_set;
	/* emu:@FILE: the snapshot replayed, else empty. */
	char snapshot[4096];
	/* Place on an emulated host (slot=N): numbers the device's names. */
	unsigned int slot;
};

struct emu_identity {
	char profile[32];	/* "connectx7" */
	char ibdev[64];		/* "mlx5_0" */
	char pci[32];		/* "0000:08:00.0" */
	char netdev[32];	/* "ens1f0np0" */
	char fwctl[32];		/* "fwctl0" */
	char uverbs[32];	/* "uverbs0" */
	char fw_version[32];	/* "28.39.1002" */
	uint16_t vendor_id;	/* 0x15b3 */
	uint16_t device_id;	/* 0x1021 for ConnectX-7 */
};

/*
 * SPEC is what follows "emu:": "connectx7", "connectx7,fault=timeout", or
 * "@file.json" (a recorded snapshot).  NULL with errno set and a message in
 * ERR on failure.
 */
struct emu_fw *emu_fw_create(const char *spec, char *err, size_t errlen);
/* The names of device SLOT of a host, from those of the profile's. */
void emu_identity_place(struct emu_identity *id, unsigned int slot);
void emu_fw_destroy(struct emu_fw *fw);
const struct emu_identity *emu_fw_identity(const struct emu_fw *fw);
const struct emu_options *emu_fw_options(const struct emu_fw *fw);

/*
 * Execute one command as firmware: the outbox always receives a header
 * (status, syndrome) and, on success, the command's output.  Returns the
 * number of outbox bytes firmware wrote.
 */
size_t emu_fw_exec(struct emu_fw *fw, const void *in, size_t inlen, void *out,
		   size_t outlen);
/*
 * The same for a command the kernel issues on its own (CREATE_UCTX, the
 * UMEM, PD and mkey of a UMEM registration): not an RPC, so neither
 * counted for fault_after nor hit by an injected fault.
 */
size_t emu_fw_exec_kernel(struct emu_fw *fw, const void *in, size_t inlen,
			  void *out, size_t outlen);

/*
 * A replayed snapshot (emu:@FILE) has no answer to IN: there is no
 * firmware behind it to ask, so the kernel half fails the RPC (ENODATA)
 * instead of inventing a firmware status.  False for a live profile.
 */
bool emu_fw_unrecorded(const struct emu_fw *fw, const void *in, size_t inlen);

/* Built-in profiles, for device discovery. */
size_t emu_profile_count(void);
const char *emu_profile_name(size_t i);

/* The seam: a kernel with one emulated device on it. */
struct mlx5ctl_sys *emu_sys_create(const char *spec, char *err, size_t errlen);
struct emu_fw *emu_sys_fw(struct mlx5ctl_sys *sys);

/*
 * An emulated host: MLX5CTL_EMU_HOST="8xconnectx7-ib+2xbluefield3", or
 * "@FILE" with one such item per line.  Device i is its item's spec with
 * ",slot=i" added, which numbers its names apart from the others'.
 */
#define EMU_HOST_MAX 64
#define EMU_MAX_SLOT (EMU_HOST_MAX - 1)

struct emu_host_dev {
	char spec[256];
	struct emu_identity id;
};

/*
 * The emulator is a plugin (libmlx5ctl-emu.so) that libmlx5ctl loads the
 * first time a process names an emulated device, so a program that never
 * does pays nothing for it.  This table is all the library sees of it; ABI
 * changes whenever the table or a structure in it changes, since the
 * plugin and the library are only ever installed from the same build.
 */
#define EMU_PLUGIN_ABI 1
#define EMU_PLUGIN_SYMBOL "mlx5ctl_emu_plugin"

struct emu_plugin {
	unsigned int abi;
	unsigned int identity_size;	/* sizeof(struct emu_identity) */
	struct mlx5ctl_sys *(*sys_create)(const char *spec, char *err,
					  size_t errlen);
	const struct emu_identity *(*sys_identity)(struct mlx5ctl_sys *sys);
	/* An array of N devices in *DEVS (free() it), or an errno. */
	int (*host_parse)(const char *host, struct emu_host_dev **devs,
			  size_t *n, char *err, size_t errlen);
};

extern const struct emu_plugin mlx5ctl_emu_plugin;


#endif
