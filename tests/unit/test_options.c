/* test_options.c - the common command-line options, a tool's own options
 * through a declared table, $DUNNING_AS_OF, and the option value helpers. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "options.h"
#include "scratch.h"
#include "unit.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof(a)[0]) - 1)

static dn_date ymd(int y, int m, int d)
{
	dn_date out = 0;

	dn_date_from_ymd(y, m, d, &out);
	return out;
}

/* What a tool's handler saw. */
struct seen {
	int summary;
	const char *by;
	int calls;
};

static int take_by(const char *opt, const char *arg, void *opts, dn_error *e)
{
	struct seen *s = opts;

	s->calls++;
	if (strcmp(arg, "bad") == 0)
		return dn_option_error(e, opt, "not a column", NULL);
	s->by = arg;
	return 0;
}

static const dn_optspec tool_opts[] = {
	DN_FLAG("summary", 's', struct seen, summary, "sum"),
	DN_CALL("by", take_by, "FIELD", "group by FIELD"),
	DN_END,
};

/* Parse with the tool options; *seen is reset. */
static int parse(int argc, char **argv, struct seen *seen, dn_common *c, dn_error *e)
{
	memset(seen, 0, sizeof *seen);
	dn_error_clear(e);
	return dn_options_parse(argc, argv, tool_opts, seen, c, e);
}

static dn_date today_local(void)
{
	time_t now = time(NULL);
	struct tm tm;
	dn_date d = 0;

	if (localtime_r(&now, &tm) != NULL)
		dn_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &d);
	return d;
}

static void test_common(void)
{
	struct seen s;
	dn_common c;
	dn_error e;

	{
		char *argv[] = {"aging", "--as-of", "2026-11-23", "items.csv", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 3);
		CHECK(c.as_of == ymd(2026, 11, 23));
		CHECK(c.config == NULL && c.rejects == NULL && !c.excel_safe && !c.help &&
		      !c.version);
		CHECK(s.calls == 0);
	}
	{
		char *argv[] = {"aging", "--as-of=20260102", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 2);
		CHECK(c.as_of == ymd(2026, 1, 2));
	}
	{
		char *argv[] = {"aging",     "-c", "my.ini",      "--rejects", "rej.csv",
				"--excel-safe", "a.csv", "b.csv", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 6);
		CHECK_STR(c.config, "my.ini");
		CHECK_STR(c.rejects, "rej.csv");
		CHECK(c.excel_safe == 1);
		CHECK_STR(argv[6], "a.csv");
		CHECK_STR(argv[7], "b.csv");
	}
	{
		char *argv[] = {"aging", "--config=x.ini", "--rejects=r.csv", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 3);
		CHECK_STR(c.config, "x.ini");
		CHECK_STR(c.rejects, "r.csv");
	}
	{
		char *argv[] = {"aging", "-h", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 2 && c.help == 1 && c.version == 0);
	}
	{
		char *argv[] = {"aging", "--version", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 2 && c.version == 1 && c.help == 0);
	}
	{
		char *argv[] = {"aging", "-hV", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 2 && c.version == 1 && c.help == 1);
	}
	{
		char *argv[] = {"aging", "--help", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 2 && c.help == 1);
	}
	/* Operands are permuted after the options, as GNU does. */
	{
		char *argv[] = {"aging", "a.csv", "--excel-safe", "b.csv", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 2);
		CHECK(c.excel_safe == 1);
		CHECK_STR(argv[2], "a.csv");
		CHECK_STR(argv[3], "b.csv");
	}
	/* "--" ends the options; "-" is an operand. */
	{
		char *argv[] = {"aging", "--", "-h", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 2 && c.help == 0);
		CHECK_STR(argv[2], "-h");
	}
	{
		char *argv[] = {"aging", "-", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 1);
	}
	{
		char *argv[] = {"aging", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 1);
	}
	/* A unique prefix of a long option is that option. */
	{
		char *argv[] = {"aging", "--excel", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 2 && c.excel_safe == 1);
	}
}

/* The parse must fail with a usage error naming opt with message msg (and
 * value, unless NULL). */
static int usage_fails(int argc, char **argv, const char *opt, const char *msg,
		       const char *value)
{
	struct seen s;
	dn_common c;
	dn_error e;
	int rc = parse(argc, argv, &s, &c, &e);
	int ok = rc == -1 && e.status == DN_EX_USAGE && strcmp(e.name, opt) == 0 &&
		 strcmp(e.message, msg) == 0 &&
		 (value == NULL ? !e.has_value : e.has_value && strcmp(e.value, value) == 0);

	if (!ok)
		printf("  %s: rc %d, status %d, name '%s', message '%s', value '%s'\n", argv[1],
		       rc, e.status, e.name, e.message, e.has_value ? e.value : "(none)");
	return ok;
}

