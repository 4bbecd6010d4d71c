// Snapshots: the whole workspace read in one transaction into records, and
// records restored into an empty store in one transaction. The encodings
// are src/io/snapshot_format.cc; the field mapping src/io/snapshot_convert.cc.
#include "worksection/snapshot.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "src/core/call.h"
#include "src/core/event_feed.h"
#include "src/core/ledger.h"
#include "src/core/validate.h"
#include "src/io/snapshot_convert.h"
#include "src/io/snapshot_format.h"
#include "worksection/limits.h"
#include "worksection/policy.h"
#include "worksection/version.h"

namespace worksection {
namespace {

namespace pb = ::worksection::v1;
using io::PositionedRecord;

template <typename T, typename IdOf>
void SortById(std::vector<T>& items, IdOf id_of) {
  std::sort(items.begin(), items.end(),
            [&](const T& a, const T& b) { return id_of(a) < id_of(b); });
}

// Every task, by id, page by page.
absl::StatusOr<std::vector<Task>> AllTasks(Transaction& tx) {
  std::vector<Task> all;
  TaskScan scan;
  scan.filter.order = TaskOrder::kId;
  scan.limit = limits::kMaxPageSize;
  while (true) {
    absl::StatusOr<std::vector<Task>> page = tx.ScanTasks(scan);
    if (!page.ok()) return page.status();
    if (page->empty()) return all;
    scan.after = TaskSortPosition{TaskSortKey(page->back(), TaskOrder::kId),
                                  page->back().id};
    for (Task& t : *page) all.push_back(std::move(t));
  }
}

// Every time entry, by id.
absl::StatusOr<std::vector<TimeEntry>> AllTimeEntries(Transaction& tx) {
  std::vector<TimeEntry> all;
  TimeEntryScan scan;
  scan.limit = limits::kMaxPageSize;
  while (true) {
    absl::StatusOr<std::vector<TimeEntry>> page = tx.ScanTimeEntries(scan);
    if (!page.ok()) return page.status();
    if (page->empty()) break;
    scan.after = TimeEntryPosition{page->back().date, page->back().id};
    for (TimeEntry& e : *page) all.push_back(std::move(e));
  }
  SortById(all, [](const TimeEntry& e) { return e.id; });
  return all;
}

template <typename T, typename Setter>
void AddRecords(const std::vector<T>& items, Setter set,
                std::vector<pb::SnapshotRecord>& out) {
  for (const T& item : items) {
    pb::SnapshotRecord r;
    *set(r) = io::ToProto(item);
    out.push_back(std::move(r));
  }
}

// The change feed, by seq, each event parsed from its stored payload.
absl::StatusOr<std::vector<pb::SnapshotRecord>> AddEvents(
    Transaction& tx, std::vector<pb::SnapshotRecord>& out) {
  int64_t after = 0;
  while (true) {
    absl::StatusOr<std::vector<StoredEvent>> page =
        tx.ScanEvents(after, limits::kMaxPageSize);
    if (!page.ok()) return page.status();
    if (page->empty()) return std::move(out);
    for (const StoredEvent& stored : *page) {
      absl::StatusOr<pb::Event> event = ParseStoredEvent(stored);
      if (!event.ok()) return event.status();
      pb::SnapshotRecord r;
      *r.mutable_event() = *std::move(event);
      out.push_back(std::move(r));
    }
    after = page->back().seq;
  }
}

absl::StatusOr<std::vector<pb::SnapshotRecord>> ReadRecords(
    Transaction& tx, const WorkspaceSettings& settings) {
  using R = pb::SnapshotRecord;
  std::vector<R> out;
  R header;
  header.mutable_header()->set_format_version(kSnapshotFormatVersion);
  header.mutable_header()->set_library_version(std::string(Version()));
  *header.mutable_header()->mutable_settings() = io::ToProto(settings);
  out.push_back(std::move(header));

  MemberFilter every_member;
  every_member.include_inactive = true;
  absl::StatusOr<std::vector<Member>> members = tx.ListMembers(every_member);
  if (!members.ok()) return members.status();
  AddRecords(
      *members, [](R& r) { return r.mutable_member(); }, out);

  ProjectScan every_project;
  every_project.filter.include_archived = true;
  absl::StatusOr<std::vector<Project>> projects =
      tx.ListProjects(every_project);
  if (!projects.ok()) return projects.status();
  AddRecords(
      *projects, [](R& r) { return r.mutable_project(); }, out);

  absl::StatusOr<std::vector<Task>> tasks = AllTasks(tx);
  if (!tasks.ok()) return tasks.status();
  AddRecords(
      *tasks, [](R& r) { return r.mutable_task(); }, out);

  std::vector<Comment> comments;
  for (const Task& t : *tasks) {
    absl::StatusOr<std::vector<Comment>> some = tx.ListComments(t.id, true);
    if (!some.ok()) return some.status();
    for (Comment& c : *some) comments.push_back(std::move(c));
  }
  SortById(comments, [](const Comment& c) { return c.id; });
  AddRecords(
      comments, [](R& r) { return r.mutable_comment(); }, out);

  absl::StatusOr<std::vector<TimeEntry>> entries = AllTimeEntries(tx);
  if (!entries.ok()) return entries.status();
  AddRecords(
      *entries, [](R& r) { return r.mutable_time_entry(); }, out);

  absl::StatusOr<std::vector<Timer>> timers = tx.ListTimers();
  if (!timers.ok()) return timers.status();
  AddRecords(
      *timers, [](R& r) { return r.mutable_timer(); }, out);

  absl::StatusOr<std::vector<Cost>> costs = tx.ListCosts(CostScan{});
  if (!costs.ok()) return costs.status();
  SortById(*costs, [](const Cost& c) { return c.id; });
  AddRecords(
      *costs, [](R& r) { return r.mutable_cost(); }, out);

  absl::StatusOr<std::vector<PeriodLock>> locks = tx.ListLocks();
  if (!locks.ok()) return locks.status();
  AddRecords(
      *locks, [](R& r) { return r.mutable_lock(); }, out);

  for (const Project& p : *projects) {
    absl::StatusOr<std::vector<BudgetAlert>> alerts = tx.ListBudgetAlerts(p.id);
    if (!alerts.ok()) return alerts.status();
    AddRecords(
        *alerts, [](R& r) { return r.mutable_budget_alert(); }, out);
  }
  return AddEvents(tx, out);
}

// A record's entity with its position.
template <typename T>
struct At {
  T value;
  std::string position;
};

// The decoded entities of a snapshot, by kind, in the snapshot's order.
struct Contents {
  WorkspaceSettings settings;
  std::vector<At<Member>> members;
  std::vector<At<Project>> projects;
  std::vector<At<Task>> tasks;
  std::vector<At<Comment>> comments;
  std::vector<At<TimeEntry>> time_entries;
  std::vector<At<Timer>> timers;
  std::vector<At<Cost>> costs;
  std::vector<At<PeriodLock>> locks;
  std::vector<At<BudgetAlert>> budget_alerts;
  std::vector<At<pb::Event>> events;

