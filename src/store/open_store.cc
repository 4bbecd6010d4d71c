#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "src/store/memory/memory_store.h"
#include "src/store/postgres/postgres_store.h"
#include "src/store/sqlite/sqlite_store.h"
#include "worksection/store.h"

namespace worksection {
namespace {

// True for "scheme:..." where scheme is 2+ of [a-z0-9+.-] before any '/'.
// A file whose name looks like that is opened as "sqlite:NAME" or "./NAME".
bool HasScheme(absl::string_view uri) {
  const size_t colon = uri.find(':');
  if (colon == absl::string_view::npos || colon < 2) return false;
  for (char c : uri.substr(0, colon)) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '+' &&
        c != '.' && c != '-') {
      return false;
    }
  }
  return true;
}

// "synchronous=normal" or "synchronous=full" (several joined by '&').
absl::Status ApplyUriParameters(absl::string_view query,
                                StoreOptions& options) {
  for (absl::string_view param : absl::StrSplit(query, '&')) {
    std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(param, absl::MaxSplits('=', 1));
    if (kv.first == "synchronous" && kv.second == "normal") {
      options.synchronous = SyncMode::kNormal;
    } else if (kv.first == "synchronous" && kv.second == "full") {
      options.synchronous = SyncMode::kFull;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "uri: unknown parameter \"", param,
          "\" (the one known is synchronous=normal or synchronous=full)"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenStore(absl::string_view uri,
                                                 const StoreOptions& options) {
  if (uri == "memory:") return NewMemoryStore(options);
  if (IsPostgresUri(uri)) return OpenPostgresStore(uri, options);
  absl::string_view path = uri;
  if (absl::ConsumePrefix(&path, "sqlite:")) {
    // "sqlite:PATH"; "sqlite://PATH" is accepted as the same thing.
    absl::ConsumePrefix(&path, "//");
  } else if (HasScheme(uri)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "uri: unknown scheme in \"", uri,
        "\" (use memory:, sqlite:PATH, a path or postgresql://...)"));
  }
  StoreOptions sqlite_options = options;
  if (uri != path) {  // "sqlite:": parameters after the last '?'
    const size_t q = path.rfind('?');
    if (q != absl::string_view::npos) {
      absl::Status s = ApplyUriParameters(path.substr(q + 1), sqlite_options);
      if (!s.ok()) return s;
      path = path.substr(0, q);
    }
  }
  if (path.empty()) {
    return absl::InvalidArgumentError("uri: empty path");
  }
  return OpenSqliteStore(std::string(path), sqlite_options);
}

}  // namespace worksection
