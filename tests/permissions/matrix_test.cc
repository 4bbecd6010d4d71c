// The permission matrix: every public Session operation, called for real by
// every actor of the agency (workspace roles owner, admin, employee, client,
// reader; project relations manager, member, client member, outsider), with
// the outcome expected from the policy table through PolicyScopes: allowed,
// PermissionDenied (a write not covered) or NotFound (a read not covered).
// Each call runs inside a transaction that is rolled back, so every cell
// starts from the same agency.
//
// A new Session method fails EveryPublicOperationHasARow until it has a row
// in Rows() below.
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "agency.h"

namespace worksection::testing {
namespace {

using ::absl::StatusCode;

// What the policy must grant for a call to go through, and the code of the
// refusal when it does not.
struct Need {
  std::string what;  // for messages
  std::function<bool(MemberId actor)> granted;
  StatusCode refused;
};

// One public operation aimed at one target, and what it needs, in the
// order the call checks them.
struct Row {
  std::string op;  // the Session method, as session.h declares it
  std::string target;
  std::vector<Need> needs;
  std::function<absl::Status(Session&)> run;
  // Beside the policy: the code of an actor for whom the call is allowed
  // but the state forbids it (e.g. no running timer), if any.
  std::function<std::optional<StatusCode>(MemberId actor)> state;
};

template <typename T>
absl::Status StatusOf(const absl::StatusOr<T>& s) {
  return s.status();
}
absl::Status StatusOf(const absl::Status& s) { return s; }

// The target of a policy check: a project (none: the workspace), and the
// author and assignee of a task, comment or time entry.
struct PolicyTarget {
  ProjectId project;
  MemberId author;
  MemberId assignee;
};

class PermissionsMatrix : public AgencyTest {
 protected:
  void SetUp() override {
    AgencyTest::SetUp();
    if (HasFatalFailure()) return;
    Session owner = Owner();
    TimeLog log;
    log.task = a_.open;
    log.member = a_.worker;
    log.date = absl::CivilDay(2024, 2, 28);
    log.duration = absl::Hours(2);
    log.note = "worker's morning";
    WS_ASSERT_OK_AND_ASSIGN(TimeEntry entry, owner.LogTime(log));
    entry_ = entry.id;
    Cost cost;
    cost.project = a_.p;
    cost.amount = 12345;
    cost.date = absl::CivilDay(2024, 2, 27);
    cost.note = "stock photos";
    WS_ASSERT_OK_AND_ASSIGN(Cost made, owner.CreateCost(cost));
    cost_ = made.id;
    WS_ASSERT_OK_AND_ASSIGN(PeriodLock lock,
                            owner.LockPeriod(a_.q, absl::CivilDay(2000, 1, 1)));
    lock_ = lock.id;
    Task t;
    t.project = a_.p;
    t.title = "Done task";
    t.assignee = a_.worker;
    WS_ASSERT_OK_AND_ASSIGN(Task done, As(a_.manager).CreateTask(t));
    done_ = done.id;
    ASSERT_THAT(As(a_.manager).CompleteTask(done_), IsOk());
    ASSERT_THAT(As(a_.worker).StartTimer(a_.open), IsOk());
    ASSERT_THAT(As(a_.manager).StartTimer(a_.managers), IsOk());
    timers_ = {a_.worker, a_.manager};
    now_ += absl::Hours(1);  // the timers ran an hour
    WS_ASSERT_OK_AND_ASSIGN(Member inactive,
                            NewMember("Ina Inactive", Role::kEmployee));
    inactive_ = inactive.id;
    ASSERT_THAT(owner.DeactivateMember(inactive_), IsOk());

    // Who is what where, as the owner reads it.
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> members,
                            owner.ListMembers(MemberFilter{}));
    for (const Member& m : members) roles_[m.id] = m.role;
    ProjectFilter pf;
    pf.include_archived = true;
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Project> projects,
                            owner.ListProjects(pf));
    for (const Project& p : projects) {
      for (const ProjectMember& pm : p.members) {
        project_roles_[{p.id, pm.member}] = pm.role;
      }
      if (p.manager.valid()) {
        project_roles_[{p.id, p.manager}] = ProjectRole::kManager;
      }
      clients_see_hours_[p.id] = p.clients_see_hours;
    }
  }