  size_t size() const {
    return members.size() + projects.size() + tasks.size() + comments.size() +
           time_entries.size() + timers.size() + costs.size() + locks.size() +
           budget_alerts.size() + events.size();
  }
};

template <typename P, typename T>
absl::Status Take(const P& proto, const std::string& position,
                  std::vector<At<T>>& out) {
  absl::StatusOr<T> value = io::FromProto(proto, position);
  if (!value.ok()) return value.status();
  out.push_back({*std::move(value), position});
  return absl::OkStatus();
}

absl::StatusOr<Contents> Sort(const std::vector<PositionedRecord>& records) {
  Contents c;
  for (const PositionedRecord& r : records) {
    const std::string& at = r.position;
    absl::Status s;
    switch (r.record.record_case()) {
      case pb::SnapshotRecord::kHeader: {
        absl::StatusOr<WorkspaceSettings> settings = io::FromProto(
            r.record.header().settings(), absl::StrCat(at, ".settings"));
        if (!settings.ok()) return settings.status();
        c.settings = *std::move(settings);
        s = CheckText(absl::StrCat(at, ".settings.name"), c.settings.name, 1,
                      limits::kMaxNameBytes);
        if (s.ok())
          s = CheckTimeZone("settings.time_zone", c.settings.time_zone);
        if (s.ok()) s = CheckCurrency("settings.currency", c.settings.currency);
        break;
      }
      case pb::SnapshotRecord::kMember:
        s = Take(r.record.member(), at, c.members);
        break;
      case pb::SnapshotRecord::kProject:
        s = Take(r.record.project(), at, c.projects);
        break;
      case pb::SnapshotRecord::kTask:
        s = Take(r.record.task(), at, c.tasks);
        break;
      case pb::SnapshotRecord::kComment:
        s = Take(r.record.comment(), at, c.comments);
        break;
      case pb::SnapshotRecord::kTimeEntry:
        s = Take(r.record.time_entry(), at, c.time_entries);
        break;
      case pb::SnapshotRecord::kTimer:
        s = Take(r.record.timer(), at, c.timers);
        break;
      case pb::SnapshotRecord::kCost:
        s = Take(r.record.cost(), at, c.costs);
        break;
      case pb::SnapshotRecord::kLock:
        s = Take(r.record.lock(), at, c.locks);
        break;
      case pb::SnapshotRecord::kBudgetAlert:
        s = Take(r.record.budget_alert(), at, c.budget_alerts);
        break;
      case pb::SnapshotRecord::kEvent:
        c.events.push_back({r.record.event(), at});
        break;
      case pb::SnapshotRecord::kEnd:
      case pb::SnapshotRecord::RECORD_NOT_SET:
        break;
    }
    if (!s.ok()) return s;
  }
  return c;
}

// Writes the contents into an empty store, checking every reference (a
// store without foreign keys would otherwise keep a dangling one).
class Restorer {
 public:
  Restorer(Transaction& tx, const ProgressCallback& progress, int64_t total)
      : tx_(tx), progress_(progress), total_(total) {}