/* The parse succeeds (the as-of is only text then); resolving it without a
 * config fails naming --as-of with msg and value. */
static int as_of_fails(int argc, char **argv, const char *msg, const char *value)
{
	struct seen s;
	dn_common c;
	dn_error e;
	int rc = parse(argc, argv, &s, &c, &e);

	if (rc < 0)
		return 0;
	dn_error_clear(&e);
	rc = dn_common_resolve(&c, NULL, &e);
	if (rc == DN_EX_USAGE && strcmp(e.name, "--as-of") == 0 && strcmp(e.what, "option") == 0 &&
	    strcmp(e.message, msg) == 0 && e.has_value && strcmp(e.value, value) == 0)
		return 1;
	printf("  %s: rc %d, name '%s', message '%s', value '%s'\n", argv[2], rc, e.name,
	       e.message, e.value);
	return 0;
}

static void test_as_of_errors(void)
{
	{
		char *argv[] = {"aging", "--as-of", "2026-02-30", NULL};
		CHECK(as_of_fails(ARGC(argv), argv, "no such date", "2026-02-30"));
	}
	{
		char *argv[] = {"aging", "--as-of", "23/11/2026", NULL};
		CHECK(as_of_fails(ARGC(argv), argv, "not a date (expected YYYY-MM-DD or YYYYMMDD)",
				  "23/11/2026"));
	}
	{
		char *argv[] = {"aging", "--as-of=", NULL};
		CHECK(as_of_fails(ARGC(argv), argv, "not a date (expected YYYY-MM-DD or YYYYMMDD)",
				  ""));
	}
	{
		char *argv[] = {"aging", "--as-of", "1899-12-31", NULL};
		CHECK(as_of_fails(ARGC(argv), argv, "year outside 1900-2199", "1899-12-31"));
	}
}

static void test_usage_errors(void)
{
	{
		char *argv[] = {"aging", "--bogus", NULL};
		CHECK(usage_fails(ARGC(argv), argv, "--bogus", "unknown option", NULL));
	}
	{
		char *argv[] = {"aging", "--bogus=1", NULL};
		CHECK(usage_fails(ARGC(argv), argv, "--bogus", "unknown option", NULL));
	}
	{
		char *argv[] = {"aging", "-Z", NULL};
		CHECK(usage_fails(ARGC(argv), argv, "-Z", "unknown option", NULL));
	}
	{
		char *argv[] = {"aging", "-hZ", NULL};
		CHECK(usage_fails(ARGC(argv), argv, "-Z", "unknown option", NULL));
	}
	{
		char *argv[] = {"aging", "--as-of", NULL};
		CHECK(usage_fails(ARGC(argv), argv, "--as-of", "missing argument", NULL));
	}
	{
		char *argv[] = {"aging", "-c", NULL};
		CHECK(usage_fails(ARGC(argv), argv, "-c", "missing argument", NULL));
	}
	{
		char *argv[] = {"aging", "--rejects", NULL};
		CHECK(usage_fails(ARGC(argv), argv, "--rejects", "missing argument", NULL));
	}
	{
		char *argv[] = {"aging", "--by", NULL};
		CHECK(usage_fails(ARGC(argv), argv, "--by", "missing argument", NULL));
	}
	{
		char *argv[] = {"aging", "--excel-safe=yes", NULL};
		CHECK(usage_fails(ARGC(argv), argv, "--excel-safe", "takes no argument", "yes"));
	}
	{
		char *argv[] = {"aging", "--summary=yes", NULL};
		CHECK(usage_fails(ARGC(argv), argv, "--summary", "takes no argument", "yes"));
	}
	{
		char *argv[] = {"aging", "--help=1", NULL};
		CHECK(usage_fails(ARGC(argv), argv, "--help", "takes no argument", "1"));
	}
	{
		char *argv[] = {"aging", "-c", "", NULL};
		CHECK(usage_fails(ARGC(argv), argv, "--config", "empty file name", NULL));
	}
}

