// The library's version.
#ifndef WORKSECTION_VERSION_H_
#define WORKSECTION_VERSION_H_

#include "absl/strings/string_view.h"

namespace worksection {

// "MAJOR.MINOR.PATCH" of the linked library (not of the headers).
absl::string_view Version();

}  // namespace worksection

#endif  // WORKSECTION_VERSION_H_
