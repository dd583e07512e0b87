#include "function/probe/curl_prober.h"

#include <string>

#include "function/probe/curl_http_client.h"
#include "function/probe/probe_engine.h"

namespace ppi {
namespace {

class CurlProber : public Prober {
 public:
  CurlProber(std::unique_ptr<CurlHttpClient> client, const ProbeOptions& options)
      : client_(std::move(client)), engine_(*client_, options, RandomUnit) {}
  std::map<std::string, ProbeVerdict> Probe(const std::vector<ProbeTarget>& targets) override {
    return engine_.Probe(targets);
  }

 private:
  std::unique_ptr<CurlHttpClient> client_;
  ProbeEngine engine_;
};

// Answers every target with the reason the client could not start.
class FailedProber : public Prober {
 public:
  explicit FailedProber(std::string error) : error_(std::move(error)) {}
  std::map<std::string, ProbeVerdict> Probe(const std::vector<ProbeTarget>& targets) override {
    std::map<std::string, ProbeVerdict> verdicts;
    for (const ProbeTarget& target : targets) {
      verdicts[target.key] = {ProbeClass::kUnreachable, error_};
    }
    return verdicts;
  }

 private:
  std::string error_;
};

}  // namespace

std::unique_ptr<Prober> NewCurlProber(const ProbeOptions& options) {
  std::string error;
  auto client = CurlHttpClient::Create({options.concurrency, options.ca_file}, &error);
  if (client == nullptr) return std::make_unique<FailedProber>(error);
  return std::make_unique<CurlProber>(std::move(client), options);
}

}  // namespace ppi
