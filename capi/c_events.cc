// The change feed in C: pages of events, their accessors, and subscriptions
// that call a C function with user data.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "capi/internal.h"
#include "worksection/events.h"

struct ws_event {
  worksection::Event v;
  std::string json;   // ws_event_json
  std::string proto;  // ws_event_proto
};
struct ws_event_page {
  std::vector<ws_event> items;
  int64_t last_seq = 0;
  bool has_more = false;
};
struct ws_subscription {
  worksection::Subscription impl;
};

using worksection::capi::Guard;
using worksection::capi::NullArg;
using worksection::capi::SetStatus;

namespace {

std::vector<ws_event> EventsToC(std::vector<worksection::Event> events) {
  std::vector<ws_event> out;
  out.reserve(events.size());
  for (worksection::Event& e : events) {
    ws_event& c = out.emplace_back();
    c.json = worksection::EventToJson(e);
    c.proto = worksection::EventToProto(e);
    c.v = std::move(e);
  }
  return out;
}

}  // namespace

extern "C" {

const char* ws_entity_type_name(ws_entity_type type) {
  if (type < WS_ENTITY_WORKSPACE || type > WS_ENTITY_BUDGET_ALERT) return "?";
  return worksection::EntityTypeName(static_cast<worksection::EntityType>(type))
      .data();
}

const char* ws_event_action_name(ws_event_action action) {
  if (action < WS_EVENT_CREATED || action > WS_EVENT_BATCH_CREATED) {
    return "?";
  }
  return worksection::EventActionName(
             static_cast<worksection::EventAction>(action))
      .data();
}

int ws_changes_since(ws_session* session, int64_t after_seq, int limit,
                     ws_event_page** out) {
  static constexpr char kFn[] = "ws_changes_since";
  return Guard(kFn, [&]() -> int {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArg(kFn, "session");
    auto page = session->impl.ChangesSince(
        after_seq, limit == 0 ? worksection::limits::kDefaultPageSize : limit);
    if (!page.ok()) return SetStatus(page.status());
    auto c = std::make_unique<ws_event_page>();
    c->items = EventsToC(std::move(page->events));
    c->last_seq = page->last_seq;
    c->has_more = page->has_more;
    *out = c.release();
    return WS_OK;
  });
}

WS_LIST(event_page, event)
WS_GET(event_page, last_seq, int64_t, o->last_seq)
WS_GET(event_page, has_more, int, o->has_more ? 1 : 0)

WS_GET(event, seq, int64_t, o->v.seq)
WS_GET(event, at, int64_t, absl::ToUnixMicros(o->v.at))
WS_GET(event, actor, int64_t, o->v.actor.value())
WS_GET(event, entity_type, ws_entity_type,
       static_cast<ws_entity_type>(o->v.entity_type))
WS_GET(event, entity_id, int64_t, o->v.entity_id)
WS_GET(event, project, int64_t, o->v.project.value())
WS_GET(event, task, int64_t, o->v.task.value())
WS_GET(event, action_of, ws_event_action,
       static_cast<ws_event_action>(o->v.action))
WS_GET(event, hidden_from_clients, int, o->v.hidden_from_clients ? 1 : 0)
WS_GET(event, revealed_to_clients, int, o->v.revealed_to_clients ? 1 : 0)
WS_GET(event, concealed_from_clients, int, o->v.concealed_from_clients ? 1 : 0)
WS_GET(event, change_count, size_t, o->v.changes.size())
WS_GET(event, entity_id_count, size_t, o->v.entity_ids.size())

int64_t ws_event_entity_id_at(const ws_event* event, size_t i) {
  if (event == nullptr || i >= event->v.entity_ids.size()) return 0;
  return event->v.entity_ids[i];
}

const char* ws_event_change_field(const ws_event* event, size_t i) {
  if (event == nullptr || i >= event->v.changes.size()) return "";
  return event->v.changes[i].field.c_str();
}

const char* ws_event_json(const ws_event* event) {
  return event == nullptr ? "" : event->json.c_str();
}

int ws_event_proto(const ws_event* event, const void** data, size_t* size) {
  static constexpr char kFn[] = "ws_event_proto";
  return Guard(kFn, [&]() -> int {
    if (event == nullptr) return NullArg(kFn, "event");
    if (data == nullptr) return NullArg(kFn, "data");
    if (size == nullptr) return NullArg(kFn, "size");
    *data = event->proto.data();
    *size = event->proto.size();
    return WS_OK;
  });
}

int ws_subscribe(ws_workspace* workspace, int64_t member, ws_event_fn fn,
                 void* user_data, ws_subscription** out) {
  static constexpr char kFn[] = "ws_subscribe";
  return Guard(kFn, [&]() -> int {
    if (out == nullptr) return NullArg(kFn, "out");
    *out = nullptr;
    if (workspace == nullptr) return NullArg(kFn, "workspace");
    if (fn == nullptr) return NullArg(kFn, "fn");
    auto sub = workspace->impl->Subscribe(
        worksection::MemberId(member),
        [fn, user_data](const std::vector<worksection::Event>& events) {
          // The callback is C: nothing may throw through it, and an
          // allocation failure here drops this delivery.
          try {
            std::vector<ws_event> c = EventsToC(events);
            std::vector<const ws_event*> pointers;
            pointers.reserve(c.size());
            for (const ws_event& e : c) pointers.push_back(&e);
            fn(user_data, pointers.data(), pointers.size());
          } catch (const std::bad_alloc&) {
          }
        });
    if (!sub.ok()) return SetStatus(sub.status());
    *out = new ws_subscription{*std::move(sub)};
    return WS_OK;
  });
}

void ws_subscription_free(ws_subscription* subscription) {
  delete subscription;
}

}  // extern "C"
