/* test_jhistory.c - levels per invoice, last reminder, contacts in the
 * 7 days, wrong contacts, events after as-of ignored. */
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
	CHECK(dn_jhistory_add(h, &ev, NULL, 0) == 0);
	ev.date = day("2026-11-17");
	ev.invoices = "F1:2";
	ev.invoices_len = 4;
	CHECK(dn_jhistory_add(h, &ev, NULL, 0) == 0);
	ev.date = day("2026-11-30"); /* after as-of: not yet */
	ev.invoices = "F1:3";
	CHECK(dn_jhistory_add(h, &ev, NULL, 0) == 0);
	ev.event = DN_EV_CALL;
	ev.date = day("2026-11-23");
	CHECK(dn_jhistory_add(h, &ev, NULL, 0) == 0);
	ev.event = DN_EV_WRONG_CONTACT;
	CHECK(dn_jhistory_add(h, &ev, " Old@Example.com ", 17) == 0);
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

int main(void)
{
	test_history();
	DONE();
}
