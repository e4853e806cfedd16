/* money.c - parsing, formatting and checked arithmetic of minor units. */
#include "money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ISO 4217 active codes and their minor units (list of 2024-2025, SIX).
 * Codes whose minor unit is "N.A." (XAU, XDR, XXX ...) are left out on
 * purpose: they are not money one dunns in; [currencies] can add them. */
static const struct iso_code {
	char code[4];
	signed char decimals;
} iso4217[] = {
	{"AED", 2}, {"AFN", 2}, {"ALL", 2}, {"AMD", 2}, {"ANG", 2}, {"AOA", 2},
	{"ARS", 2}, {"AUD", 2}, {"AWG", 2}, {"AZN", 2}, {"BAM", 2}, {"BBD", 2},
	{"BDT", 2}, {"BGN", 2}, {"BHD", 3}, {"BIF", 0}, {"BMD", 2}, {"BND", 2},
	{"BOB", 2}, {"BOV", 2}, {"BRL", 2}, {"BSD", 2}, {"BTN", 2}, {"BWP", 2},
	{"BYN", 2}, {"BZD", 2}, {"CAD", 2}, {"CDF", 2}, {"CHE", 2}, {"CHF", 2},
	{"CHW", 2}, {"CLF", 4}, {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"COU", 2},
	{"CRC", 2}, {"CUP", 2}, {"CVE", 2}, {"CZK", 2}, {"DJF", 0}, {"DKK", 2},
	{"DOP", 2}, {"DZD", 2}, {"EGP", 2}, {"ERN", 2}, {"ETB", 2}, {"EUR", 2},
	{"FJD", 2}, {"FKP", 2}, {"GBP", 2}, {"GEL", 2}, {"GHS", 2}, {"GIP", 2},
	{"GMD", 2}, {"GNF", 0}, {"GTQ", 2}, {"GYD", 2}, {"HKD", 2}, {"HNL", 2},
	{"HTG", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2}, {"INR", 2}, {"IQD", 3},
	{"IRR", 2}, {"ISK", 0}, {"JMD", 2}, {"JOD", 3}, {"JPY", 0}, {"KES", 2},
	{"KGS", 2}, {"KHR", 2}, {"KMF", 0}, {"KPW", 2}, {"KRW", 0}, {"KWD", 3},
	{"KYD", 2}, {"KZT", 2}, {"LAK", 2}, {"LBP", 2}, {"LKR", 2}, {"LRD", 2},
	{"LSL", 2}, {"LYD", 3}, {"MAD", 2}, {"MDL", 2}, {"MGA", 2}, {"MKD", 2},
	{"MMK", 2}, {"MNT", 2}, {"MOP", 2}, {"MRU", 2}, {"MUR", 2}, {"MVR", 2},
	{"MWK", 2}, {"MXN", 2}, {"MXV", 2}, {"MYR", 2}, {"MZN", 2}, {"NAD", 2},
	{"NGN", 2}, {"NIO", 2}, {"NOK", 2}, {"NPR", 2}, {"NZD", 2}, {"OMR", 3},
	{"PAB", 2}, {"PEN", 2}, {"PGK", 2}, {"PHP", 2}, {"PKR", 2}, {"PLN", 2},
	{"PYG", 0}, {"QAR", 2}, {"RON", 2}, {"RSD", 2}, {"RUB", 2}, {"RWF", 0},
	{"SAR", 2}, {"SBD", 2}, {"SCR", 2}, {"SDG", 2}, {"SEK", 2}, {"SGD", 2},
	{"SHP", 2}, {"SLE", 2}, {"SLL", 2}, {"SOS", 2}, {"SRD", 2}, {"SSP", 2},
	{"STN", 2}, {"SVC", 2}, {"SYP", 2}, {"SZL", 2}, {"THB", 2}, {"TJS", 2},
	{"TMT", 2}, {"TND", 3}, {"TOP", 2}, {"TRY", 2}, {"TTD", 2}, {"TWD", 2},
	{"TZS", 2}, {"UAH", 2}, {"UGX", 0}, {"USD", 2}, {"USN", 2}, {"UYI", 0},
	{"UYU", 2}, {"UYW", 4}, {"UZS", 2}, {"VED", 2}, {"VES", 2}, {"VND", 0},
	{"VUV", 0}, {"WST", 2}, {"XAF", 0}, {"XCD", 2}, {"XCG", 2}, {"XOF", 0},
	{"XPF", 0}, {"YER", 2}, {"ZAR", 2}, {"ZMW", 2}, {"ZWG", 2}, {"ZWL", 2},
};

