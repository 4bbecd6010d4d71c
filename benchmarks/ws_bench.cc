// worksection benchmarks (issue 8): each library operation beside a raw
// SQLite baseline in the same binary, on the same data, with the same
// durability (WAL, synchronous=FULL: the library's default; the single
// writes also at NORMAL), and the same operations through the C API.
//
// Sizes: WS_BENCH_SIZES="10000,100000,1000000" (default 10000).
// WS_BENCH_ONCE=1 runs every benchmark once (the smoke test's mode).
// Files: WS_BENCH_DIR (default $TMPDIR/worksection-bench); every store is
// rebuilt.
//
// Benchmark names are "<item>/<lib|raw|capi>[/<size>]"; scripts/bench
// (benchmarks/targets.py) pairs them.
//
// The data shape (the same for library and raw): one year (2025) of time
// by M members (N / 1460, clamped to 10..1000), 4 entries a member-day on
// two tasks in two projects (M / 5 projects, 40 tasks each), 40-byte
// notes. Tasks (item 4): N tasks over 20 projects and 50 assignees,
// deadlines spread over 2025, those due before 2025-07-01 mostly done, so
// ~2.5% are overdue open tasks.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/c.h"
#include "worksection/worksection.h"

namespace ws = worksection;
namespace fs = std::filesystem;

namespace {

// ------------------------------------------------------------- helpers

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "ws_bench: %s\n", what.c_str());
  std::abort();
}

template <typename T>
T Check(absl::StatusOr<T> v, const char* what) {
  if (!v.ok()) Die(absl::StrCat(what, ": ", v.status().ToString()));
  return *std::move(v);
}
void Check(const absl::Status& s, const char* what) {
  if (!s.ok()) Die(absl::StrCat(what, ": ", s.ToString()));
}

std::string Dir() {
  const char* d = std::getenv("WS_BENCH_DIR");
  // Never the working directory: a bare run must not write into a checkout.
  std::string dir =
      d && *d ? d : (fs::temp_directory_path() / "worksection-bench").string();
  fs::create_directories(dir);
  return dir;
}

void RemoveDb(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    fs::remove(path + suffix, ec);
  }
}

// Bytes on disk by table or index (SQLite's dbstat: every page, free space
// included), of a file with no connection open on it.
std::map<std::string, int64_t> BytesByObject(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) Die("open " + path);
  std::map<std::string, int64_t> bytes;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name",
                         -1, &st, nullptr) == SQLITE_OK) {
    while (sqlite3_step(st) == SQLITE_ROW) {
      bytes[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] =
          sqlite3_column_int64(st, 1);
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return bytes;
}

// The file's size once its WAL is checkpointed into it (no connection may
// be open on it).
int64_t CheckpointedSize(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) Die("open " + path);
  sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr,
               nullptr);
  sqlite3_close(db);
  struct stat st;
  if (stat(path.c_str(), &st) != 0) Die("stat " + path);
  return static_cast<int64_t>(st.st_size);
}

const absl::CivilDay kYearStart(2025, 1, 1);
const absl::CivilDay kYearEnd(2025, 12, 31);
const absl::CivilDay kOverdueAsOf(2025, 7, 1);
constexpr int kTasksPerProject = 40;
constexpr int kTaskProjects = 20;
constexpr int kAssignees = 50;
// Tasks per transaction when building the task stores.
constexpr int64_t kChunk = 10000;
// Entries per import transaction (one LogTimeBatch; one raw transaction):
// WS_BENCH_IMPORT_BATCH, default the whole import in one transaction.
int64_t ImportBatch(int64_t n) {
  const char* env = std::getenv("WS_BENCH_IMPORT_BATCH");
  int64_t batch = 0;
  if (env == nullptr || !absl::SimpleAtoi(env, &batch) || batch <= 0) {
    return n;
  }
  return batch;
}

int64_t DayCode(absl::CivilDay d) { return d - absl::CivilDay(1970, 1, 1); }

// ------------------------------------------------------------ raw SQLite

class RawDb {
 public:
  explicit RawDb(const std::string& path, bool normal_sync = false) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) Die("open " + path);
    Exec("PRAGMA journal_mode = WAL");
    Exec(normal_sync ? "PRAGMA synchronous = NORMAL"
                     : "PRAGMA synchronous = FULL");
    // The library's writer cache, so neither side wins by memory alone.
    Exec("PRAGMA cache_size = -32768");
  }
  sqlite3* db() { return db_; }
  ~RawDb() {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    sqlite3_close(db_);
  }
  void Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      Die(absl::StrCat(sql, ": ", err ? err : "?"));
    }
  }
  // A cached prepared statement, reset and unbound.
  sqlite3_stmt* Prepare(const std::string& sql) {
    sqlite3_stmt*& st = cache_[sql];
    if (st == nullptr) {
      if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT,
                             &st, nullptr) != SQLITE_OK) {
        Die(absl::StrCat(sql, ": ", sqlite3_errmsg(db_)));
      }
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return st;
  }
  void Done(sqlite3_stmt* st) {
    if (sqlite3_step(st) != SQLITE_DONE) Die(sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*> cache_;
};

// Of similar shape to the library's time_entries and tasks; no foreign keys,
// no secondary index unless a query needs one.
constexpr char kRawTimeTable[] = R"sql(
CREATE TABLE IF NOT EXISTS time_entries (
  id INTEGER PRIMARY KEY, revision INTEGER NOT NULL,
  task_id INTEGER NOT NULL, project_id INTEGER NOT NULL,
  member_id INTEGER NOT NULL, day INTEGER NOT NULL, start INTEGER,
  seconds INTEGER NOT NULL, billed_seconds INTEGER NOT NULL,
  billable INTEGER NOT NULL, note TEXT NOT NULL, billing_rate INTEGER,
  cost_rate INTEGER, billed_amount INTEGER, labour_cost INTEGER,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) STRICT)sql";
