// Who may do what with time and money: employees log and edit their own
// time; project managers edit time on their projects; clients and readers
// never receive rates, costs, amounts or margins (absent, not zero);
// clients see hours on their projects unless the project turns that off.
#include "tests/time_money/time_money_test.h"

namespace worksection {
namespace time_money {
namespace {

class TimePermissionsTest : public TimeMoneyTest {
 protected:
  void SetUp() override {
    TimeMoneyTest::SetUp();
    if (HasFatalFailure()) return;
    SetMemberRates(emp_, 4000, 9000);
    SetMemberRates(emp2_, 3000, 7000);
    SetProjectRate(web_, 12000);
    SetOverride(web_, emp2_, 15000);
    EditProject(web_, [](Project& p) {
      p.money_budget = 1'000'000;
      p.time_budget = absl::Hours(100);
    });
    if (HasFatalFailure()) return;
    absl::StatusOr<TimeEntry> e =
        Emp().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 14)));
    ASSERT_TRUE(e.ok()) << e.status();
    emp_entry_ = *e;
    e = Emp2().LogTime(Log(web_task_, absl::Hours(2), Day(2024, 3, 14)));
    ASSERT_TRUE(e.ok()) << e.status();
    emp2_entry_ = *e;
    absl::StatusOr<Cost> c = Owner().CreateCost(
        NewCost(web_, TaskId(), Cost::Kind::kExpense, 5000, Day(2024, 3, 14)));
    ASSERT_TRUE(c.ok()) << c.status();
    cost_ = *c;
  }

  static void ExpectNoMoney(const TimeEntry& e) {
    SCOPED_TRACE(Dump(e));
    EXPECT_EQ(e.billing_rate, std::nullopt);
    EXPECT_EQ(e.cost_rate, std::nullopt);
    EXPECT_EQ(e.billed_amount, std::nullopt);
    EXPECT_EQ(e.labour_cost, std::nullopt);
  }
  static void ExpectMoney(const TimeEntry& e) {
    SCOPED_TRACE(Dump(e));
    EXPECT_TRUE(e.billing_rate.has_value());
    EXPECT_TRUE(e.cost_rate.has_value());
    EXPECT_TRUE(e.billed_amount.has_value());
    EXPECT_TRUE(e.labour_cost.has_value());
  }

  TimeEntry emp_entry_, emp2_entry_;
  Cost cost_;
};

TEST_P(TimePermissionsTest, EmployeesLogTheirOwnTimeInTheirProjects) {
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry e,
      Emp2().LogTime(Log(web_task2_, absl::Minutes(5), Day(2024, 3, 14))));
  EXPECT_EQ(e.member, emp2_);
  const std::string before = Snapshot();
  // Not in another member's name...
  EXPECT_THAT(
      Emp2().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 14), emp_)),
      StatusIs(absl::StatusCode::kPermissionDenied));
  // ...nor in a project they do not belong to (they cannot see its tasks).
  EXPECT_THAT(
      Emp2().LogTime(Log(internal_task_, absl::Hours(1), Day(2024, 3, 14))),
      StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(TimePermissionsTest, EmployeesEditAndDeleteTheirOwnTimeOnly) {
  TimeEntry edit = emp_entry_;
  edit.note = "own";
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry updated, Emp().UpdateTimeEntry(edit));
  EXPECT_EQ(updated.note, "own");

  const std::string before = Snapshot();
  edit = emp2_entry_;
  edit.note = "not mine";
  EXPECT_THAT(Emp().UpdateTimeEntry(edit),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Emp().DeleteTimeEntry(emp2_entry_.id),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(Snapshot(), before);

  // Moving their own entry to a project they are not in: that task is
  // invisible to them.
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry own2,
      Emp2().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 14))));
  const std::string before2 = Snapshot();
  edit = own2;
  edit.task = internal_task_;
  EXPECT_THAT(Emp2().UpdateTimeEntry(edit),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Snapshot(), before2);
  WS_ASSERT_OK(Emp().DeleteTimeEntry(emp_entry_.id));
}

