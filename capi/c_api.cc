// The C API (worksection/c.h): errors, versions, conversions, workspaces,
// sessions, settings, members, projects and comments. Tasks live in
// c_tasks.cc. Every int-returning function runs inside Guard, so no C++
// exception crosses the boundary.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "capi/internal.h"
#include "worksection/c.h"
#include "worksection/limits.h"
#include "worksection/model.h"
#include "worksection/version.h"
#include "worksection/workspace.h"

namespace worksection::capi {
namespace {

// The header's limits must be the library's.
static_assert(WS_MAX_NAME_BYTES == limits::kMaxNameBytes);
static_assert(WS_MAX_EMAIL_BYTES == limits::kMaxEmailBytes);
static_assert(WS_MAX_TITLE_BYTES == limits::kMaxTitleBytes);
static_assert(WS_MAX_TEXT_BYTES == limits::kMaxTextBytes);
static_assert(WS_MAX_LABEL_BYTES == limits::kMaxLabelBytes);
static_assert(WS_MAX_TAGS == limits::kMaxTags);
static_assert(WS_MAX_CHECKLIST_ITEMS == limits::kMaxChecklistItems);
static_assert(WS_MAX_SUBSCRIBERS == limits::kMaxSubscribers);
static_assert(WS_MAX_PROJECT_MEMBERS == limits::kMaxProjectMembers);
static_assert(WS_MAX_TASK_DEPTH == limits::kMaxTaskDepth);
static_assert(WS_MIN_PRIORITY == limits::kMinPriority);
static_assert(WS_MAX_PRIORITY == limits::kMaxPriority);
static_assert(WS_DEFAULT_PAGE_SIZE == limits::kDefaultPageSize);
static_assert(WS_MAX_PAGE_SIZE == limits::kMaxPageSize);

// The canonical codes are mirrored one to one.
static_assert(WS_EINVAL ==
              -static_cast<int>(absl::StatusCode::kInvalidArgument));
static_assert(WS_EUNAUTHENTICATED ==
              -static_cast<int>(absl::StatusCode::kUnauthenticated));

struct ThreadError {
  int code = WS_OK;
  std::string message;
};

ThreadError& Error() {
  thread_local ThreadError error;
  return error;
}

}  // namespace

void ClearError() {
  ThreadError& e = Error();
  e.code = WS_OK;
  e.message.clear();
}

int SetError(int code, std::string message) {
  ThreadError& e = Error();
  e.code = code;
  e.message = std::move(message);
  return code;
}

int CodeOf(absl::StatusCode code) {
  const int c = static_cast<int>(code);
  if (c <= 0 || c > 16) return WS_EUNKNOWN;
  return -c;
}

int SetStatus(const absl::Status& status) {
  if (status.ok()) return WS_OK;
  return SetError(CodeOf(status.code()), std::string(status.message()));
}

int NullArg(const char* fn, const char* arg) {
  return SetError(WS_EINVAL, absl::StrCat(fn, ": ", arg, " is NULL"));
}

ws_date ToDate(absl::CivilDay day) {
  ws_date d;
  d.year = static_cast<int32_t>(day.year());
  d.month = static_cast<int8_t>(day.month());
  d.day = static_cast<int8_t>(day.day());
  return d;
}

int FromDate(const char* fn, const char* arg, ws_date d, absl::CivilDay* out) {
  const absl::CivilDay day(d.year, d.month, d.day);
  if (day.year() != d.year || day.month() != d.month || day.day() != d.day) {
    return SetError(WS_EINVAL,
                    absl::StrCat(fn, ": ", arg, " ", d.year, "-", d.month, "-",
                                 d.day, " is not a calendar day"));
  }
  *out = day;
  return WS_OK;
}

int FromOptionalDate(const char* fn, const char* arg, ws_date d,
                     std::optional<absl::CivilDay>* out) {
  if (d.year == 0 && d.month == 0 && d.day == 0) {
    out->reset();
    return WS_OK;
  }
  absl::CivilDay day;
  if (int rc = FromDate(fn, arg, d, &day); rc != WS_OK) return rc;
  *out = day;
  return WS_OK;
}

int CopyString(const char* fn, const char* arg, const char* in,
               std::string* out) {
  if (in == nullptr) return NullArg(fn, arg);
  out->assign(in);
  return WS_OK;
}

namespace {

// Byte sizes of each version of the versioned structs (index = version).
constexpr size_t kSetupSizes[] = {0, sizeof(ws_setup)};
constexpr size_t kOpenOptionsSizes[] = {0, offsetof(ws_open_options, clock),
                                        sizeof(ws_open_options)};
constexpr size_t kMemberFilterSizes[] = {0, sizeof(ws_member_filter)};
constexpr size_t kProjectFilterSizes[] = {0, sizeof(ws_project_filter)};

int ReadSetup(const char* fn, const char* arg, const ws_setup* in,
              WorkspaceSetup* out) {
  ws_setup s;
  const ws_setup defaults = WS_SETUP_INIT;
  if (int rc = ReadVersioned(fn, arg, in, kSetupSizes, defaults, &s);
      rc != WS_OK) {
    return rc;
  }
  if (s.name == nullptr) return NullArg(fn, "setup->name");
  if (s.owner_name == nullptr) return NullArg(fn, "setup->owner_name");
  if (s.owner_email == nullptr) return NullArg(fn, "setup->owner_email");
  out->name = s.name;
  out->time_zone = s.time_zone == nullptr ? "UTC" : s.time_zone;
  out->currency = s.currency == nullptr ? "USD" : s.currency;
  if (s.week_start == 0) {
    out->week_start = absl::Weekday::monday;
  } else if (int rc = FromC(fn, kCWeekday, s.week_start, &out->week_start);
             rc != WS_OK) {
    return rc;
  }
  out->owner_name = s.owner_name;
  out->owner_email = s.owner_email;
  return WS_OK;
}

}  // namespace
}  // namespace worksection::capi

