#include "src/io/common.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "worksection/export.h"

namespace worksection {

int CurrencyDecimals(absl::string_view currency) {
  // ISO 4217 minor units, the codes that differ from 2.
  static constexpr absl::string_view kZero[] = {
      "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
      "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"};
  static constexpr absl::string_view kThree[] = {"BHD", "IQD", "JOD", "KWD",
                                                 "LYD", "OMR", "TND"};
  static constexpr absl::string_view kFour[] = {"CLF", "UYW"};
  for (absl::string_view c : kZero) {
    if (c == currency) return 0;
  }
  for (absl::string_view c : kThree) {
    if (c == currency) return 3;
  }
  for (absl::string_view c : kFour) {
    if (c == currency) return 4;
  }
  return 2;
}

std::string FormatMoney(Money amount, absl::string_view currency) {
  return io::FormatMoneyWith(amount, CurrencyDecimals(currency),
                             /*decimal_comma=*/false);
}

namespace io {

absl::string_view GroupTitle(ReportGroup group) {
  switch (group) {
    case ReportGroup::kProject:
      return "Project";
    case ReportGroup::kTask:
      return "Task";
    case ReportGroup::kMember:
      return "Member";
    case ReportGroup::kTag:
      return "Tag";
    case ReportGroup::kDay:
      return "Day";
    case ReportGroup::kWeek:
      return "Week";
    case ReportGroup::kMonth:
      return "Month";
  }
  return "Unknown";
}

std::string IsoWeekLabel(absl::CivilDay day) {
  // The ISO week belongs to the year of its Thursday.
  int monday_based = 0;
  switch (absl::GetWeekday(day)) {
    case absl::Weekday::monday:
      monday_based = 0;
      break;
    case absl::Weekday::tuesday:
      monday_based = 1;
      break;
    case absl::Weekday::wednesday:
      monday_based = 2;
      break;
    case absl::Weekday::thursday:
      monday_based = 3;
      break;
    case absl::Weekday::friday:
      monday_based = 4;
      break;
    case absl::Weekday::saturday:
      monday_based = 5;
      break;
    case absl::Weekday::sunday:
      monday_based = 6;
      break;
  }
  absl::CivilDay thursday = day + (3 - monday_based);
  absl::CivilDay jan1(thursday.year(), 1, 1);
  int week = static_cast<int>((thursday - jan1) / 7) + 1;
  return absl::StrFormat("%04d-W%02d", thursday.year(), week);
}

std::string KeyLabel(const ReportKey& key) {
  if (!key.label.empty()) return key.label;
  switch (key.group) {
    case ReportGroup::kProject:
    case ReportGroup::kTask:
    case ReportGroup::kMember:
      return absl::StrCat("#", key.id);
    case ReportGroup::kTag:
      return key.tag;
    case ReportGroup::kDay:
      return FormatDay(key.period);
    case ReportGroup::kWeek:
      return IsoWeekLabel(key.period);
    case ReportGroup::kMonth:
      return absl::StrFormat("%04d-%02d", key.period.year(),
                             key.period.month());
  }
  return "";
}

std::string FormatDay(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

std::string FormatMinuteOfDay(int minute_of_day) {
  return absl::StrFormat("%02d:%02d", minute_of_day / 60, minute_of_day % 60);
}

std::string FormatDeadline(const Deadline& deadline) {
  std::string out = FormatDay(deadline.day);
  if (deadline.minute_of_day) {
    absl::StrAppend(&out, " ", FormatMinuteOfDay(*deadline.minute_of_day));
  }
  return out;
}

std::string FormatInstant(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d%ET%H:%M:%SZ", t, absl::UTCTimeZone());
}

std::string FormatDecimal(double value, int decimals, bool decimal_comma) {
  std::string out = absl::StrFormat("%.*f", decimals, value);
  // No "-0.00".
  if (!out.empty() && out[0] == '-' &&
      out.find_first_not_of("0.", 1) == std::string::npos) {
    out.erase(0, 1);
  }
  if (decimal_comma) absl::StrReplaceAll({{".", ","}}, &out);
  return out;
}

std::string FormatMoneyWith(int64_t amount, int decimals, bool decimal_comma) {
  const bool negative = amount < 0;
  // Through unsigned, so that INT64_MIN negates.
  uint64_t magnitude = negative ? ~static_cast<uint64_t>(amount) + 1
                                : static_cast<uint64_t>(amount);
  uint64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  std::string out = negative ? "-" : "";
  absl::StrAppend(&out, magnitude / scale);
  if (decimals > 0) {
    out += decimal_comma ? ',' : '.';
    std::string fraction = absl::StrCat(magnitude % scale);
    out.append(decimals - fraction.size(), '0');
    out += fraction;
  }
  return out;
}

bool IsValidUtf8(absl::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int extra;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p <= extra) return false;
    for (int i = 1; i <= extra; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return false;
    }
    p += extra + 1;
  }
  return true;
}

absl::Status ErrnoStatus(int error, absl::string_view what,
                         absl::string_view path) {
  return absl::ErrnoToStatus(error, absl::StrCat(what, " ", path));
}

absl::StatusOr<std::string> CreateTempBeside(const std::string& path) {
  // Not mkstemp: its 0600 would survive the rename; 0666 minus the umask is
  // what a plain new file gets.
  static std::atomic<uint64_t> counter{0};
  std::random_device random;
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name =
        absl::StrFormat("%s.tmp-%d-%x%x", path, static_cast<int>(getpid()),
                        counter.fetch_add(1), random());
    int fd = open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      close(fd);
      return name;
    }
    if (errno != EEXIST) {
      return ErrnoStatus(errno, "cannot create a file beside", path);
    }
  }
  return absl::AlreadyExistsError(
      absl::StrCat("cannot find a free temporary name beside ", path));
}

