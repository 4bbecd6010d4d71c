// Opening a workspace: URIs, creation on first use, Bootstrap, an
// uninitialized store, settings.
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_replace.h"
#include "tests/conformance/session_test.h"
#include "tests/pg_testing.h"

namespace worksection {
namespace session_conformance {
namespace {

// A fresh, empty store per test (no workspace set up yet).
class OpenTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    uri_ =
        ::worksection::testing::ExpandStoreUri(GetParam(), tmp_.path(), &pg_);
  }

  static OpenOptions NoCreate() {
    OpenOptions options;
    options.clock = [] { return FixedNow(); };
    return options;
  }

  ::worksection::testing::TempDir tmp_;

  std::unique_ptr<::worksection::testing::PgSchema> pg_;  // PostgreSQL only
  std::string uri_;
};

TEST_P(OpenTest, CreateOnFirstUseMakesSettingsAndOwner) {
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Workspace> ws,
                          Workspace::Open(uri_, DefaultOptions()));
  EXPECT_FALSE(ws->read_only());
  EXPECT_EQ(ws->Now(), FixedNow());
  WS_ASSERT_OK_AND_ASSIGN(bool initialized, ws->Initialized());
  EXPECT_TRUE(initialized);

  WS_ASSERT_OK_AND_ASSIGN(Member owner, ws->FirstOwner());
  EXPECT_TRUE(owner.id.valid());
  EXPECT_EQ(owner.revision, 1);
  EXPECT_EQ(owner.name, "Olga Owner");
  EXPECT_EQ(owner.email, "olga@example.com");  // trimmed, lower case
  EXPECT_EQ(owner.role, Role::kOwner);
  EXPECT_TRUE(owner.active);
  EXPECT_EQ(owner.cost_rate, 0);
  EXPECT_EQ(owner.billing_rate, 0);
  EXPECT_EQ(owner.created_at, FixedNow());
  EXPECT_EQ(owner.updated_at, FixedNow());

  Session s = ws->As(owner.id);
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings settings, s.GetSettings());
  EXPECT_EQ(settings.revision, 1);
  EXPECT_EQ(settings.name, "Acme Agency");
  EXPECT_EQ(settings.time_zone, "Europe/Berlin");
  EXPECT_EQ(settings.currency, "EUR");
  EXPECT_EQ(settings.week_start, absl::Weekday::sunday);

  WS_ASSERT_OK_AND_ASSIGN(Member got, s.GetMember(owner.id));
  EXPECT_EQ(Dump(got), Dump(owner));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> members, s.ListMembers());
  EXPECT_THAT(Ids(members), ElementsAre(owner.id.value()));
}

TEST_P(OpenTest, BootstrapOnANonEmptyStoreFails) {
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Workspace> ws,
                          Workspace::Open(uri_, DefaultOptions()));
  WorkspaceSetup other = DefaultSetup();
  other.name = "Second";
  other.owner_email = "second@example.com";
  EXPECT_THAT(ws->Bootstrap(other),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  WS_ASSERT_OK_AND_ASSIGN(Member owner, ws->FirstOwner());
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings settings,
                          ws->As(owner.id).GetSettings());
  EXPECT_EQ(settings.name, "Acme Agency");
  MemberFilter all;
  all.include_inactive = true;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> members,
                          ws->As(owner.id).ListMembers(all));
  EXPECT_EQ(members.size(), 1u);
}

