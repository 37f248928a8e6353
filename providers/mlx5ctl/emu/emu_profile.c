// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Device profiles as data: the "profile" section of a version 2 snapshot
 * document (Documentation/emulator.md, "Profiles").  The built-in
 * profiles are such documents without commands, found by name in the
 * profile directory; emu:@FILE reads the same format from any file.
 *
 * A profile may start from another ("base"): objects merge key by key,
 * null takes a key out, anything else replaces, so a variant states only
 * what differs.  Field
 * names are the PRM database's, so no offset or width is written here or
 * in a profile.  Every key is checked: a typo is an error that names it,
 * never a field silently left zero.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "emu_fw_int.h"
#include "emu_fw_dump.h"

#define EMU_DOC_SCHEMA "mlx5ctl-snapshot"
/* Version 2 added "profile" and made "commands" optional. */
#define EMU_DOC_VERSION 2
/* Bases nest this deep at most: a loop of bases ends here. */
#define EMU_MAX_BASE_DEPTH 8

/*
 * The document being read, for messages: "NOUN PATH: WHERE: WHY", WHERE
 * the key's path ("ports[1].admin_mtu").
 */
struct emu_pctx {
	const char *noun;		/* "profile" or "snapshot" */
	const char *path;		/* the file, for messages */
	char *err;
	size_t errlen;
};

static int emu_pbad(struct emu_pctx *p, const char *where, const char *why)
{
	snprintf(p->err, p->errlen, "%s %s: %s: %s", p->noun, p->path, where,
		 why);
	return EINVAL;
}

/* The same for KEY of WHERE: the path is made only for the message. */
static int emu_pbadk(struct emu_pctx *p, const char *where, const char *key,
		     const char *why)
{
	snprintf(p->err, p->errlen, "%s %s: %s.%s: %s", p->noun, p->path,
		 where, key, why);
	return EINVAL;
}

/* A number: a JSON integer, or a string in C syntax ("0x1021"). */
static int emu_jnum(json_object *v, int64_t min, int64_t max, int64_t *out)
{
	const char *s;
	char *end;

	if (json_object_is_type(v, json_type_int)) {
		errno = 0;
		*out = json_object_get_int64(v);
		if (errno)
			return -1;
	} else if (json_object_is_type(v, json_type_string)) {
		s = json_object_get_string(v);
		if (!*s || *s == '+' || *s == ' ')
			return -1;
		errno = 0;
		*out = strtoll(s, &end, 0);
		if (errno || *end)
			return -1;
	} else {
		return -1;
	}
	return *out < min || *out > max ? -1 : 0;
}

/* Scalar members of the profile's structures, by JSON key. */
enum emu_jtype { EMU_J_U8, EMU_J_U16, EMU_J_U32, EMU_J_S16, EMU_J_STR,
		 EMU_J_CHARS };

struct emu_jfield {
	const char *key;
	enum emu_jtype type;
	size_t off;
	size_t size;			/* EMU_J_CHARS: bytes with the NUL */
	bool required;
};

static const struct {
	int64_t min, max;
} emu_jrange[] = {
	[EMU_J_U8] = { 0, UINT8_MAX },
	[EMU_J_U16] = { 0, UINT16_MAX },
	[EMU_J_U32] = { 0, UINT32_MAX },
	[EMU_J_S16] = { INT16_MIN, INT16_MAX },
};

static int emu_jstore_str(const struct emu_jfield *f, json_object *v,
			  void *base)
{
	const char *s = json_object_get_string(v);
	char *dup;

	if (!json_object_is_type(v, json_type_string))
		return -1;
	if (f->type == EMU_J_CHARS) {
		if (strlen(s) >= f->size)
			return -1;
		strcpy((char *)base + f->off, s);
		return 0;
	}
	dup = strdup(s);
	if (!dup)
		return -1;
	free(*(char **)((char *)base + f->off));
	*(char **)((char *)base + f->off) = dup;
	return 0;
}

static int emu_jstore(const struct emu_jfield *f, json_object *v, void *base)
{
	uint8_t *p = (uint8_t *)base + f->off;
	int64_t n;

	if (f->type == EMU_J_STR || f->type == EMU_J_CHARS)
		return emu_jstore_str(f, v, base);
	if (emu_jnum(v, emu_jrange[f->type].min, emu_jrange[f->type].max, &n))
		return -1;
	switch (f->type) {
	case EMU_J_U8:
		*p = n;
		break;
	case EMU_J_U16:
	case EMU_J_S16:
		*(uint16_t *)p = n;
		break;
	default:
		*(uint32_t *)p = n;
	}
	return 0;
}

/* What a value of each type must be, for messages. */
static const char *const emu_jtype_what[] = {
	[EMU_J_U8] = "not a number from 0 to 255",
	[EMU_J_U16] = "not a number from 0 to 65535",
	[EMU_J_U32] = "not a number from 0 to 4294967295",
	[EMU_J_S16] = "not a number from -32768 to 32767",
	[EMU_J_STR] = "not a string",
	[EMU_J_CHARS] = "not a string short enough",
};

static const struct emu_jfield *emu_jfield_find(const struct emu_jfield *t,
						size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(t[i].key, key))
			return &t[i];
	return NULL;
}

