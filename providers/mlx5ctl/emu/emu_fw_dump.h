/* SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB */
/*
 * The emulated firmware's dump machinery: UMEMs firmware writes into,
 * the RESOURCE_DUMP register (menu and QP/CQ/EQ segments streamed from a
 * generator, so a multi-GiB dump costs no memory), the CORE_DUMP
 * register and the diagnostic counters.
 */
#ifndef MLX5CTL_EMU_FW_DUMP_H
#define MLX5CTL_EMU_FW_DUMP_H

#include "emu_fw_int.h"

/* Counters SET_DIAGNOSTIC_PARAMS may name: the debug page's list. */
#define DEBUG_CAP_MAX_COUNTERS \
	(EMU_FIELD_BYTES(debug_cap, diagnostic_counter) / \
	 PRM_SIZE(diagnostic_cntr_layout))

/*
 * Syndromes of this part (same scheme as emu_fw_int.h):
 *   0x3e6d0101   0x3     CREATE_UMEM: no MTTs, bad page size, short inbox
 *   0x3e6d0102   0x3     a umem_id that is not live for this uid
 *   0x3e6d0103   0x9     DESTROY_UCTX of a uid that still has UMEMs
 *   0x3e6d0104   0x3     dump to memory outside the UMEM, or size 0
 *   0x3e6d0105   0x3     RESOURCE_DUMP of a segment type the menu lacks
 *   0x3e6d0106   0x3     RESOURCE_DUMP or CORE_DUMP continuation that does
 *                        not match
 *   0x3e6d0107   0x3     SET_DIAGNOSTIC_PARAMS with a counter the device lacks
 *   0x3e6d0108   0x3     SET_DIAGNOSTIC_PARAMS with invalid flags or sizes
 *   0x3e6d0109   0x4     QUERY_DIAGNOSTIC_COUNTERS while sampling is off
 *   0x3e6d010a   0x3     CORE_DUMP of a type the device does not support
 *   0x3e6d010b   0x3     replay: the snapshot did not record this command
 *   0x3e6d010c   0x3     a pd or mkey that is not live for this uid, or an
 *                        mkey over no UMEM, not MTT, or past the UMEM
 *   0x3e6d010d   0x9     DEALLOC_PD or DESTROY_UMEM of what an mkey uses
 */
enum {
	EMU_SYND_BAD_UMEM_PARAM = 0x3e6d0101,
	EMU_SYND_BAD_UMEM = 0x3e6d0102,
	EMU_SYND_UCTX_HAS_UMEM = 0x3e6d0103,
	EMU_SYND_BAD_DUMP_MEM = 0x3e6d0104,
	EMU_SYND_BAD_SEGMENT = 0x3e6d0105,
	EMU_SYND_BAD_CONTINUATION = 0x3e6d0106,
	EMU_SYND_BAD_DIAG_COUNTER = 0x3e6d0107,
	EMU_SYND_BAD_DIAG_PARAMS = 0x3e6d0108,
	EMU_SYND_DIAG_DISABLED = 0x3e6d0109,
	EMU_SYND_BAD_CORE_DUMP = 0x3e6d010a,
	EMU_SYND_NOT_RECORDED = 0x3e6d010b,
	EMU_SYND_BAD_MKEY = 0x3e6d010c,
	EMU_SYND_IN_USE = 0x3e6d010d,
};

/*
 * Without coredump_size: 832 KiB, the size of a ConnectX core dump, for
 * which the debug page asks 1 MiB (log_cr_dump_to_mem_size 8).
 */
#define EMU_COREDUMP_SIZE (832ULL << 10)
/* (address, value) records of every dword of a 32-bit cr-space. */
#define EMU_COREDUMP_MAX (8ULL << 30)

/* Without rscdump_* options: 16 contexts of each type, 256 bytes each. */
#define EMU_RSCDUMP_OBJS 16
#define EMU_RSCDUMP_PAYLOAD 256

/* A UMEM as firmware holds it: the bus address of every page. */
struct emu_umem {
	uint32_t id;
	uint16_t uid;
	uint64_t npages;
	uint64_t *pages;
};

/* A PD, and an mkey over (part of) a UMEM, as dumps name memory. */
struct emu_pd {
	uint32_t pd;
	uint16_t uid;
};

struct emu_mkey {
	uint32_t mkey;		/* index << 8 | mkey_7_0 */
	uint16_t uid;
	uint32_t pd;
	uint32_t umem_id;
	uint64_t umem_offset;
	uint64_t start, len;	/* the addresses it translates */
};

