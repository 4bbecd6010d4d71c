// The C API's time tracking: time entries (log, get, update, delete,
// reprice, pages and an iterator) and timers.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "capi/internal.h"
#include "worksection/c.h"
#include "worksection/limits.h"
#include "worksection/session.h"
#include "worksection/time_tracking.h"

struct ws_time_entry_iter {
  worksection::Session session;
  worksection::TimeEntryFilter filter;  // its page_token is the next page's
  std::vector<ws_time_entry> page;
  size_t next = 0;
  bool fetched = false;
  bool last_page = false;
};

using worksection::capi::CopyString;
using worksection::capi::EmitList;
using worksection::capi::EmitResult;
using worksection::capi::FromC;
using worksection::capi::FromDate;
using worksection::capi::FromMicros;
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

constexpr size_t kTimeLogSizes[] = {0, sizeof(ws_time_log)};
constexpr size_t kTimeEntryFilterSizes[] = {0, sizeof(ws_time_entry_filter)};

int ReadTimeLog(const char* fn, const ws_time_log* in, TimeLog* out) {
  ws_time_log l = WS_TIME_LOG_INIT;
  if (int rc = ReadVersioned(fn, "log", in, kTimeLogSizes, l, &l);
      rc != WS_OK) {
    return rc;
  }
  TimeLog cc;
  cc.task = TaskId(l.task);
  cc.member = MemberId(l.member);
  if (int rc = FromOptionalDate(fn, "log->date", l.date, &cc.date);
      rc != WS_OK) {
    return rc;
  }
  // 0 means unset; any other value (negative ones too) goes to the library,
  // which names it in its error.
  if (l.duration != 0) cc.duration = absl::Seconds(l.duration);
  if (l.start != 0) cc.start = FromMicros(l.start);
  if (l.end != 0) cc.end = FromMicros(l.end);
  cc.billable = l.billable != 0;
  if (l.note != nullptr) cc.note = l.note;
  *out = std::move(cc);
  return WS_OK;
}

// An id filter field: 0 any, else the id.
template <typename IdType>
int FilterId(const char* fn, const char* arg, int64_t value,
             std::optional<IdType>* out) {
  if (value == 0) {
    out->reset();
  } else if (value > 0) {
    *out = IdType(value);
  } else {
    return SetError(WS_EINVAL, absl::StrCat(fn, ": filter->", arg, " ", value,
                                            " is not an id or 0"));
  }
  return WS_OK;
}

}  // namespace

int FromCBillable(const char* fn, const char* arg, int value,
                  std::optional<bool>* out) {
  switch (value) {
    case WS_BILLABLE_ANY:
      out->reset();
      return WS_OK;
    case WS_BILLABLE_YES:
      *out = true;
      return WS_OK;
    case WS_BILLABLE_NO:
      *out = false;
      return WS_OK;
  }
  return SetError(WS_EINVAL, absl::StrCat(fn, ": ", arg, " ", value,
                                          " is not a ws_billable"));
}

namespace {

int ReadTimeEntryFilter(const char* fn, const ws_time_entry_filter* filter,
                        TimeEntryFilter* out) {
  ws_time_entry_filter f = WS_TIME_ENTRY_FILTER_INIT;
  if (filter != nullptr) {
    if (int rc =
            ReadVersioned(fn, "filter", filter, kTimeEntryFilterSizes, f, &f);
        rc != WS_OK) {
      return rc;
    }
  }
  TimeEntryFilter cc;
  int rc = WS_OK;
  if ((rc = FilterId(fn, "project", f.project, &cc.project)) ||
      (rc = FilterId(fn, "task", f.task, &cc.task)) ||
      (rc = FilterId(fn, "member", f.member, &cc.member)) ||
      (rc = FromOptionalDate(fn, "filter->from", f.from, &cc.from)) ||
      (rc = FromOptionalDate(fn, "filter->to", f.to, &cc.to)) ||
      (rc = FromCBillable(fn, "filter->billable", f.billable, &cc.billable))) {
    return rc;
  }
  if (f.tag != nullptr) cc.tag = std::string(f.tag);
  cc.limit = f.limit == 0 ? limits::kDefaultPageSize : f.limit;
  *out = std::move(cc);
  return WS_OK;
}

}  // namespace
}  // namespace worksection::capi

