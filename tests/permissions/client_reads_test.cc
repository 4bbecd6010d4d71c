// A client reads through every path the library has (get, list, filters,
// every report, every export format) and never receives a task or comment
// hidden from clients, nor any rate, cost, amount, budget in money or margin.
// The hidden texts and the money are distinctive markers, searched for in
// the bytes each path returns; the same paths read as the owner show every
// marker, so a marker that is absent for the client is absent for a reason.
//
// Adding a read path is one line in ReadPaths(). A snapshot is no read
// path for a client: ExportSnapshot refuses one (a test below).
#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "agency.h"
#include "tests/conformance/session_test.h"
#include "unzip.h"
#include "worksection/events.h"
#include "worksection/export.h"
#include "worksection/snapshot.h"

namespace worksection::testing {
namespace {

using session_conformance::Dump;
using session_conformance::OptMoney;

// Distinctive values: none of them is an id, a date, a duration or a count
// the fixture could produce by chance.
constexpr Money kRate = 777771;           // the project's billing rate, 7777.71
constexpr Money kCost = 333332;           // the member's cost rate, 3333.32
constexpr Money kMargin = kRate - kCost;  // one hour: 4444.39
constexpr Money kMemberBilling = 606061;  // overridden by the project's rate
constexpr Money kProjectBudget = 919191;
constexpr Money kTaskBudget = 828282;
constexpr Money kExpense = 616161;
constexpr Money kIncome = 515151;

// The text markers, each in one hidden place.
const char* const kHiddenTexts[] = {
    "ZqxHiddenTitle", "ZqxHiddenText",    "zqxhiddentag",      "ZqxHiddenCheck",
    "ZqxSubOfHidden", "ZqxHiddenComment", "ZqxHiddenTimeNote", "ZqxCostNote",
};

// A money value as any export may print it: minor units, and major units
// with a decimal point or a decimal comma.
std::vector<std::string> Spellings(Money m) {
  const std::string major = absl::StrCat(m / 100);
  const std::string cents = absl::StrCat(m % 100 < 10 ? "0" : "", m % 100);
  return {absl::StrCat(m), absl::StrCat(major, ".", cents),
          absl::StrCat(major, ",", cents)};
}

// Each marker with the ways it may be written.
std::vector<std::vector<std::string>> Markers() {
  std::vector<std::vector<std::string>> all;
  for (const char* text : kHiddenTexts) all.push_back({text});
  for (Money m : {kRate, kCost, kMargin, kMemberBilling, kProjectBudget,
                  kTaskBudget, kExpense, kIncome}) {
    all.push_back(Spellings(m));
  }
  return all;
}

std::string Dump(const BudgetUsage& b) {
  return absl::StrCat("budget used ", absl::ToInt64Seconds(b.time_used),
                      "s money ", OptMoney(b.money_budget), " ",
                      OptMoney(b.money_used), " ", OptMoney(b.money_remaining));
}

template <typename T>
std::string DumpAll(const std::vector<T>& items) {
  std::string out;
  for (const T& item : items) absl::StrAppend(&out, Dump(item), "\n");
  return out;
}

// A read path: what it returns, as bytes to search.
using Reader = std::function<absl::StatusOr<std::string>(Session&)>;
struct ReadPath {
  std::string name;
  Reader read;
};

template <typename T, typename F>
Reader Via(std::function<absl::StatusOr<T>(Session&)> call, F render) {
  return [call, render](Session& s) -> absl::StatusOr<std::string> {
    absl::StatusOr<T> got = call(s);
    if (!got.ok()) return got.status();
    return render(*got);
  };
}

// Every export format of a report: CSV (both separators), XLSX (its cells,
// unzipped), JSON; plus the struct's own dump when it has one.
template <typename Report>
absl::StatusOr<std::string> AllFormats(const Report& report) {
  CsvOptions semicolon;
  semicolon.separator = CsvOptions::Separator::kSemicolon;
  semicolon.decimal_comma = true;
  std::string out = ExportCsv(report) + ExportCsv(report, semicolon);
  absl::StatusOr<std::string> xlsx = ExportXlsx(report);
  if (!xlsx.ok()) return xlsx.status();
  absl::StatusOr<std::string> cells = UnzipAll(*xlsx);
  if (!cells.ok()) return cells.status();
  absl::StatusOr<std::string> json = ExportJson(report);
  if (!json.ok()) return json.status();
  return absl::StrCat(out, *cells, *json);
}

class PermissionsClientReads : public AgencyTest {
 protected:
  void SetUp() override {
    AgencyTest::SetUp();
    if (HasFatalFailure()) return;
    Session owner = Owner();
    WS_ASSERT_OK_AND_ASSIGN(Member mo, NewMember("Mo Money", Role::kEmployee));
    mo.cost_rate = kCost;
    mo.billing_rate = kMemberBilling;
    WS_ASSERT_OK_AND_ASSIGN(mo, owner.UpdateMember(mo));
    mo_ = mo.id;
    Project m;
    m.name = "Margins";
    m.manager = a_.manager;
    m.money_budget = kProjectBudget;
    m.billing_rate = kRate;
    m.clients_see_hours = true;
    m.members = {{mo_, ProjectRole::kMember},
                 {a_.client, ProjectRole::kClient}};
    WS_ASSERT_OK_AND_ASSIGN(Project made, owner.CreateProject(m));
    m_ = made.id;

    const absl::CivilDay past(2024, 2, 20);
    Task visible;
    visible.project = m_;
    visible.title = "Visible work";
    visible.assignee = mo_;
    visible.money_budget = kTaskBudget;
    visible.estimate = absl::Hours(10);
    visible.tags = {"design"};
    visible.deadline = Deadline{past, std::nullopt};
    WS_ASSERT_OK_AND_ASSIGN(Task v, owner.CreateTask(visible));
    visible_ = v.id;
    Task hidden;
    hidden.project = m_;
    hidden.title = "ZqxHiddenTitle";
    hidden.text = "ZqxHiddenText";
    hidden.tags = {"zqxhiddentag"};
    hidden.checklist = {{"ZqxHiddenCheck", false}};
    hidden.assignee = mo_;
    hidden.hidden_from_clients = true;
    hidden.deadline = Deadline{past, std::nullopt};
    WS_ASSERT_OK_AND_ASSIGN(Task h, owner.CreateTask(hidden));
    hidden_ = h.id;
    Task sub;
    sub.project = m_;
    sub.parent = hidden_;
    sub.title = "ZqxSubOfHidden";
    sub.assignee = mo_;
    sub.deadline = Deadline{past, std::nullopt};
    WS_ASSERT_OK_AND_ASSIGN(Task s, owner.CreateTask(sub));
    sub_ = s.id;

    Task hidden_sub;
    hidden_sub.project = m_;
    hidden_sub.parent = visible_;
    hidden_sub.title = "ZqxHiddenTitle under a visible task";
    hidden_sub.assignee = mo_;
    hidden_sub.hidden_from_clients = true;
    WS_ASSERT_OK_AND_ASSIGN(Task hs, owner.CreateTask(hidden_sub));
    hidden_sub_ = hs.id;

    Comment c;
    c.task = visible_;
    c.text = "ZqxHiddenComment";
    c.hidden_from_clients = true;
    ASSERT_THAT(owner.CreateComment(c), IsOk());
    c.text = "Looks good";
    c.hidden_from_clients = false;
    ASSERT_THAT(owner.CreateComment(c), IsOk());

    TimeLog log;
    log.task = visible_;
    log.member = mo_;
    log.date = past;
    log.duration = absl::Hours(1);
    log.note = "visible hour";
    ASSERT_THAT(owner.LogTime(log), IsOk());
    log.task = hidden_;
    log.duration = absl::Hours(3) + absl::Minutes(33) + absl::Seconds(33);
    log.note = "ZqxHiddenTimeNote";
    ASSERT_THAT(owner.LogTime(log), IsOk());
    log.task = hidden_sub_;
    log.duration = absl::Hours(2) + absl::Minutes(22) + absl::Seconds(22);
    ASSERT_THAT(owner.LogTime(log), IsOk());

    Cost cost;
    cost.project = m_;
    cost.amount = kExpense;
    cost.date = past;
    cost.note = "ZqxCostNote";
    ASSERT_THAT(owner.CreateCost(cost), IsOk());
    cost.kind = Cost::Kind::kIncome;
    cost.amount = kIncome;
    cost.task = visible_;
    ASSERT_THAT(owner.CreateCost(cost), IsOk());
  }

