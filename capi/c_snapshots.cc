// The C API's snapshots (export into a ws_buf, import into an empty store)
// and the Taskwarrior and Timewarrior imports with their report.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "capi/internal.h"
#include "worksection/c.h"
#include "worksection/import.h"
#include "worksection/snapshot.h"

struct ws_import_issue {
  worksection::ImportIssue v;
};
struct ws_import_report {
  worksection::ImportReport v;  // the counts; its issues moved to `issues`
  std::vector<ws_import_issue> issues;
};

using worksection::capi::Guard;
using worksection::capi::NullArg;
using worksection::capi::ReadVersioned;
using worksection::capi::SetStatus;

// The header's constants restate the C++ API's.
static_assert(WS_SNAPSHOT_FORMAT_VERSION ==
              worksection::kSnapshotFormatVersion);
static_assert(WS_SNAPSHOT_MAGIC_BYTES == worksection::kSnapshotMagic.size());
static_assert(sizeof(WS_SNAPSHOT_MAGIC) == WS_SNAPSHOT_MAGIC_BYTES + 1);
static_assert(WS_MAX_SNAPSHOT_BYTES == worksection::kMaxSnapshotBytes);

namespace worksection::capi {
namespace {

inline constexpr CEnum<SnapshotFormat, 2> kCSnapshotFormat{
    EnumCodes<SnapshotFormat, 2>(
        {{{SnapshotFormat::kBinary, WS_SNAPSHOT_BINARY},
          {SnapshotFormat::kJson, WS_SNAPSHOT_JSON}}}),
    "format", "ws_snapshot_format"};

constexpr size_t kTaskwarriorOptionsSizes[] = {0,
                                               sizeof(ws_taskwarrior_options)};
constexpr size_t kTimewarriorOptionsSizes[] = {0,
                                               sizeof(ws_timewarrior_options)};

// A C progress function as the C++ API's callback; empty for NULL.
ProgressCallback ToProgress(ws_progress_fn fn, void* user_data) {
  if (fn == nullptr) return nullptr;
  return [fn, user_data](int64_t done, int64_t total) {
    fn(user_data, done, total);
  };
}

// `*field = value` unless value is NULL (the option's default).
void CopyOption(const char* value, std::string* field) {
  if (value != nullptr) *field = value;
}

int ReadOptions(const char* fn, const ws_taskwarrior_options* in,
                TaskwarriorOptions* out) {
  if (in == nullptr) return WS_OK;
  ws_taskwarrior_options o = WS_TASKWARRIOR_OPTIONS_INIT;
  if (int rc =
          ReadVersioned(fn, "options", in, kTaskwarriorOptionsSizes, o, &o);
      rc != WS_OK) {
    return rc;
  }
  CopyOption(o.default_project, &out->default_project);
  CopyOption(o.time_zone, &out->time_zone);
  return WS_OK;
}

int ReadOptions(const char* fn, const ws_timewarrior_options* in,
                TimewarriorOptions* out) {
  if (in == nullptr) return WS_OK;
  ws_timewarrior_options o = WS_TIMEWARRIOR_OPTIONS_INIT;
  if (int rc =
          ReadVersioned(fn, "options", in, kTimewarriorOptionsSizes, o, &o);
      rc != WS_OK) {
    return rc;
  }
  CopyOption(o.task_tag_prefix, &out->task_tag_prefix);
  CopyOption(o.separator, &out->separator);
  CopyOption(o.fallback_project, &out->fallback_project);
  CopyOption(o.fallback_task, &out->fallback_task);
  return WS_OK;
}

// The C shape of both imports: checks the arguments, reads the options and
// hands the report of `import` out in *out.
template <typename COptions, typename Options>
int RunImport(const char* fn, ws_session* session, const char* json,
              size_t size, const COptions* options, ws_progress_fn progress,
              void* user_data, ws_import_report** out,
              absl::StatusOr<ImportReport> (*import)(Session&,
                                                     absl::string_view,
                                                     const Options&,
                                                     const ProgressCallback&)) {
  if (out == nullptr) return NullArg(fn, "out");
  *out = nullptr;
  if (session == nullptr) return NullArg(fn, "session");
  if (json == nullptr) return NullArg(fn, "json");
  Options o;
  if (int rc = ReadOptions(fn, options, &o); rc != WS_OK) return rc;
  absl::StatusOr<ImportReport> report =
      import(session->impl, absl::string_view(json, size), o,
             ToProgress(progress, user_data));
  if (!report.ok()) return SetStatus(report.status());
  auto c = std::make_unique<ws_import_report>();
  c->issues.reserve(report->issues.size());
  for (ImportIssue& issue : report->issues) {
    c->issues.push_back({std::move(issue)});
  }
  report->issues.clear();
  c->v = *std::move(report);
  *out = c.release();
  return WS_OK;
}

}  // namespace
}  // namespace worksection::capi

