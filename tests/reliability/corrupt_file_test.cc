// A damaged SQLite workspace file is reported, never a crash or a hang. A
// workspace file with a few hundred tasks and entries is damaged in copies:
// truncated at many offsets, its header overwritten, the type byte of each
// b-tree page broken, random bytes flipped, or replaced by a file that is not
// SQLite. Each copy is opened (read-only and read-write), read whole
// (through sessions and straight from the store) and written to.
//   - Structural damage (truncation, header, page types, not SQLite): every
//     call answers OK or DataLoss, DataLoss is reported somewhere, and
//     what reads do return equals the undamaged contents.
//   - Random flips: SQLite keeps no checksums, so a flipped byte inside a
//     value reads back as another valid value and no library can tell;
//     what is checked is that no call crashes, hangs or answers Internal
//     (an error the store failed to classify).
#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/reliability/test_workspace.h"
#include "tests/sqlite/sqlite_test_util.h"
#include "tests/store_contents.h"
#include "tests/testing.h"
#include "worksection/model.h"
#include "worksection/query.h"
#include "worksection/report.h"
#include "worksection/session.h"
#include "worksection/time_tracking.h"
#include "worksection/workspace.h"

namespace worksection::reliability {
namespace {

using ::worksection::sqlite_test::ReadBytes;
using ::worksection::testing::DiffRollups;
using ::worksection::testing::ReadStoreContents;
using ::worksection::testing::StoreContents;
using ::worksection::testing::TempDir;

constexpr int kPageSize = 4096;  // SQLite's default, which the store keeps
constexpr uint32_t kSeed = 11;
constexpr int kRandomFlips = 150;

// Tasks, entries and rollups as one comparable text.
std::string Fingerprint(const StoreContents& c) {
  std::string text;
  for (const Task& t : c.tasks) {
    absl::StrAppend(&text, "task ", t.id.value(), " ", t.title, " ",
                    t.text.size(), " ", static_cast<int>(t.status), "\n");
  }
  for (const TimeEntry& e : c.entries) {
    absl::StrAppend(&text, "entry ", e.id.value(), " ", e.task.value(), " ",
                    absl::ToInt64Seconds(e.duration), " ", e.note, "\n");
  }
  return text + DiffRollups(c.rollups, {});
}

// What the calls on one damaged file answered.
struct Probe {
  std::vector<std::pair<std::string, absl::Status>> calls;
  std::optional<StoreContents> contents;  // when the store read it all

