/* report.h - output for people (aligned text tables) and for programs
 * (JSON Lines), shared by every report-like tool.
 */
#ifndef DN_REPORT_H
#define DN_REPORT_H

#include <stddef.h>
#include <stdio.h>

/* Display width of UTF-8 text, in characters (code points). */
size_t dn_text_width(const char *s, size_t len);

/* An aligned table.  It holds every cell until printed: use it for
 * summaries and for people, not for millions of rows. */
typedef struct dn_table dn_table;

/* A table of ncols columns; NULL when out of memory. */
dn_table *dn_table_new(size_t ncols);
void dn_table_free(dn_table *t);

/* Right-align column col (numbers). */
void dn_table_align_right(dn_table *t, size_t col);

/* Append a row of ncols cells (copied; NULL means empty).  0 or -1 (OOM). */
int dn_table_add(dn_table *t, const char *const *cells);

/* Append a horizontal rule (before totals).  0 or -1. */
int dn_table_rule(dn_table *t);

/* Print the table: the first row is the header, followed by a rule; two
 * spaces between columns; no trailing spaces. */
void dn_table_print(const dn_table *t, FILE *out);

/* One JSON object per line. */
typedef struct dn_json {
	FILE *fp;
	int fields;
} dn_json;

void dn_json_begin(dn_json *j, FILE *fp);
/* "key":"value" with JSON escaping (value need not be NUL-terminated). */
void dn_json_str(dn_json *j, const char *key, const char *v, size_t len);
/* "key":number */
void dn_json_long(dn_json *j, const char *key, long v);
/* "key":num, num written as is (an exact decimal such as "59.8"). */
void dn_json_number(dn_json *j, const char *key, const char *num);
void dn_json_end(dn_json *j);

#endif
