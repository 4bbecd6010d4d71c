// The child process of the reliability tests.
//
//   reliability_writer crash PATH ROUND OWNER_ID
//     Writes to the workspace at PATH as the owner, call after call until
//     killed: creates tasks, logs time (single entries and batches),
//     completes tasks. Prints "ready" once the store is open, then one
//     acknowledgement per call that returned OK (crash_protocol.h). Exits 2
//     at the first error.
//
//   reliability_writer contend PATH WORKER ACTOR_ID PROJECT_ID COUNTER_ID OPS
//     Opens the workspace, prints "ready", waits for a line on stdin, runs
//     RunContention (contention.h) as ACTOR and prints its totals.
//
// Exit status 1 for bad arguments or a store that will not open.
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "tests/reliability/contention.h"
#include "tests/reliability/crash_protocol.h"
#include "worksection/model.h"
#include "worksection/query.h"
#include "worksection/session.h"
#include "worksection/time_tracking.h"
#include "worksection/workspace.h"

namespace worksection::reliability {
namespace {

// Writes `text` to stdout with write(2): nothing is buffered in the process
// when it is killed, and a text below PIPE_BUF reaches the pipe whole.
void Say(absl::string_view text) {
  while (!text.empty()) {
    const ssize_t n = write(STDOUT_FILENO, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(3);  // the test is gone
    text.remove_prefix(static_cast<size_t>(n));
  }
}

[[noreturn]] void Die(absl::string_view what, const absl::Status& status) {
  std::cerr << "reliability_writer: " << what << ": " << status << std::endl;
  _exit(2);
}

// The crash writer: see the file comment.
class CrashWriter {
 public:
  CrashWriter(Session session, ProjectId project, int round)
      : session_(session),
        project_(project),
        round_(round),
        rng_(9'973u * static_cast<uint32_t>(round) + 1u) {}

  // Adopts the open tasks of earlier rounds: time goes on them too.
  void LoadOpenTasks() {
    TaskFilter filter;
    filter.status = TaskStatus::kOpen;
    filter.limit = 1'000;
    absl::StatusOr<TaskPage> page = session_.ListTasks(filter);
    if (!page.ok()) Die("ListTasks", page.status());
    for (const Task& t : page->tasks) {
      open_.push_back(t.id.value());
      tasks_.push_back(t.id.value());
    }
  }

  [[noreturn]] void Run() {
    for (int64_t seq = 1;; ++seq) {
      const uint32_t pick = rng_() % 10;
      if (pick < 3 || tasks_.empty()) {
        CreateTask(seq);
      } else if (pick < 6) {
        LogTime(seq, 1);
      } else if (pick < 8) {
        LogTime(seq, 2 + static_cast<int>(rng_() % 5));
      } else if (!open_.empty()) {
        Complete(seq);
      } else {
        CreateTask(seq);
      }
    }
  }

 private:
  void CreateTask(int64_t seq) {
    Task t;
    t.title = CrashTaskTitle(round_, seq);
    t.text = CrashTaskText(seq);
    t.project = project_;
    absl::StatusOr<Task> created = session_.CreateTask(t);
    if (!created.ok()) Die("CreateTask", created.status());
    open_.push_back(created->id.value());
    tasks_.push_back(created->id.value());
    Ack ack;
    ack.kind = Ack::Kind::kTask;
    ack.seq = seq;
    ack.id = created->id.value();
    Say(FormatAck(ack));
  }

  void LogTime(int64_t seq, int count) {
    std::vector<TimeLog> logs;
    for (int i = 0; i < count; ++i) {
      TimeLog log;
      // Done tasks too: people log time late.
      log.task = TaskId(tasks_[rng_() % tasks_.size()]);
      log.duration = absl::Seconds(1 + rng_() % (8 * 3'600));
      log.date = absl::CivilDay(2024, 1, 1) + static_cast<int>(rng_() % 60);
      log.billable = rng_() % 4 != 0;
      log.note = CrashEntryNote(round_, seq, i, count);
      logs.push_back(log);
    }
    std::vector<TimeEntry> entries;
    if (count == 1) {
      absl::StatusOr<TimeEntry> e = session_.LogTime(logs[0]);
      if (!e.ok()) Die("LogTime", e.status());
      entries.push_back(*std::move(e));
    } else {
      absl::StatusOr<std::vector<TimeEntry>> e = session_.LogTimeBatch(logs);
      if (!e.ok()) Die("LogTimeBatch", e.status());
      entries = *std::move(e);
    }
    std::string lines;
    for (int i = 0; i < count; ++i) {
      Ack ack;
      ack.kind = Ack::Kind::kTime;
      ack.seq = seq;
      ack.index = i;
      ack.count = count;
      ack.id = entries[i].id.value();
      ack.task = logs[i].task.value();
      ack.seconds = absl::ToInt64Seconds(*logs[i].duration);
      ack.day = *logs[i].date;
      ack.billable = logs[i].billable;
      lines += FormatAck(ack);
    }
    Say(lines);
  }

  void Complete(int64_t seq) {
    const size_t i = rng_() % open_.size();
    absl::StatusOr<Task> done = session_.CompleteTask(
        TaskId(open_[i]), CrashCompletionNote(round_, seq));
    if (!done.ok()) Die("CompleteTask", done.status());
    Ack ack;
    ack.kind = Ack::Kind::kDone;
    ack.seq = seq;
    ack.id = open_[i];
    open_.erase(open_.begin() + static_cast<std::ptrdiff_t>(i));
    Say(FormatAck(ack));
  }

  Session session_;
  const ProjectId project_;
  const int round_;
  std::mt19937 rng_;
  std::vector<int64_t> tasks_;  // to log time on
  std::vector<int64_t> open_;   // to complete
};

int Usage() {
  std::cerr << "usage: reliability_writer crash PATH ROUND OWNER_ID\n"
               "       reliability_writer contend PATH WORKER ACTOR_ID "
               "PROJECT_ID COUNTER_ID OPS\n";
  return 1;
}

std::unique_ptr<Workspace> OpenOrDie(const std::string& path) {
  absl::StatusOr<std::unique_ptr<Workspace>> ws = Workspace::Open(path);
  if (!ws.ok()) {
    std::cerr << "reliability_writer: opening " << path << ": " << ws.status()
              << std::endl;
    _exit(1);
  }
  return *std::move(ws);
}

int Main(const std::vector<std::string>& args) {
  if (args.size() == 4 && args[0] == "crash") {
    int round = 0;
    int64_t owner = 0;
    if (!absl::SimpleAtoi(args[2], &round) ||
        !absl::SimpleAtoi(args[3], &owner)) {
      return Usage();
    }
    std::unique_ptr<Workspace> ws = OpenOrDie(args[1]);
    Session session = ws->As(MemberId(owner));
    absl::StatusOr<std::vector<Project>> projects = session.ListProjects();
    if (!projects.ok()) Die("ListProjects", projects.status());
    if (projects->empty()) Die("ListProjects", absl::NotFoundError("none"));
    CrashWriter writer(session, projects->front().id, round);
    writer.LoadOpenTasks();
    Say(absl::StrCat(kReadyLine, "\n"));
    writer.Run();
  }
  if (args.size() == 7 && args[0] == "contend") {
    ContentionPlan plan;
    int64_t actor = 0, project = 0, counter = 0;
    if (!absl::SimpleAtoi(args[2], &plan.worker) ||
        !absl::SimpleAtoi(args[3], &actor) ||
        !absl::SimpleAtoi(args[4], &project) ||
        !absl::SimpleAtoi(args[5], &counter) ||
        !absl::SimpleAtoi(args[6], &plan.operations)) {
      return Usage();
    }
    plan.project = ProjectId(project);
    plan.counter = TaskId(counter);
    std::unique_ptr<Workspace> ws = OpenOrDie(args[1]);
    Say(absl::StrCat(kReadyLine, "\n"));
    std::string go;
    std::getline(std::cin, go);  // everyone starts together
    const ContentionTotals totals =
        RunContention(ws->As(MemberId(actor)), plan);
    Say(FormatTotals(totals) + "\n");
    return totals.failure.empty() ? 0 : 2;
  }
  return Usage();
}

}  // namespace
}  // namespace worksection::reliability

int main(int argc, char** argv) {
  return worksection::reliability::Main(
      std::vector<std::string>(argv + 1, argv + argc));
}
