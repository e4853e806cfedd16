/* test_money.c - amounts: parsing, formatting, currencies, exact arithmetic.
 *
 * Every expected value below is worked out by hand in the comment next to
 * it, never copied from the library's output.
 */
#include <stdint.h>
#include <string.h>

#include "money.h"
#include "unit.h"

static const dn_numfmt dot = {'.', 0};
static const dn_numfmt comma_space = {',', ' '};
static const dn_numfmt comma_dot = {',', '.'};
static const dn_numfmt comma_none = {',', 0};

/* Parse a NUL-terminated string; returns the status, *out on success. */
static int parse(const char *s, int decimals, const dn_numfmt *fmt, int64_t *out, dn_error *e)
{
	dn_error_clear(e);
	return dn_money_parse(s, strlen(s), decimals, fmt, out, e);
}

/* Whether s parses to want. */
static int parses_to(const char *s, int decimals, const dn_numfmt *fmt, int64_t want)
{
	dn_error e;
	int64_t v = -42;

	if (parse(s, decimals, fmt, &v, &e) != 0) {
		printf("  '%s' not parsed: %s\n", s, e.message);
		return 0;
	}
	if (v != want) {
		printf("  '%s' parsed to %lld, want %lld\n", s, (long long)v, (long long)want);
		return 0;
	}
	return 1;
}

/* Whether s is refused with DN_EX_DATAERR and a message starting with msg. */
static int refused(const char *s, int decimals, const dn_numfmt *fmt, const char *msg)
{
	dn_error e;
	int64_t v = 0;
	int rc = parse(s, decimals, fmt, &v, &e);

	if (rc != DN_EX_DATAERR) {
		printf("  '%s' gave %d (value %lld), want refusal\n", s, rc, (long long)v);
		return 0;
	}
	if (strncmp(e.message, msg, strlen(msg)) != 0) {
		printf("  '%s' refused with '%s', want '%s...'\n", s, e.message, msg);
		return 0;
	}
	/* The reason code says the same as the words, for callers. */
	if (e.reason != (strncmp(msg, "too many", 8) == 0	? DN_R_TOO_MANY_DECIMALS
			 : strncmp(msg, "amount out", 10) == 0	? DN_R_OVERFLOW
			 : strncmp(msg, "empty", 5) == 0		? DN_R_EMPTY
								: DN_R_BAD_NUMBER)) {
		printf("  '%s' refused with reason %d\n", s, e.reason);
		return 0;
	}
	return 1;
}

static const char *fmt_units(int64_t units, int decimals)
{
	static char buf[DN_MONEY_BUFSZ];

	dn_money_format(units, decimals, buf);
	return buf;
}

static const char *fmt_grouped(int64_t units, int decimals, char sep)
{
	static char buf[DN_MONEY_BUFSZ];

	dn_money_format_grouped(units, decimals, sep, buf);
	return buf;
}

static void test_parse_default(void)
{
	/* EUR has 2 decimals: units are cents. */
	CHECK(parses_to("1234.56", 2, &dot, 123456));
	CHECK(parses_to("-12.5", 2, &dot, -1250));
	CHECK(parses_to("1234", 2, &dot, 123400));
	CHECK(parses_to("1234.5600", 2, &dot, 123456)); /* trailing zeros are fine */
	CHECK(parses_to("+3", 2, &dot, 300));
	CHECK(parses_to("0", 2, &dot, 0));
	CHECK(parses_to("-0.01", 2, &dot, -1));
	CHECK(parses_to("0.5", 2, &dot, 50));
	CHECK(parses_to("007", 2, &dot, 700));
	CHECK(parses_to("10.0", 0, &dot, 10)); /* JPY: a zero decimal is no decimal */
	CHECK(parses_to("12", 0, &dot, 12));
	CHECK(parses_to("1.234", 3, &dot, 1234)); /* BHD */
	CHECK(parses_to("1.2345", 4, &dot, 12345)); /* CLF */
	CHECK(parses_to("0.00000001", 8, &dot, 1)); /* a [currencies] xbt = 8 */
	/* NULL fmt is the default format. */
	CHECK(parses_to("1234.56", 2, NULL, 123456));
	/* The text need not be NUL-terminated: only len bytes count. */
	{
		int64_t v = 0;
		dn_error e;
		CHECK(dn_money_parse("12.34xyz", 5, 2, &dot, &v, &e) == 0 && v == 1234);
	}
	/* Limits: 2^63 - 1 = 9223372036854775807 minor units. */
	CHECK(parses_to("9223372036854775807", 0, &dot, INT64_MAX));
	CHECK(parses_to("-9223372036854775807", 0, &dot, -INT64_MAX));
	CHECK(parses_to("92233720368547758.07", 2, &dot, INT64_MAX));
	/* 92233720368547758 * 100 = 9223372036854775800 <= INT64_MAX: fits. */
	CHECK(parses_to("92233720368547758", 2, &dot, INT64_C(9223372036854775800)));
}

