// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * Encode "FIELD=VALUE".  FIELD is a field name, optionally a path into
 * nested layouts and arrays ("hardware_info.device_id", "access_key[2]"),
 * so everything prm_walk shows can be set back.  VALUE is decimal, 0x-hex,
 * an enum name, a negative number for a signed field, or text for a
 * string field.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prm.h"

struct target {
	const struct prm_field *f;
	uint64_t off;		/* bit offset in the buffer */
	bool indexed;		/* one element of an array was named */
};

static int fail(char *err, size_t errlen, int rc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t errlen, int rc, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return rc;
}

/* "unknown field "x" in s; valid: a, b, c" - truncated to what fits. */
static int unknown_field(const struct prm_struct *s, const char *name,
			 size_t nlen, char *err, size_t errlen)
{
	size_t n;
	uint32_t i;

	fail(err, errlen, EINVAL, "unknown field \"%.*s\" in %s; valid:",
	     (int)nlen, name, s->name);
	for (i = 0; err && i < s->nfields; i++) {
		n = strlen(err);
		if (n + 1 >= errlen)
			break;
		snprintf(err + n, errlen - n, "%s %s", i ? "," : "",
			 s->fields[i].name);
	}
	return EINVAL;
}

/* Resolve a dotted, indexed path to one field and its bit offset. */
static int resolve(const struct prm_struct *s, const char *path, size_t plen,
		   struct target *t, char *err, size_t errlen)
{
	const char *p = path, *end = path + plen;
	uint64_t base = 0;

	for (;;) {
		const char *seg = p;
		size_t len;
		char name[128];
		unsigned long idx = 0;
		bool indexed = false;

		while (p < end && *p != '.' && *p != '[')
			p++;
		len = p - seg;
		if (!len || len >= sizeof(name))
			return unknown_field(s, seg, len, err, errlen);
		memcpy(name, seg, len);
		name[len] = 0;
		t->f = prm_field_find(s, name);
		if (!t->f)
			return unknown_field(s, seg, len, err, errlen);
		if (p < end && *p == '[') {
			char *e;

			idx = strtoul(p + 1, &e, 0);
			if (e == p + 1 || e >= end || *e != ']' ||
			    idx >= t->f->count)
				return fail(err, errlen, EINVAL,
					    "%s: index must be 0..%u", name,
					    t->f->count - 1);
			indexed = true;
			p = e + 1;
		}
		t->off = base + t->f->off + (uint64_t)idx * t->f->bits;
		t->indexed = indexed;
		if (p == end)
			return 0;
		if (*p != '.' || !t->f->sub || (t->f->count > 1 && !indexed))
			return fail(err, errlen, EINVAL,
				    "%s: not a nested layout%s", name,
				    t->f->count > 1 ? " (give an [index])" : "");
		s = t->f->sub;
		base = t->off;
		p++;
	}
}

static int parse_number(const struct prm_field *f, const char *val,
			uint64_t *out)
{
	bool neg = val[0] == '-';
	const char *digits = neg ? val + 1 : val;
	uint64_t v;
	char *e;

	if (!*digits || !(digits[0] >= '0' && digits[0] <= '9'))
		return ENOENT;
	errno = 0;
	v = strtoull(digits, &e, 0);
	if (*e)
		return EINVAL;
	if (errno)
		return ERANGE;
	if (neg) {
		if (!(f->flags & PRM_SIGNED))
			return ERANGE;
		/* The most negative value of BITS still has to fit. */
		if (f->bits < 64 && v > (1ull << (f->bits - 1)))
			return ERANGE;
		v = -v;
		if (f->bits < 64)
			v &= (1ull << f->bits) - 1;
	}
	*out = v;
	return 0;
}

static int assign_string(const struct target *t, uint8_t *buf,
			 const char *val, char *err, size_t errlen)
{
	size_t room = (size_t)t->f->bits * t->f->count / 8;
	size_t n = strlen(val);

	if (t->off % 8)
		return fail(err, errlen, EINVAL, "%s: not byte aligned",
			    t->f->name);
	if (n > room)
		return fail(err, errlen, ERANGE,
			    "%s: \"%s\" is longer than %zu bytes", t->f->name,
			    val, room);
	memset(buf + t->off / 8, 0, room);
	memcpy(buf + t->off / 8, val, n);
	return 0;
}

int prm_locate(const struct prm_struct *s, const char *expr,
	       const struct prm_field **f, uint64_t *off, uint64_t *bits,
	       char *err, size_t errlen)
{
	struct target t = { 0 };
	size_t plen = strcspn(expr, "=");
	int rc;

	if (err && errlen)
		err[0] = 0;
	rc = resolve(s, expr, plen, &t, err, errlen);
	if (rc)
		return rc;
	*f = t.f;
	*off = t.off;
	*bits = t.indexed ? t.f->bits : (uint64_t)t.f->bits * t.f->count;
	return 0;
}

int prm_assign(const struct prm_struct *s, void *buf, size_t len,
	       const char *expr, char *err, size_t errlen)
{
	const struct prm_field *f;
	struct target t = { 0 };
	const char *eq;
	uint64_t v, width;
	int rc;

	if (err && errlen)
		err[0] = 0;
	if (!s || !buf || !expr)
		return fail(err, errlen, EINVAL, "nothing to assign");
	eq = strchr(expr, '=');
	if (!eq)
		return fail(err, errlen, EINVAL, "\"%s\": expected FIELD=VALUE",
			    expr);
	rc = resolve(s, expr, eq - expr, &t, err, errlen);
	if (rc)
		return rc;
	f = t.f;
	width = t.indexed ? f->bits : (uint64_t)f->bits * f->count;
	if (t.off + width > (uint64_t)len * 8)
		return fail(err, errlen, ERANGE, "%s: past the %zu-byte buffer",
			    f->name, len);
	if (f->sub)
		return fail(err, errlen, EINVAL,
			    "%s: a nested layout; name one of its fields (%s.FIELD)",
			    f->name, f->name);
	if (f->flags & PRM_STR && !t.indexed)
		return assign_string(&t, buf, eq + 1, err, errlen);
	if (width > 64)
		return fail(err, errlen, EINVAL,
			    "%s: %u x %u bits; give an [index]", f->name,
			    f->count, f->bits);

	rc = parse_number(f, eq + 1, &v);
	if (rc == ENOENT && !prm_enum_value(f, eq + 1, &v))
		rc = 0;
	if (rc == ENOENT || rc == EINVAL)
		return fail(err, errlen, EINVAL,
			    "%s: \"%s\" is not a number%s%s", f->name, eq + 1,
			    f->enums ? " or one of " : "",
			    f->enums ? f->enums : "");
	if (rc)
		return fail(err, errlen, ERANGE, "%s: \"%s\" is out of range",
			    f->name, eq + 1);
	if (width < 64 && v >> width)
		return fail(err, errlen, ERANGE,
			    "%s: 0x%llx does not fit in %u bits", f->name,
			    (unsigned long long)v, (unsigned int)width);
	prm_set(buf, t.off, width, v);
	return 0;
}
