// The store conformance suite's shared fixture: every TEST_P runs once per
// store URI in StoreUris(), against a fresh store in a fresh temp dir.
//
// To hold a new store to the suite, add its URI to StoreUris().
#ifndef WORKSECTION_TESTS_STORE_CONFORMANCE_STORE_TEST_H_
#define WORKSECTION_TESTS_STORE_CONFORMANCE_STORE_TEST_H_

#include <cctype>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/pg_testing.h"
#include "tests/testing.h"
#include "worksection/ids.h"
#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/query.h"
#include "worksection/rollup.h"
#include "worksection/store.h"
#include "worksection/time_tracking.h"

namespace worksection {

// Readable gtest output for the model's small value types.
inline void PrintTo(const Deadline& d, std::ostream* os) {
  *os << d.day;
  if (d.minute_of_day) *os << " minute " << *d.minute_of_day;
}
inline void PrintTo(const ChecklistItem& c, std::ostream* os) {
  *os << "{\"" << c.text << "\", " << (c.done ? "done" : "open") << "}";
}
inline void PrintTo(const ProjectMember& m, std::ostream* os) {
  *os << "{" << m.member << ", role " << static_cast<int>(m.role);
  if (m.billing_rate) *os << ", rate " << *m.billing_rate;
  *os << "}";
}
inline void PrintTo(const Rounding& r, std::ostream* os) {
  *os << "{mode " << static_cast<int>(r.mode) << ", " << r.minutes << " min}";
}
inline void PrintTo(const RollupKey& k, std::ostream* os) {
  *os << "{project " << k.project << ", task " << k.task << ", member "
      << k.member << ", " << k.day << "}";
}
inline void PrintTo(const RollupTotals& t, std::ostream* os) {
  *os << "{s " << t.seconds << ", billable s " << t.billable_seconds
      << ", billed " << t.billed_amount << ", cost " << t.labour_cost
      << ", entries " << t.entry_count << "}";
}
inline void PrintTo(const RollupRow& r, std::ostream* os) {
  PrintTo(r.key, os);
  *os << " = ";
  PrintTo(r.totals, os);
}

namespace conformance {

// EXPECT_THAT(tx->Get(...), IsOkAndHolds(matcher)).
MATCHER_P(IsOkAndHolds, matcher, "") {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(matcher, *arg, result_listener);
}

// The stores under test. "$TMP" is replaced by the test's temp dir.
inline std::vector<std::string> StoreUris() {
  return {"memory:", "sqlite:$TMP/ws.db", ::worksection::testing::kPgUriParam};
}

// "memory", "sqlite", ...: the URI's scheme, as a test-name suffix.
inline std::string StoreName(const ::testing::TestParamInfo<std::string>& p) {
  std::string name;
  for (char c : p.param) {
    if (c == ':') break;
    if (std::isalnum(static_cast<unsigned char>(c))) name += c;
  }
  return name;
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    uri_ =
        ::worksection::testing::ExpandStoreUri(GetParam(), tmp_.path(), &pg_);
    absl::StatusOr<std::unique_ptr<Store>> store =
        OpenStore(uri_, StoreOptions{});
    ASSERT_TRUE(store.ok()) << uri_ << ": " << store.status();
    store_ = *std::move(store);
  }

  absl::StatusOr<std::unique_ptr<Transaction>> Write() {
    return store_->Begin(Store::Mode::kWrite);
  }
  absl::StatusOr<std::unique_ptr<Transaction>> Read() {
    return store_->Begin(Store::Mode::kRead);
  }

  // Runs `fn` in a write transaction and commits it if `fn` succeeds.
  absl::Status InWrite(const std::function<absl::Status(Transaction&)>& fn) {
    absl::StatusOr<std::unique_ptr<Transaction>> tx = Write();
    if (!tx.ok()) return tx.status();
    if (absl::Status s = fn(**tx); !s.ok()) return s;
    return (*tx)->Commit();
  }

  // Each inserts in its own committed transaction.
  absl::StatusOr<MemberId> AddMember(const Member& m) {
    MemberId id;
    absl::Status s = InWrite([&](Transaction& tx) {
      absl::StatusOr<MemberId> r = tx.InsertMember(m);
      if (r.ok()) id = *r;
      return r.status();
    });
    if (!s.ok()) return s;
    return id;
  }
  absl::StatusOr<ProjectId> AddProject(const Project& p) {
    ProjectId id;
    absl::Status s = InWrite([&](Transaction& tx) {
      absl::StatusOr<ProjectId> r = tx.InsertProject(p);
      if (r.ok()) id = *r;
      return r.status();
    });
    if (!s.ok()) return s;
    return id;
  }
  absl::StatusOr<TaskId> AddTask(const Task& t) {
    TaskId id;
    absl::Status s = InWrite([&](Transaction& tx) {
      absl::StatusOr<TaskId> r = tx.InsertTask(t);
      if (r.ok()) id = *r;
      return r.status();
    });
    if (!s.ok()) return s;
    return id;
  }
  absl::StatusOr<CommentId> AddComment(const Comment& c) {
    CommentId id;
    absl::Status s = InWrite([&](Transaction& tx) {
      absl::StatusOr<CommentId> r = tx.InsertComment(c);
      if (r.ok()) id = *r;
      return r.status();
    });
    if (!s.ok()) return s;
    return id;
  }

