#include "src/io/snapshot_convert.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "src/io/common.h"
#include "worksection/limits.h"

namespace worksection::io {
namespace {

namespace pb = ::worksection::v1;

constexpr std::array<Role, 5> kRoles = {
    Role::kOwner, Role::kAdmin, Role::kEmployee, Role::kClient, Role::kReader};
constexpr std::array<ProjectRole, 3> kProjectRoles = {
    ProjectRole::kManager, ProjectRole::kMember, ProjectRole::kClient};
constexpr std::array<ProjectStatus, 3> kProjectStatuses = {
    ProjectStatus::kActive, ProjectStatus::kPaused, ProjectStatus::kArchived};
constexpr std::array<TaskStatus, 2> kTaskStatuses = {TaskStatus::kOpen,
                                                     TaskStatus::kDone};
constexpr std::array<Rounding::Mode, 4> kRoundingModes = {
    Rounding::Mode::kNone, Rounding::Mode::kUp, Rounding::Mode::kNearest,
    Rounding::Mode::kDown};
constexpr std::array<Cost::Kind, 2> kCostKinds = {Cost::Kind::kExpense,
                                                  Cost::Kind::kIncome};
constexpr std::array<absl::Weekday, 7> kWeekdays = {
    absl::Weekday::monday,   absl::Weekday::tuesday, absl::Weekday::wednesday,
    absl::Weekday::thursday, absl::Weekday::friday,  absl::Weekday::saturday,
    absl::Weekday::sunday};

absl::string_view WeekdayName(absl::Weekday day) {
  constexpr std::array<absl::string_view, 7> kNames = {
      "monday", "tuesday",  "wednesday", "thursday",
      "friday", "saturday", "sunday"};
  for (size_t i = 0; i < kWeekdays.size(); ++i) {
    if (kWeekdays[i] == day) return kNames[i];
  }
  return "unknown";
}
absl::string_view AlertKindName(BudgetAlert::Kind kind) {
  return kind == BudgetAlert::Kind::kTime ? "time" : "money";
}
constexpr std::array<BudgetAlert::Kind, 2> kAlertKinds = {
    BudgetAlert::Kind::kTime, BudgetAlert::Kind::kMoney};

// Reads one record's fields, remembering the first error.
class Reader {
 public:
  explicit Reader(absl::string_view position) : position_(position) {}

  template <typename E, size_t N, typename NameFn>
  E Enum(absl::string_view field, const std::string& name,
         const std::array<E, N>& values, NameFn name_of) {
    for (E v : values) {
      if (name_of(v) == name) return v;
    }
    Fail(field, absl::StrCat("unknown value \"", name, "\""));
    return values[0];
  }
  absl::CivilDay Day(absl::string_view field, const std::string& text) {
    absl::CivilDay day;
    if (!absl::ParseCivilTime(text, &day) || day.year() < limits::kMinYear ||
        day.year() > limits::kMaxYear) {
      Fail(field, absl::StrCat("not a day YYYY-MM-DD: \"", text, "\""));
    }
    return day;
  }
  std::optional<absl::CivilDay> OptionalDay(absl::string_view field,
                                            const std::string& text) {
    if (text.empty()) return std::nullopt;
    return Day(field, text);
  }
  template <typename IdT>
  IdT OptionalId(absl::string_view field, int64_t value) {
    if (value < 0) Fail(field, absl::StrCat("negative id ", value));
    return IdT(value);
  }
  template <typename IdT>
  IdT RequiredId(absl::string_view field, int64_t value) {
    if (value <= 0) Fail(field, absl::StrCat("missing or bad id ", value));
    return IdT(value);
  }

  template <typename T>
  absl::StatusOr<T> Result(T value) {
    if (!status_.ok()) return status_;
    return value;
  }

 private:
  void Fail(absl::string_view field, absl::string_view what) {
    if (status_.ok()) {
      status_ = absl::InvalidArgumentError(
          absl::StrCat(position_, ".", field, ": ", what));
    }
  }

