#include "worksection/version.h"

namespace worksection {

absl::string_view Version() { return WS_VERSION_STRING; }

}  // namespace worksection
