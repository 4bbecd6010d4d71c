// The reports suite's shared fixture. Every TEST_P runs once per store URI
// ("memory:" and a SQLite file in a temporary directory), through the public
// API, in a workspace far from UTC with a clock the test may move.
//
// The agency (Pacific/Kiritimati, UTC+14, EUR, weeks starting on Sunday so
// that the ISO weeks of the reports are seen not to follow the setting).
// Now is 2027-01-05 10:00 there (2027-01-04 20:00 UTC): in UTC it would
// still be Monday the 4th.
//
//   owner_     "Olga Owner", workspace owner
//   mgr_       "Mia Manager", employee; billing 90.00/h, cost 40.00/h;
//              manager of web_, member of internal_
//   emp_       "Emil Employee", employee; billing 60.00/h, cost 30.00/h;
//              member of web_ and internal_
//   outsider_  "Otto Outsider", employee; member of internal_ only
//   client_    "Clara Client", client of web_
//   reader_    "Rita Reader", reader; member of web_
//
//   web_       "Website": time budget 10 h, money budget 1000.00
//   internal_  "Internal": manager owner_
//   old_       "Old": archived, manager owner_
//
// Tasks for time: a_ (web, tags design+ux), b_ (web, design), c_ (internal).
// Tasks with deadlines (author -> assignee, deadline, priority):
//   t1_  mgr -> emp, 2027-01-04 (day), p5, estimate 2 h     late 1 day
//   t2_  owner -> emp, 2027-01-05 09:59, p5                late today
//   t3_  owner -> emp, 2027-01-05 10:00, p6                due today
//   t4_  owner -> mgr, 2027-01-05 (day), p5                due today
//   t5_  emp -> mgr, 2027-01-01 (day), p9                  late 4 days
//   t6_  owner -> owner, internal, 2027-01-01 (day), p3    late 4 days
//   t7_  owner -> emp, 2027-01-08 (day), p5, estimate 4 h  due in 3 days
//   t8_  owner -> emp, 2027-01-12 (day), p5                due in 7 days
//   t9_  owner -> emp, 2027-01-02, estimate 2 h, DONE
//   t10_ owner -> emp, 2027-01-02, hidden from clients     late 3 days
//   t11_ owner -> emp, old_, 2026-12-01                    (archived project)
//
// Time entries (all by the owner, for others):
//   e1  emp  a_  2026-12-28             3600 s billable   billed 6000  cost
//   3000 e2  emp  a_  start 2026-12-31 09:45Z = 23:45 local, date 2026-12-31,
//                                        1800 s billable   billed 3000  cost
//                                        1500
//   e3  mgr  b_  start 2026-12-31 10:30Z = 2027-01-01 00:30 local,
//                                        5400 s billable   billed 13500 cost
//                                        6000
//   e4  emp  c_  2027-01-04             7200 s not billable billed 0    cost
//   6000 e5  mgr  b_  2027-01-04              900 s billable   billed 2250 cost
//   1000
// Costs on web_: expense 50.00 (2027-01-02), income 200.00 (2027-01-03).
// emp_'s timer on a_ started 12 h before now: forgotten (limit 10 h).
#ifndef WORKSECTION_TESTS_REPORTS_REPORT_TEST_H_
#define WORKSECTION_TESTS_REPORTS_REPORT_TEST_H_

#include <cctype>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing.h"
#include "worksection/ids.h"
#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/report.h"
#include "worksection/session.h"
#include "worksection/time_tracking.h"
#include "worksection/workspace.h"

namespace worksection {
namespace reports_test {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::worksection::testing::StatusIs;

inline std::vector<std::string> StoreUris() {
  return {"memory:", "sqlite:$TMP/ws.db"};
}

inline std::string StoreName(const ::testing::TestParamInfo<std::string>& p) {
  std::string name;
  for (char c : p.param) {
    if (c == ':') break;
    if (std::isalnum(static_cast<unsigned char>(c))) name += c;
  }
  return name;
}

inline absl::CivilDay Day(int y, int m, int d) {
  return absl::CivilDay(y, m, d);
}
inline absl::Time Utc(int y, int m, int d, int hh = 0, int mm = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0),
                         absl::UTCTimeZone());
}
// 2027-01-05 10:00 in Kiritimati (UTC+14).
inline absl::Time FixedNow() { return Utc(2027, 1, 4, 20, 0); }

