/* remind - the right message, at the right level, at the right pace.
 *
 * Loads the levels and every template first (a bad one stops the run
 * before any output), reads the journal (when given), streams the items
 * into one record per customer and currency, decides each (libdunning
 * remind.c) and writes the messages as CSV, mbox or text.  Held customers
 * are named on stderr with their reason; --explain names every decision.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dunning.h"

static const char usage[] =
	"usage: remind [options] [FILE ...]\n"
	"Write the reminders due at as-of (items CSV on stdin or FILEs).\n"
	"      --journal FILE  the history: levels reached, contacts, promises, holds\n"
	"      --format F      csv (default), mbox or text\n"
	"      --explain       say on stderr what was decided for every customer\n"
	"      --lint          check the templates (placeholders, tone, SMS length) and exit\n";

enum fmt { FMT_CSV, FMT_MBOX, FMT_TEXT };
enum { OPT_JOURNAL = 300, OPT_FORMAT, OPT_EXPLAIN, OPT_LINT };

struct remind_opts {
	const char *journal;
	enum fmt format;
	int explain, lint;
};

static const struct option long_opts[] = {
	{"journal", required_argument, NULL, OPT_JOURNAL},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"explain", no_argument, NULL, OPT_EXPLAIN},
	{"lint", no_argument, NULL, OPT_LINT},
	{NULL, 0, NULL, 0},
};

static int on_option(int code, const char *arg, void *ctx, dn_error *e)
{
	struct remind_opts *o = ctx;
	int k;

	switch (code) {
	case OPT_JOURNAL:
		if (strcmp(arg, "-") == 0)
			return dn_option_error(e, "--journal",
					       "the journal is a file (it is read more than once), "
					       "not standard input",
					       NULL);
		o->journal = arg;
		return 0;
	case OPT_FORMAT:
		if ((k = dn_option_pick("--format", arg, "csv|mbox|text", e)) < 0)
			return DN_EX_USAGE;
		o->format = (enum fmt)k;
		return 0;
	case OPT_EXPLAIN:
		o->explain = 1;
		return 0;
	case OPT_LINT:
		o->lint = 1;
		return 0;
	default:
		return -1;
	}
}

struct run {
	struct remind_opts o;
	dn_common common;
	dn_config *cfg;
	dn_remind_rules rules;
	dn_journal *journal;
	dn_jhistory *history;
	dn_csv_reader *rd;
	dn_item_schema schema;
	dn_rejects *rej;
	dn_remind_board *board;
	long long mail_date;
};

static int report(const dn_error *e)
{
	char buf[1280];

	fputs(dn_diagnostic("remind", e, buf, sizeof buf), stderr);
	return e->status;
}

/* ---- --lint ---- */

static void on_finding(void *ctx, const char *file, long line, const char *msg, int warning)
{
	(void)ctx;
	(void)warning;
	if (line > 0)
		fprintf(stderr, "remind: %s:%ld: %s\n", file, line, msg);
	else
		fprintf(stderr, "remind: %s: %s\n", file, msg);
}

static int lint(struct run *r, dn_error *e)
{
	dn_patterns *tone = dn_tone_load(r->cfg, e);
	long findings, warnings;
	int rc;

	if (tone == NULL)
		return e->status;
	rc = dn_lint_run(&r->rules, tone, on_finding, NULL, &findings, &warnings, e);
	dn_patterns_free(tone);
	if (rc != 0)
		return rc;
	if (findings > 0)
		fprintf(stderr, "remind: %ld tone finding%s\n", findings, findings == 1 ? "" : "s");
	return findings > 0 ? DN_EX_DATAERR : 0;
}

/* ---- input ---- */

static int read_items(struct run *r, dn_error *e)
{
	dn_item_extra x;
	dn_row row;
	dn_item it;
	int rc;

	while ((rc = dn_next_row(r->rd, r->rej, &row, e)) == 1) {
		if (dn_item_read(&r->schema, &row, &it, e) != 0 ||
		    dn_item_extra_read(&r->schema, &row, &it, &x, e) != 0) {
			if (dn_reject(r->rej, &row, e) != 0)
				return e->status;
			continue;
		}
		rc = dn_remind_add(r->board, &r->schema, &row, &it, &x, e);
		if (rc == DN_EX_DATAERR) {
			if (dn_reject(r->rej, &row, e) != 0)
				return rc;
		} else if (rc != 0) {
			return rc;
		}
	}
	return rc < 0 ? e->status : 0;
}

/* ---- output ---- */

static const char *const columns[] = {"date",    "customer", "currency", "level", "level_name",
				      "channel", "to",       "subject",  "body",  "overdue",
				      "fee",     "interest", "invoices", "ref"};

