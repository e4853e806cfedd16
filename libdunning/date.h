/* date.h - calendar dates as day numbers.
 *
 * A date is an int32 count of days since 1970-01-01 (negative before), so a
 * difference of dates is a plain subtraction.  Only years 1900-2199 are
 * valid input: anything outside is a typo, not a ledger date.
 */
#ifndef DN_DATE_H
#define DN_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef int32_t dn_date;

/* Input date formats ([input] date_format). */
typedef enum dn_datefmt {
	DN_DATE_ISO = 0, /* %Y-%m-%d (default) */
	DN_DATE_DMY_SLASH, /* %d/%m/%Y */
	DN_DATE_MDY_SLASH, /* %m/%d/%Y */
	DN_DATE_DMY_DOT,   /* %d.%m.%Y */
	DN_DATE_DMY_DASH   /* %d-%m-%Y */
} dn_datefmt;

#define DN_YEAR_MIN 1900
#define DN_YEAR_MAX 2199

/* Map a date_format value ("%d/%m/%Y") to its enum; -1 when unsupported. */
int dn_datefmt_from_name(const char *name, dn_datefmt *out);

/* Store the day number of y-m-d and return 0, or return -1 when the date
 * does not exist or the year is outside 1900-2199. */
int dn_date_from_ymd(int y, int m, int d, dn_date *out);

/* Split a date into year, month, day. */
void dn_date_to_ymd(dn_date date, int *y, int *m, int *d);

/* Parse len bytes as a date in fmt; YYYY-MM-DD and YYYYMMDD are always
 * accepted too (they are what the tools write).  Returns 0; -1 when the
 * text is not a date in any accepted form; -2 when it is an impossible
 * date (2026-02-30); -3 when the year is outside 1900-2199. */
int dn_date_parse(const char *s, size_t len, dn_datefmt fmt, dn_date *out);

/* Write YYYY-MM-DD into buf (11 bytes); returns 10. */
size_t dn_date_format(dn_date date, char *buf);

/* date + n months, the day clamped to the month's end (Jan 31 + 1 month =
 * Feb 28 or 29).  `day` is the day of month wanted (so a monthly plan
 * started on the 31st comes back to the 31st after February). */
dn_date dn_date_add_months(dn_date date, int months, int day);

/* Message for a dn_date_parse failure code. */
const char *dn_date_strerror(int code);

/* The dn_error reason (DN_R_BAD_DATE, DN_R_IMPOSSIBLE_DATE, DN_R_YEAR_RANGE)
 * of a dn_date_parse failure code; DN_R_NONE for 0. */
int dn_date_reason(int code);

/* How a format reads in a message: "DD/MM/YYYY" (static text). */
const char *dn_datefmt_form(dn_datefmt fmt);

/* Write date in fmt ("23/11/2026" for DN_DATE_DMY_SLASH; two-digit day and
 * month) into buf (11 bytes); returns 10.  For [output] date_format. */
size_t dn_date_format_as(dn_date date, dn_datefmt fmt, char *buf);

/* Days in a month (1..12) of a year. */
int dn_days_in_month(int y, int m);

#endif
