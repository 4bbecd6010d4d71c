// The transaction of the SQL stores (SQLite and PostgreSQL): every typed
// read and write of the Transaction interface, written once over a
// connection type. A backend supplies
//   Connection: Prepare(sql) -> absl::StatusOr<Statement>, ForEachRow(sql,
//     args, on_row), changes() (rows the latest statement changed);
//     Connection::Statement: BindInt/BindText/BindNull/BindOptionalInt/
//     BindAll (parameters from 1), Reset, Step (true with a row), Run,
//     IsNull/Int/OptionalInt/Text (columns from 0);
//   a SqlDialect for the SQL that differs;
// and derives its transaction from SqlTransaction to begin, commit and roll
// back as the backend does. SQL is written with ? placeholders, and only in
// the common subset of the two (RETURNING, ON CONFLICT, row values).
#ifndef WORKSECTION_SRC_STORE_SQL_SQL_TRANSACTION_H_
#define WORKSECTION_SRC_STORE_SQL_SQL_TRANSACTION_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "src/store/rollup_months.h"
#include "src/store/sql/codec.h"
#include "src/store/sql/sql_query.h"
#include "src/store/sql/task_scan_sql.h"
#include "src/store/sql/time_money_sql.h"
#include "worksection/limits.h"
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

namespace worksection::sql_internal {

// ------------------------------------------------------------------ helpers

inline std::optional<int64_t> IdOrNull(int64_t value, bool valid) {
  if (!valid) return std::nullopt;
  return value;
}
template <typename T>
std::optional<int64_t> IdOrNull(T id) {
  return IdOrNull(id.value(), id.valid());
}

inline std::optional<int64_t> OptDay(const std::optional<absl::CivilDay>& day) {
  if (!day) return std::nullopt;
  return EncodeDay(*day);
}
template <typename Statement>
std::optional<absl::CivilDay> ReadOptDay(const Statement& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return DecodeDay(s.Int(col));
}
inline std::optional<int64_t> OptDuration(
    const std::optional<absl::Duration>& d) {
  if (!d) return std::nullopt;
  return EncodeDuration(*d);
}
template <typename Statement>
std::optional<absl::Duration> ReadOptDuration(const Statement& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return DecodeDuration(s.Int(col));
}

inline absl::Status Corrupt(absl::string_view entity, int64_t id,
                            absl::string_view field, int64_t value) {
  return absl::DataLossError(absl::StrCat(entity, " ", id, ": stored ", field,
                                          " ", value, " is not a known value"));
}

// An INSERT that inserted no row, which only an ON CONFLICT clause can
// make.
inline absl::Status UnexpectedNoRow() {
  return absl::InternalError("an INSERT inserted no row");
}

// The entity a child row (a tag, a member, a checklist item) belongs to,
// among those being loaded. The query asks only for their rows, so a row of
// any other means the store is corrupt (an index that disagrees with its
// table): DataLoss, not a null pointer.
template <typename T>
absl::StatusOr<T*> OwnerOf(const absl::flat_hash_map<int64_t, T*>& by_id,
                           absl::string_view table, int64_t id) {
  auto it = by_id.find(id);
  if (it == by_id.end()) {
    return absl::DataLossError(
        absl::StrCat(table, ": a row of ", id,
                     " came back for other ids: the store is corrupt"));
  }
  return it->second;
}

// tasks.children: which child tables hold rows of the task, so a read
// skips the others (most tasks have no tags, checklist or subscribers).
inline constexpr int64_t kTaskHasTags = 1;
inline constexpr int64_t kTaskHasChecklist = 2;
inline constexpr int64_t kTaskHasSubscribers = 4;
// Its position in kTaskColumns.
inline constexpr int kTaskChildrenColumn = 20;

inline int64_t TaskChildFlags(const Task& t) {
  return (t.tags.empty() ? 0 : kTaskHasTags) |
         (t.checklist.empty() ? 0 : kTaskHasChecklist) |
         (t.subscribers.empty() ? 0 : kTaskHasSubscribers);
}

inline absl::Status NotFound(absl::string_view entity, int64_t id) {
  return absl::NotFoundError(absl::StrCat(entity, " ", id, " not found"));
}

// ------------------------------------------------------------ row decoding

inline constexpr char kMemberColumns[] =
    "id, revision, name, email, role, company, cost_rate, billing_rate, "
    "active, created_at, updated_at";

template <typename Statement>
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

inline constexpr char kProjectColumns[] =
    "id, revision, name, status, folder, manager_id, start_day, "
    "deadline_day, time_budget_s, money_budget, billing_rate, created_at, "
    "updated_at, rounding_mode, rounding_minutes, clients_see_hours";

template <typename Statement>
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

// Columns as in kTaskColumns, into a default-constructed `t` (a Task is
// large: decoding in place saves moving it).
template <typename Statement>
absl::Status ReadTask(const Statement& s, Task& t) {
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
  return absl::OkStatus();
}

inline constexpr char kCommentColumns[] =
    "id, revision, task_id, author_id, text, hidden_from_clients, "
    "created_at, updated_at";

template <typename Statement>
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
template <typename Statement>
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

// Columns: member_id, task_id, started_at, forgotten.
template <typename Statement>
Timer ReadTimer(const Statement& s) {
  Timer t;
  t.member = MemberId(s.Int(0));
  t.task = TaskId(s.Int(1));
  t.started_at = DecodeTime(s.Int(2));
  t.forgotten = s.Int(3) != 0;
  return t;
}

// Columns as in kCostColumns.
template <typename Statement>
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
template <typename Statement>
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

// The entities of a page by id, and their ids in order.
template <typename T>
std::pair<absl::flat_hash_map<int64_t, T*>, std::vector<int64_t>> IndexById(
    std::vector<T>& items) {
  std::pair<absl::flat_hash_map<int64_t, T*>, std::vector<int64_t>> index;
  for (T& item : items) {
    index.first[item.id.value()] = &item;
    index.second.push_back(item.id.value());
  }
  return index;
}

// The T of a row reader's result, T or absl::StatusOr<T>.
template <typename T>
struct RowType {
  using type = T;
};
template <typename T>
struct RowType<absl::StatusOr<T>> {
  using type = T;
};

// The statements that keep one rollup table (rollups, rollups_monthly), for
// `rows` keys at once: Upsert adds each row's delta to the row of its key
// (creating it); RemoveIfZero deletes the rows of the keys whose totals are
// all zero. Parameters: per row, the key columns, then (Upsert) the five
// totals. No RETURNING: on SQLite it would cost the upsert about as much
// again. Many rows a statement: on PostgreSQL each statement is a round trip.
class RollupTableSql {
 public:
  RollupTableSql(absl::string_view table, absl::string_view key_columns)
      : table_(table),
        key_columns_(key_columns),
        key_count_(static_cast<int>(
            std::vector<absl::string_view>(absl::StrSplit(key_columns, ", "))
                .size())) {}

