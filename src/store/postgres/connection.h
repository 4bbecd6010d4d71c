// A libpq connection with a cache of prepared statements, and a statement
// handle with the same interface as the SQLite store's (so the shared
// SqlTransaction runs on either). Values always travel as parameters of
// PQexecPrepared, never inside the SQL text.
//
// Thread-compatible: a Connection is used by one thread at a time (the
// store hands each one to a single transaction).
#ifndef WORKSECTION_SRC_STORE_POSTGRES_CONNECTION_H_
#define WORKSECTION_SRC_STORE_POSTGRES_CONNECTION_H_

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "src/store/sql/sql_query.h"
#include "worksection/store.h"

namespace worksection::pg_internal {

using sql_internal::SqlArg;

// "SELECT ... WHERE a = ? AND b = ?" -> "... a = $1 AND b = $2"; "?N" ->
// "$N". Quoted strings and identifiers are left alone. `params` receives
// the number of parameters (the highest number).
std::string NumberPlaceholders(absl::string_view sql, int* params);

// True for the SQLSTATEs of a transaction that failed only because of
// others running at the same time (serialization failure, deadlock): the
// same work, started again, can succeed.
bool IsRetryableSqlState(absl::string_view sqlstate);

class Connection;

// A statement to run once with its bound parameters; its rows are read
// after the first Step. Move-only.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Parameters are numbered from 1.
  void BindInt(int index, int64_t value);
  void BindText(int index, absl::string_view value);
  // Bytes, for a BYTEA column.
  void BindBlob(int index, absl::string_view bytes);
  void BindNull(int index);
  void BindOptionalInt(int index, const std::optional<int64_t>& value);
  void Bind(int index, const SqlArg& arg);
  // Binds args[i] to parameter i + 1.
  void BindAll(const std::vector<SqlArg>& args);

  // Forgets the rows and the bindings, to run the statement again.
  void Reset();

  // Runs the statement at the first call; then true with a row, false
  // after the last.
  absl::StatusOr<bool> Step();
  // Runs the statement, for statements whose rows are not read.
  absl::Status Run();
  // Runs an INSERT of one row written with SqlDialect::returning_id: the
  // new row's id, or none when its ON CONFLICT ... DO NOTHING skipped it.
  absl::StatusOr<std::optional<int64_t>> RunInsert();

  // Columns are numbered from 0; valid after Step returned true.
  bool IsNull(int col) const;
  int64_t Int(int col) const;
  std::optional<int64_t> OptionalInt(int col) const;
  std::string Text(int col) const;
  // A BYTEA column's bytes.
  std::string Blob(int col) const;

 private:
  friend class Connection;
  Statement(Connection* conn, const std::string* name, std::string sql,
            int params);
  absl::Status Execute();

  Connection* conn_;
  const std::string* name_;  // the prepared statement; null: unprepared
  std::string sql_;          // numbered ($N) SQL, for unprepared runs
  std::vector<std::optional<std::string>> params_;  // text format
  std::string bind_error_;                          // reported by Step
  PGresult* result_ = nullptr;
  int row_ = -1;
};

class Connection {
 public:
  using Statement = pg_internal::Statement;

  // Connects with libpq's `conninfo` (a URI or key=value string) and
  // makes `schema` the session's search path. options.busy_timeout bounds
  // the connect (unless `conninfo` sets connect_timeout) and every wait for
  // a lock; SyncMode::kNormal turns the session's synchronous_commit off
  // (a server crash may lose the last commits, never corrupts). Unavailable
  // when the server cannot be reached; InvalidArgument for a malformed
  // conninfo.
  static absl::StatusOr<std::unique_ptr<Connection>> Open(
      const std::string& conninfo, const std::string& schema,
      const StoreOptions& options);

  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A statement for `sql` (with ? placeholders), prepared once per
  // connection. The SQL text must not carry values: bind them.
  absl::StatusOr<Statement> Prepare(absl::string_view sql);

  // Runs SQL that takes no parameters (several statements may be given,
  // as a migration script is).
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

  // Rows the latest INSERT, UPDATE or DELETE changed.
  int64_t changes() const { return changes_; }
  // The SQLSTATE of the latest failure ("" for none or a lost connection).
  const std::string& last_sqlstate() const { return last_sqlstate_; }
  // True once the connection to the server is lost: it can only be closed.
  bool broken() const { return PQstatus(conn_) == CONNECTION_BAD; }
  // Inside BEGIN ... (a transaction open, failed or not).
  bool in_transaction() const;
  // A transaction in which a statement failed: only ROLLBACK remains.
  bool transaction_failed() const {
    return PQtransactionStatus(conn_) == PQTRANS_INERROR;
  }
  // `name` as a quoted SQL identifier, for DDL, where an identifier cannot
  // be a parameter.
  std::string QuoteIdentifier(absl::string_view name) const;
  // The server's process id for this connection (pg_backend_pid()).
  int backend_pid() const { return PQbackendPID(conn_); }

  // The status for a statement that failed with `result` (which may be
  // null when the connection itself failed). `what` says what was done.
  absl::Status Error(const PGresult* result, absl::string_view what);

 private:
  friend class pg_internal::Statement;
  // Beyond this many distinct SQL texts, new ones run unprepared.
  static constexpr size_t kMaxCachedStatements = 512;

  explicit Connection(PGconn* conn) : conn_(conn) {}

  PGconn* conn_;
  // SQL text -> the name of its prepared statement.
  absl::flat_hash_map<std::string, std::unique_ptr<std::string>> prepared_;
  int64_t changes_ = 0;
  std::string last_sqlstate_;
};

}  // namespace worksection::pg_internal

#endif  // WORKSECTION_SRC_STORE_POSTGRES_CONNECTION_H_
