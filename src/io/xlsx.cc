// XLSX renderings of the reports, through libxlsxwriter.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "src/io/common.h"
#include "worksection/export.h"
#include "xlsxwriter.h"

namespace worksection {
namespace {

constexpr double kSecondsPerDay = 86400.0;

// "A", "B", ..., "AA".
std::string ColumnName(int col) {
  std::string name;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  }
  return name;
}

// "='Time report'!$A$2:$A$5".
std::string Range(absl::string_view sheet, int col, int first_row,
                  int last_row) {
  std::string c = ColumnName(col);
  return absl::StrFormat("='%s'!$%s$%d:$%s$%d", sheet, c, first_row + 1, c,
                         last_row + 1);
}

// Money with the currency's decimals and its code: #,##0.00 "EUR".
std::string MoneyFormat(absl::string_view currency) {
  int decimals = CurrencyDecimals(currency);
  std::string format = "#,##0";
  if (decimals > 0) absl::StrAppend(&format, ".", std::string(decimals, '0'));
  if (!currency.empty()) absl::StrAppend(&format, " \"", currency, "\"");
  return format;
}

// The cell formats of one workbook; the bold ones for header and totals.
struct Formats {
  lxw_format* header = nullptr;
  lxw_format* bold = nullptr;
  lxw_format* date = nullptr;
  lxw_format* month = nullptr;
  lxw_format* datetime = nullptr;
  lxw_format* duration = nullptr;
  lxw_format* hours = nullptr;
  lxw_format* percent = nullptr;
  lxw_format* money = nullptr;
  lxw_format* bold_duration = nullptr;
  lxw_format* bold_hours = nullptr;
  lxw_format* bold_int = nullptr;
  lxw_format* bold_money = nullptr;
};

// One workbook being written to `file`; Close() reports the first error,
// naming `path` (where the file goes once written).
class Book {
 public:
  Book(const std::string& file, const std::string& path,
       absl::string_view currency)
      : path_(path), workbook_(workbook_new(file.c_str())) {
    if (workbook_ == nullptr) return;
    f_.header = Format(true, nullptr);
    f_.bold = Format(true, nullptr);
    f_.date = Format(false, "yyyy-mm-dd");
    f_.month = Format(false, "yyyy-mm");
    f_.datetime = Format(false, "yyyy-mm-dd hh:mm");
    f_.duration = Format(false, "[h]:mm");
    f_.hours = Format(false, "0.00");
    f_.percent = Format(false, "0.0%");
    std::string money = MoneyFormat(currency);
    f_.money = Format(false, money.c_str());
    f_.bold_duration = Format(true, "[h]:mm");
    f_.bold_hours = Format(true, "0.00");
    f_.bold_int = Format(true, "0");
    f_.bold_money = Format(true, money.c_str());
  }
  ~Book() {
    // Close() not reached: still free the workbook; the file is the
    // caller's temporary and is removed.
    if (workbook_ != nullptr) workbook_close(workbook_);
  }
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;

  bool ok() const { return workbook_ != nullptr; }
  const Formats& f() const { return f_; }
  lxw_workbook* workbook() { return workbook_; }

  lxw_worksheet* AddSheet(const char* name) {
    return workbook_add_worksheet(workbook_, name);
  }

  // The first error of a write to any of its sheets.
  void Record(lxw_error error) {
    if (error_ == LXW_NO_ERROR) error_ = error;
  }
  // A text cell that is not UTF-8, which Excel would refuse.
  void RecordBadText(absl::string_view sheet, absl::string_view cell) {
    if (bad_text_.empty()) bad_text_ = absl::StrCat("'", sheet, "'!", cell);
  }

  absl::Status Close() {
    errno = 0;
    lxw_error error = workbook_close(workbook_);
    workbook_ = nullptr;
    if (!bad_text_.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("writing XLSX ", path_, ": the text for ", bad_text_,
                       " is not valid UTF-8"));
    }
    if (error_ != LXW_NO_ERROR) return ToStatus(error_);
    if (error == LXW_NO_ERROR) return absl::OkStatus();
    if (error == LXW_ERROR_CREATING_XLSX_FILE && errno != 0) {
      return io::ErrnoStatus(errno, "cannot write", path_);
    }
    return ToStatus(error);
  }

