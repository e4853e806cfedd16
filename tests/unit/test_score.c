/* test_score.c - the score of SPEC "prioritize": each part, the caps,
 * rounding half up (exactly, also with 64-bit caps), weights and thresholds
 * from [score], priorities, holds and their precedence, netting of credits,
 * disputed items, the next-action table, reasons in English and French,
 * and the sort order.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "date.h"
#include "journal.h"
#include "score.h"
#include "wording.h"
#include "scratch.h"
#include "unit.h"
#include "fixture.h"

/* Write data to a new file of the scratch folder; returns its path. */
static const char *put(const char *data)
{
	static int nfiles;
	char name[16];

	snprintf(name, sizeof name, "f%d", nfiles++);
	return scratch_put_str(name, data);
}

/* The keys a [level N] needs besides after_days. */
#define LEVEL "channel = email\ntemplate = level.txt\n"

/* Config from INI text (NULL: defaults) and its rules; exits on failure. */
static dn_config *load_rules(const char *ini, dn_score_rules *r)
{
	dn_error e;
	char buf[512];
	dn_config *c = dn_config_load(ini ? put(ini) : NULL, &e);

	if (c == NULL || dn_score_rules_load(r, c, &e) != 0) {
		printf("config: %s\n", dn_error_format(&e, buf, sizeof buf));
		exit(2);
	}
	return c;
}

/* The rules' error for INI text, "" when it loads. */
static const char *rules_error(const char *ini)
{
	static char buf[512];
	dn_score_rules r;
	dn_error e;
	dn_config *c = dn_config_load(put(ini), &e);
	const char *colon;

	buf[0] = '\0';
	if (c == NULL || dn_score_rules_load(&r, c, &e) != 0) {
		dn_error_format(&e, buf, sizeof buf);
		colon = strstr(buf, ": ");
		dn_config_free(c);
		return colon ? colon + 2 : buf;
	}
	dn_config_free(c);
	return buf;
}

/* Score in tenths of (overdue in cents, cap in cents, days, broken, items). */
static long tenths(const dn_score_rules *r, int64_t overdue, int64_t cap, long days,
		   long broken, long items)
{
	dn_score_input in = {overdue, cap, days, broken, items};
	dn_score s;

	dn_score_compute(r, &in, &s);
	return s.tenths;
}

#define CAP 1000000 /* 10000.00 EUR */

static void test_parts_and_caps(void)
{
	dn_score_rules r;
	dn_config *c = load_rules(NULL, &r);

	CHECK(r.cap[DN_PART_DAYS] == 120 && r.cap[DN_PART_PROMISES] == 2 &&
	      r.cap[DN_PART_ITEMS] == 5 && r.hold.claim_paid_days == 10 && r.french == 0 &&
	      r.last_level_days == -1);
	CHECK(tenths(&r, 0, CAP, 0, 0, 0) == 0);
	/* Each part alone. */
	CHECK(tenths(&r, 500000, CAP, 0, 0, 0) == 200); /* 5000.00 / 10000 x 40 */
	CHECK(tenths(&r, 0, CAP, 60, 0, 0) == 150);     /* 60 / 120 x 30 */
	CHECK(tenths(&r, 0, CAP, 0, 1, 0) == 75);       /* 1 / 2 x 15 */
	CHECK(tenths(&r, 0, CAP, 0, 0, 1) == 30);       /* 1 / 5 x 15 */
	/* At and beyond the caps: the whole weight, never more. */
	CHECK(tenths(&r, CAP, CAP, 0, 0, 0) == 400);
	CHECK(tenths(&r, 100 * (int64_t)CAP, CAP, 0, 0, 0) == 400);
	CHECK(tenths(&r, 0, CAP, 120, 0, 0) == 300);
	CHECK(tenths(&r, 0, CAP, 5000, 0, 0) == 300);
	CHECK(tenths(&r, 0, CAP, 0, 2, 0) == 150);
	CHECK(tenths(&r, 0, CAP, 0, 9, 0) == 150);
	CHECK(tenths(&r, 0, CAP, 0, 0, 5) == 150);
	CHECK(tenths(&r, 0, CAP, 0, 0, 500) == 150);
	CHECK(tenths(&r, INT64_MAX, CAP, 100000, 100000, 100000) == 1000);
	/* Negative inputs count as nothing. */
	CHECK(tenths(&r, -5, CAP, -3, 0, 0) == 0);
	/* The cap is per currency: 10000 JPY (0 decimals). */
	CHECK(tenths(&r, 5000, 10000, 0, 0, 0) == 200);
	dn_config_free(c);
}