using worksection::capi::CopyString;
using worksection::capi::Emit;
using worksection::capi::EmitList;
using worksection::capi::EmitResult;
using worksection::capi::FromC;
using worksection::capi::FromDate;
using worksection::capi::Guard;
using worksection::capi::kCProjectRole;
using worksection::capi::kCProjectStatus;
using worksection::capi::kCRole;
using worksection::capi::NullArg;
using worksection::capi::ReadVersioned;
using worksection::capi::Refresh;
using worksection::capi::SetError;
using worksection::capi::SetStatus;
using worksection::capi::Str;
using worksection::capi::ToDate;
using worksection::capi::ToMicros;
using worksection::capi::ToSeconds;

// --- Version -----------------------------------------------------------------

const char* ws_version(void) {
  // Version() views a string literal, which is NUL-terminated.
  static const std::string* const kVersion =
      new std::string(worksection::Version());
  return kVersion->c_str();
}

int ws_version_number(void) {
  return WS_VERSION_MAJOR * 1000000 + WS_VERSION_MINOR * 1000 +
         WS_VERSION_PATCH;
}

// --- Errors ------------------------------------------------------------------

int ws_errcode(void) { return worksection::capi::Error().code; }

const char* ws_errmsg(void) {
  return worksection::capi::Error().message.c_str();
}

const char* ws_errname(int code) {
  switch (code) {
    case WS_OK:
      return "WS_OK";
    case WS_DONE:
      return "WS_DONE";
    case WS_ECANCELLED:
      return "WS_ECANCELLED";
    case WS_EUNKNOWN:
      return "WS_EUNKNOWN";
    case WS_EINVAL:
      return "WS_EINVAL";
    case WS_ETIMEDOUT:
      return "WS_ETIMEDOUT";
    case WS_ENOTFOUND:
      return "WS_ENOTFOUND";
    case WS_EEXISTS:
      return "WS_EEXISTS";
    case WS_EPERM:
      return "WS_EPERM";
    case WS_ENOMEM:
      return "WS_ENOMEM";
    case WS_EPRECONDITION:
      return "WS_EPRECONDITION";
    case WS_EABORTED:
      return "WS_EABORTED";
    case WS_ERANGE:
      return "WS_ERANGE";
    case WS_EUNIMPLEMENTED:
      return "WS_EUNIMPLEMENTED";
    case WS_EINTERNAL:
      return "WS_EINTERNAL";
    case WS_EUNAVAILABLE:
      return "WS_EUNAVAILABLE";
    case WS_EDATALOSS:
      return "WS_EDATALOSS";
    case WS_EUNAUTHENTICATED:
      return "WS_EUNAUTHENTICATED";
  }
  return "WS_E?";
}

// --- Names -------------------------------------------------------------------

