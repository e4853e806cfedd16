/* aging - how old is what is owed.
 *
 * Row mode streams: each open item gets balance, days_overdue and bucket.
 * --summary totals buckets per group and currency (memory per group).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dunning.h"

static const char usage[] =
	"usage: aging [options] [FILE ...]\n"
	"Add balance, days_overdue and bucket to each open item (CSV on stdin or FILEs).\n"
	"  -a, --all           keep items whose balance is zero\n"
	"      --basis B       age from the due date (due, default) or the issue date (issue)\n"
	"  -s, --summary       one row per group and currency with bucket totals\n"
	"      --by FIELD      group the summary by FIELD (default: customer)\n"
	"      --format F      csv (default), table or json\n";

enum fmt { FMT_CSV, FMT_TABLE, FMT_JSON };
enum { OPT_BASIS = 300, OPT_BY, OPT_FORMAT };

struct aging_opts {
	int all, summary, by_given;
	dn_aging_basis basis;
	const char *by;
	enum fmt format;
};

static const struct option long_opts[] = {
	{"all", no_argument, NULL, 'a'},
	{"basis", required_argument, NULL, OPT_BASIS},
	{"summary", no_argument, NULL, 's'},
	{"by", required_argument, NULL, OPT_BY},
	{"format", required_argument, NULL, OPT_FORMAT},
	{NULL, 0, NULL, 0},
};

static int on_option(int code, const char *arg, void *ctx, dn_error *e)
{
	struct aging_opts *o = ctx;
	int k;

	switch (code) {
	case 'a':
		o->all = 1;
		return 0;
	case 's':
		o->summary = 1;
		return 0;
	case OPT_BASIS:
		switch (dn_option_pick("--basis", arg, "due|issue", e)) {
		case 0:
			o->basis = DN_BASIS_DUE;
			return 0;
		case 1:
			o->basis = DN_BASIS_ISSUE;
			return 0;
		default:
			return DN_EX_USAGE;
		}
	case OPT_BY:
		o->by = arg;
		o->by_given = 1;
		return 0;
	case OPT_FORMAT:
		/* The choices are listed in the order of enum fmt. */
		k = dn_option_pick("--format", arg, "csv|table|json", e);
		if (k < 0)
			return DN_EX_USAGE;
		o->format = (enum fmt)k;
		return 0;
	default:
		return -1;
	}
}

/* Everything one run needs, so helpers take one pointer. */
struct run {
	struct aging_opts o;
	dn_common common;
	dn_config *cfg;
	dn_csv_reader *rd;
	dn_item_schema schema;
	dn_rejects *rej;
	const int *bounds;
	size_t nbounds, nbuckets;
	char bucket_names[DN_AGING_MAX_BUCKETS][24]; /* named once, not per row */
	int col_balance, col_days, col_bucket; /* existing output columns, or -1 */
	int col_group;
	int by_currency; /* --by currency: the currency column is the group */
};

/* Print the diagnostic of e; returns its exit status. */
static int report(const dn_error *e)
{
	char buf[1280];

	fputs(dn_diagnostic("aging", e, buf, sizeof buf), stderr);
	return e->status;
}

/* ---- row mode ---- */

struct row_out {
	dn_csv_writer *w;
	dn_table *table;
	dn_aging_summary *totals; /* per-currency balance totals for the table */
};

static void put_row_header(struct run *r, struct row_out *out)
{
	static const char *const cols[] = {"customer", "invoice", "due_date", "currency",
					   "balance", "days_overdue", "bucket"};
	const dn_row *h = dn_csv_header(r->rd);

	if (r->o.format == FMT_TABLE) {
		dn_table_add(out->table, cols);
		for (size_t i = 4; i < 6; i++)
			dn_table_align_right(out->table, i);
		return;
	}
	if (r->o.format != FMT_CSV)
		return;
	dn_csv_put_row_fields(out->w, h);
	if (r->col_balance < 0)
		dn_csv_put_str(out->w, "balance");
	if (r->col_days < 0)
		dn_csv_put_str(out->w, "days_overdue");
	if (r->col_bucket < 0)
		dn_csv_put_str(out->w, "bucket");
	dn_csv_end_row(out->w);
}