constexpr char kRawTimeInsert[] =
    "INSERT INTO time_entries (revision, task_id, project_id, member_id, "
    "day, start, seconds, billed_seconds, billable, note, billing_rate, "
    "cost_rate, billed_amount, labour_cost, created_at, updated_at) VALUES "
    "(1, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kRawTaskTable[] = R"sql(
CREATE TABLE IF NOT EXISTS tasks (
  id INTEGER PRIMARY KEY, revision INTEGER NOT NULL,
  project_id INTEGER NOT NULL, parent_id INTEGER, title TEXT NOT NULL,
  text TEXT NOT NULL, author_id INTEGER, assignee_id INTEGER,
  priority INTEGER NOT NULL, status INTEGER NOT NULL, start_day INTEGER,
  deadline_day INTEGER, deadline_minute INTEGER, estimate_s INTEGER,
  completion_note TEXT NOT NULL, completed_at INTEGER,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) STRICT)sql";
constexpr char kRawTaskInsert[] =
    "INSERT INTO tasks (revision, project_id, parent_id, title, text, "
    "author_id, assignee_id, priority, status, start_day, deadline_day, "
    "deadline_minute, estimate_s, completion_note, completed_at, created_at, "
    "updated_at) VALUES (1, ?, NULL, ?, '', 1, ?, 5, ?, NULL, ?, NULL, NULL, "
    "'', ?, ?, ?)";

// ------------------------------------------------------------ the data

struct Shape {
  int64_t n = 0;
  int members = 0;
  int projects = 0;
};

Shape ShapeOf(int64_t n) {
  Shape s;
  s.n = n;
  s.members = static_cast<int>(std::clamp<int64_t>(n / (365 * 4), 10, 1000));
  s.projects = std::max(2, s.members / 5);
  return s;
}

// Entry i of the time data, by indexes into the world.
struct EntrySpec {
  int member;
  int project;
  int task;  // within the project
  absl::CivilDay day;
  int64_t seconds;
  bool billable;
  std::string note;  // 40 bytes
};

EntrySpec Entry(const Shape& sh, int64_t i) {
  const int64_t slot = i / 4;
  const int k = static_cast<int>(i % 4);
  EntrySpec e;
  e.member = static_cast<int>(slot % sh.members);
  const int64_t day = (slot / sh.members) % 365;
  e.day = kYearStart + day;
  e.project = (e.member + (k % 2)) % sh.projects;
  e.task = static_cast<int>((e.member + day / 7) % kTasksPerProject);
  e.seconds = (1 + (i * 37) % 16) * 15 * 60;
  e.billable = i % 5 != 0;
  e.note = absl::StrFormat("entry %034d", i);
  return e;
}

// A library workspace with the members, projects and tasks of a shape.
struct LibWorld {
  std::string path;
  std::unique_ptr<ws::Workspace> workspace;
  ws::MemberId owner;
  std::vector<ws::MemberId> members;
  std::vector<ws::ProjectId> projects;
  std::vector<std::vector<ws::TaskId>> tasks;  // by project
  ws::Session session() { return workspace->As(owner); }
};

std::unique_ptr<ws::Workspace> OpenLib(const std::string& path, bool create,
                                       bool normal_sync = false) {
  ws::OpenOptions o;
  if (create) {
    ws::WorkspaceSetup setup;
    setup.name = "bench";
    setup.owner_name = "Owner";
    setup.owner_email = "owner@bench.example";
    o.create = setup;
  }
  return Check(ws::Workspace::Open(
                   absl::StrCat("sqlite:", path,
                                normal_sync ? "?synchronous=normal" : ""),
                   o),
               "open");
}

// Members in two projects each (m % P and (m + 1) % P), 40 tasks a project,
// created in one transaction.
std::unique_ptr<LibWorld> MakeLibWorld(const std::string& path, int members,
                                       int projects, int tasks_per_project,
                                       bool normal_sync = false) {
  RemoveDb(path);
  auto w = std::make_unique<LibWorld>();
  w->path = path;
  w->workspace = OpenLib(path, true, normal_sync);
  w->owner = Check(w->workspace->FirstOwner(), "owner").id;
  ws::Session s = w->session();
  auto tx = Check(s.BeginTransaction(), "begin");
  ws::Session& t = tx->session();
  for (int m = 0; m < members; ++m) {
    ws::Member mem;
    mem.name = absl::StrCat("Member ", m);
    mem.email = absl::StrCat("m", m, "@bench.example");
    mem.cost_rate = 4000;
    mem.billing_rate = 10000;
    w->members.push_back(Check(t.CreateMember(mem), "member").id);
  }
  for (int p = 0; p < projects; ++p) {
    ws::Project pr;
    pr.name = absl::StrCat("Project ", p);
    pr.billing_rate = 12000;
    for (int m = 0; m < members; ++m) {
      if (m % projects == p || (m + 1) % projects == p) {
        pr.members.push_back({w->members[static_cast<size_t>(m)],
                              ws::ProjectRole::kMember, std::nullopt});
      }
    }
    w->projects.push_back(Check(t.CreateProject(pr), "project").id);
  }
  w->tasks.resize(static_cast<size_t>(projects));
  for (int p = 0; p < projects; ++p) {
    for (int k = 0; k < tasks_per_project; ++k) {
      ws::Task task;
      task.project = w->projects[static_cast<size_t>(p)];
      task.title = absl::StrCat("Task ", p, ".", k);
      w->tasks[static_cast<size_t>(p)].push_back(
          Check(t.CreateTask(task), "task").id);
    }
  }
  Check(tx->Commit(), "commit");
  return w;
}

ws::TimeLog LogOf(const LibWorld& w, const EntrySpec& e) {
  ws::TimeLog log;
  log.task =
      w.tasks[static_cast<size_t>(e.project)][static_cast<size_t>(e.task)];
  log.member = w.members[static_cast<size_t>(e.member)];
  log.date = e.day;
  log.duration = absl::Seconds(e.seconds);
  log.billable = e.billable;
  log.note = e.note;
  return log;
}

