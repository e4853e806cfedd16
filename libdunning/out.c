/* out.c - the typed output sink (see out.h). */
#include "out.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "report.h"

#define MAX_COLS 48
#define CELL_BUF DN_MONEY_BUFSZ

struct col {
	const char *name;
	const char *label; /* table heading */
	dn_cell type;
	int total;         /* summed in the table's totals */
};

/* A cell of the current row: text is borrowed, numbers kept typed so the
 * table can add them up. */
struct cell {
	int set;
	const char *s;
	size_t len;
	int64_t v;
	int decimals;
	dn_date d;
};

/* Totals of one currency (table). */
struct total {
	char currency[8];
	int decimals;
	long rows;
	int64_t sum[MAX_COLS];
};

struct dn_out {
	FILE *fp;
	dn_out_format format;
	int excel_safe;
	dn_csv_writer *w;
	dn_table *table;
	dn_json json;
	/* how cells are written */
	char decimal;      /* csv: '.' or ',' */
	dn_datefmt datefmt; /* csv dates */
	int french;        /* table: 1 234,56 */
	int bom;
	/* columns */
	const dn_row *pass;
	const dn_csv_reader *src; /* where passed rows come from, or NULL */
	char delim;        /* csv: [output] delimiter */
	int *replaces;     /* per pass column: the declared id written there, or -1 */
	struct col col[MAX_COLS];
	int at[MAX_COLS];  /* pass column a declared one replaces, or -1 */
	size_t ncols;
	struct cell cell[MAX_COLS];
	/* table totals */
	int totals, shares;
	size_t currency_id, count_id, share_of;
	const char *one, *many;
	struct total *tot;
	size_t ntot, captot;
};

/* [output] settings, and whether "-12,50" is a number to --excel-safe
 * (SPEC: under a decimal comma, in or out). */
static void read_settings(dn_out *o, const dn_config *cfg, char *delim, int *crlf,
			  int *comma_numbers)
{
	const dn_input_format *in = dn_config_input(cfg);
	const dn_output_format *of = dn_config_output(cfg);
	const char *lang = dn_config_get(cfg, "general", "language");

	*delim = of->delimiter;
	*crlf = of->crlf;
	o->decimal = of->decimal;
	o->datefmt = of->date;
	o->bom = of->bom;
	*comma_numbers = in->number.decimal == ',' || o->decimal == ',';
	o->french = lang != NULL && strcmp(lang, "fr") == 0;
}

dn_out *dn_out_new(FILE *fp, dn_out_format f, const dn_config *cfg, int excel_safe,
		   dn_error *e)
{
	dn_out *o = calloc(1, sizeof *o);
	char delim;
	int crlf, comma_numbers;

	if (o == NULL) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	o->fp = fp;
	o->format = f;
	o->excel_safe = excel_safe;
	read_settings(o, cfg, &delim, &crlf, &comma_numbers);
	o->delim = delim;
	if (f == DN_OUT_CSV) {
		o->w = dn_csv_writer_new(fp, delim, excel_safe);
		if (o->w != NULL)
			dn_csv_writer_set(o->w, crlf, comma_numbers);
	}
	if (f == DN_OUT_CSV && o->w == NULL) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		free(o);
		return NULL;
	}
	o->count_id = (size_t)-1;
	return o;
}

void dn_out_free(dn_out *o)
{
	if (o == NULL)
		return;
	dn_csv_writer_free(o->w);
	dn_table_free(o->table);
	free(o->replaces);
	free(o->tot);
	free(o);
}

void dn_out_source(dn_out *o, const dn_csv_reader *rd)
{
	o->src = rd;
}

void dn_out_pass(dn_out *o, const dn_row *header)
{
	if (o->format == DN_OUT_TABLE)
		return;
	o->pass = header;
}

/* Index of the pass-through column named name, or -1. */
static int pass_index(const dn_out *o, const char *name)
{
	size_t i;

	for (i = 0; o->pass != NULL && i < o->pass->n; i++)
		if (strcmp(o->pass->v[i], name) == 0)
			return (int)i;
	return -1;
}

