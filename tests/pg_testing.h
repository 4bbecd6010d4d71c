// PostgreSQL for tests: a fresh schema per test on the server WS_PG_URI
// names (scripts/pg run sets it; scripts/test runs ctest that way), dropped
// when the test ends, so suites run in parallel against one server. When
// WS_PG_URI is unset the test fails, saying so: PostgreSQL tests never skip.
#ifndef WORKSECTION_TESTS_PG_TESTING_H_
#define WORKSECTION_TESTS_PG_TESTING_H_

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace worksection::testing {

// The placeholder of a PostgreSQL store in a suite's list of store URIs.
inline constexpr char kPgUriParam[] = "postgresql://$PG";

// The server's URI (WS_PG_URI), or "" after a test failure saying it is
// missing.
inline std::string PgServerUri() {
  const char* uri = std::getenv("WS_PG_URI");
  if (uri == nullptr || *uri == '\0') {
    ADD_FAILURE() << "WS_PG_URI is not set: the PostgreSQL tests need a "
                     "server; run them through `scripts/pg run ctest ...` "
                     "(scripts/test does)";
    return "";
  }
  return uri;
}

// `server_uri` with worksection's schema=NAME parameter added.
inline std::string PgUriWithSchema(const std::string& server_uri,
                                   const std::string& schema) {
  return absl::StrCat(server_uri,
                      absl::StrContains(server_uri, "?") ? "&" : "?",
                      "schema=", schema);
}

// A uniquely named schema, dropped (with everything in it) at destruction.
class PgSchema {
 public:
  PgSchema() : server_(PgServerUri()) {
    static std::atomic<int> counter{0};
    name_ = absl::StrCat("ws_test_", getpid(), "_", counter++, "_",
                         absl::ToUnixMicros(absl::Now()) % 1000000);
  }
  ~PgSchema() {
    if (server_.empty()) return;
    PGconn* conn = PQconnectdb(server_.c_str());
    if (PQstatus(conn) == CONNECTION_OK) {
      // Not "drop cascades to ..." for every table on stderr.
      PQsetNoticeProcessor(
          conn, [](void*, const char*) {}, nullptr);
      // The name is the test's own: letters, digits and underscores.
      PQclear(PQexec(conn,
                     ("DROP SCHEMA IF EXISTS " + name_ + " CASCADE").c_str()));
    }
    PQfinish(conn);
  }
  PgSchema(const PgSchema&) = delete;
  PgSchema& operator=(const PgSchema&) = delete;

  bool ok() const { return !server_.empty(); }
  const std::string& name() const { return name_; }
  const std::string& server_uri() const { return server_; }
  // The store URI of the schema.
  std::string uri() const { return PgUriWithSchema(server_, name_); }

 private:
  std::string server_;
  std::string name_;
};

// A suite's store URI made real: "$TMP" becomes `tmp_dir`, and
// kPgUriParam the URI of a fresh schema, which `*pg` then owns (declare it
// before the store, so it outlives it). "" after a test failure when no
// server is given.
inline std::string ExpandStoreUri(const std::string& param,
                                  const std::string& tmp_dir,
                                  std::unique_ptr<PgSchema>* pg) {
  if (param == kPgUriParam) {
    *pg = std::make_unique<PgSchema>();
    return (*pg)->ok() ? (*pg)->uri() : "";
  }
  return absl::StrReplaceAll(param, {{"$TMP", tmp_dir}});
}

}  // namespace worksection::testing

#endif  // WORKSECTION_TESTS_PG_TESTING_H_
