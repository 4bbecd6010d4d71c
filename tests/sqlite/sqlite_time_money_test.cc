// SQLite-specific behaviour of the time-and-money part of the SQLite store
// (schema version 2): a version-1 file migrates in place, every new field
// survives a close and reopen, rollup rows are physically removed at zero,
// and the scans run on the indexes chosen for them. The behaviour every
// store shares is the conformance suite's.
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/store/sql/task_scan_sql.h"
#include "src/store/sql/time_money_sql.h"
#include "src/store/sqlite/connection.h"
#include "src/store/sqlite/schema.h"
#include "src/store/sqlite/sqlite_store.h"
#include "tests/sqlite/sqlite_test_util.h"
#include "tests/testing.h"
#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/rollup.h"
#include "worksection/store.h"
#include "worksection/time_tracking.h"

namespace worksection {
namespace {

using sqlite_test::MakeMember;
using sqlite_test::MakeProject;
using sqlite_test::MakeTask;
using sqlite_test::Micros;
using sqlite_test::Open;
using sqlite_test::RawDb;
using sqlite_test::ReadBytes;
using sqlite_test::ReadOnly;

using ::testing::HasSubstr;
using testing::IsOk;
using ::testing::Not;
using testing::StatusIs;
using testing::TempDir;

// --------------------------------------------------------------- helpers

// A raw connection to poke at the file beside the store.
TimeEntry MakeEntry(const Task& task, MemberId member, absl::CivilDay day,
                    int64_t seconds) {
  TimeEntry e;
  e.revision = 1;
  e.task = task.id;
  e.project = task.project;
  e.member = member;
  e.date = day;
  e.duration = e.billed_duration = absl::Seconds(seconds);
  e.created_at = e.updated_at = Micros(1'704'000'000'000'000);
  return e;
}

void ExpectEntryEq(const TimeEntry& want, const TimeEntry& got) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.revision, want.revision);
  EXPECT_EQ(got.task, want.task);
  EXPECT_EQ(got.project, want.project);
  EXPECT_EQ(got.member, want.member);
  EXPECT_EQ(got.date, want.date);
  EXPECT_EQ(got.start, want.start);
  EXPECT_EQ(got.duration, want.duration);
  EXPECT_EQ(got.billed_duration, want.billed_duration);
  EXPECT_EQ(got.billable, want.billable);
  EXPECT_EQ(got.note, want.note);
  EXPECT_EQ(got.billing_rate, want.billing_rate);
  EXPECT_EQ(got.cost_rate, want.cost_rate);
  EXPECT_EQ(got.billed_amount, want.billed_amount);
  EXPECT_EQ(got.labour_cost, want.labour_cost);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

void ExpectCostEq(const Cost& want, const Cost& got) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.revision, want.revision);
  EXPECT_EQ(got.project, want.project);
  EXPECT_EQ(got.task, want.task);
  EXPECT_EQ(got.kind, want.kind);
  EXPECT_EQ(got.amount, want.amount);
  EXPECT_EQ(got.date, want.date);
  EXPECT_EQ(got.note, want.note);
  EXPECT_EQ(got.author, want.author);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

void ExpectLockEq(const PeriodLock& want, const PeriodLock& got) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.project, want.project);
  EXPECT_EQ(got.through, want.through);
  EXPECT_EQ(got.author, want.author);
  EXPECT_EQ(got.created_at, want.created_at);
}

void ExpectAlertEq(const BudgetAlert& want, const BudgetAlert& got) {
  EXPECT_EQ(got.project, want.project);
  EXPECT_EQ(got.task, want.task);
  EXPECT_EQ(got.kind, want.kind);
  EXPECT_EQ(got.percent, want.percent);
  EXPECT_EQ(got.crossed_at, want.crossed_at);
}

// Builds a schema-version-1 file at `path` through the library's own
// migration list stopped at version 1, and fills it with raw v1 rows:
// workspace "Old agency", members 1 (owner) and 2, project 1 "Legacy" with
// both members and tags, task 1 tagged "old".
void CreateVersion1File(const std::string& path) {
  {
    absl::StatusOr<std::unique_ptr<sqlite_internal::Connection>> conn =
        sqlite_internal::Connection::Open(path, /*read_only=*/false,
                                          absl::Seconds(5));
    ASSERT_THAT(conn, IsOk());
    ASSERT_THAT(sqlite_internal::MigrateTo(**conn, 1), IsOk());
  }
  RawDb raw(path);
  ASSERT_EQ(raw.QueryText("PRAGMA user_version"), "1");
  ASSERT_EQ(
      raw.Exec(
          "INSERT INTO workspace VALUES (1, 3, 'Old agency', 'Europe/Paris', "
          "'EUR', 1);"
          "INSERT INTO members VALUES (1, 1, 'Owner', 'owner@x', 1, 'Agency', "
          "4000, 9000, 1, 1700000000000000, 1700000000000000);"
          "INSERT INTO members VALUES (2, 1, 'Dev', 'dev@x', 3, '', NULL, "
          "NULL, 1, 1700000000000000, 1700000000000000);"
          "INSERT INTO projects VALUES (1, 2, 'Legacy', 1, 'Clients', 1, "
          "19700, NULL, 360000, 500000, 12000, 1700000000000000, "
          "1700000000000001);"
          "INSERT INTO project_members VALUES (1, 1, 1), (1, 2, 2);"
          "INSERT INTO project_tags VALUES (1, 'old'), (1, 'web');"
          "INSERT INTO tasks (revision, project_id, title, text, author_id, "
          "priority, status, deadline_key, hidden_from_clients, "
          "completion_note, created_at, updated_at) VALUES (1, 1, 'Old task', "
          "'', 1, 5, 1, 9223372036854775807, 0, '', 1700000000000000, "
          "1700000000000000);"
          "INSERT INTO task_tags VALUES (1, 'old');"),
      "");
}

