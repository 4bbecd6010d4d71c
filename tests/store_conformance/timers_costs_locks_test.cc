// Timers (one per member), costs and period locks: every field round-trips;
// missing ids are NotFound; ids are never reused; dropped transactions roll
// back every kind of write; ListCosts filters and orders by (date, id).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "tests/store_conformance/store_test.h"

namespace worksection::conformance {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::worksection::testing::IsOk;
using ::worksection::testing::StatusIs;

constexpr char kUnicode[] = "Zoë Ångström — 李小龙 🚀 \"quoted\" it's";

absl::CivilDay Day(int d) { return absl::CivilDay(2024, 3, 1) + (d - 1); }

// Two members, two projects, three tasks (t1, t2 in p1; t3 in p2).
class MoneyTest : public StoreTest {
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

  absl::StatusOr<CostId> AddCost(const Cost& c) {
    CostId id;
    absl::Status s = InWrite([&](Transaction& tx) {
      absl::StatusOr<CostId> r = tx.InsertCost(c);
      if (r.ok()) id = *r;
      return r.status();
    });
    if (!s.ok()) return s;
    return id;
  }
  absl::StatusOr<LockId> AddLock(const PeriodLock& l) {
    LockId id;
    absl::Status s = InWrite([&](Transaction& tx) {
      absl::StatusOr<LockId> r = tx.InsertLock(l);
      if (r.ok()) id = *r;
      return r.status();
    });
    if (!s.ok()) return s;
    return id;
  }
  PeriodLock SimpleLock(ProjectId project, absl::CivilDay through) {
    PeriodLock l;
    l.project = project;
    l.through = through;
    l.author = m1_;
    l.created_at = Micros(1'700'000'000'000'000);
    return l;
  }

  absl::StatusOr<std::vector<CostId>> CostIds(const CostScan& scan) {
    absl::StatusOr<std::unique_ptr<Transaction>> tx = Read();
    if (!tx.ok()) return tx.status();
    absl::StatusOr<std::vector<Cost>> costs = (*tx)->ListCosts(scan);
    if (!costs.ok()) return costs.status();
    std::vector<CostId> ids;
    for (const Cost& c : *costs) ids.push_back(c.id);
    return ids;
  }
  absl::StatusOr<std::vector<CostId>> CostIds(const CostFilter& filter) {
    CostScan scan;
    scan.filter = filter;
    return CostIds(scan);
  }
  absl::StatusOr<std::vector<MemberId>> TimerMembers() {
    absl::StatusOr<std::unique_ptr<Transaction>> tx = Read();
    if (!tx.ok()) return tx.status();
    absl::StatusOr<std::vector<Timer>> timers = (*tx)->ListTimers();
    if (!timers.ok()) return timers.status();
    std::vector<MemberId> ids;
    for (const Timer& t : *timers) ids.push_back(t.member);
    return ids;
  }
  absl::StatusOr<std::vector<LockId>> LockIds() {
    absl::StatusOr<std::unique_ptr<Transaction>> tx = Read();
    if (!tx.ok()) return tx.status();
    absl::StatusOr<std::vector<PeriodLock>> locks = (*tx)->ListLocks();
    if (!locks.ok()) return locks.status();
    std::vector<LockId> ids;
    for (const PeriodLock& l : *locks) ids.push_back(l.id);
    return ids;
  }

  MemberId m1_, m2_;
  ProjectId p1_, p2_;
  TaskId t1_, t2_, t3_;
};

// --- Timers ---

using TimersTest = MoneyTest;
WS_INSTANTIATE_STORE_TEST(TimersTest);

TEST_P(TimersTest, NoneAtFirst) {
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> timer, tx->GetTimer(m1_));
  EXPECT_FALSE(timer.has_value());
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Timer> timers, tx->ListTimers());
  EXPECT_THAT(timers, IsEmpty());
}

