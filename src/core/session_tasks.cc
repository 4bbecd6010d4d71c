#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/core/budget.h"
#include "src/core/call.h"
#include "src/core/ledger.h"
#include "src/core/page_token.h"
#include "src/core/task_creation.h"
#include "src/core/task_tree.h"
#include "src/core/validate.h"
#include "worksection/limits.h"
#include "worksection/session.h"
#include "worksection/workspace.h"

namespace worksection {
namespace {

absl::Status NotFound(TaskId id) {
  return absl::NotFoundError(absl::StrCat("task ", id.value(), " not found"));
}

// The task if it exists and the actor may see it; NotFound otherwise, so a
// client cannot even learn that a hidden task exists.
absl::StatusOr<Task> GetVisible(Call& call, TaskId id) {
  absl::StatusOr<Task> task = call.tx.GetTask(id);
  if (!task.ok()) {
    return absl::IsNotFound(task.status()) ? NotFound(id) : task.status();
  }
  if (!CanSee(call.actor, *task)) return NotFound(id);
  return task;
}

absl::StatusOr<Project> GetWritableProject(Call& call, ProjectId id,
                                           absl::string_view field) {
  absl::StatusOr<Project> project = call.tx.GetProject(id);
  if (StoreFailed(project.status())) return project.status();
  if (!project.ok() || !Allowed(call.actor, Action::kReadProject, Target{id})) {
    return absl::NotFoundError(
        absl::StrCat(field, ": project ", id.value(), " not found"));
  }
  if (project->status == ProjectStatus::kArchived) {
    return absl::FailedPreconditionError(absl::StrCat(
        "project ", id.value(), " is archived; its tasks cannot change"));
  }
  return project;
}

// Checks that `subtree` may hang under `parent` (none: top level) in
// `project`: same project, no cycle, at most kMaxTaskDepth levels.
absl::Status CheckPlacement(Call& call, const Subtree& subtree, TaskId parent,
                            ProjectId project) {
  if (parent.value() == 0) return absl::OkStatus();
  absl::StatusOr<Task> p = GetVisible(call, parent);
  if (StoreFailed(p.status())) return p.status();
  if (!p.ok()) {
    return absl::NotFoundError(
        absl::StrCat("task.parent: task ", parent.value(), " not found"));
  }
  if (p->project != project) {
    return absl::InvalidArgumentError(
        absl::StrCat("task.parent: task ", parent.value(), " is in project ",
                     p->project.value(), ", not in project ", project.value()));
  }
  if (std::find(subtree.ids.begin(), subtree.ids.end(), parent) !=
      subtree.ids.end()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "task.parent: task ", parent.value(), " is task ",
        subtree.ids.front().value(), " or one of its subtasks: a cycle"));
  }
  absl::StatusOr<int> level = Level(call.tx, *p);
  if (!level.ok()) return level.status();
  if (*level + subtree.height > limits::kMaxTaskDepth) {
    return absl::FailedPreconditionError(absl::StrCat(
        "task.parent: under task ", parent.value(), " (level ", *level,
        ") the task would reach level ", *level + subtree.height,
        "; tasks nest at most ", limits::kMaxTaskDepth, " levels"));
  }
  return absl::OkStatus();
}