extern "C" {

int ws_export_snapshot(ws_session* session, ws_snapshot_format format,
                       ws_buf** out) {
  static constexpr char kFn[] = "ws_export_snapshot";
  return Guard(kFn, [&]() -> int {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    worksection::SnapshotFormat f;
    if (int rc = worksection::capi::FromC(
            kFn, worksection::capi::kCSnapshotFormat, format, &f);
        rc != WS_OK) {
      return rc;
    }
    return worksection::capi::EmitBuf(
        out, worksection::ExportSnapshot(session->impl, f));
  });
}

int ws_import_snapshot(ws_workspace* workspace, const void* data, size_t size,
                       ws_progress_fn progress, void* user_data) {
  static constexpr char kFn[] = "ws_import_snapshot";
  return Guard(kFn, [&]() -> int {
    if (workspace == nullptr) return NullArg(kFn, "workspace");
    if (data == nullptr) return NullArg(kFn, "data");
    return SetStatus(worksection::ImportSnapshot(
        *workspace->impl,
        absl::string_view(static_cast<const char*>(data), size),
        worksection::capi::ToProgress(progress, user_data)));
  });
}

int ws_import_taskwarrior(ws_session* session, const char* json, size_t size,
                          const ws_taskwarrior_options* options,
                          ws_progress_fn progress, void* user_data,
                          ws_import_report** out) {
  static constexpr char kFn[] = "ws_import_taskwarrior";
  return Guard(kFn, [&]() -> int {
    return worksection::capi::RunImport(kFn, session, json, size, options,
                                        progress, user_data, out,
                                        &worksection::ImportTaskwarrior);
  });
}

int ws_import_timewarrior(ws_session* session, const char* json, size_t size,
                          const ws_timewarrior_options* options,
                          ws_progress_fn progress, void* user_data,
                          ws_import_report** out) {
  static constexpr char kFn[] = "ws_import_timewarrior";
  return Guard(kFn, [&]() -> int {
    return worksection::capi::RunImport(kFn, session, json, size, options,
                                        progress, user_data, out,
                                        &worksection::ImportTimewarrior);
  });
}

WS_GET(import_report, projects_created, int64_t, o->v.projects_created)
WS_GET(import_report, tasks_created, int64_t, o->v.tasks_created)
WS_GET(import_report, comments_created, int64_t, o->v.comments_created)
WS_GET(import_report, time_entries_created, int64_t, o->v.time_entries_created)
WS_GET(import_report, timers_started, int64_t, o->v.timers_started)
WS_GET(import_report, issue_count, size_t, o->issues.size())

const ws_import_issue* ws_import_report_issue(const ws_import_report* r,
                                              size_t i) {
  if (r == nullptr || i >= r->issues.size()) return nullptr;
  return &r->issues[i];
}

void ws_import_report_free(ws_import_report* r) { delete r; }

WS_GET_STRING(import_issue, item)
WS_GET_STRING(import_issue, field)
WS_GET_STRING(import_issue, value)
WS_GET_STRING(import_issue, reason)

}  // extern "C"
