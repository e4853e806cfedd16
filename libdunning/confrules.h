/* confrules.h - the rules that tie configuration keys together.
 *
 * Checked by dn_config_load after every single value, so that every tool
 * refuses the same files, naming file and line (SPEC "Configuration
 * values"):
 *   [input]   thousands_separator differs from decimal_separator;
 *   [output]  decimal_separator = comma needs a delimiter other than comma;
 *   [score]   the four weights add up to 100; threshold_a >= threshold_b;
 *   [level N] numbered 1..N without gaps, each with after_days, channel and
 *             template (or both template_fr and template_en), after_days
 *             never below the previous level's;
 *   [columns] no two canonical columns read one header;
 *   [plan]    max_installments from 1 to DN_PLAN_MAX_INSTALLMENTS;
 *   [indemnity] from_level names an existing level;
 *   [interest] annual_rate or rates, not both.
 */
#ifndef DN_CONFRULES_H
#define DN_CONFRULES_H

#include "config.h"
#include "error.h"

/* Returns 0, or DN_EX_CONFIG with e filled for the first rule broken. */
int dn_config_check_rules(const dn_config *c, dn_error *e);

#endif
