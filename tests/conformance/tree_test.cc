// Subtasks (at most three levels), reparenting and MoveTask.
#include <string>
#include <vector>

#include "tests/conformance/session_test.h"

namespace worksection {
namespace session_conformance {
namespace {

class TreeTest : public SessionTest {
 protected:
  // Creates `title` in `project` under `parent`, as the owner.
  absl::StatusOr<Task> Add(ProjectId project, const std::string& title,
                           TaskId parent = TaskId()) {
    return Owner().CreateTask(NewTask(project, title, parent));
  }
};

TEST_P(TreeTest, ThreeLevelsAndNoFourth) {
  WS_ASSERT_OK_AND_ASSIGN(Task a, Add(web_, "Level 1"));
  WS_ASSERT_OK_AND_ASSIGN(Task b, Add(web_, "Level 2", a.id));
  WS_ASSERT_OK_AND_ASSIGN(Task c, Add(web_, "Level 3", b.id));
  EXPECT_EQ(b.parent, a.id);
  EXPECT_EQ(c.parent, b.id);
  WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(c.id));
  EXPECT_EQ(got.parent, b.id);
  TaskFilter f;
  f.parent = a.id;
  EXPECT_EQ(TaskIds(f), std::vector<int64_t>{b.id.value()});

  const std::string before = Snapshot();
  absl::StatusOr<Task> d = Add(web_, "Level 4", c.id);
  EXPECT_THAT(d, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(d.status().message(), HasSubstr("task.parent"));
  EXPECT_EQ(Snapshot(), before);
  // Siblings at every level are fine.
  WS_ASSERT_OK(Add(web_, "Level 3 sibling", b.id));
  WS_ASSERT_OK(Add(web_, "Level 2 sibling", a.id));
}

TEST_P(TreeTest, ParentMustBeInTheSameProject) {
  WS_ASSERT_OK_AND_ASSIGN(Task other, Add(internal_, "Elsewhere"));
  WS_ASSERT_OK_AND_ASSIGN(Task here, Add(web_, "Here"));
  const std::string before = Snapshot();
  absl::StatusOr<Task> r = Add(web_, "Child", other.id);
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(r.status().message(), HasSubstr("task.parent"));
  here.parent = other.id;
  EXPECT_THAT(Owner().UpdateTask(here),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // An unknown parent.
  EXPECT_THAT(Add(web_, "Orphan", TaskId(9999)),
              StatusIs(absl::StatusCode::kNotFound));
  here.parent = TaskId(9999);
  EXPECT_THAT(Owner().UpdateTask(here), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(TreeTest, ReparentingIntoItsOwnSubtreeIsACycle) {
  WS_ASSERT_OK_AND_ASSIGN(Task a, Add(web_, "A"));
  WS_ASSERT_OK_AND_ASSIGN(Task b, Add(web_, "B", a.id));
  WS_ASSERT_OK_AND_ASSIGN(Task c, Add(web_, "C", b.id));
  const std::string before = Snapshot();
  Task moved = a;
  for (TaskId parent : {a.id, b.id, c.id}) {
    SCOPED_TRACE(parent.value());
    moved.parent = parent;
    EXPECT_THAT(Owner().UpdateTask(moved),
                StatusIs(absl::StatusCode::kFailedPrecondition));
    EXPECT_EQ(Snapshot(), before);
  }
  // B under its own child C, and under itself.
  Task mb = b;
  mb.parent = c.id;
  EXPECT_THAT(Owner().UpdateTask(mb),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  mb.parent = b.id;
  EXPECT_THAT(Owner().UpdateTask(mb),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(TreeTest, ReparentingCountsTheSubtreeHeight) {
  // x -> y (height 2); w -> z (z at level 2).
  WS_ASSERT_OK_AND_ASSIGN(Task x, Add(web_, "X"));
  WS_ASSERT_OK_AND_ASSIGN(Task y, Add(web_, "Y", x.id));
  WS_ASSERT_OK_AND_ASSIGN(Task w, Add(web_, "W"));
  WS_ASSERT_OK_AND_ASSIGN(Task z, Add(web_, "Z", w.id));
  const std::string before = Snapshot();
  Task mx = x;
  mx.parent = z.id;  // x at level 3, y at level 4
  EXPECT_THAT(Owner().UpdateTask(mx),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before);
  // Under w: x at level 2, y at 3.
  mx.parent = w.id;
  WS_ASSERT_OK_AND_ASSIGN(Task updated, Owner().UpdateTask(mx));
  EXPECT_EQ(updated.parent, w.id);
  EXPECT_EQ(updated.revision, 2);
  WS_ASSERT_OK_AND_ASSIGN(Task got_y, Owner().GetTask(y.id));
  EXPECT_EQ(got_y.parent, x.id);
  EXPECT_EQ(got_y.revision, 1);
  TaskFilter f;
  f.parent = w.id;
  EXPECT_EQ(TaskIds(f), (std::vector<int64_t>{x.id.value(), z.id.value()}));
  // A leaf under z (level 3) is fine.
  WS_ASSERT_OK_AND_ASSIGN(Task leaf, Add(web_, "Leaf"));
  leaf.parent = z.id;
  WS_ASSERT_OK(Owner().UpdateTask(leaf));
  // And back to the top level.
  WS_ASSERT_OK_AND_ASSIGN(updated, Owner().GetTask(x.id));
  updated.parent = TaskId();
  WS_ASSERT_OK_AND_ASSIGN(updated, Owner().UpdateTask(updated));
  EXPECT_FALSE(updated.parent.valid());
  f.parent = w.id;
  EXPECT_EQ(TaskIds(f), std::vector<int64_t>{z.id.value()});
}

TEST_P(TreeTest, MoveCarriesTheWholeSubtree) {
  WS_ASSERT_OK_AND_ASSIGN(Task a, Add(web_, "A"));
  WS_ASSERT_OK_AND_ASSIGN(Task b, Add(web_, "B", a.id));
  WS_ASSERT_OK_AND_ASSIGN(Task c, Add(web_, "C", b.id));
  WS_ASSERT_OK_AND_ASSIGN(Task b2, Add(web_, "B2", a.id));
  WS_ASSERT_OK_AND_ASSIGN(Task stay, Add(web_, "Stays"));

  WS_ASSERT_OK_AND_ASSIGN(Task moved, Owner().MoveTask(a.id, internal_));
  EXPECT_EQ(moved.id, a.id);
  EXPECT_EQ(moved.project, internal_);
  EXPECT_FALSE(moved.parent.valid());
  EXPECT_EQ(moved.revision, 2);
  WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(a.id));
  EXPECT_EQ(Dump(got), Dump(moved));
  WS_ASSERT_OK_AND_ASSIGN(Task gb, Owner().GetTask(b.id));
  WS_ASSERT_OK_AND_ASSIGN(Task gc, Owner().GetTask(c.id));
  WS_ASSERT_OK_AND_ASSIGN(Task gb2, Owner().GetTask(b2.id));
  EXPECT_EQ(gb.project, internal_);
  EXPECT_EQ(gc.project, internal_);
  EXPECT_EQ(gb2.project, internal_);
  EXPECT_EQ(gb.parent, a.id);
  EXPECT_EQ(gc.parent, b.id);
  EXPECT_EQ(gb2.parent, a.id);
  // Only the project changed on the subtasks.
  gb.project = web_;
  gb.revision = b.revision;
  gb.updated_at = b.updated_at;
  EXPECT_EQ(Dump(gb), Dump(b));

  TaskFilter f;
  f.project = web_;
  EXPECT_EQ(TaskIds(f), std::vector<int64_t>{stay.id.value()});
  f.project = internal_;
  EXPECT_EQ(TaskIds(f), (std::vector<int64_t>{a.id.value(), b.id.value(),
                                              c.id.value(), b2.id.value()}));
}

TEST_P(TreeTest, MovingASubtaskDetachesItFromItsParent) {
  WS_ASSERT_OK_AND_ASSIGN(Task a, Add(web_, "A"));
  WS_ASSERT_OK_AND_ASSIGN(Task b, Add(web_, "B", a.id));
  WS_ASSERT_OK_AND_ASSIGN(Task c, Add(web_, "C", b.id));
  WS_ASSERT_OK_AND_ASSIGN(Task moved, Owner().MoveTask(b.id, internal_));
  EXPECT_EQ(moved.project, internal_);
  EXPECT_FALSE(moved.parent.valid());
  WS_ASSERT_OK_AND_ASSIGN(Task gc, Owner().GetTask(c.id));
  EXPECT_EQ(gc.project, internal_);
  EXPECT_EQ(gc.parent, b.id);
  WS_ASSERT_OK_AND_ASSIGN(Task ga, Owner().GetTask(a.id));
  EXPECT_EQ(ga.project, web_);
  EXPECT_EQ(ga.revision, 1);
  TaskFilter f;
  f.parent = a.id;
  EXPECT_THAT(TaskIds(f), IsEmpty());
}

TEST_P(TreeTest, MoveUnderAParentInTheTarget) {
  WS_ASSERT_OK_AND_ASSIGN(Task host, Add(internal_, "Host"));
  WS_ASSERT_OK_AND_ASSIGN(Task x, Add(web_, "X"));
  WS_ASSERT_OK_AND_ASSIGN(Task y, Add(web_, "Y", x.id));
  WS_ASSERT_OK_AND_ASSIGN(Task moved,
                          Owner().MoveTask(x.id, internal_, host.id));
  EXPECT_EQ(moved.project, internal_);
  EXPECT_EQ(moved.parent, host.id);
  WS_ASSERT_OK_AND_ASSIGN(Task gy, Owner().GetTask(y.id));
  EXPECT_EQ(gy.project, internal_);
  EXPECT_EQ(gy.parent, x.id);
  TaskFilter f;
  f.parent = host.id;
  EXPECT_EQ(TaskIds(f), std::vector<int64_t>{x.id.value()});

  // Within the same project, MoveTask reparents.
  WS_ASSERT_OK_AND_ASSIGN(Task top, Owner().MoveTask(x.id, internal_));
  EXPECT_FALSE(top.parent.valid());
  EXPECT_EQ(top.project, internal_);
}

TEST_P(TreeTest, MoveRefusesADeepTreeOrABadParent) {
  WS_ASSERT_OK_AND_ASSIGN(Task host, Add(internal_, "Host"));
  WS_ASSERT_OK_AND_ASSIGN(Task host2, Add(internal_, "Host 2", host.id));
  WS_ASSERT_OK_AND_ASSIGN(Task x, Add(web_, "X"));
  WS_ASSERT_OK_AND_ASSIGN(Task y, Add(web_, "Y", x.id));
  WS_ASSERT_OK_AND_ASSIGN(Task other, Add(web_, "Other"));
  const std::string before = Snapshot();
  // Under host2 (level 2) x would be level 3 and y level 4.
  EXPECT_THAT(Owner().MoveTask(x.id, internal_, host2.id),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before);
  // A new parent outside the target project.
  EXPECT_THAT(Owner().MoveTask(x.id, internal_, other.id),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // A new parent inside the moved subtree.
  EXPECT_THAT(Owner().MoveTask(x.id, web_, y.id),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  // Unknown target project and parent.
  EXPECT_THAT(Owner().MoveTask(x.id, ProjectId(9999)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Owner().MoveTask(x.id, internal_, TaskId(9999)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Snapshot(), before);
  // The leaf y alone fits under host2.
  WS_ASSERT_OK_AND_ASSIGN(Task moved,
                          Owner().MoveTask(y.id, internal_, host2.id));
  EXPECT_EQ(moved.parent, host2.id);
}

TEST_P(TreeTest, MoveFailsWhenAnAssigneeCannotFollowAndMovesNothing) {
  // The root and a first subtask are fine anywhere; the deepest subtask is
  // assigned to the employee, who is no member of internal_.
  WS_ASSERT_OK_AND_ASSIGN(Task a, Add(web_, "A"));
  WS_ASSERT_OK_AND_ASSIGN(Task b, Add(web_, "B", a.id));
  Task c = NewTask(web_, "C", b.id);
  c.assignee = employee_id_;
  WS_ASSERT_OK_AND_ASSIGN(c, Owner().CreateTask(c));
  const std::string before = Snapshot();
  absl::StatusOr<Task> r = Owner().MoveTask(a.id, internal_);
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(r.status().message(), HasSubstr("task.assignee"));
  EXPECT_EQ(Snapshot(), before);
  for (TaskId id : {a.id, b.id, c.id}) {
    WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(id));
    EXPECT_EQ(got.project, web_);
    EXPECT_EQ(got.revision, 1);
  }

  // A subscriber who cannot follow blocks the move the same way.
  c.assignee = MemberId();
  c.subscribers = {employee_id_};
  WS_ASSERT_OK(Owner().UpdateTask(c));
  const std::string before2 = Snapshot();
  EXPECT_THAT(Owner().MoveTask(a.id, internal_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before2);

  // Once the employee joins internal_, the move goes through.
  WS_ASSERT_OK_AND_ASSIGN(Project internal, Owner().GetProject(internal_));
  internal.members.push_back({employee_id_, ProjectRole::kMember});
  WS_ASSERT_OK(Owner().UpdateProject(internal));
  WS_ASSERT_OK(Owner().MoveTask(a.id, internal_));
  WS_ASSERT_OK_AND_ASSIGN(Task gc, Owner().GetTask(c.id));
  EXPECT_EQ(gc.project, internal_);
}

TEST_P(TreeTest, EmployeeMayNotMoveTasksOfAProjectTheyDoNotManage) {
  WS_ASSERT_OK_AND_ASSIGN(Task mine,
                          Employee().CreateTask(NewTask(web_, "Mine")));
  WS_ASSERT_OK_AND_ASSIGN(
      Project p, Owner().CreateProject(NewProject("Emil's", employee_id_)));
  const std::string before = Snapshot();
  EXPECT_THAT(Employee().MoveTask(mine.id, p.id),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(Snapshot(), before);
}

WS_INSTANTIATE_ALL_STORES(TreeTest);

}  // namespace
}  // namespace session_conformance
}  // namespace worksection
