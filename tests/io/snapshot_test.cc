// Snapshots on every store: export -> import into a fresh store of every
// kind -> export gives identical bytes (binary and JSON); bad input imports
// nothing; only owners and admins export.
#include "worksection/snapshot.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "google/protobuf/io/coded_stream.h"
#include "tests/conformance/session_test.h"
#include "worksection/v1/event.pb.h"
#include "worksection/v1/snapshot.pb.h"

namespace worksection::session_conformance {
namespace {

MATCHER_P(IsOkAndHolds, matcher, "") {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(matcher, *arg, result_listener);
}

class SnapshotTest : public SessionTest {
 protected:
  // A workspace using every kind of entity and most fields.
  void Seed() {
    Session owner = Owner();
    WS_ASSERT_OK_AND_ASSIGN(Member admin,
                            owner.CreateMember(NewMember(
                                "Ada Admin", "ada@example.com", Role::kAdmin)));
    Member rated = NewMember("Rita Rated", "rita@example.com");
    rated.company = "Contractors Ltd";
    rated.cost_rate = 4000;
    rated.billing_rate = 9000;
    WS_ASSERT_OK_AND_ASSIGN(rated, owner.CreateMember(rated));
    WS_ASSERT_OK(owner.DeactivateMember(rated.id).status());

    WS_ASSERT_OK_AND_ASSIGN(Project web, owner.GetProject(web_));
    web.tags = {"client", "web"};
    web.billing_rate = 12000;
    web.money_budget = 500000;
    web.time_budget = absl::Hours(3);
    web.deadline = Day(2024, 6, 30);
    web.start_date = Day(2024, 1, 1);
    web.folder = "Clients";
    web.rounding = Rounding{Rounding::Mode::kUp, 15};
    web.members.push_back({admin.id, ProjectRole::kMember, 15000});
    WS_ASSERT_OK(owner.UpdateProject(web).status());

    Task landing = NewTask(web_, "Landing page");
    landing.text = "Hero, pricing — and a 🚀";
    landing.assignee = employee_id_;
    landing.priority = 8;
    landing.deadline = DeadlineOn(Day(2024, 4, 1), 17 * 60);
    landing.estimate = absl::Hours(5);
    landing.tags = {"design"};
    landing.checklist = {{"Copy", true}, {"Images", false}};
    landing.subscribers = {admin.id};
    WS_ASSERT_OK_AND_ASSIGN(landing, owner.CreateTask(landing));
    Task hidden = NewTask(web_, "Internal margin notes");
    hidden.hidden_from_clients = true;
    WS_ASSERT_OK_AND_ASSIGN(hidden, owner.CreateTask(hidden));
    WS_ASSERT_OK_AND_ASSIGN(
        Task sub, owner.CreateTask(NewTask(web_, "Hero image", landing.id)));
    // A later task becomes the parent of an earlier one.
    WS_ASSERT_OK_AND_ASSIGN(Task later,
                            owner.CreateTask(NewTask(web_, "Later parent")));
    WS_ASSERT_OK(owner.MoveTask(hidden.id, web_, later.id).status());
    WS_ASSERT_OK(owner.CompleteTask(sub.id, "shipped").status());
    WS_ASSERT_OK_AND_ASSIGN(Task other,
                            owner.CreateTask(NewTask(internal_, "Payroll")));

    Comment c;
    c.task = landing.id;
    c.text = "Looks good";
    WS_ASSERT_OK(owner.CreateComment(c).status());
    c.text = "Do not tell the client";
    c.hidden_from_clients = true;
    WS_ASSERT_OK(owner.CreateComment(c).status());

    TimeLog log;
    log.task = landing.id;
    log.member = employee_id_;
    log.date = Day(2024, 3, 11);
    log.duration = absl::Minutes(100);
    log.note = "layout";
    WS_ASSERT_OK(owner.LogTime(log).status());
    log.start = absl::FromCivil(absl::CivilSecond(2024, 3, 12, 9, 0, 0),
                                absl::UTCTimeZone());
    log.date.reset();
    log.duration = absl::Hours(2);
    log.billable = false;
    WS_ASSERT_OK(owner.LogTime(log).status());
    log.task = other.id;
    log.member = MemberId();
    log.start.reset();
    log.date = Day(2024, 3, 1);
    log.duration = absl::Minutes(30);
    WS_ASSERT_OK(owner.LogTime(log).status());
    WS_ASSERT_OK(Employee().StartTimer(landing.id).status());

    Cost cost;
    cost.project = web_;
    cost.amount = 2500;
    cost.date = Day(2024, 3, 2);
    cost.note = "stock photos";
    WS_ASSERT_OK(owner.CreateCost(cost).status());
    cost.task = landing.id;
    cost.kind = Cost::Kind::kIncome;
    cost.amount = 100000;
    WS_ASSERT_OK(owner.CreateCost(cost).status());
    WS_ASSERT_OK(owner.LockPeriod(internal_, Day(2024, 3, 1)).status());
    WS_ASSERT_OK(owner.ArchiveProject(internal_).status());
    AppendEvents(3);
  }

