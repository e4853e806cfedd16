/* test_charges.c - fees per level, the indemnity, late interest with one
 * rate and with dated rates; level decisions; holds; wording; history. */
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

static dn_config *cfg_of(const char *ini)
{
	static int n;
	char name[16], buf[512];
	dn_error e;
	dn_config *c;

	snprintf(name, sizeof name, "c%d.ini", n++);
	c = dn_config_load(scratch_put_str(name, ini), &e);
	if (c == NULL) {
		printf("config: %s\n", dn_error_format(&e, buf, sizeof buf));
		exit(2);
	}
	return c;
}

static int64_t interest(const char *ini, int64_t balance, const char *due, const char *as_of)
{
	dn_config *cfg = cfg_of(ini);
	dn_charges ch;
	dn_error e;
	int64_t out = -1;

	if (dn_charges_load(&ch, cfg, &e) == 0 && dn_interest(&ch, balance, day(due), day(as_of), &out) != 0)
		out = -2;
	dn_config_free(cfg);
	return out;
}

static void test_interest(void)
{
	/* SPEC: 3000.00 at 14.76 % for 30 days -> 36.39 */
	CHECK(interest("[interest]\nannual_rate = 14.76\n", 300000, "2026-10-24", "2026-11-23") ==
	      3639);
	/* not late, no rate */
	CHECK(interest("[interest]\nannual_rate = 14.76\n", 300000, "2026-11-23", "2026-11-23") ==
	      0);
	CHECK(interest("[general]\n", 300000, "2026-10-24", "2026-11-23") == 0);
	/* half up: 1000.00 at 36.5 % for 1 day = 1.00 exactly; 0.05 at 365 % for 1 day = 0.05 */
	CHECK(interest("[interest]\nannual_rate = 36.5\n", 100000, "2026-11-22", "2026-11-23") ==
	      100);
	/* 1.50 at 10 % for 146 days = 0.06 exactly; 1.25 * 10 % * 146/365 = 0.05 */
	CHECK(interest("[interest]\nannual_rate = 10\n", 125, "2026-01-01", "2026-05-27") == 5);
	/* 0.01 * 36.5 % * 50 days / 365 = 0.0005 -> 0.00; 0.01 * 36.5% * 150 / 365 = 0.0015 -> 0.00;
	 * 1.00 * 36.5% * 5/365 = 0.005 -> half up 0.01 */
	CHECK(interest("[interest]\nannual_rate = 36.5\n", 100, "2026-11-18", "2026-11-23") == 1);
	CHECK(interest("[interest]\nannual_rate = 36.5\n", 100, "2026-11-19", "2026-11-23") == 0);
	/* Crossing a rate change: due 2025-06-15, as-of 2025-07-15:
	 * 06-16..06-30 = 15 days at 13.15, then 07-01..07-15 = 15 days at 12.15.  10000.00: 10000*13.15%*15/365 = 54.041..., 10000*12.15%*15/365 =
	 * 49.931...; together 103.97 (summed before rounding: 103.972602...). */
	CHECK(interest("[interest]\nrates = 2025-01-01:13.15,2025-07-01:12.15\n", 1000000,
		       "2025-06-15", "2025-07-15") == 10397);
	/* Days before the first dated rate bear none: due 2024-12-31, as-of 2025-01-10: 10 days */
	CHECK(interest("[interest]\nrates = 2025-01-01:36.5\n", 100000, "2024-12-20",
		       "2025-01-10") == 1000);
	/* rates wins over annual_rate */
	CHECK(interest("[interest]\nannual_rate = 99\nrates = 2025-01-01:36.5\n", 100000,
		       "2025-01-09", "2025-01-10") == 100);
	/* the largest balance does not overflow silently */
	CHECK(interest("[interest]\nannual_rate = 100\n", INT64_MAX, "2020-01-01", "2026-01-01") ==
	      -2);
}

static void test_indemnity(void)
{
	dn_config *cfg = cfg_of("[indemnity]\namount = 40.00\n");
	dn_config *off = cfg_of("[general]\n");
	dn_charges ch, no;
	dn_error e;

	CHECK(dn_charges_load(&ch, cfg, &e) == 0 && ch.indemnity == 4000 && ch.from_level == 3);
	CHECK(dn_indemnity(&ch, "EUR", 2, 3, 1, 0) == 4000);
	CHECK(dn_indemnity(&ch, "EUR", 3, 3, 1, 0) == 0); /* already claimed with level 3 */
	CHECK(dn_indemnity(&ch, "EUR", 3, 4, 1, 0) == 0);
	CHECK(dn_indemnity(&ch, "EUR", 1, 2, 1, 0) == 0); /* below from_level */
	CHECK(dn_indemnity(&ch, "EUR", 2, 3, 0, 0) == 0); /* b2c */
	CHECK(dn_indemnity(&ch, "EUR", 2, 3, 1, 1) == 0); /* insolvency */
	CHECK(dn_indemnity(&ch, "USD", 2, 3, 1, 0) == 0); /* another currency */
	CHECK(dn_charges_load(&no, off, &e) == 0 && dn_indemnity(&no, "EUR", 2, 3, 1, 0) == 0);
	dn_config_free(cfg);
	dn_config_free(off);
}