static void test_parse_comma(void)
{
	CHECK(parses_to("1 234,56", 2, &comma_space, 123456));
	CHECK(parses_to("1\xc2\xa0" "234,56", 2, &comma_space, 123456));     /* NBSP */
	CHECK(parses_to("1\xe2\x80\xaf" "234,56", 2, &comma_space, 123456)); /* U+202F */
	CHECK(parses_to("12 345 678,9", 2, &comma_space, 1234567890));
	CHECK(parses_to("-1 000", 2, &comma_space, -100000));
	CHECK(parses_to("999,99", 2, &comma_space, 99999));
	CHECK(parses_to("1234,56", 2, &comma_space, 123456)); /* grouping is optional */
	CHECK(parses_to("1.234,56", 2, &comma_dot, 123456));
	CHECK(parses_to("1.234.567", 2, &comma_dot, 123456700));
	CHECK(parses_to("1234,5", 2, &comma_none, 123450));
	/* The canonical form that the tools write is accepted too. */
	CHECK(parses_to("-1234.56", 2, &comma_space, -123456));
	CHECK(parses_to("-1234.56", 2, &comma_dot, -123456));
	CHECK(parses_to("12.50", 2, &comma_dot, 1250));
	CHECK(parses_to("0.05", 2, &comma_none, 5));
	/* Under dot grouping, text with exactly the currency's decimals after
	 * its only '.' is the canonical form; other dots group thousands. */
	CHECK(parses_to("12.345", 3, &comma_dot, 12345));     /* 12.345 BHD */
	CHECK(parses_to("-12.345", 3, &comma_dot, -12345));
	CHECK(parses_to("12.345", 2, &comma_dot, 1234500));   /* 12345 EUR */
	CHECK(parses_to("1.234.567", 3, &comma_dot, 1234567000));
	CHECK(parses_to("12.345,5", 3, &comma_dot, 12345500));
	/* Mixing the two forms is not an amount. */
	CHECK(refused("1 234.56", 2, &comma_space, "not an amount"));
	CHECK(refused("1,234.56", 2, &comma_dot, "not an amount"));
	CHECK(refused("1.234.56", 2, &comma_dot, "not an amount"));
}

static void test_parse_refused(void)
{
	dn_error e;
	int64_t v;

	CHECK(parse("", 2, &dot, &v, &e) == DN_EX_DATAERR);
	CHECK(e.message[0] != '\0');
	CHECK(refused("", 2, &dot, "empty amount"));
	CHECK(refused("10.005", 2, &dot, "too many decimals"));
	CHECK(refused("10.0050", 2, &dot, "too many decimals"));
	CHECK(refused("12.5", 0, &dot, "too many decimals"));
	CHECK(refused("1.23456", 4, &dot, "too many decimals"));
	CHECK(refused("0,001", 2, &comma_space, "too many decimals"));
	CHECK(refused("1e9", 2, &dot, "not an amount"));
	CHECK(refused("12,34.5", 2, &dot, "not an amount"));
	CHECK(refused("--5", 2, &dot, "not an amount"));
	CHECK(refused("+-5", 2, &dot, "not an amount"));
	CHECK(refused("-", 2, &dot, "not an amount"));
	CHECK(refused("+", 2, &dot, "not an amount"));
	CHECK(refused("\xd9\xa1\xd9\xa2\xd9\xa3", 2, &dot, "not an amount")); /* Arabic-Indic 123 */
	CHECK(refused("1.", 2, &dot, "not an amount"));
	CHECK(refused(".5", 2, &dot, "not an amount"));
	CHECK(refused("1.2.3", 2, &dot, "not an amount"));
	CHECK(refused(" 12", 2, &dot, "not an amount")); /* values are not trimmed */
	CHECK(refused("12 ", 2, &dot, "not an amount"));
	CHECK(refused("1,5", 2, &dot, "not an amount"));
	CHECK(refused("1 234,56", 2, &dot, "not an amount")); /* default format */
	CHECK(refused("12EUR", 2, &dot, "not an amount"));
	/* Text that is no number at all is not blamed on its decimals. */
	CHECK(refused("10.005abc", 2, &dot, "not an amount"));
	CHECK(refused("10.005.5", 2, &dot, "not an amount"));
	CHECK(refused("1.5e3", 0, &dot, "not an amount"));
	/* Grouping must be in threes, after 1 to 3 leading digits. */
	CHECK(refused("1 23,45", 2, &comma_space, "not an amount"));
	CHECK(refused("12 3456,00", 2, &comma_space, "not an amount"));
	CHECK(refused("1234 567,00", 2, &comma_space, "not an amount"));
	CHECK(refused(" 234,00", 2, &comma_space, "not an amount"));
	CHECK(refused("1 ,00", 2, &comma_space, "not an amount"));
	CHECK(refused("1  234,00", 2, &comma_space, "not an amount"));
	CHECK(refused("1,", 2, &comma_space, "not an amount"));
	CHECK(refused(",5", 2, &comma_space, "not an amount"));
	CHECK(refused("1.23,45", 2, &comma_dot, "not an amount"));
	/* Range: 2^63 does not fit, in the digits or after scaling. */
	CHECK(refused("9223372036854775808", 0, &dot, "amount out of range"));
	CHECK(refused("-9223372036854775808", 0, &dot, "amount out of range"));
	CHECK(refused("99999999999999999999999", 0, &dot, "amount out of range"));
	CHECK(refused("92233720368547758.08", 2, &dot, "amount out of range"));
	/* 92233720368547759 fits in int64, but * 100 = 9223372036854775900 does not. */
	CHECK(refused("92233720368547759", 2, &dot, "amount out of range"));
	CHECK(refused("1000000000000000000", 2, &dot, "amount out of range"));
	CHECK(refused("922337203685477580.8", 1, &dot, "amount out of range"));
	/* The exact message of the status, and the decimals named. */
	CHECK(parse("10.005", 2, &dot, &v, &e) == DN_EX_DATAERR);
	CHECK_STR(e.message, "too many decimals for the currency (2)");
	CHECK(e.status == DN_EX_DATAERR);
	CHECK(parse("abc", 2, &dot, &v, &e) == DN_EX_DATAERR);
	CHECK_STR(e.message, "not an amount");
	CHECK(parse("9223372036854775808", 0, &dot, &v, &e) == DN_EX_DATAERR);
	CHECK_STR(e.message, "amount out of range");
	/* A NULL error record is allowed. */
	CHECK(dn_money_parse("x", 1, 2, &dot, &v, NULL) == DN_EX_DATAERR);
}

