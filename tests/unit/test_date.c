/* test_date.c - day numbers, parsing in every [input] date_format,
 * formatting, month arithmetic, and a round trip over 1900-2199. */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "unit.h"

/* Day number of y-m-d, or a value no test expects when it does not exist. */
static dn_date ymd(int y, int m, int d)
{
	dn_date out = -999999;

	if (dn_date_from_ymd(y, m, d, &out) != 0)
		printf("  %04d-%02d-%02d is not a date\n", y, m, d);
	return out;
}

static int parse(const char *s, dn_datefmt fmt, dn_date *out)
{
	return dn_date_parse(s, strlen(s), fmt, out);
}

/* Whether s parses in fmt to y-m-d. */
static int parses_to(const char *s, dn_datefmt fmt, int y, int m, int d)
{
	dn_date got = -1;
	int rc = parse(s, fmt, &got);

	if (rc != 0) {
		printf("  '%s' (format %d) refused with %d\n", s, (int)fmt, rc);
		return 0;
	}
	if (got != ymd(y, m, d)) {
		printf("  '%s' (format %d) gave day %ld\n", s, (int)fmt, (long)got);
		return 0;
	}
	return 1;
}

static const char *fmt(dn_date d)
{
	static char buf[11];

	dn_date_format(d, buf);
	return buf;
}

static void test_day_numbers(void)
{
	dn_date d = 0;
	int y = 0, m = 0, dd = 0;

	/* Day 0 is 1970-01-01. */
	CHECK(dn_date_from_ymd(1970, 1, 1, &d) == 0 && d == 0);
	CHECK(ymd(1970, 1, 2) == 1);
	CHECK(ymd(1969, 12, 31) == -1);
	/* 1970..1999 is 30 years with 7 leap days: 30 * 365 + 7 = 10957;
	 * then January (31) and February 2000 (29): 10957 + 60 = 11017. */
	CHECK(ymd(2000, 1, 1) == 10957);
	CHECK(ymd(2000, 3, 1) == 11017);
	/* 1900..1969: 70 * 365 + 17 leap days (1904..1968) = 25567. */
	CHECK(ymd(1900, 1, 1) == -25567);
	/* 2026-11-23: 20454 days to 2026-01-01 (56 * 365 + 14), plus 326. */
	CHECK(ymd(2026, 1, 1) == 20454);
	CHECK(ymd(2026, 11, 23) == 20780);
	dn_date_to_ymd(20780, &y, &m, &dd);
	CHECK(y == 2026 && m == 11 && dd == 23);
	dn_date_to_ymd(-25567, &y, &m, &dd);
	CHECK(y == 1900 && m == 1 && dd == 1);
	dn_date_to_ymd(11016, &y, &m, &dd);
	CHECK(y == 2000 && m == 2 && dd == 29);

	/* Bad y-m-d. */
	CHECK(dn_date_from_ymd(2026, 2, 29, &d) == -1);
	CHECK(dn_date_from_ymd(2026, 4, 31, &d) == -1);
	CHECK(dn_date_from_ymd(2026, 13, 1, &d) == -1);
	CHECK(dn_date_from_ymd(2026, 0, 1, &d) == -1);
	CHECK(dn_date_from_ymd(2026, 1, 0, &d) == -1);
	CHECK(dn_date_from_ymd(1899, 12, 31, &d) == -1);
	CHECK(dn_date_from_ymd(2200, 1, 1, &d) == -1);
	CHECK(dn_date_from_ymd(2199, 12, 31, &d) == 0);

	CHECK(dn_days_in_month(2024, 2) == 29);
	CHECK(dn_days_in_month(2023, 2) == 28);
	CHECK(dn_days_in_month(1900, 2) == 28); /* divisible by 100 */
	CHECK(dn_days_in_month(2000, 2) == 29); /* divisible by 400 */
	CHECK(dn_days_in_month(2100, 2) == 28);
	CHECK(dn_days_in_month(2026, 4) == 30);
	CHECK(dn_days_in_month(2026, 12) == 31);
	CHECK(dn_days_in_month(2026, 1) == 31);
}

