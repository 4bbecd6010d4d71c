// The C API's tasks: the task object, create/get/update, complete, reopen
// and move, and listing by pages or through an iterator.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "capi/internal.h"
#include "worksection/c.h"
#include "worksection/model.h"
#include "worksection/query.h"
#include "worksection/session.h"

struct ws_task_iter {
  worksection::Session session;
  worksection::TaskFilter filter;  // its page_token is the next page's
  std::vector<ws_task> page;
  size_t next = 0;         // index in `page` of the next task to hand out
  bool fetched = false;    // a page has been read
  bool last_page = false;  // `page` is the last one
};

namespace worksection::capi {
namespace {

constexpr size_t kTaskFilterSizes[] = {0, sizeof(ws_task_filter)};

// An id filter field: 0 any; WS_ID_NONE "none" (when allowed); else the id.
template <typename IdType>
int FilterId(const char* fn, const char* arg, int64_t value, bool none_ok,
             std::optional<IdType>* out) {
  if (value == 0) {
    out->reset();
  } else if (value > 0) {
    *out = IdType(value);
  } else if (value == WS_ID_NONE && none_ok) {
    *out = IdType();
  } else {
    return SetError(WS_EINVAL, absl::StrCat(fn, ": filter->", arg, " ", value,
                                            none_ok ? " is not an id, 0 or "
                                                      "WS_ID_NONE"
                                                    : " is not an id or 0"));
  }
  return WS_OK;
}

int ReadTaskFilter(const char* fn, const ws_task_filter* filter,
                   TaskFilter* out) {
  ws_task_filter f = WS_TASK_FILTER_INIT;
  if (filter != nullptr) {
    if (int rc = ReadVersioned(fn, "filter", filter, kTaskFilterSizes, f, &f);
        rc != WS_OK) {
      return rc;
    }
  }
  TaskFilter cc;
  int rc = WS_OK;
  if ((rc = FilterId(fn, "project", f.project, false, &cc.project)) ||
      (rc = FilterId(fn, "parent", f.parent, true, &cc.parent)) ||
      (rc = FilterId(fn, "assignee", f.assignee, true, &cc.assignee)) ||
      (rc = FilterId(fn, "author", f.author, false, &cc.author))) {
    return rc;
  }
  if (f.status != 0) {
    TaskStatus status;
    if ((rc = FromC(fn, kCTaskStatus, f.status, &status)) != WS_OK) return rc;
    cc.status = status;
  }
  if (f.tag != nullptr) cc.tag = std::string(f.tag);
  cc.min_priority = f.min_priority;
  cc.max_priority = f.max_priority;
  if ((rc = FromOptionalDate(fn, "filter->deadline_from", f.deadline_from,
                             &cc.deadline_from)) ||
      (rc = FromOptionalDate(fn, "filter->deadline_to", f.deadline_to,
                             &cc.deadline_to)) ||
      (rc = FromOptionalDate(fn, "filter->overdue_as_of", f.overdue_as_of,
                             &cc.overdue_as_of))) {
    return rc;
  }
  if (f.text_contains != nullptr) cc.text_contains = f.text_contains;
  switch (f.order) {
    case WS_ORDER_ID:
      cc.order = TaskOrder::kId;
      break;
    case WS_ORDER_DEADLINE:
      cc.order = TaskOrder::kDeadline;
      break;
    case WS_ORDER_PRIORITY:
      cc.order = TaskOrder::kPriority;
      break;
    default:
      return SetError(WS_EINVAL, absl::StrCat(fn, ": filter->order ",
                                              static_cast<int>(f.order),
                                              " is not a ws_task_order"));
  }
  cc.limit = f.limit == 0 ? limits::kDefaultPageSize : f.limit;
  *out = std::move(cc);
  return WS_OK;
}

}  // namespace
}  // namespace worksection::capi

using worksection::capi::CopyString;
using worksection::capi::EmitResult;
using worksection::capi::FromC;
using worksection::capi::FromDate;
using worksection::capi::Guard;
using worksection::capi::kCProjectRole;
using worksection::capi::kCProjectStatus;
using worksection::capi::kCRole;
using worksection::capi::NullArg;
using worksection::capi::Refresh;
using worksection::capi::SetError;
using worksection::capi::SetStatus;
using worksection::capi::ToDate;
using worksection::capi::ToMicros;
using worksection::capi::ToSeconds;

WS_LIFECYCLE(task)

