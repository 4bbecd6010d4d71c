// SQLite-specific behaviour of the SQLite store: the file format survives a
// reopen, schema versions, foreign files, read-only mode, WAL and locking,
// and the query plans of the task scans. The behaviour every store shares
// is the conformance suite's.
#include "src/store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/store/sql/task_scan_sql.h"
#include "src/store/sqlite/connection.h"
#include "src/store/sqlite/schema.h"
#include "tests/sqlite/sqlite_test_util.h"
#include "tests/testing.h"
#include "worksection/model.h"
#include "worksection/query.h"
#include "worksection/store.h"

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
using ::testing::StartsWith;
using testing::StatusIs;
using testing::TempDir;

// --------------------------------------------------------------- helpers

// A raw connection to poke at the file beside the store.
void ExpectMemberEq(const Member& want, const Member& got) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.revision, want.revision);
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.email, want.email);
  EXPECT_EQ(got.role, want.role);
  EXPECT_EQ(got.company, want.company);
  EXPECT_EQ(got.cost_rate, want.cost_rate);
  EXPECT_EQ(got.billing_rate, want.billing_rate);
  EXPECT_EQ(got.active, want.active);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

void ExpectProjectEq(const Project& want, const Project& got) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.revision, want.revision);
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.status, want.status);
  EXPECT_EQ(got.folder, want.folder);
  EXPECT_EQ(got.manager, want.manager);
  EXPECT_EQ(got.start_date, want.start_date);
  EXPECT_EQ(got.deadline, want.deadline);
  EXPECT_EQ(got.time_budget, want.time_budget);
  EXPECT_EQ(got.money_budget, want.money_budget);
  EXPECT_EQ(got.billing_rate, want.billing_rate);
  EXPECT_EQ(got.tags, want.tags);
  EXPECT_EQ(got.members, want.members);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

void ExpectTaskEq(const Task& want, const Task& got) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.revision, want.revision);
  EXPECT_EQ(got.project, want.project);
  EXPECT_EQ(got.parent, want.parent);
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.text, want.text);
  EXPECT_EQ(got.author, want.author);
  EXPECT_EQ(got.assignee, want.assignee);
  EXPECT_EQ(got.priority, want.priority);
  EXPECT_EQ(got.status, want.status);
  EXPECT_EQ(got.start_date, want.start_date);
  EXPECT_EQ(got.deadline, want.deadline);
  EXPECT_EQ(got.estimate, want.estimate);
  EXPECT_EQ(got.money_budget, want.money_budget);
  EXPECT_EQ(got.tags, want.tags);
  EXPECT_EQ(got.checklist, want.checklist);
  EXPECT_EQ(got.subscribers, want.subscribers);
  EXPECT_EQ(got.hidden_from_clients, want.hidden_from_clients);
  EXPECT_EQ(got.completion_note, want.completion_note);
  EXPECT_EQ(got.completed_at, want.completed_at);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

void ExpectCommentEq(const Comment& want, const Comment& got) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.revision, want.revision);
  EXPECT_EQ(got.task, want.task);
  EXPECT_EQ(got.author, want.author);
  EXPECT_EQ(got.text, want.text);
  EXPECT_EQ(got.hidden_from_clients, want.hidden_from_clients);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

// Creates a store at `path` holding one member; closes it.
void CreateStoreWithMember(const std::string& path) {
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open(path));
  WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kWrite));
  ASSERT_THAT(tx->InsertMember(MakeMember("a@example.com")), IsOk());
  ASSERT_THAT(tx->Commit(), IsOk());
}

// ------------------------------------------------------------ round trip

