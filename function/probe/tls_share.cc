#include "function/probe/tls_share.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

namespace ppi {
namespace {

// libcurl's built-in CA bundle and directory (nullptr where it has none).
void CurlDefaults(const char** bundle, const char** directory, CURL** probe) {
  *bundle = nullptr;
  *directory = nullptr;
  *probe = curl_easy_init();
  if (*probe == nullptr) return;
  curl_easy_getinfo(*probe, CURLINFO_CAINFO, bundle);
  curl_easy_getinfo(*probe, CURLINFO_CAPATH, directory);
}

// Adds every PEM certificate of `path` to `store`; the number added, or -1
// when the file cannot be opened.
int AddPemFile(X509_STORE* store, const std::string& path) {
  BIO* bio = BIO_new_file(path.c_str(), "r");
  if (bio == nullptr) return -1;
  int added = 0;
  while (X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
    X509_STORE_add_cert(store, cert);  // a duplicate is not an error here
    X509_free(cert);
    ++added;
  }
  BIO_free(bio);
  return added;
}

}  // namespace

TlsShare::~TlsShare() {
  if (sessions_ != nullptr) curl_share_cleanup(sessions_);
  if (store_ != nullptr) X509_STORE_free(store_);
}

void TlsShare::LoadSystemStore() const {
  system_loaded_ = true;
  const char* bundle = nullptr;
  const char* directory = nullptr;
  CURL* probe = nullptr;
  CurlDefaults(&bundle, &directory, &probe);
  if (bundle != nullptr && X509_STORE_load_file(store_, bundle) != 1) {
    system_error_ = std::string("error setting certificate file: ") + bundle;
  }
  if (directory != nullptr && X509_STORE_load_path(store_, directory) != 1) {
    system_error_ = std::string("error setting certificate path: ") + directory;
  }
  if (probe != nullptr) curl_easy_cleanup(probe);
  X509_STORE_set_flags(store_, X509_V_FLAG_TRUSTED_FIRST | X509_V_FLAG_PARTIAL_CHAIN);
  ERR_clear_error();  // libcurl reads this queue for the handshake's errors
}

bool TlsShare::Load(const std::string& ca_file, std::string* error) {
  store_ = X509_STORE_new();
  sessions_ = curl_share_init();
  if (store_ == nullptr || sessions_ == nullptr ||
      curl_share_setopt(sessions_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION) != CURLSHE_OK) {
    *error = "libcurl could not share TLS state";
    return false;
  }
  int added = ca_file.empty() ? 0 : AddPemFile(store_, ca_file);
  ERR_clear_error();  // loops end on "no start line"; duplicates
  if (added < 0) {
    *error = "ca_file " + ca_file + ": cannot be read";
    return false;
  }
  if (!ca_file.empty() && added == 0) {
    *error = "ca_file " + ca_file + ": no PEM certificate";
    return false;
  }
  return true;
}

void TlsShare::Apply(CURL* easy) const {
  if (store_ == nullptr) return;
  curl_easy_setopt(easy, CURLOPT_SHARE, sessions_);
  curl_easy_setopt(easy, CURLOPT_CAINFO, nullptr);
  curl_easy_setopt(easy, CURLOPT_CAPATH, nullptr);
  curl_easy_setopt(easy, CURLOPT_SSL_CTX_FUNCTION, &TlsShare::Install);
  curl_easy_setopt(easy, CURLOPT_SSL_CTX_DATA, this);
}

CURLcode TlsShare::Install(CURL*, void* ssl_ctx, void* self) {
  const auto* share = static_cast<const TlsShare*>(self);
  if (!share->system_loaded_) share->LoadSystemStore();
  if (!share->system_error_.empty()) return CURLE_SSL_CACERT_BADFILE;
  // set1: the context takes its own reference; the store outlives it.
  SSL_CTX_set1_cert_store(static_cast<SSL_CTX*>(ssl_ctx), share->store_);
  return CURLE_OK;
}

}  // namespace ppi