  absl::Status ToStatus(lxw_error error) const {
    return absl::InternalError(
        absl::StrCat("writing XLSX ", path_, ": ", lxw_strerror(error)));
  }

 private:
  lxw_format* Format(bool bold, const char* number_format) {
    lxw_format* format = workbook_add_format(workbook_);
    if (bold) format_set_bold(format);
    if (number_format != nullptr) format_set_num_format(format, number_format);
    return format;
  }

  std::string path_;
  lxw_workbook* workbook_;
  Formats f_;
  lxw_error error_ = LXW_NO_ERROR;
  std::string bad_text_;
};

// Typed writes to a new sheet of `book`, which records the errors; keeps
// the widest text of each column, for the column widths.
class Sheet {
 public:
  Sheet(Book& book, const char* name)
      : book_(book), name_(name), sheet_(book.AddSheet(name)), f_(book.f()) {}

  lxw_worksheet* get() { return sheet_; }

  void Header(const std::vector<std::string>& titles) {
    for (size_t c = 0; c < titles.size(); ++c) {
      Text(0, static_cast<int>(c), titles[c], f_.header);
    }
    worksheet_freeze_panes(sheet_, 1, 0);
  }
  void Text(int row, int col, absl::string_view text,
            lxw_format* format = nullptr) {
    Widen(col, text.size());
    if (text.empty()) return;
    if (!io::IsValidUtf8(text)) {
      // Excel refuses such a file; report it rather than write it.
      book_.RecordBadText(name_, absl::StrCat(ColumnName(col), row + 1));
      return;
    }
    Check(worksheet_write_string(sheet_, row, col, std::string(text).c_str(),
                                 format));
  }
  void Number(int row, int col, double value, lxw_format* format = nullptr) {
    Widen(col, 10);
    Check(worksheet_write_number(sheet_, row, col, value, format));
  }
  void Bool(int row, int col, bool value) {
    Check(worksheet_write_boolean(sheet_, row, col, value ? 1 : 0, nullptr));
  }
  void Duration(int row, int col, absl::Duration d,
                lxw_format* format = nullptr) {
    Number(row, col, absl::ToDoubleSeconds(d) / kSecondsPerDay,
           format != nullptr ? format : f_.duration);
  }
  void Day(int row, int col, absl::CivilDay day, lxw_format* format = nullptr) {
    lxw_datetime dt = {
        static_cast<int>(day.year()), day.month(), day.day(), 0, 0, 0};
    Widen(col, 10);
    Check(worksheet_write_datetime(sheet_, row, col, &dt,
                                   format != nullptr ? format : f_.date));
  }
  void DayTime(int row, int col, absl::CivilSecond t) {
    lxw_datetime dt = {static_cast<int>(t.year()),
                       t.month(),
                       t.day(),
                       t.hour(),
                       t.minute(),
                       static_cast<double>(t.second())};
    Widen(col, 16);
    Check(worksheet_write_datetime(sheet_, row, col, &dt, f_.datetime));
  }
  void Deadline(int row, int col, const worksection::Deadline& d) {
    if (d.minute_of_day) {
      DayTime(
          row, col,
          absl::CivilSecond(d.day.year(), d.day.month(), d.day.day(),
                            *d.minute_of_day / 60, *d.minute_of_day % 60, 0));
    } else {
      Day(row, col, d.day);
    }
  }
  void Instant(int row, int col, absl::Time t) {
    DayTime(row, col, absl::ToCivilSecond(t, absl::UTCTimeZone()));
  }
  void Money(int row, int col, const std::optional<worksection::Money>& amount,
             int decimals, lxw_format* format) {
    if (!amount) return;
    double scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    Number(row, col, static_cast<double>(*amount) / scale, format);
  }
  void Percent(int row, int col, const std::optional<double>& percent) {
    if (!percent) return;
    Number(row, col, *percent / 100.0, f_.percent);
  }
  // A formula with its value cached, so that readers which do not compute
  // (and Excel's protected view) show the total.
  void Formula(int row, int col, const std::string& formula, double value,
               lxw_format* format) {
    Widen(col, 10);
    Check(worksheet_write_formula_num(sheet_, row, col, formula.c_str(), format,
                                      value));
  }

