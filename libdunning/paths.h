/* paths.h - the operands of a run, checked as files before any is read. */
#ifndef DN_PATHS_H
#define DN_PATHS_H

#include <stddef.h>

#include "error.h"

/* DN_EX_USAGE with e filled when two of paths[0..n) are the same file
 * (same device and inode: `a.csv ./a.csv`, a link) or "-" (stdin) is
 * given twice; else 0.  What stdin is redirected from is not compared (it
 * is not named).  A path that cannot be looked up is skipped: opening it
 * will say why.  The error names the later of the two operands. */
int dn_paths_check_distinct(const char *const *paths, size_t n, dn_error *e);

#endif
