/* remindrun.c - remind's set-up over the shared run, and --lint. */
#include "remindrun.h"

#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "outbox.h"
#include "pattern.h"

static void on_finding(void *ctx, const char *file, long line, const char *msg, int warning)
{
	(void)warning;
	if (line > 0)
		dn_run_say(ctx, "%s:%ld: %s", file, line, msg);
	else
		dn_run_say(ctx, "%s: %s", file, msg);
}

int dn_remind_lint(dn_run *r, const dn_remind_rules *rules)
{
	dn_patterns *tone = dn_tone_load(r->cfg, &r->e);
	long findings, warnings;
	int rc;

	if (tone == NULL)
		return r->e.status;
	rc = dn_lint_run(rules, tone, on_finding, r, &findings, &warnings, &r->e);
	dn_patterns_free(tone);
	if (rc != 0)
		return rc;
	if (findings > 0)
		return dn_error_set(&r->e, DN_EX_DATAERR, "%ld tone finding%s", findings,
				    findings == 1 ? "" : "s");
	return 0;
}

static int read_journal(dn_run *r, dn_remind_state *s, const char *journal)
{
	dn_journal_info info;

	if ((s->history = dn_jhistory_new(r->common.as_of)) == NULL)
		return dn_error_set(&r->e, DN_EX_SOFTWARE, "out of memory");
	if (journal == NULL)
		return 0; /* no history */
	if (dn_journal_read_each(journal, r->cfg, r->common.as_of, &s->journal, &info,
				 dn_jhistory_on_event, s->history, &r->e) != 0)
		return r->e.status;
	dn_run_journal_notes(r, journal, &info);
	return 0;
}

/* Every template is read by the run: a --rejects naming one is refused. */
static int declare_reads(dn_run *r, const dn_remind_rules *rules, const char *journal)
{
	int k, i;

	if (dn_run_reads(r, journal, "the journal") != 0)
		return r->e.status;
	for (k = 0; rules->tpl != NULL && k < rules->levels.n; k++)
		for (i = 0; i < 3; i++)
			if (rules->tpl[k][i] != NULL &&
			    dn_run_reads(r, dn_template_name(rules->tpl[k][i]), "a template") != 0)
				return r->e.status;
	return 0;
}

int dn_remind_setup(dn_run *r, dn_remind_state *s, const char *journal, int lint, int mbox)
{
	if (dn_remind_rules_load(&s->rules, r->cfg, &r->e) != 0 ||
	    declare_reads(r, &s->rules, journal) != 0)
		return r->e.status;
	if (lint)
		return 0;
	if (s->rules.levels.n == 0)
		dn_run_say(r, "%s: no [level N] section: no reminder is ever due",
			   dn_config_file(r->cfg) ? dn_config_file(r->cfg) : "built-in defaults");
	if (mbox && dn_outbox_mail_date(getenv("SOURCE_DATE_EPOCH"), &s->mail_date, &r->e) != 0)
		return r->e.status;
	/* Inputs that cannot be opened (66) before bad data anywhere (65). */
	if (journal != NULL && dn_journal_check(journal, &r->e) != 0)
		return r->e.status;
	if (dn_run_open_items(r) != 0 || read_journal(r, s, journal) != 0)
		return r->e.status;
	s->board = dn_remind_board_new(&s->rules, s->journal, s->history, r->common.as_of);
	if (s->board == NULL)
		return dn_error_set(&r->e, DN_EX_SOFTWARE, "out of memory");
	return 0;
}

void dn_remind_state_free(dn_remind_state *s)
{
	dn_remind_board_free(s->board);
	dn_jhistory_free(s->history);
	dn_journal_free(s->journal);
	dn_remind_rules_free(&s->rules);
	memset(s, 0, sizeof *s); /* freed twice is then a no-op */
}