/* Table headings and words in French ([general] language = fr); a name
 * not listed is shown as it is. */
static const char *const french[][2] = {
	{"customer", "client"},        {"customers", "clients"},
	{"invoice", "facture"},        {"item", "facture"},
	{"items", "factures"},         {"due_date", "échéance"},
	{"issue_date", "émission"},    {"currency", "devise"},
	{"balance", "solde"},          {"days_overdue", "jours de retard"},
	{"bucket", "tranche"},         {"current", "non échu"},
	{"overdue", "échu"},           {"oldest_days", "retard max (j)"},
	{"score", "score"},            {"priority", "priorité"},
	{"reason", "motif"},           {"next_action", "action"},
	{"segment", "segment"},        {"disputed", "litige"},
	{"installment", "échéance n°"}, {"amount", "montant"},
	{"principal", "capital"},      {"interest", "intérêts"},
	{"remaining", "restant dû"},   {"metric", "indicateur"},
	{"value", "valeur"},
};

static const char *word(const dn_out *o, const char *name)
{
	size_t i;

	for (i = 0; o->french && name != NULL && i < sizeof french / sizeof french[0]; i++)
		if (strcmp(french[i][0], name) == 0)
			return french[i][1];
	return name;
}

size_t dn_out_col(dn_out *o, const char *name, dn_cell type)
{
	size_t id = o->ncols;

	if (id == MAX_COLS)
		return MAX_COLS - 1; /* a tool's fixed columns never get here */
	o->col[id].name = name;
	o->col[id].label = word(o, name);
	o->col[id].type = type;
	o->at[id] = pass_index(o, name);
	o->ncols++;
	return id;
}

void dn_out_label(dn_out *o, size_t id, const char *label)
{
	o->col[id].label = label;
}

void dn_out_totals(dn_out *o, size_t currency_id, size_t count_id, const char *one,
		   const char *many)
{
	o->totals = 1;
	o->currency_id = currency_id;
	o->count_id = count_id;
	o->one = word(o, one);
	o->many = word(o, many);
}

void dn_out_total_col(dn_out *o, size_t id)
{
	o->col[id].total = 1;
}

void dn_out_shares(dn_out *o, size_t share_of)
{
	o->shares = 1;
	o->share_of = share_of;
}

static void csv_header(dn_out *o)
{
	size_t i;

	if (o->bom)
		dn_csv_put_raw(o->w, "\xef\xbb\xbf", 3);
	for (i = 0; o->pass != NULL && i < o->pass->n; i++)
		dn_csv_put(o->w, o->pass->v[i], o->pass->len[i]);
	for (i = 0; i < o->ncols; i++)
		if (o->at[i] < 0)
			dn_csv_put_str(o->w, o->col[i].name);
	dn_csv_end_row(o->w);
}

void dn_out_header(dn_out *o)
{
	const char *cells[MAX_COLS];
	size_t i;

	if (o->pass != NULL) {
		o->replaces = malloc((o->pass->n ? o->pass->n : 1) * sizeof *o->replaces);
		for (i = 0; o->replaces != NULL && i < o->pass->n; i++)
			o->replaces[i] = -1;
		for (i = 0; o->replaces != NULL && i < o->ncols; i++)
			if (o->at[i] >= 0)
				o->replaces[o->at[i]] = (int)i;
	}
	switch (o->format) {
	case DN_OUT_CSV:
		csv_header(o);
		break;
	case DN_OUT_TABLE:
		if ((o->table = dn_table_new(o->ncols)) == NULL)
			return;
		for (i = 0; i < o->ncols; i++) {
			cells[i] = o->col[i].label;
			if (o->col[i].type != DN_CELL_TEXT && o->col[i].type != DN_CELL_DATE)
				dn_table_align_right(o->table, i);
		}
		dn_table_add(o->table, cells);
		break;
	case DN_OUT_JSON:
		break;
	}
}

/* ---- cells ---- */

void dn_out_text(dn_out *o, size_t id, const char *s, size_t len)
{
	o->cell[id].set = 1;
	o->cell[id].s = s;
	o->cell[id].len = len;
}

