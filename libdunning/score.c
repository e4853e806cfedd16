/* score.c - per-customer totals, the score, holds, reasons, next actions.
 *
 * How the score is computed exactly.  Each weight w is an exact decimal
 * (num / 10^scale, scale <= 9); scaled to nine decimals it is the integer
 * W = w * 10^9, at most 100 * 10^9 because the weights add up to 100.  A
 * part's share is the fraction m / c, with c its cap and m = min(x, c).
 * In tenths of a point, part k is
 *     t_k = 10 * W_k * m_k / (10^9 * c_k) = a_k / b_k,
 *     a_k = W_k * m_k,  b_k = 10^8 * c_k,
 * and both fit in 128 bits (c is at most 2^63 minor units for the overdue
 * cap, about 10^9 for the others).  The score in tenths is
 * round_half_up(sum t_k) = floor(sum t_k + 1/2).  Take each t_k's integer
 * part q_k = a_k / b_k and remainder r_k = a_k mod b_k:
 *     score = sum q_k + floor(F + 1/2),  F = sum r_k / b_k  in [0, 4).
 * The three small-cap remainders add up exactly over the common
 * denominator B = 10^8 * c_days * c_promises * c_items (at most about
 * 10^35): A / B.  floor(F + 1/2) counts the h in {1/2, 3/2, 5/2, 7/2} with
 * F >= h, that is r_o / b_o >= h - A / B = P / Q with P = (2j+1) B - 2A and
 * Q = 2B.  That last comparison of two fractions whose cross products could
 * exceed 128 bits is done by Euclid's algorithm on their continued
 * fractions (frac_cmp), which only divides.  No step rounds, so the score
 * is exact; the same comparison orders the parts for the reason.
 */
#include "score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aging.h"
#include "keytab.h"

__extension__ typedef unsigned __int128 u128;

/* ---- rules ---- */

static const char *const weight_keys[DN_PART_COUNT] = {"weight_overdue", "weight_days",
						       "weight_promises", "weight_items"};
static const char *const cap_keys[DN_PART_COUNT] = {"cap_overdue", "cap_days", "cap_promises",
						    "cap_items"};

/* A decimal scaled to nine decimals (the weights and thresholds are small). */
static dn_i128 nine(dn_decimal d)
{
	return (dn_i128)d.num * dn_pow10(9 - d.scale);
}

int dn_score_rules_load(dn_score_rules *r, const dn_config *cfg, dn_error *e)
{
	static const long def_weight[DN_PART_COUNT] = DN_SCORE_DEFAULT_WEIGHTS;
	static const long def_cap[DN_PART_COUNT] = {0, 120, 2, 5};
	const char *lang;
	int k, levels;

	(void)e; /* nothing left to refuse: kept for the callers' sake */
	memset(r, 0, sizeof *r);
	r->cfg = cfg;
	for (k = 0; k < DN_PART_COUNT; k++) {
		r->weight[k] = dn_config_decimal(cfg, "score", weight_keys[k],
						 (dn_decimal){def_weight[k], 0});
		if (k != DN_PART_OVERDUE)
			r->cap[k] = dn_config_uint(cfg, "score", cap_keys[k], def_cap[k]);
	}
	/* dn_config_load has checked that the weights add up to 100 and that
	 * threshold_a >= threshold_b, for every tool. */
	r->threshold_a = dn_config_decimal(cfg, "score", "threshold_a",
					   (dn_decimal){DN_SCORE_DEFAULT_THRESHOLD_A, 0});
	r->threshold_b = dn_config_decimal(cfg, "score", "threshold_b",
					   (dn_decimal){DN_SCORE_DEFAULT_THRESHOLD_B, 0});
	dn_hold_rules_load(&r->hold, cfg);
	lang = dn_config_get(cfg, "general", "language");
	r->french = lang != NULL && strcmp(lang, "fr") == 0;
	r->last_level_days = -1;
	levels = dn_config_levels(cfg);
	if (levels > 0) {
		char section[32];
		snprintf(section, sizeof section, "level %d", levels);
		r->last_level_days = dn_config_uint(cfg, section, "after_days", -1);
	}
	return 0;
}

/* ---- the score ---- */

