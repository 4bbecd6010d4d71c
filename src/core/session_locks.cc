#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/core/call.h"
#include "src/core/validate.h"
#include "worksection/session.h"
#include "worksection/workspace.h"

namespace worksection {

absl::StatusOr<PeriodLock> Session::LockPeriod(ProjectId project,
                                               absl::CivilDay through) {
  return RunCall(*this, Store::Mode::kWrite,
                 [&](Call& call) -> absl::StatusOr<PeriodLock> {
                   absl::Status s = Require(call.actor, Action::kLockPeriods,
                                            Target{}, "lock a period");
                   if (s.ok()) s = CheckDay("lock.through", through);
                   if (s.ok())
                     s = CheckProjectOrNone(call.tx, project, "lock.project");
                   if (!s.ok()) return s;
                   PeriodLock lock;
                   lock.project = project;
                   lock.through = through;
                   lock.author = call.actor.id();
                   lock.created_at = call.now;
                   absl::StatusOr<LockId> id = call.tx.InsertLock(lock);
                   if (!id.ok()) return id.status();
                   lock.id = *id;
                   return lock;
                 });
}

absl::Status Session::Unlock(LockId id) {
  return RunCall(*this, Store::Mode::kWrite,
                 [&](Call& call) -> absl::StatusOr<bool> {
                   absl::Status s = Require(call.actor, Action::kLockPeriods,
                                            Target{}, "unlock a period");
                   if (s.ok()) s = call.tx.DeleteLock(id);
                   if (!s.ok()) return s;
                   return true;
                 })
      .status();
}

absl::StatusOr<std::vector<PeriodLock>> Session::ListLocks() {
  return RunCall(
      *this, Store::Mode::kRead,
      [&](Call& call) -> absl::StatusOr<std::vector<PeriodLock>> {
        absl::StatusOr<std::vector<PeriodLock>> locks = call.tx.ListLocks();
        if (!locks.ok()) return locks.status();
        std::vector<PeriodLock> visible;
        for (PeriodLock& lock : *locks) {
          if (!lock.project.valid() ||
              Allowed(call.actor, Action::kReadProject, Target{lock.project})) {
            visible.push_back(std::move(lock));
          }
        }
        return visible;
      });
}

}  // namespace worksection
