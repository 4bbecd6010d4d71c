#include "src/core/event_fields.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace worksection {
namespace {

// Empty values count as "none": a created entity lists only what it has.
bool IsEmpty(const std::string& v) { return v.empty(); }
template <typename Tag>
bool IsEmpty(Id<Tag> v) {
  return !v.valid();
}
template <typename T>
bool IsEmpty(const std::vector<T>& v) {
  return v.empty();
}
template <typename T>
bool IsEmpty(const std::optional<T>& v) {
  return !v.has_value();
}
template <typename T>
bool IsEmpty(const T&) {
  return false;
}

void Put(const std::string& v, v1::Value& out) { out.set_text(v); }
void Put(int v, v1::Value& out) { out.set_integer(v); }
void Put(bool v, v1::Value& out) { out.set_flag(v); }
template <typename Tag>
void Put(Id<Tag> v, v1::Value& out) {
  out.set_integer(v.value());
}
void Put(absl::CivilDay v, v1::Value& out) {
  v1::Date* d = out.mutable_date();
  d->set_year(static_cast<int32_t>(v.year()));
  d->set_month(v.month());
  d->set_day(v.day());
}
void Put(absl::Time v, v1::Value& out) {
  out.set_instant_micros(absl::ToUnixMicros(v));
}
void Put(absl::Duration v, v1::Value& out) {
  out.set_duration_seconds(absl::ToInt64Seconds(v));
}
void Put(const Deadline& v, v1::Value& out) {
  std::string text = absl::FormatCivilTime(v.day);
  if (v.minute_of_day) {
    absl::StrAppendFormat(&text, "T%02d:%02d", *v.minute_of_day / 60,
                          *v.minute_of_day % 60);
  }
  out.set_text(std::move(text));
}
void Put(const Rounding& v, v1::Value& out) {
  out.set_text(absl::StrCat(RoundingModeName(v.mode), "/", v.minutes));
}
void Put(Role v, v1::Value& out) { out.set_text(std::string(RoleName(v))); }
void Put(ProjectStatus v, v1::Value& out) {
  out.set_text(std::string(ProjectStatusName(v)));
}
void Put(TaskStatus v, v1::Value& out) {
  out.set_text(std::string(TaskStatusName(v)));
}
void Put(Cost::Kind v, v1::Value& out) {
  out.set_text(std::string(CostKindName(v)));
}
void Put(BudgetAlert::Kind v, v1::Value& out) {
  out.set_text(v == BudgetAlert::Kind::kTime ? "time" : "money");
}
void Put(absl::Weekday v, v1::Value& out) { out.set_text(absl::StrCat(v)); }
void Put(const std::vector<std::string>& v, v1::Value& out) {
  out.mutable_list()->mutable_values()->Assign(v.begin(), v.end());
}
void Put(const std::vector<MemberId>& v, v1::Value& out) {
  auto* values = out.mutable_list()->mutable_values();
  for (MemberId id : v) values->Add(absl::StrCat(id.value()));
}
void Put(const std::vector<ChecklistItem>& v, v1::Value& out) {
  auto* values = out.mutable_list()->mutable_values();
  for (const ChecklistItem& item : v) {
    values->Add(absl::StrCat(item.done ? "[x] " : "[ ] ", item.text));
  }
}
template <typename T>
void Put(const std::optional<T>& v, v1::Value& out) {
  Put(*v, out);
}

// Money is int64 like counts: the flag says which case to write.
template <typename T>
void PutMaybeMoney(const T& v, bool /*money*/, v1::Value& out) {
  Put(v, out);
}
void PutMaybeMoney(const std::optional<Money>& v, bool money, v1::Value& out) {
  if (money) {
    out.set_money(*v);
  } else {
    out.set_integer(*v);
  }
}

// Compares one entity's fields before and after, appending the changes.
template <typename T>
class Differ {
 public:
  Differ(const T* before, const T* after, v1::Event& event)
      : before_(before), after_(after), event_(event) {}

  template <typename M>
  void operator()(const char* name, M T::*field, bool money = false) {
    Value(name, before_ ? &(before_->*field) : nullptr,
          after_ ? &(after_->*field) : nullptr, money);
  }

  // A derived value: `get` maps the entity to it.
  template <typename Get>
  void Derived(const char* name, Get get, bool money = false) {
    using V = decltype(get(*before_));
    std::optional<V> a, b;
    if (before_) a = get(*before_);
    if (after_) b = get(*after_);
    Value(name, a ? &*a : nullptr, b ? &*b : nullptr, money);
  }

 private:
  template <typename V>
  void Value(const char* name, const V* a, const V* b, bool money) {
    if (a != nullptr && IsEmpty(*a)) a = nullptr;
    if (b != nullptr && IsEmpty(*b)) b = nullptr;
    if (a == nullptr && b == nullptr) return;
    if (a != nullptr && b != nullptr && *a == *b) return;
    v1::FieldChange* change = event_.add_changes();
    change->set_field(name);
    change->set_money(money);
    if (a != nullptr) PutMaybeMoney(*a, money, *change->mutable_old_value());
    if (b != nullptr) PutMaybeMoney(*b, money, *change->mutable_new_value());
  }

