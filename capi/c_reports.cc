// The C API's reports (time, overdue, project health, workload, digest) and
// their exports (CSV, XLSX, JSON) into a ws_buf or a file.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "capi/internal.h"
#include "worksection/c.h"
#include "worksection/export.h"
#include "worksection/report.h"
#include "worksection/session.h"

using worksection::capi::FromMicros;
using worksection::capi::FromOptionalDate;
using worksection::capi::Guard;
using worksection::capi::NullArg;
using worksection::capi::ReadVersioned;
using worksection::capi::SetError;
using worksection::capi::SetStatus;
using worksection::capi::Str;
using worksection::capi::ToDate;
using worksection::capi::ToMicros;
using worksection::capi::ToSeconds;

namespace worksection::capi {
namespace {

constexpr size_t kTimeReportQuerySizes[] = {0, sizeof(ws_time_report_query)};
constexpr size_t kOverdueQuerySizes[] = {0, sizeof(ws_overdue_query)};
constexpr size_t kProjectHealthQuerySizes[] = {0,
                                               sizeof(ws_project_health_query)};
constexpr size_t kWorkloadQuerySizes[] = {0, sizeof(ws_workload_query)};
constexpr size_t kDigestQuerySizes[] = {0, sizeof(ws_digest_query)};
constexpr size_t kCsvOptionsSizes[] = {0, sizeof(ws_csv_options)};
constexpr size_t kXlsxOptionsSizes[] = {0, sizeof(ws_xlsx_options)};
constexpr size_t kJsonOptionsSizes[] = {0, sizeof(ws_json_options)};

// Copies ids[0..count) as IdType; WS_EINVAL for a NULL array with a count.
template <typename IdType>
int ReadIds(const char* fn, const char* arg, const int64_t* ids, size_t count,
            std::vector<IdType>* out) {
  if (ids == nullptr && count > 0) {
    return SetError(
        WS_EINVAL,
        absl::StrCat(fn, ": query->", arg, " is NULL with a count of ", count));
  }
  out->clear();
  out->reserve(count);
  for (size_t i = 0; i < count; ++i) out->push_back(IdType(ids[i]));
  return WS_OK;
}

int IdOrNone(const char* fn, const char* arg, int64_t value,
             std::optional<MemberId>* out) {
  if (value < 0) {
    return SetError(WS_EINVAL, absl::StrCat(fn, ": query->", arg, " ", value,
                                            " is not an id or 0"));
  }
  if (value > 0) *out = MemberId(value);
  return WS_OK;
}

int ReadTimeReportQuery(const char* fn, const ws_time_report_query* query,
                        TimeReportQuery* out) {
  ws_time_report_query q = WS_TIME_REPORT_QUERY_INIT;
  if (query != nullptr) {
    if (int rc =
            ReadVersioned(fn, "query", query, kTimeReportQuerySizes, q, &q);
        rc != WS_OK) {
      return rc;
    }
  }
  TimeReportQuery cc;
  int rc = WS_OK;
  if ((rc = FromOptionalDate(fn, "query->from", q.from, &cc.from)) ||
      (rc = FromOptionalDate(fn, "query->to", q.to, &cc.to)) ||
      (rc = ReadIds(fn, "projects", q.projects, q.project_count,
                    &cc.projects)) ||
      (rc = ReadIds(fn, "members", q.members, q.member_count, &cc.members)) ||
      (rc = ReadIds(fn, "tasks", q.tasks, q.task_count, &cc.tasks)) ||
      (rc = SetTags(fn, q.tags, q.tag_count, &cc.tags)) ||
      (rc = FromCBillable(fn, "query->billable", q.billable, &cc.billable))) {
    return rc;
  }
  if (q.group_by == nullptr && q.group_count > 0) {
    return SetError(WS_EINVAL, absl::StrCat(fn,
                                            ": query->group_by is NULL "
                                            "with a count of ",
                                            q.group_count));
  }
  for (size_t i = 0; i < q.group_count; ++i) {
    ReportGroup g;
    if (!kCReportGroup.codes.Decode(q.group_by[i], &g)) {
      return SetError(WS_EINVAL, absl::StrCat(fn, ": query->group_by[", i, "] ",
                                              static_cast<int>(q.group_by[i]),
                                              " is not a ws_report_group"));
    }
    cc.group_by.push_back(g);
  }
  *out = std::move(cc);
  return WS_OK;
}

ws_overdue_row MakeOverdueRow(OverdueRow row) {
  ws_overdue_row r;
  r.task.v = row.task;
  r.v = std::move(row);
  return r;
}

std::vector<ws_overdue_row> MakeOverdueRows(const std::vector<OverdueRow>& in) {
  std::vector<ws_overdue_row> out;
  out.reserve(in.size());
  for (const OverdueRow& row : in) out.push_back(MakeOverdueRow(row));
  return out;
}

// Reads versioned export options into the C++ options.
int ReadCsv(const char* fn, const ws_csv_options* in, CsvOptions* out) {
  ws_csv_options o = WS_CSV_OPTIONS_INIT;
  if (in != nullptr) {
    if (int rc = ReadVersioned(fn, "options", in, kCsvOptionsSizes, o, &o);
        rc != WS_OK) {
      return rc;
    }
  }
  switch (o.separator) {
    case WS_CSV_COMMA:
      out->separator = CsvOptions::Separator::kComma;
      break;
    case WS_CSV_SEMICOLON:
      out->separator = CsvOptions::Separator::kSemicolon;
      break;
    default:
      return SetError(WS_EINVAL, absl::StrCat(fn, ": options->separator ",
                                              static_cast<int>(o.separator),
                                              " is not a ws_csv_separator"));
  }
  out->bom = o.bom != 0;
  out->decimal_comma = o.decimal_comma != 0;
  out->neutralize_formulas = o.neutralize_formulas != 0;
  if (o.currency != nullptr) out->currency = o.currency;
  return WS_OK;
}

int ReadXlsx(const char* fn, const ws_xlsx_options* in, XlsxOptions* out) {
  ws_xlsx_options o = WS_XLSX_OPTIONS_INIT;
  if (in != nullptr) {
    if (int rc = ReadVersioned(fn, "options", in, kXlsxOptionsSizes, o, &o);
        rc != WS_OK) {
      return rc;
    }
  }
  if (o.currency != nullptr) out->currency = o.currency;
  out->chart = o.chart != 0;
  return WS_OK;
}

int ReadJson(const char* fn, const ws_json_options* in, JsonOptions* out) {
  ws_json_options o = WS_JSON_OPTIONS_INIT;
  if (in != nullptr) {
    if (int rc = ReadVersioned(fn, "options", in, kJsonOptionsSizes, o, &o);
        rc != WS_OK) {
      return rc;
    }
  }
  out->pretty = o.pretty != 0;
  if (o.currency != nullptr) out->currency = o.currency;
  return WS_OK;
}

}  // namespace

int EmitBuf(ws_buf** out, std::string data) {
  *out = new ws_buf{std::move(data)};
  return WS_OK;
}

int EmitBuf(ws_buf** out, absl::StatusOr<std::string> data) {
  if (!data.ok()) return SetStatus(data.status());
  return EmitBuf(out, *std::move(data));
}

}  // namespace worksection::capi

