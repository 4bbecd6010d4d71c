// CSV (RFC 4180) renderings of the reports.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "src/io/common.h"
#include "worksection/export.h"

namespace worksection {
namespace {

// Builds one CSV document: fields, then EndRow().
class CsvWriter {
 public:
  explicit CsvWriter(const CsvOptions& options)
      : options_(options),
        separator_(options.separator == CsvOptions::Separator::kSemicolon
                       ? ';'
                       : ',') {
    if (options.bom) out_ = "\xEF\xBB\xBF";
  }

  // A text field.
  void Text(absl::string_view text) {
    if (options_.neutralize_formulas && !text.empty() &&
        (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
         text[0] == '\t' || text[0] == '\r')) {
      Raw(absl::StrCat("'", text));
    } else {
      Raw(text);
    }
  }
  // A number or other value we formatted ourselves.
  void Value(absl::string_view text) { Raw(text); }
  void Int(int64_t value) { Raw(absl::StrCat(value)); }
  void Empty() { Raw(""); }
  void Decimal(double value, int decimals) {
    Raw(io::FormatDecimal(value, decimals, options_.decimal_comma));
  }
  void Hours(int64_t seconds) { Decimal(seconds / 3600.0, 2); }
  void Money(const std::optional<worksection::Money>& amount, int decimals) {
    if (!amount) return Empty();
    Raw(io::FormatMoneyWith(*amount, decimals, options_.decimal_comma));
  }
  void EndRow() {
    out_ += "\r\n";
    first_in_row_ = true;
  }

  std::string Take() { return std::move(out_); }

 private:
  void Raw(absl::string_view field) {
    if (!first_in_row_) out_ += separator_;
    first_in_row_ = false;
    bool quote = false;
    for (char c : field) {
      if (c == separator_ || c == '"' || c == '\r' || c == '\n') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      out_.append(field.data(), field.size());
      return;
    }
    out_ += '"';
    for (char c : field) {
      if (c == '"') out_ += '"';
      out_ += c;
    }
    out_ += '"';
  }

