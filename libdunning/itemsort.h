/* itemsort.h - items sorted in bounded memory, for openitems' output.
 *
 * openitems writes every item, closed ones included, sorted; a ledger's
 * closed items far outnumber its open ones.  Items are copied into a batch;
 * a full batch is sorted and written as a run to a temporary file (created
 * in $TMPDIR, else /tmp, and unlinked at once); the end merges the runs and
 * the last batch.  Memory is the batch and one read buffer per run.
 * Order: customer, then issue_date, then invoice (byte order), then
 * due_date, then seq (the order the items were made in).
 */
#ifndef DN_ITEMSORT_H
#define DN_ITEMSORT_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"

/* One output item.  Strings are NUL-terminated; their lengths are given
 * (the sorter never has to look for the NUL). */
typedef struct dn_ledger_item {
	const char *customer, *invoice, *customer_name;
	size_t customer_len, invoice_len, name_len;
	dn_date issue_date, due_date;
	int64_t amount, paid, written_off;
	int has_paid_date;
	dn_date paid_date;
	const char *currency; /* 3 letters */
	int decimals;
	int64_t seq; /* tie-break: creation order */
} dn_ledger_item;

typedef struct dn_itemsort dn_itemsort;

/* A sorter whose batch holds about batch_bytes of items (0: 16 MiB).
 * NULL when out of memory.  Free with dn_itemsort_free (NULL: no-op). */
dn_itemsort *dn_itemsort_new(size_t batch_bytes);
void dn_itemsort_free(dn_itemsort *s);

/* Copy an item in.  0, or DN_EX_SOFTWARE (out of memory) / DN_EX_IOERR
 * (the temporary file) with e filled.  Not after dn_itemsort_next. */
int dn_itemsort_add(dn_itemsort *s, const dn_ledger_item *it, dn_error *e);

/* The next item in order into *out (strings valid until the next call):
 * 1, 0 after the last, -1 with e filled (reading the temporary file). */
int dn_itemsort_next(dn_itemsort *s, dn_ledger_item *out, dn_error *e);

/* Runs written to the temporary file so far (for tests). */
size_t dn_itemsort_runs(const dn_itemsort *s);

#endif