  // Sets each column's width to fit its widest cell, within bounds.
  void FitColumns() {
    for (size_t c = 0; c < widths_.size(); ++c) {
      double width = std::clamp<double>(widths_[c] + 2.0, 8.0, 50.0);
      Check(worksheet_set_column(sheet_, static_cast<lxw_col_t>(c),
                                 static_cast<lxw_col_t>(c), width, nullptr));
    }
  }

 private:
  void Check(lxw_error error) { book_.Record(error); }
  void Widen(int col, size_t chars) {
    if (widths_.size() <= static_cast<size_t>(col)) widths_.resize(col + 1, 0);
    widths_[col] = std::max(widths_[col], chars);
  }

  Book& book_;
  std::string name_;
  lxw_worksheet* sheet_;
  const Formats& f_;
  std::vector<size_t> widths_;
};

// Writes a key cell: a day level as a date, a month as a month, the rest
// as their labels.
void KeyCell(Sheet& sheet, const Formats& f, int row, int col,
             const ReportKey& key) {
  switch (key.group) {
    case ReportGroup::kDay:
      sheet.Day(row, col, key.period, f.date);
      return;
    case ReportGroup::kMonth:
      sheet.Day(row, col, key.period, f.month);
      return;
    default:
      sheet.Text(row, col, io::KeyLabel(key));
  }
}

// The columns of a time report after its key columns.
enum TimeColumn {
  kTime,
  kHours,
  kBillable,
  kEntries,
  kBilled,
  kLabour,
  kMargin,
};

