/* tool.c - the run every tool shares (see tool.h). */
#define _POSIX_C_SOURCE 200809L
#include "tool.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"

/* Whether a and b name the same existing file. */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return a != NULL && b != NULL && strcmp(a, "-") != 0 && strcmp(b, "-") != 0 &&
	       stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* --rejects FILE naming a file the run reads would destroy it. */
static int rejects_collides(dn_run *r, const char *path, const char *what)
{
	if (r->common.rejects == NULL || !same_file(r->common.rejects, path))
		return 0;
	dn_error_set(&r->e, DN_EX_USAGE, "names %s the run reads: it would be destroyed", what);
	dn_error_subject(&r->e, "option", "--rejects");
	dn_error_value(&r->e, r->common.rejects, strlen(r->common.rejects));
	return DN_EX_USAGE;
}

int dn_run_reads(dn_run *r, const char *path, const char *what)
{
	if (path == NULL)
		return 0;
	if (r->nreads < DN_RUN_MAX_READS)
		r->reads[r->nreads++] = path;
	return rejects_collides(r, path, what);
}

/* The operands and the config: every file read that is known now. */
static int check_rejects(dn_run *r)
{
	size_t i;

	for (i = 0; i < r->noperands; i++)
		if (rejects_collides(r, r->operands[i], "an input") != 0)
			return DN_EX_USAGE;
	return rejects_collides(r, dn_config_file(r->cfg), "the configuration");
}

int dn_run_start(dn_run *r, const dn_tool *t, int argc, char **argv, void *opts,
		 void (*say)(const char *text))
{
	int first;

	memset(r, 0, sizeof *r);
	dn_error_clear(&r->e);
	r->tool = t;
	r->say = say;
	first = dn_options_start(t, argc, argv, opts, &r->common, &r->e);
	if (first <= 0)
		return first;
	r->operands = argv + first;
	r->noperands = (size_t)(argc - first);
	/* The same input twice is a usage error: 64 before the config's 78. */
	if (dn_paths_check_distinct((const char *const *)r->operands, r->noperands, &r->e) != 0)
		return -1;
	if ((r->cfg = dn_config_load(r->common.config, &r->e)) == NULL)
		return -1;
	/* Dates on the command line read like the data: [input] forms too. */
	if (dn_common_resolve(&r->common, r->cfg, &r->e) != 0)
		return -1;
	if (check_rejects(r) != 0)
		return -1;
	return 1;
}

int dn_run_open_rejects(dn_run *r, const dn_csv_reader *header_of)
{
	if (r->common.rejects == NULL)
		return 0;
	r->rej = dn_rejects_open(r->common.rejects, header_of, &r->e);
	if (r->rej == NULL)
		return r->e.status;
	dn_rejects_excel_safe(r->rej, r->common.excel_safe);
	return 0;
}

int dn_run_open_rows(dn_run *r, char delim)
{
	r->rd = dn_csv_reader_new((const char *const *)r->operands, r->noperands, delim, &r->e);
	if (r->rd == NULL)
		return r->e.status;
	return dn_run_open_rejects(r, r->rd);
}

int dn_run_open_items(dn_run *r)
{
	int rc = dn_run_open_rows(r, dn_config_input(r->cfg)->delimiter);

	if (rc != 0)
		return rc;
	if (dn_item_schema_init(&r->schema, r->rd, r->cfg, &r->e) != 0)
		return r->e.status;
	r->schema.as_of = r->common.as_of;
	return 0;
}

int dn_run_peek(const dn_run *r, size_t ahead, int col, const char **v, size_t *len,
		const char **cur, size_t *clen)
{
	int ci = r->schema.col[DN_COL_CURRENCY];

	*v = "";
	*len = 0;
	*cur = NULL;
	if (col >= 0 && (*v = dn_csv_peek(r->rd, ahead, (size_t)col, len)) == NULL)
		return 0;
	if (ci >= 0 && (*cur = dn_csv_peek(r->rd, ahead, (size_t)ci, clen)) == NULL)
		return 0;
	if (*cur == NULL || *clen == 0) {
		*cur = dn_config_currency(r->cfg);
		*clen = strlen(*cur);
	}
	return 1;
}

int dn_run_keeps(const dn_run *r, const char *customer, size_t len)
{
	return dn_shard_keeps(&r->common, customer, len);
}

/* A row the tool or the reader found bad: rejected (the run goes on) or
 * fatal. */
static int bad_row(dn_run *r, const dn_row *row, dn_error *e)
{
	if (dn_reject(r->rej, row, e) == 0)
		return 0;
	if (e != &r->e)
		r->e = *e;
	return r->e.status;
}