TEST_P(TimePermissionsTest, ManagersEditTimeOnTheirProjects) {
  TimeEntry edit = emp_entry_;
  edit.duration = absl::Minutes(45);
  edit.note = "trimmed by the manager";
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry updated, Mgr().UpdateTimeEntry(edit));
  EXPECT_EQ(updated.duration, absl::Minutes(45));
  EXPECT_EQ(updated.member, emp_);
  WS_ASSERT_OK(Mgr().DeleteTimeEntry(emp2_entry_.id));
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry logged,
      Mgr().LogTime(Log(web_task2_, absl::Hours(1), Day(2024, 3, 14), emp2_)));
  EXPECT_EQ(logged.member, emp2_);
  EXPECT_EQ(logged.billing_rate, 15000);  // the manager reads web_'s money

  // Not on a project they do not manage.
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry internal,
      Emp().LogTime(Log(internal_task_, absl::Hours(1), Day(2024, 3, 14))));
  const std::string before = Snapshot();
  edit = internal;
  edit.note = "x";
  EXPECT_FALSE(Mgr().UpdateTimeEntry(edit).ok());
  EXPECT_FALSE(Mgr().DeleteTimeEntry(internal.id).ok());
  EXPECT_FALSE(
      Mgr()
          .LogTime(Log(internal_task_, absl::Hours(1), Day(2024, 3, 14), emp_))
          .ok());
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(TimePermissionsTest, AManagerMayNotMoveTimeIntoAProjectTheyDoNotManage) {
  // emp_ belongs to both; mgr_ manages web_ only and cannot see internal_.
  TimeEntry edit = emp_entry_;
  edit.task = internal_task_;
  const std::string before = Snapshot();
  EXPECT_FALSE(Mgr().UpdateTimeEntry(edit).ok());
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(TimePermissionsTest, ClientsAndReadersLogNoTime) {
  const std::string before = Snapshot();
  EXPECT_THAT(
      Client().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 14))),
      StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(
      Reader().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 14))),
      StatusIs(absl::StatusCode::kPermissionDenied));
  TimeEntry edit = emp_entry_;
  edit.note = "client edit";
  EXPECT_THAT(Client().UpdateTimeEntry(edit),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Reader().DeleteTimeEntry(emp_entry_.id),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(TimePermissionsTest, ClientsSeeHoursButNoMoney) {
  std::vector<TimeEntry> seen = ListAll(Client());
  ASSERT_THAT(Ids(seen),
              ElementsAre(emp_entry_.id.value(), emp2_entry_.id.value()));
  for (const TimeEntry& e : seen) {
    EXPECT_GT(e.duration, absl::ZeroDuration());
    EXPECT_GT(e.billed_duration, absl::ZeroDuration());
    ExpectNoMoney(e);
  }
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry one, Client().GetTimeEntry(emp_entry_.id));
  EXPECT_EQ(one.duration, absl::Hours(1));
  ExpectNoMoney(one);
}

TEST_P(TimePermissionsTest, ReadersSeeHoursButNoMoney) {
  std::vector<TimeEntry> seen = ListAll(Reader());
  ASSERT_THAT(seen, SizeIs(2));
  for (const TimeEntry& e : seen) ExpectNoMoney(e);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry one, Reader().GetTimeEntry(emp2_entry_.id));
  ExpectNoMoney(one);
}

TEST_P(TimePermissionsTest, ClientsSeeNoHoursWhenTheProjectTurnsThemOff) {
  EditProject(web_, [](Project& p) { p.clients_see_hours = false; });
  WS_ASSERT_OK_AND_ASSIGN(Project p, Owner().GetProject(web_));
  EXPECT_FALSE(p.clients_see_hours);
  EXPECT_THAT(ListAll(Client()), IsEmpty());
  EXPECT_THAT(Client().GetTimeEntry(emp_entry_.id),
              StatusIs(absl::StatusCode::kNotFound));
  TimeEntryFilter f;
  f.project = web_;
  EXPECT_THAT(ListAll(Client(), f), IsEmpty());
  EXPECT_FALSE(Client().GetProjectBudget(web_).ok());
  // Readers are not clients: they still read the hours.
  EXPECT_THAT(ListAll(Reader()), SizeIs(2));
  // Turned on again.
  EditProject(web_, [](Project& p) { p.clients_see_hours = true; });
  EXPECT_THAT(ListAll(Client()), SizeIs(2));
}

