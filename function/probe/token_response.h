// The JSON a token endpoint answers with (Docker token protocol and OAuth2):
// {"token": "...", "access_token": "...", "expires_in": 300, ...}.
#pragma once

#include <string>

namespace ppi {

struct TokenResponse {
  std::string token;
  int expires_in_seconds = 60;  // when absent or not positive
};

// Parses `body`; on failure returns false and says why in `error`, e.g.
// "token response is not JSON", "token response has no token".
bool ParseTokenResponse(const std::string& body, TokenResponse* out, std::string* error);

}  // namespace ppi
