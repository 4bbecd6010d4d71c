// The C API's money: costs, locked periods, budgets and budget alerts.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "capi/internal.h"
#include "worksection/c.h"
#include "worksection/money.h"
#include "worksection/session.h"

using worksection::capi::CopyString;
using worksection::capi::Emit;
using worksection::capi::EmitList;
using worksection::capi::EmitResult;
using worksection::capi::FromC;
using worksection::capi::FromDate;
using worksection::capi::FromOptionalDate;
using worksection::capi::Guard;
using worksection::capi::kCProjectRole;
using worksection::capi::kCProjectStatus;
using worksection::capi::kCRole;
using worksection::capi::NullArg;
using worksection::capi::ReadVersioned;
using worksection::capi::Refresh;
using worksection::capi::SetError;
using worksection::capi::SetStatus;
using worksection::capi::ToDate;
using worksection::capi::ToMicros;
using worksection::capi::ToSeconds;

namespace worksection::capi {
namespace {

constexpr size_t kCostFilterSizes[] = {0, sizeof(ws_cost_filter)};

int IdField(const char* fn, const char* arg, int64_t value,
            std::optional<int64_t>* out) {
  if (value < 0) {
    return SetError(WS_EINVAL, absl::StrCat(fn, ": filter->", arg, " ", value,
                                            " is not an id or 0"));
  }
  if (value == 0) {
    out->reset();
  } else {
    *out = value;
  }
  return WS_OK;
}

}  // namespace
}  // namespace worksection::capi

// --- Costs -------------------------------------------------------------------

const char* ws_cost_kind_name(ws_cost_kind kind) {
  worksection::Cost::Kind k;
  if (!worksection::capi::kCCostKind.codes.Decode(kind, &k)) return "";
  return worksection::CostKindName(k).data();
}

WS_LIFECYCLE(cost)
WS_LIST(cost_list, cost)

int ws_cost_create(ws_session* session, ws_cost* cost) {
  static constexpr char kFn[] = "ws_cost_create";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    if (cost == nullptr) return NullArg(kFn, "cost");
    return Refresh(&cost->v, session->impl.CreateCost(cost->v));
  });
}

int ws_cost_get(ws_session* session, int64_t id, ws_cost** out) {
  static constexpr char kFn[] = "ws_cost_get";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(out, session->impl.GetCost(worksection::CostId(id)));
  });
}

int ws_cost_update(ws_session* session, ws_cost* cost) {
  static constexpr char kFn[] = "ws_cost_update";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    if (cost == nullptr) return NullArg(kFn, "cost");
    return Refresh(&cost->v, session->impl.UpdateCost(cost->v));
  });
}

int ws_cost_delete(ws_session* session, int64_t id, int64_t revision) {
  static constexpr char kFn[] = "ws_cost_delete";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    return SetStatus(
        session->impl.DeleteCost(worksection::CostId(id), revision));
  });
}

int ws_list_costs(ws_session* session, const ws_cost_filter* filter,
                  ws_cost_list** out) {
  static constexpr char kFn[] = "ws_list_costs";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    ws_cost_filter f = WS_COST_FILTER_INIT;
    if (filter != nullptr) {
      if (int rc = ReadVersioned(kFn, "filter", filter,
                                 worksection::capi::kCostFilterSizes, f, &f);
          rc != WS_OK) {
        return rc;
      }
    }
    worksection::CostFilter cc;
    std::optional<int64_t> project, task;
    int rc = WS_OK;
    if ((rc =
             worksection::capi::IdField(kFn, "project", f.project, &project)) ||
        (rc = worksection::capi::IdField(kFn, "task", f.task, &task)) ||
        (rc = FromOptionalDate(kFn, "filter->from", f.from, &cc.from)) ||
        (rc = FromOptionalDate(kFn, "filter->to", f.to, &cc.to))) {
      return rc;
    }
    if (project) cc.project = worksection::ProjectId(*project);
    if (task) cc.task = worksection::TaskId(*task);
    if (f.kind != 0) {
      worksection::Cost::Kind kind;
      if ((rc = worksection::capi::FromC(kFn, worksection::capi::kCCostKind,
                                         f.kind, &kind))) {
        return rc;
      }
      cc.kind = kind;
    }
    auto r = session->impl.ListCosts(cc);
    if (!r.ok()) return SetStatus(r.status());
    return EmitList(out, *std::move(r));
  });
}

WS_GET(cost, id, int64_t, o->v.id.value())
WS_GET(cost, revision, int64_t, o->v.revision)
WS_GET(cost, project, int64_t, o->v.project.value())
WS_GET(cost, task, int64_t, o->v.task.value())
ws_cost_kind ws_cost_kind_of(const ws_cost* o) {
  if (o == nullptr) return static_cast<ws_cost_kind>(0);
  return o->v.kind == worksection::Cost::Kind::kIncome ? WS_COST_INCOME
                                                       : WS_COST_EXPENSE;
}
WS_GET(cost, amount, int64_t, o->v.amount)
WS_GET(cost, date, ws_date, ToDate(o->v.date))
WS_GET_STRING(cost, note)
WS_GET(cost, author, int64_t, o->v.author.value())
WS_GET(cost, created_at, int64_t, ToMicros(o->v.created_at))
WS_GET(cost, updated_at, int64_t, ToMicros(o->v.updated_at))