  const CsvOptions& options_;
  const char separator_;
  std::string out_;
  bool first_in_row_ = true;
};

void TotalsCells(CsvWriter& csv, const ReportTotals& totals, bool money,
                 int decimals) {
  csv.Int(totals.seconds);
  csv.Hours(totals.seconds);
  csv.Hours(totals.billable_seconds);
  csv.Int(totals.entry_count);
  if (money) {
    csv.Money(totals.billed_amount, decimals);
    csv.Money(totals.labour_cost, decimals);
    csv.Money(totals.margin, decimals);
  }
}

bool AnyMoney(const std::vector<ProjectHealth>& projects) {
  for (const ProjectHealth& p : projects) {
    if (p.billed || p.labour_cost || p.margin) return true;
  }
  return false;
}

}  // namespace

std::string ExportCsv(const TimeReport& report, const CsvOptions& options) {
  CsvWriter csv(options);
  const int decimals = CurrencyDecimals(report.currency);
  const bool money = report.money_visible;
  const size_t levels = report.query.group_by.size();
  // Header.
  if (levels == 0) csv.Text("");
  for (ReportGroup g : report.query.group_by) csv.Text(io::GroupTitle(g));
  for (absl::string_view h :
       {"Seconds", "Hours", "Billable hours", "Entries"}) {
    csv.Text(h);
  }
  if (money) {
    for (absl::string_view h : {"Billed", "Labour cost", "Margin"}) csv.Text(h);
  }
  csv.EndRow();
  for (const TimeReportRow& row : report.rows) {
    for (size_t i = 0; i < std::max<size_t>(levels, 1); ++i) {
      if (i < row.keys.size()) {
        csv.Text(io::KeyLabel(row.keys[i]));
      } else {
        csv.Empty();
      }
    }
    TotalsCells(csv, row.totals, money, decimals);
    csv.EndRow();
  }
  csv.Text("Total");
  for (size_t i = 1; i < levels; ++i) csv.Empty();
  TotalsCells(csv, report.total, money, decimals);
  csv.EndRow();
  return csv.Take();
}

std::string ExportCsv(const OverdueReport& report, const CsvOptions& options) {
  CsvWriter csv(options);
  for (absl::string_view h :
       {"Task ID", "Task", "Project", "Assignee", "Author", "Priority",
        "Deadline", "Days late", "Late"}) {
    csv.Text(h);
  }
  csv.EndRow();
  for (const OverdueRow& row : report.rows) {
    csv.Int(row.task.id.value());
    csv.Text(row.task.title);
    csv.Text(row.project_name);
    csv.Text(row.assignee_name);
    csv.Text(row.author_name);
    csv.Int(row.task.priority);
    if (row.task.deadline) {
      csv.Value(io::FormatDeadline(*row.task.deadline));
    } else {
      csv.Empty();
    }
    csv.Int(row.days_late);
    csv.Value(row.late ? "yes" : "no");
    csv.EndRow();
  }
  return csv.Take();
}

std::string ExportCsv(const std::vector<ProjectHealth>& projects,
                      const CsvOptions& options) {
  CsvWriter csv(options);
  const int decimals = CurrencyDecimals(options.currency);
  const bool money = AnyMoney(projects);
  for (absl::string_view h :
       {"Project ID", "Project", "Status", "Tasks open", "Tasks done",
        "Tasks overdue", "Percent done", "Percent done by estimate",
        "Nearest deadline", "Nearest deadline task ID", "Time budget (hours)",
        "Time used (hours)", "Time remaining (hours)", "Time used (%)"}) {
    csv.Text(h);
  }
  if (money) {
    for (absl::string_view h :
         {"Money budget", "Money used", "Money remaining", "Money used (%)",
          "Billed", "Labour cost", "Expenses", "Income", "Margin"}) {
      csv.Text(h);
    }
  }
  csv.Text("Last activity");
  csv.EndRow();
  auto hours = [&](const std::optional<absl::Duration>& d) {
    if (!d) return csv.Empty();
    csv.Decimal(absl::ToDoubleHours(*d), 2);
  };
  auto percent = [&](const std::optional<double>& p) {
    if (!p) return csv.Empty();
    csv.Decimal(*p, 1);
  };
  for (const ProjectHealth& p : projects) {
    csv.Int(p.project.id.value());
    csv.Text(p.project.name);
    csv.Text(ProjectStatusName(p.project.status));
    csv.Int(p.tasks_open);
    csv.Int(p.tasks_done);
    csv.Int(p.tasks_overdue);
    percent(p.percent_done);
    percent(p.percent_done_by_estimate);
    if (p.nearest_deadline) {
      csv.Value(io::FormatDeadline(*p.nearest_deadline));
    } else {
      csv.Empty();
    }
    if (p.nearest_deadline_task.valid()) {
      csv.Int(p.nearest_deadline_task.value());
    } else {
      csv.Empty();
    }
    hours(p.budget.time_budget);
    hours(p.budget.time_used);
    hours(p.budget.time_remaining);
    percent(p.budget.time_percent);
    if (money) {
      csv.Money(p.budget.money_budget, decimals);
      csv.Money(p.budget.money_used, decimals);
      csv.Money(p.budget.money_remaining, decimals);
      percent(p.budget.money_percent);
      csv.Money(p.billed, decimals);
      csv.Money(p.labour_cost, decimals);
      csv.Money(p.expenses, decimals);
      csv.Money(p.income, decimals);
      csv.Money(p.margin, decimals);
    }
    if (p.last_activity) {
      csv.Value(io::FormatInstant(*p.last_activity));
    } else {
      csv.Empty();
    }
    csv.EndRow();
  }
  return csv.Take();
}

std::string ExportCsv(const std::vector<WorkloadRow>& workload,
                      const CsvOptions& options) {
  CsvWriter csv(options);
  for (absl::string_view h :
       {"Member ID", "Member", "Open tasks", "Overdue tasks",
        "Estimate left (hours)", "Hours logged"}) {
    csv.Text(h);
  }
  csv.EndRow();
  for (const WorkloadRow& row : workload) {
    csv.Int(row.member.value());
    csv.Text(row.member_name);
    csv.Int(row.open_tasks);
    csv.Int(row.overdue_tasks);
    csv.Decimal(absl::ToDoubleHours(row.estimate_left), 2);
    csv.Hours(row.seconds_logged);
    csv.EndRow();
  }
  return csv.Take();
}

absl::Status WriteCsvFile(const TimeReport& report, const std::string& path,
                          const CsvOptions& options) {
  return io::WriteFileAtomically(path, ExportCsv(report, options));
}

absl::Status WriteCsvFile(const OverdueReport& report, const std::string& path,
                          const CsvOptions& options) {
  return io::WriteFileAtomically(path, ExportCsv(report, options));
}

absl::Status WriteCsvFile(const std::vector<ProjectHealth>& projects,
                          const std::string& path, const CsvOptions& options) {
  return io::WriteFileAtomically(path, ExportCsv(projects, options));
}

absl::Status WriteCsvFile(const std::vector<WorkloadRow>& workload,
                          const std::string& path, const CsvOptions& options) {
  return io::WriteFileAtomically(path, ExportCsv(workload, options));
}

}  // namespace worksection
