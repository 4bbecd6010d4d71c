#ifndef WORKSECTION_SRC_STORE_SQLITE_SQLITE_STORE_H_
#define WORKSECTION_SRC_STORE_SQLITE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "src/store/sql/sql_query.h"
#include "worksection/store.h"

namespace worksection {

// The schema version this library writes; a file with a newer one is
// refused with FailedPrecondition.
inline constexpr int kSqliteSchemaVersion = 7;

// Opens (creating unless read-only) the SQLite store at `path`. See
// OpenStore for the errors.
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const std::string& path, const StoreOptions& options);

namespace sqlite_internal {
// The SQL of SQLite where it differs from PostgreSQL's.
extern const sql_internal::SqlDialect kSqliteDialect;
}  // namespace sqlite_internal

}  // namespace worksection

#endif  // WORKSECTION_SRC_STORE_SQLITE_SQLITE_STORE_H_
