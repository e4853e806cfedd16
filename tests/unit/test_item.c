/* test_item.c - canonical columns to typed items: required columns,
 * [columns] aliases, every bad field, flags, balances, and due dates
 * derived from [ledger] terms. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "item.h"
#include "scratch.h"
#include "unit.h"

/* A config, a reader over one items file, and the schema. */
struct fx {
	dn_config *cfg;
	dn_csv_reader *r;
	dn_item_schema s;
	const char *path;
	int ok; /* schema initialised */
};

/* Open csv with the config ini; returns the dn_item_schema_init status
 * (or -1 when the config or reader failed), e filled. */
static int fx_open(struct fx *f, const char *ini, const char *csv, dn_error *e)
{
	static int seq;
	char name[32];
	const char *paths[1];

	memset(f, 0, sizeof *f);
	snprintf(name, sizeof name, "c%d.ini", seq);
	dn_error_clear(e);
	f->cfg = dn_config_load(scratch_put_str(name, ini), e);
	if (f->cfg == NULL) {
		printf("  config refused: %s\n", e->message);
		return -1;
	}
	snprintf(name, sizeof name, "items%d.csv", seq++);
	f->path = paths[0] = scratch_put_str(name, csv);
	f->r = dn_csv_reader_new(paths, 1, dn_config_input(f->cfg)->delimiter, e);
	if (f->r == NULL) {
		printf("  reader refused: %s\n", e->message);
		return -1;
	}
	if (dn_item_schema_init(&f->s, f->r, f->cfg, e) != 0)
		return e->status;
	f->ok = 1;
	return 0;
}

static void fx_close(struct fx *f)
{
	dn_csv_reader_free(f->r);
	dn_config_free(f->cfg);
}

/* Read the next row as an item: 0, a status, or -1 when there is no row. */
static int next_item(struct fx *f, dn_item *it, dn_error *e)
{
	dn_row row;

	if (!f->ok || dn_csv_next(f->r, &row, e) != 1)
		return -1;
	dn_error_clear(e);
	return dn_item_read(&f->s, &row, it, e);
}

static dn_date ymd(int y, int m, int d)
{
	dn_date out = 0;

	dn_date_from_ymd(y, m, d, &out);
	return out;
}

static const char *fmt_date(dn_date d)
{
	static char buf[11];

	dn_date_format(d, buf);
	return buf;
}

#define INI "[general]\ncurrency = EUR\n"
#define HEAD "customer,invoice,issue_date,due_date,amount,paid,currency,disputed,paid_date\n"

static void test_good_rows(void)
{
	struct fx f;
	dn_item it;
	dn_error e;

	CHECK(fx_open(&f, INI,
		      HEAD "C1,F1,2026-01-15,2026-02-14,1234.56,234.56,EUR,no,\n"
			   "C2,F2,20260115,2026-02-14,5000,,jpy,1,2026-03-01\n"
			   "C3,F3,2026-01-15,2026-02-14,-20.00,,,,\n",
		      &e) == 0);
	CHECK(next_item(&f, &it, &e) == 0);
	CHECK(it.customer_len == 2 && memcmp(it.customer, "C1", 2) == 0);
	CHECK(it.invoice_len == 2 && memcmp(it.invoice, "F1", 2) == 0);
	CHECK(it.issue_date == ymd(2026, 1, 15) && it.due_date == ymd(2026, 2, 14));
	CHECK(it.amount == 123456 && it.paid == 23456 && it.balance == 100000);
	CHECK_STR(it.currency, "EUR");
	CHECK(it.decimals == 2 && it.disputed == 0 && it.has_paid_date == 0);

	CHECK(next_item(&f, &it, &e) == 0);
	CHECK_STR(it.currency, "JPY"); /* upper-cased */
	CHECK(it.decimals == 0 && it.amount == 5000 && it.paid == 0 && it.balance == 5000);
	CHECK(it.disputed == 1);
	CHECK(it.has_paid_date == 1 && it.paid_date == ymd(2026, 3, 1));

	/* A credit note; the currency from [general]. */
	CHECK(next_item(&f, &it, &e) == 0);
	CHECK_STR(it.currency, "EUR");
	CHECK(it.amount == -2000 && it.balance == -2000 && it.disputed == 0);
	CHECK(next_item(&f, &it, &e) == -1);
	fx_close(&f);

	/* Without a currency column, [general] currency applies. */
	CHECK(fx_open(&f, "[general]\ncurrency = usd\n",
		      "customer,invoice,issue_date,due_date,amount\nC,F,2026-01-01,2026-01-31,7\n",
		      &e) == 0);
	CHECK(next_item(&f, &it, &e) == 0);
	CHECK_STR(it.currency, "USD");
	CHECK(it.amount == 700 && it.paid == 0 && it.balance == 700);
	fx_close(&f);
}

