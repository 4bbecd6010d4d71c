#include <algorithm>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/core/budget.h"
#include "src/core/call.h"
#include "src/core/ledger.h"
#include "src/core/validate.h"
#include "worksection/limits.h"
#include "worksection/session.h"
#include "worksection/workspace.h"

namespace worksection {
namespace {

absl::Status NotFound(CostId id) {
  return absl::NotFoundError(absl::StrCat("cost ", id.value(), " not found"));
}

std::string Name(CostId id) { return absl::StrCat("cost ", id.value()); }

// Costs are money: only who reads money in the project sees them at all.
absl::StatusOr<Cost> GetVisible(Call& call, CostId id) {
  absl::StatusOr<Cost> cost = call.tx.GetCost(id);
  if (StoreFailed(cost.status())) return cost.status();
  if (!cost.ok() ||
      !Allowed(call.actor, Action::kReadMoney, Target{cost->project})) {
    return NotFound(id);
  }
  return cost;
}

absl::Status CheckFields(const Cost& c) {
  constexpr Money kMax = 1'000'000'000'000'000;
  if (c.amount < 1 || c.amount > kMax) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cost.amount: must be 1 to ", kMax, " minor units, got ", c.amount));
  }
  if (c.date.year() < 1970 || c.date.year() > limits::kMaxYear) {
    return absl::InvalidArgumentError(
        absl::StrCat("cost.date: ", absl::FormatCivilTime(c.date),
                     " is outside the years 1970 to ", limits::kMaxYear));
  }
  return CheckText("cost.note", c.note, 0, limits::kMaxTextBytes);
}

// A live project the actor manages costs in.
absl::Status CheckWritable(Call& call, ProjectId project,
                           absl::string_view what) {
  absl::StatusOr<Project> p = call.tx.GetProject(project);
  if (!p.ok()) return p.status();
  if (p->status == ProjectStatus::kArchived) {
    return absl::FailedPreconditionError(absl::StrCat(
        "project ", project.value(), " is archived; its costs cannot change"));
  }
  return Require(call.actor, Action::kManageCosts, Target{project}, what);
}

}  // namespace

absl::StatusOr<Cost> Session::CreateCost(const Cost& cost) {
  return RunCall(
      *this, Store::Mode::kWrite, [&](Call& call) -> absl::StatusOr<Cost> {
        Cost c = cost;
        if (c.task.value() != 0) {
          absl::StatusOr<Task> task = call.tx.GetTask(c.task);
          if (StoreFailed(task.status())) return task.status();
          if (!task.ok() || !CanSee(call.actor, *task)) {
            return absl::NotFoundError(
                absl::StrCat("cost.task: task ", c.task.value(), " not found"));
          }
          if (c.project.value() != 0 && c.project != task->project) {
            return absl::InvalidArgumentError(absl::StrCat(
                "cost.project: task ", c.task.value(), " is in project ",
                task->project.value(), ", not ", c.project.value()));
          }
          c.project = task->project;
        } else {
          absl::StatusOr<Project> project = call.tx.GetProject(c.project);
          if (StoreFailed(project.status())) return project.status();
          if (!project.ok() ||
              !Allowed(call.actor, Action::kReadProject, Target{c.project})) {
            return absl::NotFoundError(absl::StrCat(
                "cost.project: project ", c.project.value(), " not found"));
          }
        }
        absl::Status s = CheckWritable(call, c.project, "add a cost");
        if (s.ok()) s = CheckFields(c);
        if (s.ok()) s = CheckUnlocked(call.tx, c.project, c.date, "a cost");
        if (!s.ok()) return s;
        c.author = call.actor.id();
        c.id = CostId();  // the store assigns it
        c.revision = 1;
        c.created_at = call.now;
        c.updated_at = call.now;
        absl::StatusOr<CostId> id = call.tx.InsertCost(c);
        if (!id.ok()) return id.status();
        c.id = *id;
        if (s = RecordBudgetCrossings(call.tx, call.now, c.project, c.task);
            !s.ok()) {
          return s;
        }
        return c;
      });
}

absl::StatusOr<Cost> Session::GetCost(CostId id) {
  return RunCall(*this, Store::Mode::kRead,
                 [&](Call& call) { return GetVisible(call, id); });
}

absl::StatusOr<std::vector<Cost>> Session::ListCosts(const CostFilter& filter) {
  return RunCall(
      *this, Store::Mode::kRead,
      [&](Call& call) -> absl::StatusOr<std::vector<Cost>> {
        // Days outside the supported years would overflow the stores' date
        // arithmetic; a range ending before it starts is merely empty.
        absl::Status days = CheckOptionalDay("filter.from", filter.from);
        if (days.ok()) days = CheckOptionalDay("filter.to", filter.to);
        if (!days.ok()) return days;
        CostScan scan;
        scan.filter = filter;
        if (!Allowed(call.actor, Action::kReadMoney, Target{})) {
          scan.projects_in.emplace();
          for (const auto& [id, role] : call.actor.projects) {
            if (Allowed(call.actor, Action::kReadMoney, Target{id})) {
              scan.projects_in->push_back(id);
            }
          }
          std::sort(scan.projects_in->begin(), scan.projects_in->end());
        }
        return call.tx.ListCosts(scan);
      });
}

absl::StatusOr<Cost> Session::UpdateCost(const Cost& cost) {
  return RunCall(
      *this, Store::Mode::kWrite, [&](Call& call) -> absl::StatusOr<Cost> {
        absl::StatusOr<Cost> stored = GetVisible(call, cost.id);
        if (!stored.ok()) return stored.status();
        Cost c = *stored;
        c.kind = cost.kind;
        c.amount = cost.amount;
        c.date = cost.date;
        c.note = cost.note;
        absl::Status s = CheckWritable(call, c.project, Name(c.id));
        if (s.ok()) {
          s = CheckRevision("cost", c.id.value(), cost.revision,
                            stored->revision);
        }
        if (s.ok()) s = CheckFields(c);
        if (s.ok()) {
          s = CheckUnlocked(call.tx, c.project, stored->date, Name(c.id));
        }
        if (s.ok()) s = CheckUnlocked(call.tx, c.project, c.date, Name(c.id));
        if (!s.ok()) return s;
        c.revision = stored->revision + 1;
        c.updated_at = call.now;
        if (s = call.tx.UpdateCost(c); !s.ok()) return s;
        if (s = RecordBudgetCrossings(call.tx, call.now, c.project, c.task);
            !s.ok()) {
          return s;
        }
        return c;
      });
}

absl::Status Session::DeleteCost(CostId id, Revision revision) {
  return RunCall(*this, Store::Mode::kWrite,
                 [&](Call& call) -> absl::StatusOr<bool> {
                   absl::StatusOr<Cost> stored = GetVisible(call, id);
                   if (!stored.ok()) return stored.status();
                   absl::Status s =
                       CheckWritable(call, stored->project, Name(id));
                   if (s.ok()) {
                     s = CheckRevision("cost", id.value(), revision,
                                       stored->revision);
                   }
                   if (s.ok()) {
                     s = CheckUnlocked(call.tx, stored->project, stored->date,
                                       Name(id));
                   }
                   if (s.ok()) s = call.tx.DeleteCost(id);
                   if (!s.ok()) return s;
                   return true;
                 })
      .status();
}

}  // namespace worksection