void WriteTimeSheets(Book& book, const TimeReport& report,
                     const XlsxOptions& options) {
  const Formats& f = book.f();
  constexpr char kSheetName[] = "Time report";
  Sheet sheet(book, kSheetName);
  const int levels = static_cast<int>(report.query.group_by.size());
  const int key_cols = std::max(levels, 1);
  const bool money = report.money_visible;
  const int decimals = CurrencyDecimals(report.currency);
  const int value_cols = money ? 7 : 4;

  std::vector<std::string> header;
  if (levels == 0) header.push_back("");
  for (ReportGroup g : report.query.group_by) {
    header.emplace_back(io::GroupTitle(g));
  }
  for (const char* h : {"Time", "Hours", "Billable time", "Entries", "Billed",
                        "Labour cost", "Margin"}) {
    if (static_cast<int>(header.size()) < key_cols + value_cols) {
      header.emplace_back(h);
    }
  }
  sheet.Header(header);

  // Sums of the rows, to tell whether a SUM formula gives the total.
  ReportTotals sum;
  sum.billed_amount = sum.labour_cost = sum.margin = 0;
  auto add = [](std::optional<worksection::Money>& to,
                const std::optional<worksection::Money>& v) {
    if (to && v) {
      *to += *v;
    } else {
      to.reset();
    }
  };
  int row = 1;
  for (const TimeReportRow& r : report.rows) {
    for (int c = 0; c < key_cols && c < static_cast<int>(r.keys.size()); ++c) {
      KeyCell(sheet, f, row, c, r.keys[c]);
    }
    const ReportTotals& t = r.totals;
    sheet.Duration(row, key_cols + kTime, absl::Seconds(t.seconds));
    sheet.Number(row, key_cols + kHours, t.seconds / 3600.0, f.hours);
    sheet.Duration(row, key_cols + kBillable,
                   absl::Seconds(t.billable_seconds));
    sheet.Number(row, key_cols + kEntries, static_cast<double>(t.entry_count));
    if (money) {
      sheet.Money(row, key_cols + kBilled, t.billed_amount, decimals, f.money);
      sheet.Money(row, key_cols + kLabour, t.labour_cost, decimals, f.money);
      sheet.Money(row, key_cols + kMargin, t.margin, decimals, f.money);
    }
    sum.seconds += t.seconds;
    sum.billable_seconds += t.billable_seconds;
    sum.entry_count += t.entry_count;
    add(sum.billed_amount, t.billed_amount);
    add(sum.labour_cost, t.labour_cost);
    add(sum.margin, t.margin);
    ++row;
  }

  // Totals: SUM formulas with their values cached where the rows add up to
  // the report's totals, the totals themselves elsewhere.
  const int total_row = row;
  const int n = static_cast<int>(report.rows.size());
  sheet.Text(total_row, 0, "Total", f.bold);
  const ReportTotals& total = report.total;
  auto total_cell = [&](int col, double value, bool adds_up,
                        lxw_format* format) {
    if (n > 0 && adds_up) {
      std::string c = ColumnName(col);
      sheet.Formula(total_row, col,
                    absl::StrFormat("=SUM(%s2:%s%d)", c, c, n + 1), value,
                    format);
    } else {
      sheet.Number(total_row, col, value, format);
    }
  };
  total_cell(key_cols + kTime, total.seconds / kSecondsPerDay,
             sum.seconds == total.seconds, f.bold_duration);
  total_cell(key_cols + kHours, total.seconds / 3600.0,
             sum.seconds == total.seconds, f.bold_hours);
  total_cell(key_cols + kBillable, total.billable_seconds / kSecondsPerDay,
             sum.billable_seconds == total.billable_seconds, f.bold_duration);
  total_cell(key_cols + kEntries, static_cast<double>(total.entry_count),
             sum.entry_count == total.entry_count, f.bold_int);
  if (money) {
    double scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    struct MoneyColumn {
      int col;
      const std::optional<worksection::Money>& total;
      const std::optional<worksection::Money>& sum;
    };
    for (const MoneyColumn& m :
         {MoneyColumn{kBilled, total.billed_amount, sum.billed_amount},
          MoneyColumn{kLabour, total.labour_cost, sum.labour_cost},
          MoneyColumn{kMargin, total.margin, sum.margin}}) {
      if (!m.total) continue;
      total_cell(key_cols + m.col, static_cast<double>(*m.total) / scale,
                 m.sum == m.total, f.bold_money);
    }
  }
  sheet.FitColumns();

  if (options.chart && levels > 0 && n > 0) {
    // The chart's data: the rows themselves with one level, else hours
    // summed per first-level key on a sheet of their own.
    std::string data_sheet = kSheetName;
    int first = 1, last = n, label_col = 0, hours_col = key_cols + kHours;
    if (levels > 1) {
      data_sheet = "Chart data";
      Sheet data(book, data_sheet.c_str());
      data.Header(
          {std::string(io::GroupTitle(report.query.group_by[0])), "Hours"});
      int data_row = 0;
      const ReportKey* previous = nullptr;
      double hours = 0;
      auto flush = [&]() {
        if (previous == nullptr) return;
        KeyCell(data, f, data_row, 0, *previous);
        data.Number(data_row, 1, hours, f.hours);
      };
      for (const TimeReportRow& r : report.rows) {
        if (r.keys.empty()) continue;
        const ReportKey& k = r.keys[0];
        if (previous == nullptr || k.id != previous->id ||
            k.tag != previous->tag || k.period != previous->period) {
          flush();
          previous = &k;
          hours = 0;
          ++data_row;
        }
        hours += r.totals.seconds / 3600.0;
      }
      flush();
      data.FitColumns();
      first = 1;
      last = data_row;
      label_col = 0;
      hours_col = 1;
    }
    if (last >= first) {
      lxw_chart* chart = workbook_add_chart(book.workbook(), LXW_CHART_COLUMN);
      std::string categories = Range(data_sheet, label_col, first, last);
      std::string values = Range(data_sheet, hours_col, first, last);
      lxw_chart_series* series =
          chart_add_series(chart, categories.c_str(), values.c_str());
      chart_series_set_name(series, "Hours");
      std::string title =
          absl::StrCat("Hours per ", ReportGroupName(report.query.group_by[0]));
      chart_title_set_name(chart, title.c_str());
      chart_axis_set_name(chart->y_axis, "Hours");
      chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
      book.Record(worksheet_insert_chart(sheet.get(), 1,
                                         key_cols + value_cols + 1, chart));
    }
  }
}