  std::string Upsert(size_t rows) const {
    std::string sums;
    for (const char* total : {"seconds", "billable_seconds", "billed_amount",
                              "labour_cost", "entry_count"}) {
      // Qualified: in PostgreSQL a bare name would be ambiguous with
      // excluded's.
      absl::StrAppend(&sums, sums.empty() ? "" : ", ", total, " = ", table_,
                      ".", total, " + excluded.", total);
    }
    return absl::StrCat(
        "INSERT INTO ", table_, " (", key_columns_,
        ", seconds, billable_seconds, billed_amount, labour_cost, "
        "entry_count) VALUES ",
        ParamTuples(rows, key_count_ + 5), " ON CONFLICT (", key_columns_,
        ") DO UPDATE SET ", sums);
  }

  std::string RemoveIfZero(size_t rows) const {
    // The casts type the VALUES columns for PostgreSQL, which would take
    // untyped parameters there for text.
    return absl::StrCat(
        "DELETE FROM ", table_, " WHERE (", key_columns_, ") IN (VALUES ",
        ParamTuples(rows, key_count_, "CAST(? AS BIGINT)"),
        ") AND seconds = 0 AND billable_seconds = 0 AND billed_amount = 0 "
        "AND labour_cost = 0 AND entry_count = 0");
  }

 private:
  std::string table_;
  std::string key_columns_;
  int key_count_;
};

// ------------------------------------------------------------- transaction

template <typename Connection>
class SqlTransaction : public Transaction {
 public:
  using Statement = typename Connection::Statement;

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
  absl::StatusOr<std::vector<TaskTally>> TallyTasks(
      const TaskTallyScan& tally) override;
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
  absl::StatusOr<std::vector<TimeEntryId>> InsertTimeEntries(
      const std::vector<TimeEntry>& entries) override;
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

 protected:
  SqlTransaction(Connection* conn, Store::Mode mode, const SqlDialect& dialect)
      : conn_(conn), mode_(mode), dialect_(dialect) {}

  // FailedPrecondition once the transaction has been committed.
  absl::Status CheckOpen() const;
  // Also FailedPrecondition in a read transaction.
  absl::Status CheckWritable() const;
  // After Commit, whatever its outcome: every later call fails.
  void MarkFinished() { finished_ = true; }
  // Writes the rollup deltas and the events gathered since the last
  // flush; a backend's Commit calls it before COMMIT.
  absl::Status FlushPending();
  Connection* conn() const { return conn_; }
  Store::Mode mode() const { return mode_; }

 private:
  // Runs `sql` with `args` and decodes every row with `read` (a Statement
  // -> T or absl::StatusOr<T>).
  template <typename Read>
  auto QueryAll(Read read, absl::string_view sql,
                const std::vector<SqlArg>& args)
      -> absl::StatusOr<std::vector<typename RowType<
          decltype(read(std::declval<const Statement&>()))>::type>>;

  // "INSERT INTO table (columns, id) VALUES (?, ..., <id>) [on_conflict]
  // [RETURNING id]" (the dialect's returning_id): parameters 1..n are the `n`
  // columns, n + 1 the entity's id (NULL for a fresh one).
  std::string InsertSql(absl::string_view table, absl::string_view columns,
                        int n, absl::string_view on_conflict = "") const;
  // Runs `s`, made by InsertSql, with `given` bound as its id (none: a fresh
  // one), and returns the new row's id. A given id that is taken is
  // AlreadyExists, checked first, so that nothing fails in the backend (a
  // failed statement aborts a PostgreSQL transaction); after a given id,
  // fresh ids stay above it. `skipped` is returned when an ON CONFLICT DO
  // NOTHING inserted no row.
  absl::StatusOr<int64_t> InsertRow(Statement& s, int id_param,
                                    absl::string_view table,
                                    absl::string_view entity, int64_t given,
                                    bool given_valid, absl::Status skipped);

  absl::Status BindMemberColumns(Statement& s, const Member& m);
  absl::Status MapEmailConflict(absl::Status status, absl::string_view email);

  absl::StatusOr<std::vector<Project>> QueryProjects(
      absl::string_view sql, const std::vector<SqlArg>& args);
  absl::Status LoadProjectChildren(std::vector<Project>& projects);
  void BindProjectColumns(Statement& s, const Project& p);
  absl::Status WriteProjectChildren(int64_t id, const Project& p, bool replace);

  // `max_rows`: how many rows the query returns at most (its LIMIT).
  absl::StatusOr<std::vector<Task>> QueryTasks(absl::string_view sql,
                                               const std::vector<SqlArg>& args,
                                               int64_t max_rows);
  // `kinds`: the union of the tasks' `children` flags (TaskChildFlags): a
  // child table no task of the page has rows in is not read.
  absl::Status LoadTaskChildren(std::vector<Task>& tasks, int64_t kinds);
  void BindTaskColumns(Statement& s, const Task& t);
  absl::Status WriteTaskChildren(int64_t id, const Task& t, bool replace);

  // Runs a DELETE of one row by id: NotFound naming `entity` when no row
  // went.
  absl::Status DeleteById(absl::string_view sql, absl::string_view entity,
                          int64_t id);

  absl::Status FlushRollups();
  absl::Status FlushEvents();

  // Adds each pending delta to the row of `table` whose key columns hold
  // its key, removes the rows that reach zero, and empties `pending`.
  template <size_t N>
  absl::Status FlushRollupTable(
      const RollupTableSql& table,
      std::map<std::array<int64_t, N>, RollupTotals>& pending);