/* Compare a/b with c/d (b, d > 0) without multiplying: <0, 0, >0.  Each
 * round compares integer parts, then the remainders' reciprocals in the
 * other direction (Euclid's algorithm on both continued fractions). */
static int frac_cmp(u128 a, u128 b, u128 c, u128 d)
{
	int sign = 1;

	for (;;) {
		u128 qa = a / b, qc = c / d, t;
		if (qa != qc)
			return qa < qc ? -sign : sign;
		a %= b;
		c %= d;
		if (a == 0 || c == 0)
			return a == c ? 0 : a == 0 ? -sign : sign;
		/* a/b < c/d  <=>  b/a > d/c */
		t = a;
		a = b;
		b = t;
		t = c;
		c = d;
		d = t;
		sign = -sign;
	}
}

void dn_score_compute(const dn_score_rules *r, const dn_score_input *in, dn_score *out)
{
	u128 m[DN_PART_COUNT], c[DN_PART_COUNT], a[DN_PART_COUNT], b[DN_PART_COUNT];
	u128 rem[DN_PART_COUNT], q = 0, A, B, P, Q;
	int64_t x[DN_PART_COUNT];
	int k, j, i;

	x[DN_PART_OVERDUE] = in->overdue;
	x[DN_PART_DAYS] = in->oldest_days;
	x[DN_PART_PROMISES] = in->broken;
	x[DN_PART_ITEMS] = in->items;
	for (k = 0; k < DN_PART_COUNT; k++) {
		int64_t cap = k == DN_PART_OVERDUE ? in->cap_overdue : r->cap[k];
		int64_t v = x[k] > 0 ? x[k] : 0;
		if (cap <= 0) { /* cap 0: anything at all earns the whole weight */
			m[k] = v > 0;
			c[k] = 1;
		} else {
			m[k] = (u128)(v < cap ? v : cap);
			c[k] = (u128)cap;
		}
		a[k] = (u128)nine(r->weight[k]) * m[k];
		b[k] = (u128)100000000 * c[k];
		q += a[k] / b[k];
		rem[k] = a[k] % b[k];
		out->positive[k] = a[k] > 0;
	}
	/* The small parts' remainders over their common denominator. */
	B = (u128)100000000 * c[DN_PART_DAYS] * c[DN_PART_PROMISES] * c[DN_PART_ITEMS];
	A = rem[DN_PART_DAYS] * c[DN_PART_PROMISES] * c[DN_PART_ITEMS] +
	    rem[DN_PART_PROMISES] * c[DN_PART_DAYS] * c[DN_PART_ITEMS] +
	    rem[DN_PART_ITEMS] * c[DN_PART_DAYS] * c[DN_PART_PROMISES];
	Q = 2 * B;
	for (j = 0; j < 4; j++) {
		u128 half = (u128)(2 * j + 1) * B;
		if (half <= 2 * A) {
			q++; /* A/B alone reaches j + 1/2 */
			continue;
		}
		P = half - 2 * A;
		if (frac_cmp(rem[DN_PART_OVERDUE], b[DN_PART_OVERDUE], P, Q) >= 0)
			q++;
	}
	out->tenths = (long)q;
	/* Parts by contribution, largest first; ties keep the formula's order. */
	for (k = 0; k < DN_PART_COUNT; k++)
		out->order[k] = (unsigned char)k;
	for (k = 1; k < DN_PART_COUNT; k++) {
		unsigned char p = out->order[k];
		for (i = k; i > 0 && frac_cmp(a[out->order[i - 1]], b[out->order[i - 1]], a[p],
					      b[p]) < 0;
		     i--)
			out->order[i] = out->order[i - 1];
		out->order[i] = p;
	}
}

char dn_score_priority(const dn_score_rules *r, long tenths)
{
	/* score >= t  <=>  tenths * 10^8 >= t scaled to nine decimals */
	dn_i128 s = (dn_i128)tenths * 100000000;

	if (s >= nine(r->threshold_a))
		return 'A';
	if (s >= nine(r->threshold_b))
		return 'B';
	return 'C';
}

/* ---- item columns for scoring ---- */

