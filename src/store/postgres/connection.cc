#include "src/store/postgres/connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
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
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"

namespace worksection::pg_internal {
namespace {

// Notices ("schema already exists, skipping") are not errors: not printed.
void IgnoreNotice(void*, const char*) {}

// A libpq message without its trailing newline.
std::string Trimmed(const char* message) {
  return std::string(
      absl::StripTrailingAsciiWhitespace(message != nullptr ? message : ""));
}

}  // namespace

std::string NumberPlaceholders(absl::string_view sql, int* params) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  int highest = 0;
  char quote = 0;  // inside '...' or "..."
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;  // a doubled quote reopens at once
      out += c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    size_t end = i + 1;
    while (end < sql.size() && absl::ascii_isdigit(sql[end])) ++end;
    int number = 0;
    if (end > i + 1 &&
        absl::SimpleAtoi(sql.substr(i + 1, end - i - 1), &number)) {
      i = end - 1;
    } else {
      number = ++next;
    }
    highest = std::max(highest, number);
    absl::StrAppend(&out, "$", number);
  }
  *params = highest;
  return out;
}

bool IsRetryableSqlState(absl::string_view sqlstate) {
  return sqlstate == "40001" || sqlstate == "40P01";
}

// ---------------------------------------------------------------- Statement

Statement::Statement(Connection* conn, const std::string* name, std::string sql,
                     int params)
    : conn_(conn), name_(name), sql_(std::move(sql)), params_(params) {}

Statement::Statement(Statement&& other) noexcept
    : conn_(other.conn_),
      name_(other.name_),
      sql_(std::move(other.sql_)),
      params_(std::move(other.params_)),
      bind_error_(std::move(other.bind_error_)),
      result_(other.result_),
      row_(other.row_) {
  other.result_ = nullptr;
}

Statement::~Statement() {
  if (result_ != nullptr) PQclear(result_);
}

void Statement::Reset() {
  if (result_ != nullptr) PQclear(result_);
  result_ = nullptr;
  row_ = -1;
  for (std::optional<std::string>& p : params_) p.reset();
  bind_error_.clear();
}

void Statement::BindInt(int index, int64_t value) {
  Bind(index, SqlArg(value));
}

void Statement::BindText(int index, absl::string_view value) {
  Bind(index, SqlArg(std::string(value)));
}

void Statement::BindBlob(int index, absl::string_view bytes) {
  // BYTEA's text form: \x and two hex digits a byte.
  Bind(index, SqlArg(absl::StrCat("\\x", absl::BytesToHexString(bytes))));
}

void Statement::BindNull(int index) { Bind(index, SqlArg(nullptr)); }

void Statement::BindOptionalInt(int index,
                                const std::optional<int64_t>& value) {
  if (value) {
    BindInt(index, *value);
  } else {
    BindNull(index);
  }
}

void Statement::Bind(int index, const SqlArg& arg) {
  if (index < 1 || index > static_cast<int>(params_.size())) {
    if (bind_error_.empty()) {
      bind_error_ = absl::StrCat("parameter ", index, " of a statement with ",
                                 params_.size());
    }
    return;
  }
  std::optional<std::string>& p = params_[index - 1];
  if (const auto* i = std::get_if<int64_t>(&arg)) {
    p = absl::StrCat(*i);
  } else if (const auto* s = std::get_if<std::string>(&arg)) {
    p = *s;
  } else {
    p.reset();
  }
}

void Statement::BindAll(const std::vector<SqlArg>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    Bind(static_cast<int>(i + 1), args[i]);
  }
}

absl::Status Statement::Execute() {
  if (!bind_error_.empty()) {
    return absl::InternalError(
        absl::StrCat("postgresql: binding ", bind_error_, ": \"", sql_, "\""));
  }
  std::vector<const char*> values(params_.size());
  std::vector<int> lengths(params_.size());
  for (size_t i = 0; i < params_.size(); ++i) {
    values[i] = params_[i] ? params_[i]->data() : nullptr;
    lengths[i] = params_[i] ? static_cast<int>(params_[i]->size()) : 0;
  }
  const int n = static_cast<int>(params_.size());
  // Text format both ways; with explicit lengths a text value is passed as
  // it is, whatever bytes it holds.
  result_ = name_ != nullptr
                ? PQexecPrepared(conn_->conn_, name_->c_str(), n, values.data(),
                                 lengths.data(), nullptr, 0)
                : PQexecParams(conn_->conn_, sql_.c_str(), n, nullptr,
                               values.data(), lengths.data(), nullptr, 0);
  const ExecStatusType status =
      result_ != nullptr ? PQresultStatus(result_) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    return conn_->Error(result_, absl::StrCat("running \"", sql_, "\""));
  }
  int64_t changed = 0;
  conn_->changes_ =
      absl::SimpleAtoi(PQcmdTuples(result_), &changed) ? changed : 0;
  return absl::OkStatus();
}

