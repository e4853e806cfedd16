/* aging.h - how old each open amount is, and per-group bucket totals.
 *
 * Buckets come from upper bounds (30,60,90,120): "current" for days <= 0,
 * then "1-30" ... "91-120", then "121+".  At a past as-of the ledger is seen
 * as it stood then: items issued later do not exist yet, and an item
 * settled later still owes its whole amount (the kpi rule: an item with a
 * paid_date is open for its whole amount before that date, not at all from
 * it on).
 */
#ifndef DN_AGING_H
#define DN_AGING_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "item.h"

#define DN_AGING_MAX_BUCKETS 18 /* 16 bounds + current + the open-ended last */

typedef enum dn_aging_basis { DN_BASIS_DUE, DN_BASIS_ISSUE } dn_aging_basis;

/* Number of buckets for n bounds (n + 2). */
size_t dn_aging_nbuckets(size_t nbounds);

/* Bucket index of `days`: 0 = current (days <= 0), k for bounds[k-1] < days
 * <= bounds[k] ... nbounds + 1 for days beyond the last bound. */
size_t dn_aging_bucket(const int *bounds, size_t nbounds, long days);

/* Name of bucket idx ("current", "1-30", "121+") into buf (24 bytes). */
const char *dn_aging_bucket_name(const int *bounds, size_t nbounds, size_t idx, char *buf);

/* An item as of a date. */
typedef struct dn_aged {
	int64_t balance; /* open amount at as-of */
	long days;       /* as-of - due (or issue) date */
	size_t bucket;
} dn_aged;

/* Age an item at as_of.  Returns 0 when the item did not exist yet (issued
 * after as_of), else 1 with *out filled. */
int dn_age_item(const dn_item *it, dn_date as_of, dn_aging_basis basis, const int *bounds,
		size_t nbounds, dn_aged *out);

/* Totals per (group, currency); memory grows with groups, never rows. */
typedef struct dn_aging_summary dn_aging_summary;

/* One group's sums.  A record is as long as its buckets: nbuckets sums,
 * then the group's bytes (so 50,000 customers keep the table in cache). */
typedef struct dn_aging_group {
	const char *group; /* the --by field's value, NUL-terminated (owned by
			    * the summary) */
	size_t group_len;
	char currency[4];
	int decimals;
	long items;
	int64_t total;
	int64_t bucket[]; /* the summary's nbuckets sums */
} dn_aging_group;

/* New empty summary for nbuckets buckets (at most DN_AGING_MAX_BUCKETS);
 * NULL when out of memory. */
dn_aging_summary *dn_aging_summary_new(size_t nbuckets);
void dn_aging_summary_free(dn_aging_summary *s);

/* Add an aged amount to its group.  Returns 0, DN_EX_DATAERR when a sum
 * would overflow (e says so), DN_EX_SOFTWARE when out of memory. */
int dn_aging_summary_add(dn_aging_summary *s, const char *group, size_t group_len,
			 const char *currency, int decimals, const dn_aged *a, dn_error *e);

/* How many rows ahead dn_aging_summary_prefetch is to be told of. */
#define DN_AGING_PREFETCH_AHEAD 4

/* A hint, given once a row, that (group, currency) will be added
 * DN_AGING_PREFETCH_AHEAD rows from now (group NULL: that row is not
 * known yet); currency as written (clen bytes; a hint only when it is
 * the upper-case code).  It brings the group's sums into cache in two
 * steps (dn_keytab_prefetch), and changes nothing else. */
void dn_aging_summary_prefetch(dn_aging_summary *s, const char *group, size_t len,
			       const char *currency, size_t clen);

/* The groups sorted by group then currency (byte order).  The array and
 * the groups are owned by the summary; valid until it is freed or added to. */
const dn_aging_group *const *dn_aging_summary_groups(dn_aging_summary *s, size_t *n);

/* Per-currency totals of the groups (one dn_aging_group per currency, group
 * empty), sorted by currency.  Same ownership as above, valid until the
 * next call too; NULL + *n = 0 when out of memory; e set on overflow. */
const dn_aging_group *const *dn_aging_summary_totals(dn_aging_summary *s, size_t *n,
						     dn_error *e);

#endif
