// The SQL stores' day encoding: DecodeDay (a closed form) gives back the
// day EncodeDay stored, the same day absl's arithmetic names, for days
// around today, far away, and at the ends of the int64 range; and
// DecodeDeadlineKey gives back the deadline DeadlineKey made.
#include <cstdint>
#include <limits>
#include <optional>

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "src/store/sql/codec.h"

namespace worksection {
namespace {

using sql_internal::DecodeDay;
using sql_internal::DecodeDeadlineKey;
using sql_internal::EncodeDay;

absl::CivilDay ByAbsl(int64_t days) {
  return absl::CivilDay(1970, 1, 1) + days;
}

TEST(DayCodecTest, EveryDayOfSixThousandYearsRoundTrips) {
  // 0000-01-01 .. 6000-01-01: leap days, century and 400-year rules, the
  // eras on both sides of zero.
  const int64_t first = EncodeDay(absl::CivilDay(0, 1, 1));
  const int64_t last = EncodeDay(absl::CivilDay(6000, 1, 1));
  for (int64_t days = first; days <= last; ++days) {
    const absl::CivilDay day = DecodeDay(days);
    ASSERT_EQ(day, ByAbsl(days)) << days;
    ASSERT_EQ(EncodeDay(day), days) << day;
  }
}

TEST(DayCodecTest, KnownDays) {
  EXPECT_EQ(DecodeDay(0), absl::CivilDay(1970, 1, 1));
  EXPECT_EQ(DecodeDay(-1), absl::CivilDay(1969, 12, 31));
  EXPECT_EQ(DecodeDay(11016), absl::CivilDay(2000, 2, 29));
  EXPECT_EQ(DecodeDay(20270), absl::CivilDay(2025, 7, 1));
  EXPECT_EQ(DecodeDay(-719528), absl::CivilDay(0, 1, 1));
}

TEST(DayCodecTest, FarDaysMatchAbsl) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kLimit = int64_t{1} << 60;
  for (int64_t days :
       {kMin, kMin + 1, -kLimit - 1, -kLimit, -kLimit + 1, -(int64_t{1} << 40),
        int64_t{-123456789012}, int64_t{987654321098}, int64_t{1} << 40,
        kLimit - 1, kLimit, kLimit + 1, kMax - 1, kMax}) {
    EXPECT_EQ(DecodeDay(days), ByAbsl(days)) << days;
  }
}

TEST(DeadlineKeyCodecTest, EveryMinuteAndDayOnlyRoundTripsAroundTheEpoch) {
  // Days before 1970 have negative keys, where division rounds toward zero.
  for (const absl::CivilDay day :
       {absl::CivilDay(1969, 12, 30), absl::CivilDay(1969, 12, 31),
        absl::CivilDay(1970, 1, 1), absl::CivilDay(1970, 1, 2),
        absl::CivilDay(1900, 3, 1), absl::CivilDay(2025, 7, 1)}) {
    for (int minute = 0; minute < 1440; ++minute) {
      const Deadline timed{day, minute};
      ASSERT_EQ(DecodeDeadlineKey(DeadlineKey(timed)), timed)
          << absl::FormatCivilTime(day) << " " << minute;
    }
    const Deadline day_only{day, std::nullopt};
    ASSERT_EQ(DecodeDeadlineKey(DeadlineKey(day_only)), day_only)
        << absl::FormatCivilTime(day);
  }
}

}  // namespace
}  // namespace worksection
