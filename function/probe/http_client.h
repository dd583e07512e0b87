// The I/O boundary of the probe stage: an asynchronous HTTP client with a
// clock and timers. CurlHttpClient is the real one; FakeHttpClient maps URLs
// to canned responses for tests and records every request.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "function/probe/url_policy.h"

namespace ppi {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";              // "GET" or "HEAD"
  std::string url;                         // absolute http(s) URL
  HttpHeaders headers;                     // sent as given
  std::size_t max_body_bytes = 64 * 1024;  // the body is cut off past this
  int64_t timeout_ms = 10000;              // the whole request
  // When false, connecting to a loopback, link-local or private address is
  // refused (checked on the address actually connected to), except to one
  // of the kind the registry itself is on: ScopeAllowed(…, registry_scope).
  bool allow_private_addresses = true;
  AddressScope registry_scope = AddressScope::kPublic;
};

enum class HttpError {
  kNone,
  kDns,               // name did not resolve
  kConnect,           // TCP connect failed
  kTls,               // handshake or certificate verification failed
  kTimeout,           // connect or request timed out
  kForbiddenAddress,  // refused by allow_private_addresses
  kProtocol,          // malformed or oversized response, scheme refused
  kOther,             // anything else the transport reports
};

struct HttpResponse {
  HttpError error = HttpError::kNone;
  std::string error_text;       // transport message when error != kNone
  long status = 0;              // HTTP status; 0 when no response arrived
  HttpHeaders headers;          // names lowercased, in order received
  std::string body;             // at most max_body_bytes
  bool body_truncated = false;  // the body was longer than max_body_bytes
  std::string primary_ip;       // address connected to ("" if none)
  bool via_proxy = false;       // the request went through a proxy

  // The first value of header `name` (lowercase), or "".
  std::string Header(const std::string& name) const;
  // All values of header `name` (lowercase) joined with ", ".
  std::string JoinedHeader(const std::string& name) const;
};

class HttpClient {
 public:
  using Callback = std::function<void(HttpResponse)>;
  virtual ~HttpClient() = default;
  // Queues a request; `done` runs inside Run() when it completes.
  virtual void Start(HttpRequest request, Callback done) = 0;
  // Runs `fn` inside Run() once `delay_ms` have passed.
  virtual void After(int64_t delay_ms, std::function<void()> fn) = 0;
  // Monotonic milliseconds.
  virtual int64_t NowMs() const = 0;
  // Drives requests and timers until none is left, including those that
  // callbacks add.
  virtual void Run() = 0;
};

const char* HttpErrorName(HttpError e);

}  // namespace ppi
