// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The print layer.  JSON is written as the calls come, into one buffer
 * that print_fini() puts out: a document of hundreds of values costs no
 * object per value.  The bytes are json-c's own serialisation of the
 * same document (plain, or pretty and spaced), which test_print checks
 * against json-c itself; json-c still writes NaN and the infinities.
 */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "print.h"

/*
 * Callers pass their format strings as literals; they reach printf
 * through here, which is what iproute2's json_print.c does as well.
 */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

#define PRINT_MAX_DEPTH 32

/*
 * An open container.  A hidden one was opened without a key inside an
 * object: json-c drops such a value, so everything in it is dropped too.
 */
struct frame {
	bool array;
	bool children;
	bool hidden;
};

static struct {
	bool json;
	bool pretty;
	struct frame stack[PRINT_MAX_DEPTH];
	unsigned int depth;	/* stack[depth - 1] is the open container */
	unsigned int overflow;	/* levels opened past PRINT_MAX_DEPTH */
	FILE *text;		/* where text goes; NULL: stdout */
	char *doc;		/* the document so far */
	size_t len, size;
	bool nomem;		/* a write was lost: the document is not put out */
	size_t next_key;	/* print_next_key(): the next key's length */
} out;

static FILE *text_out(void)
{
	return out.text ? out.text : stdout;
}

FILE *print_text_to(FILE *f)
{
	FILE *old = out.text;

	out.text = f;
	return old;
}

static bool grow(size_t n)
{
	size_t size = out.size ? out.size : 4096;
	char *doc;

	while (size < out.len + n)
		size *= 2;
	doc = realloc(out.doc, size);
	if (!doc) {
		out.nomem = true;
		return false;
	}
	out.doc = doc;
	out.size = size;
	return true;
}

static inline bool room(size_t n)
{
	return out.len + n <= out.size || grow(n);
}

static void put(const char *s, size_t n)
{
	if (!room(n))
		return;
	print_copy(out.doc + out.len, s, n);
	out.len += n;
}

static void put_str(const char *s)
{
	put(s, strlen(s));
}

static void put_chars(char c, size_t n)
{
	if (!room(n))
		return;
	memset(out.doc + out.len, c, n);
	out.len += n;
}

/* The bytes a JSON string cannot hold as they are, and its end. */
static const bool special[256] = {
	[0 ... 0x1f] = true, ['"'] = true, ['\\'] = true,
};

/* json-c's json_escape_str(), '/' left alone (NOSLASHESCAPE). */
static void put_escaped(const char *s)
{
	static const char hex[] = "0123456789abcdef";
	static const char named[] = { ['\b'] = 'b', ['\n'] = 'n', ['\r'] = 'r',
				      ['\t'] = 't', ['\f'] = 'f' };
	const char *run = s;
	char esc[6];
	unsigned char c;

	for (;; s++) {
		while (!special[(unsigned char)*s])
			s++;
		if (!(c = *s))
			break;
		put(run, s - run);
		run = s + 1;
		esc[0] = '\\';
		if (c == '"' || c == '\\') {
			esc[1] = c;
			put(esc, 2);
		} else if (c < sizeof(named) && named[c]) {
			esc[1] = named[c];
			put(esc, 2);
		} else {
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 0xf];
			put(esc, 6);
		}
	}
	put(run, s - run);
}

/*
 * KEY as a JSON string and its colon: stored at once when it needs no
 * escape, as every name of the layout database.
 */
bool print_key_plain(const char *key)
{
	while (!special[(unsigned char)*key])
		key++;
	return !*key;
}

void print_next_key(size_t len)
{
	out.next_key = len;
}

/* N: the key's length when print_next_key() said it, else 0. */
static void put_key(const char *key, size_t n)
{
	const char *s = key + n;
	char *p;

	if (!n) {
		while (!special[(unsigned char)*s])
			s++;
		n = s - key;
	} else {
		s = "";	/* the caller vouched for these N bytes */
	}
	if (*s || !room(n + 4)) {
		put("\"", 1);
		put_escaped(key);
		put("\": ", out.pretty ? 3 : 2);
		return;
	}
	p = out.doc + out.len;
	*p++ = '"';
	print_copy(p, key, n);
	p += n;
	*p++ = '"';
	*p++ = ':';
	if (out.pretty)
		*p++ = ' ';
	out.len = p - out.doc;
}

/* Pretty: two spaces a level, as json-c indents. */
static void indent(unsigned int level)
{
	if (out.pretty)
		put_chars(' ', 2 * level);
}

void print_init(bool json, bool pretty)
{
	out.json = json;
	out.pretty = pretty;
	if (!json)
		return;
	out.len = 0;
	out.nomem = false;
	out.overflow = 0;
	out.stack[0] = (struct frame){ 0 };
	out.depth = 1;
	put_str(pretty ? "{\n" : "{");
}

