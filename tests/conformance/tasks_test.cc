// Tasks: create, read, update, complete, reopen, people on a task.
#include <string>
#include <vector>

#include "tests/conformance/session_test.h"

namespace worksection {
namespace session_conformance {
namespace {

class TasksTest : public SessionTest {};

TEST_P(TasksTest, CreateRoundTripsEveryField) {
  Task t = NewTask(web_, "Landing page \xe2\x80\x94 v2");
  t.text = "Hero, pricing\nand footer";
  t.assignee = employee_id_;
  t.priority = 7;
  t.start_date = Day(2024, 3, 1);
  t.deadline = DeadlineOn(Day(2024, 3, 22), 17 * 60 + 30);
  t.estimate = absl::Hours(6);
  t.money_budget = 120000;
  t.tags = {"web", " design", "web", "Design"};
  t.checklist = {{"Wireframe", true}, {"Copy", false}, {"Copy", false}};
  t.subscribers = {employee_id_, owner_id_, employee_id_};
  t.hidden_from_clients = true;
  // Fields only the library sets are ignored.
  t.id = TaskId(555);
  t.revision = 7;
  t.author = client_id_;
  t.status = TaskStatus::kDone;
  t.completion_note = "ignored";
  t.completed_at = absl::UnixEpoch();
  t.created_at = absl::UnixEpoch();
  WS_ASSERT_OK_AND_ASSIGN(Task created, Owner().CreateTask(t));
  EXPECT_TRUE(created.id.valid());
  EXPECT_NE(created.id, TaskId(555));
  EXPECT_EQ(created.revision, 1);
  EXPECT_EQ(created.project, web_);
  EXPECT_FALSE(created.parent.valid());
  EXPECT_EQ(created.title, "Landing page \xe2\x80\x94 v2");
  EXPECT_EQ(created.text, "Hero, pricing\nand footer");
  EXPECT_EQ(created.author, owner_id_);
  EXPECT_EQ(created.assignee, employee_id_);
  EXPECT_EQ(created.priority, 7);
  EXPECT_EQ(created.status, TaskStatus::kOpen);
  EXPECT_EQ(created.start_date, Day(2024, 3, 1));
  EXPECT_EQ(created.deadline, DeadlineOn(Day(2024, 3, 22), 1050));
  EXPECT_EQ(created.estimate, absl::Hours(6));
  EXPECT_EQ(created.money_budget, 120000);
  EXPECT_THAT(created.tags, ElementsAre("Design", "design", "web"));
  // The checklist keeps its order and its duplicates.
  EXPECT_THAT(created.checklist, ElementsAre(ChecklistItem{"Wireframe", true},
                                             ChecklistItem{"Copy", false},
                                             ChecklistItem{"Copy", false}));
  EXPECT_THAT(created.subscribers, ElementsAre(owner_id_, employee_id_));
  EXPECT_TRUE(created.hidden_from_clients);
  EXPECT_EQ(created.completion_note, "");
  EXPECT_FALSE(created.completed_at.has_value());
  EXPECT_EQ(created.created_at, FixedNow());
  EXPECT_EQ(created.updated_at, FixedNow());

  WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(created.id));
  EXPECT_EQ(Dump(got), Dump(created));
  WS_ASSERT_OK_AND_ASSIGN(TaskPage page, Owner().ListTasks());
  ASSERT_EQ(page.tasks.size(), 1u);
  EXPECT_EQ(Dump(page.tasks[0]), Dump(created));
}

TEST_P(TasksTest, MinimalTaskHasTheDefaults) {
  WS_ASSERT_OK_AND_ASSIGN(Task created,
                          Owner().CreateTask(NewTask(internal_, "Bare")));
  WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(created.id));
  EXPECT_EQ(Dump(got), Dump(created));
  EXPECT_EQ(got.priority, 5);
  EXPECT_EQ(got.text, "");
  EXPECT_FALSE(got.assignee.valid());
  EXPECT_FALSE(got.start_date.has_value());
  EXPECT_FALSE(got.deadline.has_value());
  EXPECT_FALSE(got.estimate.has_value());
  EXPECT_FALSE(got.money_budget.has_value());
  EXPECT_THAT(got.tags, IsEmpty());
  EXPECT_THAT(got.checklist, IsEmpty());
  EXPECT_THAT(got.subscribers, IsEmpty());
  EXPECT_FALSE(got.hidden_from_clients);
}

TEST_P(TasksTest, TheActorBecomesTheAuthor) {
  WS_ASSERT_OK_AND_ASSIGN(Task mine,
                          Employee().CreateTask(NewTask(web_, "Emil's")));
  EXPECT_EQ(mine.author, employee_id_);
  WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(mine.id));
  EXPECT_EQ(got.author, employee_id_);
  // An edit by someone else keeps the author.
  got.title = "Edited by the owner";
  got.author = owner_id_;
  WS_ASSERT_OK_AND_ASSIGN(Task updated, Owner().UpdateTask(got));
  EXPECT_EQ(updated.author, employee_id_);
  WS_ASSERT_OK_AND_ASSIGN(got, Owner().GetTask(mine.id));
  EXPECT_EQ(got.author, employee_id_);
}

