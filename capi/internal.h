// Shared by the C API's translation units: the opaque structs behind the
// handles, the boundary guard and the conversions. Not installed.
#ifndef WORKSECTION_CAPI_INTERNAL_H_
#define WORKSECTION_CAPI_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "src/util/enum_codes.h"
#include "worksection/c.h"
#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/query.h"
#include "worksection/report.h"
#include "worksection/session.h"
#include "worksection/time_tracking.h"
#include "worksection/workspace.h"

struct ws_workspace {
  std::unique_ptr<worksection::Workspace> impl;
};
struct ws_session {
  worksection::Session impl;
};
// A transaction and, beside it, the C handle of its session (a copy of
// impl->session(), which joins it) that ws_transaction_session lends out.
struct ws_transaction {
  std::unique_ptr<worksection::SessionTransaction> impl;
  ws_session session;
};
struct ws_settings {
  worksection::WorkspaceSettings v;
};
struct ws_member {
  worksection::Member v;
};
struct ws_project {
  worksection::Project v;
};
struct ws_task {
  worksection::Task v;
};
struct ws_comment {
  worksection::Comment v;
};
// The list objects hold the C objects themselves, so that ws_*_list_at can
// hand out pointers to them.
struct ws_member_list {
  std::vector<ws_member> items;
};
struct ws_project_list {
  std::vector<ws_project> items;
};
struct ws_comment_list {
  std::vector<ws_comment> items;
};
struct ws_task_page {
  std::vector<ws_task> items;
  std::string next_token;
};

// Time and money.
struct ws_time_entry {
  worksection::TimeEntry v;
};
struct ws_time_entry_page {
  std::vector<ws_time_entry> items;
  std::string next_token;
};
struct ws_timer {
  worksection::Timer v;
};
struct ws_timer_list {
  std::vector<ws_timer> items;
};
struct ws_cost {
  worksection::Cost v;
};
struct ws_cost_list {
  std::vector<ws_cost> items;
};
struct ws_lock {
  worksection::PeriodLock v;
};
struct ws_lock_list {
  std::vector<ws_lock> items;
};
struct ws_budget {
  worksection::BudgetUsage v;
};
struct ws_budget_alert {
  worksection::BudgetAlert v;
};
struct ws_budget_alert_list {
  std::vector<ws_budget_alert> items;
};

// Reports. Each C object keeps the C++ report (what the exports render)
// and, beside it, the C objects its accessors hand out.
struct ws_buf {
  std::string data;
};
// A view of one row of its report's `v` (not a copy: a large report is
// not copied again for C).
struct ws_report_row {
  const std::vector<worksection::ReportKey>* keys;
  const worksection::ReportTotals* totals;
};
struct ws_time_report {
  worksection::TimeReport v;
  std::vector<ws_report_row> rows;
  ws_report_row total;
};
struct ws_overdue_row {
  ws_task task;
  worksection::OverdueRow v;  // its task is the one above
};
struct ws_overdue_report {
  worksection::OverdueReport v;
  std::vector<ws_overdue_row> rows;
};
struct ws_project_health {
  ws_project project;
  ws_budget budget;
  worksection::ProjectHealth v;
};
struct ws_project_health_list {
  std::vector<worksection::ProjectHealth> v;
  std::vector<ws_project_health> items;
};
struct ws_workload_row {
  worksection::WorkloadRow v;
};
struct ws_workload {
  std::vector<worksection::WorkloadRow> v;
  std::vector<ws_workload_row> items;
};
struct ws_digest_entry {
  worksection::DigestEntry v;
  std::vector<ws_overdue_row> received_overdue;
  std::vector<ws_overdue_row> set_overdue;
  std::vector<ws_overdue_row> due_this_week;
  std::vector<ws_timer> forgotten_timers;
};
struct ws_digest {
  worksection::Digest v;
  std::vector<ws_digest_entry> entries;
};

