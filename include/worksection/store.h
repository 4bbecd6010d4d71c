// The storage interface. A Store keeps entities and answers filtered queries;
// it knows nothing of permissions or business rules, which live in Session.
// Users open stores through Workspace::Open; implement Store only to add a
// new kind of storage, and run the conformance suite against it.
#ifndef WORKSECTION_STORE_H_
#define WORKSECTION_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "worksection/ids.h"
#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/query.h"
#include "worksection/rollup.h"
#include "worksection/time_tracking.h"

namespace worksection {

// When a commit reaches the disk (SQLite's PRAGMA synchronous in WAL mode).
enum class SyncMode {
  // Every commit syncs the WAL before it returns: durable on return.
  kFull,
  // The WAL is synced only at checkpoints: commits are several times
  // cheaper, and a power failure or OS crash may lose the last commits
  // (never corrupts the file; a process crash loses nothing).
  kNormal,
};

struct StoreOptions {
  bool read_only = false;  // never write, not even a schema or a journal mode
  // How long a write waits for another writer before Unavailable.
  absl::Duration busy_timeout = absl::Seconds(5);
  // Ignored by stores without a disk ("memory:"); PostgreSQL's kNormal
  // turns the sessions' synchronous_commit off. The URI
  // "sqlite:PATH?synchronous=normal" (or "=full") overrides it.
  SyncMode synchronous = SyncMode::kFull;
};

// A project a member belongs to, seen from the member.
struct Membership {
  ProjectId project;
  ProjectRole role = ProjectRole::kMember;
};

// The position after which a page of tasks starts: the sort key and id of the
// last task returned.
struct TaskSortPosition {
  int64_t key = 0;
  TaskId id;
};

// The sort key of a task under an order; stores sort by (key, id). Under
// kDeadline it is days since 1970-01-01 times kDeadlineSlotsPerDay plus the
// minute of the day, or plus kDayOnlyDeadlineSlot for a day-only deadline,
// which so sorts after every timed deadline of its day.
int64_t TaskSortKey(const Task& task, TaskOrder order);
// TaskSortKey(task, kDeadline) of a task due at `deadline`.
int64_t DeadlineKey(const Deadline& deadline);
inline constexpr int64_t kDeadlineSlotsPerDay = 1441;
inline constexpr int64_t kDayOnlyDeadlineSlot = 1440;

struct TaskScan {
  TaskFilter filter;  // its order is used, its limit and page_token are not
  // Only tasks of these projects; unset means every project.
  std::optional<std::vector<ProjectId>> projects_in;
  bool include_hidden = true;  // false drops hidden_from_clients tasks
  std::optional<TaskSortPosition> after;  // start strictly after this
  int limit = limits::kDefaultPageSize;   // at most this many, > 0
};

// True when `task` passes `scan`'s conditions (ignoring after/limit). The
// reference semantics for every store.
bool TaskMatches(const Task& task, const TaskScan& scan);

// What TallyTasks sums the tasks by.
enum class TaskTallyKey {
  kProject,   // the task's project
  kAssignee,  // the task's assignee; key 0 for the unassigned
};

struct TaskTallyScan {
  TaskScan scan;  // the tasks counted; its order, after and limit are unused
  TaskTallyKey by = TaskTallyKey::kProject;
  // An open task whose TaskSortKey(task, kDeadline) is below this is late.
  int64_t late_before_key = 0;
};

// The sums over one project's (or assignee's) tasks that a TaskTallyScan
// matches.
struct TaskTally {
  int64_t key = 0;  // the project's or the assignee's id
  int64_t open = 0;
  int64_t done = 0;
  int64_t late = 0;         // open with a deadline key below late_before_key
  absl::Duration estimate;  // of every task with one
  absl::Duration estimate_done;                   // of the done ones
  absl::Time last_update = absl::InfinitePast();  // the latest updated_at
  // The open task with a deadline that comes first in deadline order (the
  // least (deadline key, id)); none when no open task has a deadline.
  TaskId first_due;
  std::optional<Deadline> first_due_deadline;
};

// The position after which a page of time entries starts.
struct TimeEntryPosition {
  absl::CivilDay date;
  TimeEntryId id;
};

struct TimeEntryScan {
  TimeEntryFilter filter;  // its limit and page_token are not used
  // Only entries of these projects / tasks; unset means all.
  std::optional<std::vector<ProjectId>> projects_in;
  std::optional<std::vector<TaskId>> tasks_in;
  // False drops entries on tasks hidden from clients.
  bool include_hidden_tasks = true;
  std::optional<TimeEntryPosition> after;  // start strictly after this
  int limit = limits::kDefaultPageSize;    // at most this many, > 0
};

// True when `entry` passes `scan`'s conditions (ignoring after/limit);
// `task_tags` and `task_hidden` are the tags and the hidden_from_clients
// flag of the entry's task. The reference semantics for
// every store.
bool TimeEntryMatches(const TimeEntry& entry, const TimeEntryScan& scan,
                      const std::vector<std::string>& task_tags,
                      bool task_hidden);

// One change-feed event as a store keeps it. The store never looks inside
// `payload` (a serialized worksection.v1.Event, see events.h); the other
// fields are copies of the event's own, kept beside it for filtering.
struct StoredEvent {
  int64_t seq = 0;      // assigned by Transaction::AppendEvent
  int entity_type = 0;  // a worksection.v1.EntityType value
  int64_t entity_id = 0;
  ProjectId project;  // none: a workspace-level event
  bool hidden_from_clients = false;
  std::string payload;
};

struct CostScan {
  CostFilter filter;
  std::optional<std::vector<ProjectId>> projects_in;  // unset means all
};

struct ProjectScan {
  ProjectFilter filter;
  std::optional<std::vector<ProjectId>> ids_in;  // unset means all
};

// One unit of work. Reads see the transaction's own writes. Destroying a
// transaction that was not committed rolls it back. Not thread-safe: use a
// transaction from one thread, and destroy it on the thread that began it.
//
// Errors: NotFound for a missing id in Get*/Update*; Unavailable when the
// store is busy past its timeout; DataLoss for a corrupt store; Internal for
// anything else the backend reports.
class Transaction {
 public:
  virtual ~Transaction() = default;

