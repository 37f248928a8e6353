// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "opcodes.h"
#include "prm.h"

/* Decimal or 0x-hex, the whole string, at most MAX. */
int parse_u64(const char *str, uint64_t max, uint64_t *val)
{
	unsigned long long v;
	char *end;

	if (!str || !*str || *str == '-' || isspace((unsigned char)*str))
		return EINVAL;
	errno = 0;
	v = strtoull(str, &end, 0);
	if (errno || *end)
		return EINVAL;
	if (v > max)
		return ERANGE;
	*val = v;
	return 0;
}

static int hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int parse_hex_bytes(const char *str, uint8_t **buf, size_t *len)
{
	size_t n = 0, digits = 0;
	uint8_t *b;
	const char *p;
	int v;

	if (!strncmp(str, "0x", 2) || !strncmp(str, "0X", 2))
		str += 2;
	for (p = str; *p; p++) {
		if (isspace((unsigned char)*p) || *p == ':')
			continue;
		if (hex_nibble(*p) < 0)
			return EINVAL;
		digits++;
	}
	if (digits % 2)
		return EINVAL;
	b = calloc(1, digits / 2 + 1);
	if (!b)
		return ENOMEM;
	digits = 0;
	for (p = str; *p; p++) {
		v = hex_nibble(*p);
		if (v < 0)
			continue;
		if (digits++ % 2)
			b[n++] |= v;
		else
			b[n] = v << 4;
	}
	*buf = b;
	*len = n;
	return 0;
}

/* Inputs larger than the biggest RPC the kernel takes are a mistake. */
#define READ_FILE_MAX (2u << 20)

int read_file(const char *path, uint8_t **buf, size_t *len)
{
	size_t n = 0, cap = 4096;
	uint8_t *b, *nb;
	size_t got;
	FILE *f;
	int err = 0;

	f = fopen(path, "rb");
	if (!f)
		return errno;
	b = malloc(cap);
	if (!b) {
		fclose(f);
		return ENOMEM;
	}
	while ((got = fread(b + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n > READ_FILE_MAX) {
			err = EFBIG;
			break;
		}
		if (n == cap) {
			nb = realloc(b, cap * 2);
			if (!nb) {
				err = ENOMEM;
				break;
			}
			b = nb;
			cap *= 2;
		}
	}
	if (!err && ferror(f))
		err = EIO;
	fclose(f);
	if (err) {
		free(b);
		return err;
	}
	*buf = b;
	*len = n;
	return 0;
}

void cmd_hdr_set(void *in, uint16_t opcode, uint16_t op_mod)
{
	PRM_SET(mbox_in, in, opcode, opcode);
	PRM_SET(mbox_in, in, op_mod, op_mod);
}

void cmd_access_reg_set(void *in, uint16_t reg_id, bool write,
			const void *data, size_t len)
{
	cmd_hdr_set(in, MLX5_CMD_OP_ACCESS_REG, write ? 0 : 1);
	PRM_SET(access_register_in, in, register_id, reg_id);
	memcpy((uint8_t *)in + PRM_SIZE(access_register_in), data, len);
}

bool cmd_is_reg_write(const void *in)
{
	uint16_t opcode = PRM_GET(mbox_in, in, opcode);

	return (opcode == MLX5_CMD_OP_ACCESS_REG ||
		opcode == MLX5_CMD_OP_ACCESS_REGISTER_USER) &&
	       PRM_GET(mbox_in, in, op_mod) != 1;
}

bool str_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* 10^0 .. 10^22, every one exact in a double. */
static const double pow10_exact[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

double ten_to_minus(uint64_t m)
{
	double v = 1;

	if (m > 400)	/* below the smallest double */
		return 0;
	/*
	 * Powers of ten up to 10^22 are exact in a double, so one division
	 * rounds as pow() does; past that, each step divides by 10^22.
	 */
	for (; m > 22; m -= 22)
		v /= 1e22;
	return v / pow10_exact[m];
}

double decimal_log(double x)
{
	const double ln2 = 0.693147180559945309417;
	const double ln10 = 2.30258509299404568402;
	double z, z2, term, sum = 0;
	int e, k;
	/* x = m * 2^e, m in [sqrt(1/2), sqrt(2)) (frexp is in libc) */
	double m = frexp(x, &e);

	if (m < 0.70710678118654752440) {
		m *= 2;
		e--;
	}
	/* ln(m) = 2 atanh(z), |z| < 0.172: 12 terms reach double precision */
	z = (m - 1) / (m + 1);
	z2 = z * z;
	term = z;
	for (k = 1; k < 25; k += 2) {
		sum += term / k;
		term *= z2;
	}
	return (2 * sum + e * ln2) / ln10;
}

/* The snapshot file and -v name commands alike. */
void cmd_name(const void *in, size_t inlen, char *buf, size_t len)
{
	uint16_t opcode = PRM_GET(mbox_in, in, opcode);
	const char *name = prm_opcode_name(opcode);
	const struct prm_reg *r = NULL;

	if (opcode == MLX5_CMD_OP_ACCESS_REG &&
	    inlen >= PRM_SIZE(access_register_in))
		r = prm_reg_by_id(PRM_GET(access_register_in, in, register_id));
	if (name)
		snprintf(buf, len, "%s%s%s", name, r ? " " : "",
			 r ? r->name : "");
	else
		snprintf(buf, len, "opcode %#x", opcode);
}
