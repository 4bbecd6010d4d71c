// The data of a memory store and its secondary indexes. Every change goes
// through a Set* function, which keeps the indexes in step and hands back
// the previous value, so the undo log can restore it with the same call.
//
// Not thread-safe: the store's mutex guards a MemoryState.
#ifndef WORKSECTION_SRC_STORE_MEMORY_MEMORY_STATE_H_
#define WORKSECTION_SRC_STORE_MEMORY_MEMORY_STATE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "worksection/ids.h"
#include "worksection/model.h"
#include "worksection/query.h"
#include "worksection/store.h"

namespace worksection::memory_internal {

class MemoryState {
 public:
  // --- Reads ---
  const std::optional<WorkspaceSettings>& settings() const { return settings_; }
  // Null when missing. Pointers stay valid until the entity is next set.
  const Member* FindMember(MemberId id) const;
  const Project* FindProject(ProjectId id) const;
  const Task* FindTask(TaskId id) const;
  const Comment* FindComment(CommentId id) const;

  std::optional<MemberId> MemberIdByEmail(absl::string_view email) const;
  std::vector<Member> ListMembers(const MemberFilter& filter) const;
  std::vector<Project> ListProjects(const ProjectScan& scan) const;
  std::vector<Membership> ListMemberships(MemberId member) const;
  std::vector<Task> ScanTasks(const TaskScan& scan) const;
  std::vector<TaskId> ListSubtaskIds(TaskId parent) const;
  std::vector<Comment> ListComments(TaskId task, bool include_hidden) const;

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

  // Fresh ids: counters start at 1 and only go up, also across rollbacks,
  // so an id is never handed out twice.
  MemberId NextMemberId() { return MemberId(++last_member_id_); }
  ProjectId NextProjectId() { return ProjectId(++last_project_id_); }
  TaskId NextTaskId() { return TaskId(++last_task_id_); }
  CommentId NextCommentId() { return CommentId(++last_comment_id_); }

 private:
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

  int64_t last_member_id_ = 0;
  int64_t last_project_id_ = 0;
  int64_t last_task_id_ = 0;
  int64_t last_comment_id_ = 0;
};

}  // namespace worksection::memory_internal

#endif  // WORKSECTION_SRC_STORE_MEMORY_MEMORY_STATE_H_
