/* kpi.h - collection metrics from exact sums.
 *
 * Every metric of SPEC "kpi" is a ratio of sums that each item (and each
 * journal event) adds to as it is read, so memory grows with periods x
 * groups x currencies, never with rows, and sums from shards of the items
 * add up to the sums of the whole (--partial / --merge).  Sums are int64
 * minor units or counts, added with an overflow check; ratios are exact
 * fractions rounded once, to two decimals, halves away from zero.
 *
 * An item's contribution uses only the one definition of its state
 * (dn_item_open_at, item.h).
 */
#ifndef DN_KPI_H
#define DN_KPI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "aging.h"
#include "config.h"
#include "date.h"
#include "error.h"
#include "item.h"
#include "money.h"

#define DN_KPI_MONTHS 24 /* dso_countback looks this many months back */
#define DN_KPI_MAX_PERIODS 2400

/* Cost channels of [costs], in this order. */
enum { DN_KPI_EMAIL, DN_KPI_SMS, DN_KPI_LETTER, DN_KPI_CALL, DN_KPI_LEGAL, DN_KPI_NCHANNELS };

/* The sums of one period of one (group, currency): indexes into a
 * dn_kpi_sums' v[]. */
enum dn_kpi_sum {
	DN_S_ITEMS,         /* item rows read (existing at the period's end) */
	DN_S_SALES,         /* amount issued in the period */
	DN_S_AR_BEFORE,     /* AR(from - 1) */
	DN_S_AR_TO,         /* AR(to) */
	DN_S_CURRENT_TO,    /* current AR(to): due_date >= to */
	DN_S_PAID_N,        /* items paid in full in the period: count ... */
	DN_S_PAID_DAYS,     /* ... sum of paid_date - issue_date */
	DN_S_PAID_LATE,     /* ... sum of max(0, paid_date - due_date) */
	DN_S_PAID_AMOUNT,   /* ... sum of amount */
	DN_S_PAID_WDAYS,    /* ... sum of amount x days to pay */
	DN_S_PAID_WLATE,    /* ... sum of amount x days late */
	DN_S_DUE_AMOUNT,    /* items (amount > 0) due in the period: amount */
	DN_S_DUE_COLLECTED, /* ... collected by to */
	DN_S_DUE_WRITTEN,   /* ... written off by to */
	DN_S_COLLECTED,     /* amount collected in the period */
	DN_S_COLLECTIONS,   /* items with an amount collected in the period */
	DN_S_AMICABLE,      /* collected from customers with no legal event by to */
	DN_S_CONTACTS,      /* reminder and call events in the period */
	DN_S_KEPT,          /* promises and plans whose deadline is in the period: kept */
	DN_S_BROKEN,        /* ... broken */
	DN_S_CHANNEL,       /* DN_KPI_NCHANNELS event counts per cost channel */
	DN_S_MONTH = DN_S_CHANNEL + DN_KPI_NCHANNELS, /* DN_KPI_MONTHS: sales of the
						       * month of to (days 1..to),
						       * then each month before */
	DN_S_AGING = DN_S_MONTH + DN_KPI_MONTHS, /* DN_AGING_MAX_BUCKETS: AR(to) per
						  * bucket (days past due at to) */
	DN_S_ROLL = DN_S_AGING + DN_AGING_MAX_BUCKETS, /* DN_AGING_MAX_BUCKETS rows of
							* DN_KPI_ROLL_TO: balance at
							* from per bucket, by state
							* at to */
	DN_S_COUNT = DN_S_ROLL + DN_AGING_MAX_BUCKETS * (DN_AGING_MAX_BUCKETS + 2)
};

/* Columns of a roll-rate row: the buckets, then paid, then written off. */
#define DN_KPI_ROLL_TO (DN_AGING_MAX_BUCKETS + 2)
#define DN_KPI_ROLL_PAID DN_AGING_MAX_BUCKETS
#define DN_KPI_ROLL_WO (DN_AGING_MAX_BUCKETS + 1)