  // Events as the change feed stores them, after whatever the log holds
  // (written straight to the store: the snapshot carries the log as it is).
  void AppendEvents(int n) {
    auto tx = ws_->store().Begin(Store::Mode::kWrite);
    ASSERT_TRUE(tx.ok()) << tx.status();
    int64_t last = 0;
    while (true) {
      auto page = (*tx)->ScanEvents(last, 1000);
      ASSERT_TRUE(page.ok()) << page.status();
      if (page->empty()) break;
      last = page->back().seq;
    }
    for (int i = 0; i < n; ++i) {
      v1::Event e;
      e.set_at_micros(1'700'000'000'000'000 + i);
      e.set_actor_id(owner_id_.value());
      e.set_entity_type(v1::ENTITY_TYPE_TASK);
      e.set_entity_id(100 + i);
      e.set_project_id(web_.value());
      e.set_action(v1::EVENT_ACTION_UPDATED);
      e.set_hidden_from_clients(i == 1);
      v1::FieldChange* change = e.add_changes();
      change->set_field("title");
      change->mutable_new_value()->set_text("Title " + std::to_string(i));
      StoredEvent stored;
      stored.entity_type = e.entity_type();
      stored.entity_id = e.entity_id();
      stored.project = web_;
      stored.hidden_from_clients = e.hidden_from_clients();
      stored.payload = e.SerializeAsString();
      absl::StatusOr<int64_t> seq = (*tx)->AppendEvent(stored);
      ASSERT_TRUE(seq.ok()) << seq.status();
      ASSERT_EQ(*seq, last + 1 + i);  // payloads carry no seq: the log's
    }
    ASSERT_TRUE((*tx)->Commit().ok());
  }

  static std::vector<StoredEvent> Events(Workspace& ws) {
    auto tx = ws.store().Begin(Store::Mode::kRead);
    EXPECT_TRUE(tx.ok());
    auto events = (*tx)->ScanEvents(0, 1000);
    EXPECT_TRUE(events.ok());
    return events.ok() ? *events : std::vector<StoredEvent>{};
  }

  // A fresh, empty workspace of the kind `uri` names, in its own temp dir
  // or PostgreSQL schema.
  std::unique_ptr<Workspace> EmptyWorkspace(const std::string& uri) {
    dirs_.push_back(std::make_unique<::worksection::testing::TempDir>());
    schemas_.emplace_back();
    absl::StatusOr<std::unique_ptr<Workspace>> ws =
        Workspace::Open(::worksection::testing::ExpandStoreUri(
            uri, dirs_.back()->path(), &schemas_.back()));
    EXPECT_TRUE(ws.ok()) << ws.status();
    return ws.ok() ? *std::move(ws) : nullptr;
  }

  static absl::StatusOr<std::string> ExportFrom(Workspace& ws,
                                                SnapshotFormat format) {
    absl::StatusOr<Member> owner = ws.FirstOwner();
    if (!owner.ok()) return owner.status();
    Session s = ws.As(owner->id);
    return ExportSnapshot(s, format);
  }

  static std::vector<RollupRow> Rollups(Workspace& ws) {
    auto tx = ws.store().Begin(Store::Mode::kRead);
    EXPECT_TRUE(tx.ok());
    auto rows = (*tx)->ScanRollups(RollupScan{});
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<RollupRow>{};
  }

  std::vector<std::unique_ptr<::worksection::testing::TempDir>> dirs_;
  // PostgreSQL schemas of the copies; each outlives its workspace.
  std::vector<std::unique_ptr<::worksection::testing::PgSchema>> schemas_;
};
WS_INSTANTIATE_ALL_STORES(SnapshotTest);

bool SameRollups(const std::vector<RollupRow>& a,
                 const std::vector<RollupRow>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!(a[i].key == b[i].key) || !(a[i].totals == b[i].totals)) return false;
  }
  return true;
}

bool SameEvents(const std::vector<StoredEvent>& a,
                const std::vector<StoredEvent>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].seq != b[i].seq || a[i].entity_type != b[i].entity_type ||
        a[i].entity_id != b[i].entity_id || a[i].project != b[i].project ||
        a[i].hidden_from_clients != b[i].hidden_from_clients ||
        a[i].payload != b[i].payload) {
      return false;
    }
  }
  return true;
}