static void test_differences(void)
{
	/* Across February in a leap year and in a common year. */
	CHECK(ymd(2024, 3, 1) - ymd(2024, 2, 28) == 2);
	CHECK(ymd(2023, 3, 1) - ymd(2023, 2, 28) == 1);
	CHECK(ymd(2025, 1, 1) - ymd(2024, 1, 1) == 366);
	CHECK(ymd(2024, 1, 1) - ymd(2023, 1, 1) == 365);
	CHECK(ymd(2001, 1, 1) - ymd(2000, 1, 1) == 366); /* 2000 is leap */
	CHECK(ymd(2101, 1, 1) - ymd(2100, 1, 1) == 365); /* 2100 is not */
	CHECK(ymd(1901, 1, 1) - ymd(1900, 1, 1) == 365); /* nor 1900 */
	/* Jan..Oct 2026 = 31+28+31+30+31+30+31+31+30+31 = 304 days; + 22. */
	CHECK(ymd(2026, 11, 23) - ymd(2026, 1, 1) == 326);
	CHECK(ymd(2026, 3, 1) - ymd(2026, 2, 9) == 20);
	/* The whole range: 300 years, 73 leap days (75 multiples of 4 from
	 * 1900 to 2196, less 1900 and 2100): 109573 days, last - first = 109572. */
	CHECK(ymd(2199, 12, 31) - ymd(1900, 1, 1) == 109572);
	CHECK(ymd(2024, 2, 29) - ymd(2028, 2, 29) == -1461);
}

static void test_parse_iso(void)
{
	dn_date d;

	CHECK(parses_to("2026-11-23", DN_DATE_ISO, 2026, 11, 23));
	CHECK(parses_to("20261123", DN_DATE_ISO, 2026, 11, 23));
	CHECK(parses_to("2024-02-29", DN_DATE_ISO, 2024, 2, 29));
	CHECK(parses_to("2000-02-29", DN_DATE_ISO, 2000, 2, 29));
	CHECK(parses_to("1900-01-01", DN_DATE_ISO, 1900, 1, 1));
	CHECK(parses_to("2199-12-31", DN_DATE_ISO, 2199, 12, 31));
	CHECK(parses_to("21991231", DN_DATE_ISO, 2199, 12, 31));
	/* Only len bytes count. */
	CHECK(dn_date_parse("2026-11-23T10:00", 10, DN_DATE_ISO, &d) == 0 &&
	      d == ymd(2026, 11, 23));
	/* -1: not a date at all. */
	CHECK(parse("2026-2-3", DN_DATE_ISO, &d) == -1);
	CHECK(parse("2026-02-3", DN_DATE_ISO, &d) == -1);
	CHECK(parse("", DN_DATE_ISO, &d) == -1);
	CHECK(parse("2026/02/03", DN_DATE_ISO, &d) == -1);
	CHECK(parse("03/02/2026", DN_DATE_ISO, &d) == -1); /* not without date_format */
	CHECK(parse("2026-01-0x", DN_DATE_ISO, &d) == -1);
	CHECK(parse(" 2026-01-01", DN_DATE_ISO, &d) == -1);
	CHECK(parse("2026-01-01 ", DN_DATE_ISO, &d) == -1);
	CHECK(parse("2026-1-012", DN_DATE_ISO, &d) == -1);
	CHECK(parse("+026-01-01", DN_DATE_ISO, &d) == -1);
	CHECK(parse("2026011", DN_DATE_ISO, &d) == -1);
	CHECK(parse("202601011", DN_DATE_ISO, &d) == -1);
	CHECK(parse("2026 01 01", DN_DATE_ISO, &d) == -1);
	CHECK(parse("yesterday", DN_DATE_ISO, &d) == -1);
	/* -2: well formed, but no such day. */
	CHECK(parse("2026-02-30", DN_DATE_ISO, &d) == -2);
	CHECK(parse("2026-02-29", DN_DATE_ISO, &d) == -2);
	CHECK(parse("2100-02-29", DN_DATE_ISO, &d) == -2);
	CHECK(parse("1900-02-29", DN_DATE_ISO, &d) == -2);
	CHECK(parse("2026-04-31", DN_DATE_ISO, &d) == -2);
	CHECK(parse("2026-13-01", DN_DATE_ISO, &d) == -2);
	CHECK(parse("2026-00-10", DN_DATE_ISO, &d) == -2);
	CHECK(parse("2026-01-00", DN_DATE_ISO, &d) == -2);
	CHECK(parse("20260230", DN_DATE_ISO, &d) == -2);
	/* -3: the year is outside 1900-2199. */
	CHECK(parse("1899-12-31", DN_DATE_ISO, &d) == -3);
	CHECK(parse("2200-01-01", DN_DATE_ISO, &d) == -3);
	CHECK(parse("0000-01-01", DN_DATE_ISO, &d) == -3);
	CHECK(parse("9999-12-31", DN_DATE_ISO, &d) == -3);
	CHECK(parse("18991231", DN_DATE_ISO, &d) == -3);

	CHECK_STR(dn_date_strerror(-1), "not a date");
	CHECK_STR(dn_date_strerror(-2), "no such date");
	CHECK_STR(dn_date_strerror(-3), "year outside 1900-2199");
}

