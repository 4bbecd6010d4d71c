#include "worksection/policy.h"

#include <array>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace worksection {
namespace {

constexpr ScopeSet W = kScopeWorkspace;
constexpr ScopeSet MP = kScopeMemberProjects;
constexpr ScopeSet MG = kScopeManagedProjects;
constexpr ScopeSet OW = kScopeOwnWork;
constexpr ScopeSet WR = kScopeOwnWritings;
constexpr ScopeSet NO = kScopeNone;

struct Row {
  Action action;
  // Indexed by Role: owner, admin, employee, client, reader.
  std::array<ScopeSet, 5> scopes;
};

// THE policy table. Every Session call asks it; docs/permissions.md is
// generated from it, and a test holds the two equal.
constexpr std::array<Row, kActionCount> kPolicy = {{
    //                          owner admin employee client reader
    {Action::kReadSettings, {W, W, W, W, W}},
    {Action::kEditSettings, {W, W, NO, NO, NO}},
    {Action::kReadMember, {W, W, W, MP, MP}},
    {Action::kManageMembers, {W, W, NO, NO, NO}},
    {Action::kManageOwners, {W, NO, NO, NO, NO}},
    {Action::kReadMoney, {W, W, MG, NO, NO}},
    {Action::kCreateProject, {W, W, NO, NO, NO}},
    {Action::kReadProject, {W, W, MP, MP, MP}},
    {Action::kEditProject, {W, W, MG, NO, NO}},
    {Action::kCreateTask, {W, W, MP, MP, NO}},
    {Action::kReadTask, {W, W, MP, MP, MP}},
    {Action::kReadHidden, {W, W, MP, NO, MP}},
    {Action::kEditTask, {W, W, MG | OW, OW, NO}},
    {Action::kMoveTask, {W, W, MG, NO, NO}},
    {Action::kCreateComment, {W, W, MP, MP, NO}},
    {Action::kEditComment, {W, W, MG | WR, WR, NO}},
    {Action::kReadTime, {W, W, MP, MP, MP}},
    {Action::kLogTime, {W, W, MP, NO, NO}},
    {Action::kLogTimeForOthers, {W, W, MG, NO, NO}},
    {Action::kEditTime, {W, W, MG | WR, NO, NO}},
    {Action::kReadAllTimers, {W, W, NO, NO, NO}},
    {Action::kRepriceTime, {W, W, NO, NO, NO}},
    {Action::kManageCosts, {W, W, MG, NO, NO}},
    {Action::kLockPeriods, {W, W, NO, NO, NO}},
    {Action::kExportSnapshot, {W, W, NO, NO, NO}},
}};

constexpr bool TableIsInActionOrder() {
  for (int i = 0; i < kActionCount; ++i) {
    if (static_cast<int>(kPolicy[i].action) != i) return false;
  }
  return true;
}
static_assert(TableIsInActionOrder(), "kPolicy rows must follow Action order");

constexpr std::array<Role, 5> kRoles = {
    Role::kOwner, Role::kAdmin, Role::kEmployee, Role::kClient, Role::kReader};

std::string ScopeText(ScopeSet scopes) {
  if (scopes == kScopeNone) return "-";
  if (scopes & kScopeWorkspace) return "all";
  std::vector<std::string> parts;
  if (scopes & kScopeMemberProjects) parts.push_back("own projects");
  if (scopes & kScopeManagedProjects) parts.push_back("managed projects");
  if (scopes & kScopeOwnWork) parts.push_back("tasks set or received");
  if (scopes & kScopeOwnWritings) parts.push_back("own writings");
  return absl::StrJoin(parts, ", ");
}

}  // namespace

ScopeSet PolicyScopes(Role role, Action action) {
  return kPolicy[static_cast<int>(action)].scopes[static_cast<int>(role)];
}

