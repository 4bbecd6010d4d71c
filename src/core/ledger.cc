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
  TimeEntryScan scan;
  scan.tasks_in = std::vector<TaskId>{task};
  scan.limit = 1000;
  for (;;) {
    absl::StatusOr<std::vector<TimeEntry>> page = tx.ScanTimeEntries(scan);
    if (!page.ok()) return page.status();
    for (const TimeEntry& stored : *page) {
      const std::string what = absl::StrCat("time entry ", stored.id.value());
      absl::Status s = CheckUnlocked(tx, from, stored.date, what);
      if (s.ok()) s = CheckUnlocked(tx, to, stored.date, what);
      if (s.ok()) s = RemoveFromRollups(tx, stored);
      TimeEntry moved = stored;
      moved.project = to;
      moved.revision = stored.revision + 1;
      moved.updated_at = now;
      if (s.ok()) s = tx.UpdateTimeEntry(moved);
      if (s.ok()) s = AddToRollups(tx, moved);
      if (!s.ok()) return s;
    }
    if (static_cast<int>(page->size()) < scan.limit) break;
    scan.after = TimeEntryPosition{page->back().date, page->back().id};
  }
  CostScan costs;
  costs.filter.task = task;
  absl::StatusOr<std::vector<Cost>> lines = tx.ListCosts(costs);
  if (!lines.ok()) return lines.status();
  for (const Cost& stored : *lines) {
    const std::string what = absl::StrCat("cost ", stored.id.value());
    absl::Status s = CheckUnlocked(tx, from, stored.date, what);
    if (s.ok()) s = CheckUnlocked(tx, to, stored.date, what);
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