TEST(SqliteStoreTest, ReopenFindsEveryFieldAsWritten) {
  TempDir dir;
  const std::string path = dir.File("ws.db");

  WorkspaceSettings settings;
  settings.revision = 4;
  settings.name = "Agency \xC3\xA9t\xC3\xA9";
  settings.time_zone = "Europe/Paris";
  settings.currency = "EUR";
  settings.week_start = absl::Weekday::sunday;

  Member owner = MakeMember("owner@example.com");
  owner.role = Role::kOwner;
  owner.company = "Agency";
  owner.cost_rate = 4'000;
  owner.billing_rate = 9'000;
  owner.created_at = Micros(1'600'000'000'123'456);
  owner.updated_at = Micros(1'650'000'000'654'321);
  Member client = MakeMember("client@example.com");
  client.role = Role::kClient;
  client.revision = 7;
  client.active = false;  // and rates left empty

  Project project = MakeProject("Website");
  project.revision = 3;
  project.status = ProjectStatus::kPaused;
  project.folder = "Clients/ACME";
  project.start_date = absl::CivilDay(2024, 2, 29);
  project.deadline = absl::CivilDay(2025, 12, 31);
  project.time_budget = absl::Hours(120);
  project.money_budget = 1'234'567;
  project.billing_rate = 12'000;
  project.tags = {"design", "web"};

  Task task;
  Task subtask;
  Comment comment;
  {
    WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open(path));
    WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kWrite));
    ASSERT_THAT(tx->PutSettings(settings), IsOk());
    WS_ASSERT_OK_AND_ASSIGN(owner.id, tx->InsertMember(owner));
    WS_ASSERT_OK_AND_ASSIGN(client.id, tx->InsertMember(client));
    project.manager = owner.id;
    project.members = {{owner.id, ProjectRole::kManager},
                       {client.id, ProjectRole::kClient}};
    WS_ASSERT_OK_AND_ASSIGN(project.id, tx->InsertProject(project));

    task = MakeTask(project.id, owner.id, "Landing page");
    task.revision = 2;
    task.text = "Hero, pricing, FAQ.\nSecond line.";
    task.assignee = client.id;
    task.priority = 9;
    task.status = TaskStatus::kDone;
    task.start_date = absl::CivilDay(2024, 3, 1);
    task.deadline = Deadline{absl::CivilDay(2024, 3, 15), 17 * 60 + 30};
    task.estimate = absl::Hours(6);
    task.money_budget = 50'000;
    task.tags = {"frontend", "urgent"};
    task.checklist = {{"wireframe", true}, {"copy", false}, {"build", false}};
    task.subscribers = {owner.id, client.id};
    task.hidden_from_clients = true;
    task.completion_note = "Shipped.";
    task.completed_at = Micros(1'710'000'000'000'001);
    task.created_at = Micros(1'709'000'000'000'000);
    task.updated_at = Micros(1'710'000'000'000'001);
    WS_ASSERT_OK_AND_ASSIGN(task.id, tx->InsertTask(task));

    subtask = MakeTask(project.id, owner.id, "Hero image");
    subtask.parent = task.id;
    subtask.deadline = Deadline{absl::CivilDay(2024, 3, 10), std::nullopt};
    WS_ASSERT_OK_AND_ASSIGN(subtask.id, tx->InsertTask(subtask));

    comment.revision = 5;
    comment.task = task.id;
    comment.author = client.id;
    comment.text = "Looks good";
    comment.hidden_from_clients = true;
    comment.created_at = Micros(1'711'000'000'000'000);
    comment.updated_at = Micros(1'712'000'000'000'000);
    WS_ASSERT_OK_AND_ASSIGN(comment.id, tx->InsertComment(comment));
    ASSERT_THAT(tx->Commit(), IsOk());
  }

  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open(path));
  WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kRead));
  WS_ASSERT_OK_AND_ASSIGN(std::optional<WorkspaceSettings> got_settings,
                          tx->GetSettings());
  ASSERT_TRUE(got_settings.has_value());
  EXPECT_EQ(got_settings->revision, settings.revision);
  EXPECT_EQ(got_settings->name, settings.name);
  EXPECT_EQ(got_settings->time_zone, settings.time_zone);
  EXPECT_EQ(got_settings->currency, settings.currency);
  EXPECT_EQ(got_settings->week_start, settings.week_start);

  WS_ASSERT_OK_AND_ASSIGN(Member got_owner, tx->GetMember(owner.id));
  ExpectMemberEq(owner, got_owner);
  WS_ASSERT_OK_AND_ASSIGN(Member got_client, tx->GetMember(client.id));
  ExpectMemberEq(client, got_client);
  WS_ASSERT_OK_AND_ASSIGN(Project got_project, tx->GetProject(project.id));
  ExpectProjectEq(project, got_project);
  WS_ASSERT_OK_AND_ASSIGN(Task got_task, tx->GetTask(task.id));
  ExpectTaskEq(task, got_task);
  WS_ASSERT_OK_AND_ASSIGN(Task got_subtask, tx->GetTask(subtask.id));
  ExpectTaskEq(subtask, got_subtask);
  WS_ASSERT_OK_AND_ASSIGN(Comment got_comment, tx->GetComment(comment.id));
  ExpectCommentEq(comment, got_comment);

  // The list paths decode the same way.
  TaskScan scan;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> tasks, tx->ScanTasks(scan));
  ASSERT_EQ(tasks.size(), 2u);
  ExpectTaskEq(task, tasks[0]);
  ExpectTaskEq(subtask, tasks[1]);
  ProjectScan pscan;
  pscan.filter.include_archived = true;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Project> projects,
                          tx->ListProjects(pscan));
  ASSERT_EQ(projects.size(), 1u);
  ExpectProjectEq(project, projects[0]);
}

