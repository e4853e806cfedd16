/* test_lgroup.c - the lettering groups' table: one group per (account,
 * customer, letter, currency), case-sensitive; a key's parts cannot slide
 * into each other; groups taken out in any order leave every other one
 * findable (linear probing's deletion, wrapping round the table); two
 * members in the group's own room, more in an array; popping empties it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lgroup.h"
#include "unit.h"

static dn_entry line(const char *acc, const char *cust, const char *letter, const char *cur)
{
	dn_entry en;

	memset(&en, 0, sizeof en);
	en.account = (dn_span){acc, strlen(acc)};
	en.customer = (dn_span){cust, strlen(cust)};
	en.letter = (dn_span){letter, strlen(letter)};
	snprintf(en.currency, sizeof en.currency, "%s", cur);
	return en;
}

static void test_keys(void)
{
	dn_lgroups *t = dn_lgroups_new();
	dn_entry a = line("411", "C1", "AA", "EUR");
	dn_entry b = line("411", "C1", "aa", "EUR"), c = line("4111", "C1", "AA", "EUR");
	dn_entry d = line("411", "1C1", "AA", "EUR"), f = line("411", "C1", "AA", "USD");
	dn_lgroup *g = dn_lgroups_of(t, &a);

	CHECK(g != NULL);
	CHECK(dn_lgroups_of(t, &a) == g);
	CHECK(dn_lgroups_of(t, &b) != g);
	CHECK(dn_lgroups_of(t, &c) != g);
	CHECK(dn_lgroups_of(t, &d) != g);
	CHECK(dn_lgroups_of(t, &f) != g);
	CHECK(dn_lgroups_of(t, &c) == dn_lgroups_of(t, &c));
	dn_lgroups_free(t);
}

static void test_members(void)
{
	dn_lgroups *t = dn_lgroups_new();
	dn_entry a = line("411", "C1", "AA", "EUR");
	dn_lgroup *g = dn_lgroups_of(t, &a);
	dn_litem *it[5];

	for (int k = 0; k < 5; k++) {
		it[k] = calloc(1, sizeof(dn_litem) + 1);
		CHECK(dn_lgroup_add(g, it[k]) == 0);
		CHECK(it[k]->group == g);
	}
	CHECK(g->n == 5);
	CHECK(dn_lgroup_remove(g, it[1]) == 4);
	CHECK(it[1]->group == NULL);
	free(it[1]);
	CHECK(dn_lgroup_remove(g, it[4]) == 3);
	free(it[4]);
	/* The rest go with the table. */
	dn_lgroups_free(t);
}

#define N 5000

static void test_many(void)
{
	static char cust[N][16];
	static dn_lgroup *g[N];
	static int gone[N];
	dn_lgroups *t = dn_lgroups_new();
	dn_entry en;
	int ok = 1, k;

	for (k = 0; k < N; k++) {
		snprintf(cust[k], sizeof cust[k], "C%d", k);
		en = line("411", cust[k], "A", "EUR");
		g[k] = dn_lgroups_of(t, &en);
		ok &= g[k] != NULL;
	}
	CHECK(ok);
	/* Take out two thirds in a scattered order, checking all others. */
	for (k = 0; k < N; k++) {
		int v = (int)(((long)k * 7919) % N);
		if (v % 3 == 0)
			continue;
		dn_lgroups_done(t, g[v]);
		gone[v] = 1;
		if (k % 500 == 0)
			for (int m = 0; m < N; m++) {
				if (gone[m])
					continue;
				en = line("411", cust[m], "A", "EUR");
				ok &= dn_lgroups_of(t, &en) == g[m];
			}
	}
	CHECK(ok);
	for (k = 0; k < N; k++) {
		if (gone[k])
			continue;
		en = line("411", cust[k], "A", "EUR");
		ok &= dn_lgroups_of(t, &en) == g[k];
	}
	CHECK(ok);
	/* Popping gives each remaining group once. */
	{
		int popped = 0;
		dn_lgroup *p;
		while ((p = dn_lgroups_pop(t)) != NULL) {
			popped++;
			dn_lgroup_free(p);
		}
		CHECK(popped == (N + 2) / 3);
	}
	dn_lgroups_free(t);
}

int main(void)
{
	test_keys();
	test_members();
	test_many();
	DONE();
}