/* What a callback's status means for the run: a bad row (65) is rejected
 * or fatal, any other failure stops the run.  Returns 0 to go on. */
static int after_row(dn_run *r, const dn_row *row, int rc, dn_error *e)
{
	if (rc == DN_EX_DATAERR) {
		if (e->file[0] == '\0')
			dn_error_where(e, row->file, row->line);
		return bad_row(r, row, e);
	}
	if (rc != 0)
		r->e = *e;
	return rc;
}

int dn_run_items(dn_run *r, dn_item_fn fn, void *ctx)
{
	dn_error e;
	dn_row row;
	dn_item it;
	int rc;

	while ((rc = dn_next_row(r->rd, r->rej, &row, &r->e)) == 1) {
		dn_error_clear(&e);
		if (dn_item_read(&r->schema, &row, &it, &e) != 0) {
			if (bad_row(r, &row, &e) != 0)
				return r->e.status;
			continue;
		}
		if (!dn_run_keeps(r, it.customer, it.customer_len)) {
			r->filtered++;
			continue;
		}
		dn_error_clear(&e);
		if (after_row(r, &row, fn(r, ctx, &row, &it, &e), &e) != 0)
			return r->e.status;
	}
	return rc < 0 ? r->e.status : 0;
}

int dn_run_rows(dn_run *r, dn_row_fn fn, void *ctx)
{
	/* --shard keeps the rows of its customers when the rows name one
	 * (prioritize's output, notes, journal events). */
	int cust = r->common.shard_count > 0 ? dn_csv_find(r->rd, "customer") : -1;
	dn_error e;
	dn_row row;
	int rc;

	while ((rc = dn_next_row(r->rd, r->rej, &row, &r->e)) == 1) {
		if (cust >= 0 && !dn_run_keeps(r, row.v[cust], row.len[cust])) {
			r->filtered++;
			continue;
		}
		dn_error_clear(&e);
		if (after_row(r, &row, fn(r, ctx, &row, &e), &e) != 0)
			return r->e.status;
	}
	return rc < 0 ? r->e.status : 0;
}

void dn_run_say(const dn_run *r, const char *fmt, ...)
{
	char msg[1024], line[1100];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(line, sizeof line, "%s: %s\n", r->tool->name, msg);
	if (r->say != NULL)
		r->say(line);
}

static int report(dn_run *r, const dn_error *e)
{
	char buf[1400];

	if (r->say != NULL)
		r->say(dn_diagnostic(r->tool->name, e, buf, sizeof buf));
	return e->status;
}

int dn_run_finish(dn_run *r, int rc)
{
	long rejected = dn_rejects_count(r->rej);
	dn_error e;

	if (rc != 0)
		report(r, &r->e);
	/* A full disk or a closed pipe must never look like success; but bad
	 * data (65) comes before an I/O error (74) in the exit status, and
	 * rejected rows are always counted. */
	if (dn_rejects_close(r->rej, &e) != 0 && (rc == 0 || rc == DN_EX_IOERR))
		rc = report(r, &e);
	r->rej = NULL;
	if (dn_output_close(stdout, "<stdout>", &e) != 0 && rc == 0)
		rc = report(r, &e);
	if (rejected > 0) {
		dn_error_set(&e, DN_EX_DATAERR, "%ld row%s rejected (written to %s)", rejected,
			     rejected == 1 ? "" : "s", r->common.rejects);
		report(r, &e);
		if (rc == 0 || rc == DN_EX_IOERR)
			rc = DN_EX_DATAERR;
	}
	dn_csv_reader_free(r->rd);
	r->rd = NULL;
	dn_config_free(r->cfg);
	r->cfg = NULL;
	return rc;
}

void dn_run_journal_notes(const dn_run *r, const char *path, const dn_journal_info *info)
{
	if (info->missing)
		dn_run_say(r, "%s: no journal yet: no history used", path);
	if (info->unterminated_line > 0)
		dn_run_say(r, "%s:%ld: unterminated last line ignored", path,
			   info->unterminated_line);
}

int dn_run_column(dn_run *r, const char *name)
{
	const dn_row *h = dn_csv_header(r->rd);
	int col = dn_csv_find(r->rd, dn_config_column(r->cfg, name));

	if (col >= 0)
		return col;
	dn_error_set(&r->e, DN_EX_USAGE, "no such column in the input");
	dn_error_where(&r->e, h->file, h->line);
	dn_error_subject(&r->e, "column", name);
	return -1;
}
