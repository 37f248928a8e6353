// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <json-c/json.h>

#include "print.h"

/*
 * Callers pass their format strings as literals; they reach printf
 * through here, which is what iproute2's json_print.c does as well.
 */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

#define PRINT_MAX_DEPTH 32

static struct {
	bool json;
	bool pretty;
	json_object *stack[PRINT_MAX_DEPTH];
	unsigned int depth;	/* stack[depth - 1] is the open container */
	unsigned int overflow;	/* levels opened past PRINT_MAX_DEPTH */
	FILE *text;		/* where text goes; NULL: stdout */
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

void print_init(bool json, bool pretty)
{
	out.json = json;
	out.pretty = pretty;
	if (json) {
		out.stack[0] = json_object_new_object();
		out.depth = 1;
	}
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
	if (out.depth)
		json_object_put(out.stack[0]);
	out.depth = 0;
	out.json = false;
}

void print_fini(void)
{
	int flags = out.pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED :
				 JSON_C_TO_STRING_PLAIN;

	if (!out.json || !out.depth)
		return;
	puts(json_object_to_json_string_ext(out.stack[0],
					     flags | JSON_C_TO_STRING_NOSLASHESCAPE));
	print_discard();
}

/* Attach OBJ to the open container; takes the reference. */
static void json_add(const char *key, json_object *obj)
{
	json_object *top;

	if (!out.depth || out.overflow) {
		json_object_put(obj);
		return;
	}
	top = out.stack[out.depth - 1];
	if (json_object_is_type(top, json_type_array))
		json_object_array_add(top, obj);
	else if (key)
		json_object_object_add(top, key, obj);
	else
		json_object_put(obj);
}

static void json_push(const char *key, json_object *obj)
{
	if (!out.json)
		return;
	if (out.overflow || out.depth >= PRINT_MAX_DEPTH) {
		json_object_put(obj);
		out.overflow++;
		return;
	}
	json_object_get(obj);
	json_add(key, obj);
	out.stack[out.depth++] = obj;
}

static void json_pop(void)
{
	if (!out.json)
		return;
	if (out.overflow) {
		out.overflow--;
		return;
	}
	/* Never pop the document itself. */
	if (out.depth > 1)
		json_object_put(out.stack[--out.depth]);
}

void print_open_object(const char *key)
{
	if (out.json)
		json_push(key, json_object_new_object());
}

void print_close_object(void)
{
	json_pop();
}

void print_open_array(const char *key)
{
	if (out.json)
		json_push(key, json_object_new_array());
}

void print_close_array(void)
{
	json_pop();
}

void print_uint(const char *key, const char *fmt, uint64_t val)
{
	if (out.json) {
		if (key)
			json_add(key, json_object_new_uint64(val));
	} else if (fmt) {
		fprintf(text_out(), fmt, val);
	}
}

void print_int(const char *key, const char *fmt, int64_t val)
{
	if (out.json) {
		if (key)
			json_add(key, json_object_new_int64(val));
	} else if (fmt) {
		fprintf(text_out(), fmt, val);
	}
}

void print_hex(const char *key, const char *fmt, uint64_t val)
{
	char buf[24];

	if (out.json) {
		if (key) {
			snprintf(buf, sizeof(buf), "0x%" PRIx64, val);
			json_add(key, json_object_new_string(buf));
		}
	} else if (fmt) {
		fprintf(text_out(), fmt, val);
	}
}

void print_string(const char *key, const char *fmt, const char *val)
{
	if (out.json) {
		if (key)
			json_add(key, json_object_new_string(val ? val : ""));
	} else if (fmt) {
		fprintf(text_out(), fmt, val ? val : "");
	}
}

void print_bool(const char *key, const char *fmt, bool val)
{
	if (out.json) {
		if (key)
			json_add(key, json_object_new_boolean(val));
	} else if (fmt) {
		fprintf(text_out(), fmt, val ? "true" : "false");
	}
}

void print_double(const char *key, const char *fmt, double val)
{
	if (out.json) {
		if (key)
			json_add(key, json_object_new_double(val));
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
