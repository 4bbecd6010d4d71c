// The commands of `ws`: each group (member, project, task, ...) lists its
// commands in its own file.
#ifndef WORKSECTION_TOOLS_WS_COMMANDS_H_
#define WORKSECTION_TOOLS_WS_COMMANDS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "tools/ws/args.h"
#include "tools/ws/env.h"

namespace ws_cli {

struct Command {
  std::vector<std::string> words;  // {"task", "add"}
  std::string usage;               // after "ws ": "task add PROJECT_ID ..."
  std::string summary;             // one line for `ws --help`
  std::vector<FlagSpec> flags;
  std::vector<std::string> required;  // flags that must be given
  int min_positional = 0;
  int max_positional = 0;
  // Opens the workspace and resolves --as before running (all but init and
  // demo).
  bool opens_workspace = true;
  // Checks the usage before anything is opened: UsageError (exit 2) for a
  // value outside the choices the usage lists. Optional.
  absl::Status (*check)(const Args& args) = nullptr;
  // Returns a UsageError for a usage error (exit 2), another error when the
  // operation failed (exit 1).
  absl::Status (*run)(Env& env, const Args& args) = nullptr;
};

std::vector<Command> InitCommands();
std::vector<Command> MemberCommands();
std::vector<Command> ProjectCommands();
std::vector<Command> TaskCommands();
std::vector<Command> CommentCommands();
std::vector<Command> TimeCommands();  // timer and time
std::vector<Command> CostCommands();
std::vector<Command> ReportCommands();
std::vector<Command> IoCommands();  // export and import
std::vector<Command> DemoCommands();

}  // namespace ws_cli

#endif  // WORKSECTION_TOOLS_WS_COMMANDS_H_
