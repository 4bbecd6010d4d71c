// Comments: hidden ones never reach a client; everyone edits only what they
// wrote, owners and admins excepted.
#include <string>
#include <vector>

#include "agency.h"

namespace worksection::testing {
namespace {

using ::absl::StatusCode;
using ::testing::UnorderedElementsAre;

class PermissionsComments : public AgencyTest {
 protected:
  Comment Rewritten(CommentId id, const std::string& text) {
    Comment c = OwnerComment(id);
    c.text = text;
    return c;
  }
  Comment NewComment(TaskId task, const std::string& text,
                     bool hidden = false) {
    Comment c;
    c.task = task;
    c.text = text;
    c.hidden_from_clients = hidden;
    return c;
  }
};

// --- Reading ---

TEST_P(PermissionsComments, StaffAndReaderSeeHiddenComments) {
  for (MemberId who : {a_.owner, a_.admin, a_.manager, a_.worker, a_.reader}) {
    SCOPED_TRACE(who.value());
    Session s = As(who);
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Comment> seen, s.ListComments(a_.open));
    EXPECT_THAT(Ids(seen), UnorderedElementsAre(a_.pub, a_.hidden_comment,
                                                a_.clients_comment));
    EXPECT_THAT(s.GetComment(a_.hidden_comment), IsOk());
    EXPECT_THAT(s.GetComment(a_.on_hidden_task), IsOk());
    WS_ASSERT_OK_AND_ASSIGN(seen, s.ListComments(a_.hidden));
    EXPECT_THAT(Ids(seen), UnorderedElementsAre(a_.on_hidden_task));
  }
}

TEST_P(PermissionsComments, ClientNeverGetsAHiddenComment) {
  Session s = As(a_.client);
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Comment> seen, s.ListComments(a_.open));
  EXPECT_THAT(Ids(seen), UnorderedElementsAre(a_.pub, a_.clients_comment));
  EXPECT_THAT(s.GetComment(a_.hidden_comment), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(s.GetComment(a_.pub), IsOk());
}

TEST_P(PermissionsComments, ClientNeverGetsCommentsOfTheHiddenTask) {
  Session s = As(a_.client);
  EXPECT_THAT(s.ListComments(a_.hidden), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(s.GetComment(a_.on_hidden_task), StatusIs(StatusCode::kNotFound));
}

TEST_P(PermissionsComments, OutsidersGetNoCommentOfTheProject) {
  for (MemberId who : {a_.outsider, a_.client_q}) {
    SCOPED_TRACE(who.value());
    EXPECT_THAT(As(who).ListComments(a_.open), StatusIs(StatusCode::kNotFound));
    EXPECT_THAT(As(who).GetComment(a_.pub), StatusIs(StatusCode::kNotFound));
    EXPECT_REFUSED(kNotFound,
                   As(who).CreateComment(NewComment(a_.open, "Hello?")));
  }
}

// --- Writing ---

TEST_P(PermissionsComments, StaffAndClientComment) {
  for (MemberId who : {a_.owner, a_.admin, a_.manager, a_.worker, a_.client}) {
    SCOPED_TRACE(who.value());
    WS_ASSERT_OK_AND_ASSIGN(Comment c,
                            As(who).CreateComment(NewComment(a_.open, "Hi")));
    EXPECT_EQ(c.author, who);
  }
}

TEST_P(PermissionsComments, StaffWriteHiddenComments) {
  for (MemberId who : {a_.owner, a_.admin, a_.manager, a_.worker}) {
    SCOPED_TRACE(who.value());
    EXPECT_THAT(As(who).CreateComment(NewComment(a_.open, "Internal", true)),
                IsOk());
  }
}

TEST_P(PermissionsComments, ClientCannotWriteAHiddenComment) {
  EXPECT_DENIED(As(a_.client).CreateComment(NewComment(a_.open, "psst", true)));
  Comment c = OwnerComment(a_.clients_comment);
  c.hidden_from_clients = true;
  EXPECT_DENIED(As(a_.client).UpdateComment(c));
}

TEST_P(PermissionsComments, ClientCannotCommentOnTheHiddenTask) {
  EXPECT_REFUSED(kNotFound,
                 As(a_.client).CreateComment(NewComment(a_.hidden, "Found")));
}

TEST_P(PermissionsComments, ReaderWritesNoComment) {
  Session s = As(a_.reader);
  EXPECT_DENIED(s.CreateComment(NewComment(a_.open, "Reader says")));
  EXPECT_DENIED(s.UpdateComment(Rewritten(a_.pub, "Reader edits")));
}

TEST_P(PermissionsComments, EveryoneEditsTheirOwnComment) {
  EXPECT_THAT(As(a_.worker).UpdateComment(Rewritten(a_.pub, "Half done")),
              IsOk());
  EXPECT_THAT(
      As(a_.client).UpdateComment(Rewritten(a_.clients_comment, "News?")),
      IsOk());
  EXPECT_THAT(
      As(a_.manager)
          .UpdateComment(Rewritten(a_.hidden_comment, "Bill as agreed")),
      IsOk());
  EXPECT_EQ(OwnerComment(a_.pub).text, "Half done");
}

TEST_P(PermissionsComments, ClientCannotEditAnothersComment) {
  EXPECT_DENIED(As(a_.client).UpdateComment(Rewritten(a_.pub, "Edited")));
}

TEST_P(PermissionsComments, ClientCannotEditTheHiddenComment) {
  EXPECT_REFUSED(kNotFound, As(a_.client).UpdateComment(
                                Rewritten(a_.hidden_comment, "Revealed")));
}

TEST_P(PermissionsComments, EmployeeCannotEditAnothersComment) {
  EXPECT_DENIED(
      As(a_.worker).UpdateComment(Rewritten(a_.clients_comment, "Edited")));
  EXPECT_DENIED(
      As(a_.worker).UpdateComment(Rewritten(a_.hidden_comment, "Edited")));
}

TEST_P(PermissionsComments, ManagerModeratesCommentsInTheirProject) {
  EXPECT_THAT(As(a_.manager).UpdateComment(Rewritten(a_.pub, "Moderated")),
              IsOk());
  EXPECT_THAT(
      As(a_.manager).UpdateComment(Rewritten(a_.clients_comment, "Moderated")),
      IsOk());
}

TEST_P(PermissionsComments, OwnerAndAdminEditAnyComment) {
  for (MemberId who : {a_.owner, a_.admin}) {
    SCOPED_TRACE(who.value());
    EXPECT_THAT(As(who).UpdateComment(Rewritten(a_.clients_comment, "Mod")),
                IsOk());
    EXPECT_THAT(As(who).UpdateComment(Rewritten(a_.hidden_comment, "Mod")),
                IsOk());
  }
}

TEST_P(PermissionsComments, HidingAClientsCommentHidesItFromThem) {
  Comment c = OwnerComment(a_.clients_comment);
  c.hidden_from_clients = true;
  ASSERT_THAT(Owner().UpdateComment(c), IsOk());
  EXPECT_THAT(As(a_.client).GetComment(a_.clients_comment),
              StatusIs(StatusCode::kNotFound));
  EXPECT_REFUSED(kNotFound, As(a_.client).UpdateComment(
                                Rewritten(a_.clients_comment, "Mine")));
}

TEST_P(PermissionsComments, ArchivedProjectCommentsCannotChange) {
  ASSERT_THAT(Owner().ArchiveProject(a_.p), IsOk());
  EXPECT_REFUSED(kFailedPrecondition,
                 As(a_.worker).CreateComment(NewComment(a_.open, "Late")));
  EXPECT_REFUSED(kFailedPrecondition,
                 As(a_.worker).UpdateComment(Rewritten(a_.pub, "Late")));
}

WS_INSTANTIATE_AGENCY_TEST(PermissionsComments);

}  // namespace
}  // namespace worksection::testing
