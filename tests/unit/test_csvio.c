/* test_csvio.c - the CSV reader and writer, and the error line format.
 *
 * Inputs are written into a temporary folder and read back; writer output
 * goes to a tmpfile() and is compared byte for byte.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "error.h"
#include "scratch.h"
#include "unit.h"

/* Input files go into the scratch folder (scratch.h). */
#define PUT(name, literal) scratch_put(name, literal, sizeof(literal) - 1)

/* A reader over one file; NULL with e filled on failure. */
static dn_csv_reader *open1(const char *path, char delim, dn_error *e)
{
	const char *p[1];

	p[0] = path;
	dn_error_clear(e);
	return dn_csv_reader_new(p, 1, delim, e);
}

/* Whether field i of row is exactly want (want may hold NUL bytes: wlen). */
static int field_is(const dn_row *row, size_t i, const char *want, size_t wlen)
{
	if (i >= row->n) {
		printf("  row has %zu fields, no field %zu\n", row->n, i);
		return 0;
	}
	if (row->len[i] != wlen || memcmp(row->v[i], want, wlen) != 0 || row->v[i][wlen] != '\0') {
		printf("  field %zu is '%.*s' (%zu bytes), want '%s'\n", i, (int)row->len[i],
		       row->v[i], row->len[i], want);
		return 0;
	}
	return 1;
}

#define FIELD(row, i, lit) field_is(row, i, lit, sizeof(lit) - 1)

static const char *formatted(const dn_error *e)
{
	static char buf[1024];

	return dn_error_format(e, buf, sizeof buf);
}

/* ---- reader ---- */

static void test_bom_crlf(void)
{
	const char *p = PUT("bom.csv", "\xef\xbb\xbfname,amount\r\nAlice,10\r\nBob,20\r\n");
	dn_error e;
	dn_csv_reader *r = open1(p, ',', &e);
	const dn_row *h;
	dn_row row;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	h = dn_csv_header(r);
	CHECK(h->n == 2);
	CHECK(FIELD(h, 0, "name")); /* no BOM in the first name */
	CHECK(FIELD(h, 1, "amount")); /* no CR in the last */
	CHECK(h->line == 1);
	CHECK_STR(h->file, p);
	CHECK(dn_csv_find(r, "name") == 0);
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(row.n == 2 && FIELD(&row, 0, "Alice") && FIELD(&row, 1, "10"));
	CHECK(row.line == 2);
	CHECK_STR(row.file, p);
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(FIELD(&row, 0, "Bob") && FIELD(&row, 1, "20") && row.line == 3);
	CHECK(dn_csv_next(r, &row, &e) == 0);
	CHECK(dn_csv_next(r, &row, &e) == 0); /* the end stays the end */
	CHECK(dn_csv_records(r) == 2);
	dn_csv_reader_free(r);
}

static void test_quoting(void)
{
	const char *p = PUT("quoted.csv", "a,b\n"
					  "\"x,y\",\"say \"\"hi\"\"\"\n"
					  "\"line1\nline2\",z\n"
					  "last,\"two\r\nlines\"\n"
					  "\"\",\"\"\n"
					  "after,all\n");
	dn_error e;
	dn_csv_reader *r = open1(p, ',', &e);
	dn_row row;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(FIELD(&row, 0, "x,y") && FIELD(&row, 1, "say \"hi\"") && row.line == 2);
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(FIELD(&row, 0, "line1\nline2") && FIELD(&row, 1, "z"));
	CHECK(row.line == 3); /* a multi-line record's line is its first */
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(FIELD(&row, 0, "last") && FIELD(&row, 1, "two\r\nlines") && row.line == 5);
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(row.n == 2 && FIELD(&row, 0, "") && FIELD(&row, 1, "") && row.line == 7);
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(FIELD(&row, 0, "after") && row.line == 8);
	CHECK(dn_csv_next(r, &row, &e) == 0);
	dn_csv_reader_free(r);
}

static void test_not_trimmed(void)
{
	const char *p = PUT("spaces.csv", "a,b,c\n  a  , b ,\"  q  \"\n\t1\t,,x \n");
	dn_error e;
	dn_csv_reader *r = open1(p, ',', &e);
	dn_row row;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(FIELD(&row, 0, "  a  ") && FIELD(&row, 1, " b ") && FIELD(&row, 2, "  q  "));
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(FIELD(&row, 0, "\t1\t") && FIELD(&row, 1, "") && FIELD(&row, 2, "x "));
	dn_csv_reader_free(r);
}

static void test_blank_lines(void)
{
	/* Lines: 1 header, 2 blank, 3 record, 4 CRLF blank, 5 blank, 6 record,
	 * 7-8 a two-line record, 9 blank, 10 a record without final newline. */
	const char *p = PUT("blank.csv", "a,b\n\n1,2\n\r\n\n3,4\n\"5\n5\",6\n\n7,8");
	dn_error e;
	dn_csv_reader *r = open1(p, ',', &e);
	dn_row row;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "1") && row.line == 3);
	CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "3") && row.line == 6);
	CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "5\n5") && row.line == 7);
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(FIELD(&row, 0, "7") && FIELD(&row, 1, "8") && row.line == 10);
	CHECK(dn_csv_next(r, &row, &e) == 0);
	CHECK(dn_csv_records(r) == 4);
	dn_csv_reader_free(r);

	/* Blank lines before the header count too. */
	p = PUT("blank-head.csv", "\n\na,b\n1,2\n");
	r = open1(p, ',', &e);
	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_header(r)->line == 3);
	CHECK(dn_csv_next(r, &row, &e) == 1 && row.line == 4);
	dn_csv_reader_free(r);
}

/* Lines may end in CR alone (old Mac exports): still counted. */
static void test_cr_lines(void)
{
	const char *p = PUT("cr.csv", "a,b\r1,2\r\r3,4\r\n5,6\n7,8");
	dn_error e;
	dn_csv_reader *r = open1(p, ',', &e);
	dn_row row;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "1") && row.line == 2);
	CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "3") && row.line == 4);
	CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "5") && row.line == 5);
	CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 1, "8") && row.line == 6);
	CHECK(dn_csv_next(r, &row, &e) == 0);
	dn_csv_reader_free(r);

	/* A CR inside a quoted field of a CR-only file ends a line too (the
	 * lines of a CR-only file are what its editor shows); CRLF inside
	 * quotes stays one line end, and a CR before a closing quote is one. */
	p = PUT("cr-quoted.csv", "a,b\r1,\"x\ry\"\r2,\"p\r\nq\r\"\r3,4,5\r6,7\r");
	r = open1(p, ',', &e);
	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 1, "x\ry") && row.line == 2);
	CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 1, "p\r\nq\r") && row.line == 4);
	CHECK(dn_csv_next(r, &row, &e) == -1);
	CHECK_STR(e.message, "record has 3 fields, the header has 2");
	CHECK(e.line == 7 && row.line == 7);
	CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "6") && row.line == 8);
	CHECK(dn_csv_next(r, &row, &e) == 0);
	dn_csv_reader_free(r);
}

/* Many lines: line numbers stay exact across the reader's 64 KiB chunks. */
static void test_many_lines(void)
{
	size_t cap = 200000, len = 0;
	char *buf = malloc(cap);
	const char *p;
	dn_error e;
	dn_csv_reader *r;
	dn_row row;
	long k, bad = 0, n = 0;

	if (buf == NULL)
		return;
	len += (size_t)snprintf(buf, cap, "id,text\n");
	for (k = 0; k < 9000; k++) {
		/* Every 7th record spans two lines, every 5th is followed by a
		 * blank line. */
		if (k % 7 == 0)
			len += (size_t)snprintf(buf + len, cap - len, "%ld,\"a\nb\"\n", k);
		else
			len += (size_t)snprintf(buf + len, cap - len, "%ld,text %ld\n", k, k);
		if (k % 5 == 0)
			buf[len++] = '\n';
	}
	p = scratch_put("many.csv", buf, len);
	free(buf);
	r = open1(p, ',', &e);
	CHECK(r != NULL);
	if (r == NULL)
		return;
	{
		long line = 2, rc;
		for (k = 0; (rc = dn_csv_next(r, &row, &e)) == 1; k++) {
			n++;
			if ((row.line != line || atol(row.v[0]) != k) && bad++ < 3)
				printf("  record %ld at line %ld, want %ld\n", k, row.line, line);
			line += (k % 7 == 0 ? 2 : 1) + (k % 5 == 0);
		}
		CHECK(rc == 0);
	}
	CHECK(n == 9000);
	CHECK(bad == 0);
	dn_csv_reader_free(r);
}

