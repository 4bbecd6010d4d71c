// Projects: create, read, update, archive, list, members.
#include <string>
#include <vector>

#include "tests/conformance/session_test.h"

namespace worksection {
namespace session_conformance {
namespace {

class ProjectsTest : public SessionTest {};

TEST_P(ProjectsTest, CreateRoundTripsEveryField) {
  Project p = NewProject("Brand \xe2\x84\xa2", employee_id_,
                         {{client_id_, ProjectRole::kClient}});
  p.status = ProjectStatus::kPaused;
  p.folder = "Clients";
  p.start_date = Day(2024, 1, 1);
  p.deadline = Day(2024, 12, 31);
  p.time_budget = absl::Hours(40);
  p.money_budget = 500000;
  p.billing_rate = 9000;
  p.tags = {" zeta ", "alpha", "zeta", "Alpha", "mid"};
  p.id = ProjectId(777);
  p.revision = 9;
  WS_ASSERT_OK_AND_ASSIGN(Project created, Owner().CreateProject(p));
  EXPECT_TRUE(created.id.valid());
  EXPECT_NE(created.id, ProjectId(777));
  EXPECT_EQ(created.revision, 1);
  EXPECT_EQ(created.name, "Brand \xe2\x84\xa2");
  EXPECT_EQ(created.status, ProjectStatus::kPaused);
  EXPECT_EQ(created.folder, "Clients");
  EXPECT_EQ(created.manager, employee_id_);
  EXPECT_EQ(created.start_date, Day(2024, 1, 1));
  EXPECT_EQ(created.deadline, Day(2024, 12, 31));
  EXPECT_EQ(created.time_budget, absl::Hours(40));
  EXPECT_EQ(created.money_budget, 500000);
  EXPECT_EQ(created.billing_rate, 9000);
  // Tags trimmed, sorted (bytewise), unique.
  EXPECT_THAT(created.tags, ElementsAre("Alpha", "alpha", "mid", "zeta"));
  // The manager joins the members as manager; members sorted by id.
  EXPECT_THAT(created.members,
              ElementsAre(ProjectMember{employee_id_, ProjectRole::kManager},
                          ProjectMember{client_id_, ProjectRole::kClient}));
  EXPECT_EQ(created.created_at, FixedNow());
  EXPECT_EQ(created.updated_at, FixedNow());

  WS_ASSERT_OK_AND_ASSIGN(Project got, Owner().GetProject(created.id));
  EXPECT_EQ(Dump(got), Dump(created));
  ProjectFilter all;
  all.include_archived = true;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Project> list, Owner().ListProjects(all));
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(Dump(list.back()), Dump(created));
}

TEST_P(ProjectsTest, ManagerListedAsMemberBecomesManager) {
  WS_ASSERT_OK_AND_ASSIGN(
      Project created,
      Owner().CreateProject(NewProject("P", employee_id_,
                                       {{employee_id_, ProjectRole::kMember},
                                        {owner_id_, ProjectRole::kMember}})));
  EXPECT_THAT(created.members,
              ElementsAre(ProjectMember{owner_id_, ProjectRole::kMember},
                          ProjectMember{employee_id_, ProjectRole::kManager}));
  // The new manager, an employee, may now edit the project.
  created.name = "Renamed by its manager";
  WS_ASSERT_OK_AND_ASSIGN(Project updated, Employee().UpdateProject(created));
  EXPECT_EQ(updated.name, "Renamed by its manager");
}

TEST_P(ProjectsTest, UpdateWritesEveryFieldAndIncrementsTheRevision) {
  WS_ASSERT_OK_AND_ASSIGN(Project p, Owner().GetProject(internal_));
  ASSERT_EQ(p.revision, 1);
  p.name = "Internal 2";
  p.status = ProjectStatus::kPaused;
  p.folder = "Ops";
  p.manager = employee_id_;
  p.start_date = Day(2024, 2, 1);
  p.deadline = Day(2024, 2, 1);  // the same day is fine
  p.time_budget = absl::Seconds(1);
  p.money_budget = 0;
  p.billing_rate = 1;
  p.tags = {"b", "a"};
  p.created_at = absl::UnixEpoch();  // ignored
  WS_ASSERT_OK_AND_ASSIGN(Project updated, Owner().UpdateProject(p));
  EXPECT_EQ(updated.revision, 2);
  EXPECT_EQ(updated.created_at, FixedNow());
  EXPECT_THAT(updated.tags, ElementsAre("a", "b"));
  EXPECT_THAT(updated.members,
              ElementsAre(ProjectMember{owner_id_, ProjectRole::kManager},
                          ProjectMember{employee_id_, ProjectRole::kManager}));
  WS_ASSERT_OK_AND_ASSIGN(Project got, Owner().GetProject(internal_));
  EXPECT_EQ(Dump(got), Dump(updated));
  EXPECT_EQ(got.name, "Internal 2");
  EXPECT_EQ(got.status, ProjectStatus::kPaused);
  EXPECT_EQ(got.folder, "Ops");
  EXPECT_EQ(got.manager, employee_id_);
  EXPECT_EQ(got.money_budget, 0);

  // Clearing optional fields.
  got.start_date.reset();
  got.deadline.reset();
  got.time_budget.reset();
  got.money_budget.reset();
  got.billing_rate.reset();
  got.tags.clear();
  got.members = {{employee_id_, ProjectRole::kManager}};
  WS_ASSERT_OK_AND_ASSIGN(updated, Owner().UpdateProject(got));
  EXPECT_EQ(updated.revision, 3);
  WS_ASSERT_OK_AND_ASSIGN(got, Owner().GetProject(internal_));
  EXPECT_EQ(Dump(got), Dump(updated));
  EXPECT_FALSE(got.start_date.has_value());
  EXPECT_FALSE(got.deadline.has_value());
  EXPECT_FALSE(got.time_budget.has_value());
  EXPECT_FALSE(got.money_budget.has_value());
  EXPECT_THAT(got.tags, IsEmpty());
  EXPECT_THAT(got.members,
              ElementsAre(ProjectMember{employee_id_, ProjectRole::kManager}));
}

TEST_P(ProjectsTest, StaleRevisionIsAbortedAndChangesNothing) {
  WS_ASSERT_OK_AND_ASSIGN(Project first, Owner().GetProject(web_));
  Project second = first;
  second.name = "Second";
  WS_ASSERT_OK(Owner().UpdateProject(second));
  const std::string before = Snapshot();
  first.name = "Stale";
  EXPECT_THAT(Owner().UpdateProject(first),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(Snapshot(), before);
  WS_ASSERT_OK_AND_ASSIGN(Project got, Owner().GetProject(web_));
  EXPECT_EQ(got.name, "Second");
  EXPECT_EQ(got.revision, 2);

  first.revision = 0;
  WS_ASSERT_OK_AND_ASSIGN(Project updated, Owner().UpdateProject(first));
  EXPECT_EQ(updated.revision, 3);
  EXPECT_EQ(updated.name, "Stale");
}

TEST_P(ProjectsTest, ArchiveAndListing) {
  WS_ASSERT_OK_AND_ASSIGN(Project paused_input, Owner().GetProject(internal_));
  paused_input.status = ProjectStatus::kPaused;
  WS_ASSERT_OK(Owner().UpdateProject(paused_input));
  WS_ASSERT_OK_AND_ASSIGN(Project old,
                          Owner().CreateProject(NewProject("Old", owner_id_)));
  WS_ASSERT_OK_AND_ASSIGN(Project archived, Owner().ArchiveProject(old.id));
  EXPECT_EQ(archived.status, ProjectStatus::kArchived);
  EXPECT_EQ(archived.revision, 2);
  WS_ASSERT_OK_AND_ASSIGN(Project got, Owner().GetProject(old.id));
  EXPECT_EQ(Dump(got), Dump(archived));
  EXPECT_THAT(Owner().ArchiveProject(old.id),
              StatusIs(absl::StatusCode::kFailedPrecondition));

  WS_ASSERT_OK_AND_ASSIGN(std::vector<Project> list, Owner().ListProjects());
  EXPECT_THAT(Ids(list), ElementsAre(web_.value(), internal_.value()));
  ProjectFilter f;
  f.include_archived = true;
  WS_ASSERT_OK_AND_ASSIGN(list, Owner().ListProjects(f));
  EXPECT_THAT(Ids(list),
              ElementsAre(web_.value(), internal_.value(), old.id.value()));
  f = {};
  f.status = ProjectStatus::kArchived;
  WS_ASSERT_OK_AND_ASSIGN(list, Owner().ListProjects(f));
  EXPECT_THAT(Ids(list), ElementsAre(old.id.value()));
  f.status = ProjectStatus::kPaused;
  WS_ASSERT_OK_AND_ASSIGN(list, Owner().ListProjects(f));
  EXPECT_THAT(Ids(list), ElementsAre(internal_.value()));
  f.status = ProjectStatus::kActive;
  f.include_archived = true;  // status overrides include_archived
  WS_ASSERT_OK_AND_ASSIGN(list, Owner().ListProjects(f));
  EXPECT_THAT(Ids(list), ElementsAre(web_.value()));
}

TEST_P(ProjectsTest, ListByMemberAndWhatAnEmployeeSees) {
  ProjectFilter f;
  f.member = employee_id_;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Project> list, Owner().ListProjects(f));
  EXPECT_THAT(Ids(list), ElementsAre(web_.value()));
  f.member = owner_id_;
  WS_ASSERT_OK_AND_ASSIGN(list, Owner().ListProjects(f));
  EXPECT_THAT(Ids(list), ElementsAre(web_.value(), internal_.value()));

  // An employee sees only the projects they belong to.
  WS_ASSERT_OK_AND_ASSIGN(list, Employee().ListProjects());
  EXPECT_THAT(Ids(list), ElementsAre(web_.value()));
  EXPECT_THAT(Employee().GetProject(internal_),
              StatusIs(absl::StatusCode::kNotFound));
  // ...and may not edit one they do not manage.
  WS_ASSERT_OK_AND_ASSIGN(Project web, Employee().GetProject(web_));
  const std::string before = Snapshot();
  web.name = "Mine";
  EXPECT_THAT(Employee().UpdateProject(web),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Employee().CreateProject(NewProject("Mine")),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(ProjectsTest, ArchivedProjectTasksCannotChange) {
  WS_ASSERT_OK_AND_ASSIGN(Task task,
                          Owner().CreateTask(NewTask(web_, "Before")));
  WS_ASSERT_OK_AND_ASSIGN(Task done,
                          Owner().CreateTask(NewTask(web_, "Done before")));
  WS_ASSERT_OK(Owner().CompleteTask(done.id));
  WS_ASSERT_OK_AND_ASSIGN(done, Owner().GetTask(done.id));
  WS_ASSERT_OK(Owner().ArchiveProject(web_));
  const std::string before = Snapshot();
  const auto kFailed = absl::StatusCode::kFailedPrecondition;
  EXPECT_THAT(Owner().CreateTask(NewTask(web_, "After")), StatusIs(kFailed));
  EXPECT_THAT(Owner().CreateTask(NewTask(web_, "Sub", task.id)),
              StatusIs(kFailed));
  Task edited = task;
  edited.title = "Edited";
  EXPECT_THAT(Owner().UpdateTask(edited), StatusIs(kFailed));
  EXPECT_THAT(Owner().CompleteTask(task.id), StatusIs(kFailed));
  EXPECT_THAT(Owner().ReopenTask(done.id), StatusIs(kFailed));
  EXPECT_THAT(Owner().MoveTask(task.id, internal_), StatusIs(kFailed));
  Comment c;
  c.task = task.id;
  c.text = "Too late";
  EXPECT_THAT(Owner().CreateComment(c), StatusIs(kFailed));
  EXPECT_EQ(Snapshot(), before);
  // Nor can tasks move into it.
  WS_ASSERT_OK_AND_ASSIGN(Task elsewhere,
                          Owner().CreateTask(NewTask(internal_, "Elsewhere")));
  EXPECT_THAT(Owner().MoveTask(elsewhere.id, web_), StatusIs(kFailed));
  WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(elsewhere.id));
  EXPECT_EQ(got.project, internal_);
  // Reading still works.
  WS_ASSERT_OK_AND_ASSIGN(Task read, Owner().GetTask(task.id));
  EXPECT_EQ(read.title, "Before");
}

TEST_P(ProjectsTest, BadMembersAreRefused) {
  const std::string before = Snapshot();
  // An unknown member.
  absl::StatusOr<Project> r = Owner().CreateProject(
      NewProject("P", owner_id_, {{MemberId(9999), ProjectRole::kMember}}));
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(r.status().message(), HasSubstr("project.members"));
  // An unknown manager.
  EXPECT_THAT(Owner().CreateProject(NewProject("P", MemberId(9999))),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // A workspace client as project member, an employee as project client.
  EXPECT_THAT(Owner().CreateProject(NewProject(
                  "P", owner_id_, {{client_id_, ProjectRole::kMember}})),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Owner().CreateProject(NewProject(
                  "P", owner_id_, {{employee_id_, ProjectRole::kClient}})),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // A client as manager.
  EXPECT_THAT(Owner().CreateProject(NewProject("P", client_id_)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // A member listed twice.
  EXPECT_THAT(
      Owner().CreateProject(NewProject("P", owner_id_,
                                       {{employee_id_, ProjectRole::kMember},
                                        {employee_id_, ProjectRole::kMember}})),
      StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(Snapshot(), before);
  // A deactivated member.
  WS_ASSERT_OK_AND_ASSIGN(
      Member gone, Owner().CreateMember(NewMember("Gone", "gone@example.com")));
  WS_ASSERT_OK(Owner().DeactivateMember(gone.id));
  const std::string before2 = Snapshot();
  EXPECT_THAT(Owner().CreateProject(NewProject(
                  "P", owner_id_, {{gone.id, ProjectRole::kMember}})),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before2);
}

TEST_P(ProjectsTest, UnknownProjectsAreNotFound) {
  const ProjectId missing(9999);
  EXPECT_THAT(Owner().GetProject(missing),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Owner().ArchiveProject(missing),
              StatusIs(absl::StatusCode::kNotFound));
  Project p = NewProject("Ghost");
  p.id = missing;
  const std::string before = Snapshot();
  EXPECT_THAT(Owner().UpdateProject(p), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Snapshot(), before);
}

WS_INSTANTIATE_ALL_STORES(ProjectsTest);

}  // namespace
}  // namespace session_conformance
}  // namespace worksection
