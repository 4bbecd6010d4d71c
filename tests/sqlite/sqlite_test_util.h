// Helpers the SQLite store tests share: a raw connection to the file under
// test, query plans, and entity builders.
#ifndef WORKSECTION_TESTS_SQLITE_SQLITE_TEST_UTIL_H_
#define WORKSECTION_TESTS_SQLITE_SQLITE_TEST_UTIL_H_

#include <sqlite3.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <variant>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "src/store/sql/task_scan_sql.h"
#include "tests/store_conformance/store_test.h"
#include "worksection/model.h"
#include "worksection/store.h"

namespace worksection::sqlite_test {

// A plain sqlite3 connection to the store's file, to look at or damage it
// behind the store's back.
class RawDb {
 public:
  explicit RawDb(const std::string& path, bool read_only = false) {
    const int flags = read_only ? SQLITE_OPEN_READONLY
                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db_, flags, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
  }
  ~RawDb() { sqlite3_close(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  // Runs `sql`; the error message, or "" when it succeeded.
  std::string Exec(const std::string& sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    std::string message = rc == SQLITE_OK ? "" : (err ? err : "error");
    sqlite3_free(err);
    return message;
  }

  // The first column of the first row, as text ("" for none or NULL).
  std::string QueryText(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string result;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      if (text != nullptr) result = reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(stmt);
    return result;
  }

  // The query plan of `q` (its parameters bound), one detail a line.
  std::string Plan(const sql_internal::SqlQuery& q) {
    sqlite3_stmt* stmt = nullptr;
    const std::string sql = "EXPLAIN QUERY PLAN " + q.sql;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db_);
    for (size_t i = 0; i < q.args.size(); ++i) {
      const int index = static_cast<int>(i + 1);
      if (const auto* v = std::get_if<int64_t>(&q.args[i])) {
        sqlite3_bind_int64(stmt, index, *v);
      } else if (const auto* s = std::get_if<std::string>(&q.args[i])) {
        sqlite3_bind_text(stmt, index, s->c_str(), -1, SQLITE_TRANSIENT);
      }
    }
    std::string plan;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      absl::StrAppend(
          &plan, reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3)),
          "\n");
    }
    sqlite3_finalize(stmt);
    return plan;
  }

  sqlite3* db() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

inline std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in),
                     std::istreambuf_iterator<char>());
}

inline StoreOptions ReadOnly() {
  StoreOptions o;
  o.read_only = true;
  return o;
}

inline absl::StatusOr<std::unique_ptr<Store>> Open(const std::string& path,
                                                   StoreOptions options = {}) {
  return OpenStore("sqlite:" + path, options);
}

// The store suite's smallest valid entities, under this file's names.
using ::worksection::conformance::Micros;
inline Member MakeMember(const std::string& email) {
  return conformance::SimpleMember(email);
}
inline Project MakeProject(const std::string& name) {
  return conformance::SimpleProject(name);
}
inline Task MakeTask(ProjectId project, MemberId author,
                     const std::string& title) {
  return conformance::SimpleTask(project, author, title);
}

}  // namespace worksection::sqlite_test

#endif  // WORKSECTION_TESTS_SQLITE_SQLITE_TEST_UTIL_H_