// The C++ names view string literals, which are NUL-terminated.
const char* ws_role_name(ws_role role) {
  worksection::Role r;
  if (!worksection::capi::kCRole.codes.Decode(role, &r)) return "";
  return worksection::RoleName(r).data();
}
const char* ws_project_role_name(ws_project_role role) {
  worksection::ProjectRole r;
  if (!worksection::capi::kCProjectRole.codes.Decode(role, &r)) return "";
  return worksection::ProjectRoleName(r).data();
}
const char* ws_project_status_name(ws_project_status status) {
  worksection::ProjectStatus r;
  if (!worksection::capi::kCProjectStatus.codes.Decode(status, &r)) return "";
  return worksection::ProjectStatusName(r).data();
}
const char* ws_rounding_name(ws_rounding mode) {
  worksection::Rounding::Mode m;
  if (!worksection::capi::kCRounding.codes.Decode(mode, &m)) return "";
  return worksection::RoundingModeName(m).data();
}
const char* ws_task_status_name(ws_task_status status) {
  worksection::TaskStatus r;
  if (!worksection::capi::kCTaskStatus.codes.Decode(status, &r)) return "";
  return worksection::TaskStatusName(r).data();
}

// --- Workspace ---------------------------------------------------------------

int ws_workspace_open(const char* uri, const ws_open_options* options,
                      ws_workspace** out) {
  static constexpr char kFn[] = "ws_workspace_open";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (uri == nullptr) return NullArg(kFn, "uri");
    ws_open_options o = WS_OPEN_OPTIONS_INIT;
    if (options != nullptr) {
      if (int rc = ReadVersioned(kFn, "options", options,
                                 worksection::capi::kOpenOptionsSizes, o, &o);
          rc != WS_OK) {
        return rc;
      }
    }
    if (o.busy_timeout_ms < 0) {
      return SetError(WS_EINVAL,
                      absl::StrCat(kFn, ": options->busy_timeout_ms ",
                                   o.busy_timeout_ms, " is negative"));
    }
    worksection::OpenOptions cc;
    cc.read_only = o.read_only != 0;
    cc.busy_timeout = absl::Milliseconds(o.busy_timeout_ms);
    if (o.create != nullptr) {
      worksection::WorkspaceSetup setup;
      if (int rc = worksection::capi::ReadSetup(kFn, "options->create",
                                                o.create, &setup);
          rc != WS_OK) {
        return rc;
      }
      cc.create = std::move(setup);
    }
    if (o.clock != nullptr) {
      ws_clock_fn fn = o.clock;
      void* ctx = o.clock_ctx;
      cc.clock = [fn, ctx] { return worksection::capi::FromMicros(fn(ctx)); };
    }
    auto ws = worksection::Workspace::Open(uri, std::move(cc));
    if (!ws.ok()) return SetStatus(ws.status());
    *out = new ws_workspace{*std::move(ws)};
    return WS_OK;
  });
}

void ws_workspace_free(ws_workspace* workspace) { delete workspace; }

int ws_workspace_bootstrap(ws_workspace* workspace, const ws_setup* setup,
                           ws_member** owner) {
  static constexpr char kFn[] = "ws_workspace_bootstrap";
  return Guard(kFn, [&] {
    if (owner == nullptr) return NullArg(kFn, "owner");
    *owner = nullptr;
    if (workspace == nullptr) return NullArg(kFn, "workspace");
    worksection::WorkspaceSetup s;
    if (int rc = worksection::capi::ReadSetup(kFn, "setup", setup, &s);
        rc != WS_OK) {
      return rc;
    }
    return EmitResult(owner, workspace->impl->Bootstrap(s));
  });
}

int ws_workspace_initialized(ws_workspace* workspace, int* initialized) {
  static constexpr char kFn[] = "ws_workspace_initialized";
  return Guard(kFn, [&] {
    if (initialized == nullptr) return NullArg(kFn, "initialized");
    *initialized = 0;
    if (workspace == nullptr) return NullArg(kFn, "workspace");
    auto r = workspace->impl->Initialized();
    if (!r.ok()) return SetStatus(r.status());
    *initialized = *r ? 1 : 0;
    return WS_OK;
  });
}

int ws_workspace_first_owner(ws_workspace* workspace, ws_member** out) {
  static constexpr char kFn[] = "ws_workspace_first_owner";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (workspace == nullptr) return NullArg(kFn, "workspace");
    return EmitResult(out, workspace->impl->FirstOwner());
  });
}

int ws_workspace_read_only(const ws_workspace* workspace) {
  return workspace != nullptr && workspace->impl->read_only() ? 1 : 0;
}

