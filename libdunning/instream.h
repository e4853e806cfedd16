/* instream.h - an input file as a stdio stream of our own (fopencookie):
 * converted from ISO-8859-15 to UTF-8 with iconv when asked, and with its
 * first line peeked before anything is read from it (the ledger looks at a
 * FEC's header to choose its separator before the CSV reader starts).
 */
#ifndef DN_INSTREAM_H
#define DN_INSTREAM_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

typedef struct dn_instream dn_instream;

/* Open path (NULL or "-": standard input, borrowed) for reading, converted
 * from ISO-8859-15 when latin9.  NULL with e filled: DN_EX_NOINPUT when it
 * cannot be opened, DN_EX_SOFTWARE when iconv cannot convert or memory is
 * out.  Free with dn_instream_free (NULL is a no-op), which closes what it
 * opened. */
dn_instream *dn_instream_open(const char *path, int latin9, dn_error *e);
void dn_instream_free(dn_instream *s);

/* The stream to read from (owned by s): UTF-8, the peeked bytes included. */
FILE *dn_instream_file(dn_instream *s);

/* The first line (a UTF-8 BOM and the line end left out) in *line, *len,
 * valid until the stream is read; it is still read from the stream.  At
 * most 32 KiB are looked at.  0, or -1 on a read error (its errno:
 * dn_instream_errno). */
int dn_instream_first_line(dn_instream *s, const char **line, size_t *len);

/* The errno of the last read error, 0 when none. */
int dn_instream_errno(const dn_instream *s);

#endif
