// SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
/*
 * The tool's libm-free ten_to_minus() and decimal_log() against libm
 * itself, linked here only: BER values and dBm readings must print as
 * pow() and log10() would have them.
 */
#include <math.h>
#include <stdint.h>

#include "../check.h"
#include "cli.h"

/* Within RELATIVE of libm's answer. */
static int close_to(double got, double want, double relative)
{
	return fabs(got - want) <= relative * fabs(want);
}

static void check_ten_to_minus(void)
{
	uint64_t m;

	/* Up to 10^-22 the one division rounds exactly as pow() does. */
	for (m = 0; m <= 22; m++)
		CHECK(ten_to_minus(m) == pow(10, -(double)m));
	/* Past it each step rounds once: a few ulps, down to the normals. */
	for (m = 23; m <= 307; m++)
		CHECK(close_to(ten_to_minus(m), pow(10, -(double)m), 1e-14));
	for (m = 308; m <= 330; m++)
		CHECK(fabs(ten_to_minus(m) - pow(10, -(double)m)) < 1e-320);
	/* Past the smallest double, and a magnitude that would not end. */
	CHECK(ten_to_minus(500) == 0);
	CHECK(ten_to_minus(UINT64_MAX) == 0);
}

static void check_decimal_log(void)
{
	unsigned int differ = 0;
	double x;

	/* Near 1 the logarithm is near 0: there the error is absolute. */
	for (x = 1e-300; x < 1e300; x *= 1.37)
		CHECK(close_to(decimal_log(x), log10(x), 1e-14) ||
		      fabs(decimal_log(x) - log10(x)) < 1e-15);
	CHECK(decimal_log(1) == 0);
	CHECK(close_to(decimal_log(1000), 3, 1e-15));
	CHECK(close_to(decimal_log(0.5), log10(0.5), 1e-15));
	/*
	 * What "%6.2f dBm" prints is libm's, digit for digit, for every
	 * optical power the modules report (0.1 uW steps to 6.5535 mW).
	 */
	for (x = 1; x <= 65535; x++) {
		char a[32], b[32];

		snprintf(a, sizeof(a), "%6.2f", 10 * decimal_log(x * 1e-4));
		snprintf(b, sizeof(b), "%6.2f", 10 * log10(x * 1e-4));
		differ += !!strcmp(a, b);
	}
	CHECK_EQ(differ, 0);
}

int main(void)
{
	check_ten_to_minus();
	check_decimal_log();
	return check_done("test_cli_math");
}
