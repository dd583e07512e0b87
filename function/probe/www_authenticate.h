// WWW-Authenticate (RFC 7235): one header may hold several challenges, each
// a scheme followed by a token68 or by comma-separated name=value
// parameters whose values may be quoted strings with escapes and commas.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ppi {

struct AuthChallenge {
  std::string scheme;                         // lowercase, e.g. "bearer"
  std::map<std::string, std::string> params;  // lowercase names; first wins
  std::string token68;                        // e.g. "Negotiate abc=="

  // The value of parameter `name` (lowercase), or "".
  std::string Param(const std::string& name) const;
};

// Parses every challenge in `header`. Malformed parts are skipped; the
// parser never fails and runs in time linear in the input.
std::vector<AuthChallenge> ParseWwwAuthenticate(const std::string& header);

// The first challenge of `scheme` (lowercase), or nullptr.
const AuthChallenge* FindChallenge(const std::vector<AuthChallenge>& all,
                                   const std::string& scheme);

}  // namespace ppi
