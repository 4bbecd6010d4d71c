// The SQLite store.
//
// Threading: one writing connection, which a write transaction owns for its
// whole life (its write lock taken in Begin, released when the transaction
// is destroyed), so write transactions are serialized in this process; a
// second writer waits for it at most the busy timeout (a timed wait:
// src/store/busy_lock.h), then gets Unavailable, as a writer of another
// process does (kept out by BEGIN IMMEDIATE and sqlite3_busy_timeout, set to
// what is left of the same timeout). Read transactions each take a
// connection of their own from a small pool (opened SQLITE_OPEN_READONLY,
// created on demand), so in WAL mode readers never wait for the writer and
// see the snapshot of their first read. Every connection is used by one
// transaction, on one thread, at a time.
//
// Read-only stores (StoreOptions::read_only) open every connection with
// SQLITE_OPEN_READONLY and never write: no journal-mode change, no
// migration, no pragma that writes. The main database file is never
// modified. A WAL reader needs the WAL and its shared-memory index: when the
// -wal and -shm files are missing (the last writer closed cleanly) and the
// directory is writable, SQLite creates them beside the database (an empty
// -wal and the -shm index), as for any WAL reader, and leaves them; nothing
// is written into the WAL. (SQLite 3.22+ can also read a WAL database in a
// directory where it cannot create them.)
#include "src/store/sqlite/sqlite_store.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "src/store/busy_lock.h"
#include "src/store/rollup_months.h"
#include "src/store/sqlite/codec.h"
#include "src/store/sqlite/connection.h"
#include "src/store/sqlite/schema.h"
#include "src/store/sqlite/task_scan_sql.h"
#include "src/store/sqlite/time_money_sql.h"
#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/query.h"
#include "worksection/rollup.h"
#include "worksection/store.h"
#include "worksection/time_tracking.h"

#define WS_SQL_CONCAT_INNER(a, b) a##b
#define WS_SQL_CONCAT(a, b) WS_SQL_CONCAT_INNER(a, b)
#define WS_SQL_RETURN_IF_ERROR(expr)         \
  do {                                       \
    absl::Status _ws_status = (expr);        \
    if (!_ws_status.ok()) return _ws_status; \
  } while (0)
#define WS_SQL_ASSIGN_OR_RETURN(lhs, expr) \
  WS_SQL_ASSIGN_OR_RETURN_IMPL(WS_SQL_CONCAT(_ws_or_, __LINE__), lhs, expr)
#define WS_SQL_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(*tmp)

namespace worksection {
namespace sqlite_internal {
namespace {

// Idle read connections kept open for reuse; more are closed when released.
constexpr size_t kMaxIdleReaders = 4;

// ------------------------------------------------------------------ helpers

std::optional<int64_t> IdOrNull(int64_t value, bool valid) {
  if (!valid) return std::nullopt;
  return value;
}
template <typename T>
std::optional<int64_t> IdOrNull(T id) {
  return IdOrNull(id.value(), id.valid());
}

std::optional<int64_t> OptDay(const std::optional<absl::CivilDay>& day) {
  if (!day) return std::nullopt;
  return EncodeDay(*day);
}
std::optional<absl::CivilDay> ReadOptDay(const Statement& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return DecodeDay(s.Int(col));
}
std::optional<int64_t> OptDuration(const std::optional<absl::Duration>& d) {
  if (!d) return std::nullopt;
  return EncodeDuration(*d);
}
std::optional<absl::Duration> ReadOptDuration(const Statement& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return DecodeDuration(s.Int(col));
}

std::string IdsJson(const std::vector<int64_t>& ids) {
  std::string json = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    absl::StrAppend(&json, i == 0 ? "" : ",", ids[i]);
  }
  json += "]";
  return json;
}

absl::Status Corrupt(absl::string_view entity, int64_t id,
                     absl::string_view field, int64_t value) {
  return absl::DataLossError(absl::StrCat(entity, " ", id, ": stored ", field,
                                          " ", value, " is not a known value"));
}

absl::Status NotFound(absl::string_view entity, int64_t id) {
  return absl::NotFoundError(absl::StrCat(entity, " ", id, " not found"));
}

// ------------------------------------------------------------ row decoding

constexpr char kMemberColumns[] =
    "id, revision, name, email, role, company, cost_rate, billing_rate, "
    "active, created_at, updated_at";

absl::StatusOr<Member> ReadMember(const Statement& s) {
  Member m;
  m.id = MemberId(s.Int(0));
  m.revision = s.Int(1);
  m.name = s.Text(2);
  m.email = s.Text(3);
  if (!kRoleCodes.Decode(s.Int(4), &m.role)) {
    return Corrupt("member", m.id.value(), "role", s.Int(4));
  }
  m.company = s.Text(5);
  m.cost_rate = s.OptionalInt(6);
  m.billing_rate = s.OptionalInt(7);
  m.active = s.Int(8) != 0;
  m.created_at = DecodeTime(s.Int(9));
  m.updated_at = DecodeTime(s.Int(10));
  return m;
}

constexpr char kProjectColumns[] =
    "id, revision, name, status, folder, manager_id, start_day, "
    "deadline_day, time_budget_s, money_budget, billing_rate, created_at, "
    "updated_at, rounding_mode, rounding_minutes, clients_see_hours";

absl::StatusOr<Project> ReadProject(const Statement& s) {
  Project p;
  p.id = ProjectId(s.Int(0));
  p.revision = s.Int(1);
  p.name = s.Text(2);
  if (!kProjectStatusCodes.Decode(s.Int(3), &p.status)) {
    return Corrupt("project", p.id.value(), "status", s.Int(3));
  }
  p.folder = s.Text(4);
  p.manager = MemberId(s.OptionalInt(5).value_or(0));
  p.start_date = ReadOptDay(s, 6);
  p.deadline = ReadOptDay(s, 7);
  p.time_budget = ReadOptDuration(s, 8);
  p.money_budget = s.OptionalInt(9);
  p.billing_rate = s.OptionalInt(10);
  p.created_at = DecodeTime(s.Int(11));
  p.updated_at = DecodeTime(s.Int(12));
  if (!kRoundingModeCodes.Decode(s.Int(13), &p.rounding.mode)) {
    return Corrupt("project", p.id.value(), "rounding mode", s.Int(13));
  }
  p.rounding.minutes = static_cast<int>(s.Int(14));
  p.clients_see_hours = s.Int(15) != 0;
  return p;
}

// Columns as in kTaskColumns.
absl::StatusOr<Task> ReadTask(const Statement& s) {
  Task t;
  t.id = TaskId(s.Int(0));
  t.revision = s.Int(1);
  t.project = ProjectId(s.Int(2));
  t.parent = TaskId(s.OptionalInt(3).value_or(0));
  t.title = s.Text(4);
  t.text = s.Text(5);
  t.author = MemberId(s.OptionalInt(6).value_or(0));
  t.assignee = MemberId(s.OptionalInt(7).value_or(0));
  t.priority = static_cast<int>(s.Int(8));
  if (!kTaskStatusCodes.Decode(s.Int(9), &t.status)) {
    return Corrupt("task", t.id.value(), "status", s.Int(9));
  }
  t.start_date = ReadOptDay(s, 10);
  if (!s.IsNull(11)) {
    Deadline d;
    d.day = DecodeDay(s.Int(11));
    if (!s.IsNull(12)) d.minute_of_day = static_cast<int>(s.Int(12));
    t.deadline = d;
  }
  t.estimate = ReadOptDuration(s, 13);
  t.money_budget = s.OptionalInt(14);
  t.hidden_from_clients = s.Int(15) != 0;
  t.completion_note = s.Text(16);
  if (!s.IsNull(17)) t.completed_at = DecodeTime(s.Int(17));
  t.created_at = DecodeTime(s.Int(18));
  t.updated_at = DecodeTime(s.Int(19));
  return t;
}

constexpr char kCommentColumns[] =
    "id, revision, task_id, author_id, text, hidden_from_clients, "
    "created_at, updated_at";

Comment ReadComment(const Statement& s) {
  Comment c;
  c.id = CommentId(s.Int(0));
  c.revision = s.Int(1);
  c.task = TaskId(s.Int(2));
  c.author = MemberId(s.OptionalInt(3).value_or(0));
  c.text = s.Text(4);
  c.hidden_from_clients = s.Int(5) != 0;
  c.created_at = DecodeTime(s.Int(6));
  c.updated_at = DecodeTime(s.Int(7));
  return c;
}

// Columns as in kTimeEntryColumns.
TimeEntry ReadTimeEntry(const Statement& s) {
  TimeEntry e;
  e.id = TimeEntryId(s.Int(0));
  e.revision = s.Int(1);
  e.task = TaskId(s.Int(2));
  e.project = ProjectId(s.Int(3));
  e.member = MemberId(s.Int(4));
  e.date = DecodeDay(s.Int(5));
  if (!s.IsNull(6)) e.start = DecodeTime(s.Int(6));
  e.duration = DecodeDuration(s.Int(7));
  e.billed_duration = DecodeDuration(s.Int(8));
  e.billable = s.Int(9) != 0;
  e.note = s.Text(10);
  e.billing_rate = s.OptionalInt(11);
  e.cost_rate = s.OptionalInt(12);
  e.billed_amount = s.OptionalInt(13);
  e.labour_cost = s.OptionalInt(14);
  e.created_at = DecodeTime(s.Int(15));
  e.updated_at = DecodeTime(s.Int(16));
  return e;
}

// Columns as in kCostColumns.
absl::StatusOr<Cost> ReadCost(const Statement& s) {
  Cost c;
  c.id = CostId(s.Int(0));
  c.revision = s.Int(1);
  c.project = ProjectId(s.Int(2));
  c.task = TaskId(s.OptionalInt(3).value_or(0));
  if (!kCostKindCodes.Decode(s.Int(4), &c.kind)) {
    return Corrupt("cost", c.id.value(), "kind", s.Int(4));
  }
  c.amount = s.Int(5);
  c.date = DecodeDay(s.Int(6));
  c.note = s.Text(7);
  c.author = MemberId(s.OptionalInt(8).value_or(0));
  c.created_at = DecodeTime(s.Int(9));
  c.updated_at = DecodeTime(s.Int(10));
  return c;
}

// Columns as in kRollupColumns.
RollupRow ReadRollupRow(const Statement& s) {
  RollupRow r;
  r.key.project = ProjectId(s.Int(0));
  r.key.task = TaskId(s.Int(1));
  r.key.member = MemberId(s.Int(2));
  r.key.day = DecodeDay(s.Int(3));
  r.totals.seconds = s.Int(4);
  r.totals.billable_seconds = s.Int(5);
  r.totals.billed_amount = s.Int(6);
  r.totals.labour_cost = s.Int(7);
  r.totals.entry_count = s.Int(8);
  return r;
}

// The statements that keep one rollup table (rollups, rollups_monthly):
// `upsert` adds a delta to the row of a key (creating it) and returns
// whether its totals are now all zero; `remove` deletes the row of a key.
// Both take the key columns first, the upsert then the five totals.
struct RollupTableSql {
  RollupTableSql(absl::string_view table, absl::string_view key_columns) {
    const std::vector<absl::string_view> keys =
        absl::StrSplit(key_columns, ", ");
    std::string placeholders;
    for (size_t i = 0; i < keys.size(); ++i) placeholders += "?, ";
    upsert = absl::StrCat(
        "INSERT INTO ", table, " (", key_columns,
        ", seconds, billable_seconds, billed_amount, labour_cost, "
        "entry_count) VALUES (",
        placeholders, "?, ?, ?, ?, ?) ON CONFLICT (", key_columns,
        ") DO UPDATE SET seconds = seconds + excluded.seconds, "
        "billable_seconds = billable_seconds + excluded.billable_seconds, "
        "billed_amount = billed_amount + excluded.billed_amount, "
        "labour_cost = labour_cost + excluded.labour_cost, "
        "entry_count = entry_count + excluded.entry_count "
        "RETURNING seconds = 0 AND billable_seconds = 0 AND "
        "billed_amount = 0 AND labour_cost = 0 AND entry_count = 0");
    remove = absl::StrCat("DELETE FROM ", table, " WHERE ",
                          absl::StrJoin(keys, " = ? AND "), " = ?");
  }
  std::string upsert;
  std::string remove;
};

class SqliteStore;

// ------------------------------------------------------------- transaction

class SqliteTransaction : public Transaction {
 public:
  SqliteTransaction(SqliteStore* store, Connection* conn, Store::Mode mode)
      : store_(store), conn_(conn), mode_(mode) {}
  ~SqliteTransaction() override;

