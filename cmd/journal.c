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

static const char *rows(long n)
{
	return n == 1 ? "row" : "rows";
}

static void say_cut(const dn_run *r, const char *file, long line)
{
	if (line > 0)
		dn_run_say(r, "%s:%ld: unterminated last line cut (an interrupted append)", file, line);
}

/* ---- append ---- */

static int append(dn_run *r, const struct opts *o)
{
	dn_jbatch *b = NULL;
	dn_jappend_info info;
	dn_error *e = &r->e;
	int rc;

	/* A journal that cannot be opened (66) before bad input (65). */
	if ((rc = dn_journal_check(o->file, e)) != 0 ||
	    (rc = dn_run_open_rows(r, dn_config_input(r->cfg)->delimiter)) != 0)
		return rc;
	if (dn_csv_reader_reads(r->rd, o->file))
		return dn_option_error(e, "-f", "the journal is also an input", o->file);
	if ((b = dn_jbatch_new(r->cfg, r->common.as_of)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if ((rc = dn_jbatch_read(b, r->rd, e)) == 0) {
		rc = dn_journal_append(o->file, r->cfg, b, &info, e);
		say_cut(r, o->file, info.cut_line);
		if (dn_jbatch_settlements(b) > 0)
			dn_run_say(r, "%s: %ld settlement %s skipped (an offer, not a plan)",
				   dn_jbatch_file(b), dn_jbatch_settlements(b),
				   rows(dn_jbatch_settlements(b)));
		if (rc == 0 && info.duplicates > 0)
			dn_run_say(r, "%s: %ld %s already recorded (same ref): skipped", o->file,
				   info.duplicates, rows(info.duplicates));
	}
	dn_jbatch_free(b);
	return rc;
}

/* ---- history ---- */

static int history(dn_run *r, const struct opts *o)
{
	dn_journal_info info;
	int rc = dn_journal_print_customer(o->file, r->cfg, o->customer, o->table,
					   dn_config_input(r->cfg)->delimiter, r->common.excel_safe,
					   stdout, &info, &r->e);

	dn_run_journal_notes(r, o->file, &info);
	return rc;
}

/* ---- purge ---- */

static int purge(dn_run *r, struct opts *o)
{
	dn_jpurge_info info;
	char day[11];
	int rc;

	if ((rc = dn_option_date_cfg("--purge-before", o->purge, r->cfg, &o->before, &r->e)) != 0 ||
	    (rc = dn_journal_purge(o->file, r->cfg, o->before, &info, &r->e)) != 0)
		return rc;
	if (info.cut_line > 0)
		dn_run_say(r, "%s:%ld: unterminated last line dropped", o->file, info.cut_line);
	dn_date_format(o->before, day);
	dn_run_say(r, "%s: %ld %s dated before %s removed, %ld kept", o->file, info.removed,
		   rows(info.removed), day, info.kept);
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

/* The one writer to stderr, handed to the run (libdunning never prints). */
static void say(const char *text)
{
	fputs(text, stderr);
}

static const dn_tool tool = {.name = "journal", .usage = usage, .spec = options,
			     .check = check_usage, .no_shard = 1};

int main(int argc, char **argv)
{
	struct opts o = {0};
	dn_run r;
	int rc = dn_run_start(&r, &tool, argc, argv, &o, say);

	if (rc <= 0)
		return rc == 0 ? 0 : dn_run_finish(&r, r.e.status);
	if (o.customer != NULL)
		rc = history(&r, &o);
	else if (o.purge != NULL)
		rc = purge(&r, &o);
	else if ((rc = dn_run_reads(&r, o.file, "the journal")) == 0)
		rc = append(&r, &o);
	return dn_run_finish(&r, rc);
}