absl::StatusOr<bool> Statement::Step() {
  if (result_ == nullptr) {
    if (absl::Status s = Execute(); !s.ok()) return s;
  }
  if (row_ < PQntuples(result_)) ++row_;
  return row_ < PQntuples(result_);
}

absl::Status Statement::Run() {
  if (result_ != nullptr) return absl::OkStatus();
  return Execute();
}

absl::StatusOr<std::optional<int64_t>> Statement::RunInsert() {
  absl::StatusOr<bool> row = Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::nullopt;
  const int64_t id = Int(0);
  if (absl::Status s = Run(); !s.ok()) return s;
  return id;
}

bool Statement::IsNull(int col) const {
  return PQgetisnull(result_, row_, col) != 0;
}

int64_t Statement::Int(int col) const {
  int64_t value = 0;
  if (!absl::SimpleAtoi(PQgetvalue(result_, row_, col), &value)) return 0;
  return value;
}

std::optional<int64_t> Statement::OptionalInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

std::string Statement::Text(int col) const {
  return std::string(PQgetvalue(result_, row_, col),
                     static_cast<size_t>(PQgetlength(result_, row_, col)));
}

std::string Statement::Blob(int col) const {
  // The server sends BYTEA as \x and hex (bytea_output = hex, the default
  // since 9.0).
  absl::string_view hex = PQgetvalue(result_, row_, col);
  absl::ConsumePrefix(&hex, "\\x");
  return absl::HexStringToBytes(hex);
}

// --------------------------------------------------------------- Connection

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(
    const std::string& conninfo, const std::string& schema,
    const StoreOptions& options) {
  char* parse_error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &parse_error);
  if (parsed == nullptr) {
    absl::Status status = absl::InvalidArgumentError(absl::StrCat(
        "uri: not a PostgreSQL connection string: ",
        parse_error != nullptr ? Trimmed(parse_error) : "out of memory"));
    PQfreemem(parse_error);
    return status;
  }
  PQconninfoFree(parsed);

  const std::string timeout_s = absl::StrCat(
      std::max<int64_t>(2, absl::ToInt64Seconds(options.busy_timeout)));
  // Earlier keywords are overridden by what `conninfo` (expanded from
  // dbname) says.
  const char* keywords[] = {"connect_timeout", "application_name",
                            "client_encoding", "dbname", nullptr};
  // Names the workspace in pg_stat_activity, for whoever runs the server.
  const std::string application = absl::StrCat("worksection/", schema);
  const char* values[] = {timeout_s.c_str(), application.c_str(), "UTF8",
                          conninfo.c_str(), nullptr};
  PGconn* raw = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (raw == nullptr) {
    return absl::ResourceExhaustedError("postgresql: out of memory");
  }
  std::unique_ptr<Connection> conn(new Connection(raw));
  if (PQstatus(raw) != CONNECTION_OK) {
    return absl::UnavailableError(absl::StrCat(
        "postgresql: cannot connect to the server (", Trimmed(PQhost(raw)), ":",
        Trimmed(PQport(raw)), "): ", Trimmed(PQerrorMessage(raw))));
  }
  PQsetNoticeProcessor(raw, IgnoreNotice, nullptr);
  // The schema goes to set_config as a value, quoted as an identifier.
  const std::string search_path = conn->QuoteIdentifier(schema);
  absl::StatusOr<Statement> setup = conn->Prepare(
      "SELECT set_config('search_path', ?, false), "
      "set_config('lock_timeout', ?, false), "
      "set_config('synchronous_commit', ?, false)");
  if (!setup.ok()) return setup.status();
  setup->BindText(1, search_path);
  setup->BindText(
      2, absl::StrCat(std::max<int64_t>(
                          1, absl::ToInt64Milliseconds(options.busy_timeout)),
                      "ms"));
  setup->BindText(3, options.synchronous == SyncMode::kNormal ? "off" : "on");
  if (absl::Status s = setup->Run(); !s.ok()) return s;
  return conn;
}

