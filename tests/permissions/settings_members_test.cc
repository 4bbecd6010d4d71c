// Workspace settings and members: who reads them, who manages them, and
// that only owners touch owners.
#include <optional>
#include <string>
#include <vector>

#include "agency.h"

namespace worksection::testing {
namespace {

using ::testing::IsEmpty;
using ::testing::UnorderedElementsAreArray;

class PermissionsMembers : public AgencyTest {
 protected:
  std::vector<MemberId> Everyone() const {
    return {a_.owner,    a_.admin,  a_.manager,  a_.worker,
            a_.outsider, a_.client, a_.client_q, a_.reader};
  }
  std::vector<MemberId> PeopleOfP() const {
    return {a_.manager, a_.worker, a_.client, a_.reader};
  }
  Member Renamed(MemberId id, const std::string& name) {
    Member m = OwnerMember(id);
    m.name = name;
    return m;
  }
  Member WithRole(MemberId id, Role role) {
    Member m = OwnerMember(id);
    m.role = role;
    return m;
  }
  Member Fresh(const std::string& local, Role role) {
    Member m;
    m.name = local;
    m.email = local + "@agency.test";
    m.role = role;
    return m;
  }
};

// --- Settings ---

TEST_P(PermissionsMembers, EveryoneReadsSettings) {
  for (MemberId who : Everyone()) {
    SCOPED_TRACE(who.value());
    EXPECT_THAT(As(who).GetSettings(), IsOk());
  }
}

TEST_P(PermissionsMembers, OwnerAndAdminEditSettings) {
  for (MemberId who : {a_.owner, a_.admin}) {
    WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings s, As(who).GetSettings());
    s.name = "Renamed by " + std::to_string(who.value());
    WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings updated,
                            As(who).UpdateSettings(s));
    EXPECT_EQ(updated.name, s.name);
  }
}

TEST_P(PermissionsMembers, OthersCannotEditSettings) {
  for (MemberId who : {a_.manager, a_.worker, a_.client, a_.reader}) {
    SCOPED_TRACE(who.value());
    WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings s, As(who).GetSettings());
    s.name = "Hijacked";
    EXPECT_DENIED(As(who).UpdateSettings(s));
  }
}

// --- Managing members ---

TEST_P(PermissionsMembers, OwnerManagesOwners) {
  Session s = Owner();
  WS_ASSERT_OK_AND_ASSIGN(Member second,
                          s.CreateMember(Fresh("second.owner", Role::kOwner)));
  EXPECT_EQ(second.role, Role::kOwner);
  Member renamed = second;
  renamed.name = "Second Owner";
  EXPECT_THAT(s.UpdateMember(renamed), IsOk());
  EXPECT_THAT(s.UpdateMember(WithRole(a_.admin, Role::kOwner)), IsOk());
  EXPECT_EQ(OwnerMember(a_.admin).role, Role::kOwner);
  EXPECT_THAT(s.DeactivateMember(second.id), IsOk());
  EXPECT_THAT(s.ReactivateMember(second.id), IsOk());
  EXPECT_THAT(s.UpdateMember(WithRole(second.id, Role::kAdmin)), IsOk());
}

TEST_P(PermissionsMembers, AdminManagesMembersButNotOwners) {
  Session s = As(a_.admin);
  WS_ASSERT_OK_AND_ASSIGN(Member e,
                          s.CreateMember(Fresh("new.hire", Role::kEmployee)));
  EXPECT_THAT(s.UpdateMember(Renamed(e.id, "New Hire")), IsOk());
  EXPECT_THAT(s.UpdateMember(WithRole(e.id, Role::kAdmin)), IsOk());
  EXPECT_THAT(s.DeactivateMember(e.id), IsOk());
  EXPECT_THAT(s.ReactivateMember(e.id), IsOk());
  EXPECT_THAT(s.CreateMember(Fresh("another.admin", Role::kAdmin)), IsOk());
  EXPECT_THAT(s.UpdateMember(Renamed(a_.worker, "Wes W.")), IsOk());
}

TEST_P(PermissionsMembers, AdminCannotCreateAnOwner) {
  EXPECT_DENIED(As(a_.admin).CreateMember(Fresh("boss", Role::kOwner)));
}

TEST_P(PermissionsMembers, AdminCannotEditAnOwner) {
  EXPECT_DENIED(As(a_.admin).UpdateMember(Renamed(a_.owner, "Demoted")));
  EXPECT_DENIED(As(a_.admin).UpdateMember(WithRole(a_.owner, Role::kEmployee)));
}

TEST_P(PermissionsMembers, AdminCannotMakeAnyoneOwner) {
  EXPECT_DENIED(As(a_.admin).UpdateMember(WithRole(a_.worker, Role::kOwner)));
  EXPECT_DENIED(As(a_.admin).UpdateMember(WithRole(a_.admin, Role::kOwner)));
}

TEST_P(PermissionsMembers, AdminCannotDeactivateOrReactivateAnOwner) {
  WS_ASSERT_OK_AND_ASSIGN(
      Member second, Owner().CreateMember(Fresh("second.owner", Role::kOwner)));
  EXPECT_DENIED(As(a_.admin).DeactivateMember(second.id));
  EXPECT_DENIED(As(a_.admin).DeactivateMember(a_.owner));
  ASSERT_THAT(Owner().DeactivateMember(second.id), IsOk());
  EXPECT_DENIED(As(a_.admin).ReactivateMember(second.id));
}

