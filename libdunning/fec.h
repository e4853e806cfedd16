/* fec.h - ledger lines in: the French FEC and the generic entries CSV.
 *
 * A dn_ledger_input opens one export, detects its format and separator from
 * the header (or takes them from the caller), converts ISO-8859-15 to UTF-8
 * with iconv when asked, and reads each line into a typed dn_entry whose
 * derived fields (customer, invoice, issue and due dates, currency) follow
 * SPEC "openitems".  The ledger module (ledger.h) does the rest.
 */
#ifndef DN_FEC_H
#define DN_FEC_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "csvio.h"
#include "date.h"
#include "error.h"

typedef enum dn_ledger_format {
	DN_LEDGER_AUTO = 0, /* from the header */
	DN_LEDGER_FEC,
	DN_LEDGER_ENTRIES
} dn_ledger_format;

typedef enum dn_encoding { DN_ENC_UTF8 = 0, DN_ENC_LATIN9 } dn_encoding;

/* Bytes borrowed from the current row (not NUL-terminated in general). */
typedef struct dn_span {
	const char *s;
	size_t len;
} dn_span;

/* One ledger line, typed.  Texts are borrowed from the row: valid until the
 * next dn_ledger_input_next. */
typedef struct dn_entry {
	dn_span journal, num;  /* JournalCode, EcritureNum: the entry they belong to */
	int single;	       /* entries CSV: each line is an entry of its own */
	dn_span account;       /* CompteNum (entries CSV: empty) */
	dn_span counterpart;   /* entries CSV: the `account` column; FEC: empty */
	dn_span customer;      /* CompAuxNum, else CompteNum (entries: customer) */
	dn_span customer_name; /* CompAuxLib, else CompteLib (may be empty) */
	dn_span invoice;       /* PieceRef, or EcritureNum ([ledger] invoice_ref) */
	dn_span label;	       /* EcritureLib (entries: label) */
	dn_span piece;	       /* PieceRef (entries: ref) */
	dn_span letter;	       /* EcritureLet: empty when unlettered */
	int receivable;	       /* CompteNum on [ledger] receivable_prefixes */
	int writeoff;	       /* on [ledger] writeoff_prefixes (entries: counterpart) */
	dn_date date;	       /* EcritureDate */
	dn_date issue_date;    /* PieceDate, else EcritureDate */
	dn_date due_date;      /* receivable lines only: the due column, else terms */
	int has_let_date;
	dn_date let_date; /* DateLet */
	int64_t amount;	  /* debit - credit, in minor units of currency */
	char currency[4]; /* upper-case code */
	int decimals;
	long line; /* first physical line */
	const char *file;
} dn_entry;

typedef struct dn_ledger_input dn_ledger_input;

/* Open path ("-" or NULL: stdin; name is what messages say) in format fmt
 * and encoding enc, and read its header.  Errors (NULL, e filled):
 * DN_EX_NOINPUT when it cannot be opened; DN_EX_DATAERR for an empty input,
 * a misspelt FEC header (naming the column expected), an entries header
 * without a required column, or a FEC separator that is neither a tab nor
 * '|'; DN_EX_SOFTWARE when out of memory or iconv is missing. */
dn_ledger_input *dn_ledger_input_open(const char *path, dn_ledger_format fmt, dn_encoding enc,
				      const dn_config *cfg, dn_error *e);

/* Close the input (stdin stays open) and free; NULL is a no-op. */
void dn_ledger_input_free(dn_ledger_input *in);

/* The format detected (DN_LEDGER_FEC or DN_LEDGER_ENTRIES). */
dn_ledger_format dn_ledger_input_format(const dn_ledger_input *in);

/* The CSV reader underneath (for --rejects and its header).  Borrowed. */
dn_csv_reader *dn_ledger_input_reader(dn_ledger_input *in);

/* Read the next line into *en (and the raw *row, for rejects).  Returns 1,
 * 0 at the end, or -1 with e filled: when row->n > 0 the line is bad (a
 * stray field, a bad amount or date, a receivable debit with no due date
 * ...) and the caller may reject it and call again; when row->n == 0 the
 * input is broken and reading cannot go on. */
int dn_ledger_input_next(dn_ledger_input *in, dn_entry *en, dn_row *row, dn_error *e);

/* Whether account[0..len) starts with one of the comma-separated prefixes. */
int dn_account_has_prefix(const char *account, size_t len, const char *prefixes);

/* Parse a FEC amount: spaces around it and leading zeros allowed, decimal
 * comma or dot, an optional sign (" 000000000007760,45", "-12.5", "").
 * Empty is 0.  Returns 0 or DN_EX_DATAERR with e->message set. */
int dn_fec_amount(const char *s, size_t len, int decimals, int64_t *out, dn_error *e);

#endif