TEST_P(TimersTest, RoundTripsAndPutReplacesOnePerMember) {
  Timer first{m2_, t3_, Micros(1'700'000'000'123'456), true};
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.PutTimer(first); }),
              IsOk());
  Timer other{m1_, t1_, Micros(-1), false};  // before the epoch
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.PutTimer(other); }),
              IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> got, tx->GetTimer(m2_));
    ASSERT_TRUE(got.has_value());
    ExpectTimerEq(first, *got);
    WS_ASSERT_OK_AND_ASSIGN(got, tx->GetTimer(m1_));
    ASSERT_TRUE(got.has_value());
    ExpectTimerEq(other, *got);
    // By member, whatever the order they were put in.
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Timer> timers, tx->ListTimers());
    ASSERT_EQ(timers.size(), 2u);
    ExpectTimerEq(other, timers[0]);
    ExpectTimerEq(first, timers[1]);
  }
  // A second put for m2 replaces the first: still one timer for m2.
  Timer replaced{m2_, t1_, Micros(1'800'000'000'000'000), false};
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.PutTimer(replaced); }),
              IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> got, tx->GetTimer(m2_));
    ASSERT_TRUE(got.has_value());
    ExpectTimerEq(replaced, *got);
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Timer> timers, tx->ListTimers());
    ASSERT_EQ(timers.size(), 2u);
    ExpectTimerEq(other, timers[0]);
    ExpectTimerEq(replaced, timers[1]);
  }
  // Put within one transaction twice: the last wins.
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                Timer t = other;
                t.task = t2_;
                if (absl::Status s = tx.PutTimer(t); !s.ok()) return s;
                t.forgotten = true;
                return tx.PutTimer(t);
              }),
              IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> got, tx->GetTimer(m1_));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->task, t2_);
  EXPECT_TRUE(got->forgotten);
  EXPECT_THAT(TimerMembers(), IsOkAndHolds(ElementsAre(m1_, m2_)));
}

TEST_P(TimersTest, DeleteRemovesAndMissingIsNotFound) {
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                return tx.PutTimer(Timer{m1_, t1_, Micros(5), false});
              }),
              IsOk());
  EXPECT_THAT(InWrite([&](Transaction& tx) { return tx.DeleteTimer(m2_); }),
              StatusIs(absl::StatusCode::kNotFound));
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.DeleteTimer(m1_); }),
              IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> got, tx->GetTimer(m1_));
    EXPECT_FALSE(got.has_value());
  }
  EXPECT_THAT(TimerMembers(), IsOkAndHolds(IsEmpty()));
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
  absl::Status again = tx->DeleteTimer(m1_);
  EXPECT_THAT(again, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(std::string(again.message()),
              HasSubstr(std::to_string(m1_.value())));
  EXPECT_THAT(tx->DeleteTimer(MemberId(999)),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(TimersTest, DroppedTransactionRollsBackPutAndDelete) {
  const Timer kept{m1_, t1_, Micros(1'000), false};
  const Timer deleted{m2_, t3_, Micros(2'000), true};
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                if (absl::Status s = tx.PutTimer(kept); !s.ok()) return s;
                return tx.PutTimer(deleted);
              }),
              IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_THAT(tx->PutTimer(Timer{m1_, t2_, Micros(9'000), true}), IsOk());
    ASSERT_THAT(tx->DeleteTimer(m2_), IsOk());
    WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> seen, tx->GetTimer(m2_));
    EXPECT_FALSE(seen.has_value());
    WS_ASSERT_OK_AND_ASSIGN(seen, tx->GetTimer(m1_));
    ASSERT_TRUE(seen.has_value());
    EXPECT_EQ(seen->task, t2_);
  }
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> got, tx->GetTimer(m1_));
    ASSERT_TRUE(got.has_value());
    ExpectTimerEq(kept, *got);
    WS_ASSERT_OK_AND_ASSIGN(got, tx->GetTimer(m2_));
    ASSERT_TRUE(got.has_value());
    ExpectTimerEq(deleted, *got);
  }
  // A new timer put in a dropped transaction leaves nothing.
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.DeleteTimer(m2_); }),
              IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_THAT(tx->PutTimer(deleted), IsOk());
  }
  EXPECT_THAT(TimerMembers(), IsOkAndHolds(ElementsAre(m1_)));
}

// --- Costs ---

using CostsTest = MoneyTest;
WS_INSTANTIATE_STORE_TEST(CostsTest);

TEST_P(CostsTest, RoundTripsEveryField) {
  Cost full;
  full.id = CostId(777);  // ignored by Insert
  full.revision = 1;
  full.project = p2_;
  full.task = t3_;
  full.kind = Cost::Kind::kIncome;
  full.amount = 9'000'000'000'000;
  full.date = absl::CivilDay(1900, 1, 1);
  full.note = kUnicode;
  full.author = m2_;
  full.created_at = Micros(1'700'000'000'123'456);
  full.updated_at = Micros(1'700'000'001'654'321);
  WS_ASSERT_OK_AND_ASSIGN(CostId id, AddCost(full));
  ASSERT_TRUE(id.valid());
  full.id = id;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(Cost got, tx->GetCost(id));
    ExpectCostEq(full, got);
    if (id != CostId(777)) {
      EXPECT_THAT(tx->GetCost(CostId(777)),
                  StatusIs(absl::StatusCode::kNotFound));
    }
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Cost> listed,
                            tx->ListCosts(CostScan{}));
    ASSERT_EQ(listed.size(), 1u);
    ExpectCostEq(full, listed[0]);
  }
  // The project's own line, an expense, another day and author.
  Cost updated = full;
  updated.revision = 2;
  updated.project = p1_;
  updated.task = TaskId();
  updated.kind = Cost::Kind::kExpense;
  updated.amount = 1;
  updated.date = absl::CivilDay(9999, 12, 31);
  updated.note = "";
  updated.author = m1_;
  updated.updated_at = Micros(-1);
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.UpdateCost(updated); }),
              IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(Cost got, tx->GetCost(id));
  ExpectCostEq(updated, got);
}