  absl::Status Commit() override;

  absl::StatusOr<std::optional<WorkspaceSettings>> GetSettings() override;
  absl::Status PutSettings(const WorkspaceSettings& settings) override;

  absl::StatusOr<Member> GetMember(MemberId id) override;
  absl::StatusOr<std::optional<Member>> FindMemberByEmail(
      absl::string_view email) override;
  absl::StatusOr<std::vector<Member>> ListMembers(
      const MemberFilter& filter) override;
  absl::StatusOr<MemberId> InsertMember(const Member& member) override;
  absl::Status UpdateMember(const Member& member) override;

  absl::StatusOr<Project> GetProject(ProjectId id) override;
  absl::StatusOr<std::vector<Project>> ListProjects(
      const ProjectScan& scan) override;
  absl::StatusOr<std::vector<Membership>> ListMemberships(
      MemberId member) override;
  absl::StatusOr<ProjectId> InsertProject(const Project& project) override;
  absl::Status UpdateProject(const Project& project) override;

  absl::StatusOr<Task> GetTask(TaskId id) override;
  absl::StatusOr<std::vector<Task>> ScanTasks(const TaskScan& scan) override;
  absl::StatusOr<std::vector<TaskId>> ListSubtaskIds(TaskId parent) override;
  absl::StatusOr<TaskId> InsertTask(const Task& task) override;
  absl::Status UpdateTask(const Task& task) override;

  absl::StatusOr<Comment> GetComment(CommentId id) override;
  absl::StatusOr<std::vector<Comment>> ListComments(
      TaskId task, bool include_hidden) override;
  absl::StatusOr<CommentId> InsertComment(const Comment& comment) override;
  absl::Status UpdateComment(const Comment& comment) override;

  absl::StatusOr<TimeEntry> GetTimeEntry(TimeEntryId id) override;
  absl::StatusOr<std::vector<TimeEntry>> ScanTimeEntries(
      const TimeEntryScan& scan) override;
  absl::StatusOr<TimeEntryId> InsertTimeEntry(const TimeEntry& entry) override;
  absl::Status UpdateTimeEntry(const TimeEntry& entry) override;
  absl::Status DeleteTimeEntry(TimeEntryId id) override;

  absl::StatusOr<std::optional<Timer>> GetTimer(MemberId member) override;
  absl::StatusOr<std::vector<Timer>> ListTimers() override;
  absl::Status PutTimer(const Timer& timer) override;
  absl::Status DeleteTimer(MemberId member) override;

  absl::StatusOr<Cost> GetCost(CostId id) override;
  absl::StatusOr<std::vector<Cost>> ListCosts(const CostScan& scan) override;
  absl::StatusOr<CostId> InsertCost(const Cost& cost) override;
  absl::Status UpdateCost(const Cost& cost) override;
  absl::Status DeleteCost(CostId id) override;

  absl::StatusOr<std::vector<PeriodLock>> ListLocks() override;
  absl::StatusOr<LockId> InsertLock(const PeriodLock& lock) override;
  absl::Status DeleteLock(LockId id) override;

  absl::Status AddToRollup(const RollupKey& key,
                           const RollupTotals& delta) override;
  absl::StatusOr<std::vector<RollupRow>> ScanRollups(
      const RollupScan& scan) override;

  absl::StatusOr<std::vector<BudgetAlert>> ListBudgetAlerts(
      ProjectId project) override;
  absl::Status InsertBudgetAlert(const BudgetAlert& alert) override;

  absl::StatusOr<int64_t> AppendEvent(const StoredEvent& event) override;
  absl::StatusOr<std::vector<StoredEvent>> ScanEvents(int64_t after_seq,
                                                      int limit) override;

 private:
  absl::Status CheckOpen() const;
  absl::Status CheckWritable() const;

  absl::StatusOr<std::vector<Member>> QueryMembers(
      absl::string_view sql, const std::vector<SqlArg>& args);
  absl::Status BindMemberColumns(Statement& s, const Member& m);
  absl::Status MapEmailConflict(absl::Status status, absl::string_view email);

  absl::StatusOr<std::vector<Project>> QueryProjects(
      absl::string_view sql, const std::vector<SqlArg>& args);
  absl::Status LoadProjectChildren(std::vector<Project>& projects);
  void BindProjectColumns(Statement& s, const Project& p);
  absl::Status WriteProjectChildren(int64_t id, const Project& p, bool replace);

  absl::StatusOr<std::vector<Task>> QueryTasks(absl::string_view sql,
                                               const std::vector<SqlArg>& args);
  absl::Status LoadTaskChildren(std::vector<Task>& tasks);
  void BindTaskColumns(Statement& s, const Task& t);
  absl::Status WriteTaskChildren(int64_t id, const Task& t, bool replace);

  absl::StatusOr<std::vector<Comment>> QueryComments(
      absl::string_view sql, const std::vector<SqlArg>& args);

