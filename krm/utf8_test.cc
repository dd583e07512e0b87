#include "krm/utf8.h"

#include <catch2/catch.hpp>

namespace krm {
namespace {

TEST_CASE("FindUnprintable accepts UTF-8 text YAML allows") {
  const std::string ok[] = {
      "",
      "apiVersion: v1\n",
      "a:\tb\r\n",
      "caf\xC3\xA9 \xE2\x98\x95 \xF0\x9F\x98\x80",  // é ☕ 😀
      "\xC2\x85",                                   // NEL
      "\xC2\xA0",                                   // no-break space
      "\xEF\xBB\xBF",                               // U+FEFF inside the text
      "\xED\x9F\xBF",                               // U+D7FF
      "\xEE\x80\x80",                               // U+E000
      "\xEF\xBF\xBD",                               // U+FFFD
      "\xF4\x8F\xBF\xBF",                           // U+10FFFF
  };
  for (const std::string& text : ok) {
    INFO(text);
    CHECK_FALSE(FindUnprintable(text).has_value());
  }
}

TEST_CASE("FindUnprintable names the first byte YAML does not allow") {
  struct Case {
    std::string text;
    size_t offset;
    long code_point;
  };
  const Case cases[] = {
      {"ab\xFF", 2, -1},
      {"ab\xFE\xFF", 2, -1},            // a UTF-16 byte-order mark
      {"\xC3", 0, -1},                  // truncated
      {"\xC3(", 0, -1},                 // bad continuation
      {"\xC0\xAF", 0, -1},              // overlong '/'
      {"\xE0\x80\xAF", 0, -1},          // overlong
      {"\xF4\x90\x80\x80", 0, -1},      // above U+10FFFF
      {"\xF8\x88\x80\x80\x80", 0, -1},  // five bytes
      {"\x80", 0, -1},                  // lone continuation
      {std::string("a\0b", 3), 1, 0},
      {"a\x07", 1, 7},
      {"a\x1B[0m", 1, 0x1B},
      {"a\x7F", 1, 0x7F},
      {"\xC2\x80", 0, 0x80},  // C1 control
      {"\xC2\x9F", 0, 0x9F},
      {"x\xED\xA0\xBD", 1, 0xD83D},  // an encoded surrogate
      {"\xEF\xBF\xBE", 0, 0xFFFE},
      {"\xEF\xBF\xBF", 0, 0xFFFF},
      {"ok \xC3\xA9 then \x01", 11, 1},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto found = FindUnprintable(c.text);
    REQUIRE(found.has_value());
    CHECK(found->offset == c.offset);
    CHECK(found->code_point == c.code_point);
  }
}

}  // namespace
}  // namespace krm
