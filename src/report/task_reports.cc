// The reports about tasks and people: overdue and due soon, project health,
// workload and the digest.
#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "src/report/engine.h"
#include "src/util/checked_sum.h"
#include "worksection/rollup.h"

namespace worksection {
namespace report {
namespace {

std::vector<ProjectId> IdsOf(const std::vector<ProjectAccess>& scope) {
  std::vector<ProjectId> ids;
  ids.reserve(scope.size());
  for (const ProjectAccess& a : scope) ids.push_back(a.project.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

bool AllHiddenReadable(const std::vector<ProjectAccess>& scope) {
  return std::all_of(scope.begin(), scope.end(),
                     [](const ProjectAccess& a) { return a.read_hidden; });
}

// The tasks of `scope` matching `filter` that the actor sees.
absl::StatusOr<std::vector<Task>> VisibleTasks(
    const Context& ctx, const std::vector<ProjectAccess>& scope,
    const TaskFilter& filter) {
  if (scope.empty()) return std::vector<Task>{};
  TaskScan scan;
  scan.filter = filter;
  scan.projects_in = IdsOf(scope);
  scan.include_hidden = AllHiddenReadable(scope);
  absl::StatusOr<std::vector<Task>> tasks = ScanAllTasks(ctx.tx, scan);
  if (!tasks.ok()) return tasks.status();
  tasks->erase(std::remove_if(tasks->begin(), tasks->end(),
                              [&](const Task& t) { return !ctx.can_see(t); }),
               tasks->end());
  return tasks;
}

std::string ProjectName(
    const Context& ctx,
    const absl::flat_hash_map<ProjectId, std::string>& names, ProjectId id) {
  auto it = names.find(id);
  if (it != names.end()) return it->second;
  absl::StatusOr<Project> p = ctx.tx.GetProject(id);
  return p.ok() ? p->name : absl::StrCat("project ", id.value());
}

// Runs `tally` over the tasks of `scope` the actor sees, late as of now,
// passing each row to `on_row`: hidden tasks count in the projects where
// the actor reads them, so a key may come twice (once for those projects,
// once for the others).
absl::Status TallyVisibleTasks(
    const Context& ctx, const std::vector<ProjectAccess>& scope,
    TaskTallyScan tally, const std::function<void(const TaskTally&)>& on_row) {
  tally.late_before_key = DeadlineKey(Deadline{ctx.today, ctx.now_minute});
  for (const bool read_hidden : {true, false}) {
    std::vector<ProjectId>& projects = tally.scan.projects_in.emplace();
    for (const ProjectAccess& a : scope) {
      if (a.read_hidden == read_hidden) projects.push_back(a.project.id);
    }
    if (projects.empty()) continue;
    tally.scan.include_hidden = read_hidden;
    absl::StatusOr<std::vector<TaskTally>> rows = ctx.tx.TallyTasks(tally);
    if (!rows.ok()) return rows.status();
    for (const TaskTally& row : *rows) on_row(row);
  }
  return absl::OkStatus();
}

}  // namespace

void SortOverdueRows(std::vector<OverdueRow>& rows) {
  std::sort(rows.begin(), rows.end(),
            [](const OverdueRow& a, const OverdueRow& b) {
              if (a.late != b.late) return a.late;
              if (a.days_late != b.days_late) return a.days_late > b.days_late;
              if (a.task.priority != b.task.priority) {
                return a.task.priority > b.task.priority;
              }
              return a.task.id < b.task.id;
            });
}

absl::StatusOr<std::vector<OverdueRow>> BuildOverdueRows(
    const Context& ctx, const std::vector<ProjectAccess>& scope,
    const TaskFilter& filter, absl::CivilDay as_of, int due_within_days) {
  TaskFilter f;
  f.project = filter.project;
  f.assignee = filter.assignee;
  f.author = filter.author;
  f.status = TaskStatus::kOpen;
  // Deadline days before as_of + N: the late ones and those due soon; a
  // timed deadline of as_of may be late already.
  f.overdue_as_of = as_of + std::max(due_within_days, 1);
  f.order = TaskOrder::kDeadline;
  absl::StatusOr<std::vector<Task>> tasks = VisibleTasks(ctx, scope, f);
  if (!tasks.ok()) return tasks.status();

  absl::flat_hash_map<ProjectId, std::string> names;
  for (const ProjectAccess& a : scope) names[a.project.id] = a.project.name;
  std::vector<OverdueRow> rows;
  for (Task& t : *tasks) {
    if (!t.deadline) continue;
    const Lateness l =
        LatenessOf(*t.deadline, as_of, ctx.today, ctx.now_minute);
    if (!l.late && due_within_days <= 0) continue;
    OverdueRow row;
    row.project_name = ProjectName(ctx, names, t.project);
    if (t.assignee.valid()) row.assignee_name = MemberName(ctx, t.assignee);
    row.author_name = MemberName(ctx, t.author);
    row.days_late = l.days_late;
    row.late = l.late;
    row.task = std::move(t);
    rows.push_back(std::move(row));
  }
  SortOverdueRows(rows);
  return rows;
}

absl::StatusOr<std::vector<ProjectHealth>> BuildProjectHealth(
    const Context& ctx, const std::vector<ProjectAccess>& scope,
    bool money_visible) {
  std::vector<ProjectHealth> out;
  if (scope.empty()) return out;
  absl::flat_hash_map<ProjectId, size_t> index;
  for (const ProjectAccess& a : scope) {
    index[a.project.id] = out.size();
    ProjectHealth h;
    h.project = a.project;
    h.last_activity = a.project.updated_at;
    out.push_back(std::move(h));
  }
  auto later = [](std::optional<absl::Time>& at, absl::Time t) {
    if (!at || t > *at) at = t;
  };

  // Tasks: counts, progress, the nearest deadline, summed by the store.
  TaskTallyScan tally;
  tally.by = TaskTallyKey::kProject;
  absl::Status s =
      TallyVisibleTasks(ctx, scope, tally, [&](const TaskTally& t) {
        ProjectHealth& h = out[index.at(ProjectId(t.key))];
        later(h.last_activity, t.last_update);
        h.tasks_open = t.open;
        h.tasks_done = t.done;
        h.tasks_overdue = t.late;
        h.nearest_deadline_task = t.first_due;
        h.nearest_deadline = t.first_due_deadline;
        const int64_t n = t.open + t.done;
        h.percent_done = n > 0 ? t.done * 100.0 / n : 0.0;
        if (t.estimate > absl::ZeroDuration()) {
          h.percent_done_by_estimate =
              absl::FDivDuration(t.estimate_done, t.estimate) * 100.0;
        }
      });
  if (!s.ok()) return s;

  // Time and money from the rollups; the latest day logged per project.
  RollupScan rollups;
  rollups.projects = IdsOf(scope);
  absl::StatusOr<std::vector<RollupRow>> rows = ctx.tx.ScanRollups(rollups);
  if (!rows.ok()) return rows.status();
  absl::flat_hash_map<ProjectId, RollupTotals> sums;
  absl::flat_hash_map<ProjectId, absl::CivilDay> last_day;
  for (const RollupRow& r : *rows) {
    if (!AddChecked(sums[r.key.project], r.totals)) {
      return TotalTooLarge("project health");
    }
    auto [it, inserted] = last_day.emplace(r.key.project, r.key.day);
    if (!inserted && r.key.day > it->second) it->second = r.key.day;
  }

  absl::flat_hash_map<ProjectId, std::pair<Money, Money>> lines;  // exp, inc
  if (money_visible) {
    CostScan costs;
    costs.projects_in = IdsOf(scope);
    absl::StatusOr<std::vector<Cost>> list = ctx.tx.ListCosts(costs);
    if (!list.ok()) return list.status();
    for (const Cost& c : *list) {
      auto it = index.find(c.project);
      if (it == index.end()) continue;
      later(out[it->second].last_activity, c.updated_at);
      auto& [expenses, income] = lines[c.project];
      if (!AddChecked(c.kind == Cost::Kind::kExpense ? expenses : income,
                      c.amount)) {
        return TotalTooLarge("project health: costs");
      }
    }
  }

  for (size_t i = 0; i < scope.size(); ++i) {
    const ProjectAccess& a = scope[i];
    ProjectHealth& h = out[i];
    if (money_visible) {
      const RollupTotals& t = sums[a.project.id];
      const auto& [expenses, income] = lines[a.project.id];
      h.billed = t.billed_amount;
      h.labour_cost = t.labour_cost;
      h.expenses = expenses;
      h.income = income;
      Money margin = t.billed_amount;
      if (!AddChecked(margin, income) || !AddChecked(margin, -t.labour_cost) ||
          !AddChecked(margin, -expenses)) {
        return TotalTooLarge("project health: margin");
      }
      h.margin = margin;
    }
    // Time logged counts as activity: the entries of the latest day logged
    // (an entry back-dated before it is not seen; scanning every entry is
    // what the rollups are there to avoid).
    auto day = last_day.find(a.project.id);
    if (!a.read_time || day == last_day.end()) continue;
    TimeEntryScan scan;
    scan.filter.project = a.project.id;
    scan.include_hidden_tasks = a.read_hidden;
    scan.filter.from = day->second;
    scan.filter.to = day->second;
    scan.limit = 1000;
    for (;;) {
      absl::StatusOr<std::vector<TimeEntry>> page =
          ctx.tx.ScanTimeEntries(scan);
      if (!page.ok()) return page.status();
      for (const TimeEntry& e : *page) later(h.last_activity, e.updated_at);
      if (static_cast<int>(page->size()) < scan.limit) break;
      scan.after = TimeEntryPosition{page->back().date, page->back().id};
    }
  }
  return out;
}

absl::StatusOr<std::vector<WorkloadRow>> BuildWorkload(
    const Context& ctx, const std::vector<MemberId>& members,
    const std::vector<ProjectAccess>& scope,
    const std::vector<ProjectAccess>& time_scope,
    std::optional<absl::CivilDay> from, std::optional<absl::CivilDay> to) {
  std::vector<WorkloadRow> out;
  absl::flat_hash_map<MemberId, size_t> index;
  for (MemberId m : members) {
    index[m] = out.size();
    WorkloadRow row;
    row.member = m;
    row.member_name = MemberName(ctx, m);
    out.push_back(std::move(row));
  }
  if (members.empty()) return out;

  TaskTallyScan tally;
  tally.by = TaskTallyKey::kAssignee;
  tally.scan.filter.status = TaskStatus::kOpen;
  if (members.size() == 1) tally.scan.filter.assignee = members.front();
  absl::Status s =
      TallyVisibleTasks(ctx, scope, tally, [&](const TaskTally& t) {
        auto it = index.find(MemberId(t.key));
        if (it == index.end()) return;
        WorkloadRow& row = out[it->second];
        row.open_tasks += t.open;
        row.overdue_tasks += t.late;
        row.estimate_left += t.estimate;
      });
  if (!s.ok()) return s;

  if (time_scope.empty()) return out;
  RollupScan scan;
  scan.projects = IdsOf(time_scope);
  scan.members = members;
  scan.from = from;
  scan.to = to;
  absl::StatusOr<std::vector<RollupRow>> rows = ctx.tx.ScanRollups(scan);
  if (!rows.ok()) return rows.status();
  absl::flat_hash_set<ProjectId> hidden_unreadable;
  for (const ProjectAccess& a : time_scope) {
    if (!a.read_hidden) hidden_unreadable.insert(a.project.id);
  }
  absl::flat_hash_map<TaskId, bool> seen;  // task -> visible
  for (const RollupRow& r : *rows) {
    auto it = index.find(r.key.member);
    if (it == index.end()) continue;
    if (hidden_unreadable.contains(r.key.project)) {
      auto known = seen.find(r.key.task);
      if (known == seen.end()) {
        absl::StatusOr<Task> t = ctx.tx.GetTask(r.key.task);
        if (!t.ok()) return t.status();
        known = seen.emplace(r.key.task, ctx.can_see(*t)).first;
      }
      if (!known->second) continue;
    }
    out[it->second].seconds_logged += r.totals.seconds;
  }
  return out;
}

absl::StatusOr<Digest> BuildDigest(const Context& ctx,
                                   const std::vector<MemberId>& members,
                                   const std::vector<ProjectAccess>& scope,
                                   const std::vector<Timer>& timers,
                                   absl::CivilDay as_of) {
  constexpr int kWeek = 7;
  Digest digest;
  digest.as_of = as_of;
  digest.time_zone = ctx.settings.time_zone;
  absl::flat_hash_map<MemberId, DigestEntry> by_member;
  for (MemberId m : members) {
    DigestEntry e;
    e.member = m;
    e.member_name = MemberName(ctx, m);
    by_member.emplace(m, std::move(e));
  }
  absl::StatusOr<std::vector<OverdueRow>> rows =
      BuildOverdueRows(ctx, scope, TaskFilter{}, as_of, kWeek);
  if (!rows.ok()) return rows.status();
  for (const OverdueRow& row : *rows) {  // in report order
    auto assignee = by_member.find(row.task.assignee);
    if (!row.late) {
      if (assignee != by_member.end()) {
        assignee->second.due_this_week.push_back(row);
      }
      continue;
    }
    if (assignee != by_member.end()) {
      assignee->second.received_overdue.push_back(row);
    }
    auto author = by_member.find(row.task.author);
    if (author != by_member.end() && row.task.assignee.valid() &&
        row.task.assignee != row.task.author) {
      author->second.set_overdue.push_back(row);
    }
  }
  absl::flat_hash_map<ProjectId, std::string> names;
  for (const ProjectAccess& a : scope) names[a.project.id] = a.project.name;
  for (const Timer& t : timers) {
    auto it = by_member.find(t.member);
    if (it == by_member.end()) continue;
    if (ctx.now - t.started_at <= ctx.settings.forgotten_timer_after) continue;
    Timer marked = t;
    marked.forgotten = true;
    std::string label = absl::StrCat("task ", t.task.value());
    absl::StatusOr<Task> task = ctx.tx.GetTask(t.task);
    if (task.ok()) {
      label = absl::StrCat(ProjectName(ctx, names, task->project), " / ",
                           task->title);
    }
    it->second.forgotten_timers.push_back(marked);
    it->second.forgotten_timer_tasks.push_back(std::move(label));
  }
  std::vector<MemberId> ids = members;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (MemberId m : ids) {
    DigestEntry& e = by_member.at(m);
    if (e.received_overdue.empty() && e.set_overdue.empty() &&
        e.due_this_week.empty() && e.forgotten_timers.empty()) {
      continue;
    }
    digest.entries.push_back(std::move(e));
  }
  return digest;
}

}  // namespace report
}  // namespace worksection
