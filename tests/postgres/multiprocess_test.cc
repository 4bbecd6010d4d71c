// Several processes, each on its own connections, writing one PostgreSQL
// workspace at once: 4 pg_writer processes x 500 writes (tasks, time
// entries, completions). Afterwards every acknowledged write is there
// exactly once, nothing else is, and the rollups equal the sums of the
// entries.
#include <stdio.h>
#include <sys/wait.h>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "src/core/ledger.h"
#include "tests/pg_testing.h"
#include "tests/testing.h"
#include "worksection/rollup.h"
#include "worksection/store.h"

namespace worksection {
namespace {

constexpr int kWorkers = 4;
constexpr int kWritesPerWorker = 500;

// What one process printed: "KIND ID" lines.
struct Acks {
  std::multiset<int64_t> tasks, entries, done;
  std::map<std::string, int64_t> values;  // for setup: owner, project
};

// Reads a started process's output to its end; its exit status in *status.
Acks ReadAcks(FILE* out, int* status) {
  Acks acks;
  char line[256];
  while (fgets(line, sizeof(line), out) != nullptr) {
    std::istringstream in(line);
    std::string kind;
    int64_t id = 0;
    in >> kind >> id;
    if (kind == "task") acks.tasks.insert(id);
    if (kind == "entry") acks.entries.insert(id);
    if (kind == "done") acks.done.insert(id);
    acks.values[kind] = id;
  }
  *status = pclose(out);
  return acks;
}

FILE* Start(const std::string& args) {
  const std::string command = absl::StrCat(WS_PG_WRITER, " ", args);
  FILE* out = popen(command.c_str(), "r");
  EXPECT_NE(out, nullptr) << command;
  return out;
}

using Key = std::tuple<int64_t, int64_t, int64_t, absl::CivilDay>;
Key KeyOf(const RollupKey& k) {
  return {k.project.value(), k.task.value(), k.member.value(), k.day};
}

TEST(MultiProcessTest, EveryAcknowledgedWriteIsThereOnceAndRollupsAddUp) {
  testing::PgSchema schema;
  ASSERT_TRUE(schema.ok());
  const std::string uri = schema.uri();

  int status = 0;
  Acks setup = ReadAcks(Start(absl::StrCat("setup '", uri, "'")), &status);
  ASSERT_EQ(status, 0);
  const int64_t project = setup.values["project"];
  ASSERT_GT(project, 0);

  std::vector<FILE*> writers;
  for (int w = 0; w < kWorkers; ++w) {
    writers.push_back(Start(absl::StrCat("write '", uri, "' ", w, " ",
                                         kWritesPerWorker, " ", project)));
  }
  Acks all;
  for (int w = 0; w < kWorkers; ++w) {
    Acks acks = ReadAcks(writers[w], &status);
    EXPECT_EQ(status, 0) << "writer " << w;
    EXPECT_EQ(acks.tasks.size() + acks.entries.size() + acks.done.size(),
              static_cast<size_t>(kWritesPerWorker))
        << "writer " << w;
    all.tasks.insert(acks.tasks.begin(), acks.tasks.end());
    all.entries.insert(acks.entries.begin(), acks.entries.end());
    all.done.insert(acks.done.begin(), acks.done.end());
  }

  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                          OpenStore(uri, StoreOptions{}));
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> tx,
                          store->Begin(Store::Mode::kRead));

  // Tasks: exactly the acknowledged ones, each once (ids are never
  // handed out twice), the completed ones done.
  TaskScan task_scan;
  task_scan.limit = 1'000'000;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> tasks, tx->ScanTasks(task_scan));
  std::multiset<int64_t> stored_tasks;
  for (const Task& t : tasks) {
    stored_tasks.insert(t.id.value());
    EXPECT_EQ(t.status == TaskStatus::kDone, all.done.count(t.id.value()) == 1)
        << "task " << t.id;
  }
  EXPECT_EQ(stored_tasks, all.tasks);
  EXPECT_EQ(all.tasks.size(), static_cast<size_t>(kWorkers * 167));
  for (int64_t id : all.done) EXPECT_EQ(all.tasks.count(id), 1u) << id;

  // Time entries: exactly the acknowledged ones, each once.
  TimeEntryScan entry_scan;
  entry_scan.limit = 1'000'000;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<TimeEntry> entries,
                          tx->ScanTimeEntries(entry_scan));
  std::multiset<int64_t> stored_entries;
  std::map<Key, RollupTotals> sums;
  for (const TimeEntry& e : entries) {
    stored_entries.insert(e.id.value());
    sums[KeyOf(RollupKeyOf(e))] += RollupTotalsOf(e);
  }
  EXPECT_EQ(stored_entries, all.entries);
  EXPECT_EQ(all.entries.size(), static_cast<size_t>(kWorkers * 167));

  // Rollups: one row per key, equal to the sums of its entries.
  WS_ASSERT_OK_AND_ASSIGN(std::vector<RollupRow> rows,
                          tx->ScanRollups(RollupScan{}));
  std::map<Key, RollupTotals> rollups;
  for (const RollupRow& r : rows) {
    EXPECT_TRUE(rollups.emplace(KeyOf(r.key), r.totals).second);
  }
  ASSERT_EQ(rollups.size(), sums.size());
  int64_t billed = 0;
  for (const auto& [key, want] : sums) {
    const RollupTotals& got = rollups[key];
    EXPECT_EQ(got.seconds, want.seconds);
    EXPECT_EQ(got.billable_seconds, want.billable_seconds);
    EXPECT_EQ(got.billed_amount, want.billed_amount);
    EXPECT_EQ(got.labour_cost, want.labour_cost);
    EXPECT_EQ(got.entry_count, want.entry_count);
    billed += got.billed_amount;
  }
  EXPECT_GT(billed, 0);  // the sums are not vacuous
}

}  // namespace
}  // namespace worksection
