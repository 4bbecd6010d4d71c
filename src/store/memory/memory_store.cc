// The memory store: a MemoryState behind one absl::Mutex.
//
// Concurrency: a write transaction holds the mutex exclusively from Begin to
// its destructor, so writers are serialized; a read transaction holds it
// shared for its life, so it sees one consistent state. Begin waits at most
// StoreOptions::busy_timeout for the mutex (polling TryLock with a short,
// growing pause, since absl::Mutex offers no timed plain lock) and fails with
// Unavailable after that. A transaction must be destroyed on the thread that
// began it.
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
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "src/store/memory/memory_state.h"

namespace worksection {
namespace {

using memory_internal::MemoryState;

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
using UndoRecord =
    std::variant<SettingsUndo, MemberUndo, ProjectUndo, TaskUndo, CommentUndo>;

// Takes `mu` (exclusively or shared) within `timeout`; false if it could not.
bool AcquireWithin(absl::Mutex& mu, bool exclusive, absl::Duration timeout) {
  auto try_once = [&] { return exclusive ? mu.TryLock() : mu.ReaderTryLock(); };
  if (try_once()) return true;
  const absl::Time deadline = absl::Now() + timeout;
  absl::Duration pause = absl::Microseconds(20);
  for (;;) {
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) return try_once();
    absl::SleepFor(std::min(pause, left));
    if (try_once()) return true;
    pause = std::min(pause * 2, absl::Milliseconds(2));
  }
}

class MemoryTransaction final : public Transaction {
 public:
  // Takes over `mu`, already held (exclusively when `write`).
  MemoryTransaction(absl::Mutex* mu, MemoryState* state, bool write)
      : mu_(mu), state_(state), write_(write) {}

  MemoryTransaction(const MemoryTransaction&) = delete;
  MemoryTransaction& operator=(const MemoryTransaction&) = delete;

  ~MemoryTransaction() override {
    if (write_) {
      if (!committed_) Rollback();
      mu_->Unlock();
    } else {
      mu_->ReaderUnlock();
    }
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
    stored.id = state_->NextMemberId();
    const MemberId id = stored.id;
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
    stored.id = state_->NextProjectId();
    const ProjectId id = stored.id;
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
    stored.id = state_->NextTaskId();
    const TaskId id = stored.id;
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
    stored.id = state_->NextCommentId();
    const CommentId id = stored.id;
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

  // Restores every replaced value, newest first. Each step returns the state
  // to one it was in before, so none can fail.
  void Rollback() {
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
      std::visit(
          [this](auto& record) {
            using R = std::decay_t<decltype(record)>;
            if constexpr (std::is_same_v<R, SettingsUndo>) {
              state_->SetSettings(std::move(record.previous));
            } else if constexpr (std::is_same_v<R, MemberUndo>) {
              const bool ok =
                  state_->SetMember(record.id, std::move(record.previous)).ok();
              assert(ok);
              (void)ok;
            } else if constexpr (std::is_same_v<R, ProjectUndo>) {
              state_->SetProject(record.id, std::move(record.previous));
            } else if constexpr (std::is_same_v<R, TaskUndo>) {
              state_->SetTask(record.id, std::move(record.previous));
            } else {
              static_assert(std::is_same_v<R, CommentUndo>);
              state_->SetComment(record.id, std::move(record.previous));
            }
          },
          *it);
    }
    undo_.clear();
  }

  absl::Mutex* const mu_;     // held for the transaction's life
  MemoryState* const state_;  // guarded by *mu_
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
    if (!AcquireWithin(mu_, write, options_.busy_timeout)) {
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
  absl::Mutex mu_;
  MemoryState state_;  // guarded by mu_, held by the live transactions
};

}  // namespace

std::unique_ptr<Store> NewMemoryStore(const StoreOptions& options) {
  return std::make_unique<MemoryStore>(options);
}

}  // namespace worksection
