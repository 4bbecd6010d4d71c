// The memory store: a MemoryState behind one BusyLock.
//
// Concurrency: a write transaction holds the lock exclusively from Begin to
// its destructor, so writers are serialized; a read transaction holds it
// shared for its life, so it sees one consistent state. Begin waits at most
// StoreOptions::busy_timeout for the lock (a timed wait, no polling: see
// src/store/busy_lock.h) and fails with Unavailable after that; while a
// writer waits, new readers wait too.
//
// Rollback: each write appends the value it replaced (or its absence) to an
// undo log; destroying an uncommitted write transaction restores them in
// reverse order. A transaction thus costs what it touches. Id counters are
// NOT rolled back: an id handed out inside a rolled-back transaction is
// skipped, so ids are never reused.
#include "src/store/memory/memory_store.h"

#include <algorithm>
#include <cassert>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "src/store/busy_lock.h"
#include "src/store/memory/memory_state.h"
#include "src/store/rollup_months.h"

namespace worksection {
namespace {

using memory_internal::BudgetAlertKey;
using memory_internal::MemoryState;
using memory_internal::RollupMapKey;
using memory_internal::ToMapKey;

template <typename IdT>
absl::Status NotFound(absl::string_view entity, IdT id) {
  return absl::NotFoundError(
      absl::StrCat(entity, " ", id.value(), " not found"));
}

// One undo record: the value a write replaced, or nullopt if it added one.
struct SettingsUndo {
  std::optional<WorkspaceSettings> previous;
};
template <typename IdT, typename T>
struct EntityUndo {
  IdT id;
  std::optional<T> previous;
};
using MemberUndo = EntityUndo<MemberId, Member>;
using ProjectUndo = EntityUndo<ProjectId, Project>;
using TaskUndo = EntityUndo<TaskId, Task>;
using CommentUndo = EntityUndo<CommentId, Comment>;
using TimeEntryUndo = EntityUndo<TimeEntryId, TimeEntry>;
using TimerUndo = EntityUndo<MemberId, Timer>;
using CostUndo = EntityUndo<CostId, Cost>;
using LockUndo = EntityUndo<LockId, PeriodLock>;
using RollupUndo = EntityUndo<RollupMapKey, RollupTotals>;
using BudgetAlertUndo = EntityUndo<BudgetAlertKey, BudgetAlert>;
// An appended event: undone by removing the last one.
struct EventUndo {};
using UndoRecord =
    std::variant<SettingsUndo, MemberUndo, ProjectUndo, TaskUndo, CommentUndo,
                 TimeEntryUndo, TimerUndo, CostUndo, LockUndo, RollupUndo,
                 BudgetAlertUndo, EventUndo>;

// Puts back what one undo record holds. Each returns the state to one it was
// in before, so none can fail.
void Restore(MemoryState& state, SettingsUndo& r) {
  state.SetSettings(std::move(r.previous));
}
void Restore(MemoryState& state, MemberUndo& r) {
  const bool ok = state.SetMember(r.id, std::move(r.previous)).ok();
  assert(ok);
  (void)ok;
}
void Restore(MemoryState& state, ProjectUndo& r) {
  state.SetProject(r.id, std::move(r.previous));
}
void Restore(MemoryState& state, TaskUndo& r) {
  state.SetTask(r.id, std::move(r.previous));
}
void Restore(MemoryState& state, CommentUndo& r) {
  state.SetComment(r.id, std::move(r.previous));
}
void Restore(MemoryState& state, TimeEntryUndo& r) {
  state.SetTimeEntry(r.id, std::move(r.previous));
}
void Restore(MemoryState& state, TimerUndo& r) {
  state.SetTimer(r.id, std::move(r.previous));
}
void Restore(MemoryState& state, CostUndo& r) {
  state.SetCost(r.id, std::move(r.previous));
}
void Restore(MemoryState& state, LockUndo& r) {
  state.SetLock(r.id, std::move(r.previous));
}
void Restore(MemoryState& state, RollupUndo& r) {
  state.SetRollup(r.id, std::move(r.previous));
}
void Restore(MemoryState& state, BudgetAlertUndo& r) {
  state.SetBudgetAlert(r.id, std::move(r.previous));
}
void Restore(MemoryState& state, EventUndo&) { state.PopEvent(); }

class MemoryTransaction final : public Transaction {
 public:
  // Takes over `mu`, already held (exclusively when `write`).
  MemoryTransaction(store_internal::BusyLock* mu, MemoryState* state,
                    bool write)
      : mu_(mu), state_(state), write_(write) {}