TEST_P(CostsTest, MissingIdsAreNotFound) {
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
  EXPECT_THAT(tx->GetCost(CostId(42)), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(std::string(tx->GetCost(CostId(42)).status().message()),
              HasSubstr("42"));
  Cost c = SimpleCost(p1_, TaskId(), m1_, Day(1));
  c.id = CostId(42);
  EXPECT_THAT(tx->UpdateCost(c), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(tx->DeleteCost(CostId(42)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(std::string(tx->DeleteCost(CostId(42)).message()),
              HasSubstr("42"));
  EXPECT_THAT(tx->GetCost(CostId(42)), StatusIs(absl::StatusCode::kNotFound));
  WS_ASSERT_OK_AND_ASSIGN(auto costs, tx->ListCosts(CostScan{}));
  EXPECT_THAT(costs, IsEmpty());
}

TEST_P(CostsTest, IdsIncreaseAndAreNeverReused) {
  WS_ASSERT_OK_AND_ASSIGN(CostId a, AddCost(SimpleCost(p1_, {}, m1_, Day(1))));
  WS_ASSERT_OK_AND_ASSIGN(CostId b, AddCost(SimpleCost(p1_, {}, m1_, Day(1))));
  ASSERT_TRUE(a.valid());
  EXPECT_GT(b, a);
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.DeleteCost(b); }),
              IsOk());
  WS_ASSERT_OK_AND_ASSIGN(CostId c, AddCost(SimpleCost(p1_, {}, m1_, Day(1))));
  EXPECT_GT(c, b);
  CostId rolled_back;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    WS_ASSERT_OK_AND_ASSIGN(rolled_back,
                            tx->InsertCost(SimpleCost(p1_, {}, m1_, Day(2))));
    EXPECT_GT(rolled_back, c);
  }
  WS_ASSERT_OK_AND_ASSIGN(CostId d, AddCost(SimpleCost(p2_, {}, m1_, Day(3))));
  EXPECT_GT(d, c);
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(Cost got, tx->GetCost(d));
  EXPECT_EQ(got.project, p2_);
  if (rolled_back != d) {
    EXPECT_THAT(tx->GetCost(rolled_back),
                StatusIs(absl::StatusCode::kNotFound));
  }
}