/* OBJ's keys into BASE through table T; WHERE names OBJ in messages. */
static int emu_jfields(struct emu_pctx *p, json_object *obj, const char *where,
		       const struct emu_jfield *t, size_t n, void *base)
{
	size_t i;

	if (!json_object_is_type(obj, json_type_object))
		return emu_pbad(p, where, "not an object");
	json_object_object_foreach(obj, key, v) {
		const struct emu_jfield *f = emu_jfield_find(t, n, key);

		if (!f)
			return emu_pbadk(p, where, key, "unknown key");
		if (emu_jstore(f, v, base))
			return emu_pbadk(p, where, key, emu_jtype_what[f->type]);
	}
	for (i = 0; i < n; i++)
		if (t[i].required && !json_object_object_get_ex(obj, t[i].key, NULL))
			return emu_pbadk(p, where, t[i].key, "missing");
	return 0;
}

#define JF(s, k, t, req) { #k, EMU_J_##t, offsetof(s, k), \
			   sizeof(((s *)0)->k), req }

static const struct emu_jfield emu_jidentity[] = {
	JF(struct emu_identity, profile, CHARS, false),
	JF(struct emu_identity, ibdev, CHARS, true),
	JF(struct emu_identity, pci, CHARS, true),
	JF(struct emu_identity, netdev, CHARS, false),
	JF(struct emu_identity, fwctl, CHARS, true),
	JF(struct emu_identity, uverbs, CHARS, true),
	JF(struct emu_identity, fw_version, CHARS, true),
	JF(struct emu_identity, vendor_id, U16, true),
	JF(struct emu_identity, device_id, U16, true),
};

static const struct emu_jfield emu_jprofile[] = {
	JF(struct emu_profile, psid, STR, true),
	JF(struct emu_profile, ieee_vendor_id, U32, true),
	JF(struct emu_profile, hw_rev, U16, true),
	JF(struct emu_profile, hw_dev_id, U16, true),
};

static const struct emu_jfield emu_jsensor[] = {
	JF(struct emu_sensor, index, U16, true),
	JF(struct emu_sensor, name, CHARS, true),
	JF(struct emu_sensor, temp, S16, true),
	JF(struct emu_sensor, max_temp, S16, true),
	JF(struct emu_sensor, threshold_hi, S16, true),
	JF(struct emu_sensor, threshold_lo, S16, true),
	JF(struct emu_sensor, voltage, U16, false),
	JF(struct emu_sensor, current, U16, false),
};

static const struct emu_jfield emu_jport[] = {
	JF(struct emu_port, local_port, U8, true),
	JF(struct emu_port, proto, U8, true),
	JF(struct emu_port, eth_proto_cap, U32, false),
	JF(struct emu_port, eth_proto_admin, U32, false),
	JF(struct emu_port, ext_eth_proto_cap, U32, false),
	JF(struct emu_port, ext_eth_proto_admin, U32, false),
	JF(struct emu_port, ib_proto_cap, U16, false),
	JF(struct emu_port, ib_proto_admin, U16, false),
	JF(struct emu_port, ib_link_width_cap, U16, false),
	JF(struct emu_port, ib_link_width_admin, U16, false),
	JF(struct emu_port, connector_type, U8, true),
	JF(struct emu_port, max_mtu, U16, true),
	JF(struct emu_port, admin_mtu, U16, true),
	JF(struct emu_port, admin_status, U8, true),
};

static const struct emu_jfield emu_jmodule[] = {
	JF(struct emu_module, identifier, U8, true),
	JF(struct emu_module, cmis_revision, U8, true),
	JF(struct emu_module, cable_type, U8, true),
	JF(struct emu_module, cable_identifier, U8, true),
	JF(struct emu_module, cable_length, U8, true),
	JF(struct emu_module, vendor, STR, true),
	JF(struct emu_module, part_number, STR, true),
	JF(struct emu_module, serial, STR, true),
	JF(struct emu_module, revision, STR, true),
	JF(struct emu_module, date_code, STR, true),
	JF(struct emu_module, temp, S16, true),
	JF(struct emu_module, temp_warn, S16, true),
	JF(struct emu_module, temp_crit, S16, true),
	JF(struct emu_module, voltage, U16, true),
};

/* An array of N numbers in [0, MAX] into OUT (entries of SIZE bytes). */
static int emu_jnums(struct emu_pctx *p, json_object *a, const char *where,
		     int64_t max, void *out, size_t size, size_t n)
{
	char at[128];
	size_t i;
	int64_t v;

	if (!json_object_is_type(a, json_type_array) ||
	    json_object_array_length(a) != n) {
		snprintf(at, sizeof(at), "not an array of %zu numbers", n);
		return emu_pbad(p, where, at);
	}
	for (i = 0; i < n; i++) {
		if (emu_jnum(json_object_array_get_idx(a, i), 0, max, &v)) {
			snprintf(at, sizeof(at), "%s[%zu]", where, i);
			return emu_pbad(p, at, "not a number in range");
		}
		if (size == 1)
			((uint8_t *)out)[i] = v;
		else
			((uint16_t *)out)[i] = v;
	}
	return 0;
}

/* The module's lane monitors: arrays of EMU_MODULE_LANES numbers. */
static int emu_jmodule_lanes(struct emu_pctx *p, json_object *obj,
			     struct emu_module *m)
{
	static const struct {
		const char *key;
		size_t off;
	} lanes[] = {
		{ "tx_bias", offsetof(struct emu_module, tx_bias) },
		{ "tx_power", offsetof(struct emu_module, tx_power) },
		{ "rx_power", offsetof(struct emu_module, rx_power) },
	};
	char at[64];
	json_object *v;
	size_t i;

	for (i = 0; i < EMU_ARRAY_SIZE(lanes); i++) {
		snprintf(at, sizeof(at), "module.%s", lanes[i].key);
		if (!json_object_object_get_ex(obj, lanes[i].key, &v))
			return emu_pbad(p, at, "missing");
		if (emu_jnums(p, v, at, UINT16_MAX, (char *)m + lanes[i].off,
			      2, EMU_MODULE_LANES))
			return EINVAL;
		json_object_object_del(obj, lanes[i].key);
	}
	return 0;
}

