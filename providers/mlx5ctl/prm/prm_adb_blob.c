// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The parsed ADB as a blob and back (prm_adb_blob.h).  libc only: the
 * tool reads the cache without loading libxml2, which only the XML
 * reader needs.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "prm_adb_blob.h"

#define PRM_KNOWN_FLAGS (PRM_HEX | PRM_STR | PRM_BYTES | PRM_INDEX | \
			 PRM_RO | PRM_SIGNED | PRM_MASK)

uint64_t adb_fnv1a(uint64_t h, const void *data, size_t len)
{
	const uint8_t *p = data;

	while (len--) {
		h ^= *p++;
		h *= 0x100000001b3ull;
	}
	return h;
}

/* Pointer -> index, sorted by pointer: the sub-layout lookup. */
struct ptr_idx {
	const void *p;
	uint32_t i;
};

static int ptr_cmp(const void *x, const void *y)
{
	const struct ptr_idx *a = x, *b = y;

	return a->p < b->p ? -1 : a->p > b->p;
}

static uint32_t index_of(const struct ptr_idx *tab, size_t n, const void *p)
{
	struct ptr_idx key = { .p = p }, *hit;

	if (!p)
		return ADB_BLOB_NONE;
	hit = bsearch(&key, tab, n, sizeof(*tab), ptr_cmp);
	return hit ? hit->i : ADB_BLOB_NONE;
}

struct packer {
	uint8_t *out;
	struct adb_blob_struct *bs;
	struct adb_blob_field *bf;
	struct adb_blob_reg *br;
	char *strings;
	size_t nstr;
};

/* Offset of S in the string area, appended; sizes were counted before. */
static uint32_t put_str(struct packer *pk, const char *s)
{
	size_t off = pk->nstr, n = strlen(s) + 1;

	memcpy(pk->strings + off, s, n);
	pk->nstr += n;
	return off;
}

static void pack_field(struct packer *pk, const struct prm_field *f,
		       struct adb_blob_field *o, const struct ptr_idx *tab,
		       size_t nstructs)
{
	o->name = put_str(pk, f->name);
	o->off = f->off;
	o->bits = f->bits;
	o->count = f->count;
	o->flags = f->flags;
	o->sub = index_of(tab, nstructs, f->sub);
	o->enums = f->enums ? put_str(pk, f->enums) : ADB_BLOB_NONE;
}

/* The sizes of everything, so one allocation holds the blob. */
static int measure(const struct prm_struct *const *structs, size_t nstructs,
		   const struct prm_reg *regs, size_t nregs,
		   size_t *nfields, size_t *nstr)
{
	size_t i, j;

	*nfields = 0;
	*nstr = 0;
	for (i = 0; i < nstructs; i++) {
		const struct prm_struct *s = structs[i];

		*nfields += s->nfields;
		*nstr += strlen(s->name) + 1;
		for (j = 0; j < s->nfields; j++)
			*nstr += strlen(s->fields[j].name) + 1 +
				 (s->fields[j].enums ?
					  strlen(s->fields[j].enums) + 1 : 0);
	}
	for (i = 0; i < nregs; i++)
		*nstr += strlen(regs[i].name) + 1;
	if (nstructs >= ADB_BLOB_NONE || *nfields >= ADB_BLOB_NONE ||
	    nregs >= ADB_BLOB_NONE || *nstr >= ADB_BLOB_NONE)
		return EOVERFLOW;
	return 0;
}

static void pack_all(struct packer *pk, const struct prm_struct *const *structs,
		     size_t nstructs, const struct prm_reg *regs, size_t nregs,
		     const struct ptr_idx *tab)
{
	size_t i, j, nf = 0;

	for (i = 0; i < nstructs; i++) {
		const struct prm_struct *s = structs[i];

		pk->bs[i] = (struct adb_blob_struct){
			.name = put_str(pk, s->name), .bits = s->bits,
			.first_field = nf, .nfields = s->nfields,
		};
		for (j = 0; j < s->nfields; j++, nf++)
			pack_field(pk, &s->fields[j], &pk->bf[nf], tab, nstructs);
	}
	for (i = 0; i < nregs; i++)
		pk->br[i] = (struct adb_blob_reg){
			.name = put_str(pk, regs[i].name), .id = regs[i].id,
			.layout = index_of(tab, nstructs, regs[i].layout),
		};
}

