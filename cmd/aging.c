/* aging - how old is what is owed.
 *
 * Row mode streams: each open item gets balance, days_overdue and bucket.
 * --summary totals buckets per group and currency (memory per group).
 */
#include <stdio.h>
#include <string.h>

#include "dunning.h"

struct opts {
	int all, summary, by_given;
	dn_aging_basis basis;
	const char *by;
	dn_out_format format;
};

static const char usage[] =
	"usage: aging [options] [FILE ...]\n"
	"Add balance, days_overdue and bucket to each open item (CSV on stdin or FILEs).\n";

static const dn_optspec options[] = {
	DN_FLAG("all", 'a', struct opts, all, "keep items whose balance is zero"),
	DN_PICK("basis", struct opts, basis, "due|issue", DN_BASIS_DUE, "B",
		"age from the due date (due, default) or the issue date (issue)"),
	DN_FLAG("summary", 's', struct opts, summary,
		"one row per group and currency with bucket totals"),
	DN_TEXT_G("by", 0, DN_OPT_NAME, struct opts, by, by_given, "FIELD",
		  "group the summary by FIELD (default: customer)"),
	DN_PICK("format", struct opts, format, DN_OUT_FORMATS, DN_OUT_CSV, "F",
		"csv (default), table or json"),
	DN_END,
};

struct aging {
	struct opts o;
	const int *bounds;
	size_t nbounds, nbuckets;
	char bucket_names[DN_AGING_MAX_BUCKETS][24];
	dn_out *out;
	size_t c_cust, c_inv, c_due, c_cur, c_bal, c_days, c_bucket; /* output column ids */
	dn_aging_summary *sum;
	int col_group, by_currency;
};

/* A header name of the input, or the canonical one when it has none: an
 * existing output column is written in place, so aging | aging is aging. */
static const char *out_name(const dn_run *r, const char *canonical)
{
	int i = dn_csv_find(r->rd, canonical);

	return i < 0 ? canonical : dn_csv_header(r->rd)->v[i];
}

static void declare_rows(dn_run *r, struct aging *a)
{
	dn_out *o = a->out;

	if (a->o.format == DN_OUT_TABLE) {
		a->c_cust = dn_out_col(o, "customer", DN_CELL_TEXT);
		a->c_inv = dn_out_col(o, "invoice", DN_CELL_TEXT);
		a->c_due = dn_out_col(o, "due_date", DN_CELL_DATE);
		a->c_cur = dn_out_col(o, "currency", DN_CELL_TEXT);
		dn_out_totals(o, a->c_cur, a->c_inv, "item", "items");
	} else {
		dn_out_pass(o, dn_csv_header(r->rd));
	}
	a->c_bal = dn_out_col(o, out_name(r, r->schema.header[DN_COL_BALANCE]), DN_CELL_MONEY);
	a->c_days = dn_out_col(o, out_name(r, "days_overdue"), DN_CELL_INT);
	a->c_bucket = dn_out_col(o, out_name(r, "bucket"), DN_CELL_TEXT);
	dn_out_total_col(o, a->c_bal);
}

/* The next rows' groups, already read: their sums into cache before they
 * are added to (prefetch hints; they change nothing). */
static void prefetch(const dn_run *r, const struct aging *a)
{
	const char *g = NULL, *c = NULL;
	size_t glen = 0, clen = 0;

	if (!dn_run_peek(r, DN_AGING_PREFETCH_AHEAD, a->by_currency ? -1 : a->col_group, &g,
			 &glen, &c, &clen))
		g = NULL;
	dn_aging_summary_prefetch(a->sum, g, glen, c, clen);
}

