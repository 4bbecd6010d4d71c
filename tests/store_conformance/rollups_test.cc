// Rollups: AddToRollup accumulates deltas, a row whose totals all reach zero
// disappears, dropped transactions roll back; ScanRollups filters and orders
// by (project, task, member, day); monthly rows are the sums of the daily.
// Budget alerts: per project, by (task, kind, percent), AlreadyExists for a
// repeated one.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "src/store/rollup_months.h"
#include "tests/store_conformance/store_test.h"

namespace worksection::conformance {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::worksection::testing::IsOk;
using ::worksection::testing::StatusIs;

absl::CivilDay Day(int d) { return absl::CivilDay(2024, 3, 1) + (d - 1); }

RollupTotals Totals(int64_t seconds, int64_t billable_seconds, Money billed,
                    Money cost, int64_t entries) {
  RollupTotals t;
  t.seconds = seconds;
  t.billable_seconds = billable_seconds;
  t.billed_amount = billed;
  t.labour_cost = cost;
  t.entry_count = entries;
  return t;
}

MATCHER_P2(RowIs, key, totals, "") {
  return arg.key == key && arg.totals == totals;
}

// Two members, two projects, three tasks (t1, t2 in p1; t3 in p2).
class RollupsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    WS_ASSERT_OK_AND_ASSIGN(m1_, AddMember(SimpleMember("a@x.org")));
    WS_ASSERT_OK_AND_ASSIGN(m2_, AddMember(SimpleMember("b@x.org")));
    WS_ASSERT_OK_AND_ASSIGN(p1_, AddProject(SimpleProject("P1")));
    WS_ASSERT_OK_AND_ASSIGN(p2_, AddProject(SimpleProject("P2")));
    WS_ASSERT_OK_AND_ASSIGN(t1_, AddTask(SimpleTask(p1_, m1_, "T1")));
    WS_ASSERT_OK_AND_ASSIGN(t2_, AddTask(SimpleTask(p1_, m1_, "T2")));
    WS_ASSERT_OK_AND_ASSIGN(t3_, AddTask(SimpleTask(p2_, m2_, "T3")));
  }

  absl::Status Add(const RollupKey& key, const RollupTotals& delta) {
    return InWrite([&](Transaction& tx) { return tx.AddToRollup(key, delta); });
  }
  absl::StatusOr<std::vector<RollupRow>> Scan(const RollupScan& scan) {
    absl::StatusOr<std::unique_ptr<Transaction>> tx = Read();
    if (!tx.ok()) return tx.status();
    return (*tx)->ScanRollups(scan);
  }
  absl::StatusOr<std::vector<RollupRow>> All() { return Scan(RollupScan{}); }

  RollupKey K(TaskId task, MemberId member, int day) const {
    return RollupKey{task == t3_ ? p2_ : p1_, task, member, Day(day)};
  }

  MemberId m1_, m2_;
  ProjectId p1_, p2_;
  TaskId t1_, t2_, t3_;
};
WS_INSTANTIATE_STORE_TEST(RollupsTest);

TEST_P(RollupsTest, EmptyAtFirst) {
  EXPECT_THAT(All(), IsOkAndHolds(IsEmpty()));
}

TEST_P(RollupsTest, AddCreatesTheRowAndAccumulates) {
  const RollupKey key = K(t1_, m1_, 1);
  ASSERT_THAT(Add(key, Totals(1800, 1800, 5000, 2000, 1)), IsOk());
  EXPECT_THAT(
      All(),
      IsOkAndHolds(ElementsAre(RowIs(key, Totals(1800, 1800, 5000, 2000, 1)))));
  ASSERT_THAT(Add(key, Totals(3600, 0, 0, 4000, 1)), IsOk());
  EXPECT_THAT(
      All(),
      IsOkAndHolds(ElementsAre(RowIs(key, Totals(5400, 1800, 5000, 6000, 2)))));
  // Several adds in one transaction, to this key and others, each seen by
  // the transaction itself.
  const RollupKey other_day = K(t1_, m1_, 2);
  const RollupKey other_member = K(t1_, m2_, 1);
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                for (const RollupKey& k : {key, other_day, other_member, key}) {
                  if (absl::Status s = tx.AddToRollup(k, Totals(1, 2, 3, 4, 1));
                      !s.ok()) {
                    return s;
                  }
                }
                absl::StatusOr<std::vector<RollupRow>> rows =
                    tx.ScanRollups(RollupScan{});
                if (!rows.ok()) return rows.status();
                EXPECT_EQ(rows->size(), 3u);
                return absl::OkStatus();
              }),
              IsOk());
  EXPECT_THAT(All(), IsOkAndHolds(ElementsAre(
                         RowIs(key, Totals(5402, 1804, 5006, 6008, 4)),
                         RowIs(other_day, Totals(1, 2, 3, 4, 1)),
                         RowIs(other_member, Totals(1, 2, 3, 4, 1)))));
  // Large sums do not overflow 32 bits.
  ASSERT_THAT(
      Add(other_day, Totals(int64_t{1} << 40, 0, int64_t{1} << 50, 0, 0)),
      IsOk());
  RollupScan scan;
  scan.from = scan.to = Day(2);
  EXPECT_THAT(Scan(scan),
              IsOkAndHolds(ElementsAre(
                  RowIs(other_day, Totals((int64_t{1} << 40) + 1, 2,
                                          (int64_t{1} << 50) + 3, 4, 1)))));
}