void print_json_on(void)
{
	if (!out.json)
		print_init(true, out.pretty);
}

bool print_is_json(void)
{
	return out.json;
}

bool print_pause(void)
{
	bool was = out.json;

	out.json = false;
	return was;
}

void print_resume(bool json)
{
	out.json = json;
}

void print_discard(void)
{
	free(out.doc);
	out.doc = NULL;
	out.len = out.size = 0;
	out.depth = 0;
	out.json = false;
}

static void close_frame(const struct frame *f, unsigned int level)
{
	if (out.pretty) {
		if (f->children)
			put("\n", 1);
		indent(level);
	}
	put(f->array ? "]" : "}", 1);
}

void print_fini(void)
{
	if (!out.json || !out.depth)
		return;
	/* Levels left open are closed, as the tree json-c held was whole. */
	while (out.depth > 1)
		print_close_object();
	close_frame(&out.stack[0], 0);
	put("", 1);	/* the string's end */
	if (out.nomem)
		fprintf(stderr, "mlx5ctl: out of memory writing the JSON document\n");
	else
		puts(out.doc);
	print_discard();
}

/*
 * Where the next value goes: separator, indentation and key written, or
 * false when json-c would drop it (no container, a hidden one, no key in
 * an object).
 */
static bool value_at(const char *key)
{
	size_t n = out.next_key;
	struct frame *top;

	out.next_key = 0;
	if (!out.depth || out.overflow)
		return false;
	top = &out.stack[out.depth - 1];
	if (top->hidden || (!top->array && !key))
		return false;
	if (top->children && out.pretty)
		put(",\n", 2);
	else if (top->children && room(1))
		out.doc[out.len++] = ',';
	top->children = true;
	indent(out.depth);
	if (!top->array)
		put_key(key, n);
	return true;
}

void print_member(const char *key, size_t klen, const char *val, size_t vlen)
{
	size_t ind = out.pretty ? 2 * out.depth : 0;
	struct frame *top;
	char *p;

	out.next_key = 0;
	if (!out.json || !out.depth || out.overflow)
		return;
	top = &out.stack[out.depth - 1];
	if (top->hidden || (!top->array && !key))
		return;
	/* What value_at() and put_key() write, in one go. */
	if (!room(2 + ind + klen + 1 + vlen))
		return;
	p = out.doc + out.len;
	if (top->children) {
		*p++ = ',';
		if (out.pretty)
			*p++ = '\n';
	}
	top->children = true;
	if (ind) {
		memset(p, ' ', ind);
		p += ind;
	}
	if (!top->array) {
		print_copy(p, key, klen);
		p += klen;
		if (out.pretty)
			*p++ = ' ';
	}
	print_copy(p, val, vlen);
	out.len = p + vlen - out.doc;
}

static void push(const char *key, bool array)
{
	struct frame f = { .array = array };

	if (!out.json)
		return;
	if (out.overflow || out.depth >= PRINT_MAX_DEPTH) {
		out.overflow++;
		return;
	}
	f.hidden = !value_at(key);
	if (!f.hidden)
		put_str(array ? (out.pretty ? "[\n" : "[") :
				(out.pretty ? "{\n" : "{"));
	out.stack[out.depth++] = f;
}

static void pop(void)
{
	struct frame *f;

	if (!out.json)
		return;
	if (out.overflow) {
		out.overflow--;
		return;
	}
	/* Never pop the document itself. */
	if (out.depth <= 1)
		return;
	f = &out.stack[--out.depth];
	if (!f->hidden)
		close_frame(f, out.depth);
}

void print_open_object(const char *key)
{
	push(key, false);
}

void print_close_object(void)
{
	pop();
}

void print_open_array(const char *key)
{
	push(key, true);
}

void print_close_array(void)
{
	pop();
}

/* Two digits a step: "00" to "99". */
static const char pairs[] =
	"00010203040506070809101112131415161718192021222324"
	"25262728293031323334353637383940414243444546474849"
	"50515253545556575859606162636465666768697071727374"
	"75767778798081828384858687888990919293949596979899";

/* The eight digits of V (< 10^8), zeros in front, ending at END. */
static char *dec8(char *end, uint32_t v)
{
	uint32_t hi = v / 10000, lo = v % 10000;

	memcpy(end - 2, pairs + 2 * (lo % 100), 2);
	memcpy(end - 4, pairs + 2 * (lo / 100), 2);
	memcpy(end - 6, pairs + 2 * (hi % 100), 2);
	memcpy(end - 8, pairs + 2 * (hi / 100), 2);
	return end - 8;
}