int adb_blob_pack(const struct prm_struct *const *structs, size_t nstructs,
		  const struct prm_reg *regs, size_t nregs,
		  void **blob, size_t *len)
{
	struct adb_blob_hdr *h;
	struct ptr_idx *tab;
	struct packer pk;
	size_t nfields, nstr, i;
	int err = measure(structs, nstructs, regs, nregs, &nfields, &nstr);

	if (err)
		return err;
	*len = sizeof(*h) + nstructs * sizeof(*pk.bs) +
	       nfields * sizeof(*pk.bf) + nregs * sizeof(*pk.br) + nstr;
	pk.out = calloc(1, *len);
	tab = malloc((nstructs + 1) * sizeof(*tab));
	if (!pk.out || !tab) {
		free(pk.out);
		free(tab);
		return ENOMEM;
	}
	for (i = 0; i < nstructs; i++)
		tab[i] = (struct ptr_idx){ .p = structs[i], .i = i };
	qsort(tab, nstructs, sizeof(*tab), ptr_cmp);
	pk.bs = (void *)(pk.out + sizeof(*h));
	pk.bf = (void *)(pk.bs + nstructs);
	pk.br = (void *)(pk.bf + nfields);
	pk.strings = (char *)(pk.br + nregs);
	pk.nstr = 0;
	pack_all(&pk, structs, nstructs, regs, nregs, tab);
	free(tab);
	h = (void *)pk.out;
	memcpy(h->magic, ADB_BLOB_MAGIC, sizeof(ADB_BLOB_MAGIC));
	h->version = ADB_BLOB_VERSION;
	h->nstructs = nstructs;
	h->nfields = nfields;
	h->nregs = nregs;
	h->strings_len = nstr;
	adb_blob_seal(pk.out, *len);
	*blob = pk.out;
	return 0;
}

void adb_blob_seal(void *blob, size_t len)
{
	struct adb_blob_hdr *h = blob;

	h->checksum = adb_fnv1a(ADB_FNV_INIT, h + 1, len - sizeof(*h));
}

/* The blob's parts, located and sized; false if the sizes do not add up. */
struct view {
	const struct adb_blob_hdr *h;
	const struct adb_blob_struct *bs;
	const struct adb_blob_field *bf;
	const struct adb_blob_reg *br;
	const char *strings;
};

static bool locate(const void *blob, size_t len, struct view *v)
{
	const struct adb_blob_hdr *h = blob;
	uint64_t need;

	if (len < sizeof(*h) || memcmp(h->magic, ADB_BLOB_MAGIC,
				       sizeof(ADB_BLOB_MAGIC)) ||
	    h->version != ADB_BLOB_VERSION || h->reserved)
		return false;
	need = sizeof(*h) + (uint64_t)h->nstructs * sizeof(*v->bs) +
	       (uint64_t)h->nfields * sizeof(*v->bf) +
	       (uint64_t)h->nregs * sizeof(*v->br) + h->strings_len;
	if (need != len || h->checksum != adb_fnv1a(ADB_FNV_INIT, h + 1,
						    len - sizeof(*h)))
		return false;
	v->h = h;
	v->bs = (const void *)(h + 1);
	v->bf = (const void *)(v->bs + h->nstructs);
	v->br = (const void *)(v->bf + h->nfields);
	v->strings = (const char *)(v->br + h->nregs);
	/* Every offset below the length then names a terminated string. */
	return !h->strings_len || !v->strings[h->strings_len - 1];
}

static bool str_ok(const struct view *v, uint32_t off, bool optional)
{
	return off < v->h->strings_len || (optional && off == ADB_BLOB_NONE);
}

/* One field of struct SI, starting at or after *END. */
static bool field_ok(const struct view *v, const struct adb_blob_field *f,
		     uint32_t si, uint64_t *end)
{
	uint64_t total = (uint64_t)f->bits * f->count;
	bool bytes = f->flags & (PRM_STR | PRM_BYTES);

	if (!str_ok(v, f->name, false) || !str_ok(v, f->enums, true) ||
	    !f->bits || !f->count || f->off < *end ||
	    f->off + total > v->bs[si].bits || (f->flags & ~PRM_KNOWN_FLAGS))
		return false;
	*end = f->off + total;
	/* Nested layouts come first, so a reference back is never a cycle. */
	if (f->sub != ADB_BLOB_NONE)
		return f->sub < si && v->bs[f->sub].bits == f->bits && !bytes;
	if (bytes)
		return f->bits == 8 && !(f->off % 8);
	return total <= 64;
}