  absl::StatusOr<std::vector<TimeEntry>> QueryTimeEntries(
      absl::string_view sql, const std::vector<SqlArg>& args);
  absl::StatusOr<std::vector<Timer>> QueryTimers(
      absl::string_view sql, const std::vector<SqlArg>& args);
  absl::StatusOr<std::vector<Cost>> QueryCosts(absl::string_view sql,
                                               const std::vector<SqlArg>& args);
  // Runs a DELETE of one row by id: NotFound naming `entity` when no row
  // went.
  absl::Status DeleteById(absl::string_view sql, absl::string_view entity,
                          int64_t id);

  // Adds `delta` to the row of `table` whose key columns hold `key`,
  // removing a row that reaches zero.
  absl::Status AddToRollupRow(const RollupTableSql& table,
                              const std::vector<int64_t>& key,
                              const RollupTotals& delta);
  // Writes the monthly deltas gathered since the last flush.
  absl::Status FlushMonths();

  SqliteStore* const store_;
  Connection* const conn_;
  const Store::Mode mode_;
  bool finished_ = false;
  // Monthly deltas by (project, member, month's first day code), written at
  // the next monthly scan or at Commit: a batch of entries becomes one
  // write per monthly row instead of one per entry.
  std::map<std::tuple<int64_t, int64_t, int64_t>, RollupTotals> pending_months_;
};

// ------------------------------------------------------------------- store

class SqliteStore : public Store {
 public:
  SqliteStore(std::string path, const StoreOptions& options,
              std::unique_ptr<Connection> writer)
      : path_(std::move(path)), options_(options), writer_(std::move(writer)) {}

  ~SqliteStore() override {
    // Readers first: the writer, closing last, checkpoints the WAL and
    // removes it.
    {
      std::lock_guard<std::mutex> lock(pool_mu_);
      idle_readers_.clear();
    }
    writer_.reset();
  }

  absl::StatusOr<std::unique_ptr<Transaction>> Begin(Mode mode) override {
    if (mode == Mode::kWrite) {
      if (options_.read_only) {
        return absl::FailedPreconditionError(
            absl::StrCat("the store \"", path_,
                         "\" is open read-only: no write transaction"));
      }
      const absl::Time deadline = absl::Now() + options_.busy_timeout;
      // Another write transaction of this process: wait for it, within the
      // busy timeout like a writer of another process. Held until the
      // transaction ends (ReleaseWriter).
      if (!writer_lock_.Lock(options_.busy_timeout)) {
        return absl::UnavailableError(absl::StrCat(
            "the store \"", path_,
            "\" is busy: another write transaction held it past the busy "
            "timeout of ",
            absl::FormatDuration(options_.busy_timeout), "; try again"));
      }
      // What is left of the timeout for writers of other processes.
      int64_t ms = absl::ToInt64Milliseconds(deadline - absl::Now());
      sqlite3_busy_timeout(
          writer_->db(), static_cast<int>(std::clamp<int64_t>(ms, 0, INT_MAX)));
      absl::Status s = writer_->Exec("BEGIN IMMEDIATE");
      if (!s.ok()) {
        ReleaseWriter();
        return s;
      }
      return std::unique_ptr<Transaction>(
          new SqliteTransaction(this, writer_.get(), mode));
    }
    absl::StatusOr<std::unique_ptr<Connection>> reader = AcquireReader();
    if (!reader.ok()) return reader.status();
    Connection* conn = reader->release();
    absl::Status s = conn->Exec("BEGIN");
    if (!s.ok()) {
      ReleaseReader(conn, /*healthy=*/false);
      return s;
    }
    return std::unique_ptr<Transaction>(
        new SqliteTransaction(this, conn, mode));
  }

  bool read_only() const override { return options_.read_only; }

  // Gives a connection back when its transaction ends.
  void Release(Connection* conn, Mode mode, bool healthy) {
    if (mode == Mode::kWrite) {
      ReleaseWriter();
    } else {
      ReleaseReader(conn, healthy);
    }
  }

  // Adds an already-open read connection to the pool.
  void AddIdleReader(std::unique_ptr<Connection> conn) {
    std::lock_guard<std::mutex> lock(pool_mu_);
    idle_readers_.push_back(std::move(conn));
  }

 private:
  absl::StatusOr<std::unique_ptr<Connection>> AcquireReader() {
    {
      std::lock_guard<std::mutex> lock(pool_mu_);
      if (!idle_readers_.empty()) {
        std::unique_ptr<Connection> conn = std::move(idle_readers_.back());
        idle_readers_.pop_back();
        return conn;
      }
    }
    return Connection::Open(path_, /*read_only=*/true, options_.busy_timeout);
  }

  void ReleaseReader(Connection* conn, bool healthy) {
    std::unique_ptr<Connection> owned(conn);
    if (!healthy || owned->in_transaction()) return;  // closed
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (idle_readers_.size() < kMaxIdleReaders) {
      idle_readers_.push_back(std::move(owned));
    }
  }

  void ReleaseWriter() { writer_lock_.Unlock(); }

  const std::string path_;
  const StoreOptions options_;
  // Held while a write transaction owns `writer_`, from Begin to its
  // destruction.
  store_internal::BusyLock writer_lock_;
  std::unique_ptr<Connection> writer_;  // null when read-only
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;  // by pool_mu_
};

// ------------------------------------------------- transaction: lifecycle

SqliteTransaction::~SqliteTransaction() {
  bool healthy = true;
  if (conn_->in_transaction()) {
    healthy = conn_->Exec("ROLLBACK").ok();
  }
  store_->Release(conn_, mode_, healthy);
}

absl::Status SqliteTransaction::CheckOpen() const {
  if (finished_) {
    return absl::FailedPreconditionError(
        "the transaction has been committed: it may only be destroyed");
  }
  return absl::OkStatus();
}

absl::Status SqliteTransaction::CheckWritable() const {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  if (mode_ != Store::Mode::kWrite) {
    return absl::FailedPreconditionError("a write in a read transaction");
  }
  return absl::OkStatus();
}

absl::Status SqliteTransaction::Commit() {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  finished_ = true;
  // A failed flush leaves the transaction open: the destructor rolls it back.
  WS_SQL_RETURN_IF_ERROR(FlushMonths());
  absl::Status s = conn_->Exec("COMMIT");
  // A failed COMMIT may leave the transaction open; the destructor rolls it
  // back.
  return s;
}

// -------------------------------------------------- transaction: settings

absl::StatusOr<std::optional<WorkspaceSettings>>
SqliteTransaction::GetSettings() {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("SELECT revision, name, time_zone, currency, week_start, "
                     "forgotten_timer_after_s FROM workspace "
                     "WHERE singleton = 1"));
  WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<WorkspaceSettings>();
  WorkspaceSettings w;
  w.revision = s.Int(0);
  w.name = s.Text(1);
  w.time_zone = s.Text(2);
  w.currency = s.Text(3);
  if (!kWeekdayCodes.Decode(s.Int(4), &w.week_start)) {
    return absl::DataLossError(
        absl::StrCat("workspace settings: stored week_start ", s.Int(4),
                     " is not a known value"));
  }
  w.forgotten_timer_after = DecodeDuration(s.Int(5));
  return std::optional<WorkspaceSettings>(std::move(w));
}

absl::Status SqliteTransaction::PutSettings(const WorkspaceSettings& settings) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare(
          "INSERT INTO workspace (singleton, revision, name, time_zone, "
          "currency, week_start, forgotten_timer_after_s) "
          "VALUES (1, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (singleton) DO UPDATE SET "
          "revision = excluded.revision, name = excluded.name, "
          "time_zone = excluded.time_zone, currency = excluded.currency, "
          "week_start = excluded.week_start, "
          "forgotten_timer_after_s = excluded.forgotten_timer_after_s"));
  s.BindInt(1, settings.revision);
  s.BindText(2, settings.name);
  s.BindText(3, settings.time_zone);
  s.BindText(4, settings.currency);
  s.BindInt(5, kWeekdayCodes.Encode(settings.week_start));
  s.BindInt(6, EncodeDuration(settings.forgotten_timer_after));
  return s.Run();
}

// --------------------------------------------------- transaction: members

absl::StatusOr<std::vector<Member>> SqliteTransaction::QueryMembers(
    absl::string_view sql, const std::vector<SqlArg>& args) {
  WS_SQL_ASSIGN_OR_RETURN(Statement s, conn_->Prepare(sql));
  s.BindAll(args);
  std::vector<Member> members;
  while (true) {
    WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    WS_SQL_ASSIGN_OR_RETURN(Member m, ReadMember(s));
    members.push_back(std::move(m));
  }
  return members;
}

absl::StatusOr<Member> SqliteTransaction::GetMember(MemberId id) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      std::vector<Member> members,
      QueryMembers(
          absl::StrCat("SELECT ", kMemberColumns, " FROM members WHERE id = ?"),
          {id.value()}));
  if (members.empty()) return NotFound("member", id.value());
  return std::move(members.front());
}

