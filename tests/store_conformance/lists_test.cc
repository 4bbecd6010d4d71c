// The list calls: filters and order of ListMembers, ListProjects,
// ListMemberships, ListSubtaskIds, ListComments; FindMemberByEmail.
#include <optional>
#include <string>
#include <vector>

#include "tests/store_conformance/store_test.h"

namespace worksection::conformance {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::worksection::testing::IsOk;

using ListsTest = StoreTest;
WS_INSTANTIATE_STORE_TEST(ListsTest);

template <typename T>
auto Ids(const std::vector<T>& v) {
  std::vector<decltype(T().id)> ids;
  for (const T& x : v) ids.push_back(x.id);
  return ids;
}

TEST_P(ListsTest, ListMembersFiltersByActivityAndRole) {
  Member a = SimpleMember("a@x");
  Member b = SimpleMember("b@x");
  b.active = false;
  Member c = SimpleMember("c@x");
  c.role = Role::kClient;
  Member d = SimpleMember("d@x");
  d.role = Role::kOwner;
  Member e = SimpleMember("e@x");
  e.role = Role::kClient;
  e.active = false;
  WS_ASSERT_OK_AND_ASSIGN(MemberId ia, AddMember(a));
  WS_ASSERT_OK_AND_ASSIGN(MemberId ib, AddMember(b));
  WS_ASSERT_OK_AND_ASSIGN(MemberId ic, AddMember(c));
  WS_ASSERT_OK_AND_ASSIGN(MemberId id, AddMember(d));
  WS_ASSERT_OK_AND_ASSIGN(MemberId ie, AddMember(e));

  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  MemberFilter f;
  WS_ASSERT_OK_AND_ASSIGN(auto active, tx->ListMembers(f));
  EXPECT_THAT(Ids(active), ElementsAre(ia, ic, id));
  f.include_inactive = true;
  WS_ASSERT_OK_AND_ASSIGN(auto all, tx->ListMembers(f));
  EXPECT_THAT(Ids(all), ElementsAre(ia, ib, ic, id, ie));
  f.role = Role::kClient;
  WS_ASSERT_OK_AND_ASSIGN(auto clients, tx->ListMembers(f));
  EXPECT_THAT(Ids(clients), ElementsAre(ic, ie));
  f.include_inactive = false;
  WS_ASSERT_OK_AND_ASSIGN(auto active_clients, tx->ListMembers(f));
  EXPECT_THAT(Ids(active_clients), ElementsAre(ic));
  f.role = Role::kEmployee;
  WS_ASSERT_OK_AND_ASSIGN(auto employees, tx->ListMembers(f));
  EXPECT_THAT(Ids(employees), ElementsAre(ia));
  f.role = Role::kReader;
  WS_ASSERT_OK_AND_ASSIGN(auto readers, tx->ListMembers(f));
  EXPECT_THAT(readers, IsEmpty());
  // Full values come back.
  ASSERT_EQ(all.size(), 5u);
  b.id = ib;
  ExpectMemberEq(b, all[1]);
}

TEST_P(ListsTest, FindMemberByEmail) {
  WS_ASSERT_OK_AND_ASSIGN(MemberId a, AddMember(SimpleMember("a@x.org")));
  WS_ASSERT_OK_AND_ASSIGN(MemberId b, AddMember(SimpleMember("b@x.org")));
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(auto hit, tx->FindMemberByEmail("b@x.org"));
    ASSERT_TRUE(hit.has_value());
    EXPECT_EQ(hit->id, b);
    EXPECT_EQ(hit->email, "b@x.org");
    EXPECT_EQ(hit->name, "Member b@x.org");
    WS_ASSERT_OK_AND_ASSIGN(auto miss, tx->FindMemberByEmail("c@x.org"));
    EXPECT_FALSE(miss.has_value());
    WS_ASSERT_OK_AND_ASSIGN(auto prefix, tx->FindMemberByEmail("a@x"));
    EXPECT_FALSE(prefix.has_value());
    WS_ASSERT_OK_AND_ASSIGN(auto like, tx->FindMemberByEmail("_@x.org"));
    EXPECT_FALSE(like.has_value());
    WS_ASSERT_OK_AND_ASSIGN(auto empty, tx->FindMemberByEmail(""));
    EXPECT_FALSE(empty.has_value());
  }
  // A changed e-mail moves the lookup.
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                absl::StatusOr<Member> m = tx.GetMember(a);
                if (!m.ok()) return m.status();
                m->email = "new@x.org";
                return tx.UpdateMember(*m);
              }),
              IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(auto old_email, tx->FindMemberByEmail("a@x.org"));
  EXPECT_FALSE(old_email.has_value());
  WS_ASSERT_OK_AND_ASSIGN(auto new_email, tx->FindMemberByEmail("new@x.org"));
  ASSERT_TRUE(new_email.has_value());
  EXPECT_EQ(new_email->id, a);
}

class ProjectListsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    WS_ASSERT_OK_AND_ASSIGN(m1_, AddMember(SimpleMember("m1@x")));
    WS_ASSERT_OK_AND_ASSIGN(m2_, AddMember(SimpleMember("m2@x")));
    WS_ASSERT_OK_AND_ASSIGN(m3_, AddMember(SimpleMember("m3@x")));
    Project p1 = SimpleProject("P1");
    p1.members = {{m1_, ProjectRole::kManager}, {m2_, ProjectRole::kClient}};
    Project p2 = SimpleProject("P2");
    p2.status = ProjectStatus::kPaused;
    p2.members = {{m2_, ProjectRole::kMember}};
    Project p3 = SimpleProject("P3");
    p3.status = ProjectStatus::kArchived;
    p3.members = {{m1_, ProjectRole::kMember}};
    Project p4 = SimpleProject("P4");
    p4.members = {{m1_, ProjectRole::kClient}};
    WS_ASSERT_OK_AND_ASSIGN(p1_, AddProject(p1));
    WS_ASSERT_OK_AND_ASSIGN(p2_, AddProject(p2));
    WS_ASSERT_OK_AND_ASSIGN(p3_, AddProject(p3));
    WS_ASSERT_OK_AND_ASSIGN(p4_, AddProject(p4));
  }

  std::vector<ProjectId> List(const ProjectScan& scan) {
    absl::StatusOr<std::unique_ptr<Transaction>> tx = Read();
    EXPECT_TRUE(tx.ok()) << tx.status();
    if (!tx.ok()) return {};
    absl::StatusOr<std::vector<Project>> projects = (*tx)->ListProjects(scan);
    EXPECT_TRUE(projects.ok()) << projects.status();
    if (!projects.ok()) return {};
    return Ids(*projects);
  }

  MemberId m1_, m2_, m3_;
  ProjectId p1_, p2_, p3_, p4_;
};
WS_INSTANTIATE_STORE_TEST(ProjectListsTest);

TEST_P(ProjectListsTest, ArchivedExcludedUnlessIncluded) {
  ProjectScan scan;
  EXPECT_THAT(List(scan), ElementsAre(p1_, p2_, p4_));
  scan.filter.include_archived = true;
  EXPECT_THAT(List(scan), ElementsAre(p1_, p2_, p3_, p4_));
}

TEST_P(ProjectListsTest, StatusOverridesIncludeArchived) {
  ProjectScan scan;
  scan.filter.status = ProjectStatus::kArchived;
  EXPECT_THAT(List(scan), ElementsAre(p3_));
  scan.filter.status = ProjectStatus::kActive;
  scan.filter.include_archived = true;
  EXPECT_THAT(List(scan), ElementsAre(p1_, p4_));
  scan.filter.status = ProjectStatus::kPaused;
  scan.filter.include_archived = false;
  EXPECT_THAT(List(scan), ElementsAre(p2_));
}

