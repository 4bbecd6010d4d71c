// The data of a memory store and its secondary indexes. Every change goes
// through a Set* function, which keeps the indexes in step and hands back
// the previous value, so the undo log can restore it with the same call.
//
// Not thread-safe: the store's mutex guards a MemoryState.
#ifndef WORKSECTION_SRC_STORE_MEMORY_MEMORY_STATE_H_
#define WORKSECTION_SRC_STORE_MEMORY_MEMORY_STATE_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "worksection/ids.h"
#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/query.h"
#include "worksection/rollup.h"
#include "worksection/store.h"
#include "worksection/time_tracking.h"

namespace worksection::memory_internal {

// Ordered keys. A rollup row's key sorts by (project, task, member, day), so
// one project's rows are a contiguous range; a budget alert's by (project,
// task, kind, percent), likewise.
using RollupMapKey = std::tuple<ProjectId, TaskId, MemberId, absl::CivilDay>;
using BudgetAlertKey = std::tuple<ProjectId, TaskId, BudgetAlert::Kind, int>;
RollupMapKey ToMapKey(const RollupKey& key);
BudgetAlertKey ToMapKey(const BudgetAlert& alert);

class MemoryState {
 public:
  // --- Reads ---
  const std::optional<WorkspaceSettings>& settings() const { return settings_; }
  // Null when missing. Pointers stay valid until the entity is next set.
  const Member* FindMember(MemberId id) const;
  const Project* FindProject(ProjectId id) const;
  const Task* FindTask(TaskId id) const;
  const Comment* FindComment(CommentId id) const;
  const TimeEntry* FindTimeEntry(TimeEntryId id) const;
  const Timer* FindTimer(MemberId member) const;
  const Cost* FindCost(CostId id) const;
  const PeriodLock* FindLock(LockId id) const;
  const RollupTotals* FindRollup(const RollupMapKey& key) const;
  const BudgetAlert* FindBudgetAlert(const BudgetAlertKey& key) const;

  std::optional<MemberId> MemberIdByEmail(absl::string_view email) const;
  std::vector<Member> ListMembers(const MemberFilter& filter) const;
  std::vector<Project> ListProjects(const ProjectScan& scan) const;
  std::vector<Membership> ListMemberships(MemberId member) const;
  std::vector<Task> ScanTasks(const TaskScan& scan) const;
  std::vector<TaskId> ListSubtaskIds(TaskId parent) const;
  std::vector<Comment> ListComments(TaskId task, bool include_hidden) const;
  std::vector<TimeEntry> ScanTimeEntries(const TimeEntryScan& scan) const;
  std::vector<Timer> ListTimers() const;
  std::vector<Cost> ListCosts(const CostScan& scan) const;
  std::vector<PeriodLock> ListLocks() const;
  std::vector<RollupRow> ScanRollups(const RollupScan& scan) const;
  std::vector<BudgetAlert> ListBudgetAlerts(ProjectId project) const;
  // Events with seq > after_seq, by seq, at most `limit`.
  std::vector<StoredEvent> ScanEvents(int64_t after_seq, int limit) const;

  // --- Writes ---
  // Each replaces the stored value (nullopt: removes it), updates the
  // indexes and returns the value it replaced. SetMember fails with
  // AlreadyExists, changing nothing, when another member holds the e-mail.
  std::optional<WorkspaceSettings> SetSettings(
      std::optional<WorkspaceSettings> settings);
  absl::StatusOr<std::optional<Member>> SetMember(MemberId id,
                                                  std::optional<Member> member);
  std::optional<Project> SetProject(ProjectId id,
                                    std::optional<Project> project);
  std::optional<Task> SetTask(TaskId id, std::optional<Task> task);
  std::optional<Comment> SetComment(CommentId id,
                                    std::optional<Comment> comment);
  std::optional<TimeEntry> SetTimeEntry(TimeEntryId id,
                                        std::optional<TimeEntry> entry);
  std::optional<Timer> SetTimer(MemberId member, std::optional<Timer> timer);
  std::optional<Cost> SetCost(CostId id, std::optional<Cost> cost);
  std::optional<PeriodLock> SetLock(LockId id, std::optional<PeriodLock> lock);
  // A row is stored only while its totals are not all zero: setting empty
  // totals removes it.
  std::optional<RollupTotals> SetRollup(const RollupMapKey& key,
                                        std::optional<RollupTotals> totals);
  std::optional<BudgetAlert> SetBudgetAlert(const BudgetAlertKey& key,
                                            std::optional<BudgetAlert> alert);

