// PostgreSQL-specific behaviour of the PostgreSQL store (what every store
// shares is the conformance suites'): URIs and schemas, the schema version,
// connections lost and servers down, and several stores (as several
// processes would) opening and writing one workspace at once.
#include "src/store/postgres/postgres_store.h"

#include <arpa/inet.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/store/postgres/connection.h"
#include "src/store/postgres/schema.h"
#include "tests/pg_testing.h"
#include "tests/testing.h"
#include "worksection/model.h"
#include "worksection/store.h"

namespace worksection {
namespace {

using ::testing::HasSubstr;
using ::worksection::testing::IsOk;
using ::worksection::testing::PgSchema;
using ::worksection::testing::StatusIs;

// Runs one SQL command on the test server, outside any store.
void ServerExec(const std::string& server_uri, const std::string& sql) {
  PGconn* conn = PQconnectdb(server_uri.c_str());
  ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PGresult* result = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  EXPECT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
      << sql << ": " << PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(conn);
}

Member SomeMember(const std::string& email) {
  Member m;
  m.revision = 1;
  m.name = "Member " + email;
  m.email = email;
  return m;
}

absl::StatusOr<MemberId> InsertMember(Store& store, const std::string& email) {
  absl::StatusOr<std::unique_ptr<Transaction>> tx =
      store.Begin(Store::Mode::kWrite);
  if (!tx.ok()) return tx.status();
  absl::StatusOr<MemberId> id = (*tx)->InsertMember(SomeMember(email));
  if (!id.ok()) return id.status();
  if (absl::Status s = (*tx)->Commit(); !s.ok()) return s;
  return *id;
}

absl::StatusOr<size_t> CountMembers(Store& store) {
  absl::StatusOr<std::unique_ptr<Transaction>> tx =
      store.Begin(Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  MemberFilter all;
  all.include_inactive = true;
  absl::StatusOr<std::vector<Member>> members = (*tx)->ListMembers(all);
  if (!members.ok()) return members.status();
  return members->size();
}

void ExpectMemberCount(Store& store, size_t want) {
  absl::StatusOr<size_t> n = CountMembers(store);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, want);
}

// ------------------------------------------------------------------ URIs

TEST(PgUriTest, SchemaParameterIsOursAndTheRestGoesToLibpq) {
  WS_ASSERT_OK_AND_ASSIGN(
      pg_internal::PgTarget t,
      pg_internal::ParsePgUri(
          "postgresql://u@db.example:6543/agency?"
          "sslmode=disable&schema=team_a&connect_timeout=3"));
  EXPECT_EQ(t.schema, "team_a");
  EXPECT_EQ(t.conninfo,
            "postgresql://u@db.example:6543/agency?sslmode=disable&"
            "connect_timeout=3");

  WS_ASSERT_OK_AND_ASSIGN(t, pg_internal::ParsePgUri("postgres://h/db"));
  EXPECT_EQ(t.schema, kDefaultPgSchema);
  EXPECT_EQ(t.conninfo, "postgres://h/db");

  WS_ASSERT_OK_AND_ASSIGN(
      t, pg_internal::ParsePgUri("postgresql:host=h dbname=d schema=x_1"));
  EXPECT_EQ(t.schema, "x_1");
  EXPECT_EQ(t.conninfo, "host=h dbname=d");
}

TEST(PgUriTest, BadSchemaNamesAreInvalidArgument) {
  for (const char* uri :
       {"postgresql://h/db?schema=", "postgresql://h/db?schema=1abc",
        "postgresql://h/db?schema=a%22b", "postgresql:schema=a-b"}) {
    EXPECT_THAT(pg_internal::ParsePgUri(uri),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << uri;
  }
}

TEST(PgUriTest, MalformedConnectionStringIsInvalidArgument) {
  EXPECT_THAT(OpenStore("postgresql:nonsense_keyword=1", StoreOptions{}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// A server that is not there: a port of 127.0.0.1 nobody listens on.
TEST(PgServerTest, ServerDownIsUnavailable) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  socklen_t len = sizeof(addr);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  close(fd);  // bound, never listened on: connections are refused
  const std::string uri = absl::StrCat(
      "postgresql://postgres@127.0.0.1:", ntohs(addr.sin_port), "/postgres");
  absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(uri, StoreOptions{});
  EXPECT_THAT(store, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(store.status().message(), HasSubstr("cannot connect"));
}

// ------------------------------------------------------------- the store

class PgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(schema_.ok()); }

  absl::StatusOr<std::unique_ptr<Store>> Open(bool read_only = false) {
    StoreOptions options;
    options.read_only = read_only;
    return OpenStore(schema_.uri(), options);
  }

  PgSchema schema_;
};

TEST_F(PgStoreTest, ReadOnlyOpenOfAMissingSchemaIsNotFoundAndCreatesNothing) {
  EXPECT_THAT(Open(/*read_only=*/true), StatusIs(absl::StatusCode::kNotFound));
  // Still missing: a read-write open creates it.
  EXPECT_THAT(Open(/*read_only=*/true), StatusIs(absl::StatusCode::kNotFound));
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open());
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> reader, Open(true));
  EXPECT_TRUE(reader->read_only());
  EXPECT_THAT(reader->Begin(Store::Mode::kWrite),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(PgStoreTest, NewerSchemaVersionIsRefused) {
  { WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open()); }
  ServerExec(
      schema_.server_uri(),
      absl::StrCat("UPDATE ", schema_.name(), ".schema_version SET version = ",
                   pg_internal::kPgSchemaVersion + 1));
  absl::StatusOr<std::unique_ptr<Store>> store = Open();
  EXPECT_THAT(store, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(store.status().message(), HasSubstr("newer"));
  EXPECT_THAT(Open(true), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(PgStoreTest, AnOlderSchemaIsMigratedForwardWithItsData) {
  // A version-1 workspace, built with the library's own migrations.
  WS_ASSERT_OK_AND_ASSIGN(pg_internal::PgTarget target,
                          pg_internal::ParsePgUri(schema_.uri()));
  {
    WS_ASSERT_OK_AND_ASSIGN(
        std::unique_ptr<pg_internal::Connection> conn,
        pg_internal::Connection::Open(target.conninfo, target.schema,
                                      StoreOptions{}));
    ASSERT_THAT(pg_internal::MigrateTo(*conn, target.schema, 1), IsOk());
    WS_ASSERT_OK_AND_ASSIGN(
        int version, pg_internal::ReadSchemaVersion(*conn, target.schema));
    EXPECT_EQ(version, 1);
    ASSERT_THAT(conn->Exec("INSERT INTO members (revision, name, email, role, "
                           "company, active, created_at, updated_at) VALUES "
                           "(1, 'Old', 'old@x.com', 1, '', 1, 0, 0)"),
                IsOk());
  }
  // A read-only open never migrates.
  EXPECT_THAT(Open(true), StatusIs(absl::StatusCode::kFailedPrecondition));
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open());
  ExpectMemberCount(*store, 1u);
  // Version 2's events table is there.
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> tx,
                          store->Begin(Store::Mode::kWrite));
  StoredEvent event;
  event.entity_type = 1;
  event.entity_id = 1;
  event.payload = std::string("\x00\xff", 2) + "bytes";
  WS_ASSERT_OK_AND_ASSIGN(int64_t seq, tx->AppendEvent(event));
  EXPECT_EQ(seq, 1);
  WS_ASSERT_OK_AND_ASSIGN(std::vector<StoredEvent> events,
                          tx->ScanEvents(0, 10));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].payload, event.payload);
  ASSERT_THAT(tx->Commit(), IsOk());
  tx.reset();
  WS_ASSERT_OK_AND_ASSIGN(store, Open(true));
}

TEST_F(PgStoreTest, ASchemaOfSomethingElseIsDataLossAndLeftAlone) {
  ServerExec(schema_.server_uri(),
             absl::StrCat("CREATE SCHEMA ", schema_.name(), "; CREATE TABLE ",
                          schema_.name(), ".invoices (id int)"));
  EXPECT_THAT(Open(), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(Open(true), StatusIs(absl::StatusCode::kDataLoss));
}

TEST_F(PgStoreTest, StoresOpeningANewSchemaAtOnceMigrateItOnce) {
  constexpr int kOpeners = 4;
  std::vector<absl::Status> results(kOpeners);
  std::vector<std::thread> threads;
  for (int i = 0; i < kOpeners; ++i) {
    threads.emplace_back([this, i, &results] {
      absl::StatusOr<std::unique_ptr<Store>> store = Open();
      results[i] =
          store.ok()
              ? InsertMember(**store, absl::StrCat("m", i, "@x.com")).status()
              : store.status();
    });
  }
  for (std::thread& t : threads) t.join();
  for (const absl::Status& s : results) EXPECT_THAT(s, IsOk());
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open());
  ExpectMemberCount(*store, kOpeners);
}

TEST_F(PgStoreTest, ADroppedConnectionIsReplacedOnTheNextCall) {
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open());
  ASSERT_THAT(InsertMember(*store, "before@x.com"), IsOk());
  // Every connection of this store's workspace, as a server restart or an
  // administrator would.
  ServerExec(schema_.server_uri(),
             absl::StrCat("SELECT pg_terminate_backend(pid) FROM "
                          "pg_stat_activity WHERE application_name = "
                          "'worksection/",
                          schema_.name(), "'"));
  EXPECT_THAT(InsertMember(*store, "after@x.com"), IsOk());
  ExpectMemberCount(*store, 2u);
}

TEST_F(PgStoreTest, AConnectionLostInsideATransactionIsUnavailable) {
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Open());
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> tx,
                          store->Begin(Store::Mode::kWrite));
  ASSERT_THAT(tx->InsertMember(SomeMember("lost@x.com")), IsOk());
  ServerExec(schema_.server_uri(),
             absl::StrCat("SELECT pg_terminate_backend(pid) FROM "
                          "pg_stat_activity WHERE application_name = "
                          "'worksection/",
                          schema_.name(), "'"));
  EXPECT_THAT(tx->Commit(), StatusIs(absl::StatusCode::kUnavailable));
  tx.reset();
  // Nothing of it was kept, and the store works again.
  ExpectMemberCount(*store, 0u);
  EXPECT_THAT(InsertMember(*store, "again@x.com"), IsOk());
}

