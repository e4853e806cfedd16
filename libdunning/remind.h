/* remind.h - the reminders due at as-of, per customer and currency.
 *
 * Items are added one by one: each (customer, currency) keeps its totals,
 * netted credits and contact columns, and its undisputed overdue rows go
 * to a spool on disk (rspool.h), so memory grows with customers, not with
 * items.  Then every customer with something overdue is decided, one at a
 * time (its rows back from the spool), in customer then currency byte order:
 * held (hold.h: journal holds, item promises, only disputed overdue
 * items, then the contact caps and addresses of the message's channel),
 * waiting (level.h: nothing due, below min_overdue, too soon after the
 * last reminder) or sent.  A message is rendered on demand
 * (dn_remind_render) so that only one is in memory at a time, and so is
 * one customer's invoices.
 *
 * Installments (rows sharing customer and invoice) are one invoice: their
 * overdue balances add up, its due date is the earliest overdue one, its
 * days overdue the largest; late interest is computed per row (each row's
 * own due date) and added up per invoice.
 */
#ifndef DN_REMIND_H
#define DN_REMIND_H

#include <stddef.h>
#include <stdint.h>

#include "charges.h"
#include "config.h"
#include "csvio.h"
#include "error.h"
#include "hold.h"
#include "item.h"
#include "jhistory.h"
#include "journal.h"
#include "level.h"
#include "rspool.h"
#include "template.h"
#include "wording.h"

/* Everything the configuration says about reminders, templates loaded. */
typedef struct dn_remind_rules {
	const dn_config *cfg; /* borrowed */
	dn_levels levels;
	dn_charges charges;
	dn_hold_rules hold;
	dn_lang lang;         /* [general] language */
	const char *sender, *contact; /* [general]; borrowed, may be NULL */
	/* per level: [0] template, [1] template_en, [2] template_fr (or NULL) */
	dn_template *(*tpl)[3];
} dn_remind_rules;

/* Load levels, charges, holds and every template (parsed and checked now,
 * so a bad one stops the run before any output).  Returns 0, or
 * DN_EX_CONFIG / DN_EX_SOFTWARE with e filled.  Free with
 * dn_remind_rules_free (a zeroed struct is fine). */
int dn_remind_rules_load(dn_remind_rules *r, const dn_config *cfg, dn_error *e);
void dn_remind_rules_free(dn_remind_rules *r);

/* The template of a level (1..n) for a language: template_<lang>, else
 * template, else the other language's. */
const dn_template *dn_remind_template(const dn_remind_rules *r, int level, dn_lang l);

typedef enum dn_remind_kind { DN_REMIND_SEND, DN_REMIND_HELD, DN_REMIND_WAIT } dn_remind_kind;

/* One decision.  Strings are owned by the board. */
typedef struct dn_remind_outcome {
	dn_remind_kind kind;
	const char *customer;
	size_t customer_len;
	char currency[4];
	int decimals;
	dn_hold hold;                /* HELD */
	dn_level_decision decision;  /* WAIT and SEND */
	long invoices;               /* undisputed overdue invoices */
	long disputed;               /* disputed overdue invoices left out */
	int64_t overdue;             /* netted undisputed overdue, >= 0 */
	/* SEND */
	const dn_level *level;
	dn_lang lang;
	const char *to;              /* the channel's address */
	size_t to_len;
	int64_t fee, interest;
	char ref[24];
	void *group;                 /* private */
} dn_remind_outcome;

typedef struct dn_remind_board dn_remind_board;

/* An empty board; rules, journal and history are borrowed (journal and
 * history may be NULL: no history).  NULL when out of memory. */
dn_remind_board *dn_remind_board_new(const dn_remind_rules *rules, dn_journal *journal,
				     const dn_jhistory *history, dn_date as_of);

/* Free; NULL is a no-op. */
void dn_remind_board_free(dn_remind_board *b);

/* Add one item row (it read with dn_item_read from row under schema s; x
 * its promise_date, may be NULL).  Returns 0; DN_EX_DATAERR with e filled
 * (naming the column; the caller may reject the row) for a bad
 * customer_type or a total out of range; DN_EX_SOFTWARE. */
/* A hint that the row DN_REMIND_PREFETCH_AHEAD rows from now is for
 * (customer, currency) (customer NULL: not known): its group is brought
 * into cache in three steps over the next calls (slot, index entry,
 * record), so the lookup at that row does not wait for memory.  Changes
 * nothing else.  currency: as in the data (any case). */
#define DN_REMIND_PREFETCH_AHEAD 6
void dn_remind_prefetch(dn_remind_board *b, const char *customer, size_t len,
			const char *currency, size_t clen);

int dn_remind_add(dn_remind_board *b, const dn_item_schema *s, const dn_row *row,
		  const dn_item *it, const dn_item_extra *x, dn_error *e);

/* No more items: rank the customers to decide (customer then currency
 * byte order) and sort the spooled rows for them.  Call once, after the
 * last add.  Returns 0, or DN_EX_IOERR / DN_EX_SOFTWARE with e filled. */
int dn_remind_decide(dn_remind_board *b, dn_error *e);

/* The next customer's decision: *out (owned by the board, valid with its
 * invoices until the next call), NULL after the last.  Returns 0,
 * DN_EX_CONFIG (a money key with more decimals than a currency),
 * DN_EX_DATAERR (a total out of range), DN_EX_IOERR or DN_EX_SOFTWARE. */
int dn_remind_next(dn_remind_board *b, const dn_remind_outcome **out, dn_error *e);

/* A rendered message. */
typedef struct dn_message {
	dn_text subject, body;
	dn_text invoices;  /* INVOICE:LEVEL;... */
} dn_message;

/* Render a SEND outcome into m (its texts reused; free them with
 * dn_message_free).  Returns 0 or DN_EX_SOFTWARE. */
int dn_remind_render(dn_remind_board *b, const dn_remind_outcome *o, dn_message *m,
		     dn_error *e);
void dn_message_free(dn_message *m);

/* The decision in words for --explain and the held lines of stderr (for
 * the operator, in English): "level 2 (Relance ferme) by email",
 * "held: promise to pay until 2026-12-01", "not yet due for level 2: 9 of
 * 14 days", ... */
void dn_remind_explain(const dn_remind_outcome *o, char *buf, size_t size);

/* The sample values a template is linted with (--lint); strings static. */
void dn_remind_sample(const dn_remind_rules *r, dn_lang l, dn_tvalues *v);

#endif
