/* fec.c - FEC and entries CSV lines into typed entries.
 *
 * The input is read through a stream of our own (instream.h): UTF-8 from
 * ISO-8859-15 when asked, and its header line looked at before the CSV
 * reader is built, so the separator (tab or '|') and the format are known
 * when libcsv starts.  The CSV reader then does what it does for every
 * tool: physical line numbers, BOM, CRLF, field counts, UTF-8 checks.
 */
#include "fec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "instream.h"
#include "item.h"
#include "money.h"

/* The 18 columns of the FEC, in their order (article A47 A-1 LPF). */
enum {
	F_JOURNALCODE,
	F_JOURNALLIB,
	F_ECRITURENUM,
	F_ECRITUREDATE,
	F_COMPTENUM,
	F_COMPTELIB,
	F_COMPAUXNUM,
	F_COMPAUXLIB,
	F_PIECEREF,
	F_PIECEDATE,
	F_ECRITURELIB,
	F_DEBIT,
	F_CREDIT,
	F_ECRITURELET,
	F_DATELET,
	F_VALIDDATE,
	F_MONTANTDEVISE,
	F_IDEVISE,
	F_COUNT
};

static const char *const fec_names[F_COUNT] = {
    "JournalCode", "JournalLib",  "EcritureNum", "EcritureDate", "CompteNum",	  "CompteLib",
    "CompAuxNum",  "CompAuxLib",  "PieceRef",	 "PieceDate",	 "EcritureLib",	  "Debit",
    "Credit",	   "EcritureLet", "DateLet",	 "ValidDate",	 "Montantdevise", "Idevise",
};

/* Columns of the entries CSV. */
enum {
	E_DATE,
	E_CUSTOMER,
	E_REF,
	E_DEBIT,
	E_CREDIT,
	E_DUE,
	E_LABEL,
	E_ACCOUNT,
	E_CURRENCY,
	E_NAME,
	E_COUNT
};

static const char *const entries_names[E_COUNT] = {
    "date",	"customer", "ref",     "debit",	   "credit",
    "due_date", "label",    "account", "currency", "customer_name",
};

/* A [ledger] list of account prefixes, split once (every line is tested
 * against two of them).  A list longer than the array is tested as text. */
#define MAX_PREFIXES 16
struct prefixes {
	const char *list;
	size_t n; /* MAX_PREFIXES + 1: too many, use list */
	struct {
		const char *s;
		size_t len;
	} p[MAX_PREFIXES];
};

struct dn_ledger_input {
	dn_instream *src; /* the file, as UTF-8 */
	dn_csv_reader *rd;
	const dn_config *cfg;
	dn_ledger_format format;
	int col[F_COUNT];			  /* F_COUNT > E_COUNT */
	int due_col;				  /* the due column, or -1 */
	struct prefixes receivable, writeoff;	  /* [ledger] prefixes */
	char gen_currency[4];			  /* [general] currency, upper-case */
	int gen_decimals;			  /* its decimals; -1: not a currency */
	int invoice_by_num;			  /* [ledger] invoice_ref = EcritureNum */
	int terms_days, terms_eom, days_then_end; /* terms_days -1: none */
	char name[256];
};

/* ---- header ---- */

static int name_is(const char *s, size_t len, const char *name)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return strlen(name) == len && strncasecmp(s, name, len) == 0;
}

/* How many FEC column names the line holds, split on sep. */
static int fec_names_in(const char *line, size_t len, char sep)
{
	size_t i = 0;
	int hits = 0;

	while (i <= len) {
		const char *f = line + i, *end = memchr(f, sep, len - i);
		size_t flen = end ? (size_t)(end - f) : len - i;
		for (int k = 0; k < F_COUNT; k++)
			hits += name_is(f, flen, fec_names[k]);
		i += flen + 1;
	}
	return hits;
}

/* The format and separator of the input from its first line. */
static void detect(const char *line, size_t len, dn_ledger_format *fmt, char *sep)
{
	*sep = memchr(line, '\t', len) ? '\t' : memchr(line, '|', len) ? '|' : 0;
	if (*fmt != DN_LEDGER_AUTO)
		return;
	/* Half of the FEC's names is a FEC, misspelt or not: the header
	 * check then says which name is wrong. */
	*fmt = *sep != 0 && fec_names_in(line, len, *sep) >= F_COUNT / 2 ? DN_LEDGER_FEC
									 : DN_LEDGER_ENTRIES;
}