int ws_task_create(ws_session* session, ws_task* task) {
  static constexpr char kFn[] = "ws_task_create";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    if (task == nullptr) return NullArg(kFn, "task");
    return Refresh(&task->v, session->impl.CreateTask(task->v));
  });
}

int ws_task_get(ws_session* session, int64_t id, ws_task** out) {
  static constexpr char kFn[] = "ws_task_get";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(out, session->impl.GetTask(worksection::TaskId(id)));
  });
}

int ws_task_update(ws_session* session, ws_task* task) {
  static constexpr char kFn[] = "ws_task_update";
  return Guard(kFn, [&] {
    if (session == nullptr) return NullArg(kFn, "session");
    if (task == nullptr) return NullArg(kFn, "task");
    return Refresh(&task->v, session->impl.UpdateTask(task->v));
  });
}

int ws_task_complete(ws_session* session, int64_t id, const char* note,
                     ws_task** out) {
  static constexpr char kFn[] = "ws_task_complete";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(out, session->impl.CompleteTask(
                               worksection::TaskId(id),
                               note == nullptr ? std::string() : note));
  });
}

int ws_task_reopen(ws_session* session, int64_t id, ws_task** out) {
  static constexpr char kFn[] = "ws_task_reopen";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(out, session->impl.ReopenTask(worksection::TaskId(id)));
  });
}

int ws_task_move(ws_session* session, int64_t id, int64_t project,
                 int64_t new_parent, ws_task** out) {
  static constexpr char kFn[] = "ws_task_move";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    return EmitResult(out,
                      session->impl.MoveTask(worksection::TaskId(id),
                                             worksection::ProjectId(project),
                                             worksection::TaskId(new_parent)));
  });
}

// --- Listing -----------------------------------------------------------------

int ws_list_tasks(ws_session* session, const ws_task_filter* filter,
                  const char* page_token, ws_task_page** out) {
  static constexpr char kFn[] = "ws_list_tasks";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    worksection::TaskFilter f;
    if (int rc = worksection::capi::ReadTaskFilter(kFn, filter, &f);
        rc != WS_OK) {
      return rc;
    }
    if (page_token != nullptr) f.page_token = page_token;
    auto r = session->impl.ListTasks(f);
    if (!r.ok()) return SetStatus(r.status());
    auto page = std::make_unique<ws_task_page>();
    page->items.reserve(r->tasks.size());
    for (worksection::Task& t : r->tasks) page->items.push_back({std::move(t)});
    page->next_token = std::move(r->next_page_token);
    *out = page.release();
    return WS_OK;
  });
}

size_t ws_task_page_count(const ws_task_page* page) {
  return page == nullptr ? 0 : page->items.size();
}

const ws_task* ws_task_page_at(const ws_task_page* page, size_t i) {
  if (page == nullptr || i >= page->items.size()) return nullptr;
  return &page->items[i];
}

const char* ws_task_page_next_token(const ws_task_page* page) {
  return page == nullptr ? "" : page->next_token.c_str();
}

void ws_task_page_free(ws_task_page* page) { delete page; }

int ws_task_iter_new(ws_session* session, const ws_task_filter* filter,
                     ws_task_iter** out) {
  static constexpr char kFn[] = "ws_task_iter_new";
  return Guard(kFn, [&] {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    worksection::TaskFilter f;
    if (int rc = worksection::capi::ReadTaskFilter(kFn, filter, &f);
        rc != WS_OK) {
      return rc;
    }
    *out = new ws_task_iter{session->impl, std::move(f), {}, 0, false, false};
    return WS_OK;
  });
}

int ws_task_iter_next(ws_task_iter* iter, const ws_task** task) {
  static constexpr char kFn[] = "ws_task_iter_next";
  return Guard(kFn, [&] {
    if (task == nullptr) return NullArg(kFn, "task");
    *task = nullptr;
    if (iter == nullptr) return NullArg(kFn, "iter");
    while (iter->next >= iter->page.size()) {
      if (iter->fetched && iter->last_page) return WS_DONE;
      auto r = iter->session.ListTasks(iter->filter);
      if (!r.ok()) return SetStatus(r.status());  // state kept: retryable
      std::vector<ws_task> page;
      page.reserve(r->tasks.size());
      for (worksection::Task& t : r->tasks) page.push_back({std::move(t)});
      iter->page = std::move(page);
      iter->next = 0;
      iter->fetched = true;
      iter->last_page = r->next_page_token.empty();
      iter->filter.page_token = std::move(r->next_page_token);
    }
    *task = &iter->page[iter->next++];
    return WS_OK;
  });
}

