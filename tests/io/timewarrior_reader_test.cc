// The `timew export` reader (src/io/timewarrior.h): an export with only the
// keys Timewarrior writes takes its fast path, one with other keys the
// general one; both must read the same intervals and refuse the same input.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/io/timewarrior.h"
#include "tests/testing.h"

namespace worksection::io {
namespace {

using ::testing::HasSubstr;
using ::worksection::testing::StatusIs;

// Every key Timewarrior 1.4 writes: a closed interval, an open one.
constexpr char kKnownKeys[] =
    R"([{"id":2,"start":"20260112T080000Z","end":"20260112T093000Z",)"
    R"("tags":["Client:Site","design"],"annotation":"wireframes"},)"
    R"({"id":1,"start":"20260113T080000Z","tags":[]}])";

std::string Dump(const TimewarriorInterval& i) {
  return absl::StrCat(i.position, "|", i.id, "|", absl::FormatTime(i.start),
                      "|", i.end ? absl::FormatTime(*i.end) : "-", "|",
                      absl::StrJoin(i.tags, ","), "|", i.annotation);
}

std::vector<std::string> DumpAll(absl::string_view json) {
  absl::StatusOr<std::vector<TimewarriorInterval>> read =
      ParseTimewarrior(json);
  EXPECT_TRUE(read.ok()) << read.status();
  std::vector<std::string> out;
  if (read.ok()) {
    for (const TimewarriorInterval& i : *read) out.push_back(Dump(i));
  }
  return out;
}

TEST(TimewarriorReaderTest, OtherKeysReadTheSameIntervals) {
  const std::vector<std::string> known = DumpAll(kKnownKeys);
  EXPECT_THAT(known,
              ::testing::ElementsAre(
                  "intervals[0] (@2)|2|2026-01-12T08:00:00+00:00|"
                  "2026-01-12T09:30:00+00:00|Client:Site,design|wireframes",
                  "intervals[1] (@1)|1|2026-01-13T08:00:00+00:00|-||"));
  EXPECT_EQ(DumpAll(absl::StrReplaceAll(
                kKnownKeys, {{R"("id":1,)", R"("id":1,"extra":{"a":[1]},)"}})),
            known);
}

TEST(TimewarriorReaderTest, BothPathsRefuseTheSameInput) {
  for (const std::string& extra : {std::string(), std::string(R"("x":1,)")}) {
    auto with = [&](const std::string& from, const std::string& to) {
      return ParseTimewarrior(absl::StrReplaceAll(
          kKnownKeys,
          {{R"("id":2,)", absl::StrCat(R"("id":2,)", extra)}, {from, to}}));
    };
    SCOPED_TRACE(extra);
    EXPECT_THAT(with(R"("start":"20260112T080000Z",)", ""),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("intervals[0] (@2): no start")));
    EXPECT_THAT(with(R"("tags":["Client:Site","design"])", R"("tags":"a")"),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("intervals[0] (@2).tags: expected")));
    EXPECT_THAT(with(R"("annotation":"wireframes")", R"("annotation":null)"),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("intervals[0] (@2).annotation")));
    EXPECT_THAT(with("20260112T093000Z", "20260111T000000Z"),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("intervals[0] (@2).end: before the start")));
  }
  EXPECT_THAT(ParseTimewarrior(absl::StrCat(kKnownKeys, ", []")),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace worksection::io
