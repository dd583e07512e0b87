// An in-memory HttpClient for tests: maps "METHOD URL" to canned responses,
// records every request with its headers, and runs on a virtual clock (timers
// and timeouts advance it; nothing sleeps).
#pragma once

#include <cstdint>
#include <map>
#include <queue>
#include <string>
#include <vector>

#include "function/probe/http_client.h"

namespace ppi {

class FakeHttpClient : public HttpClient {
 public:
  struct Recorded {
    HttpRequest request;
    int64_t at_ms;  // virtual time the request was sent
  };

  // Answers for `method` `url`, served in order; the last one repeats. A
  // response with error kTimeout completes after the request's timeout.
  void On(const std::string& method, const std::string& url, HttpResponse response);
  // What `host` resolves to. Unlisted names resolve to 198.51.100.1.
  void Resolve(const std::string& host, const std::string& ip);

  // Moves the virtual clock forward (between Probe calls).
  void Advance(int64_t ms) { now_ms_ += ms; }
  const std::vector<Recorded>& requests() const { return requests_; }
  void ClearRequests() { requests_.clear(); }
  // The value of `name` in the request's headers, or "" (case-insensitive).
  static std::string HeaderOf(const HttpRequest& request, const std::string& name);

  void Start(HttpRequest request, Callback done) override;
  void After(int64_t delay_ms, std::function<void()> fn) override;
  int64_t NowMs() const override { return now_ms_; }
  void Run() override;

 private:
  struct Event {
    int64_t at_ms;
    uint64_t seq;
    std::function<void()> fn;
    bool operator>(const Event& other) const {
      return at_ms != other.at_ms ? at_ms > other.at_ms : seq > other.seq;
    }
  };
  HttpResponse Answer(const HttpRequest& request);

  std::map<std::string, std::vector<HttpResponse>> responses_;
  std::map<std::string, size_t> served_;
  std::map<std::string, std::string> addresses_;
  std::vector<Recorded> requests_;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> events_;
  int64_t now_ms_ = 1000000;
  uint64_t seq_ = 0;
};

// Shorthand for tests: a response with `status`, headers and body.
HttpResponse FakeResponse(long status, HttpHeaders headers = {}, std::string body = "");
HttpResponse FakeError(HttpError error, std::string text);

}  // namespace ppi
