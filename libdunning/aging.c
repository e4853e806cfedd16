/* aging.c - bucketing and grouped totals. */
#include "aging.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bigmem.h"
#include "keytab.h"
#include "money.h"

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

/* ---- summary: groups in a keytab, keyed by (group, currency) ----
 *
 * With 50,000 customers a row's group is a random access to memory that
 * is not in cache, so what matters is how many cache lines a row touches:
 * the keytab's slot, then its record, whose sums and key bytes share a
 * 96-byte block (for the default six buckets) aligned to 32 bytes, so two
 * lines.  Records are cut from 64 KiB blocks (an arena), not malloc'd one
 * by one.  A ledger sorted by customer hits the last group again. */

#define BLOCK_SIZE (64 * 1024)
#define REC_ALIGN 32

struct block {
	struct block *next;
	size_t used, cap;
	char *data; /* REC_ALIGN-aligned, cap bytes */
};

struct dn_aging_summary {
	size_t nbuckets;
	dn_keytab *groups;             /* owns nothing: the records are in blocks */
	struct block *blocks;          /* newest first */
	size_t arena_bytes;            /* in all blocks */
	const dn_aging_group **sorted; /* built on demand */
	char *totals;                  /* ntotals records of rec_size(0) bytes */
	const dn_aging_group **total_list;
	size_t ntotals, captotals;
	dn_aging_group *last; /* the group added to last */
	uint64_t ahead[2];    /* hashes of the rows prefetched for, by turns */
	int ahead_known[2];
	int ahead_pos;
};

/* Bytes of a record whose group has len bytes, rounded up to REC_ALIGN. */
static size_t rec_size(const dn_aging_summary *s, size_t len)
{
	size_t n = sizeof(dn_aging_group) + s->nbuckets * sizeof(int64_t) + len + 1;

	return (n + REC_ALIGN - 1) / REC_ALIGN * REC_ALIGN;
}

/* size zeroed bytes from the arena; NULL when out of memory. */
static void *arena_alloc(dn_aging_summary *s, size_t size)
{
	struct block *b = s->blocks;
	void *p;

	if (b == NULL || b->cap - b->used < size) {
		/* Small blocks for a few groups, huge pages for many. */
		size_t cap = s->arena_bytes < DN_BIG_PAGE ? BLOCK_SIZE : DN_BIG_PAGE - sizeof *b - REC_ALIGN;
		uintptr_t start;
		if (size > cap)
			cap = size;
		if (cap > SIZE_MAX - sizeof *b - REC_ALIGN ||
		    (b = dn_big_calloc(sizeof *b + cap + REC_ALIGN)) == NULL)
			return NULL;
		s->arena_bytes += cap;
		start = ((uintptr_t)(b + 1) + REC_ALIGN - 1) / REC_ALIGN * REC_ALIGN;
		b->data = (char *)start;
		b->cap = cap;
		b->used = 0;
		b->next = s->blocks;
		s->blocks = b;
	}
	p = b->data + b->used; /* zeroed by dn_big_calloc */
	b->used += size;
	return p;
}

/* Give back the last arena_alloc (size bytes at p), zeroed again: every
 * record in the arena is a group of the table (see next_record). */
static void arena_unalloc(dn_aging_summary *s, void *p, size_t size)
{
	memset(p, 0, size);
	s->blocks->used -= size;
}

/* The record after *at in the arena, in the order they were cut from it,
 * or NULL after the last; *at and *b start at NULL.  The arena is read in
 * address order, where walking the table would read the records in
 * random order: one cache miss each. */
static dn_aging_group *next_record(const dn_aging_summary *s, struct block **b, char **at)
{
	if (*b == NULL) {
		*b = s->blocks;
		*at = *b != NULL ? (*b)->data : NULL;
	} else {
		*at += rec_size(s, ((dn_aging_group *)(void *)*at)->group_len);
	}
	while (*b != NULL && *at == (*b)->data + (*b)->used) {
		*b = (*b)->next;
		*at = *b != NULL ? (*b)->data : NULL;
	}
	return *b != NULL ? (dn_aging_group *)(void *)*at : NULL;
}

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
	dn_aging_summary *s;

	if (nbuckets > DN_AGING_MAX_BUCKETS || (s = calloc(1, sizeof *s)) == NULL)
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
	struct block *b, *next;

	if (s == NULL)
		return;
	for (b = s->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	dn_keytab_free(s->groups);
	free(s->sorted);
	free(s->totals);
	free(s->total_list);
	free(s);
}