static int header_error(dn_ledger_input *in, const char *col, const char *msg, const char *value,
			size_t vlen, dn_error *e)
{
	dn_error_set(e, DN_EX_DATAERR, "%s", msg);
	dn_error_where(e, in->name, dn_csv_header(in->rd)->line);
	dn_error_subject(e, "column", col);
	if (value != NULL)
		dn_error_value(e, value, vlen);
	return DN_EX_DATAERR;
}

static int map_fec(dn_ledger_input *in, dn_error *e)
{
	const dn_row *h = dn_csv_header(in->rd);
	char msg[96];
	int k;

	for (k = 0; k < F_COUNT; k++) {
		if ((size_t)k >= h->n)
			return header_error(in, fec_names[k],
					    "missing FEC column (the 18 in order)", NULL, 0, e);
		if (!name_is(h->v[k], h->len[k], fec_names[k])) {
			snprintf(msg, sizeof msg, "FEC header: column %d must be %s", k + 1,
				 fec_names[k]);
			return header_error(in, fec_names[k], msg, h->v[k], h->len[k], e);
		}
		in->col[k] = k;
	}
	/* An export may add a due column after the 18. */
	in->due_col = dn_csv_find(in->rd, dn_config_column(in->cfg, "due_date"));
	return 0;
}

static int map_entries(dn_ledger_input *in, dn_error *e)
{
	for (int k = 0; k < E_COUNT; k++) {
		const char *name =
		    k == E_DUE ? dn_config_column(in->cfg, "due_date") : entries_names[k];
		in->col[k] = dn_csv_find(in->rd, name);
		if (in->col[k] < 0 && k <= E_CREDIT)
			return header_error(in, name, "missing required column", NULL, 0, e);
	}
	in->due_col = in->col[E_DUE];
	return 0;
}

/* ---- opening ---- */

static void split_prefixes(struct prefixes *ps, const char *list)
{
	const char *p = list;

	ps->list = list;
	ps->n = 0;
	while (*p != '\0') {
		size_t n = strcspn(p, ","), m = n;
		const char *q = p;
		while (m > 0 && *q == ' ') {
			q++;
			m--;
		}
		while (m > 0 && q[m - 1] == ' ')
			m--;
		if (m > 0) {
			if (ps->n == MAX_PREFIXES) {
				ps->n = MAX_PREFIXES + 1;
				return;
			}
			ps->p[ps->n].s = q;
			ps->p[ps->n++].len = m;
		}
		p += n + (p[n] == ',');
	}
}

static int has_prefix(const struct prefixes *ps, const char *account, size_t len)
{
	if (ps->n > MAX_PREFIXES)
		return dn_account_has_prefix(account, len, ps->list);
	for (size_t k = 0; k < ps->n; k++)
		if (ps->p[k].len <= len && account[0] == ps->p[k].s[0] &&
		    memcmp(account, ps->p[k].s, ps->p[k].len) == 0)
			return 1;
	return 0;
}

static void read_settings(dn_ledger_input *in, const dn_config *cfg)
{
	const char *v, *gen = dn_config_currency(cfg);
	size_t glen = strlen(gen);

	in->cfg = cfg;
	v = dn_config_get(cfg, "ledger", "receivable_prefixes");
	split_prefixes(&in->receivable, v ? v : "411,413,416");
	v = dn_config_get(cfg, "ledger", "writeoff_prefixes");
	split_prefixes(&in->writeoff, v ? v : "654,6714");
	/* The loader checked it: every line in it needs no look-up. */
	in->gen_decimals = dn_currency_lookup(dn_config_currencies(cfg), gen, glen, in->gen_currency);
	v = dn_config_get(cfg, "ledger", "invoice_ref");
	in->invoice_by_num = v != NULL && strcmp(v, "EcritureNum") == 0;
	if (dn_config_terms(cfg, &in->terms_days, &in->terms_eom) != 0)
		in->terms_days = -1;
	v = dn_config_get(cfg, "ledger", "eom_rule");
	in->days_then_end = v != NULL && strcmp(v, "days_then_end") == 0;
}