TEST_P(SnapshotTest, RoundTripIsByteIdenticalIntoEveryStore) {
  Seed();
  Session owner = Owner();
  WS_ASSERT_OK_AND_ASSIGN(std::string binary,
                          ExportSnapshot(owner, SnapshotFormat::kBinary));
  WS_ASSERT_OK_AND_ASSIGN(std::string json,
                          ExportSnapshot(owner, SnapshotFormat::kJson));
  EXPECT_THAT(json, HasSubstr("\"email\": \"rita@example.com\""));
  EXPECT_THAT(json, HasSubstr("Do not tell the client"));
  const std::vector<RollupRow> rollups = Rollups(*ws_);
  ASSERT_FALSE(rollups.empty());
  const std::vector<StoredEvent> events = Events(*ws_);
  ASSERT_GE(events.size(), 3u);
  EXPECT_THAT(json, HasSubstr("\"Title 2\""));

  for (const std::string& target : StoreUris()) {
    for (const std::string* input : {&binary, &json}) {
      SCOPED_TRACE(target + (input == &binary ? " binary" : " json"));
      std::unique_ptr<Workspace> copy = EmptyWorkspace(target);
      ASSERT_NE(copy, nullptr);
      int64_t last_done = -1, last_total = -1;
      WS_ASSERT_OK(ImportSnapshot(*copy, *input, [&](int64_t d, int64_t t) {
        last_done = d;
        last_total = t;
      }));
      EXPECT_EQ(last_done, last_total);
      EXPECT_GT(last_total, 10);
      EXPECT_THAT(ExportFrom(*copy, SnapshotFormat::kBinary),
                  IsOkAndHolds(binary));
      EXPECT_THAT(ExportFrom(*copy, SnapshotFormat::kJson), IsOkAndHolds(json));
      // Rollups are recomputed, not copied, and come out the same.
      EXPECT_TRUE(SameRollups(Rollups(*copy), rollups));
      // The change feed is restored as it was; the import adds no event.
      EXPECT_TRUE(SameEvents(Events(*copy), events));
      // The restored timer still runs; new ids come after the restored ones.
      WS_ASSERT_OK_AND_ASSIGN(Member first, copy->FirstOwner());
      Session s = copy->As(first.id);
      EXPECT_THAT(s.GetTimer(employee_id_),
                  IsOkAndHolds(::testing::Ne(std::nullopt)));
      WS_ASSERT_OK_AND_ASSIGN(Task fresh, s.CreateTask(NewTask(web_, "New")));
      WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> tasks, AllTasks());
      for (const Task& t : tasks) EXPECT_GT(fresh.id, t.id);
    }
  }
}

TEST_P(SnapshotTest, ImportsOnlyIntoAnEmptyStore) {
  WS_ASSERT_OK_AND_ASSIGN(std::string binary,
                          ExportSnapshot(*std::make_unique<Session>(Owner()),
                                         SnapshotFormat::kBinary));
  const std::string before = Snapshot();
  EXPECT_THAT(ImportSnapshot(*ws_, binary),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("only into an empty store")));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(SnapshotTest, OnlyOwnersAndAdminsExport) {
  Session client = Client();
  EXPECT_THAT(ExportSnapshot(client, SnapshotFormat::kJson),
              StatusIs(absl::StatusCode::kPermissionDenied));
  Session employee = Employee();
  EXPECT_THAT(ExportSnapshot(employee, SnapshotFormat::kBinary),
              StatusIs(absl::StatusCode::kPermissionDenied));
  WS_ASSERT_OK_AND_ASSIGN(Member admin,
                          Owner().CreateMember(NewMember(
                              "Ada Admin", "ada@example.com", Role::kAdmin)));
  Session as_admin = ws_->As(admin.id);
  EXPECT_TRUE(ExportSnapshot(as_admin, SnapshotFormat::kBinary).ok());
}

// Every prefix of a binary snapshot, and every single-byte corruption of
// it, is refused with a position, and leaves the target store empty.
TEST_P(SnapshotTest, TruncatedOrCorruptBinaryImportsNothing) {
  Seed();
  Session owner = Owner();
  WS_ASSERT_OK_AND_ASSIGN(std::string binary,
                          ExportSnapshot(owner, SnapshotFormat::kBinary));
  std::unique_ptr<Workspace> target = EmptyWorkspace(GetParam());
  ASSERT_NE(target, nullptr);
  for (size_t n = 0; n < binary.size(); ++n) {
    absl::Status s = ImportSnapshot(*target, binary.substr(0, n));
    ASSERT_FALSE(s.ok()) << "prefix of " << n << " bytes imported";
    if (n >= kSnapshotMagic.size()) {
      EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss) << n << ": " << s;
      EXPECT_THAT(s.message(), HasSubstr("byte")) << n;
    }
  }
  int refused = 0;
  for (size_t i = kSnapshotMagic.size(); i < binary.size(); i += 37) {
    std::string corrupt = binary;
    corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
    absl::Status s = ImportSnapshot(*target, corrupt);
    if (!s.ok()) {
      ++refused;
    } else {
      // A flip inside a text or number is still a well-formed snapshot;
      // it imported whole. Start again from an empty store.
      target = EmptyWorkspace(GetParam());
    }
  }
  EXPECT_GT(refused, 0);
  EXPECT_THAT(target->Initialized(), IsOkAndHolds(false));
}

