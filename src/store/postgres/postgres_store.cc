// The PostgreSQL store.
//
// Connections: each transaction runs on a connection of its own, taken from
// a small pool of idle ones (opened on demand). A connection found broken
// (the server restarted, the backend was terminated) is closed, with every
// idle one (they are most likely broken too), and Begin opens a new one:
// a dropped connection is re-established on the next call, and while the
// server stays down Begin answers Unavailable.
//
// Isolation: write transactions of one workspace are serialized, across
// every process and machine, by a transaction-level advisory lock on the
// workspace's schema (pg_advisory_xact_lock, taken right after BEGIN and
// released by COMMIT or ROLLBACK), waited for at most the busy timeout
// (the session's lock_timeout) before Unavailable. They run at READ
// COMMITTED: each statement sees everything committed before it, and since
// no other writer can commit while the lock is held, a writer's reads and
// its revision checks (which core makes in the same transaction) see the
// latest state, so no update is ever lost. Read transactions run at
// REPEATABLE READ, READ ONLY: one snapshot, taken at their first read, for
// their whole life; they wait for nobody and nobody waits for them.
//
// Retries: with writers serialized, a serialization failure (40001) or a
// deadlock (40P01) can only come from taking the locks at the start of a
// transaction, before it has run anything of the caller's. Begin retries
// those, and a connection found broken at BEGIN, up to kBeginAttempts times:
// nothing of the caller's work is lost or repeated. A failure later on is
// returned (as Aborted for 40001/40P01: the caller may run the whole call
// again); Commit never retries, since the work is the caller's to redo.
#include "src/store/postgres/postgres_store.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "src/store/postgres/connection.h"
#include "src/store/postgres/schema.h"
#include "src/store/sql/sql_query.h"
#include "src/store/sql/sql_transaction.h"
#include "worksection/store.h"

