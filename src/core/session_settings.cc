#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/core/call.h"
#include "src/core/validate.h"
#include "worksection/limits.h"
#include "worksection/session.h"
#include "worksection/workspace.h"

namespace worksection {
namespace {

absl::Status CheckSettings(const WorkspaceSettings& settings) {
  absl::Status s =
      CheckText("settings.name", settings.name, 1, limits::kMaxNameBytes);
  if (s.ok()) s = CheckTimeZone("settings.time_zone", settings.time_zone);
  if (s.ok()) s = CheckCurrency("settings.currency", settings.currency);
  if (s.ok() && (settings.forgotten_timer_after < absl::Minutes(1) ||
                 settings.forgotten_timer_after > absl::Hours(24))) {
    s = absl::InvalidArgumentError(absl::StrCat(
        "settings.forgotten_timer_after: must be 1 minute to 24 hours, got ",
        absl::FormatDuration(settings.forgotten_timer_after)));
  }
  return s;
}

}  // namespace

absl::StatusOr<WorkspaceSettings> Session::GetSettings() {
  return RunCall(
      *this, Store::Mode::kRead,
      [](Call& call) -> absl::StatusOr<WorkspaceSettings> {
        if (absl::Status s = Require(call.actor, Action::kReadSettings,
                                     Target{}, "workspace settings");
            !s.ok()) {
          return s;
        }
        return call.settings;
      });
}

absl::StatusOr<WorkspaceSettings> Session::UpdateSettings(
    const WorkspaceSettings& settings) {
  return RunCall(*this, Store::Mode::kWrite,
                 [&](Call& call) -> absl::StatusOr<WorkspaceSettings> {
                   absl::Status s = Require(call.actor, Action::kEditSettings,
                                            Target{}, "workspace settings");
                   if (s.ok()) {
                     s = CheckRevision("workspace", 1, settings.revision,
                                       call.settings.revision);
                   }
                   if (s.ok()) s = CheckSettings(settings);
                   if (!s.ok()) return s;
                   WorkspaceSettings updated = settings;
                   updated.revision = call.settings.revision + 1;
                   if (s = call.tx.PutSettings(updated); !s.ok()) return s;
                   return updated;
                 });
}

absl::StatusOr<absl::CivilDay> Session::Today() {
  return RunCall(*this, Store::Mode::kRead,
                 [](Call& call) -> absl::StatusOr<absl::CivilDay> {
                   return TodayIn(call.settings, call.now);
                 });
}

}  // namespace worksection