absl::string_view ActionName(Action action) {
  switch (action) {
    case Action::kReadSettings:
      return "read settings";
    case Action::kEditSettings:
      return "edit settings";
    case Action::kReadMember:
      return "read member";
    case Action::kManageMembers:
      return "manage members";
    case Action::kManageOwners:
      return "manage owners";
    case Action::kReadMoney:
      return "read money";
    case Action::kCreateProject:
      return "create project";
    case Action::kReadProject:
      return "read project";
    case Action::kEditProject:
      return "edit project";
    case Action::kCreateTask:
      return "create task";
    case Action::kReadTask:
      return "read task";
    case Action::kReadHidden:
      return "read hidden";
    case Action::kEditTask:
      return "edit task";
    case Action::kMoveTask:
      return "move task";
    case Action::kCreateComment:
      return "create comment";
    case Action::kEditComment:
      return "edit comment";
    case Action::kReadTime:
      return "read time";
    case Action::kLogTime:
      return "log own time";
    case Action::kLogTimeForOthers:
      return "log time for others";
    case Action::kEditTime:
      return "edit time";
    case Action::kReadAllTimers:
      return "read all timers";
    case Action::kRepriceTime:
      return "re-price time";
    case Action::kManageCosts:
      return "manage costs";
    case Action::kLockPeriods:
      return "lock periods";
    case Action::kExportSnapshot:
      return "export snapshot";
  }
  return "unknown";
}

std::string PolicyMarkdown() {
  std::string out =
      "# Permissions\n\n"
      "<!-- Generated from src/core/policy.cc by tools/ws_policy_doc; a test\n"
      "     fails when this file and the table differ. -->\n\n"
      "Every Session call asks one policy table: the actor's workspace role\n"
      "and the action give a scope, and the call is allowed when the scope\n"
      "covers its target. Reads of what a scope does not cover answer\n"
      "NotFound (a client cannot even learn that a hidden task exists);\n"
      "writes answer PermissionDenied. Money fields the actor may not read\n"
      "come back empty, never as zero.\n\n"
      "| action |";
  for (Role role : kRoles) absl::StrAppend(&out, " ", RoleName(role), " |");
  out += "\n|---|";
  for (size_t i = 0; i < kRoles.size(); ++i) out += "---|";
  out += "\n";
  for (const Row& row : kPolicy) {
    absl::StrAppend(&out, "| ", ActionName(row.action), " |");
    for (Role role : kRoles) {
      absl::StrAppend(&out, " ", ScopeText(PolicyScopes(role, row.action)),
                      " |");
    }
    out += "\n";
  }
  out +=
      "\nScopes:\n\n"
      "- **all**: anywhere in the workspace.\n"
      "- **own projects**: projects the actor belongs to (for `read member`:\n"
      "  members who share such a project).\n"
      "- **managed projects**: projects where the actor's project role is\n"
      "  manager.\n"
      "- **tasks set or received**: in the actor's projects, tasks the actor\n"
      "  set (author) or received (assignee).\n"
      "- **own writings**: in the actor's projects, tasks and comments the\n"
      "  actor wrote, and time entries of the actor's own time.\n\n"
      "Rules beside the table:\n\n"
      "- A client cannot create a task or comment hidden from clients.\n"
      "- A workspace client holds the project role `client`, and only a\n"
      "  workspace client may hold it.\n"
      "- Moving a task (to another project, or under another parent) also\n"
      "  needs `create task` in the target project.\n"
      "- An assignee or subscriber must be able to read the task.\n"
      "- A deactivated member can do nothing; the last active owner cannot\n"
      "  be deactivated or lose the owner role.\n"
      "- Tasks of an archived project cannot be created, edited or moved.\n"
      "- A subtask of a task hidden from clients is hidden too.\n"
      "- A client reads the hours of a project only when the project's\n"
      "  `clients_see_hours` is on; rates, costs, amounts and margins never.\n"
      "- Time is logged only on tasks the member can see, and entries and\n"
      "  costs dated in a locked period cannot change.\n"
      "- Member rates are read only with `read money` in the whole\n"
      "  workspace; managers read the money of their projects only.\n";
  return out;
}

}  // namespace worksection