TEST_P(ProjectListsTest, ByMember) {
  ProjectScan scan;
  scan.filter.member = m1_;
  EXPECT_THAT(List(scan), ElementsAre(p1_, p4_));
  scan.filter.include_archived = true;
  EXPECT_THAT(List(scan), ElementsAre(p1_, p3_, p4_));
  scan.filter.member = m2_;
  EXPECT_THAT(List(scan), ElementsAre(p1_, p2_));
  scan.filter.status = ProjectStatus::kPaused;
  EXPECT_THAT(List(scan), ElementsAre(p2_));
  scan.filter.status = std::nullopt;
  scan.filter.member = m3_;
  EXPECT_THAT(List(scan), IsEmpty());
  scan.filter.member = MemberId(999);
  EXPECT_THAT(List(scan), IsEmpty());
}

TEST_P(ProjectListsTest, IdsIn) {
  ProjectScan scan;
  scan.ids_in = std::vector<ProjectId>{p4_, p1_, ProjectId(999)};
  EXPECT_THAT(List(scan), ElementsAre(p1_, p4_));
  scan.ids_in = std::vector<ProjectId>{};
  EXPECT_THAT(List(scan), IsEmpty());
  scan.ids_in = std::vector<ProjectId>{p3_};
  EXPECT_THAT(List(scan), IsEmpty());  // archived
  scan.filter.include_archived = true;
  EXPECT_THAT(List(scan), ElementsAre(p3_));
  scan.ids_in = std::vector<ProjectId>{p1_, p2_, p3_, p4_};
  scan.filter.member = m2_;
  EXPECT_THAT(List(scan), ElementsAre(p1_, p2_));
  scan.ids_in = std::nullopt;
  EXPECT_THAT(List(scan), ElementsAre(p1_, p2_));
}

TEST_P(ProjectListsTest, Memberships) {
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(auto m1, tx->ListMemberships(m1_));
    ASSERT_EQ(m1.size(), 3u);
    EXPECT_EQ(m1[0].project, p1_);
    EXPECT_EQ(m1[0].role, ProjectRole::kManager);
    EXPECT_EQ(m1[1].project, p3_);
    EXPECT_EQ(m1[1].role, ProjectRole::kMember);
    EXPECT_EQ(m1[2].project, p4_);
    EXPECT_EQ(m1[2].role, ProjectRole::kClient);
    WS_ASSERT_OK_AND_ASSIGN(auto m2, tx->ListMemberships(m2_));
    ASSERT_EQ(m2.size(), 2u);
    EXPECT_EQ(m2[0].project, p1_);
    EXPECT_EQ(m2[0].role, ProjectRole::kClient);
    EXPECT_EQ(m2[1].project, p2_);
    EXPECT_EQ(m2[1].role, ProjectRole::kMember);
    WS_ASSERT_OK_AND_ASSIGN(auto m3, tx->ListMemberships(m3_));
    EXPECT_THAT(m3, IsEmpty());
  }
  // Changing a project's members changes the memberships.
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                absl::StatusOr<Project> p = tx.GetProject(p1_);
                if (!p.ok()) return p.status();
                p->members = {{m2_, ProjectRole::kManager},
                              {m3_, ProjectRole::kMember}};
                return tx.UpdateProject(*p);
              }),
              IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(auto m1, tx->ListMemberships(m1_));
  ASSERT_EQ(m1.size(), 2u);
  EXPECT_EQ(m1[0].project, p3_);
  EXPECT_EQ(m1[1].project, p4_);
  WS_ASSERT_OK_AND_ASSIGN(auto m2, tx->ListMemberships(m2_));
  ASSERT_EQ(m2.size(), 2u);
  EXPECT_EQ(m2[0].project, p1_);
  EXPECT_EQ(m2[0].role, ProjectRole::kManager);
  WS_ASSERT_OK_AND_ASSIGN(auto m3, tx->ListMemberships(m3_));
  ASSERT_EQ(m3.size(), 1u);
  EXPECT_EQ(m3[0].project, p1_);
  EXPECT_EQ(m3[0].role, ProjectRole::kMember);
  ProjectScan scan;
  scan.filter.member = m1_;
  WS_ASSERT_OK_AND_ASSIGN(auto projects, tx->ListProjects(scan));
  EXPECT_THAT(Ids(projects), ElementsAre(p4_));
}