static void test_tool_options(void)
{
	struct seen s;
	dn_common c;
	dn_error e;

	{
		char *argv[] = {"aging", "--summary", "--by", "segment", "items.csv", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 4);
		CHECK(s.calls == 1 && s.summary == 1);
		CHECK_STR(s.by, "segment");
	}
	{
		char *argv[] = {"aging", "-s", "--by=customer", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 3);
		CHECK(s.summary == 1);
		CHECK_STR(s.by, "customer");
	}
	{
		char *argv[] = {"aging", "-hs", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 2 && c.help == 1 && s.summary == 1);
	}
	/* The handler's error comes back as it was set. */
	{
		char *argv[] = {"aging", "--by", "bad", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == -1);
		CHECK(e.status == DN_EX_USAGE);
		CHECK_STR(e.message, "not a column");
		CHECK_STR(e.name, "--by");
	}
	/* Without the tool's table, a tool option is refused, not ignored. */
	{
		char *argv[] = {"aging", "-s", NULL};
		dn_error_clear(&e);
		CHECK(dn_options_parse(ARGC(argv), argv, NULL, NULL, &c, &e) == -1);
		CHECK(e.status == DN_EX_USAGE);
	}
	/* No tool options at all. */
	{
		char *argv[] = {"aging", "--summary", NULL};
		dn_error_clear(&e);
		CHECK(dn_options_parse(ARGC(argv), argv, NULL, NULL, &c, &e) == -1);
		CHECK_STR(e.message, "unknown option");
		CHECK_STR(e.name, "--summary");
	}
}

/* A tool option that reuses a common option's name or code would be
 * taken for the common one: refused. */
static void test_collisions(void)
{
	static const dn_optspec same_code[] = {
		{.name = "cfg", .letter = 'c', .kind = DN_OPT_TEXT}, DN_END};
	static const dn_optspec same_name[] = {{.name = "as-of", .kind = DN_OPT_TEXT}, DN_END};
	char *argv[] = {"aging", NULL};
	dn_common c;
	dn_error e;

	dn_error_clear(&e);
	CHECK(dn_options_parse(ARGC(argv), argv, same_code, NULL, &c, &e) == -1);
	CHECK(e.status == DN_EX_SOFTWARE);
	dn_error_clear(&e);
	CHECK(dn_options_parse(ARGC(argv), argv, same_name, NULL, &c, &e) == -1);
	CHECK(e.status == DN_EX_SOFTWARE);
}

/* getopt keeps state between calls: a parse that stopped inside "-Zh"
 * must not leak its rest into the next parse. */
static void test_reparse(void)
{
	struct seen s;
	dn_common c;
	dn_error e;
	char *bad[] = {"aging", "-Zh", NULL};
	char *good[] = {"aging", "a.csv", NULL};
	char *flag[] = {"aging", "-s", "x", NULL};

	CHECK(parse(ARGC(bad), bad, &s, &c, &e) == -1);
	CHECK_STR(e.name, "-Z");
	CHECK(parse(ARGC(good), good, &s, &c, &e) == 1);
	CHECK(c.help == 0 && s.calls == 0);
	CHECK(parse(ARGC(bad), bad, &s, &c, &e) == -1);
	CHECK(parse(ARGC(flag), flag, &s, &c, &e) == 2);
	CHECK(c.help == 0 && s.summary == 1 && s.calls == 0);
}

