// Translates a TaskScan into one SELECT over `tasks`. The SQL text depends
// only on which conditions are present (so each shape is prepared once per
// connection and cached); every value is a bound parameter.
#ifndef WORKSECTION_SRC_STORE_SQLITE_TASK_SCAN_SQL_H_
#define WORKSECTION_SRC_STORE_SQLITE_TASK_SCAN_SQL_H_

#include <string>
#include <vector>

#include "src/store/sqlite/connection.h"
#include "worksection/store.h"

namespace worksection::sqlite_internal {

// The task columns every task query selects, in the order ReadTaskRow
// expects them.
extern const char kTaskColumns[];

struct SqlQuery {
  std::string sql;
  std::vector<SqlArg> args;  // args[i] binds parameter i + 1
  bool empty = false;        // true when no row can match: skip the query
};

// The query returning exactly what TaskMatches, ordering by
// (TaskSortKey(task, order), id), `after` and `limit` return.
SqlQuery BuildTaskScanQuery(const TaskScan& scan);

}  // namespace worksection::sqlite_internal

#endif  // WORKSECTION_SRC_STORE_SQLITE_TASK_SCAN_SQL_H_