static void put_csv_row(struct run *r, struct row_out *out, const dn_row *row,
			const char *bal, const char *days, const char *bucket)
{
	size_t i;

	for (i = 0; i < row->n; i++) {
		if ((int)i == r->col_balance)
			dn_csv_put_str(out->w, bal);
		else if ((int)i == r->col_days)
			dn_csv_put_str(out->w, days);
		else if ((int)i == r->col_bucket)
			dn_csv_put_str(out->w, bucket);
		else
			dn_csv_put(out->w, row->v[i], row->len[i]);
	}
	if (r->col_balance < 0)
		dn_csv_put_str(out->w, bal);
	if (r->col_days < 0)
		dn_csv_put_str(out->w, days);
	if (r->col_bucket < 0)
		dn_csv_put_str(out->w, bucket);
	dn_csv_end_row(out->w);
}

static void put_json_row(struct run *r, const dn_row *row, const char *bal, long days,
			 const char *bucket)
{
	const dn_row *h = dn_csv_header(r->rd);
	dn_json j;
	size_t i;

	dn_json_begin(&j, stdout);
	for (i = 0; i < row->n; i++) {
		if ((int)i == r->col_balance || (int)i == r->col_days || (int)i == r->col_bucket)
			continue;
		dn_json_str(&j, h->v[i], row->v[i], row->len[i]);
	}
	dn_json_str(&j, "balance", bal, strlen(bal));
	dn_json_long(&j, "days_overdue", days);
	dn_json_str(&j, "bucket", bucket, strlen(bucket));
	dn_json_end(&j);
}

