// What the prober learned about each registry origin from its first answer:
// whether it wants Bearer tokens (and its challenge), and whether it lives on
// a non-public address. Probes of a host wait for the first probe's first
// answer, so that they can fetch their token before their first HEAD.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "function/probe/url_policy.h"
#include "function/probe/www_authenticate.h"

namespace ppi {

struct HostInfo {
  bool bearer = false;      // the host answered 401 Bearer with a realm
  AuthChallenge challenge;  // that challenge
  // The kind of non-public address the host is on, or kPublic.
  AddressScope address_scope = AddressScope::kPublic;
};

class HostCache {
 public:
  using Ready = std::function<void(const HostInfo* info)>;
  // Runs `ready` at once with the known info; with nullptr when the caller
  // is the first for `origin` (it must call Learn once it has an answer);
  // otherwise later, from Learn.
  void WhenKnown(const std::string& origin, Ready ready);
  // Records `info` and releases the probes waiting for `origin`.
  void Learn(const std::string& origin, const HostInfo& info);
  // What is known of `origin`, or nullptr; never waits.
  const HostInfo* Known(const std::string& origin) const;

 private:
  struct Entry {
    bool known = false;
    bool asking = false;
    HostInfo info;
    std::vector<Ready> waiters;
  };
  std::map<std::string, Entry> hosts_;
};

}  // namespace ppi
