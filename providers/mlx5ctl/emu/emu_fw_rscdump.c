// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * RESOURCE_DUMP (register 0xC000).  A dump is a stream of segments:
 *
 *   info, command, then the menu, the objects (one resource segment each)
 *   or an error segment, then terminate.
 *
 * Each access returns the next piece, inline (up to 52 dwords) or written
 * into a UMEM (up to the size asked), with more_dump set while the stream
 * goes on.  device_opaque is the stream position, so the firmware keeps no
 * state between accesses and generates any byte range on demand: a dump
 * of many GiB costs the emulator no memory.  seq_num advances by one
 * (mod 16) per answer, as mlx5_core checks.
 *
 * The segment types and names are this device's (a real device defines
 * its own and lists them in the menu): QP, CQ and EQ contexts,
 * rscdump_objs of each with rscdump_payload bytes apiece.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu_fw_dump.h"

/* num_of_obj1 values asking for every object or every active one. */
#define EMU_RSC_NUM_ALL 0xffff
#define EMU_RSC_NUM_ACTIVE 0xfffe

#define EMU_RSC_DUMP_VERSION 1

static const struct emu_rsc_seg {
	uint16_t type;
	const char *name;
	const char *index1_name;
} emu_rsc_segs[] = {
	{ EMU_SEG_QP, "QP", "QPN" },
	{ EMU_SEG_CQ, "CQ", "CQN" },
	{ EMU_SEG_EQ, "EQ", "EQN" },
};

static const struct emu_rsc_seg *emu_rsc_seg_find(uint16_t type)
{
	size_t i;

	for (i = 0; i < EMU_ARRAY_SIZE(emu_rsc_segs); i++)
		if (emu_rsc_segs[i].type == type)
			return &emu_rsc_segs[i];
	return NULL;
}

/* Largest head: info, command, and a menu of every segment or an error. */
#define EMU_RSC_HEAD_MAX                                                  \
	(PRM_SIZE(resource_dump_info_segment) +                           \
	 PRM_SIZE(resource_dump_command_segment) +                        \
	 PRM_SIZE(resource_dump_menu_segment) +                           \
	 EMU_ARRAY_SIZE(emu_rsc_segs) * PRM_SIZE(resource_dump_menu_record) + \
	 PRM_SIZE(resource_dump_error_segment))

/* The stream of one request: the head in memory, objects generated. */
struct emu_rsc_stream {
	uint8_t head[EMU_RSC_HEAD_MAX];
	size_t head_len;
	uint16_t type;
	uint32_t first, count;		/* objects */
	uint32_t obj_len;		/* resource segment + payload */
	uint64_t total;
};

static void emu_seg_hdr(uint8_t *seg, uint16_t type, size_t len)
{
	PRM_SET(resource_dump_segment_header, seg, length_dw, len / 4);
	PRM_SET(resource_dump_segment_header, seg, segment_type, type);
}

static uint8_t *emu_head_add(struct emu_rsc_stream *s, uint16_t type,
			     size_t len)
{
	uint8_t *seg = s->head + s->head_len;

	memset(seg, 0, len);
	emu_seg_hdr(seg, type, len);
	s->head_len += len;
	return seg;
}

static void emu_rsc_menu(struct emu_rsc_stream *s)
{
	const size_t rec_len = PRM_SIZE(resource_dump_menu_record);
	size_t n = EMU_ARRAY_SIZE(emu_rsc_segs), i;
	uint8_t *menu;

	menu = emu_head_add(s, PRM_SEGMENT_MENU,
			    PRM_SIZE(resource_dump_menu_segment) + n * rec_len);
	PRM_SET(resource_dump_menu_segment, menu, num_of_records, n);
	for (i = 0; i < n; i++) {
		uint8_t *r = menu + PRM_SIZE(resource_dump_menu_segment) +
			     i * rec_len;

		PRM_SET(resource_dump_menu_record, r, segment_type,
			emu_rsc_segs[i].type);
		PRM_SET(resource_dump_menu_record, r, support_index1, 1);
		PRM_SET(resource_dump_menu_record, r, support_num_of_obj1, 1);
		PRM_SET(resource_dump_menu_record, r, num_of_obj1_supports_all,
			1);
		PRM_SET(resource_dump_menu_record, r,
			num_of_obj1_supports_active, 1);
		emu_copy_str(PRM_ADDR(resource_dump_menu_record, r,
				      segment_name),
			     EMU_FIELD_BYTES(resource_dump_menu_record,
					     segment_name),
			     emu_rsc_segs[i].name);
		emu_copy_str(PRM_ADDR(resource_dump_menu_record, r,
				      index1_name),
			     EMU_FIELD_BYTES(resource_dump_menu_record,
					     index1_name),
			     emu_rsc_segs[i].index1_name);
	}
}

