#include "krm/edit.h"

#include <catch2/catch.hpp>

namespace krm {
namespace {

TEST_CASE("EditList applies sorted edits and keeps every other byte") {
  EditList e;
  e.Insert(5, "!");
  e.Replace(0, 1, "H");
  e.Insert(5, "?");  // after the first insertion at 5
  e.Replace(6, 11, "there");
  std::string error;
  REQUIRE(e.Normalize(&error));
  CHECK(e.Apply("hello world") == "Hello!? there");
}

TEST_CASE("EditList drops an identical replacement and refuses overlaps") {
  EditList same;
  same.Replace(0, 3, "x");
  same.Replace(0, 3, "x");
  std::string error;
  REQUIRE(same.Normalize(&error));
  CHECK(same.size() == 1);
  CHECK(same.Apply("abcdef") == "xdef");

  EditList overlap;
  overlap.Replace(0, 3, "x");
  overlap.Replace(2, 4, "y");
  CHECK_FALSE(overlap.Normalize(&error));
  CHECK(error == "conflicting edits at byte 2");
}

}  // namespace
}  // namespace krm
