// Imports from other tools: Taskwarrior (`task export`) and Timewarrior
// (`timew export`). Each import runs in one transaction as the session's
// member, through the same checks as the Session calls it makes (creating
// a project needs Action::kCreateProject, and so on): on any error nothing
// is imported. What cannot be mapped is imported as far as it can be and
// listed in the report, never dropped silently. docs/imports.md has the
// whole mapping.
//
// Thread-safety: as the Session passed in.
#ifndef WORKSECTION_IMPORT_H_
#define WORKSECTION_IMPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "worksection/session.h"
#include "worksection/snapshot.h"

namespace worksection {

// One thing an import could not carry over as it was.
struct ImportIssue {
  std::string item;    // "tasks[3] (uuid …)", "intervals[7] (@8)"
  std::string field;   // "depends", "status", a user-defined attribute …
  std::string value;   // the value as text
  std::string reason;  // what was done instead ("not imported", …)
};

struct ImportReport {
  int64_t projects_created = 0;
  int64_t tasks_created = 0;
  int64_t comments_created = 0;
  int64_t time_entries_created = 0;
  int64_t timers_started = 0;
  std::vector<ImportIssue> issues;  // in input order
};

struct TaskwarriorOptions {
  // The project of tasks that have none (found by name, else created).
  std::string default_project = "Inbox";
  // The IANA zone Taskwarrior ran in, which decides the day of a due or
  // scheduled date. Empty: the workspace's.
  std::string time_zone;
};

// Imports the JSON array `task export` prints (Taskwarrior 2.6 or 3.x).
// Projects "A.B.C" become project "C" in folder "A.B" (found, else
// created); pending and waiting tasks and the instances of recurring ones
// become open tasks, completed ones done tasks; deleted tasks and the
// templates of recurring ones are not imported (reported). Priority H, M, L
// become 8, 5, 2 (none: 5). due becomes the deadline: a day-only deadline
// when it falls on midnight in `time_zone` (how Taskwarrior stores a date
// without a time), else that instant's day and minute in the workspace
// zone; scheduled becomes the start date; annotations comments (authored by
// the session's member); entry, modified and end the timestamps. Each task
// is written once with its final values (a completed one created done, which
// needs Action::kEditTask as CompleteTask does), so the change feed has one
// created event per task and comment, with what is stored. depends,
// wait and until are reported; fields this library does not know
// (user-defined attributes) are kept as "name: value" lines at the end of
// the task text, after the uuid. InvalidArgument naming the task's index
// and uuid for bad input (bad dates, duplicate uuids: both indexes, an
// unknown `time_zone`).
absl::StatusOr<ImportReport> ImportTaskwarrior(
    Session& session, absl::string_view json,
    const TaskwarriorOptions& options = {},
    const ProgressCallback& progress = nullptr);

struct TimewarriorOptions {
  // An interval's task is named by its first tag that starts with
  // `task_tag_prefix` and holds `separator`: "Client.Site:Landing page"
  // (prefix stripped) is task "Landing page" of project "Site" in folder
  // "Client" (dots as in Taskwarrior). Both are found by name, else
  // created. The interval's other tags are added to the task's tags.
  std::string task_tag_prefix;  // empty: every tag is a candidate
  std::string separator = ":";
  // Where intervals without such a tag go. Empty project: they are not
  // imported (reported).
  std::string fallback_project = "Timewarrior";
  std::string fallback_task = "Untagged time";
};

// Imports the JSON array `timew export` prints: each closed interval
// becomes a time entry of the session's member (its annotation the note);
// an open interval (no end) starts the member's timer at its start
// (FailedPrecondition when the member's timer already runs). Intervals
// longer than 24 hours or of zero length are not imported (reported).
// The entries are logged as LogTimeBatch logs them, 10,000 at a time, so the
// change feed has one kBatchCreated event per task and batch. InvalidArgument
// naming the interval's index for bad input; a refused entry (a locked
// period, say) fails the import naming its interval.
absl::StatusOr<ImportReport> ImportTimewarrior(
    Session& session, absl::string_view json,
    const TimewarriorOptions& options = {},
    const ProgressCallback& progress = nullptr);

}  // namespace worksection

#endif  // WORKSECTION_IMPORT_H_
