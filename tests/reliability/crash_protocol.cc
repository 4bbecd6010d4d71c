#include "tests/reliability/crash_protocol.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace worksection::reliability {

std::string FormatAck(const Ack& ack) {
  switch (ack.kind) {
    case Ack::Kind::kTask:
      return absl::StrCat("task ", ack.seq, " ", ack.id, "\n");
    case Ack::Kind::kDone:
      return absl::StrCat("done ", ack.seq, " ", ack.id, "\n");
    case Ack::Kind::kTime:
      return absl::StrCat("time ", ack.seq, " ", ack.index, " ", ack.count, " ",
                          ack.id, " ", ack.task, " ", ack.seconds, " ",
                          absl::FormatCivilTime(ack.day), " ",
                          ack.billable ? 1 : 0, "\n");
  }
  return "";
}

absl::StatusOr<Ack> ParseAck(absl::string_view line) {
  const std::vector<absl::string_view> f = absl::StrSplit(line, ' ');
  auto bad = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("not an acknowledgement: \"", line, "\""));
  };
  Ack ack;
  if ((f[0] == "task" || f[0] == "done") && f.size() == 3) {
    ack.kind = f[0] == "task" ? Ack::Kind::kTask : Ack::Kind::kDone;
    if (!absl::SimpleAtoi(f[1], &ack.seq) || !absl::SimpleAtoi(f[2], &ack.id)) {
      return bad();
    }
    return ack;
  }
  if (f[0] != "time" || f.size() != 9) return bad();
  ack.kind = Ack::Kind::kTime;
  int billable = 0;
  if (!absl::SimpleAtoi(f[1], &ack.seq) ||
      !absl::SimpleAtoi(f[2], &ack.index) ||
      !absl::SimpleAtoi(f[3], &ack.count) || !absl::SimpleAtoi(f[4], &ack.id) ||
      !absl::SimpleAtoi(f[5], &ack.task) ||
      !absl::SimpleAtoi(f[6], &ack.seconds) ||
      !absl::ParseCivilTime(f[7], &ack.day) ||
      !absl::SimpleAtoi(f[8], &billable)) {
    return bad();
  }
  ack.billable = billable != 0;
  return ack;
}

std::string CrashTaskTitle(int round, int64_t seq) {
  return absl::StrCat("r", round, " s", seq);
}

std::string CrashTaskText(int64_t seq) {
  // 0 to about 9 KB: a 4 KB page holds some texts, others overflow.
  return std::string(static_cast<size_t>((seq * 397) % 9'000),
                     static_cast<char>('a' + seq % 26));
}

std::string CrashCallPrefix(int round, int64_t seq) {
  return absl::StrCat("r", round, " s", seq, " ");
}

std::string CrashEntryNote(int round, int64_t seq, int index, int count) {
  return absl::StrCat(CrashCallPrefix(round, seq), index, "/", count);
}

std::string CrashCompletionNote(int round, int64_t seq) {
  return absl::StrCat("r", round, " s", seq, " done");
}

}  // namespace worksection::reliability
