#include "tools/ws/flags.h"

#include "absl/strings/str_cat.h"
#include "tools/ws/values.h"

namespace ws_cli {

absl::StatusOr<std::string> RequiredFlag(const Args& args,
                                         absl::string_view name) {
  std::optional<std::string> v = args.Get(name);
  if (!v) return UsageError(absl::StrCat("missing --", name));
  return *v;
}

absl::StatusOr<std::optional<absl::CivilDay>> DateFlag(const Args& args,
                                                       absl::string_view name) {
  std::optional<std::string> v = args.Get(name);
  if (!v) return std::optional<absl::CivilDay>();
  absl::StatusOr<absl::CivilDay> d = ParseDate(absl::StrCat("--", name), *v);
  if (!d.ok()) return d.status();
  return std::optional<absl::CivilDay>(*d);
}

absl::StatusOr<std::optional<absl::Duration>> DurationFlag(
    const Args& args, absl::string_view name) {
  std::optional<std::string> v = args.Get(name);
  if (!v) return std::optional<absl::Duration>();
  absl::StatusOr<absl::Duration> d =
      ParseDuration(absl::StrCat("--", name), *v);
  if (!d.ok()) return d.status();
  return std::optional<absl::Duration>(*d);
}

absl::StatusOr<std::optional<worksection::Money>> MoneyFlag(
    const Args& args, absl::string_view name, int decimals) {
  std::optional<std::string> v = args.Get(name);
  if (!v) return std::optional<worksection::Money>();
  absl::StatusOr<worksection::Money> m =
      ParseMoney(absl::StrCat("--", name), *v, decimals);
  if (!m.ok()) return m.status();
  return std::optional<worksection::Money>(*m);
}

absl::StatusOr<std::optional<int64_t>> IdFlag(const Args& args,
                                              absl::string_view name) {
  std::optional<std::string> v = args.Get(name);
  if (!v) return std::optional<int64_t>();
  absl::StatusOr<int64_t> id = ParseId(absl::StrCat("--", name), *v);
  if (!id.ok()) return id.status();
  return std::optional<int64_t>(*id);
}

}  // namespace ws_cli
