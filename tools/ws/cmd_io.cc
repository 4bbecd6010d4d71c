// ws export snapshot, ws import snapshot|taskwarrior|timewarrior.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/ws/commands.h"
#include "tools/ws/progress.h"
#include "worksection/import.h"
#include "worksection/snapshot.h"
#include "worksection/workspace.h"

namespace ws_cli {
namespace {

namespace fs = std::filesystem;
namespace wsl = worksection;

// The whole of FILE, or of stdin for "-".
absl::StatusOr<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), {});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("FILE: cannot read ", path));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) {
    return absl::DataLossError(absl::StrCat("FILE: error reading ", path));
  }
  return bytes.str();
}

// Writes through a temporary file renamed over `path`: a failed export
// never leaves half a snapshot behind.
absl::Status WriteOutput(const std::string& path, const std::string& bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      return absl::PermissionDeniedError(
          absl::StrCat("FILE: cannot write ", tmp));
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return absl::DataLossError(absl::StrCat("FILE: error writing ", tmp));
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return absl::PermissionDeniedError(
        absl::StrCat("FILE: cannot rename ", tmp, " to ", path));
  }
  return absl::OkStatus();
}

absl::Status CheckEncoding(const Args& args) {
  auto e = args.Get("encoding");
  if (e && *e != "binary" && *e != "json") {
    return UsageError(
        absl::StrCat("--encoding: \"", *e, "\" is not binary or json"));
  }
  return absl::OkStatus();
}

absl::Status RunExportSnapshot(Env& env, const Args& args) {
  const std::string& path = args.positional()[0];
  const bool json = args.Get("encoding") ? *args.Get("encoding") == "json"
                                         : absl::EndsWith(path, ".json");
  WS_ASSIGN_OR_RETURN(
      std::string bytes,
      wsl::ExportSnapshot(env.session(), json ? wsl::SnapshotFormat::kJson
                                              : wsl::SnapshotFormat::kBinary));
  WS_RETURN_IF_ERROR(WriteOutput(path, bytes));
  if (env.format() == Format::kTable) {
    env.out() << "Wrote " << path << " (" << (json ? "JSON" : "binary") << ", "
              << bytes.size() << " bytes).\n";
    return absl::OkStatus();
  }
  Record r;
  r.Add("file", path)
      .Add("encoding", json ? "json" : "binary")
      .Add("bytes", static_cast<int64_t>(bytes.size()));
  PrintRecord(env.out(), env.format(), r);
  return absl::OkStatus();
}

absl::Status RunImportSnapshot(Env& env, const Args& args) {
  const std::string& path = args.positional()[0];
  WS_ASSIGN_OR_RETURN(std::string bytes, ReadInput(path));
  const std::string uri = env.uri();
  const std::string file = DbFile(uri);
  std::error_code ec;
  const bool created = !file.empty() && !fs::exists(file, ec);
  WS_ASSIGN_OR_RETURN(std::unique_ptr<wsl::Workspace> workspace,
                      wsl::Workspace::Open(uri));
  absl::Status imported;
  {
    Progress progress("importing the snapshot", 0);
    imported = wsl::ImportSnapshot(*workspace, bytes,
                                   [&](int64_t done, int64_t total) {
                                     progress.SetTotal(total);
                                     progress.Set(done);
                                   });
  }
  if (!imported.ok()) {
    // Leave no empty store behind where there was no file.
    workspace.reset();
    if (created) {
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        fs::remove(file + suffix, ec);
      }
    }
    return imported;
  }
  WS_ASSIGN_OR_RETURN(wsl::Member owner, workspace->FirstOwner());
  WS_ASSIGN_OR_RETURN(wsl::WorkspaceSettings settings,
                      workspace->As(owner.id).GetSettings());
  if (env.format() == Format::kTable) {
    env.out() << "Imported workspace \"" << settings.name << "\" from " << path
              << " into " << uri << ".\n";
    return absl::OkStatus();
  }
  Record r;
  r.Add("file", path).Add("db", uri).Add("name", settings.name);
  PrintRecord(env.out(), env.format(), r);
  return absl::OkStatus();
}

// Counts, then what could not map.
void PrintImportReport(Env& env, const std::string& path,
                       const wsl::ImportReport& report) {
  std::vector<Record> issues;
  for (const wsl::ImportIssue& i : report.issues) {
    Record r;
    r.Add("item", i.item)
        .Add("field", i.field)
        .Add("value", i.value)
        .Add("reason", i.reason);
    issues.push_back(std::move(r));
  }
  if (env.format() == Format::kTable) {
    env.out() << "Imported from " << path << ": " << report.projects_created
              << " projects, " << report.tasks_created << " tasks, "
              << report.comments_created << " comments, "
              << report.time_entries_created << " time entries, "
              << report.timers_started << " timers.\n";
    if (!issues.empty()) {
      env.out() << "\nNot mapped as they were (" << issues.size() << "):\n\n";
      PrintList(env.out(), env.format(), issues);
    }
    return;
  }
  if (env.format() == Format::kCsv) {
    PrintList(env.out(), env.format(), issues);
    return;
  }
  Record r;
  r.Add("projects_created", report.projects_created)
      .Add("tasks_created", report.tasks_created)
      .Add("comments_created", report.comments_created)
      .Add("time_entries_created", report.time_entries_created)
      .Add("timers_started", report.timers_started)
      .Add("issues", std::move(issues));
  PrintRecord(env.out(), env.format(), r);
}