TEST(SqliteStoreTest, UncommittedWritesAreGoneAfterReopen) {
  TempDir dir;
  const std::string path = dir.File("ws.db");
  {
    WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open(path));
    WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kWrite));
    ASSERT_THAT(tx->InsertMember(MakeMember("gone@example.com")), IsOk());
    // Dropped without Commit.
  }
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open(path));
  WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kRead));
  MemberFilter all;
  all.include_inactive = true;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> members, tx->ListMembers(all));
  EXPECT_TRUE(members.empty());
}

// -------------------------------------------------------- schema versions

TEST(SqliteStoreTest, NewFileGetsCurrentSchemaWalAndApplicationId) {
  TempDir dir;
  const std::string path = dir.File("ws.db");
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open(path));
  RawDb raw(path);
  EXPECT_EQ(raw.QueryText("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw.QueryText("PRAGMA user_version"),
            absl::StrCat(kSqliteSchemaVersion));
  EXPECT_EQ(raw.QueryText("PRAGMA application_id"), absl::StrCat(0x57534543));
}

// The writing connection's PRAGMA synchronous: 2 = FULL (the default,
// durable on return), 1 = NORMAL (opted in).
TEST(SqliteStoreTest, SynchronousIsFullUnlessNormalIsAskedFor) {
  TempDir dir;
  for (SyncMode mode : {SyncMode::kFull, SyncMode::kNormal}) {
    WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<sqlite_internal::Connection> conn,
                            sqlite_internal::Connection::Open(
                                dir.File("ws.db"),
                                /*read_only=*/false, absl::Seconds(5)));
    ASSERT_THAT(sqlite_internal::PrepareForWriting(*conn, 0, mode), IsOk());
    WS_ASSERT_OK_AND_ASSIGN(sqlite_internal::Statement s,
                            conn->Prepare("PRAGMA synchronous"));
    ASSERT_THAT(s.Step(), IsOk());
    EXPECT_EQ(s.Int(0), mode == SyncMode::kFull ? 2 : 1);
  }
}

