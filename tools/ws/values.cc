#include "tools/ws/values.h"

#include <cstdint>
#include <limits>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "worksection/limits.h"

namespace ws_cli {
namespace {

constexpr int64_t kMaxInt = std::numeric_limits<int64_t>::max();

absl::Status Invalid(absl::string_view field, absl::string_view what,
                     absl::string_view text, absl::string_view want) {
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": invalid ", what, " \"", text, "\" (expected ", want, ")"));
}

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Digits to a non-negative integer; false on overflow or a non-digit.
bool ToInt(absl::string_view s, int64_t* out) {
  if (!AllDigits(s)) return false;
  int64_t v = 0;
  for (char c : s) {
    int d = c - '0';
    if (v > (kMaxInt - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

int64_t Pow10(int n) {
  int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// "12" or "12.5" or "12.50" scaled by 10^decimals; false when malformed, with
// more decimals, or too big.
bool ToScaled(absl::string_view s, int decimals, int64_t* out) {
  size_t dot = s.find('.');
  absl::string_view whole = s.substr(0, dot);
  absl::string_view frac =
      dot == absl::string_view::npos ? "" : s.substr(dot + 1);
  if (dot != absl::string_view::npos &&
      (frac.empty() || frac.size() > static_cast<size_t>(decimals) ||
       !AllDigits(frac))) {
    return false;
  }
  int64_t scale = Pow10(decimals);
  int64_t w = 0;
  if (!ToInt(whole, &w) || w > kMaxInt / scale - 1) return false;
  int64_t f = 0;
  if (!frac.empty()) {
    ToInt(frac, &f);
    f *= Pow10(decimals - static_cast<int>(frac.size()));
  }
  *out = w * scale + f;
  return true;
}

}  // namespace

absl::StatusOr<absl::CivilDay> ParseDate(absl::string_view field,
                                         absl::string_view text) {
  constexpr absl::string_view kWant = "YYYY-MM-DD";
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return Invalid(field, "date", text, kWant);
  }
  int64_t y, m, d;
  if (!ToInt(text.substr(0, 4), &y) || !ToInt(text.substr(5, 2), &m) ||
      !ToInt(text.substr(8, 2), &d)) {
    return Invalid(field, "date", text, kWant);
  }
  absl::CivilDay day(y, m, d);
  if (day.year() != y || day.month() != m || day.day() != d ||
      y < worksection::limits::kMinYear || y > worksection::limits::kMaxYear) {
    return Invalid(field, "date", text, "a real day as YYYY-MM-DD");
  }
  return day;
}

absl::StatusOr<absl::Duration> ParseDuration(absl::string_view field,
                                             absl::string_view text) {
  constexpr absl::string_view kWant = "e.g. 1h30m, 90m, 45m or 1:30";
  constexpr int64_t kMaxSeconds = int64_t{10000} * 24 * 3600;  // far enough
  int64_t seconds = 0;
  if (text.find(':') != absl::string_view::npos) {
    // H:MM or H:MM:SS, minutes and seconds two digits below 60.
    size_t c1 = text.find(':');
    size_t c2 = text.find(':', c1 + 1);
    absl::string_view h = text.substr(0, c1);
    absl::string_view m = c2 == absl::string_view::npos
                              ? text.substr(c1 + 1)
                              : text.substr(c1 + 1, c2 - c1 - 1);
    absl::string_view s =
        c2 == absl::string_view::npos ? "00" : text.substr(c2 + 1);
    int64_t hv, mv, sv;
    // Six digits of hours reach past kMaxSeconds, as the unit form does.
    if (h.size() > 6 || !ToInt(h, &hv) || m.size() != 2 || !ToInt(m, &mv) ||
        mv >= 60 || s.size() != 2 || !ToInt(s, &sv) || sv >= 60) {
      return Invalid(field, "duration", text, kWant);
    }
    seconds = hv * 3600 + mv * 60 + sv;
  } else {
    // Units h, m, s in this order, each at most once.
    absl::string_view rest = text;
    const char kUnits[] = {'h', 'm', 's'};
    const int64_t kScale[] = {3600, 60, 1};
    int next_unit = 0;
    if (rest.empty()) return Invalid(field, "duration", text, kWant);
    while (!rest.empty()) {
      size_t i = 0;
      while (i < rest.size() &&
             absl::ascii_isdigit(static_cast<unsigned char>(rest[i]))) {
        ++i;
      }
      if (i == 0 || i == rest.size() || i > 9) {
        return Invalid(field, "duration", text, kWant);
      }
      int unit = next_unit;
      while (unit < 3 && kUnits[unit] != rest[i]) ++unit;
      if (unit == 3) return Invalid(field, "duration", text, kWant);
      int64_t v;
      ToInt(rest.substr(0, i), &v);
      seconds += v * kScale[unit];
      next_unit = unit + 1;
      rest.remove_prefix(i + 1);
    }
  }
  if (seconds <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": duration \"", text, "\" must be positive"));
  }
  if (seconds > kMaxSeconds) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": duration \"", text, "\" is too long"));
  }
  return absl::Seconds(seconds);
}

