// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl -d DEV rscdump menu
 * mlx5ctl -d DEV rscdump dump SEGMENT [index1 N] [index2 N] [num1 N|all|active]
 *                [num2 N|all|active] [-o FILE] [--raw|--hex] [--inline|--umem]
 *
 * Resource dump: ACCESS_REG of register 0xC000 in a loop.  Each answer
 * carries a piece of a stream of segments (info, command, the resources or
 * an error, terminate), inline in the register or written into a UMEM,
 * with more_dump set while the stream goes on.  The next access sends
 * back device_opaque and seq_num as firmware left them; seq_num must have
 * advanced by one (mod 16), else an answer was lost.
 *
 * The stream is consumed as it arrives: raw bytes go straight to the
 * output and segments are parsed one at a time (a segment is at most
 * 256 KiB), so memory does not grow with the size of the dump.
 *
 * The register is read (op_mod 1), as mstflint's resourcedump does, so
 * dumping needs only the debug-read-only scope.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "decode.h"
#include "dump.h"
#include "print.h"
#include "prm.h"

static const char rscdump_usage[] =
	"Usage: mlx5ctl [OPTIONS] -d DEV rscdump menu\n"
	"       mlx5ctl [OPTIONS] -d DEV rscdump dump SEGMENT [index1 N] [index2 N]\n"
	"               [num1 N|all|active] [num2 N|all|active] [-o FILE]\n"
	"               [--raw|--hex] [--inline|--umem]\n"
	"  SEGMENT is a name or number from the menu.  -o FILE writes the dump\n"
	"  as firmware sent it; --raw writes it to stdout; --hex adds each\n"
	"  segment's bytes to the decoded listing.  --umem has firmware write\n"
	"  into registered memory (ctl backend), --inline moves 208 bytes per\n"
	"  command (every backend); the default is UMEM where it exists.\n";

/* num_of_obj values: every object, every active one. */
#define NUM_ALL 0xffff
#define NUM_ACTIVE 0xfffe

/* A segment's length is a 16-bit count of dwords. */
#define SEG_MAX (0xffffu * 4)
/* The UMEM firmware writes into: a few commands per MiB dumped. */
#define RSC_UMEM_SIZE (1u << 20)
/* Answers without data and with more_dump before we call it stuck. */
#define RSC_MAX_STALLS 16

/* Special segments: name, and the layout that decodes them (or none). */
static const struct {
	uint16_t type;
	const char *name;
	const char *layout;
} special_segs[] = {
#define PRM_SEGMENT(n, type, text, layout) { PRM_SEGMENT_##n, text, layout },
#include "db/prm_db.def"
};

struct menu_rec {
	uint16_t type;
	char name[17], index1[17], index2[17];
	const uint8_t *raw;
};

enum rsc_mode {
	RSC_AUTO,
	RSC_INLINE,
	RSC_UMEM,
};

enum rsc_out {
	OUT_DECODE,
	OUT_HEX,
	OUT_RAW,	/* stdout */
	OUT_FILE,
};

struct rsc_req {
	uint16_t type;
	uint32_t index1, index2;
	uint16_t num1, num2;
	enum rsc_mode mode;
};

/* One dump in progress: the segment being assembled and the sinks. */
struct rsc_run {
	struct cli *cli;
	enum rsc_out out;
	FILE *file;			/* OUT_RAW, OUT_FILE */
	uint8_t *seg;			/* SEG_MAX bytes */
	size_t have, need;
	uint64_t bytes, segments;
	bool terminated;
	bool fw_error;			/* an error segment came */
	struct progress progress;
	/* the menu segment, and the whole stream when asked (small dumps) */
	uint8_t *menu;
	size_t menu_len;
	bool keep_stream;
	uint8_t *stream;
	size_t stream_len;
};

/* A kept stream is a menu: never let a runaway one eat memory. */
#define RSC_KEEP_MAX (1u << 20)

static const char *special_name(uint16_t type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(special_segs); i++)
		if (special_segs[i].type == type)
			return special_segs[i].name;
	return NULL;
}

static const struct prm_struct *special_layout(uint16_t type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(special_segs); i++)
		if (special_segs[i].type == type && special_segs[i].layout)
			return prm_struct_find(special_segs[i].layout);
	return NULL;
}

