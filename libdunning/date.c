/* date.c - civil dates <-> day numbers (Howard Hinnant's algorithms). */
#include "date.h"

#include <stdint.h>
#include <string.h>

#include "swar_int.h"

static inline int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int dn_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (no range check). */
static inline dn_date days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (dn_date)(era * 146097 + doe - 719468);
}

void dn_date_to_ymd(dn_date date, int *y, int *m, int *d)
{
	int z = date + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int dn_date_from_ymd(int y, int m, int d, dn_date *out)
{
	if (y < DN_YEAR_MIN || y > DN_YEAR_MAX || m < 1 || m > 12 || d < 1 ||
	    d > dn_days_in_month(y, m))
		return -1;
	*out = days_from_civil(y, m, d);
	return 0;
}

int dn_datefmt_from_name(const char *name, dn_datefmt *out)
{
	static const char *const names[] = {"%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y",
					    "%d-%m-%Y"};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(name, names[i]) == 0) {
			*out = (dn_datefmt)i;
			return 0;
		}
	}
	return -1;
}

/* Read exactly n digits at s; -1 when any is not a digit. */
static int fixed_digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Read 1 or 2 digits at s[*i], then expect sep (if sep != 0). */
static int short_field(const char *s, size_t len, size_t *i, char sep)
{
	int v = 0;
	size_t start = *i;

	while (*i < len && *i - start < 2 && s[*i] >= '0' && s[*i] <= '9')
		v = v * 10 + (s[(*i)++] - '0');
	if (*i == start)
		return -1;
	if (sep != 0) {
		if (*i >= len || s[*i] != sep)
			return -1;
		(*i)++;
	}
	return v;
}

/* A well-formed date that may not exist: -2 when it does not, -3 when the
 * year is out of range. */
static int checked(int y, int m, int d, dn_date *out)
{
	if (y < DN_YEAR_MIN || y > DN_YEAR_MAX)
		return -3;
	return dn_date_from_ymd(y, m, d, out) == 0 ? 0 : -2;
}

/* "D/M/YYYY"-like formats: two 1-2 digit fields, then a 4-digit year. */
static int parse_short(const char *s, size_t len, char sep, int month_first, dn_date *out)
{
	size_t i = 0;
	int a, b, y;

	a = short_field(s, len, &i, sep);
	if (a < 0)
		return -1;
	b = short_field(s, len, &i, sep);
	if (b < 0 || len - i != 4)
		return -1;
	y = fixed_digits(s + i, 4);
	if (y < 0)
		return -1;
	return checked(y, month_first ? a : b, month_first ? b : a, out);
}

/* Whether each of the eight bytes in w is an ASCII digit: the high nibble
 * is 3, and stays 3 once 6 is added (0x3a..0x3f become 0x40..0x45). */
static inline int all_digits8(uint64_t w)
{
	const uint64_t high = UINT64_C(0xf0f0f0f0f0f0f0f0), threes = UINT64_C(0x3030303030303030);

	return (w & high) == threes && ((w + UINT64_C(0x0606060606060606)) & high) == threes;
}

/* YYYY-MM-DD, the form of nearly every date read: straight-line code, the
 * same answers as the general path below.  The caller saw both '-'; they
 * are turned into '0' so that "YYYY-MM-" is checked as eight digits at
 * once (the mask is loaded like the text: any byte order). */
static int parse_iso(const char *s, dn_date *out)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t w, dash_to_zero;
	unsigned a0 = u[8] - 48u, a1 = u[9] - 48u;
	int y, m, d;

	w = dn_swar_load8(s);
	memcpy(&dash_to_zero, "\0\0\0\0\x1d\0\0\x1d", 8); /* '-' ^ 0x1d == '0' */
	/* A byte below '0' wraps around: above 9 too. */
	if (!all_digits8(w ^ dash_to_zero) || a0 > 9 || a1 > 9)
		return -1;
	y = (u[0] - '0') * 1000 + (u[1] - '0') * 100 + (u[2] - '0') * 10 + (u[3] - '0');
	m = (u[5] - '0') * 10 + (u[6] - '0');
	d = (int)(a0 * 10 + a1);
	if (y < DN_YEAR_MIN || y > DN_YEAR_MAX)
		return -3;
	if (m < 1 || m > 12 || d < 1 || d > dn_days_in_month(y, m))
		return -2;
	*out = days_from_civil(y, m, d);
	return 0;
}