  // The actors, named for messages.
  std::vector<std::pair<std::string, MemberId>> Actors() const {
    return {{"owner", a_.owner},
            {"admin", a_.admin},
            {"employee manager", a_.manager},
            {"employee member", a_.worker},
            {"employee outsider", a_.outsider},
            {"client member", a_.client},
            {"client outsider", a_.client_q},
            {"reader member", a_.reader}};
  }

  // Does the policy table grant `action` on `target` to `actor`? The scopes
  // come from PolicyScopes; what each scope covers is its definition in
  // policy.h.
  bool Covers(MemberId actor, Action action, const PolicyTarget& t) const {
    const ScopeSet scopes = PolicyScopes(roles_.at(actor), action);
    if (scopes & kScopeWorkspace) return true;
    if (!t.project.valid()) return false;
    auto role = project_roles_.find({t.project, actor});
    if (role == project_roles_.end()) return false;
    if (scopes & kScopeMemberProjects) return true;
    if ((scopes & kScopeManagedProjects) &&
        role->second == ProjectRole::kManager) {
      return true;
    }
    const bool wrote = t.author == actor;
    if ((scopes & kScopeOwnWritings) && wrote) return true;
    return (scopes & kScopeOwnWork) && (wrote || t.assignee == actor);
  }

  Need Can(Action action, PolicyTarget target, StatusCode refused) const {
    return Need{std::string(ActionName(action)),
                [this, action, target](MemberId actor) {
                  return Covers(actor, action, target);
                },
                refused};
  }
  Need Read(Action action, PolicyTarget target) const {
    return Can(action, target, StatusCode::kNotFound);
  }
  Need Write(Action action, PolicyTarget target) const {
    return Can(action, target, StatusCode::kPermissionDenied);
  }
  // Seeing a task: reading it, and reading hidden items when it is hidden.
  std::vector<Need> SeeTask(const Task& t) const {
    std::vector<Need> needs = {Read(Action::kReadTask, Of(t))};
    if (t.hidden_from_clients)
      needs.push_back(Read(Action::kReadHidden, Of(t)));
    return needs;
  }
  // The rule beside the table: a client reads a project's hours only when
  // the project lets clients see them.
  Need ClientsSeeHours(ProjectId p, StatusCode refused) const {
    return Need{"clients see hours",
                [this, p](MemberId actor) {
                  return roles_.at(actor) != Role::kClient ||
                         clients_see_hours_.at(p);
                },
                refused};
  }
  static PolicyTarget Of(const Task& t) {
    return {t.project, t.author, t.assignee};
  }
  PolicyTarget InP() const { return {a_.p, MemberId(), MemberId()}; }
  static PolicyTarget WorkspaceWide() { return {}; }

  static std::vector<Need> Join(std::vector<std::vector<Need>> parts) {
    std::vector<Need> all;
    for (auto& part : parts) all.insert(all.end(), part.begin(), part.end());
    return all;
  }

  std::vector<Row> Rows();

  StatusCode Expected(const Row& row, MemberId actor) const {
    for (const Need& need : row.needs) {
      if (!need.granted(actor)) return need.refused;
    }
    if (row.state) {
      if (std::optional<StatusCode> code = row.state(actor)) return *code;
    }
    return StatusCode::kOk;
  }

  TimeEntryId entry_;
  CostId cost_;
  LockId lock_;
  TaskId done_;
  MemberId inactive_;          // a deactivated employee
  std::set<MemberId> timers_;  // members whose timer runs
  std::map<MemberId, Role> roles_;
  std::map<std::pair<ProjectId, MemberId>, ProjectRole> project_roles_;
  std::map<ProjectId, bool> clients_see_hours_;
};