void WriteOverdueSheet(Book& book, const OverdueReport& report) {
  Sheet sheet(book, "Overdue");
  sheet.Header({"Task ID", "Task", "Project", "Assignee", "Author", "Priority",
                "Deadline", "Days late", "Late"});
  int row = 1;
  for (const OverdueRow& r : report.rows) {
    sheet.Number(row, 0, static_cast<double>(r.task.id.value()));
    sheet.Text(row, 1, r.task.title);
    sheet.Text(row, 2, r.project_name);
    sheet.Text(row, 3, r.assignee_name);
    sheet.Text(row, 4, r.author_name);
    sheet.Number(row, 5, r.task.priority);
    if (r.task.deadline) sheet.Deadline(row, 6, *r.task.deadline);
    sheet.Number(row, 7, r.days_late);
    sheet.Bool(row, 8, r.late);
    ++row;
  }
  sheet.FitColumns();
}

void WriteHealthSheet(Book& book, const std::vector<ProjectHealth>& projects,
                      const XlsxOptions& options) {
  const Formats& f = book.f();
  Sheet sheet(book, "Project health");
  bool money = false;
  for (const ProjectHealth& p : projects) {
    if (p.billed || p.labour_cost || p.margin) money = true;
  }
  const int decimals = CurrencyDecimals(options.currency);
  std::vector<std::string> header = {"Project ID",
                                     "Project",
                                     "Status",
                                     "Tasks open",
                                     "Tasks done",
                                     "Tasks overdue",
                                     "Done",
                                     "Done by estimate",
                                     "Nearest deadline",
                                     "Nearest deadline task ID",
                                     "Time budget",
                                     "Time used",
                                     "Time remaining (hours)",
                                     "Time used (%)"};
  if (money) {
    for (const char* h :
         {"Money budget", "Money used", "Money remaining", "Money used (%)",
          "Billed", "Labour cost", "Expenses", "Income", "Margin"}) {
      header.emplace_back(h);
    }
  }
  header.emplace_back("Last activity (UTC)");
  sheet.Header(header);
  int row = 1;
  for (const ProjectHealth& p : projects) {
    int c = 0;
    sheet.Number(row, c++, static_cast<double>(p.project.id.value()));
    sheet.Text(row, c++, p.project.name);
    sheet.Text(row, c++, ProjectStatusName(p.project.status));
    sheet.Number(row, c++, static_cast<double>(p.tasks_open));
    sheet.Number(row, c++, static_cast<double>(p.tasks_done));
    sheet.Number(row, c++, static_cast<double>(p.tasks_overdue));
    sheet.Percent(row, c++, p.percent_done);
    sheet.Percent(row, c++, p.percent_done_by_estimate);
    if (p.nearest_deadline) sheet.Deadline(row, c, *p.nearest_deadline);
    ++c;
    if (p.nearest_deadline_task.valid()) {
      sheet.Number(row, c,
                   static_cast<double>(p.nearest_deadline_task.value()));
    }
    ++c;
    if (p.budget.time_budget) sheet.Duration(row, c, *p.budget.time_budget);
    ++c;
    sheet.Duration(row, c++, p.budget.time_used);
    if (p.budget.time_remaining) {
      sheet.Number(row, c, absl::ToDoubleHours(*p.budget.time_remaining),
                   f.hours);
    }
    ++c;
    sheet.Percent(row, c++, p.budget.time_percent);
    if (money) {
      sheet.Money(row, c++, p.budget.money_budget, decimals, f.money);
      sheet.Money(row, c++, p.budget.money_used, decimals, f.money);
      sheet.Money(row, c++, p.budget.money_remaining, decimals, f.money);
      sheet.Percent(row, c++, p.budget.money_percent);
      for (const std::optional<worksection::Money>* m :
           {&p.billed, &p.labour_cost, &p.expenses, &p.income, &p.margin}) {
        sheet.Money(row, c++, *m, decimals, f.money);
      }
    }
    if (p.last_activity) sheet.Instant(row, c, *p.last_activity);
    ++row;
  }
  sheet.FitColumns();
}

