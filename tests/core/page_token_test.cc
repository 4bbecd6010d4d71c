#include "src/core/page_token.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing.h"

namespace worksection {
namespace {

using ::worksection::testing::StatusIs;

TEST(PageTokenTest, RoundTripsThePosition) {
  TaskFilter filter;
  filter.assignee = MemberId(7);
  filter.order = TaskOrder::kDeadline;
  filter.page_token = EncodePageToken(filter, {-42, TaskId(99)});
  absl::StatusOr<std::optional<TaskSortPosition>> pos = DecodePageToken(filter);
  ASSERT_TRUE(pos.ok()) << pos.status();
  ASSERT_TRUE(pos->has_value());
  EXPECT_EQ((*pos)->key, -42);
  EXPECT_EQ((*pos)->id, TaskId(99));
}

TEST(PageTokenTest, EmptyTokenIsTheFirstPage) {
  absl::StatusOr<std::optional<TaskSortPosition>> pos =
      DecodePageToken(TaskFilter{});
  ASSERT_TRUE(pos.ok());
  EXPECT_FALSE(pos->has_value());
}

TEST(PageTokenTest, LimitMayChangeBetweenPages) {
  TaskFilter filter;
  filter.limit = 10;
  filter.page_token = EncodePageToken(filter, {0, TaskId(5)});
  filter.limit = 50;
  EXPECT_TRUE(DecodePageToken(filter).ok());
}

TEST(PageTokenTest, RefusesATokenOfAnotherFilterOrOrder) {
  TaskFilter filter;
  filter.text_contains = "logo";
  const std::string token = EncodePageToken(filter, {0, TaskId(5)});

  TaskFilter other = filter;
  other.text_contains = "logos";
  other.page_token = token;
  EXPECT_THAT(DecodePageToken(other),
              StatusIs(absl::StatusCode::kInvalidArgument));

  TaskFilter reordered = filter;
  reordered.order = TaskOrder::kPriority;
  reordered.page_token = token;
  EXPECT_THAT(DecodePageToken(reordered),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PageTokenTest, RefusesGarbage) {
  for (const char* garbage : {"!!!", "AAAA", "not a token", "\xff"}) {
    TaskFilter filter;
    filter.page_token = garbage;
    EXPECT_THAT(DecodePageToken(filter),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << garbage;
  }
}

}  // namespace
}  // namespace worksection
