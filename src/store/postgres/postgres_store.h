// The PostgreSQL store: a workspace in one schema of a PostgreSQL database,
// shared by every process that opens the same URI.
#ifndef WORKSECTION_SRC_STORE_POSTGRES_POSTGRES_STORE_H_
#define WORKSECTION_SRC_STORE_POSTGRES_POSTGRES_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "src/store/sql/sql_query.h"
#include "worksection/store.h"

namespace worksection {

// The schema a URI without schema=NAME opens.
inline constexpr char kDefaultPgSchema[] = "worksection";

// True for the URIs OpenPostgresStore takes: "postgresql:..." or
// "postgres:...".
bool IsPostgresUri(absl::string_view uri);

namespace pg_internal {

// What a store URI says: libpq's connection string and the schema.
struct PgTarget {
  std::string conninfo;  // a libpq URI or key=value string
  std::string schema;
};

// Splits "postgresql://...[?...&schema=NAME...]" (or postgres://) or
// "postgresql:KEY=VALUE ... [schema=NAME]" into libpq's part and the
// schema (kDefaultPgSchema when not given). InvalidArgument for a schema
// name that is not 1 to 63 ASCII letters, digits and underscores, starting
// with a letter or underscore.
absl::StatusOr<PgTarget> ParsePgUri(absl::string_view uri);

// The SQL of PostgreSQL where it differs from SQLite's.
extern const sql_internal::SqlDialect kPgDialect;

}  // namespace pg_internal

// Opens the workspace a PostgreSQL URI names, creating its schema and
// tables unless read-only. See OpenStore for the errors; in addition
// Unavailable when the server cannot be reached.
absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(
    absl::string_view uri, const StoreOptions& options);

}  // namespace worksection

#endif  // WORKSECTION_SRC_STORE_POSTGRES_POSTGRES_STORE_H_
