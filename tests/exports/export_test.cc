// The exports of export.h over report structs built by hand: CSV exactly,
// XLSX as files (their cells are read back by check_exports.py), JSON
// parsed back into the proto messages.
#include "worksection/export.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "sample_reports.h"
#include "testing.h"
#include "worksection/v1/report.pb.h"

namespace worksection {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using ::worksection::testing::IsOk;
using ::worksection::testing::StatusIs;
using ::worksection::testing::TempDir;
namespace t = ::worksection::testing;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Listing(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// --- CSV ---

TEST(CsvExportTest, TimeReportQuotesAndTotals) {
  EXPECT_EQ(ExportCsv(t::ProjectMemberReport()),
            "Project,Member,Seconds,Hours,Billable hours,Entries,Billed,"
            "Labour cost,Margin\r\n"
            "\"Website, \"\"v2\"\"\",Zo\xC3\xAB,5400,1.50,1.50,2,150.00,60.00,"
            "90.00\r\n"
            "\"Website, \"\"v2\"\"\",Bob,3600,1.00,0.50,1,50.00,40.00,10.00\r\n"
            "\"Ads\nQ4\",Zo\xC3\xAB,900,0.25,0.00,1,0.00,15.00,-15.00\r\n"
            "Total,,9900,2.75,2.00,4,200.00,115.00,85.00\r\n");
}

TEST(CsvExportTest, BomSemicolonAndDecimalComma) {
  CsvOptions options;
  options.bom = true;
  options.separator = CsvOptions::Separator::kSemicolon;
  options.decimal_comma = true;
  EXPECT_EQ(ExportCsv(t::ProjectMemberReport(), options),
            "\xEF\xBB\xBF"
            "Project;Member;Seconds;Hours;Billable hours;Entries;Billed;"
            "Labour cost;Margin\r\n"
            "\"Website, \"\"v2\"\"\";Zo\xC3\xAB;5400;1,50;1,50;2;150,00;60,00;"
            "90,00\r\n"
            "\"Website, \"\"v2\"\"\";Bob;3600;1,00;0,50;1;50,00;40,00;10,00\r\n"
            "\"Ads\nQ4\";Zo\xC3\xAB;900;0,25;0,00;1;0,00;15,00;-15,00\r\n"
            "Total;;9900;2,75;2,00;4;200,00;115,00;85,00\r\n");
}

TEST(CsvExportTest, QuotesOnlyWhatTheSeparatorNeeds) {
  TimeReport r;
  r.query.group_by = {ReportGroup::kTag};
  ReportKey comma, semicolon, cr;
  comma.group = semicolon.group = cr.group = ReportGroup::kTag;
  comma.tag = comma.label = "a,b";
  semicolon.tag = semicolon.label = "a;b";
  cr.tag = cr.label = "a\rb";
  r.rows = {{{comma}, {}}, {{semicolon}, {}}, {{cr}, {}}};
  EXPECT_EQ(ExportCsv(r),
            "Tag,Seconds,Hours,Billable hours,Entries\r\n"
            "\"a,b\",0,0.00,0.00,0\r\n"
            "a;b,0,0.00,0.00,0\r\n"
            "\"a\rb\",0,0.00,0.00,0\r\n"
            "Total,0,0.00,0.00,0\r\n");
  CsvOptions semi;
  semi.separator = CsvOptions::Separator::kSemicolon;
  EXPECT_EQ(ExportCsv(r, semi),
            "Tag;Seconds;Hours;Billable hours;Entries\r\n"
            "a,b;0;0.00;0.00;0\r\n"
            "\"a;b\";0;0.00;0.00;0\r\n"
            "\"a\rb\";0;0.00;0.00;0\r\n"
            "Total;0;0.00;0.00;0\r\n");
}

TEST(CsvExportTest, MoneyColumnsAbsentWhenHidden) {
  EXPECT_EQ(ExportCsv(t::ProjectMemberReportWithoutMoney()),
            "Project,Member,Seconds,Hours,Billable hours,Entries\r\n"
            "\"Website, \"\"v2\"\"\",Zo\xC3\xAB,5400,1.50,1.50,2\r\n"
            "\"Website, \"\"v2\"\"\",Bob,3600,1.00,0.50,1\r\n"
            "\"Ads\nQ4\",Zo\xC3\xAB,900,0.25,0.00,1\r\n"
            "Total,,9900,2.75,2.00,4\r\n");
}

TEST(CsvExportTest, CurrencyDecimals) {
  // JPY has no minor unit.
  EXPECT_EQ(ExportCsv(t::DayReport()),
            "Day,Seconds,Hours,Billable hours,Entries,Billed,Labour cost,"
            "Margin\r\n"
            "2026-11-23,7200,2.00,2.00,1,10000,4000,6000\r\n"
            "2026-11-24,1800,0.50,0.00,1,0,1000,-1000\r\n"
            "Total,9000,2.50,2.00,2,10000,5000,5000\r\n");
}

TEST(CsvExportTest, NoGroupingLevels) {
  TimeReport r;
  r.total.seconds = 60;
  r.total.entry_count = 1;
  EXPECT_EQ(ExportCsv(r),
            ",Seconds,Hours,Billable hours,Entries\r\n"
            "Total,60,0.02,0.00,1\r\n");
}

TEST(CsvExportTest, LabelsMadeFromKeysWhenEmpty) {
  TimeReport r;
  r.query.group_by = {ReportGroup::kProject, ReportGroup::kWeek,
                      ReportGroup::kMonth};
  auto key = [](ReportGroup g, int64_t id, absl::CivilDay day) {
    ReportKey k;
    k.group = g;
    k.id = id;
    k.period = day;
    return k;
  };
  // ISO weeks across year boundaries: 2020 has a week 53; 2024-12-30 is in
  // 2025's week 1.
  r.rows.push_back({{key(ReportGroup::kProject, 5, {}),
                     key(ReportGroup::kWeek, 0, absl::CivilDay(2020, 12, 28)),
                     key(ReportGroup::kMonth, 0, absl::CivilDay(2020, 12, 1))},
                    {}});
  r.rows.push_back({{key(ReportGroup::kProject, 5, {}),
                     key(ReportGroup::kWeek, 0, absl::CivilDay(2024, 12, 30)),
                     key(ReportGroup::kMonth, 0, absl::CivilDay(2025, 1, 1))},
                    {}});
  EXPECT_EQ(ExportCsv(r),
            "Project,Week,Month,Seconds,Hours,Billable hours,Entries\r\n"
            "#5,2020-W53,2020-12,0,0.00,0.00,0\r\n"
            "#5,2025-W01,2025-01,0,0.00,0.00,0\r\n"
            "Total,,,0,0.00,0.00,0\r\n");
}

TEST(CsvExportTest, Overdue) {
  EXPECT_EQ(ExportCsv(t::SampleOverdue()),
            "Task ID,Task,Project,Assignee,Author,Priority,Deadline,Days late,"
            "Late\r\n"
            "7,=cmd|' /C calc'!A0,\"Website, \"\"v2\"\"\",Zo\xC3\xAB,Bob,8,"
            "2026-11-20 17:30,4,yes\r\n"
            "8,Landing page,\"Website, \"\"v2\"\"\",Zo\xC3\xAB,Bob,5,"
            "2026-11-26,-2,no\r\n");
}

TEST(CsvExportTest, NeutralizeFormulasPrefixesTextOnly) {
  CsvOptions options;
  options.neutralize_formulas = true;
  std::string csv = ExportCsv(t::SampleOverdue(), options);
  EXPECT_THAT(csv, HasSubstr("7,'=cmd|' /C calc'!A0,"));
  // Numbers keep their sign.
  EXPECT_THAT(csv, HasSubstr(",-2,no\r\n"));
}

TEST(CsvExportTest, ProjectHealthMoneyOnlyWhenVisible) {
  CsvOptions options;
  options.currency = "EUR";
  std::string with = ExportCsv(t::SampleHealth(true), options);
  std::string without = ExportCsv(t::SampleHealth(false), options);
  const std::string header =
      "Project ID,Project,Status,Tasks open,Tasks done,Tasks overdue,"
      "Percent done,Percent done by estimate,Nearest deadline,"
      "Nearest deadline task ID,Time budget (hours),Time used (hours),"
      "Time remaining (hours),Time used (%)";
  EXPECT_EQ(without, header +
                         ",Last activity\r\n"
                         "1,\"Website, \"\"v2\"\"\",active,3,1,1,25.0,40.0,"
                         "2026-11-20 17:30,7,10.00,2.50,7.50,25.0,"
                         "2026-11-23T09:30:00Z\r\n"
                         "2,Archive,archived,0,0,0,0.0,,,,,0.00,,,\r\n");
  EXPECT_EQ(with,
            header +
                ",Money budget,Money used,Money remaining,Money used (%),"
                "Billed,Labour cost,Expenses,Income,Margin,Last activity\r\n"
                "1,\"Website, \"\"v2\"\"\",active,3,1,1,25.0,40.0,"
                "2026-11-20 17:30,7,10.00,2.50,7.50,25.0,1000.00,250.00,"
                "750.00,25.0,200.00,100.00,50.00,10.00,60.00,"
                "2026-11-23T09:30:00Z\r\n"
                "2,Archive,archived,0,0,0,0.0,,,,,0.00,,,,,,,,,,,,\r\n");
}

TEST(CsvExportTest, Workload) {
  EXPECT_EQ(ExportCsv(t::SampleWorkload()),
            "Member ID,Member,Open tasks,Overdue tasks,Estimate left (hours),"
            "Hours logged\r\n"
            "10,Zo\xC3\xAB,4,1,1.50,10.50\r\n"
            "11,Bob,0,0,0.00,0.00\r\n");
}

TEST(CsvExportTest, WriteCsvFileWritesWholeFileOnly) {
  TempDir dir;
  std::string path = dir.File("time.csv");
  ASSERT_THAT(WriteCsvFile(t::ProjectMemberReport(), path), IsOk());
  EXPECT_EQ(Slurp(path), ExportCsv(t::ProjectMemberReport()));
  // No temporary file is left beside it.
  EXPECT_EQ(Listing(dir.path()), std::vector<std::string>{"time.csv"});
  // Overwrites.
  ASSERT_THAT(WriteCsvFile(t::SampleWorkload(), path), IsOk());
  EXPECT_EQ(Slurp(path), ExportCsv(t::SampleWorkload()));
  // A missing directory.
  EXPECT_THAT(WriteCsvFile(t::SampleWorkload(), dir.File("no/such.csv")),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Listing(dir.path()), std::vector<std::string>{"time.csv"});
}

TEST(ExportMoneyTest, FormatMoneyUsesTheCurrencyDecimals) {
  EXPECT_EQ(CurrencyDecimals("EUR"), 2);
  EXPECT_EQ(CurrencyDecimals("JPY"), 0);
  EXPECT_EQ(CurrencyDecimals("KWD"), 3);
  EXPECT_EQ(CurrencyDecimals(""), 2);
  EXPECT_EQ(FormatMoney(-1234, "EUR"), "-12.34");
  EXPECT_EQ(FormatMoney(5, "USD"), "0.05");
  EXPECT_EQ(FormatMoney(-5, "USD"), "-0.05");
  EXPECT_EQ(FormatMoney(0, "USD"), "0.00");
  EXPECT_EQ(FormatMoney(500, "JPY"), "500");
  EXPECT_EQ(FormatMoney(5, "KWD"), "0.005");
  EXPECT_EQ(FormatMoney(std::numeric_limits<int64_t>::min(), "EUR"),
            "-92233720368547758.08");
}

// --- XLSX (the cells are checked by check_exports.py) ---

TEST(XlsxExportTest, WritesWorkbooks) {
  TempDir dir;
  XlsxOptions options;
  options.currency = "EUR";
  ASSERT_THAT(WriteXlsxFile(t::ProjectMemberReport(), dir.File("a.xlsx")),
              IsOk());
  ASSERT_THAT(WriteXlsxFile(t::SampleOverdue(), dir.File("b.xlsx")), IsOk());
  ASSERT_THAT(WriteXlsxFile(t::SampleHealth(true), dir.File("c.xlsx"), options),
              IsOk());
  ASSERT_THAT(WriteXlsxFile(t::SampleWorkload(), dir.File("d.xlsx")), IsOk());
  EXPECT_EQ(Listing(dir.path()),
            (std::vector<std::string>{"a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx"}));
  for (const char* name : {"a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx"}) {
    EXPECT_THAT(Slurp(dir.File(name)), StartsWith(std::string("PK\x03\x04")))
        << name;
  }
}

TEST(XlsxExportTest, InMemory) {
  absl::StatusOr<std::string> bytes = ExportXlsx(t::ProjectMemberReport());
  ASSERT_THAT(bytes, IsOk());
  EXPECT_THAT(*bytes, StartsWith(std::string("PK\x03\x04")));
  EXPECT_GT(bytes->size(), 2000u);
  EXPECT_THAT(ExportXlsx(t::SampleOverdue()), IsOk());
  EXPECT_THAT(ExportXlsx(t::SampleHealth(false)), IsOk());
  EXPECT_THAT(ExportXlsx(t::SampleWorkload()), IsOk());
  TimeReport empty;
  EXPECT_THAT(ExportXlsx(empty), IsOk());
}

TEST(XlsxExportTest, MissingDirectoryChangesNothing) {
  TempDir dir;
  EXPECT_THAT(WriteXlsxFile(t::ProjectMemberReport(), dir.File("no/a.xlsx")),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_TRUE(Listing(dir.path()).empty());
}

// --- JSON ---

v1::TimeReport ParseTimeReport(const std::string& json) {
  v1::TimeReport m;
  auto status = google::protobuf::util::JsonStringToMessage(json, &m);
  EXPECT_TRUE(status.ok()) << status.ToString() << "\n" << json;
  return m;
}

TEST(JsonExportTest, TimeReportRoundTripsThroughTheMessage) {
  absl::StatusOr<std::string> json = ExportJson(t::ProjectMemberReport());
  ASSERT_THAT(json, IsOk());
  // Proto field names, not lowerCamelCase.
  EXPECT_THAT(*json, HasSubstr("\"money_visible\":true"));
  EXPECT_THAT(*json, HasSubstr("\"billable_seconds\":\"5400\""));
  EXPECT_THAT(*json, HasSubstr("\"group_by\":[\"project\",\"member\"]"));
  EXPECT_THAT(*json, HasSubstr("\"from\":\"2026-11-01\""));
  EXPECT_THAT(*json, Not(HasSubstr("moneyVisible")));
  // Zero money that is visible is written.
  EXPECT_THAT(*json, HasSubstr("\"billed_amount\":\"0\""));

  v1::TimeReport m = ParseTimeReport(*json);
  ASSERT_EQ(m.rows_size(), 3);
  EXPECT_EQ(m.rows(0).keys(0).group(), "project");
  EXPECT_EQ(m.rows(0).keys(0).id(), 1);
  EXPECT_EQ(m.rows(0).keys(0).label(), t::kWebsite);
  EXPECT_EQ(m.rows(0).keys(1).label(), t::kZoe);
  EXPECT_EQ(m.rows(2).keys(0).label(), t::kAds);
  EXPECT_EQ(m.rows(2).totals().margin(), -1500);
  EXPECT_EQ(m.total().seconds(), 9900);
  EXPECT_EQ(m.total().billed_amount(), 20000);
  EXPECT_EQ(m.currency(), "EUR");
  EXPECT_EQ(m.time_zone(), "Pacific/Auckland");
}

TEST(JsonExportTest, HiddenMoneyIsAbsentNotZero) {
  absl::StatusOr<std::string> json =
      ExportJson(t::ProjectMemberReportWithoutMoney());
  ASSERT_THAT(json, IsOk());
  EXPECT_THAT(*json, Not(HasSubstr("billed_amount")));
  EXPECT_THAT(*json, Not(HasSubstr("labour_cost")));
  EXPECT_THAT(*json, Not(HasSubstr("margin")));
  EXPECT_THAT(*json, HasSubstr("\"money_visible\":false"));
  v1::TimeReport m = ParseTimeReport(*json);
  EXPECT_FALSE(m.total().has_billed_amount());
  EXPECT_FALSE(m.rows(0).totals().has_margin());

  JsonOptions options;
  options.currency = "EUR";
  absl::StatusOr<std::string> health =
      ExportJson(t::SampleHealth(false), options);
  ASSERT_THAT(health, IsOk());
  for (const char* field : {"\"billed\"", "\"labour_cost\"", "\"expenses\"",
                            "\"income\"", "\"margin\"", "\"money_budget\"",
                            "\"money_used\"", "\"money_percent\""}) {
    EXPECT_THAT(*health, Not(HasSubstr(field))) << field;
  }
  health = ExportJson(t::SampleHealth(true), options);
  ASSERT_THAT(health, IsOk());
  EXPECT_THAT(*health, HasSubstr("\"margin\":\"6000\""));
  EXPECT_THAT(*health, HasSubstr("\"money_budget\":\"100000\""));
  EXPECT_THAT(*health, HasSubstr("\"currency\":\"EUR\""));
  EXPECT_THAT(*health, HasSubstr("\"last_activity\":\"2026-11-23T09:30:00Z\""));
  EXPECT_THAT(*health, HasSubstr("\"nearest_deadline\":{\"day\":\"2026-11-20\","
                                 "\"time\":\"17:30\"}"));
}

TEST(JsonExportTest, OverdueWorkloadDigest) {
  absl::StatusOr<std::string> overdue = ExportJson(t::SampleOverdue());
  ASSERT_THAT(overdue, IsOk());
  EXPECT_THAT(*overdue, HasSubstr("\"as_of\":\"2026-11-24\""));
  EXPECT_THAT(*overdue, HasSubstr("\"days_late\":-2"));
  EXPECT_THAT(*overdue, HasSubstr("\"deadline\":{\"day\":\"2026-11-26\"}"));
  v1::OverdueReport o;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(*overdue, &o).ok());
  ASSERT_EQ(o.rows_size(), 2);
  EXPECT_EQ(o.rows(0).task_id(), 7);
  EXPECT_EQ(o.rows(0).assignee_name(), t::kZoe);
  EXPECT_TRUE(o.rows(0).late());

  absl::StatusOr<std::string> workload = ExportJson(t::SampleWorkload());
  ASSERT_THAT(workload, IsOk());
  EXPECT_THAT(*workload, HasSubstr("\"estimate_left_seconds\":\"5400\""));
  EXPECT_THAT(*workload, HasSubstr("\"seconds_logged\":\"0\""));

  JsonOptions pretty;
  pretty.pretty = true;
  absl::StatusOr<std::string> digest = ExportJson(t::SampleDigest(), pretty);
  ASSERT_THAT(digest, IsOk());
  EXPECT_THAT(*digest, HasSubstr("\n"));
  EXPECT_THAT(*digest, HasSubstr("\"started_at\": \"2026-11-26T18:00:00Z\""));
  EXPECT_THAT(*digest, HasSubstr("\"time_zone\": \"Europe/Berlin\""));
  v1::Digest d;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(*digest, &d).ok());
  ASSERT_EQ(d.entries_size(), 1);
  EXPECT_EQ(d.entries(0).received_overdue_size(), 2);
  EXPECT_EQ(d.entries(0).forgotten_timers(0).task(),
            std::string(t::kWebsite) + " / Landing page");
}

TEST(JsonExportTest, WriteJsonFile) {
  TempDir dir;
  ASSERT_THAT(WriteJsonFile(t::SampleDigest(), dir.File("d.json")), IsOk());
  EXPECT_EQ(Slurp(dir.File("d.json")), *ExportJson(t::SampleDigest()) + "\n");
  EXPECT_THAT(WriteJsonFile(t::SampleDigest(), dir.File("no/d.json")),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(ExportTest, InvalidUtf8IsAnError) {
  TimeReport r = t::ProjectMemberReport();
  r.rows[0].keys[0].label = "bad \xFF";
  EXPECT_THAT(ExportJson(r), StatusIs(absl::StatusCode::kInvalidArgument));
  TempDir dir;
  EXPECT_THAT(WriteXlsxFile(r, dir.File("bad.xlsx")),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_TRUE(Listing(dir.path()).empty());
}

}  // namespace
}  // namespace worksection
