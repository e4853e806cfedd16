/* remind_int.h - what remind.c (the board: items in), reminddecide.c
 * (the decisions, one customer at a time) and remindmsg.c (the messages)
 * share: the board and its customers.  Private to those three. */
#ifndef DN_REMIND_INT_H
#define DN_REMIND_INT_H

#include <stddef.h>
#include <stdint.h>

#include "plan.h"
#include "remind.h"

enum { A_NAME, A_EMAIL, A_PHONE, A_ADDRESS, A_LANGUAGE, A_TYPE, A_COUNT };

/* One overdue invoice of the customer being decided (its rows, from the
 * spool, merged): the board keeps one customer's at a time. */
struct rinv {
	const char *id;              /* in the spool's bucket */
	int64_t balance, interest;
	dn_date issue, due;
	uint32_t len;
	int32_t days;
	int32_t reached;
	int32_t listed;              /* the level it is listed with */
	unsigned char due_now;       /* it reaches a new level with this message */
	unsigned char interest_overflow;
};


/* Per currency, what is looked up again for every message: the fee of
 * each level (looked up on first use, so a bad key fails only when
 * needed, as before) and the plan limits. */
struct ccache {
	char currency[4];
	int64_t *fee;               /* per level ... */
	unsigned char *fee_known;   /* ... once looked up */
	int limits_state;           /* 0 not loaded, 1 loaded, -1 cannot plan */
	dn_plan_limits limits;
};

/* A (customer, currency).  What every row touches comes first (one
 * cache line: rows arrive in any order, so each is a miss). */
struct group {
	size_t len;
	char currency[4];
	uint32_t index;      /* its number in the spool */
	int64_t undisputed, credits;
	size_t nrows;        /* overdue undisputed rows spooled */
	long disputed;
	unsigned char attr_have; /* bit k: attr[k] is set */
	unsigned char may_dispute; /* dn_journal_may_dispute(jc), asked once */
	unsigned char b2c, item_promise;
	dn_date item_promise_until;
	int decimals;
	const dn_jcustomer *jc;
	struct rinv *inv;    /* while decided and rendered: the board's */
	size_t ninv;
	struct gattr *attrs; /* the contact columns, once one is seen; owned */
	char name[];
};

/* A customer's contact columns: the first non-empty value of each. */
struct gattr {
	char *v[A_COUNT];
	size_t len[A_COUNT];
};

/* Contact column k of g (NULL, *len 0: none). */
static inline const char *dn_remind_attr(const struct group *g, int k, size_t *len)
{
	if (g->attrs == NULL || g->attrs->v[k] == NULL) {
		*len = 0;
		return NULL;
	}
	*len = g->attrs->len[k];
	return g->attrs->v[k];
}

/* A cell of the invoice table in the board's scratch. */
struct cell {
	size_t off, len, width;
};

/* A date in words (a message writes two per invoice, and invoices share
 * dates): direct-mapped by the date. */
struct dcache {
	dn_date date;
	unsigned char len, width, set;
	char s[DN_WORDS_BUFSZ];
};

struct dn_remind_board {
	const dn_remind_rules *r;
	dn_journal *j;
	const dn_jhistory *h;
	dn_date as_of;
	uint64_t *gslot;            /* the groups' index (see find_group) */
	size_t gcap;                /* its slots, a power of two */
	struct group *last;
	uint64_t ahead[2];          /* dn_remind_prefetch: the hashes of the
				       rows told of, newest first */
	unsigned char ahead_known[2]; /* whether each was told of */
	dn_rspool *spool;           /* the overdue rows; made by the first */
	struct group **groups_by_index;
	size_t ngroups, capgroups;
	struct group **order;       /* the groups to decide, in output order */
	size_t norder, next;
	dn_remind_outcome cur;      /* the outcome dn_remind_next gave */
	struct gblock *gmem;        /* where the groups live, packed */
	struct rinv *inv;           /* the current group's invoices */
	size_t capinv;
	dn_level_invoice *li;       /* and their levels */
	size_t capli;
	struct ccache *cc;
	size_t ncc;
	int start_state;            /* the plan start: 0 not yet, 1 known, -1 none */
	dn_date plan_start;
	dn_text cells;              /* invoice_table's scratch */
	struct cell *cell;
	size_t cell_cap;
	struct dcache dates[2][1024]; /* dates in words, per language */
};

/* The cache of currency cur (created empty), or NULL when out of memory. */
struct ccache *dn_remind_ccache(dn_remind_board *b, const char *cur);

/* n in decimal into buf (12 bytes at least); returns its length. */
size_t dn_remind_put_long(char *buf, long n);

/* g's INVOICE:LEVEL;... into t (cleared first). */
void dn_remind_invoices_text(const struct group *g, dn_text *t);

#endif
