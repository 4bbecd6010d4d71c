#include "src/store/memory/memory_state.h"

#include <algorithm>
#include <cstddef>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"

namespace worksection::memory_internal {
namespace {

template <typename K, typename V>
void IndexAdd(absl::flat_hash_map<K, std::set<V>>& index, const K& key,
              V value) {
  index[key].insert(value);
}

template <typename K, typename V>
void IndexRemove(absl::flat_hash_map<K, std::set<V>>& index, const K& key,
                 V value) {
  auto it = index.find(key);
  if (it == index.end()) return;
  it->second.erase(value);
  if (it->second.empty()) index.erase(it);
}

template <typename K, typename V>
const std::set<V>* IndexFind(const absl::flat_hash_map<K, std::set<V>>& index,
                             const K& key) {
  auto it = index.find(key);
  return it == index.end() ? nullptr : &it->second;
}

// Replaces map[id] with `value` (nullopt: erases it); returns the old value.
template <typename Id, typename T>
std::optional<T> Replace(std::map<Id, T>& map, Id id, std::optional<T> value) {
  std::optional<T> previous;
  auto it = map.find(id);
  if (it != map.end()) {
    previous = std::move(it->second);
    if (value) {
      it->second = *std::move(value);
    } else {
      map.erase(it);
    }
  } else if (value) {
    map.emplace(id, *std::move(value));
  }
  return previous;
}

template <typename Id, typename T>
const T* Find(const std::map<Id, T>& map, Id id) {
  auto it = map.find(id);
  return it == map.end() ? nullptr : &it->second;
}

}  // namespace

const Member* MemoryState::FindMember(MemberId id) const {
  return Find(members_, id);
}
const Project* MemoryState::FindProject(ProjectId id) const {
  return Find(projects_, id);
}
const Task* MemoryState::FindTask(TaskId id) const { return Find(tasks_, id); }
const Comment* MemoryState::FindComment(CommentId id) const {
  return Find(comments_, id);
}

std::optional<MemberId> MemoryState::MemberIdByEmail(
    absl::string_view email) const {
  auto it = member_by_email_.find(email);
  if (it == member_by_email_.end()) return std::nullopt;
  return it->second;
}

std::vector<Member> MemoryState::ListMembers(const MemberFilter& filter) const {
  std::vector<Member> out;
  for (const auto& [id, member] : members_) {
    if (!filter.include_inactive && !member.active) continue;
    if (filter.role && member.role != *filter.role) continue;
    out.push_back(member);
  }
  return out;
}

std::vector<Project> MemoryState::ListProjects(const ProjectScan& scan) const {
  const ProjectFilter& f = scan.filter;
  auto matches = [&](const Project& p) {
    if (f.status) {
      if (p.status != *f.status) return false;
    } else if (!f.include_archived && p.status == ProjectStatus::kArchived) {
      return false;
    }
    if (f.member && std::none_of(p.members.begin(), p.members.end(),
                                 [&](const ProjectMember& m) {
                                   return m.member == *f.member;
                                 })) {
      return false;
    }
    return true;
  };
  std::vector<Project> out;
  auto visit = [&](ProjectId id) {
    const Project* p = FindProject(id);
    if (p != nullptr && matches(*p)) out.push_back(*p);
  };
  // Candidates from the narrowest source, in ascending id order.
  if (scan.ids_in) {
    std::vector<ProjectId> ids = *scan.ids_in;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (ProjectId id : ids) visit(id);
  } else if (f.member) {
    if (const std::set<ProjectId>* ids =
            IndexFind(projects_by_member_, *f.member)) {
      for (ProjectId id : *ids) visit(id);
    }
  } else {
    for (const auto& [id, project] : projects_) {
      if (matches(project)) out.push_back(project);
    }
  }
  return out;
}

std::vector<Membership> MemoryState::ListMemberships(MemberId member) const {
  std::vector<Membership> out;
  const std::set<ProjectId>* ids = IndexFind(projects_by_member_, member);
  if (ids == nullptr) return out;
  for (ProjectId id : *ids) {
    const Project* p = FindProject(id);
    if (p == nullptr) continue;
    for (const ProjectMember& m : p->members) {
      if (m.member == member) {
        out.push_back(Membership{id, m.role});
        break;
      }
    }
  }
  return out;
}

std::vector<Task> MemoryState::ScanTasks(const TaskScan& scan) const {
  std::vector<Task> out;
  if (scan.limit <= 0) return out;
  const size_t limit = static_cast<size_t>(scan.limit);
  const TaskOrder order = scan.filter.order;
  // Under kId every key is 0: candidates visited in id order arrive sorted,
  // so the scan can start after `after` and stop at `limit`.
  const bool id_order = order == TaskOrder::kId;

  struct Hit {
    int64_t key;
    TaskId id;
    const Task* task;
  };
  std::vector<Hit> hits;
  // Returns false once the page is complete.
  auto consider = [&](const Task& task) {
    if (!TaskMatches(task, scan)) return true;
    const int64_t key = TaskSortKey(task, order);
    if (scan.after && std::make_tuple(key, task.id) <=
                          std::make_tuple(scan.after->key, scan.after->id)) {
      return true;
    }
    hits.push_back(Hit{key, task.id, &task});
    return !(id_order && hits.size() >= limit);
  };
  // The first id worth visiting in id order.
  TaskId start;
  if (id_order && scan.after && scan.after->key == 0) {
    start = TaskId(scan.after->id.value() + 1);
  }
  auto visit_ids = [&](const std::set<TaskId>& ids) {
    for (auto it = ids.lower_bound(start); it != ids.end(); ++it) {
      const Task* task = FindTask(*it);
      if (task != nullptr && !consider(*task)) return;
    }
  };

  // Candidates from the narrowest index that applies.
  const std::set<TaskId>* narrowest = nullptr;
  bool indexed = false;
  static const std::set<TaskId> kNone;
  if (scan.filter.project) {
    indexed = true;
    narrowest = IndexFind(tasks_by_project_, *scan.filter.project);
    if (narrowest == nullptr) narrowest = &kNone;
  }
  if (scan.filter.parent) {
    const std::set<TaskId>* children =
        IndexFind(subtasks_by_parent_, *scan.filter.parent);
    if (children == nullptr) children = &kNone;
    if (!indexed || children->size() < narrowest->size()) narrowest = children;
    indexed = true;
  }
  if (indexed) {
    visit_ids(*narrowest);
  } else if (scan.projects_in) {
    std::set<TaskId> ids;
    std::vector<ProjectId> projects = *scan.projects_in;
    std::sort(projects.begin(), projects.end());
    projects.erase(std::unique(projects.begin(), projects.end()),
                   projects.end());
    for (ProjectId p : projects) {
      if (const std::set<TaskId>* in = IndexFind(tasks_by_project_, p)) {
        ids.insert(in->begin(), in->end());
      }
    }
    visit_ids(ids);
  } else {
    for (auto it = tasks_.lower_bound(start); it != tasks_.end(); ++it) {
      if (!consider(it->second)) break;
    }
  }

  auto less = [](const Hit& a, const Hit& b) {
    return std::tie(a.key, a.id) < std::tie(b.key, b.id);
  };
  if (hits.size() > limit) {
    std::partial_sort(hits.begin(), hits.begin() + limit, hits.end(), less);
    hits.resize(limit);
  } else {
    std::sort(hits.begin(), hits.end(), less);
  }
  out.reserve(hits.size());
  for (const Hit& hit : hits) out.push_back(*hit.task);
  return out;
}

std::vector<TaskId> MemoryState::ListSubtaskIds(TaskId parent) const {
  if (!parent.valid()) return {};
  const std::set<TaskId>* ids = IndexFind(subtasks_by_parent_, parent);
  if (ids == nullptr) return {};
  return std::vector<TaskId>(ids->begin(), ids->end());
}

std::vector<Comment> MemoryState::ListComments(TaskId task,
                                               bool include_hidden) const {
  std::vector<Comment> out;
  const std::set<CommentId>* ids = IndexFind(comments_by_task_, task);
  if (ids == nullptr) return out;
  for (CommentId id : *ids) {
    const Comment* c = FindComment(id);
    if (c == nullptr || (!include_hidden && c->hidden_from_clients)) continue;
    out.push_back(*c);
  }
  return out;
}

std::optional<WorkspaceSettings> MemoryState::SetSettings(
    std::optional<WorkspaceSettings> settings) {
  std::swap(settings_, settings);
  return settings;
}

absl::StatusOr<std::optional<Member>> MemoryState::SetMember(
    MemberId id, std::optional<Member> member) {
  if (member) {
    auto it = member_by_email_.find(member->email);
    if (it != member_by_email_.end() && it->second != id) {
      return absl::AlreadyExistsError(
          absl::StrCat("email \"", member->email,
                       "\" already belongs to member ", it->second.value()));
    }
  }
  if (const Member* old = FindMember(id)) {
    auto it = member_by_email_.find(old->email);
    if (it != member_by_email_.end() && it->second == id) {
      member_by_email_.erase(it);
    }
  }
  if (member) member_by_email_[member->email] = id;
  return Replace(members_, id, std::move(member));
}

std::optional<Project> MemoryState::SetProject(ProjectId id,
                                               std::optional<Project> project) {
  if (const Project* old = FindProject(id)) {
    for (const ProjectMember& m : old->members) {
      IndexRemove(projects_by_member_, m.member, id);
    }
  }
  if (project) {
    for (const ProjectMember& m : project->members) {
      IndexAdd(projects_by_member_, m.member, id);
    }
  }
  return Replace(projects_, id, std::move(project));
}

std::optional<Task> MemoryState::SetTask(TaskId id, std::optional<Task> task) {
  if (const Task* old = FindTask(id)) {
    IndexRemove(tasks_by_project_, old->project, id);
    IndexRemove(subtasks_by_parent_, old->parent, id);
  }
  if (task) {
    IndexAdd(tasks_by_project_, task->project, id);
    // Top-level tasks sit under the invalid id, which serves a scan for
    // filter.parent == TaskId() (top-level tasks, per TaskMatches).
    IndexAdd(subtasks_by_parent_, task->parent, id);
  }
  return Replace(tasks_, id, std::move(task));
}

std::optional<Comment> MemoryState::SetComment(CommentId id,
                                               std::optional<Comment> comment) {
  if (const Comment* old = FindComment(id)) {
    IndexRemove(comments_by_task_, old->task, id);
  }
  if (comment) IndexAdd(comments_by_task_, comment->task, id);
  return Replace(comments_, id, std::move(comment));
}

}  // namespace worksection::memory_internal