TEST_P(OpenTest, UninitializedStoreRefusesSessionCalls) {
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Workspace> ws,
                          Workspace::Open(uri_, NoCreate()));
  WS_ASSERT_OK_AND_ASSIGN(bool initialized, ws->Initialized());
  EXPECT_FALSE(initialized);
  EXPECT_THAT(ws->FirstOwner(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  Session s = ws->As(MemberId(1));
  EXPECT_THAT(s.GetSettings(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(s.Today(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(s.ListMembers(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(s.CreateMember(NewMember("A", "a@example.com")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(s.CreateProject(NewProject("P")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(s.ListTasks(), StatusIs(absl::StatusCode::kFailedPrecondition));
  WS_ASSERT_OK_AND_ASSIGN(initialized, ws->Initialized());
  EXPECT_FALSE(initialized);

  // Bootstrap then sets it up.
  WS_ASSERT_OK_AND_ASSIGN(Member owner, ws->Bootstrap(DefaultSetup()));
  EXPECT_TRUE(owner.id.valid());
  EXPECT_EQ(owner.email, "olga@example.com");
  EXPECT_EQ(owner.role, Role::kOwner);
  WS_ASSERT_OK_AND_ASSIGN(initialized, ws->Initialized());
  EXPECT_TRUE(initialized);
  WS_ASSERT_OK_AND_ASSIGN(Member first, ws->FirstOwner());
  EXPECT_EQ(Dump(first), Dump(owner));
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings settings,
                          ws->As(owner.id).GetSettings());
  EXPECT_EQ(settings.name, "Acme Agency");
}

TEST_P(OpenTest, BootstrapWithABadSetupFailsAndChangesNothing) {
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Workspace> ws,
                          Workspace::Open(uri_, NoCreate()));
  struct Case {
    const char* what;
    void (*spoil)(WorkspaceSetup&);
    const char* field;
  };
  const Case cases[] = {
      {"bad time zone", [](WorkspaceSetup& s) { s.time_zone = "Mars/Olympus"; },
       "setup.time_zone"},
      {"empty time zone", [](WorkspaceSetup& s) { s.time_zone = ""; },
       "setup.time_zone"},
      {"lower-case currency", [](WorkspaceSetup& s) { s.currency = "eur"; },
       "setup.currency"},
      {"long currency", [](WorkspaceSetup& s) { s.currency = "EURO"; },
       "setup.currency"},
      {"e-mail without @",
       [](WorkspaceSetup& s) { s.owner_email = "olga.example.com"; },
       "setup.owner_email"},
      {"e-mail with two @",
       [](WorkspaceSetup& s) { s.owner_email = "olga@a@b.com"; },
       "setup.owner_email"},
      {"e-mail with a space",
       [](WorkspaceSetup& s) { s.owner_email = "ol ga@example.com"; },
       "setup.owner_email"},
      {"empty name", [](WorkspaceSetup& s) { s.name = ""; }, "setup.name"},
      {"bad UTF-8 name", [](WorkspaceSetup& s) { s.name = "Acme\xff"; },
       "setup.name"},
      {"empty owner name", [](WorkspaceSetup& s) { s.owner_name = ""; },
       "setup.owner_name"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    WorkspaceSetup setup = DefaultSetup();
    c.spoil(setup);
    absl::StatusOr<Member> owner = ws->Bootstrap(setup);
    EXPECT_THAT(owner, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(owner.status().message(), HasSubstr(c.field));
    WS_ASSERT_OK_AND_ASSIGN(bool initialized, ws->Initialized());
    EXPECT_FALSE(initialized);

    // Open with the same bad `create` fails the same way.
    OpenOptions options = DefaultOptions();
    options.create = setup;
    EXPECT_THAT(Workspace::Open(uri_, options),
                StatusIs(absl::StatusCode::kInvalidArgument));
  }
  WS_ASSERT_OK_AND_ASSIGN(bool initialized, ws->Initialized());
  EXPECT_FALSE(initialized);
}

TEST_P(OpenTest, TodayIsInTheWorkspaceTimeZone) {
  // 23:30 UTC on March 15 is already March 16 in Tokyo.
  OpenOptions options = DefaultOptions();
  options.create->time_zone = "Asia/Tokyo";
  options.clock = [] {
    return absl::FromCivil(absl::CivilSecond(2024, 3, 15, 23, 30, 0),
                           absl::UTCTimeZone());
  };
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Workspace> ws,
                          Workspace::Open(uri_, std::move(options)));
  WS_ASSERT_OK_AND_ASSIGN(Member owner, ws->FirstOwner());
  Session s = ws->As(owner.id);
  WS_ASSERT_OK_AND_ASSIGN(absl::CivilDay today, s.Today());
  EXPECT_EQ(today, Day(2024, 3, 16));

  // Moving the workspace to UTC moves "today" back a day.
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings settings, s.GetSettings());
  settings.time_zone = "UTC";
  WS_ASSERT_OK(s.UpdateSettings(settings));
  WS_ASSERT_OK_AND_ASSIGN(today, s.Today());
  EXPECT_EQ(today, Day(2024, 3, 15));
}

TEST_P(OpenTest, UnknownSchemeIsInvalidArgument) {
  EXPECT_THAT(Workspace::Open("foo:bar", DefaultOptions()),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Workspace::Open("postgresq1://x", DefaultOptions()),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Workspace::Open("sqlite:", DefaultOptions()),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

WS_INSTANTIATE_ALL_STORES(OpenTest);

// --- SQLite URI forms --------------------------------------------------------

TEST(OpenSqliteTest, PathAndSqliteUriNameTheSameFile) {
  ::worksection::testing::TempDir tmp;
  const std::string path = tmp.File("agency.db");
  ProjectId project;
  {
    // A plain path.
    WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Workspace> ws,
                            Workspace::Open(path, DefaultOptions()));
    WS_ASSERT_OK_AND_ASSIGN(Member owner, ws->FirstOwner());
    WS_ASSERT_OK_AND_ASSIGN(Project p,
                            ws->As(owner.id).CreateProject(NewProject("P1")));
    project = p.id;
  }
  EXPECT_TRUE(std::filesystem::exists(path));
  for (const std::string& uri : {"sqlite:" + path, "sqlite://" + path}) {
    SCOPED_TRACE(uri);
    OpenOptions options = DefaultOptions();
    options.create.reset();
    WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Workspace> ws,
                            Workspace::Open(uri, std::move(options)));
    WS_ASSERT_OK_AND_ASSIGN(bool initialized, ws->Initialized());
    EXPECT_TRUE(initialized);
    WS_ASSERT_OK_AND_ASSIGN(Member owner, ws->FirstOwner());
    WS_ASSERT_OK_AND_ASSIGN(Project p, ws->As(owner.id).GetProject(project));
    EXPECT_EQ(p.name, "P1");
  }
}

TEST(OpenSqliteTest, SqliteUriCreatesTheFile) {
  ::worksection::testing::TempDir tmp;
  const std::string path = tmp.File("new.db");
  EXPECT_FALSE(std::filesystem::exists(path));
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Workspace> ws,
                          Workspace::Open("sqlite:" + path, DefaultOptions()));
  EXPECT_TRUE(std::filesystem::exists(path));
  WS_ASSERT_OK_AND_ASSIGN(bool initialized, ws->Initialized());
  EXPECT_TRUE(initialized);
}

TEST(OpenSqliteTest, MissingFileOpenedReadOnlyIsNotFound) {
  ::worksection::testing::TempDir tmp;
  const std::string path = tmp.File("missing.db");
  OpenOptions options = DefaultOptions();
  options.read_only = true;
  EXPECT_THAT(Workspace::Open("sqlite:" + path, std::move(options)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(OpenMemoryTest, EachMemoryStoreIsPrivate) {
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Workspace> a,
                          Workspace::Open("memory:", DefaultOptions()));
  OpenOptions options = DefaultOptions();
  options.create.reset();
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Workspace> b,
                          Workspace::Open("memory:", std::move(options)));
  WS_ASSERT_OK_AND_ASSIGN(bool a_init, a->Initialized());
  WS_ASSERT_OK_AND_ASSIGN(bool b_init, b->Initialized());
  EXPECT_TRUE(a_init);
  EXPECT_FALSE(b_init);
}

// --- Settings ----------------------------------------------------------------

class SettingsTest : public SessionTest {};

TEST_P(SettingsTest, UpdateRoundTripsAndIncrementsTheRevision) {
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings settings, Owner().GetSettings());
  ASSERT_EQ(settings.revision, 1);
  settings.name = "Acme Agency GmbH";
  settings.time_zone = "America/New_York";
  settings.currency = "USD";
  settings.week_start = absl::Weekday::monday;
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings updated,
                          Owner().UpdateSettings(settings));
  EXPECT_EQ(updated.revision, 2);
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings got, Employee().GetSettings());
  EXPECT_EQ(Dump(got), Dump(updated));
  EXPECT_EQ(got.name, "Acme Agency GmbH");
  EXPECT_EQ(got.time_zone, "America/New_York");
  EXPECT_EQ(got.currency, "USD");
  EXPECT_EQ(got.week_start, absl::Weekday::monday);

  // Revision 0 skips the check.
  got.revision = 0;
  got.name = "Acme";
  WS_ASSERT_OK_AND_ASSIGN(updated, Owner().UpdateSettings(got));
  EXPECT_EQ(updated.revision, 3);
}

TEST_P(SettingsTest, StaleRevisionIsAbortedAndChangesNothing) {
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings first, Owner().GetSettings());
  WorkspaceSettings second = first;
  second.name = "Second";
  WS_ASSERT_OK(Owner().UpdateSettings(second));
  const std::string before = Snapshot();
  first.name = "Stale";
  EXPECT_THAT(Owner().UpdateSettings(first),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(Snapshot(), before);
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings got, Owner().GetSettings());
  EXPECT_EQ(got.name, "Second");
  EXPECT_EQ(got.revision, 2);
}

TEST_P(SettingsTest, BadSettingsAreInvalidAndChangeNothing) {
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings good, Owner().GetSettings());
  const std::string before = Snapshot();
  struct Case {
    const char* what;
    void (*spoil)(WorkspaceSettings&);
    const char* field;
  };
  const Case cases[] = {
      {"empty name", [](WorkspaceSettings& s) { s.name = ""; },
       "settings.name"},
      {"long name",
       [](WorkspaceSettings& s) {
         s.name = std::string(limits::kMaxNameBytes + 1, 'n');
       },
       "settings.name"},
      {"bad UTF-8 name", [](WorkspaceSettings& s) { s.name = "\xc0\xaf"; },
       "settings.name"},
      {"NUL in name",
       [](WorkspaceSettings& s) { s.name = std::string("a\0b", 3); },
       "settings.name"},
      {"bad time zone", [](WorkspaceSettings& s) { s.time_zone = "Nowhere"; },
       "settings.time_zone"},
      {"bad currency", [](WorkspaceSettings& s) { s.currency = "E1R"; },
       "settings.currency"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    WorkspaceSettings bad = good;
    c.spoil(bad);
    absl::StatusOr<WorkspaceSettings> result = Owner().UpdateSettings(bad);
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(result.status().message(), HasSubstr(c.field));
    EXPECT_EQ(Snapshot(), before);
  }
  // Exactly at the limit is fine.
  WorkspaceSettings longest = good;
  longest.name = std::string(limits::kMaxNameBytes, 'n');
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings updated,
                          Owner().UpdateSettings(longest));
  EXPECT_EQ(updated.name.size(), limits::kMaxNameBytes);
}

TEST_P(SettingsTest, EmployeeMayReadButNotEditSettings) {
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings settings, Employee().GetSettings());
  EXPECT_EQ(settings.name, "Acme Agency");
  const std::string before = Snapshot();
  settings.name = "Mine now";
  EXPECT_THAT(Employee().UpdateSettings(settings),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(SettingsTest, TodayFollowsTheFixedClock) {
  WS_ASSERT_OK_AND_ASSIGN(absl::CivilDay today, Employee().Today());
  EXPECT_EQ(today, Day(2024, 3, 15));
}

WS_INSTANTIATE_ALL_STORES(SettingsTest);

}  // namespace
}  // namespace session_conformance
}  // namespace worksection