TEST_P(TimePermissionsTest, ClientsDoNotReceiveTimeOnHiddenTasks) {
  Task hidden = NewTask(web_, "Internal review");
  hidden.hidden_from_clients = true;
  WS_ASSERT_OK_AND_ASSIGN(Task h, Owner().CreateTask(hidden));
  TimeLog log = Log(h.id, absl::Hours(1), Day(2024, 3, 14));
  log.note = "client is difficult";
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, Emp().LogTime(log));
  EXPECT_THAT(Ids(ListAll(Client())),
              ElementsAre(emp_entry_.id.value(), emp2_entry_.id.value()));
  EXPECT_THAT(Client().GetTimeEntry(e.id),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(TimePermissionsTest, PlainMembersSeeNoMoneyManagersSeeTheirProjects) {
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry own, Emp().GetTimeEntry(emp_entry_.id));
  ExpectNoMoney(own);  // kReadMoney: managed projects only
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry managed, Mgr().GetTimeEntry(emp_entry_.id));
  ExpectMoney(managed);
  EXPECT_EQ(managed.billing_rate, 12000);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry owner,
                          Owner().GetTimeEntry(emp2_entry_.id));
  EXPECT_EQ(owner.billing_rate, 15000);
  EXPECT_EQ(owner.billed_amount, 30000);
  EXPECT_EQ(owner.labour_cost, 6000);
}

TEST_P(TimePermissionsTest, ProjectMoneyIsAbsentForClientsAndReaders) {
  for (auto [who, session] :
       {std::pair{"client", Client()}, std::pair{"reader", Reader()},
        std::pair{"member", Emp()}}) {
    SCOPED_TRACE(who);
    WS_ASSERT_OK_AND_ASSIGN(Project p, session.GetProject(web_));
    EXPECT_EQ(p.billing_rate, std::nullopt);
    EXPECT_EQ(p.money_budget, std::nullopt);
    EXPECT_EQ(p.time_budget, absl::Hours(100));  // time is not money
    for (const ProjectMember& pm : p.members) {
      EXPECT_EQ(pm.billing_rate, std::nullopt) << pm.member;
    }
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Project> listed,
                            session.ListProjects());
    for (const Project& lp : listed) {
      EXPECT_EQ(lp.billing_rate, std::nullopt);
      for (const ProjectMember& pm : lp.members) {
        EXPECT_EQ(pm.billing_rate, std::nullopt) << pm.member;
      }
    }
  }
  WS_ASSERT_OK_AND_ASSIGN(Project p, Owner().GetProject(web_));
  EXPECT_EQ(p.billing_rate, 12000);
  bool found = false;
  for (const ProjectMember& pm : p.members) {
    if (pm.member == emp2_) {
      found = true;
      EXPECT_EQ(pm.billing_rate, 15000);
    }
  }
  EXPECT_TRUE(found);
  WS_ASSERT_OK_AND_ASSIGN(p, Mgr().GetProject(web_));
  EXPECT_EQ(p.billing_rate, 12000);
}

TEST_P(TimePermissionsTest, MemberRatesAreAbsentForClientsAndReaders) {
  for (Session s : {Client(), Reader()}) {
    WS_ASSERT_OK_AND_ASSIGN(Member m, s.GetMember(emp_));
    EXPECT_EQ(m.cost_rate, std::nullopt);
    EXPECT_EQ(m.billing_rate, std::nullopt);
  }
  WS_ASSERT_OK_AND_ASSIGN(Member m, Owner().GetMember(emp_));
  EXPECT_EQ(m.billing_rate, 9000);
}

