// Time entries: every field round-trips; missing ids are NotFound; ids are
// never reused; dropped transactions roll back every kind of write;
// ScanTimeEntries filters, orders by (date, id) and pages. Also the fields
// time and money added to settings and projects.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "tests/store_conformance/store_test.h"

namespace worksection::conformance {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::worksection::testing::IsOk;
using ::worksection::testing::StatusIs;

constexpr char kUnicode[] = "Zoë Ångström — 李小龙 🚀 \"quoted\" it's";

absl::CivilDay Day(int d) { return absl::CivilDay(2024, 3, 1) + (d - 1); }

class TimeEntriesTest : public StoreTest {
 protected:
  // Two members, two projects, three tasks (t1, t2 in p1; t3 in p2).
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_THAT(
        InWrite([&](Transaction& tx) {
          absl::StatusOr<MemberId> m = tx.InsertMember(SimpleMember("a@x.org"));
          if (!m.ok()) return m.status();
          m1_ = *m;
          m = tx.InsertMember(SimpleMember("b@x.org"));
          if (!m.ok()) return m.status();
          m2_ = *m;
          absl::StatusOr<ProjectId> p = tx.InsertProject(SimpleProject("P1"));
          if (!p.ok()) return p.status();
          p1_ = *p;
          p = tx.InsertProject(SimpleProject("P2"));
          if (!p.ok()) return p.status();
          p2_ = *p;
          Task t = SimpleTask(p1_, m1_, "T1");
          t.tags = {"design", "web"};
          absl::StatusOr<TaskId> id = tx.InsertTask(t);
          if (!id.ok()) return id.status();
          t1_ = *id;
          t = SimpleTask(p1_, m1_, "T2");
          t.tags = {"web"};
          id = tx.InsertTask(t);
          if (!id.ok()) return id.status();
          t2_ = *id;
          t = SimpleTask(p2_, m2_, "T3");
          id = tx.InsertTask(t);
          if (!id.ok()) return id.status();
          t3_ = *id;
          return absl::OkStatus();
        }),
        IsOk());
  }

  ProjectId ProjectOf(TaskId task) const { return task == t3_ ? p2_ : p1_; }

  // A committed entry of `task` by `member` on `date`.
  absl::StatusOr<TimeEntryId> AddEntry(TaskId task, MemberId member,
                                       absl::CivilDay date,
                                       bool billable = true) {
    TimeEntry e = SimpleTimeEntry(ProjectOf(task), task, member, date);
    e.billable = billable;
    return AddEntry(e);
  }
  absl::StatusOr<TimeEntryId> AddEntry(const TimeEntry& e) {
    TimeEntryId id;
    absl::Status s = InWrite([&](Transaction& tx) {
      absl::StatusOr<TimeEntryId> r = tx.InsertTimeEntry(e);
      if (r.ok()) id = *r;
      return r.status();
    });
    if (!s.ok()) return s;
    return id;
  }

  // The ids ScanTimeEntries returns, in a fresh read transaction.
  absl::StatusOr<std::vector<TimeEntryId>> EntryIds(const TimeEntryScan& scan) {
    absl::StatusOr<std::unique_ptr<Transaction>> tx = Read();
    if (!tx.ok()) return tx.status();
    absl::StatusOr<std::vector<TimeEntry>> entries =
        (*tx)->ScanTimeEntries(scan);
    if (!entries.ok()) return entries.status();
    std::vector<TimeEntryId> ids;
    for (const TimeEntry& e : *entries) ids.push_back(e.id);
    return ids;
  }
  absl::StatusOr<std::vector<TimeEntryId>> EntryIds(
      const TimeEntryFilter& filter) {
    TimeEntryScan scan;
    scan.filter = filter;
    scan.limit = 1000;
    return EntryIds(scan);
  }

  MemberId m1_, m2_;
  ProjectId p1_, p2_;
  TaskId t1_, t2_, t3_;
};
WS_INSTANTIATE_STORE_TEST(TimeEntriesTest);

