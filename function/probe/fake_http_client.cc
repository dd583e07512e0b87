#include "function/probe/fake_http_client.h"

#include <strings.h>

#include <algorithm>

#include "function/probe/url.h"
#include "function/probe/url_policy.h"

namespace ppi {

void FakeHttpClient::On(const std::string& method, const std::string& url, HttpResponse response) {
  responses_[method + " " + url].push_back(std::move(response));
}

void FakeHttpClient::Resolve(const std::string& host, const std::string& ip) {
  addresses_[host] = ip;
}

std::string FakeHttpClient::HeaderOf(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return "";
}

HttpResponse FakeHttpClient::Answer(const HttpRequest& request) {
  Url url;
  ParseUrl(request.url, &url);
  std::string ip = ClassifyAddress(url.host) == AddressScope::kNotAnAddress
                       ? (addresses_.count(url.host) ? addresses_[url.host] : "198.51.100.1")
                       : url.host;
  if (!request.allow_private_addresses &&
      !ScopeAllowed(ClassifyAddress(ip), request.registry_scope)) {
    return FakeError(HttpError::kForbiddenAddress, "refused to connect to " + ip);
  }
  std::string key = request.method + " " + request.url;
  auto it = responses_.find(key);
  if (it == responses_.end()) {
    return FakeError(HttpError::kConnect, "no fake response for " + key);
  }
  size_t& n = served_[key];
  HttpResponse response = it->second[std::min(n, it->second.size() - 1)];
  ++n;
  response.primary_ip = ip;
  if (response.body.size() > request.max_body_bytes) {
    response.body.resize(request.max_body_bytes);
    response.body_truncated = true;
  }
  return response;
}

void FakeHttpClient::Start(HttpRequest request, Callback done) {
  requests_.push_back({request, now_ms_});
  HttpResponse response = Answer(request);
  int64_t delay = response.error == HttpError::kTimeout ? request.timeout_ms : 0;
  After(delay, [done, response] { done(response); });
}

void FakeHttpClient::After(int64_t delay_ms, std::function<void()> fn) {
  events_.push(Event{now_ms_ + delay_ms, seq_++, std::move(fn)});
}

void FakeHttpClient::Run() {
  while (!events_.empty()) {
    Event event = events_.top();
    events_.pop();
    now_ms_ = event.at_ms;
    event.fn();
  }
}

HttpResponse FakeResponse(long status, HttpHeaders headers, std::string body) {
  HttpResponse response;
  response.status = status;
  response.headers = std::move(headers);
  response.body = std::move(body);
  return response;
}

HttpResponse FakeError(HttpError error, std::string text) {
  HttpResponse response;
  response.error = error;
  response.error_text = std::move(text);
  return response;
}

}  // namespace ppi
