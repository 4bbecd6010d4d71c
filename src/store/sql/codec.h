// How the SQL stores (SQLite and PostgreSQL) encode model values in columns.
// These encodings are part of both formats: never change a mapping, only add
// new values.
//
//   absl::Time      int64 microseconds since the Unix epoch, UTC
//                   (InfinitePast/InfiniteFuture as INT64_MIN/INT64_MAX)
//   absl::Duration  int64 whole seconds
//   absl::CivilDay  int64 days since 1970-01-01
//   enums           small ints, mapped explicitly below (never the C++
//                   declaration order)
//   ids             int64; an invalid id ("none") as NULL, so that foreign
//                   keys hold
#ifndef WORKSECTION_SRC_STORE_SQL_CODEC_H_
#define WORKSECTION_SRC_STORE_SQL_CODEC_H_

#include <cstdint>
#include <limits>
#include <optional>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "src/util/enum_codes.h"
#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/store.h"

namespace worksection::sql_internal {

inline int64_t EncodeTime(absl::Time t) {
  if (t == absl::InfinitePast()) return std::numeric_limits<int64_t>::min();
  if (t == absl::InfiniteFuture()) return std::numeric_limits<int64_t>::max();
  return absl::ToUnixMicros(t);
}

inline absl::Time DecodeTime(int64_t micros) {
  if (micros == std::numeric_limits<int64_t>::min()) {
    return absl::InfinitePast();
  }
  if (micros == std::numeric_limits<int64_t>::max()) {
    return absl::InfiniteFuture();
  }
  return absl::FromUnixMicros(micros);
}

inline int64_t EncodeDuration(absl::Duration d) {
  return absl::ToInt64Seconds(d);
}
inline absl::Duration DecodeDuration(int64_t seconds) {
  return absl::Seconds(seconds);
}

inline int64_t EncodeDay(absl::CivilDay day) {
  return day - absl::CivilDay(1970, 1, 1);
}
// In closed form (H. Hinnant's civil_from_days): absl's day arithmetic
// walks from 1970 by centuries, 4-year spans and years, which took a
// seventh of decoding a task row. Day counts within 2^60 of zero (some 3e15
// years, past any a store holds) take it; the rest take absl's arithmetic.
inline absl::CivilDay DecodeDay(int64_t days) {
  constexpr int64_t kClosedFormLimit = int64_t{1} << 60;
  if (days < -kClosedFormLimit || days > kClosedFormLimit) {
    return absl::CivilDay(1970, 1, 1) + days;
  }
  // Days since 0000-03-01 (the year starting in March puts the leap day
  // last), split into 400-year eras of 146097 days.
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t day_of_era = z - era * 146097;
  const int64_t year_of_era = (day_of_era - day_of_era / 1460 +
                               day_of_era / 36524 - day_of_era / 146096) /
                              365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_from_march = (5 * day_of_year + 2) / 153;
  const int64_t day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
  const int64_t month =
      month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
  return absl::CivilDay(year_of_era + era * 400 + (month <= 2 ? 1 : 0), month,
                        day);
}

// The deadline whose DeadlineKey is `key` (days * kDeadlineSlotsPerDay +
// the minute, or kDayOnlyDeadlineSlot for a day-only deadline).
inline Deadline DecodeDeadlineKey(int64_t key) {
  int64_t days = key / kDeadlineSlotsPerDay;
  int64_t slot = key % kDeadlineSlotsPerDay;
  if (slot < 0) {  // a day before 1970: division rounds toward zero
    slot += kDeadlineSlotsPerDay;
    --days;
  }
  Deadline deadline;
  deadline.day = DecodeDay(days);
  if (slot != kDayOnlyDeadlineSlot) {
    deadline.minute_of_day = static_cast<int>(slot);
  }
  return deadline;
}

// Enums, by table: kXCodes.Encode(value), kXCodes.Decode(code, &value),
// which returns false for a code no version ever wrote.

inline constexpr EnumCodes<Role, 5> kRoleCodes({{{Role::kOwner, 1},
                                                 {Role::kAdmin, 2},
                                                 {Role::kEmployee, 3},
                                                 {Role::kClient, 4},
                                                 {Role::kReader, 5}}});

inline constexpr EnumCodes<ProjectRole, 3> kProjectRoleCodes(
    {{{ProjectRole::kManager, 1},
      {ProjectRole::kMember, 2},
      {ProjectRole::kClient, 3}}});

inline constexpr EnumCodes<ProjectStatus, 3> kProjectStatusCodes(
    {{{ProjectStatus::kActive, 1},
      {ProjectStatus::kPaused, 2},
      {ProjectStatus::kArchived, 3}}});

inline constexpr EnumCodes<TaskStatus, 2> kTaskStatusCodes(
    {{{TaskStatus::kOpen, 1}, {TaskStatus::kDone, 2}}});

// ISO 8601 numbering: Monday = 1 .. Sunday = 7.
inline constexpr EnumCodes<absl::Weekday, 7> kWeekdayCodes(
    {{{absl::Weekday::monday, 1},
      {absl::Weekday::tuesday, 2},
      {absl::Weekday::wednesday, 3},
      {absl::Weekday::thursday, 4},
      {absl::Weekday::friday, 5},
      {absl::Weekday::saturday, 6},
      {absl::Weekday::sunday, 7}}});

// Schema version 2.

inline constexpr EnumCodes<Rounding::Mode, 4> kRoundingModeCodes(
    {{{Rounding::Mode::kNone, 1},
      {Rounding::Mode::kUp, 2},
      {Rounding::Mode::kNearest, 3},
      {Rounding::Mode::kDown, 4}}});

inline constexpr EnumCodes<Cost::Kind, 2> kCostKindCodes(
    {{{Cost::Kind::kExpense, 1}, {Cost::Kind::kIncome, 2}}});

// Ordered as the enum is, so ORDER BY kind is the reference order.
inline constexpr EnumCodes<BudgetAlert::Kind, 2> kBudgetAlertKindCodes(
    {{{BudgetAlert::Kind::kTime, 1}, {BudgetAlert::Kind::kMoney, 2}}});

}  // namespace worksection::sql_internal

#endif  // WORKSECTION_SRC_STORE_SQL_CODEC_H_
