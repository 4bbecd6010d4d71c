// Translates a TaskScan (or a TaskTallyScan) into one SELECT over `tasks`. The
// SQL text depends only on which conditions are present (so each shape is
// prepared once per connection and cached); every value is a bound parameter.
#ifndef WORKSECTION_SRC_STORE_SQL_TASK_SCAN_SQL_H_
#define WORKSECTION_SRC_STORE_SQL_TASK_SCAN_SQL_H_

#include <string>
#include <vector>

#include "src/store/sql/sql_query.h"
#include "worksection/store.h"

namespace worksection::sql_internal {

// The task columns every task query selects, in the order ReadTaskRow
// expects them.
extern const char kTaskColumns[];

// The query returning exactly what TaskMatches, ordering by
// (TaskSortKey(task, order), id), `after` and `limit` return.
SqlQuery BuildTaskScanQuery(const TaskScan& scan, const SqlDialect& dialect);

// The query of TallyTasks: one row per key, in key order, with the columns
// key, open, done, late, estimate (seconds), estimate of the done, latest
// updated_at, the first-due task's deadline key and its id (both NULL when
// no open task has a deadline).
SqlQuery BuildTaskTallyQuery(const TaskTallyScan& tally,
                             const SqlDialect& dialect);

}  // namespace worksection::sql_internal

#endif  // WORKSECTION_SRC_STORE_SQL_TASK_SCAN_SQL_H_
