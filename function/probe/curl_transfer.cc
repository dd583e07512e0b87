#include "function/probe/curl_transfer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>

#include "function/probe/proxy_env.h"
#include "function/probe/url.h"
#include "function/probe/url_policy.h"

namespace ppi {
namespace {

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

std::string AddressText(const struct curl_sockaddr* address) {
  char text[INET6_ADDRSTRLEN] = {};
  const sockaddr* sa = &address->addr;
  if (address->family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, text, sizeof text);
  } else if (address->family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, text, sizeof text);
  }
  return text;
}

HttpError ErrorKind(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return HttpError::kDns;
    case CURLE_COULDNT_CONNECT:
      return HttpError::kConnect;
    case CURLE_OPERATION_TIMEDOUT:
      return HttpError::kTimeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
      return HttpError::kTls;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_OUT_OF_MEMORY:  // see SetError
      return HttpError::kProtocol;
    default:
      return HttpError::kOther;
  }
}

}  // namespace

CurlTransfer::CurlTransfer(HttpRequest request, HttpClient::Callback done)
    : request_(std::move(request)), done_(std::move(done)) {}

CurlTransfer::~CurlTransfer() {
  if (easy_ != nullptr) curl_easy_cleanup(easy_);
  curl_slist_free_all(headers_);
}

bool CurlTransfer::Setup(const TlsShare& tls) {
  easy_ = curl_easy_init();
  if (easy_ == nullptr) return false;
  Url url;
  if (ParseUrl(request_.url, &url)) proxy_ = ProxyFor(url);
  response_.via_proxy = !proxy_.empty();
  SetRequestOptions();
  SetSafetyOptions();
  tls.Apply(easy_);
  tls_ = &tls;
  return true;
}

void CurlTransfer::SetRequestOptions() {
  curl_easy_setopt(easy_, CURLOPT_URL, request_.url.c_str());
  if (request_.method == "HEAD") {
    curl_easy_setopt(easy_, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(easy_, CURLOPT_HTTPGET, 1L);
  }
  for (const auto& [name, value] : request_.headers) {
    headers_ = curl_slist_append(headers_, (name + ": " + value).c_str());
  }
  curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, headers_);
  curl_easy_setopt(easy_, CURLOPT_USERAGENT, "proxy-private-images");
  curl_easy_setopt(easy_, CURLOPT_PROXY, proxy_.c_str());
  curl_easy_setopt(easy_, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  curl_easy_setopt(easy_, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  // Waiting for a connection in progress rather than opening another pays
  // off only if that connection may multiplex: HTTP/2, which libcurl offers
  // over TLS only. Over plain http (HTTP/1.1) the wait held every other
  // request to the host until the first one's answer had come, and each then
  // opened a connection anyway: a connect and a round trip lost per host.
  bool https = request_.url.compare(0, 8, "https://") == 0;
  curl_easy_setopt(easy_, CURLOPT_PIPEWAIT, https ? 1L : 0L);
  curl_easy_setopt(easy_, CURLOPT_HEADERFUNCTION, &CurlTransfer::OnHeader);
  curl_easy_setopt(easy_, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &CurlTransfer::OnBody);
  curl_easy_setopt(easy_, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, error_buffer_);
  curl_easy_setopt(easy_, CURLOPT_PRIVATE, this);
}

void CurlTransfer::SetSafetyOptions() {
  curl_easy_setopt(easy_, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy_, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy_, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy_, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_IGNORED));
  curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
  long timeout = static_cast<long>(std::max<int64_t>(request_.timeout_ms, 1));
  curl_easy_setopt(easy_, CURLOPT_TIMEOUT_MS, timeout);
  curl_easy_setopt(easy_, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout, kMaxConnectMs));
  curl_easy_setopt(easy_, CURLOPT_OPENSOCKETFUNCTION, &CurlTransfer::OnOpenSocket);
  curl_easy_setopt(easy_, CURLOPT_OPENSOCKETDATA, this);
}

size_t CurlTransfer::OnHeader(char* data, size_t size, size_t n, void* self) {
  auto* t = static_cast<CurlTransfer*>(self);
  size_t bytes = size * n;
  t->header_bytes_ += bytes;
  if (t->header_bytes_ > kMaxHeaderBytes) {
    t->headers_too_large_ = true;
    return 0;
  }
  std::string line(data, bytes);
  if (line.compare(0, 5, "HTTP/") == 0) {  // a new response begins
    t->response_.headers.clear();
    return bytes;
  }
  size_t colon = line.find(':');
  if (colon == std::string::npos) return bytes;
  std::string name = Trim(line.substr(0, colon));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  t->response_.headers.emplace_back(name, Trim(line.substr(colon + 1)));
  return bytes;
}

size_t CurlTransfer::OnBody(char* data, size_t size, size_t n, void* self) {
  auto* t = static_cast<CurlTransfer*>(self);
  size_t bytes = size * n;
  if (t->response_.body.size() + bytes > t->request_.max_body_bytes) {
    t->response_.body_truncated = true;
    return 0;  // stop the transfer: the rest is not needed
  }
  t->response_.body.append(data, bytes);
  return bytes;
}

curl_socket_t CurlTransfer::OnOpenSocket(void* self, curlsocktype, struct curl_sockaddr* address) {
  auto* t = static_cast<CurlTransfer*>(self);
  if (!t->request_.allow_private_addresses && t->proxy_.empty()) {
    std::string ip = AddressText(address);
    AddressScope scope = ClassifyAddress(ip);
    if (!ScopeAllowed(scope, t->request_.registry_scope)) {
      t->refused_address_ = ip + " (" + AddressScopeName(scope) + " address)";
      return CURL_SOCKET_BAD;
    }
  }
  return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

void CurlTransfer::SetError(CURLcode code) {
  if (code == CURLE_WRITE_ERROR && response_.body_truncated) return;
  if (code == CURLE_WRITE_ERROR && headers_too_large_) {
    response_.error = HttpError::kProtocol;
    response_.error_text = "response headers larger than 64 KiB";
  } else if (code == CURLE_OUT_OF_MEMORY) {
    // libcurl's answer to a single header line over its own limit (100 KiB):
    // the header callback never sees it. Not worth retrying.
    response_.error = HttpError::kProtocol;
    response_.error_text = std::string("response header larger than libcurl accepts (") +
                           (error_buffer_[0] ? error_buffer_ : curl_easy_strerror(code)) + ")";
  } else if (code == CURLE_SSL_CACERT_BADFILE && !tls_->system_error().empty()) {
    response_.error = HttpError::kTls;
    response_.error_text = tls_->system_error();
  } else if (code == CURLE_COULDNT_CONNECT && !refused_address_.empty()) {
    response_.error = HttpError::kForbiddenAddress;
    response_.error_text = "refused to connect to " + refused_address_;
  } else {
    response_.error = ErrorKind(code);
    response_.error_text = error_buffer_[0] ? error_buffer_ : curl_easy_strerror(code);
  }
}

void CurlTransfer::Complete(CURLcode code) {
  if (code != CURLE_OK) SetError(code);
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  if (response_.error == HttpError::kNone) response_.status = status;
  char* ip = nullptr;
  curl_easy_getinfo(easy_, CURLINFO_PRIMARY_IP, &ip);
  if (ip != nullptr) response_.primary_ip = ip;
  HttpClient::Callback done = std::move(done_);
  done(std::move(response_));
}

}  // namespace ppi