static int emu_jmodule_load(struct emu_pctx *p, json_object *v,
			    struct emu_profile *prof)
{
	struct emu_module *m;
	json_object *copy = NULL;
	int ret;

	if (json_object_is_type(v, json_type_null))
		return 0;
	m = calloc(1, sizeof(*m));
	if (!m)
		return ENOMEM;
	prof->module = m;
	/* The lanes are taken off a copy; the scalars remain for the table. */
	ret = json_object_deep_copy(v, &copy, NULL) ? ENOMEM : 0;
	if (!ret && !json_object_is_type(copy, json_type_object))
		ret = emu_pbad(p, "module", "not an object or null");
	if (!ret)
		ret = emu_jmodule_lanes(p, copy, m);
	if (!ret)
		ret = emu_jfields(p, copy, "module", emu_jmodule,
				  EMU_ARRAY_SIZE(emu_jmodule), m);
	json_object_put(copy);
	return ret;
}

/* An array of objects through table T into a new array of SIZE entries. */
static int emu_jarray(struct emu_pctx *p, json_object *a, const char *where,
		      const struct emu_jfield *t, size_t nt, size_t size,
		      size_t max, void **out, size_t *n)
{
	char at[64];
	size_t i, len;

	if (!json_object_is_type(a, json_type_array))
		return emu_pbad(p, where, "not an array");
	len = json_object_array_length(a);
	if (len > max) {
		snprintf(at, sizeof(at), "more than %zu entries", max);
		return emu_pbad(p, where, at);
	}
	*out = calloc(len ? len : 1, size);
	if (!*out)
		return ENOMEM;
	*n = len;
	for (i = 0; i < len; i++) {
		snprintf(at, sizeof(at), "%s[%zu]", where, i);
		if (emu_jfields(p, json_object_array_get_idx(a, i), at, t, nt,
				(char *)*out + i * size))
			return EINVAL;
	}
	return 0;
}

/* "registers": names of the emulator's register table. */
static int emu_jregs(struct emu_pctx *p, json_object *a,
		     struct emu_profile *prof)
{
	uint16_t *regs;
	char at[64];
	size_t i, n;

	if (!json_object_is_type(a, json_type_array))
		return emu_pbad(p, "registers", "not an array");
	n = json_object_array_length(a);
	regs = calloc(n ? n : 1, sizeof(*regs));
	if (!regs)
		return ENOMEM;
	prof->regs = regs;
	prof->nregs = n;
	for (i = 0; i < n; i++) {
		json_object *v = json_object_array_get_idx(a, i);
		const struct emu_reg *r = emu_reg_by_name(
			json_object_is_type(v, json_type_string) ?
			json_object_get_string(v) : "");

		snprintf(at, sizeof(at), "registers[%zu]", i);
		if (!r)
			return emu_pbad(p, at, "not a register the emulator serves");
		regs[i] = r->id;
	}
	return 0;
}

/* One context field: a number, or a name of the field's enum. */
static int emu_jctx_val(const struct prm_field *f, json_object *v,
			uint64_t bits, uint64_t *val)
{
	int64_t lim = bits >= 63 ? INT64_MAX : (int64_t)((1ull << bits) - 1);
	int64_t n;

	if (!emu_jnum(v, 0, lim, &n)) {
		*val = n;
		return 0;
	}
	return json_object_is_type(v, json_type_string) &&
	       !prm_enum_value(f, json_object_get_string(v), val) ? 0 : -1;
}

/* {"FIELD": VALUE, ...} of LAYOUT into a new array of values. */
static int emu_jctx(struct emu_pctx *p, const char *where,
		    const struct prm_struct *layout, json_object *obj,
		    struct emu_object *o)
{
	struct emu_cap_val *ctx;
	char why[256];

	if (!json_object_is_type(obj, json_type_object))
		return emu_pbad(p, where, "not an object of context fields");
	ctx = calloc(json_object_object_length(obj) + 1, sizeof(*ctx));
	if (!ctx)
		return ENOMEM;
	o->ctx = ctx;
	json_object_object_foreach(obj, field, v) {
		const struct prm_field *f;
		uint64_t off, bits;

		if (prm_locate(layout, field, &f, &off, &bits, why, sizeof(why)))
			return emu_pbadk(p, where, field, why);
		if (bits > 64 || emu_jctx_val(f, v, bits, &ctx[o->nctx].cur))
			return emu_pbadk(p, where, field, "not a value of the field");
		ctx[o->nctx].off = off;
		ctx[o->nctx++].bits = bits;
	}
	return 0;
}

/*
 * "objects": {"EQ": {"0x7": {CONTEXT}, ...}, ...}: the live objects of
 * each QUERY_<TYPE>, their contexts named in query_<type>_out.
 */