int dn_item_extra_read(const dn_item_schema *s, const dn_row *row, const dn_item *it,
		       dn_item_extra *x, dn_error *e)
{
	const dn_input_format *in = dn_config_input(s->cfg);
	size_t len;
	const char *v;
	dn_error tmp;
	int rc;

	memset(x, 0, sizeof *x);
	v = dn_item_field(s, row, DN_COL_CAPACITY, &len);
	if (v != NULL && len > 0) {
		if (dn_money_parse(v, len, it->decimals, &in->number, &x->capacity, &tmp) != 0) {
			char msg[160];
			if (tmp.reason == DN_R_TOO_MANY_DECIMALS)
				snprintf(msg, sizeof msg, "more decimals than %s has (%d)",
					 it->currency, it->decimals);
			else
				snprintf(msg, sizeof msg, "%s", tmp.message);
			return dn_item_field_error(s, row, DN_COL_CAPACITY, msg, e);
		}
		if (x->capacity < 0)
			return dn_item_field_error(s, row, DN_COL_CAPACITY, "negative capacity", e);
		x->has_capacity = 1;
	}
	v = dn_item_field(s, row, DN_COL_PROMISE_DATE, &len);
	if (v != NULL && len > 0) {
		rc = dn_date_parse(v, len, in->date, &x->promise_date);
		if (rc != 0)
			return dn_item_field_error(s, row, DN_COL_PROMISE_DATE,
						   dn_date_strerror(rc), e);
		x->has_promise_date = 1;
	}
	for (rc = 0; rc < DN_CARRY_COUNT; rc++)
		x->carry[rc] = dn_item_field(s, row, dn_carry_cols[rc], &x->carry_len[rc]);
	return 0;
}

const dn_col dn_carry_cols[DN_CARRY_COUNT] = {DN_COL_CUSTOMER_NAME, DN_COL_EMAIL, DN_COL_PHONE,
					      DN_COL_LANGUAGE};

/* ---- the board ---- */

/* The totals of one (customer, currency), kept small and next to its key:
 * 100,000 groups hit at random must stay in cache as much as they can (the
 * output rows are built apart, by dn_scoreboard_rank). */
struct group {
	const dn_jcustomer *jc;
	int64_t balance;     /* whole open balance */
	int64_t undisputed;  /* undisputed overdue balances */
	int64_t credits;     /* negative balances (<= 0) */
	int64_t capacity;    /* the smallest capacity seen */
	int64_t disputed;    /* open disputed balances */
	char *carry[DN_CARRY_COUNT]; /* first non-empty carried values */
	long items;          /* undisputed overdue items */
	long oldest_days;    /* of an undisputed overdue item */
	long disputed_items; /* overdue items disputed (items or journal) */
	dn_date item_promise_until;
	unsigned char has_capacity, item_promise;
	char currency[4];
	int decimals;
	size_t len;
	char name[];         /* the customer, NUL-terminated; the table's key */
};

struct capcache {
	char cur[4];
	int64_t cap;
	int uncapped; /* not the [general] currency, and no cap_overdue_<cur> */
};

struct dn_scoreboard {
	const dn_score_rules *r;
	dn_journal *j;
	dn_date as_of;
	dn_keytab *groups;
	struct group *last; /* items of a customer often come together */
	dn_priority *out;   /* the rows, built by dn_scoreboard_rank */
	const dn_priority **rows;
	struct capcache *caps;
	size_t ncaps;
};

static void group_key(const void *rec, const char **k1, size_t *n1, const char **k2,
		      size_t *n2)
{
	const struct group *g = rec;

	*k1 = g->name;
	*n1 = g->len;
	*k2 = g->currency;
	*n2 = 3;
}

dn_scoreboard *dn_scoreboard_new(const dn_score_rules *rules, dn_journal *journal,
				 dn_date as_of)
{
	dn_scoreboard *b = calloc(1, sizeof *b);

	if (b == NULL)
		return NULL;
	b->r = rules;
	b->j = journal;
	b->as_of = as_of;
	if ((b->groups = dn_keytab_new(group_key)) == NULL) {
		free(b);
		return NULL;
	}
	return b;
}

