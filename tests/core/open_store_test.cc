#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing.h"
#include "worksection/store.h"

namespace worksection {
namespace {

using ::worksection::testing::IsOk;
using ::worksection::testing::StatusIs;
using ::worksection::testing::TempDir;

TEST(OpenStoreTest, OpensEveryUriForm) {
  TempDir dir;
  EXPECT_THAT(OpenStore("memory:", {}), IsOk());
  EXPECT_THAT(OpenStore(dir.File("plain.db"), {}), IsOk());
  EXPECT_THAT(OpenStore("sqlite:" + dir.File("prefixed.db"), {}), IsOk());
  EXPECT_THAT(OpenStore("sqlite://" + dir.File("slashes.db"), {}), IsOk());
}

TEST(OpenStoreTest, RefusesUnknownSchemesAndEmptyPaths) {
  EXPECT_THAT(OpenStore("foo:bar", {}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(OpenStore("mysql://localhost/db", {}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(OpenStore("sqlite:", {}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(OpenStore("", {}), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(OpenStoreTest, ReadOnlyMissingFileIsNotFound) {
  TempDir dir;
  StoreOptions options;
  options.read_only = true;
  EXPECT_THAT(OpenStore(dir.File("missing.db"), options),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace worksection
