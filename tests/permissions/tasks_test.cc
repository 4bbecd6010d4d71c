// Tasks: who sees them (hidden ones above all), who creates, edits, moves
// them, who reads their money, and who may receive them.
#include <optional>
#include <string>
#include <vector>

#include "agency.h"

namespace worksection::testing {
namespace {

using ::absl::StatusCode;
using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

class PermissionsTasks : public AgencyTest {
 protected:
  absl::StatusOr<std::vector<Task>> List(MemberId who, TaskFilter f = {}) {
    f.limit = limits::kMaxPageSize;
    absl::StatusOr<TaskPage> page = As(who).ListTasks(f);
    if (!page.ok()) return page.status();
    EXPECT_EQ(page->next_page_token, "");
    return page->tasks;
  }
  Task Retitled(TaskId id, const std::string& title) {
    Task t = OwnerTask(id);
    t.title = title;
    return t;
  }
  Task NewTask(ProjectId project, const std::string& title) {
    Task t;
    t.project = project;
    t.title = title;
    return t;
  }
};

// --- Reading ---

TEST_P(PermissionsTasks, OwnerAndAdminSeeEveryTask) {
  for (MemberId who : {a_.owner, a_.admin}) {
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> all, List(who));
    EXPECT_THAT(Ids(all),
                UnorderedElementsAre(a_.open, a_.hidden, a_.managers,
                                     a_.workers, a_.clients, a_.in_q));
    EXPECT_THAT(As(who).GetTask(a_.in_q), IsOk());
    EXPECT_THAT(As(who).GetTask(a_.hidden), IsOk());
  }
}

TEST_P(PermissionsTasks, EmployeeSeesOnlyTasksOfTheirProjects) {
  for (MemberId who : {a_.manager, a_.worker}) {
    SCOPED_TRACE(who.value());
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> seen, List(who));
    EXPECT_THAT(Ids(seen), UnorderedElementsAre(a_.open, a_.hidden, a_.managers,
                                                a_.workers, a_.clients));
    EXPECT_THAT(As(who).GetTask(a_.in_q), StatusIs(StatusCode::kNotFound));
    TaskFilter in_q;
    in_q.project = a_.q;
    WS_ASSERT_OK_AND_ASSIGN(seen, List(who, in_q));
    EXPECT_THAT(seen, IsEmpty());
  }
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> seen, List(a_.outsider));
  EXPECT_THAT(Ids(seen), UnorderedElementsAre(a_.in_q));
  EXPECT_THAT(As(a_.outsider).GetTask(a_.open),
              StatusIs(StatusCode::kNotFound));
}

TEST_P(PermissionsTasks, ClientNeverGetsTheHiddenTask) {
  Session s = As(a_.client);
  EXPECT_THAT(s.GetTask(a_.hidden), StatusIs(StatusCode::kNotFound));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> seen, List(a_.client));
  EXPECT_THAT(Ids(seen), UnorderedElementsAre(a_.open, a_.managers, a_.workers,
                                              a_.clients));
}

TEST_P(PermissionsTasks, ClientNeverGetsTheHiddenTaskThroughAnyFilter) {
  TaskFilter by_assignee;
  by_assignee.assignee = a_.worker;
  TaskFilter by_author;
  by_author.author = a_.manager;
  TaskFilter by_text;
  by_text.text_contains = "margin";
  TaskFilter by_project;
  by_project.project = a_.p;
  TaskFilter by_priority;
  by_priority.order = TaskOrder::kPriority;
  for (const TaskFilter& f :
       {by_assignee, by_author, by_text, by_project, by_priority}) {
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> seen, List(a_.client, f));
    EXPECT_THAT(Ids(seen), Not(Contains(a_.hidden)));
  }
  // The same filters do find it for the staff.
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> staff, List(a_.worker, by_text));
  EXPECT_THAT(Ids(staff), UnorderedElementsAre(a_.hidden));
}

TEST_P(PermissionsTasks, ClientNeverSeesTheOtherProjectsTasks) {
  EXPECT_THAT(As(a_.client).GetTask(a_.in_q), StatusIs(StatusCode::kNotFound));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> seen, List(a_.client_q));
  EXPECT_THAT(Ids(seen), UnorderedElementsAre(a_.in_q));
}