int dn_date_parse(const char *s, size_t len, dn_datefmt fmt, dn_date *out)
{
	int y, m, d;

	if (len == 10 && s[4] == '-' && s[7] == '-')
		return parse_iso(s, out);
	if (len == 8) {
		y = fixed_digits(s, 4);
		m = fixed_digits(s + 4, 2);
		d = fixed_digits(s + 6, 2);
		if (y >= 0 && m >= 0 && d >= 0)
			return checked(y, m, d, out);
	}
	switch (fmt) {
	case DN_DATE_ISO:
		return -1;
	case DN_DATE_DMY_SLASH:
		return parse_short(s, len, '/', 0, out);
	case DN_DATE_MDY_SLASH:
		return parse_short(s, len, '/', 1, out);
	case DN_DATE_DMY_DOT:
		return parse_short(s, len, '.', 0, out);
	case DN_DATE_DMY_DASH:
		return parse_short(s, len, '-', 0, out);
	}
	return -1;
}

size_t dn_date_format(dn_date date, char *buf)
{
	int y, m, d;

	dn_date_to_ymd(date, &y, &m, &d);
	buf[0] = (char)('0' + y / 1000 % 10);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return 10;
}

dn_date dn_date_add_months(dn_date date, int months, int day)
{
	int y, m, d, idx, dim;

	dn_date_to_ymd(date, &y, &m, &d);
	idx = y * 12 + (m - 1) + months;
	y = idx / 12;
	m = idx % 12 + 1;
	dim = dn_days_in_month(y, m);
	return days_from_civil(y, m, day < dim ? day : dim);
}

const char *dn_date_strerror(int code)
{
	switch (code) {
	case -2:
		return "no such date";
	case -3:
		return "year outside 1900-2199";
	default:
		return "not a date";
	}
}

int dn_date_reason(int code)
{
	switch (code) {
	case 0:
		return DN_R_NONE;
	case -2:
		return DN_R_IMPOSSIBLE_DATE;
	case -3:
		return DN_R_YEAR_RANGE;
	default:
		return DN_R_BAD_DATE;
	}
}

/* The field order and separator of each format, in the enum's order. */
static const struct {
	const char *form; /* for messages */
	char sep;
	int month_first;
} formats[] = {
	{"YYYY-MM-DD", '-', 0}, {"DD/MM/YYYY", '/', 0}, {"MM/DD/YYYY", '/', 1},
	{"DD.MM.YYYY", '.', 0}, {"DD-MM-YYYY", '-', 0},
};

const char *dn_datefmt_form(dn_datefmt fmt)
{
	return (unsigned)fmt < sizeof formats / sizeof formats[0] ? formats[fmt].form
								 : formats[0].form;
}

size_t dn_date_format_as(dn_date date, dn_datefmt fmt, char *buf)
{
	int y, m, d, first, second;

	if (fmt == DN_DATE_ISO || (unsigned)fmt >= sizeof formats / sizeof formats[0])
		return dn_date_format(date, buf);
	dn_date_to_ymd(date, &y, &m, &d);
	first = formats[fmt].month_first ? m : d;
	second = formats[fmt].month_first ? d : m;
	buf[0] = (char)('0' + first / 10);
	buf[1] = (char)('0' + first % 10);
	buf[2] = formats[fmt].sep;
	buf[3] = (char)('0' + second / 10);
	buf[4] = (char)('0' + second % 10);
	buf[5] = formats[fmt].sep;
	buf[6] = (char)('0' + y / 1000 % 10);
	buf[7] = (char)('0' + y / 100 % 10);
	buf[8] = (char)('0' + y / 10 % 10);
	buf[9] = (char)('0' + y % 10);
	buf[10] = '\0';
	return 10;
}