  std::string position_;
  absl::Status status_;
};

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time Instant(int64_t us) { return absl::FromUnixMicros(us); }
int64_t Seconds(absl::Duration d) { return absl::ToInt64Seconds(d); }
std::string DayText(const std::optional<absl::CivilDay>& day) {
  return day ? FormatDay(*day) : std::string();
}

}  // namespace

pb::SnapshotSettings ToProto(const WorkspaceSettings& s) {
  pb::SnapshotSettings p;
  p.set_revision(s.revision);
  p.set_name(s.name);
  p.set_time_zone(s.time_zone);
  p.set_currency(s.currency);
  p.set_week_start(std::string(WeekdayName(s.week_start)));
  p.set_forgotten_timer_after_s(Seconds(s.forgotten_timer_after));
  return p;
}

pb::SnapshotMember ToProto(const Member& m) {
  pb::SnapshotMember p;
  p.set_id(m.id.value());
  p.set_revision(m.revision);
  p.set_name(m.name);
  p.set_email(m.email);
  p.set_role(std::string(RoleName(m.role)));
  p.set_company(m.company);
  if (m.cost_rate) p.set_cost_rate(*m.cost_rate);
  if (m.billing_rate) p.set_billing_rate(*m.billing_rate);
  p.set_active(m.active);
  p.set_created_at_us(Micros(m.created_at));
  p.set_updated_at_us(Micros(m.updated_at));
  return p;
}

pb::SnapshotProject ToProto(const Project& x) {
  pb::SnapshotProject p;
  p.set_id(x.id.value());
  p.set_revision(x.revision);
  p.set_name(x.name);
  p.set_status(std::string(ProjectStatusName(x.status)));
  p.set_folder(x.folder);
  p.set_manager(x.manager.value());
  p.set_start_date(DayText(x.start_date));
  p.set_deadline(DayText(x.deadline));
  if (x.time_budget) p.set_time_budget_s(Seconds(*x.time_budget));
  if (x.money_budget) p.set_money_budget(*x.money_budget);
  if (x.billing_rate) p.set_billing_rate(*x.billing_rate);
  for (const std::string& tag : x.tags) p.add_tags(tag);
  for (const ProjectMember& m : x.members) {
    pb::SnapshotProjectMember* pm = p.add_members();
    pm->set_member(m.member.value());
    pm->set_role(std::string(ProjectRoleName(m.role)));
    if (m.billing_rate) pm->set_billing_rate(*m.billing_rate);
  }
  p.set_rounding_mode(std::string(RoundingModeName(x.rounding.mode)));
  p.set_rounding_minutes(x.rounding.minutes);
  p.set_clients_see_hours(x.clients_see_hours);
  p.set_created_at_us(Micros(x.created_at));
  p.set_updated_at_us(Micros(x.updated_at));
  return p;
}

pb::SnapshotTask ToProto(const Task& t) {
  pb::SnapshotTask p;
  p.set_id(t.id.value());
  p.set_revision(t.revision);
  p.set_project(t.project.value());
  p.set_parent(t.parent.value());
  p.set_title(t.title);
  p.set_text(t.text);
  p.set_author(t.author.value());
  p.set_assignee(t.assignee.value());
  p.set_priority(t.priority);
  p.set_status(std::string(TaskStatusName(t.status)));
  p.set_start_date(DayText(t.start_date));
  if (t.deadline) {
    p.set_deadline_day(FormatDay(t.deadline->day));
    if (t.deadline->minute_of_day) {
      p.set_deadline_minute(*t.deadline->minute_of_day);
    }
  }
  if (t.estimate) p.set_estimate_s(Seconds(*t.estimate));
  if (t.money_budget) p.set_money_budget(*t.money_budget);
  for (const std::string& tag : t.tags) p.add_tags(tag);
  for (const ChecklistItem& item : t.checklist) {
    pb::SnapshotChecklistItem* c = p.add_checklist();
    c->set_text(item.text);
    c->set_done(item.done);
  }
  for (MemberId m : t.subscribers) p.add_subscribers(m.value());
  p.set_hidden_from_clients(t.hidden_from_clients);
  p.set_completion_note(t.completion_note);
  if (t.completed_at) p.set_completed_at_us(Micros(*t.completed_at));
  p.set_created_at_us(Micros(t.created_at));
  p.set_updated_at_us(Micros(t.updated_at));
  return p;
}

pb::SnapshotComment ToProto(const Comment& c) {
  pb::SnapshotComment p;
  p.set_id(c.id.value());
  p.set_revision(c.revision);
  p.set_task(c.task.value());
  p.set_author(c.author.value());
  p.set_text(c.text);
  p.set_hidden_from_clients(c.hidden_from_clients);
  p.set_created_at_us(Micros(c.created_at));
  p.set_updated_at_us(Micros(c.updated_at));
  return p;
}

pb::SnapshotTimeEntry ToProto(const TimeEntry& e) {
  pb::SnapshotTimeEntry p;
  p.set_id(e.id.value());
  p.set_revision(e.revision);
  p.set_task(e.task.value());
  p.set_project(e.project.value());
  p.set_member(e.member.value());
  p.set_date(FormatDay(e.date));
  if (e.start) p.set_start_us(Micros(*e.start));
  p.set_duration_s(Seconds(e.duration));
  p.set_billed_duration_s(Seconds(e.billed_duration));
  p.set_billable(e.billable);
  p.set_note(e.note);
  p.set_billing_rate(e.billing_rate.value_or(0));
  p.set_cost_rate(e.cost_rate.value_or(0));
  p.set_billed_amount(e.billed_amount.value_or(0));
  p.set_labour_cost(e.labour_cost.value_or(0));
  p.set_created_at_us(Micros(e.created_at));
  p.set_updated_at_us(Micros(e.updated_at));
  return p;
}

pb::SnapshotTimer ToProto(const Timer& t) {
  pb::SnapshotTimer p;
  p.set_member(t.member.value());
  p.set_task(t.task.value());
  p.set_started_at_us(Micros(t.started_at));
  return p;
}

pb::SnapshotCost ToProto(const Cost& c) {
  pb::SnapshotCost p;
  p.set_id(c.id.value());
  p.set_revision(c.revision);
  p.set_project(c.project.value());
  p.set_task(c.task.value());
  p.set_kind(std::string(CostKindName(c.kind)));
  p.set_amount(c.amount);
  p.set_date(FormatDay(c.date));
  p.set_note(c.note);
  p.set_author(c.author.value());
  p.set_created_at_us(Micros(c.created_at));
  p.set_updated_at_us(Micros(c.updated_at));
  return p;
}

pb::SnapshotLock ToProto(const PeriodLock& l) {
  pb::SnapshotLock p;
  p.set_id(l.id.value());
  p.set_project(l.project.value());
  p.set_through(FormatDay(l.through));
  p.set_author(l.author.value());
  p.set_created_at_us(Micros(l.created_at));
  return p;
}

pb::SnapshotBudgetAlert ToProto(const BudgetAlert& a) {
  pb::SnapshotBudgetAlert p;
  p.set_project(a.project.value());
  p.set_task(a.task.value());
  p.set_kind(std::string(AlertKindName(a.kind)));
  p.set_percent(a.percent);
  p.set_crossed_at_us(Micros(a.crossed_at));
  return p;
}

absl::StatusOr<WorkspaceSettings> FromProto(const pb::SnapshotSettings& p,
                                            absl::string_view position) {
  Reader r(position);
  WorkspaceSettings s;
  s.revision = p.revision();
  s.name = p.name();
  s.time_zone = p.time_zone();
  s.currency = p.currency();
  s.week_start = r.Enum("week_start", p.week_start(), kWeekdays, WeekdayName);
  s.forgotten_timer_after = absl::Seconds(p.forgotten_timer_after_s());
  return r.Result(s);
}

absl::StatusOr<Member> FromProto(const pb::SnapshotMember& p,
                                 absl::string_view position) {
  Reader r(position);
  Member m;
  m.id = r.RequiredId<MemberId>("id", p.id());
  m.revision = p.revision();
  m.name = p.name();
  m.email = p.email();
  m.role = r.Enum("role", p.role(), kRoles, RoleName);
  m.company = p.company();
  if (p.has_cost_rate()) m.cost_rate = p.cost_rate();
  if (p.has_billing_rate()) m.billing_rate = p.billing_rate();
  m.active = p.active();
  m.created_at = Instant(p.created_at_us());
  m.updated_at = Instant(p.updated_at_us());
  return r.Result(m);
}

absl::StatusOr<Project> FromProto(const pb::SnapshotProject& p,
                                  absl::string_view position) {
  Reader r(position);
  Project x;
  x.id = r.RequiredId<ProjectId>("id", p.id());
  x.revision = p.revision();
  x.name = p.name();
  x.status = r.Enum("status", p.status(), kProjectStatuses, ProjectStatusName);
  x.folder = p.folder();
  x.manager = r.OptionalId<MemberId>("manager", p.manager());
  x.start_date = r.OptionalDay("start_date", p.start_date());
  x.deadline = r.OptionalDay("deadline", p.deadline());
  if (p.has_time_budget_s()) x.time_budget = absl::Seconds(p.time_budget_s());
  if (p.has_money_budget()) x.money_budget = p.money_budget();
  if (p.has_billing_rate()) x.billing_rate = p.billing_rate();
  x.tags.assign(p.tags().begin(), p.tags().end());
  for (const pb::SnapshotProjectMember& pm : p.members()) {
    ProjectMember m;
    m.member = r.RequiredId<MemberId>("members.member", pm.member());
    m.role = r.Enum("members.role", pm.role(), kProjectRoles, ProjectRoleName);
    if (pm.has_billing_rate()) m.billing_rate = pm.billing_rate();
    x.members.push_back(m);
  }
  x.rounding.mode = r.Enum("rounding_mode", p.rounding_mode(), kRoundingModes,
                           RoundingModeName);
  x.rounding.minutes = p.rounding_minutes();
  x.clients_see_hours = p.clients_see_hours();
  x.created_at = Instant(p.created_at_us());
  x.updated_at = Instant(p.updated_at_us());
  return r.Result(x);
}

absl::StatusOr<Task> FromProto(const pb::SnapshotTask& p,
                               absl::string_view position) {
  Reader r(position);
  Task t;
  t.id = r.RequiredId<TaskId>("id", p.id());
  t.revision = p.revision();
  t.project = r.RequiredId<ProjectId>("project", p.project());
  t.parent = r.OptionalId<TaskId>("parent", p.parent());
  t.title = p.title();
  t.text = p.text();
  t.author = r.OptionalId<MemberId>("author", p.author());
  t.assignee = r.OptionalId<MemberId>("assignee", p.assignee());
  t.priority = p.priority();
  t.status = r.Enum("status", p.status(), kTaskStatuses, TaskStatusName);
  t.start_date = r.OptionalDay("start_date", p.start_date());
  if (!p.deadline_day().empty()) {
    Deadline d;
    d.day = r.Day("deadline_day", p.deadline_day());
    if (p.has_deadline_minute()) d.minute_of_day = p.deadline_minute();
    t.deadline = d;
  }
  if (p.has_estimate_s()) t.estimate = absl::Seconds(p.estimate_s());
  if (p.has_money_budget()) t.money_budget = p.money_budget();
  t.tags.assign(p.tags().begin(), p.tags().end());
  for (const pb::SnapshotChecklistItem& c : p.checklist()) {
    t.checklist.push_back(ChecklistItem{c.text(), c.done()});
  }
  for (int64_t m : p.subscribers()) {
    t.subscribers.push_back(r.RequiredId<MemberId>("subscribers", m));
  }
  t.hidden_from_clients = p.hidden_from_clients();
  t.completion_note = p.completion_note();
  if (p.has_completed_at_us()) t.completed_at = Instant(p.completed_at_us());
  t.created_at = Instant(p.created_at_us());
  t.updated_at = Instant(p.updated_at_us());
  return r.Result(t);
}

absl::StatusOr<Comment> FromProto(const pb::SnapshotComment& p,
                                  absl::string_view position) {
  Reader r(position);
  Comment c;
  c.id = r.RequiredId<CommentId>("id", p.id());
  c.revision = p.revision();
  c.task = r.RequiredId<TaskId>("task", p.task());
  c.author = r.OptionalId<MemberId>("author", p.author());
  c.text = p.text();
  c.hidden_from_clients = p.hidden_from_clients();
  c.created_at = Instant(p.created_at_us());
  c.updated_at = Instant(p.updated_at_us());
  return r.Result(c);
}

absl::StatusOr<TimeEntry> FromProto(const pb::SnapshotTimeEntry& p,
                                    absl::string_view position) {
  Reader r(position);
  TimeEntry e;
  e.id = r.RequiredId<TimeEntryId>("id", p.id());
  e.revision = p.revision();
  e.task = r.RequiredId<TaskId>("task", p.task());
  e.project = r.RequiredId<ProjectId>("project", p.project());
  e.member = r.RequiredId<MemberId>("member", p.member());
  e.date = r.Day("date", p.date());
  if (p.has_start_us()) e.start = Instant(p.start_us());
  e.duration = absl::Seconds(p.duration_s());
  e.billed_duration = absl::Seconds(p.billed_duration_s());
  e.billable = p.billable();
  e.note = p.note();
  e.billing_rate = p.billing_rate();
  e.cost_rate = p.cost_rate();
  e.billed_amount = p.billed_amount();
  e.labour_cost = p.labour_cost();
  e.created_at = Instant(p.created_at_us());
  e.updated_at = Instant(p.updated_at_us());
  return r.Result(e);
}

absl::StatusOr<Timer> FromProto(const pb::SnapshotTimer& p,
                                absl::string_view position) {
  Reader r(position);
  Timer t;
  t.member = r.RequiredId<MemberId>("member", p.member());
  t.task = r.RequiredId<TaskId>("task", p.task());
  t.started_at = Instant(p.started_at_us());
  return r.Result(t);
}

absl::StatusOr<Cost> FromProto(const pb::SnapshotCost& p,
                               absl::string_view position) {
  Reader r(position);
  Cost c;
  c.id = r.RequiredId<CostId>("id", p.id());
  c.revision = p.revision();
  c.project = r.RequiredId<ProjectId>("project", p.project());
  c.task = r.OptionalId<TaskId>("task", p.task());
  c.kind = r.Enum("kind", p.kind(), kCostKinds, CostKindName);
  c.amount = p.amount();
  c.date = r.Day("date", p.date());
  c.note = p.note();
  c.author = r.OptionalId<MemberId>("author", p.author());
  c.created_at = Instant(p.created_at_us());
  c.updated_at = Instant(p.updated_at_us());
  return r.Result(c);
}

absl::StatusOr<PeriodLock> FromProto(const pb::SnapshotLock& p,
                                     absl::string_view position) {
  Reader r(position);
  PeriodLock l;
  l.id = r.RequiredId<LockId>("id", p.id());
  l.project = r.OptionalId<ProjectId>("project", p.project());
  l.through = r.Day("through", p.through());
  l.author = r.OptionalId<MemberId>("author", p.author());
  l.created_at = Instant(p.created_at_us());
  return r.Result(l);
}

absl::StatusOr<BudgetAlert> FromProto(const pb::SnapshotBudgetAlert& p,
                                      absl::string_view position) {
  Reader r(position);
  BudgetAlert a;
  a.project = r.RequiredId<ProjectId>("project", p.project());
  a.task = r.OptionalId<TaskId>("task", p.task());
  a.kind = r.Enum("kind", p.kind(), kAlertKinds, AlertKindName);
  a.percent = p.percent();
  a.crossed_at = Instant(p.crossed_at_us());
  return r.Result(a);
}

}  // namespace worksection::io
