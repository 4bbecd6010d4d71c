// What commands print: records (ordered fields) rendered as an aligned
// table, JSON or CSV. One shape serves all three formats, so the columns of
// `--format csv` are the fields of `--format json`.
#ifndef WORKSECTION_TOOLS_WS_OUTPUT_H_
#define WORKSECTION_TOOLS_WS_OUTPUT_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace ws_cli {

enum class Format { kTable, kJson, kCsv };

class Record;

// A field's value: null, a string, an integer, a number, a boolean, a list
// of strings, or a list of records (nested, e.g. a task's comments).
class Value {
 public:
  enum class Kind { kNull, kString, kInt, kNumber, kBool, kStrings, kRecords };

  Value() = default;                                       // null
  Value(const char* s) : kind_(Kind::kString), str_(s) {}  // NOLINT
  Value(std::string s)                                     // NOLINT
      : kind_(Kind::kString), str_(std::move(s)) {}
  Value(absl::string_view s)  // NOLINT
      : kind_(Kind::kString), str_(s) {}
  Value(int v) : kind_(Kind::kInt), int_(v) {}      // NOLINT
  Value(int64_t v) : kind_(Kind::kInt), int_(v) {}  // NOLINT
  Value(bool v) : kind_(Kind::kBool), bool_(v) {}   // NOLINT
  Value(std::vector<std::string> v)                 // NOLINT
      : kind_(Kind::kStrings), strings_(std::move(v)) {}
  Value(std::vector<Record> v);  // NOLINT
  // A number printed with at most `decimals` decimals (trailing zeros cut).
  static Value Number(double v, int decimals = 2);

  Kind kind() const { return kind_; }
  // For tables and CSV: strings as they are, lists joined by ",", null as "".
  std::string Text() const;
  void WriteJson(std::ostream& out) const;
  const std::vector<Record>& records() const { return records_; }

 private:
  Kind kind_ = Kind::kNull;
  std::string str_;
  int64_t int_ = 0;
  double number_ = 0;
  int decimals_ = 2;
  bool bool_ = false;
  std::vector<std::string> strings_;
  std::vector<Record> records_;
};

// Named fields in order.
class Record {
 public:
  Record& Add(std::string name, Value value) {
    fields_.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  const std::vector<std::pair<std::string, Value>>& fields() const {
    return fields_;
  }
  // The field's value, or null when absent.
  const Value& Get(absl::string_view name) const;
  void WriteJson(std::ostream& out) const;

 private:
  std::vector<std::pair<std::string, Value>> fields_;
};

void WriteJsonString(std::ostream& out, absl::string_view s);
// RFC 4180: quoted when it holds a comma, a quote or a line break.
std::string CsvField(absl::string_view s);

// A list of records. Table: the `table_columns` (all fields when empty),
// aligned; JSON: an array of objects; CSV: a header and one line a record.
void PrintList(std::ostream& out, Format format,
               const std::vector<Record>& records,
               const std::vector<std::string>& table_columns = {});

// One record. Table: "name: value" lines, nested records as indented
// tables; JSON: an object; CSV: a header and one line (nested records as
// JSON text).
void PrintRecord(std::ostream& out, Format format, const Record& record);

// A report. JSON: {"rows": [...], "total": {...}}; CSV: the rows only, in
// `columns` (the rows' fields when empty); table: `table_columns` (else
// `columns`) and a total line under the rows.
void PrintReport(std::ostream& out, Format format,
                 const std::vector<Record>& rows, const Record& total,
                 const std::vector<std::string>& columns,
                 const std::vector<std::string>& table_columns = {});

}  // namespace ws_cli

#endif  // WORKSECTION_TOOLS_WS_OUTPUT_H_
