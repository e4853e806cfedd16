/* rspool.c - overdue rows on disk, back per rank (see rspool.h).
 *
 * A record is a fixed header then the id's bytes.  The key of a record is
 * its group number in the spool file, its rank in the bucket files.
 */
#define _POSIX_C_SOURCE 200809L
#include "rspool.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rec {
	uint32_t key, len;
	int32_t days, issue, due, overflow;
	int64_t balance, interest;
};

/* A file written through a buffer of our own (stdio's locking per call
 * was a good part of the cost of a row). */
struct wfile {
	FILE *fp;
	char *buf;
	size_t len, cap;
};

struct dn_rspool {
	struct wfile spool;    /* the rows as put (key: group) */
	uint64_t bytes;        /* written to it */
	struct wfile *bucket;  /* after dn_rspool_rank (key: rank) ... */
	uint64_t *bucket_bytes;
	size_t nbuckets;
	uint32_t nranks;
	/* the bucket in memory: ranks [lo, hi) */
	size_t cur;            /* its number + 1; 0 none yet */
	uint32_t lo, hi;
	char *buf;
	size_t *first;         /* per rank in [lo, hi], index into order */
	size_t *order;         /* offsets into buf, by rank then as put */
	size_t cap_order, cap_first;
	dn_rrow *out;          /* the rows handed back */
	size_t cap_out;
};

static int io_error(dn_error *e, const char *what)
{
	return dn_error_set(e, DN_EX_IOERR, "%s the temporary file of the overdue rows: %s", what,
			    strerror(errno != 0 ? errno : EIO));
}

/* An unlinked temporary file in $TMPDIR (default /tmp). */
static FILE *temp_file(dn_error *e)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	FILE *fp;
	int fd, n;

	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	n = snprintf(path, sizeof path, "%s/dunning-remind-XXXXXX", dir);
	if (n < 0 || (size_t)n >= sizeof path) {
		dn_error_set(e, DN_EX_IOERR, "TMPDIR: too long a path");
		return NULL;
	}
	if ((fd = mkstemp(path)) < 0) {
		dn_error_set(e, DN_EX_IOERR, "cannot create a temporary file in %s: %s", dir,
			     strerror(errno));
		return NULL;
	}
	unlink(path);
	if ((fp = fdopen(fd, "w+b")) == NULL) {
		close(fd);
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	return fp;
}