/* A fixed-size ASCII field of a menu record, NUL-terminated. */
static void menu_str(char *dst, const uint8_t *rec, uint32_t off, size_t len)
{
	size_t i;

	memcpy(dst, rec + off / 8, len);
	dst[len] = 0;
	for (i = 0; i < len && dst[i]; i++)
		if (dst[i] < 0x20 || dst[i] > 0x7e)
			dst[i] = '?';
}

/* Records of a menu segment; 0 on a malformed one. */
static size_t menu_records(const uint8_t *seg, size_t len, struct menu_rec *recs,
			   size_t max)
{
	const size_t rlen = PRM_SIZE(resource_dump_menu_record);
	size_t n, i;

	if (len < PRM_SIZE(resource_dump_menu_segment))
		return 0;
	n = PRM_GET(resource_dump_menu_segment, seg, num_of_records);
	if (n > (len - PRM_SIZE(resource_dump_menu_segment)) / rlen)
		n = (len - PRM_SIZE(resource_dump_menu_segment)) / rlen;
	if (n > max)
		n = max;
	for (i = 0; i < n; i++) {
		const uint8_t *r = seg + PRM_SIZE(resource_dump_menu_segment) +
				   i * rlen;
		struct menu_rec *m = &recs[i];

		m->raw = r;
		m->type = PRM_GET(resource_dump_menu_record, r, segment_type);
		menu_str(m->name, r, PRM_OFF(resource_dump_menu_record,
					     segment_name), 16);
		menu_str(m->index1, r, PRM_OFF(resource_dump_menu_record,
					       index1_name), 16);
		menu_str(m->index2, r, PRM_OFF(resource_dump_menu_record,
					       index2_name), 16);
	}
	return n;
}

static void print_payload_hex(const uint8_t *buf, size_t len)
{
	char *hex;
	size_t i;

	if (print_is_json()) {
		hex = malloc(len * 2 + 1);
		if (!hex)
			return;
		for (i = 0; i < len; i++)
			sprintf(hex + 2 * i, "%02x", buf[i]);
		hex[len * 2] = 0;
		print_string("data", NULL, hex);
		free(hex);
		return;
	}
	for (i = 0; i < len; i++) {
		if (i % 16 == 0)
			print_text("    %06zx:", i);
		print_text(" %02x", buf[i]);
		if (i % 16 == 15 || i + 1 == len)
			print_text("\n");
	}
}

/* The decoded listing of one segment. */
static void print_segment(struct rsc_run *r, const uint8_t *seg, size_t len)
{
	uint16_t type = PRM_GET(resource_dump_segment_header, seg, segment_type);
	const struct prm_struct *layout = special_layout(type);
	const char *name = special_name(type);

	print_open_object(NULL);
	if (name)
		print_string("segment", "segment %s", name);
	else
		print_hex("segment", "segment %#x", type);
	print_uint("length", " length %" PRIu64, len);
	if (!layout && type <= PRM_SEGMENT_RESOURCE_LAST &&
	    len >= PRM_SIZE(resource_dump_resource_segment)) {
		print_uint("index1", " index1 %" PRIu64,
			   PRM_GET(resource_dump_resource_segment, seg, index1));
		print_uint("index2", " index2 %" PRIu64,
			   PRM_GET(resource_dump_resource_segment, seg, index2));
	}
	print_text("\n");
	if (layout)
		decode_print(layout, seg, len, 4);
	if (r->out == OUT_HEX)
		print_payload_hex(seg, len);
	else if (!layout && type > PRM_SEGMENT_RESOURCE_LAST && len > 4)
		/* A notice: no public layout, and too short to skip. */
		print_payload_hex(seg + 4, len - 4);
	print_close_object();
}

static void report_error_segment(struct rsc_run *r, const uint8_t *seg,
				 size_t len)
{
	char msg[33];

	if (len < PRM_SIZE(resource_dump_error_segment)) {
		report_note("firmware sent a short error segment");
		return;
	}
	menu_str(msg, seg, PRM_OFF(resource_dump_error_segment, error), 32);
	fflush(stdout);
	fprintf(stderr, "mlx5ctl: %s: resource dump: firmware error segment: syndrome %#" PRIx64 " \"%s\"\n",
		r->cli->devname,
		PRM_GET(resource_dump_error_segment, seg, syndrome_id), msg);
}

