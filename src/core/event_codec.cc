// Event <-> worksection.v1.Event, and the names of the feed's enums.
#include "src/core/event_codec.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"

namespace worksection {
namespace {

FieldValue FromProto(const v1::Value& v) {
  FieldValue out;
  switch (v.kind_case()) {
    case v1::Value::kText:
      out.kind = FieldValue::Kind::kText;
      out.text = v.text();
      break;
    case v1::Value::kInteger:
      out.kind = FieldValue::Kind::kInteger;
      out.integer = v.integer();
      break;
    case v1::Value::kFlag:
      out.kind = FieldValue::Kind::kFlag;
      out.flag = v.flag();
      break;
    case v1::Value::kDate:
      out.kind = FieldValue::Kind::kDate;
      out.date =
          absl::CivilDay(v.date().year(), v.date().month(), v.date().day());
      break;
    case v1::Value::kInstantMicros:
      out.kind = FieldValue::Kind::kInstant;
      out.instant = absl::FromUnixMicros(v.instant_micros());
      break;
    case v1::Value::kMoney:
      out.kind = FieldValue::Kind::kMoney;
      out.integer = v.money();
      break;
    case v1::Value::kDurationSeconds:
      out.kind = FieldValue::Kind::kDuration;
      out.duration = absl::Seconds(v.duration_seconds());
      break;
    case v1::Value::kList:
      out.kind = FieldValue::Kind::kList;
      out.list.assign(v.list().values().begin(), v.list().values().end());
      break;
    case v1::Value::KIND_NOT_SET:
      break;
  }
  return out;
}

void ToProto(const FieldValue& v, v1::Value& out) {
  switch (v.kind) {
    case FieldValue::Kind::kText:
      out.set_text(v.text);
      break;
    case FieldValue::Kind::kInteger:
      out.set_integer(v.integer);
      break;
    case FieldValue::Kind::kFlag:
      out.set_flag(v.flag);
      break;
    case FieldValue::Kind::kDate:
      out.mutable_date()->set_year(static_cast<int32_t>(v.date.year()));
      out.mutable_date()->set_month(v.date.month());
      out.mutable_date()->set_day(v.date.day());
      break;
    case FieldValue::Kind::kInstant:
      out.set_instant_micros(absl::ToUnixMicros(v.instant));
      break;
    case FieldValue::Kind::kMoney:
      out.set_money(v.integer);
      break;
    case FieldValue::Kind::kDuration:
      out.set_duration_seconds(absl::ToInt64Seconds(v.duration));
      break;
    case FieldValue::Kind::kList:
      out.mutable_list()->mutable_values()->Assign(v.list.begin(),
                                                   v.list.end());
      break;
  }
}

}  // namespace

Event FromProto(const v1::Event& e) {
  Event out;
  out.seq = e.seq();
  out.at = absl::FromUnixMicros(e.at_micros());
  out.actor = MemberId(e.actor_id());
  out.entity_type = static_cast<EntityType>(e.entity_type());
  out.entity_id = e.entity_id();
  out.project = ProjectId(e.project_id());
  out.task = TaskId(e.task_id());
  out.action = static_cast<EventAction>(e.action());
  out.hidden_from_clients = e.hidden_from_clients();
  out.money = e.money();
  out.entity_ids.assign(e.entity_ids().begin(), e.entity_ids().end());
  out.revealed_to_clients = e.revealed_to_clients();
  out.concealed_from_clients = e.concealed_from_clients();
  out.changes.reserve(e.changes_size());
  for (const v1::FieldChange& c : e.changes()) {
    FieldChange& change = out.changes.emplace_back();
    change.field = c.field();
    if (c.has_old_value()) change.old_value = FromProto(c.old_value());
    if (c.has_new_value()) change.new_value = FromProto(c.new_value());
    change.money = c.money();
  }
  return out;
}

void ToProto(const Event& e, v1::Event& out) {
  out.set_seq(e.seq);
  out.set_at_micros(absl::ToUnixMicros(e.at));
  out.set_actor_id(e.actor.value());
  out.set_entity_type(static_cast<v1::EntityType>(e.entity_type));
  out.set_entity_id(e.entity_id);
  out.set_project_id(e.project.value());
  out.set_task_id(e.task.value());
  out.set_action(static_cast<v1::EventAction>(e.action));
  out.set_hidden_from_clients(e.hidden_from_clients);
  out.set_money(e.money);
  out.mutable_entity_ids()->Assign(e.entity_ids.begin(), e.entity_ids.end());
  out.set_revealed_to_clients(e.revealed_to_clients);
  out.set_concealed_from_clients(e.concealed_from_clients);
  for (const FieldChange& c : e.changes) {
    v1::FieldChange* change = out.add_changes();
    change->set_field(c.field);
    if (c.old_value) ToProto(*c.old_value, *change->mutable_old_value());
    if (c.new_value) ToProto(*c.new_value, *change->mutable_new_value());
    change->set_money(c.money);
  }
}

std::string EventToProto(const Event& event) {
  v1::Event message;
  ToProto(event, message);
  return message.SerializeAsString();
}

std::string EventToJson(const Event& event) {
  v1::Event message;
  ToProto(event, message);
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string out;
  // Printing a well-formed message cannot fail.
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  return out;
}

absl::StatusOr<Event> EventFromProto(absl::string_view bytes) {
  v1::Event message;
  if (!message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::InvalidArgumentError(absl::StrCat(
        "not a serialized worksection.v1.Event (", bytes.size(), " bytes)"));
  }
  return FromProto(message);
}

absl::string_view EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kWorkspace:
      return "workspace";
    case EntityType::kMember:
      return "member";
    case EntityType::kProject:
      return "project";
    case EntityType::kTask:
      return "task";
    case EntityType::kComment:
      return "comment";
    case EntityType::kTimeEntry:
      return "time_entry";
    case EntityType::kTimer:
      return "timer";
    case EntityType::kCost:
      return "cost";
    case EntityType::kLock:
      return "lock";
    case EntityType::kBudgetAlert:
      return "budget_alert";
  }
  return "unknown";
}

absl::string_view EventActionName(EventAction action) {
  switch (action) {
    case EventAction::kCreated:
      return "created";
    case EventAction::kUpdated:
      return "updated";
    case EventAction::kDeleted:
      return "deleted";
    case EventAction::kCompleted:
      return "completed";
    case EventAction::kReopened:
      return "reopened";
    case EventAction::kMoved:
      return "moved";
    case EventAction::kArchived:
      return "archived";
    case EventAction::kDeactivated:
      return "deactivated";
    case EventAction::kReactivated:
      return "reactivated";
    case EventAction::kStarted:
      return "started";
    case EventAction::kStopped:
      return "stopped";
    case EventAction::kBudgetThresholdCrossed:
      return "budget_threshold_crossed";
    case EventAction::kBatchCreated:
      return "batch_created";
  }
  return "unknown";
}

}  // namespace worksection
