/* test_wording.c - money and dates for the reader, languages. */
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

int main(void)
{
	test_wording();
	DONE();
}
