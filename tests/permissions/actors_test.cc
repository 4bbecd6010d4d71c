// Who may act at all: a deactivated member can do nothing, an unknown one
// is not found, whatever the call.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "agency.h"

namespace worksection::testing {
namespace {

using ::absl::StatusCode;

class PermissionsActors : public AgencyTest {
 protected:
  struct NamedCall {
    std::string name;
    std::function<absl::Status(Session&)> run;
  };

  template <typename T>
  static absl::Status StatusOf(const absl::StatusOr<T>& s) {
    return s.status();
  }

  // Every Session call, aimed at things that exist, with valid input, so
  // only the actor can make it fail. In this order an active owner can run
  // them all, one after the other.
  std::vector<NamedCall> EveryCall() {
    const AgencyIds a = a_;
    const Member worker = OwnerMember(a.worker);
    const Project p = OwnerProject(a.p);
    const Task open = OwnerTask(a.open);
    const Comment pub = OwnerComment(a.pub);
    WorkspaceSettings settings;
    settings.name = "Renamed";
    Member fresh;
    fresh.name = "New Person";
    fresh.email = "new.person@agency.test";
    Project project;
    project.name = "New project";
    Task task;
    task.project = a.p;
    task.title = "New task";
    Comment comment;
    comment.task = a.open;
    comment.text = "A comment";
    Member renamed = worker;
    renamed.name = "Renamed";
    Project renamed_p = p;
    renamed_p.name = "Renamed";
    Task renamed_t = open;
    renamed_t.title = "Renamed";
    Comment renamed_c = pub;
    renamed_c.text = "Renamed";
    return {
        {"GetSettings", [](Session& s) { return StatusOf(s.GetSettings()); }},
        {"UpdateSettings",
         [=](Session& s) { return StatusOf(s.UpdateSettings(settings)); }},
        {"Today", [](Session& s) { return StatusOf(s.Today()); }},
        {"CreateMember",
         [=](Session& s) { return StatusOf(s.CreateMember(fresh)); }},
        {"GetMember",
         [=](Session& s) { return StatusOf(s.GetMember(a.worker)); }},
        {"ListMembers", [](Session& s) { return StatusOf(s.ListMembers()); }},
        {"UpdateMember",
         [=](Session& s) { return StatusOf(s.UpdateMember(renamed)); }},
        {"DeactivateMember",
         [=](Session& s) { return StatusOf(s.DeactivateMember(a.reader)); }},
        {"ReactivateMember",
         [=](Session& s) { return StatusOf(s.ReactivateMember(a.reader)); }},
        {"CreateProject",
         [=](Session& s) { return StatusOf(s.CreateProject(project)); }},
        {"GetProject", [=](Session& s) { return StatusOf(s.GetProject(a.p)); }},
        {"ListProjects", [](Session& s) { return StatusOf(s.ListProjects()); }},
        {"UpdateProject",
         [=](Session& s) { return StatusOf(s.UpdateProject(renamed_p)); }},
        {"CreateTask",
         [=](Session& s) { return StatusOf(s.CreateTask(task)); }},
        {"GetTask", [=](Session& s) { return StatusOf(s.GetTask(a.open)); }},
        {"ListTasks", [](Session& s) { return StatusOf(s.ListTasks()); }},
        {"UpdateTask",
         [=](Session& s) { return StatusOf(s.UpdateTask(renamed_t)); }},
        {"CompleteTask",
         [=](Session& s) { return StatusOf(s.CompleteTask(a.open)); }},
        {"ReopenTask",
         [=](Session& s) { return StatusOf(s.ReopenTask(a.open)); }},
        {"MoveTask",
         [=](Session& s) {
           return StatusOf(s.MoveTask(a.workers, a.p, a.managers));
         }},
        {"CreateComment",
         [=](Session& s) { return StatusOf(s.CreateComment(comment)); }},
        {"GetComment",
         [=](Session& s) { return StatusOf(s.GetComment(a.pub)); }},
        {"ListComments",
         [=](Session& s) { return StatusOf(s.ListComments(a.open)); }},
        {"UpdateComment",
         [=](Session& s) { return StatusOf(s.UpdateComment(renamed_c)); }},
        // Last: an archived project's tasks and comments cannot change.
        {"ArchiveProject",
         [=](Session& s) { return StatusOf(s.ArchiveProject(a.p)); }},
    };
  }
};

TEST_P(PermissionsActors, DeactivatedMemberCanDoNothing) {
  for (MemberId who : {a_.worker, a_.admin}) {
    WS_ASSERT_OK_AND_ASSIGN(Member off, Owner().DeactivateMember(who));
    EXPECT_FALSE(off.active);
    Session s = As(who);
    for (const NamedCall& call : EveryCall()) {
      SCOPED_TRACE(call.name);
      EXPECT_REFUSED(kPermissionDenied, call.run(s));
    }
  }
}

TEST_P(PermissionsActors, DeactivatedOwnerCanDoNothing) {
  WS_ASSERT_OK_AND_ASSIGN(Member second,
                          NewMember("Second Owner", Role::kOwner));
  WS_ASSERT_OK_AND_ASSIGN(Member off, As(second.id).DeactivateMember(a_.owner));
  EXPECT_FALSE(off.active);
  viewer_ = second.id;
  Session s = As(a_.owner);
  for (const NamedCall& call : EveryCall()) {
    SCOPED_TRACE(call.name);
    EXPECT_REFUSED(kPermissionDenied, call.run(s));
  }
}

// The control for the tests above and below: the same calls succeed, one
// after the other, for an active owner, so their refusals come from the
// actor alone.
TEST_P(PermissionsActors, EveryCallWorksForAnActiveOwner) {
  Session s = Owner();
  for (const NamedCall& call : EveryCall()) {
    SCOPED_TRACE(call.name);
    EXPECT_THAT(call.run(s), IsOk());
  }
}

TEST_P(PermissionsActors, ReactivatedMemberActsAgain) {
  ASSERT_THAT(Owner().DeactivateMember(a_.worker), IsOk());
  EXPECT_THAT(As(a_.worker).GetTask(a_.open),
              StatusIs(StatusCode::kPermissionDenied));
  ASSERT_THAT(Owner().ReactivateMember(a_.worker), IsOk());
  EXPECT_THAT(As(a_.worker).GetTask(a_.open), IsOk());
}

TEST_P(PermissionsActors, UnknownActorIsNotFound) {
  Session s = As(MemberId(999999));
  for (const NamedCall& call : EveryCall()) {
    SCOPED_TRACE(call.name);
    EXPECT_REFUSED(kNotFound, call.run(s));
  }
  Session none = As(MemberId());
  EXPECT_REFUSED(kNotFound, none.GetSettings());
  EXPECT_REFUSED(kNotFound, none.CreateTask(OwnerTask(a_.open)));
}

WS_INSTANTIATE_AGENCY_TEST(PermissionsActors);

}  // namespace
}  // namespace worksection::testing
