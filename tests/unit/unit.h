/* unit.h - the smallest unit-test harness: CHECK counts, DONE reports.
 *
 * Each test program prints one line per failed check and ends with
 * "N passed, N failed"; tests/check.sh adds the counts up.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_passed, unit_failed;

#define CHECK(cond)                                                                     \
	do {                                                                            \
		if (cond) {                                                             \
			unit_passed++;                                                  \
		} else {                                                                \
			unit_failed++;                                                  \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);          \
		}                                                                       \
	} while (0)

/* Compare two strings and show both when they differ. */
#define CHECK_STR(got, want)                                                            \
	do {                                                                            \
		const char *g_ = (got), *w_ = (want);                                   \
		if (g_ != NULL && strcmp(g_, w_) == 0) {                                \
			unit_passed++;                                                  \
		} else {                                                                \
			unit_failed++;                                                  \
			printf("FAIL %s:%d: got '%s', want '%s'\n", __FILE__, __LINE__,  \
			       g_ ? g_ : "(null)", w_);                                 \
		}                                                                       \
	} while (0)

#define DONE()                                                                          \
	do {                                                                            \
		printf("%d passed, %d failed\n", unit_passed, unit_failed);             \
		return unit_failed != 0;                                                \
	} while (0)

#endif
