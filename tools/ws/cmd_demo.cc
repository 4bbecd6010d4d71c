// ws demo: seeds a realistic agency, prints its project-health dashboard and
// overdue list, and writes demo-report.xlsx beside the database.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "tools/ws/commands.h"
#include "tools/ws/demo_seed.h"
#include "tools/ws/progress.h"
#include "tools/ws/values.h"
#include "worksection/export.h"
#include "worksection/workspace.h"

namespace ws_cli {
namespace {

namespace fs = std::filesystem;
namespace wsl = worksection;

// Runs the report command `argv` (its words, then its flags) on the demo
// workspace as its owner, printing a table.
absl::Status RunReport(std::unique_ptr<wsl::Workspace>& workspace,
                       std::ostream& out,
                       const std::vector<std::string>& argv) {
  for (const Command& c : ReportCommands()) {
    if (c.words.size() > argv.size() ||
        !std::equal(c.words.begin(), c.words.end(), argv.begin())) {
      continue;
    }
    WS_ASSIGN_OR_RETURN(
        Args args,
        Args::Parse(
            {argv.begin() + static_cast<ptrdiff_t>(c.words.size()), argv.end()},
            c.flags, 0, 0));
    Env env(args, Format::kTable, out);
    WS_RETURN_IF_ERROR(env.Attach(std::move(workspace)));
    absl::Status status = c.run(env, args);
    workspace = env.Release();
    return status;
  }
  return absl::InternalError("no such report");
}

absl::Status RunDemo(Env& env, const Args& args) {
  std::string uri = args.Get("db").value_or("demo.db");
  uint64_t seed = 1;
  if (auto s = args.Get("seed")) {
    WS_ASSIGN_OR_RETURN(int64_t v, ParseInt("--seed", *s, 0, INT64_MAX));
    seed = static_cast<uint64_t>(v);
  }
  std::string file = DbFile(uri);
  fs::path report_path = "demo-report.xlsx";
  if (!file.empty()) {
    std::error_code ec;
    if (fs::exists(file, ec)) {
      if (!args.Has("force")) {
        return absl::AlreadyExistsError(absl::StrCat(
            "--db: ", file,
            " already exists; remove it, pass --force to replace it, or "
            "choose another --db"));
      }
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        fs::remove(file + suffix, ec);
      }
    }
    report_path = fs::path(file).parent_path() / "demo-report.xlsx";
  }

  absl::Time started = absl::Now();
  wsl::OpenOptions options;
  options.create = DemoSetup();
  WS_ASSIGN_OR_RETURN(std::unique_ptr<wsl::Workspace> workspace,
                      wsl::Workspace::Open(uri, options));
  DemoStats stats;
  {
    Progress progress("seeding the demo agency", 0);
    WS_ASSIGN_OR_RETURN(stats, SeedDemo(*workspace, seed, progress));
  }
  absl::Duration seeded = absl::Now() - started;

  // The year's time and money, by project and member, as a workbook.
  WS_ASSIGN_OR_RETURN(wsl::Member owner, workspace->FirstOwner());
  wsl::Session s = workspace->As(owner.id);
  WS_ASSIGN_OR_RETURN(absl::CivilDay today, s.Today());
  wsl::TimeReportQuery query;
  query.from = today - 365;
  query.to = today;
  query.group_by = {wsl::ReportGroup::kProject, wsl::ReportGroup::kMember};
  WS_ASSIGN_OR_RETURN(wsl::TimeReport report, s.RunTimeReport(query));
  WS_RETURN_IF_ERROR(
      wsl::WriteXlsxFile(report, report_path.string(), {.currency = "EUR"}));

  std::ostream& out = env.out();
  out << absl::StrFormat(
      "Seeded \"%s\" into %s in %.1f s (seed %d): %d members, %d projects, "
      "%d tasks, %d time entries, %d costs, %d comments.\n",
      DemoSetup().name, uri, absl::ToDoubleSeconds(seeded), seed, stats.members,
      stats.projects, stats.tasks, stats.time_entries, stats.costs,
      stats.comments);
  out << "\nProject health\n\n";
  out.flush();
  WS_RETURN_IF_ERROR(RunReport(workspace, out, {"report", "projects"}));
  out << "\nOverdue tasks (the 25 most overdue; all: ws --db " << uri
      << " report overdue)\n\n";
  out.flush();
  WS_RETURN_IF_ERROR(
      RunReport(workspace, out, {"report", "overdue", "--limit", "25"}));
  out << "\nWrote " << report_path.string()
      << " (time and money of the past year, by project and member).\n"
      << "Explore it: ws --db " << uri << " report time --by month\n"
      << "As a client: ws --db " << uri
      << " --as nora.lind@northwind.example report projects\n";
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> DemoCommands() {
  Command demo;
  demo.words = {"demo"};
  demo.usage = "demo [--db PATH] [--seed N] [--force]";
  demo.summary =
      "Seed a realistic agency (25 members, 18 projects, ~2,000 tasks, a "
      "year of time) into demo.db, print its dashboard and overdue list, and "
      "write demo-report.xlsx beside it. --force replaces an existing file.";
  demo.flags = {{"seed"}, {"force", false}};
  demo.opens_workspace = false;
  demo.run = RunDemo;
  return {demo};
}

}  // namespace ws_cli
