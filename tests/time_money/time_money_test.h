// The time-and-money suite's shared fixture. Every TEST_P runs once per store
// URI ("memory:" and a SQLite file in a temporary directory), through the
// public API, with a clock the test advances: timers can run for hours.
//
// The agency every test starts from (Europe/Berlin, EUR; now is 2024-03-15
// 10:30 UTC, 11:30 in Berlin):
//   owner_     workspace owner (the first owner)
//   admin_     workspace admin
//   mgr_       employee; manager of web_
//   emp_       employee; member of web_ and internal_
//   emp2_      employee; member of web_
//   outsider_  employee; member of internal_ only
//   client_    client; client of web_
//   reader_    reader; member of web_
//   web_       "Website": manager mgr_; emp_, emp2_, client_, reader_
//   internal_  "Internal": manager owner_; emp_, outsider_
//   web_task_, web_task2_ (tags "design"), internal_task_ (tag "ops")
// Nobody has a rate and no project has one: each test sets what it needs.
#ifndef WORKSECTION_TESTS_TIME_MONEY_TIME_MONEY_TEST_H_
#define WORKSECTION_TESTS_TIME_MONEY_TIME_MONEY_TEST_H_

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/pg_testing.h"
#include "tests/store_contents.h"
#include "tests/testing.h"
#include "worksection/ids.h"
#include "worksection/limits.h"
#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/query.h"
#include "worksection/rollup.h"
#include "worksection/session.h"
#include "worksection/store.h"
#include "worksection/time_tracking.h"
#include "worksection/workspace.h"

namespace worksection {
namespace time_money {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::worksection::testing::IsOk;
using ::worksection::testing::StatusIs;

inline std::vector<std::string> StoreUris() {
  return {"memory:", "sqlite:$TMP/ws.db", ::worksection::testing::kPgUriParam};
}

inline std::string StoreName(const ::testing::TestParamInfo<std::string>& p) {
  std::string name;
  for (char c : p.param) {
    if (c == ':') break;
    if (std::isalnum(static_cast<unsigned char>(c))) name += c;
  }
  return name;
}

inline absl::Time Utc(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss),
                         absl::UTCTimeZone());
}
inline absl::CivilDay Day(int y, int m, int d) {
  return absl::CivilDay(y, m, d);
}
// 2024-03-15 10:30:00 UTC = 11:30 in Berlin (CET, UTC+1, until 31 March).
inline absl::Time StartNow() { return Utc(2024, 3, 15, 10, 30); }

// A settable clock: the workspace reads it, the test advances it.
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
  void Advance(absl::Duration d) {
    absl::MutexLock lock(&mu_);
    now_ += d;
  }

 private:
  mutable absl::Mutex mu_;
  absl::Time now_;
};

// ---------------------------------------------------------------------------
// Dumps: every field as one line, so EXPECT_EQ on two dumps compares every
// field and prints a readable difference.

inline std::string Esc(const std::string& s) {
  return absl::StrCat("\"", absl::CHexEscape(s), "\"");
}
inline std::string TimeText(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", t, absl::UTCTimeZone());
}
template <typename T, typename F>
std::string Opt(const std::optional<T>& v, F f) {
  return v ? f(*v) : std::string("-");
}
inline std::string DayText(absl::CivilDay d) {
  return absl::FormatCivilTime(d);
}
inline std::string OptMoney(const std::optional<Money>& m) {
  return Opt(m, [](Money v) { return absl::StrCat(v); });
}
inline std::string OptDuration(const std::optional<absl::Duration>& d) {
  return Opt(d, [](absl::Duration v) { return absl::FormatDuration(v); });
}
inline std::string OptDay(const std::optional<absl::CivilDay>& d) {
  return Opt(d, DayText);
}

inline std::string Dump(const WorkspaceSettings& s) {
  return absl::StrCat(
      "settings{rev=", s.revision, " name=", Esc(s.name), " tz=", s.time_zone,
      " cur=", s.currency, " week_start=", static_cast<int>(s.week_start),
      " forgotten_after=", absl::FormatDuration(s.forgotten_timer_after), "}");
}

inline std::string Dump(const Member& m) {
  return absl::StrCat(
      "member{id=", m.id.value(), " rev=", m.revision, " name=", Esc(m.name),
      " email=", Esc(m.email), " role=", static_cast<int>(m.role),
      " company=", Esc(m.company), " cost=", OptMoney(m.cost_rate),
      " billing=", OptMoney(m.billing_rate), " active=", m.active,
      " created=", TimeText(m.created_at), " updated=", TimeText(m.updated_at),
      "}");
}