// While the server refuses connections (down, restarting, or the database
// closed to them, as here), every call is Unavailable; once it accepts
// them again the same store works without being reopened.
TEST(PgServerTest, UnreachableAfterOpenIsUnavailableUntilItIsBack) {
  const std::string server = ::worksection::testing::PgServerUri();
  ASSERT_FALSE(server.empty());
  const size_t slash = server.rfind('/');
  ASSERT_NE(slash, std::string::npos);
  const std::string db = absl::StrCat("ws_down_", getpid());
  const std::string uri = server.substr(0, slash + 1) + db;
  ServerExec(server, "CREATE DATABASE " + db);
  {
    WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                            OpenStore(uri, StoreOptions{}));
    ASSERT_THAT(InsertMember(*store, "before@x.com"), IsOk());
    ServerExec(server, "ALTER DATABASE " + db + " ALLOW_CONNECTIONS false");
    ServerExec(server, absl::StrCat("SELECT pg_terminate_backend(pid) FROM "
                                    "pg_stat_activity WHERE datname = '",
                                    db, "'"));
    for (int call = 0; call < 2; ++call) {
      EXPECT_THAT(InsertMember(*store, "down@x.com"),
                  StatusIs(absl::StatusCode::kUnavailable));
      EXPECT_THAT(CountMembers(*store),
                  StatusIs(absl::StatusCode::kUnavailable));
    }
    ServerExec(server, "ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
    EXPECT_THAT(InsertMember(*store, "after@x.com"), IsOk());
    ExpectMemberCount(*store, 2u);
  }
  ServerExec(server, "DROP DATABASE " + db + " WITH (FORCE)");
}

TEST_F(PgStoreTest, WritersOfTwoStoresAreSerialized) {
  // Two stores are two connection pools, as two processes have.
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> a, Open());
  StoreOptions quick;
  quick.busy_timeout = absl::Milliseconds(200);
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> b,
                          OpenStore(schema_.uri(), quick));
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> writing,
                          a->Begin(Store::Mode::kWrite));
  ASSERT_THAT(writing->InsertMember(SomeMember("a@x.com")), IsOk());
  absl::StatusOr<std::unique_ptr<Transaction>> second =
      b->Begin(Store::Mode::kWrite);
  EXPECT_THAT(second, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(second.status().message(), HasSubstr("busy"));
  // A reader of the other store is not held up, and sees the last commit.
  ExpectMemberCount(*b, 0u);
  ASSERT_THAT(writing->Commit(), IsOk());
  writing.reset();
  EXPECT_THAT(InsertMember(*b, "b@x.com"), IsOk());
  ExpectMemberCount(*a, 2u);
}

}  // namespace
}  // namespace worksection