/*
 * VAL in decimal, as "%" PRIu64 writes it, ending at END; returns the
 * start.  Eight digits at a time in 32 bits, then the leading ones.
 */
static char *u64_dec(char *end, uint64_t val)
{
	uint32_t v;

	while (val >= 100000000) {
		end = dec8(end, val % 100000000);
		val /= 100000000;
	}
	for (v = val; v >= 100; v /= 100) {
		end -= 2;
		memcpy(end, pairs + 2 * (v % 100), 2);
	}
	if (v >= 10) {
		end -= 2;
		memcpy(end, pairs + 2 * v, 2);
	} else {
		*--end = '0' + v;
	}
	return end;
}

char *print_fmt_u64(char *end, uint64_t val, bool hex)
{
	static const char digits[] = "0123456789abcdef";

	if (!hex)
		return u64_dec(end, val);
	do {
		*--end = digits[val & 0xf];
		val >>= 4;
	} while (val);
	*--end = 'x';
	*--end = '0';
	return end;
}

/*
 * "%.*g" without printf's multi-precision path: D = M * 2^E is scaled to
 * PREC digits, rounded half to even, in 128-bit integers - exact where
 * they reach, which is every double from about 1e-5 to 1e35, and
 * snprintf() elsewhere (and for NaN, infinities and subnormals).
 * test_print holds the two to the same bytes.
 */
typedef unsigned __int128 u128;

static u128 pow10_128(unsigned int j)
{
	u128 p = 1;

	while (j--)
		p *= 10;
	return p;
}

/* round(M * 2^E * 10^J) into *Q, or false when 128 bits do not hold it. */
static bool scale_round(uint64_t m, int e, int j, uint64_t *q)
{
	unsigned int s = e < 0 ? -e : 0;
	u128 n = m, d, r, t;

	if (e > 64 || s > 120 || j > 38 || j < -30)
		return false;
	n <<= e > 0 ? e : 0;
	if (j > 0) {
		t = pow10_128(j);
		if (n > ~(u128)0 / t)
			return false;
		n *= t;
	}
	d = j < 0 ? pow10_128(-j) : 1;
	if (d > ((u128)1 << (126 - s)))
		return false;
	d <<= s;
	t = n / d;
	r = n - t * d;
	if (2 * r > d || (2 * r == d && (t & 1)))
		t++;
	if (t >> 64)
		return false;
	*q = (uint64_t)t;
	return true;
}

/* The digits of Q (PREC of them) as %g places them, exponent X. */
static size_t g_layout(char *buf, const char *dig, int prec, int x)
{
	char *p = buf;
	int last = prec - 1, i;

	while (last > 0 && dig[last] == '0')
		last--;	/* %g drops the fraction's trailing zeros */
	if (x < -4 || x >= prec) {
		*p++ = dig[0];
		if (last > 0) {
			*p++ = '.';
			for (i = 1; i <= last; i++)
				*p++ = dig[i];
		}
		*p++ = 'e';
		*p++ = x < 0 ? '-' : '+';
		x = x < 0 ? -x : x;
		if (x >= 100)
			*p++ = '0' + x / 100;
		*p++ = '0' + x / 10 % 10;
		*p++ = '0' + x % 10;
		*p = 0;
		return p - buf;
	}
	if (x < 0) {
		*p++ = '0';
		*p++ = '.';
		for (i = x + 1; i < 0; i++)
			*p++ = '0';
		for (i = 0; i <= last; i++)
			*p++ = dig[i];
	} else {
		for (i = 0; i <= x; i++)
			*p++ = dig[i];
		if (last > x)
			*p++ = '.';
		for (i = x + 1; i <= last; i++)
			*p++ = dig[i];
	}
	*p = 0;
	return p - buf;
}

size_t print_fmt_g(char *buf, size_t size, double d, int prec)
{
	uint64_t bits, m, q, lim;
	char dig[24], *p = dig + sizeof(dig);
	int e, l, k, i;
	size_t n = 0;

	memcpy(&bits, &d, sizeof(bits));
	m = bits & ((1ull << 52) - 1);
	e = (int)(bits >> 52 & 0x7ff);
	if (size < 32 || prec < 1 || prec > 17 || e == 0 || e == 0x7ff)
		goto slow;
	m |= 1ull << 52;
	e -= 1075;
	/* floor(log10(2^L)) is k or k - 1, L the value's binary exponent. */
	l = 52 + e;
	k = l >= 0 ? (l * 78913) >> 18 : -((-l * 78913 + (1 << 18) - 1) >> 18);
	for (lim = 1, i = 0; i < prec; i++)
		lim *= 10;
	if (!scale_round(m, e, prec - 1 - k, &q))
		goto slow;
	if (q >= lim && !scale_round(m, e, prec - 1 - ++k, &q))
		goto slow;
	if (bits >> 63)
		buf[n++] = '-';
	p = print_fmt_u64(p, q, false);
	return n + g_layout(buf + n, p, prec, k);
slow:
	return snprintf(buf, size, "%.*g", prec, d);
}