TEST_P(RollupsTest, NegativeDeltasSubtractAndARowAtZeroDisappears) {
  const RollupKey key = K(t2_, m2_, 3);
  const RollupKey kept = K(t2_, m2_, 4);
  ASSERT_THAT(Add(key, Totals(7200, 3600, 9000, 8000, 2)), IsOk());
  ASSERT_THAT(Add(kept, Totals(60, 60, 1, 1, 1)), IsOk());
  // Remove one of two entries.
  ASSERT_THAT(Add(key, -Totals(3600, 3600, 9000, 4000, 1)), IsOk());
  EXPECT_THAT(All(),
              IsOkAndHolds(ElementsAre(RowIs(key, Totals(3600, 0, 0, 4000, 1)),
                                       RowIs(kept, Totals(60, 60, 1, 1, 1)))));
  // A row with some totals at zero stays while any is not.
  ASSERT_THAT(Add(key, Totals(-3600, 0, 0, 0, 0)), IsOk());
  EXPECT_THAT(All(),
              IsOkAndHolds(ElementsAre(RowIs(key, Totals(0, 0, 0, 4000, 1)),
                                       RowIs(kept, Totals(60, 60, 1, 1, 1)))));
  // All zero: the row is gone, from every filter.
  ASSERT_THAT(Add(key, Totals(0, 0, 0, -4000, -1)), IsOk());
  EXPECT_THAT(All(),
              IsOkAndHolds(ElementsAre(RowIs(kept, Totals(60, 60, 1, 1, 1)))));
  RollupScan scan;
  scan.tasks = std::vector<TaskId>{t2_};
  scan.from = scan.to = Day(3);
  EXPECT_THAT(Scan(scan), IsOkAndHolds(IsEmpty()));
  // Adding and removing inside one transaction leaves no row either.
  const RollupKey fresh = K(t3_, m1_, 9);
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                const RollupTotals d = Totals(10, 10, 10, 10, 1);
                if (absl::Status s = tx.AddToRollup(fresh, d); !s.ok()) {
                  return s;
                }
                return tx.AddToRollup(fresh, -d);
              }),
              IsOk());
  EXPECT_THAT(All(),
              IsOkAndHolds(ElementsAre(RowIs(kept, Totals(60, 60, 1, 1, 1)))));
  // The key can come back afterwards.
  ASSERT_THAT(Add(key, Totals(5, 5, 5, 5, 1)), IsOk());
  EXPECT_THAT(All(),
              IsOkAndHolds(ElementsAre(RowIs(key, Totals(5, 5, 5, 5, 1)),
                                       RowIs(kept, Totals(60, 60, 1, 1, 1)))));
}

TEST_P(RollupsTest, ZeroDeltaCreatesNoRow) {
  ASSERT_THAT(Add(K(t1_, m1_, 1), RollupTotals{}), IsOk());
  EXPECT_THAT(All(), IsOkAndHolds(IsEmpty()));
}

