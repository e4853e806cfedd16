/* test_out.c - the typed output sink: csv, table, json. */
#include <stdio.h>
#include <string.h>

#include "dunning.h"
#include "scratch.h"
#include "unit.h"
#include "fixture.h"

/* A config from ini text ("" for the built-in defaults). */
static dn_config *config(const char *ini)
{
	dn_error e;

	if (ini[0] == '\0')
		return dn_config_load(scratch_put_str("none.ini", ""), &e);
	return dn_config_load(scratch_put_str("out.ini", ini), &e);
}

/* A reader over csv text, for its header and rows. */
static dn_csv_reader *reader(const char *csv)
{
	dn_error e;
	const char *path = scratch_put_str("in.csv", csv);

	return dn_csv_reader_new(&path, 1, ',', &e);
}

static void test_csv_pass_through(void)
{
	dn_config *cfg = config("");
	dn_csv_reader *rd = reader("customer,balance,note\nC1,5,\" hi \"\n");
	FILE *fp = tmpfile();
	dn_error e;
	dn_row row;
	dn_out *o = dn_out_new(fp, DN_OUT_CSV, cfg, 0, &e);
	size_t bal, days;

	CHECK(o != NULL && rd != NULL);
	dn_out_pass(o, dn_csv_header(rd));
	bal = dn_out_col(o, "balance", DN_CELL_MONEY); /* replaces the input's column */
	days = dn_out_col(o, "days_overdue", DN_CELL_INT); /* appended */
	dn_out_header(o);
	CHECK(dn_csv_next(rd, &row, &e) == 1);
	dn_out_money(o, bal, -123456, 2);
	dn_out_int(o, days, 42);
	CHECK(dn_out_row(o, &row, &e) == 0);
	CHECK(dn_out_close(o, 1, &e) == 0);
	CHECK_STR(slurp(fp), "customer,balance,note,days_overdue\nC1,-1234.56,\" hi \",42\n");
	dn_out_free(o);
	dn_csv_reader_free(rd);
	dn_config_free(cfg);
}

static void test_csv_output_settings(void)
{
	dn_config *cfg = config("[input]\ndecimal_separator = comma\n");
	FILE *fp = tmpfile();
	dn_error e;
	dn_out *o = dn_out_new(fp, DN_OUT_CSV, cfg, 1, &e);
	size_t t = dn_out_col(o, "name", DN_CELL_TEXT), d = dn_out_col(o, "due", DN_CELL_DATE);
	dn_date day;

	dn_date_from_ymd(2026, 11, 23, &day);
	dn_out_header(o);
	/* A decimal-comma credit note is a number, a formula is not. */
	dn_out_str(o, t, "-234,56");
	dn_out_date(o, d, day);
	dn_out_row(o, NULL, &e);
	dn_out_str(o, t, "=1+1");
	dn_out_row(o, NULL, &e);
	CHECK(dn_out_close(o, 1, &e) == 0);
	CHECK_STR(slurp(fp), "name,due\n\"-234,56\",2026-11-23\n'=1+1,\n");
	dn_out_free(o);
	dn_config_free(cfg);
}

static void test_table_totals(void)
{
	dn_config *cfg = config("");
	FILE *fp = tmpfile();
	dn_error e;
	dn_out *o = dn_out_new(fp, DN_OUT_TABLE, cfg, 0, &e);
	size_t c = dn_out_col(o, "customer", DN_CELL_TEXT);
	size_t cur = dn_out_col(o, "currency", DN_CELL_TEXT);
	size_t bal = dn_out_col(o, "balance", DN_CELL_MONEY);

	dn_out_totals(o, cur, c, "customer", "customers");
	dn_out_total_col(o, bal);
	dn_out_header(o);
	dn_out_str(o, c, "Esc\033[2J");
	dn_out_str(o, cur, "EUR");
	dn_out_money(o, bal, 123456, 2);
	CHECK(dn_out_row(o, NULL, &e) == 0);
	dn_out_str(o, c, "B");
	dn_out_str(o, cur, "EUR");
	dn_out_money(o, bal, INT64_MAX, 2);
	CHECK(dn_out_row(o, NULL, &e) == DN_EX_DATAERR); /* refused: not in the table */
	CHECK_STR(e.message, "EUR total out of range");
	dn_out_str(o, c, "D");
	dn_out_str(o, cur, "JPY");
	dn_out_money(o, bal, 5000, 0);
	CHECK(dn_out_row(o, NULL, &e) == 0);
	CHECK(dn_out_close(o, 1, &e) == 0);
	CHECK_STR(slurp(fp), "customer            currency   balance\n"
			     "--------------------------------------\n"
			     "Esc\\x1b[2J          EUR       1 234.56\n"
			     "D                   JPY          5 000\n"
			     "--------------------------------------\n"
			     "total (1 customer)  EUR       1 234.56\n"
			     "total (1 customer)  JPY          5 000\n");
	dn_out_free(o);
	dn_config_free(cfg);
}

