// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The values a decode prints as more than a number or an enum name:
 * opaque bytes and dumps, strings, masks with their names, temperatures
 * in degrees and values in a unit of their own.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode_int.h"
#include "print.h"

int64_t decode_sign_extend(uint64_t val, uint32_t bits)
{
	if (bits >= 64 || bits == 0)
		return (int64_t)val;
	if (val & (1ull << (bits - 1)))
		return (int64_t)(val | ~((1ull << bits) - 1));
	return (int64_t)val;
}

/*
 * Temperatures (MTMP, MTCAP, the PDDR module page and its thresholds)
 * are in units of 0.125 degrees Celsius, or 1/256 for the module page.
 */
#define SUFFIX(s) { s, sizeof(s) - 1 }

static const struct {
	const char *s;
	size_t len;
} temp_suffixes[] = {
	SUFFIX("temperature"),
	SUFFIX("temperature_high_th"),
	SUFFIX("temperature_low_th"),
};

/* NAME is N bytes long: asked once for every test of a field. */
bool decode_ends_with(const char *name, size_t n, const char *s, size_t len)
{
	/* The first byte settles most before a call. */
	return n >= len && name[n - len] == s[0] &&
	       !memcmp(name + n - len, s, len);
}

static bool is_temperature(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(temp_suffixes) / sizeof(temp_suffixes[0]); i++)
		if (decode_ends_with(name, n, temp_suffixes[i].s, temp_suffixes[i].len))
			return true;
	return name[0] == 't' &&
	       !strncmp(name, "temp_threshold", strlen("temp_threshold"));
}

/*
 * Fields the PRM counts in a unit of its own: the text adds the value in
 * the usual unit, JSON a twin key NAME_UNIT with it (as _celsius does).
 */
#define UNIT_FIELD(s) s, sizeof(s) - 1

static const struct {
	const char *field;	/* the field's name */
	size_t len;		/* and its length */
	double scale;		/* to the unit */
	const char *unit;	/* text */
	const char *key;	/* JSON twin: field + key */
} units[] = {
	{ UNIT_FIELD("data_rate_oper"), 0.1, "Gb/s", "_gbps" },	/* 100 Mb/s */
	{ UNIT_FIELD("time_since_last_clear"), 1e-3, "s", "_seconds" }, /* ms */
	{ UNIT_FIELD("voltage_sensor_value"), 0.01, "V", "_volts" }, /* 0.01 V */
};

/*
 * NAME's value and the same in its unit, if it has one of units[]: JSON
 * NAME and its twin NAME_UNIT, text "VALUE (VALUE_IN_UNIT UNIT)" with the
 * second as "%g" writes it.
 */
static bool print_unit(const char *name, uint64_t val)
{
	char text[128], num[24], *p;
	size_t i, n, k;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(units[i].field, name))
			break;
	if (i == sizeof(units) / sizeof(units[0]))
		return false;
	/* NAME is one of units[]: short, and so is all that follows. */
	n = units[i].len;
	if (print_is_json()) {
		print_uint(name, NULL, val);
		k = strlen(units[i].key);
		memcpy(text, name, n);
		memcpy(text + n, units[i].key, k + 1);
		print_double(text, NULL, val * units[i].scale);
		return true;
	}
	p = print_fmt_u64(num + sizeof(num), val, false);
	n = num + sizeof(num) - p;
	memcpy(text, p, n);
	memcpy(text + n, " (", 2);
	n += 2;
	n += print_fmt_g(text + n, sizeof(text) - n, val * units[i].scale, 6);
	text[n++] = ' ';
	k = strlen(units[i].unit);
	memcpy(text + n, units[i].unit, k);
	n += k;
	memcpy(text + n, ")\n", 2);
	print_text_raw(text, n + 2);
	return true;
}

/*
 * Module temperatures as SFF-8636 and CMIS report them, in 1/256 C: the
 * PDDR module page's, named like MTMP's.
 */
static double temperature_unit(const struct prm_field *f)
{
	const struct prm_struct *m = prm_struct_find("pddr_module_info");

	if (m && f >= m->fields && f < m->fields + m->nfields)
		return 1.0 / 256;
	return 0.125;
}

static bool all_zero(const uint8_t *bytes, size_t nbytes)
{
	size_t i;

	for (i = 0; i < nbytes; i++)
		if (bytes[i])
			return false;
	return true;
}

/*
 * Opaque bytes longer than a line (MCIA's EEPROM data): text as a dump,
 * 16 bytes a line with their offset, trailing zero lines left out; JSON
 * as every byte array, one hex string.
 */
#define DUMP_LINE 16

