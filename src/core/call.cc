#include "src/core/call.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace worksection {

std::optional<ProjectRole> Actor::RoleIn(ProjectId project) const {
  auto it = projects.find(project);
  if (it == projects.end()) return std::nullopt;
  return it->second;
}

Target TargetOf(const Task& task) {
  return Target{task.project, task.author, task.assignee};
}

Target TargetOf(const Comment& comment, const Task& task) {
  return Target{task.project, comment.author, MemberId()};
}

bool Allowed(const Actor& actor, Action action, const Target& target) {
  const ScopeSet scopes = PolicyScopes(actor.role(), action);
  if (scopes & kScopeWorkspace) return true;
  if (!target.project.valid()) return false;
  const std::optional<ProjectRole> role = actor.RoleIn(target.project);
  if (!role) return false;
  if (scopes & kScopeMemberProjects) return true;
  if ((scopes & kScopeManagedProjects) && *role == ProjectRole::kManager) {
    return true;
  }
  const bool wrote = target.author == actor.id();
  if ((scopes & kScopeOwnWritings) && wrote) return true;
  if ((scopes & kScopeOwnWork) && (wrote || target.assignee == actor.id())) {
    return true;
  }
  return false;
}

absl::Status Require(const Actor& actor, Action action, const Target& target,
                     absl::string_view what) {
  if (Allowed(actor, action, target)) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat("member ", actor.id().value(), " (", RoleName(actor.role()),
                   ") may not ", ActionName(action), ": ", what));
}

bool ReadsHiddenInAllProjects(const Actor& actor) {
  if (Allowed(actor, Action::kReadHidden, Target{})) return true;
  for (const auto& [id, role] : actor.projects) {
    if (!Allowed(actor, Action::kReadHidden, Target{id})) return false;
  }
  return true;
}

bool CanSee(const Actor& actor, const Task& task) {
  const Target target = TargetOf(task);
  return Allowed(actor, Action::kReadTask, target) &&
         (!task.hidden_from_clients ||
          Allowed(actor, Action::kReadHidden, target));
}

void RedactMoney(const Actor& actor, Member& member) {
  // Rates are a workspace matter: only a workspace-wide scope reads them.
  if (!Allowed(actor, Action::kReadMoney, Target{})) {
    member.cost_rate.reset();
    member.billing_rate.reset();
  }
}

void RedactMoney(const Actor& actor, Project& project) {
  if (!Allowed(actor, Action::kReadMoney, Target{project.id})) {
    project.money_budget.reset();
    project.billing_rate.reset();
    for (ProjectMember& m : project.members) m.billing_rate.reset();
  }
}

void RedactMoney(const Actor& actor, Task& task) {
  if (!Allowed(actor, Action::kReadMoney, Target{task.project})) {
    task.money_budget.reset();
  }
}

void RedactMoney(const Actor& actor, TimeEntry& entry) {
  if (!Allowed(actor, Action::kReadMoney, Target{entry.project})) {
    entry.billing_rate.reset();
    entry.cost_rate.reset();
    entry.billed_amount.reset();
    entry.labour_cost.reset();
  }
}

bool CanReadTime(const Actor& actor, const Project& project) {
  return Allowed(actor, Action::kReadTime, Target{project.id}) &&
         (actor.role() != Role::kClient || project.clients_see_hours);
}

absl::StatusOr<Actor> LoadMemberRoles(Transaction& tx, MemberId id) {
  absl::StatusOr<Member> member = tx.GetMember(id);
  if (!member.ok()) return member.status();
  absl::StatusOr<std::vector<Membership>> memberships = tx.ListMemberships(id);
  if (!memberships.ok()) return memberships.status();
  Actor actor{*std::move(member), {}};
  for (const Membership& m : *memberships) actor.projects[m.project] = m.role;
  return actor;
}

absl::StatusOr<Transaction*> JoinTransaction(SessionTransaction& joined) {
  Transaction* tx = SessionAccess::tx(joined);
  if (tx == nullptr) {
    return absl::FailedPreconditionError(
        "the transaction was already committed or rolled back");
  }
  const absl::Status& failure = SessionAccess::failure(joined);
  if (!failure.ok()) {
    return absl::AbortedError(absl::StrCat(
        "an earlier call failed the transaction: ", failure.message()));
  }
  return tx;
}

absl::StatusOr<WorkspaceSettings> LoadSettings(Transaction& tx) {
  absl::StatusOr<std::optional<WorkspaceSettings>> settings = tx.GetSettings();
  if (!settings.ok()) return settings.status();
  if (!*settings) {
    return absl::FailedPreconditionError(
        "the workspace is not set up yet (call Workspace::Bootstrap)");
  }
  return **std::move(settings);
}

absl::StatusOr<Actor> LoadActor(Transaction& tx, MemberId id) {
  absl::StatusOr<Actor> actor = LoadMemberRoles(tx, id);
  if (!actor.ok()) {
    if (absl::IsNotFound(actor.status())) {
      return absl::NotFoundError(
          absl::StrCat("acting member ", id.value(), " not found"));
    }
    return actor.status();
  }
  if (!actor->member.active) {
    return absl::PermissionDeniedError(
        absl::StrCat("member ", id.value(), " is deactivated"));
  }
  return actor;
}

absl::Status CheckCanSee(Transaction& tx, MemberId id, const Task& task,
                         absl::string_view field) {
  absl::StatusOr<Actor> member = LoadMemberRoles(tx, id);
  if (!member.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": member ", id.value(), " not found"));
  }
  if (!member->member.active) {
    return absl::FailedPreconditionError(
        absl::StrCat(field, ": member ", id.value(), " is deactivated"));
  }
  if (!CanSee(*member, task)) {
    return absl::FailedPreconditionError(
        absl::StrCat(field, ": member ", id.value(), " cannot see ",
                     task.hidden_from_clients ? "a hidden task" : "tasks",
                     " in project ", task.project.value()));
  }
  return absl::OkStatus();
}

absl::Status CheckProjectOrNone(Transaction& tx, ProjectId project,
                                absl::string_view field) {
  if (project.value() == 0) return absl::OkStatus();
  if (project.valid()) {
    absl::StatusOr<Project> found = tx.GetProject(project);
    if (found.ok()) return absl::OkStatus();
    if (StoreFailed(found.status())) return found.status();
  }
  return absl::NotFoundError(
      absl::StrCat(field, ": project ", project.value(), " not found"));
}

absl::Status CheckRevision(absl::string_view entity, int64_t id, Revision named,
                           Revision stored) {
  if (named != 0 && named != stored) {
    return absl::AbortedError(absl::StrCat(
        entity, " ", id, " was changed: revision ", named, " was read, ",
        stored, " is stored; read it again and retry"));
  }
  return absl::OkStatus();
}

absl::CivilDay TodayIn(const WorkspaceSettings& settings, absl::Time now) {
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(settings.time_zone, &tz)) tz = absl::UTCTimeZone();
  return absl::ToCivilDay(now, tz);
}

}  // namespace worksection