static void test_format(void)
{
	char buf[DN_MONEY_BUFSZ];

	CHECK_STR(fmt_units(-123456, 2), "-1234.56");
	CHECK_STR(fmt_units(123456, 2), "1234.56");
	CHECK_STR(fmt_units(0, 2), "0.00");
	CHECK_STR(fmt_units(5, 2), "0.05");
	CHECK_STR(fmt_units(-5, 2), "-0.05");
	CHECK_STR(fmt_units(-100, 2), "-1.00");
	CHECK_STR(fmt_units(42, 0), "42");
	CHECK_STR(fmt_units(0, 0), "0");
	CHECK_STR(fmt_units(-7, 0), "-7");
	CHECK_STR(fmt_units(1234567, 3), "1234.567");
	CHECK_STR(fmt_units(5, 3), "0.005");
	CHECK_STR(fmt_units(-1000, 3), "-1.000");
	CHECK_STR(fmt_units(12345, 4), "1.2345");
	CHECK_STR(fmt_units(1, 4), "0.0001");
	CHECK_STR(fmt_units(1, 8), "0.00000001");
	CHECK_STR(fmt_units(INT64_MAX, 0), "9223372036854775807");
	CHECK_STR(fmt_units(INT64_MAX, 2), "92233720368547758.07");
	CHECK_STR(fmt_units(-INT64_MAX, 2), "-92233720368547758.07");
	CHECK_STR(fmt_units(INT64_MIN, 2), "-92233720368547758.08");
	CHECK(dn_money_format(-123456, 2, buf) == 8);
	CHECK(dn_money_format(0, 0, buf) == 1);
	CHECK(dn_money_format(INT64_MAX, 4, buf) == 20);

	CHECK_STR(fmt_grouped(1240000, 2, ' '), "12 400.00");
	CHECK_STR(fmt_grouped(123456789, 2, ','), "1,234,567.89");
	CHECK_STR(fmt_grouped(-100000, 2, ' '), "-1 000.00");
	CHECK_STR(fmt_grouped(-99999, 2, ' '), "-999.99");
	CHECK_STR(fmt_grouped(0, 2, ' '), "0.00");
	CHECK_STR(fmt_grouped(123456, 0, ' '), "123 456");
	CHECK_STR(fmt_grouped(1234567, 3, ' '), "1 234.567");
	CHECK_STR(fmt_grouped(INT64_MAX, 0, ' '), "9 223 372 036 854 775 807");
	CHECK_STR(fmt_grouped(123456, 2, 0), "1234.56"); /* 0: no grouping */
	CHECK(dn_money_format_grouped(1240000, 2, ' ', buf) == 9);
}

/* A deterministic pseudo-random sequence (64-bit LCG, Knuth's MMIX). */
static uint64_t lcg_state = 88172645463325252u;

static uint64_t next_rand(void)
{
	lcg_state = lcg_state * 6364136223846793005u + 1442695040888963407u;
	return lcg_state;
}

