/* classify - what the debtor's words say.
 *
 * Streams: each row gets the category of the first rule matching its
 * --field text, and the matched text; with --as-event, the journal event
 * the category stands for.  Memory does not grow with the input.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dunning.h"

static const char usage[] =
	"usage: classify [options] [FILE ...]\n"
	"Tag each row (CSV on stdin or FILEs) with the category of the first rule\n"
	"matching its text, and the matched text.\n"
	"      --field NAME    the column holding the text (default: note)\n"
	"      --as-event      also add the journal event the category stands for\n"
	"      --builtin-rules print the built-in rules (a pattern file) and exit\n";

enum { OPT_FIELD = 300, OPT_AS_EVENT, OPT_BUILTIN };

struct classify_opts {
	const char *field;
	int as_event, builtin;
};

static const struct option long_opts[] = {
	{"field", required_argument, NULL, OPT_FIELD},
	{"as-event", no_argument, NULL, OPT_AS_EVENT},
	{"builtin-rules", no_argument, NULL, OPT_BUILTIN},
	{NULL, 0, NULL, 0},
};

static int on_option(int code, const char *arg, void *ctx, dn_error *e)
{
	struct classify_opts *o = ctx;

	switch (code) {
	case OPT_FIELD:
		if (arg[0] == '\0')
			return dn_option_error(e, "--field", "a column name is required", arg);
		o->field = arg;
		return 0;
	case OPT_AS_EVENT:
		o->as_event = 1;
		return 0;
	case OPT_BUILTIN:
		o->builtin = 1;
		return 0;
	default:
		return -1;
	}
}

/* The columns classify writes, in the order it appends them. */
enum { OUT_CATEGORY, OUT_MATCHED, OUT_EVENT, OUT_COUNT };
static const char *const out_names[OUT_COUNT] = {"category", "matched", "event"};

/* Everything one run needs, so helpers take one pointer. */
struct run {
	struct classify_opts o;
	dn_common common;
	dn_config *cfg;
	dn_patterns *rules;
	dn_csv_reader *rd;
	dn_rejects *rej;
	dn_csv_writer *w;
	int col_field;
	int col_out[OUT_COUNT]; /* an input column rewritten in place, or -1 */
	size_t nout;            /* columns written: 2, or 3 with --as-event */
};

static int report(const dn_error *e)
{
	char buf[1280];

	fputs(dn_diagnostic("classify", e, buf, sizeof buf), stderr);
	return e->status;
}

/* Whether the two paths name one file (same device and inode). */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* --rejects must not overwrite the config or the pattern file either. */
static int check_rejects_path(const struct run *r, dn_error *e)
{
	const char *cfg = dn_config_file(r->cfg);
	char *rules = dn_config_path(r->cfg, "classify", "rules");
	int clash = (cfg != NULL && same_file(r->common.rejects, cfg)) ||
		    (rules != NULL && same_file(r->common.rejects, rules));

	free(rules);
	if (!clash)
		return 0;
	dn_error_set(e, DN_EX_USAGE, "the rejects file is an input: it would be destroyed");
	dn_error_subject(e, "option", "--rejects");
	dn_error_value(e, r->common.rejects, strlen(r->common.rejects));
	return DN_EX_USAGE;
}

static void put_header(struct run *r)
{
	const dn_row *h = dn_csv_header(r->rd);
	size_t k;

	dn_csv_put_row_fields(r->w, h);
	for (k = 0; k < r->nout; k++)
		if (r->col_out[k] < 0)
			dn_csv_put_str(r->w, out_names[k]);
	dn_csv_end_row(r->w);
}