  void Record(const std::string& call, const absl::Status& status) {
    calls.emplace_back(call, status);
  }
  bool Any(absl::StatusCode code) const {
    for (const auto& [call, status] : calls) {
      if (status.code() == code) return true;
    }
    return false;
  }
  // Every call and its status, as text.
  std::string All() const {
    std::vector<std::string> all;
    for (const auto& [call, status] : calls) {
      all.push_back(absl::StrCat(call, ": ", status.ToString()));
    }
    return absl::StrJoin(all, "; ");
  }
  // The calls whose code is not in `allowed`, as text.
  std::string Unexpected(const std::set<absl::StatusCode>& allowed) const {
    std::vector<std::string> bad;
    for (const auto& [call, status] : calls) {
      if (allowed.count(status.code()) == 0) {
        bad.push_back(absl::StrCat(call, ": ", status.ToString()));
      }
    }
    return absl::StrJoin(bad, "; ");
  }
};

// Every page of a paged list, or the first error.
template <typename Page, typename Filter, typename Call>
absl::Status ReadAllPages(Filter filter, Call call) {
  filter.limit = limits::kMaxPageSize;
  for (;;) {
    absl::StatusOr<Page> page = call(filter);
    if (!page.ok()) return page.status();
    if (page->next_page_token.empty()) return absl::OkStatus();
    filter.page_token = page->next_page_token;
  }
}

// Opens `path`, reads everything, and (read-write) writes a task and an
// entry.
Probe ProbeFile(const std::string& path, bool read_only) {
  Probe probe;
  OpenOptions options;
  options.read_only = read_only;
  absl::StatusOr<std::unique_ptr<Workspace>> ws =
      Workspace::Open(path, options);
  probe.Record("Open", ws.status());
  if (!ws.ok()) return probe;
  probe.Record("Initialized", (*ws)->Initialized().status());
  absl::StatusOr<Member> owner = (*ws)->FirstOwner();
  probe.Record("FirstOwner", owner.status());
  Session s = (*ws)->As(owner.ok() ? owner->id : MemberId(1));
  probe.Record("ListMembers", s.ListMembers().status());
  absl::StatusOr<std::vector<Project>> projects = s.ListProjects();
  probe.Record("ListProjects", projects.status());
  probe.Record("ListTasks", ReadAllPages<TaskPage>(TaskFilter{}, [&](auto f) {
                 return s.ListTasks(f);
               }));
  probe.Record("ListTimeEntries",
               ReadAllPages<TimeEntryPage>(TimeEntryFilter{}, [&](auto f) {
                 return s.ListTimeEntries(f);
               }));
  TimeReportQuery report;
  report.group_by = {ReportGroup::kProject, ReportGroup::kMember};
  probe.Record("RunTimeReport", s.RunTimeReport(report).status());
  absl::StatusOr<StoreContents> contents = ReadStoreContents((*ws)->store());
  probe.Record("ReadStoreContents", contents.status());
  if (contents.ok()) probe.contents = *std::move(contents);
  if (read_only) return probe;

  Task t;
  t.project =
      projects.ok() && !projects->empty() ? projects->front().id : ProjectId(1);
  t.title = "After the damage";
  absl::StatusOr<Task> task = s.CreateTask(t);
  probe.Record("CreateTask", task.status());
  TimeLog log;
  log.task = task.ok() ? task->id : TaskId(1);
  log.duration = absl::Minutes(30);
  log.date = absl::CivilDay(2024, 2, 1);
  probe.Record("LogTime", s.LogTime(log).status());
  return probe;
}

class CorruptFileTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    original_dir_ = new TempDir;
    const std::string path = original_dir_->File("original.db");
    absl::StatusOr<TestWorkspace> setup = CreateTestWorkspace(path, 3);
    ASSERT_TRUE(setup.ok()) << setup.status();
    {
      absl::StatusOr<std::unique_ptr<Workspace>> ws = Workspace::Open(path);
      ASSERT_TRUE(ws.ok()) << ws.status();
      for (int i = 0; i < 150; ++i) {
        Session s = (*ws)->As(setup->workers[i % 3]);
        Task t;
        t.project = setup->project;
        t.title = absl::StrCat("Task ", i);
        t.text = std::string(static_cast<size_t>(50 + i * 7 % 900), 'x');
        t.tags = {absl::StrCat("tag", i % 5)};
        absl::StatusOr<Task> task = s.CreateTask(t);
        ASSERT_TRUE(task.ok()) << task.status();
        for (int j = 0; j < 2; ++j) {
          TimeLog log;
          log.task = task->id;
          log.duration = absl::Minutes(10 + i + j);
          log.date = absl::CivilDay(2024, 1, 1) + (i + j) % 40;
          log.note = absl::StrCat("entry ", i, ".", j);
          ASSERT_TRUE(s.LogTime(log).ok());
        }
      }
    }  // closing checkpoints the WAL into the file
    original_ = new std::string(ReadBytes(path));
    absl::StatusOr<std::unique_ptr<Workspace>> ws =
        Workspace::Open(path, OpenOptions{/*read_only=*/true});
    ASSERT_TRUE(ws.ok()) << ws.status();
    absl::StatusOr<StoreContents> contents = ReadStoreContents((*ws)->store());
    ASSERT_TRUE(contents.ok()) << contents.status();
    fingerprint_ = new std::string(Fingerprint(*contents));
  }

  static void TearDownTestSuite() {
    delete original_dir_;
    delete original_;
    delete fingerprint_;
  }

