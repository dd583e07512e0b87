// The token endpoint's JSON: a token is returned only when it is printable
// ASCII, and the lifetime is always from 1 second to a day.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "function/probe/token_response.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string body(reinterpret_cast<const char*>(data), size);
  ppi::TokenResponse response;
  std::string error;
  if (!ppi::ParseTokenResponse(body, &response, &error)) {
    if (error.empty()) std::abort();
    return 0;
  }
  if (response.token.empty()) std::abort();
  for (char c : response.token) {
    if (c < 0x21 || c > 0x7e) std::abort();
  }
  if (response.expires_in_seconds < 1 || response.expires_in_seconds > 86400) std::abort();
  return 0;
}
