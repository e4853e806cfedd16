/* test_journal.c - the journal reader: row checks and their messages,
 * promises kept / broken / open at their edges (grace days, a payment
 * exactly reaching the amount, invoices settled), plans, blocks, claims,
 * insolvency, disputes, scope of an empty currency, events after as-of,
 * and an unterminated last line.
 *
 * Journals are written into a temporary folder and read back.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "date.h"
#include "journal.h"
#include "scratch.h"
#include "unit.h"

#define HEADER "date,customer,currency,event,invoices,level,channel,amount,fee,due_date,ref,note\n"

/* Write data to a new file of the scratch folder; returns its path. */
static const char *put(const char *data)
{
	static int nfiles;
	char name[16];

	snprintf(name, sizeof name, "f%d", nfiles++);
	return scratch_put_str(name, data);
}

static dn_date day(const char *iso)
{
	dn_date d = 0;

	if (dn_date_parse(iso, strlen(iso), DN_DATE_ISO, &d) != 0) {
		printf("bad test date %s\n", iso);
		exit(2);
	}
	return d;
}

static dn_config *config(const char *ini)
{
	dn_error e;
	dn_config *c = dn_config_load(ini ? put(ini) : NULL, &e);

	if (c == NULL) {
		char buf[512];
		printf("config: %s\n", dn_error_format(&e, buf, sizeof buf));
		exit(2);
	}
	return c;
}

/* Read a journal (HEADER + rows) at as_of; NULL when it fails, with *e. */
static dn_journal *load(const dn_config *cfg, const char *rows, const char *as_of,
			dn_journal_info *info, dn_error *e)
{
	char *text = malloc(strlen(HEADER) + strlen(rows) + 1);
	dn_journal *j = NULL;

	strcpy(text, HEADER);
	strcat(text, rows);
	dn_error_clear(e);
	if (dn_journal_read(put(text), cfg, day(as_of), &j, info, e) != 0)
		j = NULL;
	free(text);
	return j;
}

/* The status of customer C in currency cur. */
static dn_journal_status status(const dn_journal *j, const char *customer, const char *cur)
{
	dn_journal_status st;

	dn_journal_status_of(j, dn_journal_customer(j, customer, strlen(customer)), cur, &st);
	return st;
}

/* The error message of a one-row journal, "" when it reads fine. */
static const char *row_error(const dn_config *cfg, const char *rows)
{
	static char buf[512];
	dn_journal_info info;
	dn_error e;
	dn_journal *j = load(cfg, rows, "2026-11-23", &info, &e);
	const char *dir = scratch_dir();
	size_t n = strlen(dir);

	if (j != NULL) {
		dn_journal_free(j);
		return "";
	}
	dn_error_format(&e, buf, sizeof buf);
	/* Drop the temporary folder from the file name. */
	return strncmp(buf, dir, n) == 0 && buf[n] == '/' ? buf + n + 1 : buf;
}

static dn_item item(const char *customer, const char *invoice, const char *paid_date)
{
	dn_item it;

	memset(&it, 0, sizeof it);
	it.customer = customer;
	it.customer_len = strlen(customer);
	it.invoice = invoice;
	it.invoice_len = strlen(invoice);
	memcpy(it.currency, "EUR", 4);
	it.decimals = 2;
	it.amount = it.balance = 10000; /* open, unless paid_date closes it */
	if (paid_date != NULL) {
		it.has_paid_date = 1;
		it.paid_date = day(paid_date);
	}
	return it;
}

static void test_names(void)
{
	CHECK(dn_event_from_name("promise", 7) == DN_EV_PROMISE);
	CHECK(dn_event_from_name("dispute_closed", 14) == DN_EV_DISPUTE_CLOSED);
	CHECK(dn_event_from_name("Promise", 7) == -1);
	CHECK(dn_event_from_name("promis", 6) == -1);
	CHECK_STR(dn_event_name(DN_EV_CLAIM_PAID), "claim_paid");
	CHECK_STR(dn_jcol_name(DN_JCOL_DUE_DATE), "due_date");
}

