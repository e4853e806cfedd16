/* test_fec.c - FEC and entries lines into typed entries: amounts as real
 * exports write them, account prefixes, payment terms, format detection,
 * the header check, Latin-9 input and the derived fields. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fec.h"
#include "item.h"
#include "scratch.h"
#include "unit.h"
#include "fixture.h"

#define HDR                                                                                        \
	"JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\t"               \
	"CompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\t"                \
	"EcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\n"

static void test_amounts(void)
{
	int64_t v = -1;
	dn_error e;

	CHECK(dn_fec_amount(" 000000000007760,45", 19, 2, &v, &e) == 0 && v == 776045);
	CHECK(dn_fec_amount("000000000000760,45 ", 19, 2, &v, &e) == 0 && v == 76045);
	CHECK(dn_fec_amount("12.5", 4, 2, &v, &e) == 0 && v == 1250);
	CHECK(dn_fec_amount("-3,10", 5, 2, &v, &e) == 0 && v == -310);
	CHECK(dn_fec_amount("   ", 3, 2, &v, &e) == 0 && v == 0);
	CHECK(dn_fec_amount("", 0, 2, &v, &e) == 0 && v == 0);
	CHECK(dn_fec_amount("1,234", 5, 2, &v, &e) == DN_EX_DATAERR);
	CHECK(dn_fec_amount("1 0,00", 6, 2, &v, &e) == DN_EX_DATAERR);
	CHECK(dn_fec_amount("abc", 3, 2, &v, &e) == DN_EX_DATAERR);
	CHECK(dn_fec_amount("1000", 4, 0, &v, &e) == 0 && v == 1000);
}

static void test_prefixes(void)
{
	CHECK(dn_account_has_prefix("411000", 6, "411,413,416"));
	CHECK(dn_account_has_prefix("416100", 6, "411,413,416"));
	CHECK(!dn_account_has_prefix("412000", 6, "411,413,416"));
	CHECK(!dn_account_has_prefix("41", 2, "411,413,416"));
	CHECK(dn_account_has_prefix("6714", 4, "654, 6714"));
	CHECK(!dn_account_has_prefix("671", 3, "654, 6714"));
	CHECK(!dn_account_has_prefix("411", 3, ""));
}

static void test_terms(void)
{
	dn_date jan15, want, got;

	dn_date_from_ymd(2026, 1, 15, &jan15);
	got = dn_terms_due(jan15, 45, 1, 0);
	dn_date_from_ymd(2026, 3, 17, &want);
	CHECK(got == want); /* end of January, then 45 days */
	got = dn_terms_due(jan15, 45, 1, 1);
	dn_date_from_ymd(2026, 3, 31, &want);
	CHECK(got == want); /* 45 days (1 March), then the end of that month */
	got = dn_terms_due(jan15, 30, 0, 0);
	dn_date_from_ymd(2026, 2, 14, &want);
	CHECK(got == want);
}

static int eq(dn_span t, const char *s)
{
	return t.len == strlen(s) && memcmp(t.s, s, t.len) == 0;
}

static void test_fec_lines(void)
{
	dn_config *cfg = cfg_of("[ledger]\nterms = 45eom\n");
	const char *p = scratch_put_str(
	    "a.fec", "\xef\xbb\xbf" HDR "VE\tV\t12\t20260115\t411000\tClients\t\t\tF1\t20260114\t\""
					"Urgent\t 000000000007760,45\t"
		     "\tAB\t20260301\t20260115\t\t\r\n"
		     "VE\tV\t12\t20260115\t706000\tVentes\t\t\tF1\t\tx\t\t7760,45\t\t\t\t\t\r\n"
		     "VE\tV\t13\t20260116\t411000\tClients\tC7\tNorthwind\tF2\t\tInvoice\t920,00\t"
		     "\t\t\t\t1000,00\tusd");
	dn_ledger_input *in;
	dn_entry en;
	dn_row row;
	dn_error e;
	dn_date d;

	in = dn_ledger_input_open(p, DN_LEDGER_AUTO, DN_ENC_UTF8, cfg, &e);
	CHECK(in != NULL);
	if (in == NULL)
		goto done;
	CHECK(dn_ledger_input_format(in) == DN_LEDGER_FEC);
	CHECK(dn_ledger_input_next(in, &en, &row, &e) == 1);
	CHECK(en.receivable && !en.writeoff && en.amount == 776045 && en.line == 2);
	CHECK(eq(en.customer, "411000") && eq(en.customer_name, "Clients"));
	CHECK(eq(en.invoice, "F1") && eq(en.letter, "AB") && eq(en.label, "\"Urgent"));
	dn_date_from_ymd(2026, 1, 14, &d);
	CHECK(en.issue_date == d); /* PieceDate */
	dn_date_from_ymd(2026, 3, 17, &d);
	CHECK(en.due_date == d); /* 45eom from the 14th */
	dn_date_from_ymd(2026, 3, 1, &d);
	CHECK(en.has_let_date && en.let_date == d);
	CHECK(strcmp(en.currency, "EUR") == 0);
	CHECK(dn_ledger_input_next(in, &en, &row, &e) == 1);
	CHECK(!en.receivable && en.line == 3);
	CHECK(dn_ledger_input_next(in, &en, &row, &e) == 1);
	CHECK(eq(en.customer, "C7") && eq(en.customer_name, "Northwind"));
	CHECK(strcmp(en.currency, "USD") == 0 && en.amount == 100000);
	dn_date_from_ymd(2026, 1, 16, &d);
	CHECK(en.issue_date == d);			     /* no PieceDate: EcritureDate */
	CHECK(dn_ledger_input_next(in, &en, &row, &e) == 0); /* no final newline: still 3 lines */
done:
	dn_ledger_input_free(in);
	dn_config_free(cfg);
}