TEST_P(TimeEntriesTest, RoundTripsEveryField) {
  TimeEntry full;
  full.id = TimeEntryId(777);  // ignored by Insert
  full.revision = 1;
  full.task = t3_;
  full.project = p2_;
  full.member = m2_;
  full.date = absl::CivilDay(1969, 12, 31);
  full.start = Micros(-86'400'000'001);  // before the epoch
  full.duration = absl::Hours(24);
  full.billed_duration = absl::Hours(24) + absl::Seconds(1);
  full.billable = false;
  full.note = kUnicode;
  full.billing_rate = 12'345'678'901;
  full.cost_rate = 0;  // zero is not "unset"
  full.billed_amount = 9'000'000'000'000;
  full.labour_cost = 1;
  full.created_at = Micros(1'700'000'000'123'456);
  full.updated_at = Micros(1'700'000'001'654'321);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId id, AddEntry(full));
  ASSERT_TRUE(id.valid());
  full.id = id;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, tx->GetTimeEntry(id));
    ExpectTimeEntryEq(full, got);
    if (id != TimeEntryId(777)) {
      EXPECT_THAT(tx->GetTimeEntry(TimeEntryId(777)),
                  StatusIs(absl::StatusCode::kNotFound));
    }
    // A scan returns whole entries too.
    TimeEntryScan scan;
    WS_ASSERT_OK_AND_ASSIGN(std::vector<TimeEntry> scanned,
                            tx->ScanTimeEntries(scan));
    ASSERT_EQ(scanned.size(), 1u);
    ExpectTimeEntryEq(full, scanned[0]);
  }
  // The other extreme: no start, no rates or amounts, another task, member
  // and project, a one-second duration.
  TimeEntry updated = full;
  updated.revision = 2;
  updated.task = t1_;
  updated.project = p1_;
  updated.member = m1_;
  updated.date = absl::CivilDay(9999, 12, 31);
  updated.start = std::nullopt;
  updated.duration = absl::Seconds(1);
  updated.billed_duration = absl::ZeroDuration();
  updated.billable = true;
  updated.note = "";
  updated.billing_rate = std::nullopt;
  updated.cost_rate = std::nullopt;
  updated.billed_amount = std::nullopt;
  updated.labour_cost = std::nullopt;
  updated.updated_at = Micros(1'800'000'000'000'001);
  ASSERT_THAT(
      InWrite([&](Transaction& tx) { return tx.UpdateTimeEntry(updated); }),
      IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, tx->GetTimeEntry(id));
    ExpectTimeEntryEq(updated, got);
  }
  // And back: zero amounts, a start at the epoch.
  updated.revision = 3;
  updated.start = Micros(0);
  updated.billing_rate = 0;
  updated.cost_rate = 4500;
  updated.billed_amount = 0;
  updated.labour_cost = 0;
  ASSERT_THAT(
      InWrite([&](Transaction& tx) { return tx.UpdateTimeEntry(updated); }),
      IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, tx->GetTimeEntry(id));
  ExpectTimeEntryEq(updated, got);
}

TEST_P(TimeEntriesTest, MissingIdsAreNotFound) {
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
  EXPECT_THAT(tx->GetTimeEntry(TimeEntryId(42)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(std::string(tx->GetTimeEntry(TimeEntryId(42)).status().message()),
              HasSubstr("42"));
  TimeEntry e = SimpleTimeEntry(p1_, t1_, m1_, Day(1));
  e.id = TimeEntryId(42);
  EXPECT_THAT(tx->UpdateTimeEntry(e), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(tx->DeleteTimeEntry(TimeEntryId(42)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(std::string(tx->DeleteTimeEntry(TimeEntryId(42)).message()),
              HasSubstr("42"));
  // The failed update created nothing.
  EXPECT_THAT(tx->GetTimeEntry(TimeEntryId(42)),
              StatusIs(absl::StatusCode::kNotFound));
  WS_ASSERT_OK_AND_ASSIGN(auto entries, tx->ScanTimeEntries(TimeEntryScan{}));
  EXPECT_THAT(entries, IsEmpty());
}

TEST_P(TimeEntriesTest, DeleteRemovesFromGetAndScans) {
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId a, AddEntry(t1_, m1_, Day(1)));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId b, AddEntry(t1_, m1_, Day(2)));
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.DeleteTimeEntry(a); }),
              IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    EXPECT_THAT(tx->GetTimeEntry(a), StatusIs(absl::StatusCode::kNotFound));
    WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, tx->GetTimeEntry(b));
    EXPECT_EQ(got.date, Day(2));
  }
  TimeEntryFilter by_task;
  by_task.task = t1_;
  EXPECT_THAT(EntryIds(by_task), IsOkAndHolds(ElementsAre(b)));
  TimeEntryFilter by_project;
  by_project.project = p1_;
  EXPECT_THAT(EntryIds(by_project), IsOkAndHolds(ElementsAre(b)));
  TimeEntryFilter by_member;
  by_member.member = m1_;
  EXPECT_THAT(EntryIds(by_member), IsOkAndHolds(ElementsAre(b)));
  EXPECT_THAT(EntryIds(TimeEntryFilter{}), IsOkAndHolds(ElementsAre(b)));
  // Deleting twice: NotFound the second time.
  EXPECT_THAT(InWrite([&](Transaction& tx) { return tx.DeleteTimeEntry(a); }),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(TimeEntriesTest, IdsIncreaseAndAreNeverReused) {
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId a, AddEntry(t1_, m1_, Day(1)));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId b, AddEntry(t1_, m1_, Day(1)));
  ASSERT_TRUE(a.valid());
  EXPECT_GT(b, a);
  // Deleting the newest does not free its id.
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.DeleteTimeEntry(b); }),
              IsOk());
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId c, AddEntry(t1_, m1_, Day(1)));
  EXPECT_GT(c, b);
  // Several in one transaction.
  TimeEntryId d, e;
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                absl::StatusOr<TimeEntryId> r =
                    tx.InsertTimeEntry(SimpleTimeEntry(p1_, t1_, m1_, Day(1)));
                if (!r.ok()) return r.status();
                d = *r;
                r = tx.InsertTimeEntry(SimpleTimeEntry(p1_, t2_, m2_, Day(2)));
                if (!r.ok()) return r.status();
                e = *r;
                return absl::OkStatus();
              }),
              IsOk());
  EXPECT_GT(d, c);
  EXPECT_GT(e, d);
  // A rolled-back insert.
  TimeEntryId rolled_back;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    WS_ASSERT_OK_AND_ASSIGN(rolled_back, tx->InsertTimeEntry(SimpleTimeEntry(
                                             p1_, t1_, m1_, Day(3))));
    EXPECT_GT(rolled_back, e);
  }
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId f, AddEntry(t1_, m1_, Day(4)));
  EXPECT_GT(f, e);
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, tx->GetTimeEntry(f));
  EXPECT_EQ(got.date, Day(4));
  if (rolled_back != f) {
    EXPECT_THAT(tx->GetTimeEntry(rolled_back),
                StatusIs(absl::StatusCode::kNotFound));
  }
  EXPECT_THAT(tx->GetTimeEntry(b), StatusIs(absl::StatusCode::kNotFound));
}