namespace worksection::capi {

// The calling thread's error state.
void ClearError();
int SetError(int code, std::string message);
int SetStatus(const absl::Status& status);
int CodeOf(absl::StatusCode code);

// Runs `body` (returning an int code) at the boundary: clears the thread's
// error first, and turns an escaping exception into an error code.
template <typename F>
int Guard(const char* fn, F&& body) noexcept {
  ClearError();
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return SetError(WS_ENOMEM, std::string(fn) + ": out of memory");
  } catch (const std::exception& e) {
    return SetError(WS_EINTERNAL, std::string(fn) + ": " + e.what());
  } catch (...) {
    return SetError(WS_EINTERNAL, std::string(fn) + ": unknown exception");
  }
}

// WS_EINVAL naming the NULL argument.
int NullArg(const char* fn, const char* arg);

// Reads a versioned struct: starts from `defaults` and copies the prefix
// that version `version` of the struct had (sizes[version]). WS_EINVAL for
// a NULL pointer, version 0 or a version newer than sizes knows.
template <typename T, size_t N>
int ReadVersioned(const char* fn, const char* arg, const T* in,
                  const size_t (&sizes)[N], const T& defaults, T* out) {
  if (in == nullptr) return NullArg(fn, arg);
  const unsigned int version = in->version;  // the first field in every one
  if (version == 0 || version >= N) {
    return SetError(WS_EINVAL,
                    std::string(fn) + ": " + arg + "->version is " +
                        std::to_string(version) + "; this library reads 1.." +
                        std::to_string(N - 1) + " (use the *_INIT macro)");
  }
  *out = defaults;
  std::memcpy(static_cast<void*>(out), static_cast<const void*>(in),
              sizes[version]);
  out->version = static_cast<unsigned int>(N - 1);
  return WS_OK;
}

// Conversions.
inline int64_t ToMicros(absl::Time t) { return absl::ToUnixMicros(t); }
inline absl::Time FromMicros(int64_t us) { return absl::FromUnixMicros(us); }
inline int64_t ToSeconds(absl::Duration d) { return absl::ToInt64Seconds(d); }
ws_date ToDate(absl::CivilDay day);
// WS_EINVAL unless `d` names a real calendar day.
int FromDate(const char* fn, const char* arg, ws_date d, absl::CivilDay* out);
// Optional-date filter fields: year 0 means unset.
int FromOptionalDate(const char* fn, const char* arg, ws_date d,
                     std::optional<absl::CivilDay>* out);

// An enum's C codes, with the names its error messages use.
template <typename E, size_t N>
struct CEnum {
  EnumCodes<E, N> codes;
  const char* what;    // the argument, as messages name it: "role"
  const char* c_type;  // "ws_role"
};

inline constexpr CEnum<Role, 5> kCRole{
    EnumCodes<Role, 5>({{{Role::kOwner, WS_ROLE_OWNER},
                         {Role::kAdmin, WS_ROLE_ADMIN},
                         {Role::kEmployee, WS_ROLE_EMPLOYEE},
                         {Role::kClient, WS_ROLE_CLIENT},
                         {Role::kReader, WS_ROLE_READER}}}),
    "role", "ws_role"};
inline constexpr CEnum<ProjectRole, 3> kCProjectRole{
    EnumCodes<ProjectRole, 3>({{{ProjectRole::kManager, WS_PROJECT_MANAGER},
                                {ProjectRole::kMember, WS_PROJECT_MEMBER},
                                {ProjectRole::kClient, WS_PROJECT_CLIENT}}}),
    "project role", "ws_project_role"};
inline constexpr CEnum<ProjectStatus, 3> kCProjectStatus{
    EnumCodes<ProjectStatus, 3>(
        {{{ProjectStatus::kActive, WS_PROJECT_ACTIVE},
          {ProjectStatus::kPaused, WS_PROJECT_PAUSED},
          {ProjectStatus::kArchived, WS_PROJECT_ARCHIVED}}}),
    "project status", "ws_project_status"};
inline constexpr CEnum<TaskStatus, 2> kCTaskStatus{
    EnumCodes<TaskStatus, 2>({{{TaskStatus::kOpen, WS_TASK_OPEN},
                               {TaskStatus::kDone, WS_TASK_DONE}}}),
    "task status", "ws_task_status"};
