/* test_report.c - text width, aligned tables and JSON Lines. */
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "unit.h"
#include "fixture.h"

/* Everything written to fp, NUL-terminated (static buffer); closes fp. */
static void test_width(void)
{
	CHECK(dn_text_width("", 0) == 0);
	CHECK(dn_text_width("abc", 3) == 3);
	CHECK(dn_text_width("\xc3\x89lodie", 7) == 6);          /* Élodie */
	CHECK(dn_text_width("\xe2\x82\xac", 3) == 1);           /* € */
	CHECK(dn_text_width("12\xc2\xa0" "400,00 \xe2\x82\xac", 13) == 11);
	CHECK(dn_text_width("\xf0\x9f\x98\x80", 4) == 1);       /* one code point */
	CHECK(dn_text_width("\xe6\x97\xa5\xe6\x9c\xac", 6) == 2); /* 日本 */
	CHECK(dn_text_width("\xc3\x89lodie", 2) == 1);          /* only len bytes */
}

/* Print t into a tmpfile and return the text. */
static const char *print(const dn_table *t)
{
	FILE *fp = tmpfile();

	if (fp == NULL)
		return "(no tmpfile)";
	dn_table_print(t, fp);
	return slurp(fp);
}

static void test_table(void)
{
	dn_table *t = dn_table_new(3);
	const char *out;

	CHECK(t != NULL);
	if (t == NULL)
		return;
	dn_table_align_right(t, 2);
	dn_table_align_right(t, 7); /* out of range: ignored */
	CHECK(dn_table_add(t, (const char *const[]){"name", "city", "amount"}) == 0);
	CHECK(dn_table_add(t, (const char *const[]){"\xc3\x89lodie", "Paris", "1 234.56"}) == 0);
	CHECK(dn_table_add(t, (const char *const[]){"Bob", NULL, "5.00"}) == 0);
	CHECK(dn_table_rule(t) == 0);
	CHECK(dn_table_add(t, (const char *const[]){"Total", "", "1 239.56"}) == 0);
	/* Widths in characters: name 6 (Élodie), city 5, amount 8; two spaces
	 * between columns; amounts right-aligned; no trailing spaces; the rule
	 * is 6 + 2 + 5 + 2 + 8 = 23 dashes. */
	out = print(t);
	CHECK_STR(out, "name    city     amount\n"
		       "-----------------------\n"
		       "\xc3\x89lodie  Paris  1 234.56\n"
		       "Bob" "                " "5.00\n" /* 3 + 2 + 5 + 2 + 4 spaces */
		       "-----------------------\n"
		       "Total" "          " "1 239.56\n"); /* 1 + 2 + 5 + 2 */
	dn_table_free(t);
	dn_table_free(NULL);
}

static void test_table_left_last(void)
{
	dn_table *t = dn_table_new(2);
	const char *out;

	if (t == NULL)
		return;
	CHECK(dn_table_add(t, (const char *const[]){"a", "b"}) == 0);
	CHECK(dn_table_add(t, (const char *const[]){"long", "x"}) == 0);
	CHECK(dn_table_add(t, (const char *const[]){"xy", ""}) == 0);
	CHECK(dn_table_add(t, (const char *const[]){"", "z"}) == 0);
	/* Cells are one line: line breaks and tabs become spaces.  Widths
	 * 4 ("long") and 3 ("c d"): a rule of 4 + 2 + 3 dashes. */
	CHECK(dn_table_add(t, (const char *const[]){"a\nb", "c\td"}) == 0);
	out = print(t);
	CHECK_STR(out, "a     b\n"
		       "---------\n"
		       "long  x\n"
		       "xy\n"
		       "      z\n"
		       "a b   c d\n");
	dn_table_free(t);

	/* No rows: nothing at all. */
	t = dn_table_new(2);
	if (t == NULL)
		return;
	CHECK_STR(print(t), "");
	dn_table_free(t);

	/* A header of empty cells: an empty line (no trailing spaces), then a
	 * rule as wide as the column gap. */
	t = dn_table_new(2);
	if (t == NULL)
		return;
	CHECK(dn_table_add(t, NULL) == 0);
	CHECK_STR(print(t), "\n--\n");
	dn_table_free(t);
}

static void test_table_many_rows(void)
{
	dn_table *t = dn_table_new(2);
	char num[16];
	int k, lines = 0, failed = 0;
	const char *out, *p;
	FILE *fp;

	if (t == NULL)
		return;
	dn_table_align_right(t, 1);
	CHECK(dn_table_add(t, (const char *const[]){"k", "v"}) == 0);
	for (k = 0; k < 300; k++) {
		snprintf(num, sizeof num, "%d", k * k);
		if (dn_table_add(t, (const char *const[]){"row", num}) != 0)
			failed++;
	}
	CHECK(failed == 0);
	fp = tmpfile();
	if (fp == NULL) {
		dn_table_free(t);
		return;
	}
	dn_table_print(t, fp);
	out = slurp(fp);
	for (p = out; (p = strchr(p, '\n')) != NULL; p++)
		lines++;
	CHECK(lines == 302);
	/* 299^2 = 89401: the value column is 5 wide. */
	CHECK(strncmp(out, "k        v\n----------\nrow      0\nrow      1\n", 44) == 0);
	CHECK(strstr(out, "row  89401\n") != NULL);
	dn_table_free(t);
}

static void test_json(void)
{
	FILE *fp = tmpfile();
	dn_json j;

	if (fp == NULL)
		return;
	dn_json_begin(&j, fp);
	dn_json_str(&j, "name", "a\"b\\c\nd\x01" "e", 9);
	dn_json_long(&j, "days", -3);
	dn_json_str(&j, "who", "\xc3\x89lodie", 7);
	dn_json_str(&j, "ctl", "\t\r\x1f\x7f", 4);
	dn_json_str(&j, "empty", "", 0);
	dn_json_str(&j, "cut", "12.50xyz", 5);
	dn_json_long(&j, "n", 0);
	dn_json_end(&j);
	dn_json_begin(&j, fp);
	dn_json_str(&j, "k\"ey", "v", 1);
	dn_json_end(&j);
	dn_json_begin(&j, fp);
	dn_json_end(&j);
	CHECK_STR(slurp(fp), "{\"name\":\"a\\\"b\\\\c\\nd\\u0001e\",\"days\":-3,"
			     "\"who\":\"\xc3\x89lodie\",\"ctl\":\"\\t\\r\\u001f\\u007f\","
			     "\"empty\":\"\",\"cut\":\"12.50\",\"n\":0}\n"
			     "{\"k\\\"ey\":\"v\"}\n"
			     "{}\n");
}

int main(void)
{
	test_width();
	test_table();
	test_table_left_last();
	test_table_many_rows();
	test_json();
	DONE();
}