// InsertTimeEntries stores what InsertTimeEntry of each would, in order:
// more entries than one statement takes (the PostgreSQL store sends them
// many rows a statement), every field of each, ids increasing; with given
// ids it keeps them, and a taken one fails the call.
TEST_P(TimeEntriesTest, InsertTimeEntriesStoresEachAsOneInsertWould) {
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId kept, AddEntry(t1_, m1_, Day(1)));
  // The newest id, deleted: never handed out again.
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId before, AddEntry(t1_, m1_, Day(1)));
  ASSERT_GT(before, kept);
  ASSERT_THAT(
      InWrite([&](Transaction& tx) { return tx.DeleteTimeEntry(before); }),
      IsOk());
  std::vector<TimeEntry> batch;
  for (int i = 0; i < 1300; ++i) {
    const TaskId task = i % 3 == 0 ? t3_ : (i % 3 == 1 ? t1_ : t2_);
    TimeEntry e = SimpleTimeEntry(ProjectOf(task), task, i % 2 ? m1_ : m2_,
                                  Day(1 + i % 28));
    e.duration = absl::Seconds(60 + i);
    e.billed_duration = absl::Seconds(i % 7 == 0 ? 0 : 60 + i);
    e.billable = i % 5 != 0;
    e.note = i % 11 == 0 ? kUnicode : absl::StrCat("entry ", i);
    e.start = i % 4 == 0 ? std::nullopt
                         : std::optional<absl::Time>(Micros(1'000'000 * i));
    e.billing_rate = i % 6 == 0 ? std::nullopt : std::optional<Money>(i);
    e.labour_cost = i % 9 == 0 ? std::nullopt : std::optional<Money>(2 * i);
    e.created_at = Micros(1'700'000'000'000'000 + i);
    e.updated_at = Micros(1'700'000'000'000'001 + i);
    batch.push_back(e);
  }
  std::vector<TimeEntryId> ids;
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                absl::StatusOr<std::vector<TimeEntryId>> r =
                    tx.InsertTimeEntries(batch);
                if (r.ok()) ids = *r;
                return r.status();
              }),
              IsOk());
  ASSERT_EQ(ids.size(), batch.size());
  EXPECT_GT(ids.front(), before);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i].id = ids[i];
      WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, tx->GetTimeEntry(ids[i]));
      ExpectTimeEntryEq(batch[i], got);
    }
  }
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId after, AddEntry(t1_, m1_, Day(2)));
  EXPECT_GT(after, ids.back());

  // Given ids are kept; one already taken fails the call, and dropping the
  // transaction leaves nothing of it.
  TimeEntry given = SimpleTimeEntry(p1_, t1_, m1_, Day(3));
  given.id = TimeEntryId(after.value() + 100);
  TimeEntry taken = given;
  taken.id = after;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    EXPECT_THAT(tx->InsertTimeEntries({given, taken}),
                StatusIs(absl::StatusCode::kAlreadyExists));
  }
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                absl::StatusOr<std::vector<TimeEntryId>> r =
                    tx.InsertTimeEntries({given});
                if (!r.ok()) return r.status();
                EXPECT_THAT(*r, ElementsAre(given.id));
                return absl::OkStatus();
              }),
              IsOk());
  // Many given ids (a snapshot restore), out of order: kept, and fresh
  // ids go above the largest. One given twice fails the call.
  std::vector<TimeEntry> restored;
  const int64_t base = given.id.value() + 10;
  for (int i = 0; i < 700; ++i) {
    TimeEntry e = batch[static_cast<size_t>(i)];
    e.id = TimeEntryId(base + (i * 389) % 700);
    restored.push_back(e);
  }
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    std::vector<TimeEntry> repeated = restored;
    repeated[699].id = repeated[3].id;
    EXPECT_THAT(tx->InsertTimeEntries(repeated),
                StatusIs(absl::StatusCode::kAlreadyExists));
  }
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                absl::StatusOr<std::vector<TimeEntryId>> r =
                    tx.InsertTimeEntries(restored);
                if (!r.ok()) return r.status();
                for (size_t i = 0; i < restored.size(); ++i) {
                  EXPECT_EQ((*r)[i], restored[i].id) << i;
                }
                return absl::OkStatus();
              }),
              IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    for (const TimeEntry& e : restored) {
      WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, tx->GetTimeEntry(e.id));
      ExpectTimeEntryEq(e, got);
    }
  }
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId last, AddEntry(t1_, m1_, Day(5)));
  EXPECT_GT(last.value(), base + 699);

  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  TimeEntryScan all;
  all.limit = 5000;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<TimeEntry> stored,
                          tx->ScanTimeEntries(all));
  // kept, after, given, last
  EXPECT_EQ(stored.size(), batch.size() + restored.size() + 4);
}

