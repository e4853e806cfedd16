/* ledger.c - ledger entries to items (see ledger.h for the rules). */
#include "ledger.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keytab.h"
#include "money.h"
#include "pattern.h"

#define POOL_BLOCK (64 * 1024)

/* ---- a pool of strings that live as long as the ledger ---- */

struct block {
	struct block *next;
	size_t used, cap;
	char data[];
};

struct pool {
	struct block *head;
};

static char *pool_dup(struct pool *p, const char *s, size_t len)
{
	struct block *b = p->head;
	char *out;

	if (b == NULL || b->cap - b->used < len + 1) {
		size_t cap = len + 1 > POOL_BLOCK ? len + 1 : POOL_BLOCK;
		b = malloc(sizeof *b + cap);
		if (b == NULL)
			return NULL;
		b->used = 0;
		b->cap = cap;
		b->next = p->head;
		p->head = b;
	}
	out = b->data + b->used;
	memcpy(out, s, len);
	out[len] = '\0';
	b->used += len + 1;
	return out;
}

/* Keep the newest block for reuse, free the others. */
static void pool_reset(struct pool *p)
{
	struct block *b = p->head, *next;

	if (b == NULL)
		return;
	for (next = b->next; next != NULL; next = b->next) {
		b->next = next->next;
		free(next);
	}
	b->used = 0;
}

static void pool_free(struct pool *p)
{
	while (p->head != NULL) {
		struct block *next = p->head->next;
		free(p->head);
		p->head = next;
	}
}

/* ---- records ---- */

struct item;

/* A customer in one currency. */
struct cust {
	size_t id_len;
	char currency[4];
	int decimals;
	const char *name;
	size_t name_len;
	int64_t balance;		    /* debits - credits of its receivable lines */
	int64_t check;			    /* open balances of its items, at the end */
	struct item *open_head, *open_tail; /* unlettered charges open, oldest due first */
	struct item *cr_head, *cr_tail;	    /* unlettered credit items open, by arrival */
	char id[]; /* in the record: one cache line less to fetch per lookup */
};

struct group;

struct item {
	struct cust *cust;
	struct group *group; /* its lettering group (which lists it while open), or NULL */
	dn_date issue, due, paid_date;
	int64_t amount, paid, wo;
	long seq;
	unsigned credit : 1;   /* a credit item (amount < 0) */
	unsigned writeoff : 1; /* a credit item left by a write-off */
	unsigned closed : 1;
	unsigned gone : 1;   /* moved away whole by a transfer */
	unsigned linked : 1; /* in its customer's open or credit list */
	struct item *prev, *next;
	char invoice[];
};

/* A lettering group (CompteNum, CompAuxNum, EcritureLet, currency). */
struct group {
	struct group *hnext;
	uint64_t hash;
	size_t key_len;
	struct item **member; /* its open charges and credit items */
	size_t n, cap;
	int queued; /* in the ledger's list of groups to look at after the entry */
	char key[];
};

/* One line of the entry being gathered: texts copied into the scratch pool. */
struct line {
	dn_entry en;	   /* first: a line's entry is the line */
	struct cust *cust; /* receivable lines: its customer, looked up once */
};

/* A part of an item moved by a transfer. */
struct frag {
	const char *invoice; /* copied into the scratch pool */
	dn_date issue, due;
	int64_t amount;
};

struct dn_ledger {
	const dn_config *cfg;
	int fifo;
	dn_pattern *re; /* [ledger] ref_pattern, or NULL */
	dn_explain_fn explain;
	void *explain_ctx;

	struct pool strings, scratch;
	dn_keytab *custs;
	struct group **gtab;
	size_t gcap, gcount;

	struct item **closed; /* closed during the current entry: written out after it */
	size_t nclosed, ccap;
	struct group **emptied; /* groups that lost every member during the entry */
	size_t nemptied, ecap;
	dn_itemsort *sorter;
	long seq;

	struct line *lines; /* the current entry */
	size_t nlines, lcap;
	struct frag *frags;
	size_t nfrags, fcap;
	char entry_file[256];
};

static int oom(dn_error *e)
{
	return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t ncap = *cap ? *cap : 16;
	void *np;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	np = realloc(*p, ncap * elem);
	if (np == NULL)
		return -1;
	*p = np;
	*cap = ncap;
	return 0;
}