// ------------------------------------------------------------ migration

TEST(SqliteSchemaV2Test, VersionOneFileMigratesInPlaceWithItsDataAndDefaults) {
  TempDir dir;
  const std::string path = dir.File("v1.db");
  ASSERT_NO_FATAL_FAILURE(CreateVersion1File(path));

  // A read-only open never migrates: the file stays at version 1, unchanged.
  const std::string before = ReadBytes(path);
  absl::StatusOr<std::unique_ptr<Store>> ro = Open(path, ReadOnly());
  EXPECT_THAT(ro, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(std::string(ro.status().message()),
              HasSubstr("schema version 1"));
  EXPECT_EQ(ReadBytes(path), before);

  {
    // A read-write open migrates it.
    WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open(path));
    WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kWrite));
    WS_ASSERT_OK_AND_ASSIGN(std::optional<WorkspaceSettings> settings,
                            tx->GetSettings());
    ASSERT_TRUE(settings.has_value());
    EXPECT_EQ(settings->name, "Old agency");
    EXPECT_EQ(settings->revision, 3);
    EXPECT_EQ(settings->time_zone, "Europe/Paris");
    EXPECT_EQ(settings->forgotten_timer_after, absl::Hours(10));

    WS_ASSERT_OK_AND_ASSIGN(Member owner, tx->GetMember(MemberId(1)));
    EXPECT_EQ(owner.email, "owner@x");
    EXPECT_EQ(owner.cost_rate, 4000);
    EXPECT_EQ(owner.billing_rate, 9000);

    WS_ASSERT_OK_AND_ASSIGN(Project p, tx->GetProject(ProjectId(1)));
    EXPECT_EQ(p.name, "Legacy");
    EXPECT_EQ(p.revision, 2);
    EXPECT_EQ(p.start_date, absl::CivilDay(1970, 1, 1) + 19700);
    EXPECT_EQ(p.time_budget, absl::Hours(100));
    EXPECT_EQ(p.money_budget, 500000);
    EXPECT_EQ(p.billing_rate, 12000);
    EXPECT_EQ(p.tags, (std::vector<std::string>{"old", "web"}));
    EXPECT_EQ(p.rounding.mode, Rounding::Mode::kNone);
    EXPECT_EQ(p.rounding.minutes, 0);
    EXPECT_TRUE(p.clients_see_hours);
    ASSERT_EQ(p.members.size(), 2u);
    EXPECT_EQ(p.members[0].member, MemberId(1));
    EXPECT_EQ(p.members[0].role, ProjectRole::kManager);
    EXPECT_EQ(p.members[0].billing_rate, std::nullopt);
    EXPECT_EQ(p.members[1].member, MemberId(2));
    EXPECT_EQ(p.members[1].billing_rate, std::nullopt);

    WS_ASSERT_OK_AND_ASSIGN(Task task, tx->GetTask(TaskId(1)));
    EXPECT_EQ(task.title, "Old task");
    EXPECT_EQ(task.tags, std::vector<std::string>{"old"});

    // The new tables work on the migrated file, foreign keys included.
    TimeEntry e = MakeEntry(task, MemberId(2), absl::CivilDay(2024, 5, 2), 60);
    WS_ASSERT_OK_AND_ASSIGN(e.id, tx->InsertTimeEntry(e));
    EXPECT_EQ(e.id, TimeEntryId(1));
    TimeEntryScan scan;
    scan.filter.tag = "old";
    WS_ASSERT_OK_AND_ASSIGN(std::vector<TimeEntry> tagged,
                            tx->ScanTimeEntries(scan));
    ASSERT_EQ(tagged.size(), 1u);
    ExpectEntryEq(e, tagged[0]);
    TimeEntry orphan = e;
    orphan.task = TaskId(99);
    EXPECT_THAT(tx->InsertTimeEntry(orphan), Not(IsOk()));
    ASSERT_THAT(tx->Commit(), IsOk());
  }

  RawDb raw(path);
  EXPECT_EQ(raw.QueryText("PRAGMA user_version"),
            absl::StrCat(kSqliteSchemaVersion));
  EXPECT_EQ(raw.QueryText("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw.QueryText("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(raw.QueryText("PRAGMA foreign_key_check"), "");
  // Version 4 flagged the old task's tags (and nothing else) as its child
  // rows.
  EXPECT_EQ(raw.QueryText("SELECT children FROM tasks WHERE id = 1"), "1");
  // Version 6 rebuilt tasks_by_assignee with the columns of an assignee
  // scan's conditions.
  EXPECT_EQ(raw.QueryText("SELECT group_concat(name) FROM (SELECT name FROM "
                          "pragma_index_info('tasks_by_assignee') ORDER BY "
                          "seqno)"),
            "assignee_id,status,deadline_key,id,priority,deadline_day,"
            "hidden_from_clients,project_id");
  // The existing rows got the defaults as stored values, not only as reads.
  EXPECT_EQ(raw.QueryText("SELECT forgotten_timer_after_s FROM workspace"),
            "36000");
  EXPECT_EQ(raw.QueryText("SELECT rounding_mode || ',' || rounding_minutes || "
                          "',' || clients_see_hours FROM projects"),
            "1,0,1");
  // Now a read-only open works, and a second read-write open has nothing
  // left to migrate.
  EXPECT_THAT(Open(path, ReadOnly()), IsOk());
  EXPECT_THAT(Open(path), IsOk());
  EXPECT_EQ(raw.QueryText("PRAGMA user_version"),
            absl::StrCat(kSqliteSchemaVersion));
}

TEST(SqliteSchemaV2Test, MigrateToRefusesUnknownVersionsAndNeverGoesBack) {
  TempDir dir;
  const std::string path = dir.File("ws.db");
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<sqlite_internal::Connection> conn,
                          sqlite_internal::Connection::Open(
                              path, /*read_only=*/false, absl::Seconds(5)));
  EXPECT_THAT(sqlite_internal::MigrateTo(*conn, 0),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(sqlite_internal::MigrateTo(*conn, kSqliteSchemaVersion + 1),
              StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_THAT(sqlite_internal::MigrateTo(*conn, kSqliteSchemaVersion), IsOk());
  // Forward only: asking for an older version leaves the file as it is.
  ASSERT_THAT(sqlite_internal::MigrateTo(*conn, 1), IsOk());
  WS_ASSERT_OK_AND_ASSIGN(int version,
                          sqlite_internal::ReadSchemaVersion(*conn));
  EXPECT_EQ(version, kSqliteSchemaVersion);
}

// ------------------------------------------------------------ round trip

TEST(SqliteSchemaV2Test, ReopenFindsEveryNewFieldAsWritten) {
  TempDir dir;
  const std::string path = dir.File("ws.db");

  WorkspaceSettings settings;
  settings.revision = 2;
  settings.name = "Agency";
  settings.forgotten_timer_after = absl::Minutes(150);

  Project project = MakeProject("Website");
  project.rounding = {Rounding::Mode::kNearest, 15};
  project.clients_see_hours = false;
  Project other = MakeProject("Retainer");
  other.rounding = {Rounding::Mode::kDown, 1440};

  Task task;
  Task task2;
  TimeEntry full;
  TimeEntry bare;
  Timer timer;
  Cost task_cost;
  Cost project_income;
  PeriodLock project_lock;
  PeriodLock workspace_lock;
  std::vector<RollupRow> rollups;
  std::vector<BudgetAlert> alerts;
  MemberId owner;
  MemberId dev;
  {
    WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open(path));
    WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kWrite));
    ASSERT_THAT(tx->PutSettings(settings), IsOk());
    WS_ASSERT_OK_AND_ASSIGN(owner, tx->InsertMember(MakeMember("o@x")));
    WS_ASSERT_OK_AND_ASSIGN(dev, tx->InsertMember(MakeMember("d@x")));
    project.manager = owner;
    project.members = {{owner, ProjectRole::kManager, std::nullopt},
                       {dev, ProjectRole::kMember, 15'000}};
    WS_ASSERT_OK_AND_ASSIGN(project.id, tx->InsertProject(project));
    WS_ASSERT_OK_AND_ASSIGN(other.id, tx->InsertProject(other));
    task = MakeTask(project.id, owner, "Design");
    WS_ASSERT_OK_AND_ASSIGN(task.id, tx->InsertTask(task));
    task2 = MakeTask(other.id, owner, "Support");
    WS_ASSERT_OK_AND_ASSIGN(task2.id, tx->InsertTask(task2));

    full = MakeEntry(task, dev, absl::CivilDay(2024, 2, 29), 5'400);
    full.revision = 3;
    full.start = Micros(1'709'200'000'123'456);
    full.billed_duration = absl::Seconds(6'300);
    full.note = "Wireframes, caf\xC3\xA9";
    full.billing_rate = 15'000;
    full.cost_rate = 4'000;
    full.billed_amount = 26'250;
    full.labour_cost = 6'000;
    full.created_at = Micros(1'709'200'000'000'001);
    full.updated_at = Micros(1'709'300'000'000'002);
    WS_ASSERT_OK_AND_ASSIGN(full.id, tx->InsertTimeEntry(full));
    bare = MakeEntry(task2, owner, absl::CivilDay(1969, 12, 31), 1);
    bare.billable = false;  // no start, no money fields
    WS_ASSERT_OK_AND_ASSIGN(bare.id, tx->InsertTimeEntry(bare));

    timer.member = dev;
    timer.task = task.id;
    timer.started_at = Micros(1'709'400'000'000'007);
    timer.forgotten = true;  // kept as put
    ASSERT_THAT(tx->PutTimer(timer), IsOk());

    task_cost.revision = 1;
    task_cost.project = project.id;
    task_cost.task = task.id;
    task_cost.kind = Cost::Kind::kExpense;
    task_cost.amount = 12'345;
    task_cost.date = absl::CivilDay(2024, 3, 1);
    task_cost.note = "Fonts";
    task_cost.author = owner;
    task_cost.created_at = task_cost.updated_at = Micros(1'709'000'000'000'000);
    WS_ASSERT_OK_AND_ASSIGN(task_cost.id, tx->InsertCost(task_cost));
    project_income = task_cost;
    project_income.id = CostId();  // a fresh id, not a restore
    project_income.task = TaskId();
    project_income.kind = Cost::Kind::kIncome;
    project_income.amount = 1'000'000;
    project_income.note = "";
    WS_ASSERT_OK_AND_ASSIGN(project_income.id, tx->InsertCost(project_income));

    project_lock.project = project.id;
    project_lock.through = absl::CivilDay(2024, 1, 31);
    project_lock.author = owner;
    project_lock.created_at = Micros(1'707'000'000'000'000);
    WS_ASSERT_OK_AND_ASSIGN(project_lock.id, tx->InsertLock(project_lock));
    workspace_lock.through = absl::CivilDay(2023, 12, 31);
    workspace_lock.created_at = Micros(1'706'000'000'000'000);
    WS_ASSERT_OK_AND_ASSIGN(workspace_lock.id, tx->InsertLock(workspace_lock));

    rollups = {
        {{project.id, task.id, dev, full.date},
         {5'400, 6'300, 26'250, 6'000, 1}},
        {{other.id, task2.id, owner, bare.date}, {1, 0, 0, 0, 1}},
    };
    for (const RollupRow& r : rollups) {
      ASSERT_THAT(tx->AddToRollup(r.key, r.totals), IsOk());
    }

    alerts = {
        {project.id, TaskId(), BudgetAlert::Kind::kTime, 80,
         Micros(1'709'500'000'000'000)},
        {project.id, TaskId(), BudgetAlert::Kind::kMoney, 100,
         Micros(1'709'600'000'000'000)},
        {project.id, task.id, BudgetAlert::Kind::kTime, 80,
         Micros(1'709'700'000'000'000)},
    };
    for (const BudgetAlert& a : alerts) {
      ASSERT_THAT(tx->InsertBudgetAlert(a), IsOk());
    }
    ASSERT_THAT(tx->Commit(), IsOk());
  }

  // Read back on a fresh read-write open, and on a read-only one.
  for (bool read_only : {false, true}) {
    SCOPED_TRACE(read_only ? "read-only" : "read-write");
    WS_ASSERT_OK_AND_ASSIGN(
        std::unique_ptr<Store> store,
        Open(path, read_only ? ReadOnly() : StoreOptions{}));
    WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kRead));
    WS_ASSERT_OK_AND_ASSIGN(std::optional<WorkspaceSettings> got_settings,
                            tx->GetSettings());
    ASSERT_TRUE(got_settings.has_value());
    EXPECT_EQ(got_settings->forgotten_timer_after, absl::Minutes(150));

    WS_ASSERT_OK_AND_ASSIGN(Project got, tx->GetProject(project.id));
    EXPECT_EQ(got.rounding, project.rounding);
    EXPECT_FALSE(got.clients_see_hours);
    EXPECT_EQ(got.members, project.members);
    WS_ASSERT_OK_AND_ASSIGN(Project got_other, tx->GetProject(other.id));
    EXPECT_EQ(got_other.rounding, other.rounding);
    EXPECT_TRUE(got_other.clients_see_hours);
    // The list path decodes the same way.
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Project> listed,
                            tx->ListProjects(ProjectScan{}));
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].rounding, project.rounding);
    EXPECT_EQ(listed[0].members, project.members);

    WS_ASSERT_OK_AND_ASSIGN(TimeEntry got_full, tx->GetTimeEntry(full.id));
    ExpectEntryEq(full, got_full);
    WS_ASSERT_OK_AND_ASSIGN(TimeEntry got_bare, tx->GetTimeEntry(bare.id));
    ExpectEntryEq(bare, got_bare);
    WS_ASSERT_OK_AND_ASSIGN(std::vector<TimeEntry> entries,
                            tx->ScanTimeEntries(TimeEntryScan{}));
    ASSERT_EQ(entries.size(), 2u);
    ExpectEntryEq(bare, entries[0]);  // 1969 first
    ExpectEntryEq(full, entries[1]);

    WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> got_timer, tx->GetTimer(dev));
    ASSERT_TRUE(got_timer.has_value());
    EXPECT_EQ(got_timer->member, dev);
    EXPECT_EQ(got_timer->task, task.id);
    EXPECT_EQ(got_timer->started_at, timer.started_at);
    EXPECT_TRUE(got_timer->forgotten);
    WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> none, tx->GetTimer(owner));
    EXPECT_FALSE(none.has_value());

    WS_ASSERT_OK_AND_ASSIGN(Cost got_cost, tx->GetCost(task_cost.id));
    ExpectCostEq(task_cost, got_cost);
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Cost> costs, tx->ListCosts(CostScan{}));
    ASSERT_EQ(costs.size(), 2u);
    ExpectCostEq(task_cost, costs[0]);
    ExpectCostEq(project_income, costs[1]);

    WS_ASSERT_OK_AND_ASSIGN(std::vector<PeriodLock> locks, tx->ListLocks());
    ASSERT_EQ(locks.size(), 2u);
    ExpectLockEq(project_lock, locks[0]);
    ExpectLockEq(workspace_lock, locks[1]);

    WS_ASSERT_OK_AND_ASSIGN(std::vector<RollupRow> got_rollups,
                            tx->ScanRollups(RollupScan{}));
    ASSERT_EQ(got_rollups.size(), 2u);
    for (size_t i = 0; i < 2; ++i) {
      EXPECT_TRUE(got_rollups[i].key == rollups[i].key) << i;
      EXPECT_TRUE(got_rollups[i].totals == rollups[i].totals) << i;
    }

    WS_ASSERT_OK_AND_ASSIGN(std::vector<BudgetAlert> got_alerts,
                            tx->ListBudgetAlerts(project.id));
    ASSERT_EQ(got_alerts.size(), 3u);
    for (size_t i = 0; i < 3; ++i) ExpectAlertEq(alerts[i], got_alerts[i]);
  }

  // Updates of the new fields survive a reopen too.
  {
    WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open(path));
    WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kWrite));
    WS_ASSERT_OK_AND_ASSIGN(project, tx->GetProject(project.id));
    project.rounding = {Rounding::Mode::kUp, 6};
    project.clients_see_hours = true;
    project.members[0].billing_rate = 20'000;
    project.members[1].billing_rate = std::nullopt;
    ASSERT_THAT(tx->UpdateProject(project), IsOk());
    settings.forgotten_timer_after = absl::Hours(24);
    ASSERT_THAT(tx->PutSettings(settings), IsOk());
    full.billing_rate = std::nullopt;
    full.start = std::nullopt;
    full.billable = false;
    full.note = "";
    full.revision = 4;
    ASSERT_THAT(tx->UpdateTimeEntry(full), IsOk());
    task_cost.task = TaskId();
    task_cost.kind = Cost::Kind::kIncome;
    ASSERT_THAT(tx->UpdateCost(task_cost), IsOk());
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open(path));
  WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kRead));
  WS_ASSERT_OK_AND_ASSIGN(Project got, tx->GetProject(project.id));
  EXPECT_EQ(got.rounding, project.rounding);
  EXPECT_TRUE(got.clients_see_hours);
  EXPECT_EQ(got.members, project.members);
  WS_ASSERT_OK_AND_ASSIGN(std::optional<WorkspaceSettings> got_settings,
                          tx->GetSettings());
  EXPECT_EQ(got_settings->forgotten_timer_after, absl::Hours(24));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry got_full, tx->GetTimeEntry(full.id));
  ExpectEntryEq(full, got_full);
  WS_ASSERT_OK_AND_ASSIGN(Cost got_cost, tx->GetCost(task_cost.id));
  ExpectCostEq(task_cost, got_cost);
}

TEST(SqliteSchemaV2Test, RollupRowAtZeroIsRemovedFromTheFile) {
  TempDir dir;
  const std::string path = dir.File("ws.db");
  const RollupKey key{ProjectId(1), TaskId(2), MemberId(3),
                      absl::CivilDay(2024, 4, 1)};
  const RollupTotals delta{3'600, 3'600, 10'000, 4'000, 1};
  {
    WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open(path));
    WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kWrite));
    ASSERT_THAT(tx->AddToRollup(key, delta), IsOk());
    ASSERT_THAT(tx->AddToRollup(key, delta), IsOk());
    ASSERT_THAT(tx->AddToRollup(key, -delta), IsOk());
    WS_ASSERT_OK_AND_ASSIGN(std::vector<RollupRow> rows,
                            tx->ScanRollups(RollupScan{}));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_TRUE(rows[0].totals == delta);
    ASSERT_THAT(tx->AddToRollup(key, -delta), IsOk());
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  RawDb raw(path);
  EXPECT_EQ(raw.QueryText("SELECT count(*) FROM rollups"), "0");
  EXPECT_EQ(raw.QueryText("SELECT count(*) FROM rollups_monthly"), "0");
}