/* One bad row at line 2 of a file with HEAD: the message, column, value. */
static int bad_row(const char *row, const char *msg, const char *column, const char *value)
{
	struct fx f;
	dn_item it;
	dn_error e;
	char csv[512], want[1024], buf[1024];
	int ok = 1, rc;

	snprintf(csv, sizeof csv, HEAD "%s\n", row);
	if (fx_open(&f, INI, csv, &e) != 0) {
		fx_close(&f);
		return 0;
	}
	rc = next_item(&f, &it, &e);
	if (rc != DN_EX_DATAERR || e.status != DN_EX_DATAERR) {
		printf("  '%s': got %d\n", row, rc);
		ok = 0;
	} else {
		snprintf(want, sizeof want, "%s:2: column %s: %s: '%s'", f.path, column, msg, value);
		dn_error_format(&e, buf, sizeof buf);
		if (strcmp(buf, want) != 0) {
			printf("  got  %s\n  want %s\n", buf, want);
			ok = 0;
		}
	}
	fx_close(&f);
	return ok;
}

static void test_bad_rows(void)
{
	CHECK(bad_row("C,F,15/01/2026,2026-02-14,1,,EUR,,", "not a date", "issue_date",
		      "15/01/2026"));
	CHECK(bad_row("C,F,2026-01-15,2026-02-30,1,,EUR,,", "no such date", "due_date",
		      "2026-02-30"));
	CHECK(bad_row("C,F,1899-12-31,2026-02-14,1,,EUR,,", "year outside 1900-2199",
		      "issue_date", "1899-12-31"));
	CHECK(bad_row("C,F,2026-01-15,2026-02-14,1,,EUR,,2026-13-01", "no such date",
		      "paid_date", "2026-13-01"));
	CHECK(bad_row("C,F,2026-01-15,,1,,EUR,,", "not a date", "due_date", ""));
	CHECK(bad_row("C,F,2026-01-15,2026-02-14,\"12,50\",,EUR,,", "not an amount", "amount",
		      "12,50"));
	CHECK(bad_row("C,F,2026-01-15,2026-02-14,10.005,,EUR,,", "more decimals than EUR has (2)",
		      "amount", "10.005"));
	CHECK(bad_row("C,F,2026-01-15,2026-02-14,12.5,,JPY,,", "more decimals than JPY has (0)",
		      "amount", "12.5"));
	CHECK(bad_row("C,F,2026-01-15,2026-02-14,1.2345,,bhd,,", "more decimals than BHD has (3)",
		      "amount", "1.2345"));
	CHECK(bad_row("C,F,2026-01-15,2026-02-14,10,abc,EUR,,", "not an amount", "paid", "abc"));
	CHECK(bad_row("C,F,2026-01-15,2026-02-14,10,0.001,EUR,,",
		      "more decimals than EUR has (2)", "paid", "0.001"));
	CHECK(bad_row("C,F,2026-01-15,2026-02-14,10,,ZZZ,,", "unknown currency", "currency",
		      "ZZZ"));
	CHECK(bad_row("C,F,2026-01-15,2026-02-14,10,,EURO,,", "unknown currency", "currency",
		      "EURO"));
	CHECK(bad_row(",F,2026-01-15,2026-02-14,10,,EUR,,", "empty customer", "customer", ""));
	CHECK(bad_row("C,,2026-01-15,2026-02-14,10,,EUR,,", "empty invoice", "invoice", ""));
	CHECK(bad_row("C,F1;F2,2026-01-15,2026-02-14,10,,EUR,,",
		      "invoice id holds ';' (the invoices list separator)", "invoice", "F1;F2"));
	CHECK(bad_row("C,F,2026-01-15,2026-02-14,10,,EUR,maybe,",
		      "not a yes/no value (1/0, yes/no, true/false)", "disputed", "maybe"));
	/* amount - paid beyond int64: 92233720368547758.07 + 0.01. */
	CHECK(bad_row("C,F,2026-01-15,2026-02-14,92233720368547758.07,-0.01,EUR,,",
		      "amount - paid out of range", "paid", "-0.01"));
	/* An empty amount is refused (the message is the parser's). */
	{
		struct fx f;
		dn_item it;
		dn_error e;
		CHECK(fx_open(&f, INI, HEAD "C,F,2026-01-15,2026-02-14,,,EUR,,\n", &e) == 0);
		CHECK(next_item(&f, &it, &e) == DN_EX_DATAERR);
		CHECK_STR(e.name, "amount");
		CHECK(e.line == 2);
		fx_close(&f);
	}
	/* The reader goes on after a bad item: the next row is fine. */
	{
		struct fx f;
		dn_item it;
		dn_error e;
		CHECK(fx_open(&f, INI,
			      HEAD "C,F,2026-01-15,2026-02-14,x,,EUR,,\n\n"
				   "D,G,2026-01-15,2026-02-14,3,,EUR,,\n",
			      &e) == 0);
		CHECK(next_item(&f, &it, &e) == DN_EX_DATAERR && e.line == 2);
		CHECK(next_item(&f, &it, &e) == 0 && it.amount == 300);
		fx_close(&f);
	}
}

