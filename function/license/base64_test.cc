#include "function/license/base64.h"

#include <catch2/catch.hpp>
#include <random>

#include "function/license/test_signer.h"

namespace ppi::license {
namespace {

std::string Decoded(std::string_view text) {
  std::string out;
  size_t bad = 0;
  REQUIRE(DecodeBase64(text, &out, &bad));
  return out;
}

// The offset of the error, or npos when `text` decodes.
size_t BadAt(std::string_view text) {
  std::string out;
  size_t bad = 0;
  return DecodeBase64(text, &out, &bad) ? std::string_view::npos : bad;
}

TEST_CASE("base64 decodes the standard alphabet with padding") {
  CHECK(Decoded("") == "");
  CHECK(Decoded("Zg==") == "f");
  CHECK(Decoded("Zm8=") == "fo");
  CHECK(Decoded("Zm9v") == "foo");
  CHECK(Decoded("Zm9vYg==") == "foob");
  CHECK(Decoded("+/+/") == "\xfb\xff\xbf");
  CHECK(Decoded("AA==") == std::string(1, '\0'));
}

TEST_CASE("base64 skips line breaks anywhere, as a YAML literal block leaves them") {
  CHECK(Decoded("Zm9v\nYmFy\n") == "foobar");
  CHECK(Decoded("Zm\r\n9vYm\nFy") == "foobar");
  CHECK(Decoded("\n\nZg=\n=\n\n") == "f");
  CHECK(Decoded("Zm8\r=") == "fo");
}

TEST_CASE("base64 errors carry Go's offsets") {
  // A multi-line plain scalar folds its breaks into spaces.
  std::string folded = std::string(76, 'A') + " " + std::string(76, 'A');
  CHECK(BadAt(folded) == 76);
  CHECK(BadAt("Zm9v YmFy") == 4);
  CHECK(BadAt("Zm9v\tYmFy") == 4);
  CHECK(BadAt("Zm9v-") == 4);  // the URL alphabet is not StdEncoding
  CHECK(BadAt("Zm9v_") == 4);
  // A truncated last quantum: the offset of its start (Go: 1872 of 1874).
  CHECK(BadAt(std::string(1872, 'A') + "AA") == 1872);
  CHECK(BadAt("Zm9vY") == 4);
  CHECK(BadAt("Zm9vYmE") == 4);
  CHECK(BadAt("Zm9vYm\nE") == 5);
  // Padding in the wrong place, missing or followed by more.
  CHECK(BadAt("=") == 0);
  CHECK(BadAt("Z===") == 1);
  CHECK(BadAt("Zg=") == 3);
  CHECK(BadAt("Zg=A") == 2);
  CHECK(BadAt("Zm8=Zm8=") == 4);
  CHECK(BadAt("Zm8=\nx") == 5);
  CHECK(BadAt("Zg===") == 4);
}

TEST_CASE("base64 decodes what OpenSSL encodes, with line breaks put anywhere") {
  std::mt19937 random(12);
  for (int round = 0; round < 200; ++round) {
    std::string bytes(random() % 300, '\0');
    for (char& c : bytes) c = static_cast<char>(random());
    std::string text = testing::Base64(bytes);
    for (int breaks = random() % 5; breaks > 0; --breaks) {
      text.insert(random() % (text.size() + 1), random() % 2 ? "\n" : "\r\n");
    }
    CHECK(Decoded(text) == bytes);
  }
}

}  // namespace
}  // namespace ppi::license