static int put_table_row(struct run *r, struct row_out *out, const dn_item *it,
			 const dn_aged *a, const char *days, const char *bucket, dn_error *e)
{
	char due[11], bal[DN_MONEY_BUFSZ], cust[1024], inv[1024];
	const char *cells[7];

	snprintf(cust, sizeof cust, "%.*s", (int)it->customer_len, it->customer);
	snprintf(inv, sizeof inv, "%.*s", (int)it->invoice_len, it->invoice);
	dn_date_format(it->due_date, due);
	dn_money_format_grouped(a->balance, it->decimals, ' ', bal);
	cells[0] = cust;
	cells[1] = inv;
	cells[2] = due;
	cells[3] = it->currency;
	cells[4] = bal;
	cells[5] = days;
	cells[6] = bucket;
	(void)r;
	/* Totals first: a row they refuse must not appear in the table. */
	if (dn_aging_summary_add(out->totals, "", 0, it->currency, it->decimals, a, e) != 0)
		return e->status;
	if (dn_table_add(out->table, cells) != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	return 0;
}

static int finish_table_rows(struct run *r, struct row_out *out, dn_error *e)
{
	size_t n, i;
	const dn_aging_group *t = dn_aging_summary_totals(out->totals, &n, e);

	(void)r;
	if (t == NULL && n == 0 && e->status != 0)
		return e->status;
	dn_table_rule(out->table);
	for (i = 0; i < n; i++) {
		char bal[DN_MONEY_BUFSZ], count[32];
		const char *cells[7] = {"total", count, "", t[i].currency, bal, "", ""};
		snprintf(count, sizeof count, "%ld item%s", t[i].items, t[i].items == 1 ? "" : "s");
		dn_money_format_grouped(t[i].total, t[i].decimals, ' ', bal);
		dn_table_add(out->table, cells);
	}
	dn_table_print(out->table, stdout);
	return 0;
}

static int emit_row(struct run *r, struct row_out *out, const dn_row *row, const dn_item *it,
		    const dn_aged *a, dn_error *e)
{
	char bal[DN_MONEY_BUFSZ], days[24];
	const char *bucket = r->bucket_names[a->bucket];

	dn_format_int(a->days, days);
	dn_money_format(a->balance, it->decimals, bal);
	switch (r->o.format) {
	case FMT_CSV:
		put_csv_row(r, out, row, bal, days, bucket);
		return 0;
	case FMT_JSON:
		put_json_row(r, row, bal, a->days, bucket);
		return 0;
	case FMT_TABLE:
		return put_table_row(r, out, it, a, days, bucket, e);
	}
	return 0;
}

/* Read every row; hand each open item, aged, to `use` (row or summary). */
typedef int (*use_fn)(struct run *r, void *ctx, const dn_row *row, const dn_item *it,
		      const dn_aged *a, dn_error *e);

static int each_item(struct run *r, use_fn use, void *ctx, dn_error *e)
{
	dn_row row;
	dn_item it;
	dn_aged a;
	int rc;

	while ((rc = dn_next_row(r->rd, r->rej, &row, e)) == 1) {
		if (dn_item_read(&r->schema, &row, &it, e) != 0) {
			if (dn_reject(r->rej, &row, e) != 0)
				return e->status;
			continue;
		}
		/* Documented filters: not issued yet at as-of; settled. */
		if (!dn_age_item(&it, r->common.as_of, r->o.basis, r->bounds, r->nbounds, &a))
			continue;
		if (a.balance == 0 && !r->o.all)
			continue;
		if ((rc = use(r, ctx, &row, &it, &a, e)) != 0) {
			if (rc != DN_EX_DATAERR || dn_reject(r->rej, &row, e) != 0)
				return e->status;
		}
	}
	return rc < 0 ? e->status : 0;
}

static int use_row(struct run *r, void *ctx, const dn_row *row, const dn_item *it,
		   const dn_aged *a, dn_error *e)
{
	int rc = emit_row(r, ctx, row, it, a, e);

	if (rc == DN_EX_DATAERR) {
		dn_error_where(e, row->file, row->line);
		dn_error_subject(e, "column", "balance");
	}
	return rc;
}

static int run_rows(struct run *r, dn_error *e)
{
	struct row_out out = {0};
	int rc = DN_EX_SOFTWARE;

	out.w = dn_csv_writer_new(stdout, dn_config_input(r->cfg)->delimiter,
				  r->common.excel_safe);
	if (r->o.format == FMT_TABLE) {
		out.table = dn_table_new(7);
		out.totals = dn_aging_summary_new(r->nbuckets);
	}
	if (out.w == NULL || (r->o.format == FMT_TABLE && (!out.table || !out.totals))) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		goto done;
	}
	put_row_header(r, &out);
	rc = each_item(r, use_row, &out, e);
	if (rc == 0 && r->o.format == FMT_TABLE)
		rc = finish_table_rows(r, &out, e);
	if (rc == 0 && dn_csv_flush(out.w) != 0)
		rc = DN_EX_IOERR; /* reported at close */
done:
	dn_csv_writer_free(out.w);
	dn_table_free(out.table);
	dn_aging_summary_free(out.totals);
	return rc == DN_EX_IOERR ? 0 : rc;
}

/* ---- summary mode ---- */

static int use_summary(struct run *r, void *ctx, const dn_row *row, const dn_item *it,
		       const dn_aged *a, dn_error *e)
{
	/* By currency: the item's currency as read (default applied, upper
	 * case), so "eur", "EUR" and an empty cell are one group. */
	const char *group = r->by_currency ? "" : row->v[r->col_group];
	size_t group_len = r->by_currency ? 0 : row->len[r->col_group];
	int rc = dn_aging_summary_add(ctx, group, group_len, it->currency, it->decimals, a, e);

	if (rc == DN_EX_DATAERR) {
		dn_error_where(e, row->file, row->line);
		dn_error_subject(e, "column", "balance");
	}
	return rc;
}

static void summary_cells(const struct run *r, const dn_aging_group *g, char cells[][64],
			  char sep)
{
	size_t k;

	snprintf(cells[0], 64, "%s", g->currency);
	for (k = 0; k < r->nbuckets; k++)
		dn_money_format_grouped(g->bucket[k], g->decimals, sep, cells[1 + k]);
	dn_money_format_grouped(g->total, g->decimals, sep, cells[1 + r->nbuckets]);
}