static void test_missing_and_empty(const dn_config *cfg)
{
	dn_journal_info info;
	dn_journal *j = NULL;
	dn_error e;
	char path[128];

	snprintf(path, sizeof path, "%s/does-not-exist.csv", scratch_dir());
	CHECK(dn_journal_check(path, &e) == 0);
	CHECK(dn_journal_read(path, cfg, day("2026-11-23"), &j, &info, &e) == 0);
	CHECK(j != NULL && info.missing == 1 && info.rows == 0);
	CHECK(status(j, "C", "EUR").contacted == 0);
	dn_journal_free(j);

	j = NULL;
	CHECK(dn_journal_read(put(""), cfg, day("2026-11-23"), &j, &info, &e) == 0);
	CHECK(j != NULL && info.missing == 0 && info.rows == 0);
	dn_journal_free(j);

	/* A header and nothing else. */
	j = load(cfg, "", "2026-11-23", &info, &e);
	CHECK(j != NULL && info.rows == 0 && info.unterminated_line == 0);
	dn_journal_free(j);

	/* A folder is not a journal. */
	CHECK(dn_journal_check(scratch_dir(), &e) == DN_EX_NOINPUT);
	CHECK(strstr(e.message, "not a regular file") != NULL);
	j = NULL;
	CHECK(dn_journal_read(scratch_dir(), cfg, day("2026-11-23"), &j, &info, &e) ==
	      DN_EX_NOINPUT);
	CHECK(j == NULL);
}

static void test_header(const dn_config *cfg)
{
	dn_journal_info info;
	dn_error e;
	dn_journal *j;
	char buf[512];

	j = NULL;
	CHECK(dn_journal_read(put("date,customer,event,amout\n2026-01-01,C,note,\n"), cfg,
			      day("2026-11-23"), &j, &info, &e) == DN_EX_DATAERR);
	CHECK(j == NULL);
	dn_error_format(&e, buf, sizeof buf);
	CHECK(strstr(buf, ":1: not a journal column (date, customer") != NULL);
	CHECK(strstr(buf, ": 'amout'") != NULL);

	CHECK(dn_journal_read(put("date,customer,currency\n"), cfg, day("2026-11-23"), &j, &info,
			      &e) == DN_EX_DATAERR);
	dn_error_format(&e, buf, sizeof buf);
	CHECK(strstr(buf, ":1: column event: missing required column") != NULL);

	/* Fewer columns than the journal writes are fine; names match
	 * case-insensitively. */
	j = NULL;
	CHECK(dn_journal_read(put("Date, Customer ,EVENT\n2026-11-01,C,call\n"), cfg,
			      day("2026-11-23"), &j, &info, &e) == 0);
	CHECK(j != NULL && status(j, "C", "EUR").contacted == 1);
	dn_journal_free(j);
}

/* Each bad row: its message, after the file name. */
static void test_row_messages(const dn_config *cfg)
{
	static const struct {
		const char *row, *want;
	} cases[] = {
		{"2026-11-01,C,EUR,remind,,,,,,,,\n", ":2: column event: unknown event: 'remind'"},
		{"2026-11-01,C,EUR,,,,,,,,,\n", ":2: column event: empty event: ''"},
		{"2026-13-01,C,EUR,note,,,,,,,,\n", ":2: column date: no such date: '2026-13-01'"},
		{"01/11/2026,C,EUR,note,,,,,,,,\n", ":2: column date: not a date: '01/11/2026'"},
		{",C,EUR,note,,,,,,,,\n", ":2: column date: not a date: ''"},
		{"2026-11-01,,EUR,note,,,,,,,,\n", ":2: column customer: empty customer: ''"},
		{"2026-11-01,C,EUX,note,,,,,,,,\n", ":2: column currency: unknown currency: 'EUX'"},
		{"2026-11-01,C,EUR,payment,,,,10.005,,,,\n",
		 ":2: column amount: more decimals than EUR has (2): '10.005'"},
		{"2026-11-01,C,JPY,payment,,,,12.5,,,,\n",
		 ":2: column amount: more decimals than JPY has (0): '12.5'"},
		{"2026-11-01,C,EUR,payment,,,,12.3x,,,,\n",
		 ":2: column amount: not an amount: '12.3x'"},
		{"2026-11-01,C,EUR,reminder,,,,,1.234,,,\n",
		 ":2: column fee: more decimals than EUR has (2): '1.234'"},
		{"2026-11-01,C,EUR,reminder,,x,,,,,,\n", ":2: column level: not a level number: 'x'"},
		{"2026-11-01,C,EUR,reminder,,,fax,,,,,\n",
		 ":2: column channel: unknown channel (email, sms, letter, call): 'fax'"},
		{"2026-11-01,C,EUR,reminder,F1,,,,,,,\n",
		 ":2: column invoices: not a ';'-separated list of INVOICE:LEVEL pairs: 'F1'"},
		{"2026-11-01,C,EUR,reminder,F1:1;:2,,,,,,,\n",
		 ":2: column invoices: not a ';'-separated list of INVOICE:LEVEL pairs: 'F1:1;:2'"},
		{"2026-11-01,C,EUR,dispute,F1;;F2,,,,,,,\n",
		 ":2: column invoices: not a ';'-separated list of invoices: 'F1;;F2'"},
		{"2026-11-01,C,EUR,promise,,,,100.00,,,,\n",
		 ":2: column due_date: a promise needs a due_date: ''"},
		{"2026-11-01,C,EUR,plan,,,,100.00,,,,\n", ":2: column due_date: a plan needs a due_date: ''"},
		{"2026-11-01,C,EUR,promise,,,,100.00,,2026-10-31,,\n",
		 ":2: column due_date: before the event's date: '2026-10-31'"},
		{"2026-11-01,C,EUR,promise,,,,,,2026-11-30,,\n",
		 ":2: column amount: a promise needs an amount or invoices: ''"},
		{"2026-11-01,C,EUR,promise,,,,0.00,,2026-11-30,,\n",
		 ":2: column amount: a promise needs a positive amount: '0.00'"},
		{"2026-11-01,C,EUR,payment,,,,,,,,\n", ":2: column amount: a payment needs an amount: ''"},
		{"2026-11-01,C,EUR,note,,,,,,,\n", ":2: record has 11 fields, the header has 12"},
		/* Rows dated after as-of are checked too. */
		{"2027-11-01,C,EUR,promis,,,,,,,,\n", ":2: column event: unknown event: 'promis'"},
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = row_error(cfg, cases[i].row);
		const char *colon = strchr(got, ':');
		if (colon == NULL || strcmp(colon, cases[i].want) != 0) {
			unit_failed++;
			printf("FAIL row %zu: got '%s', want '...%s'\n", i, got, cases[i].want);
		} else {
			unit_passed++;
		}
	}
	/* The first bad row stops: the second is never looked at. */
	CHECK(strstr(row_error(cfg, "2026-11-01,C,EUR,note,,,,,,,,\n"
				    "2026-11-02,C,EUR,bad,,,,,,,,\n"
				    "2026-11-03,C,EUR,worse,,,,,,,,\n"),
		     ":3: column event: unknown event: 'bad'") != NULL);
	/* A valid reminder (an invoice id may hold ':'). */
	CHECK_STR(row_error(cfg, "2026-11-01,C,EUR,reminder,F1:1;F:2:3,2,email,100.00,5.00,,r,\n"),
		  "");
}

