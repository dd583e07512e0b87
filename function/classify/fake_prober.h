// For tests: a Prober that answers every probe with one verdict (or a
// verdict per key) and records what it was asked.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "function/probe/prober.h"

namespace ppi {

class FakeProber : public Prober {
 public:
  explicit FakeProber(ProbeVerdict v) : verdict_(std::move(v)) {}
  std::map<std::string, ProbeVerdict> Probe(const std::vector<ProbeTarget>& targets) override {
    std::map<std::string, ProbeVerdict> out;
    for (const ProbeTarget& t : targets) {
      asked.push_back(t);
      auto it = by_key.find(t.key);
      out[t.key] = it == by_key.end() ? verdict_ : it->second;
    }
    return out;
  }
  std::map<std::string, ProbeVerdict> by_key;
  std::vector<ProbeTarget> asked;

 private:
  ProbeVerdict verdict_;
};

}  // namespace ppi
