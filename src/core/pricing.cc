#include "src/core/pricing.h"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace worksection {

absl::StatusOr<Money> AmountFor(int64_t seconds, Money rate_per_hour) {
  // Both are validated non-negative; 128 bits hold any product of two int64.
  const __int128 product = static_cast<__int128>(seconds) * rate_per_hour;
  const __int128 amount = (product + 1800) / 3600;
  if (seconds < 0 || rate_per_hour < 0 ||
      amount > std::numeric_limits<Money>::max()) {
    return absl::InvalidArgumentError(
        absl::StrCat("amount: ", seconds, " s at ", rate_per_hour,
                     " per hour does not fit in 64 bits"));
  }
  return static_cast<Money>(amount);
}

absl::Duration BilledDuration(absl::Duration raw, const Rounding& rounding) {
  if (rounding.mode == Rounding::Mode::kNone || rounding.minutes <= 0) {
    return raw;
  }
  const int64_t step = int64_t{rounding.minutes} * 60;
  const int64_t seconds = absl::ToInt64Seconds(raw);
  int64_t steps = seconds / step;
  const int64_t rest = seconds % step;
  switch (rounding.mode) {
    case Rounding::Mode::kUp:
      steps += rest > 0;
      break;
    case Rounding::Mode::kNearest:
      steps += rest * 2 >= step;
      break;
    case Rounding::Mode::kDown:
    case Rounding::Mode::kNone:
      break;
  }
  return absl::Seconds(steps * step);
}

Money ResolveBillingRate(const Project& project, const Member& member) {
  auto it = std::find_if(
      project.members.begin(), project.members.end(),
      [&](const ProjectMember& pm) { return pm.member == member.id; });
  if (it != project.members.end() && it->billing_rate) return *it->billing_rate;
  if (project.billing_rate) return *project.billing_rate;
  return member.billing_rate.value_or(0);
}

absl::Status PriceEntry(const Project& project, const Member& member,
                        bool take_current_rates, TimeEntry& entry) {
  if (take_current_rates) {
    entry.billing_rate = ResolveBillingRate(project, member);
    entry.cost_rate = member.cost_rate.value_or(0);
  }
  entry.billed_duration = BilledDuration(entry.duration, project.rounding);
  absl::StatusOr<Money> billed =
      entry.billable ? AmountFor(absl::ToInt64Seconds(entry.billed_duration),
                                 entry.billing_rate.value_or(0))
                     : Money{0};
  if (!billed.ok()) return billed.status();
  absl::StatusOr<Money> cost = AmountFor(absl::ToInt64Seconds(entry.duration),
                                         entry.cost_rate.value_or(0));
  if (!cost.ok()) return cost.status();
  entry.billed_amount = *billed;
  entry.labour_cost = *cost;
  return absl::OkStatus();
}

}  // namespace worksection
