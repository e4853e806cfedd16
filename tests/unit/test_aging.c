/* test_aging.c - buckets, aging one item at an as-of date, and the
 * per-(group, currency) summary with its per-currency totals. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aging.h"
#include "unit.h"
#include "fixture.h"

static const int std_bounds[] = {30, 60, 90, 120};

static const char *name(const int *bounds, size_t n, size_t idx)
{
	static char buf[24];

	return dn_aging_bucket_name(bounds, n, idx, buf);
}

static void test_buckets(void)
{
	static const int custom[] = {15, 45};
	static const int one[] = {7};

	CHECK(dn_aging_nbuckets(4) == 6);
	CHECK(dn_aging_nbuckets(0) == 2);
	/* current: days <= 0 */
	CHECK(dn_aging_bucket(std_bounds, 4, 0) == 0);
	CHECK(dn_aging_bucket(std_bounds, 4, -5) == 0);
	CHECK(dn_aging_bucket(std_bounds, 4, -100000) == 0);
	/* each bound belongs to the bucket it closes */
	CHECK(dn_aging_bucket(std_bounds, 4, 1) == 1);
	CHECK(dn_aging_bucket(std_bounds, 4, 30) == 1);
	CHECK(dn_aging_bucket(std_bounds, 4, 31) == 2);
	CHECK(dn_aging_bucket(std_bounds, 4, 60) == 2);
	CHECK(dn_aging_bucket(std_bounds, 4, 61) == 3);
	CHECK(dn_aging_bucket(std_bounds, 4, 90) == 3);
	CHECK(dn_aging_bucket(std_bounds, 4, 91) == 4);
	CHECK(dn_aging_bucket(std_bounds, 4, 120) == 4);
	CHECK(dn_aging_bucket(std_bounds, 4, 121) == 5);
	CHECK(dn_aging_bucket(std_bounds, 4, 100000) == 5);

	CHECK_STR(name(std_bounds, 4, 0), "current");
	CHECK_STR(name(std_bounds, 4, 1), "1-30");
	CHECK_STR(name(std_bounds, 4, 2), "31-60");
	CHECK_STR(name(std_bounds, 4, 3), "61-90");
	CHECK_STR(name(std_bounds, 4, 4), "91-120");
	CHECK_STR(name(std_bounds, 4, 5), "121+");

	CHECK(dn_aging_bucket(custom, 2, 15) == 1);
	CHECK(dn_aging_bucket(custom, 2, 16) == 2);
	CHECK(dn_aging_bucket(custom, 2, 45) == 2);
	CHECK(dn_aging_bucket(custom, 2, 46) == 3);
	CHECK_STR(name(custom, 2, 1), "1-15");
	CHECK_STR(name(custom, 2, 2), "16-45");
	CHECK_STR(name(custom, 2, 3), "46+");

	CHECK(dn_aging_bucket(one, 1, 7) == 1);
	CHECK(dn_aging_bucket(one, 1, 8) == 2);
	CHECK_STR(name(one, 1, 1), "1-7");
	CHECK_STR(name(one, 1, 2), "8+");

	/* No bounds: current and everything overdue. */
	CHECK(dn_aging_bucket(NULL, 0, 0) == 0);
	CHECK(dn_aging_bucket(NULL, 0, 1) == 1);
	CHECK_STR(name(NULL, 0, 0), "current");
	CHECK_STR(name(NULL, 0, 1), "1+");
}

/* An invoice of 10.00 EUR issued 2026-01-10, due 2026-02-09, 6.00 paid. */
static dn_item invoice(void)
{
	dn_item it;

	memset(&it, 0, sizeof it);
	it.customer = "C1";
	it.customer_len = 2;
	it.invoice = "F1";
	it.invoice_len = 2;
	it.issue_date = ymd(2026, 1, 10);
	it.due_date = ymd(2026, 2, 9);
	it.amount = 1000;
	it.paid = 600;
	it.balance = 400;
	memcpy(it.currency, "EUR", 4);
	it.decimals = 2;
	return it;
}

