/* planout.h - plans written out: one CSV row per installment (and the
 * settlement) with its ref, ready for `journal`, or the table for people
 * (plantable.h), a blank line between two plans.
 *
 * The CSV columns: customer, currency, installment (1..N or
 * "settlement"), due_date, amount, principal, interest, remaining, ref
 * (the plan's ref, dn_plan_ref, and ":K" or ":S").
 */
#ifndef DN_PLANOUT_H
#define DN_PLANOUT_H

#include <stdio.h>

#include "config.h"
#include "out.h"
#include "plan.h"
#include "planrow.h"

typedef struct dn_plan_writer {
	FILE *fp;             /* borrowed */
	dn_out_format format; /* DN_OUT_CSV or DN_OUT_TABLE */
	const dn_config *cfg; /* borrowed: [output] settings */
	int excel_safe;
	dn_date as_of;        /* in the refs */
	dn_out *out;          /* the CSV sink, made at the first plan */
	long plans;           /* plans written */
} dn_plan_writer;

/* Ready a writer (nothing is written yet: a run that plans nothing writes
 * no header). */
void dn_plan_writer_init(dn_plan_writer *w, FILE *fp, dn_out_format format,
			 const dn_config *cfg, int excel_safe, dn_date as_of);

/* Write the CSV header now (when reading rows: the header even when no
 * row gets a plan).  0, or a status with e filled. */
int dn_plan_writer_start(dn_plan_writer *w, dn_error *e);

/* Write plan p, made from rq for debt d (named: the customer is shown in
 * the table).  0, or a status with e filled. */
int dn_plan_writer_put(dn_plan_writer *w, const dn_plan *p, const dn_plan_request *rq,
		       const dn_plan_debt *d, int named, dn_error *e);

/* Flush and free the sink: 0, or DN_EX_IOERR with e filled (ok: the run
 * succeeded, else the output is only freed). */
int dn_plan_writer_close(dn_plan_writer *w, int ok, dn_error *e);

#endif