  // Makes the writes durable. After Commit (whatever its outcome) the
  // transaction may only be destroyed.
  virtual absl::Status Commit() = 0;

  // Empty when the store holds no workspace yet.
  virtual absl::StatusOr<std::optional<WorkspaceSettings>> GetSettings() = 0;
  virtual absl::Status PutSettings(const WorkspaceSettings& settings) = 0;

  // Inserts store the entity as given (revision and timestamps included)
  // and return its id: a fresh one when the entity's id is none, else the
  // given id (a snapshot restore), AlreadyExists when it is taken. Fresh ids
  // increase, stay above every id stored and are never reused, even after
  // a rollback. Applies to every Insert* of an entity with an id.
  virtual absl::StatusOr<Member> GetMember(MemberId id) = 0;
  virtual absl::StatusOr<std::optional<Member>> FindMemberByEmail(
      absl::string_view email) = 0;
  virtual absl::StatusOr<std::vector<Member>> ListMembers(
      const MemberFilter& filter) = 0;  // by id
  virtual absl::StatusOr<MemberId> InsertMember(const Member& member) = 0;
  virtual absl::Status UpdateMember(const Member& member) = 0;

  // Projects, with their members and tags.
  virtual absl::StatusOr<Project> GetProject(ProjectId id) = 0;
  virtual absl::StatusOr<std::vector<Project>> ListProjects(
      const ProjectScan& scan) = 0;  // by id
  virtual absl::StatusOr<std::vector<Membership>> ListMemberships(
      MemberId member) = 0;  // by project id
  virtual absl::StatusOr<ProjectId> InsertProject(const Project& project) = 0;
  virtual absl::Status UpdateProject(const Project& project) = 0;

  // Tasks, with their tags, checklist and subscribers.
  virtual absl::StatusOr<Task> GetTask(TaskId id) = 0;
  // Ordered by (TaskSortKey(task, scan.filter.order), id).
  virtual absl::StatusOr<std::vector<Task>> ScanTasks(const TaskScan& scan) = 0;
  virtual absl::StatusOr<std::vector<TaskId>> ListSubtaskIds(
      TaskId parent) = 0;  // direct children, by id
  virtual absl::StatusOr<TaskId> InsertTask(const Task& task) = 0;
  virtual absl::Status UpdateTask(const Task& task) = 0;
  // Sums over the tasks `tally.scan` matches, one TaskTally for each key
  // with at least one, in key order: what project health and workload
  // count, without reading every task. The default reads the tasks with
  // ScanTasks; the SQL stores sum them in one query.
  virtual absl::StatusOr<std::vector<TaskTally>> TallyTasks(
      const TaskTallyScan& tally);

  // Comments of tasks.
  virtual absl::StatusOr<Comment> GetComment(CommentId id) = 0;
  virtual absl::StatusOr<std::vector<Comment>> ListComments(
      TaskId task, bool include_hidden) = 0;  // by id
  virtual absl::StatusOr<CommentId> InsertComment(const Comment& comment) = 0;
  virtual absl::Status UpdateComment(const Comment& comment) = 0;

  // Ordered by (date, id). Delete: NotFound for a missing id.
  virtual absl::StatusOr<TimeEntry> GetTimeEntry(TimeEntryId id) = 0;
  virtual absl::StatusOr<std::vector<TimeEntry>> ScanTimeEntries(
      const TimeEntryScan& scan) = 0;
  virtual absl::StatusOr<TimeEntryId> InsertTimeEntry(
      const TimeEntry& entry) = 0;
  // InsertTimeEntry of each entry in order, returning their ids in that
  // order; stops at the first failure, after which the transaction should
  // be dropped. The default does exactly that; the SQL stores write the
  // entries many rows a statement when their ids are all fresh or all
  // given (on PostgreSQL each statement is a round trip).
  virtual absl::StatusOr<std::vector<TimeEntryId>> InsertTimeEntries(
      const std::vector<TimeEntry>& entries);
  virtual absl::Status UpdateTimeEntry(const TimeEntry& entry) = 0;
  virtual absl::Status DeleteTimeEntry(TimeEntryId id) = 0;

