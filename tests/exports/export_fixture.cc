// Writes the sample reports' exports into the directory named by argv[1],
// for check_exports.py to read back with Python's csv, json and openpyxl.
#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "sample_reports.h"
#include "worksection/export.h"

namespace t = ::worksection::testing;
using worksection::CsvOptions;
using worksection::JsonOptions;
using worksection::XlsxOptions;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  auto in = [&](const char* name) { return dir + "/" + name; };
  CsvOptions excel;
  excel.bom = true;
  excel.separator = CsvOptions::Separator::kSemicolon;
  excel.decimal_comma = true;
  XlsxOptions eur;
  eur.currency = "EUR";
  JsonOptions json_eur;
  json_eur.currency = "EUR";
  absl::Status statuses[] = {
      WriteCsvFile(t::ProjectMemberReport(), in("time.csv")),
      WriteCsvFile(t::ProjectMemberReport(), in("time_excel.csv"), excel),
      WriteCsvFile(t::ProjectMemberReportWithoutMoney(), in("time_client.csv")),
      WriteCsvFile(t::SampleOverdue(), in("overdue.csv")),
      WriteCsvFile(t::SampleHealth(true), in("health.csv")),
      WriteCsvFile(t::SampleWorkload(), in("workload.csv")),
      WriteXlsxFile(t::ProjectMemberReport(), in("time.xlsx")),
      WriteXlsxFile(t::ProjectMemberReportWithoutMoney(),
                    in("time_client.xlsx")),
      WriteXlsxFile(t::DayReport(), in("time_day.xlsx")),
      WriteXlsxFile(t::TagReport(), in("time_tag.xlsx")),
      WriteXlsxFile(t::SampleOverdue(), in("overdue.xlsx")),
      WriteXlsxFile(t::SampleHealth(true), in("health.xlsx"), eur),
      WriteXlsxFile(t::SampleHealth(false), in("health_client.xlsx"), eur),
      WriteXlsxFile(t::SampleWorkload(), in("workload.xlsx")),
      WriteJsonFile(t::ProjectMemberReport(), in("time.json")),
      WriteJsonFile(t::ProjectMemberReportWithoutMoney(),
                    in("time_client.json")),
      WriteJsonFile(t::SampleOverdue(), in("overdue.json")),
      WriteJsonFile(t::SampleHealth(true), in("health.json"), json_eur),
      WriteJsonFile(t::SampleHealth(false), in("health_client.json")),
      WriteJsonFile(t::SampleWorkload(), in("workload.json")),
      WriteJsonFile(t::SampleDigest(), in("digest.json")),
  };
  int failed = 0;
  for (const absl::Status& s : statuses) {
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      ++failed;
    }
  }
  return failed == 0 ? 0 : 1;
}