// --- Buffers and names -------------------------------------------------------

const char* ws_buf_data(const ws_buf* buf) {
  return buf == nullptr ? "" : buf->data.c_str();
}
size_t ws_buf_size(const ws_buf* buf) {
  return buf == nullptr ? 0 : buf->data.size();
}
void ws_buf_free(ws_buf* buf) { delete buf; }

const char* ws_report_group_name(ws_report_group group) {
  worksection::ReportGroup g;
  if (!worksection::capi::kCReportGroup.codes.Decode(group, &g)) return "";
  return worksection::ReportGroupName(g).data();  // views a literal
}

// --- Time report -------------------------------------------------------------

int ws_run_time_report(ws_session* session, const ws_time_report_query* query,
                       ws_time_report** out) {
  static constexpr char kFn[] = "ws_run_time_report";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    worksection::TimeReportQuery q;
    if (int rc = worksection::capi::ReadTimeReportQuery(kFn, query, &q);
        rc != WS_OK) {
      return rc;
    }
    auto r = session->impl.RunTimeReport(q);
    if (!r.ok()) return SetStatus(r.status());
    auto report = std::make_unique<ws_time_report>();
    report->v = *std::move(r);
    report->rows.reserve(report->v.rows.size());
    for (const worksection::TimeReportRow& row : report->v.rows) {
      report->rows.push_back({&row.keys, &row.totals});
    }
    static const std::vector<worksection::ReportKey>* const kNoKeys =
        new std::vector<worksection::ReportKey>();
    report->total = {kNoKeys, &report->v.total};
    *out = report.release();
    return WS_OK;
  });
}

