#include "src/store/sql/sql_query.h"

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace worksection::sql_internal {

void Where::Add(absl::string_view condition) {
  absl::StrAppend(&sql_, sql_.empty() ? " WHERE " : " AND ", condition);
}

void Where::Add(absl::string_view condition, SqlArg arg) {
  Add(condition);
  q_.args.push_back(std::move(arg));
}

void Where::AddIn(absl::string_view column, const std::vector<int64_t>& ids) {
  if (ids.empty()) q_.empty = true;
  Add(dialect_.in_ids(column), dialect_.ids_arg(ids));
}

void Where::AddIdOrNull(absl::string_view column, int64_t value, bool valid) {
  if (valid) {
    Add(absl::StrCat(column, " = ?"), value);
  } else {
    Add(absl::StrCat(column, " IS NULL"));
  }
}

std::vector<size_t> RowsPerStatement(size_t n) {
  std::vector<size_t> sizes(n / kMaxRowsPerStatement, kMaxRowsPerStatement);
  for (size_t bit = kMaxRowsPerStatement / 2; bit > 0; bit /= 2) {
    if (n & bit) sizes.push_back(bit);
  }
  return sizes;
}

std::string ParamTuples(size_t rows, int width, absl::string_view param) {
  std::string one = "(";
  for (int i = 0; i < width; ++i)
    absl::StrAppend(&one, i == 0 ? "" : ", ", param);
  one += ")";
  std::string all;
  all.reserve(rows * (one.size() + 2));
  for (size_t r = 0; r < rows; ++r)
    absl::StrAppend(&all, r == 0 ? "" : ", ", one);
  return all;
}

}  // namespace worksection::sql_internal
