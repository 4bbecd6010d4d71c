// Comments: create, read, list, update; hidden comments and clients.
#include <string>
#include <vector>

#include "tests/conformance/session_test.h"

namespace worksection {
namespace session_conformance {
namespace {

class CommentsTest : public SessionTest {
 protected:
  void SetUp() override {
    SessionTest::SetUp();
    if (HasFatalFailure()) return;
    absl::StatusOr<Task> task = Owner().CreateTask(NewTask(web_, "Discuss"));
    ASSERT_TRUE(task.ok()) << task.status();
    task_ = task->id;
  }

  static Comment NewComment(TaskId task, std::string text,
                            bool hidden = false) {
    Comment c;
    c.task = task;
    c.text = std::move(text);
    c.hidden_from_clients = hidden;
    return c;
  }

  TaskId task_;
};

TEST_P(CommentsTest, CreateRoundTripsEveryField) {
  Comment c = NewComment(task_, "First!\nWith a second line \xf0\x9f\x98\x80");
  c.id = CommentId(321);
  c.revision = 5;
  c.author = client_id_;  // ignored: the actor is the author
  c.created_at = absl::UnixEpoch();
  WS_ASSERT_OK_AND_ASSIGN(Comment created, Employee().CreateComment(c));
  EXPECT_TRUE(created.id.valid());
  EXPECT_NE(created.id, CommentId(321));
  EXPECT_EQ(created.revision, 1);
  EXPECT_EQ(created.task, task_);
  EXPECT_EQ(created.author, employee_id_);
  EXPECT_EQ(created.text, "First!\nWith a second line \xf0\x9f\x98\x80");
  EXPECT_FALSE(created.hidden_from_clients);
  EXPECT_EQ(created.created_at, FixedNow());
  EXPECT_EQ(created.updated_at, FixedNow());
  WS_ASSERT_OK_AND_ASSIGN(Comment got, Owner().GetComment(created.id));
  EXPECT_EQ(Dump(got), Dump(created));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Comment> list,
                          Owner().ListComments(task_));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(Dump(list[0]), Dump(created));
}

TEST_P(CommentsTest, ListIsByIdAndPerTask) {
  WS_ASSERT_OK_AND_ASSIGN(Task other,
                          Owner().CreateTask(NewTask(web_, "Other")));
  WS_ASSERT_OK_AND_ASSIGN(Comment c1,
                          Owner().CreateComment(NewComment(task_, "one")));
  WS_ASSERT_OK_AND_ASSIGN(Comment o1,
                          Owner().CreateComment(NewComment(other.id, "other")));
  WS_ASSERT_OK_AND_ASSIGN(Comment c2,
                          Employee().CreateComment(NewComment(task_, "two")));
  WS_ASSERT_OK_AND_ASSIGN(Comment c3,
                          Client().CreateComment(NewComment(task_, "three")));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Comment> list,
                          Owner().ListComments(task_));
  EXPECT_THAT(Ids(list),
              ElementsAre(c1.id.value(), c2.id.value(), c3.id.value()));
  EXPECT_EQ(list[2].author, client_id_);
  WS_ASSERT_OK_AND_ASSIGN(list, Owner().ListComments(other.id));
  EXPECT_THAT(Ids(list), ElementsAre(o1.id.value()));
  WS_ASSERT_OK_AND_ASSIGN(Task empty,
                          Owner().CreateTask(NewTask(web_, "Quiet")));
  WS_ASSERT_OK_AND_ASSIGN(list, Owner().ListComments(empty.id));
  EXPECT_THAT(list, IsEmpty());
}

TEST_P(CommentsTest, UpdateWritesTextAndHiddenOnly) {
  WS_ASSERT_OK_AND_ASSIGN(Comment c,
                          Employee().CreateComment(NewComment(task_, "Draft")));
  Comment edit = c;
  edit.text = "Final";
  edit.hidden_from_clients = true;
  edit.task = TaskId(9999);  // fixed at creation
  edit.author = owner_id_;   // set by the library
  WS_ASSERT_OK_AND_ASSIGN(Comment updated, Employee().UpdateComment(edit));
  EXPECT_EQ(updated.revision, 2);
  EXPECT_EQ(updated.text, "Final");
  EXPECT_TRUE(updated.hidden_from_clients);
  EXPECT_EQ(updated.task, task_);
  EXPECT_EQ(updated.author, employee_id_);
  EXPECT_EQ(updated.created_at, FixedNow());
  WS_ASSERT_OK_AND_ASSIGN(Comment got, Owner().GetComment(c.id));
  EXPECT_EQ(Dump(got), Dump(updated));

  // The owner may edit anyone's comment.
  got.text = "Final, by the owner";
  got.hidden_from_clients = false;
  WS_ASSERT_OK_AND_ASSIGN(updated, Owner().UpdateComment(got));
  EXPECT_EQ(updated.revision, 3);
  EXPECT_EQ(updated.author, employee_id_);
  EXPECT_FALSE(updated.hidden_from_clients);
}

TEST_P(CommentsTest, StaleRevisionIsAbortedAndChangesNothing) {
  WS_ASSERT_OK_AND_ASSIGN(Comment first,
                          Owner().CreateComment(NewComment(task_, "v1")));
  Comment second = first;
  second.text = "v2";
  WS_ASSERT_OK(Owner().UpdateComment(second));
  const std::string before = Snapshot();
  first.text = "stale";
  EXPECT_THAT(Owner().UpdateComment(first),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(Snapshot(), before);
  first.revision = 0;
  WS_ASSERT_OK_AND_ASSIGN(Comment updated, Owner().UpdateComment(first));
  EXPECT_EQ(updated.revision, 3);
  EXPECT_EQ(updated.text, "stale");
}

TEST_P(CommentsTest, OnlyTheAuthorEditsAsAnEmployee) {
  WS_ASSERT_OK_AND_ASSIGN(Comment owners,
                          Owner().CreateComment(NewComment(task_, "Owner's")));
  const std::string before = Snapshot();
  owners.text = "Hijacked";
  EXPECT_THAT(Employee().UpdateComment(owners),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Client().UpdateComment(owners),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(CommentsTest, HiddenCommentsAreInvisibleToClients) {
  WS_ASSERT_OK_AND_ASSIGN(
      Comment open, Owner().CreateComment(NewComment(task_, "Hello all")));
  WS_ASSERT_OK_AND_ASSIGN(Comment hidden, Employee().CreateComment(NewComment(
                                              task_, "Between us", true)));
  EXPECT_TRUE(hidden.hidden_from_clients);

  for (Session s : {Owner(), Employee()}) {
    SCOPED_TRACE(s.actor().value());
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Comment> list, s.ListComments(task_));
    EXPECT_THAT(Ids(list), ElementsAre(open.id.value(), hidden.id.value()));
    WS_ASSERT_OK_AND_ASSIGN(Comment got, s.GetComment(hidden.id));
    EXPECT_EQ(Dump(got), Dump(hidden));
  }

  WS_ASSERT_OK_AND_ASSIGN(std::vector<Comment> list,
                          Client().ListComments(task_));
  EXPECT_THAT(Ids(list), ElementsAre(open.id.value()));
  EXPECT_THAT(Client().GetComment(hidden.id),
              StatusIs(absl::StatusCode::kNotFound));
  WS_ASSERT_OK_AND_ASSIGN(Comment seen, Client().GetComment(open.id));
  EXPECT_EQ(seen.text, "Hello all");
  // Nor may a client edit it (it does not exist for them).
  Comment edit = hidden;
  edit.text = "Client was here";
  const std::string before = Snapshot();
  EXPECT_THAT(Client().UpdateComment(edit),
              StatusIs(absl::StatusCode::kNotFound));
  // And a client may not write a hidden comment.
  EXPECT_THAT(Client().CreateComment(NewComment(task_, "psst", true)),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(Snapshot(), before);

  // Unhiding makes it visible to the client.
  hidden.hidden_from_clients = false;
  WS_ASSERT_OK(Employee().UpdateComment(hidden));
  WS_ASSERT_OK_AND_ASSIGN(list, Client().ListComments(task_));
  EXPECT_THAT(Ids(list), ElementsAre(open.id.value(), hidden.id.value()));
}

TEST_P(CommentsTest, CommentsOfAHiddenTaskAreInvisibleToClients) {
  Task t = NewTask(web_, "Hidden task");
  t.hidden_from_clients = true;
  WS_ASSERT_OK_AND_ASSIGN(Task hidden_task, Owner().CreateTask(t));
  WS_ASSERT_OK_AND_ASSIGN(
      Comment c, Owner().CreateComment(NewComment(hidden_task.id, "Visible?")));
  EXPECT_THAT(Client().ListComments(hidden_task.id),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Client().GetComment(c.id), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Client().CreateComment(NewComment(hidden_task.id, "hi")),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(CommentsTest, UnknownTaskOrCommentIsNotFound) {
  const std::string before = Snapshot();
  absl::StatusOr<Comment> r =
      Owner().CreateComment(NewComment(TaskId(9999), "Nowhere"));
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(r.status().message(), HasSubstr("comment.task"));
  EXPECT_THAT(Owner().CreateComment(NewComment(TaskId(), "No task")),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Owner().GetComment(CommentId(9999)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Owner().ListComments(TaskId(9999)),
              StatusIs(absl::StatusCode::kNotFound));
  Comment ghost = NewComment(task_, "Ghost");
  ghost.id = CommentId(9999);
  EXPECT_THAT(Owner().UpdateComment(ghost),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Snapshot(), before);
  // An employee cannot comment on a task of a project they are not in.
  WS_ASSERT_OK_AND_ASSIGN(Task internal_task,
                          Owner().CreateTask(NewTask(internal_, "Internal")));
  const std::string before2 = Snapshot();
  EXPECT_THAT(Employee().CreateComment(NewComment(internal_task.id, "hi")),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Snapshot(), before2);
}

WS_INSTANTIATE_ALL_STORES(CommentsTest);

}  // namespace
}  // namespace session_conformance
}  // namespace worksection
