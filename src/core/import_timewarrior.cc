// Timewarrior -> worksection; the mapping is documented in import.h and
// docs/imports.md.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "src/core/import_common.h"
#include "src/core/time_writes.h"
#include "src/core/timer_start.h"
#include "src/io/common.h"
#include "src/io/timewarrior.h"
#include "worksection/import.h"
#include "worksection/limits.h"

namespace worksection {
namespace {

using io::TimewarriorInterval;

struct TaskTag {
  std::string project_path;
  std::string task;
  size_t index = 0;  // of the tag in the interval's tags
};

// The first tag naming a task under `options`.
std::optional<TaskTag> FindTaskTag(const TimewarriorInterval& interval,
                                   const TimewarriorOptions& options) {
  for (size_t i = 0; i < interval.tags.size(); ++i) {
    absl::string_view tag = interval.tags[i];
    if (!absl::ConsumePrefix(&tag, options.task_tag_prefix)) continue;
    const size_t sep = options.separator.empty() ? absl::string_view::npos
                                                 : tag.find(options.separator);
    if (sep == absl::string_view::npos || sep == 0 ||
        sep + options.separator.size() == tag.size()) {
      continue;
    }
    return TaskTag{std::string(tag.substr(0, sep)),
                   std::string(tag.substr(sep + options.separator.size())), i};
  }
  return std::nullopt;
}

// What the import writes at once rather than interval by interval: the
// closed intervals, logged kChunk at a time through the batch path (one
// durable write, and one batch_created event per task and chunk instead of
// an event with each entry's values), and the tags the intervals add to
// each task, written once per chunk. A refused interval still fails the
// import naming its position.
class GatheredWrites {
 public:
  explicit GatheredWrites(ImportRun& run) : run_(run) {}

  // Adds the interval's tags but `skip` to the task's.
  absl::Status AddTags(TaskId id, const TimewarriorInterval& interval,
                       std::optional<size_t> skip);

  // Logs `log` (of the interval at `position`) with the next chunk.
  absl::Status Log(TimeLog log, const std::string& position);

  // Writes what is gathered.
  absl::Status Flush();

 private:
  static constexpr size_t kChunk = 10000;

  struct TaskTags {
    std::vector<std::string> tags;
    bool changed = false;
  };