/* A whole segment arrived. */
static int segment_done(struct rsc_run *r)
{
	const uint8_t *seg = r->seg;
	uint16_t type = PRM_GET(resource_dump_segment_header, seg, segment_type);

	r->segments++;
	if (type == PRM_SEGMENT_TERMINATE)
		r->terminated = true;
	if (type == PRM_SEGMENT_MENU && !r->menu) {
		r->menu = malloc(r->need);
		if (!r->menu)
			return ENOMEM;
		memcpy(r->menu, seg, r->need);
		r->menu_len = r->need;
	}
	if (r->out == OUT_DECODE || r->out == OUT_HEX)
		print_segment(r, seg, r->need);
	if (type == PRM_SEGMENT_ERROR) {
		r->fw_error = true;
		report_error_segment(r, seg, r->need);
	}
	return 0;
}

/* Feed dump bytes: written raw and/or cut into segments. */
static int rsc_feed(struct rsc_run *r, const uint8_t *buf, size_t len)
{
	const size_t hdr = PRM_SIZE(resource_dump_segment_header);
	int ret;

	if (r->file && len && fwrite(buf, 1, len, r->file) != len)
		return errno ? errno : EIO;
	if (r->keep_stream && len) {
		uint8_t *p;

		if (r->stream_len + len > RSC_KEEP_MAX)
			return EFBIG;
		p = realloc(r->stream, r->stream_len + len);
		if (!p)
			return ENOMEM;
		memcpy(p + r->stream_len, buf, len);
		r->stream = p;
		r->stream_len += len;
	}
	r->bytes += len;
	while (len) {
		size_t n;

		if (r->terminated)
			return EPROTO;	/* bytes after terminate */
		if (r->have < hdr) {
			n = hdr - r->have < len ? hdr - r->have : len;
			memcpy(r->seg + r->have, buf, n);
			r->have += n;
			buf += n;
			len -= n;
			if (r->have < hdr)
				break;
			r->need = PRM_GET(resource_dump_segment_header, r->seg,
					  length_dw) * 4;
			if (r->need < hdr)
				return EPROTO;
		}
		n = r->need - r->have < len ? r->need - r->have : len;
		memcpy(r->seg + r->have, buf, n);
		r->have += n;
		buf += n;
		len -= n;
		if (r->have == r->need) {
			ret = segment_done(r);
			if (ret)
				return ret;
			r->have = r->need = 0;
		}
	}
	progress_update(&r->progress, r->bytes, r->segments);
	return 0;
}

/* The resource_dump register of the request, for the first access. */
static void rsc_request(uint8_t *reg, const struct rsc_req *q,
			struct mlx5ctl_umem *umem, const uint8_t *mem)
{
	PRM_SET(resource_dump, reg, segment_type, q->type);
	PRM_SET(resource_dump, reg, index1, q->index1);
	PRM_SET(resource_dump, reg, index2, q->index2);
	PRM_SET(resource_dump, reg, num_of_obj1, q->num1);
	PRM_SET(resource_dump, reg, num_of_obj2, q->num2);
	PRM_SET(resource_dump, reg, inline_dump, !umem);
	if (umem) {
		/* The mkey translates the buffer's own addresses. */
		PRM_SET(resource_dump, reg, mkey, mlx5ctl_umem_mkey(umem));
		PRM_SET(resource_dump, reg, address, (uintptr_t)mem);
		PRM_SET(resource_dump, reg, size, RSC_UMEM_SIZE);
	}
}

/*
 * The access loop.  Returns EXIT_OK or EXIT_FAIL, every failure reported.
 */
static int rsc_loop(struct rsc_run *r, const struct rsc_req *q,
		    struct mlx5ctl_umem *umem, const uint8_t *mem)
{
	uint8_t reg[PRM_SIZE(resource_dump)] = {};
	const size_t inl = PRM_BITS(resource_dump, inline_data) *
			   PRM_COUNT(resource_dump, inline_data) / 8;
	const char *dev = r->cli->devname;
	unsigned int stalls = 0;
	int ret;