typedef struct dn_kpi_sums {
	int64_t v[DN_S_COUNT];
} dn_kpi_sums;

/* Name of sum i in partial files ("sales", "month.3", "roll.2.18") into
 * buf (32 bytes); returns buf. */
const char *dn_kpi_sum_name(size_t i, char *buf);

/* Index of a sum named s[0..len), or -1. */
int dn_kpi_sum_index(const char *s, size_t len);

typedef struct dn_kpi_period {
	dn_date from, to;
} dn_kpi_period;

typedef enum dn_kpi_every { DN_EVERY_NONE, DN_EVERY_MONTH, DN_EVERY_QUARTER } dn_kpi_every;

/* The periods of from..to: one, or one per calendar month or quarter (the
 * first and last clipped to from and to).  Writes at most max periods into
 * out and returns their number, or -1 when there would be more. */
long dn_kpi_periods(dn_date from, dn_date to, dn_kpi_every every, dn_kpi_period *out,
		    size_t max);

/* What a run measures. */
typedef struct dn_kpi_spec {
	dn_date from, to;   /* the whole span */
	dn_kpi_every every;
	const dn_kpi_period *periods; /* borrowed, chronological */
	size_t nperiods;
	const int *bounds;  /* [aging] buckets, borrowed */
	size_t nbounds;
	int journal;        /* journal metrics are wanted */
} dn_kpi_spec;

typedef struct dn_kpi dn_kpi;

/* One (group, currency) and its sums, one dn_kpi_sums per period. */
typedef struct dn_kpi_group {
	char *group; /* owned by the kpi */
	size_t group_len;
	char currency[4];
	int decimals;
	dn_kpi_sums *p; /* nperiods */
} dn_kpi_group;

/* New empty set of sums for spec (copied, its arrays too); NULL when
 * out of memory.  Free with dn_kpi_free (NULL is a no-op). */
dn_kpi *dn_kpi_new(const dn_kpi_spec *spec);
void dn_kpi_free(dn_kpi *k);

const dn_kpi_spec *dn_kpi_spec_of(const dn_kpi *k);

/* The sums of a run from its options: the span ends at to (text, NULL:
 * as_of; not after as_of) and starts at from (NULL: to - 89 days; not
 * after to), both read like the data (cfg's [input] date_format), cut in
 * periods by every; the buckets are cfg's.  Returns a new dn_kpi, or NULL
 * with e filled: DN_EX_USAGE naming --to, --from or --every, or
 * DN_EX_SOFTWARE. */
dn_kpi *dn_kpi_for_run(const dn_config *cfg, dn_date as_of, const char *from, const char *to,
		       dn_kpi_every every, int journal, dn_error *e);

/* The sums of (group, currency), created (zero) when new; NULL when out of
 * memory. */
dn_kpi_group *dn_kpi_group_get(dn_kpi *k, const char *group, size_t group_len,
			       const char *currency, int decimals);

/* Add one item to the sums of its group.  legal_since: the date of the
 * customer's first legal event, or a date after every period when none.
 * An item issued after the span adds nothing.  Returns 0, DN_EX_DATAERR
 * when a sum would overflow (e says which), DN_EX_SOFTWARE (no memory). */
int dn_kpi_add_item(dn_kpi *k, const char *group, size_t group_len, const dn_item *it,
		    dn_date legal_since, dn_error *e);

/* Add n to sum i of the period holding date d (nothing when no period
 * holds it).  Same returns. */
int dn_kpi_add_at(dn_kpi *k, dn_kpi_group *g, dn_date d, size_t i, int64_t n, dn_error *e);

/* The groups sorted by group then currency (byte order); owned by k, valid
 * until it is freed or added to.  NULL with *n > 0 when out of memory. */
dn_kpi_group *const *dn_kpi_groups(dn_kpi *k, size_t *n);

/* ---- partial sums (kpi --partial, --merge) ---- */