static void test_rounding(void)
{
	dn_score_rules r;
	dn_config *c = load_rules(NULL, &r);

	/* 1.2 + 3.25 + 3 = 7.45 exactly: half up to 7.5. */
	CHECK(tenths(&r, 30000, CAP, 13, 0, 1) == 75);
	/* 29999 cents: 7.44996 -> 7.4; 30001: 7.45004 -> 7.5. */
	CHECK(tenths(&r, 29999, CAP, 13, 0, 1) == 74);
	CHECK(tenths(&r, 30001, CAP, 13, 0, 1) == 75);
	/* 0.05 exactly from the overdue part alone -> 0.1; a cent less -> 0.0. */
	CHECK(tenths(&r, 1250, CAP, 0, 0, 0) == 1);
	CHECK(tenths(&r, 1249, CAP, 0, 0, 0) == 0);
	/* Halves from the small parts alone: 1 day = 0.25, + 7.5 = 7.75 -> 7.8. */
	CHECK(tenths(&r, 0, CAP, 1, 1, 0) == 78);
	CHECK(tenths(&r, 0, CAP, 1, 0, 0) == 3);  /* 0.25 -> 0.3 */
	CHECK(tenths(&r, 0, CAP, 3, 0, 0) == 8);  /* 0.75 -> 0.8 */
	CHECK(tenths(&r, 0, CAP, 7, 0, 0) == 18); /* 1.75 -> 1.8 */
	/* Thirds never reach a half: 40 x 1/3 = 13.333 -> 13.3; 2/3 -> 26.7. */
	CHECK(tenths(&r, CAP / 3 + 1, CAP, 0, 0, 0) == 133);
	CHECK(tenths(&r, 666667, CAP, 0, 0, 0) == 267);
	dn_config_free(c);
}

/* Caps as large as the config allows: the remainder comparison's cross
 * products would not fit in 128 bits, so it must not multiply. */
static void test_rounding_huge_caps(void)
{
	dn_score_rules r;
	dn_config *c = load_rules("[score]\ncap_overdue_jpy = 800000000000000000\n"
				  "cap_days = 1000000000\ncap_promises = 1000000000\n"
				  "cap_items = 1000000000\n",
				  &r);
	dn_error e;
	int64_t cap = 0;

	CHECK(dn_config_money(c, "score", "cap_overdue", "JPY", 0, "10000", &cap, &e) == 0);
	CHECK(cap == INT64_C(800000000000000000));
	/* cap / 400 units is exactly 0.1 point; 5e6 days are 0.15 point:
	 * 0.25 -> 0.3, a unit less -> 0.2, a unit more -> 0.3. */
	CHECK(tenths(&r, INT64_C(2000000000000000), cap, 5000000, 0, 0) == 3);
	CHECK(tenths(&r, INT64_C(1999999999999999), cap, 5000000, 0, 0) == 2);
	CHECK(tenths(&r, INT64_C(2000000000000001), cap, 5000000, 0, 0) == 3);
	/* The same half made of three small parts (2d + p + i = 10^7). */
	CHECK(tenths(&r, INT64_C(2000000000000000), cap, 2000000, 3000000, 3000000) == 3);
	CHECK(tenths(&r, INT64_C(1999999999999999), cap, 2000000, 3000000, 3000000) == 2);
	CHECK(tenths(&r, INT64_C(1999999999999999), cap, 2000000, 3000000, 3000001) == 3);
	CHECK(tenths(&r, cap - 1, cap, 0, 0, 0) == 400);
	CHECK(tenths(&r, cap, cap, 1000000000, 1000000000, 999999999) == 1000);
	dn_config_free(c);
}

