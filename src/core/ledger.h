// The bookkeeping that every change of time or money goes through: the
// daily rollups kept beside the entries, and the locked periods.
#ifndef WORKSECTION_SRC_CORE_LEDGER_H_
#define WORKSECTION_SRC_CORE_LEDGER_H_

#include <cstdint>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/rollup.h"
#include "worksection/store.h"
#include "worksection/time_tracking.h"

namespace worksection {

RollupKey RollupKeyOf(const TimeEntry& entry);
RollupTotals RollupTotalsOf(const TimeEntry& entry);

// Adds `add` to the rollup row `key`. OutOfRange (naming the row) when a
// total would pass 64 bits; nothing is written then.
absl::Status AddToRollup(Transaction& tx, const RollupKey& key,
                         const RollupTotals& add);
// The same for many rows (each key once), checked with one scan before
// anything is written, then written in key order (the stores' rollup
// tables are keyed so: neighbours share pages). A batch of entries.
absl::Status AddToRollupRows(
    Transaction& tx, std::vector<std::pair<RollupKey, RollupTotals>> rows);
// The OutOfRange of a rollup row whose totals would pass 64 bits.
absl::Status RollupTooLarge(const RollupKey& key);

// Adds or removes an entry's share of its rollup row.
absl::Status AddToRollups(Transaction& tx, const TimeEntry& entry);
absl::Status RemoveFromRollups(Transaction& tx, const TimeEntry& entry);

// Rollup changes of many entries summed by row, then written together
// (AddToRollupRows): one change per row, one overflow scan, and on a SQL
// store many rows a statement. Not thread-safe; lives for one call.
class RollupDeltas {
 public:
  // Adds (Remove: takes away) `entry`'s share of its row. OutOfRange naming
  // the row when a sum would pass 64 bits; the sums are then unchanged.
  absl::Status Add(const TimeEntry& entry);
  absl::Status Remove(const TimeEntry& entry);
  // Writes the summed changes and forgets them.
  absl::Status Write(Transaction& tx);

 private:
  absl::Status Change(const RollupKey& key, const RollupTotals& delta);

  absl::flat_hash_map<std::tuple<int64_t, int64_t, int64_t, absl::CivilDay>,
                      std::pair<RollupKey, RollupTotals>>
      rows_;
};

// FailedPrecondition naming the lock when `day` is locked for `project`;
// `what` names the line ("time entry 7").
absl::Status CheckUnlocked(Transaction& tx, ProjectId project,
                           absl::CivilDay day, absl::string_view what);
// The same against `locks` already read.
absl::Status CheckUnlocked(const std::vector<PeriodLock>& locks,
                           ProjectId project, absl::CivilDay day,
                           absl::string_view what);

// Moves the time entries and costs of `task` (not its subtasks) from
// project `from` to project `to`, with their rollups. FailedPrecondition
// when any of them is locked in either project. Rates are kept: a move is
// not a re-pricing.
absl::Status MoveTaskLedger(Transaction& tx, absl::Time now, TaskId task,
                            ProjectId from, ProjectId to);

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_LEDGER_H_
