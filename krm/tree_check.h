// Checks a parsed document before anything walks it. An alias is not a copy
// of the node it names: both places hold the same node. A walk that
// follows aliases can therefore take exponential time on a few hundred bytes
// (the "billion laughs" document), and never end when an alias sits inside
// the node it names (`&a [*a]`). This walk visits every node once and
// measures the document as if each alias were a copy of what it names. It
// also finds duplicate keys, and two things yaml-cpp accepts that YAML does
// not: a key without a ':', and a value not indented past its key.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "krm/document.h"

namespace krm {

struct TreeLimits {
  size_t max_depth = 0;            // collections nested in one another
  uint64_t max_expanded_size = 0;  // see TreeReport::expanded_size
  size_t max_duplicates = 10;      // duplicate keys reported at most
};

struct DuplicateKey {
  std::vector<std::string> path;  // segments to the mapping: "items", "[0]", "spec"
  std::string key;
  YAML::Mark first, again;
};

struct TreeReport {
  enum class Problem {
    kNone,
    kTooDeep,
    kTooLarge,
    kSelfReference,
    kMissingColon,      // a key with no ':' (yaml-cpp reads it at the end)
    kValueNotIndented,  // a value on the next line, not indented past its key
  };
  Problem problem = Problem::kNone;
  YAML::Mark where;  // the node at which the walk stopped
  std::string key;   // kMissingColon, kValueNotIndented: the key
  // Bytes of every scalar plus one per collection, with aliases expanded;
  // without aliases it is never more than the length of the text. Counting
  // stops just past the limit.
  uint64_t expanded_size = 0;
  size_t depth = 0;
  std::vector<DuplicateKey> duplicates;  // the first max_duplicates found
  // The scalar that starts last in the text (-1: none). yaml-cpp lets an
  // unclosed quoted scalar run to the end of the input; only this one can.
  YAML::Mark last_scalar = YAML::Mark::null_mark();
};

// `text` is what yaml-cpp read (node marks are offsets into it).
TreeReport CheckTree(const Node& root, std::string_view text, const TreeLimits& limits);

}  // namespace krm
