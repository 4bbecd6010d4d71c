// Taskwarrior -> worksection; the mapping is documented in import.h and
// docs/imports.md.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "src/core/import_common.h"
#include "src/core/task_creation.h"
#include "src/io/common.h"
#include "src/io/taskwarrior.h"
#include "worksection/import.h"
#include "worksection/limits.h"

namespace worksection {
namespace {

using io::TaskwarriorTask;

int PriorityOf(absl::string_view p) {
  if (p == "H") return 8;
  if (p == "L") return 2;
  return 5;
}

std::string InstantText(const std::optional<absl::Time>& t) {
  return t ? io::FormatInstant(*t) : std::string();
}

bool InYearRange(absl::CivilDay day) {
  return day.year() >= limits::kMinYear && day.year() <= limits::kMaxYear;
}

// The task as Session::CreateTask takes it; reports what does not map.
Task MapTask(const TaskwarriorTask& tw, ProjectId project,
             const absl::TimeZone& tw_zone, bool template_in_export,
             ImportRun& run) {
  const std::string& at = tw.position;
  Task t;
  t.project = project;
  t.title = CutUtf8(tw.description, limits::kMaxTitleBytes);
  std::vector<std::string> kept;
  if (t.title.size() < tw.description.size()) {
    kept.push_back(absl::StrCat("description: ", tw.description));
    run.Report(at, "description", t.title + "…",
               "title cut to 500 bytes; the whole description is in the text");
  }
  t.priority = PriorityOf(tw.priority);
  if (!tw.priority.empty() && tw.priority != "H" && tw.priority != "M" &&
      tw.priority != "L") {
    run.Report(at, "priority", tw.priority, "unknown priority; set to 5");
  }
  if (tw.due) {
    const absl::CivilMinute typed = absl::ToCivilMinute(*tw.due, tw_zone);
    const absl::CivilMinute local = absl::ToCivilMinute(*tw.due, run.zone());
    Deadline d;
    // Taskwarrior stores a due date without a time as local midnight.
    if (typed.hour() == 0 && typed.minute() == 0) {
      d.day = absl::CivilDay(typed);
    } else {
      d.day = absl::CivilDay(local);
      d.minute_of_day = local.hour() * 60 + local.minute();
    }
    if (InYearRange(d.day)) {
      t.deadline = d;
    } else {
      run.Report(at, "due", InstantText(tw.due), "out of range; not mapped");
    }
  }
  if (tw.scheduled) {
    const absl::CivilDay day = absl::ToCivilDay(*tw.scheduled, tw_zone);
    if (!InYearRange(day) || (t.deadline && day > t.deadline->day)) {
      run.Report(at, "scheduled", InstantText(tw.scheduled),
                 "after the due date or out of range; not mapped");
    } else {
      t.start_date = day;
    }
  }
  for (const std::string& tag : tw.tags) {
    if (tag.empty() || tag.size() > limits::kMaxLabelBytes ||
        t.tags.size() >= limits::kMaxTags) {
      run.Report(at, "tags", tag, "tag too long or too many; not mapped");
    } else {
      t.tags.push_back(tag);
    }
  }
  if (tw.wait) {
    run.Report(at, "wait", InstantText(tw.wait),
               "no waiting in worksection; imported as an open task");
  }
  if (tw.until) {
    run.Report(at, "until", InstantText(tw.until), "not mapped");
  }
  // An instance's recurrence is reported once, on its template.
  if (!tw.recur.empty() && !template_in_export) {
    run.Report(at, "recur", tw.recur,
               "no recurrence in worksection; imported as one open task");
  }
  if (!tw.depends.empty()) {
    run.Report(at, "depends", absl::StrJoin(tw.depends, ","),
               "no dependencies in worksection; not mapped");
  }
  for (const auto& [name, value] : tw.other) {
    kept.push_back(absl::StrCat(name, ": ", value));
    run.Report(at, name, value, "kept as text in the task's text");
  }
  t.text = absl::StrCat("Taskwarrior uuid: ", tw.uuid);
  for (const std::string& line : kept) absl::StrAppend(&t.text, "\n", line);
  return t;
}

// Creates the task and its comments, each written once with the values
// and times Taskwarrior recorded.
absl::Status ImportOne(ImportRun& run, const TaskwarriorTask& tw,
                       const TaskwarriorOptions& options,
                       const absl::TimeZone& tw_zone,
                       const absl::flat_hash_set<std::string>& templates) {
  const std::string& at = tw.position;
  if (tw.status == "deleted") {
    run.Report(at, "status", tw.status, "deleted task; not imported");
    return absl::OkStatus();
  }
  if (tw.status == "recurring") {
    run.Report(at, "recur", tw.recur,
               "a recurrence template: not imported; its instances are "
               "imported as tasks of their own");
    return absl::OkStatus();
  }
  if (tw.status != "pending" && tw.status != "completed" &&
      tw.status != "waiting") {
    run.Report(at, "status", tw.status, "unknown status; imported as open");
  }
  auto [folder, name] =
      tw.project.empty()
          ? std::make_pair(std::string(), options.default_project)
          : SplitProjectPath(tw.project);
  absl::StatusOr<ProjectId> project = run.Project(folder, name);
  if (!project.ok()) return At(absl::StrCat(at, ".project"), project.status());
  const Task mapped = MapTask(tw, *project, tw_zone,
                              templates.contains(tw.recurrence_parent), run);
  return run.Write([&](Call& call) -> absl::Status {
    const CreationTimes times{tw.entry, tw.modified ? tw.modified : tw.entry};
    std::optional<absl::Time> completed_at;
    if (tw.status == "completed") completed_at = tw.end.value_or(call.now);
    absl::StatusOr<Task> task = CreateTask(call, mapped, times, completed_at);
    if (!task.ok()) return At(at, task.status());
    ++run.report().tasks_created;
    for (size_t i = 0; i < tw.annotations.size(); ++i) {
      const io::TaskwarriorAnnotation& a = tw.annotations[i];
      if (a.description.empty()) {
        run.Report(at, "annotations", "", "empty annotation; not imported");
        continue;
      }
      Comment c;
      c.task = task->id;
      c.text = a.description;
      absl::StatusOr<Comment> comment =
          CreateComment(call, c, CreationTimes{a.entry});
      if (!comment.ok()) {
        return At(absl::StrCat(at, ".annotations[", i, "]"), comment.status());
      }
      ++run.report().comments_created;
    }
    return absl::OkStatus();
  });
}

}  // namespace

absl::StatusOr<ImportReport> ImportTaskwarrior(
    Session& session, absl::string_view json, const TaskwarriorOptions& options,
    const ProgressCallback& progress) {
  absl::StatusOr<std::vector<TaskwarriorTask>> tasks =
      io::ParseTaskwarrior(json);
  if (!tasks.ok()) return tasks.status();
  absl::StatusOr<std::unique_ptr<ImportRun>> run = ImportRun::Begin(session);
  if (!run.ok()) return run.status();
  absl::TimeZone tw_zone = (*run)->zone();
  if (!options.time_zone.empty() &&
      !absl::LoadTimeZone(options.time_zone, &tw_zone)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "options.time_zone: unknown time zone \"", options.time_zone, "\""));
  }
  absl::flat_hash_set<std::string> templates;
  for (const TaskwarriorTask& t : *tasks) {
    if (t.status == "recurring") templates.insert(t.uuid);
  }
  return ImportEach(**run, *tasks, progress,
                    [&](ImportRun& r, const TaskwarriorTask& task) {
                      return ImportOne(r, task, options, tw_zone, templates);
                    });
}

}  // namespace worksection
