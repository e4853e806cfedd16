/* test_plan.c - payment plan arithmetic (libdunning/plan.h). */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dunning.h"
#include "plan.h"
#include "scratch.h"
#include "unit.h"

static dn_date D(const char *s)
{
	dn_date d = 0;

	dn_date_parse(s, strlen(s), DN_DATE_ISO, &d);
	return d;
}

static const char *ds(dn_date d)
{
	static char buf[4][11];
	static int k;

	k = (k + 1) % 4;
	dn_date_format(d, buf[k]);
	return buf[k];
}

static dn_decimal dec(int64_t num, int scale)
{
	dn_decimal d;

	d.num = num;
	d.scale = scale;
	return d;
}

static void base(dn_plan_request *rq, int64_t principal, int n)
{
	dn_plan_request_init(rq);
	rq->principal = principal;
	rq->installments = n;
	rq->start = D("2026-12-23");
}

static void test_periods(void)
{
	dn_period p;

	CHECK(dn_period_parse("1m", &p) == 0 && p == DN_PERIOD_1M);
	CHECK(dn_period_parse("2w", &p) == 0 && p == DN_PERIOD_2W);
	CHECK(dn_period_parse("1w", &p) == 0 && p == DN_PERIOD_1W);
	CHECK(dn_period_parse("3m", &p) == 0 && p == DN_PERIOD_3M);
	CHECK(dn_period_parse("5d", &p) != 0);
	CHECK(dn_period_parse("", &p) != 0);
	CHECK(dn_period_parse("1M", &p) != 0);
	CHECK_STR(dn_period_name(DN_PERIOD_2W), "2w");
	CHECK(dn_period_per_year(DN_PERIOD_1M) == 12);
	CHECK(dn_period_per_year(DN_PERIOD_3M) == 4);
	CHECK(dn_period_per_year(DN_PERIOD_2W) == 26);
	CHECK(dn_period_per_year(DN_PERIOD_1W) == 52);
}

/* SPEC: 10.00 in 3 -> 3.34, 3.33, 3.33. */
static void test_equal_split(void)
{
	dn_plan_request rq;
	dn_plan p;
	dn_error e;

	base(&rq, 1000, 3);
	dn_plan_init(&p, NULL, 0);
	CHECK(dn_plan_make(&rq, &p, &e) == 0);
	CHECK(p.n == 3);
	CHECK(p.rows[0].amount == 334 && p.rows[1].amount == 333 && p.rows[2].amount == 333);
	CHECK(p.rows[0].remaining == 666 && p.rows[1].remaining == 333 &&
	      p.rows[2].remaining == 0);
	CHECK(p.rows[0].interest == 0 && p.rows[0].principal == 334);
	CHECK(p.total_amount == 1000 && p.total_interest == 0);
	CHECK(p.rows[0].installment == 1 && p.rows[2].installment == 3);
	CHECK_STR(ds(p.rows[0].due), "2026-12-23");
	CHECK_STR(ds(p.rows[1].due), "2027-01-23");
	CHECK_STR(ds(p.rows[2].due), "2027-02-23");

	/* Leftover units on the first installments: 100.05 in 4. */
	base(&rq, 10005, 4);
	CHECK(dn_plan_make(&rq, &p, &e) == 0);
	CHECK(p.rows[0].amount == 2502 && p.rows[1].amount == 2501 &&
	      p.rows[2].amount == 2501 && p.rows[3].amount == 2501);
	/* Zero decimals (JPY): 1000 in 3 -> 334, 333, 333. */
	base(&rq, 1000, 3);
	rq.decimals = 0;
	CHECK(dn_plan_make(&rq, &p, &e) == 0);
	CHECK(p.rows[0].amount == 334 && p.rows[2].amount == 333);
	/* One installment is the whole debt. */
	base(&rq, 123456, 1);
	CHECK(dn_plan_make(&rq, &p, &e) == 0);
	CHECK(p.n == 1 && p.rows[0].amount == 123456 && p.rows[0].remaining == 0);
	dn_plan_release(&p);
}