static void cust_key(const void *rec, const char **k1, size_t *n1, const char **k2, size_t *n2)
{
	const struct cust *c = rec;

	*k1 = c->id;
	*n1 = c->id_len;
	*k2 = c->currency;
	*n2 = strlen(c->currency);
}

/* ---- set-up ---- */

static int compile_ref(dn_ledger *l, const char *pattern, dn_error *e)
{
	l->re = dn_pattern_new(pattern, strlen(pattern), dn_config_file(l->cfg), 0, e);
	if (l->re == NULL && e != NULL && e->status == DN_EX_CONFIG)
		dn_error_subject(e, "key", "[ledger] ref_pattern");
	return l->re != NULL ? 0 : e != NULL ? e->status : DN_EX_CONFIG;
}

dn_ledger *dn_ledger_new(const dn_config *cfg, dn_error *e)
{
	dn_ledger *l = calloc(1, sizeof *l);
	const char *v;

	if (l == NULL) {
		oom(e);
		return NULL;
	}
	l->cfg = cfg;
	v = dn_config_get(cfg, "ledger", "apply");
	l->fifo = v == NULL || strcmp(v, "fifo") == 0;
	l->custs = dn_keytab_new(cust_key);
	l->sorter = dn_itemsort_new(0);
	if (l->custs == NULL || l->sorter == NULL) {
		oom(e);
		goto fail;
	}
	v = dn_config_get(cfg, "ledger", "ref_pattern");
	if (v != NULL && *v != '\0' && compile_ref(l, v, e) != 0)
		goto fail;
	return l;
fail:
	dn_ledger_free(l);
	return NULL;
}

void dn_ledger_explain(dn_ledger *l, dn_explain_fn fn, void *ctx)
{
	l->explain = fn;
	l->explain_ctx = ctx;
}

static void free_list(struct item *it)
{
	while (it != NULL) {
		struct item *next = it->next;
		free(it);
		it = next;
	}
}

static void free_group(struct group *g)
{
	free(g->member);
	free(g);
}

void dn_ledger_free(dn_ledger *l)
{
	size_t i, pos = 0;
	struct cust *c;

	if (l == NULL)
		return;
	for (i = 0; i < l->gcap; i++)
		while (l->gtab[i] != NULL) {
			struct group *g = l->gtab[i];
			l->gtab[i] = g->hnext;
			for (size_t k = 0; k < g->n; k++)
				free(g->member[k]);
			free_group(g);
		}
	free(l->gtab);
	/* Items still held live in their customer's lists or their groups. */
	for (i = 0; i < l->nclosed; i++)
		free(l->closed[i]);
	free(l->closed);
	free(l->emptied);
	while (l->custs != NULL && (c = dn_keytab_next(l->custs, &pos)) != NULL) {
		free_list(c->open_head);
		free_list(c->cr_head);
		free(c);
	}
	dn_itemsort_free(l->sorter);
	dn_keytab_free(l->custs);
	free(l->lines);
	free(l->frags);
	pool_free(&l->strings);
	pool_free(&l->scratch);
	dn_pattern_free(l->re);
	free(l);
}

/* ---- explain ---- */