inline std::string Dump(const Project& p) {
  std::vector<std::string> members;
  for (const ProjectMember& pm : p.members) {
    members.push_back(absl::StrCat(pm.member.value(), ":",
                                   static_cast<int>(pm.role), ":",
                                   OptMoney(pm.billing_rate)));
  }
  return absl::StrCat(
      "project{id=", p.id.value(), " rev=", p.revision, " name=", Esc(p.name),
      " status=", static_cast<int>(p.status), " manager=", p.manager.value(),
      " time_budget=", OptDuration(p.time_budget),
      " money_budget=", OptMoney(p.money_budget),
      " billing=", OptMoney(p.billing_rate), " tags=[",
      absl::StrJoin(p.tags, ","), "] members=[", absl::StrJoin(members, ","),
      "] rounding=", static_cast<int>(p.rounding.mode), "/", p.rounding.minutes,
      " clients_see_hours=", p.clients_see_hours,
      " created=", TimeText(p.created_at), " updated=", TimeText(p.updated_at),
      "}");
}

inline std::string Dump(const Task& t) {
  return absl::StrCat(
      "task{id=", t.id.value(), " rev=", t.revision,
      " project=", t.project.value(), " parent=", t.parent.value(),
      " title=", Esc(t.title), " assignee=", t.assignee.value(),
      " estimate=", OptDuration(t.estimate),
      " money_budget=", OptMoney(t.money_budget), " tags=[",
      absl::StrJoin(t.tags, ","), "] hidden=", t.hidden_from_clients,
      " updated=", TimeText(t.updated_at), "}");
}

inline std::string Dump(const TimeEntry& e) {
  return absl::StrCat("entry{id=", e.id.value(), " rev=", e.revision,
                      " task=", e.task.value(), " project=", e.project.value(),
                      " member=", e.member.value(), " date=", DayText(e.date),
                      " start=", Opt(e.start, TimeText),
                      " duration=", absl::FormatDuration(e.duration),
                      " billed=", absl::FormatDuration(e.billed_duration),
                      " billable=", e.billable, " note=", Esc(e.note),
                      " billing_rate=", OptMoney(e.billing_rate),
                      " cost_rate=", OptMoney(e.cost_rate),
                      " billed_amount=", OptMoney(e.billed_amount),
                      " labour_cost=", OptMoney(e.labour_cost),
                      " created=", TimeText(e.created_at),
                      " updated=", TimeText(e.updated_at), "}");
}

inline std::string Dump(const Timer& t) {
  return absl::StrCat(
      "timer{member=", t.member.value(), " task=", t.task.value(),
      " started=", TimeText(t.started_at), " forgotten=", t.forgotten, "}");
}

inline std::string Dump(const Cost& c) {
  return absl::StrCat("cost{id=", c.id.value(), " rev=", c.revision,
                      " project=", c.project.value(), " task=", c.task.value(),
                      " kind=", static_cast<int>(c.kind), " amount=", c.amount,
                      " date=", DayText(c.date), " note=", Esc(c.note),
                      " author=", c.author.value(),
                      " created=", TimeText(c.created_at),
                      " updated=", TimeText(c.updated_at), "}");
}

inline std::string Dump(const PeriodLock& l) {
  return absl::StrCat("lock{id=", l.id.value(), " project=", l.project.value(),
                      " through=", DayText(l.through),
                      " author=", l.author.value(),
                      " created=", TimeText(l.created_at), "}");
}

inline std::string Dump(const RollupTotals& t) {
  return absl::StrCat("{s=", t.seconds, " bs=", t.billable_seconds,
                      " amt=", t.billed_amount, " cost=", t.labour_cost,
                      " n=", t.entry_count, "}");
}

inline std::string Dump(const RollupRow& r) {
  return absl::StrCat("rollup{p=", r.key.project.value(),
                      " t=", r.key.task.value(), " m=", r.key.member.value(),
                      " d=", DayText(r.key.day), " ", Dump(r.totals), "}");
}

inline std::string Dump(const BudgetAlert& a) {
  return absl::StrCat(
      "alert{project=", a.project.value(), " task=", a.task.value(),
      " kind=", a.kind == BudgetAlert::Kind::kTime ? "time" : "money",
      " percent=", a.percent, " at=", TimeText(a.crossed_at), "}");
}