// Version 4 adds the monthly rollups, filled from a version-3 file's daily
// rows by the migration.
TEST(SqliteSchemaV4Test, VersionThreeFileGetsMonthlyRollupsOfItsDailyRows) {
  TempDir dir;
  const std::string path = dir.File("ws.db");
  {
    WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<sqlite_internal::Connection> conn,
                            sqlite_internal::Connection::Open(
                                path, /*read_only=*/false, absl::Seconds(5)));
    ASSERT_THAT(sqlite_internal::MigrateTo(*conn, 3), IsOk());
  }
  // Days 19781..19783 are 2024-02-28 .. 2024-03-01.
  RawDb raw(path);
  ASSERT_EQ(raw.Exec("INSERT INTO rollups VALUES "
                     "(1, 10, 3, 19781, 100, 50, 7, 3, 1),"
                     "(1, 11, 3, 19782, 200, 0, 0, 6, 2),"
                     "(1, 10, 3, 19783, 400, 400, 9, 9, 1),"
                     "(2, 12, 3, 19783, 800, 0, 0, 1, 1);"),
            "");
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open(path));
  EXPECT_EQ(raw.QueryText("PRAGMA user_version"),
            absl::StrCat(kSqliteSchemaVersion));
  WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kRead));
  RollupScan scan;
  scan.grain = RollupGrain::kMonth;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<RollupRow> rows, tx->ScanRollups(scan));
  ASSERT_EQ(rows.size(), 3u);
  const absl::CivilDay feb(2024, 2, 1), mar(2024, 3, 1);
  EXPECT_TRUE(rows[0].key ==
              (RollupKey{ProjectId(1), TaskId(), MemberId(3), feb}));
  EXPECT_TRUE(rows[0].totals == (RollupTotals{300, 50, 7, 9, 3}));
  EXPECT_TRUE(rows[1].key ==
              (RollupKey{ProjectId(1), TaskId(), MemberId(3), mar}));
  EXPECT_TRUE(rows[1].totals == (RollupTotals{400, 400, 9, 9, 1}));
  EXPECT_TRUE(rows[2].key ==
              (RollupKey{ProjectId(2), TaskId(), MemberId(3), mar}));
  EXPECT_TRUE(rows[2].totals == (RollupTotals{800, 0, 0, 1, 1}));
}