TEST(SqliteStoreTest, UriParametersSetOptionsAndNeverNameTheFile) {
  TempDir dir;
  const std::string path = dir.File("ws.db");
  EXPECT_THAT(OpenStore("sqlite:" + path + "?synchronous=normal", {}), IsOk());
  EXPECT_THAT(OpenStore("sqlite:" + path + "?synchronous=full", {}), IsOk());
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(path + "?synchronous=normal"));
  absl::StatusOr<std::unique_ptr<Store>> off =
      OpenStore("sqlite:" + path + "?synchronous=off", {});
  EXPECT_THAT(off, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(off.status().message(), HasSubstr("synchronous=off"));
  EXPECT_THAT(OpenStore("sqlite:" + path + "?cache=big", {}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(SqliteStoreTest, NewerSchemaIsRefusedAndFileLeftUnchanged) {
  TempDir dir;
  const std::string path = dir.File("ws.db");
  CreateStoreWithMember(path);
  {
    RawDb raw(path);
    ASSERT_EQ(raw.Exec("PRAGMA user_version = 99"), "");
  }
  const std::string before = ReadBytes(path);
  ASSERT_FALSE(before.empty());

  absl::StatusOr<std::unique_ptr<Store>> store = Open(path);
  EXPECT_THAT(store, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(std::string(store.status().message()), HasSubstr("99"));
  EXPECT_THAT(std::string(store.status().message()),
              HasSubstr(absl::StrCat("version ", kSqliteSchemaVersion)));
  EXPECT_THAT(Open(path, ReadOnly()),
              StatusIs(absl::StatusCode::kFailedPrecondition));

  EXPECT_EQ(ReadBytes(path), before);
  RawDb raw(path);
  EXPECT_EQ(raw.QueryText("PRAGMA user_version"), "99");
}

TEST(SqliteStoreTest, NotASqliteFileIsDataLoss) {
  TempDir dir;
  const std::string path = dir.File("notes.txt");
  const std::string text(4096, 'x');
  std::ofstream(path, std::ios::binary) << text;
  EXPECT_THAT(Open(path), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(Open(path, ReadOnly()), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_EQ(ReadBytes(path), text);
}

TEST(SqliteStoreTest, ForeignSqliteDatabaseIsDataLossAndUntouched) {
  TempDir dir;
  const std::string path = dir.File("other.db");
  {
    RawDb raw(path);
    ASSERT_EQ(raw.Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body "
                       "TEXT); INSERT INTO notes (body) VALUES ('hi')"),
              "");
  }
  const std::string before = ReadBytes(path);
  absl::StatusOr<std::unique_ptr<Store>> store = Open(path);
  EXPECT_THAT(store, StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(std::string(store.status().message()),
              HasSubstr("not a worksection store"));
  EXPECT_THAT(Open(path, ReadOnly()), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_EQ(ReadBytes(path), before);
  RawDb raw(path);
  EXPECT_EQ(raw.QueryText("PRAGMA journal_mode"), "delete");
}

// ------------------------------------------------------------- read-only

TEST(SqliteStoreTest, ReadOnlyNeverWrites) {
  TempDir dir;
  const std::string path = dir.File("ws.db");
  CreateStoreWithMember(path);
  const std::string before = ReadBytes(path);
  const auto mtime_before = std::filesystem::last_write_time(path);

  {
    WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                            Open(path, ReadOnly()));
    EXPECT_TRUE(store->read_only());
    EXPECT_THAT(store->Begin(Store::Mode::kWrite),
                StatusIs(absl::StatusCode::kFailedPrecondition));
    for (int i = 0; i < 3; ++i) {
      WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kRead));
      WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> members,
                              tx->ListMembers(MemberFilter{}));
      ASSERT_EQ(members.size(), 1u);
      EXPECT_EQ(members[0].email, "a@example.com");
      // A write through a read transaction is refused, not attempted.
      EXPECT_THAT(tx->InsertMember(MakeMember("b@example.com")),
                  StatusIs(absl::StatusCode::kFailedPrecondition));
      EXPECT_THAT(tx->Commit(), IsOk());
    }
  }
  EXPECT_EQ(ReadBytes(path), before);
  EXPECT_EQ(std::filesystem::last_write_time(path), mtime_before);
  // SQLite creates the -wal and -shm files a WAL reader needs when they are
  // missing (see sqlite_store.cc); nothing is ever written into the WAL.
  if (std::filesystem::exists(path + "-wal")) {
    EXPECT_EQ(std::filesystem::file_size(path + "-wal"), 0u);
  }
}

TEST(SqliteStoreTest, ReadOnlyMissingFileIsNotFoundAndNotCreated) {
  TempDir dir;
  const std::string path = dir.File("missing.db");
  EXPECT_THAT(Open(path, ReadOnly()), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SqliteStoreTest, ReadOnlyOlderSchemaAsksForAReadWriteOpen) {
  TempDir dir;
  const std::string path = dir.File("empty.db");
  std::ofstream(path, std::ios::binary).flush();  // an empty SQLite file
  absl::StatusOr<std::unique_ptr<Store>> store = Open(path, ReadOnly());
  EXPECT_THAT(store, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(std::string(store.status().message()),
              HasSubstr("open it read-write once to migrate"));
  EXPECT_EQ(std::filesystem::file_size(path), 0u);
  // A read-write open migrates it; then read-only works.
  ASSERT_THAT(Open(path), IsOk());
  EXPECT_THAT(Open(path, ReadOnly()), IsOk());
}

// -------------------------------------------------- integrity and locking

TEST(SqliteStoreTest, ForeignKeysAreEnforced) {
  TempDir dir;
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                          Open(dir.File("ws.db")));
  WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kWrite));
  WS_ASSERT_OK_AND_ASSIGN(MemberId m,
                          tx->InsertMember(MakeMember("a@example.com")));
  // Project 999 does not exist.
  EXPECT_THAT(tx->InsertTask(MakeTask(ProjectId(999), m, "orphan")),
              Not(IsOk()));
}

TEST(SqliteStoreTest, DuplicateEmailIsAlreadyExists) {
  TempDir dir;
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                          Open(dir.File("ws.db")));
  WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kWrite));
  ASSERT_THAT(tx->InsertMember(MakeMember("a@example.com")), IsOk());
  absl::StatusOr<MemberId> dup = tx->InsertMember(MakeMember("a@example.com"));
  EXPECT_THAT(dup, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(std::string(dup.status().message()), HasSubstr("a@example.com"));
}

TEST(SqliteStoreTest, MissingIdsAreNotFoundByName) {
  TempDir dir;
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                          Open(dir.File("ws.db")));
  WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kWrite));
  absl::StatusOr<Task> task = tx->GetTask(TaskId(42));
  EXPECT_THAT(task, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(task.status().message(), "task 42 not found");
  Member m = MakeMember("x@example.com");
  m.id = MemberId(7);
  EXPECT_THAT(tx->UpdateMember(m), StatusIs(absl::StatusCode::kNotFound));
}