static void test_flags(void)
{
	static const struct {
		const char *v;
		int want;
	} flags[] = {{"1", 1},     {"0", 0},       {"yes", 1}, {"no", 0},  {"true", 1},
		     {"false", 0}, {"TRUE", 1},    {"Yes", 1}, {"NO", 0},  {"", 0}};
	size_t i;
	struct fx f;
	dn_item it;
	dn_error e;

	for (i = 0; i < sizeof flags / sizeof flags[0]; i++)
		CHECK(dn_parse_flag(flags[i].v, strlen(flags[i].v)) == flags[i].want);
	CHECK(dn_parse_flag("maybe", 5) == -1);
	CHECK(dn_parse_flag("2", 1) == -1);
	CHECK(dn_parse_flag(" 1", 2) == -1);
	CHECK(dn_parse_flag("yess", 4) == -1);
	CHECK(dn_parse_flag("yes!", 3) == 1); /* only len bytes count */

	CHECK(fx_open(&f, INI,
		      "customer,invoice,issue_date,due_date,amount,disputed\n"
		      "C,1,2026-01-01,2026-01-31,1,true\n"
		      "C,2,2026-01-01,2026-01-31,1,0\n"
		      "C,3,2026-01-01,2026-01-31,1,\n",
		      &e) == 0);
	CHECK(next_item(&f, &it, &e) == 0 && it.disputed == 1);
	CHECK(next_item(&f, &it, &e) == 0 && it.disputed == 0);
	CHECK(next_item(&f, &it, &e) == 0 && it.disputed == 0);
	fx_close(&f);
}