/* SPEC: 10000.00 at 12 %/year monthly over 12 -> 888.49 eleven times,
 * then 888.47; total interest 661.86. */
static void test_annuity(void)
{
	dn_plan_request rq;
	dn_plan p;
	dn_error e;
	int64_t m = 0, sum = 0;
	size_t i;

	CHECK(dn_plan_annuity(1000000, dec(12, 0), DN_PERIOD_1M, 12, &m) == 0 && m == 88849);
	CHECK(dn_plan_annuity(1000, dec(0, 0), DN_PERIOD_1M, 3, &m) == 0 && m == 334);
	base(&rq, 1000000, 12);
	rq.annual_rate = dec(12, 0);
	dn_plan_init(&p, NULL, 0);
	CHECK(dn_plan_make(&rq, &p, &e) == 0);
	CHECK(p.n == 12);
	for (i = 0; i < 11; i++)
		CHECK(p.rows[i].amount == 88849);
	CHECK(p.rows[11].amount == 88847);
	CHECK(p.total_interest == 66186);
	CHECK(p.total_amount == 1066186);
	CHECK(p.annuity == 88849);
	/* First period: 1 % of 10000.00 = 100.00. */
	CHECK(p.rows[0].interest == 10000 && p.rows[0].principal == 78849 &&
	      p.rows[0].remaining == 921151);
	/* Second: 1 % of 9211.51 = 92.1151 -> 92.12. */
	CHECK(p.rows[1].interest == 9212);
	CHECK(p.rows[11].remaining == 0);
	for (i = 0; i < 12; i++)
		sum += p.rows[i].principal;
	CHECK(sum == 1000000);
	/* The same rate written 12.00 gives the same plan. */
	rq.annual_rate = dec(1200, 2);
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.total_interest == 66186);
	dn_plan_release(&p);
}

static void test_interest_rounding(void)
{
	int64_t v = 0;

	/* 1 % a month of 0.50 is 0.005 -> 0.01 (half up). */
	CHECK(dn_plan_period_interest(50, dec(12, 0), DN_PERIOD_1M, &v) == 0 && v == 1);
	CHECK(dn_plan_period_interest(49, dec(12, 0), DN_PERIOD_1M, &v) == 0 && v == 0);
	/* 3m: 12 %/4 = 3 % of 1000.00 = 30.00; 2w: 26 %/26 = 1 %; 1w: 52 %/52. */
	CHECK(dn_plan_period_interest(100000, dec(12, 0), DN_PERIOD_3M, &v) == 0 && v == 3000);
	CHECK(dn_plan_period_interest(100000, dec(26, 0), DN_PERIOD_2W, &v) == 0 && v == 1000);
	CHECK(dn_plan_period_interest(100000, dec(52, 0), DN_PERIOD_1W, &v) == 0 && v == 1000);
	/* Exact decimals: 14.76 % a year monthly on 3000.00 = 36.90. */
	CHECK(dn_plan_period_interest(300000, dec(1476, 2), DN_PERIOD_1M, &v) == 0 && v == 3690);
	CHECK(dn_plan_period_interest(INT64_MAX, dec(1000000, 0), DN_PERIOD_1M, &v) != 0);
	CHECK(dn_plan_period_interest(100, dec(-1, 0), DN_PERIOD_1M, &v) != 0);
}

