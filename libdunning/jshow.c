/* jshow.c - one customer's history printed. */
#include "jshow.h"

#include <string.h>

#include "csvio.h"
#include "jwrite.h"
#include "report.h"

struct show {
	const char *customer;
	size_t len;
	dn_csv_writer *w; /* CSV, or */
	dn_table *t;      /* the table (made at the header: its width) */
	int table;
};

static int show_row(void *ctx, const dn_row *row, const dn_jevent *ev, dn_error *e)
{
	struct show *h = ctx;

	if (ev == NULL && h->table && h->t == NULL && (h->t = dn_table_new(row->n)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if (ev != NULL && (ev->customer_len != h->len || memcmp(ev->customer, h->customer, h->len)))
		return 0;
	if (h->t != NULL) {
		if (dn_table_add(h->t, (const char *const *)row->v) != 0)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return 0;
	}
	dn_csv_put_row_fields(h->w, row);
	dn_csv_end_row(h->w);
	return 0;
}

int dn_journal_print_customer(const char *path, const dn_config *cfg, const char *customer,
			      int table, char delim, int excel_safe, FILE *fp,
			      dn_journal_info *info, dn_error *e)
{
	struct show h = {customer, strlen(customer), NULL, NULL, table};
	long cut = 0;
	int rc;

	memset(info, 0, sizeof *info);
	if (!table && (h.w = dn_csv_writer_new(fp, delim, excel_safe)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	rc = dn_journal_each(path, cfg, show_row, &h, &cut, e);
	info->missing = rc == 1;
	info->unterminated_line = cut;
	if (rc == 1)
		rc = 0;
	if (rc == 0 && h.t != NULL)
		dn_table_print(h.t, fp);
	if (h.w != NULL)
		dn_csv_flush(h.w); /* a write error is reported when fp is closed */
	dn_csv_writer_free(h.w);
	dn_table_free(h.t);
	return rc;
}
