/* planrow.h - a customer row (prioritize's output, or any CSV with a
 * customer and an amount) read into the debt a plan is made for.
 *
 * Rules (plan(1)): the amount is the column named by --of (overdue, by
 * default, or balance); with balance the row's disputed amount is taken
 * off, so a plan never covers what is in dispute; the currency column
 * (else [general] currency); the capacity column, when not empty, is the
 * most a period may cost.  Rows prioritize put on hold get no plan: a
 * documented filter.
 */
#ifndef DN_PLANROW_H
#define DN_PLANROW_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "csvio.h"
#include "date.h"
#include "error.h"

typedef struct dn_plan_source {
	const dn_config *cfg; /* borrowed */
	int of_balance;       /* --of balance */
	int col_customer, col_currency, col_amount, col_capacity, col_priority, col_disputed;
	const char *amount_name; /* the amount column's header name */
} dn_plan_source;

/* Find the columns in rd's header.  Fails (DN_EX_DATAERR, naming the
 * column) when customer or the amount column is missing. */
int dn_plan_source_init(dn_plan_source *s, const dn_csv_reader *rd, const dn_config *cfg,
			int of_balance, dn_error *e);

/* The debt of one row.  Strings are borrowed from the row. */
typedef struct dn_plan_debt {
	const char *customer;
	size_t customer_len;
	char currency[4];
	int decimals;
	int64_t principal; /* what to plan: amount, less disputed for balance */
	int has_capacity;
	int64_t capacity;
} dn_plan_debt;

/* dn_plan_source_read's answer for a row prioritize put on hold. */
#define DN_PLAN_HELD (-1)

/* Read a row: 0 with *d filled, DN_PLAN_HELD when the row gets no plan,
 * DN_EX_DATAERR with e naming file, line, column and value. */
int dn_plan_source_read(const dn_plan_source *s, const dn_row *row, dn_plan_debt *d,
			dn_error *e);

/* The status of planning row's debt d, from rc (the status of making and
 * writing its plan): a config value its currency cannot use (20.50 JPY)
 * is that row's problem, refused (65, naming the key to give) rather than
 * a stop after half the output; a usage or config error becomes 65 too;
 * a 65 gets the row's file and line.  Returns the status. */
int dn_plan_row_status(int rc, const dn_plan_debt *d, const dn_row *row, dn_error *e);

/* The plan's ref: "PLAN-" and 12 hex digits of FNV-1a 64 over customer,
 * currency, as-of and the amount planned (the same on a re-run), into buf
 * (24 bytes).  Installment K's row ref is this and ":K"; ":S" for the
 * settlement. */
void dn_plan_ref(const char *customer, size_t len, const char *currency, dn_date as_of,
		 int64_t principal, char *buf);

#endif
