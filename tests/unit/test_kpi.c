/* test_kpi.c - the metrics of SPEC "kpi" on the worked examples, items
 * adding to the sums through the one item-state definition, periods,
 * rounding, roll rates, and partial sums written and merged back. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kpi.h"
#include "scratch.h"
#include "unit.h"
#include "fixture.h"

static const int std_bounds[] = {30, 60, 90, 120};

/* The metric as printed ("36.50"), or "" when empty. */
static const char *metric(const dn_kpi_sums *s, dn_kpi_period p, dn_metric m)
{
	static char buf[DN_MONEY_BUFSZ];
	int64_t cost[DN_KPI_NCHANNELS] = {50, 10, 120, 300, 15000};
	dn_kpi_value v;
	dn_error e;

	if (dn_kpi_metric(s, &p, m, cost, &v, &e) != 0)
		return "(error)";
	if (v.empty)
		return "";
	if (dn_metric_is_money(m))
		dn_money_format(v.v, 2, buf);
	else
		dn_kpi_format_hundredths(v.v, buf);
	return buf;
}

static void test_worked_examples(void)
{
	dn_kpi_sums s;
	dn_kpi_period year = {ymd(2025, 1, 1), ymd(2025, 12, 31)};
	dn_kpi_period q1 = {ymd(2026, 1, 1), ymd(2026, 3, 31)};

	/* DSO 200,000 / 2,000,000 x 365 = 36.5 */
	memset(&s, 0, sizeof s);
	s.v[DN_S_AR_TO] = 20000000;
	s.v[DN_S_SALES] = 200000000;
	CHECK_STR(metric(&s, year, DN_M_DSO), "36.50");
	s.v[DN_S_CURRENT_TO] = 5000000;
	CHECK_STR(metric(&s, year, DN_M_BEST_POSSIBLE_DSO), "9.13"); /* 9.125: half up */
	CHECK_STR(metric(&s, year, DN_M_ADD), "27.38");               /* 27.375, once */

	/* Countback: AR 2,100,000; March 900,000 (31 days), February 800,000
	 * (28), January 700,000 (31): 31 + 28 + 400/700 x 31 = 76.71. */
	memset(&s, 0, sizeof s);
	s.v[DN_S_AR_TO] = 210000000;
	s.v[DN_S_MONTH + 0] = 90000000;
	s.v[DN_S_MONTH + 1] = 80000000;
	s.v[DN_S_MONTH + 2] = 70000000;
	CHECK_STR(metric(&s, q1, DN_M_DSO_COUNTBACK), "76.71");
	/* AR within the first month: its share of the month's days. */
	s.v[DN_S_AR_TO] = 45000000;
	CHECK_STR(metric(&s, q1, DN_M_DSO_COUNTBACK), "15.50");
	/* AR beyond 24 months of (no) sales: the last month's sales are 0. */
	memset(&s, 0, sizeof s);
	s.v[DN_S_AR_TO] = 100;
	CHECK_STR(metric(&s, q1, DN_M_DSO_COUNTBACK), "");
	s.v[DN_S_AR_TO] = 0;
	CHECK_STR(metric(&s, q1, DN_M_DSO_COUNTBACK), "0.00");

	/* CEI (100,000 + 1,000,000 - 120,000) / (100,000 + 1,000,000 - 100,000) = 98 % */
	memset(&s, 0, sizeof s);
	s.v[DN_S_AR_BEFORE] = 10000000;
	s.v[DN_S_SALES] = 100000000;
	s.v[DN_S_AR_TO] = 12000000;
	s.v[DN_S_CURRENT_TO] = 10000000;
	CHECK_STR(metric(&s, q1, DN_M_CEI), "98.00");

	/* Weighted days to pay (10 x 1000 + 6 x 3000) / 4000 = 7 */
	memset(&s, 0, sizeof s);
	s.v[DN_S_PAID_N] = 2;
	s.v[DN_S_PAID_DAYS] = 16;
	s.v[DN_S_PAID_AMOUNT] = 400000;
	s.v[DN_S_PAID_WDAYS] = 10 * 100000 + 6 * 300000;
	CHECK_STR(metric(&s, q1, DN_M_AVG_DAYS_TO_PAY_WEIGHTED), "7.00");
	CHECK_STR(metric(&s, q1, DN_M_AVG_DAYS_TO_PAY), "8.00");
}

