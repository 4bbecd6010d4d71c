#include "absl/strings/string_view.h"
#include "worksection/model.h"
#include "worksection/money.h"

namespace worksection {

absl::string_view RoleName(Role role) {
  switch (role) {
    case Role::kOwner:
      return "owner";
    case Role::kAdmin:
      return "admin";
    case Role::kEmployee:
      return "employee";
    case Role::kClient:
      return "client";
    case Role::kReader:
      return "reader";
  }
  return "unknown";
}

absl::string_view ProjectRoleName(ProjectRole role) {
  switch (role) {
    case ProjectRole::kManager:
      return "manager";
    case ProjectRole::kMember:
      return "member";
    case ProjectRole::kClient:
      return "client";
  }
  return "unknown";
}

absl::string_view ProjectStatusName(ProjectStatus status) {
  switch (status) {
    case ProjectStatus::kActive:
      return "active";
    case ProjectStatus::kPaused:
      return "paused";
    case ProjectStatus::kArchived:
      return "archived";
  }
  return "unknown";
}

absl::string_view TaskStatusName(TaskStatus status) {
  switch (status) {
    case TaskStatus::kOpen:
      return "open";
    case TaskStatus::kDone:
      return "done";
  }
  return "unknown";
}

absl::string_view RoundingModeName(Rounding::Mode mode) {
  switch (mode) {
    case Rounding::Mode::kNone:
      return "none";
    case Rounding::Mode::kUp:
      return "up";
    case Rounding::Mode::kNearest:
      return "nearest";
    case Rounding::Mode::kDown:
      return "down";
  }
  return "unknown";
}

absl::string_view CostKindName(Cost::Kind kind) {
  switch (kind) {
    case Cost::Kind::kExpense:
      return "expense";
    case Cost::Kind::kIncome:
      return "income";
  }
  return "unknown";
}

}  // namespace worksection