static void say(dn_ledger *l, const dn_entry *en, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void say(dn_ledger *l, const dn_entry *en, const char *fmt, ...)
{
	char buf[1024];
	int n;
	va_list ap;

	if (l->explain == NULL)
		return;
	n = snprintf(buf, sizeof buf, "%s:%ld: %.*s: ", en->file, en->line, (int)en->customer.len,
		     en->customer.s);
	if (n < 0 || (size_t)n >= sizeof buf)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
	va_end(ap);
	l->explain(l->explain_ctx, buf);
}

static const char *money(const struct cust *c, int64_t v, char *buf)
{
	dn_money_format(v, c->decimals, buf);
	return buf;
}

/* ---- customers, items, groups ---- */

static struct cust *find_cust(dn_ledger *l, const dn_entry *en)
{
	struct cust *c = dn_keytab_get(l->custs, en->customer.s, en->customer.len, en->currency,
				       strlen(en->currency));

	if (c != NULL) {
		if (*c->name == '\0' && en->customer_name.len > 0) {
			c->name = pool_dup(&l->strings, en->customer_name.s, en->customer_name.len);
			c->name_len = en->customer_name.len;
		}
		return c->name != NULL ? c : NULL;
	}
	c = calloc(1, sizeof *c + en->customer.len + 1);
	if (c == NULL)
		return NULL;
	memcpy(c->id, en->customer.s, en->customer.len);
	c->id_len = en->customer.len;
	c->name = pool_dup(&l->strings, en->customer_name.s, en->customer_name.len);
	c->name_len = en->customer_name.len;
	memcpy(c->currency, en->currency, 4);
	c->decimals = en->decimals;
	if (c->name == NULL || dn_keytab_put(l->custs, c) != 0) {
		free(c);
		return NULL;
	}
	return c;
}

/* The customer of a receivable line of the current entry. */
static struct cust *cust_of(dn_ledger *l, const dn_entry *en)
{
	(void)l;
	return ((const struct line *)(const void *)en)->cust;
}

static int64_t open_of(const struct item *it)
{
	return it->amount - it->paid - it->wo;
}

static struct item *new_item(dn_ledger *l, struct cust *c, const char *inv, size_t inv_len,
			     dn_date issue, dn_date due, int64_t amount)
{
	struct item *it = calloc(1, sizeof *it + inv_len + 1);

	if (it == NULL)
		return NULL;
	memcpy(it->invoice, inv, inv_len);
	it->cust = c;
	it->issue = issue;
	it->due = due;
	it->amount = amount;
	it->credit = amount < 0;
	it->seq = l->seq++;
	return it;
}

static int before(const struct item *a, const struct item *b)
{
	if (a->due != b->due)
		return a->due < b->due;
	if (a->issue != b->issue)
		return a->issue < b->issue;
	return a->seq < b->seq;
}

/* Into the customer's open charges, kept oldest due first (new charges
 * are usually the latest: the walk from the tail is short). */
static void link_charge(struct item *it)
{
	struct cust *c = it->cust;
	struct item *at = c->open_tail;

	while (at != NULL && before(it, at))
		at = at->prev;
	it->prev = at;
	it->next = at ? at->next : c->open_head;
	if (it->next)
		it->next->prev = it;
	else
		c->open_tail = it;
	if (at)
		at->next = it;
	else
		c->open_head = it;
	it->linked = 1;
}

static void link_credit(struct item *it)
{
	struct cust *c = it->cust;

	it->prev = c->cr_tail;
	it->next = NULL;
	if (c->cr_tail)
		c->cr_tail->next = it;
	else
		c->cr_head = it;
	c->cr_tail = it;
	it->linked = 1;
}

static void unlink_item(struct item *it)
{
	struct cust *c = it->cust;
	struct item **head = it->credit ? &c->cr_head : &c->open_head;
	struct item **tail = it->credit ? &c->cr_tail : &c->open_tail;

	if (!it->linked)
		return;
	if (it->prev)
		it->prev->next = it->next;
	else
		*head = it->next;
	if (it->next)
		it->next->prev = it->prev;
	else
		*tail = it->prev;
	it->prev = it->next = NULL;
	it->linked = 0;
}

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

/* The group key: account, customer, letter, currency, NUL-separated (no
 * field holds a NUL: the reader refuses them). */
static size_t group_key(const dn_entry *en, char *buf, size_t size)
{
	const dn_span part[4] = {
	    en->account, en->customer, en->letter, {en->currency, strlen(en->currency)}};
	size_t n = 0;

	for (int k = 0; k < 4; k++) {
		if (n + part[k].len + 1 > size)
			return 0;
		memcpy(buf + n, part[k].s, part[k].len);
		n += part[k].len;
		buf[n++] = '\0';
	}
	return n;
}

static int gtab_grow(dn_ledger *l)
{
	size_t ncap = l->gcap ? l->gcap * 2 : 1024, i;
	struct group **nt = calloc(ncap, sizeof *nt);

	if (nt == NULL)
		return -1;
	for (i = 0; i < l->gcap; i++)
		while (l->gtab[i] != NULL) {
			struct group *g = l->gtab[i];
			l->gtab[i] = g->hnext;
			g->hnext = nt[g->hash & (ncap - 1)];
			nt[g->hash & (ncap - 1)] = g;
		}
	free(l->gtab);
	l->gtab = nt;
	l->gcap = ncap;
	return 0;
}

static struct group *group_of(dn_ledger *l, const dn_entry *en)
{
	char key[1024];
	size_t n = group_key(en, key, sizeof key);
	uint64_t h = fnv1a(key, n);
	struct group *g;

	if (n == 0)
		return NULL;
	if (l->gcount >= l->gcap && gtab_grow(l) != 0)
		return NULL;
	for (g = l->gtab[h & (l->gcap - 1)]; g != NULL; g = g->hnext)
		if (g->hash == h && g->key_len == n && memcmp(g->key, key, n) == 0)
			return g;
	if ((g = calloc(1, sizeof *g + n)) == NULL)
		return NULL;
	memcpy(g->key, key, n);
	g->key_len = n;
	g->hash = h;
	g->hnext = l->gtab[h & (l->gcap - 1)];
	l->gtab[h & (l->gcap - 1)] = g;
	l->gcount++;
	return g;
}

static int group_add(struct group *g, struct item *it)
{
	/* Most groups are an invoice and its payment: start small. */
	if (g->cap == 0 && (g->member = malloc(2 * sizeof *g->member)) != NULL)
		g->cap = 2;
	if (grow((void **)&g->member, &g->cap, g->n + 1, sizeof *g->member) != 0)
		return -1;
	g->member[g->n++] = it;
	it->group = g;
	return 0;
}

/* A group with nothing open is done: a later line with its letter starts
 * a new one (what balanced before it balances on its own). */
static void group_done(dn_ledger *l, struct group *g)
{
	struct group **p = &l->gtab[g->hash & (l->gcap - 1)];

	while (*p != g)
		p = &(*p)->hnext;
	*p = g->hnext;
	l->gcount--;
	free_group(g);
}

/* A closed item leaves its lists now and the ledger after the entry (so
 * that nothing handling the entry holds a freed item). */
static int close_item(dn_ledger *l, struct item *it, dn_date date)
{
	struct group *g = it->group;

	it->closed = 1;
	it->paid_date = date > it->issue ? date : it->issue;
	unlink_item(it);
	if (g != NULL) {
		size_t i = 0;
		while (g->member[i] != it)
			i++;
		g->member[i] = g->member[--g->n];
		it->group = NULL;
		if (g->n == 0 && !g->queued) {
			if (grow((void **)&l->emptied, &l->ecap, l->nemptied + 1,
				 sizeof *l->emptied) != 0)
				return -1;
			l->emptied[l->nemptied++] = g;
			g->queued = 1;
		}
	}
	if (grow((void **)&l->closed, &l->ccap, l->nclosed + 1, sizeof *l->closed) != 0)
		return -1;
	l->closed[l->nclosed++] = it;
	return 0;
}

/* ---- applications ---- */

/* A credit being applied. */
struct credit {
	const dn_entry *en;
	struct cust *cust;
	int64_t left;
	int wo;
	int transfer; /* takes the amount off the items: they move */
	const char *what;
};

static dn_date close_date(const dn_entry *en)
{
	return en->has_let_date ? en->let_date : en->date;
}

static int add_frag(dn_ledger *l, const struct item *it, int64_t x)
{
	const char *inv = pool_dup(&l->scratch, it->invoice, strlen(it->invoice));

	if (inv == NULL || grow((void **)&l->frags, &l->fcap, l->nfrags + 1, sizeof *l->frags) != 0)
		return -1;
	l->frags[l->nfrags++] = (struct frag){inv, it->issue, it->due, x};
	return 0;
}

/* Apply what is left of c to the open charge it. */
static int take(dn_ledger *l, struct credit *c, struct item *it, const char *rule)
{
	int64_t x = open_of(it);
	char a[DN_MONEY_BUFSZ];

	if (x > c->left)
		x = c->left;
	if (x <= 0)
		return 0;
	c->left -= x;
	if (l->explain != NULL)
		say(l, c->en, "%s %s %s -> %s (%s)", c->what, money(c->cust, x, a),
		    c->cust->currency, it->invoice, rule);
	if (c->transfer) {
		if (add_frag(l, it, x) != 0)
			return -1;
		it->amount -= x;
		it->gone = it->amount == 0;
		return open_of(it) == 0 ? close_item(l, it, c->en->date) : 0;
	}
	if (c->wo)
		it->wo += x;
	else
		it->paid += x;
	return open_of(it) == 0 ? close_item(l, it, close_date(c->en)) : 0;
}

/* The group's open charges, oldest due first. */
static int apply_group(dn_ledger *l, struct credit *c, struct group *g, const char *rule)
{
	while (c->left > 0) {
		struct item *best = NULL;
		for (size_t i = 0; i < g->n; i++) {
			struct item *it = g->member[i];
			if (!it->credit && (best == NULL || before(it, best)))
				best = it;
		}
		if (best == NULL)
			return 0;
		if (take(l, c, best, rule) != 0)
			return -1;
	}
	return 0;
}

/* The invoice ref_pattern finds in s (capture group 1 when the pattern
 * has one): 1 with *ref, 0 when none, -1 with e filled (match limit). */
static int find_ref(dn_ledger *l, dn_span s, dn_span *ref, dn_error *e)
{
	size_t start, end;
	int rc = dn_pattern_match(l->re, s.s, s.len, &start, &end, e);

	if (rc == 1) {
		ref->s = s.s + start;
		ref->len = end - start;
	}
	return rc;
}

static int apply_ref(dn_ledger *l, struct credit *c, dn_error *e)
{
	dn_span where[2] = {c->en->label, c->en->piece}, ref = {"", 0};
	struct item *it, *next;

	for (int k = 0; k < 2 && c->left > 0; k++) {
		int rc = find_ref(l, where[k], &ref, e);
		if (rc < 0) {
			/* The line's place, the pattern's in the message. */
			dn_error_where(e, c->en->file, c->en->line);
			dn_error_subject(e, "column", k == 0 ? "EcritureLib" : "PieceRef");
			dn_error_value(e, where[k].s, where[k].len);
			return e->status;
		}
		if (rc == 0)
			continue;
		for (it = c->cust->open_head; it != NULL && c->left > 0; it = next) {
			next = it->next;
			if (strlen(it->invoice) == ref.len &&
			    memcmp(it->invoice, ref.s, ref.len) == 0 &&
			    take(l, c, it, "ref_pattern") != 0)
				return oom(e);
		}
	}
	return 0;
}

static int apply_piece(dn_ledger *l, struct credit *c)
{
	struct item *it, *next;
	dn_span p = c->en->piece;

	for (it = c->cust->open_head; it != NULL && c->left > 0; it = next) {
		next = it->next;
		if (strlen(it->invoice) == p.len && memcmp(it->invoice, p.s, p.len) == 0 &&
		    take(l, c, it, "PieceRef") != 0)
			return -1;
	}
	return 0;
}

static int apply_fifo(dn_ledger *l, struct credit *c)
{
	struct item *it, *next;

	for (it = c->cust->open_head; it != NULL && c->left > 0; it = next) {
		next = it->next;
		if (take(l, c, it, "fifo") != 0)
			return -1;
	}
	return 0;
}

/* Use the open credit item cr on the charge it (a later charge). */
static int use_credit(dn_ledger *l, struct item *cr, struct item *it, const dn_entry *en,
		      const char *rule)
{
	int64_t x = -open_of(cr), room = open_of(it);
	char a[DN_MONEY_BUFSZ];

	if (x > room)
		x = room;
	if (x <= 0)
		return 0;
	if (l->explain != NULL)
		say(l, en, "credit %s %s %s -> %s (%s)", cr->invoice, money(it->cust, x, a),
		    it->cust->currency, it->invoice, rule);
	cr->paid -= x;
	if (cr->writeoff)
		it->wo += x;
	else
		it->paid += x;
	if (open_of(cr) == 0 && close_item(l, cr, close_date(en)) != 0)
		return -1;
	if (open_of(it) == 0 && close_item(l, it, close_date(en)) != 0)
		return -1;
	return 0;
}

/* What a credit could not place stays a credit item, never lost. */
static int leave_credit(dn_ledger *l, struct credit *c, struct group *g, dn_error *e)
{
	const dn_entry *en = c->en;
	dn_span inv = en->invoice.len ? en->invoice : en->piece.len ? en->piece : en->num;
	struct item *it;
	char a[DN_MONEY_BUFSZ];

	if (c->left <= 0)
		return 0;
	it = new_item(l, c->cust, inv.s, inv.len, en->issue_date, en->issue_date, -c->left);
	if (it == NULL)
		return oom(e);
	it->writeoff = c->wo != 0;
	if (l->explain != NULL)
		say(l, en, "%s %s %s left open as credit %s", c->what, money(c->cust, c->left, a),
		    c->cust->currency, it->invoice);
	c->left = 0;
	if (g != NULL)
		return group_add(g, it) == 0 ? 0 : oom(e);
	link_credit(it);
	return 0;
}

/* "lettering AB", for --explain only (printf costs on every line). */
static void lettering_rule(const dn_ledger *l, const dn_entry *en, char *buf, size_t size)
{
	if (l->explain != NULL)
		snprintf(buf, size, "lettering %.*s", (int)en->letter.len, en->letter.s);
	else
		buf[0] = '\0';
}

/* A receivable credit line: lettering, else ref_pattern, else fifo. */
static int add_credit(dn_ledger *l, const dn_entry *en, int wo, int transfer, dn_error *e)
{
	struct credit c = {en, cust_of(l, en), -en->amount,
			   wo, transfer,       transfer ? "transfer" : wo ? "write-off" : "credit"};
	struct group *g = NULL;
	char rule[96];

	if (c.cust == NULL)
		return oom(e);
	if (en->letter.len > 0) {
		if ((g = group_of(l, en)) == NULL)
			return oom(e);
		lettering_rule(l, en, rule, sizeof rule);
		if (apply_group(l, &c, g, rule) != 0)
			return oom(e);
		/* What is left stays with the letter. */
		if (!transfer)
			return leave_credit(l, &c, g, e);
	}
	/* A transfer names what it moves in PieceRef more often than not. */
	if (transfer && en->piece.len > 0 && apply_piece(l, &c) != 0)
		return oom(e);
	if (en->letter.len == 0 && l->re != NULL && apply_ref(l, &c, e) != 0)
		return e->status;
	if ((l->fifo || transfer) && apply_fifo(l, &c) != 0)
		return oom(e);
	return leave_credit(l, &c, NULL, e);
}

/* A charge (an invoice, or an item a transfer carries over). */
static int add_charge(dn_ledger *l, const dn_entry *en, dn_span inv, dn_date issue, dn_date due,
		      int64_t amount, dn_error *e)
{
	struct cust *c = cust_of(l, en);
	struct item *it, *cr, *next;
	struct group *g;

	if (c == NULL || (it = new_item(l, c, inv.s, inv.len, issue, due, amount)) == NULL)
		return oom(e);
	if (en->letter.len > 0) {
		if ((g = group_of(l, en)) == NULL || group_add(g, it) != 0)
			return oom(e);
		char rule[96];
		lettering_rule(l, en, rule, sizeof rule);
		/* Closed members leave g->member: look for the first credit again. */
		while (!it->closed) {
			size_t i = 0;
			while (i < g->n && !g->member[i]->credit)
				i++;
			if (i == g->n)
				break;
			if (use_credit(l, g->member[i], it, en, rule) != 0)
				return oom(e);
		}
		return 0;
	}
	link_charge(it);
	for (cr = c->cr_head; l->fifo && cr != NULL && !it->closed; cr = next) {
		next = cr->next;
		if (use_credit(l, cr, it, en, "fifo") != 0)
			return oom(e);
	}
	return 0;
}

/* A transfer's debit: the items its credits took, carried over; what they
 * do not cover is a charge of its own. */
static int transfer_in(dn_ledger *l, const dn_entry *en, size_t *fi, dn_error *e)
{
	int64_t left = en->amount;

	while (left > 0 && *fi < l->nfrags) {
		struct frag *f = &l->frags[*fi];
		int64_t x = f->amount < left ? f->amount : left;
		dn_span inv = {f->invoice, strlen(f->invoice)};
		char a[DN_MONEY_BUFSZ];
		if (l->explain != NULL)
			say(l, en, "transfer %s %s of %s in", money(cust_of(l, en), x, a),
			    en->currency, f->invoice);
		if (add_charge(l, en, inv, f->issue, f->due, x, e) != 0)
			return e->status;
		f->amount -= x;
		left -= x;
		if (f->amount == 0)
			(*fi)++;
	}
	if (left > 0)
		return add_charge(l, en, en->invoice, en->issue_date, en->due_date, left, e);
	return 0;
}

static int same_side(const dn_entry *a, const dn_entry *b)
{
	return a->account.len == b->account.len && a->customer.len == b->customer.len &&
	       memcmp(a->account.s, b->account.s, a->account.len) == 0 &&
	       memcmp(a->customer.s, b->customer.s, a->customer.len) == 0;
}

static int is_transfer(const dn_ledger *l)
{
	for (size_t i = 0; i < l->nlines; i++) {
		const dn_entry *a = &l->lines[i].en;
		if (!a->receivable || a->amount <= 0)
			continue;
		for (size_t j = 0; j < l->nlines; j++) {
			const dn_entry *b = &l->lines[j].en;
			if (b->receivable && b->amount < 0 && !same_side(a, b))
				return 1;
		}
	}
	return 0;
}

static void to_out(const struct item *it, dn_ledger_item *out)
{
	out->customer = it->cust->id;
	out->invoice = it->invoice;
	out->customer_name = it->cust->name;
	out->customer_len = it->cust->id_len;
	out->invoice_len = strlen(it->invoice); /* just written: in cache */
	out->name_len = it->cust->name_len;
	out->issue_date = it->issue;
	out->due_date = it->due;
	out->amount = it->amount;
	out->paid = it->paid;
	out->written_off = it->wo;
	out->has_paid_date = it->closed;
	out->paid_date = it->paid_date;
	out->currency = it->cust->currency;
	out->decimals = it->cust->decimals;
	out->seq = it->seq;
}

/* Hand one item to the sorter and free it (one moved away whole is not
 * an item any more). */
static int write_item(dn_ledger *l, struct item *it, dn_error *e)
{
	dn_ledger_item out;
	int rc = 0;

	if (!it->gone) {
		to_out(it, &out);
		rc = dn_itemsort_add(l->sorter, &out, e);
	}
	free(it);
	return rc;
}

/* After an entry: closed items go out, groups left empty go. */
static int flush_closed(dn_ledger *l, dn_error *e)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < l->nclosed; i++)
		if (rc == 0)
			rc = write_item(l, l->closed[i], e);
		else
			free(l->closed[i]);
	l->nclosed = 0;
	for (i = 0; i < l->nemptied; i++) {
		l->emptied[i]->queued = 0;
		if (l->emptied[i]->n == 0)
			group_done(l, l->emptied[i]);
	}
	l->nemptied = 0;
	return rc;
}

