#include "src/store/rollup_months.h"

#include <map>
#include <tuple>

namespace worksection {

absl::CivilDay MonthStart(absl::CivilDay day) {
  return absl::CivilDay(absl::CivilMonth(day));
}

absl::Status CheckRollupScan(const RollupScan& scan) {
  if (scan.grain == RollupGrain::kMonth && scan.tasks) {
    return absl::InvalidArgumentError(
        "rollup scan: a monthly scan has no tasks to filter (its rows sum "
        "every task); scan daily rows to filter by task");
  }
  return absl::OkStatus();
}

RollupScan DaysOfMonthScan(const RollupScan& scan) {
  RollupScan days = scan;
  days.grain = RollupGrain::kDay;
  if (scan.from) {
    // The first month whose first day is on or after `from`.
    absl::CivilMonth first(*scan.from);
    if (absl::CivilDay(first) < *scan.from) ++first;
    days.from = absl::CivilDay(first);
  }
  if (scan.to) days.to = absl::CivilDay(absl::CivilMonth(*scan.to) + 1) - 1;
  return days;
}

std::vector<RollupRow> SumByMonth(const std::vector<RollupRow>& days) {
  std::map<std::tuple<ProjectId, MemberId, absl::CivilDay>, RollupTotals> sums;
  for (const RollupRow& r : days) {
    sums[{r.key.project, r.key.member, MonthStart(r.key.day)}] += r.totals;
  }
  std::vector<RollupRow> out;
  out.reserve(sums.size());
  for (const auto& [key, totals] : sums) {
    if (totals.empty()) continue;
    const auto& [project, member, month] = key;
    out.push_back(
        RollupRow{RollupKey{project, TaskId(), member, month}, totals});
  }
  return out;
}

}  // namespace worksection
