/* prioritize - whom to contact first, and why.
 *
 * Reads the journal (when given) fully, then streams the items into one
 * total per customer and currency (memory per customer, not per row),
 * scores, sorts and prints them.  Every rule is in libdunning (score.c,
 * journal.c); this file is options, columns and messages.
 */
#include <stdio.h>
#include <string.h>

#include "dunning.h"

struct opts {
	const char *journal;
	long top; /* 0: all */
	dn_out_format format;
};

static const char usage[] =
	"usage: prioritize [options] [FILE ...]\n"
	"Rank customers by whom to contact first, and say why (items CSV on stdin or FILEs).\n";

static const dn_optspec options[] = {
	DN_TEXT("journal", 0, DN_OPT_FILE, struct opts, journal, "FILE",
		"the history: promises, plans, holds, contacts"),
	DN_LONG("top", 0, struct opts, top, 1, 1000000000L, "N", "keep the first N rows"),
	DN_PICK("format", struct opts, format, DN_OUT_FORMATS, DN_OUT_CSV, "F",
		"csv (default), table or json"),
	DN_END,
};

struct prio {
	struct opts o;
	dn_score_rules rules;
	dn_journal *journal;
	dn_scoreboard *board;
};

static int on_item(dn_run *r, void *ctx, const dn_row *row, const dn_item *it, dn_error *e)
{
	struct prio *p = ctx;
	dn_item_extra x;
	int rc;

	if (dn_item_extra_read(&r->schema, row, it, &x, e) != 0)
		return DN_EX_DATAERR;
	rc = dn_scoreboard_add(p->board, it, &x, e);
	if (rc == DN_EX_DATAERR)
		dn_error_subject(e, "column", "balance");
	return rc;
}

/* Once per currency scored against the plain cap of another currency. */
static void warn_uncapped(dn_run *r, const dn_priority *const *rows, size_t n)
{
	char cur[64][4];
	size_t i, m = dn_priority_uncapped(rows, n, cur, 64);

	for (i = 0; i < m; i++)
		dn_run_say(r, "%s: scored against the plain cap_overdue, read in %s "
			   "(set cap_overdue_%c%c%c in [score] for its own cap)",
			   cur[i], cur[i], cur[i][0] | 0x20, cur[i][1] | 0x20, cur[i][2] | 0x20);
}

static int write_rows(dn_run *r, struct prio *p)
{
	const dn_priority *const *rows;
	int table = p->o.format == DN_OUT_TABLE, rc;
	dn_out *o;
	size_t n, i;

	if (dn_scoreboard_rank(p->board, &rows, &n, &r->e) != 0)
		return r->e.status;
	warn_uncapped(r, rows, n);
	if (p->o.top > 0 && (size_t)p->o.top < n)
		n = (size_t)p->o.top;
	if ((o = dn_out_new(stdout, p->o.format, r->cfg, r->common.excel_safe, &r->e)) == NULL)
		return r->e.status;
	dn_priority_declare(o, table);
	for (i = 0, rc = 0; i < n && rc == 0; i++)
		rc = dn_priority_put(o, &p->rules, rows[i], table, &r->e);
	if (rc == 0)
		rc = dn_out_close(o, 1, &r->e);
	dn_out_free(o);
	return rc;
}

static int setup(dn_run *r, struct prio *p)
{
	dn_journal_info info;

	if (dn_score_rules_load(&p->rules, r->cfg, &r->e) != 0 ||
	    dn_run_reads(r, p->o.journal, "the journal") != 0)
		return r->e.status;
	/* Inputs that cannot be opened (66) before bad data anywhere (65). */
	if (p->o.journal != NULL && dn_journal_check(p->o.journal, &r->e) != 0)
		return r->e.status;
	if (dn_run_open_items(r) != 0)
		return r->e.status;
	if (p->o.journal != NULL) {
		if (dn_journal_read(p->o.journal, r->cfg, r->common.as_of, &p->journal, &info,
				    &r->e) != 0)
			return r->e.status;
		dn_run_journal_notes(r, p->o.journal, &info);
	}
	if ((p->board = dn_scoreboard_new(&p->rules, p->journal, r->common.as_of)) == NULL)
		return dn_error_set(&r->e, DN_EX_SOFTWARE, "out of memory");
	return 0;
}

/* The one writer to stderr, handed to the run (libdunning never prints). */
static void say(const char *text)
{
	fputs(text, stderr);
}

static const dn_tool tool = {.name = "prioritize", .usage = usage, .spec = options};

int main(int argc, char **argv)
{
	struct prio p = {0};
	dn_run r;
	int rc = dn_run_start(&r, &tool, argc, argv, &p.o, say);

	if (rc <= 0)
		return rc == 0 ? 0 : dn_run_finish(&r, r.e.status);
	rc = setup(&r, &p);
	if (rc == 0)
		rc = dn_run_items(&r, on_item, &p);
	if (rc == 0)
		rc = write_rows(&r, &p);
	dn_scoreboard_free(p.board);
	dn_journal_free(p.journal);
	return dn_run_finish(&r, rc);
}