static void test_round_trip(void)
{
	static const int64_t edges[] = {0, 1, -1, 9, 10, 99, 100, 101, 999, 1000, -1000,
					INT64_MAX, -INT64_MAX, INT64_MAX - 1};
	long bad = 0, n = 0;
	size_t i;
	int d, k;

	for (d = 0; d <= 9; d++) {
		for (k = 0; k < 2000 + (int)(sizeof edges / sizeof edges[0]); k++) {
			char s[DN_MONEY_BUFSZ], again[DN_MONEY_BUFSZ];
			int64_t v, back = 0;
			dn_error e;
			if (k < (int)(sizeof edges / sizeof edges[0])) {
				v = edges[k];
			} else {
				/* Vary the magnitude: shift a random value right by 0..62. */
				uint64_t r = next_rand();
				v = (int64_t)((r >> 1) >> (next_rand() % 63));
				if (r & 1)
					v = -v;
			}
			dn_money_format(v, d, s);
			n++;
			if (dn_money_parse(s, strlen(s), d, &dot, &back, &e) != 0 || back != v) {
				if (bad++ < 5)
					printf("  round trip of '%s' (%d decimals) failed\n", s, d);
				continue;
			}
			dn_money_format(back, d, again);
			if (strcmp(s, again) != 0 && bad++ < 5)
				printf("  '%s' came back as '%s'\n", s, again);
			/* The canonical form is accepted under a comma format too,
			 * even where '.' groups thousands ("12.345" BHD). */
			if ((dn_money_parse(s, strlen(s), d, &comma_space, &back, &e) != 0 ||
			     back != v) &&
			    bad++ < 5)
				printf("  '%s' not read under decimal comma\n", s);
			if ((dn_money_parse(s, strlen(s), d, &comma_dot, &back, &e) != 0 ||
			     back != v) &&
			    bad++ < 5)
				printf("  '%s' not read under dot grouping\n", s);
		}
	}
	CHECK(n == 10 * (2000 + (long)(sizeof edges / sizeof edges[0])));
	CHECK(bad == 0);

	/* Grouped output, with ',' as the decimal separator, reads back under
	 * the matching input format. */
	bad = 0;
	for (i = 0; i < 3000; i++) {
		char s[DN_MONEY_BUFSZ], *dotp;
		int64_t v = (int64_t)(next_rand() >> (1 + next_rand() % 63)), back = 0;
		dn_error e;
		if (i & 1)
			v = -v;
		dn_money_format_grouped(v, 2, ' ', s);
		dotp = strchr(s, '.');
		if (dotp != NULL)
			*dotp = ',';
		if ((dn_money_parse(s, strlen(s), 2, &comma_space, &back, &e) != 0 || back != v) &&
		    bad++ < 5)
			printf("  grouped '%s' not read back\n", s);
	}
	CHECK(bad == 0);
}

static void test_iso4217(void)
{
	dn_currencies *t;
	long mismatch = 0;
	char code[4];
	int a, b, c;

	CHECK(dn_iso4217_decimals("EUR", 3) == 2);
	CHECK(dn_iso4217_decimals("JPY", 3) == 0);
	CHECK(dn_iso4217_decimals("BHD", 3) == 3);
	CHECK(dn_iso4217_decimals("CLF", 3) == 4);
	CHECK(dn_iso4217_decimals("KWD", 3) == 3);
	CHECK(dn_iso4217_decimals("TND", 3) == 3);
	CHECK(dn_iso4217_decimals("UYW", 3) == 4);
	CHECK(dn_iso4217_decimals("ISK", 3) == 0);
	CHECK(dn_iso4217_decimals("KRW", 3) == 0);
	CHECK(dn_iso4217_decimals("XOF", 3) == 0);
	CHECK(dn_iso4217_decimals("USD", 3) == 2);
	CHECK(dn_iso4217_decimals("AED", 3) == 2); /* first of the table */
	CHECK(dn_iso4217_decimals("ZWL", 3) == 2); /* last of the table */
	CHECK(dn_iso4217_decimals("XYZ", 3) == -1);
	CHECK(dn_iso4217_decimals("XAU", 3) == -1); /* no minor unit: left out */
	CHECK(dn_iso4217_decimals("eur", 3) == 2);
	CHECK(dn_iso4217_decimals("Jpy", 3) == 0);
	CHECK(dn_iso4217_decimals("EURO", 3) == 2); /* only len bytes count */
	CHECK(dn_iso4217_decimals("EURO", 4) == -1);
	CHECK(dn_iso4217_decimals("EU", 2) == -1);
	CHECK(dn_iso4217_decimals("", 0) == -1);
	CHECK(dn_iso4217_decimals("E1R", 3) == -1);
	CHECK(dn_iso4217_decimals("EU ", 3) == -1);

	/* A fresh table agrees with the ISO search for every 3-letter code
	 * (this also catches an unsorted ISO table, which the search would miss). */
	t = dn_currencies_new();
	CHECK(t != NULL);
	if (t == NULL)
		return;
	code[3] = '\0';
	for (a = 0; a < 26; a++)
		for (b = 0; b < 26; b++)
			for (c = 0; c < 26; c++) {
				code[0] = (char)('A' + a);
				code[1] = (char)('A' + b);
				code[2] = (char)('A' + c);
				if (dn_currencies_decimals(t, code, 3) != dn_iso4217_decimals(code, 3))
					mismatch++;
			}
	CHECK(mismatch == 0);
	dn_currencies_free(t);
}

