/* test_pattern.c - PCRE2 wrapped once: Unicode caseless matching, invalid
 * UTF-8, the match limit, pattern files and their errors. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "pattern.h"
#include "scratch.h"
#include "unit.h"

/* Whether pat matches subj (a NUL-terminated string); -1 on an error. */
static int matches(const char *pat, const char *subj)
{
	dn_error e;
	dn_pattern *p = dn_pattern_new(pat, strlen(pat), NULL, 0, &e);
	int rc;

	if (p == NULL)
		return -2;
	rc = dn_pattern_match(p, subj, strlen(subj), NULL, NULL, &e);
	dn_pattern_free(p);
	return rc;
}

static void test_unicode(void)
{
	CHECK(matches("déjà payé", "DÉJÀ PAYÉ") == 1);
	CHECK(matches("DÉJÀ PAYÉ", "nous avons déjà payé hier") == 1);
	CHECK(matches("\\bpay\\b", "payé") == 0);
	CHECK(matches("\\bpay\\b", "I will pay tomorrow") == 1);
	CHECK(matches("\\bpay\\b", "PAY") == 1);
	/* UCP: \w and \d are Unicode. */
	CHECK(matches("^\\w+$", "échéance") == 1);
	CHECK(matches("contest[ée]", "CONTESTÉ") == 1);
	CHECK(matches("straße", "STRASSE") == 0); /* simple case folding only */
	CHECK(matches("Ω", "ω") == 1);
}

static void test_invalid_utf8(void)
{
	dn_error e;
	dn_pattern *p = dn_pattern_new("payé", 5, NULL, 0, &e);
	size_t s = 99, en = 99;

	CHECK(p != NULL);
	if (p == NULL)
		return;
	/* Latin-1 bytes: no match, no error. */
	dn_error_clear(&e);
	CHECK(dn_pattern_match(p, "d\xe9j\xe0 pay\xe9", 10, &s, &en, &e) == 0);
	CHECK(e.status == 0);
	CHECK(dn_pattern_match(p, "\xff\xfe\xfd", 3, NULL, NULL, &e) == 0);
	/* A valid stretch after an invalid byte still matches. */
	CHECK(dn_pattern_match(p, "\xff payé", 7, &s, &en, &e) == 1);
	CHECK(s == 2 && en == 7);
	dn_pattern_free(p);
	CHECK(matches(".", "\xc3") == 0);
}

static void test_offsets(void)
{
	dn_error e;
	const char *subj = "Facture F-2026-17 contestée";
	dn_pattern *p = dn_pattern_new("F-(\\d{4}-\\d+)", 13, NULL, 0, &e);
	dn_pattern *q = dn_pattern_new("contest", 7, NULL, 0, &e);
	dn_pattern *opt = dn_pattern_new("(x)?contest", 11, NULL, 0, &e);
	size_t s = 0, en = 0;

	CHECK(p != NULL && q != NULL && opt != NULL);
	if (p == NULL || q == NULL || opt == NULL)
		goto done;
	CHECK(dn_pattern_groups(p) == 1);
	CHECK(dn_pattern_groups(q) == 0);
	/* Group 1 when the pattern has one. */
	CHECK(dn_pattern_match(p, subj, strlen(subj), &s, &en, &e) == 1);
	CHECK(s == 10 && en == 17);
	CHECK(dn_pattern_match(q, subj, strlen(subj), &s, &en, &e) == 1);
	CHECK(s == 18 && en == 25);
	/* Group 1 unset: the whole match. */
	CHECK(dn_pattern_match(opt, subj, strlen(subj), &s, &en, &e) == 1);
	CHECK(s == 18 && en == 25);
	/* Either pointer may be NULL; the subject need not end in NUL. */
	CHECK(dn_pattern_match(q, subj, 20, NULL, &en, &e) == 0);
	CHECK(dn_pattern_match(q, subj, 25, &s, NULL, &e) == 1);
	CHECK(dn_pattern_match(q, NULL, 0, NULL, NULL, &e) == 0);
done:
	dn_pattern_free(p);
	dn_pattern_free(q);
	dn_pattern_free(opt);
}

static void test_match_limit(void)
{
	const char *subj = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";
	dn_error e;
	dn_pattern *p = dn_pattern_new("(a+)+$", 6, "rules.txt", 4, &e);
	clock_t t0;
	double secs;

	CHECK(p != NULL);
	if (p == NULL)
		return;
	t0 = clock();
	dn_error_clear(&e);
	CHECK(dn_pattern_match(p, subj, strlen(subj), NULL, NULL, &e) == -1);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(secs < 2.0);
	CHECK(e.status == DN_EX_DATAERR);
	CHECK_STR(e.message, "the pattern of rules.txt:4 failed: match limit exceeded");
	/* A short subject is fine. */
	CHECK(dn_pattern_match(p, "aaa", 3, NULL, NULL, &e) == 1);
	dn_pattern_free(p);
}

static void test_bad_pattern(void)
{
	dn_error e;
	char buf[512];
	dn_pattern *p = dn_pattern_new("(litige", 7, "rules.txt", 3, &e);

	CHECK(p == NULL);
	CHECK(e.status == DN_EX_CONFIG);
	CHECK_STR(dn_error_format(&e, buf, sizeof buf),
		  "rules.txt:3: bad pattern: missing closing parenthesis at offset 7: '(litige'");
	p = dn_pattern_new("a{2,1}", 6, NULL, 0, &e);
	CHECK(p == NULL);
	CHECK_STR(dn_error_format(&e, buf, sizeof buf),
		  "bad pattern: numbers out of order in {} quantifier at offset 5: 'a{2,1}'");
}