static int emu_jobjects_of(struct emu_pctx *p, const char *type,
			   json_object *objs, struct emu_object *o, size_t *n)
{
	const struct prm_struct *layout;
	char at[96], name[48];
	size_t i;
	int op;

	snprintf(at, sizeof(at), "objects.%s", type);
	/* Room for "_out" after it: no command has a longer name. */
	if (snprintf(name, sizeof(name), "QUERY_%s", type) >=
	    (int)(sizeof(name) - sizeof("_out")))
		return emu_pbad(p, at, "no QUERY command of that name");
	op = prm_opcode_by_name(name, false);
	for (i = 0; name[i]; i++)
		name[i] = name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i];
	strcat(name, "_out");
	layout = prm_struct_find(name);
	if (op < 0 || !layout)
		return emu_pbad(p, at, "no QUERY command of that name");
	if (!json_object_is_type(objs, json_type_object))
		return emu_pbad(p, at, "not an object of numbers");
	json_object_object_foreach(objs, num, ctx) {
		json_object *k = json_object_new_string(num);
		int64_t v;
		int bad = !k || emu_jnum(k, 0, 0xffffff, &v);

		json_object_put(k);
		snprintf(at, sizeof(at), "objects.%s.%s", type, num);
		if (bad)
			return emu_pbad(p, at, "not an object number");
		o[*n].opcode = op;
		o[*n].num = v;
		if (emu_jctx(p, at, layout, ctx, &o[(*n)++]))
			return EINVAL;
	}
	return 0;
}

static int emu_jobjects(struct emu_pctx *p, json_object *obj,
			struct emu_profile *prof)
{
	struct emu_object *o;
	size_t total = 0;

	if (!json_object_is_type(obj, json_type_object))
		return emu_pbad(p, "objects", "not an object");
	json_object_object_foreach(obj, k1, a1) {
		(void)k1;
		if (json_object_is_type(a1, json_type_object))
			total += json_object_object_length(a1);
	}
	o = calloc(total ? total : 1, sizeof(*o));
	if (!o)
		return ENOMEM;
	prof->objects = o;
	json_object_object_foreach(obj, type, objs) {
		if (emu_jobjects_of(p, type, objs, o, &prof->nobjects))
			return EINVAL;
	}
	return 0;
}

static int emu_jq_counters(struct emu_pctx *p, json_object *a,
			   struct emu_profile *prof)
{
	uint8_t *q;
	size_t n = json_object_is_type(a, json_type_array) ?
			   json_object_array_length(a) : 0;

	q = calloc(n ? n : 1, 1);
	if (!q)
		return ENOMEM;
	prof->q_counters = q;
	prof->nq_counters = n;
	return emu_jnums(p, a, "q_counters", UINT8_MAX, q, 1, n);
}

/* Counters: {"FIELD": {"base": N, "step": N, "kind": K}, ...} per set. */

static const char *const emu_cnt_kinds[] = {
	[EMU_CNT_TRAFFIC] = "traffic",
	[EMU_CNT_ERROR] = "error",
	[EMU_CNT_ALWAYS] = "always",
};

static int emu_jcnt_kind(json_object *v, enum emu_cnt_kind *kind)
{
	const char *s = json_object_get_string(v);
	size_t i;

	for (i = 0; json_object_is_type(v, json_type_string) &&
		    i < EMU_ARRAY_SIZE(emu_cnt_kinds); i++) {
		if (!strcmp(s, emu_cnt_kinds[i])) {
			*kind = i;
			return 0;
		}
	}
	return -1;
}

/* Where FIELD is in LAYOUT: itself, or the _high/_low pair of its stem. */
static int emu_jcnt_field(const struct prm_struct *layout, const char *field,
			  struct emu_cnt *c, char *why, size_t whylen)
{
	const struct prm_field *f;
	uint64_t off, bits;
	char high[96];

	snprintf(high, sizeof(high), "%s_high", field);
	if (!prm_locate(layout, high, &f, &off, &bits, why, whylen) &&
	    bits == 32) {
		c->off = off;
		c->bits = 64;
		return 0;
	}
	if (prm_locate(layout, field, &f, &off, &bits, why, whylen))
		return -1;
	if (bits > 64 || (bits == 64 && off % 32)) {
		snprintf(why, whylen, "not a counter field");
		return -1;
	}
	c->off = off;
	c->bits = bits;
	return 0;
}

static int emu_jcnt(struct emu_pctx *p, const char *where, const char *field,
		    json_object *v, struct emu_cnt *c)
{
	int64_t n;

	if (!json_object_is_type(v, json_type_object))
		return emu_pbadk(p, where, field, "not an object of base, step and kind");
	json_object_object_foreach(v, key, val) {
		if (!strcmp(key, "kind") && !emu_jcnt_kind(val, &c->kind))
			continue;
		if ((!strcmp(key, "base") || !strcmp(key, "step")) &&
		    !emu_jnum(val, 0, INT64_MAX, &n)) {
			*(key[0] == 'b' ? &c->base : &c->rate) = n;
			continue;
		}
		return emu_pbadk(p, where, field, "keys are base and step (numbers) and kind (traffic, error or always)");
	}
	return 0;
}

/* OBJ's counters, laid out as LAYOUT, into SET. */
static int emu_jcnt_set(struct emu_pctx *p, const char *where,
			const struct prm_struct *layout, json_object *obj,
			struct emu_cnt_set *set)
{
	struct emu_cnt *cnt;
	char why[256];

	if (!json_object_is_type(obj, json_type_object))
		return emu_pbad(p, where, "not an object");
	cnt = calloc(json_object_object_length(obj) + 1, sizeof(*cnt));
	if (!cnt)
		return ENOMEM;
	set->cnt = cnt;
	json_object_object_foreach(obj, field, v) {
		if (emu_jcnt_field(layout, field, &cnt[set->ncnt], why,
				   sizeof(why)))
			return emu_pbadk(p, where, field, why);
		if (emu_jcnt(p, where, field, v, &cnt[set->ncnt]))
			return EINVAL;
		set->ncnt++;
	}
	return 0;
}