static void test_dates(void)
{
	dn_plan_request rq;
	dn_plan p;
	dn_error e;
	dn_date d;

	/* Month-end clamping: Jan 31 -> Feb 28 -> Mar 31 -> Apr 30. */
	base(&rq, 40000, 4);
	rq.start = D("2027-01-31");
	dn_plan_init(&p, NULL, 0);
	CHECK(dn_plan_make(&rq, &p, &e) == 0);
	CHECK_STR(ds(p.rows[0].due), "2027-01-31");
	CHECK_STR(ds(p.rows[1].due), "2027-02-28");
	CHECK_STR(ds(p.rows[2].due), "2027-03-31");
	CHECK_STR(ds(p.rows[3].due), "2027-04-30");
	/* Leap year. */
	rq.start = D("2028-01-31");
	CHECK(dn_plan_make(&rq, &p, &e) == 0);
	CHECK_STR(ds(p.rows[1].due), "2028-02-29");
	CHECK_STR(ds(p.rows[2].due), "2028-03-31");
	/* Year change. */
	rq.start = D("2026-11-30");
	CHECK(dn_plan_make(&rq, &p, &e) == 0);
	CHECK_STR(ds(p.rows[1].due), "2026-12-30");
	CHECK_STR(ds(p.rows[2].due), "2027-01-30");
	CHECK_STR(ds(p.rows[3].due), "2027-02-28");
	/* Quarterly: three months a step, clamped. */
	rq.every = DN_PERIOD_3M;
	rq.start = D("2026-11-30");
	CHECK(dn_plan_make(&rq, &p, &e) == 0);
	CHECK_STR(ds(p.rows[1].due), "2027-02-28");
	CHECK_STR(ds(p.rows[2].due), "2027-05-30");
	CHECK_STR(ds(p.rows[3].due), "2027-08-30");
	/* Weekly and every two weeks. */
	rq.every = DN_PERIOD_1W;
	rq.start = D("2026-12-23");
	CHECK(dn_plan_make(&rq, &p, &e) == 0);
	CHECK_STR(ds(p.rows[1].due), "2026-12-30");
	CHECK_STR(ds(p.rows[2].due), "2027-01-06");
	CHECK_STR(ds(p.rows[3].due), "2027-01-13");
	rq.every = DN_PERIOD_2W;
	CHECK(dn_plan_make(&rq, &p, &e) == 0);
	CHECK_STR(ds(p.rows[1].due), "2027-01-06");
	CHECK_STR(ds(p.rows[3].due), "2027-02-03");
	/* The building block, and the end of the calendar. */
	CHECK(dn_plan_due_date(D("2027-01-31"), DN_PERIOD_1M, 2, &d) == 0 &&
	      strcmp(ds(d), "2027-02-28") == 0);
	CHECK(dn_plan_due_date(D("2199-12-31"), DN_PERIOD_1W, 1, &d) == 0);
	CHECK(dn_plan_due_date(D("2199-12-31"), DN_PERIOD_1W, 2, &d) != 0);
	CHECK(dn_plan_due_date(D("2199-11-30"), DN_PERIOD_1M, 2, &d) == 0 &&
	      strcmp(ds(d), "2199-12-30") == 0);
	CHECK(dn_plan_due_date(D("2199-11-30"), DN_PERIOD_1M, 3, &d) != 0);
	CHECK(dn_plan_due_date(D("2026-01-01"), DN_PERIOD_1M, 0, &d) != 0);
	dn_plan_release(&p);
}

static void test_defer(void)
{
	dn_plan_request rq;
	dn_plan p;
	dn_error e;

	/* Interest is the same as without deferral; dates follow the moved
	 * first date. */
	base(&rq, 1000000, 12);
	rq.annual_rate = dec(12, 0);
	rq.defer_days = 10;
	rq.settle = 1;
	rq.settle_pct = dec(10, 0);
	dn_plan_init(&p, NULL, 0);
	CHECK(dn_plan_make(&rq, &p, &e) == 0);
	CHECK_STR(ds(p.rows[0].due), "2027-01-02");
	CHECK_STR(ds(p.rows[1].due), "2027-02-02");
	CHECK_STR(ds(p.first_due), "2027-01-02");
	CHECK(p.rows[0].interest == 10000 && p.total_interest == 66186);
	/* The settlement is due at the start date, not deferred. */
	CHECK(p.has_settlement && strcmp(ds(p.settlement.due), "2026-12-23") == 0);
	/* Deferring a month-end start: the deferred date's day is kept. */
	base(&rq, 30000, 3);
	rq.start = D("2027-01-21");
	rq.defer_days = 10;
	CHECK(dn_plan_make(&rq, &p, &e) == 0);
	CHECK_STR(ds(p.rows[0].due), "2027-01-31");
	CHECK_STR(ds(p.rows[1].due), "2027-02-28");
	CHECK_STR(ds(p.rows[2].due), "2027-03-31");
	dn_plan_release(&p);
}