TEST_P(RollupsTest, DroppedTransactionRollsBackEveryAdd) {
  const RollupKey a = K(t1_, m1_, 1);
  const RollupKey b = K(t3_, m2_, 2);
  ASSERT_THAT(Add(a, Totals(100, 100, 100, 100, 1)), IsOk());
  ASSERT_THAT(Add(b, Totals(200, 0, 0, 200, 2)), IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_THAT(tx->AddToRollup(a, Totals(1, 1, 1, 1, 1)), IsOk());
    ASSERT_THAT(tx->AddToRollup(b, -Totals(200, 0, 0, 200, 2)), IsOk());
    ASSERT_THAT(tx->AddToRollup(K(t2_, m2_, 5), Totals(9, 9, 9, 9, 9)), IsOk());
    ASSERT_THAT(tx->AddToRollup(a, Totals(1, 1, 1, 1, 1)), IsOk());
    WS_ASSERT_OK_AND_ASSIGN(std::vector<RollupRow> seen,
                            tx->ScanRollups(RollupScan{}));
    EXPECT_THAT(seen,
                ElementsAre(RowIs(a, Totals(102, 102, 102, 102, 3)),
                            RowIs(K(t2_, m2_, 5), Totals(9, 9, 9, 9, 9))));
  }
  EXPECT_THAT(All(),
              IsOkAndHolds(ElementsAre(RowIs(a, Totals(100, 100, 100, 100, 1)),
                                       RowIs(b, Totals(200, 0, 0, 200, 2)))));
  // The rows' indexes are back too.
  RollupScan scan;
  scan.members = std::vector<MemberId>{m2_};
  EXPECT_THAT(Scan(scan),
              IsOkAndHolds(ElementsAre(RowIs(b, Totals(200, 0, 0, 200, 2)))));
  scan = {};
  scan.tasks = std::vector<TaskId>{t2_};
  EXPECT_THAT(Scan(scan), IsOkAndHolds(IsEmpty()));
  scan = {};
  scan.projects = std::vector<ProjectId>{p2_};
  EXPECT_THAT(Scan(scan),
              IsOkAndHolds(ElementsAre(RowIs(b, Totals(200, 0, 0, 200, 2)))));
}

// More rows than one statement writes (the SQL stores send a transaction's
// rollup changes many rows a statement): every row lands with its own
// totals, and a later transaction that empties some of them in one go
// removes exactly those.
TEST_P(RollupsTest, ThousandsOfRowsInOneTransaction) {
  const std::vector<TaskId> tasks = {t1_, t2_, t3_};
  const std::vector<MemberId> members = {m1_, m2_};
  std::vector<RollupKey> keys;
  for (int day = 1; day <= 300; ++day) {
    for (TaskId task : tasks) {
      for (MemberId member : members) keys.push_back(K(task, member, day));
    }
  }
  ASSERT_GT(keys.size(), 1024u);
  auto totals_of = [](size_t i) {
    const int64_t v = static_cast<int64_t>(i) + 1;
    return Totals(v, v / 2, 3 * v, 2 * v, 1 + v % 4);
  };
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                for (size_t i = 0; i < keys.size(); ++i) {
                  if (absl::Status s = tx.AddToRollup(keys[i], totals_of(i));
                      !s.ok()) {
                    return s;
                  }
                }
                return absl::OkStatus();
              }),
              IsOk());
  WS_ASSERT_OK_AND_ASSIGN(std::vector<RollupRow> rows, All());
  ASSERT_EQ(rows.size(), keys.size());
  std::map<std::tuple<int64_t, int64_t, absl::CivilDay>, RollupTotals> got;
  for (const RollupRow& r : rows) {
    got[{r.key.task.value(), r.key.member.value(), r.key.day}] = r.totals;
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(
        (got[{keys[i].task.value(), keys[i].member.value(), keys[i].day}]),
        totals_of(i))
        << i;
  }

  // Empty every third row, halve the others' seconds, in one transaction.
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                for (size_t i = 0; i < keys.size(); ++i) {
                  RollupTotals d;
                  if (i % 3 == 0) {
                    d = -totals_of(i);
                  } else {
                    d.seconds = -(totals_of(i).seconds / 2);
                  }
                  if (absl::Status s = tx.AddToRollup(keys[i], d); !s.ok()) {
                    return s;
                  }
                }
                return absl::OkStatus();
              }),
              IsOk());
  WS_ASSERT_OK_AND_ASSIGN(rows, All());
  EXPECT_EQ(rows.size(), keys.size() - (keys.size() + 2) / 3);
  got.clear();
  for (const RollupRow& r : rows) {
    got[{r.key.task.value(), r.key.member.value(), r.key.day}] = r.totals;
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    const auto at =
        got.find({keys[i].task.value(), keys[i].member.value(), keys[i].day});
    if (i % 3 == 0) {
      EXPECT_TRUE(at == got.end()) << i;
      continue;
    }
    ASSERT_TRUE(at != got.end()) << i;
    RollupTotals want = totals_of(i);
    want.seconds -= want.seconds / 2;
    EXPECT_EQ(at->second, want) << i;
  }
  // The monthly rows went along.
  RollupScan months;
  months.grain = RollupGrain::kMonth;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<RollupRow> monthly, Scan(months));
  const std::vector<RollupRow> want = SumByMonth(rows);
  ASSERT_EQ(monthly.size(), want.size());
  for (size_t j = 0; j < want.size(); ++j) {
    EXPECT_THAT(monthly[j], RowIs(want[j].key, want[j].totals)) << j;
  }
}