TEST_P(CostsTest, DroppedTransactionRollsBackInsertUpdateDelete) {
  WS_ASSERT_OK_AND_ASSIGN(CostId kept,
                          AddCost(SimpleCost(p1_, t1_, m1_, Day(2))));
  WS_ASSERT_OK_AND_ASSIGN(CostId deleted,
                          AddCost(SimpleCost(p2_, {}, m2_, Day(4))));
  CostId inserted;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    WS_ASSERT_OK_AND_ASSIGN(inserted,
                            tx->InsertCost(SimpleCost(p2_, t3_, m1_, Day(1))));
    WS_ASSERT_OK_AND_ASSIGN(Cost c, tx->GetCost(kept));
    c.revision = 2;
    c.project = p2_;
    c.task = t3_;
    c.kind = Cost::Kind::kIncome;
    c.amount = 5;
    c.date = Day(9);
    c.note = "changed";
    ASSERT_THAT(tx->UpdateCost(c), IsOk());
    ASSERT_THAT(tx->DeleteCost(deleted), IsOk());
    CostScan scan;
    scan.filter.project = p2_;
    WS_ASSERT_OK_AND_ASSIGN(auto in_p2, tx->ListCosts(scan));
    ASSERT_EQ(in_p2.size(), 2u);
    EXPECT_EQ(in_p2[0].id, inserted);
    EXPECT_EQ(in_p2[1].id, kept);
  }
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    EXPECT_THAT(tx->GetCost(inserted), StatusIs(absl::StatusCode::kNotFound));
    Cost want = SimpleCost(p1_, t1_, m1_, Day(2));
    want.id = kept;
    WS_ASSERT_OK_AND_ASSIGN(Cost got, tx->GetCost(kept));
    ExpectCostEq(want, got);
    WS_ASSERT_OK_AND_ASSIGN(got, tx->GetCost(deleted));
    EXPECT_EQ(got.project, p2_);
  }
  CostFilter f;
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(kept, deleted)));
  f.project = p2_;
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(deleted)));
  f.project = p1_;
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(kept)));
  f = {};
  f.kind = Cost::Kind::kIncome;
  EXPECT_THAT(CostIds(f), IsOkAndHolds(IsEmpty()));
}

class ListCostsTest : public MoneyTest {
 protected:
  void SetUp() override {
    MoneyTest::SetUp();
    if (HasFatalFailure()) return;
    // Inserted out of date order.
    struct Spec {
      ProjectId project;
      TaskId task;
      Cost::Kind kind;
      int day;
    };
    const Cost::Kind kE = Cost::Kind::kExpense;
    const Cost::Kind kI = Cost::Kind::kIncome;
    for (const Spec& s : std::vector<Spec>{{p1_, t1_, kE, 5},       // c[0]
                                           {p1_, TaskId(), kI, 1},  // c[1]
                                           {p2_, t3_, kE, 3},       // c[2]
                                           {p1_, t2_, kI, 1},       // c[3]
                                           {p2_, TaskId(), kE, 7},  // c[4]
                                           {p1_, t1_, kI, 5}}) {    // c[5]
      Cost c = SimpleCost(s.project, s.task, m1_, Day(s.day));
      c.kind = s.kind;
      WS_ASSERT_OK_AND_ASSIGN(CostId id, AddCost(c));
      c_.push_back(id);
    }
  }
  std::vector<CostId> c_;
};
WS_INSTANTIATE_STORE_TEST(ListCostsTest);

TEST_P(ListCostsTest, NoFilterOrdersByDateThenId) {
  EXPECT_THAT(
      CostIds(CostFilter{}),
      IsOkAndHolds(ElementsAre(c_[1], c_[3], c_[2], c_[0], c_[5], c_[4])));
}

