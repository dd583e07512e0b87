#include "function/probe/ca_bundle.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace ppi {

CaBundle::~CaBundle() {
  for (X509* cert : certs_) X509_free(cert);
}

bool CaBundle::Load(const std::string& path, std::string* error) {
  BIO* bio = BIO_new_file(path.c_str(), "r");
  if (bio == nullptr) {
    *error = "ca_file " + path + ": cannot be read";
    ERR_clear_error();
    return false;
  }
  while (X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
    certs_.push_back(cert);
  }
  BIO_free(bio);
  ERR_clear_error();  // the loop ends on "no start line"
  if (certs_.empty()) {
    *error = "ca_file " + path + ": no PEM certificate";
    return false;
  }
  return true;
}

void CaBundle::Apply(CURL* easy) const {
  if (certs_.empty()) return;
  curl_easy_setopt(easy, CURLOPT_SSL_CTX_FUNCTION, &CaBundle::AddToContext);
  curl_easy_setopt(easy, CURLOPT_SSL_CTX_DATA, this);
}

CURLcode CaBundle::AddToContext(CURL*, void* ssl_ctx, void* self) {
  X509_STORE* store = SSL_CTX_get_cert_store(static_cast<SSL_CTX*>(ssl_ctx));
  for (X509* cert : static_cast<const CaBundle*>(self)->certs_) {
    X509_STORE_add_cert(store, cert);  // a duplicate is not an error here
  }
  ERR_clear_error();
  return CURLE_OK;
}

}  // namespace ppi
