// ws comment add.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "tools/ws/commands.h"
#include "tools/ws/values.h"

namespace ws_cli {
namespace {

namespace wsl = worksection;

absl::Status RunAdd(Env& env, const Args& args) {
  wsl::Comment c;
  WS_ASSIGN_OR_RETURN(int64_t task, ParseId("task id", args.positional()[0]));
  c.task = wsl::TaskId(task);
  c.text = args.positional()[1];
  c.hidden_from_clients = args.Has("hidden");
  WS_ASSIGN_OR_RETURN(wsl::Comment created, env.session().CreateComment(c));
  env.out() << created.id << "\n";
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> CommentCommands() {
  Command add;
  add.words = {"comment", "add"};
  add.usage = "comment add TASK_ID TEXT [--hidden]";
  add.summary =
      "Comment on a task (--hidden: hidden from clients). Prints "
      "the new id.";
  add.flags = {{"hidden", false}};
  add.min_positional = add.max_positional = 2;
  add.run = RunAdd;
  return {add};
}

}  // namespace ws_cli
