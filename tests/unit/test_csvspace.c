/* test_csvspace.c - the reader hands libcsv its own (inline) space test
 * for a chunk only when that reads the chunk exactly as the never-a-space
 * test does (csvio.c, choose_space_test).  Checked against libcsv itself:
 * random texts over the bytes that matter (spaces, tabs, delimiters,
 * quotes, line ends), cut in random chunks, are parsed twice, once with
 * never-a-space throughout and once choosing per chunk as the reader
 * does; every field, row end, error and the end must be the same. */
#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvio_int.h"
#include "unit.h"

static int never(unsigned char c)
{
	(void)c;
	return 0;
}

/* What libcsv reported, in order, as text. */
struct transcript {
	char buf[4096];
	size_t len;
};

static void put(struct transcript *t, const void *s, size_t n)
{
	if (n > sizeof t->buf - t->len)
		n = sizeof t->buf - t->len;
	memcpy(t->buf + t->len, s, n);
	t->len += n;
}

static void on_field(void *s, size_t len, void *ctx)
{
	struct transcript *t = ctx;
	unsigned char n = (unsigned char)len;

	put(t, "F", 1);
	put(t, &n, 1);
	put(t, s, len);
}

static void on_row(int term, void *ctx)
{
	struct transcript *t = ctx;
	char c = (char)term;

	put(t, "R", 1);
	put(t, &c, 1);
}

/* Parse text, cut at cuts[0..ncuts), into t; choose: pick the space test
 * per chunk as the reader does, else never-a-space.  Returns how many
 * chunks were read with libcsv's own test. */
static int parse(const char *text, size_t len, const size_t *cuts, size_t ncuts,
		 unsigned char delim, unsigned char quote, int choose, struct transcript *t)
{
	struct csv_parser p;
	size_t from = 0, k, done;
	int inline_chunks = 0;

	t->len = 0;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
		return -1;
	csv_set_delim(&p, delim);
	csv_set_quote(&p, quote);
	for (k = 0; k <= ncuts; k++) {
		size_t to = k < ncuts ? cuts[k] : len;
		int use_inline = choose && dn_csv_inline_space_test(&p, text + from, to - from);
		csv_set_space_func(&p, use_inline ? NULL : never);
		inline_chunks += use_inline;
		done = csv_parse(&p, text + from, to - from, on_field, on_row, t);
		if (done < to - from) {
			char e[32];
			int n = snprintf(e, sizeof e, "E%zu:%d", from + done, csv_error(&p));
			put(t, e, (size_t)n);
			csv_free(&p);
			return inline_chunks;
		}
		from = to;
	}
	put(t, csv_fini(&p, on_field, on_row, t) == 0 ? "Z" : "X", 1);
	csv_free(&p);
	return inline_chunks;
}

static unsigned long next(unsigned long *x)
{
	*x = *x * 6364136223846793005UL + 1442695040888963407UL;
	return *x >> 33;
}

static void test_examples(void)
{
	CHECK(dn_csv_spaces_inner("Customer 21882,EUR\n", 19, ',', '"') == 1);
	CHECK(dn_csv_spaces_inner("a,\"Laurent, Sophie\",b\n", 22, ',', '"') == 1);
	CHECK(dn_csv_spaces_inner("a,\"x \"\" y\",b", 12, ',', '"') == 1);
	CHECK(dn_csv_spaces_inner("a\tb c\n", 6, '\t', '"') == 1); /* the tab delimits */
	CHECK(dn_csv_spaces_inner("", 0, ',', '"') == 1);
	CHECK(dn_csv_spaces_inner("a ,b", 4, ',', '"') == 0);       /* trailing */
	CHECK(dn_csv_spaces_inner("a, b", 4, ',', '"') == 0);       /* leading */
	CHECK(dn_csv_spaces_inner(" a", 2, ',', '"') == 0);         /* chunk start */
	CHECK(dn_csv_spaces_inner("a b ", 4, ',', '"') == 0);       /* chunk end */
	CHECK(dn_csv_spaces_inner("\"a\" ,b", 6, ',', '"') == 0);   /* after a quote */
	CHECK(dn_csv_spaces_inner("a\t\n", 3, ',', '"') == 0);      /* a tab too */
	CHECK(dn_csv_spaces_inner("ab \"c\"", 6, ',', '"') == 0);   /* before a quote */
	CHECK(dn_csv_spaces_inner("\"a b\",c", 7, ',', '"') == 0);  /* starts with one */
	CHECK(dn_csv_spaces_inner("x,a\"b c", 7, ',', '"') == 0);   /* inner quote */
	CHECK(dn_csv_spaces_inner("x,\"a\"b c", 8, ',', '"') == 0); /* closed early */
}

/* Texts over the bytes that matter, every delimiter and quote the reader
 * uses, cut in up to three chunks. */
static void test_same_as_never_space(void)
{
	static const unsigned char delims[] = {',', ';', '\t'};
	static const unsigned char quotes[] = {'"', 0xff};
	static const char alphabet[] = "ab  \t,;\"\"\r\n\n\xff";
	unsigned long x = 42;
	long differ = 0, inline_chunks = 0, cases = 0;

	for (size_t di = 0; di < sizeof delims; di++)
		for (size_t qi = 0; qi < sizeof quotes; qi++)
			for (int n = 0; n < 60000; n++) {
				char text[24];
				size_t len = next(&x) % sizeof text, cuts[2], ncuts = next(&x) % 3, k;
				struct transcript a, b;
				for (k = 0; k < len; k++)
					text[k] = alphabet[next(&x) % (sizeof alphabet - 1)];
				/* Mostly spaces inside names: many chunks qualify. */
				if (n % 2 == 0)
					for (k = 0; k < len; k++)
						if (text[k] == ' ' && (k == 0 || k + 1 == len))
							text[k] = 'a';
				for (k = 0; k < ncuts; k++)
					cuts[k] = len ? next(&x) % (len + 1) : 0;
				if (ncuts == 2 && cuts[0] > cuts[1]) {
					size_t c = cuts[0];
					cuts[0] = cuts[1];
					cuts[1] = c;
				}
				/* A buffer of exactly len bytes: ASan sees any read
				 * past either end. */
				char *exact = malloc(len ? len : 1);
				if (exact == NULL)
					break;
				memcpy(exact, text, len);
				parse(exact, len, cuts, ncuts, delims[di], quotes[qi], 0, &a);
				inline_chunks +=
				    parse(exact, len, cuts, ncuts, delims[di], quotes[qi], 1, &b);
				free(exact);
				cases++;
				if (a.len != b.len || memcmp(a.buf, b.buf, a.len) != 0) {
					if (differ++ < 5)
						printf("differs: delim %d quote %d text [%.*s]\n",
						       delims[di], quotes[qi], (int)len, text);
				}
			}
	CHECK(differ == 0);
	/* The choice was made often enough to be tested. */
	CHECK(inline_chunks > cases / 4);
}

int main(void)
{
	test_examples();
	test_same_as_never_space();
	DONE();
}