void dn_scoreboard_free(dn_scoreboard *b)
{
	size_t pos = 0;
	struct group *g;

	if (b == NULL)
		return;
	while ((g = dn_keytab_next(b->groups, &pos)) != NULL) {
		for (int k = 0; k < DN_CARRY_COUNT; k++)
			free(g->carry[k]);
		free(g);
	}
	dn_keytab_free(b->groups);
	free(b->out);
	free(b->rows);
	free(b->caps);
	free(b);
}

static struct group *group_of(dn_scoreboard *b, const dn_item *it)
{
	struct group *g = b->last;

	if (g != NULL && g->len == it->customer_len && memcmp(g->currency, it->currency, 4) == 0 &&
	    memcmp(g->name, it->customer, it->customer_len) == 0)
		return g;
	g = dn_keytab_get(b->groups, it->customer, it->customer_len, it->currency, 3);
	if (g == NULL) {
		g = calloc(1, sizeof *g + it->customer_len + 1);
		if (g == NULL)
			return NULL;
		memcpy(g->name, it->customer, it->customer_len);
		g->len = it->customer_len;
		memcpy(g->currency, it->currency, 4);
		g->decimals = it->decimals;
		g->jc = dn_journal_customer(b->j, it->customer, it->customer_len);
		if (dn_keytab_put(b->groups, g) != 0) {
			free(g);
			return NULL;
		}
	}
	b->last = g;
	return g;
}

/* Keep the first non-empty value of each carried column. */
static int carry(struct group *g, const dn_item_extra *x)
{
	int k;

	for (k = 0; x != NULL && k < DN_CARRY_COUNT; k++) {
		if (g->carry[k] != NULL || x->carry[k] == NULL || x->carry_len[k] == 0)
			continue;
		if ((g->carry[k] = malloc(x->carry_len[k] + 1)) == NULL)
			return -1;
		memcpy(g->carry[k], x->carry[k], x->carry_len[k]);
		g->carry[k][x->carry_len[k]] = '\0';
	}
	return 0;
}

