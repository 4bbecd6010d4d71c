#include "src/core/time_writes.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "src/core/budget.h"
#include "src/core/ledger.h"
#include "src/core/pricing.h"
#include "src/core/validate.h"
#include "worksection/limits.h"

namespace worksection {

absl::StatusOr<WritableTask> GetTaskToLogOn(Call& call, TaskId id,
                                            absl::string_view field) {
  absl::StatusOr<Task> task = call.tx.GetTask(id);
  if (!task.ok() || !CanSee(call.actor, *task)) {
    return absl::NotFoundError(
        absl::StrCat(field, ": task ", id.value(), " not found"));
  }
  absl::StatusOr<Project> project = call.tx.GetProject(task->project);
  if (!project.ok()) return project.status();
  if (project->status == ProjectStatus::kArchived) {
    return absl::FailedPreconditionError(
        absl::StrCat("project ", project->id.value(),
                     " is archived; its time cannot change"));
  }
  return WritableTask{*std::move(task), *std::move(project)};
}

absl::Status CheckTimeEntry(const TimeEntry& entry) {
  const absl::Duration d = entry.duration;
  if (d < absl::Seconds(1) || d > absl::Hours(24) ||
      d != absl::Trunc(d, absl::Seconds(1))) {
    return absl::InvalidArgumentError(
        absl::StrCat("time.duration: must be whole seconds from 1 s to 24 h, "
                     "got ",
                     absl::FormatDuration(d)));
  }
  if (entry.date.year() < 1970 || entry.date.year() > limits::kMaxYear) {
    return absl::InvalidArgumentError(
        absl::StrCat("time.date: ", absl::FormatCivilTime(entry.date),
                     " is outside the years 1970 to ", limits::kMaxYear));
  }
  return CheckText("time.note", entry.note, 0, limits::kMaxTextBytes);
}

absl::StatusOr<TimeEntry> WriteNewTimeEntry(Call& call,
                                            const WritableTask& target,
                                            TimeEntry entry,
                                            bool defer_crossings) {
  entry.project = target.project.id;
  entry.task = target.task.id;
  absl::Status s = CheckTimeEntry(entry);
  if (s.ok()) s = CheckUnlocked(call.tx, entry.project, entry.date, "time");
  if (!s.ok()) return s;
  absl::StatusOr<Member> member = call.tx.GetMember(entry.member);
  if (!member.ok()) return member.status();
  if (s = PriceEntry(target.project, *member, /*take_current_rates=*/true,
                     entry);
      !s.ok()) {
    return s;
  }
  entry.revision = 1;
  entry.created_at = call.now;
  entry.updated_at = call.now;
  absl::StatusOr<TimeEntryId> id = call.tx.InsertTimeEntry(entry);
  if (!id.ok()) return id.status();
  entry.id = *id;
  if (s = AddToRollups(call.tx, entry); !s.ok()) return s;
  if (!defer_crossings) {
    s = RecordBudgetCrossings(call.tx, call.now, entry.project, entry.task);
    if (!s.ok()) return s;
  }
  RedactMoney(call.actor, entry);
  return entry;
}

}  // namespace worksection
