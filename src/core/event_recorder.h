// Writes the change feed: a Transaction that passes everything to the
// store's and appends, after each successful write, the Event describing it
// (its action, and the old and new values of the fields that changed).
// Every Session write runs through one, so no write path can forget its
// event, and the events commit or roll back with the writes.
#ifndef WORKSECTION_SRC_CORE_EVENT_RECORDER_H_
#define WORKSECTION_SRC_CORE_EVENT_RECORDER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "worksection/events.h"
#include "worksection/store.h"
#include "worksection/v1/event.pb.h"

namespace worksection {

// The sequence numbers a transaction appended: [first, last], or none.
struct EventRange {
  int64_t first = 0;
  int64_t last = 0;

  bool empty() const { return first == 0; }
  void Add(int64_t seq) {
    if (first == 0) first = seq;
    last = seq;
  }
  void Add(const EventRange& other) {
    if (other.empty()) return;
    if (first == 0) first = other.first;
    last = other.last;
  }
};

// Not thread-safe, like the transaction it wraps; `inner` must outlive it.
class EventRecorder final : public Transaction {
 public:
  // Events are stamped with `actor` (none: the library) and `at`.
  EventRecorder(Transaction& inner, MemberId actor, absl::Time at)
      : inner_(inner), actor_(actor), at_(at) {}

  const EventRange& range() const { return range_; }

  // From now on, InsertTimeEntry records no event per entry: the new ids
  // are gathered by task, and FlushGatheredTimeEntries appends one
  // kBatchCreated event per task. For bulk imports, whose entries are then
  // stored once, not again with their values in the feed.
  void GatherTimeEntries() { gathering_ = true; }
  // Appends the gathered events (in the order of each task's first entry)
  // and stops gathering.
  absl::Status FlushGatheredTimeEntries();

  absl::Status Commit() override { return inner_.Commit(); }

  absl::StatusOr<std::optional<WorkspaceSettings>> GetSettings() override {
    return inner_.GetSettings();
  }
  absl::Status PutSettings(const WorkspaceSettings& settings) override;

  absl::StatusOr<Member> GetMember(MemberId id) override {
    return inner_.GetMember(id);
  }
  absl::StatusOr<std::optional<Member>> FindMemberByEmail(
      absl::string_view email) override {
    return inner_.FindMemberByEmail(email);
  }
  absl::StatusOr<std::vector<Member>> ListMembers(
      const MemberFilter& filter) override {
    return inner_.ListMembers(filter);
  }
  absl::StatusOr<MemberId> InsertMember(const Member& member) override;
  absl::Status UpdateMember(const Member& member) override;

  // Keeps what it read, for the life of the recorder (a call reads the
  // same project again and again, an import's run of writes all the more);
  // a write of the project through the recorder drops it.
  absl::StatusOr<Project> GetProject(ProjectId id) override;
  absl::StatusOr<std::vector<Project>> ListProjects(
      const ProjectScan& scan) override {
    return inner_.ListProjects(scan);
  }
  absl::StatusOr<std::vector<Membership>> ListMemberships(
      MemberId member) override {
    return inner_.ListMemberships(member);
  }
  absl::StatusOr<ProjectId> InsertProject(const Project& project) override;
  absl::Status UpdateProject(const Project& project) override;

  absl::StatusOr<Task> GetTask(TaskId id) override {
    return inner_.GetTask(id);
  }
  absl::StatusOr<std::vector<Task>> ScanTasks(const TaskScan& scan) override {
    return inner_.ScanTasks(scan);
  }
  absl::StatusOr<std::vector<TaskTally>> TallyTasks(
      const TaskTallyScan& tally) override {
    return inner_.TallyTasks(tally);
  }
  absl::StatusOr<std::vector<TaskId>> ListSubtaskIds(TaskId parent) override {
    return inner_.ListSubtaskIds(parent);
  }
  absl::StatusOr<TaskId> InsertTask(const Task& task) override;
  absl::Status UpdateTask(const Task& task) override;

  absl::StatusOr<Comment> GetComment(CommentId id) override {
    return inner_.GetComment(id);
  }
  absl::StatusOr<std::vector<Comment>> ListComments(
      TaskId task, bool include_hidden) override {
    return inner_.ListComments(task, include_hidden);
  }
  absl::StatusOr<CommentId> InsertComment(const Comment& comment) override;
  absl::Status UpdateComment(const Comment& comment) override;

