/* test_tool.c - the shared run: --rejects never names a file the run reads;
 * items are read at the as-of; bad rows are rejected. */
#include <stdio.h>
#include <string.h>

#include "dunning.h"
#include "scratch.h"
#include "unit.h"

static const dn_tool tool = {.name = "t", .usage = "usage: t\n"};

static char said[1024];

static void say(const char *text)
{
	snprintf(said + strlen(said), sizeof said - strlen(said), "%s", text);
}

/* Start a run over argv (NULL-terminated). */
static int start(dn_run *r, const char **argv)
{
	int argc = 0;

	while (argv[argc] != NULL)
		argc++;
	return dn_run_start(r, &tool, argc, (char **)argv, NULL, say);
}

static void test_rejects_collisions(void)
{
	const char *items = scratch_put_str("items.csv", "customer,invoice,issue_date,due_date,amount\n");
	const char *ini = scratch_put_str("t.ini", "[general]\ncurrency = EUR\n");
	const char *journal = scratch_put_str("j.csv", "date,customer,event\n");
	const char *other = scratch_path("rejects.csv");
	dn_run r;

	/* An operand. */
	const char *a1[] = {"t", "--as-of", "2026-11-23", "--rejects", items, items, NULL};
	CHECK(start(&r, a1) == -1);
	CHECK(r.e.status == DN_EX_USAGE);
	CHECK_STR(r.e.name, "--rejects");
	dn_config_free(r.cfg);
	/* The configuration. */
	const char *a2[] = {"t", "--as-of", "2026-11-23", "-c", ini, "--rejects", ini, items, NULL};
	CHECK(start(&r, a2) == -1);
	CHECK(strstr(r.e.message, "configuration") != NULL);
	dn_config_free(r.cfg);
	/* A file the tool declares (the journal), by another name. */
	const char *a3[] = {"t", "--as-of", "2026-11-23", "--rejects", journal, items, NULL};
	CHECK(start(&r, a3) == 1);
	CHECK(dn_run_reads(&r, "./../" , "the folder") == 0);
	CHECK(dn_run_reads(&r, NULL, "nothing") == 0);
	{
		char alias[256];
		snprintf(alias, sizeof alias, "%s/./j.csv", scratch_dir());
		CHECK(dn_run_reads(&r, alias, "the journal") == DN_EX_USAGE);
		CHECK(strstr(r.e.message, "the journal") != NULL);
	}
	dn_config_free(r.cfg);
	/* A file of its own: fine. */
	const char *a4[] = {"t", "--as-of", "2026-11-23", "--rejects", other, items, NULL};
	CHECK(start(&r, a4) == 1);
	CHECK(dn_run_reads(&r, journal, "the journal") == 0);
	dn_config_free(r.cfg);
}

struct seen {
	long items;
	long open; /* minor units open at the as-of */
};

static int count(dn_run *r, void *ctx, const dn_row *row, const dn_item *it, dn_error *e)
{
	struct seen *s = ctx;

	(void)row;
	(void)e;
	s->items++;
	s->open += (long)dn_item_open_at(it, r->common.as_of);
	return 0;
}

static void test_items_at_as_of(void)
{
	/* paid_date after the as-of: the row reads back (its balance is the
	 * whole amount then); before: it must say closed. */
	const char *items = scratch_put_str(
		"i2.csv", "customer,invoice,issue_date,due_date,amount,paid,paid_date,balance\n"
			  "C1,F1,2026-01-01,2026-01-31,100.00,100.00,2026-07-01,100.00\n"
			  "C1,F2,2026-01-01,2026-01-31,50.00,0,,50.00\n");
	const char *rej = scratch_path("rej2.csv");
	struct seen s = {0, 0};
	dn_run r;

	const char *a1[] = {"t", "--as-of", "2026-06-30", items, NULL};
	CHECK(start(&r, a1) == 1);
	CHECK(dn_run_open_items(&r) == 0);
	CHECK(dn_run_items(&r, count, &s) == 0);
	CHECK(s.items == 2 && s.open == 15000);
	dn_csv_reader_free(r.rd);
	dn_config_free(r.cfg);
	/* At 2026-07-01 the first row contradicts itself: rejected. */
	const char *a2[] = {"t", "--as-of", "2026-07-01", "--rejects", rej, items, NULL};
	s.items = s.open = 0;
	CHECK(start(&r, a2) == 1);
	CHECK(dn_run_open_items(&r) == 0);
	CHECK(dn_run_items(&r, count, &s) == 0);
	CHECK(s.items == 1 && s.open == 5000);
	CHECK(dn_rejects_count(r.rej) == 1);
	dn_rejects_close(r.rej, &r.e);
	dn_csv_reader_free(r.rd);
	dn_config_free(r.cfg);
}

int main(void)
{
	scratch_open();
	scratch_register("rejects.csv", 0);
	scratch_register("rej2.csv", 0);
	test_rejects_collisions();
	test_items_at_as_of();
	scratch_close();
	DONE();
}
