// Reports: structured results first; export.h renders them as CSV, XLSX
// and JSON. Run them through Session (RunTimeReport, ...): every report
// obeys the actor's permissions, and when the actor may not read money the
// money fields are absent (empty), never zero.
#ifndef WORKSECTION_REPORT_H_
#define WORKSECTION_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/ids.h"
#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/time_tracking.h"

namespace worksection {

// --- Time and money ---

enum class ReportGroup { kProject, kTask, kMember, kTag, kDay, kWeek, kMonth };

// "project", "task", "member", "tag", "day", "week", "month".
absl::string_view ReportGroupName(ReportGroup group);

struct TimeReportQuery {
  std::optional<absl::CivilDay> from;  // inclusive
  std::optional<absl::CivilDay> to;    // inclusive
  std::vector<ProjectId> projects;     // empty: every project the actor reads
  std::vector<MemberId> members;       // empty: everyone
  std::vector<TaskId> tasks;           // empty: every task
  // Empty: every entry; else entries whose task carries any of these tags.
  std::vector<std::string> tags;
  std::optional<bool> billable;
  // Grouping levels, outermost first; empty gives the total only. Grouping
  // by tag counts an entry once under each tag of its task ("" when it has
  // none), so tag rows may add up to more than the total.
  std::vector<ReportGroup> group_by;
};

// A row's key at one grouping level.
struct ReportKey {
  ReportGroup group = ReportGroup::kProject;
  int64_t id = 0;   // the project, task or member id
  std::string tag;  // kTag
  absl::CivilDay
      period;  // kDay: the day; kWeek: its ISO Monday; kMonth: the 1st
  // For display: the name or title, the tag, "2026-11-24", "2026-W48",
  // "2026-11".
  std::string label;
};

struct ReportTotals {
  int64_t seconds = 0;           // raw time
  int64_t billable_seconds = 0;  // billed duration of billable entries
  int64_t entry_count = 0;
  std::optional<Money> billed_amount;  // empty when money is hidden
  std::optional<Money> labour_cost;
  std::optional<Money> margin;  // billed_amount - labour_cost
};

struct TimeReportRow {
  std::vector<ReportKey> keys;  // one per grouping level
  ReportTotals totals;
};

struct TimeReport {
  TimeReportQuery query;
  // Ordered by keys, level by level: ids and periods ascending, tags by
  // name.
  std::vector<TimeReportRow> rows;
  ReportTotals total;
  bool money_visible = false;
  std::string currency;   // of the workspace
  std::string time_zone;  // of the workspace
};

// --- Overdue and due soon ---

struct OverdueQuery {
  std::optional<MemberId> assignee;
  std::optional<MemberId> author;
  std::optional<ProjectId> project;
  // Also open tasks due within this many days (0: only the late ones).
  int due_within_days = 0;
  std::optional<absl::CivilDay> as_of;  // default: today
};

struct OverdueRow {
  Task task;
  std::string project_name;
  std::string assignee_name;  // empty when unassigned
  std::string author_name;
  // Days since the deadline's day: > 0 late, 0 due today (late if a timed
  // deadline passed), < 0 due in that many days.
  int days_late = 0;
  bool late = false;  // the deadline has passed
};

struct OverdueReport {
  absl::CivilDay as_of;
  // Late first, most days late first, then higher priority, then id.
  std::vector<OverdueRow> rows;
};

// --- Project health ---

struct ProjectHealthQuery {
  std::vector<ProjectId> projects;  // empty: every project the actor reads
  bool include_archived = false;
};

struct ProjectHealth {
  Project project;
  int64_t tasks_open = 0;
  int64_t tasks_done = 0;
  int64_t tasks_overdue = 0;
  double percent_done = 0;  // by count
  // By estimate: done estimate over all estimate; empty without estimates.
  std::optional<double> percent_done_by_estimate;
  TaskId nearest_deadline_task;  // the open task due first; none if none
  std::optional<Deadline> nearest_deadline;
  BudgetUsage budget;
  // Empty when money is hidden. margin = billed + income - labour - expenses.
  std::optional<Money> billed;
  std::optional<Money> labour_cost;
  std::optional<Money> expenses;
  std::optional<Money> income;
  std::optional<Money> margin;
  std::optional<absl::Time> last_activity;  // the latest change in it
};

// --- Workload ---

struct WorkloadQuery {
  std::optional<absl::CivilDay> from;  // for the hours logged; inclusive
  std::optional<absl::CivilDay> to;
  std::vector<MemberId> members;  // empty: every active member but clients
};

struct WorkloadRow {
  MemberId member;
  std::string member_name;
  int64_t open_tasks = 0;
  int64_t overdue_tasks = 0;
  absl::Duration estimate_left;  // of their open tasks
  int64_t seconds_logged = 0;    // in the period
};

// --- The Friday digest ---

struct DigestQuery {
  std::vector<MemberId> members;        // empty: every active member
  std::optional<absl::CivilDay> as_of;  // default: today
};

struct DigestEntry {
  MemberId member;
  std::string member_name;
  std::vector<OverdueRow> received_overdue;  // late tasks assigned to them
  std::vector<OverdueRow> set_overdue;       // late tasks they set for others
  std::vector<OverdueRow> due_this_week;     // theirs, due in the next 7 days
  std::vector<Timer> forgotten_timers;
  // "Project / Task title" of each forgotten timer, in the same order.
  std::vector<std::string> forgotten_timer_tasks;
};

struct Digest {
  absl::CivilDay as_of;
  std::vector<DigestEntry> entries;  // by member id; members with nothing
                                     // to report are left out
  std::string time_zone;  // of the workspace: timers' starts render in it
};

// Plain text and Markdown, ready to post in a chat.
std::string RenderDigestText(const Digest& digest);
std::string RenderDigestMarkdown(const Digest& digest);

}  // namespace worksection

#endif  // WORKSECTION_REPORT_H_