std::vector<Row> PermissionsMatrix::Rows() {
  using A = Action;
  const AgencyIds a = a_;
  const Task open = OwnerTask(a.open);
  const Task hidden = OwnerTask(a.hidden);
  const Task workers = OwnerTask(a.workers);
  const Task clients = OwnerTask(a.clients);
  const Task done = OwnerTask(done_);
  const Comment pub = OwnerComment(a.pub);
  const Comment hidden_c = OwnerComment(a.hidden_comment);
  const Member worker = OwnerMember(a.worker);
  const Project p = OwnerProject(a.p);
  absl::StatusOr<TimeEntry> read_entry_or = Owner().GetTimeEntry(entry_);
  absl::StatusOr<Cost> read_cost_or = Owner().GetCost(cost_);
  EXPECT_THAT(read_entry_or, IsOk());
  EXPECT_THAT(read_cost_or, IsOk());
  const TimeEntry entry = read_entry_or.value_or(TimeEntry());
  const Cost cost = read_cost_or.value_or(Cost());
  const PolicyTarget in_p = InP();
  const PolicyTarget entry_target{a.p, a.worker, MemberId()};
  const TimeEntryId entry_id = entry_;
  const CostId cost_id = cost_;
  const LockId lock_id = lock_;
  const MemberId inactive = inactive_;
  const std::set<MemberId> timers = timers_;
  const auto has_timer = [timers](MemberId actor) -> std::optional<StatusCode> {
    if (timers.count(actor)) return std::nullopt;
    return StatusCode::kFailedPrecondition;
  };

  WorkspaceSettings settings;
  settings.name = "Renamed";
  Member fresh;
  fresh.name = "New Person";
  fresh.email = "new.person@agency.test";
  Member renamed = worker;
  renamed.name = "Renamed";
  Project new_project;
  new_project.name = "New project";
  Project renamed_p = p;
  renamed_p.name = "Renamed";
  Task new_task;
  new_task.project = a.p;
  new_task.title = "New task";
  Task new_hidden = new_task;
  new_hidden.hidden_from_clients = true;
  Task renamed_open = open;
  renamed_open.title = "Renamed";
  Task renamed_clients = clients;
  renamed_clients.title = "Renamed";
  Comment new_comment;
  new_comment.task = a.open;
  new_comment.text = "A comment";
  Comment new_hidden_c = new_comment;
  new_hidden_c.hidden_from_clients = true;
  Comment renamed_pub = pub;
  renamed_pub.text = "Renamed";
  TimeLog own_log;
  own_log.task = a.open;
  own_log.date = absl::CivilDay(2024, 2, 29);
  own_log.duration = absl::Minutes(30);
  TimeLog worker_log = own_log;
  worker_log.member = a.worker;
  TimeEntry edited_entry = entry;
  edited_entry.note = "edited";
  Cost new_cost;
  new_cost.project = a.p;
  new_cost.amount = 500;
  new_cost.date = absl::CivilDay(2024, 2, 29);
  Cost edited_cost = cost;
  edited_cost.amount = 777;
  const absl::CivilDay jan1(2024, 1, 1), dec31(2024, 12, 31);

  const std::vector<Need> see_open = SeeTask(open);
  const std::vector<Need> read_time_p = {
      Read(A::kReadTime, in_p), ClientsSeeHours(a.p, StatusCode::kNotFound)};
  const std::vector<Need> read_entry = Join({read_time_p, see_open});
  const std::vector<Need> read_cost = {Read(A::kReadMoney, in_p)};

  auto worker_or_others = [this, a](MemberId actor) {
    return actor == a.worker ||
           Covers(actor, A::kLogTimeForOthers,
                  PolicyTarget{a.p, MemberId(), MemberId()});
  };

  return {
      // --- Workspace ---
      {"GetSettings",
       "",
       {Read(A::kReadSettings, WorkspaceWide())},
       [](Session& s) { return StatusOf(s.GetSettings()); }},
      {"UpdateSettings",
       "",
       {Write(A::kEditSettings, WorkspaceWide())},
       [=](Session& s) { return StatusOf(s.UpdateSettings(settings)); }},
      {"Today", "", {}, [](Session& s) { return StatusOf(s.Today()); }},
      // --- Members ---
      {"CreateMember",
       "an employee",
       {Write(A::kManageMembers, WorkspaceWide())},
       [=](Session& s) { return StatusOf(s.CreateMember(fresh)); }},
      {"GetMember",
       "worker",
       {Read(A::kReadMember, in_p)},
       [=](Session& s) { return StatusOf(s.GetMember(a.worker)); }},
      {"ListMembers",
       "",
       {},
       [](Session& s) { return StatusOf(s.ListMembers()); }},
      {"UpdateMember",
       "worker",
       {Write(A::kManageMembers, WorkspaceWide())},
       [=](Session& s) { return StatusOf(s.UpdateMember(renamed)); }},
      {"DeactivateMember",
       "reader",
       {Write(A::kManageMembers, WorkspaceWide())},
       [=](Session& s) { return StatusOf(s.DeactivateMember(a.reader)); }},
      {"ReactivateMember",
       "a deactivated employee",
       {Write(A::kManageMembers, WorkspaceWide())},
       [=](Session& s) { return StatusOf(s.ReactivateMember(inactive)); }},
      // --- Projects ---
      {"CreateProject",
       "",
       {Write(A::kCreateProject, WorkspaceWide())},
       [=](Session& s) { return StatusOf(s.CreateProject(new_project)); }},
      {"GetProject",
       "P",
       {Read(A::kReadProject, in_p)},
       [=](Session& s) { return StatusOf(s.GetProject(a.p)); }},
      {"ListProjects",
       "",
       {},
       [](Session& s) { return StatusOf(s.ListProjects()); }},
      {"UpdateProject",
       "P",
       {Read(A::kReadProject, in_p), Write(A::kEditProject, in_p)},
       [=](Session& s) { return StatusOf(s.UpdateProject(renamed_p)); }},
      {"ArchiveProject",
       "P",
       {Read(A::kReadProject, in_p), Write(A::kEditProject, in_p)},
       [=](Session& s) { return StatusOf(s.ArchiveProject(a.p)); }},
      // --- Tasks ---
      {"CreateTask",
       "in P",
       {Read(A::kReadProject, in_p), Write(A::kCreateTask, in_p)},
       [=](Session& s) { return StatusOf(s.CreateTask(new_task)); }},
      {"CreateTask",
       "hidden, in P",
       {Read(A::kReadProject, in_p), Write(A::kCreateTask, in_p),
        Write(A::kReadHidden, in_p)},
       [=](Session& s) { return StatusOf(s.CreateTask(new_hidden)); }},
      {"GetTask", "open", see_open,
       [=](Session& s) { return StatusOf(s.GetTask(a.open)); }},
      {"GetTask", "hidden", SeeTask(hidden),
       [=](Session& s) { return StatusOf(s.GetTask(a.hidden)); }},
      {"ListTasks", "", {}, [](Session& s) { return StatusOf(s.ListTasks()); }},
      {"UpdateTask", "open (set by manager, received by worker)",
       Join({see_open, {Write(A::kEditTask, Of(open))}}),
       [=](Session& s) { return StatusOf(s.UpdateTask(renamed_open)); }},
      {"UpdateTask", "set by client",
       Join({SeeTask(clients), {Write(A::kEditTask, Of(clients))}}),
       [=](Session& s) { return StatusOf(s.UpdateTask(renamed_clients)); }},
      {"CompleteTask", "open",
       Join({see_open, {Write(A::kEditTask, Of(open))}}),
       [=](Session& s) { return StatusOf(s.CompleteTask(a.open)); }},
      {"ReopenTask", "done",
       Join({SeeTask(done), {Write(A::kEditTask, Of(done))}}),
       [=](Session& s) { return StatusOf(s.ReopenTask(done.id)); }},
      {"MoveTask", "worker's task under manager's",
       Join({SeeTask(workers),
             {Write(A::kMoveTask, Of(workers)), Write(A::kCreateTask, in_p)}}),
       [=](Session& s) {
         return StatusOf(s.MoveTask(a.workers, a.p, a.managers));
       }},
      // --- Comments ---
      {"CreateComment", "on open",
       Join({see_open, {Write(A::kCreateComment, in_p)}}),
       [=](Session& s) { return StatusOf(s.CreateComment(new_comment)); }},
      {"CreateComment", "hidden, on open",
       Join({see_open,
             {Write(A::kCreateComment, in_p), Write(A::kReadHidden, in_p)}}),
       [=](Session& s) { return StatusOf(s.CreateComment(new_hidden_c)); }},
      {"GetComment", "public", see_open,
       [=](Session& s) { return StatusOf(s.GetComment(a.pub)); }},
      {"GetComment", "hidden", Join({see_open, {Read(A::kReadHidden, in_p)}}),
       [=](Session& s) { return StatusOf(s.GetComment(hidden_c.id)); }},
      {"ListComments", "on open", see_open,
       [=](Session& s) { return StatusOf(s.ListComments(a.open)); }},
      {"UpdateComment", "worker's",
       Join({see_open,
             {Write(A::kEditComment, PolicyTarget{a.p, pub.author, {}})}}),
       [=](Session& s) { return StatusOf(s.UpdateComment(renamed_pub)); }},
      // --- Time entries ---
      {"LogTime", "own, on open",
       Join({see_open, {Write(A::kLogTime, PolicyTarget{a.p, {}, {}})}}),
       [=](Session& s) { return StatusOf(s.LogTime(own_log)); }},
      {"LogTime", "worker's, on open",
       Join({see_open,
             {Need{"log time for worker", worker_or_others,
                   StatusCode::kPermissionDenied}}}),
       [=](Session& s) { return StatusOf(s.LogTime(worker_log)); }},
      {"LogTimeBatch", "own, on open",
       Join({see_open, {Write(A::kLogTime, in_p)}}),
       [=](Session& s) {
         return StatusOf(s.LogTimeBatch({own_log, own_log}));
       }},
      {"GetTimeEntry", "worker's", read_entry,
       [=](Session& s) { return StatusOf(s.GetTimeEntry(entry_id)); }},
      {"ListTimeEntries",
       "",
       {},
       [](Session& s) { return StatusOf(s.ListTimeEntries()); }},
      {"UpdateTimeEntry", "worker's",
       Join({read_entry, {Write(A::kEditTime, entry_target)}}),
       [=](Session& s) { return StatusOf(s.UpdateTimeEntry(edited_entry)); }},
      {"DeleteTimeEntry", "worker's",
       Join({read_entry, {Write(A::kEditTime, entry_target)}}),
       [=](Session& s) { return StatusOf(s.DeleteTimeEntry(entry_id)); }},
      {"RepriceTimeEntries",
       "P",
       {Write(A::kRepriceTime, WorkspaceWide())},
       [=](Session& s) {
         return StatusOf(s.RepriceTimeEntries(a.p, jan1, dec31));
       }},
      // --- Timers ---
      {"StartTimer", "on open", Join({see_open, {Write(A::kLogTime, in_p)}}),
       [=](Session& s) { return StatusOf(s.StartTimer(a.open, true)); }},
      {"StopTimer",
       "own",
       {},
       [](Session& s) { return StatusOf(s.StopTimer("stopped")); },
       has_timer},
      {"CancelTimer",
       "own",
       {},
       [](Session& s) { return StatusOf(s.CancelTimer()); },
       has_timer},
      {"GetTimer",
       "own",
       {},
       [](Session& s) { return StatusOf(s.GetTimer()); }},
      {"GetTimer",
       "worker's",
       {Need{"read worker's timer",
             [this, a](MemberId actor) {
               return actor == a.worker ||
                      Covers(actor, A::kReadAllTimers, WorkspaceWide());
             },
             StatusCode::kPermissionDenied}},
       [=](Session& s) { return StatusOf(s.GetTimer(a.worker)); }},
      {"ListTimers",
       "",
       {Write(A::kReadAllTimers, WorkspaceWide())},
       [](Session& s) { return StatusOf(s.ListTimers()); }},
      {"ListForgottenTimers",
       "",
       {},
       [](Session& s) { return StatusOf(s.ListForgottenTimers()); }},
      // --- Costs ---
      {"CreateCost",
       "on P",
       {Read(A::kReadProject, in_p), Write(A::kManageCosts, in_p)},
       [=](Session& s) { return StatusOf(s.CreateCost(new_cost)); }},
      {"GetCost", "on P", read_cost,
       [=](Session& s) { return StatusOf(s.GetCost(cost_id)); }},
      {"ListCosts", "", {}, [](Session& s) { return StatusOf(s.ListCosts()); }},
      {"UpdateCost", "on P", Join({read_cost, {Write(A::kManageCosts, in_p)}}),
       [=](Session& s) { return StatusOf(s.UpdateCost(edited_cost)); }},
      {"DeleteCost", "on P", Join({read_cost, {Write(A::kManageCosts, in_p)}}),
       [=](Session& s) { return StatusOf(s.DeleteCost(cost_id)); }},
      // --- Locks ---
      {"LockPeriod",
       "P",
       {Write(A::kLockPeriods, WorkspaceWide())},
       [=](Session& s) { return StatusOf(s.LockPeriod(a.p, jan1)); }},
      {"Unlock",
       "Q's lock",
       {Write(A::kLockPeriods, WorkspaceWide())},
       [=](Session& s) { return StatusOf(s.Unlock(lock_id)); }},
      {"ListLocks", "", {}, [](Session& s) { return StatusOf(s.ListLocks()); }},
      // --- Budgets ---
      {"GetProjectBudget",
       "P",
       {Read(A::kReadProject, in_p), Read(A::kReadTime, in_p),
        ClientsSeeHours(a.p, StatusCode::kPermissionDenied)},
       [=](Session& s) { return StatusOf(s.GetProjectBudget(a.p)); }},
      {"GetTaskBudget", "open",
       Join({see_open,
             {Read(A::kReadTime, in_p),
              ClientsSeeHours(a.p, StatusCode::kPermissionDenied)}}),
       [=](Session& s) { return StatusOf(s.GetTaskBudget(a.open)); }},
      {"ListBudgetAlerts",
       "P",
       {Read(A::kReadProject, in_p)},
       [=](Session& s) { return StatusOf(s.ListBudgetAlerts(a.p)); }},
      // --- Change feed: filtered to what the actor sees, never refused ---
      {"ChangesSince",
       "",
       {},
       [](Session& s) { return StatusOf(s.ChangesSince(0)); }},
      // --- Reports: filtered to what the actor reads, never refused ---
      {"RunTimeReport",
       "",
       {},
       [](Session& s) { return StatusOf(s.RunTimeReport({})); }},
      {"RunOverdueReport",
       "",
       {},
       [](Session& s) { return StatusOf(s.RunOverdueReport({})); }},
      {"RunProjectHealth",
       "",
       {},
       [](Session& s) { return StatusOf(s.RunProjectHealth()); }},
      {"RunWorkload",
       "",
       {},
       [](Session& s) { return StatusOf(s.RunWorkload()); }},
      {"RunDigest", "", {}, [](Session& s) { return StatusOf(s.RunDigest()); }},
  };
}