// ------------------------------------------------------------ scan SQL

TEST(SqliteTimeMoneySqlTest, TextDependsOnlyOnWhichConditionsArePresent) {
  TimeEntryScan a;
  a.filter.project = ProjectId(3);
  a.filter.member = MemberId(4);
  a.filter.from = absl::CivilDay(2024, 1, 1);
  a.filter.tag = "O'Brien\"; DROP TABLE time_entries; --";
  a.projects_in = std::vector<ProjectId>{ProjectId(3), ProjectId(77)};
  a.after = TimeEntryPosition{absl::CivilDay(2024, 1, 5), TimeEntryId(9)};
  a.limit = 10;
  TimeEntryScan b = a;
  b.filter.project = ProjectId(5);
  b.filter.member = MemberId(6);
  b.filter.from = absl::CivilDay(2025, 1, 1);
  b.filter.tag = "x";
  b.projects_in = std::vector<ProjectId>{ProjectId(88)};
  b.after = TimeEntryPosition{absl::CivilDay(2025, 1, 5), TimeEntryId(1)};
  b.limit = 50;
  const auto qa =
      sql_internal::BuildTimeEntryScanQuery(a, sqlite_internal::kSqliteDialect);
  const auto qb =
      sql_internal::BuildTimeEntryScanQuery(b, sqlite_internal::kSqliteDialect);
  EXPECT_EQ(qa.sql, qb.sql);
  EXPECT_THAT(qa.sql, Not(HasSubstr("Brien")));
  EXPECT_THAT(qa.sql, Not(HasSubstr("77")));
  EXPECT_NE(qa.args, qb.args);

  // Empty id lists match nothing, without a query.
  TimeEntryScan none;
  none.tasks_in = std::vector<TaskId>{};
  EXPECT_TRUE(sql_internal::BuildTimeEntryScanQuery(
                  none, sqlite_internal::kSqliteDialect)
                  .empty);
  CostScan no_costs;
  no_costs.projects_in = std::vector<ProjectId>{};
  EXPECT_TRUE(sql_internal::BuildCostScanQuery(no_costs,
                                               sqlite_internal::kSqliteDialect)
                  .empty);
  RollupScan no_rows;
  no_rows.members = std::vector<MemberId>{};
  EXPECT_TRUE(sql_internal::BuildRollupScanQuery(
                  no_rows, sqlite_internal::kSqliteDialect)
                  .empty);
}