void ws_time_report_free(ws_time_report* report) { delete report; }

size_t ws_time_report_level_count(const ws_time_report* r) {
  return r == nullptr ? 0 : r->v.query.group_by.size();
}
ws_report_group ws_time_report_level(const ws_time_report* r, size_t level) {
  if (r == nullptr || level >= r->v.query.group_by.size()) {
    return static_cast<ws_report_group>(0);
  }
  return static_cast<ws_report_group>(worksection::capi::ToC(
      worksection::capi::kCReportGroup, r->v.query.group_by[level]));
}
size_t ws_time_report_row_count(const ws_time_report* r) {
  return r == nullptr ? 0 : r->rows.size();
}
const ws_report_row* ws_time_report_row(const ws_time_report* r, size_t i) {
  if (r == nullptr || i >= r->rows.size()) return nullptr;
  return &r->rows[i];
}
const ws_report_row* ws_time_report_total(const ws_time_report* r) {
  return r == nullptr ? nullptr : &r->total;
}
int ws_time_report_money_visible(const ws_time_report* r) {
  return r != nullptr && r->v.money_visible ? 1 : 0;
}
const char* ws_time_report_currency(const ws_time_report* r) {
  return r == nullptr ? "" : r->v.currency.c_str();
}
const char* ws_time_report_time_zone(const ws_time_report* r) {
  return r == nullptr ? "" : r->v.time_zone.c_str();
}

namespace {
const worksection::ReportKey* KeyAt(const ws_report_row* row, size_t level) {
  if (row == nullptr || level >= row->keys->size()) return nullptr;
  return &(*row->keys)[level];
}
}  // namespace

size_t ws_report_row_key_count(const ws_report_row* row) {
  return row == nullptr ? 0 : row->keys->size();
}
ws_report_group ws_report_row_key_group(const ws_report_row* row,
                                        size_t level) {
  const worksection::ReportKey* k = KeyAt(row, level);
  return k == nullptr ? static_cast<ws_report_group>(0)
                      : static_cast<ws_report_group>(worksection::capi::ToC(
                            worksection::capi::kCReportGroup, k->group));
}
int64_t ws_report_row_key_id(const ws_report_row* row, size_t level) {
  const worksection::ReportKey* k = KeyAt(row, level);
  return k == nullptr ? 0 : k->id;
}
const char* ws_report_row_key_tag(const ws_report_row* row, size_t level) {
  const worksection::ReportKey* k = KeyAt(row, level);
  return k == nullptr ? "" : k->tag.c_str();
}
ws_date ws_report_row_key_period(const ws_report_row* row, size_t level) {
  const worksection::ReportKey* k = KeyAt(row, level);
  if (k == nullptr) return ws_date{0, 0, 0};
  switch (k->group) {
    case worksection::ReportGroup::kDay:
    case worksection::ReportGroup::kWeek:
    case worksection::ReportGroup::kMonth:
      return ToDate(k->period);
    default:
      return ws_date{0, 0, 0};
  }
}
const char* ws_report_row_key_label(const ws_report_row* row, size_t level) {
  const worksection::ReportKey* k = KeyAt(row, level);
  return k == nullptr ? "" : k->label.c_str();
}
WS_GET(report_row, seconds, int64_t, o->totals->seconds)
WS_GET(report_row, billable_seconds, int64_t, o->totals->billable_seconds)
WS_GET(report_row, entry_count, int64_t, o->totals->entry_count)
WS_GET(report_row, has_billed_amount, int, o->totals->billed_amount.has_value())
WS_GET(report_row, billed_amount, int64_t, o->totals->billed_amount.value_or(0))
WS_GET(report_row, has_labour_cost, int, o->totals->labour_cost.has_value())
WS_GET(report_row, labour_cost, int64_t, o->totals->labour_cost.value_or(0))
WS_GET(report_row, has_margin, int, o->totals->margin.has_value())
WS_GET(report_row, margin, int64_t, o->totals->margin.value_or(0))