static int process_entry(dn_ledger *l, dn_error *e)
{
	int wo = 0, transfer;
	size_t i, fi = 0;

	for (i = 0; i < l->nlines; i++) {
		const dn_entry *en = &l->lines[i].en;
		struct cust *c;
		wo |= en->writeoff;
		if (!en->receivable)
			continue;
		if ((c = l->lines[i].cust = find_cust(l, en)) == NULL)
			return oom(e);
		if (dn_money_add(c->balance, en->amount, &c->balance) != 0)
			return dn_error_set(e, DN_EX_DATAERR, "balance out of range");
	}
	transfer = is_transfer(l);
	l->nfrags = 0;
	/* Charges first: a credit of the same entry (a cash sale) finds them;
	 * a transfer's credits first: they say what its debits carry. */
	for (int pass = 0; pass < 2; pass++)
		for (i = 0; i < l->nlines; i++) {
			const dn_entry *en = &l->lines[i].en;
			int credit_pass = transfer ? pass == 0 : pass == 1;
			int rc = 0;
			if (!en->receivable || en->amount == 0 || (en->amount < 0) != credit_pass)
				continue;
			if (en->amount < 0)
				rc = add_credit(l, en, wo && !transfer, transfer, e);
			else if (transfer)
				rc = transfer_in(l, en, &fi, e);
			else
				rc = add_charge(l, en, en->invoice, en->issue_date, en->due_date,
						en->amount, e);
			if (rc != 0)
				return rc;
		}
	l->nlines = 0;
	pool_reset(&l->scratch);
	return flush_closed(l, e);
}

