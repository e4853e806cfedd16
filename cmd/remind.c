/* remind - the right message, at the right level, at the right pace.
 *
 * Loads the levels and every template first (a bad one stops the run
 * before any output), reads the journal (when given), streams the items
 * into one record per customer and currency, decides each (libdunning
 * remind.c) and writes the messages as CSV, mbox or text.  Held customers
 * are named on stderr with their reason; --explain names every decision.
 * The set-up and --lint are libdunning's (remindrun.h).
 */
#include <stdio.h>
#include <string.h>

#include "dunning.h"

/* The --format choices, in the order of dn_outbox_format. */
enum fmt { FMT_CSV = DN_OUTBOX_CSV, FMT_MBOX = DN_OUTBOX_MBOX, FMT_TEXT = DN_OUTBOX_TEXT };

struct remind_opts {
	const char *journal;
	enum fmt format;
	int explain, lint;
};

static const char usage[] =
	"usage: remind [options] [FILE ...]\n"
	"Write the reminders due at as-of (items CSV on stdin or FILEs).\n";

static const dn_optspec options[] = {
	DN_TEXT("journal", 0, DN_OPT_FILE, struct remind_opts, journal, "FILE",
		"the history: levels reached, contacts, promises, holds"),
	DN_PICK("format", struct remind_opts, format, "csv|mbox|text", FMT_CSV, "F",
		"csv (default), mbox or text"),
	DN_FLAG("explain", 0, struct remind_opts, explain,
		"say on stderr what was decided for every customer"),
	DN_FLAG("lint", 0, struct remind_opts, lint,
		"check the templates (placeholders, tone, SMS length) and exit"),
	DN_END,
};

struct rem {
	struct remind_opts o;
	dn_remind_state st;
};

/* ---- input ---- */

static int on_item(dn_run *r, void *ctx, const dn_row *row, const dn_item *it, dn_error *e)
{
	struct rem *m = ctx;
	const char *c = NULL, *cur = NULL;
	size_t clen = 0, curlen = 0;
	dn_item_extra x;

	/* A later row's customer, already read: its group into cache (a hint). */
	if (!dn_run_peek(r, DN_REMIND_PREFETCH_AHEAD, r->schema.col[DN_COL_CUSTOMER], &c, &clen,
			 &cur, &curlen))
		c = NULL;
	dn_remind_prefetch(m->st.board, c, clen, cur, curlen);

	if (dn_item_extra_read(&r->schema, row, it, &x, e) != 0)
		return DN_EX_DATAERR;
	return dn_remind_add(m->st.board, &r->schema, row, it, &x, e);
}

/* ---- output ---- */

static void say_decision(dn_run *r, const dn_remind_outcome *q)
{
	char why[512];

	dn_remind_explain(q, why, sizeof why);
	dn_run_say(r, "%.*s %s: %s", (int)q->customer_len, q->customer, q->currency, why);
}

static int write_output(dn_run *r, struct rem *rm)
{
	const dn_remind_outcome *q;
	dn_outbox *box;
	dn_message m;
	long held = 0, not_mail = 0;
	int rc = dn_remind_decide(rm->st.board, &r->e);

	if (rc != 0)
		return rc;
	memset(&m, 0, sizeof m);
	box = dn_outbox_new(stdout, (dn_outbox_format)rm->o.format, r->cfg, r->common.excel_safe,
			    r->common.as_of, rm->st.rules.sender, rm->st.mail_date, &r->e);
	if (box == NULL)
		return r->e.status;
	while (rc == 0 && (rc = dn_remind_next(rm->st.board, &q, &r->e)) == 0 && q != NULL) {
		if (q->kind == DN_REMIND_HELD)
			held++;
		if (q->kind == DN_REMIND_HELD || rm->o.explain)
			say_decision(r, q);
		if (q->kind != DN_REMIND_SEND)
			continue;
		if ((rc = dn_remind_render(rm->st.board, q, &m, &r->e)) == 0 &&
		    (rc = dn_outbox_put(box, q, &m, &r->e)) == 1) {
			not_mail++;
			rc = 0;
		}
	}
	if (dn_outbox_close(box, rc == 0, &r->e) != 0 && rc == 0)
		rc = r->e.status;
	dn_message_free(&m);
	if (held > 0)
		dn_run_say(r, "%ld customer%s held", held, held == 1 ? "" : "s");
	if (not_mail > 0)
		dn_run_say(r,
			   "%ld message%s not in the mbox (channel sms, letter or call): "
			   "use --format csv or text for them",
			   not_mail, not_mail == 1 ? "" : "s");
	return rc;
}

/* The one writer to stderr, handed to the run (libdunning never prints). */
static void say(const char *text)
{
	fputs(text, stderr);
}

static const dn_tool tool = {.name = "remind", .usage = usage, .spec = options};

int main(int argc, char **argv)
{
	struct rem m = {0};
	dn_run r;
	int rc = dn_run_start(&r, &tool, argc, argv, &m.o, say);

	if (rc <= 0)
		return rc == 0 ? 0 : dn_run_finish(&r, r.e.status);
	rc = dn_remind_setup(&r, &m.st, m.o.journal, m.o.lint, m.o.format == FMT_MBOX);
	if (rc == 0 && m.o.lint)
		rc = dn_remind_lint(&r, &m.st.rules);
	else if (rc == 0 && (rc = dn_run_items(&r, on_item, &m)) == 0)
		rc = write_output(&r, &m);
	dn_remind_state_free(&m.st);
	return dn_run_finish(&r, rc);
}
