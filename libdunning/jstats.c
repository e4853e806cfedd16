/* jstats.c - journal events counted per customer for kpi. */
#include "jstats.h"

#include <stdlib.h>
#include <string.h>

#include "keytab.h"

/* One count of a customer: sum `sum` of the period holding `date`... kept
 * per (currency, period, sum), so a long journal costs no more than its
 * periods. */
struct count {
	char cur[4];
	size_t period;
	size_t sum;
	int64_t n;
};

struct jcust {
	char *name;
	size_t len;
	char *group; /* NULL until an item of the customer is seen */
	size_t group_len;
	struct count *counts;
	size_t ncounts;
};

struct dn_jstats {
	const dn_config *cfg;
	const dn_kpi_spec *spec; /* borrowed from the kpi */
	dn_journal *j;
	dn_keytab *customers;
	dn_jstats_keep_fn keep;
	void *keep_ctx;
	/* for the promise walk */
	dn_kpi *k;
	dn_error *e;
	int rc;
};

static void cust_key(const void *rec, const char **k1, size_t *n1, const char **k2, size_t *n2)
{
	const struct jcust *c = rec;

	*k1 = c->name;
	*n1 = c->len;
	*k2 = "";
	*n2 = 0;
}

static struct jcust *get_cust(dn_jstats *s, const char *name, size_t len)
{
	struct jcust *c = dn_keytab_get(s->customers, name, len, "", 0);

	if (c != NULL)
		return c;
	if ((c = calloc(1, sizeof *c)) == NULL || (c->name = malloc(len + 1)) == NULL) {
		free(c);
		return NULL;
	}
	memcpy(c->name, name, len);
	c->name[len] = '\0';
	c->len = len;
	if (dn_keytab_put(s->customers, c) != 0) {
		free(c->name);
		free(c);
		return NULL;
	}
	return c;
}

static int period_of(const dn_kpi_spec *sp, dn_date d, size_t *p)
{
	for (*p = 0; *p < sp->nperiods; (*p)++)
		if (d >= sp->periods[*p].from && d <= sp->periods[*p].to)
			return 1;
	return 0;
}

static int count(struct jcust *c, const char *cur, size_t period, size_t sum)
{
	struct count *n;
	size_t i;

	for (i = 0; i < c->ncounts; i++) {
		n = &c->counts[i];
		if (n->period == period && n->sum == sum && strcmp(n->cur, cur) == 0) {
			n->n++;
			return 0;
		}
	}
	if ((n = realloc(c->counts, (c->ncounts + 1) * sizeof *n)) == NULL)
		return -1;
	c->counts = n;
	n = &n[c->ncounts++];
	snprintf(n->cur, sizeof n->cur, "%s", cur);
	n->period = period;
	n->sum = sum;
	n->n = 1;
	return 0;
}