static void test_promise_payments(const dn_config *cfg)
{
	dn_journal_info info;
	dn_error e;
	dn_journal *j;
	dn_journal_status st;
	/* Due 2026-11-10, grace 2 days: the window closes on 2026-11-12. */
	const char *base = "2026-11-01,C,EUR,promise,,,,100.00,,2026-11-10,,\n";
	char rows[1024];

	/* Open until the end of the grace days, broken the day after. */
	j = load(cfg, base, "2026-11-12", &info, &e);
	st = status(j, "C", "EUR");
	CHECK(st.promises_open == 1 && st.promises_broken == 0 && st.promises_kept == 0);
	CHECK(st.promise_until == day("2026-11-10"));
	dn_journal_free(j);
	j = load(cfg, base, "2026-11-13", &info, &e);
	st = status(j, "C", "EUR");
	CHECK(st.promises_open == 0 && st.promises_broken == 1);
	dn_journal_free(j);

	/* Payments exactly reaching the amount keep it; one cent short does not. */
	snprintf(rows, sizeof rows, "%s%s%s", base, "2026-11-05,C,EUR,payment,,,,60.00,,,,\n",
		 "2026-11-12,C,EUR,payment,,,,40.00,,,,\n");
	j = load(cfg, rows, "2026-11-30", &info, &e);
	st = status(j, "C", "EUR");
	CHECK(st.promises_kept == 1 && st.promises_broken == 0 && st.promises_open == 0);
	dn_journal_free(j);
	snprintf(rows, sizeof rows, "%s%s%s", base, "2026-11-05,C,EUR,payment,,,,60.00,,,,\n",
		 "2026-11-12,C,EUR,payment,,,,39.99,,,,\n");
	j = load(cfg, rows, "2026-11-30", &info, &e);
	CHECK(status(j, "C", "EUR").promises_broken == 1);
	dn_journal_free(j);

	/* Kept as soon as reached, even before the due date. */
	snprintf(rows, sizeof rows, "%s%s", base, "2026-11-02,C,EUR,payment,,,,100.00,,,,\n");
	j = load(cfg, rows, "2026-11-03", &info, &e);
	st = status(j, "C", "EUR");
	CHECK(st.promises_kept == 1 && st.promises_open == 0);
	dn_journal_free(j);

	/* Window edges: the promise's own date counts (even when the payment
	 * is written first), the day before does not; after due + grace does
	 * not. */
	snprintf(rows, sizeof rows, "%s%s", "2026-11-01,C,EUR,payment,,,,100.00,,,,\n", base);
	j = load(cfg, rows, "2026-11-30", &info, &e);
	CHECK(status(j, "C", "EUR").promises_kept == 1);
	dn_journal_free(j);
	snprintf(rows, sizeof rows, "%s%s", "2026-10-31,C,EUR,payment,,,,100.00,,,,\n", base);
	j = load(cfg, rows, "2026-11-30", &info, &e);
	CHECK(status(j, "C", "EUR").promises_broken == 1);
	dn_journal_free(j);
	snprintf(rows, sizeof rows, "%s%s", base, "2026-11-13,C,EUR,payment,,,,100.00,,,,\n");
	j = load(cfg, rows, "2026-11-30", &info, &e);
	CHECK(status(j, "C", "EUR").promises_broken == 1);
	dn_journal_free(j);

	/* Another currency, another customer, or a payment after as-of do
	 * not count. */
	snprintf(rows, sizeof rows, "%s%s%s", base, "2026-11-05,C,USD,payment,,,,100.00,,,,\n",
		 "2026-11-05,D,EUR,payment,,,,100.00,,,,\n");
	j = load(cfg, rows, "2026-11-30", &info, &e);
	CHECK(status(j, "C", "EUR").promises_broken == 1);
	dn_journal_free(j);
	snprintf(rows, sizeof rows, "%s%s", base, "2026-11-06,C,EUR,payment,,,,100.00,,,,\n");
	j = load(cfg, rows, "2026-11-05", &info, &e);
	st = status(j, "C", "EUR");
	CHECK(st.promises_open == 1 && st.promises_kept == 0);
	dn_journal_free(j);

	/* A promise made after as-of does not exist yet. */
	j = load(cfg, base, "2026-10-31", &info, &e);
	st = status(j, "C", "EUR");
	CHECK(st.promises_open == 0 && st.promises_broken == 0 && st.promises_kept == 0);
	dn_journal_free(j);

	/* Empty currency: the [general] currency for promises and payments. */
	j = load(cfg,
		 "2026-11-01,C,,promise,,,,100.00,,2026-11-10,,\n"
		 "2026-11-02,C,,payment,,,,100.00,,,,\n",
		 "2026-11-30", &info, &e);
	CHECK(status(j, "C", "EUR").promises_kept == 1);
	CHECK(status(j, "C", "USD").promises_kept == 0);
	dn_journal_free(j);

	/* Several promises: counted one by one; the latest open one is named. */
	j = load(cfg,
		 "2026-10-01,C,EUR,promise,,,,10.00,,2026-10-05,,\n"
		 "2026-10-10,C,EUR,promise,,,,10.00,,2026-10-15,,\n"
		 "2026-11-20,C,EUR,promise,,,,10.00,,2026-12-15,,\n"
		 "2026-11-21,C,EUR,promise,,,,10.00,,2026-12-01,,\n",
		 "2026-11-23", &info, &e);
	st = status(j, "C", "EUR");
	CHECK(st.promises_broken == 2 && st.promises_open == 2);
	CHECK(st.promise_until == day("2026-12-15"));
	dn_journal_free(j);
}