static void test_age_item(void)
{
	dn_item it = invoice();
	dn_aged a;

	/* 2026-02-09 -> 2026-03-01: 19 days to Feb 28, one more: 20. */
	memset(&a, 0x55, sizeof a);
	CHECK(dn_age_item(&it, ymd(2026, 3, 1), DN_BASIS_DUE, std_bounds, 4, &a) == 1);
	CHECK(a.balance == 400 && a.days == 20 && a.bucket == 1);
	/* basis issue: 2026-01-10 -> 2026-03-01 = 21 + 28 + 1 = 50 days. */
	CHECK(dn_age_item(&it, ymd(2026, 3, 1), DN_BASIS_ISSUE, std_bounds, 4, &a) == 1);
	CHECK(a.days == 50 && a.bucket == 2);
	/* on the due date: 0 days, current; before it: negative. */
	CHECK(dn_age_item(&it, ymd(2026, 2, 9), DN_BASIS_DUE, std_bounds, 4, &a) == 1);
	CHECK(a.days == 0 && a.bucket == 0);
	CHECK(dn_age_item(&it, ymd(2026, 1, 10), DN_BASIS_DUE, std_bounds, 4, &a) == 1);
	CHECK(a.days == -30 && a.bucket == 0 && a.balance == 400);
	/* issued after as-of: it does not exist yet. */
	CHECK(dn_age_item(&it, ymd(2026, 1, 9), DN_BASIS_DUE, std_bounds, 4, &a) == 0);
	/* a long time later */
	CHECK(dn_age_item(&it, ymd(2027, 2, 9), DN_BASIS_DUE, std_bounds, 4, &a) == 1);
	CHECK(a.days == 365 && a.bucket == 5);

	/* Settled on 2026-03-05 (balance 0): before that day it owed all of it. */
	it.has_paid_date = 1;
	it.paid_date = ymd(2026, 3, 5);
	it.paid = 1000;
	it.balance = 0;
	CHECK(dn_age_item(&it, ymd(2026, 3, 1), DN_BASIS_DUE, std_bounds, 4, &a) == 1);
	CHECK(a.balance == 1000 && a.days == 20);
	CHECK(dn_age_item(&it, ymd(2026, 3, 4), DN_BASIS_DUE, std_bounds, 4, &a) == 1);
	CHECK(a.balance == 1000);
	/* on and after the paid date: the balance as it is */
	CHECK(dn_age_item(&it, ymd(2026, 3, 5), DN_BASIS_DUE, std_bounds, 4, &a) == 1);
	CHECK(a.balance == 0);
	CHECK(dn_age_item(&it, ymd(2026, 6, 1), DN_BASIS_DUE, std_bounds, 4, &a) == 1);
	CHECK(a.balance == 0);
	/* The paid_date decides even when the row's balance was not updated
	 * (no paid column): settled means nothing open from that day on. */
	it.paid = 0;
	it.balance = 1000;
	CHECK(dn_age_item(&it, ymd(2026, 3, 5), DN_BASIS_DUE, std_bounds, 4, &a) == 1);
	CHECK(a.balance == 0);
	CHECK(dn_age_item(&it, ymd(2026, 3, 4), DN_BASIS_DUE, std_bounds, 4, &a) == 1);
	CHECK(a.balance == 1000);

	/* A credit note is aged like any item. */
	it = invoice();
	it.amount = -2500;
	it.paid = 0;
	it.balance = -2500;
	CHECK(dn_age_item(&it, ymd(2026, 5, 10), DN_BASIS_DUE, std_bounds, 4, &a) == 1);
	/* 2026-02-09 -> 2026-05-10: 19 + 31 + 30 + 10 = 90 days */
	CHECK(a.balance == -2500 && a.days == 90 && a.bucket == 3);
}

static dn_aged aged(int64_t balance, size_t bucket)
{
	dn_aged a;

	a.balance = balance;
	a.days = 0;
	a.bucket = bucket;
	return a;
}

static int add(dn_aging_summary *s, const char *group, const char *cur, int decimals,
	       int64_t balance, size_t bucket, dn_error *e)
{
	dn_aged a = aged(balance, bucket);

	return dn_aging_summary_add(s, group, strlen(group), cur, decimals, &a, e);
}

