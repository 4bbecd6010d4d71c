// Every operation on a workspace, performed as one member.
#ifndef WORKSECTION_SESSION_H_
#define WORKSECTION_SESSION_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "worksection/ids.h"
#include "worksection/model.h"
#include "worksection/query.h"

namespace worksection {

class Workspace;

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
// Unavailable when the store stays busy.
//
// Cheap to copy. Thread-compatible: use one Session per thread. The
// Workspace must outlive it.
class Session {
 public:
  MemberId actor() const { return actor_; }

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

 private:
  friend class Workspace;
  Session(Workspace* workspace, MemberId actor)
      : workspace_(workspace), actor_(actor) {}

  Workspace* workspace_;  // not owned
  MemberId actor_;
};

}  // namespace worksection

#endif  // WORKSECTION_SESSION_H_
