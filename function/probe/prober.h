// The probe stage: asks registries anonymously whether an image's manifest
// can be read. This is the only stage that does network I/O.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ppi {

enum class ProbeClass { kPublic, kPrivate, kMissing, kUnreachable, kRateLimited };

// "public", "private", "missing", "unreachable", "rate-limited".
const char* ProbeClassName(ProbeClass c);

struct ProbeVerdict {
  ProbeClass klass = ProbeClass::kUnreachable;
  std::string reason;  // e.g. "401 insufficient_scope after anonymous token"
};

// One image to probe: what the registry API needs.
struct ProbeTarget {
  std::string key;        // ImageRef::Normalized(): the result map's key
  std::string api_host;   // ImageRef::ApiHost(), e.g. "registry-1.docker.io",
                          // "127.0.0.1:5000"
  std::string path;       // repository path, e.g. "library/nginx"
  std::string reference;  // tag or digest
};

struct ProbeOptions {
  int timeout_seconds = 10;                      // whole probe of one image, retries included
  int concurrency = 64;                          // streams in flight at once
  std::vector<std::string> insecure_registries;  // "host" or "host:port"
  std::string ca_file;                           // extra CA bundle
};

class Prober {
 public:
  virtual ~Prober() = default;
  // Probes every target (each key once) and returns a verdict per key.
  virtual std::map<std::string, ProbeVerdict> Probe(const std::vector<ProbeTarget>& targets) = 0;
};

}  // namespace ppi