static void test_balance(void)
{
	struct fx f;
	dn_item it;
	dn_error e;

	/* A balance column wins over amount - paid. */
	CHECK(fx_open(&f, INI,
		      "customer,invoice,issue_date,due_date,amount,paid,balance\n"
		      "C,F,2026-01-01,2026-01-31,100.00,10.00,50.00\n"
		      "C,G,2026-01-01,2026-01-31,100.00,,0\n",
		      &e) == 0);
	CHECK(next_item(&f, &it, &e) == 0);
	CHECK(it.amount == 10000 && it.paid == 1000 && it.balance == 5000);
	CHECK(next_item(&f, &it, &e) == 0);
	CHECK(it.amount == 10000 && it.paid == 0 && it.balance == 0);
	fx_close(&f);

	CHECK(fx_open(&f, INI,
		      "customer,invoice,issue_date,due_date,amount,balance\n"
		      "C,F,2026-01-01,2026-01-31,100.00,x\n",
		      &e) == 0);
	CHECK(next_item(&f, &it, &e) == DN_EX_DATAERR);
	CHECK_STR(e.name, "balance");
	CHECK_STR(e.message, "not an amount");
	fx_close(&f);

	/* paid empty is 0; paid more than amount gives a negative balance. */
	CHECK(fx_open(&f, INI,
		      "customer,invoice,issue_date,due_date,amount,paid\n"
		      "C,F,2026-01-01,2026-01-31,100.00,\n"
		      "C,G,2026-01-01,2026-01-31,100.00,120.50\n",
		      &e) == 0);
	CHECK(next_item(&f, &it, &e) == 0 && it.paid == 0 && it.balance == 10000);
	CHECK(next_item(&f, &it, &e) == 0 && it.paid == 12050 && it.balance == -2050);
	fx_close(&f);
}

static void test_required_columns(void)
{
	struct fx f;
	dn_error e;
	char want[512], buf[1024];

	CHECK(fx_open(&f, INI, "customer,invoice,issue_date,due_date,paid\n", &e) ==
	      DN_EX_DATAERR);
	CHECK_STR(e.message, "missing required column");
	CHECK_STR(e.name, "amount");
	snprintf(want, sizeof want, "%s:1: column amount: missing required column", f.path);
	CHECK_STR(dn_error_format(&e, buf, sizeof buf), want);
	fx_close(&f);

	CHECK(fx_open(&f, INI, "invoice,issue_date,due_date,amount\n", &e) == DN_EX_DATAERR);
	CHECK_STR(e.name, "customer");
	fx_close(&f);
	CHECK(fx_open(&f, INI, "customer,issue_date,due_date,amount\n", &e) == DN_EX_DATAERR);
	CHECK_STR(e.name, "invoice");
	fx_close(&f);
	CHECK(fx_open(&f, INI, "customer,invoice,due_date,amount\n", &e) == DN_EX_DATAERR);
	CHECK_STR(e.name, "issue_date");
	fx_close(&f);
	/* due_date is required unless [ledger] terms derive it. */
	CHECK(fx_open(&f, INI, "customer,invoice,issue_date,amount\n", &e) == DN_EX_DATAERR);
	CHECK_STR(e.name, "due_date");
	fx_close(&f);
	CHECK(fx_open(&f, "[ledger]\nterms = 30\n", "customer,invoice,issue_date,amount\n", &e) ==
	      0);
	fx_close(&f);
	/* Header names match case-insensitively after trimming. */
	CHECK(fx_open(&f, INI, " Customer ,INVOICE,Issue_Date,due_date, amount\n", &e) == 0);
	fx_close(&f);
}

