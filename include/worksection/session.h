// Every operation on a workspace, performed as one member.
#ifndef WORKSECTION_SESSION_H_
#define WORKSECTION_SESSION_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "worksection/events.h"
#include "worksection/ids.h"
#include "worksection/limits.h"
#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/query.h"
#include "worksection/report.h"
#include "worksection/time_tracking.h"

namespace worksection {

class Workspace;
class SessionTransaction;
class Transaction;
struct SessionAccess;

// Acts as one member. Every call checks the policy table (PermissionDenied
// when not allowed), validates its input (InvalidArgument naming the field
// and value), runs in one transaction and changes nothing when it fails.
// Reads return only what the actor may see: a client never receives a
// hidden task or comment, nor any money field.
//
// Common errors of every call: NotFound for an unknown actor or id (and for
// an entity the actor may not see); PermissionDenied for a deactivated actor
// or a forbidden action; FailedPrecondition for a read-only workspace or a
// broken invariant; Aborted when an update names a stale revision;
// OutOfRange when a total of time or money it writes or sums would pass 64
// bits; Unavailable when the store stays busy; DataLoss when the store's
// file is damaged (never passed off as NotFound).
//
// Cheap to copy. Thread-compatible: use one Session per thread. The
// Workspace must outlive it.
class Session {
 public:
  MemberId actor() const { return actor_; }

  // Begins a transaction that every call through the returned object's
  // session() joins: they take effect together on Commit(), or not at all.
  // A call that fails inside it fails the whole transaction (later calls and
  // Commit() answer Aborted), so a failed call still changes nothing. It
  // holds the store's write lock until committed or destroyed: calls through
  // other sessions wait for it (Unavailable past the busy timeout).
  // FailedPrecondition when this session already belongs to a transaction.
  absl::StatusOr<std::unique_ptr<SessionTransaction>> BeginTransaction();

  // --- Workspace ---
  absl::StatusOr<WorkspaceSettings> GetSettings();
  // Owner and admin. Name, time zone, currency and week start.
  absl::StatusOr<WorkspaceSettings> UpdateSettings(
      const WorkspaceSettings& settings);
  // Today in the workspace time zone.
  absl::StatusOr<absl::CivilDay> Today();

  // --- Members ---
  // AlreadyExists for an e-mail already in use.
  absl::StatusOr<Member> CreateMember(const Member& member);
  absl::StatusOr<Member> GetMember(MemberId id);
  absl::StatusOr<std::vector<Member>> ListMembers(
      const MemberFilter& filter = {});
  // Writes name, email, role, company and rates (unset rates are kept).
  absl::StatusOr<Member> UpdateMember(const Member& member);
  // FailedPrecondition for the last active owner.
  absl::StatusOr<Member> DeactivateMember(MemberId id);
  absl::StatusOr<Member> ReactivateMember(MemberId id);

  // --- Projects ---
  absl::StatusOr<Project> CreateProject(const Project& project);
  absl::StatusOr<Project> GetProject(ProjectId id);
  absl::StatusOr<std::vector<Project>> ListProjects(
      const ProjectFilter& filter = {});
  // Writes every field but id, timestamps; unset money fields are kept when
  // the caller may not see them.
  absl::StatusOr<Project> UpdateProject(const Project& project);
  absl::StatusOr<Project> ArchiveProject(ProjectId id);

  // --- Tasks ---
  // The actor becomes the author. FailedPrecondition for an archived
  // project or a 4th level of subtasks.
  absl::StatusOr<Task> CreateTask(const Task& task);
  absl::StatusOr<Task> GetTask(TaskId id);
  absl::StatusOr<TaskPage> ListTasks(const TaskFilter& filter = {});
  // Writes every editable field, the parent among them (within the project;
  // FailedPrecondition for a cycle or a 4th level).
  absl::StatusOr<Task> UpdateTask(const Task& task);
  // FailedPrecondition when already done.
  absl::StatusOr<Task> CompleteTask(TaskId id,
                                    std::string completion_note = "");
  // Clears completed_at and the note. FailedPrecondition when open.
  absl::StatusOr<Task> ReopenTask(TaskId id);
  // Moves a task and all its subtasks into `project`, under `new_parent`
  // there (none: top level). FailedPrecondition when an assignee or
  // subscriber could not see the moved tasks there.
  absl::StatusOr<Task> MoveTask(TaskId id, ProjectId project,
                                TaskId new_parent = TaskId());