  const T* before_;
  const T* after_;
  v1::Event& event_;
};

constexpr bool kMoney = true;

// A project's members as "id:role", their billing overrides (money) apart.
std::vector<std::string> MemberRoles(const Project& p) {
  std::vector<std::string> out;
  for (const ProjectMember& m : p.members) {
    out.push_back(absl::StrCat(m.member.value(), ":", ProjectRoleName(m.role)));
  }
  return out;
}
std::vector<std::string> MemberRates(const Project& p) {
  std::vector<std::string> out;
  for (const ProjectMember& m : p.members) {
    if (m.billing_rate) {
      out.push_back(absl::StrCat(m.member.value(), ":", *m.billing_rate));
    }
  }
  return out;
}

}  // namespace

void DiffFields(const WorkspaceSettings* before, const WorkspaceSettings* after,
                v1::Event& event) {
  Differ<WorkspaceSettings> d(before, after, event);
  d("name", &WorkspaceSettings::name);
  d("time_zone", &WorkspaceSettings::time_zone);
  d("currency", &WorkspaceSettings::currency);
  d("week_start", &WorkspaceSettings::week_start);
  d("forgotten_timer_after", &WorkspaceSettings::forgotten_timer_after);
}

void DiffFields(const Member* before, const Member* after, v1::Event& event) {
  Differ<Member> d(before, after, event);
  d("name", &Member::name);
  d("email", &Member::email);
  d("role", &Member::role);
  d("company", &Member::company);
  d("cost_rate", &Member::cost_rate, kMoney);
  d("billing_rate", &Member::billing_rate, kMoney);
  d("active", &Member::active);
}

void DiffFields(const Project* before, const Project* after, v1::Event& event) {
  Differ<Project> d(before, after, event);
  d("name", &Project::name);
  d("status", &Project::status);
  d("folder", &Project::folder);
  d("manager", &Project::manager);
  d("start_date", &Project::start_date);
  d("deadline", &Project::deadline);
  d("time_budget", &Project::time_budget);
  d("money_budget", &Project::money_budget, kMoney);
  d("billing_rate", &Project::billing_rate, kMoney);
  d("tags", &Project::tags);
  d.Derived("members", MemberRoles);
  d.Derived("member_billing_rates", MemberRates, kMoney);
  d("rounding", &Project::rounding);
  d("clients_see_hours", &Project::clients_see_hours);
}

void DiffFields(const Task* before, const Task* after, v1::Event& event) {
  Differ<Task> d(before, after, event);
  d("project", &Task::project);
  d("parent", &Task::parent);
  d("title", &Task::title);
  d("text", &Task::text);
  d("author", &Task::author);
  d("assignee", &Task::assignee);
  d("priority", &Task::priority);
  d("status", &Task::status);
  d("start_date", &Task::start_date);
  d("deadline", &Task::deadline);
  d("estimate", &Task::estimate);
  d("money_budget", &Task::money_budget, kMoney);
  d("tags", &Task::tags);
  d("checklist", &Task::checklist);
  d("subscribers", &Task::subscribers);
  d("hidden_from_clients", &Task::hidden_from_clients);
  d("completion_note", &Task::completion_note);
  d("completed_at", &Task::completed_at);
}

void DiffFields(const Comment* before, const Comment* after, v1::Event& event) {
  Differ<Comment> d(before, after, event);
  d("task", &Comment::task);
  d("author", &Comment::author);
  d("text", &Comment::text);
  d("hidden_from_clients", &Comment::hidden_from_clients);
}

void DiffFields(const TimeEntry* before, const TimeEntry* after,
                v1::Event& event) {
  Differ<TimeEntry> d(before, after, event);
  d("task", &TimeEntry::task);
  d("project", &TimeEntry::project);
  d("member", &TimeEntry::member);
  d("date", &TimeEntry::date);
  d("start", &TimeEntry::start);
  d("duration", &TimeEntry::duration);
  d("billed_duration", &TimeEntry::billed_duration);
  d("billable", &TimeEntry::billable);
  d("note", &TimeEntry::note);
  d("billing_rate", &TimeEntry::billing_rate, kMoney);
  d("cost_rate", &TimeEntry::cost_rate, kMoney);
  d("billed_amount", &TimeEntry::billed_amount, kMoney);
  d("labour_cost", &TimeEntry::labour_cost, kMoney);
}

void DiffFields(const Timer* before, const Timer* after, v1::Event& event) {
  Differ<Timer> d(before, after, event);
  d("task", &Timer::task);
  d("started_at", &Timer::started_at);
}

void DiffFields(const Cost* before, const Cost* after, v1::Event& event) {
  Differ<Cost> d(before, after, event);
  d("project", &Cost::project);
  d("task", &Cost::task);
  d("kind", &Cost::kind);
  d.Derived(
      "amount", [](const Cost& c) { return std::optional<Money>(c.amount); },
      kMoney);
  d("date", &Cost::date);
  d("note", &Cost::note);
  d("author", &Cost::author);
}

void DiffFields(const PeriodLock* before, const PeriodLock* after,
                v1::Event& event) {
  Differ<PeriodLock> d(before, after, event);
  d("project", &PeriodLock::project);
  d("through", &PeriodLock::through);
  d("author", &PeriodLock::author);
}

void DiffFields(const BudgetAlert* before, const BudgetAlert* after,
                v1::Event& event) {
  Differ<BudgetAlert> d(before, after, event);
  d("project", &BudgetAlert::project);
  d("task", &BudgetAlert::task);
  d("kind", &BudgetAlert::kind);
  d("percent", &BudgetAlert::percent);
  d("crossed_at", &BudgetAlert::crossed_at);
}

}  // namespace worksection
