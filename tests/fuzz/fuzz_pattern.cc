// The pattern matcher, against a plain dynamic-programming matcher with the
// same rules: '*' matches any run of characters, '/' included; other
// characters match themselves, case-insensitively in the name's domain
// (before its first '/').
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "function/image/pattern.h"
#include "krm/function_config.h"

namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

bool Reference(std::string_view p, std::string_view n) {
  size_t domain_end = n.find('/');
  // match[i][j]: p[i..] matches n[j..]
  std::vector<std::vector<char>> match(p.size() + 1, std::vector<char>(n.size() + 1, 0));
  match[p.size()][n.size()] = 1;
  for (size_t i = p.size(); i-- > 0;) {
    for (size_t j = n.size() + 1; j-- > 0;) {
      if (p[i] == '*') {
        match[i][j] = match[i + 1][j] || (j < n.size() && match[i][j + 1]);
      } else if (j < n.size()) {
        bool same = j < domain_end ? Lower(p[i]) == Lower(n[j]) : p[i] == n[j];
        match[i][j] = same && match[i + 1][j + 1];
      }
    }
  }
  return match[0][0];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t split = input.find('\n');
  if (split == std::string_view::npos || size > 4096) return 0;
  std::string_view pattern = input.substr(0, split), name = input.substr(split + 1);
  if (ppi::MatchPattern(pattern, name) != Reference(pattern, name)) std::abort();
  if (!ppi::MatchPattern("*", name)) std::abort();
  if (name.find('*') == std::string_view::npos && !ppi::MatchPattern(name, name)) std::abort();
  ppi::PatternList list = ppi::PatternList(krm::SplitCommaList(pattern));
  const std::string* hit = list.Matches(name);
  if (hit != nullptr && !ppi::MatchPattern(*hit, name)) std::abort();
  return 0;
}