// --- ScanRollups ---

class ScanRollupsTest : public RollupsTest {
 protected:
  void SetUp() override {
    RollupsTest::SetUp();
    if (HasFatalFailure()) return;
    // Added out of order; the scan sorts by (project, task, member, day).
    // With ids assigned in order, p1 < p2, t1 < t2 < t3, m1 < m2.
    for (const RollupKey& k :
         {K(t3_, m1_, 2), K(t1_, m2_, 1), K(t2_, m1_, 4), K(t1_, m1_, 3),
          K(t1_, m1_, 1), K(t3_, m2_, 5), K(t1_, m2_, 5)}) {
      ASSERT_THAT(Add(k, Totals(k.day.day(), 1, 1, 1, 1)), IsOk());
    }
    ASSERT_LT(p1_, p2_);
    ASSERT_LT(t1_, t2_);
    ASSERT_LT(m1_, m2_);
  }
  // The keys a scan returns.
  absl::StatusOr<std::vector<RollupKey>> Keys(const RollupScan& scan) {
    absl::StatusOr<std::vector<RollupRow>> rows = Scan(scan);
    if (!rows.ok()) return rows.status();
    std::vector<RollupKey> keys;
    for (const RollupRow& r : *rows) {
      EXPECT_EQ(r.totals, Totals(r.key.day.day(), 1, 1, 1, 1));
      keys.push_back(r.key);
    }
    return keys;
  }
};
WS_INSTANTIATE_STORE_TEST(ScanRollupsTest);

TEST_P(ScanRollupsTest, NoFilterOrdersByProjectTaskMemberDay) {
  EXPECT_THAT(
      Keys(RollupScan{}),
      IsOkAndHolds(ElementsAre(K(t1_, m1_, 1), K(t1_, m1_, 3), K(t1_, m2_, 1),
                               K(t1_, m2_, 5), K(t2_, m1_, 4), K(t3_, m1_, 2),
                               K(t3_, m2_, 5))));
}

TEST_P(ScanRollupsTest, FilterProjects) {
  RollupScan scan;
  scan.projects = std::vector<ProjectId>{p2_};
  EXPECT_THAT(Keys(scan),
              IsOkAndHolds(ElementsAre(K(t3_, m1_, 2), K(t3_, m2_, 5))));
  scan.projects = std::vector<ProjectId>{p2_, ProjectId(999), p1_, p2_};
  EXPECT_THAT(Keys(scan), IsOkAndHolds(::testing::SizeIs(7)));
  scan.projects = std::vector<ProjectId>{};
  EXPECT_THAT(Keys(scan), IsOkAndHolds(IsEmpty()));
}

TEST_P(ScanRollupsTest, FilterTasks) {
  RollupScan scan;
  scan.tasks = std::vector<TaskId>{t2_};
  EXPECT_THAT(Keys(scan), IsOkAndHolds(ElementsAre(K(t2_, m1_, 4))));
  scan.tasks = std::vector<TaskId>{t3_, t2_, TaskId(999)};
  EXPECT_THAT(Keys(scan), IsOkAndHolds(ElementsAre(
                              K(t2_, m1_, 4), K(t3_, m1_, 2), K(t3_, m2_, 5))));
  scan.tasks = std::vector<TaskId>{};
  EXPECT_THAT(Keys(scan), IsOkAndHolds(IsEmpty()));
}

TEST_P(ScanRollupsTest, FilterMembers) {
  RollupScan scan;
  scan.members = std::vector<MemberId>{m2_};
  EXPECT_THAT(Keys(scan), IsOkAndHolds(ElementsAre(
                              K(t1_, m2_, 1), K(t1_, m2_, 5), K(t3_, m2_, 5))));
  scan.members = std::vector<MemberId>{m2_, m1_};
  EXPECT_THAT(Keys(scan), IsOkAndHolds(::testing::SizeIs(7)));
  scan.members = std::vector<MemberId>{};
  EXPECT_THAT(Keys(scan), IsOkAndHolds(IsEmpty()));
}

