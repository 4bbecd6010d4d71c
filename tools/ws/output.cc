#include "tools/ws/output.h"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace ws_cli {
namespace {

// Display width: code points, not bytes (good enough for names and titles).
size_t Width(absl::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool RightAligned(Value::Kind kind) {
  return kind == Value::Kind::kInt || kind == Value::Kind::kNumber;
}

// Cuts long cells (titles, notes) so a table stays readable.
std::string Cell(const Value& v) {
  std::string s = v.Text();
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  constexpr size_t kMax = 60;
  if (Width(s) <= kMax) return s;
  size_t n = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++n > kMax - 1) {
      break;
    }
  }
  return s.substr(0, i) + "…";
}

std::vector<std::string> Columns(const std::vector<Record>& records,
                                 const std::vector<std::string>& wanted) {
  if (!wanted.empty()) return wanted;
  std::vector<std::string> columns;
  for (const Record& r : records) {
    for (const auto& [name, value] : r.fields()) {
      if (std::find(columns.begin(), columns.end(), name) == columns.end()) {
        columns.push_back(name);
      }
    }
  }
  return columns;
}

void PrintTable(std::ostream& out, const std::vector<std::string>& columns,
                const std::vector<Record>& records, const Record* total) {
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> widths(columns.size());
  std::vector<bool> right(columns.size(), false);
  for (size_t c = 0; c < columns.size(); ++c) widths[c] = Width(columns[c]);
  auto add_row = [&](const Record& r, bool is_total) {
    std::vector<std::string> row;
    for (size_t c = 0; c < columns.size(); ++c) {
      const Value& v = r.Get(columns[c]);
      std::string text = Cell(v);
      if (is_total && c == 0 && text.empty()) text = "TOTAL";
      if (RightAligned(v.kind())) right[c] = true;
      widths[c] = std::max(widths[c], Width(text));
      row.push_back(std::move(text));
    }
    cells.push_back(std::move(row));
  };
  for (const Record& r : records) add_row(r, false);
  if (total != nullptr) add_row(*total, true);

  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      std::string pad(widths[c] - Width(row[c]), ' ');
      if (c > 0) line += "  ";
      line += right[c] ? pad + row[c] : row[c] + pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  print_row(columns);
  std::vector<std::string> rule;
  for (size_t w : widths) rule.push_back(std::string(w, '-'));
  print_row(rule);
  for (size_t i = 0; i < records.size(); ++i) print_row(cells[i]);
  if (total != nullptr) {
    print_row(rule);
    print_row(cells.back());
  }
}

void PrintCsv(std::ostream& out, const std::vector<std::string>& columns,
              const std::vector<Record>& records) {
  std::vector<std::string> header;
  for (const std::string& c : columns) header.push_back(CsvField(c));
  out << absl::StrJoin(header, ",") << "\r\n";
  for (const Record& r : records) {
    std::vector<std::string> line;
    for (const std::string& c : columns) {
      const Value& v = r.Get(c);
      if (v.kind() == Value::Kind::kRecords) {
        std::ostringstream json;
        v.WriteJson(json);
        line.push_back(CsvField(json.str()));
      } else {
        line.push_back(CsvField(v.Text()));
      }
    }
    out << absl::StrJoin(line, ",") << "\r\n";
  }
}

}  // namespace

Value::Value(std::vector<Record> v)
    : kind_(Kind::kRecords), records_(std::move(v)) {}

Value Value::Number(double v, int decimals) {
  Value value;
  value.kind_ = Kind::kNumber;
  value.number_ = v;
  value.decimals_ = decimals;
  return value;
}

std::string Value::Text() const {
  switch (kind_) {
    case Kind::kNull:
      return "";
    case Kind::kString:
      return str_;
    case Kind::kInt:
      return absl::StrCat(int_);
    case Kind::kNumber: {
      if (!std::isfinite(number_)) return "";
      std::string s = absl::StrFormat("%.*f", decimals_, number_);
      if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
      }
      if (s == "-0") s = "0";
      return s;
    }
    case Kind::kBool:
      return bool_ ? "true" : "false";
    case Kind::kStrings:
      return absl::StrJoin(strings_, ",");
    case Kind::kRecords:
      return absl::StrCat(records_.size());
  }
  return "";
}

void Value::WriteJson(std::ostream& out) const {
  switch (kind_) {
    case Kind::kNull:
      out << "null";
      return;
    case Kind::kString:
      WriteJsonString(out, str_);
      return;
    case Kind::kInt:
    case Kind::kBool:
      out << Text();
      return;
    case Kind::kNumber:
      out << (std::isfinite(number_) ? Text() : "null");
      return;
    case Kind::kStrings: {
      out << "[";
      for (size_t i = 0; i < strings_.size(); ++i) {
        if (i > 0) out << ", ";
        WriteJsonString(out, strings_[i]);
      }
      out << "]";
      return;
    }
    case Kind::kRecords: {
      out << "[";
      for (size_t i = 0; i < records_.size(); ++i) {
        if (i > 0) out << ", ";
        records_[i].WriteJson(out);
      }
      out << "]";
      return;
    }
  }
}

