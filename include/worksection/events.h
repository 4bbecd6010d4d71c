// The change feed: every committed change to a workspace as an Event, read
// in order with Session::ChangesSince or pushed to Workspace::Subscribe.
//
// An event is written in the same transaction as the change it describes:
// a failed call writes none, and a committed one always has its events.
// Events are numbered (seq) from 1 in commit order with no gaps, so a
// consumer that stores the last seq it handled and resumes after it never
// misses nor sees twice a change. Each reader receives only what it may
// see: a client never receives an event about a hidden task or comment, nor
// a money field (rates, costs, amounts, money budgets, margins).
//
// The wire shape of an event is proto/worksection/v1/event.proto
// (EventToProto, EventToJson).
#ifndef WORKSECTION_EVENTS_H_
#define WORKSECTION_EVENTS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/ids.h"

namespace worksection {

// What an event is about; the values are those of worksection.v1.EntityType.
enum class EntityType {
  kWorkspace = 1,  // the settings; entity_id 0
  kMember = 2,
  kProject = 3,
  kTask = 4,
  kComment = 5,
  kTimeEntry = 6,
  kTimer = 7,  // entity_id: the member whose timer it is
  kCost = 8,
  kLock = 9,
  kBudgetAlert = 10,  // entity_id 0; project and task say whose budget
};

// What happened; the values are those of worksection.v1.EventAction.
enum class EventAction {
  kCreated = 1,
  kUpdated = 2,
  kDeleted = 3,
  kCompleted = 4,    // a task: open -> done
  kReopened = 5,     // a task: done -> open
  kMoved = 6,        // a task changed project
  kArchived = 7,     // a project's status became archived
  kDeactivated = 8,  // a member
  kReactivated = 9,  // a member
  kStarted = 10,     // a timer
  kStopped = 11,     // a timer ended (stopped into an entry, or cancelled)
  kBudgetThresholdCrossed = 12,
  // Many entities created by one call (the time entries of one task in a
  // Session::LogTimeBatch): `entity_ids` lists them, `entity_id` is 0 and
  // `changes` is empty; read their values with Session::GetTimeEntry or
  // ListTimeEntries. A bulk import so stores each entry once.
  kBatchCreated = 13,
};

// "task", "time_entry", ... and "created", "batch_created", ...
absl::string_view EntityTypeName(EntityType type);
absl::string_view EventActionName(EventAction action);

// One field's value; `kind` says which member holds it.
struct FieldValue {
  enum class Kind {
    kText,
    kInteger,  // also ids, priorities, percents
    kFlag,
    kDate,
    kInstant,
    kMoney,  // minor units, in `integer`
    kDuration,
    kList,  // tags, checklist items ("[x] text"), ids
  };
  Kind kind = Kind::kText;
  std::string text;
  int64_t integer = 0;
  bool flag = false;
  absl::CivilDay date;
  absl::Time instant;
  absl::Duration duration;
  std::vector<std::string> list;
};

// A changed field: its model name ("title", "billing_rate", ...), and its
// values before and after (empty: none or empty, and always for a created
// entity's old value and a deleted entity's new one).
struct FieldChange {
  std::string field;
  std::optional<FieldValue> old_value;
  std::optional<FieldValue> new_value;
  bool money = false;  // a rate, cost, amount or money budget
};

// One committed change. Value type; thread-compatible.
struct Event {
  int64_t seq = 0;  // from 1, strictly increasing in commit order
  absl::Time at;    // when the change was made
  MemberId actor;   // who made it; none for the workspace's setup
  EntityType entity_type = EntityType::kWorkspace;
  int64_t entity_id = 0;
  ProjectId project;  // the entity's project (for a moved task: the new one)
  TaskId task;        // the task a comment, entry, timer or alert is about
  EventAction action = EventAction::kCreated;
  // The entity (or its task) was hidden from clients before or after.
  bool hidden_from_clients = false;
  // The whole event is about money (a cost line, a money budget alert).
  bool money = false;
  // The fields that changed (every non-empty field when created or
  // deleted), in the model's field order.
  std::vector<FieldChange> changes;
  // For kBatchCreated: the ids of the entities created, ascending.
  std::vector<int64_t> entity_ids;
  // A task was unhidden (revealed) or hidden (concealed) from clients by
  // this change. A client receives such an event, reduced to what it may
  // know: a revealed task's changes with their new values only (fetch the
  // task for the rest); a concealed task's hidden_from_clients change only.
  bool revealed_to_clients = false;
  bool concealed_from_clients = false;
};

// The event as a serialized worksection.v1.Event, and as its JSON (the
// protobuf JSON mapping with the proto's field names, on one line).
std::string EventToProto(const Event& event);
std::string EventToJson(const Event& event);
// InvalidArgument when `bytes` is not a serialized worksection.v1.Event.
absl::StatusOr<Event> EventFromProto(absl::string_view bytes);

// A page of the change feed (Session::ChangesSince).
struct ChangesPage {
  // The events after the requested seq that the actor may see, by seq.
  std::vector<Event> events;
  // Resume after this: the last seq examined, which may be past the last
  // event returned when later ones were not for this actor. Equal to the
  // requested seq when nothing new was committed.
  int64_t last_seq = 0;
  bool has_more = false;  // more events were committed after last_seq
};

// Called with the events of one commit that the subscriber may see, in
// order, never with an empty list.
using EventCallback = std::function<void(const std::vector<Event>& events)>;

// A live subscription (Workspace::Subscribe). Destroying it, or Cancel(),
// unsubscribes: it then waits for a call of the callback running on another
// thread to return. It may be cancelled from inside its own callback.
// Move-only; thread-compatible (cancel it from one thread); the Workspace
// must outlive it.
class Subscription {
 public:
  Subscription() = default;  // subscribed to nothing
  Subscription(Subscription&& other) noexcept;
  Subscription& operator=(Subscription&& other) noexcept;
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;
  ~Subscription();

  // Unsubscribes; no call of the callback starts after it returns.
  void Cancel();
  bool active() const { return entry_ != nullptr; }

  // The library's own; opaque to users.
  struct Entry;
  explicit Subscription(std::shared_ptr<Entry> entry);

 private:
  std::shared_ptr<Entry> entry_;
};

}  // namespace worksection

#endif  // WORKSECTION_EVENTS_H_