static void test_weights_and_thresholds(void)
{
	dn_score_rules r;
	dn_config *c;

	/* Decimal weights; caps of 0 mean "any value earns the weight". */
	c = load_rules("[score]\nweight_overdue = 40.5\nweight_days = 29.5\n"
		       "cap_items = 0\ncap_days = 30\ncap_promises = 1\n",
		       &r);
	CHECK(tenths(&r, CAP, CAP, 0, 0, 0) == 405);
	CHECK(tenths(&r, 0, CAP, 15, 0, 0) == 148); /* 29.5 / 2 = 14.75 -> 14.8 */
	CHECK(tenths(&r, 0, CAP, 0, 1, 0) == 150);
	CHECK(tenths(&r, 0, CAP, 0, 0, 1) == 150);
	CHECK(tenths(&r, 0, CAP, 0, 0, 0) == 0);
	dn_config_free(c);
	c = load_rules("[score]\ncap_overdue = 0\n", &r);
	CHECK(tenths(&r, 1, 0, 0, 0, 0) == 400);
	dn_config_free(c);

	/* A zero weight drops its part. */
	c = load_rules("[score]\nweight_promises = 0\nweight_items = 30\n", &r);
	CHECK(tenths(&r, 0, CAP, 0, 2, 0) == 0);
	CHECK(tenths(&r, 0, CAP, 0, 0, 5) == 300);
	dn_config_free(c);

	CHECK_STR(rules_error("[score]\nweight_overdue = 50\n"),
		  "key [score] weight_overdue + weight_days + weight_promises + weight_items: "
		  "the four weights must add up to 100, not 110");
	CHECK_STR(rules_error("[score]\nweight_overdue = 39.75\n"),
		  "key [score] weight_overdue + weight_days + weight_promises + weight_items: "
		  "the four weights must add up to 100, not 99.75");
	CHECK_STR(rules_error("[score]\nthreshold_a = 20\n"),
		  "key [score] threshold_a: below threshold_b (A must need at least what B "
		  "needs): '20'");
	CHECK_STR(rules_error("[score]\nthreshold_b = 70\n"),
		  "key [score] threshold_b: above threshold_a (default 60: A must need at "
		  "least what B needs): '70'");
	CHECK_STR(rules_error("[score]\nweight_days = -3\n"),
		  "key [score] weight_days: not a non-negative decimal number: '-3'");
	CHECK_STR(rules_error("[score]\ncap_days = 1.5\n"),
		  "key [score] cap_days: not a whole number: '1.5'");

	/* Priorities compare the score as printed. */
	c = load_rules(NULL, &r);
	CHECK(dn_score_priority(&r, 1000) == 'A');
	CHECK(dn_score_priority(&r, 600) == 'A');
	CHECK(dn_score_priority(&r, 599) == 'B');
	CHECK(dn_score_priority(&r, 300) == 'B');
	CHECK(dn_score_priority(&r, 299) == 'C');
	CHECK(dn_score_priority(&r, 0) == 'C');
	dn_config_free(c);
	c = load_rules("[score]\nthreshold_a = 59.95\nthreshold_b = 0\n", &r);
	CHECK(dn_score_priority(&r, 599) == 'B');
	CHECK(dn_score_priority(&r, 600) == 'A');
	CHECK(dn_score_priority(&r, 0) == 'B');
	dn_config_free(c);
	c = load_rules("[score]\nthreshold_a = 30\n", &r);
	CHECK(dn_score_priority(&r, 300) == 'A'); /* A and B may be equal */
	dn_config_free(c);
	c = load_rules("[level 1]\nafter_days = 10\n" LEVEL "[level 2]\nafter_days = 45\n" LEVEL, &r);
	CHECK(r.last_level_days == 45);
	dn_config_free(c);
}

static void test_holds(void)
{
	dn_score_rules r;
	dn_config *c = load_rules(NULL, &r);
	dn_date as_of = day("2026-11-23");
	dn_journal_status st;
	dn_hold h;

	memset(&st, 0, sizeof st);
	dn_hold_decide(&r.hold, as_of, &st, 0, 0, 0, &h);
	CHECK(h.kind == DN_HOLD_NONE);
	dn_hold_decide(&r.hold, as_of, &st, 1, 0, 0, &h);
	CHECK(h.kind == DN_HOLD_DISPUTED);
	dn_hold_decide(&r.hold, as_of, &st, 1, 1, day("2026-12-01"), &h);
	CHECK(h.kind == DN_HOLD_PROMISE && h.date == day("2026-12-01"));
	st.promises_open = 1;
	st.promise_until = day("2026-11-25");
	dn_hold_decide(&r.hold, as_of, &st, 1, 0, 0, &h);
	CHECK(h.kind == DN_HOLD_PROMISE && h.date == day("2026-11-25"));
	dn_hold_decide(&r.hold, as_of, &st, 1, 1, day("2026-12-01"), &h);
	CHECK(h.kind == DN_HOLD_PROMISE && h.date == day("2026-12-01")); /* the later */
	st.plans_active = 1;
	st.plan_until = day("2027-03-31");
	dn_hold_decide(&r.hold, as_of, &st, 1, 1, 0, &h);
	CHECK(h.kind == DN_HOLD_PLAN && h.date == day("2027-03-31"));
	/* claim_paid: held while younger than 10 days. */
	st.claim_paid = 1;
	st.claim_paid_date = day("2026-11-14"); /* 9 days */
	dn_hold_decide(&r.hold, as_of, &st, 1, 1, 0, &h);
	CHECK(h.kind == DN_HOLD_CLAIM_PAID && h.date == day("2026-11-14"));
	st.claim_paid_date = day("2026-11-13"); /* 10 days: over */
	dn_hold_decide(&r.hold, as_of, &st, 1, 1, 0, &h);
	CHECK(h.kind == DN_HOLD_PLAN);
	st.blocked = 1;
	st.blocked_since = day("2026-11-01");
	dn_hold_decide(&r.hold, as_of, &st, 1, 1, 0, &h);
	CHECK(h.kind == DN_HOLD_BLOCK && h.date == day("2026-11-01"));
	st.insolvent = 1;
	st.insolvent_since = day("2026-10-02");
	dn_hold_decide(&r.hold, as_of, &st, 1, 1, 0, &h);
	CHECK(h.kind == DN_HOLD_INSOLVENCY && h.date == day("2026-10-02"));
	dn_config_free(c);

	c = load_rules("[hold]\nclaim_paid_days = 0\n", &r);
	memset(&st, 0, sizeof st);
	st.claim_paid = 1;
	st.claim_paid_date = as_of;
	dn_hold_decide(&r.hold, as_of, &st, 0, 0, 0, &h);
	CHECK(h.kind == DN_HOLD_NONE);
	dn_config_free(c);
}

