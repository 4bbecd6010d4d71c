// A SQLite connection with a cache of prepared statements, and a RAII
// statement handle. Values always travel as bound parameters.
//
// Thread-compatible: a Connection is used by one thread at a time (the
// store hands each one to a single transaction).
#ifndef WORKSECTION_SRC_STORE_SQLITE_CONNECTION_H_
#define WORKSECTION_SRC_STORE_SQLITE_CONNECTION_H_

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "src/store/sql/sql_query.h"

namespace worksection::sqlite_internal {

using sql_internal::SqlArg;

// Maps a SQLite result code to a canonical status: BUSY/LOCKED ->
// Unavailable, CORRUPT/NOTADB -> DataLoss, the members' e-mail unique
// index -> AlreadyExists, anything else -> Internal. `what` says what was
// being done; `detail` is sqlite3_errmsg (or empty for sqlite3_errstr).
absl::Status SqliteStatus(int rc, absl::string_view what,
                          absl::string_view detail);

class Connection;

// A prepared statement borrowed from a Connection's cache (or owned, when
// the cached one is already in use). Destroying it resets the statement and
// clears its bindings, releasing any read it held. Move-only.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Parameters are numbered from 1.
  void BindInt(int index, int64_t value);
  void BindText(int index, absl::string_view value);
  // Binds bytes as a BLOB, copied.
  void BindBlob(int index, absl::string_view bytes);
  void BindNull(int index);
  void BindOptionalInt(int index, const std::optional<int64_t>& value);
  void Bind(int index, const SqlArg& arg);
  // Binds args[i] to parameter i + 1.
  void BindAll(const std::vector<SqlArg>& args);

  // Resets the statement and clears its bindings, to run it again.
  void Reset();

  // Steps once: true with a row, false when done.
  absl::StatusOr<bool> Step();
  // Steps to the end, for statements that return no rows.
  absl::Status Run();
  // Runs an INSERT of one row written with SqlDialect::returning_id: the
  // new row's id, or none when its ON CONFLICT ... DO NOTHING skipped it.
  absl::StatusOr<std::optional<int64_t>> RunInsert();

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  std::optional<int64_t> OptionalInt(int col) const;
  std::string Text(int col) const;
  std::string Blob(int col) const;

  sqlite3_stmt* raw() const { return stmt_; }

 private:
  friend class Connection;
  Statement(Connection* conn, sqlite3_stmt* stmt, bool* in_use);

  Connection* conn_;
  sqlite3_stmt* stmt_;
  bool* in_use_;  // the cache entry's flag; null for an owned statement
  // Bind errors are reported by the next Step.
  int bind_rc_ = SQLITE_OK;
};

class Connection {
 public:
  using Statement = sqlite_internal::Statement;

  // Opens `path`. With read_only, SQLITE_OPEN_READONLY and never created;
  // else read-write, created if missing. Sets the busy timeout and turns
  // foreign keys on. Never changes the journal mode (see schema.h).
  static absl::StatusOr<std::unique_ptr<Connection>> Open(
      const std::string& path, bool read_only, absl::Duration busy_timeout);

  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A statement for `sql`, from the cache when possible. The SQL text must
  // not carry values: bind them. DataLoss when SQLite refuses the SQL as an
  // error (the store's SQL fits its schema, so the file's schema is damaged).
  absl::StatusOr<Statement> Prepare(absl::string_view sql);

  // Prepares (cached) and runs a statement that takes no parameters.
  absl::Status Exec(absl::string_view sql);

  // Runs `sql` with `args` bound in order and calls `on_row(const
  // Statement&)`, which returns absl::Status, for each row; stops at the
  // first error.
  template <typename OnRow>
  absl::Status ForEachRow(absl::string_view sql,
                          const std::vector<SqlArg>& args, OnRow on_row) {
    absl::StatusOr<Statement> s = Prepare(sql);
    if (!s.ok()) return s.status();
    s->BindAll(args);
    for (;;) {
      absl::StatusOr<bool> row = s->Step();
      if (!row.ok()) return row.status();
      if (!*row) return absl::OkStatus();
      if (absl::Status status = on_row(*s); !status.ok()) return status;
    }
  }

  // The status for a failed call that returned `rc` on this connection.
  absl::Status Error(int rc, absl::string_view what) const;

  sqlite3* db() const { return db_; }
  // Rows the latest INSERT, UPDATE or DELETE changed.
  int64_t changes() const { return sqlite3_changes64(db_); }
  bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }
  const std::string& path() const { return path_; }

 private:
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  // Beyond this many distinct SQL texts, new ones are prepared per use.
  static constexpr size_t kMaxCachedStatements = 256;

  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

  sqlite3* db_;
  std::string path_;
  absl::flat_hash_map<std::string, std::unique_ptr<Cached>> cache_;
};

}  // namespace worksection::sqlite_internal

#endif  // WORKSECTION_SRC_STORE_SQLITE_CONNECTION_H_
