// Translates the time-and-money scans (TimeEntryScan, CostScan, RollupScan)
// into one SELECT each. As for tasks (task_scan_sql.h), the SQL text depends
// only on which conditions are present, so each shape is prepared once per
// connection and cached; every value is a bound parameter.
#ifndef WORKSECTION_SRC_STORE_SQL_TIME_MONEY_SQL_H_
#define WORKSECTION_SRC_STORE_SQL_TIME_MONEY_SQL_H_

#include "src/store/sql/task_scan_sql.h"
#include "worksection/rollup.h"
#include "worksection/store.h"

namespace worksection::sql_internal {

// The columns each query selects, in the order the store decodes them.
extern const char kTimeEntryColumns[];
extern const char kCostColumns[];
extern const char kRollupColumns[];

// Exactly what TimeEntryMatches admits, ordered by (day, id), strictly after
// `after`, at most `limit` rows.
SqlQuery BuildTimeEntryScanQuery(const TimeEntryScan& scan,
                                 const SqlDialect& dialect);

// The costs CostScan admits, ordered by (day, id).
SqlQuery BuildCostScanQuery(const CostScan& scan, const SqlDialect& dialect);

// The rollup rows RollupScan admits, ordered by (project, task, member,
// day). A one-element id list is an equality, so one project's rows are a
// range seek on the primary key. A kMonth scan reads rollups_monthly, by
// (project, member, month).
SqlQuery BuildRollupScanQuery(const RollupScan& scan,
                              const SqlDialect& dialect);

}  // namespace worksection::sql_internal

#endif  // WORKSECTION_SRC_STORE_SQL_TIME_MONEY_SQL_H_