  // The whole change feed the session may see, page by page, every event
  // as its JSON.
  static absl::StatusOr<std::string> ChangeFeed(Session& s) {
    std::string out;
    int64_t after = 0;
    for (;;) {
      absl::StatusOr<ChangesPage> page =
          s.ChangesSince(after, limits::kMaxPageSize);
      if (!page.ok()) return page.status();
      for (const Event& e : page->events) {
        absl::StrAppend(&out, EventToJson(e), "\n");
      }
      if (!page->has_more) return out;
      after = page->last_seq;
    }
  }

  std::vector<ReadPath> ReadPaths() {
    const ProjectId m = m_;
    const TaskId visible = visible_, hidden = hidden_;
    const MemberId mo = mo_;
    auto get_task = [](TaskId id) {
      return Via<Task>([id](Session& s) { return s.GetTask(id); },
                       [](const Task& t) { return Dump(t); });
    };
    auto tasks = [](TaskFilter f) {
      f.limit = limits::kMaxPageSize;
      return Via<TaskPage>([f](Session& s) { return s.ListTasks(f); },
                           [](const TaskPage& p) { return DumpAll(p.tasks); });
    };
    auto entries = [](TimeEntryFilter f) {
      f.limit = limits::kMaxPageSize;
      return Via<TimeEntryPage>(
          [f](Session& s) { return s.ListTimeEntries(f); },
          [](const TimeEntryPage& p) { return DumpAll(p.entries); });
    };
    auto time_report = [](std::vector<ReportGroup> groups) {
      TimeReportQuery q;
      q.group_by = std::move(groups);
      return Via<TimeReport>([q](Session& s) { return s.RunTimeReport(q); },
                             [](const TimeReport& r) { return AllFormats(r); });
    };
    TaskFilter by_text;
    by_text.text_contains = "Zqx";
    TaskFilter by_tag;
    by_tag.tag = "zqxhiddentag";
    TaskFilter by_assignee;
    by_assignee.assignee = mo;
    TaskFilter by_parent;
    by_parent.parent = hidden;
    TaskFilter overdue;
    overdue.overdue_as_of = absl::CivilDay(2024, 3, 1);
    TimeEntryFilter of_hidden;
    of_hidden.task = hidden;
    TimeEntryFilter of_tag;
    of_tag.tag = "zqxhiddentag";
    TimeEntryFilter of_m;
    of_m.project = m;
    OverdueQuery due;
    due.due_within_days = 30;
    return {
        // get
        {"GetTask(visible)", get_task(visible)},
        {"GetProject", Via<Project>([m](Session& s) { return s.GetProject(m); },
                                    [](const Project& p) { return Dump(p); })},
        {"GetMember(Mo)",
         Via<Member>([mo](Session& s) { return s.GetMember(mo); },
                     [](const Member& x) { return Dump(x); })},
        {"GetProjectBudget",
         Via<BudgetUsage>([m](Session& s) { return s.GetProjectBudget(m); },
                          [](const BudgetUsage& b) { return Dump(b); })},
        {"GetTaskBudget",
         Via<BudgetUsage>(
             [visible](Session& s) { return s.GetTaskBudget(visible); },
             [](const BudgetUsage& b) { return Dump(b); })},
        // list
        {"ListTasks", tasks({})},
        {"ListComments(visible)",
         Via<std::vector<Comment>>(
             [visible](Session& s) { return s.ListComments(visible); },
             [](const std::vector<Comment>& c) { return DumpAll(c); })},
        {"ListProjects",
         Via<std::vector<Project>>(
             [](Session& s) { return s.ListProjects(); },
             [](const std::vector<Project>& p) { return DumpAll(p); })},
        {"ListMembers",
         Via<std::vector<Member>>(
             [](Session& s) { return s.ListMembers(); },
             [](const std::vector<Member>& x) { return DumpAll(x); })},
        {"ListTimeEntries", entries({})},
        {"ListCosts",
         Via<std::vector<Cost>>(
             [](Session& s) { return s.ListCosts(); },
             [](const std::vector<Cost>& c) { return DumpAll(c); })},
        {"ListBudgetAlerts",
         Via<std::vector<BudgetAlert>>(
             [m](Session& s) { return s.ListBudgetAlerts(m); },
             [](const std::vector<BudgetAlert>& alerts) {
               return absl::StrCat(alerts.size(), " alerts");
             })},
        // filters
        {"ListTasks(text Zqx)", tasks(by_text)},
        {"ListTasks(hidden tag)", tasks(by_tag)},
        {"ListTasks(assignee Mo)", tasks(by_assignee)},
        {"ListTasks(under hidden)", tasks(by_parent)},
        {"ListTasks(overdue)", tasks(overdue)},
        {"ListTimeEntries(project)", entries(of_m)},
        {"ListTimeEntries(hidden task)", entries(of_hidden)},
        {"ListTimeEntries(hidden tag)", entries(of_tag)},
        // reports, in every export format
        {"RunTimeReport(total)", time_report({})},
        {"RunTimeReport(project, task, member)",
         time_report({ReportGroup::kProject, ReportGroup::kTask,
                      ReportGroup::kMember})},
        {"RunTimeReport(tag, day)",
         time_report({ReportGroup::kTag, ReportGroup::kDay})},
        {"RunTimeReport(week, month)",
         time_report({ReportGroup::kWeek, ReportGroup::kMonth})},
        {"RunOverdueReport",
         Via<OverdueReport>(
             [due](Session& s) { return s.RunOverdueReport(due); },
             [](const OverdueReport& r) { return AllFormats(r); })},
        {"RunProjectHealth",
         Via<std::vector<ProjectHealth>>(
             [](Session& s) { return s.RunProjectHealth(); },
             [](const std::vector<ProjectHealth>& r) {
               return AllFormats(r);
             })},
        {"RunWorkload",
         Via<std::vector<WorkloadRow>>(
             [](Session& s) { return s.RunWorkload(); },
             [](const std::vector<WorkloadRow>& r) { return AllFormats(r); })},
        {"RunDigest",
         Via<Digest>([](Session& s) { return s.RunDigest(); },
                     [](const Digest& d) -> absl::StatusOr<std::string> {
                       absl::StatusOr<std::string> json = ExportJson(d);
                       if (!json.ok()) return json.status();
                       return absl::StrCat(RenderDigestText(d),
                                           RenderDigestMarkdown(d), *json);
                     })},
        // the change feed, every event as JSON
        {"ChangesSince", &ChangeFeed},
    };
  }

