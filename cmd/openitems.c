/* openitems - from an exported ledger (FEC or entries CSV) to items.
 *
 * Reads every line, lets libdunning's ledger letter and apply them, checks
 * the invariant, then writes all items (closed ones too) sorted.  Nothing
 * is written before the whole ledger is read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dunning.h"

struct opts {
	dn_ledger_format format;
	dn_encoding encoding;
	int explain;
};

static const char usage[] =
	"usage: openitems [options] [FILE ...]\n"
	"Turn a ledger export (FEC or entries CSV, on stdin or FILEs) into items.\n";

static const dn_optspec options[] = {
	DN_PICK("format", struct opts, format, "fec|entries", DN_LEDGER_FEC, "F",
		"fec or entries (default: from the header)"),
	DN_PICK("encoding", struct opts, encoding, "utf8|latin9", DN_ENC_UTF8, "E",
		"utf8 (default) or latin9 (ISO-8859-15)"),
	DN_FLAG("explain", 0, struct opts, explain,
		"write every application of a credit to stderr"),
	DN_END,
};

static void explain(void *ctx, const char *line)
{
	dn_run_say(ctx, "%s", line);
}

struct openitems {
	struct opts o;
	dn_ledger_input **in;
	size_t nin;
	dn_ledger *ledger;
	dn_out *out;
};

/* Every input opened first, so a missing one is reported before any work;
 * then --rejects, over the first one's header. */
static int setup(dn_run *r, struct openitems *oi)
{
	size_t i, n = r->noperands ? r->noperands : 1;

	if ((oi->in = calloc(n, sizeof *oi->in)) == NULL)
		return dn_error_set(&r->e, DN_EX_SOFTWARE, "out of memory");
	for (i = 0; i < n; i++) {
		const char *path = r->noperands ? r->operands[i] : "-";
		oi->in[i] = dn_ledger_input_open(path, oi->o.format, oi->o.encoding, r->cfg, &r->e);
		if (oi->in[i] == NULL)
			return r->e.status;
		oi->nin++;
	}
	if ((oi->ledger = dn_ledger_new(r->cfg, &r->e)) == NULL)
		return r->e.status;
	if (oi->o.explain)
		dn_ledger_explain(oi->ledger, explain, r);
	return dn_run_open_rejects(r, dn_ledger_input_reader(oi->in[0]));
}

static int read_all(dn_run *r, struct openitems *oi)
{
	dn_entry en;
	dn_row row;
	int rc;

	for (size_t i = 0; i < oi->nin; i++) {
		while ((rc = dn_ledger_input_next(oi->in[i], &en, &row, &r->e)) != 0) {
			if (rc < 0) {
				if (row.n == 0 || dn_reject(r->rej, &row, &r->e) != 0)
					return r->e.status;
				continue;
			}
			if (dn_ledger_add(oi->ledger, &en, &r->e) != 0)
				return r->e.status;
		}
	}
	return dn_ledger_finish(oi->ledger, &r->e);
}

static int write_items(dn_run *r, struct openitems *oi)
{
	oi->out = dn_out_new(stdout, DN_OUT_CSV, r->cfg, r->common.excel_safe, &r->e);
	if (oi->out == NULL)
		return r->e.status;
	return dn_ledger_write_items(oi->ledger, oi->out, &r->e);
}

/* The one writer to stderr, handed to the run (libdunning never prints). */
static void say(const char *text)
{
	fputs(text, stderr);
}

static const dn_tool tool = {.name = "openitems", .usage = usage, .spec = options,
			     .no_shard = 1};

int main(int argc, char **argv)
{
	struct openitems oi = {0};
	dn_run r;
	int rc = dn_run_start(&r, &tool, argc, argv, &oi.o, say);

	if (rc <= 0)
		return rc == 0 ? 0 : dn_run_finish(&r, r.e.status);
	rc = setup(&r, &oi);
	if (rc == 0)
		rc = read_all(&r, &oi);
	if (rc == 0)
		rc = write_items(&r, &oi);
	if (oi.out != NULL && dn_out_close(oi.out, rc == 0, &r.e) != 0 && rc == 0)
		rc = r.e.status;
	dn_out_free(oi.out);
	/* The ledger and the inputs hold the configuration: before the run ends. */
	dn_ledger_free(oi.ledger);
	for (size_t i = 0; i < oi.nin; i++)
		dn_ledger_input_free(oi.in[i]);
	free(oi.in);
	return dn_run_finish(&r, rc);
}
