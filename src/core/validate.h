// Input checks shared by every Session call. Each returns InvalidArgument
// with a message naming the field and the offending value.
#ifndef WORKSECTION_SRC_CORE_VALIDATE_H_
#define WORKSECTION_SRC_CORE_VALIDATE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/model.h"

namespace worksection {

// True for well-formed UTF-8 (no overlong forms, surrogates or code points
// past U+10FFFF).
bool IsValidUtf8(absl::string_view text);

// A value fit for a message: quoted, escaped, at most ~60 bytes of it.
std::string Quote(absl::string_view value);

// Valid UTF-8 without NUL bytes, min_bytes..max_bytes long.
absl::Status CheckText(absl::string_view field, absl::string_view value,
                       size_t min_bytes, size_t max_bytes);

// A plausible e-mail address; returns it trimmed and in lower case.
absl::StatusOr<std::string> NormalizeEmail(absl::string_view field,
                                           absl::string_view email);

// Trims each tag, drops duplicates, sorts; each 1..kMaxLabelBytes, at most
// kMaxTags of them.
absl::StatusOr<std::vector<std::string>> NormalizeTags(
    absl::string_view field, const std::vector<std::string>& tags);

absl::Status CheckTimeZone(absl::string_view field, absl::string_view name);
absl::Status CheckCurrency(absl::string_view field, absl::string_view code);
absl::Status CheckDay(absl::string_view field, absl::CivilDay day);
absl::Status CheckOptionalDay(absl::string_view field,
                              const std::optional<absl::CivilDay>& day);
// `start` not after `end` when both are set.
// A query's days: each (when set) within the supported years, so that no
// date arithmetic on them can overflow, and `from` not after `to`.
absl::Status CheckPeriod(absl::string_view from_field,
                         const std::optional<absl::CivilDay>& from,
                         absl::string_view to_field,
                         const std::optional<absl::CivilDay>& to);

absl::Status CheckDayOrder(absl::string_view start_field,
                           const std::optional<absl::CivilDay>& start,
                           absl::string_view end_field,
                           const std::optional<absl::CivilDay>& end);
// Positive whole seconds, at most 100 years.
absl::Status CheckOptionalDuration(absl::string_view field,
                                   const std::optional<absl::Duration>& d);
// Zero or more, at most 10^15 minor units.
absl::Status CheckOptionalMoney(absl::string_view field,
                                const std::optional<Money>& money);
absl::Status CheckPriority(absl::string_view field, int priority);

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_VALIDATE_H_