  MemberId mo_;
  ProjectId m_;
  TaskId visible_, hidden_, sub_, hidden_sub_;
};

TEST_P(PermissionsClientReads, NoPathShowsAClientAHiddenItemOrMoney) {
  Session client = As(a_.client);
  const std::vector<std::vector<std::string>> markers = Markers();
  for (const ReadPath& path : ReadPaths()) {
    SCOPED_TRACE(path.name);
    absl::StatusOr<std::string> bytes = path.read(client);
    ASSERT_THAT(bytes, IsOk());
    for (const std::vector<std::string>& spellings : markers) {
      for (const std::string& marker : spellings) {
        EXPECT_FALSE(absl::StrContains(*bytes, marker))
            << "the client received " << marker;
      }
    }
  }
}

// The control: as the owner, the same paths show every marker, so the
// search above looks where they would be.
TEST_P(PermissionsClientReads, TheOwnerSeesEveryMarkerThroughTheSamePaths) {
  Session owner = Owner();
  std::string everything;
  for (const ReadPath& path : ReadPaths()) {
    absl::StatusOr<std::string> bytes = path.read(owner);
    ASSERT_THAT(bytes, IsOk()) << path.name;
    everything += *bytes;
  }
  for (const std::vector<std::string>& spellings : Markers()) {
    EXPECT_TRUE(std::any_of(spellings.begin(), spellings.end(),
                            [&](const std::string& marker) {
                              return absl::StrContains(everything, marker);
                            }))
        << "no path shows " << spellings[0];
  }
}

TEST_P(PermissionsClientReads, HiddenItemsAreNotFoundByTheirIds) {
  Session client = As(a_.client);
  EXPECT_THAT(client.GetTask(hidden_), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(client.GetTask(sub_), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(client.ListComments(hidden_),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(client.GetTaskBudget(hidden_),
              StatusIs(absl::StatusCode::kNotFound));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Comment> comments,
                          Owner().ListComments(visible_));
  for (const Comment& c : comments) {
    if (!c.hidden_from_clients) continue;
    EXPECT_THAT(client.GetComment(c.id), StatusIs(absl::StatusCode::kNotFound));
  }
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Cost> costs, Owner().ListCosts());
  ASSERT_FALSE(costs.empty());
  for (const Cost& c : costs) {
    EXPECT_THAT(client.GetCost(c.id), StatusIs(absl::StatusCode::kNotFound));
  }
}

// The change feed path is not vacuous: the client's feed holds the visible
// task, the owner's the hidden one.
TEST_P(PermissionsClientReads, TheChangeFeedShowsAClientWhatItMayRead) {
  Session client = As(a_.client);
  WS_ASSERT_OK_AND_ASSIGN(std::string feed, ChangeFeed(client));
  EXPECT_TRUE(absl::StrContains(feed, "Visible work")) << feed;
  Session owner = Owner();
  WS_ASSERT_OK_AND_ASSIGN(feed, ChangeFeed(owner));
  EXPECT_TRUE(absl::StrContains(feed, "ZqxHiddenTitle"));
}

// A snapshot holds everything, hidden items and money included: a client
// may not export one, in either encoding.
TEST_P(PermissionsClientReads, AClientMayNotExportASnapshot) {
  Session client = As(a_.client);
  EXPECT_THAT(ExportSnapshot(client, SnapshotFormat::kBinary),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(ExportSnapshot(client, SnapshotFormat::kJson),
              StatusIs(absl::StatusCode::kPermissionDenied));
  Session owner = Owner();
  EXPECT_THAT(ExportSnapshot(owner, SnapshotFormat::kBinary), IsOk());
}

// Hours on hidden tasks (3h33m33s on a hidden task, 2h22m22s on a hidden
// subtask of a visible one) reach no total a client reads: reports, budgets
// and project health count the visible hour only.
TEST_P(PermissionsClientReads, AClientsTotalsCountOnlyVisibleTime) {
  Session client = As(a_.client);
  TimeReportQuery q;
  q.projects = {m_};
  WS_ASSERT_OK_AND_ASSIGN(TimeReport r, client.RunTimeReport(q));
  EXPECT_EQ(r.total.seconds, 3600);
  EXPECT_FALSE(r.money_visible);
  EXPECT_FALSE(r.total.billed_amount.has_value());
  EXPECT_FALSE(r.total.margin.has_value());
  WS_ASSERT_OK_AND_ASSIGN(BudgetUsage project, client.GetProjectBudget(m_));
  EXPECT_EQ(project.time_used, absl::Hours(1));
  EXPECT_FALSE(project.money_used.has_value());
  WS_ASSERT_OK_AND_ASSIGN(BudgetUsage task, client.GetTaskBudget(visible_));
  EXPECT_EQ(task.time_used, absl::Hours(1));
  ProjectHealthQuery hq;
  hq.projects = {m_};
  WS_ASSERT_OK_AND_ASSIGN(std::vector<ProjectHealth> health,
                          client.RunProjectHealth(hq));
  ASSERT_EQ(health.size(), 1u);
  EXPECT_EQ(health[0].budget.time_used, absl::Hours(1));
  EXPECT_EQ(health[0].tasks_open, 1);  // the visible task only

  // The owner's totals count everything: the hidden hours exist.
  const absl::Duration all =
      absl::Hours(6) + absl::Minutes(55) + absl::Seconds(55);
  WS_ASSERT_OK_AND_ASSIGN(project, Owner().GetProjectBudget(m_));
  EXPECT_EQ(project.time_used, all);
  WS_ASSERT_OK_AND_ASSIGN(task, Owner().GetTaskBudget(visible_));
  EXPECT_EQ(task.time_used,
            absl::Hours(1) + absl::Minutes(142) + absl::Seconds(22));
  WS_ASSERT_OK_AND_ASSIGN(health, Owner().RunProjectHealth(hq));
  EXPECT_EQ(health[0].budget.time_used, all);
}

WS_INSTANTIATE_AGENCY_TEST(PermissionsClientReads);

}  // namespace
}  // namespace worksection::testing