static void test_ragged(void)
{
	const char *p = PUT("ragged.csv", "a,b\n1,2,3\n4,5\n6\n");
	dn_error e;
	dn_csv_reader *r = open1(p, ',', &e);
	dn_row row;
	char want[256];

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_next(r, &row, &e) == -1);
	CHECK(e.status == DN_EX_DATAERR);
	CHECK_STR(e.message, "record has 3 fields, the header has 2");
	CHECK(e.line == 2);
	CHECK_STR(e.file, p);
	CHECK(row.n == 3 && FIELD(&row, 2, "3") && row.line == 2); /* for --rejects */
	/* A bad record does not stop the reader. */
	CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "4") && row.line == 3);
	CHECK(dn_csv_next(r, &row, &e) == -1);
	CHECK_STR(e.message, "record has 1 fields, the header has 2");
	CHECK(row.n == 1 && row.line == 4);
	snprintf(want, sizeof want, "%s:4: record has 1 fields, the header has 2", p);
	CHECK_STR(formatted(&e), want);
	CHECK(dn_csv_next(r, &row, &e) == 0);
	CHECK(dn_csv_records(r) == 3);
	dn_csv_reader_free(r);
}

static void test_unterminated(void)
{
	const char *p = PUT("unterminated.csv", "a,b\n0,1\n1,\"2\n3,4\n");
	dn_error e;
	dn_csv_reader *r = open1(p, ',', &e);
	dn_row row;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "0"));
	row.n = 99;
	CHECK(dn_csv_next(r, &row, &e) == -1);
	CHECK(row.n == 0);
	CHECK(e.status == DN_EX_DATAERR);
	CHECK_STR(e.message, "unterminated quoted field");
	CHECK(e.reason == DN_R_UNTERMINATED_QUOTE); /* what the journal reader tests */
	CHECK(e.line == 3);
	CHECK_STR(e.file, p);
	/* The stream is broken: reading cannot go on. */
	CHECK(dn_csv_next(r, &row, &e) == -1 && row.n == 0);
	dn_csv_reader_free(r);

	/* An unterminated first field: its line is where the quote opened. */
	p = PUT("unterminated2.csv", "a,b\n1,2\n\"x\ny\nz\n");
	r = open1(p, ',', &e);
	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(dn_csv_next(r, &row, &e) == -1 && row.n == 0);
	CHECK_STR(e.message, "unterminated quoted field");
	CHECK(e.line == 3);
	dn_csv_reader_free(r);
}

static void test_misplaced_quote(void)
{
	static const struct {
		const char *name, *data, *column;
		long line;
	} cases[] = {
		{"mq1.csv", "a,b\n1,2\n1,\"a\" b\n3,4\n", "b", 3},
		{"mq2.csv", "a,b\n\"a\"b,c\n", "a", 2},
		{"mq3.csv", "a,b\n\n\nx,\"y\"z\n", "b", 4},
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *p = scratch_put(cases[i].name, cases[i].data, strlen(cases[i].data));
		dn_error e;
		dn_csv_reader *r = open1(p, ',', &e);
		dn_row row;
		int rc;

		CHECK(r != NULL);
		if (r == NULL)
			continue;
		/* Records before the bad one come out first. */
		while ((rc = dn_csv_next(r, &row, &e)) == 1)
			;
		CHECK(rc == -1);
		CHECK(row.n == 0);
		CHECK(e.status == DN_EX_DATAERR);
		CHECK(strncmp(e.message, "misplaced quote", 15) == 0);
		CHECK(e.line == cases[i].line);
		CHECK_STR(e.name, cases[i].column);
		CHECK_STR(e.file, p);
		dn_csv_reader_free(r);
	}
}

/* A quote inside an unquoted field is an ordinary character, as in Excel,
 * Python and the RFC's errata; only text after a closing quote is bad. */
static void test_inner_quotes(void)
{
	const char *p = PUT("inner.csv", "what,where\n"
					 "12\" pipe,37\xc2\xb0" "36'37.8\"N\n"
					 "a\"\"b,end\"\n"
					 "x\", y\"\"\n"
					 "\"quoted \"\"q\"\"\",plain\"\n");
	dn_error e;
	dn_csv_reader *r = open1(p, ',', &e);
	dn_row row;
	char big[3 * 65536];
	size_t k;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_next(r, &row, &e) == 1 && row.line == 2);
	CHECK(FIELD(&row, 0, "12\" pipe") && FIELD(&row, 1, "37\xc2\xb0" "36'37.8\"N"));
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(FIELD(&row, 0, "a\"\"b") && FIELD(&row, 1, "end\""));
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(FIELD(&row, 0, "x\"") && FIELD(&row, 1, " y\"\""));
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(FIELD(&row, 0, "quoted \"q\"") && FIELD(&row, 1, "plain\""));
	CHECK(dn_csv_next(r, &row, &e) == 0);
	dn_csv_reader_free(r);

	/* Quotes everywhere in a field longer than a read chunk, and one at
	 * the last byte of the first chunk. */
	memcpy(big, "a,b\n", 4);
	for (k = 4; k < sizeof big - 4; k++)
		big[k] = (k % 7 == 0 || k == 65535) ? '"' : 'x';
	memcpy(big + sizeof big - 4, ",z\n", 3);
	big[4] = 'x';
	p = scratch_put("inner-big.csv", big, sizeof big - 1);
	r = open1(p, ',', &e);
	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(row.n == 2 && row.len[0] == sizeof big - 8 && FIELD(&row, 1, "z"));
	CHECK(row.n == 2 && memcmp(row.v[0], big + 4, sizeof big - 8) == 0);
	CHECK(dn_csv_next(r, &row, &e) == 0);
	dn_csv_reader_free(r);
}

/* Reads a two-column file whose second record's field b is bad; checks the
 * message and the escaped value, and that the reader goes on. */
static void bad_field(const char *name, const char *data, size_t len, const char *msg,
		      const char *value)
{
	const char *p = scratch_put(name, data, len);
	dn_error e;
	dn_csv_reader *r = open1(p, ',', &e);
	dn_row row;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(dn_csv_next(r, &row, &e) == -1);
	CHECK(e.status == DN_EX_DATAERR);
	CHECK_STR(e.message, msg);
	CHECK_STR(e.name, "b");
	CHECK(e.line == 3);
	CHECK(e.has_value);
	CHECK_STR(e.value, value);
	CHECK(row.n == 2 && row.line == 3);
	CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "ok"));
	CHECK(dn_csv_next(r, &row, &e) == 0);
	dn_csv_reader_free(r);
}

#define BAD_FIELD(name, lit, msg, value) bad_field(name, lit, sizeof(lit) - 1, msg, value)

static void test_bad_bytes(void)
{
	BAD_FIELD("nul.csv", "a,b\n1,2\n1,x\0y\nok,1\n", "NUL byte in field", "x\\x00y");
	/* The bytes of invalid UTF-8 are shown as \xNN (the value is not printable). */
	BAD_FIELD("overlong.csv", "a,b\n1,2\n1,\xc0\x80\nok,1\n", "invalid UTF-8",
		  "\\xc0\\x80");
	BAD_FIELD("surrogate.csv", "a,b\n1,2\n1,\xed\xa0\x80\nok,1\n", "invalid UTF-8",
		  "\\xed\\xa0\\x80");
	BAD_FIELD("truncated.csv", "a,b\n1,2\n1,ab\xe2\x82\nok,1\n", "invalid UTF-8",
		  "ab\\xe2\\x82");
	BAD_FIELD("latin1.csv", "a,b\n1,2\n1,caf\xe9\nok,1\n", "invalid UTF-8", "caf\\xe9");
	BAD_FIELD("mixed.csv", "a,b\n1,2\n1,\xc3\xa9\x80\xc3\xa9\nok,1\n", "invalid UTF-8",
		  "\xc3\xa9\\x80\xc3\xa9");

	/* Valid UTF-8 passes untouched. */
	{
		const char *p = PUT("utf8.csv", "a,b\n\xc3\x89lodie,\xe2\x82\xac \xf0\x9f\x98\x80\n");
		dn_error e;
		dn_csv_reader *r = open1(p, ',', &e);
		dn_row row;
		CHECK(r != NULL);
		if (r != NULL) {
			CHECK(dn_csv_next(r, &row, &e) == 1);
			CHECK(FIELD(&row, 0, "\xc3\x89lodie"));
			CHECK(FIELD(&row, 1, "\xe2\x82\xac \xf0\x9f\x98\x80"));
			dn_csv_reader_free(r);
		}
	}
	/* A bad header is refused when the reader is made. */
	{
		const char *p = PUT("badhead.csv", "a,b\xff\n1,2\n");
		dn_error e;
		CHECK(open1(p, ',', &e) == NULL);
		CHECK(e.status == DN_EX_DATAERR);
		CHECK_STR(e.message, "invalid UTF-8");
		CHECK(e.line == 1);
	}
}

