/* journal - the record of every interaction: append a batch, show a
 * customer's history, purge old events.  The rules are libdunning's
 * (jbatch.h, jwrite.h); this file reads options and prints counts.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dunning.h"

struct opts {
	const char *file, *customer;
	const char *purge; /* --purge-before as given: read once the config is */
	int table;
	dn_date before;
};

static const char usage[] =
	"usage: journal -f FILE [options] [INPUT ...]\n"
	"Append the rows of INPUTs (or stdin) to the journal FILE: journal rows, or the\n"
	"output of remind, plan or classify --as-event; rows already recorded (same ref)\n"
	"are skipped.\n";

static const dn_optspec options[] = {
	DN_TEXT("file", 'f', DN_OPT_FILE, struct opts, file, "FILE",
		"the journal (created when missing)"),
	DN_TEXT("customer", 0, DN_OPT_TEXT, struct opts, customer, "C",
		"print C's history (the journal rows) instead"),
	DN_PICK("format", struct opts, table, "csv|table", 0, "F",
		"for --customer: csv (default) or table"),
	DN_TEXT("purge-before", 0, DN_OPT_TEXT, struct opts, purge, "DATE",
		"remove the events dated before DATE"),
	DN_END,
};

static int report(const dn_error *e)
{
	char buf[1280];

	fputs(dn_diagnostic("journal", e, buf, sizeof buf), stderr);
	return e->status;
}

static const char *rows(long n)
{
	return n == 1 ? "row" : "rows";
}

static void say_cut(const char *file, long line)
{
	if (line > 0)
		fprintf(stderr, "journal: %s:%ld: unterminated last line cut (an interrupted append)\n",
			file, line);
}

/* ---- append ---- */

static int append(const struct opts *o, const dn_common *c, const dn_config *cfg,
		  char **inputs, size_t n, dn_error *e)
{
	dn_csv_reader *rd = NULL;
	dn_jbatch *b = NULL;
	dn_jappend_info info;
	int rc;

	/* A journal that cannot be opened (66) before bad input (65). */
	if ((rc = dn_journal_check(o->file, e)) != 0)
		return rc;
	rd = dn_csv_reader_new((const char *const *)inputs, n, dn_config_input(cfg)->delimiter, e);
	if (rd == NULL)
		return e->status;
	if (dn_csv_reader_reads(rd, o->file)) {
		rc = dn_option_error(e, "-f", "the journal is also an input", o->file);
	} else if ((b = dn_jbatch_new(cfg, c->as_of)) == NULL) {
		rc = dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	} else if ((rc = dn_jbatch_read(b, rd, e)) == 0) {
		rc = dn_journal_append(o->file, cfg, b, &info, e);
		say_cut(o->file, info.cut_line);
		if (dn_jbatch_settlements(b) > 0)
			fprintf(stderr, "journal: %s: %ld settlement %s skipped (an offer, not a plan)\n",
				dn_jbatch_file(b), dn_jbatch_settlements(b),
				rows(dn_jbatch_settlements(b)));
		if (rc == 0 && info.duplicates > 0)
			fprintf(stderr, "journal: %s: %ld %s already recorded (same ref): skipped\n",
				o->file, info.duplicates, rows(info.duplicates));
	}
	dn_jbatch_free(b);
	dn_csv_reader_free(rd);
	return rc;
}

/* ---- history ---- */

struct history {
	const char *customer;
	size_t len;
	dn_csv_writer *w;
	dn_table *t;
};

static int history_row(void *ctx, const dn_row *row, const dn_jevent *ev, dn_error *e)
{
	struct history *h = ctx;

	if (ev != NULL && (ev->customer_len != h->len || memcmp(ev->customer, h->customer, h->len)))
		return 0;
	if (h->t != NULL) {
		if (dn_table_add(h->t, (const char *const *)row->v) != 0)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return 0;
	}
	dn_csv_put_row_fields(h->w, row);
	dn_csv_end_row(h->w);
	return 0;
}

