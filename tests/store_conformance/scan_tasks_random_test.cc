// Seeded randomized differential tests: random tasks, random scans, and
// each store's ScanTasks against brute force over the inserted tasks
// (TaskMatches, sort by (TaskSortKey, id), after, limit), and its
// TallyTasks against sums over the brute force's matches.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "tests/store_conformance/store_test.h"

namespace worksection::conformance {
namespace {

using ::worksection::testing::IsOk;

constexpr uint32_t kSeed = 20240229;

// The seed: kSeed, or $WS_CONFORMANCE_SEED to explore others.
uint32_t Seed() {
  const char* env = std::getenv("WS_CONFORMANCE_SEED");
  uint32_t seed = kSeed;
  if (env != nullptr && !absl::SimpleAtoi(env, &seed)) seed = kSeed;
  return seed;
}
constexpr int kTasks = 300;
constexpr int kScans = 200;

// Words titles and texts are made of: mixed case, non-ASCII, and the
// metacharacters of SQL, LIKE and GLOB.
const std::vector<std::string>& Words() {
  static const auto* words = new std::vector<std::string>{
      "Login", "login", "LOGIN", "page", "Page", "école", "ÉCOLE",  "über",
      "100%",  "50%",   "a_b",   "ab",   "it's", "\"q\"", "back\\", "[x]",
      "*",     "?",     "fix",   "FIX",  "bug",  "Bug",   "日本",   "%_",
  };
  return *words;
}

const std::vector<std::string>& Tags() {
  static const auto* tags = new std::vector<std::string>{
      "red", "Red", "green", "blue", "r%d", "r_d", "a b", "ü"};
  return *tags;
}

// The UTF-8 characters of `s`, each as its bytes.
std::vector<std::string> Utf8Chars(const std::string& s) {
  std::vector<std::string> out;
  for (char c : s) {
    if (out.empty() || (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      out.emplace_back();
    }
    out.back() += c;
  }
  return out;
}

class Random {
 public:
  explicit Random(uint32_t seed) : gen_(seed) {}
  int Int(int lo, int hi) {  // inclusive
    return std::uniform_int_distribution<int>(lo, hi)(gen_);
  }
  bool OneIn(int n) { return Int(1, n) == 1; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Int(0, static_cast<int>(v.size()) - 1)];
  }
  std::string Phrase(int max_words) {
    std::vector<std::string> words;
    const int n = Int(1, max_words);
    for (int i = 0; i < n; ++i) words.push_back(Pick(Words()));
    return absl::StrJoin(words, Int(0, 3) == 0 ? "" : " ");
  }
  absl::CivilDay Day() { return absl::CivilDay(2024, 1, 1) + Int(0, 59); }

 private:
  std::mt19937 gen_;
};

std::string Describe(const TaskScan& s) {
  const TaskFilter& f = s.filter;
  std::string out =
      absl::StrCat("order=", static_cast<int>(f.order), " limit=", s.limit);
  if (f.project) absl::StrAppend(&out, " project=", f.project->value());
  if (f.parent) absl::StrAppend(&out, " parent=", f.parent->value());
  if (f.assignee) absl::StrAppend(&out, " assignee=", f.assignee->value());
  if (f.author) absl::StrAppend(&out, " author=", f.author->value());
  if (f.status) absl::StrAppend(&out, " status=", static_cast<int>(*f.status));
  if (f.tag) absl::StrAppend(&out, " tag=[", *f.tag, "]");
  absl::StrAppend(&out, " priority=", f.min_priority, "..", f.max_priority);
  if (f.deadline_from)
    absl::StrAppend(&out, " from=", absl::FormatCivilTime(*f.deadline_from));
  if (f.deadline_to)
    absl::StrAppend(&out, " to=", absl::FormatCivilTime(*f.deadline_to));
  if (f.overdue_as_of)
    absl::StrAppend(&out,
                    " overdue_as_of=", absl::FormatCivilTime(*f.overdue_as_of));
  if (!f.text_contains.empty())
    absl::StrAppend(&out, " text=[", f.text_contains, "]");
  if (s.projects_in) {
    absl::StrAppend(&out, " projects_in={",
                    absl::StrJoin(*s.projects_in, ",",
                                  [](std::string* o, ProjectId p) {
                                    absl::StrAppend(o, p.value());
                                  }),
                    "}");
  }
  if (!s.include_hidden) absl::StrAppend(&out, " no_hidden");
  if (s.after) {
    absl::StrAppend(&out, " after=(", s.after->key, ",", s.after->id.value(),
                    ")");
  }
  return out;
}

std::vector<TaskId> BruteForce(const std::vector<Task>& tasks,
                               const TaskScan& scan) {
  std::vector<std::tuple<int64_t, TaskId>> hits;
  for (const Task& t : tasks) {
    if (!TaskMatches(t, scan)) continue;
    hits.emplace_back(TaskSortKey(t, scan.filter.order), t.id);
  }
  std::sort(hits.begin(), hits.end());
  std::vector<TaskId> out;
  for (const auto& [key, id] : hits) {
    if (scan.after && std::make_tuple(key, id) <=
                          std::make_tuple(scan.after->key, scan.after->id)) {
      continue;
    }
    if (out.size() >= static_cast<size_t>(scan.limit)) break;
    out.push_back(id);
  }
  return out;
}

class ScanTasksRandomTest : public StoreTest {
 protected:
  // Stores 6 members, 5 projects and kTasks random tasks, kept in
  // members_, projects_ and tasks_ (as inserted, with their ids).
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_THAT(
        InWrite([&](Transaction& tx) {
          for (int i = 0; i < 6; ++i) {
            absl::StatusOr<MemberId> m =
                tx.InsertMember(SimpleMember(absl::StrCat("m", i, "@x")));
            if (!m.ok()) return m.status();
            members_.push_back(*m);
          }
          for (int i = 0; i < 5; ++i) {
            absl::StatusOr<ProjectId> p =
                tx.InsertProject(SimpleProject(absl::StrCat("P", i)));
            if (!p.ok()) return p.status();
            projects_.push_back(*p);
          }
          for (int i = 0; i < kTasks; ++i) {
            const ProjectId project = rnd_.Pick(projects_);
            const MemberId author = rnd_.Pick(members_);
            Task t = SimpleTask(project, author, rnd_.Phrase(4));
            // A parent in the same project, a third of the time.
            if (!tasks_.empty() && rnd_.OneIn(3)) {
              const Task& parent =
                  tasks_[rnd_.Int(0, static_cast<int>(tasks_.size()) - 1)];
              t.parent = parent.id;
              t.project = parent.project;
            }
            if (!rnd_.OneIn(3)) t.text = rnd_.Phrase(8);
            if (!rnd_.OneIn(4)) t.assignee = rnd_.Pick(members_);
            t.priority = rnd_.Int(0, 10);
            t.status = rnd_.OneIn(3) ? TaskStatus::kDone : TaskStatus::kOpen;
            if (!rnd_.OneIn(4)) {
              Deadline d{rnd_.Day(), std::nullopt};
              switch (rnd_.Int(0, 3)) {
                case 0:
                  break;
                case 1:
                  d.minute_of_day = 0;
                  break;
                case 2:
                  d.minute_of_day = 1439;
                  break;
                default:
                  d.minute_of_day = rnd_.Int(0, 1439);
              }
              t.deadline = d;
            }
            for (const std::string& tag : Tags()) {
              if (rnd_.OneIn(4)) t.tags.push_back(tag);
            }
            std::sort(t.tags.begin(), t.tags.end());
            t.hidden_from_clients = rnd_.OneIn(4);
            if (rnd_.OneIn(2)) t.estimate = absl::Minutes(rnd_.Int(0, 600));
            t.updated_at = t.created_at + absl::Seconds(rnd_.Int(0, 1000000));
            absl::StatusOr<TaskId> id = tx.InsertTask(t);
            if (!id.ok()) return id.status();
            t.id = *id;
            tasks_.push_back(t);
          }
          return absl::OkStatus();
        }),
        IsOk());
  }