/* ---- the board ---- */

static dn_item mk(const char *customer, const char *invoice, const char *cur, int decimals,
		  const char *issue, const char *due, int64_t balance, int disputed)
{
	dn_item it;

	memset(&it, 0, sizeof it);
	it.customer = customer;
	it.customer_len = strlen(customer);
	it.invoice = invoice;
	it.invoice_len = strlen(invoice);
	it.issue_date = day(issue);
	it.due_date = day(due);
	it.amount = it.balance = balance;
	memcpy(it.currency, cur, 4);
	it.decimals = decimals;
	it.disputed = disputed;
	return it;
}

static void add(dn_scoreboard *b, dn_item it, const dn_item_extra *x)
{
	dn_error e;

	if (dn_scoreboard_add(b, &it, x, &e) != 0) {
		unit_failed++;
		printf("FAIL add %s/%s: %s\n", it.customer, it.invoice, e.message);
	}
}

static const dn_priority *find(const dn_priority *const *rows, size_t n, const char *customer,
			       const char *cur)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rows[i]->customer_len == strlen(customer) &&
		    memcmp(rows[i]->customer, customer, rows[i]->customer_len) == 0 &&
		    strcmp(rows[i]->currency, cur) == 0)
			return rows[i];
	return NULL;
}

static const char *reason(const dn_score_rules *r, const dn_priority *p)
{
	static char buf[512];

	if (p == NULL)
		return "(no row)";
	dn_priority_reason(r, p, buf, sizeof buf);
	return buf;
}