absl::StatusOr<std::optional<Member>> SqliteTransaction::FindMemberByEmail(
    absl::string_view email) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      std::vector<Member> members,
      QueryMembers(absl::StrCat("SELECT ", kMemberColumns,
                                " FROM members WHERE email = ?"),
                   {std::string(email)}));
  if (members.empty()) return std::optional<Member>();
  return std::optional<Member>(std::move(members.front()));
}

absl::StatusOr<std::vector<Member>> SqliteTransaction::ListMembers(
    const MemberFilter& filter) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  std::string sql = absl::StrCat("SELECT ", kMemberColumns, " FROM members");
  std::vector<SqlArg> args;
  const char* glue = " WHERE ";
  if (!filter.include_inactive) {
    absl::StrAppend(&sql, glue, "active = 1");
    glue = " AND ";
  }
  if (filter.role) {
    absl::StrAppend(&sql, glue, "role = ?");
    args.push_back(kRoleCodes.Encode(*filter.role));
  }
  sql += " ORDER BY id";
  return QueryMembers(sql, args);
}

absl::Status SqliteTransaction::BindMemberColumns(Statement& s,
                                                  const Member& m) {
  s.BindInt(1, m.revision);
  s.BindText(2, m.name);
  s.BindText(3, m.email);
  s.BindInt(4, kRoleCodes.Encode(m.role));
  s.BindText(5, m.company);
  s.BindOptionalInt(6, m.cost_rate);
  s.BindOptionalInt(7, m.billing_rate);
  s.BindInt(8, m.active ? 1 : 0);
  s.BindInt(9, EncodeTime(m.created_at));
  s.BindInt(10, EncodeTime(m.updated_at));
  return absl::OkStatus();
}

absl::Status SqliteTransaction::MapEmailConflict(absl::Status status,
                                                 absl::string_view email) {
  if (status.code() == absl::StatusCode::kAlreadyExists) {
    return absl::AlreadyExistsError(
        absl::StrCat("a member with email \"", email, "\" already exists"));
  }
  return status;
}

absl::StatusOr<MemberId> SqliteTransaction::InsertMember(const Member& member) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("INSERT INTO members (revision, name, email, role, "
                     "company, cost_rate, billing_rate, active, created_at, "
                     "updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                     "?)"));
  WS_SQL_RETURN_IF_ERROR(BindMemberColumns(s, member));
  s.BindOptionalInt(11, IdOrNull(member.id));
  WS_SQL_RETURN_IF_ERROR(MapEmailConflict(s.Run(), member.email));
  return MemberId(sqlite3_last_insert_rowid(conn_->db()));
}

absl::Status SqliteTransaction::UpdateMember(const Member& member) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("UPDATE members SET revision = ?1, name = ?2, "
                     "email = ?3, role = ?4, company = ?5, cost_rate = ?6, "
                     "billing_rate = ?7, active = ?8, created_at = ?9, "
                     "updated_at = ?10 WHERE id = ?11"));
  WS_SQL_RETURN_IF_ERROR(BindMemberColumns(s, member));
  s.BindInt(11, member.id.value());
  WS_SQL_RETURN_IF_ERROR(MapEmailConflict(s.Run(), member.email));
  if (sqlite3_changes(conn_->db()) == 0) {
    return NotFound("member", member.id.value());
  }
  return absl::OkStatus();
}

// -------------------------------------------------- transaction: projects

absl::StatusOr<std::vector<Project>> SqliteTransaction::QueryProjects(
    absl::string_view sql, const std::vector<SqlArg>& args) {
  std::vector<Project> projects;
  WS_SQL_RETURN_IF_ERROR(
      conn_->ForEachRow(sql, args, [&](Statement& s) -> absl::Status {
        WS_SQL_ASSIGN_OR_RETURN(Project p, ReadProject(s));
        projects.push_back(std::move(p));
        return absl::OkStatus();
      }));
  WS_SQL_RETURN_IF_ERROR(LoadProjectChildren(projects));
  return projects;
}

// One query per child table for the whole list.
absl::Status SqliteTransaction::LoadProjectChildren(
    std::vector<Project>& projects) {
  if (projects.empty()) return absl::OkStatus();
  absl::flat_hash_map<int64_t, Project*> by_id;
  std::vector<int64_t> ids;
  for (Project& p : projects) {
    by_id[p.id.value()] = &p;
    ids.push_back(p.id.value());
  }
  const std::vector<SqlArg> json = {IdsJson(ids)};
  WS_SQL_RETURN_IF_ERROR(conn_->ForEachRow(
      "SELECT project_id, tag FROM project_tags WHERE project_id IN "
      "(SELECT value FROM json_each(?)) ORDER BY project_id, tag",
      json, [&](const Statement& s) {
        by_id[s.Int(0)]->tags.push_back(s.Text(1));
        return absl::OkStatus();
      }));
  return conn_->ForEachRow(
      "SELECT project_id, member_id, role, billing_rate FROM project_members "
      "WHERE project_id IN (SELECT value FROM json_each(?)) "
      "ORDER BY project_id, member_id",
      json, [&](const Statement& s) -> absl::Status {
        ProjectMember pm;
        pm.member = MemberId(s.Int(1));
        if (!kProjectRoleCodes.Decode(s.Int(2), &pm.role)) {
          return Corrupt("project", s.Int(0), "member role", s.Int(2));
        }
        pm.billing_rate = s.OptionalInt(3);
        by_id[s.Int(0)]->members.push_back(pm);
        return absl::OkStatus();
      });
}

absl::StatusOr<Project> SqliteTransaction::GetProject(ProjectId id) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      std::vector<Project> projects,
      QueryProjects(absl::StrCat("SELECT ", kProjectColumns,
                                 " FROM projects WHERE id = ?"),
                    {id.value()}));
  if (projects.empty()) return NotFound("project", id.value());
  return std::move(projects.front());
}

absl::StatusOr<std::vector<Project>> SqliteTransaction::ListProjects(
    const ProjectScan& scan) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  if (scan.ids_in && scan.ids_in->empty()) return std::vector<Project>();
  std::string sql = absl::StrCat("SELECT ", kProjectColumns, " FROM projects");
  std::vector<SqlArg> args;
  const char* glue = " WHERE ";
  auto add = [&sql, &glue](absl::string_view condition) {
    absl::StrAppend(&sql, glue, condition);
    glue = " AND ";
  };
  if (scan.filter.status) {
    add("status = ?");
    args.push_back(kProjectStatusCodes.Encode(*scan.filter.status));
  } else if (!scan.filter.include_archived) {
    add("status <> ?");
    args.push_back(kProjectStatusCodes.Encode(ProjectStatus::kArchived));
  }
  if (scan.filter.member) {
    add("id IN (SELECT project_id FROM project_members WHERE member_id = ?)");
    args.push_back(scan.filter.member->value());
  }
  if (scan.ids_in) {
    std::vector<int64_t> ids;
    for (ProjectId id : *scan.ids_in) ids.push_back(id.value());
    add("id IN (SELECT value FROM json_each(?))");
    args.push_back(IdsJson(ids));
  }
  sql += " ORDER BY id";
  return QueryProjects(sql, args);
}

absl::StatusOr<std::vector<Membership>> SqliteTransaction::ListMemberships(
    MemberId member) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("SELECT project_id, role FROM project_members "
                     "WHERE member_id = ? ORDER BY project_id"));
  s.BindInt(1, member.value());
  std::vector<Membership> result;
  while (true) {
    WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    Membership m;
    m.project = ProjectId(s.Int(0));
    if (!kProjectRoleCodes.Decode(s.Int(1), &m.role)) {
      return Corrupt("project", s.Int(0), "member role", s.Int(1));
    }
    result.push_back(m);
  }
  return result;
}

void SqliteTransaction::BindProjectColumns(Statement& s, const Project& p) {
  s.BindInt(1, p.revision);
  s.BindText(2, p.name);
  s.BindInt(3, kProjectStatusCodes.Encode(p.status));
  s.BindText(4, p.folder);
  s.BindOptionalInt(5, IdOrNull(p.manager));
  s.BindOptionalInt(6, OptDay(p.start_date));
  s.BindOptionalInt(7, OptDay(p.deadline));
  s.BindOptionalInt(8, OptDuration(p.time_budget));
  s.BindOptionalInt(9, p.money_budget);
  s.BindOptionalInt(10, p.billing_rate);
  s.BindInt(11, EncodeTime(p.created_at));
  s.BindInt(12, EncodeTime(p.updated_at));
  s.BindInt(13, kRoundingModeCodes.Encode(p.rounding.mode));
  s.BindInt(14, p.rounding.minutes);
  s.BindInt(15, p.clients_see_hours ? 1 : 0);
}