static void test_settle(void)
{
	dn_plan_request rq;
	dn_plan p;
	dn_error e;
	int64_t v = 0;

	CHECK(dn_plan_settlement(1000000, dec(10, 0), &v) == 0 && v == 900000);
	/* Discount rounded half up: 12.5 % of 1.00 = 0.125 -> 0.13. */
	CHECK(dn_plan_settlement(100, dec(125, 1), &v) == 0 && v == 87);
	CHECK(dn_plan_settlement(123456, dec(0, 0), &v) == 0 && v == 123456);
	CHECK(dn_plan_settlement(100, dec(-1, 0), &v) != 0);
	base(&rq, 123456, 6);
	rq.settle = 1;
	rq.settle_pct = dec(15, 0);
	dn_plan_init(&p, NULL, 0);
	CHECK(dn_plan_make(&rq, &p, &e) == 0);
	/* 15 % of 1234.56 = 185.184 -> 185.18; 1049.38 remains to pay. */
	CHECK(p.has_settlement);
	CHECK(p.settlement.installment == 0 && p.settlement.amount == 104938);
	CHECK(p.settlement.principal == 104938 && p.settlement.interest == 0 &&
	      p.settlement.remaining == 0);
	CHECK(p.settle_discount == 18518);
	CHECK_STR(ds(p.settlement.due), "2026-12-23");
	CHECK(p.n == 6 && p.total_amount == 123456);
	dn_plan_release(&p);
}

static void test_search(void)
{
	dn_plan_request rq;
	dn_plan p;
	dn_error e;

	dn_plan_init(&p, NULL, 0);
	/* Without interest: N = ceil(P / cap). */
	base(&rq, 100000, 0);
	rq.max_per_period = 30000;
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.n == 4 && p.rows[0].amount == 25000);
	rq.max_per_period = 25000;
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.n == 4);
	rq.max_per_period = 24999;
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.n == 5 && p.rows[0].amount == 20000);
	rq.max_per_period = 100000;
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.n == 1);
	rq.max_per_period = 999999999;
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.n == 1);
	/* 10.00 at most 3.33 a period: 3 would need 3.34 first -> 4. */
	base(&rq, 1000, 0);
	rq.max_per_period = 333;
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.n == 4 && p.rows[0].amount == 250);
	/* With interest, the installment includes it. */
	base(&rq, 1000000, 0);
	rq.annual_rate = dec(12, 0);
	rq.max_per_period = 88849;
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.n == 12 && p.rows[0].amount == 88849);
	rq.max_per_period = 90000;
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.n == 12);
	/* M(11) = 964.5407... -> 964.54, but the last installment is 964.55:
	 * every installment must fit. */
	rq.max_per_period = 96455;
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.n == 11 && p.rows[0].amount == 96454 &&
	      p.rows[10].amount == 96455);
	rq.max_per_period = 96454;
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.n == 12);
	rq.max_per_period = 88848;
	CHECK(dn_plan_make(&rq, &p, &e) == DN_EX_DATAERR);
	CHECK(strstr(e.message, "needs 13 installments") != NULL);
	rq.limits.max_installments = 24;
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.n == 13 && p.rows[0].amount <= 88848);
	/* The whole debt plus one period's interest in one go. */
	rq.max_per_period = 1010000;
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.n == 1 && p.rows[0].amount == 1010000);
	rq.max_per_period = 1009999;
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.n == 2);
	dn_plan_release(&p);
}

static int fails(dn_plan_request *rq, int status, const char *needle)
{
	dn_plan p;
	dn_error e;
	int rc, ok;
	char buf[512];

	dn_plan_init(&p, NULL, 0);
	dn_error_clear(&e);
	rc = dn_plan_make(rq, &p, &e);
	dn_error_format(&e, buf, sizeof buf);
	ok = rc == status && e.status == status && p.n == 0 && strstr(buf, needle) != NULL;
	if (!ok)
		printf("  got %d: %s\n", rc, buf);
	dn_plan_release(&p);
	return ok;
}