static void test_parse_formats(void)
{
	dn_datefmt f = DN_DATE_ISO;
	dn_date d;

	CHECK(dn_datefmt_from_name("%Y-%m-%d", &f) == 0 && f == DN_DATE_ISO);
	CHECK(dn_datefmt_from_name("%d/%m/%Y", &f) == 0 && f == DN_DATE_DMY_SLASH);
	CHECK(dn_datefmt_from_name("%m/%d/%Y", &f) == 0 && f == DN_DATE_MDY_SLASH);
	CHECK(dn_datefmt_from_name("%d.%m.%Y", &f) == 0 && f == DN_DATE_DMY_DOT);
	CHECK(dn_datefmt_from_name("%d-%m-%Y", &f) == 0 && f == DN_DATE_DMY_DASH);
	CHECK(dn_datefmt_from_name("%Y/%m/%d", &f) == -1);
	CHECK(dn_datefmt_from_name("%d/%m/%y", &f) == -1);
	CHECK(dn_datefmt_from_name("", &f) == -1);
	CHECK(dn_datefmt_from_name("dd/mm/yyyy", &f) == -1);

	/* %d/%m/%Y, with one-digit day and month. */
	CHECK(parses_to("23/11/2026", DN_DATE_DMY_SLASH, 2026, 11, 23));
	CHECK(parses_to("3/2/2026", DN_DATE_DMY_SLASH, 2026, 2, 3));
	CHECK(parses_to("03/2/2026", DN_DATE_DMY_SLASH, 2026, 2, 3));
	CHECK(parses_to("3/02/2026", DN_DATE_DMY_SLASH, 2026, 2, 3));
	CHECK(parses_to("29/02/2024", DN_DATE_DMY_SLASH, 2024, 2, 29));
	/* The forms the tools write are always accepted too. */
	CHECK(parses_to("2026-02-03", DN_DATE_DMY_SLASH, 2026, 2, 3));
	CHECK(parses_to("20260203", DN_DATE_DMY_SLASH, 2026, 2, 3));
	CHECK(parse("31/02/2026", DN_DATE_DMY_SLASH, &d) == -2);
	CHECK(parse("1/13/2026", DN_DATE_DMY_SLASH, &d) == -2);
	CHECK(parse("0/1/2026", DN_DATE_DMY_SLASH, &d) == -2);
	CHECK(parse("1/1/1899", DN_DATE_DMY_SLASH, &d) == -3);
	CHECK(parse("3/2/26", DN_DATE_DMY_SLASH, &d) == -1);
	CHECK(parse("123/2/2026", DN_DATE_DMY_SLASH, &d) == -1);
	CHECK(parse("3/2/2026x", DN_DATE_DMY_SLASH, &d) == -1);
	CHECK(parse("3/2/20260", DN_DATE_DMY_SLASH, &d) == -1);
	CHECK(parse("3-2-2026", DN_DATE_DMY_SLASH, &d) == -1);
	CHECK(parse("3.2.2026", DN_DATE_DMY_SLASH, &d) == -1);
	CHECK(parse("/2/2026", DN_DATE_DMY_SLASH, &d) == -1);
	CHECK(parse("3//2026", DN_DATE_DMY_SLASH, &d) == -1);
	CHECK(parse("3/2/", DN_DATE_DMY_SLASH, &d) == -1);
	CHECK(parse("3/2", DN_DATE_DMY_SLASH, &d) == -1);
	CHECK(parse("", DN_DATE_DMY_SLASH, &d) == -1);

	/* %m/%d/%Y */
	CHECK(parses_to("2/3/2026", DN_DATE_MDY_SLASH, 2026, 2, 3));
	CHECK(parses_to("12/31/2026", DN_DATE_MDY_SLASH, 2026, 12, 31));
	CHECK(parses_to("02/29/2000", DN_DATE_MDY_SLASH, 2000, 2, 29));
	CHECK(parse("31/12/2026", DN_DATE_MDY_SLASH, &d) == -2);
	CHECK(parse("2/29/2100", DN_DATE_MDY_SLASH, &d) == -2);

	/* %d.%m.%Y */
	CHECK(parses_to("3.2.2026", DN_DATE_DMY_DOT, 2026, 2, 3));
	CHECK(parses_to("29.02.2024", DN_DATE_DMY_DOT, 2024, 2, 29));
	CHECK(parse("29.02.2023", DN_DATE_DMY_DOT, &d) == -2);
	CHECK(parse("1.1.2200", DN_DATE_DMY_DOT, &d) == -3);
	CHECK(parse("3/2/2026", DN_DATE_DMY_DOT, &d) == -1);

	/* %d-%m-%Y: must not be confused with the ISO form. */
	CHECK(parses_to("3-2-2026", DN_DATE_DMY_DASH, 2026, 2, 3));
	CHECK(parses_to("03-02-2026", DN_DATE_DMY_DASH, 2026, 2, 3));
	CHECK(parses_to("31-12-2199", DN_DATE_DMY_DASH, 2199, 12, 31));
	CHECK(parses_to("2026-02-03", DN_DATE_DMY_DASH, 2026, 2, 3));
	CHECK(parse("2026-2-3", DN_DATE_DMY_DASH, &d) == -1);
	CHECK(parse("30-02-2026", DN_DATE_DMY_DASH, &d) == -2);
}