// The public methods of class Session, read from session.h.
std::set<std::string> SessionMethods() {
  const char* dir = std::getenv("WS_SOURCE_DIR");
  EXPECT_NE(dir, nullptr) << "WS_SOURCE_DIR is not set";
  if (dir == nullptr) return {};
  std::ifstream in(std::string(dir) + "/include/worksection/session.h");
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  const size_t begin = all.find("class Session {");
  const size_t end = all.find(" private:", begin);
  EXPECT_NE(begin, std::string::npos);
  const std::string body = all.substr(begin, end - begin);
  std::set<std::string> names;
  // "absl::StatusOr<...> Name(" and "absl::Status Name(".
  const std::regex method(R"((?:>|Status)\s+([A-Z]\w*)\()");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), method);
       it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1]);
  }
  return names;
}

TEST_P(PermissionsMatrix, EveryPublicOperationHasARow) {
  std::set<std::string> rows;
  for (const Row& row : Rows()) rows.insert(row.op);
  std::set<std::string> methods = SessionMethods();
  // The harness itself: every cell runs in a transaction, which any active
  // member may begin.
  methods.erase("BeginTransaction");
  EXPECT_EQ(rows, methods) << "add a row to Rows() for each new operation";
  EXPECT_GE(methods.size(), 50u) << "session.h was not parsed";
}

