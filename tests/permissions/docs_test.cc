// docs/permissions.md is generated from the policy table; this test holds
// the committed file equal to PolicyMarkdown().
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "worksection/policy.h"

namespace worksection {
namespace {

constexpr char kRegenerate[] =
    "docs/permissions.md differs from the policy table in "
    "src/core/policy.cc. Regenerate it from the source directory:\n"
    "  cmake --build build/<dir> --target ws_policy_doc\n"
    "  build/<dir>/tools/ws_policy_doc > docs/permissions.md\n"
    "and commit the result.";

TEST(PermissionsDoc, MatchesPolicyTable) {
  const char* source_dir = std::getenv("WS_SOURCE_DIR");
  ASSERT_NE(source_dir, nullptr)
      << "WS_SOURCE_DIR is not set; run this test through ctest (ws_test "
         "sets it to the source directory)";
  const std::string path = std::string(source_dir) + "/docs/permissions.md";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "cannot read " << path << "\n" << kRegenerate;
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), PolicyMarkdown()) << kRegenerate;
}

TEST(PermissionsDoc, ListsEveryAction) {
  const std::string doc = PolicyMarkdown();
  for (int i = 0; i < kActionCount; ++i) {
    const std::string row =
        "| " + std::string(ActionName(static_cast<Action>(i))) + " |";
    EXPECT_NE(doc.find(row), std::string::npos) << "no row for " << row;
  }
}

}  // namespace
}  // namespace worksection
