// Helpers shared by the CSV, XLSX and JSON renderers.
#ifndef WORKSECTION_SRC_IO_COMMON_H_
#define WORKSECTION_SRC_IO_COMMON_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/model.h"
#include "worksection/report.h"

namespace worksection::io {

// "Project", "Task", ... (column headers).
absl::string_view GroupTitle(ReportGroup group);

// A key's display label; when the report left it empty, one made from the
// key ("#12", "2026-11-24", "2026-W48", "2026-11").
std::string KeyLabel(const ReportKey& key);

// "2026-W48": the ISO week of a day.
std::string IsoWeekLabel(absl::CivilDay day);

// "YYYY-MM-DD".
std::string FormatDay(absl::CivilDay day);
// "HH:MM".
std::string FormatMinuteOfDay(int minute_of_day);
// "YYYY-MM-DD" or "YYYY-MM-DD HH:MM".
std::string FormatDeadline(const Deadline& deadline);
// RFC 3339 in UTC, whole seconds: "2026-11-24T09:30:00Z".
std::string FormatInstant(absl::Time t);

// `value` with exactly `decimals` decimals, rounded half away from zero;
// `decimal_comma` writes "1,50".
std::string FormatDecimal(double value, int decimals, bool decimal_comma);
// Money in major units with the currency's decimals.
std::string FormatMoneyWith(int64_t amount, int decimals, bool decimal_comma);

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or
// code points past U+10FFFF).
bool IsValidUtf8(absl::string_view text);

// Writes `bytes` to `path` through a temporary file beside it, renamed over
// `path` on success; on failure `path` is untouched.
absl::Status WriteFileAtomically(const std::string& path,
                                 absl::string_view bytes);
// A temporary file's path beside `path` (same directory, unique name), the
// file created empty so that its name is taken.
absl::StatusOr<std::string> CreateTempBeside(const std::string& path);
// Reads a whole file.
absl::StatusOr<std::string> ReadFile(const std::string& path);
// A new private temporary directory under $TMPDIR (or /tmp).
absl::StatusOr<std::string> MakeTempDir();
// Renames; maps errno.
absl::Status RenameFile(const std::string& from, const std::string& to);
// An errno as a status naming `what` and `path`.
absl::Status ErrnoStatus(int error, absl::string_view what,
                         absl::string_view path);

}  // namespace worksection::io

#endif  // WORKSECTION_SRC_IO_COMMON_H_
