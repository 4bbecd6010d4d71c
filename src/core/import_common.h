// What the Taskwarrior and Timewarrior imports share: one transaction,
// projects and tasks found by name or created, and the bookkeeping of the
// report.
#ifndef WORKSECTION_SRC_CORE_IMPORT_COMMON_H_
#define WORKSECTION_SRC_CORE_IMPORT_COMMON_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "src/core/call.h"
#include "worksection/import.h"
#include "worksection/session.h"
#include "worksection/store.h"

namespace worksection {

// "A.B.C" -> folder "A.B", name "C"; "C" -> folder "", name "C".
std::pair<std::string, std::string> SplitProjectPath(absl::string_view path);

// `text` cut to at most `max_bytes` without splitting a UTF-8 sequence.
std::string CutUtf8(absl::string_view text, size_t max_bytes);

// A status whose message starts with `position`.
absl::Status At(absl::string_view position, const absl::Status& status);

// One import: a SessionTransaction, its session, runs of writes that share
// one Call (Write), and the report.
class ImportRun {
 public:
  static absl::StatusOr<std::unique_ptr<ImportRun>> Begin(Session& session);
  ~ImportRun();

  // The session, whose calls join the import's transaction.
  Session& session();

  // Runs `body(Call&)` -> absl::Status in the import's transaction as the
  // session's member, as a Session write call would, but with the settings
  // and the actor loaded once for a run of Writes, not once per call. A call
  // through session() ends the run of Writes, as it may change them (a
  // created project makes the actor its manager); `body` must not make one.
  // A failure fails the transaction, as a failed Session call does.
  template <typename Body>
  absl::Status Write(Body body) {
    absl::StatusOr<Call*> call = WriteCall();
    if (!call.ok()) return call.status();
    absl::Status s = body(**call);
    if (!s.ok()) Fail(s);
    return s;
  }

  ImportReport& report() { return report_; }
  const absl::TimeZone& zone() const { return zone_; }

  // The project named by (folder, name), created with the actor as
  // manager when missing.
  absl::StatusOr<ProjectId> Project(const std::string& folder,
                                    const std::string& name);
  // The open or done task titled `title` at the top of `project`, created
  // when missing.
  absl::StatusOr<TaskId> TaskByTitle(ProjectId project,
                                     const std::string& title);

  void Report(std::string item, std::string field, std::string value,
              std::string reason);

  // Makes Commit run `step` first: the writes an import gathers to make at
  // once. Its failure fails the commit (and so the whole import).
  void BeforeCommit(std::function<absl::Status()> step) {
    before_commit_ = std::move(step);
  }

  absl::StatusOr<ImportReport> Commit();

 private:
  // What a run of Writes shares: the settings, the actor, the change-feed
  // writer and the Call over them.
  struct WriteRun;

  ImportRun(std::unique_ptr<SessionTransaction> tx, absl::TimeZone zone);

  // The current run's Call, begun when there is none.
  absl::StatusOr<Call*> WriteCall();
  // Hands the run's events to the transaction (published on its commit).
  void EndWriteRun();
  void Fail(const absl::Status& status);

  std::unique_ptr<SessionTransaction> tx_;
  std::unique_ptr<WriteRun> write_run_;
  absl::TimeZone zone_;
  ImportReport report_;
  std::optional<std::map<std::pair<std::string, std::string>, ProjectId>>
      projects_;
  std::map<ProjectId, std::map<std::string, TaskId>> tasks_;
  std::function<absl::Status()> before_commit_;
};

// Runs `import_one(run, item)` for each item, reporting progress, and
// commits: the shared loop of every import. The first error stops it, and
// dropping `run` uncommitted then rolls everything back.
template <typename T, typename ImportOne>
absl::StatusOr<ImportReport> ImportEach(ImportRun& run,
                                        const std::vector<T>& items,
                                        const ProgressCallback& progress,
                                        ImportOne import_one) {
  const int64_t total = static_cast<int64_t>(items.size());
  if (progress) progress(0, total);
  for (int64_t i = 0; i < total; ++i) {
    if (absl::Status s = import_one(run, items[i]); !s.ok()) return s;
    if (progress) progress(i + 1, total);
  }
  return run.Commit();
}

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_IMPORT_COMMON_H_