static void test_aliases(void)
{
	struct fx f;
	dn_item it;
	dn_error e;
	size_t len = 9;
	const char *v;

	CHECK(fx_open(&f, "[columns]\ndue_date = DateEcheance\ncustomer = Client\n",
		      "Client,invoice,issue_date,DateEcheance,amount,email\n"
		      "C,F,2026-01-01,2026-03-31,1,c@example.org\n"
		      "C,G,2026-01-01,2026-02-30,1,\n",
		      &e) == 0);
	CHECK(f.s.col[DN_COL_DUE_DATE] == 3 && f.s.col[DN_COL_CUSTOMER] == 0);
	CHECK(f.s.col[DN_COL_PAID] == -1);
	CHECK(next_item(&f, &it, &e) == 0);
	CHECK(it.due_date == ymd(2026, 3, 31) && it.customer_len == 1);
	/* optional columns */
	{
		dn_row row;
		fx_close(&f);
		CHECK(fx_open(&f, "[columns]\ndue_date = DateEcheance\n",
			      "customer,invoice,issue_date,DateEcheance,amount,email\n"
			      "C,F,2026-01-01,2026-03-31,1,c@example.org\n",
			      &e) == 0);
		CHECK(dn_csv_next(f.r, &row, &e) == 1);
		v = dn_item_field(&f.s, &row, DN_COL_EMAIL, &len);
		CHECK(v != NULL && len == 13 && memcmp(v, "c@example.org", 13) == 0);
		v = dn_item_field(&f.s, &row, DN_COL_PHONE, &len);
		CHECK(v == NULL && len == 0);
		fx_close(&f);
	}
	/* An error names the header the user has. */
	CHECK(fx_open(&f, "[columns]\ndue_date = DateEcheance\n",
		      "customer,invoice,issue_date,DateEcheance,amount\n"
		      "C,G,2026-01-01,2026-02-30,1\n",
		      &e) == 0);
	CHECK(next_item(&f, &it, &e) == DN_EX_DATAERR);
	CHECK_STR(e.name, "DateEcheance");
	CHECK_STR(e.message, "no such date");
	fx_close(&f);
	/* With the alias set and absent, the canonical name (a tool's own
	 * output) is used ... */
	CHECK(fx_open(&f, "[columns]\ndue_date = DateEcheance\n",
		      "customer,invoice,issue_date,due_date,amount\n"
		      "C,G,2026-01-01,2026-02-03,1\n",
		      &e) == 0);
	CHECK(next_item(&f, &it, &e) == 0);
	CHECK(it.due_date == ymd(2026, 2, 3));
	fx_close(&f);
	/* ... and when neither is there, even an optional column is missing:
	 * the user said it exists. */
	CHECK(fx_open(&f, "[columns]\npaid = Regle\ncurrency = Devise\n",
		      "customer,invoice,issue_date,due_date,amount,Reglé\n", &e) == DN_EX_DATAERR);
	CHECK_STR(e.name, "Regle");
	CHECK_STR(e.message, "missing column: [columns] maps paid to it, and the header has "
			     "neither it nor paid");
	fx_close(&f);

	CHECK_STR(dn_col_name(DN_COL_DUE_DATE), "due_date");
	CHECK_STR(dn_col_name(DN_COL_CUSTOMER), "customer");
	CHECK_STR(dn_col_name(DN_COL_CAPACITY), "capacity");
	CHECK(dn_item_is_canonical("due_date") == 1);
	CHECK(dn_item_is_canonical("promise_amount") == 1);
	CHECK(dn_item_is_canonical("Due_Date") == 0);
	CHECK(dn_item_is_canonical("duedate") == 0);
	CHECK(dn_item_is_canonical("") == 0);
}

/* The due date an item gets with [ledger] ini when it is issued on issue. */
static const char *due_by_terms(const char *ini, const char *issue)
{
	static char out[16];
	struct fx f;
	dn_item it;
	dn_error e;
	char csv[256];

	snprintf(csv, sizeof csv, "customer,invoice,issue_date,amount\nC,F,%s,1\n", issue);
	snprintf(out, sizeof out, "(error)");
	if (fx_open(&f, ini, csv, &e) == 0 && next_item(&f, &it, &e) == 0)
		snprintf(out, sizeof out, "%s", fmt_date(it.due_date));
	fx_close(&f);
	return out;
}

