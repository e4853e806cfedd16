/* test_lcheck.c - the invariant of openitems (lcheck.h) on customer states
 * built by hand: it holds when every receivable line's amount is open on
 * the items, and fails (70, naming the customer, both sums in its
 * currency) when the items say something else: the failure openitems
 * could only reach through a bug of its own. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "lcheck.h"
#include "lcust.h"
#include "unit.h"

static dn_lcust *customer(dn_lcusts *t, const char *id, const char *cur, int decimals)
{
	dn_entry en;

	memset(&en, 0, sizeof en);
	en.customer = (dn_span){id, strlen(id)};
	en.customer_name = (dn_span){"Name", 4};
	snprintf(en.currency, sizeof en.currency, "%s", cur);
	en.decimals = decimals;
	en.receivable = 1;
	return dn_lcusts_find(t, &en);
}

/* An item of c open for amount - paid, counted as open at the end. */
static int count(dn_lcust *c, int64_t amount, int64_t paid, dn_error *e)
{
	dn_litem *it = dn_litem_new(c, "F1", 2, 0, 0, amount, 0);
	int rc;

	if (it == NULL)
		return -1;
	it->paid = paid;
	rc = dn_lcheck_count(it, e);
	free(it);
	return rc;
}

static void test_holds(void)
{
	dn_lcusts *t = dn_lcusts_new();
	dn_lcust *c = customer(t, "C1", "EUR", 2), *j = customer(t, "C1", "JPY", 0);
	dn_error e;

	dn_error_clear(&e);
	/* 100.00 invoiced, 40.00 paid; 5000 yen invoiced and a 5000 yen credit. */
	CHECK(dn_lcheck_post(c, 10000, &e) == 0);
	CHECK(dn_lcheck_post(c, -4000, &e) == 0);
	CHECK(dn_lcheck_post(j, 5000, &e) == 0);
	CHECK(dn_lcheck_post(j, -5000, &e) == 0);
	CHECK(count(c, 10000, 4000, &e) == 0);
	CHECK(dn_lcheck_all(t, &e) == 0);
	CHECK(e.status == 0);
	dn_lcusts_free(t);
}

static void test_fails(void)
{
	dn_lcusts *t = dn_lcusts_new();
	dn_lcust *ok = customer(t, "C1", "EUR", 2), *bad = customer(t, "C2", "EUR", 2);
	dn_error e;
	char buf[512];

	dn_error_clear(&e);
	CHECK(dn_lcheck_post(ok, 2500, &e) == 0);
	CHECK(count(ok, 2500, 0, &e) == 0);
	/* C2's lines say 100.00 is owed; its one item says 60.00 is open. */
	CHECK(dn_lcheck_post(bad, 10000, &e) == 0);
	CHECK(count(bad, 10000, 4000, &e) == 0);
	CHECK(dn_lcheck_all(t, &e) == DN_EX_SOFTWARE);
	CHECK(e.status == DN_EX_SOFTWARE);
	CHECK_STR(dn_error_format(&e, buf, sizeof buf),
		  "customer C2: internal check failed: open items 60.00 EUR, debits - credits "
		  "100.00 EUR");
	dn_lcusts_free(t);
}

/* An item counted twice (say, listed by a group and by its customer). */
static void test_counted_twice(void)
{
	dn_lcusts *t = dn_lcusts_new();
	dn_lcust *j = customer(t, "K9", "JPY", 0);
	dn_error e;
	char buf[512];

	dn_error_clear(&e);
	CHECK(dn_lcheck_post(j, 5000, &e) == 0);
	CHECK(count(j, 5000, 0, &e) == 0);
	CHECK(count(j, 5000, 0, &e) == 0);
	CHECK(dn_lcheck_all(t, &e) == DN_EX_SOFTWARE);
	CHECK_STR(dn_error_format(&e, buf, sizeof buf),
		  "customer K9: internal check failed: open items 10000 JPY, debits - credits "
		  "5000 JPY");
	dn_lcusts_free(t);
}

static void test_overflow(void)
{
	dn_lcusts *t = dn_lcusts_new();
	dn_lcust *c = customer(t, "C1", "EUR", 2);
	dn_error e;

	dn_error_clear(&e);
	CHECK(dn_lcheck_post(c, INT64_MAX, &e) == 0);
	CHECK(dn_lcheck_post(c, 1, &e) == DN_EX_DATAERR);
	CHECK_STR(e.message, "balance out of range");
	CHECK(count(c, INT64_MAX, 0, &e) == 0);
	CHECK(count(c, 1, 0, &e) == DN_EX_SOFTWARE);
	CHECK_STR(e.message, "open balance out of range");
	dn_lcusts_free(t);
}

int main(void)
{
	test_holds();
	test_fails();
	test_counted_twice();
	test_overflow();
	DONE();
}
