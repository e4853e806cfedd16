/* scoreout.h - prioritize's rows written out: the columns of SPEC
 * (customer, currency, balance, overdue, oldest_days, items, score,
 * priority, reason, next_action, then disputed and the carried customer
 * columns), the table (the first ten, for people, with totals per
 * currency), and the currencies scored against another's cap. */
#ifndef DN_SCOREOUT_H
#define DN_SCOREOUT_H

#include <stddef.h>

#include "out.h"
#include "score.h"

/* Declare the columns on o (table: the first ten) and write the header. */
void dn_priority_declare(dn_out *o, int table);

/* Write one ranked row q on o (declared by dn_priority_declare): 0, or a
 * status with e filled. */
int dn_priority_put(dn_out *o, const dn_score_rules *rules, const dn_priority *q, int table,
		    dn_error *e);

/* The currencies of rows scored against the plain cap_overdue of another
 * currency, each once, in order of first appearance, into cur (at most
 * max): returns how many. */
size_t dn_priority_uncapped(const dn_priority *const *rows, size_t n, char (*cur)[4],
			    size_t max);

#endif