static void emu_rsc_error(struct emu_rsc_stream *s, uint16_t synd,
			  const char *msg)
{
	uint8_t *e = emu_head_add(s, PRM_SEGMENT_ERROR,
				  PRM_SIZE(resource_dump_error_segment));

	PRM_SET(resource_dump_error_segment, e, syndrome_id, synd);
	emu_copy_str(PRM_ADDR(resource_dump_error_segment, e, error),
		     EMU_FIELD_BYTES(resource_dump_error_segment, error), msg);
}

/* Which objects a request names; an empty range is an error segment. */
static void emu_rsc_objects(struct emu_fw *fw, struct emu_rsc_stream *s,
			    const uint8_t *reg)
{
	uint32_t nobjs = fw->dump->rsc_objs;
	uint32_t index1 = PRM_GET(resource_dump, reg, index1);
	uint32_t num = PRM_GET(resource_dump, reg, num_of_obj1);

	if (index1 >= nobjs) {
		emu_rsc_error(s, 0x1, "index1 names no object");
		return;
	}
	s->first = index1;
	/* Every emulated context is in use: "active" is all of them. */
	if (num == EMU_RSC_NUM_ALL || num == EMU_RSC_NUM_ACTIVE)
		s->count = nobjs - index1;
	else
		s->count = num ? num : 1;
	if (s->count > nobjs - index1)
		s->count = nobjs - index1;
	s->obj_len = PRM_SIZE(resource_dump_resource_segment) +
		     fw->dump->rsc_payload;
}

static void emu_rsc_stream_init(struct emu_fw *fw, struct emu_rsc_stream *s,
				const uint8_t *reg)
{
	uint16_t type = PRM_GET(resource_dump, reg, segment_type);
	uint8_t *seg;

	memset(s, 0, sizeof(*s));
	s->type = type;
	seg = emu_head_add(s, PRM_SEGMENT_INFO,
			   PRM_SIZE(resource_dump_info_segment));
	PRM_SET(resource_dump_info_segment, seg, dump_version,
		EMU_RSC_DUMP_VERSION);
	PRM_SET(resource_dump_info_segment, seg, hw_version,
		fw->prof->hw_rev);
	PRM_SET(resource_dump_info_segment, seg, fw_version,
		fw->prof->fw_major << 24 | fw->prof->fw_minor << 16 |
			(fw->prof->fw_sub_minor & 0xffff));
	seg = emu_head_add(s, PRM_SEGMENT_COMMAND, PRM_SIZE(resource_dump_command_segment));
	PRM_SET(resource_dump_command_segment, seg, segment_called, type);
	PRM_SET(resource_dump_command_segment, seg, vhca_id,
		PRM_GET(resource_dump, reg, vhca_id));
	PRM_SET(resource_dump_command_segment, seg, index1,
		PRM_GET(resource_dump, reg, index1));
	PRM_SET(resource_dump_command_segment, seg, index2,
		PRM_GET(resource_dump, reg, index2));
	PRM_SET(resource_dump_command_segment, seg, num_of_obj1,
		PRM_GET(resource_dump, reg, num_of_obj1));
	PRM_SET(resource_dump_command_segment, seg, num_of_obj2,
		PRM_GET(resource_dump, reg, num_of_obj2));
	if (type == PRM_SEGMENT_MENU)
		emu_rsc_menu(s);
	else
		emu_rsc_objects(fw, s, reg);
	s->total = s->head_len + (uint64_t)s->count * s->obj_len +
		   PRM_SIZE(resource_dump_terminate_segment);
}