static void test_as_of_env(void)
{
	struct seen s;
	dn_common c;
	dn_error e;
	char *plain[] = {"aging", NULL};
	dn_date before, after;

	setenv("DUNNING_AS_OF", "2026-01-02", 1);
	CHECK(parse(ARGC(plain), plain, &s, &c, &e) == 1);
	CHECK(c.as_of == ymd(2026, 1, 2));
	{
		char *argv[] = {"aging", "--as-of", "2025-12-31", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 3);
		CHECK(c.as_of == ymd(2025, 12, 31)); /* the option wins */
	}
	setenv("DUNNING_AS_OF", "20261123", 1);
	CHECK(parse(ARGC(plain), plain, &s, &c, &e) == 1 && c.as_of == ymd(2026, 11, 23));
	/* A bad $DUNNING_AS_OF: the parse succeeds (so -h and -V answer), the
	 * resolve names the variable. */
	setenv("DUNNING_AS_OF", "2026-02-30", 1);
	CHECK(parse(ARGC(plain), plain, &s, &c, &e) == 1);
	CHECK(c.as_of_source == DN_AS_OF_ENV && strcmp(c.as_of_text, "2026-02-30") == 0);
	CHECK(dn_common_resolve(&c, NULL, &e) == DN_EX_USAGE);
	CHECK(e.status == DN_EX_USAGE);
	CHECK_STR(e.what, "environment");
	CHECK_STR(e.name, "DUNNING_AS_OF");
	CHECK_STR(e.message, "no such date");
	CHECK_STR(e.value, "2026-02-30");
	{
		char buf[256];
		CHECK_STR(dn_error_format(&e, buf, sizeof buf),
			  "environment DUNNING_AS_OF: no such date: '2026-02-30'");
	}
	{
		char *argv[] = {"aging", "-h", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 2 && c.help == 1);
		char *argv2[] = {"aging", "-V", NULL};
		CHECK(parse(ARGC(argv2), argv2, &s, &c, &e) == 2 && c.version == 1);
	}
	setenv("DUNNING_AS_OF", "bogus", 1);
	CHECK(parse(ARGC(plain), plain, &s, &c, &e) == 1);
	CHECK(dn_common_resolve(&c, NULL, &e) == DN_EX_USAGE);
	{
		char buf[256];
		CHECK_STR(dn_error_format(&e, buf, sizeof buf),
			  "environment DUNNING_AS_OF: not a date (expected YYYY-MM-DD or "
			  "YYYYMMDD): 'bogus'");
	}
	/* A bad $DUNNING_AS_OF does not matter when --as-of is given. */
	{
		char *argv[] = {"aging", "--as-of", "2025-12-31", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 3 && c.as_of == ymd(2025, 12, 31));
		CHECK(c.as_of_source == DN_AS_OF_OPTION);
		CHECK(dn_common_resolve(&c, NULL, &e) == 0 && c.as_of == ymd(2025, 12, 31));
	}
	/* Empty or unset: today in local time. */
	setenv("DUNNING_AS_OF", "", 1);
	before = today_local();
	CHECK(parse(ARGC(plain), plain, &s, &c, &e) == 1);
	after = today_local();
	CHECK(c.as_of == before || c.as_of == after);
	unsetenv("DUNNING_AS_OF");
	before = today_local();
	CHECK(parse(ARGC(plain), plain, &s, &c, &e) == 1);
	after = today_local();
	CHECK(c.as_of == before || c.as_of == after);
	CHECK(c.as_of > ymd(2000, 1, 1));
}

static void test_option_long(void)
{
	long v = -1;
	dn_error e;

	CHECK(dn_option_long("--top", "5", 1, 100, &v, &e) == 0 && v == 5);
	CHECK(dn_option_long("--top", "1", 1, 100, &v, &e) == 0 && v == 1);
	CHECK(dn_option_long("--top", "100", 1, 100, &v, &e) == 0 && v == 100);
	CHECK(dn_option_long("--top", "007", 1, 100, &v, &e) == 0 && v == 7);
	v = 42;
	CHECK(dn_option_long("--top", "0", 1, 100, &v, &e) == DN_EX_USAGE);
	CHECK(v == 42); /* untouched on failure */
	CHECK_STR(e.message, "not a whole number from 1 to 100");
	CHECK_STR(e.name, "--top");
	CHECK_STR(e.value, "0");
	CHECK(dn_option_long("--top", "101", 1, 100, &v, &e) == DN_EX_USAGE);
	CHECK(dn_option_long("--top", "", 1, 100, &v, &e) == DN_EX_USAGE);
	CHECK(dn_option_long("--top", "-1", 1, 100, &v, &e) == DN_EX_USAGE);
	CHECK(dn_option_long("--top", "+5", 1, 100, &v, &e) == DN_EX_USAGE);
	CHECK(dn_option_long("--top", "5x", 1, 100, &v, &e) == DN_EX_USAGE);
	CHECK(dn_option_long("--top", " 5", 1, 100, &v, &e) == DN_EX_USAGE);
	CHECK(dn_option_long("--top", "5 ", 1, 100, &v, &e) == DN_EX_USAGE);
	CHECK(dn_option_long("--top", "1e2", 1, 100, &v, &e) == DN_EX_USAGE);
	CHECK(dn_option_long("--top", "0x10", 0, 100, &v, &e) == DN_EX_USAGE);
	CHECK(dn_option_long("--top", "99999999999999999999999999", 1, 100, &v, &e) ==
	      DN_EX_USAGE);
	CHECK(dn_option_long("--defer", "0", 0, 365, &v, &e) == 0 && v == 0);
	/* The whole range of long: never a wrap-around. */
	CHECK(dn_option_long("--n", "9223372036854775807", 0, LONG_MAX, &v, &e) == 0 &&
	      v == LONG_MAX);
	CHECK(dn_option_long("--n", "9223372036854775808", 0, LONG_MAX, &v, &e) == DN_EX_USAGE);
	CHECK(dn_option_long("--n", "18446744073709551617", 0, LONG_MAX, &v, &e) == DN_EX_USAGE);
	CHECK(dn_option_long("--n", "99999999999999999999999999", 0, LONG_MAX, &v, &e) ==
	      DN_EX_USAGE);
}

