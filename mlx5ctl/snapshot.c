// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * mlx5ctl -d DEV snapshot -o FILE.json
 *
 * Record every read-only query the device answers - capability pages of
 * every type in both modes, QUERY_ADAPTER, QUERY_ISSI, every register of
 * the layout catalogue with its default index keys (and port 1 where the
 * register has a port), the resource dump menu - as the inbox sent and
 * the outbox received.  "emu:@FILE.json" replays it: the same commands
 * get the same bytes, so a device can travel with a bug report.
 *
 * Firmware refusals are recorded too (they are answers); commands the
 * kernel refused never reached the device and are left out.
 */
#include <errno.h>
#include <limits.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "dump.h"
#include "opcodes.h"
#include "print.h"
#include "prm.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

static const char snapshot_usage[] =
	"Usage: mlx5ctl [OPTIONS] -d DEV snapshot -o FILE.json\n"
	"  Records the device's answers to every read-only query (capabilities,\n"
	"  adapter, ISSI, registers, resource dump menu) with provenance.\n"
	"  \"-d emu:@FILE.json\" replays them: attach the file to a bug report.\n";

#define SNAP_SCHEMA "mlx5ctl-snapshot"
#define SNAP_VERSION 1

struct snap {
	struct cli *cli;
	json_object *cmds;
	unsigned int answered, refused;
};

static json_object *hex_string(const uint8_t *buf, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	json_object *o;
	char *hex;
	size_t i;

	hex = malloc(len * 2 + 1);
	if (!hex)
		return NULL;
	for (i = 0; i < len; i++) {
		hex[2 * i] = digits[buf[i] >> 4];
		hex[2 * i + 1] = digits[buf[i] & 0xf];
	}
	hex[2 * len] = 0;
	o = json_object_new_string(hex);
	free(hex);
	return o;
}

static size_t trimmed(const uint8_t *buf, size_t len)
{
	while (len && !buf[len - 1])
		len--;
	return len;
}

/*
 * One command: send it and keep the exchange when firmware answered.
 * The outbox is stored without its trailing zeros, with its length.
 */
static int record(struct snap *s, const char *what, uint8_t *in, size_t inlen,
		  size_t outlen)
{
	uint8_t *out = calloc(1, outlen);
	json_object *e;
	int ret;

	if (!out)
		return ENOMEM;
	ret = mlx5ctl_rpc(s->cli->dev, NULL, in, inlen, out, outlen);
	if (ret && ret != EREMOTEIO) {
		free(out);
		/* Never reached firmware (policy, transport): nothing to keep. */
		return ret == ENOMEM ? ret : 0;
	}
	ret ? s->refused++ : s->answered++;
	/* The uid is this run's; replay ignores it. */
	PRM_SET(mbox_in, in, uid, 0);
	e = json_object_new_object();
	json_object_object_add(e, "what", json_object_new_string(what));
	json_object_object_add(e, "in", hex_string(in, trimmed(in, inlen)));
	json_object_object_add(e, "out", hex_string(out, trimmed(out, outlen)));
	json_object_object_add(e, "out_len", json_object_new_int64(outlen));
	json_object_array_add(s->cmds, e);
	free(out);
	return 0;
}

static int record_caps(struct snap *s)
{
	const struct prm_cap *c;
	unsigned int mode;
	size_t i;
	int ret;

	for (i = 0; (c = prm_cap_at(i)); i++) {
		for (mode = MLX5CTL_CAP_MAX; mode <= MLX5CTL_CAP_CUR; mode++) {
			uint8_t in[PRM_SIZE(query_hca_cap_in)] = {};
			char what[64];

			PRM_SET(query_hca_cap_in, in, opcode,
				MLX5_CMD_OP_QUERY_HCA_CAP);
			PRM_SET(query_hca_cap_in, in, op_mod, c->type << 1 | mode);
			snprintf(what, sizeof(what), "QUERY_HCA_CAP %s %s",
				 c->name, mode == MLX5CTL_CAP_MAX ? "max" : "cur");
			ret = record(s, what, in, sizeof(in),
				     PRM_SIZE(mbox_out) + MLX5CTL_HCA_CAP_SIZE);
			if (ret)
				return ret;
		}
	}
	return 0;
}