/* ---- lines in ---- */

static int copy_text(struct pool *p, dn_span *t)
{
	char *s = pool_dup(p, t->s, t->len);

	if (s == NULL)
		return -1;
	t->s = s;
	return 0;
}

static int same_entry(const dn_ledger *l, const dn_entry *en)
{
	const dn_entry *a;

	if (l->nlines == 0)
		return 1;
	a = &l->lines[0].en;
	return !en->single && !a->single && strcmp(l->entry_file, en->file) == 0 &&
	       a->journal.len == en->journal.len && a->num.len == en->num.len &&
	       memcmp(a->journal.s, en->journal.s, en->journal.len) == 0 &&
	       memcmp(a->num.s, en->num.s, en->num.len) == 0;
}

int dn_ledger_add(dn_ledger *l, const dn_entry *en, dn_error *e)
{
	dn_entry *c;

	if (!same_entry(l, en) && process_entry(l, e) != 0)
		return e->status;
	if (grow((void **)&l->lines, &l->lcap, l->nlines + 1, sizeof *l->lines) != 0)
		return oom(e);
	c = &l->lines[l->nlines].en;
	*c = *en;
	/* Of a line on another account only the entry and the flags matter. */
	if (!c->receivable) {
		if (copy_text(&l->scratch, &c->journal) || copy_text(&l->scratch, &c->num))
			return oom(e);
	} else if (copy_text(&l->scratch, &c->journal) || copy_text(&l->scratch, &c->num) ||
		   copy_text(&l->scratch, &c->account) || copy_text(&l->scratch, &c->counterpart) ||
		   copy_text(&l->scratch, &c->customer) ||
		   copy_text(&l->scratch, &c->customer_name) ||
		   copy_text(&l->scratch, &c->invoice) || copy_text(&l->scratch, &c->label) ||
		   copy_text(&l->scratch, &c->piece) || copy_text(&l->scratch, &c->letter))
		return oom(e);
	if (l->nlines == 0)
		snprintf(l->entry_file, sizeof l->entry_file, "%s", en->file);
	c->file = l->entry_file;
	l->nlines++;
	return 0;
}