absl::Status CheckPeople(Transaction& tx, const Task& t) {
  if (t.assignee.value() != 0) {
    if (absl::Status s = CheckCanSee(tx, t.assignee, t, "task.assignee");
        !s.ok()) {
      return s;
    }
  }
  for (MemberId id : t.subscribers) {
    if (absl::Status s = CheckCanSee(tx, id, t, "task.subscribers"); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

// A subtask of a hidden task is hidden too, so that a client never meets a
// task whose parent they cannot see.
absl::StatusOr<bool> ParentIsHidden(Transaction& tx, TaskId parent) {
  if (parent.value() == 0) return false;
  absl::StatusOr<Task> p = tx.GetTask(parent);
  if (!p.ok()) return p.status();
  return p->hidden_from_clients;
}

// Hides every subtask of `root` (whose own row is written by the caller).
absl::Status HideSubtasks(Call& call, const Subtree& subtree) {
  for (size_t i = 1; i < subtree.ids.size(); ++i) {
    absl::StatusOr<Task> stored = call.tx.GetTask(subtree.ids[i]);
    if (!stored.ok()) return stored.status();
    if (stored->hidden_from_clients) continue;
    Task t = *stored;
    t.hidden_from_clients = true;
    if (absl::Status s = CheckPeople(call.tx, t); !s.ok()) return s;
    t.revision = stored->revision + 1;
    t.updated_at = call.now;
    if (absl::Status s = call.tx.UpdateTask(t); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// Checks the fields the caller writes and brings them into canonical form.
absl::Status CheckAndNormalize(const Actor& actor, Task& t) {
  absl::Status s = CheckText("task.title", t.title, 1, limits::kMaxTitleBytes);
  if (s.ok()) s = CheckText("task.text", t.text, 0, limits::kMaxTextBytes);
  if (s.ok()) s = CheckPriority("task.priority", t.priority);
  if (s.ok()) s = CheckOptionalDay("task.start_date", t.start_date);
  if (s.ok() && t.deadline) {
    s = CheckDay("task.deadline", t.deadline->day);
    if (s.ok() && t.deadline->minute_of_day &&
        (*t.deadline->minute_of_day < 0 || *t.deadline->minute_of_day > 1439)) {
      s = absl::InvalidArgumentError(
          absl::StrCat("task.deadline.minute_of_day: must be 0 to 1439, got ",
                       *t.deadline->minute_of_day));
    }
    if (s.ok()) {
      s = CheckDayOrder("task.start_date", t.start_date, "task.deadline",
                        t.deadline->day);
    }
  }
  if (s.ok()) s = CheckOptionalDuration("task.estimate", t.estimate);
  if (s.ok()) s = CheckOptionalMoney("task.money_budget", t.money_budget);
  if (s.ok() && t.checklist.size() > limits::kMaxChecklistItems) {
    s = absl::InvalidArgumentError(
        absl::StrCat("task.checklist: at most ", limits::kMaxChecklistItems,
                     " items, got ", t.checklist.size()));
  }
  for (size_t i = 0; s.ok() && i < t.checklist.size(); ++i) {
    s = CheckText(absl::StrCat("task.checklist[", i, "].text"),
                  t.checklist[i].text, 1, limits::kMaxTitleBytes);
  }
  if (s.ok() && t.hidden_from_clients &&
      !Allowed(actor, Action::kReadHidden, TargetOf(t))) {
    s = Require(actor, Action::kReadHidden, TargetOf(t),
                "a task hidden from clients");
  }
  if (!s.ok()) return s;
  absl::StatusOr<std::vector<std::string>> tags =
      NormalizeTags("task.tags", t.tags);
  if (!tags.ok()) return tags.status();
  t.tags = *std::move(tags);
  std::sort(t.subscribers.begin(), t.subscribers.end());
  t.subscribers.erase(std::unique(t.subscribers.begin(), t.subscribers.end()),
                      t.subscribers.end());
  if (t.subscribers.size() > limits::kMaxSubscribers) {
    return absl::InvalidArgumentError(
        absl::StrCat("task.subscribers: at most ", limits::kMaxSubscribers,
                     ", got ", t.subscribers.size()));
  }
  return absl::OkStatus();
}

// Writes `t` as the next revision of `stored` and returns it as the actor
// sees it.
absl::StatusOr<Task> WriteTask(Call& call, Task t, const Task& stored) {
  t.revision = stored.revision + 1;
  t.created_at = stored.created_at;
  t.updated_at = call.now;
  if (absl::Status s = call.tx.UpdateTask(t); !s.ok()) return s;
  RedactMoney(call.actor, t);
  return t;
}

// The stored task, visible and editable by the actor in a live project.
absl::StatusOr<Task> GetEditable(Call& call, TaskId id) {
  absl::StatusOr<Task> task = GetVisible(call, id);
  if (!task.ok()) return task.status();
  absl::Status s = Require(call.actor, Action::kEditTask, TargetOf(*task),
                           absl::StrCat("task ", id.value()));
  if (!s.ok()) return s;
  absl::StatusOr<Project> project =
      GetWritableProject(call, task->project, "task.project");
  if (!project.ok()) return project.status();
  return task;
}

// What a task set to `status` with `note` must satisfy beyond the right to
// edit it: a valid note, and a change.
absl::Status CheckNewStatus(const Task& task, TaskStatus status,
                            const std::string& note) {
  absl::Status s = CheckText("completion_note", note, 0, limits::kMaxTextBytes);
  if (s.ok() && task.status == status) {
    s = absl::FailedPreconditionError(absl::StrCat(
        "task ", task.id.value(), " is already ", TaskStatusName(status)));
  }
  return s;
}

absl::StatusOr<Task> SetStatus(const Session& session, TaskId id,
                               TaskStatus status, std::string note) {
  return RunCall(
      session, Store::Mode::kWrite, [&](Call& call) -> absl::StatusOr<Task> {
        absl::StatusOr<Task> stored = GetEditable(call, id);
        if (!stored.ok()) return stored.status();
        if (absl::Status s = CheckNewStatus(*stored, status, note); !s.ok()) {
          return s;
        }
        Task t = *stored;
        t.status = status;
        t.completion_note = std::move(note);
        t.completed_at = status == TaskStatus::kDone
                             ? std::optional<absl::Time>(call.now)
                             : std::nullopt;
        return WriteTask(call, std::move(t), *stored);
      });
}

}  // namespace

absl::StatusOr<Task> CreateTask(Call& call, const Task& task,
                                const CreationTimes& times,
                                std::optional<absl::Time> completed_at) {
  absl::StatusOr<Project> project =
      GetWritableProject(call, task.project, "task.project");
  if (!project.ok()) return project.status();
  Task t = task;
  t.author = call.actor.id();
  t.status = TaskStatus::kOpen;
  absl::Status s = Require(call.actor, Action::kCreateTask, TargetOf(t),
                           absl::StrCat("project ", t.project.value()));
  if (s.ok() && t.money_budget &&
      !Allowed(call.actor, Action::kReadMoney, TargetOf(t))) {
    s = Require(call.actor, Action::kReadMoney, TargetOf(t),
                "task.money_budget");
  }
  if (s.ok() && completed_at) {
    // What CompleteTask would ask right after the creation.
    s = Require(
        call.actor, Action::kEditTask, TargetOf(t),
        absl::StrCat("a task created done in project ", t.project.value()));
    if (s.ok()) s = CheckNewStatus(t, TaskStatus::kDone, t.completion_note);
  }
  if (s.ok()) s = CheckAndNormalize(call.actor, t);
  if (s.ok()) {
    s = CheckPlacement(call, Subtree{}, t.parent, t.project);
  }
  if (!s.ok()) return s;
  absl::StatusOr<bool> parent_hidden = ParentIsHidden(call.tx, t.parent);
  if (!parent_hidden.ok()) return parent_hidden.status();
  t.hidden_from_clients |= *parent_hidden;
  if (s = CheckPeople(call.tx, t); !s.ok()) return s;
  t.id = TaskId();  // the store assigns it
  t.revision = 1;
  if (completed_at) {
    t.status = TaskStatus::kDone;
    t.completed_at = completed_at;
  } else {
    t.completion_note.clear();
    t.completed_at.reset();
  }
  t.created_at = times.created_at.value_or(call.now);
  t.updated_at = times.updated_at.value_or(t.created_at);
  absl::StatusOr<TaskId> id = call.tx.InsertTask(t);
  if (!id.ok()) return id.status();
  t.id = *id;
  RedactMoney(call.actor, t);
  return t;
}

absl::StatusOr<Task> Session::CreateTask(const Task& task) {
  return RunCall(*this, Store::Mode::kWrite,
                 [&](Call& call) -> absl::StatusOr<Task> {
                   return worksection::CreateTask(call, task);
                 });
}

absl::StatusOr<Task> Session::GetTask(TaskId id) {
  return RunCall(*this, Store::Mode::kRead,
                 [&](Call& call) -> absl::StatusOr<Task> {
                   absl::StatusOr<Task> task = GetVisible(call, id);
                   if (task.ok()) RedactMoney(call.actor, *task);
                   return task;
                 });
}

absl::StatusOr<TaskPage> Session::ListTasks(const TaskFilter& filter) {
  return RunCall(
      *this, Store::Mode::kRead, [&](Call& call) -> absl::StatusOr<TaskPage> {
        if (filter.limit < 1 || filter.limit > limits::kMaxPageSize) {
          return absl::InvalidArgumentError(
              absl::StrCat("filter.limit: must be 1 to ", limits::kMaxPageSize,
                           ", got ", filter.limit));
        }
        absl::Status s =
            CheckPriority("filter.min_priority", filter.min_priority);
        if (s.ok())
          s = CheckPriority("filter.max_priority", filter.max_priority);
        // Days outside the supported years would overflow the stores' date
        // arithmetic.
        if (s.ok()) {
          s = CheckOptionalDay("filter.deadline_from", filter.deadline_from);
        }
        if (s.ok()) {
          s = CheckOptionalDay("filter.deadline_to", filter.deadline_to);
        }
        if (s.ok()) {
          s = CheckOptionalDay("filter.overdue_as_of", filter.overdue_as_of);
        }
        if (!s.ok()) return s;
        absl::StatusOr<std::optional<TaskSortPosition>> after =
            DecodePageToken(filter);
        if (!after.ok()) return after.status();

        TaskScan scan;
        scan.filter = filter;
        scan.after = *after;
        scan.limit = filter.limit + 1;  // one more tells whether a page follows
        if (!Allowed(call.actor, Action::kReadTask, Target{})) {
          scan.projects_in.emplace();
          for (const auto& [id, role] : call.actor.projects) {
            if (Allowed(call.actor, Action::kReadTask, Target{id})) {
              scan.projects_in->push_back(id);
            }
          }
          std::sort(scan.projects_in->begin(), scan.projects_in->end());
        }
        scan.include_hidden = ReadsHiddenInAllProjects(call.actor);
        absl::StatusOr<std::vector<Task>> tasks = call.tx.ScanTasks(scan);
        if (!tasks.ok()) return tasks.status();

        TaskPage page;
        if (static_cast<int>(tasks->size()) > filter.limit) {
          tasks->resize(filter.limit);
          const Task& last = tasks->back();
          page.next_page_token = EncodePageToken(
              filter, {TaskSortKey(last, filter.order), last.id});
        }
        page.tasks = *std::move(tasks);
        for (Task& t : page.tasks) RedactMoney(call.actor, t);
        return page;
      });
}

absl::StatusOr<Task> Session::UpdateTask(const Task& task) {
  return RunCall(
      *this, Store::Mode::kWrite, [&](Call& call) -> absl::StatusOr<Task> {
        absl::StatusOr<Task> stored = GetEditable(call, task.id);
        if (!stored.ok()) return stored.status();
        Task t = task;
        // Fields that only other calls change keep their stored values.
        t.project = stored->project;
        t.author = stored->author;
        t.status = stored->status;
        t.completion_note = stored->completion_note;
        t.completed_at = stored->completed_at;
        if (!Allowed(call.actor, Action::kReadMoney, TargetOf(*stored))) {
          t.money_budget = stored->money_budget;
        }
        const bool reparented = t.parent != stored->parent;
        absl::Status s = CheckRevision("task", task.id.value(), task.revision,
                                       stored->revision);
        if (s.ok() && reparented) {
          s = Require(
              call.actor, Action::kMoveTask, TargetOf(*stored),
              absl::StrCat("task ", task.id.value(), " to a new parent"));
        }
        if (s.ok()) s = CheckAndNormalize(call.actor, t);
        if (!s.ok()) return s;
        absl::StatusOr<Subtree> subtree = LoadSubtree(call.tx, t.id);
        if (!subtree.ok()) return subtree.status();
        if (reparented) {
          s = CheckPlacement(call, *subtree, t.parent, t.project);
          if (!s.ok()) return s;
        }
        absl::StatusOr<bool> parent_hidden = ParentIsHidden(call.tx, t.parent);
        if (!parent_hidden.ok()) return parent_hidden.status();
        if (*parent_hidden && !t.hidden_from_clients) {
          if (!reparented) {
            return absl::FailedPreconditionError(
                absl::StrCat("task.hidden_from_clients: task ", t.id.value(),
                             " is a subtask of hidden task ", t.parent.value(),
                             " and stays hidden"));
          }
          t.hidden_from_clients = true;
        }
        if (s = CheckPeople(call.tx, t); !s.ok()) return s;
        if (t.hidden_from_clients) {
          if (s = HideSubtasks(call, *subtree); !s.ok()) return s;
        }
        const ProjectId project = t.project;
        const TaskId id = t.id;
        absl::StatusOr<Task> written = WriteTask(call, std::move(t), *stored);
        if (!written.ok()) return written;
        // A changed estimate or money budget may be crossed at once.
        if (s = RecordBudgetCrossings(call.tx, call.now, project, id);
            !s.ok()) {
          return s;
        }
        return written;
      });
}

absl::StatusOr<Task> Session::CompleteTask(TaskId id,
                                           std::string completion_note) {
  return SetStatus(*this, id, TaskStatus::kDone, std::move(completion_note));
}

absl::StatusOr<Task> Session::ReopenTask(TaskId id) {
  return SetStatus(*this, id, TaskStatus::kOpen, "");
}

absl::StatusOr<Task> Session::MoveTask(TaskId id, ProjectId project,
                                       TaskId new_parent) {
  return RunCall(
      *this, Store::Mode::kWrite, [&](Call& call) -> absl::StatusOr<Task> {
        absl::StatusOr<Task> root = GetVisible(call, id);
        if (!root.ok()) return root.status();
        absl::Status s = Require(call.actor, Action::kMoveTask, TargetOf(*root),
                                 absl::StrCat("task ", id.value()));
        if (!s.ok()) return s;
        absl::StatusOr<Project> source =
            GetWritableProject(call, root->project, "task.project");
        if (!source.ok()) return source.status();
        absl::StatusOr<Project> target =
            GetWritableProject(call, project, "project");
        if (!target.ok()) return target.status();
        s = Require(call.actor, Action::kCreateTask, Target{project},
                    absl::StrCat("project ", project.value()));
        absl::StatusOr<Subtree> subtree = LoadSubtree(call.tx, id);
        if (!subtree.ok()) return subtree.status();
        if (s.ok()) s = CheckPlacement(call, *subtree, new_parent, project);
        if (!s.ok()) return s;
        absl::StatusOr<bool> hide = ParentIsHidden(call.tx, new_parent);
        if (!hide.ok()) return hide.status();

        Task moved_root;
        for (TaskId member_id : subtree->ids) {
          absl::StatusOr<Task> stored = call.tx.GetTask(member_id);
          if (!stored.ok()) return stored.status();
          Task t = *stored;
          t.project = project;
          if (member_id == id) t.parent = new_parent;
          t.hidden_from_clients |= *hide;
          if (s = CheckPeople(call.tx, t); !s.ok()) return s;
          s = MoveTaskLedger(call.tx, call.now, member_id, stored->project,
                             project);
          if (!s.ok()) return s;
          absl::StatusOr<Task> written = WriteTask(call, std::move(t), *stored);
          if (!written.ok()) return written.status();
          if (member_id == id) moved_root = *std::move(written);
        }
        if (s = RecordBudgetCrossings(call.tx, call.now, project, id);
            !s.ok()) {
          return s;
        }
        return moved_root;
      });
}

}  // namespace worksection
