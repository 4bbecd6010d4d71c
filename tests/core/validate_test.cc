#include "src/core/validate.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing.h"
#include "worksection/limits.h"

namespace worksection {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::worksection::testing::IsOk;
using ::worksection::testing::StatusIs;

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ASCII"));
  EXPECT_TRUE(IsValidUtf8("Zoë, Łódź, 日本語, emoji \xF0\x9F\x98\x80"));
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last one
}

TEST(Utf8Test, RejectsMalformedText) {
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong, 3 bytes
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // lone surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xE6\x97"));       // truncated at the end
  EXPECT_FALSE(IsValidUtf8("\x80"));              // lone continuation
  EXPECT_FALSE(IsValidUtf8("\xE6\x41\x41"));      // bad continuation
}

TEST(CheckTextTest, BoundsAreInclusiveAndNamed) {
  EXPECT_THAT(CheckText("task.title", std::string(10, 'a'), 1, 10), IsOk());
  absl::Status over = CheckText("task.title", std::string(11, 'a'), 1, 10);
  EXPECT_THAT(over, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(over.message(), HasSubstr("task.title"));
  EXPECT_THAT(over.message(), HasSubstr("got 11"));
  EXPECT_THAT(CheckText("member.name", "", 1, 10),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckText("task.text", "", 0, 10), IsOk());
}

TEST(CheckTextTest, RejectsNulAndInvalidUtf8WithoutEchoingRawBytes) {
  absl::Status nul = CheckText("f", std::string("a\0b", 3), 0, 10);
  EXPECT_THAT(nul, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(nul.message(), HasSubstr("NUL"));
  absl::Status bad = CheckText("f", "x\xFFy", 0, 10);
  EXPECT_THAT(bad, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(bad.message(), HasSubstr("\\xff"));
  EXPECT_TRUE(IsValidUtf8(bad.message()));
}

TEST(QuoteTest, ShortensLongValues) {
  EXPECT_EQ(Quote("abc"), "\"abc\"");
  const std::string quoted = Quote(std::string(1000, 'x'));
  EXPECT_LT(quoted.size(), 80u);
  EXPECT_THAT(quoted, HasSubstr("..."));
}

TEST(EmailTest, NormalizesCaseAndWhitespace) {
  absl::StatusOr<std::string> email = NormalizeEmail("e", "  Ann@Agency.COM ");
  ASSERT_THAT(email, IsOk());
  EXPECT_EQ(*email, "ann@agency.com");
}

TEST(EmailTest, RejectsImplausibleAddresses) {
  for (const char* bad : {"", "ann", "@agency.com", "ann@", "a@b@c",
                          "ann smith@agency.com", "ann@agency\tcom"}) {
    EXPECT_THAT(NormalizeEmail("member.email", bad),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << bad;
  }
  EXPECT_THAT(NormalizeEmail("e", std::string(250, 'a') + "@x.io"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(TagsTest, TrimsSortsAndDeduplicates) {
  absl::StatusOr<std::vector<std::string>> tags =
      NormalizeTags("t", {" seo ", "ads", "seo", "Ads"});
  ASSERT_THAT(tags, IsOk());
  EXPECT_THAT(*tags, ElementsAre("Ads", "ads", "seo"));
}

TEST(TagsTest, RejectsEmptyTooLongAndTooMany) {
  EXPECT_THAT(NormalizeTags("t", {"  "}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      NormalizeTags("t", {std::string(limits::kMaxLabelBytes + 1, 'a')}),
      StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<std::string> many;
  for (size_t i = 0; i <= limits::kMaxTags; ++i)
    many.push_back(std::to_string(i));
  EXPECT_THAT(NormalizeTags("t", many),
              StatusIs(absl::StatusCode::kInvalidArgument));
  many.pop_back();
  EXPECT_THAT(NormalizeTags("t", many), IsOk());
}

TEST(SettingsChecksTest, TimeZoneAndCurrency) {
  EXPECT_THAT(CheckTimeZone("tz", "Europe/Kyiv"), IsOk());
  EXPECT_THAT(CheckTimeZone("tz", "Mars/Olympus"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckTimeZone("tz", "../../etc/passwd"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckCurrency("c", "EUR"), IsOk());
  EXPECT_THAT(CheckCurrency("c", "eur"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckCurrency("c", "EURO"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ValueChecksTest, DaysDurationsMoneyPriority) {
  EXPECT_THAT(CheckDay("d", absl::CivilDay(1900, 1, 1)), IsOk());
  EXPECT_THAT(CheckDay("d", absl::CivilDay(1899, 12, 31)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckDay("d", absl::CivilDay(10000, 1, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckDayOrder("start", absl::CivilDay(2026, 5, 2), "end",
                            absl::CivilDay(2026, 5, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckDayOrder("start", absl::CivilDay(2026, 5, 1), "end",
                            absl::CivilDay(2026, 5, 1)),
              IsOk());
  EXPECT_THAT(CheckOptionalDuration("e", absl::Seconds(1)), IsOk());
  EXPECT_THAT(CheckOptionalDuration("e", absl::ZeroDuration()),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckOptionalDuration("e", absl::Milliseconds(1500)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckOptionalDuration("e", absl::InfiniteDuration()),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckOptionalMoney("m", Money{-1}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckOptionalMoney("m", Money{0}), IsOk());
  EXPECT_THAT(CheckPriority("p", 0), IsOk());
  EXPECT_THAT(CheckPriority("p", 10), IsOk());
  EXPECT_THAT(CheckPriority("p", -1),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckPriority("p", 11),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace worksection