static dn_aging_group *find_or_add(dn_aging_summary *s, const char *group, size_t len,
				   const char *currency, int decimals)
{
	dn_aging_group *g = s->last;
	char *key;

	/* Ledgers are often sorted by customer: the last group first. */
	if (g != NULL && g->group_len == len && memcmp(g->currency, currency, 4) == 0 &&
	    memcmp(g->group, group, len) == 0)
		return g;
	if ((g = dn_keytab_get(s->groups, group, len, currency, 3)) != NULL)
		return s->last = g;
	if (len > SIZE_MAX / 2 || (g = arena_alloc(s, rec_size(s, len))) == NULL)
		return NULL;
	/* The key right after the sums: the same cache lines. */
	key = (char *)g + sizeof *g + s->nbuckets * sizeof(int64_t);
	memcpy(key, group, len);
	key[len] = '\0';
	g->group = key;
	g->group_len = len;
	memcpy(g->currency, currency, 4);
	g->decimals = decimals;
	if (dn_keytab_put(s->groups, g) != 0) {
		arena_unalloc(s, g, rec_size(s, len));
		return NULL;
	}
	free(s->sorted);
	s->sorted = NULL;
	return s->last = g;
}

void dn_aging_summary_prefetch(dn_aging_summary *s, const char *group, size_t len,
			       const char *currency, size_t clen)
{
	/* The code as written: a row that writes it otherwise than upper case
	 * ("eur") gets a hint for another slot, and only that hint is lost;
	 * normalising every row's code would cost more than it saves. */
	int known = group != NULL && clen == 3;
	uint64_t h = 0;

	if (known) {
		h = dn_keytab_hash(group, len, currency, 3);
		dn_keytab_prefetch(s->groups, h, 1);
	}
	/* The row told of two calls ago: its slot is in cache by now. */
	if (s->ahead_known[s->ahead_pos])
		dn_keytab_prefetch(s->groups, s->ahead[s->ahead_pos], 2);
	s->ahead[s->ahead_pos] = h;
	s->ahead_known[s->ahead_pos] = known;
	s->ahead_pos ^= 1;
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

/* A group to sort, with the first 8 bytes of its name big-endian (zeros
 * after a shorter name): most comparisons end there, without reading the
 * record. */
struct sort_entry {
	uint64_t prefix;
	const dn_aging_group *g;
};

static uint64_t name_prefix(const char *s, size_t len)
{
	uint64_t p = 0;
	size_t i;

	for (i = 0; i < 8; i++)
		p = p << 8 | (i < len ? (unsigned char)s[i] : 0u);
	return p;
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct sort_entry *ea = pa, *eb = pb;
	const dn_aging_group *a = ea->g, *b = eb->g;
	int c;

	if (ea->prefix != eb->prefix)
		return ea->prefix < eb->prefix ? -1 : 1;
	c = dn_bytes_cmp(a->group, a->group_len, b->group, b->group_len);
	return c != 0 ? c : strcmp(a->currency, b->currency);
}

/* Sort n entries by prefix, stably, a byte at a time from the last (LSD
 * radix sort, through tmp); a byte that every prefix shares is skipped.
 * qsort's comparison calls took a quarter of the summary's end with
 * 100,000 groups. */
static void radix_sort(struct sort_entry *ent, struct sort_entry *tmp, size_t n)
{
	size_t count[256], pos, i, b;
	struct sort_entry *from = ent, *to = tmp, *swap;

	for (b = 0; b < 8; b++) {
		unsigned shift = (unsigned)(8 * b);
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[from[i].prefix >> shift & 0xff]++;
		if (n == 0 || count[from[0].prefix >> shift & 0xff] == n)
			continue;
		for (i = 0, pos = 0; i < 256; i++) {
			size_t c = count[i];
			count[i] = pos;
			pos += c;
		}
		for (i = 0; i < n; i++)
			to[count[from[i].prefix >> shift & 0xff]++] = from[i];
		swap = from;
		from = to;
		to = swap;
	}
	if (from != ent)
		memcpy(ent, from, n * sizeof *ent);
}

/* A short run sorted by cmp_entry, without qsort's calls: most runs are
 * one customer in two or three currencies. */
static void insertion_sort(struct sort_entry *ent, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct sort_entry e = ent[i];
		for (j = i; j > 0 && cmp_entry(&ent[j - 1], &e) > 0; j--)
			ent[j] = ent[j - 1];
		ent[j] = e;
	}
}