void LibImport(LibWorld& w, const Shape& sh) {
  ws::Session s = w.session();
  std::vector<ws::TimeLog> logs;
  const int64_t batch = ImportBatch(sh.n);
  for (int64_t i = 0; i < sh.n; i += batch) {
    logs.clear();
    for (int64_t j = i; j < std::min(sh.n, i + batch); ++j) {
      logs.push_back(LogOf(w, Entry(sh, j)));
    }
    Check(s.LogTimeBatch(logs), "LogTimeBatch");
  }
}

// The raw rows carry the same values the library stores (ids as the
// library assigns them: members 2.., projects 1.., tasks by project).
void RawInsertEntry(RawDb& db, sqlite3_stmt* st, const Shape& sh,
                    const EntrySpec& e) {
  const int64_t task = 1 + e.project * kTasksPerProject + e.task;
  const int64_t billed = e.billable ? e.seconds * 12000 / 3600 : 0;
  sqlite3_bind_int64(st, 1, task);
  sqlite3_bind_int64(st, 2, e.project + 1);
  sqlite3_bind_int64(st, 3, e.member + 2);
  sqlite3_bind_int64(st, 4, DayCode(e.day));
  sqlite3_bind_int64(st, 5, e.seconds);
  sqlite3_bind_int64(st, 6, e.seconds);
  sqlite3_bind_int64(st, 7, e.billable ? 1 : 0);
  sqlite3_bind_text(st, 8, e.note.data(), static_cast<int>(e.note.size()),
                    SQLITE_STATIC);
  sqlite3_bind_int64(st, 9, 12000);
  sqlite3_bind_int64(st, 10, 4000);
  sqlite3_bind_int64(st, 11, billed);
  sqlite3_bind_int64(st, 12, e.seconds * 4000 / 3600);
  sqlite3_bind_int64(st, 13, 1700000000000000);
  sqlite3_bind_int64(st, 14, 1700000000000000);
  db.Done(st);
}

void RawImport(RawDb& db, const Shape& sh) {
  const int64_t batch = ImportBatch(sh.n);
  for (int64_t i = 0; i < sh.n; i += batch) {
    db.Exec("BEGIN IMMEDIATE");
    sqlite3_stmt* st = db.Prepare(kRawTimeInsert);
    for (int64_t j = i; j < std::min(sh.n, i + batch); ++j) {
      sqlite3_reset(st);
      RawInsertEntry(db, st, sh, Entry(sh, j));
    }
    db.Exec("COMMIT");
  }
}

// Stores of N time entries, built by the import benchmarks (or on demand).
std::map<int64_t, std::unique_ptr<LibWorld>> lib_time;
std::map<int64_t, std::unique_ptr<RawDb>> raw_time;
std::map<int64_t, std::string> raw_time_path;

std::string LibTimePath(int64_t n) {
  return absl::StrCat(Dir(), "/lib_time_", n, ".db");
}
std::string RawTimePath(int64_t n) {
  return absl::StrCat(Dir(), "/raw_time_", n, ".db");
}

// Item 1 + 7: imports N entries into a fresh store; reports bytes per entry.
void BM_ImportLib(benchmark::State& state) {
  const Shape sh = ShapeOf(state.range(0));
  const std::string path = LibTimePath(sh.n);
  int64_t before = 0, after = 0;
  for (auto _ : state) {
    state.PauseTiming();
    lib_time.erase(sh.n);
    auto w = MakeLibWorld(path, sh.members, sh.projects, kTasksPerProject);
    w->workspace.reset();
    before = CheckpointedSize(path);
    w->workspace = OpenLib(path, false);
    state.ResumeTiming();
    LibImport(*w, sh);
    state.PauseTiming();
    w->workspace.reset();
    after = CheckpointedSize(path);
    w->workspace = OpenLib(path, false);
    lib_time[sh.n] = std::move(w);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * sh.n);
  state.counters["bytes_per_entry"] =
      static_cast<double>(after - before) / static_cast<double>(sh.n);
  // Where the bytes go (docs/performance.md's breakdown): per entry, by
  // table and index, of the objects that grow with the entries.
  lib_time[sh.n]->workspace.reset();
  for (const auto& [name, bytes] : BytesByObject(path)) {
    if (bytes * 100 < after) continue;  // the members, projects, tasks...
    state.counters[absl::StrCat("bytes_per_entry.", name)] =
        static_cast<double>(bytes) / static_cast<double>(sh.n);
  }
  lib_time[sh.n]->workspace = OpenLib(path, false);
}

// The four secondary indexes the library keeps on its entries (see
// src/store/sqlite/schema.cc): the raw import with them shows what they
// cost by themselves, apart from the library's own work.
constexpr char kLibraryTimeIndexes[] = R"sql(
CREATE INDEX te_by_project_day ON time_entries(project_id, day);
CREATE INDEX te_by_member_day ON time_entries(member_id, day);
CREATE INDEX te_by_task_day ON time_entries(task_id, day);
CREATE INDEX te_by_day ON time_entries(day);
)sql";

void ImportRaw(benchmark::State& state, bool library_indexes) {
  const Shape sh = ShapeOf(state.range(0));
  const std::string path = RawTimePath(sh.n);
  int64_t after = 0;
  for (auto _ : state) {
    state.PauseTiming();
    raw_time.erase(sh.n);
    RemoveDb(path);
    auto db = std::make_unique<RawDb>(path);
    db->Exec(kRawTimeTable);
    if (library_indexes) db->Exec(kLibraryTimeIndexes);
    state.ResumeTiming();
    RawImport(*db, sh);
    state.PauseTiming();
    db.reset();
    after = CheckpointedSize(path);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * sh.n);
  state.counters["bytes_per_entry"] =
      static_cast<double>(after) / static_cast<double>(sh.n);
}

