// The Session conformance suite's shared fixture. Every TEST_P runs once per
// store URI, through the public API only: Workspace::Open with a fixed clock,
// then Sessions acting as members.
//
// To hold another store to the suite, add its URI to StoreUris() (and, if it
// keeps its data across a close, to PersistentStoreUris()).
#ifndef WORKSECTION_TESTS_CONFORMANCE_SESSION_TEST_H_
#define WORKSECTION_TESTS_CONFORMANCE_SESSION_TEST_H_

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
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/pg_testing.h"
#include "tests/testing.h"
#include "worksection/events.h"
#include "worksection/ids.h"
#include "worksection/limits.h"
#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/query.h"
#include "worksection/session.h"
#include "worksection/time_tracking.h"
#include "worksection/workspace.h"

namespace worksection {
namespace session_conformance {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::worksection::testing::IsOk;
using ::worksection::testing::StatusIs;

// The stores under test. "$TMP" is replaced by the test's temp dir.
inline std::vector<std::string> StoreUris() {
  return {"memory:", "sqlite:$TMP/ws.db", ::worksection::testing::kPgUriParam};
}

// Stores whose data outlives the Workspace: closed and reopened by the
// persistence and read-only tests.
inline std::vector<std::string> PersistentStoreUris() {
  return {"sqlite:$TMP/ws.db", ::worksection::testing::kPgUriParam};
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

// The fixed "now" of every workspace in the suite: 2024-03-15 10:30:00 UTC,
// which is 11:30 in Europe/Berlin, the suite's workspace time zone.
inline absl::Time FixedNow() {
  return absl::FromCivil(absl::CivilSecond(2024, 3, 15, 10, 30, 0),
                         absl::UTCTimeZone());
}
inline absl::CivilDay Day(int y, int m, int d) {
  return absl::CivilDay(y, m, d);
}

inline WorkspaceSetup DefaultSetup() {
  WorkspaceSetup setup;
  setup.name = "Acme Agency";
  setup.time_zone = "Europe/Berlin";
  setup.currency = "EUR";
  setup.week_start = absl::Weekday::sunday;
  setup.owner_name = "Olga Owner";
  setup.owner_email = " Olga@Example.COM ";
  return setup;
}

inline OpenOptions DefaultOptions() {
  OpenOptions options;
  options.create = DefaultSetup();
  options.clock = [] { return FixedNow(); };
  return options;
}

// Every event `s` may see after `after`, following pages of `limit`.
inline std::vector<Event> AllChanges(Session s, int64_t after = 0,
                                     int limit = 1000) {
  std::vector<Event> out;
  while (true) {
    absl::StatusOr<ChangesPage> page = s.ChangesSince(after, limit);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) return out;
    for (Event& e : page->events) out.push_back(std::move(e));
    after = page->last_seq;
    if (!page->has_more) return out;
  }
}

inline int64_t LastSeq(Session s) {
  std::vector<Event> all = AllChanges(s);
  return all.empty() ? 0 : all.back().seq;
}

inline const FieldChange* FindChange(const Event& e, const std::string& field) {
  for (const FieldChange& c : e.changes) {
    if (c.field == field) return &c;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------
// Dumps: every field of an entity as one line, so that EXPECT_EQ on two dumps
// compares every field and prints a readable difference.

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
inline std::string OptDay(const std::optional<absl::CivilDay>& d) {
  return Opt(d, DayText);
}
inline std::string OptMoney(const std::optional<Money>& m) {
  return Opt(m, [](Money v) { return absl::StrCat(v); });
}
inline std::string OptDuration(const std::optional<absl::Duration>& d) {
  return Opt(d, [](absl::Duration v) { return absl::FormatDuration(v); });
}
inline std::string Tags(const std::vector<std::string>& tags) {
  std::vector<std::string> escaped;
  for (const std::string& t : tags) escaped.push_back(Esc(t));
  return absl::StrCat("[", absl::StrJoin(escaped, ","), "]");
}

inline std::string Dump(const WorkspaceSettings& s) {
  return absl::StrCat("settings{rev=", s.revision, " name=", Esc(s.name),
                      " tz=", s.time_zone, " cur=", s.currency,
                      " week_start=", static_cast<int>(s.week_start), "}");
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
    members.push_back(
        absl::StrCat(pm.member.value(), ":", static_cast<int>(pm.role)));
  }
  return absl::StrCat(
      "project{id=", p.id.value(), " rev=", p.revision, " name=", Esc(p.name),
      " status=", static_cast<int>(p.status), " folder=", Esc(p.folder),
      " manager=", p.manager.value(), " start=", OptDay(p.start_date),
      " deadline=", OptDay(p.deadline),
      " time_budget=", OptDuration(p.time_budget),
      " money_budget=", OptMoney(p.money_budget),
      " billing=", OptMoney(p.billing_rate), " tags=", Tags(p.tags),
      " members=[", absl::StrJoin(members, ","), "]",
      " created=", TimeText(p.created_at), " updated=", TimeText(p.updated_at),
      "}");
}

inline std::string Dump(const Task& t) {
  std::vector<std::string> checklist;
  for (const ChecklistItem& c : t.checklist) {
    checklist.push_back(absl::StrCat(Esc(c.text), c.done ? "+" : "-"));
  }
  std::vector<std::string> subscribers;
  for (MemberId id : t.subscribers)
    subscribers.push_back(absl::StrCat(id.value()));
  return absl::StrCat(
      "task{id=", t.id.value(), " rev=", t.revision,
      " project=", t.project.value(), " parent=", t.parent.value(),
      " title=", Esc(t.title), " text=", Esc(t.text),
      " author=", t.author.value(), " assignee=", t.assignee.value(),
      " priority=", t.priority, " status=", static_cast<int>(t.status),
      " start=", OptDay(t.start_date), " deadline=",
      Opt(t.deadline,
          [](const Deadline& d) {
            return absl::StrCat(
                DayText(d.day), "@",
                d.minute_of_day ? absl::StrCat(*d.minute_of_day) : "-");
          }),
      " estimate=", OptDuration(t.estimate),
      " money_budget=", OptMoney(t.money_budget), " tags=", Tags(t.tags),
      " checklist=[", absl::StrJoin(checklist, ","), "]", " subscribers=[",
      absl::StrJoin(subscribers, ","), "]", " hidden=", t.hidden_from_clients,
      " note=", Esc(t.completion_note),
      " completed_at=", Opt(t.completed_at, TimeText),
      " created=", TimeText(t.created_at), " updated=", TimeText(t.updated_at),
      "}");
}

inline std::string Dump(const Comment& c) {
  return absl::StrCat("comment{id=", c.id.value(), " rev=", c.revision,
                      " task=", c.task.value(), " author=", c.author.value(),
                      " text=", Esc(c.text), " hidden=", c.hidden_from_clients,
                      " created=", TimeText(c.created_at),
                      " updated=", TimeText(c.updated_at), "}");
}

inline std::string Dump(const TimeEntry& e) {
  return absl::StrCat(
      "time{id=", e.id.value(), " rev=", e.revision, " task=", e.task.value(),
      " project=", e.project.value(), " member=", e.member.value(),
      " date=", DayText(e.date), " start=", Opt(e.start, TimeText),
      " duration=", absl::FormatDuration(e.duration),
      " billed=", absl::FormatDuration(e.billed_duration),
      " billable=", e.billable, " note=", Esc(e.note),
      " rates=", OptMoney(e.billing_rate), "/", OptMoney(e.cost_rate),
      " amounts=", OptMoney(e.billed_amount), "/", OptMoney(e.labour_cost),
      "}");
}

inline std::string Dump(const Cost& c) {
  return absl::StrCat("cost{id=", c.id.value(), " rev=", c.revision,
                      " project=", c.project.value(), " task=", c.task.value(),
                      " kind=", static_cast<int>(c.kind), " amount=", c.amount,
                      " date=", DayText(c.date), " note=", Esc(c.note), "}");
}

inline std::string Dump(const PeriodLock& l) {
  return absl::StrCat("lock{id=", l.id.value(), " project=", l.project.value(),
                      " through=", DayText(l.through), "}");
}

inline std::string Dump(const Timer& t) {
  return absl::StrCat("timer{member=", t.member.value(),
                      " task=", t.task.value(),
                      " started=", TimeText(t.started_at), "}");
}

template <typename T>
std::vector<int64_t> Ids(const std::vector<T>& items) {
  std::vector<int64_t> ids;
  for (const T& item : items) ids.push_back(item.id.value());
  return ids;
}

// ---------------------------------------------------------------------------
// Builders of input structs.

inline Member NewMember(std::string name, std::string email,
                        Role role = Role::kEmployee) {
  Member m;
  m.name = std::move(name);
  m.email = std::move(email);
  m.role = role;
  return m;
}

inline Project NewProject(std::string name, MemberId manager = MemberId(),
                          std::vector<ProjectMember> members = {}) {
  Project p;
  p.name = std::move(name);
  p.manager = manager;
  p.members = std::move(members);
  return p;
}

inline Task NewTask(ProjectId project, std::string title,
                    TaskId parent = TaskId()) {
  Task t;
  t.project = project;
  t.title = std::move(title);
  t.parent = parent;
  return t;
}

inline Deadline DeadlineOn(absl::CivilDay day,
                           std::optional<int> minute = std::nullopt) {
  return Deadline{day, minute};
}

// ---------------------------------------------------------------------------
// The fixture: a workspace set up with DefaultSetup() in a fresh store, an
// owner, an employee, a client and two projects:
//   web_       manager owner; employee (member), client (client)
//   internal_  manager owner; nobody else
class SessionTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    uri_ =
        ::worksection::testing::ExpandStoreUri(GetParam(), tmp_.path(), &pg_);
    absl::StatusOr<std::unique_ptr<Workspace>> ws =
        Workspace::Open(uri_, DefaultOptions());
    ASSERT_TRUE(ws.ok()) << uri_ << ": " << ws.status();
    ws_ = *std::move(ws);
    absl::StatusOr<Member> owner = ws_->FirstOwner();
    ASSERT_TRUE(owner.ok()) << owner.status();
    owner_id_ = owner->id;

    absl::StatusOr<Member> employee = Owner().CreateMember(
        NewMember("Emil Employee", "emil@example.com", Role::kEmployee));
    ASSERT_TRUE(employee.ok()) << employee.status();
    employee_id_ = employee->id;
    absl::StatusOr<Member> client = Owner().CreateMember(
        NewMember("Clara Client", "clara@client.example", Role::kClient));
    ASSERT_TRUE(client.ok()) << client.status();
    client_id_ = client->id;

    absl::StatusOr<Project> web =
        Owner().CreateProject(NewProject("Website", owner_id_,
                                         {{employee_id_, ProjectRole::kMember},
                                          {client_id_, ProjectRole::kClient}}));
    ASSERT_TRUE(web.ok()) << web.status();
    web_ = web->id;
    absl::StatusOr<Project> internal =
        Owner().CreateProject(NewProject("Internal", owner_id_));
    ASSERT_TRUE(internal.ok()) << internal.status();
    internal_ = internal->id;
  }

