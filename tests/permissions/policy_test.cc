// The policy table's key facts, asserted cell by cell through PolicyScopes.
// Each test names the rule it guards: changing that cell of the table in
// src/core/policy.cc fails it.
#include "worksection/policy.h"

#include <array>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "worksection/model.h"

namespace worksection {
namespace {

constexpr ScopeSet W = kScopeWorkspace;
constexpr ScopeSet MP = kScopeMemberProjects;
constexpr ScopeSet MG = kScopeManagedProjects;
constexpr ScopeSet OW = kScopeOwnWork;
constexpr ScopeSet WR = kScopeOwnWritings;
constexpr ScopeSet NO = kScopeNone;

constexpr std::array<Role, 5> kRoles = {
    Role::kOwner, Role::kAdmin, Role::kEmployee, Role::kClient, Role::kReader};

// Every action that changes something.
constexpr std::array<Action, 17> kWrites = {
    Action::kEditSettings,  Action::kManageMembers, Action::kManageOwners,
    Action::kCreateProject, Action::kEditProject,   Action::kCreateTask,
    Action::kEditTask,      Action::kMoveTask,      Action::kCreateComment,
    Action::kEditComment,   Action::kLogTime,       Action::kLogTimeForOthers,
    Action::kEditTime,      Action::kRepriceTime,   Action::kManageCosts,
    Action::kLockPeriods,   Action::kReadAllTimers,
};

Action ActionAt(int i) { return static_cast<Action>(i); }

std::string Cell(Role role, Action action) {
  return std::string(RoleName(role)) + " x " + std::string(ActionName(action));
}

TEST(PermissionsPolicy, OwnerMayDoEverythingEverywhere) {
  for (int i = 0; i < kActionCount; ++i) {
    EXPECT_EQ(PolicyScopes(Role::kOwner, ActionAt(i)), W)
        << Cell(Role::kOwner, ActionAt(i));
  }
}

TEST(PermissionsPolicy, AdminMayDoEverythingButManageOwners) {
  for (int i = 0; i < kActionCount; ++i) {
    const Action a = ActionAt(i);
    EXPECT_EQ(PolicyScopes(Role::kAdmin, a),
              a == Action::kManageOwners ? NO : W)
        << Cell(Role::kAdmin, a);
  }
}

TEST(PermissionsPolicy, OnlyOwnersManageOwners) {
  for (Role role : kRoles) {
    EXPECT_EQ(PolicyScopes(role, Action::kManageOwners),
              role == Role::kOwner ? W : NO)
        << Cell(role, Action::kManageOwners);
  }
}

TEST(PermissionsPolicy, ClientNeverReadsMoney) {
  EXPECT_EQ(PolicyScopes(Role::kClient, Action::kReadMoney), NO);
}

TEST(PermissionsPolicy, ClientNeverReadsHiddenItems) {
  EXPECT_EQ(PolicyScopes(Role::kClient, Action::kReadHidden), NO);
}

TEST(PermissionsPolicy, ClientNeitherLogsNorEditsTime) {
  for (Action a : {Action::kLogTime, Action::kLogTimeForOthers,
                   Action::kEditTime, Action::kManageCosts}) {
    EXPECT_EQ(PolicyScopes(Role::kClient, a), NO) << Cell(Role::kClient, a);
  }
  // They do follow the hours of their projects (where a project allows).
  EXPECT_EQ(PolicyScopes(Role::kClient, Action::kReadTime), MP);
}

TEST(PermissionsPolicy, EmployeesLogOwnTimeManagersEditTheirProjects) {
  EXPECT_EQ(PolicyScopes(Role::kEmployee, Action::kLogTime), MP);
  EXPECT_EQ(PolicyScopes(Role::kEmployee, Action::kEditTime), MG | WR);
  EXPECT_EQ(PolicyScopes(Role::kEmployee, Action::kLogTimeForOthers), MG);
}

TEST(PermissionsPolicy, ReaderNeverReadsMoney) {
  EXPECT_EQ(PolicyScopes(Role::kReader, Action::kReadMoney), NO);
}

TEST(PermissionsPolicy, ReaderWritesNothing) {
  for (Action a : kWrites) {
    EXPECT_EQ(PolicyScopes(Role::kReader, a), NO) << Cell(Role::kReader, a);
  }
}

TEST(PermissionsPolicy, ReaderReadsOnlyTheirProjectsHiddenItemsIncluded) {
  EXPECT_EQ(PolicyScopes(Role::kReader, Action::kReadProject), MP);
  EXPECT_EQ(PolicyScopes(Role::kReader, Action::kReadTask), MP);
  EXPECT_EQ(PolicyScopes(Role::kReader, Action::kReadHidden), MP);
  EXPECT_EQ(PolicyScopes(Role::kReader, Action::kReadMember), MP);
}

TEST(PermissionsPolicy, EmployeeEditsTasksOnlyInManagedProjectsOrOwnWork) {
  EXPECT_EQ(PolicyScopes(Role::kEmployee, Action::kEditTask), MG | OW);
}

TEST(PermissionsPolicy, EmployeeManagesOnlyTheProjectsTheyManage) {
  EXPECT_EQ(PolicyScopes(Role::kEmployee, Action::kEditProject), MG);
  EXPECT_EQ(PolicyScopes(Role::kEmployee, Action::kMoveTask), MG);
  EXPECT_EQ(PolicyScopes(Role::kEmployee, Action::kReadMoney), MG);
}

TEST(PermissionsPolicy, EmployeeWorksOnlyInTheirProjects) {
  EXPECT_EQ(PolicyScopes(Role::kEmployee, Action::kReadProject), MP);
  EXPECT_EQ(PolicyScopes(Role::kEmployee, Action::kReadTask), MP);
  EXPECT_EQ(PolicyScopes(Role::kEmployee, Action::kReadHidden), MP);
  EXPECT_EQ(PolicyScopes(Role::kEmployee, Action::kCreateTask), MP);
  EXPECT_EQ(PolicyScopes(Role::kEmployee, Action::kCreateComment), MP);
  // Their own comments, and any in a project they manage (moderation).
  EXPECT_EQ(PolicyScopes(Role::kEmployee, Action::kEditComment), MG | WR);
}

TEST(PermissionsPolicy, OnlyOwnersAndAdminsRunTheWorkspace) {
  for (Action a : {Action::kEditSettings, Action::kManageMembers,
                   Action::kCreateProject}) {
    for (Role role : kRoles) {
      const bool runs = role == Role::kOwner || role == Role::kAdmin;
      EXPECT_EQ(PolicyScopes(role, a), runs ? W : NO) << Cell(role, a);
    }
  }
}

TEST(PermissionsPolicy, ClientFollowsOnlyTheirProjects) {
  EXPECT_EQ(PolicyScopes(Role::kClient, Action::kReadProject), MP);
  EXPECT_EQ(PolicyScopes(Role::kClient, Action::kReadTask), MP);
  EXPECT_EQ(PolicyScopes(Role::kClient, Action::kReadMember), MP);
  EXPECT_EQ(PolicyScopes(Role::kClient, Action::kCreateTask), MP);
  EXPECT_EQ(PolicyScopes(Role::kClient, Action::kCreateComment), MP);
}

TEST(PermissionsPolicy, ClientEditsTheirTasksAndComments) {
  // Tasks they set or received ("send us the logo"), comments they wrote.
  EXPECT_EQ(PolicyScopes(Role::kClient, Action::kEditTask), OW);
  EXPECT_EQ(PolicyScopes(Role::kClient, Action::kEditComment), WR);
  EXPECT_EQ(PolicyScopes(Role::kClient, Action::kEditProject), NO);
  EXPECT_EQ(PolicyScopes(Role::kClient, Action::kMoveTask), NO);
}

TEST(PermissionsPolicy, EveryoneReadsSettings) {
  for (Role role : kRoles) {
    EXPECT_EQ(PolicyScopes(role, Action::kReadSettings), W)
        << Cell(role, Action::kReadSettings);
  }
}

// The whole table as reviewed. A change to any cell fails here; update this
// golden copy only together with docs/permissions.md and a reviewed reason.
TEST(PermissionsPolicy, EveryCellAsReviewed) {
  struct Expected {
    Action action;
    std::array<ScopeSet, 5> scopes;  // owner admin employee client reader
  };
  const Expected kTable[] = {
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
  };
  ASSERT_EQ(std::size(kTable), static_cast<size_t>(kActionCount));
  for (const Expected& row : kTable) {
    for (size_t r = 0; r < kRoles.size(); ++r) {
      EXPECT_EQ(PolicyScopes(kRoles[r], row.action), row.scopes[r])
          << Cell(kRoles[r], row.action);
    }
  }
}

TEST(PermissionsPolicy, ActionNamesAreDistinct) {
  std::set<std::string> names;
  for (int i = 0; i < kActionCount; ++i) {
    const std::string name(ActionName(ActionAt(i)));
    EXPECT_FALSE(name.empty());
    EXPECT_NE(name, "unknown") << "action " << i;
    EXPECT_TRUE(names.insert(name).second) << "duplicate name " << name;
  }
}

}  // namespace
}  // namespace worksection
