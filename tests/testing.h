// Helpers shared by the C++ tests.
#ifndef WORKSECTION_TESTS_TESTING_H_
#define WORKSECTION_TESTS_TESTING_H_

#include <cstdlib>
#include <filesystem>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace worksection::testing {

// A fresh directory under $TMPDIR, removed with everything in it when the
// object goes out of scope. Tests never write into the source tree.
class TempDir {
 public:
  TempDir() {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "ws-test-XXXXXX").string();
    path_ = mkdtemp(tmpl.data()) ? tmpl : "";
    EXPECT_FALSE(path_.empty()) << "mkdtemp failed";
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

// EXPECT_THAT(call(), StatusIs(absl::StatusCode::kNotFound));
MATCHER_P(StatusIs, code, "") {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code;
}

// EXPECT_THAT(call(), StatusIs(code, HasSubstr("field")));
MATCHER_P2(StatusIs, code, message_matcher, "") {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code &&
         ::testing::Matches(message_matcher)(std::string(status.message()));
}

MATCHER(IsOk, "") {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.ok();
}

}  // namespace worksection::testing

#define WS_ASSERT_OK_AND_ASSIGN(lhs, expr) \
  WS_ASSERT_OK_AND_ASSIGN_IMPL(WS_CONCAT(_ws_so_, __LINE__), lhs, expr)
#define WS_CONCAT_INNER(a, b) a##b
#define WS_CONCAT(a, b) WS_CONCAT_INNER(a, b)
#define WS_ASSERT_OK_AND_ASSIGN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  ASSERT_TRUE(tmp.ok()) << tmp.status();             \
  lhs = std::move(*tmp)
#define WS_ASSERT_OK(expr)                                              \
  do {                                                                  \
    const absl::Status _ws_s = ::worksection::testing::GetStatus(expr); \
    ASSERT_TRUE(_ws_s.ok()) << _ws_s;                                   \
  } while (0)

#endif  // WORKSECTION_TESTS_TESTING_H_