static void print_dump(const char *key, const uint8_t *bytes, size_t nbytes,
		       unsigned int ind)
{
	size_t used = nbytes, i, j, n = 0, room = 2 * nbytes + 3;
	char *hex = print_is_json() ? malloc(room) : NULL;

	while (used && !bytes[used - 1])
		used--;
	for (i = 0; hex && i < nbytes; i++)
		n += snprintf(hex + n, room - n, "%s%02x", i ? "" : "0x",
			      bytes[i]);
	/* Out of memory: the key stays, empty, rather than vanish. */
	print_string(key, NULL, hex ? hex : "");
	free(hex);
	print_text("%zu bytes%s\n", nbytes,
		   used < nbytes ? ", zero after the last line" : "");
	for (i = 0; i < used; i += DUMP_LINE) {
		print_text("%*s  %04zx:", ind, "", i);
		for (j = i; j < i + DUMP_LINE && j < nbytes; j++)
			print_text(" %02x", bytes[j]);
		print_text("\n");
	}
}

static void print_bytes(const char *key, const struct prm_field *f,
			const uint8_t *bytes, size_t nbytes)
{
	char buf[2 * 512 + 3];
	size_t i, n = 0;

	if (f->flags & PRM_STR) {
		for (i = 0; i < nbytes && bytes[i] && n < sizeof(buf) - 1; i++)
			buf[n++] = (bytes[i] >= 0x20 && bytes[i] < 0x7f) ? bytes[i] : '.';
		/* Firmware pads with spaces as often as with NULs. */
		while (n && buf[n - 1] == ' ')
			n--;
		buf[n] = 0;
		print_string(key, "%s\n", buf);
		return;
	}
	/* Hundreds of zero digits say less than one. */
	if (all_zero(bytes, nbytes)) {
		print_string(key, "%s\n", "0x0");
		return;
	}
	n = snprintf(buf, sizeof(buf), "0x");
	for (i = 0; i < nbytes && n + 3 <= sizeof(buf); i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%02x", bytes[i]);
	print_string(key, "%s\n", buf);
}

/* "a, b" of the named bits set in VAL (PRM_MASK), or "" when none is. */
static void mask_names(const struct prm_field *f, uint64_t val, char *buf,
		       size_t len)
{
	size_t n = 0;
	unsigned int bit;
	const char *name;

	buf[0] = 0;
	/* Some masks name their empty value: auto_mode. */
	if (!val && (name = prm_enum_name(f, 0))) {
		snprintf(buf, len, "%s", name);
		return;
	}
	for (bit = 0; bit < 64 && bit < f->bits && n + 1 < len; bit++) {
		if (!(val & (1ull << bit)))
			continue;
		name = prm_enum_name(f, 1ull << bit);
		n += snprintf(buf + n, len - n, "%s%s", n ? ", " : "",
			      name ? name : "?");
	}
}

static bool has_unit(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (n == units[i].len && !memcmp(units[i].field, name, n))
			return true;
	return false;
}

bool decode_is_other(const char *name, size_t n)
{
	return is_temperature(name, n) || has_unit(name, n);
}

void decode_other(unsigned int ind, const struct prm_field *f, uint64_t val,
		  const uint8_t *bytes, size_t nbytes)
{
	char names[256];
	const char *ename;
	char key[96];
	int64_t sval;

	if (bytes && !(f->flags & PRM_STR) && nbytes > DUMP_LINE &&
	    !all_zero(bytes, nbytes)) {
		print_dump(f->name, bytes, nbytes, ind);
		return;
	}
	if (bytes && (f->bits > 64 || (f->flags & (PRM_STR | PRM_BYTES)))) {
		print_bytes(f->name, f, bytes, nbytes);
		return;
	}
	/* A short string in one dword or two (MTMP sensor names). */
	if ((f->flags & PRM_STR) && f->bits % 8 == 0 && f->bits <= 64) {
		uint8_t be[8];
		uint32_t i, n = f->bits / 8;

		for (i = 0; i < n; i++)
			be[i] = val >> (8 * (n - 1 - i));
		print_bytes(f->name, f, be, n);
		return;
	}
	ename = f->enums && !(f->flags & PRM_MASK) ? prm_enum_name(f, val) :
						     NULL;
	if (ename) {
		print_string(f->name, "%s\n", ename);
	} else if (is_temperature(f->name, strlen(f->name))) {
		sval = f->flags & PRM_SIGNED ? decode_sign_extend(val, f->bits) : (int64_t)val;
		print_int(f->name, "%" PRId64, sval);
		snprintf(key, sizeof(key), "%s_celsius", f->name);
		print_double(key, " (%.3f C)\n", sval * temperature_unit(f));
	} else if (print_unit(f->name, val)) {
		/* printed with its unit */
	} else if (f->flags & PRM_SIGNED) {
		print_int(f->name, "%" PRId64 "\n", decode_sign_extend(val, f->bits));
	} else if (f->flags & PRM_MASK) {
		/* JSON: the mask, as every mask; text: and what it means. */
		mask_names(f, val, names, sizeof(names));
		print_hex(f->name, "0x%" PRIx64, val);
		print_text(names[0] ? " (%s)\n" : "%s\n", names);
	} else if (f->flags & PRM_HEX) {
		print_hex(f->name, "0x%" PRIx64 "\n", val);
	} else {
		print_uint(f->name, "%" PRIu64 "\n", val);
	}
}
