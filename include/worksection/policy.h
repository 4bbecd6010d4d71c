// The permission policy: one table of role x action -> scope, consulted by
// every Session call. docs/permissions.md is generated from it.
#ifndef WORKSECTION_POLICY_H_
#define WORKSECTION_POLICY_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "worksection/model.h"

namespace worksection {

// What a Session call does, as the policy sees it.
enum class Action {
  kReadSettings,
  kEditSettings,
  kReadMember,     // a member's profile (name, e-mail, role, company)
  kManageMembers,  // create, edit, deactivate and reactivate members
  kManageOwners,   // the same for owners, and making someone an owner
  kReadMoney,      // rates, budgets in money, costs, amounts, margins
  kCreateProject,
  kReadProject,
  kEditProject,  // edit, archive, change its members
  kCreateTask,
  kReadTask,
  kReadHidden,  // tasks and comments hidden from clients
  kEditTask,    // edit, complete, reopen
  kMoveTask,    // to another project or parent (also needs kCreateTask
                // in the target project)
  kCreateComment,
  kEditComment,
  kReadTime,  // hours logged (clients: where the project allows)
  kLogTime,   // log one's own time, run one's own timer
  kLogTimeForOthers,
  kEditTime,        // edit and delete time entries
  kReadAllTimers,   // every member's running timer
  kRepriceTime,     // re-price time entries with today's rates
  kManageCosts,     // create, edit and delete costs (reading them is
                    // kReadMoney)
  kLockPeriods,     // lock and unlock periods
  kExportSnapshot,  // export the whole workspace (snapshot.h), every
                    // member, hidden item and rate included
};
inline constexpr int kActionCount = 25;

// Where an allowed action applies. A policy entry is a set of scopes; the
// action is allowed when any of them covers the target.
enum Scope : uint8_t {
  kScopeNone = 0,
  kScopeWorkspace = 1 << 0,        // anywhere in the workspace
  kScopeMemberProjects = 1 << 1,   // projects the actor belongs to; for
                                   // members: those sharing such a project
  kScopeManagedProjects = 1 << 2,  // projects the actor manages
  kScopeOwnWork = 1 << 3,          // in the actor's projects, tasks they set or
                                   // received
  kScopeOwnWritings = 1 << 4,      // in the actor's projects, tasks, comments
                                   // and time entries they wrote
};
using ScopeSet = uint8_t;

// The table's entry. Thread-safe (constant data).
ScopeSet PolicyScopes(Role role, Action action);

// "read task", "edit project", ...: as messages and docs name it.
absl::string_view ActionName(Action action);

// The whole table as Markdown, the text of docs/permissions.md.
std::string PolicyMarkdown();

}  // namespace worksection

#endif  // WORKSECTION_POLICY_H_