/* The layout of group GRP of REG's counter_set (a PRM_CHOICE). */
static const struct prm_struct *emu_jgroup_layout(const char *reg,
						  uint64_t grp)
{
	const struct prm_alt *a;
	size_t i;

	for (i = 0; (a = prm_alt_at(i)); i++)
		if (!strcmp(a->s->name, reg) &&
		    !strcmp(a->field, "counter_set") && a->value == grp)
			return a->layout;
	return NULL;
}

/* {"0x12": {...}, ...}: the groups of REG, at most MAX. */
static int emu_jgroups(struct emu_pctx *p, const char *where, const char *reg,
		       json_object *obj, struct emu_cnt_set *sets, size_t max,
		       size_t *n)
{
	const struct prm_struct *layout;
	char at[96];
	char *end;
	unsigned long grp;

	if (!json_object_is_type(obj, json_type_object))
		return emu_pbad(p, where, "not an object");
	json_object_object_foreach(obj, key, v) {
		snprintf(at, sizeof(at), "%s.%s", where, key);
		grp = strtoul(key, &end, 0);
		layout = *end ? NULL : emu_jgroup_layout(reg, grp);
		if (!layout)
			return emu_pbad(p, at, "not a counter group of the PRM database");
		if (*n >= max)
			return emu_pbad(p, at, "more groups than a port keeps");
		sets[*n].id = grp;
		if (emu_jcnt_set(p, at, layout, v, &sets[(*n)++]))
			return EINVAL;
	}
	return 0;
}

static int emu_jppcnt(struct emu_pctx *p, json_object *v,
		      struct emu_profile *prof)
{
	struct emu_cnt_set *sets = calloc(EMU_PPCNT_GROUPS, sizeof(*sets));

	if (!sets)
		return ENOMEM;
	prof->ppcnt = sets;
	return emu_jgroups(p, "counters.ppcnt", "ppcnt_reg", v, sets,
			   EMU_PPCNT_GROUPS, &prof->nppcnt);
}

static int emu_jmpcnt(struct emu_pctx *p, json_object *v,
		      struct emu_profile *prof)
{
	size_t n = 0;

	return emu_jgroups(p, "counters.mpcnt", "mpcnt_reg", v, &prof->mpcnt,
			   1, &n);
}

static int emu_jvport(struct emu_pctx *p, json_object *v,
		      struct emu_profile *prof)
{
	return emu_jcnt_set(p, "counters.vport",
			    prm_struct_find("query_vport_counter_out"), v,
			    &prof->vport_cnt);
}

static int emu_jqcnt(struct emu_pctx *p, json_object *v,
		     struct emu_profile *prof)
{
	return emu_jcnt_set(p, "counters.q", prm_struct_find("query_q_counter_out"),
			    v, &prof->q_cnt);
}

static const struct {
	const char *key;
	int (*load)(struct emu_pctx *p, json_object *v,
		    struct emu_profile *prof);
} emu_jcounter_sets[] = {
	{ "ppcnt", emu_jppcnt },
	{ "mpcnt", emu_jmpcnt },
	{ "vport", emu_jvport },
	{ "q", emu_jqcnt },
};

static int emu_jcounters(struct emu_pctx *p, json_object *obj,
			 struct emu_profile *prof)
{
	char at[64];
	size_t i;

	if (!json_object_is_type(obj, json_type_object))
		return emu_pbad(p, "counters", "not an object");
	json_object_object_foreach(obj, key, v) {
		for (i = 0; i < EMU_ARRAY_SIZE(emu_jcounter_sets); i++)
			if (!strcmp(key, emu_jcounter_sets[i].key))
				break;
		snprintf(at, sizeof(at), "counters.%s", key);
		if (i == EMU_ARRAY_SIZE(emu_jcounter_sets))
			return emu_pbad(p, at, "unknown key (ppcnt, mpcnt, vport, q)");
		if (emu_jcounter_sets[i].load(p, v, prof))
			return EINVAL;
	}
	return 0;
}

/* One capability value: V, or [MAX, CURRENT]. */
static int emu_jcap_val(json_object *v, uint64_t bits, struct emu_cap_val *cv)
{
	int64_t lim = bits >= 63 ? INT64_MAX : (int64_t)((1ull << bits) - 1);
	int64_t m, c;

	if (json_object_is_type(v, json_type_array)) {
		if (json_object_array_length(v) != 2 ||
		    emu_jnum(json_object_array_get_idx(v, 0), 0, lim, &m) ||
		    emu_jnum(json_object_array_get_idx(v, 1), 0, lim, &c))
			return -1;
	} else if (emu_jnum(v, 0, lim, &m)) {
		return -1;
	} else {
		c = m;
	}
	cv->max = m;
	cv->cur = c;
	return 0;
}

static int emu_jcap_page(struct emu_pctx *p, const char *name, json_object *obj,
			 struct emu_cap_page *page)
{
	const struct prm_cap *cap = prm_cap_find(name);
	struct emu_cap_val *vals;
	char at[160], why[256];
	size_t n = 0;

	snprintf(at, sizeof(at), "caps.%s", name);
	if (!cap)
		return emu_pbad(p, at, "not a capability page of the PRM database");
	if (!json_object_is_type(obj, json_type_object))
		return emu_pbad(p, at, "not an object");
	vals = calloc(json_object_object_length(obj) + 1, sizeof(*vals));
	if (!vals)
		return ENOMEM;
	page->type = cap->type;
	page->vals = vals;
	json_object_object_foreach(obj, field, v) {
		const struct prm_field *f;
		uint64_t off, bits;

		if (prm_locate(cap->layout, field, &f, &off, &bits, why,
			       sizeof(why)))
			return emu_pbadk(p, at, field, why);
		/* One value a field: an array's elements are named alone. */
		if (bits > 64 || (bits == 64 && off % 32))
			return emu_pbadk(p, at, field, "not a field of 64 bits or fewer (name an array's element: FIELD[0])");
		if (emu_jcap_val(v, bits, &vals[n]))
			return emu_pbadk(p, at, field, "not a value, or [max, current], that fits the field");
		vals[n].off = off;
		vals[n++].bits = bits;
		page->nvals = n;
	}
	return 0;
}

