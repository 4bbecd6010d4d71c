#include "src/core/budget.h"

#include <algorithm>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "src/core/task_tree.h"
#include "src/util/checked_sum.h"

namespace worksection {
namespace {

struct Spent {
  absl::Duration time;
  Money money = 0;
};

// Time and money spent on a project, or on the listed tasks of it.
absl::StatusOr<Spent> SpentOn(Transaction& tx, ProjectId project,
                              std::optional<std::vector<TaskId>> tasks,
                              HiddenTasks hidden) {
  RollupScan scan;
  scan.projects = std::vector<ProjectId>{project};
  scan.tasks = tasks;
  // A whole project's spending: a row a month and member, not a day and
  // task. Monthly rows carry no task, so leaving hidden tasks out needs the
  // daily ones.
  if (!tasks && hidden == HiddenTasks::kCount) scan.grain = RollupGrain::kMonth;
  absl::StatusOr<std::vector<RollupRow>> rows = tx.ScanRollups(scan);
  if (!rows.ok()) return rows.status();
  absl::flat_hash_map<TaskId, bool> counted;  // task -> not left out
  auto counts = [&](TaskId task) -> absl::StatusOr<bool> {
    if (hidden == HiddenTasks::kCount || !task.valid()) return true;
    auto it = counted.find(task);
    if (it != counted.end()) return it->second;
    absl::StatusOr<Task> t = tx.GetTask(task);
    if (!t.ok()) return t.status();
    return counted[task] = !t->hidden_from_clients;
  };
  Spent spent;
  for (const RollupRow& row : *rows) {
    absl::StatusOr<bool> in = counts(row.key.task);
    if (!in.ok()) return in.status();
    if (!*in) continue;
    spent.time += absl::Seconds(row.totals.seconds);
    if (!AddChecked(spent.money, row.totals.billed_amount)) {
      return TotalTooLarge("budget.money_used");
    }
  }
  CostScan costs;
  costs.filter.project = project;
  costs.filter.kind = Cost::Kind::kExpense;
  absl::StatusOr<std::vector<Cost>> lines = tx.ListCosts(costs);
  if (!lines.ok()) return lines.status();
  for (const Cost& c : *lines) {
    if (tasks &&
        std::find(tasks->begin(), tasks->end(), c.task) == tasks->end()) {
      continue;
    }
    absl::StatusOr<bool> in = counts(c.task);
    if (!in.ok()) return in.status();
    if (*in && !AddChecked(spent.money, c.amount)) {
      return TotalTooLarge("budget.money_used");
    }
  }
  return spent;
}

double Percent(double used, double budget) { return used * 100.0 / budget; }

BudgetUsage UsageOf(const Spent& spent,
                    const std::optional<absl::Duration>& time_budget,
                    const std::optional<Money>& money_budget) {
  BudgetUsage usage;
  usage.time_budget = time_budget;
  usage.time_used = spent.time;
  if (time_budget) {
    usage.time_remaining = *time_budget - spent.time;
    usage.time_percent = Percent(absl::ToDoubleSeconds(spent.time),
                                 absl::ToDoubleSeconds(*time_budget));
  }
  if (money_budget) {
    usage.money_budget = money_budget;
    usage.money_used = spent.money;
    usage.money_remaining = *money_budget - spent.money;
    usage.money_percent =
        *money_budget > 0
            ? Percent(static_cast<double>(spent.money), *money_budget)
            : (spent.money > 0 ? 100.0 : 0.0);
  }
  return usage;
}

// Inserts the crossings of `usage` not in `known`.
absl::Status Record(Transaction& tx, absl::Time now, ProjectId project,
                    TaskId task, const BudgetUsage& usage,
                    const std::vector<BudgetAlert>& known) {
  const std::pair<BudgetAlert::Kind, std::optional<double>> kinds[] = {
      {BudgetAlert::Kind::kTime, usage.time_percent},
      {BudgetAlert::Kind::kMoney, usage.money_percent}};
  for (const auto& [kind, percent] : kinds) {
    if (!percent) continue;
    for (int threshold : {80, 100}) {
      if (*percent < threshold) continue;
      // kind = kind: C++17 lambdas cannot capture a structured binding.
      const bool recorded = std::any_of(
          known.begin(), known.end(), [&, kind = kind](const BudgetAlert& a) {
            return a.task == task && a.kind == kind && a.percent == threshold;
          });
      if (recorded) continue;
      BudgetAlert alert;
      alert.project = project;
      alert.task = task;
      alert.kind = kind;
      alert.percent = threshold;
      alert.crossed_at = now;
      if (absl::Status s = tx.InsertBudgetAlert(alert); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace

HiddenTasks HiddenOf(const Actor& actor, ProjectId project) {
  return Allowed(actor, Action::kReadHidden, Target{project})
             ? HiddenTasks::kCount
             : HiddenTasks::kLeaveOut;
}

absl::StatusOr<bool> AlertJudge::Reached(const BudgetAlert& alert,
                                         HiddenTasks hidden) {
  if (hidden == HiddenTasks::kCount) return true;
  const auto key =
      std::make_tuple(alert.project.value(), alert.task.value(), hidden);
  auto it = usages_.find(key);
  if (it == usages_.end()) {
    absl::StatusOr<BudgetUsage> usage;
    if (alert.task.valid()) {
      absl::StatusOr<Task> task = tx_.GetTask(alert.task);
      if (!task.ok()) return task.status();
      usage = TaskUsage(tx_, *task, hidden);
    } else {
      absl::StatusOr<Project> project = tx_.GetProject(alert.project);
      if (!project.ok()) return project.status();
      usage = ProjectUsage(tx_, *project, hidden);
    }
    if (!usage.ok()) return usage.status();
    it = usages_.emplace(key, *std::move(usage)).first;
  }
  const std::optional<double>& percent = alert.kind == BudgetAlert::Kind::kTime
                                             ? it->second.time_percent
                                             : it->second.money_percent;
  return percent.has_value() && *percent >= alert.percent;
}

absl::StatusOr<BudgetUsage> ProjectUsage(Transaction& tx,
                                         const Project& project,
                                         HiddenTasks hidden) {
  absl::StatusOr<Spent> spent = SpentOn(tx, project.id, std::nullopt, hidden);
  if (!spent.ok()) return spent.status();
  return UsageOf(*spent, project.time_budget, project.money_budget);
}

absl::StatusOr<BudgetUsage> TaskUsage(Transaction& tx, const Task& task,
                                      HiddenTasks hidden) {
  absl::StatusOr<Subtree> subtree = LoadSubtree(tx, task.id);
  if (!subtree.ok()) return subtree.status();
  absl::StatusOr<Spent> spent = SpentOn(tx, task.project, subtree->ids, hidden);
  if (!spent.ok()) return spent.status();
  return UsageOf(*spent, task.estimate, task.money_budget);
}

absl::Status RecordBudgetCrossings(Transaction& tx, absl::Time now,
                                   ProjectId project, TaskId task) {
  return RecordBudgetCrossings(
      tx, now, project,
      task.valid() ? std::vector<TaskId>{task} : std::vector<TaskId>{});
}

absl::Status RecordBudgetCrossings(Transaction& tx, absl::Time now,
                                   ProjectId project,
                                   const std::vector<TaskId>& tasks) {
  absl::StatusOr<Project> p = tx.GetProject(project);
  if (!p.ok()) return p.status();
  absl::StatusOr<std::vector<BudgetAlert>> known = tx.ListBudgetAlerts(project);
  if (!known.ok()) return known.status();
  if (p->time_budget || p->money_budget) {
    absl::StatusOr<BudgetUsage> usage =
        ProjectUsage(tx, *p, HiddenTasks::kCount);
    if (!usage.ok()) return usage.status();
    if (absl::Status s = Record(tx, now, project, TaskId(), *usage, *known);
        !s.ok()) {
      return s;
    }
  }
  // Each task once, however many of the tasks share it as an ancestor.
  absl::flat_hash_set<TaskId> checked;
  for (TaskId start : tasks) {
    for (TaskId id = start; id.valid() && checked.insert(id).second;) {
      absl::StatusOr<Task> t = tx.GetTask(id);
      if (!t.ok()) return t.status();
      if (t->estimate || t->money_budget) {
        absl::StatusOr<BudgetUsage> usage =
            TaskUsage(tx, *t, HiddenTasks::kCount);
        if (!usage.ok()) return usage.status();
        if (absl::Status s = Record(tx, now, project, id, *usage, *known);
            !s.ok()) {
          return s;
        }
      }
      id = t->parent;
    }
  }
  return absl::OkStatus();
}

}  // namespace worksection
