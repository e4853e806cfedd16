/* fixture.h - helpers unit tests share: dates from text or numbers, a
 * configuration from ini text, what a stream holds.  Include after
 * unit.h and, for fx_cfg_of (cfg_of), scratch.h. */
#ifndef FIXTURE_H
#define FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "date.h"
#include "error.h"

/* An ISO date; a bad one in a test is the test's bug: exit 2. */
static inline dn_date day(const char *iso)
{
	dn_date d = 0;

	if (dn_date_parse(iso, strlen(iso), DN_DATE_ISO, &d) != 0)
		exit(2);
	return d;
}

/* A date from its parts; a bad one is said (and gives 0). */
static inline dn_date ymd(int y, int m, int d)
{
	dn_date out = 0;

	if (dn_date_from_ymd(y, m, d, &out) != 0)
		printf("  bad test date %d-%d-%d\n", y, m, d);
	return out;
}

#ifdef SCRATCH_H
/* A configuration loaded from ini text (a file in the scratch folder);
 * one that does not load is the test's bug: exit 2.  Free it. */
static inline dn_config *cfg_of(const char *ini)
{
	static int n;
	char name[16], buf[512];
	dn_error e;
	dn_config *c;

	snprintf(name, sizeof name, "c%d.ini", n++);
	c = dn_config_load(scratch_put_str(name, ini), &e);
	if (c == NULL) {
		printf("config: %s\n", dn_error_format(&e, buf, sizeof buf));
		exit(2);
	}
	return c;
}
#endif

/* What was written to fp (a tmpfile), which is closed; the text lives
 * until the next call. */
static inline const char *slurp(FILE *fp)
{
	static char buf[8192];
	size_t n;

	fflush(fp);
	rewind(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

#endif