int64_t ws_workspace_now(const ws_workspace* workspace) {
  return workspace == nullptr ? 0 : ToMicros(workspace->impl->Now());
}

// --- Sessions ----------------------------------------------------------------

int ws_session_open(ws_workspace* workspace, int64_t actor, ws_session** out) {
  static constexpr char kFn[] = "ws_session_open";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (workspace == nullptr) return NullArg(kFn, "workspace");
    *out = new ws_session{workspace->impl->As(worksection::MemberId(actor))};
    return WS_OK;
  });
}

void ws_session_free(ws_session* session) { delete session; }

int64_t ws_session_actor(const ws_session* session) {
  return session == nullptr ? 0 : session->impl.actor().value();
}

int ws_session_today(ws_session* session, ws_date* out) {
  static constexpr char kFn[] = "ws_session_today";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = ws_date{0, 0, 0};
    if (session == nullptr) return NullArg(kFn, "session");
    auto r = session->impl.Today();
    if (!r.ok()) return SetStatus(r.status());
    *out = ToDate(*r);
    return WS_OK;
  });
}

// --- Transactions ------------------------------------------------------------

int ws_transaction_begin(ws_session* session, ws_transaction** out) {
  static constexpr char kFn[] = "ws_transaction_begin";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    absl::StatusOr<std::unique_ptr<worksection::SessionTransaction>> tx =
        session->impl.BeginTransaction();
    if (!tx.ok()) return SetStatus(tx.status());
    // The session handle copies the transaction's session, which joins it.
    worksection::Session joined = (*tx)->session();
    *out = new ws_transaction{*std::move(tx), ws_session{joined}};
    return WS_OK;
  });
}

ws_session* ws_transaction_session(ws_transaction* transaction) {
  return transaction == nullptr ? nullptr : &transaction->session;
}

int ws_transaction_commit(ws_transaction* transaction) {
  static constexpr char kFn[] = "ws_transaction_commit";
  return Guard(kFn, [&] {
    if (transaction == nullptr) return NullArg(kFn, "transaction");
    return SetStatus(transaction->impl->Commit());
  });
}

int ws_transaction_rollback(ws_transaction* transaction) {
  static constexpr char kFn[] = "ws_transaction_rollback";
  return Guard(kFn, [&] {
    if (transaction == nullptr) return NullArg(kFn, "transaction");
    transaction->impl->Rollback();
    return WS_OK;
  });
}

void ws_transaction_free(ws_transaction* transaction) { delete transaction; }

// --- Settings ----------------------------------------------------------------

int ws_settings_get(ws_session* session, ws_settings** out) {
  static constexpr char kFn[] = "ws_settings_get";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(out, session->impl.GetSettings());
  });
}

int ws_settings_update(ws_session* session, ws_settings* settings) {
  static constexpr char kFn[] = "ws_settings_update";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    if (settings == nullptr) return NullArg(kFn, "settings");
    return Refresh(&settings->v, session->impl.UpdateSettings(settings->v));
  });
}

void ws_settings_free(ws_settings* settings) { delete settings; }

WS_GET(settings, revision, int64_t, o->v.revision)
WS_GET_STRING(settings, name)
WS_GET_STRING(settings, time_zone)
WS_GET_STRING(settings, currency)
ws_weekday ws_settings_week_start(const ws_settings* o) {
  return o == nullptr ? WS_MONDAY
                      : static_cast<ws_weekday>(worksection::capi::ToC(
                            worksection::capi::kCWeekday, o->v.week_start));
}
WS_SET(settings, revision, int64_t, o->v.revision = value; return WS_OK)
WS_SET_STRING(settings, name)
WS_SET(settings, time_zone, const char*,
       return CopyString(kFn, "tz", value, &o->v.time_zone))
WS_SET_STRING(settings, currency)
WS_SET(settings, week_start, ws_weekday,
       return worksection::capi::FromC(kFn, worksection::capi::kCWeekday, value,
                                       &o->v.week_start))
WS_GET(settings, forgotten_timer_after, int64_t,
       ToSeconds(o->v.forgotten_timer_after))
WS_SET(settings, forgotten_timer_after, int64_t,
       o->v.forgotten_timer_after = absl::Seconds(value);
       return WS_OK)

// --- Members -----------------------------------------------------------------

WS_LIFECYCLE(member)
WS_LIST(member_list, member)

