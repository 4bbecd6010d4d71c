#include "src/core/event_feed.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "src/core/budget.h"
#include "src/core/event_codec.h"

namespace worksection {

absl::StatusOr<v1::Event> ParseStoredEvent(const StoredEvent& stored) {
  v1::Event event;
  if (!event.ParseFromString(stored.payload)) {
    return absl::DataLossError(absl::StrCat(
        "event ", stored.seq, " is corrupt: its payload (",
        stored.payload.size(), " bytes) is not a worksection.v1.Event"));
  }
  event.set_seq(stored.seq);
  return event;
}

bool EventFilter::CanSeeTaskItem(const v1::Event& event) const {
  const Target target{ProjectId(event.project_id())};
  return Allowed(viewer_, Action::kReadTask, target) &&
         (!event.hidden_from_clients() ||
          Allowed(viewer_, Action::kReadHidden, target));
}

absl::StatusOr<bool> EventFilter::CanReadTimeIn(ProjectId project) {
  auto it = time_readable_.find(project);
  if (it != time_readable_.end()) return it->second;
  absl::StatusOr<Project> p = tx_.GetProject(project);
  if (!p.ok()) return p.status();
  const bool readable = CanReadTime(viewer_, *p);
  time_readable_.emplace(project, readable);
  return readable;
}

absl::StatusOr<bool> EventFilter::CanReadMember(MemberId member) {
  if (member == viewer_.id() ||
      Allowed(viewer_, Action::kReadMember, Target{})) {
    return true;
  }
  if (!(PolicyScopes(viewer_.role(), Action::kReadMember) &
        kScopeMemberProjects)) {
    return false;
  }
  auto it = members_readable_.find(member);
  if (it != members_readable_.end()) return it->second;
  absl::StatusOr<std::vector<Membership>> theirs = tx_.ListMemberships(member);
  if (!theirs.ok()) return theirs.status();
  const bool readable =
      std::any_of(theirs->begin(), theirs->end(), [&](const Membership& m) {
        return viewer_.RoleIn(m.project).has_value();
      });
  members_readable_.emplace(member, readable);
  return readable;
}

absl::StatusOr<bool> EventFilter::AlertReachedFor(const v1::Event& event) {
  const ProjectId project(event.project_id());
  const HiddenTasks hidden = HiddenOf(viewer_, project);
  if (hidden == HiddenTasks::kCount) return true;
  BudgetAlert alert;
  alert.project = project;
  alert.task = TaskId(event.task_id());
  alert.kind =
      event.money() ? BudgetAlert::Kind::kMoney : BudgetAlert::Kind::kTime;
  for (const v1::FieldChange& c : event.changes()) {
    if (c.field() == "percent") {
      alert.percent = static_cast<int>(c.new_value().integer());
    }
  }
  // Judged as the event is read: an alert the viewer's spending had not
  // reached then is not delivered later (ListBudgetAlerts shows it once
  // reached).
  return alerts_.Reached(alert, hidden);
}

absl::StatusOr<bool> EventFilter::CanSee(const v1::Event& event) {
  const ProjectId project(event.project_id());
  switch (static_cast<EntityType>(event.entity_type())) {
    case EntityType::kWorkspace:
      return Allowed(viewer_, Action::kReadSettings, Target{});
    case EntityType::kMember:
      return CanReadMember(MemberId(event.entity_id()));
    case EntityType::kProject:
      return Allowed(viewer_, Action::kReadProject, Target{project});
    case EntityType::kTask:
    case EntityType::kComment:
      return CanSeeTaskItem(event);
    case EntityType::kTimeEntry:
      if (!CanSeeTaskItem(event)) return false;
      return CanReadTimeIn(project);
    case EntityType::kTimer:
      return MemberId(event.entity_id()) == viewer_.id() ||
             Allowed(viewer_, Action::kReadAllTimers, Target{});
    case EntityType::kCost:
      return event.task_id() != 0
                 ? CanSeeTaskItem(event)
                 : Allowed(viewer_, Action::kReadProject, Target{project});
    case EntityType::kLock:
      return !project.valid() ||
             Allowed(viewer_, Action::kReadProject, Target{project});
    case EntityType::kBudgetAlert:
      if (!Allowed(viewer_, Action::kReadProject, Target{project})) {
        return false;
      }
      if (event.task_id() != 0 && !CanSeeTaskItem(event)) return false;
      if (!event.money()) {
        absl::StatusOr<bool> time = CanReadTimeIn(project);
        if (!time.ok() || !*time) return time;
      }
      // Money alerts are then checked with the money rule in Admit.
      return AlertReachedFor(event);
  }
  return false;
}

bool EventFilter::ReduceToVisibilityChange(v1::Event& event) const {
  if (!event.revealed_to_clients() && !event.concealed_from_clients()) {
    return false;
  }
  if (!Allowed(viewer_, Action::kReadTask,
               Target{ProjectId(event.project_id())})) {
    return false;
  }
  auto* changes = event.mutable_changes();
  if (event.revealed_to_clients()) {
    // What the task was while hidden is not the viewer's to know.
    for (v1::FieldChange& c : *changes) c.clear_old_value();
  } else {
    changes->erase(std::remove_if(changes->begin(), changes->end(),
                                  [](const v1::FieldChange& c) {
                                    return c.field() != "hidden_from_clients";
                                  }),
                   changes->end());
  }
  return true;
}

absl::StatusOr<bool> EventFilter::Admit(v1::Event& event) {
  absl::StatusOr<bool> visible = CanSee(event);
  if (!visible.ok()) return visible;
  if (!*visible && !ReduceToVisibilityChange(event)) return false;
  // Member rates are a workspace matter, the rest a project's.
  const Target money_target = event.entity_type() == v1::ENTITY_TYPE_MEMBER
                                  ? Target{}
                                  : Target{ProjectId(event.project_id())};
  if (Allowed(viewer_, Action::kReadMoney, money_target)) return true;
  if (event.money()) return false;
  auto* changes = event.mutable_changes();
  const int before = changes->size();
  changes->erase(
      std::remove_if(changes->begin(), changes->end(),
                     [](const v1::FieldChange& c) { return c.money(); }),
      changes->end());
  return !(before > 0 && changes->empty() &&
           event.action() == v1::EVENT_ACTION_UPDATED);
}

absl::StatusOr<ChangesPage> ReadChanges(Transaction& tx, const Actor& viewer,
                                        int64_t after_seq, int limit) {
  // One more than asked, to tell whether more follow.
  absl::StatusOr<std::vector<StoredEvent>> stored =
      tx.ScanEvents(after_seq, limit + 1);
  if (!stored.ok()) return stored.status();
  ChangesPage page;
  page.last_seq = after_seq;
  page.has_more = static_cast<int>(stored->size()) > limit;
  if (page.has_more) stored->pop_back();
  EventFilter filter(tx, viewer);
  for (const StoredEvent& s : *stored) {
    page.last_seq = s.seq;
    absl::StatusOr<v1::Event> event = ParseStoredEvent(s);
    if (!event.ok()) return event.status();
    absl::StatusOr<bool> admitted = filter.Admit(*event);
    if (!admitted.ok()) return admitted.status();
    if (*admitted) page.events.push_back(FromProto(*event));
  }
  return page;
}

}  // namespace worksection
