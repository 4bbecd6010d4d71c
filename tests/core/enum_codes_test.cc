// Every enum table maps every value to a distinct code and back: the
// exhaustiveness a switch would have checked.
#include "src/util/enum_codes.h"

#include <set>

#include "capi/internal.h"
#include "gtest/gtest.h"
#include "src/store/sql/codec.h"

namespace worksection {
namespace {

using namespace sql_internal;  // NOLINT: the tables under test

// `values` lists every value of the enum; the table must hold each once,
// with distinct non-zero codes, and decode each code back.
template <typename E, size_t N>
void ExpectComplete(const EnumCodes<E, N>& codes,
                    std::initializer_list<E> values) {
  ASSERT_EQ(values.size(), N) << "the table and the enum differ in size";
  std::set<int64_t> seen;
  for (E v : values) {
    const int64_t code = codes.Encode(v);
    EXPECT_NE(code, 0) << "a value has no code";
    EXPECT_TRUE(seen.insert(code).second) << "code " << code << " twice";
    E back{};
    ASSERT_TRUE(codes.Decode(code, &back));
    EXPECT_EQ(back, v);
  }
  E ignored{};
  EXPECT_FALSE(codes.Decode(0, &ignored));
  EXPECT_FALSE(codes.Decode(1000, &ignored));
}

TEST(EnumCodesTest, SqliteTablesAreComplete) {
  ExpectComplete(kRoleCodes, {Role::kOwner, Role::kAdmin, Role::kEmployee,
                              Role::kClient, Role::kReader});
  ExpectComplete(
      kProjectRoleCodes,
      {ProjectRole::kManager, ProjectRole::kMember, ProjectRole::kClient});
  ExpectComplete(kProjectStatusCodes,
                 {ProjectStatus::kActive, ProjectStatus::kPaused,
                  ProjectStatus::kArchived});
  ExpectComplete(kTaskStatusCodes, {TaskStatus::kOpen, TaskStatus::kDone});
  ExpectComplete(
      kWeekdayCodes,
      {absl::Weekday::monday, absl::Weekday::tuesday, absl::Weekday::wednesday,
       absl::Weekday::thursday, absl::Weekday::friday, absl::Weekday::saturday,
       absl::Weekday::sunday});
  ExpectComplete(kRoundingModeCodes,
                 {Rounding::Mode::kNone, Rounding::Mode::kUp,
                  Rounding::Mode::kNearest, Rounding::Mode::kDown});
  ExpectComplete(kCostKindCodes, {Cost::Kind::kExpense, Cost::Kind::kIncome});
  ExpectComplete(kBudgetAlertKindCodes,
                 {BudgetAlert::Kind::kTime, BudgetAlert::Kind::kMoney});
}

TEST(EnumCodesTest, CApiTablesAreComplete) {
  using namespace capi;  // NOLINT: the tables under test
  ExpectComplete(kCRole.codes, {Role::kOwner, Role::kAdmin, Role::kEmployee,
                                Role::kClient, Role::kReader});
  ExpectComplete(
      kCProjectRole.codes,
      {ProjectRole::kManager, ProjectRole::kMember, ProjectRole::kClient});
  ExpectComplete(kCProjectStatus.codes,
                 {ProjectStatus::kActive, ProjectStatus::kPaused,
                  ProjectStatus::kArchived});
  ExpectComplete(kCTaskStatus.codes, {TaskStatus::kOpen, TaskStatus::kDone});
  ExpectComplete(
      kCWeekday.codes,
      {absl::Weekday::monday, absl::Weekday::tuesday, absl::Weekday::wednesday,
       absl::Weekday::thursday, absl::Weekday::friday, absl::Weekday::saturday,
       absl::Weekday::sunday});
  ExpectComplete(kCRounding.codes,
                 {Rounding::Mode::kNone, Rounding::Mode::kUp,
                  Rounding::Mode::kNearest, Rounding::Mode::kDown});
  ExpectComplete(kCCostKind.codes, {Cost::Kind::kExpense, Cost::Kind::kIncome});
  ExpectComplete(kCReportGroup.codes,
                 {ReportGroup::kProject, ReportGroup::kTask,
                  ReportGroup::kMember, ReportGroup::kTag, ReportGroup::kDay,
                  ReportGroup::kWeek, ReportGroup::kMonth});
}

TEST(EnumCodesTest, FileFormatCodesNeverChange) {
  // These codes are stored in SQLite files already written.
  EXPECT_EQ(kRoleCodes.Encode(Role::kReader), 5);
  EXPECT_EQ(kProjectStatusCodes.Encode(ProjectStatus::kArchived), 3);
  EXPECT_EQ(kTaskStatusCodes.Encode(TaskStatus::kDone), 2);
  EXPECT_EQ(kWeekdayCodes.Encode(absl::Weekday::sunday), 7);
  EXPECT_EQ(kRoundingModeCodes.Encode(Rounding::Mode::kDown), 4);
}

}  // namespace
}  // namespace worksection