static void test_currencies(void)
{
	dn_currencies *t = dn_currencies_new(), *u = dn_currencies_new();

	CHECK(t != NULL && u != NULL);
	if (t == NULL || u == NULL) {
		dn_currencies_free(t);
		dn_currencies_free(u);
		return;
	}
	CHECK(dn_currencies_decimals(t, "XBT", 3) == -1);
	CHECK(dn_currencies_add(t, "xbt", 8) == 0);
	CHECK(dn_currencies_decimals(t, "XBT", 3) == 8);
	CHECK(dn_currencies_decimals(t, "xbt", 3) == 8);
	CHECK(dn_currencies_decimals(t, "EUR", 3) == 2);
	/* Override an ISO code, then override the addition. */
	CHECK(dn_currencies_add(t, "EUR", 3) == 0);
	CHECK(dn_currencies_decimals(t, "eur", 3) == 3);
	CHECK(dn_currencies_add(t, "XBT", 0) == 0);
	CHECK(dn_currencies_decimals(t, "XBT", 3) == 0);
	CHECK(dn_currencies_add(t, "XAU", 9) == 0);
	CHECK(dn_currencies_decimals(t, "XAU", 3) == 9);
	/* Bad codes and decimals are refused and change nothing. */
	CHECK(dn_currencies_add(t, "XB", 2) == -1);
	CHECK(dn_currencies_add(t, "XBTC", 2) == -1);
	CHECK(dn_currencies_add(t, "X1T", 2) == -1);
	CHECK(dn_currencies_add(t, "ABC", 10) == -1);
	CHECK(dn_currencies_add(t, "ABC", -1) == -1);
	CHECK(dn_currencies_decimals(t, "ABC", 3) == -1);
	CHECK(dn_currencies_decimals(t, "XB", 2) == -1);
	/* Another table is not affected; NULL means ISO only. */
	CHECK(dn_currencies_decimals(u, "EUR", 3) == 2);
	CHECK(dn_currencies_decimals(u, "XBT", 3) == -1);
	CHECK(dn_currencies_decimals(NULL, "EUR", 3) == 2);
	CHECK(dn_currencies_decimals(NULL, "XBT", 3) == -1);
	dn_currencies_free(t);
	dn_currencies_free(u);
	dn_currencies_free(NULL);
}

static void test_add_sub(void)
{
	int64_t r = 12345;

	CHECK(dn_money_add(5, -7, &r) == 0 && r == -2);
	CHECK(dn_money_add(INT64_MAX - 1, 1, &r) == 0 && r == INT64_MAX);
	CHECK(dn_money_add(INT64_MAX, 1, &r) == -1);
	CHECK(dn_money_add(INT64_MAX, INT64_MAX, &r) == -1);
	CHECK(dn_money_add(-INT64_MAX, -1, &r) == -1); /* INT64_MIN is out of range too */
	CHECK(dn_money_add(-INT64_MAX, 0, &r) == 0 && r == -INT64_MAX);
	CHECK(dn_money_add(INT64_MAX, -INT64_MAX, &r) == 0 && r == 0);
	CHECK(dn_money_sub(10, 25, &r) == 0 && r == -15);
	CHECK(dn_money_sub(0, INT64_MAX, &r) == 0 && r == -INT64_MAX);
	CHECK(dn_money_sub(-INT64_MAX, 1, &r) == -1);
	CHECK(dn_money_sub(INT64_MAX, -1, &r) == -1);
	CHECK(dn_money_sub(-2, INT64_MAX, &r) == -1);
	CHECK(dn_money_sub(INT64_MAX, INT64_MAX, &r) == 0 && r == 0);
}

static void test_div_round(void)
{
	/* Halves go away from zero; other fractions to the nearest. */
	CHECK(dn_div_round(5, 2) == 3);   /* 2.5 */
	CHECK(dn_div_round(-5, 2) == -3); /* -2.5 */
	CHECK(dn_div_round(5, -2) == -3);
	CHECK(dn_div_round(-5, -2) == 3);
	CHECK(dn_div_round(7, 2) == 4);   /* 3.5 */
	CHECK(dn_div_round(-7, 2) == -4);
	CHECK(dn_div_round(1, 2) == 1);   /* 0.5 */
	CHECK(dn_div_round(-1, 2) == -1);
	CHECK(dn_div_round(4, 3) == 1);   /* 1.33 */
	CHECK(dn_div_round(5, 3) == 2);   /* 1.67 */
	CHECK(dn_div_round(-4, 3) == -1);
	CHECK(dn_div_round(-5, 3) == -2);
	CHECK(dn_div_round(1, 3) == 0);
	CHECK(dn_div_round(-1, 3) == 0);
	CHECK(dn_div_round(6, 2) == 3);
	CHECK(dn_div_round(-6, 2) == -3);
	CHECK(dn_div_round(0, 7) == 0);
	CHECK(dn_div_round(149, 100) == 1);
	CHECK(dn_div_round(150, 100) == 2);
	CHECK(dn_div_round(-150, 100) == -2);
	CHECK(dn_div_round(-149, 100) == -1);
	/* Beyond 64 bits: (2^63 - 1) * 1000 + 500 over 1000 rounds up to 2^63. */
	CHECK(dn_div_round((dn_i128)INT64_MAX * 1000 + 500, 1000) == (dn_i128)INT64_MAX + 1);
	CHECK(dn_div_round((dn_i128)INT64_MAX * 1000 + 499, 1000) == (dn_i128)INT64_MAX);
}

