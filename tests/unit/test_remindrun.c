/* test_remindrun.c - remind's set-up over the shared run: templates are
 * files the run reads, a missing journal is a note, --lint counts tone
 * findings (libdunning/remindrun.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dunning.h"
#include "scratch.h"
#include "unit.h"

static const dn_tool tool = {.name = "remind", .usage = "usage: remind\n"};

#define HEADER "customer,invoice,issue_date,due_date,amount\n"

static char said[1024];

static void say(const char *text)
{
	snprintf(said + strlen(said), sizeof said - strlen(said), "%s", text);
}

/* Start a run over argv (NULL-terminated). */
static int start(dn_run *r, const char **argv)
{
	int argc = 0;

	said[0] = '\0';
	while (argv[argc] != NULL)
		argc++;
	return dn_run_start(r, &tool, argc, (char **)argv, NULL, say);
}

static const char *ini_with(const char *name, const char *tpl)
{
	char ini[512];

	snprintf(ini, sizeof ini, "[level 1]\nafter_days = 1\nchannel = email\ntemplate = %s\n",
		 scratch_put_str("l1.txt", tpl));
	return scratch_put_str(name, ini);
}

static void test_template_is_read(void)
{
	const char *ini = ini_with("r1.ini", "Subject: Reminder {{customer}}\n"
					     "Please pay {{overdue}}.\n");
	const char *items = scratch_put_str("i.csv", HEADER);
	dn_remind_state s;
	dn_run r;

	/* --rejects naming the template: a usage error, before any input is opened. */
	const char *a1[] = {"remind", "-c", ini, "--rejects", scratch_path("l1.txt"), items, NULL};
	memset(&s, 0, sizeof s);
	CHECK(start(&r, a1) == 1);
	CHECK(dn_remind_setup(&r, &s, NULL, 0, 0) == DN_EX_USAGE);
	CHECK(strstr(r.e.message, "a template") != NULL);
	CHECK(r.rd == NULL && s.board == NULL);
	dn_remind_state_free(&s);
	dn_config_free(r.cfg);
	/* A journal not there yet: said, and the board is made without history. */
	const char *a2[] = {"remind", "-c", ini, items, NULL};
	memset(&s, 0, sizeof s);
	CHECK(start(&r, a2) == 1);
	CHECK(dn_remind_setup(&r, &s, scratch_path("nothere.csv"), 0, 0) == 0);
	CHECK(strstr(said, "no journal yet") != NULL);
	CHECK(s.board != NULL && s.history != NULL);
	CHECK(s.rules.levels.n == 1);
	dn_remind_state_free(&s);
	CHECK(s.board == NULL);
	dn_csv_reader_free(r.rd);
	dn_config_free(r.cfg);
}

static void test_no_levels_and_epoch(void)
{
	const char *ini = scratch_put_str("r2.ini", "[general]\ncurrency = EUR\n");
	const char *items = scratch_put_str("i2.csv", HEADER);
	dn_remind_state s;
	dn_run r;

	const char *a1[] = {"remind", "-c", ini, items, NULL};
	memset(&s, 0, sizeof s);
	CHECK(start(&r, a1) == 1);
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	CHECK(dn_remind_setup(&r, &s, NULL, 0, 1) == 0);
	CHECK(strstr(said, "no [level N] section") != NULL);
	CHECK(s.mail_date == 1700000000LL);
	dn_remind_state_free(&s);
	dn_csv_reader_free(r.rd);
	dn_config_free(r.cfg);
	/* A bad epoch stops the run before the items are opened. */
	memset(&s, 0, sizeof s);
	CHECK(start(&r, a1) == 1);
	setenv("SOURCE_DATE_EPOCH", "soon", 1);
	CHECK(dn_remind_setup(&r, &s, NULL, 0, 1) == DN_EX_USAGE);
	CHECK(r.rd == NULL);
	unsetenv("SOURCE_DATE_EPOCH");
	dn_remind_state_free(&s);
	dn_config_free(r.cfg);
}

static void test_lint(void)
{
	const char *ini = ini_with("r3.ini", "Subject: Reminder {{customer}}\n"
					     "Pay now or we will sue you.\n");
	dn_remind_state s;
	dn_run r;

	const char *a1[] = {"remind", "-c", ini, NULL};
	memset(&s, 0, sizeof s);
	CHECK(start(&r, a1) == 1);
	CHECK(dn_remind_setup(&r, &s, NULL, 1, 0) == 0);
	CHECK(r.rd == NULL && s.board == NULL); /* --lint reads no item */
	CHECK(dn_remind_lint(&r, &s.rules) == DN_EX_DATAERR);
	CHECK_STR(r.e.message, "1 tone finding");
	CHECK(strstr(said, "l1.txt:2: matched 'we will sue' (threat)") != NULL);
	dn_remind_state_free(&s);
	dn_config_free(r.cfg);
}

int main(void)
{
	scratch_open();
	test_template_is_read();
	test_no_levels_and_epoch();
	test_lint();
	scratch_close();
	DONE();
}