static int emu_jcaps(struct emu_pctx *p, json_object *obj,
		     struct emu_profile *prof)
{
	struct emu_cap_page *pages;

	if (!json_object_is_type(obj, json_type_object))
		return emu_pbad(p, "caps", "not an object");
	pages = calloc(json_object_object_length(obj) + 1, sizeof(*pages));
	if (!pages)
		return ENOMEM;
	prof->caps = pages;
	json_object_object_foreach(obj, name, page) {
		/* Counted first: emu_profile_free frees what a failure left. */
		if (emu_jcap_page(p, name, page, &pages[prof->ncaps++]))
			return EINVAL;
	}
	return 0;
}

static int emu_jsensors(struct emu_pctx *p, json_object *a,
			struct emu_profile *prof)
{
	void *out = NULL;

	if (emu_jarray(p, a, "sensors", emu_jsensor,
		       EMU_ARRAY_SIZE(emu_jsensor), sizeof(struct emu_sensor),
		       EMU_MAX_SENSORS, &out, &prof->nsensors)) {
		prof->sensors = out;
		return EINVAL;
	}
	prof->sensors = out;
	return 0;
}

static int emu_jports(struct emu_pctx *p, json_object *a,
		      struct emu_profile *prof)
{
	void *out = NULL;
	int ret;

	ret = emu_jarray(p, a, "ports", emu_jport, EMU_ARRAY_SIZE(emu_jport),
			 sizeof(struct emu_port), EMU_MAX_PORTS, &out,
			 &prof->nports);
	prof->ports = out;
	if (!ret && !prof->nports)
		ret = emu_pbad(p, "ports", "a device has at least one port");
	return ret;
}

/* The current value of general capability F, 0 when not reported. */
static uint64_t emu_jgeneral(const struct emu_profile *prof, uint32_t off)
{
	size_t i, j;

	for (i = 0; i < prof->ncaps; i++) {
		if (prof->caps[i].type != PRM_CAP_general)
			continue;
		for (j = 0; j < prof->caps[i].nvals; j++)
			if (prof->caps[i].vals[j].off == off)
				return prof->caps[i].vals[j].cur;
	}
	return 0;
}

/* What CREATE_UCTX accepts is what the general page announces. */
static int emu_juctx(struct emu_pctx *p, struct emu_profile *prof)
{
	uint64_t log = emu_jgeneral(prof, PRM_OFF(cmd_hca_cap, log_max_uctx));

	if (log > 15)
		return emu_pbad(p, "caps.general.log_max_uctx", "above 15: more contexts than uids");
	prof->uctx_caps = emu_jgeneral(prof, PRM_OFF(cmd_hca_cap, uctx_cap));
	prof->max_uctx = log ? 1u << log : 0;
	return 0;
}

/*
 * "fw_version": "28.39.1002" also gives MGIR's three numbers; "pci" the
 * bus MPIR reports.
 */
static int emu_jfw_version(struct emu_pctx *p, struct emu_profile *prof)
{
	unsigned int dom, bus, dev, fn;
	char tail;

	if (sscanf(prof->id.fw_version, "%u.%u.%u%c", &prof->fw_major,
		   &prof->fw_minor, &prof->fw_sub_minor, &tail) != 3)
		return emu_pbad(p, "device.fw_version", "not MAJOR.MINOR.SUBMINOR");
	if (sscanf(prof->id.pci, "%4x:%2x:%2x.%1x%c", &dom, &bus, &dev, &fn,
		   &tail) != 4)
		return emu_pbad(p, "device.pci", "not DOMAIN:BUS:DEVICE.FUNCTION");
	return 0;
}

/* The sections of "profile" with their loaders; a port may lack a module. */
static const struct {
	const char *key;
	int (*load)(struct emu_pctx *p, json_object *v,
		    struct emu_profile *prof);
	bool required;
} emu_jsections[] = {
	{ "caps", emu_jcaps, true },
	{ "sensors", emu_jsensors, true },
	{ "ports", emu_jports, true },
	{ "registers", emu_jregs, true },
	{ "module", emu_jmodule_load, false },
	{ "objects", emu_jobjects, true },
	{ "q_counters", emu_jq_counters, true },
	{ "counters", emu_jcounters, true },
};

static int emu_jsection(struct emu_pctx *p, const char *key, json_object *v,
			struct emu_profile *prof, bool *handled)
{
	size_t i;

	*handled = true;
	for (i = 0; i < EMU_ARRAY_SIZE(emu_jsections); i++)
		if (!strcmp(emu_jsections[i].key, key))
			return emu_jsections[i].load(p, v, prof);
	if (!strcmp(key, "device"))
		return emu_jfields(p, v, "device", emu_jidentity,
				   EMU_ARRAY_SIZE(emu_jidentity), &prof->id);
	*handled = false;
	return 0;
}

static int emu_jprofile_check(struct emu_pctx *p, json_object *obj)
{
	size_t i;

	if (!json_object_object_get_ex(obj, "device", NULL))
		return emu_pbad(p, "profile.device", "missing");
	for (i = 0; i < EMU_ARRAY_SIZE(emu_jsections); i++)
		if (emu_jsections[i].required &&
		    !json_object_object_get_ex(obj, emu_jsections[i].key, NULL))
			return emu_pbad(p, "profile", "missing a section (device, caps, sensors, ports, registers, objects, q_counters, counters)");
	return 0;
}

