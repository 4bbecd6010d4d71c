#include "tests/reliability/test_workspace.h"

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "worksection/model.h"
#include "worksection/session.h"
#include "worksection/workspace.h"

namespace worksection::reliability {

absl::StatusOr<TestWorkspace> CreateTestWorkspace(const std::string& path,
                                                  int workers) {
  OpenOptions options;
  WorkspaceSetup setup;
  setup.name = "Reliability";
  setup.owner_name = "Olga Owner";
  setup.owner_email = "olga@example.com";
  options.create = setup;
  absl::StatusOr<std::unique_ptr<Workspace>> ws =
      Workspace::Open(path, std::move(options));
  if (!ws.ok()) return ws.status();
  absl::StatusOr<Member> owner = (*ws)->FirstOwner();
  if (!owner.ok()) return owner.status();
  TestWorkspace out;
  out.owner = owner->id;
  Session s = (*ws)->As(out.owner);
  owner->cost_rate = 4'000;
  owner->billing_rate = 9'000;
  if (absl::StatusOr<Member> m = s.UpdateMember(*owner); !m.ok()) {
    return m.status();
  }

  Project p;
  p.name = "Crash and contention";
  p.billing_rate = 12'000;
  p.rounding = Rounding{Rounding::Mode::kUp, 15};
  for (int i = 0; i < workers; ++i) {
    Member w;
    w.name = absl::StrCat("Worker ", i);
    w.email = absl::StrCat("worker", i, "@example.com");
    w.cost_rate = 3'000 + 100 * i;
    w.billing_rate = 8'000 + 250 * i;
    absl::StatusOr<Member> created = s.CreateMember(w);
    if (!created.ok()) return created.status();
    out.workers.push_back(created->id);
    p.members.push_back(ProjectMember{created->id, ProjectRole::kManager});
  }
  absl::StatusOr<Project> project = s.CreateProject(p);
  if (!project.ok()) return project.status();
  out.project = project->id;

  Task counter;
  counter.project = out.project;
  counter.title = "Counter";
  counter.text = "0";
  absl::StatusOr<Task> task = s.CreateTask(counter);
  if (!task.ok()) return task.status();
  out.counter = task->id;
  return out;
}

}  // namespace worksection::reliability
