/* aging.c - bucketing and grouped totals. */
#include "aging.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keytab.h"

size_t dn_aging_nbuckets(size_t nbounds)
{
	return nbounds + 2;
}

size_t dn_aging_bucket(const int *bounds, size_t nbounds, long days)
{
	size_t k;

	if (days <= 0)
		return 0;
	for (k = 0; k < nbounds; k++)
		if (days <= bounds[k])
			return k + 1;
	return nbounds + 1;
}

const char *dn_aging_bucket_name(const int *bounds, size_t nbounds, size_t idx, char *buf)
{
	if (idx == 0)
		snprintf(buf, 24, "current");
	else if (idx <= nbounds)
		snprintf(buf, 24, "%d-%d", idx == 1 ? 1 : bounds[idx - 2] + 1, bounds[idx - 1]);
	else
		snprintf(buf, 24, "%d+", (nbounds ? bounds[nbounds - 1] : 0) + 1);
	return buf;
}

int dn_age_item(const dn_item *it, dn_date as_of, dn_aging_basis basis, const int *bounds,
		size_t nbounds, dn_aged *out)
{
	dn_date from = basis == DN_BASIS_ISSUE ? it->issue_date : it->due_date;

	if (!dn_item_exists_at(it, as_of))
		return 0;
	out->balance = dn_item_open_at(it, as_of);
	out->days = (long)as_of - (long)from;
	out->bucket = dn_aging_bucket(bounds, nbounds, out->days);
	return 1;
}

/* ---- summary: groups in a keytab, keyed by (group, currency) ---- */

struct dn_aging_summary {
	size_t nbuckets;
	dn_keytab *groups;             /* owns nothing: the records are freed here */
	const dn_aging_group **sorted; /* built on demand */
	dn_aging_group *totals;
	size_t ntotals;
	dn_aging_group *last; /* the group added to last */
};

static void group_key(const void *rec, const char **k1, size_t *n1, const char **k2,
		      size_t *n2)
{
	const dn_aging_group *g = rec;

	*k1 = g->group;
	*n1 = g->group_len;
	*k2 = g->currency;
	*n2 = 3;
}

dn_aging_summary *dn_aging_summary_new(size_t nbuckets)
{
	dn_aging_summary *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->nbuckets = nbuckets;
	s->groups = dn_keytab_new(group_key);
	if (s->groups == NULL) {
		free(s);
		return NULL;
	}
	return s;
}

void dn_aging_summary_free(dn_aging_summary *s)
{
	dn_aging_group *g;
	size_t pos = 0;

	if (s == NULL)
		return;
	while ((g = dn_keytab_next(s->groups, &pos)) != NULL)
		free(g); /* the key is in the same block */
	dn_keytab_free(s->groups);
	free(s->sorted);
	free(s->totals);
	free(s);
}

static dn_aging_group *find_or_add(dn_aging_summary *s, const char *group, size_t len,
				   const char *currency, int decimals)
{
	dn_aging_group *g = s->last;

	/* Ledgers are often sorted by customer: the last group first. */
	if (g != NULL && g->group_len == len && memcmp(g->currency, currency, 4) == 0 &&
	    memcmp(g->group, group, len) == 0)
		return g;
	if ((g = dn_keytab_get(s->groups, group, len, currency, 3)) != NULL)
		return s->last = g;
	/* One block for the record and its key: one cache miss, not two. */
	if (len > SIZE_MAX - sizeof *g - 1 || (g = calloc(1, sizeof *g + len + 1)) == NULL)
		return NULL;
	g->group = (char *)(g + 1);
	memcpy(g->group, group, len);
	g->group[len] = '\0';
	g->group_len = len;
	memcpy(g->currency, currency, 4);
	g->decimals = decimals;
	if (dn_keytab_put(s->groups, g) != 0) {
		free(g);
		return NULL;
	}
	free(s->sorted);
	s->sorted = NULL;
	return s->last = g;
}

int dn_aging_summary_add(dn_aging_summary *s, const char *group, size_t group_len,
			 const char *currency, int decimals, const dn_aged *a, dn_error *e)
{
	dn_aging_group *g = find_or_add(s, group, group_len, currency, decimals);
	int64_t bucket, total;

	if (g == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	/* Both sums or neither: a rejected row must leave no trace. */
	if (dn_money_add(g->bucket[a->bucket], a->balance, &bucket) != 0 ||
	    dn_money_add(g->total, a->balance, &total) != 0)
		return dn_error_set(e, DN_EX_DATAERR, "sum out of range");
	g->bucket[a->bucket] = bucket;
	g->total = total;
	g->items++;
	return 0;
}

static int cmp_group(const void *pa, const void *pb)
{
	const dn_aging_group *a = *(const dn_aging_group *const *)pa;
	const dn_aging_group *b = *(const dn_aging_group *const *)pb;
	int c = dn_bytes_cmp(a->group, a->group_len, b->group, b->group_len);

	return c != 0 ? c : strcmp(a->currency, b->currency);
}

const dn_aging_group *const *dn_aging_summary_groups(dn_aging_summary *s, size_t *n)
{
	size_t count = dn_keytab_count(s->groups), pos = 0, k = 0;
	dn_aging_group *g;

	if (s->sorted == NULL) {
		s->sorted = malloc((count ? count : 1) * sizeof *s->sorted);
		if (s->sorted == NULL) {
			*n = 0;
			return NULL;
		}
		while ((g = dn_keytab_next(s->groups, &pos)) != NULL)
			s->sorted[k++] = g;
		qsort(s->sorted, count, sizeof *s->sorted, cmp_group);
	}
	*n = count;
	return s->sorted;
}

static dn_aging_group *total_for(dn_aging_summary *s, const dn_aging_group *g)
{
	size_t i;

	for (i = 0; i < s->ntotals; i++)
		if (strcmp(s->totals[i].currency, g->currency) == 0)
			return &s->totals[i];
	memset(&s->totals[s->ntotals], 0, sizeof s->totals[0]);
	memcpy(s->totals[s->ntotals].currency, g->currency, 4);
	s->totals[s->ntotals].decimals = g->decimals;
	return &s->totals[s->ntotals++];
}

static int cmp_currency(const void *a, const void *b)
{
	return strcmp(((const dn_aging_group *)a)->currency, ((const dn_aging_group *)b)->currency);
}

const dn_aging_group *dn_aging_summary_totals(dn_aging_summary *s, size_t *n, dn_error *e)
{
	size_t i, k, ngroups;
	const dn_aging_group *const *groups = dn_aging_summary_groups(s, &ngroups);

	*n = 0;
	free(s->totals);
	s->ntotals = 0;
	s->totals = malloc((ngroups ? ngroups : 1) * sizeof *s->totals);
	if (s->totals == NULL || (groups == NULL && ngroups > 0)) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	for (i = 0; i < ngroups; i++) {
		dn_aging_group *t = total_for(s, groups[i]);
		for (k = 0; k < s->nbuckets; k++)
			if (dn_money_add(t->bucket[k], groups[i]->bucket[k], &t->bucket[k]) != 0) {
				dn_error_set(e, DN_EX_DATAERR, "sum out of range");
				return NULL;
			}
		if (dn_money_add(t->total, groups[i]->total, &t->total) != 0) {
			dn_error_set(e, DN_EX_DATAERR, "sum out of range");
			return NULL;
		}
		t->items += groups[i]->items;
	}
	qsort(s->totals, s->ntotals, sizeof *s->totals, cmp_currency);
	*n = s->ntotals;
	return s->totals;
}