int ws_member_create(ws_session* session, ws_member* member) {
  static constexpr char kFn[] = "ws_member_create";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    if (member == nullptr) return NullArg(kFn, "member");
    return Refresh(&member->v, session->impl.CreateMember(member->v));
  });
}

int ws_member_get(ws_session* session, int64_t id, ws_member** out) {
  static constexpr char kFn[] = "ws_member_get";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(out, session->impl.GetMember(worksection::MemberId(id)));
  });
}

int ws_member_update(ws_session* session, ws_member* member) {
  static constexpr char kFn[] = "ws_member_update";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    if (member == nullptr) return NullArg(kFn, "member");
    return Refresh(&member->v, session->impl.UpdateMember(member->v));
  });
}

int ws_member_deactivate(ws_session* session, int64_t id, ws_member** out) {
  static constexpr char kFn[] = "ws_member_deactivate";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(
        out, session->impl.DeactivateMember(worksection::MemberId(id)));
  });
}

int ws_member_reactivate(ws_session* session, int64_t id, ws_member** out) {
  static constexpr char kFn[] = "ws_member_reactivate";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(
        out, session->impl.ReactivateMember(worksection::MemberId(id)));
  });
}

int ws_list_members(ws_session* session, const ws_member_filter* filter,
                    ws_member_list** out) {
  static constexpr char kFn[] = "ws_list_members";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    ws_member_filter f = WS_MEMBER_FILTER_INIT;
    if (filter != nullptr) {
      if (int rc = ReadVersioned(kFn, "filter", filter,
                                 worksection::capi::kMemberFilterSizes, f, &f);
          rc != WS_OK) {
        return rc;
      }
    }
    worksection::MemberFilter cc;
    cc.include_inactive = f.include_inactive != 0;
    if (f.role != 0) {
      worksection::Role role;
      if (int rc = FromC(kFn, kCRole, f.role, &role); rc != WS_OK) return rc;
      cc.role = role;
    }
    auto r = session->impl.ListMembers(cc);
    if (!r.ok()) return SetStatus(r.status());
    return EmitList(out, *std::move(r));
  });
}

WS_GET(member, id, int64_t, o->v.id.value())
WS_GET(member, revision, int64_t, o->v.revision)
WS_GET_STRING(member, name)
WS_GET_STRING(member, email)
ws_role ws_member_role(const ws_member* o) {
  return o == nullptr ? static_cast<ws_role>(0)
                      : static_cast<ws_role>(worksection::capi::ToC(
                            worksection::capi::kCRole, o->v.role));
}
WS_GET_STRING(member, company)
WS_GET(member, has_cost_rate, int, o->v.cost_rate.has_value())
WS_GET(member, cost_rate, int64_t, o->v.cost_rate.value_or(0))
WS_GET(member, has_billing_rate, int, o->v.billing_rate.has_value())
WS_GET(member, billing_rate, int64_t, o->v.billing_rate.value_or(0))
WS_GET(member, active, int, o->v.active ? 1 : 0)
WS_GET(member, created_at, int64_t, ToMicros(o->v.created_at))
WS_GET(member, updated_at, int64_t, ToMicros(o->v.updated_at))

WS_SET(member, revision, int64_t, o->v.revision = value; return WS_OK)
WS_SET_STRING(member, name)
WS_SET_STRING(member, email)
WS_SET(member, role, ws_role, return FromC(kFn, kCRole, value, &o->v.role))
WS_SET_STRING(member, company)
WS_SET(member, cost_rate, int64_t, o->v.cost_rate = value; return WS_OK)
WS_CLEAR(member, cost_rate, o->v.cost_rate.reset())
WS_SET(member, billing_rate, int64_t, o->v.billing_rate = value; return WS_OK)
WS_CLEAR(member, billing_rate, o->v.billing_rate.reset())

// --- Projects ----------------------------------------------------------------

WS_LIFECYCLE(project)
WS_LIST(project_list, project)

int ws_project_create(ws_session* session, ws_project* project) {
  static constexpr char kFn[] = "ws_project_create";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    if (project == nullptr) return NullArg(kFn, "project");
    return Refresh(&project->v, session->impl.CreateProject(project->v));
  });
}

int ws_project_get(ws_session* session, int64_t id, ws_project** out) {
  static constexpr char kFn[] = "ws_project_get";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(out,
                      session->impl.GetProject(worksection::ProjectId(id)));
  });
}

