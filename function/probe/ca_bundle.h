// Extra CA certificates (ProbeOptions::ca_file) added to the system store.
// CURLOPT_CAINFO would replace the system bundle; instead the certificates
// are added to each TLS context's store, beside the default ones.
#pragma once

#include <curl/curl.h>

#include <string>
#include <vector>

typedef struct x509_st X509;

namespace ppi {

class CaBundle {
 public:
  CaBundle() = default;
  CaBundle(const CaBundle&) = delete;
  CaBundle& operator=(const CaBundle&) = delete;
  ~CaBundle();

  // Reads every PEM certificate in `path`; false (with `error` set) when
  // the file cannot be read or holds none.
  bool Load(const std::string& path, std::string* error);
  bool empty() const { return certs_.empty(); }

  // Installs the certificates on an easy handle (CURLOPT_SSL_CTX_FUNCTION).
  void Apply(CURL* easy) const;

 private:
  static CURLcode AddToContext(CURL* easy, void* ssl_ctx, void* self);
  std::vector<X509*> certs_;
};

}  // namespace ppi