  Connection* const conn_;
  const Store::Mode mode_;
  const SqlDialect& dialect_;
  bool finished_ = false;
  // Rollup deltas by (project, task, member, day code) and by (project,
  // member, month's first day code), written at the next rollup scan or at
  // Commit: a transaction's entries become one write per rollup row instead
  // of one per entry, and those writes go many rows a statement.
  std::map<std::array<int64_t, 4>, RollupTotals> pending_days_;
  std::map<std::array<int64_t, 3>, RollupTotals> pending_months_;
  // The events appended after the transaction's first, numbered on from
  // last_seq_ (writers are serialized, so nobody else takes the numbers)
  // and written many rows a statement at the next event scan, at Commit,
  // or when kMaxRowsPerStatement are waiting. The first is written at once:
  // a call with one event costs one statement, as before.
  std::optional<int64_t> last_seq_;
  std::vector<StoredEvent> pending_events_;
};

// ---------------------------------------------------------- common checks

template <typename Connection>
absl::Status SqlTransaction<Connection>::CheckOpen() const {
  if (finished_) {
    return absl::FailedPreconditionError(
        "the transaction has been committed: it may only be destroyed");
  }
  return absl::OkStatus();
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::CheckWritable() const {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  if (mode_ != Store::Mode::kWrite) {
    return absl::FailedPreconditionError("a write in a read transaction");
  }
  return absl::OkStatus();
}

template <typename Connection>
std::string SqlTransaction<Connection>::InsertSql(
    absl::string_view table, absl::string_view columns, int n,
    absl::string_view on_conflict) const {
  std::string sql =
      absl::StrCat("INSERT INTO ", table, " (", columns, ", id) VALUES (");
  for (int i = 0; i < n; ++i) sql += "?, ";
  absl::StrAppend(&sql, dialect_.id_value(table), ")",
                  on_conflict.empty() ? "" : " ", on_conflict,
                  dialect_.returning_id);
  return sql;
}

template <typename Connection>
absl::StatusOr<int64_t> SqlTransaction<Connection>::InsertRow(
    Statement& s, int id_param, absl::string_view table,
    absl::string_view entity, int64_t given, bool given_valid,
    absl::Status skipped) {
  if (given_valid) {
    WS_SQL_ASSIGN_OR_RETURN(
        Statement taken,
        conn_->Prepare(absl::StrCat("SELECT 1 FROM ", table, " WHERE id = ?")));
    taken.BindInt(1, given);
    WS_SQL_ASSIGN_OR_RETURN(bool row, taken.Step());
    if (row) {
      return absl::AlreadyExistsError(
          absl::StrCat(entity, " ", given, " already exists"));
    }
  }
  s.BindOptionalInt(id_param, IdOrNull(given, given_valid));
  WS_SQL_ASSIGN_OR_RETURN(std::optional<int64_t> inserted, s.RunInsert());
  if (!inserted) return skipped;
  const int64_t id = *inserted;
  const std::string after = dialect_.after_given_id(table);
  if (given_valid && !after.empty()) {
    WS_SQL_ASSIGN_OR_RETURN(Statement bump, conn_->Prepare(after));
    bump.BindInt(1, given);
    bump.BindInt(2, given);
    WS_SQL_RETURN_IF_ERROR(bump.Run());
  }
  return id;
}

template <typename Connection>
template <typename Read>
auto SqlTransaction<Connection>::QueryAll(Read read, absl::string_view sql,
                                          const std::vector<SqlArg>& args)
    -> absl::StatusOr<std::vector<typename RowType<
        decltype(read(std::declval<const Statement&>()))>::type>> {
  std::vector<
      typename RowType<decltype(read(std::declval<const Statement&>()))>::type>
      rows;
  WS_SQL_RETURN_IF_ERROR(
      conn_->ForEachRow(sql, args, [&](const Statement& s) -> absl::Status {
        auto row = read(s);
        if constexpr (std::is_same_v<decltype(row),
                                     typename decltype(rows)::value_type>) {
          rows.push_back(std::move(row));
        } else {
          if (!row.ok()) return row.status();
          rows.push_back(*std::move(row));
        }
        return absl::OkStatus();
      }));
  return rows;
}

// -------------------------------------------------- transaction: settings

template <typename Connection>
absl::StatusOr<std::optional<WorkspaceSettings>>
SqlTransaction<Connection>::GetSettings() {
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

template <typename Connection>
absl::Status SqlTransaction<Connection>::PutSettings(
    const WorkspaceSettings& settings) {
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

template <typename Connection>
absl::StatusOr<Member> SqlTransaction<Connection>::GetMember(MemberId id) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(std::vector<Member> members,
                          QueryAll(ReadMember<Statement>,
                                   absl::StrCat("SELECT ", kMemberColumns,
                                                " FROM members WHERE id = ?"),
                                   {id.value()}));
  if (members.empty()) return NotFound("member", id.value());
  return std::move(members.front());
}

template <typename Connection>
absl::StatusOr<std::optional<Member>>
SqlTransaction<Connection>::FindMemberByEmail(absl::string_view email) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      std::vector<Member> members,
      QueryAll(ReadMember<Statement>,
               absl::StrCat("SELECT ", kMemberColumns,
                            " FROM members WHERE email = ?"),
               {std::string(email)}));
  if (members.empty()) return std::optional<Member>();
  return std::optional<Member>(std::move(members.front()));
}

template <typename Connection>
absl::StatusOr<std::vector<Member>> SqlTransaction<Connection>::ListMembers(
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
  return QueryAll(ReadMember<Statement>, sql, args);
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::BindMemberColumns(Statement& s,
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

template <typename Connection>
absl::Status SqlTransaction<Connection>::MapEmailConflict(
    absl::Status status, absl::string_view email) {
  if (status.code() == absl::StatusCode::kAlreadyExists) {
    return absl::AlreadyExistsError(
        absl::StrCat("a member with email \"", email, "\" already exists"));
  }
  return status;
}

template <typename Connection>
absl::StatusOr<MemberId> SqlTransaction<Connection>::InsertMember(
    const Member& member) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare(InsertSql(
          "members",
          "revision, name, email, role, company, cost_rate, billing_rate, "
          "active, created_at, updated_at",
          10,
          // No error for a taken e-mail: PostgreSQL would abort the whole
          // transaction.
          "ON CONFLICT (email) DO NOTHING")));
  WS_SQL_RETURN_IF_ERROR(BindMemberColumns(s, member));
  WS_SQL_ASSIGN_OR_RETURN(
      int64_t id,
      InsertRow(s, 11, "members", "member", member.id.value(),
                member.id.valid(),
                MapEmailConflict(absl::AlreadyExistsError(""), member.email)));
  return MemberId(id);
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::UpdateMember(const Member& member) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  {
    // Checked first rather than left to the unique index: a failed
    // statement aborts a PostgreSQL transaction.
    WS_SQL_ASSIGN_OR_RETURN(
        Statement taken,
        conn_->Prepare("SELECT 1 FROM members WHERE email = ? AND id <> ?"));
    taken.BindText(1, member.email);
    taken.BindInt(2, member.id.value());
    WS_SQL_ASSIGN_OR_RETURN(bool row, taken.Step());
    if (row) {
      return MapEmailConflict(absl::AlreadyExistsError(""), member.email);
    }
  }
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("UPDATE members SET revision = ?1, name = ?2, "
                     "email = ?3, role = ?4, company = ?5, cost_rate = ?6, "
                     "billing_rate = ?7, active = ?8, created_at = ?9, "
                     "updated_at = ?10 WHERE id = ?11"));
  WS_SQL_RETURN_IF_ERROR(BindMemberColumns(s, member));
  s.BindInt(11, member.id.value());
  WS_SQL_RETURN_IF_ERROR(MapEmailConflict(s.Run(), member.email));
  if (conn_->changes() == 0) {
    return NotFound("member", member.id.value());
  }
  return absl::OkStatus();
}

// -------------------------------------------------- transaction: projects

template <typename Connection>
absl::StatusOr<std::vector<Project>> SqlTransaction<Connection>::QueryProjects(
    absl::string_view sql, const std::vector<SqlArg>& args) {
  WS_SQL_ASSIGN_OR_RETURN(std::vector<Project> projects,
                          QueryAll(ReadProject<Statement>, sql, args));
  WS_SQL_RETURN_IF_ERROR(LoadProjectChildren(projects));
  return projects;
}

