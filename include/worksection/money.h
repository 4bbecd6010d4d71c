// Costs, locked periods and budgets.
#ifndef WORKSECTION_MONEY_H_
#define WORKSECTION_MONEY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/ids.h"

namespace worksection {

// A money line on a project, or on one of its tasks.
struct Cost {
  enum class Kind { kExpense, kIncome };

  CostId id;              // set by the library
  Revision revision = 0;  // the revision read; see Revision
  ProjectId project;      // for a task's cost: the task's project
  TaskId task;            // none: the project's own line
  Kind kind = Kind::kExpense;
  Money amount = 0;  // minor units, > 0
  absl::CivilDay date;
  std::string note;       // 0..kMaxTextBytes
  MemberId author;        // set by the library
  absl::Time created_at;  // set by the library
  absl::Time updated_at;  // set by the library
};

// "expense", "income".
absl::string_view CostKindName(Cost::Kind kind);

struct CostFilter {
  std::optional<ProjectId> project;
  std::optional<TaskId> task;
  std::optional<Cost::Kind> kind;
  std::optional<absl::CivilDay> from;  // inclusive
  std::optional<absl::CivilDay> to;    // inclusive
};

// Time entries and costs dated on or before `through` cannot be created,
// changed or deleted: in one project, or (project none) in the workspace.
struct PeriodLock {
  LockId id;               // set by the library
  ProjectId project;       // none: every project
  absl::CivilDay through;  // inclusive
  MemberId author;         // set by the library
  absl::Time created_at;   // set by the library
};

// How much of a budget is used. Time used is the raw time logged; money
// used is the billed amount of that time plus the expenses (income lines
// do not count).
struct BudgetUsage {
  std::optional<absl::Duration> time_budget;  // empty: none set
  absl::Duration time_used;
  std::optional<absl::Duration> time_remaining;  // negative when overrun
  std::optional<double> time_percent;
  // Empty when there is no money budget or the caller may not read money.
  std::optional<Money> money_budget;
  std::optional<Money> money_used;
  std::optional<Money> money_remaining;
  std::optional<double> money_percent;
};

// Recorded the first time a budget's usage reaches 80% and 100%.
struct BudgetAlert {
  enum class Kind { kTime, kMoney };

  ProjectId project;
  TaskId task;  // none: the project's budget
  Kind kind = Kind::kTime;
  int percent = 0;  // 80 or 100
  absl::Time crossed_at;
};

}  // namespace worksection

#endif  // WORKSECTION_MONEY_H_