static void test_header_problems(void)
{
	const char *p;
	dn_error e;
	dn_csv_reader *r;
	dn_row row;
	char want[256];

	/* Duplicate names: case-insensitive, trimmed. */
	p = PUT("dup.csv", "Name,amount, NAME \n1,2,3\n");
	CHECK(open1(p, ',', &e) == NULL);
	CHECK(e.status == DN_EX_DATAERR);
	CHECK_STR(e.message, "column name given twice in the header");
	CHECK(e.line == 1);
	CHECK_STR(e.file, p);
	p = PUT("dup2.csv", "a,b,c,d,B\n");
	CHECK(open1(p, ',', &e) == NULL && e.status == DN_EX_DATAERR);
	/* Different names that share a prefix are not duplicates. */
	p = PUT("prefix.csv", "due,due_date,Due Date\n");
	r = open1(p, ',', &e);
	CHECK(r != NULL);
	dn_csv_reader_free(r);

	/* Empty inputs. */
	p = PUT("empty.csv", "");
	CHECK(open1(p, ',', &e) == NULL);
	CHECK(e.status == DN_EX_DATAERR);
	CHECK_STR(e.message, "empty input: no header row");
	snprintf(want, sizeof want, "%s: empty input: no header row", p);
	CHECK_STR(formatted(&e), want);
	p = PUT("blanks.csv", "\n\r\n\n");
	CHECK(open1(p, ',', &e) == NULL);
	CHECK_STR(e.message, "empty input: no header row");
	p = PUT("bomonly.csv", "\xef\xbb\xbf");
	CHECK(open1(p, ',', &e) == NULL);
	CHECK_STR(e.message, "empty input: no header row");

	/* Header only, with and without the final newline. */
	p = PUT("headonly.csv", "a,b\n");
	r = open1(p, ',', &e);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK(dn_csv_header(r)->n == 2);
		CHECK(dn_csv_next(r, &row, &e) == 0);
		CHECK(dn_csv_records(r) == 0);
		dn_csv_reader_free(r);
	}
	p = PUT("headonly2.csv", "a,b");
	r = open1(p, ',', &e);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK(FIELD(dn_csv_header(r), 1, "b"));
		CHECK(dn_csv_next(r, &row, &e) == 0);
		dn_csv_reader_free(r);
	}
}

static void test_delimiters(void)
{
	const char *p = PUT("semi.csv", "a;b\n1,5;\"x;y\"\n");
	dn_error e;
	dn_csv_reader *r = open1(p, ';', &e);
	dn_row row;

	CHECK(r != NULL);
	if (r != NULL) {
		CHECK(dn_csv_header(r)->n == 2);
		CHECK(dn_csv_next(r, &row, &e) == 1);
		CHECK(FIELD(&row, 0, "1,5") && FIELD(&row, 1, "x;y"));
		dn_csv_reader_free(r);
	}
	p = PUT("tab.csv", "a\tb\n1 2\t\"3\t4\"\n");
	r = open1(p, '\t', &e);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK(dn_csv_next(r, &row, &e) == 1);
		CHECK(FIELD(&row, 0, "1 2") && FIELD(&row, 1, "3\t4"));
		dn_csv_reader_free(r);
	}
	p = PUT("pipe.csv", "a|b\nx|y\n");
	r = open1(p, '|', &e);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 1, "y"));
		dn_csv_reader_free(r);
	}
}

/* Excel's "sep=" first line sets the delimiter of its file; it is not the
 * header, and it counts as line 1. */
static void test_sep_line(void)
{
	static const struct {
		const char *name, *data;
		char delim;
	} cases[] = {
		{"sep-semi.csv", "sep=;\na;b\n1,5;2\n", ','},
		{"sep-bom-crlf.csv", "\xef\xbb\xbfsep=|\r\na|b\r\n1,5|2\r\n", ','},
		{"sep-tab.csv", "sep=\t\na\tb\n1,5\t2\n", ';'},
		{"sep-comma.csv", "sep=,\na,b\n\"1,5\",2\n", ';'},
		{"sep-cr.csv", "sep=;\ra;b\r1,5;2\r", ','},
	};
	const char *p, *two[2];
	dn_error e;
	dn_csv_reader *r;
	dn_row row;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		p = scratch_put_str(cases[i].name, cases[i].data);
		r = open1(p, cases[i].delim, &e);
		CHECK(r != NULL);
		if (r == NULL)
			continue;
		CHECK(dn_csv_header(r)->n == 2 && FIELD(dn_csv_header(r), 0, "a"));
		CHECK(dn_csv_header(r)->line == 2);
		CHECK(dn_csv_next(r, &row, &e) == 1);
		CHECK(row.n == 2 && FIELD(&row, 0, "1,5") && FIELD(&row, 1, "2") && row.line == 3);
		CHECK(dn_csv_next(r, &row, &e) == 0);
		/* The delimiter given stays the reader's. */
		CHECK(dn_csv_delimiter(r) == cases[i].delim);
		dn_csv_reader_free(r);
	}

	/* Line numbers count it: a bad record's line. */
	p = PUT("sep-bad.csv", "sep=;\na;b\n1;2;3\n");
	r = open1(p, ',', &e);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK(dn_csv_next(r, &row, &e) == -1 && e.line == 3);
		dn_csv_reader_free(r);
	}

	/* Each file has its own: a second file with one, a first without. */
	two[0] = PUT("sep-none.csv", "a,b\n1,2\n");
	two[1] = PUT("sep-second.csv", "sep=;\na;b\n3;4\n");
	r = dn_csv_reader_new(two, 2, ',', &e);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 1, "2") && row.line == 2);
		CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 1, "4") && row.line == 3);
		CHECK(dn_csv_next(r, &row, &e) == 0);
		dn_csv_reader_free(r);
	}

	/* Only the very first line, only those delimiters, only alone. */
	p = PUT("sep-late.csv", "\nsep=;\n");
	r = open1(p, ',', &e);
	CHECK(r != NULL && FIELD(dn_csv_header(r), 0, "sep=;"));
	dn_csv_reader_free(r);
	p = PUT("sep-other.csv", "sep=:\na:b\n");
	r = open1(p, ',', &e);
	CHECK(r != NULL && FIELD(dn_csv_header(r), 0, "sep=:") && dn_csv_header(r)->line == 1);
	dn_csv_reader_free(r);
	p = PUT("sep-more.csv", "sep=;x,y\n");
	r = open1(p, ',', &e);
	CHECK(r != NULL && dn_csv_header(r)->n == 2 && FIELD(dn_csv_header(r), 0, "sep=;x"));
	dn_csv_reader_free(r);

	/* A sep line and nothing else: no header. */
	p = PUT("sep-only.csv", "sep=;\r\n");
	CHECK(open1(p, ',', &e) == NULL);
	CHECK_STR(e.message, "empty input: no header row");
	p = PUT("sep-only2.csv", "sep=;");
	CHECK(open1(p, ',', &e) == NULL && e.status == DN_EX_DATAERR);
}

