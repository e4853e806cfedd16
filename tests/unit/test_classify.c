/* test_classify.c - the built-in rules on the test set of debtors' messages
 * (classify-messages.tsv), their order, the category -> event map, and the
 * [classify] rules key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "scratch.h"
#include "unit.h"

static dn_patterns *builtin(void)
{
	dn_error e;
	dn_patterns *ps = dn_classify_rules(NULL, &e);

	if (ps == NULL)
		printf("built-in rules: %s\n", e.message);
	return ps;
}

/* The category of text, "-" when none. */
static const char *category(const dn_patterns *ps, const char *text)
{
	dn_error e;
	dn_verdict v;

	if (dn_classify_text(ps, text, strlen(text), &v, &e) != 0)
		return "(error)";
	return v.category ? v.category : "-";
}

/* What matched in text. */
static const char *matched(const dn_patterns *ps, const char *text)
{
	static char buf[256];
	dn_error e;
	dn_verdict v;

	if (dn_classify_text(ps, text, strlen(text), &v, &e) != 0)
		return "(error)";
	snprintf(buf, sizeof buf, "%.*s", (int)(v.end - v.start), text + v.start);
	return buf;
}

/* Every line of the test set: the category it must get.  Counts per
 * category, so a shrunken file is noticed too. */
static void test_messages(const dn_patterns *ps)
{
	/* Beside this file, wherever the test is run from. */
	static const char name[] = "classify-messages.tsv";
	char path[4096];
	const char *slash = strrchr(__FILE__, '/');
	FILE *fp;

	snprintf(path, sizeof path, "%.*s%s", slash ? (int)(slash - __FILE__ + 1) : 0, __FILE__,
		 name);
	if ((fp = fopen(path, "r")) == NULL)
		fp = fopen(name, "r");
	char line[1024];
	long n = 0, per[7] = {0};
	static const char *const cats[] = {"dispute", "hardship", "promise", "already_paid",
					   "wrong_contact", "insolvency", "-"};
	size_t k;

	CHECK(fp != NULL);
	if (fp == NULL)
		return;
	while (fgets(line, sizeof line, fp) != NULL) {
		char *tab = strchr(line, '\t'), *nl = strchr(line, '\n');
		const char *got;

		if (line[0] == '#' || line[0] == '\n' || tab == NULL)
			continue;
		if (nl != NULL)
			*nl = '\0';
		*tab = '\0';
		got = category(ps, tab + 1);
		if (strcmp(got, line) != 0)
			printf("message '%s': got %s (matched '%s'), want %s\n", tab + 1, got,
			       matched(ps, tab + 1), line);
		CHECK_STR(got, line);
		for (k = 0; k < 7; k++)
			if (strcmp(line, cats[k]) == 0)
				per[k]++;
		n++;
	}
	fclose(fp);
	CHECK(n >= 80);
	for (k = 0; k < 7; k++)
		CHECK(per[k] >= 6);
}

static void test_accents_and_case(const dn_patterns *ps)
{
	CHECK_STR(category(ps, "DÉJÀ PAYÉ"), "already_paid");
	CHECK_STR(category(ps, "déjà payé"), "already_paid");
	CHECK_STR(category(ps, "Deja Regle"), "already_paid");
	CHECK_STR(category(ps, "CONTESTÉE"), "dispute");
	CHECK_STR(category(ps, "contestée"), "dispute");
	CHECK_STR(category(ps, "PAS REÇU"), "dispute");
	CHECK_STR(category(ps, "pas recu"), "dispute");
	CHECK_STR(category(ps, "CHÔMAGE"), "hardship");
	CHECK_STR(category(ps, "chomage"), "hardship");
	CHECK_STR(category(ps, "PAIEMENT PRÉVU le 2"), "promise");
	CHECK_STR(category(ps, "paiement prevu le 2"), "promise");
	CHECK_STR(category(ps, "PROCÉDURE COLLECTIVE"), "insolvency");
	CHECK_STR(category(ps, "procedure collective"), "insolvency");
	CHECK_STR(category(ps, "N’HABITE PLUS LÀ"), "wrong_contact");
	CHECK_STR(category(ps, "n'habite plus la"), "wrong_contact");
	/* Invalid UTF-8 never matches, and is no error. */
	CHECK_STR(category(ps, "d\xe9j\xe0 pay\xe9"), "-");
}

static void test_matched(const dn_patterns *ps)
{
	CHECK_STR(matched(ps, "Bonjour, virement effectué le 3."), "virement effectué");
	CHECK_STR(matched(ps, "We are NOT bankrupt but in liquidation"), "in liquidation");
	CHECK_STR(matched(ps, "rien"), "");
}