TEST_P(PermissionsMatrix, EveryOperationForEveryActorFollowsThePolicy) {
  const std::vector<Row> rows = Rows();
  int cells = 0;
  for (const auto& [who, actor] : Actors()) {
    for (const Row& row : rows) {
      SCOPED_TRACE(absl::StrCat(who, " x ", row.op, "(", row.target, ")"));
      const std::string before = State();
      WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<SessionTransaction> tx,
                              As(actor).BeginTransaction());
      const absl::Status got = row.run(tx->session());
      tx->Rollback();
      const StatusCode want = Expected(row, actor);
      EXPECT_EQ(got.code(), want) << got;
      if (want != StatusCode::kOk) {
        EXPECT_FALSE(got.message().empty());
      }
      EXPECT_EQ(State(), before) << "the rollback left something behind";
    }
    cells += static_cast<int>(rows.size());
  }
  RecordProperty("cells", cells);
  // The matrix tells the outcomes apart: each occurs, for many cells.
  std::map<StatusCode, int> outcomes;
  for (const auto& [who, actor] : Actors()) {
    for (const Row& row : rows) ++outcomes[Expected(row, actor)];
  }
  EXPECT_GT(outcomes[StatusCode::kOk], 100);
  RecordProperty("allowed", outcomes[StatusCode::kOk]);
  RecordProperty("denied", outcomes[StatusCode::kPermissionDenied]);
  RecordProperty("not_found", outcomes[StatusCode::kNotFound]);
  EXPECT_GT(outcomes[StatusCode::kPermissionDenied], 50);
  EXPECT_GT(outcomes[StatusCode::kNotFound], 50);
}

// The committed path agrees with the rolled-back one: a few writes as each
// actor, committed, change the workspace exactly when allowed.
TEST_P(PermissionsMatrix, CommittedWritesChangeTheWorkspaceOnlyWhenAllowed) {
  for (const auto& [who, actor] : Actors()) {
    for (const Row& row : Rows()) {
      if (row.op != "UpdateTask" && row.op != "CreateComment" &&
          row.op != "UpdateProject") {
        continue;
      }
      SCOPED_TRACE(absl::StrCat(who, " x ", row.op, "(", row.target, ")"));
      const StatusCode want = Expected(row, actor);
      if (want == StatusCode::kOk) continue;
      Session s = As(actor);
      const std::string before = State();
      EXPECT_EQ(row.run(s).code(), want);
      EXPECT_EQ(State(), before);
    }
  }
}

WS_INSTANTIATE_AGENCY_TEST(PermissionsMatrix);

}  // namespace
}  // namespace worksection::testing