TEST_P(SnapshotTest, NewerFormatIsRefusedNamingBothVersions) {
  Session owner = Owner();
  WS_ASSERT_OK_AND_ASSIGN(std::string binary,
                          ExportSnapshot(owner, SnapshotFormat::kBinary));
  // The header is the first record: rewrite its version.
  google::protobuf::io::CodedInputStream in(
      reinterpret_cast<const uint8_t*>(binary.data()) + kSnapshotMagic.size(),
      static_cast<int>(binary.size() - kSnapshotMagic.size()));
  uint32_t length = 0;
  ASSERT_TRUE(in.ReadVarint32(&length));
  const size_t body = kSnapshotMagic.size() + in.CurrentPosition();
  v1::SnapshotRecord header;
  ASSERT_TRUE(header.ParseFromArray(binary.data() + body, length));
  header.mutable_header()->set_format_version(kSnapshotFormatVersion + 1);
  header.mutable_header()->set_library_version("99.0.0");
  std::string newer(kSnapshotMagic);
  std::string encoded = header.SerializeAsString();
  newer.push_back(static_cast<char>(encoded.size()));
  ASSERT_LT(encoded.size(), 128u);
  newer += encoded;
  newer += binary.substr(body + length);
  std::unique_ptr<Workspace> target = EmptyWorkspace(GetParam());
  EXPECT_THAT(ImportSnapshot(*target, newer),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       ::testing::AllOf(HasSubstr("format version 2"),
                                        HasSubstr("newer than version 1"),
                                        HasSubstr("99.0.0"))));

  WS_ASSERT_OK_AND_ASSIGN(std::string json,
                          ExportSnapshot(owner, SnapshotFormat::kJson));
  std::string newer_json = absl::StrReplaceAll(
      json, {{"\"format_version\": 1", "\"format_version\": 2"},
             {"\"header\": {", "\"header\": {\"future_field\": 3,"}});
  EXPECT_THAT(ImportSnapshot(*target, newer_json),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("format version 2")));
  EXPECT_THAT(target->Initialized(), IsOkAndHolds(false));
}

TEST_P(SnapshotTest, BadJsonContentNamesThePathAndImportsNothing) {
  Seed();
  Session owner = Owner();
  WS_ASSERT_OK_AND_ASSIGN(std::string json,
                          ExportSnapshot(owner, SnapshotFormat::kJson));
  std::unique_ptr<Workspace> target = EmptyWorkspace(GetParam());
  EXPECT_THAT(
      ImportSnapshot(*target,
                     absl::StrReplaceAll(json, {{"\"role\": \"admin\"",
                                                 "\"role\": \"emperor\""}})),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("members[3].role: unknown value \"emperor\"")));
  // A dangling reference is caught after earlier records were written:
  // the transaction is dropped.
  EXPECT_THAT(ImportSnapshot(*target, absl::StrReplaceAll(
                                          json, {{"\"text\": \"Looks good\"",
                                                  "\"text\": \"Looks good\", "
                                                  "\"task\": \"999\""}})),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // Two time entries with one id: AlreadyExists naming the second (the
  // entries go to the store together, so the restore checks this itself).
  const size_t entries = json.find("\"time_entries\": [");
  ASSERT_NE(entries, std::string::npos);
  const size_t first = json.find("\"id\": \"", entries);
  const size_t second = json.find("\"id\": \"", first + 1);
  ASSERT_NE(second, std::string::npos);
  const size_t first_end = json.find('"', first + 7);
  const size_t second_end = json.find('"', second + 7);
  std::string repeated = json;
  repeated.replace(second, second_end + 1 - second,
                   json.substr(first, first_end + 1 - first));
  EXPECT_THAT(ImportSnapshot(*target, repeated),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       HasSubstr("time_entries[1]: time entry")));
  // Events must come numbered 1, 2, 3 ...
  EXPECT_THAT(ImportSnapshot(*target,
                             absl::StrReplaceAll(
                                 json, {{"\"seq\": \"3\"", "\"seq\": \"7\""}})),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("events are numbered")));
  EXPECT_THAT(ImportSnapshot(*target, json.substr(0, json.size() / 2)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ImportSnapshot(*target, "PK\x03\x04 not a snapshot"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("not a worksection snapshot")));
  EXPECT_THAT(target->Initialized(), IsOkAndHolds(false));
}

}  // namespace
}  // namespace worksection::session_conformance