int ws_project_update(ws_session* session, ws_project* project) {
  static constexpr char kFn[] = "ws_project_update";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    if (project == nullptr) return NullArg(kFn, "project");
    return Refresh(&project->v, session->impl.UpdateProject(project->v));
  });
}

int ws_project_archive(ws_session* session, int64_t id, ws_project** out) {
  static constexpr char kFn[] = "ws_project_archive";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(out,
                      session->impl.ArchiveProject(worksection::ProjectId(id)));
  });
}

int ws_list_projects(ws_session* session, const ws_project_filter* filter,
                     ws_project_list** out) {
  static constexpr char kFn[] = "ws_list_projects";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    ws_project_filter f = WS_PROJECT_FILTER_INIT;
    if (filter != nullptr) {
      if (int rc = ReadVersioned(kFn, "filter", filter,
                                 worksection::capi::kProjectFilterSizes, f, &f);
          rc != WS_OK) {
        return rc;
      }
    }
    worksection::ProjectFilter cc;
    if (f.status != 0) {
      worksection::ProjectStatus status;
      if (int rc = FromC(kFn, kCProjectStatus, f.status, &status);
          rc != WS_OK) {
        return rc;
      }
      cc.status = status;
    }
    cc.include_archived = f.include_archived != 0;
    if (f.member != 0) cc.member = worksection::MemberId(f.member);
    auto r = session->impl.ListProjects(cc);
    if (!r.ok()) return SetStatus(r.status());
    return EmitList(out, *std::move(r));
  });
}

WS_GET(project, id, int64_t, o->v.id.value())
WS_GET(project, revision, int64_t, o->v.revision)
WS_GET_STRING(project, name)
ws_project_status ws_project_status_of(const ws_project* o) {
  return o == nullptr ? static_cast<ws_project_status>(0)
                      : static_cast<ws_project_status>(worksection::capi::ToC(
                            worksection::capi::kCProjectStatus, o->v.status));
}
WS_GET_STRING(project, folder)
WS_GET(project, manager, int64_t, o->v.manager.value())
WS_GET(project, has_start_date, int, o->v.start_date.has_value())
WS_GET(project, start_date, ws_date,
       o->v.start_date ? ToDate(*o->v.start_date) : ws_date{})
WS_GET(project, has_deadline, int, o->v.deadline.has_value())
WS_GET(project, deadline, ws_date,
       o->v.deadline ? ToDate(*o->v.deadline) : ws_date{})
WS_GET(project, has_time_budget, int, o->v.time_budget.has_value())
WS_GET(project, time_budget, int64_t,
       o->v.time_budget ? ToSeconds(*o->v.time_budget) : 0)
WS_GET(project, has_money_budget, int, o->v.money_budget.has_value())
WS_GET(project, money_budget, int64_t, o->v.money_budget.value_or(0))
WS_GET(project, has_billing_rate, int, o->v.billing_rate.has_value())
WS_GET(project, billing_rate, int64_t, o->v.billing_rate.value_or(0))
WS_GET(project, tag_count, size_t, o->v.tags.size())
const char* ws_project_tag(const ws_project* o, size_t i) {
  if (o == nullptr || i >= o->v.tags.size()) return nullptr;
  return o->v.tags[i].c_str();
}
WS_GET(project, member_count, size_t, o->v.members.size())
int64_t ws_project_member_id(const ws_project* o, size_t i) {
  if (o == nullptr || i >= o->v.members.size()) return 0;
  return o->v.members[i].member.value();
}
ws_project_role ws_project_member_role(const ws_project* o, size_t i) {
  if (o == nullptr || i >= o->v.members.size()) {
    return static_cast<ws_project_role>(0);
  }
  return static_cast<ws_project_role>(worksection::capi::ToC(
      worksection::capi::kCProjectRole, o->v.members[i].role));
}
int ws_project_member_has_billing_rate(const ws_project* o, size_t i) {
  if (o == nullptr || i >= o->v.members.size()) return 0;
  return o->v.members[i].billing_rate.has_value() ? 1 : 0;
}
int64_t ws_project_member_billing_rate(const ws_project* o, size_t i) {
  if (o == nullptr || i >= o->v.members.size()) return 0;
  return o->v.members[i].billing_rate.value_or(0);
}
ws_rounding ws_project_rounding_mode(const ws_project* o) {
  if (o == nullptr) return static_cast<ws_rounding>(0);
  return static_cast<ws_rounding>(worksection::capi::ToC(
      worksection::capi::kCRounding, o->v.rounding.mode));
}
WS_GET(project, rounding_minutes, int, o->v.rounding.minutes)
WS_GET(project, clients_see_hours, int, o->v.clients_see_hours ? 1 : 0)
WS_GET(project, created_at, int64_t, ToMicros(o->v.created_at))
WS_GET(project, updated_at, int64_t, ToMicros(o->v.updated_at))

