/* aging.c - bucketing and grouped totals. */
#include "aging.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

	if (it->issue_date > as_of)
		return 0;
	/* Settled after as-of: at as-of nothing of it was paid yet. */
	out->balance = it->has_paid_date && it->paid_date > as_of ? it->amount : it->balance;
	out->days = (long)as_of - (long)from;
	out->bucket = dn_aging_bucket(bounds, nbounds, out->days);
	return 1;
}

/* ---- summary: an open-addressing hash table of groups ---- */

struct dn_aging_summary {
	size_t nbuckets;
	dn_aging_group **slots; /* hash table */
	size_t cap, n;
	const dn_aging_group **sorted; /* built on demand */
	dn_aging_group *totals;
	size_t ntotals;
};

dn_aging_summary *dn_aging_summary_new(size_t nbuckets)
{
	dn_aging_summary *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->nbuckets = nbuckets;
	s->cap = 1024;
	s->slots = calloc(s->cap, sizeof *s->slots);
	if (s->slots == NULL) {
		free(s);
		return NULL;
	}
	return s;
}

void dn_aging_summary_free(dn_aging_summary *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->cap; i++) {
		if (s->slots[i] != NULL) {
			free(s->slots[i]->group);
			free(s->slots[i]);
		}
	}
	free(s->slots);
	free(s->sorted);
	free(s->totals);
	free(s);
}

/* FNV-1a over the group and the currency. */
static size_t hash_key(const char *g, size_t len, const char *cur)
{
	uint64_t h = 1469598103934665603u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)g[i]) * 1099511628211u;
	for (i = 0; i < 3; i++)
		h = (h ^ (unsigned char)cur[i]) * 1099511628211u;
	return (size_t)h;
}

static int rehash(dn_aging_summary *s)
{
	size_t ncap = s->cap * 2, i;
	dn_aging_group **ns = calloc(ncap, sizeof *ns);

	if (ns == NULL)
		return -1;
	for (i = 0; i < s->cap; i++) {
		dn_aging_group *g = s->slots[i];
		size_t h;
		if (g == NULL)
			continue;
		h = hash_key(g->group, g->group_len, g->currency) & (ncap - 1);
		while (ns[h] != NULL)
			h = (h + 1) & (ncap - 1);
		ns[h] = g;
	}
	free(s->slots);
	s->slots = ns;
	s->cap = ncap;
	return 0;
}

static dn_aging_group *find_or_add(dn_aging_summary *s, const char *group, size_t len,
				   const char *currency, int decimals)
{
	size_t h;
	dn_aging_group *g;

	if (2 * (s->n + 1) > s->cap && rehash(s) != 0)
		return NULL;
	h = hash_key(group, len, currency) & (s->cap - 1);
	while ((g = s->slots[h]) != NULL) {
		if (g->group_len == len && memcmp(g->group, group, len) == 0 &&
		    memcmp(g->currency, currency, 4) == 0)
			return g;
		h = (h + 1) & (s->cap - 1);
	}
	g = calloc(1, sizeof *g);
	if (g == NULL || (g->group = malloc(len + 1)) == NULL) {
		free(g);
		return NULL;
	}
	memcpy(g->group, group, len);
	g->group[len] = '\0';
	g->group_len = len;
	memcpy(g->currency, currency, 4);
	g->decimals = decimals;
	s->slots[h] = g;
	s->n++;
	free(s->sorted);
	s->sorted = NULL;
	return g;
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

/* memcmp-then-length order equals strcmp order for strings without NUL. */
static int cmp_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

static int cmp_group(const void *pa, const void *pb)
{
	const dn_aging_group *a = *(const dn_aging_group *const *)pa;
	const dn_aging_group *b = *(const dn_aging_group *const *)pb;
	int c = cmp_bytes(a->group, a->group_len, b->group, b->group_len);

	return c != 0 ? c : strcmp(a->currency, b->currency);
}

const dn_aging_group *const *dn_aging_summary_groups(dn_aging_summary *s, size_t *n)
{
	size_t i, k = 0;

	if (s->sorted == NULL) {
		s->sorted = malloc((s->n ? s->n : 1) * sizeof *s->sorted);
		if (s->sorted == NULL) {
			*n = 0;
			return NULL;
		}
		for (i = 0; i < s->cap; i++)
			if (s->slots[i] != NULL)
				s->sorted[k++] = s->slots[i];
		qsort(s->sorted, s->n, sizeof *s->sorted, cmp_group);
	}
	*n = s->n;
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