TEST(SqliteStoreTest, TwoStoresOnOneFileSeeEachOthersCommits) {
  TempDir dir;
  const std::string path = dir.File("ws.db");
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> a, Open(path));
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> b, Open(path));
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, a->Begin(Store::Mode::kWrite));
    ASSERT_THAT(tx->InsertMember(MakeMember("from-a@example.com")), IsOk());
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, b->Begin(Store::Mode::kRead));
    WS_ASSERT_OK_AND_ASSIGN(std::optional<Member> m,
                            tx->FindMemberByEmail("from-a@example.com"));
    EXPECT_TRUE(m.has_value());
  }
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, b->Begin(Store::Mode::kWrite));
    ASSERT_THAT(tx->InsertMember(MakeMember("from-b@example.com")), IsOk());
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  WS_ASSERT_OK_AND_ASSIGN(auto tx, a->Begin(Store::Mode::kRead));
  WS_ASSERT_OK_AND_ASSIGN(std::optional<Member> m,
                          tx->FindMemberByEmail("from-b@example.com"));
  EXPECT_TRUE(m.has_value());
}

TEST(SqliteStoreTest, BusyWriterPastTheTimeoutIsUnavailable) {
  TempDir dir;
  const std::string path = dir.File("ws.db");
  StoreOptions options;
  options.busy_timeout = absl::Milliseconds(200);
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open(path, options));

  RawDb other(path);
  ASSERT_EQ(other.Exec("BEGIN IMMEDIATE"), "");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THAT(store->Begin(Store::Mode::kWrite),
              StatusIs(absl::StatusCode::kUnavailable));
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(150));
  EXPECT_LT(waited, std::chrono::seconds(5));

  // Readers do not wait for a writer (WAL).
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kRead));
    EXPECT_THAT(tx->ListMembers(MemberFilter{}), IsOk());
  }
  ASSERT_EQ(other.Exec("ROLLBACK"), "");
  WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kWrite));
  EXPECT_THAT(tx->Commit(), IsOk());
}

TEST(SqliteStoreTest, ReadTransactionDoesNotWaitForOrSeeAnOpenWrite) {
  TempDir dir;
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                          Open(dir.File("ws.db")));
  WS_ASSERT_OK_AND_ASSIGN(auto write, store->Begin(Store::Mode::kWrite));
  ASSERT_THAT(write->InsertMember(MakeMember("pending@example.com")), IsOk());
  // Own writes are visible inside the write transaction.
  WS_ASSERT_OK_AND_ASSIGN(std::optional<Member> own,
                          write->FindMemberByEmail("pending@example.com"));
  EXPECT_TRUE(own.has_value());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto read, store->Begin(Store::Mode::kRead));
    WS_ASSERT_OK_AND_ASSIGN(std::optional<Member> m,
                            read->FindMemberByEmail("pending@example.com"));
    EXPECT_FALSE(m.has_value());
  }
  ASSERT_THAT(write->Commit(), IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto read, store->Begin(Store::Mode::kRead));
  WS_ASSERT_OK_AND_ASSIGN(std::optional<Member> m,
                          read->FindMemberByEmail("pending@example.com"));
  EXPECT_TRUE(m.has_value());
}

// ---------------------------------------------------- scans and plans

TEST(SqliteTaskScanSqlTest, TextDependsOnlyOnWhichConditionsArePresent) {
  TaskScan a;
  a.filter.assignee = MemberId(3);
  a.filter.tag = "urgent";
  a.filter.text_contains = "O'Brien\"; DROP TABLE tasks; --";
  a.filter.order = TaskOrder::kDeadline;
  a.after = TaskSortPosition{123, TaskId(9)};
  a.limit = 10;
  TaskScan b = a;
  b.filter.assignee = MemberId(4);
  b.filter.tag = "later";
  b.filter.text_contains = "x";
  b.after = TaskSortPosition{456, TaskId(1)};
  b.limit = 50;
  const sql_internal::SqlQuery qa =
      sql_internal::BuildTaskScanQuery(a, sqlite_internal::kSqliteDialect);
  const sql_internal::SqlQuery qb =
      sql_internal::BuildTaskScanQuery(b, sqlite_internal::kSqliteDialect);
  // One statement shape, prepared once and cached; values are bound.
  EXPECT_EQ(qa.sql, qb.sql);
  EXPECT_THAT(qa.sql, Not(HasSubstr("Brien")));
  EXPECT_THAT(qa.sql, Not(HasSubstr("urgent")));
  EXPECT_NE(qa.args, qb.args);
  // Another set of conditions is another shape.
  b.filter.status = TaskStatus::kOpen;
  EXPECT_NE(
      sql_internal::BuildTaskScanQuery(b, sqlite_internal::kSqliteDialect).sql,
      qa.sql);
}

