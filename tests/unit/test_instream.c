/* test_instream.c - an input file as a stream: Latin-9 read as UTF-8, the
 * first line peeked and still read, a missing file refused. */
#include <stdio.h>
#include <string.h>

#include "instream.h"
#include "scratch.h"
#include "unit.h"

/* Everything left in s's stream. */
static const char *read_all(dn_instream *s)
{
	static char buf[256];
	size_t n = fread(buf, 1, sizeof buf - 1, dn_instream_file(s));

	buf[n] = '\0';
	return buf;
}

/* The file name holding text, opened (latin9: converted): its first line
 * peeked is want_line, and the whole stream still reads as want_all. */
static void check_stream(const char *name, const char *text, int latin9,
			 const char *want_line, const char *want_all)
{
	dn_error e;
	dn_instream *s = dn_instream_open(scratch_put_str(name, text), latin9, &e);
	const char *line;
	size_t len;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK(dn_instream_first_line(s, &line, &len) == 0);
	CHECK(len == strlen(want_line) && memcmp(line, want_line, len) == 0);
	CHECK_STR(read_all(s), want_all);
	CHECK(dn_instream_errno(s) == 0);
	dn_instream_free(s);
}

static void test_latin9(void)
{
	/* "Café;Acompte €" in ISO-8859-15: é is 0xe9, € is 0xa4 there */
	check_stream("latin9.txt", "Caf\xe9;Acompte \xa4\r\nx\n", 1, "Café;Acompte €",
		     "Café;Acompte €\r\nx\n");
}

static void test_utf8_peek(void)
{
	/* the peeked bytes, BOM included, still come first */
	check_stream("bom.txt", "\xef\xbb\xbfJournalCode\tJournalLib\nVE\tVentes\n", 0,
		     "JournalCode\tJournalLib",
		     "\xef\xbb\xbfJournalCode\tJournalLib\nVE\tVentes\n");
}

static void test_empty_and_missing(void)
{
	dn_error e;
	const char *path = scratch_put_str("empty.txt", "");
	dn_instream *s = dn_instream_open(path, 0, &e);
	const char *line;
	size_t len = 9;

	CHECK(s != NULL);
	if (s != NULL) {
		CHECK(dn_instream_first_line(s, &line, &len) == 0 && len == 0);
		CHECK_STR(read_all(s), "");
		dn_instream_free(s);
	}
	CHECK(dn_instream_open(scratch_path("none.txt"), 0, &e) == NULL);
	CHECK(e.status == DN_EX_NOINPUT);
	CHECK(strstr(e.message, "cannot open") != NULL);
	dn_instream_free(NULL);
}

int main(void)
{
	scratch_open();
	test_latin9();
	test_utf8_peek();
	test_empty_and_missing();
	scratch_close();
	DONE();
}
