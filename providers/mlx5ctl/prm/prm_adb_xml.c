// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Read mstflint's ADB with libxml2 and turn it into prm_struct layouts,
 * handed over as a blob (prm_adb_blob.h).  The only code that needs
 * libxml2: the tool loads it as a plugin, and only when the cache misses.
 *
 * The ADB is a list of <node name size> elements holding
 * <field name offset size [subnode] [access] [enum] [high_bound]>.  One
 * union node lists every register as a field with selected_by="NAME";
 * the register ids are the enum, somewhere in the file, that names those
 * registers ("MGIR=0x9020,...").  Sizes and offsets are "0xBYTES.BITS",
 * and a sub-dword field's BITS is the position of its least significant
 * bit in the dword at BYTES - converted here to mlx5_ifc.h's numbering.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "prm.h"
#include "prm_adb.h"
#include "prm_adb_blob.h"

/* Deeper nesting than any real register means a malformed (cyclic) file. */
#define ADB_MAX_DEPTH 12
/* Bounds no register reaches: a corrupt size must not allocate gigabytes. */
#define ADB_MAX_BITS (1u << 20)
#define ADB_MAX_FIELDS 4096

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct adb {
	xmlDocPtr doc;
	xmlHashTablePtr nodes;		/* node name -> xmlNodePtr */
	xmlHashTablePtr built;		/* node name -> struct prm_struct * */
	void **allocs;			/* everything prm_adb_unload frees */
	size_t nallocs, allocs_cap;
	const struct prm_struct **structs;
	size_t nstructs, structs_cap;
	struct prm_reg *regs;
	size_t nregs, regs_cap;
	prm_adb_known_fn *known;	/* registers the caller has already */
};

static void *adb_keep(struct adb *a, void *p)
{
	void **n;

	if (!p)
		return NULL;
	if (a->nallocs == a->allocs_cap) {
		size_t cap = a->allocs_cap ? 2 * a->allocs_cap : 256;

		n = realloc(a->allocs, cap * sizeof(*n));
		if (!n) {
			free(p);
			return NULL;
		}
		a->allocs = n;
		a->allocs_cap = cap;
	}
	a->allocs[a->nallocs++] = p;
	return p;
}

static char *adb_strdup(struct adb *a, const char *s)
{
	return adb_keep(a, strdup(s));
}

static bool grow(void **arr, size_t *cap, size_t n, size_t elem)
{
	void *p;
	size_t c;

	if (n < *cap)
		return true;
	c = *cap ? 2 * *cap : 64;
	p = realloc(*arr, c * elem);
	if (!p)
		return false;
	*arr = p;
	*cap = c;
	return true;
}