static void test_promise_grace(void)
{
	dn_config *cfg = config("[hold]\npromise_grace_days = 0\n");
	dn_journal_info info;
	dn_error e;
	dn_journal *j;

	j = load(cfg, "2026-11-01,C,EUR,promise,,,,100.00,,2026-11-10,,\n", "2026-11-11", &info,
		 &e);
	CHECK(status(j, "C", "EUR").promises_broken == 1);
	dn_journal_free(j);
	j = load(cfg, "2026-11-01,C,EUR,promise,,,,100.00,,2026-11-10,,\n", "2026-11-10", &info,
		 &e);
	CHECK(status(j, "C", "EUR").promises_open == 1);
	dn_journal_free(j);
	dn_config_free(cfg);
}

static void test_promise_invoices(const dn_config *cfg)
{
	dn_journal_info info;
	dn_error e;
	dn_journal *j;
	dn_item it;
	const char *p = "2026-11-01,C,EUR,promise,F1;F2,,,,,2026-11-10,,\n";

	/* Both settled by due + grace: kept. */
	j = load(cfg, p, "2026-11-30", &info, &e);
	it = item("C", "F1", "2026-11-05");
	dn_journal_see_item(j, &it);
	it = item("C", "F2", "2026-11-12");
	dn_journal_see_item(j, &it);
	CHECK(status(j, "C", "EUR").promises_kept == 1);
	dn_journal_free(j);

	/* One settled a day too late: broken. */
	j = load(cfg, p, "2026-11-30", &info, &e);
	it = item("C", "F1", "2026-11-05");
	dn_journal_see_item(j, &it);
	it = item("C", "F2", "2026-11-13");
	dn_journal_see_item(j, &it);
	CHECK(status(j, "C", "EUR").promises_broken == 1);
	dn_journal_free(j);

	/* An invoice the items do not show is not known to be open (plain
	 * aging output leaves settled items out): it counts as settled. */
	j = load(cfg, p, "2026-11-30", &info, &e);
	it = item("C", "F1", "2026-11-05");
	dn_journal_see_item(j, &it);
	CHECK(status(j, "C", "EUR").promises_kept == 1);
	CHECK(status(j, "C", "EUR").promises_broken == 0);
	dn_journal_free(j);
	/* ... but one shown open is not. */
	j = load(cfg, p, "2026-11-30", &info, &e);
	it = item("C", "F1", NULL);
	dn_journal_see_item(j, &it);
	CHECK(status(j, "C", "EUR").promises_broken == 1);
	dn_journal_free(j);

	/* Installments: every row of an invoice must be settled. */
	j = load(cfg, "2026-11-01,C,EUR,promise,F1,,,,,2026-11-10,,\n", "2026-11-30", &info, &e);
	it = item("C", "F1", "2026-11-05");
	dn_journal_see_item(j, &it);
	it = item("C", "F1", NULL);
	dn_journal_see_item(j, &it);
	CHECK(status(j, "C", "EUR").promises_broken == 1);
	dn_journal_free(j);

	/* Settled before the due date: kept while the promise runs; a
	 * paid_date after as-of has not happened yet. */
	j = load(cfg, p, "2026-11-06", &info, &e);
	it = item("C", "F1", "2026-11-05");
	dn_journal_see_item(j, &it);
	it = item("C", "F2", "2026-11-07");
	dn_journal_see_item(j, &it);
	CHECK(status(j, "C", "EUR").promises_open == 1);
	dn_journal_free(j);
	j = load(cfg, p, "2026-11-07", &info, &e);
	it = item("C", "F1", "2026-11-05");
	dn_journal_see_item(j, &it);
	it = item("C", "F2", "2026-11-07");
	dn_journal_see_item(j, &it);
	CHECK(status(j, "C", "EUR").promises_kept == 1);
	dn_journal_free(j);

	/* The same invoice id of another customer is another invoice: D's
	 * settled F1 does not settle C's open one. */
	j = load(cfg, p, "2026-11-30", &info, &e);
	it = item("C", "F1", NULL);
	dn_journal_see_item(j, &it);
	it = item("D", "F1", "2026-11-05");
	dn_journal_see_item(j, &it);
	it = item("D", "F2", "2026-11-05");
	dn_journal_see_item(j, &it);
	CHECK(status(j, "C", "EUR").promises_broken == 1);
	dn_journal_free(j);

	/* An amount and invoices: either way keeps it. */
	j = load(cfg,
		 "2026-11-01,C,EUR,promise,F1,,,50.00,,2026-11-10,,\n"
		 "2026-11-03,C,EUR,payment,,,,50.00,,,,\n",
		 "2026-11-30", &info, &e);
	CHECK(status(j, "C", "EUR").promises_kept == 1);
	dn_journal_free(j);
}