TEST_P(TimePermissionsTest, WritingBackARedactedProjectKeepsItsMoney) {
  // The manager of web_ reads its money; a plain member cannot edit it; a
  // client cannot either. What the owner reads afterwards is unchanged.
  const std::string before = Snapshot();
  WS_ASSERT_OK_AND_ASSIGN(Project seen, Client().GetProject(web_));
  EXPECT_THAT(Client().UpdateProject(seen),
              StatusIs(absl::StatusCode::kPermissionDenied));
  WS_ASSERT_OK_AND_ASSIGN(seen, Emp().GetProject(web_));
  EXPECT_THAT(Emp().UpdateProject(seen),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(TimePermissionsTest, BudgetsShowTimeButNoMoneyToClientsAndReaders) {
  Task t = NewTask(web_, "Budgeted");
  t.estimate = absl::Hours(10);
  t.money_budget = 50'000;
  WS_ASSERT_OK_AND_ASSIGN(Task task, Owner().CreateTask(t));
  WS_ASSERT_OK(Emp().LogTime(Log(task.id, absl::Hours(9), Day(2024, 3, 14))));
  for (auto [who, session] :
       {std::pair{"client", Client()}, std::pair{"reader", Reader()}}) {
    SCOPED_TRACE(who);
    WS_ASSERT_OK_AND_ASSIGN(BudgetUsage u, session.GetProjectBudget(web_));
    EXPECT_EQ(u.time_budget, absl::Hours(100));
    EXPECT_EQ(u.time_used, absl::Hours(12));
    EXPECT_EQ(u.money_budget, std::nullopt);
    EXPECT_EQ(u.money_used, std::nullopt);
    EXPECT_EQ(u.money_remaining, std::nullopt);
    EXPECT_EQ(u.money_percent, std::nullopt);
    WS_ASSERT_OK_AND_ASSIGN(u, session.GetTaskBudget(task.id));
    EXPECT_EQ(u.time_budget, absl::Hours(10));
    EXPECT_EQ(u.time_used, absl::Hours(9));
    EXPECT_EQ(u.money_budget, std::nullopt);
    EXPECT_EQ(u.money_used, std::nullopt);
    WS_ASSERT_OK_AND_ASSIGN(Task got, session.GetTask(task.id));
    EXPECT_EQ(got.money_budget, std::nullopt);
    EXPECT_EQ(got.estimate, absl::Hours(10));
  }
  WS_ASSERT_OK_AND_ASSIGN(BudgetUsage u, Owner().GetProjectBudget(web_));
  EXPECT_EQ(u.money_budget, 1'000'000);
  // 1 h at 120.00 + 2 h at 150.00 + 9 h at 120.00 + 50.00 expense.
  EXPECT_EQ(u.money_used, 12'000 + 30'000 + 108'000 + 5'000);
}

TEST_P(TimePermissionsTest, ClientsAndReadersReceiveNoCosts) {
  for (Session s : {Client(), Reader(), Emp()}) {
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Cost> costs, s.ListCosts());
    EXPECT_THAT(costs, IsEmpty());
    EXPECT_THAT(s.GetCost(cost_.id), StatusIs(absl::StatusCode::kNotFound));
  }
  const std::string before = Snapshot();
  EXPECT_THAT(Client().CreateCost(NewCost(web_, TaskId(), Cost::Kind::kIncome,
                                          1, Day(2024, 3, 14))),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Reader().DeleteCost(cost_.id),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(TimePermissionsTest, ClientsReceiveTimeAlertsButNoMoneyAlerts) {
  EditProject(web_, [](Project& p) {
    p.time_budget = absl::Hours(3);
    p.money_budget = 40'000;
  });
  WS_ASSERT_OK_AND_ASSIGN(std::vector<BudgetAlert> all,
                          Owner().ListBudgetAlerts(web_));
  // 3 h of 3 h; 12'000 + 30'000 + 5'000 of 40'000.
  ASSERT_THAT(all, SizeIs(4));
  for (Session s : {Client(), Reader()}) {
    WS_ASSERT_OK_AND_ASSIGN(std::vector<BudgetAlert> seen,
                            s.ListBudgetAlerts(web_));
    ASSERT_THAT(seen, SizeIs(2));
    for (const BudgetAlert& a : seen) {
      EXPECT_EQ(a.kind, BudgetAlert::Kind::kTime);
    }
  }
  EditProject(web_, [](Project& p) { p.clients_see_hours = false; });
  WS_ASSERT_OK_AND_ASSIGN(std::vector<BudgetAlert> seen,
                          Client().ListBudgetAlerts(web_));
  EXPECT_THAT(seen, IsEmpty());
}

TEST_P(TimePermissionsTest, OutsidersSeeNothingOfAProject) {
  EXPECT_THAT(Outsider().GetTimeEntry(emp_entry_.id),
              StatusIs(absl::StatusCode::kNotFound));
  TimeEntryFilter f;
  f.project = web_;
  EXPECT_THAT(ListAll(Outsider(), f), IsEmpty());
  EXPECT_THAT(Outsider().GetProjectBudget(web_),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Outsider().ListBudgetAlerts(web_),
              StatusIs(absl::StatusCode::kNotFound));
}

WS_TM_INSTANTIATE(TimePermissionsTest);

}  // namespace
}  // namespace time_money
}  // namespace worksection
