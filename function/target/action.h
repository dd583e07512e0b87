// What a target decides for one image, and what it puts into the pull
// Secret.
#pragma once

#include <string>
#include <vector>

namespace ppi {

struct TargetAction {
  enum class Kind {
    kRewrite,  // written as `to`; the pull Secret is needed
    kKeep,     // unchanged, no Secret needed
    kAttach,   // unchanged, the pull Secret is needed
    kFail,     // an error result
  };
  Kind kind = Kind::kKeep;
  std::string to;    // kRewrite
  std::string note;  // said after the verdict's reason, e.g. "onMissing: proxy"
  // The class results show when there is no verdict (a target that needs
  // no visibility); "" otherwise.
  std::string label;
};

// An image a target recognises as its own, decided without classification.
struct OwnImage {
  TargetAction action;  // kAttach or kRewrite
  std::string label;    // the class results show: "proxied", "registry"
  std::string reason;   // e.g. "already under proxy.replicated.com/proxy/"
  std::string name;     // what exclude patterns match (domain/path)
};

// The pull Secret's credentials: one user and password for every host.
struct RegistryCredentials {
  std::vector<std::string> hosts;
  std::string username;
  std::string password;  // never printed
};

}  // namespace ppi
