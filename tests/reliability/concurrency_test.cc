// Concurrency on one SQLite file: 8 threads of this process (one shared
// Workspace, a Session each) and 3 child processes (reliability_writer
// contend, a Workspace each) run a fixed number of mixed calls at once:
// task creation, single and batch time logging, completions, reads, and
// increments of one shared counter task by read-modify-write naming the
// revision read. With the default busy timeout:
//   - no call answers anything but OK, except Aborted on a stale revision,
//     which the worker retries ("database is locked" never escapes as
//     Unavailable);
//   - the final contents are exact: tasks created and completed, entries
//     and seconds logged, the counter equal to the increments (no update
//     lost), the rollups equal to the sums over the entries, and the file
//     passes PRAGMA integrity_check.
// Bounded by operation counts, not by time.
#include <atomic>
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/reliability/child_process.h"
#include "tests/reliability/contention.h"
#include "tests/reliability/crash_protocol.h"
#include "tests/reliability/test_workspace.h"
#include "tests/sqlite/sqlite_test_util.h"
#include "tests/store_contents.h"
#include "tests/testing.h"
#include "worksection/model.h"
#include "worksection/workspace.h"

namespace worksection::reliability {
namespace {

using ::worksection::testing::DiffRollups;
using ::worksection::testing::ReadStoreContents;
using ::worksection::testing::StoreContents;
using ::worksection::testing::SumRollups;
using ::worksection::testing::TempDir;

constexpr int kThreads = 8;
constexpr int kProcesses = 3;
constexpr int kOperations = 150;  // per worker

TEST(ConcurrencyTest, ThreadsAndProcessesOnOneFile) {
  TempDir dir;
  const std::string path = dir.File("contention.db");
  absl::StatusOr<TestWorkspace> setup =
      CreateTestWorkspace(path, kThreads + kProcesses);
  ASSERT_TRUE(setup.ok()) << setup.status();
  auto plan = [&](int worker) {
    ContentionPlan p;
    p.project = setup->project;
    p.counter = setup->counter;
    p.worker = worker;
    p.operations = kOperations;
    return p;
  };

  // The processes first, each waiting for a line on its stdin once its
  // store is open, so that all workers start together.
  std::vector<std::unique_ptr<ChildProcess>> children;
  for (int i = 0; i < kProcesses; ++i) {
    const int worker = kThreads + i;
    absl::StatusOr<std::unique_ptr<ChildProcess>> child = ChildProcess::Start(
        {WS_RELIABILITY_WRITER, "contend", path, absl::StrCat(worker),
         absl::StrCat(setup->workers[worker].value()),
         absl::StrCat(setup->project.value()),
         absl::StrCat(setup->counter.value()), absl::StrCat(kOperations)});
    ASSERT_TRUE(child.ok()) << child.status();
    // A bound against a stuck child, not a timing assertion.
    std::optional<std::string> ready =
        (*child)->ReadLine(absl::Now() + absl::Minutes(2));
    ASSERT_EQ(ready.value_or("(none)"), kReadyLine);
    children.push_back(*std::move(child));
  }

  absl::StatusOr<std::unique_ptr<Workspace>> ws = Workspace::Open(path);
  ASSERT_TRUE(ws.ok()) << ws.status();
  std::vector<ContentionTotals> results(kThreads);
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      results[i] = RunContention((*ws)->As(setup->workers[i]), plan(i));
    });
  }
  go.store(true);
  for (const auto& child : children) {
    ASSERT_TRUE(child->Send("go\n").ok());
  }
  for (std::thread& t : threads) t.join();

  ContentionTotals total;
  for (const ContentionTotals& r : results) {
    EXPECT_EQ(r.failure, "");
    total += r;
  }
  for (const auto& child : children) {
    std::optional<std::string> line = child->ReadLine(absl::InfiniteFuture());
    ASSERT_TRUE(line.has_value()) << "a writer process printed no totals";
    absl::StatusOr<ContentionTotals> totals = ParseTotals(*line);
    ASSERT_TRUE(totals.ok()) << totals.status();
    EXPECT_EQ(totals->failure, "");
    total += *totals;
    EXPECT_EQ(DescribeWaitStatus(child->Wait()), "exit 0");
  }

  absl::StatusOr<StoreContents> stored = ReadStoreContents((*ws)->store());
  ASSERT_TRUE(stored.ok()) << stored.status();
  int64_t done = 0;
  std::optional<std::string> counter;
  for (const Task& t : stored->tasks) {
    if (t.status == TaskStatus::kDone) ++done;
    if (t.id == setup->counter) counter = t.text;
  }
  EXPECT_EQ(static_cast<int64_t>(stored->tasks.size()),
            1 + total.tasks_created);
  EXPECT_EQ(done, total.tasks_completed);
  EXPECT_EQ(counter, absl::StrCat(total.increments));
  EXPECT_EQ(static_cast<int64_t>(stored->entries.size()), total.entries_logged);
  int64_t seconds = 0;
  for (const TimeEntry& e : stored->entries) {
    seconds += absl::ToInt64Seconds(e.duration);
  }
  EXPECT_EQ(seconds, total.seconds_logged);
  EXPECT_EQ(DiffRollups(stored->rollups, SumRollups(stored->entries)), "");
  EXPECT_EQ(sqlite_test::RawDb(path, true).QueryText("PRAGMA integrity_check"),
            "ok");

  const std::string summary = absl::StrCat(
      kThreads, " threads and ", kProcesses, " processes, ", kOperations,
      " calls each: ", total.tasks_created, " tasks created, ",
      total.tasks_completed, " completed, ", total.entries_logged,
      " time entries (", total.seconds_logged, " s), ", total.increments,
      " counter increments after ", total.stale_retries,
      " stale-revision retries, ", total.reads, " reads");
  std::cout << "concurrency test: " << summary << std::endl;
  ::testing::Test::RecordProperty("summary", summary);
}

}  // namespace
}  // namespace worksection::reliability
