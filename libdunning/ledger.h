/* ledger.h - ledger entries to items: lettering, applications, transfers.
 *
 * Lines go in one at a time (dn_ledger_add, from fec.h's dn_entry); the
 * lines of one entry (JournalCode, EcritureNum) are consecutive in every
 * export and are handled together when the next entry starts, so that a
 * credit's counterpart (bank, write-off, another receivable account) is
 * known.  Credits are applied as they come:
 *  - a lettered line belongs to the group (CompteNum, CompAuxNum,
 *    EcritureLet, currency), case-sensitive: the group's credits go to the
 *    group's charges, oldest due first, whichever comes first in the file;
 *    a group that balances closes its items (paid_date = DateLet, else the
 *    date of the credit that closed it, never before the issue date); an
 *    unbalanced group leaves what its credits did not cover open on its
 *    charges, oldest due paid first, and a credit its charges cannot take
 *    stays a credit item of the group;
 *  - an unlettered credit goes to the unlettered charge of its customer
 *    whose invoice [ledger] ref_pattern finds in EcritureLib, then PieceRef;
 *    what is left, with apply = fifo (default), to the unlettered charges
 *    open, oldest due first; the rest is a credit item (negative amount),
 *    which under fifo later charges of the customer use up (its `paid`
 *    then goes negative: it is closed when paid = amount);
 *  - a credit whose entry has a line on [ledger] writeoff_prefixes counts
 *    in written_off, not paid;
 *  - an entry with receivable credits and debits on different (account,
 *    customer) pairs is a transfer: the credits take their amount off the
 *    items (chosen as a payment's would be, fifo whatever apply says), and
 *    the debits carry those items (invoice, issue and due date) over.
 * Memory holds what is open: the open items (per customer, or in their
 * lettering group), one record per customer and currency, the lettering
 * groups with an open member, and one entry's lines.  A closed item is
 * handed to the sorter (itemsort.h) after its entry and freed.
 * The modules: this one gathers entries, finds transfers and writes items
 * out; lapply.h applies each line, lcust.h keeps customers and their open
 * items, lgroup.h the lettering groups, lcheck.h the invariant.
 */
#ifndef DN_LEDGER_H
#define DN_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "out.h"
#include "fec.h"
#include "itemsort.h"

typedef struct dn_ledger dn_ledger;

/* Receives one line of --explain (no line end); ctx is the caller's. */
typedef void (*dn_explain_fn)(void *ctx, const char *line);

/* A ledger over cfg's [ledger] and [general] settings (cfg must outlive
 * it).  NULL with e filled: DN_EX_CONFIG for a ref_pattern that does not
 * compile, DN_EX_SOFTWARE when out of memory. */
dn_ledger *dn_ledger_new(const dn_config *cfg, dn_error *e);

/* Free; NULL is a no-op. */
void dn_ledger_free(dn_ledger *l);

/* Send each application to fn (NULL: none). */
void dn_ledger_explain(dn_ledger *l, dn_explain_fn fn, void *ctx);

/* Add one line (copied: en may go).  Returns 0, or DN_EX_SOFTWARE when out
 * of memory or a pattern match fails (e filled). */
int dn_ledger_add(dn_ledger *l, const dn_entry *en, dn_error *e);

/* The end of the input: handle the last entry, sort the items and check
 * the invariant (per customer and currency, open balances = debits -
 * credits).  Returns 0, or DN_EX_SOFTWARE with e naming the customer. */
int dn_ledger_finish(dn_ledger *l, dn_error *e);

/* The next item in output order (itemsort.h: customer, then issue_date,
 * then invoice in byte order; then due_date, then input order) after
 * dn_ledger_finish: 1 with *out (strings valid until the next call), 0
 * after the last, -1 with e filled (reading the temporary file). */
int dn_ledger_next(dn_ledger *l, dn_ledger_item *out, dn_error *e);

/* Write every item (dn_ledger_next's order) on o, nothing declared on it
 * yet: the columns customer, invoice, customer_name, issue_date,
 * due_date, amount, paid, written_off, paid_date, currency.  Returns 0, or
 * a status with e filled. */
int dn_ledger_write_items(dn_ledger *l, dn_out *o, dn_error *e);

/* Sort batch of about bytes (default 16 MiB); before the first add.  For
 * tests, which make it small to exercise the temporary file. */
void dn_ledger_set_batch(dn_ledger *l, size_t bytes);

/* Sorted runs written to the temporary file so far. */
size_t dn_ledger_runs(const dn_ledger *l);

#endif
