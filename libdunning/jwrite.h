/* jwrite.h - changing the journal: appending a batch, purging old events,
 * and reading it row by row (a customer's history).
 *
 * Append: under LOCK_EX (dn_jfile_open), an unterminated last record (a
 * cut append) is cut first; rows whose non-empty ref is already in the
 * journal or earlier in the batch are skipped; the rest are written in
 * the journal's own column order in one loop that goes on after short
 * writes and EINTR, then fsync(2)'d; on any failure the file is truncated
 * back to its size before the write.  A new or empty file gets the journal
 * header (date, customer, currency, event, invoices, level, channel,
 * amount, fee, due_date, ref, note).
 *
 * Purge: under LOCK_EX, the events dated on or after a date are written to
 * a new file in the same folder (same mode), fsync'd, and rename(2)d over
 * the journal; the folder is fsync'd; then the lock on the old file is
 * released.  Appenders and readers waiting for that lock find that the
 * path names another file and start again on the new one, so no row
 * appended concurrently is lost.
 */
#ifndef DN_JWRITE_H
#define DN_JWRITE_H

#include "config.h"
#include "csvio.h"
#include "date.h"
#include "error.h"
#include "jbatch.h"
#include "jevent.h"

/* What an append did. */
typedef struct dn_jappend_info {
	long appended;    /* rows written */
	long duplicates;  /* rows skipped: ref already recorded */
	long cut_line;    /* an unterminated last record was cut: its first
			   * line; 0 when none */
	int created;      /* the file was new or empty: the header written */
} dn_jappend_info;

/* Append batch b to the journal at path (created when missing), with
 * cfg's [input] delimiter.  Returns 0, or: DN_EX_NOINPUT (cannot open or
 * lock; not a regular file), DN_EX_DATAERR (the journal's header is not a
 * journal header, or has no column for a value of the batch, or a record
 * of the journal is bad CSV; nothing written), DN_EX_IOERR (a write or
 * fsync failed; the file was truncated back). */
int dn_journal_append(const char *path, const dn_config *cfg, dn_jbatch *b,
		      dn_jappend_info *info, dn_error *e);

/* Called for the header (ev == NULL) and then for each whole row of the
 * journal (ev: the row read by dn_jevent_read).  Return 0 to go on, or a
 * status with e filled to stop. */
typedef int (*dn_jrow_fn)(void *ctx, const dn_row *row, const dn_jevent *ev, dn_error *e);

/* Read the journal at path under LOCK_SH, every row checked, and hand
 * each to fn.  A missing journal: 1 (fn not called).  An unterminated last
 * record is left out and its line put in *cut_line (0 when none).
 * Returns 0, 1, or a status (DN_EX_NOINPUT, DN_EX_DATAERR for a bad row,
 * or fn's). */
int dn_journal_each(const char *path, const dn_config *cfg, dn_jrow_fn fn, void *ctx,
		    long *cut_line, dn_error *e);

/* What a purge did. */
typedef struct dn_jpurge_info {
	long kept, removed;
	long cut_line; /* as for an append: the cut record is not kept */
} dn_jpurge_info;

/* Remove the events dated before `before` from the journal at path, as
 * above.  Returns 0, or DN_EX_NOINPUT (missing, cannot open), DN_EX_DATAERR
 * (a bad row: nothing changed), DN_EX_IOERR (the new file could not be
 * written or renamed: the journal is unchanged). */
int dn_journal_purge(const char *path, const dn_config *cfg, dn_date before,
		     dn_jpurge_info *info, dn_error *e);

#endif
