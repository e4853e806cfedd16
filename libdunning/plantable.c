/* plantable.c - a payment plan for people (see plantable.h). */
#include "plantable.h"

#include <string.h>

#include "money.h"
#include "report.h"

/* A decimal as written: 12, 14.76. */
static void decimal_text(dn_decimal d, char *buf, size_t size)
{
	int64_t p = dn_pow10(d.scale);

	if (d.scale == 0)
		snprintf(buf, size, "%lld", (long long)d.num);
	else
		snprintf(buf, size, "%lld.%0*lld", (long long)(d.num / p), d.scale,
			 (long long)(d.num % p));
}

static const char *period_words(dn_period p)
{
	switch (p) {
	case DN_PERIOD_1M:
		return "every month";
	case DN_PERIOD_2W:
		return "every 2 weeks";
	case DN_PERIOD_1W:
		return "every week";
	case DN_PERIOD_3M:
		return "every 3 months";
	}
	return "";
}

/* The customer for a line of text: control bytes become spaces. */
static void print_name(FILE *fp, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		putc((unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i], fp);
}

int dn_plan_write_table(FILE *fp, const dn_plan *p, const dn_plan_text *tx)
{
	const char *cur = tx->currency;
	int decimals = tx->decimals;
	char cells[6][DN_MONEY_BUFSZ], rate[48], money[DN_MONEY_BUFSZ], money2[DN_MONEY_BUFSZ];
	const char *ptrs[6];
	dn_table *t = dn_table_new(6);
	size_t i, k;

	if (t == NULL)
		return -1;
	fputs(tx->customer != NULL ? "Payment plan for " : "Payment plan", fp);
	if (tx->customer != NULL)
		print_name(fp, tx->customer, tx->customer_len);
	dn_money_format_grouped(p->principal, decimals, ' ', money);
	fprintf(fp, ": %s %s in %zu installment%s, %s from %s", money, cur, p->n, p->n == 1 ? "" : "s",
	       period_words(tx->every), (dn_date_format(p->first_due, cells[0]), cells[0]));
	if (tx->defer_days > 0) {
		dn_date_format(tx->start, cells[0]);
		fprintf(fp, " (start %s, deferred %ld day%s)", cells[0], tx->defer_days,
		       tx->defer_days == 1 ? "" : "s");
	}
	fprintf(fp, ".\n");
	if (tx->rate.num == 0) {
		fprintf(fp, "No interest.\n");
	} else {
		decimal_text(tx->rate, rate, sizeof rate);
		dn_money_format_grouped(p->total_interest, decimals, ' ', money);
		fprintf(fp, "Interest: %s%% a year, %s %s in all.\n", rate, money, cur);
	}
	for (k = 0; k < 6; k++)
		ptrs[k] = cells[k];
	for (k = 0; k < 6; k++)
		if (k != 1)
			dn_table_align_right(t, k);
	{
		const char *head[6] = {"installment", "due date", "amount",
				       "principal",   "interest", "remaining"};
		dn_table_add(t, head);
	}
	for (i = 0; i < p->n; i++) {
		const dn_plan_row *row = &p->rows[i];
		snprintf(cells[0], sizeof cells[0], "%d", row->installment);
		dn_date_format(row->due, cells[1]);
		dn_money_format_grouped(row->amount, decimals, ' ', cells[2]);
		dn_money_format_grouped(row->principal, decimals, ' ', cells[3]);
		dn_money_format_grouped(row->interest, decimals, ' ', cells[4]);
		dn_money_format_grouped(row->remaining, decimals, ' ', cells[5]);
		if (dn_table_add(t, ptrs) != 0) {
			dn_table_free(t);
			return -1;
		}
	}
	dn_table_rule(t);
	snprintf(cells[0], sizeof cells[0], "total");
	cells[1][0] = '\0';
	dn_money_format_grouped(p->total_amount, decimals, ' ', cells[2]);
	dn_money_format_grouped(p->principal, decimals, ' ', cells[3]);
	dn_money_format_grouped(p->total_interest, decimals, ' ', cells[4]);
	cells[5][0] = '\0';
	dn_table_add(t, ptrs);
	dn_table_print(t, fp);
	dn_table_free(t);
	if (p->has_settlement) {
		decimal_text(tx->settle, rate, sizeof rate);
		dn_money_format_grouped(p->settlement.amount, decimals, ' ', money);
		dn_money_format_grouped(p->settle_discount, decimals, ' ', money2);
		dn_date_format(p->settlement.due, cells[0]);
		fprintf(fp, "Or one payment of %s %s by %s: %s%% off, %s %s less.\n", money, cur, cells[0],
		       rate, money2, cur);
	}
	return 0;
}