static void test_format(void)
{
	char buf[11];

	CHECK(dn_date_format(0, buf) == 10);
	CHECK_STR(buf, "1970-01-01");
	CHECK_STR(fmt(-25567), "1900-01-01");
	CHECK_STR(fmt(20780), "2026-11-23");
	CHECK_STR(fmt(11016), "2000-02-29");
	CHECK_STR(fmt(ymd(2199, 12, 31)), "2199-12-31");
	CHECK_STR(fmt(ymd(2026, 1, 5)), "2026-01-05");
}

/* [output] date_format: the input formats, written with two-digit fields. */
static void test_format_as(void)
{
	char buf[11];
	dn_date d = ymd(2026, 3, 5);
	dn_date back = 0;
	static const dn_datefmt all[] = {DN_DATE_ISO, DN_DATE_DMY_SLASH, DN_DATE_MDY_SLASH,
					 DN_DATE_DMY_DOT, DN_DATE_DMY_DASH};
	size_t i;

	CHECK(dn_date_format_as(d, DN_DATE_ISO, buf) == 10);
	CHECK_STR(buf, "2026-03-05");
	dn_date_format_as(d, DN_DATE_DMY_SLASH, buf);
	CHECK_STR(buf, "05/03/2026");
	dn_date_format_as(d, DN_DATE_MDY_SLASH, buf);
	CHECK_STR(buf, "03/05/2026");
	dn_date_format_as(d, DN_DATE_DMY_DOT, buf);
	CHECK_STR(buf, "05.03.2026");
	dn_date_format_as(ymd(1900, 12, 31), DN_DATE_DMY_DASH, buf);
	CHECK_STR(buf, "31-12-1900");
	/* What is written reads back in the same format. */
	for (i = 0; i < sizeof all / sizeof all[0]; i++) {
		dn_date_format_as(ymd(2199, 11, 23), all[i], buf);
		CHECK(dn_date_parse(buf, 10, all[i], &back) == 0 && back == ymd(2199, 11, 23));
	}
	CHECK_STR(dn_datefmt_form(DN_DATE_ISO), "YYYY-MM-DD");
	CHECK_STR(dn_datefmt_form(DN_DATE_DMY_SLASH), "DD/MM/YYYY");
	CHECK_STR(dn_datefmt_form(DN_DATE_MDY_SLASH), "MM/DD/YYYY");
	CHECK_STR(dn_datefmt_form(DN_DATE_DMY_DOT), "DD.MM.YYYY");
	CHECK_STR(dn_datefmt_form(DN_DATE_DMY_DASH), "DD-MM-YYYY");
	/* The reasons of the parse's failure codes. */
	CHECK(dn_date_reason(0) == DN_R_NONE);
	CHECK(dn_date_reason(dn_date_parse("x", 1, DN_DATE_ISO, &back)) == DN_R_BAD_DATE);
	CHECK(dn_date_reason(dn_date_parse("2026-02-30", 10, DN_DATE_ISO, &back)) ==
	      DN_R_IMPOSSIBLE_DATE);
	CHECK(dn_date_reason(dn_date_parse("1899-12-31", 10, DN_DATE_ISO, &back)) ==
	      DN_R_YEAR_RANGE);
}

