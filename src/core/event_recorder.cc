#include "src/core/event_recorder.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "src/core/event_fields.h"

namespace worksection {
namespace {

EventAction TaskAction(const Task& before, const Task& after) {
  if (before.project != after.project) return EventAction::kMoved;
  if (before.status != after.status) {
    return after.status == TaskStatus::kDone ? EventAction::kCompleted
                                             : EventAction::kReopened;
  }
  return EventAction::kUpdated;
}

EventAction MemberAction(const Member& before, const Member& after) {
  if (before.active != after.active) {
    return after.active ? EventAction::kReactivated : EventAction::kDeactivated;
  }
  return EventAction::kUpdated;
}

EventAction ProjectAction(const Project& before, const Project& after) {
  if (after.status == ProjectStatus::kArchived &&
      before.status != ProjectStatus::kArchived) {
    return EventAction::kArchived;
  }
  return EventAction::kUpdated;
}

}  // namespace

absl::StatusOr<EventRecorder::TaskFacts> EventRecorder::FactsOf(TaskId task) {
  if (!task.valid()) return TaskFacts{};
  auto it = tasks_.find(task);
  if (it != tasks_.end()) return it->second;
  absl::StatusOr<Task> t = inner_.GetTask(task);
  if (!t.ok()) return t.status();
  TaskFacts facts{t->project, t->hidden_from_clients};
  tasks_.emplace(task, facts);
  return facts;
}

template <typename T>
absl::StatusOr<bool> EventRecorder::TaskHidden(const T* before,
                                               const T* after) {
  for (const T* side : {before, after}) {
    if (side == nullptr) continue;
    absl::StatusOr<TaskFacts> facts = FactsOf(side->task);
    if (!facts.ok()) return facts.status();
    if (facts->hidden) return true;
  }
  return false;
}

template <typename T>
absl::Status EventRecorder::Record(const Header& header, const T* before,
                                   const T* after) {
  event_.Clear();
  DiffFields(before, after, event_);
  if (before != nullptr && after != nullptr && event_.changes_size() == 0) {
    return absl::OkStatus();
  }
  return Append(header);
}

absl::Status EventRecorder::Append(const Header& header) {
  event_.set_at_micros(absl::ToUnixMicros(at_));
  event_.set_actor_id(actor_.value());
  event_.set_entity_type(static_cast<v1::EntityType>(header.type));
  event_.set_entity_id(header.id);
  event_.set_project_id(header.project.value());
  event_.set_task_id(header.task.value());
  event_.set_action(static_cast<v1::EventAction>(header.action));
  event_.set_hidden_from_clients(header.hidden);
  event_.set_money(header.money);
  event_.set_revealed_to_clients(header.revealed);
  event_.set_concealed_from_clients(header.concealed);
  stored_.entity_type = static_cast<int>(header.type);
  stored_.entity_id = header.id;
  stored_.project = header.project;
  stored_.hidden_from_clients = header.hidden;
  if (!event_.SerializeToString(&stored_.payload)) {
    return absl::InternalError(absl::StrCat("could not serialize the event of ",
                                            EntityTypeName(header.type), " ",
                                            header.id));
  }
  absl::StatusOr<int64_t> seq = inner_.AppendEvent(stored_);
  if (!seq.ok()) return seq.status();
  range_.Add(*seq);
  return absl::OkStatus();
}

// --- Settings and members ---

absl::Status EventRecorder::PutSettings(const WorkspaceSettings& settings) {
  absl::StatusOr<std::optional<WorkspaceSettings>> before =
      inner_.GetSettings();
  if (!before.ok()) return before.status();
  if (absl::Status s = inner_.PutSettings(settings); !s.ok()) return s;
  const WorkspaceSettings* old = before->has_value() ? &**before : nullptr;
  return Record(Header{EntityType::kWorkspace, 0,
                       old ? EventAction::kUpdated : EventAction::kCreated},
                old, &settings);
}

absl::StatusOr<MemberId> EventRecorder::InsertMember(const Member& member) {
  absl::StatusOr<MemberId> id = inner_.InsertMember(member);
  if (!id.ok()) return id;
  absl::Status s =
      Record(Header{EntityType::kMember, id->value(), EventAction::kCreated},
             static_cast<const Member*>(nullptr), &member);
  if (!s.ok()) return s;
  return id;
}

absl::Status EventRecorder::UpdateMember(const Member& member) {
  absl::StatusOr<Member> before = inner_.GetMember(member.id);
  if (!before.ok()) return before.status();
  if (absl::Status s = inner_.UpdateMember(member); !s.ok()) return s;
  return Record(Header{EntityType::kMember, member.id.value(),
                       MemberAction(*before, member)},
                &*before, &member);
}

// --- Projects ---

absl::StatusOr<Project> EventRecorder::GetProject(ProjectId id) {
  auto it = projects_.find(id);
  if (it != projects_.end()) return it->second;
  absl::StatusOr<Project> project = inner_.GetProject(id);
  if (project.ok()) projects_.emplace(id, *project);
  return project;
}

absl::StatusOr<ProjectId> EventRecorder::InsertProject(const Project& project) {
  absl::StatusOr<ProjectId> id = inner_.InsertProject(project);
  if (!id.ok()) return id;
  absl::Status s = Record(
      Header{EntityType::kProject, id->value(), EventAction::kCreated, *id},
      static_cast<const Project*>(nullptr), &project);
  if (!s.ok()) return s;
  return id;
}

absl::Status EventRecorder::UpdateProject(const Project& project) {
  absl::StatusOr<Project> before = inner_.GetProject(project.id);
  if (!before.ok()) return before.status();
  projects_.erase(project.id);
  if (absl::Status s = inner_.UpdateProject(project); !s.ok()) return s;
  return Record(Header{EntityType::kProject, project.id.value(),
                       ProjectAction(*before, project), project.id},
                &*before, &project);
}

// --- Tasks and comments ---

absl::StatusOr<TaskId> EventRecorder::InsertTask(const Task& task) {
  absl::StatusOr<TaskId> id = inner_.InsertTask(task);
  if (!id.ok()) return id;
  tasks_[*id] = TaskFacts{task.project, task.hidden_from_clients};
  absl::Status s =
      Record(Header{EntityType::kTask, id->value(), EventAction::kCreated,
                    task.project, *id, task.hidden_from_clients},
             static_cast<const Task*>(nullptr), &task);
  if (!s.ok()) return s;
  return id;
}

absl::Status EventRecorder::UpdateTask(const Task& task) {
  absl::StatusOr<Task> before = inner_.GetTask(task.id);
  if (!before.ok()) return before.status();
  if (absl::Status s = inner_.UpdateTask(task); !s.ok()) return s;
  tasks_[task.id] = TaskFacts{task.project, task.hidden_from_clients};
  Header header{EntityType::kTask,
                task.id.value(),
                TaskAction(*before, task),
                task.project,
                task.id,
                before->hidden_from_clients || task.hidden_from_clients};
  header.revealed = before->hidden_from_clients && !task.hidden_from_clients;
  header.concealed = !before->hidden_from_clients && task.hidden_from_clients;
  return Record(header, &*before, &task);
}

absl::StatusOr<CommentId> EventRecorder::InsertComment(const Comment& comment) {
  absl::StatusOr<TaskFacts> facts = FactsOf(comment.task);
  if (!facts.ok()) return facts.status();
  absl::StatusOr<CommentId> id = inner_.InsertComment(comment);
  if (!id.ok()) return id;
  absl::Status s =
      Record(Header{EntityType::kComment, id->value(), EventAction::kCreated,
                    facts->project, comment.task,
                    facts->hidden || comment.hidden_from_clients},
             static_cast<const Comment*>(nullptr), &comment);
  if (!s.ok()) return s;
  return id;
}

absl::Status EventRecorder::UpdateComment(const Comment& comment) {
  absl::StatusOr<Comment> before = inner_.GetComment(comment.id);
  if (!before.ok()) return before.status();
  absl::StatusOr<TaskFacts> facts = FactsOf(comment.task);
  if (!facts.ok()) return facts.status();
  if (absl::Status s = inner_.UpdateComment(comment); !s.ok()) return s;
  return Record(Header{EntityType::kComment, comment.id.value(),
                       EventAction::kUpdated, facts->project, comment.task,
                       facts->hidden || before->hidden_from_clients ||
                           comment.hidden_from_clients},
                &*before, &comment);
}

// --- Time entries and timers ---

absl::StatusOr<TimeEntryId> EventRecorder::InsertTimeEntry(
    const TimeEntry& entry) {
  absl::StatusOr<TimeEntryId> id = inner_.InsertTimeEntry(entry);
  if (!id.ok()) return id;
  if (absl::Status s = RecordTimeEntryCreated(entry, *id); !s.ok()) return s;
  return id;
}

absl::StatusOr<std::vector<TimeEntryId>> EventRecorder::InsertTimeEntries(
    const std::vector<TimeEntry>& entries) {
  absl::StatusOr<std::vector<TimeEntryId>> ids =
      inner_.InsertTimeEntries(entries);
  if (!ids.ok()) return ids;
  for (size_t i = 0; i < entries.size(); ++i) {
    absl::Status s = RecordTimeEntryCreated(entries[i], (*ids)[i]);
    if (!s.ok()) return s;
  }
  return ids;
}

absl::Status EventRecorder::RecordTimeEntryCreated(const TimeEntry& entry,
                                                   TimeEntryId id) {
  absl::StatusOr<bool> hidden =
      TaskHidden(static_cast<const TimeEntry*>(nullptr), &entry);
  if (!hidden.ok()) return hidden.status();
  if (gathering_) {
    auto [it, fresh] =
        gathered_index_.try_emplace(entry.task, gathered_.size());
    if (fresh) {
      gathered_.push_back(
          GatheredEntries{entry.task, entry.project, *hidden, {}});
    }
    gathered_[it->second].ids.push_back(id.value());
    return absl::OkStatus();
  }
  return Record(
      Header{EntityType::kTimeEntry, id.value(), EventAction::kCreated,
             entry.project, entry.task, *hidden},
      static_cast<const TimeEntry*>(nullptr), &entry);
}

absl::Status EventRecorder::FlushGatheredTimeEntries() {
  gathering_ = false;
  for (GatheredEntries& g : gathered_) {
    event_.Clear();
    event_.mutable_entity_ids()->Assign(g.ids.begin(), g.ids.end());
    absl::Status s =
        Append(Header{EntityType::kTimeEntry, 0, EventAction::kBatchCreated,
                      g.project, g.task, g.hidden});
    if (!s.ok()) return s;
  }
  gathered_.clear();
  gathered_index_.clear();
  return absl::OkStatus();
}

absl::Status EventRecorder::UpdateTimeEntry(const TimeEntry& entry) {
  absl::StatusOr<TimeEntry> before = inner_.GetTimeEntry(entry.id);
  if (!before.ok()) return before.status();
  if (absl::Status s = inner_.UpdateTimeEntry(entry); !s.ok()) return s;
  absl::StatusOr<bool> hidden = TaskHidden(&*before, &entry);
  if (!hidden.ok()) return hidden.status();
  return Record(
      Header{EntityType::kTimeEntry, entry.id.value(), EventAction::kUpdated,
             entry.project, entry.task, *hidden},
      &*before, &entry);
}

absl::Status EventRecorder::DeleteTimeEntry(TimeEntryId id) {
  absl::StatusOr<TimeEntry> before = inner_.GetTimeEntry(id);
  if (!before.ok()) return before.status();
  if (absl::Status s = inner_.DeleteTimeEntry(id); !s.ok()) return s;
  absl::StatusOr<bool> hidden =
      TaskHidden(&*before, static_cast<const TimeEntry*>(nullptr));
  if (!hidden.ok()) return hidden.status();
  return Record(
      Header{EntityType::kTimeEntry, id.value(), EventAction::kDeleted,
             before->project, before->task, *hidden},
      &*before, static_cast<const TimeEntry*>(nullptr));
}

absl::Status EventRecorder::PutTimer(const Timer& timer) {
  absl::StatusOr<std::optional<Timer>> before = inner_.GetTimer(timer.member);
  if (!before.ok()) return before.status();
  if (absl::Status s = inner_.PutTimer(timer); !s.ok()) return s;
  absl::StatusOr<TaskFacts> facts = FactsOf(timer.task);
  if (!facts.ok()) return facts.status();
  const Timer* old = before->has_value() ? &**before : nullptr;
  absl::StatusOr<bool> hidden = TaskHidden(old, &timer);
  if (!hidden.ok()) return hidden.status();
  return Record(Header{EntityType::kTimer, timer.member.value(),
                       old ? EventAction::kUpdated : EventAction::kStarted,
                       facts->project, timer.task, *hidden},
                old, &timer);
}

absl::Status EventRecorder::DeleteTimer(MemberId member) {
  absl::StatusOr<std::optional<Timer>> before = inner_.GetTimer(member);
  if (!before.ok()) return before.status();
  if (absl::Status s = inner_.DeleteTimer(member); !s.ok()) return s;
  if (!before->has_value()) return absl::OkStatus();
  const Timer& old = **before;
  absl::StatusOr<TaskFacts> facts = FactsOf(old.task);
  if (!facts.ok()) return facts.status();
  return Record(
      Header{EntityType::kTimer, member.value(), EventAction::kStopped,
             facts->project, old.task, facts->hidden},
      &old, static_cast<const Timer*>(nullptr));
}

// --- Costs, locks, budget alerts ---

absl::StatusOr<CostId> EventRecorder::InsertCost(const Cost& cost) {
  absl::StatusOr<CostId> id = inner_.InsertCost(cost);
  if (!id.ok()) return id;
  absl::StatusOr<TaskFacts> facts = FactsOf(cost.task);
  if (!facts.ok()) return facts.status();
  absl::Status s =
      Record(Header{EntityType::kCost, id->value(), EventAction::kCreated,
                    cost.project, cost.task, facts->hidden, /*money=*/true},
             static_cast<const Cost*>(nullptr), &cost);
  if (!s.ok()) return s;
  return id;
}

absl::Status EventRecorder::UpdateCost(const Cost& cost) {
  absl::StatusOr<Cost> before = inner_.GetCost(cost.id);
  if (!before.ok()) return before.status();
  if (absl::Status s = inner_.UpdateCost(cost); !s.ok()) return s;
  absl::StatusOr<bool> hidden = TaskHidden(&*before, &cost);
  if (!hidden.ok()) return hidden.status();
  return Record(Header{EntityType::kCost, cost.id.value(),
                       EventAction::kUpdated, cost.project, cost.task, *hidden,
                       /*money=*/true},
                &*before, &cost);
}

absl::Status EventRecorder::DeleteCost(CostId id) {
  absl::StatusOr<Cost> before = inner_.GetCost(id);
  if (!before.ok()) return before.status();
  if (absl::Status s = inner_.DeleteCost(id); !s.ok()) return s;
  absl::StatusOr<bool> hidden =
      TaskHidden(&*before, static_cast<const Cost*>(nullptr));
  if (!hidden.ok()) return hidden.status();
  return Record(Header{EntityType::kCost, id.value(), EventAction::kDeleted,
                       before->project, before->task, *hidden,
                       /*money=*/true},
                &*before, static_cast<const Cost*>(nullptr));
}

absl::StatusOr<LockId> EventRecorder::InsertLock(const PeriodLock& lock) {
  absl::StatusOr<LockId> id = inner_.InsertLock(lock);
  if (!id.ok()) return id;
  absl::Status s = Record(Header{EntityType::kLock, id->value(),
                                 EventAction::kCreated, lock.project},
                          static_cast<const PeriodLock*>(nullptr), &lock);
  if (!s.ok()) return s;
  return id;
}

absl::Status EventRecorder::DeleteLock(LockId id) {
  absl::StatusOr<std::vector<PeriodLock>> locks = inner_.ListLocks();
  if (!locks.ok()) return locks.status();
  if (absl::Status s = inner_.DeleteLock(id); !s.ok()) return s;
  for (const PeriodLock& lock : *locks) {
    if (lock.id != id) continue;
    return Record(Header{EntityType::kLock, id.value(), EventAction::kDeleted,
                         lock.project},
                  &lock, static_cast<const PeriodLock*>(nullptr));
  }
  return absl::OkStatus();
}

absl::Status EventRecorder::InsertBudgetAlert(const BudgetAlert& alert) {
  if (absl::Status s = inner_.InsertBudgetAlert(alert); !s.ok()) return s;
  absl::StatusOr<TaskFacts> facts = FactsOf(alert.task);
  if (!facts.ok()) return facts.status();
  return Record(
      Header{EntityType::kBudgetAlert, 0, EventAction::kBudgetThresholdCrossed,
             alert.project, alert.task, facts->hidden,
             alert.kind == BudgetAlert::Kind::kMoney},
      static_cast<const BudgetAlert*>(nullptr), &alert);
}

}  // namespace worksection
