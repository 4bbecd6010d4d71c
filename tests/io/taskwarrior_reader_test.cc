// The `task export` reader (src/io/taskwarrior.h): an export with only the
// keys it knows takes its fast path, one with other keys (user-defined
// attributes) the general one; both must read the same tasks and refuse
// the same input.
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/io/taskwarrior.h"
#include "tests/testing.h"

namespace worksection::io {
namespace {

using ::testing::HasSubstr;
using ::worksection::testing::StatusIs;

// Every key the reader knows, with the shapes Taskwarrior 2.6 and 3.x write.
constexpr char kKnownKeys[] =
    R"([{"id":1,"uuid":"u1","description":"All of it","status":"pending",)"
    R"("project":"Client.Site","priority":"H","due":"20260115T170000Z",)"
    R"("scheduled":"20260112T000000Z","wait":"20260110T000000Z",)"
    R"("until":"20260301T000000Z","entry":"20260101T080000Z",)"
    R"("modified":"20260102T080000Z","tags":["a","b"],"depends":"u2,u3",)"
    R"("annotations":[{"entry":"20260101T090000Z","description":"note"}],)"
    R"("urgency":4.5},)"
    R"({"id":0,"uuid":"u2","description":"Done","status":"completed",)"
    R"("end":"20260105T120000Z","depends":["u3"],"recur":"weekly",)"
    R"("parent":"u9","mask":"--","imask":0,"rtype":"periodic"}])";

std::string Dump(const std::optional<absl::Time>& t) {
  return t ? absl::FormatTime(*t) : "-";
}

std::string Dump(const TaskwarriorTask& t) {
  std::string out = absl::StrCat(
      t.position, "|", t.uuid, "|", t.description, "|", t.project, "|",
      t.status, "|", t.priority, "|", t.recur, "|", t.recurrence_parent, "|",
      absl::StrJoin(t.tags, ","), "|", absl::StrJoin(t.depends, ","));
  for (const auto& time :
       {t.due, t.scheduled, t.wait, t.until, t.entry, t.end, t.modified}) {
    absl::StrAppend(&out, "|", Dump(time));
  }
  for (const TaskwarriorAnnotation& a : t.annotations) {
    absl::StrAppend(&out, "|", Dump(a.entry), " ", a.description);
  }
  return out;
}

TEST(TaskwarriorReaderTest, UnknownKeysChangeNothingButWhatIsKept) {
  absl::StatusOr<std::vector<TaskwarriorTask>> known =
      ParseTaskwarrior(kKnownKeys);
  ASSERT_TRUE(known.ok()) << known.status();
  absl::StatusOr<std::vector<TaskwarriorTask>> with_uda =
      ParseTaskwarrior(absl::StrReplaceAll(
          kKnownKeys,
          {{R"("uuid":"u2",)", R"("uuid":"u2","estimate":"3h",)"}}));
  ASSERT_TRUE(with_uda.ok()) << with_uda.status();
  ASSERT_EQ(known->size(), 2u);
  ASSERT_EQ(with_uda->size(), 2u);
  for (size_t i = 0; i < known->size(); ++i) {
    EXPECT_EQ(Dump((*known)[i]), Dump((*with_uda)[i]));
    EXPECT_THAT((*known)[i].other, ::testing::IsEmpty());
  }
  EXPECT_THAT((*with_uda)[0].other, ::testing::IsEmpty());
  EXPECT_THAT((*with_uda)[1].other,
              ::testing::ElementsAre(::testing::Pair("estimate", "3h")));

  const TaskwarriorTask& first = (*known)[0];
  EXPECT_EQ(first.position, "tasks[0] (uuid u1)");
  EXPECT_EQ(first.project, "Client.Site");
  EXPECT_THAT(first.tags, ::testing::ElementsAre("a", "b"));
  EXPECT_THAT(first.depends, ::testing::ElementsAre("u2", "u3"));
  ASSERT_EQ(first.annotations.size(), 1u);
  EXPECT_EQ(first.annotations[0].description, "note");
  EXPECT_EQ((*known)[1].recurrence_parent, "u9");
  EXPECT_THAT((*known)[1].depends, ::testing::ElementsAre("u3"));
}

TEST(TaskwarriorReaderTest, NullOrWrongTypesAreRefusedOnBothPaths) {
  for (const std::string& extra : {std::string(), std::string(R"("x":1,)")}) {
    EXPECT_THAT(
        ParseTaskwarrior(absl::StrCat(R"([{"uuid":"u",)", extra,
                                      R"("description":"d","due":null}])")),
        StatusIs(absl::StatusCode::kInvalidArgument,
                 HasSubstr("tasks[0] (uuid u).due: expected a string")))
        << extra;
    EXPECT_THAT(ParseTaskwarrior(absl::StrCat(R"([{"uuid":"u",)", extra,
                                              R"("description":5}])")),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("tasks[0] (uuid u).description: expected a "
                                   "string")))
        << extra;
    EXPECT_THAT(ParseTaskwarrior(absl::StrCat(R"([{"uuid":"u",)", extra,
                                              R"("description":"d"},7])")),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("[1]: expected an object")))
        << extra;
  }
}

TEST(TaskwarriorReaderTest, OnlyOneArrayIsAnExport) {
  // Taken for the fast path's wrapping {"items": ...}, these would parse.
  for (const char* json :
       {R"([{"uuid":"a","description":"A"}], "items": [{"uuid":"b",)"
        R"("description":"B"}])",
        R"([{'uuid':'a','description':'A'}], 'items': [{'uuid':'b',)"
        R"('description':'B'}])",
        R"([], "items": [])", R"({"items": []})"}) {
    EXPECT_THAT(ParseTaskwarrior(json),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         ::testing::AllOf(
                             HasSubstr("Taskwarrior export"),
                             ::testing::AnyOf(HasSubstr("not JSON"),
                                              HasSubstr("not a JSON array")))))
        << json;
  }
  // Brackets and quotes inside strings are text.
  absl::StatusOr<std::vector<TaskwarriorTask>> tasks = ParseTaskwarrior(
      R"( [{"uuid":"a]}","description":"say \"]\" and '[' "}] )");
  ASSERT_TRUE(tasks.ok()) << tasks.status();
  ASSERT_EQ(tasks->size(), 1u);
  EXPECT_EQ((*tasks)[0].uuid, "a]}");
  EXPECT_EQ((*tasks)[0].description, "say \"]\" and '[' ");
  tasks = ParseTaskwarrior(" [ ] ");
  ASSERT_TRUE(tasks.ok()) << tasks.status();
  EXPECT_THAT(*tasks, ::testing::IsEmpty());
}

}  // namespace
}  // namespace worksection::io