  ImportRun& run_;
  std::vector<TimeLog> logs_;
  std::vector<std::string> positions_;  // of logs_
  // By task id: the ids order the updates, so their events come in a
  // stable order.
  std::map<int64_t, TaskTags> tags_;
};

absl::Status GatheredWrites::AddTags(TaskId id,
                                     const TimewarriorInterval& interval,
                                     std::optional<size_t> skip) {
  std::vector<std::string> extra;
  for (size_t i = 0; i < interval.tags.size(); ++i) {
    if (skip && i == *skip) continue;
    const std::string& tag = interval.tags[i];
    if (tag.empty() || tag.size() > limits::kMaxLabelBytes) {
      run_.Report(interval.position, "tags", tag, "tag too long; not mapped");
      continue;
    }
    extra.push_back(tag);
  }
  if (extra.empty()) return absl::OkStatus();
  auto [it, first_time] = tags_.try_emplace(id.value());
  TaskTags& task = it->second;
  if (first_time) {
    absl::StatusOr<Task> stored = run_.session().GetTask(id);
    if (!stored.ok()) return stored.status();
    task.tags = std::move(stored->tags);
  }
  for (std::string& tag : extra) {
    if (std::find(task.tags.begin(), task.tags.end(), tag) != task.tags.end()) {
      continue;
    }
    if (task.tags.size() >= limits::kMaxTags) {
      run_.Report(interval.position, "tags", tag,
                  "the task has the most tags allowed; not mapped");
      continue;
    }
    task.tags.push_back(std::move(tag));
    task.changed = true;
  }
  return absl::OkStatus();
}

absl::Status GatheredWrites::Log(TimeLog log, const std::string& position) {
  logs_.push_back(std::move(log));
  positions_.push_back(position);
  if (logs_.size() < kChunk) return absl::OkStatus();
  return Flush();
}

absl::Status GatheredWrites::Flush() {
  if (!logs_.empty()) {
    absl::StatusOr<std::vector<TimeEntry>> written = LogTimeBatchNamed(
        run_.session(), logs_, [&](size_t i) { return positions_[i]; });
    if (!written.ok()) return written.status();
    run_.report().time_entries_created += static_cast<int64_t>(logs_.size());
    logs_.clear();
    positions_.clear();
  }
  for (auto& [id, gathered] : tags_) {
    if (!gathered.changed) continue;
    absl::StatusOr<Task> task = run_.session().GetTask(TaskId(id));
    if (!task.ok()) return task.status();
    task->tags = gathered.tags;
    absl::StatusOr<Task> updated = run_.session().UpdateTask(*task);
    if (!updated.ok()) return updated.status();
    gathered.changed = false;
  }
  return absl::OkStatus();
}

absl::Status ImportOne(ImportRun& run, GatheredWrites& writes,
                       const TimewarriorInterval& interval,
                       const TimewarriorOptions& options) {
  const std::string& at = interval.position;
  std::optional<TaskTag> tag = FindTaskTag(interval, options);
  std::string folder, project_name, task_title;
  if (tag) {
    std::tie(folder, project_name) = SplitProjectPath(tag->project_path);
    task_title = tag->task;
  } else if (!options.fallback_project.empty()) {
    project_name = options.fallback_project;
    task_title = options.fallback_task;
  } else {
    run.Report(at, "tags", absl::StrJoin(interval.tags, " "),
               "no tag names a task; not imported");
    return absl::OkStatus();
  }
  if (interval.end) {
    const absl::Duration length = *interval.end - interval.start;
    if (length < absl::Seconds(1) || length > absl::Hours(24)) {
      run.Report(at, "end", io::FormatInstant(*interval.end),
                 "shorter than 1 s or longer than 24 h; not imported");
      return absl::OkStatus();
    }
  }
  absl::StatusOr<ProjectId> project = run.Project(folder, project_name);
  if (!project.ok()) return At(at, project.status());
  absl::StatusOr<TaskId> task = run.TaskByTitle(*project, task_title);
  if (!task.ok()) return At(at, task.status());
  if (absl::Status s = writes.AddTags(
          *task, interval,
          tag ? std::optional<size_t>(tag->index) : std::nullopt);
      !s.ok()) {
    return At(at, s);
  }
  if (!interval.end) {
    if (absl::Status s = run.Write([&](Call& call) {
          return StartTimer(call, *task, interval.start, false).status();
        });
        !s.ok()) {
      return At(at, s);
    }
    ++run.report().timers_started;
    if (!interval.annotation.empty()) {
      run.Report(at, "annotation", interval.annotation,
                 "a running timer has no note; not mapped");
    }
    return absl::OkStatus();
  }
  TimeLog log;
  log.task = *task;
  log.start = interval.start;
  log.end = *interval.end;
  log.note = interval.annotation;
  return writes.Log(std::move(log), at);
}

}  // namespace

absl::StatusOr<ImportReport> ImportTimewarrior(
    Session& session, absl::string_view json, const TimewarriorOptions& options,
    const ProgressCallback& progress) {
  absl::StatusOr<std::vector<TimewarriorInterval>> intervals =
      io::ParseTimewarrior(json);
  if (!intervals.ok()) return intervals.status();
  absl::StatusOr<std::unique_ptr<ImportRun>> run = ImportRun::Begin(session);
  if (!run.ok()) return run.status();
  GatheredWrites writes(**run);
  (*run)->BeforeCommit([&writes] { return writes.Flush(); });
  return ImportEach(**run, *intervals, progress,
                    [&](ImportRun& r, const TimewarriorInterval& interval) {
                      return ImportOne(r, writes, interval, options);
                    });
}

}  // namespace worksection