  Session Owner() { return ws_->As(owner_id_); }
  Session Employee() { return ws_->As(employee_id_); }
  Session Client() { return ws_->As(client_id_); }

  // Closes the workspace and opens the same URI again (for stores that
  // persist), with `options` (DefaultOptions() when unset).
  absl::Status Reopen(std::optional<OpenOptions> options = std::nullopt) {
    ws_.reset();
    absl::StatusOr<std::unique_ptr<Workspace>> ws =
        Workspace::Open(uri_, options ? *std::move(options) : DefaultOptions());
    if (!ws.ok()) return ws.status();
    ws_ = *std::move(ws);
    return absl::OkStatus();
  }

  // Every task the owner sees, through all pages.
  absl::StatusOr<std::vector<Task>> AllTasks(TaskFilter filter = {}) {
    std::vector<Task> all;
    filter.limit = limits::kMaxPageSize;
    while (true) {
      absl::StatusOr<TaskPage> page = Owner().ListTasks(filter);
      if (!page.ok()) return page.status();
      all.insert(all.end(), page->tasks.begin(), page->tasks.end());
      if (page->next_page_token.empty()) return all;
      filter.page_token = page->next_page_token;
    }
  }

  // The ids ListTasks returns for `filter` on one page (limit 1000).
  std::vector<int64_t> TaskIds(TaskFilter filter) {
    filter.limit = limits::kMaxPageSize;
    absl::StatusOr<TaskPage> page = Owner().ListTasks(filter);
    if (!page.ok()) {
      ADD_FAILURE() << "ListTasks: " << page.status();
      return {};
    }
    EXPECT_THAT(page->next_page_token, IsEmpty());
    return Ids(page->tasks);
  }