absl::StatusOr<worksection::Money> ParseMoney(absl::string_view field,
                                              absl::string_view text,
                                              int decimals) {
  int64_t v;
  if (!ToScaled(text, decimals, &v)) {
    return Invalid(field, "amount", text,
                   absl::StrCat("a decimal with at most ", decimals,
                                " decimals, e.g. 12.50"));
  }
  return v;
}

absl::StatusOr<absl::Duration> ParseHours(absl::string_view field,
                                          absl::string_view text) {
  int64_t hundredths;
  if (ToScaled(text, 2, &hundredths)) {
    if (hundredths <= 0 || hundredths > int64_t{100} * 1000000) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ": hours \"", text, "\" must be positive and reasonable"));
    }
    return absl::Seconds(hundredths * 36);  // 0.01 h = 36 s
  }
  absl::StatusOr<absl::Duration> d = ParseDuration(field, text);
  if (!d.ok()) {
    return Invalid(field, "hours", text, "e.g. 120, 7.5 or 7h30m");
  }
  return d;
}

absl::StatusOr<int64_t> ParseId(absl::string_view field,
                                absl::string_view text) {
  int64_t v;
  if (!ToInt(text, &v) || v <= 0) {
    return Invalid(field, "id", text, "a positive number");
  }
  return v;
}

absl::StatusOr<int64_t> ParseInt(absl::string_view field,
                                 absl::string_view text, int64_t min,
                                 int64_t max) {
  int64_t v;
  bool negative = absl::StartsWith(text, "-");
  absl::string_view digits = negative ? text.substr(1) : text;
  if (!ToInt(digits, &v)) {
    return Invalid(field, "number", text, absl::StrCat(min, "..", max));
  }
  if (negative) v = -v;
  if (v < min || v > max) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", text, " is out of range ", min, "..", max));
  }
  return v;
}

std::string FormatMoney(worksection::Money amount, int decimals) {
  bool negative = amount < 0;
  // Through unsigned, so the most negative value prints too.
  uint64_t abs = negative ? 0 - static_cast<uint64_t>(amount)
                          : static_cast<uint64_t>(amount);
  uint64_t scale = static_cast<uint64_t>(Pow10(decimals));
  if (decimals == 0) return absl::StrFormat("%s%d", negative ? "-" : "", abs);
  return absl::StrFormat("%s%d.%0*d", negative ? "-" : "", abs / scale,
                         decimals, abs % scale);
}

std::string FormatDate(absl::CivilDay day) {
  return absl::FormatCivilTime(day);
}

std::string FormatDeadline(const worksection::Deadline& deadline) {
  std::string s = FormatDate(deadline.day);
  if (deadline.minute_of_day) {
    absl::StrAppendFormat(&s, " %02d:%02d", *deadline.minute_of_day / 60,
                          *deadline.minute_of_day % 60);
  }
  return s;
}

std::string FormatHours(int64_t seconds) {
  bool negative = seconds < 0;
  uint64_t abs = negative ? 0 - static_cast<uint64_t>(seconds)
                          : static_cast<uint64_t>(seconds);
  uint64_t minutes = (abs + 30) / 60;
  return absl::StrFormat("%s%d:%02d", negative ? "-" : "", minutes / 60,
                         minutes % 60);
}

double SecondsToHours(int64_t seconds) {
  return static_cast<double>(seconds) / 3600.0;
}

std::string FormatInstant(absl::Time t, const absl::TimeZone& zone) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", t, zone);
}

}  // namespace ws_cli
