// Name patterns for the private/public/exclude settings: matched against
// ImageRef::Name() ("domain/path"); '*' matches any run of characters,
// '/' included. Everything else matches itself, case-sensitively, except
// the domain part, which matches case-insensitively.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ppi {

bool MatchPattern(std::string_view pattern, std::string_view name);

// A list of patterns; Matches returns the first pattern that matches, or
// nullptr.
class PatternList {
 public:
  PatternList() = default;
  explicit PatternList(std::vector<std::string> patterns);
  const std::string* Matches(std::string_view name) const;
  bool empty() const { return patterns_.empty(); }
  const std::vector<std::string>& patterns() const { return patterns_; }

 private:
  std::vector<std::string> patterns_;
};

}  // namespace ppi