/* OBJ, the merged "profile" section, into PROF. */
static int emu_jprofile_load(struct emu_pctx *p, json_object *obj,
			     struct emu_profile *prof)
{
	json_object *rest;
	bool handled;
	int ret;

	if (emu_jprofile_check(p, obj))
		return EINVAL;
	/* The scalars go through a table; the sections are taken off. */
	rest = json_object_new_object();
	if (!rest)
		return ENOMEM;
	ret = 0;
	json_object_object_foreach(obj, key, v) {
		ret = emu_jsection(p, key, v, prof, &handled);
		if (ret)
			break;
		if (!handled && strcmp(key, "base"))
			json_object_object_add(rest, key, json_object_get(v));
	}
	if (!ret)
		ret = emu_jfields(p, rest, "profile", emu_jprofile,
				  EMU_ARRAY_SIZE(emu_jprofile), prof);
	json_object_put(rest);
	if (!ret)
		ret = emu_jfw_version(p, prof);
	if (!ret)
		ret = emu_juctx(p, prof);
	return ret;
}

void emu_profile_free(struct emu_profile *prof)
{
	size_t i;

	if (!prof)
		return;
	for (i = 0; i < prof->ncaps; i++)
		free((void *)prof->caps[i].vals);
	free((void *)prof->caps);
	free((void *)prof->sensors);
	free((void *)prof->ports);
	free((void *)prof->regs);
	if (prof->module) {
		free((void *)prof->module->vendor);
		free((void *)prof->module->part_number);
		free((void *)prof->module->serial);
		free((void *)prof->module->revision);
		free((void *)prof->module->date_code);
		free((void *)prof->module);
	}
	for (i = 0; i < prof->nobjects; i++)
		free((void *)prof->objects[i].ctx);
	for (i = 0; i < prof->nppcnt; i++)
		free((void *)prof->ppcnt[i].cnt);
	free((void *)prof->ppcnt);
	free((void *)prof->mpcnt.cnt);
	free((void *)prof->vport_cnt.cnt);
	free((void *)prof->q_cnt.cnt);
	free((void *)prof->objects);
	free((void *)prof->q_counters);
	free((void *)prof->psid);
	free(prof);
}

/* Document handling: schema, bases, the profile directory. */

/* Built-in profiles, in the order emu_profile_name() lists them. */
static const char *const emu_builtin[] = { EMU_PROFILE_NAMES };

size_t emu_profile_count(void)
{
	return EMU_ARRAY_SIZE(emu_builtin);
}

const char *emu_profile_name(size_t i)
{
	return i < EMU_ARRAY_SIZE(emu_builtin) ? emu_builtin[i] : NULL;
}

static int emu_builtin_index(const char *name)
{
	size_t i;

	for (i = 0; i < EMU_ARRAY_SIZE(emu_builtin); i++)
		if (!strcmp(emu_builtin[i], name))
			return i;
	return -1;
}

/*
 * The directory of the built-in profiles: $MLX5CTL_EMU_PROFILES, else
 * the installed one, else the source tree's (a build that is not
 * installed).
 */
static const char *emu_profile_dir(void)
{
	const char *env = getenv("MLX5CTL_EMU_PROFILES");
	FILE *f;

	if (env && *env)
		return env;
	f = fopen(EMU_PROFILE_DIR "/connectx7.json", "r");
	if (f) {
		fclose(f);
		return EMU_PROFILE_DIR;
	}
	return EMU_PROFILE_SRC_DIR;
}

/* Version 1 snapshots have no profile; version 2 documents may. */
static int emu_doc_check(struct emu_pctx *p, json_object *root, int *version)
{
	json_object *s, *v;
	const char *name;

	*version = 0;
	if (json_object_is_type(root, json_type_object) &&
	    json_object_object_get_ex(root, "schema", &s) &&
	    json_object_object_get_ex(s, "name", &v) &&
	    (name = json_object_get_string(v)) &&
	    !strcmp(name, EMU_DOC_SCHEMA) &&
	    json_object_object_get_ex(s, "version", &v) &&
	    json_object_is_type(v, json_type_int))
		*version = json_object_get_int(v);
	if (*version < 1 || *version > EMU_DOC_VERSION)
		return emu_pbad(p, "schema", "not a version 1 or 2 mlx5ctl snapshot");
	return 0;
}

static json_object *emu_doc_load(struct emu_pctx *p, const char *file)
{
	json_object *root;
	char *text = NULL;
	size_t len = 0;
	int ret;

	/* errno tells a missing file (ENOENT) from a bad one (EINVAL). */
	ret = emu_doc_read(p->noun, file, &text, &len, p->err, p->errlen);
	if (ret) {
		errno = ret;
		return NULL;
	}
	root = emu_doc_parse(p->noun, file, text, len, p->err, p->errlen);
	free(text);
	errno = EINVAL;
	return root;
}

/*
 * DST gets SRC's keys: objects merge, null deletes, everything else
 * replaces.
 */
static int emu_jmerge(json_object *dst, json_object *src)
{
	json_object_object_foreach(src, key, v) {
		json_object *d = NULL, *copy = NULL;

		/* null takes out what the base has: a page, a port field. */
		if (!v) {
			json_object_object_del(dst, key);
			continue;
		}
		if (json_object_object_get_ex(dst, key, &d) &&
		    json_object_is_type(d, json_type_object) &&
		    json_object_is_type(v, json_type_object)) {
			if (emu_jmerge(d, v))
				return -1;
			continue;
		}
		if (json_object_deep_copy(v, &copy, NULL) ||
		    json_object_object_add(dst, key, copy)) {
			json_object_put(copy);
			return -1;
		}
	}
	return 0;
}

