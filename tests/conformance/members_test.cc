// Members: create, read, update, deactivate, the last owner, e-mails.
#include <string>
#include <vector>

#include "tests/conformance/session_test.h"

namespace worksection {
namespace session_conformance {
namespace {

class MembersTest : public SessionTest {};

TEST_P(MembersTest, CreateRoundTripsEveryField) {
  Member m = NewMember("Mia M\xc3\xbcller", "  Mia.Mueller@Example.COM ",
                       Role::kAdmin);
  m.company = "M\xc3\xbcller GmbH";
  m.cost_rate = 3500;
  m.billing_rate = 12000;
  // Fields only the library sets are ignored.
  m.id = MemberId(999);
  m.revision = 42;
  m.active = false;
  m.created_at = absl::UnixEpoch();
  WS_ASSERT_OK_AND_ASSIGN(Member created, Owner().CreateMember(m));
  EXPECT_TRUE(created.id.valid());
  EXPECT_NE(created.id, MemberId(999));
  EXPECT_EQ(created.revision, 1);
  EXPECT_EQ(created.name, "Mia M\xc3\xbcller");
  EXPECT_EQ(created.email, "mia.mueller@example.com");
  EXPECT_EQ(created.role, Role::kAdmin);
  EXPECT_EQ(created.company, "M\xc3\xbcller GmbH");
  EXPECT_EQ(created.cost_rate, 3500);
  EXPECT_EQ(created.billing_rate, 12000);
  EXPECT_TRUE(created.active);
  EXPECT_EQ(created.created_at, FixedNow());
  EXPECT_EQ(created.updated_at, FixedNow());

  WS_ASSERT_OK_AND_ASSIGN(Member got, Owner().GetMember(created.id));
  EXPECT_EQ(Dump(got), Dump(created));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> all, Owner().ListMembers());
  EXPECT_THAT(Ids(all), ElementsAre(owner_id_.value(), employee_id_.value(),
                                    client_id_.value(), created.id.value()));
  EXPECT_EQ(Dump(all.back()), Dump(created));
}

TEST_P(MembersTest, UnsetRatesStartAtZero) {
  WS_ASSERT_OK_AND_ASSIGN(Member created, Owner().CreateMember(NewMember(
                                              "Noah", "noah@example.com")));
  EXPECT_EQ(created.cost_rate, 0);
  EXPECT_EQ(created.billing_rate, 0);
  WS_ASSERT_OK_AND_ASSIGN(Member got, Owner().GetMember(created.id));
  EXPECT_EQ(got.cost_rate, 0);
  EXPECT_EQ(got.billing_rate, 0);
}

TEST_P(MembersTest, UpdateWritesEveryFieldAndIncrementsTheRevision) {
  WS_ASSERT_OK_AND_ASSIGN(Member m, Owner().GetMember(employee_id_));
  ASSERT_EQ(m.revision, 1);
  m.name = "Emil E.";
  m.email = "EMIL.E@Example.com";
  m.role = Role::kAdmin;
  m.company = "Team B";
  m.cost_rate = 100;
  m.billing_rate = 200;
  WS_ASSERT_OK_AND_ASSIGN(Member updated, Owner().UpdateMember(m));
  EXPECT_EQ(updated.revision, 2);
  EXPECT_EQ(updated.email, "emil.e@example.com");
  WS_ASSERT_OK_AND_ASSIGN(Member got, Owner().GetMember(employee_id_));
  EXPECT_EQ(Dump(got), Dump(updated));
  EXPECT_EQ(got.name, "Emil E.");
  EXPECT_EQ(got.role, Role::kAdmin);
  EXPECT_EQ(got.company, "Team B");
  EXPECT_EQ(got.cost_rate, 100);
  EXPECT_EQ(got.billing_rate, 200);
  EXPECT_EQ(got.created_at, FixedNow());

  // Unset rates are kept.
  got.cost_rate.reset();
  got.billing_rate.reset();
  got.company = "";
  WS_ASSERT_OK_AND_ASSIGN(updated, Owner().UpdateMember(got));
  EXPECT_EQ(updated.revision, 3);
  WS_ASSERT_OK_AND_ASSIGN(got, Owner().GetMember(employee_id_));
  EXPECT_EQ(got.cost_rate, 100);
  EXPECT_EQ(got.billing_rate, 200);
  EXPECT_EQ(got.company, "");
}

TEST_P(MembersTest, StaleRevisionIsAbortedAndChangesNothing) {
  WS_ASSERT_OK_AND_ASSIGN(Member first, Owner().GetMember(employee_id_));
  Member second = first;
  second.name = "Second";
  WS_ASSERT_OK(Owner().UpdateMember(second));
  const std::string before = Snapshot();
  first.name = "Stale";
  EXPECT_THAT(Owner().UpdateMember(first),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(Snapshot(), before);
  WS_ASSERT_OK_AND_ASSIGN(Member got, Owner().GetMember(employee_id_));
  EXPECT_EQ(got.name, "Second");
  EXPECT_EQ(got.revision, 2);

  // Revision 0 skips the check.
  first.revision = 0;
  WS_ASSERT_OK_AND_ASSIGN(Member updated, Owner().UpdateMember(first));
  EXPECT_EQ(updated.revision, 3);
  EXPECT_EQ(updated.name, "Stale");
}

TEST_P(MembersTest, DuplicateEmailIsAlreadyExistsIgnoringCase) {
  const std::string before = Snapshot();
  absl::StatusOr<Member> dup =
      Owner().CreateMember(NewMember("Other Emil", "EMIL@example.COM"));
  EXPECT_THAT(dup, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(dup.status().message(), HasSubstr("member.email"));
  EXPECT_EQ(Snapshot(), before);

  // Also on update, to another member's e-mail.
  WS_ASSERT_OK_AND_ASSIGN(Member client, Owner().GetMember(client_id_));
  client.email = "Emil@Example.com";
  EXPECT_THAT(Owner().UpdateMember(client),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(Snapshot(), before);

  // A deactivated member still holds the address.
  WS_ASSERT_OK(Owner().DeactivateMember(employee_id_));
  EXPECT_THAT(Owner().CreateMember(NewMember("Third", "emil@example.com")),
              StatusIs(absl::StatusCode::kAlreadyExists));

  // Keeping one's own e-mail (in another case) is fine.
  WS_ASSERT_OK_AND_ASSIGN(client, Owner().GetMember(client_id_));
  client.email = "CLARA@client.example";
  WS_ASSERT_OK_AND_ASSIGN(Member updated, Owner().UpdateMember(client));
  EXPECT_EQ(updated.email, "clara@client.example");
}

TEST_P(MembersTest, DeactivateAndReactivate) {
  WS_ASSERT_OK_AND_ASSIGN(Member off, Owner().DeactivateMember(employee_id_));
  EXPECT_FALSE(off.active);
  EXPECT_EQ(off.revision, 2);
  WS_ASSERT_OK_AND_ASSIGN(Member got, Owner().GetMember(employee_id_));
  EXPECT_FALSE(got.active);
  EXPECT_EQ(got.revision, 2);

  WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> active, Owner().ListMembers());
  EXPECT_THAT(Ids(active), ElementsAre(owner_id_.value(), client_id_.value()));
  MemberFilter all;
  all.include_inactive = true;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> everyone,
                          Owner().ListMembers(all));
  EXPECT_THAT(
      Ids(everyone),
      ElementsAre(owner_id_.value(), employee_id_.value(), client_id_.value()));

  // A deactivated member can do nothing.
  EXPECT_THAT(Employee().GetSettings(),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Employee().ListTasks(),
              StatusIs(absl::StatusCode::kPermissionDenied));
  // Deactivating twice fails.
  EXPECT_THAT(Owner().DeactivateMember(employee_id_),
              StatusIs(absl::StatusCode::kFailedPrecondition));

  WS_ASSERT_OK_AND_ASSIGN(Member on, Owner().ReactivateMember(employee_id_));
  EXPECT_TRUE(on.active);
  EXPECT_EQ(on.revision, 3);
  EXPECT_THAT(Owner().ReactivateMember(employee_id_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  WS_ASSERT_OK_AND_ASSIGN(active, Owner().ListMembers());
  EXPECT_EQ(active.size(), 3u);
  EXPECT_THAT(Employee().GetSettings(), IsOk());
}

TEST_P(MembersTest, ListFiltersByRole) {
  WS_ASSERT_OK_AND_ASSIGN(Member second_owner,
                          Owner().CreateMember(NewMember(
                              "Otto", "otto@example.com", Role::kOwner)));
  WS_ASSERT_OK_AND_ASSIGN(
      Member reader, Owner().CreateMember(
                         NewMember("Rita", "rita@example.com", Role::kReader)));
  MemberFilter owners;
  owners.role = Role::kOwner;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> got, Owner().ListMembers(owners));
  EXPECT_THAT(Ids(got),
              ElementsAre(owner_id_.value(), second_owner.id.value()));
  MemberFilter readers;
  readers.role = Role::kReader;
  WS_ASSERT_OK_AND_ASSIGN(got, Owner().ListMembers(readers));
  EXPECT_THAT(Ids(got), ElementsAre(reader.id.value()));
  MemberFilter admins;
  admins.role = Role::kAdmin;
  WS_ASSERT_OK_AND_ASSIGN(got, Owner().ListMembers(admins));
  EXPECT_THAT(got, IsEmpty());

  // Role and include_inactive combine.
  WS_ASSERT_OK(Owner().DeactivateMember(second_owner.id));
  WS_ASSERT_OK_AND_ASSIGN(got, Owner().ListMembers(owners));
  EXPECT_THAT(Ids(got), ElementsAre(owner_id_.value()));
  owners.include_inactive = true;
  WS_ASSERT_OK_AND_ASSIGN(got, Owner().ListMembers(owners));
  EXPECT_THAT(Ids(got),
              ElementsAre(owner_id_.value(), second_owner.id.value()));
}

TEST_P(MembersTest, LastActiveOwnerCannotBeDeactivatedOrDemoted) {
  const std::string before = Snapshot();
  absl::StatusOr<Member> off = Owner().DeactivateMember(owner_id_);
  EXPECT_THAT(off, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before);

  WS_ASSERT_OK_AND_ASSIGN(Member me, Owner().GetMember(owner_id_));
  me.role = Role::kAdmin;
  EXPECT_THAT(Owner().UpdateMember(me),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before);

  // With a second active owner, either may go.
  WS_ASSERT_OK_AND_ASSIGN(
      Member otto, Owner().CreateMember(
                       NewMember("Otto", "otto@example.com", Role::kOwner)));
  WS_ASSERT_OK_AND_ASSIGN(Member demoted, Owner().UpdateMember(me));
  EXPECT_EQ(demoted.role, Role::kAdmin);
  // Now Otto is the last active owner.
  Session otto_session = ws_->As(otto.id);
  EXPECT_THAT(otto_session.DeactivateMember(otto.id),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  otto.role = Role::kEmployee;
  otto.revision = 0;
  EXPECT_THAT(otto_session.UpdateMember(otto),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  WS_ASSERT_OK_AND_ASSIGN(Member still, otto_session.GetMember(otto.id));
  EXPECT_EQ(still.role, Role::kOwner);
  EXPECT_TRUE(still.active);
  WS_ASSERT_OK_AND_ASSIGN(Member first, ws_->FirstOwner());
  EXPECT_EQ(first.id, otto.id);
}

TEST_P(MembersTest, EmployeeMayNotManageMembers) {
  const std::string before = Snapshot();
  EXPECT_THAT(Employee().CreateMember(NewMember("X", "x@example.com")),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Employee().DeactivateMember(client_id_),
              StatusIs(absl::StatusCode::kPermissionDenied));
  WS_ASSERT_OK_AND_ASSIGN(Member me, Employee().GetMember(employee_id_));
  me.role = Role::kOwner;
  EXPECT_THAT(Employee().UpdateMember(me),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(MembersTest, UnknownMembersAreNotFound) {
  const MemberId missing(9999);
  EXPECT_THAT(Owner().GetMember(missing),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Owner().DeactivateMember(missing),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Owner().ReactivateMember(missing),
              StatusIs(absl::StatusCode::kNotFound));
  Member m = NewMember("Ghost", "ghost@example.com");
  m.id = missing;
  const std::string before = Snapshot();
  EXPECT_THAT(Owner().UpdateMember(m), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Snapshot(), before);
  // An unknown actor.
  EXPECT_THAT(ws_->As(missing).GetSettings(),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(ws_->As(MemberId()).ListMembers(),
              StatusIs(absl::StatusCode::kNotFound));
}

WS_INSTANTIATE_ALL_STORES(MembersTest);

}  // namespace
}  // namespace session_conformance
}  // namespace worksection
