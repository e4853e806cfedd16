/* item.h - one row of items (invoice, installment, credit note or
 * unapplied payment) read into typed values.
 *
 * The schema maps canonical column names (through [columns] aliases) to
 * header positions once; dn_item_read then converts one row, naming the
 * column and value of the first bad field.
 */
#ifndef DN_ITEM_H
#define DN_ITEM_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "csvio.h"
#include "date.h"
#include "error.h"

/* Canonical item columns (SPEC "Canonical columns"). */
typedef enum dn_col {
	DN_COL_CUSTOMER,
	DN_COL_INVOICE,
	DN_COL_ISSUE_DATE,
	DN_COL_DUE_DATE,
	DN_COL_AMOUNT,
	DN_COL_PAID,
	DN_COL_BALANCE,
	DN_COL_CURRENCY,
	DN_COL_CUSTOMER_NAME,
	DN_COL_EMAIL,
	DN_COL_PHONE,
	DN_COL_ADDRESS,
	DN_COL_LANGUAGE,
	DN_COL_CUSTOMER_TYPE,
	DN_COL_DISPUTED,
	DN_COL_PAID_DATE,
	DN_COL_WRITTEN_OFF,
	DN_COL_PROMISE_DATE,
	DN_COL_PROMISE_AMOUNT,
	DN_COL_SEGMENT,
	DN_COL_CAPACITY,
	DN_COL_COUNT
} dn_col;

/* Canonical name of a column ("due_date"). */
const char *dn_col_name(dn_col c);

/* Whether name is a canonical column name (for [columns] keys). */
int dn_item_is_canonical(const char *name);

typedef struct dn_item_schema {
	int col[DN_COL_COUNT];           /* header index, -1 when absent */
	const char *header[DN_COL_COUNT]; /* header name looked for (alias or canonical) */
	const dn_config *cfg;            /* borrowed */
	int terms_days;                  /* [ledger] terms, -1 when unset */
	int terms_eom;                   /* terms are "Neom" */
	int eom_days_then_end;           /* [ledger] eom_rule = days_then_end */
	dn_date as_of;                   /* the date rows are checked at (see
					  * dn_item_read); DN_ITEM_CHECK_ALWAYS
					  * after init */
	/* cfg's values read for every row, looked up once (borrowed) */
	const dn_input_format *input;
	const dn_currencies *currencies;
	const char *currency;            /* the default currency */
} dn_item_schema;

/* An as-of later than every date: a paid_date is always in the past. */
#define DN_ITEM_CHECK_ALWAYS ((dn_date)0x7fffffff)

/* Map the reader's header.  A column mapped in [columns] is looked up by
 * its mapped header, then by its canonical name (a tool's own output); when
 * neither is there it is a missing column even if optional: the user said
 * it exists, and a silent 0 or EUR would be a wrong figure.  Fails
 * (DN_EX_DATAERR, naming the column) then, or
 * when customer, invoice, issue_date or amount is missing, or due_date is
 * missing and [ledger] terms is not set.  Set s->as_of afterwards to the
 * run's as-of (see dn_item_read). */
int dn_item_schema_init(dn_item_schema *s, const dn_csv_reader *r, const dn_config *cfg,
			dn_error *e);

/* A row's values, converted.  Strings are borrowed from the row. */
typedef struct dn_item {
	const char *customer;
	size_t customer_len;
	const char *invoice;
	size_t invoice_len;
	dn_date issue_date;
	dn_date due_date;
	int64_t amount;
	int64_t paid;      /* 0 when there is no paid column */
	int64_t written_off; /* 0 when there is no written_off column */
	int64_t balance;   /* the balance column, else amount - paid - written_off */
	char currency[4];  /* upper-case code */
	int decimals;      /* the currency's minor-unit decimals */
	int disputed;
	int has_paid_date;
	dn_date paid_date;
} dn_item;

/* Convert a row.  Returns 0, or DN_EX_DATAERR with e naming file, line,
 * column and value.  A row whose paid_date is on or before s->as_of while
 * its balance (or paid and written_off) still leaves an amount open
 * contradicts itself and is refused; with a later paid_date those columns
 * are not checked, so a tool's output at a past as-of reads back at that
 * as-of. */
int dn_item_read(const dn_item_schema *s, const dn_row *row, dn_item *it, dn_error *e);

/* ---- an item's state at a date t: the one definition (SPEC) ---- */

/* Whether the item exists at t (issued on or before t). */
int dn_item_exists_at(const dn_item *it, dn_date t);

/* What the item owes at t: 0 before its issue date; with a paid_date, its
 * whole amount before that date and 0 from it on; without, its balance
 * (amount - paid - written_off) from its issue date on.  Negative for a
 * credit. */
int64_t dn_item_open_at(const dn_item *it, dn_date t);

/* Whether the item is settled by t: with a paid_date, when that date is on
 * or before t; without, when nothing is open (a fully paid item is settled
 * at every date: the debtor gets the benefit of the doubt). */
int dn_item_settled_by(const dn_item *it, dn_date t);

/* The row's value of an optional column, or NULL (len 0) when the column
 * is absent. */
const char *dn_item_field(const dn_item_schema *s, const dn_row *row, dn_col c, size_t *len);

/* Due date from [ledger] terms on an issue date: issue + days; with eom
 * ("Neom"), the end of the issue month then days (end_then_days), or days
 * then the end of that month (days_then_end): 45eom on 15 January gives
 * 17 March or 31 March. */
dn_date dn_terms_due(dn_date issue, int days, int eom, int days_then_end);

/* Parse a yes/no flag as the spec's items write it (1/0, yes/no, true/false;
 * empty is no).  Returns 0/1, or -1 when it is none of these. */
int dn_parse_flag(const char *s, size_t len);

/* Fill e for the bad value of column c in row (file, line, the column's
 * header name, the value when the row has it) with msg; returns
 * DN_EX_DATAERR.  For the checks tools add (score, remind). */
int dn_item_field_error(const dn_item_schema *s, const dn_row *row, dn_col c, const char *msg,
			dn_error *e);

#endif