void BM_ImportRaw(benchmark::State& state) { ImportRaw(state, false); }
void BM_ImportRawIndexed(benchmark::State& state) { ImportRaw(state, true); }

LibWorld& LibTime(int64_t n) {
  auto& w = lib_time[n];
  if (!w) {
    const Shape sh = ShapeOf(n);
    w = MakeLibWorld(LibTimePath(n), sh.members, sh.projects, kTasksPerProject);
    LibImport(*w, sh);
  }
  return *w;
}

// The raw store for reports: the plain table plus the best covering indexes
// for the year (grouped scan, no sort) and for a month (a day-range seek).
RawDb& RawTime(int64_t n) {
  auto& db = raw_time[n];
  if (!db) {
    const std::string path = RawTimePath(n);
    const Shape sh = ShapeOf(n);
    RemoveDb(path);
    db = std::make_unique<RawDb>(path);
    db->Exec(kRawTimeTable);
    RawImport(*db, sh);
    db->Exec(
        "CREATE INDEX te_pmd ON time_entries(project_id, member_id, day, "
        "seconds, billable, billed_seconds, billed_amount, labour_cost)");
    db->Exec(
        "CREATE INDEX te_dpm ON time_entries(day, project_id, member_id, "
        "seconds, billable, billed_seconds, billed_amount, labour_cost)");
    db->Exec("ANALYZE");
  }
  return *db;
}

ws::TimeReportQuery ReportQuery(absl::CivilDay from, absl::CivilDay to) {
  ws::TimeReportQuery q;
  q.from = from;
  q.to = to;
  q.group_by = {ws::ReportGroup::kProject, ws::ReportGroup::kMember};
  return q;
}

struct RawReportRow {
  int64_t project, member, seconds, billable_seconds, billed, labour, count;
};

std::vector<RawReportRow> RawReport(RawDb& db, absl::CivilDay from,
                                    absl::CivilDay to, const char* index) {
  sqlite3_stmt* st = db.Prepare(absl::StrCat(
      "SELECT project_id, member_id, SUM(seconds), "
      "SUM(CASE WHEN billable THEN billed_seconds ELSE 0 END), "
      "SUM(billed_amount), SUM(labour_cost), COUNT(*) FROM time_entries "
      "INDEXED BY ",
      index,
      " WHERE day BETWEEN ? AND ? GROUP BY project_id, member_id "
      "ORDER BY project_id, member_id"));
  sqlite3_bind_int64(st, 1, DayCode(from));
  sqlite3_bind_int64(st, 2, DayCode(to));
  std::vector<RawReportRow> rows;
  while (sqlite3_step(st) == SQLITE_ROW) {
    rows.push_back({sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                    sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
                    sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5),
                    sqlite3_column_int64(st, 6)});
  }
  return rows;
}

// Item 3: the report over [from, to], library vs raw; checks they agree.
void ReportLib(benchmark::State& state, absl::CivilDay from,
               absl::CivilDay to) {
  const int64_t n = state.range(0);
  LibWorld& w = LibTime(n);
  ws::Session s = w.session();
  const ws::TimeReportQuery q = ReportQuery(from, to);
  const ws::TimeReport first = Check(s.RunTimeReport(q), "report");
  int64_t raw_seconds = 0;
  for (const RawReportRow& r : RawReport(RawTime(n), from, to, "te_dpm")) {
    raw_seconds += r.seconds;
  }
  if (first.total.seconds != raw_seconds) {
    Die(absl::StrCat("report totals differ: lib ", first.total.seconds, " raw ",
                     raw_seconds));
  }
  for (auto _ : state) {
    ws::TimeReport r = Check(s.RunTimeReport(q), "report");
    benchmark::DoNotOptimize(r);
  }
  state.counters["rows"] = static_cast<double>(first.rows.size());
}