TEST_P(TimeEntriesTest, DroppedTransactionRollsBackInsertUpdateDelete) {
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId kept, AddEntry(t1_, m1_, Day(5)));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId deleted, AddEntry(t2_, m2_, Day(6)));
  TimeEntryId inserted;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    WS_ASSERT_OK_AND_ASSIGN(
        inserted, tx->InsertTimeEntry(SimpleTimeEntry(p2_, t3_, m2_, Day(1))));
    // Move `kept` to another task, project, member and day, and change the
    // rest; delete `deleted`.
    WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, tx->GetTimeEntry(kept));
    e.revision = 2;
    e.task = t3_;
    e.project = p2_;
    e.member = m2_;
    e.date = Day(9);
    e.billable = false;
    e.note = "changed";
    e.billing_rate = 5;
    ASSERT_THAT(tx->UpdateTimeEntry(e), IsOk());
    ASSERT_THAT(tx->DeleteTimeEntry(deleted), IsOk());
    // The transaction sees its own writes.
    EXPECT_THAT(tx->GetTimeEntry(deleted),
                StatusIs(absl::StatusCode::kNotFound));
    TimeEntryScan scan;
    scan.filter.project = p2_;
    WS_ASSERT_OK_AND_ASSIGN(auto in_p2, tx->ScanTimeEntries(scan));
    ASSERT_EQ(in_p2.size(), 2u);
    EXPECT_EQ(in_p2[0].id, inserted);
    EXPECT_EQ(in_p2[1].id, kept);
    // Dropped without Commit.
  }
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  EXPECT_THAT(tx->GetTimeEntry(inserted),
              StatusIs(absl::StatusCode::kNotFound));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, tx->GetTimeEntry(kept));
  TimeEntry want = SimpleTimeEntry(p1_, t1_, m1_, Day(5));
  want.id = kept;
  ExpectTimeEntryEq(want, got);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry back, tx->GetTimeEntry(deleted));
  EXPECT_EQ(back.task, t2_);
  // Every index is back as it was.
  auto ids = [&](const TimeEntryFilter& f) {
    TimeEntryScan scan;
    scan.filter = f;
    std::vector<TimeEntryId> out;
    absl::StatusOr<std::vector<TimeEntry>> entries = tx->ScanTimeEntries(scan);
    EXPECT_THAT(entries, IsOk());
    if (entries.ok()) {
      for (const TimeEntry& e : *entries) out.push_back(e.id);
    }
    return out;
  };
  TimeEntryFilter f;
  EXPECT_THAT(ids(f), ElementsAre(kept, deleted));
  f.project = p2_;
  EXPECT_THAT(ids(f), IsEmpty());
  f = {};
  f.task = t3_;
  EXPECT_THAT(ids(f), IsEmpty());
  f = {};
  f.member = m1_;
  EXPECT_THAT(ids(f), ElementsAre(kept));
  f = {};
  f.from = f.to = Day(5);
  EXPECT_THAT(ids(f), ElementsAre(kept));
  f = {};
  f.billable = false;
  EXPECT_THAT(ids(f), IsEmpty());
}

TEST_P(TimeEntriesTest, UpdateMovesAnEntryBetweenFilters) {
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId id, AddEntry(t1_, m1_, Day(1)));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId other, AddEntry(t2_, m1_, Day(3)));
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                absl::StatusOr<TimeEntry> e = tx.GetTimeEntry(id);
                if (!e.ok()) return e.status();
                e->task = t3_;
                e->project = p2_;
                e->member = m2_;
                e->date = Day(7);
                return tx.UpdateTimeEntry(*e);
              }),
              IsOk());
  TimeEntryFilter f;
  f.task = t1_;
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(IsEmpty()));
  f = {};
  f.task = t3_;
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(ElementsAre(id)));
  f = {};
  f.project = p1_;
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(ElementsAre(other)));
  f = {};
  f.project = p2_;
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(ElementsAre(id)));
  f = {};
  f.member = m2_;
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(ElementsAre(id)));
  // The new date decides the order.
  EXPECT_THAT(EntryIds(TimeEntryFilter{}),
              IsOkAndHolds(ElementsAre(other, id)));
  f = {};
  f.to = Day(6);
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(ElementsAre(other)));
  // Another day only: listed once, at its new place, under every filter.
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                absl::StatusOr<TimeEntry> e = tx.GetTimeEntry(other);
                if (!e.ok()) return e.status();
                e->date = Day(8);
                return tx.UpdateTimeEntry(*e);
              }),
              IsOk());
  EXPECT_THAT(EntryIds(TimeEntryFilter{}),
              IsOkAndHolds(ElementsAre(id, other)));
  for (int which = 0; which < 3; ++which) {
    f = {};
    if (which == 0) f.task = t2_;
    if (which == 1) f.project = p1_;
    if (which == 2) f.member = m1_;
    EXPECT_THAT(EntryIds(f), IsOkAndHolds(ElementsAre(other))) << which;
  }
}

// --- ScanTimeEntries: each filter alone ---

class ScanTimeEntriesTest : public TimeEntriesTest {
 protected:
  void SetUp() override {
    TimeEntriesTest::SetUp();
    if (HasFatalFailure()) return;
    // Inserted out of date order, so (date, id) differs from id order.
    struct Spec {
      TaskId task;
      MemberId member;
      int day;
      bool billable;
    };
    for (const Spec& s : std::vector<Spec>{{t1_, m1_, 5, true},     // e[0]
                                           {t2_, m2_, 1, false},    // e[1]
                                           {t3_, m1_, 3, true},     // e[2]
                                           {t1_, m2_, 1, true},     // e[3]
                                           {t3_, m2_, 7, false},    // e[4]
                                           {t2_, m1_, 5, true}}) {  // e[5]
      WS_ASSERT_OK_AND_ASSIGN(
          TimeEntryId id, AddEntry(s.task, s.member, Day(s.day), s.billable));
      e_.push_back(id);
    }
  }
  std::vector<TimeEntryId> e_;
};
WS_INSTANTIATE_STORE_TEST(ScanTimeEntriesTest);

