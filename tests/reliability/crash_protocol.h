// What the crash writer (reliability_writer crash) writes and how it
// acknowledges it: the names, texts and notes of its writes, derived from
// its round and the sequence number of the call, and the acknowledgement
// lines it prints on stdout after each call that returned OK (so committed).
// The crash test rebuilds the expected contents from the lines it read.
//
//   ready                                       the store is open
//   task SEQ TASK_ID                            CreateTask
//   time SEQ INDEX COUNT ENTRY_ID TASK_ID SECONDS DAY BILLABLE
//                                               entry INDEX of the COUNT
//                                               a call logged (LogTime:
//                                               0 of 1; or LogTimeBatch)
//   done SEQ TASK_ID                            CompleteTask
//
// A call's lines go out in one write(2), so a batch is acknowledged whole
// or not at all.
#ifndef WORKSECTION_TESTS_RELIABILITY_CRASH_PROTOCOL_H_
#define WORKSECTION_TESTS_RELIABILITY_CRASH_PROTOCOL_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace worksection::reliability {

inline constexpr char kReadyLine[] = "ready";

struct Ack {
  enum class Kind { kTask, kTime, kDone };
  Kind kind = Kind::kTask;
  int64_t seq = 0;  // the call's sequence number in its round, from 1
  int index = 0;    // kTime: the entry's place in its call
  int count = 0;    // kTime: how many entries the call logged
  int64_t id = 0;   // the task (kTask, kDone) or the entry (kTime)
  // kTime: what was logged.
  int64_t task = 0;
  int64_t seconds = 0;
  absl::CivilDay day;
  bool billable = false;
};

// The line for `ack`, newline included.
std::string FormatAck(const Ack& ack);
// InvalidArgument for a line FormatAck does not make.
absl::StatusOr<Ack> ParseAck(absl::string_view line);

// The title and text of the task created by call `seq` of `round`: unique
// titles, texts of varied length (so some span several pages).
std::string CrashTaskTitle(int round, int64_t seq);
std::string CrashTaskText(int64_t seq);
// The note of entry `index` of the `count` that call `seq` logged; each
// starts with CrashCallPrefix(round, seq).
std::string CrashEntryNote(int round, int64_t seq, int index, int count);
std::string CrashCallPrefix(int round, int64_t seq);
// The completion note of call `seq`.
std::string CrashCompletionNote(int round, int64_t seq);

}  // namespace worksection::reliability

#endif  // WORKSECTION_TESTS_RELIABILITY_CRASH_PROTOCOL_H_