/* The hint for a header that did not split: which delimiter it seems to use. */
static void test_guess_delimiter(void)
{
	static const struct {
		const char *name, *data;
		char delim, want;
	} cases[] = {
		{"g-semi.csv", "customer;invoice;amount\n", ',', ';'},
		{"g-tab.csv", "customer\tinvoice\tamount\n", ',', '\t'},
		{"g-pipe.csv", "customer|invoice|amount\n", ';', '|'},
		{"g-most.csv", "a;b|c|d\n", ',', '|'},
		{"g-tie.csv", "a|b;c\n", ',', ';'},
		{"g-none.csv", "customer\n", ',', 0},
		{"g-split.csv", "a;b,c\n", ',', 0},            /* two fields: it did split */
		{"g-comma.csv", "a,b,c\n", ';', 0},            /* comma is never guessed */
		{"g-quoted.csv", "\"a;b\"\n", ';', 0},         /* its own delimiter, quoted */
		{"g-sep.csv", "sep=|\n\"a|b;c\"\n", ',', ';'}, /* read with the sep line's */
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *p = scratch_put_str(cases[i].name, cases[i].data);
		dn_error e;
		dn_csv_reader *r = open1(p, cases[i].delim, &e);

		CHECK(r != NULL);
		if (r == NULL)
			continue;
		if (dn_csv_guess_delimiter(r) != cases[i].want)
			printf("  %s: guessed %d\n", cases[i].name, dn_csv_guess_delimiter(r));
		CHECK(dn_csv_guess_delimiter(r) == cases[i].want);
		dn_csv_reader_free(r);
	}
	CHECK_STR(dn_delimiter_name(','), "comma");
	CHECK_STR(dn_delimiter_name(';'), "semicolon");
	CHECK_STR(dn_delimiter_name('\t'), "tab");
	CHECK_STR(dn_delimiter_name('|'), "pipe");
	CHECK(dn_delimiter_name(':') == NULL);
}

static void test_two_files(void)
{
	const char *f1 = PUT("one.csv", "a,b\n1,2\n\n3,4\n");
	const char *f2 = PUT("two.csv", "\xef\xbb\xbf" "A , b\r\n5,6\r\n");
	const char *f3 = PUT("three.csv", "a,c\n7,8\n");
	const char *f4 = PUT("nofinal.csv", "a,b\n1,2");
	const char *p[3];
	dn_error e;
	dn_csv_reader *r;
	dn_row row;

	p[0] = f1;
	p[1] = f2;
	r = dn_csv_reader_new(p, 2, ',', &e);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "1") && row.line == 2);
		CHECK_STR(row.file, f1);
		CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "3") && row.line == 4);
		CHECK_STR(row.file, f1);
		/* The second header (same names, other case and spaces) is skipped;
		 * lines count from the second file's start. */
		CHECK(dn_csv_next(r, &row, &e) == 1);
		CHECK(FIELD(&row, 0, "5") && FIELD(&row, 1, "6") && row.line == 2);
		CHECK_STR(row.file, f2);
		CHECK(dn_csv_next(r, &row, &e) == 0);
		CHECK(dn_csv_records(r) == 3);
		/* The header stays the first file's. */
		CHECK(FIELD(dn_csv_header(r), 0, "a"));
		CHECK_STR(dn_csv_header(r)->file, f1);
		dn_csv_reader_free(r);
	}

	/* A first file without a final newline: its last record is still its own. */
	p[0] = f4;
	p[1] = f1;
	r = dn_csv_reader_new(p, 2, ',', &e);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 1, "2") && row.line == 2);
		CHECK_STR(row.file, f4);
		CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "1"));
		CHECK_STR(row.file, f1);
		dn_csv_reader_free(r);
	}

	/* A second file whose header differs stops the stream. */
	p[0] = f1;
	p[1] = f3;
	r = dn_csv_reader_new(p, 2, ',', &e);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK(dn_csv_next(r, &row, &e) == 1);
		CHECK(dn_csv_next(r, &row, &e) == 1);
		CHECK(dn_csv_next(r, &row, &e) == -1);
		CHECK(row.n == 0);
		CHECK(e.status == DN_EX_DATAERR);
		CHECK_STR(e.message, "header differs from the first input's");
		CHECK_STR(e.file, f3);
		CHECK(e.line == 1);
		CHECK(dn_csv_next(r, &row, &e) == -1);
		dn_csv_reader_free(r);
	}

	/* An input without a header is bad data wherever it stands: first,
	 * it stops the reader from being made; later, the stream stops there,
	 * after the records before it. */
	{
		const char *empties[] = {PUT("e-zero.csv", ""), PUT("e-bom.csv", "\xef\xbb\xbf"),
					 PUT("e-blank.csv", "\xef\xbb\xbf\r\n\n")};
		size_t k;

		for (k = 0; k < 3; k++) {
			p[0] = empties[k];
			p[1] = f1;
			CHECK(dn_csv_reader_new(p, 2, ',', &e) == NULL);
			CHECK(e.status == DN_EX_DATAERR);
			CHECK_STR(e.message, "empty input: no header row");
			CHECK_STR(e.file, empties[k]);
			CHECK(e.line == 0);
			p[0] = f1;
			p[1] = empties[k];
			r = dn_csv_reader_new(p, 2, ',', &e);
			CHECK(r != NULL);
			if (r == NULL)
				continue;
			CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "1"));
			CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "3"));
			row.n = 9;
			CHECK(dn_csv_next(r, &row, &e) == -1 && row.n == 0);
			CHECK(e.status == DN_EX_DATAERR);
			CHECK_STR(e.message, "empty input: no header row");
			CHECK_STR(e.file, empties[k]);
			CHECK(dn_csv_next(r, &row, &e) == -1);
			dn_csv_reader_free(r);
		}
		/* A header-only input is not empty. */
		p[0] = PUT("e-head.csv", "a,b\n");
		p[1] = f1;
		r = dn_csv_reader_new(p, 2, ',', &e);
		CHECK(r != NULL);
		if (r != NULL) {
			CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "1"));
			dn_csv_reader_free(r);
		}
	}

	/* A missing file is reported when the reader is made, even as the
	 * second input. */
	p[0] = f1;
	p[1] = "/nonexistent/dunning/items.csv";
	dn_error_clear(&e);
	CHECK(dn_csv_reader_new(p, 2, ',', &e) == NULL);
	CHECK(e.status == DN_EX_NOINPUT);
	CHECK_STR(e.file, "/nonexistent/dunning/items.csv");
	CHECK(strncmp(e.message, "cannot open", 11) == 0);
	/* A folder cannot be opened as an input either. */
	p[1] = scratch_dir();
	dn_error_clear(&e);
	CHECK(dn_csv_reader_new(p, 2, ',', &e) == NULL);
	CHECK(e.status == DN_EX_NOINPUT);
	CHECK_STR(e.message, "cannot open: Is a directory");
	CHECK_STR(e.file, scratch_dir());
}

static void test_from_stream(void)
{
	FILE *fp = tmpfile();
	dn_error e;
	dn_csv_reader *r;
	dn_row row;

	if (fp == NULL)
		return;
	fputs("x,y\n1,2\n", fp);
	rewind(fp);
	r = dn_csv_reader_from_stream(fp, "<pipe>", ',', &e);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 1, "2"));
		CHECK_STR(row.file, "<pipe>");
		dn_csv_reader_free(r);
	}
	/* The stream is the caller's: still open. */
	CHECK(fseek(fp, 0, SEEK_SET) == 0 && fgetc(fp) == 'x');
	fclose(fp);
}

