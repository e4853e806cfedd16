/* prioritize - whom to contact first, and why.
 *
 * Reads the journal (when given) fully, then streams the items into one
 * total per customer and currency (memory per customer, not per row),
 * scores, sorts and prints them.  Every rule is in libdunning (score.c,
 * journal.c); this file does options, input, output and messages.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dunning.h"

static const char usage[] =
	"usage: prioritize [options] [FILE ...]\n"
	"Rank customers by whom to contact first, and say why (items CSV on stdin or FILEs).\n"
	"      --journal FILE  the history: promises, plans, holds, contacts\n"
	"      --top N         keep the first N rows\n"
	"      --format F      csv (default), table or json\n";

enum fmt { FMT_CSV, FMT_TABLE, FMT_JSON };
enum { OPT_JOURNAL = 300, OPT_TOP, OPT_FORMAT };

struct prio_opts {
	const char *journal;
	long top; /* 0: all */
	enum fmt format;
};

static const struct option long_opts[] = {
	{"journal", required_argument, NULL, OPT_JOURNAL},
	{"top", required_argument, NULL, OPT_TOP},
	{"format", required_argument, NULL, OPT_FORMAT},
	{NULL, 0, NULL, 0},
};

static int on_option(int code, const char *arg, void *ctx, dn_error *e)
{
	struct prio_opts *o = ctx;

	switch (code) {
	case OPT_JOURNAL:
		if (strcmp(arg, "-") == 0) {
			return dn_option_error(e, "--journal",
					       "the journal is a file (it is read twice), "
					       "not standard input",
					       NULL);
		}
		o->journal = arg;
		return 0;
	case OPT_TOP:
		return dn_option_long("--top", arg, 1, 1000000000L, &o->top, e);
	case OPT_FORMAT:
		switch (dn_option_pick("--format", arg, "csv|table|json", e)) {
		case 0:
			o->format = FMT_CSV;
			return 0;
		case 1:
			o->format = FMT_TABLE;
			return 0;
		case 2:
			o->format = FMT_JSON;
			return 0;
		default:
			return DN_EX_USAGE;
		}
	default:
		return -1;
	}
}

/* Everything one run needs. */
struct run {
	struct prio_opts o;
	dn_common common;
	dn_config *cfg;
	dn_score_rules rules;
	dn_journal *journal;
	dn_csv_reader *rd;
	dn_item_schema schema;
	dn_rejects *rej;
	dn_scoreboard *board;
};

/* Print the diagnostic of e; returns its exit status. */
static int report(const dn_error *e)
{
	char buf[1280];

	fputs(dn_diagnostic("prioritize", e, buf, sizeof buf), stderr);
	return e->status;
}

/* ---- input ---- */

static int read_items(struct run *r, dn_error *e)
{
	dn_item_extra x;
	dn_row row;
	dn_item it;
	int rc;

	while ((rc = dn_next_row(r->rd, r->rej, &row, e)) == 1) {
		if (dn_item_read(&r->schema, &row, &it, e) != 0 ||
		    dn_item_extra_read(&r->schema, &row, &it, &x, e) != 0) {
			if (dn_reject(r->rej, &row, e) != 0)
				return e->status;
			continue;
		}
		rc = dn_scoreboard_add(r->board, &it, &x, e);
		if (rc == DN_EX_DATAERR) {
			dn_error_where(e, row.file, row.line);
			dn_error_subject(e, "column", "balance");
			if (dn_reject(r->rej, &row, e) != 0)
				return rc;
		} else if (rc != 0) {
			return rc;
		}
	}
	return rc < 0 ? e->status : 0;
}

/* ---- output ---- */

static const char *const columns[] = {"customer", "currency", "balance", "overdue",
				      "oldest_days", "items", "score", "priority",
				      "reason", "next_action"};
#define NCOLS (sizeof columns / sizeof columns[0])

/* The cells of a row; money grouped by sep (0: none). */
struct cells {
	char balance[DN_MONEY_BUFSZ], overdue[DN_MONEY_BUFSZ];
	char days[24], items[24], score[48];
	char reason[512];
};

static void fill_cells(const struct run *r, const dn_priority *p, char sep, struct cells *c)
{
	dn_money_format_grouped(p->balance, p->decimals, sep, c->balance);
	dn_money_format_grouped(p->overdue, p->decimals, sep, c->overdue);
	snprintf(c->days, sizeof c->days, "%ld", p->oldest_days);
	snprintf(c->items, sizeof c->items, "%ld", p->items);
	snprintf(c->score, sizeof c->score, "%ld.%ld", p->score.tenths / 10,
		 p->score.tenths % 10);
	dn_priority_reason(&r->rules, p, c->reason, sizeof c->reason);
}

