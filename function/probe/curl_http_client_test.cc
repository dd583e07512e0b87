// The libcurl client against sockets on 127.0.0.1 only: a one-shot server
// thread with a canned answer, a closed port, refused addresses.
#include "function/probe/curl_http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "function/probe/curl_prober.h"

using ppi::CurlHttpClient;
using ppi::HttpError;
using ppi::HttpRequest;
using ppi::HttpResponse;

namespace {

// Listens on 127.0.0.1, reads a request on each of `connections`
// connections, then answers each with `answer`; keeps what the client sent.
class OneShotServer {
 public:
  explicit OneShotServer(std::string answer, int connections = 1)
      : answer_(std::move(answer)), connections_(connections) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    listen(fd_, connections);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~OneShotServer() {
    shutdown(fd_, SHUT_RDWR);  // ends an accept() still waiting
    thread_.join();
    close(fd_);
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  const std::string& received() const { return received_; }

 private:
  void Serve() {
    std::vector<int> conns;
    for (int i = 0; i < connections_; ++i) {
      int conn = accept(fd_, nullptr, nullptr);
      if (conn < 0) break;
      conns.push_back(conn);
      std::string request;
      char buffer[4096];
      while (request.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = read(conn, buffer, sizeof buffer);
        if (n <= 0) break;
        request.append(buffer, static_cast<size_t>(n));
      }
      received_ += request;
    }
    for (int conn : conns) {
      for (size_t sent = 0; sent < answer_.size();) {
        ssize_t n = write(conn, answer_.data() + sent, answer_.size() - sent);
        if (n <= 0) break;
        sent += static_cast<size_t>(n);
      }
      close(conn);
    }
  }

  std::string answer_;
  int connections_;
  int fd_ = -1;
  int port_ = 0;
  std::string received_;
  std::thread thread_;
};

HttpResponse Fetch(HttpRequest request) {
  std::string error;
  auto client = CurlHttpClient::Create({}, &error);
  REQUIRE(client != nullptr);
  HttpResponse response;
  client->Start(std::move(request), [&](HttpResponse r) { response = r; });
  client->Run();
  return response;
}

HttpRequest Get(const std::string& url) {
  HttpRequest request;
  request.url = url;
  request.timeout_ms = 5000;
  return request;
}

}  // namespace

TEST_CASE("curl client: a response, headers lowercased, body capped", "[curl_http_client]") {
  std::string body(1000, 'b');
  OneShotServer server(
      "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nWWW-Authenticate: Basic a\r\n"
      "www-authenticate: Bearer realm=x\r\nX-Empty:\r\n\r\n" +
      body);
  HttpRequest request = Get(server.Url("/v2/"));
  request.headers = {{"Accept", "application/json"}};
  request.max_body_bytes = 100;
  HttpResponse r = Fetch(request);
  CHECK(r.error == HttpError::kNone);
  CHECK(r.status == 200);
  CHECK(r.JoinedHeader("www-authenticate") == "Basic a, Bearer realm=x");
  CHECK(r.Header("x-empty").empty());
  CHECK(r.body_truncated);
  CHECK(r.body.size() <= 100);
  CHECK(r.primary_ip == "127.0.0.1");
  CHECK_FALSE(r.via_proxy);
  CHECK(server.received().find("Accept: application/json\r\n") != std::string::npos);
}

TEST_CASE("curl client: redirects are returned, not followed", "[curl_http_client]") {
  OneShotServer server(
      "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/elsewhere\r\n"
      "Content-Length: 0\r\n\r\n");
  HttpResponse r = Fetch(Get(server.Url("/v2/x/manifests/1")));
  CHECK(r.status == 302);
  CHECK(r.Header("location") == "http://127.0.0.1:1/elsewhere");
}

TEST_CASE("curl client: a HEAD request", "[curl_http_client]") {
  OneShotServer server("HTTP/1.1 404 Not Found\r\nContent-Length: 19\r\n\r\n");
  HttpRequest request = Get(server.Url("/v2/x/manifests/1"));
  request.method = "HEAD";
  HttpResponse r = Fetch(request);
  CHECK(r.status == 404);
  CHECK(server.received().compare(0, 5, "HEAD ") == 0);
}

// The server answers neither request before both have arrived: a client
// that held the second back until the first was answered (libcurl's
// PIPEWAIT, waiting to see whether the connection multiplexes, which plain
// http never does) would see both time out.
TEST_CASE("curl client: plain-http requests at once do not wait for each other",
          "[curl_http_client]") {
  OneShotServer server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 2);
  std::string error;
  auto client = CurlHttpClient::Create({}, &error);
  REQUIRE(client != nullptr);
  std::vector<HttpResponse> responses;
  for (int i = 0; i < 2; ++i) {
    client->Start(Get(server.Url("/v2/")), [&](HttpResponse r) { responses.push_back(r); });
  }
  client->Run();
  REQUIRE(responses.size() == 2);
  for (const HttpResponse& r : responses) {
    CHECK(r.error == HttpError::kNone);
    CHECK(r.status == 200);
  }
}