void dn_out_str(dn_out *o, size_t id, const char *s)
{
	dn_out_text(o, id, s, strlen(s));
}

void dn_out_money(dn_out *o, size_t id, int64_t units, int decimals)
{
	o->cell[id].set = 1;
	o->cell[id].v = units;
	o->cell[id].decimals = decimals;
}

void dn_out_int(dn_out *o, size_t id, int64_t v)
{
	o->cell[id].set = 1;
	o->cell[id].v = v;
}

void dn_out_date(dn_out *o, size_t id, dn_date d)
{
	o->cell[id].set = 1;
	o->cell[id].d = d;
}

void dn_out_decimal(dn_out *o, size_t id, const char *s)
{
	dn_out_str(o, id, s);
}

/* Replace the '.' of a formatted number by c. */
static void set_decimal(char *buf, char c)
{
	char *dot = c != '.' ? strrchr(buf, '.') : NULL;

	if (dot != NULL)
		*dot = c;
}

/* The '.' of a number of len bytes with `decimals` decimals, as
 * dn_money_format writes it, replaced by c. */
static void set_point(char *buf, size_t len, int decimals, char c)
{
	if (decimals > 0 && c != '.')
		buf[len - (size_t)decimals - 1] = c;
}

/* The text of a typed cell for the sink's format, into buf (CELL_BUF). */
static const char *cell_text(const dn_out *o, const struct col *c, const struct cell *v,
			     char *buf, size_t *len)
{
	int table = o->format == DN_OUT_TABLE;

	switch (c->type) {
	case DN_CELL_MONEY:
		if (table) {
			*len = dn_money_format_grouped(v->v, v->decimals, ' ', buf);
			set_point(buf, *len, v->decimals, o->french ? ',' : '.');
		} else {
			*len = dn_money_format(v->v, v->decimals, buf);
			if (o->format == DN_OUT_CSV)
				set_point(buf, *len, v->decimals, o->decimal);
		}
		return buf;
	case DN_CELL_INT:
		*len = dn_format_int(v->v, buf);
		return buf;
	case DN_CELL_DATE:
		if (o->format == DN_OUT_CSV)
			*len = dn_date_format_as(v->d, o->datefmt, buf);
		else
			*len = dn_date_format(v->d, buf);
		return buf;
	case DN_CELL_DECIMAL:
		snprintf(buf, CELL_BUF, "%.*s", (int)v->len, v->s);
		if ((table && o->french) || o->format == DN_OUT_CSV)
			set_decimal(buf, table ? ',' : o->decimal);
		break;
	case DN_CELL_TEXT:
		*len = v->len;
		return v->s;
	}
	*len = strlen(buf);
	return buf;
}

static void csv_cell(dn_out *o, size_t id)
{
	char buf[CELL_BUF];
	size_t len = 0;
	const char *s = "";

	if (o->cell[id].set)
		s = cell_text(o, &o->col[id], &o->cell[id], buf, &len);
	dn_csv_put(o->w, s, len);
}

/* The declared columns that are not in the input, in one call. */
static void csv_new_cells(dn_out *o)
{
	char bufs[MAX_COLS][CELL_BUF];
	const char *v[MAX_COLS];
	size_t len[MAX_COLS], i, n = 0;

	for (i = 0; i < o->ncols; i++) {
		if (o->at[i] >= 0)
			continue;
		v[n] = "";
		len[n] = 0;
		if (o->cell[i].set)
			v[n] = cell_text(o, &o->col[i], &o->cell[i], bufs[n], &len[n]);
		n++;
	}
	dn_csv_put_fields(o->w, v, len, n);
}