dn_ledger_input *dn_ledger_input_open(const char *path, dn_ledger_format fmt, dn_encoding enc,
				      const dn_config *cfg, dn_error *e)
{
	dn_ledger_input *in = calloc(1, sizeof *in);
	const char *line;
	size_t len;
	char sep;

	if (in == NULL) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	snprintf(in->name, sizeof in->name, "%s",
		 path == NULL || strcmp(path, "-") == 0 ? "<stdin>" : path);
	read_settings(in, cfg);
	if ((in->src = dn_instream_open(path, enc == DN_ENC_LATIN9, e)) == NULL)
		goto fail;
	if (dn_instream_first_line(in->src, &line, &len) != 0) {
		dn_error_set(e, DN_EX_IOERR, "cannot read: %s", strerror(dn_instream_errno(in->src)));
		dn_error_where(e, in->name, 0);
		goto fail;
	}
	detect(line, len, &fmt, &sep);
	in->format = fmt;
	if (fmt == DN_LEDGER_FEC && sep == 0 && len > 0) {
		dn_error_set(e, DN_EX_DATAERR,
			     "FEC header: the separator is neither a tab nor '|'");
		dn_error_where(e, in->name, 1);
		dn_error_value(e, line, len);
		goto fail;
	}
	in->rd = fmt == DN_LEDGER_FEC
		     ? dn_csv_reader_from_stream_unquoted(dn_instream_file(in->src), in->name, sep ? sep : '\t', e)
		     : dn_csv_reader_from_stream(dn_instream_file(in->src), in->name,
						 dn_config_input(cfg)->delimiter, e);
	if (in->rd == NULL)
		goto fail;
	if ((fmt == DN_LEDGER_FEC ? map_fec(in, e) : map_entries(in, e)) != 0)
		goto fail;
	return in;
fail:
	dn_ledger_input_free(in);
	return NULL;
}

void dn_ledger_input_free(dn_ledger_input *in)
{
	if (in == NULL)
		return;
	dn_csv_reader_free(in->rd);
	dn_instream_free(in->src);
	free(in);
}

dn_ledger_format dn_ledger_input_format(const dn_ledger_input *in)
{
	return in->format;
}

dn_csv_reader *dn_ledger_input_reader(dn_ledger_input *in)
{
	return in->rd;
}

/* ---- values ---- */

int dn_account_has_prefix(const char *account, size_t len, const char *prefixes)
{
	const char *p = prefixes;

	while (*p != '\0') {
		size_t n = strcspn(p, ",");
		const char *q = p;
		size_t m = n;
		while (m > 0 && *q == ' ') {
			q++;
			m--;
		}
		while (m > 0 && q[m - 1] == ' ')
			m--;
		if (m > 0 && m <= len && memcmp(account, q, m) == 0)
			return 1;
		p += n + (p[n] == ',');
	}
	return 0;
}

int dn_fec_amount(const char *s, size_t len, int decimals, int64_t *out, dn_error *e)
{
	const dn_numfmt comma = {',', 0};

	while (len > 0 && *s == ' ') {
		s++;
		len--;
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0) {
		*out = 0;
		return 0;
	}
	return dn_money_parse(s, len, decimals, &comma, out, e);
}

static dn_span field(const dn_row *row, int col)
{
	dn_span t = {"", 0};

	if (col >= 0) {
		t.s = row->v[col];
		t.len = row->len[col];
	}
	return t;
}

/* Strip spaces around a text (accounts and references often carry them). */
static dn_span trim(dn_span t)
{
	while (t.len > 0 && *t.s == ' ') {
		t.s++;
		t.len--;
	}
	while (t.len > 0 && t.s[t.len - 1] == ' ')
		t.len--;
	return t;
}

static int bad(const dn_row *row, int col, const char *name, const char *msg, dn_error *e)
{
	dn_error_set(e, DN_EX_DATAERR, "%s", msg);
	dn_error_where(e, row->file, row->line);
	dn_error_subject(e, "column", name);
	if (col >= 0)
		dn_error_value(e, row->v[col], row->len[col]);
	return -1;
}

static const char *col_name(const dn_ledger_input *in, int col)
{
	return dn_csv_header(in->rd)->v[col];
}

static int read_date(const dn_ledger_input *in, const dn_row *row, int col, dn_date *out,
		     dn_error *e)
{
	int rc = dn_date_parse(row->v[col], row->len[col], dn_config_input(in->cfg)->date, out);

	return rc == 0 ? 0 : bad(row, col, col_name(in, col), dn_date_strerror(rc), e);
}

/* An optional date: 0 with *has = 0 when empty. */
static int read_opt_date(const dn_ledger_input *in, const dn_row *row, int col, int *has,
			 dn_date *out, dn_error *e)
{
	*has = col >= 0 && trim(field(row, col)).len > 0;
	return *has ? read_date(in, row, col, out, e) : 0;
}