namespace worksection {

bool IsPostgresUri(absl::string_view uri) {
  return absl::StartsWith(uri, "postgresql:") ||
         absl::StartsWith(uri, "postgres:");
}

namespace pg_internal {
namespace {

using sql_internal::SqlArg;

// Idle connections kept open for reuse; more are closed when released.
constexpr size_t kMaxIdleConnections = 4;
// How many times Begin starts a transaction before giving up (see the file
// comment for what is retried).
constexpr int kBeginAttempts = 3;

bool ValidSchemaName(absl::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  if (absl::ascii_isdigit(name[0])) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(c) && c != '_') return false;
  }
  return true;
}

// "%41b" -> "Ab"; a malformed escape stays as it is.
std::string PercentDecoded(absl::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    int value = 0;
    if (s[i] == '%' && i + 2 < s.size() &&
        absl::SimpleHexAtoi(s.substr(i + 1, 2), &value)) {
      out += static_cast<char>(value);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

class PgStore;

class PgTransaction : public sql_internal::SqlTransaction<Connection> {
 public:
  PgTransaction(PgStore* store, Connection* conn, Store::Mode mode)
      : SqlTransaction(conn, mode, kPgDialect), store_(store) {}
  ~PgTransaction() override;

  absl::Status Commit() override;

 private:
  PgStore* const store_;
};

class PgStore : public Store {
 public:
  PgStore(PgTarget target, const StoreOptions& options)
      : target_(std::move(target)),
        options_(options),
        lock_key_(WriterLockKey(target_.schema)) {}

  ~PgStore() override {
    std::lock_guard<std::mutex> lock(pool_mu_);
    idle_.clear();
  }

  absl::StatusOr<std::unique_ptr<Transaction>> Begin(Mode mode) override {
    if (mode == Mode::kWrite && options_.read_only) {
      return absl::FailedPreconditionError(
          absl::StrCat("the PostgreSQL store (schema \"", target_.schema,
                       "\") is open read-only: no write transaction"));
    }
    absl::Status last;
    for (int attempt = 0; attempt < kBeginAttempts; ++attempt) {
      absl::StatusOr<std::unique_ptr<Connection>> conn = Acquire();
      if (!conn.ok()) return conn.status();
      last = Start(**conn, mode);
      if (last.ok()) {
        return std::unique_ptr<Transaction>(
            new PgTransaction(this, conn->release(), mode));
      }
      const bool broken = (*conn)->broken();
      const bool retryable = IsRetryableSqlState((*conn)->last_sqlstate());
      Release(conn->release(), /*healthy=*/!broken);
      if (!broken && !retryable) return last;
    }
    return last;
  }

  bool read_only() const override { return options_.read_only; }

  // Takes back the connection of a finished transaction; closes it unless
  // `healthy`, and then every idle one too.
  void Release(Connection* conn, bool healthy) {
    std::unique_ptr<Connection> owned(conn);
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (!healthy || owned->in_transaction()) {
      idle_.clear();
      return;
    }
    if (idle_.size() < kMaxIdleConnections) idle_.push_back(std::move(owned));
  }

  void AddIdle(std::unique_ptr<Connection> conn) {
    std::lock_guard<std::mutex> lock(pool_mu_);
    idle_.push_back(std::move(conn));
  }

 private:
  absl::StatusOr<std::unique_ptr<Connection>> Acquire() {
    {
      std::lock_guard<std::mutex> lock(pool_mu_);
      while (!idle_.empty()) {
        std::unique_ptr<Connection> conn = std::move(idle_.back());
        idle_.pop_back();
        if (!conn->broken()) return conn;
      }
    }
    return Connection::Open(target_.conninfo, target_.schema, options_);
  }

  // BEGIN, and for a writer the writer lock. Rolls back what it began when
  // it fails.
  absl::Status Start(Connection& conn, Mode mode) {
    if (mode == Mode::kRead) {
      return conn.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    }
    WS_SQL_RETURN_IF_ERROR(conn.Exec("BEGIN ISOLATION LEVEL READ COMMITTED"));
    absl::StatusOr<Statement> lock =
        conn.Prepare("SELECT pg_advisory_xact_lock(?)");
    absl::Status s = lock.status();
    if (s.ok()) {
      lock->BindInt(1, lock_key_);
      s = lock->Run();
    }
    if (!s.ok() && !conn.broken() && conn.in_transaction()) {
      conn.Exec("ROLLBACK").IgnoreError();
    }
    if (s.code() == absl::StatusCode::kUnavailable && !conn.broken()) {
      return absl::UnavailableError(absl::StrCat(
          "the PostgreSQL store (schema \"", target_.schema,
          "\") is busy: another write transaction held it past the busy "
          "timeout of ",
          absl::FormatDuration(options_.busy_timeout), "; try again (",
          s.message(), ")"));
    }
    return s;
  }

  const PgTarget target_;
  const StoreOptions options_;
  const int64_t lock_key_;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> idle_;  // by pool_mu_
};

PgTransaction::~PgTransaction() {
  bool healthy = !conn()->broken();
  if (healthy && conn()->in_transaction()) {
    healthy = conn()->Exec("ROLLBACK").ok();
  }
  store_->Release(conn(), healthy);
}

absl::Status PgTransaction::Commit() {
  WS_SQL_RETURN_IF_ERROR(CheckOpen());
  MarkFinished();
  if (conn()->transaction_failed()) {
    // COMMIT would answer ROLLBACK without an error.
    return absl::FailedPreconditionError(
        "a statement of this transaction failed: it is rolled back, nothing "
        "was committed");
  }
  // A failed flush leaves the transaction open: the destructor rolls it back.
  WS_SQL_RETURN_IF_ERROR(FlushPending());
  absl::Status s = conn()->Exec("COMMIT");
  if (!s.ok() && conn()->broken()) {
    return absl::UnavailableError(absl::StrCat(
        s.message(),
        " (the connection was lost during COMMIT: whether it took effect "
        "is unknown)"));
  }
  return s;
}

}  // namespace

absl::StatusOr<PgTarget> ParsePgUri(absl::string_view uri) {
  PgTarget target;
  std::string schema = kDefaultPgSchema;
  absl::string_view rest = uri;
  if (absl::StartsWith(rest, "postgresql://") ||
      absl::StartsWith(rest, "postgres://")) {
    // A libpq URI: schema=NAME is ours, among the query parameters.
    const size_t q = rest.find('?');
    std::vector<std::string> kept;
    if (q != absl::string_view::npos) {
      for (absl::string_view param :
           absl::StrSplit(rest.substr(q + 1), '&', absl::SkipEmpty())) {
        if (absl::ConsumePrefix(&param, "schema=")) {
          schema = PercentDecoded(param);
        } else {
          kept.emplace_back(param);
        }
      }
    }
    target.conninfo = std::string(rest.substr(0, q));
    if (!kept.empty()) {
      absl::StrAppend(&target.conninfo, "?", absl::StrJoin(kept, "&"));
    }
  } else {
    // "postgresql:KEY=VALUE ...": libpq's keyword form; schema=NAME (not
    // quoted) is ours.
    if (!absl::ConsumePrefix(&rest, "postgresql:")) {
      absl::ConsumePrefix(&rest, "postgres:");
    }
    std::vector<std::string> kept;
    for (absl::string_view word :
         absl::StrSplit(rest, absl::ByAnyChar(" \t\n"), absl::SkipEmpty())) {
      if (absl::ConsumePrefix(&word, "schema=")) {
        schema = std::string(word);
      } else {
        kept.emplace_back(word);
      }
    }
    target.conninfo = absl::StrJoin(kept, " ");
  }
  if (!ValidSchemaName(schema)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "uri: schema \"", schema,
        "\" is not a schema name worksection uses (1 to 63 ASCII letters, "
        "digits and underscores, not starting with a digit)"));
  }
  target.schema = std::move(schema);
  return target;
}