static void test_terms(void)
{
	static const char *const end_then_days[] = {
		"[ledger]\nterms = 45eom\n", "[ledger]\nterms = 45eom\neom_rule = end_then_days\n"};
	size_t i;
	struct fx f;
	dn_item it;
	dn_error e;

	/* 30 days: 2026-01-15 + 30 = 2026-02-14. */
	CHECK_STR(due_by_terms("[ledger]\nterms = 30\n", "2026-01-15"), "2026-02-14");
	CHECK_STR(due_by_terms("[ledger]\nterms = 0\n", "2026-01-15"), "2026-01-15");
	/* 45eom on 15 January: end of month then 45 days = 17 March (the
	 * default rule), or 45 days then end of month = 31 March. */
	for (i = 0; i < 2; i++)
		CHECK_STR(due_by_terms(end_then_days[i], "2026-01-15"), "2026-03-17");
	CHECK_STR(due_by_terms("[ledger]\nterms = 45eom\neom_rule = days_then_end\n",
			       "2026-01-15"),
		  "2026-03-31");
	/* 30eom on 31 January: 2 March, or 31 March. */
	CHECK_STR(due_by_terms("[ledger]\nterms = 30eom\n", "2026-01-31"), "2026-03-02");
	CHECK_STR(due_by_terms("[ledger]\nterms = 30eom\neom_rule = days_then_end\n",
			       "2026-01-31"),
		  "2026-03-31");
	/* 0eom: the end of the issue month either way. */
	CHECK_STR(due_by_terms("[ledger]\nterms = 0eom\n", "2026-02-10"), "2026-02-28");
	CHECK_STR(due_by_terms("[ledger]\nterms = 0eom\neom_rule = days_then_end\n",
			       "2026-02-10"),
		  "2026-02-28");
	/* 60eom on 2024-12-15: Dec 31 + 60 = 2025-03-01; Dec 15 + 60 = Feb 13 -> Feb 28. */
	CHECK_STR(due_by_terms("[ledger]\nterms = 60eom\n", "2024-12-15"), "2025-03-01");
	CHECK_STR(due_by_terms("[ledger]\nterms = 60eom\neom_rule = days_then_end\n",
			       "2024-12-15"),
		  "2025-02-28");

	/* With a due_date column: a given date wins, an empty one is derived. */
	CHECK(fx_open(&f, "[ledger]\nterms = 30\n",
		      "customer,invoice,issue_date,due_date,amount\n"
		      "C,F,2026-01-15,2026-01-20,1\n"
		      "C,G,2026-01-15,,1\n"
		      "C,H,2026-01-15,x,1\n",
		      &e) == 0);
	CHECK(next_item(&f, &it, &e) == 0 && it.due_date == ymd(2026, 1, 20));
	CHECK(next_item(&f, &it, &e) == 0 && it.due_date == ymd(2026, 2, 14));
	CHECK(next_item(&f, &it, &e) == DN_EX_DATAERR && strcmp(e.name, "due_date") == 0);
	fx_close(&f);
}

static void test_input_formats(void)
{
	struct fx f;
	dn_item it;
	dn_error e;

	CHECK(fx_open(&f,
		      "[input]\ndelimiter = semicolon\ndecimal_separator = comma\n"
		      "thousands_separator = space\ndate_format = %d/%m/%Y\n",
		      "customer;invoice;issue_date;due_date;amount;paid\n"
		      "C;F;15/1/2026;14/02/2026;1 234,56;0,56\n"
		      "C;G;2026-01-15;20260214;-1234.5;\n",
		      &e) == 0);
	CHECK(next_item(&f, &it, &e) == 0);
	CHECK(it.issue_date == ymd(2026, 1, 15) && it.due_date == ymd(2026, 2, 14));
	CHECK(it.amount == 123456 && it.paid == 56 && it.balance == 123400);
	/* The forms the tools write are read under any input format. */
	CHECK(next_item(&f, &it, &e) == 0);
	CHECK(it.issue_date == ymd(2026, 1, 15) && it.due_date == ymd(2026, 2, 14));
	CHECK(it.amount == -123450);
	fx_close(&f);
}

/* The one definition of an item's state at a date (SPEC "An item's state
 * at a date t"). */