static int wfile_open(struct wfile *w, size_t cap, dn_error *e)
{
	memset(w, 0, sizeof *w);
	if ((w->buf = malloc(cap)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	w->cap = cap;
	if ((w->fp = temp_file(e)) == NULL) {
		free(w->buf);
		w->buf = NULL;
		return e->status;
	}
	return 0;
}

static void wfile_close(struct wfile *w)
{
	if (w->fp != NULL)
		fclose(w->fp);
	free(w->buf);
	memset(w, 0, sizeof *w);
}

static int wfile_flush(struct wfile *w, dn_error *e)
{
	errno = 0;
	if (w->len > 0 && fwrite(w->buf, w->len, 1, w->fp) != 1)
		return io_error(e, "cannot write");
	w->len = 0;
	if (fflush(w->fp) != 0)
		return io_error(e, "cannot write");
	return 0;
}

static int wfile_put(struct wfile *w, const void *p, size_t n, dn_error *e)
{
	if (n > w->cap - w->len) {
		errno = 0;
		if (w->len > 0 && fwrite(w->buf, w->len, 1, w->fp) != 1)
			return io_error(e, "cannot write");
		w->len = 0;
		if (n > w->cap) {
			if (fwrite(p, n, 1, w->fp) != 1)
				return io_error(e, "cannot write");
			return 0;
		}
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
	return 0;
}

dn_rspool *dn_rspool_new(dn_error *e)
{
	dn_rspool *s = calloc(1, sizeof *s);

	if (s == NULL) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	if (wfile_open(&s->spool, 1u << 20, e) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

void dn_rspool_free(dn_rspool *s)
{
	size_t i;

	if (s == NULL)
		return;
	wfile_close(&s->spool);
	for (i = 0; s->bucket != NULL && i < s->nbuckets; i++)
		wfile_close(&s->bucket[i]);
	free(s->bucket);
	free(s->bucket_bytes);
	free(s->buf);
	free(s->first);
	free(s->order);
	free(s->out);
	free(s);
}

static int put_rec(struct wfile *w, const struct rec *h, const char *id, dn_error *e)
{
	if (wfile_put(w, h, sizeof *h, e) != 0 || (h->len > 0 && wfile_put(w, id, h->len, e) != 0))
		return e->status;
	return 0;
}

int dn_rspool_put(dn_rspool *s, uint32_t group, const dn_rrow *r, dn_error *e)
{
	struct rec h;

	memset(&h, 0, sizeof h);
	h.key = group;
	h.len = r->len;
	h.days = r->days;
	h.issue = r->issue;
	h.due = r->due;
	h.overflow = r->interest_overflow != 0;
	h.balance = r->balance;
	h.interest = r->interest;
	if (put_rec(&s->spool, &h, r->id, e) != 0)
		return e->status;
	s->bytes += sizeof h + h.len;
	return 0;
}

static size_t bucket_of(const dn_rspool *s, uint32_t rank)
{
	return (size_t)((uint64_t)rank * s->nbuckets / s->nranks);
}

/* The first rank of bucket b: ceil(b * nranks / nbuckets). */
static uint32_t bucket_lo(const dn_rspool *s, size_t b)
{
	return (uint32_t)(((uint64_t)b * s->nranks + s->nbuckets - 1) / s->nbuckets);
}

int dn_rspool_rank(dn_rspool *s, const uint32_t *rank, uint32_t ngroups, uint32_t nranks,
		   dn_error *e)
{
	size_t b, cap = 1u << 20, have = 0, pos = 0, got;
	char *buf = NULL;
	int rc = 0, eof = 0;

	s->nranks = nranks;
	s->nbuckets = (size_t)(s->bytes / DN_RSPOOL_BUCKET) + 1;
	if (s->nbuckets > nranks)
		s->nbuckets = nranks > 0 ? nranks : 1;
	s->bucket = calloc(s->nbuckets, sizeof *s->bucket);
	s->bucket_bytes = calloc(s->nbuckets, sizeof *s->bucket_bytes);
	if (s->bucket == NULL || s->bucket_bytes == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	for (b = 0; b < s->nbuckets; b++)
		if (wfile_open(&s->bucket[b], 64u << 10, e) != 0)
			return e->status;
	if ((rc = wfile_flush(&s->spool, e)) != 0)
		return rc;
	errno = 0;
	if (fseek(s->spool.fp, 0, SEEK_SET) != 0)
		return io_error(e, "cannot rewind");
	/* Each record to the bucket of its group's rank, under that rank. */
	for (;;) {
		struct rec h;
		if (have - pos < sizeof h || (memcpy(&h, buf + pos, sizeof h),
					      have - pos < sizeof h + h.len)) {
			/* refill: keep the partial record, read more */
			size_t left = have - pos, want;
			if (eof) {
				if (left > 0)
					rc = dn_error_set(e, DN_EX_SOFTWARE,
							  "the temporary file of the overdue rows is damaged");
				break;
			}
			want = left >= sizeof h ? sizeof h + h.len : sizeof h;
			if (want * 2 > cap)
				cap = want * 2;
			{
				char *nb = malloc(cap);
				if (nb == NULL) {
					rc = dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
					break;
				}
				if (left > 0)
					memcpy(nb, buf + pos, left);
				free(buf);
				buf = nb;
			}
			errno = 0;
			got = fread(buf + left, 1, cap - left, s->spool.fp);
			if (got < cap - left) {
				if (ferror(s->spool.fp)) {
					rc = io_error(e, "cannot read");
					break;
				}
				eof = 1;
			}
			have = left + got;
			pos = 0;
			continue;
		}
		pos += sizeof h + h.len;
		if (h.key >= ngroups || rank[h.key] == UINT32_MAX)
			continue;
		h.key = rank[h.key];
		b = bucket_of(s, h.key);
		if ((rc = put_rec(&s->bucket[b], &h, buf + pos - h.len, e)) != 0)
			break;
		s->bucket_bytes[b] += sizeof h + h.len;
	}
	free(buf);
	wfile_close(&s->spool);
	for (b = 0; rc == 0 && b < s->nbuckets; b++)
		rc = wfile_flush(&s->bucket[b], e);
	return rc;
}

/* Bucket b into memory, its records ordered by rank (a counting sort, so
 * a rank's rows keep the order they were put in). */
static int load(dn_rspool *s, size_t b, dn_error *e)
{
	size_t size = (size_t)s->bucket_bytes[b], pos, n = 0, k, nr;
	FILE *fp = s->bucket[b].fp;
	char *nb;

	s->cur = b + 1;
	s->lo = bucket_lo(s, b);
	s->hi = b + 1 < s->nbuckets ? bucket_lo(s, b + 1) : s->nranks;
	nr = (size_t)(s->hi - s->lo);
	if ((nb = realloc(s->buf, size ? size : 1)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	s->buf = nb;
	errno = 0;
	if (fseek(fp, 0, SEEK_SET) != 0 || (size > 0 && fread(s->buf, size, 1, fp) != 1))
		return io_error(e, "cannot read");
	wfile_close(&s->bucket[b]);
	if (nr + 1 > s->cap_first) {
		size_t *nf = realloc(s->first, (nr + 1) * sizeof *nf);
		if (nf == NULL)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		s->first = nf;
		s->cap_first = nr + 1;
	}
	memset(s->first, 0, (nr + 1) * sizeof *s->first);
	for (pos = 0; pos < size; n++) {
		struct rec h;
		memcpy(&h, s->buf + pos, sizeof h);
		if (h.key < s->lo || h.key >= s->hi)
			return dn_error_set(e, DN_EX_SOFTWARE, "the temporary file of the overdue rows is damaged");
		s->first[h.key - s->lo + 1]++;
		pos += sizeof h + h.len;
	}
	for (k = 0; k < nr; k++)
		s->first[k + 1] += s->first[k];
	if (n > s->cap_order) {
		size_t *no = realloc(s->order, n * sizeof *no);
		if (no == NULL)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		s->order = no;
		s->cap_order = n;
	}
	/* first[r] is where rank lo + r starts: place each record at its
	 * rank's cursor, in file order. */
	{
		size_t *next = malloc((nr ? nr : 1) * sizeof *next);
		if (next == NULL)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		memcpy(next, s->first, nr * sizeof *next);
		for (pos = 0; pos < size;) {
			struct rec h;
			memcpy(&h, s->buf + pos, sizeof h);
			s->order[next[h.key - s->lo]++] = pos;
			pos += sizeof h + h.len;
		}
		free(next);
	}
	return 0;
}

int dn_rspool_rows(dn_rspool *s, uint32_t rank, const dn_rrow **rows, size_t *n, dn_error *e)
{
	size_t b, i, from, to;
	int rc;

	*rows = NULL;
	*n = 0;
	if (rank >= s->nranks || s->nbuckets == 0)
		return 0;
	b = bucket_of(s, rank);
	if (s->cur != b + 1) {
		if (s->bucket == NULL || s->bucket[b].fp == NULL)
			return dn_error_set(e, DN_EX_SOFTWARE, "overdue rows asked out of order");
		if ((rc = load(s, b, e)) != 0)
			return rc;
	}
	from = s->first[rank - s->lo];
	to = s->first[rank - s->lo + 1];
	if (to - from > s->cap_out) {
		dn_rrow *no = realloc(s->out, (to - from) * sizeof *no);
		if (no == NULL)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		s->out = no;
		s->cap_out = to - from;
	}
	for (i = from; i < to; i++) {
		struct rec h;
		dn_rrow *r = &s->out[i - from];
		memcpy(&h, s->buf + s->order[i], sizeof h);
		r->id = s->buf + s->order[i] + sizeof h;
		r->len = h.len;
		r->days = h.days;
		r->issue = h.issue;
		r->due = h.due;
		r->balance = h.balance;
		r->interest = h.interest;
		r->interest_overflow = h.overflow;
	}
	*rows = s->out;
	*n = to - from;
	return 0;
}
