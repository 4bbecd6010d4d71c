// Exports: the reports of report.h rendered as CSV, XLSX and JSON.
//
// Exports render what a report holds and nothing more: a report run by a
// member who may not read money carries no money, and its exports carry no
// money columns or fields at all (absent, never zero). Which money columns a
// report has is decided by TimeReport::money_visible, and for project health
// by whether its rows carry a billed amount.
//
// Money is written in major units of the currency (12.34 for 1234 cents),
// with as many decimals as the currency has (2 for EUR and USD, 0 for JPY, 3
// for KWD; 2 for a code the library does not know) in CSV and XLSX, and as
// integer minor units in JSON. Days are "YYYY-MM-DD"; instants are UTC.
//
// Every function is thread-safe (each call uses only its arguments) and
// leaves ownership of its arguments with the caller. The functions that
// write a file write it whole or not at all: they write a temporary file
// beside `path` and rename it over `path` on success; on failure `path` is
// left as it was. Their errors: NotFound (the directory does not exist),
// PermissionDenied, other codes mapped from errno, Internal (the renderer
// failed).
#ifndef WORKSECTION_EXPORT_H_
#define WORKSECTION_EXPORT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "worksection/report.h"

namespace worksection {

// --- CSV (RFC 4180) ---
//
// UTF-8, CRLF line ends, a header row first. A field is quoted when it holds
// the separator, a double quote, CR or LF; quotes inside are doubled. Numbers
// are written without thousands separators.

struct CsvOptions {
  enum class Separator { kComma, kSemicolon };

