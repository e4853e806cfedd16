/* remind - the right message, at the right level, at the right pace.
 *
 * Loads the levels and every template first (a bad one stops the run
 * before any output), reads the journal (when given), streams the items
 * into one record per customer and currency, decides each (libdunning
 * remind.c) and writes the messages as CSV, mbox or text.  Held customers
 * are named on stderr with their reason; --explain names every decision.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dunning.h"

enum fmt { FMT_CSV, FMT_MBOX, FMT_TEXT };

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
	dn_remind_rules rules;
	dn_journal *journal;
	dn_jhistory *history;
	dn_remind_board *board;
	long long mail_date;
};

/* ---- --lint ---- */

static void on_finding(void *ctx, const char *file, long line, const char *msg, int warning)
{
	(void)warning;
	if (line > 0)
		dn_run_say(ctx, "%s:%ld: %s", file, line, msg);
	else
		dn_run_say(ctx, "%s: %s", file, msg);
}

static int lint(dn_run *r, struct rem *m)
{
	dn_patterns *tone = dn_tone_load(r->cfg, &r->e);
	long findings, warnings;
	int rc;

	if (tone == NULL)
		return r->e.status;
	rc = dn_lint_run(&m->rules, tone, on_finding, r, &findings, &warnings, &r->e);
	dn_patterns_free(tone);
	if (rc != 0)
		return rc;
	if (findings > 0)
		return dn_error_set(&r->e, DN_EX_DATAERR, "%ld tone finding%s", findings,
				    findings == 1 ? "" : "s");
	return 0;
}

/* ---- input ---- */

static int on_item(dn_run *r, void *ctx, const dn_row *row, const dn_item *it, dn_error *e)
{
	struct rem *m = ctx;
	dn_item_extra x;

	if (dn_item_extra_read(&r->schema, row, it, &x, e) != 0)
		return DN_EX_DATAERR;
	return dn_remind_add(m->board, &r->schema, row, it, &x, e);
}

/* ---- output ---- */

enum { C_DATE, C_CUST, C_CUR, C_LEVEL, C_LNAME, C_CHANNEL, C_TO, C_SUBJECT, C_BODY, C_OVERDUE,
       C_FEE, C_INTEREST, C_INVOICES, C_REF, C_COUNT };

static void declare(dn_out *o)
{
	static const struct {
		const char *name;
		dn_cell type;
	} cols[C_COUNT] = {
		{"date", DN_CELL_DATE},       {"customer", DN_CELL_TEXT}, {"currency", DN_CELL_TEXT},
		{"level", DN_CELL_INT},       {"level_name", DN_CELL_TEXT}, {"channel", DN_CELL_TEXT},
		{"to", DN_CELL_TEXT},         {"subject", DN_CELL_TEXT},  {"body", DN_CELL_TEXT},
		{"overdue", DN_CELL_MONEY},   {"fee", DN_CELL_MONEY},     {"interest", DN_CELL_MONEY},
		{"invoices", DN_CELL_TEXT},   {"ref", DN_CELL_TEXT},
	};
	size_t k;

	for (k = 0; k < C_COUNT; k++)
		dn_out_col(o, cols[k].name, cols[k].type);
	dn_out_header(o);
}

static int put_row(dn_run *r, dn_out *o, const dn_remind_outcome *q, const dn_message *m)
{
	dn_out_date(o, C_DATE, r->common.as_of);
	dn_out_text(o, C_CUST, q->customer, q->customer_len);
	dn_out_str(o, C_CUR, q->currency);
	dn_out_int(o, C_LEVEL, q->decision.level);
	dn_out_str(o, C_LNAME, q->level->name);
	dn_out_str(o, C_CHANNEL, q->level->channel);
	dn_out_text(o, C_TO, q->to, q->to_len);
	dn_out_text(o, C_SUBJECT, m->subject.s, m->subject.len);
	dn_out_text(o, C_BODY, m->body.s, m->body.len);
	dn_out_money(o, C_OVERDUE, q->overdue, q->decimals);
	dn_out_money(o, C_FEE, q->fee, q->decimals);
	dn_out_money(o, C_INTEREST, q->interest, q->decimals);
	dn_out_text(o, C_INVOICES, m->invoices.s, m->invoices.len);
	dn_out_str(o, C_REF, q->ref);
	return dn_out_row(o, NULL, &r->e);
}

