#include "src/store/sqlite/schema.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "src/store/sqlite/connection.h"
#include "src/store/sqlite/sqlite_store.h"

namespace worksection::sqlite_internal {
namespace {

// Version 1: the initial schema.
//
// Encodings are in codec.h. Every table is STRICT, so a value of the wrong
// type is refused rather than stored. Ids are AUTOINCREMENT, so an id is
// never reused, even after a rolled-back insert of the highest one.
//
// Indexes, and the queries they serve:
//   members_email              FindMemberByEmail; the unique e-mail rule
//   project_members PK         a project's members (project_id, member_id)
//   project_members_by_member  ListMemberships, ProjectFilter::member
//   tasks_by_project           ScanTasks by project, in id order
//                              ((project_id, rowid) also serves keyset paging
//                              on id)
//   tasks_by_assignee          "my tasks": assignee [+ status] [ordered by
//                              deadline]
//   tasks_by_author            "tasks I set": the same for the author
//   tasks_by_parent            ListSubtaskIds, TaskFilter::parent, and the
//                              self-referencing foreign key (subtasks only
//                              from version 7)
//   tasks_by_status_deadline   open tasks by deadline, and overdue (status
//                              open, deadline before today) across projects
//   task_tags_by_tag           TaskFilter::tag
//   comments_by_task           ListComments
// tasks.deadline_key is TaskSortKey(task, kDeadline), computed by the store
// on every write, so ORDER BY deadline_key, id is the reference order, and a
// deadline-day range is also a deadline_key range an index can seek.
constexpr char kSchemaV1[] = R"sql(
CREATE TABLE workspace (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  revision INTEGER NOT NULL,
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  currency TEXT NOT NULL,
  week_start INTEGER NOT NULL CHECK (week_start BETWEEN 1 AND 7)
) STRICT;

CREATE TABLE members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  revision INTEGER NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  role INTEGER NOT NULL CHECK (role BETWEEN 1 AND 5),
  company TEXT NOT NULL,
  cost_rate INTEGER,
  billing_rate INTEGER,
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX members_email ON members(email);

CREATE TABLE projects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  revision INTEGER NOT NULL,
  name TEXT NOT NULL,
  status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 3),
  folder TEXT NOT NULL,
  manager_id INTEGER REFERENCES members(id),
  start_day INTEGER,
  deadline_day INTEGER,
  time_budget_s INTEGER,
  money_budget INTEGER,
  billing_rate INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE project_members (
  project_id INTEGER NOT NULL REFERENCES projects(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  role INTEGER NOT NULL CHECK (role BETWEEN 1 AND 3),
  PRIMARY KEY (project_id, member_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX project_members_by_member ON project_members(member_id);

CREATE TABLE project_tags (
  project_id INTEGER NOT NULL REFERENCES projects(id),
  tag TEXT NOT NULL,
  PRIMARY KEY (project_id, tag)
) STRICT, WITHOUT ROWID;

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  revision INTEGER NOT NULL,
  project_id INTEGER NOT NULL REFERENCES projects(id),
  parent_id INTEGER REFERENCES tasks(id),
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  author_id INTEGER REFERENCES members(id),
  assignee_id INTEGER REFERENCES members(id),
  priority INTEGER NOT NULL,
  status INTEGER NOT NULL CHECK (status IN (1, 2)),
  start_day INTEGER,
  deadline_day INTEGER,
  deadline_minute INTEGER CHECK (deadline_minute IS NULL OR
    (deadline_minute BETWEEN 0 AND 1439 AND deadline_day IS NOT NULL)),
  deadline_key INTEGER NOT NULL,
  estimate_s INTEGER,
  money_budget INTEGER,
  hidden_from_clients INTEGER NOT NULL CHECK (hidden_from_clients IN (0, 1)),
  completion_note TEXT NOT NULL,
  completed_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX tasks_by_project ON tasks(project_id);
CREATE INDEX tasks_by_assignee ON tasks(assignee_id, status, deadline_key);
CREATE INDEX tasks_by_author ON tasks(author_id, status, deadline_key);
CREATE INDEX tasks_by_parent ON tasks(parent_id);
CREATE INDEX tasks_by_status_deadline ON tasks(status, deadline_key);

CREATE TABLE task_tags (
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  tag TEXT NOT NULL,
  PRIMARY KEY (task_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX task_tags_by_tag ON task_tags(tag, task_id);

CREATE TABLE task_checklist (
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  done INTEGER NOT NULL CHECK (done IN (0, 1)),
  PRIMARY KEY (task_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE task_subscribers (
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  PRIMARY KEY (task_id, member_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE comments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  revision INTEGER NOT NULL,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  author_id INTEGER REFERENCES members(id),
  text TEXT NOT NULL,
  hidden_from_clients INTEGER NOT NULL CHECK (hidden_from_clients IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX comments_by_task ON comments(task_id);
)sql";

// Version 2: time and money.
//
// New columns take the defaults of the model, so a version-1 file migrates
// in place: settings.forgotten_timer_after 10 h, projects round nothing and
// let clients see hours, project members have no billing rate of their own.
//
// Indexes, and the queries they serve (each also ends in the rowid, which
// is the entry id, so ORDER BY day, id needs no sort after an equality on
// the leading column):
//   time_entries_by_project_day  ScanTimeEntries by project [+ day range]:
//                                project reports and exports, locked-period
//                                checks
//   time_entries_by_member_day   ScanTimeEntries by member [+ day range]:
//                                timesheets, "my time"
//   time_entries_by_task_day     ScanTimeEntries by task (tasks_in, a
//                                task's time), in day order; moving a task
//                                to another project rewrites its entries
//   time_entries_by_day          workspace-wide pages in (day, id) order,
//                                with or without a day range: a page is a
//                                seek, not a sort of every entry
//   costs_by_project_day         ListCosts by project [+ day range]
//   costs_by_task                ListCosts by task (a task's budget)
//   rollups PK                   (project_id, task_id, member_id, day): one
//                                project's rows are a range, and AddToRollup
//                                finds its row by the whole key
//   rollups_by_member_day        ScanRollups by member [+ day range] across
//                                projects (a member's week)
//   rollups_by_day               ScanRollups by day range alone: workspace
//                                reports of a period read that period only
//   budget_alerts PK             (project_id, task_id, kind, percent): a
//                                project's alerts are a range, in the
//                                reference order; task_id 0 is the project's
//                                own budget (a key column cannot be NULL)
// timers.forgotten keeps the flag as it was put, as every field of a
// stored value round-trips (core recomputes it when it reads a timer).
// rollups and budget_alerts are derived data kept by the store's callers in
// the same transaction as what they sum; they carry no foreign keys (a
// rollup key's task or member may be "none", stored as 0).
constexpr char kSchemaV2[] = R"sql(
ALTER TABLE workspace ADD COLUMN forgotten_timer_after_s INTEGER NOT NULL
  DEFAULT 36000;

ALTER TABLE projects ADD COLUMN rounding_mode INTEGER NOT NULL DEFAULT 1
  CHECK (rounding_mode BETWEEN 1 AND 4);
ALTER TABLE projects ADD COLUMN rounding_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE projects ADD COLUMN clients_see_hours INTEGER NOT NULL DEFAULT 1
  CHECK (clients_see_hours IN (0, 1));

ALTER TABLE project_members ADD COLUMN billing_rate INTEGER;

CREATE TABLE time_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  revision INTEGER NOT NULL,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  project_id INTEGER NOT NULL REFERENCES projects(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  day INTEGER NOT NULL,
  start INTEGER,
  seconds INTEGER NOT NULL,
  billed_seconds INTEGER NOT NULL,
  billable INTEGER NOT NULL CHECK (billable IN (0, 1)),
  note TEXT NOT NULL,
  billing_rate INTEGER,
  cost_rate INTEGER,
  billed_amount INTEGER,
  labour_cost INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX time_entries_by_project_day ON time_entries(project_id, day);
CREATE INDEX time_entries_by_member_day ON time_entries(member_id, day);
CREATE INDEX time_entries_by_task_day ON time_entries(task_id, day);
CREATE INDEX time_entries_by_day ON time_entries(day);

CREATE TABLE timers (
  member_id INTEGER PRIMARY KEY REFERENCES members(id),
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  started_at INTEGER NOT NULL,
  forgotten INTEGER NOT NULL CHECK (forgotten IN (0, 1))
) STRICT;

CREATE TABLE costs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  revision INTEGER NOT NULL,
  project_id INTEGER NOT NULL REFERENCES projects(id),
  task_id INTEGER REFERENCES tasks(id),
  kind INTEGER NOT NULL CHECK (kind IN (1, 2)),
  amount INTEGER NOT NULL,
  day INTEGER NOT NULL,
  note TEXT NOT NULL,
  author_id INTEGER REFERENCES members(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX costs_by_project_day ON costs(project_id, day);
CREATE INDEX costs_by_task ON costs(task_id);

CREATE TABLE locks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER REFERENCES projects(id),
  through_day INTEGER NOT NULL,
  author_id INTEGER REFERENCES members(id),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE rollups (
  project_id INTEGER NOT NULL,
  task_id INTEGER NOT NULL,
  member_id INTEGER NOT NULL,
  day INTEGER NOT NULL,
  seconds INTEGER NOT NULL,
  billable_seconds INTEGER NOT NULL,
  billed_amount INTEGER NOT NULL,
  labour_cost INTEGER NOT NULL,
  entry_count INTEGER NOT NULL,
  PRIMARY KEY (project_id, task_id, member_id, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX rollups_by_member_day ON rollups(member_id, day);
CREATE INDEX rollups_by_day ON rollups(day);

CREATE TABLE budget_alerts (
  project_id INTEGER NOT NULL,
  task_id INTEGER NOT NULL,
  kind INTEGER NOT NULL CHECK (kind IN (1, 2)),
  percent INTEGER NOT NULL,
  crossed_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, task_id, kind, percent)
) STRICT, WITHOUT ROWID;
)sql";

// Version 3: the change feed. seq is the rowid: without AUTOINCREMENT a
// rolled-back append's number is reused, so committed numbers have no gaps.
constexpr const char kSchemaV3[] = R"sql(
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  entity_type INTEGER NOT NULL,
  entity_id INTEGER NOT NULL,
  project_id INTEGER NOT NULL,
  hidden INTEGER NOT NULL CHECK (hidden IN (0, 1)),
  payload BLOB NOT NULL
) STRICT;
)sql";

// Version 4: monthly rollups.
//
// rollups_monthly holds the sums of the rollups rows by (project, member,
// month), month being the day code of the month's first day; the store keeps
// it in the same transaction as the daily rows (AddToRollup), so a report of
// whole months reads one row per project, member and month instead of one
// per task and day. The migration fills it from the daily rows. Self-
// contained: it only adds this table and its index.
//   rollups_monthly PK        (project_id, member_id, month): a project's
//                             rows are a range; the upsert finds its row
//   rollups_monthly_by_month  ScanRollups(kMonth) by a month range alone:
//                             workspace reports of some months read only
//                             those months
constexpr char kSchemaV4[] = R"sql(
CREATE TABLE rollups_monthly (
  project_id INTEGER NOT NULL,
  member_id INTEGER NOT NULL,
  month INTEGER NOT NULL,
  seconds INTEGER NOT NULL,
  billable_seconds INTEGER NOT NULL,
  billed_amount INTEGER NOT NULL,
  labour_cost INTEGER NOT NULL,
  entry_count INTEGER NOT NULL,
  PRIMARY KEY (project_id, member_id, month)
) STRICT, WITHOUT ROWID;
CREATE INDEX rollups_monthly_by_month ON rollups_monthly(month);
INSERT INTO rollups_monthly
  SELECT project_id, member_id,
    CAST(julianday(day * 86400, 'unixepoch', 'start of month') - 2440587.5
         AS INTEGER) AS month,
    SUM(seconds), SUM(billable_seconds), SUM(billed_amount),
    SUM(labour_cost), SUM(entry_count)
  FROM rollups GROUP BY project_id, member_id, month;
)sql";

// Version 5: which child rows a task has.
//
// tasks.children flags the child tables that hold rows of the task (1 tags,
// 2 checklist, 4 subscribers), written by the store with the task, so
// reading a page of tasks skips the child queries none of them needs (most
// tasks have no tags, checklist or subscribers: one query instead of four).
// The migration computes it for the existing tasks. Self-contained: it adds
// only this column.
constexpr char kSchemaV5[] = R"sql(
ALTER TABLE tasks ADD COLUMN children INTEGER NOT NULL DEFAULT 7
  CHECK (children BETWEEN 0 AND 7);
UPDATE tasks SET children =
  EXISTS (SELECT 1 FROM task_tags WHERE task_id = tasks.id) +
  2 * EXISTS (SELECT 1 FROM task_checklist WHERE task_id = tasks.id) +
  4 * EXISTS (SELECT 1 FROM task_subscribers WHERE task_id = tasks.id);
)sql";

// Version 6: tasks_by_assignee covers the assignee scans' filters.
//
// The index also holds every other column a task scan by assignee filters
// on (priority, deadline_day, hidden_from_clients, project_id), so a page
// in an order the index does not give (id, priority) picks its ids from the
// index alone and reads only the page's rows from the table, not every
// matching one (BuildTaskScanQuery). id comes right after deadline_key, as
// the rowid did in the old index, so the index still gives the deadline
// order (deadline_key, id) with the status fixed; without it the planner
// prefers tasks_by_status_deadline there. Self-contained: it only rebuilds
// this index, under the same name.
constexpr char kSchemaV6[] = R"sql(
DROP INDEX tasks_by_assignee;
CREATE INDEX tasks_by_assignee ON tasks(assignee_id, status, deadline_key, id,
  priority, deadline_day, hidden_from_clients, project_id);
)sql";

// Version 7: tasks_by_parent holds subtasks only.
//
// Most tasks have no parent, and each of their inserts wrote a page of this
// index in its commit (one of the eight pages a created task wrote to the
// WAL). The lookups it serves are all `parent_id = ?` (ListSubtaskIds,
// TaskFilter::parent, the foreign key's check when a task is deleted),
// which imply `parent_id IS NOT NULL`, so SQLite still uses the partial
// index for them. Self-contained: it only rebuilds this index, under the
// same name.
constexpr char kSchemaV7[] = R"sql(
DROP INDEX tasks_by_parent;
CREATE INDEX tasks_by_parent ON tasks(parent_id) WHERE parent_id IS NOT NULL;
)sql";

// The migrations, in order: kMigrations[i] takes a file from version i to
// version i + 1. Append only; never edit a step that has shipped.
constexpr const char* kMigrations[] = {
    kSchemaV1, kSchemaV2, kSchemaV3, kSchemaV4, kSchemaV5, kSchemaV6, kSchemaV7,
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) ==
                  kSqliteSchemaVersion,
              "one migration step per schema version");

absl::StatusOr<int64_t> QueryInt(Connection& conn, const char* sql) {
  absl::StatusOr<Statement> stmt = conn.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  absl::StatusOr<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::InternalError(absl::StrCat("no row from ", sql));
  return stmt->Int(0);
}

// Runs a script of several statements that carries no values.
absl::Status ExecScript(Connection& conn, const char* sql,
                        absl::string_view what) {
  char* err = nullptr;
  const int rc = sqlite3_exec(conn.db(), sql, nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return absl::OkStatus();
  std::string detail = err != nullptr ? err : "";
  sqlite3_free(err);
  return SqliteStatus(rc, what, detail);
}

}  // namespace

absl::Status CheckFileLength(const std::string& path) {
  // SQLite reads the bytes missing from a file cut short as zeros. A file
  // shorter than a page then opens as an empty database, which a read-write
  // open would set up afresh over what is left of the store, and a partial
  // last page reads zeros in place of its tail, where a b-tree page keeps
  // its first cells. A database file always holds whole pages (SQLite
  // writes, extends and truncates it a page at a time; a WAL checkpoint of
  // the store's 4096-byte pages extends it by one aligned write a page, so
  // a concurrent reader never sees half of one), so any other length is a
  // truncated file.
  struct stat st;
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return absl::OkStatus();  // missing, or not a file: SQLite says which
  }
  const int64_t size = st.st_size;
  constexpr int64_t kMinPageSize = 512;
  if (size == 0) return absl::OkStatus();
  if (size < kMinPageSize) {
    return absl::DataLossError(absl::StrCat(
        "\"", path, "\" is ", size,
        " bytes long, shorter than any SQLite page: a truncated file, or not "
        "a SQLite database"));
  }
  std::ifstream in(path, std::ios::binary);
  std::array<unsigned char, 18> header{};
  in.read(reinterpret_cast<char*>(header.data()), header.size());
  static constexpr char kMagic[] = "SQLite format 3";  // and its NUL
  if (!in || std::memcmp(header.data(), kMagic, sizeof kMagic) != 0) {
    return absl::OkStatus();  // not SQLite: the first read says so
  }
  // Big-endian at offset 16; 1 means 65536.
  int64_t page_size = header[16] << 8 | header[17];
  if (page_size == 1) page_size = 65'536;
  if (page_size < kMinPageSize || (page_size & (page_size - 1)) != 0) {
    return absl::OkStatus();  // a broken header: the first read says so
  }
  if (size % page_size != 0) {
    return absl::DataLossError(absl::StrCat(
        "\"", path, "\" is ", size, " bytes long, not a whole number of its ",
        page_size, "-byte pages: a truncated file"));
  }
  return absl::OkStatus();
}

absl::StatusOr<int> ReadSchemaVersion(Connection& conn) {
  // The first read of the file: a file that is not SQLite fails here with
  // SQLITE_NOTADB, which maps to DataLoss.
  absl::StatusOr<int64_t> app_id = QueryInt(conn, "PRAGMA application_id");
  if (!app_id.ok()) return app_id.status();
  absl::StatusOr<int64_t> version = QueryInt(conn, "PRAGMA user_version");
  if (!version.ok()) return version.status();
  absl::StatusOr<int64_t> objects =
      QueryInt(conn, "SELECT count(*) FROM sqlite_master");
  if (!objects.ok()) return objects.status();

  if (*app_id == 0 && *version == 0 && *objects == 0) return 0;  // empty
  if (*app_id != kApplicationId) {
    return absl::DataLossError(absl::StrCat(
        "\"", conn.path(),
        "\" is a SQLite database but not a worksection store (application_id ",
        *app_id, ", user_version ", *version, ")"));
  }
  if (*version > kSqliteSchemaVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("\"", conn.path(), "\" has schema version ", *version,
                     ", newer than version ", kSqliteSchemaVersion,
                     " that this library knows: use a newer worksection"));
  }
  if (*version < 1) {
    return absl::DataLossError(absl::StrCat(
        "\"", conn.path(), "\" is marked as a worksection store but has ",
        "schema version ", *version));
  }
  return static_cast<int>(*version);
}

absl::Status PrepareForReading(Connection& conn) {
  // The writer's cache: an import touches the pages of the entries' table,
  // its indexes and the rollups at once, and a cache smaller than them
  // re-reads and spills pages mid-transaction. A reader's: it keeps its
  // pages from one read transaction to the next while the file is
  // unchanged, so repeated reads of the same tasks, entries or rollups come
  // from memory rather than a read() a page. Memory is taken as pages are
  // used, so a small store stays small.
  return conn.Exec(absl::StrCat("PRAGMA cache_size = -", kCacheKiB));
}

absl::Status PrepareForWriting(Connection& conn, int version_read,
                               SyncMode sync) {
  {
    absl::StatusOr<Statement> stmt = conn.Prepare("PRAGMA journal_mode = WAL");
    if (!stmt.ok()) return stmt.status();
    absl::StatusOr<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    const std::string mode = *row ? stmt->Text(0) : "";
    if (absl::AsciiStrToLower(mode) != "wal") {
      return absl::InternalError(
          absl::StrCat("sqlite: could not switch \"", conn.path(),
                       "\" to WAL journal mode (it stays \"", mode, "\")"));
    }
  }
  // FULL: durable on return, the WAL is synced at every commit. NORMAL (opt
  // in): synced at checkpoints; in WAL mode that risks the last commits on a
  // power failure, never the file's integrity.
  absl::Status s =
      conn.Exec(sync == SyncMode::kFull ? "PRAGMA synchronous = FULL"
                                        : "PRAGMA synchronous = NORMAL");
  if (!s.ok()) return s;
  // A multi-row insert keeps a statement journal (the pages it changed, to
  // undo it alone if one of its rows fails); in a temporary file that was
  // 2.9 million pwrite calls for a 1,000,000-entry import. The writer's
  // temporary data stays in memory instead.
  s = conn.Exec("PRAGMA temp_store = MEMORY");
  if (!s.ok()) return s;
  s = PrepareForReading(conn);
  if (!s.ok()) return s;

  if (version_read >= kSqliteSchemaVersion) return absl::OkStatus();
  return MigrateTo(conn, kSqliteSchemaVersion);
}

absl::Status MigrateTo(Connection& conn, int target_version) {
  if (target_version < 1 || target_version > kSqliteSchemaVersion) {
    return absl::InvalidArgumentError(absl::StrCat("no schema version ",
                                                   target_version,
                                                   " (this library "
                                                   "knows versions 1 to ",
                                                   kSqliteSchemaVersion, ")"));
  }
  absl::Status s = conn.Exec("BEGIN IMMEDIATE");
  if (!s.ok()) return s;
  auto rollback_unless_committed = [&conn](absl::Status status) {
    if (conn.in_transaction()) conn.Exec("ROLLBACK").IgnoreError();
    return status;
  };
  // Re-read inside the transaction: another process may have migrated the
  // file since ReadSchemaVersion.
  absl::StatusOr<int> version = ReadSchemaVersion(conn);
  if (!version.ok()) return rollback_unless_committed(version.status());
  for (int v = *version; v < target_version; ++v) {
    s = ExecScript(conn, kMigrations[v],
                   absl::StrCat("migrating \"", conn.path(),
                                "\" to schema version ", v + 1));
    if (!s.ok()) return rollback_unless_committed(s);
  }
  if (*version < target_version) {
    // PRAGMA takes no parameters; these are the library's own constants.
    s = conn.Exec(absl::StrCat("PRAGMA application_id = ", kApplicationId));
    if (!s.ok()) return rollback_unless_committed(s);
    s = conn.Exec(absl::StrCat("PRAGMA user_version = ", target_version));
    if (!s.ok()) return rollback_unless_committed(s);
  }
  s = conn.Exec("COMMIT");
  if (!s.ok()) return rollback_unless_committed(s);
  return absl::OkStatus();
}

}  // namespace worksection::sqlite_internal