void ReportRaw(benchmark::State& state, absl::CivilDay from, absl::CivilDay to,
               const char* index) {
  RawDb& db = RawTime(state.range(0));
  size_t rows = 0;
  for (auto _ : state) {
    std::vector<RawReportRow> r = RawReport(db, from, to, index);
    rows = r.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["rows"] = static_cast<double>(rows);
}

void BM_ReportYearLib(benchmark::State& st) {
  ReportLib(st, kYearStart, kYearEnd);
}
void BM_ReportYearRaw(benchmark::State& st) {
  ReportRaw(st, kYearStart, kYearEnd, "te_pmd");
}
void BM_ReportMonthLib(benchmark::State& st) {
  ReportLib(st, absl::CivilDay(2025, 6, 1), absl::CivilDay(2025, 6, 30));
}
void BM_ReportMonthRaw(benchmark::State& st) {
  ReportRaw(st, absl::CivilDay(2025, 6, 1), absl::CivilDay(2025, 6, 30),
            "te_dpm");
}

// ------------------------------------------- item 4: overdue of an assignee

struct TaskSpec {
  int project, assignee;
  absl::CivilDay deadline;
  bool done;
};

TaskSpec TaskOf(int64_t i) {
  TaskSpec t;
  t.project = static_cast<int>(i % kTaskProjects);
  t.assignee = static_cast<int>((i / kTaskProjects) % kAssignees);
  t.deadline = kYearStart + (i * 7919) % 365;
  t.done = t.deadline < kOverdueAsOf && i % 20 != 0;
  return t;
}

std::map<int64_t, std::unique_ptr<LibWorld>> lib_tasks;
// Item 7 for tasks: the bytes the N tasks added to each store's file, set
// as the stores are built; the library's also by table and index ("" is
// the whole file).
std::map<int64_t, std::map<std::string, int64_t>> lib_task_bytes;
std::map<int64_t, int64_t> raw_task_bytes;
std::map<int64_t, std::unique_ptr<RawDb>> raw_tasks;

LibWorld& LibTasks(int64_t n) {
  auto& w = lib_tasks[n];
  if (w) return *w;
  // Every assignee in every project; the tasks come below.
  w = MakeLibWorld(absl::StrCat(Dir(), "/lib_tasks_", n, ".db"), kAssignees, 1,
                   0);
  ws::Session s = w->session();
  {
    auto tx = Check(s.BeginTransaction(), "begin");
    for (int p = 1; p < kTaskProjects; ++p) {
      ws::Project pr;
      pr.name = absl::StrCat("Project ", p);
      for (ws::MemberId m : w->members) {
        pr.members.push_back({m, ws::ProjectRole::kMember, std::nullopt});
      }
      w->projects.push_back(
          Check(tx->session().CreateProject(pr), "project").id);
    }
    Check(tx->Commit(), "commit");
  }
  w->workspace.reset();
  const int64_t before = CheckpointedSize(w->path);
  const std::map<std::string, int64_t> objects_before = BytesByObject(w->path);
  w->workspace = OpenLib(w->path, false);
  s = w->session();
  for (int64_t i = 0; i < n; i += kChunk) {
    auto tx = Check(s.BeginTransaction(), "begin");
    for (int64_t j = i; j < std::min(n, i + kChunk); ++j) {
      const TaskSpec spec = TaskOf(j);
      ws::Task t;
      t.project = w->projects[static_cast<size_t>(spec.project)];
      t.title = absl::StrCat("Task ", j);
      t.assignee = w->members[static_cast<size_t>(spec.assignee)];
      t.deadline = ws::Deadline{spec.deadline, std::nullopt};
      const ws::Task made = Check(tx->session().CreateTask(t), "task");
      if (spec.done) Check(tx->session().CompleteTask(made.id), "complete");
    }
    Check(tx->Commit(), "commit");
  }
  w->workspace.reset();
  std::map<std::string, int64_t>& bytes = lib_task_bytes[n];
  const int64_t total = CheckpointedSize(w->path) - before;
  bytes[""] = total;
  for (const auto& [name, size] : BytesByObject(w->path)) {
    const auto old = objects_before.find(name);
    const int64_t added =
        size - (old == objects_before.end() ? 0 : old->second);
    if (added * 100 >= total) bytes[name] = added;  // the members, ...
  }
  w->workspace = OpenLib(w->path, false);
  return *w;
}

RawDb& RawTasks(int64_t n) {
  auto& db = raw_tasks[n];
  if (db) return *db;
  const std::string path = absl::StrCat(Dir(), "/raw_tasks_", n, ".db");
  RemoveDb(path);
  db = std::make_unique<RawDb>(path);
  db->Exec(kRawTaskTable);
  db->Exec(
      "CREATE INDEX tasks_by_assignee ON tasks(assignee_id, status, "
      "deadline_day)");
  db.reset();
  const int64_t before = CheckpointedSize(path);
  db = std::make_unique<RawDb>(path);
  for (int64_t i = 0; i < n; i += kChunk) {
    db->Exec("BEGIN IMMEDIATE");
    for (int64_t j = i; j < std::min(n, i + kChunk); ++j) {
      const TaskSpec spec = TaskOf(j);
      sqlite3_stmt* st = db->Prepare(kRawTaskInsert);
      const std::string title = absl::StrCat("Task ", j);
      sqlite3_bind_int64(st, 1, spec.project + 1);
      sqlite3_bind_text(st, 2, title.data(), static_cast<int>(title.size()),
                        SQLITE_TRANSIENT);
      sqlite3_bind_int64(st, 3, spec.assignee + 2);
      sqlite3_bind_int64(st, 4, spec.done ? 2 : 1);
      sqlite3_bind_int64(st, 5, DayCode(spec.deadline));
      if (spec.done) sqlite3_bind_int64(st, 6, 1700000000000000);
      sqlite3_bind_int64(st, 7, 1700000000000000);
      sqlite3_bind_int64(st, 8, 1700000000000000);
      db->Done(st);
    }
    db->Exec("COMMIT");
  }
  db->Exec("ANALYZE");
  db.reset();
  raw_task_bytes[n] = CheckpointedSize(path) - before;
  db = std::make_unique<RawDb>(path);
  return *db;
}

struct RawTask {
  int64_t id, project, assignee, priority, status, deadline;
  std::string title, text;
};

std::vector<RawTask> RawOverdue(RawDb& db, int64_t assignee) {
  sqlite3_stmt* st = db.Prepare(
      "SELECT id, project_id, assignee_id, priority, status, deadline_day, "
      "title, text, parent_id, author_id, start_day, deadline_minute, "
      "estimate_s, completion_note, completed_at, created_at, updated_at, "
      "revision FROM tasks WHERE assignee_id = ? AND status = 1 AND "
      "deadline_day < ? ORDER BY id LIMIT 100");
  sqlite3_bind_int64(st, 1, assignee);
  sqlite3_bind_int64(st, 2, DayCode(kOverdueAsOf));
  std::vector<RawTask> out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    RawTask t;
    t.id = sqlite3_column_int64(st, 0);
    t.project = sqlite3_column_int64(st, 1);
    t.assignee = sqlite3_column_int64(st, 2);
    t.priority = sqlite3_column_int64(st, 3);
    t.status = sqlite3_column_int64(st, 4);
    t.deadline = sqlite3_column_int64(st, 5);
    t.title = reinterpret_cast<const char*>(sqlite3_column_text(st, 6));
    t.text = reinterpret_cast<const char*>(sqlite3_column_text(st, 7));
    out.push_back(std::move(t));
  }
  return out;
}

ws::TaskFilter OverdueFilter(ws::MemberId assignee) {
  ws::TaskFilter f;
  f.assignee = assignee;
  f.overdue_as_of = kOverdueAsOf;
  f.limit = 100;
  return f;
}

