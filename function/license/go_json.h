// JSON read the way Go's encoding/json fills the structs KOTS decodes a
// License's signature and signed data into (KOTS-LICENSE.md §2):
//   1. Unknown keys are ignored.
//   2. Keys match field names case-insensitively (ASCII), and of several
//      matching keys the last one wins.
//   3. A []byte field is a base64 string (decoded as base64.h says); null
//      or absent is empty; anything else is an error.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "function/license/typed_value.h"

namespace ppi::license {

// Parses `text` as one JSON value, iteratively (deep nesting cannot
// exhaust the stack). On failure returns false with the byte offset.
bool ParseJson(std::string_view text, rapidjson::Document* doc, size_t* error_offset);

// The member of `object` named `name` by rule 2; nullptr when there is
// none or `object` is not an object.
const rapidjson::Value* Member(const rapidjson::Value& object, std::string_view name);

// A JSON value as a typed scalar: kAbsent for nullptr, kOther for numbers
// that are not 64-bit integers, arrays and objects.
Typed TypedJson(const rapidjson::Value* v);

std::string StringOf(const rapidjson::Value& v);

enum class BytesResult { kOk, kNotString, kBadBase64 };
// Rule 3 for member `name` of `object`; `bad_offset` is set on kBadBase64.
BytesResult BytesMember(const rapidjson::Value& object, std::string_view name, std::string* out,
                        size_t* bad_offset);

}  // namespace ppi::license
