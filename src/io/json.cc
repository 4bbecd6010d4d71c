// JSON renderings of the reports: the structs as worksection.v1 messages,
// printed with protobuf's JSON mapping.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "src/io/common.h"
#include "src/io/proto_json.h"
#include "worksection/export.h"
#include "worksection/v1/report.pb.h"

namespace worksection {
namespace {

namespace pb = ::worksection::v1;

void SetTimestamp(absl::Time t, google::protobuf::Timestamp* out) {
  int64_t seconds = absl::ToUnixSeconds(t);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
}

void SetDeadline(const Deadline& d, pb::Deadline* out) {
  out->set_day(io::FormatDay(d.day));
  if (d.minute_of_day) out->set_time(io::FormatMinuteOfDay(*d.minute_of_day));
}

void SetTotals(const ReportTotals& t, pb::ReportTotals* out) {
  out->set_seconds(t.seconds);
  out->set_billable_seconds(t.billable_seconds);
  out->set_entry_count(t.entry_count);
  if (t.billed_amount) out->set_billed_amount(*t.billed_amount);
  if (t.labour_cost) out->set_labour_cost(*t.labour_cost);
  if (t.margin) out->set_margin(*t.margin);
}

void SetKey(const ReportKey& k, pb::ReportKey* out) {
  out->set_group(std::string(ReportGroupName(k.group)));
  switch (k.group) {
    case ReportGroup::kProject:
    case ReportGroup::kTask:
    case ReportGroup::kMember:
      out->set_id(k.id);
      break;
    case ReportGroup::kTag:
      out->set_tag(k.tag);
      break;
    case ReportGroup::kDay:
    case ReportGroup::kWeek:
    case ReportGroup::kMonth:
      out->set_period(io::FormatDay(k.period));
      break;
  }
  out->set_label(io::KeyLabel(k));
}

void SetOverdueRow(const OverdueRow& r, pb::OverdueRow* out) {
  out->set_task_id(r.task.id.value());
  out->set_title(r.task.title);
  out->set_project_id(r.task.project.value());
  out->set_project_name(r.project_name);
  out->set_assignee_id(r.task.assignee.value());
  out->set_assignee_name(r.assignee_name);
  out->set_author_id(r.task.author.value());
  out->set_author_name(r.author_name);
  out->set_priority(r.task.priority);
  if (r.task.deadline) SetDeadline(*r.task.deadline, out->mutable_deadline());
  out->set_days_late(r.days_late);
  out->set_late(r.late);
}

pb::TimeReport ToProto(const TimeReport& report) {
  pb::TimeReport m;
  pb::TimeReportQuery* q = m.mutable_query();
  const TimeReportQuery& query = report.query;
  if (query.from) q->set_from(io::FormatDay(*query.from));
  if (query.to) q->set_to(io::FormatDay(*query.to));
  for (ProjectId id : query.projects) q->add_project_ids(id.value());
  for (MemberId id : query.members) q->add_member_ids(id.value());
  for (TaskId id : query.tasks) q->add_task_ids(id.value());
  for (const std::string& tag : query.tags) q->add_tags(tag);
  if (query.billable) q->set_billable(*query.billable);
  for (ReportGroup g : query.group_by) {
    q->add_group_by(std::string(ReportGroupName(g)));
  }
  for (const TimeReportRow& row : report.rows) {
    pb::TimeReportRow* r = m.add_rows();
    for (const ReportKey& k : row.keys) SetKey(k, r->add_keys());
    SetTotals(row.totals, r->mutable_totals());
  }
  SetTotals(report.total, m.mutable_total());
  m.set_money_visible(report.money_visible);
  m.set_currency(report.currency);
  m.set_time_zone(report.time_zone);
  return m;
}

pb::OverdueReport ToProto(const OverdueReport& report) {
  pb::OverdueReport m;
  m.set_as_of(io::FormatDay(report.as_of));
  for (const OverdueRow& r : report.rows) SetOverdueRow(r, m.add_rows());
  return m;
}

pb::ProjectHealthReport ToProto(const std::vector<ProjectHealth>& projects,
                                const JsonOptions& options) {
  pb::ProjectHealthReport m;
  if (!options.currency.empty()) m.set_currency(options.currency);
  for (const ProjectHealth& p : projects) {
    pb::ProjectHealth* h = m.add_projects();
    h->set_project_id(p.project.id.value());
    h->set_project_name(p.project.name);
    h->set_status(std::string(ProjectStatusName(p.project.status)));
    h->set_tasks_open(p.tasks_open);
    h->set_tasks_done(p.tasks_done);
    h->set_tasks_overdue(p.tasks_overdue);
    h->set_percent_done(p.percent_done);
    if (p.percent_done_by_estimate) {
      h->set_percent_done_by_estimate(*p.percent_done_by_estimate);
    }
    h->set_nearest_deadline_task_id(p.nearest_deadline_task.value());
    if (p.nearest_deadline) {
      SetDeadline(*p.nearest_deadline, h->mutable_nearest_deadline());
    }
    const BudgetUsage& b = p.budget;
    pb::BudgetUsage* u = h->mutable_budget();
    if (b.time_budget) {
      u->set_time_budget_seconds(absl::ToInt64Seconds(*b.time_budget));
    }
    u->set_time_used_seconds(absl::ToInt64Seconds(b.time_used));
    if (b.time_remaining) {
      u->set_time_remaining_seconds(absl::ToInt64Seconds(*b.time_remaining));
    }
    if (b.time_percent) u->set_time_percent(*b.time_percent);
    if (b.money_budget) u->set_money_budget(*b.money_budget);
    if (b.money_used) u->set_money_used(*b.money_used);
    if (b.money_remaining) u->set_money_remaining(*b.money_remaining);
    if (b.money_percent) u->set_money_percent(*b.money_percent);
    if (p.billed) h->set_billed(*p.billed);
    if (p.labour_cost) h->set_labour_cost(*p.labour_cost);
    if (p.expenses) h->set_expenses(*p.expenses);
    if (p.income) h->set_income(*p.income);
    if (p.margin) h->set_margin(*p.margin);
    if (p.last_activity) {
      SetTimestamp(*p.last_activity, h->mutable_last_activity());
    }
  }
  return m;
}

pb::Workload ToProto(const std::vector<WorkloadRow>& workload) {
  pb::Workload m;
  for (const WorkloadRow& r : workload) {
    pb::WorkloadRow* w = m.add_rows();
    w->set_member_id(r.member.value());
    w->set_member_name(r.member_name);
    w->set_open_tasks(r.open_tasks);
    w->set_overdue_tasks(r.overdue_tasks);
    w->set_estimate_left_seconds(absl::ToInt64Seconds(r.estimate_left));
    w->set_seconds_logged(r.seconds_logged);
  }
  return m;
}

pb::Digest ToProto(const Digest& digest) {
  pb::Digest m;
  m.set_as_of(io::FormatDay(digest.as_of));
  m.set_time_zone(digest.time_zone);
  for (const DigestEntry& e : digest.entries) {
    pb::DigestEntry* d = m.add_entries();
    d->set_member_id(e.member.value());
    d->set_member_name(e.member_name);
    for (const OverdueRow& r : e.received_overdue) {
      SetOverdueRow(r, d->add_received_overdue());
    }
    for (const OverdueRow& r : e.set_overdue) {
      SetOverdueRow(r, d->add_set_overdue());
    }
    for (const OverdueRow& r : e.due_this_week) {
      SetOverdueRow(r, d->add_due_this_week());
    }
    for (size_t i = 0; i < e.forgotten_timers.size(); ++i) {
      const Timer& t = e.forgotten_timers[i];
      pb::Timer* timer = d->add_forgotten_timers();
      if (i < e.forgotten_timer_tasks.size()) {
        timer->set_task(e.forgotten_timer_tasks[i]);
      }
      timer->set_member_id(t.member.value());
      timer->set_task_id(t.task.value());
      SetTimestamp(t.started_at, timer->mutable_started_at());
      timer->set_forgotten(t.forgotten);
    }
  }
  return m;
}

// The first string field of `message` (recursively) that is not UTF-8,
// as "rows[0].keys[0].label"; empty when all are.
std::string FindInvalidUtf8(const google::protobuf::Message& message) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const bool repeated = field->is_repeated();
    const int n = repeated ? reflection->FieldSize(message, field) : 1;
    for (int i = 0; i < n; ++i) {
      std::string name =
          repeated ? absl::StrCat(field->name(), "[", i, "]") : field->name();
      if (field->type() == FieldDescriptor::TYPE_STRING) {
        std::string value =
            repeated ? reflection->GetRepeatedString(message, field, i)
                     : reflection->GetString(message, field);
        if (!io::IsValidUtf8(value)) return name;
      } else if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
        const google::protobuf::Message& child =
            repeated ? reflection->GetRepeatedMessage(message, field, i)
                     : reflection->GetMessage(message, field);
        std::string bad = FindInvalidUtf8(child);
        if (!bad.empty()) return absl::StrCat(name, ".", bad);
      }
    }
  }
  return "";
}

