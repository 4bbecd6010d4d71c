// Session's reports with the engine's options: the tests run the time
// report through both of its paths (rollups and entries).
#ifndef WORKSECTION_SRC_CORE_SESSION_REPORTS_H_
#define WORKSECTION_SRC_CORE_SESSION_REPORTS_H_

#include "absl/status/statusor.h"
#include "src/report/engine.h"
#include "worksection/ids.h"
#include "worksection/report.h"
#include "worksection/workspace.h"

namespace worksection {

// Session::RunTimeReport with `options`.
absl::StatusOr<TimeReport> RunTimeReportWith(
    const Session& session, const TimeReportQuery& query,
    const report::TimeReportOptions& options);

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_SESSION_REPORTS_H_
