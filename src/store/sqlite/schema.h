// The SQLite store's schema: what a file must look like, and the
// forward-only migrations that bring an older file up to date.
#ifndef WORKSECTION_SRC_STORE_SQLITE_SCHEMA_H_
#define WORKSECTION_SRC_STORE_SQLITE_SCHEMA_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "src/store/sqlite/connection.h"
#include "worksection/store.h"

namespace worksection::sqlite_internal {

// PRAGMA application_id of every worksection file ("WSEC"), written with
// the first schema. With PRAGMA user_version (the schema version) it tells
// a worksection store from any other SQLite database.
inline constexpr int32_t kApplicationId = 0x57534543;

// Checks the length of the database file at `path` before SQLite opens it.
// DataLoss for a file cut short: one shorter than a page, or a SQLite file
// that does not end on a page boundary. A missing or empty file passes (a
// new store); so does a file that is not SQLite, which the first read
// reports. Reads at most the 100-byte header.
absl::Status CheckFileLength(const std::string& path);

// Every connection's page cache, in KiB (PRAGMA cache_size; SQLite's
// default is 2 MiB).
inline constexpr int kCacheKiB = 32 * 1024;

// Reads the schema version of the file `conn` is open on, writing nothing.
// 0 for an empty database (no tables: a new or zero-length file).
// DataLoss for a file that is not SQLite, or a SQLite database that is not a
// worksection store; FailedPrecondition for a version newer than
// kSqliteSchemaVersion.
absl::StatusOr<int> ReadSchemaVersion(Connection& conn);

// On every connection, once ReadSchemaVersion accepted the file: sets the
// page cache to kCacheKiB.
absl::Status PrepareForReading(Connection& conn);

// For a read-write store, on its writing connection, after
// ReadSchemaVersion returned `version`: switches the file to WAL, sets
// PRAGMA synchronous to `sync`, prepares it for reading and, when `version` is
// older than kSqliteSchemaVersion, applies the migrations the file lacks in one
// IMMEDIATE transaction (re-reading the version inside it, so two processes
// opening an old or new file at once migrate it once). A current file takes no
// write lock.
absl::Status PrepareForWriting(Connection& conn, int version, SyncMode sync);

// Applies, in one IMMEDIATE transaction, the migrations that take the file
// `conn` is open on from its version up to `target_version`
// (1..kSqliteSchemaVersion; InvalidArgument otherwise), and stamps the
// version; a file already there or past it is left as it is. Sets no journal
// mode. PrepareForWriting migrates through it to kSqliteSchemaVersion; tests
// use it to build files of an older version.
absl::Status MigrateTo(Connection& conn, int target_version);

}  // namespace worksection::sqlite_internal

#endif  // WORKSECTION_SRC_STORE_SQLITE_SCHEMA_H_