// --- Overdue -----------------------------------------------------------------

int ws_run_overdue_report(ws_session* session, const ws_overdue_query* query,
                          ws_overdue_report** out) {
  static constexpr char kFn[] = "ws_run_overdue_report";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    ws_overdue_query q = WS_OVERDUE_QUERY_INIT;
    if (query != nullptr) {
      if (int rc = ReadVersioned(kFn, "query", query,
                                 worksection::capi::kOverdueQuerySizes, q, &q);
          rc != WS_OK) {
        return rc;
      }
    }
    worksection::OverdueQuery cc;
    std::optional<worksection::MemberId> project;
    int rc = WS_OK;
    if ((rc = worksection::capi::IdOrNone(kFn, "assignee", q.assignee,
                                          &cc.assignee)) ||
        (rc = worksection::capi::IdOrNone(kFn, "author", q.author,
                                          &cc.author)) ||
        (rc = worksection::capi::IdOrNone(kFn, "project", q.project,
                                          &project)) ||
        (rc = FromOptionalDate(kFn, "query->as_of", q.as_of, &cc.as_of))) {
      return rc;
    }
    if (project) cc.project = worksection::ProjectId(project->value());
    cc.due_within_days = q.due_within_days;
    auto r = session->impl.RunOverdueReport(cc);
    if (!r.ok()) return SetStatus(r.status());
    auto report = std::make_unique<ws_overdue_report>();
    report->v = *std::move(r);
    report->rows = worksection::capi::MakeOverdueRows(report->v.rows);
    *out = report.release();
    return WS_OK;
  });
}

void ws_overdue_report_free(ws_overdue_report* report) { delete report; }
ws_date ws_overdue_report_as_of(const ws_overdue_report* r) {
  return r == nullptr ? ws_date{0, 0, 0} : ToDate(r->v.as_of);
}
size_t ws_overdue_report_row_count(const ws_overdue_report* r) {
  return r == nullptr ? 0 : r->rows.size();
}
const ws_overdue_row* ws_overdue_report_row(const ws_overdue_report* r,
                                            size_t i) {
  if (r == nullptr || i >= r->rows.size()) return nullptr;
  return &r->rows[i];
}
const ws_task* ws_overdue_row_task(const ws_overdue_row* row) {
  return row == nullptr ? nullptr : &row->task;
}
WS_GET_STRING(overdue_row, project_name)
WS_GET_STRING(overdue_row, assignee_name)
WS_GET_STRING(overdue_row, author_name)
WS_GET(overdue_row, days_late, int, o->v.days_late)
WS_GET(overdue_row, late, int, o->v.late ? 1 : 0)

// --- Project health ----------------------------------------------------------

