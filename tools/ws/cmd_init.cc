// ws init: creates a workspace and its first owner.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tools/ws/commands.h"
#include "tools/ws/flags.h"
#include "tools/ws/records.h"
#include "worksection/workspace.h"

namespace ws_cli {
namespace {

namespace wsl = worksection;

absl::Status RunInit(Env& env, const Args& args) {
  wsl::WorkspaceSetup setup;
  WS_ASSIGN_OR_RETURN(setup.name, RequiredFlag(args, "name"));
  WS_ASSIGN_OR_RETURN(setup.owner_name, RequiredFlag(args, "owner-name"));
  WS_ASSIGN_OR_RETURN(setup.owner_email, RequiredFlag(args, "owner-email"));
  if (auto tz = args.Get("timezone")) setup.time_zone = *tz;
  if (auto currency = args.Get("currency")) setup.currency = *currency;

  std::string uri = env.uri();
  WS_ASSIGN_OR_RETURN(std::unique_ptr<wsl::Workspace> workspace,
                      wsl::Workspace::Open(uri));
  WS_ASSIGN_OR_RETURN(bool initialized, workspace->Initialized());
  if (initialized) {
    return absl::AlreadyExistsError(
        absl::StrCat("--db: ", uri, " already holds a workspace"));
  }
  WS_ASSIGN_OR_RETURN(wsl::Member owner, workspace->Bootstrap(setup));
  if (env.format() == Format::kTable) {
    env.out() << "Created workspace \"" << setup.name << "\" in " << uri << " ("
              << setup.time_zone << ", " << setup.currency << "); owner "
              << owner.email << " (id " << owner.id << ")\n";
    return absl::OkStatus();
  }
  Record r;
  r.Add("name", setup.name)
      .Add("timezone", setup.time_zone)
      .Add("currency", setup.currency)
      .Add("db", uri)
      .Add("owner", std::vector<Record>{MemberRecord(env, owner)});
  PrintRecord(env.out(), env.format(), r);
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> InitCommands() {
  Command init;
  init.words = {"init"};
  init.usage =
      "init --name NAME --owner-name NAME --owner-email EMAIL [--timezone TZ] "
      "[--currency CODE]";
  init.summary =
      "Create a workspace and its owner in --db (time zone default UTC, "
      "currency USD).";
  init.flags = {
      {"name"}, {"owner-name"}, {"owner-email"}, {"timezone"}, {"currency"}};
  init.required = {"name", "owner-name", "owner-email"};
  init.opens_workspace = false;
  init.run = RunInit;
  return {init};
}

}  // namespace ws_cli