  // A scan with random conditions over the stored tasks.
  TaskScan RandomScan() {
    const std::vector<MemberId>& members = members_;
    const std::vector<ProjectId>& projects = projects_;
    const std::vector<Task>& tasks = tasks_;
    TaskScan scan;
    TaskFilter& f = scan.filter;
    if (rnd_.OneIn(4)) {
      f.project = rnd_.OneIn(10) ? ProjectId(999) : rnd_.Pick(projects);
    }
    if (rnd_.OneIn(6)) f.parent = rnd_.Pick(tasks).id;
    if (rnd_.OneIn(5)) f.assignee = rnd_.Pick(members);
    if (rnd_.OneIn(5)) f.author = rnd_.Pick(members);
    if (rnd_.OneIn(4)) {
      f.status = rnd_.OneIn(2) ? TaskStatus::kOpen : TaskStatus::kDone;
    }
    if (rnd_.OneIn(4)) f.tag = rnd_.OneIn(8) ? "%" : rnd_.Pick(Tags());
    if (rnd_.OneIn(4)) {
      f.min_priority = rnd_.Int(0, 10);
      f.max_priority = rnd_.Int(0, 10);
      if (!rnd_.OneIn(6) && f.min_priority > f.max_priority) {
        std::swap(f.min_priority, f.max_priority);
      }
    }
    if (rnd_.OneIn(4)) f.deadline_from = rnd_.Day();
    if (rnd_.OneIn(4)) f.deadline_to = rnd_.Day();
    if (rnd_.OneIn(5)) f.overdue_as_of = rnd_.Day();
    if (rnd_.OneIn(4)) {
      // A whole word, or a piece of one cut at character boundaries (the
      // core admits only valid UTF-8).
      const std::vector<std::string> chars = Utf8Chars(rnd_.Pick(Words()));
      const int n = static_cast<int>(chars.size());
      const int from = rnd_.OneIn(2) ? 0 : rnd_.Int(0, n - 1);
      const int len = rnd_.OneIn(2) ? n - from : rnd_.Int(1, n - from);
      for (int c = from; c < from + len; ++c) f.text_contains += chars[c];
    }
    if (rnd_.OneIn(5)) {
      std::vector<ProjectId> in;
      for (ProjectId p : projects) {
        if (rnd_.OneIn(2)) in.push_back(p);
      }
      scan.projects_in = in;  // possibly empty
    }
    scan.include_hidden = !rnd_.OneIn(3);
    f.order = static_cast<TaskOrder>(rnd_.Int(0, 2));
    switch (rnd_.Int(0, 3)) {
      case 0:
        scan.limit = 1000;
        break;
      case 1:
        scan.limit = rnd_.Int(1, 5);
        break;
      default:
        scan.limit = rnd_.Int(1, 60);
    }
    if (rnd_.OneIn(2)) {
      const Task& at = rnd_.Pick(tasks);
      scan.after = TaskSortPosition{TaskSortKey(at, f.order), at.id};
    }
    return scan;
  }

