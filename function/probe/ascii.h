// Small ASCII helpers shared by the prober and the classifier (header-only,
// so the function library can use it without a link dependency cycle).
#pragma once

#include <cctype>
#include <string>

namespace ppi {

// Host names and schemes compare case-insensitively in ASCII.
inline std::string AsciiLower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace ppi
