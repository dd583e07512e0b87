// Small ASCII helpers shared by the stages and the prober (header-only, so
// that every library can use them without a link dependency).
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace ppi {

// Host names and schemes compare case-insensitively in ASCII.
inline std::string AsciiLower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// White space in the C locale's sense: ' ', \t, \n, \v, \f, \r.
inline bool IsAsciiSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

}  // namespace ppi
