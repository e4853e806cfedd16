/* csvio_int.h - the reader's state, between csvio.c (reading records)
 * and csvopen.c (opening inputs, the header, the end): internal to
 * libdunning, not installed. */
#ifndef DN_CSVIO_INT_H
#define DN_CSVIO_INT_H

#include <csv.h>
#include <stdint.h>

#include "csvio.h"

#define READ_CHUNK (64 * 1024)

struct input {
	FILE *fp;
	const char *name; /* display name */
	int borrowed; /* stdin or a caller's stream: not ours to close */
};

struct rowrec {
	size_t first; /* index of its first field in foff/flen */
	size_t n;
	long line;
	int is_header;
	int needs_check; /* some field has a non-ASCII or NUL byte */
	int no_ctl;      /* no field holds a byte in 0x08..0x0f (CR, LF) */
	size_t input;    /* index of its input (the reader may be past it) */
};

struct dn_csv_reader {
	struct input *in;
	size_t nin, cur;
	char delim;       /* as given */
	char first_delim; /* the first input's: delim, or its "sep=" line's */
	unsigned char quote; /* libcsv's quote byte; 0 for its default '"' */
	struct csv_parser p;
	int parser_live;

	char *buf; /* read buffer of the current input */
	size_t buflen, bufpos;
	int file_started; /* BOM already checked for the current input */

	long lines_done; /* physical lines of the current input fully read */
	long rec_start;  /* first line of the record being assembled */
	int rec_check;   /* the record just completed needs the exact checks */
	int rec_no_ctl;  /* and its struct rowrec no_ctl */
	uint64_t scan_odd; /* the record so far: non-ASCII or NUL bytes seen */
	uint64_t scan_ctl; /* the record so far: a byte in 0x08..0x0f seen */
	int after_cr;    /* the last thing libcsv reported was a CR terminator */
	int expect_header;
	int oom;
	int has_deferred; /* an error waits behind the queued records */
	dn_error deferred;
	long deferred_col; /* its column (named when handed out), or -1 */

	/* Fields of queued records and of the record being assembled. */
	char *data;
	size_t dlen, dcap;
	size_t *foff, *flen;
	size_t nf, fcap;
	size_t pending_first; /* first field of the record being assembled */
	struct rowrec *rows;
	size_t nrows, rcap, rnext;

	const char **vptr; /* pointers handed out in dn_row.v */
	size_t vcap;

	dn_row_copy header; /* a private copy of the first input's header */

	long records;
	int broken; /* a stream error happened: no more reading */
};

/* Whether libcsv's own space test (space and tab, skipped or trimmed at a
 * field's edges) reads s[0..len), from outside any quoted field, as the
 * reader's never-a-space test does: s does not start with a quote, and
 * every space and tab outside its quoted fields (but the delimiter) has
 * on both sides, inside s, a byte that is none of the delimiter, CR, LF
 * and quote; every quote outside quoted fields opens one, after a
 * delimiter or a line end, that closes before one (or s ends inside it
 * or right after its closing quote). */
int dn_csv_spaces_inner(const char *s, size_t len, unsigned char delim, unsigned char quote);

/* The same for the next len bytes fed to p: also not when p is inside a
 * quoted field, or holds spaces it may trim. */
int dn_csv_inline_space_test(const struct csv_parser *p, const char *s, size_t len);

/* libcsv set up for r (delimiter, quote, no trimming); 0 or -1. */
int dn_csv_parser_init(dn_csv_reader *r);
/* libcsv freed, if it was set up. */
void dn_csv_parser_free(dn_csv_reader *r);

/* The next record of any kind into row (1), none left (0), or an error
 * (-1, e set); *is_header says it is an input's header row, *needs_check
 * that its fields need dn_csv_check_fields. */
int dn_csv_next_raw(dn_csv_reader *r, dn_row *row, int *is_header, int *needs_check,
		    dn_error *e);
/* 0 when no field of row holds a NUL byte or invalid UTF-8; else -1, e
 * naming the first such field. */
int dn_csv_check_fields(const dn_csv_reader *r, const dn_row *row, dn_error *e);

/* Whether row is the first input's header again (names compared as
 * header names are, names.h). */
int dn_csv_header_matches(const dn_csv_reader *r, const dn_row *row);

#endif
