/* test_level.c - per-invoice escalation: due levels, the message level,
 * min_overdue per currency, the gap, [level N] completeness. */
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
#include "fixture.h"

static const char levels_ini[] = "[level 1]\nafter_days = 1\nchannel = email\ntemplate = t1\n"
				 "[level 2]\nafter_days = 14\nchannel = email\ntemplate = t2\n"
				 "min_gap_days = 10\nfee = 5\n"
				 "[level 3]\nafter_days = 30\nchannel = letter\ntemplate = t3\n"
				 "min_overdue = 100\nmin_overdue_jpy = 20000\ninterest = yes\n";

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
	/* names and defaults of a level with per-language templates */
	cfg = cfg_of("[level 1]\nname = Rappel\nafter_days = 3\nchannel = sms\n"
		     "template_fr = a.txt\ntemplate_en = b.txt\n");
	CHECK(dn_levels_load(&ls, cfg, &e) == 0 && ls.n == 1);
	CHECK_STR(ls.lv[0].name, "Rappel");
	CHECK_STR(ls.lv[0].channel, "sms");
	CHECK(ls.lv[0].template_any == NULL && ls.lv[0].template_fr != NULL &&
	      strstr(ls.lv[0].template_fr, "a.txt") != NULL && ls.lv[0].min_gap_days == 7);
	dn_levels_free(&ls);
	dn_config_free(cfg);
}

int main(void)
{
	scratch_open();
	test_levels();
	scratch_close();
	DONE();
}