	for (;;) {
		uint32_t seq = PRM_GET(resource_dump, reg, seq_num), got;
		uint64_t n;

		/* Inputs again: the answer overwrote size and inline data. */
		rsc_request(reg, q, umem, mem);
		ret = mlx5ctl_reg_read(r->cli->dev, PRM_REG_RESOURCE_DUMP, 0, reg,
				       sizeof(reg));
		if (ret) {
			progress_end(&r->progress);
			return cli_result(r->cli, "resource dump", ret, reg);
		}
		got = PRM_GET(resource_dump, reg, seq_num);
		if (got != ((seq + 1) & 0xf)) {
			progress_end(&r->progress);
			report_misuse("%s: resource dump failed: sequence number skipped (sent %u, firmware answered %u): an answer was lost after %" PRIu64 " bytes",
				      dev, seq, got, r->bytes);
			return EXIT_FAIL;
		}
		n = PRM_GET(resource_dump, reg, size);
		if (n > (umem ? RSC_UMEM_SIZE : inl)) {
			progress_end(&r->progress);
			report_misuse("%s: resource dump failed: firmware answered %" PRIu64 " bytes, more than the %zu it was given",
				      dev, n, umem ? (size_t)RSC_UMEM_SIZE : inl);
			return EXIT_FAIL;
		}
		ret = rsc_feed(r, umem ? mem : PRM_ADDR(resource_dump, reg,
							  inline_data), n);
		if (ret) {
			progress_end(&r->progress);
			report_error(dev, ret == EPROTO ?
				     "resource dump (malformed segment stream)" :
				     "resource dump output", ret, NULL);
			return EXIT_FAIL;
		}
		if (!PRM_GET(resource_dump, reg, more_dump))
			break;
		if (!n && ++stalls > RSC_MAX_STALLS) {
			progress_end(&r->progress);
			report_misuse("%s: resource dump failed: firmware keeps answering more_dump without data",
				      dev);
			return EXIT_FAIL;
		}
	}
	progress_end(&r->progress);
	if (r->have || !r->terminated) {
		report_misuse("%s: resource dump failed: the stream ended without a terminate segment",
			      dev);
		return EXIT_FAIL;
	}
	return r->fw_error ? EXIT_FAIL : EXIT_OK;
}

/* UMEM set-up by mode; falls back to inline in auto mode only. */
static int rsc_dump(struct rsc_run *r, const struct rsc_req *q)
{
	struct dump_umem u = {};
	int rc, err;

	r->seg = malloc(SEG_MAX);
	if (!r->seg) {
		report_error(r->cli->devname, "resource dump", ENOMEM, NULL);
		return EXIT_FAIL;
	}
	if (q->mode != RSC_INLINE) {
		err = dump_umem_get(r->cli->dev, RSC_UMEM_SIZE, &u);
		if (err && (q->mode == RSC_UMEM || err != EOPNOTSUPP)) {
			dump_umem_report(r->cli, "UMEM registration",
					 err, "; use --inline",
					 "; --inline needs none");
			free(r->seg);
			return EXIT_FAIL;
		}
	}
	progress_start(&r->progress, "rscdump", "segments");
	rc = rsc_loop(r, q, u.umem, u.mem);
	dump_umem_put(&u);
	free(r->seg);
	r->seg = NULL;
	return rc;
}

/* The menu dump: its menu segment, or (STREAM) every byte of it. */
static int menu_dump(struct cli *cli, bool stream, uint8_t **buf,
		     size_t *len)
{
	struct rsc_req q = { .type = PRM_SEGMENT_MENU, .mode = RSC_INLINE };
	struct rsc_run r = { .cli = cli, .out = OUT_FILE,
			     .keep_stream = stream };
	int rc;

	rc = cli_open(cli);
	if (rc)
		return rc;
	rc = rsc_dump(&r, &q);
	if (rc == EXIT_OK && !r.menu) {
		report_misuse("%s: resource dump: the menu dump has no menu segment",
			      cli->devname);
		rc = EXIT_FAIL;
	}
	if (rc) {
		free(r.menu);
		free(r.stream);
		return rc;
	}
	if (stream) {
		free(r.menu);
		*buf = r.stream;
		*len = r.stream_len;
	} else {
		*buf = r.menu;
		*len = r.menu_len;
	}
	return EXIT_OK;
}

int rscdump_menu_raw(struct cli *cli, uint8_t **buf, size_t *len)
{
	return menu_dump(cli, false, buf, len);
}

int rscdump_menu_stream(struct cli *cli, uint8_t **buf, size_t *len)
{
	return menu_dump(cli, true, buf, len);
}