  // Writes `bytes` as a fresh workspace file (no WAL beside it) and probes
  // it, read-only and read-write (on a second copy: a read-write open may
  // write).
  std::vector<Probe> ProbeBytes(const std::string& bytes) {
    std::vector<Probe> probes;
    for (bool read_only : {true, false}) {
      const std::string path = dir_.File(absl::StrCat("damaged-", n_++, ".db"));
      std::ofstream(path, std::ios::binary) << bytes;
      probes.push_back(ProbeFile(path, read_only));
    }
    return probes;
  }

  // Structural damage: every call answers OK or DataLoss, and what was
  // read whole equals the original; DataLoss somewhere when `must_report`
  // (the damage is in what the calls read). Whether it was reported.
  bool ExpectNeverWrong(const std::string& what, const std::string& bytes,
                        bool must_report) {
    SCOPED_TRACE(what);
    bool reported = false;
    for (const Probe& p : ProbeBytes(bytes)) {
      EXPECT_EQ(
          p.Unexpected({absl::StatusCode::kOk, absl::StatusCode::kDataLoss}),
          "")
          << p.All();
      reported = reported || p.Any(absl::StatusCode::kDataLoss);
      if (must_report) {
        EXPECT_TRUE(p.Any(absl::StatusCode::kDataLoss))
            << "the damage went unreported: " << p.All();
      }
      if (p.contents) {
        EXPECT_EQ(Fingerprint(*p.contents), *fingerprint_) << p.All();
      }
    }
    return reported;
  }
  void ExpectReported(const std::string& what, const std::string& bytes) {
    ExpectNeverWrong(what, bytes, /*must_report=*/true);
  }

  static std::string Original() { return *original_; }
  // Every b-tree page of the original file and the table or index it
  // belongs to (SQLite's dbstat table).
  static std::map<int, std::string> BTreePages() {
    std::map<int, std::string> pages;
    sqlite_test::RawDb raw(original_dir_->File("original.db"), true);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(raw.db(),
                                 "SELECT pageno, name FROM dbstat WHERE "
                                 "pagetype IN ('internal', 'leaf')",
                                 -1, &stmt, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(raw.db());
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      pages[sqlite3_column_int(stmt, 0)] =
          reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1));
    }
    sqlite3_finalize(stmt);
    return pages;
  }
  static int Pages() { return static_cast<int>(original_->size() / kPageSize); }

  void TearDown() override {
    std::cout << "corrupt file test: " << n_ << " damaged files probed"
              << std::endl;
  }

  TempDir dir_;
  int n_ = 0;  // files probed

 private:
  static TempDir* original_dir_;
  static std::string* original_;
  static std::string* fingerprint_;
};

TempDir* CorruptFileTest::original_dir_ = nullptr;
std::string* CorruptFileTest::original_ = nullptr;
std::string* CorruptFileTest::fingerprint_ = nullptr;

TEST_F(CorruptFileTest, FixtureSpansManyPages) {
  EXPECT_EQ(Original().size() % kPageSize, 0u);
  EXPECT_GE(Pages(), 40);
}

TEST_F(CorruptFileTest, TruncatedFileIsDataLoss) {
  const int64_t size = static_cast<int64_t>(Original().size());
  std::vector<int64_t> offsets = {1,
                                  16,
                                  99,
                                  100,
                                  1'000,
                                  kPageSize - 1,
                                  kPageSize,
                                  kPageSize + 1,
                                  2 * kPageSize,
                                  size / 3,
                                  size / 2,
                                  size - 2 * kPageSize,
                                  size - kPageSize,
                                  size - 1};
  for (int64_t offset : offsets) {
    ExpectReported(absl::StrCat("truncated at ", offset, " of ", size),
                   Original().substr(0, static_cast<size_t>(offset)));
  }
}

TEST_F(CorruptFileTest, EmptyFileIsAnEmptyStore) {
  // A zero-length file is a valid, empty SQLite database: it opens as a
  // store that holds no workspace yet (read-only: FailedPrecondition, as it
  // has no schema and a read-only open never writes one).
  for (const Probe& p : ProbeBytes("")) {
    EXPECT_EQ(p.Unexpected({absl::StatusCode::kOk,
                            absl::StatusCode::kFailedPrecondition,
                            absl::StatusCode::kNotFound}),
              "");
    EXPECT_TRUE(p.Any(absl::StatusCode::kFailedPrecondition));
  }
}