inline std::string Dump(const BudgetUsage& u) {
  auto pct = [](double v) { return absl::StrCat(v); };
  return absl::StrCat("usage{time_budget=", OptDuration(u.time_budget),
                      " time_used=", absl::FormatDuration(u.time_used),
                      " time_remaining=", OptDuration(u.time_remaining),
                      " time_percent=", Opt(u.time_percent, pct),
                      " money_budget=", OptMoney(u.money_budget),
                      " money_used=", OptMoney(u.money_used),
                      " money_remaining=", OptMoney(u.money_remaining),
                      " money_percent=", Opt(u.money_percent, pct), "}");
}

template <typename T>
std::vector<std::string> Dumps(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const T& item : items) out.push_back(Dump(item));
  return out;
}

template <typename T>
std::vector<int64_t> Ids(const std::vector<T>& items) {
  std::vector<int64_t> ids;
  for (const T& item : items) ids.push_back(item.id.value());
  return ids;
}

// ---------------------------------------------------------------------------
// Builders.

inline Member NewMember(std::string name, std::string email, Role role) {
  Member m;
  m.name = std::move(name);
  m.email = std::move(email);
  m.role = role;
  return m;
}

inline Task NewTask(ProjectId project, std::string title,
                    TaskId parent = TaskId()) {
  Task t;
  t.project = project;
  t.title = std::move(title);
  t.parent = parent;
  return t;
}

inline TimeLog Log(TaskId task, absl::Duration duration, absl::CivilDay date,
                   MemberId member = MemberId()) {
  TimeLog log;
  log.task = task;
  log.member = member;
  log.duration = duration;
  log.date = date;
  return log;
}

inline Cost NewCost(ProjectId project, TaskId task, Cost::Kind kind,
                    Money amount, absl::CivilDay date, std::string note = "") {
  Cost c;
  c.project = project;
  c.task = task;
  c.kind = kind;
  c.amount = amount;
  c.date = date;
  c.note = std::move(note);
  return c;
}

// The rollups a store should hold for `entries` (tests/store_contents.h).
using ::worksection::testing::SumRollups;

