#include "src/store/sql/task_scan_sql.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "src/store/sql/codec.h"
#include "worksection/query.h"
#include "worksection/store.h"

namespace worksection::sql_internal {

const char kTaskColumns[] =
    "id, revision, project_id, parent_id, title, text, author_id, "
    "assignee_id, priority, status, start_day, deadline_day, deadline_minute, "
    "estimate_s, money_budget, hidden_from_clients, completion_note, "
    "completed_at, created_at, updated_at, children";

namespace {

// The deadline key of a day and slot (see TaskSortKey), saturated to the
// int64 range (a filter day far outside any stored deadline still compares
// correctly).
int64_t MinuteKey(int64_t days, int64_t slot) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kSlots = kDeadlineSlotsPerDay;
  if (days > (kMax - kSlots) / kSlots) return kMax;
  if (days < (kMin + kSlots) / kSlots) return kMin;
  return days * kSlots + slot;
}

// Whether the page's ids come from a subquery over tasks_by_assignee alone
// (the index holds every column of the conditions but the text's), the
// rows then read for those ids only. That pays when the index does not give
// the order (only a deadline order with the status fixed follows it): the
// database then reads and sorts every match to keep the first `limit`, and
// reading only ids keeps that in the index, far smaller and denser than
// the table. The result is the same either way.
bool PicksIdsFromAssigneeIndex(const TaskScan& scan) {
  const TaskFilter& f = scan.filter;
  if (!f.assignee || !f.text_contains.empty()) return false;
  const bool status_fixed = f.status || f.overdue_as_of;
  return !(f.order == TaskOrder::kDeadline && status_fixed);
}

// Adds the conditions of `scan` but its position (after, limit) to `where`,
// their values to `q`.
void AddTaskConditions(const TaskScan& scan, const SqlDialect& dialect,
                       SqlQuery& q, Where& where) {
  const TaskFilter& f = scan.filter;
  auto add = [&where](absl::string_view condition) { where.Add(condition); };

  if (scan.projects_in) {
    where.AddIn("project_id", IdValues(*scan.projects_in));
  }
  if (!scan.include_hidden) add("hidden_from_clients = 0");
  if (f.project) where.AddIdOrNull("project_id", *f.project);
  // A parent of "none" (NULL) selects top-level tasks.
  if (f.parent) where.AddIdOrNull("parent_id", *f.parent);
  if (f.assignee) where.AddIdOrNull("assignee_id", *f.assignee);
  if (f.author) where.AddIdOrNull("author_id", *f.author);
  if (f.status) {
    // In id order, "+" keeps the database off tasks_by_status_deadline: a
    // status matches a large share of the tasks and that index gives no id
    // order, so each page would read and sort every match (quadratic
    // paging), where walking the ids from the page's start stops after a
    // page. An assignee's or author's index still takes the status.
    const bool walk_ids = f.order == TaskOrder::kId && !f.assignee && !f.author;
    add(walk_ids ? "+status = ?" : "status = ?");
    q.args.push_back(kTaskStatusCodes.Encode(*f.status));
  }
  if (f.tag) {
    add("id IN (SELECT task_id FROM task_tags WHERE tag = ?)");
    q.args.push_back(*f.tag);
  }
  // Always present (the defaults admit every valid priority); cheap, and it
  // keeps the result exact for any stored value.
  add("priority BETWEEN ? AND ?");
  q.args.push_back(int64_t{f.min_priority});
  q.args.push_back(int64_t{f.max_priority});
  // Each deadline-day bound is stated twice: on deadline_day (the reference
  // condition) and on deadline_key (the same range, since the key is
  // day * kDeadlineSlotsPerDay + slot with slot in 0..kDayOnlyDeadlineSlot,
  // the minute being checked by the schema), so
  // that an index on deadline_key can seek it.
  if (f.deadline_from) {
    const int64_t day = EncodeDay(*f.deadline_from);
    add("deadline_day >= ? AND deadline_key >= ?");
    q.args.push_back(day);
    q.args.push_back(MinuteKey(day, 0));
  }
  if (f.deadline_to) {
    const int64_t day = EncodeDay(*f.deadline_to);
    add("deadline_day <= ? AND deadline_key <= ?");
    q.args.push_back(day);
    q.args.push_back(MinuteKey(day, kDayOnlyDeadlineSlot));
  }
  if (f.overdue_as_of) {
    const int64_t day = EncodeDay(*f.overdue_as_of);
    add("status = ? AND deadline_day < ? AND deadline_key < ?");
    q.args.push_back(kTaskStatusCodes.Encode(TaskStatus::kOpen));
    q.args.push_back(day);
    q.args.push_back(MinuteKey(day, 0));
  }
  if (!f.text_contains.empty()) {
    add(absl::StrCat("(", dialect.contains("title"), " OR ",
                     dialect.contains("text"), ")"));
    q.args.push_back(dialect.contains_arg(f.text_contains));
    q.args.push_back(dialect.contains_arg(f.text_contains));
  }
}

}  // namespace