static int classify_row(struct run *r, const dn_row *row, dn_error *e)
{
	const char *text = row->v[r->col_field];
	dn_verdict v;
	const char *cell[OUT_COUNT];
	size_t clen[OUT_COUNT], i, k;

	if (dn_classify_text(r->rules, text, row->len[r->col_field], &v, e) != 0) {
		dn_error_where(e, row->file, row->line);
		dn_error_subject(e, "column", r->o.field);
		return e->status;
	}
	cell[OUT_CATEGORY] = v.category ? v.category : "";
	clen[OUT_CATEGORY] = strlen(cell[OUT_CATEGORY]);
	cell[OUT_MATCHED] = text + v.start;
	clen[OUT_MATCHED] = v.end - v.start;
	cell[OUT_EVENT] = dn_event_name(dn_classify_event(v.category));
	clen[OUT_EVENT] = strlen(cell[OUT_EVENT]);
	for (i = 0; i < row->n; i++) {
		for (k = 0; k < r->nout && r->col_out[k] != (int)i; k++)
			;
		if (k < r->nout)
			dn_csv_put(r->w, cell[k], clen[k]);
		else
			dn_csv_put(r->w, row->v[i], row->len[i]);
	}
	for (k = 0; k < r->nout; k++)
		if (r->col_out[k] < 0)
			dn_csv_put(r->w, cell[k], clen[k]);
	dn_csv_end_row(r->w);
	return 0;
}

static int run_rows(struct run *r, dn_error *e)
{
	dn_row row;
	int rc;

	put_header(r);
	while ((rc = dn_next_row(r->rd, r->rej, &row, e)) == 1)
		if (classify_row(r, &row, e) != 0 && dn_reject(r->rej, &row, e) != 0)
			return e->status;
	if (rc < 0)
		return e->status;
	dn_csv_flush(r->w); /* a write error is reported when stdout is closed */
	return 0;
}

static int setup(struct run *r, int argc, char **argv, int first, dn_error *e)
{
	const dn_row *h;
	size_t k;

	/* Config (78) and rules (78) before the inputs (66, 65). */
	if ((r->cfg = dn_config_load(r->common.config, e)) == NULL ||
	    (r->rules = dn_classify_rules(r->cfg, e)) == NULL)
		return e->status;
	if (r->common.rejects != NULL && check_rejects_path(r, e) != 0)
		return e->status;
	r->rd = dn_csv_reader_new((const char *const *)argv + first, (size_t)(argc - first),
				  dn_config_input(r->cfg)->delimiter, e);
	if (r->rd == NULL)
		return e->status;
	h = dn_csv_header(r->rd);
	r->col_field = dn_csv_find(r->rd, dn_config_column(r->cfg, r->o.field));
	if (r->col_field < 0) {
		dn_error_set(e, DN_EX_DATAERR, "missing column");
		dn_error_where(e, h->file, h->line);
		dn_error_subject(e, "column", dn_config_column(r->cfg, r->o.field));
		return DN_EX_DATAERR;
	}
	r->nout = r->o.as_event ? 3 : 2;
	for (k = 0; k < r->nout; k++)
		r->col_out[k] = dn_csv_find(r->rd, out_names[k]);
	if (r->common.rejects != NULL &&
	    (r->rej = dn_rejects_open(r->common.rejects, r->rd, e)) == NULL)
		return e->status;
	r->w = dn_csv_writer_new(stdout, dn_config_input(r->cfg)->delimiter,
				 r->common.excel_safe);
	if (r->w == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	return 0;
}

/* --builtin-rules: the rules as a pattern file, to start one's own from. */
static int print_builtin(dn_error *e)
{
	char *text = dn_classify_builtin_text();

	if (text == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	fputs(text, stdout);
	free(text);
	return 0;
}

static const dn_tool tool = {"classify", usage, long_opts, "", on_option};

int main(int argc, char **argv)
{
	struct run r;
	dn_error e;
	int first, rc;

	memset(&r, 0, sizeof r);
	dn_error_clear(&e);
	r.o.field = "note";
	first = dn_options_start(&tool, argc, argv, &r.o, &r.common, &e);
	if (first <= 0)
		return first == 0 ? 0 : report(&e);
	if (r.o.builtin)
		rc = print_builtin(&e);
	else if ((rc = setup(&r, argc, argv, first, &e)) == 0)
		rc = run_rows(&r, &e);
	dn_csv_writer_free(r.w); /* before stdout is closed */
	if (rc != 0)
		report(&e);
	rc = dn_finish_run(r.rej, rc, report);
	dn_csv_reader_free(r.rd);
	dn_patterns_free(r.rules);
	dn_config_free(r.cfg);
	return rc;
}