static void test_add_months(void)
{
	/* The day is clamped to the month's end... */
	CHECK_STR(fmt(dn_date_add_months(ymd(2026, 1, 31), 1, 31)), "2026-02-28");
	CHECK_STR(fmt(dn_date_add_months(ymd(2024, 1, 31), 1, 31)), "2024-02-29");
	CHECK_STR(fmt(dn_date_add_months(ymd(2026, 1, 31), 3, 31)), "2026-04-30");
	/* ... but the wanted day comes back after a short month. */
	CHECK_STR(fmt(dn_date_add_months(ymd(2026, 1, 31), 2, 31)), "2026-03-31");
	CHECK_STR(fmt(dn_date_add_months(ymd(2026, 2, 28), 1, 31)), "2026-03-31");
	CHECK_STR(fmt(dn_date_add_months(ymd(2026, 2, 28), 1, 28)), "2026-03-28");
	CHECK_STR(fmt(dn_date_add_months(ymd(2026, 1, 30), 1, 30)), "2026-02-28");
	CHECK_STR(fmt(dn_date_add_months(ymd(2026, 1, 29), 1, 29)), "2026-02-28");
	CHECK_STR(fmt(dn_date_add_months(ymd(2028, 1, 29), 1, 29)), "2028-02-29");
	/* Across a year, zero, and negative months. */
	CHECK_STR(fmt(dn_date_add_months(ymd(2026, 12, 31), 1, 31)), "2027-01-31");
	CHECK_STR(fmt(dn_date_add_months(ymd(2026, 1, 15), 12, 15)), "2027-01-15");
	CHECK_STR(fmt(dn_date_add_months(ymd(2026, 1, 15), 0, 15)), "2026-01-15");
	CHECK_STR(fmt(dn_date_add_months(ymd(2026, 1, 15), -1, 15)), "2025-12-15");
	CHECK_STR(fmt(dn_date_add_months(ymd(2026, 1, 15), -13, 15)), "2024-12-15");
	CHECK_STR(fmt(dn_date_add_months(ymd(2026, 3, 31), -1, 31)), "2026-02-28");
	CHECK_STR(fmt(dn_date_add_months(ymd(2026, 5, 31), -3, 31)), "2026-02-28");
	CHECK_STR(fmt(dn_date_add_months(ymd(2024, 3, 31), -1, 31)), "2024-02-29");
	CHECK_STR(fmt(dn_date_add_months(ymd(2026, 1, 1), -24, 1)), "2024-01-01");
	/* A year of monthly steps from the 31st. */
	{
		static const char *const want[] = {"2026-01-31", "2026-02-28", "2026-03-31",
						   "2026-04-30", "2026-05-31", "2026-06-30",
						   "2026-07-31", "2026-08-31", "2026-09-30",
						   "2026-10-31", "2026-11-30", "2026-12-31"};
		dn_date start = ymd(2026, 1, 31);
		int k, ok = 1;
		for (k = 0; k < 12; k++)
			if (strcmp(fmt(dn_date_add_months(start, k, 31)), want[k]) != 0)
				ok = 0;
		CHECK(ok);
	}
}