  absl::Status Run(Contents& c) {
    absl::Status s = tx_.PutSettings(c.settings);
    for (const At<Member>& m : c.members) {
      if (s.ok()) s = Insert(m, &Transaction::InsertMember, members_);
    }
    for (const At<Project>& p : c.projects) {
      if (s.ok()) s = CheckProject(p);
      if (s.ok()) s = Insert(p, &Transaction::InsertProject, projects_);
    }
    if (s.ok()) s = InsertTasks(c.tasks);
    for (const At<Comment>& x : c.comments) {
      if (s.ok()) s = Known(x, "task", tasks_, x.value.task);
      if (s.ok()) s = KnownOrNone(x, "author", members_, x.value.author);
      if (s.ok()) s = Insert(x, &Transaction::InsertComment, comments_);
    }
    if (s.ok()) s = InsertTimeEntries(c.time_entries);
    for (const At<Timer>& t : c.timers) {
      if (s.ok()) s = Known(t, "member", members_, t.value.member);
      if (s.ok()) s = Known(t, "task", tasks_, t.value.task);
      if (s.ok()) s = Positioned(t.position, tx_.PutTimer(t.value));
      if (s.ok()) Step();
    }
    for (const At<Cost>& x : c.costs) {
      if (s.ok()) s = Known(x, "project", projects_, x.value.project);
      if (s.ok()) s = KnownOrNone(x, "task", tasks_, x.value.task);
      if (s.ok()) s = KnownOrNone(x, "author", members_, x.value.author);
      if (s.ok()) s = Insert(x, &Transaction::InsertCost, costs_);
    }
    for (const At<PeriodLock>& x : c.locks) {
      if (s.ok()) s = KnownOrNone(x, "project", projects_, x.value.project);
      if (s.ok()) s = KnownOrNone(x, "author", members_, x.value.author);
      if (s.ok()) s = Insert(x, &Transaction::InsertLock, locks_);
    }
    for (const At<BudgetAlert>& x : c.budget_alerts) {
      if (s.ok()) s = Known(x, "project", projects_, x.value.project);
      if (s.ok()) s = KnownOrNone(x, "task", tasks_, x.value.task);
      if (s.ok()) {
        s = Positioned(x.position, tx_.InsertBudgetAlert(x.value));
      }
      if (s.ok()) Step();
    }
    for (const At<pb::Event>& e : c.events) {
      if (s.ok()) s = AppendEvent(e);
    }
    return s;
  }

 private:
  // The project (and its members) of every task by id, for the checks.
  absl::Status CheckProject(const At<Project>& p) {
    absl::Status s = KnownOrNone(p, "manager", members_, p.value.manager);
    for (const ProjectMember& m : p.value.members) {
      if (s.ok()) s = Known(p, "members.member", members_, m.member);
    }
    return s;
  }

