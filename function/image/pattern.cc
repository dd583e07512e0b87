#include "function/image/pattern.h"

#include <utility>

namespace ppi {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

// A literal pattern character against name[at]: case-insensitive while `at`
// is in the domain (before the name's first '/'), exact in the path.
bool CharMatches(char p, std::string_view name, size_t at, size_t domain_end) {
  if (at < domain_end) return Lower(p) == Lower(name[at]);
  return p == name[at];
}

}  // namespace

// Greedy matching with backtracking to the most recent '*' only: a later
// star can always absorb what an earlier one would have, so the earlier
// stars never need revisiting and the cost is O(|pattern| * |name|).
bool MatchPattern(std::string_view pattern, std::string_view name) {
  const size_t domain_end = name.find('/');  // npos: all of it is domain
  size_t p = 0;
  size_t n = 0;
  size_t star = std::string_view::npos;  // position of the last '*' seen
  size_t resume = 0;                     // where in name that star's match currently ends
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (p < pattern.size() && CharMatches(pattern[p], name, n, domain_end)) {
      ++p;
      ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

PatternList::PatternList(std::vector<std::string> patterns) : patterns_(std::move(patterns)) {}

const std::string* PatternList::Matches(std::string_view name) const {
  for (const std::string& pattern : patterns_) {
    if (MatchPattern(pattern, name)) return &pattern;
  }
  return nullptr;
}

}  // namespace ppi
