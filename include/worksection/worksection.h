// The whole C++ API. See README.md for a first example.
#ifndef WORKSECTION_WORKSECTION_H_
#define WORKSECTION_WORKSECTION_H_

#include "worksection/events.h"
#include "worksection/export.h"
#include "worksection/ids.h"
#include "worksection/import.h"
#include "worksection/limits.h"
#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/policy.h"
#include "worksection/query.h"
#include "worksection/report.h"
#include "worksection/rollup.h"
#include "worksection/session.h"
#include "worksection/snapshot.h"
#include "worksection/store.h"
#include "worksection/time_tracking.h"
#include "worksection/version.h"
#include "worksection/workspace.h"

#endif  // WORKSECTION_WORKSECTION_H_
