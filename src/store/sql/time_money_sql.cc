#include "src/store/sql/time_money_sql.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "src/store/sql/codec.h"
#include "worksection/rollup.h"
#include "worksection/store.h"

namespace worksection::sql_internal {

const char kTimeEntryColumns[] =
    "id, revision, task_id, project_id, member_id, day, start, seconds, "
    "billed_seconds, billable, note, billing_rate, cost_rate, billed_amount, "
    "labour_cost, created_at, updated_at";

const char kCostColumns[] =
    "id, revision, project_id, task_id, kind, amount, day, note, author_id, "
    "created_at, updated_at";

const char kRollupColumns[] =
    "project_id, task_id, member_id, day, seconds, billable_seconds, "
    "billed_amount, labour_cost, entry_count";

// In kRollupColumns' order, so one reader serves both grains.
const char kMonthlyRollupColumns[] =
    "project_id, 0, member_id, month, seconds, billable_seconds, "
    "billed_amount, labour_cost, entry_count";

SqlQuery BuildTimeEntryScanQuery(const TimeEntryScan& scan,
                                 const SqlDialect& dialect) {
  const TimeEntryFilter& f = scan.filter;
  SqlQuery q;
  Where where(q, dialect);
  if (scan.projects_in) {
    where.AddIn("project_id", IdValues(*scan.projects_in));
  }
  if (scan.tasks_in) where.AddIn("task_id", IdValues(*scan.tasks_in));
  // An id of "none" is NULL, and then matches nothing, as in the reference
  // (every entry has a task, a project and a member).
  if (f.project) where.AddIdOrNull("project_id", *f.project);
  if (f.task) where.AddIdOrNull("task_id", *f.task);
  if (f.member) where.AddIdOrNull("member_id", *f.member);
  if (f.from) where.Add("day >= ?", EncodeDay(*f.from));
  if (f.to) where.Add("day <= ?", EncodeDay(*f.to));
  if (f.billable) where.Add("billable = ?", int64_t{*f.billable ? 1 : 0});
  if (!scan.include_hidden_tasks) {
    // One primary-key lookup of the entry's task.
    where.Add(
        "NOT EXISTS (SELECT 1 FROM tasks WHERE tasks.id = "
        "time_entries.task_id AND tasks.hidden_from_clients = 1)");
  }
  if (f.tag) {
    // A tag of the entry's task: one seek on the task_tags primary key.
    where.Add(
        "EXISTS (SELECT 1 FROM task_tags WHERE task_tags.task_id = "
        "time_entries.task_id AND task_tags.tag = ?)",
        *f.tag);
  }
  if (scan.after) {
    where.Add("(day, id) > (?, ?)");
    q.args.push_back(EncodeDay(scan.after->date));
    q.args.push_back(scan.after->id.value());
  }
  if (scan.limit <= 0) q.empty = true;
  q.sql = absl::StrCat("SELECT ", kTimeEntryColumns, " FROM time_entries",
                       where.sql(), " ORDER BY day, id LIMIT ?");
  q.args.push_back(int64_t{scan.limit});
  return q;
}

SqlQuery BuildCostScanQuery(const CostScan& scan, const SqlDialect& dialect) {
  const CostFilter& f = scan.filter;
  SqlQuery q;
  Where where(q, dialect);
  if (scan.projects_in) {
    where.AddIn("project_id", IdValues(*scan.projects_in));
  }
  if (f.project) where.AddIdOrNull("project_id", *f.project);
  // A task of "none" (NULL) selects the projects' own lines.
  if (f.task) where.AddIdOrNull("task_id", *f.task);
  if (f.kind) where.Add("kind = ?", kCostKindCodes.Encode(*f.kind));
  if (f.from) where.Add("day >= ?", EncodeDay(*f.from));
  if (f.to) where.Add("day <= ?", EncodeDay(*f.to));
  q.sql = absl::StrCat("SELECT ", kCostColumns, " FROM costs", where.sql(),
                       " ORDER BY day, id");
  return q;
}

namespace {

// Rollup keys store every id as its value (0 for "none"): key columns
// cannot be NULL.
template <typename T>
void AddRollupIds(Where& where, absl::string_view column,
                  const std::optional<std::vector<T>>& ids) {
  if (!ids) return;
  if (ids->size() == 1) {
    where.Add(absl::StrCat(column, " = ?"), ids->front().value());
  } else {
    where.AddIn(column, IdValues(*ids));
  }
}

}  // namespace

SqlQuery BuildRollupScanQuery(const RollupScan& scan,
                              const SqlDialect& dialect) {
  SqlQuery q;
  Where where(q, dialect);
  AddRollupIds(where, "project_id", scan.projects);
  AddRollupIds(where, "member_id", scan.members);
  if (scan.grain == RollupGrain::kMonth) {
    // The monthly table's rows have no task (0, "none"): CheckRollupScan
    // refuses a task filter before this.
    if (scan.from) where.Add("month >= ?", EncodeDay(*scan.from));
    if (scan.to) where.Add("month <= ?", EncodeDay(*scan.to));
    q.sql =
        absl::StrCat("SELECT ", kMonthlyRollupColumns, " FROM rollups_monthly",
                     where.sql(), " ORDER BY project_id, member_id, month");
    return q;
  }
  AddRollupIds(where, "task_id", scan.tasks);
  if (scan.from) where.Add("day >= ?", EncodeDay(*scan.from));
  if (scan.to) where.Add("day <= ?", EncodeDay(*scan.to));
  q.sql = absl::StrCat("SELECT ", kRollupColumns, " FROM rollups", where.sql(),
                       " ORDER BY project_id, task_id, member_id, day");
  return q;
}

}  // namespace worksection::sql_internal
