// Crash safety of the SQLite store: a child process (reliability_writer
// crash) writes to a workspace call after call, acknowledging each call that
// returned OK, and is killed with SIGKILL at a moment drawn from a fixed
// seed; 200 times on the same file. After each kill:
//   - the store opens (read-write every 4th round, which checkpoints the WAL
//     on close; read-only otherwise, so the WAL grows until a writer's
//     automatic checkpoint, which kills then interrupt too);
//   - PRAGMA integrity_check and foreign_key_check pass;
//   - every acknowledged write is there with the acknowledged content:
//     tasks (title, text), completions (status, note), time entries (task,
//     duration, day, billable, note);
//   - nothing is there twice, and nothing unacknowledged is there but what
//     the one call in flight at the kill wrote, whole (all of a batch or
//     none of it);
//   - the rollups equal the sums over the time entries.
// A fifth of the kills come without waiting for the child to open the store,
// to interrupt opening (WAL recovery) too. The figures are printed at the
// end and recorded as test properties (docs/reliability.md quotes them).
#include <signal.h>
#include <sys/wait.h>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/reliability/child_process.h"
#include "tests/reliability/crash_protocol.h"
#include "tests/reliability/test_workspace.h"
#include "tests/sqlite/sqlite_test_util.h"
#include "tests/store_contents.h"
#include "tests/testing.h"
#include "worksection/model.h"
#include "worksection/store.h"
#include "worksection/time_tracking.h"
#include "worksection/workspace.h"

namespace worksection::reliability {
namespace {

using ::worksection::testing::DiffRollups;
using ::worksection::testing::ReadStoreContents;
using ::worksection::testing::StoreContents;
using ::worksection::testing::SumRollups;
using ::worksection::testing::TempDir;

constexpr int kRounds = 200;
constexpr uint32_t kSeed = 20'261'124;
// How long a child may write before the kill: up to this after it is
// ready, or (one round in five) up to kMaxEarlyDelay after it started.
constexpr int kMaxDelayUs = 80'000;
constexpr int kMaxEarlyDelayUs = 20'000;

struct ExpectedTask {
  std::string title;
  std::string text;
  bool done = false;
  std::string completion_note;
};

struct ExpectedEntry {
  int64_t task = 0;
  int64_t seconds = 0;
  absl::CivilDay day;
  bool billable = false;
  std::string note;
};

// What the store must hold: everything acknowledged so far, and whatever
// the calls in flight at earlier kills were found to have committed.
class Expected {
 public:
  explicit Expected(const StoreContents& initial) {
    for (const Task& t : initial.tasks) {
      tasks_[t.id.value()] = ExpectedTask{
          t.title, t.text, t.status == TaskStatus::kDone, t.completion_note};
    }
  }

  // Records an acknowledged call's writes.
  void Apply(int round, const Ack& ack) {
    switch (ack.kind) {
      case Ack::Kind::kTask:
        EXPECT_EQ(tasks_.count(ack.id), 0u) << "task id reused: " << ack.id;
        tasks_[ack.id] = ExpectedTask{CrashTaskTitle(round, ack.seq),
                                      CrashTaskText(ack.seq)};
        ++figures_.acked_tasks;
        break;
      case Ack::Kind::kDone: {
        ExpectedTask& t = tasks_[ack.id];
        EXPECT_FALSE(t.done) << "task " << ack.id << " completed twice";
        t.done = true;
        t.completion_note = CrashCompletionNote(round, ack.seq);
        ++figures_.acked_completions;
        break;
      }
      case Ack::Kind::kTime:
        EXPECT_EQ(entries_.count(ack.id), 0u) << "entry id reused: " << ack.id;
        entries_[ack.id] =
            ExpectedEntry{ack.task, ack.seconds, ack.day, ack.billable,
                          CrashEntryNote(round, ack.seq, ack.index, ack.count)};
        ++figures_.acked_entries;
        break;
    }
  }

