// ws project add | list | show.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tools/ws/commands.h"
#include "tools/ws/flags.h"
#include "tools/ws/records.h"
#include "tools/ws/values.h"

namespace ws_cli {
namespace {

namespace wsl = worksection;

absl::StatusOr<wsl::ProjectRole> ParseProjectRole(absl::string_view text) {
  for (wsl::ProjectRole role :
       {wsl::ProjectRole::kManager, wsl::ProjectRole::kMember,
        wsl::ProjectRole::kClient}) {
    if (wsl::ProjectRoleName(role) == text) return role;
  }
  return UsageError(absl::StrCat("--member: role \"", text,
                                 "\" is not one of manager, member, client"));
}

absl::Status CheckAdd(const Args& args) {
  for (const std::string& spec : args.GetAll("member")) {
    size_t colon = spec.rfind(':');
    if (colon != std::string::npos) {
      WS_RETURN_IF_ERROR(ParseProjectRole(spec.substr(colon + 1)).status());
    }
  }
  return absl::OkStatus();
}

absl::Status RunAdd(Env& env, const Args& args) {
  wsl::Project p;
  p.name = args.positional()[0];
  if (auto manager = args.Get("manager")) {
    WS_ASSIGN_OR_RETURN(wsl::Member m,
                        env.MemberByEmail("--manager", *manager));
    p.manager = m.id;
  }
  WS_ASSIGN_OR_RETURN(p.start_date, DateFlag(args, "start"));
  WS_ASSIGN_OR_RETURN(p.deadline, DateFlag(args, "deadline"));
  if (auto hours = args.Get("budget-hours")) {
    WS_ASSIGN_OR_RETURN(p.time_budget, ParseHours("--budget-hours", *hours));
  }
  WS_ASSIGN_OR_RETURN(p.money_budget,
                      MoneyFlag(args, "budget-money", env.money_decimals()));
  WS_ASSIGN_OR_RETURN(p.billing_rate,
                      MoneyFlag(args, "rate", env.money_decimals()));
  for (const std::string& spec : args.GetAll("member")) {
    size_t colon = spec.rfind(':');
    std::string email = spec.substr(0, colon);
    WS_ASSIGN_OR_RETURN(wsl::Member m, env.MemberByEmail("--member", email));
    wsl::ProjectMember pm;
    pm.member = m.id;
    pm.role = m.role == wsl::Role::kClient ? wsl::ProjectRole::kClient
                                           : wsl::ProjectRole::kMember;
    if (colon != std::string::npos) {
      WS_ASSIGN_OR_RETURN(pm.role, ParseProjectRole(spec.substr(colon + 1)));
    }
    p.members.push_back(pm);
  }
  WS_ASSIGN_OR_RETURN(wsl::Project created, env.session().CreateProject(p));
  env.out() << created.id << "\n";
  return absl::OkStatus();
}

absl::Status RunList(Env& env, const Args& args) {
  wsl::ProjectFilter filter;
  filter.include_archived = args.Has("all");
  WS_ASSIGN_OR_RETURN(std::vector<wsl::Project> projects,
                      env.session().ListProjects(filter));
  std::vector<Record> records;
  for (const wsl::Project& p : projects) {
    records.push_back(ProjectRecord(env, p));
  }
  PrintList(env.out(), env.format(), records,
            {"id", "name", "status", "manager", "start", "deadline",
             "budget_hours", "budget_money", "rate"});
  return absl::OkStatus();
}

absl::Status RunShow(Env& env, const Args& args) {
  WS_ASSIGN_OR_RETURN(int64_t id, ParseId("project id", args.positional()[0]));
  WS_ASSIGN_OR_RETURN(wsl::Project p,
                      env.session().GetProject(wsl::ProjectId(id)));
  Record r = ProjectRecord(env, p);
  absl::StatusOr<wsl::BudgetUsage> usage = env.session().GetProjectBudget(p.id);
  if (usage.ok()) {
    r.Add("time_used_hours",
          Value::Number(absl::ToDoubleHours(usage->time_used)));
    r.Add("time_percent", usage->time_percent
                              ? Value::Number(*usage->time_percent, 1)
                              : Value());
    if (env.MoneyVisible(p)) {
      r.Add("money_used", MoneyValue(env, usage->money_used));
      r.Add("money_percent", usage->money_percent
                                 ? Value::Number(*usage->money_percent, 1)
                                 : Value());
    }
  } else if (usage.status().code() != absl::StatusCode::kPermissionDenied) {
    return usage.status();
  }
  PrintRecord(env.out(), env.format(), r);
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> ProjectCommands() {
  Command add;
  add.words = {"project", "add"};
  add.usage =
      "project add NAME [--manager EMAIL] [--start DATE] [--deadline DATE] "
      "[--budget-hours H] [--budget-money X] [--rate X] "
      "[--member EMAIL[:ROLE]]...";
  add.summary =
      "Create a project; ROLE is manager, member or client (default: client "
      "for a client, else member). Prints the new id.";
  add.flags = {{"manager"},           {"start"},        {"deadline"},
               {"budget-hours"},      {"budget-money"}, {"rate"},
               {"member", true, true}};
  add.min_positional = add.max_positional = 1;
  add.check = CheckAdd;
  add.run = RunAdd;

  Command list;
  list.words = {"project", "list"};
  list.usage = "project list [--all]";
  list.summary =
      "List the projects the acting member reads (--all: with "
      "archived ones).";
  list.flags = {{"all", false}};
  list.run = RunList;

  Command show;
  show.words = {"project", "show"};
  show.usage = "project show ID";
  show.summary = "Show a project, its members and its budget usage.";
  show.min_positional = show.max_positional = 1;
  show.run = RunShow;
  return {add, list, show};
}

}  // namespace ws_cli