inline constexpr CEnum<absl::Weekday, 7> kCWeekday{
    EnumCodes<absl::Weekday, 7>({{{absl::Weekday::monday, WS_MONDAY},
                                  {absl::Weekday::tuesday, WS_TUESDAY},
                                  {absl::Weekday::wednesday, WS_WEDNESDAY},
                                  {absl::Weekday::thursday, WS_THURSDAY},
                                  {absl::Weekday::friday, WS_FRIDAY},
                                  {absl::Weekday::saturday, WS_SATURDAY},
                                  {absl::Weekday::sunday, WS_SUNDAY}}}),
    "week start", "ws_weekday"};
inline constexpr CEnum<Rounding::Mode, 4> kCRounding{
    EnumCodes<Rounding::Mode, 4>({{{Rounding::Mode::kNone, WS_ROUND_NONE},
                                   {Rounding::Mode::kUp, WS_ROUND_UP},
                                   {Rounding::Mode::kNearest, WS_ROUND_NEAREST},
                                   {Rounding::Mode::kDown, WS_ROUND_DOWN}}}),
    "mode", "ws_rounding"};
inline constexpr CEnum<Cost::Kind, 2> kCCostKind{
    EnumCodes<Cost::Kind, 2>({{{Cost::Kind::kExpense, WS_COST_EXPENSE},
                               {Cost::Kind::kIncome, WS_COST_INCOME}}}),
    "kind", "ws_cost_kind"};
inline constexpr CEnum<ReportGroup, 7> kCReportGroup{
    EnumCodes<ReportGroup, 7>({{{ReportGroup::kProject, WS_GROUP_PROJECT},
                                {ReportGroup::kTask, WS_GROUP_TASK},
                                {ReportGroup::kMember, WS_GROUP_MEMBER},
                                {ReportGroup::kTag, WS_GROUP_TAG},
                                {ReportGroup::kDay, WS_GROUP_DAY},
                                {ReportGroup::kWeek, WS_GROUP_WEEK},
                                {ReportGroup::kMonth, WS_GROUP_MONTH}}}),
    "group", "ws_report_group"};

// The C code of `value`.
template <typename E, size_t N>
int ToC(const CEnum<E, N>& e, E value) {
  return static_cast<int>(e.codes.Encode(value));
}
// `code` as a value; WS_EINVAL naming the argument when it is none.
template <typename E, size_t N>
int FromC(const char* fn, const CEnum<E, N>& e, int64_t code, E* out) {
  if (e.codes.Decode(code, out)) return WS_OK;
  return SetError(WS_EINVAL, absl::StrCat(fn, ": ", e.what, " ", code,
                                          " is not a ", e.c_type));
}

// A ws_billable: any (reset), yes or no; WS_EINVAL naming `arg` else.
int FromCBillable(const char* fn, const char* arg, int value,
                  std::optional<bool>* out);

// Copies a C string into `out`; WS_EINVAL for NULL.
int CopyString(const char* fn, const char* arg, const char* in,
               std::string* out);

// A borrowed C string of a string owned by an object; "" when the owner is
// NULL.
inline const char* Str(const std::string* s) {
  return s == nullptr ? "" : s->c_str();
}

// Replaces *out with a new heap copy of `value` wrapped as T.
template <typename T, typename V>
int Emit(T** out, V&& value) {
  *out = new T{std::forward<V>(value)};
  return WS_OK;
}

// Runs a session call returning StatusOr<V> and emits a new T on success.
template <typename T, typename R>
int EmitResult(T** out, R&& result) {
  if (!result.ok()) return SetStatus(result.status());
  return Emit(out, *std::move(result));
}

// Runs a session call returning StatusOr<V> and refreshes `obj` with it.
template <typename V, typename R>
int Refresh(V* obj, R&& result) {
  if (!result.ok()) return SetStatus(result.status());
  *obj = *std::move(result);
  return WS_OK;
}