static void write_text_page(const dn_remind_outcome *q, const dn_message *m, int first)
{
	if (!first)
		fputs("\f", stdout);
	printf("Customer: %.*s (%s)\nLevel: %d (%s), %s\nTo: %.*s\n", (int)q->customer_len,
	       q->customer, q->currency, q->decision.level, q->level->name, q->level->channel,
	       (int)q->to_len, q->to);
	if (m->subject.len > 0)
		printf("Subject: %s\n", m->subject.s);
	printf("Invoices: %s\nRef: %s\n\n", m->invoices.s, q->ref);
	fwrite(m->body.s, 1, m->body.len, stdout);
	if (m->body.len == 0 || m->body.s[m->body.len - 1] != '\n')
		putchar('\n');
}

static int write_mail(const struct rem *rm, const dn_remind_outcome *q, const dn_message *m,
		      dn_text *buf)
{
	dn_mail mail;

	memset(&mail, 0, sizeof mail);
	mail.from = rm->rules.sender;
	mail.to = q->to;
	mail.to_len = q->to_len;
	mail.subject = m->subject.s;
	mail.subject_len = m->subject.len;
	mail.body = m->body.s;
	mail.body_len = m->body.len;
	mail.ref = q->ref;
	mail.date = rm->mail_date;
	dn_text_clear(buf);
	if (dn_mail_write(buf, &mail) != 0)
		return DN_EX_SOFTWARE;
	fwrite(buf->s, 1, buf->len, stdout);
	return 0;
}

static void say_decision(dn_run *r, const dn_remind_outcome *q)
{
	char why[512];

	dn_remind_explain(q, why, sizeof why);
	dn_run_say(r, "%.*s %s: %s", (int)q->customer_len, q->customer, q->currency, why);
}

static int write_output(dn_run *r, struct rem *rm)
{
	const dn_remind_outcome *const *rows;
	dn_out *o = NULL;
	dn_message m;
	dn_text mail = {0};
	size_t n, i;
	long held = 0, sent = 0, not_mail = 0;
	int rc = dn_remind_decide(rm->board, &rows, &n, &r->e);

	if (rc != 0)
		return rc;
	memset(&m, 0, sizeof m);
	if (rm->o.format == FMT_CSV) {
		o = dn_out_new(stdout, DN_OUT_CSV, r->cfg, r->common.excel_safe, &r->e);
		if (o == NULL)
			return r->e.status;
		declare(o);
	}
	for (i = 0; i < n && rc == 0; i++) {
		const dn_remind_outcome *q = rows[i];
		if (q->kind == DN_REMIND_HELD) {
			held++;
			say_decision(r, q);
			continue;
		}
		if (rm->o.explain)
			say_decision(r, q);
		if (q->kind != DN_REMIND_SEND)
			continue;
		if ((rc = dn_remind_render(rm->board, q, &m, &r->e)) != 0)
			break;
		switch (rm->o.format) {
		case FMT_CSV:
			rc = put_row(r, o, q, &m);
			break;
		case FMT_TEXT:
			write_text_page(q, &m, sent == 0);
			break;
		case FMT_MBOX:
			if (strcmp(q->level->channel, "email") != 0) {
				not_mail++;
				continue;
			}
			if (write_mail(rm, q, &m, &mail) != 0)
				rc = dn_error_set(&r->e, DN_EX_SOFTWARE, "out of memory");
			break;
		}
		sent++;
	}
	if (o != NULL) {
		if (rc == 0)
			rc = dn_out_close(o, 1, &r->e);
		dn_out_free(o);
	}
	dn_message_free(&m);
	dn_text_free(&mail);
	if (held > 0)
		dn_run_say(r, "%ld customer%s held", held, held == 1 ? "" : "s");
	if (not_mail > 0)
		dn_run_say(r,
			   "%ld message%s not in the mbox (channel sms, letter or call): "
			   "use --format csv or text for them",
			   not_mail, not_mail == 1 ? "" : "s");
	return rc;
}

