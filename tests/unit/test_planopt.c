/* test_planopt.c - plan's options read, checked, and made into the debt and
 * the request of a plan (libdunning/planopt.h). */
#include <stdio.h>
#include <string.h>

#include "dunning.h"
#include "scratch.h"
#include "unit.h"
#include "fixture.h"

static void test_readers(void)
{
	dn_plan_opts o;
	dn_error e;

	dn_plan_opts_init(&o);
	CHECK(o.of == DN_PLAN_OF_OVERDUE && o.rq.every == DN_PERIOD_1M && !o.rq.settle);
	CHECK(dn_plan_opt_max_pp("--max-per-period", "150.5", &o, &e) == 0);
	CHECK(o.has_max_pp && o.max_pp.num == 1505 && o.max_pp.scale == 1);
	CHECK_STR(o.max_pp_text, "150.5");
	CHECK(dn_plan_opt_max_pp("--max-per-period", "+1", &o, &e) == DN_EX_USAGE);
	CHECK_STR(e.message, "not a positive amount");
	CHECK(dn_plan_opt_max_pp("--max-per-period", "0", &o, &e) == DN_EX_USAGE);
	CHECK(dn_plan_opt_max_pp("--max-per-period", "-3", &o, &e) == DN_EX_USAGE);
	CHECK(dn_plan_opt_every("--every", "2w", &o, &e) == 0 && o.rq.every == DN_PERIOD_2W);
	CHECK(dn_plan_opt_every("--every", "2m", &o, &e) == DN_EX_USAGE);
	CHECK_STR(e.name, "--every");
	CHECK(dn_plan_opt_rate("--rate", "4.5%", &o, &e) == 0 && o.rq.annual_rate.num == 45);
	CHECK(dn_plan_opt_rate("--rate", "-1", &o, &e) == DN_EX_USAGE);
	CHECK(dn_plan_opt_settle("--settle", "100", &o, &e) == DN_EX_USAGE && !o.rq.settle);
	CHECK(dn_plan_opt_settle("--settle", "99.99", &o, &e) == 0 && o.rq.settle);
}

/* Whether the checks refuse o, as a usage error naming opt and saying msg. */
static int refuses(const dn_plan_opts *o, const dn_common *c, int noperands, const char *opt,
		   const char *msg)
{
	dn_error e;

	return dn_plan_opts_check(o, c, noperands, &e) == DN_EX_USAGE &&
	       strcmp(e.name, opt) == 0 && strcmp(e.message, msg) == 0;
}

static void test_check(void)
{
	dn_common c;
	dn_plan_opts o;
	dn_error e;

	memset(&c, 0, sizeof c);
	dn_plan_opts_init(&o);
	CHECK(dn_plan_opts_check(&o, &c, 2, &e) == 0); /* rows */
	o.currency = "EUR";
	CHECK(refuses(&o, &c, 0, "--currency", "only with --amount"));
	o.amount = "100";
	CHECK(refuses(&o, &c, 0, "--amount", "give --installments or --max-per-period"));
	o.installments = 3;
	CHECK(dn_plan_opts_check(&o, &c, 0, &e) == 0);
	CHECK(refuses(&o, &c, 1, "--amount", "no FILE operand with --amount"));
	c.rejects = "r.csv";
	CHECK(refuses(&o, &c, 0, "--rejects", "only when reading rows (not with --amount)"));
	o.has_max_pp = 1;
	CHECK(refuses(&o, &c, 0, "--max-per-period", "not with --installments"));
}