static void test_errors(void)
{
	dn_plan_request rq;

	base(&rq, 0, 3);
	rq.customer = "C1";
	rq.customer_len = 2;
	CHECK(fails(&rq, DN_EX_DATAERR, "customer C1: nothing to plan: the balance 0.00 is not positive"));
	rq.principal = -5000;
	CHECK(fails(&rq, DN_EX_DATAERR, "balance -50.00 is not positive"));
	base(&rq, 500000, 24);
	rq.customer = "C1";
	rq.customer_len = 2;
	CHECK(fails(&rq, DN_EX_DATAERR, "customer C1: 24 installments, more than [plan] max_installments (12)"));
	base(&rq, 10000, 6);
	rq.limits.min_installment = 2000;
	CHECK(fails(&rq, DN_EX_DATAERR, "installment 1 of 16.67 is below [plan] min_installment (20.00)"));
	rq.installments = 5;
	{
		dn_plan p;
		dn_error e;
		dn_plan_init(&p, NULL, 0);
		CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.rows[4].amount == 2000);
		dn_plan_release(&p);
	}
	/* The last, smallest installment is checked too: 100.01 in 5 = 20.01, 20 x 4. */
	base(&rq, 10001, 5);
	rq.limits.min_installment = 2001;
	CHECK(fails(&rq, DN_EX_DATAERR, "installment 2 of 20.00 is below"));
	/* A capacity that cannot cover the first period's interest. */
	base(&rq, 1000000, 0);
	rq.annual_rate = dec(12, 0);
	rq.max_per_period = 10000;
	CHECK(fails(&rq, DN_EX_DATAERR, "capacity 100.00 does not cover more than the first period's interest (100.00)"));
	rq.max_per_period = 10001; /* covers it, with 934 installments */
	CHECK(fails(&rq, DN_EX_DATAERR, "at most 100.01 a period needs 934 installments, more than [plan] max_installments (12)"));
	rq.limits.max_installments = 1200;
	{
		dn_plan p;
		dn_error e;
		dn_plan_init(&p, NULL, 0);
		CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.n == 934);
		dn_plan_release(&p);
	}
	/* 1.2 % a year: 10.00 of interest a month; 10.01 would take ~6900. */
	rq.annual_rate = dec(12, 1);
	rq.max_per_period = 1001;
	CHECK(fails(&rq, DN_EX_DATAERR, "at most 10.01 a period needs more than 1200 installments, above [plan] max_installments (1200)"));
	rq.annual_rate = dec(12, 0);
	rq.max_per_period = 0;
	CHECK(fails(&rq, DN_EX_DATAERR, "capacity 0.00 cannot pay anything"));
	rq.max_per_period = -100;
	CHECK(fails(&rq, DN_EX_DATAERR, "capacity -1.00 cannot pay anything"));
	/* Without interest: needs 100 installments of 10.00. */
	base(&rq, 100000, 0);
	rq.max_per_period = 1000;
	CHECK(fails(&rq, DN_EX_DATAERR, "at most 10.00 a period needs 100 installments, more than [plan] max_installments (12)"));
	/* Too small to split: 0.02 in 3 would hold a 0.00 installment. */
	base(&rq, 2, 3);
	CHECK(fails(&rq, DN_EX_DATAERR, "0.02 is too small to split into 3 installments"));
	base(&rq, 3, 3);
	rq.annual_rate = dec(12, 0);
	{
		dn_plan p;
		dn_error e;
		dn_plan_init(&p, NULL, 0);
		CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.total_amount == 3);
		dn_plan_release(&p);
	}
	base(&rq, 1, 3);
	rq.annual_rate = dec(12, 0);
	CHECK(fails(&rq, DN_EX_DATAERR, "too small to split into 3 installments"));
	/* Past the calendar. */
	base(&rq, 30000, 3);
	rq.start = D("2199-11-15");
	CHECK(fails(&rq, DN_EX_DATAERR, "installment 3 would fall due after 2199-12-31"));
	rq.start = D("2199-12-25");
	rq.defer_days = 10;
	CHECK(fails(&rq, DN_EX_DATAERR, "the first installment would fall due after 2199-12-31"));
	/* A settlement that rounds to nothing. */
	base(&rq, 1, 1);
	rq.settle = 1;
	rq.settle_pct = dec(9999, 2);
	CHECK(fails(&rq, DN_EX_DATAERR, "the settlement of 0.01 would be 0.00"));
	/* Out of range: the sum of installments with interest overflows. */
	base(&rq, INT64_MAX - 10, 12);
	rq.annual_rate = dec(12, 0);
	CHECK(fails(&rq, DN_EX_DATAERR, "amount out of range"));
	base(&rq, INT64_MAX / 2, 2);
	rq.annual_rate = dec(100000, 0);
	CHECK(fails(&rq, DN_EX_DATAERR, "out of range"));
	/* Requests no caller should make. */
	base(&rq, 1000, 3);
	rq.annual_rate = dec(-1, 0);
	CHECK(fails(&rq, DN_EX_USAGE, "the rate must not be negative"));
	base(&rq, 1000, 3);
	rq.settle = 1;
	rq.settle_pct = dec(100, 0);
	CHECK(fails(&rq, DN_EX_USAGE, "below 100 percent"));
	rq.settle_pct = dec(-1, 0);
	CHECK(fails(&rq, DN_EX_USAGE, "below 100 percent"));
	base(&rq, 1000, DN_PLAN_MAX_INSTALLMENTS + 1);
	CHECK(fails(&rq, DN_EX_USAGE, "installments must be from 1 to 1200"));
	base(&rq, 1000, 3);
	rq.defer_days = -1;
	CHECK(fails(&rq, DN_EX_USAGE, "deferral"));
	base(&rq, 1000, 3);
	rq.decimals = 10;
	CHECK(fails(&rq, DN_EX_USAGE, "decimals"));
	base(&rq, 1000, 3);
	rq.limits.max_installments = 0;
	CHECK(fails(&rq, DN_EX_USAGE, "bad plan limits"));
	/* A customer name with a line break stays one line. */
	base(&rq, 0, 3);
	rq.customer = "A\nB\xc3\xa9";
	rq.customer_len = 5;
	CHECK(fails(&rq, DN_EX_DATAERR, "customer A\\x0aB\xc3\xa9: nothing to plan"));
}