TEST_P(PermissionsTasks, MemberWithoutProjectsSeesNoTask) {
  for (Role role : {Role::kEmployee, Role::kClient, Role::kReader}) {
    WS_ASSERT_OK_AND_ASSIGN(
        Member lone, NewMember("Lone " + std::string(RoleName(role)), role));
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> seen, List(lone.id));
    EXPECT_THAT(seen, IsEmpty()) << RoleName(role);
    EXPECT_THAT(As(lone.id).GetTask(a_.open), StatusIs(StatusCode::kNotFound));
  }
}

TEST_P(PermissionsTasks, EmployeesAndReadersSeeHiddenTasks) {
  for (MemberId who : {a_.manager, a_.worker, a_.reader}) {
    SCOPED_TRACE(who.value());
    EXPECT_THAT(As(who).GetTask(a_.hidden), IsOk());
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> seen, List(who));
    EXPECT_THAT(Ids(seen), Contains(a_.hidden));
  }
}

// --- Money ---

TEST_P(PermissionsTasks, OwnerAdminAndManagerReadTaskMoney) {
  for (MemberId who : {a_.owner, a_.admin, a_.manager}) {
    SCOPED_TRACE(who.value());
    WS_ASSERT_OK_AND_ASSIGN(Task t, As(who).GetTask(a_.open));
    EXPECT_EQ(t.money_budget, std::optional<Money>(kTaskBudget));
  }
}

TEST_P(PermissionsTasks, TaskMoneyIsEmptyForMembersClientsAndReaders) {
  for (MemberId who : {a_.worker, a_.client, a_.reader}) {
    SCOPED_TRACE(who.value());
    WS_ASSERT_OK_AND_ASSIGN(Task t, As(who).GetTask(a_.open));
    EXPECT_EQ(t.money_budget, std::nullopt);
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> seen, List(who));
    for (const Task& each : seen) {
      EXPECT_EQ(each.money_budget, std::nullopt) << each.title;
    }
  }
}

TEST_P(PermissionsTasks, WritesReturnTaskMoneyEmptyToThoseWhoMayNotReadIt) {
  WS_ASSERT_OK_AND_ASSIGN(Task done, As(a_.worker).CompleteTask(a_.open));
  EXPECT_EQ(done.money_budget, std::nullopt);
  WS_ASSERT_OK_AND_ASSIGN(Task reopened, As(a_.worker).ReopenTask(a_.open));
  EXPECT_EQ(reopened.money_budget, std::nullopt);
  // The worker edits the task as they read it: without its budget.
  WS_ASSERT_OK_AND_ASSIGN(Task seen, As(a_.worker).GetTask(a_.open));
  seen.title = "Open!";
  WS_ASSERT_OK_AND_ASSIGN(Task edited, As(a_.worker).UpdateTask(seen));
  EXPECT_EQ(edited.money_budget, std::nullopt);
  // ... and the stored budget survives an edit by someone who cannot see it,
  EXPECT_EQ(OwnerTask(a_.open).money_budget, std::optional<Money>(kTaskBudget));
  // nor can they write one.
  seen = edited;
  seen.money_budget = 1;
  ASSERT_THAT(As(a_.worker).UpdateTask(seen), IsOk());
  EXPECT_EQ(OwnerTask(a_.open).money_budget, std::optional<Money>(kTaskBudget));
}

TEST_P(PermissionsTasks, OnlyWhoReadsMoneySetsATaskBudget) {
  Task t = NewTask(a_.p, "Budgeted");
  t.money_budget = 1000;
  for (MemberId who : {a_.worker, a_.client}) {
    SCOPED_TRACE(who.value());
    EXPECT_DENIED(As(who).CreateTask(t));
  }
  WS_ASSERT_OK_AND_ASSIGN(Task made, As(a_.manager).CreateTask(t));
  EXPECT_EQ(made.money_budget, std::optional<Money>(1000));
}

// --- Creating ---