static const char levels_ini[] = "[level 1]\nafter_days = 1\nchannel = email\ntemplate = t1\n"
				 "[level 2]\nafter_days = 14\nchannel = email\ntemplate = t2\n"
				 "min_gap_days = 10\nfee = 5\n"
				 "[level 3]\nafter_days = 30\nchannel = letter\ntemplate = t3\n"
				 "min_overdue = 100\nmin_overdue_jpy = 20000\ninterest = yes\n";

static const char *load_error(const char *ini)
{
	static char buf[512];
	dn_config *cfg = cfg_of(ini);
	dn_levels ls;
	dn_error e;

	buf[0] = '\0';
	if (dn_levels_load(&ls, cfg, &e) != 0)
		dn_error_format(&e, buf, sizeof buf);
	dn_levels_free(&ls);
	dn_config_free(cfg);
	return strstr(buf, "key") ? strstr(buf, "key") : strstr(buf, "section") ? strstr(buf, "section") : buf;
}

static void test_levels(void)
{
	dn_config *cfg = cfg_of(levels_ini);
	dn_level_invoice inv[3];
	dn_level_decision d;
	dn_levels ls;
	dn_error e;
	int64_t fee;

	CHECK(dn_levels_load(&ls, cfg, &e) == 0 && ls.n == 3);
	CHECK(ls.lv[0].min_gap_days == 7 && ls.lv[1].min_gap_days == 10 && ls.lv[2].interest);
	CHECK_STR(ls.lv[0].name, "level 1");
	CHECK(dn_level_money(&ls, 2, "fee", "EUR", 2, &fee, &e) == 0 && fee == 500);
	CHECK(dn_level_money(&ls, 1, "fee", "EUR", 2, &fee, &e) == 0 && fee == 0);
	/* due level: one step at a time, never by days alone */
	CHECK(dn_level_due(&ls, 0, 0) == 0);
	CHECK(dn_level_due(&ls, 0, 1) == 1);
	CHECK(dn_level_due(&ls, 0, 90) == 1);
	CHECK(dn_level_due(&ls, 1, 13) == 1);
	CHECK(dn_level_due(&ls, 1, 14) == 2);
	CHECK(dn_level_due(&ls, 3, 400) == 3);
	/* nothing due: the nearest next level */
	inv[0] = (dn_level_invoice){1, 9, 0, 0};
	inv[1] = (dn_level_invoice){2, 20, 0, 0};
	CHECK(dn_level_decide(&ls, inv, 2, 100000, "EUR", 2, 1, day("2026-11-01"), day("2026-11-23"),
			      &d, &e) == 0);
	CHECK(d.verdict == DN_LEVEL_NOTHING_DUE && d.next_level == 2 && d.next_days == 9 &&
	      d.next_after == 14);
	/* a new invoice at level 1 next to one reaching level 3: message level 3 */
	inv[0] = (dn_level_invoice){0, 3, 0, 0};
	inv[1] = (dn_level_invoice){2, 31, 0, 0};
	inv[2] = (dn_level_invoice){1, 5, 0, 0};
	CHECK(dn_level_decide(&ls, inv, 3, 100000, "EUR", 2, 1, day("2026-11-01"), day("2026-11-23"),
			      &d, &e) == 0);
	CHECK(d.verdict == DN_LEVEL_SEND && d.level == 3);
	CHECK(inv[0].listed == 1 && inv[0].due && inv[1].listed == 3 && inv[2].listed == 1 &&
	      !inv[2].due);
	/* below min_overdue of the message level (100.00 EUR; 20000 JPY) */
	CHECK(dn_level_decide(&ls, inv + 1, 1, 9999, "EUR", 2, 0, 0, day("2026-11-23"), &d, &e) ==
		      0 &&
	      d.verdict == DN_LEVEL_BELOW_MIN && d.min_overdue == 10000);
	CHECK(dn_level_decide(&ls, inv + 1, 1, 19999, "JPY", 0, 0, 0, day("2026-11-23"), &d, &e) ==
		      0 &&
	      d.verdict == DN_LEVEL_BELOW_MIN && d.min_overdue == 20000);
	/* the gap of the message level */
	inv[0] = (dn_level_invoice){1, 20, 0, 0};
	CHECK(dn_level_decide(&ls, inv, 1, 100000, "EUR", 2, 1, day("2026-11-14"), day("2026-11-23"),
			      &d, &e) == 0 &&
	      d.verdict == DN_LEVEL_GAP && d.gap_days == 9 && d.gap_needed == 10);
	CHECK(dn_level_decide(&ls, inv, 1, 100000, "EUR", 2, 1, day("2026-11-13"), day("2026-11-23"),
			      &d, &e) == 0 &&
	      d.verdict == DN_LEVEL_SEND && d.level == 2);
	dn_levels_free(&ls);
	dn_config_free(cfg);
	/* completeness */
	CHECK_STR(load_error("[level 1]\nafter_days = 1\nchannel = email\ntemplate = t\n"
			     "[level 3]\nafter_days = 1\nchannel = email\ntemplate = t\n"),
		  "section level 2: missing: levels are numbered 1, 2, ... without a gap");
	CHECK_STR(load_error("[level 1]\nchannel = email\ntemplate = t\n"),
		  "key [level 1] after_days: missing (a level needs after_days, channel and a "
		  "template)");
	CHECK_STR(load_error("[level 1]\nafter_days = 1\ntemplate = t\n"),
		  "key [level 1] channel: missing (a level needs after_days, channel and a "
		  "template)");
	CHECK_STR(load_error("[level 1]\nafter_days = 1\nchannel = sms\n"),
		  "key [level 1] template: missing (a level needs after_days, channel and a "
		  "template, template_fr or template_en)");
	CHECK_STR(load_error("[level 1]\nafter_days = 1\nchannel = sms\ntemplate_fr = x\n"), "");
}

