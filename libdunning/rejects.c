/* rejects.c - writing bad rows aside. */
#include "rejects.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

struct dn_rejects {
	FILE *fp;
	char *path;
	dn_csv_writer *w;
	char delim;
	long count;
};

dn_rejects *dn_rejects_open(const char *path, const dn_csv_reader *rd, dn_error *e)
{
	const dn_row *header = dn_csv_header(rd);
	char delim = dn_csv_delimiter(rd);
	dn_rejects *r;

	if (dn_csv_reader_reads(rd, path)) {
		dn_error_set(e, DN_EX_USAGE, "the rejects file is an input: it would be destroyed");
		dn_error_subject(e, "option", "--rejects");
		dn_error_value(e, path, strlen(path));
		return NULL;
	}
	r = calloc(1, sizeof *r);

	if (r == NULL || (r->path = malloc(strlen(path) + 1)) == NULL) {
		free(r);
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	strcpy(r->path, path);
	r->fp = fopen(path, "w");
	if (r->fp == NULL) {
		dn_error_set(e, DN_EX_IOERR, "cannot create rejects file: %s", strerror(errno));
		dn_error_where(e, path, 0);
		free(r->path);
		free(r);
		return NULL;
	}
	r->delim = delim;
	r->w = dn_csv_writer_new(r->fp, delim, 0);
	if (r->w == NULL) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		fclose(r->fp);
		free(r->path);
		free(r);
		return NULL;
	}
	dn_csv_put_row_fields(r->w, header);
	dn_csv_put_str(r->w, "error");
	dn_csv_end_row(r->w);
	return r;
}

void dn_rejects_add(dn_rejects *r, const dn_row *row, const dn_error *why)
{
	char msg[1024];

	dn_csv_put_row_fields(r->w, row);
	dn_csv_put_str(r->w, dn_error_format(why, msg, sizeof msg));
	dn_csv_end_row(r->w);
	r->count++;
}

long dn_rejects_count(const dn_rejects *r)
{
	return r ? r->count : 0;
}

int dn_rejects_close(dn_rejects *r, dn_error *e)
{
	int rc;

	if (r == NULL)
		return 0;
	rc = dn_csv_flush(r->w);
	dn_csv_writer_free(r->w);
	if (rc != 0) {
		dn_error_set(e, DN_EX_IOERR, "write error: %s", strerror(errno));
		dn_error_where(e, r->path, 0);
		fclose(r->fp);
	} else {
		rc = dn_output_close(r->fp, r->path, e);
	}
	free(r->path);
	free(r);
	return rc;
}

void dn_rejects_excel_safe(dn_rejects *r, int on)
{
	if (r != NULL)
		dn_csv_writer_excel_safe(r->w, on);
}

int dn_reject(dn_rejects *rej, const dn_row *row, const dn_error *e)
{
	if (rej == NULL)
		return -1;
	dn_rejects_add(rej, row, e);
	return 0;
}

int dn_next_row(dn_csv_reader *rd, dn_rejects *rej, dn_row *row, dn_error *e)
{
	int rc;

	while ((rc = dn_csv_next(rd, row, e)) < 0) {
		if (row->n == 0 || dn_reject(rej, row, e) != 0)
			return -1;
	}
	return rc;
}