SqlQuery BuildTaskScanQuery(const TaskScan& scan, const SqlDialect& dialect) {
  const TaskFilter& f = scan.filter;
  SqlQuery q;
  Where where(q, dialect);
  auto add = [&where](absl::string_view condition) { where.Add(condition); };
  AddTaskConditions(scan, dialect, q, where);

  const char* order_by = "";
  switch (f.order) {
    case TaskOrder::kId:
      order_by = " ORDER BY id";
      if (scan.after) {
        // Every key is 0 under kId.
        if (scan.after->key > 0) q.empty = true;
        if (scan.after->key == 0) {
          add("id > ?");
          q.args.push_back(scan.after->id.value());
        }
      }
      break;
    case TaskOrder::kDeadline:
      order_by = " ORDER BY deadline_key, id";
      if (scan.after) {
        add("(deadline_key, id) > (?, ?)");
        q.args.push_back(scan.after->key);
        q.args.push_back(scan.after->id.value());
      }
      break;
    case TaskOrder::kPriority:
      // The key is -priority: highest priority first.
      order_by = " ORDER BY priority DESC, id";
      if (scan.after) {
        add("(-priority, id) > (?, ?)");
        q.args.push_back(scan.after->key);
        q.args.push_back(scan.after->id.value());
      }
      break;
  }
  if (scan.limit <= 0) q.empty = true;
  q.args.push_back(int64_t{scan.limit});
  if (PicksIdsFromAssigneeIndex(scan)) {
    q.sql = absl::StrCat("SELECT ", kTaskColumns,
                         " FROM tasks WHERE id IN (SELECT id FROM tasks",
                         where.sql(), order_by, " LIMIT ?)", order_by);
  } else {
    q.sql = absl::StrCat("SELECT ", kTaskColumns, " FROM tasks", where.sql(),
                         order_by, " LIMIT ?");
  }
  return q;
}

SqlQuery BuildTaskTallyQuery(const TaskTallyScan& tally,
                             const SqlDialect& dialect) {
  const std::string key = tally.by == TaskTallyKey::kProject
                              ? "project_id"
                              : "COALESCE(assignee_id, 0)";
  const std::string open =
      absl::StrCat("status = ", kTaskStatusCodes.Encode(TaskStatus::kOpen));
  const std::string done =
      absl::StrCat("status = ", kTaskStatusCodes.Encode(TaskStatus::kDone));
  // In id order the conditions keep the database off the status index,
  // which would not help a sum over most of the tasks.
  TaskScan scan = tally.scan;
  scan.filter.order = TaskOrder::kId;
  SqlQuery q;
  // The first-due task's subquery comes first in the text, so its values
  // are bound first: the least id of the key's open tasks at its least
  // deadline key (one seek of tasks_by_status_deadline).
  Where first(q, dialect);
  AddTaskConditions(scan, dialect, q, first);
  first.Add(absl::StrCat(key, " = tally_key AND ", open,
                         " AND deadline_key = first_key"));
  q.args.push_back(tally.late_before_key);
  Where all(q, dialect);
  AddTaskConditions(scan, dialect, q, all);
  q.sql = absl::StrCat(
      "SELECT tally_key, open_count, done_count, late_count, estimate_s, "
      "estimate_done_s, last_update, first_key, (SELECT MIN(id) FROM tasks",
      first.sql(), ") FROM (SELECT ", key, " AS tally_key, SUM(CASE WHEN ",
      open, " THEN 1 ELSE 0 END) AS open_count, SUM(CASE WHEN ", done,
      " THEN 1 ELSE 0 END) AS done_count, SUM(CASE WHEN ", open,
      " AND deadline_day IS NOT NULL AND deadline_key < ? THEN 1 ELSE 0 END) "
      "AS late_count, COALESCE(SUM(estimate_s), 0) AS estimate_s, "
      "COALESCE(SUM(CASE WHEN ",
      done,
      " THEN estimate_s END), 0) AS estimate_done_s, "
      "MAX(updated_at) AS last_update, MIN(CASE WHEN ",
      open,
      " AND deadline_day IS NOT NULL THEN deadline_key END) AS first_key "
      "FROM tasks",
      all.sql(), " GROUP BY ", key, ") AS tallies ORDER BY tally_key");
  return q;
}

}  // namespace worksection::sql_internal
