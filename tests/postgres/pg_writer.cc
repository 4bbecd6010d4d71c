// A writer process of the multi-process test (multiprocess_test.cc).
//
//   pg_writer setup URI
//     creates the workspace in URI's schema and a project; prints
//     "owner ID" and "project ID".
//   pg_writer write URI WORKER N PROJECT
//     makes N writes as the owner, cycling through: create a task, log time
//     on it, complete it; prints one line per acknowledged write
//     ("task ID", "entry ID", "done TASK_ID") the moment the call returned
//     OK, and nothing for a failed one. A write that fails as Unavailable
//     (busy past the timeout) or Aborted (a conflict) is retried, as a
//     client would, a few times.
// Exit status: 0, or 1 when a write failed for good (after its message on
// stderr).
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/worksection.h"

namespace worksection {
namespace {

constexpr int kAttempts = 5;

int Fail(const absl::Status& status, absl::string_view what) {
  std::fprintf(stderr, "pg_writer: %s: %s\n", std::string(what).c_str(),
               status.ToString().c_str());
  return 1;
}

// Runs `write` until it succeeds or fails with something other than
// Unavailable or Aborted, at most kAttempts times.
absl::Status WithRetries(const std::function<absl::Status()>& write) {
  absl::Status s;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    s = write();
    if (s.code() != absl::StatusCode::kUnavailable &&
        s.code() != absl::StatusCode::kAborted) {
      return s;
    }
  }
  return s;
}

void Ack(const std::string& line) {
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

int Setup(const std::string& uri) {
  OpenOptions options;
  WorkspaceSetup setup;
  setup.name = "Multi-process";
  setup.time_zone = "UTC";
  setup.currency = "EUR";
  setup.owner_name = "Olga Owner";
  setup.owner_email = "olga@example.com";
  options.create = setup;
  absl::StatusOr<std::unique_ptr<Workspace>> ws =
      Workspace::Open(uri, std::move(options));
  if (!ws.ok()) return Fail(ws.status(), "open");
  absl::StatusOr<Member> owner = (*ws)->FirstOwner();
  if (!owner.ok()) return Fail(owner.status(), "owner");
  Session s = (*ws)->As(owner->id);
  absl::StatusOr<Member> self = s.GetMember(owner->id);
  if (!self.ok()) return Fail(self.status(), "owner");
  Member rated = *self;
  rated.billing_rate = 12000;  // so entries carry amounts to sum
  rated.cost_rate = 5000;
  if (absl::StatusOr<Member> m = s.UpdateMember(rated); !m.ok()) {
    return Fail(m.status(), "rates");
  }
  Project p;
  p.name = "Shared";
  absl::StatusOr<Project> project = s.CreateProject(p);
  if (!project.ok()) return Fail(project.status(), "project");
  Ack(absl::StrCat("owner ", owner->id.value()));
  Ack(absl::StrCat("project ", project->id.value()));
  return 0;
}

int Write(const std::string& uri, int worker, int n, ProjectId project) {
  absl::StatusOr<std::unique_ptr<Workspace>> ws = Workspace::Open(uri);
  if (!ws.ok()) return Fail(ws.status(), "open");
  absl::StatusOr<Member> owner = (*ws)->FirstOwner();
  if (!owner.ok()) return Fail(owner.status(), "owner");
  Session s = (*ws)->As(owner->id);
  TaskId task;
  for (int i = 0; i < n; ++i) {
    absl::Status status;
    switch (i % 3) {
      case 0:
        status = WithRetries([&] {
          Task t;
          t.project = project;
          t.title = absl::StrCat("worker ", worker, " write ", i);
          absl::StatusOr<Task> created = s.CreateTask(t);
          if (!created.ok()) return created.status();
          task = created->id;
          Ack(absl::StrCat("task ", task.value()));
          return absl::OkStatus();
        });
        break;
      case 1:
        status = WithRetries([&] {
          TimeLog log;
          log.task = task;
          log.date = absl::CivilDay(2024, 3, 1 + (worker * 7 + i) % 28);
          log.duration = absl::Seconds(60 * (1 + (worker + i) % 97));
          log.billable = i % 2 == 1;
          absl::StatusOr<TimeEntry> entry = s.LogTime(log);
          if (!entry.ok()) return entry.status();
          Ack(absl::StrCat("entry ", entry->id.value()));
          return absl::OkStatus();
        });
        break;
      default:
        status = WithRetries([&] {
          absl::StatusOr<Task> done = s.CompleteTask(task);
          if (!done.ok()) return done.status();
          Ack(absl::StrCat("done ", done->id.value()));
          return absl::OkStatus();
        });
        break;
    }
    if (!status.ok()) return Fail(status, absl::StrCat("write ", i));
  }
  return 0;
}

int Main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "setup" && argc == 3) return Setup(argv[2]);
  int worker = 0, n = 0;
  int64_t project = 0;
  if (mode == "write" && argc == 6 && absl::SimpleAtoi(argv[3], &worker) &&
      absl::SimpleAtoi(argv[4], &n) && absl::SimpleAtoi(argv[5], &project)) {
    return Write(argv[2], worker, n, ProjectId(project));
  }
  std::fprintf(stderr,
               "usage: pg_writer setup URI | write URI WORKER N PROJECT\n");
  return 2;
}

}  // namespace
}  // namespace worksection

int main(int argc, char** argv) { return worksection::Main(argc, argv); }
