/* classev.h - the rows of classify --as-event, made ready for the journal.
 *
 * `classify --as-event | journal -f J` must record every row, and record
 * it once however often it is run:
 *  - the event: dn_classify_event's, except that a `promise` row becomes a
 *    `promise` event only when it carries what the journal needs of one (a
 *    `due_date`, and an `amount` or `invoices`: SPEC "journal"); else it
 *    is a `message_in` (the journal keeps its note).  The rules find that
 *    a debtor promised, not when or how much, and a promise without a date
 *    could never be kept or broken;
 *  - the ref: the row's own non-empty `ref`, else `cl-` and 16 hex digits
 *    of FNV-1a 64 over the row's source fields (every column but
 *    category, matched, event and ref, in order, each followed by a 0x1F
 *    byte).  The journal skips a row whose ref it holds, so the same
 *    output recorded twice is recorded once; classify | classify keeps
 *    the ref.
 * Columns are found by their journal names, as journal(1) finds them.
 */
#ifndef DN_CLASSEV_H
#define DN_CLASSEV_H

#include <stddef.h>

#include "csvio.h"
#include "journal.h"

/* "cl-", 16 hex digits, NUL. */
#define DN_CLASSEV_REF_SIZE 20

/* Where a row's fields are (indexes into the header, -1 when absent). */
typedef struct dn_classev {
	int due_date, amount, invoices, ref;
	int own[3]; /* category, matched, event: classify's, not the source's */
} dn_classev;

/* Find the columns in rd's header. */
void dn_classev_init(dn_classev *ce, const dn_csv_reader *rd);

/* The event of row, whose text got category (NULL: no rule matched). */
dn_event dn_classev_event(const dn_classev *ce, const dn_row *row, const char *category);

/* The ref of row: *ref points at its own ref, or at buf (of
 * DN_CLASSEV_REF_SIZE bytes) holding the computed one.  Returns its
 * length. */
size_t dn_classev_ref(const dn_classev *ce, const dn_row *row, char *buf, const char **ref);

#endif
