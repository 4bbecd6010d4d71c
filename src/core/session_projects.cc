#include <algorithm>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/core/budget.h"
#include "src/core/call.h"
#include "src/core/validate.h"
#include "worksection/limits.h"
#include "worksection/session.h"
#include "worksection/workspace.h"

namespace worksection {
namespace {

absl::Status NotFound(ProjectId id) {
  return absl::NotFoundError(
      absl::StrCat("project ", id.value(), " not found"));
}

absl::Status CheckRounding(Rounding& r) {
  if (r.mode == Rounding::Mode::kNone) {
    r.minutes = 0;
    return absl::OkStatus();
  }
  if (r.minutes < 1 || r.minutes > 1440) {
    return absl::InvalidArgumentError(absl::StrCat(
        "project.rounding.minutes: must be 1 to 1440, got ", r.minutes));
  }
  return absl::OkStatus();
}

// Checks every field and brings the project into its canonical form: tags
// sorted and unique, members sorted by id, the manager among them as
// manager.
absl::Status CheckAndNormalize(Transaction& tx, Project& p) {
  absl::Status s = CheckText("project.name", p.name, 1, limits::kMaxNameBytes);
  if (s.ok()) {
    s = CheckText("project.folder", p.folder, 0, limits::kMaxLabelBytes);
  }
  if (s.ok()) s = CheckOptionalDay("project.start_date", p.start_date);
  if (s.ok()) s = CheckOptionalDay("project.deadline", p.deadline);
  if (s.ok()) {
    s = CheckDayOrder("project.start_date", p.start_date, "project.deadline",
                      p.deadline);
  }
  if (s.ok()) s = CheckOptionalDuration("project.time_budget", p.time_budget);
  if (s.ok()) s = CheckOptionalMoney("project.money_budget", p.money_budget);
  if (s.ok()) s = CheckOptionalMoney("project.billing_rate", p.billing_rate);
  if (s.ok()) s = CheckRounding(p.rounding);
  if (!s.ok()) return s;
  absl::StatusOr<std::vector<std::string>> tags =
      NormalizeTags("project.tags", p.tags);
  if (!tags.ok()) return tags.status();
  p.tags = *std::move(tags);

  if (p.manager.value() != 0) {
    auto it = std::find_if(
        p.members.begin(), p.members.end(),
        [&](const ProjectMember& m) { return m.member == p.manager; });
    if (it == p.members.end()) {
      p.members.push_back({p.manager, ProjectRole::kManager});
    } else {
      it->role = ProjectRole::kManager;
    }
  }
  std::sort(p.members.begin(), p.members.end(),
            [](const ProjectMember& a, const ProjectMember& b) {
              return a.member < b.member;
            });
  if (p.members.size() > limits::kMaxProjectMembers) {
    return absl::InvalidArgumentError(absl::StrCat("project.members: at most ",
                                                   limits::kMaxProjectMembers,
                                                   ", got ", p.members.size()));
  }
  for (size_t i = 0; i < p.members.size(); ++i) {
    const ProjectMember& pm = p.members[i];
    if (i > 0 && p.members[i - 1].member == pm.member) {
      return absl::InvalidArgumentError(absl::StrCat(
          "project.members: member ", pm.member.value(), " is listed twice"));
    }
    if (absl::Status s =
            CheckOptionalMoney("project.members.billing_rate", pm.billing_rate);
        !s.ok()) {
      return s;
    }
    absl::StatusOr<Member> m = tx.GetMember(pm.member);
    if (!m.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "project.members: member ", pm.member.value(), " not found"));
    }
    if (!m->active) {
      return absl::FailedPreconditionError(absl::StrCat(
          "project.members: member ", pm.member.value(), " is deactivated"));
    }
    if ((m->role == Role::kClient) != (pm.role == ProjectRole::kClient)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "project.members: member ", pm.member.value(), " is a workspace ",
          RoleName(m->role), " and cannot be project ",
          ProjectRoleName(pm.role),
          " (clients, and only they, hold the project role client)"));
    }
  }
  return absl::OkStatus();
}

bool CanRead(const Actor& actor, ProjectId id) {
  return Allowed(actor, Action::kReadProject, Target{id});
}

// Money fields the actor cannot read keep their stored values on update.
void KeepHiddenMoney(const Actor& actor, const Project& stored, Project& p) {
  if (!Allowed(actor, Action::kReadMoney, Target{stored.id})) {
    p.money_budget = stored.money_budget;
    p.billing_rate = stored.billing_rate;
    for (ProjectMember& m : p.members) {
      auto it = std::find_if(
          stored.members.begin(), stored.members.end(),
          [&](const ProjectMember& s) { return s.member == m.member; });
      m.billing_rate =
          it != stored.members.end() ? it->billing_rate : std::nullopt;
    }
  }
}

