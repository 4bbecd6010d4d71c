// A progress bar on stderr for work that takes over a second (or
// $WS_PROGRESS_AFTER_MS milliseconds); drawn only when stderr is a
// terminal, so scripts and pipes never see it.
#ifndef WORKSECTION_TOOLS_WS_PROGRESS_H_
#define WORKSECTION_TOOLS_WS_PROGRESS_H_

#include <cstdint>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace ws_cli {

class Progress {
 public:
  // `total` 0: unknown, shows a count.
  Progress(std::string label, int64_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Set(int64_t done);
  void SetLabel(std::string label) { label_ = std::move(label); }
  void SetTotal(int64_t total) { total_ = total; }
  // Clears the bar.
  void Done();

 private:
  std::string label_;
  int64_t total_;
  bool enabled_;
  bool drawn_ = false;
  absl::Duration delay_;  // before the first draw
  absl::Time start_;
  absl::Time last_draw_;
};

}  // namespace ws_cli

#endif  // WORKSECTION_TOOLS_WS_PROGRESS_H_