static void csv_row(dn_out *o, const dn_row *pass)
{
	size_t i = 0, end;
	int plain = pass != NULL && o->src != NULL && dn_csv_row_plain(o->src, pass, o->delim);

	while (pass != NULL && i < pass->n) {
		if (o->replaces != NULL && o->replaces[i] >= 0) {
			csv_cell(o, (size_t)o->replaces[i++]);
			continue;
		}
		/* A run of fields passed through: written in one call. */
		for (end = i + 1; end < pass->n && (o->replaces == NULL || o->replaces[end] < 0);
		     end++)
			;
		if (plain)
			dn_csv_put_plain(o->w, pass->v + i, pass->len + i, end - i);
		else
			dn_csv_put_fields(o->w, pass->v + i, pass->len + i, end - i);
		i = end;
	}
	csv_new_cells(o);
	dn_csv_end_row(o->w);
}

static void json_cell(dn_out *o, size_t id)
{
	const struct col *c = &o->col[id];
	const struct cell *v = &o->cell[id];
	char buf[CELL_BUF];
	size_t len;
	const char *s;

	if (!v->set) {
		dn_json_str(&o->json, c->name, "", 0);
		return;
	}
	s = cell_text(o, c, v, buf, &len);
	if (c->type == DN_CELL_INT || c->type == DN_CELL_DECIMAL)
		dn_json_number(&o->json, c->name, s);
	else
		dn_json_str(&o->json, c->name, s, len);
}

static void json_row(dn_out *o, const dn_row *pass)
{
	size_t i;

	dn_json_begin(&o->json, o->fp);
	for (i = 0; pass != NULL && i < pass->n; i++)
		if (o->replaces == NULL || o->replaces[i] < 0)
			dn_json_str(&o->json, o->pass->v[i], pass->v[i], pass->len[i]);
	for (i = 0; i < o->ncols; i++)
		json_cell(o, i);
	dn_json_end(&o->json);
}

/* The totals of the row's currency, made when new; NULL when out of memory. */
static struct total *total_of(dn_out *o, const char *code, size_t len)
{
	size_t i;

	if (len >= sizeof o->tot->currency)
		len = sizeof o->tot->currency - 1;
	for (i = 0; i < o->ntot; i++)
		if (strlen(o->tot[i].currency) == len && memcmp(o->tot[i].currency, code, len) == 0)
			return &o->tot[i];
	if (o->ntot == o->captot) {
		size_t ncap = o->captot ? 2 * o->captot : 4;
		struct total *nt = realloc(o->tot, ncap * sizeof *nt);
		if (nt == NULL)
			return NULL;
		o->tot = nt;
		o->captot = ncap;
	}
	memset(&o->tot[o->ntot], 0, sizeof o->tot[0]);
	memcpy(o->tot[o->ntot].currency, code, len);
	return &o->tot[o->ntot++];
}

