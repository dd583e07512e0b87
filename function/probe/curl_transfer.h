// One HttpRequest on a libcurl easy handle: options (no automatic
// redirects, http/https only, explicit proxy, size caps, timeouts, address
// guard at connect time) and the response it collects.
#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <string>

#include "function/probe/http_client.h"
#include "function/probe/tls_share.h"

namespace ppi {

class CurlTransfer {
 public:
  static constexpr std::size_t kMaxHeaderBytes = 64 * 1024;
  static constexpr long kMaxConnectMs = 5000;

  CurlTransfer(HttpRequest request, HttpClient::Callback done);
  ~CurlTransfer();
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;

  // Creates and configures the easy handle; false if libcurl refused.
  bool Setup(const TlsShare& tls);
  CURL* easy() const { return easy_; }
  // Fills in the response from the transfer's result code and hands it to
  // the callback.
  void Complete(CURLcode code);

 private:
  static size_t OnHeader(char* data, size_t size, size_t n, void* self);
  static size_t OnBody(char* data, size_t size, size_t n, void* self);
  static curl_socket_t OnOpenSocket(void* self, curlsocktype purpose,
                                    struct curl_sockaddr* address);
  void SetRequestOptions();
  void SetSafetyOptions();
  void SetError(CURLcode code);

  HttpRequest request_;
  HttpClient::Callback done_;
  HttpResponse response_;
  CURL* easy_ = nullptr;
  curl_slist* headers_ = nullptr;
  std::string proxy_;
  std::size_t header_bytes_ = 0;
  bool headers_too_large_ = false;
  std::string refused_address_;
  const TlsShare* tls_ = nullptr;
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

}  // namespace ppi
