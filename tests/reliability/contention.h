// One worker of the concurrency test: a fixed number of mixed calls through
// one Session on a shared workspace. The test runs workers on threads of its
// own process and in child processes (reliability_writer contend), all on
// one SQLite file at once.
#ifndef WORKSECTION_TESTS_RELIABILITY_CONTENTION_H_
#define WORKSECTION_TESTS_RELIABILITY_CONTENTION_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "worksection/ids.h"
#include "worksection/session.h"

namespace worksection::reliability {

struct ContentionPlan {
  ProjectId project;
  TaskId counter;  // the shared task whose text is a decimal count
  int worker = 0;  // names the worker's tasks and seeds its choices
  int operations = 0;
};

// What a worker's calls did. Counts are of calls that returned OK.
struct ContentionTotals {
  int64_t tasks_created = 0;
  int64_t tasks_completed = 0;
  int64_t entries_logged = 0;
  int64_t seconds_logged = 0;
  int64_t increments = 0;     // of the counter
  int64_t stale_retries = 0;  // Aborted answers to a stale revision, retried
  int64_t reads = 0;
  // The first error other than a stale revision's Aborted, which stopped
  // the worker; empty when none.
  std::string failure;

  ContentionTotals& operator+=(const ContentionTotals& o);
};

// Runs plan.operations calls as `session`: creates tasks, logs time (one
// entry or a batch), completes its own tasks, increments the counter by
// reading it and updating it with the revision read (retrying on Aborted),
// and reads time entries. Stops at the first other error.
ContentionTotals RunContention(Session session, const ContentionPlan& plan);

// ContentionTotals as one line (no newline) and back: how a child process
// reports them.
std::string FormatTotals(const ContentionTotals& totals);
absl::StatusOr<ContentionTotals> ParseTotals(absl::string_view line);

}  // namespace worksection::reliability

#endif  // WORKSECTION_TESTS_RELIABILITY_CONTENTION_H_