static int on_row(dn_run *r, void *ctx, const dn_row *row, const dn_item *it, dn_error *e)
{
	struct aging *a = ctx;
	dn_aged ag;
	int rc;

	if (a->sum != NULL)
		prefetch(r, a);
	/* Documented filters: not issued yet at as-of; settled. */
	if (!dn_age_item(it, r->common.as_of, a->o.basis, a->bounds, a->nbounds, &ag) ||
	    (ag.balance == 0 && !a->o.all))
		return 0;
	if (a->sum != NULL) {
		const char *g = a->by_currency ? "" : row->v[a->col_group];
		size_t glen = a->by_currency ? 0 : row->len[a->col_group];
		rc = dn_aging_summary_add(a->sum, g, glen, it->currency, it->decimals, &ag, e);
		if (rc == DN_EX_DATAERR)
			dn_error_subject(e, "column", "balance");
		return rc;
	}
	if (a->o.format == DN_OUT_TABLE) {
		dn_out_text(a->out, a->c_cust, it->customer, it->customer_len);
		dn_out_text(a->out, a->c_inv, it->invoice, it->invoice_len);
		dn_out_date(a->out, a->c_due, it->due_date);
		dn_out_str(a->out, a->c_cur, it->currency);
	}
	dn_out_money(a->out, a->c_bal, ag.balance, it->decimals);
	dn_out_int(a->out, a->c_days, ag.days);
	dn_out_str(a->out, a->c_bucket, a->bucket_names[ag.bucket]);
	rc = dn_out_row(a->out, row, e);
	if (rc == DN_EX_DATAERR)
		dn_error_subject(e, "column", "balance");
	return rc;
}

static int setup(dn_run *r, struct aging *a)
{
	a->bounds = dn_config_buckets(r->cfg, &a->nbounds);
	a->nbuckets = dn_aging_nbuckets(a->nbounds);
	for (size_t k = 0; k < a->nbuckets; k++)
		dn_aging_bucket_name(a->bounds, a->nbounds, k, a->bucket_names[k]);
	if (dn_run_open_items(r) != 0)
		return r->e.status;
	if ((a->out = dn_out_new(stdout, a->o.format, r->cfg, r->common.excel_safe, &r->e)) == NULL)
		return r->e.status;
	dn_out_source(a->out, r->rd);
	if (!a->o.summary) {
		declare_rows(r, a);
		dn_out_header(a->out);
		return 0;
	}
	if ((a->col_group = dn_run_column(r, a->o.by)) < 0)
		return DN_EX_USAGE;
	a->by_currency = a->col_group == r->schema.col[DN_COL_CURRENCY];
	if ((a->sum = dn_aging_summary_new(a->nbuckets)) == NULL)
		return dn_error_set(&r->e, DN_EX_SOFTWARE, "out of memory");
	return 0;
}

static int check_options(const void *opts, const dn_common *c, int noperands, dn_error *e)
{
	const struct opts *o = opts;

	(void)c;
	(void)noperands;
	if (o->by_given && !o->summary)
		return dn_option_error(e, "--by", "only with --summary", NULL);
	return 0;
}

/* The one writer to stderr, handed to the run (libdunning never prints). */
static void say(const char *text)
{
	fputs(text, stderr);
}

static const dn_tool tool = {.name = "aging", .usage = usage, .spec = options, .late_as_of = 1,
			     .check = check_options};

int main(int argc, char **argv)
{
	struct aging a = {.o = {.by = "customer"}};
	dn_run r;
	int rc = dn_run_start(&r, &tool, argc, argv, &a.o, say);

	if (rc <= 0)
		return rc == 0 ? 0 : dn_run_finish(&r, r.e.status);
	rc = setup(&r, &a);
	if (rc == 0)
		rc = dn_run_items(&r, on_row, &a);
	if (rc == 0 && a.sum != NULL)
		rc = dn_aging_summary_write(a.sum, a.out, a.by_currency ? NULL : a.o.by,
					    a.o.format == DN_OUT_TABLE, a.bucket_names, a.nbuckets,
					    &r.e);
	if (a.out != NULL && dn_out_close(a.out, rc == 0, &r.e) != 0 && rc == 0)
		rc = r.e.status;
	dn_out_free(a.out);
	dn_aging_summary_free(a.sum);
	return dn_run_finish(&r, rc);
}