static int summary_csv(const struct run *r, const dn_aging_group *const *g, size_t n,
		       dn_error *e)
{
	dn_csv_writer *w = dn_csv_writer_new(stdout, dn_config_input(r->cfg)->delimiter,
					     r->common.excel_safe);
	char cells[DN_AGING_MAX_BUCKETS + 2][64], name[24];
	size_t i, k;

	if (w == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if (!r->by_currency)
		dn_csv_put_str(w, r->o.by);
	dn_csv_put_str(w, "currency");
	for (k = 0; k < r->nbuckets; k++)
		dn_csv_put_str(w, dn_aging_bucket_name(r->bounds, r->nbounds, k, name));
	dn_csv_put_str(w, "total");
	dn_csv_end_row(w);
	for (i = 0; i < n; i++) {
		if (!r->by_currency)
			dn_csv_put(w, g[i]->group, g[i]->group_len);
		summary_cells(r, g[i], cells, 0);
		for (k = 0; k < r->nbuckets + 2; k++)
			dn_csv_put_str(w, cells[k]);
		dn_csv_end_row(w);
	}
	dn_csv_flush(w); /* a write error is reported when stdout is closed */
	dn_csv_writer_free(w);
	return 0;
}

static void summary_json(const struct run *r, const dn_aging_group *const *g, size_t n)
{
	char cells[DN_AGING_MAX_BUCKETS + 2][64], name[24];
	size_t i, k;
	dn_json j;

	for (i = 0; i < n; i++) {
		summary_cells(r, g[i], cells, 0);
		dn_json_begin(&j, stdout);
		if (!r->by_currency)
			dn_json_str(&j, r->o.by, g[i]->group, g[i]->group_len);
		dn_json_str(&j, "currency", cells[0], strlen(cells[0]));
		for (k = 0; k < r->nbuckets; k++)
			dn_json_str(&j, dn_aging_bucket_name(r->bounds, r->nbounds, k, name),
				    cells[1 + k], strlen(cells[1 + k]));
		dn_json_str(&j, "total", cells[1 + r->nbuckets], strlen(cells[1 + r->nbuckets]));
		dn_json_end(&j);
	}
}

/* Share of a bucket in the total, in tenths of a percent, rounded half up. */
static void share_cell(int64_t part, int64_t total, char *buf)
{
	int64_t tenths;

	if (total == 0 || dn_muldiv_round(part, 1000, total, &tenths) != 0) {
		snprintf(buf, 64, "-");
		return;
	}
	snprintf(buf, 64, "%s%lld.%lld%%", tenths < 0 ? "-" : "",
		 (long long)(tenths < 0 ? -tenths : tenths) / 10,
		 (long long)(tenths < 0 ? -tenths : tenths) % 10);
}

static int summary_table(const struct run *r, dn_aging_summary *s,
			 const dn_aging_group *const *g, size_t n, dn_error *e)
{
	size_t ncols = r->nbuckets + 3, i, k, ntot;
	char cells[DN_AGING_MAX_BUCKETS + 3][64];
	const char *ptrs[DN_AGING_MAX_BUCKETS + 3];
	dn_table *t = dn_table_new(ncols);
	const dn_aging_group *tot;

	if (t == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	for (k = 0; k < ncols; k++)
		ptrs[k] = cells[k];
	for (k = 2; k < ncols; k++)
		dn_table_align_right(t, k);
	snprintf(cells[0], 64, "%s", r->by_currency ? "" : r->o.by); /* no name twice */
	snprintf(cells[1], 64, "currency");
	for (k = 0; k < r->nbuckets; k++)
		dn_aging_bucket_name(r->bounds, r->nbounds, k, cells[2 + k]);
	snprintf(cells[ncols - 1], 64, "total");
	dn_table_add(t, ptrs);
	for (i = 0; i < n; i++) {
		ptrs[0] = g[i]->group;
		summary_cells(r, g[i], cells + 1, ' ');
		dn_table_add(t, ptrs);
	}
	ptrs[0] = cells[0];
	tot = dn_aging_summary_totals(s, &ntot, e);
	if (tot == NULL && e->status != 0) {
		dn_table_free(t);
		return e->status;
	}
	dn_table_rule(t);
	for (i = 0; i < ntot; i++) {
		snprintf(cells[0], 64, "total");
		summary_cells(r, &tot[i], cells + 1, ' ');
		dn_table_add(t, ptrs);
		snprintf(cells[0], 64, "share");
		for (k = 0; k <= r->nbuckets; k++)
			share_cell(k < r->nbuckets ? tot[i].bucket[k] : tot[i].total, tot[i].total,
				   cells[2 + k]);
		dn_table_add(t, ptrs);
	}
	dn_table_print(t, stdout);
	dn_table_free(t);
	return 0;
}

static int run_summary(struct run *r, dn_error *e)
{
	dn_aging_summary *s = dn_aging_summary_new(r->nbuckets);
	const dn_aging_group *const *g;
	size_t n;
	int rc;

	if (s == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	rc = each_item(r, use_summary, s, e);
	if (rc == 0) {
		g = dn_aging_summary_groups(s, &n);
		if (g == NULL && n > 0)
			rc = dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		else if (r->o.format == FMT_CSV)
			rc = summary_csv(r, g, n, e);
		else if (r->o.format == FMT_JSON)
			summary_json(r, g, n);
		else
			rc = summary_table(r, s, g, n, e);
	}
	dn_aging_summary_free(s);
	return rc;
}

/* ---- set-up ---- */

static int setup(struct run *r, int argc, char **argv, int first, dn_error *e)
{
	const dn_input_format *in;

	if ((r->cfg = dn_config_load(r->common.config, e)) == NULL)
		return e->status;
	in = dn_config_input(r->cfg);
	r->bounds = dn_config_buckets(r->cfg, &r->nbounds);
	r->nbuckets = dn_aging_nbuckets(r->nbounds);
	for (size_t k = 0; k < r->nbuckets; k++)
		dn_aging_bucket_name(r->bounds, r->nbounds, k, r->bucket_names[k]);
	r->rd = dn_csv_reader_new((const char *const *)argv + first, (size_t)(argc - first),
				  in->delimiter, e);
	if (r->rd == NULL || dn_item_schema_init(&r->schema, r->rd, r->cfg, e) != 0)
		return e->status;
	r->schema.as_of = r->common.as_of;
	r->col_balance = dn_csv_find(r->rd, r->schema.header[DN_COL_BALANCE]);
	r->col_days = dn_csv_find(r->rd, "days_overdue");
	r->col_bucket = dn_csv_find(r->rd, "bucket");
	if (r->o.summary) {
		r->col_group = dn_csv_find(r->rd, dn_config_column(r->cfg, r->o.by));
		r->by_currency = r->col_group >= 0 && r->col_group == r->schema.col[DN_COL_CURRENCY];
		if (r->col_group < 0) {
			dn_error_set(e, DN_EX_USAGE, "no such column in the input");
			dn_error_where(e, dn_csv_header(r->rd)->file, dn_csv_header(r->rd)->line);
			dn_error_subject(e, "column", r->o.by);
			return DN_EX_USAGE;
		}
	}
	if (r->common.rejects != NULL &&
	    (r->rej = dn_rejects_open(r->common.rejects, r->rd, e)) == NULL)
		return e->status;
	return 0;
}

static const dn_tool tool = {"aging", usage, long_opts, "as", on_option};

int main(int argc, char **argv)
{
	struct run r;
	dn_error e;
	int first, rc;

	memset(&r, 0, sizeof r);
	dn_error_clear(&e);
	r.o.by = "customer";
	first = dn_options_start(&tool, argc, argv, &r.o, &r.common, &e);
	if (first <= 0)
		return first == 0 ? 0 : report(&e);
	if (r.o.by_given && !r.o.summary) {
		dn_error_set(&e, DN_EX_USAGE, "only with --summary");
		dn_error_subject(&e, "option", "--by");
		return report(&e);
	}
	rc = setup(&r, argc, argv, first, &e);
	if (rc == 0)
		rc = r.o.summary ? run_summary(&r, &e) : run_rows(&r, &e);
	if (rc != 0)
		report(&e);
	rc = dn_finish_run(r.rej, rc, report);
	dn_csv_reader_free(r.rd);
	dn_config_free(r.cfg);
	return rc;
}
