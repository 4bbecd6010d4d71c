// ws report time | overdue | projects | workload | digest.
#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tools/ws/commands.h"
#include "tools/ws/flags.h"
#include "tools/ws/records.h"
#include "tools/ws/values.h"
#include "worksection/export.h"

namespace ws_cli {
namespace {

namespace wsl = worksection;

struct GroupName {
  const char* name;
  wsl::ReportGroup group;
};
constexpr GroupName kGroups[] = {
    {"project", wsl::ReportGroup::kProject}, {"task", wsl::ReportGroup::kTask},
    {"member", wsl::ReportGroup::kMember},   {"tag", wsl::ReportGroup::kTag},
    {"day", wsl::ReportGroup::kDay},         {"week", wsl::ReportGroup::kWeek},
    {"month", wsl::ReportGroup::kMonth}};

const char* NameOf(wsl::ReportGroup group) {
  for (const GroupName& g : kGroups) {
    if (g.group == group) return g.name;
  }
  return "group";
}

absl::StatusOr<std::vector<wsl::ReportGroup>> ParseGroups(
    absl::string_view text) {
  std::vector<wsl::ReportGroup> groups;
  for (absl::string_view word : absl::StrSplit(text, ',')) {
    const GroupName* found = nullptr;
    for (const GroupName& g : kGroups) {
      if (word == g.name) found = &g;
    }
    if (found == nullptr) {
      return UsageError(absl::StrCat(
          "--by: \"", word,
          "\" is not one of project, task, member, tag, day, week, month"));
    }
    for (wsl::ReportGroup seen : groups) {
      if (seen == found->group) {
        return UsageError(absl::StrCat("--by: \"", word, "\" given twice"));
      }
    }
    groups.push_back(found->group);
  }
  return groups;
}

// The metrics of a row or the total; money only when visible. A table shows
// hours as H:MM, JSON and CSV whole seconds.
void AddTotals(Env& env, const wsl::ReportTotals& t, bool money, Record& r) {
  if (env.format() == Format::kTable) {
    r.Add("time", FormatHours(t.seconds))
        .Add("billable", FormatHours(t.billable_seconds));
  } else {
    r.Add("seconds", t.seconds).Add("billable_seconds", t.billable_seconds);
  }
  if (money) {
    r.Add("billed", MoneyValue(env, t.billed_amount))
        .Add("cost", MoneyValue(env, t.labour_cost))
        .Add("margin", MoneyValue(env, t.margin));
  }
  r.Add("entries", t.entry_count);
}

absl::Status CheckTime(const Args& args) {
  WS_RETURN_IF_ERROR(ParseGroups(args.Get("by").value_or("project")).status());
  std::optional<std::string> out_file = args.Get("out");
  if (out_file && !absl::EndsWith(*out_file, ".xlsx") &&
      !absl::EndsWith(*out_file, ".csv") &&
      !absl::EndsWith(*out_file, ".json")) {
    return UsageError(absl::StrCat("--out: \"", *out_file,
                                   "\" must end in .xlsx, .csv or .json"));
  }
  return absl::OkStatus();
}

absl::Status RunTime(Env& env, const Args& args) {
  wsl::TimeReportQuery query;
  WS_ASSIGN_OR_RETURN(query.from, DateFlag(args, "from"));
  WS_ASSIGN_OR_RETURN(query.to, DateFlag(args, "to"));
  WS_ASSIGN_OR_RETURN(query.group_by,
                      ParseGroups(args.Get("by").value_or("project")));
  for (const std::string& id : args.GetAll("project")) {
    WS_ASSIGN_OR_RETURN(int64_t p, ParseId("--project", id));
    query.projects.push_back(wsl::ProjectId(p));
  }
  for (const std::string& email : args.GetAll("member")) {
    WS_ASSIGN_OR_RETURN(wsl::Member m, env.MemberByEmail("--member", email));
    query.members.push_back(m.id);
  }
  for (const std::string& tag : args.GetAll("tag")) query.tags.push_back(tag);
  std::optional<std::string> out_file = args.Get("out");
  WS_ASSIGN_OR_RETURN(wsl::TimeReport report,
                      env.session().RunTimeReport(query));
  if (out_file) {
    absl::Status written;
    if (absl::EndsWith(*out_file, ".xlsx")) {
      written = wsl::WriteXlsxFile(report, *out_file);
    } else if (absl::EndsWith(*out_file, ".csv")) {
      written = wsl::WriteCsvFile(report, *out_file);
    } else {
      written = wsl::WriteJsonFile(report, *out_file, {.pretty = true});
    }
    if (!written.ok()) {
      return absl::Status(written.code(),
                          absl::StrCat("--out: ", written.message()));
    }
    return absl::OkStatus();
  }

  std::vector<std::string> columns;
  for (wsl::ReportGroup g : query.group_by) columns.push_back(NameOf(g));
  std::vector<Record> rows;
  for (const wsl::TimeReportRow& row : report.rows) {
    Record r;
    for (const wsl::ReportKey& key : row.keys) {
      Value v = key.label;
      if (key.group == wsl::ReportGroup::kMember) {
        v = env.Email(wsl::MemberId(key.id));
        if (v.kind() == Value::Kind::kNull) v = key.label;
      } else if (key.group == wsl::ReportGroup::kTag &&
                 env.format() != Format::kTable) {
        v = key.tag.empty() ? Value() : Value(key.tag);
      }
      r.Add(NameOf(key.group), std::move(v));
    }
    AddTotals(env, row.totals, report.money_visible, r);
    rows.push_back(std::move(r));
  }
  Record total;
  AddTotals(env, report.total, report.money_visible, total);
  for (const auto& [name, value] : total.fields()) columns.push_back(name);
  PrintReport(env.out(), env.format(), rows, total, columns);
  return absl::OkStatus();
}

Record OverdueRecord(Env& env, const wsl::OverdueRow& row) {
  Record r = TaskRecord(env, row.task);
  r.Add("project", row.project_name)
      .Add("days_late", row.days_late)
      .Add("late", row.late);
  return r;
}

absl::Status RunOverdue(Env& env, const Args& args) {
  wsl::OverdueQuery query;
  if (auto email = args.Get("assignee")) {
    WS_ASSIGN_OR_RETURN(wsl::Member m, env.MemberByEmail("--assignee", *email));
    query.assignee = m.id;
  }
  if (auto email = args.Get("author")) {
    WS_ASSIGN_OR_RETURN(wsl::Member m, env.MemberByEmail("--author", *email));
    query.author = m.id;
  }
  WS_ASSIGN_OR_RETURN(std::optional<int64_t> project, IdFlag(args, "project"));
  if (project) query.project = wsl::ProjectId(*project);
  if (auto within = args.Get("within")) {
    WS_ASSIGN_OR_RETURN(int64_t days, ParseInt("--within", *within, 0, 36500));
    query.due_within_days = static_cast<int>(days);
  }
  WS_ASSIGN_OR_RETURN(wsl::OverdueReport report,
                      env.session().RunOverdueReport(query));
  int64_t limit = INT64_MAX;
  if (auto l = args.Get("limit")) {
    WS_ASSIGN_OR_RETURN(limit, ParseInt("--limit", *l, 1, INT64_MAX));
  }
  std::vector<Record> rows;
  int64_t late = 0;
  for (const wsl::OverdueRow& row : report.rows) {
    if (static_cast<int64_t>(rows.size()) < limit) {
      rows.push_back(OverdueRecord(env, row));
    }
    if (row.late) ++late;
  }
  Record total;
  total.Add("tasks", static_cast<int64_t>(report.rows.size()))
      .Add("late", late)
      .Add("as_of", FormatDate(report.as_of));
  std::vector<std::string> columns = {
      "id",        "project_id",   "parent_id",
      "title",     "status",       "priority",
      "start",     "deadline",     "estimate_seconds",
      "assignee",  "author",       "hidden",
      "tags",      "completed_at", "project",
      "days_late", "late"};
  PrintReport(env.out(), env.format(), rows, total, columns,
              {"id", "project", "title", "priority", "deadline", "days_late",
               "assignee", "author"});
  return absl::OkStatus();
}

Value Percent(const std::optional<double>& p) {
  return p ? Value::Number(*p, 1) : Value();
}

absl::Status RunProjects(Env& env, const Args& args) {
  wsl::ProjectHealthQuery query;
  query.include_archived = args.Has("all");
  WS_ASSIGN_OR_RETURN(std::vector<wsl::ProjectHealth> health,
                      env.session().RunProjectHealth(query));
  bool table = env.format() == Format::kTable;
  bool any_money = false;
  for (const wsl::ProjectHealth& h : health) any_money |= h.billed.has_value();
  std::vector<Record> rows;
  wsl::ReportTotals sums;
  int64_t open = 0, done = 0, overdue = 0;
  wsl::Money billed = 0, labour = 0, expenses = 0, income = 0, margin = 0;
  for (const wsl::ProjectHealth& h : health) {
    Record r;
    int64_t used = absl::ToInt64Seconds(h.budget.time_used);
    r.Add("id", h.project.id.value())
        .Add("project", h.project.name)
        .Add("status", wsl::ProjectStatusName(h.project.status))
        .Add("manager", env.Email(h.project.manager))
        .Add("deadline", h.project.deadline
                             ? Value(FormatDate(*h.project.deadline))
                             : Value())
        .Add("tasks_open", h.tasks_open)
        .Add("tasks_done", h.tasks_done)
        .Add("tasks_overdue", h.tasks_overdue)
        .Add("percent_done", Value::Number(h.percent_done, 1))
        .Add("percent_done_by_estimate", Percent(h.percent_done_by_estimate))
        .Add("nearest_deadline",
             h.nearest_deadline ? Value(FormatDeadline(*h.nearest_deadline))
                                : Value())
        .Add("nearest_deadline_task_id",
             h.nearest_deadline_task.valid()
                 ? Value(h.nearest_deadline_task.value())
                 : Value());
    if (table) {
      r.Add(
           "budget",
           h.budget.time_budget
               ? Value(FormatHours(absl::ToInt64Seconds(*h.budget.time_budget)))
               : Value())
          .Add("used", FormatHours(used));
    } else {
      r.Add("budget_seconds",
            h.budget.time_budget
                ? Value(absl::ToInt64Seconds(*h.budget.time_budget))
                : Value())
          .Add("used_seconds", used);
    }
    r.Add("time_percent", Percent(h.budget.time_percent));
    if (any_money) {
      r.Add("budget_money", MoneyValue(env, h.budget.money_budget))
          .Add("money_used", MoneyValue(env, h.budget.money_used))
          .Add("money_percent", Percent(h.budget.money_percent))
          .Add("billed", MoneyValue(env, h.billed))
          .Add("cost", MoneyValue(env, h.labour_cost))
          .Add("expenses", MoneyValue(env, h.expenses))
          .Add("income", MoneyValue(env, h.income))
          .Add("margin", MoneyValue(env, h.margin));
      billed += h.billed.value_or(0);
      labour += h.labour_cost.value_or(0);
      expenses += h.expenses.value_or(0);
      income += h.income.value_or(0);
      margin += h.margin.value_or(0);
    }
    r.Add("last_activity",
          h.last_activity ? Value(FormatInstant(*h.last_activity, env.zone()))
                          : Value());
    open += h.tasks_open;
    done += h.tasks_done;
    overdue += h.tasks_overdue;
    sums.seconds += used;
    rows.push_back(std::move(r));
  }
  Record total;
  total.Add("projects", static_cast<int64_t>(health.size()))
      .Add("tasks_open", open)
      .Add("tasks_done", done)
      .Add("tasks_overdue", overdue);
  if (table) {
    total.Add("used", FormatHours(sums.seconds));
  } else {
    total.Add("used_seconds", sums.seconds);
  }
  if (any_money) {
    total.Add("billed", FormatMoney(billed, env.money_decimals()))
        .Add("cost", FormatMoney(labour, env.money_decimals()))
        .Add("expenses", FormatMoney(expenses, env.money_decimals()))
        .Add("income", FormatMoney(income, env.money_decimals()))
        .Add("margin", FormatMoney(margin, env.money_decimals()));
  }
  std::vector<std::string> columns;
  for (const Record& r : rows) {
    for (const auto& [name, value] : r.fields()) columns.push_back(name);
    break;
  }
  std::vector<std::string> table_columns = {
      "id",         "project",       "deadline",     "tasks_open",
      "tasks_done", "tasks_overdue", "percent_done", "budget",
      "used",       "time_percent"};
  if (any_money) {
    for (const char* c : {"budget_money", "billed", "cost", "margin"}) {
      table_columns.push_back(c);
    }
  }
  PrintReport(env.out(), env.format(), rows, total, columns, table_columns);
  return absl::OkStatus();
}

absl::Status RunWorkload(Env& env, const Args& args) {
  wsl::WorkloadQuery query;
  WS_ASSIGN_OR_RETURN(query.from, DateFlag(args, "from"));
  WS_ASSIGN_OR_RETURN(query.to, DateFlag(args, "to"));
  for (const std::string& email : args.GetAll("member")) {
    WS_ASSIGN_OR_RETURN(wsl::Member m, env.MemberByEmail("--member", email));
    query.members.push_back(m.id);
  }
  WS_ASSIGN_OR_RETURN(std::vector<wsl::WorkloadRow> workload,
                      env.session().RunWorkload(query));
  bool table = env.format() == Format::kTable;
  std::vector<Record> rows;
  int64_t open = 0, overdue = 0, left = 0, logged = 0;
  for (const wsl::WorkloadRow& w : workload) {
    Record r;
    int64_t estimate = absl::ToInt64Seconds(w.estimate_left);
    r.Add("member", env.Email(w.member))
        .Add("name", w.member_name)
        .Add("open_tasks", w.open_tasks)
        .Add("overdue_tasks", w.overdue_tasks);
    if (table) {
      r.Add("estimate_left", FormatHours(estimate))
          .Add("logged", FormatHours(w.seconds_logged));
    } else {
      r.Add("estimate_left_seconds", estimate)
          .Add("logged_seconds", w.seconds_logged);
    }
    open += w.open_tasks;
    overdue += w.overdue_tasks;
    left += estimate;
    logged += w.seconds_logged;
    rows.push_back(std::move(r));
  }
  Record total;
  total.Add("open_tasks", open).Add("overdue_tasks", overdue);
  if (table) {
    total.Add("estimate_left", FormatHours(left))
        .Add("logged", FormatHours(logged));
  } else {
    total.Add("estimate_left_seconds", left).Add("logged_seconds", logged);
  }
  std::vector<std::string> columns = {"member", "name", "open_tasks",
                                      "overdue_tasks"};
  if (table) {
    columns.insert(columns.end(), {"estimate_left", "logged"});
  } else {
    columns.insert(columns.end(), {"estimate_left_seconds", "logged_seconds"});
  }
  PrintReport(env.out(), env.format(), rows, total, columns);
  return absl::OkStatus();
}

std::vector<Record> DigestRows(Env& env,
                               const std::vector<wsl::OverdueRow>& rows) {
  std::vector<Record> records;
  for (const wsl::OverdueRow& row : rows) {
    records.push_back(OverdueRecord(env, row));
  }
  return records;
}

absl::Status RunDigest(Env& env, const Args& args) {
  wsl::DigestQuery query;
  for (const std::string& email : args.GetAll("member")) {
    WS_ASSIGN_OR_RETURN(wsl::Member m, env.MemberByEmail("--member", email));
    query.members.push_back(m.id);
  }
  WS_ASSIGN_OR_RETURN(wsl::Digest digest, env.session().RunDigest(query));
  if (env.format() == Format::kTable) {
    env.out() << (args.Has("markdown") ? wsl::RenderDigestMarkdown(digest)
                                       : wsl::RenderDigestText(digest));
    return absl::OkStatus();
  }
  if (env.format() == Format::kCsv) {
    // One line per item: whose, which list, which task.
    std::vector<Record> lines;
    auto add = [&](const wsl::DigestEntry& e, const char* list,
                   const std::vector<wsl::OverdueRow>& rows) {
      for (const wsl::OverdueRow& row : rows) {
        Record r;
        r.Add("member", env.Email(e.member))
            .Add("list", list)
            .Add("task_id", row.task.id.value())
            .Add("title", row.task.title)
            .Add("project", row.project_name)
            .Add("deadline", row.task.deadline
                                 ? Value(FormatDeadline(*row.task.deadline))
                                 : Value())
            .Add("days_late", row.days_late);
        lines.push_back(std::move(r));
      }
    };
    for (const wsl::DigestEntry& e : digest.entries) {
      add(e, "received_overdue", e.received_overdue);
      add(e, "set_overdue", e.set_overdue);
      add(e, "due_this_week", e.due_this_week);
    }
    PrintReport(env.out(), env.format(), lines, Record(),
                {"member", "list", "task_id", "title", "project", "deadline",
                 "days_late"});
    return absl::OkStatus();
  }
  std::vector<Record> rows;
  for (const wsl::DigestEntry& e : digest.entries) {
    std::vector<Record> timers;
    for (size_t i = 0; i < e.forgotten_timers.size(); ++i) {
      const wsl::Timer& t = e.forgotten_timers[i];
      Record tr;
      tr.Add("task_id", t.task.value())
          .Add("task", i < e.forgotten_timer_tasks.size()
                           ? Value(e.forgotten_timer_tasks[i])
                           : Value())
          .Add("started_at", FormatInstant(t.started_at, env.zone()));
      timers.push_back(std::move(tr));
    }
    Record r;
    r.Add("member", env.Email(e.member))
        .Add("name", e.member_name)
        .Add("received_overdue", DigestRows(env, e.received_overdue))
        .Add("set_overdue", DigestRows(env, e.set_overdue))
        .Add("due_this_week", DigestRows(env, e.due_this_week))
        .Add("forgotten_timers", std::move(timers));
    rows.push_back(std::move(r));
  }
  Record total;
  total.Add("members", static_cast<int64_t>(digest.entries.size()))
      .Add("as_of", FormatDate(digest.as_of));
  PrintReport(env.out(), env.format(), rows, total, {});
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> ReportCommands() {
  Command time;
  time.words = {"report", "time"};
  time.usage =
      "report time [--from DATE] [--to DATE] "
      "[--by project,task,member,tag,day,week,month] [--project ID] "
      "[--member EMAIL] [--tag TAG] [--out FILE.xlsx|.csv|.json]";
  time.summary =
      "Time and money, grouped by the --by levels (default project); dates "
      "inclusive. --out writes a file instead.";
  time.flags = {{"from"},
                {"to"},
                {"by"},
                {"project", true, true},
                {"member", true, true},
                {"tag", true, true},
                {"out"}};
  time.check = CheckTime;
  time.run = RunTime;

  Command overdue;
  overdue.words = {"report", "overdue"};
  overdue.usage =
      "report overdue [--assignee EMAIL] [--author EMAIL] [--project ID] "
      "[--within DAYS] [--limit N]";
  overdue.summary =
      "Open tasks past their deadline (and with --within, due within DAYS), "
      "latest first; --limit prints the first N (the total counts all).";
  overdue.flags = {
      {"assignee"}, {"author"}, {"project"}, {"within"}, {"limit"}};
  overdue.run = RunOverdue;

  Command projects;
  projects.words = {"report", "projects"};
  projects.usage = "report projects [--all]";
  projects.summary =
      "Project health: tasks, deadlines, time and money against budget (--all: "
      "with archived projects).";
  projects.flags = {{"all", false}};
  projects.run = RunProjects;

  Command workload;
  workload.words = {"report", "workload"};
  workload.usage =
      "report workload [--from DATE] [--to DATE] [--member EMAIL]...";
  workload.summary =
      "Per member: open and overdue tasks, estimate left, time logged in the "
      "period.";
  workload.flags = {{"from"}, {"to"}, {"member", true, true}};
  workload.run = RunWorkload;

  Command digest;
  digest.words = {"report", "digest"};
  digest.usage = "report digest [--member EMAIL]... [--markdown]";
  digest.summary =
      "The Friday digest: overdue tasks received and set, due this week, "
      "forgotten timers; as text, Markdown (--markdown) or JSON.";
  digest.flags = {{"member", true, true}, {"markdown", false}};
  digest.run = RunDigest;
  return {time, overdue, projects, workload, digest};
}

}  // namespace ws_cli
