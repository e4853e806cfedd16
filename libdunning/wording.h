/* wording.h - words for people: reasons, holds, money and dates per language.
 *
 * Everything a reader sees in French or English is worded here, once:
 * prioritize's reasons and holds, and the amounts and dates of remind's
 * messages.  CSV columns never use these forms (they stay canonical).
 *
 * Money for the reader: fr "1 234,56 €", en "€1,234.56".  The French
 * thousands separator and the space before the symbol are a plain ASCII
 * space, as SPEC writes them: a text/plain mail is not reflowed, and a
 * plain space keeps an SMS in GSM-7 (a no-break space would force UCS-2
 * and 70 characters).  Symbols for EUR €, USD $, GBP £, JPY ¥, CNY ¥,
 * INR ₹, KRW ₩, other codes as the code itself ("1 234,56 CHF",
 * "CHF 1,234.56").  Dates: fr "23/11/2026", en "23 November 2026".
 */
#ifndef DN_WORDING_H
#define DN_WORDING_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "hold.h"
#include "score.h"

typedef enum dn_lang { DN_LANG_EN, DN_LANG_FR } dn_lang;

/* The language a customer's language value names: "fr", "FR", "fr_FR",
 * "fr-CA" give French, "en..." English; empty or anything else gives def. */
dn_lang dn_lang_of(const char *s, size_t len, dn_lang def);

/* "fr" or "en". */
const char *dn_lang_name(dn_lang l);

/* The symbol of a currency code for the reader ("€" for EUR), or NULL when
 * the code is written as itself. */
const char *dn_currency_symbol(const char *code);

/* Longest money or date text written below, NUL included. */
#define DN_WORDS_BUFSZ 80

/* An amount for the reader: units in minor units of currency (decimals). */
void dn_words_money(int64_t units, int decimals, const char *currency, dn_lang l, char *buf,
		    size_t size);

/* A date for the reader. */
void dn_words_date(dn_date d, dn_lang l, char *buf, size_t size);

/* Why a customer is held, in words ("promise to pay until 2026-12-01";
 * dates canonical: this is for the operator).  Writes at most size bytes. */
void dn_hold_words(dn_lang l, const dn_hold *h, char *buf, size_t size);

/* prioritize's reason, in English or French (rules->french): the hold's
 * reason, else the two largest contributions ("12 400.00 EUR overdue;
 * oldest invoice 97 days late").  Writes at most size bytes, NUL included. */
void dn_priority_reason(const dn_score_rules *r, const dn_priority *p, char *buf, size_t size);

#endif
