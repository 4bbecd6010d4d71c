// The PostgreSQL store's schema: the tables a workspace schema holds, and
// the forward-only migrations that bring an older one up to date. A
// workspace is one PostgreSQL schema (namespace); its version is the row
// of its schema_version table.
#ifndef WORKSECTION_SRC_STORE_POSTGRES_SCHEMA_H_
#define WORKSECTION_SRC_STORE_POSTGRES_SCHEMA_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "src/store/postgres/connection.h"

namespace worksection::pg_internal {

// The schema version this library writes; a newer one is refused with
// FailedPrecondition. (PostgreSQL's versions are its own, not SQLite's.)
inline constexpr int kPgSchemaVersion = 6;

// The key of the transaction-level advisory lock that serializes the
// writers (and migrations) of the workspace in `schema`: the same in every
// process, different for different schemas.
int64_t WriterLockKey(const std::string& schema);

// Reads the version of the workspace in `schema`, writing nothing. 0 when
// the schema does not exist or holds no table. DataLoss for a schema that
// holds tables but is not a worksection store; FailedPrecondition for a
// version newer than kPgSchemaVersion.
absl::StatusOr<int> ReadSchemaVersion(Connection& conn,
                                      const std::string& schema);

// Creates the schema if missing and applies, in one transaction holding the
// writer lock, the migrations from its version up to `target_version`
// (1..kPgSchemaVersion; InvalidArgument otherwise); re-reads the version
// under the lock, so processes opening a new workspace at once migrate it
// once. A schema already there or past it is left as it is.
absl::Status MigrateTo(Connection& conn, const std::string& schema,
                       int target_version);

}  // namespace worksection::pg_internal

#endif  // WORKSECTION_SRC_STORE_POSTGRES_SCHEMA_H_