/* Codes index a 26^3 table: one lookup per row instead of a search. */
#define CODE_SLOTS (26 * 26 * 26)

struct dn_currencies {
	signed char decimals[CODE_SLOTS]; /* -1: unknown */
};

int dn_currency_code(const char *code, size_t len, char out[4])
{
	size_t i;

	if (len != 3)
		return -1;
	for (i = 0; i < 3; i++) {
		char c = code[i];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c < 'A' || c > 'Z')
			return -1;
		out[i] = c;
	}
	out[3] = '\0';
	return 0;
}

static int cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct iso_code *)a)->code, ((const struct iso_code *)b)->code);
}

int dn_iso4217_decimals(const char *code, size_t len)
{
	struct iso_code key;
	const struct iso_code *hit;

	if (dn_currency_code(code, len, key.code) != 0)
		return -1;
	hit = bsearch(&key, iso4217, sizeof iso4217 / sizeof iso4217[0], sizeof iso4217[0],
		      cmp_code);
	return hit ? hit->decimals : -1;
}

static size_t code_slot(const char norm[4])
{
	return (size_t)((norm[0] - 'A') * 676 + (norm[1] - 'A') * 26 + (norm[2] - 'A'));
}

dn_currencies *dn_currencies_new(void)
{
	dn_currencies *t = calloc(1, sizeof(dn_currencies));
	size_t i;

	if (t == NULL)
		return NULL;
	memset(t->decimals, -1, sizeof t->decimals);
	for (i = 0; i < sizeof iso4217 / sizeof iso4217[0]; i++)
		t->decimals[code_slot(iso4217[i].code)] = iso4217[i].decimals;
	return t;
}

void dn_currencies_free(dn_currencies *t)
{
	free(t);
}

int dn_currencies_add(dn_currencies *t, const char *code, int decimals)
{
	char norm[4];

	if (decimals < 0 || decimals > 9 || dn_currency_code(code, strlen(code), norm) != 0)
		return -1;
	t->decimals[code_slot(norm)] = (signed char)decimals;
	return 0;
}

int dn_currencies_decimals(const dn_currencies *t, const char *code, size_t len)
{
	char norm[4];

	if (t == NULL)
		return dn_iso4217_decimals(code, len);
	if (dn_currency_code(code, len, norm) != 0)
		return -1;
	return t->decimals[code_slot(norm)];
}

int dn_currency_lookup(const dn_currencies *t, const char *code, size_t len, char out[4])
{
	char norm[4];
	int decimals;

	if (dn_currency_code(code, len, norm) != 0)
		return -1;
	decimals = t == NULL ? dn_iso4217_decimals(norm, 3) : t->decimals[code_slot(norm)];
	if (decimals < 0)
		return -1;
	memcpy(out, norm, 4);
	return decimals;
}

int64_t dn_pow10(int n)
{
	int64_t p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

int dn_money_add(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r) || r == INT64_MIN)
		return -1;
	*out = r;
	return 0;
}

int dn_money_sub(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;

	if (__builtin_sub_overflow(a, b, &r) || r == INT64_MIN)
		return -1;
	*out = r;
	return 0;
}