static void test_ownership(void)
{
	dn_plan_row buf[4];
	dn_plan_request rq;
	dn_plan p, *hp;
	dn_error e;

	/* A lent buffer large enough is used as is. */
	dn_plan_init(&p, buf, 4);
	base(&rq, 1000, 3);
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.rows == buf && buf[2].amount == 333);
	/* Too small: the library allocates, the buffer is left alone. */
	buf[3].amount = 4242;
	rq.installments = 12;
	rq.principal = 120000;
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.rows != buf && p.n == 12);
	CHECK(buf[3].amount == 4242);
	/* Back to a small plan: the lent buffer again. */
	rq.installments = 2;
	CHECK(dn_plan_make(&rq, &p, &e) == 0 && p.rows == buf);
	dn_plan_release(&p);
	CHECK(p.n == 0 && p.rows == buf);
	dn_plan_release(&p);
	dn_plan_release(NULL);
	hp = dn_plan_new();
	CHECK(hp != NULL);
	if (hp != NULL) {
		rq.installments = 12;
		CHECK(dn_plan_make(&rq, hp, &e) == 0 && hp->n == 12);
		CHECK(dn_plan_make(&rq, hp, &e) == 0 && hp->n == 12); /* reuse */
	}
	dn_plan_free(hp);
	dn_plan_free(NULL);
}