class TestClock {
 public:
  explicit TestClock(absl::Time now) : now_(now) {}
  absl::Time Now() const {
    absl::MutexLock lock(&mu_);
    return now_;
  }
  void Set(absl::Time t) {
    absl::MutexLock lock(&mu_);
    now_ = t;
  }

 private:
  mutable absl::Mutex mu_;
  absl::Time now_;
};

// ---------------------------------------------------------------------------
// Dumps: one line per row, every field, so EXPECT_EQ prints a readable
// difference.

inline std::string OptMoney(const std::optional<Money>& m) {
  return m ? absl::StrCat(*m) : std::string("-");
}

inline std::string Dump(const ReportTotals& t) {
  return absl::StrCat(
      "s=", t.seconds, " bs=", t.billable_seconds, " n=", t.entry_count,
      " billed=", OptMoney(t.billed_amount),
      " labour=", OptMoney(t.labour_cost), " margin=", OptMoney(t.margin));
}

inline std::string Dump(const ReportKey& k) {
  std::string out = absl::StrCat(ReportGroupName(k.group), ":");
  switch (k.group) {
    case ReportGroup::kProject:
    case ReportGroup::kTask:
    case ReportGroup::kMember:
      absl::StrAppend(&out, k.id);
      break;
    case ReportGroup::kTag:
      absl::StrAppend(&out, "'", k.tag, "'");
      break;
    default:
      absl::StrAppend(&out, absl::FormatCivilTime(k.period));
      break;
  }
  absl::StrAppend(&out, "(", k.label, ")");
  return out;
}

inline std::string Dump(const TimeReportRow& row) {
  std::vector<std::string> keys;
  for (const ReportKey& k : row.keys) keys.push_back(Dump(k));
  return absl::StrCat(absl::StrJoin(keys, " "), " | ", Dump(row.totals));
}

// Every row, then the total and the flags.
inline std::vector<std::string> Lines(const TimeReport& r) {
  std::vector<std::string> lines;
  for (const TimeReportRow& row : r.rows) lines.push_back(Dump(row));
  lines.push_back(absl::StrCat("total | ", Dump(r.total)));
  lines.push_back(absl::StrCat("money_visible=", r.money_visible,
                               " currency=", r.currency, " tz=", r.time_zone));
  return lines;
}

inline std::string Dump(const OverdueRow& r) {
  return absl::StrCat(r.task.title, " [", r.project_name, "] ", r.author_name,
                      "->", r.assignee_name, " days=", r.days_late,
                      r.late ? " late" : "", " p", r.task.priority);
}

template <typename Rows>
std::vector<std::string> Lines(const Rows& rows) {
  std::vector<std::string> lines;
  for (const auto& r : rows) lines.push_back(Dump(r));
  return lines;
}

inline Member NewMember(std::string name, std::string email, Role role,
                        std::optional<Money> billing = std::nullopt,
                        std::optional<Money> cost = std::nullopt) {
  Member m;
  m.name = std::move(name);
  m.email = std::move(email);
  m.role = role;
  m.billing_rate = billing;
  m.cost_rate = cost;
  return m;
}

// ---------------------------------------------------------------------------

class ReportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    uri_ = absl::StrReplaceAll(GetParam(), {{"$TMP", tmp_.path()}});
    OpenOptions options;
    WorkspaceSetup setup;
    setup.name = "Far Away Agency";
    setup.time_zone = "Pacific/Kiritimati";
    setup.currency = "EUR";
    setup.week_start = absl::Weekday::sunday;
    setup.owner_name = "Olga Owner";
    setup.owner_email = "olga@example.com";
    options.create = setup;
    options.clock = [clock = clock_] { return clock->Now(); };
    absl::StatusOr<std::unique_ptr<Workspace>> ws =
        Workspace::Open(uri_, options);
    ASSERT_TRUE(ws.ok()) << uri_ << ": " << ws.status();
    ws_ = *std::move(ws);
    WS_ASSERT_OK_AND_ASSIGN(Member owner, ws_->FirstOwner());
    owner_ = owner.id;
    ASSERT_NO_FATAL_FAILURE(BuildAgency());
  }

  Session Owner() { return ws_->As(owner_); }
  Session As(MemberId id) { return ws_->As(id); }

  MemberId AddMember(Member m) {
    absl::StatusOr<Member> created = Owner().CreateMember(m);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : MemberId();
  }

  ProjectId AddProject(std::string name, MemberId manager,
                       std::vector<ProjectMember> members) {
    Project p;
    p.name = std::move(name);
    p.manager = manager;
    p.members = std::move(members);
    absl::StatusOr<Project> created = Owner().CreateProject(p);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : ProjectId();
  }

  // A task created by `author`.
  TaskId AddTask(MemberId author, ProjectId project, std::string title,
                 MemberId assignee = MemberId(),
                 std::optional<Deadline> deadline = std::nullopt,
                 int priority = 5, std::vector<std::string> tags = {},
                 std::optional<absl::Duration> estimate = std::nullopt,
                 bool hidden = false) {
    Task t;
    t.project = project;
    t.title = std::move(title);
    t.assignee = assignee;
    t.deadline = deadline;
    t.priority = priority;
    t.tags = std::move(tags);
    t.estimate = estimate;
    t.hidden_from_clients = hidden;
    absl::StatusOr<Task> created = As(author).CreateTask(t);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : TaskId();
  }

  TimeEntryId Log(MemberId member, TaskId task,
                  std::optional<absl::CivilDay> date, absl::Duration duration,
                  bool billable = true,
                  std::optional<absl::Time> start = std::nullopt) {
    TimeLog log;
    log.task = task;
    log.member = member;
    log.date = date;
    log.duration = duration;
    log.start = start;
    log.billable = billable;
    absl::StatusOr<TimeEntry> e = Owner().LogTime(log);
    EXPECT_TRUE(e.ok()) << e.status();
    return e.ok() ? e->id : TimeEntryId();
  }

  void AddCost(ProjectId project, Cost::Kind kind, Money amount,
               absl::CivilDay date) {
    Cost c;
    c.project = project;
    c.kind = kind;
    c.amount = amount;
    c.date = date;
    absl::StatusOr<Cost> created = Owner().CreateCost(c);
    EXPECT_TRUE(created.ok()) << created.status();
  }

  void BuildAgency() {
    mgr_ = AddMember(NewMember("Mia Manager", "mia@example.com",
                               Role::kEmployee, 9000, 4000));
    emp_ = AddMember(NewMember("Emil Employee", "emil@example.com",
                               Role::kEmployee, 6000, 3000));
    outsider_ = AddMember(
        NewMember("Otto Outsider", "otto@example.com", Role::kEmployee));
    client_ = AddMember(
        NewMember("Clara Client", "clara@client.example", Role::kClient));
    reader_ =
        AddMember(NewMember("Rita Reader", "rita@example.com", Role::kReader));

    web_ = AddProject("Website", mgr_,
                      {{emp_, ProjectRole::kMember},
                       {client_, ProjectRole::kClient},
                       {reader_, ProjectRole::kMember}});
    internal_ = AddProject("Internal", owner_,
                           {{emp_, ProjectRole::kMember},
                            {outsider_, ProjectRole::kMember},
                            {mgr_, ProjectRole::kMember}});
    old_ = AddProject("Old", owner_, {{emp_, ProjectRole::kMember}});
    {
      WS_ASSERT_OK_AND_ASSIGN(Project web, Owner().GetProject(web_));
      web.time_budget = absl::Hours(10);
      web.money_budget = 100000;
      WS_ASSERT_OK(Owner().UpdateProject(web));
    }

    a_ = AddTask(owner_, web_, "Landing page", MemberId(), std::nullopt, 5,
                 {"design", "ux"});
    b_ = AddTask(owner_, web_, "Logo", MemberId(), std::nullopt, 5, {"design"});
    c_ = AddTask(owner_, internal_, "Backups");

    const Deadline jan4{Day(2027, 1, 4), std::nullopt};
    t1_ = AddTask(mgr_, web_, "Copy", emp_, jan4, 5, {}, absl::Hours(2));
    t2_ = AddTask(owner_, web_, "Hero image", emp_,
                  Deadline{Day(2027, 1, 5), 599});
    t3_ = AddTask(owner_, web_, "Footer", emp_, Deadline{Day(2027, 1, 5), 600},
                  6);
    t4_ = AddTask(owner_, web_, "Review", mgr_,
                  Deadline{Day(2027, 1, 5), std::nullopt});
    t5_ = AddTask(emp_, web_, "Sign-off", mgr_,
                  Deadline{Day(2027, 1, 1), std::nullopt}, 9);
    t6_ = AddTask(owner_, internal_, "Invoices", owner_,
                  Deadline{Day(2027, 1, 1), std::nullopt}, 3);
    t7_ =
        AddTask(owner_, web_, "Contact form", emp_,
                Deadline{Day(2027, 1, 8), std::nullopt}, 5, {}, absl::Hours(4));
    t8_ = AddTask(owner_, web_, "Launch", emp_,
                  Deadline{Day(2027, 1, 12), std::nullopt});
    t9_ =
        AddTask(owner_, web_, "Wireframes", emp_,
                Deadline{Day(2027, 1, 2), std::nullopt}, 5, {}, absl::Hours(2));
    WS_ASSERT_OK(Owner().CompleteTask(t9_));
    t10_ = AddTask(owner_, web_, "Pricing strategy", emp_,
                   Deadline{Day(2027, 1, 2), std::nullopt}, 5, {}, std::nullopt,
                   /*hidden=*/true);
    t11_ = AddTask(owner_, old_, "Old thing", emp_,
                   Deadline{Day(2026, 12, 1), std::nullopt});
    WS_ASSERT_OK(Owner().ArchiveProject(old_));

    Log(emp_, a_, Day(2026, 12, 28), absl::Seconds(3600));
    Log(emp_, a_, std::nullopt, absl::Seconds(1800), true,
        Utc(2026, 12, 31, 9, 45));
    Log(mgr_, b_, std::nullopt, absl::Seconds(5400), true,
        Utc(2026, 12, 31, 10, 30));
    Log(emp_, c_, Day(2027, 1, 4), absl::Seconds(7200), false);
    Log(mgr_, b_, Day(2027, 1, 4), absl::Seconds(900));

    AddCost(web_, Cost::Kind::kExpense, 5000, Day(2027, 1, 2));
    AddCost(web_, Cost::Kind::kIncome, 20000, Day(2027, 1, 3));

    clock_->Set(FixedNow() - absl::Hours(12));
    WS_ASSERT_OK(As(emp_).StartTimer(a_));
    clock_->Set(FixedNow());
  }

  ::worksection::testing::TempDir tmp_;
  std::string uri_;
  std::shared_ptr<TestClock> clock_ = std::make_shared<TestClock>(FixedNow());
  std::unique_ptr<Workspace> ws_;
  MemberId owner_, mgr_, emp_, outsider_, client_, reader_;
  ProjectId web_, internal_, old_;
  TaskId a_, b_, c_, t1_, t2_, t3_, t4_, t5_, t6_, t7_, t8_, t9_, t10_, t11_;
};

#define WS_INSTANTIATE_REPORT_STORES(suite)                          \
  INSTANTIATE_TEST_SUITE_P(                                          \
      Stores, suite,                                                 \
      ::testing::ValuesIn(::worksection::reports_test::StoreUris()), \
      ::worksection::reports_test::StoreName)

}  // namespace reports_test
}  // namespace worksection

#endif  // WORKSECTION_TESTS_REPORTS_REPORT_TEST_H_