// A store with members, projects, tasks and random time entries, costs and
// their rollups.
class SqliteTimeScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("ws.db");
    WS_ASSERT_OK_AND_ASSIGN(store_, Open(path_));
    std::mt19937 rng(4242);
    auto pick = [&rng](int n) {
      return static_cast<int>(
          std::uniform_int_distribution<int>(0, n - 1)(rng));
    };
    WS_ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Store::Mode::kWrite));
    for (int i = 0; i < 4; ++i) {
      WS_ASSERT_OK_AND_ASSIGN(
          MemberId m, tx->InsertMember(MakeMember(absl::StrCat("m", i, "@x"))));
      members_.push_back(m);
    }
    for (int i = 0; i < 3; ++i) {
      WS_ASSERT_OK_AND_ASSIGN(
          ProjectId p, tx->InsertProject(MakeProject(absl::StrCat("p", i))));
      projects_.push_back(p);
    }
    const char* tags[] = {"a", "b"};
    for (int i = 0; i < 12; ++i) {
      Task t = MakeTask(projects_[i % 3], members_[0], absl::StrCat("t", i));
      for (const char* tag : tags) {
        if (pick(2) == 0) t.tags.push_back(tag);
      }
      WS_ASSERT_OK_AND_ASSIGN(t.id, tx->InsertTask(t));
      tasks_.push_back(t);
    }
    for (int i = 0; i < 400; ++i) {
      const Task& t = tasks_[pick(12)];
      TimeEntry e =
          MakeEntry(t, members_[pick(4)], absl::CivilDay(2024, 1, 1) + pick(40),
                    60 * (1 + pick(240)));
      e.billable = pick(3) != 0;
      WS_ASSERT_OK_AND_ASSIGN(e.id, tx->InsertTimeEntry(e));
      entries_.push_back(e);
      ASSERT_THAT(
          tx->AddToRollup({e.project, e.task, e.member, e.date},
                          {absl::ToInt64Seconds(e.duration), 0, 0, 0, 1}),
          IsOk());
    }
    ASSERT_THAT(tx->Commit(), IsOk());
  }

  std::vector<TimeEntryId> Reference(const TimeEntryScan& scan) const {
    std::vector<const TimeEntry*> matched;
    for (const TimeEntry& e : entries_) {
      const Task& task = tasks_[e.task.value() - tasks_[0].id.value()];
      if (!TimeEntryMatches(e, scan, task.tags, task.hidden_from_clients))
        continue;
      if (scan.after &&
          (e.date < scan.after->date ||
           (e.date == scan.after->date && e.id <= scan.after->id))) {
        continue;
      }
      matched.push_back(&e);
    }
    std::sort(matched.begin(), matched.end(),
              [](const TimeEntry* a, const TimeEntry* b) {
                return a->date != b->date ? a->date < b->date : a->id < b->id;
              });
    std::vector<TimeEntryId> ids;
    for (const TimeEntry* e : matched) {
      if (static_cast<int>(ids.size()) == scan.limit) break;
      ids.push_back(e->id);
    }
    return ids;
  }

  std::vector<TimeEntryId> Scan(const TimeEntryScan& scan) {
    auto tx = store_->Begin(Store::Mode::kRead);
    EXPECT_THAT(tx, IsOk());
    if (!tx.ok()) return {};
    absl::StatusOr<std::vector<TimeEntry>> entries =
        (*tx)->ScanTimeEntries(scan);
    EXPECT_THAT(entries, IsOk());
    if (!entries.ok()) return {};
    std::vector<TimeEntryId> ids;
    for (const TimeEntry& e : *entries) ids.push_back(e.id);
    return ids;
  }

  std::string Plan(const sql_internal::SqlQuery& q) {
    RawDb raw(path_, /*read_only=*/true);
    return raw.Plan(q);
  }

  TempDir dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
  std::vector<MemberId> members_;
  std::vector<ProjectId> projects_;
  std::vector<Task> tasks_;
  std::vector<TimeEntry> entries_;
};

