// Probes the images named on the command line with the real libcurl prober
// and prints one line per verdict, for run_registry_tests.py:
//
//   probe_cli [--insecure HOST[:PORT]]... [--ca-file FILE] [--timeout SECONDS]
//             [--concurrency N] HOST|PATH|REFERENCE...
//
// Output: "verdict<TAB>key<TAB>class<TAB>reason" per target, then
// "stats<TAB>requests=N connections=N http2=N token_fetches=N".
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "function/probe/curl_http_client.h"
#include "function/probe/probe_engine.h"

namespace {

bool ParseTarget(const std::string& arg, ppi::ProbeTarget* t) {
  size_t a = arg.find('|');
  size_t b = arg.find('|', a == std::string::npos ? a : a + 1);
  if (a == std::string::npos || b == std::string::npos) return false;
  t->api_host = arg.substr(0, a);
  t->path = arg.substr(a + 1, b - a - 1);
  t->reference = arg.substr(b + 1);
  t->key = t->api_host + "/" + t->path + (t->reference.find(':') != std::string::npos ? "@" : ":") +
           t->reference;
  return true;
}

bool ParseArgs(int argc, char** argv, ppi::ProbeOptions* options,
               std::vector<ppi::ProbeTarget>* targets) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--insecure" && has_value) {
      options->insecure_registries.push_back(argv[++i]);
    } else if (arg == "--ca-file" && has_value) {
      options->ca_file = argv[++i];
    } else if (arg == "--timeout" && has_value) {
      options->timeout_seconds = std::atoi(argv[++i]);
    } else if (arg == "--concurrency" && has_value) {
      options->concurrency = std::atoi(argv[++i]);
    } else {
      ppi::ProbeTarget target;
      if (!ParseTarget(arg, &target)) return false;
      targets->push_back(target);
    }
  }
  return !targets->empty();
}

}  // namespace

int main(int argc, char** argv) {
  ppi::ProbeOptions options;
  std::vector<ppi::ProbeTarget> targets;
  if (!ParseArgs(argc, argv, &options, &targets)) {
    std::fprintf(stderr, "usage: probe_cli [options] HOST|PATH|REFERENCE...\n");
    return 2;
  }
  std::string error;
  auto client = ppi::CurlHttpClient::Create({options.concurrency, options.ca_file}, &error);
  if (client == nullptr) {
    std::fprintf(stderr, "probe_cli: %s\n", error.c_str());
    return 1;
  }
  ppi::ProbeEngine engine(*client, options, ppi::RandomUnit);
  for (const auto& [key, verdict] : engine.Probe(targets)) {
    std::printf("verdict\t%s\t%s\t%s\n", key.c_str(), ppi::ProbeClassName(verdict.klass),
                verdict.reason.c_str());
  }
  const auto& stats = client->stats();
  std::printf("stats\trequests=%d connections=%d http2=%d token_fetches=%d\n", stats.requests,
              stats.connections, stats.http2, engine.token_fetches());
  return 0;
}
