/* error.h - the error record every libdunning function fills instead of printing.
 *
 * The library never prints and never exits: a function that fails returns a
 * non-zero sysexits status and describes the failure in a dn_error.  The
 * program turns it into the one-line diagnostic of SPEC.md:
 *     TOOL: FILE:LINE: column NAME: what is wrong: 'VALUE'
 */
#ifndef DN_ERROR_H
#define DN_ERROR_H

#include <stddef.h>

/* Exit statuses (sysexits.h values, spelled out so the library needs no BSD header). */
enum {
	DN_OK = 0,
	DN_EX_USAGE = 64,    /* bad command line */
	DN_EX_DATAERR = 65,  /* bad input data */
	DN_EX_NOINPUT = 66,  /* cannot open an input */
	DN_EX_SOFTWARE = 70, /* internal error, out of memory */
	DN_EX_IOERR = 74,    /* cannot write output */
	DN_EX_CONFIG = 78    /* bad configuration */
};

/* Why a value was refused, for callers that react to the kind of failure
 * (reword it, skip a cut last record) without comparing message text.
 * DN_R_NONE when the failure has no reason code of its own. */
enum {
	DN_R_NONE = 0,
	DN_R_EMPTY,              /* an empty amount (or other required value) */
	DN_R_BAD_NUMBER,         /* not an amount / not a decimal number */
	DN_R_TOO_MANY_DECIMALS,  /* more decimals than the currency has */
	DN_R_OVERFLOW,           /* beyond the int64 range of minor units */
	DN_R_BAD_DATE,           /* not a date in any accepted form */
	DN_R_IMPOSSIBLE_DATE,    /* 2026-02-30 */
	DN_R_YEAR_RANGE,         /* a year outside 1900-2199 */
	DN_R_MISSING_COLUMN,     /* a required or mapped column is not in the header */
	DN_R_UNTERMINATED_QUOTE  /* the input ends inside a quoted field */
};

/* Longest VALUE kept, in bytes of the original value (SPEC: cut at 60 bytes). */
#define DN_ERROR_VALUE_MAX 60

typedef struct dn_error {
	int status;        /* a DN_EX_* value; DN_OK when nothing failed */
	char file[256];    /* input or config file, "<stdin>"; empty when none */
	long line;         /* first physical line of the record; 0 when unknown */
	char what[16];     /* "column", "key" or "option": the kind of NAME */
	char name[128];    /* column, key or option name; empty when none */
	char message[160]; /* what is wrong, in words */
	char value[4 * DN_ERROR_VALUE_MAX + 8]; /* escaped offending value */
	int has_value;     /* whether VALUE is part of the message */
	int reason;        /* a DN_R_* value; DN_R_NONE unless the filler set one */
} dn_error;

/* Reset to "no error". */
void dn_error_clear(dn_error *e);

/* Fill e: status, message (printf-style); returns status so callers can
 * write `return dn_error_set(e, DN_EX_DATAERR, "...")`.  e may be NULL. */
int dn_error_set(dn_error *e, int status, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Set e->reason (e may be NULL). */
void dn_error_reason(dn_error *e, int reason);

/* Attach the offending value (len bytes, need not be NUL-terminated): cut at
 * DN_ERROR_VALUE_MAX bytes, non-printable bytes written as \xNN. */
void dn_error_value(dn_error *e, const char *value, size_t len);

/* Attach where: file (may be NULL) and line (0 = unknown). */
void dn_error_where(dn_error *e, const char *file, long line);

/* Attach the kind and name of what is wrong: ("column", "due_date"). */
void dn_error_subject(dn_error *e, const char *what, const char *name);

/* Write "FILE:LINE: column NAME: message: 'VALUE'" (parts that are unknown
 * left out) into buf; returns buf. */
char *dn_error_format(const dn_error *e, char *buf, size_t size);

/* The diagnostic a tool prints for e: "TOOL: " and dn_error_format's line;
 * for a usage error about an option, a second line "Try 'TOOL --help'.".
 * Written into buf, each line ending in LF; returns buf. */
char *dn_diagnostic(const char *tool, const dn_error *e, char *buf, size_t size);

#endif
