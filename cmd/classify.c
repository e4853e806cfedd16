/* classify - what the debtor's words say.
 *
 * Streams: each row gets the category of the first rule matching its
 * --field text, and the matched text; with --as-event, the journal event
 * the category stands for.  Memory does not grow with the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dunning.h"

struct classify_opts {
	const char *field;
	int as_event, builtin;
};

static const char usage[] =
	"usage: classify [options] [FILE ...]\n"
	"Tag each row (CSV on stdin or FILEs) with the category of the first rule\n"
	"matching its text, and the matched text.\n";

static const dn_optspec options[] = {
	DN_TEXT("field", 0, DN_OPT_NAME, struct classify_opts, field, "NAME",
		"the column holding the text (default: note)"),
	DN_FLAG("as-event", 0, struct classify_opts, as_event,
		"also add the category's journal event, and a ref"),
	DN_FLAG("builtin-rules", 0, struct classify_opts, builtin,
		"print the built-in rules (a pattern file) and exit"),
	DN_END,
};

/* The columns classify writes, in the order it appends them. */
enum { OUT_CATEGORY, OUT_MATCHED, OUT_EVENT, OUT_REF, OUT_COUNT };
static const char *const out_names[OUT_COUNT] = {"category", "matched", "event", "ref"};

struct classify {
	struct classify_opts o;
	char *rules_path; /* [classify] rules resolved, or NULL */
	dn_patterns *rules;
	dn_out *out;
	int col_field;
	dn_classev ev;	       /* --as-event: where a row's promise and ref are */
	size_t col[OUT_COUNT]; /* output column ids */
};

static int on_row(dn_run *r, void *ctx, const dn_row *row, dn_error *e)
{
	struct classify *c = ctx;
	const char *text = row->v[c->col_field];
	char buf[DN_CLASSEV_REF_SIZE]; /* the ref: dn_out_row reads it */
	dn_verdict v;

	(void)r;
	if (dn_classify_text(c->rules, text, row->len[c->col_field], &v, e) != 0) {
		dn_error_subject(e, "column", c->o.field);
		return e->status;
	}
	dn_out_str(c->out, c->col[OUT_CATEGORY], v.category ? v.category : "");
	dn_out_text(c->out, c->col[OUT_MATCHED], text + v.start, v.end - v.start);
	if (c->o.as_event) {
		const char *ref;
		size_t n = dn_classev_ref(&c->ev, row, buf, &ref);
		dn_out_str(c->out, c->col[OUT_EVENT],
			   dn_event_name(dn_classev_event(&c->ev, row, v.category)));
		dn_out_text(c->out, c->col[OUT_REF], ref, n);
	}
	return dn_out_row(c->out, row, e);
}

/* Rules (78) before the inputs (66, 65); --rejects may not name them. */
static int setup(dn_run *r, struct classify *c)
{
	const dn_row *h;
	size_t k;

	c->rules_path = dn_config_path(r->cfg, "classify", "rules");
	if (c->rules_path != NULL && dn_run_reads(r, c->rules_path, "the pattern file") != 0)
		return r->e.status;
	if ((c->rules = dn_classify_rules(r->cfg, &r->e)) == NULL)
		return r->e.status;
	if (dn_run_open_rows(r, dn_config_input(r->cfg)->delimiter) != 0)
		return r->e.status;
	h = dn_csv_header(r->rd);
	if ((c->col_field = dn_classify_field(r->rd, r->cfg, c->o.field, &r->e)) < 0)
		return r->e.status;
	if ((c->out = dn_out_new(stdout, DN_OUT_CSV, r->cfg, r->common.excel_safe, &r->e)) == NULL)
		return r->e.status;
	dn_out_pass(c->out, h);
	dn_classev_init(&c->ev, r->rd);
	/* An existing column is written in place: classify | classify is classify. */
	for (k = 0; k < (c->o.as_event ? OUT_COUNT : OUT_EVENT); k++)
		c->col[k] = dn_out_col(c->out, dn_csv_header_name(r->rd, out_names[k]), DN_CELL_TEXT);
	dn_out_header(c->out);
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

/* The one writer to stderr, handed to the run (libdunning never prints). */
static void say(const char *text)
{
	fputs(text, stderr);
}

static const dn_tool tool = {.name = "classify", .usage = usage, .spec = options};

int main(int argc, char **argv)
{
	struct classify c = {.o = {.field = "note"}};
	dn_run r;
	int rc = dn_run_start(&r, &tool, argc, argv, &c.o, say);

	if (rc <= 0)
		return rc == 0 ? 0 : dn_run_finish(&r, r.e.status);
	if (c.o.builtin)
		rc = print_builtin(&r.e);
	else if ((rc = setup(&r, &c)) == 0)
		rc = dn_run_rows(&r, on_row, &c);
	if (c.out != NULL && dn_out_close(c.out, rc == 0, &r.e) != 0 && rc == 0)
		rc = r.e.status;
	dn_out_free(c.out);
	rc = dn_run_finish(&r, rc);
	dn_patterns_free(c.rules);
	free(c.rules_path); /* after the run: dn_run_reads borrowed it */
	return rc;
}