Connection::~Connection() { PQfinish(conn_); }

std::string Connection::QuoteIdentifier(absl::string_view name) const {
  char* quoted = PQescapeIdentifier(conn_, name.data(), name.size());
  if (quoted == nullptr) return "\"\"";  // out of memory: names nothing
  std::string result = quoted;
  PQfreemem(quoted);
  return result;
}

bool Connection::in_transaction() const {
  const PGTransactionStatusType s = PQtransactionStatus(conn_);
  return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

absl::Status Connection::Error(const PGresult* result, absl::string_view what) {
  const char* state = result != nullptr
                          ? PQresultErrorField(result, PG_DIAG_SQLSTATE)
                          : nullptr;
  last_sqlstate_ = state != nullptr ? state : "";
  const std::string detail = Trimmed(
      result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
  const std::string message =
      absl::StrCat("postgresql: ", what, ": ",
                   detail.empty() ? Trimmed(PQerrorMessage(conn_)) : detail,
                   last_sqlstate_.empty() ? "" : " (SQLSTATE ", last_sqlstate_,
                   last_sqlstate_.empty() ? "" : ")");
  const absl::string_view code = last_sqlstate_;
  // Connection exceptions (08), the server shutting down or refusing
  // connections (57P01..57P03), or a connection libpq gave up on.
  if (broken() || absl::StartsWith(code, "08") || code == "57P01" ||
      code == "57P02" || code == "57P03") {
    return absl::UnavailableError(
        absl::StrCat(message,
                     "; the PostgreSQL server is unavailable, try again (the "
                     "next call reconnects)"));
  }
  // lock_not_available: the busy timeout passed waiting for a lock.
  if (code == "55P03" || code == "57014") {
    return absl::UnavailableError(absl::StrCat(
        message, "; the store is busy with another writer, try again"));
  }
  if (IsRetryableSqlState(code)) {
    return absl::AbortedError(absl::StrCat(
        message, "; the transaction conflicted with another, try again"));
  }
  if (code == "23505") {
    const char* constraint =
        PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME);
    if (constraint != nullptr &&
        absl::string_view(constraint) == "members_email") {
      return absl::AlreadyExistsError(
          absl::StrCat("member email already exists (", message, ")"));
    }
  }
  if (code == "XX001" || code == "XX002") return absl::DataLossError(message);
  return absl::InternalError(message);
}

absl::StatusOr<Statement> Connection::Prepare(absl::string_view sql) {
  int params = 0;
  std::string numbered = NumberPlaceholders(sql, &params);
  auto it = prepared_.find(sql);
  if (it != prepared_.end()) {
    return Statement(this, it->second.get(), std::move(numbered), params);
  }
  if (prepared_.size() >= kMaxCachedStatements) {
    return Statement(this, nullptr, std::move(numbered), params);
  }
  auto name =
      std::make_unique<std::string>(absl::StrCat("ws", prepared_.size() + 1));
  PGresult* result =
      PQprepare(conn_, name->c_str(), numbered.c_str(), params, nullptr);
  const bool ok =
      result != nullptr && PQresultStatus(result) == PGRES_COMMAND_OK;
  absl::Status status;
  if (!ok) status = Error(result, absl::StrCat("preparing \"", numbered, "\""));
  PQclear(result);
  if (!ok) return status;
  const std::string* stable = name.get();
  prepared_.emplace(std::string(sql), std::move(name));
  return Statement(this, stable, std::move(numbered), params);
}

absl::Status Connection::Exec(absl::string_view sql) {
  const std::string text(sql);
  PGresult* result = PQexec(conn_, text.c_str());
  const ExecStatusType status =
      result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  absl::Status s;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    s = Error(result, absl::StrCat("running \"", text, "\""));
  }
  PQclear(result);
  return s;
}

}  // namespace worksection::pg_internal