static void test_muldiv(void)
{
	int64_t r = 0;

	/* 3000.00 EUR at 14.76 % for 30 days: 300000 * 1476 * 30 / (365 * 10000)
	 * = 13284000000 / 3650000 = 3639.45... -> 3639 cents = 36.39. */
	CHECK(dn_muldiv_round(300000, 1476 * 30, 365 * 10000, &r) == 0 && r == 3639);
	CHECK_STR(fmt_units(r, 2), "36.39");
	/* 1234.56 at 10.5 % for 45 days: 123456 * 105 * 45 / (365 * 1000)
	 * = 583329600 / 365000 = 1598.16... -> 15.98. */
	CHECK(dn_muldiv_round(123456, 105 * 45, 365 * 1000, &r) == 0 && r == 1598);
	/* Halves away from zero, both signs: 3 * 5 / 10 = 1.5. */
	CHECK(dn_muldiv_round(3, 5, 10, &r) == 0 && r == 2);
	CHECK(dn_muldiv_round(-3, 5, 10, &r) == 0 && r == -2);
	CHECK(dn_muldiv_round(3, 5, -10, &r) == 0 && r == -2);
	CHECK(dn_muldiv_round(1, 1, 3, &r) == 0 && r == 0);
	CHECK(dn_muldiv_round(2, 1, 3, &r) == 0 && r == 1);
	/* The product needs 128 bits, the result fits. */
	CHECK(dn_muldiv_round(INT64_MAX, INT64_MAX, INT64_MAX, &r) == 0 && r == INT64_MAX);
	CHECK(dn_muldiv_round(INT64_MAX, 2, 2, &r) == 0 && r == INT64_MAX);
	CHECK(dn_muldiv_round(INT64_MAX, 3, 4, &r) == 0);
	/* The result does not fit, or c is 0. */
	CHECK(dn_muldiv_round(INT64_MAX, 2, 1, &r) == -1);
	CHECK(dn_muldiv_round(-INT64_MAX, 2, 1, &r) == -1);
	CHECK(dn_muldiv_round(1, 1, 0, &r) == -1);
}

static void test_decimal(void)
{
	dn_decimal d = {0, 0};
	dn_error e;
	int64_t u = 0;

#define DEC(s) dn_decimal_parse(s, strlen(s), &d, &e)
	CHECK(DEC("12") == 0 && d.num == 12 && d.scale == 0);
	CHECK(DEC("14.76") == 0 && d.num == 1476 && d.scale == 2);
	CHECK(DEC("-12.5") == 0 && d.num == -125 && d.scale == 1);
	CHECK(DEC("+2.50") == 0 && d.num == 250 && d.scale == 2);
	CHECK(DEC("0") == 0 && d.num == 0 && d.scale == 0);
	CHECK(DEC("0.000000001") == 0 && d.num == 1 && d.scale == 9);
	CHECK(DEC("123456789012345678") == 0 && d.num == INT64_C(123456789012345678));
	CHECK(DEC("0.0000000001") == DN_EX_DATAERR); /* 10 decimals */
	CHECK(DEC("1234567890123456789") == DN_EX_DATAERR); /* 19 digits */
	CHECK(DEC("") == DN_EX_DATAERR);
	CHECK(DEC(".") == DN_EX_DATAERR);
	CHECK(DEC("1.") == DN_EX_DATAERR);
	CHECK(DEC(".5") == DN_EX_DATAERR);
	CHECK(DEC("1e3") == DN_EX_DATAERR);
	CHECK(DEC("1,5") == DN_EX_DATAERR);
	CHECK(DEC("--1") == DN_EX_DATAERR);
	CHECK(DEC("-") == DN_EX_DATAERR);
	CHECK(DEC("1.2.3") == DN_EX_DATAERR);
	CHECK(DEC(" 1") == DN_EX_DATAERR);
	CHECK(DEC("12%") == DN_EX_DATAERR);
#undef DEC
	CHECK(dn_decimal_parse("14.76abc", 5, &d, NULL) == 0 && d.num == 1476 && d.scale == 2);

	/* Major units to minor units. */
	CHECK(dn_decimal_to_units((dn_decimal){5, 0}, 2, &u) == 0 && u == 500);
	CHECK(dn_decimal_to_units((dn_decimal){5, 1}, 2, &u) == 0 && u == 50);     /* 0.5 */
	CHECK(dn_decimal_to_units((dn_decimal){1476, 2}, 2, &u) == 0 && u == 1476); /* 14.76 */
	CHECK(dn_decimal_to_units((dn_decimal){-125, 1}, 2, &u) == 0 && u == -1250);
	CHECK(dn_decimal_to_units((dn_decimal){505, 1}, 0, &u) == -1); /* 50.5 JPY */
	CHECK(dn_decimal_to_units((dn_decimal){500, 1}, 0, &u) == 0 && u == 50); /* 50.0 */
	CHECK(dn_decimal_to_units((dn_decimal){50, 0}, 0, &u) == 0 && u == 50);
	CHECK(dn_decimal_to_units((dn_decimal){1, 9}, 8, &u) == -1);
	CHECK(dn_decimal_to_units((dn_decimal){10, 9}, 8, &u) == 0 && u == 1);
	CHECK(dn_decimal_to_units((dn_decimal){1, 0}, 9, &u) == 0 && u == 1000000000);
	CHECK(dn_decimal_to_units((dn_decimal){INT64_MAX, 0}, 1, &u) == -1);
	CHECK(dn_decimal_to_units((dn_decimal){INT64_C(922337203685477580), 0}, 1, &u) == 0 &&
	      u == INT64_C(9223372036854775800));
	CHECK(dn_decimal_to_units((dn_decimal){-INT64_C(922337203685477581), 0}, 1, &u) == -1);

	CHECK(dn_pow10(0) == 1);
	CHECK(dn_pow10(2) == 100);
	CHECK(dn_pow10(9) == 1000000000);
	CHECK(dn_pow10(18) == INT64_C(1000000000000000000));
}