// --- Time entries ------------------------------------------------------------

int ws_log_time(ws_session* session, const ws_time_log* log,
                ws_time_entry** out) {
  static constexpr char kFn[] = "ws_log_time";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    worksection::TimeLog l;
    if (int rc = worksection::capi::ReadTimeLog(kFn, log, &l); rc != WS_OK) {
      return rc;
    }
    return EmitResult(out, session->impl.LogTime(l));
  });
}

int ws_log_time_batch(ws_session* session, const ws_time_log* const* logs,
                      size_t count, size_t* written) {
  static constexpr char kFn[] = "ws_log_time_batch";
  return Guard(kFn, [&] {
    if (written != nullptr) *written = 0;
    if (session == nullptr) return NullArg(kFn, "session");
    if (logs == nullptr && count > 0) return NullArg(kFn, "logs");
    std::vector<worksection::TimeLog> batch(count);
    for (size_t i = 0; i < count; ++i) {
      if (int rc = worksection::capi::ReadTimeLog(kFn, logs[i], &batch[i]);
          rc != WS_OK) {
        return rc;
      }
    }
    absl::StatusOr<std::vector<worksection::TimeEntry>> done =
        session->impl.LogTimeBatch(batch);
    if (!done.ok()) return SetStatus(done.status());
    if (written != nullptr) *written = done->size();
    return WS_OK;
  });
}

int ws_time_entry_get(ws_session* session, int64_t id, ws_time_entry** out) {
  static constexpr char kFn[] = "ws_time_entry_get";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(out,
                      session->impl.GetTimeEntry(worksection::TimeEntryId(id)));
  });
}

int ws_time_entry_update(ws_session* session, ws_time_entry* entry) {
  static constexpr char kFn[] = "ws_time_entry_update";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    if (entry == nullptr) return NullArg(kFn, "entry");
    return Refresh(&entry->v, session->impl.UpdateTimeEntry(entry->v));
  });
}

int ws_time_entry_delete(ws_session* session, int64_t id, int64_t revision) {
  static constexpr char kFn[] = "ws_time_entry_delete";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    return SetStatus(
        session->impl.DeleteTimeEntry(worksection::TimeEntryId(id), revision));
  });
}

int ws_reprice_time_entries(ws_session* session, int64_t project, ws_date from,
                            ws_date to, int64_t* changed) {
  static constexpr char kFn[] = "ws_reprice_time_entries";
  return Guard(kFn, [&] {
    if (changed != nullptr) *changed = 0;
    if (session == nullptr) return NullArg(kFn, "session");
    absl::CivilDay f, t;
    if (int rc = FromDate(kFn, "from", from, &f); rc != WS_OK) return rc;
    if (int rc = FromDate(kFn, "to", to, &t); rc != WS_OK) return rc;
    auto r =
        session->impl.RepriceTimeEntries(worksection::ProjectId(project), f, t);
    if (!r.ok()) return SetStatus(r.status());
    if (changed != nullptr) *changed = *r;
    return WS_OK;
  });
}

int ws_time_entry_dup(const ws_time_entry* src, ws_time_entry** out) {
  static constexpr char kFn[] = "ws_time_entry_dup";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (src == nullptr) return NullArg(kFn, "entry");
    *out = new ws_time_entry{*src};
    return WS_OK;
  });
}

void ws_time_entry_free(ws_time_entry* entry) { delete entry; }