/* The plan state of C in EUR at as_of, for journal rows. */
static dn_journal_status plan_at(const dn_config *cfg, const char *rows, const char *as_of)
{
	dn_journal_info info;
	dn_error e;
	dn_journal *j = load(cfg, rows, as_of, &info, &e);
	dn_journal_status st;

	if (j == NULL) {
		char buf[512];
		printf("load: %s\n", dn_error_format(&e, buf, sizeof buf));
		memset(&st, 0, sizeof st);
		st.plans_broken = -1;
		return st;
	}
	st = status(j, "C", "EUR");
	dn_journal_free(j);
	return st;
}

static void test_plans(const dn_config *cfg)
{
	/* One installment without a ref: a plan of its own (its date). */
	const char *one = "2026-09-01,C,EUR,plan,,,,300.00,,2026-11-30,,\n";
	/* Three installments of 100.00, due 10-01, 11-01, 12-01 (grace 2). */
	const char *three = "2026-09-15,C,EUR,plan,,,,100.00,,2026-10-01,PLAN-a1:1,\n"
			    "2026-09-15,C,EUR,plan,,,,100.00,,2026-11-01,PLAN-a1:2,\n"
			    "2026-09-15,C,EUR,plan,,,,100.00,,2026-12-01,PLAN-a1:3,\n";
	char rows[1024];
	dn_journal_status st;

	st = plan_at(cfg, one, "2026-11-30");
	CHECK(st.plans_active == 1 && st.plan_until == day("2026-11-30") && st.plans_broken == 0);
	/* Within its grace days it is still active; broken the day after. */
	st = plan_at(cfg, one, "2026-12-02");
	CHECK(st.plans_active == 1 && st.plans_broken == 0);
	st = plan_at(cfg, one, "2026-12-03");
	CHECK(st.plans_active == 0 && st.plans_broken == 1);
	/* Paid in full: completed, not active any more. */
	snprintf(rows, sizeof rows, "%s%s%s", one, "2026-10-01,C,EUR,payment,,,,150.00,,,,\n",
		 "2026-11-01,C,EUR,payment,,,,150.00,,,,\n");
	st = plan_at(cfg, rows, "2026-11-02");
	CHECK(st.plans_active == 0 && st.plans_completed == 1);
	/* Plans are not promises. */
	CHECK(st.promises_open == 0 && st.promises_kept == 0);

	/* Three installments are one plan, active until the last due date. */
	st = plan_at(cfg, three, "2026-09-20");
	CHECK(st.plans_active == 1 && st.plan_until == day("2026-12-01"));
	/* No payment by 10-01 + 2: broken at once, long before the end. */
	st = plan_at(cfg, three, "2026-10-03");
	CHECK(st.plans_active == 1 && st.plans_broken == 0);
	st = plan_at(cfg, three, "2026-10-04");
	CHECK(st.plans_active == 0 && st.plans_broken == 1);
	/* Kept, then an installment missed: active while kept, broken the
	 * day after the second installment's grace. */
	snprintf(rows, sizeof rows, "%s%s", three, "2026-10-02,C,EUR,payment,,,,100.00,,,,\n");
	st = plan_at(cfg, rows, "2026-11-03");
	CHECK(st.plans_active == 1 && st.plans_broken == 0);
	st = plan_at(cfg, rows, "2026-11-04");
	CHECK(st.plans_active == 0 && st.plans_broken == 1 && st.plans_completed == 0);
	/* A late payment after the break does not mend the plan ... */
	snprintf(rows, sizeof rows, "%s%s%s", three, "2026-10-02,C,EUR,payment,,,,100.00,,,,\n",
		 "2026-11-10,C,EUR,payment,,,,100.00,,,,\n");
	st = plan_at(cfg, rows, "2026-11-20");
	CHECK(st.plans_broken == 1 && st.plans_active == 0);
	/* ... but paying one installment ahead keeps it: 1..K is cumulative. */
	snprintf(rows, sizeof rows, "%s%s", three, "2026-09-30,C,EUR,payment,,,,200.00,,,,\n");
	st = plan_at(cfg, rows, "2026-11-20");
	CHECK(st.plans_active == 1 && st.plans_broken == 0);
	/* Everything paid: completed, even paid late. */
	snprintf(rows, sizeof rows, "%s%s%s", three, "2026-10-02,C,EUR,payment,,,,100.00,,,,\n",
		 "2026-11-10,C,EUR,payment,,,,200.00,,,,\n");
	st = plan_at(cfg, rows, "2026-11-20");
	CHECK(st.plans_completed == 1 && st.plans_broken == 0 && st.plans_active == 0);
	/* Payments before the plan's date, in another currency, or of another
	 * customer do not count. */
	snprintf(rows, sizeof rows, "%s%s%s%s", three, "2026-09-14,C,EUR,payment,,,,100.00,,,,\n",
		 "2026-09-20,C,USD,payment,,,,100.00,,,,\n",
		 "2026-09-20,D,EUR,payment,,,,100.00,,,,\n");
	st = plan_at(cfg, rows, "2026-10-04");
	CHECK(st.plans_broken == 1);
	/* Two plans of one customer: refs tell them apart (a payment counts
	 * for each: the spec sums "the customer's payments since its date"). */
	snprintf(rows, sizeof rows, "%s%s%s", three,
		 "2026-09-15,C,EUR,plan,,,,500.00,,2026-12-15,PLAN-b2:1,\n",
		 "2026-09-20,C,EUR,payment,,,,100.00,,,,\n");
	st = plan_at(cfg, rows, "2026-10-04");
	CHECK(st.plans_active == 2 && st.plan_until == day("2026-12-15"));
}