static void test_debt_and_request(void)
{
	dn_config *cfg = cfg_of("[general]\ncurrency = EUR\n[plan]\nmin_installment_jpy = 1000\n");
	dn_plan_opts o;
	dn_plan_debt d;
	dn_plan_request rq;
	int64_t max_pp;
	dn_error e;

	dn_plan_opts_init(&o);
	o.amount = "1234.50";
	CHECK(dn_plan_opt_max_pp("--max-per-period", "100.5", &o, &e) == 0);
	CHECK(dn_plan_opts_debt(&o, cfg, &d, &max_pp, &e) == 0);
	CHECK(strcmp(d.currency, "EUR") == 0 && d.decimals == 2 && d.principal == 123450);
	CHECK(max_pp == 10050 && d.customer_len == 0);
	o.currency = "jpy";
	o.customer = "C7";
	CHECK(dn_plan_opts_debt(&o, cfg, &d, &max_pp, &e) == DN_EX_USAGE);
	CHECK_STR(e.name, "--amount");
	o.amount = "5000";
	CHECK(dn_plan_opts_debt(&o, cfg, &d, &max_pp, &e) == DN_EX_USAGE);
	CHECK_STR(e.message, "too many decimals for JPY");
	o.currency = "XYZ";
	CHECK(dn_plan_opts_debt(&o, cfg, &d, &max_pp, &e) == DN_EX_USAGE);
	CHECK_STR(e.message, "unknown currency");

	/* The request: the options' one, the debt's amount, the currency's limits. */
	o.currency = "JPY";
	o.has_max_pp = 0;
	o.installments = 4;
	CHECK(dn_plan_opt_rate("--rate", "3", &o, &e) == 0);
	CHECK(dn_plan_opts_debt(&o, cfg, &d, &max_pp, &e) == 0 && max_pp == 0);
	CHECK(dn_plan_opts_request(&o, cfg, &d, 1, 0, &rq, &e) == 0);
	CHECK(rq.principal == 5000 && rq.decimals == 0 && rq.installments == 4);
	CHECK(rq.customer_len == 2 && memcmp(rq.customer, "C7", 2) == 0);
	CHECK(rq.annual_rate.num == 3 && rq.limits.min_installment == 1000);
	CHECK(dn_plan_opts_request(&o, cfg, &d, 0, 0, &rq, &e) == 0 && rq.customer == NULL);
	dn_config_free(cfg);
}

static void test_row_max_pp(void)
{
	dn_config *cfg = cfg_of("[columns]\ncapacity = Mensualite\n");
	dn_plan_opts o;
	dn_plan_debt d = {.customer = "C1", .customer_len = 2, .currency = "JPY"};
	int64_t max_pp;
	dn_error e;

	dn_plan_opts_init(&o);
	d.has_capacity = 1;
	d.capacity = 700;
	CHECK(dn_plan_opts_row_max_pp(&o, cfg, &d, &max_pp, &e) == 0 && max_pp == 700);
	o.installments = 2; /* --installments: no most per period */
	CHECK(dn_plan_opts_row_max_pp(&o, cfg, &d, &max_pp, &e) == 0 && max_pp == 0);
	o.installments = 0;
	d.has_capacity = 0;
	CHECK(dn_plan_opts_row_max_pp(&o, cfg, &d, &max_pp, &e) == DN_EX_DATAERR);
	CHECK_STR(e.name, "Mensualite");
	CHECK(dn_plan_opt_max_pp("--max-per-period", "99.5", &o, &e) == 0);
	CHECK(dn_plan_opts_row_max_pp(&o, cfg, &d, &max_pp, &e) == DN_EX_DATAERR);
	CHECK_STR(e.name, "--max-per-period");
	CHECK(dn_plan_opt_max_pp("--max-per-period", "99", &o, &e) == 0);
	CHECK(dn_plan_opts_row_max_pp(&o, cfg, &d, &max_pp, &e) == 0 && max_pp == 99);
	dn_config_free(cfg);
}

static void test_start(void)
{
	dn_config *cfg = cfg_of("[plan]\nfirst_after_days = 10\n");
	dn_plan_opts o;
	dn_error e;

	dn_plan_opts_init(&o);
	CHECK(dn_plan_opts_start(&o, cfg, day("2026-11-23"), &e) == 0);
	CHECK(o.rq.start == day("2026-12-03"));
	o.has_start = 1;
	o.rq.start = day("2027-01-15");
	CHECK(dn_plan_opts_start(&o, cfg, day("2026-11-23"), &e) == 0);
	CHECK(o.rq.start == day("2027-01-15"));
	dn_config_free(cfg);
}

int main(void)
{
	scratch_open();
	test_readers();
	test_check();
	test_debt_and_request();
	test_row_max_pp();
	test_start();
	scratch_close();
	DONE();
}