static void test_choice_and_date(void)
{
	dn_date d = 0;
	dn_error e;

	CHECK(dn_option_choice("csv", "csv|table|json") == 1);
	CHECK(dn_option_choice("table", "csv|table|json") == 1);
	CHECK(dn_option_choice("json", "csv|table|json") == 1);
	CHECK(dn_option_choice("jso", "csv|table|json") == 0);
	CHECK(dn_option_choice("jsonl", "csv|table|json") == 0);
	CHECK(dn_option_choice("CSV", "csv|table|json") == 0);
	CHECK(dn_option_choice("", "csv|table|json") == 0);
	CHECK(dn_option_choice("", "csv||json") == 0);
	CHECK(dn_option_choice("csv|table", "csv|table|json") == 0);
	CHECK(dn_option_choice("|", "csv|table|json") == 0);
	CHECK(dn_option_choice("1m", "1m") == 1);
	CHECK(dn_option_choice("1m", "") == 0);

	CHECK(dn_option_date("--start", "2026-11-23", &d, &e) == 0 && d == ymd(2026, 11, 23));
	CHECK(dn_option_date("--start", "20261123", &d, &e) == 0 && d == ymd(2026, 11, 23));
	CHECK(dn_option_date("--start", "tomorrow", &d, &e) == DN_EX_USAGE);
	CHECK_STR(e.name, "--start");
	CHECK_STR(e.message, "not a date (expected YYYY-MM-DD or YYYYMMDD)");
	CHECK_STR(e.value, "tomorrow");
	CHECK(e.reason == DN_R_BAD_DATE);
	CHECK(dn_option_date("--start", "2026-02-29", &d, &e) == DN_EX_USAGE);
	CHECK_STR(e.message, "no such date");
	CHECK(e.reason == DN_R_IMPOSSIBLE_DATE);
}

static void test_output_close(void)
{
	dn_error e;
	FILE *fp = tmpfile();

	if (fp != NULL) {
		fputs("ok\n", fp);
		CHECK(dn_output_close(fp, "<tmp>", &e) == 0);
	}
	fp = fopen("/dev/full", "w");
	if (fp != NULL) {
		fputs("lost\n", fp);
		dn_error_clear(&e);
		CHECK(dn_output_close(fp, "<stdout>", &e) == DN_EX_IOERR);
		CHECK(e.status == DN_EX_IOERR);
		CHECK_STR(e.file, "<stdout>");
		CHECK(strncmp(e.message, "write error: ", 13) == 0);
		CHECK(strstr(e.message, strerror(ENOSPC)) != NULL);
	}
}

/* The diagnostic lines of a tool, and the options' shared error helpers. */
static void test_diagnostic(void)
{
	char buf[1280];
	dn_error e;

	dn_error_clear(&e);
	CHECK(dn_option_pick("--format", "table", "csv|table|json", &e) == 1);
	CHECK(dn_option_pick("--format", "xml", "csv|table|json", &e) == -1);
	CHECK(e.status == DN_EX_USAGE);
	CHECK_STR(dn_diagnostic("aging", &e, buf, sizeof buf),
		  "aging: option --format: expected one of csv|table|json: 'xml'\n"
		  "Try 'aging --help'.\n");
	/* An empty choice is never one of them. */
	CHECK(dn_option_pick("--format", "", "csv|table", &e) == -1);
	/* Not about an option, or not a usage error: no hint. */
	dn_error_set(&e, DN_EX_DATAERR, "not an amount");
	dn_error_where(&e, "items.csv", 7);
	dn_error_subject(&e, "column", "amount");
	dn_error_value(&e, "12,3x", 5);
	CHECK_STR(dn_diagnostic("plan", &e, buf, sizeof buf),
		  "plan: items.csv:7: column amount: not an amount: '12,3x'\n");
	CHECK(dn_option_error(&e, "--max-per-period", "too many decimals", "1.005") ==
	      DN_EX_USAGE);
	e.status = DN_EX_DATAERR;
	CHECK_STR(dn_diagnostic("plan", &e, buf, sizeof buf),
		  "plan: option --max-per-period: too many decimals: '1.005'\n");
}

/* A config from INI text; exits when refused. */
static dn_config *config(const char *ini)
{
	dn_error e;
	char buf[512];
	dn_config *c = dn_config_load(scratch_put_str("o.ini", ini), &e);

	if (c == NULL) {
		printf("config: %s\n", dn_error_format(&e, buf, sizeof buf));
		exit(2);
	}
	return c;
}

