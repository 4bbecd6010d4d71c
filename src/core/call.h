// What every Session call shares: one transaction, the acting member with
// their project roles, and the policy checks against a target.
#ifndef WORKSECTION_SRC_CORE_CALL_H_
#define WORKSECTION_SRC_CORE_CALL_H_

#include <memory>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "src/core/event_hub.h"
#include "src/core/event_recorder.h"
#include "worksection/model.h"
#include "worksection/policy.h"
#include "worksection/store.h"
#include "worksection/time_tracking.h"
#include "worksection/workspace.h"

namespace worksection {

// The acting member, as loaded at the start of a call.
struct Actor {
  Member member;
  absl::flat_hash_map<ProjectId, ProjectRole> projects;

  MemberId id() const { return member.id; }
  Role role() const { return member.role; }
  std::optional<ProjectRole> RoleIn(ProjectId project) const;
};

// What an action is aimed at, for the scope checks. An invalid project means
// a workspace-level target.
struct Target {
  ProjectId project;
  MemberId author;    // of the task or comment, for own-writings scopes
  MemberId assignee;  // of the task, for own-work scopes
};

Target TargetOf(const Task& task);
Target TargetOf(const Comment& comment, const Task& task);

bool Allowed(const Actor& actor, Action action, const Target& target);
// PermissionDenied naming the actor, the action and `what` when not allowed.
absl::Status Require(const Actor& actor, Action action, const Target& target,
                     absl::string_view what);

// May `actor` read items hidden from clients in every project it reads?
// What a list call asks its store for (the policy grants it per role, so it
// never differs between one actor's projects).
bool ReadsHiddenInAllProjects(const Actor& actor);

// May `actor` see `task` at all (read, and hidden if hidden)?
bool CanSee(const Actor& actor, const Task& task);

// Empties the money fields `actor` may not read.
void RedactMoney(const Actor& actor, Member& member);
void RedactMoney(const Actor& actor, Project& project);
void RedactMoney(const Actor& actor, Task& task);
void RedactMoney(const Actor& actor, TimeEntry& entry);

// May `actor` read the hours logged in `project`? Clients only where the
// project lets them.
bool CanReadTime(const Actor& actor, const Project& project);

// Loads `id` as an actor: NotFound if missing, PermissionDenied if
// deactivated.
absl::StatusOr<Actor> LoadActor(Transaction& tx, MemberId id);
// Loads `id` with its project roles whatever its state: NotFound if missing.
absl::StatusOr<Actor> LoadMemberRoles(Transaction& tx, MemberId id);

// InvalidArgument when member `id` does not exist, FailedPrecondition when
// it is deactivated or cannot see `task` (an assignee, a subscriber, the
// member whose time is logged). `field` names the input in the message.
absl::Status CheckCanSee(Transaction& tx, MemberId id, const Task& task,
                         absl::string_view field);

// One Session call: its transaction, its actor and the workspace settings.
struct Call {
  Transaction& tx;
  const Actor& actor;
  const WorkspaceSettings& settings;
  absl::Time now;
  // The writer of the change feed, which `tx` is; null in a read call.
  EventRecorder* events = nullptr;
};

// What core may see of a Session's internals.
struct SessionAccess {
  static Workspace& workspace(const Session& s) { return *s.workspace_; }
  static MemberId actor(const Session& s) { return s.actor_; }
  static SessionTransaction* joined(const Session& s) { return s.joined_; }
  static Transaction* tx(SessionTransaction& t) { return t.tx_.get(); }
  static absl::Status& failure(SessionTransaction& t) { return t.failure_; }
  static EventHub& hub(Workspace& w) { return *w.hub_; }
  // Notes the events a call inside `t` appended, published on its commit.
  static void AddEvents(SessionTransaction& t, const EventRange& range) {
    EventRange all{t.first_event_seq_, t.last_event_seq_};
    all.Add(range);
    t.first_event_seq_ = all.first;
    t.last_event_seq_ = all.last;
  }
};

// The workspace settings every call reads: FailedPrecondition before the
// workspace is set up.
absl::StatusOr<WorkspaceSettings> LoadSettings(Transaction& tx);

// The store transaction of `joined` for one more call: FailedPrecondition
// once it is committed or rolled back, Aborted once a call failed it.
absl::StatusOr<Transaction*> JoinTransaction(SessionTransaction& joined);

// Loads the settings and the actor, then runs `body(Call&)` in `tx` at
// `now`. `events` is `tx` itself in a write call, null in a read call.
template <typename Body>
auto RunInTransaction(Transaction& tx, EventRecorder* events, MemberId actor_id,
                      absl::Time now, Body& body)
    -> decltype(body(std::declval<Call&>())) {
  absl::StatusOr<WorkspaceSettings> settings = LoadSettings(tx);
  if (!settings.ok()) return settings.status();
  absl::StatusOr<Actor> actor = LoadActor(tx, actor_id);
  if (!actor.ok()) return actor.status();
  Call call{tx, *actor, *settings, now, events};
  return body(call);
}

// Runs `body(Call&)` for `session`: in one transaction of `mode`, committed
// when it succeeds; a failure rolls everything back. A session that joined
// a SessionTransaction runs it in that transaction instead, whose commit is
// the caller's, and a failure fails that whole transaction. `body` returns
// StatusOr<T>. Every write goes through an EventRecorder, so it appends its
// events in the same transaction; the subscribers hear of them after the
// commit, once the transaction is gone.
template <typename Body>
auto RunCall(const Session& session, Store::Mode mode, Body body)
    -> decltype(body(std::declval<Call&>())) {
  Workspace& workspace = SessionAccess::workspace(session);
  const MemberId actor = SessionAccess::actor(session);
  if (SessionTransaction* joined = SessionAccess::joined(session)) {
    absl::StatusOr<Transaction*> tx = JoinTransaction(*joined);
    if (!tx.ok()) return tx.status();
    const absl::Time now = workspace.Now();
    EventRecorder recorder(**tx, actor, now);
    auto result = RunInTransaction(recorder, &recorder, actor, now, body);
    if (!result.ok()) SessionAccess::failure(*joined) = result.status();
    SessionAccess::AddEvents(*joined, recorder.range());
    return result;
  }
  absl::StatusOr<std::unique_ptr<Transaction>> tx =
      workspace.store().Begin(mode);
  if (!tx.ok()) return tx.status();
  const absl::Time now = workspace.Now();
  if (mode == Store::Mode::kRead) {
    return RunInTransaction(**tx, nullptr, actor, now, body);
  }
  EventRecorder recorder(**tx, actor, now);
  auto result = RunInTransaction(recorder, &recorder, actor, now, body);
  if (!result.ok()) return result;
  if (absl::Status s = (*tx)->Commit(); !s.ok()) return s;
  tx->reset();
  SessionAccess::hub(workspace).Publish(workspace.store(), recorder.range());
  return result;
}

// True when a lookup failed for another reason than a missing entity: a
// corrupt (DataLoss) or busy (Unavailable) store. The caller returns that
// status, never its own NotFound, which would pass the failure off as a
// missing entity.
inline bool StoreFailed(const absl::Status& lookup) {
  return !lookup.ok() && !absl::IsNotFound(lookup);
}

// A project naming the scope of a call where none (id 0) means every
// project: any other id, negative ones included, must name a project
// (NotFound naming `field` and the id).
absl::Status CheckProjectOrNone(Transaction& tx, ProjectId project,
                                absl::string_view field);

// The revision check of every update: Aborted when `named` is set and is not
// the stored revision.
absl::Status CheckRevision(absl::string_view entity, int64_t id, Revision named,
                           Revision stored);

// Today in the workspace time zone.
absl::CivilDay TodayIn(const WorkspaceSettings& settings, absl::Time now);

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_CALL_H_