void WriteWorkloadSheet(Book& book, const std::vector<WorkloadRow>& workload) {
  Sheet sheet(book, "Workload");
  sheet.Header({"Member ID", "Member", "Open tasks", "Overdue tasks",
                "Estimate left", "Time logged"});
  int row = 1;
  for (const WorkloadRow& r : workload) {
    sheet.Number(row, 0, static_cast<double>(r.member.value()));
    sheet.Text(row, 1, r.member_name);
    sheet.Number(row, 2, static_cast<double>(r.open_tasks));
    sheet.Number(row, 3, static_cast<double>(r.overdue_tasks));
    sheet.Duration(row, 4, r.estimate_left);
    sheet.Duration(row, 5, absl::Seconds(r.seconds_logged));
    ++row;
  }
  sheet.FitColumns();
}

// Writes a workbook to a temporary file beside `path` and renames it over
// `path` once libxlsxwriter has closed it.
template <typename Fill>
absl::Status WriteWorkbook(const std::string& path, absl::string_view currency,
                           Fill fill) {
  absl::StatusOr<std::string> temp = io::CreateTempBeside(path);
  if (!temp.ok()) return temp.status();
  absl::Status status;
  {
    Book book(*temp, path, currency);
    if (!book.ok()) {
      status = absl::InternalError(
          absl::StrCat("writing XLSX ", path, ": cannot create the workbook"));
    } else {
      fill(book);
      status = book.Close();
    }
  }
  if (!status.ok()) {
    std::remove(temp->c_str());
    return status;
  }
  return io::RenameFile(*temp, path);
}

// Writes through WriteFile into a private temporary directory and reads
// the bytes back.
template <typename WriteFile>
absl::StatusOr<std::string> ToBytes(WriteFile write) {
  absl::StatusOr<std::string> dir = io::MakeTempDir();
  if (!dir.ok()) return dir.status();
  std::string path = absl::StrCat(*dir, "/report.xlsx");
  absl::Status status = write(path);
  absl::StatusOr<std::string> bytes =
      status.ok() ? io::ReadFile(path) : absl::StatusOr<std::string>(status);
  std::remove(path.c_str());
  rmdir(dir->c_str());
  return bytes;
}

}  // namespace

absl::Status WriteXlsxFile(const TimeReport& report, const std::string& path,
                           const XlsxOptions& options) {
  return WriteWorkbook(path, report.currency, [&](Book& book) {
    WriteTimeSheets(book, report, options);
  });
}

absl::Status WriteXlsxFile(const OverdueReport& report, const std::string& path,
                           const XlsxOptions& options) {
  return WriteWorkbook(path, options.currency,
                       [&](Book& book) { WriteOverdueSheet(book, report); });
}

absl::Status WriteXlsxFile(const std::vector<ProjectHealth>& projects,
                           const std::string& path,
                           const XlsxOptions& options) {
  return WriteWorkbook(path, options.currency, [&](Book& book) {
    WriteHealthSheet(book, projects, options);
  });
}

absl::Status WriteXlsxFile(const std::vector<WorkloadRow>& workload,
                           const std::string& path,
                           const XlsxOptions& options) {
  return WriteWorkbook(path, options.currency,
                       [&](Book& book) { WriteWorkloadSheet(book, workload); });
}

absl::StatusOr<std::string> ExportXlsx(const TimeReport& report,
                                       const XlsxOptions& options) {
  return ToBytes([&](const std::string& path) {
    return WriteXlsxFile(report, path, options);
  });
}

absl::StatusOr<std::string> ExportXlsx(const OverdueReport& report,
                                       const XlsxOptions& options) {
  return ToBytes([&](const std::string& path) {
    return WriteXlsxFile(report, path, options);
  });
}

absl::StatusOr<std::string> ExportXlsx(
    const std::vector<ProjectHealth>& projects, const XlsxOptions& options) {
  return ToBytes([&](const std::string& path) {
    return WriteXlsxFile(projects, path, options);
  });
}

absl::StatusOr<std::string> ExportXlsx(const std::vector<WorkloadRow>& workload,
                                       const XlsxOptions& options) {
  return ToBytes([&](const std::string& path) {
    return WriteXlsxFile(workload, path, options);
  });
}

}  // namespace worksection