  // --- Comments ---
  absl::StatusOr<Comment> CreateComment(const Comment& comment);
  absl::StatusOr<Comment> GetComment(CommentId id);
  absl::StatusOr<std::vector<Comment>> ListComments(TaskId task);
  // Writes text and hidden_from_clients.
  absl::StatusOr<Comment> UpdateComment(const Comment& comment);

  // --- Time entries ---
  // Writes an entry with the rates in force now (see TimeEntry).
  // InvalidArgument for a duration outside 1 s..24 h or an end before the
  // start; FailedPrecondition when the date is locked.
  absl::StatusOr<TimeEntry> LogTime(const TimeLog& log);
  // Logs many entries in one transaction: all or none. Errors name the
  // failing log ("logs[17]: ..."). The import path: one durable commit. The
  // change feed gets one kBatchCreated event per task listing the new ids
  // (not a kCreated event with the values of each entry, as LogTime).
  absl::StatusOr<std::vector<TimeEntry>> LogTimeBatch(
      const std::vector<TimeLog>& logs);
  absl::StatusOr<TimeEntry> GetTimeEntry(TimeEntryId id);
  absl::StatusOr<TimeEntryPage> ListTimeEntries(
      const TimeEntryFilter& filter = {});
  // Writes task, date, start, duration, billable and note. The stored rates
  // are kept unless the entry moves to another project's task.
  absl::StatusOr<TimeEntry> UpdateTimeEntry(const TimeEntry& entry);
  absl::Status DeleteTimeEntry(TimeEntryId id, Revision revision = 0);
  // Owner and admin: re-prices the entries dated from..to (of one project,
  // or all when `project` is none) with the rates in force now. Returns how
  // many changed. FailedPrecondition when any of them is locked.
  absl::StatusOr<int64_t> RepriceTimeEntries(ProjectId project,
                                             absl::CivilDay from,
                                             absl::CivilDay to);

  // --- Timers ---
  // Starts the actor's timer on a task. FailedPrecondition when one runs,
  // unless `stop_running`, which first stops it into a time entry.
  absl::StatusOr<Timer> StartTimer(TaskId task, bool stop_running = false);
  // Stops the actor's timer into a time entry dated on the day it started.
  // FailedPrecondition when none runs, or when it ran past 24 h without
  // `cap_at_limit`, which caps it at the workspace's forgotten-timer limit.
  absl::StatusOr<TimeEntry> StopTimer(std::string note = "",
                                      bool cap_at_limit = false);
  // Discards the actor's timer. FailedPrecondition when none runs.
  absl::Status CancelTimer();
  // The running timer of the actor (member none) or, for owner and admin,
  // of any member; empty when none runs.
  absl::StatusOr<std::optional<Timer>> GetTimer(MemberId member = MemberId());
  // Owner and admin: every running timer, by member.
  absl::StatusOr<std::vector<Timer>> ListTimers();
  // Timers running past the workspace limit: all for owner and admin, the
  // actor's own for anyone else.
  absl::StatusOr<std::vector<Timer>> ListForgottenTimers();

  // --- Costs ---
  absl::StatusOr<Cost> CreateCost(const Cost& cost);
  absl::StatusOr<Cost> GetCost(CostId id);
  absl::StatusOr<std::vector<Cost>> ListCosts(const CostFilter& filter = {});
  // Writes kind, amount, date and note.
  absl::StatusOr<Cost> UpdateCost(const Cost& cost);
  absl::Status DeleteCost(CostId id, Revision revision = 0);