TEST_P(ScanTimeEntriesTest, NoFilterOrdersByDateThenId) {
  EXPECT_THAT(
      EntryIds(TimeEntryFilter{}),
      IsOkAndHolds(ElementsAre(e_[1], e_[3], e_[2], e_[0], e_[5], e_[4])));
}

TEST_P(ScanTimeEntriesTest, FilterProject) {
  TimeEntryFilter f;
  f.project = p1_;
  EXPECT_THAT(EntryIds(f),
              IsOkAndHolds(ElementsAre(e_[1], e_[3], e_[0], e_[5])));
  f.project = p2_;
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(ElementsAre(e_[2], e_[4])));
  f.project = ProjectId(999);
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(IsEmpty()));
}

TEST_P(ScanTimeEntriesTest, FilterTask) {
  TimeEntryFilter f;
  f.task = t1_;
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(ElementsAre(e_[3], e_[0])));
  f.task = t2_;
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(ElementsAre(e_[1], e_[5])));
  f.task = TaskId(999);
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(IsEmpty()));
}

TEST_P(ScanTimeEntriesTest, FilterMember) {
  TimeEntryFilter f;
  f.member = m1_;
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(ElementsAre(e_[2], e_[0], e_[5])));
  f.member = m2_;
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(ElementsAre(e_[1], e_[3], e_[4])));
}

TEST_P(ScanTimeEntriesTest, FilterDatesInclusive) {
  TimeEntryFilter f;
  f.from = Day(3);
  EXPECT_THAT(EntryIds(f),
              IsOkAndHolds(ElementsAre(e_[2], e_[0], e_[5], e_[4])));
  f = {};
  f.to = Day(3);
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(ElementsAre(e_[1], e_[3], e_[2])));
  f.from = Day(3);
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(ElementsAre(e_[2])));
  f.from = Day(2);
  f.to = Day(2);
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(IsEmpty()));
  f.from = Day(5);
  f.to = Day(3);  // an empty range
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(IsEmpty()));
  f.from = Day(1);
  f.to = Day(7);
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(::testing::SizeIs(6)));
}

TEST_P(ScanTimeEntriesTest, FilterBillable) {
  TimeEntryFilter f;
  f.billable = true;
  EXPECT_THAT(EntryIds(f),
              IsOkAndHolds(ElementsAre(e_[3], e_[2], e_[0], e_[5])));
  f.billable = false;
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(ElementsAre(e_[1], e_[4])));
}

TEST_P(ScanTimeEntriesTest, FilterTagOfTheTask) {
  TimeEntryFilter f;
  f.tag = "design";  // t1 only
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(ElementsAre(e_[3], e_[0])));
  f.tag = "web";  // t1 and t2
  EXPECT_THAT(EntryIds(f),
              IsOkAndHolds(ElementsAre(e_[1], e_[3], e_[0], e_[5])));
  f.tag = "Web";  // exact
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(IsEmpty()));
  f.tag = "we%";  // no pattern
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(IsEmpty()));
  f.tag = "";
  EXPECT_THAT(EntryIds(f), IsOkAndHolds(IsEmpty()));
  // The task's current tags decide.
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                absl::StatusOr<Task> t = tx.GetTask(t3_);
                if (!t.ok()) return t.status();
                t->tags = {"design"};
                return tx.UpdateTask(*t);
              }),
              IsOk());
  f.tag = "design";
  EXPECT_THAT(EntryIds(f),
              IsOkAndHolds(ElementsAre(e_[3], e_[2], e_[0], e_[4])));
}

TEST_P(ScanTimeEntriesTest, ProjectsIn) {
  TimeEntryScan scan;
  scan.projects_in = std::vector<ProjectId>{p2_};
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(ElementsAre(e_[2], e_[4])));
  scan.projects_in = std::vector<ProjectId>{p2_, ProjectId(999), p1_, p2_};
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(ElementsAre(e_[1], e_[3], e_[2],
                                                       e_[0], e_[5], e_[4])));
  scan.projects_in = std::vector<ProjectId>{};
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(IsEmpty()));
  // With a filter that names another project: nothing.
  scan.projects_in = std::vector<ProjectId>{p2_};
  scan.filter.project = p1_;
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(IsEmpty()));
}

TEST_P(ScanTimeEntriesTest, TasksIn) {
  TimeEntryScan scan;
  scan.tasks_in = std::vector<TaskId>{t1_};
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(ElementsAre(e_[3], e_[0])));
  scan.tasks_in = std::vector<TaskId>{t3_, t1_, TaskId(999), t3_};
  EXPECT_THAT(EntryIds(scan),
              IsOkAndHolds(ElementsAre(e_[3], e_[2], e_[0], e_[4])));
  scan.tasks_in = std::vector<TaskId>{};
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(IsEmpty()));
  // Both sets apply.
  scan.tasks_in = std::vector<TaskId>{t1_, t3_};
  scan.projects_in = std::vector<ProjectId>{p1_};
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(ElementsAre(e_[3], e_[0])));
  scan.projects_in = std::vector<ProjectId>{};
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(IsEmpty()));
}

TEST_P(ScanTimeEntriesTest, FiltersCombine) {
  TimeEntryScan scan;
  scan.filter.project = p1_;
  scan.filter.member = m2_;
  scan.filter.billable = true;
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(ElementsAre(e_[3])));
  scan = {};
  scan.filter.tag = "web";
  scan.filter.from = Day(2);
  scan.filter.member = m1_;
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(ElementsAre(e_[0], e_[5])));
  scan.filter.task = t2_;
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(ElementsAre(e_[5])));
}