  Random rnd_{Seed()};
  std::vector<MemberId> members_;
  std::vector<ProjectId> projects_;
  std::vector<Task> tasks_;
};
WS_INSTANTIATE_STORE_TEST(ScanTasksRandomTest);

TEST_P(ScanTasksRandomTest, MatchesBruteForce) {
  SCOPED_TRACE(absl::StrCat("seed ", Seed()));

  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  int non_empty = 0;
  for (int i = 0; i < kScans; ++i) {
    const TaskScan scan = RandomScan();
    SCOPED_TRACE(absl::StrCat("scan #", i, ": ", Describe(scan)));
    const std::vector<TaskId> want = BruteForce(tasks_, scan);
    if (!want.empty()) ++non_empty;
    WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> got_tasks, tx->ScanTasks(scan));
    std::vector<TaskId> got;
    for (const Task& t : got_tasks) got.push_back(t.id);
    EXPECT_EQ(got, want);
  }
  // The generator must exercise real results, not mostly empty ones.
  EXPECT_GT(non_empty, kScans / 3);
}

// The sums TallyTasks must return, from the brute force's matches.
std::vector<TaskTally> ExpectedTally(const std::vector<Task>& tasks,
                                     const TaskTallyScan& tally) {
  std::map<int64_t, TaskTally> rows;
  std::map<int64_t, std::vector<const Task*>> due;  // open, with a deadline
  for (const Task& t : tasks) {
    if (!TaskMatches(t, tally.scan)) continue;
    const int64_t key = tally.by == TaskTallyKey::kProject ? t.project.value()
                                                           : t.assignee.value();
    TaskTally& row = rows[key];
    row.key = key;
    if (t.updated_at > row.last_update) row.last_update = t.updated_at;
    row.estimate += t.estimate.value_or(absl::ZeroDuration());
    if (t.status == TaskStatus::kDone) {
      ++row.done;
      row.estimate_done += t.estimate.value_or(absl::ZeroDuration());
      continue;
    }
    ++row.open;
    if (!t.deadline) continue;
    if (TaskSortKey(t, TaskOrder::kDeadline) < tally.late_before_key) {
      ++row.late;
    }
    due[key].push_back(&t);
  }
  for (auto& [key, list] : due) {
    const Task* first = *std::min_element(
        list.begin(), list.end(), [](const Task* a, const Task* b) {
          return std::make_pair(TaskSortKey(*a, TaskOrder::kDeadline), a->id) <
                 std::make_pair(TaskSortKey(*b, TaskOrder::kDeadline), b->id);
        });
    rows[key].first_due = first->id;
    rows[key].first_due_deadline = first->deadline;
  }
  std::vector<TaskTally> out;
  for (const auto& [key, row] : rows) out.push_back(row);
  return out;
}

