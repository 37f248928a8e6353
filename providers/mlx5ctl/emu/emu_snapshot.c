// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Replay of a snapshot ("emu:@FILE.json", written by "mlx5ctl snapshot"):
 * the device answers every command the snapshot recorded with the bytes
 * the real device gave, so read-only commands on a laptop see what they
 * saw on the customer's machine.
 *
 * A command is looked up by its inbox, the uid (which differs from run to
 * run) masked and trailing zero bytes ignored.  What the snapshot lacks
 * fails in the kernel half with ENODATA (emu_fw_unrecorded): no firmware
 * status is made up for a command nobody answered.  The user
 * contexts and UMEMs the kernel half creates, and the resource dump (from
 * the recorded menu stream), are emulated as usual.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "emu_fw_dump.h"

#define EMU_SNAP_SCHEMA "mlx5ctl-snapshot"
/* Version 2 may hold a profile and no commands (emu_profile.c). */
#define EMU_SNAP_VERSION 2
/* The largest outbox a command has: the kernel's limit (fwctl, 2 MiB). */
#define EMU_SNAP_MAX_OUT (2u << 20)

/*
 * One exchange.  The outbox is kept as recorded, trailing zeros trimmed
 * (at least a header's worth), with the length the device wrote: the
 * zeros are made when the command is replayed, into the caller's outbox,
 * so a record claiming megabytes costs nothing until asked for.
 */
struct emu_snap_entry {
	uint8_t *in, *out;
	size_t inlen;			/* trailing zeros trimmed */
	size_t stored;			/* bytes of out */
	size_t outlen;			/* what the device wrote */
};

struct emu_snap {
	struct emu_snap_entry *e;
	size_t n;
	uint8_t *menu;			/* the resource dump menu stream */
	size_t menu_len;
};

