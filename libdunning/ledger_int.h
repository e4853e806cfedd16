/* ledger_int.h - what ledger.c and lapply.c share (not installed).
 *
 * ledger.c gathers the lines of each entry, tells a transfer from the
 * rest, and hands closed items to the sorter; lapply.c applies the entry's
 * credits and charges (lapply.h).  Both work on the dn_ledger below.
 */
#ifndef DN_LEDGER_INT_H
#define DN_LEDGER_INT_H

#include "ledger.h"
#include "lcust.h"
#include "lgroup.h"
#include "pattern.h"
#include "strpool.h"

/* One line of the entry being gathered: texts copied into the scratch pool. */
struct dn_lline {
	dn_entry en;	 /* first: a line's entry is the line */
	dn_lcust *cust; /* receivable lines: its customer, looked up once */
};

/* A part of an item taken away by a transfer's credit, which its debits
 * carry over. */
struct dn_lfrag {
	const char *invoice; /* copied into the scratch pool */
	dn_date issue, due;
	int64_t amount;
};

struct dn_ledger {
	const dn_config *cfg;
	int fifo;	/* [ledger] apply = fifo */
	dn_pattern *re; /* [ledger] ref_pattern, or NULL */
	dn_explain_fn explain;
	void *explain_ctx;

	dn_strpool scratch; /* the current entry's texts */
	dn_lcusts *custs;
	dn_lgroups *groups;

	dn_litem **closed; /* closed during the current entry: written out after it */
	size_t nclosed, ccap;
	dn_lgroup **emptied; /* groups that lost every member during the entry */
	size_t nemptied, ecap;
	dn_itemsort *sorter;
	long seq; /* items made so far */

	struct dn_lline *lines; /* the current entry */
	size_t nlines, lcap;
	struct dn_lfrag *frags; /* what the current transfer's credits took */
	size_t nfrags, fcap;
	char entry_file[256];
};

/* DN_EX_SOFTWARE "out of memory" into e; returns that status. */
int dn_ledger_oom(dn_error *e);

/* Grow the array *p of *cap elements of elem bytes to hold need: 0, or
 * -1 when out of memory (*p unchanged). */
int dn_ledger_grow(void **p, size_t *cap, size_t need, size_t elem);

/* One --explain line about line en ("FILE:LINE: CUSTOMER: " and the
 * rest); nothing when --explain is off. */
void dn_ledger_say(dn_ledger *l, const dn_entry *en, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Close it on date (never before its issue date): out of its list or
 * group now, out of the ledger after the entry (so that nothing handling
 * the entry holds a freed item).  0, or -1 when out of memory. */
int dn_ledger_close(dn_ledger *l, dn_litem *it, dn_date date);

#endif