TEST_P(ScanTimeEntriesTest, LimitAndAfter) {
  TimeEntryScan scan;
  scan.limit = 2;
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(ElementsAre(e_[1], e_[3])));
  // Strictly after a stored position.
  scan.after = TimeEntryPosition{Day(1), e_[3]};
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(ElementsAre(e_[2], e_[0])));
  // After a position no entry holds: between (day 5, e0) and (day 5, e5).
  scan.limit = 10;
  ASSERT_LT(e_[0], e_[1]);
  scan.after = TimeEntryPosition{Day(5), e_[1]};
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(ElementsAre(e_[5], e_[4])));
  scan.after = TimeEntryPosition{Day(4), TimeEntryId(999'999)};
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(ElementsAre(e_[0], e_[5], e_[4])));
  // A day decides before an id: (day 3, id 0) is before e2.
  scan.after = TimeEntryPosition{Day(3), TimeEntryId(0)};
  EXPECT_THAT(EntryIds(scan),
              IsOkAndHolds(ElementsAre(e_[2], e_[0], e_[5], e_[4])));
  scan.after = TimeEntryPosition{Day(7), e_[4]};
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(IsEmpty()));
  // With a date range: after and from both apply.
  scan.after = TimeEntryPosition{Day(1), e_[1]};
  scan.filter.from = Day(3);
  EXPECT_THAT(EntryIds(scan),
              IsOkAndHolds(ElementsAre(e_[2], e_[0], e_[5], e_[4])));
  scan.after = TimeEntryPosition{Day(5), e_[0]};
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(ElementsAre(e_[5], e_[4])));
  // With a projects_in union.
  scan = {};
  scan.projects_in = std::vector<ProjectId>{p1_, p2_};
  scan.after = TimeEntryPosition{Day(1), e_[3]};
  scan.limit = 3;
  EXPECT_THAT(EntryIds(scan), IsOkAndHolds(ElementsAre(e_[2], e_[0], e_[5])));
}

TEST_P(ScanTimeEntriesTest, KeysetPagingWalksEverythingOnce) {
  // More entries, many on one day, so pages split inside a day.
  for (int i = 0; i < 25; ++i) {
    WS_ASSERT_OK_AND_ASSIGN(TimeEntryId id,
                            AddEntry(i % 2 ? t1_ : t3_, i % 3 ? m1_ : m2_,
                                     Day(i % 4 == 0 ? 4 : 2)));
    e_.push_back(id);
  }
  for (int limit : {1, 2, 3, 7, 100}) {
    for (bool by_project : {false, true}) {
      SCOPED_TRACE(absl::StrCat("limit ", limit, by_project ? " p1" : ""));
      TimeEntryScan scan;
      scan.limit = 1000;
      if (by_project) scan.filter.project = p1_;
      WS_ASSERT_OK_AND_ASSIGN(std::vector<TimeEntryId> all, EntryIds(scan));
      scan.limit = limit;
      std::vector<TimeEntryId> walked;
      WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
      for (int page = 0; page < 100; ++page) {
        WS_ASSERT_OK_AND_ASSIGN(std::vector<TimeEntry> got,
                                tx->ScanTimeEntries(scan));
        ASSERT_LE(got.size(), static_cast<size_t>(limit));
        for (const TimeEntry& e : got) walked.push_back(e.id);
        if (got.size() < static_cast<size_t>(limit)) break;
        scan.after = TimeEntryPosition{got.back().date, got.back().id};
      }
      EXPECT_EQ(walked, all);
    }
  }
}

// --- A seeded randomized differential test against brute force ---

using ScanTimeEntriesRandomTest = StoreTest;
WS_INSTANTIATE_STORE_TEST(ScanTimeEntriesRandomTest);

// $WS_CONFORMANCE_SEED, if set, explores other seeds.
uint32_t Seed() {
  uint32_t seed = 20240301;
  const char* env = std::getenv("WS_CONFORMANCE_SEED");
  if (env != nullptr && !absl::SimpleAtoi(env, &seed)) seed = 20240301;
  return seed;
}

class Random {
 public:
  explicit Random(uint32_t seed) : gen_(seed) {}
  int Int(int lo, int hi) {  // inclusive
    return std::uniform_int_distribution<int>(lo, hi)(gen_);
  }
  bool OneIn(int n) { return Int(1, n) == 1; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Int(0, static_cast<int>(v.size()) - 1)];
  }
  absl::CivilDay Date() { return absl::CivilDay(2024, 1, 1) + Int(0, 29); }
  template <typename T>
  std::vector<T> Subset(const std::vector<T>& v) {
    std::vector<T> out;
    for (const T& x : v) {
      if (OneIn(3)) out.push_back(x);
    }
    if (OneIn(4)) out.push_back(T(999));  // an id nothing holds
    std::shuffle(out.begin(), out.end(), gen_);
    return out;  // possibly empty
  }

 private:
  std::mt19937 gen_;
};

template <typename IdT>
std::string Ids(const std::vector<IdT>& ids) {
  return absl::StrJoin(ids, ",", [](std::string* out, IdT id) {
    absl::StrAppend(out, id.value());
  });
}

