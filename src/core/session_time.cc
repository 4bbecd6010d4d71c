#include <algorithm>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/core/budget.h"
#include "src/core/call.h"
#include "src/core/ledger.h"
#include "src/core/page_token.h"
#include "src/core/pricing.h"
#include "src/core/time_writes.h"
#include "src/core/validate.h"
#include "worksection/limits.h"
#include "worksection/session.h"
#include "worksection/workspace.h"

namespace worksection {
namespace {

absl::Status NotFound(TimeEntryId id) {
  return absl::NotFoundError(
      absl::StrCat("time entry ", id.value(), " not found"));
}

std::string Name(TimeEntryId id) {
  return absl::StrCat("time entry ", id.value());
}

// The entry and its project, if the actor may read the entry's time.
absl::StatusOr<std::pair<TimeEntry, Project>> GetVisible(Call& call,
                                                         TimeEntryId id) {
  absl::StatusOr<TimeEntry> entry = call.tx.GetTimeEntry(id);
  if (StoreFailed(entry.status())) return entry.status();
  if (!entry.ok()) return NotFound(id);
  absl::StatusOr<Project> project = call.tx.GetProject(entry->project);
  if (!project.ok()) return project.status();
  if (!CanReadTime(call.actor, *project)) return NotFound(id);
  absl::StatusOr<Task> task = call.tx.GetTask(entry->task);
  if (!task.ok()) return task.status();
  if (!CanSee(call.actor, *task)) return NotFound(id);
  return std::make_pair(*std::move(entry), *std::move(project));
}

// The entry, editable by the actor and in an unlocked period.
absl::StatusOr<TimeEntry> GetEditable(Call& call, TimeEntryId id,
                                      Revision revision) {
  auto found = GetVisible(call, id);
  if (!found.ok()) return found.status();
  const TimeEntry& stored = found->first;
  absl::Status s =
      Require(call.actor, Action::kEditTime,
              Target{stored.project, stored.member, MemberId()}, Name(id));
  if (s.ok())
    s = CheckRevision("time entry", id.value(), revision, stored.revision);
  if (s.ok() && found->second.status == ProjectStatus::kArchived) {
    s = absl::FailedPreconditionError(
        absl::StrCat("project ", stored.project.value(),
                     " is archived; its time cannot change"));
  }
  if (s.ok()) s = CheckUnlocked(call.tx, stored.project, stored.date, Name(id));
  if (!s.ok()) return s;
  return stored;
}

// The projects whose time the actor reads; empty optional for all.
absl::StatusOr<std::optional<std::vector<ProjectId>>> TimeScope(Call& call) {
  if (Allowed(call.actor, Action::kReadTime, Target{})) return std::nullopt;
  std::vector<ProjectId> visible;
  for (const auto& [id, role] : call.actor.projects) {
    absl::StatusOr<Project> p = call.tx.GetProject(id);
    if (!p.ok()) return p.status();
    if (CanReadTime(call.actor, *p)) visible.push_back(id);
  }
  std::sort(visible.begin(), visible.end());
  return visible;
}

// Checks one log and adds it to `batch`.
absl::Status LogOne(Call& call, TimeWriteBatch& batch, const TimeLog& log) {
  absl::StatusOr<const WritableTask*> found =
      batch.TaskToLogOn(log.task, "time.task");
  if (!found.ok()) return found.status();
  const WritableTask* target = *found;
  TimeEntry e;
  e.member = log.member.value() != 0 ? log.member : call.actor.id();
  const Target where{target->project.id, e.member, MemberId()};
  absl::Status s =
      e.member == call.actor.id()
          ? Require(call.actor, Action::kLogTime, where, "on this task")
          : Require(call.actor, Action::kLogTimeForOthers, where,
                    absl::StrCat("for member ", e.member.value()));
  if (s.ok()) s = batch.CheckCanSee(e.member, target->task, "time.member");
  if (!s.ok()) return s;

  // A duration (with an optional start), or a start and an end.
  if (log.duration && log.end) {
    return absl::InvalidArgumentError(
        "time: give either a duration or an end, not both");
  }
  if (log.duration) {
    e.duration = *log.duration;
    e.start = log.start;
  } else {
    if (!log.start || !log.end) {
      return absl::InvalidArgumentError(
          "time: give a duration, or a start and an end");
    }
    if (*log.end <= *log.start) {
      return absl::InvalidArgumentError(absl::StrCat(
          "time.end: ", absl::FormatTime(*log.end), " is not after time.start ",
          absl::FormatTime(*log.start)));
    }
    e.start = log.start;
    e.duration = absl::Trunc(*log.end - *log.start, absl::Seconds(1));
  }
  if (log.date) {
    e.date = *log.date;
  } else if (e.start) {
    e.date = absl::ToCivilDay(*e.start, batch.zone());
  } else {
    e.date = absl::ToCivilDay(call.now, batch.zone());
  }
  e.billable = log.billable;
  e.note = log.note;
  return batch.Add(*target, std::move(e));
}

}  // namespace

absl::StatusOr<TimeEntry> Session::LogTime(const TimeLog& log) {
  return RunCall(*this, Store::Mode::kWrite,
                 [&](Call& call) -> absl::StatusOr<TimeEntry> {
                   TimeWriteBatch batch(call);
                   if (absl::Status s = LogOne(call, batch, log); !s.ok()) {
                     return s;
                   }
                   return batch.FinishOne();
                 });
}

absl::StatusOr<std::vector<TimeEntry>> Session::LogTimeBatch(
    const std::vector<TimeLog>& logs) {
  return LogTimeBatchNamed(
      *this, logs, [](size_t i) { return absl::StrCat("logs[", i, "]"); });
}

absl::StatusOr<std::vector<TimeEntry>> LogTimeBatchNamed(
    const Session& session, const std::vector<TimeLog>& logs,
    absl::FunctionRef<std::string(size_t)> name_of) {
  return RunCall(session, Store::Mode::kWrite,
                 [&](Call& call) -> absl::StatusOr<std::vector<TimeEntry>> {
                   TimeWriteBatch batch(call, TimeWriteBatch::Events::kPerTask);
                   batch.Reserve(logs.size());
                   for (size_t i = 0; i < logs.size(); ++i) {
                     absl::Status s = LogOne(call, batch, logs[i]);
                     if (!s.ok()) {
                       return absl::Status(
                           s.code(),
                           absl::StrCat(name_of(i), ": ", s.message()));
                     }
                   }
                   return batch.Finish();
                 });
}

absl::StatusOr<TimeEntry> Session::GetTimeEntry(TimeEntryId id) {
  return RunCall(*this, Store::Mode::kRead,
                 [&](Call& call) -> absl::StatusOr<TimeEntry> {
                   auto found = GetVisible(call, id);
                   if (!found.ok()) return found.status();
                   RedactMoney(call.actor, found->first);
                   return std::move(found->first);
                 });
}

absl::StatusOr<TimeEntryPage> Session::ListTimeEntries(
    const TimeEntryFilter& filter) {
  return RunCall(
      *this, Store::Mode::kRead,
      [&](Call& call) -> absl::StatusOr<TimeEntryPage> {
        if (filter.limit < 1 || filter.limit > limits::kMaxPageSize) {
          return absl::InvalidArgumentError(
              absl::StrCat("filter.limit: must be 1 to ", limits::kMaxPageSize,
                           ", got ", filter.limit));
        }
        // Days outside the supported years would overflow the stores' date
        // arithmetic; a range ending before it starts is merely empty.
        absl::Status days = CheckOptionalDay("filter.from", filter.from);
        if (days.ok()) days = CheckOptionalDay("filter.to", filter.to);
        if (!days.ok()) return days;
        absl::StatusOr<std::optional<TimeEntryPosition>> after =
            DecodePageToken(filter);
        if (!after.ok()) return after.status();
        absl::StatusOr<std::optional<std::vector<ProjectId>>> scope =
            TimeScope(call);
        if (!scope.ok()) return scope.status();
        TimeEntryScan scan;
        scan.filter = filter;
        scan.projects_in = *std::move(scope);
        scan.after = *after;
        scan.limit = filter.limit + 1;  // one more tells whether a page follows
        // Time on a task hidden from the actor is not theirs to see either.
        scan.include_hidden_tasks = ReadsHiddenInAllProjects(call.actor);
        absl::StatusOr<std::vector<TimeEntry>> found =
            call.tx.ScanTimeEntries(scan);
        if (!found.ok()) return found.status();
        std::vector<TimeEntry> entries = *std::move(found);
        TimeEntryPage page;
        if (static_cast<int>(entries.size()) > filter.limit) {
          entries.resize(filter.limit);
          page.next_page_token =
              EncodePageToken(filter, {entries.back().date, entries.back().id});
        }
        page.entries = std::move(entries);
        for (TimeEntry& e : page.entries) RedactMoney(call.actor, e);
        return page;
      });
}

absl::StatusOr<TimeEntry> Session::UpdateTimeEntry(const TimeEntry& entry) {
  return RunCall(
      *this, Store::Mode::kWrite, [&](Call& call) -> absl::StatusOr<TimeEntry> {
        absl::StatusOr<TimeEntry> stored =
            GetEditable(call, entry.id, entry.revision);
        if (!stored.ok()) return stored.status();
        absl::StatusOr<WritableTask> target =
            GetTaskToLogOn(call, entry.task, "time.task");
        if (!target.ok()) return target.status();
        const bool moved = target->project.id != stored->project;
        absl::Status s;
        if (moved) {
          s = Require(call.actor, Action::kEditTime,
                      Target{target->project.id, stored->member, MemberId()},
                      Name(entry.id));
        }
        if (s.ok() && entry.task != stored->task) {
          s = CheckCanSee(call.tx, stored->member, target->task, "time.task");
        }
        if (!s.ok()) return s;
        TimeEntry e = *stored;
        e.task = target->task.id;
        e.project = target->project.id;
        e.date = entry.date;
        e.start = entry.start;
        e.duration = entry.duration;
        e.billable = entry.billable;
        e.note = entry.note;
        s = CheckTimeEntry(e);
        if (s.ok()) s = CheckUnlocked(call.tx, e.project, e.date, Name(e.id));
        if (!s.ok()) return s;
        absl::StatusOr<Member> member = call.tx.GetMember(e.member);
        if (!member.ok()) return member.status();
        if (s = PriceEntry(target->project, *member, moved, e); !s.ok()) {
          return s;
        }
        e.revision = stored->revision + 1;
        e.updated_at = call.now;
        if (s = RemoveFromRollups(call.tx, *stored); !s.ok()) return s;
        if (s = call.tx.UpdateTimeEntry(e); !s.ok()) return s;
        if (s = AddToRollups(call.tx, e); !s.ok()) return s;
        if (s = RecordBudgetCrossings(call.tx, call.now, e.project, e.task);
            !s.ok()) {
          return s;
        }
        RedactMoney(call.actor, e);
        return e;
      });
}

absl::Status Session::DeleteTimeEntry(TimeEntryId id, Revision revision) {
  return RunCall(*this, Store::Mode::kWrite,
                 [&](Call& call) -> absl::StatusOr<bool> {
                   absl::StatusOr<TimeEntry> stored =
                       GetEditable(call, id, revision);
                   if (!stored.ok()) return stored.status();
                   absl::Status s = call.tx.DeleteTimeEntry(id);
                   if (s.ok()) s = RemoveFromRollups(call.tx, *stored);
                   if (!s.ok()) return s;
                   return true;
                 })
      .status();
}

absl::StatusOr<int64_t> Session::RepriceTimeEntries(ProjectId project,
                                                    absl::CivilDay from,
                                                    absl::CivilDay to) {
  return RunCall(
      *this, Store::Mode::kWrite, [&](Call& call) -> absl::StatusOr<int64_t> {
        absl::Status s = Require(call.actor, Action::kRepriceTime, Target{},
                                 "re-price time entries");
        if (s.ok()) s = CheckPeriod("from", from, "to", to);
        if (s.ok()) s = CheckProjectOrNone(call.tx, project, "project");
        if (!s.ok()) return s;
        absl::flat_hash_map<ProjectId, Project> projects;
        absl::flat_hash_map<MemberId, Member> members;
        TimeEntryScan scan;
        if (project.valid()) scan.filter.project = project;
        scan.filter.from = from;
        scan.filter.to = to;
        scan.limit = limits::kMaxPageSize;
        // Re-priced tasks, whose budgets (and their projects') may now be
        // crossed.
        absl::flat_hash_map<TaskId, ProjectId> touched;
        int64_t changed = 0;
        absl::StatusOr<std::vector<PeriodLock>> locks = call.tx.ListLocks();
        if (!locks.ok()) return locks.status();
        RollupDeltas rollups;
        for (;;) {
          absl::StatusOr<std::vector<TimeEntry>> page =
              call.tx.ScanTimeEntries(scan);
          if (!page.ok()) return page.status();
          for (const TimeEntry& stored : *page) {
            if (!projects.contains(stored.project)) {
              absl::StatusOr<Project> p = call.tx.GetProject(stored.project);
              if (!p.ok()) return p.status();
              projects[stored.project] = *std::move(p);
            }
            if (!members.contains(stored.member)) {
              absl::StatusOr<Member> m = call.tx.GetMember(stored.member);
              if (!m.ok()) return m.status();
              members[stored.member] = *std::move(m);
            }
            TimeEntry e = stored;
            s = PriceEntry(projects[e.project], members[e.member], true, e);
            if (!s.ok()) return s;
            if (e.billing_rate == stored.billing_rate &&
                e.cost_rate == stored.cost_rate &&
                e.billed_duration == stored.billed_duration) {
              continue;
            }
            s = CheckUnlocked(*locks, e.project, e.date, Name(e.id));
            if (s.ok()) s = rollups.Remove(stored);
            e.revision = stored.revision + 1;
            e.updated_at = call.now;
            if (s.ok()) s = call.tx.UpdateTimeEntry(e);
            if (s.ok()) s = rollups.Add(e);
            if (!s.ok()) return s;
            touched.emplace(e.task, e.project);
            ++changed;
          }
          if (static_cast<int>(page->size()) < scan.limit) break;
          scan.after = TimeEntryPosition{page->back().date, page->back().id};
        }
        if (s = rollups.Write(call.tx); !s.ok()) return s;
        for (const auto& [task, project_id] : touched) {
          s = RecordBudgetCrossings(call.tx, call.now, project_id, task);
          if (!s.ok()) return s;
        }
        return changed;
      });
}

}  // namespace worksection
