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

static void test_latin9(void)
{
	dn_error e;
	/* "Café;Acompte €" in ISO-8859-15: é is 0xe9, € is 0xa4 there */
	const char *path = scratch_put_str("latin9.txt", "Caf\xe9;Acompte \xa4\r\nx\n");
	dn_instream *s = dn_instream_open(path, 1, &e);
	const char *line;
	size_t len;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK(dn_instream_first_line(s, &line, &len) == 0);
	CHECK(len == strlen("Café;Acompte €") && memcmp(line, "Café;Acompte €", len) == 0);
	CHECK_STR(read_all(s), "Café;Acompte €\r\nx\n");
	CHECK(dn_instream_errno(s) == 0);
	dn_instream_free(s);
}

static void test_utf8_peek(void)
{
	dn_error e;
	const char *path = scratch_put_str("bom.txt", "\xef\xbb\xbfJournalCode\tJournalLib\nVE\tVentes\n");
	dn_instream *s = dn_instream_open(path, 0, &e);
	const char *line;
	size_t len;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK(dn_instream_first_line(s, &line, &len) == 0);
	CHECK(len == 22 && memcmp(line, "JournalCode\tJournalLib", 22) == 0);
	/* the peeked bytes, BOM included, still come first */
	CHECK_STR(read_all(s), "\xef\xbb\xbfJournalCode\tJournalLib\nVE\tVentes\n");
	dn_instream_free(s);
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
