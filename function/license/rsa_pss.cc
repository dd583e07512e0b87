#include "function/license/rsa_pss.h"

#include <openssl/err.h>
#include <openssl/rsa.h>

#include <memory>

namespace ppi::license {

bool VerifyPss(const PublicKey& key, Digest digest, std::string_view message,
               std::string_view signature) {
  if (key == nullptr || signature.size() != static_cast<size_t>(EVP_PKEY_get_size(key.get()))) {
    return false;
  }
  const EVP_MD* md = digest == Digest::kMd5 ? EVP_md5() : EVP_sha256();
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  bool ok =
      ctx != nullptr && md != nullptr &&
      EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key.get()) == 1 &&
      EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
      EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_AUTO) == 1 &&
      EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace ppi::license
