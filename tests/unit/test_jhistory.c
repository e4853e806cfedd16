/* test_jhistory.c - levels per invoice, last reminder, contacts in the
 * 7 days, wrong contacts, events after as-of ignored; the history built in
 * the journal's one locked read, whatever a rename does to the path. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charges.h"
#include "config.h"
#include "hold.h"
#include "jhistory.h"
#include "level.h"
#include "wording.h"
#include "scratch.h"
#include "unit.h"

static dn_date day(const char *iso)
{
	dn_date d = 0;

	if (dn_date_parse(iso, strlen(iso), DN_DATE_ISO, &d) != 0)
		exit(2);
	return d;
}

static void test_history(void)
{
	dn_jhistory *h = dn_jhistory_new(day("2026-11-23"));
	dn_jevent ev;
	dn_date last = 0;
	long out, calls;

	memset(&ev, 0, sizeof ev);
	ev.customer = "C1";
	ev.customer_len = 2;
	memcpy(ev.currency, "EUR", 4);
	ev.event = DN_EV_REMINDER;
	ev.date = day("2026-11-10");
	ev.invoices = "F1:1;F2:2";
	ev.invoices_len = 9;
	ev.level = 2;
	CHECK(dn_jhistory_add(h, &ev) == 0);
	ev.date = day("2026-11-17");
	ev.invoices = "F1:2";
	ev.invoices_len = 4;
	CHECK(dn_jhistory_add(h, &ev) == 0);
	ev.date = day("2026-11-30"); /* after as-of: not yet */
	ev.invoices = "F1:3";
	CHECK(dn_jhistory_add(h, &ev) == 0);
	ev.event = DN_EV_CALL;
	ev.date = day("2026-11-23");
	CHECK(dn_jhistory_add(h, &ev) == 0);
	ev.event = DN_EV_WRONG_CONTACT;
	ev.note = " Old@Example.com ";
	ev.note_len = 17;
	CHECK(dn_jhistory_add(h, &ev) == 0);
	CHECK(dn_jhistory_level(h, "C1", 2, "F1", 2) == 2);
	CHECK(dn_jhistory_level(h, "C1", 2, "F2", 2) == 2);
	CHECK(dn_jhistory_level(h, "C1", 2, "F3", 2) == 0);
	CHECK(dn_jhistory_level(h, "C2", 2, "F1", 2) == 0);
	CHECK(dn_jhistory_last_reminder(h, "C1", 2, "EUR", &last) == 1 &&
	      last == day("2026-11-17"));
	CHECK(dn_jhistory_last_reminder(h, "C1", 2, "USD", &last) == 0);
	dn_jhistory_contacts(h, "C1", 2, &out, &calls);
	CHECK(out == 1 && calls == 1); /* 11-10 is 13 days back: outside as-of - 6 */
	CHECK(dn_jhistory_wrong_contact(h, "C1", 2, "old@example.com", 15) == 1);
	CHECK(dn_jhistory_wrong_contact(h, "C1", 2, "new@example.com", 15) == 0);
	dn_jhistory_free(h);
	dn_jhistory_free(NULL);
}

#define JHEAD "date,customer,currency,event,invoices,level,channel,amount,fee,due_date,ref,note\n"

struct swap {
	dn_jhistory *h;
	const char *path, *tmp;
	int calls;
};

/* On the first row, put another file in the journal's place the way a
 * purge does (rename over it; without its lock, the worst case), then
 * record the row. */
static int swap_then_add(const dn_jevent *ev, void *ctx, dn_error *e)
{
	struct swap *w = ctx;

	if (w->calls++ == 0) {
		FILE *fp = fopen(w->tmp, "w");
		if (fp == NULL || fputs(JHEAD "2026-11-20,C1,EUR,reminder,F9:3,3,email,,,,R9,\n", fp) < 0 ||
		    fclose(fp) != 0 || rename(w->tmp, w->path) != 0)
			return dn_error_set(e, DN_EX_IOERR, "cannot swap the journal");
	}
	return dn_jhistory_on_event(ev, w->h, e);
}

/* Both passes and the history read the file that was locked: F1's level,
 * the contact and the kept promise (its payment, summed in the second
 * pass) come from it, nothing from the file renamed over it. */
static void test_one_view(void)
{
	dn_error e;
	dn_config *cfg = dn_config_load(NULL, &e);
	struct swap w;
	dn_journal *j = NULL;
	dn_journal_info info;
	dn_journal_status st;
	long out, calls;

	scratch_open();
	memset(&w, 0, sizeof w);
	w.h = dn_jhistory_new(day("2026-11-23"));
	w.tmp = scratch_path("journal.csv.tmp");
	w.path = scratch_put_str("journal.csv",
				 JHEAD "2026-11-01,C1,EUR,reminder,F1:2,2,email,,,,R1,\n"
				       "2026-11-15,C1,EUR,promise,,,,100.00,,2026-11-30,,\n"
				       "2026-11-16,C1,EUR,payment,,,,100.00,,,P1,\n"
				       "2026-11-20,C1,EUR,wrong_contact,,,,,,,,old@example.com\n");
	CHECK(cfg != NULL && w.h != NULL);
	CHECK(dn_journal_read_each(w.path, cfg, day("2026-11-23"), &j, &info, swap_then_add, &w,
				   &e) == 0);
	CHECK(w.calls == 4 && info.rows == 4);
	CHECK(dn_jhistory_level(w.h, "C1", 2, "F1", 2) == 2);
	CHECK(dn_jhistory_level(w.h, "C1", 2, "F9", 2) == 0);
	CHECK(dn_jhistory_wrong_contact(w.h, "C1", 2, "old@example.com", 15) == 1);
	dn_jhistory_contacts(w.h, "C1", 2, &out, &calls);
	CHECK(out == 0 && calls == 0); /* 11-01 is outside the 7 days; 11-20 was not read */
	dn_journal_status_of(j, dn_journal_customer(j, "C1", 2), "EUR", &st);
	CHECK(st.promises_kept == 1 && st.promises_open == 0 && st.contacted == 1);
	dn_journal_free(j);
	dn_jhistory_free(w.h);
	dn_config_free(cfg);
	scratch_close();
}

int main(void)
{
	test_history();
	test_one_view();
	DONE();
}
