// The parsers of what a user types (tools/ws/values.h): every input either
// parses into a value within the documented bounds that prints back and
// parses again to the same value, or is refused with InvalidArgument. The
// first byte picks the currency decimals (0 to 3) and seeds the printers;
// the rest is the text.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "tests/fuzz/fuzz_check.h"
#include "tools/ws/values.h"
#include "worksection/limits.h"

namespace {

using ws_cli::FormatDate;
using ws_cli::FormatHours;
using ws_cli::FormatMoney;

template <typename T>
bool RefusedAsInvalid(const absl::StatusOr<T>& r) {
  return !r.ok() && absl::IsInvalidArgument(r.status());
}

void Dates(absl::string_view text) {
  absl::StatusOr<absl::CivilDay> day = ws_cli::ParseDate("date", text);
  if (!day.ok()) {
    WS_FUZZ_CHECK(RefusedAsInvalid(day));
    return;
  }
  WS_FUZZ_CHECK(day->year() >= worksection::limits::kMinYear);
  WS_FUZZ_CHECK(day->year() <= worksection::limits::kMaxYear);
  WS_FUZZ_CHECK(FormatDate(*day) == text);
}

void Durations(absl::string_view text) {
  absl::StatusOr<absl::Duration> d = ws_cli::ParseDuration("duration", text);
  if (!d.ok()) {
    WS_FUZZ_CHECK(RefusedAsInvalid(d));
  } else {
    WS_FUZZ_CHECK(*d >= absl::Seconds(1));
    WS_FUZZ_CHECK(*d <= absl::Hours(24 * 10000));
    WS_FUZZ_CHECK(*d == absl::Trunc(*d, absl::Seconds(1)));
    // Whole seconds print as "H:MM:SS", which parses back the same.
    const int64_t s = absl::ToInt64Seconds(*d);
    const std::string hms =
        absl::StrCat(s / 3600, ":", (s / 600) % 6, (s / 60) % 10, ":",
                     (s % 60) / 10, s % 10);
    absl::StatusOr<absl::Duration> again =
        ws_cli::ParseDuration("duration", hms);
    WS_FUZZ_CHECK(again.ok() && *again == *d);
  }
  absl::StatusOr<absl::Duration> h = ws_cli::ParseHours("hours", text);
  if (!h.ok()) {
    WS_FUZZ_CHECK(RefusedAsInvalid(h));
  } else {
    WS_FUZZ_CHECK(*h >= absl::Seconds(1));
  }
}

void Money(absl::string_view text, int decimals) {
  absl::StatusOr<worksection::Money> m =
      ws_cli::ParseMoney("amount", text, decimals);
  if (!m.ok()) {
    WS_FUZZ_CHECK(RefusedAsInvalid(m));
    return;
  }
  WS_FUZZ_CHECK(*m >= 0);
  const std::string printed = FormatMoney(*m, decimals);
  absl::StatusOr<worksection::Money> again =
      ws_cli::ParseMoney("amount", printed, decimals);
  WS_FUZZ_CHECK(again.ok() && *again == *m);
}

void Integers(absl::string_view text, int64_t a, int64_t b) {
  absl::StatusOr<int64_t> id = ws_cli::ParseId("id", text);
  if (!id.ok()) {
    WS_FUZZ_CHECK(RefusedAsInvalid(id));
  } else {
    WS_FUZZ_CHECK(*id > 0);
    absl::StatusOr<int64_t> again = ws_cli::ParseId("id", absl::StrCat(*id));
    WS_FUZZ_CHECK(again.ok() && *again == *id);
  }
  const int64_t lo = a < b ? a : b;
  const int64_t hi = a < b ? b : a;
  absl::StatusOr<int64_t> n = ws_cli::ParseInt("n", text, lo, hi);
  if (!n.ok()) {
    WS_FUZZ_CHECK(RefusedAsInvalid(n));
  } else {
    WS_FUZZ_CHECK(*n >= lo && *n <= hi);
  }
}

int64_t Int64At(const uint8_t* data, size_t size, size_t at) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8 && at + i < size; ++i) {
    v |= uint64_t{data[at + i]} << (8 * i);
  }
  return static_cast<int64_t>(v);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int decimals = data[0] % 4;
  const absl::string_view text(reinterpret_cast<const char*>(data + 1),
                               size - 1);
  Dates(text);
  Durations(text);
  Money(text, decimals);
  Integers(text, Int64At(data, size, 1), Int64At(data, size, 9));
  // The printers take any value, the extremes included.
  const int64_t any = Int64At(data, size, 1);
  FormatMoney(any, decimals);
  FormatHours(any);
  return 0;
}