static int write_csv(const struct run *r, const dn_priority *const *rows, size_t n,
		     dn_error *e)
{
	dn_csv_writer *w = dn_csv_writer_new(stdout, dn_config_input(r->cfg)->delimiter,
					     r->common.excel_safe);
	struct cells c;
	size_t i, k;

	if (w == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	for (k = 0; k < NCOLS; k++)
		dn_csv_put_str(w, columns[k]);
	dn_csv_end_row(w);
	for (i = 0; i < n; i++) {
		const dn_priority *p = rows[i];
		fill_cells(r, p, 0, &c);
		dn_csv_put(w, p->customer, p->customer_len);
		dn_csv_put_str(w, p->currency);
		dn_csv_put_str(w, c.balance);
		dn_csv_put_str(w, c.overdue);
		dn_csv_put_str(w, c.days);
		dn_csv_put_str(w, c.items);
		dn_csv_put_str(w, c.score);
		dn_csv_put_str(w, p->priority);
		dn_csv_put_str(w, c.reason);
		dn_csv_put_str(w, p->next_action);
		dn_csv_end_row(w);
	}
	dn_csv_flush(w); /* a write error shows at dn_output_close */
	dn_csv_writer_free(w);
	return 0;
}

/* A JSON number written as is (the score: one decimal, exact). */
static void json_number(dn_json *j, const char *key, const char *num)
{
	if (j->fields++ > 0)
		putc(',', j->fp);
	fprintf(j->fp, "\"%s\":%s", key, num);
}

static int write_json(const struct run *r, const dn_priority *const *rows, size_t n)
{
	struct cells c;
	dn_json j;
	size_t i;

	for (i = 0; i < n; i++) {
		const dn_priority *p = rows[i];
		fill_cells(r, p, 0, &c);
		dn_json_begin(&j, stdout);
		dn_json_str(&j, "customer", p->customer, p->customer_len);
		dn_json_str(&j, "currency", p->currency, strlen(p->currency));
		dn_json_str(&j, "balance", c.balance, strlen(c.balance));
		dn_json_str(&j, "overdue", c.overdue, strlen(c.overdue));
		dn_json_long(&j, "oldest_days", p->oldest_days);
		dn_json_long(&j, "items", p->items);
		json_number(&j, "score", c.score);
		dn_json_str(&j, "priority", p->priority, strlen(p->priority));
		dn_json_str(&j, "reason", c.reason, strlen(c.reason));
		dn_json_str(&j, "next_action", p->next_action, strlen(p->next_action));
		dn_json_end(&j);
	}
	return 0;
}

/* Per-currency totals of the rows shown, for the table. */
struct total {
	char currency[4];
	int decimals;
	int64_t balance, overdue;
	long items, customers;
};

static int cmp_total(const void *a, const void *b)
{
	return strcmp(((const struct total *)a)->currency, ((const struct total *)b)->currency);
}

static int add_total(struct total *t, size_t *nt, const dn_priority *p, dn_error *e)
{
	size_t i;

	for (i = 0; i < *nt; i++)
		if (strcmp(t[i].currency, p->currency) == 0)
			break;
	if (i == *nt) {
		memset(&t[i], 0, sizeof t[i]);
		memcpy(t[i].currency, p->currency, 4);
		t[i].decimals = p->decimals;
		(*nt)++;
	}
	if (dn_money_add(t[i].balance, p->balance, &t[i].balance) != 0 ||
	    dn_money_add(t[i].overdue, p->overdue, &t[i].overdue) != 0)
		return dn_error_set(e, DN_EX_DATAERR, "%s total out of range", p->currency);
	t[i].items += p->items;
	t[i].customers++;
	return 0;
}

static int write_table(const struct run *r, const dn_priority *const *rows, size_t n,
		       dn_error *e)
{
	dn_table *t = dn_table_new(NCOLS);
	struct total *tot = malloc((n ? n : 1) * sizeof *tot);
	size_t i, nt = 0;
	struct cells c;
	int rc = 0;

	if (t == NULL || tot == NULL) {
		rc = dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		goto done;
	}
	for (i = 2; i <= 6; i++)
		dn_table_align_right(t, i);
	dn_table_add(t, columns);
	for (i = 0; i < n && rc == 0; i++) {
		const dn_priority *p = rows[i];
		char name[1024];
		const char *cells[NCOLS];
		snprintf(name, sizeof name, "%.*s", (int)p->customer_len, p->customer);
		fill_cells(r, p, ' ', &c);
		cells[0] = name;
		cells[1] = p->currency;
		cells[2] = c.balance;
		cells[3] = c.overdue;
		cells[4] = c.days;
		cells[5] = c.items;
		cells[6] = c.score;
		cells[7] = p->priority;
		cells[8] = c.reason;
		cells[9] = p->next_action;
		if (dn_table_add(t, cells) != 0)
			rc = dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		else
			rc = add_total(tot, &nt, p, e);
	}
	if (rc != 0)
		goto done;
	qsort(tot, nt, sizeof *tot, cmp_total);
	dn_table_rule(t);
	for (i = 0; i < nt; i++) {
		char label[48];
		const char *cells[NCOLS] = {label,   tot[i].currency, c.balance, c.overdue, "",
					    c.items, "",              "",        "",        ""};
		snprintf(label, sizeof label, "total (%ld customer%s)", tot[i].customers,
			 tot[i].customers == 1 ? "" : "s");
		dn_money_format_grouped(tot[i].balance, tot[i].decimals, ' ', c.balance);
		dn_money_format_grouped(tot[i].overdue, tot[i].decimals, ' ', c.overdue);
		snprintf(c.items, sizeof c.items, "%ld", tot[i].items);
		dn_table_add(t, cells);
	}
	dn_table_print(t, stdout);
done:
	dn_table_free(t);
	free(tot);
	return rc;
}

static int write_output(struct run *r, dn_error *e)
{
	const dn_priority *const *rows;
	size_t n;
	int rc = dn_scoreboard_rank(r->board, &rows, &n, e);

	if (rc != 0)
		return rc;
	if (r->o.top > 0 && (size_t)r->o.top < n)
		n = (size_t)r->o.top;
	switch (r->o.format) {
	case FMT_CSV:
		return write_csv(r, rows, n, e);
	case FMT_JSON:
		return write_json(r, rows, n);
	case FMT_TABLE:
		return write_table(r, rows, n, e);
	}
	return 0;
}

/* ---- set-up ---- */

static int read_journal(struct run *r, dn_error *e)
{
	dn_journal_info info;
	int rc;

	if (r->o.journal == NULL) {
		r->journal = NULL; /* no history */
		return 0;
	}
	rc = dn_journal_read(r->o.journal, r->cfg, r->common.as_of, &r->journal, &info, e);
	if (rc == 0 && info.unterminated_line > 0)
		fprintf(stderr, "prioritize: %s:%ld: unterminated last line ignored\n",
			r->o.journal, info.unterminated_line);
	return rc;
}

static int setup(struct run *r, int argc, char **argv, int first, dn_error *e)
{
	const dn_input_format *in;

	if ((r->cfg = dn_config_load(r->common.config, e)) == NULL ||
	    dn_score_rules_load(&r->rules, r->cfg, e) != 0)
		return e->status;
	in = dn_config_input(r->cfg);
	/* Inputs that cannot be opened (66) before bad data anywhere (65). */
	if (r->o.journal != NULL && dn_journal_check(r->o.journal, e) != 0)
		return e->status;
	r->rd = dn_csv_reader_new((const char *const *)argv + first, (size_t)(argc - first),
				  in->delimiter, e);
	if (r->rd == NULL || dn_item_schema_init(&r->schema, r->rd, r->cfg, e) != 0)
		return e->status;
	r->schema.as_of = r->common.as_of;
	if (read_journal(r, e) != 0)
		return e->status;
	if ((r->board = dn_scoreboard_new(&r->rules, r->journal, r->common.as_of)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if (r->common.rejects != NULL &&
	    (r->rej = dn_rejects_open(r->common.rejects, r->rd, e)) == NULL)
		return e->status;
	return 0;
}

static const dn_tool tool = {"prioritize", usage, long_opts, "", on_option};

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
		rc = read_items(&r, &e);
	if (rc == 0)
		rc = write_output(&r, &e);
	if (rc != 0)
		report(&e);
	rc = dn_finish_run(r.rej, rc, report);
	dn_scoreboard_free(r.board);
	dn_journal_free(r.journal);
	dn_csv_reader_free(r.rd);
	dn_config_free(r.cfg);
	return rc;
}