/* Every day from 1900-01-01 to 2199-12-31: to_ymd and back, format and back,
 * and each day follows the previous one on the calendar. */
static void test_round_trip(void)
{
	dn_date first = ymd(1900, 1, 1), last = ymd(2199, 12, 31), d;
	int py = 1899, pm = 12, pd = 31;
	long bad = 0, days = 0;

	for (d = first; d <= last; d++) {
		int y, m, dd;
		dn_date back = 0, parsed = 0;
		char buf[11], compact[9];

		days++;
		dn_date_to_ymd(d, &y, &m, &dd);
		/* The calendar successor of the previous day. */
		if (!((y == py && m == pm && dd == pd + 1) ||
		      (y == py && m == pm + 1 && dd == 1 && pd == dn_days_in_month(py, pm)) ||
		      (y == py + 1 && m == 1 && dd == 1 && pm == 12 && pd == 31))) {
			if (bad++ < 5)
				printf("  day %ld is %d-%d-%d after %d-%d-%d\n", (long)d, y, m, dd, py,
				       pm, pd);
		}
		py = y;
		pm = m;
		pd = dd;
		if (dn_date_from_ymd(y, m, dd, &back) != 0 || back != d) {
			if (bad++ < 5)
				printf("  day %ld: ymd round trip failed\n", (long)d);
			continue;
		}
		dn_date_format(d, buf);
		if (dn_date_parse(buf, 10, DN_DATE_ISO, &parsed) != 0 || parsed != d) {
			if (bad++ < 5)
				printf("  '%s' did not parse back\n", buf);
		}
		/* YYYYMMDD too. */
		memcpy(compact, buf, 4);
		memcpy(compact + 4, buf + 5, 2);
		memcpy(compact + 6, buf + 8, 2);
		if (dn_date_parse(compact, 8, DN_DATE_DMY_SLASH, &parsed) != 0 || parsed != d) {
			if (bad++ < 5)
				printf("  '%.8s' did not parse back\n", compact);
		}
	}
	CHECK(days == 109573);
	CHECK(bad == 0);
	CHECK(py == 2199 && pm == 12 && pd == 31);
}

static void test_format_in(void)
{
	char buf[11];
	dn_date d;

	dn_date_from_ymd(2026, 3, 7, &d);
	CHECK(dn_date_format_as(d, DN_DATE_ISO, buf) == 10);
	CHECK_STR(buf, "2026-03-07");
	dn_date_format_as(d, DN_DATE_DMY_SLASH, buf);
	CHECK_STR(buf, "07/03/2026");
	dn_date_format_as(d, DN_DATE_MDY_SLASH, buf);
	CHECK_STR(buf, "03/07/2026");
	dn_date_format_as(d, DN_DATE_DMY_DOT, buf);
	CHECK_STR(buf, "07.03.2026");
	dn_date_format_as(d, DN_DATE_DMY_DASH, buf);
	CHECK_STR(buf, "07-03-2026");
}