/* Payload dword J of object I: a context-like value, deterministic. */
static uint32_t emu_rsc_word(uint16_t type, uint32_t obj, uint32_t j)
{
	uint32_t x = (uint32_t)type << 16 ^ obj * 0x9e3779b1u ^ j * 0x85ebca6bu;

	if (j == 0)
		return obj;		/* the object number, like a QPN */
	x ^= x >> 15;
	x *= 0x2c1b3c6du;
	x ^= x >> 12;
	return x;
}

/* Bytes [OFF, OFF + LEN) of object OBJ's resource segment. */
static void emu_rsc_obj_bytes(const struct emu_rsc_stream *s, uint32_t obj,
			      uint32_t off, uint8_t *dst, size_t len)
{
	uint8_t hdr[PRM_SIZE(resource_dump_resource_segment)] = {};
	const size_t hlen = sizeof(hdr);

	if (off < hlen) {
		size_t n = hlen - off < len ? hlen - off : len;

		emu_seg_hdr(hdr, s->type, s->obj_len);
		PRM_SET(resource_dump_resource_segment, hdr, index1, obj);
		memcpy(dst, hdr + off, n);
		dst += n;
		off += n;
		len -= n;
	}
	while (len) {
		uint32_t j = (off - hlen) / 4, b = (off - hlen) % 4;
		uint32_t w = emu_rsc_word(s->type, obj, j);
		uint8_t be[4] = { w >> 24, w >> 16, w >> 8, w };
		size_t n = 4 - b < len ? 4 - b : len;

		memcpy(dst, be + b, n);
		dst += n;
		off += n;
		len -= n;
	}
}

/* Bytes [OFF, OFF + LEN) of the stream. */
static void emu_rsc_bytes(const struct emu_rsc_stream *s, uint64_t off,
			  uint8_t *dst, size_t len)
{
	uint64_t objs_end = s->head_len + (uint64_t)s->count * s->obj_len;

	while (len) {
		size_t n;

		if (off < s->head_len) {
			n = s->head_len - off < len ? s->head_len - off : len;
			memcpy(dst, s->head + off, n);
		} else if (off < objs_end) {
			uint64_t rel = off - s->head_len;
			uint32_t in_obj = rel % s->obj_len;

			n = s->obj_len - in_obj < len ? s->obj_len - in_obj : len;
			emu_rsc_obj_bytes(s, s->first + rel / s->obj_len, in_obj,
					  dst, n);
		} else {
			uint8_t term[PRM_SIZE(resource_dump_terminate_segment)] = {};
			uint64_t t = off - objs_end;

			emu_seg_hdr(term, PRM_SEGMENT_TERMINATE, sizeof(term));
			n = sizeof(term) - t < len ? sizeof(term) - t : len;
			memcpy(dst, term + t, n);
		}
		dst += n;
		off += n;
		len -= n;
	}
}

/* A UMEM dump goes out in pieces of this size through a bounce buffer. */
#define EMU_RSC_BOUNCE 65536

static int emu_rsc_to_umem(struct emu_fw *fw, const struct emu_rsc_stream *s,
			   uint64_t pos, uint8_t *reg, uint64_t n,
			   uint32_t *synd)
{
	uint8_t bounce[EMU_RSC_BOUNCE];
	uint32_t mkey = PRM_GET(resource_dump, reg, mkey);
	uint64_t addr = PRM_GET(resource_dump, reg, address), done = 0;
	int status;

	while (done < n) {
		size_t m = n - done < sizeof(bounce) ? n - done : sizeof(bounce);

		emu_rsc_bytes(s, pos + done, bounce, m);
		status = emu_mkey_write(fw, mkey, addr + done, bounce, m, synd);
		if (status != PRM_STATUS_OK)
			return status;
		done += m;
	}
	return PRM_STATUS_OK;
}

/*
 * Under replay the menu comes from the snapshot, as the device sent it;
 * other segments were not recorded.
 */