TEST_P(PermissionsTasks, StaffAndClientCreateTasksInTheirProject) {
  for (MemberId who : {a_.owner, a_.admin, a_.manager, a_.worker, a_.client}) {
    SCOPED_TRACE(who.value());
    WS_ASSERT_OK_AND_ASSIGN(Task made,
                            As(who).CreateTask(NewTask(a_.p, "New")));
    EXPECT_EQ(made.author, who);
  }
}

TEST_P(PermissionsTasks, NobodyCreatesTasksInAProjectTheyDoNotBelongTo) {
  for (MemberId who : {a_.manager, a_.worker, a_.client}) {
    SCOPED_TRACE(who.value());
    EXPECT_REFUSED(kNotFound, As(who).CreateTask(NewTask(a_.q, "Sneaky")));
  }
  EXPECT_THAT(As(a_.admin).CreateTask(NewTask(a_.q, "Admin may")), IsOk());
}

TEST_P(PermissionsTasks, ReaderCreatesNoTask) {
  EXPECT_DENIED(As(a_.reader).CreateTask(NewTask(a_.p, "Reader's idea")));
}

TEST_P(PermissionsTasks, ClientCannotCreateAHiddenTask) {
  Task t = NewTask(a_.p, "Secret");
  t.hidden_from_clients = true;
  EXPECT_DENIED(As(a_.client).CreateTask(t));
  EXPECT_THAT(As(a_.worker).CreateTask(t), IsOk());
}

TEST_P(PermissionsTasks, ClientCannotCreateASubtaskOfTheHiddenTask) {
  Task t = NewTask(a_.p, "Under the hidden one");
  t.parent = a_.hidden;
  EXPECT_REFUSED(kNotFound, As(a_.client).CreateTask(t));
}

// --- Editing ---

TEST_P(PermissionsTasks, EmployeeEditsTasksTheySet) {
  Session s = As(a_.worker);
  EXPECT_THAT(s.UpdateTask(Retitled(a_.workers, "Mine, renamed")), IsOk());
  EXPECT_THAT(s.CompleteTask(a_.workers), IsOk());
  EXPECT_THAT(s.ReopenTask(a_.workers), IsOk());
}

TEST_P(PermissionsTasks, EmployeeEditsTasksTheyReceived) {
  Session s = As(a_.worker);
  EXPECT_THAT(s.UpdateTask(Retitled(a_.open, "Received, renamed")), IsOk());
  EXPECT_THAT(s.CompleteTask(a_.open, "done"), IsOk());
  EXPECT_THAT(s.ReopenTask(a_.open), IsOk());
  EXPECT_THAT(s.UpdateTask(Retitled(a_.hidden, "Hidden, renamed")), IsOk());
}

TEST_P(PermissionsTasks, EmployeeCannotEditAnothersTask) {
  Session s = As(a_.worker);
  for (TaskId other : {a_.managers, a_.clients}) {
    SCOPED_TRACE(other.value());
    EXPECT_DENIED(s.UpdateTask(Retitled(other, "Not mine")));
    EXPECT_DENIED(s.CompleteTask(other));
  }
}

TEST_P(PermissionsTasks, EmployeeLosesAReassignedTask) {
  Task t = OwnerTask(a_.open);
  t.assignee = a_.reader;
  ASSERT_THAT(As(a_.manager).UpdateTask(t), IsOk());
  EXPECT_DENIED(As(a_.worker).UpdateTask(Retitled(a_.open, "Still mine?")));
}

TEST_P(PermissionsTasks, ManagerEditsEveryTaskInTheProject) {
  Session s = As(a_.manager);
  for (TaskId any : {a_.workers, a_.clients, a_.open, a_.hidden}) {
    SCOPED_TRACE(any.value());
    EXPECT_THAT(s.UpdateTask(Retitled(any, "Managed")), IsOk());
    EXPECT_THAT(s.CompleteTask(any), IsOk());
    EXPECT_THAT(s.ReopenTask(any), IsOk());
  }
}

TEST_P(PermissionsTasks, OwnerAndAdminEditEveryTask) {
  for (MemberId who : {a_.owner, a_.admin}) {
    SCOPED_TRACE(who.value());
    for (TaskId any : {a_.workers, a_.in_q, a_.hidden}) {
      EXPECT_THAT(As(who).UpdateTask(Retitled(any, "Edited")), IsOk());
    }
  }
}

