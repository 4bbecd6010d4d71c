// Stores that keep their data: close and reopen and find everything as
// written; open read-only and read everything, write nothing.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "tests/conformance/session_test.h"

namespace worksection {
namespace session_conformance {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in),
                     std::istreambuf_iterator<char>());
}

// The fixture fills the store with one of everything, every field set.
class PersistenceTest : public SessionTest {
 protected:
  void SetUp() override {
    SessionTest::SetUp();
    if (HasFatalFailure()) return;
    Session s = Owner();

    WorkspaceSettings settings;
    settings.name = "Acme Agency \xc3\xa9";
    settings.time_zone = "Asia/Tokyo";
    settings.currency = "JPY";
    settings.week_start = absl::Weekday::saturday;
    ASSERT_THAT(s.UpdateSettings(settings), IsOk());

    Member m =
        NewMember("Zo\xc3\xab Z\xc3\xa4hler", "Zoe@Example.ORG", Role::kAdmin);
    m.company = "Z\xc3\xa4hler & Co";
    m.cost_rate = 4200;
    m.billing_rate = 9900;
    absl::StatusOr<Member> admin = s.CreateMember(m);
    ASSERT_TRUE(admin.ok()) << admin.status();
    admin_ = admin->id;
    absl::StatusOr<Member> gone =
        s.CreateMember(NewMember("Gone", "gone@example.com"));
    ASSERT_TRUE(gone.ok()) << gone.status();
    ASSERT_THAT(s.DeactivateMember(gone->id), IsOk());

    Project p = NewProject(
        "Rebrand \xe2\x9c\x93", employee_id_,
        {{admin_, ProjectRole::kMember}, {client_id_, ProjectRole::kClient}});
    p.status = ProjectStatus::kPaused;
    p.folder = "Clients/Big";
    p.start_date = Day(1900, 1, 1);
    p.deadline = Day(9999, 12, 31);
    p.time_budget = absl::Hours(120) + absl::Seconds(7);
    p.money_budget = 1'000'000'000'000'000;
    p.billing_rate = 15000;
    p.tags = {"brand", "2024", "big"};
    absl::StatusOr<Project> project = s.CreateProject(p);
    ASSERT_TRUE(project.ok()) << project.status();
    project_ = project->id;
    absl::StatusOr<Project> archived = s.CreateProject(NewProject("Old"));
    ASSERT_TRUE(archived.ok()) << archived.status();
    ASSERT_THAT(s.ArchiveProject(archived->id), IsOk());

    Task t = NewTask(project_, "Logo \xf0\x9f\x8e\xa8");
    t.text = std::string("Line one\nLine two\ttabbed \"quoted\" 'single' %_\\");
    t.assignee = employee_id_;
    t.priority = 10;
    t.start_date = Day(2024, 3, 1);
    t.deadline = DeadlineOn(Day(2024, 3, 20), 1439);
    t.estimate = absl::Hours(3) + absl::Minutes(25);
    t.money_budget = 50000;
    t.tags = {"design", "logo"};
    t.checklist = {{"Sketch", true}, {"Vectorize", false}, {"\xc3\x9c", true}};
    t.subscribers = {admin_, owner_id_};
    t.hidden_from_clients = true;
    absl::StatusOr<Task> root = s.CreateTask(t);
    ASSERT_TRUE(root.ok()) << root.status();
    Task sub = NewTask(project_, "Colors", root->id);
    sub.deadline = DeadlineOn(Day(2024, 3, 18), 0);
    absl::StatusOr<Task> child = s.CreateTask(sub);
    ASSERT_TRUE(child.ok()) << child.status();
    Task subsub = NewTask(project_, "Palette", child->id);
    subsub.deadline = DeadlineOn(Day(2024, 3, 17));
    absl::StatusOr<Task> grandchild = s.CreateTask(subsub);
    ASSERT_TRUE(grandchild.ok()) << grandchild.status();
    ASSERT_THAT(s.CompleteTask(grandchild->id, "Done \xe2\x80\x94 approved"),
                IsOk());

    Comment c;
    c.task = root->id;
    c.text = "Looks good \xf0\x9f\x91\x8d";
    ASSERT_THAT(s.CreateComment(c), IsOk());
    c.text = "Internal: client pays late";
    c.hidden_from_clients = true;
    ASSERT_THAT(Employee().CreateComment(c), IsOk());
  }

