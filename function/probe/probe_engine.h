// A Prober over any HttpClient: runs one ProbeRun per unique key, all at
// once (the client bounds the streams in flight), sharing the token and host
// caches across calls.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "function/probe/fetcher.h"
#include "function/probe/host_cache.h"
#include "function/probe/prober.h"
#include "function/probe/token_broker.h"

namespace ppi {

class ProbeEngine : public Prober {
 public:
  // `random01` is the jitter source (tests pass a constant).
  ProbeEngine(HttpClient& client, ProbeOptions options, std::function<double()> random01);
  std::map<std::string, ProbeVerdict> Probe(const std::vector<ProbeTarget>& targets) override;
  int token_fetches() const { return tokens_.fetches(); }

 private:
  HttpClient& client_;
  ProbeOptions options_;
  Fetcher fetcher_;
  TokenBroker tokens_;
  HostCache hosts_;
};

// Uniform in [0, 1) from a per-process random engine.
double RandomUnit();

}  // namespace ppi
