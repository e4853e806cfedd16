/* money.h - exact amounts: signed 64-bit counts of a currency's minor unit.
 *
 * No floating point ever holds an amount.  Parsing rejects more significant
 * decimals than the currency has (a rounding would hide an error in the
 * data) and any value beyond +/-(2^63-1) minor units.
 */
#ifndef DN_MONEY_H
#define DN_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* 128-bit intermediates for products of amounts and rates. */
__extension__ typedef __int128 dn_i128;

/* How numbers are written in the input (SPEC [input]). */
typedef struct dn_numfmt {
	char decimal;   /* '.' (default) or ',' */
	char thousands; /* 0 (none, default), ' ' (also U+00A0, U+202F), '.' or ',' */
} dn_numfmt;

/* The default: "1234.56". */
#define DN_NUMFMT_DEFAULT ((dn_numfmt){'.', 0})

/* Minor-unit decimals of an ISO 4217 code (3 ASCII letters, any case), or -1
 * when the code is not in the compiled-in table. */
int dn_iso4217_decimals(const char *code, size_t len);

/* A currency table: ISO 4217 plus [currencies] additions, indexed by code
 * (17 KiB) so a lookup per row costs one array access. */
typedef struct dn_currencies dn_currencies;

/* New table holding ISO 4217 only; NULL when out of memory.  Free with
 * dn_currencies_free (NULL is a no-op). */
dn_currencies *dn_currencies_new(void);
void dn_currencies_free(dn_currencies *t);

/* Add or override a code (3 letters; stored upper-case) with 0..9 decimals.
 * Returns 0, or -1 for a bad code/decimals or no memory. */
int dn_currencies_add(dn_currencies *t, const char *code, int decimals);

/* Decimals of a code (any case, len bytes), or -1 when unknown. */
int dn_currencies_decimals(const dn_currencies *t, const char *code, size_t len);

/* The same, and the code upper-cased into out ("eur" -> "EUR"): the one
 * normaliser of currency codes.  -1 (out unset) when unknown. */
int dn_currency_lookup(const dn_currencies *t, const char *code, size_t len, char out[4]);

/* Upper-case a 3-letter code into out (NUL-terminated): 0, or -1 (out
 * unset or partly set) unless exactly 3 ASCII letters.  No table lookup:
 * for hints, where dn_currency_lookup's answer is not needed. */
int dn_currency_code(const char *code, size_t len, char out[4]);

/* Parse text (len bytes, need not be NUL-terminated) into minor units of a
 * currency with `decimals` decimals.  Accepts an optional leading '-' or '+',
 * ASCII digits, the decimal separator of fmt, thousands separators of fmt in
 * groups of three; trailing zeros beyond `decimals` are accepted.  When fmt
 * is not the default, the canonical form that dunning itself writes
 * ("-1234.56") is accepted too, so tools can read each other's output.
 * Returns 0, or DN_EX_DATAERR with e->message set ("not an amount",
 * "too many decimals for CUR", "amount out of range"; e may be NULL when only
 * success matters); the caller adds the
 * column and line. */
int dn_money_parse(const char *s, size_t len, int decimals, const dn_numfmt *fmt,
		   int64_t *out, dn_error *e);

/* Format units as "-1234.56" (exactly `decimals` decimals, '.' separator, no
 * grouping) into buf; returns the length written (buf is NUL-terminated).
 * buf needs DN_MONEY_BUFSZ bytes. */
#define DN_MONEY_BUFSZ 48
size_t dn_money_format(int64_t units, int decimals, char *buf);

/* Format a whole number ("-42") into buf (DN_MONEY_BUFSZ bytes), without
 * printf's cost on hot paths; returns the length. */
size_t dn_format_int(int64_t v, char *buf);

/* The same with a thousands separator (e.g. ' ') for reports: "12 400.00". */
size_t dn_money_format_grouped(int64_t units, int decimals, char sep, char *buf);

/* Checked arithmetic: return 0 and store the result, or -1 on overflow. */
int dn_money_add(int64_t a, int64_t b, int64_t *out);
int dn_money_sub(int64_t a, int64_t b, int64_t *out);

/* 10^n for 0 <= n <= 18. */
int64_t dn_pow10(int n);

/* Exact decimals for rates ("12", "14.76"): value = num / 10^scale. */
typedef struct dn_decimal {
	int64_t num;
	int scale; /* 0..9 */
} dn_decimal;

/* Parse a plain decimal ("-12.5", "14.76"; '.' separator, at most 9
 * decimals, at most 18 digits).  Returns 0 or DN_EX_DATAERR. */
int dn_decimal_parse(const char *s, size_t len, dn_decimal *out, dn_error *e);

/* round(n / d) with halves away from zero; d != 0. */
dn_i128 dn_div_round(dn_i128 n, dn_i128 d);

/* round(a * b / c), halves away from zero, with a 128-bit product; returns 0
 * or -1 when c is 0 or the result does not fit in int64. */
int dn_muldiv_round(int64_t a, int64_t b, int64_t c, int64_t *out);

/* A major-unit amount (from the config, e.g. "50" or "0.5") in minor units
 * of a currency with `decimals` decimals: a decimal with more decimals than
 * the currency has is an error (-1). */
int dn_decimal_to_units(dn_decimal d, int decimals, int64_t *out);

#endif