static int record_device(struct snap *s)
{
	uint8_t adapter[PRM_SIZE(query_adapter_in)] = {};
	uint8_t issi[PRM_SIZE(query_issi_in)] = {};
	int ret;

	PRM_SET(query_adapter_in, adapter, opcode, MLX5_CMD_OP_QUERY_ADAPTER);
	ret = record(s, "QUERY_ADAPTER", adapter, sizeof(adapter),
		     PRM_SIZE(mbox_out) + PRM_SIZE(query_adapter_param_block));
	if (ret)
		return ret;
	PRM_SET(query_issi_in, issi, opcode, MLX5_CMD_OP_QUERY_ISSI);
	return record(s, "QUERY_ISSI", issi, sizeof(issi),
		      PRM_SIZE(query_issi_out));
}

/* ACCESS_REG read of R with DATA as the index fields, as "reg show" sends. */
static int record_reg(struct snap *s, const struct prm_reg *r,
		      const uint8_t *data, size_t len, const char *keys)
{
	size_t inlen = PRM_SIZE(access_register_in) + len;
	uint8_t *in = calloc(1, inlen);
	char what[96];
	int ret;

	if (!in)
		return ENOMEM;
	PRM_SET(access_register_in, in, opcode, MLX5_CMD_OP_ACCESS_REG);
	PRM_SET(access_register_in, in, op_mod, 1);
	PRM_SET(access_register_in, in, register_id, r->id);
	memcpy(in + PRM_SIZE(access_register_in), data, len);
	snprintf(what, sizeof(what), "ACCESS_REG %s%s", r->name, keys);
	ret = record(s, what, in, inlen, PRM_SIZE(access_register_out) + len);
	free(in);
	return ret;
}

/* Registers a read changes or drives: not queries. */
static bool reg_skipped(const struct prm_reg *r)
{
	/* RESOURCE_DUMP is recorded as the menu stream. */
	return r->id == 0xc000;
}

static int record_regs(struct snap *s)
{
	const struct prm_reg *r;
	size_t i;
	int ret = 0;

	for (i = 0; (r = prm_reg_at(i)) && !ret; i++) {
		size_t len = r->layout->bits / 8;
		const struct prm_field *port;
		uint8_t *data;

		if (!len || len % 4 || reg_skipped(r))
			continue;
		data = calloc(1, len);
		if (!data)
			return ENOMEM;
		ret = record_reg(s, r, data, len, "");
		/* Port registers: the first port too, not only port 0. */
		port = prm_field_find(r->layout, "local_port");
		if (!ret && port && (port->flags & PRM_INDEX)) {
			prm_set(data, port->off, port->bits, 1);
			ret = record_reg(s, r, data, len, " local_port 1");
		}
		free(data);
	}
	return ret;
}

