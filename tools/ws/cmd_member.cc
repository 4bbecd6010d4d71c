// ws member add | list.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tools/ws/commands.h"
#include "tools/ws/flags.h"
#include "tools/ws/records.h"

namespace ws_cli {
namespace {

namespace wsl = worksection;

absl::StatusOr<wsl::Role> ParseRole(absl::string_view text) {
  for (wsl::Role role :
       {wsl::Role::kOwner, wsl::Role::kAdmin, wsl::Role::kEmployee,
        wsl::Role::kClient, wsl::Role::kReader}) {
    if (wsl::RoleName(role) == text) return role;
  }
  return UsageError(
      absl::StrCat("--role: \"", text,
                   "\" is not one of owner, admin, employee, client, "
                   "reader"));
}

absl::Status CheckAdd(const Args& args) {
  if (auto role = args.Get("role")) return ParseRole(*role).status();
  return absl::OkStatus();
}

absl::Status RunAdd(Env& env, const Args& args) {
  wsl::Member m;
  m.name = args.positional()[0];
  WS_ASSIGN_OR_RETURN(m.email, RequiredFlag(args, "email"));
  WS_ASSIGN_OR_RETURN(std::string role, RequiredFlag(args, "role"));
  WS_ASSIGN_OR_RETURN(m.role, ParseRole(role));
  WS_ASSIGN_OR_RETURN(m.cost_rate,
                      MoneyFlag(args, "cost-rate", env.money_decimals()));
  WS_ASSIGN_OR_RETURN(m.billing_rate,
                      MoneyFlag(args, "rate", env.money_decimals()));
  m.company = args.Get("company").value_or("");
  WS_ASSIGN_OR_RETURN(wsl::Member created, env.session().CreateMember(m));
  env.out() << created.id << "\n";
  return absl::OkStatus();
}

absl::Status RunList(Env& env, const Args& args) {
  wsl::MemberFilter filter;
  filter.include_inactive = args.Has("all");
  WS_ASSIGN_OR_RETURN(std::vector<wsl::Member> members,
                      env.session().ListMembers(filter));
  std::vector<Record> records;
  for (const wsl::Member& m : members) records.push_back(MemberRecord(env, m));
  PrintList(env.out(), env.format(), records);
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> MemberCommands() {
  Command add;
  add.words = {"member", "add"};
  add.usage =
      "member add NAME --email EMAIL --role owner|admin|employee|client|reader "
      "[--cost-rate X] [--rate X] [--company NAME]";
  add.summary =
      "Add a member; --cost-rate and --rate are hourly, in the workspace "
      "currency. Prints the new id.";
  add.flags = {{"email"}, {"role"}, {"cost-rate"}, {"rate"}, {"company"}};
  add.min_positional = add.max_positional = 1;
  add.required = {"email", "role"};
  add.check = CheckAdd;
  add.run = RunAdd;

  Command list;
  list.words = {"member", "list"};
  list.usage = "member list [--all]";
  list.summary =
      "List the members the acting member may see (--all: with deactivated "
      "ones).";
  list.flags = {{"all", false}};
  list.run = RunList;
  return {add, list};
}

}  // namespace ws_cli