  // The ids ScanTasks returns, in a fresh read transaction.
  absl::StatusOr<std::vector<TaskId>> ScanIds(const TaskScan& scan) {
    absl::StatusOr<std::unique_ptr<Transaction>> tx = Read();
    if (!tx.ok()) return tx.status();
    absl::StatusOr<std::vector<Task>> tasks = (*tx)->ScanTasks(scan);
    if (!tasks.ok()) return tasks.status();
    std::vector<TaskId> ids;
    for (const Task& t : *tasks) ids.push_back(t.id);
    return ids;
  }

  const testing::TempDir& tmp() const { return tmp_; }
  const std::string& uri() const { return uri_; }
  Store& store() { return *store_; }
  void CloseStore() { store_.reset(); }

 private:
  testing::TempDir tmp_;
  std::unique_ptr<::worksection::testing::PgSchema> pg_;  // PostgreSQL only
  std::string uri_;
  std::unique_ptr<Store> store_;
};

// Instantiates a StoreTest subclass once per store.
#define WS_INSTANTIATE_STORE_TEST(fixture)                          \
  INSTANTIATE_TEST_SUITE_P(                                         \
      Stores, fixture,                                              \
      ::testing::ValuesIn(::worksection::conformance::StoreUris()), \
      ::worksection::conformance::StoreName)

// --- Values used across the suite ---

// Instants with microsecond precision, the stores' resolution.
inline absl::Time Micros(int64_t us) { return absl::FromUnixMicros(us); }

// The smallest valid entities (what FK-checking stores need: real members,
// projects and tasks where ids are referenced).
inline Member SimpleMember(const std::string& email) {
  Member m;
  m.revision = 1;
  m.name = "Member " + email;
  m.email = email;
  m.created_at = m.updated_at = Micros(1'700'000'000'000'000);
  return m;
}
inline Project SimpleProject(const std::string& name) {
  Project p;
  p.revision = 1;
  p.name = name;
  p.created_at = p.updated_at = Micros(1'700'000'000'000'000);
  return p;
}
inline Task SimpleTask(ProjectId project, MemberId author,
                       const std::string& title) {
  Task t;
  t.revision = 1;
  t.project = project;
  t.author = author;
  t.title = title;
  t.created_at = t.updated_at = Micros(1'700'000'000'000'000);
  return t;
}
inline Comment SimpleComment(TaskId task, MemberId author,
                             const std::string& text) {
  Comment c;
  c.revision = 1;
  c.task = task;
  c.author = author;
  c.text = text;
  c.created_at = c.updated_at = Micros(1'700'000'000'000'000);
  return c;
}

// Field-by-field comparisons (the model defines no operator==).
inline void ExpectSettingsEq(const WorkspaceSettings& want,
                             const WorkspaceSettings& got) {
  EXPECT_EQ(got.revision, want.revision);
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.time_zone, want.time_zone);
  EXPECT_EQ(got.currency, want.currency);
  EXPECT_EQ(got.week_start, want.week_start);
  EXPECT_EQ(got.forgotten_timer_after, want.forgotten_timer_after);
}

inline void ExpectMemberEq(const Member& want, const Member& got) {
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

inline void ExpectProjectEq(const Project& want, const Project& got) {
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
  EXPECT_EQ(got.rounding, want.rounding);
  EXPECT_EQ(got.clients_see_hours, want.clients_see_hours);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

inline void ExpectTaskEq(const Task& want, const Task& got) {
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

inline void ExpectCommentEq(const Comment& want, const Comment& got) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.revision, want.revision);
  EXPECT_EQ(got.task, want.task);
  EXPECT_EQ(got.author, want.author);
  EXPECT_EQ(got.text, want.text);
  EXPECT_EQ(got.hidden_from_clients, want.hidden_from_clients);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

// --- Time and money ---

inline TimeEntry SimpleTimeEntry(ProjectId project, TaskId task,
                                 MemberId member, absl::CivilDay date) {
  TimeEntry e;
  e.revision = 1;
  e.task = task;
  e.project = project;
  e.member = member;
  e.date = date;
  e.duration = e.billed_duration = absl::Minutes(30);
  e.created_at = e.updated_at = Micros(1'700'000'000'000'000);
  return e;
}
inline Cost SimpleCost(ProjectId project, TaskId task, MemberId author,
                       absl::CivilDay date) {
  Cost c;
  c.revision = 1;
  c.project = project;
  c.task = task;
  c.amount = 100;
  c.date = date;
  c.author = author;
  c.created_at = c.updated_at = Micros(1'700'000'000'000'000);
  return c;
}

inline void ExpectTimeEntryEq(const TimeEntry& want, const TimeEntry& got) {
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

inline void ExpectTimerEq(const Timer& want, const Timer& got) {
  EXPECT_EQ(got.member, want.member);
  EXPECT_EQ(got.task, want.task);
  EXPECT_EQ(got.started_at, want.started_at);
  EXPECT_EQ(got.forgotten, want.forgotten);
}

inline void ExpectCostEq(const Cost& want, const Cost& got) {
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

inline void ExpectLockEq(const PeriodLock& want, const PeriodLock& got) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.project, want.project);
  EXPECT_EQ(got.through, want.through);
  EXPECT_EQ(got.author, want.author);
  EXPECT_EQ(got.created_at, want.created_at);
}

inline void ExpectBudgetAlertEq(const BudgetAlert& want,
                                const BudgetAlert& got) {
  EXPECT_EQ(got.project, want.project);
  EXPECT_EQ(got.task, want.task);
  EXPECT_EQ(got.kind, want.kind);
  EXPECT_EQ(got.percent, want.percent);
  EXPECT_EQ(got.crossed_at, want.crossed_at);
}

}  // namespace conformance
}  // namespace worksection

#endif  // WORKSECTION_TESTS_STORE_CONFORMANCE_STORE_TEST_H_
