/* charges.h - what a reminder may add to the debt: fees, the statutory
 * recovery indemnity and late interest, all exact (SPEC "remind").
 *
 *  - fee: an invoice reaching a level with a fee (its [level N] fee, per
 *    currency) pays it once: levels only go up, one at a time, so reaching
 *    a level happens once per invoice;
 *  - indemnity ([indemnity] amount, default 0: off; currency, default EUR;
 *    from_level, default 3): claimed once per invoice, with the message
 *    that first lists it at a level >= from_level; only for b2b customers,
 *    never after an insolvency event, and only on invoices in the
 *    indemnity's currency (no sum mixes currencies; the statutory EUR 40 is
 *    not converted);
 *  - interest: balance x rate x days late / 365, simple, accrued to as-of,
 *    each day at the rate in force that day ([interest] rates, dated
 *    "2025-01-01:13.15,2025-07-01:12.15": days before the first date bear
 *    none; else [interest] annual_rate for every day; the loader refuses
 *    both), summed exactly in 128 bits and rounded half away from zero
 *    once per invoice (3000.00 at 14.76 % for 30 days -> 36.39).
 */
#ifndef DN_CHARGES_H
#define DN_CHARGES_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "money.h"

#define DN_RATES_MAX 64

typedef struct dn_rate {
	dn_date from;    /* in force from this day on */
	dn_decimal rate; /* percent a year */
} dn_rate;

typedef struct dn_charges {
	const dn_config *cfg;
	char indemnity_currency[4];
	int indemnity_decimals;
	int64_t indemnity;   /* minor units of indemnity_currency; 0: off */
	long from_level;
	dn_rate rates[DN_RATES_MAX];
	size_t nrates;       /* 0: no interest rate at all */
} dn_charges;

/* Read [indemnity] and [interest].  Returns 0, or DN_EX_CONFIG with e
 * filled (an amount with more decimals than its currency, more than
 * DN_RATES_MAX dated rates). */
int dn_charges_load(dn_charges *c, const dn_config *cfg, dn_error *e);

/* Late interest on balance (minor units) from the day after due to as_of
 * included.  0 with *out set (0 when not late or no rate), -1 when the
 * result would not fit. */
int dn_interest(const dn_charges *c, int64_t balance, dn_date due, dn_date as_of, int64_t *out);

/* The indemnity one listed invoice adds to this message: reached is its
 * level before, listed the level it is listed with now. */
int64_t dn_indemnity(const dn_charges *c, const char *currency, long reached, long listed,
		     int b2b, int insolvent);

#endif
