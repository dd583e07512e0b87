// The real HttpClient: libcurl's multi interface. At most `max_streams`
// requests are in flight; connections are reused per host, HTTP/2 streams
// are multiplexed on one connection where the server offers it, and every
// TLS connection shares one trust store and the TLS sessions (tls_share.h).
#pragma once

#include <curl/curl.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <string>
#include <vector>

#include "function/probe/curl_transfer.h"
#include "function/probe/http_client.h"
#include "function/probe/tls_share.h"

namespace ppi {

struct CurlClientOptions {
  int max_streams = 64;
  std::string ca_file;  // extra CA certificates; "" for none
};

class CurlHttpClient : public HttpClient {
 public:
  struct Stats {
    int requests = 0;     // transfers completed
    int connections = 0;  // new connections opened
    int http2 = 0;        // responses that came over HTTP/2
  };

  // nullptr (with `error` set) when the CA file is unusable or libcurl
  // cannot start.
  static std::unique_ptr<CurlHttpClient> Create(const CurlClientOptions& options,
                                                std::string* error);
  ~CurlHttpClient() override;

  void Start(HttpRequest request, Callback done) override;
  void After(int64_t delay_ms, std::function<void()> fn) override;
  int64_t NowMs() const override;
  void Run() override;
  const Stats& stats() const { return stats_; }

 private:
  struct Timer {
    int64_t at_ms;
    uint64_t seq;
    std::function<void()> fn;
    bool operator>(const Timer& other) const {
      return at_ms != other.at_ms ? at_ms > other.at_ms : seq > other.seq;
    }
  };
  CurlHttpClient() = default;
  void Admit();
  void FinishTransfers();
  bool FireTimers();
  int WaitMs() const;

  CURLM* multi_ = nullptr;
  int max_streams_ = 64;
  TlsShare tls_;
  std::deque<std::unique_ptr<CurlTransfer>> queued_;
  std::map<CURL*, std::unique_ptr<CurlTransfer>> active_;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
  uint64_t seq_ = 0;
  Stats stats_;
};

}  // namespace ppi