static void put_money(dn_csv_writer *w, int64_t v, int decimals)
{
	char buf[DN_MONEY_BUFSZ];

	dn_money_format(v, decimals, buf);
	dn_csv_put_str(w, buf);
}

static void write_csv_row(struct run *r, dn_csv_writer *w, const dn_remind_outcome *o,
			  const dn_message *m)
{
	char date[11], level[24];

	dn_date_format(r->common.as_of, date);
	snprintf(level, sizeof level, "%d", o->decision.level);
	dn_csv_put_str(w, date);
	dn_csv_put(w, o->customer, o->customer_len);
	dn_csv_put_str(w, o->currency);
	dn_csv_put_str(w, level);
	dn_csv_put_str(w, o->level->name);
	dn_csv_put_str(w, o->level->channel);
	dn_csv_put(w, o->to, o->to_len);
	dn_csv_put(w, m->subject.s, m->subject.len);
	dn_csv_put(w, m->body.s, m->body.len);
	put_money(w, o->overdue, o->decimals);
	put_money(w, o->fee, o->decimals);
	put_money(w, o->interest, o->decimals);
	dn_csv_put(w, m->invoices.s, m->invoices.len);
	dn_csv_put_str(w, o->ref);
	dn_csv_end_row(w);
}

static void write_text_page(const dn_remind_outcome *o, const dn_message *m, int first)
{
	if (!first)
		fputs("\f", stdout);
	printf("Customer: %.*s (%s)\nLevel: %d (%s), %s\nTo: %.*s\n", (int)o->customer_len,
	       o->customer, o->currency, o->decision.level, o->level->name, o->level->channel,
	       (int)o->to_len, o->to);
	if (m->subject.len > 0)
		printf("Subject: %s\n", m->subject.s);
	printf("Invoices: %s\nRef: %s\n\n", m->invoices.s, o->ref);
	fwrite(m->body.s, 1, m->body.len, stdout);
	if (m->body.len == 0 || m->body.s[m->body.len - 1] != '\n')
		putchar('\n');
}

static int write_mail(struct run *r, const dn_remind_outcome *o, const dn_message *m,
		      dn_text *buf)
{
	dn_mail mail;

	memset(&mail, 0, sizeof mail);
	mail.from = r->rules.sender;
	mail.to = o->to;
	mail.to_len = o->to_len;
	mail.subject = m->subject.s;
	mail.subject_len = m->subject.len;
	mail.body = m->body.s;
	mail.body_len = m->body.len;
	mail.ref = o->ref;
	mail.date = r->mail_date;
	dn_text_clear(buf);
	if (dn_mail_write(buf, &mail) != 0)
		return DN_EX_SOFTWARE;
	fwrite(buf->s, 1, buf->len, stdout);
	return 0;
}

static void say(const dn_remind_outcome *o)
{
	char why[512];

	dn_remind_explain(o, why, sizeof why);
	fprintf(stderr, "remind: %.*s %s: %s\n", (int)o->customer_len, o->customer, o->currency,
		why);
}

static int write_output(struct run *r, dn_error *e)
{
	const dn_remind_outcome *const *rows;
	dn_csv_writer *w = NULL;
	dn_message m;
	dn_text mail = {0};
	size_t n, i, k;
	long held = 0, sent = 0, not_mail = 0;
	int rc = dn_remind_decide(r->board, &rows, &n, e);

	if (rc != 0)
		return rc;
	memset(&m, 0, sizeof m);
	if (r->o.format == FMT_CSV) {
		w = dn_csv_writer_new(stdout, dn_config_input(r->cfg)->delimiter, r->common.excel_safe);
		if (w == NULL)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		for (k = 0; k < sizeof columns / sizeof columns[0]; k++)
			dn_csv_put_str(w, columns[k]);
		dn_csv_end_row(w);
	}
	for (i = 0; i < n && rc == 0; i++) {
		const dn_remind_outcome *o = rows[i];
		if (o->kind == DN_REMIND_HELD) {
			held++;
			say(o);
			continue;
		}
		if (r->o.explain)
			say(o);
		if (o->kind != DN_REMIND_SEND)
			continue;
		if ((rc = dn_remind_render(r->board, o, &m, e)) != 0)
			break;
		switch (r->o.format) {
		case FMT_CSV:
			write_csv_row(r, w, o, &m);
			break;
		case FMT_TEXT:
			write_text_page(o, &m, sent == 0);
			break;
		case FMT_MBOX:
			if (strcmp(o->level->channel, "email") != 0) {
				not_mail++;
				continue;
			}
			if (write_mail(r, o, &m, &mail) != 0)
				rc = dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
			break;
		}
		sent++;
	}
	if (w != NULL) {
		dn_csv_flush(w);
		dn_csv_writer_free(w);
	}
	dn_message_free(&m);
	dn_text_free(&mail);
	if (held > 0)
		fprintf(stderr, "remind: %ld customer%s held\n", held, held == 1 ? "" : "s");
	if (not_mail > 0)
		fprintf(stderr,
			"remind: %ld message%s not in the mbox (channel sms, letter or call): "
			"use --format csv or text for them\n",
			not_mail, not_mail == 1 ? "" : "s");
	return rc;
}