// A store with a few members, projects and many random tasks.
class SqliteScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("ws.db");
    WS_ASSERT_OK_AND_ASSIGN(store_, Open(path_));
    std::mt19937 rng(12345);
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
    const char* titles[] = {"Landing PAGE",   "landing page v2",
                            "Logo",           "Invoice",
                            "pagination bug", "caf\xC3\xA9 menu"};
    const char* tags[] = {"a", "b", "c"};
    for (int i = 0; i < 300; ++i) {
      Task t = MakeTask(projects_[pick(3)], members_[pick(4)], titles[pick(6)]);
      if (pick(4) == 0) t.text = "see the PAGE spec";
      if (pick(5) != 0) t.assignee = members_[pick(4)];
      t.priority = pick(11);
      t.status = pick(3) == 0 ? TaskStatus::kDone : TaskStatus::kOpen;
      if (pick(4) != 0) {
        Deadline d;
        d.day = absl::CivilDay(2024, 1, 1) + pick(60);
        if (pick(2) == 0) d.minute_of_day = pick(1440);
        t.deadline = d;
      }
      t.hidden_from_clients = pick(5) == 0;
      for (const char* tag : tags) {
        if (pick(3) == 0) t.tags.push_back(tag);
      }
      if (i > 10 && pick(4) == 0) t.parent = all_[pick(10)].id;
      if (t.parent.valid()) t.project = all_[t.parent.value() - 1].project;
      WS_ASSERT_OK_AND_ASSIGN(t.id, tx->InsertTask(t));
      all_.push_back(t);
    }
    ASSERT_THAT(tx->Commit(), IsOk());
    ASSERT_EQ(all_[0].id, TaskId(1));
  }

  // What the reference semantics return.
  std::vector<TaskId> Reference(const TaskScan& scan) const {
    std::vector<const Task*> matched;
    for (const Task& t : all_) {
      if (!TaskMatches(t, scan)) continue;
      if (scan.after) {
        const int64_t key = TaskSortKey(t, scan.filter.order);
        if (key < scan.after->key ||
            (key == scan.after->key && t.id <= scan.after->id)) {
          continue;
        }
      }
      matched.push_back(&t);
    }
    std::sort(matched.begin(), matched.end(),
              [&scan](const Task* a, const Task* b) {
                const int64_t ka = TaskSortKey(*a, scan.filter.order);
                const int64_t kb = TaskSortKey(*b, scan.filter.order);
                return ka != kb ? ka < kb : a->id < b->id;
              });
    std::vector<TaskId> ids;
    for (const Task* t : matched) {
      if (static_cast<int>(ids.size()) == scan.limit) break;
      ids.push_back(t->id);
    }
    return ids;
  }

  std::vector<TaskId> Scan(const TaskScan& scan) {
    auto tx = store_->Begin(Store::Mode::kRead);
    EXPECT_THAT(tx, IsOk());
    if (!tx.ok()) return {};
    absl::StatusOr<std::vector<Task>> tasks = (*tx)->ScanTasks(scan);
    EXPECT_THAT(tasks, IsOk());
    if (!tasks.ok()) return {};
    std::vector<TaskId> ids;
    for (const Task& t : *tasks) ids.push_back(t.id);
    return ids;
  }

  // The query plan of `scan`'s SQL on the raw file, one detail a line.
  std::string Plan(const TaskScan& scan) {
    return RawDb(path_, /*read_only=*/true)
        .Plan(sql_internal::BuildTaskScanQuery(
            scan, sqlite_internal::kSqliteDialect));
  }

  TempDir dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
  std::vector<MemberId> members_;
  std::vector<ProjectId> projects_;
  std::vector<Task> all_;
};