std::string Describe(const TimeEntryScan& s) {
  const TimeEntryFilter& f = s.filter;
  std::string out = absl::StrCat("limit=", s.limit);
  if (f.project) absl::StrAppend(&out, " project=", f.project->value());
  if (f.task) absl::StrAppend(&out, " task=", f.task->value());
  if (f.member) absl::StrAppend(&out, " member=", f.member->value());
  if (f.from) absl::StrAppend(&out, " from=", absl::FormatCivilTime(*f.from));
  if (f.to) absl::StrAppend(&out, " to=", absl::FormatCivilTime(*f.to));
  if (f.billable) absl::StrAppend(&out, " billable=", *f.billable);
  if (f.tag) absl::StrAppend(&out, " tag=[", *f.tag, "]");
  if (s.projects_in) {
    absl::StrAppend(&out, " projects_in={", Ids(*s.projects_in), "}");
  }
  if (s.tasks_in) absl::StrAppend(&out, " tasks_in={", Ids(*s.tasks_in), "}");
  if (s.after) {
    absl::StrAppend(&out, " after=(", absl::FormatCivilTime(s.after->date), ",",
                    s.after->id.value(), ")");
  }
  return out;
}

TEST_P(ScanTimeEntriesRandomTest, MatchesBruteForce) {
  constexpr int kEntries = 400;
  constexpr int kScans = 300;
  const std::vector<std::string> kTags = {"red", "Red", "green", "r%d", "ü"};
  const uint32_t seed = Seed();
  SCOPED_TRACE(absl::StrCat("seed ", seed));
  Random rnd(seed);
  std::vector<MemberId> members;
  std::vector<ProjectId> projects;
  std::vector<Task> tasks;
  std::vector<TimeEntry> entries;  // as stored, with their ids
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                for (int i = 0; i < 5; ++i) {
                  absl::StatusOr<MemberId> m =
                      tx.InsertMember(SimpleMember(absl::StrCat("m", i, "@x")));
                  if (!m.ok()) return m.status();
                  members.push_back(*m);
                }
                for (int i = 0; i < 4; ++i) {
                  absl::StatusOr<ProjectId> p =
                      tx.InsertProject(SimpleProject(absl::StrCat("P", i)));
                  if (!p.ok()) return p.status();
                  projects.push_back(*p);
                }
                for (int i = 0; i < 20; ++i) {
                  Task t = SimpleTask(rnd.Pick(projects), rnd.Pick(members),
                                      absl::StrCat("T", i));
                  for (const std::string& tag : kTags) {
                    if (rnd.OneIn(3)) t.tags.push_back(tag);
                  }
                  std::sort(t.tags.begin(), t.tags.end());
                  t.hidden_from_clients = rnd.OneIn(4);
                  absl::StatusOr<TaskId> id = tx.InsertTask(t);
                  if (!id.ok()) return id.status();
                  t.id = *id;
                  tasks.push_back(t);
                }
                for (int i = 0; i < kEntries; ++i) {
                  const Task& task = rnd.Pick(tasks);
                  TimeEntry e = SimpleTimeEntry(task.project, task.id,
                                                rnd.Pick(members), rnd.Date());
                  e.billable = !rnd.OneIn(3);
                  absl::StatusOr<TimeEntryId> id = tx.InsertTimeEntry(e);
                  if (!id.ok()) return id.status();
                  e.id = *id;
                  entries.push_back(e);
                }
                return absl::OkStatus();
              }),
              IsOk());
  // Updates and deletes, so the stores' indexes must follow changes.
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                for (int i = 0; i < kEntries / 10; ++i) {
                  TimeEntry& e = entries[rnd.Int(0, kEntries - 1)];
                  const Task& task = rnd.Pick(tasks);
                  e.task = task.id;
                  e.project = task.project;
                  e.member = rnd.Pick(members);
                  e.date = rnd.Date();
                  e.billable = !e.billable;
                  if (absl::Status s = tx.UpdateTimeEntry(e); !s.ok()) {
                    return s;
                  }
                }
                for (int i = 0; i < kEntries / 10; ++i) {
                  const size_t at = static_cast<size_t>(
                      rnd.Int(0, static_cast<int>(entries.size()) - 1));
                  if (absl::Status s = tx.DeleteTimeEntry(entries[at].id);
                      !s.ok()) {
                    return s;
                  }
                  entries.erase(entries.begin() + at);
                }
                return absl::OkStatus();
              }),
              IsOk());
  auto task_of = [&](TaskId id) -> const Task& {
    for (const Task& t : tasks) {
      if (t.id == id) return t;
    }
    static const Task kNone;
    return kNone;
  };
  std::vector<TaskId> task_ids;
  for (const Task& t : tasks) task_ids.push_back(t.id);

  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  int non_empty = 0;
  for (int i = 0; i < kScans; ++i) {
    TimeEntryScan scan;
    TimeEntryFilter& f = scan.filter;
    if (rnd.OneIn(4)) f.project = rnd.Pick(projects);
    if (rnd.OneIn(6)) f.task = rnd.Pick(task_ids);
    if (rnd.OneIn(4)) f.member = rnd.Pick(members);
    if (rnd.OneIn(3)) f.from = rnd.Date();
    if (rnd.OneIn(3)) f.to = rnd.Date();
    if (rnd.OneIn(4)) f.billable = rnd.OneIn(2);
    if (rnd.OneIn(5)) f.tag = rnd.OneIn(8) ? "%" : rnd.Pick(kTags);
    if (rnd.OneIn(5)) scan.projects_in = rnd.Subset(projects);
    if (rnd.OneIn(5)) scan.tasks_in = rnd.Subset(task_ids);
    if (rnd.OneIn(3)) scan.include_hidden_tasks = false;
    switch (rnd.Int(0, 3)) {
      case 0:
        scan.limit = 1000;
        break;
      case 1:
        scan.limit = rnd.Int(1, 5);
        break;
      default:
        scan.limit = rnd.Int(1, 60);
    }
    if (rnd.OneIn(2)) {
      if (rnd.OneIn(2)) {
        const TimeEntry& at = rnd.Pick(entries);
        scan.after = TimeEntryPosition{at.date, at.id};
      } else {
        scan.after =
            TimeEntryPosition{rnd.Date(), TimeEntryId(rnd.Int(0, 500))};
      }
    }
    SCOPED_TRACE(absl::StrCat("scan #", i, ": ", Describe(scan)));
    std::vector<std::pair<absl::CivilDay, TimeEntryId>> hits;
    for (const TimeEntry& e : entries) {
      const Task& task = task_of(e.task);
      if (TimeEntryMatches(e, scan, task.tags, task.hidden_from_clients)) {
        hits.emplace_back(e.date, e.id);
      }
    }
    std::sort(hits.begin(), hits.end());
    std::vector<TimeEntryId> want;
    for (const auto& [date, id] : hits) {
      if (scan.after && std::make_pair(date, id) <=
                            std::make_pair(scan.after->date, scan.after->id)) {
        continue;
      }
      if (want.size() >= static_cast<size_t>(scan.limit)) break;
      want.push_back(id);
    }
    if (!want.empty()) ++non_empty;
    WS_ASSERT_OK_AND_ASSIGN(std::vector<TimeEntry> got_entries,
                            tx->ScanTimeEntries(scan));
    std::vector<TimeEntryId> got;
    for (const TimeEntry& e : got_entries) got.push_back(e.id);
    EXPECT_EQ(got, want);
  }
  EXPECT_GT(non_empty, kScans / 3);
}

