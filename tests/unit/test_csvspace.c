/* test_csvspace.c - the reader hands libcsv its own (inline) space test
 * for a chunk only when that reads the chunk exactly as the never-a-space
 * test does (csvio.c, choose_space_test).  Checked against libcsv itself:
 * random texts over the bytes that matter (spaces, tabs, delimiters,
 * quotes, line ends), cut in random chunks, are parsed twice, once with
 * never-a-space throughout and once choosing per chunk as the reader
 * does, inner quotes handed on again as the reader does; every field, row
 * end, error, the parser's state after each chunk and the end must be
 * the same. */
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

/* The parser's state after a chunk, into t: the next chunk starts from
 * it, so it must be the same too. */
static void put_state(struct transcript *t, const struct csv_parser *p)
{
	char st[64];
	int n = snprintf(st, sizeof st, "S%d,%d,%zu,%zu", p->pstate, p->quoted, p->spaces,
			 p->entry_pos);

	put(t, st, (size_t)n);
}

/* Feed one chunk as the reader's feed() does: a quote inside an unquoted
 * field, refused under CSV_STRICT, is handed on again without it (the
 * reader's take_inner_quote).  0, or -1 at an error (recorded in t). */
static int feed(struct csv_parser *p, const char *s, size_t len, size_t at, struct transcript *t)
{
	size_t done = csv_parse(p, s, len, on_field, on_row, t);

	while (done < len && s[done] == '"' && !p->quoted && csv_error(p) == CSV_EPARSE) {
		int opts = csv_get_opts(p);
		csv_set_opts(p, (unsigned char)(opts & ~CSV_STRICT));
		if (csv_parse(p, s + done, 1, on_field, on_row, t) != 1)
			break;
		csv_set_opts(p, (unsigned char)opts);
		p->status = CSV_SUCCESS;
		put(t, "Q", 1);
		s += done + 1;
		len -= done + 1;
		at += done + 1;
		done = csv_parse(p, s, len, on_field, on_row, t);
	}
	if (done < len) {
		char e[32];
		int n = snprintf(e, sizeof e, "E%zu:%d", at + done, csv_error(p));
		put(t, e, (size_t)n);
		put_state(t, p);
		return -1;
	}
	put_state(t, p);
	return 0;
}

/* Parse text, cut at cuts[0..ncuts), into t; choose: pick the space test
 * per chunk as the reader does, else never-a-space.  Returns how many
 * chunks were read with libcsv's own test. */
static int parse(const char *text, size_t len, const size_t *cuts, size_t ncuts,
		 unsigned char delim, unsigned char quote, int choose, struct transcript *t)
{
	struct csv_parser p;
	size_t from = 0, k;
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
		if (feed(&p, text + from, to - from, from, t) != 0) {
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
 * uses, cut in up to four chunks. */
static void test_same_as_never_space(void)
{
	enum { MAXLEN = 48, MAXCUTS = 3 };
	static const unsigned char delims[] = {',', ';', '|', '\t'};
	static const unsigned char quotes[] = {'"', 0xff};
	static const char alphabet[] = "aab  \t,;|\"\"\r\n\n\xff";
	unsigned long x = 42;
	long differ = 0, inline_chunks = 0, cases = 0;

	for (size_t di = 0; di < sizeof delims; di++)
		for (size_t qi = 0; qi < sizeof quotes; qi++)
			for (int n = 0; n < 40000; n++) {
				char text[MAXLEN], *exact;
				size_t len = next(&x) % (n % 4 == 0 ? MAXLEN : 16), cuts[MAXCUTS],
				       ncuts = next(&x) % (MAXCUTS + 1), k, j;
				struct transcript a, b;
				for (k = 0; k < len; k++)
					text[k] = alphabet[next(&x) % (sizeof alphabet - 1)];
				/* Half of them with spaces and tabs inside names only,
				 * so that many chunks qualify. */
				if (n % 2 == 0)
					for (k = 0; k < len; k++)
						if ((text[k] == ' ' || text[k] == '\t') &&
						    (k == 0 || k + 1 == len))
							text[k] = 'a';
				for (k = 0; k < ncuts; k++)
					cuts[k] = len ? next(&x) % (len + 1) : 0;
				for (k = 1; k < ncuts; k++) /* in order */
					for (j = k; j > 0 && cuts[j - 1] > cuts[j]; j--) {
						size_t c = cuts[j];
						cuts[j] = cuts[j - 1];
						cuts[j - 1] = c;
					}
				/* A buffer of exactly len bytes: ASan sees any read
				 * past either end. */
				if ((exact = malloc(len ? len : 1)) == NULL)
					break;
				memcpy(exact, text, len);
				parse(exact, len, cuts, ncuts, delims[di], quotes[qi], 0, &a);
				inline_chunks +=
				    parse(exact, len, cuts, ncuts, delims[di], quotes[qi], 1, &b);
				free(exact);
				cases++;
				if ((a.len != b.len || memcmp(a.buf, b.buf, a.len) != 0) && differ++ < 5) {
					printf("differs: delim %d quote %d text [%.*s] cuts", delims[di],
					       quotes[qi], (int)len, text);
					for (k = 0; k < ncuts; k++)
						printf(" %zu", cuts[k]);
					printf("\n");
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