static void test_table_incomplete_and_french(void)
{
	dn_config *cfg = config("[general]\nlanguage = fr\n");
	FILE *fp = tmpfile();
	dn_error e;
	dn_out *o = dn_out_new(fp, DN_OUT_TABLE, cfg, 0, &e);
	size_t b = dn_out_col(o, "balance", DN_CELL_MONEY), s = dn_out_col(o, "score", DN_CELL_DECIMAL);

	dn_out_header(o);
	dn_out_money(o, b, 123456789, 2);
	dn_out_decimal(o, s, "59.8");
	dn_out_row(o, NULL, &e);
	CHECK(dn_out_close(o, 1, &e) == 0);
	CHECK_STR(slurp(fp), "       solde  score\n"
			     "-------------------\n"
			     "1 234 567,89   59,8\n");
	dn_out_free(o);
	/* A run that failed shows no half table. */
	fp = tmpfile();
	o = dn_out_new(fp, DN_OUT_TABLE, cfg, 0, &e);
	dn_out_col(o, "balance", DN_CELL_MONEY);
	dn_out_header(o);
	dn_out_money(o, 0, 1, 2);
	dn_out_row(o, NULL, &e);
	CHECK(dn_out_close(o, 0, &e) == 0);
	CHECK_STR(slurp(fp), "");
	dn_out_free(o);
	dn_config_free(cfg);
}

static void test_json(void)
{
	dn_config *cfg = config("");
	dn_csv_reader *rd = reader("customer,bucket\n\"A \"\"B\"\"\",old\n");
	FILE *fp = tmpfile();
	dn_error e;
	dn_row row;
	dn_out *o = dn_out_new(fp, DN_OUT_JSON, cfg, 0, &e);
	size_t m, n, d, k;

	dn_out_pass(o, dn_csv_header(rd));
	m = dn_out_col(o, "balance", DN_CELL_MONEY);
	n = dn_out_col(o, "days", DN_CELL_INT);
	d = dn_out_col(o, "score", DN_CELL_DECIMAL);
	k = dn_out_col(o, "bucket", DN_CELL_TEXT);
	dn_out_header(o);
	CHECK(dn_csv_next(rd, &row, &e) == 1);
	dn_out_money(o, m, 1050, 2);
	dn_out_int(o, n, -3);
	dn_out_decimal(o, d, "7.5");
	dn_out_str(o, k, "1-30");
	dn_out_row(o, &row, &e);
	CHECK(dn_out_close(o, 1, &e) == 0);
	CHECK_STR(slurp(fp), "{\"customer\":\"A \\\"B\\\"\",\"balance\":\"10.50\",\"days\":-3,"
			     "\"score\":7.5,\"bucket\":\"1-30\"}\n");
	dn_out_free(o);
	dn_csv_reader_free(rd);
	dn_config_free(cfg);
}

static void test_write_error(void)
{
	dn_config *cfg = config("");
	FILE *fp = fopen("/dev/full", "w");
	dn_error e;
	dn_out *o;

	if (fp == NULL)
		return;
	o = dn_out_new(fp, DN_OUT_CSV, cfg, 0, &e);
	dn_out_col(o, "x", DN_CELL_TEXT);
	dn_out_header(o);
	CHECK(dn_out_close(o, 1, &e) == DN_EX_IOERR);
	CHECK_STR(e.file, "<stdout>");
	dn_out_free(o);
	fclose(fp);
	dn_config_free(cfg);
}

/* aging's rows (agingout.h): the input's columns, balance, days_overdue
 * and bucket, an existing bucket column written in place; as a table,
 * customer, invoice, due date and currency first. */
static void test_aging_rows(void)
{
	dn_config *cfg = config("");
	dn_csv_reader *rd = reader("customer,invoice,due_date,bucket,currency\n"
				   "C1,F1,2026-10-01,old,EUR\n");
	FILE *csv = tmpfile(), *tab = tmpfile();
	dn_error e;
	dn_row row;
	dn_out *o = dn_out_new(csv, DN_OUT_CSV, cfg, 0, &e);
	dn_out *t = dn_out_new(tab, DN_OUT_TABLE, cfg, 0, &e);
	dn_aging_cols oc, tc;
	dn_item it = {.customer = "C1", .customer_len = 2, .invoice = "F1", .invoice_len = 2,
		      .due_date = day("2026-10-01"), .currency = "EUR", .decimals = 2};
	dn_aged ag = {.balance = 123456, .days = 53, .bucket = 2};

	CHECK(o != NULL && t != NULL && rd != NULL);
	if (o == NULL || t == NULL || rd == NULL)
		return;
	dn_aging_rows_declare(o, rd, "balance", 0, &oc);
	dn_aging_rows_declare(t, rd, "balance", 1, &tc);
	dn_out_header(o);
	dn_out_header(t);
	CHECK(dn_csv_next(rd, &row, &e) == 1);
	CHECK(dn_aging_row_write(o, &oc, &row, &it, &ag, "31-60", &e) == 0);
	CHECK(dn_aging_row_write(t, &tc, &row, &it, &ag, "31-60", &e) == 0);
	CHECK(dn_out_close(o, 1, &e) == 0 && dn_out_close(t, 1, &e) == 0);
	CHECK_STR(slurp(csv), "customer,invoice,due_date,bucket,currency,balance,days_overdue\n"
			      "C1,F1,2026-10-01,31-60,EUR,1234.56,53\n");
	CHECK(strstr(slurp(tab), "C1        F1       2026-10-01") != NULL);
	dn_out_free(o);
	dn_out_free(t);
	dn_csv_reader_free(rd);
	dn_config_free(cfg);
}

int main(void)
{
	scratch_open();
	test_aging_rows();
	test_csv_pass_through();
	test_csv_output_settings();
	test_table_totals();
	test_table_incomplete_and_french();
	test_json();
	test_write_error();
	scratch_close();
	DONE();
}