TEST_CASE("curl client: transport errors", "[curl_http_client]") {
  int closed_port;
  {
    OneShotServer probe_port("HTTP/1.1 204 No Content\r\n\r\n");
    closed_port = std::stoi(probe_port.Url("").substr(17));
    Fetch(Get(probe_port.Url("/")));
  }
  std::string closed = "http://127.0.0.1:" + std::to_string(closed_port) + "/";
  SECTION("closed port") {
    HttpResponse r = Fetch(Get(closed));
    CHECK(r.error == HttpError::kConnect);
    CHECK(r.status == 0);
  }
  SECTION("loopback refused at connect time, by address and by name") {
    for (std::string url : {closed, "http://localhost:" + std::to_string(closed_port) + "/"}) {
      CAPTURE(url);
      HttpRequest request = Get(url);
      request.allow_private_addresses = false;
      HttpResponse r = Fetch(request);
      CHECK(r.error == HttpError::kForbiddenAddress);
      CHECK(r.error_text.find("(loopback address)") != std::string::npos);
    }
  }
  SECTION("schemes other than http and https") {
    for (const char* url : {"ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://127.0.0.1/x"}) {
      CAPTURE(url);
      HttpResponse r = Fetch(Get(url));
      CHECK(r.error == HttpError::kProtocol);
    }
  }
}

TEST_CASE("curl client: timers run in order, on the loop", "[curl_http_client]") {
  std::string error;
  auto client = CurlHttpClient::Create({}, &error);
  REQUIRE(client != nullptr);
  std::string order;
  client->After(30, [&] { order += "b"; });
  client->After(0, [&] {
    order += "a";
    client->After(0, [&] { order += "c"; });
  });
  client->Run();
  CHECK(order == "acb");
}

TEST_CASE("curl client: an unreadable ca_file", "[curl_http_client]") {
  std::string error;
  CHECK(CurlHttpClient::Create({4, "no/such/ca.pem"}, &error) == nullptr);
  CHECK(error == "ca_file no/such/ca.pem: cannot be read");
}

TEST_CASE("curl client: a ca_file without a PEM certificate", "[curl_http_client]") {
  std::string name = (std::filesystem::temp_directory_path() / "probe-ca-XXXXXX").string();
  std::vector<char> path(name.begin(), name.end());
  path.push_back('\0');
  int fd = mkstemp(path.data());
  REQUIRE(fd >= 0);
  const char text[] = "not a certificate\n";
  REQUIRE(write(fd, text, sizeof text - 1) == static_cast<ssize_t>(sizeof text - 1));
  close(fd);
  std::string error;
  CHECK(CurlHttpClient::Create({4, path.data()}, &error) == nullptr);
  CHECK(error == std::string("ca_file ") + path.data() + ": no PEM certificate");
  unlink(path.data());
}

TEST_CASE("NewCurlProber: an unreadable ca_file is every verdict's reason", "[curl_http_client]") {
  ppi::ProbeOptions options;
  options.ca_file = "no/such/ca.pem";
  auto prober = ppi::NewCurlProber(options);
  auto verdicts = prober->Probe({{"k", "registry.example", "app", "v1"}});
  REQUIRE(verdicts.count("k") == 1);
  CHECK(verdicts["k"].klass == ppi::ProbeClass::kUnreachable);
  CHECK(verdicts["k"].reason == "ca_file no/such/ca.pem: cannot be read");
}
