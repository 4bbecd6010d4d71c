#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/core/call.h"
#include "src/core/time_writes.h"
#include "src/core/timer_start.h"
#include "worksection/session.h"
#include "worksection/workspace.h"

namespace worksection {
namespace {

Timer Marked(Timer timer, const Call& call) {
  timer.forgotten =
      call.now - timer.started_at > call.settings.forgotten_timer_after;
  return timer;
}

absl::Status NoTimer(MemberId member) {
  return absl::FailedPreconditionError(
      absl::StrCat("member ", member.value(), " has no running timer"));
}

// Stops the actor's running timer into a time entry.
absl::StatusOr<TimeEntry> Stop(Call& call, const Timer& timer, std::string note,
                               bool cap_at_limit) {
  absl::StatusOr<WritableTask> target =
      GetTaskToLogOn(call, timer.task, "timer.task");
  if (!target.ok()) return target.status();
  absl::Status s = Require(
      call.actor, Action::kLogTime,
      Target{target->project.id, call.actor.id(), MemberId()}, "on this task");
  if (!s.ok()) return s;
  absl::Duration ran =
      absl::Trunc(call.now - timer.started_at, absl::Seconds(1));
  const absl::Duration limit = call.settings.forgotten_timer_after;
  if (cap_at_limit && ran > limit) ran = limit;
  if (ran > absl::Hours(24)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the timer ran ", absl::FormatDuration(ran),
        ", more than an entry may hold (24h); stop it capped at the limit "
        "or cancel it and log the time by hand"));
  }
  if (ran < absl::Seconds(1)) {
    return absl::FailedPreconditionError(
        "the timer ran less than a second; cancel it instead");
  }
  if (s = call.tx.DeleteTimer(call.actor.id()); !s.ok()) return s;
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(call.settings.time_zone, &tz)) {
    tz = absl::UTCTimeZone();
  }
  TimeEntry e;
  e.member = call.actor.id();
  e.date = absl::ToCivilDay(timer.started_at, tz);
  e.start = timer.started_at;
  e.duration = ran;
  e.note = std::move(note);
  TimeWriteBatch batch(call);
  if (s = batch.Add(*target, std::move(e)); !s.ok()) return s;
  return batch.FinishOne();
}

}  // namespace

absl::StatusOr<Timer> StartTimer(Call& call, TaskId task, absl::Time started_at,
                                 bool stop_running) {
  absl::StatusOr<WritableTask> target =
      GetTaskToLogOn(call, task, "timer.task");
  if (!target.ok()) return target.status();
  absl::Status s = Require(
      call.actor, Action::kLogTime,
      Target{target->project.id, call.actor.id(), MemberId()}, "on this task");
  if (!s.ok()) return s;
  absl::StatusOr<std::optional<Timer>> running =
      call.tx.GetTimer(call.actor.id());
  if (!running.ok()) return running.status();
  if (*running) {
    if (!stop_running) {
      return absl::FailedPreconditionError(absl::StrCat(
          "a timer already runs on task ", (*running)->task.value(), " since ",
          absl::FormatTime((*running)->started_at),
          "; stop it first, or ask to stop it"));
    }
    absl::StatusOr<TimeEntry> stopped = Stop(call, **running, "", false);
    if (!stopped.ok()) return stopped.status();
  }
  Timer timer;
  timer.member = call.actor.id();
  timer.task = task;
  timer.started_at = started_at;
  if (s = call.tx.PutTimer(timer); !s.ok()) return s;
  return timer;
}

absl::StatusOr<Timer> Session::StartTimer(TaskId task, bool stop_running) {
  return RunCall(
      *this, Store::Mode::kWrite, [&](Call& call) -> absl::StatusOr<Timer> {
        return worksection::StartTimer(call, task, call.now, stop_running);
      });
}

absl::StatusOr<TimeEntry> Session::StopTimer(std::string note,
                                             bool cap_at_limit) {
  return RunCall(*this, Store::Mode::kWrite,
                 [&](Call& call) -> absl::StatusOr<TimeEntry> {
                   absl::StatusOr<std::optional<Timer>> running =
                       call.tx.GetTimer(call.actor.id());
                   if (!running.ok()) return running.status();
                   if (!*running) return NoTimer(call.actor.id());
                   return Stop(call, **running, std::move(note), cap_at_limit);
                 });
}

absl::Status Session::CancelTimer() {
  return RunCall(*this, Store::Mode::kWrite,
                 [&](Call& call) -> absl::StatusOr<bool> {
                   absl::StatusOr<std::optional<Timer>> running =
                       call.tx.GetTimer(call.actor.id());
                   if (!running.ok()) return running.status();
                   if (!*running) return NoTimer(call.actor.id());
                   absl::Status s = call.tx.DeleteTimer(call.actor.id());
                   if (!s.ok()) return s;
                   return true;
                 })
      .status();
}

absl::StatusOr<std::optional<Timer>> Session::GetTimer(MemberId member) {
  return RunCall(
      *this, Store::Mode::kRead,
      [&](Call& call) -> absl::StatusOr<std::optional<Timer>> {
        const MemberId whose = member.value() != 0 ? member : call.actor.id();
        if (whose != call.actor.id()) {
          absl::Status s =
              Require(call.actor, Action::kReadAllTimers, Target{},
                      absl::StrCat("timer of member ", whose.value()));
          if (!s.ok()) return s;
        }
        absl::StatusOr<std::optional<Timer>> timer = call.tx.GetTimer(whose);
        if (!timer.ok() || !*timer) return timer;
        return Marked(**timer, call);
      });
}

absl::StatusOr<std::vector<Timer>> Session::ListTimers() {
  return RunCall(*this, Store::Mode::kRead,
                 [&](Call& call) -> absl::StatusOr<std::vector<Timer>> {
                   absl::Status s = Require(call.actor, Action::kReadAllTimers,
                                            Target{}, "every running timer");
                   if (!s.ok()) return s;
                   absl::StatusOr<std::vector<Timer>> timers =
                       call.tx.ListTimers();
                   if (!timers.ok()) return timers.status();
                   for (Timer& t : *timers) t = Marked(t, call);
                   return timers;
                 });
}

absl::StatusOr<std::vector<Timer>> Session::ListForgottenTimers() {
  return RunCall(*this, Store::Mode::kRead,
                 [&](Call& call) -> absl::StatusOr<std::vector<Timer>> {
                   std::vector<Timer> timers;
                   if (Allowed(call.actor, Action::kReadAllTimers, Target{})) {
                     absl::StatusOr<std::vector<Timer>> all =
                         call.tx.ListTimers();
                     if (!all.ok()) return all.status();
                     timers = *std::move(all);
                   } else {
                     absl::StatusOr<std::optional<Timer>> own =
                         call.tx.GetTimer(call.actor.id());
                     if (!own.ok()) return own.status();
                     if (*own) timers.push_back(**own);
                   }
                   std::vector<Timer> forgotten;
                   for (const Timer& t : timers) {
                     Timer marked = Marked(t, call);
                     if (marked.forgotten) forgotten.push_back(marked);
                   }
                   return forgotten;
                 });
}

}  // namespace worksection
