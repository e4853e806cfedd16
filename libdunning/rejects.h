/* rejects.h - the --rejects FILE mechanism.
 *
 * Each bad row goes to FILE unchanged plus an `error` column, and the tool
 * goes on; rows in = rows out + rows rejected (+ rows a tool documents that
 * it filters).
 */
#ifndef DN_REJECTS_H
#define DN_REJECTS_H

#include "csvio.h"
#include "error.h"

typedef struct dn_rejects dn_rejects;

/* Create FILE for the rows of rd and write rd's header plus `error`, with
 * rd's delimiter.  NULL with e filled: DN_EX_USAGE when FILE is one of rd's
 * inputs (it would be destroyed), DN_EX_IOERR when it cannot be created. */
dn_rejects *dn_rejects_open(const char *path, const dn_csv_reader *rd, dn_error *e);

/* Apply --excel-safe to the rejects file too: its rows are the ones most
 * likely to be hostile. */
void dn_rejects_excel_safe(dn_rejects *r, int on);

/* Write a bad row with the message of why (formatted by dn_error_format). */
void dn_rejects_add(dn_rejects *r, const dn_row *row, const dn_error *why);

/* Rows written so far; 0 for NULL. */
long dn_rejects_count(const dn_rejects *r);

/* Flush, close and free; 0 or DN_EX_IOERR with e filled.  NULL is a no-op. */
int dn_rejects_close(dn_rejects *r, dn_error *e);

/* The loop step every row tool shares: read the next row; a bad row is sent
 * to rej (when not NULL) and skipped.  Returns 1 with *row, 0 at the end, -1
 * on an error that stops the tool (e filled). */
int dn_next_row(dn_csv_reader *rd, dn_rejects *rej, dn_row *row, dn_error *e);

/* For a row the tool itself found bad (e filled): with rej, write it there
 * and return 0 so the tool goes on; without, return -1. */
int dn_reject(dn_rejects *rej, const dn_row *row, const dn_error *e);

#endif
