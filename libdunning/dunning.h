/* dunning.h - the whole public interface of libdunning.
 *
 * Every public symbol starts with dn_.  The library never prints to the
 * terminal and never exits: functions return a status (sysexits values,
 * error.h) and fill a dn_error; programs in cmd/ do the talking.
 */
#ifndef DUNNING_H
#define DUNNING_H

#include "aging.h"
#include "classify.h"
#include "config.h"
#include "csvio.h"
#include "date.h"
#include "error.h"
#include "fec.h"
#include "item.h"
#include "jbatch.h"
#include "jevent.h"
#include "jfile.h"
#include "journal.h"
#include "jwrite.h"
#include "keytab.h"
#include "ledger.h"
#include "money.h"
#include "names.h"
#include "options.h"
#include "out.h"
#include "paths.h"
#include "pattern.h"
#include "plan.h"
#include "planrow.h"
#include "plantable.h"
#include "rejects.h"
#include "report.h"
#include "score.h"
#include "tool.h"

#endif