static void put_uint(uint64_t val, bool minus)
{
	char buf[24], *s = u64_dec(buf + sizeof(buf), val);

	if (minus)
		*--s = '-';
	put(s, buf + sizeof(buf) - s);
}

static void put_string(const char *val)
{
	put("\"", 1);
	put_escaped(val);
	put("\"", 1);
}

void print_uint(const char *key, const char *fmt, uint64_t val)
{
	if (out.json) {
		if (key && value_at(key))
			put_uint(val, false);
	} else if (fmt) {
		fprintf(text_out(), fmt, val);
	}
}

void print_int(const char *key, const char *fmt, int64_t val)
{
	if (out.json) {
		/* The magnitude of INT64_MIN is an unsigned value. */
		if (key && value_at(key))
			put_uint(val < 0 ? -(uint64_t)val : (uint64_t)val, val < 0);
	} else if (fmt) {
		fprintf(text_out(), fmt, val);
	}
}

void print_hex(const char *key, const char *fmt, uint64_t val)
{
	char buf[24], *s;

	if (out.json) {
		if (!key || !value_at(key))
			return;
		buf[sizeof(buf) - 1] = '"';
		s = print_fmt_u64(buf + sizeof(buf) - 1, val, true);
		*--s = '"';
		put(s, buf + sizeof(buf) - s);
	} else if (fmt) {
		fprintf(text_out(), fmt, val);
	}
}

void print_string(const char *key, const char *fmt, const char *val)
{
	val = val ? val : "";
	if (out.json) {
		if (key && value_at(key))
			put_string(val);
	} else if (fmt && !strcmp(fmt, "%s\n")) {
		/* The common form, without printf's machinery. */
		fwrite_unlocked(val, 1, strlen(val), text_out());
		putc_unlocked('\n', text_out());
	} else if (fmt) {
		fprintf(text_out(), fmt, val);
	}
}

void print_bool(const char *key, const char *fmt, bool val)
{
	if (out.json) {
		if (key && value_at(key))
			put_str(val ? "true" : "false");
	} else if (fmt) {
		fprintf(text_out(), fmt, val ? "true" : "false");
	}
}

/*
 * json-c's own text for a double: "%.17g", and ".0" after what would read
 * as an integer ("2.0").  Written here for finite values (json-c makes an
 * object and calls snprintf for each); json-c itself writes the others.
 */
static void put_double(double val)
{
	json_object *d;
	char buf[40];
	size_t n;

	if (isfinite(val)) {
		n = print_fmt_g(buf, sizeof(buf), val, 17);
		if (!memchr(buf, '.', n) && !memchr(buf, 'e', n)) {
			memcpy(buf + n, ".0", 2);
			n += 2;
		}
		put(buf, n);
		return;
	}
	d = json_object_new_double(val);

	if (!d) {
		out.nomem = true;
		return;
	}
	put_str(json_object_to_json_string_ext(d, JSON_C_TO_STRING_PLAIN));
	json_object_put(d);
}

void print_double(const char *key, const char *fmt, double val)
{
	if (out.json) {
		if (key && value_at(key))
			put_double(val);
	} else if (fmt) {
		fprintf(text_out(), fmt, val);
	}
}

void print_text(const char *fmt, ...)
{
	va_list ap;

	if (out.json)
		return;
	va_start(ap, fmt);
	vfprintf(text_out(), fmt, ap);
	va_end(ap);
}

void print_text_row(const char *name, unsigned int width, const char *value)
{
	static const char blanks[] = "                                        ";
	size_t n = strlen(name), v = strlen(value);
	char line[160];

	if (out.json)
		return;
	if (n + width + v + 2 > sizeof(line) || width >= sizeof(blanks)) {
		fprintf(text_out(), "%-*s %s\n", (int)width, name, value);
		return;
	}
	memcpy(line, name, n);
	/* Blanks copied, not memset(): one libc function fewer to bind. */
	if (n < width) {
		memcpy(line + n, blanks, width - n);
		n = width;
	}
	line[n++] = ' ';
	memcpy(line + n, value, v);
	line[n + v] = '\n';
	fwrite_unlocked(line, 1, n + v + 1, text_out());
}

void print_text_raw(const char *s, size_t n)
{
	if (!out.json)
		fwrite_unlocked(s, 1, n, text_out());
}