TEST_P(PermissionsMembers, OthersCannotManageMembers) {
  for (MemberId who : {a_.manager, a_.worker, a_.client, a_.reader}) {
    SCOPED_TRACE(who.value());
    Session s = As(who);
    EXPECT_DENIED(s.CreateMember(Fresh("intruder", Role::kEmployee)));
    EXPECT_DENIED(s.CreateMember(Fresh("intruder", Role::kClient)));
    EXPECT_DENIED(s.UpdateMember(Renamed(a_.outsider, "Renamed")));
    EXPECT_DENIED(s.UpdateMember(Renamed(who, "Myself")));
    EXPECT_DENIED(s.UpdateMember(WithRole(who, Role::kAdmin)));
    EXPECT_DENIED(s.DeactivateMember(a_.outsider));
  }
  ASSERT_THAT(Owner().DeactivateMember(a_.outsider), IsOk());
  EXPECT_DENIED(As(a_.manager).ReactivateMember(a_.outsider));
}

// --- Reading members ---

TEST_P(PermissionsMembers, StaffReadEveryMember) {
  for (MemberId who : {a_.owner, a_.admin, a_.manager, a_.worker}) {
    SCOPED_TRACE(who.value());
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> all, As(who).ListMembers());
    EXPECT_THAT(Ids(all), UnorderedElementsAreArray(Everyone()));
    EXPECT_THAT(As(who).GetMember(a_.client_q), IsOk());
    EXPECT_THAT(As(who).GetMember(a_.outsider), IsOk());
  }
}

TEST_P(PermissionsMembers, ClientReadsOnlyPeopleSharingAProject) {
  Session s = As(a_.client);
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> seen, s.ListMembers());
  EXPECT_THAT(Ids(seen), UnorderedElementsAreArray(PeopleOfP()));
  EXPECT_THAT(s.GetMember(a_.worker), IsOk());
  EXPECT_THAT(s.GetMember(a_.client), IsOk());
  for (MemberId hidden : {a_.outsider, a_.client_q, a_.owner, a_.admin}) {
    SCOPED_TRACE(hidden.value());
    EXPECT_THAT(s.GetMember(hidden), StatusIs(absl::StatusCode::kNotFound));
  }
  MemberFilter inactive;
  inactive.include_inactive = true;
  WS_ASSERT_OK_AND_ASSIGN(seen, s.ListMembers(inactive));
  EXPECT_THAT(Ids(seen), UnorderedElementsAreArray(PeopleOfP()));
}

TEST_P(PermissionsMembers, ClientOfQSeesNobodyFromP) {
  Session s = As(a_.client_q);
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> seen, s.ListMembers());
  EXPECT_THAT(Ids(seen), UnorderedElementsAreArray({a_.outsider, a_.client_q}));
  EXPECT_THAT(s.GetMember(a_.client), StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(PermissionsMembers, ReaderReadsOnlyPeopleSharingAProject) {
  Session s = As(a_.reader);
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> seen, s.ListMembers());
  EXPECT_THAT(Ids(seen), UnorderedElementsAreArray(PeopleOfP()));
  EXPECT_THAT(s.GetMember(a_.outsider), StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(PermissionsMembers, ClientWithoutProjectsSeesOnlyThemself) {
  WS_ASSERT_OK_AND_ASSIGN(Member lone, NewMember("Lone Client", Role::kClient));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> seen, As(lone.id).ListMembers());
  EXPECT_THAT(Ids(seen), UnorderedElementsAreArray({lone.id}));
}

// --- Rates ---

TEST_P(PermissionsMembers, OwnerAndAdminReadRates) {
  for (MemberId who : {a_.owner, a_.admin}) {
    SCOPED_TRACE(who.value());
    WS_ASSERT_OK_AND_ASSIGN(Member m, As(who).GetMember(a_.worker));
    EXPECT_EQ(m.cost_rate, std::optional<Money>(kCostRate));
    EXPECT_EQ(m.billing_rate, std::optional<Money>(kBillingRate));
  }
}

// Rates are a workspace matter: even a project manager does not get them.
TEST_P(PermissionsMembers, RatesAreEmptyForEveryoneElse) {
  for (MemberId who : {a_.manager, a_.worker, a_.client, a_.reader}) {
    SCOPED_TRACE(who.value());
    Session s = As(who);
    WS_ASSERT_OK_AND_ASSIGN(Member m, s.GetMember(a_.worker));
    EXPECT_EQ(m.cost_rate, std::nullopt);
    EXPECT_EQ(m.billing_rate, std::nullopt);
    WS_ASSERT_OK_AND_ASSIGN(Member self, s.GetMember(who));
    EXPECT_EQ(self.cost_rate, std::nullopt);
    EXPECT_EQ(self.billing_rate, std::nullopt);
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> all, s.ListMembers());
    ASSERT_THAT(all, ::testing::Not(IsEmpty()));
    for (const Member& each : all) {
      EXPECT_EQ(each.cost_rate, std::nullopt) << each.name;
      EXPECT_EQ(each.billing_rate, std::nullopt) << each.name;
    }
  }
}

TEST_P(PermissionsMembers, AdminEditKeepsRatesItDoesNotName) {
  Member m = Renamed(a_.worker, "Wes W.");
  m.cost_rate.reset();
  m.billing_rate.reset();
  WS_ASSERT_OK_AND_ASSIGN(Member updated, As(a_.admin).UpdateMember(m));
  EXPECT_EQ(OwnerMember(a_.worker).cost_rate, std::optional<Money>(kCostRate));
  EXPECT_EQ(updated.name, "Wes W.");
}

WS_INSTANTIATE_AGENCY_TEST(PermissionsMembers);

}  // namespace
}  // namespace worksection::testing