const Value& Record::Get(absl::string_view name) const {
  static const Value* const kNull = new Value();
  for (const auto& [n, v] : fields_) {
    if (n == name) return v;
  }
  return *kNull;
}

void Record::WriteJson(std::ostream& out) const {
  out << "{";
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) out << ", ";
    WriteJsonString(out, fields_[i].first);
    out << ": ";
    fields_[i].second.WriteJson(out);
  }
  out << "}";
}

void WriteJsonString(std::ostream& out, absl::string_view s) {
  out << '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out << "\\\"";
        break;
      case '\\':
        out << "\\\\";
        break;
      case '\n':
        out << "\\n";
        break;
      case '\r':
        out << "\\r";
        break;
      case '\t':
        out << "\\t";
        break;
      default:
        if (c < 0x20) {
          out << absl::StrFormat("\\u%04x", c);
        } else {
          out << c;
        }
    }
  }
  out << '"';
}

std::string CsvField(absl::string_view s) {
  if (s.find_first_of(",\"\r\n") == absl::string_view::npos) {
    return std::string(s);
  }
  std::string quoted = "\"";
  for (char c : s) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void PrintList(std::ostream& out, Format format,
               const std::vector<Record>& records,
               const std::vector<std::string>& table_columns) {
  switch (format) {
    case Format::kJson: {
      out << "[";
      for (size_t i = 0; i < records.size(); ++i) {
        out << (i > 0 ? ",\n " : "");
        records[i].WriteJson(out);
      }
      out << "]\n";
      return;
    }
    case Format::kCsv:
      PrintCsv(out, Columns(records, {}), records);
      return;
    case Format::kTable:
      if (records.empty() && table_columns.empty()) {
        out << "(none)\n";
        return;
      }
      PrintTable(out, Columns(records, table_columns), records, nullptr);
      return;
  }
}

void PrintRecord(std::ostream& out, Format format, const Record& record) {
  switch (format) {
    case Format::kJson:
      record.WriteJson(out);
      out << "\n";
      return;
    case Format::kCsv:
      PrintCsv(out, Columns({record}, {}), {record});
      return;
    case Format::kTable: {
      size_t width = 0;
      for (const auto& [name, value] : record.fields()) {
        if (value.kind() != Value::Kind::kRecords) {
          width = std::max(width, name.size());
        }
      }
      for (const auto& [name, value] : record.fields()) {
        if (value.kind() == Value::Kind::kRecords) continue;
        std::string text = value.Text();
        out << name << ":"
            << (text.empty() ? ""
                             : std::string(width - name.size() + 1, ' ') + text)
            << "\n";
      }
      for (const auto& [name, value] : record.fields()) {
        if (value.kind() != Value::Kind::kRecords) continue;
        out << "\n" << name << ":\n";
        if (value.records().empty()) {
          out << "  (none)\n";
          continue;
        }
        std::ostringstream table;
        PrintTable(table, Columns(value.records(), {}), value.records(),
                   nullptr);
        std::istringstream lines(table.str());
        for (std::string line; std::getline(lines, line);) {
          out << "  " << line << "\n";
        }
      }
      return;
    }
  }
}

void PrintReport(std::ostream& out, Format format,
                 const std::vector<Record>& rows, const Record& total,
                 const std::vector<std::string>& columns,
                 const std::vector<std::string>& table_columns) {
  switch (format) {
    case Format::kJson: {
      out << "{\"rows\": [";
      for (size_t i = 0; i < rows.size(); ++i) {
        out << (i > 0 ? ",\n  " : "\n  ");
        rows[i].WriteJson(out);
      }
      out << (rows.empty() ? "],\n \"total\": " : "\n ],\n \"total\": ");
      total.WriteJson(out);
      out << "}\n";
      return;
    }
    case Format::kCsv:
      PrintCsv(out, Columns(rows, columns), rows);
      return;
    case Format::kTable: {
      std::vector<std::string> shown =
          Columns(rows, table_columns.empty() ? columns : table_columns);
      if (shown.empty()) {
        for (const auto& [name, value] : total.fields()) {
          shown.push_back(name);
        }
      }
      // The total under the columns it shares with the rows, else as a
      // line of its own.
      bool shared = false;
      for (const auto& [name, value] : total.fields()) {
        shared |= std::find(shown.begin(), shown.end(), name) != shown.end();
      }
      PrintTable(out, shown, rows, shared ? &total : nullptr);
      if (!shared) {
        std::vector<std::string> parts;
        for (const auto& [name, value] : total.fields()) {
          parts.push_back(absl::StrCat(name, " ", value.Text()));
        }
        out << "total: " << absl::StrJoin(parts, ", ") << "\n";
      }
      return;
    }
  }
}

}  // namespace ws_cli
