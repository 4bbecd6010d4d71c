// Sums of money and time that refuse to wrap. Every stored amount fits in 64
// bits; a sum of many of them may not, and then the caller answers
// OutOfRange instead of a wrapped total.
#ifndef WORKSECTION_SRC_UTIL_CHECKED_SUM_H_
#define WORKSECTION_SRC_UTIL_CHECKED_SUM_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "worksection/rollup.h"

namespace worksection {

// into += add, unless the sum passes 64 bits: then false, `into` unchanged.
inline bool AddChecked(int64_t& into, int64_t add) {
  int64_t sum;
  if (__builtin_add_overflow(into, add, &sum)) return false;
  into = sum;
  return true;
}

// The same, field by field: all or none.
inline bool AddChecked(RollupTotals& into, const RollupTotals& add) {
  RollupTotals sum = into;
  if (!AddChecked(sum.seconds, add.seconds) ||
      !AddChecked(sum.billable_seconds, add.billable_seconds) ||
      !AddChecked(sum.billed_amount, add.billed_amount) ||
      !AddChecked(sum.labour_cost, add.labour_cost) ||
      !AddChecked(sum.entry_count, add.entry_count)) {
    return false;
  }
  into = sum;
  return true;
}

// What a call answers when a total it computes would pass 64 bits.
inline absl::Status TotalTooLarge(absl::string_view what) {
  return absl::OutOfRangeError(
      absl::StrCat(what,
                   ": the total passes 64 bits (2^63 - 1 seconds or "
                   "minor units)"));
}

}  // namespace worksection

#endif  // WORKSECTION_SRC_UTIL_CHECKED_SUM_H_