// --- Fields time and money added to settings and projects ---

using TimeMoneyFieldsTest = StoreTest;
WS_INSTANTIATE_STORE_TEST(TimeMoneyFieldsTest);

TEST_P(TimeMoneyFieldsTest, SettingsForgottenTimerAfterRoundTrips) {
  WorkspaceSettings want;
  want.revision = 1;
  want.name = "W";
  want.forgotten_timer_after = absl::Minutes(1);
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.PutSettings(want); }),
              IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(auto got, tx->GetSettings());
    ASSERT_TRUE(got.has_value());
    ExpectSettingsEq(want, *got);
  }
  want.revision = 2;
  want.forgotten_timer_after = absl::Hours(24);
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.PutSettings(want); }),
              IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(auto got, tx->GetSettings());
    ASSERT_TRUE(got.has_value());
    ExpectSettingsEq(want, *got);
  }
  // Rolled back with the transaction.
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    WorkspaceSettings other = want;
    other.forgotten_timer_after = absl::Hours(3);
    ASSERT_THAT(tx->PutSettings(other), IsOk());
  }
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(auto got, tx->GetSettings());
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->forgotten_timer_after, absl::Hours(24));
}

TEST_P(TimeMoneyFieldsTest, ProjectRoundingHoursAndMemberRates) {
  WS_ASSERT_OK_AND_ASSIGN(MemberId m1, AddMember(SimpleMember("a@x.org")));
  WS_ASSERT_OK_AND_ASSIGN(MemberId m2, AddMember(SimpleMember("b@x.org")));
  WS_ASSERT_OK_AND_ASSIGN(MemberId m3, AddMember(SimpleMember("c@x.org")));
  Project want = SimpleProject("P");
  want.manager = m1;
  want.members = {{m1, ProjectRole::kManager, 12'345'678'901},
                  {m2, ProjectRole::kMember, std::nullopt},
                  {m3, ProjectRole::kClient, 0}};  // zero is not "unset"
  want.rounding = Rounding{Rounding::Mode::kUp, 15};
  want.clients_see_hours = false;
  WS_ASSERT_OK_AND_ASSIGN(ProjectId id, AddProject(want));
  want.id = id;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(Project got, tx->GetProject(id));
    ExpectProjectEq(want, got);
  }
  // Every rounding mode, the bounds of minutes, rates set and unset.
  for (const Rounding& r :
       {Rounding{Rounding::Mode::kNearest, 1},
        Rounding{Rounding::Mode::kDown, 1440}, Rounding{}}) {
    want.revision += 1;
    want.rounding = r;
    want.clients_see_hours = !want.clients_see_hours;
    for (ProjectMember& m : want.members) {
      m.billing_rate =
          m.billing_rate ? std::nullopt : std::optional<Money>(want.revision);
    }
    ASSERT_THAT(
        InWrite([&](Transaction& tx) { return tx.UpdateProject(want); }),
        IsOk());
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(Project got, tx->GetProject(id));
    ExpectProjectEq(want, got);
    // Lists return the same fields.
    ProjectScan scan;
    scan.ids_in = std::vector<ProjectId>{id};
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Project> listed,
                            tx->ListProjects(scan));
    ASSERT_EQ(listed.size(), 1u);
    ExpectProjectEq(want, listed[0]);
  }
  // Rolled back with the transaction.
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    Project other = want;
    other.rounding = Rounding{Rounding::Mode::kUp, 6};
    other.clients_see_hours = !want.clients_see_hours;
    other.members[1].billing_rate = 77;
    ASSERT_THAT(tx->UpdateProject(other), IsOk());
  }
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(Project got, tx->GetProject(id));
  ExpectProjectEq(want, got);
}

}  // namespace
}  // namespace worksection::conformance
