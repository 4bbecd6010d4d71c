#include "tools/ws/progress.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"

namespace ws_cli {

namespace {

// WS_PROGRESS_AFTER_MS, a count of milliseconds, else a second.
absl::Duration DelayBeforeTheBar() {
  const char* env = std::getenv("WS_PROGRESS_AFTER_MS");
  int64_t ms = 0;
  if (env != nullptr && absl::SimpleAtoi(env, &ms) && ms >= 0) {
    return absl::Milliseconds(ms);
  }
  return absl::Seconds(1);
}

}  // namespace

Progress::Progress(std::string label, int64_t total)
    : label_(std::move(label)),
      total_(total),
      enabled_(isatty(STDERR_FILENO) == 1),
      delay_(DelayBeforeTheBar()),
      start_(absl::Now()),
      last_draw_(absl::InfinitePast()) {}

Progress::~Progress() { Done(); }

void Progress::Set(int64_t done) {
  if (!enabled_) return;
  absl::Time now = absl::Now();
  if (now - start_ < delay_ || now - last_draw_ < absl::Milliseconds(100)) {
    return;
  }
  last_draw_ = now;
  std::string line;
  if (total_ > 0) {
    constexpr int kWidth = 30;
    int64_t clamped = done > total_ ? total_ : done;
    int filled = static_cast<int>(clamped * kWidth / total_);
    line = absl::StrFormat("\r%-24s [%s%s] %3d%% ", label_,
                           std::string(filled, '#'),
                           std::string(kWidth - filled, ' '),
                           static_cast<int>(clamped * 100 / total_));
  } else {
    line = absl::StrFormat("\r%-24s %d ", label_, done);
  }
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Done() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace ws_cli