  // Appends `event` as number last + 1 and returns that number; PopEvent
  // removes the last one (the undo of an append).
  int64_t AppendEvent(StoredEvent event);
  void PopEvent() { events_.pop_back(); }

  // The id an insert stores under: `given` when valid (a restore), else a
  // fresh one. Counters start at 1 and only go up, also across rollbacks,
  // and past every given id, so an id is never handed out twice.
  MemberId ClaimId(MemberId given) { return Claim(given, last_member_id_); }
  ProjectId ClaimId(ProjectId given) { return Claim(given, last_project_id_); }
  TaskId ClaimId(TaskId given) { return Claim(given, last_task_id_); }
  CommentId ClaimId(CommentId given) { return Claim(given, last_comment_id_); }
  TimeEntryId ClaimId(TimeEntryId given) {
    return Claim(given, last_time_entry_id_);
  }
  CostId ClaimId(CostId given) { return Claim(given, last_cost_id_); }
  LockId ClaimId(LockId given) { return Claim(given, last_lock_id_); }

 private:
  template <typename IdT>
  static IdT Claim(IdT given, int64_t& last) {
    if (!given.valid()) return IdT(++last);
    if (given.value() > last) last = given.value();
    return given;
  }

  // An entry's or a cost's place in its (date, id) order.
  using EntryPos = std::pair<absl::CivilDay, TimeEntryId>;
  using CostPos = std::pair<absl::CivilDay, CostId>;
  using EntryIndex = std::set<EntryPos>;
  using CostIndex = std::set<CostPos>;
  using RollupIndex = std::set<RollupMapKey>;

  // Appends to `out` the entries of `index` that pass `scan`, in (date, id)
  // order from the scan's start, stopping after `limit` of them.
  void WalkEntries(const EntryIndex& index, const TimeEntryScan& scan,
                   size_t limit, std::vector<const TimeEntry*>& out) const;

  std::optional<WorkspaceSettings> settings_;

  std::map<MemberId, Member> members_;
  absl::flat_hash_map<std::string, MemberId> member_by_email_;

  std::map<ProjectId, Project> projects_;
  // Derived from Project::members.
  absl::flat_hash_map<MemberId, std::set<ProjectId>> projects_by_member_;

  std::map<TaskId, Task> tasks_;
  absl::flat_hash_map<ProjectId, std::set<TaskId>> tasks_by_project_;
  absl::flat_hash_map<TaskId, std::set<TaskId>> subtasks_by_parent_;

  std::map<CommentId, Comment> comments_;
  absl::flat_hash_map<TaskId, std::set<CommentId>> comments_by_task_;

  // Time entries, each also under its task, project and member, all in
  // (date, id) order so any of them walks a date range in result order.
  std::map<TimeEntryId, TimeEntry> time_entries_;
  EntryIndex entries_by_date_;
  absl::flat_hash_map<TaskId, EntryIndex> entries_by_task_;
  absl::flat_hash_map<ProjectId, EntryIndex> entries_by_project_;
  absl::flat_hash_map<MemberId, EntryIndex> entries_by_member_;

  std::map<MemberId, Timer> timers_;

  std::map<CostId, Cost> costs_;
  CostIndex costs_by_date_;
  absl::flat_hash_map<ProjectId, CostIndex> costs_by_project_;

  std::map<LockId, PeriodLock> locks_;

  // Rows by (project, task, member, day); a project's rows are a range.
  std::map<RollupMapKey, RollupTotals> rollups_;
  absl::flat_hash_map<TaskId, RollupIndex> rollups_by_task_;
  absl::flat_hash_map<MemberId, RollupIndex> rollups_by_member_;
  absl::flat_hash_map<ProjectId, size_t> rollup_count_by_project_;

  std::map<BudgetAlertKey, BudgetAlert> budget_alerts_;

  // The change feed; events_[i].seq == i + 1.
  std::vector<StoredEvent> events_;

  int64_t last_member_id_ = 0;
  int64_t last_project_id_ = 0;
  int64_t last_task_id_ = 0;
  int64_t last_comment_id_ = 0;
  int64_t last_time_entry_id_ = 0;
  int64_t last_cost_id_ = 0;
  int64_t last_lock_id_ = 0;
};

}  // namespace worksection::memory_internal

#endif  // WORKSECTION_SRC_STORE_MEMORY_MEMORY_STATE_H_
