#include "tests/reliability/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

extern char** environ;

namespace worksection::reliability {
namespace {

absl::Status Errno(absl::string_view what, int error) {
  return absl::InternalError(absl::StrCat(what, ": ", std::strerror(error)));
}

}  // namespace

absl::StatusOr<std::unique_ptr<ChildProcess>> ChildProcess::Start(
    const std::vector<std::string>& argv) {
  // A child that dies before reading its stdin must not kill the test with
  // SIGPIPE: Send reports EPIPE instead.
  signal(SIGPIPE, SIG_IGN);
  // Close-on-exec: a second child must not inherit the first one's pipes
  // (its stdout would then never reach end of file). The dup2 onto 0 and 1
  // clears the flag on the child's copies.
  int in[2];
  int out[2];
  if (pipe2(in, O_CLOEXEC) != 0) return Errno("pipe2", errno);
  if (pipe2(out, O_CLOEXEC) != 0) {
    const int error = errno;
    close(in[0]);
    close(in[1]);
    return Errno("pipe2", error);
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc =
      posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  close(out[1]);
  if (rc != 0) {
    close(in[1]);
    close(out[0]);
    return Errno(absl::StrCat("posix_spawn ", argv[0]), rc);
  }
  return std::unique_ptr<ChildProcess>(new ChildProcess(pid, in[1], out[0]));
}

ChildProcess::~ChildProcess() {
  if (!reaped_) {
    Kill();
    Wait();
  }
  close(stdin_fd_);
  close(stdout_fd_);
}

absl::Status ChildProcess::Send(absl::string_view text) {
  while (!text.empty()) {
    const ssize_t n = write(stdin_fd_, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("writing to the child's stdin", errno);
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

bool ChildProcess::Fill(absl::Time deadline) {
  if (eof_) return false;
  for (;;) {
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) return false;
    pollfd p{stdout_fd_, POLLIN, 0};
    const int64_t ms = std::min<int64_t>(
        absl::ToInt64Milliseconds(absl::Ceil(left, absl::Milliseconds(1))),
        60'000);
    const int ready = poll(&p, 1, static_cast<int>(ms));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;  // re-checks the deadline
    char chunk[4096];
    const ssize_t n = read(stdout_fd_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      eof_ = true;
      return false;
    }
    buffer_.append(chunk, static_cast<size_t>(n));
    return true;
  }
}

std::optional<std::string> ChildProcess::ReadLine(absl::Time deadline) {
  for (;;) {
    const size_t end = buffer_.find('\n');
    if (end != std::string::npos) {
      std::string line = buffer_.substr(0, end);
      buffer_.erase(0, end + 1);
      return line;
    }
    if (!Fill(deadline)) return std::nullopt;
  }
}

std::vector<std::string> ChildProcess::ReadLinesUntil(absl::Time deadline) {
  std::vector<std::string> lines;
  while (std::optional<std::string> line = ReadLine(deadline)) {
    lines.push_back(*std::move(line));
  }
  return lines;
}

void ChildProcess::Kill() {
  if (!reaped_) kill(pid_, SIGKILL);
}

int ChildProcess::Wait() {
  if (!reaped_) {
    while (waitpid(pid_, &wait_status_, 0) < 0 && errno == EINTR) {
    }
    reaped_ = true;
  }
  return wait_status_;
}

std::string DescribeWaitStatus(int status) {
  if (WIFEXITED(status)) return absl::StrCat("exit ", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return absl::StrCat("signal ", WTERMSIG(status));
  return absl::StrCat("wait status ", status);
}

}  // namespace worksection::reliability
