// Parsing and printing the values a user types and reads: dates, durations
// and money. Strict: anything that does not match the documented grammar is
// refused with a message naming the field.
#ifndef WORKSECTION_TOOLS_WS_VALUES_H_
#define WORKSECTION_TOOLS_WS_VALUES_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/ids.h"
#include "worksection/model.h"

namespace ws_cli {

// YYYY-MM-DD, a real calendar day between the library's year limits.
absl::StatusOr<absl::CivilDay> ParseDate(absl::string_view field,
                                         absl::string_view text);

// 1h30m, 2h, 90m, 45m, 30s, 1h5m10s, 1:30 (H:MM) or 1:30:15 (H:MM:SS).
// Whole seconds, at least one second.
absl::StatusOr<absl::Duration> ParseDuration(absl::string_view field,
                                             absl::string_view text);

// A non-negative decimal with at most `decimals` decimals (those of the
// currency: "12", "12.5", "12.50" for 2), in minor units: "12.5" -> 1250.
// Exact: no floating point.
absl::StatusOr<worksection::Money> ParseMoney(absl::string_view field,
                                              absl::string_view text,
                                              int decimals = 2);

// Hours as a decimal ("120", "7.5", "0.25") or a DURATION ("7h30m").
absl::StatusOr<absl::Duration> ParseHours(absl::string_view field,
                                          absl::string_view text);

// A positive entity id.
absl::StatusOr<int64_t> ParseId(absl::string_view field,
                                absl::string_view text);

// A decimal integer within [min, max].
absl::StatusOr<int64_t> ParseInt(absl::string_view field,
                                 absl::string_view text, int64_t min,
                                 int64_t max);

// "2800.00", "-12.05": minor units with `decimals` decimals.
std::string FormatMoney(worksection::Money amount, int decimals = 2);
// "YYYY-MM-DD".
std::string FormatDate(absl::CivilDay day);
// "YYYY-MM-DD" or "YYYY-MM-DD HH:MM".
std::string FormatDeadline(const worksection::Deadline& deadline);
// Seconds as H:MM (e.g. "1:30", "125:05"); negative with a leading '-'.
std::string FormatHours(int64_t seconds);
// Hours as a decimal number for JSON: 7200 s -> 2, 5400 s -> 1.5.
double SecondsToHours(int64_t seconds);
// An instant as "YYYY-MM-DDTHH:MM:SS+hh:mm" in `zone`.
std::string FormatInstant(absl::Time t, const absl::TimeZone& zone);

}  // namespace ws_cli

#endif  // WORKSECTION_TOOLS_WS_VALUES_H_
