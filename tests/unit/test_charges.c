/* test_charges.c - the indemnity, late interest with one rate and with
 * dated rates (SPEC: 3000.00 at 14.76 % for 30 days -> 36.39). */
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
	/* The code as written in the config, upper-cased; yen have no decimals. */
	cfg = cfg_of("[indemnity]\namount = 6000\ncurrency = jpy\n");
	CHECK(cfg != NULL && dn_charges_load(&ch, cfg, &e) == 0 &&
	      strcmp(ch.indemnity_currency, "JPY") == 0 && ch.indemnity_decimals == 0 &&
	      ch.indemnity == 6000 && dn_indemnity(&ch, "JPY", 2, 3, 1, 0) == 6000 &&
	      dn_indemnity(&ch, "EUR", 2, 3, 1, 0) == 0);
	dn_config_free(cfg);
}

int main(void)
{
	scratch_open();
	test_interest();
	test_indemnity();
	scratch_close();
	DONE();
}