static void test_holds(const dn_config *cfg)
{
	dn_journal_info info;
	dn_error e;
	dn_journal *j;
	dn_journal_status st;

	/* Blocks: the latest of block and unblock wins, (date, line) order. */
	j = load(cfg,
		 "2026-11-01,A,EUR,block,,,,,,,,\n"
		 "2026-11-02,A,EUR,unblock,,,,,,,,\n"
		 "2026-11-02,B,EUR,unblock,,,,,,,,\n"
		 "2026-11-03,B,EUR,block,,,,,,,,\n"
		 "2026-11-04,C,EUR,block,,,,,,,,\n"
		 "2026-11-04,C,EUR,unblock,,,,,,,,\n"
		 "2026-11-04,D,EUR,unblock,,,,,,,,\n"
		 "2026-11-04,D,EUR,block,,,,,,,,\n"
		 "2026-11-06,E,EUR,unblock,,,,,,,,\n"
		 "2026-11-05,E,EUR,block,,,,,,,,\n"
		 "2026-11-05,F,,block,,,,,,,,\n"
		 "2026-11-05,G,USD,block,,,,,,,,\n"
		 "2026-11-24,H,EUR,block,,,,,,,,\n",
		 "2026-11-23", &info, &e);
	CHECK(status(j, "A", "EUR").blocked == 0);
	st = status(j, "B", "EUR");
	CHECK(st.blocked == 1 && st.blocked_since == day("2026-11-03"));
	CHECK(status(j, "C", "EUR").blocked == 0);
	CHECK(status(j, "D", "EUR").blocked == 1);
	CHECK(status(j, "E", "EUR").blocked == 0); /* unblock dated later, written earlier */
	/* An empty currency blocks every currency; USD blocks USD only. */
	CHECK(status(j, "F", "EUR").blocked == 1 && status(j, "F", "USD").blocked == 1);
	CHECK(status(j, "G", "EUR").blocked == 0 && status(j, "G", "USD").blocked == 1);
	/* Tomorrow's block has not happened yet. */
	CHECK(status(j, "H", "EUR").blocked == 0);
	CHECK(info.rows == 13);
	dn_journal_free(j);

	/* Claims of payment (the latest), insolvency and legal (the first),
	 * contact (reminder or call, not a note or a message). */
	j = load(cfg,
		 "2026-11-10,A,EUR,claim_paid,,,,,,,,\n"
		 "2026-11-15,A,EUR,claim_paid,,,,,,,,\n"
		 "2026-11-01,A,EUR,note,,,,,,,,\n"
		 "2026-10-02,B,,insolvency,,,,,,,,\n"
		 "2026-11-02,B,EUR,insolvency,,,,,,,,\n"
		 "2026-09-02,B,EUR,legal,,,,,,,,\n"
		 "2026-09-01,C,EUR,message_in,,,,,,,,\n"
		 "2026-09-01,D,EUR,reminder,F1:1,1,email,,,,,\n"
		 "2026-09-01,E,,call,,,call,,,,,\n",
		 "2026-11-23", &info, &e);
	st = status(j, "A", "EUR");
	CHECK(st.claim_paid == 1 && st.claim_paid_date == day("2026-11-15"));
	CHECK(st.contacted == 0 && st.insolvent == 0 && st.legal == 0);
	st = status(j, "B", "EUR");
	CHECK(st.insolvent == 1 && st.insolvent_since == day("2026-10-02"));
	CHECK(st.legal == 1 && st.legal_since == day("2026-09-02"));
	CHECK(status(j, "B", "USD").insolvent == 1 && status(j, "B", "USD").legal == 0);
	CHECK(status(j, "C", "EUR").contacted == 0);
	CHECK(status(j, "D", "EUR").contacted == 1 && status(j, "D", "USD").contacted == 0);
	CHECK(status(j, "E", "EUR").contacted == 1 && status(j, "E", "USD").contacted == 1);
	CHECK(status(j, "nobody", "EUR").contacted == 0);
	dn_journal_free(j);
}