static int emu_rsc_replay(struct emu_fw *fw, uint8_t *reg, uint32_t *synd)
{
	uint64_t pos = PRM_GET(resource_dump, reg, device_opaque), n;
	uint32_t seq = PRM_GET(resource_dump, reg, seq_num);
	size_t total;
	const uint8_t *menu = emu_snap_menu(fw, &total);

	if (PRM_GET(resource_dump, reg, segment_type) != PRM_SEGMENT_MENU ||
	    !menu || !PRM_GET(resource_dump, reg, inline_dump)) {
		*synd = EMU_SYND_NOT_RECORDED;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	if (pos >= total) {
		*synd = EMU_SYND_BAD_CONTINUATION;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	n = EMU_FIELD_BYTES(resource_dump, inline_data);
	if (n > total - pos)
		n = total - pos;
	memset(PRM_ADDR(resource_dump, reg, inline_data), 0,
	       EMU_FIELD_BYTES(resource_dump, inline_data));
	memcpy(PRM_ADDR(resource_dump, reg, inline_data), menu + pos, n);
	PRM_SET(resource_dump, reg, seq_num, (seq + 1) & 0xf);
	PRM_SET(resource_dump, reg, size, n);
	PRM_SET(resource_dump, reg, device_opaque, pos + n);
	PRM_SET(resource_dump, reg, more_dump, pos + n < total);
	return PRM_STATUS_OK;
}

int emu_reg_resource_dump(struct emu_fw *fw, uint8_t *reg, uint32_t *synd)
{
	uint16_t type = PRM_GET(resource_dump, reg, segment_type);
	uint64_t pos = PRM_GET(resource_dump, reg, device_opaque), n;
	bool inl = PRM_GET(resource_dump, reg, inline_dump);
	uint32_t seq = PRM_GET(resource_dump, reg, seq_num);
	struct emu_rsc_stream s;
	int status;

	if (fw->dump->snap)
		return emu_rsc_replay(fw, reg, synd);
	if (type != PRM_SEGMENT_MENU && !emu_rsc_seg_find(type)) {
		*synd = EMU_SYND_BAD_SEGMENT;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	emu_rsc_stream_init(fw, &s, reg);
	if (pos >= s.total) {
		*synd = EMU_SYND_BAD_CONTINUATION;
		return PRM_STATUS_BAD_PARAM_ERR;
	}
	if (inl) {
		n = EMU_FIELD_BYTES(resource_dump, inline_data);
	} else {
		n = PRM_GET(resource_dump, reg, size);
		if (!n) {
			*synd = EMU_SYND_BAD_DUMP_MEM;
			return PRM_STATUS_BAD_PARAM_ERR;
		}
	}
	if (n > s.total - pos)
		n = s.total - pos;
	if (inl) {
		uint8_t *data = PRM_ADDR(resource_dump, reg, inline_data);

		memset(data, 0, EMU_FIELD_BYTES(resource_dump, inline_data));
		emu_rsc_bytes(&s, pos, data, n);
	} else {
		status = emu_rsc_to_umem(fw, &s, pos, reg, n, synd);
		if (status != PRM_STATUS_OK)
			return status;
	}
	fw->dump->rscdump_answers++;
	if (fw->opts.rscdump_seq_skip &&
	    fw->dump->rscdump_answers == fw->opts.rscdump_seq_skip)
		seq++;		/* the injected fault: an answer went missing */
	PRM_SET(resource_dump, reg, seq_num, (seq + 1) & 0xf);
	PRM_SET(resource_dump, reg, size, n);
	PRM_SET(resource_dump, reg, device_opaque, pos + n);
	PRM_SET(resource_dump, reg, more_dump, pos + n < s.total);
	return PRM_STATUS_OK;
}

/* A resource segment's length is a 16-bit count of dwords. */
#define EMU_RSC_SEG_MAX (0xffffu * 4)
#define EMU_RSC_MAX_OBJS 0xfffd		/* 0xfffe/0xffff name "active"/"all" */
#define EMU_RSC_OBJ_DEFAULT 4096

/*
 * rscdump_size is what "num1 all" of one segment type yields, at least:
 * without rscdump_objs the contexts are about 4 KiB each.
 */
void emu_rsc_configure(struct emu_fw *fw)
{
	const struct emu_options *o = &fw->opts;
	struct emu_dump *d = fw->dump;
	uint64_t objs = o->rscdump_objs, per;

	if (!o->rscdump_size) {
		d->rsc_objs = objs ? objs : EMU_RSCDUMP_OBJS;
		d->rsc_payload = EMU_RSCDUMP_PAYLOAD;
		return;
	}
	if (!objs)
		objs = o->rscdump_size / EMU_RSC_OBJ_DEFAULT;
	if (objs < 1)
		objs = 1;
	if (objs > EMU_RSC_MAX_OBJS)
		objs = EMU_RSC_MAX_OBJS;
	/* Rounded up, not through SIZE + OBJS - 1: it wraps near 2^64. */
	per = o->rscdump_size / objs + !!(o->rscdump_size % objs);
	if (per > EMU_RSC_SEG_MAX)
		per = EMU_RSC_SEG_MAX;
	per = (per + 3) & ~3ULL;
	if (per < PRM_SIZE(resource_dump_resource_segment) + 4)
		per = PRM_SIZE(resource_dump_resource_segment) + 4;
	d->rsc_objs = objs;
	d->rsc_payload = per - PRM_SIZE(resource_dump_resource_segment);
}

static int emu_parse_size(const char *s, uint64_t *val)
{
	static const struct {
		char suffix;
		unsigned int shift;
	} units[] = { { 'K', 10 }, { 'M', 20 }, { 'G', 30 }, { 'T', 40 } };
	char *end;
	size_t i;

	if (!*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	*val = strtoull(s, &end, 0);
	if (errno)
		return -1;
	if (!*end)
		return 0;
	for (i = 0; i < EMU_ARRAY_SIZE(units); i++) {
		if ((*end == units[i].suffix || *end == units[i].suffix + 32) &&
		    !end[1]) {
			if (*val > UINT64_MAX >> units[i].shift)
				return -1;
			*val <<= units[i].shift;
			return 0;
		}
	}
	return -1;
}

int emu_dump_parse_option(struct emu_options *opts, const char *opt,
			  const char *val, char *err, size_t errlen)
{
	unsigned long long num;
	char *end;

	if (strcmp(opt, "rscdump_objs") && strcmp(opt, "rscdump_size") &&
	    strcmp(opt, "rscdump_seq_skip") && strcmp(opt, "coredump_size"))
		return 0;
	if (!val) {
		snprintf(err, errlen, "option '%s' needs a value (%s=...)", opt,
			 opt);
		return -1;
	}
	if (!strcmp(opt, "coredump_size")) {
		/*
		 * 0 is a device without core dump to memory; 8 GiB of
		 * records spans the 32-bit cr-space.
		 */
		if (emu_parse_size(val, &opts->coredump_size) ||
		    opts->coredump_size > EMU_COREDUMP_MAX) {
			snprintf(err, errlen,
				 "coredump_size '%s' is not a size up to 8G (N, NK, NM, NG)",
				 val);
			return -1;
		}
		opts->coredump_size_set = true;
		return 1;
	}
	if (!strcmp(opt, "rscdump_size")) {
		if (emu_parse_size(val, &opts->rscdump_size) ||
		    !opts->rscdump_size) {
			snprintf(err, errlen,
				 "rscdump_size '%s' is not a size (N, NK, NM, NG)",
				 val);
			return -1;
		}
		return 1;
	}
	errno = 0;
	num = strtoull(val, &end, 0);
	if (!*val || *end || errno || *val == '-' ||
	    num > (strcmp(opt, "rscdump_objs") ? UINT32_MAX :
						 EMU_RSC_MAX_OBJS) ||
	    (!num && !strcmp(opt, "rscdump_objs"))) {
		snprintf(err, errlen, "%s '%s' is not a number in %u..%u", opt,
			 val, strcmp(opt, "rscdump_objs") ? 0 : 1,
			 strcmp(opt, "rscdump_objs") ? UINT32_MAX :
						       EMU_RSC_MAX_OBJS);
		return -1;
	}
	if (!strcmp(opt, "rscdump_objs"))
		opts->rscdump_objs = num;
	else
		opts->rscdump_seq_skip = num;
	return 1;
}
