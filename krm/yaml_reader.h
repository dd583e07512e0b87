// Reading one YAML document with yaml-cpp 0.7, around its failure modes:
// YAML::LoadAll never returns on input such as "{a: b}, c" or "- a\n,"
// (after the first document it keeps finding an empty document at a token
// nothing consumes; yaml-cpp issue #1040, fixed upstream after 0.7), and
// its errors need a clearer word for nesting and escaped surrogates.
#pragma once

#include <string>
#include <string_view>

#include "krm/document.h"

namespace krm {

// Reads the only document of `text` into `doc`. On failure returns false
// and sets `error`: not YAML, no document, several documents, text after
// the document, nesting beyond the parser's limit.
bool ReadOneDocument(std::string_view text, Document* doc, std::string* error);

}  // namespace krm