TEST_F(SqliteScanTest, MatchesTheReferenceAcrossRandomScansAndPages) {
  std::mt19937 rng(777);
  auto pick = [&rng](int n) {
    return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng));
  };
  // "\xC3" and "\xA9 m" are pieces of the two-byte "\xC3\xA9": byte
  // substrings that are not valid UTF-8 on their own.
  const char* needles[] = {"page", "PAGE", "Land", "\xC3\xA9",
                           "zzz",  "o",    "\xC3", "\xA9 m"};
  const TaskOrder orders[] = {TaskOrder::kId, TaskOrder::kDeadline,
                              TaskOrder::kPriority};
  int nonempty_rounds = 0;
  for (int round = 0; round < 400; ++round) {
    TaskScan scan;
    TaskFilter& f = scan.filter;
    f.order = orders[pick(3)];
    if (pick(4) == 0) f.project = projects_[pick(3)];
    if (pick(6) == 0) f.parent = pick(2) == 0 ? TaskId() : all_[pick(10)].id;
    if (pick(4) == 0)
      f.assignee = pick(5) == 0 ? MemberId() : members_[pick(4)];
    if (pick(5) == 0) f.author = members_[pick(4)];
    if (pick(3) == 0) {
      f.status = pick(2) == 0 ? TaskStatus::kOpen : TaskStatus::kDone;
    }
    if (pick(5) == 0) f.tag = std::string(1, static_cast<char>('a' + pick(4)));
    if (pick(4) == 0) f.min_priority = pick(11);
    if (pick(4) == 0) f.max_priority = pick(11);
    if (pick(5) == 0) f.deadline_from = absl::CivilDay(2024, 1, 1) + pick(60);
    if (pick(5) == 0) f.deadline_to = absl::CivilDay(2024, 1, 1) + pick(60);
    if (pick(6) == 0) f.overdue_as_of = absl::CivilDay(2024, 1, 1) + pick(60);
    if (pick(4) == 0) f.text_contains = needles[pick(8)];
    if (pick(4) == 0) {
      std::vector<ProjectId> in;
      for (ProjectId p : projects_) {
        if (pick(2) == 0) in.push_back(p);
      }
      scan.projects_in = in;
    }
    scan.include_hidden = pick(3) != 0;
    scan.limit = 1 + pick(40);

    // Page through everything, as the core does with page tokens.
    TaskScan all = scan;
    all.limit = 1000;
    const std::vector<TaskId> want_all = Reference(all);
    std::vector<TaskId> got_all;
    for (int page = 0; page < 400; ++page) {
      const std::vector<TaskId> want = Reference(scan);
      const std::vector<TaskId> got = Scan(scan);
      ASSERT_EQ(got, want) << "round " << round << " page " << page << "\n"
                           << sql_internal::BuildTaskScanQuery(
                                  scan, sqlite_internal::kSqliteDialect)
                                  .sql;
      got_all.insert(got_all.end(), got.begin(), got.end());
      if (static_cast<int>(got.size()) < scan.limit) break;
      const Task& last = all_[got.back().value() - 1];
      scan.after = TaskSortPosition{TaskSortKey(last, f.order), last.id};
    }
    ASSERT_EQ(got_all, want_all) << "round " << round;
    if (!got_all.empty()) ++nonempty_rounds;
  }
  // The random filters are not so narrow that most scans match nothing.
  EXPECT_GT(nonempty_rounds, 200);
}

TEST_F(SqliteScanTest, AssigneeScanUsesItsIndexWithoutSorting) {
  TaskScan scan;
  scan.filter.assignee = members_[1];
  scan.filter.status = TaskStatus::kOpen;
  scan.filter.order = TaskOrder::kDeadline;
  const std::string plan = Plan(scan);
  EXPECT_THAT(plan, HasSubstr("USING INDEX tasks_by_assignee"));
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE")));
  // The next page seeks past the position, still in index order.
  scan.after = TaskSortPosition{28'000'000, TaskId(5)};
  const std::string next = Plan(scan);
  EXPECT_THAT(next, HasSubstr("USING INDEX tasks_by_assignee"));
  EXPECT_THAT(next, Not(HasSubstr("TEMP B-TREE")));
}

TEST_F(SqliteScanTest, AssigneePageInIdOrderPicksItsIdsFromTheIndexAlone) {
  // An assignee's overdue tasks, as a client sees them: every condition is
  // answered from tasks_by_assignee, and only the page's rows are read from
  // the table, by id, in order.
  TaskScan scan;
  scan.filter.assignee = members_[1];
  scan.filter.overdue_as_of = absl::CivilDay(2024, 2, 1);
  scan.projects_in = std::vector<ProjectId>{projects_[0], projects_[2]};
  scan.include_hidden = false;
  const std::string plan = Plan(scan);
  EXPECT_THAT(plan, HasSubstr("USING COVERING INDEX tasks_by_assignee"));
  EXPECT_THAT(plan, HasSubstr("USING INTEGER PRIMARY KEY (rowid=?)"));
  // Sorting the matches' ids is the only sort.
  const std::vector<absl::string_view> sorts =
      absl::StrSplit(plan, "TEMP B-TREE");
  EXPECT_EQ(sorts.size(), 2u) << plan;
  scan.filter.order = TaskOrder::kPriority;
  EXPECT_THAT(Plan(scan), HasSubstr("USING COVERING INDEX tasks_by_assignee"));
}