  MemoryTransaction(const MemoryTransaction&) = delete;
  MemoryTransaction& operator=(const MemoryTransaction&) = delete;

  ~MemoryTransaction() override {
    if (write_) {
      if (!committed_) Rollback();
      mu_->Unlock();
    } else {
      mu_->UnlockShared();
    }
  }

  // The id an insert stores under: `given` when valid (AlreadyExists when
  // taken), else a fresh one.
  template <typename IdT, typename T>
  absl::StatusOr<IdT> ClaimId(absl::string_view entity, IdT given,
                              const T* (MemoryState::*find)(IdT) const) {
    if (given.valid() && (state_->*find)(given) != nullptr) {
      return absl::AlreadyExistsError(
          absl::StrCat(entity, " ", given.value(), " already exists"));
    }
    return state_->ClaimId(given);
  }

  absl::Status Commit() override {
    if (committed_) {
      return absl::FailedPreconditionError("transaction already committed");
    }
    committed_ = true;
    undo_.clear();
    undo_.shrink_to_fit();
    return absl::OkStatus();
  }

  // --- Settings ---
  absl::StatusOr<std::optional<WorkspaceSettings>> GetSettings() override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    return state_->settings();
  }
  absl::Status PutSettings(const WorkspaceSettings& settings) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    undo_.push_back(SettingsUndo{state_->SetSettings(settings)});
    return absl::OkStatus();
  }