static void test_find(void)
{
	const char *p = PUT("find.csv", "Customer , Due Date,amount\n");
	dn_error e;
	dn_csv_reader *r = open1(p, ',', &e);

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_find(r, "customer") == 0);
	CHECK(dn_csv_find(r, "CUSTOMER") == 0);
	CHECK(dn_csv_find(r, "due date") == 1);
	CHECK(dn_csv_find(r, " Due Date ") == 1);
	CHECK(dn_csv_find(r, "AMOUNT") == 2);
	CHECK(dn_csv_find(r, "due") == -1);
	CHECK(dn_csv_find(r, "due_date") == -1);
	CHECK(dn_csv_find(r, "amounts") == -1);
	CHECK(dn_csv_find(r, "") == -1);
	/* the header's own spelling, or the name asked for */
	CHECK_STR(dn_csv_header_name(r, "AMOUNT"), "amount");
	CHECK_STR(dn_csv_header_name(r, "customer"), "Customer ");
	CHECK_STR(dn_csv_header_name(r, "bucket"), "bucket");
	dn_csv_reader_free(r);

	/* Caseless in the Unicode sense (PCRE2's caseless UTF matching). */
	p = PUT("find-utf8.csv", "\xc3\x89" "ch\xc3\xa9" "ance,DATE\xc3\x89" "CH\xc3\x89" "ANCE,"
				 " Montant r\xc3\xa9gl\xc3\xa9 ,\xce\xa3\xce\xa9,Stra\xc3\x9f" "e,"
				 "\xe2\x84\xaa" "unde,re\xc3\xa7u\n");
	r = open1(p, ',', &e);
	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_find(r, "\xc3\xa9" "ch\xc3\xa9" "ance") == 0);   /* échéance */
	CHECK(dn_csv_find(r, "\xc3\x89" "CH\xc3\x89" "ANCE") == 0);   /* ÉCHÉANCE */
	CHECK(dn_csv_find(r, "Date\xc3\x89" "ch\xc3\xa9" "ance") == 1); /* DateÉchéance */
	CHECK(dn_csv_find(r, "montant R\xc3\x89GL\xc3\x89") == 2);
	CHECK(dn_csv_find(r, "\xcf\x83\xcf\x89") == 3);                /* σω = ΣΩ */
	CHECK(dn_csv_find(r, "STRA\xe1\xba\x9e" "E") == 4);            /* ẞ = ß */
	CHECK(dn_csv_find(r, "kunde") == 5);                             /* K = KELVIN SIGN */
	CHECK(dn_csv_find(r, "RE\xc3\x87U") == 6);
	CHECK(dn_csv_find(r, "echeance") == -1);                         /* accents count */
	CHECK(dn_csv_find(r, "recu") == -1);
	CHECK(dn_csv_find(r, "strasse") == -1);                          /* no multi-letter folding */
	CHECK(dn_csv_find(r, "\xc3\xa9" "ch\xc3\xa9" "anc") == -1);
	CHECK(dn_csv_find(r, "\xc3\xa9" "ch\xc3\xa9" "ance\xff") == -1); /* not UTF-8: no match */
	dn_csv_reader_free(r);
}

/* A name given twice, caselessly in the Unicode sense: refused, the repeat named. */
static void test_duplicate_utf8(void)
{
	static const struct {
		const char *name, *data, *value;
	} bad[] = {
		{"dup-e.csv", "\xc3\x89" "ch\xc3\xa9" "ance,x,\xc3\xa9" "CH\xc3\xa9" "ance \n",
		 "\xc3\xa9" "CH\xc3\xa9" "ance "},
		{"dup-k.csv", "kunde,x,\xe2\x84\xaa" "UNDE\n", "\xe2\x84\xaa" "UNDE"},
		{"dup-sigma.csv", "a,\xcf\x83,b,\xce\xa3\n", "\xce\xa3"},
		{"dup-first.csv", "b,\xc3\xa0,B,\xc3\x80\n", "B"},
	};
	const char *p;
	dn_error e;
	dn_csv_reader *r;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		p = scratch_put_str(bad[i].name, bad[i].data);
		CHECK(open1(p, ',', &e) == NULL);
		CHECK(e.status == DN_EX_DATAERR);
		CHECK_STR(e.message, "column name given twice in the header");
		CHECK_STR(e.value, bad[i].value);
	}
	/* Accents, and letters of other scripts that look alike, differ. */
	p = PUT("nodup.csv", "echeance,\xc3\xa9" "ch\xc3\xa9" "ance,\xc3\xa8" "ch\xc3\xa9" "ance,"
			     "\xd0\xb0,a,\xe5\xae\xa2\xe6\x88\xb7,\xe5\xae\xa2\n");
	r = open1(p, ',', &e);
	CHECK(r != NULL);
	dn_csv_reader_free(r);

	/* A later file's header may differ in case, Unicode included. */
	{
		const char *two[2];
		dn_row row;

		two[0] = PUT("h1.csv", "\xc3\xa9" "ch\xc3\xa9" "ance,Kunde\n1,2\n");
		two[1] = PUT("h2.csv", "\xc3\x89" "CH\xc3\x89" "ANCE,\xe2\x84\xaa" "UNDE\n3,4\n");
		r = dn_csv_reader_new(two, 2, ',', &e);
		CHECK(r != NULL);
		if (r != NULL) {
			CHECK(dn_csv_next(r, &row, &e) == 1);
			CHECK(dn_csv_next(r, &row, &e) == 1 && FIELD(&row, 0, "3"));
			dn_csv_reader_free(r);
		}
	}
}

/* ---- writer ---- */