void ws_task_iter_free(ws_task_iter* iter) { delete iter; }

// --- Accessors ---------------------------------------------------------------

WS_GET(task, id, int64_t, o->v.id.value())
WS_GET(task, revision, int64_t, o->v.revision)
WS_GET(task, project, int64_t, o->v.project.value())
WS_GET(task, parent, int64_t, o->v.parent.value())
WS_GET_STRING(task, title)
WS_GET_STRING(task, text)
WS_GET(task, author, int64_t, o->v.author.value())
WS_GET(task, assignee, int64_t, o->v.assignee.value())
WS_GET(task, priority, int, o->v.priority)
ws_task_status ws_task_status_of(const ws_task* o) {
  return o == nullptr ? static_cast<ws_task_status>(0)
                      : static_cast<ws_task_status>(worksection::capi::ToC(
                            worksection::capi::kCTaskStatus, o->v.status));
}
WS_GET(task, has_start_date, int, o->v.start_date.has_value())
WS_GET(task, start_date, ws_date,
       o->v.start_date ? ToDate(*o->v.start_date) : ws_date{})
WS_GET(task, has_deadline, int, o->v.deadline.has_value())
WS_GET(task, deadline, ws_date,
       o->v.deadline ? ToDate(o->v.deadline->day) : ws_date{})
int ws_task_deadline_minute(const ws_task* o) {
  if (o == nullptr || !o->v.deadline || !o->v.deadline->minute_of_day) {
    return WS_END_OF_DAY;
  }
  return *o->v.deadline->minute_of_day;
}
WS_GET(task, has_estimate, int, o->v.estimate.has_value())
WS_GET(task, estimate, int64_t, o->v.estimate ? ToSeconds(*o->v.estimate) : 0)
WS_GET(task, has_money_budget, int, o->v.money_budget.has_value())
WS_GET(task, money_budget, int64_t, o->v.money_budget.value_or(0))
WS_GET(task, tag_count, size_t, o->v.tags.size())
const char* ws_task_tag(const ws_task* o, size_t i) {
  if (o == nullptr || i >= o->v.tags.size()) return nullptr;
  return o->v.tags[i].c_str();
}
WS_GET(task, checklist_count, size_t, o->v.checklist.size())
const char* ws_task_checklist_text(const ws_task* o, size_t i) {
  if (o == nullptr || i >= o->v.checklist.size()) return nullptr;
  return o->v.checklist[i].text.c_str();
}
int ws_task_checklist_done(const ws_task* o, size_t i) {
  if (o == nullptr || i >= o->v.checklist.size()) return 0;
  return o->v.checklist[i].done ? 1 : 0;
}
WS_GET(task, subscriber_count, size_t, o->v.subscribers.size())
int64_t ws_task_subscriber(const ws_task* o, size_t i) {
  if (o == nullptr || i >= o->v.subscribers.size()) return 0;
  return o->v.subscribers[i].value();
}
WS_GET(task, hidden_from_clients, int, o->v.hidden_from_clients ? 1 : 0)
WS_GET_STRING(task, completion_note)
WS_GET(task, has_completed_at, int, o->v.completed_at.has_value())
WS_GET(task, completed_at, int64_t,
       o->v.completed_at ? ToMicros(*o->v.completed_at) : 0)
WS_GET(task, created_at, int64_t, ToMicros(o->v.created_at))
WS_GET(task, updated_at, int64_t, ToMicros(o->v.updated_at))

// --- Setters -----------------------------------------------------------------

WS_SET(task, revision, int64_t, o->v.revision = value; return WS_OK)
WS_SET_ID(task, project, ProjectId)
WS_SET_ID(task, parent, TaskId)
WS_SET_STRING(task, title)
WS_SET_STRING(task, text)
WS_SET_ID(task, assignee, MemberId)
WS_SET(task, priority, int, o->v.priority = value; return WS_OK)
WS_SET(task, start_date, ws_date, absl::CivilDay d;
       if (int rc = FromDate(kFn, "day", value, &d); rc != WS_OK) return rc;
       o->v.start_date = d; return WS_OK)
WS_CLEAR(task, start_date, o->v.start_date.reset())
WS_CLEAR(task, deadline, o->v.deadline.reset())
WS_SET(task, estimate, int64_t, o->v.estimate = absl::Seconds(value);
       return WS_OK)
