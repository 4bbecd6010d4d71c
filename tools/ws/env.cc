#include "tools/ws/env.h"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "worksection/export.h"
#include "worksection/policy.h"

namespace ws_cli {

namespace wsl = worksection;

absl::StatusOr<Format> ParseFormat(const Args& args) {
  std::string f = args.Get("format").value_or("table");
  if (f == "table") return Format::kTable;
  if (f == "json") return Format::kJson;
  if (f == "csv") return Format::kCsv;
  return UsageError(
      absl::StrCat("--format: \"", f, "\" is not one of table, json, csv"));
}

std::string DbUri(const Args& args) {
  if (std::optional<std::string> db = args.Get("db")) return *db;
  const char* env = std::getenv("WS_DB");
  if (env != nullptr && *env != '\0') return env;
  return "./worksection.db";
}

std::string DbFile(absl::string_view uri) {
  if (absl::ConsumePrefix(&uri, "sqlite://") ||
      absl::ConsumePrefix(&uri, "sqlite:")) {
    return std::string(uri);
  }
  // "scheme:..." with two or more letters names another store.
  size_t colon = uri.find(':');
  if (colon != absl::string_view::npos && colon >= 2) {
    bool letters = true;
    for (char c : uri.substr(0, colon)) {
      if (!absl::ascii_isalpha(static_cast<unsigned char>(c))) letters = false;
    }
    if (letters) return "";
  }
  return std::string(uri);
}

absl::Status Env::Open() {
  std::string uri = DbUri(args_);
  std::string file = DbFile(uri);
  if (!file.empty()) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
      return absl::NotFoundError(absl::StrCat("--db: no workspace at ", file,
                                              " (create one with `ws init`)"));
    }
  }
  WS_ASSIGN_OR_RETURN(std::unique_ptr<wsl::Workspace> workspace,
                      wsl::Workspace::Open(uri));
  WS_ASSIGN_OR_RETURN(bool initialized, workspace->Initialized());
  if (!initialized) {
    return absl::FailedPreconditionError(absl::StrCat(
        "--db: ", uri, " holds no workspace (create one with `ws init`)"));
  }
  return Attach(std::move(workspace));
}

absl::Status Env::Attach(std::unique_ptr<wsl::Workspace> workspace) {
  workspace_ = std::move(workspace);
  WS_ASSIGN_OR_RETURN(wsl::Member owner, workspace_->FirstOwner());
  actor_ = owner;
  if (std::optional<std::string> as = args_.Get("as")) {
    wsl::Session as_owner = workspace_->As(owner.id);
    WS_ASSIGN_OR_RETURN(std::vector<wsl::Member> all,
                        as_owner.ListMembers({.include_inactive = true}));
    bool found = false;
    for (const wsl::Member& m : all) {
      if (absl::EqualsIgnoreCase(m.email, *as)) {
        actor_ = m;
        found = true;
      }
    }
    if (!found) {
      return absl::NotFoundError(
          absl::StrCat("--as: no member with e-mail \"", *as, "\""));
    }
  }
  session_.emplace(workspace_->As(actor_.id));
  WS_ASSIGN_OR_RETURN(settings_, session_->GetSettings());
  if (!absl::LoadTimeZone(settings_.time_zone, &zone_)) {
    zone_ = absl::UTCTimeZone();
  }
  money_decimals_ = wsl::CurrencyDecimals(settings_.currency);
  return absl::OkStatus();
}

absl::Status Env::LoadMembers() {
  if (members_loaded_) return absl::OkStatus();
  WS_ASSIGN_OR_RETURN(std::vector<wsl::Member> all,
                      session_->ListMembers({.include_inactive = true}));
  for (wsl::Member& m : all) members_[m.id.value()] = std::move(m);
  members_loaded_ = true;
  return absl::OkStatus();
}

absl::StatusOr<wsl::Member> Env::MemberByEmail(absl::string_view field,
                                               absl::string_view email) {
  WS_RETURN_IF_ERROR(LoadMembers());
  for (const auto& [id, m] : members_) {
    if (absl::EqualsIgnoreCase(m.email, email)) return m;
  }
  return absl::NotFoundError(
      absl::StrCat(field, ": no member with e-mail \"", email, "\""));
}

Value Env::Email(wsl::MemberId id) {
  if (!id.valid() || !LoadMembers().ok()) return Value();
  auto it = members_.find(id.value());
  if (it == members_.end()) return Value();
  return it->second.email;
}

bool Env::MoneyVisible(const wsl::Project& project) const {
  wsl::ScopeSet scopes =
      wsl::PolicyScopes(actor_.role, wsl::Action::kReadMoney);
  if (scopes & wsl::kScopeWorkspace) return true;
  if (scopes & wsl::kScopeManagedProjects) {
    if (project.manager == actor_.id) return true;
    for (const wsl::ProjectMember& pm : project.members) {
      if (pm.member == actor_.id && pm.role == wsl::ProjectRole::kManager) {
        return true;
      }
    }
  }
  return false;
}

bool Env::MoneyVisibleAnywhere() const {
  return wsl::PolicyScopes(actor_.role, wsl::Action::kReadMoney) !=
         wsl::kScopeNone;
}

}  // namespace ws_cli
