// libcurl is held to http and https, for requests and for redirects
// (CURLOPT_PROTOCOLS_STR, CURLOPT_REDIR_PROTOCOLS_STR), on the real easy
// handles CurlTransfer configures: every other protocol this libcurl was
// built with is refused before a connection is opened. Redirects are
// followed by the Fetcher, never by libcurl (CURLOPT_FOLLOWLOCATION is 0);
// to show that the redirect restriction is set as well, the test turns
// following on for one handle and points a redirect at each protocol.
// Only 127.0.0.1 is used.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "function/probe/curl_http_client.h"
#include "function/probe/curl_transfer.h"
#include "function/probe/tls_share.h"

using ppi::HttpError;
using ppi::HttpRequest;
using ppi::HttpResponse;

namespace {

// A TCP listener on 127.0.0.1 that counts connections and answers each
// with `answer` once it has read the request head. Bounded: it stops after
// `max_connections` connections or `lifetime_ms`, or when destroyed.
class Listener {
 public:
  explicit Listener(std::string answer, int max_connections = 20, int lifetime_ms = 20000)
      : answer_(std::move(answer)) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(fd_, 16) == 0);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ =
        std::thread([this, max_connections, lifetime_ms] { Serve(max_connections, lifetime_ms); });
  }
  ~Listener() {
    stop_ = true;
    thread_.join();
    close(fd_);
  }
  std::string HostPort() const { return "127.0.0.1:" + std::to_string(port_); }
  int accepted() const { return accepted_; }

 private:
  void Serve(int max_connections, int lifetime_ms) {
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(lifetime_ms);
    while (!stop_ && accepted_ < max_connections && std::chrono::steady_clock::now() < end) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      int conn = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (conn < 0) continue;
      ++accepted_;
      std::string head;
      char buffer[4096];
      pollfd c{conn, POLLIN, 0};
      while (head.find("\r\n\r\n") == std::string::npos && head.size() < 65536 &&
             poll(&c, 1, 2000) > 0) {
        ssize_t n = read(conn, buffer, sizeof buffer);
        if (n <= 0) break;
        head.append(buffer, static_cast<size_t>(n));
      }
      if (write(conn, answer_.data(), answer_.size()) < 0) {
        // the client went away: nothing to do
      }
      close(conn);
    }
  }

  std::string answer_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<int> accepted_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

const char kOk[] = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

// Every protocol this libcurl supports, but http and https.
std::vector<std::string> OtherProtocols() {
  std::vector<std::string> out;
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  for (const char* const* p = info->protocols; *p != nullptr; ++p) {
    std::string name = *p;
    if (name != "http" && name != "https") out.push_back(name);
  }
  return out;
}

std::string UrlFor(const std::string& protocol, const std::string& host_port) {
  if (protocol == "file") return "file:///etc/passwd";
  return protocol + "://" + host_port + "/x";
}

}  // namespace

TEST_CASE("hostile: libcurl requests only http and https", "[hostile]") {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  std::vector<std::string> others = OtherProtocols();
  INFO("libcurl " << curl_version());
  REQUIRE_FALSE(others.empty());  // file at least: the test means something
  Listener target(kOk);
  std::string error;
  auto client = ppi::CurlHttpClient::Create({}, &error);
  REQUIRE(client != nullptr);
  std::vector<HttpResponse> responses(others.size());
  for (size_t i = 0; i < others.size(); ++i) {
    HttpRequest request;
    request.url = UrlFor(others[i], target.HostPort());
    request.timeout_ms = 5000;
    client->Start(request, [&responses, i](HttpResponse r) { responses[i] = std::move(r); });
  }
  client->Run();
  for (size_t i = 0; i < others.size(); ++i) {
    CAPTURE(others[i], responses[i].error_text);
    CHECK(responses[i].error == HttpError::kProtocol);
    CHECK(responses[i].status == 0);
  }
  CHECK(target.accepted() == 0);
  // The control: the same listener over http is reached.
  HttpRequest http;
  http.url = "http://" + target.HostPort() + "/v2/";
  HttpResponse ok;
  client->Start(http, [&ok](HttpResponse r) { ok = std::move(r); });
  client->Run();
  CHECK(ok.status == 200);
  CHECK(target.accepted() == 1);
}

TEST_CASE("hostile: libcurl follows redirects only to http and https", "[hostile]") {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  ppi::TlsShare libcurl_defaults;  // never loaded: libcurl loads its own CAs
  // Runs one transfer configured exactly as the prober configures it, but
  // with libcurl following redirects; returns libcurl's result. With
  // `widen`, the request protocols (which redirects must also satisfy) are
  // opened to all, so that only CURLOPT_REDIR_PROTOCOLS_STR stands between.
  auto follow = [&](const std::string& url, bool widen) {
    HttpRequest request;
    request.url = url;
    request.timeout_ms = 5000;
    ppi::CurlTransfer transfer(request, [](HttpResponse) {});
    REQUIRE(transfer.Setup(libcurl_defaults));
    curl_easy_setopt(transfer.easy(), CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(transfer.easy(), CURLOPT_MAXREDIRS, 3L);
    if (widen) curl_easy_setopt(transfer.easy(), CURLOPT_PROTOCOLS_STR, "all");
    return curl_easy_perform(transfer.easy());
  };
  auto redirect_to = [](const std::string& location) {
    return "HTTP/1.1 302 Found\r\nLocation: " + location +
           "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  };
  Listener target(kOk);
  for (bool widen : {false, true}) {
    for (const std::string& protocol : OtherProtocols()) {
      CAPTURE(widen, protocol);
      Listener redirector(redirect_to(UrlFor(protocol, target.HostPort())));
      CURLcode code = follow("http://" + redirector.HostPort() + "/v2/", widen);
      CAPTURE(curl_easy_strerror(code));
      CHECK(code == CURLE_UNSUPPORTED_PROTOCOL);
      CHECK(redirector.accepted() == 1);
    }
  }
  CHECK(target.accepted() == 0);
  // The control: a redirect to http is followed, so following was on.
  Listener redirector(redirect_to("http://" + target.HostPort() + "/v2/"));
  CHECK(follow("http://" + redirector.HostPort() + "/v2/", true) == CURLE_OK);
  CHECK(target.accepted() == 1);
}
