/* test_rejects.c - --rejects FILE: bad rows written aside with an error
 * column, and the row loop every tool shares. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rejects.h"
#include "scratch.h"
#include "unit.h"

static const char *contents(const char *path)
{
	static char buf[4096];
	FILE *fp = fopen(path, "r");
	size_t n = 0;

	if (fp != NULL) {
		n = fread(buf, 1, sizeof buf - 1, fp);
		fclose(fp);
	}
	buf[n] = '\0';
	return buf;
}

static dn_csv_reader *reader(const char *path, dn_error *e)
{
	const char *p[1];

	p[0] = path;
	return dn_csv_reader_new(p, 1, ',', e);
}

static void test_rejects_file(void)
{
	const char *in = scratch_put_str("in.csv", "a,b\n1,2\nx,\"y,z\"\n");
	const char *out = scratch_path("rej.csv");
	dn_error e, why;
	dn_csv_reader *r = reader(in, &e);
	dn_rejects *rej;
	dn_row row;
	char want[1024];

	CHECK(r != NULL);
	if (r == NULL)
		return;
	rej = dn_rejects_open(out, r, &e);
	CHECK(rej != NULL);
	if (rej == NULL) {
		dn_csv_reader_free(r);
		return;
	}
	CHECK(dn_rejects_count(rej) == 0);
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(dn_csv_next(r, &row, &e) == 1);
	/* The row goes out unchanged (re-quoted where it must be), plus why. */
	dn_error_set(&why, DN_EX_DATAERR, "not an amount");
	dn_error_where(&why, row.file, row.line);
	dn_error_subject(&why, "column", "b");
	dn_error_value(&why, row.v[1], row.len[1]);
	dn_rejects_add(rej, &row, &why);
	CHECK(dn_rejects_count(rej) == 1);
	CHECK(dn_reject(rej, &row, &why) == 0);
	CHECK(dn_rejects_count(rej) == 2);
	CHECK(dn_reject(NULL, &row, &why) == -1);
	CHECK(dn_rejects_close(rej, &e) == 0);
	snprintf(want, sizeof want,
		 "a,b,error\n"
		 "x,\"y,z\",\"%s:3: column b: not an amount: 'y,z'\"\n"
		 "x,\"y,z\",\"%s:3: column b: not an amount: 'y,z'\"\n",
		 in, in);
	CHECK_STR(contents(out), want);
	dn_csv_reader_free(r);

	CHECK(dn_rejects_count(NULL) == 0);
	CHECK(dn_rejects_close(NULL, &e) == 0);
}

static void test_open_errors(void)
{
	const char *in = scratch_put_str("in2.csv", "a\n1\n");
	dn_error e;
	dn_csv_reader *r = reader(in, &e);
	dn_rejects *rej;

	if (r == NULL)
		return;
	dn_error_clear(&e);
	CHECK(dn_rejects_open("/nonexistent/dir/rej.csv", r, &e) == NULL);
	CHECK(e.status == DN_EX_IOERR);
	CHECK_STR(e.file, "/nonexistent/dir/rej.csv");
	CHECK(strncmp(e.message, "cannot create rejects file", 26) == 0);
	/* A full disk is found at the latest when the file is closed. */
	rej = dn_rejects_open("/dev/full", r, &e);
	if (rej != NULL) {
		dn_error_clear(&e);
		CHECK(dn_rejects_close(rej, &e) == DN_EX_IOERR);
		CHECK(e.status == DN_EX_IOERR);
		CHECK_STR(e.file, "/dev/full");
	}
	dn_csv_reader_free(r);
}

static void test_next_row(void)
{
	const char *in = scratch_put_str("loop.csv", "a,b\n1,2\n3,4,5\n\n6,7\n8\n");
	const char *out = scratch_path("loop-rej.csv");
	dn_error e;
	dn_csv_reader *r = reader(in, &e);
	dn_rejects *rej;
	dn_row row;
	char want[1024];

	if (r == NULL)
		return;
	rej = dn_rejects_open(out, r, &e);
	CHECK(rej != NULL);
	if (rej == NULL) {
		dn_csv_reader_free(r);
		return;
	}
	/* Bad rows go aside; good ones come back; rows in = out + rejected. */
	CHECK(dn_next_row(r, rej, &row, &e) == 1 && strcmp(row.v[0], "1") == 0);
	CHECK(dn_next_row(r, rej, &row, &e) == 1 && strcmp(row.v[0], "6") == 0);
	CHECK(row.line == 5);
	CHECK(dn_next_row(r, rej, &row, &e) == 0);
	CHECK(dn_rejects_count(rej) == 2);
	CHECK(dn_csv_records(r) == 4);
	CHECK(dn_rejects_close(rej, &e) == 0);
	snprintf(want, sizeof want,
		 "a,b,error\n"
		 "3,4,5,\"%s:3: record has 3 fields, the header has 2\"\n"
		 "8,\"%s:6: record has 1 fields, the header has 2\"\n",
		 in, in);
	CHECK_STR(contents(out), want);
	dn_csv_reader_free(r);

	/* Without a rejects file the first bad row stops the loop. */
	r = reader(in, &e);
	if (r == NULL)
		return;
	CHECK(dn_next_row(r, NULL, &row, &e) == 1);
	CHECK(dn_next_row(r, NULL, &row, &e) == -1);
	CHECK(e.status == DN_EX_DATAERR && e.line == 3);
	dn_csv_reader_free(r);

	/* A broken stream stops it even with a rejects file. */
	in = scratch_put_str("broken.csv", "a,b\n1,2\n3,\"4\n");
	out = scratch_path("broken-rej.csv");
	r = reader(in, &e);
	if (r == NULL)
		return;
	rej = dn_rejects_open(out, r, &e);
	if (rej != NULL) {
		CHECK(dn_next_row(r, rej, &row, &e) == 1);
		CHECK(dn_next_row(r, rej, &row, &e) == -1);
		CHECK_STR(e.message, "unterminated quoted field");
		CHECK(dn_rejects_count(rej) == 0);
		CHECK(dn_rejects_close(rej, &e) == 0);
	}
	dn_csv_reader_free(r);
}

int main(void)
{
	scratch_open();
	test_rejects_file();
	test_open_errors();
	test_next_row();
	scratch_close();
	DONE();
}