int ws_list_time_entries(ws_session* session,
                         const ws_time_entry_filter* filter,
                         const char* page_token, ws_time_entry_page** out) {
  static constexpr char kFn[] = "ws_list_time_entries";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    worksection::TimeEntryFilter f;
    if (int rc = worksection::capi::ReadTimeEntryFilter(kFn, filter, &f);
        rc != WS_OK) {
      return rc;
    }
    if (page_token != nullptr) f.page_token = page_token;
    auto r = session->impl.ListTimeEntries(f);
    if (!r.ok()) return SetStatus(r.status());
    auto page = std::make_unique<ws_time_entry_page>();
    page->items.reserve(r->entries.size());
    for (worksection::TimeEntry& e : r->entries) {
      page->items.push_back({std::move(e)});
    }
    page->next_token = std::move(r->next_page_token);
    *out = page.release();
    return WS_OK;
  });
}

size_t ws_time_entry_page_count(const ws_time_entry_page* page) {
  return page == nullptr ? 0 : page->items.size();
}

const ws_time_entry* ws_time_entry_page_at(const ws_time_entry_page* page,
                                           size_t i) {
  if (page == nullptr || i >= page->items.size()) return nullptr;
  return &page->items[i];
}

const char* ws_time_entry_page_next_token(const ws_time_entry_page* page) {
  return page == nullptr ? "" : page->next_token.c_str();
}

void ws_time_entry_page_free(ws_time_entry_page* page) { delete page; }

int ws_time_entry_iter_new(ws_session* session,
                           const ws_time_entry_filter* filter,
                           ws_time_entry_iter** out) {
  static constexpr char kFn[] = "ws_time_entry_iter_new";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    worksection::TimeEntryFilter f;
    if (int rc = worksection::capi::ReadTimeEntryFilter(kFn, filter, &f);
        rc != WS_OK) {
      return rc;
    }
    *out = new ws_time_entry_iter{session->impl, std::move(f), {}, 0,
                                  false,         false};
    return WS_OK;
  });
}

int ws_time_entry_iter_next(ws_time_entry_iter* iter,
                            const ws_time_entry** entry) {
  static constexpr char kFn[] = "ws_time_entry_iter_next";
  return Guard(kFn, [&] {
    if (entry == nullptr) return NullArg(kFn, "entry");
    *entry = nullptr;
    if (iter == nullptr) return NullArg(kFn, "iter");
    while (iter->next >= iter->page.size()) {
      if (iter->fetched && iter->last_page) return WS_DONE;
      auto r = iter->session.ListTimeEntries(iter->filter);
      if (!r.ok()) return SetStatus(r.status());  // state kept: retryable
      std::vector<ws_time_entry> page;
      page.reserve(r->entries.size());
      for (worksection::TimeEntry& e : r->entries) {
        page.push_back({std::move(e)});
      }
      iter->page = std::move(page);
      iter->next = 0;
      iter->fetched = true;
      iter->last_page = r->next_page_token.empty();
      iter->filter.page_token = std::move(r->next_page_token);
    }
    *entry = &iter->page[iter->next++];
    return WS_OK;
  });
}

void ws_time_entry_iter_free(ws_time_entry_iter* iter) { delete iter; }

WS_GET(time_entry, id, int64_t, o->v.id.value())
WS_GET(time_entry, revision, int64_t, o->v.revision)
WS_GET(time_entry, task, int64_t, o->v.task.value())
WS_GET(time_entry, project, int64_t, o->v.project.value())
WS_GET(time_entry, member, int64_t, o->v.member.value())
WS_GET(time_entry, date, ws_date, ToDate(o->v.date))
WS_GET(time_entry, has_start, int, o->v.start.has_value() ? 1 : 0)
WS_GET(time_entry, start, int64_t, o->v.start ? ToMicros(*o->v.start) : 0)
WS_GET(time_entry, duration, int64_t, ToSeconds(o->v.duration))
WS_GET(time_entry, billed_duration, int64_t, ToSeconds(o->v.billed_duration))
WS_GET(time_entry, billable, int, o->v.billable ? 1 : 0)
WS_GET_STRING(time_entry, note)
WS_GET(time_entry, has_billing_rate, int, o->v.billing_rate.has_value())
WS_GET(time_entry, billing_rate, int64_t, o->v.billing_rate.value_or(0))
WS_GET(time_entry, has_cost_rate, int, o->v.cost_rate.has_value())
WS_GET(time_entry, cost_rate, int64_t, o->v.cost_rate.value_or(0))
WS_GET(time_entry, has_billed_amount, int, o->v.billed_amount.has_value())
WS_GET(time_entry, billed_amount, int64_t, o->v.billed_amount.value_or(0))
WS_GET(time_entry, has_labour_cost, int, o->v.labour_cost.has_value())
WS_GET(time_entry, labour_cost, int64_t, o->v.labour_cost.value_or(0))
WS_GET(time_entry, created_at, int64_t, ToMicros(o->v.created_at))
WS_GET(time_entry, updated_at, int64_t, ToMicros(o->v.updated_at))