  // kSemicolon is what Excel expects in locales whose decimal mark is a
  // comma (most of Europe); pair it with `decimal_comma`.
  Separator separator = Separator::kComma;
  // Start with a UTF-8 byte order mark (EF BB BF), so that Excel reads the
  // file as UTF-8 rather than in the system code page.
  bool bom = false;
  // Write decimals as "1,50" rather than "1.50".
  bool decimal_comma = false;
  // Prefix text fields that start with '=', '+', '-', '@', TAB or CR with a
  // single quote, so that a spreadsheet never runs them as formulas (task
  // titles come from users, clients included). Changes the text; off by
  // default.
  bool neutralize_formulas = false;
  // The ISO 4217 code that decides the decimals of money in reports that do
  // not name their currency (project health). Empty: 2 decimals.
  std::string currency;
};

// Time report: one column per grouping level (its label: the name, the tag,
// "2026-11-24", "2026-W48", "2026-11"), then "Seconds", "Hours", "Billable
// hours", "Entries" and, only when report.money_visible, "Billed", "Labour
// cost", "Margin"; one line per row; a last line "Total" with the report's
// totals. Hours are decimal with 2 decimals. A report without grouping
// levels has one empty-headed label column, holding "Total".
std::string ExportCsv(const TimeReport& report, const CsvOptions& options = {});

// Overdue report: "Task ID", "Task", "Project", "Assignee", "Author",
// "Priority", "Deadline" ("YYYY-MM-DD" or "YYYY-MM-DD HH:MM"), "Days late",
// "Late" ("yes"/"no"); one line per row, in the report's order.
std::string ExportCsv(const OverdueReport& report,
                      const CsvOptions& options = {});

// Project health, one line per project: counts, percent done, the nearest
// deadline, time against budget (hours), last activity (RFC 3339, UTC) and,
// when any row carries money, the money budget and amounts. An empty cell is
// a value the report left empty (no budget, no estimate).
std::string ExportCsv(const std::vector<ProjectHealth>& projects,
                      const CsvOptions& options = {});

// Workload, one line per member: "Member ID", "Member", "Open tasks",
// "Overdue tasks", "Estimate left (hours)", "Hours logged".
std::string ExportCsv(const std::vector<WorkloadRow>& workload,
                      const CsvOptions& options = {});

// Writes ExportCsv(report, options) to `path`; see the top of this file for
// how and for the errors.
absl::Status WriteCsvFile(const TimeReport& report, const std::string& path,
                          const CsvOptions& options = {});
absl::Status WriteCsvFile(const OverdueReport& report, const std::string& path,
                          const CsvOptions& options = {});
absl::Status WriteCsvFile(const std::vector<ProjectHealth>& projects,
                          const std::string& path,
                          const CsvOptions& options = {});
absl::Status WriteCsvFile(const std::vector<WorkloadRow>& workload,
                          const std::string& path,
                          const CsvOptions& options = {});

// --- XLSX (Office Open XML workbook, through libxlsxwriter) ---
//
// One typed sheet per report: a bold header row with the panes frozen below
// it; days as dates ("yyyy-mm-dd"), durations as Excel time values formatted
// "[h]:mm", decimal hours as numbers ("0.00"), money as numbers formatted
// with the currency code ("#,##0.00 "EUR""). Instants are UTC.

struct XlsxOptions {
  // The ISO 4217 code for money in reports that do not name their currency
  // (project health). Empty: 2 decimals and no code in the format.
  std::string currency;
  // Add the time report's chart.
  bool chart = true;
};

// Time report, sheet "Time report": the grouping levels (a day level as
// dates), "Time" ([h]:mm), "Hours", "Billable time" ([h]:mm), "Entries" and,
// only when report.money_visible, "Billed", "Labour cost", "Margin"; then a
// bold "Total" row whose cells are SUM formulas with their values cached,
// or the report's totals as plain values where the rows do not add up to
// them (tag levels count an entry under each tag). With `options.chart` and
// at least one row, a column chart of hours per key of the first grouping
// level; with two levels or more, its data is summed per first-level key on
// a second sheet, "Chart data".
absl::Status WriteXlsxFile(const TimeReport& report, const std::string& path,
                           const XlsxOptions& options = {});
// Overdue report, sheet "Overdue": the CSV columns, deadlines as dates (and
// times), "Late" as a boolean.
absl::Status WriteXlsxFile(const OverdueReport& report, const std::string& path,
                           const XlsxOptions& options = {});
// Project health, sheet "Project health": the CSV columns, typed.
absl::Status WriteXlsxFile(const std::vector<ProjectHealth>& projects,
                           const std::string& path,
                           const XlsxOptions& options = {});
// Workload, sheet "Workload": the CSV columns, durations as [h]:mm.
//
// Besides the file errors above: InvalidArgument when a text is not valid
// UTF-8 (Excel would refuse the file; the library never stores such text).
absl::Status WriteXlsxFile(const std::vector<WorkloadRow>& workload,
                           const std::string& path,
                           const XlsxOptions& options = {});

// The same workbooks as bytes (written through a temporary file, removed
// before returning). Errors: those of creating the temporary file; Internal.
absl::StatusOr<std::string> ExportXlsx(const TimeReport& report,
                                       const XlsxOptions& options = {});
absl::StatusOr<std::string> ExportXlsx(const OverdueReport& report,
                                       const XlsxOptions& options = {});
absl::StatusOr<std::string> ExportXlsx(
    const std::vector<ProjectHealth>& projects,
    const XlsxOptions& options = {});
absl::StatusOr<std::string> ExportXlsx(const std::vector<WorkloadRow>& workload,
                                       const XlsxOptions& options = {});

// --- JSON (protobuf's JSON mapping of proto/worksection/v1/report.proto) ---
//
// Field names are the proto names (snake_case). Following the mapping,
// 64-bit integers (ids, seconds, money in minor units) are JSON strings.
// Zero and empty values are written; a value the report left empty (money
// hidden from the actor, no budget) is left out. Days are "YYYY-MM-DD",
// instants RFC 3339 in UTC ("2026-11-24T09:30:00Z").

struct JsonOptions {
  // Indent and break lines.
  bool pretty = false;
  // Written as the `currency` of a project health list (which does not
  // carry one); empty: left out.
  std::string currency;
};

// A worksection.v1.TimeReport, OverdueReport, ProjectHealthReport,
// Workload or Digest message as JSON. Errors: InvalidArgument (a text is
// not valid UTF-8; the message names the field), Internal (the JSON printer
// failed).
absl::StatusOr<std::string> ExportJson(const TimeReport& report,
                                       const JsonOptions& options = {});
absl::StatusOr<std::string> ExportJson(const OverdueReport& report,
                                       const JsonOptions& options = {});
absl::StatusOr<std::string> ExportJson(
    const std::vector<ProjectHealth>& projects,
    const JsonOptions& options = {});
absl::StatusOr<std::string> ExportJson(const std::vector<WorkloadRow>& workload,
                                       const JsonOptions& options = {});
absl::StatusOr<std::string> ExportJson(const Digest& digest,
                                       const JsonOptions& options = {});

// Writes ExportJson(..., options) and a final newline to `path`.
absl::Status WriteJsonFile(const TimeReport& report, const std::string& path,
                           const JsonOptions& options = {});
absl::Status WriteJsonFile(const OverdueReport& report, const std::string& path,
                           const JsonOptions& options = {});
absl::Status WriteJsonFile(const std::vector<ProjectHealth>& projects,
                           const std::string& path,
                           const JsonOptions& options = {});
absl::Status WriteJsonFile(const std::vector<WorkloadRow>& workload,
                           const std::string& path,
                           const JsonOptions& options = {});
absl::Status WriteJsonFile(const Digest& digest, const std::string& path,
                           const JsonOptions& options = {});

// --- Helpers shared by the renderers (exposed for bindings and tools) ---

// The number of decimals of an ISO 4217 currency (2 for "EUR", 0 for "JPY",
// 3 for "KWD"); 2 for an unknown or empty code.
int CurrencyDecimals(absl::string_view currency);

// `amount` minor units as a decimal in major units: FormatMoney(-1234,
// "EUR") is "-12.34", FormatMoney(500, "JPY") is "500".
std::string FormatMoney(Money amount, absl::string_view currency);

}  // namespace worksection

#endif  // WORKSECTION_EXPORT_H_