  MemberId admin_;
  ProjectId project_;
};

TEST_P(PersistenceTest, CloseAndReopenFindsEverythingAsWritten) {
  const std::string before = Snapshot();
  // The snapshot holds what was written (a sanity check of the fixture).
  EXPECT_THAT(before, HasSubstr("deadline=2024-03-20@1439"));
  EXPECT_THAT(before, HasSubstr("deadline=2024-03-18@0 "));
  EXPECT_THAT(before, HasSubstr("deadline=2024-03-17@-"));
  EXPECT_THAT(before, HasSubstr("start=1900-01-01 deadline=9999-12-31"));

  ASSERT_THAT(Reopen(), IsOk());
  EXPECT_EQ(Snapshot(), before);

  // And a value read through each Get* equals what the lists show.
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings settings, Owner().GetSettings());
  EXPECT_EQ(settings.revision, 2);
  EXPECT_EQ(settings.name, "Acme Agency \xc3\xa9");
  EXPECT_EQ(settings.time_zone, "Asia/Tokyo");
  EXPECT_EQ(settings.currency, "JPY");
  EXPECT_EQ(settings.week_start, absl::Weekday::saturday);

  WS_ASSERT_OK_AND_ASSIGN(Member admin, Owner().GetMember(admin_));
  EXPECT_EQ(admin.name, "Zo\xc3\xab Z\xc3\xa4hler");
  EXPECT_EQ(admin.email, "zoe@example.org");
  EXPECT_EQ(admin.role, Role::kAdmin);
  EXPECT_EQ(admin.company, "Z\xc3\xa4hler & Co");
  EXPECT_EQ(admin.cost_rate, 4200);
  EXPECT_EQ(admin.billing_rate, 9900);
  EXPECT_TRUE(admin.active);
  EXPECT_EQ(admin.created_at, FixedNow());

  WS_ASSERT_OK_AND_ASSIGN(Project p, Owner().GetProject(project_));
  EXPECT_EQ(p.status, ProjectStatus::kPaused);
  EXPECT_EQ(p.folder, "Clients/Big");
  EXPECT_EQ(p.manager, employee_id_);
  EXPECT_EQ(p.start_date, Day(1900, 1, 1));
  EXPECT_EQ(p.deadline, Day(9999, 12, 31));
  EXPECT_EQ(p.time_budget, absl::Hours(120) + absl::Seconds(7));
  EXPECT_EQ(p.money_budget, 1'000'000'000'000'000);
  EXPECT_EQ(p.billing_rate, 15000);
  EXPECT_THAT(p.tags, ElementsAre("2024", "big", "brand"));
  EXPECT_THAT(p.members,
              ElementsAre(ProjectMember{employee_id_, ProjectRole::kManager},
                          ProjectMember{client_id_, ProjectRole::kClient},
                          ProjectMember{admin_, ProjectRole::kMember}));

  TaskFilter filter;
  filter.project = project_;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> tasks, AllTasks(filter));
  ASSERT_EQ(tasks.size(), 3u);
  const Task& root = tasks[0];
  WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(root.id));
  EXPECT_EQ(Dump(got), Dump(root));
  EXPECT_EQ(got.title, "Logo \xf0\x9f\x8e\xa8");
  EXPECT_EQ(got.text, "Line one\nLine two\ttabbed \"quoted\" 'single' %_\\");
  EXPECT_EQ(got.author, owner_id_);
  EXPECT_EQ(got.assignee, employee_id_);
  EXPECT_EQ(got.priority, 10);
  EXPECT_EQ(got.start_date, Day(2024, 3, 1));
  ASSERT_TRUE(got.deadline.has_value());
  EXPECT_EQ(got.deadline->day, Day(2024, 3, 20));
  EXPECT_EQ(got.deadline->minute_of_day, 1439);
  EXPECT_EQ(got.estimate, absl::Hours(3) + absl::Minutes(25));
  EXPECT_EQ(got.money_budget, 50000);
  EXPECT_THAT(got.tags, ElementsAre("design", "logo"));
  EXPECT_THAT(got.checklist, ElementsAre(ChecklistItem{"Sketch", true},
                                         ChecklistItem{"Vectorize", false},
                                         ChecklistItem{"\xc3\x9c", true}));
  EXPECT_THAT(got.subscribers, ElementsAre(owner_id_, admin_));
  EXPECT_TRUE(got.hidden_from_clients);
  EXPECT_EQ(tasks[1].parent, root.id);
  EXPECT_EQ(tasks[1].deadline, DeadlineOn(Day(2024, 3, 18), 0));
  EXPECT_EQ(tasks[2].parent, tasks[1].id);
  EXPECT_EQ(tasks[2].deadline, DeadlineOn(Day(2024, 3, 17)));
  EXPECT_EQ(tasks[2].status, TaskStatus::kDone);
  EXPECT_EQ(tasks[2].completion_note, "Done \xe2\x80\x94 approved");
  EXPECT_EQ(tasks[2].completed_at, FixedNow());

  WS_ASSERT_OK_AND_ASSIGN(std::vector<Comment> comments,
                          Owner().ListComments(root.id));
  ASSERT_EQ(comments.size(), 2u);
  EXPECT_EQ(comments[0].text, "Looks good \xf0\x9f\x91\x8d");
  EXPECT_EQ(comments[0].author, owner_id_);
  EXPECT_FALSE(comments[0].hidden_from_clients);
  EXPECT_EQ(comments[1].author, employee_id_);
  EXPECT_TRUE(comments[1].hidden_from_clients);

  // Writing continues where it left off: new ids are fresh.
  WS_ASSERT_OK_AND_ASSIGN(
      Task fresh, Owner().CreateTask(NewTask(project_, "After reopen")));
  EXPECT_GT(fresh.id, tasks[2].id);
}

