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
	dn_aging_cols cols;
	dn_aging_summary *sum;
	int col_group, by_currency;
};

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
	rc = dn_aging_row_write(a->out, &a->cols, row, it, &ag, a->bucket_names[ag.bucket], e);
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
		dn_aging_rows_declare(a->out, r->rd, r->schema.header[DN_COL_BALANCE],
				      a->o.format == DN_OUT_TABLE, &a->cols);
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

static const dn_tool tool = {.name = "aging", .usage = usage, .spec = options,
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