static json_object *provenance(struct cli *cli)
{
	json_object *p = json_object_new_object(), *d = json_object_new_object();
	struct mlx5ctl_info info;
	char host[256] = "", when[32] = "";
	time_t now = time(NULL);
	struct tm tm;

	if (!gethostname(host, sizeof(host) - 1) && host[0])
		json_object_object_add(p, "host", json_object_new_string(host));
	if (gmtime_r(&now, &tm))
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_object_add(p, "created", json_object_new_string(when));
	json_object_object_add(p, "tool", json_object_new_string("mlx5ctl " PACKAGE_VERSION));
	if (!mlx5ctl_query_info(cli->dev, &info)) {
		json_object_object_add(d, "name", json_object_new_string(info.name));
		json_object_object_add(d, "ibdev", json_object_new_string(info.ibdev));
		json_object_object_add(d, "pci", json_object_new_string(info.pci));
		json_object_object_add(d, "netdev", json_object_new_string(info.netdev));
		json_object_object_add(d, "fwctl", json_object_new_string(info.fwctl));
		json_object_object_add(d, "fw_version",
				       json_object_new_string(info.fw_version));
		json_object_object_add(d, "vendor_id", json_object_new_int(info.vendor_id));
		json_object_object_add(d, "device_id", json_object_new_int(info.device_id));
		json_object_object_add(d, "backend",
				       json_object_new_string(mlx5ctl_backend_str(info.backend)));
		json_object_object_add(d, "scope",
				       json_object_new_string(mlx5ctl_scope_str(info.scope)));
		json_object_object_add(d, "emulated",
				       json_object_new_boolean(info.flags & MLX5CTL_INFO_EMULATED));
	}
	json_object_object_add(p, "device", d);
	return p;
}

static int write_doc(struct cli *cli, json_object *root, const char *path)
{
	const char *text = json_object_to_json_string_ext(root,
		JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		JSON_C_TO_STRING_NOSLASHESCAPE);
	char what[PATH_MAX + 32];
	struct outfile out;
	int err;

	snprintf(what, sizeof(what), "snapshot: writing %s", path);
	err = outfile_open(&out, path);
	if (err) {
		report_error(cli->devname, what, err, NULL);
		return EXIT_FAIL;
	}
	/* Errors stick to the stream: outfile_commit() sees them. */
	fputs(text, out.f);
	fputc('\n', out.f);
	err = outfile_commit(&out);
	if (err) {
		report_error(cli->devname, what, err, NULL);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int do_snapshot(struct cli *cli, int argc, char **argv)
{
	const char *path = NULL;
	json_object *root, *schema;
	struct snap s = { .cli = cli };
	uint8_t *menu = NULL;
	size_t menu_len = 0;
	int rc, ret;

	if (argc == 1 && cli_is_help(argv[0]))
		return cli_usage("snapshot", snapshot_usage, false);
	if (argc == 2 && !strcmp(argv[0], "-o")) {
		path = argv[1];
	} else {
		report_misuse("snapshot: -o FILE.json is required");
		return cli_usage("snapshot", snapshot_usage, true);
	}
	rc = outfile_check("snapshot", path);
	if (!rc)
		rc = cli_open(cli);
	if (rc)
		return rc;
	root = json_object_new_object();
	schema = json_object_new_object();
	json_object_object_add(schema, "name", json_object_new_string(SNAP_SCHEMA));
	json_object_object_add(schema, "version", json_object_new_int(SNAP_VERSION));
	json_object_object_add(root, "schema", schema);
	json_object_object_add(root, "provenance", provenance(cli));
	s.cmds = json_object_new_array();
	json_object_object_add(root, "commands", s.cmds);

	ret = record_caps(&s);
	if (!ret)
		ret = record_device(&s);
	if (!ret)
		ret = record_regs(&s);
	if (ret) {
		report_error(cli->devname, "snapshot", ret, NULL);
		json_object_put(root);
		return EXIT_FAIL;
	}
	/* A device without resource dump is still worth a snapshot. */
	if (!rscdump_menu_stream(cli, &menu, &menu_len)) {
		json_object_object_add(root, "rscdump_menu",
				       hex_string(menu, menu_len));
		free(menu);
	} else {
		report_note("no resource dump menu recorded");
	}
	rc = write_doc(cli, root, path);
	json_object_put(root);
	if (rc || !strcmp(path, "-"))
		return rc;
	print_string("file", "%s:", path);
	print_uint("answered", " %" PRIu64 " answers", s.answered);
	print_uint("refused", ", %" PRIu64 " firmware refusals recorded\n",
		   s.refused);
	return EXIT_OK;
}