TEST_P(ListCostsTest, FilterProject) {
  CostFilter f;
  f.project = p1_;
  EXPECT_THAT(CostIds(f),
              IsOkAndHolds(ElementsAre(c_[1], c_[3], c_[0], c_[5])));
  f.project = p2_;
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(c_[2], c_[4])));
  f.project = ProjectId(999);
  EXPECT_THAT(CostIds(f), IsOkAndHolds(IsEmpty()));
}

TEST_P(ListCostsTest, FilterTask) {
  CostFilter f;
  f.task = t1_;
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(c_[0], c_[5])));
  f.task = t3_;
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(c_[2])));
  f.task = TaskId(999);
  EXPECT_THAT(CostIds(f), IsOkAndHolds(IsEmpty()));
}

// As with TaskFilter::parent, the "none" id selects lines without a task:
// the projects' own.
TEST_P(ListCostsTest, FilterTaskNoneMeansProjectLines) {
  CostFilter f;
  f.task = TaskId();
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(c_[1], c_[4])));
  f.project = p1_;
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(c_[1])));
}

TEST_P(ListCostsTest, FilterKind) {
  CostFilter f;
  f.kind = Cost::Kind::kExpense;
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(c_[2], c_[0], c_[4])));
  f.kind = Cost::Kind::kIncome;
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(c_[1], c_[3], c_[5])));
}

TEST_P(ListCostsTest, FilterDatesInclusive) {
  CostFilter f;
  f.from = Day(3);
  EXPECT_THAT(CostIds(f),
              IsOkAndHolds(ElementsAre(c_[2], c_[0], c_[5], c_[4])));
  f = {};
  f.to = Day(3);
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(c_[1], c_[3], c_[2])));
  f.from = Day(3);
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(c_[2])));
  f.from = Day(4);
  f.to = Day(4);
  EXPECT_THAT(CostIds(f), IsOkAndHolds(IsEmpty()));
  f.from = Day(5);
  f.to = Day(1);
  EXPECT_THAT(CostIds(f), IsOkAndHolds(IsEmpty()));
}

TEST_P(ListCostsTest, ProjectsIn) {
  CostScan scan;
  scan.projects_in = std::vector<ProjectId>{p2_};
  EXPECT_THAT(CostIds(scan), IsOkAndHolds(ElementsAre(c_[2], c_[4])));
  scan.projects_in = std::vector<ProjectId>{p2_, ProjectId(999), p1_, p2_};
  EXPECT_THAT(CostIds(scan), IsOkAndHolds(ElementsAre(c_[1], c_[3], c_[2],
                                                      c_[0], c_[5], c_[4])));
  scan.projects_in = std::vector<ProjectId>{};
  EXPECT_THAT(CostIds(scan), IsOkAndHolds(IsEmpty()));
  scan.projects_in = std::vector<ProjectId>{p2_};
  scan.filter.project = p1_;
  EXPECT_THAT(CostIds(scan), IsOkAndHolds(IsEmpty()));
}

TEST_P(ListCostsTest, FiltersCombine) {
  CostScan scan;
  scan.filter.project = p1_;
  scan.filter.kind = Cost::Kind::kIncome;
  scan.filter.from = Day(2);
  EXPECT_THAT(CostIds(scan), IsOkAndHolds(ElementsAre(c_[5])));
  scan = {};
  scan.projects_in = std::vector<ProjectId>{p1_, p2_};
  scan.filter.kind = Cost::Kind::kExpense;
  scan.filter.to = Day(5);
  EXPECT_THAT(CostIds(scan), IsOkAndHolds(ElementsAre(c_[2], c_[0])));
  scan.filter.task = t1_;
  EXPECT_THAT(CostIds(scan), IsOkAndHolds(ElementsAre(c_[0])));
}