WS_SET(project, revision, int64_t, o->v.revision = value; return WS_OK)
WS_SET_STRING(project, name)
WS_SET(project, status, ws_project_status,
       return FromC(kFn, kCProjectStatus, value, &o->v.status))
WS_SET_STRING(project, folder)
WS_SET_ID(project, manager, MemberId)
WS_SET(project, start_date, ws_date, absl::CivilDay d;
       if (int rc = FromDate(kFn, "day", value, &d); rc != WS_OK) return rc;
       o->v.start_date = d; return WS_OK)
WS_CLEAR(project, start_date, o->v.start_date.reset())
WS_SET(project, deadline, ws_date, absl::CivilDay d;
       if (int rc = FromDate(kFn, "day", value, &d); rc != WS_OK) return rc;
       o->v.deadline = d; return WS_OK)
WS_CLEAR(project, deadline, o->v.deadline.reset())
WS_SET(project, time_budget, int64_t, o->v.time_budget = absl::Seconds(value);
       return WS_OK)
WS_CLEAR(project, time_budget, o->v.time_budget.reset())
WS_SET(project, money_budget, int64_t, o->v.money_budget = value; return WS_OK)
WS_CLEAR(project, money_budget, o->v.money_budget.reset())
WS_SET(project, billing_rate, int64_t, o->v.billing_rate = value; return WS_OK)
WS_CLEAR(project, billing_rate, o->v.billing_rate.reset())

namespace worksection::capi {

int SetTags(const char* fn, const char* const* tags, size_t count,
            std::vector<std::string>* out) {
  if (tags == nullptr && count > 0) return NullArg(fn, "tags");
  std::vector<std::string> copy;
  copy.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    if (tags[i] == nullptr) {
      return SetError(WS_EINVAL, absl::StrCat(fn, ": tags[", i, "] is NULL"));
    }
    copy.emplace_back(tags[i]);
  }
  *out = std::move(copy);
  return WS_OK;
}

}  // namespace worksection::capi

int ws_project_set_tags(ws_project* project, const char* const* tags,
                        size_t count) {
  static constexpr char kFn[] = "ws_project_set_tags";
  return Guard(kFn, [&] {
    if (project == nullptr) return NullArg(kFn, "project");
    return worksection::capi::SetTags(kFn, tags, count, &project->v.tags);
  });
}

int ws_project_add_tag(ws_project* project, const char* tag) {
  static constexpr char kFn[] = "ws_project_add_tag";
  return Guard(kFn, [&] {
    if (project == nullptr) return NullArg(kFn, "project");
    if (tag == nullptr) return NullArg(kFn, "tag");
    project->v.tags.emplace_back(tag);
    return WS_OK;
  });
}

int ws_project_set_member(ws_project* project, int64_t member,
                          ws_project_role role) {
  static constexpr char kFn[] = "ws_project_set_member";
  return Guard(kFn, [&] {
    if (project == nullptr) return NullArg(kFn, "project");
    worksection::ProjectRole r;
    if (int rc = FromC(kFn, kCProjectRole, role, &r); rc != WS_OK) return rc;
    for (worksection::ProjectMember& pm : project->v.members) {
      if (pm.member.value() == member) {
        pm.role = r;
        return WS_OK;
      }
    }
    project->v.members.push_back({worksection::MemberId(member), r});
    return WS_OK;
  });
}

int ws_project_remove_member(ws_project* project, int64_t member) {
  static constexpr char kFn[] = "ws_project_remove_member";
  return Guard(kFn, [&] {
    if (project == nullptr) return NullArg(kFn, "project");
    auto& members = project->v.members;
    for (auto it = members.begin(); it != members.end(); ++it) {
      if (it->member.value() == member) {
        members.erase(it);
        return WS_OK;
      }
    }
    return SetError(WS_ENOTFOUND, absl::StrCat(kFn, ": member ", member,
                                               " is not in the project"));
  });
}

int ws_project_clear_members(ws_project* project) {
  static constexpr char kFn[] = "ws_project_clear_members";
  return Guard(kFn, [&] {
    if (project == nullptr) return NullArg(kFn, "project");
    project->v.members.clear();
    return WS_OK;
  });
}

