// Reading typed flag values: each returns an error naming the flag.
#ifndef WORKSECTION_TOOLS_WS_FLAGS_H_
#define WORKSECTION_TOOLS_WS_FLAGS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "tools/ws/args.h"
#include "worksection/ids.h"

namespace ws_cli {

// The flag's value; a usage error when it is missing.
absl::StatusOr<std::string> RequiredFlag(const Args& args,
                                         absl::string_view name);

// Empty when the flag is absent; an error naming --NAME when malformed.
absl::StatusOr<std::optional<absl::CivilDay>> DateFlag(const Args& args,
                                                       absl::string_view name);
absl::StatusOr<std::optional<absl::Duration>> DurationFlag(
    const Args& args, absl::string_view name);
absl::StatusOr<std::optional<worksection::Money>> MoneyFlag(
    const Args& args, absl::string_view name, int decimals);
absl::StatusOr<std::optional<int64_t>> IdFlag(const Args& args,
                                              absl::string_view name);

}  // namespace ws_cli

#endif  // WORKSECTION_TOOLS_WS_FLAGS_H_
