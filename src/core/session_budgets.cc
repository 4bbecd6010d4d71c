#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/core/budget.h"
#include "src/core/call.h"
#include "worksection/session.h"
#include "worksection/workspace.h"

namespace worksection {
namespace {

// The usage as the actor may read it: time only where they read time, money
// only where they read money.
absl::StatusOr<BudgetUsage> AsSeen(const Call& call, const Project& project,
                                   BudgetUsage usage) {
  if (!CanReadTime(call.actor, project)) {
    return Require(call.actor, Action::kReadTime, Target{},
                   absl::StrCat("time of project ", project.id.value()));
  }
  if (!Allowed(call.actor, Action::kReadMoney, Target{project.id})) {
    usage.money_budget.reset();
    usage.money_used.reset();
    usage.money_remaining.reset();
    usage.money_percent.reset();
  }
  return usage;
}

}  // namespace

absl::StatusOr<BudgetUsage> Session::GetProjectBudget(ProjectId id) {
  return RunCall(
      *this, Store::Mode::kRead,
      [&](Call& call) -> absl::StatusOr<BudgetUsage> {
        absl::StatusOr<Project> p = call.tx.GetProject(id);
        if (StoreFailed(p.status())) return p.status();
        if (!p.ok() || !Allowed(call.actor, Action::kReadProject, Target{id})) {
          return absl::NotFoundError(
              absl::StrCat("project ", id.value(), " not found"));
        }
        absl::StatusOr<BudgetUsage> usage =
            ProjectUsage(call.tx, *p, HiddenOf(call.actor, id));
        if (!usage.ok()) return usage.status();
        return AsSeen(call, *p, *std::move(usage));
      });
}

absl::StatusOr<BudgetUsage> Session::GetTaskBudget(TaskId id) {
  return RunCall(*this, Store::Mode::kRead,
                 [&](Call& call) -> absl::StatusOr<BudgetUsage> {
                   absl::StatusOr<Task> t = call.tx.GetTask(id);
                   if (StoreFailed(t.status())) return t.status();
                   if (!t.ok() || !CanSee(call.actor, *t)) {
                     return absl::NotFoundError(
                         absl::StrCat("task ", id.value(), " not found"));
                   }
                   absl::StatusOr<Project> p = call.tx.GetProject(t->project);
                   if (!p.ok()) return p.status();
                   absl::StatusOr<BudgetUsage> usage =
                       TaskUsage(call.tx, *t, HiddenOf(call.actor, t->project));
                   if (!usage.ok()) return usage.status();
                   return AsSeen(call, *p, *std::move(usage));
                 });
}

absl::StatusOr<std::vector<BudgetAlert>> Session::ListBudgetAlerts(
    ProjectId id) {
  return RunCall(
      *this, Store::Mode::kRead,
      [&](Call& call) -> absl::StatusOr<std::vector<BudgetAlert>> {
        absl::StatusOr<Project> p = call.tx.GetProject(id);
        if (StoreFailed(p.status())) return p.status();
        if (!p.ok() || !Allowed(call.actor, Action::kReadProject, Target{id})) {
          return absl::NotFoundError(
              absl::StrCat("project ", id.value(), " not found"));
        }
        absl::StatusOr<std::vector<BudgetAlert>> alerts =
            call.tx.ListBudgetAlerts(id);
        if (!alerts.ok()) return alerts.status();
        const bool time = CanReadTime(call.actor, *p);
        const bool money = Allowed(call.actor, Action::kReadMoney, Target{id});
        AlertJudge judge(call.tx);
        std::vector<BudgetAlert> visible;
        for (BudgetAlert& a : *alerts) {
          if (!(a.kind == BudgetAlert::Kind::kTime ? time : money)) continue;
          if (a.task.valid()) {
            absl::StatusOr<Task> t = call.tx.GetTask(a.task);
            if (StoreFailed(t.status())) return t.status();
            if (!t.ok() || !CanSee(call.actor, *t)) continue;
          }
          absl::StatusOr<bool> reached =
              judge.Reached(a, HiddenOf(call.actor, id));
          if (!reached.ok()) return reached.status();
          if (!*reached) continue;
          visible.push_back(std::move(a));
        }
        return visible;
      });
}

}  // namespace worksection
