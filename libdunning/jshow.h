/* jshow.h - one customer's history, as `journal --customer` prints it. */
#ifndef DN_JSHOW_H
#define DN_JSHOW_H

#include <stdio.h>

#include "config.h"
#include "error.h"
#include "journal.h"

/* Print customer's rows of the journal at path (read under the shared
 * lock, every row checked), the header first, on fp: CSV (fields
 * separated by delim; --excel-safe when excel_safe) or, with table, an
 * aligned table.  info says what reading noticed: a missing journal (no
 * row, not an error), a cut last line left out.  Returns 0, or a status
 * with e filled. */
int dn_journal_print_customer(const char *path, const dn_config *cfg, const char *customer,
			      int table, char delim, int excel_safe, FILE *fp,
			      dn_journal_info *info, dn_error *e);

#endif
