// SHA-256 (FIPS 180-4) of a byte string, as lower-case hex: a file's
// fingerprint, so that a scenario can name a file and say which version of it.
#pragma once
#include <string>

namespace wfsim::io {

std::string sha256_hex(const std::string& bytes);

}  // namespace wfsim::io
