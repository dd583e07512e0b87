// What every TLS connection of one run shares: the certificates it trusts,
// read once, and the TLS sessions it may resume.
//
// Trust is libcurl's system store (its built-in CA bundle and CA directory)
// plus the certificates of ProbeOptions::ca_file. libcurl would read and
// parse the bundle again for every new connection: its own CA cache
// (CURLOPT_CA_CACHE_TIMEOUT) is skipped when a CA directory is configured,
// as Debian's libcurl is. So the store is built here once (the caFile when
// the client is created, the system store at the first TLS handshake: a run
// that speaks no TLS reads no bundle), the easy handles
// are told to load no CA file or directory themselves, and every TLS context
// gets this one X509_STORE (CURLOPT_SSL_CTX_FUNCTION, called after libcurl
// has set the context up). The store keeps libcurl's verification flags
// (trusted first, partial chains).
//
// Sessions: one libcurl share handle with CURL_LOCK_DATA_SSL_SESSION, so a
// new connection to a host resumes the session of an earlier one instead of
// a full handshake. Single-threaded: no lock callbacks.
#pragma once

#include <curl/curl.h>

#include <string>

typedef struct x509_store_st X509_STORE;

namespace ppi {

class TlsShare {
 public:
  TlsShare() = default;
  TlsShare(const TlsShare&) = delete;
  TlsShare& operator=(const TlsShare&) = delete;
  ~TlsShare();

  // Creates the trust store with the certificates of `ca_file` (unless
  // empty) and the session cache. False, with `error` set, when ca_file
  // cannot be read or holds no PEM certificate, or libcurl cannot share.
  bool Load(const std::string& ca_file, std::string* error);

  // Configures an easy handle to use the store and the session cache. An
  // empty TlsShare (never loaded) leaves libcurl's own CA loading alone.
  void Apply(CURL* easy) const;

  // Why no TLS connection can be verified ("" while none failed): the
  // system bundle was unreadable. Every TLS connection then fails with
  // CURLE_SSL_CACERT_BADFILE, as libcurl's own loading would.
  const std::string& system_error() const { return system_error_; }

 private:
  static CURLcode Install(CURL* easy, void* ssl_ctx, void* self);
  void LoadSystemStore() const;

  X509_STORE* store_ = nullptr;
  CURLSH* sessions_ = nullptr;
  mutable bool system_loaded_ = false;
  mutable std::string system_error_;
};

}  // namespace ppi