// One query per child table for the whole list.
template <typename Connection>
absl::Status SqlTransaction<Connection>::LoadProjectChildren(
    std::vector<Project>& projects) {
  if (projects.empty()) return absl::OkStatus();
  // Not a structured binding: C++17 lambdas cannot capture one.
  auto index = IndexById(projects);
  auto& by_id = index.first;
  const std::vector<int64_t>& ids = index.second;
  const std::vector<SqlArg> ids_arg = {dialect_.ids_arg(ids)};
  WS_SQL_RETURN_IF_ERROR(conn_->ForEachRow(
      absl::StrCat("SELECT project_id, tag FROM project_tags WHERE ",
                   dialect_.in_ids("project_id"), " ORDER BY project_id, tag"),
      ids_arg, [&](const Statement& s) -> absl::Status {
        WS_SQL_ASSIGN_OR_RETURN(Project * p,
                                OwnerOf(by_id, "project_tags", s.Int(0)));
        p->tags.push_back(s.Text(1));
        return absl::OkStatus();
      }));
  return conn_->ForEachRow(
      absl::StrCat("SELECT project_id, member_id, role, billing_rate FROM "
                   "project_members WHERE ",
                   dialect_.in_ids("project_id"),
                   " ORDER BY project_id, member_id"),
      ids_arg, [&](const Statement& s) -> absl::Status {
        ProjectMember pm;
        pm.member = MemberId(s.Int(1));
        if (!kProjectRoleCodes.Decode(s.Int(2), &pm.role)) {
          return Corrupt("project", s.Int(0), "member role", s.Int(2));
        }
        pm.billing_rate = s.OptionalInt(3);
        WS_SQL_ASSIGN_OR_RETURN(Project * p,
                                OwnerOf(by_id, "project_members", s.Int(0)));
        p->members.push_back(pm);
        return absl::OkStatus();
      });
}

template <typename Connection>
absl::StatusOr<Project> SqlTransaction<Connection>::GetProject(ProjectId id) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      std::vector<Project> projects,
      QueryProjects(absl::StrCat("SELECT ", kProjectColumns,
                                 " FROM projects WHERE id = ?"),
                    {id.value()}));
  if (projects.empty()) return NotFound("project", id.value());
  return std::move(projects.front());
}

template <typename Connection>
absl::StatusOr<std::vector<Project>> SqlTransaction<Connection>::ListProjects(
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
    add(dialect_.in_ids("id"));
    args.push_back(dialect_.ids_arg(IdValues(*scan.ids_in)));
  }
  sql += " ORDER BY id";
  return QueryProjects(sql, args);
}

template <typename Connection>
absl::StatusOr<std::vector<Membership>>
SqlTransaction<Connection>::ListMemberships(MemberId member) {
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

template <typename Connection>
void SqlTransaction<Connection>::BindProjectColumns(Statement& s,
                                                    const Project& p) {
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

template <typename Connection>
absl::Status SqlTransaction<Connection>::WriteProjectChildren(int64_t id,
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

template <typename Connection>
absl::StatusOr<ProjectId> SqlTransaction<Connection>::InsertProject(
    const Project& project) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  int64_t id = 0;
  {
    WS_SQL_ASSIGN_OR_RETURN(
        Statement s,
        conn_->Prepare(InsertSql(
            "projects",
            "revision, name, status, folder, manager_id, start_day, "
            "deadline_day, time_budget_s, money_budget, billing_rate, "
            "created_at, updated_at, rounding_mode, rounding_minutes, "
            "clients_see_hours",
            15)));
    BindProjectColumns(s, project);
    WS_SQL_ASSIGN_OR_RETURN(
        id, InsertRow(s, 16, "projects", "project", project.id.value(),
                      project.id.valid(), UnexpectedNoRow()));
  }
  WS_SQL_RETURN_IF_ERROR(WriteProjectChildren(id, project, false));
  return ProjectId(id);
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::UpdateProject(const Project& project) {
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
    if (conn_->changes() == 0) {
      return NotFound("project", project.id.value());
    }
  }
  return WriteProjectChildren(project.id.value(), project, true);
}

// ----------------------------------------------------- transaction: tasks

template <typename Connection>
absl::StatusOr<std::vector<Task>> SqlTransaction<Connection>::QueryTasks(
    absl::string_view sql, const std::vector<SqlArg>& args, int64_t max_rows) {
  std::vector<Task> tasks;
  // Room for the whole result (at most a page and the row that tells
  // whether another follows), so each task is decoded where it stays.
  tasks.reserve(static_cast<size_t>(
      std::clamp<int64_t>(max_rows, 0, limits::kMaxPageSize + 1)));
  int64_t kinds = 0;
  WS_SQL_RETURN_IF_ERROR(
      conn_->ForEachRow(sql, args, [&](const Statement& s) -> absl::Status {
        WS_SQL_RETURN_IF_ERROR(ReadTask(s, tasks.emplace_back()));
        kinds |= s.Int(kTaskChildrenColumn);
        return absl::OkStatus();
      }));
  WS_SQL_RETURN_IF_ERROR(LoadTaskChildren(tasks, kinds));
  return tasks;
}

// One query per child table for the whole page.
// One query per child table that any task of the page has rows in.
template <typename Connection>
absl::Status SqlTransaction<Connection>::LoadTaskChildren(
    std::vector<Task>& tasks, int64_t kinds) {
  if (tasks.empty() || kinds == 0) return absl::OkStatus();
  // Not a structured binding: C++17 lambdas cannot capture one.
  auto index = IndexById(tasks);
  auto& by_id = index.first;
  const std::vector<int64_t>& ids = index.second;
  const std::vector<SqlArg> ids_arg = {dialect_.ids_arg(ids)};
  const std::string in_ids = dialect_.in_ids("task_id");
  if (kinds & kTaskHasTags) {
    WS_SQL_RETURN_IF_ERROR(conn_->ForEachRow(
        absl::StrCat("SELECT task_id, tag FROM task_tags WHERE ", in_ids,
                     " ORDER BY task_id, tag"),
        ids_arg, [&](const Statement& s) -> absl::Status {
          WS_SQL_ASSIGN_OR_RETURN(Task * t,
                                  OwnerOf(by_id, "task_tags", s.Int(0)));
          t->tags.push_back(s.Text(1));
          return absl::OkStatus();
        }));
  }
  if (kinds & kTaskHasChecklist) {
    WS_SQL_RETURN_IF_ERROR(conn_->ForEachRow(
        absl::StrCat("SELECT task_id, text, done FROM task_checklist WHERE ",
                     in_ids, " ORDER BY task_id, position"),
        ids_arg, [&](const Statement& s) -> absl::Status {
          WS_SQL_ASSIGN_OR_RETURN(Task * t,
                                  OwnerOf(by_id, "task_checklist", s.Int(0)));
          t->checklist.push_back({s.Text(1), s.Int(2) != 0});
          return absl::OkStatus();
        }));
  }
  if (kinds & kTaskHasSubscribers) {
    WS_SQL_RETURN_IF_ERROR(conn_->ForEachRow(
        absl::StrCat("SELECT task_id, member_id FROM task_subscribers WHERE ",
                     in_ids, " ORDER BY task_id, member_id"),
        ids_arg, [&](const Statement& s) -> absl::Status {
          WS_SQL_ASSIGN_OR_RETURN(Task * t,
                                  OwnerOf(by_id, "task_subscribers", s.Int(0)));
          t->subscribers.push_back(MemberId(s.Int(1)));
          return absl::OkStatus();
        }));
  }
  return absl::OkStatus();
}

template <typename Connection>
absl::StatusOr<Task> SqlTransaction<Connection>::GetTask(TaskId id) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(std::vector<Task> tasks,
                          QueryTasks(absl::StrCat("SELECT ", kTaskColumns,
                                                  " FROM tasks WHERE id = ?"),
                                     {id.value()}, 1));
  if (tasks.empty()) return NotFound("task", id.value());
  return std::move(tasks.front());
}

template <typename Connection>
absl::StatusOr<std::vector<Task>> SqlTransaction<Connection>::ScanTasks(
    const TaskScan& scan) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  const SqlQuery q = BuildTaskScanQuery(scan, dialect_);
  if (q.empty) return std::vector<Task>();
  return QueryTasks(q.sql, q.args, scan.limit);
}

