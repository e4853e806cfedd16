/* lcheck.h - the invariant openitems checks on every run.
 *
 * Per customer and currency, the open balances of the items written must
 * equal the debits - credits of the customer's receivable lines
 * (write-offs being credits too), to the cent.  The ledger posts every
 * receivable line as it reads it, counts every item still open at the
 * end, then checks: a difference is a bug of ours (SPEC: 70, naming the
 * customer), never the user's data, and no item is printed.
 */
#ifndef DN_LCHECK_H
#define DN_LCHECK_H

#include <stdint.h>

#include "error.h"
#include "lcust.h"

/* A receivable line of c for amount (debit > 0, credit < 0).  0, or
 * DN_EX_DATAERR "balance out of range" (the line's place is the caller's
 * to add). */
int dn_lcheck_post(dn_lcust *c, int64_t amount, dn_error *e);

/* Item it of its customer, open at the end: its open balance counts.
 * 0, or DN_EX_SOFTWARE when the sum overflows. */
int dn_lcheck_count(const dn_litem *it, dn_error *e);

/* After every open item was counted: 0 when each customer's open balance
 * is its debits - credits; else DN_EX_SOFTWARE with e naming the first
 * customer found that differs (column "customer") and both sums. */
int dn_lcheck_all(const dn_lcusts *t, dn_error *e);

#endif