namespace worksection::capi {
namespace {

// The object's entry for `member`, or WS_ENOTFOUND.
int FindMember(const char* fn, ws_project* project, int64_t member,
               ProjectMember** out) {
  for (ProjectMember& pm : project->v.members) {
    if (pm.member.value() == member) {
      *out = &pm;
      return WS_OK;
    }
  }
  return SetError(WS_ENOTFOUND, absl::StrCat(fn, ": member ", member,
                                             " is not in the project"));
}

}  // namespace
}  // namespace worksection::capi

int ws_project_set_member_billing_rate(ws_project* project, int64_t member,
                                       int64_t per_hour) {
  static constexpr char kFn[] = "ws_project_set_member_billing_rate";
  return Guard(kFn, [&] {
    if (project == nullptr) return NullArg(kFn, "project");
    worksection::ProjectMember* pm = nullptr;
    if (int rc = worksection::capi::FindMember(kFn, project, member, &pm);
        rc != WS_OK) {
      return rc;
    }
    pm->billing_rate = per_hour;
    return WS_OK;
  });
}

int ws_project_clear_member_billing_rate(ws_project* project, int64_t member) {
  static constexpr char kFn[] = "ws_project_clear_member_billing_rate";
  return Guard(kFn, [&] {
    if (project == nullptr) return NullArg(kFn, "project");
    worksection::ProjectMember* pm = nullptr;
    if (int rc = worksection::capi::FindMember(kFn, project, member, &pm);
        rc != WS_OK) {
      return rc;
    }
    pm->billing_rate.reset();
    return WS_OK;
  });
}

int ws_project_set_rounding(ws_project* project, ws_rounding mode,
                            int minutes) {
  static constexpr char kFn[] = "ws_project_set_rounding";
  return Guard(kFn, [&] {
    if (project == nullptr) return NullArg(kFn, "project");
    worksection::Rounding::Mode m;
    if (int rc = FromC(kFn, worksection::capi::kCRounding, mode, &m);
        rc != WS_OK) {
      return rc;
    }
    project->v.rounding.mode = m;
    project->v.rounding.minutes = minutes;
    return WS_OK;
  });
}

WS_SET(project, clients_see_hours, int, o->v.clients_see_hours = value != 0;
       return WS_OK)

// --- Comments ----------------------------------------------------------------

WS_LIFECYCLE(comment)
WS_LIST(comment_list, comment)

int ws_comment_create(ws_session* session, ws_comment* comment) {
  static constexpr char kFn[] = "ws_comment_create";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    if (comment == nullptr) return NullArg(kFn, "comment");
    return Refresh(&comment->v, session->impl.CreateComment(comment->v));
  });
}

int ws_comment_get(ws_session* session, int64_t id, ws_comment** out) {
  static constexpr char kFn[] = "ws_comment_get";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(out,
                      session->impl.GetComment(worksection::CommentId(id)));
  });
}

int ws_comment_update(ws_session* session, ws_comment* comment) {
  static constexpr char kFn[] = "ws_comment_update";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    if (comment == nullptr) return NullArg(kFn, "comment");
    return Refresh(&comment->v, session->impl.UpdateComment(comment->v));
  });
}

int ws_list_comments(ws_session* session, int64_t task, ws_comment_list** out) {
  static constexpr char kFn[] = "ws_list_comments";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    auto r = session->impl.ListComments(worksection::TaskId(task));
    if (!r.ok()) return SetStatus(r.status());
    return EmitList(out, *std::move(r));
  });
}

WS_GET(comment, id, int64_t, o->v.id.value())
WS_GET(comment, revision, int64_t, o->v.revision)
WS_GET(comment, task, int64_t, o->v.task.value())
WS_GET(comment, author, int64_t, o->v.author.value())
WS_GET_STRING(comment, text)
WS_GET(comment, hidden_from_clients, int, o->v.hidden_from_clients ? 1 : 0)
WS_GET(comment, created_at, int64_t, ToMicros(o->v.created_at))
WS_GET(comment, updated_at, int64_t, ToMicros(o->v.updated_at))

WS_SET(comment, revision, int64_t, o->v.revision = value; return WS_OK)
WS_SET_ID(comment, task, TaskId)
WS_SET_STRING(comment, text)
WS_SET(comment, hidden_from_clients, int, o->v.hidden_from_clients = value != 0;
       return WS_OK)