WS_SET(time_entry, revision, int64_t, o->v.revision = value; return WS_OK)
WS_SET_ID(time_entry, task, TaskId)
WS_SET(time_entry, date, ws_date, absl::CivilDay d;
       if (int rc = FromDate(kFn, "day", value, &d); rc != WS_OK) return rc;
       o->v.date = d; return WS_OK)
WS_SET(time_entry, start, int64_t, o->v.start = FromMicros(value); return WS_OK)
WS_CLEAR(time_entry, start, o->v.start.reset())
WS_SET(time_entry, duration, int64_t, o->v.duration = absl::Seconds(value);
       return WS_OK)
WS_SET(time_entry, billable, int, o->v.billable = value != 0; return WS_OK)
WS_SET_STRING(time_entry, note)

// --- Timers ------------------------------------------------------------------

WS_LIST(timer_list, timer)

int ws_timer_start(ws_session* session, int64_t task, int stop_running,
                   ws_timer** out) {
  static constexpr char kFn[] = "ws_timer_start";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(out, session->impl.StartTimer(worksection::TaskId(task),
                                                    stop_running != 0));
  });
}

int ws_timer_stop(ws_session* session, const char* note, int cap_at_limit,
                  ws_time_entry** out) {
  static constexpr char kFn[] = "ws_timer_stop";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(
        out, session->impl.StopTimer(note == nullptr ? std::string() : note,
                                     cap_at_limit != 0));
  });
}

int ws_timer_cancel(ws_session* session) {
  static constexpr char kFn[] = "ws_timer_cancel";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    return SetStatus(session->impl.CancelTimer());
  });
}

int ws_timer_get(ws_session* session, int64_t member, ws_timer** out) {
  static constexpr char kFn[] = "ws_timer_get";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    auto r = session->impl.GetTimer(worksection::MemberId(member));
    if (!r.ok()) return SetStatus(r.status());
    if (r->has_value()) *out = new ws_timer{**r};
    return WS_OK;
  });
}

int ws_list_timers(ws_session* session, ws_timer_list** out) {
  static constexpr char kFn[] = "ws_list_timers";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    auto r = session->impl.ListTimers();
    if (!r.ok()) return SetStatus(r.status());
    return EmitList(out, *std::move(r));
  });
}

int ws_list_forgotten_timers(ws_session* session, ws_timer_list** out) {
  static constexpr char kFn[] = "ws_list_forgotten_timers";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    auto r = session->impl.ListForgottenTimers();
    if (!r.ok()) return SetStatus(r.status());
    return EmitList(out, *std::move(r));
  });
}

int ws_timer_dup(const ws_timer* src, ws_timer** out) {
  static constexpr char kFn[] = "ws_timer_dup";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (src == nullptr) return NullArg(kFn, "timer");
    *out = new ws_timer{*src};
    return WS_OK;
  });
}

void ws_timer_free(ws_timer* timer) { delete timer; }

WS_GET(timer, member, int64_t, o->v.member.value())
WS_GET(timer, task, int64_t, o->v.task.value())
WS_GET(timer, started_at, int64_t, ToMicros(o->v.started_at))
WS_GET(timer, forgotten, int, o->v.forgotten ? 1 : 0)
