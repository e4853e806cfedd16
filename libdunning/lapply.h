/* lapply.h - what each receivable line of an entry does to the items.
 *
 * Internal to the ledger (ledger.c calls it once per receivable line, in
 * the order ledger.h gives).  The rules of SPEC "openitems":
 *  - a lettered line joins its group (lgroup.h): a credit pays the group's
 *    open charges, oldest due first, and what they cannot take stays a
 *    credit item of the group; a charge uses up the group's credit items;
 *  - an unlettered credit pays the charge whose invoice [ledger]
 *    ref_pattern finds in EcritureLib, then PieceRef; then, under apply =
 *    fifo, the customer's open charges oldest due first; the rest is a
 *    credit item, never lost, which later charges use up under fifo;
 *  - a write-off (wo) counts in written_off instead of paid;
 *  - a transfer's credit takes its amount off the items (the one PieceRef
 *    names, then fifo whatever apply says) and records what it took as
 *    fragments; the transfer's debits carry them over.
 * Each application is told to --explain.  Every function returns 0 or a
 * status with e filled (out of memory, a pattern's match limit).
 */
#ifndef DN_LAPPLY_H
#define DN_LAPPLY_H

#include "ledger_int.h"

/* Receivable credit line en (amount < 0) of the current entry; wo: the
 * entry writes off; transfer: the entry is a transfer. */
int dn_lapply_credit(dn_ledger *l, const dn_entry *en, int wo, int transfer, dn_error *e);

/* A charge of line en: invoice inv, issued and due on those dates, for
 * amount (> 0). */
int dn_lapply_charge(dn_ledger *l, const dn_entry *en, dn_span inv, dn_date issue, dn_date due,
		     int64_t amount, dn_error *e);

/* A transfer's debit line en: the fragments from *fi on, carried over as
 * far as its amount goes (*fi moves past those it used up); what they do
 * not cover is a charge of its own. */
int dn_lapply_transfer_in(dn_ledger *l, const dn_entry *en, size_t *fi, dn_error *e);

#endif