TEST_P(ListCostsTest, UpdateMovesACostBetweenFilters) {
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                absl::StatusOr<Cost> c = tx.GetCost(c_[0]);
                if (!c.ok()) return c.status();
                c->project = p2_;
                c->task = t3_;
                c->date = Day(8);
                return tx.UpdateCost(*c);
              }),
              IsOk());
  CostFilter f;
  f.project = p1_;
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(c_[1], c_[3], c_[5])));
  f.project = p2_;
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(c_[2], c_[4], c_[0])));
  EXPECT_THAT(
      CostIds(CostFilter{}),
      IsOkAndHolds(ElementsAre(c_[1], c_[3], c_[2], c_[5], c_[4], c_[0])));
  // Another day in the same project: listed once, at its new place.
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                absl::StatusOr<Cost> c = tx.GetCost(c_[1]);
                if (!c.ok()) return c.status();
                c->date = Day(6);
                return tx.UpdateCost(*c);
              }),
              IsOk());
  f.project = p1_;
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(c_[3], c_[5], c_[1])));
  f = {};
  f.kind = Cost::Kind::kIncome;
  EXPECT_THAT(CostIds(f), IsOkAndHolds(ElementsAre(c_[3], c_[5], c_[1])));
}

// --- Period locks ---

using LocksTest = MoneyTest;
WS_INSTANTIATE_STORE_TEST(LocksTest);

TEST_P(LocksTest, RoundTripByIdAndDelete) {
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(std::vector<PeriodLock> none, tx->ListLocks());
    EXPECT_THAT(none, IsEmpty());
  }
  PeriodLock workspace = SimpleLock(ProjectId(), absl::CivilDay(2024, 2, 29));
  workspace.id = LockId(777);  // ignored by Insert
  workspace.author = m2_;
  workspace.created_at = Micros(1'700'000'000'123'456);
  PeriodLock project = SimpleLock(p1_, absl::CivilDay(1900, 1, 1));
  project.created_at = Micros(-5);
  WS_ASSERT_OK_AND_ASSIGN(LockId a, AddLock(workspace));
  WS_ASSERT_OK_AND_ASSIGN(LockId b, AddLock(project));
  ASSERT_TRUE(a.valid());
  EXPECT_GT(b, a);
  workspace.id = a;
  project.id = b;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(std::vector<PeriodLock> locks, tx->ListLocks());
    ASSERT_EQ(locks.size(), 2u);
    ExpectLockEq(workspace, locks[0]);
    ExpectLockEq(project, locks[1]);
  }
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.DeleteLock(a); }),
              IsOk());
  EXPECT_THAT(LockIds(), IsOkAndHolds(ElementsAre(b)));
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
  absl::Status again = tx->DeleteLock(a);
  EXPECT_THAT(again, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(std::string(again.message()),
              HasSubstr(std::to_string(a.value())));
  EXPECT_THAT(tx->DeleteLock(LockId(999)),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(LocksTest, IdsNeverReusedAndDroppedTransactionsRollBack) {
  WS_ASSERT_OK_AND_ASSIGN(LockId a, AddLock(SimpleLock(p1_, Day(1))));
  WS_ASSERT_OK_AND_ASSIGN(LockId b, AddLock(SimpleLock(p2_, Day(2))));
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.DeleteLock(b); }),
              IsOk());
  WS_ASSERT_OK_AND_ASSIGN(LockId c, AddLock(SimpleLock(p2_, Day(3))));
  EXPECT_GT(c, b);
  LockId rolled_back;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    WS_ASSERT_OK_AND_ASSIGN(rolled_back,
                            tx->InsertLock(SimpleLock(ProjectId(), Day(4))));
    EXPECT_GT(rolled_back, c);
    ASSERT_THAT(tx->DeleteLock(a), IsOk());
    WS_ASSERT_OK_AND_ASSIGN(std::vector<PeriodLock> seen, tx->ListLocks());
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].id, c);
    EXPECT_EQ(seen[1].id, rolled_back);
  }
  EXPECT_THAT(LockIds(), IsOkAndHolds(ElementsAre(a, c)));
  WS_ASSERT_OK_AND_ASSIGN(LockId d, AddLock(SimpleLock(p1_, Day(5))));
  EXPECT_GT(d, c);
  EXPECT_THAT(LockIds(), IsOkAndHolds(ElementsAre(a, c, d)));
}

}  // namespace
}  // namespace worksection::conformance
