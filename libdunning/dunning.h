/* dunning.h - the whole public interface of libdunning.
 *
 * Every public symbol starts with dn_.  The library never prints to the
 * terminal and never exits: functions return a status (sysexits values,
 * error.h) and fill a dn_error; programs in cmd/ do the talking.
 */
#ifndef DUNNING_H
#define DUNNING_H

#include "aging.h"
#include "agingout.h"
#include "charges.h"
#include "classev.h"
#include "classify.h"
#include "config.h"
#include "csvio.h"
#include "date.h"
#include "error.h"
#include "fec.h"
#include "hold.h"
#include "item.h"
#include "jbatch.h"
#include "jevent.h"
#include "jfile.h"
#include "jhistory.h"
#include "journal.h"
#include "jstats.h"
#include "jshow.h"
#include "jwrite.h"
#include "keytab.h"
#include "kpi.h"
#include "kpiout.h"
#include "ledger.h"
#include "level.h"
#include "lint.h"
#include "mail.h"
#include "money.h"
#include "names.h"
#include "options.h"
#include "out.h"
#include "paths.h"
#include "pattern.h"
#include "plan.h"
#include "planout.h"
#include "planopt.h"
#include "planrow.h"
#include "plantable.h"
#include "rejects.h"
#include "remind.h"
#include "outbox.h"
#include "report.h"
#include "score.h"
#include "scoreout.h"
#include "svg.h"
#include "template.h"
#include "tool.h"
#include "wording.h"

#endif
