#include "src/store/sqlite/connection.h"

#include <sqlite3.h>

#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace worksection::sqlite_internal {

absl::Status SqliteStatus(int rc, absl::string_view what,
                          absl::string_view detail) {
  std::string message = absl::StrCat(
      "sqlite: ", what, ": ", detail.empty() ? sqlite3_errstr(rc) : detail,
      " (code ", rc, ")");
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(absl::StrCat(
          message, "; the store is busy with another writer, try again"));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(message);
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE &&
          absl::StrContains(detail, "members.email")) {
        return absl::AlreadyExistsError(
            absl::StrCat("member email already exists (", message, ")"));
      }
      // An insert that keeps a given id (a restore) which is taken.
      if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return absl::AlreadyExistsError(message);
      }
      return absl::InternalError(message);
    default:
      return absl::InternalError(message);
  }
}

// ---------------------------------------------------------------- Statement

Statement::Statement(Connection* conn, sqlite3_stmt* stmt, bool* in_use)
    : conn_(conn), stmt_(stmt), in_use_(in_use) {}

Statement::Statement(Statement&& other) noexcept
    : conn_(other.conn_),
      stmt_(other.stmt_),
      in_use_(other.in_use_),
      bind_rc_(other.bind_rc_) {
  other.stmt_ = nullptr;
  other.in_use_ = nullptr;
}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  if (in_use_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_rc_ = SQLITE_OK;
}

void Statement::BindInt(int index, int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Statement::BindText(int index, absl::string_view value) {
  const int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(),
                                     SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Statement::BindBlob(int index, absl::string_view bytes) {
  const int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(),
                                     SQLITE_TRANSIENT);
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Statement::BindNull(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Statement::BindOptionalInt(int index,
                                const std::optional<int64_t>& value) {
  if (value) {
    BindInt(index, *value);
  } else {
    BindNull(index);
  }
}

void Statement::Bind(int index, const SqlArg& arg) {
  if (const auto* i = std::get_if<int64_t>(&arg)) {
    BindInt(index, *i);
  } else if (const auto* s = std::get_if<std::string>(&arg)) {
    BindText(index, *s);
  } else {
    BindNull(index);
  }
}

void Statement::BindAll(const std::vector<SqlArg>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    Bind(static_cast<int>(i + 1), args[i]);
  }
}

absl::StatusOr<bool> Statement::Step() {
  if (bind_rc_ != SQLITE_OK) {
    return conn_->Error(bind_rc_, absl::StrCat("binding a parameter of \"",
                                               sqlite3_sql(stmt_), "\""));
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return conn_->Error(rc, absl::StrCat("running \"", sqlite3_sql(stmt_), "\""));
}

absl::Status Statement::Run() {
  while (true) {
    absl::StatusOr<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

absl::StatusOr<std::optional<int64_t>> Statement::RunInsert() {
  if (absl::Status s = Run(); !s.ok()) return s;
  if (conn_->changes() == 0) return std::nullopt;
  return sqlite3_last_insert_rowid(conn_->db());
}

bool Statement::IsNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

int64_t Statement::Int(int col) const {
  return sqlite3_column_int64(stmt_, col);
}

std::optional<int64_t> Statement::OptionalInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

std::string Statement::Text(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  const int size = sqlite3_column_bytes(stmt_, col);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(size));
}

std::string Statement::Blob(int col) const {
  const void* bytes = sqlite3_column_blob(stmt_, col);
  const int size = sqlite3_column_bytes(stmt_, col);
  if (bytes == nullptr) return std::string();
  return std::string(static_cast<const char*>(bytes),
                     static_cast<size_t>(size));
}

// --------------------------------------------------------------- Connection

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(
    const std::string& path, bool read_only, absl::Duration busy_timeout) {
  // NOMUTEX: each connection is used by one thread at a time (the store's
  // own locking guarantees it). EXRESCODE: extended result codes.
  const int flags = (read_only ? SQLITE_OPEN_READONLY
                               : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string detail = db != nullptr ? sqlite3_errmsg(db) : "";
    sqlite3_close(db);
    return SqliteStatus(rc, absl::StrCat("opening \"", path, "\""), detail);
  }
  std::unique_ptr<Connection> conn(new Connection(db, path));
  sqlite3_extended_result_codes(db, 1);
  int64_t ms = absl::ToInt64Milliseconds(busy_timeout);
  if (ms < 0) ms = 0;
  if (ms > INT_MAX) ms = INT_MAX;
  sqlite3_busy_timeout(db, static_cast<int>(ms));
  // Per connection and outside any transaction; reads nothing from the file.
  absl::Status s = conn->Exec("PRAGMA foreign_keys = ON");
  if (!s.ok()) return s;
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached->stmt);
  cache_.clear();
  sqlite3_close(db_);
}

absl::Status Connection::Error(int rc, absl::string_view what) const {
  // sqlite3_errmsg describes the latest failure on this connection, which
  // is `rc` when called right after it.
  return SqliteStatus(rc, what, sqlite3_errmsg(db_));
}

absl::StatusOr<Statement> Connection::Prepare(absl::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end() && !it->second->in_use) {
    it->second->in_use = true;
    return Statement(this, it->second->stmt, &it->second->in_use);
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(
      db_, sql.data(), static_cast<int>(sql.size()),
      it == cache_.end() ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status status = Error(rc, absl::StrCat("preparing \"", sql, "\""));
    sqlite3_finalize(stmt);
    // The store prepares only its own SQL, written for the schema the file's
    // version promises (checked when it opens). SQLite refusing it as an
    // error (no such table or column) means the schema stored in the file
    // was damaged: DataLoss, like any other corruption.
    if ((rc & 0xff) == SQLITE_ERROR) {
      return absl::DataLossError(
          absl::StrCat(status.message(), "; the file's schema is damaged"));
    }
    return status;
  }
  if (it == cache_.end() && cache_.size() < kMaxCachedStatements) {
    auto cached = std::make_unique<Cached>();
    cached->stmt = stmt;
    cached->in_use = true;
    bool* in_use = &cached->in_use;
    cache_.emplace(std::string(sql), std::move(cached));
    return Statement(this, stmt, in_use);
  }
  // Already in use (a nested use of the same SQL) or the cache is full: a
  // statement of its own, finalized when done.
  return Statement(this, stmt, nullptr);
}

absl::Status Connection::Exec(absl::string_view sql) {
  absl::StatusOr<Statement> stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  return stmt->Run();
}

}  // namespace worksection::sqlite_internal
