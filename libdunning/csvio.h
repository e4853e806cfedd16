/* csvio.h - streaming CSV in (over libcsv) and out (minimal quoting).
 *
 * The reader reads its inputs as one stream (each file has its own header,
 * which must equal the first one), holds one record at a time, keeps field
 * values exactly as written (no trimming), and knows the first physical line
 * of every record, blank lines and multi-line quoted fields included.
 */
#ifndef DN_CSVIO_H
#define DN_CSVIO_H

#include <stddef.h>
#include <stdio.h>

#include "csvtext.h"
#include "error.h"

/* One record.  Borrowed from the reader: valid until the next dn_csv_next or
 * dn_csv_reader_free.  Every field is NUL-terminated at v[i][len[i]]. */
typedef struct dn_row {
	size_t n;               /* number of fields */
	const char *const *v;   /* field values */
	const size_t *len;      /* field lengths in bytes */
	long line;              /* first physical line of the record (1-based) */
	const char *file;       /* display name of its input: a path or "<stdin>" */
} dn_row;

/* A row copied into storage of its own, reused from one copy to the next:
 * for a record that must outlive the reader's next call. */
typedef struct dn_row_copy {
	dn_row row;       /* the copy: valid until the next set or free */
	char *data;       /* the fields, each NUL-terminated */
	size_t cap;
	const char **v;
	size_t *len;
	size_t vcap;
} dn_row_copy;

/* Copy row into c (start from a zeroed dn_row_copy).  0, or -1 when out of
 * memory (c keeps its previous copy). */
int dn_row_copy_set(dn_row_copy *c, const dn_row *row);

/* Free c's storage (not c itself); a zeroed dn_row_copy is fine. */
void dn_row_copy_free(dn_row_copy *c);

typedef struct dn_csv_reader dn_csv_reader;

/* A reader over paths[0..npaths) ("-" is stdin; npaths == 0 means stdin),
 * with field delimiter delim (a file's Excel "sep=" first line overrides it
 * for that file).  The same file named twice is refused first
 * (DN_EX_USAGE, dn_paths_check_distinct); every input is opened now, so a
 * missing file is reported (DN_EX_NOINPUT) before any output; the header of
 * the first is read too (DN_EX_DATAERR for an empty input or a repeated
 * column name; a later input without a header fails when reached).
 * Returns NULL with e filled on failure.  The paths must outlive the reader. */
dn_csv_reader *dn_csv_reader_new(const char *const *paths, size_t npaths, char delim,
				 dn_error *e);

/* A reader over an open stream (not closed by the reader; name is for
 * messages and must outlive the reader).  Same errors as above. */
dn_csv_reader *dn_csv_reader_from_stream(FILE *fp, const char *name, char delim, dn_error *e);

/* The same for an input without quoting (the FEC): a '"' is an ordinary
 * byte wherever it stands, so a label starting with one never swallows the
 * lines after it.  (A 0xFF byte, never valid UTF-8, plays the quote.) */
dn_csv_reader *dn_csv_reader_from_stream_unquoted(FILE *fp, const char *name, char delim,
						  dn_error *e);

/* Close every input and free the reader; NULL is a no-op. */
void dn_csv_reader_free(dn_csv_reader *r);

/* The header row (the first input's). Borrowed, valid while the reader lives. */
const dn_row *dn_csv_header(const dn_csv_reader *r);

/* Index of the header column named `name` (compared case-insensitively,
 * the header name trimmed of spaces), or -1. */
int dn_csv_find(const dn_csv_reader *r, const char *name);

/* The header's spelling of column `name` (as dn_csv_find matches it), or
 * name itself when the header has no such column: a tool that writes an
 * existing column in place keeps the input's name (borrowed). */
const char *dn_csv_header_name(const dn_csv_reader *r, const char *name);

/* Read the next record into *row.  Returns 1 when a record was read, 0 at the
 * end of the inputs, -1 on error with e filled:
 *  - a bad record (field count differs from the header's, NUL byte, invalid
 *    UTF-8): *row is set to that record too, so the caller may reject it
 *    and call again;
 *  - a broken stream (unterminated or misplaced quote, read error, a later
 *    input whose header differs): row->n is 0 and reading cannot go on. */
int dn_csv_next(dn_csv_reader *r, dn_row *row, dn_error *e);