template <typename Connection>
absl::StatusOr<std::vector<TaskTally>> SqlTransaction<Connection>::TallyTasks(
    const TaskTallyScan& tally) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  const SqlQuery q = BuildTaskTallyQuery(tally, dialect_);
  std::vector<TaskTally> out;
  if (q.empty) return out;
  WS_SQL_RETURN_IF_ERROR(conn_->ForEachRow(
      q.sql, q.args, [&out](const Statement& s) -> absl::Status {
        TaskTally& t = out.emplace_back();
        t.key = s.Int(0);
        t.open = s.Int(1);
        t.done = s.Int(2);
        t.late = s.Int(3);
        t.estimate = DecodeDuration(s.Int(4));
        t.estimate_done = DecodeDuration(s.Int(5));
        t.last_update = DecodeTime(s.Int(6));
        if (std::optional<int64_t> key = s.OptionalInt(7)) {
          t.first_due_deadline = DecodeDeadlineKey(*key);
          t.first_due = TaskId(s.Int(8));
        }
        return absl::OkStatus();
      }));
  return out;
}

template <typename Connection>
absl::StatusOr<std::vector<TaskId>> SqlTransaction<Connection>::ListSubtaskIds(
    TaskId parent) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare(parent.valid()
                         ? "SELECT id FROM tasks WHERE parent_id = ? "
                           "ORDER BY id"
                         : "SELECT id FROM tasks WHERE parent_id "
                           "IS NULL ORDER BY id"));
  if (parent.valid()) s.BindInt(1, parent.value());
  std::vector<TaskId> ids;
  while (true) {
    WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    ids.push_back(TaskId(s.Int(0)));
  }
  return ids;
}

template <typename Connection>
void SqlTransaction<Connection>::BindTaskColumns(Statement& s, const Task& t) {
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

template <typename Connection>
absl::Status SqlTransaction<Connection>::WriteTaskChildren(int64_t id,
                                                           const Task& t,
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

template <typename Connection>
absl::StatusOr<TaskId> SqlTransaction<Connection>::InsertTask(
    const Task& task) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  int64_t id = 0;
  {
    WS_SQL_ASSIGN_OR_RETURN(
        Statement s,
        conn_->Prepare(InsertSql(
            "tasks",
            "revision, project_id, parent_id, title, text, author_id, "
            "assignee_id, priority, status, start_day, deadline_day, "
            "deadline_minute, deadline_key, estimate_s, money_budget, "
            "hidden_from_clients, completion_note, completed_at, created_at, "
            "updated_at, children",
            21)));
    BindTaskColumns(s, task);
    s.BindInt(21, TaskChildFlags(task));
    WS_SQL_ASSIGN_OR_RETURN(
        id, InsertRow(s, 22, "tasks", "task", task.id.value(), task.id.valid(),
                      UnexpectedNoRow()));
  }
  WS_SQL_RETURN_IF_ERROR(WriteTaskChildren(id, task, false));
  return TaskId(id);
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::UpdateTask(const Task& task) {
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
            "completed_at = ?18, created_at = ?19, updated_at = ?20, "
            "children = ?22 WHERE id = ?21"));
    BindTaskColumns(s, task);
    s.BindInt(21, task.id.value());
    s.BindInt(22, TaskChildFlags(task));
    WS_SQL_RETURN_IF_ERROR(s.Run());
    if (conn_->changes() == 0) {
      return NotFound("task", task.id.value());
    }
  }
  return WriteTaskChildren(task.id.value(), task, true);
}

// -------------------------------------------------- transaction: comments

template <typename Connection>
absl::StatusOr<Comment> SqlTransaction<Connection>::GetComment(CommentId id) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(std::vector<Comment> comments,
                          QueryAll(ReadComment<Statement>,
                                   absl::StrCat("SELECT ", kCommentColumns,
                                                " FROM comments WHERE id = ?"),
                                   {id.value()}));
  if (comments.empty()) return NotFound("comment", id.value());
  return std::move(comments.front());
}

template <typename Connection>
absl::StatusOr<std::vector<Comment>> SqlTransaction<Connection>::ListComments(
    TaskId task, bool include_hidden) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  return QueryAll(
      ReadComment<Statement>,
      absl::StrCat(
          "SELECT ", kCommentColumns, " FROM comments WHERE task_id = ?",
          include_hidden ? "" : " AND hidden_from_clients = 0", " ORDER BY id"),
      {task.value()});
}

template <typename Connection>
absl::StatusOr<CommentId> SqlTransaction<Connection>::InsertComment(
    const Comment& comment) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare(InsertSql("comments",
                               "revision, task_id, author_id, text, "
                               "hidden_from_clients, created_at, updated_at",
                               7)));
  s.BindInt(1, comment.revision);
  s.BindOptionalInt(2, IdOrNull(comment.task));
  s.BindOptionalInt(3, IdOrNull(comment.author));
  s.BindText(4, comment.text);
  s.BindInt(5, comment.hidden_from_clients ? 1 : 0);
  s.BindInt(6, EncodeTime(comment.created_at));
  s.BindInt(7, EncodeTime(comment.updated_at));
  WS_SQL_ASSIGN_OR_RETURN(
      int64_t id, InsertRow(s, 8, "comments", "comment", comment.id.value(),
                            comment.id.valid(), UnexpectedNoRow()));
  return CommentId(id);
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::UpdateComment(const Comment& comment) {
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
  if (conn_->changes() == 0) {
    return NotFound("comment", comment.id.value());
  }
  return absl::OkStatus();
}