static void test_file(void)
{
	const char *path = scratch_put_str(
		"rules.txt", "\xef\xbb\xbf# classify rules\n"
			     "\n"
			     "dispute\tlitige|contest\r\n"
			     "  already_paid \t\t\tdéjà payé\n"
			     "   # indented comment\n"
			     "promise\tje paierai le (\\d+)");
	dn_error e;
	dn_patterns *ps = dn_patterns_load(path, &e);
	const char *s1 = "Nous avons DÉJÀ PAYÉ, litige";
	const char *s2 = "je paierai le 12";
	size_t st = 0, en = 0;

	CHECK(ps != NULL);
	if (ps == NULL)
		return;
	CHECK(dn_patterns_count(ps) == 3);
	CHECK_STR(dn_patterns_file(ps), path);
	CHECK_STR(dn_patterns_category(ps, 0), "dispute");
	CHECK_STR(dn_patterns_category(ps, 1), "already_paid");
	CHECK(dn_patterns_line(ps, 0) == 3);
	CHECK(dn_patterns_line(ps, 1) == 4);
	CHECK(dn_patterns_line(ps, 2) == 6);
	/* File order wins over position in the text. */
	CHECK(dn_patterns_first(ps, s1, strlen(s1), &st, &en, &e) == 0);
	CHECK(st == 25 && en == 31);
	CHECK(dn_patterns_first(ps, s1, 23, &st, &en, &e) == 1);
	CHECK(st == 11 && en == 23);
	CHECK(dn_patterns_first(ps, s2, strlen(s2), &st, &en, &e) == 2);
	CHECK(st == 14 && en == 16);
	CHECK(dn_patterns_first(ps, "rien", 4, NULL, NULL, &e) == -1);
	dn_patterns_free(ps);
}

/* The message loading text gives. */
static const char *text_error(const char *text)
{
	static char buf[512];
	dn_error e;
	dn_patterns *ps = dn_patterns_from_text(text, "t.rules", &e);

	if (ps != NULL) {
		dn_patterns_free(ps);
		return "(loaded)";
	}
	if (e.status != DN_EX_CONFIG)
		return "(not a config error)";
	return dn_error_format(&e, buf, sizeof buf);
}

static void test_file_errors(void)
{
	dn_error e;
	char buf[512];
	dn_patterns *ps;

	CHECK_STR(text_error("a\tb\n\nx\t(a\n"),
		  "t.rules:3: bad pattern: missing closing parenthesis at offset 2: '(a'");
	CHECK_STR(text_error("# c\nno tab here\n"),
		  "t.rules:2: expected 'category<TAB>pattern': 'no tab here'");
	CHECK_STR(text_error("dispute\t\n"), "t.rules:1: empty pattern: 'dispute\\x09'");
	CHECK_STR(text_error("\tlitige\n"),
		  "t.rules:1: expected 'category<TAB>pattern': '\\x09litige'");
	CHECK_STR(text_error("dis pute\tx\n"),
		  "t.rules:1: bad category (letters, digits, '_', '-' and '.' only): 'dis pute'");
	CHECK_STR(text_error("ok\tx\nd\tpay\xe9\n"), "t.rules:2: invalid UTF-8: 'd\\x09pay\\xe9'");
	CHECK_STR(text_error(""), "(loaded)");
	CHECK_STR(text_error("# only comments\n\n"), "(loaded)");
	ps = dn_patterns_from_text("a\tx\n", "built-in rules", &e);
	CHECK(ps != NULL && dn_patterns_count(ps) == 1);
	if (ps != NULL)
		CHECK_STR(dn_patterns_file(ps), "built-in rules");
	dn_patterns_free(ps);
	{
		const char *p = scratch_put("nul.rules", "a\tx\nb\ty\0z\n", 11);
		ps = dn_patterns_load(p, &e);
		CHECK(ps == NULL && e.status == DN_EX_CONFIG && e.line == 2);
	}
	ps = dn_patterns_load("/nonexistent/x.rules", &e);
	CHECK(ps == NULL);
	CHECK(e.status == DN_EX_CONFIG);
	CHECK_STR(dn_error_format(&e, buf, sizeof buf),
		  "/nonexistent/x.rules: cannot open the pattern file: No such file or directory");
	dn_patterns_free(NULL);
	dn_pattern_free(NULL);
}

static void test_limit_in_list(void)
{
	dn_error e;
	dn_patterns *ps = dn_patterns_from_text("ok\tzzz\nbad\t(a+)+$\n", "t.rules", &e);
	const char *subj = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";

	CHECK(ps != NULL);
	if (ps == NULL)
		return;
	CHECK(dn_patterns_first(ps, subj, strlen(subj), NULL, NULL, &e) == -2);
	CHECK(e.status == DN_EX_DATAERR);
	CHECK_STR(e.message, "the pattern of t.rules:2 failed: match limit exceeded");
	dn_patterns_free(ps);
}

int main(void)
{
	scratch_open();
	test_unicode();
	test_invalid_utf8();
	test_offsets();
	test_match_limit();
	test_bad_pattern();
	test_file();
	test_file_errors();
	test_limit_in_list();
	scratch_close();
	DONE();
}