static json_object *emu_jresolve(struct emu_pctx *p, json_object *prof,
				 int depth);

/* The "profile" section of built-in profile NAME, its bases merged. */
static json_object *emu_jbuiltin(struct emu_pctx *p, const char *name,
				 int depth)
{
	struct emu_pctx bp = { "profile", NULL, p->err, p->errlen };
	json_object *root, *prof, *out = NULL;
	char file[PATH_MAX];
	int version;

	if (emu_builtin_index(name) < 0 || depth >= EMU_MAX_BASE_DEPTH) {
		emu_pbad(p, "profile.base", "not a built-in profile, or bases nested too deep");
		return NULL;
	}
	snprintf(file, sizeof(file), "%s/%s.json", emu_profile_dir(), name);
	bp.path = file;
	root = emu_doc_load(&bp, file);
	if (!root)
		return NULL;
	if (emu_doc_check(&bp, root, &version))
		out = NULL;
	else if (json_object_object_get_ex(root, "profile", &prof))
		out = emu_jresolve(&bp, prof, depth + 1);
	else
		emu_pbad(&bp, "profile", "missing");
	json_object_put(root);
	return out;
}

/* PROF with its base (if any) under it: a new object. */
static json_object *emu_jresolve(struct emu_pctx *p, json_object *prof,
				 int depth)
{
	json_object *v, *out;

	if (!json_object_is_type(prof, json_type_object)) {
		emu_pbad(p, "profile", "not an object");
		return NULL;
	}
	/* Without a base the profile is itself: no copy to make. */
	if (!json_object_object_get_ex(prof, "base", &v))
		return json_object_get(prof);
	if (!json_object_is_type(v, json_type_string)) {
		emu_pbad(p, "profile.base", "not a profile name");
		return NULL;
	}
	out = emu_jbuiltin(p, json_object_get_string(v), depth);
	if (out && emu_jmerge(out, prof)) {
		json_object_put(out);
		out = NULL;
		snprintf(p->err, p->errlen, "profile %s: out of memory", p->path);
	}
	return out;
}

/* The document ROOT (read from P->path) as a profile. */
static struct emu_profile *emu_profile_from(struct emu_pctx *p,
					    json_object *root,
					    const char *deflt)
{
	json_object *sec = NULL, *merged = NULL;
	struct emu_profile *prof;
	int version;

	if (emu_doc_check(p, root, &version))
		return NULL;
	/* A snapshot without a profile: the default holds the state. */
	if (!json_object_object_get_ex(root, "profile", &sec))
		merged = emu_jbuiltin(p, deflt, 0);
	else if (version < 2)
		emu_pbad(p, "profile", "needs schema version 2");
	else
		merged = emu_jresolve(p, sec, 0);
	if (!merged)
		return NULL;
	prof = calloc(1, sizeof(*prof));
	if (prof && emu_jprofile_load(p, merged, prof)) {
		emu_profile_free(prof);
		prof = NULL;
	} else if (!prof) {
		snprintf(p->err, p->errlen, "profile %s: out of memory", p->path);
	}
	json_object_put(merged);
	return prof;
}

struct emu_profile *emu_profile_load_file(const char *path, char *err,
					  size_t errlen)
{
	struct emu_pctx p = { "snapshot", path, err, errlen };
	struct emu_profile *prof;
	json_object *root;
	char none[1];

	/* Callers that want no message still get the checks. */
	if (!err || !errlen) {
		err = none;
		errlen = sizeof(none);
	}
	err[0] = 0;
	root = emu_doc_load(&p, path);
	if (!root)
		return NULL;
	prof = emu_profile_from(&p, root, "connectx7");
	json_object_put(root);
	if (!prof)
		errno = EINVAL;
	return prof;
}

/* Built-in profiles, loaded at first use and kept. */
static pthread_mutex_t emu_builtin_lock = PTHREAD_MUTEX_INITIALIZER;
static struct emu_profile *emu_builtin_prof[EMU_ARRAY_SIZE(emu_builtin)];

static struct emu_profile *emu_builtin_load(const char *name, char *err,
					    size_t errlen)
{
	struct emu_pctx p = { "profile", name, err, errlen };
	struct emu_profile *prof;
	json_object *root;
	char file[PATH_MAX];

	snprintf(file, sizeof(file), "%s/%s.json", emu_profile_dir(), name);
	p.path = file;
	root = emu_doc_load(&p, file);
	if (!root)
		return NULL;
	prof = emu_profile_from(&p, root, name);
	json_object_put(root);
	if (prof && strcmp(prof->id.profile, name)) {
		emu_pbad(&p, "device.profile", "not the file's name");
		emu_profile_free(prof);
		return NULL;
	}
	return prof;
}

const struct emu_profile *emu_profile_get(const char *name, char *err,
					  size_t errlen)
{
	int i = emu_builtin_index(name);
	struct emu_profile *prof;
	char none[1];

	/* Callers that want no message still get the checks. */
	if (!err || !errlen) {
		err = none;
		errlen = sizeof(none);
	}
	err[0] = 0;
	if (i < 0)
		return NULL;
	pthread_mutex_lock(&emu_builtin_lock);
	if (!emu_builtin_prof[i])
		emu_builtin_prof[i] = emu_builtin_load(name, err, errlen);
	prof = emu_builtin_prof[i];
	pthread_mutex_unlock(&emu_builtin_lock);
	return prof;
}