  // Everything the owner can read, every field of it (time, costs, locks
  // and timers too): compared before and
  // after a failing call to show that it changed nothing.
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
    for (const Project& p : *projects) lines.push_back(Dump(p));
    absl::StatusOr<std::vector<Task>> tasks = AllTasks();
    if (!tasks.ok()) return SnapshotError(tasks.status());
    for (const Task& t : *tasks) {
      lines.push_back(Dump(t));
      absl::StatusOr<std::vector<Comment>> comments = s.ListComments(t.id);
      if (!comments.ok()) return SnapshotError(comments.status());
      for (const Comment& c : *comments) lines.push_back(Dump(c));
    }
    TimeEntryFilter tf;
    tf.limit = limits::kMaxPageSize;
    while (true) {
      absl::StatusOr<TimeEntryPage> page = s.ListTimeEntries(tf);
      if (!page.ok()) return SnapshotError(page.status());
      for (const TimeEntry& e : page->entries) lines.push_back(Dump(e));
      if (page->next_page_token.empty()) break;
      tf.page_token = page->next_page_token;
    }
    for (const absl::Status& listed :
         {AppendDumps(s.ListCosts(), lines), AppendDumps(s.ListLocks(), lines),
          AppendDumps(s.ListTimers(), lines)}) {
      if (!listed.ok()) return SnapshotError(listed);
    }
    return absl::StrJoin(lines, "\n");
  }

