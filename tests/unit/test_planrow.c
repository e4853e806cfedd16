/* test_planrow.c - a customer row into the debt a plan is made for. */
#include <stdio.h>
#include <string.h>

#include "dunning.h"
#include "scratch.h"
#include "unit.h"

struct fx {
	dn_config *cfg;
	dn_csv_reader *rd;
	dn_plan_source s;
};

static int fx_open(struct fx *f, const char *csv, int of_balance, dn_error *e)
{
	const char *path = scratch_put_str("rows.csv", csv);

	f->cfg = dn_config_load(scratch_put_str("p.ini", ""), e);
	f->rd = dn_csv_reader_new(&path, 1, ',', e);
	return dn_plan_source_init(&f->s, f->rd, f->cfg, of_balance, e);
}

static void fx_close(struct fx *f)
{
	dn_csv_reader_free(f->rd);
	dn_config_free(f->cfg);
}

static int next(struct fx *f, dn_plan_debt *d, dn_error *e)
{
	dn_row row;

	if (dn_csv_next(f->rd, &row, e) != 1)
		return -99;
	return dn_plan_source_read(&f->s, &row, d, e);
}

static void test_balance_less_disputed(void)
{
	struct fx f;
	dn_plan_debt d;
	dn_error e;

	CHECK(fx_open(&f, "customer,currency,balance,overdue,disputed,priority,capacity\n"
			  "C1,eur,1000.00,600.00,400.00,B,50\n"
			  "C2,EUR,300.00,0.00,300.00,hold,\n"
			  "C3,JPY,5000,5000,,A,\n",
		      1, &e) == 0);
	CHECK(next(&f, &d, &e) == 0);
	CHECK(d.principal == 60000 && strcmp(d.currency, "EUR") == 0 && d.decimals == 2);
	CHECK(d.has_capacity && d.capacity == 5000);
	CHECK(d.customer_len == 2 && memcmp(d.customer, "C1", 2) == 0);
	CHECK(next(&f, &d, &e) == DN_PLAN_HELD);
	CHECK(next(&f, &d, &e) == 0);
	CHECK(d.principal == 5000 && d.decimals == 0 && !d.has_capacity);
	fx_close(&f);
	/* With overdue (prioritize already left the disputed part out). */
	CHECK(fx_open(&f, "customer,overdue,disputed\nC1,600.00,400.00\n", 0, &e) == 0);
	CHECK(next(&f, &d, &e) == 0);
	CHECK(d.principal == 60000);
	fx_close(&f);
}

static void test_bad_rows(void)
{
	struct fx f;
	dn_plan_debt d;
	dn_error e;

	CHECK(fx_open(&f, "customer,currency,overdue\nC1,XYZ,10\nC2,EUR,1.234\n", 0, &e) == 0);
	CHECK(next(&f, &d, &e) == DN_EX_DATAERR);
	CHECK_STR(e.message, "unknown currency");
	CHECK_STR(e.name, "currency");
	CHECK(e.line == 2);
	CHECK(next(&f, &d, &e) == DN_EX_DATAERR);
	CHECK_STR(e.name, "overdue");
	fx_close(&f);
	CHECK(fx_open(&f, "customer,balance\nC1,10\n", 0, &e) == DN_EX_DATAERR);
	CHECK_STR(e.name, "overdue");
	fx_close(&f);
	CHECK(fx_open(&f, "client,overdue\nC1,10\n", 0, &e) == DN_EX_DATAERR);
	CHECK_STR(e.name, "customer");
	fx_close(&f);
}

static void test_ref(void)
{
	char a[24], b[24], c[24];

	dn_plan_ref("C1", 2, "EUR", 20000, 60000, a);
	dn_plan_ref("C1", 2, "EUR", 20000, 60000, b);
	dn_plan_ref("C1", 2, "EUR", 20001, 60000, c);
	CHECK_STR(a, b);
	CHECK(strcmp(a, c) != 0);
	CHECK(strlen(a) == 17 && strncmp(a, "PLAN-", 5) == 0);
}

int main(void)
{
	scratch_open();
	test_balance_less_disputed();
	test_bad_rows();
	test_ref();
	scratch_close();
	DONE();
}
