#include "function/license/rsa_pss.h"

#include <catch2/catch.hpp>

#include "function/license/test_signer.h"

namespace ppi::license {
namespace {

using testing::AppKey;
using testing::Sign;
using testing::SignOptions;

PublicKey Public(const testing::KeyPair& k) { return RsaPublicKeyFromPem(k.public_pem); }

SignOptions With(Digest d, int salt) {
  SignOptions o;
  o.digest = d;
  o.salt_length = salt;
  return o;
}

const std::string kMessage = R"({"apiVersion":"kots.io/v1beta1","kind":"License"})";

TEST_CASE("RSA-PSS with MD5 or SHA-256 verifies whatever the salt length") {
  PublicKey key = Public(AppKey());
  for (Digest d : {Digest::kMd5, Digest::kSha256}) {
    // The largest salt (what the server uses), the digest's length, none.
    for (int salt : {RSA_PSS_SALTLEN_MAX, RSA_PSS_SALTLEN_DIGEST, 0, 5}) {
      INFO("digest " << static_cast<int>(d) << " salt " << salt);
      std::string sig = Sign(AppKey(), kMessage, With(d, salt));
      CHECK(sig.size() == 256);
      CHECK(VerifyPss(key, d, kMessage, sig));
    }
  }
}

TEST_CASE("a signature over other bytes, or with other parameters, does not verify") {
  PublicKey key = Public(AppKey());
  std::string md5 = Sign(AppKey(), kMessage, With(Digest::kMd5, RSA_PSS_SALTLEN_MAX));
  std::string sha = Sign(AppKey(), kMessage, With(Digest::kSha256, RSA_PSS_SALTLEN_MAX));
  CHECK(!VerifyPss(key, Digest::kMd5, kMessage + " ", md5));
  CHECK(!VerifyPss(key, Digest::kMd5, kMessage.substr(1), md5));
  // The wrong digest: v1beta1 signed with SHA-256, v1beta2 with MD5.
  CHECK(!VerifyPss(key, Digest::kSha256, kMessage, md5));
  CHECK(!VerifyPss(key, Digest::kMd5, kMessage, sha));
  SignOptions sha1_mgf = With(Digest::kSha256, RSA_PSS_SALTLEN_MAX);
  sha1_mgf.mgf1 = EVP_sha1();
  CHECK(!VerifyPss(key, Digest::kSha256, kMessage, Sign(AppKey(), kMessage, sha1_mgf)));
  SignOptions v15 = With(Digest::kSha256, 0);
  v15.pkcs1_v15 = true;
  CHECK(!VerifyPss(key, Digest::kSha256, kMessage, Sign(AppKey(), kMessage, v15)));
  CHECK(!VerifyPss(Public(testing::StrangerKey()), Digest::kSha256, kMessage, sha));
  std::string flipped = sha;
  flipped[100] ^= 1;
  CHECK(!VerifyPss(key, Digest::kSha256, kMessage, flipped));
  CHECK(!VerifyPss(nullptr, Digest::kSha256, kMessage, sha));
}

TEST_CASE("a signature whose length is not the key's size is invalid") {
  PublicKey key = Public(AppKey());
  std::string sig = Sign(AppKey(), kMessage, With(Digest::kSha256, RSA_PSS_SALTLEN_MAX));
  REQUIRE(VerifyPss(key, Digest::kSha256, kMessage, sig));
  CHECK(!VerifyPss(key, Digest::kSha256, kMessage, ""));
  CHECK(!VerifyPss(key, Digest::kSha256, kMessage, sig.substr(0, 255)));
  CHECK(!VerifyPss(key, Digest::kSha256, kMessage, sig + '\0'));
  CHECK(!VerifyPss(key, Digest::kSha256, kMessage, std::string(1, '\0') + sig));
  // A 3072-bit key's signatures are 384 bytes long, and verify.
  testing::KeyPair big = testing::GenerateRsaKey(3072);
  std::string big_sig = Sign(big, kMessage, With(Digest::kMd5, RSA_PSS_SALTLEN_MAX));
  CHECK(big_sig.size() == 384);
  CHECK(VerifyPss(Public(big), Digest::kMd5, kMessage, big_sig));
  CHECK(!VerifyPss(key, Digest::kMd5, kMessage, big_sig));
}

}  // namespace
}  // namespace ppi::license
