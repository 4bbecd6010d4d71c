// Projects: who sees which, who edits, archives and creates them, and who
// reads their money.
#include <optional>
#include <string>
#include <vector>

#include "agency.h"

namespace worksection::testing {
namespace {

using ::absl::StatusCode;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

class PermissionsProjects : public AgencyTest {
 protected:
  Project Renamed(ProjectId id, const std::string& name) {
    Project p = OwnerProject(id);
    p.name = name;
    return p;
  }
  Project NewProject(const std::string& name) {
    Project p;
    p.name = name;
    return p;
  }
};

TEST_P(PermissionsProjects, OwnerAndAdminSeeAndRunEveryProject) {
  for (MemberId who : {a_.owner, a_.admin}) {
    SCOPED_TRACE(who.value());
    Session s = As(who);
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Project> all, s.ListProjects());
    EXPECT_THAT(Ids(all), UnorderedElementsAre(a_.p, a_.q));
    WS_ASSERT_OK_AND_ASSIGN(Project q, s.GetProject(a_.q));
    EXPECT_EQ(q.money_budget, std::optional<Money>(kProjectBudget));
    EXPECT_EQ(q.billing_rate, std::optional<Money>(kProjectRate));
    EXPECT_THAT(s.UpdateProject(Renamed(a_.q, "Q renamed")), IsOk());
    WS_ASSERT_OK_AND_ASSIGN(Project made,
                            s.CreateProject(NewProject("New project")));
    EXPECT_THAT(s.ArchiveProject(made.id), IsOk());
  }
}

TEST_P(PermissionsProjects, EmployeeSeesOnlyTheirProjects) {
  for (MemberId who : {a_.manager, a_.worker}) {
    SCOPED_TRACE(who.value());
    Session s = As(who);
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Project> seen, s.ListProjects());
    EXPECT_THAT(Ids(seen), ElementsAre(a_.p));
    EXPECT_THAT(s.GetProject(a_.p), IsOk());
    EXPECT_THAT(s.GetProject(a_.q), StatusIs(StatusCode::kNotFound));
    ProjectFilter all;
    all.include_archived = true;
    WS_ASSERT_OK_AND_ASSIGN(seen, s.ListProjects(all));
    EXPECT_THAT(Ids(seen), ElementsAre(a_.p));
  }
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Project> seen,
                          As(a_.outsider).ListProjects());
  EXPECT_THAT(Ids(seen), ElementsAre(a_.q));
  EXPECT_THAT(As(a_.outsider).GetProject(a_.p),
              StatusIs(StatusCode::kNotFound));
}

TEST_P(PermissionsProjects, ProjectOutsideYourOwnIsNotFoundForWrites) {
  EXPECT_REFUSED(kNotFound,
                 As(a_.manager).UpdateProject(Renamed(a_.q, "Taken over")));
  EXPECT_REFUSED(kNotFound, As(a_.manager).ArchiveProject(a_.q));
  EXPECT_REFUSED(kNotFound,
                 As(a_.client).UpdateProject(Renamed(a_.q, "Taken over")));
}

TEST_P(PermissionsProjects, NobodyButOwnerAndAdminCreatesProjects) {
  for (MemberId who : {a_.manager, a_.worker, a_.client, a_.reader}) {
    SCOPED_TRACE(who.value());
    EXPECT_DENIED(As(who).CreateProject(NewProject("Side project")));
  }
}

TEST_P(PermissionsProjects, ManagerEditsTheProject) {
  Session s = As(a_.manager);
  Project p = Renamed(a_.p, "P, phase 2");
  p.money_budget = kProjectBudget * 2;
  WS_ASSERT_OK_AND_ASSIGN(Project updated, s.UpdateProject(p));
  EXPECT_EQ(updated.name, "P, phase 2");
  EXPECT_EQ(OwnerProject(a_.p).money_budget,
            std::optional<Money>(kProjectBudget * 2));
}

TEST_P(PermissionsProjects, ManagerChangesItsMembers) {
  Project p = OwnerProject(a_.p);
  p.members.push_back({a_.outsider, ProjectRole::kMember});
  ASSERT_THAT(As(a_.manager).UpdateProject(p), IsOk());
  EXPECT_THAT(As(a_.outsider).GetProject(a_.p), IsOk());
}

TEST_P(PermissionsProjects, ManagerArchivesTheProject) {
  WS_ASSERT_OK_AND_ASSIGN(Project archived,
                          As(a_.manager).ArchiveProject(a_.p));
  EXPECT_EQ(archived.status, ProjectStatus::kArchived);
}

