// Entities as output records: the field names and shapes of `--format json`
// and `--format csv`.
#ifndef WORKSECTION_TOOLS_WS_RECORDS_H_
#define WORKSECTION_TOOLS_WS_RECORDS_H_

#include <optional>
#include <vector>

#include "tools/ws/env.h"
#include "tools/ws/output.h"
#include "worksection/model.h"
#include "worksection/time_tracking.h"

namespace ws_cli {

// A money field: its amount as "2800.00", or null.
Value MoneyValue(const Env& env,
                 const std::optional<worksection::Money>& amount);

// id, name, email, role, company, active, and (when visible) cost_rate,
// rate.
Record MemberRecord(const Env& env, const worksection::Member& m);

// id, name, status, manager, start, deadline, budget_hours, tags, members
// and, where the actor reads money, budget_money and rate.
Record ProjectRecord(Env& env, const worksection::Project& p);

// id, project_id, parent_id, title, status, priority, start, deadline,
// estimate_seconds, assignee, author, hidden, tags, completed_at.
Record TaskRecord(Env& env, const worksection::Task& t);

// id, task_id, project_id, member, date, seconds, billed_seconds,
// billable, note, and the money fields when visible.
Record TimeEntryRecord(Env& env, const worksection::TimeEntry& e);

}  // namespace ws_cli

#endif  // WORKSECTION_TOOLS_WS_RECORDS_H_