int ws_run_project_health(ws_session* session,
                          const ws_project_health_query* query,
                          ws_project_health_list** out) {
  static constexpr char kFn[] = "ws_run_project_health";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    ws_project_health_query q = WS_PROJECT_HEALTH_QUERY_INIT;
    if (query != nullptr) {
      if (int rc =
              ReadVersioned(kFn, "query", query,
                            worksection::capi::kProjectHealthQuerySizes, q, &q);
          rc != WS_OK) {
        return rc;
      }
    }
    worksection::ProjectHealthQuery cc;
    if (int rc = worksection::capi::ReadIds(kFn, "projects", q.projects,
                                            q.project_count, &cc.projects);
        rc != WS_OK) {
      return rc;
    }
    cc.include_archived = q.include_archived != 0;
    auto r = session->impl.RunProjectHealth(cc);
    if (!r.ok()) return SetStatus(r.status());
    auto list = std::make_unique<ws_project_health_list>();
    list->v = *std::move(r);
    list->items.reserve(list->v.size());
    for (const worksection::ProjectHealth& h : list->v) {
      list->items.push_back({{h.project}, {h.budget}, h});
    }
    *out = list.release();
    return WS_OK;
  });
}

void ws_project_health_list_free(ws_project_health_list* list) { delete list; }
size_t ws_project_health_list_count(const ws_project_health_list* l) {
  return l == nullptr ? 0 : l->items.size();
}
const ws_project_health* ws_project_health_list_at(
    const ws_project_health_list* l, size_t i) {
  if (l == nullptr || i >= l->items.size()) return nullptr;
  return &l->items[i];
}
const ws_project* ws_project_health_project(const ws_project_health* h) {
  return h == nullptr ? nullptr : &h->project;
}
WS_GET(project_health, tasks_open, int64_t, o->v.tasks_open)
WS_GET(project_health, tasks_done, int64_t, o->v.tasks_done)
WS_GET(project_health, tasks_overdue, int64_t, o->v.tasks_overdue)
WS_GET(project_health, percent_done, double, o->v.percent_done)
WS_GET(project_health, has_percent_done_by_estimate, int,
       o->v.percent_done_by_estimate.has_value())
WS_GET(project_health, percent_done_by_estimate, double,
       o->v.percent_done_by_estimate.value_or(0))
WS_GET(project_health, nearest_deadline_task, int64_t,
       o->v.nearest_deadline_task.value())
WS_GET(project_health, has_nearest_deadline, int,
       o->v.nearest_deadline.has_value())
WS_GET(project_health, nearest_deadline, ws_date,
       o->v.nearest_deadline ? ToDate(o->v.nearest_deadline->day) : ws_date())
int ws_project_health_nearest_deadline_minute(const ws_project_health* h) {
  if (h == nullptr || !h->v.nearest_deadline ||
      !h->v.nearest_deadline->minute_of_day) {
    return WS_END_OF_DAY;
  }
  return *h->v.nearest_deadline->minute_of_day;
}
const ws_budget* ws_project_health_budget(const ws_project_health* h) {
  return h == nullptr ? nullptr : &h->budget;
}
WS_GET(project_health, has_billed, int, o->v.billed.has_value())
WS_GET(project_health, billed, int64_t, o->v.billed.value_or(0))
WS_GET(project_health, has_labour_cost, int, o->v.labour_cost.has_value())
WS_GET(project_health, labour_cost, int64_t, o->v.labour_cost.value_or(0))
WS_GET(project_health, has_expenses, int, o->v.expenses.has_value())
WS_GET(project_health, expenses, int64_t, o->v.expenses.value_or(0))
WS_GET(project_health, has_income, int, o->v.income.has_value())
WS_GET(project_health, income, int64_t, o->v.income.value_or(0))
WS_GET(project_health, has_margin, int, o->v.margin.has_value())
WS_GET(project_health, margin, int64_t, o->v.margin.value_or(0))
WS_GET(project_health, has_last_activity, int, o->v.last_activity.has_value())
WS_GET(project_health, last_activity, int64_t,
       o->v.last_activity ? ToMicros(*o->v.last_activity) : 0)

// --- Workload ----------------------------------------------------------------

