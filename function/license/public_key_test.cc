#include "function/license/public_key.h"

#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <catch2/catch.hpp>

#include "function/license/test_files.h"
#include "function/license/test_signer.h"
#include "function/license/trusted_keys.h"

namespace ppi::license {
namespace {

using testing::ReadTestFile;

std::string PemOf(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  REQUIRE(PEM_write_bio_PUBKEY(bio.get(), key) == 1);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

const std::string& TestPem() { return testing::AppKey().public_pem; }

TEST_CASE("an RSA SubjectPublicKeyInfo in PEM is read") {
  CHECK(RsaPublicKeyFromPem(TestPem()) != nullptr);
  // Go's pem.Decode takes the first block and does not check its type.
  std::string renamed = TestPem();
  renamed.replace(renamed.find("PUBLIC KEY"), 10, "THING");
  renamed.replace(renamed.rfind("PUBLIC KEY"), 10, "THING");
  CHECK(RsaPublicKeyFromPem(renamed) != nullptr);
  CHECK(RsaPublicKeyFromPem("junk before\n" + TestPem() + "junk after") != nullptr);
  // Without the trailing newline (as in some KOTS fixtures), with CRLF.
  CHECK(RsaPublicKeyFromPem(TestPem().substr(0, TestPem().size() - 1)) != nullptr);
  std::string crlf;
  for (char c : TestPem()) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  CHECK(RsaPublicKeyFromPem(crlf) != nullptr);
}

TEST_CASE("anything else is not an RSA public key") {
  std::string pem = TestPem();
  CHECK(RsaPublicKeyFromPem("") == nullptr);
  CHECK(RsaPublicKeyFromPem("not a key") == nullptr);
  CHECK(RsaPublicKeyFromPem(pem.substr(0, pem.find("-----END"))) == nullptr);
  std::string other_end = pem;
  other_end.replace(other_end.rfind("PUBLIC KEY"), 10, "PRIVATE KEY");
  CHECK(RsaPublicKeyFromPem(other_end) == nullptr);
  std::string bad_body = pem;
  bad_body[40] = '!';
  CHECK(RsaPublicKeyFromPem(bad_body) == nullptr);
  std::string cut = pem;
  cut.erase(100, 20);
  CHECK(RsaPublicKeyFromPem(cut) == nullptr);
  std::string indented = "  " + pem;  // BEGIN must start a line
  CHECK(RsaPublicKeyFromPem(indented) == nullptr);

  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> ec(EVP_EC_gen("P-256"), EVP_PKEY_free);
  REQUIRE(ec != nullptr);
  CHECK(RsaPublicKeyFromPem(PemOf(ec.get())) == nullptr);
  // A key restricted to RSA-PSS (its own algorithm id): Go refuses it too.
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, "RSA-PSS", nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY* pss = nullptr;
  REQUIRE(ctx != nullptr);
  REQUIRE(EVP_PKEY_keygen_init(ctx.get()) == 1);
  REQUIRE(EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), 2048) == 1);
  REQUIRE(EVP_PKEY_generate(ctx.get(), &pss) == 1);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pss_key(pss, EVP_PKEY_free);
  CHECK(RsaPublicKeyFromPem(PemOf(pss)) == nullptr);
}

TEST_CASE("DER with bytes after the key is refused") {
  std::string error;
  std::optional<PemBlock> block = NextPemBlock(TestPem(), 0, &error);
  REQUIRE(block);
  CHECK(block->type == "PUBLIC KEY");
  CHECK(RsaPublicKeyFromDer(block->der) != nullptr);
  CHECK(RsaPublicKeyFromDer(block->der + "x") == nullptr);
  CHECK(RsaPublicKeyFromDer(block->der.substr(0, block->der.size() - 1)) == nullptr);
}

TEST_CASE("the built-in keys are KOTS' keys, character for character") {
  std::string file = ReadTestFile("global-keys.pem");
  REQUIRE(BuiltInKeys().size() == 3);
  for (const BuiltInKey& k : BuiltInKeys()) {
    INFO(k.name);
    size_t entry = file.find(std::string("globalKeyId: ") + k.id + "\nname: " + k.name + "\n");
    REQUIRE(entry != std::string::npos);
    CHECK(file.compare(file.find("-----BEGIN", entry), std::string(k.pem).size(), k.pem) == 0);
    CHECK(RsaPublicKeyFromPem(k.pem) != nullptr);
  }
  TrustedKeys keys = TrustedKeys::BuiltIn();
  CHECK(keys.size() == 3);
  REQUIRE(keys.For("bdee56560cfb43c9b28bf98eacafa646").size() == 1);
  CHECK(keys.For("bdee56560cfb43c9b28bf98eacafa646")[0]->name == "Production");
  CHECK(keys.For("de2c275656d04b1bb0f15cf70f0ea2a2")[0]->name == "Staging");
  CHECK(keys.For("1d3f7f6b50714fe7b895554dd65773b0")[0]->name == "Dev");
  CHECK(keys.For("test-global-key-id").empty());
}

std::string Labeled(const std::string& id, const std::string& pem) {
  return "globalKeyId: " + id + "\n" + pem;
}

TEST_CASE("a key file adds labeled and unlabeled keys") {
  TrustedKeys keys = TrustedKeys::BuiltIn();
  std::string file = "# comment\nlabel: ours\n" + Labeled("a", testing::GlobalKey().public_pem) +
                     "\n" + Labeled("b", testing::StrangerKey().public_pem);
  REQUIRE(!keys.AddKeyFile(file).has_value());
  CHECK(keys.size() == 5);
  REQUIRE(keys.For("a").size() == 1);
  CHECK(keys.For("a")[0]->name == "extra");
  CHECK(keys.For("a")[0]->id == "a");
  CHECK(keys.For("b").size() == 1);
  CHECK(keys.For("c").empty());

  REQUIRE(!keys.AddKeyFile(testing::AppKey().public_pem).has_value());  // no id
  CHECK(keys.For("c").size() == 1);
  CHECK(keys.For("a").size() == 2);
  // An unlabeled key never signs for a built-in id.
  CHECK(keys.For("bdee56560cfb43c9b28bf98eacafa646").size() == 1);
}

TEST_CASE("the shared test key file names the kots test key") {
  TrustedKeys keys = TrustedKeys::BuiltIn();
  REQUIRE(!keys.AddKeyFile(ReadTestFile("test-global-key.pem")).has_value());
  REQUIRE(keys.For("test-global-key-id").size() == 1);
}

TEST_CASE("a key file that cannot be read is an error naming the line, and adds nothing") {
  auto error_of = [](const std::string& file) {
    TrustedKeys keys = TrustedKeys::BuiltIn();
    std::optional<LicenseError> error = keys.AddKeyFile(file);
    REQUIRE(error.has_value());
    CHECK(error->kind == ErrorKind::kBadKeyFile);
    CHECK(keys.size() == 3);
    return error->message;
  };
  const std::string good = Labeled("a", testing::GlobalKey().public_pem);
  CHECK(error_of("") == "license key file holds no PEM public key");
  CHECK(error_of("just text\n") == "license key file holds no PEM public key");
  CHECK(error_of(good + "\n" + Labeled("bdee56560cfb43c9b28bf98eacafa646", TestPem())) ==
        "license key file: the key at line 13 claims the built-in globalKeyId "
        "\"bdee56560cfb43c9b28bf98eacafa646\" of KOTS' own keys");
  std::string cut = TestPem().substr(0, TestPem().find("-----END"));
  CHECK(error_of(good + cut) ==
        "license key file: the key at line 11 is broken: it has no -----END PUBLIC KEY----- line");
  std::string bad = TestPem();
  bad[40] = '*';
  CHECK(error_of(bad) ==
        "license key file: the key at line 1 is broken: its body is not valid base64");
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> ec(EVP_EC_gen("P-256"), EVP_PKEY_free);
  CHECK(error_of("\n\n" + PemOf(ec.get())) ==
        "license key file: the key at line 3 is not an RSA public key");
}

}  // namespace
}  // namespace ppi::license
