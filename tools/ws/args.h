// Command-line arguments: flags (--name VALUE, --name=VALUE, --switch) and
// positional arguments, checked against what a command declares.
#ifndef WORKSECTION_TOOLS_WS_ARGS_H_
#define WORKSECTION_TOOLS_WS_ARGS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ws_cli {

struct FlagSpec {
  std::string name;  // without the dashes: "deadline"
  bool takes_value = true;
  bool repeated = false;  // may be given more than once
};

// The flags every command accepts, before or after the command's words.
const std::vector<FlagSpec>& GlobalFlags();

class Args {
 public:
  // Parses `argv` (the arguments after the command's words) against
  // `flags` and GlobalFlags(); `min_positional`..`max_positional`
  // positional arguments. A usage error (UsageError) for an unknown flag, a
  // flag without its value, a repeated single flag or a wrong number of
  // positional arguments. "--" ends the flags.
  static absl::StatusOr<Args> Parse(const std::vector<std::string>& argv,
                                    const std::vector<FlagSpec>& flags,
                                    int min_positional, int max_positional);

  bool Has(absl::string_view name) const;
  // The flag's (last) value; empty when not given.
  std::optional<std::string> Get(absl::string_view name) const;
  std::vector<std::string> GetAll(absl::string_view name) const;
  const std::vector<std::string>& positional() const { return positional_; }
  bool help() const { return help_; }

  // Adds the global flags parsed before the command (they lose to the same
  // flag given after it).
  void MergeGlobals(const Args& globals);

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> flags_;
  std::vector<std::string> positional_;
  bool help_ = false;
};

// A usage error: exit code 2 and the command's usage on stderr.
absl::Status UsageError(absl::string_view message);
bool IsUsageError(const absl::Status& status);

}  // namespace ws_cli

#endif  // WORKSECTION_TOOLS_WS_ARGS_H_