static int emu_hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Hex string to bytes; -1 on a malformed one. */
static int emu_unhex(const char *s, uint8_t **buf, size_t *len)
{
	size_t n = strlen(s), i;
	uint8_t *b;

	if (n % 2)
		return -1;
	b = malloc(n / 2 ? n / 2 : 1);
	if (!b)
		return -1;
	for (i = 0; i < n / 2; i++) {
		int hi = emu_hex_nibble(s[2 * i]), lo = emu_hex_nibble(s[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			free(b);
			return -1;
		}
		b[i] = hi << 4 | lo;
	}
	*buf = b;
	*len = n / 2;
	return 0;
}

/* Length without trailing zero bytes: a shorter inbox means the same. */
static size_t emu_trim(const uint8_t *b, size_t len)
{
	while (len && !b[len - 1])
		len--;
	return len;
}

/* The inbox as the lookup key: uid masked, trailing zeros gone. */
static void emu_snap_key(uint8_t *in, size_t *len)
{
	if (*len >= PRM_SIZE(mbox_in))
		PRM_SET(mbox_in, in, uid, 0);
	*len = emu_trim(in, *len);
}

static const char *emu_jstr(json_object *o, const char *key)
{
	json_object *v;

	if (!o || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static void emu_snap_identity(struct emu_fw *fw, json_object *dev)
{
	static const struct {
		const char *key;
		size_t off, len;
	} strs[] = {
#define ID_STR(f) { #f, offsetof(struct emu_identity, f), \
		    sizeof(((struct emu_identity *)0)->f) }
		ID_STR(ibdev), ID_STR(pci), ID_STR(netdev), ID_STR(fwctl),
		ID_STR(fw_version),
#undef ID_STR
	};
	json_object *v;
	size_t i;

	snprintf(fw->id.profile, sizeof(fw->id.profile), "snapshot");
	for (i = 0; i < EMU_ARRAY_SIZE(strs); i++) {
		const char *s = emu_jstr(dev, strs[i].key);

		if (s)
			snprintf((char *)&fw->id + strs[i].off, strs[i].len,
				 "%s", s);
	}
	if (json_object_object_get_ex(dev, "vendor_id", &v))
		fw->id.vendor_id = json_object_get_int(v);
	if (json_object_object_get_ex(dev, "device_id", &v))
		fw->id.device_id = json_object_get_int(v);
	/* The replay always has its device nodes, whatever the host had. */
	if (!fw->id.fwctl[0])
		snprintf(fw->id.fwctl, sizeof(fw->id.fwctl), "fwctl0");
	snprintf(fw->id.uverbs, sizeof(fw->id.uverbs), "uverbs0");
}

/* "commands[3]: no \"in\" hex string": what is wrong, and where. */
static int emu_snap_bad(char *err, size_t errlen, size_t i, const char *what)
{
	snprintf(err, errlen, "commands[%zu]: %s", i, what);
	return EINVAL;
}

static int emu_snap_entry(struct emu_snap_entry *e, json_object *c, size_t i,
			  char *err, size_t errlen)
{
	const char *in = emu_jstr(c, "in"), *out = emu_jstr(c, "out");
	json_object *v;
	size_t outlen = 0;

	if (!json_object_is_type(c, json_type_object))
		return emu_snap_bad(err, errlen, i, "not an object");
	if (!in || emu_unhex(in, &e->in, &e->inlen))
		return emu_snap_bad(err, errlen, i, "no \"in\" hex string");
	if (!out || emu_unhex(out, &e->out, &e->stored))
		return emu_snap_bad(err, errlen, i, "no \"out\" hex string");
	/* "out" is trimmed; out_len is what the device wrote. */
	e->outlen = e->stored;
	if (json_object_object_get_ex(c, "out_len", &v))
		outlen = json_object_get_int64(v);
	if (outlen > EMU_SNAP_MAX_OUT)
		return emu_snap_bad(err, errlen, i,
				    "\"out_len\" too large (above 2 MiB, the largest outbox)");
	if (outlen && outlen < e->stored)
		return emu_snap_bad(err, errlen, i,
				    "\"out_len\" shorter than \"out\"");
	if (outlen)
		e->outlen = outlen;
	if (e->outlen < PRM_SIZE(mbox_out))
		return emu_snap_bad(err, errlen, i,
				    "\"out\" shorter than a command header");
	/* The header is read at replay: keep its bytes, zeros included. */
	if (e->stored < PRM_SIZE(mbox_out)) {
		uint8_t *o = realloc(e->out, PRM_SIZE(mbox_out));

		if (!o)
			return ENOMEM;
		memset(o + e->stored, 0, PRM_SIZE(mbox_out) - e->stored);
		e->out = o;
		e->stored = PRM_SIZE(mbox_out);
	}
	emu_snap_key(e->in, &e->inlen);
	return 0;
}

static int emu_snap_entries(struct emu_snap *s, json_object *cmds, char *err,
			    size_t errlen)
{
	size_t n = json_object_array_length(cmds), i;
	int ret;

	s->e = calloc(n ? n : 1, sizeof(*s->e));
	if (!s->e)
		return ENOMEM;
	for (i = 0; i < n; i++) {
		/* Counted first: emu_snap_free frees what a failure left. */
		s->n++;
		ret = emu_snap_entry(&s->e[i], json_object_array_get_idx(cmds, i),
				     i, err, errlen);
		if (ret)
			return ret;
	}
	return 0;
}

void emu_snap_free(struct emu_snap *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n; i++) {
		free(s->e[i].in);
		free(s->e[i].out);
	}
	free(s->e);
	free(s->menu);
	free(s);
}

/* The whole file, NUL-terminated; an errno with ERR set on failure. */
int emu_doc_read(const char *noun, const char *path, char **text,
		 size_t *textlen, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	size_t len = 0, cap = 0, n;
	char *buf = NULL, *b;
	int ret = 0;

	if (!f) {
		ret = errno;
		snprintf(err, errlen, "cannot open %s %s: %s", noun, path,
			 strerror(ret));
		return ret;
	}
	do {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			b = realloc(buf, cap + 1);
			if (!b) {
				ret = ENOMEM;
				break;
			}
			buf = b;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n);
	if (!ret && ferror(f))
		ret = errno ? errno : EIO;
	fclose(f);
	if (ret) {
		snprintf(err, errlen, "cannot read %s %s: %s", noun, path,
			 strerror(ret));
		free(buf);
		return ret;
	}
	buf[len] = 0;
	*text = buf;
	*textlen = len;
	return 0;
}

/* "PATH:LINE:COL: not JSON: WHY", the position of byte AT of TEXT. */
static void emu_snap_syntax(const char *noun, const char *path, const char *text, size_t at,
			    const char *why, char *err, size_t errlen)
{
	size_t line = 1, col = 1, i;

	for (i = 0; i < at; i++, col++) {
		if (text[i] == '\n') {
			line++;
			col = 0;
		}
	}
	snprintf(err, errlen, "%s %s:%zu:%zu: not JSON: %s", noun, path, line,
		 col, why);
}

/* Parse TEXT (TEXTLEN bytes); on a syntax error say where. */
json_object *emu_doc_parse(const char *noun, const char *path,
			  const char *text, size_t textlen, char *err,
			  size_t errlen)
{
	size_t nul = strlen(text), at;
	enum json_tokener_error jerr;
	json_object *root;
	json_tokener *tok;

	/* JSON text has no NUL: what follows one would go unread. */
	if (nul != textlen) {
		emu_snap_syntax(noun, path, text, nul, "a NUL byte", err, errlen);
		return NULL;
	}
	tok = json_tokener_new();
	if (!tok) {
		snprintf(err, errlen, "%s %s: out of memory", noun, path);
		return NULL;
	}
	root = json_tokener_parse_ex(tok, text, textlen);
	jerr = json_tokener_get_error(tok);
	at = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (root && jerr == json_tokener_success &&
	    !text[at + strspn(text + at, " \t\r\n")])
		return root;
	json_object_put(root);
	if (jerr == json_tokener_continue)
		emu_snap_syntax(noun, path, text, textlen,
				"the document ends early", err, errlen);
	else if (jerr == json_tokener_success)
		emu_snap_syntax(noun, path, text, at, "text after the document", err,
				errlen);
	else
		emu_snap_syntax(noun, path, text, at, json_tokener_error_desc(jerr),
				err, errlen);
	return NULL;
}

int emu_snap_load(struct emu_fw *fw, const char *path, char *err,
		  size_t errlen)
{
	json_object *root, *v, *cmds, *prov;
	struct emu_snap *s;
	const char *menu;
	char *text = NULL, where[160];
	size_t textlen = 0;
	int ret;

	ret = emu_doc_read("snapshot", path, &text, &textlen, err, errlen);
	if (ret)
		return ret;
	root = emu_doc_parse("snapshot", path, text, textlen, err, errlen);
	free(text);
	if (!root)
		return EINVAL;
	ret = EINVAL;
	s = calloc(1, sizeof(*s));
	if (!s) {
		json_object_put(root);
		return ENOMEM;
	}
	if (!json_object_object_get_ex(root, "schema", &v) ||
	    strcmp(emu_jstr(v, "name") ? emu_jstr(v, "name") : "",
		   EMU_SNAP_SCHEMA) ||
	    !json_object_object_get_ex(v, "version", &v) ||
	    json_object_get_int(v) < 1 ||
	    json_object_get_int(v) > EMU_SNAP_VERSION) {
		snprintf(err, errlen,
			 "snapshot %s: schema: not a version 1 or 2 mlx5ctl snapshot",
			 path);
		goto fail;
	}
	/* A profile alone: everything is emulated, nothing replayed. */
	if (json_object_get_int(v) > 1 &&
	    !json_object_object_get_ex(root, "commands", NULL)) {
		json_object_put(root);
		emu_snap_free(s);
		return 0;
	}
	if (!json_object_object_get_ex(root, "commands", &cmds) ||
	    !json_object_is_type(cmds, json_type_array)) {
		snprintf(err, errlen, "snapshot %s: commands: not an array",
			 path);
		goto fail;
	}
	ret = emu_snap_entries(s, cmds, where, sizeof(where));
	if (ret) {
		snprintf(err, errlen, "snapshot %s: %s", path,
			 ret == ENOMEM ? strerror(ret) : where);
		goto fail;
	}
	menu = emu_jstr(root, "rscdump_menu");
	if (menu && emu_unhex(menu, &s->menu, &s->menu_len)) {
		snprintf(err, errlen, "snapshot %s: rscdump_menu: not a hex string",
			 path);
		ret = EINVAL;
		goto fail;
	}
	prov = NULL;
	json_object_object_get_ex(root, "provenance", &prov);
	if (prov && json_object_object_get_ex(prov, "device", &v))
		emu_snap_identity(fw, v);
	json_object_put(root);
	fw->dump->snap = s;
	return 0;
fail:
	json_object_put(root);
	emu_snap_free(s);
	return ret;
}

/* Commands that stay emulated under replay: they create state. */
static bool emu_snap_passthrough(const uint8_t *in, size_t inlen)
{
	switch (PRM_GET(mbox_in, in, opcode)) {
	case MLX5_CMD_OP_CREATE_UCTX:
	case MLX5_CMD_OP_DESTROY_UCTX:
	case MLX5_CMD_OP_CREATE_UMEM:
	case MLX5_CMD_OP_DESTROY_UMEM:
	case MLX5_CMD_OP_ALLOC_PD:
	case MLX5_CMD_OP_DEALLOC_PD:
	case MLX5_CMD_OP_CREATE_MKEY:
	case MLX5_CMD_OP_DESTROY_MKEY:
		return true;
	case MLX5_CMD_OP_ACCESS_REG:
		return inlen >= PRM_SIZE(access_register_in) &&
		       PRM_GET(access_register_in, in, register_id) ==
		       PRM_REG_RESOURCE_DUMP;
	}
	return false;
}

/* The recorded exchange for IN, or NULL. */
static const struct emu_snap_entry *emu_snap_find(const struct emu_snap *s,
						  const void *in, size_t inlen)
{
	const struct emu_snap_entry *e = NULL;
	uint8_t *key = malloc(inlen ? inlen : 1);
	size_t len = inlen, i;

	if (!key)
		return NULL;
	memcpy(key, in, len);
	emu_snap_key(key, &len);
	for (i = 0; i < s->n && !e; i++)
		if (s->e[i].inlen == len && !memcmp(s->e[i].in, key, len))
			e = &s->e[i];
	free(key);
	return e;
}

/* The resource dump replays the menu only, read inline, as recorded. */
static bool emu_snap_dump_recorded(const struct emu_snap *s, const uint8_t *in,
				   size_t inlen)
{
	const uint8_t *reg = in + PRM_SIZE(access_register_in);

	if (inlen < PRM_SIZE(access_register_in) + PRM_SIZE(resource_dump))
		return false;
	return s->menu && PRM_GET(resource_dump, reg, inline_dump) &&
	       PRM_GET(resource_dump, reg, segment_type) == PRM_SEGMENT_MENU;
}

bool emu_fw_unrecorded(const struct emu_fw *fw, const void *in, size_t inlen)
{
	const struct emu_snap *s = fw->dump->snap;

	if (!s || inlen < PRM_SIZE(mbox_in))
		return false;
	if (!emu_snap_passthrough(in, inlen))
		return !emu_snap_find(s, in, inlen);
	if (PRM_GET(mbox_in, in, opcode) == MLX5_CMD_OP_ACCESS_REG)
		return !emu_snap_dump_recorded(s, in, inlen);
	return false;
}

bool emu_snap_exec(struct emu_cmd *c, int *status)
{
	const struct emu_snap *s = c->fw->dump->snap;
	const struct emu_snap_entry *e;

	if (!s || emu_snap_passthrough(c->in, c->inlen))
		return false;
	/* Unreachable through the kernel half, which asked
	 * emu_fw_unrecorded() first; kept for direct callers of the
	 * firmware (unit tests), who get the status real firmware would. */
	e = emu_snap_find(s, c->in, c->inlen);
	if (!e) {
		c->syndrome = EMU_SYND_NOT_RECORDED;
		*status = PRM_STATUS_BAD_PARAM_ERR;
		return true;
	}
	*status = PRM_GET(mbox_out, e->out, status);
	c->syndrome = PRM_GET(mbox_out, e->out, syndrome);
	if (*status != PRM_STATUS_OK)
		return true;
	c->out_size = e->outlen < c->outlen ? e->outlen : c->outlen;
	memset(c->out, 0, c->outlen);
	memcpy(c->out, e->out, e->stored < c->out_size ? e->stored : c->out_size);
	return true;
}

const uint8_t *emu_snap_menu(const struct emu_fw *fw, size_t *len)
{
	const struct emu_snap *s = fw->dump->snap;

	*len = s ? s->menu_len : 0;
	return s ? s->menu : NULL;
}