/* Diagnostic counter sampling as SET_DIAGNOSTIC_PARAMS left it. */
struct emu_diag {
	uint8_t ctx[PRM_SIZE(diagnostic_params_context)];
	uint16_t *ids;			/* counters being sampled */
	uint16_t nids;
	uint64_t queries;		/* QUERY_DIAGNOSTIC_COUNTERS so far */
};

struct emu_snap;

struct emu_dump {
	struct emu_snap *snap;		/* replaying emu:@FILE, or NULL */
	uint32_t rsc_objs;		/* contexts per segment type */
	uint32_t rsc_payload;		/* bytes of each */
	struct emu_umem *umems;
	size_t numems;
	uint32_t next_umem_id;
	struct emu_pd *pds;
	size_t npds;
	struct emu_mkey *mkeys;
	size_t nmkeys;
	uint32_t next_pd, next_mkey_index;
	uint64_t rscdump_answers;	/* for rscdump_seq_skip */
	uint64_t core_size;		/* bytes of the core dump image */
	struct emu_diag diag;
};

/* 0, or an errno with a message in ERR (a snapshot that does not load). */
int emu_dump_init(struct emu_fw *fw, char *err, size_t errlen);
/* Contexts and their sizes from the options. */
void emu_rsc_configure(struct emu_fw *fw);
void emu_dump_fini(struct emu_fw *fw);

/*
 * "rscdump_objs=N", "rscdump_size=SIZE[K|M|G]", "rscdump_seq_skip=N",
 * "coredump_size=SIZE[K|M|G]":
 * 1 when OPT is one of them (applied to OPTS), 0 when it is not, -1 with
 * a message in ERR when its value is bad.
 */
int emu_dump_parse_option(struct emu_options *opts, const char *opt,
			  const char *val, char *err, size_t errlen);

/* UMEMs, PDs and mkeys over UMEMs (emu_fw_umem.c). */
int emu_cmd_create_umem(struct emu_cmd *c);
int emu_cmd_destroy_umem(struct emu_cmd *c);
int emu_cmd_alloc_pd(struct emu_cmd *c);
int emu_cmd_dealloc_pd(struct emu_cmd *c);
int emu_cmd_create_mkey(struct emu_cmd *c);
int emu_cmd_destroy_mkey(struct emu_cmd *c);
/* Whether UID still owns a UMEM, PD or mkey (DESTROY_UCTX refuses). */
bool emu_uctx_has_umem(const struct emu_fw *fw, uint16_t uid);
/*
 * Firmware DMA through MKEY of the running command's uid, at ADDR of the
 * range it translates: a status.
 */
int emu_mkey_write(struct emu_fw *fw, uint32_t mkey, uint64_t addr,
		   const void *src, size_t len, uint32_t *synd);

/* The RESOURCE_DUMP register (emu_fw_rscdump.c). */
int emu_reg_resource_dump(struct emu_fw *fw, uint8_t *data, uint32_t *synd);

/*
 * The CORE_DUMP register (emu_fw_coredump.c); cap: the debug page's
 * log_cr_dump_to_mem_size for the image's size.
 */
int emu_reg_core_dump_read(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
int emu_reg_core_dump_write(struct emu_fw *fw, uint8_t *data, uint32_t *synd);
void emu_core_dump_cap(const struct emu_fw *fw, uint8_t *debug_cap);


/* Diagnostic counters (emu_fw_diag.c); init: the power-on sampling. */
int emu_diag_init(struct emu_fw *fw);
int emu_cmd_query_diag_params(struct emu_cmd *c);
int emu_cmd_set_diag_params(struct emu_cmd *c);
int emu_cmd_query_diag_counters(struct emu_cmd *c);

/* Resource dump segment types (the menu is what a snapshot keeps). */
enum {
	EMU_SEG_QP = 0x1000,
	EMU_SEG_CQ = 0x1001,
	EMU_SEG_EQ = 0x1002,
};

/* Snapshot replay (emu_snapshot.c). */
struct json_object;
/* A whole file, NUL-terminated; an errno with "cannot open NOUN PATH". */
int emu_doc_read(const char *noun, const char *path, char **text,
		 size_t *textlen, char *err, size_t errlen);
/* One JSON document, or NULL with "NOUN PATH:LINE:COL: not JSON: WHY". */
struct json_object *emu_doc_parse(const char *noun, const char *path,
				  const char *text, size_t textlen, char *err,
				  size_t errlen);
int emu_snap_load(struct emu_fw *fw, const char *path, char *err,
		  size_t errlen);
void emu_snap_free(struct emu_snap *s);
/* True when the snapshot answers the command: *STATUS, c->syndrome set. */
bool emu_snap_exec(struct emu_cmd *c, int *status);
/* The recorded resource dump menu stream, or NULL. */
const uint8_t *emu_snap_menu(const struct emu_fw *fw, size_t *len);

#endif
