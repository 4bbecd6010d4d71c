#include "tools/ws/records.h"

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tools/ws/values.h"

namespace ws_cli {

namespace wsl = worksection;

Value MoneyValue(const Env& env, const std::optional<wsl::Money>& amount) {
  return amount ? Value(FormatMoney(*amount, env.money_decimals())) : Value();
}

Record MemberRecord(const Env& env, const wsl::Member& m) {
  Record r;
  r.Add("id", m.id.value())
      .Add("name", m.name)
      .Add("email", m.email)
      .Add("role", wsl::RoleName(m.role))
      .Add("company", m.company)
      .Add("active", m.active);
  // Hidden rates come back empty: leave the fields out altogether.
  if (m.cost_rate) r.Add("cost_rate", MoneyValue(env, m.cost_rate));
  if (m.billing_rate) r.Add("rate", MoneyValue(env, m.billing_rate));
  return r;
}

Record ProjectRecord(Env& env, const wsl::Project& p) {
  Record r;
  r.Add("id", p.id.value())
      .Add("name", p.name)
      .Add("status", wsl::ProjectStatusName(p.status))
      .Add("manager", env.Email(p.manager))
      .Add("start", p.start_date ? Value(FormatDate(*p.start_date)) : Value())
      .Add("deadline", p.deadline ? Value(FormatDate(*p.deadline)) : Value())
      .Add("budget_hours",
           p.time_budget ? Value::Number(absl::ToDoubleHours(*p.time_budget))
                         : Value());
  if (env.MoneyVisible(p)) {
    r.Add("budget_money", MoneyValue(env, p.money_budget))
        .Add("rate", MoneyValue(env, p.billing_rate));
  }
  std::vector<Record> members;
  for (const wsl::ProjectMember& pm : p.members) {
    Record m;
    m.Add("email", env.Email(pm.member))
        .Add("role", wsl::ProjectRoleName(pm.role));
    members.push_back(std::move(m));
  }
  r.Add("tags", p.tags).Add("members", std::move(members));
  return r;
}

Record TaskRecord(Env& env, const wsl::Task& t) {
  Record r;
  r.Add("id", t.id.value())
      .Add("project_id", t.project.value())
      .Add("parent_id", t.parent.valid() ? Value(t.parent.value()) : Value())
      .Add("title", t.title)
      .Add("status", wsl::TaskStatusName(t.status))
      .Add("priority", t.priority)
      .Add("start", t.start_date ? Value(FormatDate(*t.start_date)) : Value())
      .Add("deadline",
           t.deadline ? Value(FormatDeadline(*t.deadline)) : Value())
      .Add("estimate_seconds",
           t.estimate ? Value(absl::ToInt64Seconds(*t.estimate)) : Value())
      .Add("assignee", env.Email(t.assignee))
      .Add("author", env.Email(t.author))
      .Add("hidden", t.hidden_from_clients)
      .Add("tags", t.tags)
      .Add("completed_at",
           t.completed_at ? Value(FormatInstant(*t.completed_at, env.zone()))
                          : Value());
  return r;
}

Record TimeEntryRecord(Env& env, const wsl::TimeEntry& e) {
  Record r;
  r.Add("id", e.id.value())
      .Add("task_id", e.task.value())
      .Add("project_id", e.project.value())
      .Add("member", env.Email(e.member))
      .Add("date", FormatDate(e.date))
      .Add("seconds", absl::ToInt64Seconds(e.duration))
      .Add("billed_seconds", absl::ToInt64Seconds(e.billed_duration))
      .Add("billable", e.billable)
      .Add("note", e.note);
  if (e.billed_amount) {
    r.Add("billed", MoneyValue(env, e.billed_amount))
        .Add("cost", MoneyValue(env, e.labour_cost));
  }
  return r;
}

}  // namespace ws_cli
