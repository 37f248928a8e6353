// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Snapshot replay (emu_snapshot.c): the input is the file "emu:@FILE"
 * names.  When it loads, its recorded commands are sent back through the
 * library and the emulated kernel (ctl or fwctl, by the input's length),
 * then a few every tool sends (capabilities, a register, the resource dump
 * menu), and the recorded ones once more straight to firmware.
 *
 * Oracle: a recorded command answered with success is answered with the
 * recorded bytes (the device's header status and syndrome aside), zeros
 * up to what the device wrote and past it, whichever way it is asked;
 * a failed open says why in a terminated message.
 */
/* fuzz.h: memfd_create(); the targets: asprintf() and friends. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>

#include <json-c/json.h>

#include "emu.h"
#include "fuzz.h"
#include "mlx5ctl_int.h"
#include "opcodes.h"
#include "prm.h"

/* Enough of a snapshot to replay; its outboxes are cut to this. */
#define MAX_REPLAY 16
#define MAX_OUT 8192

struct recorded {
	uint8_t *in, *out;
	size_t inlen, stored, outlen;
	uint8_t *key;		/* the loader's lookup key */
	size_t keylen;
};

static int unhex(const char *s, uint8_t **buf, size_t *len)
{
	size_t n = strlen(s), i;
	unsigned int byte;

	if (n % 2)
		return -1;
	*buf = malloc(n / 2 + 1);
	FUZZ_CHECK(*buf);
	for (i = 0; i < n / 2; i++) {
		if (!strchr("0123456789abcdefABCDEF", s[2 * i]) ||
		    !strchr("0123456789abcdefABCDEF", s[2 * i + 1]) ||
		    sscanf(s + 2 * i, "%2x", &byte) != 1) {
			free(*buf);
			return -1;
		}
		(*buf)[i] = byte;
	}
	*len = n / 2;
	return 0;
}

static const char *jstr(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* The lookup key: uid masked (when there is a header), trailing zeros cut. */
static uint8_t *make_key(const uint8_t *in, size_t len, size_t *keylen)
{
	uint8_t *key = malloc(len + 1);

	FUZZ_CHECK(key);
	memcpy(key, in, len);
	if (len >= 16)
		memset(key + 2, 0, 2);
	while (len && !key[len - 1])
		len--;
	*keylen = len;
	return key;
}

/* Commands the replay leaves to the emulator: they are not recorded. */
static bool emulated(const struct recorded *r)
{
	static const uint16_t ops[] = {
		MLX5_CMD_OP_CREATE_UCTX, MLX5_CMD_OP_DESTROY_UCTX,
		MLX5_CMD_OP_CREATE_UMEM, MLX5_CMD_OP_DESTROY_UMEM,
		MLX5_CMD_OP_ALLOC_PD, MLX5_CMD_OP_DEALLOC_PD,
		MLX5_CMD_OP_CREATE_MKEY, MLX5_CMD_OP_DESTROY_MKEY,
	};
	uint16_t opcode = PRM_GET(mbox_in, r->in, opcode);
	size_t i;

	for (i = 0; i < FUZZ_ARRAY_SIZE(ops); i++)
		if (ops[i] == opcode)
			return true;
	return opcode == MLX5_CMD_OP_ACCESS_REG &&
	       PRM_GET(access_register_in, r->in, register_id) ==
		       PRM_REG_RESOURCE_DUMP;
}

/* Read the commands again, the loader having accepted them. */
static size_t parse(const uint8_t *data, size_t size, struct recorded *rec)
{
	json_object *root = json_tokener_parse((const char *)data), *cmds, *v;
	size_t n = 0, i;

	if (!root || !json_object_object_get_ex(root, "commands", &cmds)) {
		json_object_put(root);
		return 0;
	}
	for (i = 0; i < json_object_array_length(cmds) && n < MAX_REPLAY; i++) {
		json_object *c = json_object_array_get_idx(cmds, i);
		struct recorded *r = &rec[n];

		FUZZ_CHECK(!unhex(jstr(c, "in"), &r->in, &r->inlen));
		r->key = make_key(r->in, r->inlen, &r->keylen);
		FUZZ_CHECK(!unhex(jstr(c, "out"), &r->out, &r->stored));
		r->outlen = r->stored;
		if (json_object_object_get_ex(c, "out_len", &v) &&
		    json_object_get_int64(v))
			r->outlen = json_object_get_int64(v);
		/* Inboxes are at least a header: zeros keep the key. */
		if (r->inlen < 16) {
			r->in = realloc(r->in, 16);
			FUZZ_CHECK(r->in);
			memset(r->in + r->inlen, 0, 16 - r->inlen);
			r->inlen = 16;
		}
		n++;
	}
	json_object_put(root);
	return n;
}

/* The first record whose key is that of inbox IN, as the loader looks. */
static const struct recorded *lookup(const struct recorded *rec, size_t n,
				     const uint8_t *in, size_t inlen)
{
	const struct recorded *e = NULL;
	size_t keylen, i;
	uint8_t *key = make_key(in, inlen, &keylen);

	for (i = 0; i < n && !e; i++)
		if (rec[i].keylen == keylen && !memcmp(rec[i].key, key, keylen))
			e = &rec[i];
	free(key);
	return e;
}

/* A successful answer to IN: the recorded bytes, zeros after them. */
static void check_answer(const struct recorded *rec, size_t n,
			 const uint8_t *in, size_t inlen, const uint8_t *out,
			 size_t outlen)
{
	const struct recorded *e = lookup(rec, n, in, inlen);
	uint8_t *exp = calloc(1, outlen);
	size_t len;

	FUZZ_CHECK(exp);
	/* Only replayed commands succeed: nothing answers for the device. */
	FUZZ_CHECK(e);
	len = e->stored < e->outlen ? e->stored : e->outlen;
	memcpy(exp, e->out, len < outlen ? len : outlen);
	/* A successful answer's header says success, whatever was kept. */
	exp[0] = 0;
	memset(exp + 4, 0, 4);
	FUZZ_CHECK(!memcmp(out, exp, outlen));
	free(exp);
}

static size_t out_size(const struct recorded *r)
{
	return r->outlen < 16 ? 16 : r->outlen > MAX_OUT ? MAX_OUT : r->outlen;
}

/* Through the library and the emulated kernel. */
static void replay(struct mlx5ctl_device *dev, const struct recorded *rec,
		   size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		size_t outlen = out_size(&rec[i]);
		uint8_t *out = malloc(outlen);
		int ret;

		FUZZ_CHECK(out);
		ret = mlx5ctl_rpc(dev, NULL, rec[i].in, rec[i].inlen, out,
				  outlen);
		if (fuzz_trace())
			fprintf(stderr, "replay %zu: %s\n", i,
				ret ? strerror(ret) : "the recorded answer");
		if (!ret && !emulated(&rec[i]))
			check_answer(rec, n, rec[i].in, rec[i].inlen, out,
				     outlen);
		free(out);
	}
}

/* Straight to firmware, as the kernel's own commands go (uid 0). */
static void replay_fw(const char *spec, const struct recorded *rec, size_t n)
{
	struct emu_fw *fw = emu_fw_create(spec, NULL, 0);
	size_t i;

	if (!fw)
		return;
	for (i = 0; i < n; i++) {
		size_t outlen = out_size(&rec[i]);
		uint8_t *in = malloc(rec[i].inlen), *out = malloc(outlen);

		FUZZ_CHECK(in && out);
		memcpy(in, rec[i].in, rec[i].inlen);
		PRM_SET(mbox_in, in, uid, 0);
		emu_fw_exec(fw, in, rec[i].inlen, out, outlen);
		if (!PRM_GET(mbox_out, out, status) && !emulated(&rec[i]))
			check_answer(rec, n, in, rec[i].inlen, out, outlen);
		free(in);
		free(out);
	}
	emu_fw_destroy(fw);
}

/* What every tool asks first, recorded or not. */
static void common_rpcs(struct mlx5ctl_device *dev)
{
	uint8_t cap[MLX5CTL_HCA_CAP_SIZE], adapter[256], paos[16] = { 0, 1 };
	uint8_t in[PRM_SIZE(access_register_in) + PRM_SIZE(resource_dump)] = {};
	uint8_t out[PRM_SIZE(mbox_out) + PRM_SIZE(resource_dump)];
	uint8_t *rd = in + PRM_SIZE(access_register_in);

	mlx5ctl_query_hca_cap(dev, 0, MLX5CTL_CAP_CUR, cap, sizeof(cap));
	mlx5ctl_query_adapter(dev, adapter, sizeof(adapter));
	mlx5ctl_reg_read(dev, PRM_REG_PAOS, 0, paos, sizeof(paos));
	PRM_SET(access_register_in, in, opcode, MLX5_CMD_OP_ACCESS_REG);
	PRM_SET(access_register_in, in, op_mod, 1);
	PRM_SET(access_register_in, in, register_id, PRM_REG_RESOURCE_DUMP);
	PRM_SET(resource_dump, rd, inline_dump, 1);
	PRM_SET(resource_dump, rd, segment_type, 0xffff);
	mlx5ctl_rpc(dev, NULL, in, sizeof(in), out, sizeof(out));
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet_stdout();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mlx5ctl_open_attr attr = {
		.comp_mask = MLX5CTL_OPEN_ATTR_BACKEND |
			     MLX5CTL_OPEN_ATTR_ERRBUF,
		.backend = size & 1 ? MLX5CTL_BACKEND_FWCTL :
				      MLX5CTL_BACKEND_CTL,
	};
	struct recorded rec[MAX_REPLAY] = {};
	char path[64], name[80], why[256];
	struct mlx5ctl_device *dev;
	size_t n = 0, i;
	char *text;
	int fd;

	fd = fuzz_file(data, size, path, sizeof(path));
	if (fd < 0)
		return 0;
	snprintf(name, sizeof(name), "emu:@%s", path);
	attr.errbuf = why;
	attr.errbuf_len = sizeof(why);
	why[0] = 0;
	dev = mlx5ctl_open(name, &attr);
	FUZZ_CHECK(memchr(why, 0, sizeof(why)));
	if (dev) {
		/* Loaded: valid JSON without a NUL, so a C string. */
		text = strndup((const char *)data, size);
		FUZZ_CHECK(text);
		n = parse((const uint8_t *)text, size, rec);
		free(text);
		replay(dev, rec, n);
		common_rpcs(dev);
		mlx5ctl_close(dev);
		replay_fw(name + 4, rec, n);
	}
	for (i = 0; i < n; i++) {
		free(rec[i].in);
		free(rec[i].out);
		free(rec[i].key);
	}
	close(fd);
	return 0;
}