// Rows of several tasks or members come in key order, not grouped by the
// task or member named, whichever set a store starts from.
TEST_P(ScanRollupsTest, SeveralTasksOrMembersKeepKeyOrder) {
  WS_ASSERT_OK_AND_ASSIGN(MemberId m3, AddMember(SimpleMember("c@x.org")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId t4, AddTask(SimpleTask(p1_, m1_, "T4")));
  for (int day = 1; day <= 6; ++day) {
    ASSERT_THAT(Add(RollupKey{p1_, t4, m3, Day(day)}, Totals(day, 1, 1, 1, 1)),
                IsOk());
  }
  ASSERT_THAT(Add(RollupKey{p1_, t4, m1_, Day(2)}, Totals(2, 1, 1, 1, 1)),
              IsOk());
  RollupScan scan;
  scan.tasks = std::vector<TaskId>{t3_, t4};
  EXPECT_THAT(
      Keys(scan),
      IsOkAndHolds(ElementsAre(
          RollupKey{p1_, t4, m1_, Day(2)}, RollupKey{p1_, t4, m3, Day(1)},
          RollupKey{p1_, t4, m3, Day(2)}, RollupKey{p1_, t4, m3, Day(3)},
          RollupKey{p1_, t4, m3, Day(4)}, RollupKey{p1_, t4, m3, Day(5)},
          RollupKey{p1_, t4, m3, Day(6)}, K(t3_, m1_, 2), K(t3_, m2_, 5))));
  scan = {};
  scan.members = std::vector<MemberId>{m2_, m1_};
  EXPECT_THAT(Keys(scan), IsOkAndHolds(ElementsAre(
                              K(t1_, m1_, 1), K(t1_, m1_, 3), K(t1_, m2_, 1),
                              K(t1_, m2_, 5), K(t2_, m1_, 4),
                              RollupKey{p1_, t4, m1_, Day(2)}, K(t3_, m1_, 2),
                              K(t3_, m2_, 5))));
}

TEST_P(ScanRollupsTest, FilterDaysInclusive) {
  RollupScan scan;
  scan.from = Day(4);
  EXPECT_THAT(Keys(scan), IsOkAndHolds(ElementsAre(
                              K(t1_, m2_, 5), K(t2_, m1_, 4), K(t3_, m2_, 5))));
  scan = {};
  scan.to = Day(2);
  EXPECT_THAT(Keys(scan), IsOkAndHolds(ElementsAre(
                              K(t1_, m1_, 1), K(t1_, m2_, 1), K(t3_, m1_, 2))));
  scan.from = Day(2);
  EXPECT_THAT(Keys(scan), IsOkAndHolds(ElementsAre(K(t3_, m1_, 2))));
  scan.from = Day(5);
  scan.to = Day(4);
  EXPECT_THAT(Keys(scan), IsOkAndHolds(IsEmpty()));
}

TEST_P(ScanRollupsTest, FiltersCombine) {
  RollupScan scan;
  scan.projects = std::vector<ProjectId>{p1_};
  scan.members = std::vector<MemberId>{m1_};
  EXPECT_THAT(Keys(scan), IsOkAndHolds(ElementsAre(
                              K(t1_, m1_, 1), K(t1_, m1_, 3), K(t2_, m1_, 4))));
  scan.tasks = std::vector<TaskId>{t1_, t3_};
  EXPECT_THAT(Keys(scan),
              IsOkAndHolds(ElementsAre(K(t1_, m1_, 1), K(t1_, m1_, 3))));
  scan.from = Day(2);
  EXPECT_THAT(Keys(scan), IsOkAndHolds(ElementsAre(K(t1_, m1_, 3))));
  scan.members = std::vector<MemberId>{};
  EXPECT_THAT(Keys(scan), IsOkAndHolds(IsEmpty()));
  // Each set applies whichever is narrowest.
  scan = {};
  scan.tasks = std::vector<TaskId>{t2_};
  scan.members = std::vector<MemberId>{m2_};
  EXPECT_THAT(Keys(scan), IsOkAndHolds(IsEmpty()));
  scan.members = std::vector<MemberId>{m1_, m2_};
  scan.projects = std::vector<ProjectId>{p2_};
  EXPECT_THAT(Keys(scan), IsOkAndHolds(IsEmpty()));
  // A task outside the named projects: nothing.
  scan = {};
  scan.projects = std::vector<ProjectId>{p1_};
  scan.tasks = std::vector<TaskId>{t3_};
  EXPECT_THAT(Keys(scan), IsOkAndHolds(IsEmpty()));
}

// --- Monthly rollups (RollupGrain::kMonth) ---

RollupScan Monthly() {
  RollupScan scan;
  scan.grain = RollupGrain::kMonth;
  return scan;
}

TEST_P(RollupsTest, MonthlyRowsSumEveryTaskAndDayOfAMonth) {
  const absl::CivilDay feb(2024, 2, 29), mar(2024, 3, 1), apr(2024, 4, 1);
  ASSERT_THAT(
      InWrite([&](Transaction& tx) {
        for (const auto& [key, t] :
             std::vector<std::pair<RollupKey, RollupTotals>>{
                 {RollupKey{p1_, t1_, m1_, feb}, Totals(1, 1, 1, 1, 1)},
                 {RollupKey{p1_, t1_, m1_, mar}, Totals(2, 2, 2, 2, 1)},
                 {RollupKey{p1_, t2_, m1_, mar + 30}, Totals(4, 0, 4, 4, 2)},
                 {RollupKey{p1_, t2_, m2_, mar + 5}, Totals(8, 8, 8, 8, 1)},
                 {RollupKey{p2_, t3_, m1_, apr}, Totals(16, 0, 0, 16, 1)},
             }) {
          if (absl::Status s = tx.AddToRollup(key, t); !s.ok()) {
            return s;
          }
        }
        // The transaction sees its own monthly sums.
        absl::StatusOr<std::vector<RollupRow>> rows = tx.ScanRollups(Monthly());
        if (!rows.ok()) return rows.status();
        EXPECT_EQ(rows->size(), 4u);
        return absl::OkStatus();
      }),
      IsOk());
  const absl::CivilDay feb1(2024, 2, 1);
  EXPECT_THAT(
      Scan(Monthly()),
      IsOkAndHolds(ElementsAre(
          RowIs(RollupKey{p1_, TaskId(), m1_, feb1}, Totals(1, 1, 1, 1, 1)),
          RowIs(RollupKey{p1_, TaskId(), m1_, mar}, Totals(6, 2, 6, 6, 3)),
          RowIs(RollupKey{p1_, TaskId(), m2_, mar}, Totals(8, 8, 8, 8, 1)),
          RowIs(RollupKey{p2_, TaskId(), m1_, apr}, Totals(16, 0, 0, 16, 1)))));
  // from and to compare to the month's first day.
  RollupScan scan = Monthly();
  scan.from = feb;
  scan.to = mar + 20;
  scan.members = std::vector<MemberId>{m1_};
  EXPECT_THAT(Scan(scan),
              IsOkAndHolds(ElementsAre(RowIs(RollupKey{p1_, TaskId(), m1_, mar},
                                             Totals(6, 2, 6, 6, 3)))));
  scan = Monthly();
  scan.projects = std::vector<ProjectId>{p2_};
  EXPECT_THAT(Scan(scan), IsOkAndHolds(::testing::SizeIs(1)));
  // Removing every entry of a month removes its monthly row too.
  ASSERT_THAT(Add(RollupKey{p2_, t3_, m1_, apr}, -Totals(16, 0, 0, 16, 1)),
              IsOk());
  EXPECT_THAT(Scan(scan), IsOkAndHolds(IsEmpty()));
  // A dropped transaction leaves the monthly rows as they were.
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_THAT(
        tx->AddToRollup(RollupKey{p2_, t3_, m2_, apr}, Totals(1, 1, 1, 1, 1)),
        IsOk());
    WS_ASSERT_OK_AND_ASSIGN(std::vector<RollupRow> seen, tx->ScanRollups(scan));
    EXPECT_EQ(seen.size(), 1u);
  }
  EXPECT_THAT(Scan(scan), IsOkAndHolds(IsEmpty()));
}