/* Field `field` of the record `ahead` records after the one dn_csv_next
 * returned last (the header before the first; 1: the next one), when it
 * is already read (the reader holds a chunk's records); NULL otherwise.  The record is not checked
 * yet: for prefetch hints only.  Valid until the next dn_csv_next. */
const char *dn_csv_peek(const dn_csv_reader *r, size_t ahead, size_t field, size_t *len);

/* Whether row is the record dn_csv_next returned last and no field of it
 * holds a quote, CR, LF (nor another byte in 0x08..0x0f) or delim:
 * written with delim, none of its fields needs quoting but for the spaces
 * rule (see dn_csv_put_plain).  The reader knows its bytes already (it
 * scanned them while storing them); a row built by hand, or copied, is
 * never plain. */
int dn_csv_row_plain(const dn_csv_reader *r, const dn_row *row, char delim);

/* Whether path names one of the reader's inputs (same device and inode):
 * writing to it would destroy what is being read. */
int dn_csv_reader_reads(const dn_csv_reader *r, const char *path);

/* The reader's field delimiter. */
char dn_csv_delimiter(const dn_csv_reader *r);

/* The delimiter the file seems to use when the header did not split: the
 * header has a single field holding ';', a tab or '|' (the one most often
 * there; ties in that order) other than the delimiter the header was read
 * with.  0 otherwise.  For the hint of a "missing column" error. */
char dn_csv_guess_delimiter(const dn_csv_reader *r);

/* "comma", "semicolon", "tab" or "pipe" (the [input] delimiter names) for
 * d; NULL for another character.  A static string. */
const char *dn_delimiter_name(char d);

/* Records read so far (header rows not counted). */
long dn_csv_records(const dn_csv_reader *r);

typedef struct dn_csv_writer dn_csv_writer;

/* A buffered writer to out (not closed by the writer) with delimiter delim.
 * With excel_safe, fields starting with = + - @ TAB or CR get a leading '
 * unless they are a plain number ("-12.50"). NULL when out of memory. */
dn_csv_writer *dn_csv_writer_new(FILE *out, char delim, int excel_safe);

/* Flush and free (the FILE stays open); NULL is a no-op. */
void dn_csv_writer_free(dn_csv_writer *w);

/* End rows with CRLF instead of LF ([output] line_end = crlf); with
 * comma_numbers, --excel-safe also leaves "-12,50" alone (a decimal-comma
 * number is a number, not a formula). */
void dn_csv_writer_set(dn_csv_writer *w, int crlf, int comma_numbers);

/* Turn --excel-safe on or off for the fields written from now on. */
void dn_csv_writer_excel_safe(dn_csv_writer *w, int on);

/* Append bytes as they are, outside any field (a BOM). */
void dn_csv_put_raw(dn_csv_writer *w, const char *s, size_t len);

/* Append one field of len bytes to the current row, quoting it only when it
 * must be (delimiter, quote, CR, LF, leading or trailing space; and the
 * first field written when it starts with a BOM or "sep=", which a reader
 * would take for a file's preamble). */
void dn_csv_put(dn_csv_writer *w, const char *s, size_t len);

/* The same for a NUL-terminated string. */
void dn_csv_put_str(dn_csv_writer *w, const char *s);

/* Append fields v[0..n) of len[0..n) bytes, as dn_csv_put does one by
 * one. */
void dn_csv_put_fields(dn_csv_writer *w, const char *const *v, const size_t *len, size_t n);

/* The same for fields known to hold no delimiter, quote, CR or LF
 * (dn_csv_row_plain): only the other rules are checked (spaces at either
 * end, --excel-safe, the header row), and fields stored one after the
 * other, each NUL-terminated (a reader's record), are copied as one
 * block. */
void dn_csv_put_plain(dn_csv_writer *w, const char *const *v, const size_t *len, size_t n);

/* Append every field of a row. */
void dn_csv_put_row_fields(dn_csv_writer *w, const dn_row *row);

/* End the current row with LF (a row whose only field is empty is written
 * as "" so the row survives). */
void dn_csv_end_row(dn_csv_writer *w);

/* Write buffered bytes to the FILE and fflush it.  Returns 0, or
 * DN_EX_IOERR when any write so far failed (errno kept from the failure). */
int dn_csv_flush(dn_csv_writer *w);

#endif
