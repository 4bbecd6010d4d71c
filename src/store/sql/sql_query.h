// What the SQL stores share to build and run queries: a bound value, a
// query with its arguments, and the few places where the SQL of SQLite and
// PostgreSQL differ (a SqlDialect). Statements are written with `?` (or
// `?N`) placeholders; the PostgreSQL connection renumbers them to `$N`.
#ifndef WORKSECTION_SRC_STORE_SQL_SQL_QUERY_H_
#define WORKSECTION_SRC_STORE_SQL_SQL_QUERY_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/strings/string_view.h"

namespace worksection::sql_internal {

// A value to bind to a parameter: NULL, an integer or a text.
using SqlArg = std::variant<std::nullptr_t, int64_t, std::string>;

struct SqlQuery {
  std::string sql;
  std::vector<SqlArg> args;  // args[i] binds parameter i + 1
  bool empty = false;        // true when no row can match: skip the query
};

// The SQL that differs between the backends. Each condition takes exactly
// one parameter, whose value the matching *_arg function makes.
struct SqlDialect {
  // `column` is one of a list of ids.
  std::string (*in_ids)(absl::string_view column);
  SqlArg (*ids_arg)(const std::vector<int64_t>& ids);
  // The text column `column` contains the needle as a byte substring,
  // ASCII letters matching either case (TaskMatches' text_contains).
  std::string (*contains)(absl::string_view column);
  SqlArg (*contains_arg)(absl::string_view needle);
  // The value of `table`'s id column in an INSERT, with one parameter: the
  // entity's id, or NULL for a fresh one.
  std::string (*id_value)(absl::string_view table);
  // What runs after an insert into `table` that kept a given id (bound to
  // both of its parameters) so that fresh ids stay above it; "" for
  // nothing.
  std::string (*after_given_id)(absl::string_view table);
  // Ends an INSERT whose new id Statement::RunInsert reads: " RETURNING
  // id", or "" where the driver knows the id (SQLite, where RETURNING on a
  // table with AUTOINCREMENT would make every insert write a statement
  // journal).
  const char* returning_id;
  // A query of one parameter, n, whose rows are the next n fresh ids of
  // `table` (the ones inserts would take), so that many new rows go in one
  // statement with their ids known; "" where rows go one at a time.
  std::string (*fresh_ids)(absl::string_view table);
};

// The most rows one multi-row statement writes: 512 rows of the widest
// (a time entry's 17 columns) stay under both backends' parameter limits
// (SQLite 32,766; PostgreSQL 65,535).
inline constexpr size_t kMaxRowsPerStatement = 512;
static_assert((kMaxRowsPerStatement & (kMaxRowsPerStatement - 1)) == 0,
              "RowsPerStatement splits the rest of a power of two in bits");

// How many rows each statement of a multi-row write of `n` rows takes: as
// many of kMaxRowsPerStatement as fit, then the rest in powers of two, so
// that a connection prepares at most ten distinct texts a table however
// the sizes vary. The sizes add up to `n`.
std::vector<size_t> RowsPerStatement(size_t n);

// The VALUES list of a multi-row statement: `rows` tuples of `width`
// parameters, each written `param` ("(?, ?), (?, ?)" for 2 rows of 2).
std::string ParamTuples(size_t rows, int width, absl::string_view param = "?");

// The ids of a list of typed ids.
template <typename T>
std::vector<int64_t> IdValues(const std::vector<T>& ids) {
  std::vector<int64_t> values;
  values.reserve(ids.size());
  for (const T& id : ids) values.push_back(id.value());
  return values;
}

// Collects the conditions of a WHERE clause and their arguments into `q`.
class Where {
 public:
  Where(SqlQuery& q, const SqlDialect& dialect) : q_(q), dialect_(dialect) {}

  void Add(absl::string_view condition);
  void Add(absl::string_view condition, SqlArg arg);
  // `column` is one of `ids` (empty: no row can match).
  void AddIn(absl::string_view column, const std::vector<int64_t>& ids);
  // `column` equals the id, or is NULL for an invalid id ("none"). Written
  // as = or IS NULL rather than IS ?, so both backends can use an index.
  void AddIdOrNull(absl::string_view column, int64_t value, bool valid);
  template <typename T>
  void AddIdOrNull(absl::string_view column, T id) {
    AddIdOrNull(column, id.value(), id.valid());
  }
  const std::string& sql() const { return sql_; }

 private:
  SqlQuery& q_;
  const SqlDialect& dialect_;
  std::string sql_;
};

}  // namespace worksection::sql_internal

#endif  // WORKSECTION_SRC_STORE_SQL_SQL_QUERY_H_
