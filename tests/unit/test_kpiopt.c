/* test_kpiopt.c - kpi's options checked between them, partial files merged
 * by name, and what the options make kpi write (libdunning/kpiopt.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dunning.h"
#include "scratch.h"
#include "unit.h"
#include "fixture.h"

static int check(const dn_kpi_opts *o, const char *rejects, dn_error *e)
{
	dn_common c;

	memset(&c, 0, sizeof c);
	c.rejects = rejects;
	return dn_kpi_opts_check(o, &c, 0, e);
}

static void test_check(void)
{
	dn_kpi_opts o;
	dn_error e;

	memset(&o, 0, sizeof o);
	CHECK(check(&o, "r.csv", &e) == 0);
	o.merge = 1;
	CHECK(check(&o, "r.csv", &e) == DN_EX_USAGE);
	CHECK_STR(e.name, "--rejects");
	o.journal = "j.csv";
	CHECK(check(&o, NULL, &e) == DN_EX_USAGE);
	CHECK_STR(e.name, "--merge");
	o.journal = NULL;
	o.partial = 1;
	CHECK(check(&o, NULL, &e) == DN_EX_USAGE);
	CHECK_STR(e.name, "--partial");
	o.merge = 0;
	o.roll_rates = 1;
	CHECK(check(&o, NULL, &e) == DN_EX_USAGE);
	CHECK(strstr(e.message, "go to --merge") != NULL);
	memset(&o, 0, sizeof o);
	o.chart = "dso";
	CHECK(check(&o, NULL, &e) == DN_EX_USAGE); /* not without --format svg */
	CHECK_STR(e.name, "--chart");
	o.format = DN_KPI_SVG;
	CHECK(check(&o, NULL, &e) == 0);
	o.chart = "nope";
	CHECK(check(&o, NULL, &e) == DN_EX_USAGE);
	CHECK_STR(e.message, "not a metric");
	o.chart = "promise_kept_rate";
	CHECK(check(&o, NULL, &e) == DN_EX_USAGE);
	CHECK_STR(e.message, "a journal metric needs --journal");
	o.merge = 1; /* the partial files will say */
	CHECK(check(&o, NULL, &e) == 0);
	o.merge = 0;
	o.journal = "j.csv";
	CHECK(check(&o, NULL, &e) == 0);
}

/* The bytes dn_kpi_opts_output writes for k under o. */
static char *output(const dn_kpi_opts *o, dn_kpi *k, const char *by, const dn_config *cfg,
		    int *rc)
{
	static char buf[16384];
	FILE *fp = tmpfile();
	size_t n;
	dn_error e;

	buf[0] = '\0';
	if (fp == NULL)
		return buf;
	*rc = dn_kpi_opts_output(o, k, by, cfg, 0, fp, NULL, NULL, &e);
	rewind(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void test_merge_and_output(void)
{
	dn_config *cfg = cfg_of("[general]\ncurrency = EUR\n");
	dn_kpi_opts o;
	dn_error e;
	dn_kpi *k = dn_kpi_for_run(cfg, day("2026-11-23"), NULL, NULL, DN_EVERY_NONE, 0, &e);
	dn_kpi *merged = NULL;
	dn_item it;
	const char *paths[2];
	char *by = NULL, *text;
	dn_kpi_group *const *g;
	size_t n;
	int rc = -1;

	CHECK(k != NULL);
	memset(&it, 0, sizeof it);
	it.customer = "C1";
	it.customer_len = 2;
	it.issue_date = day("2026-10-01");
	it.due_date = day("2026-10-31");
	it.amount = it.balance = 12345;
	memcpy(it.currency, "EUR", 4);
	it.decimals = 2;
	CHECK(dn_kpi_add_item(k, "corp", 4, &it, day("2199-01-01"), &e) == 0);
	/* --partial --by segment: the sums, as dn_kpi_write_partial writes them. */
	memset(&o, 0, sizeof o);
	o.partial = 1;
	o.by = "segment";
	text = output(&o, k, NULL, cfg, &rc);
	CHECK(rc == 0 && strstr(text, "segment") != NULL && strstr(text, "12345") != NULL);
	paths[0] = scratch_put_str("p1.csv", text);
	paths[1] = scratch_put_str("p2.csv", text);
	/* Two shards merged: twice the sums, the --by of the files. */
	CHECK(dn_kpi_merge_files(&merged, paths, 2, ',', dn_config_currencies(cfg), &by, &e) == 0);
	CHECK_STR(by, "segment");
	g = merged ? dn_kpi_groups(merged, &n) : NULL;
	CHECK(g != NULL && n == 1 && g[0]->p[0].v[DN_S_ITEMS] == 2);
	/* --merge: the metrics, per the merged --by. */
	memset(&o, 0, sizeof o);
	o.merge = 1;
	text = output(&o, merged, by, cfg, &rc);
	CHECK(rc == 0 && strncmp(text, "segment,metric,value,", 21) == 0);
	CHECK(strstr(text, "corp,ar_open,246.90,EUR,") != NULL);
	o.chart = "amicable_share";
	CHECK(dn_kpi_opts_check_merged(&o, merged, &e) == DN_EX_USAGE);
	CHECK_STR(e.name, "--chart");
	o.chart = "dso";
	CHECK(dn_kpi_opts_check_merged(&o, merged, &e) == 0);
	/* A file that is not there stops the merge. */
	paths[1] = scratch_path("nothere.csv");
	CHECK(dn_kpi_merge_files(&merged, paths, 2, ',', dn_config_currencies(cfg), &by, &e) ==
	      DN_EX_NOINPUT);
	free(by);
	dn_kpi_free(merged);
	dn_kpi_free(k);
	dn_config_free(cfg);
}

int main(void)
{
	scratch_open();
	test_check();
	test_merge_and_output();
	scratch_close();
	DONE();
}
