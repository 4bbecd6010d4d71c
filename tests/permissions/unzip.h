// Reads back what an XLSX export holds: the text of every member of a ZIP
// archive, so a test can search the cells for a value.
#ifndef WORKSECTION_TESTS_PERMISSIONS_UNZIP_H_
#define WORKSECTION_TESTS_PERMISSIONS_UNZIP_H_

#include <string>

#include "absl/status/statusor.h"

namespace worksection::testing {

// Every member of `zip` (stored or deflated), inflated and concatenated in
// directory order. DataLoss for an archive it cannot read.
absl::StatusOr<std::string> UnzipAll(const std::string& zip);

}  // namespace worksection::testing

#endif  // WORKSECTION_TESTS_PERMISSIONS_UNZIP_H_
