// A fixed two-way mapping between an enum and the integer codes an outside
// format stores for it (SQLite columns, the C API). The codes are written
// out, never derived from the C++ declaration order, so reordering an enum
// never changes a file or an ABI.
#ifndef WORKSECTION_SRC_UTIL_ENUM_CODES_H_
#define WORKSECTION_SRC_UTIL_ENUM_CODES_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace worksection {

template <typename E, size_t N>
class EnumCodes {
 public:
  constexpr explicit EnumCodes(std::array<std::pair<E, int64_t>, N> pairs)
      : pairs_(pairs) {}

  // The code of `value`; 0 for a value the table lacks (a test holds every
  // table complete).
  constexpr int64_t Encode(E value) const {
    for (const auto& [v, code] : pairs_) {
      if (v == value) return code;
    }
    return 0;
  }

  // False when `code` names no value.
  constexpr bool Decode(int64_t code, E* out) const {
    for (const auto& [v, c] : pairs_) {
      if (c == code) {
        *out = v;
        return true;
      }
    }
    return false;
  }

  static constexpr size_t size() { return N; }
  constexpr const std::array<std::pair<E, int64_t>, N>& pairs() const {
    return pairs_;
  }

 private:
  std::array<std::pair<E, int64_t>, N> pairs_;
};

}  // namespace worksection

#endif  // WORKSECTION_SRC_UTIL_ENUM_CODES_H_