TEST_P(PermissionsTasks, ClientEditsOnlyTasksTheyWrote) {
  Session s = As(a_.client);
  EXPECT_THAT(s.UpdateTask(Retitled(a_.clients, "Client's, renamed")), IsOk());
  EXPECT_THAT(s.CompleteTask(a_.clients), IsOk());
  EXPECT_THAT(s.ReopenTask(a_.clients), IsOk());
  for (TaskId other : {a_.open, a_.workers, a_.managers}) {
    SCOPED_TRACE(other.value());
    EXPECT_DENIED(s.UpdateTask(Retitled(other, "Client wants this")));
    EXPECT_DENIED(s.CompleteTask(other));
  }
}

TEST_P(PermissionsTasks, ClientEditsEvenTheirTaskAssignedToStaff) {
  Task t = OwnerTask(a_.clients);
  t.assignee = a_.worker;
  ASSERT_THAT(As(a_.manager).UpdateTask(t), IsOk());
  EXPECT_THAT(As(a_.client).UpdateTask(Retitled(a_.clients, "Still mine")),
              IsOk());
}

// As the table stands (client: edit task = own writings), a client cannot
// complete a task they received; only what they wrote.
TEST_P(PermissionsTasks, ClientCompletesATaskTheyReceived) {
  Task t = OwnerTask(a_.managers);
  t.assignee = a_.client;
  ASSERT_THAT(As(a_.manager).UpdateTask(t), IsOk());
  WS_ASSERT_OK_AND_ASSIGN(Task done,
                          As(a_.client).CompleteTask(a_.managers, "Sent"));
  EXPECT_EQ(done.status, TaskStatus::kDone);
  // Receiving one task gives no right over the others.
  EXPECT_DENIED(As(a_.client).CompleteTask(a_.workers));
}

TEST_P(PermissionsTasks, ClientCannotHideTheirTask) {
  Task t = OwnerTask(a_.clients);
  t.hidden_from_clients = true;
  EXPECT_DENIED(As(a_.client).UpdateTask(t));
}

TEST_P(PermissionsTasks, ClientCannotTouchTheHiddenTask) {
  Session s = As(a_.client);
  EXPECT_REFUSED(kNotFound, s.UpdateTask(Retitled(a_.hidden, "Found it")));
  EXPECT_REFUSED(kNotFound, s.CompleteTask(a_.hidden));
  EXPECT_REFUSED(kNotFound, s.MoveTask(a_.hidden, a_.p, a_.clients));
}

TEST_P(PermissionsTasks, ReaderEditsNoTask) {
  Session s = As(a_.reader);
  EXPECT_DENIED(s.UpdateTask(Retitled(a_.open, "Reader was here")));
  EXPECT_DENIED(s.CompleteTask(a_.open));
  ASSERT_THAT(Owner().CompleteTask(a_.workers), IsOk());
  EXPECT_DENIED(s.ReopenTask(a_.workers));
  Task t = OwnerTask(a_.managers);
  t.assignee = a_.reader;
  ASSERT_THAT(Owner().UpdateTask(t), IsOk());
  EXPECT_DENIED(s.UpdateTask(Retitled(a_.managers, "Received, still no")));
}

// --- Moving ---

TEST_P(PermissionsTasks, ManagerMovesTasksInTheProject) {
  WS_ASSERT_OK_AND_ASSIGN(
      Task moved, As(a_.manager).MoveTask(a_.workers, a_.p, a_.managers));
  EXPECT_EQ(moved.parent, a_.managers);
  EXPECT_THAT(As(a_.manager).MoveTask(a_.workers, a_.p), IsOk());
}

TEST_P(PermissionsTasks, PlainMemberCannotMoveTasks) {
  Session s = As(a_.worker);
  EXPECT_DENIED(s.MoveTask(a_.workers, a_.p, a_.open));
  EXPECT_DENIED(s.MoveTask(a_.open, a_.p, a_.workers));
}

// The table's `move task` covers "to another project or parent"
// (include/worksection/policy.h), so re-parenting through UpdateTask needs
// it too: a plain member or a client may edit their task, not move it.
TEST_P(PermissionsTasks, PlainMemberCannotMoveTasksThroughUpdateTask) {
  Task t = OwnerTask(a_.workers);
  t.parent = a_.open;
  EXPECT_DENIED(As(a_.worker).UpdateTask(t));
}