TEST_P(RollupsTest, MonthlyScanByTaskIsInvalidArgument) {
  RollupScan scan = Monthly();
  scan.tasks = std::vector<TaskId>{t1_};
  EXPECT_THAT(Scan(scan), StatusIs(absl::StatusCode::kInvalidArgument));
}

// The monthly rows are, after any sequence of adds and removals, committed
// or rolled back, the sums of the daily rows (the reference, SumByMonth),
// under random filters.
TEST_P(RollupsTest, MonthlyEqualsTheSumOfDailyUnderRandomChanges) {
  std::mt19937 rng(8);
  auto pick = [&](int n) {
    return std::uniform_int_distribution<int>(0, n - 1)(rng);
  };
  const std::vector<TaskId> tasks = {t1_, t2_, t3_};
  const std::vector<MemberId> members = {m1_, m2_};
  const absl::CivilDay start(2024, 1, 20);
  std::vector<std::pair<RollupKey, RollupTotals>> added;
  for (int round = 0; round < 30; ++round) {
    const std::vector<std::pair<RollupKey, RollupTotals>> committed = added;
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    for (int i = 0; i < 10; ++i) {
      if (!added.empty() && pick(3) == 0) {  // remove an earlier add
        const size_t at = static_cast<size_t>(pick(added.size()));
        ASSERT_THAT(tx->AddToRollup(added[at].first, -added[at].second),
                    IsOk());
        added.erase(added.begin() + static_cast<std::ptrdiff_t>(at));
        continue;
      }
      const TaskId task = tasks[static_cast<size_t>(pick(3))];
      const RollupKey key{task == t3_ ? p2_ : p1_, task,
                          members[static_cast<size_t>(pick(2))],
                          start + pick(100)};
      const RollupTotals t = Totals(1 + pick(9000), pick(9000), pick(50000),
                                    pick(50000), 1 + pick(3));
      ASSERT_THAT(tx->AddToRollup(key, t), IsOk());
      added.emplace_back(key, t);
    }
    if (round % 4 == 3) {  // dropped: rolled back
      added = committed;
      continue;
    }
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  for (int i = 0; i < 40; ++i) {
    RollupScan scan = Monthly();
    if (pick(2)) scan.projects = std::vector<ProjectId>{pick(2) ? p1_ : p2_};
    if (pick(2)) scan.members = std::vector<MemberId>{pick(2) ? m1_ : m2_};
    if (pick(2)) scan.from = start + pick(100);
    if (pick(2)) scan.to = start + pick(100);
    WS_ASSERT_OK_AND_ASSIGN(std::vector<RollupRow> days,
                            Scan(DaysOfMonthScan(scan)));
    WS_ASSERT_OK_AND_ASSIGN(std::vector<RollupRow> months, Scan(scan));
    const std::vector<RollupRow> want = SumByMonth(days);
    ASSERT_EQ(months.size(), want.size());
    for (size_t j = 0; j < want.size(); ++j) {
      EXPECT_THAT(months[j], RowIs(want[j].key, want[j].totals)) << j;
    }
  }
}

// --- Budget alerts ---

using BudgetAlertsTest = RollupsTest;
WS_INSTANTIATE_STORE_TEST(BudgetAlertsTest);

BudgetAlert Alert(ProjectId project, TaskId task, BudgetAlert::Kind kind,
                  int percent, int64_t at) {
  BudgetAlert a;
  a.project = project;
  a.task = task;
  a.kind = kind;
  a.percent = percent;
  a.crossed_at = Micros(at);
  return a;
}

TEST_P(BudgetAlertsTest, ListsAProjectsAlertsByTaskKindPercent) {
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(auto none, tx->ListBudgetAlerts(p1_));
    EXPECT_THAT(none, IsEmpty());
  }
  constexpr auto kTime = BudgetAlert::Kind::kTime;
  constexpr auto kMoney = BudgetAlert::Kind::kMoney;
  const std::vector<BudgetAlert> inserted = {
      Alert(p1_, t2_, kTime, 80, 1),
      Alert(p1_, TaskId(), kMoney, 100, 2),
      Alert(p2_, TaskId(), kTime, 80, 3),
      Alert(p1_, t1_, kMoney, 80, 4),
      Alert(p1_, TaskId(), kTime, 100, 5),
      Alert(p1_, t1_, kTime, 100, -6),
      Alert(p1_, TaskId(), kTime, 80, 1'700'000'000'123'456),
      Alert(p1_, t1_, kTime, 80, 8),
      Alert(p2_, t3_, kMoney, 100, 9),
  };
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                for (const BudgetAlert& a : inserted) {
                  if (absl::Status s = tx.InsertBudgetAlert(a); !s.ok()) {
                    return s;
                  }
                }
                return absl::OkStatus();
              }),
              IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(std::vector<BudgetAlert> p1,
                          tx->ListBudgetAlerts(p1_));
  // The project's own (no task) first; kTime before kMoney.
  const std::vector<BudgetAlert> want_p1 = {
      inserted[6], inserted[4], inserted[1], inserted[7],
      inserted[5], inserted[3], inserted[0]};
  ASSERT_EQ(p1.size(), want_p1.size());
  for (size_t i = 0; i < p1.size(); ++i) {
    SCOPED_TRACE(i);
    ExpectBudgetAlertEq(want_p1[i], p1[i]);
  }
  WS_ASSERT_OK_AND_ASSIGN(std::vector<BudgetAlert> p2,
                          tx->ListBudgetAlerts(p2_));
  ASSERT_EQ(p2.size(), 2u);
  ExpectBudgetAlertEq(inserted[2], p2[0]);
  ExpectBudgetAlertEq(inserted[8], p2[1]);
  WS_ASSERT_OK_AND_ASSIGN(auto none, tx->ListBudgetAlerts(ProjectId(999)));
  EXPECT_THAT(none, IsEmpty());
}