static void test_netting_and_disputes(void)
{
	dn_score_rules r;
	dn_config *c = load_rules(NULL, &r);
	dn_scoreboard *b = dn_scoreboard_new(&r, NULL, day("2026-11-23"));
	const dn_priority *const *rows;
	const dn_priority *p;
	dn_error e;
	size_t n;

	/* A: 1000.00 overdue (97 and 10 days), 200.00 not due, credit -300.00. */
	add(b, mk("A", "1", "EUR", 2, "2026-07-01", "2026-08-18", 80000, 0), NULL);
	add(b, mk("A", "2", "EUR", 2, "2026-10-01", "2026-11-13", 20000, 0), NULL);
	add(b, mk("A", "3", "EUR", 2, "2026-11-01", "2026-12-01", 20000, 0), NULL);
	add(b, mk("A", "4", "EUR", 2, "2026-11-01", "2026-12-31", -30000, 0), NULL);
	/* A disputed overdue item counts in the balance only. */
	add(b, mk("A", "5", "EUR", 2, "2026-01-01", "2026-02-01", 50000, 1), NULL);
	/* A settled item and one not issued yet count for nothing. */
	add(b, mk("A", "6", "EUR", 2, "2026-01-01", "2026-02-01", 0, 0), NULL);
	add(b, mk("A", "7", "EUR", 2, "2026-11-24", "2026-11-24", 99900, 0), NULL);
	/* B: credits cover all that is overdue: no row. */
	add(b, mk("B", "1", "EUR", 2, "2026-07-01", "2026-08-18", 10000, 0), NULL);
	add(b, mk("B", "2", "EUR", 2, "2026-07-01", "2026-08-18", -25000, 0), NULL);
	/* C: only disputed overdue items: a row, on hold. */
	add(b, mk("C", "1", "EUR", 2, "2026-07-01", "2026-08-18", 10000, 1), NULL);
	/* D: the same, plus undisputed overdue covered by a credit: hold too. */
	add(b, mk("D", "1", "EUR", 2, "2026-07-01", "2026-08-18", 10000, 1), NULL);
	add(b, mk("D", "2", "EUR", 2, "2026-07-01", "2026-08-18", 5000, 0), NULL);
	add(b, mk("D", "3", "EUR", 2, "2026-07-01", "2026-08-18", -5000, 0), NULL);
	/* E: nothing overdue yet (due today): no row. */
	add(b, mk("E", "1", "EUR", 2, "2026-11-01", "2026-11-23", 10000, 0), NULL);
	/* A in USD is another row. */
	add(b, mk("A", "8", "USD", 2, "2026-07-01", "2026-11-22", 10000, 0), NULL);

	CHECK(dn_scoreboard_rank(b, &rows, &n, &e) == 0);
	CHECK(n == 4);
	p = find(rows, n, "A", "EUR");
	CHECK(p != NULL && p->balance == 140000 && p->overdue == 70000 && p->oldest_days == 97 &&
	      p->items == 2);
	/* 700/10000 x 40 = 2.8, 97/120 x 30 = 24.25, 2/5 x 15 = 6: 33.05 -> 33.1 */
	CHECK(p != NULL && p->score.tenths == 331 && strcmp(p->priority, "B") == 0);
	CHECK_STR(reason(&r, p), "oldest invoice 97 days late; 2 overdue invoices");
	CHECK(p != NULL && strcmp(p->next_action, "email") == 0);
	CHECK(find(rows, n, "B", "EUR") == NULL);
	CHECK(find(rows, n, "E", "EUR") == NULL);
	p = find(rows, n, "C", "EUR");
	CHECK(p != NULL && p->overdue == 0 && p->items == 0 && p->oldest_days == 0 &&
	      strcmp(p->priority, "hold") == 0 && strcmp(p->next_action, "none") == 0);
	CHECK_STR(reason(&r, p), "disputed");
	p = find(rows, n, "D", "EUR");
	CHECK(p != NULL && p->balance == 10000 && strcmp(p->priority, "hold") == 0);
	p = find(rows, n, "A", "USD");
	CHECK(p != NULL && p->overdue == 10000 && p->oldest_days == 1);
	/* D's covered item still counts in oldest_days and items (SPEC):
	 * 24.25 + 3 = 27.25 -> 27.3.  A/USD: 0.4 + 0.25 + 3 = 3.65 -> 3.7. */
	CHECK(find(rows, n, "D", "EUR")->score.tenths == 273);
	CHECK(find(rows, n, "A", "USD")->score.tenths == 37);
	/* Sorted by score. */
	CHECK(rows[0] == find(rows, n, "A", "EUR") && rows[1] == find(rows, n, "D", "EUR"));
	CHECK(rows[2] == find(rows, n, "A", "USD") && rows[3] == find(rows, n, "C", "EUR"));
	dn_scoreboard_free(b);
	dn_config_free(c);
}

static void test_overflow(void)
{
	dn_score_rules r;
	dn_config *c = load_rules(NULL, &r);
	dn_scoreboard *b = dn_scoreboard_new(&r, NULL, day("2026-11-23"));
	const dn_priority *const *rows;
	dn_item it;
	dn_error e;
	size_t n;

	add(b, mk("A", "1", "EUR", 2, "2026-07-01", "2026-08-18", INT64_MAX - 10, 0), NULL);
	it = mk("A", "2", "EUR", 2, "2026-07-01", "2026-08-18", 11, 0);
	CHECK(dn_scoreboard_add(b, &it, NULL, &e) == DN_EX_DATAERR);
	CHECK_STR(e.message, "customer balance out of range");
	/* The refused row left the totals as they were. */
	CHECK(dn_scoreboard_rank(b, &rows, &n, &e) == 0);
	CHECK(n == 1 && rows[0]->balance == INT64_MAX - 10 && rows[0]->items == 1);
	dn_scoreboard_free(b);
	dn_config_free(c);
}