  absl::Status CheckTask(const At<Task>& t) {
    absl::Status s = Known(t, "project", projects_, t.value.project);
    if (s.ok()) s = KnownOrNone(t, "author", members_, t.value.author);
    if (s.ok()) s = KnownOrNone(t, "assignee", members_, t.value.assignee);
    for (MemberId m : t.value.subscribers) {
      if (s.ok()) s = Known(t, "subscribers", members_, m);
    }
    if (s.ok() && t.value.parent.valid()) {
      auto parent = task_projects_.find(t.value.parent.value());
      if (parent == task_projects_.end() || parent->second != t.value.project) {
        s = absl::InvalidArgumentError(
            absl::StrCat(t.position, ".parent: task ", t.value.parent.value(),
                         " is not a task of project ", t.value.project.value(),
                         " in the snapshot"));
      }
    }
    return s;
  }

  // Verbatim: the log numbers events 1, 2, 3 ... as they are appended, so
  // a snapshot's events must come so numbered.
  absl::Status AppendEvent(const At<pb::Event>& e) {
    StoredEvent stored;
    stored.entity_type = static_cast<int>(e.value.entity_type());
    stored.entity_id = e.value.entity_id();
    stored.project = ProjectId(e.value.project_id());
    stored.hidden_from_clients = e.value.hidden_from_clients();
    // Stored as the change feed stores it: the seq is the log's, not the
    // payload's, so the payload carries none.
    pb::Event payload = e.value;
    payload.clear_seq();
    stored.payload = payload.SerializeAsString();
    absl::StatusOr<int64_t> seq = tx_.AppendEvent(stored);
    if (!seq.ok()) return Positioned(e.position, seq.status());
    if (*seq != e.value.seq()) {
      return absl::InvalidArgumentError(absl::StrCat(
          e.position, ".seq: ", e.value.seq(), " where ", *seq,
          " comes next (events are numbered 1, 2, 3 ... without gaps)"));
    }
    Step();
    return absl::OkStatus();
  }

  absl::Status CheckEntry(const At<TimeEntry>& e) {
    absl::Status s = Known(e, "member", members_, e.value.member);
    if (s.ok()) s = Known(e, "task", tasks_, e.value.task);
    if (s.ok() && task_projects_[e.value.task.value()] != e.value.project) {
      s = absl::InvalidArgumentError(
          absl::StrCat(e.position, ".project: ", e.value.project.value(),
                       " is not the project of task ", e.value.task.value()));
    }
    return s;
  }

  // All of them together, with their rollups summed: one multi-row write
  // each on the SQL stores, instead of a statement or more an entry.
  absl::Status InsertTimeEntries(const std::vector<At<TimeEntry>>& entries) {
    std::vector<TimeEntry> values;
    values.reserve(entries.size());
    RollupDeltas rollups;
    for (const At<TimeEntry>& e : entries) {
      absl::Status s = CheckEntry(e);
      if (s.ok() && !entries_.insert(e.value.id.value()).second) {
        s = absl::AlreadyExistsError(absl::StrCat(e.position, ": time entry ",
                                                  e.value.id.value(),
                                                  " already exists"));
      }
      if (s.ok()) s = Positioned(e.position, rollups.Add(e.value));
      if (!s.ok()) return s;
      values.push_back(e.value);
    }
    // In slices, so that the progress moves while they are written.
    constexpr size_t kSlice = 8192;
    for (size_t at = 0; at < values.size(); at += kSlice) {
      const size_t end = std::min(values.size(), at + kSlice);
      absl::StatusOr<std::vector<TimeEntryId>> ids = tx_.InsertTimeEntries(
          std::vector<TimeEntry>(values.begin() + at, values.begin() + end));
      if (!ids.ok()) return Positioned("time_entries", ids.status());
      for (size_t i = at; i < end; ++i) Step();
    }
    return rollups.Write(tx_);
  }