absl::Status SqliteTransaction::WriteProjectChildren(int64_t id,
                                                     const Project& p,
                                                     bool replace) {
  if (replace) {
    WS_SQL_ASSIGN_OR_RETURN(
        Statement del_tags,
        conn_->Prepare("DELETE FROM project_tags WHERE project_id = ?"));
    del_tags.BindInt(1, id);
    WS_SQL_RETURN_IF_ERROR(del_tags.Run());
    WS_SQL_ASSIGN_OR_RETURN(
        Statement del_members,
        conn_->Prepare("DELETE FROM project_members WHERE project_id = ?"));
    del_members.BindInt(1, id);
    WS_SQL_RETURN_IF_ERROR(del_members.Run());
  }
  if (!p.tags.empty()) {
    WS_SQL_ASSIGN_OR_RETURN(
        Statement s,
        conn_->Prepare(
            "INSERT INTO project_tags (project_id, tag) VALUES (?, ?)"));
    for (const std::string& tag : p.tags) {
      s.Reset();
      s.BindInt(1, id);
      s.BindText(2, tag);
      WS_SQL_RETURN_IF_ERROR(s.Run());
    }
  }
  if (!p.members.empty()) {
    WS_SQL_ASSIGN_OR_RETURN(
        Statement s,
        conn_->Prepare("INSERT INTO project_members (project_id, member_id, "
                       "role, billing_rate) VALUES (?, ?, ?, ?)"));
    for (const ProjectMember& pm : p.members) {
      s.Reset();
      s.BindInt(1, id);
      s.BindInt(2, pm.member.value());
      s.BindInt(3, kProjectRoleCodes.Encode(pm.role));
      s.BindOptionalInt(4, pm.billing_rate);
      WS_SQL_RETURN_IF_ERROR(s.Run());
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<ProjectId> SqliteTransaction::InsertProject(
    const Project& project) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  int64_t id = 0;
  {
    WS_SQL_ASSIGN_OR_RETURN(
        Statement s,
        conn_->Prepare("INSERT INTO projects (revision, name, status, "
                       "folder, manager_id, start_day, deadline_day, "
                       "time_budget_s, money_budget, billing_rate, "
                       "created_at, updated_at, rounding_mode, "
                       "rounding_minutes, clients_see_hours, id) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?)"));
    BindProjectColumns(s, project);
    s.BindOptionalInt(16, IdOrNull(project.id));
    WS_SQL_RETURN_IF_ERROR(s.Run());
    id = sqlite3_last_insert_rowid(conn_->db());
  }
  WS_SQL_RETURN_IF_ERROR(WriteProjectChildren(id, project, false));
  return ProjectId(id);
}

absl::Status SqliteTransaction::UpdateProject(const Project& project) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  {
    WS_SQL_ASSIGN_OR_RETURN(
        Statement s,
        conn_->Prepare("UPDATE projects SET revision = ?1, name = ?2, "
                       "status = ?3, folder = ?4, manager_id = ?5, "
                       "start_day = ?6, deadline_day = ?7, "
                       "time_budget_s = ?8, money_budget = ?9, "
                       "billing_rate = ?10, created_at = ?11, "
                       "updated_at = ?12, rounding_mode = ?13, "
                       "rounding_minutes = ?14, clients_see_hours = ?15 "
                       "WHERE id = ?16"));
    BindProjectColumns(s, project);
    s.BindInt(16, project.id.value());
    WS_SQL_RETURN_IF_ERROR(s.Run());
    if (sqlite3_changes(conn_->db()) == 0) {
      return NotFound("project", project.id.value());
    }
  }
  return WriteProjectChildren(project.id.value(), project, true);
}

// ----------------------------------------------------- transaction: tasks

absl::StatusOr<std::vector<Task>> SqliteTransaction::QueryTasks(
    absl::string_view sql, const std::vector<SqlArg>& args) {
  std::vector<Task> tasks;
  WS_SQL_RETURN_IF_ERROR(
      conn_->ForEachRow(sql, args, [&](Statement& s) -> absl::Status {
        WS_SQL_ASSIGN_OR_RETURN(Task t, ReadTask(s));
        tasks.push_back(std::move(t));
        return absl::OkStatus();
      }));
  WS_SQL_RETURN_IF_ERROR(LoadTaskChildren(tasks));
  return tasks;
}

// One query per child table for the whole page.
absl::Status SqliteTransaction::LoadTaskChildren(std::vector<Task>& tasks) {
  if (tasks.empty()) return absl::OkStatus();
  absl::flat_hash_map<int64_t, Task*> by_id;
  std::vector<int64_t> ids;
  for (Task& t : tasks) {
    by_id[t.id.value()] = &t;
    ids.push_back(t.id.value());
  }
  const std::vector<SqlArg> json = {IdsJson(ids)};
  WS_SQL_RETURN_IF_ERROR(conn_->ForEachRow(
      "SELECT task_id, tag FROM task_tags WHERE task_id IN "
      "(SELECT value FROM json_each(?)) ORDER BY task_id, tag",
      json, [&](const Statement& s) {
        by_id[s.Int(0)]->tags.push_back(s.Text(1));
        return absl::OkStatus();
      }));
  WS_SQL_RETURN_IF_ERROR(conn_->ForEachRow(
      "SELECT task_id, text, done FROM task_checklist WHERE task_id IN "
      "(SELECT value FROM json_each(?)) ORDER BY task_id, position",
      json, [&](const Statement& s) {
        by_id[s.Int(0)]->checklist.push_back({s.Text(1), s.Int(2) != 0});
        return absl::OkStatus();
      }));
  return conn_->ForEachRow(
      "SELECT task_id, member_id FROM task_subscribers WHERE task_id IN "
      "(SELECT value FROM json_each(?)) ORDER BY task_id, member_id",
      json, [&](const Statement& s) {
        by_id[s.Int(0)]->subscribers.push_back(MemberId(s.Int(1)));
        return absl::OkStatus();
      });
}

absl::StatusOr<Task> SqliteTransaction::GetTask(TaskId id) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(std::vector<Task> tasks,
                          QueryTasks(absl::StrCat("SELECT ", kTaskColumns,
                                                  " FROM tasks WHERE id = ?"),
                                     {id.value()}));
  if (tasks.empty()) return NotFound("task", id.value());
  return std::move(tasks.front());
}

absl::StatusOr<std::vector<Task>> SqliteTransaction::ScanTasks(
    const TaskScan& scan) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  const SqlQuery q = BuildTaskScanQuery(scan);
  if (q.empty) return std::vector<Task>();
  return QueryTasks(q.sql, q.args);
}

absl::StatusOr<std::vector<TaskId>> SqliteTransaction::ListSubtaskIds(
    TaskId parent) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("SELECT id FROM tasks WHERE parent_id IS ? ORDER BY id"));
  s.BindOptionalInt(1, IdOrNull(parent));
  std::vector<TaskId> ids;
  while (true) {
    WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    ids.push_back(TaskId(s.Int(0)));
  }
  return ids;
}

void SqliteTransaction::BindTaskColumns(Statement& s, const Task& t) {
  s.BindInt(1, t.revision);
  s.BindOptionalInt(2, IdOrNull(t.project));
  s.BindOptionalInt(3, IdOrNull(t.parent));
  s.BindText(4, t.title);
  s.BindText(5, t.text);
  s.BindOptionalInt(6, IdOrNull(t.author));
  s.BindOptionalInt(7, IdOrNull(t.assignee));
  s.BindInt(8, t.priority);
  s.BindInt(9, kTaskStatusCodes.Encode(t.status));
  s.BindOptionalInt(10, OptDay(t.start_date));
  if (t.deadline) {
    s.BindInt(11, EncodeDay(t.deadline->day));
    s.BindOptionalInt(12,
                      t.deadline->minute_of_day
                          ? std::optional<int64_t>(*t.deadline->minute_of_day)
                          : std::nullopt);
  } else {
    s.BindNull(11);
    s.BindNull(12);
  }
  // The reference sort key, so ORDER BY deadline_key, id is the reference
  // order by construction.
  s.BindInt(13, TaskSortKey(t, TaskOrder::kDeadline));
  s.BindOptionalInt(14, OptDuration(t.estimate));
  s.BindOptionalInt(15, t.money_budget);
  s.BindInt(16, t.hidden_from_clients ? 1 : 0);
  s.BindText(17, t.completion_note);
  s.BindOptionalInt(
      18, t.completed_at ? std::optional<int64_t>(EncodeTime(*t.completed_at))
                         : std::nullopt);
  s.BindInt(19, EncodeTime(t.created_at));
  s.BindInt(20, EncodeTime(t.updated_at));
}

