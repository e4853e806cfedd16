/* test_names.c - header names: trimmed, caseless in the Unicode sense. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "unit.h"

#define EQ(a, b) dn_name_equal(a, strlen(a), b, strlen(b))

static void test_equal(void)
{
	CHECK(EQ("due_date", "DUE_DATE"));
	CHECK(EQ(" \tdue_date ", "Due_Date\t"));
	CHECK(!EQ("due_date", "due_dat"));
	CHECK(!EQ("due date", "due  date")); /* inner spaces count */
	CHECK(EQ("", "  "));
	CHECK(EQ("\xc3\xa9" "ch\xc3\xa9" "ance", "\xc3\x89" "CH\xc3\x89" "ANCE"));
	CHECK(EQ(" \xc3\xa9 ", "\xc3\x89"));
	CHECK(!EQ("\xc3\xa9", "e"));
	CHECK(EQ("k", "\xe2\x84\xaa"));                 /* KELVIN SIGN */
	CHECK(EQ("\xe2\x84\xaa", "K"));
	CHECK(EQ("s", "\xc5\xbf"));                      /* LONG S */
	CHECK(EQ("\xd0\x9a\xd0\xbb\xd0\xb8\xd0\xb5\xd0\xbd\xd1\x82", "\xd0\xba\xd0\xbb\xd0\xb8\xd0\xb5\xd0\xbd\xd1\x82")); /* Клиент */
	CHECK(!EQ("\xd0\xb0", "a"));                     /* Cyrillic a is not Latin a */
	/* Not UTF-8: compared byte for byte, ASCII letters caselessly. */
	CHECK(EQ("A\xff", "a\xff"));
	CHECK(!EQ("\xc3\xa9\xff", "\xc3\x89\xff"));
	CHECK(!EQ("\xc3\xa9", "\xc3\xa9\xff"));
}

static void test_matcher(void)
{
	dn_name_matcher *m = dn_name_matcher_new(" Montant R\xc3\x89GL\xc3\x89 ", 17);

	CHECK(m != NULL);
	if (m == NULL)
		return;
	CHECK(dn_name_matches(m, "montant r\xc3\xa9gl\xc3\xa9", 15));
	CHECK(dn_name_matches(m, "MONTANT R\xc3\x89GL\xc3\x89\t", 16));
	CHECK(!dn_name_matches(m, "montant regle", 13));
	CHECK(!dn_name_matches(m, "montant r\xc3\xa9gl\xc3\xa9s", 16));
	CHECK(!dn_name_matches(m, "montant r\xc3\xa9gl\xc3", 14)); /* cut: not UTF-8 */
	dn_name_matcher_free(m);
	dn_name_matcher_free(NULL);
}

static int dup_of(const char *const *v, size_t n, size_t *dup)
{
	size_t len[16], i;

	for (i = 0; i < n; i++)
		len[i] = strlen(v[i]);
	return dn_names_find_duplicate(v, len, n, dup);
}

static void test_duplicates(void)
{
	static const char *const none[] = {"a", "b", "\xc3\xa9", "e", "\xc3\xa8", "\xd0\xb0", "k", "ks"};
	static const char *const latin[] = {"x", "\xc3\x89t\xc3\xa9", "y", " \xc3\xa9T\xc3\x89 "};
	static const char *const kelvin[] = {"\xe2\x84\xaa", "x", "K", "k"};
	static const char *const two[] = {"b", "\xc3\xa0", "c", "\xc3\x80", "B"};
	size_t dup = 99;

	CHECK(dup_of(none, 8, &dup) == 0);
	CHECK(dup_of(latin, 4, &dup) == 1 && dup == 3);
	CHECK(dup_of(kelvin, 4, &dup) == 1 && dup == 2);
	/* The smallest index that repeats an earlier name. */
	CHECK(dup_of(two, 5, &dup) == 1 && dup == 3);
	CHECK(dup_of(two, 1, &dup) == 0);
	CHECK(dn_names_find_duplicate(NULL, NULL, 0, &dup) == 0);
}

/* UTF-8 of a Greek letter: k-th of the 23 small letters without the two
 * sigmas (ς and σ are the same letter caselessly), or its capital. */
static void greek(unsigned k, int capital, char *out)
{
	unsigned cp = 0x3b1 + k + (k >= 17 ? 2 : 0);

	if (capital)
		cp -= 0x20;
	out[0] = (char)(0xc0 | (cp >> 6));
	out[1] = (char)(0x80 | (cp & 0x3f));
}

/* 100,000 names of four cased letters each: one sort, no n^2. */
static void test_many(void)
{
	enum { N = 100000 };
	const char **v = malloc(N * sizeof *v);
	size_t *len = malloc(N * sizeof *len), i, dup = 0;
	char *buf = malloc((size_t)N * 8);

	if (v == NULL || len == NULL || buf == NULL)
		return;
	for (i = 0; i < N; i++) {
		size_t k = i, j;
		for (j = 0; j < 4; j++, k /= 23)
			greek((unsigned)(k % 23), (int)(i & 1), buf + i * 8 + j * 2);
		v[i] = buf + i * 8;
		len[i] = 8;
	}
	CHECK(dn_names_find_duplicate(v, len, N, &dup) == 0);
	/* The last name, the capitals of name 500. */
	for (i = 0; i < 4; i++)
		greek((unsigned)((500 / (i == 0 ? 1 : i == 1 ? 23 : i == 2 ? 529 : 12167)) % 23), 1,
		      buf + (N - 1) * 8 + i * 2);
	CHECK(dn_names_find_duplicate(v, len, N, &dup) == 1 && dup == N - 1);
	free(v);
	free(len);
	free(buf);
}

int main(void)
{
	test_equal();
	test_matcher();
	test_duplicates();
	test_many();
	DONE();
}