std::string Show(const std::vector<TaskTally>& tallies) {
  std::string out;
  for (const TaskTally& t : tallies) {
    absl::StrAppend(
        &out, "key ", t.key, ": open ", t.open, " done ", t.done, " late ",
        t.late, " estimate ", absl::FormatDuration(t.estimate), " done ",
        absl::FormatDuration(t.estimate_done), " updated ",
        absl::FormatTime(t.last_update), " first due ", t.first_due.value());
    if (t.first_due_deadline) {
      absl::StrAppend(&out, " on ",
                      absl::FormatCivilTime(t.first_due_deadline->day), " ",
                      t.first_due_deadline->minute_of_day.value_or(-1));
    }
    out += "\n";
  }
  return out;
}

TEST_P(ScanTasksRandomTest, TallyMatchesSumsOverTheBruteForce) {
  SCOPED_TRACE(absl::StrCat("seed ", Seed()));
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  int with_late = 0;
  for (int i = 0; i < kScans; ++i) {
    TaskTallyScan tally;
    tally.scan = RandomScan();
    tally.by = rnd_.OneIn(2) ? TaskTallyKey::kProject : TaskTallyKey::kAssignee;
    // A moment within the tasks' deadlines, at a minute or a day's end.
    Deadline now{rnd_.Day(), std::nullopt};
    if (!rnd_.OneIn(3)) now.minute_of_day = rnd_.Int(0, 1439);
    tally.late_before_key = DeadlineKey(now);
    SCOPED_TRACE(absl::StrCat("scan #", i, ": ", Describe(tally.scan), " by ",
                              static_cast<int>(tally.by)));
    const std::vector<TaskTally> want = ExpectedTally(tasks_, tally);
    for (const TaskTally& t : want) with_late += t.late > 0;
    WS_ASSERT_OK_AND_ASSIGN(std::vector<TaskTally> got, tx->TallyTasks(tally));
    EXPECT_EQ(Show(got), Show(want));
  }
  EXPECT_GT(with_late, kScans / 4);
}

}  // namespace
}  // namespace worksection::conformance