absl::Status SqliteTransaction::WriteTaskChildren(int64_t id, const Task& t,
                                                  bool replace) {
  if (replace) {
    for (const char* sql : {"DELETE FROM task_tags WHERE task_id = ?",
                            "DELETE FROM task_checklist WHERE task_id = ?",
                            "DELETE FROM task_subscribers WHERE task_id = ?"}) {
      WS_SQL_ASSIGN_OR_RETURN(Statement del, conn_->Prepare(sql));
      del.BindInt(1, id);
      WS_SQL_RETURN_IF_ERROR(del.Run());
    }
  }
  if (!t.tags.empty()) {
    WS_SQL_ASSIGN_OR_RETURN(
        Statement s,
        conn_->Prepare("INSERT INTO task_tags (task_id, tag) VALUES (?, ?)"));
    for (const std::string& tag : t.tags) {
      s.Reset();
      s.BindInt(1, id);
      s.BindText(2, tag);
      WS_SQL_RETURN_IF_ERROR(s.Run());
    }
  }
  if (!t.checklist.empty()) {
    WS_SQL_ASSIGN_OR_RETURN(
        Statement s,
        conn_->Prepare("INSERT INTO task_checklist (task_id, position, text, "
                       "done) VALUES (?, ?, ?, ?)"));
    for (size_t i = 0; i < t.checklist.size(); ++i) {
      s.Reset();
      s.BindInt(1, id);
      s.BindInt(2, static_cast<int64_t>(i));
      s.BindText(3, t.checklist[i].text);
      s.BindInt(4, t.checklist[i].done ? 1 : 0);
      WS_SQL_RETURN_IF_ERROR(s.Run());
    }
  }
  if (!t.subscribers.empty()) {
    WS_SQL_ASSIGN_OR_RETURN(
        Statement s,
        conn_->Prepare(
            "INSERT INTO task_subscribers (task_id, member_id) VALUES (?, ?)"));
    for (MemberId m : t.subscribers) {
      s.Reset();
      s.BindInt(1, id);
      s.BindInt(2, m.value());
      WS_SQL_RETURN_IF_ERROR(s.Run());
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<TaskId> SqliteTransaction::InsertTask(const Task& task) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  int64_t id = 0;
  {
    WS_SQL_ASSIGN_OR_RETURN(
        Statement s,
        conn_->Prepare(
            "INSERT INTO tasks (revision, project_id, parent_id, title, text, "
            "author_id, assignee_id, priority, status, start_day, "
            "deadline_day, deadline_minute, deadline_key, estimate_s, "
            "money_budget, hidden_from_clients, completion_note, "
            "completed_at, created_at, updated_at, id) VALUES (?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    BindTaskColumns(s, task);
    s.BindOptionalInt(21, IdOrNull(task.id));
    WS_SQL_RETURN_IF_ERROR(s.Run());
    id = sqlite3_last_insert_rowid(conn_->db());
  }
  WS_SQL_RETURN_IF_ERROR(WriteTaskChildren(id, task, false));
  return TaskId(id);
}

absl::Status SqliteTransaction::UpdateTask(const Task& task) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  {
    WS_SQL_ASSIGN_OR_RETURN(
        Statement s,
        conn_->Prepare(
            "UPDATE tasks SET revision = ?1, project_id = ?2, "
            "parent_id = ?3, title = ?4, text = ?5, author_id = ?6, "
            "assignee_id = ?7, priority = ?8, status = ?9, start_day = ?10, "
            "deadline_day = ?11, deadline_minute = ?12, deadline_key = ?13, "
            "estimate_s = ?14, money_budget = ?15, "
            "hidden_from_clients = ?16, completion_note = ?17, "
            "completed_at = ?18, created_at = ?19, updated_at = ?20 "
            "WHERE id = ?21"));
    BindTaskColumns(s, task);
    s.BindInt(21, task.id.value());
    WS_SQL_RETURN_IF_ERROR(s.Run());
    if (sqlite3_changes(conn_->db()) == 0) {
      return NotFound("task", task.id.value());
    }
  }
  return WriteTaskChildren(task.id.value(), task, true);
}

// -------------------------------------------------- transaction: comments

absl::StatusOr<std::vector<Comment>> SqliteTransaction::QueryComments(
    absl::string_view sql, const std::vector<SqlArg>& args) {
  WS_SQL_ASSIGN_OR_RETURN(Statement s, conn_->Prepare(sql));
  s.BindAll(args);
  std::vector<Comment> comments;
  while (true) {
    WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    comments.push_back(ReadComment(s));
  }
  return comments;
}

absl::StatusOr<Comment> SqliteTransaction::GetComment(CommentId id) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      std::vector<Comment> comments,
      QueryComments(absl::StrCat("SELECT ", kCommentColumns,
                                 " FROM comments WHERE id = ?"),
                    {id.value()}));
  if (comments.empty()) return NotFound("comment", id.value());
  return std::move(comments.front());
}

absl::StatusOr<std::vector<Comment>> SqliteTransaction::ListComments(
    TaskId task, bool include_hidden) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  return QueryComments(
      absl::StrCat(
          "SELECT ", kCommentColumns, " FROM comments WHERE task_id = ?",
          include_hidden ? "" : " AND hidden_from_clients = 0", " ORDER BY id"),
      {task.value()});
}

absl::StatusOr<CommentId> SqliteTransaction::InsertComment(
    const Comment& comment) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("INSERT INTO comments (revision, task_id, author_id, "
                     "text, hidden_from_clients, created_at, updated_at, id) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  s.BindOptionalInt(8, IdOrNull(comment.id));
  s.BindInt(1, comment.revision);
  s.BindOptionalInt(2, IdOrNull(comment.task));
  s.BindOptionalInt(3, IdOrNull(comment.author));
  s.BindText(4, comment.text);
  s.BindInt(5, comment.hidden_from_clients ? 1 : 0);
  s.BindInt(6, EncodeTime(comment.created_at));
  s.BindInt(7, EncodeTime(comment.updated_at));
  WS_SQL_RETURN_IF_ERROR(s.Run());
  return CommentId(sqlite3_last_insert_rowid(conn_->db()));
}

absl::Status SqliteTransaction::UpdateComment(const Comment& comment) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("UPDATE comments SET revision = ?, task_id = ?, "
                     "author_id = ?, text = ?, hidden_from_clients = ?, "
                     "created_at = ?, updated_at = ? WHERE id = ?"));
  s.BindInt(1, comment.revision);
  s.BindOptionalInt(2, IdOrNull(comment.task));
  s.BindOptionalInt(3, IdOrNull(comment.author));
  s.BindText(4, comment.text);
  s.BindInt(5, comment.hidden_from_clients ? 1 : 0);
  s.BindInt(6, EncodeTime(comment.created_at));
  s.BindInt(7, EncodeTime(comment.updated_at));
  s.BindInt(8, comment.id.value());
  WS_SQL_RETURN_IF_ERROR(s.Run());
  if (sqlite3_changes(conn_->db()) == 0) {
    return NotFound("comment", comment.id.value());
  }
  return absl::OkStatus();
}

// ----------------------------------------------- transaction: time entries

absl::StatusOr<std::vector<TimeEntry>> SqliteTransaction::QueryTimeEntries(
    absl::string_view sql, const std::vector<SqlArg>& args) {
  WS_SQL_ASSIGN_OR_RETURN(Statement s, conn_->Prepare(sql));
  s.BindAll(args);
  std::vector<TimeEntry> entries;
  while (true) {
    WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    entries.push_back(ReadTimeEntry(s));
  }
  return entries;
}

absl::Status SqliteTransaction::DeleteById(absl::string_view sql,
                                           absl::string_view entity,
                                           int64_t id) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(Statement s, conn_->Prepare(sql));
  s.BindInt(1, id);
  WS_SQL_RETURN_IF_ERROR(s.Run());
  if (sqlite3_changes(conn_->db()) == 0) return NotFound(entity, id);
  return absl::OkStatus();
}

absl::StatusOr<TimeEntry> SqliteTransaction::GetTimeEntry(TimeEntryId id) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      std::vector<TimeEntry> entries,
      QueryTimeEntries(absl::StrCat("SELECT ", kTimeEntryColumns,
                                    " FROM time_entries WHERE id = ?"),
                       {id.value()}));
  if (entries.empty()) return NotFound("time entry", id.value());
  return std::move(entries.front());
}

absl::StatusOr<std::vector<TimeEntry>> SqliteTransaction::ScanTimeEntries(
    const TimeEntryScan& scan) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  const SqlQuery q = BuildTimeEntryScanQuery(scan);
  if (q.empty) return std::vector<TimeEntry>();
  return QueryTimeEntries(q.sql, q.args);
}