void BM_OverdueLib(benchmark::State& state) {
  const int64_t n = state.range(0);
  LibWorld& w = LibTasks(n);
  ws::Session s = w.session();
  const size_t raw_rows = RawOverdue(RawTasks(n), 2 + 7).size();
  const ws::TaskPage first =
      Check(s.ListTasks(OverdueFilter(w.members[7])), "ListTasks");
  if (first.tasks.size() != raw_rows) {
    Die(absl::StrCat("overdue rows differ: lib ", first.tasks.size(), " raw ",
                     raw_rows));
  }
  int a = 0;
  for (auto _ : state) {
    ws::TaskPage p = Check(
        s.ListTasks(OverdueFilter(w.members[static_cast<size_t>(a)])), "list");
    benchmark::DoNotOptimize(p);
    a = (a + 1) % kAssignees;
  }
  state.counters["rows"] = static_cast<double>(first.tasks.size());
  for (const auto& [name, bytes] : lib_task_bytes[n]) {
    state.counters[name.empty() ? "bytes_per_task"
                                : absl::StrCat("bytes_per_task.", name)] =
        static_cast<double>(bytes) / static_cast<double>(n);
  }
}

void BM_OverdueRaw(benchmark::State& state) {
  RawDb& db = RawTasks(state.range(0));
  const size_t rows = RawOverdue(db, 2 + 7).size();
  int a = 0;
  for (auto _ : state) {
    std::vector<RawTask> r = RawOverdue(db, 2 + a);
    benchmark::DoNotOptimize(r);
    a = (a + 1) % kAssignees;
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["bytes_per_task"] =
      static_cast<double>(raw_task_bytes[state.range(0)]) /
      static_cast<double>(state.range(0));
}

// --------------------------------------------- item 2: one durable write

// One store each for synchronous=FULL (index 0) and NORMAL (index 1).
std::unique_ptr<LibWorld> write_world[2];
std::unique_ptr<RawDb> write_raw[2];
std::unique_ptr<RawDb> write_raw_indexed[2];

// Indexes of the shape of the library's five on its tasks (see
// src/store/sqlite/schema.cc; the raw table has deadline_day where the
// library has deadline_key): with kLibraryTimeIndexes they make the raw
// single write change as many index pages as the library's.
constexpr char kLibraryTaskIndexes[] = R"sql(
CREATE INDEX tasks_by_project ON tasks(project_id);
CREATE INDEX tasks_by_assignee ON tasks(assignee_id, status, deadline_day, id,
  priority, project_id);
CREATE INDEX tasks_by_author ON tasks(author_id, status, deadline_day);
CREATE INDEX tasks_by_parent ON tasks(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX tasks_by_status_deadline ON tasks(status, deadline_day);
)sql";

LibWorld& WriteWorld(bool normal) {
  auto& w = write_world[normal];
  if (!w) {
    w = MakeLibWorld(absl::StrCat(Dir(), "/lib_write_", normal, ".db"), 10, 2,
                     40, normal);
  }
  return *w;
}
// The plain tables, or (`library_indexes`) with the library's indexes.
RawDb& WriteRaw(bool normal, bool library_indexes = false) {
  auto& db = (library_indexes ? write_raw_indexed : write_raw)[normal];
  if (!db) {
    const std::string path = absl::StrCat(
        Dir(), "/raw_write_", library_indexes ? "indexed_" : "", normal, ".db");
    RemoveDb(path);
    db = std::make_unique<RawDb>(path, normal);
    db->Exec(kRawTimeTable);
    db->Exec(kRawTaskTable);
    if (library_indexes) {
      db->Exec(kLibraryTimeIndexes);
      db->Exec(kLibraryTaskIndexes);
    }
  }
  return *db;
}

ws::Task TaskDraft(LibWorld& w, int64_t i) {
  ws::Task t;
  t.project = w.projects[0];
  t.title = absl::StrCat("Task ", i);
  t.assignee = w.members[static_cast<size_t>(i % 10)];
  t.deadline = ws::Deadline{kYearStart + i % 365, std::nullopt};
  return t;
}

void CreateTaskLib(benchmark::State& state, bool normal) {
  LibWorld& w = WriteWorld(normal);
  ws::Session s = w.session();
  int64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Check(s.CreateTask(TaskDraft(w, i++)), "task"));
  }
}

void CreateTaskRaw(benchmark::State& state, bool normal,
                   bool library_indexes = false) {
  RawDb& db = WriteRaw(normal, library_indexes);
  int64_t i = 0;
  for (auto _ : state) {
    sqlite3_stmt* st = db.Prepare(kRawTaskInsert);
    const std::string title = absl::StrCat("Task ", i);
    sqlite3_bind_int64(st, 1, 1);
    sqlite3_bind_text(st, 2, title.data(), static_cast<int>(title.size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, 2 + i % 10);
    sqlite3_bind_int64(st, 4, 1);
    sqlite3_bind_int64(st, 5, DayCode(kYearStart + i % 365));
    sqlite3_bind_int64(st, 7, 1700000000000000);
    sqlite3_bind_int64(st, 8, 1700000000000000);
    db.Done(st);
    ++i;
  }
}

const Shape kWriteShape = ShapeOf(4 * 365 * 10);

void LogTimeLib(benchmark::State& state, bool normal) {
  LibWorld& w = WriteWorld(normal);
  ws::Session s = w.session();
  int64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        Check(s.LogTime(LogOf(w, Entry(kWriteShape, i++))), "LogTime"));
  }
}

void LogTimeRaw(benchmark::State& state, bool normal,
                bool library_indexes = false) {
  RawDb& db = WriteRaw(normal, library_indexes);
  int64_t i = 0;
  for (auto _ : state) {
    RawInsertEntry(db, db.Prepare(kRawTimeInsert), kWriteShape,
                   Entry(kWriteShape, i++));
  }
}