static void test_sort(void)
{
	dn_score_rules r;
	dn_config *c = load_rules(NULL, &r);
	dn_scoreboard *b = dn_scoreboard_new(&r, NULL, day("2026-11-23"));
	const dn_priority *const *rows;
	dn_error e;
	size_t n;

	/* Same score (all capped: 40 + 30 + 0 + 3 = 73.0), overdue decides,
	 * in major units across currencies; then customer, then currency. */
	add(b, mk("Z", "1", "EUR", 2, "2025-01-01", "2025-02-01", 2000000, 0), NULL);
	add(b, mk("Y", "1", "JPY", 0, "2025-01-01", "2025-02-01", 30000, 0), NULL);
	add(b, mk("b", "1", "EUR", 2, "2025-01-01", "2025-02-01", 1500000, 0), NULL);
	add(b, mk("B", "1", "EUR", 2, "2025-01-01", "2025-02-01", 1500000, 0), NULL);
	add(b, mk("B", "2", "USD", 2, "2025-01-01", "2025-02-01", 1500000, 0), NULL);
	add(b, mk("A", "1", "EUR", 2, "2025-01-01", "2025-02-01", 1500000, 0), NULL);
	CHECK(dn_scoreboard_rank(b, &rows, &n, &e) == 0);
	CHECK(n == 6);
	if (n == 6) {
		CHECK(rows[0]->customer[0] == 'Y'); /* 30000 JPY > 20000.00 EUR */
		CHECK(rows[1]->customer[0] == 'Z');
		CHECK(rows[2]->customer[0] == 'A');
		CHECK(rows[3]->customer[0] == 'B' && strcmp(rows[3]->currency, "EUR") == 0);
		CHECK(rows[4]->customer[0] == 'B' && strcmp(rows[4]->currency, "USD") == 0);
		CHECK(rows[5]->customer[0] == 'b');
		CHECK(rows[0]->score.tenths == 730 && rows[5]->score.tenths == 730);
	}
	dn_scoreboard_free(b);
	dn_config_free(c);
}

/* The next-action table, one customer a rule; journal and config matter. */
static void test_next_action(void)
{
	dn_score_rules r;
	dn_config *c = load_rules("[level 1]\nafter_days = 10\n" LEVEL "[level 2]\nafter_days = 60\n" LEVEL, &r);
	dn_date as_of = day("2026-11-23");
	dn_journal_info info;
	dn_journal *j = NULL;
	dn_scoreboard *b;
	const dn_priority *const *rows;
	dn_item_extra cap;
	dn_error e;
	size_t n;
	const char *jpath = put(
		"date,customer,currency,event,amount,due_date\n"
		"2026-10-01,HOLD,EUR,reminder,,\n"
		"2026-10-01,HOLD,EUR,block,,\n"
		"2026-10-01,LEGAL,EUR,legal,,\n"
		"2026-10-01,CALL,EUR,reminder,,\n"
		"2026-10-01,CALL,EUR,promise,10.00,2026-10-10\n"
		"2026-10-01,CALLB,EUR,reminder,,\n"
		"2026-10-01,CALLB,EUR,promise,10.00,2026-10-10\n"
		"2026-10-01,NOTICE,EUR,call,,\n"
		"2026-10-01,EDGE,EUR,call,,\n"
		"2026-10-01,PLAN,EUR,reminder,,\n"
		"2026-10-01,EMAIL,EUR,reminder,,\n");

	CHECK(dn_journal_read(jpath, c, as_of, &j, &info, &e) == 0);
	b = dn_scoreboard_new(&r, j, as_of);
	memset(&cap, 0, sizeof cap);
	cap.has_capacity = 1;
	cap.capacity = 10000;
	add(b, mk("HOLD", "1", "EUR", 2, "2025-01-01", "2025-02-01", 2000000, 0), NULL);
	add(b, mk("LEGAL", "1", "EUR", 2, "2025-01-01", "2025-02-01", 2000000, 0), NULL);
	add(b, mk("NEW", "1", "EUR", 2, "2025-01-01", "2025-02-01", 2000000, 0), NULL);
	add(b, mk("CALL", "1", "EUR", 2, "2025-01-01", "2025-02-01", 2000000, 0), NULL);
	/* A broken promise but priority B: not a call (61 days: a notice). */
	add(b, mk("CALLB", "1", "EUR", 2, "2026-09-01", "2026-09-23", 10000, 0), NULL);
	add(b, mk("NOTICE", "1", "EUR", 2, "2026-09-01", "2026-09-23", 10000, 0), &cap);
	/* Exactly the last level's days is not beyond it. */
	add(b, mk("EDGE", "1", "EUR", 2, "2026-09-01", "2026-09-24", 10000, 0), NULL);
	add(b, mk("PLAN", "1", "EUR", 2, "2026-09-01", "2026-10-24", 10001, 0), &cap);
	add(b, mk("EMAIL", "1", "EUR", 2, "2026-09-01", "2026-10-24", 10000, 0), &cap);
	CHECK(dn_scoreboard_rank(b, &rows, &n, &e) == 0);
	CHECK(n == 9);
#define ACTION(cust) (find(rows, n, cust, "EUR") ? find(rows, n, cust, "EUR")->next_action : "")
	CHECK_STR(ACTION("HOLD"), "none");
	CHECK_STR(ACTION("LEGAL"), "legal");
	CHECK_STR(ACTION("NEW"), "email");
	CHECK_STR(ACTION("CALL"), "call");
	CHECK_STR(find(rows, n, "CALL", "EUR")->priority, "A");
	CHECK_STR(find(rows, n, "CALLB", "EUR")->priority, "C");
	CHECK_STR(ACTION("CALLB"), "formal_notice");
	CHECK_STR(ACTION("NOTICE"), "formal_notice");
	CHECK_STR(ACTION("EDGE"), "email");
	CHECK_STR(ACTION("PLAN"), "plan");
	CHECK_STR(ACTION("EMAIL"), "email");
	CHECK_STR(reason(&r, find(rows, n, "HOLD", "EUR")), "blocked since 2026-10-01");
	CHECK(find(rows, n, "CALL", "EUR")->broken == 1);
	dn_scoreboard_free(b);
	dn_journal_free(j);
	dn_config_free(c);
}

