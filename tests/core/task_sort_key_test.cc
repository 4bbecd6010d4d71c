#include <optional>

#include "gtest/gtest.h"
#include "worksection/store.h"

namespace worksection {
namespace {

Task DueOn(absl::CivilDay day, std::optional<int> minute) {
  Task t;
  t.deadline = Deadline{day, minute};
  return t;
}

TEST(TaskSortKeyTest, DayOnlyDeadlineSortsAfterEveryTimedOneOfItsDay) {
  const absl::CivilDay day(2026, 11, 27);
  const int64_t day_only =
      TaskSortKey(DueOn(day, std::nullopt), TaskOrder::kDeadline);
  EXPECT_LT(TaskSortKey(DueOn(day, 0), TaskOrder::kDeadline), day_only);
  EXPECT_LT(TaskSortKey(DueOn(day, 1439), TaskOrder::kDeadline), day_only);
  EXPECT_LT(day_only, TaskSortKey(DueOn(day + 1, 0), TaskOrder::kDeadline));
}

TEST(TaskSortKeyTest, NoDeadlineSortsLastAndPriorityDescends) {
  EXPECT_GT(TaskSortKey(Task{}, TaskOrder::kDeadline),
            TaskSortKey(DueOn(absl::CivilDay(9999, 12, 31), std::nullopt),
                        TaskOrder::kDeadline));
  Task urgent, paused;
  urgent.priority = 10;
  paused.priority = 0;
  EXPECT_LT(TaskSortKey(urgent, TaskOrder::kPriority),
            TaskSortKey(paused, TaskOrder::kPriority));
}

}  // namespace
}  // namespace worksection