static bool struct_ok(const struct view *v, uint32_t si)
{
	const struct adb_blob_struct *s = &v->bs[si];
	uint64_t end = 0;
	uint32_t j;

	if (!str_ok(v, s->name, false) || !s->bits ||
	    s->first_field > v->h->nfields ||
	    s->nfields > v->h->nfields - s->first_field)
		return false;
	for (j = 0; j < s->nfields; j++)
		if (!field_ok(v, &v->bf[s->first_field + j], si, &end))
			return false;
	return true;
}

static bool blob_ok(const struct view *v)
{
	uint32_t i;

	for (i = 0; i < v->h->nstructs; i++)
		if (!struct_ok(v, i))
			return false;
	for (i = 0; i < v->h->nregs; i++)
		if (!str_ok(v, v->br[i].name, false) || v->br[i].reserved ||
		    v->br[i].layout >= v->h->nstructs)
			return false;
	return true;
}

/* The in-memory set: header, pointers, structs, fields, regs, strings. */
struct set_parts {
	const struct prm_struct **ptrs;
	struct prm_struct *structs;
	struct prm_field *fields;
	struct prm_reg *regs;
	char *strings;
};

static struct adb_set *set_alloc(const struct adb_blob_hdr *h,
				 struct set_parts *p)
{
	size_t size = sizeof(struct adb_set) +
		      h->nstructs * (sizeof(*p->ptrs) + sizeof(*p->structs)) +
		      h->nfields * sizeof(*p->fields) +
		      h->nregs * sizeof(*p->regs) + h->strings_len;
	struct adb_set *set = malloc(size);

	if (!set)
		return NULL;
	p->ptrs = (void *)(set + 1);
	p->structs = (void *)(p->ptrs + h->nstructs);
	p->fields = (void *)(p->structs + h->nstructs);
	p->regs = (void *)(p->fields + h->nfields);
	p->strings = (char *)(p->regs + h->nregs);
	return set;
}

static void unpack_field(const struct adb_blob_field *b, struct prm_field *f,
			 const struct set_parts *p)
{
	f->name = p->strings + b->name;
	f->off = b->off;
	f->bits = b->bits;
	f->count = b->count;
	f->flags = b->flags;
	f->sub = b->sub == ADB_BLOB_NONE ? NULL : &p->structs[b->sub];
	f->enums = b->enums == ADB_BLOB_NONE ? NULL : p->strings + b->enums;
}

static void unpack_all(const struct view *v, const struct set_parts *p)
{
	const struct adb_blob_hdr *h = v->h;
	uint32_t i;

	memcpy(p->strings, v->strings, h->strings_len);
	for (i = 0; i < h->nfields; i++)
		unpack_field(&v->bf[i], &p->fields[i], p);
	for (i = 0; i < h->nstructs; i++) {
		p->structs[i] = (struct prm_struct){
			.name = p->strings + v->bs[i].name,
			.bits = v->bs[i].bits,
			.fields = p->fields + v->bs[i].first_field,
			.nfields = v->bs[i].nfields,
			.source = "adb",
		};
		p->ptrs[i] = &p->structs[i];
	}
	for (i = 0; i < h->nregs; i++)
		p->regs[i] = (struct prm_reg){
			.name = p->strings + v->br[i].name, .id = v->br[i].id,
			.layout = &p->structs[v->br[i].layout],
		};
}

int adb_blob_unpack(const void *blob, size_t len, struct adb_set **out)
{
	struct set_parts p;
	struct adb_set *set;
	struct view v;

	if (!locate(blob, len, &v) || !blob_ok(&v))
		return EINVAL;
	set = set_alloc(v.h, &p);
	if (!set)
		return ENOMEM;
	unpack_all(&v, &p);
	set->ext = (struct prm_ext){
		.structs = p.ptrs, .nstructs = v.h->nstructs,
		.regs = p.regs, .nregs = v.h->nregs,
	};
	set->key = v.h->key;
	*out = set;
	return 0;
}