  // At most one timer per member. PutTimer inserts or replaces; DeleteTimer
  // is NotFound when the member has none.
  virtual absl::StatusOr<std::optional<Timer>> GetTimer(MemberId member) = 0;
  virtual absl::StatusOr<std::vector<Timer>> ListTimers() = 0;  // by member
  virtual absl::Status PutTimer(const Timer& timer) = 0;
  virtual absl::Status DeleteTimer(MemberId member) = 0;

  // ListCosts orders by (date, id).
  virtual absl::StatusOr<Cost> GetCost(CostId id) = 0;
  virtual absl::StatusOr<std::vector<Cost>> ListCosts(const CostScan& scan) = 0;
  virtual absl::StatusOr<CostId> InsertCost(const Cost& cost) = 0;
  virtual absl::Status UpdateCost(const Cost& cost) = 0;
  virtual absl::Status DeleteCost(CostId id) = 0;

  // Locked periods. DeleteLock: NotFound for a missing id.
  virtual absl::StatusOr<std::vector<PeriodLock>> ListLocks() = 0;  // by id
  virtual absl::StatusOr<LockId> InsertLock(const PeriodLock& lock) = 0;
  virtual absl::Status DeleteLock(LockId id) = 0;

  // Adds `delta` to the key's totals (creating the row), and so to the
  // monthly sum its key falls in; a row whose totals all reach zero is
  // removed. ScanRollups orders by (project, task, member, day), a kMonth
  // scan by (project, member, month); InvalidArgument for a kMonth scan
  // with `tasks` set.
  virtual absl::Status AddToRollup(const RollupKey& key,
                                   const RollupTotals& delta) = 0;
  virtual absl::StatusOr<std::vector<RollupRow>> ScanRollups(
      const RollupScan& scan) = 0;

  // A project's alerts, its tasks' included, by (task, kind, percent).
  virtual absl::StatusOr<std::vector<BudgetAlert>> ListBudgetAlerts(
      ProjectId project) = 0;
  // AlreadyExists when the same (project, task, kind, percent) is stored.
  virtual absl::Status InsertBudgetAlert(const BudgetAlert& alert) = 0;

  // The change feed, an append-only log. AppendEvent stores `event` under
  // the next sequence number (the largest stored one + 1, from 1; the
  // event's own seq is ignored) and returns that number. Writers are
  // serialized, so numbers follow commit order and no reader ever sees N+1
  // without N; a rolled-back transaction's events vanish with it and their
  // numbers are handed out again. ScanEvents returns the events with
  // seq > after_seq, by seq, at most `limit` (> 0) of them.
  virtual absl::StatusOr<int64_t> AppendEvent(const StoredEvent& event) = 0;
  virtual absl::StatusOr<std::vector<StoredEvent>> ScanEvents(int64_t after_seq,
                                                              int limit) = 0;
};

// A storage backend. Thread-safe: any thread may begin transactions; write
// transactions are serialized, and a read transaction sees a consistent
// snapshot.
class Store {
 public:
  enum class Mode { kRead, kWrite };

  virtual ~Store() = default;

  // FailedPrecondition for kWrite on a read-only store; Unavailable when
  // another writer holds the store past the busy timeout.
  virtual absl::StatusOr<std::unique_ptr<Transaction>> Begin(Mode mode) = 0;
  virtual bool read_only() const = 0;
};

// Opens the store a URI names: "memory:" (a fresh, private in-memory store),
// "sqlite:PATH" or a plain PATH (a SQLite file, created if missing unless
// read-only), or a PostgreSQL workspace: "postgresql://..." (or
// "postgres://...", a libpq URI) or "postgresql:KEY=VALUE ..." (a libpq
// keyword string), where worksection's own parameter schema=NAME (a query
// parameter of the URI, or a keyword) names the schema that holds the
// workspace (default "worksection"; created with its tables if missing
// unless read-only) and the rest goes to libpq as it is.
// "sqlite:PATH?synchronous=normal|full" also sets options.synchronous.
// InvalidArgument for an unknown scheme or URI parameter, a malformed
// PostgreSQL string or a
// schema name other than 1-63 ASCII letters, digits and underscores;
// NotFound for a missing file or schema opened read-only; FailedPrecondition
// for a schema newer than this library; DataLoss for a file or PostgreSQL
// schema that is not a worksection store, or a truncated file (shorter than
// a page, or not a whole number of pages); Unavailable when the PostgreSQL
// server cannot be reached.
absl::StatusOr<std::unique_ptr<Store>> OpenStore(absl::string_view uri,
                                                 const StoreOptions& options);

}  // namespace worksection

#endif  // WORKSECTION_STORE_H_
