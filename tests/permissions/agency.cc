#include "agency.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace worksection::testing {
namespace {

std::string Opt(const std::optional<Money>& m) {
  return m ? absl::StrCat(*m) : "none";
}

}  // namespace

std::vector<std::string> StoreKinds() { return {"memory", "sqlite"}; }

std::string StoreName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

void AgencyTest::SetUp() {
  if (GetParam() == "memory") {
    uri_ = "memory:";
  } else {
    dir_ = std::make_unique<TempDir>();
    uri_ = "sqlite:" + dir_->File("ws.db");
  }
  OpenOptions options;
  WorkspaceSetup setup;
  setup.name = "Agency";
  setup.owner_name = "Olga Owner";
  setup.owner_email = "olga@agency.test";
  options.create = setup;
  now_ = absl::FromCivil(absl::CivilSecond(2024, 3, 1, 9, 0, 0),
                         absl::UTCTimeZone());
  options.clock = [this] { return now_; };
  WS_ASSERT_OK_AND_ASSIGN(ws_, Workspace::Open(uri_, options));
  WS_ASSERT_OK_AND_ASSIGN(Member owner, ws_->FirstOwner());
  a_.owner = owner.id;
  viewer_ = owner.id;

  struct NewOne {
    MemberId* id;
    const char* name;
    Role role;
  };
  for (const NewOne& n : {NewOne{&a_.admin, "Adam Admin", Role::kAdmin},
                          NewOne{&a_.manager, "Mia Manager", Role::kEmployee},
                          NewOne{&a_.worker, "Wes Worker", Role::kEmployee},
                          NewOne{&a_.outsider, "Otto Outside", Role::kEmployee},
                          NewOne{&a_.client, "Cleo Client", Role::kClient},
                          NewOne{&a_.client_q, "Quinn Client", Role::kClient},
                          NewOne{&a_.reader, "Rita Reader", Role::kReader}}) {
    WS_ASSERT_OK_AND_ASSIGN(Member m, NewMember(n.name, n.role));
    *n.id = m.id;
  }

  Session owner_s = Owner();
  Project p;
  p.name = "P";
  p.manager = a_.manager;
  p.money_budget = kProjectBudget;
  p.billing_rate = kProjectRate;
  p.members = {{a_.worker, ProjectRole::kMember},
               {a_.client, ProjectRole::kClient},
               {a_.reader, ProjectRole::kMember}};
  WS_ASSERT_OK_AND_ASSIGN(Project made_p, owner_s.CreateProject(p));
  a_.p = made_p.id;
  Project q;
  q.name = "Q";
  q.manager = a_.outsider;
  q.money_budget = kProjectBudget;
  q.billing_rate = kProjectRate;
  q.members = {{a_.client_q, ProjectRole::kClient}};
  WS_ASSERT_OK_AND_ASSIGN(Project made_q, owner_s.CreateProject(q));
  a_.q = made_q.id;

  Session manager = As(a_.manager);
  Task t;
  t.project = a_.p;
  t.title = "Open task";
  t.assignee = a_.worker;
  t.money_budget = kTaskBudget;
  WS_ASSERT_OK_AND_ASSIGN(Task open, manager.CreateTask(t));
  a_.open = open.id;
  t = Task();
  t.project = a_.p;
  t.title = "Hidden task";
  t.text = "internal margin discussion";
  t.assignee = a_.worker;
  t.hidden_from_clients = true;
  WS_ASSERT_OK_AND_ASSIGN(Task hidden, manager.CreateTask(t));
  a_.hidden = hidden.id;
  t = Task();
  t.project = a_.p;
  t.title = "Manager's task";
  WS_ASSERT_OK_AND_ASSIGN(Task managers, manager.CreateTask(t));
  a_.managers = managers.id;
  t = Task();
  t.project = a_.p;
  t.title = "Worker's task";
  WS_ASSERT_OK_AND_ASSIGN(Task workers, As(a_.worker).CreateTask(t));
  a_.workers = workers.id;
  t = Task();
  t.project = a_.p;
  t.title = "Client's request";
  WS_ASSERT_OK_AND_ASSIGN(Task clients, As(a_.client).CreateTask(t));
  a_.clients = clients.id;
  t = Task();
  t.project = a_.q;
  t.title = "Task in Q";
  t.money_budget = kTaskBudget;
  WS_ASSERT_OK_AND_ASSIGN(Task in_q, As(a_.outsider).CreateTask(t));
  a_.in_q = in_q.id;

  Comment c;
  c.task = a_.open;
  c.text = "Started on it";
  WS_ASSERT_OK_AND_ASSIGN(Comment pub, As(a_.worker).CreateComment(c));
  a_.pub = pub.id;
  c.text = "Bill them double, they never check";
  c.hidden_from_clients = true;
  WS_ASSERT_OK_AND_ASSIGN(Comment hidden_c, manager.CreateComment(c));
  a_.hidden_comment = hidden_c.id;
  c.text = "Any news?";
  c.hidden_from_clients = false;
  WS_ASSERT_OK_AND_ASSIGN(Comment client_c, As(a_.client).CreateComment(c));
  a_.clients_comment = client_c.id;
  c.task = a_.hidden;
  c.text = "Done internally";
  WS_ASSERT_OK_AND_ASSIGN(Comment on_hidden, As(a_.worker).CreateComment(c));
  a_.on_hidden_task = on_hidden.id;
}

