/* itemsort.c - sorted runs in a temporary file, merged (see itemsort.h). */
#define _POSIX_C_SOURCE 200809L
#include "itemsort.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keytab.h"

#define DEFAULT_BATCH (16u << 20)
#define RUN_BUF (64 * 1024)
#define PREFETCH_AHEAD 8

/* A record: this header, then customer, invoice and name, each NUL-ended,
 * padded to 8 bytes so that records in a buffer stay aligned. */
struct rec {
	int64_t amount, paid, wo, seq;
	int32_t issue, due, paid_date;
	uint32_t cust_len, inv_len, name_len;
	uint32_t size;
	uint8_t has_paid_date, decimals;
	char currency[4];
};

struct run {
	off_t pos, end; /* what is left of it in the file */
	char *buf;	/* aligned: from malloc */
	size_t len, cap, at;
};

struct dn_itemsort {
	size_t batch;
	char *data; /* the batch: records one after the other */
	size_t dlen, dcap;
	size_t *offs;
	size_t n, ocap;
	struct sortkey *keys;	   /* the batch being sorted */
	const struct rec **sorted; /* the last batch, in order */
	size_t mem_next;

	FILE *tmp;
	off_t tmp_len;
	struct run *runs;
	size_t nruns, runs_cap;
	int merging;
	long last; /* source of the previous answer: a run, -1 the batch, -2 none */
};

static const char *rec_cust(const struct rec *r)
{
	return (const char *)(r + 1);
}

static const char *rec_inv(const struct rec *r)
{
	return rec_cust(r) + r->cust_len + 1;
}

static const char *rec_name(const struct rec *r)
{
	return rec_inv(r) + r->inv_len + 1;
}

static int cmp_rec(const struct rec *a, const struct rec *b)
{
	int c = dn_bytes_cmp(rec_cust(a), a->cust_len, rec_cust(b), b->cust_len);

	if (c != 0)
		return c;
	if (a->issue != b->issue)
		return a->issue < b->issue ? -1 : 1;
	if ((c = dn_bytes_cmp(rec_inv(a), a->inv_len, rec_inv(b), b->inv_len)) != 0)
		return c;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* A record's first bytes as numbers, so that most comparisons of a sort
 * never touch the records (which are all over the batch). */
struct sortkey {
	uint64_t cust;	/* the customer's first 8 bytes, big-endian, 0-padded */
	uint64_t issue; /* issue date, then the invoice's first 4 bytes */
	uint32_t cust_len;
	const struct rec *r;
};

static uint64_t be_prefix(const char *s, size_t len, size_t n)
{
	uint64_t v = 0;

	for (size_t i = 0; i < n; i++)
		v = v << 8 | (i < len ? (unsigned char)s[i] : 0u);
	return v;
}

static struct sortkey key_of(const struct rec *r)
{
	struct sortkey k;

	k.cust = be_prefix(rec_cust(r), r->cust_len, 8);
	k.issue = (uint64_t)((int64_t)r->issue + INT32_MAX + 1) << 32 |
		  be_prefix(rec_inv(r), r->inv_len, 4);
	k.cust_len = r->cust_len;
	k.r = r;
	return k;
}

static int cmp_key(const void *pa, const void *pb)
{
	const struct sortkey *a = pa, *b = pb;

	if (a->cust != b->cust)
		return a->cust < b->cust ? -1 : 1;
	/* Ids hold no NUL: equal padded prefixes of ids up to 8 bytes are
	 * equal ids. */
	if (a->cust_len <= 8 && b->cust_len <= 8 && a->issue != b->issue)
		return a->issue < b->issue ? -1 : 1;
	return cmp_rec(a->r, b->r);
}

dn_itemsort *dn_itemsort_new(size_t batch_bytes)
{
	dn_itemsort *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->batch = batch_bytes ? batch_bytes : DEFAULT_BATCH;
	s->last = -2;
	return s;
}

void dn_itemsort_free(dn_itemsort *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nruns; i++)
		free(s->runs[i].buf);
	free(s->runs);
	if (s->tmp != NULL)
		fclose(s->tmp);
	free(s->data);
	free(s->offs);
	free(s->sorted);
	free(s->keys);
	free(s);
}

