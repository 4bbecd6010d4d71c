#include "src/core/import_common.h"

#include <map>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/core/call.h"
#include "worksection/limits.h"

namespace worksection {

std::pair<std::string, std::string> SplitProjectPath(absl::string_view path) {
  const size_t dot = path.rfind('.');
  if (dot == absl::string_view::npos) return {"", std::string(path)};
  return {std::string(path.substr(0, dot)), std::string(path.substr(dot + 1))};
}

std::string CutUtf8(absl::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t end = max_bytes;
  // Back up over continuation bytes to the start of a sequence.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return std::string(text.substr(0, end));
}

absl::Status At(absl::string_view position, const absl::Status& status) {
  if (status.ok()) return status;
  return absl::Status(status.code(),
                      absl::StrCat(position, ": ", status.message()));
}

absl::StatusOr<std::unique_ptr<ImportRun>> ImportRun::Begin(Session& session) {
  absl::StatusOr<WorkspaceSettings> settings = session.GetSettings();
  if (!settings.ok()) return settings.status();
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(settings->time_zone, &zone)) {
    return absl::InternalError(
        absl::StrCat("cannot load time zone ", settings->time_zone));
  }
  absl::StatusOr<std::unique_ptr<SessionTransaction>> tx =
      session.BeginTransaction();
  if (!tx.ok()) return tx.status();
  return std::unique_ptr<ImportRun>(new ImportRun(*std::move(tx), zone));
}

struct ImportRun::WriteRun {
  WriteRun(Transaction& tx, absl::Time now, WorkspaceSettings s, Actor a)
      : settings(std::move(s)),
        actor(std::move(a)),
        recorder(tx, actor.id(), now),
        call{recorder, actor, settings, now, &recorder} {}

  const WorkspaceSettings settings;
  const Actor actor;
  EventRecorder recorder;
  Call call;
};

ImportRun::ImportRun(std::unique_ptr<SessionTransaction> tx,
                     absl::TimeZone zone)
    : tx_(std::move(tx)), zone_(zone) {}

ImportRun::~ImportRun() = default;

Session& ImportRun::session() {
  EndWriteRun();
  return tx_->session();
}

absl::StatusOr<Call*> ImportRun::WriteCall() {
  if (write_run_) return &write_run_->call;
  absl::StatusOr<Transaction*> tx = JoinTransaction(*tx_);
  if (!tx.ok()) return tx.status();
  absl::StatusOr<WorkspaceSettings> settings = LoadSettings(**tx);
  if (!settings.ok()) return settings.status();
  const Session& session = tx_->session();
  absl::StatusOr<Actor> actor = LoadActor(**tx, session.actor());
  if (!actor.ok()) return actor.status();
  write_run_ =
      std::make_unique<WriteRun>(**tx, SessionAccess::workspace(session).Now(),
                                 *std::move(settings), *std::move(actor));
  return &write_run_->call;
}

void ImportRun::EndWriteRun() {
  if (!write_run_) return;
  SessionAccess::AddEvents(*tx_, write_run_->recorder.range());
  write_run_.reset();
}

void ImportRun::Fail(const absl::Status& status) {
  SessionAccess::failure(*tx_) = status;
}

absl::StatusOr<ProjectId> ImportRun::Project(const std::string& folder,
                                             const std::string& name) {
  if (!projects_) {
    ProjectFilter filter;
    filter.include_archived = true;
    absl::StatusOr<std::vector<worksection::Project>> all =
        session().ListProjects(filter);
    if (!all.ok()) return all.status();
    projects_.emplace();
    for (const worksection::Project& p : *all) {
      projects_->emplace(std::make_pair(p.folder, p.name), p.id);
    }
  }
  auto it = projects_->find({folder, name});
  if (it != projects_->end()) return it->second;
  worksection::Project p;
  p.folder = folder;
  p.name = name;
  p.manager = session().actor();
  absl::StatusOr<worksection::Project> created = session().CreateProject(p);
  if (!created.ok()) return created.status();
  ++report_.projects_created;
  projects_->emplace(std::make_pair(folder, name), created->id);
  return created->id;
}

absl::StatusOr<TaskId> ImportRun::TaskByTitle(ProjectId project,
                                              const std::string& title) {
  auto [known, first_time] = tasks_.try_emplace(project);
  if (first_time) {
    TaskFilter filter;
    filter.project = project;
    filter.limit = limits::kMaxPageSize;
    while (true) {
      absl::StatusOr<TaskPage> page = session().ListTasks(filter);
      if (!page.ok()) return page.status();
      for (const Task& t : page->tasks) {
        if (!t.parent.valid()) known->second.emplace(t.title, t.id);
      }
      if (page->next_page_token.empty()) break;
      filter.page_token = page->next_page_token;
    }
  }
  auto it = known->second.find(title);
  if (it != known->second.end()) return it->second;
  Task t;
  t.project = project;
  t.title = title;
  absl::StatusOr<Task> created = session().CreateTask(t);
  if (!created.ok()) return created.status();
  ++report_.tasks_created;
  known->second.emplace(title, created->id);
  return created->id;
}

void ImportRun::Report(std::string item, std::string field, std::string value,
                       std::string reason) {
  report_.issues.push_back(
      {std::move(item), std::move(field), std::move(value), std::move(reason)});
}

absl::StatusOr<ImportReport> ImportRun::Commit() {
  if (before_commit_) {
    if (absl::Status s = before_commit_(); !s.ok()) return s;
  }
  EndWriteRun();
  if (absl::Status s = tx_->Commit(); !s.ok()) return s;
  return std::move(report_);
}

}  // namespace worksection
