#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/core/call.h"
#include "src/core/task_creation.h"
#include "src/core/validate.h"
#include "worksection/limits.h"
#include "worksection/session.h"
#include "worksection/workspace.h"

namespace worksection {
namespace {

absl::Status NotFound(CommentId id) {
  return absl::NotFoundError(
      absl::StrCat("comment ", id.value(), " not found"));
}

// The task a comment belongs to, if the actor may see it.
absl::StatusOr<Task> GetVisibleTask(Call& call, TaskId id,
                                    absl::string_view field) {
  absl::StatusOr<Task> task = call.tx.GetTask(id);
  if (StoreFailed(task.status())) return task.status();
  if (!task.ok() || !CanSee(call.actor, *task)) {
    return absl::NotFoundError(
        absl::StrCat(field, ": task ", id.value(), " not found"));
  }
  return task;
}

bool CanSee(const Actor& actor, const Comment& comment, const Task& task) {
  return !comment.hidden_from_clients ||
         Allowed(actor, Action::kReadHidden, TargetOf(task));
}

// A comment, visible to the actor, with its task.
absl::StatusOr<std::pair<Comment, Task>> GetVisible(Call& call, CommentId id) {
  absl::StatusOr<Comment> comment = call.tx.GetComment(id);
  if (StoreFailed(comment.status())) return comment.status();
  if (!comment.ok()) return NotFound(id);
  absl::StatusOr<Task> task = call.tx.GetTask(comment->task);
  if (StoreFailed(task.status())) return task.status();
  if (!task.ok() || !worksection::CanSee(call.actor, *task) ||
      !CanSee(call.actor, *comment, *task)) {
    return NotFound(id);
  }
  return std::make_pair(*std::move(comment), *std::move(task));
}

absl::Status CheckWrite(Call& call, const Comment& c, const Task& task) {
  absl::Status s = CheckText("comment.text", c.text, 1, limits::kMaxTextBytes);
  if (s.ok() && c.hidden_from_clients) {
    s = Require(call.actor, Action::kReadHidden, TargetOf(task),
                "a comment hidden from clients");
  }
  if (s.ok()) {
    absl::StatusOr<Project> project = call.tx.GetProject(task.project);
    if (!project.ok()) return project.status();
    if (project->status == ProjectStatus::kArchived) {
      s = absl::FailedPreconditionError(
          absl::StrCat("project ", task.project.value(),
                       " is archived; its comments cannot change"));
    }
  }
  return s;
}

}  // namespace

absl::StatusOr<Comment> CreateComment(Call& call, const Comment& comment,
                                      const CreationTimes& times) {
  absl::StatusOr<Task> task =
      GetVisibleTask(call, comment.task, "comment.task");
  if (!task.ok()) return task.status();
  Comment c = comment;
  c.author = call.actor.id();
  absl::Status s =
      Require(call.actor, Action::kCreateComment, TargetOf(c, *task),
              absl::StrCat("on task ", task->id.value()));
  if (s.ok()) s = CheckWrite(call, c, *task);
  if (!s.ok()) return s;
  c.id = CommentId();  // the store assigns it
  c.revision = 1;
  c.created_at = times.created_at.value_or(call.now);
  c.updated_at = times.updated_at.value_or(c.created_at);
  absl::StatusOr<CommentId> id = call.tx.InsertComment(c);
  if (!id.ok()) return id.status();
  c.id = *id;
  return c;
}

absl::StatusOr<Comment> Session::CreateComment(const Comment& comment) {
  return RunCall(*this, Store::Mode::kWrite,
                 [&](Call& call) -> absl::StatusOr<Comment> {
                   return worksection::CreateComment(call, comment);
                 });
}

absl::StatusOr<Comment> Session::GetComment(CommentId id) {
  return RunCall(*this, Store::Mode::kRead,
                 [&](Call& call) -> absl::StatusOr<Comment> {
                   auto found = GetVisible(call, id);
                   if (!found.ok()) return found.status();
                   return std::move(found->first);
                 });
}

absl::StatusOr<std::vector<Comment>> Session::ListComments(TaskId task_id) {
  return RunCall(
      *this, Store::Mode::kRead,
      [&](Call& call) -> absl::StatusOr<std::vector<Comment>> {
        absl::StatusOr<Task> task = GetVisibleTask(call, task_id, "task");
        if (!task.ok()) return task.status();
        return call.tx.ListComments(
            task_id, Allowed(call.actor, Action::kReadHidden, TargetOf(*task)));
      });
}

absl::StatusOr<Comment> Session::UpdateComment(const Comment& comment) {
  return RunCall(
      *this, Store::Mode::kWrite, [&](Call& call) -> absl::StatusOr<Comment> {
        auto found = GetVisible(call, comment.id);
        if (!found.ok()) return found.status();
        auto& [stored, task] = *found;
        absl::Status s =
            Require(call.actor, Action::kEditComment, TargetOf(stored, task),
                    absl::StrCat("comment ", comment.id.value()));
        if (s.ok()) {
          s = CheckRevision("comment", comment.id.value(), comment.revision,
                            stored.revision);
        }
        if (s.ok()) s = CheckWrite(call, comment, task);
        if (!s.ok()) return s;
        Comment c = stored;
        c.text = comment.text;
        c.hidden_from_clients = comment.hidden_from_clients;
        c.revision = stored.revision + 1;
        c.updated_at = call.now;
        if (s = call.tx.UpdateComment(c); !s.ok()) return s;
        return c;
      });
}

}  // namespace worksection