size_t dn_itemsort_runs(const dn_itemsort *s)
{
	return s->nruns;
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t ncap = *cap ? *cap : 64;
	void *np;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	if ((np = realloc(*p, ncap * elem)) == NULL)
		return -1;
	*p = np;
	*cap = ncap;
	return 0;
}

/* The batch in order (pointers into data, valid until data changes). */
static int sort_batch(dn_itemsort *s)
{
	size_t n = s->n ? s->n : 1;

	free(s->sorted);
	free(s->keys);
	s->sorted = malloc(n * sizeof *s->sorted);
	s->keys = malloc(n * sizeof *s->keys);
	if (s->sorted == NULL || s->keys == NULL)
		return -1;
	for (size_t i = 0; i < s->n; i++)
		s->keys[i] = key_of((const struct rec *)(const void *)(s->data + s->offs[i]));
	qsort(s->keys, s->n, sizeof *s->keys, cmp_key);
	for (size_t i = 0; i < s->n; i++)
		s->sorted[i] = s->keys[i].r;
	free(s->keys);
	s->keys = NULL;
	return 0;
}

static int open_tmp(dn_itemsort *s, dn_error *e)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(path, sizeof path, "%s/openitems.XXXXXX", dir);
	if ((fd = mkstemp(path)) < 0)
		return dn_error_set(e, DN_EX_IOERR, "cannot create a temporary file in %s: %s", dir,
				    strerror(errno));
	unlink(path); /* gone when closed, whatever happens */
	if ((s->tmp = fdopen(fd, "w+b")) == NULL) {
		close(fd);
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	}
	return 0;
}