TEST_F(SqliteTimeScanTest, MatchesTheReferenceAcrossRandomScansAndPages) {
  std::mt19937 rng(99);
  auto pick = [&rng](int n) {
    return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng));
  };
  int nonempty = 0;
  for (int round = 0; round < 300; ++round) {
    TimeEntryScan scan;
    TimeEntryFilter& f = scan.filter;
    if (pick(3) == 0) f.project = projects_[pick(3)];
    if (pick(4) == 0) f.task = tasks_[pick(12)].id;
    if (pick(3) == 0) f.member = members_[pick(4)];
    if (pick(3) == 0) f.from = absl::CivilDay(2024, 1, 1) + pick(40);
    if (pick(3) == 0) f.to = absl::CivilDay(2024, 1, 1) + pick(40);
    if (pick(4) == 0) f.billable = pick(2) == 0;
    if (pick(4) == 0) f.tag = pick(3) == 0 ? "zzz" : (pick(2) ? "a" : "b");
    if (pick(4) == 0) {
      scan.projects_in.emplace();
      for (ProjectId p : projects_) {
        if (pick(2) == 0) scan.projects_in->push_back(p);
      }
    }
    if (pick(5) == 0) {
      scan.tasks_in.emplace();
      for (const Task& t : tasks_) {
        if (pick(3) == 0) scan.tasks_in->push_back(t.id);
      }
    }
    scan.limit = 1 + pick(60);
    // Page through to the end, as a caller would.
    for (int page = 0; page < 50; ++page) {
      const std::vector<TimeEntryId> want = Reference(scan);
      const std::vector<TimeEntryId> got = Scan(scan);
      ASSERT_EQ(got, want) << "round " << round << " page " << page;
      if (!got.empty()) ++nonempty;
      if (static_cast<int>(got.size()) < scan.limit) break;
      const TimeEntry& last = entries_[got.back().value() - 1];
      scan.after = TimeEntryPosition{last.date, last.id};
    }
  }
  EXPECT_GT(nonempty, 100);
}

