#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/core/call.h"
#include "src/core/validate.h"
#include "worksection/limits.h"
#include "worksection/session.h"
#include "worksection/workspace.h"

namespace worksection {
namespace {

absl::Status NotFound(MemberId id) {
  return absl::NotFoundError(absl::StrCat("member ", id.value(), " not found"));
}

// Members the actor may read when its scope is limited to shared projects:
// everyone in the actor's projects.
absl::StatusOr<absl::flat_hash_set<MemberId>> MembersSharingProjects(
    Call& call) {
  absl::flat_hash_set<MemberId> visible = {call.actor.id()};
  ProjectScan scan;
  scan.filter.include_archived = true;
  scan.ids_in.emplace();
  for (const auto& [project, role] : call.actor.projects) {
    scan.ids_in->push_back(project);
  }
  absl::StatusOr<std::vector<Project>> projects = call.tx.ListProjects(scan);
  if (!projects.ok()) return projects.status();
  for (const Project& p : *projects) {
    for (const ProjectMember& m : p.members) visible.insert(m.member);
  }
  return visible;
}

absl::StatusOr<bool> CanRead(Call& call, MemberId id) {
  if (Allowed(call.actor, Action::kReadMember, Target{})) return true;
  if (!(PolicyScopes(call.actor.role(), Action::kReadMember) &
        kScopeMemberProjects)) {
    return id == call.actor.id();
  }
  absl::StatusOr<absl::flat_hash_set<MemberId>> visible =
      MembersSharingProjects(call);
  if (!visible.ok()) return visible.status();
  return visible->contains(id);
}

// Owners may be managed only by owners.
absl::Status RequireManage(const Actor& actor, Role old_role, Role new_role,
                           absl::string_view what) {
  absl::Status s = Require(actor, Action::kManageMembers, Target{}, what);
  if (s.ok() && (old_role == Role::kOwner || new_role == Role::kOwner)) {
    s = Require(actor, Action::kManageOwners, Target{}, what);
  }
  return s;
}

// Name, e-mail (normalized in place), company and rates.
absl::Status CheckProfile(Member& m) {
  absl::Status s = CheckText("member.name", m.name, 1, limits::kMaxNameBytes);
  if (s.ok()) {
    s = CheckText("member.company", m.company, 0, limits::kMaxLabelBytes);
  }
  if (s.ok()) s = CheckOptionalMoney("member.cost_rate", m.cost_rate);
  if (s.ok()) s = CheckOptionalMoney("member.billing_rate", m.billing_rate);
  if (!s.ok()) return s;
  absl::StatusOr<std::string> email = NormalizeEmail("member.email", m.email);
  if (!email.ok()) return email.status();
  m.email = *std::move(email);
  return absl::OkStatus();
}

absl::Status CheckEmailFree(Transaction& tx, const Member& m) {
  absl::StatusOr<std::optional<Member>> other = tx.FindMemberByEmail(m.email);
  if (!other.ok()) return other.status();
  if (*other && (*other)->id != m.id) {
    return absl::AlreadyExistsError(
        absl::StrCat("member.email: ", Quote(m.email),
                     " is already used by member ", (*other)->id.value()));
  }
  return absl::OkStatus();
}

// FailedPrecondition when `id` is the only active owner.
absl::Status CheckNotLastOwner(Transaction& tx, MemberId id,
                               absl::string_view change) {
  MemberFilter owners;
  owners.role = Role::kOwner;
  absl::StatusOr<std::vector<Member>> active = tx.ListMembers(owners);
  if (!active.ok()) return active.status();
  if (active->size() == 1 && active->front().id == id) {
    return absl::FailedPreconditionError(absl::StrCat(
        "member ", id.value(), " is the last active owner and cannot ", change,
        "; make another member owner first"));
  }
  return absl::OkStatus();
}

// A workspace client holds only the client project role, and only clients
// hold it.
absl::Status CheckRoleFitsProjects(Transaction& tx, MemberId id, Role role) {
  absl::StatusOr<std::vector<Membership>> memberships = tx.ListMemberships(id);
  if (!memberships.ok()) return memberships.status();
  for (const Membership& m : *memberships) {
    if ((role == Role::kClient) != (m.role == ProjectRole::kClient)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "member.role: member ", id.value(), " is ", ProjectRoleName(m.role),
          " of project ", m.project.value(), ", which a workspace ",
          RoleName(role), " cannot be; change the project membership first"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Member> SetActive(const Session& session, MemberId id,
                                 bool active) {
  return RunCall(
      session, Store::Mode::kWrite, [&](Call& call) -> absl::StatusOr<Member> {
        absl::StatusOr<Member> m = call.tx.GetMember(id);
        if (StoreFailed(m.status())) return m.status();
        if (!m.ok()) return NotFound(id);
        absl::Status s =
            RequireManage(call.actor, m->role, m->role,
                          absl::StrCat(active ? "reactivate" : "deactivate",
                                       " member ", id.value()));
        if (s.ok() && m->active == active) {
          s = absl::FailedPreconditionError(
              absl::StrCat("member ", id.value(), " is already ",
                           active ? "active" : "deactivated"));
        }
        if (s.ok() && !active && m->role == Role::kOwner) {
          s = CheckNotLastOwner(call.tx, id, "be deactivated");
        }
        if (!s.ok()) return s;
        m->active = active;
        m->revision += 1;
        m->updated_at = call.now;
        if (s = call.tx.UpdateMember(*m); !s.ok()) return s;
        return *std::move(m);
      });
}

}  // namespace

absl::StatusOr<Member> Session::CreateMember(const Member& member) {
  return RunCall(*this, Store::Mode::kWrite,
                 [&](Call& call) -> absl::StatusOr<Member> {
                   Member m = member;
                   absl::Status s = RequireManage(
                       call.actor, member.role, member.role, "create a member");
                   if (s.ok()) s = CheckProfile(m);
                   if (s.ok()) s = CheckEmailFree(call.tx, m);
                   if (!s.ok()) return s;
                   m.id = MemberId();  // the store assigns it
                   m.revision = 1;
                   m.active = true;
                   m.cost_rate = m.cost_rate.value_or(0);
                   m.billing_rate = m.billing_rate.value_or(0);
                   m.created_at = call.now;
                   m.updated_at = call.now;
                   absl::StatusOr<MemberId> id = call.tx.InsertMember(m);
                   if (!id.ok()) return id.status();
                   m.id = *id;
                   return m;
                 });
}

absl::StatusOr<Member> Session::GetMember(MemberId id) {
  return RunCall(*this, Store::Mode::kRead,
                 [&](Call& call) -> absl::StatusOr<Member> {
                   absl::StatusOr<Member> m = call.tx.GetMember(id);
                   if (StoreFailed(m.status())) return m.status();
                   if (!m.ok()) return NotFound(id);
                   absl::StatusOr<bool> visible = CanRead(call, id);
                   if (!visible.ok()) return visible.status();
                   if (!*visible) return NotFound(id);
                   RedactMoney(call.actor, *m);
                   return m;
                 });
}

absl::StatusOr<std::vector<Member>> Session::ListMembers(
    const MemberFilter& filter) {
  return RunCall(*this, Store::Mode::kRead,
                 [&](Call& call) -> absl::StatusOr<std::vector<Member>> {
                   absl::StatusOr<std::vector<Member>> members =
                       call.tx.ListMembers(filter);
                   if (!members.ok()) return members.status();
                   if (!Allowed(call.actor, Action::kReadMember, Target{})) {
                     absl::flat_hash_set<MemberId> visible = {call.actor.id()};
                     if (PolicyScopes(call.actor.role(), Action::kReadMember) &
                         kScopeMemberProjects) {
                       absl::StatusOr<absl::flat_hash_set<MemberId>> sharing =
                           MembersSharingProjects(call);
                       if (!sharing.ok()) return sharing.status();
                       visible = *std::move(sharing);
                     }
                     members->erase(
                         std::remove_if(members->begin(), members->end(),
                                        [&](const Member& m) {
                                          return !visible.contains(m.id);
                                        }),
                         members->end());
                   }
                   for (Member& m : *members) RedactMoney(call.actor, m);
                   return members;
                 });
}

absl::StatusOr<Member> Session::UpdateMember(const Member& member) {
  return RunCall(
      *this, Store::Mode::kWrite, [&](Call& call) -> absl::StatusOr<Member> {
        absl::StatusOr<Member> stored = call.tx.GetMember(member.id);
        if (StoreFailed(stored.status())) return stored.status();
        if (!stored.ok()) return NotFound(member.id);
        Member m = member;
        absl::Status s =
            RequireManage(call.actor, stored->role, member.role,
                          absl::StrCat("edit member ", member.id.value()));
        if (s.ok()) {
          s = CheckRevision("member", member.id.value(), member.revision,
                            stored->revision);
        }
        if (s.ok()) s = CheckProfile(m);
        if (s.ok()) s = CheckEmailFree(call.tx, m);
        if (s.ok() && stored->role == Role::kOwner && m.role != Role::kOwner &&
            stored->active) {
          s = CheckNotLastOwner(call.tx, m.id, "stop being owner");
        }
        if (s.ok() && m.role != stored->role) {
          s = CheckRoleFitsProjects(call.tx, m.id, m.role);
        }
        if (!s.ok()) return s;
        m.cost_rate = m.cost_rate.has_value() ? m.cost_rate : stored->cost_rate;
        m.billing_rate =
            m.billing_rate.has_value() ? m.billing_rate : stored->billing_rate;
        m.active = stored->active;
        m.created_at = stored->created_at;
        m.updated_at = call.now;
        m.revision = stored->revision + 1;
        if (s = call.tx.UpdateMember(m); !s.ok()) return s;
        return m;
      });
}

absl::StatusOr<Member> Session::DeactivateMember(MemberId id) {
  return SetActive(*this, id, false);
}

absl::StatusOr<Member> Session::ReactivateMember(MemberId id) {
  return SetActive(*this, id, true);
}

}  // namespace worksection
