/* lcust.h - the ledger's customers and their open items.
 *
 * Internal to the ledger (ledger.c, lgroup.c, lapply.c, lcheck.c): what
 * openitems keeps per customer while it reads.  A customer is one
 * (customer id, currency) pair, since lettering, applications and the
 * invariant are all per currency.  Its record holds the running balance of
 * its receivable lines and two lists of its unlettered open items: the
 * charges, oldest due first (the order fifo pays them in), and the credit
 * items left open, in the order they came.  An item of a lettering group
 * is listed by its group instead (lgroup.h).  Closed items leave the lists
 * at once (ledger.h): memory follows what is open.
 * Customers are never freed one by one: their records sit one after the
 * other in large blocks, so that a walk over all of them (the end of the
 * run, the invariant) reads memory in order instead of chasing pointers.
 */
#ifndef DN_LCUST_H
#define DN_LCUST_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "fec.h"

struct dn_lgroup;
typedef struct dn_litem dn_litem;

/* A customer in one currency. */
typedef struct dn_lcust {
	size_t id_len;
	char currency[4];
	int decimals;
	const char *name; /* the first non-empty name its lines gave (table's pool) */
	size_t name_len;
	int64_t balance;		  /* debits - credits of its receivable lines */
	int64_t check;			  /* open balances of its items, at the end */
	dn_litem *open_head, *open_tail;  /* unlettered charges open, oldest due first */
	dn_litem *cr_head, *cr_tail;	  /* unlettered credit items open, by arrival */
	char id[]; /* in the record: one cache line less to fetch per lookup */
} dn_lcust;

/* An item (an invoice, an installment a transfer carried over, a credit
 * item) while the ledger holds it. */
struct dn_litem {
	dn_lcust *cust;
	struct dn_lgroup *group; /* its lettering group (which lists it while open), or NULL */
	dn_date issue, due, paid_date;
	int64_t amount, paid, wo;
	long seq;		/* creation order: the last sort key */
	size_t inv_len;
	unsigned credit : 1;	/* a credit item (amount < 0) */
	unsigned writeoff : 1;	/* a credit item left by a write-off */
	unsigned closed : 1;
	unsigned gone : 1;	/* moved away whole by a transfer */
	unsigned linked : 1;	/* in its customer's open or credit list */
	dn_litem *prev, *next;	/* its neighbours in that list */
	char invoice[];
};

/* What is open on an item: amount - paid - written off (negative for a
 * credit item). */
static inline int64_t dn_litem_open(const dn_litem *it)
{
	return it->amount - it->paid - it->wo;
}

/* A new item of c, in no list yet (free() it, or link it).  NULL when out
 * of memory. */
dn_litem *dn_litem_new(dn_lcust *c, const char *inv, size_t inv_len, dn_date issue, dn_date due,
		       int64_t amount, long seq);

/* Whether a is paid before b: due date, then issue date, then creation. */
int dn_litem_before(const dn_litem *a, const dn_litem *b);

/* Into its customer's open charges, at its place by dn_litem_before. */
void dn_lcust_link_charge(dn_litem *it);

/* At the end of its customer's open credit items. */
void dn_lcust_link_credit(dn_litem *it);

/* Out of whichever list holds it; an unlisted item is left alone. */
void dn_lcust_unlink(dn_litem *it);

typedef struct dn_lcusts dn_lcusts;

/* An empty table of customers; NULL when out of memory. */
dn_lcusts *dn_lcusts_new(void);

/* Free the customers, the items still in their lists and the table;
 * NULL is a no-op. */
void dn_lcusts_free(dn_lcusts *t);

/* The customer of receivable line en (its customer and currency), made on
 * its first line; a later line's name fills an empty one.  Owned by the
 * table.  NULL when out of memory. */
dn_lcust *dn_lcusts_find(dn_lcusts *t, const dn_entry *en);

/* A hint that the customer of en is looked up soon (keytab.h). */
void dn_lcusts_prefetch(const dn_lcusts *t, const dn_entry *en);

/* Where a walk over the customers is: zero it to start. */
typedef struct dn_lcusts_pos {
	const void *block;
	size_t at;
} dn_lcusts_pos;

/* The next customer of the walk at *pos, in the order they were made;
 * NULL after the last.  No dn_lcusts_find while walking. */
dn_lcust *dn_lcusts_next(const dn_lcusts *t, dn_lcusts_pos *pos);

#endif