static void test_item_promise_and_journal_dispute(void)
{
	dn_score_rules r;
	dn_config *c = load_rules(NULL, &r);
	dn_date as_of = day("2026-11-23");
	dn_journal_info info;
	dn_journal *j = NULL;
	dn_scoreboard *b;
	const dn_priority *const *rows;
	dn_item_extra x;
	dn_error e;
	size_t n;

	CHECK(dn_journal_read(put("date,customer,event,invoices\n"
				  "2026-11-01,J,dispute,F1\n"),
			      c, as_of, &j, &info, &e) == 0);
	b = dn_scoreboard_new(&r, j, as_of);
	memset(&x, 0, sizeof x);
	x.has_promise_date = 1;
	x.promise_date = as_of; /* on as-of: still open */
	add(b, mk("P", "1", "EUR", 2, "2025-01-01", "2025-02-01", 10000, 0), &x);
	x.promise_date = as_of - 1; /* yesterday: over */
	add(b, mk("Q", "1", "EUR", 2, "2025-01-01", "2025-02-01", 10000, 0), &x);
	/* The journal disputes J's F1: only F2 is chased. */
	add(b, mk("J", "F1", "EUR", 2, "2025-01-01", "2025-02-01", 90000, 0), NULL);
	add(b, mk("J", "F2", "EUR", 2, "2025-01-01", "2026-11-13", 10000, 0), NULL);
	CHECK(dn_scoreboard_rank(b, &rows, &n, &e) == 0);
	CHECK_STR(find(rows, n, "P", "EUR")->priority, "hold");
	CHECK_STR(reason(&r, find(rows, n, "P", "EUR")), "promise to pay until 2026-11-23");
	CHECK(strcmp(find(rows, n, "Q", "EUR")->priority, "hold") != 0);
	CHECK(find(rows, n, "J", "EUR")->overdue == 10000 &&
	      find(rows, n, "J", "EUR")->oldest_days == 10 &&
	      find(rows, n, "J", "EUR")->items == 1);
	dn_scoreboard_free(b);
	dn_journal_free(j);
	dn_config_free(c);
}

