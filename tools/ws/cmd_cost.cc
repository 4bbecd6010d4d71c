// ws cost add.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "tools/ws/commands.h"
#include "tools/ws/flags.h"
#include "tools/ws/values.h"

namespace ws_cli {
namespace {

namespace wsl = worksection;

absl::Status RunAdd(Env& env, const Args& args) {
  wsl::Cost c;
  WS_ASSIGN_OR_RETURN(int64_t project,
                      ParseId("project id", args.positional()[0]));
  c.project = wsl::ProjectId(project);
  WS_ASSIGN_OR_RETURN(c.amount, ParseMoney("amount", args.positional()[1],
                                           env.money_decimals()));
  WS_ASSIGN_OR_RETURN(std::optional<int64_t> task, IdFlag(args, "task"));
  if (task) c.task = wsl::TaskId(*task);
  WS_ASSIGN_OR_RETURN(std::optional<absl::CivilDay> date,
                      DateFlag(args, "date"));
  if (date) {
    c.date = *date;
  } else {
    WS_ASSIGN_OR_RETURN(c.date, env.session().Today());
  }
  c.note = args.Get("note").value_or("");
  c.kind =
      args.Has("income") ? wsl::Cost::Kind::kIncome : wsl::Cost::Kind::kExpense;
  WS_ASSIGN_OR_RETURN(wsl::Cost created, env.session().CreateCost(c));
  env.out() << created.id << "\n";
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> CostCommands() {
  Command add;
  add.words = {"cost", "add"};
  add.usage =
      "cost add PROJECT_ID AMOUNT [--task ID] [--date DATE] [--note TEXT] "
      "[--income]";
  add.summary =
      "Add an expense (or with --income a fixed income line) to a project or "
      "one of its tasks (date default today). Prints the new id.";
  add.flags = {{"task"}, {"date"}, {"note"}, {"income", false}};
  add.min_positional = add.max_positional = 2;
  add.run = RunAdd;
  return {add};
}

}  // namespace ws_cli