static void print_flag(const uint8_t *rec, const char *field, bool *first)
{
	const struct prm_struct *s = prm_struct_find("resource_dump_menu_record");
	const struct prm_field *f = s ? prm_field_find(s, field) : NULL;

	if (!f || !prm_get(rec, f->off, f->bits))
		return;
	if (print_is_json()) {
		print_string(field, NULL, field);
		return;
	}
	print_text("%s%s", *first ? " " : ",", field);
	*first = false;
}

/* The support flags of a record, in the PRM's names. */
static const char *const menu_flags[] = {
	"support_index1", "must_have_index1", "support_index2",
	"must_have_index2", "support_num_of_obj1", "must_have_num_of_obj1",
	"num_of_obj1_supports_all", "num_of_obj1_supports_active",
	"support_num_of_obj2", "must_have_num_of_obj2",
	"num_of_obj2_supports_all", "num_of_obj2_supports_active",
};

static int do_menu(struct cli *cli, int argc, char **argv)
{
	struct menu_rec recs[256];
	size_t n, i, j;
	uint8_t *menu;
	size_t len;
	int rc;

	if (argc) {
		report_misuse("rscdump menu: unexpected \"%s\"", argv[0]);
		return cli_usage("rscdump", rscdump_usage, true);
	}
	rc = rscdump_menu_raw(cli, &menu, &len);
	if (rc)
		return rc;
	n = menu_records(menu, len, recs, ARRAY_SIZE(recs));
	print_open_array("menu");
	if (!print_is_json())
		print_text("%-6s %-16s %-16s %-16s %s\n", "type", "segment",
			   "index1", "index2", "supports");
	for (i = 0; i < n; i++) {
		bool first = true;

		print_open_object(NULL);
		print_hex("type", "%#-6x", recs[i].type);
		print_string("segment", " %-16s", recs[i].name);
		print_string("index1_name", " %-16s",
			     recs[i].index1[0] ? recs[i].index1 : "-");
		print_string("index2_name", " %-16s",
			     recs[i].index2[0] ? recs[i].index2 : "-");
		print_open_array("supports");
		for (j = 0; j < ARRAY_SIZE(menu_flags); j++)
			print_flag(recs[i].raw, menu_flags[j], &first);
		print_close_array();
		print_text("\n");
		print_close_object();
	}
	print_close_array();
	free(menu);
	return EXIT_OK;
}

/* SEGMENT: a number, or a name of the menu (any case). */
static int resolve_segment(struct cli *cli, const char *word, uint16_t *type)
{
	struct menu_rec recs[256];
	uint64_t v;
	uint8_t *menu;
	size_t len, n, i;
	int rc;

	if (!parse_u64(word, 0xffff, &v)) {
		*type = v;
		return EXIT_OK;
	}
	rc = rscdump_menu_raw(cli, &menu, &len);
	if (rc)
		return rc;
	n = menu_records(menu, len, recs, ARRAY_SIZE(recs));
	for (i = 0; i < n; i++) {
		if (!strcasecmp(recs[i].name, word)) {
			*type = recs[i].type;
			free(menu);
			return EXIT_OK;
		}
	}
	report_misuse("rscdump: no segment \"%s\" in the menu of %s; the menu has:",
		      word, cli->devname);
	for (i = 0; i < n; i++)
		fprintf(stderr, "  %s (%#x)\n", recs[i].name, recs[i].type);
	free(menu);
	return EXIT_USAGE;
}

static int parse_num(const char *key, const char *val, uint16_t *num)
{
	uint64_t v;

	if (!strcmp(val, "all")) {
		*num = NUM_ALL;
		return 0;
	}
	if (!strcmp(val, "active")) {
		*num = NUM_ACTIVE;
		return 0;
	}
	if (parse_u64(val, NUM_ACTIVE - 1, &v)) {
		report_misuse("rscdump: %s \"%s\" is not a count below %#x, \"all\" or \"active\"",
			      key, val, NUM_ACTIVE);
		return -1;
	}
	*num = v;
	return 0;
}

static int parse_index(const char *key, const char *val, uint32_t *idx)
{
	uint64_t v;

	if (parse_u64(val, UINT32_MAX, &v)) {
		report_misuse("rscdump: %s \"%s\" is not a 32-bit number", key,
			      val);
		return -1;
	}
	*idx = v;
	return 0;
}

struct dump_args {
	const char *segment;
	const char *file;
	enum rsc_out out;
	struct rsc_req q;
};

