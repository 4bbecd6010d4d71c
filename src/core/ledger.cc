#include "src/core/ledger.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "src/util/checked_sum.h"

namespace worksection {

RollupKey RollupKeyOf(const TimeEntry& entry) {
  return RollupKey{entry.project, entry.task, entry.member, entry.date};
}

RollupTotals RollupTotalsOf(const TimeEntry& entry) {
  RollupTotals totals;
  totals.seconds = absl::ToInt64Seconds(entry.duration);
  totals.billable_seconds =
      entry.billable ? absl::ToInt64Seconds(entry.billed_duration) : 0;
  totals.billed_amount = entry.billed_amount.value_or(0);
  totals.labour_cost = entry.labour_cost.value_or(0);
  totals.entry_count = 1;
  return totals;
}

absl::Status RollupTooLarge(const RollupKey& key) {
  return TotalTooLarge(absl::StrCat("time: task ", key.task.value(),
                                    ", member ", key.member.value(), " on ",
                                    absl::FormatCivilTime(key.day)));
}

absl::Status AddToRollup(Transaction& tx, const RollupKey& key,
                         const RollupTotals& add) {
  return AddToRollupRows(tx, {{key, add}});
}

absl::Status AddToRollupRows(
    Transaction& tx, std::vector<std::pair<RollupKey, RollupTotals>> rows) {
  if (rows.empty()) return absl::OkStatus();
  // Every row must hold its new totals: a store would wrap them (memory)
  // or reject them (SQL). One scan of the rows' projects, tasks and members
  // over their days finds the current totals of all of them.
  using Key = std::tuple<int64_t, int64_t, int64_t, absl::CivilDay>;
  auto key_of = [](const RollupKey& k) {
    return Key{k.project.value(), k.task.value(), k.member.value(), k.day};
  };
  absl::flat_hash_set<ProjectId> projects;
  absl::flat_hash_set<TaskId> tasks;
  absl::flat_hash_set<MemberId> members;
  RollupScan scan;
  scan.from = rows.front().first.day;
  scan.to = rows.front().first.day;
  for (const auto& [key, add] : rows) {
    projects.insert(key.project);
    tasks.insert(key.task);
    members.insert(key.member);
    scan.from = std::min(*scan.from, key.day);
    scan.to = std::max(*scan.to, key.day);
  }
  scan.projects = std::vector<ProjectId>(projects.begin(), projects.end());
  scan.tasks = std::vector<TaskId>(tasks.begin(), tasks.end());
  scan.members = std::vector<MemberId>(members.begin(), members.end());
  absl::StatusOr<std::vector<RollupRow>> stored = tx.ScanRollups(scan);
  if (!stored.ok()) return stored.status();
  absl::flat_hash_map<Key, RollupTotals> current;
  for (const RollupRow& row : *stored) current[key_of(row.key)] = row.totals;
  for (const auto& [key, add] : rows) {
    auto it = current.find(key_of(key));
    RollupTotals sum = add;
    if (it != current.end() && !AddChecked(sum, it->second)) {
      return RollupTooLarge(key);
    }
  }
  std::sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
    return key_of(a.first) < key_of(b.first);
  });
  for (const auto& [key, add] : rows) {
    if (absl::Status s = tx.AddToRollup(key, add); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status AddToRollups(Transaction& tx, const TimeEntry& entry) {
  return AddToRollup(tx, RollupKeyOf(entry), RollupTotalsOf(entry));
}

absl::Status RemoveFromRollups(Transaction& tx, const TimeEntry& entry) {
  return tx.AddToRollup(RollupKeyOf(entry), -RollupTotalsOf(entry));
}

absl::Status RollupDeltas::Add(const TimeEntry& entry) {
  return Change(RollupKeyOf(entry), RollupTotalsOf(entry));
}

absl::Status RollupDeltas::Remove(const TimeEntry& entry) {
  return Change(RollupKeyOf(entry), -RollupTotalsOf(entry));
}

absl::Status RollupDeltas::Change(const RollupKey& key,
                                  const RollupTotals& delta) {
  auto row =
      rows_
          .try_emplace(std::make_tuple(key.project.value(), key.task.value(),
                                       key.member.value(), key.day),
                       key, RollupTotals{})
          .first;
  if (!AddChecked(row->second.second, delta)) return RollupTooLarge(key);
  return absl::OkStatus();
}

absl::Status RollupDeltas::Write(Transaction& tx) {
  std::vector<std::pair<RollupKey, RollupTotals>> rows;
  rows.reserve(rows_.size());
  for (const auto& [order, row] : rows_) rows.push_back(row);
  rows_.clear();
  return AddToRollupRows(tx, std::move(rows));
}

absl::Status CheckUnlocked(Transaction& tx, ProjectId project,
                           absl::CivilDay day, absl::string_view what) {
  absl::StatusOr<std::vector<PeriodLock>> locks = tx.ListLocks();
  if (!locks.ok()) return locks.status();
  return CheckUnlocked(*locks, project, day, what);
}

absl::Status CheckUnlocked(const std::vector<PeriodLock>& locks,
                           ProjectId project, absl::CivilDay day,
                           absl::string_view what) {
  for (const PeriodLock& lock : locks) {
    if ((!lock.project.valid() || lock.project == project) &&
        day <= lock.through) {
      return absl::FailedPreconditionError(absl::StrCat(
          what, " dated ", absl::FormatCivilTime(day), " is locked by lock ",
          lock.id.value(), " (",
          lock.project.valid() ? absl::StrCat("project ", lock.project.value())
                               : std::string("the whole workspace"),
          ", through ", absl::FormatCivilTime(lock.through), ")"));
    }
  }
  return absl::OkStatus();
}

absl::Status MoveTaskLedger(Transaction& tx, absl::Time now, TaskId task,
                            ProjectId from, ProjectId to) {
  if (from == to) return absl::OkStatus();
  absl::StatusOr<std::vector<PeriodLock>> locks = tx.ListLocks();
  if (!locks.ok()) return locks.status();
  RollupDeltas rollups;
  TimeEntryScan scan;
  scan.tasks_in = std::vector<TaskId>{task};
  scan.limit = 1000;
  for (;;) {
    absl::StatusOr<std::vector<TimeEntry>> page = tx.ScanTimeEntries(scan);
    if (!page.ok()) return page.status();
    for (const TimeEntry& stored : *page) {
      const std::string what = absl::StrCat("time entry ", stored.id.value());
      absl::Status s = CheckUnlocked(*locks, from, stored.date, what);
      if (s.ok()) s = CheckUnlocked(*locks, to, stored.date, what);
      if (s.ok()) s = rollups.Remove(stored);
      TimeEntry moved = stored;
      moved.project = to;
      moved.revision = stored.revision + 1;
      moved.updated_at = now;
      if (s.ok()) s = tx.UpdateTimeEntry(moved);
      if (s.ok()) s = rollups.Add(moved);
      if (!s.ok()) return s;
    }
    if (static_cast<int>(page->size()) < scan.limit) break;
    scan.after = TimeEntryPosition{page->back().date, page->back().id};
  }
  if (absl::Status s = rollups.Write(tx); !s.ok()) return s;
  CostScan costs;
  costs.filter.task = task;
  absl::StatusOr<std::vector<Cost>> lines = tx.ListCosts(costs);
  if (!lines.ok()) return lines.status();
  for (const Cost& stored : *lines) {
    const std::string what = absl::StrCat("cost ", stored.id.value());
    absl::Status s = CheckUnlocked(*locks, from, stored.date, what);
    if (s.ok()) s = CheckUnlocked(*locks, to, stored.date, what);
    Cost moved = stored;
    moved.project = to;
    moved.revision = stored.revision + 1;
    moved.updated_at = now;
    if (s.ok()) s = tx.UpdateCost(moved);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace worksection
