/* lcheck.c - the invariant (see lcheck.h). */
#include "lcheck.h"

#include "money.h"

int dn_lcheck_post(dn_lcust *c, int64_t amount, dn_error *e)
{
	if (dn_money_add(c->balance, amount, &c->balance) != 0)
		return dn_error_set(e, DN_EX_DATAERR, "balance out of range");
	return 0;
}

int dn_lcheck_count(const dn_litem *it, dn_error *e)
{
	dn_lcust *c = it->cust;

	if (dn_money_add(c->check, dn_litem_open(it), &c->check) != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "open balance out of range");
	return 0;
}

int dn_lcheck_all(const dn_lcusts *t, dn_error *e)
{
	dn_lcusts_pos pos = {NULL, 0};
	dn_lcust *c;
	char a[DN_MONEY_BUFSZ], b[DN_MONEY_BUFSZ];

	while ((c = dn_lcusts_next(t, &pos)) != NULL) {
		if (c->check == c->balance)
			continue;
		dn_money_format(c->check, c->decimals, a);
		dn_money_format(c->balance, c->decimals, b);
		dn_error_set(e, DN_EX_SOFTWARE,
			     "internal check failed: open items %s %s, debits - credits %s %s", a,
			     c->currency, b, c->currency);
		dn_error_subject(e, "customer", c->id);
		return DN_EX_SOFTWARE;
	}
	return 0;
}