TEST_P(ListsTest, SubtaskIdsAreDirectChildrenById) {
  WS_ASSERT_OK_AND_ASSIGN(MemberId m, AddMember(SimpleMember("a@x")));
  WS_ASSERT_OK_AND_ASSIGN(ProjectId p, AddProject(SimpleProject("P")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId root, AddTask(SimpleTask(p, m, "root")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId other, AddTask(SimpleTask(p, m, "other")));
  Task child = SimpleTask(p, m, "child");
  child.parent = root;
  WS_ASSERT_OK_AND_ASSIGN(TaskId c1, AddTask(child));
  child.parent = other;
  WS_ASSERT_OK_AND_ASSIGN(TaskId c2, AddTask(child));
  child.parent = root;
  WS_ASSERT_OK_AND_ASSIGN(TaskId c3, AddTask(child));
  child.parent = c1;
  WS_ASSERT_OK_AND_ASSIGN(TaskId g1, AddTask(child));
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    EXPECT_THAT(*tx->ListSubtaskIds(root), ElementsAre(c1, c3));
    EXPECT_THAT(*tx->ListSubtaskIds(other), ElementsAre(c2));
    EXPECT_THAT(*tx->ListSubtaskIds(c1), ElementsAre(g1));
    EXPECT_THAT(*tx->ListSubtaskIds(g1), IsEmpty());
    EXPECT_THAT(*tx->ListSubtaskIds(TaskId(999)), IsEmpty());
  }
  // Re-parenting moves a child.
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                absl::StatusOr<Task> t = tx.GetTask(c2);
                if (!t.ok()) return t.status();
                t->parent = root;
                return tx.UpdateTask(*t);
              }),
              IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  EXPECT_THAT(*tx->ListSubtaskIds(root), ElementsAre(c1, c2, c3));
  EXPECT_THAT(*tx->ListSubtaskIds(other), IsEmpty());
}

TEST_P(ListsTest, CommentsByTaskAndHidden) {
  WS_ASSERT_OK_AND_ASSIGN(MemberId m, AddMember(SimpleMember("a@x")));
  WS_ASSERT_OK_AND_ASSIGN(ProjectId p, AddProject(SimpleProject("P")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId t1, AddTask(SimpleTask(p, m, "1")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId t2, AddTask(SimpleTask(p, m, "2")));
  Comment hidden = SimpleComment(t1, m, "hidden");
  hidden.hidden_from_clients = true;
  WS_ASSERT_OK_AND_ASSIGN(CommentId c1, AddComment(SimpleComment(t1, m, "a")));
  WS_ASSERT_OK_AND_ASSIGN(CommentId c2, AddComment(hidden));
  WS_ASSERT_OK_AND_ASSIGN(CommentId c3, AddComment(SimpleComment(t2, m, "b")));
  WS_ASSERT_OK_AND_ASSIGN(CommentId c4, AddComment(SimpleComment(t1, m, "c")));
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(auto all, tx->ListComments(t1, true));
    EXPECT_THAT(Ids(all), ElementsAre(c1, c2, c4));
    ASSERT_EQ(all.size(), 3u);
    hidden.id = c2;
    ExpectCommentEq(hidden, all[1]);
    WS_ASSERT_OK_AND_ASSIGN(auto visible, tx->ListComments(t1, false));
    EXPECT_THAT(Ids(visible), ElementsAre(c1, c4));
    WS_ASSERT_OK_AND_ASSIGN(auto other, tx->ListComments(t2, false));
    EXPECT_THAT(Ids(other), ElementsAre(c3));
    WS_ASSERT_OK_AND_ASSIGN(auto none, tx->ListComments(TaskId(999), true));
    EXPECT_THAT(none, IsEmpty());
  }
  ASSERT_THAT(InWrite([&](Transaction& tx) {
                absl::StatusOr<Comment> c = tx.GetComment(c1);
                if (!c.ok()) return c.status();
                c->hidden_from_clients = true;
                return tx.UpdateComment(*c);
              }),
              IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(auto visible, tx->ListComments(t1, false));
  EXPECT_THAT(Ids(visible), ElementsAre(c4));
}

}  // namespace
}  // namespace worksection::conformance