static void test_header_errors(void)
{
	dn_config *cfg = cfg_of("[ledger]\nterms = 30\n");
	const char *p;
	dn_error e;

	p = scratch_put_str("b.fec",
			    "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|"
			    "CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDte|EcritureLib|"
			    "Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise\n");
	CHECK(dn_ledger_input_open(p, DN_LEDGER_AUTO, DN_ENC_UTF8, cfg, &e) == NULL);
	CHECK(e.status == DN_EX_DATAERR && e.line == 1);
	CHECK_STR(e.name, "PieceDate");
	CHECK_STR(e.value, "PieceDte");
	/* Not a FEC by its names: the entries CSV, which misses its columns. */
	p = scratch_put_str("c.csv", "date,customer,ref,debit\n");
	CHECK(dn_ledger_input_open(p, DN_LEDGER_AUTO, DN_ENC_UTF8, cfg, &e) == NULL);
	CHECK_STR(e.name, "credit");
	/* Forced FEC with commas. */
	CHECK(dn_ledger_input_open(p, DN_LEDGER_FEC, DN_ENC_UTF8, cfg, &e) == NULL);
	CHECK(e.status == DN_EX_DATAERR);
	CHECK(dn_ledger_input_open(scratch_path("none.fec"), DN_LEDGER_AUTO, DN_ENC_UTF8, cfg,
				   &e) == NULL);
	CHECK(e.status == DN_EX_NOINPUT);
	dn_config_free(cfg);
}

static void test_latin9(void)
{
	dn_config *cfg = cfg_of("[ledger]\nterms = 30\n");
	const char *p =
	    scratch_put_str("d.fec", HDR "VE\tV\t1\t20260105\t411000\tClients\tC1\t"
					 "B\xe9n\xe9\x64icte \xa4\tF1\t\tx\t10,00\t\t\t\t\t\t\n");
	dn_ledger_input *in = dn_ledger_input_open(p, DN_LEDGER_FEC, DN_ENC_LATIN9, cfg, NULL);
	dn_entry en;
	dn_row row;
	dn_error e;

	CHECK(in != NULL);
	if (in != NULL) {
		CHECK(dn_ledger_input_next(in, &en, &row, &e) == 1);
		CHECK(eq(en.customer_name, "Bénédicte €"));
	}
	dn_ledger_input_free(in);
	/* The same bytes read as UTF-8 are bad data naming the column. */
	in = dn_ledger_input_open(p, DN_LEDGER_FEC, DN_ENC_UTF8, cfg, NULL);
	CHECK(in != NULL);
	if (in != NULL) {
		CHECK(dn_ledger_input_next(in, &en, &row, &e) == -1 && row.n == 18);
		CHECK_STR(e.name, "CompAuxLib");
	}
	dn_ledger_input_free(in);
	dn_config_free(cfg);
}

static void test_entries(void)
{
	dn_config *cfg = cfg_of("[ledger]\nwriteoff_prefixes = 654\n");
	const char *p = scratch_put_str("e.csv", "date,customer,ref,debit,credit,due_date,label,"
						 "account,currency\n"
						 "2026-01-05,C1,F1,100.00,,2026-02-04,x,706,\n"
						 "2026-01-06,C1,W1,,30,,x,654,JPY\n"
						 "2026-01-07,C1,F2,1,,,x,706,\n");
	dn_ledger_input *in = dn_ledger_input_open(p, DN_LEDGER_AUTO, DN_ENC_UTF8, cfg, NULL);
	dn_entry en;
	dn_row row;
	dn_error e;

	CHECK(in != NULL && dn_ledger_input_format(in) == DN_LEDGER_ENTRIES);
	if (in != NULL) {
		CHECK(dn_ledger_input_next(in, &en, &row, &e) == 1);
		CHECK(en.single && en.receivable && !en.writeoff && en.amount == 10000);
		CHECK(dn_ledger_input_next(in, &en, &row, &e) == 1);
		CHECK(en.writeoff && en.amount == -30 && strcmp(en.currency, "JPY") == 0);
		/* A charge with no due date and no terms. */
		CHECK(dn_ledger_input_next(in, &en, &row, &e) == -1 && row.n == 9);
		CHECK(e.status == DN_EX_DATAERR && e.line == 4);
		CHECK_STR(e.name, "due_date");
	}
	dn_ledger_input_free(in);
	dn_config_free(cfg);
}

int main(void)
{
	scratch_open();
	test_amounts();
	test_prefixes();
	test_terms();
	test_fec_lines();
	test_header_errors();
	test_latin9();
	test_entries();
	scratch_close();
	DONE();
}