static int read_amount(const dn_ledger_input *in, const dn_row *row, int col, int decimals,
		       int64_t *out, dn_error *e)
{
	dn_error tmp;

	if (col < 0) {
		*out = 0;
		return 0;
	}
	if (in->format == DN_LEDGER_FEC) {
		if (dn_fec_amount(row->v[col], row->len[col], decimals, out, &tmp) == 0)
			return 0;
	} else if (row->len[col] == 0 ||
		   dn_money_parse(row->v[col], row->len[col], decimals,
				  &dn_config_input(in->cfg)->number, out, &tmp) == 0) {
		if (row->len[col] == 0)
			*out = 0;
		return 0;
	}
	return bad(row, col, col_name(in, col), tmp.message, e);
}

static int set_currency(const dn_ledger_input *in, const dn_row *row, int col, dn_span code,
			dn_entry *en, dn_error *e)
{
	en->decimals =
	    dn_currency_lookup(dn_config_currencies(in->cfg), code.s, code.len, en->currency);
	if (en->decimals < 0)
		return bad(row, col, col >= 0 ? col_name(in, col) : "currency", "unknown currency",
			   e);
	return 0;
}

/* The general currency, known since the input was opened. */
static int set_general(const dn_ledger_input *in, const dn_row *row, dn_entry *en, dn_error *e)
{
	const char *gen;

	if (in->gen_decimals < 0) {
		gen = dn_config_currency(in->cfg);
		return set_currency(in, row, -1, (dn_span){gen, strlen(gen)}, en, e);
	}
	memcpy(en->currency, in->gen_currency, 4);
	en->decimals = in->gen_decimals;
	return 0;
}

/* Debit - Credit in the general currency, or Montantdevise in Idevise. */
static int fec_amount_of(const dn_ledger_input *in, const dn_row *row, dn_entry *en, dn_error *e)
{
	dn_span dev = trim(field(row, F_IDEVISE));
	int64_t debit, credit, foreign = 0;

	if (set_general(in, row, en, e) != 0 ||
	    read_amount(in, row, F_DEBIT, en->decimals, &debit, e) != 0 ||
	    read_amount(in, row, F_CREDIT, en->decimals, &credit, e) != 0)
		return -1;
	if (dn_money_sub(debit, credit, &en->amount) != 0)
		return bad(row, F_DEBIT, "Debit", "Debit - Credit out of range", e);
	if (dev.len == 0)
		return 0;
	if (set_currency(in, row, F_IDEVISE, dev, en, e) != 0 ||
	    read_amount(in, row, F_MONTANTDEVISE, en->decimals, &foreign, e) != 0)
		return -1;
	if (foreign == 0) {
		/* No foreign amount: the line is in the general currency. */
		return set_general(in, row, en, e);
	}
	if (foreign < 0)
		foreign = -foreign; /* the sign is Debit/Credit's */
	en->amount = en->amount < 0 || (en->amount == 0 && row->v[F_MONTANTDEVISE][0] == '-')
			 ? -foreign
			 : foreign;
	return 0;
}

static int fec_entry(const dn_ledger_input *in, const dn_row *row, dn_entry *en, dn_error *e)
{
	dn_span aux = trim(field(row, F_COMPAUXNUM)), auxlib = field(row, F_COMPAUXLIB);

	en->single = 0;
	en->journal = trim(field(row, F_JOURNALCODE));
	en->num = trim(field(row, F_ECRITURENUM));
	en->account = trim(field(row, F_COMPTENUM));
	en->counterpart = (dn_span){"", 0};
	en->receivable = has_prefix(&in->receivable, en->account.s, en->account.len);
	en->writeoff = has_prefix(&in->writeoff, en->account.s, en->account.len);
	if (!en->receivable) {
		/* Only its entry and account matter (a write-off counterpart):
		 * the rest of the line is not read. */
		en->amount = 0;
		en->has_let_date = 0;
		en->customer = en->customer_name = en->piece = en->invoice = en->label =
		    en->letter = (dn_span){"", 0};
		en->currency[0] = '\0';
		en->decimals = 0;
		return 0;
	}
	en->customer = aux.len > 0 ? aux : en->account;
	en->customer_name = trim(auxlib).len > 0 ? auxlib : field(row, F_COMPTELIB);
	en->piece = trim(field(row, F_PIECEREF));
	en->invoice = in->invoice_by_num ? en->num : en->piece;
	en->label = field(row, F_ECRITURELIB);
	en->letter = trim(field(row, F_ECRITURELET));
	if (read_date(in, row, F_ECRITUREDATE, &en->date, e) != 0 ||
	    read_opt_date(in, row, F_DATELET, &en->has_let_date, &en->let_date, e) != 0)
		return -1;
	en->issue_date = en->date;
	if (trim(field(row, F_PIECEDATE)).len > 0 &&
	    read_date(in, row, F_PIECEDATE, &en->issue_date, e) != 0)
		return -1;
	return fec_amount_of(in, row, en, e);
}