  // --- Members ---
  absl::StatusOr<Member> GetMember(MemberId id) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    const Member* member = state_->FindMember(id);
    if (member == nullptr) return NotFound("member", id);
    return *member;
  }
  absl::StatusOr<std::optional<Member>> FindMemberByEmail(
      absl::string_view email) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    std::optional<MemberId> id = state_->MemberIdByEmail(email);
    if (!id) return std::optional<Member>();
    return std::optional<Member>(*state_->FindMember(*id));
  }
  absl::StatusOr<std::vector<Member>> ListMembers(
      const MemberFilter& filter) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    return state_->ListMembers(filter);
  }
  absl::StatusOr<MemberId> InsertMember(const Member& member) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    Member stored = member;
    absl::StatusOr<MemberId> claimed =
        ClaimId("member", member.id, &MemoryState::FindMember);
    if (!claimed.ok()) return claimed.status();
    const MemberId id = *claimed;
    stored.id = id;
    absl::StatusOr<std::optional<Member>> previous =
        state_->SetMember(id, std::move(stored));
    if (!previous.ok()) return previous.status();
    undo_.push_back(MemberUndo{id, *std::move(previous)});
    return id;
  }
  absl::Status UpdateMember(const Member& member) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    if (state_->FindMember(member.id) == nullptr) {
      return NotFound("member", member.id);
    }
    absl::StatusOr<std::optional<Member>> previous =
        state_->SetMember(member.id, member);
    if (!previous.ok()) return previous.status();
    undo_.push_back(MemberUndo{member.id, *std::move(previous)});
    return absl::OkStatus();
  }

  // --- Projects ---
  absl::StatusOr<Project> GetProject(ProjectId id) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    const Project* project = state_->FindProject(id);
    if (project == nullptr) return NotFound("project", id);
    return *project;
  }
  absl::StatusOr<std::vector<Project>> ListProjects(
      const ProjectScan& scan) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    return state_->ListProjects(scan);
  }
  absl::StatusOr<std::vector<Membership>> ListMemberships(
      MemberId member) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    return state_->ListMemberships(member);
  }
  absl::StatusOr<ProjectId> InsertProject(const Project& project) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    Project stored = project;
    absl::StatusOr<ProjectId> claimed =
        ClaimId("project", project.id, &MemoryState::FindProject);
    if (!claimed.ok()) return claimed.status();
    const ProjectId id = *claimed;
    stored.id = id;
    undo_.push_back(ProjectUndo{id, state_->SetProject(id, std::move(stored))});
    return id;
  }
  absl::Status UpdateProject(const Project& project) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    if (state_->FindProject(project.id) == nullptr) {
      return NotFound("project", project.id);
    }
    undo_.push_back(
        ProjectUndo{project.id, state_->SetProject(project.id, project)});
    return absl::OkStatus();
  }

  // --- Tasks ---
  absl::StatusOr<Task> GetTask(TaskId id) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    const Task* task = state_->FindTask(id);
    if (task == nullptr) return NotFound("task", id);
    return *task;
  }
  absl::StatusOr<std::vector<Task>> ScanTasks(const TaskScan& scan) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    return state_->ScanTasks(scan);
  }
  absl::StatusOr<std::vector<TaskId>> ListSubtaskIds(TaskId parent) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    return state_->ListSubtaskIds(parent);
  }
  absl::StatusOr<TaskId> InsertTask(const Task& task) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    Task stored = task;
    absl::StatusOr<TaskId> claimed =
        ClaimId("task", task.id, &MemoryState::FindTask);
    if (!claimed.ok()) return claimed.status();
    const TaskId id = *claimed;
    stored.id = id;
    undo_.push_back(TaskUndo{id, state_->SetTask(id, std::move(stored))});
    return id;
  }
  absl::Status UpdateTask(const Task& task) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    if (state_->FindTask(task.id) == nullptr) return NotFound("task", task.id);
    undo_.push_back(TaskUndo{task.id, state_->SetTask(task.id, task)});
    return absl::OkStatus();
  }

  // --- Comments ---
  absl::StatusOr<Comment> GetComment(CommentId id) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    const Comment* comment = state_->FindComment(id);
    if (comment == nullptr) return NotFound("comment", id);
    return *comment;
  }
  absl::StatusOr<std::vector<Comment>> ListComments(
      TaskId task, bool include_hidden) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    return state_->ListComments(task, include_hidden);
  }
  absl::StatusOr<CommentId> InsertComment(const Comment& comment) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    Comment stored = comment;
    absl::StatusOr<CommentId> claimed =
        ClaimId("comment", comment.id, &MemoryState::FindComment);
    if (!claimed.ok()) return claimed.status();
    const CommentId id = *claimed;
    stored.id = id;
    undo_.push_back(CommentUndo{id, state_->SetComment(id, std::move(stored))});
    return id;
  }
  absl::Status UpdateComment(const Comment& comment) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    if (state_->FindComment(comment.id) == nullptr) {
      return NotFound("comment", comment.id);
    }
    undo_.push_back(
        CommentUndo{comment.id, state_->SetComment(comment.id, comment)});
    return absl::OkStatus();
  }

  // --- Time entries ---
  absl::StatusOr<TimeEntry> GetTimeEntry(TimeEntryId id) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    const TimeEntry* entry = state_->FindTimeEntry(id);
    if (entry == nullptr) return NotFound("time entry", id);
    return *entry;
  }
  absl::StatusOr<std::vector<TimeEntry>> ScanTimeEntries(
      const TimeEntryScan& scan) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    return state_->ScanTimeEntries(scan);
  }
  absl::StatusOr<TimeEntryId> InsertTimeEntry(const TimeEntry& entry) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    TimeEntry stored = entry;
    absl::StatusOr<TimeEntryId> claimed =
        ClaimId("time entry", entry.id, &MemoryState::FindTimeEntry);
    if (!claimed.ok()) return claimed.status();
    const TimeEntryId id = *claimed;
    stored.id = id;
    undo_.push_back(
        TimeEntryUndo{id, state_->SetTimeEntry(id, std::move(stored))});
    return id;
  }
  absl::Status UpdateTimeEntry(const TimeEntry& entry) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    if (state_->FindTimeEntry(entry.id) == nullptr) {
      return NotFound("time entry", entry.id);
    }
    undo_.push_back(
        TimeEntryUndo{entry.id, state_->SetTimeEntry(entry.id, entry)});
    return absl::OkStatus();
  }
  absl::Status DeleteTimeEntry(TimeEntryId id) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    if (state_->FindTimeEntry(id) == nullptr) return NotFound("time entry", id);
    undo_.push_back(TimeEntryUndo{id, state_->SetTimeEntry(id, std::nullopt)});
    return absl::OkStatus();
  }

  // --- Timers ---
  absl::StatusOr<std::optional<Timer>> GetTimer(MemberId member) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    const Timer* timer = state_->FindTimer(member);
    if (timer == nullptr) return std::optional<Timer>();
    return std::optional<Timer>(*timer);
  }
  absl::StatusOr<std::vector<Timer>> ListTimers() override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    return state_->ListTimers();
  }
  absl::Status PutTimer(const Timer& timer) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    undo_.push_back(
        TimerUndo{timer.member, state_->SetTimer(timer.member, timer)});
    return absl::OkStatus();
  }
  absl::Status DeleteTimer(MemberId member) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    if (state_->FindTimer(member) == nullptr) {
      return absl::NotFoundError(
          absl::StrCat("timer of member ", member.value(), " not found"));
    }
    undo_.push_back(TimerUndo{member, state_->SetTimer(member, std::nullopt)});
    return absl::OkStatus();
  }

  // --- Costs ---
  absl::StatusOr<Cost> GetCost(CostId id) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    const Cost* cost = state_->FindCost(id);
    if (cost == nullptr) return NotFound("cost", id);
    return *cost;
  }
  absl::StatusOr<std::vector<Cost>> ListCosts(const CostScan& scan) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    return state_->ListCosts(scan);
  }
  absl::StatusOr<CostId> InsertCost(const Cost& cost) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    Cost stored = cost;
    absl::StatusOr<CostId> claimed =
        ClaimId("cost", cost.id, &MemoryState::FindCost);
    if (!claimed.ok()) return claimed.status();
    const CostId id = *claimed;
    stored.id = id;
    undo_.push_back(CostUndo{id, state_->SetCost(id, std::move(stored))});
    return id;
  }
  absl::Status UpdateCost(const Cost& cost) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    if (state_->FindCost(cost.id) == nullptr) return NotFound("cost", cost.id);
    undo_.push_back(CostUndo{cost.id, state_->SetCost(cost.id, cost)});
    return absl::OkStatus();
  }
  absl::Status DeleteCost(CostId id) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    if (state_->FindCost(id) == nullptr) return NotFound("cost", id);
    undo_.push_back(CostUndo{id, state_->SetCost(id, std::nullopt)});
    return absl::OkStatus();
  }

  // --- Locks ---
  absl::StatusOr<std::vector<PeriodLock>> ListLocks() override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    return state_->ListLocks();
  }
  absl::StatusOr<LockId> InsertLock(const PeriodLock& lock) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    PeriodLock stored = lock;
    absl::StatusOr<LockId> claimed =
        ClaimId("lock", lock.id, &MemoryState::FindLock);
    if (!claimed.ok()) return claimed.status();
    const LockId id = *claimed;
    stored.id = id;
    undo_.push_back(LockUndo{id, state_->SetLock(id, std::move(stored))});
    return id;
  }
  absl::Status DeleteLock(LockId id) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    if (state_->FindLock(id) == nullptr) return NotFound("lock", id);
    undo_.push_back(LockUndo{id, state_->SetLock(id, std::nullopt)});
    return absl::OkStatus();
  }

  // --- Rollups ---
  absl::Status AddToRollup(const RollupKey& key,
                           const RollupTotals& delta) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    if (delta.empty()) return absl::OkStatus();
    const RollupMapKey map_key = ToMapKey(key);
    RollupTotals totals;
    if (const RollupTotals* stored = state_->FindRollup(map_key)) {
      totals = *stored;
    }
    totals += delta;
    undo_.push_back(RollupUndo{map_key, state_->SetRollup(map_key, totals)});
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<RollupRow>> ScanRollups(
      const RollupScan& scan) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    if (absl::Status s = CheckRollupScan(scan); !s.ok()) return s;
    // In memory the monthly rows are summed when read: no table to keep.
    if (scan.grain == RollupGrain::kMonth) {
      return SumByMonth(state_->ScanRollups(DaysOfMonthScan(scan)));
    }
    return state_->ScanRollups(scan);
  }

  // --- Budget alerts ---
  absl::StatusOr<std::vector<BudgetAlert>> ListBudgetAlerts(
      ProjectId project) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    return state_->ListBudgetAlerts(project);
  }
  absl::Status InsertBudgetAlert(const BudgetAlert& alert) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    const BudgetAlertKey key = ToMapKey(alert);
    if (state_->FindBudgetAlert(key) != nullptr) {
      return absl::AlreadyExistsError(absl::StrCat(
          "budget alert of project ", alert.project.value(), " task ",
          alert.task.value(), " kind ",
          alert.kind == BudgetAlert::Kind::kTime ? "time" : "money", " at ",
          alert.percent, "% already recorded"));
    }
    undo_.push_back(BudgetAlertUndo{key, state_->SetBudgetAlert(key, alert)});
    return absl::OkStatus();
  }

  // --- Events ---
  absl::StatusOr<int64_t> AppendEvent(const StoredEvent& event) override {
    if (absl::Status s = CheckWritable(); !s.ok()) return s;
    const int64_t seq = state_->AppendEvent(event);
    undo_.push_back(EventUndo{});
    return seq;
  }
  absl::StatusOr<std::vector<StoredEvent>> ScanEvents(int64_t after_seq,
                                                      int limit) override {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    return state_->ScanEvents(after_seq, limit);
  }

 private:
  absl::Status CheckOpen() const {
    if (committed_) {
      return absl::FailedPreconditionError(
          "transaction already committed; only destroy it");
    }
    return absl::OkStatus();
  }
  absl::Status CheckWritable() const {
    if (absl::Status s = CheckOpen(); !s.ok()) return s;
    if (!write_) {
      return absl::FailedPreconditionError("write in a read transaction");
    }
    return absl::OkStatus();
  }

  // Restores every replaced value, newest first.
  void Rollback() {
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
      std::visit([this](auto& record) { Restore(*state_, record); }, *it);
    }
    undo_.clear();
  }

  store_internal::BusyLock* const mu_;  // held for the transaction's life
  MemoryState* const state_;            // guarded by *mu_
  const bool write_;
  bool committed_ = false;
  std::vector<UndoRecord> undo_;
};

class MemoryStore final : public Store {
 public:
  explicit MemoryStore(const StoreOptions& options) : options_(options) {}

  absl::StatusOr<std::unique_ptr<Transaction>> Begin(Mode mode) override {
    const bool write = mode == Mode::kWrite;
    if (write && options_.read_only) {
      return absl::FailedPreconditionError(
          "store is read-only: cannot begin a write transaction");
    }
    if (!(write ? mu_.Lock(options_.busy_timeout)
                : mu_.LockShared(options_.busy_timeout))) {
      return absl::UnavailableError(
          absl::StrCat("memory store busy for more than ",
                       absl::FormatDuration(options_.busy_timeout)));
    }
    return std::unique_ptr<Transaction>(
        std::make_unique<MemoryTransaction>(&mu_, &state_, write));
  }

  bool read_only() const override { return options_.read_only; }

 private:
  const StoreOptions options_;
  store_internal::BusyLock mu_;
  MemoryState state_;  // guarded by mu_, held by the live transactions
};

}  // namespace

std::unique_ptr<Store> NewMemoryStore(const StoreOptions& options) {
  return std::make_unique<MemoryStore>(options);
}

}  // namespace worksection