absl::Status RenameFile(const std::string& from, const std::string& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0) {
    int error = errno;
    std::remove(from.c_str());
    return ErrnoStatus(error, "cannot write", to);
  }
  return absl::OkStatus();
}

absl::Status WriteFileAtomically(const std::string& path,
                                 absl::string_view bytes) {
  absl::StatusOr<std::string> temp = CreateTempBeside(path);
  if (!temp.ok()) return temp.status();
  std::FILE* f = std::fopen(temp->c_str(), "wb");
  if (f == nullptr) {
    int error = errno;
    std::remove(temp->c_str());
    return ErrnoStatus(error, "cannot write", path);
  }
  size_t written = std::fwrite(bytes.data(), 1, bytes.size(), f);
  int error = written == bytes.size() ? 0 : errno;
  if (std::fflush(f) != 0 && error == 0) error = errno;
  if (fsync(fileno(f)) != 0 && error == 0) error = errno;
  if (std::fclose(f) != 0 && error == 0) error = errno;
  if (error != 0 || written != bytes.size()) {
    std::remove(temp->c_str());
    return ErrnoStatus(error != 0 ? error : EIO, "cannot write", path);
  }
  return RenameFile(*temp, path);
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return ErrnoStatus(errno, "cannot read", path);
  std::string out;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0)
    out.append(buffer, n);
  bool failed = std::ferror(f) != 0;
  int error = errno;
  std::fclose(f);
  if (failed) return ErrnoStatus(error, "cannot read", path);
  return out;
}

absl::StatusOr<std::string> MakeTempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string name =
      absl::StrCat(base != nullptr && *base != '\0' ? base : "/tmp",
                   "/worksection-export-XXXXXX");
  std::vector<char> buffer(name.begin(), name.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) {
    return ErrnoStatus(errno, "cannot create a temporary directory", name);
  }
  return std::string(buffer.data());
}

}  // namespace io
}  // namespace worksection