/* Each journal row: contacts (reminder, call) and the cost channels. */
static int on_event(const dn_jevent *ev, void *ctx, dn_error *e)
{
	dn_jstats *s = ctx;
	const char *cur = ev->currency[0] ? ev->currency : dn_config_currency(s->cfg);
	struct jcust *c;
	size_t p;
	int oom = 0;

	if (s->keep != NULL && !s->keep(ev->customer, ev->customer_len, s->keep_ctx))
		return 0;
	/* Every customer of the journal gets a record: its promises need a
	 * group too. */
	if ((c = get_cust(s, ev->customer, ev->customer_len)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if (!period_of(s->spec, ev->date, &p))
		return 0;
	switch (ev->event) {
	case DN_EV_REMINDER:
		oom = count(c, cur, p, DN_S_CONTACTS) != 0 ||
		      (ev->channel >= 0 && count(c, cur, p, DN_S_CHANNEL + (size_t)ev->channel) != 0);
		break;
	case DN_EV_CALL:
		oom = count(c, cur, p, DN_S_CONTACTS) != 0 ||
		      count(c, cur, p, DN_S_CHANNEL + DN_KPI_CALL) != 0;
		break;
	case DN_EV_LEGAL:
		oom = count(c, cur, p, DN_S_CHANNEL + DN_KPI_LEGAL) != 0;
		break;
	default:
		break;
	}
	return oom ? dn_error_set(e, DN_EX_SOFTWARE, "out of memory") : 0;
}

void dn_jstats_free(dn_jstats *s)
{
	size_t pos = 0;
	struct jcust *c;

	if (s == NULL)
		return;
	while (s->customers != NULL && (c = dn_keytab_next(s->customers, &pos)) != NULL) {
		free(c->name);
		free(c->group);
		free(c->counts);
		free(c);
	}
	dn_keytab_free(s->customers);
	dn_journal_free(s->j);
	free(s);
}

int dn_jstats_read(const char *path, const dn_config *cfg, const dn_kpi *k,
		   dn_jstats_keep_fn keep, void *keep_ctx, dn_jstats **out,
		   dn_journal_info *info, dn_error *e)
{
	dn_jstats *s = calloc(1, sizeof *s);
	int rc;

	*out = NULL;
	if (s == NULL || (s->customers = dn_keytab_new(cust_key)) == NULL) {
		free(s);
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	}
	s->cfg = cfg;
	s->spec = dn_kpi_spec_of(k);
	s->keep = keep;
	s->keep_ctx = keep_ctx;
	rc = dn_journal_read_each(path, cfg, s->spec->to, &s->j, info, on_event, s, e);
	if (rc != 0) {
		dn_jstats_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int dn_jstats_see_item(dn_jstats *s, const dn_item *it, const char *group, size_t group_len,
		       dn_date *legal_since, dn_error *e)
{
	const dn_jcustomer *jc;
	dn_journal_status st;
	struct jcust *c;

	*legal_since = s->spec->to + 1;
	dn_journal_see_item(s->j, it);
	c = dn_keytab_get(s->customers, it->customer, it->customer_len, "", 0);
	if (c != NULL && c->group == NULL) {
		if ((c->group = malloc(group_len + 1)) == NULL)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		memcpy(c->group, group, group_len);
		c->group[group_len] = '\0';
		c->group_len = group_len;
	}
	jc = c != NULL ? dn_journal_customer(s->j, it->customer, it->customer_len) : NULL;
	if (jc != NULL) {
		dn_journal_status_of(s->j, jc, it->currency, &st);
		if (st.legal)
			*legal_since = st.legal_since;
	}
	return 0;
}

static dn_kpi_group *group_of(dn_jstats *s, dn_kpi *k, const struct jcust *c, const char *cur)
{
	int dec = dn_currencies_decimals(dn_config_currencies(s->cfg), cur, strlen(cur));

	return dn_kpi_group_get(k, c->group ? c->group : "", c->group ? c->group_len : 0, cur,
				dec < 0 ? 2 : dec);
}

static void on_promise(const dn_jpromise *p, void *ctx)
{
	dn_jstats *s = ctx;
	struct jcust *c;
	dn_kpi_group *g;

	if (s->rc != 0 || p->state == 0 || p->deadline < s->spec->from || p->deadline > s->spec->to)
		return;
	c = dn_keytab_get(s->customers, p->customer, p->customer_len, "", 0);
	if (c == NULL)
		return; /* another shard's customer */
	if ((g = group_of(s, s->k, c, p->currency)) == NULL) {
		s->rc = dn_error_set(s->e, DN_EX_SOFTWARE, "out of memory");
		return;
	}
	s->rc = dn_kpi_add_at(s->k, g, p->deadline, p->state > 0 ? DN_S_KEPT : DN_S_BROKEN, 1,
			      s->e);
}

int dn_jstats_finish(dn_jstats *s, dn_kpi *k, dn_error *e)
{
	size_t pos = 0, i;
	struct jcust *c;
	dn_kpi_group *g;

	while ((c = dn_keytab_next(s->customers, &pos)) != NULL) {
		for (i = 0; i < c->ncounts; i++) {
			const struct count *n = &c->counts[i];
			if ((g = group_of(s, k, c, n->cur)) == NULL)
				return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
			if (dn_money_add(g->p[n->period].v[n->sum], n->n, &g->p[n->period].v[n->sum]))
				return dn_error_set(e, DN_EX_DATAERR, "too many journal events");
		}
	}
	s->k = k;
	s->e = e;
	s->rc = 0;
	dn_journal_each_promise(s->j, on_promise, s);
	return s->rc;
}