// ----------------------------------------------- transaction: time entries

template <typename Connection>
absl::Status SqlTransaction<Connection>::DeleteById(absl::string_view sql,
                                                    absl::string_view entity,
                                                    int64_t id) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(Statement s, conn_->Prepare(sql));
  s.BindInt(1, id);
  WS_SQL_RETURN_IF_ERROR(s.Run());
  if (conn_->changes() == 0) return NotFound(entity, id);
  return absl::OkStatus();
}

template <typename Connection>
absl::StatusOr<TimeEntry> SqlTransaction<Connection>::GetTimeEntry(
    TimeEntryId id) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      std::vector<TimeEntry> entries,
      QueryAll(ReadTimeEntry<Statement>,
               absl::StrCat("SELECT ", kTimeEntryColumns,
                            " FROM time_entries WHERE id = ?"),
               {id.value()}));
  if (entries.empty()) return NotFound("time entry", id.value());
  return std::move(entries.front());
}

template <typename Connection>
absl::StatusOr<std::vector<TimeEntry>>
SqlTransaction<Connection>::ScanTimeEntries(const TimeEntryScan& scan) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  const SqlQuery q = BuildTimeEntryScanQuery(scan, dialect_);
  if (q.empty) return std::vector<TimeEntry>();
  return QueryAll(ReadTimeEntry<Statement>, q.sql, q.args);
}

// The columns a time entry's insert writes, id excepted, in the order
// BindTimeEntryColumns binds them.
inline constexpr char kTimeEntryInsertColumns[] =
    "revision, task_id, project_id, member_id, day, start, seconds, "
    "billed_seconds, billable, note, billing_rate, cost_rate, "
    "billed_amount, labour_cost, created_at, updated_at";
inline constexpr int kTimeEntryInsertColumnCount = 16;

// Binds the columns of a time entry, id excepted, to parameters first ..
// first + 15 in the order of kTimeEntryInsertColumns.
template <typename Statement>
void BindTimeEntryColumns(Statement& s, const TimeEntry& e, int first = 1) {
  const int p = first - 1;
  s.BindInt(p + 1, e.revision);
  s.BindOptionalInt(p + 2, IdOrNull(e.task));
  s.BindOptionalInt(p + 3, IdOrNull(e.project));
  s.BindOptionalInt(p + 4, IdOrNull(e.member));
  s.BindInt(p + 5, EncodeDay(e.date));
  s.BindOptionalInt(p + 6, e.start
                               ? std::optional<int64_t>(EncodeTime(*e.start))
                               : std::nullopt);
  s.BindInt(p + 7, EncodeDuration(e.duration));
  s.BindInt(p + 8, EncodeDuration(e.billed_duration));
  s.BindInt(p + 9, e.billable ? 1 : 0);
  s.BindText(p + 10, e.note);
  s.BindOptionalInt(p + 11, e.billing_rate);
  s.BindOptionalInt(p + 12, e.cost_rate);
  s.BindOptionalInt(p + 13, e.billed_amount);
  s.BindOptionalInt(p + 14, e.labour_cost);
  s.BindInt(p + 15, EncodeTime(e.created_at));
  s.BindInt(p + 16, EncodeTime(e.updated_at));
}

template <typename Connection>
absl::StatusOr<TimeEntryId> SqlTransaction<Connection>::InsertTimeEntry(
    const TimeEntry& entry) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare(InsertSql("time_entries", kTimeEntryInsertColumns,
                               kTimeEntryInsertColumnCount)));
  BindTimeEntryColumns(s, entry);
  WS_SQL_ASSIGN_OR_RETURN(
      int64_t id, InsertRow(s, kTimeEntryInsertColumnCount + 1, "time_entries",
                            "time entry", entry.id.value(), entry.id.valid(),
                            UnexpectedNoRow()));
  return TimeEntryId(id);
}

template <typename Connection>
absl::StatusOr<std::vector<TimeEntryId>>
SqlTransaction<Connection>::InsertTimeEntries(
    const std::vector<TimeEntry>& entries) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  const size_t given =
      std::count_if(entries.begin(), entries.end(),
                    [](const TimeEntry& e) { return e.id.valid(); });
  const std::string fresh_ids = dialect_.fresh_ids("time_entries");
  // Mixed given and fresh ids (no caller does that) go one at a time.
  if (entries.size() < 2 || (given != 0 && given != entries.size()) ||
      (given == 0 && fresh_ids.empty())) {
    return Transaction::InsertTimeEntries(entries);
  }
  std::vector<int64_t> ids;
  ids.reserve(entries.size());
  if (given == 0) {
    WS_SQL_ASSIGN_OR_RETURN(Statement s, conn_->Prepare(fresh_ids));
    s.BindInt(1, static_cast<int64_t>(entries.size()));
    for (;;) {
      WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      ids.push_back(s.Int(0));
    }
    if (ids.size() != entries.size()) {
      return absl::InternalError(absl::StrCat("asked for ", entries.size(),
                                              " fresh time entry ids, got ",
                                              ids.size()));
    }
    // Fresh ids increase in insert order, as one insert at a time gives.
    std::sort(ids.begin(), ids.end());
  } else {
    for (const TimeEntry& e : entries) ids.push_back(e.id.value());
    // AlreadyExists before anything is written, as for one given id (a
    // failed statement would abort a PostgreSQL transaction).
    std::vector<int64_t> sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    auto twice = std::adjacent_find(sorted.begin(), sorted.end());
    if (twice != sorted.end()) {
      return absl::AlreadyExistsError(
          absl::StrCat("time entry ", *twice, " is given twice"));
    }
    WS_SQL_ASSIGN_OR_RETURN(
        Statement taken,
        conn_->Prepare(absl::StrCat("SELECT id FROM time_entries WHERE ",
                                    dialect_.in_ids("id"), " LIMIT 1")));
    taken.Bind(1, dialect_.ids_arg(sorted));
    WS_SQL_ASSIGN_OR_RETURN(bool row, taken.Step());
    if (row) {
      return absl::AlreadyExistsError(
          absl::StrCat("time entry ", taken.Int(0), " already exists"));
    }
  }
  constexpr int kWidth = kTimeEntryInsertColumnCount + 1;
  size_t next = 0;
  for (size_t rows : RowsPerStatement(entries.size())) {
    WS_SQL_ASSIGN_OR_RETURN(
        Statement s, conn_->Prepare(absl::StrCat(
                         "INSERT INTO time_entries (", kTimeEntryInsertColumns,
                         ", id) VALUES ", ParamTuples(rows, kWidth))));
    for (size_t r = 0; r < rows; ++r, ++next) {
      const int first = static_cast<int>(r) * kWidth + 1;
      BindTimeEntryColumns(s, entries[next], first);
      s.BindInt(first + kTimeEntryInsertColumnCount, ids[next]);
    }
    WS_SQL_RETURN_IF_ERROR(s.Run());
  }
  // After given ids, fresh ones stay above them (InsertRow's rule).
  const std::string after = dialect_.after_given_id("time_entries");
  if (given != 0 && !after.empty()) {
    const int64_t top = *std::max_element(ids.begin(), ids.end());
    WS_SQL_ASSIGN_OR_RETURN(Statement bump, conn_->Prepare(after));
    bump.BindInt(1, top);
    bump.BindInt(2, top);
    WS_SQL_RETURN_IF_ERROR(bump.Run());
  }
  std::vector<TimeEntryId> out;
  out.reserve(ids.size());
  for (int64_t id : ids) out.push_back(TimeEntryId(id));
  return out;
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::UpdateTimeEntry(
    const TimeEntry& entry) {
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
  if (conn_->changes() == 0) {
    return NotFound("time entry", entry.id.value());
  }
  return absl::OkStatus();
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::DeleteTimeEntry(TimeEntryId id) {
  return DeleteById("DELETE FROM time_entries WHERE id = ?", "time entry",
                    id.value());
}

// ---------------------------------------------------- transaction: timers

template <typename Connection>
absl::StatusOr<std::optional<Timer>> SqlTransaction<Connection>::GetTimer(
    MemberId member) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(
      std::vector<Timer> timers,
      QueryAll(ReadTimer<Statement>,
               "SELECT member_id, task_id, started_at, forgotten "
               "FROM timers WHERE member_id = ?",
               {member.value()}));
  if (timers.empty()) return std::optional<Timer>();
  return std::optional<Timer>(timers.front());
}