// Runs `import` on FILE with a progress bar; prints its report.
template <typename Import>
absl::Status RunToolImport(Env& env, const Args& args, const std::string& label,
                           Import import) {
  const std::string& path = args.positional()[0];
  WS_ASSIGN_OR_RETURN(std::string bytes, ReadInput(path));
  absl::StatusOr<wsl::ImportReport> report;
  {
    Progress progress(label, 0);
    report = import(bytes, [&](int64_t done, int64_t total) {
      progress.SetTotal(total);
      progress.Set(done);
    });
  }
  if (!report.ok()) return report.status();
  PrintImportReport(env, path, *report);
  return absl::OkStatus();
}

absl::Status RunImportTaskwarrior(Env& env, const Args& args) {
  wsl::TaskwarriorOptions options;
  if (auto p = args.Get("default-project")) options.default_project = *p;
  if (auto tz = args.Get("timezone")) options.time_zone = *tz;
  return RunToolImport(
      env, args, "importing tasks",
      [&](const std::string& bytes, const wsl::ProgressCallback& progress) {
        return wsl::ImportTaskwarrior(env.session(), bytes, options, progress);
      });
}

absl::Status RunImportTimewarrior(Env& env, const Args& args) {
  wsl::TimewarriorOptions options;
  if (auto p = args.Get("tag-prefix")) options.task_tag_prefix = *p;
  if (auto s = args.Get("separator")) options.separator = *s;
  if (auto p = args.Get("fallback-project")) options.fallback_project = *p;
  if (auto t = args.Get("fallback-task")) options.fallback_task = *t;
  if (args.Has("no-fallback")) options.fallback_project.clear();
  return RunToolImport(
      env, args, "importing intervals",
      [&](const std::string& bytes, const wsl::ProgressCallback& progress) {
        return wsl::ImportTimewarrior(env.session(), bytes, options, progress);
      });
}

}  // namespace

std::vector<Command> IoCommands() {
  Command export_snapshot;
  export_snapshot.words = {"export", "snapshot"};
  export_snapshot.usage = "export snapshot FILE [--encoding binary|json]";
  export_snapshot.summary =
      "Write the whole workspace to FILE (owner and admin): binary, or JSON "
      "when FILE ends in .json or --encoding json. See docs/snapshots.md.";
  export_snapshot.flags = {{"encoding"}};
  export_snapshot.min_positional = export_snapshot.max_positional = 1;
  export_snapshot.check = CheckEncoding;
  export_snapshot.run = RunExportSnapshot;

  Command import_snapshot;
  import_snapshot.words = {"import", "snapshot"};
  import_snapshot.usage = "import snapshot FILE";
  import_snapshot.summary =
      "Restore a snapshot (binary or JSON) into --db, which must hold no "
      "workspace yet; all or nothing.";
  import_snapshot.min_positional = import_snapshot.max_positional = 1;
  import_snapshot.opens_workspace = false;
  import_snapshot.run = RunImportSnapshot;

  Command taskwarrior;
  taskwarrior.words = {"import", "taskwarrior"};
  taskwarrior.usage =
      "import taskwarrior FILE [--default-project NAME] [--timezone TZ]";
  taskwarrior.summary =
      "Import `task export` output (FILE, or - for stdin) as the acting "
      "member; lists what could not map. --timezone: the zone Taskwarrior "
      "ran in (default: the workspace's). See docs/imports.md.";
  taskwarrior.flags = {{"default-project"}, {"timezone"}};
  taskwarrior.min_positional = taskwarrior.max_positional = 1;
  taskwarrior.run = RunImportTaskwarrior;

  Command timewarrior;
  timewarrior.words = {"import", "timewarrior"};
  timewarrior.usage =
      "import timewarrior FILE [--tag-prefix P] [--separator S] "
      "[--fallback-project NAME] [--fallback-task TITLE] [--no-fallback]";
  timewarrior.summary =
      "Import `timew export` output as the acting member's time: the tag "
      "\"Project:Task\" names the task; an open interval starts the timer.";
  timewarrior.flags = {{"tag-prefix"},
                       {"separator"},
                       {"fallback-project"},
                       {"fallback-task"},
                       {"no-fallback", false}};
  timewarrior.min_positional = timewarrior.max_positional = 1;
  timewarrior.run = RunImportTimewarrior;
  return {export_snapshot, import_snapshot, taskwarrior, timewarrior};
}

}  // namespace ws_cli