static void test_config(void)
{
	const char *path = scratch_put_str("plan.ini", "");
	int fd = open(path, O_RDONLY);
	dn_config *c;
	dn_plan_limits l;
	dn_error e;
	dn_date start = 0;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	scratch_put_str("plan.ini", "[plan]\nmin_installment = 20\nmin_installment_jpy = 2000\n"
				    "first_after_days = 15\n");
	c = dn_config_load(path, &e);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK(dn_plan_limits_load(c, "EUR", 2, &l, &e) == 0 && l.max_installments == 12 &&
		      l.min_installment == 2000);
		CHECK(dn_plan_limits_load(c, "JPY", 0, &l, &e) == 0 && l.min_installment == 2000);
		CHECK(dn_plan_limits_load(c, "BHD", 3, &l, &e) == 0 && l.min_installment == 20000);
		CHECK(dn_plan_default_start(c, D("2026-11-23"), &start, &e) == 0 &&
		      strcmp(ds(start), "2026-12-08") == 0);
		CHECK(dn_plan_default_start(c, D("2199-12-25"), &start, &e) == DN_EX_CONFIG);
		dn_config_free(c);
	}
	/* A limit no plan can meet is refused when the file is loaded, by every
	 * tool, with its line. */
	scratch_put_str("plan.ini", "[plan]\nmax_installments = 0\nmin_installment = 20.5\n");
	c = dn_config_load(path, &e);
	CHECK(c == NULL && e.status == DN_EX_CONFIG);
	{
		char buf[512];
		dn_error_format(&e, buf, sizeof buf);
		CHECK(strstr(buf, ":2: key [plan] max_installments: must be from 1 to 1200: '0'") !=
		      NULL);
	}
	dn_config_free(c);
	scratch_put_str("plan.ini", "[plan]\nmax_installments = 24\nmin_installment = 20.5\n");
	c = dn_config_load(path, &e);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK(dn_plan_limits_load(c, "EUR", 2, &l, &e) == 0 && l.max_installments == 24 &&
		      l.min_installment == 2050);
		CHECK(dn_plan_limits_load(c, "JPY", 0, &l, &e) == DN_EX_CONFIG);
		CHECK(dn_plan_default_start(c, D("2026-11-23"), &start, &e) == 0 &&
		      strcmp(ds(start), "2026-12-23") == 0);
		dn_config_free(c);
	}
}

/* Deterministic pseudo-random numbers (xorshift64*). */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717u;
}

static int64_t rnd_range(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1));
}

/* The SPEC's shape: without interest, parts differ by at most one unit,
 * larger first; with interest, every installment but the last is M. */
static int follows_rule(const dn_plan_request *rq, const dn_plan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		const dn_plan_row *r = &p->rows[i];
		if (rq->annual_rate.num == 0) {
			if (r->interest != 0 || r->amount < p->rows[p->n - 1].amount ||
			    r->amount > p->rows[p->n - 1].amount + 1 ||
			    (i > 0 && r->amount > p->rows[i - 1].amount))
				return 0;
		} else if (i + 1 < p->n && r->amount != p->annuity) {
			return 0;
		}
	}
	return 1;
}

/* Every plan sums exactly to its principal. */
static int plan_is_exact(const dn_plan_request *rq, const dn_plan *p)
{
	int64_t sum_principal = 0, sum_amount = 0, sum_interest = 0, rem = rq->principal;
	size_t i;

	if (p->n < 1)
		return 0;
	for (i = 0; i < p->n; i++) {
		const dn_plan_row *r = &p->rows[i];
		if (r->amount <= 0 || r->principal < 0 || r->interest < 0 ||
		    r->amount != r->principal + r->interest || r->installment != (int)i + 1)
			return 0;
		rem -= r->principal;
		if (r->remaining != rem || rem < 0)
			return 0;
		if (i > 0 && r->due <= p->rows[i - 1].due)
			return 0;
		sum_principal += r->principal;
		sum_amount += r->amount;
		sum_interest += r->interest;
	}
	return sum_principal == rq->principal && rem == 0 && sum_amount == p->total_amount &&
	       sum_interest == p->total_interest && p->rows[p->n - 1].remaining == 0 &&
	       follows_rule(rq, p);
}