template <typename Connection>
absl::StatusOr<std::vector<Timer>> SqlTransaction<Connection>::ListTimers() {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  return QueryAll(
      ReadTimer<Statement>,
      "SELECT member_id, task_id, started_at, forgotten FROM timers "
      "ORDER BY member_id",
      {});
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::PutTimer(const Timer& timer) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare("INSERT INTO timers (member_id, task_id, started_at, "
                     "forgotten) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT (member_id) DO UPDATE SET "
                     "task_id = excluded.task_id, "
                     "started_at = excluded.started_at, "
                     "forgotten = excluded.forgotten"));
  s.BindOptionalInt(1, IdOrNull(timer.member));
  s.BindOptionalInt(2, IdOrNull(timer.task));
  s.BindInt(3, EncodeTime(timer.started_at));
  s.BindInt(4, timer.forgotten ? 1 : 0);
  return s.Run();
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::DeleteTimer(MemberId member) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s, conn_->Prepare("DELETE FROM timers WHERE member_id = ?"));
  s.BindInt(1, member.value());
  WS_SQL_RETURN_IF_ERROR(s.Run());
  if (conn_->changes() == 0) {
    return absl::NotFoundError(
        absl::StrCat("member ", member.value(), " has no running timer"));
  }
  return absl::OkStatus();
}

// ----------------------------------------------------- transaction: costs

template <typename Connection>
absl::StatusOr<Cost> SqlTransaction<Connection>::GetCost(CostId id) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_ASSIGN_OR_RETURN(std::vector<Cost> costs,
                          QueryAll(ReadCost<Statement>,
                                   absl::StrCat("SELECT ", kCostColumns,
                                                " FROM costs WHERE id = ?"),
                                   {id.value()}));
  if (costs.empty()) return NotFound("cost", id.value());
  return std::move(costs.front());
}

template <typename Connection>
absl::StatusOr<std::vector<Cost>> SqlTransaction<Connection>::ListCosts(
    const CostScan& scan) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  const SqlQuery q = BuildCostScanQuery(scan, dialect_);
  if (q.empty) return std::vector<Cost>();
  return QueryAll(ReadCost<Statement>, q.sql, q.args);
}

// Binds the columns of a cost, id excepted, to parameters 1..10 in the
// order of kCostColumns.
template <typename Statement>
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

