/* remindrun.h - remind's set-up over the shared run (tool.h), and --lint.
 *
 * The order is SPEC's order of exit statuses: the levels and every
 * template are loaded first (a bad one, 78, stops the run before any
 * output), and declared as read with the journal (a --rejects naming one
 * is 64); then the journal is checked (66) before the items are opened,
 * and read (65) into the history of levels reached.
 */
#ifndef DN_REMINDRUN_H
#define DN_REMINDRUN_H

#include "jhistory.h"
#include "journal.h"
#include "remind.h"
#include "tool.h"

/* What remind holds beside the shared run. */
typedef struct dn_remind_state {
	dn_remind_rules rules;
	dn_journal *journal;     /* NULL without --journal */
	dn_jhistory *history;    /* empty without --journal */
	dn_remind_board *board;  /* borrows the three above */
	long long mail_date;     /* the Date of mails (mbox) */
} dn_remind_state;

/* Set s (zeroed by the caller) up for run r: load the rules and
 * templates, declare them and journal (NULL: none) read; unless lint, note
 * on stderr a configuration without levels, read $SOURCE_DATE_EPOCH for
 * mbox, open the items, read the journal and make the board.  0, or a
 * status with r->e filled.  Free s with dn_remind_state_free. */
int dn_remind_setup(dn_run *r, dn_remind_state *s, const char *journal, int lint, int mbox);

/* Free what s holds (not s) and zero it: a zeroed one is fine, and so is
 * a second call. */
void dn_remind_state_free(dn_remind_state *s);

/* --lint: every template of rules checked with the [tone] rules, each
 * finding a line on stderr ("FILE:LINE: message").  0, DN_EX_DATAERR with
 * r->e saying "N tone findings" (SMS warnings alone are not an error), or
 * another status with r->e filled. */
int dn_remind_lint(dn_run *r, const dn_remind_rules *rules);

#endif