// PostgreSQL's side of the shared SQL: id lists travel as one BIGINT[]
// literal; text search compares bytes (bytea), after lower() under the "C"
// collation, which folds ASCII letters only, against the needle lowered
// the same way here and sent as hex (so any bytes can be searched for). Ids
// come from each table's identity sequence unless an insert names one (a
// restore), which then moves the sequence past it.
const sql_internal::SqlDialect kPgDialect = {
    [](absl::string_view column) {
      return absl::StrCat(column, " = ANY (CAST(? AS BIGINT[]))");
    },
    [](const std::vector<int64_t>& ids) -> SqlArg {
      return absl::StrCat("{", absl::StrJoin(ids, ","), "}");
    },
    [](absl::string_view column) {
      return absl::StrCat("position(decode(?, 'hex') IN convert_to(lower(",
                          column, " COLLATE \"C\"), 'UTF8')) > 0");
    },
    [](absl::string_view needle) -> SqlArg {
      return absl::BytesToHexString(absl::AsciiStrToLower(needle));
    },
    [](absl::string_view table) {
      return absl::StrCat(
          "COALESCE(CAST(? AS BIGINT), nextval(pg_get_serial_sequence('", table,
          "', 'id')))");
    },
    [](absl::string_view table) {
      // setval is not transactional: a rolled-back restore leaves the
      // sequence where it moved it, and ids are still never reused.
      return absl::StrCat(
          "SELECT setval(pg_get_serial_sequence('", table,
          "', 'id'), CAST(? AS BIGINT)) WHERE CAST(? AS BIGINT) > "
          "COALESCE(pg_sequence_last_value(CAST(pg_get_serial_sequence('",
          table, "', 'id') AS regclass)), 0)");
    },
    " RETURNING id",
    [](absl::string_view table) {
      return absl::StrCat("SELECT nextval(pg_get_serial_sequence('", table,
                          "', 'id')) FROM generate_series(1, CAST(? AS "
                          "BIGINT))");
    },
};

}  // namespace pg_internal

absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(
    absl::string_view uri, const StoreOptions& options) {
  using pg_internal::Connection;
  absl::StatusOr<pg_internal::PgTarget> target = pg_internal::ParsePgUri(uri);
  if (!target.ok()) return target.status();
  absl::StatusOr<std::unique_ptr<Connection>> conn =
      Connection::Open(target->conninfo, target->schema, options);
  if (!conn.ok()) return conn.status();
  absl::StatusOr<int> version =
      pg_internal::ReadSchemaVersion(**conn, target->schema);
  if (!version.ok()) return version.status();
  if (options.read_only) {
    if (*version == 0) {
      return absl::NotFoundError(absl::StrCat(
          "no worksection store in PostgreSQL schema \"", target->schema,
          "\" (a read-only open never creates one)"));
    }
    if (*version < pg_internal::kPgSchemaVersion) {
      return absl::FailedPreconditionError(absl::StrCat(
          "PostgreSQL schema \"", target->schema, "\" has schema version ",
          *version, ", older than version ", pg_internal::kPgSchemaVersion,
          " that this library reads; a read-only open never migrates: open "
          "it read-write once to migrate"));
    }
  } else if (*version < pg_internal::kPgSchemaVersion) {
    absl::Status s = pg_internal::MigrateTo(**conn, target->schema,
                                            pg_internal::kPgSchemaVersion);
    if (!s.ok()) return s;
  }
  auto store =
      std::make_unique<pg_internal::PgStore>(*std::move(target), options);
  store->AddIdle(*std::move(conn));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace worksection
