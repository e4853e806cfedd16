/* score.h - whom to contact first, and why.
 *
 * Per (customer, currency) totals of aged items, the default score of SPEC
 * "prioritize", priorities A/B/C, holds, the reason in words and the next
 * action.  Memory grows with (customer, currency) pairs, never with rows.
 *
 * Score (weights and caps from [score]):
 *     w_overdue  * min(1, overdue / cap_overdue)      default 40, 10000
 *   + w_days     * min(1, oldest_days / cap_days)     default 30, 120
 *   + w_promises * min(1, broken / cap_promises)      default 15, 2
 *   + w_items    * min(1, items / cap_items)          default 15, 5
 * computed exactly (no floating point) and rounded half up to one decimal.
 * The weights must add up to 100, so the score is 0-100.  cap_overdue is
 * in major units, per currency with cap_overdue_<cur>; a cap of 0 means any
 * positive value earns the whole weight.
 */
#ifndef DN_SCORE_H
#define DN_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "csvio.h"
#include "date.h"
#include "error.h"
#include "hold.h"
#include "item.h"
#include "journal.h"
#include "money.h"

/* The four parts of the score, in the formula's order (the order that
 * breaks ties between equal contributions). */
enum { DN_PART_OVERDUE, DN_PART_DAYS, DN_PART_PROMISES, DN_PART_ITEMS, DN_PART_COUNT };

/* The documented defaults of [score] (dn_config_load checks the weights
 * with them: the four add up to 100, threshold_a >= threshold_b). */
#define DN_SCORE_DEFAULT_WEIGHTS {40, 30, 15, 15}
#define DN_SCORE_DEFAULT_THRESHOLD_A 60
#define DN_SCORE_DEFAULT_THRESHOLD_B 30

/* [score], [hold] and [general] language, checked once. */
typedef struct dn_score_rules {
	const dn_config *cfg;          /* borrowed: cap_overdue per currency */
	dn_decimal weight[DN_PART_COUNT];
	long cap[DN_PART_COUNT];       /* cap[DN_PART_OVERDUE] unused: per currency */
	dn_decimal threshold_a, threshold_b;
	dn_hold_rules hold;            /* [hold], [contact] */
	int french;                    /* [general] language = fr */
	long last_level_days;          /* after_days of the highest [level N]; -1: none */
} dn_score_rules;

/* Read the rules from cfg.  Returns 0: dn_config_load has already refused
 * weights that do not add up to 100 and threshold_a below threshold_b (e
 * is kept for a rule that could only be checked here). */
int dn_score_rules_load(dn_score_rules *r, const dn_config *cfg, dn_error *e);

/* What the score is computed from; overdue and cap_overdue in minor units
 * of one currency. */
typedef struct dn_score_input {
	int64_t overdue, cap_overdue;
	long oldest_days, broken, items;
} dn_score_input;

typedef struct dn_score {
	long tenths;                   /* the score x 10, rounded half up: 0..1000 */
	unsigned char order[DN_PART_COUNT]; /* parts by contribution, largest first */
	unsigned char positive[DN_PART_COUNT]; /* whether part k adds anything */
} dn_score;

/* Compute the score exactly. */
void dn_score_compute(const dn_score_rules *r, const dn_score_input *in, dn_score *out);

/* 'A', 'B' or 'C' for a score in tenths (compared as printed). */
char dn_score_priority(const dn_score_rules *r, long tenths);

/* Columns prioritize carries from the items to its rows (the first
 * non-empty value of each customer), so prioritize | plan and
 * prioritize | remind-style pipes keep what they need. */
enum { DN_CARRY_NAME, DN_CARRY_EMAIL, DN_CARRY_PHONE, DN_CARRY_LANGUAGE, DN_CARRY_COUNT };

/* The item column of each carried column, in that order. */
extern const dn_col dn_carry_cols[DN_CARRY_COUNT];

/* The columns of an item that only scoring reads. */
typedef struct dn_item_extra {
	int has_capacity;
	int64_t capacity; /* what the debtor can pay per period, minor units */
	int has_promise_date;
	dn_date promise_date;
	const char *carry[DN_CARRY_COUNT]; /* borrowed from the row; NULL: absent */
	size_t carry_len[DN_CARRY_COUNT];
} dn_item_extra;

/* Read capacity (an amount, not negative) and promise_date (a date) when
 * the columns exist and are not empty, and point at the carried columns.
 * Returns 0, or DN_EX_DATAERR with e naming file, line, column and
 * value. */
int dn_item_extra_read(const dn_item_schema *s, const dn_row *row, const dn_item *it,
		       dn_item_extra *x, dn_error *e);

/* One output row of prioritize. */
typedef struct dn_priority {
	const char *customer; /* owned by the board */
	size_t customer_len;
	char currency[4];
	int decimals;
	int64_t balance;      /* whole open balance, credits included */
	int64_t overdue;      /* undisputed overdue netted with credits, >= 0 */
	long oldest_days;     /* largest days overdue of an undisputed overdue item */
	long items;           /* undisputed overdue item rows */
	long broken;          /* broken promises and plans (journal) */
	int has_capacity;
	int64_t capacity;     /* the smallest capacity given on its open items */
	int64_t disputed;     /* open disputed amount (items or journal) */
	const char *carry[DN_CARRY_COUNT]; /* owned by the board; NULL: none */
	size_t carry_len[DN_CARRY_COUNT];
	int uncapped;         /* scored against the plain cap_overdue though its
			       * currency is not [general] currency */
	dn_score score;
	char priority[5];     /* "A", "B", "C" or "hold" */
	dn_hold hold;
	const char *next_action; /* email, call, plan, formal_notice, legal, none */
} dn_priority;

typedef struct dn_scoreboard dn_scoreboard;

/* An empty board.  rules and journal (NULL: no history) are borrowed and
 * must outlive it; the journal is shown every item (dn_journal_see_item).
 * NULL when out of memory. */
dn_scoreboard *dn_scoreboard_new(const dn_score_rules *rules, dn_journal *journal,
				 dn_date as_of);

/* Free; NULL is a no-op. */
void dn_scoreboard_free(dn_scoreboard *b);

/* Add an item: aged at as-of (an item issued later does not exist yet);
 * only a non-zero balance counts.  x may be NULL.  Returns 0,
 * DN_EX_DATAERR when a total would overflow (e->message says so; the
 * caller adds where), DN_EX_SOFTWARE when out of memory. */
int dn_scoreboard_add(dn_scoreboard *b, const dn_item *it, const dn_item_extra *x,
		      dn_error *e);

/* Score every (customer, currency) with a row (something overdue after
 * netting credits, or disputed overdue items) and sort: score descending,
 * overdue descending (compared in major units), customer then currency in
 * byte order.  *rows is owned by the board, valid until it is freed; call
 * once, after the last add.  Returns 0, DN_EX_CONFIG (a cap_overdue with
 * more decimals than a currency has) or DN_EX_SOFTWARE, e filled. */
int dn_scoreboard_rank(dn_scoreboard *b, const dn_priority *const **rows, size_t *n,
		       dn_error *e);

#endif