// ---------------------------------------------------------------------------
// The fixture.
class TimeMoneyTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    uri_ =
        ::worksection::testing::ExpandStoreUri(GetParam(), tmp_.path(), &pg_);
    OpenOptions options;
    WorkspaceSetup setup;
    setup.name = "Acme Agency";
    setup.time_zone = "Europe/Berlin";
    setup.currency = "EUR";
    setup.owner_name = "Olga Owner";
    setup.owner_email = "olga@example.com";
    options.create = setup;
    std::shared_ptr<TestClock> clock = clock_;
    options.clock = [clock] { return clock->Now(); };
    absl::StatusOr<std::unique_ptr<Workspace>> ws =
        Workspace::Open(uri_, std::move(options));
    ASSERT_TRUE(ws.ok()) << uri_ << ": " << ws.status();
    ws_ = *std::move(ws);
    absl::StatusOr<Member> owner = ws_->FirstOwner();
    ASSERT_TRUE(owner.ok()) << owner.status();
    owner_ = owner->id;

    auto add = [&](const char* name, const char* email, Role role,
                   MemberId* id) {
      absl::StatusOr<Member> m =
          Owner().CreateMember(NewMember(name, email, role));
      ASSERT_TRUE(m.ok()) << m.status();
      *id = m->id;
    };
    add("Ada Admin", "ada@example.com", Role::kAdmin, &admin_);
    add("Max Manager", "max@example.com", Role::kEmployee, &mgr_);
    add("Emil Employee", "emil@example.com", Role::kEmployee, &emp_);
    add("Erna Employee", "erna@example.com", Role::kEmployee, &emp2_);
    add("Otto Outsider", "otto@example.com", Role::kEmployee, &outsider_);
    add("Clara Client", "clara@client.example", Role::kClient, &client_);
    add("Rita Reader", "rita@example.com", Role::kReader, &reader_);
    if (HasFatalFailure()) return;

    Project web;
    web.name = "Website";
    web.manager = mgr_;
    web.members = {{emp_, ProjectRole::kMember},
                   {emp2_, ProjectRole::kMember},
                   {client_, ProjectRole::kClient},
                   {reader_, ProjectRole::kMember}};
    absl::StatusOr<Project> p = Owner().CreateProject(web);
    ASSERT_TRUE(p.ok()) << p.status();
    web_ = p->id;
    Project internal;
    internal.name = "Internal";
    internal.manager = owner_;
    internal.members = {{emp_, ProjectRole::kMember},
                        {outsider_, ProjectRole::kMember}};
    p = Owner().CreateProject(internal);
    ASSERT_TRUE(p.ok()) << p.status();
    internal_ = p->id;

    Task t = NewTask(web_, "Landing page");
    t.tags = {"design"};
    absl::StatusOr<Task> task = Owner().CreateTask(t);
    ASSERT_TRUE(task.ok()) << task.status();
    web_task_ = task->id;
    t = NewTask(web_, "Pricing page");
    t.tags = {"design"};
    task = Owner().CreateTask(t);
    ASSERT_TRUE(task.ok()) << task.status();
    web_task2_ = task->id;
    t = NewTask(internal_, "Server upkeep");
    t.tags = {"ops"};
    task = Owner().CreateTask(t);
    ASSERT_TRUE(task.ok()) << task.status();
    internal_task_ = task->id;
  }

  Session Owner() { return ws_->As(owner_); }
  Session Admin() { return ws_->As(admin_); }
  Session Mgr() { return ws_->As(mgr_); }
  Session Emp() { return ws_->As(emp_); }
  Session Emp2() { return ws_->As(emp2_); }
  Session Outsider() { return ws_->As(outsider_); }
  Session Client() { return ws_->As(client_); }
  Session Reader() { return ws_->As(reader_); }

  absl::Time Now() const { return clock_->Now(); }
  void Advance(absl::Duration d) { clock_->Advance(d); }
  void SetNow(absl::Time t) { clock_->Set(t); }

  // Sets a member's hourly rates (as the owner).
  void SetMemberRates(MemberId id, Money cost, Money billing) {
    absl::StatusOr<Member> m = Owner().GetMember(id);
    ASSERT_TRUE(m.ok()) << m.status();
    m->cost_rate = cost;
    m->billing_rate = billing;
    absl::StatusOr<Member> updated = Owner().UpdateMember(*m);
    ASSERT_TRUE(updated.ok()) << updated.status();
  }

  // Reads a project as the owner, lets `edit` change it, writes it back.
  template <typename F>
  void EditProject(ProjectId id, F edit) {
    absl::StatusOr<Project> p = Owner().GetProject(id);
    ASSERT_TRUE(p.ok()) << p.status();
    edit(*p);
    absl::StatusOr<Project> updated = Owner().UpdateProject(*p);
    ASSERT_TRUE(updated.ok()) << updated.status();
  }
  void SetProjectRate(ProjectId id, std::optional<Money> rate) {
    EditProject(id, [&](Project& p) { p.billing_rate = rate; });
  }
  void SetOverride(ProjectId id, MemberId member, std::optional<Money> rate) {
    EditProject(id, [&](Project& p) {
      for (ProjectMember& pm : p.members) {
        if (pm.member == member) pm.billing_rate = rate;
      }
    });
  }
  void SetRounding(ProjectId id, Rounding::Mode mode, int minutes) {
    EditProject(id, [&](Project& p) { p.rounding = Rounding{mode, minutes}; });
  }

  // Every time entry in the store, straight from it (nothing redacted).
  std::vector<TimeEntry> StoredEntries() {
    absl::StatusOr<std::unique_ptr<Transaction>> tx =
        ws_->store().Begin(Store::Mode::kRead);
    if (!tx.ok()) {
      ADD_FAILURE() << "Begin: " << tx.status();
      return {};
    }
    TimeEntryScan scan;
    scan.limit = 10'000'000;
    absl::StatusOr<std::vector<TimeEntry>> entries =
        (*tx)->ScanTimeEntries(scan);
    if (!entries.ok()) {
      ADD_FAILURE() << "ScanTimeEntries: " << entries.status();
      return {};
    }
    return *std::move(entries);
  }

  // Every rollup row in the store.
  std::vector<RollupRow> StoredRollups() {
    absl::StatusOr<std::unique_ptr<Transaction>> tx =
        ws_->store().Begin(Store::Mode::kRead);
    if (!tx.ok()) {
      ADD_FAILURE() << "Begin: " << tx.status();
      return {};
    }
    absl::StatusOr<std::vector<RollupRow>> rows =
        (*tx)->ScanRollups(RollupScan{});
    if (!rows.ok()) {
      ADD_FAILURE() << "ScanRollups: " << rows.status();
      return {};
    }
    return *std::move(rows);
  }

  // Rollups equal to the sums over the entries, as one comparable text.
  void ExpectRollupsMatchEntries() {
    EXPECT_EQ(absl::StrJoin(Dumps(StoredRollups()), "\n"),
              absl::StrJoin(Dumps(SumRollups(StoredEntries())), "\n"));
  }

  // The entries the owner reads through the Session, every page.
  std::vector<TimeEntry> ListAll(Session s, TimeEntryFilter filter = {}) {
    std::vector<TimeEntry> all;
    filter.limit = limits::kMaxPageSize;
    while (true) {
      absl::StatusOr<TimeEntryPage> page = s.ListTimeEntries(filter);
      if (!page.ok()) {
        ADD_FAILURE() << "ListTimeEntries: " << page.status();
        return all;
      }
      all.insert(all.end(), page->entries.begin(), page->entries.end());
      if (page->next_page_token.empty()) return all;
      filter.page_token = page->next_page_token;
    }
  }

  // Everything stored, every field of it, as the owner and the store see
  // it: compared before and after a failing call to show it changed
  // nothing. Includes entries, timers, costs, locks, rollups and alerts.
  std::string Snapshot() {
    std::vector<std::string> lines;
    Session s = Owner();
    absl::StatusOr<WorkspaceSettings> settings = s.GetSettings();
    if (!settings.ok()) return SnapshotError(settings.status());
    lines.push_back(Dump(*settings));
    MemberFilter mf;
    mf.include_inactive = true;
    absl::StatusOr<std::vector<Member>> members = s.ListMembers(mf);
    if (!members.ok()) return SnapshotError(members.status());
    for (const Member& m : *members) lines.push_back(Dump(m));
    ProjectFilter pf;
    pf.include_archived = true;
    absl::StatusOr<std::vector<Project>> projects = s.ListProjects(pf);
    if (!projects.ok()) return SnapshotError(projects.status());
    for (const Project& p : *projects) {
      lines.push_back(Dump(p));
      absl::StatusOr<std::vector<BudgetAlert>> alerts =
          s.ListBudgetAlerts(p.id);
      if (!alerts.ok()) return SnapshotError(alerts.status());
      for (const BudgetAlert& a : *alerts) lines.push_back(Dump(a));
    }
    TaskFilter tf;
    tf.limit = limits::kMaxPageSize;
    absl::StatusOr<TaskPage> tasks = s.ListTasks(tf);
    if (!tasks.ok()) return SnapshotError(tasks.status());
    for (const Task& t : tasks->tasks) lines.push_back(Dump(t));
    for (const TimeEntry& e : StoredEntries()) lines.push_back(Dump(e));
    absl::StatusOr<std::vector<Timer>> timers = s.ListTimers();
    if (!timers.ok()) return SnapshotError(timers.status());
    for (const Timer& t : *timers) lines.push_back(Dump(t));
    absl::StatusOr<std::vector<Cost>> costs = s.ListCosts();
    if (!costs.ok()) return SnapshotError(costs.status());
    for (const Cost& c : *costs) lines.push_back(Dump(c));
    absl::StatusOr<std::vector<PeriodLock>> locks = s.ListLocks();
    if (!locks.ok()) return SnapshotError(locks.status());
    for (const PeriodLock& l : *locks) lines.push_back(Dump(l));
    for (const RollupRow& r : StoredRollups()) lines.push_back(Dump(r));
    return absl::StrJoin(lines, "\n");
  }

  static std::string SnapshotError(const absl::Status& status) {
    ADD_FAILURE() << "Snapshot: " << status;
    return status.ToString();
  }

  std::shared_ptr<TestClock> clock_ = std::make_shared<TestClock>(StartNow());
  ::worksection::testing::TempDir tmp_;
  std::unique_ptr<::worksection::testing::PgSchema> pg_;  // PostgreSQL only
  std::string uri_;
  std::unique_ptr<Workspace> ws_;
  MemberId owner_, admin_, mgr_, emp_, emp2_, outsider_, client_, reader_;
  ProjectId web_, internal_;
  TaskId web_task_, web_task2_, internal_task_;
};

#define WS_TM_INSTANTIATE(suite)                                   \
  INSTANTIATE_TEST_SUITE_P(                                        \
      Stores, suite,                                               \
      ::testing::ValuesIn(::worksection::time_money::StoreUris()), \
      ::worksection::time_money::StoreName)

}  // namespace time_money

inline void PrintTo(const TimeEntry& v, std::ostream* os) {
  *os << time_money::Dump(v);
}
inline void PrintTo(const Timer& v, std::ostream* os) {
  *os << time_money::Dump(v);
}
inline void PrintTo(const Cost& v, std::ostream* os) {
  *os << time_money::Dump(v);
}
inline void PrintTo(const BudgetAlert& v, std::ostream* os) {
  *os << time_money::Dump(v);
}
inline void PrintTo(const RollupRow& v, std::ostream* os) {
  *os << time_money::Dump(v);
}

}  // namespace worksection

#endif  // WORKSECTION_TESTS_TIME_MONEY_TIME_MONEY_TEST_H_
