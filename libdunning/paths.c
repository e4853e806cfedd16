/* paths.c - the same input named twice.
 *
 * Reading a file twice as two operands doubles every figure with exit 0.
 * Names cannot tell (`a.csv`, `./a.csv`, a link): device and inode can.
 * Sorting them finds a repeat among thousands of operands (xargs) in
 * n log n.
 */
#include "paths.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct ident {
	dev_t dev;
	ino_t ino;
	size_t idx; /* operand index */
};

static int cmp_ident(const void *a, const void *b)
{
	const struct ident *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* The error for operand later, the same file as operand first. */
static int twice(const char *const *paths, size_t first, size_t later, dn_error *e)
{
	if (strcmp(paths[later], "-") == 0) {
		dn_error_set(e, DN_EX_USAGE, "standard input named twice");
		dn_error_where(e, "<stdin>", 0);
	} else {
		dn_error_set(e, DN_EX_USAGE, "input named twice (the same file as '%.100s')",
			     paths[first]);
		dn_error_where(e, paths[later], 0);
	}
	return DN_EX_USAGE;
}

int dn_paths_check_distinct(const char *const *paths, size_t n, dn_error *e)
{
	struct ident *ids;
	size_t i, k = 0, stdin_at = n, first = n, later = n;
	struct stat st;

	if (n < 2)
		return 0;
	ids = malloc(n * sizeof *ids);
	if (ids == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	for (i = 0; i < n; i++) {
		int is_stdin = strcmp(paths[i], "-") == 0;

		if (is_stdin && stdin_at < n) {
			free(ids);
			return twice(paths, stdin_at, i, e);
		}
		if (is_stdin) {
			/* What stdin is redirected from is not named: not compared. */
			stdin_at = i;
			continue;
		}
		if (stat(paths[i], &st) != 0)
			continue;
		ids[k].dev = st.st_dev;
		ids[k].ino = st.st_ino;
		ids[k].idx = i;
		k++;
	}
	qsort(ids, k, sizeof *ids, cmp_ident);
	/* Of all repeats, name the earliest operand that repeats another. */
	for (i = 1; i < k; i++)
		if (ids[i].dev == ids[i - 1].dev && ids[i].ino == ids[i - 1].ino &&
		    (later == n || ids[i].idx < later)) {
			later = ids[i].idx;
			first = ids[i - 1].idx;
		}
	free(ids);
	return later < n ? twice(paths, first, later, e) : 0;
}
