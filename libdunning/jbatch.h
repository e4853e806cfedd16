/* jbatch.h - a batch of journal rows to append, made from what a pipeline
 * gives the journal: its own rows, or the output of remind, plan or
 * classify --as-event.  Every row is converted and checked
 * (dn_jevent_read) when it is read, so a batch is appended whole or not at
 * all.
 *
 * What the input is, is told by its header:
 *  - an `event` column: journal rows, taken as they are.  A column that is
 *    not a journal column is bad data (a misspelt column would silently
 *    lose what it holds), except in the output of classify --as-event
 *    (the header has `category` and `matched` too): there the other
 *    columns are the source's, dropped (its `note` column is kept);
 *  - else a `level`, a `channel` and an `invoices` column: remind's
 *    output, one `reminder` event per row (date, customer, currency,
 *    invoices, level, channel, fee, ref; note = subject: what was sent,
 *    never the body or the address);
 *  - else an `installment` column: plan's output, one `plan` event per
 *    installment (customer, currency, amount, due_date, ref); the
 *    `settlement` row is an offer, not a plan: skipped and counted;
 *  - anything else is bad data.
 * A row without a date (or with an empty one) gets as-of.  Values are
 * written canonical: dates YYYY-MM-DD, amounts with the currency's
 * decimals and '.', currency upper case, level without leading zeros.
 */
#ifndef DN_JBATCH_H
#define DN_JBATCH_H

#include <stddef.h>

#include "config.h"
#include "csvio.h"
#include "date.h"
#include "error.h"
#include "jevent.h"

/* What the input was. */
typedef enum dn_jinput {
	DN_JIN_EVENTS,   /* journal rows */
	DN_JIN_CLASSIFY, /* classify --as-event */
	DN_JIN_REMIND,   /* remind's output */
	DN_JIN_PLAN      /* plan's output */
} dn_jinput;

typedef struct dn_jbatch dn_jbatch;

/* An empty batch for cfg (borrowed: formats, currencies) at as_of; NULL
 * when out of memory.  Free with dn_jbatch_free (NULL is a no-op). */
dn_jbatch *dn_jbatch_new(const dn_config *cfg, dn_date as_of);
void dn_jbatch_free(dn_jbatch *b);

/* Read every row of rd into b.  Returns 0, or DN_EX_DATAERR (the header
 * is not one of the inputs above, or the first bad row, e naming its file,
 * line, column and value), DN_EX_SOFTWARE when out of memory. */
int dn_jbatch_read(dn_jbatch *b, dn_csv_reader *rd, dn_error *e);

/* What the input was (after dn_jbatch_read). */
dn_jinput dn_jbatch_input(const dn_jbatch *b);

/* Rows kept, and settlement rows of plan's output skipped. */
size_t dn_jbatch_rows(const dn_jbatch *b);
long dn_jbatch_settlements(const dn_jbatch *b);

/* Field c of row i (NUL-terminated, *len set when len is not NULL). */
const char *dn_jbatch_field(const dn_jbatch *b, size_t i, dn_jcol c, size_t *len);

/* The input's name ("<stdin>"), and the input line of row i. */
const char *dn_jbatch_file(const dn_jbatch *b);
long dn_jbatch_line(const dn_jbatch *b, size_t i);

/* Mark each row whose non-empty ref is already in an earlier row of the
 * batch, or was passed to dn_jbatch_recorded, as a duplicate.
 * dn_jbatch_recorded: ref[0..len) is in the journal. 0, or -1 when out of
 * memory. */
int dn_jbatch_index(dn_jbatch *b);
void dn_jbatch_recorded(dn_jbatch *b, const char *ref, size_t len);

/* Whether row i is a duplicate (after dn_jbatch_index); how many are. */
int dn_jbatch_duplicate(const dn_jbatch *b, size_t i);
long dn_jbatch_duplicates(const dn_jbatch *b);

/* Whether some row has a non-empty ref (else the journal need not be
 * searched for refs). */
int dn_jbatch_has_refs(const dn_jbatch *b);

#endif