void BM_CreateTaskLib(benchmark::State& st) { CreateTaskLib(st, false); }
void BM_CreateTaskRaw(benchmark::State& st) { CreateTaskRaw(st, false); }
void BM_LogTimeLib(benchmark::State& st) { LogTimeLib(st, false); }
void BM_LogTimeRaw(benchmark::State& st) { LogTimeRaw(st, false); }
void BM_CreateTaskNormalLib(benchmark::State& st) { CreateTaskLib(st, true); }
void BM_CreateTaskNormalRaw(benchmark::State& st) { CreateTaskRaw(st, true); }
void BM_LogTimeNormalLib(benchmark::State& st) { LogTimeLib(st, true); }
void BM_LogTimeNormalRaw(benchmark::State& st) { LogTimeRaw(st, true); }
void BM_CreateTaskRawIndexed(benchmark::State& st) {
  CreateTaskRaw(st, false, true);
}
void BM_LogTimeRawIndexed(benchmark::State& st) { LogTimeRaw(st, false, true); }
void BM_CreateTaskNormalRawIndexed(benchmark::State& st) {
  CreateTaskRaw(st, true, true);
}
void BM_LogTimeNormalRawIndexed(benchmark::State& st) {
  LogTimeRaw(st, true, true);
}

// ------------------------------------------------ item 5: the same via C

void CheckC(int rc, const char* what) {
  if (rc != WS_OK) Die(absl::StrCat(what, ": ", ws_errmsg()));
}

ws_date CDate(absl::CivilDay d) {
  return ws_date{static_cast<int32_t>(d.year()), static_cast<int8_t>(d.month()),
                 static_cast<int8_t>(d.day())};
}

// A C handle on a store the C++ benchmarks built (a second connection, as
// a C program beside a C++ one would have).
struct CWorkspace {
  ws_workspace* workspace = nullptr;
  ws_session* session = nullptr;
  CWorkspace(const std::string& path, int64_t actor) {
    CheckC(ws_workspace_open(absl::StrCat("sqlite:", path).c_str(), nullptr,
                             &workspace),
           "ws_workspace_open");
    CheckC(ws_session_open(workspace, actor, &session), "ws_session_open");
  }
  ~CWorkspace() {
    ws_session_free(session);
    ws_workspace_free(workspace);
  }
};

// The C logs of entries [from, to): what a C caller builds.
struct CLogs {
  std::vector<ws_time_log> logs;
  std::vector<const ws_time_log*> pointers;
  std::vector<std::string> notes;
};

void FillCLogs(const LibWorld& w, const Shape& sh, int64_t from, int64_t to,
               CLogs& c) {
  c.logs.clear();
  c.pointers.clear();
  c.notes.clear();
  c.notes.reserve(static_cast<size_t>(to - from));
  for (int64_t j = from; j < to; ++j) {
    const EntrySpec e = Entry(sh, j);
    c.notes.push_back(e.note);
    ws_time_log log = WS_TIME_LOG_INIT;
    log.task =
        w.tasks[static_cast<size_t>(e.project)][static_cast<size_t>(e.task)]
            .value();
    log.member = w.members[static_cast<size_t>(e.member)].value();
    log.date = CDate(e.day);
    log.duration = e.seconds;
    log.billable = e.billable;
    log.note = c.notes.back().c_str();
    c.logs.push_back(log);
  }
  for (const ws_time_log& log : c.logs) c.pointers.push_back(&log);
}

void BM_ImportC(benchmark::State& state) {
  const Shape sh = ShapeOf(state.range(0));
  const std::string path = absl::StrCat(Dir(), "/capi_time_", sh.n, ".db");
  CLogs c;
  for (auto _ : state) {
    state.PauseTiming();
    auto w = MakeLibWorld(path, sh.members, sh.projects, kTasksPerProject);
    const int64_t owner = w->owner.value();
    w->workspace.reset();
    {
      CWorkspace cw(path, owner);
      state.ResumeTiming();
      const int64_t batch = ImportBatch(sh.n);
      for (int64_t i = 0; i < sh.n; i += batch) {
        FillCLogs(*w, sh, i, std::min(sh.n, i + batch), c);
        size_t written = 0;
        CheckC(ws_log_time_batch(cw.session, c.pointers.data(),
                                 c.pointers.size(), &written),
               "ws_log_time_batch");
      }
      state.PauseTiming();
    }
    RemoveDb(path);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * sh.n);
}

void BM_LogTimeC(benchmark::State& state) {
  LibWorld& w = WriteWorld(false);
  CWorkspace cw(w.path, w.owner.value());
  CLogs c;
  int64_t i = 1 << 20;  // other entries than the C++ benchmark's
  for (auto _ : state) {
    FillCLogs(w, kWriteShape, i, i + 1, c);
    ws_time_entry* out = nullptr;
    CheckC(ws_log_time(cw.session, c.pointers[0], &out), "ws_log_time");
    ws_time_entry_free(out);
    ++i;
  }
}

void BM_CreateTaskC(benchmark::State& state) {
  LibWorld& w = WriteWorld(false);
  CWorkspace cw(w.path, w.owner.value());
  int64_t i = 1 << 20;
  for (auto _ : state) {
    const ws::Task draft = TaskDraft(w, i++);
    ws_task* t = nullptr;
    CheckC(ws_task_new(&t), "ws_task_new");
    ws_task_set_project(t, draft.project.value());
    ws_task_set_title(t, draft.title.c_str());
    ws_task_set_assignee(t, draft.assignee.value());
    ws_task_set_deadline(t, CDate(draft.deadline->day), WS_END_OF_DAY);
    CheckC(ws_task_create(cw.session, t), "ws_task_create");
    ws_task_free(t);
  }
}