/* --as-of and date options are read like the data once the config is known. */
static void test_resolve_with_config(void)
{
	struct seen s;
	dn_common c;
	dn_error e;
	dn_date d = 0;
	dn_config *fr = config("[input]\ndate_format = %d/%m/%Y\n");
	dn_config *us = config("[input]\ndate_format = %m/%d/%Y\n");

	unsetenv("DUNNING_AS_OF");
	{
		char *argv[] = {"aging", "--as-of", "23/11/2026", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 3);
		CHECK(dn_common_resolve(&c, fr, &e) == 0 && c.as_of == ymd(2026, 11, 23));
		CHECK(dn_common_resolve(&c, us, &e) == DN_EX_USAGE); /* month 23 */
		CHECK_STR(e.message, "no such date");
		CHECK_STR(e.name, "--as-of");
		CHECK(dn_common_resolve(&c, NULL, &e) == DN_EX_USAGE);
	}
	{
		char *argv[] = {"aging", "--as-of", "23.11.2026", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 3);
		CHECK(dn_common_resolve(&c, us, &e) == DN_EX_USAGE);
		CHECK_STR(e.message, "not a date (expected YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)");
		CHECK_STR(e.name, "--as-of");
		CHECK_STR(e.value, "23.11.2026");
	}
	{
		char *argv[] = {"aging", "--as-of=2026-11-23", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 2);
		CHECK(dn_common_resolve(&c, fr, &e) == 0 && c.as_of == ymd(2026, 11, 23));
	}
	{
		char *argv[] = {"aging", "--as-of", "31/02/2026", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 3);
		CHECK(dn_common_resolve(&c, fr, &e) == DN_EX_USAGE);
		CHECK_STR(e.message, "no such date");
	}
	setenv("DUNNING_AS_OF", "1.2.2026", 1);
	{
		char *argv[] = {"aging", NULL};
		dn_config *de = config("[input]\ndate_format = %d.%m.%Y\n");
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 1);
		CHECK(dn_common_resolve(&c, de, &e) == 0 && c.as_of == ymd(2026, 2, 1));
		CHECK(dn_common_resolve(&c, fr, &e) == DN_EX_USAGE);
		CHECK_STR(e.what, "environment");
		CHECK_STR(e.name, "DUNNING_AS_OF");
		dn_config_free(de);
	}
	unsetenv("DUNNING_AS_OF");
	CHECK(dn_option_date_cfg("--start", "1/12/2026", fr, &d, &e) == 0 && d == ymd(2026, 12, 1));
	CHECK(dn_option_date_cfg("--start", "12/1/2026", us, &d, &e) == 0 && d == ymd(2026, 12, 1));
	CHECK(dn_option_date_cfg("--start", "20261201", us, &d, &e) == 0 && d == ymd(2026, 12, 1));
	CHECK(dn_option_date_cfg("--start", "1/12/2026", NULL, &d, &e) == DN_EX_USAGE);
	CHECK_STR(e.name, "--start");
	dn_config_free(fr);
	dn_config_free(us);
}

static void test_option_money(void)
{
	dn_config *fr = config("[input]\ndecimal_separator = comma\nthousands_separator = space\n");
	dn_config *de = config("[input]\ndecimal_separator = comma\nthousands_separator = dot\n");
	int64_t v = 0;
	dn_error e;

	CHECK(dn_option_money("--amount", "1234.56", NULL, 2, &v, &e) == 0 && v == 123456);
	CHECK(dn_option_money("--amount", "1234.5", NULL, 2, &v, &e) == 0 && v == 123450);
	CHECK(dn_option_money("--amount", "-12", NULL, 0, &v, &e) == 0 && v == -12);
	CHECK(dn_option_money("--amount", "1 234,56", fr, 2, &v, &e) == 0 && v == 123456);
	CHECK(dn_option_money("--amount", "1234.56", fr, 2, &v, &e) == 0 && v == 123456);
	CHECK(dn_option_money("--amount", "1.234,56", de, 2, &v, &e) == 0 && v == 123456);
	v = 7;
	CHECK(dn_option_money("--amount", "1 234,56", NULL, 2, &v, &e) == DN_EX_USAGE && v == 7);
	CHECK_STR(e.what, "option");
	CHECK_STR(e.name, "--amount");
	CHECK_STR(e.message, "not an amount (expected 1234.56)");
	CHECK_STR(e.value, "1 234,56");
	CHECK(e.reason == DN_R_BAD_NUMBER);
	CHECK(dn_option_money("--amount", "12x", fr, 2, &v, &e) == DN_EX_USAGE);
	CHECK_STR(e.message, "not an amount (expected 1234.56 or 1 234,56)");
	CHECK(dn_option_money("--amount", "", de, 2, &v, &e) == DN_EX_USAGE);
	CHECK_STR(e.message, "not an amount (expected 1234.56 or 1.234,56)");
	CHECK(dn_option_money("--amount", "10.005", NULL, 2, &v, &e) == DN_EX_USAGE);
	CHECK(e.reason == DN_R_TOO_MANY_DECIMALS && e.status == DN_EX_USAGE);
	CHECK_STR(e.message, "too many decimals for the currency (2)");
	CHECK(dn_option_money("--amount", "12,5", fr, 0, &v, &e) == DN_EX_USAGE);
	CHECK(e.reason == DN_R_TOO_MANY_DECIMALS);
	CHECK(dn_option_money("--amount", "99999999999999999999", NULL, 2, &v, &e) == DN_EX_USAGE);
	CHECK(e.reason == DN_R_OVERFLOW);
	dn_config_free(fr);
	dn_config_free(de);
}