  // Checks `stored` against what is expected after a kill in `round`,
  // whose call `in_flight` (the one after the last acknowledged) may or
  // may not have committed; adopts what it did commit.
  void Check(int round, int64_t in_flight, const StoreContents& stored) {
    bool in_flight_found = false;
    std::set<std::string> titles;
    for (const Task& t : stored.tasks) {
      EXPECT_TRUE(titles.insert(t.title).second) << "two tasks " << t.title;
      const bool done = t.status == TaskStatus::kDone;
      auto it = tasks_.find(t.id.value());
      if (it == tasks_.end()) {
        // Only the call in flight may have created it.
        EXPECT_EQ(t.title, CrashTaskTitle(round, in_flight))
            << "unacknowledged task " << t.id.value();
        EXPECT_EQ(t.text, CrashTaskText(in_flight));
        EXPECT_FALSE(done);
        tasks_[t.id.value()] = ExpectedTask{t.title, t.text};
        in_flight_found = true;
        continue;
      }
      ExpectedTask& e = it->second;
      EXPECT_EQ(t.title, e.title) << "task " << t.id.value();
      EXPECT_EQ(t.text, e.text) << "task " << t.id.value();
      if (done && !e.done) {
        // Only the call in flight may have completed it.
        EXPECT_EQ(t.completion_note, CrashCompletionNote(round, in_flight))
            << "unacknowledged completion of task " << t.id.value();
        e.done = true;
        e.completion_note = t.completion_note;
        in_flight_found = true;
      } else {
        EXPECT_EQ(done, e.done) << "task " << t.id.value();
        EXPECT_EQ(t.completion_note, e.completion_note)
            << "task " << t.id.value();
      }
    }
    figures_.checks += static_cast<int64_t>(tasks_.size());
    EXPECT_EQ(stored.tasks.size(), tasks_.size())
        << "acknowledged tasks are missing";

    std::set<std::string> notes;
    const std::string in_flight_prefix = CrashCallPrefix(round, in_flight);
    int in_flight_entries = 0;
    int in_flight_count = 0;
    for (const TimeEntry& s : stored.entries) {
      EXPECT_TRUE(notes.insert(s.note).second) << "two entries " << s.note;
      const ExpectedEntry got{s.task.value(), absl::ToInt64Seconds(s.duration),
                              s.date, s.billable, s.note};
      auto it = entries_.find(s.id.value());
      if (it == entries_.end()) {
        EXPECT_TRUE(absl::StartsWith(s.note, in_flight_prefix))
            << "unacknowledged entry " << s.id.value() << " " << s.note;
        // The note ends in INDEX/COUNT.
        in_flight_count =
            std::atoi(s.note.substr(s.note.find('/') + 1).c_str());
        ++in_flight_entries;
        entries_[s.id.value()] = got;
        in_flight_found = true;
        continue;
      }
      const ExpectedEntry& e = it->second;
      EXPECT_EQ(got.task, e.task) << "entry " << s.id.value();
      EXPECT_EQ(got.seconds, e.seconds) << "entry " << s.id.value();
      EXPECT_EQ(got.day, e.day) << "entry " << s.id.value();
      EXPECT_EQ(got.billable, e.billable) << "entry " << s.id.value();
      EXPECT_EQ(got.note, e.note) << "entry " << s.id.value();
    }
    figures_.checks += static_cast<int64_t>(entries_.size());
    EXPECT_EQ(stored.entries.size(), entries_.size())
        << "acknowledged time entries are missing";
    // A batch in flight commits whole or not at all.
    EXPECT_EQ(in_flight_entries, in_flight_count)
        << "the call in flight committed part of its entries";

    EXPECT_EQ(DiffRollups(stored.rollups, SumRollups(stored.entries)), "")
        << "rollups differ from the sums of the entries after round " << round;
    if (in_flight_found) ++figures_.in_flight_committed;
  }

  struct Figures {
    int64_t acked_tasks = 0;
    int64_t acked_entries = 0;
    int64_t acked_completions = 0;
    int64_t in_flight_committed = 0;  // kills after a commit, before its ack
    int64_t checks = 0;               // entity comparisons, over all rounds
  };
  const Figures& figures() const { return figures_; }