absl::StatusOr<Project> WriteProject(Call& call, Project p,
                                     const Project& stored) {
  p.id = stored.id;
  p.created_at = stored.created_at;
  p.updated_at = call.now;
  p.revision = stored.revision + 1;
  if (absl::Status s = call.tx.UpdateProject(p); !s.ok()) return s;
  // A lowered budget may be crossed without any new time.
  if (absl::Status s = RecordBudgetCrossings(call.tx, call.now, p.id, TaskId());
      !s.ok()) {
    return s;
  }
  RedactMoney(call.actor, p);
  return p;
}

}  // namespace

absl::StatusOr<Project> Session::CreateProject(const Project& project) {
  return RunCall(*this, Store::Mode::kWrite,
                 [&](Call& call) -> absl::StatusOr<Project> {
                   Project p = project;
                   absl::Status s = Require(call.actor, Action::kCreateProject,
                                            Target{}, "create a project");
                   if (s.ok()) s = CheckAndNormalize(call.tx, p);
                   if (!s.ok()) return s;
                   p.id = ProjectId();  // the store assigns it
                   p.revision = 1;
                   p.created_at = call.now;
                   p.updated_at = call.now;
                   absl::StatusOr<ProjectId> id = call.tx.InsertProject(p);
                   if (!id.ok()) return id.status();
                   p.id = *id;
                   return p;
                 });
}

absl::StatusOr<Project> Session::GetProject(ProjectId id) {
  return RunCall(*this, Store::Mode::kRead,
                 [&](Call& call) -> absl::StatusOr<Project> {
                   absl::StatusOr<Project> p = call.tx.GetProject(id);
                   if (StoreFailed(p.status())) return p.status();
                   if (!p.ok() || !CanRead(call.actor, id)) return NotFound(id);
                   RedactMoney(call.actor, *p);
                   return p;
                 });
}

absl::StatusOr<std::vector<Project>> Session::ListProjects(
    const ProjectFilter& filter) {
  return RunCall(*this, Store::Mode::kRead,
                 [&](Call& call) -> absl::StatusOr<std::vector<Project>> {
                   ProjectScan scan;
                   scan.filter = filter;
                   if (!Allowed(call.actor, Action::kReadProject, Target{})) {
                     scan.ids_in.emplace();
                     for (const auto& [id, role] : call.actor.projects) {
                       if (CanRead(call.actor, id)) scan.ids_in->push_back(id);
                     }
                   }
                   absl::StatusOr<std::vector<Project>> projects =
                       call.tx.ListProjects(scan);
                   if (!projects.ok()) return projects.status();
                   for (Project& p : *projects) RedactMoney(call.actor, p);
                   return projects;
                 });
}

absl::StatusOr<Project> Session::UpdateProject(const Project& project) {
  return RunCall(
      *this, Store::Mode::kWrite, [&](Call& call) -> absl::StatusOr<Project> {
        absl::StatusOr<Project> stored = call.tx.GetProject(project.id);
        if (StoreFailed(stored.status())) return stored.status();
        if (!stored.ok() || !CanRead(call.actor, project.id)) {
          return NotFound(project.id);
        }
        Project p = project;
        KeepHiddenMoney(call.actor, *stored, p);
        absl::Status s =
            Require(call.actor, Action::kEditProject, Target{project.id},
                    absl::StrCat("project ", project.id.value()));
        if (s.ok()) {
          s = CheckRevision("project", project.id.value(), project.revision,
                            stored->revision);
        }
        if (s.ok()) s = CheckAndNormalize(call.tx, p);
        if (!s.ok()) return s;
        return WriteProject(call, std::move(p), *stored);
      });
}

absl::StatusOr<Project> Session::ArchiveProject(ProjectId id) {
  return RunCall(
      *this, Store::Mode::kWrite, [&](Call& call) -> absl::StatusOr<Project> {
        absl::StatusOr<Project> stored = call.tx.GetProject(id);
        if (StoreFailed(stored.status())) return stored.status();
        if (!stored.ok() || !CanRead(call.actor, id)) return NotFound(id);
        absl::Status s = Require(call.actor, Action::kEditProject, Target{id},
                                 absl::StrCat("project ", id.value()));
        if (s.ok() && stored->status == ProjectStatus::kArchived) {
          s = absl::FailedPreconditionError(
              absl::StrCat("project ", id.value(), " is already archived"));
        }
        if (!s.ok()) return s;
        Project p = *stored;
        p.status = ProjectStatus::kArchived;
        return WriteProject(call, std::move(p), *stored);
      });
}

}  // namespace worksection