template <typename Connection>
absl::StatusOr<CostId> SqlTransaction<Connection>::InsertCost(
    const Cost& cost) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare(InsertSql("costs",
                               "revision, project_id, task_id, kind, amount, "
                               "day, note, author_id, created_at, updated_at",
                               10)));
  BindCostColumns(s, cost);
  WS_SQL_ASSIGN_OR_RETURN(int64_t id,
                          InsertRow(s, 11, "costs", "cost", cost.id.value(),
                                    cost.id.valid(), UnexpectedNoRow()));
  return CostId(id);
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::UpdateCost(const Cost& cost) {
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
  if (conn_->changes() == 0) {
    return NotFound("cost", cost.id.value());
  }
  return absl::OkStatus();
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::DeleteCost(CostId id) {
  return DeleteById("DELETE FROM costs WHERE id = ?", "cost", id.value());
}

// ----------------------------------------------------- transaction: locks

template <typename Connection>
absl::StatusOr<std::vector<PeriodLock>>
SqlTransaction<Connection>::ListLocks() {
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

template <typename Connection>
absl::StatusOr<LockId> SqlTransaction<Connection>::InsertLock(
    const PeriodLock& lock) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare(InsertSql(
          "locks", "project_id, through_day, author_id, created_at", 4)));
  s.BindOptionalInt(1, IdOrNull(lock.project));
  s.BindInt(2, EncodeDay(lock.through));
  s.BindOptionalInt(3, IdOrNull(lock.author));
  s.BindInt(4, EncodeTime(lock.created_at));
  WS_SQL_ASSIGN_OR_RETURN(int64_t id,
                          InsertRow(s, 5, "locks", "lock", lock.id.value(),
                                    lock.id.valid(), UnexpectedNoRow()));
  return LockId(id);
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::DeleteLock(LockId id) {
  return DeleteById("DELETE FROM locks WHERE id = ?", "lock", id.value());
}

// --------------------------------------------------- transaction: rollups

template <typename Connection>
absl::Status SqlTransaction<Connection>::AddToRollup(
    const RollupKey& key, const RollupTotals& delta) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  if (delta.empty()) return absl::OkStatus();
  pending_days_[{key.project.value(), key.task.value(), key.member.value(),
                 EncodeDay(key.day)}] += delta;
  pending_months_[{key.project.value(), key.member.value(),
                   EncodeDay(MonthStart(key.day))}] += delta;
  return absl::OkStatus();
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::FlushPending() {
  WS_SQL_RETURN_IF_ERROR(FlushRollups());
  return FlushEvents();
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::FlushRollups() {
  static const RollupTableSql* const kDaily =
      new RollupTableSql("rollups", "project_id, task_id, member_id, day");
  static const RollupTableSql* const kMonthly =
      new RollupTableSql("rollups_monthly", "project_id, member_id, month");
  WS_SQL_RETURN_IF_ERROR(FlushRollupTable(*kDaily, pending_days_));
  return FlushRollupTable(*kMonthly, pending_months_);
}

template <typename Connection>
template <size_t N>
absl::Status SqlTransaction<Connection>::FlushRollupTable(
    const RollupTableSql& table,
    std::map<std::array<int64_t, N>, RollupTotals>& pending) {
  using Row = std::pair<const std::array<int64_t, N>, RollupTotals>;
  std::vector<const Row*> changed;
  // Only a subtraction can bring a row to zero.
  std::vector<const Row*> subtracted;
  for (const Row& row : pending) {
    if (row.second.empty()) continue;
    changed.push_back(&row);
    const RollupTotals& d = row.second;
    if (d.seconds < 0 || d.billable_seconds < 0 || d.billed_amount < 0 ||
        d.labour_cost < 0 || d.entry_count < 0) {
      subtracted.push_back(&row);
    }
  }
  size_t next = 0;
  for (size_t rows : RowsPerStatement(changed.size())) {
    WS_SQL_ASSIGN_OR_RETURN(Statement s, conn_->Prepare(table.Upsert(rows)));
    int param = 1;
    for (size_t r = 0; r < rows; ++r) {
      const auto& [key, delta] = *changed[next++];
      for (int64_t v : key) s.BindInt(param++, v);
      s.BindInt(param++, delta.seconds);
      s.BindInt(param++, delta.billable_seconds);
      s.BindInt(param++, delta.billed_amount);
      s.BindInt(param++, delta.labour_cost);
      s.BindInt(param++, delta.entry_count);
    }
    WS_SQL_RETURN_IF_ERROR(s.Run());
  }
  next = 0;
  for (size_t rows : RowsPerStatement(subtracted.size())) {
    WS_SQL_ASSIGN_OR_RETURN(Statement s,
                            conn_->Prepare(table.RemoveIfZero(rows)));
    int param = 1;
    for (size_t r = 0; r < rows; ++r) {
      for (int64_t v : subtracted[next++]->first) s.BindInt(param++, v);
    }
    WS_SQL_RETURN_IF_ERROR(s.Run());
  }
  pending.clear();
  return absl::OkStatus();
}

template <typename Connection>
absl::StatusOr<std::vector<RollupRow>> SqlTransaction<Connection>::ScanRollups(
    const RollupScan& scan) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_RETURN_IF_ERROR(CheckRollupScan(scan));
  WS_SQL_RETURN_IF_ERROR(FlushRollups());
  const SqlQuery q = BuildRollupScanQuery(scan, dialect_);
  if (q.empty) return std::vector<RollupRow>();
  return QueryAll(ReadRollupRow<Statement>, q.sql, q.args);
}

// --------------------------------------------- transaction: budget alerts

template <typename Connection>
absl::StatusOr<std::vector<BudgetAlert>>
SqlTransaction<Connection>::ListBudgetAlerts(ProjectId project) {
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

template <typename Connection>
absl::Status SqlTransaction<Connection>::InsertBudgetAlert(
    const BudgetAlert& alert) {
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
  if (conn_->changes() == 0) {
    return absl::AlreadyExistsError(absl::StrCat(
        "a ", alert.kind == BudgetAlert::Kind::kTime ? "time" : "money",
        " budget alert at ", alert.percent, "% is already recorded for ",
        alert.task.valid() ? absl::StrCat("task ", alert.task.value())
                           : absl::StrCat("project ", alert.project.value())));
  }
  return absl::OkStatus();
}

// ---------------------------------------------------- transaction: events

template <typename Connection>
absl::StatusOr<int64_t> SqlTransaction<Connection>::AppendEvent(
    const StoredEvent& event) {
  WS_SQL_RETURN_IF_ERROR(CheckWritable());
  if (last_seq_) {
    StoredEvent queued = event;
    queued.seq = ++*last_seq_;
    pending_events_.push_back(std::move(queued));
    if (pending_events_.size() >= kMaxRowsPerStatement) {
      WS_SQL_RETURN_IF_ERROR(FlushEvents());
    }
    return *last_seq_;
  }
  // The largest number + 1: writers are serialized, so numbers follow
  // commit order, and a rolled-back append's number is handed out again
  // (committed numbers have no gaps). A seek on the primary key.
  WS_SQL_ASSIGN_OR_RETURN(
      Statement s,
      conn_->Prepare(
          "INSERT INTO events (seq, entity_type, entity_id, project_id, "
          "hidden, payload) VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM "
          "events), ?, ?, ?, ?, ?) RETURNING seq"));
  s.BindInt(1, event.entity_type);
  s.BindInt(2, event.entity_id);
  s.BindInt(3, event.project.value());
  s.BindInt(4, event.hidden_from_clients ? 1 : 0);
  s.BindBlob(5, event.payload);
  WS_SQL_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return UnexpectedNoRow();
  const int64_t seq = s.Int(0);
  WS_SQL_RETURN_IF_ERROR(s.Run());
  last_seq_ = seq;
  return seq;
}

template <typename Connection>
absl::Status SqlTransaction<Connection>::FlushEvents() {
  size_t next = 0;
  for (size_t rows : RowsPerStatement(pending_events_.size())) {
    WS_SQL_ASSIGN_OR_RETURN(
        Statement s,
        conn_->Prepare(absl::StrCat(
            "INSERT INTO events (seq, entity_type, entity_id, project_id, "
            "hidden, payload) VALUES ",
            ParamTuples(rows, 6))));
    int param = 1;
    for (size_t r = 0; r < rows; ++r, ++next) {
      const StoredEvent& e = pending_events_[next];
      s.BindInt(param++, e.seq);
      s.BindInt(param++, e.entity_type);
      s.BindInt(param++, e.entity_id);
      s.BindInt(param++, e.project.value());
      s.BindInt(param++, e.hidden_from_clients ? 1 : 0);
      s.BindBlob(param++, e.payload);
    }
    WS_SQL_RETURN_IF_ERROR(s.Run());
  }
  pending_events_.clear();
  return absl::OkStatus();
}

template <typename Statement>
StoredEvent ReadStoredEvent(const Statement& s) {
  StoredEvent e;
  e.seq = s.Int(0);
  e.entity_type = static_cast<int>(s.Int(1));
  e.entity_id = s.Int(2);
  e.project = ProjectId(s.Int(3));
  e.hidden_from_clients = s.Int(4) != 0;
  e.payload = s.Blob(5);
  return e;
}

template <typename Connection>
absl::StatusOr<std::vector<StoredEvent>> SqlTransaction<Connection>::ScanEvents(
    int64_t after_seq, int limit) {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  WS_SQL_RETURN_IF_ERROR(FlushEvents());
  return QueryAll(ReadStoredEvent<Statement>,
                  "SELECT seq, entity_type, entity_id, project_id, hidden, "
                  "payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
                  {after_seq, int64_t{limit}});
}

}  // namespace worksection::sql_internal

#endif  // WORKSECTION_SRC_STORE_SQL_SQL_TRANSACTION_H_