TEST_P(BudgetAlertsTest, SameProjectTaskKindPercentIsAlreadyExists) {
  constexpr auto kTime = BudgetAlert::Kind::kTime;
  constexpr auto kMoney = BudgetAlert::Kind::kMoney;
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                return tx.InsertBudgetAlert(Alert(p1_, t1_, kTime, 80, 1));
              }),
              IsOk());
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                return tx.InsertBudgetAlert(Alert(p1_, TaskId(), kTime, 80, 2));
              }),
              IsOk());
  // Another instant does not make it another alert.
  EXPECT_THAT(InWrite([&](Transaction& tx) {
                return tx.InsertBudgetAlert(Alert(p1_, t1_, kTime, 80, 99));
              }),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(
      InWrite([&](Transaction& tx) {
        return tx.InsertBudgetAlert(Alert(p1_, TaskId(), kTime, 80, 99));
      }),
      StatusIs(absl::StatusCode::kAlreadyExists));
  // A failed insert leaves the transaction usable and changes nothing.
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    EXPECT_THAT(tx->InsertBudgetAlert(Alert(p1_, t1_, kTime, 80, 99)),
                StatusIs(absl::StatusCode::kAlreadyExists));
    EXPECT_THAT(tx->InsertBudgetAlert(Alert(p1_, t1_, kTime, 100, 3)), IsOk());
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  // Any one field different: a different alert.
  ASSERT_THAT(
      InWrite([&](Transaction& tx) {
        for (const BudgetAlert& a :
             {Alert(p1_, t1_, kMoney, 80, 4), Alert(p1_, t2_, kTime, 80, 5),
              Alert(p2_, t3_, kTime, 80, 6),
              Alert(p2_, TaskId(), kTime, 80, 7)}) {
          if (absl::Status s = tx.InsertBudgetAlert(a); !s.ok()) {
            return s;
          }
        }
        return absl::OkStatus();
      }),
      IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(std::vector<BudgetAlert> p1,
                          tx->ListBudgetAlerts(p1_));
  ASSERT_EQ(p1.size(), 5u);
  ExpectBudgetAlertEq(Alert(p1_, TaskId(), kTime, 80, 2), p1[0]);
  ExpectBudgetAlertEq(Alert(p1_, t1_, kTime, 80, 1), p1[1]);
  ExpectBudgetAlertEq(Alert(p1_, t1_, kTime, 100, 3), p1[2]);
  ExpectBudgetAlertEq(Alert(p1_, t1_, kMoney, 80, 4), p1[3]);
  ExpectBudgetAlertEq(Alert(p1_, t2_, kTime, 80, 5), p1[4]);
}

TEST_P(BudgetAlertsTest, DroppedTransactionRollsBackInserts) {
  constexpr auto kTime = BudgetAlert::Kind::kTime;
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                return tx.InsertBudgetAlert(Alert(p1_, TaskId(), kTime, 80, 1));
              }),
              IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_THAT(tx->InsertBudgetAlert(Alert(p1_, TaskId(), kTime, 100, 2)),
                IsOk());
    ASSERT_THAT(tx->InsertBudgetAlert(Alert(p1_, t1_, kTime, 80, 3)), IsOk());
    WS_ASSERT_OK_AND_ASSIGN(auto seen, tx->ListBudgetAlerts(p1_));
    EXPECT_EQ(seen.size(), 3u);
  }
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(std::vector<BudgetAlert> p1,
                          tx->ListBudgetAlerts(p1_));
  ASSERT_EQ(p1.size(), 1u);
  ExpectBudgetAlertEq(Alert(p1_, TaskId(), kTime, 80, 1), p1[0]);
  // The rolled-back ones may be recorded again.
  tx.reset();
  EXPECT_THAT(InWrite([&](Transaction& tx) {
                return tx.InsertBudgetAlert(Alert(p1_, t1_, kTime, 80, 4));
              }),
              IsOk());
}

}  // namespace
}  // namespace worksection::conformance