static void test_zero_denominators(void)
{
	dn_kpi_sums s;
	dn_kpi_period p = {ymd(2026, 1, 1), ymd(2026, 3, 31)};
	dn_kpi_value v;
	dn_error e;
	int m;

	memset(&s, 0, sizeof s);
	for (m = 0; m < DN_M_COUNT; m++) {
		CHECK(dn_kpi_metric(&s, &p, (dn_metric)m, NULL, &v, &e) == 0);
		if (dn_metric_is_money((dn_metric)m))
			CHECK(!v.empty && v.v == 0);
		else if (m != DN_M_DSO_COUNTBACK)
			CHECK(v.empty && v.why != NULL && v.why[0] != '\0');
	}
	dn_kpi_metric(&s, &p, DN_M_DSO, NULL, &v, &e);
	CHECK_STR(v.why, "no credit sales");
}

static void test_rounding(void)
{
	int64_t h;
	char buf[DN_MONEY_BUFSZ];

	CHECK(dn_kpi_hundredths(1, 8, &h) == 0 && h == 13);  /* 0.125 -> 0.13 */
	CHECK(dn_kpi_hundredths(-1, 8, &h) == 0 && h == -13); /* away from zero */
	CHECK(dn_kpi_hundredths(1, 3, &h) == 0 && h == 33);
	CHECK(dn_kpi_hundredths(2, 3, &h) == 0 && h == 67);
	CHECK(dn_kpi_hundredths(1, 0, &h) == -1);
	dn_kpi_format_hundredths(-5, buf);
	CHECK_STR(buf, "-0.05");
	dn_kpi_format_hundredths(123456, buf);
	CHECK_STR(buf, "1234.56");
}

static void test_periods(void)
{
	dn_kpi_period p[16];
	long n;

	n = dn_kpi_periods(ymd(2026, 1, 15), ymd(2026, 4, 2), DN_EVERY_MONTH, p, 16);
	CHECK(n == 4);
	CHECK(p[0].from == ymd(2026, 1, 15) && p[0].to == ymd(2026, 1, 31));
	CHECK(p[1].from == ymd(2026, 2, 1) && p[1].to == ymd(2026, 2, 28));
	CHECK(p[3].from == ymd(2026, 4, 1) && p[3].to == ymd(2026, 4, 2));
	n = dn_kpi_periods(ymd(2025, 11, 20), ymd(2026, 8, 1), DN_EVERY_QUARTER, p, 16);
	CHECK(n == 4);
	CHECK(p[0].to == ymd(2025, 12, 31) && p[1].from == ymd(2026, 1, 1));
	CHECK(p[1].to == ymd(2026, 3, 31) && p[3].from == ymd(2026, 7, 1));
	CHECK(p[3].to == ymd(2026, 8, 1));
	n = dn_kpi_periods(ymd(2026, 1, 1), ymd(2026, 1, 1), DN_EVERY_NONE, p, 16);
	CHECK(n == 1 && p[0].from == p[0].to);
	CHECK(dn_kpi_periods(ymd(2020, 1, 1), ymd(2026, 1, 1), DN_EVERY_MONTH, p, 16) == -1);
}

static dn_item item(int64_t amount, dn_date issue, dn_date due, int paid_on, dn_date paid_date)
{
	dn_item it;

	memset(&it, 0, sizeof it);
	it.customer = "C1";
	it.customer_len = 2;
	it.invoice = "F1";
	it.invoice_len = 2;
	it.issue_date = issue;
	it.due_date = due;
	it.amount = amount;
	it.balance = paid_on ? 0 : amount;
	it.paid = paid_on ? amount : 0;
	it.has_paid_date = paid_on;
	it.paid_date = paid_date;
	memcpy(it.currency, "EUR", 4);
	it.decimals = 2;
	return it;
}

