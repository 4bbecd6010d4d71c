// Settings and entities: every field round-trips through Insert/Get and
// Update/Get; missing ids are NotFound; ids increase and are never reused.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "tests/store_conformance/store_test.h"

namespace worksection::conformance {
namespace {

using ::testing::HasSubstr;
using ::worksection::testing::IsOk;
using ::worksection::testing::StatusIs;

using EntitiesTest = StoreTest;
WS_INSTANTIATE_STORE_TEST(EntitiesTest);

constexpr char kUnicode[] = "Zoë Ångström — 李小龙 🚀 \"quoted\" it's";

TEST_P(EntitiesTest, SettingsAbsentThenPutAndGet) {
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(std::optional<WorkspaceSettings> s,
                            tx->GetSettings());
    EXPECT_FALSE(s.has_value());
  }
  WorkspaceSettings want;
  want.revision = 1;
  want.name = kUnicode;
  want.time_zone = "Europe/Kyiv";
  want.currency = "EUR";
  want.week_start = absl::Weekday::sunday;
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.PutSettings(want); }),
              IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(std::optional<WorkspaceSettings> got,
                            tx->GetSettings());
    ASSERT_TRUE(got.has_value());
    ExpectSettingsEq(want, *got);
  }
  // A second put replaces the first.
  want.revision = 2;
  want.name = "Renamed";
  want.time_zone = "America/New_York";
  want.currency = "USD";
  want.week_start = absl::Weekday::monday;
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.PutSettings(want); }),
              IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(std::optional<WorkspaceSettings> got,
                          tx->GetSettings());
  ASSERT_TRUE(got.has_value());
  ExpectSettingsEq(want, *got);
}