static void test_disputes(const dn_config *cfg)
{
	dn_journal_info info;
	dn_error e;
	dn_journal *j;
	const dn_jcustomer *c;

	j = load(cfg,
		 "2026-11-01,A,EUR,dispute,F1;F2,,,,,,,\n"
		 "2026-11-05,A,EUR,dispute_closed,F2,,,,,,,\n"
		 "2026-11-01,B,,dispute,,,,,,,,\n"
		 "2026-11-03,B,EUR,dispute_closed,F9,,,,,,,\n"
		 "2026-11-01,C,EUR,dispute,,,,,,,,\n"
		 "2026-11-02,C,EUR,dispute_closed,,,,,,,,\n"
		 "2026-11-03,C,EUR,dispute,F3,,,,,,,\n"
		 "2026-11-30,D,EUR,dispute,F4,,,,,,,\n",
		 "2026-11-23", &info, &e);
	c = dn_journal_customer(j, "A", 1);
	CHECK(dn_journal_disputed(c, "EUR", "F1", 2) == 1);
	CHECK(dn_journal_disputed(c, "EUR", "F2", 2) == 0);
	CHECK(dn_journal_disputed(c, "EUR", "F3", 2) == 0);
	c = dn_journal_customer(j, "B", 1);
	CHECK(dn_journal_disputed(c, "EUR", "F1", 2) == 1); /* everything of B */
	CHECK(dn_journal_disputed(c, "USD", "F1", 2) == 1);
	CHECK(dn_journal_disputed(c, "EUR", "F9", 2) == 0); /* but F9, closed */
	c = dn_journal_customer(j, "C", 1);
	CHECK(dn_journal_disputed(c, "EUR", "F1", 2) == 0);
	CHECK(dn_journal_disputed(c, "EUR", "F3", 2) == 1);
	CHECK(dn_journal_disputed(c, "USD", "F3", 2) == 1); /* an invoice is the customer's */
	c = dn_journal_customer(j, "D", 1);
	CHECK(c == NULL || dn_journal_disputed(c, "EUR", "F4", 2) == 0); /* after as-of */
	CHECK(dn_journal_disputed(NULL, "EUR", "F4", 2) == 0);
	dn_journal_free(j);
}

