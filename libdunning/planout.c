/* planout.c - plans written as CSV rows or as the table. */
#include "planout.h"

#include <errno.h>
#include <string.h>

#include "plantable.h"

enum { C_CUST, C_CUR, C_INST, C_DUE, C_AMOUNT, C_PRINCIPAL, C_INTEREST, C_REMAINING, C_REF };

void dn_plan_writer_init(dn_plan_writer *w, FILE *fp, dn_out_format format,
			 const dn_config *cfg, int excel_safe, dn_date as_of)
{
	memset(w, 0, sizeof *w);
	w->fp = fp;
	w->format = format;
	w->cfg = cfg;
	w->excel_safe = excel_safe;
	w->as_of = as_of;
}

int dn_plan_writer_start(dn_plan_writer *w, dn_error *e)
{
	static const char *const names[] = {"customer", "currency",  "installment",
					    "due_date", "amount",    "principal",
					    "interest", "remaining", "ref"};
	size_t k;

	if (w->out != NULL || w->format != DN_OUT_CSV)
		return 0;
	if ((w->out = dn_out_new(w->fp, DN_OUT_CSV, w->cfg, w->excel_safe, e)) == NULL)
		return e->status;
	for (k = 0; k < sizeof names / sizeof names[0]; k++)
		dn_out_col(w->out, names[k],
			   k == C_DUE ? DN_CELL_DATE
			   : k >= C_AMOUNT && k <= C_REMAINING ? DN_CELL_MONEY
							       : DN_CELL_TEXT);
	dn_out_header(w->out);
	return 0;
}

static int put_row(dn_plan_writer *w, const dn_plan_debt *d, const char *ref,
		   const dn_plan_row *row, dn_error *e)
{
	char inst[24], rowref[40];

	if (row->installment == 0)
		snprintf(inst, sizeof inst, "settlement");
	else
		snprintf(inst, sizeof inst, "%d", row->installment);
	snprintf(rowref, sizeof rowref, "%s:%s", ref, row->installment == 0 ? "S" : inst);
	dn_out_text(w->out, C_CUST, d->customer, d->customer_len);
	dn_out_str(w->out, C_CUR, d->currency);
	dn_out_str(w->out, C_INST, inst);
	dn_out_date(w->out, C_DUE, row->due);
	dn_out_money(w->out, C_AMOUNT, row->amount, d->decimals);
	dn_out_money(w->out, C_PRINCIPAL, row->principal, d->decimals);
	dn_out_money(w->out, C_INTEREST, row->interest, d->decimals);
	dn_out_money(w->out, C_REMAINING, row->remaining, d->decimals);
	dn_out_str(w->out, C_REF, rowref);
	return dn_out_row(w->out, NULL, e);
}

static int put_table(dn_plan_writer *w, const dn_plan *p, const dn_plan_request *rq,
		     const dn_plan_debt *d, int named, dn_error *e)
{
	dn_plan_text t = {named ? d->customer : NULL, d->customer_len, d->currency, d->decimals,
			  rq->every, rq->start, rq->defer_days, rq->annual_rate, rq->settle_pct};

	if (w->plans++ > 0)
		fputc('\n', w->fp);
	return dn_plan_write_table(w->fp, p, &t) == 0
		       ? 0
		       : dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
}

int dn_plan_writer_put(dn_plan_writer *w, const dn_plan *p, const dn_plan_request *rq,
		       const dn_plan_debt *d, int named, dn_error *e)
{
	char ref[24];
	size_t i;
	int rc;

	if (w->format == DN_OUT_TABLE)
		return put_table(w, p, rq, d, named, e);
	if ((rc = dn_plan_writer_start(w, e)) != 0)
		return rc;
	w->plans++;
	dn_plan_ref(d->customer, d->customer_len, d->currency, w->as_of, d->principal, ref);
	for (i = 0; i < p->n && rc == 0; i++)
		rc = put_row(w, d, ref, &p->rows[i], e);
	if (rc == 0 && p->has_settlement)
		rc = put_row(w, d, ref, &p->settlement, e);
	return rc;
}

int dn_plan_writer_close(dn_plan_writer *w, int ok, dn_error *e)
{
	int rc = 0;

	if (w->out != NULL && dn_out_close(w->out, ok, e) != 0)
		rc = e->status;
	else if (w->out == NULL && (fflush(w->fp) != 0 || ferror(w->fp))) /* the table */
		rc = dn_error_set(e, DN_EX_IOERR, "write error: %s", strerror(errno ? errno : EIO));
	if (rc == DN_EX_IOERR && w->out == NULL)
		dn_error_where(e, "<stdout>", 0);
	dn_out_free(w->out);
	w->out = NULL;
	return rc;
}
