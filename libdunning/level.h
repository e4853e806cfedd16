/* level.h - per-invoice escalation (SPEC "remind", as in SAP dunning).
 *
 * Levels are the [level N] sections, N = 1..n without a gap, each with
 * after_days, channel and a template (template, or template_fr and
 * template_en; checked by the config loader), and optional name, min_gap_days (default 7), min_overdue
 * (default 0, a money key per currency), fee (default 0) and interest
 * (default no).
 *
 * An invoice's reached level r is the highest level the journal records
 * for it (0: none); its due level is min(r + 1, the highest level whose
 * after_days <= its days overdue); it is due when that exceeds r.  A
 * customer (in one currency) gets a message when at least one undisputed
 * overdue invoice is due, its netted overdue total is at least the message
 * level's min_overdue, and at least that level's min_gap_days have passed
 * since its previous reminder.  The message level is the highest due
 * level; each listed invoice carries its due level if due, else r.
 */
#ifndef DN_LEVEL_H
#define DN_LEVEL_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "date.h"
#include "error.h"

typedef struct dn_level {
	char section[24];   /* "level 2" */
	const char *name;   /* [level N] name, else "level N"; borrowed */
	long after_days;
	const char *channel; /* email, sms, letter, call; borrowed */
	long min_gap_days;
	int interest;
	char *template_any, *template_fr, *template_en; /* resolved paths or NULL */
} dn_level;

typedef struct dn_levels {
	dn_level *lv;       /* lv[0] is level 1 */
	int n;
	const dn_config *cfg; /* borrowed: money keys per currency */
	struct dn_level_memos *memo; /* dn_level_money's answers (owned; may be NULL) */
} dn_levels;

/* Load the levels of cfg (none is fine: nothing is ever due); the loader
 * (dn_config_load) has checked their numbering and required keys.  Returns
 * 0, or DN_EX_SOFTWARE when out of memory.  Free with dn_levels_free. */
int dn_levels_load(dn_levels *ls, const dn_config *cfg, dn_error *e);

/* Free what dn_levels_load allocated; a zeroed dn_levels is fine. */
void dn_levels_free(dn_levels *ls);

/* The level's min_overdue or fee ("min_overdue", "fee") in minor units of
 * currency: 0 or DN_EX_CONFIG with e filled (more decimals than it has).
 * An answer is looked up in the configuration once, then remembered (a
 * run asks again for every customer). */
int dn_level_money(const dn_levels *ls, int level, const char *key, const char *currency,
		   int decimals, int64_t *out, dn_error *e);

/* The highest level whose after_days <= days (0: none). */
int dn_level_by_days(const dn_levels *ls, long days);

/* An invoice's due level: min(reached + 1, dn_level_by_days(days)), never
 * below reached. */
int dn_level_due(const dn_levels *ls, long reached, long days);

/* One undisputed overdue invoice as the decision sees it. */
typedef struct dn_level_invoice {
	long reached;  /* from the journal */
	long days;     /* days overdue (> 0) */
	long listed;   /* out: the level it is listed with */
	int due;       /* out: whether it reaches a new level now */
} dn_level_invoice;

typedef enum dn_level_verdict {
	DN_LEVEL_SEND,        /* a message at `level` */
	DN_LEVEL_NOTHING_DUE, /* no invoice is due (next_* say the nearest) */
	DN_LEVEL_BELOW_MIN,   /* overdue below min_overdue */
	DN_LEVEL_GAP          /* too soon after the previous reminder */
} dn_level_verdict;

typedef struct dn_level_decision {
	dn_level_verdict verdict;
	int level;          /* the message level (0 when nothing is due) */
	int next_level;     /* NOTHING_DUE: the next level of the invoice closest
			     * to one (0: every invoice is at the last level) */
	long next_days, next_after; /* ... its days overdue and that level's after_days */
	int64_t min_overdue; /* BELOW_MIN: the threshold */
	long gap_days, gap_needed; /* GAP: days since the last reminder, and needed */
} dn_level_decision;

/* Decide for one customer and currency: inv[0..n) its undisputed overdue
 * invoices (listed and due filled in), overdue its netted overdue total in
 * minor units of currency, has_last/last its previous reminder.  Returns 0,
 * or DN_EX_CONFIG from dn_level_money. */
int dn_level_decide(const dn_levels *ls, dn_level_invoice *inv, size_t n, int64_t overdue,
		    const char *currency, int decimals, int has_last, dn_date last,
		    dn_date as_of, dn_level_decision *out, dn_error *e);

#endif