/* ---- set-up ---- */

static int mail_date(struct run *r, dn_error *e)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (r->o.format != FMT_MBOX)
		return 0;
	if (s == NULL || s[0] == '\0') {
		r->mail_date = (long long)time(NULL);
		return 0;
	}
	v = strtoll(s, &end, 10);
	if (*end != '\0' || v < 0 || s[0] < '0' || s[0] > '9') {
		dn_error_set(e, DN_EX_USAGE, "SOURCE_DATE_EPOCH: not a number of seconds");
		dn_error_value(e, s, strlen(s));
		return DN_EX_USAGE;
	}
	r->mail_date = v;
	return 0;
}

static int read_journal(struct run *r, dn_error *e)
{
	dn_journal_info info;
	int rc;

	if ((r->history = dn_jhistory_new(r->common.as_of)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if (r->o.journal == NULL)
		return 0; /* no history */
	rc = dn_journal_read(r->o.journal, r->cfg, r->common.as_of, &r->journal, &info, e);
	if (rc != 0)
		return rc;
	if (info.missing)
		fprintf(stderr, "remind: %s: no journal yet: no history used\n", r->o.journal);
	if (info.unterminated_line > 0)
		fprintf(stderr, "remind: %s:%ld: unterminated last line ignored\n", r->o.journal,
			info.unterminated_line);
	return dn_jhistory_read(r->history, r->o.journal, r->cfg, info.unterminated_line, e);
}

static int setup(struct run *r, int argc, char **argv, int first, dn_error *e)
{
	if ((r->cfg = dn_config_load(r->common.config, e)) == NULL ||
	    dn_remind_rules_load(&r->rules, r->cfg, e) != 0)
		return e->status;
	if (r->o.lint)
		return 0;
	if (r->common.rejects != NULL &&
	    dn_remind_reads(&r->rules, r->o.journal, r->common.rejects)) {
		dn_error_set(e, DN_EX_USAGE,
			     "the rejects file is read by the run (configuration, journal or "
			     "template): it would be destroyed");
		dn_error_subject(e, "option", "--rejects");
		dn_error_value(e, r->common.rejects, strlen(r->common.rejects));
		return DN_EX_USAGE;
	}
	if (r->rules.levels.n == 0)
		fprintf(stderr, "remind: %s: no [level N] section: no reminder is ever due\n",
			dn_config_file(r->cfg) ? dn_config_file(r->cfg) : "built-in defaults");
	if (mail_date(r, e) != 0)
		return e->status;
	if (r->o.journal != NULL && dn_journal_check(r->o.journal, e) != 0)
		return e->status;
	r->rd = dn_csv_reader_new((const char *const *)argv + first, (size_t)(argc - first),
				  dn_config_input(r->cfg)->delimiter, e);
	if (r->rd == NULL || dn_item_schema_init(&r->schema, r->rd, r->cfg, e) != 0)
		return e->status;
	r->schema.as_of = r->common.as_of;
	if (read_journal(r, e) != 0)
		return e->status;
	r->board = dn_remind_board_new(&r->rules, r->journal, r->history, r->common.as_of);
	if (r->board == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if (r->common.rejects != NULL &&
	    (r->rej = dn_rejects_open(r->common.rejects, r->rd, e)) == NULL)
		return e->status;
	return 0;
}

static const dn_tool tool = {"remind", usage, long_opts, "", on_option};

int main(int argc, char **argv)
{
	struct run r;
	dn_error e;
	int first, rc;

	memset(&r, 0, sizeof r);
	dn_error_clear(&e);
	first = dn_options_start(&tool, argc, argv, &r.o, &r.common, &e);
	if (first <= 0)
		return first == 0 ? 0 : report(&e);
	rc = setup(&r, argc, argv, first, &e);
	if (rc == 0 && r.o.lint) {
		rc = lint(&r, &e);
		if (rc != 0 && rc != DN_EX_DATAERR)
			report(&e);
		goto done;
	}
	if (rc == 0)
		rc = read_items(&r, &e);
	if (rc == 0)
		rc = write_output(&r, &e);
	if (rc != 0)
		report(&e);
	rc = dn_finish_run(r.rej, rc, report);
done:
	dn_remind_board_free(r.board);
	dn_jhistory_free(r.history);
	dn_journal_free(r.journal);
	dn_csv_reader_free(r.rd);
	dn_remind_rules_free(&r.rules);
	dn_config_free(r.cfg);
	return rc;
}
