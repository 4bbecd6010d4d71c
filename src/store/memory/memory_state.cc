#include "src/store/memory/memory_state.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
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

template <typename K, typename V>
size_t IndexSize(const absl::flat_hash_map<K, std::set<V>>& index,
                 const K& key) {
  const std::set<V>* values = IndexFind(index, key);
  return values == nullptr ? 0 : values->size();
}

template <typename T>
bool Contains(const std::vector<T>& values, const T& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// `values` sorted, without duplicates.
template <typename T>
std::vector<T> SortedUnique(std::vector<T> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

// The first position of `index`, a set of (date, id) pairs, that is on or
// after `from` and strictly after `after` (each when set).
template <typename Pos>
typename std::set<Pos>::const_iterator StartOf(
    const std::set<Pos>& index, const std::optional<absl::CivilDay>& from,
    const std::optional<Pos>& after) {
  using IdT = typename Pos::second_type;
  auto it = index.begin();
  if (from) {
    it =
        index.lower_bound(Pos(*from, IdT(std::numeric_limits<int64_t>::min())));
  }
  if (after) {
    auto past = index.upper_bound(*after);
    if (past == index.end() || (it != index.end() && *it < *past)) it = past;
  }
  return it;
}

bool CostMatches(const Cost& cost, const CostScan& scan) {
  const CostFilter& f = scan.filter;
  if (scan.projects_in && !Contains(*scan.projects_in, cost.project)) {
    return false;
  }
  if (f.project && cost.project != *f.project) return false;
  if (f.task && cost.task != *f.task) return false;
  if (f.kind && cost.kind != *f.kind) return false;
  if (f.from && cost.date < *f.from) return false;
  if (f.to && cost.date > *f.to) return false;
  return true;
}

bool RollupMatches(const RollupMapKey& key, const RollupScan& scan) {
  const auto& [project, task, member, day] = key;
  if (scan.projects && !Contains(*scan.projects, project)) return false;
  if (scan.tasks && !Contains(*scan.tasks, task)) return false;
  if (scan.members && !Contains(*scan.members, member)) return false;
  if (scan.from && day < *scan.from) return false;
  if (scan.to && day > *scan.to) return false;
  return true;
}

// The first rollup key of `project`.
RollupMapKey FirstRollupKey(ProjectId project) {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  return RollupMapKey(project, TaskId(kMin), MemberId(kMin),
                      absl::CivilDay::min());
}

}  // namespace

RollupMapKey ToMapKey(const RollupKey& key) {
  return RollupMapKey(key.project, key.task, key.member, key.day);
}

BudgetAlertKey ToMapKey(const BudgetAlert& alert) {
  return BudgetAlertKey(alert.project, alert.task, alert.kind, alert.percent);
}

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

const TimeEntry* MemoryState::FindTimeEntry(TimeEntryId id) const {
  return Find(time_entries_, id);
}
const Timer* MemoryState::FindTimer(MemberId member) const {
  return Find(timers_, member);
}
const Cost* MemoryState::FindCost(CostId id) const { return Find(costs_, id); }
const PeriodLock* MemoryState::FindLock(LockId id) const {
  return Find(locks_, id);
}
const RollupTotals* MemoryState::FindRollup(const RollupMapKey& key) const {
  return Find(rollups_, key);
}
const BudgetAlert* MemoryState::FindBudgetAlert(
    const BudgetAlertKey& key) const {
  return Find(budget_alerts_, key);
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

void MemoryState::WalkEntries(const EntryIndex& index,
                              const TimeEntryScan& scan, size_t limit,
                              std::vector<const TimeEntry*>& out) const {
  static const std::vector<std::string> kNoTags;
  const TimeEntryFilter& f = scan.filter;
  size_t found = 0;
  std::optional<EntryPos> after;
  if (scan.after) after = EntryPos(scan.after->date, scan.after->id);
  for (auto it = StartOf(index, f.from, after);
       it != index.end() && found < limit; ++it) {
    if (f.to && it->first > *f.to) break;
    const TimeEntry* entry = FindTimeEntry(it->second);
    if (entry == nullptr) continue;
    const Task* task = FindTask(entry->task);
    if (!TimeEntryMatches(*entry, scan, task ? task->tags : kNoTags,
                          task != nullptr && task->hidden_from_clients)) {
      continue;
    }
    out.push_back(entry);
    ++found;
  }
}

std::vector<TimeEntry> MemoryState::ScanTimeEntries(
    const TimeEntryScan& scan) const {
  std::vector<TimeEntry> out;
  if (scan.limit <= 0) return out;
  const size_t limit = static_cast<size_t>(scan.limit);
  const TimeEntryFilter& f = scan.filter;
  static const EntryIndex kNone;

  // Candidates from the narrowest source: one index, or the union of a few
  // (tasks_in, projects_in), each walked in (date, id) order.
  const EntryIndex* single = &entries_by_date_;
  size_t best = entries_by_date_.size();
  auto consider = [&](const EntryIndex* index) {
    if (index == nullptr) index = &kNone;
    if (index->size() <= best) {
      single = index;
      best = index->size();
    }
  };
  if (f.task) consider(IndexFind(entries_by_task_, *f.task));
  if (f.project) consider(IndexFind(entries_by_project_, *f.project));
  if (f.member) consider(IndexFind(entries_by_member_, *f.member));
  std::vector<const EntryIndex*> union_of;
  auto consider_union = [&](const auto& index, const auto& ids) {
    std::vector<const EntryIndex*> indexes;
    size_t size = 0;
    for (const auto& id : SortedUnique(ids)) {
      if (const EntryIndex* in = IndexFind(index, id)) {
        indexes.push_back(in);
        size += in->size();
      }
    }
    if (size < best) {
      best = size;
      union_of = std::move(indexes);
      single = nullptr;
    }
  };
  if (scan.tasks_in) consider_union(entries_by_task_, *scan.tasks_in);
  if (scan.projects_in) consider_union(entries_by_project_, *scan.projects_in);

  std::vector<const TimeEntry*> hits;
  if (single != nullptr) {
    WalkEntries(*single, scan, limit, hits);
  } else {
    // Each part holds the first `limit` of its own hits; the page is the
    // first `limit` of their union.
    for (const EntryIndex* index : union_of) {
      WalkEntries(*index, scan, limit, hits);
    }
    auto less = [](const TimeEntry* a, const TimeEntry* b) {
      return std::tie(a->date, a->id) < std::tie(b->date, b->id);
    };
    if (hits.size() > limit) {
      std::partial_sort(hits.begin(), hits.begin() + limit, hits.end(), less);
      hits.resize(limit);
    } else {
      std::sort(hits.begin(), hits.end(), less);
    }
  }
  out.reserve(hits.size());
  for (const TimeEntry* entry : hits) out.push_back(*entry);
  return out;
}

std::vector<Timer> MemoryState::ListTimers() const {
  std::vector<Timer> out;
  out.reserve(timers_.size());
  for (const auto& [member, timer] : timers_) out.push_back(timer);
  return out;
}

std::vector<Cost> MemoryState::ListCosts(const CostScan& scan) const {
  std::vector<Cost> out;
  const CostFilter& f = scan.filter;
  auto walk = [&](const CostIndex& index) {
    for (auto it = StartOf(index, f.from, std::optional<CostPos>());
         it != index.end(); ++it) {
      if (f.to && it->first > *f.to) break;
      const Cost* cost = FindCost(it->second);
      if (cost != nullptr && CostMatches(*cost, scan)) out.push_back(*cost);
    }
  };
  if (f.project) {
    if (const CostIndex* index = IndexFind(costs_by_project_, *f.project)) {
      walk(*index);
    }
    return out;
  }
  if (scan.projects_in) {
    for (ProjectId project : SortedUnique(*scan.projects_in)) {
      if (const CostIndex* index = IndexFind(costs_by_project_, project)) {
        walk(*index);
      }
    }
    std::sort(out.begin(), out.end(), [](const Cost& a, const Cost& b) {
      return std::tie(a.date, a.id) < std::tie(b.date, b.id);
    });
    return out;
  }
  walk(costs_by_date_);
  return out;
}

std::vector<PeriodLock> MemoryState::ListLocks() const {
  std::vector<PeriodLock> out;
  out.reserve(locks_.size());
  for (const auto& [id, lock] : locks_) out.push_back(lock);
  return out;
}

std::vector<RollupRow> MemoryState::ScanRollups(const RollupScan& scan) const {
  std::vector<RollupRow> out;
  auto emit = [&](const RollupMapKey& key, const RollupTotals& totals) {
    if (!RollupMatches(key, scan)) return;
    const auto& [project, task, member, day] = key;
    out.push_back(RollupRow{RollupKey{project, task, member, day}, totals});
  };

  // The narrowest source: projects' key ranges, or the rows of some tasks
  // or members (an index), or every row.
  enum class Source { kAll, kProjects, kTasks, kMembers };
  Source source = Source::kAll;
  size_t best = rollups_.size();
  if (scan.projects) {
    size_t size = 0;
    for (ProjectId p : SortedUnique(*scan.projects)) {
      auto it = rollup_count_by_project_.find(p);
      if (it != rollup_count_by_project_.end()) size += it->second;
    }
    if (size <= best) {
      best = size;
      source = Source::kProjects;
    }
  }
  auto index_size = [](const auto& index, const auto& ids) {
    size_t size = 0;
    for (const auto& id : SortedUnique(ids)) size += IndexSize(index, id);
    return size;
  };
  if (scan.tasks) {
    const size_t size = index_size(rollups_by_task_, *scan.tasks);
    if (size < best) {
      best = size;
      source = Source::kTasks;
    }
  }
  if (scan.members) {
    const size_t size = index_size(rollups_by_member_, *scan.members);
    if (size < best) {
      best = size;
      source = Source::kMembers;
    }
  }

  auto visit_index = [&](const auto& index, const auto& ids) {
    std::vector<RollupMapKey> keys;
    keys.reserve(best);
    for (const auto& id : SortedUnique(ids)) {
      if (const RollupIndex* in = IndexFind(index, id)) {
        keys.insert(keys.end(), in->begin(), in->end());
      }
    }
    std::sort(keys.begin(), keys.end());
    for (const RollupMapKey& key : keys) {
      if (const RollupTotals* totals = FindRollup(key)) emit(key, *totals);
    }
  };
  switch (source) {
    case Source::kAll:
      for (const auto& [key, totals] : rollups_) emit(key, totals);
      break;
    case Source::kProjects:
      for (ProjectId p : SortedUnique(*scan.projects)) {
        for (auto it = rollups_.lower_bound(FirstRollupKey(p));
             it != rollups_.end() && std::get<0>(it->first) == p; ++it) {
          emit(it->first, it->second);
        }
      }
      break;
    case Source::kTasks:
      visit_index(rollups_by_task_, *scan.tasks);
      break;
    case Source::kMembers:
      visit_index(rollups_by_member_, *scan.members);
      break;
  }
  return out;
}

std::vector<BudgetAlert> MemoryState::ListBudgetAlerts(
    ProjectId project) const {
  std::vector<BudgetAlert> out;
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  for (auto it = budget_alerts_.lower_bound(
           BudgetAlertKey(project, TaskId(kMin), BudgetAlert::Kind::kTime,
                          std::numeric_limits<int>::min()));
       it != budget_alerts_.end() && std::get<0>(it->first) == project; ++it) {
    out.push_back(it->second);
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

std::optional<TimeEntry> MemoryState::SetTimeEntry(
    TimeEntryId id, std::optional<TimeEntry> entry) {
  if (const TimeEntry* old = FindTimeEntry(id)) {
    const EntryPos pos(old->date, id);
    entries_by_date_.erase(pos);
    IndexRemove(entries_by_task_, old->task, pos);
    IndexRemove(entries_by_project_, old->project, pos);
    IndexRemove(entries_by_member_, old->member, pos);
  }
  if (entry) {
    const EntryPos pos(entry->date, id);
    entries_by_date_.insert(pos);
    IndexAdd(entries_by_task_, entry->task, pos);
    IndexAdd(entries_by_project_, entry->project, pos);
    IndexAdd(entries_by_member_, entry->member, pos);
  }
  return Replace(time_entries_, id, std::move(entry));
}

std::optional<Timer> MemoryState::SetTimer(MemberId member,
                                           std::optional<Timer> timer) {
  return Replace(timers_, member, std::move(timer));
}

std::optional<Cost> MemoryState::SetCost(CostId id, std::optional<Cost> cost) {
  if (const Cost* old = FindCost(id)) {
    const CostPos pos(old->date, id);
    costs_by_date_.erase(pos);
    IndexRemove(costs_by_project_, old->project, pos);
  }
  if (cost) {
    const CostPos pos(cost->date, id);
    costs_by_date_.insert(pos);
    IndexAdd(costs_by_project_, cost->project, pos);
  }
  return Replace(costs_, id, std::move(cost));
}

std::optional<PeriodLock> MemoryState::SetLock(LockId id,
                                               std::optional<PeriodLock> lock) {
  return Replace(locks_, id, std::move(lock));
}

std::optional<RollupTotals> MemoryState::SetRollup(
    const RollupMapKey& key, std::optional<RollupTotals> totals) {
  if (totals && totals->empty()) totals.reset();
  const auto& [project, task, member, day] = key;
  const bool had = FindRollup(key) != nullptr;
  if (had && !totals) {
    IndexRemove(rollups_by_task_, task, key);
    IndexRemove(rollups_by_member_, member, key);
    auto it = rollup_count_by_project_.find(project);
    if (it != rollup_count_by_project_.end() && --it->second == 0) {
      rollup_count_by_project_.erase(it);
    }
  } else if (!had && totals) {
    IndexAdd(rollups_by_task_, task, key);
    IndexAdd(rollups_by_member_, member, key);
    ++rollup_count_by_project_[project];
  }
  return Replace(rollups_, key, std::move(totals));
}

std::optional<BudgetAlert> MemoryState::SetBudgetAlert(
    const BudgetAlertKey& key, std::optional<BudgetAlert> alert) {
  return Replace(budget_alerts_, key, std::move(alert));
}

std::vector<StoredEvent> MemoryState::ScanEvents(int64_t after_seq,
                                                 int limit) const {
  std::vector<StoredEvent> out;
  const size_t begin =
      static_cast<size_t>(std::clamp<int64_t>(after_seq, 0, events_.size()));
  const size_t end =
      std::min(events_.size(), begin + static_cast<size_t>(std::max(limit, 0)));
  out.assign(events_.begin() + begin, events_.begin() + end);
  return out;
}

int64_t MemoryState::AppendEvent(StoredEvent event) {
  event.seq = static_cast<int64_t>(events_.size()) + 1;
  events_.push_back(std::move(event));
  return events_.back().seq;
}

}  // namespace worksection::memory_internal
