// The demo agency: a deterministic, realistic workspace for `ws demo`.
#ifndef WORKSECTION_TOOLS_WS_DEMO_SEED_H_
#define WORKSECTION_TOOLS_WS_DEMO_SEED_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "tools/ws/progress.h"
#include "worksection/workspace.h"

namespace ws_cli {

// The workspace `ws demo` creates before seeding it.
worksection::WorkspaceSetup DemoSetup();

struct DemoStats {
  int64_t members = 0;
  int64_t projects = 0;
  int64_t tasks = 0;
  int64_t time_entries = 0;
  int64_t costs = 0;
  int64_t comments = 0;
};

// Fills a freshly created workspace, acting as its owner: 25 members
// (owner, 2 admins, 18 employees, 4 client contacts), 18 projects with
// budgets, deadlines and clients, about 2,000 tasks on 3 levels, a year of
// time entries (about 60,000) up to yesterday, and costs. The same seed
// gives the same agency on the same day (dates are relative to today).
absl::StatusOr<DemoStats> SeedDemo(worksection::Workspace& workspace,
                                   uint64_t seed, Progress& progress);

}  // namespace ws_cli

#endif  // WORKSECTION_TOOLS_WS_DEMO_SEED_H_
