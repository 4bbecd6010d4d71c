#include "tests/reliability/contention.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/model.h"
#include "worksection/query.h"
#include "worksection/time_tracking.h"

namespace worksection::reliability {
namespace {

// The calls of one worker, and what they added up to.
class Worker {
 public:
  Worker(Session session, const ContentionPlan& plan)
      : session_(session),
        plan_(plan),
        rng_(static_cast<uint32_t>(plan.worker) * 7919u + 17u) {}

  ContentionTotals Run() {
    for (int op = 0; op < plan_.operations && totals_.failure.empty(); ++op) {
      switch (rng_() % 10) {
        case 0:
        case 1:
          CreateTask(op);
          break;
        case 2:
        case 3:
          LogTime(op, 1);
          break;
        case 4:
          LogTime(op, 3);
          break;
        case 5:
        case 6:
        case 7:
          Increment();
          break;
        case 8:
          if (open_.empty()) {
            CreateTask(op);
          } else {
            Complete(op);
          }
          break;
        default:
          Read();
          break;
      }
    }
    return totals_;
  }

 private:
  void Fail(absl::string_view call, const absl::Status& status) {
    totals_.failure = absl::StrCat("worker ", plan_.worker, ": ", call, ": ",
                                   status.ToString());
  }

  void CreateTask(int op) {
    Task t;
    t.project = plan_.project;
    t.title = absl::StrCat("w", plan_.worker, " #", op);
    absl::StatusOr<Task> created = session_.CreateTask(t);
    if (!created.ok()) return Fail("CreateTask", created.status());
    open_.push_back(created->id);
    ++totals_.tasks_created;
  }

  TimeLog NewLog(int op, int index) {
    TimeLog log;
    log.task = open_.empty() || rng_() % 2 == 0 ? plan_.counter
                                                : open_[rng_() % open_.size()];
    log.duration = absl::Seconds(60 + rng_() % 7'200);
    log.date = absl::CivilDay(2024, 1, 1) + static_cast<int>(rng_() % 28);
    log.billable = rng_() % 3 != 0;
    log.note = absl::StrCat("w", plan_.worker, " #", op, " i", index);
    return log;
  }

  void LogTime(int op, int count) {
    std::vector<TimeLog> logs;
    int64_t seconds = 0;
    for (int i = 0; i < count; ++i) {
      logs.push_back(NewLog(op, i));
      seconds += absl::ToInt64Seconds(*logs.back().duration);
    }
    if (count == 1) {
      absl::StatusOr<TimeEntry> e = session_.LogTime(logs[0]);
      if (!e.ok()) return Fail("LogTime", e.status());
    } else {
      absl::StatusOr<std::vector<TimeEntry>> e = session_.LogTimeBatch(logs);
      if (!e.ok()) return Fail("LogTimeBatch", e.status());
    }
    totals_.entries_logged += count;
    totals_.seconds_logged += seconds;
  }

  // Read, add one, write back naming the revision read: a writer that read
  // before another's update gets Aborted and reads again, so no increment
  // is lost.
  void Increment() {
    for (;;) {
      absl::StatusOr<Task> t = session_.GetTask(plan_.counter);
      if (!t.ok()) return Fail("GetTask", t.status());
      int64_t n = 0;
      if (!absl::SimpleAtoi(t->text, &n)) {
        return Fail("GetTask", absl::DataLossError(absl::StrCat(
                                   "counter text \"", t->text, "\"")));
      }
      t->text = absl::StrCat(n + 1);
      absl::StatusOr<Task> updated = session_.UpdateTask(*t);
      if (updated.ok()) {
        ++totals_.increments;
        return;
      }
      if (!absl::IsAborted(updated.status())) {
        return Fail("UpdateTask", updated.status());
      }
      ++totals_.stale_retries;
    }
  }

  void Complete(int op) {
    const size_t i = rng_() % open_.size();
    absl::StatusOr<Task> done =
        session_.CompleteTask(open_[i], absl::StrCat("done at #", op));
    if (!done.ok()) return Fail("CompleteTask", done.status());
    open_.erase(open_.begin() + static_cast<std::ptrdiff_t>(i));
    ++totals_.tasks_completed;
  }

  void Read() {
    TimeEntryFilter filter;
    filter.task = plan_.counter;
    filter.limit = 20;
    absl::StatusOr<TimeEntryPage> page = session_.ListTimeEntries(filter);
    if (!page.ok()) return Fail("ListTimeEntries", page.status());
    absl::StatusOr<BudgetUsage> budget =
        session_.GetProjectBudget(plan_.project);
    if (!budget.ok()) return Fail("GetProjectBudget", budget.status());
    ++totals_.reads;
  }

  Session session_;
  const ContentionPlan plan_;
  std::mt19937 rng_;
  std::vector<TaskId> open_;  // the worker's tasks not completed yet
  ContentionTotals totals_;
};

}  // namespace

ContentionTotals& ContentionTotals::operator+=(const ContentionTotals& o) {
  tasks_created += o.tasks_created;
  tasks_completed += o.tasks_completed;
  entries_logged += o.entries_logged;
  seconds_logged += o.seconds_logged;
  increments += o.increments;
  stale_retries += o.stale_retries;
  reads += o.reads;
  if (failure.empty()) failure = o.failure;
  return *this;
}

ContentionTotals RunContention(Session session, const ContentionPlan& plan) {
  return Worker(session, plan).Run();
}

std::string FormatTotals(const ContentionTotals& t) {
  return absl::StrCat("totals ", t.tasks_created, " ", t.tasks_completed, " ",
                      t.entries_logged, " ", t.seconds_logged, " ",
                      t.increments, " ", t.stale_retries, " ", t.reads, " ",
                      t.failure);
}

absl::StatusOr<ContentionTotals> ParseTotals(absl::string_view line) {
  // The failure, last, may hold spaces: split off the 8 fields before it.
  const std::vector<absl::string_view> f =
      absl::StrSplit(line, absl::MaxSplits(' ', 8));
  ContentionTotals t;
  if (f.size() != 9 || f[0] != "totals" ||
      !absl::SimpleAtoi(f[1], &t.tasks_created) ||
      !absl::SimpleAtoi(f[2], &t.tasks_completed) ||
      !absl::SimpleAtoi(f[3], &t.entries_logged) ||
      !absl::SimpleAtoi(f[4], &t.seconds_logged) ||
      !absl::SimpleAtoi(f[5], &t.increments) ||
      !absl::SimpleAtoi(f[6], &t.stale_retries) ||
      !absl::SimpleAtoi(f[7], &t.reads)) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a totals line: \"", line, "\""));
  }
  t.failure = std::string(f[8]);
  return t;
}

}  // namespace worksection::reliability