  absl::StatusOr<TimeEntry> GetTimeEntry(TimeEntryId id) override {
    return inner_.GetTimeEntry(id);
  }
  absl::StatusOr<std::vector<TimeEntry>> ScanTimeEntries(
      const TimeEntryScan& scan) override {
    return inner_.ScanTimeEntries(scan);
  }
  absl::StatusOr<TimeEntryId> InsertTimeEntry(const TimeEntry& entry) override;
  absl::StatusOr<std::vector<TimeEntryId>> InsertTimeEntries(
      const std::vector<TimeEntry>& entries) override;
  absl::Status UpdateTimeEntry(const TimeEntry& entry) override;
  absl::Status DeleteTimeEntry(TimeEntryId id) override;

  absl::StatusOr<std::optional<Timer>> GetTimer(MemberId member) override {
    return inner_.GetTimer(member);
  }
  absl::StatusOr<std::vector<Timer>> ListTimers() override {
    return inner_.ListTimers();
  }
  absl::Status PutTimer(const Timer& timer) override;
  absl::Status DeleteTimer(MemberId member) override;

  absl::StatusOr<Cost> GetCost(CostId id) override {
    return inner_.GetCost(id);
  }
  absl::StatusOr<std::vector<Cost>> ListCosts(const CostScan& scan) override {
    return inner_.ListCosts(scan);
  }
  absl::StatusOr<CostId> InsertCost(const Cost& cost) override;
  absl::Status UpdateCost(const Cost& cost) override;
  absl::Status DeleteCost(CostId id) override;

  absl::StatusOr<std::vector<PeriodLock>> ListLocks() override {
    return inner_.ListLocks();
  }
  absl::StatusOr<LockId> InsertLock(const PeriodLock& lock) override;
  absl::Status DeleteLock(LockId id) override;

  absl::Status AddToRollup(const RollupKey& key,
                           const RollupTotals& delta) override {
    return inner_.AddToRollup(key, delta);
  }
  absl::StatusOr<std::vector<RollupRow>> ScanRollups(
      const RollupScan& scan) override {
    return inner_.ScanRollups(scan);
  }

  absl::StatusOr<std::vector<BudgetAlert>> ListBudgetAlerts(
      ProjectId project) override {
    return inner_.ListBudgetAlerts(project);
  }
  absl::Status InsertBudgetAlert(const BudgetAlert& alert) override;

  absl::StatusOr<int64_t> AppendEvent(const StoredEvent& event) override {
    return inner_.AppendEvent(event);
  }
  absl::StatusOr<std::vector<StoredEvent>> ScanEvents(int64_t after_seq,
                                                      int limit) override {
    return inner_.ScanEvents(after_seq, limit);
  }

 private:
  // What an event needs to know of a task its entity hangs on.
  struct TaskFacts {
    ProjectId project;
    bool hidden = false;
  };
  // What Record writes beside the field changes.
  struct Header {
    EntityType type;
    int64_t id = 0;
    EventAction action;
    ProjectId project;
    TaskId task;
    bool hidden = false;
    bool money = false;
    bool revealed = false;   // a task unhidden from clients
    bool concealed = false;  // a task hidden from clients
  };

  // Cached for the life of the transaction; kept current by task writes.
  absl::StatusOr<TaskFacts> FactsOf(TaskId task);
  // Hidden if the task of `before` or `after` (either may be null) is.
  template <typename T>
  absl::StatusOr<bool> TaskHidden(const T* before, const T* after);

  // Appends the event of one write; an update that changed no reported
  // field appends nothing.
  template <typename T>
  absl::Status Record(const Header& header, const T* before, const T* after);
  // Stamps event_ (its changes or ids already set) with `header` and
  // appends it.
  absl::Status Append(const Header& header);
  // The created event of a new entry stored as `id`, or its id gathered.
  absl::Status RecordTimeEntryCreated(const TimeEntry& entry, TimeEntryId id);

  // The time entries of one task gathered for a kBatchCreated event.
  struct GatheredEntries {
    TaskId task;
    ProjectId project;
    bool hidden = false;
    std::vector<int64_t> ids;
  };

  Transaction& inner_;
  const MemberId actor_;
  const absl::Time at_;
  EventRange range_;
  absl::flat_hash_map<TaskId, TaskFacts> tasks_;
  absl::flat_hash_map<ProjectId, Project> projects_;
  bool gathering_ = false;
  std::vector<GatheredEntries> gathered_;
  absl::flat_hash_map<TaskId, size_t> gathered_index_;
  // Reused from event to event, so a batch of writes allocates little.
  v1::Event event_;
  StoredEvent stored_;
};

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_EVENT_RECORDER_H_
