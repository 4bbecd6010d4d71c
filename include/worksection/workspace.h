// Opening a workspace, and acting in it as a member.
#ifndef WORKSECTION_WORKSPACE_H_
#define WORKSECTION_WORKSPACE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/events.h"
#include "worksection/ids.h"
#include "worksection/model.h"
#include "worksection/session.h"
#include "worksection/store.h"

namespace worksection {

class EventHub;

// What a new workspace starts with: its settings and its first owner.
struct WorkspaceSetup {
  std::string name;
  std::string time_zone = "UTC";
  std::string currency = "USD";
  absl::Weekday week_start = absl::Weekday::monday;
  std::string owner_name;
  std::string owner_email;
};

struct OpenOptions {
  bool read_only = false;  // refuse every write; never touch the file
  // How long a write waits for another writer before Unavailable.
  absl::Duration busy_timeout = absl::Seconds(5);
  // When set and the store holds no workspace yet, creates one with this
  // setup. Ignored for a store that already holds a workspace.
  std::optional<WorkspaceSetup> create;
  // The source of "now" (timestamps, today). Defaults to absl::Now; tests
  // pass a fixed clock. Must be thread-safe.
  std::function<absl::Time()> clock;
};

// An open workspace. Thread-safe: share one Workspace between threads and
// give each thread its own Session. The Workspace must outlive its Sessions
// and Subscriptions.
class Workspace {
 public:
  // Opens the store `uri` names ("memory:", "sqlite:PATH", a PATH or
  // "postgresql://...?schema=NAME"; see OpenStore for the URIs and their
  // errors). InvalidArgument for an invalid `create`.
  static absl::StatusOr<std::unique_ptr<Workspace>> Open(
      absl::string_view uri, OpenOptions options = {});

  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;
  ~Workspace();

  // Creates the workspace and its owner in an empty store; returns the
  // owner. FailedPrecondition if the store already holds a workspace or is
  // read-only; InvalidArgument for a bad setup.
  absl::StatusOr<Member> Bootstrap(const WorkspaceSetup& setup);

  // True once the store holds a workspace.
  absl::StatusOr<bool> Initialized() const;

  // The first active owner, by id: who acts when a tool is told nobody.
  // FailedPrecondition on an empty store.
  absl::StatusOr<Member> FirstOwner() const;

  // A session acting as `actor`. Never fails: every call of the session
  // checks the actor (NotFound if missing, PermissionDenied if deactivated).
  Session As(MemberId actor);

  // Calls `callback` after each commit made through this Workspace with
  // the events of that commit that `member` may see (the rules of
  // Session::ChangesSince, checked against the member's roles at that
  // moment; nothing while the member is deactivated). The callback runs
  // on the committing thread, after the commit and outside any
  // transaction: it may read and write through a Session (its own writes
  // are delivered re-entrantly) and may cancel its own subscription; it
  // must not throw, and a slow callback delays the committing call. Events
  // committed by another process or another Workspace on the same store
  // reach Session::ChangesSince but never these callbacks: use
  // ChangesSince to catch up. NotFound when `member` does not exist.
  // Thread-safe.
  absl::StatusOr<Subscription> Subscribe(MemberId member,
                                         EventCallback callback);

  // True when opened read-only: every write fails.
  bool read_only() const { return store_->read_only(); }
  // Now, from OpenOptions::clock.
  absl::Time Now() const { return clock_(); }
  // The store underneath, for tools that read it directly (rollups,
  // conformance tests). Owned by the Workspace; bypasses every permission.
  Store& store() { return *store_; }

 private:
  friend struct SessionAccess;
  Workspace(std::unique_ptr<Store> store, std::function<absl::Time()> clock);

  std::unique_ptr<Store> store_;
  std::function<absl::Time()> clock_;
  std::unique_ptr<EventHub> hub_;  // the subscribers
};

}  // namespace worksection

#endif  // WORKSECTION_WORKSPACE_H_