/* YYYY-MM-DD takes a straight-line path of its own; YYYYMMDD the general
 * one.  Both must give the same answer for the same digits, for every
 * year, month and day around the edges, and for every byte in a digit's
 * place (those just below '0' and above '9' too). */
static void test_iso_like_compact(void)
{
	static const int years[] = {1899, 1900, 1901, 1970, 1999, 2000, 2024, 2026, 2100, 2199, 2200, 9999, 0};
	static const char odd[] = "/:a ";
	size_t yi, k, pos;
	int m, d, bad = 0;

	for (yi = 0; yi < sizeof years / sizeof years[0]; yi++)
		for (m = 0; m <= 13; m++)
			for (d = 0; d <= 32; d++) {
				char iso[40], compact[40]; /* room for any int, as gcc -O1 asks */
				dn_date a = 1, b = 1;
				int ra, rb;
				snprintf(iso, sizeof iso, "%04d-%02d-%02d", years[yi], m, d);
				snprintf(compact, sizeof compact, "%04d%02d%02d", years[yi], m, d);
				ra = dn_date_parse(iso, 10, DN_DATE_ISO, &a);
				rb = dn_date_parse(compact, 8, DN_DATE_ISO, &b);
				if (ra != rb || (ra == 0 && a != b)) {
					printf("  %s: %d %d, %s: %d %d\n", iso, ra, (int)a, compact, rb, (int)b);
					bad++;
				}
			}
	/* A byte that is not a digit, in each digit's place. */
	for (k = 0; k < sizeof odd - 1; k++)
		for (pos = 0; pos < 10; pos++) {
			char iso[] = "2026-11-23";
			dn_date a = 1;
			if (pos == 4 || pos == 7)
				continue;
			iso[pos] = odd[k];
			if (dn_date_parse(iso, 10, DN_DATE_ISO, &a) != -1) {
				printf("  %s parses\n", iso);
				bad++;
			}
		}
	CHECK(bad == 0);
}

/* Every day of the supported years read back from its ISO text to its
 * own number (the ISO path has its own arithmetic), and the days just
 * outside refused as out of range. */
static void test_iso_every_day(void)
{
	dn_date first, last, d, got;
	char buf[16];
	int bad = 0;

	CHECK(dn_date_from_ymd(DN_YEAR_MIN, 1, 1, &first) == 0);
	CHECK(dn_date_from_ymd(DN_YEAR_MAX, 12, 31, &last) == 0);
	for (d = first; d <= last; d++) {
		int y, m, dd;
		dn_date_to_ymd(d, &y, &m, &dd);
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, dd);
		got = d + 1;
		if (dn_date_parse(buf, 10, DN_DATE_ISO, &got) != 0 || got != d)
			bad++;
	}
	CHECK(bad == 0);
	CHECK(last - first + 1 == 109573); /* 300 years, 73 of them leap */
	CHECK(dn_date_parse("1899-12-31", 10, DN_DATE_ISO, &got) == -3);
	CHECK(dn_date_parse("2200-01-01", 10, DN_DATE_ISO, &got) == -3);
	CHECK(dn_date_parse("1970-01-01", 10, DN_DATE_ISO, &got) == 0 && got == 0);
	CHECK(dn_date_parse("2000-02-29", 10, DN_DATE_ISO, &got) == 0 && got == 11016);
	CHECK(dn_date_parse("2100-02-29", 10, DN_DATE_ISO, &got) == -2);
	CHECK(dn_date_parse("2026-1a-01", 10, DN_DATE_ISO, &got) == -1);
}

int main(void)
{
	test_iso_every_day();
	test_iso_like_compact();
	test_format_in();
	test_day_numbers();
	test_differences();
	test_parse_iso();
	test_parse_formats();
	test_format();
	test_format_as();
	test_add_months();
	test_round_trip();
	DONE();
}
