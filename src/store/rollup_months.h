// Monthly rollup rows (RollupGrain::kMonth) as sums of the daily ones: the
// reference semantics, which a store without a monthly table of its own
// (the memory store) serves directly.
#ifndef WORKSECTION_SRC_STORE_ROLLUP_MONTHS_H_
#define WORKSECTION_SRC_STORE_ROLLUP_MONTHS_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "worksection/rollup.h"

namespace worksection {

// The first day of the month `day` falls in.
absl::CivilDay MonthStart(absl::CivilDay day);

// InvalidArgument for a kMonth scan that names tasks.
absl::Status CheckRollupScan(const RollupScan& scan);

// The day-grain scan of the days of every month a kMonth `scan` admits.
RollupScan DaysOfMonthScan(const RollupScan& scan);

// Sums `days` (rows of DaysOfMonthScan) into kMonth rows, in kMonth order.
std::vector<RollupRow> SumByMonth(const std::vector<RollupRow>& days);

}  // namespace worksection

#endif  // WORKSECTION_SRC_STORE_ROLLUP_MONTHS_H_