TEST_P(PermissionsProjects, PlainMemberCannotEditOrArchive) {
  Session s = As(a_.worker);
  EXPECT_DENIED(s.UpdateProject(Renamed(a_.p, "Mine now")));
  Project p = OwnerProject(a_.p);
  p.members.push_back({a_.outsider, ProjectRole::kMember});
  EXPECT_DENIED(s.UpdateProject(p));
  EXPECT_DENIED(s.ArchiveProject(a_.p));
}

TEST_P(PermissionsProjects, ClientAndReaderCannotEditOrArchive) {
  for (MemberId who : {a_.client, a_.reader}) {
    SCOPED_TRACE(who.value());
    EXPECT_DENIED(As(who).UpdateProject(Renamed(a_.p, "Ours now")));
    EXPECT_DENIED(As(who).ArchiveProject(a_.p));
  }
}

TEST_P(PermissionsProjects, ClientAndReaderSeeOnlyTheirProjects) {
  for (MemberId who : {a_.client, a_.reader}) {
    SCOPED_TRACE(who.value());
    Session s = As(who);
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Project> seen, s.ListProjects());
    EXPECT_THAT(Ids(seen), ElementsAre(a_.p));
    EXPECT_THAT(s.GetProject(a_.q), StatusIs(StatusCode::kNotFound));
  }
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Project> seen,
                          As(a_.client_q).ListProjects());
  EXPECT_THAT(Ids(seen), ElementsAre(a_.q));
  EXPECT_THAT(As(a_.client_q).GetProject(a_.p),
              StatusIs(StatusCode::kNotFound));
}

TEST_P(PermissionsProjects, MemberWithoutProjectsSeesNone) {
  for (Role role : {Role::kEmployee, Role::kClient, Role::kReader}) {
    WS_ASSERT_OK_AND_ASSIGN(
        Member lone, NewMember("Lone " + std::string(RoleName(role)), role));
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Project> seen,
                            As(lone.id).ListProjects());
    EXPECT_THAT(seen, ::testing::IsEmpty()) << RoleName(role);
  }
}

TEST_P(PermissionsProjects, ManagerReadsProjectMoney) {
  WS_ASSERT_OK_AND_ASSIGN(Project p, As(a_.manager).GetProject(a_.p));
  EXPECT_EQ(p.money_budget, std::optional<Money>(kProjectBudget));
  EXPECT_EQ(p.billing_rate, std::optional<Money>(kProjectRate));
  WS_ASSERT_OK_AND_ASSIGN(Project q, As(a_.outsider).GetProject(a_.q));
  EXPECT_EQ(q.money_budget, std::optional<Money>(kProjectBudget));
}

TEST_P(PermissionsProjects, ProjectMoneyIsEmptyForMembersClientsAndReaders) {
  for (MemberId who : {a_.worker, a_.client, a_.reader}) {
    SCOPED_TRACE(who.value());
    Session s = As(who);
    WS_ASSERT_OK_AND_ASSIGN(Project p, s.GetProject(a_.p));
    EXPECT_EQ(p.money_budget, std::nullopt);
    EXPECT_EQ(p.billing_rate, std::nullopt);
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Project> seen, s.ListProjects());
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].money_budget, std::nullopt);
    EXPECT_EQ(seen[0].billing_rate, std::nullopt);
  }
}

TEST_P(PermissionsProjects, ManagerLosesProjectMoneyWhenNoLongerManager) {
  Project p = OwnerProject(a_.p);
  p.manager = a_.worker;
  for (ProjectMember& m : p.members) {
    if (m.member == a_.manager) m.role = ProjectRole::kMember;
  }
  ASSERT_THAT(Owner().UpdateProject(p), IsOk());
  WS_ASSERT_OK_AND_ASSIGN(Project seen, As(a_.manager).GetProject(a_.p));
  EXPECT_EQ(seen.money_budget, std::nullopt);
  EXPECT_DENIED(As(a_.manager).ArchiveProject(a_.p));
  WS_ASSERT_OK_AND_ASSIGN(seen, As(a_.worker).GetProject(a_.p));
  EXPECT_EQ(seen.money_budget, std::optional<Money>(kProjectBudget));
}

TEST_P(PermissionsProjects, ClientCannotHoldAnotherProjectRole) {
  Project p = OwnerProject(a_.q);
  p.members.push_back({a_.client, ProjectRole::kMember});
  EXPECT_REFUSED(kInvalidArgument, Owner().UpdateProject(p));
  p = OwnerProject(a_.q);
  p.members.push_back({a_.worker, ProjectRole::kClient});
  EXPECT_REFUSED(kInvalidArgument, Owner().UpdateProject(p));
}

WS_INSTANTIATE_AGENCY_TEST(PermissionsProjects);

}  // namespace
}  // namespace worksection::testing
