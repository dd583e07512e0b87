// The WWW-Authenticate parser: whatever a registry sends, it returns
// challenges with lower-case schemes and parameter names.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "function/probe/www_authenticate.h"

namespace {

bool IsLowerCase(const std::string& s) {
  for (char c : s) {
    if (std::isupper(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string header(reinterpret_cast<const char*>(data), size);
  auto challenges = ppi::ParseWwwAuthenticate(header);
  for (const ppi::AuthChallenge& c : challenges) {
    if (c.scheme.empty() || !IsLowerCase(c.scheme)) std::abort();
    for (const auto& [name, value] : c.params) {
      if (name.empty() || !IsLowerCase(name)) std::abort();
      if (c.Param(name) != value) std::abort();
    }
    if (ppi::FindChallenge(challenges, c.scheme) == nullptr) std::abort();
  }
  return 0;
}