/* The formatter as it was before it wrote two digits at a time (reversed
 * digits, then copied in order): the reference the fast one must equal. */
static size_t old_format_grouped(int64_t units, int decimals, char sep, char *buf)
{
	char digits[32];
	uint64_t u = units < 0 ? (uint64_t)0 - (uint64_t)units : (uint64_t)units;
	size_t nd = 0, o = 0, intlen, k;

	do {
		digits[nd++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u > 0 || nd <= (size_t)decimals);
	if (units < 0)
		buf[o++] = '-';
	intlen = nd - (size_t)decimals;
	for (k = 0; k < intlen; k++) {
		if (sep && k > 0 && (intlen - k) % 3 == 0)
			buf[o++] = sep;
		buf[o++] = digits[nd - 1 - k];
	}
	if (decimals > 0) {
		buf[o++] = '.';
		for (k = (size_t)decimals; k > 0; k--)
			buf[o++] = digits[k - 1];
	}
	buf[o] = '\0';
	return o;
}

/* One value in every form: money at 0..9 decimals, grouped or not, and as
 * a whole number; 1 when all equal the reference. */
static int formats_like_before(int64_t v)
{
	char got[DN_MONEY_BUFSZ], want[DN_MONEY_BUFSZ];
	int d, ok = 1;

	for (d = 0; d <= 9; d++) {
		size_t wn = old_format_grouped(v, d, 0, want);
		ok &= dn_money_format(v, d, got) == wn && strcmp(got, want) == 0;
		wn = old_format_grouped(v, d, ' ', want);
		ok &= dn_money_format_grouped(v, d, ' ', got) == wn && strcmp(got, want) == 0;
		wn = old_format_grouped(v, d, ',', want);
		ok &= dn_money_format_grouped(v, d, ',', got) == wn && strcmp(got, want) == 0;
	}
	old_format_grouped(v, 0, 0, want);
	ok &= dn_format_int(v, got) == strlen(want) && strcmp(got, want) == 0;
	if (!ok)
		printf("  %lld formats differently from before\n", (long long)v);
	return ok;
}

static void test_format_like_before(void)
{
	static const int64_t edges[] = {0,	   1,	      -1,	  9,	     10,	 -10,
					99,	   100,	      -100,	  101,	     999,	 1000,
					-1000,	   9999,      10000,	  99999,     100000,	 123456,
					-123456,   999999999, 1000000000, INT64_MAX, -INT64_MAX, INT64_MIN,
					INT64_MIN + 1, INT64_MAX - 1};
	size_t i;
	int p, bad = 0;

	for (i = 0; i < sizeof edges / sizeof edges[0]; i++)
		bad += !formats_like_before(edges[i]);
	/* Every power of ten and its neighbours, both signs. */
	for (p = 0; p <= 18; p++) {
		int64_t t = dn_pow10(p);
		bad += !formats_like_before(t) + !formats_like_before(t - 1) +
		       !formats_like_before(t + 1) + !formats_like_before(-t) +
		       !formats_like_before(-t + 1);
	}
	for (i = 0; i < 20000; i++) {
		uint64_t r = next_rand();
		/* Small amounts most often, as in a ledger; all widths too. */
		int64_t v = (int64_t)(r >> (r % 64));
		bad += !formats_like_before(i % 2 ? -v : v);
	}
	CHECK(bad == 0);
}

/* Every text of up to 7 bytes over digits, point, minus and the bytes
 * next to the digits ('/' and ':' pass a nibble test, 0xb0 a high-bit
 * one): the plain-amount fast path and the general parser agree on
 * each, at 0 to 3 and at 9 decimals. */
static void test_parse_fast_path_exhaustive(void)
{
	static const char alphabet[] = "09.-/:\xb0";
	static const int decimals[] = {0, 1, 2, 3, 9};
	const size_t na = sizeof alphabet - 1;
	const dn_numfmt fast_fmt = DN_NUMFMT_DEFAULT, comma = {',', 0};
	size_t len, k, bad = 0, tried = 0;
	char t[8];

	for (len = 1; len <= 7; len++) {
		size_t idx[8] = {0};
		for (;;) {
			for (k = 0; k < len; k++)
				t[k] = alphabet[idx[k]];
			for (size_t di = 0; di < sizeof decimals / sizeof decimals[0]; di++) {
				int d = decimals[di];
				int64_t a = 11, b = 11;
				dn_error ea, eb;
				int ra = dn_money_parse(t, len, d, &fast_fmt, &a, &ea);
				int rb = dn_money_parse(t, len, d, &comma, &b, &eb);
				tried++;
				if (ra != rb || (ra == 0 && a != b) ||
				    (ra != 0 && ea.reason != eb.reason)) {
					if (bad++ < 5)
						printf("  '%.*s' at %d decimals: %d %lld / %d %lld\n",
						       (int)len, t, d, ra, (long long)a, rb, (long long)b);
				}
			}
			for (k = 0; k < len && ++idx[k] == na; k++)
				idx[k] = 0;
			if (k == len)
				break;
		}
	}
	CHECK(tried > 4000000);
	CHECK(bad == 0);
	/* values outright, near the fast path's edges */
	{
		int64_t v = 0;
		CHECK(dn_money_parse("12345678", 8, 2, &fast_fmt, &v, NULL) == 0 && v == 1234567800);
		CHECK(dn_money_parse("-12345678", 9, 0, &fast_fmt, &v, NULL) == 0 && v == -12345678);
		CHECK(dn_money_parse("1234567.8", 9, 2, &fast_fmt, &v, NULL) == 0 && v == 123456780);
		CHECK(dn_money_parse("99999.99", 8, 2, &fast_fmt, &v, NULL) == 0 && v == 9999999);
		CHECK(dn_money_parse("0.000001", 8, 9, &fast_fmt, &v, NULL) == 0 && v == 1000);
		CHECK(dn_money_parse("1.2345678", 9, 9, &fast_fmt, &v, NULL) == 0 && v == 1234567800);
		CHECK(dn_money_parse("1.234567", 8, 5, &fast_fmt, &v, NULL) == DN_EX_DATAERR);
		CHECK(dn_money_parse("12.4.5", 6, 2, &fast_fmt, &v, NULL) == DN_EX_DATAERR);
		CHECK(dn_money_parse("5", 1, 2, &fast_fmt, &v, NULL) == 0 && v == 500);
	}
}

/* The plain-amount fast path of the default format gives what the general
 * parser gives: the same text read under [input] decimal_separator =
 * comma takes the general path for a text without a comma (canonical, or
 * refused with ',' and read again with '.'), so both must agree on every
 * text of digits, signs and dots, status, value and message. */
static void test_parse_fast_path(void)
{
	static const char *const texts[] = {
		"0", "-0", "0.00", "-0.00", "1", "12.5", "12.50", "12.500", "12.505", "1.",
		".5", "-.5", "+1.00", "++1", "--1", "-", "", "1.2.3", "00012.30", "1e3",
		"123456789012345678", "1234567890123456789", "12345678901234567.8",
		"92233720368547758.07", "92233720368547758.08", "-92233720368547758.07",
		"-92233720368547758.08", "9223372036854775807", "9223372036854775808",
		"999999999999999999.99", "0.000000001", "1.0000000000", "18446744073709551616",
	};
	const dn_numfmt fast_fmt = DN_NUMFMT_DEFAULT, comma = {',', 0};
	static const char alphabet[] = "0123456789.-+9";
	size_t i, k, bad = 0;
	int d;

	for (i = 0; i < sizeof texts / sizeof texts[0] + 30000; i++) {
		char buf[40];
		const char *t = buf;
		size_t len;
		if (i < sizeof texts / sizeof texts[0]) {
			t = texts[i];
		} else {
			uint64_t r = next_rand();
			len = (size_t)(r % 24);
			for (k = 0; k < len; k++) {
				r = next_rand();
				/* mostly digits, a fast_fmt or a sign now and then */
				buf[k] = alphabet[(r >> 33) % 16 < 10 ? (r >> 40) % 10 : 10 + (r >> 40) % 4];
			}
			buf[len] = '\0';
		}
		len = strlen(t);
		for (d = 0; d <= 9; d++) {
			int64_t a = 11, b = 11;
			dn_error ea, eb;
			int ra = dn_money_parse(t, len, d, &fast_fmt, &a, &ea);
			int rb = dn_money_parse(t, len, d, &comma, &b, &eb);
			if (ra != rb || (ra == 0 && a != b) ||
			    (ra != 0 && (strcmp(ea.message, eb.message) != 0 || ea.reason != eb.reason))) {
				printf("  '%s' at %d decimals: %d %lld / %d %lld\n", t, d, ra, (long long)a,
				       rb, (long long)b);
				bad++;
			}
		}
	}
	CHECK(bad == 0);
	/* And a few values outright. */
	{
		int64_t v = 0;
		CHECK(dn_money_parse("92233720368547758.07", 20, 2, &fast_fmt, &v, NULL) == 0 &&
		      v == INT64_MAX);
		CHECK(dn_money_parse("92233720368547758.08", 20, 2, &fast_fmt, &v, NULL) == DN_EX_DATAERR);
		CHECK(dn_money_parse("-0.5", 4, 3, &fast_fmt, &v, NULL) == 0 && v == -500);
		CHECK(dn_money_parse("123456789012345678", 18, 0, &fast_fmt, &v, NULL) == 0 &&
		      v == 123456789012345678);
		CHECK(dn_money_parse("7", 1, 9, &fast_fmt, &v, NULL) == 0 && v == 7000000000);
	}
}

int main(void)
{
	test_format_like_before();
	test_parse_fast_path();
	test_parse_fast_path_exhaustive();
	test_parse_default();
	test_parse_comma();
	test_parse_refused();
	test_format();
	test_round_trip();
	test_iso4217();
	test_currencies();
	test_add_sub();
	test_div_round();
	test_muldiv();
	test_decimal();
	DONE();
}