static void test_reasons(void)
{
	dn_score_rules r;
	dn_config *c = load_rules(NULL, &r);
	dn_priority p;
	char buf[512];

	memset(&p, 0, sizeof p);
	memcpy(p.currency, "EUR", 4);
	p.decimals = 2;
	p.overdue = 1240000;
	p.oldest_days = 97;
	p.items = 1;
	p.broken = 1;
	{
		dn_score_input in = {p.overdue, CAP, p.oldest_days, p.broken, p.items};
		dn_score_compute(&r, &in, &p.score);
	}
	/* 40, 24.25, 7.5, 3 */
	CHECK(p.score.order[0] == DN_PART_OVERDUE && p.score.order[1] == DN_PART_DAYS &&
	      p.score.order[2] == DN_PART_PROMISES && p.score.order[3] == DN_PART_ITEMS);
	dn_priority_reason(&r, &p, buf, sizeof buf);
	CHECK_STR(buf, "12 400.00 EUR overdue; oldest invoice 97 days late");
	/* Singulars, and the order by contribution: 1 day (0.25) < 1 item (3). */
	p.overdue = 0;
	p.oldest_days = 1;
	p.broken = 0;
	{
		dn_score_input in = {p.overdue, CAP, p.oldest_days, p.broken, p.items};
		dn_score_compute(&r, &in, &p.score);
	}
	dn_priority_reason(&r, &p, buf, sizeof buf);
	CHECK_STR(buf, "1 overdue invoice; oldest invoice 1 day late");
	/* Ties keep the formula's order: 2 broken (15) and 5 items (15). */
	p.oldest_days = 0;
	p.broken = 2;
	p.items = 5;
	{
		dn_score_input in = {p.overdue, CAP, p.oldest_days, p.broken, p.items};
		dn_score_compute(&r, &in, &p.score);
	}
	dn_priority_reason(&r, &p, buf, sizeof buf);
	CHECK_STR(buf, "2 broken promises; 5 overdue invoices");
	/* Hold reasons. */
	p.hold.kind = DN_HOLD_PLAN;
	p.hold.date = day("2027-03-31");
	dn_priority_reason(&r, &p, buf, sizeof buf);
	CHECK_STR(buf, "payment plan until 2027-03-31");
	p.hold.kind = DN_HOLD_CLAIM_PAID;
	p.hold.date = day("2026-11-20");
	dn_priority_reason(&r, &p, buf, sizeof buf);
	CHECK_STR(buf, "says it has paid (on 2026-11-20)");
	p.hold.kind = DN_HOLD_INSOLVENCY;
	dn_priority_reason(&r, &p, buf, sizeof buf);
	CHECK_STR(buf, "insolvency proceedings since 2026-11-20");
	/* A small buffer is cut, never overrun. */
	dn_priority_reason(&r, &p, buf, 10);
	CHECK_STR(buf, "insolvenc");
	dn_config_free(c);

	c = load_rules("[general]\nlanguage = fr\n", &r);
	CHECK(r.french == 1);
	memset(&p, 0, sizeof p);
	memcpy(p.currency, "EUR", 4);
	p.decimals = 2;
	p.overdue = 1240000;
	p.oldest_days = 97;
	{
		dn_score_input in = {p.overdue, CAP, p.oldest_days, 0, 0};
		dn_score_compute(&r, &in, &p.score);
	}
	dn_priority_reason(&r, &p, buf, sizeof buf);
	CHECK_STR(buf, "12 400,00 EUR impayés ; facture la plus ancienne en retard de 97 jours");
	p.overdue = 0;
	p.oldest_days = 1;
	p.broken = 1;
	p.items = 1;
	{
		dn_score_input in = {0, CAP, 1, 1, 1};
		dn_score_compute(&r, &in, &p.score);
	}
	dn_priority_reason(&r, &p, buf, sizeof buf);
	CHECK_STR(buf, "1 promesse non tenue ; 1 facture échue");
	p.broken = 2;
	p.items = 3;
	{
		dn_score_input in = {0, CAP, 1, 2, 3};
		dn_score_compute(&r, &in, &p.score);
	}
	dn_priority_reason(&r, &p, buf, sizeof buf);
	CHECK_STR(buf, "2 promesses non tenues ; 3 factures échues");
	p.hold.kind = DN_HOLD_PROMISE;
	p.hold.date = day("2026-12-01");
	dn_priority_reason(&r, &p, buf, sizeof buf);
	CHECK_STR(buf, "promesse de paiement jusqu'au 2026-12-01");
	p.hold.kind = DN_HOLD_DISPUTED;
	dn_priority_reason(&r, &p, buf, sizeof buf);
	CHECK_STR(buf, "en litige");
	p.hold.kind = DN_HOLD_BLOCK;
	dn_priority_reason(&r, &p, buf, sizeof buf);
	CHECK_STR(buf, "bloqué depuis le 2026-12-01");
	/* JPY: no decimals; a single part. */
	p.hold.kind = DN_HOLD_NONE;
	memcpy(p.currency, "JPY", 4);
	p.decimals = 0;
	p.overdue = 1234567;
	p.oldest_days = p.broken = p.items = 0;
	{
		dn_score_input in = {p.overdue, 10000, 0, 0, 0};
		dn_score_compute(&r, &in, &p.score);
	}
	dn_priority_reason(&r, &p, buf, sizeof buf);
	CHECK_STR(buf, "1 234 567 JPY impayés");
	dn_config_free(c);
}

int main(void)
{
	scratch_open();
	unsetenv("DUNNING_CONFIG");
	test_parts_and_caps();
	test_rounding();
	test_rounding_huge_caps();
	test_weights_and_thresholds();
	test_holds();
	test_netting_and_disputes();
	test_overflow();
	test_sort();
	test_next_action();
	test_item_promise_and_journal_dispute();
	test_reasons();
	scratch_close();
	DONE();
}