  // Appends the dump of every item listed, or answers the list's error.
  template <typename T>
  static absl::Status AppendDumps(const absl::StatusOr<std::vector<T>>& items,
                                  std::vector<std::string>& lines) {
    if (!items.ok()) return items.status();
    for (const T& item : *items) lines.push_back(Dump(item));
    return absl::OkStatus();
  }

  // A snapshot that cannot be taken fails the test (two equal error texts
  // must not pass for "unchanged").
  static std::string SnapshotError(const absl::Status& status) {
    ADD_FAILURE() << "Snapshot: " << status;
    return status.ToString();
  }

  ::worksection::testing::TempDir tmp_;

  std::unique_ptr<::worksection::testing::PgSchema> pg_;  // PostgreSQL only
  std::string uri_;
  std::unique_ptr<Workspace> ws_;
  MemberId owner_id_;
  MemberId employee_id_;
  MemberId client_id_;
  ProjectId web_;
  ProjectId internal_;
};

// Instantiates `suite` over every store.
#define WS_INSTANTIATE_ALL_STORES(suite)                                    \
  INSTANTIATE_TEST_SUITE_P(                                                 \
      Stores, suite,                                                        \
      ::testing::ValuesIn(::worksection::session_conformance::StoreUris()), \
      ::worksection::session_conformance::StoreName)

#define WS_INSTANTIATE_PERSISTENT_STORES(suite)                       \
  INSTANTIATE_TEST_SUITE_P(                                           \
      Stores, suite,                                                  \
      ::testing::ValuesIn(                                            \
          ::worksection::session_conformance::PersistentStoreUris()), \
      ::worksection::session_conformance::StoreName)

}  // namespace session_conformance

// Readable gtest output for the model's values.
inline void PrintTo(const Member& v, std::ostream* os) {
  *os << session_conformance::Dump(v);
}
inline void PrintTo(const Project& v, std::ostream* os) {
  *os << session_conformance::Dump(v);
}
inline void PrintTo(const Task& v, std::ostream* os) {
  *os << session_conformance::Dump(v);
}
inline void PrintTo(const Comment& v, std::ostream* os) {
  *os << session_conformance::Dump(v);
}
inline void PrintTo(const Deadline& d, std::ostream* os) {
  *os << d.day;
  if (d.minute_of_day) *os << " minute " << *d.minute_of_day;
}
inline void PrintTo(const ChecklistItem& c, std::ostream* os) {
  *os << "{\"" << c.text << "\", " << (c.done ? "done" : "open") << "}";
}
inline void PrintTo(const ProjectMember& m, std::ostream* os) {
  *os << "{" << m.member << ", role " << static_cast<int>(m.role) << "}";
}

}  // namespace worksection

#endif  // WORKSECTION_TESTS_CONFORMANCE_SESSION_TEST_H_