int ws_run_workload(ws_session* session, const ws_workload_query* query,
                    ws_workload** out) {
  static constexpr char kFn[] = "ws_run_workload";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    ws_workload_query q = WS_WORKLOAD_QUERY_INIT;
    if (query != nullptr) {
      if (int rc = ReadVersioned(kFn, "query", query,
                                 worksection::capi::kWorkloadQuerySizes, q, &q);
          rc != WS_OK) {
        return rc;
      }
    }
    worksection::WorkloadQuery cc;
    int rc = WS_OK;
    if ((rc = FromOptionalDate(kFn, "query->from", q.from, &cc.from)) ||
        (rc = FromOptionalDate(kFn, "query->to", q.to, &cc.to)) ||
        (rc = worksection::capi::ReadIds(kFn, "members", q.members,
                                         q.member_count, &cc.members))) {
      return rc;
    }
    auto r = session->impl.RunWorkload(cc);
    if (!r.ok()) return SetStatus(r.status());
    auto w = std::make_unique<ws_workload>();
    w->v = *std::move(r);
    w->items.reserve(w->v.size());
    for (const worksection::WorkloadRow& row : w->v) w->items.push_back({row});
    *out = w.release();
    return WS_OK;
  });
}

void ws_workload_free(ws_workload* workload) { delete workload; }
size_t ws_workload_row_count(const ws_workload* w) {
  return w == nullptr ? 0 : w->items.size();
}
const ws_workload_row* ws_workload_row_at(const ws_workload* w, size_t i) {
  if (w == nullptr || i >= w->items.size()) return nullptr;
  return &w->items[i];
}
WS_GET(workload_row, member, int64_t, o->v.member.value())
WS_GET_STRING(workload_row, member_name)
WS_GET(workload_row, open_tasks, int64_t, o->v.open_tasks)
WS_GET(workload_row, overdue_tasks, int64_t, o->v.overdue_tasks)
WS_GET(workload_row, estimate_left, int64_t, ToSeconds(o->v.estimate_left))
WS_GET(workload_row, seconds_logged, int64_t, o->v.seconds_logged)

// --- Digest ------------------------------------------------------------------

int ws_run_digest(ws_session* session, const ws_digest_query* query,
                  ws_digest** out) {
  static constexpr char kFn[] = "ws_run_digest";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    ws_digest_query q = WS_DIGEST_QUERY_INIT;
    if (query != nullptr) {
      if (int rc = ReadVersioned(kFn, "query", query,
                                 worksection::capi::kDigestQuerySizes, q, &q);
          rc != WS_OK) {
        return rc;
      }
    }
    worksection::DigestQuery cc;
    int rc = WS_OK;
    if ((rc = worksection::capi::ReadIds(kFn, "members", q.members,
                                         q.member_count, &cc.members)) ||
        (rc = FromOptionalDate(kFn, "query->as_of", q.as_of, &cc.as_of))) {
      return rc;
    }
    auto r = session->impl.RunDigest(cc);
    if (!r.ok()) return SetStatus(r.status());
    auto d = std::make_unique<ws_digest>();
    d->v = *std::move(r);
    d->entries.reserve(d->v.entries.size());
    for (const worksection::DigestEntry& e : d->v.entries) {
      ws_digest_entry entry;
      entry.v = e;
      entry.received_overdue =
          worksection::capi::MakeOverdueRows(e.received_overdue);
      entry.set_overdue = worksection::capi::MakeOverdueRows(e.set_overdue);
      entry.due_this_week = worksection::capi::MakeOverdueRows(e.due_this_week);
      for (const worksection::Timer& t : e.forgotten_timers) {
        entry.forgotten_timers.push_back({t});
      }
      d->entries.push_back(std::move(entry));
    }
    *out = d.release();
    return WS_OK;
  });
}

void ws_digest_free(ws_digest* digest) { delete digest; }
ws_date ws_digest_as_of(const ws_digest* d) {
  return d == nullptr ? ws_date{0, 0, 0} : ToDate(d->v.as_of);
}
const char* ws_digest_time_zone(const ws_digest* d) {
  return d == nullptr ? "" : d->v.time_zone.c_str();
}
size_t ws_digest_entry_count(const ws_digest* d) {
  return d == nullptr ? 0 : d->entries.size();
}
const ws_digest_entry* ws_digest_entry_at(const ws_digest* d, size_t i) {
  if (d == nullptr || i >= d->entries.size()) return nullptr;
  return &d->entries[i];
}
WS_GET(digest_entry, member, int64_t, o->v.member.value())
WS_GET_STRING(digest_entry, member_name)