static int parse_dump_args(int argc, char **argv, struct dump_args *a)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *w = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		int bad = 0;

		if (!strcmp(w, "--raw") || !strcmp(w, "--hex")) {
			a->out = w[2] == 'r' ? OUT_RAW : OUT_HEX;
			continue;
		}
		if (!strcmp(w, "--inline") || !strcmp(w, "--umem")) {
			a->q.mode = w[2] == 'i' ? RSC_INLINE : RSC_UMEM;
			continue;
		}
		if (!a->segment && w[0] != '-' && strcmp(w, "index1") &&
		    strcmp(w, "index2") && strcmp(w, "num1") &&
		    strcmp(w, "num2")) {
			a->segment = w;
			continue;
		}
		if (!v) {
			report_misuse("rscdump: %s needs a value", w);
			return -1;
		}
		if (!strcmp(w, "-o"))
			a->file = v;
		else if (!strcmp(w, "index1"))
			bad = parse_index(w, v, &a->q.index1);
		else if (!strcmp(w, "index2"))
			bad = parse_index(w, v, &a->q.index2);
		else if (!strcmp(w, "num1"))
			bad = parse_num(w, v, &a->q.num1);
		else if (!strcmp(w, "num2"))
			bad = parse_num(w, v, &a->q.num2);
		else {
			report_misuse("rscdump dump: unknown argument \"%s\"", w);
			return -1;
		}
		if (bad)
			return -1;
		i++;
	}
	if (!a->segment) {
		report_misuse("rscdump dump: which SEGMENT? (see \"rscdump menu\")");
		return -1;
	}
	if (a->file && a->out == OUT_RAW) {
		report_misuse("rscdump dump: --raw writes to stdout; -o names a file: pick one");
		return -1;
	}
	if (a->out == OUT_RAW && print_is_json()) {
		report_misuse("rscdump dump: --raw is binary, not JSON");
		return -1;
	}
	if (a->file)
		a->out = OUT_FILE;
	return 0;
}

static int do_dump(struct cli *cli, int argc, char **argv)
{
	struct dump_args a = { .out = OUT_DECODE };
	struct rsc_run r = { .cli = cli };
	char what[PATH_MAX + 32];
	struct outfile out;
	int rc, ret;

	if (parse_dump_args(argc, argv, &a))
		return cli_usage("rscdump", rscdump_usage, true);
	if (a.out == OUT_FILE && outfile_check("rscdump", a.file))
		return EXIT_USAGE;
	rc = cli_open(cli);
	if (rc)
		return rc;
	rc = resolve_segment(cli, a.segment, &a.q.type);
	if (rc)
		return rc;
	r.out = a.out;
	snprintf(what, sizeof(what), "rscdump: writing %s", a.file ? a.file : "");
	if (a.out == OUT_FILE) {
		ret = outfile_open(&out, a.file);
		if (ret) {
			report_error(cli->devname, what, ret, NULL);
			return EXIT_FAIL;
		}
		r.file = out.f;
	} else if (a.out == OUT_RAW) {
		r.file = stdout;
	}
	if (a.out == OUT_DECODE || a.out == OUT_HEX)
		print_open_array("segments");
	rc = rsc_dump(&r, &a.q);
	if (a.out == OUT_DECODE || a.out == OUT_HEX)
		print_close_array();
	free(r.menu);
	if (a.out == OUT_FILE) {
		/* A partial dump would pass for a whole one: FILE stays as it was. */
		if (rc) {
			outfile_abort(&out);
			return rc;
		}
		ret = outfile_commit(&out);
		if (ret) {
			report_error(cli->devname, what, ret, NULL);
			return EXIT_FAIL;
		}
		if (!strcmp(a.file, "-"))
			return EXIT_OK;
		print_string("file", "%s:", a.file);
		print_uint("bytes", " %" PRIu64 " bytes", r.bytes);
		print_uint("segments", " in %" PRIu64 " segments\n", r.segments);
	} else if (a.out == OUT_RAW && fflush(stdout) && !rc) {
		report_error(cli->devname, "stdout", errno, NULL);
		rc = EXIT_FAIL;
	}
	return rc;
}

static const struct cli_cmd rscdump_cmds[] = {
	{ "menu", do_menu, "the segments this device can dump" },
	{ "dump", do_dump, "dump a segment" },
	{}
};

int do_rscdump(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, "rscdump", rscdump_usage, rscdump_cmds, argc,
			    argv);
}
