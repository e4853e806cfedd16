/* test_paths.c - the same input named twice, by device and inode. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "paths.h"
#include "scratch.h"
#include "unit.h"

static int check(const char *a, const char *b, const char *c, dn_error *e)
{
	const char *p[3];
	size_t n = c != NULL ? 3 : 2;

	p[0] = a;
	p[1] = b;
	p[2] = c;
	dn_error_clear(e);
	return dn_paths_check_distinct(p, n, e);
}

int main(void)
{
	const char *a, *b, *sym, *hard, *dot;
	char buf[256], msg[256];
	dn_error e;

	scratch_open();
	a = scratch_put_str("a.csv", "x\n1\n");
	b = scratch_put_str("b.csv", "x\n2\n");
	sym = scratch_path("sym.csv");
	hard = scratch_path("hard.csv");
	CHECK(symlink(a, sym) == 0);
	CHECK(link(a, hard) == 0);
	snprintf(buf, sizeof buf, "%s/./a.csv", scratch_dir());
	dot = buf;

	CHECK(check(a, b, NULL, &e) == 0 && e.status == DN_OK);
	CHECK(check(a, dot, NULL, &e) == DN_EX_USAGE);
	CHECK_STR(e.file, dot);
	snprintf(msg, sizeof msg, "input named twice (the same file as '%s')", a);
	CHECK_STR(e.message, msg);
	CHECK(e.line == 0);
	CHECK(check(sym, b, a, &e) == DN_EX_USAGE); /* a symbolic link */
	CHECK_STR(e.file, a);
	CHECK(check(b, hard, a, &e) == DN_EX_USAGE); /* a hard link */
	CHECK_STR(e.file, a);
	/* The earliest operand that repeats another is named. */
	CHECK(check(a, b, b, &e) == DN_EX_USAGE && strcmp(e.file, b) == 0);
	/* Standard input twice; once is fine. */
	CHECK(check("-", b, "-", &e) == DN_EX_USAGE);
	CHECK_STR(e.message, "standard input named twice");
	CHECK_STR(e.file, "<stdin>");
	CHECK(check("-", b, NULL, &e) == 0);
	/* A file that does not exist is left for the open to report. */
	CHECK(check("/nonexistent/x.csv", "/nonexistent/x.csv", NULL, &e) == 0);
	{
		const char *one[1] = {a};
		CHECK(dn_paths_check_distinct(one, 1, &e) == 0);
		CHECK(dn_paths_check_distinct(NULL, 0, &e) == 0);
	}

	/* The reader refuses it first: 64 before 66 for a missing other file. */
	{
		const char *p[3] = {"/nonexistent/dunning/items.csv", a, dot};
		dn_error_clear(&e);
		CHECK(dn_csv_reader_new(p, 3, ',', &e) == NULL);
		CHECK(e.status == DN_EX_USAGE);
		CHECK_STR(e.file, dot);
	}
	scratch_close();
	DONE();
}