namespace {

// Binds the columns of a time entry, id excepted, to parameters 1..16 in
// the order of kTimeEntryColumns.
void BindTimeEntryColumns(Statement& s, const TimeEntry& e) {
  s.BindInt(1, e.revision);
  s.BindOptionalInt(2, IdOrNull(e.task));
  s.BindOptionalInt(3, IdOrNull(e.project));
  s.BindOptionalInt(4, IdOrNull(e.member));
  s.BindInt(5, EncodeDay(e.date));
  s.BindOptionalInt(
      6, e.start ? std::optional<int64_t>(EncodeTime(*e.start)) : std::nullopt);
  s.BindInt(7, EncodeDuration(e.duration));
  s.BindInt(8, EncodeDuration(e.billed_duration));
  s.BindInt(9, e.billable ? 1 : 0);
  s.BindText(10, e.note);
  s.BindOptionalInt(11, e.billing_rate);
  s.BindOptionalInt(12, e.cost_rate);
  s.BindOptionalInt(13, e.billed_amount);
  s.BindOptionalInt(14, e.labour_cost);
  s.BindInt(15, EncodeTime(e.created_at));
  s.BindInt(16, EncodeTime(e.updated_at));
}

}  // namespace

absl::StatusOr<TimeEntryId> SqliteTransaction::InsertTimeEntry(
    const TimeEntry& entry) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare(
          "INSERT INTO time_entries (revision, task_id, project_id, "
          "member_id, day, start, seconds, billed_seconds, billable, note, "
          "billing_rate, cost_rate, billed_amount, labour_cost, created_at, "
          "updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?)"));
  BindTimeEntryColumns(s, entry);
  s.BindOptionalInt(17, IdOrNull(entry.id));
  WS_SQL_RETURN_IF_ERROR(s.Run());
  return TimeEntryId(sqlite3_last_insert_rowid(conn_->db()));
}

absl::Status SqliteTransaction::UpdateTimeEntry(const TimeEntry& entry) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare(
          "UPDATE time_entries SET revision = ?1, task_id = ?2, "
          "project_id = ?3, member_id = ?4, day = ?5, start = ?6, "
          "seconds = ?7, billed_seconds = ?8, billable = ?9, note = ?10, "
          "billing_rate = ?11, cost_rate = ?12, billed_amount = ?13, "
          "labour_cost = ?14, created_at = ?15, updated_at = ?16 "
          "WHERE id = ?17"));
  BindTimeEntryColumns(s, entry);
  s.BindInt(17, entry.id.value());
  WS_SQL_RETURN_IF_ERROR(s.Run());
  if (sqlite3_changes(conn_->db()) == 0) {
    return NotFound("time entry", entry.id.value());
  }
  return absl::OkStatus();
}

absl::Status SqliteTransaction::DeleteTimeEntry(TimeEntryId id) {
  return DeleteById("DELETE FROM time_entries WHERE id = ?", "time entry",
                    id.value());
}

// ---------------------------------------------------- transaction: timers

absl::StatusOr<std::vector<Timer>> SqliteTransaction::QueryTimers(
    absl::string_view sql, const std::vector<SqlArg>& args) {
  WS_SQL_ASSIGN_OR_RETURN(Statement s, conn_->Prepare(sql));
  s.BindAll(args);
  std::vector<Timer> timers;
  while (true) {
    WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    Timer t;
    t.member = MemberId(s.Int(0));
    t.task = TaskId(s.Int(1));
    t.started_at = DecodeTime(s.Int(2));
    t.forgotten = s.Int(3) != 0;
    timers.push_back(t);
  }
  return timers;
}

absl::StatusOr<std::optional<Timer>> SqliteTransaction::GetTimer(
    MemberId member) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      std::vector<Timer> timers,
      QueryTimers("SELECT member_id, task_id, started_at, forgotten "
                  "FROM timers WHERE member_id = ?",
                  {member.value()}));
  if (timers.empty()) return std::optional<Timer>();
  return std::optional<Timer>(timers.front());
}

absl::StatusOr<std::vector<Timer>> SqliteTransaction::ListTimers() {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  return QueryTimers(
      "SELECT member_id, task_id, started_at, forgotten FROM timers "
      "ORDER BY member_id",
      {});
}

absl::Status SqliteTransaction::PutTimer(const Timer& timer) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("INSERT OR REPLACE INTO timers (member_id, task_id, "
                     "started_at, forgotten) VALUES (?, ?, ?, ?)"));
  s.BindOptionalInt(1, IdOrNull(timer.member));
  s.BindOptionalInt(2, IdOrNull(timer.task));
  s.BindInt(3, EncodeTime(timer.started_at));
  s.BindInt(4, timer.forgotten ? 1 : 0);
  return s.Run();
}

absl::Status SqliteTransaction::DeleteTimer(MemberId member) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s, conn_->Prepare("DELETE FROM timers WHERE member_id = ?"));
  s.BindInt(1, member.value());
  WS_SQL_RETURN_IF_ERROR(s.Run());
  if (sqlite3_changes(conn_->db()) == 0) {
    return absl::NotFoundError(
        absl::StrCat("member ", member.value(), " has no running timer"));
  }
  return absl::OkStatus();
}

// ----------------------------------------------------- transaction: costs

absl::StatusOr<std::vector<Cost>> SqliteTransaction::QueryCosts(
    absl::string_view sql, const std::vector<SqlArg>& args) {
  WS_SQL_ASSIGN_OR_RETURN(Statement s, conn_->Prepare(sql));
  s.BindAll(args);
  std::vector<Cost> costs;
  while (true) {
    WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    WS_SQL_ASSIGN_OR_RETURN(Cost c, ReadCost(s));
    costs.push_back(std::move(c));
  }
  return costs;
}

absl::StatusOr<Cost> SqliteTransaction::GetCost(CostId id) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(std::vector<Cost> costs,
                          QueryCosts(absl::StrCat("SELECT ", kCostColumns,
                                                  " FROM costs WHERE id = ?"),
                                     {id.value()}));
  if (costs.empty()) return NotFound("cost", id.value());
  return std::move(costs.front());
}

absl::StatusOr<std::vector<Cost>> SqliteTransaction::ListCosts(
    const CostScan& scan) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  const SqlQuery q = BuildCostScanQuery(scan);
  if (q.empty) return std::vector<Cost>();
  return QueryCosts(q.sql, q.args);
}

namespace {

// Binds the columns of a cost, id excepted, to parameters 1..10 in the
// order of kCostColumns.
void BindCostColumns(Statement& s, const Cost& c) {
  s.BindInt(1, c.revision);
  s.BindOptionalInt(2, IdOrNull(c.project));
  s.BindOptionalInt(3, IdOrNull(c.task));
  s.BindInt(4, kCostKindCodes.Encode(c.kind));
  s.BindInt(5, c.amount);
  s.BindInt(6, EncodeDay(c.date));
  s.BindText(7, c.note);
  s.BindOptionalInt(8, IdOrNull(c.author));
  s.BindInt(9, EncodeTime(c.created_at));
  s.BindInt(10, EncodeTime(c.updated_at));
}

}  // namespace

absl::StatusOr<CostId> SqliteTransaction::InsertCost(const Cost& cost) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare(
          "INSERT INTO costs (revision, project_id, task_id, kind, "
          "amount, day, note, author_id, created_at, updated_at, id) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  BindCostColumns(s, cost);
  s.BindOptionalInt(11, IdOrNull(cost.id));
  WS_SQL_RETURN_IF_ERROR(s.Run());
  return CostId(sqlite3_last_insert_rowid(conn_->db()));
}

absl::Status SqliteTransaction::UpdateCost(const Cost& cost) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("UPDATE costs SET revision = ?1, project_id = ?2, "
                     "task_id = ?3, kind = ?4, amount = ?5, day = ?6, "
                     "note = ?7, author_id = ?8, created_at = ?9, "
                     "updated_at = ?10 WHERE id = ?11"));
  BindCostColumns(s, cost);
  s.BindInt(11, cost.id.value());
  WS_SQL_RETURN_IF_ERROR(s.Run());
  if (sqlite3_changes(conn_->db()) == 0) {
    return NotFound("cost", cost.id.value());
  }
  return absl::OkStatus();
}

absl::Status SqliteTransaction::DeleteCost(CostId id) {
  return DeleteById("DELETE FROM costs WHERE id = ?", "cost", id.value());
}

// ----------------------------------------------------- transaction: locks

absl::StatusOr<std::vector<PeriodLock>> SqliteTransaction::ListLocks() {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("SELECT id, project_id, through_day, author_id, "
                     "created_at FROM locks ORDER BY id"));
  std::vector<PeriodLock> locks;
  while (true) {
    WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    PeriodLock l;
    l.id = LockId(s.Int(0));
    l.project = ProjectId(s.OptionalInt(1).value_or(0));
    l.through = DecodeDay(s.Int(2));
    l.author = MemberId(s.OptionalInt(3).value_or(0));
    l.created_at = DecodeTime(s.Int(4));
    locks.push_back(l);
  }
  return locks;
}

