/* lint.h - remind --lint: the tone of templates and the length of SMS.
 *
 * Tone: every line of every template is matched against the [tone]
 * forbidden pattern file (SPEC "Pattern files"), or the built-in French and
 * English defaults (categories threat, insult, pressure, shaming): a line
 * with a match is a finding "FILE:LINE: matched 'TEXT' (CATEGORY)".  SMS:
 * an sms template rendered with sample values (dn_remind_sample) that needs
 * more than one SMS (160 GSM-7 characters, or 70 UCS-2 code units when a
 * character is outside GSM-7) is a warning.
 */
#ifndef DN_LINT_H
#define DN_LINT_H

#include <stddef.h>

#include "config.h"
#include "error.h"
#include "pattern.h"
#include "remind.h"

/* The built-in tone rules (pattern-file text). */
extern const char dn_tone_defaults[];

/* [tone] forbidden when set, else the defaults.  NULL with e filled
 * (DN_EX_CONFIG naming file:line). */
dn_patterns *dn_tone_load(const dn_config *cfg, dn_error *e);

/* Called for each finding: line (0: the whole file), the message; warning:
 * an SMS length warning, not a tone finding. */
typedef void (*dn_lint_fn)(void *ctx, const char *file, long line, const char *msg,
			   int warning);

/* Lint every template of r.  Returns 0 with *findings (tone hits) and
 * *warnings counted, or a status with e filled (a match limit hit). */
int dn_lint_run(const dn_remind_rules *r, const dn_patterns *tone, dn_lint_fn fn, void *ctx,
		long *findings, long *warnings, dn_error *e);

/* SMS length of UTF-8 text: *units in GSM-7 septets (an extension
 * character counts 2) when it fits GSM-7 (returns 1), else in UCS-2 code
 * units (returns 0). */
int dn_sms_units(const char *s, size_t len, size_t *units);

#endif