TEST_P(TasksTest, UpdateWritesEveryEditableField) {
  WS_ASSERT_OK_AND_ASSIGN(Task created,
                          Owner().CreateTask(NewTask(web_, "Original")));
  Task t = created;
  t.title = "Changed";
  t.text = "Some text";
  t.assignee = employee_id_;
  t.priority = 0;
  t.start_date = Day(2024, 4, 1);
  t.deadline = DeadlineOn(Day(2024, 4, 1), 0);
  t.estimate = absl::Minutes(90);
  t.money_budget = 0;
  t.tags = {"x"};
  t.checklist = {{"One", false}};
  t.subscribers = {client_id_};
  t.hidden_from_clients = false;
  // Not editable here: project (MoveTask), status (Complete/Reopen).
  t.project = internal_;
  t.status = TaskStatus::kDone;
  t.completed_at = FixedNow();
  t.completion_note = "no";
  WS_ASSERT_OK_AND_ASSIGN(Task updated, Owner().UpdateTask(t));
  EXPECT_EQ(updated.revision, 2);
  EXPECT_EQ(updated.project, web_);
  EXPECT_EQ(updated.status, TaskStatus::kOpen);
  EXPECT_FALSE(updated.completed_at.has_value());
  EXPECT_EQ(updated.completion_note, "");
  EXPECT_EQ(updated.created_at, FixedNow());
  WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(created.id));
  EXPECT_EQ(Dump(got), Dump(updated));
  EXPECT_EQ(got.title, "Changed");
  EXPECT_EQ(got.text, "Some text");
  EXPECT_EQ(got.assignee, employee_id_);
  EXPECT_EQ(got.priority, 0);
  EXPECT_EQ(got.deadline, DeadlineOn(Day(2024, 4, 1), 0));
  EXPECT_EQ(got.estimate, absl::Minutes(90));
  EXPECT_EQ(got.money_budget, 0);
  EXPECT_THAT(got.subscribers, ElementsAre(client_id_));

  // Clearing everything optional.
  got.text.clear();
  got.assignee = MemberId();
  got.start_date.reset();
  got.deadline.reset();
  got.estimate.reset();
  got.money_budget.reset();
  got.tags.clear();
  got.checklist.clear();
  got.subscribers.clear();
  WS_ASSERT_OK_AND_ASSIGN(updated, Owner().UpdateTask(got));
  EXPECT_EQ(updated.revision, 3);
  WS_ASSERT_OK_AND_ASSIGN(got, Owner().GetTask(created.id));
  EXPECT_EQ(Dump(got), Dump(updated));
  EXPECT_FALSE(got.assignee.valid());
  EXPECT_FALSE(got.deadline.has_value());
  EXPECT_THAT(got.checklist, IsEmpty());
  EXPECT_THAT(got.subscribers, IsEmpty());
}

