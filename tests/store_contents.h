// Everything a store holds, read straight from it (no permissions, nothing
// redacted), and the rollups its time entries add up to. Shared by the tests
// that check a store's invariants after the fact: the time-and-money suite,
// the crash and concurrency tests.
#ifndef WORKSECTION_TESTS_STORE_CONTENTS_H_
#define WORKSECTION_TESTS_STORE_CONTENTS_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/model.h"
#include "worksection/rollup.h"
#include "worksection/store.h"
#include "worksection/time_tracking.h"

namespace worksection::testing {

// Far more rows than any test writes: one scan returns them all.
inline constexpr int kScanAll = 10'000'000;

// The daily rollups `entries` add up to, in the stores' order (project,
// task, member, day).
inline std::vector<RollupRow> SumRollups(
    const std::vector<TimeEntry>& entries) {
  std::map<std::tuple<int64_t, int64_t, int64_t, absl::CivilDay>, RollupTotals>
      sums;
  for (const TimeEntry& e : entries) {
    RollupTotals t;
    t.seconds = absl::ToInt64Seconds(e.duration);
    t.billable_seconds =
        e.billable ? absl::ToInt64Seconds(e.billed_duration) : 0;
    t.billed_amount = e.billed_amount.value_or(0);
    t.labour_cost = e.labour_cost.value_or(0);
    t.entry_count = 1;
    sums[{e.project.value(), e.task.value(), e.member.value(), e.date}] += t;
  }
  std::vector<RollupRow> rows;
  for (const auto& [k, totals] : sums) {
    RollupRow row;
    row.key = RollupKey{ProjectId(std::get<0>(k)), TaskId(std::get<1>(k)),
                        MemberId(std::get<2>(k)), std::get<3>(k)};
    row.totals = totals;
    rows.push_back(row);
  }
  return rows;
}

// Empty when `stored` equals `expected` row for row; else the first
// difference, as text.
inline std::string DiffRollups(const std::vector<RollupRow>& stored,
                               const std::vector<RollupRow>& expected) {
  auto text = [](const RollupRow& r) {
    return absl::StrCat("{project ", r.key.project.value(), " task ",
                        r.key.task.value(), " member ", r.key.member.value(),
                        " day ", absl::FormatCivilTime(r.key.day), ": ",
                        r.totals.seconds, " s, ", r.totals.billable_seconds,
                        " billable s, ", r.totals.billed_amount, " billed, ",
                        r.totals.labour_cost, " cost, ", r.totals.entry_count,
                        " entries}");
  };
  for (size_t i = 0; i < std::max(stored.size(), expected.size()); ++i) {
    if (i >= stored.size()) return "missing row " + text(expected[i]);
    if (i >= expected.size()) return "extra row " + text(stored[i]);
    if (!(stored[i].key == expected[i].key) ||
        !(stored[i].totals == expected[i].totals)) {
      return absl::StrCat("stored ", text(stored[i]), ", expected ",
                          text(expected[i]));
    }
  }
  return "";
}

// One read transaction's view of a store: every task, time entry and rollup
// row, consistent with each other.
struct StoreContents {
  std::vector<Task> tasks;
  std::vector<TimeEntry> entries;
  std::vector<RollupRow> rollups;
};

inline absl::StatusOr<StoreContents> ReadStoreContents(Store& store) {
  absl::StatusOr<std::unique_ptr<Transaction>> tx =
      store.Begin(Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  StoreContents contents;
  TaskScan tasks;
  tasks.limit = kScanAll;
  absl::StatusOr<std::vector<Task>> t = (*tx)->ScanTasks(tasks);
  if (!t.ok()) return t.status();
  contents.tasks = *std::move(t);
  TimeEntryScan entries;
  entries.limit = kScanAll;
  absl::StatusOr<std::vector<TimeEntry>> e = (*tx)->ScanTimeEntries(entries);
  if (!e.ok()) return e.status();
  contents.entries = *std::move(e);
  absl::StatusOr<std::vector<RollupRow>> r = (*tx)->ScanRollups(RollupScan{});
  if (!r.ok()) return r.status();
  contents.rollups = *std::move(r);
  return contents;
}

}  // namespace worksection::testing

#endif  // WORKSECTION_TESTS_STORE_CONTENTS_H_
