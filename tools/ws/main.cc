// ws: the worksection command-line tool.
//
//   ws [--db URI] [--as EMAIL] [--format table|json|csv] COMMAND ...
//
// Exit codes: 0 done; 1 the operation failed (a message on stderr names the
// field or id); 2 a usage error (a short usage on stderr).
#include <iostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/ws/args.h"
#include "tools/ws/commands.h"
#include "tools/ws/env.h"
#include "worksection/version.h"

namespace ws_cli {
namespace {

constexpr char kGlobalUsage[] =
    "usage: ws [--db URI] [--as EMAIL] [--format table|json|csv] COMMAND "
    "...\n";

constexpr char kGlobalHelp[] =
    "\n"
    "  --db URI       a path, sqlite:PATH, memory: or postgresql://...\n"
    "                 (default: $WS_DB, then ./worksection.db)\n"
    "  --as EMAIL     the acting member (default: the first owner); every\n"
    "                 permission rule applies to it\n"
    "  --format F     table (default), json or csv\n"
    "\n"
    "DATE is YYYY-MM-DD; DURATION is 1h30m, 90m, 45m or 1:30; money is a\n"
    "decimal in the workspace currency (12.50).\n"
    "Exit codes: 0 done, 1 the operation failed, 2 a usage error.\n"
    "`ws COMMAND --help` shows one command. See docs/cli.md.\n";

std::vector<Command> AllCommands() {
  std::vector<Command> all;
  for (auto group : {InitCommands, MemberCommands, ProjectCommands,
                     TaskCommands, CommentCommands, TimeCommands, CostCommands,
                     ReportCommands, IoCommands, DemoCommands}) {
    for (Command& c : group()) all.push_back(std::move(c));
  }
  return all;
}

void PrintCommandList(std::ostream& out, const std::vector<Command>& commands,
                      const std::string& group) {
  for (const Command& c : commands) {
    if (!group.empty() && c.words[0] != group) continue;
    out << "  ws " << c.usage << "\n";
    if (!c.summary.empty()) out << "      " << c.summary << "\n";
  }
}

int Usage(const std::string& message, const std::string& usage_line) {
  if (!message.empty()) std::cerr << "ws: " << message << "\n";
  std::cerr << usage_line << "Run `ws --help` for the commands and options.\n";
  return 2;
}

int Main(int argc, char** argv) {
  std::vector<std::string> argv_rest(argv + 1, argv + argc);
  std::vector<Command> commands = AllCommands();

  // Global flags before the command.
  size_t i = 0;
  std::vector<std::string> leading;
  while (i < argv_rest.size() && absl::StartsWith(argv_rest[i], "-") &&
         argv_rest[i] != "-") {
    const std::string& a = argv_rest[i];
    if (a == "--help" || a == "-h") {
      std::cout << kGlobalUsage << "\ncommands:\n";
      PrintCommandList(std::cout, commands, "");
      std::cout << kGlobalHelp;
      return 0;
    }
    if (a == "--version") {
      std::cout << "ws " << worksection::Version() << "\n";
      return 0;
    }
    leading.push_back(a);
    bool has_value = false;
    for (const FlagSpec& f : GlobalFlags()) {
      if (a == "--" + f.name) has_value = true;
    }
    if (!has_value && a.find('=') == std::string::npos) {
      return Usage(absl::StrCat("unknown option ", a), kGlobalUsage);
    }
    if (has_value) {
      if (i + 1 >= argv_rest.size()) {
        return Usage(absl::StrCat("option ", a, " needs a value"),
                     kGlobalUsage);
      }
      leading.push_back(argv_rest[++i]);
    }
    ++i;
  }
  absl::StatusOr<Args> globals = Args::Parse(leading, {}, 0, 0);
  if (!globals.ok())
    return Usage(std::string(globals.status().message()), kGlobalUsage);
  if (i >= argv_rest.size()) return Usage("no command given", kGlobalUsage);
  if (argv_rest[i] == "help") {
    std::cout << kGlobalUsage << "\ncommands:\n";
    PrintCommandList(std::cout, commands, "");
    std::cout << kGlobalHelp;
    return 0;
  }

  // The command: the longest sequence of words naming one.
  const Command* command = nullptr;
  for (const Command& c : commands) {
    if (i + c.words.size() > argv_rest.size()) continue;
    bool match = true;
    for (size_t w = 0; w < c.words.size(); ++w) {
      if (argv_rest[i + w] != c.words[w]) match = false;
    }
    if (match &&
        (command == nullptr || c.words.size() > command->words.size())) {
      command = &c;
    }
  }
  if (command == nullptr) {
    const std::string& word = argv_rest[i];
    bool is_group = false;
    for (const Command& c : commands) is_group |= c.words[0] == word;
    if (!is_group) {
      return Usage(absl::StrCat("unknown command \"", word, "\""),
                   kGlobalUsage);
    }
    bool help = i + 1 < argv_rest.size() &&
                (argv_rest[i + 1] == "--help" || argv_rest[i + 1] == "-h");
    std::ostream& out = help ? std::cout : std::cerr;
    if (!help) {
      std::cerr << "ws: "
                << (i + 1 < argv_rest.size()
                        ? absl::StrCat("unknown command \"", word, " ",
                                       argv_rest[i + 1], "\"")
                        : absl::StrCat("\"", word, "\" needs a subcommand"))
                << "\n";
    }
    out << "usage:\n";
    PrintCommandList(out, commands, word);
    return help ? 0 : 2;
  }
  std::string usage_line = absl::StrCat("usage: ws ", command->usage, "\n");
  std::vector<std::string> rest(argv_rest.begin() + i + command->words.size(),
                                argv_rest.end());
  absl::StatusOr<Args> args = Args::Parse(
      rest, command->flags, command->min_positional, command->max_positional);
  if (!args.ok())
    return Usage(std::string(args.status().message()), usage_line);
  if (args->help()) {
    std::cout << usage_line;
    if (!command->summary.empty())
      std::cout << "\n" << command->summary << "\n";
    std::cout << kGlobalHelp;
    return 0;
  }
  args->MergeGlobals(*globals);
  absl::StatusOr<Format> format = ParseFormat(*args);
  if (!format.ok())
    return Usage(std::string(format.status().message()), usage_line);

  Env env(*args, *format, std::cout);
  absl::Status status;
  for (const std::string& flag : command->required) {
    if (!args->Has(flag)) {
      return Usage(absl::StrCat("missing --", flag), usage_line);
    }
  }
  if (command->check != nullptr) status = command->check(*args);
  if (status.ok() && command->opens_workspace) status = env.Open();
  if (status.ok()) status = command->run(env, *args);
  std::cout.flush();
  if (status.ok()) return 0;
  if (IsUsageError(status))
    return Usage(std::string(status.message()), usage_line);
  std::cerr << "ws: " << status.message() << "\n";
  return 1;
}

}  // namespace
}  // namespace ws_cli

int main(int argc, char** argv) { return ws_cli::Main(argc, argv); }
