// A program the reliability tests run beside themselves: started with
// posix_spawn (safe in a process that already runs threads), its stdin and
// stdout piped to the test, its stderr shared with the test's. The child
// reports what it did on stdout, a line per event, each line written with
// one write(2) (atomic on a pipe below PIPE_BUF bytes), so the test knows
// exactly what was reported before it killed the child.
#ifndef WORKSECTION_TESTS_RELIABILITY_CHILD_PROCESS_H_
#define WORKSECTION_TESTS_RELIABILITY_CHILD_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace worksection::reliability {

// Thread-compatible. Destroying a running child kills it (SIGKILL) and
// reaps it.
class ChildProcess {
 public:
  // Starts argv[0] (a path) with `argv`. Internal when it cannot.
  static absl::StatusOr<std::unique_ptr<ChildProcess>> Start(
      const std::vector<std::string>& argv);

  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }

  // Writes `text` to the child's stdin.
  absl::Status Send(absl::string_view text);

  // The next whole line (without its newline) the child wrote, waiting for
  // it until `deadline`; nullopt at the deadline or when the child closed
  // its stdout.
  std::optional<std::string> ReadLine(absl::Time deadline);

  // Every whole line the child wrote up to `deadline` (or until it closed
  // its stdout, if earlier) that ReadLine has not returned.
  std::vector<std::string> ReadLinesUntil(absl::Time deadline);

  // Sends SIGKILL.
  void Kill();

  // Waits for the child to end and returns its wait status (see
  // waitpid(2)).
  int Wait();

 private:
  ChildProcess(pid_t pid, int stdin_fd, int stdout_fd)
      : pid_(pid), stdin_fd_(stdin_fd), stdout_fd_(stdout_fd) {}

  // Reads what the child wrote, waiting until `deadline`; false at the
  // deadline or at end of file.
  bool Fill(absl::Time deadline);

  pid_t pid_;
  int stdin_fd_;
  int stdout_fd_;
  bool eof_ = false;
  bool reaped_ = false;
  int wait_status_ = 0;  // once reaped
  std::string buffer_;  // read, not yet returned
};

// A human-readable account of a wait status: "exit 3", "signal 9".
std::string DescribeWaitStatus(int status);

}  // namespace worksection::reliability

#endif  // WORKSECTION_TESTS_RELIABILITY_CHILD_PROCESS_H_
