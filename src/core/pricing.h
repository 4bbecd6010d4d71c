// How a time entry is priced: rounding, the rates in force, the amounts.
#ifndef WORKSECTION_SRC_CORE_PRICING_H_
#define WORKSECTION_SRC_CORE_PRICING_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "worksection/model.h"
#include "worksection/time_tracking.h"

namespace worksection {

// round-half-up(seconds * rate_per_hour / 3600) in minor units.
// InvalidArgument when the amount does not fit in int64.
absl::StatusOr<Money> AmountFor(int64_t seconds, Money rate_per_hour);

// `raw` rounded to the project's rule (up, nearest or down to N minutes).
absl::Duration BilledDuration(absl::Duration raw, const Rounding& rounding);

// The member's override on the project, else the project's rate, else the
// member's default rate, else zero.
Money ResolveBillingRate(const Project& project, const Member& member);

// Sets the entry's billed duration and amounts from its duration, billable
// flag and stored rates; with `take_current_rates`, first stores the rates
// in force now.
absl::Status PriceEntry(const Project& project, const Member& member,
                        bool take_current_rates, TimeEntry& entry);

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_PRICING_H_