TEST_F(SqliteTimeScanTest, ProjectAndDateRangeSeekTheProjectDayIndex) {
  TimeEntryScan scan;
  scan.filter.project = projects_[1];
  scan.filter.from = absl::CivilDay(2024, 1, 10);
  scan.filter.to = absl::CivilDay(2024, 1, 20);
  std::string plan = Plan(sql_internal::BuildTimeEntryScanQuery(
      scan, sqlite_internal::kSqliteDialect));
  EXPECT_THAT(plan, HasSubstr("USING INDEX time_entries_by_project_day "
                              "(project_id=? AND day>? AND day<?)"))
      << plan;
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE"))) << plan;
  // The next page, and a restricted caller's project list, keep the seek.
  scan.after = TimeEntryPosition{absl::CivilDay(2024, 1, 12), TimeEntryId(7)};
  scan.projects_in = std::vector<ProjectId>{projects_[0], projects_[1]};
  plan = Plan(sql_internal::BuildTimeEntryScanQuery(
      scan, sqlite_internal::kSqliteDialect));
  EXPECT_THAT(plan, HasSubstr("USING INDEX time_entries_by_project_day "
                              "(project_id=? AND day>? AND day<?)"))
      << plan;
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE"))) << plan;
}

TEST_F(SqliteTimeScanTest, MemberAndDateRangeSeekTheMemberDayIndex) {
  TimeEntryScan scan;
  scan.filter.member = members_[2];
  scan.filter.from = absl::CivilDay(2024, 1, 8);
  scan.filter.to = absl::CivilDay(2024, 1, 14);
  std::string plan = Plan(sql_internal::BuildTimeEntryScanQuery(
      scan, sqlite_internal::kSqliteDialect));
  EXPECT_THAT(plan, HasSubstr("USING INDEX time_entries_by_member_day "
                              "(member_id=? AND day>? AND day<?)"))
      << plan;
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE"))) << plan;
  // With a billable flag and a tag, still the member index; the tag is one
  // seek in task_tags per entry.
  scan.filter.billable = true;
  scan.filter.tag = "a";
  plan = Plan(sql_internal::BuildTimeEntryScanQuery(
      scan, sqlite_internal::kSqliteDialect));
  EXPECT_THAT(plan, HasSubstr("USING INDEX time_entries_by_member_day "
                              "(member_id=? AND day>? AND day<?)"))
      << plan;
  EXPECT_THAT(plan, HasSubstr("SEARCH task_tags USING PRIMARY KEY")) << plan;
}

TEST_F(SqliteTimeScanTest, TaskScanUsesTheTaskIndexInDayOrder) {
  TimeEntryScan scan;
  scan.filter.task = tasks_[3].id;
  const std::string plan = Plan(sql_internal::BuildTimeEntryScanQuery(
      scan, sqlite_internal::kSqliteDialect));
  EXPECT_THAT(plan, HasSubstr("USING INDEX time_entries_by_task_day")) << plan;
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE"))) << plan;
}

TEST_F(SqliteTimeScanTest, WorkspacePagesSeekTheDayIndexWithoutSorting) {
  TimeEntryScan scan;
  scan.limit = 20;
  std::string plan = Plan(sql_internal::BuildTimeEntryScanQuery(
      scan, sqlite_internal::kSqliteDialect));
  EXPECT_THAT(plan, HasSubstr("USING INDEX time_entries_by_day")) << plan;
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE"))) << plan;
  scan.filter.from = absl::CivilDay(2024, 1, 10);
  scan.filter.to = absl::CivilDay(2024, 1, 20);
  scan.after = TimeEntryPosition{absl::CivilDay(2024, 1, 12), TimeEntryId(7)};
  plan = Plan(sql_internal::BuildTimeEntryScanQuery(
      scan, sqlite_internal::kSqliteDialect));
  EXPECT_THAT(plan, HasSubstr("USING INDEX time_entries_by_day (day>? AND "
                              "day<?)"))
      << plan;
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE"))) << plan;
}

