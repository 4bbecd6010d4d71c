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
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "src/store/busy_lock.h"
#include "src/store/sql/sql_query.h"
#include "src/store/sql/sql_transaction.h"
#include "src/store/sqlite/connection.h"
#include "src/store/sqlite/schema.h"
#include "worksection/store.h"

namespace worksection {
namespace sqlite_internal {
namespace {

using sql_internal::SqlArg;

// Idle read connections kept open for reuse; more are closed when released.
constexpr size_t kMaxIdleReaders = 4;

std::string SqliteIdsJson(const std::vector<int64_t>& ids) {
  std::string json = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    absl::StrAppend(&json, i == 0 ? "" : ",", ids[i]);
  }
  json += "]";
  return json;
}

class SqliteStore;

// ------------------------------------------------------------- transaction

class SqliteTransaction : public sql_internal::SqlTransaction<Connection> {
 public:
  SqliteTransaction(SqliteStore* store, Connection* conn, Store::Mode mode)
      : SqlTransaction(conn, mode, kSqliteDialect), store_(store) {}
  ~SqliteTransaction() override;

  absl::Status Commit() override;

 private:
  SqliteStore* const store_;
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
    absl::StatusOr<std::unique_ptr<Connection>> conn =
        Connection::Open(path_, /*read_only=*/true, options_.busy_timeout);
    if (!conn.ok()) return conn.status();
    absl::Status s = PrepareForReading(**conn);
    if (!s.ok()) return s;
    return conn;
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
  if (conn()->in_transaction()) {
    healthy = conn()->Exec("ROLLBACK").ok();
  }
  store_->Release(conn(), mode(), healthy);
}

absl::Status SqliteTransaction::Commit() {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  MarkFinished();
  // A failed flush leaves the transaction open: the destructor rolls it back.
  WS_SQL_RETURN_IF_ERROR(FlushPending());
  absl::Status s = conn()->Exec("COMMIT");
  // A failed COMMIT may leave the transaction open; the destructor rolls it
  // back.
  return s;
}

}  // namespace

// SQLite's side of the shared SQL: id lists travel as one JSON array, read
// back with json_each; text search compares bytes (BLOBs), after lower(),
// which folds ASCII letters only and keeps every other byte, so a needle
// that is not valid UTF-8 on its own (a piece of a multi-byte character)
// matches exactly as in the reference. Ids are AUTOINCREMENT rowids: a given
// one is kept, and fresh ones stay above the largest ever stored.
const sql_internal::SqlDialect kSqliteDialect = {
    [](absl::string_view column) {
      return absl::StrCat(column, " IN (SELECT value FROM json_each(?))");
    },
    [](const std::vector<int64_t>& ids) -> SqlArg {
      return SqliteIdsJson(ids);
    },
    [](absl::string_view column) {
      return absl::StrCat("instr(CAST(lower(", column,
                          ") AS BLOB), CAST(lower(?) AS BLOB)) > 0");
    },
    [](absl::string_view needle) -> SqlArg { return std::string(needle); },
    // AUTOINCREMENT keeps fresh ids above every id stored.
    [](absl::string_view table) -> std::string { return "?"; },
    [](absl::string_view table) -> std::string { return ""; },
    "",  // sqlite3_last_insert_rowid
    // AUTOINCREMENT's next ids: above the largest ever used (sqlite_sequence,
    // which explicit ids also raise) and every stored one; the writer holds
    // the database, so nobody takes them first. Many rows a statement save
    // SQLite a statement's setup and end per row.
    [](absl::string_view table) -> std::string {
      return absl::StrCat(
          "WITH RECURSIVE fresh(id, k) AS (SELECT MAX(COALESCE((SELECT seq "
          "FROM sqlite_sequence WHERE name = '",
          table, "'), 0), COALESCE((SELECT MAX(id) FROM ", table,
          "), 0)) + 1, 1 UNION ALL SELECT id + 1, k + 1 FROM fresh WHERE k < "
          "?) "
          "SELECT id FROM fresh");
    },
};

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
  if (absl::Status s = sqlite_internal::CheckFileLength(path); !s.ok()) {
    return s;
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
    absl::Status s = sqlite_internal::PrepareForReading(**conn);
    if (!s.ok()) return s;
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