 private:
  std::map<int64_t, ExpectedTask> tasks_;
  std::map<int64_t, ExpectedEntry> entries_;
  Figures figures_;
};

absl::StatusOr<StoreContents> OpenAndRead(const std::string& path,
                                          bool read_only) {
  OpenOptions options;
  options.read_only = read_only;
  absl::StatusOr<std::unique_ptr<Workspace>> ws =
      Workspace::Open(path, options);
  if (!ws.ok()) return ws.status();
  return ReadStoreContents((*ws)->store());
}

TEST(CrashTest, AcknowledgedWritesSurviveSigkill) {
  TempDir dir;
  const std::string path = dir.File("crash.db");
  absl::StatusOr<TestWorkspace> setup = CreateTestWorkspace(path, 0);
  ASSERT_TRUE(setup.ok()) << setup.status();
  absl::StatusOr<StoreContents> initial = OpenAndRead(path, false);
  ASSERT_TRUE(initial.ok()) << initial.status();
  Expected expected(*initial);

  std::mt19937 rng(kSeed);
  int early_kills = 0;
  int64_t acked_calls = 0;
  const absl::Time start = absl::Now();
  for (int round = 1; round <= kRounds; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round, " (seed ", kSeed, ")"));
    const bool early = rng() % 5 == 0;
    const absl::Duration delay = absl::Microseconds(
        static_cast<int64_t>(rng() % (early ? kMaxEarlyDelayUs : kMaxDelayUs)));
    absl::StatusOr<std::unique_ptr<ChildProcess>> child = ChildProcess::Start(
        {WS_RELIABILITY_WRITER, "crash", path, absl::StrCat(round),
         absl::StrCat(setup->owner.value())});
    ASSERT_TRUE(child.ok()) << child.status();
    std::vector<std::string> lines;
    if (early) {
      ++early_kills;
    } else {
      // Not a timing assertion: a bound so that a stuck child fails the
      // test instead of hanging it.
      std::optional<std::string> ready =
          (*child)->ReadLine(absl::Now() + absl::Minutes(2));
      ASSERT_EQ(ready.value_or("(none)"), kReadyLine);
    }
    lines = (*child)->ReadLinesUntil(absl::Now() + delay);
    (*child)->Kill();
    for (std::string& line : (*child)->ReadLinesUntil(absl::InfiniteFuture())) {
      lines.push_back(std::move(line));
    }
    const int status = (*child)->Wait();
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the writer ended on its own: " << DescribeWaitStatus(status);

    int64_t last_seq = 0;
    for (const std::string& line : lines) {
      if (line == kReadyLine) continue;
      absl::StatusOr<Ack> ack = ParseAck(line);
      ASSERT_TRUE(ack.ok()) << ack.status();
      if (ack->seq != last_seq) ++acked_calls;
      last_seq = ack->seq;
      expected.Apply(round, *ack);
    }

    const bool read_only = round % 4 != 0;
    absl::StatusOr<StoreContents> stored = OpenAndRead(path, read_only);
    ASSERT_TRUE(stored.ok()) << stored.status();
    {
      sqlite_test::RawDb raw(path, /*read_only=*/true);
      EXPECT_EQ(raw.QueryText("PRAGMA integrity_check"), "ok");
      EXPECT_EQ(raw.QueryText("PRAGMA foreign_key_check"), "");
    }
    expected.Check(round, last_seq + 1, *stored);
    if (::testing::Test::HasFailure()) return;
  }

  const Expected::Figures& f = expected.figures();
  const std::string summary = absl::StrCat(
      kRounds, " kills survived (", early_kills,
      " timed from the writer's start, not its ready line); ", acked_calls,
      " acknowledged calls checked: ", f.acked_tasks, " tasks created, ",
      f.acked_entries, " time entries, ", f.acked_completions,
      " completions; the call in flight had committed at ",
      f.in_flight_committed, " kills; ", f.checks,
      " entity comparisons after kills; ",
      absl::FormatDuration(absl::Trunc(absl::Now() - start, absl::Seconds(1))));
  std::cout << "crash test: " << summary << std::endl;
  ::testing::Test::RecordProperty("summary", summary);
}

}  // namespace
}  // namespace worksection::reliability
