// Base64 as Go's encoding/base64 StdEncoding decodes it, which is how KOTS
// reads every layer of a License's signature (KOTS-LICENSE.md §2):
//   1. The alphabet is A-Z a-z 0-9 + / and '=' pads the last quantum.
//   2. '\r' and '\n' are skipped anywhere, so a signature written as a YAML
//      literal block ("|", a line break every 76 characters) decodes.
//   3. Every other byte outside the alphabet is an error, spaces included
//      (a multi-line plain scalar folds its breaks into spaces).
//   4. A last quantum of one sextet, a missing or misplaced '=', and
//      anything after the padding are errors; unused low bits are ignored.
// The offset of an error is the one Go reports ("illegal base64 data at
// input byte N"), counted in the text as given, line breaks included.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ppi::license {

// Decodes `text` into `out`. On failure returns false and sets
// `bad_offset`; `out` is then unspecified.
bool DecodeBase64(std::string_view text, std::string* out, size_t* bad_offset);

}  // namespace ppi::license
