// What a command runs in: the global options, the open workspace, the
// acting member's session, and lookups between e-mails and members.
#ifndef WORKSECTION_TOOLS_WS_ENV_H_
#define WORKSECTION_TOOLS_WS_ENV_H_

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "tools/ws/args.h"
#include "tools/ws/output.h"
#include "worksection/workspace.h"

namespace ws_cli {

// --format's value; a usage error for anything but table, json or csv.
absl::StatusOr<Format> ParseFormat(const Args& args);

// --db, else $WS_DB, else ./worksection.db.
std::string DbUri(const Args& args);

// The file a URI names ("PATH", "sqlite:PATH", "sqlite://PATH"); empty for
// other stores (memory:, postgresql://...).
std::string DbFile(absl::string_view uri);

class Env {
 public:
  Env(const Args& args, Format format, std::ostream& out)
      : args_(args), format_(format), out_(out) {}

  Format format() const { return format_; }
  std::ostream& out() { return out_; }
  std::string uri() const { return DbUri(args_); }

  // Opens the workspace, which must exist (NotFound naming the file
  // otherwise, without creating it), and resolves --as (default: the first
  // owner).
  absl::Status Open();
  // Uses an open workspace instead (the demo's), and resolves --as.
  absl::Status Attach(std::unique_ptr<worksection::Workspace> workspace);
  // Gives the workspace back (e.g. to close it).
  std::unique_ptr<worksection::Workspace> Release() {
    session_.reset();
    return std::move(workspace_);
  }

  worksection::Workspace& workspace() { return *workspace_; }
  worksection::Session& session() { return *session_; }
  const worksection::Member& actor() const { return actor_; }
  const worksection::WorkspaceSettings& settings() const { return settings_; }
  const absl::TimeZone& zone() const { return zone_; }
  // The decimals of the workspace currency (2 for EUR and USD).
  int money_decimals() const { return money_decimals_; }

  // The member with this e-mail as the actor sees them; NotFound naming
  // `field` otherwise.
  absl::StatusOr<worksection::Member> MemberByEmail(absl::string_view field,
                                                    absl::string_view email);
  // A member's e-mail, or null when none or not visible to the actor.
  Value Email(worksection::MemberId id);
  // Whether the actor reads money in this project (owner and admin
  // everywhere, an employee in the projects they manage).
  bool MoneyVisible(const worksection::Project& project) const;
  bool MoneyVisibleAnywhere() const;

 private:
  absl::Status LoadMembers();

  const Args& args_;
  Format format_;
  std::ostream& out_;
  std::unique_ptr<worksection::Workspace> workspace_;
  std::optional<worksection::Session> session_;
  worksection::Member actor_;
  worksection::WorkspaceSettings settings_;
  absl::TimeZone zone_;
  int money_decimals_ = 2;
  bool members_loaded_ = false;
  absl::flat_hash_map<int64_t, worksection::Member> members_;
};

// The value, or returns its status from the enclosing function.
#define WS_ASSIGN_OR_RETURN(lhs, expr) \
  WS_ASSIGN_OR_RETURN_IMPL(WS_CONCAT(_status_or_, __LINE__), lhs, expr)
#define WS_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = *std::move(tmp)
#define WS_CONCAT(a, b) WS_CONCAT_IMPL(a, b)
#define WS_CONCAT_IMPL(a, b) a##b
#define WS_RETURN_IF_ERROR(expr)       \
  do {                                 \
    absl::Status _status = (expr);     \
    if (!_status.ok()) return _status; \
  } while (0)

}  // namespace ws_cli

#endif  // WORKSECTION_TOOLS_WS_ENV_H_