static dn_kpi *new_kpi(dn_kpi_period *p, size_t np, dn_date from, dn_date to)
{
	dn_kpi_spec sp;

	memset(&sp, 0, sizeof sp);
	sp.from = from;
	sp.to = to;
	sp.periods = p;
	sp.nperiods = np;
	sp.every = np > 1 ? DN_EVERY_MONTH : DN_EVERY_NONE; /* as dn_kpi_periods made them */
	sp.bounds = std_bounds;
	sp.nbounds = 4;
	return dn_kpi_new(&sp);
}

static void test_items(void)
{
	dn_kpi_period p = {ymd(2026, 1, 1), ymd(2026, 3, 31)};
	dn_kpi *k = new_kpi(&p, 1, p.from, p.to);
	dn_date never = ymd(2199, 1, 1);
	dn_kpi_group *const *g;
	dn_item a, b, c, d, late;
	dn_error e;
	size_t n;

	/* (10 x 1000 + 6 x 3000) / 4000 = 7, from items paid in full. */
	a = item(100000, ymd(2026, 1, 5), ymd(2026, 1, 20), 1, ymd(2026, 1, 15));
	b = item(300000, ymd(2026, 2, 1), ymd(2026, 2, 3), 1, ymd(2026, 2, 7));
	/* Open at the end, issued before the period: AR(from - 1) and AR(to). */
	c = item(50000, ymd(2025, 12, 1), ymd(2025, 12, 31), 0, 0);
	/* Paid after the period: open for its whole amount at to. */
	d = item(20000, ymd(2026, 3, 1), ymd(2026, 4, 30), 1, ymd(2026, 4, 10));
	/* Issued after the span: adds nothing. */
	late = item(99900, ymd(2026, 4, 1), ymd(2026, 4, 1), 0, 0);
	CHECK(k != NULL);
	CHECK(dn_kpi_add_item(k, "", 0, &a, never, &e) == 0);
	CHECK(dn_kpi_add_item(k, "", 0, &b, never, &e) == 0);
	CHECK(dn_kpi_add_item(k, "", 0, &c, never, &e) == 0);
	CHECK(dn_kpi_add_item(k, "", 0, &d, never, &e) == 0);
	CHECK(dn_kpi_add_item(k, "", 0, &late, never, &e) == 0);
	g = dn_kpi_groups(k, &n);
	CHECK(n == 1);
	if (n == 1) {
		const dn_kpi_sums *s = &g[0]->p[0];
		CHECK(s->v[DN_S_ITEMS] == 4);
		CHECK_STR(metric(s, p, DN_M_AVG_DAYS_TO_PAY_WEIGHTED), "7.00");
		CHECK_STR(metric(s, p, DN_M_AVG_DAYS_LATE), "2.00"); /* (0 + 4) / 2 */
		CHECK(s->v[DN_S_SALES] == 420000);
		CHECK(s->v[DN_S_AR_BEFORE] == 50000);
		CHECK(s->v[DN_S_AR_TO] == 70000);
		CHECK(s->v[DN_S_CURRENT_TO] == 20000);
		CHECK(s->v[DN_S_COLLECTED] == 400000);
		CHECK(s->v[DN_S_COLLECTIONS] == 2);
		/* (50,000 + 420,000 - 70,000) / (50,000 + 420,000 - 20,000) */
		CHECK_STR(metric(s, p, DN_M_CEI), "88.89");
		/* Aging at to: c is 90 days past due (61-90), d current. */
		CHECK(s->v[DN_S_AGING + 0] == 20000 && s->v[DN_S_AGING + 3] == 50000);
		/* Roll: c was in 1-30 at from and is in 61-90 at to. */
		CHECK(s->v[DN_S_ROLL + 1 * DN_KPI_ROLL_TO + 3] == 50000);
	}
	dn_kpi_free(k);
}

static void test_sum_names(void)
{
	char buf[32];
	size_t i;
	int ok = 1;

	for (i = 0; i < DN_S_COUNT; i++) {
		dn_kpi_sum_name(i, buf);
		if (dn_kpi_sum_index(buf, strlen(buf)) != (int)i)
			ok = 0;
	}
	CHECK(ok);
	CHECK_STR(dn_kpi_sum_name(DN_S_MONTH + 3, buf), "month.3");
	CHECK_STR(dn_kpi_sum_name(DN_S_CHANNEL + DN_KPI_LEGAL, buf), "channel.legal");
	CHECK(dn_kpi_sum_index("nope", 4) == -1);
	CHECK(dn_metric_from_name("dso_countback") == DN_M_DSO_COUNTBACK);
	CHECK(dn_metric_from_name("DSO") == -1);
}