/* Write the batch, sorted, as a run. */
static int spill(dn_itemsort *s, dn_error *e)
{
	struct run *r;

	if (s->tmp == NULL && open_tmp(s, e) != 0)
		return e->status;
	if (sort_batch(s) != 0 ||
	    grow((void **)&s->runs, &s->runs_cap, s->nruns + 1, sizeof *s->runs) != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	r = &s->runs[s->nruns];
	memset(r, 0, sizeof *r);
	r->pos = s->tmp_len;
	for (size_t i = 0; i < s->n; i++) {
		if (fwrite(s->sorted[i], s->sorted[i]->size, 1, s->tmp) != 1)
			return dn_error_set(e, DN_EX_IOERR, "temporary file: %s", strerror(errno));
		s->tmp_len += (off_t)s->sorted[i]->size;
	}
	r->end = s->tmp_len;
	s->nruns++;
	s->n = s->dlen = 0;
	return 0;
}

int dn_itemsort_add(dn_itemsort *s, const dn_ledger_item *it, dn_error *e)
{
	size_t cl = it->customer_len, il = it->invoice_len, nl = it->name_len;
	size_t size = (sizeof(struct rec) + cl + il + nl + 3 + 7) & ~(size_t)7;
	struct rec *r;

	if (s->n > 0 && s->dlen + size > s->batch && spill(s, e) != 0)
		return e->status;
	if (size > UINT32_MAX || grow((void **)&s->data, &s->dcap, s->dlen + size, 1) != 0 ||
	    grow((void **)&s->offs, &s->ocap, s->n + 1, sizeof *s->offs) != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	r = (struct rec *)(void *)(s->data + s->dlen);
	memset(r, 0, size);
	r->amount = it->amount;
	r->paid = it->paid;
	r->wo = it->written_off;
	r->seq = it->seq;
	r->issue = it->issue_date;
	r->due = it->due_date;
	r->paid_date = it->has_paid_date ? it->paid_date : 0;
	r->has_paid_date = it->has_paid_date != 0;
	r->decimals = (uint8_t)it->decimals;
	memcpy(r->currency, it->currency, 3);
	r->cust_len = (uint32_t)cl;
	r->inv_len = (uint32_t)il;
	r->name_len = (uint32_t)nl;
	r->size = (uint32_t)size;
	memcpy((char *)(r + 1), it->customer, cl);
	memcpy((char *)(r + 1) + cl + 1, it->invoice, il);
	memcpy((char *)(r + 1) + cl + il + 2, it->customer_name, nl);
	s->offs[s->n++] = s->dlen;
	s->dlen += size;
	return 0;
}

/* ---- merging ---- */

/* Make the run's buffer hold need bytes from r->at; 0, or -1 (errno). */
static int run_fill(dn_itemsort *s, struct run *r, size_t need)
{
	ssize_t got;

	if (r->len - r->at >= need)
		return 0;
	memmove(r->buf, r->buf + r->at, r->len - r->at);
	r->len -= r->at;
	r->at = 0;
	if (need > r->cap) {
		size_t ncap = (need + 7) & ~(size_t)7;
		char *nb = realloc(r->buf, ncap);
		if (nb == NULL)
			return -1;
		r->buf = nb;
		r->cap = ncap;
	}
	while (r->len < need && r->pos < r->end) {
		size_t want = r->cap - r->len;
		if ((off_t)want > r->end - r->pos)
			want = (size_t)(r->end - r->pos);
		got = pread(fileno(s->tmp), r->buf + r->len, want, r->pos);
		if (got <= 0) {
			if (got == 0)
				errno = EIO;
			return -1;
		}
		r->len += (size_t)got;
		r->pos += got;
	}
	return r->len - r->at >= need ? 0 : -1;
}

/* The run's current record, or NULL at its end. */
static const struct rec *run_cur(const struct run *r)
{
	return r->at < r->len ? (const struct rec *)(const void *)(r->buf + r->at) : NULL;
}

/* Make the current record whole in the buffer. */
static int run_load(dn_itemsort *s, struct run *r)
{
	if (r->at == r->len && r->pos == r->end)
		return 0;
	if (run_fill(s, r, sizeof(struct rec)) != 0)
		return -1;
	return run_fill(s, r, run_cur(r)->size);
}

static int start_merge(dn_itemsort *s, dn_error *e)
{
	if (s->tmp != NULL && fflush(s->tmp) != 0)
		return dn_error_set(e, DN_EX_IOERR, "temporary file: %s", strerror(errno));
	if (sort_batch(s) != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	for (size_t i = 0; i < s->nruns; i++) {
		struct run *r = &s->runs[i];
		if ((r->buf = malloc(RUN_BUF)) == NULL)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		r->cap = RUN_BUF;
		if (run_load(s, r) != 0)
			return dn_error_set(e, DN_EX_IOERR, "temporary file: %s", strerror(errno));
	}
	s->merging = 1;
	return 0;
}

static void to_item(const struct rec *r, dn_ledger_item *out)
{
	out->customer = rec_cust(r);
	out->invoice = rec_inv(r);
	out->customer_name = rec_name(r);
	out->customer_len = r->cust_len;
	out->invoice_len = r->inv_len;
	out->name_len = r->name_len;
	out->issue_date = r->issue;
	out->due_date = r->due;
	out->amount = r->amount;
	out->paid = r->paid;
	out->written_off = r->wo;
	out->has_paid_date = r->has_paid_date;
	out->paid_date = r->paid_date;
	out->currency = r->currency;
	out->decimals = r->decimals;
	out->seq = r->seq;
}

int dn_itemsort_next(dn_itemsort *s, dn_ledger_item *out, dn_error *e)
{
	const struct rec *best = NULL;
	long from = -2;

	if (!s->merging && start_merge(s, e) != 0)
		return -1;
	/* Step past the previous answer now: its strings had to live until here. */
	if (s->last == -1) {
		s->mem_next++;
	} else if (s->last >= 0) {
		struct run *r = &s->runs[s->last];
		r->at += run_cur(r)->size;
		if (run_load(s, r) != 0) {
			dn_error_set(e, DN_EX_IOERR, "temporary file: %s", strerror(errno));
			return -1;
		}
	}
	if (s->mem_next < s->n) {
		best = s->sorted[s->mem_next];
		from = -1;
#if defined(__GNUC__)
		/* The batch in order is all over memory: fetch a few ahead. */
		if (s->mem_next + PREFETCH_AHEAD < s->n) {
			const char *ahead = (const char *)s->sorted[s->mem_next + PREFETCH_AHEAD];
			__builtin_prefetch(ahead);
			__builtin_prefetch(ahead + 64); /* the strings after the header */
		}
#endif
	}
	for (size_t i = 0; i < s->nruns; i++) {
		const struct rec *c = run_cur(&s->runs[i]);
		if (c != NULL && (best == NULL || cmp_rec(c, best) < 0)) {
			best = c;
			from = (long)i;
		}
	}
	s->last = from;
	if (best == NULL)
		return 0;
	to_item(best, out);
	return 1;
}