void ReportC(benchmark::State& state, absl::CivilDay from, absl::CivilDay to) {
  LibWorld& w = LibTime(state.range(0));
  CWorkspace cw(w.path, w.owner.value());
  const ws_report_group groups[] = {WS_GROUP_PROJECT, WS_GROUP_MEMBER};
  ws_time_report_query q = WS_TIME_REPORT_QUERY_INIT;
  q.from = CDate(from);
  q.to = CDate(to);
  q.group_by = groups;
  q.group_count = 2;
  for (auto _ : state) {
    ws_time_report* r = nullptr;
    CheckC(ws_run_time_report(cw.session, &q, &r), "ws_run_time_report");
    benchmark::DoNotOptimize(ws_time_report_row_count(r));
    ws_time_report_free(r);
  }
}

void BM_ReportYearC(benchmark::State& st) { ReportC(st, kYearStart, kYearEnd); }
void BM_ReportMonthC(benchmark::State& st) {
  ReportC(st, absl::CivilDay(2025, 6, 1), absl::CivilDay(2025, 6, 30));
}

void BM_OverdueC(benchmark::State& state) {
  LibWorld& w = LibTasks(state.range(0));
  CWorkspace cw(w.path, w.owner.value());
  ws_task_filter f = WS_TASK_FILTER_INIT;
  f.overdue_as_of = CDate(kOverdueAsOf);
  f.limit = 100;
  int a = 0;
  for (auto _ : state) {
    f.assignee = w.members[static_cast<size_t>(a)].value();
    ws_task_page* page = nullptr;
    CheckC(ws_list_tasks(cw.session, &f, nullptr, &page), "ws_list_tasks");
    benchmark::DoNotOptimize(ws_task_page_count(page));
    ws_task_page_free(page);
    a = (a + 1) % kAssignees;
  }
}

std::vector<int64_t> Sizes() {
  const char* env = std::getenv("WS_BENCH_SIZES");
  std::vector<int64_t> sizes;
  for (absl::string_view part :
       absl::StrSplit(env && *env ? env : "10000", ',', absl::SkipEmpty())) {
    int64_t n = 0;
    if (!absl::SimpleAtoi(part, &n) || n <= 0) {
      Die(absl::StrCat("WS_BENCH_SIZES: bad size \"", part, "\""));
    }
    sizes.push_back(n);
  }
  return sizes;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const std::vector<int64_t> sizes = Sizes();
  // WS_BENCH_ONCE=1: one iteration of everything (the smoke test).
  const char* once_env = std::getenv("WS_BENCH_ONCE");
  const bool all_once = once_env != nullptr && std::string(once_env) == "1";
  using Fn = void (*)(benchmark::State&);
  // `repeat`: runs it that many times (targets.py keeps the least CPU).
  auto one = [&](const char* name, Fn fn, int64_t n, bool once,
                 int repeat = 1) {
    benchmark::internal::Benchmark* b =
        benchmark::RegisterBenchmark(name, fn)->Arg(n)->UseRealTime()->Unit(
            benchmark::kMillisecond);
    if (once || all_once) b->Iterations(1);
    if (repeat > 1 && !all_once) b->Repetitions(repeat);
  };
  // Imports first: they leave the stores the reports read. A size's four
  // run back to back, so the sides compared see the same machine load, and
  // three times each: one disturbed run (the disk writing back the previous
  // store, say) swung the C API's 1M import by 7-12% against the C++ one
  // when they ran a minute apart, best of two.
  for (int64_t n : sizes) {
    one("import/raw", BM_ImportRaw, n, true, 3);
    one("import/raw_indexed", BM_ImportRawIndexed, n, true, 3);
    one("import/lib", BM_ImportLib, n, true, 3);
    one("import/capi", BM_ImportC, n, true, 3);
  }
  // Then the reads, and the writes: each set of sides compared runs back to
  // back (a size's raw, C++ and C API runs), three times (targets.py keeps
  // the run of least CPU): a few microseconds, or one slow fsync, decide a
  // 5% line, and single runs put the C API 6-8% over C++ in one run of the
  // suite and within 2% in the next.
  for (int64_t n : sizes) {
    for (auto [name, fn] : std::vector<std::pair<const char*, Fn>>{
             {"report_year/raw", BM_ReportYearRaw},
             {"report_year/lib", BM_ReportYearLib},
             {"report_year/capi", BM_ReportYearC},
             {"report_month/raw", BM_ReportMonthRaw},
             {"report_month/lib", BM_ReportMonthLib},
             {"report_month/capi", BM_ReportMonthC},
             {"overdue/raw", BM_OverdueRaw},
             {"overdue/lib", BM_OverdueLib},
             {"overdue/capi", BM_OverdueC}}) {
      one(name, fn, n, false, 3);
    }
  }
  for (auto [name, fn] : std::vector<std::pair<const char*, Fn>>{
           {"write_task/raw", BM_CreateTaskRaw},
           {"write_task/raw_indexed", BM_CreateTaskRawIndexed},
           {"write_task/lib", BM_CreateTaskLib},
           {"write_task/capi", BM_CreateTaskC},
           {"write_time/raw", BM_LogTimeRaw},
           {"write_time/raw_indexed", BM_LogTimeRawIndexed},
           {"write_time/lib", BM_LogTimeLib},
           {"write_time/capi", BM_LogTimeC},
           {"write_task_normal/raw", BM_CreateTaskNormalRaw},
           {"write_task_normal/raw_indexed", BM_CreateTaskNormalRawIndexed},
           {"write_task_normal/lib", BM_CreateTaskNormalLib},
           {"write_time_normal/raw", BM_LogTimeNormalRaw},
           {"write_time_normal/raw_indexed", BM_LogTimeNormalRawIndexed},
           {"write_time_normal/lib", BM_LogTimeNormalLib}}) {
    benchmark::internal::Benchmark* b =
        benchmark::RegisterBenchmark(name, fn)->UseRealTime()->Unit(
            benchmark::kMicrosecond);
    if (all_once) {
      b->Iterations(1);
    } else {
      b->Repetitions(3);
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