absl::StatusOr<std::string> Print(const google::protobuf::Message& message,
                                  const JsonOptions& options) {
  if (std::string bad = FindInvalidUtf8(message); !bad.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(message.GetTypeName(), ".", bad, ": not valid UTF-8"));
  }
  // Zeros and empty strings are written; fields with presence (money,
  // budgets) only when set.
  return io::PrintJson(message, options.pretty,
                       /*always_print_primitive_fields=*/true);
}

absl::Status WriteJson(const absl::StatusOr<std::string>& json,
                       const std::string& path) {
  if (!json.ok()) return json.status();
  return io::WriteFileAtomically(path, absl::StrCat(*json, "\n"));
}

}  // namespace

absl::StatusOr<std::string> ExportJson(const TimeReport& report,
                                       const JsonOptions& options) {
  return Print(ToProto(report), options);
}

absl::StatusOr<std::string> ExportJson(const OverdueReport& report,
                                       const JsonOptions& options) {
  return Print(ToProto(report), options);
}

absl::StatusOr<std::string> ExportJson(
    const std::vector<ProjectHealth>& projects, const JsonOptions& options) {
  return Print(ToProto(projects, options), options);
}

absl::StatusOr<std::string> ExportJson(const std::vector<WorkloadRow>& workload,
                                       const JsonOptions& options) {
  return Print(ToProto(workload), options);
}

absl::StatusOr<std::string> ExportJson(const Digest& digest,
                                       const JsonOptions& options) {
  return Print(ToProto(digest), options);
}

absl::Status WriteJsonFile(const TimeReport& report, const std::string& path,
                           const JsonOptions& options) {
  return WriteJson(ExportJson(report, options), path);
}

absl::Status WriteJsonFile(const OverdueReport& report, const std::string& path,
                           const JsonOptions& options) {
  return WriteJson(ExportJson(report, options), path);
}

absl::Status WriteJsonFile(const std::vector<ProjectHealth>& projects,
                           const std::string& path,
                           const JsonOptions& options) {
  return WriteJson(ExportJson(projects, options), path);
}

absl::Status WriteJsonFile(const std::vector<WorkloadRow>& workload,
                           const std::string& path,
                           const JsonOptions& options) {
  return WriteJson(ExportJson(workload, options), path);
}

absl::Status WriteJsonFile(const Digest& digest, const std::string& path,
                           const JsonOptions& options) {
  return WriteJson(ExportJson(digest, options), path);
}

}  // namespace worksection
