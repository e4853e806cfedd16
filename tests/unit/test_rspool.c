/* test_rspool.c - rows back per rank, in the order they were put, over
 * several buckets; dropped groups; an empty spool; a bad TMPDIR. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rspool.h"
#include "unit.h"

enum { GROUPS = 997, ROWS = 300000 };

/* The fields of row i, a function of i alone. */
static void row_of(long i, dn_rrow *r, char *id)
{
	memset(r, 0, sizeof *r);
	snprintf(id, 32, "INV-%07ld-%s", i, i % 3 ? "x" : "longer-suffix");
	r->id = id;
	r->len = (uint32_t)strlen(id);
	r->days = (int32_t)(i % 400);
	r->issue = (dn_date)(20000 + i % 700);
	r->due = (dn_date)(20030 + i % 700);
	r->balance = (int64_t)i * 7 - 3;
	r->interest = (int64_t)(i % 11);
	r->interest_overflow = i % 13 == 0;
}

static uint32_t group_of_row(long i)
{
	return (uint32_t)((i * 7919) % GROUPS);
}

static void test_buckets(void)
{
	dn_error e;
	dn_rspool *s = dn_rspool_new(&e);
	uint32_t *rank = malloc(GROUPS * sizeof *rank), *group_at = malloc(GROUPS * sizeof *group_at);
	size_t *start = calloc(GROUPS + 1, sizeof *start), *fill = calloc(GROUPS, sizeof *fill);
	long *idx = malloc(ROWS * sizeof *idx); /* row numbers, by group then as put */
	long i, bad = 0, seen = 0, want = 0;
	uint32_t g, k, nranks = 0;
	char id[32];
	dn_rrow r;

	CHECK(s != NULL && rank != NULL && group_at != NULL && start != NULL && fill != NULL &&
	      idx != NULL);
	for (i = 0; i < ROWS; i++) {
		row_of(i, &r, id);
		if (dn_rspool_put(s, group_of_row(i), &r, &e) != 0)
			bad++;
		start[group_of_row(i) + 1]++;
	}
	CHECK(bad == 0);
	for (g = 0; g < GROUPS; g++)
		start[g + 1] += start[g];
	for (i = 0; i < ROWS; i++) {
		g = group_of_row(i);
		idx[start[g] + fill[g]++] = i;
	}
	/* ranks in reverse group order; every tenth group dropped */
	for (g = GROUPS; g-- > 0;) {
		rank[g] = g % 10 == 0 ? UINT32_MAX : nranks++;
		if (rank[g] != UINT32_MAX) {
			group_at[rank[g]] = g;
			want += (long)(start[g + 1] - start[g]);
		}
	}
	CHECK(dn_rspool_rank(s, rank, GROUPS, nranks, &e) == 0);
	for (k = 0; k < nranks; k++) {
		const dn_rrow *rows;
		size_t n, j;
		g = group_at[k];
		if (dn_rspool_rows(s, k, &rows, &n, &e) != 0 || n != start[g + 1] - start[g]) {
			bad++;
			continue;
		}
		for (j = 0; j < n; j++) {
			row_of(idx[start[g] + j], &r, id);
			if (rows[j].len != r.len || memcmp(rows[j].id, id, r.len) != 0 ||
			    rows[j].days != r.days || rows[j].issue != r.issue || rows[j].due != r.due ||
			    rows[j].balance != r.balance || rows[j].interest != r.interest ||
			    (rows[j].interest_overflow != 0) != (r.interest_overflow != 0))
				bad++;
		}
		seen += (long)n;
	}
	CHECK(bad == 0);
	CHECK(seen == want && want > ROWS / 2);
	/* past the last rank: nothing */
	{
		const dn_rrow *rows;
		size_t n = 1;
		CHECK(dn_rspool_rows(s, nranks, &rows, &n, &e) == 0 && n == 0);
	}
	dn_rspool_free(s);
	free(rank);
	free(group_at);
	free(start);
	free(fill);
	free(idx);
}

static void test_empty(void)
{
	dn_error e;
	dn_rspool *s = dn_rspool_new(&e);
	const dn_rrow *rows;
	size_t n = 1;

	CHECK(s != NULL);
	CHECK(dn_rspool_rank(s, NULL, 0, 0, &e) == 0);
	CHECK(dn_rspool_rows(s, 0, &rows, &n, &e) == 0 && n == 0);
	dn_rspool_free(s);
	dn_rspool_free(NULL);
}

static void test_bad_tmpdir(void)
{
	dn_error e;
	dn_rspool *s;

	setenv("TMPDIR", "/nonexistent/dunning-test", 1);
	s = dn_rspool_new(&e);
	CHECK(s == NULL && e.status == DN_EX_IOERR);
	CHECK(strstr(e.message, "cannot create a temporary file in /nonexistent/dunning-test") != NULL);
	unsetenv("TMPDIR");
}

int main(void)
{
	test_buckets();
	test_empty();
	test_bad_tmpdir();
	DONE();
}
