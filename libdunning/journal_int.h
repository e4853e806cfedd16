/* journal_int.h - between journal.c (the state) and jread.c (the file):
 * internal to libdunning, not installed. */
#ifndef DN_JOURNAL_INT_H
#define DN_JOURNAL_INT_H

#include "journal.h"

/* Apply one event of the first pass to j.  0, or -1 when out of memory. */
int dn_journal_apply(dn_journal *j, const dn_jevent *ev);

/* Add one payment of the second pass to the promises and plans it counts
 * for (no memory is taken). */
void dn_journal_apply_payment(dn_journal *j, const dn_jevent *ev);

/* Whether some promise or plan was seen: then the second pass is needed. */
int dn_journal_wants_payments(const dn_journal *j);

/* The config j was made with (borrowed). */
const dn_config *dn_journal_config(const dn_journal *j);

#endif