WS_CLEAR(task, estimate, o->v.estimate.reset())
WS_SET(task, money_budget, int64_t, o->v.money_budget = value; return WS_OK)
WS_CLEAR(task, money_budget, o->v.money_budget.reset())
WS_SET(task, hidden_from_clients, int, o->v.hidden_from_clients = value != 0;
       return WS_OK)

int ws_task_set_deadline(ws_task* task, ws_date day, int minute_of_day) {
  static constexpr char kFn[] = "ws_task_set_deadline";
  return Guard(kFn, [&] {
    if (task == nullptr) return NullArg(kFn, "task");
    worksection::Deadline deadline;
    if (int rc = FromDate(kFn, "day", day, &deadline.day); rc != WS_OK) {
      return rc;
    }
    if (minute_of_day != WS_END_OF_DAY) deadline.minute_of_day = minute_of_day;
    task->v.deadline = deadline;
    return WS_OK;
  });
}

int ws_task_set_tags(ws_task* task, const char* const* tags, size_t count) {
  static constexpr char kFn[] = "ws_task_set_tags";
  return Guard(kFn, [&] {
    if (task == nullptr) return NullArg(kFn, "task");
    return worksection::capi::SetTags(kFn, tags, count, &task->v.tags);
  });
}

int ws_task_add_tag(ws_task* task, const char* tag) {
  static constexpr char kFn[] = "ws_task_add_tag";
  return Guard(kFn, [&] {
    if (task == nullptr) return NullArg(kFn, "task");
    if (tag == nullptr) return NullArg(kFn, "tag");
    task->v.tags.emplace_back(tag);
    return WS_OK;
  });
}

int ws_task_checklist_add(ws_task* task, const char* text, int done) {
  static constexpr char kFn[] = "ws_task_checklist_add";
  return Guard(kFn, [&] {
    if (task == nullptr) return NullArg(kFn, "task");
    if (text == nullptr) return NullArg(kFn, "text");
    task->v.checklist.push_back({std::string(text), done != 0});
    return WS_OK;
  });
}

namespace {

int ChecklistIndex(const char* fn, const ws_task* task, size_t i) {
  if (i >= task->v.checklist.size()) {
    return SetError(WS_ERANGE,
                    absl::StrCat(fn, ": checklist item ", i, " of ",
                                 task->v.checklist.size(), " is out of range"));
  }
  return WS_OK;
}

}  // namespace

int ws_task_checklist_set_done(ws_task* task, size_t i, int done) {
  static constexpr char kFn[] = "ws_task_checklist_set_done";
  return Guard(kFn, [&] {
    if (task == nullptr) return NullArg(kFn, "task");
    if (int rc = ChecklistIndex(kFn, task, i); rc != WS_OK) return rc;
    task->v.checklist[i].done = done != 0;
    return WS_OK;
  });
}

int ws_task_checklist_remove(ws_task* task, size_t i) {
  static constexpr char kFn[] = "ws_task_checklist_remove";
  return Guard(kFn, [&] {
    if (task == nullptr) return NullArg(kFn, "task");
    if (int rc = ChecklistIndex(kFn, task, i); rc != WS_OK) return rc;
    task->v.checklist.erase(task->v.checklist.begin() +
                            static_cast<std::ptrdiff_t>(i));
    return WS_OK;
  });
}

int ws_task_checklist_clear(ws_task* task) {
  static constexpr char kFn[] = "ws_task_checklist_clear";
  return Guard(kFn, [&] {
    if (task == nullptr) return NullArg(kFn, "task");
    task->v.checklist.clear();
    return WS_OK;
  });
}

int ws_task_set_subscribers(ws_task* task, const int64_t* ids, size_t count) {
  static constexpr char kFn[] = "ws_task_set_subscribers";
  return Guard(kFn, [&] {
    if (task == nullptr) return NullArg(kFn, "task");
    if (ids == nullptr && count > 0) return NullArg(kFn, "ids");
    std::vector<worksection::MemberId> copy;
    copy.reserve(count);
    for (size_t i = 0; i < count; ++i) copy.emplace_back(ids[i]);
    task->v.subscribers = std::move(copy);
    return WS_OK;
  });
}

int ws_task_add_subscriber(ws_task* task, int64_t member) {
  static constexpr char kFn[] = "ws_task_add_subscriber";
  return Guard(kFn, [&] {
    if (task == nullptr) return NullArg(kFn, "task");
    task->v.subscribers.emplace_back(member);
    return WS_OK;
  });
}