/* Write every group's non-zero sums as CSV "accumulator,currency,group,value"
 * after the run's parameters (from, to, every, journal, buckets, by), the
 * values integers only.  by: the --by field or NULL.  Returns 0 or
 * DN_EX_IOERR. */
int dn_kpi_write_partial(dn_kpi *k, const char *by, FILE *out, dn_error *e);

/* Add the sums of a partial file (read through its own reader) to k; the
 * first file read sets k's spec, later ones must agree (DN_EX_DATAERR).
 * k is made from the first file (pass *k == NULL); *by is set to the --by
 * field (malloc'd, caller frees) or NULL.  cur: the currency table. */
int dn_kpi_merge_file(dn_kpi **k, const char *path, char delim, const dn_currencies *cur,
		      char **by, dn_error *e);

/* The same for each of the n files of paths (n 0: standard input), in
 * order: the sums of all of them in *k.  0, or the status of the first
 * file that fails. */
int dn_kpi_merge_files(dn_kpi **k, const char *const *paths, size_t n, char delim,
		       const dn_currencies *cur, char **by, dn_error *e);

/* ---- metrics (kpimetric.c) ---- */

typedef enum dn_metric {
	DN_M_CREDIT_SALES,
	DN_M_AR_OPEN,
	DN_M_AR_CURRENT,
	DN_M_DSO,
	DN_M_BEST_POSSIBLE_DSO,
	DN_M_ADD,
	DN_M_DSO_COUNTBACK,
	DN_M_CEI,
	DN_M_AVG_DAYS_TO_PAY,
	DN_M_AVG_DAYS_LATE,
	DN_M_AVG_DAYS_TO_PAY_WEIGHTED,
	DN_M_AVG_DAYS_LATE_WEIGHTED,
	DN_M_RECOVERY_RATE,
	DN_M_WRITTEN_OFF_RATE,
	DN_M_PROMISE_KEPT_RATE, /* the journal metrics from here on */
	DN_M_AMICABLE_SHARE,
	DN_M_CONTACTS_PER_COLLECTION,
	DN_M_COST_OF_COLLECTION,
	DN_M_COUNT
} dn_metric;

#define DN_M_FIRST_JOURNAL DN_M_PROMISE_KEPT_RATE

/* "dso" for DN_M_DSO. */
const char *dn_metric_name(dn_metric m);

/* The metric named s, or -1. */
int dn_metric_from_name(const char *s);

/* Whether a metric is an amount (printed as money) rather than a ratio. */
int dn_metric_is_money(dn_metric m);

/* A metric's value.  Ratios are rounded once, to hundredths, halves away
 * from zero. */
typedef struct dn_kpi_value {
	int empty;         /* a zero denominator: no value */
	const char *why;   /* ... what is zero ("no credit sales") */
	int64_t v;         /* minor units (money), or hundredths (ratios) */
} dn_kpi_value;

/* Compute metric m from one period's sums.  cost: [costs] per channel in
 * the currency's minor units (for cost_of_collection; may be NULL for the
 * others).  Returns 0, or DN_EX_DATAERR when the value is out of range. */
int dn_kpi_metric(const dn_kpi_sums *s, const dn_kpi_period *p, dn_metric m,
		  const int64_t *cost, dn_kpi_value *out, dn_error *e);

/* Share of roll-rate cell (from bucket bf, to column col: a bucket,
 * DN_KPI_ROLL_PAID or DN_KPI_ROLL_WO) in bucket bf's balance at from, in
 * hundredths of a percent.  Returns 0, or -1 when that balance is 0. */
int dn_kpi_roll_share(const dn_kpi_sums *s, size_t bf, size_t col, int64_t *out);

/* round(num / den * 100) in hundredths, halves away from zero; -1 when den
 * is 0 or the result leaves int64. */
int dn_kpi_hundredths(dn_i128 num, dn_i128 den, int64_t *out);

/* Format hundredths as "-12.34" into buf (DN_MONEY_BUFSZ); returns length. */
size_t dn_kpi_format_hundredths(int64_t v, char *buf);

#endif