TEST_F(SqliteTimeScanTest, OneProjectsRollupsAreARangeOfThePrimaryKey) {
  RollupScan scan;
  scan.projects = std::vector<ProjectId>{projects_[1]};
  std::string plan = Plan(sql_internal::BuildRollupScanQuery(
      scan, sqlite_internal::kSqliteDialect));
  EXPECT_THAT(plan,
              HasSubstr("SEARCH rollups USING PRIMARY KEY (project_id=?)"))
      << plan;
  EXPECT_THAT(plan, Not(HasSubstr("SCAN rollups"))) << plan;
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE"))) << plan;
  // With a date range and its tasks, still a seek in key order.
  scan.from = absl::CivilDay(2024, 1, 5);
  scan.to = absl::CivilDay(2024, 1, 25);
  scan.tasks = std::vector<TaskId>{tasks_[1].id, tasks_[4].id};
  plan = Plan(sql_internal::BuildRollupScanQuery(
      scan, sqlite_internal::kSqliteDialect));
  EXPECT_THAT(plan, HasSubstr("SEARCH rollups USING PRIMARY KEY (project_id=?"))
      << plan;
  EXPECT_THAT(plan, Not(HasSubstr("SCAN rollups"))) << plan;

  // And the rows are those of the project, in key order.
  WS_ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Store::Mode::kRead));
  RollupScan one;
  one.projects = std::vector<ProjectId>{projects_[1]};
  WS_ASSERT_OK_AND_ASSIGN(std::vector<RollupRow> rows, tx->ScanRollups(one));
  int64_t seconds = 0;
  for (const RollupRow& r : rows) {
    EXPECT_EQ(r.key.project, projects_[1]);
    seconds += r.totals.seconds;
  }
  int64_t want = 0;
  for (const TimeEntry& e : entries_) {
    if (e.project == projects_[1]) want += absl::ToInt64Seconds(e.duration);
  }
  EXPECT_EQ(seconds, want);
  EXPECT_TRUE(std::is_sorted(
      rows.begin(), rows.end(), [](const RollupRow& a, const RollupRow& b) {
        return std::tie(a.key.project, a.key.task, a.key.member, a.key.day) <
               std::tie(b.key.project, b.key.task, b.key.member, b.key.day);
      }));
}

TEST_F(SqliteTimeScanTest, MemberRollupsUseTheMemberDayIndex) {
  RollupScan scan;
  scan.members = std::vector<MemberId>{members_[0]};
  scan.from = absl::CivilDay(2024, 1, 8);
  scan.to = absl::CivilDay(2024, 1, 14);
  const std::string plan = Plan(sql_internal::BuildRollupScanQuery(
      scan, sqlite_internal::kSqliteDialect));
  EXPECT_THAT(plan, HasSubstr("USING INDEX rollups_by_member_day "
                              "(member_id=? AND day>? AND day<?)"))
      << plan;
}

TEST_F(SqliteTimeScanTest, WorkspaceRollupsOfAPeriodSeekTheDayIndex) {
  RollupScan scan;
  scan.from = absl::CivilDay(2024, 1, 8);
  scan.to = absl::CivilDay(2024, 1, 14);
  const std::string plan = Plan(sql_internal::BuildRollupScanQuery(
      scan, sqlite_internal::kSqliteDialect));
  EXPECT_THAT(plan, HasSubstr("USING INDEX rollups_by_day (day>? AND day<?)"))
      << plan;
  EXPECT_THAT(plan, Not(HasSubstr("SCAN rollups"))) << plan;
}

TEST_F(SqliteTimeScanTest, MonthlyRollupsSeekTheirKeyOrTheMonthIndex) {
  RollupScan scan;
  scan.grain = RollupGrain::kMonth;
  scan.projects = std::vector<ProjectId>{projects_[1]};
  std::string plan = Plan(sql_internal::BuildRollupScanQuery(
      scan, sqlite_internal::kSqliteDialect));
  EXPECT_THAT(plan, HasSubstr("SEARCH rollups_monthly USING PRIMARY KEY "
                              "(project_id=?)"))
      << plan;
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE"))) << plan;
  scan = {};
  scan.grain = RollupGrain::kMonth;
  scan.from = absl::CivilDay(2024, 1, 1);
  scan.to = absl::CivilDay(2024, 1, 1);
  plan = Plan(sql_internal::BuildRollupScanQuery(
      scan, sqlite_internal::kSqliteDialect));
  EXPECT_THAT(plan, HasSubstr("USING INDEX rollups_monthly_by_month "
                              "(month>? AND month<?)"))
      << plan;
}

TEST_F(SqliteTimeScanTest, ProjectCostsSeekTheProjectDayIndex) {
  CostScan scan;
  scan.filter.project = projects_[0];
  scan.filter.from = absl::CivilDay(2024, 1, 1);
  scan.filter.to = absl::CivilDay(2024, 1, 31);
  const std::string plan = Plan(
      sql_internal::BuildCostScanQuery(scan, sqlite_internal::kSqliteDialect));
  EXPECT_THAT(plan, HasSubstr("USING INDEX costs_by_project_day "
                              "(project_id=? AND day>? AND day<?)"))
      << plan;
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE"))) << plan;
}

}  // namespace
}  // namespace worksection