static void test_property(void)
{
	static const dn_period every[] = {DN_PERIOD_1M, DN_PERIOD_2W, DN_PERIOD_1W, DN_PERIOD_3M};
	dn_plan_request rq;
	dn_plan p;
	dn_error e;
	int i, bad = 0, failed = 0;

	dn_plan_init(&p, NULL, 0);
	for (i = 0; i < 10000; i++) {
		/* A third without interest, else 0.01 % to 40.00 % a year; any
		 * period; N up to what keeps (1+r)^N <= 10 (beyond, a plan
		 * repays almost nothing before its last installment) and the
		 * dates within the calendar. */
		int64_t rate = i % 3 == 1 ? 0 : rnd_range(1, 4000), nmax;
		dn_period per = every[rnd() % 4];
		int n;

		nmax = per == DN_PERIOD_3M ? 600 : DN_PLAN_MAX_INSTALLMENTS;
		if (rate > 0 && 23000 * dn_period_per_year(per) / rate < nmax)
			nmax = 23000 * dn_period_per_year(per) / rate;
		if (nmax < 1)
			nmax = 1;
		n = (int)(i % 10 == 0 ? rnd_range(1, nmax) : rnd_range(1, nmax < 120 ? nmax : 120));
		base(&rq, 0, n);
		rq.limits.max_installments = DN_PLAN_MAX_INSTALLMENTS;
		rq.principal = rnd_range((int64_t)n * 100, i % 3 == 0 ? 1000000000000 : 10000000);
		rq.annual_rate = dec(rate, 2);
		rq.every = per;
		rq.start = D("2026-01-31");
		if (dn_plan_make(&rq, &p, &e) != 0) {
			if (failed++ < 5)
				printf("  plan %d (%lld in %d at %lld/100): %s\n", i,
				       (long long)rq.principal, n, (long long)rq.annual_rate.num,
				       e.message);
			continue;
		}
		if (!plan_is_exact(&rq, &p) && bad++ < 5)
			printf("  plan %d not exact: %lld in %d at %lld/100\n", i,
			       (long long)rq.principal, n, (long long)rq.annual_rate.num);
	}
	CHECK(failed == 0);
	CHECK(bad == 0);
	/* max-per-period: the N found fits, and N - 1 does not. */
	failed = bad = 0;
	for (i = 0; i < 1000; i++) {
		dn_plan prev;
		int64_t big = 0;
		size_t k;

		base(&rq, rnd_range(10000, 100000000), 0);
		rq.limits.max_installments = DN_PLAN_MAX_INSTALLMENTS;
		rq.annual_rate = dec(i % 2 ? 0 : rnd_range(1, 3000), 2);
		rq.max_per_period = rq.principal / rnd_range(1, 60) + rnd_range(0, 5000);
		{
			/* At least twice the first period's interest. */
			int64_t first = 0;
			dn_plan_period_interest(rq.principal, rq.annual_rate, rq.every, &first);
			if (rq.max_per_period < 2 * first)
				rq.max_per_period = 2 * first;
		}
		if (dn_plan_make(&rq, &p, &e) != 0) {
			if (failed++ < 5)
				printf("  search %d (%lld at most %lld at %lld/100): %s\n", i,
				       (long long)rq.principal, (long long)rq.max_per_period,
				       (long long)rq.annual_rate.num, e.message);
			continue;
		}
		for (k = 0; k < p.n; k++)
			if (p.rows[k].amount > big)
				big = p.rows[k].amount;
		if (big > rq.max_per_period || !plan_is_exact(&rq, &p))
			bad++;
		if (p.n > 1) {
			dn_plan_init(&prev, NULL, 0);
			rq.installments = (int)p.n - 1;
			if (dn_plan_make(&rq, &prev, &e) == 0) {
				big = 0;
				for (k = 0; k < prev.n; k++)
					if (prev.rows[k].amount > big)
						big = prev.rows[k].amount;
				if (big <= rq.max_per_period)
					bad++;
			}
			dn_plan_release(&prev);
		}
	}
	CHECK(failed == 0);
	CHECK(bad == 0);
	dn_plan_release(&p);
}

int main(void)
{
	scratch_open();
	test_periods();
	test_equal_split();
	test_annuity();
	test_interest_rounding();
	test_dates();
	test_defer();
	test_settle();
	test_search();
	test_errors();
	test_ownership();
	test_config();
	test_property();
	scratch_close();
	DONE();
}