int dn_scoreboard_add(dn_scoreboard *b, const dn_item *it, const dn_item_extra *x,
		      dn_error *e)
{
	struct group *g;
	dn_aged a;
	int64_t balance, credits, undisputed, disputed_amount;
	int overdue_item = 0, disputed = 0;

	if (!dn_age_item(it, b->as_of, DN_BASIS_DUE, NULL, 0, &a))
		return 0; /* not issued yet at as-of */
	if (a.balance == 0) {
		dn_journal_see_item(b->j, it); /* a settled invoice may keep a promise */
		return 0;
	}
	if ((g = group_of(b, it)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	/* Compute everything first, so a row refused for an overflow leaves
	 * the totals as they were. */
	credits = g->credits;
	undisputed = g->undisputed;
	disputed_amount = g->disputed;
	if (dn_money_add(g->balance, a.balance, &balance) != 0)
		return dn_error_set(e, DN_EX_DATAERR, "customer balance out of range");
	if (a.balance < 0) {
		if (dn_money_add(credits, a.balance, &credits) != 0)
			return dn_error_set(e, DN_EX_DATAERR, "customer credits out of range");
	} else if (a.days > 0) {
		overdue_item = 1;
		disputed = it->disputed ||
			   dn_journal_disputed(g->jc, it->currency, it->invoice, it->invoice_len);
		if (!disputed && dn_money_add(undisputed, a.balance, &undisputed) != 0)
			return dn_error_set(e, DN_EX_DATAERR,
					    "customer overdue total out of range");
	}
	if (a.balance > 0 && !overdue_item)
		disputed = it->disputed ||
			   dn_journal_disputed(g->jc, it->currency, it->invoice, it->invoice_len);
	if (a.balance > 0 && disputed &&
	    dn_money_add(disputed_amount, a.balance, &disputed_amount) != 0)
		return dn_error_set(e, DN_EX_DATAERR, "customer disputed total out of range");
	if (carry(g, x) != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	g->disputed = disputed_amount;
	g->balance = balance;
	g->credits = credits;
	g->undisputed = undisputed;
	if (overdue_item && disputed) {
		g->disputed_items++;
	} else if (overdue_item) {
		g->items++;
		if (a.days > g->oldest_days)
			g->oldest_days = a.days;
	}
	if (x != NULL && x->has_capacity &&
	    (!g->has_capacity || x->capacity < g->capacity)) {
		g->has_capacity = 1;
		g->capacity = x->capacity;
	}
	if (x != NULL && x->has_promise_date && a.balance > 0 && x->promise_date >= b->as_of &&
	    (!g->item_promise || x->promise_date > g->item_promise_until)) {
		g->item_promise = 1;
		g->item_promise_until = x->promise_date;
	}
	dn_journal_see_item(b->j, it);
	return 0;
}

/* cap_overdue in minor units of a currency (a handful of currencies). */
static int cap_for(dn_scoreboard *b, dn_priority *p, int64_t *cap, dn_error *e)
{
	size_t i;
	struct capcache *nc;

	char key[32], lower[4];

	for (i = 0; i < b->ncaps; i++)
		if (memcmp(b->caps[i].cur, p->currency, 4) == 0) {
			*cap = b->caps[i].cap;
			p->uncapped = b->caps[i].uncapped;
			return 0;
		}
	if (dn_config_money(b->r->cfg, "score", "cap_overdue", p->currency, p->decimals, "10000",
			    cap, e) != 0)
		return e->status;
	nc = realloc(b->caps, (b->ncaps + 1) * sizeof *nc);
	if (nc == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	b->caps = nc;
	for (i = 0; i < 4; i++)
		lower[i] = (char)(p->currency[i] >= 'A' && p->currency[i] <= 'Z' ? p->currency[i] + 32
										  : p->currency[i]);
	snprintf(key, sizeof key, "cap_overdue_%s", lower);
	p->uncapped = strcmp(p->currency, dn_config_currency(b->r->cfg)) != 0 &&
		      dn_config_get(b->r->cfg, "score", key) == NULL;
	memcpy(nc[b->ncaps].cur, p->currency, 4);
	nc[b->ncaps].uncapped = p->uncapped;
	nc[b->ncaps++].cap = *cap;
	return 0;
}

/* The next-action rule table (man/prioritize.1), first match wins. */
static const char *next_action(const dn_score_rules *r, const dn_priority *p,
			       const dn_journal_status *st)
{
	if (p->hold.kind != DN_HOLD_NONE)
		return "none";
	if (st->legal)
		return "legal";
	if (!st->contacted)
		return "email";
	if (p->priority[0] == 'A' && p->broken > 0)
		return "call";
	if (r->last_level_days >= 0 && p->oldest_days > r->last_level_days)
		return "formal_notice";
	if (p->has_capacity && p->overdue > p->capacity)
		return "plan";
	return "email";
}

static int finish_group(dn_scoreboard *b, const struct group *g, dn_priority *p, dn_error *e)
{
	dn_journal_status st;
	dn_score_input in;
	int64_t cap = 0; /* set by cap_for; LTO cannot see that on every path */

	p->customer = g->name;
	p->customer_len = g->len;
	memcpy(p->currency, g->currency, 4);
	p->decimals = g->decimals;
	p->balance = g->balance;
	p->oldest_days = g->oldest_days;
	p->items = g->items;
	p->has_capacity = g->has_capacity;
	p->capacity = g->capacity;
	p->disputed = g->disputed;
	for (int k = 0; k < DN_CARRY_COUNT; k++) {
		p->carry[k] = g->carry[k];
		p->carry_len[k] = g->carry[k] ? strlen(g->carry[k]) : 0;
	}
	dn_journal_status_of(b->j, g->jc, p->currency, &st);
	if (cap_for(b, p, &cap, e) != 0)
		return e->status;
	p->broken = st.promises_broken + st.plans_broken;
	in.overdue = p->overdue;
	in.cap_overdue = cap;
	in.oldest_days = p->oldest_days;
	in.broken = p->broken;
	in.items = p->items;
	dn_score_compute(b->r, &in, &p->score);
	dn_hold_decide(&b->r->hold, b->as_of, &st, g->disputed_items > 0 && p->overdue == 0,
		       g->item_promise, g->item_promise_until, &p->hold);
	if (p->hold.kind != DN_HOLD_NONE)
		snprintf(p->priority, sizeof p->priority, "hold");
	else
		snprintf(p->priority, sizeof p->priority, "%c",
			 dn_score_priority(b->r, p->score.tenths));
	p->next_action = next_action(b->r, p, &st);
	return 0;
}

static int cmp_priority(const void *pa, const void *pb)
{
	const dn_priority *a = *(const dn_priority *const *)pa;
	const dn_priority *b = *(const dn_priority *const *)pb;
	dn_i128 oa, ob;
	int c;

	if (a->score.tenths != b->score.tenths)
		return a->score.tenths > b->score.tenths ? -1 : 1;
	/* overdue in major units: a / 10^da against b / 10^db */
	oa = (dn_i128)a->overdue * dn_pow10(b->decimals);
	ob = (dn_i128)b->overdue * dn_pow10(a->decimals);
	if (oa != ob)
		return oa > ob ? -1 : 1;
	c = dn_bytes_cmp(a->customer, a->customer_len, b->customer, b->customer_len);
	return c != 0 ? c : strcmp(a->currency, b->currency);
}

/* What a group has overdue: its undisputed overdue less its credits, 0 at
 * least.  Documented filter: a group is ranked when that is above 0, or
 * when it has a disputed overdue item. */
static int64_t group_overdue(const struct group *g, int *ranked)
{
	int64_t overdue = g->undisputed + g->credits; /* never overflows: signs differ */

	if (overdue < 0)
		overdue = 0;
	*ranked = overdue != 0 || g->disputed_items != 0;
	return overdue;
}

struct code {
	char cur[4];
	int decimals;
};

static int cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct code *)a)->cur, ((const struct code *)b)->cur);
}

