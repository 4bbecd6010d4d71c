// Starting a timer inside a Call: the work of Session::StartTimer, shared
// with the Timewarrior import, which starts it when its open interval began.
#ifndef WORKSECTION_SRC_CORE_TIMER_START_H_
#define WORKSECTION_SRC_CORE_TIMER_START_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "src/core/call.h"
#include "worksection/ids.h"
#include "worksection/time_tracking.h"

namespace worksection {

// Starts the actor's timer on `task` at `started_at`, as Session::StartTimer
// does at the call's time (same checks and errors; `stop_running` stops a
// running timer into a time entry, else FailedPrecondition). One write, so
// the change feed's started event carries `started_at`.
absl::StatusOr<Timer> StartTimer(Call& call, TaskId task, absl::Time started_at,
                                 bool stop_running);

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_TIMER_START_H_