TEST_P(EntitiesTest, MemberRoundTripsEveryField) {
  Member full;
  full.id = MemberId(777);  // ignored by Insert
  full.revision = 1;
  full.name = kUnicode;
  full.email = "zoë@example.com";
  full.role = Role::kClient;
  full.company = "Åcme & Co";
  full.cost_rate = 4500;
  full.billing_rate = 12'345'678'901;
  full.active = false;
  full.created_at = Micros(1'700'000'000'123'456);
  full.updated_at = Micros(1'700'000'001'654'321);
  WS_ASSERT_OK_AND_ASSIGN(MemberId id, AddMember(full));
  ASSERT_TRUE(id.valid());
  full.id = id;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(Member got, tx->GetMember(id));
    ExpectMemberEq(full, got);
    if (id != MemberId(777)) {
      EXPECT_THAT(tx->GetMember(MemberId(777)),
                  StatusIs(absl::StatusCode::kNotFound));
    }
  }
  // Update to the other extreme: unset optionals, other enum values.
  Member updated = full;
  updated.revision = 2;
  updated.name = "Plain";
  updated.email = "plain@example.com";
  updated.role = Role::kOwner;
  updated.company = "";
  updated.cost_rate = std::nullopt;
  updated.billing_rate = std::nullopt;
  updated.active = true;
  updated.updated_at = Micros(-1'234'567);  // before the epoch
  ASSERT_THAT(
      InWrite([&](Transaction& tx) { return tx.UpdateMember(updated); }),
      IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(Member got, tx->GetMember(id));
    ExpectMemberEq(updated, got);
  }
  // And back: zero rates are not "unset".
  updated.revision = 3;
  updated.cost_rate = 0;
  updated.billing_rate = 0;
  updated.role = Role::kReader;
  ASSERT_THAT(
      InWrite([&](Transaction& tx) { return tx.UpdateMember(updated); }),
      IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(Member got, tx->GetMember(id));
  ExpectMemberEq(updated, got);
}

TEST_P(EntitiesTest, ProjectRoundTripsEveryField) {
  WS_ASSERT_OK_AND_ASSIGN(MemberId m1, AddMember(SimpleMember("a@x.org")));
  WS_ASSERT_OK_AND_ASSIGN(MemberId m2, AddMember(SimpleMember("b@x.org")));
  WS_ASSERT_OK_AND_ASSIGN(MemberId m3, AddMember(SimpleMember("c@x.org")));

  Project full;
  full.revision = 1;
  full.name = kUnicode;
  full.status = ProjectStatus::kPaused;
  full.folder = "Клиенты/2024";
  full.manager = m1;
  full.start_date = absl::CivilDay(1900, 1, 1);
  full.deadline = absl::CivilDay(9999, 12, 31);
  full.time_budget = absl::Hours(120) + absl::Seconds(7);
  full.money_budget = 9'000'000'000'000;
  full.billing_rate = 15000;
  full.tags = {"design", "web", "ünïcode"};
  full.members = {{m1, ProjectRole::kManager},
                  {m2, ProjectRole::kMember},
                  {m3, ProjectRole::kClient}};
  full.created_at = Micros(1'600'000'000'000'001);
  full.updated_at = Micros(1'600'000'000'999'999);
  WS_ASSERT_OK_AND_ASSIGN(ProjectId id, AddProject(full));
  ASSERT_TRUE(id.valid());
  full.id = id;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(Project got, tx->GetProject(id));
    ExpectProjectEq(full, got);
  }
  Project updated = full;
  updated.revision = 2;
  updated.name = "P";
  updated.status = ProjectStatus::kArchived;
  updated.folder = "";
  updated.manager = MemberId();
  updated.start_date = std::nullopt;
  updated.deadline = std::nullopt;
  updated.time_budget = std::nullopt;
  updated.money_budget = std::nullopt;
  updated.billing_rate = std::nullopt;
  updated.tags = {};
  updated.members = {{m2, ProjectRole::kManager}};
  updated.updated_at = Micros(1'600'000'001'000'000);
  ASSERT_THAT(
      InWrite([&](Transaction& tx) { return tx.UpdateProject(updated); }),
      IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(Project got, tx->GetProject(id));
    ExpectProjectEq(updated, got);
  }
  updated.revision = 3;
  updated.status = ProjectStatus::kActive;
  updated.members = {};
  updated.money_budget = 0;
  updated.start_date = absl::CivilDay(2024, 2, 29);
  ASSERT_THAT(
      InWrite([&](Transaction& tx) { return tx.UpdateProject(updated); }),
      IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(Project got, tx->GetProject(id));
  ExpectProjectEq(updated, got);
}

TEST_P(EntitiesTest, TaskRoundTripsEveryField) {
  WS_ASSERT_OK_AND_ASSIGN(MemberId m1, AddMember(SimpleMember("a@x.org")));
  WS_ASSERT_OK_AND_ASSIGN(MemberId m2, AddMember(SimpleMember("b@x.org")));
  WS_ASSERT_OK_AND_ASSIGN(MemberId m3, AddMember(SimpleMember("c@x.org")));
  WS_ASSERT_OK_AND_ASSIGN(ProjectId p1, AddProject(SimpleProject("P1")));
  WS_ASSERT_OK_AND_ASSIGN(ProjectId p2, AddProject(SimpleProject("P2")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId parent, AddTask(SimpleTask(p1, m1, "Top")));

  Task full;
  full.revision = 1;
  full.project = p1;
  full.parent = parent;
  full.title = kUnicode;
  full.text = std::string("Line 1\nLine 2\ttab ") + kUnicode;
  full.author = m1;
  full.assignee = m2;
  full.priority = 10;
  full.status = TaskStatus::kDone;
  full.start_date = absl::CivilDay(2024, 1, 31);
  full.deadline = Deadline{absl::CivilDay(2024, 2, 29), 1439};
  full.estimate = absl::Seconds(5400);
  full.money_budget = 123456;
  full.tags = {"a", "b b", "ü"};
  full.checklist = {{"first", true}, {"second ✓", false}, {"first", false}};
  full.subscribers = {m1, m2, m3};
  full.hidden_from_clients = true;
  full.completion_note = "Done — see PR #12";
  full.completed_at = Micros(1'700'000'123'456'789);
  full.created_at = Micros(1'700'000'000'000'007);
  full.updated_at = Micros(1'700'000'000'000'008);
  WS_ASSERT_OK_AND_ASSIGN(TaskId id, AddTask(full));
  ASSERT_TRUE(id.valid());
  full.id = id;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(Task got, tx->GetTask(id));
    ExpectTaskEq(full, got);
  }
  // Unset everything optional; deadline minute 0 is not "unset".
  Task updated = full;
  updated.revision = 2;
  updated.project = p2;
  updated.parent = TaskId();
  updated.title = "t";
  updated.text = "";
  updated.assignee = MemberId();
  updated.priority = 0;
  updated.status = TaskStatus::kOpen;
  updated.start_date = std::nullopt;
  updated.deadline = Deadline{absl::CivilDay(1900, 1, 1), 0};
  updated.estimate = std::nullopt;
  updated.money_budget = std::nullopt;
  updated.tags = {};
  updated.checklist = {};
  updated.subscribers = {};
  updated.hidden_from_clients = false;
  updated.completion_note = "";
  updated.completed_at = std::nullopt;
  updated.updated_at = Micros(1'700'000'000'000'009);
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.UpdateTask(updated); }),
              IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(Task got, tx->GetTask(id));
    ExpectTaskEq(updated, got);
  }
  // A day-only deadline, and a zero money budget.
  updated.revision = 3;
  updated.deadline = Deadline{absl::CivilDay(9999, 12, 31), std::nullopt};
  updated.money_budget = 0;
  updated.estimate = absl::Seconds(1);
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.UpdateTask(updated); }),
              IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(Task got, tx->GetTask(id));
  ExpectTaskEq(updated, got);
}

TEST_P(EntitiesTest, CommentRoundTripsEveryField) {
  WS_ASSERT_OK_AND_ASSIGN(MemberId m1, AddMember(SimpleMember("a@x.org")));
  WS_ASSERT_OK_AND_ASSIGN(ProjectId p1, AddProject(SimpleProject("P1")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId t1, AddTask(SimpleTask(p1, m1, "T")));
  Comment full;
  full.revision = 1;
  full.task = t1;
  full.author = m1;
  full.text = std::string(kUnicode) + "\n%_\\'\"";
  full.hidden_from_clients = true;
  full.created_at = Micros(1'700'000'000'000'001);
  full.updated_at = Micros(1'700'000'000'000'002);
  WS_ASSERT_OK_AND_ASSIGN(CommentId id, AddComment(full));
  ASSERT_TRUE(id.valid());
  full.id = id;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(Comment got, tx->GetComment(id));
    ExpectCommentEq(full, got);
  }
  Comment updated = full;
  updated.revision = 2;
  updated.text = "edited";
  updated.hidden_from_clients = false;
  updated.updated_at = Micros(1'800'000'000'000'000);
  ASSERT_THAT(
      InWrite([&](Transaction& tx) { return tx.UpdateComment(updated); }),
      IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(Comment got, tx->GetComment(id));
  ExpectCommentEq(updated, got);
}

TEST_P(EntitiesTest, MissingIdsAreNotFound) {
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
  EXPECT_THAT(tx->GetMember(MemberId(42)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(tx->GetProject(ProjectId(42)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(tx->GetTask(TaskId(42)), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(tx->GetComment(CommentId(42)),
              StatusIs(absl::StatusCode::kNotFound));
  // The message names the id.
  EXPECT_THAT(std::string(tx->GetTask(TaskId(42)).status().message()),
              HasSubstr("42"));

  Member m = SimpleMember("a@x.org");
  m.id = MemberId(42);
  EXPECT_THAT(tx->UpdateMember(m), StatusIs(absl::StatusCode::kNotFound));
  Project p = SimpleProject("P");
  p.id = ProjectId(42);
  EXPECT_THAT(tx->UpdateProject(p), StatusIs(absl::StatusCode::kNotFound));
  Task t = SimpleTask(ProjectId(1), MemberId(1), "T");
  t.id = TaskId(42);
  EXPECT_THAT(tx->UpdateTask(t), StatusIs(absl::StatusCode::kNotFound));
  Comment c = SimpleComment(TaskId(1), MemberId(1), "C");
  c.id = CommentId(42);
  EXPECT_THAT(tx->UpdateComment(c), StatusIs(absl::StatusCode::kNotFound));
  // A failed update did not create anything.
  EXPECT_THAT(tx->GetMember(MemberId(42)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(tx->GetTask(TaskId(42)), StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(EntitiesTest, IdsIncreaseAndAreNeverReused) {
  std::vector<MemberId> members;
  for (int i = 0; i < 5; ++i) {
    WS_ASSERT_OK_AND_ASSIGN(
        MemberId id, AddMember(SimpleMember("m" + std::to_string(i) + "@x")));
    ASSERT_TRUE(id.valid());
    if (!members.empty()) {
      EXPECT_GT(id, members.back());
    }
    members.push_back(id);
  }
  WS_ASSERT_OK_AND_ASSIGN(ProjectId p1, AddProject(SimpleProject("P1")));
  WS_ASSERT_OK_AND_ASSIGN(ProjectId p2, AddProject(SimpleProject("P2")));
  EXPECT_TRUE(p1.valid());
  EXPECT_GT(p2, p1);
  WS_ASSERT_OK_AND_ASSIGN(TaskId t1, AddTask(SimpleTask(p1, members[0], "1")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId t2, AddTask(SimpleTask(p1, members[0], "2")));
  EXPECT_TRUE(t1.valid());
  EXPECT_GT(t2, t1);
  WS_ASSERT_OK_AND_ASSIGN(CommentId c1,
                          AddComment(SimpleComment(t1, members[0], "1")));
  WS_ASSERT_OK_AND_ASSIGN(CommentId c2,
                          AddComment(SimpleComment(t1, members[0], "2")));
  EXPECT_TRUE(c1.valid());
  EXPECT_GT(c2, c1);

  // Several inserts in one transaction get distinct increasing ids.
  TaskId t3, t4;
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                absl::StatusOr<TaskId> a =
                    tx.InsertTask(SimpleTask(p2, members[1], "3"));
                if (!a.ok()) return a.status();
                absl::StatusOr<TaskId> b =
                    tx.InsertTask(SimpleTask(p2, members[1], "4"));
                if (!b.ok()) return b.status();
                t3 = *a;
                t4 = *b;
                return absl::OkStatus();
              }),
              IsOk());
  EXPECT_GT(t3, t2);
  EXPECT_GT(t4, t3);

  // A rolled-back insert: the next committed id is still above every
  // committed one, and the rolled-back row is gone.
  TaskId rolled_back;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    WS_ASSERT_OK_AND_ASSIGN(rolled_back,
                            tx->InsertTask(SimpleTask(p1, members[0], "x")));
    EXPECT_GT(rolled_back, t4);
  }
  WS_ASSERT_OK_AND_ASSIGN(TaskId t5, AddTask(SimpleTask(p1, members[0], "5")));
  EXPECT_GT(t5, t4);
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(Task got, tx->GetTask(t5));
  EXPECT_EQ(got.title, "5");
  if (rolled_back != t5) {
    EXPECT_THAT(tx->GetTask(rolled_back),
                StatusIs(absl::StatusCode::kNotFound));
  }
  // Every earlier task is still there, unchanged.
  for (auto [id, title] : std::vector<std::pair<TaskId, std::string>>{
           {t1, "1"}, {t2, "2"}, {t3, "3"}, {t4, "4"}}) {
    WS_ASSERT_OK_AND_ASSIGN(Task t, tx->GetTask(id));
    EXPECT_EQ(t.title, title);
  }
}

}  // namespace
}  // namespace worksection::conformance