/* ---- set-up ---- */

static int mail_date(dn_run *r, struct rem *m)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (m->o.format != FMT_MBOX)
		return 0;
	if (s == NULL || s[0] == '\0') {
		m->mail_date = (long long)time(NULL);
		return 0;
	}
	v = strtoll(s, &end, 10);
	if (*end != '\0' || v < 0 || s[0] < '0' || s[0] > '9') {
		dn_error_set(&r->e, DN_EX_USAGE, "SOURCE_DATE_EPOCH: not a number of seconds");
		dn_error_value(&r->e, s, strlen(s));
		return DN_EX_USAGE;
	}
	m->mail_date = v;
	return 0;
}

static int read_journal(dn_run *r, struct rem *m)
{
	dn_journal_info info;

	if ((m->history = dn_jhistory_new(r->common.as_of)) == NULL)
		return dn_error_set(&r->e, DN_EX_SOFTWARE, "out of memory");
	if (m->o.journal == NULL)
		return 0; /* no history */
	if (dn_journal_read(m->o.journal, r->cfg, r->common.as_of, &m->journal, &info, &r->e) !=
	    0)
		return r->e.status;
	if (info.missing)
		dn_run_say(r, "%s: no journal yet: no history used", m->o.journal);
	if (info.unterminated_line > 0)
		dn_run_say(r, "%s:%ld: unterminated last line ignored", m->o.journal,
			   info.unterminated_line);
	return dn_jhistory_read(m->history, m->o.journal, r->cfg, info.unterminated_line, &r->e);
}

/* Every template is read by the run: a --rejects naming one is refused. */
static int declare_reads(dn_run *r, struct rem *m)
{
	int k, i;

	if (dn_run_reads(r, m->o.journal, "the journal") != 0)
		return r->e.status;
	for (k = 0; m->rules.tpl != NULL && k < m->rules.levels.n; k++)
		for (i = 0; i < 3; i++)
			if (m->rules.tpl[k][i] != NULL &&
			    dn_run_reads(r, dn_template_name(m->rules.tpl[k][i]), "a template") != 0)
				return r->e.status;
	return 0;
}

static int setup(dn_run *r, struct rem *m)
{
	if (dn_remind_rules_load(&m->rules, r->cfg, &r->e) != 0 || declare_reads(r, m) != 0)
		return r->e.status;
	if (m->o.lint)
		return 0;
	if (m->rules.levels.n == 0)
		dn_run_say(r, "%s: no [level N] section: no reminder is ever due",
			   dn_config_file(r->cfg) ? dn_config_file(r->cfg) : "built-in defaults");
	if (mail_date(r, m) != 0)
		return r->e.status;
	/* Inputs that cannot be opened (66) before bad data anywhere (65). */
	if (m->o.journal != NULL && dn_journal_check(m->o.journal, &r->e) != 0)
		return r->e.status;
	if (dn_run_open_items(r) != 0 || read_journal(r, m) != 0)
		return r->e.status;
	m->board = dn_remind_board_new(&m->rules, m->journal, m->history, r->common.as_of);
	if (m->board == NULL)
		return dn_error_set(&r->e, DN_EX_SOFTWARE, "out of memory");
	return 0;
}

static void say(const char *text)
{
	fputs(text, stderr);
}

static const dn_tool tool = {.name = "remind", .usage = usage, .spec = options, .late_as_of = 1};

int main(int argc, char **argv)
{
	struct rem m;
	dn_run r;
	int rc;

	memset(&m, 0, sizeof m);
	rc = dn_run_start(&r, &tool, argc, argv, &m.o, say);
	if (rc <= 0)
		return rc == 0 ? 0 : dn_run_finish(&r, r.e.status);
	rc = setup(&r, &m);
	if (rc == 0 && m.o.lint)
		rc = lint(&r, &m);
	else if (rc == 0 && (rc = dn_run_items(&r, on_item, &m)) == 0)
		rc = write_output(&r, &m);
	dn_remind_board_free(m.board);
	dn_jhistory_free(m.history);
	dn_journal_free(m.journal);
	dn_remind_rules_free(&m.rules);
	return dn_run_finish(&r, rc);
}