TEST_F(CorruptFileTest, DamagedHeaderIsDataLoss) {
  std::string bytes = Original();
  bytes.replace(0, 16, "Not SQLite file!");
  ExpectReported("magic string overwritten", bytes);
  bytes = Original();
  bytes.replace(0, 100, std::string(100, '\0'));
  ExpectReported("header zeroed", bytes);
  bytes = Original();
  bytes[16] = 0x03;  // a page size of 0x0301: not a power of two
  bytes[17] = 0x01;
  ExpectReported("page size invalid", bytes);
  bytes = Original();
  bytes.replace(0, kPageSize, std::string(kPageSize, '\xff'));
  ExpectReported("first page overwritten", bytes);
}

TEST_F(CorruptFileTest, BrokenPageTypeIsDataLoss) {
  // The first byte of a b-tree page says its kind; any other value is
  // corruption SQLite detects when it loads the page (page 1 starts its
  // b-tree header after the 100-byte file header). A damaged page of a table
  // the probe reads whole must be reported; one of an index or a table it
  // does not read (budget alerts, costs, ...) only must never give a wrong
  // answer.
  const std::set<std::string> read_whole = {
      "sqlite_schema", "workspace",       "members",
      "projects",      "project_members", "tasks",
      "task_tags",     "time_entries",    "rollups"};
  int pages = 0;
  int reported = 0;
  for (const auto& [page, table] : BTreePages()) {
    std::string bytes = Original();
    const size_t at =
        static_cast<size_t>(page - 1) * kPageSize + (page == 1 ? 100 : 0);
    bytes[at] = 0x7f;
    ++pages;
    if (ExpectNeverWrong(
            absl::StrCat("page ", page, " of ", table, ": type -> 127"), bytes,
            read_whole.count(table) > 0)) {
      ++reported;
    }
  }
  std::cout << "corrupt file test: " << pages << " b-tree pages broken, "
            << reported << " reported as DataLoss, the rest in indexes and "
            << "tables no call read" << std::endl;
}

TEST_F(CorruptFileTest, NotASqliteFileIsDataLoss) {
  std::mt19937 rng(kSeed);
  std::string noise(3 * kPageSize, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  ExpectReported("random bytes", noise);
  ExpectReported("a text file", "name,hours\nwebsite,12\n");
  ExpectReported("a JSON file", std::string(5'000, '{'));
}

TEST_F(CorruptFileTest, RandomFlipsNeverCrashOrGoUnclassified) {
  std::mt19937 rng(kSeed);
  int detected = 0;
  for (int i = 0; i < kRandomFlips; ++i) {
    std::string bytes = Original();
    const int flips = 1 + static_cast<int>(rng() % 8);
    std::vector<std::string> where;
    for (int f = 0; f < flips; ++f) {
      const size_t at = rng() % bytes.size();
      bytes[at] = static_cast<char>(bytes[at] ^ (1 + rng() % 255));
      where.push_back(absl::StrCat(at));
    }
    SCOPED_TRACE(absl::StrCat("flipped bytes at ", absl::StrJoin(where, ",")));
    bool reported = false;
    for (const Probe& p : ProbeBytes(bytes)) {
      EXPECT_FALSE(p.Any(absl::StatusCode::kInternal))
          << p.Unexpected({absl::StatusCode::kOk});
      EXPECT_FALSE(p.Any(absl::StatusCode::kUnknown));
      reported = reported || p.Any(absl::StatusCode::kDataLoss);
    }
    if (reported) ++detected;
  }
  std::cout << "corrupt file test: " << kRandomFlips
            << " files with random flips, " << detected
            << " reported as DataLoss, the rest read as other valid values"
            << std::endl;
}

}  // namespace
}  // namespace worksection::reliability
