/* plantable.h - a payment plan written for people: a sentence that says
 * what is planned, the schedule as an aligned table with its totals, and
 * the settlement offer. */
#ifndef DN_PLANTABLE_H
#define DN_PLANTABLE_H

#include <stddef.h>
#include <stdio.h>

#include "plan.h"

/* What the text needs besides the schedule. */
typedef struct dn_plan_text {
	const char *customer; /* may be NULL (no customer named) */
	size_t customer_len;
	const char *currency;
	int decimals;
	dn_period every;
	dn_date start;        /* before deferral */
	long defer_days;
	dn_decimal rate;      /* percent a year */
	dn_decimal settle;    /* percent off, when p->has_settlement */
} dn_plan_text;

/* Write plan p to fp.  Returns 0, or -1 when out of memory. */
int dn_plan_write_table(FILE *fp, const dn_plan *p, const dn_plan_text *t);

#endif