/* Everything written to fp so far, NUL-terminated (static buffer). */
static const char *contents(FILE *fp)
{
	static char buf[4096];
	size_t n;

	fflush(fp);
	rewind(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	return buf;
}

/* Write one row of NUL-terminated fields and return what came out. */
static const char *write_row(char delim, int excel_safe, const char *const *fields, size_t n)
{
	FILE *fp = tmpfile();
	dn_csv_writer *w;
	static char out[4096];
	size_t i;

	if (fp == NULL)
		return "(no tmpfile)";
	w = dn_csv_writer_new(fp, delim, excel_safe);
	for (i = 0; i < n; i++)
		dn_csv_put_str(w, fields[i]);
	dn_csv_end_row(w);
	if (dn_csv_flush(w) != 0)
		snprintf(out, sizeof out, "(flush failed)");
	else
		snprintf(out, sizeof out, "%s", contents(fp));
	dn_csv_writer_free(w);
	fclose(fp);
	return out;
}

#define ONE(delim, safe, s) write_row(delim, safe, (const char *const[]){s}, 1)

static void test_writer_quoting(void)
{
	CHECK_STR(ONE(',', 0, "plain"), "plain\n");
	CHECK_STR(ONE(',', 0, "a,b"), "\"a,b\"\n");
	CHECK_STR(ONE(',', 0, "say \"hi\""), "\"say \"\"hi\"\"\"\n");
	CHECK_STR(ONE(',', 0, "\""), "\"\"\"\"\n");
	CHECK_STR(ONE(',', 0, "x\ry"), "\"x\ry\"\n");
	CHECK_STR(ONE(',', 0, "x\ny"), "\"x\ny\"\n");
	CHECK_STR(ONE(',', 0, " lead"), "\" lead\"\n");
	CHECK_STR(ONE(',', 0, "trail "), "\"trail \"\n");
	CHECK_STR(ONE(',', 0, "in side"), "in side\n");
	CHECK_STR(ONE(',', 0, "a;b"), "a;b\n");
	CHECK_STR(ONE(';', 0, "a;b"), "\"a;b\"\n");
	/* The first row is the header: a comma in it is quoted under any
	 * delimiter (so the reader never takes it for a comma file). */
	CHECK_STR(ONE(';', 0, "a,b"), "\"a,b\"\n");
	CHECK_STR(ONE('\t', 0, "a\tb"), "\"a\tb\"\n");
	CHECK_STR(ONE(',', 0, "\xc3\x89lodie"), "\xc3\x89lodie\n");
	/* The only, empty, field of a row is written "" so the row survives. */
	CHECK_STR(ONE(',', 0, ""), "\"\"\n");
	CHECK_STR(write_row(',', 0, (const char *const[]){"", ""}, 2), ",\n");
	CHECK_STR(write_row(',', 0, (const char *const[]){"a", "", "c"}, 3), "a,,c\n");
	CHECK_STR(write_row(',', 0, (const char *const[]){"", "b"}, 2), ",b\n");
	CHECK_STR(write_row(',', 0, (const char *const[]){"1", "x,y", "z"}, 3), "1,\"x,y\",z\n");
	/* What a reader strips at the start of a file (a BOM, a "sep=" line)
	 * is quoted when the first field starts with it, and only there. */
	CHECK_STR(ONE(',', 0, "sep=;"), "\"sep=;\"\n");
	CHECK_STR(ONE(',', 0, "\xef\xbb\xbfname"), "\"\xef\xbb\xbfname\"\n");
	CHECK_STR(write_row(',', 0, (const char *const[]){"a", "sep=;"}, 2), "a,sep=;\n");
	/* A field of exactly len bytes, NUL bytes included. */
	{
		FILE *fp = tmpfile();
		dn_csv_writer *w;
		if (fp != NULL) {
			w = dn_csv_writer_new(fp, ',', 0);
			dn_csv_put(w, "abcdef", 3);
			dn_csv_put(w, "xyz", 0);
			dn_csv_end_row(w);
			dn_csv_put_str(w, "second");
			dn_csv_end_row(w);
			CHECK(dn_csv_flush(w) == 0);
			CHECK_STR(contents(fp), "abc,\nsecond\n");
			dn_csv_writer_free(w);
			fclose(fp);
		}
	}
}

static void test_writer_excel(void)
{
	CHECK_STR(ONE(',', 1, "=SUM(A1)"), "'=SUM(A1)\n");
	CHECK_STR(ONE(',', 1, "+33 1 23"), "'+33 1 23\n");
	CHECK_STR(ONE(',', 1, "@cmd"), "'@cmd\n");
	CHECK_STR(ONE(',', 1, "\tx"), "'\tx\n");
	CHECK_STR(ONE(',', 1, "\rx"), "\"'\rx\"\n"); /* CR also forces quotes */
	CHECK_STR(ONE(',', 1, "-12.50"), "-12.50\n");
	CHECK_STR(ONE(',', 1, "-3"), "-3\n");
	CHECK_STR(ONE(',', 1, "-1e3"), "'-1e3\n");
	CHECK_STR(ONE(',', 1, "-"), "'-\n");
	CHECK_STR(ONE(',', 1, "-1.5.2"), "'-1.5.2\n");
	CHECK_STR(ONE(',', 1, "+3"), "'+3\n"); /* only -digits is a plain number */
	CHECK_STR(ONE(',', 1, "=a,b"), "\"'=a,b\"\n");
	CHECK_STR(ONE(',', 1, "=\"x\""), "\"'=\"\"x\"\"\"\n");
	CHECK_STR(ONE(',', 1, "12"), "12\n");
	CHECK_STR(ONE(',', 1, "a=b"), "a=b\n");
	CHECK_STR(ONE(',', 1, " =x"), "\" =x\"\n"); /* starts with a space */
	CHECK_STR(ONE(',', 1, ""), "\"\"\n");
	/* Without --excel-safe nothing is prefixed. */
	CHECK_STR(ONE(',', 0, "=SUM(A1)"), "=SUM(A1)\n");
	CHECK_STR(ONE(',', 0, "-1e3"), "-1e3\n");
}

/* What the writer writes, the reader reads back as it was. */
static void test_writer_round_trip(void)
{
	static const char *const fields[] = {"plain", "a,b", "say \"hi\"", "x\ny", "x\r\ny",
					     " lead", "trail ", "", "\xc3\x89lodie", "\"\""};
	size_t n = sizeof fields / sizeof fields[0], i;
	char path[128];
	FILE *fp;
	dn_csv_writer *w;
	dn_csv_reader *r;
	dn_error e;
	dn_row row;

	snprintf(path, sizeof path, "%s", scratch_put("written.csv", "", 0));
	fp = fopen(path, "wb");
	if (fp == NULL)
		return;
	w = dn_csv_writer_new(fp, ',', 0);
	for (i = 0; i < n; i++) {
		char name[8];
		snprintf(name, sizeof name, "c%zu", i);
		dn_csv_put_str(w, name);
	}
	dn_csv_end_row(w);
	for (i = 0; i < n; i++)
		dn_csv_put_str(w, fields[i]);
	dn_csv_end_row(w);
	dn_csv_put_str(w, ""); /* a row of one empty field, in a one-column sense */
	dn_csv_end_row(w);
	CHECK(dn_csv_flush(w) == 0);
	dn_csv_writer_free(w);
	fclose(fp);

	r = open1(path, ',', &e);
	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(row.n == n);
	for (i = 0; i < n && i < row.n; i++)
		CHECK(field_is(&row, i, fields[i], strlen(fields[i])));
	/* The "" row survives as one empty field (so it is ragged here). */
	CHECK(dn_csv_next(r, &row, &e) == -1 && row.n == 1 && row.len[0] == 0);
	CHECK(dn_csv_next(r, &row, &e) == 0);
	dn_csv_reader_free(r);
}

static void test_writer_error(void)
{
	FILE *fp = fopen("/dev/full", "w");
	dn_csv_writer *w;

	if (fp == NULL)
		return;
	w = dn_csv_writer_new(fp, ',', 0);
	dn_csv_put_str(w, "x");
	dn_csv_end_row(w);
	CHECK(dn_csv_flush(w) == DN_EX_IOERR);
	dn_csv_writer_free(w);
	fclose(fp);
	dn_csv_writer_free(NULL);
	dn_csv_reader_free(NULL);
}

/* ---- helpers ---- */

static void test_plain_number(void)
{
#define PN(s) dn_is_plain_number(s, strlen(s))
	CHECK(PN("12") == 1);
	CHECK(PN("-12.50") == 1);
	CHECK(PN("0") == 1);
	CHECK(PN("-0.5") == 1);
	CHECK(PN("007") == 1);
	CHECK(PN("") == 0);
	CHECK(PN("-") == 0);
	CHECK(PN("1.") == 0);
	CHECK(PN(".5") == 0);
	CHECK(PN("-.5") == 0);
	CHECK(PN("+1") == 0);
	CHECK(PN("1e3") == 0);
	CHECK(PN("-1e3") == 0);
	CHECK(PN("1.2.3") == 0);
	CHECK(PN("12a") == 0);
	CHECK(PN("1,5") == 0);
	CHECK(PN(" 1") == 0);
	CHECK(PN("--1") == 0);
#undef PN
	CHECK(dn_is_plain_number("12x", 2) == 1);
}

static void test_utf8(void)
{
#define U8(lit) dn_utf8_valid(lit, sizeof(lit) - 1)
	CHECK(U8("") == 1);
	CHECK(U8("abc") == 1);
	CHECK(U8("\xc3\x89lodie") == 1);
	CHECK(U8("\xc2\x80") == 1);         /* U+0080 */
	CHECK(U8("\xdf\xbf") == 1);         /* U+07FF */
	CHECK(U8("\xe0\xa0\x80") == 1);     /* U+0800 */
	CHECK(U8("\xe2\x82\xac") == 1);     /* U+20AC */
	CHECK(U8("\xed\x9f\xbf") == 1);     /* U+D7FF */
	CHECK(U8("\xee\x80\x80") == 1);     /* U+E000 */
	CHECK(U8("\xef\xbf\xbf") == 1);     /* U+FFFF */
	CHECK(U8("\xf0\x90\x80\x80") == 1); /* U+10000 */
	CHECK(U8("\xf4\x8f\xbf\xbf") == 1); /* U+10FFFF */
	CHECK(U8("a\0b") == 1);             /* NUL is ASCII; the reader checks it */
	CHECK(U8("\xc0\x80") == 0);         /* overlong NUL */
	CHECK(U8("\xc1\xbf") == 0);         /* overlong */
	CHECK(U8("\xe0\x80\x80") == 0);     /* overlong */
	CHECK(U8("\xe0\x9f\xbf") == 0);     /* overlong U+07FF */
	CHECK(U8("\xf0\x80\x80\x80") == 0); /* overlong */
	CHECK(U8("\xf0\x8f\xbf\xbf") == 0); /* overlong U+FFFF */
	CHECK(U8("\xed\xa0\x80") == 0);     /* surrogate U+D800 */
	CHECK(U8("\xed\xbf\xbf") == 0);     /* surrogate U+DFFF */
	CHECK(U8("\xf4\x90\x80\x80") == 0); /* U+110000 */
	CHECK(U8("\xf5\x80\x80\x80") == 0);
	CHECK(U8("\xff") == 0);
	CHECK(U8("\x80") == 0);             /* lone continuation */
	CHECK(U8("\xe2\x82") == 0);         /* truncated */
	CHECK(U8("a\xc3") == 0);
	CHECK(U8("\xf0\x9f\x98") == 0);
	CHECK(U8("\xc3(") == 0);
	CHECK(U8("\xe2\x28\xa1") == 0);
#undef U8
	CHECK(dn_utf8_valid("\xe2\x82\xac", 2) == 0); /* only len bytes count */
}

static void test_error_format(void)
{
	dn_error e;
	char buf[512], small[12];
	char longv[100];
	size_t i;

	CHECK(dn_error_set(&e, DN_EX_DATAERR, "no such date") == DN_EX_DATAERR);
	dn_error_where(&e, "items.csv", 12);
	dn_error_subject(&e, "column", "due_date");
	dn_error_value(&e, "2026-02-30", 10);
	CHECK_STR(dn_error_format(&e, buf, sizeof buf),
		  "items.csv:12: column due_date: no such date: '2026-02-30'");
	/* Unknown parts are left out. */
	e.line = 0;
	CHECK_STR(dn_error_format(&e, buf, sizeof buf),
		  "items.csv: column due_date: no such date: '2026-02-30'");
	dn_error_set(&e, DN_EX_USAGE, "unknown option");
	CHECK(e.file[0] == '\0' && e.name[0] == '\0' && !e.has_value); /* set clears */
	CHECK_STR(dn_error_format(&e, buf, sizeof buf), "unknown option");
	dn_error_subject(&e, "option", "--bogus");
	CHECK_STR(dn_error_format(&e, buf, sizeof buf), "option --bogus: unknown option");
	dn_error_set(&e, DN_EX_CONFIG, "unknown key");
	dn_error_where(&e, "dunning.ini", 4);
	dn_error_subject(&e, "key", "[general] foo");
	CHECK_STR(dn_error_format(&e, buf, sizeof buf),
		  "dunning.ini:4: key [general] foo: unknown key");
	dn_error_value(&e, "", 0);
	CHECK_STR(dn_error_format(&e, buf, sizeof buf),
		  "dunning.ini:4: key [general] foo: unknown key: ''");
	dn_error_where(&e, NULL, 0);
	CHECK_STR(dn_error_format(&e, buf, sizeof buf), "key [general] foo: unknown key: ''");
	/* No kind given: a name is a column. */
	dn_error_set(&e, DN_EX_DATAERR, "bad");
	dn_error_subject(&e, NULL, "amount");
	CHECK_STR(dn_error_format(&e, buf, sizeof buf), "column amount: bad");

	/* Values: cut at 60 bytes, control bytes as \xNN. */
	memset(longv, 'x', sizeof longv);
	dn_error_set(&e, DN_EX_DATAERR, "m");
	dn_error_value(&e, longv, sizeof longv);
	CHECK(strlen(e.value) == 60);
	CHECK(strspn(e.value, "x") == 60);
	/* A character cut at the 60th byte: 59 'x', then the lead byte of 'é'. */
	longv[59] = '\xc3';
	longv[60] = '\xa9';
	dn_error_value(&e, longv, sizeof longv);
	CHECK(strspn(e.value, "x") == 59 && strcmp(e.value + 59, "\\xc3") == 0);
	longv[58] = '\xc3';
	longv[59] = '\xa9';
	dn_error_value(&e, longv, sizeof longv);
	CHECK(strspn(e.value, "x") == 58 && strcmp(e.value + 58, "\xc3\xa9") == 0);
	dn_error_value(&e, "a\tb\x01\x7f\n", 6);
	CHECK_STR(e.value, "a\\x09b\\x01\\x7f\\x0a");
	dn_error_value(&e, "x\0y", 3);
	CHECK_STR(e.value, "x\\x00y");
	dn_error_value(&e, "\xc3\x89t\xc3\xa9", 5); /* UTF-8 passes as it is */
	CHECK_STR(e.value, "\xc3\x89t\xc3\xa9");
	dn_error_value(&e, "\xe2\x82\xac\xf0\x9f\x98\x80", 7);
	CHECK_STR(e.value, "\xe2\x82\xac\xf0\x9f\x98\x80");
	/* Invalid UTF-8 is not printable: its bytes are escaped. */
	dn_error_value(&e, "x\xc0\xafy", 4);
	CHECK_STR(e.value, "x\\xc0\\xafy");
	dn_error_value(&e, "\x80\xff\xed\xa0\x80", 5);
	CHECK_STR(e.value, "\\x80\\xff\\xed\\xa0\\x80");
	dn_error_value(&e, "caf\xc3", 4);
	CHECK_STR(e.value, "caf\\xc3");
	dn_error_value(&e, "\xe2\x82\xac", 2); /* a character cut by len */
	CHECK_STR(e.value, "\\xe2\\x82");
	dn_error_value(&e, "\\", 1);
	CHECK_STR(e.value, "\\x5c");
	dn_error_value(&e, "'", 1);
	CHECK_STR(e.value, "\\x27");
	dn_error_value(&e, "it's", 4); /* a quote would end the quoted value */
	CHECK(strchr(e.value, '\'') == NULL);
	/* 60 control bytes: 240 characters, all kept. */
	memset(longv, 1, sizeof longv);
	dn_error_value(&e, longv, sizeof longv);
	CHECK(strlen(e.value) == 240);
	for (i = 0; i < 240; i += 4)
		if (memcmp(e.value + i, "\\x01", 4) != 0)
			break;
	CHECK(i == 240);
	{
		char want[300];
		snprintf(want, sizeof want, "m: '%s'", e.value);
		CHECK_STR(dn_error_format(&e, buf, sizeof buf), want);
	}

	/* A small buffer gets a cut, terminated message. */
	dn_error_set(&e, DN_EX_DATAERR, "a rather long message");
	dn_error_where(&e, "file.csv", 3);
	CHECK(strlen(dn_error_format(&e, small, sizeof small)) == sizeof small - 1);
	CHECK(strncmp(small, "file.csv:3:", sizeof small - 1) == 0);
	CHECK(dn_error_set(NULL, DN_EX_IOERR, "x") == DN_EX_IOERR);
}

/* A tool's own output (commas) reads back under an [input] delimiter of
 * ';'; a one-column header holding a comma in quotes does not switch. */
static void test_comma_header_under_semicolon(void)
{
	dn_error e;
	dn_row row;
	dn_csv_reader *r;

	r = open1(scratch_put_str("c1.csv", "customer,invoice\nA,1\n"), ';', &e);
	CHECK(r != NULL && dn_csv_header(r)->n == 2);
	CHECK(r != NULL && dn_csv_next(r, &row, &e) == 1 && row.n == 2);
	dn_csv_reader_free(r);
	r = open1(scratch_put_str("c2.csv", "\"a,b\"\nx\n"), ';', &e);
	CHECK(r != NULL && dn_csv_header(r)->n == 1);
	dn_csv_reader_free(r);
	r = open1(scratch_put_str("c3.csv", "a;b,c\n1;2\n"), ';', &e);
	CHECK(r != NULL && dn_csv_header(r)->n == 2);
	dn_csv_reader_free(r);
}

/* ---- the word-at-a-time paths ---- */

/* The reader looks at a field eight bytes at a time: a byte that needs
 * the exact checks (non-ASCII, NUL) or the line count (LF, CR) is seen at
 * every position of fields of every length around the word size. */
static void test_scan_positions(void)
{
	static const struct {
		char byte;
		const char *message; /* NULL: the record reads fine */
	} odd[] = {{'\xff', "invalid UTF-8"}, {'\0', "NUL byte in field"}, {'\n', NULL}};
	size_t len, pos, k;
	int bad = 0;

	for (k = 0; k < sizeof odd / sizeof odd[0]; k++)
		for (len = 1; len <= 20; len++)
			for (pos = 0; pos < len; pos++) {
				char text[128], field[24];
				size_t n = 0;
				dn_error e;
				dn_csv_reader *r;
				dn_row row;
				int rc;
				memset(field, 'x', len);
				field[pos] = odd[k].byte;
				/* header, the odd record, then a record whose line shows
				 * whether the line feed was counted */
				n += (size_t)snprintf(text + n, sizeof text - n, "a,b\nq,\"");
				memcpy(text + n, field, len);
				n += len;
				n += (size_t)snprintf(text + n, sizeof text - n, "\"\nz,1\n");
				r = open1(scratch_put("scan.csv", text, n), ',', &e);
				if (r == NULL) {
					bad++;
					continue;
				}
				rc = dn_csv_next(r, &row, &e);
				if (odd[k].message != NULL) {
					if (rc != -1 || strcmp(e.message, odd[k].message) != 0 || e.line != 2)
						bad++;
				} else if (rc != 1 || row.len[1] != len ||
					   memcmp(row.v[1], field, len) != 0 ||
					   dn_csv_next(r, &row, &e) != 1 || row.line != 4) {
					bad++;
				}
				dn_csv_reader_free(r);
			}
	CHECK(bad == 0);
}

/* dn_csv_peek shows the records already read ahead, and only those;
 * dn_csv_row_plain vouches only for the reader's own last record. */
static void test_peek_and_plain(void)
{
	const char *p = PUT("peek.csv", "id,name\n1,Ann\n2,\"Bo, Jr\"\n3,Cy\n");
	dn_error e;
	dn_csv_reader *r = open1(p, ',', &e);
	dn_row row, copy;
	const char *v;
	size_t len = 0;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	/* Before the first record, the header was the last one read. */
	v = dn_csv_peek(r, 1, 0, &len);
	CHECK(v != NULL && len == 1 && v[0] == '1');
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(dn_csv_row_plain(r, &row, ','));
	CHECK(!dn_csv_row_plain(r, &row, 'n')); /* "Ann" holds an n */
	copy = row;
	copy.v = NULL;
	CHECK(!dn_csv_row_plain(r, &copy, ','));
	v = dn_csv_peek(r, 1, 1, &len);
	CHECK(v != NULL && len == 6 && memcmp(v, "Bo, Jr", 6) == 0);
	v = dn_csv_peek(r, 2, 0, &len);
	CHECK(v != NULL && len == 1 && v[0] == '3');
	CHECK(dn_csv_peek(r, 3, 0, &len) == NULL); /* past the end */
	CHECK(dn_csv_peek(r, 1, 2, &len) == NULL); /* no such field */
	CHECK(dn_csv_peek(r, 0, 0, &len) == NULL);
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(!dn_csv_row_plain(r, &row, ',')); /* a comma inside */
	CHECK(dn_csv_row_plain(r, &row, ';'));
	CHECK(dn_csv_next(r, &row, &e) == 1);
	CHECK(dn_csv_row_plain(r, &row, ','));
	CHECK(dn_csv_next(r, &row, &e) == 0);
	dn_csv_reader_free(r);
	/* A quote, or a line end inside a field, is never plain. */
	p = PUT("peek2.csv", "a,b\n\"x\"\"y\",1\n\"l\nm\",2\n");
	r = open1(p, ',', &e);
	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(dn_csv_next(r, &row, &e) == 1 && !dn_csv_row_plain(r, &row, ';'));
	CHECK(dn_csv_next(r, &row, &e) == 1 && !dn_csv_row_plain(r, &row, ';'));
	dn_csv_reader_free(r);
}

/* What dn_csv_put writes field by field, for the same row. */
static const char *one_by_one(char delim, int excel_safe, const char *const *v, const size_t *len,
			      size_t n, int header)
{
	static char out[4096];
	FILE *fp = tmpfile();
	dn_csv_writer *w;
	size_t i;

	if (fp == NULL)
		return "(no tmpfile)";
	w = dn_csv_writer_new(fp, delim, excel_safe);
	if (header) {
		dn_csv_put_str(w, "h");
		dn_csv_end_row(w);
	}
	for (i = 0; i < n; i++)
		dn_csv_put(w, v[i], len[i]);
	dn_csv_end_row(w);
	dn_csv_flush(w);
	snprintf(out, sizeof out, "%s", contents(fp));
	dn_csv_writer_free(w);
	fclose(fp);
	return out;
}

/* The same with dn_csv_put_fields (how = 0) or dn_csv_put_plain (1). */
static const char *batched(char delim, int excel_safe, const char *const *v, const size_t *len,
			   size_t n, int header, int how)
{
	static char out[4096];
	FILE *fp = tmpfile();
	dn_csv_writer *w;

	if (fp == NULL)
		return "(no tmpfile)";
	w = dn_csv_writer_new(fp, delim, excel_safe);
	if (header) {
		dn_csv_put_str(w, "h");
		dn_csv_end_row(w);
	}
	if (how)
		dn_csv_put_plain(w, v, len, n);
	else
		dn_csv_put_fields(w, v, len, n);
	dn_csv_end_row(w);
	dn_csv_flush(w);
	snprintf(out, sizeof out, "%s", contents(fp));
	dn_csv_writer_free(w);
	fclose(fp);
	return out;
}

/* dn_csv_put_fields writes what dn_csv_put writes, whatever the fields:
 * quotes, delimiters, line ends, tabs and spaces at each position of
 * fields of every length around the word size, in the header row or not,
 * with --excel-safe or not. */
static void test_writer_batches(void)
{
	static const char odd[] = "\",;\n\r\t =-@";
	char store[8][32];
	const char *v[8];
	size_t len[8], L, pos, k, i;
	int bad = 0, header, safe;

	for (header = 0; header <= 1; header++)
		for (safe = 0; safe <= 1; safe++)
			for (k = 0; k < sizeof odd - 1; k++)
				for (L = 0; L <= 18; L++)
					for (pos = 0; pos < (L ? L : 1); pos++) {
						for (i = 0; i < 3; i++) {
							memset(store[i], 'a' + (int)i, L);
							v[i] = store[i];
							len[i] = L;
						}
						if (L > 0)
							store[1][pos] = odd[k];
						if (strcmp(one_by_one(',', safe, v, len, 3, header),
							   batched(',', safe, v, len, 3, header, 0)) != 0 ||
						    strcmp(one_by_one(';', safe, v, len, 3, header),
							   batched(';', safe, v, len, 3, header, 0)) != 0)
							bad++;
					}
	CHECK(bad == 0);
	/* dn_csv_put_plain on fields stored as a reader stores them (one block,
	 * NULs between) and on fields that are not: the same bytes, spaces,
	 * empty fields and --excel-safe included. */
	{
		static const char *const rows[][4] = {
			{"C1", "Ann", "12.50", "EUR"}, {"", "x", "", "y"},	{" lead", "b", "c", "d"},
			{"a", "trail ", "c", "d"},      {"-3", "=x", "+1", "@"}, {"", "", "", ""},
		};
		char block[64];
		size_t r, off;
		for (r = 0; r < sizeof rows / sizeof rows[0]; r++)
			for (safe = 0; safe <= 1; safe++)
				for (header = 0; header <= 1; header++) {
					for (i = 0, off = 0; i < 4; i++) {
						len[i] = strlen(rows[r][i]);
						memcpy(block + off, rows[r][i], len[i] + 1);
						v[i] = block + off;
						off += len[i] + 1;
					}
					if (strcmp(one_by_one(',', safe, v, len, 4, header),
						   batched(',', safe, v, len, 4, header, 1)) != 0)
						bad++;
					for (i = 0; i < 4; i++)
						v[i] = rows[r][i]; /* not one block */
					if (strcmp(one_by_one(',', safe, v, len, 4, header),
						   batched(',', safe, v, len, 4, header, 1)) != 0)
						bad++;
				}
	}
	CHECK(bad == 0);
	/* A row that starts with plain fields, then more fields after them. */
	{
		FILE *fp = tmpfile();
		dn_csv_writer *w;
		static const char blk[] = "a\0bb\0c";
		const char *pv[3] = {blk, blk + 2, blk + 5};
		size_t pl[3] = {1, 2, 1};
		if (fp != NULL) {
			w = dn_csv_writer_new(fp, ',', 0);
			dn_csv_put_str(w, "h");
			dn_csv_end_row(w);
			dn_csv_put_plain(w, pv, pl, 3);
			dn_csv_put_str(w, "x,y");
			dn_csv_put_plain(w, pv, pl, 3);
			dn_csv_end_row(w);
			dn_csv_flush(w);
			CHECK_STR(contents(fp), "h\na,bb,c,\"x,y\",a,bb,c\n");
			dn_csv_writer_free(w);
			fclose(fp);
		}
	}
}

int main(void)
{
	scratch_open();
	test_scan_positions();
	test_peek_and_plain();
	test_writer_batches();
	test_comma_header_under_semicolon();
	test_bom_crlf();
	test_quoting();
	test_not_trimmed();
	test_blank_lines();
	test_cr_lines();
	test_many_lines();
	test_ragged();
	test_unterminated();
	test_misplaced_quote();
	test_inner_quotes();
	test_bad_bytes();
	test_header_problems();
	test_delimiters();
	test_sep_line();
	test_guess_delimiter();
	test_two_files();
	test_from_stream();
	test_find();
	test_duplicate_utf8();
	test_writer_quoting();
	test_writer_excel();
	test_writer_round_trip();
	test_writer_error();
	test_plain_number();
	test_utf8();
	test_error_format();
	scratch_close();
	DONE();
}
