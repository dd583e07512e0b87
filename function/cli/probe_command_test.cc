#include "function/cli/probe_command.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "function/classify/fake_prober.h"

namespace ppi {
namespace {

// Hands the command a prober that forwards to `fake`, and keeps the options.
struct Harness {
  FakeProber fake{ProbeVerdict{ProbeClass::kPrivate, "401 insufficient_scope"}};
  ProbeOptions options;
  std::string dir;

  Harness() {
    char tmpl[] = "/tmp/probe-command-test-XXXXXX";
    dir = mkdtemp(tmpl);
  }
  ~Harness() { std::system(("rm -rf '" + dir + "'").c_str()); }

  struct Outcome {
    int code;
    std::string out, err;
  };
  Outcome Run(const std::vector<std::string>& args) {
    struct Forward : Prober {
      FakeProber* to;
      explicit Forward(FakeProber* p) : to(p) {}
      std::map<std::string, ProbeVerdict> Probe(const std::vector<ProbeTarget>& t) override {
        return to->Probe(t);
      }
    };
    ProbeCommandEnv env{[this](const ProbeOptions& o) -> std::unique_ptr<Prober> {
                          options = o;
                          return std::make_unique<Forward>(&fake);
                        },
                        [] { return std::string("2026-01-01T00:00:00Z"); }};
    std::ostringstream out, err;
    int code = RunProbeCommand(args, env, out, err);
    return {code, out.str(), err.str()};
  }
  std::string Path(const std::string& name) const { return dir + "/" + name; }
};

TEST_CASE("probe prints a line per image and takes comma-separated insecure registries") {
  Harness h;
  auto o = h.Run(
      {"--insecure-registry", "a:5000, b", "--insecure-registry", "c", "quay.io/a/b:1", "nginx:"});
  CHECK(o.code == 1);  // one image is not a valid reference
  CHECK(o.out == "quay.io/a/b:1\tprivate\t401 insufficient_scope\n");
  CHECK(o.err == "proxy-private-images probe: invalid reference \"nginx:\": empty tag\n");
  CHECK(h.options.insecure_registries == std::vector<std::string>{"a:5000", "b", "c"});
}

}  // namespace
}  // namespace ppi