/* An unknown long option close to one option gets a hint. */
static int hint_is(const char *opt, const char *want_name, const char *want_msg)
{
	struct seen s;
	dn_common c;
	dn_error e;
	char *argv[] = {"aging", (char *)opt, NULL};

	if (parse(ARGC(argv), argv, &s, &c, &e) != -1 || strcmp(e.name, want_name) != 0 ||
	    strcmp(e.message, want_msg) != 0 || e.status != DN_EX_USAGE) {
		printf("  %s: name '%s', message '%s'\n", opt, e.name, e.message);
		return 0;
	}
	return 1;
}

static void test_did_you_mean(void)
{
	char buf[512];
	struct seen s;
	dn_common c;
	dn_error e;

	CHECK(hint_is("--sumary", "--sumary", "unknown option; did you mean --summary?"));
	CHECK(hint_is("--summray", "--summray", "unknown option; did you mean --summary?"));
	CHECK(hint_is("--sumary=1", "--sumary", "unknown option; did you mean --summary?"));
	CHECK(hint_is("--summaryy", "--summaryy", "unknown option; did you mean --summary?"));
	CHECK(hint_is("--exel-safe", "--exel-safe", "unknown option; did you mean --excel-safe?"));
	CHECK(hint_is("--asof", "--asof", "unknown option; did you mean --as-of?"));
	CHECK(hint_is("--rejcts", "--rejcts", "unknown option; did you mean --rejects?"));
	CHECK(hint_is("--Shard", "--Shard", "unknown option; did you mean --shard?"));
	CHECK(hint_is("--bx", "--bx", "unknown option; did you mean --by?"));
	/* Nothing close, or two equally close: no guess. */
	CHECK(hint_is("--bogus", "--bogus", "unknown option"));
	CHECK(hint_is("--xyz", "--xyz", "unknown option"));
	CHECK(hint_is("--summarize-all", "--summarize-all", "unknown option"));
	/* A prefix of two options is ambiguous: both named. */
	CHECK(hint_is("--s", "--s", "ambiguous option; did you mean --shard or --summary?"));
	{
		char *argv[] = {"aging", "--sumary", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == -1);
		CHECK_STR(dn_diagnostic("aging", &e, buf, sizeof buf),
			  "aging: option --sumary: unknown option; did you mean --summary?\n"
			  "Try 'aging --help'.\n");
	}
	/* The faulty short option is named, not the long option before it. */
	{
		char *argv[] = {"aging", "--as-of=2026-01-01", "-Za", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == -1);
		CHECK_STR(e.name, "-Z");
		CHECK_STR(e.message, "unknown option");
	}
	{
		char *argv[] = {"aging", "--config=x.ini", "-sZ", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == -1);
		CHECK_STR(e.name, "-Z");
	}
	{
		char *argv[] = {"aging", "--summary", "-Zs", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == -1);
		CHECK_STR(e.name, "-Z");
	}
	/* ...while a flag given a value still says so. */
	{
		char *argv[] = {"aging", "--as-of=2026-01-01", "--summary=x", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == -1);
		CHECK_STR(e.name, "--summary");
		CHECK_STR(e.message, "takes no argument");
	}
	{
		char *argv[] = {"aging", "--summ=x", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == -1);
		CHECK_STR(e.name, "--summ");
		CHECK_STR(e.message, "takes no argument");
	}
}