static void test_state_at(void)
{
	dn_item it;

	memset(&it, 0, sizeof it);
	it.issue_date = ymd(2026, 3, 1);
	it.amount = 100000;
	it.paid = 40000;
	it.written_off = 10000;
	it.balance = 50000;
	/* Without paid_date: nothing before issue, the balance from then on. */
	CHECK(!dn_item_exists_at(&it, ymd(2026, 2, 28)));
	CHECK(dn_item_open_at(&it, ymd(2026, 2, 28)) == 0);
	CHECK(dn_item_exists_at(&it, ymd(2026, 3, 1)));
	CHECK(dn_item_open_at(&it, ymd(2026, 3, 1)) == 50000);
	CHECK(dn_item_open_at(&it, ymd(2030, 1, 1)) == 50000);
	CHECK(!dn_item_settled_by(&it, ymd(2030, 1, 1)));
	/* Fully paid without paid_date: settled at every date, even before
	 * the issue date (benefit of the doubt). */
	it.balance = 0;
	CHECK(dn_item_settled_by(&it, ymd(2026, 1, 1)));
	CHECK(dn_item_open_at(&it, ymd(2026, 6, 1)) == 0);
	/* A credit is settled too: nothing is owed. */
	it.balance = -500;
	CHECK(dn_item_settled_by(&it, ymd(2026, 6, 1)));
	CHECK(dn_item_open_at(&it, ymd(2026, 6, 1)) == -500);
	/* With paid_date: the whole amount before it, nothing from it on,
	 * whatever paid and balance say. */
	it.has_paid_date = 1;
	it.paid_date = ymd(2026, 5, 10);
	it.balance = 100000;
	CHECK(dn_item_open_at(&it, ymd(2026, 5, 9)) == 100000);
	CHECK(!dn_item_settled_by(&it, ymd(2026, 5, 9)));
	CHECK(dn_item_open_at(&it, ymd(2026, 5, 10)) == 0);
	CHECK(dn_item_settled_by(&it, ymd(2026, 5, 10)));
	CHECK(dn_item_open_at(&it, ymd(2026, 2, 1)) == 0);
}

/* A row with a paid_date is checked against the as-of it is read at. */
static void test_paid_date_check(void)
{
	struct fx f;
	dn_item it;
	dn_error e;
	const char *rows = "customer,invoice,issue_date,due_date,amount,paid,paid_date,balance\n"
			   "C,F,2026-01-15,2026-02-14,100.00,100.00,2026-06-30,100.00\n";

	/* Read at a date before paid_date (a tool's output at a past as-of,
	 * where balance is the whole amount): accepted. */
	CHECK(fx_open(&f, "", rows, &e) == 0);
	f.s.as_of = ymd(2026, 6, 29);
	CHECK(next_item(&f, &it, &e) == 0);
	CHECK(dn_item_open_at(&it, ymd(2026, 6, 29)) == 10000);
	fx_close(&f);
	/* Read at or after paid_date: the row contradicts itself. */
	CHECK(fx_open(&f, "", rows, &e) == 0);
	f.s.as_of = ymd(2026, 6, 30);
	CHECK(next_item(&f, &it, &e) == DN_EX_DATAERR);
	CHECK_STR(e.name, "paid_date");
	CHECK_STR(e.message, "settled on this date, but 100.00 EUR is still open");
	fx_close(&f);
	/* written_off counts like paid. */
	CHECK(fx_open(&f, "", "customer,invoice,issue_date,due_date,amount,paid,written_off,"
			      "paid_date\nC,F,2026-01-15,2026-02-14,100.00,60.00,40.00,2026-06-30\n",
		      &e) == 0);
	CHECK(next_item(&f, &it, &e) == 0);
	CHECK(it.written_off == 4000 && it.balance == 0);
	fx_close(&f);
}

int main(void)
{
	scratch_open();
	test_good_rows();
	test_bad_rows();
	test_flags();
	test_balance();
	test_required_columns();
	test_aliases();
	test_terms();
	test_input_formats();
	test_state_at();
	test_paid_date_check();
	scratch_close();
	DONE();
}
