#include "src/core/page_token.h"

#include <cstdint>
#include <string>

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

}  // namespace

std::string EncodePageToken(const TaskFilter& filter, TaskSortPosition after) {
  v1::PageToken token;
  token.set_filter_fingerprint(Fingerprint(filter));
  token.set_after_key(after.key);
  token.set_after_id(after.id.value());
  return absl::WebSafeBase64Escape(token.SerializeAsString());
}

absl::StatusOr<std::optional<TaskSortPosition>> DecodePageToken(
    const TaskFilter& filter) {
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
  return TaskSortPosition{token.after_key(), TaskId(token.after_id())};
}

}  // namespace worksection
