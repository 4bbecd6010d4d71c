// Rollups of time entries, kept in the same transaction as the entries they
// sum, so reports read them instead of scanning entries: daily rows by
// (project, task, member, day), and monthly sums of them by (project,
// member, month) that a store keeps beside them.
#ifndef WORKSECTION_ROLLUP_H_
#define WORKSECTION_ROLLUP_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/time/civil_time.h"
#include "worksection/ids.h"

namespace worksection {

struct RollupKey {
  ProjectId project;
  TaskId task;
  MemberId member;
  absl::CivilDay day;

  friend bool operator==(const RollupKey& a, const RollupKey& b) {
    return a.project == b.project && a.task == b.task && a.member == b.member &&
           a.day == b.day;
  }
};

// Sums over the time entries of one key. `seconds` is raw time;
// `billable_seconds` the billed duration of billable entries.
struct RollupTotals {
  int64_t seconds = 0;
  int64_t billable_seconds = 0;
  Money billed_amount = 0;
  Money labour_cost = 0;
  int64_t entry_count = 0;

  RollupTotals& operator+=(const RollupTotals& o) {
    seconds += o.seconds;
    billable_seconds += o.billable_seconds;
    billed_amount += o.billed_amount;
    labour_cost += o.labour_cost;
    entry_count += o.entry_count;
    return *this;
  }
  RollupTotals operator-() const {
    return {-seconds, -billable_seconds, -billed_amount, -labour_cost,
            -entry_count};
  }
  // True when every total is zero (a row the store removes).
  bool empty() const {
    return seconds == 0 && billable_seconds == 0 && billed_amount == 0 &&
           labour_cost == 0 && entry_count == 0;
  }
  friend bool operator==(const RollupTotals& a, const RollupTotals& b) {
    return a.seconds == b.seconds && a.billable_seconds == b.billable_seconds &&
           a.billed_amount == b.billed_amount &&
           a.labour_cost == b.labour_cost && a.entry_count == b.entry_count;
  }
};

struct RollupRow {
  RollupKey key;
  RollupTotals totals;
};

// The rows a RollupScan reads.
enum class RollupGrain {
  kDay,  // the rows as added: (project, task, member, day)
  // Sums of the day rows by (project, member, month): key.task is none and
  // key.day the first day of the month. Reads at most one row per project,
  // member and month, however many entries and tasks they hold.
  kMonth,
};

// Every set field narrows the rows; unset vectors mean "all". from and to
// compare to key.day (for kMonth, the first day of the month). A kMonth
// scan takes no `tasks` (InvalidArgument): its rows have no task.
struct RollupScan {
  std::optional<std::vector<ProjectId>> projects;
  std::optional<std::vector<TaskId>> tasks;
  std::optional<std::vector<MemberId>> members;
  std::optional<absl::CivilDay> from;  // inclusive
  std::optional<absl::CivilDay> to;    // inclusive
  RollupGrain grain = RollupGrain::kDay;
};

}  // namespace worksection

#endif  // WORKSECTION_ROLLUP_H_
