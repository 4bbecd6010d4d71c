#include "unzip.h"

#include <zlib.h>

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace worksection::testing {
namespace {

uint32_t Le(const std::string& s, size_t at, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) {
    v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  }
  return v;
}

absl::StatusOr<std::string> Inflate(const std::string& zip, size_t at,
                                    size_t size) {
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) {
    return absl::InternalError("inflateInit2 failed");
  }
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + at));
  z.avail_in = static_cast<uInt>(size);
  std::string out;
  char buf[1 << 14];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof(buf);
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - z.avail_out);
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return absl::DataLossError("bad deflate stream");
  return out;
}

}  // namespace

absl::StatusOr<std::string> UnzipAll(const std::string& zip) {
  // The end-of-central-directory record: the last "PK\5\6".
  const size_t eocd = zip.rfind(std::string("PK\x05\x06", 4));
  if (eocd == std::string::npos || eocd + 22 > zip.size()) {
    return absl::DataLossError("no ZIP directory");
  }
  const uint32_t count = Le(zip, eocd + 10, 2);
  size_t entry = Le(zip, eocd + 16, 4);
  std::string all;
  for (uint32_t i = 0; i < count; ++i) {
    if (entry + 46 > zip.size() || Le(zip, entry, 4) != 0x02014b50) {
      return absl::DataLossError(absl::StrCat("bad directory entry ", i));
    }
    const uint32_t method = Le(zip, entry + 10, 2);
    const uint32_t compressed = Le(zip, entry + 20, 4);
    const size_t local = Le(zip, entry + 42, 4);
    if (local + 30 > zip.size()) return absl::DataLossError("bad offset");
    const size_t data =
        local + 30 + Le(zip, local + 26, 2) + Le(zip, local + 28, 2);
    if (data + compressed > zip.size()) return absl::DataLossError("cut");
    if (method == 0) {
      all += zip.substr(data, compressed);
    } else if (method == 8) {
      absl::StatusOr<std::string> text = Inflate(zip, data, compressed);
      if (!text.ok()) return text.status();
      all += *text;
    } else {
      return absl::DataLossError(absl::StrCat("method ", method));
    }
    entry += 46 + Le(zip, entry + 28, 2) + Le(zip, entry + 30, 2) +
             Le(zip, entry + 32, 2);
  }
  return all;
}

}  // namespace worksection::testing