TEST_P(PermissionsTasks, ClientCannotMoveTasksThroughUpdateTask) {
  Task t = OwnerTask(a_.clients);
  t.parent = a_.open;
  EXPECT_DENIED(As(a_.client).UpdateTask(t));
}

TEST_P(PermissionsTasks, ManagerReparentsThroughUpdateTask) {
  Task t = OwnerTask(a_.workers);
  t.parent = a_.open;
  EXPECT_THAT(As(a_.manager).UpdateTask(t), IsOk());
}

TEST_P(PermissionsTasks, ClientAndReaderCannotMoveTasks) {
  EXPECT_DENIED(As(a_.client).MoveTask(a_.clients, a_.p, a_.open));
  EXPECT_DENIED(As(a_.reader).MoveTask(a_.workers, a_.p, a_.open));
}

TEST_P(PermissionsTasks, ManagerCannotMoveIntoAProjectTheyDoNotBelongTo) {
  EXPECT_REFUSED(kNotFound, As(a_.manager).MoveTask(a_.managers, a_.q));
}

// Moving is a matter of the source project: its manager may move a task
// into another project of theirs; the manager of the target alone may not.
TEST_P(PermissionsTasks, MovingNeedsManagingTheSourceProject) {
  Project r;
  r.name = "R";
  r.manager = a_.worker;
  r.members = {{a_.manager, ProjectRole::kMember}};
  WS_ASSERT_OK_AND_ASSIGN(Project made_r, Owner().CreateProject(r));
  EXPECT_DENIED(As(a_.worker).MoveTask(a_.workers, made_r.id));
  EXPECT_THAT(As(a_.manager).MoveTask(a_.managers, made_r.id), IsOk());
  EXPECT_EQ(OwnerTask(a_.managers).project, made_r.id);
}

TEST_P(PermissionsTasks, AdminMovesAcrossProjects) {
  EXPECT_THAT(As(a_.admin).MoveTask(a_.managers, a_.q), IsOk());
  EXPECT_EQ(OwnerTask(a_.managers).project, a_.q);
  EXPECT_THAT(As(a_.manager).GetTask(a_.managers),
              StatusIs(StatusCode::kNotFound));
}

// --- Who may receive a task ---

TEST_P(PermissionsTasks, AssigneeMustBelongToTheProject) {
  Task t = NewTask(a_.p, "For the outsider");
  t.assignee = a_.outsider;
  EXPECT_REFUSED(kFailedPrecondition, As(a_.manager).CreateTask(t));
  EXPECT_REFUSED(kFailedPrecondition, Owner().CreateTask(t));
  t = OwnerTask(a_.managers);
  t.assignee = a_.outsider;
  EXPECT_REFUSED(kFailedPrecondition, As(a_.manager).UpdateTask(t));
  t.assignee = a_.client_q;
  EXPECT_REFUSED(kFailedPrecondition, Owner().UpdateTask(t));
}

TEST_P(PermissionsTasks, ClientCannotReceiveAHiddenTask) {
  Task t = NewTask(a_.p, "Hidden, for the client");
  t.hidden_from_clients = true;
  t.assignee = a_.client;
  EXPECT_REFUSED(kFailedPrecondition, As(a_.manager).CreateTask(t));
  t = OwnerTask(a_.hidden);
  t.assignee = a_.client;
  EXPECT_REFUSED(kFailedPrecondition, As(a_.manager).UpdateTask(t));
  // A visible task may go to the client.
  t = OwnerTask(a_.managers);
  t.assignee = a_.client;
  EXPECT_THAT(As(a_.manager).UpdateTask(t), IsOk());
}

TEST_P(PermissionsTasks, TaskCannotBeHiddenFromItsClientAssignee) {
  Task t = OwnerTask(a_.managers);
  t.assignee = a_.client;
  ASSERT_THAT(As(a_.manager).UpdateTask(t), IsOk());
  t = OwnerTask(a_.managers);
  t.hidden_from_clients = true;
  EXPECT_REFUSED(kFailedPrecondition, As(a_.manager).UpdateTask(t));
}