static void test_holds(void)
{
	dn_config *cfg = cfg_of("[contact]\nmax_per_7_days = 2\n");
	dn_hold_rules r;
	dn_contact_facts f = {0, 0, "email", "a@b.example", 11, 0};
	dn_hold h;

	dn_hold_rules_load(&r, cfg);
	CHECK(r.max_per_7_days == 2 && r.max_calls_per_7_days == 7 && r.claim_paid_days == 10);
	dn_hold_contact(&r, &f, &h);
	CHECK(h.kind == DN_HOLD_NONE);
	f.outbound_7d = 2;
	dn_hold_contact(&r, &f, &h);
	CHECK(h.kind == DN_HOLD_CONTACT_CAP && h.count == 2 && h.limit == 2);
	f.outbound_7d = 1;
	f.calls_7d = 7;
	dn_hold_contact(&r, &f, &h);
	CHECK(h.kind == DN_HOLD_NONE); /* not a call */
	f.channel = "call";
	dn_hold_contact(&r, &f, &h);
	CHECK(h.kind == DN_HOLD_CALL_CAP && h.count == 7);
	f.calls_7d = 0;
	f.address = "  ";
	f.address_len = 2;
	dn_hold_contact(&r, &f, &h);
	CHECK(h.kind == DN_HOLD_NO_ADDRESS);
	f.address = "+33 1";
	f.address_len = 5;
	f.wrong_contact = 1;
	dn_hold_contact(&r, &f, &h);
	CHECK(h.kind == DN_HOLD_WRONG_CONTACT);
	CHECK_STR(dn_channel_address_column("sms"), "phone");
	CHECK_STR(dn_channel_address_column("call"), "phone");
	CHECK_STR(dn_channel_address_column("letter"), "address");
	CHECK_STR(dn_channel_address_column("email"), "email");
	dn_config_free(cfg);
}

static void test_wording(void)
{
	char b[DN_WORDS_BUFSZ];

	dn_words_money(123456, 2, "EUR", DN_LANG_FR, b, sizeof b);
	CHECK_STR(b, "1 234,56 €");
	dn_words_money(123456, 2, "EUR", DN_LANG_EN, b, sizeof b);
	CHECK_STR(b, "€1,234.56");
	dn_words_money(-123456789, 2, "USD", DN_LANG_EN, b, sizeof b);
	CHECK_STR(b, "-$1,234,567.89");
	dn_words_money(500000, 0, "JPY", DN_LANG_EN, b, sizeof b);
	CHECK_STR(b, "¥500,000");
	dn_words_money(4000, 2, "CHF", DN_LANG_EN, b, sizeof b);
	CHECK_STR(b, "CHF 40.00");
	dn_words_money(4000, 2, "CHF", DN_LANG_FR, b, sizeof b);
	CHECK_STR(b, "40,00 CHF");
	dn_words_money(5, 2, "GBP", DN_LANG_FR, b, sizeof b);
	CHECK_STR(b, "0,05 £");
	dn_words_date(day("2026-11-23"), DN_LANG_FR, b, sizeof b);
	CHECK_STR(b, "23/11/2026");
	dn_words_date(day("2026-11-23"), DN_LANG_EN, b, sizeof b);
	CHECK_STR(b, "23 November 2026");
	dn_words_date(day("2027-01-05"), DN_LANG_EN, b, sizeof b);
	CHECK_STR(b, "5 January 2027");
	CHECK(dn_lang_of("fr_FR", 5, DN_LANG_EN) == DN_LANG_FR);
	CHECK(dn_lang_of("FR", 2, DN_LANG_EN) == DN_LANG_FR);
	CHECK(dn_lang_of("en", 2, DN_LANG_FR) == DN_LANG_EN);
	CHECK(dn_lang_of("de", 2, DN_LANG_FR) == DN_LANG_FR);
	CHECK(dn_lang_of("", 0, DN_LANG_EN) == DN_LANG_EN);
	CHECK(dn_lang_of("french", 6, DN_LANG_EN) == DN_LANG_EN);
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
	scratch_open();
	test_interest();
	test_indemnity();
	test_levels();
	test_holds();
	test_wording();
	test_history();
	scratch_close();
	DONE();
}
