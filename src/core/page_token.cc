#include "src/core/page_token.h"

#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "worksection/v1/page_token.pb.h"

namespace worksection {
namespace {

// FNV-1a: stable across processes and builds, unlike absl::Hash, because a
// token may be handed from one process to another.
uint64_t Fnv1a(absl::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

template <typename T>
std::string OptionalId(const std::optional<T>& id) {
  return id ? absl::StrCat(id->value()) : "-";
}

std::string OptionalDay(const std::optional<absl::CivilDay>& day) {
  return day ? absl::FormatCivilTime(*day) : "-";
}

// Every field of the filter but limit and page_token.
uint64_t Fingerprint(const TaskFilter& f) {
  return Fnv1a(
      absl::StrCat(OptionalId(f.project), "|", OptionalId(f.parent), "|",
                   OptionalId(f.assignee), "|", OptionalId(f.author), "|",
                   f.status ? static_cast<int>(*f.status) : -1, "|",
                   f.tag ? absl::StrCat("+", *f.tag) : "-", "|", f.min_priority,
                   "|", f.max_priority, "|", OptionalDay(f.deadline_from), "|",
                   OptionalDay(f.deadline_to), "|",
                   OptionalDay(f.overdue_as_of), "|", f.text_contains.size(),
                   ":", f.text_contains, "|", static_cast<int>(f.order)));
}

uint64_t Fingerprint(const TimeEntryFilter& f) {
  return Fnv1a(absl::StrCat("time|", OptionalId(f.project), "|",
                            OptionalId(f.task), "|", OptionalId(f.member), "|",
                            OptionalDay(f.from), "|", OptionalDay(f.to), "|",
                            f.billable ? static_cast<int>(*f.billable) : -1,
                            "|", f.tag ? absl::StrCat("+", *f.tag) : "-"));
}

std::string Encode(uint64_t fingerprint, int64_t key, int64_t id) {
  v1::PageToken token;
  token.set_filter_fingerprint(fingerprint);
  token.set_after_key(key);
  token.set_after_id(id);
  return absl::WebSafeBase64Escape(token.SerializeAsString());
}

// The (key, id) the page token of `filter` holds, if it was issued for the
// same filter. A first page (no token) costs no fingerprint.
template <typename Filter>
absl::StatusOr<std::optional<std::pair<int64_t, int64_t>>> Decode(
    const Filter& filter) {
  if (filter.page_token.empty()) return std::nullopt;
  std::string bytes;
  v1::PageToken token;
  if (!absl::WebSafeBase64Unescape(filter.page_token, &bytes) ||
      !token.ParseFromString(bytes) || token.after_id() <= 0) {
    return absl::InvalidArgumentError("page_token: malformed");
  }
  if (token.filter_fingerprint() != Fingerprint(filter)) {
    return absl::InvalidArgumentError(
        "page_token: issued for another filter or order");
  }
  return std::make_pair(token.after_key(), token.after_id());
}

}  // namespace

std::string EncodePageToken(const TaskFilter& filter, TaskSortPosition after) {
  return Encode(Fingerprint(filter), after.key, after.id.value());
}

std::string EncodePageToken(const TimeEntryFilter& filter,
                            TimeEntryPosition after) {
  return Encode(Fingerprint(filter), after.date - absl::CivilDay(1970, 1, 1),
                after.id.value());
}

absl::StatusOr<std::optional<TaskSortPosition>> DecodePageToken(
    const TaskFilter& filter) {
  auto decoded = Decode(filter);
  if (!decoded.ok()) return decoded.status();
  if (!*decoded) return std::nullopt;
  return TaskSortPosition{(*decoded)->first, TaskId((*decoded)->second)};
}

absl::StatusOr<std::optional<TimeEntryPosition>> DecodePageToken(
    const TimeEntryFilter& filter) {
  auto decoded = Decode(filter);
  if (!decoded.ok()) return decoded.status();
  if (!*decoded) return std::nullopt;
  const int64_t days = (*decoded)->first;
  if (days < -1'000'000 || days > 3'000'000) {
    return absl::InvalidArgumentError("page_token: malformed");
  }
  return TimeEntryPosition{absl::CivilDay(1970, 1, 1) + days,
                           TimeEntryId((*decoded)->second)};
}

}  // namespace worksection