/* Two halves written as partial files and merged equal the whole. */
static void test_partial_merge(void)
{
	dn_kpi_period p[3];
	long np = dn_kpi_periods(ymd(2026, 1, 1), ymd(2026, 3, 31), DN_EVERY_MONTH, p, 3);
	dn_kpi *whole = new_kpi(p, 3, p[0].from, p[2].to), *half[2], *merged = NULL;
	dn_date never = ymd(2199, 1, 1);
	dn_currencies *cur = dn_currencies_new();
	dn_kpi_group *const *gw, *const *gm;
	char *by = NULL;
	const char *path[2];
	size_t nw, nm, i;
	dn_error e;
	int h, same = 1;

	CHECK(np == 3);
	half[0] = new_kpi(p, 3, p[0].from, p[2].to);
	half[1] = new_kpi(p, 3, p[0].from, p[2].to);
	scratch_open();
	for (i = 0; i < 20; i++) {
		dn_item it = item((int64_t)(i + 1) * 1234, ymd(2025, 11, 1) + (dn_date)(i * 7),
				  ymd(2025, 12, 1) + (dn_date)(i * 7), (int)(i % 3 == 0),
				  ymd(2026, 1, 10) + (dn_date)i);
		const char *grp = i % 2 ? "a" : "b,\"quoted\"";
		dn_kpi_add_item(whole, grp, strlen(grp), &it, never, &e);
		dn_kpi_add_item(half[i % 4 == 0], grp, strlen(grp), &it, never, &e);
	}
	for (h = 0; h < 2; h++) {
		FILE *fp;
		path[h] = scratch_path(h ? "b.csv" : "a.csv");
		fp = fopen(path[h], "w");
		CHECK(fp != NULL && dn_kpi_write_partial(half[h], "segment", fp, &e) == 0);
		if (fp)
			fclose(fp);
	}
	for (h = 0; h < 2; h++) {
		char msg[512];
		int rc = dn_kpi_merge_file(&merged, path[h], ',', cur, &by, &e);
		CHECK(rc == 0);
		if (rc != 0)
			printf("  %s\n", dn_error_format(&e, msg, sizeof msg));
	}
	CHECK_STR(by, "segment");
	gw = dn_kpi_groups(whole, &nw);
	gm = merged ? dn_kpi_groups(merged, &nm) : NULL;
	CHECK(gm != NULL && nw == nm && nw == 2);
	for (i = 0; gm != NULL && i < nw && i < nm; i++)
		if (strcmp(gw[i]->group, gm[i]->group) != 0 ||
		    memcmp(gw[i]->p, gm[i]->p, 3 * sizeof *gw[i]->p) != 0)
			same = 0;
	CHECK(same);
	/* A partial file of another run does not merge. */
	{
		dn_kpi_period q = {ymd(2026, 1, 1), ymd(2026, 3, 31)};
		dn_kpi *other = new_kpi(&q, 1, q.from, q.to);
		FILE *fp = fopen(scratch_path("c.csv"), "w");
		dn_kpi_write_partial(other, "segment", fp, &e);
		fclose(fp);
		CHECK(dn_kpi_merge_file(&merged, scratch_path("c.csv"), ',', cur, &by, &e) ==
		      DN_EX_DATAERR);
		CHECK(strstr(e.message, "partial files of different runs") != NULL);
		dn_kpi_free(other);
	}
	scratch_close();
	free(by);
	dn_kpi_free(whole);
	dn_kpi_free(half[0]);
	dn_kpi_free(half[1]);
	dn_kpi_free(merged);
	dn_currencies_free(cur);
}

int main(void)
{
	test_worked_examples();
	test_zero_denominators();
	test_rounding();
	test_periods();
	test_items();
	test_sum_names();
	test_partial_merge();
	DONE();
}