WS_SET(cost, revision, int64_t, o->v.revision = value; return WS_OK)
WS_SET_ID(cost, project, ProjectId)
WS_SET_ID(cost, task, TaskId)
WS_SET(cost, kind, ws_cost_kind,
       return worksection::capi::FromC(kFn, worksection::capi::kCCostKind,
                                       value, &o->v.kind))
WS_SET(cost, amount, int64_t, o->v.amount = value; return WS_OK)
WS_SET(cost, date, ws_date, absl::CivilDay d;
       if (int rc = FromDate(kFn, "day", value, &d); rc != WS_OK) return rc;
       o->v.date = d; return WS_OK)
WS_SET_STRING(cost, note)

// --- Locked periods ----------------------------------------------------------

WS_LIST(lock_list, lock)

int ws_lock_period(ws_session* session, int64_t project, ws_date through,
                   ws_lock** out) {
  static constexpr char kFn[] = "ws_lock_period";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    absl::CivilDay day;
    if (int rc = FromDate(kFn, "through", through, &day); rc != WS_OK) {
      return rc;
    }
    return EmitResult(
        out, session->impl.LockPeriod(worksection::ProjectId(project), day));
  });
}

int ws_unlock(ws_session* session, int64_t lock) {
  static constexpr char kFn[] = "ws_unlock";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    return SetStatus(session->impl.Unlock(worksection::LockId(lock)));
  });
}

int ws_list_locks(ws_session* session, ws_lock_list** out) {
  static constexpr char kFn[] = "ws_list_locks";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    auto r = session->impl.ListLocks();
    if (!r.ok()) return SetStatus(r.status());
    return EmitList(out, *std::move(r));
  });
}

int ws_lock_dup(const ws_lock* src, ws_lock** out) {
  static constexpr char kFn[] = "ws_lock_dup";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (src == nullptr) return NullArg(kFn, "lock");
    *out = new ws_lock{*src};
    return WS_OK;
  });
}

void ws_lock_free(ws_lock* lock) { delete lock; }

WS_GET(lock, id, int64_t, o->v.id.value())
WS_GET(lock, project, int64_t, o->v.project.value())
WS_GET(lock, through, ws_date, ToDate(o->v.through))
WS_GET(lock, author, int64_t, o->v.author.value())
WS_GET(lock, created_at, int64_t, ToMicros(o->v.created_at))

// --- Budgets -----------------------------------------------------------------

WS_LIST(budget_alert_list, budget_alert)

int ws_get_project_budget(ws_session* session, int64_t project,
                          ws_budget** out) {
  static constexpr char kFn[] = "ws_get_project_budget";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(
        out, session->impl.GetProjectBudget(worksection::ProjectId(project)));
  });
}

int ws_get_task_budget(ws_session* session, int64_t task, ws_budget** out) {
  static constexpr char kFn[] = "ws_get_task_budget";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(out,
                      session->impl.GetTaskBudget(worksection::TaskId(task)));
  });
}

void ws_budget_free(ws_budget* budget) { delete budget; }

WS_GET(budget, has_time_budget, int, o->v.time_budget.has_value())
WS_GET(budget, time_budget, int64_t,
       o->v.time_budget ? ToSeconds(*o->v.time_budget) : 0)
WS_GET(budget, time_used, int64_t, ToSeconds(o->v.time_used))
WS_GET(budget, has_time_remaining, int, o->v.time_remaining.has_value())
WS_GET(budget, time_remaining, int64_t,
       o->v.time_remaining ? ToSeconds(*o->v.time_remaining) : 0)
WS_GET(budget, has_time_percent, int, o->v.time_percent.has_value())
WS_GET(budget, time_percent, double, o->v.time_percent.value_or(0))
WS_GET(budget, has_money_budget, int, o->v.money_budget.has_value())
WS_GET(budget, money_budget, int64_t, o->v.money_budget.value_or(0))
WS_GET(budget, has_money_used, int, o->v.money_used.has_value())
WS_GET(budget, money_used, int64_t, o->v.money_used.value_or(0))
WS_GET(budget, has_money_remaining, int, o->v.money_remaining.has_value())
WS_GET(budget, money_remaining, int64_t, o->v.money_remaining.value_or(0))
WS_GET(budget, has_money_percent, int, o->v.money_percent.has_value())
WS_GET(budget, money_percent, double, o->v.money_percent.value_or(0))

int ws_list_budget_alerts(ws_session* session, int64_t project,
                          ws_budget_alert_list** out) {
  static constexpr char kFn[] = "ws_list_budget_alerts";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    auto r = session->impl.ListBudgetAlerts(worksection::ProjectId(project));
    if (!r.ok()) return SetStatus(r.status());
    return EmitList(out, *std::move(r));
  });
}

WS_GET(budget_alert, project, int64_t, o->v.project.value())
WS_GET(budget_alert, task, int64_t, o->v.task.value())
ws_budget_kind ws_budget_alert_kind(const ws_budget_alert* o) {
  if (o == nullptr) return static_cast<ws_budget_kind>(0);
  return o->v.kind == worksection::BudgetAlert::Kind::kMoney ? WS_BUDGET_MONEY
                                                             : WS_BUDGET_TIME;
}
WS_GET(budget_alert, percent, int, o->v.percent)
WS_GET(budget_alert, crossed_at, int64_t, ToMicros(o->v.crossed_at))