/* Length of a thousands separator of fmt at s[i..len), 0 when none. */
static size_t sep_at(const char *s, size_t i, size_t len, char sep)
{
	const unsigned char *u = (const unsigned char *)s;

	if (sep == 0 || i >= len)
		return 0;
	if (s[i] == sep)
		return 1;
	if (sep == ' ') {
		/* French exports group with no-break spaces. */
		if (i + 1 < len && u[i] == 0xc2 && u[i + 1] == 0xa0)
			return 2;
		if (i + 2 < len && u[i] == 0xe2 && u[i + 1] == 0x80 && u[i + 2] == 0xaf)
			return 3;
	}
	return 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Append a digit to *v, -1 on overflow. */
static int push_digit(int64_t *v, char c)
{
	int d = c - '0';

	if (*v > (INT64_MAX - d) / 10)
		return -1;
	*v = *v * 10 + d;
	return 0;
}

enum parse_result { PARSED, NOT_AN_AMOUNT, TOO_MANY_DECIMALS, OUT_OF_RANGE };

/* The parser proper for one number format. */
static enum parse_result parse_with(const char *s, size_t len, int decimals, char dec,
				    char thou, int64_t *out)
{
	size_t i = 0, group = 0, ndig = 0, sep;
	int neg = 0, grouped = 0, fdigits = 0, too_many = 0;
	int64_t v = 0;

	if (len > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	/* Integer part, with optional grouping in threes. */
	for (; i < len; i++) {
		if (is_digit(s[i])) {
			if (push_digit(&v, s[i]) != 0)
				return OUT_OF_RANGE;
			ndig++;
			group++;
			if (grouped && group > 3)
				return NOT_AN_AMOUNT;
		} else if ((sep = sep_at(s, i, len, thou)) != 0) {
			if (group == 0 || (grouped ? group != 3 : group > 3))
				return NOT_AN_AMOUNT;
			grouped = 1;
			group = 0;
			i += sep - 1;
		} else {
			break;
		}
	}
	if (ndig == 0 || (grouped && group != 3))
		return NOT_AN_AMOUNT;
	if (i < len && s[i] == dec) {
		i++;
		if (i == len)
			return NOT_AN_AMOUNT;
		for (; i < len && is_digit(s[i]); i++) {
			if (fdigits >= decimals) {
				/* Judged once the whole text is known to be a number. */
				too_many |= s[i] != '0';
				continue;
			}
			if (push_digit(&v, s[i]) != 0)
				return OUT_OF_RANGE;
			fdigits++;
		}
	}
	if (i != len)
		return NOT_AN_AMOUNT;
	if (too_many)
		return TOO_MANY_DECIMALS;
	for (; fdigits < decimals; fdigits++) {
		if (v > INT64_MAX / 10)
			return OUT_OF_RANGE;
		v *= 10;
	}
	*out = neg ? -v : v;
	return PARSED;
}

/* The common case first: -?digits(.digits)? with '.' and no grouping, at
 * most `decimals` decimals and 18 digits in all (up to 19 are read, in an
 * unsigned sum that cannot overflow, before more than 18 are refused).
 * PARSED with *out set, or NOT_AN_AMOUNT for any other text, which
 * parse_general then decides: for every text this accepts, it gives the
 * same value (an overflow of the scaling is left to it too).  One pass,
 * one test per byte in the usual case: it runs twice for every row of a
 * ledger.  len > 0. */
static inline enum parse_result parse_plain(const char *s, size_t len, int decimals,
					    int64_t *out)
{
	static const int64_t pow10[] = {1,	 10,	   100,	      1000,	 10000,
					100000, 1000000, 10000000, 100000000, 1000000000};
	const unsigned char *u = (const unsigned char *)s;
	size_t start = u[0] == '-', dot = len, k, nfrac;
	uint64_t digits = 0; /* 19 digits fit: refused below, never overflowed */
	int64_t v;
	unsigned d;

	if (len - start > 19 || decimals < 0 || decimals > 9)
		return NOT_AN_AMOUNT;
	for (k = start; k < len; k++) {
		if ((d = (unsigned)u[k] - '0') <= 9) {
			digits = digits * 10 + d;
			continue;
		}
		if (u[k] != '.' || dot != len)
			return NOT_AN_AMOUNT;
		dot = k;
	}
	/* digits on both sides of the point; 18 digits at most without one */
	if (dot == start || dot == len - 1 || (dot == len && len - start > 18))
		return NOT_AN_AMOUNT;
	nfrac = dot == len ? 0 : len - dot - 1;
	v = (int64_t)digits; /* at most 18 digits now */
	if (nfrac > (size_t)decimals ||
	    __builtin_mul_overflow(v, pow10[(size_t)decimals - nfrac], &v))
		return NOT_AN_AMOUNT;
	*out = u[0] == '-' ? -v : v;
	return PARSED;
}

/* Exactly what dn_money_format writes: -?digits, and '.' plus `decimals`
 * digits when the currency has decimals. */
static int is_canonical(const char *s, size_t len, int decimals)
{
	size_t i = len > 0 && s[0] == '-' ? 1 : 0, start = i;

	while (i < len && is_digit(s[i]))
		i++;
	if (i == start)
		return 0;
	if (decimals == 0)
		return i == len;
	if (i >= len || s[i] != '.' || len - i - 1 != (size_t)decimals)
		return 0;
	for (i++; i < len; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

/* Fill e with a data error of the given reason; returns DN_EX_DATAERR. */
static int refuse(dn_error *e, int reason, const char *msg)
{
	dn_error_set(e, DN_EX_DATAERR, "%s", msg);
	dn_error_reason(e, reason);
	return DN_EX_DATAERR;
}

/* Every text but the plain amounts of the default format: grouped or
 * decimal-comma amounts, the canonical form under such a format, and every
 * refusal with its reason.  Out of line: the fast path stays small. */
static __attribute__((noinline)) int parse_general(const char *s, size_t len, int decimals,
						   dn_numfmt f, int64_t *out, dn_error *e)
{
	char msg[64];
	enum parse_result r;

	if (len == 0)
		return refuse(e, DN_R_EMPTY, "empty amount");
	/* Tools write the canonical form; accept it under any input format so
	 * that one tool can read another's output.  "12.345" is ambiguous for a
	 * 3-decimal currency when '.' groups thousands: the text that has
	 * exactly the currency's decimals after its only '.' is read as the
	 * canonical form, so a pipeline never changes a figure. */
	if ((f.decimal != '.' || f.thousands != 0) && is_canonical(s, len, decimals))
		r = parse_with(s, len, decimals, '.', 0, out);
	else
		r = parse_with(s, len, decimals, f.decimal, f.thousands, out);
	if (r == NOT_AN_AMOUNT && (f.decimal != '.' || f.thousands != 0))
		r = parse_with(s, len, decimals, '.', 0, out);
	switch (r) {
	case PARSED:
		return 0;
	case TOO_MANY_DECIMALS:
		snprintf(msg, sizeof msg, "too many decimals for the currency (%d)", decimals);
		return refuse(e, DN_R_TOO_MANY_DECIMALS, msg);
	case OUT_OF_RANGE:
		return refuse(e, DN_R_OVERFLOW, "amount out of range");
	case NOT_AN_AMOUNT:
		break;
	}
	return refuse(e, DN_R_BAD_NUMBER, "not an amount");
}

int dn_money_parse(const char *s, size_t len, int decimals, const dn_numfmt *fmt,
		   int64_t *out, dn_error *e)
{
	dn_numfmt f = fmt ? *fmt : DN_NUMFMT_DEFAULT;

	if (len > 0 && f.decimal == '.' && f.thousands == 0 &&
	    parse_plain(s, len, decimals, out) == PARSED)
		return 0;
	return parse_general(s, len, decimals, f, out, e);
}

/* "00" to "99": two digits a division. */
static const char digit_pairs[201] = "00010203040506070809101112131415161718192021222324"
				     "25262728293031323334353637383940414243444546474849"
				     "50515253545556575859606162636465666768697071727374"
				     "75767778798081828384858687888990919293949596979899";

/* The digits of u written backwards from p (at least one digit); returns
 * the new start. */
static char *digits_back(char *p, uint64_t u)
{
	while (u >= 100) {
		unsigned k = (unsigned)(u % 100) * 2;
		u /= 100;
		*--p = digit_pairs[k + 1];
		*--p = digit_pairs[k];
	}
	if (u >= 10) {
		*--p = digit_pairs[u * 2 + 1];
		*--p = digit_pairs[u * 2];
	} else {
		*--p = (char)('0' + (int)u);
	}
	return p;
}

/* Written from the last digit back, into the end of a buffer: no
 * reversal, no second pass for the grouping. */
size_t dn_money_format_grouped(int64_t units, int decimals, char sep, char *buf)
{
	char tmp[DN_MONEY_BUFSZ + 16], *end = tmp + sizeof tmp, *p = end;
	uint64_t u = units < 0 ? (uint64_t)0 - (uint64_t)units : (uint64_t)units;
	int k, group = 0;
	size_t n;

	for (k = 0; k < decimals; k++) {
		*--p = (char)('0' + (int)(u % 10));
		u /= 10;
	}
	if (decimals > 0)
		*--p = '.';
	if (!sep) {
		p = digits_back(p, u);
	} else {
		do {
			if (group == 3) {
				*--p = sep;
				group = 0;
			}
			*--p = (char)('0' + (int)(u % 10));
			u /= 10;
			group++;
		} while (u > 0);
	}
	if (units < 0)
		*--p = '-';
	n = (size_t)(end - p);
	memcpy(buf, p, n);
	buf[n] = '\0';
	return n;
}

size_t dn_format_int(int64_t v, char *buf)
{
	return dn_money_format_grouped(v, 0, 0, buf);
}

size_t dn_money_format(int64_t units, int decimals, char *buf)
{
	char tmp[DN_MONEY_BUFSZ + 16], *end = tmp + sizeof tmp, *p = end;
	uint64_t u = units < 0 ? (uint64_t)0 - (uint64_t)units : (uint64_t)units;
	size_t n;

	if (decimals == 2) { /* most currencies: the cents in one step */
		unsigned k = (unsigned)(u % 100) * 2;
		u /= 100;
		*--p = digit_pairs[k + 1];
		*--p = digit_pairs[k];
		*--p = '.';
		p = digits_back(p, u);
		if (units < 0)
			*--p = '-';
		n = (size_t)(end - p);
		memcpy(buf, p, n);
		buf[n] = '\0';
		return n;
	}
	return dn_money_format_grouped(units, decimals, 0, buf);
}

int dn_decimal_parse(const char *s, size_t len, dn_decimal *out, dn_error *e)
{
	int64_t v = 0;
	size_t i = 0, ndig = 0;
	int neg = 0, scale = 0, seen_point = 0;

	if (len > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	for (; i < len; i++) {
		if (s[i] == '.' && !seen_point && ndig > 0) {
			seen_point = 1;
			continue;
		}
		if (!is_digit(s[i]) || ndig == 18 || (seen_point && scale == 9))
			return refuse(e, DN_R_BAD_NUMBER, "not a decimal number");
		v = v * 10 + (s[i] - '0');
		ndig++;
		scale += seen_point;
	}
	if (ndig == 0 || (seen_point && scale == 0))
		return refuse(e, DN_R_BAD_NUMBER, "not a decimal number");
	out->num = neg ? -v : v;
	out->scale = scale;
	return 0;
}

dn_i128 dn_div_round(dn_i128 n, dn_i128 d)
{
	dn_i128 q, r;

	if (d < 0) {
		n = -n;
		d = -d;
	}
	q = n / d;
	r = n % d; /* same sign as n */
	if (r < 0)
		r = -r;
	if (2 * r >= d)
		q += n < 0 ? -1 : 1;
	return q;
}

int dn_muldiv_round(int64_t a, int64_t b, int64_t c, int64_t *out)
{
	dn_i128 r;

	if (c == 0)
		return -1;
	r = dn_div_round((dn_i128)a * b, c);
	if (r > INT64_MAX || r < -INT64_MAX)
		return -1;
	*out = (int64_t)r;
	return 0;
}

int dn_decimal_to_units(dn_decimal d, int decimals, int64_t *out)
{
	int64_t p;

	if (d.scale > decimals) {
		p = dn_pow10(d.scale - decimals);
		if (d.num % p != 0)
			return -1;
		*out = d.num / p;
		return 0;
	}
	p = dn_pow10(decimals - d.scale);
	if (__builtin_mul_overflow(d.num, p, out))
		return -1;
	return 0;
}