/* An attribute as a C string we own for the duration of the call. */
static char *attr(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* "0x10.24" -> bytes 0x10, bits 24; false for anything else. */
static bool parse_pos(const char *s, uint64_t *bytes, uint64_t *bits)
{
	char *end;

	if (!s)
		return false;
	errno = 0;
	*bytes = strtoull(s, &end, 16);
	*bits = 0;
	if (errno || end == s)
		return false;
	if (*end == '.') {
		const char *p = end + 1;

		*bits = strtoull(p, &end, 10);
		if (errno || end == p)
			return false;
	}
	return !*end && *bytes <= ADB_MAX_BITS / 8 && *bits <= 64;
}

static bool parse_size(const char *s, uint64_t *bits)
{
	uint64_t bytes, b;

	if (!parse_pos(s, &bytes, &b))
		return false;
	*bits = bytes * 8 + b;
	return true;
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/*
 * "Up=0x1,Down=0x2" -> "0x1=up,0x2=down": names lower case and reduced to
 * [a-z0-9_], as the built-in tables write them.
 */
static char *convert_enum(struct adb *a, const char *in)
{
	size_t len = strlen(in), n = 0;
	char *out = malloc(2 * len + 2);
	const char *p = in;

	if (!out)
		return NULL;
	while (*p) {
		const char *end = strchr(p, ',');
		const char *eq;
		size_t i;

		if (!end)
			end = p + strlen(p);
		eq = memchr(p, '=', end - p);
		if (eq && eq + 1 < end) {
			if (n)
				out[n++] = ',';
			memcpy(out + n, eq + 1, end - eq - 1);
			n += end - eq - 1;
			out[n++] = '=';
			for (i = 0; p + i < eq; i++)
				out[n++] = name_char(p[i]) ?
						   (char)tolower((unsigned char)p[i]) :
						   '_';
		}
		p = *end ? end + 1 : end;
	}
	out[n] = 0;
	if (!n) {
		free(out);
		return NULL;
	}
	return adb_keep(a, out);
}

static bool looks_like_text(const char *name)
{
	static const char *const words[] = {
		"psid", "name", "part_number", "serial", "vendor_pn",
		"vendor_sn", "description", "product",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (strstr(name, words[i]))
			return true;
	return false;
}

static const struct prm_struct *build(struct adb *a, const char *node,
				      unsigned int depth);

static int field_cmp(const void *x, const void *y)
{
	const struct prm_field *f = x, *g = y;

	return f->off < g->off ? -1 : f->off > g->off;
}

/* One <field>: false to leave it out (unsupported or malformed). */
static bool convert_field(struct adb *a, xmlNodePtr x, uint64_t struct_bits,
			  struct prm_field *f, unsigned int depth)
{
	char *name = attr(x, "name"), *off_s = attr(x, "offset");
	char *size_s = attr(x, "size"), *sub_s = attr(x, "subnode");
	char *acc = attr(x, "access"), *enums = attr(x, "enum");
	char *hi = attr(x, "high_bound"), *lo = attr(x, "low_bound");
	uint64_t off, byte, bit, total, elem, count = 1;
	bool ok = false;

	if (!name || !parse_pos(off_s, &byte, &bit) ||
	    !parse_size(size_s, &total) || !total)
		goto out;
	if (hi && hi[0] >= '0' && hi[0] <= '9') {
		long h = strtol(hi, NULL, 10), l = lo ? strtol(lo, NULL, 10) : 0;

		/* With 0 <= l <= h, h - l cannot overflow; h - l + 1 could. */
		if (l < 0 || h < l || h - l >= ADB_MAX_FIELDS)
			goto out;
		count = h - l + 1;
	}
	elem = total / count;
	if (!elem || elem * count != total)
		goto out;
	/*
	 * A sub-dword element: BIT is its least significant bit's position
	 * in the dword at BYTE (the ADB starts such offsets on a dword).
	 */
	if (elem < 32) {
		if (byte % 4 || bit + elem > 32)
			goto out;
		off = byte * 8 + 32 - bit - elem;
	} else {
		off = byte * 8 + bit;
	}
	if (off + total > struct_bits)
		goto out;

	memset(f, 0, sizeof(*f));
	f->name = adb_strdup(a, name);
	/* FIELD=VALUE paths split at '.' and '[': keep names plain. */
	if (f->name) {
		char *c;

		for (c = (char *)f->name; *c; c++)
			if (!name_char(*c))
				*c = '_';
	}
	f->off = off;
	f->bits = elem;
	f->count = count;
	if (acc && !strcmp(acc, "RO"))
		f->flags |= PRM_RO;
	if (acc && !strcmp(acc, "INDEX"))
		f->flags |= PRM_INDEX;
	if (sub_s && !strncmp(sub_s, "uint", 4) && looks_like_text(name) &&
	    !(off % 8) && !(total % 8)) {
		/*
		 * The ADB wraps 8-character names (MVCR, MTMP sensor_name)
		 * in its uint64 hi/lo node: text, not two numbers.
		 */
		f->bits = 8;
		f->count = total / 8;
		f->flags |= PRM_STR;
	} else if (sub_s) {
		f->sub = build(a, sub_s, depth + 1);
		/* A union or an unreadable node: its bytes. */
		if (!f->sub || f->sub->bits != elem) {
			f->sub = NULL;
			if (off % 8 || total % 8)
				goto out;
			f->bits = 8;
			f->count = total / 8;
			f->flags |= PRM_BYTES;
		}
	} else if (count > 1 && elem == 8) {
		f->flags |= looks_like_text(name) ? PRM_STR : PRM_BYTES;
	} else if (total > 64) {
		if (off % 8 || total % 8)
			goto out;
		f->bits = 8;
		f->count = total / 8;
		f->flags |= PRM_BYTES;
	}
	if ((f->flags & (PRM_STR | PRM_BYTES)) && f->off % 8)
		goto out;
	if (enums && !f->sub && f->count == 1)
		f->enums = convert_enum(a, enums);
	ok = f->name != NULL;
out:
	xmlFree(name);
	xmlFree(off_s);
	xmlFree(size_s);
	xmlFree(sub_s);
	xmlFree(acc);
	xmlFree(enums);
	xmlFree(hi);
	xmlFree(lo);
	return ok;
}

static const struct prm_struct *build_node(struct adb *a, const char *node,
					   xmlNodePtr n, unsigned int depth)
{
	struct prm_struct *s;
	struct prm_field *fields = NULL;
	size_t nf = 0, cap = 0, i, kept;
	char *size_s = attr(n, "size"), *uni = attr(n, "attr_is_union");
	uint64_t bits = 0, end = 0;
	bool ok = parse_size(size_s, &bits) && bits &&
		  (!uni || !strcmp(uni, "0"));
	xmlNodePtr x;

	xmlFree(size_s);
	xmlFree(uni);
	if (!ok)
		return NULL;
	for (x = n->children; x; x = x->next) {
		if (x->type != XML_ELEMENT_NODE ||
		    xmlStrcmp(x->name, (const xmlChar *)"field"))
			continue;
		if (nf >= ADB_MAX_FIELDS ||
		    !grow((void **)&fields, &cap, nf, sizeof(*fields))) {
			free(fields);
			return NULL;
		}
		if (convert_field(a, x, bits, &fields[nf], depth))
			nf++;
	}
	if (nf)
		qsort(fields, nf, sizeof(*fields), field_cmp);
	/* Keep the database's promise: ascending and not overlapping. */
	for (i = 0, kept = 0; i < nf; i++) {
		const struct prm_field *f = &fields[i];

		if (f->off < end)
			continue;
		end = f->off + (uint64_t)f->bits * f->count;
		fields[kept++] = *f;
	}
	s = adb_keep(a, calloc(1, sizeof(*s)));
	if (!s || !kept) {
		free(fields);
		return NULL;
	}
	if (!adb_keep(a, fields))
		return NULL;
	s->name = adb_strdup(a, node);
	s->bits = bits;
	s->fields = fields;
	s->nfields = kept;
	s->source = "adb";
	if (!s->name)
		return NULL;
	return s;
}

/* A node as a layout, each built once; NULL for unions and bad nodes. */
static const struct prm_struct *build(struct adb *a, const char *node,
				      unsigned int depth)
{
	static const char in_progress[] = "";
	const struct prm_struct *s;
	xmlNodePtr n;
	void *got;

	got = xmlHashLookup(a->built, (const xmlChar *)node);
	if (got)
		return got == in_progress ? NULL : got;
	n = xmlHashLookup(a->nodes, (const xmlChar *)node);
	if (!n || depth > ADB_MAX_DEPTH)
		return NULL;
	xmlHashAddEntry(a->built, (const xmlChar *)node, (void *)in_progress);
	s = build_node(a, node, n, depth);
	xmlHashUpdateEntry(a->built, (const xmlChar *)node,
			   s ? (void *)s : (void *)in_progress, NULL);
	if (s) {
		if (!grow((void **)&a->structs, &a->structs_cap, a->nstructs,
			  sizeof(*a->structs)))
			return NULL;
		a->structs[a->nstructs++] = s;
	}
	return s;
}

/* The enum that names the registers: NAME=ID pairs. */
static bool reg_id(const char *ids, const char *name, uint16_t *id)
{
	size_t len = strlen(name);
	const char *p = ids;

	while (p && *p) {
		const char *eq = strchr(p, '=');
		const char *end = strchr(p, ',');

		if (!eq)
			break;
		if ((size_t)(eq - p) == len && !strncasecmp(p, name, len) &&
		    (!end || eq < end)) {
			unsigned long v = strtoul(eq + 1, NULL, 0);

			if (v > UINT16_MAX)
				return false;
			*id = v;
			return true;
		}
		p = end ? end + 1 : NULL;
	}
	return false;
}

static void index_nodes(struct adb *a, xmlNodePtr root)
{
	xmlNodePtr n;

	for (n = root->children; n; n = n->next) {
		char *name;

		if (n->type != XML_ELEMENT_NODE ||
		    xmlStrcmp(n->name, (const xmlChar *)"node"))
			continue;
		name = attr(n, "name");
		if (name)
			xmlHashAddEntry(a->nodes, (xmlChar *)name, n);
		xmlFree(name);
	}
}

static size_t commas(const char *s)
{
	size_t n = 0;

	while ((s = strchr(s, ',')))
		n++, s++;
	return n;
}

/* The id list: the enum attribute that names the most registers. */
static char *find_ids(xmlNodePtr root, xmlNodePtr regs)
{
	char *best = NULL;
	int best_hits = 0;
	xmlNodePtr n, x;

	for (n = root->children; n; n = n->next) {
		for (x = n->children; x; x = x->next) {
			char *e;
			int hits = 0;
			bool long_list;
			xmlNodePtr r;

			if (x->type != XML_ELEMENT_NODE)
				continue;
			e = attr(x, "enum");
			if (!e)
				continue;
			/* Only a long list can be it: skip the scoring early. */
			long_list = commas(e) >= 32;
			for (r = regs->children; r && long_list; r = r->next) {
				char *sel = attr(r, "selected_by");
				uint16_t id;

				if (sel && reg_id(e, sel, &id))
					hits++;
				xmlFree(sel);
			}
			if (hits > best_hits) {
				xmlFree(best);
				best = e;
				best_hits = hits;
			} else {
				xmlFree(e);
			}
		}
	}
	return best;
}

/* The union node listing every register: the most selected_by fields. */
static xmlNodePtr find_regs(xmlNodePtr root)
{
	xmlNodePtr n, x, best = NULL;
	int best_n = 0;

	for (n = root->children; n; n = n->next) {
		int k = 0;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (x = n->children; x; x = x->next)
			if (x->type == XML_ELEMENT_NODE &&
			    xmlHasProp(x, (const xmlChar *)"selected_by"))
				k++;
		if (k > best_n) {
			best = n;
			best_n = k;
		}
	}
	return best;
}

static void adb_free(struct adb *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->nallocs; i++)
		free(a->allocs[i]);
	free(a->allocs);
	free(a->structs);
	free(a->regs);
	if (a->nodes)
		xmlHashFree(a->nodes, NULL);
	if (a->built)
		xmlHashFree(a->built, NULL);
	if (a->doc)
		xmlFreeDoc(a->doc);
	free(a);
}

static bool have_reg(const struct adb *a, const char *name, uint16_t id)
{
	size_t i;

	if (a->known && a->known(name, id))
		return true;
	for (i = 0; i < a->nregs; i++)
		if (a->regs[i].id == id || !strcasecmp(a->regs[i].name, name))
			return true;
	return false;
}

static int add_registers(struct adb *a, xmlNodePtr regs, const char *ids)
{
	xmlNodePtr r;

	for (r = regs->children; r; r = r->next) {
		char *sel, *sub;
		const struct prm_struct *s = NULL;
		struct prm_reg *reg;
		uint16_t id = 0;

		if (r->type != XML_ELEMENT_NODE)
			continue;
		sel = attr(r, "selected_by");
		sub = attr(r, "subnode");
		/* The built-in tables win; the ADB only fills the gaps. */
		if (sel && sub && reg_id(ids, sel, &id) && !have_reg(a, sel, id))
			s = build(a, sub, 0);
		if (s && grow((void **)&a->regs, &a->regs_cap, a->nregs,
			      sizeof(*a->regs))) {
			reg = &a->regs[a->nregs];
			reg->name = adb_strdup(a, sel);
			reg->id = id;
			reg->layout = s;
			if (reg->name) {
				char *c;

				for (c = (char *)reg->name; *c; c++)
					if (*c >= 'a' && *c <= 'z')
						*c -= 'a' - 'A';
				a->nregs++;
			}
		}
		xmlFree(sel);
		xmlFree(sub);
	}
	return 0;
}

int prm_adb_parse(const char *path, prm_adb_known_fn *known,
		  void **blob, size_t *len)
{
	struct adb *a;
	xmlNodePtr root, regs;
	char *ids;
	int rc = EINVAL;

	if (access(path, R_OK))
		return errno == ENOENT ? ENOENT : errno;
	a = calloc(1, sizeof(*a));
	if (!a)
		return ENOMEM;
	a->known = known;
	a->doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
				   XML_PARSE_NOWARNING);
	a->nodes = xmlHashCreate(512);
	a->built = xmlHashCreate(512);
	if (!a->nodes || !a->built) {
		rc = ENOMEM;
		goto out;
	}
	root = a->doc ? xmlDocGetRootElement(a->doc) : NULL;
	if (!root || xmlStrcmp(root->name, (const xmlChar *)"NodesDefinition"))
		goto out;
	index_nodes(a, root);
	regs = find_regs(root);
	ids = regs ? find_ids(root, regs) : NULL;
	if (!ids)
		goto out;
	add_registers(a, regs, ids);
	xmlFree(ids);
	rc = adb_blob_pack(a->structs, a->nstructs, a->regs, a->nregs, blob, len);
out:
	adb_free(a);
	return rc;
}