static int add_totals(dn_out *o, dn_error *e)
{
	const struct cell *cur = &o->cell[o->currency_id];
	struct total *t = total_of(o, cur->s, cur->set ? cur->len : 0);
	int64_t sum[MAX_COLS];
	size_t i;

	if (t == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	/* All or nothing: a row whose totals overflow is not counted. */
	for (i = 0; i < o->ncols; i++) {
		sum[i] = t->sum[i];
		if (o->col[i].total && o->cell[i].set &&
		    dn_money_add(t->sum[i], o->cell[i].v, &sum[i]) != 0)
			return dn_error_set(e, DN_EX_DATAERR, "%s total out of range", t->currency);
	}
	for (i = 0; i < o->ncols; i++) {
		if (o->col[i].total && o->cell[i].set && o->col[i].type == DN_CELL_MONEY)
			t->decimals = o->cell[i].decimals;
		t->sum[i] = sum[i];
	}
	t->rows++;
	return 0;
}

static int table_row(dn_out *o, dn_error *e)
{
	char bufs[MAX_COLS][CELL_BUF], *texts[MAX_COLS];
	const char *cells[MAX_COLS];
	size_t i, len;

	if (o->table == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	for (i = 0; i < o->ncols; i++) {
		const char *s = "";
		texts[i] = NULL;
		len = 0;
		if (o->cell[i].set)
			s = cell_text(o, &o->col[i], &o->cell[i], bufs[i], &len);
		if (s != bufs[i]) { /* borrowed text: NUL-terminate a copy */
			texts[i] = malloc(len + 1);
			if (texts[i] != NULL) {
				memcpy(texts[i], s, len);
				texts[i][len] = '\0';
			}
			s = texts[i] ? texts[i] : "";
		}
		cells[i] = s;
	}
	/* Totals first: a row they refuse must not appear in the table. */
	i = (size_t)(o->totals ? add_totals(o, e) : 0);
	if (i == 0 && dn_table_add(o->table, cells) != 0)
		i = (size_t)dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	for (len = 0; len < o->ncols; len++)
		free(texts[len]);
	return (int)i;
}

int dn_out_row(dn_out *o, const dn_row *pass, dn_error *e)
{
	int rc = 0;

	switch (o->format) {
	case DN_OUT_CSV:
		csv_row(o, pass);
		break;
	case DN_OUT_JSON:
		json_row(o, pass);
		break;
	case DN_OUT_TABLE:
		rc = table_row(o, e);
		break;
	}
	memset(o->cell, 0, o->ncols * sizeof o->cell[0]);
	return rc;
}

/* ---- the end ---- */

static int cmp_total(const void *a, const void *b)
{
	return strcmp(((const struct total *)a)->currency, ((const struct total *)b)->currency);
}

/* Share of part in whole, in tenths of a percent rounded half up ("91.4%"). */
static void share_text(const dn_out *o, int64_t part, int64_t whole, char *buf)
{
	int64_t tenths, a;

	if (whole == 0 || dn_muldiv_round(part, 1000, whole, &tenths) != 0) {
		snprintf(buf, CELL_BUF, "-");
		return;
	}
	a = tenths < 0 ? -tenths : tenths;
	snprintf(buf, CELL_BUF, "%s%lld%c%lld%%", tenths < 0 ? "-" : "", (long long)(a / 10),
		 o->french ? ',' : '.', (long long)(a % 10));
}

static void total_rows(dn_out *o, const struct total *t)
{
	char bufs[MAX_COLS][CELL_BUF];
	const char *cells[MAX_COLS];
	struct cell v;
	size_t i, len;

	for (i = 0; i < o->ncols; i++) {
		cells[i] = "";
		if (i == o->currency_id) {
			cells[i] = t->currency;
		} else if (i == o->count_id) {
			/* In the first column, the count goes with the label. */
			snprintf(bufs[i], CELL_BUF, i == 0 ? "total (%ld %s)" : "%ld %s", t->rows,
				 t->rows == 1 ? o->one : o->many);
			cells[i] = bufs[i];
		} else if (o->col[i].total) {
			v.v = t->sum[i];
			v.decimals = t->decimals;
			cells[i] = cell_text(o, &o->col[i], &v, bufs[i], &len);
		}
	}
	if (o->count_id != 0 && o->currency_id != 0)
		cells[0] = "total";
	dn_table_add(o->table, cells);
	if (!o->shares)
		return;
	for (i = 0; i < o->ncols; i++) {
		cells[i] = i == o->currency_id ? t->currency : "";
		if (o->col[i].total) {
			share_text(o, t->sum[i], t->sum[o->share_of], bufs[i]);
			cells[i] = bufs[i];
		}
	}
	cells[0] = o->french ? "part" : "share";
	dn_table_add(o->table, cells);
}

int dn_out_close(dn_out *o, int complete, dn_error *e)
{
	size_t i;

	if (complete && o->format == DN_OUT_TABLE && o->table != NULL) {
		if (o->totals) {
			if (o->ntot > 1)
				qsort(o->tot, o->ntot, sizeof *o->tot, cmp_total);
			dn_table_rule(o->table);
			for (i = 0; i < o->ntot; i++)
				total_rows(o, &o->tot[i]);
		}
		dn_table_print(o->table, o->fp);
	}
	if ((o->w != NULL && dn_csv_flush(o->w) != 0) || fflush(o->fp) != 0 || ferror(o->fp)) {
		dn_error_set(e, DN_EX_IOERR, "write error: %s", strerror(errno ? errno : EIO));
		dn_error_where(e, "<stdout>", 0);
		return DN_EX_IOERR;
	}
	return 0;
}