static void test_summary(void)
{
	dn_aging_summary *s = dn_aging_summary_new(6);
	const dn_aging_group *const *g;
	const dn_aging_group *const *t;
	size_t n = 99;
	dn_error e;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	/* Empty. */
	g = dn_aging_summary_groups(s, &n);
	CHECK(n == 0);
	t = dn_aging_summary_totals(s, &n, &e);
	CHECK(n == 0);

	CHECK(add(s, "a", "EUR", 2, 1000, 1, &e) == 0);
	CHECK(add(s, "B", "USD", 2, 250, 0, &e) == 0);
	CHECK(add(s, "B", "EUR", 2, 300, 5, &e) == 0);
	CHECK(add(s, "a", "EUR", 2, -400, 1, &e) == 0); /* a credit nets */
	CHECK(add(s, "a", "EUR", 2, 70, 2, &e) == 0);
	CHECK(add(s, "ab", "EUR", 2, 5, 3, &e) == 0);
	CHECK(add(s, "", "JPY", 0, 9000, 4, &e) == 0);
	/* the group is len bytes: "B" again */
	{
		dn_aged a = aged(1, 0);
		CHECK(dn_aging_summary_add(s, "Bxyz", 1, "EUR", 2, &a, &e) == 0);
	}

	g = dn_aging_summary_groups(s, &n);
	/* Byte order: "" < "B" < "a" < "ab"; then currency. */
	CHECK(n == 5);
	if (g != NULL && n == 5) {
		CHECK_STR(g[0]->group, "");
		CHECK_STR(g[0]->currency, "JPY");
		CHECK(g[0]->decimals == 0 && g[0]->bucket[4] == 9000 && g[0]->total == 9000);
		CHECK_STR(g[1]->group, "B");
		CHECK_STR(g[1]->currency, "EUR");
		CHECK(g[1]->items == 2 && g[1]->bucket[5] == 300 && g[1]->bucket[0] == 1);
		CHECK(g[1]->total == 301);
		CHECK_STR(g[2]->group, "B");
		CHECK_STR(g[2]->currency, "USD");
		CHECK(g[2]->items == 1 && g[2]->bucket[0] == 250 && g[2]->total == 250);
		CHECK_STR(g[3]->group, "a");
		CHECK(g[3]->group_len == 1);
		CHECK(g[3]->items == 3);
		CHECK(g[3]->bucket[1] == 600 && g[3]->bucket[2] == 70 && g[3]->total == 670);
		CHECK(g[3]->bucket[0] == 0 && g[3]->bucket[5] == 0);
		CHECK_STR(g[4]->group, "ab");
		CHECK(g[4]->total == 5);
	}

	/* Totals per currency, sorted: EUR = 301 + 670 + 5, JPY, USD. */
	t = dn_aging_summary_totals(s, &n, &e);
	CHECK(t != NULL && n == 3);
	if (t != NULL && n == 3) {
		CHECK_STR(t[0]->currency, "EUR");
		CHECK(t[0]->total == 976 && t[0]->items == 6 && t[0]->decimals == 2);
		CHECK(t[0]->bucket[0] == 1 && t[0]->bucket[1] == 600 && t[0]->bucket[2] == 70);
		CHECK(t[0]->bucket[3] == 5 && t[0]->bucket[4] == 0 && t[0]->bucket[5] == 300);
		CHECK(t[0]->group == NULL || t[0]->group_len == 0);
		CHECK_STR(t[1]->currency, "JPY");
		CHECK(t[1]->total == 9000 && t[1]->decimals == 0);
		CHECK_STR(t[2]->currency, "USD");
		CHECK(t[2]->total == 250);
	}
	/* Adding after a listing keeps the sums right. */
	CHECK(add(s, "0", "EUR", 2, 24, 1, &e) == 0);
	g = dn_aging_summary_groups(s, &n);
	CHECK(n == 6 && g != NULL && strcmp(g[1]->group, "0") == 0);
	t = dn_aging_summary_totals(s, &n, &e);
	CHECK(t != NULL && n == 3 && t[0]->total == 1000);
	dn_aging_summary_free(s);
	dn_aging_summary_free(NULL);
}

/* Thousands of groups: the table grows, nothing is lost, order holds. */
static void test_many_groups(void)
{
	dn_aging_summary *s = dn_aging_summary_new(6);
	const dn_aging_group *const *g;
	const dn_aging_group *const *t;
	size_t n = 0, i;
	dn_error e;
	long bad = 0;
	int k, round;

	if (s == NULL)
		return;
	/* 5000 customers, each twice, in a scrambled order. */
	for (round = 0; round < 2; round++)
		for (k = 0; k < 5000; k++) {
			char grp[16];
			int id = (k * 7919) % 5000;
			snprintf(grp, sizeof grp, "C%05d", id);
			if (add(s, grp, "EUR", 2, id, (size_t)(id % 6), &e) != 0)
				bad++;
		}
	CHECK(bad == 0);
	g = dn_aging_summary_groups(s, &n);
	CHECK(n == 5000 && g != NULL);
	for (i = 0; g != NULL && i < n; i++) {
		char want[32];
		snprintf(want, sizeof want, "C%05zu", i);
		if (strcmp(g[i]->group, want) != 0 || g[i]->items != 2 ||
		    g[i]->total != 2 * (int64_t)i || g[i]->bucket[i % 6] != 2 * (int64_t)i)
			bad++;
	}
	CHECK(bad == 0);
	/* EUR total: 2 * (0 + 1 + ... + 4999) = 4999 * 5000 = 24995000. */
	t = dn_aging_summary_totals(s, &n, &e);
	CHECK(t != NULL && n == 1 && t[0]->total == 24995000 && t[0]->items == 10000);
	dn_aging_summary_free(s);
}

