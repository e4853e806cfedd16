/* out.h - one typed output sink for every tool: CSV, aligned table, JSON
 * Lines.
 *
 * A tool declares its columns once (a name and a type: text, money,
 * integer, date, decimal), optionally after the input's own columns
 * (pass-through: columns a tool does not know go out unchanged and in
 * order, and a declared column whose name is already there takes its
 * place, so `aging | aging` does not grow).  Then, per row, it sets the
 * cells it knows and ends the row.  The sink owns everything about how a
 * cell is written:
 *  - csv: [output] delimiter, decimal separator (money and decimals),
 *    date_format, line_end and bom; minimal quoting; --excel-safe;
 *  - table: thousands grouping and the decimal separator of [general]
 *    language (fr: 1 234,56, French headings), columns measured in characters, control
 *    bytes shown as \xNN, a totals row per currency (byte order) for the
 *    columns marked so; it holds the rows until the end (for people, not
 *    for millions of rows);
 *  - json: one object per row; money as strings (exact), integers and
 *    decimals as numbers, dates as strings.
 */
#ifndef DN_OUT_H
#define DN_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "csvio.h"
#include "date.h"
#include "error.h"

typedef enum dn_out_format { DN_OUT_CSV, DN_OUT_TABLE, DN_OUT_JSON } dn_out_format;

/* The "csv|table|json" choices, in the order of dn_out_format. */
#define DN_OUT_FORMATS "csv|table|json"

typedef enum dn_cell {
	DN_CELL_TEXT,
	DN_CELL_MONEY,   /* minor units of a currency */
	DN_CELL_INT,     /* a whole number: days, counts */
	DN_CELL_DATE,
	DN_CELL_DECIMAL  /* an exact decimal already written with '.' ("59.8") */
} dn_cell;

typedef struct dn_out dn_out;

/* A sink writing to fp (not closed by it) in format f, with cfg's [output]
 * and [general] language (borrowed; must outlive the sink).  NULL with e
 * filled (DN_EX_SOFTWARE) when out of memory. */
dn_out *dn_out_new(FILE *fp, dn_out_format f, const dn_config *cfg, int excel_safe,
		   dn_error *e);

/* Free (what was not written is lost: call dn_out_close first); NULL is a
 * no-op. */
void dn_out_free(dn_out *o);

/* Keep the columns of header (borrowed: must outlive the sink) in front of
 * the declared ones, in csv and json (a table shows declared columns
 * only).  Call before declaring columns. */
void dn_out_pass(dn_out *o, const dn_row *header);

/* Rows passed to dn_out_row come from rd (borrowed): the reader's scan of
 * a record spares the sink its own, for csv (see dn_csv_row_plain).  Only
 * a hint: a row that is not rd's last record is written as any other. */
void dn_out_source(dn_out *o, const dn_csv_reader *rd);

/* Declare the next column; returns its id (0, 1, ...), which the cell
 * setters take.  name is borrowed. */
size_t dn_out_col(dn_out *o, const char *name, dn_cell type);

/* Table only: the heading of column id, when it differs from its name
 * (French headings); borrowed. */
void dn_out_label(dn_out *o, size_t id, const char *label);

/* Table only: a totals row per currency at the end; column currency_id
 * holds each row's currency code, every column marked with
 * dn_out_total_col is summed (money, int), and count_id (or (size_t)-1)
 * shows how many rows the total covers ("3 items", with the words given;
 * "total (3 customers)" when it is the first column).
 * With shares, a second row per currency gives each summed column's share
 * of column share_of ("91.4%"). */
void dn_out_totals(dn_out *o, size_t currency_id, size_t count_id, const char *one,
		   const char *many);
void dn_out_total_col(dn_out *o, size_t id);
void dn_out_shares(dn_out *o, size_t share_of);

/* Write the header row (csv), or start the table.  Call once, after the
 * columns are declared. */
void dn_out_header(dn_out *o);

/* Set a cell of the current row.  Text is borrowed until dn_out_row. */
void dn_out_text(dn_out *o, size_t id, const char *s, size_t len);
void dn_out_str(dn_out *o, size_t id, const char *s);
void dn_out_money(dn_out *o, size_t id, int64_t units, int decimals);
void dn_out_int(dn_out *o, size_t id, int64_t v);
void dn_out_date(dn_out *o, size_t id, dn_date d);
void dn_out_decimal(dn_out *o, size_t id, const char *s);

/* Write the current row: pass is the input row whose fields go first (with
 * dn_out_pass; NULL otherwise).  Cells not set are empty.  Returns 0, or
 * with e filled DN_EX_DATAERR (a total out of range) or DN_EX_SOFTWARE. */
int dn_out_row(dn_out *o, const dn_row *pass, dn_error *e);

/* Finish: print the table with its totals when complete (a run that
 * failed shows no half table; CSV and JSON rows already written stay),
 * flush.  Returns 0, or DN_EX_IOERR with e filled (a write failed: full
 * disk, closed pipe). */
int dn_out_close(dn_out *o, int complete, dn_error *e);

#endif
