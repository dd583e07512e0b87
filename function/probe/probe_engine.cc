#include "function/probe/probe_engine.h"

#include <ctime>
#include <random>

#include "function/probe/probe_run.h"

namespace ppi {
namespace {

FetcherConfig MakeConfig(const ProbeOptions& options, std::function<double()> random01) {
  FetcherConfig config;
  config.insecure_hosts = options.insecure_registries;
  config.random01 = std::move(random01);
  config.unix_now_seconds = [] { return static_cast<int64_t>(std::time(nullptr)); };
  // A probe may wait for a paced host (host_pacer.h) three times as long as
  // it may talk to registries.
  config.max_pace_wait_ms = int64_t{3000} * options.timeout_seconds;
  return config;
}

}  // namespace

double RandomUnit() {
  static std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

ProbeEngine::ProbeEngine(HttpClient& client, ProbeOptions options, std::function<double()> random01)
    : client_(client),
      options_(std::move(options)),
      fetcher_(client, MakeConfig(options_, std::move(random01))),
      tokens_(fetcher_) {}

std::map<std::string, ProbeVerdict> ProbeEngine::Probe(const std::vector<ProbeTarget>& targets) {
  std::map<std::string, ProbeVerdict> verdicts;
  std::vector<std::unique_ptr<ProbeRun>> runs;
  ProbeContext context{fetcher_, tokens_, hosts_, options_};
  size_t next = 0;
  // At most `concurrency` probes run at once, so that each probe's time
  // limit counts from when it really starts; a finished one starts the next.
  std::function<void()> start_next = [&] {
    if (next < runs.size()) runs[next++]->Start();
  };
  for (const ProbeTarget& target : targets) {
    ProbeVerdict unfinished{ProbeClass::kUnreachable, "probe did not finish"};
    if (!verdicts.emplace(target.key, unfinished).second) continue;
    ProbeVerdict* slot = &verdicts[target.key];
    runs.push_back(std::make_unique<ProbeRun>(context, target, [slot, &start_next](ProbeVerdict v) {
      *slot = std::move(v);
      start_next();
    }));
  }
  int limit = options_.concurrency < 1 ? 1 : options_.concurrency;
  for (size_t i = 0; i + limit < runs.size(); ++i) runs[i]->SetSuccessor(runs[i + limit].get());
  for (int i = 0; i < limit; ++i) start_next();
  client_.Run();
  return verdicts;
}

}  // namespace ppi