  // --- Locked periods ---
  // Owner and admin: locks time entries and costs dated on or before
  // `through`, in one project or (project none) everywhere.
  absl::StatusOr<PeriodLock> LockPeriod(ProjectId project,
                                        absl::CivilDay through);
  absl::Status Unlock(LockId id);
  absl::StatusOr<std::vector<PeriodLock>> ListLocks();

  // --- Budgets ---
  // Usage of a project's budgets (all its time and costs), or of a task's
  // (its estimate and money budget; its own and its subtasks' time).
  absl::StatusOr<BudgetUsage> GetProjectBudget(ProjectId id);
  absl::StatusOr<BudgetUsage> GetTaskBudget(TaskId id);
  // The 80% and 100% crossings recorded for a project and its tasks; for
  // a reader who may not see hidden tasks (a client), only those its own
  // usage, without hidden tasks, has reached too.
  absl::StatusOr<std::vector<BudgetAlert>> ListBudgetAlerts(ProjectId id);

  // --- Change feed (see events.h) ---
  // The events committed after `after_seq` (0: from the start) that the
  // actor may see, by seq, examining at most `limit` (1..kMaxPageSize)
  // events. Resume with page.last_seq: a consumer that stores it after
  // handling a page never misses nor sees twice an event. Events of other
  // processes on the same store are included. InvalidArgument for a
  // negative after_seq or a limit out of range.
  absl::StatusOr<ChangesPage> ChangesSince(
      int64_t after_seq, int limit = limits::kDefaultPageSize);

  // --- Reports (see report.h) ---
  // InvalidArgument for from after to; only what the actor may read.
  absl::StatusOr<TimeReport> RunTimeReport(const TimeReportQuery& query);
  absl::StatusOr<OverdueReport> RunOverdueReport(const OverdueQuery& query);
  absl::StatusOr<std::vector<ProjectHealth>> RunProjectHealth(
      const ProjectHealthQuery& query = {});
  absl::StatusOr<std::vector<WorkloadRow>> RunWorkload(
      const WorkloadQuery& query = {});
  absl::StatusOr<Digest> RunDigest(const DigestQuery& query = {});

 private:
  friend class Workspace;
  friend class SessionTransaction;
  friend struct SessionAccess;
  Session(Workspace* workspace, MemberId actor)
      : workspace_(workspace), actor_(actor) {}

  Workspace* workspace_;  // not owned
  MemberId actor_;
  SessionTransaction* joined_ = nullptr;  // not owned; see BeginTransaction
};

// Several Session calls as one transaction (Session::BeginTransaction).
// Not thread-safe: use it, and its session, from the thread that began it.
// Destroying it without Commit() rolls everything back.
class SessionTransaction {
 public:
  SessionTransaction(const SessionTransaction&) = delete;
  SessionTransaction& operator=(const SessionTransaction&) = delete;
  ~SessionTransaction();

  // The session whose calls join this transaction. Copies of it join too;
  // they must not outlive this object.
  Session& session() { return session_; }

  // Makes every call's writes durable. Aborted (and rolled back) when a
  // call inside failed; FailedPrecondition when already committed or rolled
  // back.
  absl::Status Commit();
  // Drops every write made so far. Later calls answer FailedPrecondition.
  void Rollback();

 private:
  friend class Session;
  friend struct SessionAccess;
  SessionTransaction(Session session, std::unique_ptr<Transaction> tx);

  Session session_;
  std::unique_ptr<Transaction> tx_;  // null once committed or rolled back
  absl::Status failure_;             // the first call that failed
  // The events the calls appended, published to subscribers on Commit.
  int64_t first_event_seq_ = 0;
  int64_t last_event_seq_ = 0;
};

}  // namespace worksection

#endif  // WORKSECTION_SESSION_H_