absl::StatusOr<Member> AgencyTest::NewMember(const std::string& name,
                                             Role role) {
  Member m;
  m.name = name;
  std::string local = name;
  for (char& ch : local) ch = ch == ' ' ? '.' : ch;
  m.email = local + "@agency.test";
  m.role = role;
  m.company = role == Role::kClient ? "Client Co" : "Agency";
  m.cost_rate = kCostRate;
  m.billing_rate = kBillingRate;
  return Owner().CreateMember(m);
}

std::string AgencyTest::State() {
  Session s = As(viewer_);
  std::string out;
  absl::StatusOr<WorkspaceSettings> settings = s.GetSettings();
  if (!settings.ok())
    return absl::StrCat("settings: ", settings.status().ToString());
  absl::StrAppend(&out, "settings r", settings->revision, " ", settings->name,
                  " ", settings->time_zone, " ", settings->currency, " ",
                  static_cast<int>(settings->week_start), "\n");
  MemberFilter mf;
  mf.include_inactive = true;
  absl::StatusOr<std::vector<Member>> members = s.ListMembers(mf);
  if (!members.ok())
    return absl::StrCat("members: ", members.status().ToString());
  for (const Member& m : *members) {
    absl::StrAppend(&out, "member ", m.id.value(), " r", m.revision, " ",
                    m.name, " ", m.email, " ", RoleName(m.role), " ", m.company,
                    " ", Opt(m.cost_rate), " ", Opt(m.billing_rate),
                    m.active ? " active" : " inactive", "\n");
  }
  ProjectFilter pf;
  pf.include_archived = true;
  absl::StatusOr<std::vector<Project>> projects = s.ListProjects(pf);
  if (!projects.ok())
    return absl::StrCat("projects: ", projects.status().ToString());
  for (const Project& p : *projects) {
    absl::StrAppend(&out, "project ", p.id.value(), " r", p.revision, " ",
                    p.name, " ", ProjectStatusName(p.status), " manager ",
                    p.manager.value(), " ", Opt(p.money_budget), " ",
                    Opt(p.billing_rate), " members");
    for (const ProjectMember& pm : p.members) {
      absl::StrAppend(&out, " ", pm.member.value(), ":",
                      ProjectRoleName(pm.role));
    }
    absl::StrAppend(&out, "\n");
  }
  TaskFilter tf;
  tf.limit = limits::kMaxPageSize;
  absl::StatusOr<TaskPage> page = s.ListTasks(tf);
  if (!page.ok()) return absl::StrCat("tasks: ", page.status().ToString());
  for (const Task& t : page->tasks) {
    absl::StrAppend(&out, "task ", t.id.value(), " r", t.revision, " project ",
                    t.project.value(), " parent ", t.parent.value(), " ",
                    t.title, " author ", t.author.value(), " assignee ",
                    t.assignee.value(), " ", TaskStatusName(t.status),
                    t.hidden_from_clients ? " hidden" : "", " ",
                    Opt(t.money_budget), " subscribers ",
                    absl::StrJoin(t.subscribers, ",",
                                  [](std::string* o, MemberId id) {
                                    absl::StrAppend(o, id.value());
                                  }),
                    "\n");
    absl::StatusOr<std::vector<Comment>> comments = s.ListComments(t.id);
    if (!comments.ok())
      return absl::StrCat("comments: ", comments.status().ToString());
    for (const Comment& c : *comments) {
      absl::StrAppend(&out, "  comment ", c.id.value(), " r", c.revision, " ",
                      c.author.value(),
                      c.hidden_from_clients ? " hidden " : " ", c.text, "\n");
    }
  }
  if (!page->next_page_token.empty()) out += "more tasks\n";
  // The owner's position in the change feed: a refused call writes no
  // event either.
  int64_t seq = 0;
  for (bool more = true; more;) {
    absl::StatusOr<ChangesPage> changes =
        Owner().ChangesSince(seq, limits::kMaxPageSize);
    if (!changes.ok())
      return absl::StrCat("events: ", changes.status().ToString());
    seq = changes->last_seq;
    more = changes->has_more;
  }
  absl::StrAppend(&out, "events through ", seq, "\n");
  return out;
}

Task AgencyTest::OwnerTask(TaskId id) {
  absl::StatusOr<Task> t = As(viewer_).GetTask(id);
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? *t : Task();
}

Project AgencyTest::OwnerProject(ProjectId id) {
  absl::StatusOr<Project> p = As(viewer_).GetProject(id);
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? *p : Project();
}

Member AgencyTest::OwnerMember(MemberId id) {
  absl::StatusOr<Member> m = As(viewer_).GetMember(id);
  EXPECT_TRUE(m.ok()) << m.status();
  return m.ok() ? *m : Member();
}

Comment AgencyTest::OwnerComment(CommentId id) {
  absl::StatusOr<Comment> c = As(viewer_).GetComment(id);
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? *c : Comment();
}

template <typename T>
auto IdsOf(const std::vector<T>& items) {
  std::vector<decltype(items.front().id)> ids;
  for (const T& item : items) ids.push_back(item.id);
  return ids;
}

std::vector<TaskId> Ids(const std::vector<Task>& v) { return IdsOf(v); }
std::vector<MemberId> Ids(const std::vector<Member>& v) { return IdsOf(v); }
std::vector<ProjectId> Ids(const std::vector<Project>& v) { return IdsOf(v); }
std::vector<CommentId> Ids(const std::vector<Comment>& v) { return IdsOf(v); }

}  // namespace worksection::testing