/* First match wins, in file order: the documented order of the categories. */
static void test_order(const dn_patterns *ps)
{
	static const char *const order[] = {"insolvency", "wrong_contact", "already_paid",
					    "dispute", "promise", "hardship"};
	size_t i, k = 0;

	for (i = 0; i < dn_patterns_count(ps); i++) {
		const char *c = dn_patterns_category(ps, i);
		while (k < 6 && strcmp(c, order[k]) != 0)
			k++;
		CHECK(k < 6);
	}
	CHECK(k == 5);
	CHECK_STR(dn_patterns_file(ps), "built-in classify rules");
	CHECK_STR(category(ps, "already paid, invoice disputed"), "already_paid");
	CHECK_STR(category(ps, "invoice disputed, already paid"), "already_paid");
	CHECK_STR(category(ps, "litige en cours, je paierai le 3"), "dispute");
	CHECK_STR(category(ps, "en liquidation judiciaire, déjà payé"), "insolvency");
}

static void test_events(void)
{
	CHECK_STR(dn_event_name(dn_classify_event("dispute")), "dispute");
	CHECK_STR(dn_event_name(dn_classify_event("promise")), "promise");
	CHECK_STR(dn_event_name(dn_classify_event("already_paid")), "claim_paid");
	CHECK_STR(dn_event_name(dn_classify_event("wrong_contact")), "wrong_contact");
	CHECK_STR(dn_event_name(dn_classify_event("insolvency")), "insolvency");
	CHECK_STR(dn_event_name(dn_classify_event("hardship")), "message_in");
	CHECK_STR(dn_event_name(dn_classify_event("legal_threat")), "message_in");
	CHECK_STR(dn_event_name(dn_classify_event(NULL)), "message_in");
}

/* [classify] rules: a file relative to the config's folder, or its error. */
static void test_config_rules(void)
{
	char ini[512];
	dn_config *cfg;
	dn_patterns *ps;
	dn_error e;

	scratch_put_str("mine.rules", "ask\t\\bquestion\\b\n");
	scratch_put_str("bad.rules", "ok\tx\nbroken\tlitige(\n");
	snprintf(ini, sizeof ini, "%s", scratch_put_str("d.ini", "[classify]\nrules = mine.rules\n"));
	cfg = dn_config_load(ini, &e);
	CHECK(cfg != NULL);
	if (cfg == NULL)
		return;
	ps = dn_classify_rules(cfg, &e);
	CHECK(ps != NULL && dn_patterns_count(ps) == 1);
	if (ps != NULL) {
		CHECK_STR(category(ps, "A QUESTION"), "ask");
		CHECK_STR(category(ps, "déjà payé"), "-");
	}
	dn_patterns_free(ps);
	dn_config_free(cfg);

	snprintf(ini, sizeof ini, "%s", scratch_put_str("b.ini", "[classify]\nrules = bad.rules\n"));
	cfg = dn_config_load(ini, &e);
	CHECK(cfg != NULL);
	if (cfg == NULL)
		return;
	ps = dn_classify_rules(cfg, &e);
	CHECK(ps == NULL);
	CHECK(e.status == DN_EX_CONFIG && e.line == 2);
	CHECK(strstr(e.file, "/bad.rules") != NULL);
	CHECK_STR(e.message, "bad pattern: missing closing parenthesis at offset 7");
	dn_config_free(cfg);
}

/* The --field column: found caselessly, or missing with the delimiter hint. */
static void test_field(void)
{
	const char *p1 = scratch_put_str("n1.csv", "customer,Note\nA,x\n");
	const char *p2 = scratch_put_str("n2.csv", "customer;note\nA;x\n");
	dn_csv_reader *rd;
	dn_config *cfg;
	dn_error e;
	char buf[512];

	cfg = dn_config_load(scratch_put_str("empty.ini", ""), &e);
	CHECK(cfg != NULL);
	if (cfg == NULL)
		return;
	rd = dn_csv_reader_new(&p1, 1, ',', &e);
	CHECK(rd != NULL && dn_classify_field(rd, cfg, "note", &e) == 1);
	CHECK(rd != NULL && dn_classify_field(rd, cfg, "reply", &e) == -1);
	CHECK(e.status == DN_EX_DATAERR);
	dn_csv_reader_free(rd);
	rd = dn_csv_reader_new(&p2, 1, ',', &e);
	CHECK(rd != NULL && dn_classify_field(rd, cfg, "note", &e) == -1);
	CHECK(strstr(dn_error_format(&e, buf, sizeof buf),
		     "n2.csv:1: column note: missing column (the file seems to use semicolon: "
		     "[input] delimiter = semicolon)") != NULL);
	dn_csv_reader_free(rd);
	dn_config_free(cfg);
}

int main(void)
{
	dn_patterns *ps = builtin();

	scratch_open();
	CHECK(ps != NULL);
	if (ps != NULL) {
		test_messages(ps);
		test_accents_and_case(ps);
		test_matched(ps);
		test_order(ps);
	}
	test_events();
	test_config_rules();
	test_field();
	dn_patterns_free(ps);
	scratch_close();
	DONE();
}
