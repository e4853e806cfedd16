/* scoreout.c - prioritize's rows written out. */
#include "scoreout.h"

#include <stdio.h>
#include <string.h>

#include "wording.h"

enum { C_CUST, C_CUR, C_BAL, C_OVERDUE, C_DAYS, C_ITEMS, C_SCORE, C_PRIO, C_REASON, C_ACTION,
       C_DISPUTED, C_NAME, C_CAPACITY, C_EMAIL, C_PHONE, C_LANG, C_COUNT };

void dn_priority_declare(dn_out *o, int table)
{
	static const struct {
		const char *name;
		dn_cell type;
	} cols[C_COUNT] = {
		{"customer", DN_CELL_TEXT},  {"currency", DN_CELL_TEXT},
		{"balance", DN_CELL_MONEY},  {"overdue", DN_CELL_MONEY},
		{"oldest_days", DN_CELL_INT}, {"items", DN_CELL_INT},
		{"score", DN_CELL_DECIMAL},  {"priority", DN_CELL_TEXT},
		{"reason", DN_CELL_TEXT},    {"next_action", DN_CELL_TEXT},
		{"disputed", DN_CELL_MONEY}, {"customer_name", DN_CELL_TEXT},
		{"capacity", DN_CELL_MONEY}, {"email", DN_CELL_TEXT},
		{"phone", DN_CELL_TEXT},     {"language", DN_CELL_TEXT},
	};
	size_t k, n = table ? C_DISPUTED : C_COUNT;

	for (k = 0; k < n; k++)
		dn_out_col(o, cols[k].name, cols[k].type);
	dn_out_totals(o, C_CUR, C_CUST, "customer", "customers");
	dn_out_total_col(o, C_BAL);
	dn_out_total_col(o, C_OVERDUE);
	dn_out_total_col(o, C_ITEMS);
	dn_out_header(o);
}

int dn_priority_put(dn_out *o, const dn_score_rules *rules, const dn_priority *q, int table,
		    dn_error *e)
{
	static const int at[DN_CARRY_COUNT] = {C_NAME, C_EMAIL, C_PHONE, C_LANG};
	char score[32], reason[512];
	int k;

	snprintf(score, sizeof score, "%ld.%ld", q->score.tenths / 10, q->score.tenths % 10);
	dn_priority_reason(rules, q, reason, sizeof reason);
	dn_out_text(o, C_CUST, q->customer, q->customer_len);
	dn_out_str(o, C_CUR, q->currency);
	dn_out_money(o, C_BAL, q->balance, q->decimals);
	dn_out_money(o, C_OVERDUE, q->overdue, q->decimals);
	dn_out_int(o, C_DAYS, q->oldest_days);
	dn_out_int(o, C_ITEMS, q->items);
	dn_out_decimal(o, C_SCORE, score);
	dn_out_str(o, C_PRIO, q->priority);
	dn_out_str(o, C_REASON, reason);
	dn_out_str(o, C_ACTION, q->next_action);
	if (!table) {
		dn_out_money(o, C_DISPUTED, q->disputed, q->decimals);
		if (q->has_capacity)
			dn_out_money(o, C_CAPACITY, q->capacity, q->decimals);
		for (k = 0; k < DN_CARRY_COUNT; k++)
			if (q->carry[k] != NULL)
				dn_out_text(o, (size_t)at[k], q->carry[k], q->carry_len[k]);
	}
	return dn_out_row(o, NULL, e);
}

size_t dn_priority_uncapped(const dn_priority *const *rows, size_t n, char (*cur)[4],
			    size_t max)
{
	size_t i, k, m = 0;

	for (i = 0; i < n; i++) {
		if (!rows[i]->uncapped)
			continue;
		for (k = 0; k < m && strcmp(cur[k], rows[i]->currency) != 0; k++)
			;
		if (k == m && m < max)
			memcpy(cur[m++], rows[i]->currency, 4);
	}
	return m;
}
