// The report engine: builds the reports of report.h from the store, inside
// the read transaction of one Session call. Core decides what the actor may
// read (the projects in scope, whether money shows, which tasks are
// visible) and passes it in; the engine only reads through the Transaction
// interface, groups and sums. Nothing here checks a permission on its own.
#ifndef WORKSECTION_SRC_REPORT_ENGINE_H_
#define WORKSECTION_SRC_REPORT_ENGINE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/ids.h"
#include "worksection/model.h"
#include "worksection/report.h"
#include "worksection/store.h"

namespace worksection {
namespace report {

// What the actor may read in one project of a report's scope.
struct ProjectAccess {
  Project project;
  bool read_time = false;    // the hours logged in it
  bool read_hidden = false;  // its tasks hidden from clients
  bool read_money = false;   // its amounts, costs and budgets in money
};

// Everything a builder needs besides its query.
struct Context {
  Transaction& tx;
  const WorkspaceSettings& settings;
  absl::TimeZone tz;
  absl::Time now;
  absl::CivilDay today;  // in the workspace time zone
  int now_minute = 0;    // minutes since midnight of `now` there
  // Names of every member, active or not.
  absl::flat_hash_map<MemberId, std::string> member_names;
  // May the actor see this task (its project and, if hidden, hidden ones)?
  std::function<bool(const Task&)> can_see;
};

// "member 7" for a member missing from the names.
std::string MemberName(const Context& ctx, MemberId id);

// --- Dates ---

// The Monday of `day`'s ISO week.
absl::CivilDay IsoWeekMonday(absl::CivilDay day);
// ISO 8601 week-numbering year and week (1..53) of `day`.
struct IsoWeek {
  int64_t year = 0;
  int week = 0;
};
IsoWeek IsoWeekOf(absl::CivilDay day);
// "2026-W48".
std::string IsoWeekLabel(absl::CivilDay day);

// --- Lateness ---

// How late a deadline is as of `as_of`. A day-only deadline is late from
// the next day; a timed one also once its minute has passed, which is
// known only when `as_of` is today (`now_minute` is the minute of now).
struct Lateness {
  int days_late = 0;  // as_of - deadline day
  bool late = false;
};
Lateness LatenessOf(const Deadline& deadline, absl::CivilDay as_of,
                    absl::CivilDay today, int now_minute);

// Every task `scan` matches (its `after` and `limit` are ignored), in one
// scan of the store.
absl::StatusOr<std::vector<Task>> ScanAllTasks(Transaction& tx, TaskScan scan);

// --- Time and money ---

struct TimeReportOptions {
  // Sum the time entries even when the rollups could answer (tests compare
  // both paths).
  bool force_entries = false;
  // Read the daily rollups even where the monthly ones could answer (tests
  // compare the paths).
  bool days_only = false;
};

// `scope`: the projects whose time the report covers (every one readable
// by the actor, already narrowed to query.projects). `whole_workspace`:
// the scope is every project of the workspace, so scans need no project
// list. `money_visible`: fill the money fields.
absl::StatusOr<TimeReport> BuildTimeReport(
    const Context& ctx, const TimeReportQuery& query,
    const std::vector<ProjectAccess>& scope, bool whole_workspace,
    bool money_visible, const TimeReportOptions& options = {});

// --- Overdue and due soon ---

// The open tasks of `scope` (their projects readable) matching `filter`
// (assignee, author, project), late as of `as_of` or due within
// `due_within_days` days from it (as_of .. as_of + days - 1), in report
// order. Tasks `ctx.can_see` refuses are left out.
absl::StatusOr<std::vector<OverdueRow>> BuildOverdueRows(
    const Context& ctx, const std::vector<ProjectAccess>& scope,
    const TaskFilter& filter, absl::CivilDay as_of, int due_within_days);

// Late first, most days late first, then higher priority, then id.
void SortOverdueRows(std::vector<OverdueRow>& rows);

// --- Project health ---

// One row per project of `scope`, in scope order; `budget` is left for the
// caller (core computes budgets).
absl::StatusOr<std::vector<ProjectHealth>> BuildProjectHealth(
    const Context& ctx, const std::vector<ProjectAccess>& scope,
    bool money_visible);

// --- Workload ---

// One row per member of `members` (in that order). `scope`: the projects
// whose tasks count (live ones); `time_scope`: those whose hours count.
absl::StatusOr<std::vector<WorkloadRow>> BuildWorkload(
    const Context& ctx, const std::vector<MemberId>& members,
    const std::vector<ProjectAccess>& scope,
    const std::vector<ProjectAccess>& time_scope,
    std::optional<absl::CivilDay> from, std::optional<absl::CivilDay> to);

// --- Digest ---

// `members`: whom the digest covers, by id; `timers`: the running timers
// the actor may see.
absl::StatusOr<Digest> BuildDigest(const Context& ctx,
                                   const std::vector<MemberId>& members,
                                   const std::vector<ProjectAccess>& scope,
                                   const std::vector<Timer>& timers,
                                   absl::CivilDay as_of);

}  // namespace report
}  // namespace worksection

#endif  // WORKSECTION_SRC_REPORT_ENGINE_H_