// Hands `data` out as a new ws_buf in *out; for a failed status, sets the
// thread's error instead.
int EmitBuf(ws_buf** out, std::string data);
int EmitBuf(ws_buf** out, absl::StatusOr<std::string> data);

template <typename T, typename V>
int EmitList(T** out, std::vector<V>&& values) {
  auto list = std::make_unique<T>();
  list->items.reserve(values.size());
  for (V& v : values) list->items.push_back({std::move(v)});
  *out = list.release();
  return WS_OK;
}

int SetTags(const char* fn, const char* const* tags, size_t count,
            std::vector<std::string>* out);

}  // namespace worksection::capi

// Accessors, setters and lifecycles, one line per field.

// A getter: `expr` reads `o->v`; NULL objects give a zero value.
#define WS_GET(obj, field, type, expr)         \
  type ws_##obj##_##field(const ws_##obj* o) { \
    if (o == nullptr) return type{};           \
    return (expr);                             \
  }
// A setter: `body` writes `o->v` from `value` and returns a code.
#define WS_SET(obj, field, type, body)                       \
  int ws_##obj##_set_##field(ws_##obj* o, type value) {      \
    static constexpr char kFn[] = "ws_" #obj "_set_" #field; \
    return Guard(kFn, [&]() -> int {                         \
      if (o == nullptr) return NullArg(kFn, #obj);           \
      body;                                                  \
    });                                                      \
  }
// A clear: `body` resets an optional field.
#define WS_CLEAR(obj, field, body)                             \
  int ws_##obj##_clear_##field(ws_##obj* o) {                  \
    static constexpr char kFn[] = "ws_" #obj "_clear_" #field; \
    return Guard(kFn, [&]() -> int {                           \
      if (o == nullptr) return NullArg(kFn, #obj);             \
      body;                                                    \
      return WS_OK;                                            \
    });                                                        \
  }
#define WS_SET_STRING(obj, field) \
  WS_SET(obj, field, const char*, \
         return CopyString(kFn, #field, value, &o->v.field))
#define WS_GET_STRING(obj, field)                     \
  const char* ws_##obj##_##field(const ws_##obj* o) { \
    return o == nullptr ? "" : o->v.field.c_str();    \
  }
#define WS_SET_ID(obj, field, IdType)                                  \
  WS_SET(obj, field, int64_t, o->v.field = worksection::IdType(value); \
         return WS_OK)
// new, dup and free of an entity object.
#define WS_LIFECYCLE(obj)                                   \
  int ws_##obj##_new(ws_##obj** out) {                      \
    static constexpr char kFn[] = "ws_" #obj "_new";        \
    return Guard(kFn, [&]() -> int {                        \
      if (out == nullptr) return NullArg(kFn, "out");       \
      *out = new ws_##obj{};                                \
      return WS_OK;                                         \
    });                                                     \
  }                                                         \
  int ws_##obj##_dup(const ws_##obj* src, ws_##obj** out) { \
    static constexpr char kFn[] = "ws_" #obj "_dup";        \
    return Guard(kFn, [&]() -> int {                        \
      if (out == nullptr) return NullArg(kFn, "out");       \
      *out = nullptr;                                       \
      if (src == nullptr) return NullArg(kFn, #obj);        \
      *out = new ws_##obj{*src};                            \
      return WS_OK;                                         \
    });                                                     \
  }                                                         \
  void ws_##obj##_free(ws_##obj* o) { delete o; }
// count, at and free of a list object.
#define WS_LIST(list, item)                                       \
  size_t ws_##list##_count(const ws_##list* l) {                  \
    return l == nullptr ? 0 : l->items.size();                    \
  }                                                               \
  const ws_##item* ws_##list##_at(const ws_##list* l, size_t i) { \
    if (l == nullptr || i >= l->items.size()) return nullptr;     \
    return &l->items[i];                                          \
  }                                                               \
  void ws_##list##_free(ws_##list* l) { delete l; }

#endif  // WORKSECTION_CAPI_INTERNAL_H_