/* Entries sorted by cmp_entry: by prefix, then each run of one prefix
 * (a customer in several currencies, or names longer than 8 bytes) by
 * the whole key. */
static void sort_entries(struct sort_entry *ent, struct sort_entry *tmp, size_t n)
{
	size_t i, end;

	radix_sort(ent, tmp, n);
	for (i = 0; i < n; i = end) {
		for (end = i + 1; end < n && ent[end].prefix == ent[i].prefix; end++)
			;
		if (end - i > 8)
			qsort(ent + i, end - i, sizeof *ent, cmp_entry);
		else
			insertion_sort(ent + i, end - i);
	}
}

const dn_aging_group *const *dn_aging_summary_groups(dn_aging_summary *s, size_t *n)
{
	size_t count = dn_keytab_count(s->groups), k = 0;
	struct sort_entry *ent, *tmp;
	struct block *b = NULL;
	char *at = NULL;
	dn_aging_group *g;

	if (s->sorted == NULL) {
		s->sorted = malloc((count ? count : 1) * sizeof *s->sorted);
		ent = malloc((count ? count : 1) * sizeof *ent);
		tmp = malloc((count ? count : 1) * sizeof *tmp);
		if (s->sorted == NULL || ent == NULL || tmp == NULL) {
			free(s->sorted);
			free(ent);
			free(tmp);
			s->sorted = NULL;
			*n = 0;
			return NULL;
		}
		while (k < count && (g = next_record(s, &b, &at)) != NULL) {
			ent[k].prefix = name_prefix(g->group, g->group_len);
			ent[k++].g = g;
		}
		sort_entries(ent, tmp, count);
		for (k = 0; k < count; k++)
			s->sorted[k] = ent[k].g;
		free(ent);
		free(tmp);
	}
	*n = count;
	return s->sorted;
}

static dn_aging_group *total_at(const dn_aging_summary *s, size_t i)
{
	return (dn_aging_group *)(void *)(s->totals + i * rec_size(s, 0));
}

/* The total record of g's currency, made when new; NULL when out of
 * memory.  Valid until the next call (the records may move). */
static dn_aging_group *total_for(dn_aging_summary *s, const dn_aging_group *g)
{
	dn_aging_group *t;
	size_t i;

	for (i = 0; i < s->ntotals; i++)
		if (strcmp(total_at(s, i)->currency, g->currency) == 0)
			return total_at(s, i);
	if (s->ntotals == s->captotals) {
		size_t ncap = s->captotals ? 2 * s->captotals : 4;
		char *nt = realloc(s->totals, ncap * rec_size(s, 0));
		if (nt == NULL)
			return NULL;
		s->totals = nt;
		s->captotals = ncap;
	}
	t = total_at(s, s->ntotals++);
	memset(t, 0, rec_size(s, 0));
	memcpy(t->currency, g->currency, 4);
	t->decimals = g->decimals;
	return t;
}

static int cmp_currency(const void *a, const void *b)
{
	return strcmp((*(const dn_aging_group *const *)a)->currency,
		      (*(const dn_aging_group *const *)b)->currency);
}

const dn_aging_group *const *dn_aging_summary_totals(dn_aging_summary *s, size_t *n,
						     dn_error *e)
{
	size_t i, k, ngroups;
	const dn_aging_group *const *groups = dn_aging_summary_groups(s, &ngroups);
	dn_aging_group *t;

	*n = 0;
	s->ntotals = 0;
	if (groups == NULL && ngroups > 0) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	for (i = 0; i < ngroups; i++) {
		if ((t = total_for(s, groups[i])) == NULL) {
			dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
			return NULL;
		}
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
	/* The records stay put from here on: their names can point in. */
	free(s->total_list);
	s->total_list = malloc((s->ntotals ? s->ntotals : 1) * sizeof *s->total_list);
	if (s->total_list == NULL) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	for (i = 0; i < s->ntotals; i++) {
		t = total_at(s, i);
		t->group = (char *)t + sizeof *t + s->nbuckets * sizeof(int64_t);
		s->total_list[i] = t;
	}
	qsort(s->total_list, s->ntotals, sizeof *s->total_list, cmp_currency);
	*n = s->ntotals;
	return s->total_list;
}