/* ---- the end ---- */

/* The open items at the end: counted for the invariant, then written. */
static int write_open(dn_ledger *l, struct item *it, dn_error *e)
{
	if (dn_money_add(it->cust->check, open_of(it), &it->cust->check) != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "open balance out of range");
	return write_item(l, it, e);
}

static int write_all_open(dn_ledger *l, dn_error *e)
{
	size_t i, pos = 0;
	struct cust *c;
	struct item *it;

	while ((c = dn_keytab_next(l->custs, &pos)) != NULL)
		for (int k = 0; k < 2; k++) {
			while ((it = k ? c->cr_head : c->open_head) != NULL) {
				unlink_item(it);
				if (write_open(l, it, e) != 0)
					return e->status;
			}
		}
	for (i = 0; i < l->gcap; i++)
		while (l->gtab[i] != NULL) {
			struct group *g = l->gtab[i];
			while (g->n > 0)
				if (write_open(l, g->member[--g->n], e) != 0)
					return e->status;
			l->gtab[i] = g->hnext;
			free_group(g);
		}
	l->gcount = 0;
	return 0;
}

/* Per customer and currency, the items' open balances must be the
 * debits - credits of the lines: anything else is a bug of ours. */
static int check_invariant(dn_ledger *l, dn_error *e)
{
	size_t pos = 0;
	struct cust *c;
	char a[DN_MONEY_BUFSZ], b[DN_MONEY_BUFSZ];

	while ((c = dn_keytab_next(l->custs, &pos)) != NULL) {
		if (c->check == c->balance)
			continue;
		dn_error_set(e, DN_EX_SOFTWARE,
			     "internal check failed: open items %s %s, debits - credits %s %s",
			     money(c, c->check, a), c->currency, money(c, c->balance, b),
			     c->currency);
		dn_error_subject(e, "customer", c->id);
		return DN_EX_SOFTWARE;
	}
	return 0;
}

int dn_ledger_finish(dn_ledger *l, dn_error *e)
{
	if (l->nlines > 0 && process_entry(l, e) != 0)
		return e->status;
	if (write_all_open(l, e) != 0)
		return e->status;
	return check_invariant(l, e);
}

int dn_ledger_next(dn_ledger *l, dn_ledger_item *out, dn_error *e)
{
	return dn_itemsort_next(l->sorter, out, e);
}

void dn_ledger_set_batch(dn_ledger *l, size_t bytes)
{
	dn_itemsort *s = dn_itemsort_new(bytes);

	if (s != NULL) {
		dn_itemsort_free(l->sorter);
		l->sorter = s;
	}
}

size_t dn_ledger_runs(const dn_ledger *l)
{
	return dn_itemsort_runs(l->sorter);
}