  // Tasks parents first: a move may leave a subtask with a smaller id than
  // its parent.
  absl::Status InsertTasks(std::vector<At<Task>>& tasks) {
    absl::flat_hash_map<int64_t, const At<Task>*> by_id;
    for (const At<Task>& t : tasks) by_id[t.value.id.value()] = &t;
    std::vector<std::pair<int, const At<Task>*>> ordered;
    for (const At<Task>& t : tasks) {
      int depth = 0;
      for (TaskId p = t.value.parent; p.valid(); ++depth) {
        auto it = by_id.find(p.value());
        if (it == by_id.end()) break;  // CheckTask reports it
        if (depth > limits::kMaxTaskDepth) {
          return absl::InvalidArgumentError(
              absl::StrCat(t.position, ".parent: a cycle or more than ",
                           limits::kMaxTaskDepth, " levels of subtasks"));
        }
        p = it->second->value.parent;
      }
      ordered.push_back({depth, &t});
    }
    std::stable_sort(
        ordered.begin(), ordered.end(),
        [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [depth, t] : ordered) {
      absl::Status s = CheckTask(*t);
      if (s.ok()) s = Insert(*t, &Transaction::InsertTask, tasks_);
      if (!s.ok()) return s;
      task_projects_[t->value.id.value()] = t->value.project;
    }
    return absl::OkStatus();
  }

  template <typename T, typename IdT>
  absl::Status Insert(const At<T>& x,
                      absl::StatusOr<IdT> (Transaction::*insert)(const T&),
                      absl::flat_hash_set<int64_t>& ids) {
    absl::StatusOr<IdT> id = (tx_.*insert)(x.value);
    if (!id.ok()) return Positioned(x.position, id.status());
    ids.insert(id->value());
    Step();
    return absl::OkStatus();
  }

  template <typename T, typename IdT>
  static absl::Status Known(const At<T>& x, absl::string_view field,
                            const absl::flat_hash_set<int64_t>& ids, IdT id) {
    if (ids.contains(id.value())) return absl::OkStatus();
    return absl::InvalidArgumentError(
        absl::StrCat(x.position, ".", field, ": ", id.value(),
                     " is not in the snapshot (or comes after its use)"));
  }
  template <typename T, typename IdT>
  static absl::Status KnownOrNone(const At<T>& x, absl::string_view field,
                                  const absl::flat_hash_set<int64_t>& ids,
                                  IdT id) {
    return id.valid() ? Known(x, field, ids, id) : absl::OkStatus();
  }

  static absl::Status Positioned(absl::string_view position, absl::Status s) {
    if (s.ok()) return s;
    return absl::Status(s.code(), absl::StrCat(position, ": ", s.message()));
  }

  void Step() {
    ++done_;
    if (progress_ && (done_ % 256 == 0 || done_ == total_)) {
      progress_(done_, total_);
    }
  }

  Transaction& tx_;
  const ProgressCallback& progress_;
  const int64_t total_;
  int64_t done_ = 0;
  absl::flat_hash_set<int64_t> members_, projects_, tasks_, comments_, entries_,
      costs_, locks_;
  absl::flat_hash_map<int64_t, ProjectId> task_projects_;
};

}  // namespace

absl::StatusOr<std::string> ExportSnapshot(Session& session,
                                           SnapshotFormat format) {
  absl::StatusOr<std::vector<pb::SnapshotRecord>> records = RunCall(
      session, Store::Mode::kRead,
      [&](Call& call) -> absl::StatusOr<std::vector<pb::SnapshotRecord>> {
        absl::Status s = Require(call.actor, Action::kExportSnapshot, Target{},
                                 "export a snapshot");
        if (!s.ok()) return s;
        return ReadRecords(call.tx, call.settings);
      });
  if (!records.ok()) return records.status();
  if (format == SnapshotFormat::kJson) return io::EncodeJsonSnapshot(*records);
  return io::EncodeBinarySnapshot(*records);
}

absl::Status ImportSnapshot(Workspace& workspace, absl::string_view snapshot,
                            const ProgressCallback& progress) {
  absl::StatusOr<std::vector<PositionedRecord>> records =
      io::DecodeSnapshot(snapshot);
  if (!records.ok()) return records.status();
  absl::StatusOr<Contents> contents = Sort(*records);
  if (!contents.ok()) return contents.status();
  absl::StatusOr<std::unique_ptr<Transaction>> tx =
      workspace.store().Begin(Store::Mode::kWrite);
  if (!tx.ok()) return tx.status();
  absl::StatusOr<std::optional<WorkspaceSettings>> existing =
      (*tx)->GetSettings();
  if (!existing.ok()) return existing.status();
  if (*existing) {
    return absl::FailedPreconditionError(
        absl::StrCat("the store already holds workspace \"", (*existing)->name,
                     "\": a snapshot is imported only into an empty store"));
  }
  const int64_t total = static_cast<int64_t>(contents->size());
  if (progress) progress(0, total);
  Restorer restorer(**tx, progress, total);
  if (absl::Status s = restorer.Run(*contents); !s.ok()) return s;
  return (*tx)->Commit();
}

}  // namespace worksection