#define WS_DIGEST_ROWS(field)                                             \
  size_t ws_digest_entry_##field##_count(const ws_digest_entry* e) {      \
    return e == nullptr ? 0 : e->field.size();                            \
  }                                                                       \
  const ws_overdue_row* ws_digest_entry_##field(const ws_digest_entry* e, \
                                                size_t i) {               \
    if (e == nullptr || i >= e->field.size()) return nullptr;             \
    return &e->field[i];                                                  \
  }
WS_DIGEST_ROWS(received_overdue)
WS_DIGEST_ROWS(set_overdue)
WS_DIGEST_ROWS(due_this_week)
#undef WS_DIGEST_ROWS

size_t ws_digest_entry_forgotten_timer_count(const ws_digest_entry* e) {
  return e == nullptr ? 0 : e->forgotten_timers.size();
}
const ws_timer* ws_digest_entry_forgotten_timer(const ws_digest_entry* e,
                                                size_t i) {
  if (e == nullptr || i >= e->forgotten_timers.size()) return nullptr;
  return &e->forgotten_timers[i];
}
const char* ws_digest_entry_forgotten_timer_task(const ws_digest_entry* e,
                                                 size_t i) {
  if (e == nullptr || i >= e->v.forgotten_timer_tasks.size()) return nullptr;
  return e->v.forgotten_timer_tasks[i].c_str();
}

int ws_digest_render_text(const ws_digest* digest, ws_buf** out) {
  static constexpr char kFn[] = "ws_digest_render_text";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (digest == nullptr) return NullArg(kFn, "digest");
    return worksection::capi::EmitBuf(out,
                                      worksection::RenderDigestText(digest->v));
  });
}

int ws_digest_render_markdown(const ws_digest* digest, ws_buf** out) {
  static constexpr char kFn[] = "ws_digest_render_markdown";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (digest == nullptr) return NullArg(kFn, "digest");
    return worksection::capi::EmitBuf(
        out, worksection::RenderDigestMarkdown(digest->v));
  });
}

// --- Exports -----------------------------------------------------------------