static int entries_entry(const dn_ledger_input *in, const dn_row *row, dn_entry *en, dn_error *e)
{
	const char *gen = dn_config_currency(in->cfg);
	dn_span cur = trim(field(row, in->col[E_CURRENCY]));
	int64_t debit, credit;

	en->single = 1;
	en->journal = en->num = en->account = (dn_span){"", 0};
	en->counterpart = trim(field(row, in->col[E_ACCOUNT]));
	en->customer = trim(field(row, in->col[E_CUSTOMER]));
	en->customer_name = field(row, in->col[E_NAME]);
	en->piece = en->invoice = trim(field(row, in->col[E_REF]));
	en->label = field(row, in->col[E_LABEL]);
	en->letter = (dn_span){"", 0};
	en->has_let_date = 0;
	en->receivable = 1;
	en->writeoff = en->counterpart.len > 0 &&
		       has_prefix(&in->writeoff, en->counterpart.s, en->counterpart.len);
	if (en->customer.len == 0)
		return bad(row, in->col[E_CUSTOMER], "customer", "empty customer", e);
	if (read_date(in, row, in->col[E_DATE], &en->date, e) != 0)
		return -1;
	en->issue_date = en->date;
	if (set_currency(in, row, cur.len ? in->col[E_CURRENCY] : -1,
			 cur.len ? cur : (dn_span){gen, strlen(gen)}, en, e) != 0 ||
	    read_amount(in, row, in->col[E_DEBIT], en->decimals, &debit, e) != 0 ||
	    read_amount(in, row, in->col[E_CREDIT], en->decimals, &credit, e) != 0)
		return -1;
	if (dn_money_sub(debit, credit, &en->amount) != 0)
		return bad(row, in->col[E_DEBIT], "debit", "debit - credit out of range", e);
	return 0;
}

/* The due date of a receivable line: the due column, else the terms.  Only
 * a charge needs one (a credit item is due when it is issued). */
static int due_of(const dn_ledger_input *in, const dn_row *row, dn_entry *en, dn_error *e)
{
	int has = 0;

	en->due_date = en->issue_date;
	if (!en->receivable)
		return 0;
	if (read_opt_date(in, row, in->due_col, &has, &en->due_date, e) != 0)
		return -1;
	if (has || en->amount <= 0)
		return 0;
	if (in->terms_days < 0)
		return bad(
		    row, in->due_col, in->due_col >= 0 ? col_name(in, in->due_col) : "due_date",
		    "no due date: the export has no due column and [ledger] terms is not set", e);
	en->due_date =
	    dn_terms_due(en->issue_date, in->terms_days, in->terms_eom, in->days_then_end);
	return 0;
}

/* A receivable line becomes an item: its keys must make one. */
static int check_keys(const dn_ledger_input *in, const dn_row *row, const dn_entry *en, dn_error *e)
{
	int icol = in->format == DN_LEDGER_FEC ? (in->invoice_by_num ? F_ECRITURENUM : F_PIECEREF)
					       : in->col[E_REF];

	if (!en->receivable)
		return 0;
	if (en->customer.len == 0)
		return bad(row, F_COMPTENUM, "CompteNum", "empty account", e);
	if (en->invoice.len == 0 && en->amount > 0)
		return bad(row, icol, col_name(in, icol),
			   in->format == DN_LEDGER_FEC && !in->invoice_by_num
			       ? "empty invoice reference (see [ledger] invoice_ref)"
			       : "empty invoice reference",
			   e);
	if (memchr(en->invoice.s, ';', en->invoice.len) != NULL)
		return bad(row, icol, col_name(in, icol),
			   "invoice id holds ';' (the invoices list separator)", e);
	return 0;
}

int dn_ledger_input_next(dn_ledger_input *in, dn_entry *en, dn_row *row, dn_error *e)
{
	int rc = dn_csv_next(in->rd, row, e);

	if (rc <= 0)
		return rc;
	en->line = row->line;
	en->file = row->file;
	if ((in->format == DN_LEDGER_FEC ? fec_entry(in, row, en, e)
					 : entries_entry(in, row, en, e)) != 0 ||
	    due_of(in, row, en, e) != 0 || check_keys(in, row, en, e) != 0)
		return -1;
	return 1;
}
