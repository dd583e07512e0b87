#include "function/pattern.h"

#include <utility>

namespace ppi {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

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

PatternList PatternList::FromCommaList(std::string_view text) {
  std::vector<std::string> patterns;
  while (true) {
    size_t comma = text.find(',');
    std::string_view item = Trim(text.substr(0, comma));
    if (!item.empty()) patterns.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return PatternList(std::move(patterns));
}

const std::string* PatternList::Matches(std::string_view name) const {
  for (const std::string& pattern : patterns_) {
    if (MatchPattern(pattern, name)) return &pattern;
  }
  return nullptr;
}

}  // namespace ppi