// For a report object `obj` (ws_<obj>) whose C++ value is `expr` (of `r`):
// the CSV, XLSX and JSON exports into a ws_buf and into a file.
#define WS_EXPORTS(obj, expr)                                                  \
  int ws_##obj##_csv(const ws_##obj* r, const ws_csv_options* options,         \
                     ws_buf** out) {                                           \
    static constexpr char kFn[] = "ws_" #obj "_csv";                           \
    return Guard(kFn, [&] {                                                    \
      if (out == nullptr) return NullArg(kFn, "out");                          \
      *out = nullptr;                                                          \
      if (r == nullptr) return NullArg(kFn, #obj);                             \
      worksection::CsvOptions o;                                               \
      if (int rc = worksection::capi::ReadCsv(kFn, options, &o); rc != WS_OK)  \
        return rc;                                                             \
      return worksection::capi::EmitBuf(out, worksection::ExportCsv(expr, o)); \
    });                                                                        \
  }                                                                            \
  int ws_##obj##_xlsx(const ws_##obj* r, const ws_xlsx_options* options,       \
                      ws_buf** out) {                                          \
    static constexpr char kFn[] = "ws_" #obj "_xlsx";                          \
    return Guard(kFn, [&] {                                                    \
      if (out == nullptr) return NullArg(kFn, "out");                          \
      *out = nullptr;                                                          \
      if (r == nullptr) return NullArg(kFn, #obj);                             \
      worksection::XlsxOptions o;                                              \
      if (int rc = worksection::capi::ReadXlsx(kFn, options, &o); rc != WS_OK) \
        return rc;                                                             \
      return worksection::capi::EmitBuf(out,                                   \
                                        worksection::ExportXlsx(expr, o));     \
    });                                                                        \
  }                                                                            \
  int ws_##obj##_json(const ws_##obj* r, const ws_json_options* options,       \
                      ws_buf** out) {                                          \
    static constexpr char kFn[] = "ws_" #obj "_json";                          \
    return Guard(kFn, [&] {                                                    \
      if (out == nullptr) return NullArg(kFn, "out");                          \
      *out = nullptr;                                                          \
      if (r == nullptr) return NullArg(kFn, #obj);                             \
      worksection::JsonOptions o;                                              \
      if (int rc = worksection::capi::ReadJson(kFn, options, &o); rc != WS_OK) \
        return rc;                                                             \
      return worksection::capi::EmitBuf(out,                                   \
                                        worksection::ExportJson(expr, o));     \
    });                                                                        \
  }                                                                            \
  int ws_##obj##_write_csv(const ws_##obj* r, const char* path,                \
                           const ws_csv_options* options) {                    \
    static constexpr char kFn[] = "ws_" #obj "_write_csv";                     \
    return Guard(kFn, [&] {                                                    \
      if (r == nullptr) return NullArg(kFn, #obj);                             \
      if (path == nullptr) return NullArg(kFn, "path");                        \
      worksection::CsvOptions o;                                               \
      if (int rc = worksection::capi::ReadCsv(kFn, options, &o); rc != WS_OK)  \
        return rc;                                                             \
      return SetStatus(worksection::WriteCsvFile(expr, path, o));              \
    });                                                                        \
  }                                                                            \
  int ws_##obj##_write_xlsx(const ws_##obj* r, const char* path,               \
                            const ws_xlsx_options* options) {                  \
    static constexpr char kFn[] = "ws_" #obj "_write_xlsx";                    \
    return Guard(kFn, [&] {                                                    \
      if (r == nullptr) return NullArg(kFn, #obj);                             \
      if (path == nullptr) return NullArg(kFn, "path");                        \
      worksection::XlsxOptions o;                                              \
      if (int rc = worksection::capi::ReadXlsx(kFn, options, &o); rc != WS_OK) \
        return rc;                                                             \
      return SetStatus(worksection::WriteXlsxFile(expr, path, o));             \
    });                                                                        \
  }                                                                            \
  int ws_##obj##_write_json(const ws_##obj* r, const char* path,               \
                            const ws_json_options* options) {                  \
    static constexpr char kFn[] = "ws_" #obj "_write_json";                    \
    return Guard(kFn, [&] {                                                    \
      if (r == nullptr) return NullArg(kFn, #obj);                             \
      if (path == nullptr) return NullArg(kFn, "path");                        \
      worksection::JsonOptions o;                                              \
      if (int rc = worksection::capi::ReadJson(kFn, options, &o); rc != WS_OK) \
        return rc;                                                             \
      return SetStatus(worksection::WriteJsonFile(expr, path, o));             \
    });                                                                        \
  }

WS_EXPORTS(time_report, r->v)
WS_EXPORTS(overdue_report, r->v)
WS_EXPORTS(project_health_list, r->v)
WS_EXPORTS(workload, r->v)
#undef WS_EXPORTS

int ws_digest_json(const ws_digest* r, const ws_json_options* options,
                   ws_buf** out) {
  static constexpr char kFn[] = "ws_digest_json";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (r == nullptr) return NullArg(kFn, "digest");
    worksection::JsonOptions o;
    if (int rc = worksection::capi::ReadJson(kFn, options, &o); rc != WS_OK) {
      return rc;
    }
    return worksection::capi::EmitBuf(out, worksection::ExportJson(r->v, o));
  });
}

int ws_digest_write_json(const ws_digest* r, const char* path,
                         const ws_json_options* options) {
  static constexpr char kFn[] = "ws_digest_write_json";
  return Guard(kFn, [&] {
    if (r == nullptr) return NullArg(kFn, "digest");
    if (path == nullptr) return NullArg(kFn, "path");
    worksection::JsonOptions o;
    if (int rc = worksection::capi::ReadJson(kFn, options, &o); rc != WS_OK) {
      return rc;
    }
    return SetStatus(worksection::WriteJsonFile(r->v, path, o));
  });
}
