// Exports of reports run through a Session (memory store): what the report
// engine hands over renders, and a client's exports carry no money.
#include <memory>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing.h"
#include "worksection/worksection.h"

namespace worksection {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using ::worksection::testing::IsOk;
using ::worksection::testing::TempDir;

class ExportSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    OpenOptions options;
    WorkspaceSetup setup;
    setup.name = "Agency";
    setup.time_zone = "Europe/Berlin";
    setup.currency = "EUR";
    setup.owner_name = "Olga";
    setup.owner_email = "olga@example.com";
    options.create = setup;
    options.clock = [] {
      return absl::FromCivil(absl::CivilSecond(2026, 11, 27, 9, 0, 0),
                             absl::UTCTimeZone());
    };
    absl::StatusOr<std::unique_ptr<Workspace>> ws =
        Workspace::Open("memory:", options);
    ASSERT_THAT(ws, IsOk());
    ws_ = *std::move(ws);
    absl::StatusOr<Member> owner = ws_->FirstOwner();
    ASSERT_THAT(owner, IsOk());
    owner_ = owner->id;
    Session s = ws_->As(owner_);

    Member emp;
    emp.name = "Zo\xC3\xAB";
    emp.email = "zoe@example.com";
    emp.billing_rate = 10000;  // 100.00 EUR per hour
    emp.cost_rate = 4000;
    absl::StatusOr<Member> e = s.CreateMember(emp);
    ASSERT_THAT(e, IsOk());
    emp_ = e->id;
    Member client;
    client.name = "Carl Client";
    client.email = "carl@example.com";
    client.role = Role::kClient;
    absl::StatusOr<Member> c = s.CreateMember(client);
    ASSERT_THAT(c, IsOk());
    client_ = c->id;

    Project p;
    p.name = "Website, \"v2\"";
    p.manager = owner_;
    p.members = {{emp_, ProjectRole::kMember, std::nullopt},
                 {client_, ProjectRole::kClient, std::nullopt}};
    absl::StatusOr<Project> project = s.CreateProject(p);
    ASSERT_THAT(project, IsOk());
    Task t;
    t.project = project->id;
    t.title = "Landing page";
    t.assignee = emp_;
    t.deadline = Deadline{absl::CivilDay(2026, 11, 20), std::nullopt};
    t.estimate = absl::Hours(4);
    absl::StatusOr<Task> task = s.CreateTask(t);
    ASSERT_THAT(task, IsOk());
    TimeLog log;
    log.task = task->id;
    log.member = emp_;
    log.date = absl::CivilDay(2026, 11, 24);
    log.duration = absl::Minutes(90);
    ASSERT_THAT(s.LogTime(log), IsOk());
  }

  TimeReport Run(MemberId actor) {
    TimeReportQuery q;
    q.group_by = {ReportGroup::kProject, ReportGroup::kMember};
    absl::StatusOr<TimeReport> r = ws_->As(actor).RunTimeReport(q);
    EXPECT_THAT(r, IsOk());
    return r.ok() ? *r : TimeReport();
  }

  std::unique_ptr<Workspace> ws_;
  MemberId owner_, emp_, client_;
};

TEST_F(ExportSessionTest, OwnerSeesMoney) {
  TimeReport r = Run(owner_);
  EXPECT_EQ(ExportCsv(r),
            "Project,Member,Seconds,Hours,Billable hours,Entries,Billed,"
            "Labour cost,Margin\r\n"
            "\"Website, \"\"v2\"\"\",Zo\xC3\xAB,5400,1.50,1.50,1,150.00,60.00,"
            "90.00\r\n"
            "Total,,5400,1.50,1.50,1,150.00,60.00,90.00\r\n");
  absl::StatusOr<std::string> json = ExportJson(r);
  ASSERT_THAT(json, IsOk());
  EXPECT_THAT(*json, HasSubstr("\"billed_amount\":\"15000\""));
  EXPECT_THAT(*json, HasSubstr("\"currency\":\"EUR\""));
  TempDir dir;
  EXPECT_THAT(WriteXlsxFile(r, dir.File("r.xlsx")), IsOk());
}

TEST_F(ExportSessionTest, ClientExportsCarryNoMoney) {
  TimeReport r = Run(client_);
  EXPECT_FALSE(r.money_visible);
  EXPECT_EQ(ExportCsv(r),
            "Project,Member,Seconds,Hours,Billable hours,Entries\r\n"
            "\"Website, \"\"v2\"\"\",Zo\xC3\xAB,5400,1.50,1.50,1\r\n"
            "Total,,5400,1.50,1.50,1\r\n");
  absl::StatusOr<std::string> json = ExportJson(r);
  ASSERT_THAT(json, IsOk());
  for (const char* money : {"billed", "labour_cost", "margin"}) {
    EXPECT_THAT(*json, Not(HasSubstr(money))) << money;
  }

  absl::StatusOr<std::vector<ProjectHealth>> health =
      ws_->As(client_).RunProjectHealth();
  ASSERT_THAT(health, IsOk());
  ASSERT_EQ(health->size(), 1u);
  CsvOptions eur;
  eur.currency = "EUR";
  std::string csv = ExportCsv(*health, eur);
  EXPECT_THAT(csv, Not(HasSubstr("Billed")));
  EXPECT_THAT(csv, Not(HasSubstr("Money")));
  absl::StatusOr<std::string> health_json = ExportJson(*health);
  ASSERT_THAT(health_json, IsOk());
  EXPECT_THAT(*health_json, Not(HasSubstr("billed")));
  EXPECT_THAT(*health_json, Not(HasSubstr("money_")));

  std::string owner_csv = ExportCsv(*ws_->As(owner_).RunProjectHealth(), eur);
  EXPECT_THAT(owner_csv, HasSubstr("Billed"));
}

TEST_F(ExportSessionTest, EveryReportExports) {
  Session s = ws_->As(owner_);
  absl::StatusOr<OverdueReport> overdue = s.RunOverdueReport({});
  ASSERT_THAT(overdue, IsOk());
  EXPECT_THAT(ExportCsv(*overdue), HasSubstr("Landing page"));
  absl::StatusOr<std::vector<WorkloadRow>> workload = s.RunWorkload();
  ASSERT_THAT(workload, IsOk());
  EXPECT_THAT(ExportCsv(*workload), HasSubstr("Zo\xC3\xAB"));
  absl::StatusOr<Digest> digest = s.RunDigest();
  ASSERT_THAT(digest, IsOk());
  absl::StatusOr<std::string> digest_json = ExportJson(*digest);
  ASSERT_THAT(digest_json, IsOk());
  EXPECT_THAT(*digest_json, HasSubstr("\"received_overdue\""));
  for (auto bytes : {ExportXlsx(*overdue), ExportXlsx(*workload),
                     ExportXlsx(*s.RunProjectHealth())}) {
    ASSERT_THAT(bytes, IsOk());
    EXPECT_THAT(*bytes, StartsWith(std::string("PK\x03\x04")));
  }
}

}  // namespace
}  // namespace worksection
