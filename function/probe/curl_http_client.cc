#include "function/probe/curl_http_client.h"

#include <algorithm>
#include <chrono>

namespace ppi {

std::unique_ptr<CurlHttpClient> CurlHttpClient::Create(const CurlClientOptions& options,
                                                       std::string* error) {
  static const CURLcode global = curl_global_init(CURL_GLOBAL_DEFAULT);
  std::unique_ptr<CurlHttpClient> client(new CurlHttpClient());
  if (global != CURLE_OK) {
    *error = "libcurl could not be initialised";
    return nullptr;
  }
  if (!client->tls_.Load(options.ca_file, error)) return nullptr;
  client->multi_ = curl_multi_init();
  if (client->multi_ == nullptr) {
    *error = "libcurl could not be initialised";
    return nullptr;
  }
  client->max_streams_ = options.max_streams < 1 ? 1 : options.max_streams;
  curl_multi_setopt(client->multi_, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  // One cap per host, not in total: a total cap shared by a registry and its
  // token realm made each request evict the other host's idle connection
  // (a new handshake per request). The cache keeps idle connections of both.
  curl_multi_setopt(client->multi_, CURLMOPT_MAX_HOST_CONNECTIONS,
                    static_cast<long>(client->max_streams_));
  curl_multi_setopt(client->multi_, CURLMOPT_MAXCONNECTS,
                    static_cast<long>(4 * client->max_streams_));
  return client;
}

CurlHttpClient::~CurlHttpClient() {
  for (auto& [easy, transfer] : active_) curl_multi_remove_handle(multi_, easy);
  active_.clear();
  if (multi_ != nullptr) curl_multi_cleanup(multi_);
}

void CurlHttpClient::Start(HttpRequest request, Callback done) {
  queued_.push_back(std::make_unique<CurlTransfer>(std::move(request), std::move(done)));
}

void CurlHttpClient::After(int64_t delay_ms, std::function<void()> fn) {
  timers_.push(Timer{NowMs() + delay_ms, seq_++, std::move(fn)});
}

int64_t CurlHttpClient::NowMs() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Moves queued requests onto the multi handle while streams are free.
void CurlHttpClient::Admit() {
  while (!queued_.empty() && static_cast<int>(active_.size()) < max_streams_) {
    std::unique_ptr<CurlTransfer> transfer = std::move(queued_.front());
    queued_.pop_front();
    if (!transfer->Setup(tls_) || curl_multi_add_handle(multi_, transfer->easy()) != CURLM_OK) {
      transfer->Complete(CURLE_FAILED_INIT);
      continue;
    }
    CURL* easy = transfer->easy();
    active_[easy] = std::move(transfer);
  }
}

void CurlHttpClient::FinishTransfers() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    CURLcode code = msg->data.result;
    curl_multi_remove_handle(multi_, easy);
    auto it = active_.find(easy);
    if (it == active_.end()) continue;
    std::unique_ptr<CurlTransfer> transfer = std::move(it->second);
    active_.erase(it);
    long connects = 0, version = 0;
    curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &connects);
    curl_easy_getinfo(easy, CURLINFO_HTTP_VERSION, &version);
    ++stats_.requests;
    stats_.connections += static_cast<int>(connects);
    if (version == CURL_HTTP_VERSION_2_0) ++stats_.http2;
    transfer->Complete(code);
  }
}

// Runs the timers that are due; true if any ran.
bool CurlHttpClient::FireTimers() {
  bool fired = false;
  while (!timers_.empty() && timers_.top().at_ms <= NowMs()) {
    std::function<void()> fn = std::move(const_cast<Timer&>(timers_.top()).fn);
    timers_.pop();
    fn();
    fired = true;
  }
  return fired;
}

int CurlHttpClient::WaitMs() const {
  if (!queued_.empty() && static_cast<int>(active_.size()) < max_streams_) {
    return 0;
  }
  int64_t wait = 1000;
  if (!timers_.empty()) wait = std::min(wait, timers_.top().at_ms - NowMs());
  return static_cast<int>(wait < 0 ? 0 : wait);
}

void CurlHttpClient::Run() {
  while (!queued_.empty() || !active_.empty() || !timers_.empty()) {
    FireTimers();
    Admit();
    int running = 0;
    curl_multi_perform(multi_, &running);
    FinishTransfers();
    if (queued_.empty() && active_.empty() && timers_.empty()) break;
    curl_multi_poll(multi_, nullptr, 0, WaitMs(), nullptr);
  }
}

}  // namespace ppi
