/* tool.h - the run every tool shares.
 *
 * A tool is its options, a row callback and an end callback.  This module
 * does the rest, in SPEC's order of exit statuses (64 usage, 78
 * configuration, 66 cannot open an input, 65 bad data, 74 I/O):
 *   1. parse the options and answer -h / -V (dn_run_start);
 *   2. load the configuration, resolve the as-of;
 *   3. refuse a --rejects FILE that names any file the run reads (the
 *      operands, the config, and what the tool declares with
 *      dn_run_reads: journal, templates, pattern files), compared by
 *      device and inode, before anything is opened for writing;
 *   4. open the inputs and map the item columns (dn_run_open_items);
 *   5. read the items: each row converted (dn_item_read at the as-of),
 *      filtered by --shard, bad rows rejected or fatal (dn_run_items);
 *   6. close the output and the rejects file, count the rejected rows
 *      ("N rows rejected", 65 before 74) and print the one diagnostic
 *      (dn_run_finish).
 * The library still never prints: dn_run_finish returns the lines a tool
 * prints through its report function (cmd's main), which is the only
 * writer to stderr.
 */
#ifndef DN_TOOL_H
#define DN_TOOL_H

#include <stdio.h>

#include "config.h"
#include "csvio.h"
#include "error.h"
#include "item.h"
#include "journal.h"
#include "options.h"
#include "rejects.h"

#define DN_RUN_MAX_READS 64

typedef struct dn_run {
	const dn_tool *tool;
	dn_common common;
	dn_config *cfg;
	char **operands;       /* argv + first operand (borrowed) */
	size_t noperands;
	dn_csv_reader *rd;     /* the items (dn_run_open_items) */
	dn_item_schema schema;
	dn_rejects *rej;
	const char *reads[DN_RUN_MAX_READS]; /* other files read (borrowed) */
	size_t nreads;
	long filtered;         /* rows another shard keeps */
	dn_error e;            /* the error that stops the run */
	void (*say)(const char *text); /* writes text to stderr: main's */
} dn_run;

/* Steps 1 and 2: parse argv with the tool's options (its handler gets
 * opts), answer -h/-V, load the configuration and resolve the as-of, check
 * --rejects against the operands and the config.  Returns 1 when the tool
 * is to run, 0 when it has answered -h/-V (exit 0), -1 on an error (then
 * return dn_run_finish(r, r->e.status)).  say writes text (whole lines)
 * to stderr; it is the only writer to stderr.  r is zeroed first. */
int dn_run_start(dn_run *r, const dn_tool *t, int argc, char **argv, void *opts,
		 void (*say)(const char *text));

/* Declare another file the run reads (borrowed; may not exist yet; NULL
 * is ignored), what it is for the message ("the journal"): a --rejects
 * naming it is then a usage error.  Returns 0, or DN_EX_USAGE with r->e
 * filled when --rejects names it. */
int dn_run_reads(dn_run *r, const char *path, const char *what);

/* Steps 3 and 4: open the operands (stdin when none), map the item
 * columns at the as-of, open --rejects.  Returns 0 or a status with r->e
 * filled. */
int dn_run_open_items(dn_run *r);

/* Open the operands as plain CSV (no item schema), then --rejects: for
 * tools that read other rows (journal entries, notes, ledgers). */
int dn_run_open_rows(dn_run *r, char delim);

/* Open --rejects (when given) with the header of header_of: for tools
 * that open their inputs themselves (openitems' ledgers).  Returns 0 or a
 * status with r->e filled. */
int dn_run_open_rejects(dn_run *r, const dn_csv_reader *header_of);

/* Called for each item of this shard that exists at the as-of is not
 * filtered out: return 0, or a status with e filled; DN_EX_DATAERR
 * rejects the row (with --rejects) and the run goes on. */
typedef int (*dn_item_fn)(dn_run *r, void *ctx, const dn_row *row, const dn_item *it,
			  dn_error *e);

/* Step 5: every row through fn.  Returns 0 or the status that stops the
 * run (r->e filled). */
int dn_run_items(dn_run *r, dn_item_fn fn, void *ctx);

/* Called for each raw row (dn_run_open_rows); with --shard, a row whose
 * header has a customer column is kept only for the shard's customers. */
typedef int (*dn_row_fn)(dn_run *r, void *ctx, const dn_row *row, dn_error *e);
int dn_run_rows(dn_run *r, dn_row_fn fn, void *ctx);

/* The value of column col ("" when col < 0) and the currency as written
 * (the default currency when the row has none) of the row `ahead` rows
 * after the current one, when the reader holds it already: 1, else 0.
 * Not checked yet: for prefetch hints only; valid until the next row. */
int dn_run_peek(const dn_run *r, size_t ahead, int col, const char **v, size_t *len,
		const char **cur, size_t *clen);

/* Whether the run keeps this customer (--shard; 1 without it). */
int dn_run_keeps(const dn_run *r, const char *customer, size_t len);

/* The notes of a journal read at path (missing file, cut last line) on
 * stderr, in the one wording every tool uses. */
void dn_run_journal_notes(const dn_run *r, const char *path, const dn_journal_info *info);

/* The index of column name (mapped by [columns]) in the items' header, or
 * -1 with r->e a usage error naming it and the header's file and line
 * ("no such column in the input"): for --by. */
int dn_run_column(dn_run *r, const char *name);

/* A note on stderr: "TOOL: line". */
void dn_run_say(const dn_run *r, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Step 6: rc is the run's status so far (r->e describes it when not 0).
 * Prints the diagnostic, closes the rejects file and stdout, counts the
 * rejected rows, frees everything the run holds.  Returns the exit
 * status. */
int dn_run_finish(dn_run *r, int rc);

#endif