/* The cap of every currency the ranking will look up, read in code order:
 * a cap that does not fit one of them is then named the same way whatever
 * order the table keeps the groups in.  0, or a status with e filled. */
static int read_caps(dn_scoreboard *b, dn_error *e)
{
	struct code *codes = NULL, *nc;
	size_t pos = 0, ncodes = 0, i;
	struct group *g;
	int64_t cap;
	int rc = 0, ranked;

	while ((g = dn_keytab_next(b->groups, &pos)) != NULL) {
		(void)group_overdue(g, &ranked);
		if (!ranked)
			continue;
		for (i = 0; i < ncodes && strcmp(codes[i].cur, g->currency) != 0; i++)
			;
		if (i < ncodes)
			continue; /* its currency is listed already */
		if ((nc = realloc(codes, (ncodes + 1) * sizeof *nc)) == NULL) {
			free(codes);
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		}
		codes = nc;
		memcpy(codes[ncodes].cur, g->currency, 4);
		codes[ncodes++].decimals = g->decimals;
	}
	if (ncodes > 0)
		qsort(codes, ncodes, sizeof *codes, cmp_code);
	for (i = 0; i < ncodes && rc == 0; i++) {
		dn_priority p = {.decimals = codes[i].decimals};
		memcpy(p.currency, codes[i].cur, 4);
		rc = cap_for(b, &p, &cap, e);
	}
	free(codes);
	return rc;
}

int dn_scoreboard_rank(dn_scoreboard *b, const dn_priority *const **rows, size_t *n,
		       dn_error *e)
{
	size_t pos = 0, k = 0, total = dn_keytab_count(b->groups);
	struct group *g;
	int rc;

	*rows = NULL;
	*n = 0;
	free(b->out);
	free(b->rows);
	b->out = calloc(total ? total : 1, sizeof *b->out);
	b->rows = malloc((total ? total : 1) * sizeof *b->rows);
	if (b->out == NULL || b->rows == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if ((rc = read_caps(b, e)) != 0)
		return rc;
	while ((g = dn_keytab_next(b->groups, &pos)) != NULL) {
		dn_priority *p = &b->out[k];
		int ranked;
		p->overdue = group_overdue(g, &ranked);
		if (!ranked)
			continue;
		if ((rc = finish_group(b, g, p, e)) != 0)
			return rc;
		b->rows[k++] = p;
	}
	qsort(b->rows, k, sizeof *b->rows, cmp_priority);
	*rows = b->rows;
	*n = k;
	return 0;
}