TEST_P(PersistenceTest, ReopenDoesNotBootstrapAgain) {
  WorkspaceSetup other = DefaultSetup();
  other.name = "Other";
  other.owner_email = "other@example.com";
  OpenOptions options = DefaultOptions();
  options.create = other;
  ASSERT_THAT(Reopen(options), IsOk());
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings settings, Owner().GetSettings());
  EXPECT_EQ(settings.name, "Acme Agency \xc3\xa9");
  WS_ASSERT_OK_AND_ASSIGN(Member first, ws_->FirstOwner());
  EXPECT_EQ(first.id, owner_id_);
  EXPECT_EQ(first.email, "olga@example.com");
}

TEST_P(PersistenceTest, ReadOnlyOpenReadsEverythingAndWritesNothing) {
  const std::string before = Snapshot();
  ws_.reset();
  // A file store's bytes must stay as they are. (A PostgreSQL store reads
  // in READ ONLY transactions, which the server itself holds to that.)
  const bool file_store = absl::StartsWith(uri_, "sqlite:");
  const std::string path =
      uri_.substr(uri_.find(':') + 1);  // "sqlite:PATH" -> PATH
  const std::string bytes = file_store ? ReadFile(path) : "";
  if (file_store) {
    ASSERT_FALSE(bytes.empty());
  }

  OpenOptions options = DefaultOptions();
  options.read_only = true;
  ASSERT_THAT(Reopen(options), IsOk());
  EXPECT_TRUE(ws_->read_only());
  EXPECT_EQ(Snapshot(), before);

  Session s = Owner();
  TaskFilter filter;
  filter.project = project_;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> tasks, AllTasks(filter));
  ASSERT_EQ(tasks.size(), 3u);
  const Task task = tasks[0];
  const Task done = tasks[2];
  WS_ASSERT_OK_AND_ASSIGN(Project project, s.GetProject(project_));
  WS_ASSERT_OK_AND_ASSIGN(Member admin, s.GetMember(admin_));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Comment> comments,
                          s.ListComments(task.id));
  ASSERT_FALSE(comments.empty());
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings settings, s.GetSettings());

  const auto kFailed = absl::StatusCode::kFailedPrecondition;
  EXPECT_THAT(ws_->Bootstrap(DefaultSetup()), StatusIs(kFailed));
  settings.name = "Changed";
  EXPECT_THAT(s.UpdateSettings(settings), StatusIs(kFailed));
  EXPECT_THAT(s.CreateMember(NewMember("New", "new@example.com")),
              StatusIs(kFailed));
  admin.name = "Changed";
  EXPECT_THAT(s.UpdateMember(admin), StatusIs(kFailed));
  EXPECT_THAT(s.DeactivateMember(admin_), StatusIs(kFailed));
  EXPECT_THAT(s.CreateProject(NewProject("New")), StatusIs(kFailed));
  project.name = "Changed";
  EXPECT_THAT(s.UpdateProject(project), StatusIs(kFailed));
  EXPECT_THAT(s.ArchiveProject(project_), StatusIs(kFailed));
  EXPECT_THAT(s.CreateTask(NewTask(project_, "New")), StatusIs(kFailed));
  Task changed = task;
  changed.title = "Changed";
  EXPECT_THAT(s.UpdateTask(changed), StatusIs(kFailed));
  EXPECT_THAT(s.CompleteTask(task.id, "note"), StatusIs(kFailed));
  EXPECT_THAT(s.ReopenTask(done.id), StatusIs(kFailed));
  EXPECT_THAT(s.MoveTask(task.id, web_), StatusIs(kFailed));
  Comment c;
  c.task = task.id;
  c.text = "New";
  EXPECT_THAT(s.CreateComment(c), StatusIs(kFailed));
  Comment edited = comments[0];
  edited.text = "Changed";
  EXPECT_THAT(s.UpdateComment(edited), StatusIs(kFailed));

  EXPECT_EQ(Snapshot(), before);
  ws_.reset();
  if (file_store) {
    EXPECT_EQ(ReadFile(path), bytes) << "a read-only open changed the file";
  }

  // Opened for writing again, the file holds exactly what it held.
  ASSERT_THAT(Reopen(), IsOk());
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(PersistenceTest, TwoWorkspacesOnOneStoreSeeEachOthersWrites) {
  OpenOptions options = DefaultOptions();
  options.create.reset();
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Workspace> other,
                          Workspace::Open(uri_, std::move(options)));
  Session mine = Owner();
  Session theirs = other->As(owner_id_);

  WS_ASSERT_OK_AND_ASSIGN(Task created,
                          mine.CreateTask(NewTask(web_, "Shared")));
  WS_ASSERT_OK_AND_ASSIGN(Task read_there, theirs.GetTask(created.id));
  EXPECT_EQ(Dump(read_there), Dump(created));

  // Both read revision 1; the second writer is told to retry.
  Task edit_here = created;
  edit_here.title = "Edited here";
  WS_ASSERT_OK_AND_ASSIGN(Task updated, mine.UpdateTask(edit_here));
  EXPECT_EQ(updated.revision, 2);
  read_there.title = "Edited there";
  EXPECT_THAT(theirs.UpdateTask(read_there),
              StatusIs(absl::StatusCode::kAborted));
  WS_ASSERT_OK_AND_ASSIGN(Task got, theirs.GetTask(created.id));
  EXPECT_EQ(got.title, "Edited here");
  EXPECT_EQ(got.revision, 2);
}

WS_INSTANTIATE_PERSISTENT_STORES(PersistenceTest);

}  // namespace
}  // namespace session_conformance
}  // namespace worksection
