/* test_optspec.c - options declared as a table: each kind of value, the
 * "given" flag, and the aligned --help lines. */
#include <string.h>

#include "date.h"
#include "options.h"
#include "optspec.h"
#include "unit.h"

enum color { RED = 1, GREEN, BLUE };

struct o {
	int flag, color_given;
	enum color color;
	const char *text, *name, *path, *file;
	long n;
	dn_date day;
	int day_given;
	int called;
};

static int take(const char *opt, const char *arg, void *opts, dn_error *e)
{
	struct o *o = opts;

	if (strcmp(arg, "no") == 0)
		return dn_option_error(e, opt, "refused", arg);
	o->called++;
	return 0;
}

static const dn_optspec spec[] = {
	DN_FLAG("flag", 'f', struct o, flag, "a flag"),
	DN_PICK_G("color", struct o, color, "red|green|blue", RED, color_given, "C",
		  "red, green or blue"),
	DN_TEXT("text", 0, DN_OPT_TEXT, struct o, text, "T", "any text"),
	DN_TEXT("name", 0, DN_OPT_NAME, struct o, name, "N", "a column name"),
	DN_TEXT("path", 'p', DN_OPT_PATH, struct o, path, "FILE", "a path"),
	DN_TEXT("file", 0, DN_OPT_FILE, struct o, file, "FILE", "a file read twice"),
	DN_LONG("n", 'n', struct o, n, 1, 10, "N", "one to ten"),
	DN_TEXT_G("day", 0, DN_OPT_DATE, struct o, day, day_given, "DATE", "a day"),
	DN_CALL("call", take, "X", "its own way"),
	DN_END,
};

static const dn_optspec *find(const char *name)
{
	size_t i;

	for (i = 0; spec[i].name != NULL; i++)
		if (strcmp(spec[i].name, name) == 0)
			return &spec[i];
	return NULL;
}

/* Apply --name ARG to o; e is cleared first. */
static int apply(const char *name, const char *arg, struct o *o, dn_error *e)
{
	dn_error_clear(e);
	return dn_optspec_apply(find(name), arg, o, e);
}

static void test_kinds(void)
{
	struct o o;
	dn_error e;
	dn_date d = 0;

	memset(&o, 0, sizeof o);
	CHECK(apply("flag", NULL, &o, &e) == 0 && o.flag == 1);
	CHECK(apply("color", "blue", &o, &e) == 0 && o.color == BLUE && o.color_given == 1);
	CHECK(apply("color", "red", &o, &e) == 0 && o.color == RED);
	CHECK(apply("color", "pink", &o, &e) == DN_EX_USAGE);
	CHECK_STR(e.name, "--color");
	CHECK_STR(e.message, "expected one of red|green|blue");
	CHECK(apply("text", "", &o, &e) == 0 && o.text != NULL && o.text[0] == '\0');
	CHECK(apply("name", "", &o, &e) == DN_EX_USAGE);
	CHECK_STR(e.message, "a column name is required");
	CHECK(apply("name", "customer", &o, &e) == 0);
	CHECK_STR(o.name, "customer");
	CHECK(apply("path", "", &o, &e) == DN_EX_USAGE);
	CHECK_STR(e.message, "empty file name");
	CHECK(apply("path", "-", &o, &e) == 0);
	CHECK_STR(o.path, "-");
	CHECK(apply("file", "-", &o, &e) == DN_EX_USAGE);
	CHECK_STR(e.name, "--file");
	CHECK_STR(e.message, "a file read more than once (or locked), not standard input");
	CHECK(apply("file", "j.csv", &o, &e) == 0);
	CHECK_STR(o.file, "j.csv");
	CHECK(apply("n", "10", &o, &e) == 0 && o.n == 10);
	CHECK(apply("n", "11", &o, &e) == DN_EX_USAGE);
	CHECK_STR(e.message, "not a whole number from 1 to 10");
	CHECK(apply("n", "0", &o, &e) == DN_EX_USAGE);
	CHECK(o.day_given == 0);
	CHECK(apply("day", "2026-02-30", &o, &e) == DN_EX_USAGE && o.day_given == 0);
	CHECK(apply("day", "20261123", &o, &e) == 0 && o.day_given == 1);
	dn_date_from_ymd(2026, 11, 23, &d);
	CHECK(o.day == d);
	CHECK(apply("call", "yes", &o, &e) == 0 && o.called == 1);
	CHECK(apply("call", "no", &o, &e) == DN_EX_USAGE && o.called == 1);
	CHECK_STR(e.name, "--call");
	CHECK_STR(e.message, "refused");
}

static void test_help(void)
{
	static const dn_optspec other[] = {
		DN_FLAG("version", 'V', struct o, flag, "print the version"),
		DN_TEXT("a-very-long-option", 0, DN_OPT_TEXT, struct o, text, "VALUE",
			"first line\nsecond line"),
		DN_END,
	};
	char buf[2048], tiny[8];

	dn_optspec_help(spec, other, NULL, buf, sizeof buf);
	/* One column for both tables: the widest left part that fits, + 2. */
	CHECK(strstr(buf, "  -f, --flag       a flag\n") != NULL);
	CHECK(strstr(buf, "      --color C    red, green or blue\n") != NULL);
	CHECK(strstr(buf, "  -p, --path FILE  a path\n") != NULL);
	CHECK(strstr(buf, "  -V, --version    print the version\n") != NULL);
	/* Too long for the column: two spaces, and continuation lines at it. */
	CHECK(strstr(buf, "      --a-very-long-option VALUE  first line\n"
			  "                   second line\n") != NULL);
	CHECK(strncmp(buf, "  -f, --flag", 12) == 0);
	CHECK(strlen(buf) == dn_optspec_help(spec, other, NULL, buf, sizeof buf));
	/* A small buffer is cut, never overrun, and stays a string. */
	dn_optspec_help(spec, NULL, NULL, tiny, sizeof tiny);
	CHECK(strlen(tiny) == sizeof tiny - 1);
	CHECK(strncmp(tiny, "  -f, -", 7) == 0);
	/* An option left out (a tool that does not shard). */
	dn_optspec_help(spec, other, "color", buf, sizeof buf);
	CHECK(strstr(buf, "--color") == NULL && strstr(buf, "--text T") != NULL);
}

int main(void)
{
	test_kinds();
	test_help();
	DONE();
}
