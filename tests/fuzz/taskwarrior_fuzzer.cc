// The `task export` reader (src/io/taskwarrior.h) on any bytes: either the
// tasks, each with a uuid and a description, no uuid twice; or
// InvalidArgument with a message.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "src/io/taskwarrior.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view json(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<std::vector<worksection::io::TaskwarriorTask>> tasks =
      worksection::io::ParseTaskwarrior(json);
  if (!tasks.ok()) {
    WS_FUZZ_CHECK(absl::IsInvalidArgument(tasks.status()));
    WS_FUZZ_CHECK(!tasks.status().message().empty());
    return 0;
  }
  absl::flat_hash_set<std::string> uuids;
  for (const worksection::io::TaskwarriorTask& task : *tasks) {
    WS_FUZZ_CHECK(!task.uuid.empty());
    WS_FUZZ_CHECK(!task.description.empty());
    WS_FUZZ_CHECK(!task.position.empty());
    WS_FUZZ_CHECK(uuids.insert(task.uuid).second);
  }
  return 0;
}
