#include "tools/ws/args.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace ws_cli {
namespace {

constexpr absl::string_view kUsagePayload = "ws.cli/usage";

const FlagSpec* Find(const std::vector<FlagSpec>& flags,
                     absl::string_view name) {
  for (const FlagSpec& f : flags) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace

const std::vector<FlagSpec>& GlobalFlags() {
  static const auto* const kFlags = new std::vector<FlagSpec>{
      {"db", true, false}, {"as", true, false}, {"format", true, false}};
  return *kFlags;
}

absl::StatusOr<Args> Args::Parse(const std::vector<std::string>& argv,
                                 const std::vector<FlagSpec>& flags,
                                 int min_positional, int max_positional) {
  Args args;
  bool flags_done = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (flags_done || arg == "-" || !absl::StartsWith(arg, "-")) {
      args.positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_done = true;
      continue;
    }
    if (arg == "--help" || arg == "-h") {
      args.help_ = true;
      continue;
    }
    if (!absl::StartsWith(arg, "--")) {
      return UsageError(absl::StrCat("unknown option ", arg));
    }
    absl::string_view body = absl::string_view(arg).substr(2);
    std::optional<std::string> value;
    size_t eq = body.find('=');
    if (eq != absl::string_view::npos) {
      value = std::string(body.substr(eq + 1));
      body = body.substr(0, eq);
    }
    const FlagSpec* spec = Find(flags, body);
    if (spec == nullptr) spec = Find(GlobalFlags(), body);
    if (spec == nullptr) {
      return UsageError(absl::StrCat("unknown option --", body));
    }
    if (spec->takes_value && !value) {
      if (i + 1 >= argv.size()) {
        return UsageError(absl::StrCat("option --", body, " needs a value"));
      }
      value = argv[++i];
    }
    if (!spec->takes_value && value) {
      return UsageError(absl::StrCat("option --", body, " takes no value"));
    }
    std::vector<std::string>& values = args.flags_[spec->name];
    if (!values.empty() && !spec->repeated) {
      return UsageError(absl::StrCat("option --", body, " given twice"));
    }
    values.push_back(value.value_or(""));
  }
  if (args.help_) return args;
  int n = static_cast<int>(args.positional_.size());
  if (n < min_positional) {
    return UsageError("missing arguments");
  }
  if (n > max_positional) {
    return UsageError(absl::StrCat("unexpected argument \"",
                                   args.positional_[max_positional], "\""));
  }
  return args;
}

bool Args::Has(absl::string_view name) const {
  return flags_.find(name) != flags_.end();
}

std::optional<std::string> Args::Get(absl::string_view name) const {
  auto it = flags_.find(name);
  if (it == flags_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::GetAll(absl::string_view name) const {
  auto it = flags_.find(name);
  if (it == flags_.end()) return {};
  return it->second;
}

void Args::MergeGlobals(const Args& globals) {
  for (const auto& [name, values] : globals.flags_) {
    if (!Has(name)) flags_[name] = values;
  }
}

absl::Status UsageError(absl::string_view message) {
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kUsagePayload, absl::Cord("1"));
  return status;
}

bool IsUsageError(const absl::Status& status) {
  return status.GetPayload(kUsagePayload).has_value();
}

}  // namespace ws_cli