static void test_unterminated(const dn_config *cfg)
{
	dn_journal_info info;
	dn_error e;
	dn_journal *j;

	/* A complete last row without its newline is still left out. */
	j = load(cfg,
		 "2026-11-01,A,EUR,call,,,,,,,,\n"
		 "2026-11-02,B,EUR,call,,,,,,,,",
		 "2026-11-23", &info, &e);
	CHECK(j != NULL && info.unterminated_line == 3 && info.rows == 1);
	CHECK(status(j, "A", "EUR").contacted == 1 && status(j, "B", "EUR").contacted == 0);
	dn_journal_free(j);

	/* A cut row (fewer fields, a bad value) is not an error. */
	j = load(cfg, "2026-11-01,A,EUR,call,,,,,,,,\n2026-11-02,B,EUR,pro", "2026-11-23", &info,
		 &e);
	CHECK(j != NULL && info.unterminated_line == 3);
	dn_journal_free(j);

	/* Cut inside a quoted note spanning lines: its first line is named. */
	j = load(cfg,
		 "2026-11-01,A,EUR,call,,,,,,,,\n"
		 "2026-11-02,B,EUR,note,,,,,,,,\"first line\nsecond",
		 "2026-11-23", &info, &e);
	CHECK(j != NULL && info.unterminated_line == 3 && info.rows == 1);
	dn_journal_free(j);

	/* Terminated: nothing to report; a bad row before a cut one still
	 * fails. */
	j = load(cfg, "2026-11-01,A,EUR,call,,,,,,,,\n", "2026-11-23", &info, &e);
	CHECK(j != NULL && info.unterminated_line == 0 && info.rows == 1);
	dn_journal_free(j);
	j = load(cfg, "2026-11-01,A,EUR,cal,,,,,,,,\n2026-11-02,B,EUR,pro", "2026-11-23", &info,
		 &e);
	CHECK(j == NULL && e.status == DN_EX_DATAERR && strstr(e.message, "unknown event"));
	/* A bad quote in the middle (text after a closing quote) is an
	 * error, not a cut. */
	j = load(cfg, "2026-11-01,A,EUR,call,,,,,,,,\"x\"y\n2026-11-02,B,EUR,call,,,,,,,,\n",
		 "2026-11-23", &info, &e);
	CHECK(j == NULL && e.status == DN_EX_DATAERR);
}

static void test_delimiter(void)
{
	dn_config *cfg = config("[input]\ndelimiter = semicolon\ndecimal_separator = comma\n");
	dn_journal_info info;
	dn_journal *j = NULL;
	dn_error e;

	CHECK(dn_journal_read(put("date;customer;currency;event;amount;due_date\n"
				  "2026-11-01;C;EUR;promise;100,00;2026-11-10\n"
				  "2026-11-02;C;EUR;payment;100,00;\n"),
			      cfg, day("2026-11-23"), &j, &info, &e) == 0);
	CHECK(j != NULL && status(j, "C", "EUR").promises_kept == 1);
	dn_journal_free(j);
	dn_config_free(cfg);
}

int main(void)
{
	dn_config *cfg;

	scratch_open();
	unsetenv("DUNNING_CONFIG");
	cfg = config(NULL);
	test_names();
	test_missing_and_empty(cfg);
	test_header(cfg);
	test_row_messages(cfg);
	test_promise_payments(cfg);
	test_promise_grace();
	test_promise_invoices(cfg);
	test_plans(cfg);
	test_holds(cfg);
	test_disputes(cfg);
	test_unterminated(cfg);
	test_delimiter();
	dn_config_free(cfg);
	scratch_close();
	DONE();
}