/* The key of a group in test_sort_order: its bytes (NUL allowed) and
 * currency, and the balance it was given once. */
struct sort_key {
	char bytes[24];
	size_t len;
	const char *currency;
};

static int cmp_sort_key(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->bytes, b->bytes, n);

	if (c == 0)
		c = a->len < b->len ? -1 : a->len > b->len;
	return c != 0 ? c : strcmp(a->currency, b->currency);
}

/* Groups come out in byte order then currency order, however their names
 * share or differ in the first 8 bytes (the sort is by an 8-byte prefix,
 * then by the whole key within a run of one prefix): against qsort over
 * the same keys.  Names of 0 to 20 bytes, any byte (NUL, high bytes), one
 * long run of a shared prefix and many short ones. */
static void test_sort_order(void)
{
	enum { N = 3000 };
	static const char *const cur[] = {"EUR", "JPY", "USD"};
	static struct sort_key key[N];
	dn_aging_summary *s = dn_aging_summary_new(6);
	const dn_aging_group *const *g;
	dn_error e;
	dn_aged a = aged(1, 0);
	size_t n = 0, i, k, made = 0;
	unsigned long x = 12345;
	long bad = 0;

	if (s == NULL)
		return;
	for (i = 0; i < N; i++) {
		struct sort_key *t = &key[made];
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		t->len = (size_t)(x >> 33) % 21;
		for (k = 0; k < t->len; k++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			/* Few distinct bytes, so prefixes collide; a third share
			 * "SAMEPREF" (a run longer than any short one). */
			t->bytes[k] = (char)"\0AB\xe9"[(x >> 40) % 4];
		}
		if (i % 3 == 0 && t->len >= 8)
			memcpy(t->bytes, "SAMEPREF", 8);
		t->currency = cur[(x >> 50) % 3];
		if (dn_aging_summary_add(s, t->bytes, t->len, t->currency, 2, &a, &e) != 0)
			bad++;
		/* A key met before adds to its group: keep one copy. */
		for (k = 0; k < made && cmp_sort_key(&key[k], t) != 0; k++)
			;
		if (k == made)
			made++;
	}
	CHECK(bad == 0);
	qsort(key, made, sizeof key[0], cmp_sort_key);
	g = dn_aging_summary_groups(s, &n);
	CHECK(g != NULL && n == made);
	for (i = 0; g != NULL && i < n && i < made; i++)
		if (g[i]->group_len != key[i].len || memcmp(g[i]->group, key[i].bytes, key[i].len) != 0 ||
		    strcmp(g[i]->currency, key[i].currency) != 0)
			bad++;
	CHECK(bad == 0);
	dn_aging_summary_free(s);
}

/* 40,000 groups: records past the first 2 MiB come from huge-page blocks,
 * the keytab's slots too; prefetch hints (right, wrong or none) between
 * the adds change nothing. */