static void test_shard(void)
{
	struct seen s;
	dn_common c;
	dn_error e;
	static const char *const bad[] = {"4/4", "x", "1/0", "0/0", "-1/4", "1/", "/4", "1/4/5",
					  "1 /4", "1/4 ", "", "a/b", "0/1000001", "+1/4"};
	size_t i;

	/* Known FNV-1a 64 vectors. */
	CHECK(dn_fnv1a64("", 0) == 0xcbf29ce484222325u);
	CHECK(dn_fnv1a64("a", 1) == 0xaf63dc4c8601ec8cu);
	CHECK(dn_fnv1a64("foobar", 6) == 0x85944171f73967e8u);
	CHECK(dn_fnv1a64("ab", 1) == dn_fnv1a64("a", 1)); /* len bytes only */
	{
		char *argv[] = {"aging", "items.csv", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 1);
		CHECK(c.shard_count == 0 && dn_shard_keeps(&c, "A", 1) == 1);
	}
	{
		char *argv[] = {"aging", "--shard", "3/4", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 3);
		CHECK(c.shard_index == 3 && c.shard_count == 4);
		CHECK(dn_shard_keeps(&c, "a", 1) == (0xaf63dc4c8601ec8cu % 4 == 3));
	}
	{
		char *argv[] = {"aging", "--shard=0/1", NULL};
		CHECK(parse(ARGC(argv), argv, &s, &c, &e) == 2);
		CHECK(c.shard_index == 0 && c.shard_count == 1 && dn_shard_keeps(&c, "x", 1));
	}
	/* Every customer lands in exactly one of N shards. */
	{
		static const char *const ids[] = {"", "A", "B", "C001", "C002", "Société", "42"};
		size_t k;
		long n;
		for (k = 0; k < sizeof ids / sizeof ids[0]; k++) {
			int kept = 0;
			dn_common sc;
			memset(&sc, 0, sizeof sc);
			sc.shard_count = 3;
			for (n = 0; n < 3; n++) {
				sc.shard_index = n;
				kept += dn_shard_keeps(&sc, ids[k], strlen(ids[k]));
			}
			CHECK(kept == 1);
		}
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *argv[] = {"aging", "--shard", (char *)bad[i], NULL};
		CHECK(usage_fails(ARGC(argv), argv, "--shard",
				  "not I/N, shard I of N with 0 <= I < N (e.g. 0/4 to 3/4)",
				  bad[i]));
	}
}

/* dn_options_start: the as-of gets only the "not a date in any form"
 * check (the tool resolves it once its config is loaded); until then it
 * holds the canonical reading. */
static void test_start(void)
{
	static const dn_tool tool = {.name = "aging", .usage = "", .spec = tool_opts};
	struct seen s;
	dn_common c;
	dn_error e;

	unsetenv("DUNNING_AS_OF");
	{
		char *argv[] = {"aging", "--as-of", "23/11/2026", "x.csv", NULL};
		memset(&s, 0, sizeof s);
		CHECK(dn_options_start(&tool, ARGC(argv), argv, &s, &c, &e) == 3);
		CHECK_STR(c.as_of_text, "23/11/2026");
	}
	{
		char *argv[] = {"aging", "--as-of", "2026-13-01", NULL};
		memset(&s, 0, sizeof s);
		CHECK(dn_options_start(&tool, ARGC(argv), argv, &s, &c, &e) == -1);
		CHECK(e.status == DN_EX_USAGE);
		CHECK_STR(e.name, "--as-of");
	}
	{
		char *argv[] = {"aging", "--as-of", "20261123", NULL};
		memset(&s, 0, sizeof s);
		CHECK(dn_options_start(&tool, ARGC(argv), argv, &s, &c, &e) == 3);
		CHECK(c.as_of == ymd(2026, 11, 23));
	}
	setenv("DUNNING_AS_OF", "bogus", 1);
	{
		char *argv[] = {"aging", NULL};
		memset(&s, 0, sizeof s);
		CHECK(dn_options_start(&tool, ARGC(argv), argv, &s, &c, &e) == -1);
		CHECK_STR(e.what, "environment");
	}
	unsetenv("DUNNING_AS_OF");
}

int main(void)
{
	unsetenv("POSIXLY_CORRECT");
	unsetenv("DUNNING_AS_OF");
	test_common();
	test_usage_errors();
	test_as_of_errors();
	test_tool_options();
	test_reparse();
	test_collisions();
	test_as_of_env();
	test_option_long();
	test_choice_and_date();
	test_output_close();
	test_diagnostic();
	scratch_open();
	setenv("DUNNING_CONFIG", "", 1);
	test_resolve_with_config();
	test_option_money();
	test_did_you_mean();
	test_shard();
	test_start();
	scratch_close();
	DONE();
}