absl::StatusOr<LockId> SqliteTransaction::InsertLock(const PeriodLock& lock) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("INSERT INTO locks (project_id, through_day, author_id, "
                     "created_at, id) VALUES (?, ?, ?, ?, ?)"));
  s.BindOptionalInt(5, IdOrNull(lock.id));
  s.BindOptionalInt(1, IdOrNull(lock.project));
  s.BindInt(2, EncodeDay(lock.through));
  s.BindOptionalInt(3, IdOrNull(lock.author));
  s.BindInt(4, EncodeTime(lock.created_at));
  WS_SQL_RETURN_IF_ERROR(s.Run());
  return LockId(sqlite3_last_insert_rowid(conn_->db()));
}

absl::Status SqliteTransaction::DeleteLock(LockId id) {
  return DeleteById("DELETE FROM locks WHERE id = ?", "lock", id.value());
}

// --------------------------------------------------- transaction: rollups

absl::Status SqliteTransaction::AddToRollup(const RollupKey& key,
                                            const RollupTotals& delta) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  if (delta.empty()) return absl::OkStatus();
  static const RollupTableSql* const kDaily =
      new RollupTableSql("rollups", "project_id, task_id, member_id, day");
  WS_SQL_RETURN_IF_ERROR(
      AddToRollupRow(*kDaily,
                     {key.project.value(), key.task.value(), key.member.value(),
                      EncodeDay(key.day)},
                     delta));
  pending_months_[{key.project.value(), key.member.value(),
                   EncodeDay(MonthStart(key.day))}] += delta;
  return absl::OkStatus();
}

absl::Status SqliteTransaction::FlushMonths() {
  for (const auto& [key, delta] : pending_months_) {
    if (delta.empty()) continue;
    const auto& [project, member, month] = key;
    static const RollupTableSql* const kMonthly =
        new RollupTableSql("rollups_monthly", "project_id, member_id, month");
    WS_SQL_RETURN_IF_ERROR(
        AddToRollupRow(*kMonthly, {project, member, month}, delta));
  }
  pending_months_.clear();
  return absl::OkStatus();
}

absl::Status SqliteTransaction::AddToRollupRow(const RollupTableSql& table,
                                               const std::vector<int64_t>& key,
                                               const RollupTotals& delta) {
  bool emptied = false;
  {
    WS_SQL_ASSIGN_OR_RETURN(Statement s, conn_->Prepare(table.upsert));
    int i = 1;
    for (int64_t v : key) s.BindInt(i++, v);
    s.BindInt(i++, delta.seconds);
    s.BindInt(i++, delta.billable_seconds);
    s.BindInt(i++, delta.billed_amount);
    s.BindInt(i++, delta.labour_cost);
    s.BindInt(i++, delta.entry_count);
    WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row)
      return absl::InternalError("sqlite: rollup upsert returned no row");
    emptied = s.Int(0) != 0;
    WS_SQL_RETURN_IF_ERROR(s.Run());
  }
  if (!emptied) return absl::OkStatus();
  WS_SQL_ASSIGN_OR_RETURN(Statement del, conn_->Prepare(table.remove));
  int i = 1;
  for (int64_t v : key) del.BindInt(i++, v);
  return del.Run();
}

absl::StatusOr<std::vector<RollupRow>> SqliteTransaction::ScanRollups(
    const RollupScan& scan) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_RETURN_IF_ERROR(CheckRollupScan(scan));
  if (scan.grain == RollupGrain::kMonth) WS_SQL_RETURN_IF_ERROR(FlushMonths());
  const SqlQuery q = BuildRollupScanQuery(scan);
  std::vector<RollupRow> rows;
  if (q.empty) return rows;
  WS_SQL_ASSIGN_OR_RETURN(Statement s, conn_->Prepare(q.sql));
  s.BindAll(q.args);
  while (true) {
    WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    rows.push_back(ReadRollupRow(s));
  }
  return rows;
}

// --------------------------------------------- transaction: budget alerts

absl::StatusOr<std::vector<BudgetAlert>> SqliteTransaction::ListBudgetAlerts(
    ProjectId project) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("SELECT task_id, kind, percent, crossed_at FROM "
                     "budget_alerts WHERE project_id = ? "
                     "ORDER BY task_id, kind, percent"));
  s.BindInt(1, project.value());
  std::vector<BudgetAlert> alerts;
  while (true) {
    WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    BudgetAlert a;
    a.project = project;
    a.task = TaskId(s.Int(0));  // 0: the project's own budget
    if (!kBudgetAlertKindCodes.Decode(s.Int(1), &a.kind)) {
      return Corrupt("budget alert of project", project.value(), "kind",
                     s.Int(1));
    }
    a.percent = static_cast<int>(s.Int(2));
    a.crossed_at = DecodeTime(s.Int(3));
    alerts.push_back(a);
  }
  return alerts;
}

absl::Status SqliteTransaction::InsertBudgetAlert(const BudgetAlert& alert) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("INSERT INTO budget_alerts (project_id, task_id, kind, "
                     "percent, crossed_at) VALUES (?, ?, ?, ?, ?) "
                     "ON CONFLICT DO NOTHING"));
  s.BindInt(1, alert.project.value());
  s.BindInt(2, alert.task.value());
  s.BindInt(3, kBudgetAlertKindCodes.Encode(alert.kind));
  s.BindInt(4, alert.percent);
  s.BindInt(5, EncodeTime(alert.crossed_at));
  WS_SQL_RETURN_IF_ERROR(s.Run());
  if (sqlite3_changes(conn_->db()) == 0) {
    return absl::AlreadyExistsError(absl::StrCat(
        "a ", alert.kind == BudgetAlert::Kind::kTime ? "time" : "money",
        " budget alert at ", alert.percent, "% is already recorded for ",
        alert.task.valid() ? absl::StrCat("task ", alert.task.value())
                           : absl::StrCat("project ", alert.project.value())));
  }
  return absl::OkStatus();
}

// ---------------------------------------------------- transaction: events

absl::StatusOr<int64_t> SqliteTransaction::AppendEvent(
    const StoredEvent& event) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("INSERT INTO events (entity_type, entity_id, project_id, "
                     "hidden, payload) VALUES (?, ?, ?, ?, ?)"));
  s.BindInt(1, event.entity_type);
  s.BindInt(2, event.entity_id);
  s.BindInt(3, event.project.value());
  s.BindInt(4, event.hidden_from_clients ? 1 : 0);
  s.BindBlob(5, event.payload);
  WS_SQL_RETURN_IF_ERROR(s.Run());
  return sqlite3_last_insert_rowid(conn_->db());
}

absl::StatusOr<std::vector<StoredEvent>> SqliteTransaction::ScanEvents(
    int64_t after_seq, int limit) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("SELECT seq, entity_type, entity_id, project_id, hidden, "
                     "payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?"));
  s.BindInt(1, after_seq);
  s.BindInt(2, limit);
  std::vector<StoredEvent> events;
  while (true) {
    WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    StoredEvent& e = events.emplace_back();
    e.seq = s.Int(0);
    e.entity_type = static_cast<int>(s.Int(1));
    e.entity_id = s.Int(2);
    e.project = ProjectId(s.Int(3));
    e.hidden_from_clients = s.Int(4) != 0;
    e.payload = s.Blob(5);
  }
  return events;
}

}  // namespace
}  // namespace sqlite_internal

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const std::string& path, const StoreOptions& options) {
  using sqlite_internal::Connection;
  if (options.read_only) {
    struct stat st;
    if (stat(path.c_str(), &st) != 0) {
      if (errno == ENOENT) {
        return absl::NotFoundError(absl::StrCat(
            "no store at \"", path, "\" (a read-only open never creates one)"));
      }
    }
  }
  absl::StatusOr<std::unique_ptr<Connection>> conn =
      Connection::Open(path, options.read_only, options.busy_timeout);
  if (!conn.ok()) return conn.status();
  absl::StatusOr<int> version = sqlite_internal::ReadSchemaVersion(**conn);
  if (!version.ok()) return version.status();

  if (options.read_only) {
    if (*version < kSqliteSchemaVersion) {
      return absl::FailedPreconditionError(absl::StrCat(
          "\"", path, "\" has schema version ", *version,
          ", older than version ", kSqliteSchemaVersion,
          " that this library reads; a read-only open never migrates: open "
          "it read-write once to migrate"));
    }
    auto store = std::make_unique<sqlite_internal::SqliteStore>(
        path, options, /*writer=*/nullptr);
    store->AddIdleReader(*std::move(conn));
    return std::unique_ptr<Store>(std::move(store));
  }

  absl::Status s =
      sqlite_internal::PrepareForWriting(**conn, *version, options.synchronous);
  if (!s.ok()) return s;
  return std::unique_ptr<Store>(std::make_unique<sqlite_internal::SqliteStore>(
      path, options, *std::move(conn)));
}

}  // namespace worksection
