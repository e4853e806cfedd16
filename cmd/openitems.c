/* openitems - from an exported ledger (FEC or entries CSV) to items.
 *
 * Reads every line, lets libdunning's ledger letter and apply them, checks
 * the invariant, then writes all items (closed ones too) sorted.  Nothing
 * is written before the whole ledger is read.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dunning.h"

static const char usage[] =
    "usage: openitems [options] [FILE ...]\n"
    "Turn a ledger export (FEC or entries CSV, on stdin or FILEs) into items.\n"
    "      --format F      fec or entries (default: from the header)\n"
    "      --encoding E    utf8 (default) or latin9 (ISO-8859-15)\n"
    "      --explain       write every application of a credit to stderr\n";

enum { OPT_FORMAT = 300, OPT_ENCODING, OPT_EXPLAIN };

struct opts {
	dn_ledger_format format;
	dn_encoding encoding;
	int explain;
};

static const struct option long_opts[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {NULL, 0, NULL, 0},
};

static int on_option(int code, const char *arg, void *ctx, dn_error *e)
{
	struct opts *o = ctx;
	int k;

	switch (code) {
	case OPT_FORMAT:
		if ((k = dn_option_pick("--format", arg, "fec|entries", e)) < 0)
			return DN_EX_USAGE;
		o->format = k == 0 ? DN_LEDGER_FEC : DN_LEDGER_ENTRIES;
		return 0;
	case OPT_ENCODING:
		if ((k = dn_option_pick("--encoding", arg, "utf8|latin9", e)) < 0)
			return DN_EX_USAGE;
		o->encoding = k == 0 ? DN_ENC_UTF8 : DN_ENC_LATIN9;
		return 0;
	case OPT_EXPLAIN:
		o->explain = 1;
		return 0;
	default:
		return -1;
	}
}

static int report(const dn_error *e)
{
	char buf[1280];

	fputs(dn_diagnostic("openitems", e, buf, sizeof buf), stderr);
	return e->status;
}

static void explain(void *ctx, const char *line)
{
	(void)ctx;
	fprintf(stderr, "openitems: %s\n", line);
}

struct run {
	struct opts o;
	dn_common common;
	dn_config *cfg;
	dn_ledger_input **in;
	size_t nin;
	dn_ledger *ledger;
	dn_rejects *rej;
};

/* Open every input first: a missing one is reported before any work. */
static int setup(struct run *r, int argc, char **argv, int first, dn_error *e)
{
	size_t i, n = argc > first ? (size_t)(argc - first) : 1;

	if ((r->cfg = dn_config_load(r->common.config, e)) == NULL)
		return e->status;
	if ((r->in = calloc(n, sizeof *r->in)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	for (i = 0; i < n; i++) {
		const char *path = argc > first ? argv[first + (int)i] : "-";
		r->in[i] = dn_ledger_input_open(path, r->o.format, r->o.encoding, r->cfg, e);
		if (r->in[i] == NULL)
			return e->status;
		r->nin++;
	}
	if ((r->ledger = dn_ledger_new(r->cfg, e)) == NULL)
		return e->status;
	if (r->o.explain)
		dn_ledger_explain(r->ledger, explain, NULL);
	if (r->common.rejects == NULL)
		return 0;
	for (i = 1; i < r->nin; i++)
		if (dn_csv_reader_reads(dn_ledger_input_reader(r->in[i]), r->common.rejects)) {
			dn_error_set(e, DN_EX_USAGE, "--rejects names an input");
			dn_error_value(e, r->common.rejects, strlen(r->common.rejects));
			return DN_EX_USAGE;
		}
	r->rej = dn_rejects_open(r->common.rejects, dn_ledger_input_reader(r->in[0]), e);
	return r->rej == NULL ? e->status : 0;
}

static int read_all(struct run *r, dn_error *e)
{
	dn_entry en;
	dn_row row;
	int rc;

	for (size_t i = 0; i < r->nin; i++) {
		while ((rc = dn_ledger_input_next(r->in[i], &en, &row, e)) != 0) {
			if (rc < 0) {
				if (row.n == 0 || dn_reject(r->rej, &row, e) != 0)
					return e->status;
				continue;
			}
			if (dn_ledger_add(r->ledger, &en, e) != 0)
				return e->status;
		}
	}
	return dn_ledger_finish(r->ledger, e);
}

static void put_date(dn_csv_writer *w, dn_date d)
{
	char buf[11];

	dn_date_format(d, buf);
	dn_csv_put_str(w, buf);
}

static void put_money(dn_csv_writer *w, int64_t v, int decimals)
{
	char buf[DN_MONEY_BUFSZ];

	dn_money_format(v, decimals, buf);
	dn_csv_put_str(w, buf);
}

static int write_items(struct run *r, dn_error *e)
{
	static const char *const cols[] = {"customer",	"invoice", "customer_name", "issue_date",
					   "due_date",	"amount",  "paid",	    "written_off",
					   "paid_date", "currency"};
	dn_csv_writer *w =
	    dn_csv_writer_new(stdout, dn_config_input(r->cfg)->delimiter, r->common.excel_safe);
	dn_ledger_item it;
	int rc;

	if (w == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
		dn_csv_put_str(w, cols[k]);
	dn_csv_end_row(w);
	while ((rc = dn_ledger_next(r->ledger, &it, e)) == 1) {
		dn_csv_put_str(w, it.customer);
		dn_csv_put_str(w, it.invoice);
		dn_csv_put_str(w, it.customer_name);
		put_date(w, it.issue_date);
		put_date(w, it.due_date);
		put_money(w, it.amount, it.decimals);
		put_money(w, it.paid, it.decimals);
		put_money(w, it.written_off, it.decimals);
		if (it.has_paid_date)
			put_date(w, it.paid_date);
		else
			dn_csv_put_str(w, "");
		dn_csv_put_str(w, it.currency);
		dn_csv_end_row(w);
	}
	dn_csv_flush(w); /* a write error is reported when stdout is closed */
	dn_csv_writer_free(w);
	return rc < 0 ? e->status : 0;
}

static const dn_tool tool = {"openitems", usage, long_opts, "", on_option};

int main(int argc, char **argv)
{
	struct run r;
	dn_error e;
	int first, rc;

	memset(&r, 0, sizeof r);
	dn_error_clear(&e);
	first = dn_options_start(&tool, argc, argv, &r.o, &r.common, &e);
	if (first <= 0)
		return first == 0 ? 0 : report(&e);
	rc = setup(&r, argc, argv, first, &e);
	if (rc == 0)
		rc = read_all(&r, &e);
	if (rc == 0)
		rc = write_items(&r, &e);
	if (rc != 0)
		report(&e);
	rc = dn_finish_run(r.rej, rc, report);
	dn_ledger_free(r.ledger);
	for (size_t i = 0; i < r.nin; i++)
		dn_ledger_input_free(r.in[i]);
	free(r.in);
	dn_config_free(r.cfg);
	return rc;
}