/* The table needs its column count, known from the header only. */
static int history_first(void *ctx, const dn_row *row, const dn_jevent *ev, dn_error *e)
{
	struct history *h = ctx;

	if (ev == NULL && h->w == NULL && (h->t = dn_table_new(row->n)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	return history_row(ctx, row, ev, e);
}

static int history(const struct opts *o, const dn_common *c, const dn_config *cfg, dn_error *e)
{
	struct history h = {o->customer, strlen(o->customer), NULL, NULL};
	long cut = 0;
	int rc;

	if (!o->table &&
	    (h.w = dn_csv_writer_new(stdout, dn_config_input(cfg)->delimiter, c->excel_safe)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	rc = dn_journal_each(o->file, cfg, history_first, &h, &cut, e);
	if (rc == 1) {
		fprintf(stderr, "journal: %s: no journal yet: no history\n", o->file);
		rc = 0;
	}
	if (cut > 0)
		fprintf(stderr, "journal: %s:%ld: unterminated last line ignored\n", o->file, cut);
	if (rc == 0 && h.t != NULL)
		dn_table_print(h.t, stdout);
	if (h.w != NULL)
		dn_csv_flush(h.w); /* a write error is reported when stdout is closed */
	dn_csv_writer_free(h.w);
	dn_table_free(h.t);
	return rc;
}

/* ---- purge ---- */

static int purge(const struct opts *o, const dn_config *cfg, dn_error *e)
{
	dn_jpurge_info info;
	char day[11];
	int rc = dn_journal_purge(o->file, cfg, o->before, &info, e);

	if (rc != 0)
		return rc;
	if (info.cut_line > 0)
		fprintf(stderr, "journal: %s:%ld: unterminated last line dropped\n", o->file,
			info.cut_line);
	dn_date_format(o->before, day);
	fprintf(stderr, "journal: %s: %ld %s dated before %s removed, %ld kept\n", o->file,
		info.removed, rows(info.removed), day, info.kept);
	return 0;
}

/* ---- set-up ---- */

static int check_usage(const void *opts, const dn_common *c, int operands, dn_error *e)
{
	const struct opts *o = opts;

	if (o->file == NULL)
		return dn_option_error(e, "-f", "the journal file is required", NULL);
	if (o->customer != NULL && o->purge)
		return dn_option_error(e, "--customer", "not with --purge-before", NULL);
	if (o->table && o->customer == NULL)
		return dn_option_error(e, "--format", "only with --customer", NULL);
	if ((o->customer != NULL || o->purge) && operands > 0)
		return dn_option_error(e, o->purge ? "--purge-before" : "--customer",
				       "takes no INPUT operand", NULL);
	if (c->rejects != NULL)
		return dn_option_error(e, "--rejects", "a batch is appended whole or not at all",
				       NULL);
	return 0;
}

static const dn_tool tool = {.name = "journal", .usage = usage, .spec = options, .late_as_of = 1,
			     .check = check_usage, .no_shard = 1};

int main(int argc, char **argv)
{
	struct opts o;
	dn_common c;
	dn_config *cfg = NULL;
	dn_error e;
	int first, rc;

	memset(&o, 0, sizeof o);
	dn_error_clear(&e);
	first = dn_options_start(&tool, argc, argv, &o, &c, &e);
	if (first <= 0)
		return first == 0 ? 0 : report(&e);
	rc = 0;
	if ((cfg = dn_config_load(c.config, &e)) == NULL)
		rc = e.status;
	if (rc == 0)
		rc = dn_common_resolve(&c, cfg, &e); /* dates read like the data */
	if (rc == 0 && o.purge != NULL)
		rc = dn_option_date_cfg("--purge-before", o.purge, cfg, &o.before, &e);
	if (rc == 0 && o.customer != NULL)
		rc = history(&o, &c, cfg, &e);
	else if (rc == 0 && o.purge)
		rc = purge(&o, cfg, &e);
	else if (rc == 0)
		rc = append(&o, &c, cfg, argv + first, (size_t)(argc - first), &e);
	if (rc != 0)
		report(&e);
	rc = dn_finish_run(NULL, rc, report);
	dn_config_free(cfg);
	return rc;
}