TEST_P(PermissionsTasks, SubscribersMustSeeTheTask) {
  Task t = OwnerTask(a_.hidden);
  t.subscribers = {a_.client};
  EXPECT_REFUSED(kFailedPrecondition, As(a_.manager).UpdateTask(t));
  t.subscribers = {a_.outsider};
  EXPECT_REFUSED(kFailedPrecondition, As(a_.manager).UpdateTask(t));
  t.subscribers = {a_.reader, a_.worker};
  EXPECT_THAT(As(a_.manager).UpdateTask(t), IsOk());
}

TEST_P(PermissionsTasks, MoveRefusedWhenTheAssigneeCouldNotFollow) {
  // `open` is received by the worker, who is not in Q.
  EXPECT_REFUSED(kFailedPrecondition, Owner().MoveTask(a_.open, a_.q));
}

TEST_P(PermissionsTasks, DeactivatedMemberCannotReceiveATask) {
  ASSERT_THAT(Owner().DeactivateMember(a_.reader), IsOk());
  Task t = NewTask(a_.p, "For the reader");
  t.assignee = a_.reader;
  EXPECT_REFUSED(kFailedPrecondition, As(a_.manager).CreateTask(t));
}

// --- Archived projects ---

TEST_P(PermissionsTasks, ArchivedProjectTasksCannotChange) {
  ASSERT_THAT(Owner().ArchiveProject(a_.p), IsOk());
  EXPECT_REFUSED(kFailedPrecondition,
                 Owner().UpdateTask(Retitled(a_.open, "Too late")));
  EXPECT_REFUSED(kFailedPrecondition, Owner().CreateTask(NewTask(a_.p, "No")));
  EXPECT_REFUSED(kFailedPrecondition, Owner().CompleteTask(a_.open));
  EXPECT_REFUSED(kFailedPrecondition, Owner().MoveTask(a_.managers, a_.q));
  EXPECT_THAT(As(a_.client).GetTask(a_.open), IsOk());
}

// docs/permissions.md: "a client cannot even learn that a hidden task
// exists". A visible subtask of a hidden task would tell them (its parent,
// ListTasks by parent), so the client must not get it. Refusing to create
// such a subtask (FailedPrecondition) keeps the promise too.
TEST_P(PermissionsTasks, ClientNeverGetsASubtaskOfTheHiddenTask) {
  Task t = NewTask(a_.p, "Visible child of the hidden task");
  t.parent = a_.hidden;
  absl::StatusOr<Task> sub = As(a_.manager).CreateTask(t);
  if (!sub.ok()) {
    EXPECT_THAT(sub, StatusIs(StatusCode::kFailedPrecondition));
    return;
  }
  EXPECT_THAT(As(a_.client).GetTask(sub->id), StatusIs(StatusCode::kNotFound));
  TaskFilter children;
  children.parent = a_.hidden;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> seen, List(a_.client, children));
  EXPECT_THAT(seen, IsEmpty());
  WS_ASSERT_OK_AND_ASSIGN(seen, List(a_.client));
  EXPECT_THAT(Ids(seen), Not(Contains(sub->id)));
}

TEST_P(PermissionsTasks, HidingATaskHidesItsSubtasksFromClients) {
  Task t = NewTask(a_.p, "Child of the open task");
  t.parent = a_.managers;
  WS_ASSERT_OK_AND_ASSIGN(Task sub, As(a_.manager).CreateTask(t));
  Task parent = OwnerTask(a_.managers);
  parent.hidden_from_clients = true;
  absl::StatusOr<Task> hidden = As(a_.manager).UpdateTask(parent);
  if (!hidden.ok()) {
    EXPECT_THAT(hidden, StatusIs(StatusCode::kFailedPrecondition));
    return;
  }
  EXPECT_THAT(As(a_.client).GetTask(sub.id), StatusIs(StatusCode::kNotFound));
  TaskFilter children;
  children.parent = a_.managers;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> seen, List(a_.client, children));
  EXPECT_THAT(seen, IsEmpty());
}

WS_INSTANTIATE_AGENCY_TEST(PermissionsTasks);

}  // namespace
}  // namespace worksection::testing