TEST_P(TasksTest, StaleRevisionIsAbortedAndChangesNothing) {
  WS_ASSERT_OK_AND_ASSIGN(Task first,
                          Owner().CreateTask(NewTask(web_, "First")));
  Task second = first;
  second.title = "Second";
  WS_ASSERT_OK(Owner().UpdateTask(second));
  const std::string before = Snapshot();
  first.title = "Stale";
  EXPECT_THAT(Owner().UpdateTask(first), StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(Snapshot(), before);
  WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(first.id));
  EXPECT_EQ(got.title, "Second");
  EXPECT_EQ(got.revision, 2);

  first.revision = 0;
  WS_ASSERT_OK_AND_ASSIGN(Task updated, Owner().UpdateTask(first));
  EXPECT_EQ(updated.revision, 3);
  EXPECT_EQ(updated.title, "Stale");
}

TEST_P(TasksTest, CompleteAndReopen) {
  WS_ASSERT_OK_AND_ASSIGN(Task t, Owner().CreateTask(NewTask(web_, "Ship it")));
  WS_ASSERT_OK_AND_ASSIGN(Task done,
                          Owner().CompleteTask(t.id, "Shipped \xe2\x9c\x93"));
  EXPECT_EQ(done.status, TaskStatus::kDone);
  EXPECT_EQ(done.completed_at, FixedNow());
  EXPECT_EQ(done.completion_note, "Shipped \xe2\x9c\x93");
  EXPECT_EQ(done.revision, 2);
  WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(t.id));
  EXPECT_EQ(Dump(got), Dump(done));

  // Twice fails and changes nothing.
  const std::string before = Snapshot();
  EXPECT_THAT(Owner().CompleteTask(t.id, "again"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before);

  // Editing a done task keeps it done.
  got.title = "Ship it (done)";
  WS_ASSERT_OK_AND_ASSIGN(Task edited, Owner().UpdateTask(got));
  EXPECT_EQ(edited.status, TaskStatus::kDone);
  EXPECT_EQ(edited.completed_at, FixedNow());
  EXPECT_EQ(edited.completion_note, "Shipped \xe2\x9c\x93");

  WS_ASSERT_OK_AND_ASSIGN(Task reopened, Owner().ReopenTask(t.id));
  EXPECT_EQ(reopened.status, TaskStatus::kOpen);
  EXPECT_FALSE(reopened.completed_at.has_value());
  EXPECT_EQ(reopened.completion_note, "");
  EXPECT_EQ(reopened.revision, 4);
  WS_ASSERT_OK_AND_ASSIGN(got, Owner().GetTask(t.id));
  EXPECT_EQ(Dump(got), Dump(reopened));

  const std::string before2 = Snapshot();
  EXPECT_THAT(Owner().ReopenTask(t.id),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before2);

  // Complete without a note.
  WS_ASSERT_OK_AND_ASSIGN(done, Owner().CompleteTask(t.id));
  EXPECT_EQ(done.completion_note, "");
  EXPECT_EQ(done.completed_at, FixedNow());
}