TEST_F(SqliteScanTest, AuthorScanUsesItsIndex) {
  TaskScan scan;
  scan.filter.author = members_[0];
  scan.filter.status = TaskStatus::kOpen;
  scan.filter.order = TaskOrder::kDeadline;
  const std::string plan = Plan(scan);
  EXPECT_THAT(plan, HasSubstr("USING INDEX tasks_by_author"));
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE")));
}

TEST_F(SqliteScanTest, StatusPageInIdOrderWalksTheIdsWithoutSorting) {
  // Listing every open task page by page: a page starts at its position
  // and stops after a page, instead of reading and sorting every open task
  // from the status index for each page.
  TaskScan scan;
  scan.filter.status = TaskStatus::kOpen;
  scan.after = TaskSortPosition{0, TaskId(5)};
  const std::string plan = Plan(scan);
  EXPECT_THAT(plan, HasSubstr("USING INTEGER PRIMARY KEY (rowid>?)"));
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE")));
  // In deadline order the status index still gives the order.
  scan.filter.order = TaskOrder::kDeadline;
  scan.after.reset();
  EXPECT_THAT(Plan(scan), HasSubstr("USING INDEX tasks_by_status_deadline"));
}

TEST_F(SqliteScanTest, ProjectScanUsesItsIndexInIdOrder) {
  TaskScan scan;
  scan.filter.project = projects_[2];
  const std::string plan = Plan(scan);
  EXPECT_THAT(plan, HasSubstr("USING INDEX tasks_by_project"));
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE")));
}

TEST_F(SqliteScanTest, SubtaskScanUsesTheParentIndex) {
  TaskScan scan;
  scan.filter.parent = TaskId(3);
  EXPECT_THAT(Plan(scan), HasSubstr("USING INDEX tasks_by_parent"));
}

TEST_F(SqliteScanTest, ParentIndexHoldsOnlySubtasks) {
  // Creating a top-level task (most tasks) writes no page of the parent
  // index. ANALYZE's first figure is the number of the index's entries.
  const auto subtasks = std::count_if(
      all_.begin(), all_.end(), [](const Task& t) { return t.parent.valid(); });
  ASSERT_GT(subtasks, 0);
  ASSERT_LT(static_cast<size_t>(subtasks), all_.size());
  RawDb raw(path_);
  ASSERT_EQ(raw.Exec("ANALYZE tasks"), "");
  EXPECT_THAT(raw.QueryText("SELECT stat FROM sqlite_stat1 "
                            "WHERE idx = 'tasks_by_parent'"),
              StartsWith(absl::StrCat(subtasks, " ")));
  // Top-level tasks are still found, in id order.
  TaskScan scan;
  scan.filter.parent = TaskId();
  scan.limit = 1000;
  EXPECT_EQ(Scan(scan), Reference(scan));
  EXPECT_EQ(Scan(scan).size(), all_.size() - static_cast<size_t>(subtasks));
}

TEST_F(SqliteScanTest, OverdueScanSeeksOpenTasksByDeadline) {
  TaskScan scan;
  scan.filter.overdue_as_of = absl::CivilDay(2024, 2, 1);
  scan.filter.order = TaskOrder::kDeadline;
  const std::string plan = Plan(scan);
  EXPECT_THAT(plan, HasSubstr("USING INDEX tasks_by_status_deadline"));
  EXPECT_THAT(plan, HasSubstr("deadline_key<?"));
  EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE")));
}

TEST_F(SqliteScanTest, TallyOfProjectsSeeksTheirTasksAndEachFirstDue) {
  // Project health's sums read the projects' tasks by the project index,
  // and each project's first-due task by one seek of the deadline index,
  // not by reading its open tasks again.
  TaskTallyScan tally;
  tally.scan.projects_in = projects_;
  const std::string plan = RawDb(path_, /*read_only=*/true)
                               .Plan(sql_internal::BuildTaskTallyQuery(
                                   tally, sqlite_internal::kSqliteDialect));
  EXPECT_THAT(plan, HasSubstr("SEARCH tasks USING INDEX tasks_by_project"));
  EXPECT_THAT(plan, HasSubstr("SEARCH tasks USING INDEX "
                              "tasks_by_status_deadline (status=? AND "
                              "deadline_key=?)"));
}

TEST_F(SqliteScanTest, TagScanUsesTheTagIndex) {
  TaskScan scan;
  scan.filter.tag = "b";
  EXPECT_THAT(Plan(scan), HasSubstr("task_tags_by_tag"));
}

}  // namespace
}  // namespace worksection