static void test_large_summary(void)
{
	dn_aging_summary *s = dn_aging_summary_new(6);
	const dn_aging_group *const *g;
	const dn_aging_group *const *t;
	size_t n = 0, i;
	dn_error e;
	long bad = 0;
	int k, round;

	if (s == NULL)
		return;
	for (round = 0; round < 3; round++)
		for (k = 0; k < 40000; k++) {
			char grp[16], next[16];
			int id = (int)(((long)k * 7919) % 40000);
			snprintf(grp, sizeof grp, "G%06d", id);
			snprintf(next, sizeof next, "G%06d", (int)(((long)(k + 4) * 7919) % 40000));
			dn_aging_summary_prefetch(s, next, strlen(next), "eur", 3);
			if (k % 7 == 0)
				dn_aging_summary_prefetch(s, NULL, 0, NULL, 0);
			if (k % 11 == 0)
				dn_aging_summary_prefetch(s, "nope", 4, "EURO", 4);
			if (add(s, grp, k % 5 ? "EUR" : "USD", 2, id + 1, (size_t)(id % 6), &e) != 0)
				bad++;
		}
	CHECK(bad == 0);
	g = dn_aging_summary_groups(s, &n);
	/* Each id is EUR or USD according to k, the same each round. */
	CHECK(g != NULL && n >= 40000);
	for (i = 0; g != NULL && i + 1 < n; i++)
		if (strcmp(g[i]->group, g[i + 1]->group) > 0 ||
		    (strcmp(g[i]->group, g[i + 1]->group) == 0 &&
		     strcmp(g[i]->currency, g[i + 1]->currency) >= 0))
			bad++;
	for (i = 0; g != NULL && i < n; i++) {
		int id = atoi(g[i]->group + 1);
		if (g[i]->items != 3 || g[i]->total != 3 * (int64_t)(id + 1) ||
		    g[i]->bucket[id % 6] != 3 * (int64_t)(id + 1) || g[i]->group_len != 7)
			bad++;
	}
	CHECK(bad == 0);
	/* 3 x (1 + ... + 40000) in all, split over the two currencies. */
	t = dn_aging_summary_totals(s, &n, &e);
	CHECK(t != NULL && n == 2);
	if (t != NULL && n == 2) {
		CHECK_STR(t[0]->currency, "EUR");
		CHECK_STR(t[1]->currency, "USD");
		CHECK(t[0]->total + t[1]->total == 3 * (int64_t)40000 * 40001 / 2);
		CHECK(t[0]->items + t[1]->items == 120000);
	}
	dn_aging_summary_free(s);
}

static void test_overflow(void)
{
	dn_aging_summary *s = dn_aging_summary_new(6);
	size_t n = 0;
	dn_error e;
	const dn_aging_group *const *t;

	if (s == NULL)
		return;
	CHECK(add(s, "x", "EUR", 2, INT64_MAX - 1, 1, &e) == 0);
	dn_error_clear(&e);
	CHECK(add(s, "x", "EUR", 2, 2, 1, &e) == DN_EX_DATAERR);
	CHECK(e.status == DN_EX_DATAERR);
	CHECK_STR(e.message, "sum out of range");
	/* A failed add changes nothing. */
	{
		const dn_aging_group *const *g = dn_aging_summary_groups(s, &n);
		CHECK(n == 1 && g != NULL && g[0]->total == INT64_MAX - 1 && g[0]->items == 1);
		CHECK(n == 1 && g != NULL && g[0]->bucket[1] == INT64_MAX - 1);
	}
	/* The bucket would fit but the total would not: neither changes. */
	CHECK(add(s, "x", "EUR", 2, 2, 5, &e) == DN_EX_DATAERR);
	CHECK_STR(e.message, "sum out of range");
	{
		const dn_aging_group *const *g = dn_aging_summary_groups(s, &n);
		CHECK(n == 1 && g != NULL && g[0]->bucket[5] == 0 && g[0]->items == 1);
		CHECK(n == 1 && g != NULL && g[0]->total == INT64_MAX - 1);
	}
	/* Two groups that fit alone but not together in the currency total. */
	CHECK(add(s, "y", "EUR", 2, 5, 2, &e) == 0);
	dn_error_clear(&e);
	t = dn_aging_summary_totals(s, &n, &e);
	CHECK(t == NULL);
	CHECK(e.status == DN_EX_DATAERR);
	CHECK_STR(e.message, "sum out of range");
	/* Other currencies are separate sums. */
	dn_aging_summary_free(s);
	s = dn_aging_summary_new(6);
	if (s == NULL)
		return;
	CHECK(add(s, "x", "EUR", 2, INT64_MAX - 1, 1, &e) == 0);
	CHECK(add(s, "x", "USD", 2, INT64_MAX - 1, 1, &e) == 0);
	CHECK(add(s, "x", "EUR", 2, -(INT64_MAX - 1), 1, &e) == 0);
	CHECK(add(s, "y", "EUR", 2, INT64_MAX - 1, 1, &e) == 0);
	t = dn_aging_summary_totals(s, &n, &e);
	CHECK(t != NULL && n == 2 && t[0]->total == INT64_MAX - 1 && t[1]->total == INT64_MAX - 1);
	dn_aging_summary_free(s);
}

int main(void)
{
	test_buckets();
	test_age_item();
	test_summary();
	test_many_groups();
	test_sort_order();
	test_overflow();
	test_large_summary();
	DONE();
}