TEST_P(TasksTest, AssigneeWorksOnTheirTask) {
  // The employee, a plain member of web_, may complete a task they received
  // but not one that is neither theirs nor assigned to them.
  Task t = NewTask(web_, "For Emil");
  t.assignee = employee_id_;
  WS_ASSERT_OK_AND_ASSIGN(Task assigned, Owner().CreateTask(t));
  WS_ASSERT_OK_AND_ASSIGN(Task other,
                          Owner().CreateTask(NewTask(web_, "Not Emil's")));
  WS_ASSERT_OK_AND_ASSIGN(Task done,
                          Employee().CompleteTask(assigned.id, "ok"));
  EXPECT_EQ(done.status, TaskStatus::kDone);
  const std::string before = Snapshot();
  EXPECT_THAT(Employee().CompleteTask(other.id),
              StatusIs(absl::StatusCode::kPermissionDenied));
  other.title = "Taken over";
  EXPECT_THAT(Employee().UpdateTask(other),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(TasksTest, AssigneeAndSubscribersMustSeeTheTask) {
  const std::string before = Snapshot();
  // The employee is no member of internal_.
  Task t = NewTask(internal_, "Secret");
  t.assignee = employee_id_;
  absl::StatusOr<Task> r = Owner().CreateTask(t);
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(r.status().message(), HasSubstr("task.assignee"));
  t.assignee = MemberId();
  t.subscribers = {employee_id_};
  r = Owner().CreateTask(t);
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(r.status().message(), HasSubstr("task.subscribers"));
  // A client cannot receive a hidden task.
  Task hidden = NewTask(web_, "Hidden");
  hidden.hidden_from_clients = true;
  hidden.assignee = client_id_;
  EXPECT_THAT(Owner().CreateTask(hidden),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  // A deactivated member cannot receive a task.
  EXPECT_EQ(Snapshot(), before);
  WS_ASSERT_OK_AND_ASSIGN(
      Member gone, Owner().CreateMember(NewMember("Gone", "gone@example.com")));
  WS_ASSERT_OK_AND_ASSIGN(Project web, Owner().GetProject(web_));
  web.members.push_back({gone.id, ProjectRole::kMember});
  WS_ASSERT_OK(Owner().UpdateProject(web));
  WS_ASSERT_OK(Owner().DeactivateMember(gone.id));
  const std::string before2 = Snapshot();
  Task to_gone = NewTask(web_, "For a gone member");
  to_gone.assignee = gone.id;
  EXPECT_THAT(Owner().CreateTask(to_gone),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before2);

  // The owner sees every project, so may receive tasks anywhere.
  t.subscribers = {owner_id_};
  t.assignee = owner_id_;
  WS_ASSERT_OK_AND_ASSIGN(Task created, Owner().CreateTask(t));
  EXPECT_EQ(created.assignee, owner_id_);
  // And an update to a member who cannot see the task fails the same way.
  created.assignee = employee_id_;
  const std::string before3 = Snapshot();
  EXPECT_THAT(Owner().UpdateTask(created),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before3);
}

TEST_P(TasksTest, ClientSeesNoHiddenTaskAndNoMoney) {
  Task hidden = NewTask(web_, "Internal margin talk");
  hidden.hidden_from_clients = true;
  WS_ASSERT_OK_AND_ASSIGN(Task h, Owner().CreateTask(hidden));
  Task open = NewTask(web_, "Visible");
  open.money_budget = 5000;
  WS_ASSERT_OK_AND_ASSIGN(Task v, Owner().CreateTask(open));
  EXPECT_THAT(Client().GetTask(h.id), StatusIs(absl::StatusCode::kNotFound));
  WS_ASSERT_OK_AND_ASSIGN(Task seen, Client().GetTask(v.id));
  EXPECT_FALSE(seen.money_budget.has_value());
  WS_ASSERT_OK_AND_ASSIGN(TaskPage page, Client().ListTasks());
  EXPECT_THAT(Ids(page.tasks), ElementsAre(v.id.value()));
  // The employee, a member of web_, sees both.
  WS_ASSERT_OK_AND_ASSIGN(page, Employee().ListTasks());
  EXPECT_THAT(Ids(page.tasks), ElementsAre(h.id.value(), v.id.value()));
}

TEST_P(TasksTest, UnknownTasksAreNotFound) {
  const TaskId missing(9999);
  EXPECT_THAT(Owner().GetTask(missing), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Owner().CompleteTask(missing),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Owner().ReopenTask(missing),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Owner().MoveTask(missing, web_),
              StatusIs(absl::StatusCode::kNotFound));
  Task t = NewTask(web_, "Ghost");
  t.id = missing;
  const std::string before = Snapshot();
  EXPECT_THAT(Owner().UpdateTask(t), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Snapshot(), before);
}

WS_INSTANTIATE_ALL_STORES(TasksTest);

}  // namespace
}  // namespace session_conformance
}  // namespace worksection
