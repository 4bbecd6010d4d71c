#include "src/core/time_writes.h"

#include <map>
#include <utility>
#include <vector>

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
  if (StoreFailed(task.status())) return task.status();
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

TimeWriteBatch::TimeWriteBatch(Call& call, Events events)
    : call_(call),
      events_per_task_(events == Events::kPerTask && call.events != nullptr) {
  if (events_per_task_) call_.events->GatherTimeEntries();
}

const absl::TimeZone& TimeWriteBatch::zone() {
  if (!zone_) {
    zone_.emplace();
    if (!absl::LoadTimeZone(call_.settings.time_zone, &*zone_)) {
      *zone_ = absl::UTCTimeZone();
    }
  }
  return *zone_;
}

absl::StatusOr<const WritableTask*> TimeWriteBatch::TaskToLogOn(
    TaskId id, absl::string_view field) {
  auto it = targets_.find(id);
  if (it != targets_.end()) return &it->second;
  absl::StatusOr<WritableTask> target = GetTaskToLogOn(call_, id, field);
  if (!target.ok()) return target.status();
  return &targets_.emplace(id, *std::move(target)).first->second;
}

absl::Status TimeWriteBatch::CheckCanSee(MemberId member, const Task& task,
                                         absl::string_view field) {
  auto [it, fresh] =
      visibility_.try_emplace({member, task.id}, absl::OkStatus());
  if (fresh)
    it->second = worksection::CheckCanSee(call_.tx, member, task, field);
  return it->second;
}

absl::StatusOr<const Member*> TimeWriteBatch::GetMember(MemberId id) {
  auto it = members_.find(id);
  if (it != members_.end()) return &it->second;
  absl::StatusOr<Member> member = call_.tx.GetMember(id);
  if (!member.ok()) return member.status();
  return &members_.emplace(id, *std::move(member)).first->second;
}

absl::Status TimeWriteBatch::Add(const WritableTask& target, TimeEntry entry) {
  entry.project = target.project.id;
  entry.task = target.task.id;
  absl::Status s = CheckTimeEntry(entry);
  if (!s.ok()) return s;
  if (!locks_) {
    absl::StatusOr<std::vector<PeriodLock>> locks = call_.tx.ListLocks();
    if (!locks.ok()) return locks.status();
    locks_ = *std::move(locks);
  }
  if (s = CheckUnlocked(*locks_, entry.project, entry.date, "time"); !s.ok()) {
    return s;
  }
  absl::StatusOr<const Member*> member = GetMember(entry.member);
  if (!member.ok()) return member.status();
  if (s = PriceEntry(target.project, **member, /*take_current_rates=*/true,
                     entry);
      !s.ok()) {
    return s;
  }
  entry.revision = 1;
  entry.created_at = call_.now;
  entry.updated_at = call_.now;

  if (s = rollups_.Add(entry); !s.ok()) return s;
  touched_.emplace(entry.task, entry.project);
  queued_.push_back(std::move(entry));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<TimeEntry>> TimeWriteBatch::Finish() {
  absl::StatusOr<std::vector<TimeEntryId>> ids =
      call_.tx.InsertTimeEntries(queued_);
  if (!ids.ok()) return ids.status();
  for (size_t i = 0; i < queued_.size(); ++i) queued_[i].id = (*ids)[i];

  if (absl::Status s = rollups_.Write(call_.tx); !s.ok()) return s;
  if (events_per_task_) {
    if (absl::Status s = call_.events->FlushGatheredTimeEntries(); !s.ok()) {
      return s;
    }
  }
  // Once per project: its usage is read once for all its touched tasks.
  std::map<ProjectId, std::vector<TaskId>> by_project;
  for (const auto& [task, project] : touched_) {
    by_project[project].push_back(task);
  }
  for (const auto& [project, tasks] : by_project) {
    absl::Status s = RecordBudgetCrossings(call_.tx, call_.now, project, tasks);
    if (!s.ok()) return s;
  }
  touched_.clear();
  std::vector<TimeEntry> written = std::move(queued_);
  queued_.clear();
  for (TimeEntry& entry : written) RedactMoney(call_.actor, entry);
  return written;
}

absl::StatusOr<TimeEntry> TimeWriteBatch::FinishOne() {
  if (queued_.size() != 1) {
    return absl::InternalError(absl::StrCat("FinishOne after ", queued_.size(),
                                            " entries instead of one"));
  }
  absl::StatusOr<std::vector<TimeEntry>> written = Finish();
  if (!written.ok()) return written.status();
  return std::move(written->front());
}

}  // namespace worksection
