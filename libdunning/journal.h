/* journal.h - the journal (the record of every interaction), read and
 * summed up per customer at as-of.
 *
 * The journal is a CSV file, one event a row, columns date, customer,
 * currency, event, invoices, level, channel, amount, fee, due_date, ref,
 * note (SPEC "journal").  Reading it gives, per customer and currency:
 * promises kept, broken and open, active plans, the last claim of payment,
 * a block not lifted, insolvency, legal action, contact so far, and which
 * invoices are disputed.  Memory grows with customers and their promises,
 * plans and disputed invoices, never with the other rows (payments are
 * summed in a second pass over the file, when it holds a promise or a
 * plan, so the file is read twice: through one descriptor, rewound, that
 * holds a shared flock(2) for both passes, which an append's or a purge's
 * exclusive lock excludes; see jfile.h for the re-check after a purge's
 * rename).  The path is opened once: whatever else a tool needs from the
 * journal it takes from the rows of the first pass (dn_journal_read_each).
 *
 * Rules, all at as-of (an event dated after as-of has not happened yet: it
 * is validated, then ignored):
 *  - A promise (amount, due_date, maybe invoices) is kept when the payment
 *    events of the customer in its currency dated from the promise's date
 *    to due_date + [hold] promise_grace_days (default 2) add up to at least
 *    its amount, or when it lists invoices and every item row of each of
 *    them is settled by that day (dn_item_settled_by: a fully paid item
 *    without a paid_date is settled at every date; dn_journal_see_item); an
 *    invoice absent from the items counts as settled (plain aging output
 *    leaves settled items out, and a kept promise must never be escalated
 *    as broken); broken when that day is before as-of and it is not kept;
 *    open otherwise.
 *  - A plan is its installment events (event plan: amount, due_date) that
 *    share one plan ref, the part of ref before ':' (installments without
 *    a ref: those of one date); its date is its earliest installment's.
 *    It is completed when the customer's payments in its currency from
 *    its date to as-of reach its total; broken when, for some installment
 *    K whose due_date + grace is before as-of, the payments from its date
 *    to that day are less than the installments due by K's due_date
 *    (1..K); active otherwise (plan_until: its last due_date).
 *  - A block is in force when the latest block is later than the latest
 *    unblock ((date, line) order, so a same-day unblock written after the
 *    block lifts it); insolvency and legal, once recorded, stay.
 *  - A dispute listing invoices disputes them; one without invoices
 *    disputes everything of the customer (in its currency, or in all); a
 *    later dispute_closed lifts what it lists (without invoices: all).
 *  - Scope: an event's currency names the (customer, currency) it is about.
 *    An empty currency means the [general] currency for events that carry
 *    money (promise, plan, payment) and every currency of the customer for
 *    the others (block, insolvency, call, ...).
 */
#ifndef DN_JOURNAL_H
#define DN_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "csvio.h"
#include "date.h"
#include "error.h"
#include "item.h"
#include "jevent.h"

/* What the journal says about one customer in one currency at as-of. */
typedef struct dn_journal_status {
	long promises_kept, promises_broken, promises_open;
	dn_date promise_until; /* latest due_date of an open promise */
	long plans_completed, plans_broken, plans_active;
	dn_date plan_until;    /* latest due_date of an active plan */
	int contacted;         /* a reminder or a call was recorded */
	int claim_paid;        /* a claim_paid event ... */
	dn_date claim_paid_date; /* ... the latest one */
	int blocked;           /* a block not lifted ... */
	dn_date blocked_since; /* ... and its date */
	int insolvent;         /* an insolvency event ... */
	dn_date insolvent_since; /* ... the first one */
	int legal;             /* a legal event ... */
	dn_date legal_since;   /* ... the first one */
} dn_journal_status;

typedef struct dn_journal dn_journal;

/* One customer's history; borrowed from the journal. */
typedef struct dn_jcustomer dn_jcustomer;

/* What reading noticed without failing. */
typedef struct dn_journal_info {
	long rows;              /* rows read (all dates) */
	int missing;            /* the file does not exist: an empty journal */
	long unterminated_line; /* an unterminated last record was ignored:
				 * its first line; 0 when none */
} dn_journal_info;

/* Read the journal at path (a regular file; one that does not exist, or
 * is empty, is an empty journal) at as_of, with cfg's [input] formats,
 * currencies and [hold] promise_grace_days.  Returns 0 with *out set (free
 * it with dn_journal_free), or a status with e filled: DN_EX_NOINPUT when
 * it cannot be opened or is not a regular file, DN_EX_DATAERR for the first
 * bad row (a journal is never half-used).  An unterminated last record
 * (a cut append) is ignored and reported in info, never used. */
int dn_journal_read(const char *path, const dn_config *cfg, dn_date as_of, dn_journal **out,
		    dn_journal_info *info, dn_error *e);

/* A function shown every row of the journal as it is read (first pass,
 * every date): return 0, or non-zero to stop reading with e filled. */
typedef int (*dn_jevent_fn)(const dn_jevent *ev, void *ctx, dn_error *e);

/* dn_journal_read, also handing each valid row to fn (NULL: none), in file
 * order, before it is applied.  For tools that count events (kpi). */
int dn_journal_read_each(const char *path, const dn_config *cfg, dn_date as_of,
			 dn_journal **out, dn_journal_info *info, dn_jevent_fn fn, void *ctx,
			 dn_error *e);

/* A promise or plan of the journal, with its state at as-of. */
typedef struct dn_jpromise {
	const char *customer; /* borrowed from the journal */
	size_t customer_len;
	const char *currency; /* upper case, never empty */
	int is_plan;
	dn_date date, due, deadline; /* due: a plan's last installment; deadline = due + grace */
	int state;            /* 1 kept (completed), -1 broken, 0 still running */
} dn_jpromise;

/* Hand every promise and plan to fn, customers in no particular order.
 * Call it after every item has been shown (dn_journal_see_item). */
void dn_journal_each_promise(const dn_journal *j, void (*fn)(const dn_jpromise *p, void *ctx),
			     void *ctx);

/* Whether the journal at path can be read (or does not exist): 0, or
 * DN_EX_NOINPUT with e filled.  Lets a tool report a journal it cannot
 * open before bad data in other inputs (exit statuses keep their order). */
int dn_journal_check(const char *path, dn_error *e);

/* An empty journal (for a run without one); NULL when out of memory. */
dn_journal *dn_journal_new_empty(const dn_config *cfg, dn_date as_of);

/* Free; NULL is a no-op. */
void dn_journal_free(dn_journal *j);

/* Show the journal one item row (every row that exists at as-of, settled
 * ones included): promises listing its invoice learn whether it was settled
 * in time.  Call it for all items before asking for a status. */
void dn_journal_see_item(dn_journal *j, const dn_item *it);

/* The history of a customer, or NULL when the journal has none. */
const dn_jcustomer *dn_journal_customer(const dn_journal *j, const char *customer, size_t len);

/* Whether the journal disputes an invoice of c in currency cur at as-of
 * (0 when c is NULL). */
int dn_journal_disputed(const dn_jcustomer *c, const char *cur, const char *invoice,
			size_t len);

/* Whether c (may be NULL) has any dispute event: when not, no invoice of
 * it is disputed (a cheap test before dn_journal_disputed). */
int dn_journal_may_dispute(const dn_jcustomer *c);

/* Fill st for c (NULL: no history, all zero) in currency cur. */
void dn_journal_status_of(const dn_journal *j, const dn_jcustomer *c, const char *cur,
			  dn_journal_status *st);

#endif
