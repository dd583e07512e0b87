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

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

const char kRecord[] =
    "# kept by hand: a rewrite would drop this comment\n"
    "apiVersion: fn.proxy-private-images.io/v1alpha1\n"
    "kind: ImageProbeRecord\n"
    "metadata:\n"
    "  name: image-probe-record\n"
    "spec:\n"
    "  images:\n"
    "  - image: quay.io/a/b:1\n"
    "    class: private\n"
    "    reason: 401 insufficient_scope\n"
    "    probedAt: \"2026-01-01T00:00:00Z\"\n";

// Regression: --timeout and --concurrency took 1-9999 where the settings
// allow 1-600 and 1-256.
TEST_CASE("probe --timeout and --concurrency keep to the settings' ranges") {
  Harness h;
  auto bad = h.Run({"--timeout", "601", "quay.io/a/b:1"});
  CHECK(bad.code == 2);
  CHECK(bad.err.rfind("proxy-private-images probe: --timeout: \"601\" must be a whole number from "
                      "1 to 600\n",
                      0) == 0);
  CHECK(
      h.Run({"--concurrency", "257", "x"})
          .err.rfind(
              "proxy-private-images probe: --concurrency: \"257\" must be a whole number from 1 to "
              "256\n",
              0) == 0);
  CHECK(h.Run({"--concurrency", "0", "x"}).code == 2);
  CHECK(h.fake.asked.empty());
  auto ok = h.Run({"--timeout", "600", "--concurrency", "256", "quay.io/a/b:1"});
  CHECK(ok.code == 0);
  CHECK(h.options.timeout_seconds == 600);
  CHECK(h.options.concurrency == 256);
}

TEST_CASE("probe prints a line per image and takes comma-separated insecure registries") {
  Harness h;
  auto o = h.Run(
      {"--insecure-registry", "a:5000, b", "--insecure-registry", "c", "quay.io/a/b:1", "nginx:"});
  CHECK(o.code == 1);  // one image is not a valid reference
  CHECK(o.out == "quay.io/a/b:1\tprivate\t401 insufficient_scope\n");
  CHECK(o.err == "proxy-private-images probe: invalid reference \"nginx:\": empty tag\n");
  CHECK(h.options.insecure_registries == std::vector<std::string>{"a:5000", "b", "c"});
}

// Regression: a record file that did not parse was overwritten with the
// new entries alone, and malformed entries vanished without a word.
TEST_CASE("probe --record refuses to write over a file it cannot read") {
  Harness h;
  std::string path = h.Path("record.yaml");
  Write(path, "images: [unclosed\n");
  auto o = h.Run({"--record", path, "quay.io/a/b:1"});
  CHECK(o.code == 1);
  CHECK(o.err.find("proxy-private-images probe: " + path + ": input is not valid YAML") == 0);
  CHECK(o.err.find(path + ": left unchanged; mend or remove it") != std::string::npos);
  CHECK(Read(path) == "images: [unclosed\n");
  CHECK(h.fake.asked.empty());  // nothing probed for a record that cannot be kept

  Write(path, "apiVersion: v1\nkind: ConfigMap\n");
  auto other = h.Run({"--record", path, "quay.io/a/b:1"});
  CHECK(other.code == 1);
  CHECK(other.err.find(path + ": not an ImageProbeRecord (fn.proxy-private-images.io/v1alpha1)") !=
        std::string::npos);
  CHECK(Read(path) == "apiVersion: v1\nkind: ConfigMap\n");
}

TEST_CASE("probe --record reports every malformed entry and leaves the file") {
  Harness h;
  std::string path = h.Path("record.yaml");
  std::string text = std::string(kRecord) +
                     "  - image: ghcr.io/x/y:1\n"
                     "    class: sometimes\n"
                     "  - class: public\n";
  Write(path, text);
  auto o = h.Run({"--record", path, "quay.io/new/one:1"});
  CHECK(o.code == 1);
  const std::string why =
      ": ImageProbeRecord/image-probe-record: spec.images[%]: needs image and a class of public, "
      "private, missing, unreachable or rate-limited\n";
  for (const char* i : {"1", "2"}) {
    std::string line = why;
    line.replace(line.find('%'), 1, i);
    CHECK(o.err.find(path + line) != std::string::npos);
  }
  CHECK(Read(path) == text);
}

TEST_CASE("probe --record leaves the file byte-identical when nothing changed") {
  Harness h;
  std::string path = h.Path("record.yaml");
  Write(path, kRecord);
  // the same answer at the same (pinned) time: the entries are as they were
  auto same = h.Run({"--record", path, "quay.io/a/b:1"});
  CHECK(same.code == 0);
  CHECK(Read(path) == kRecord);
  // nothing valid to probe: nothing to write
  auto none = h.Run({"--record", path, "Not:Valid"});
  CHECK(none.code == 1);
  CHECK(Read(path) == kRecord);
  std::string fresh = h.Path("fresh.yaml");
  h.Run({"--record", fresh, "Not:Valid"});
  CHECK(access(fresh.c_str(), F_OK) != 0);  // not created either
}

TEST_CASE("probe --record merges new entries into the record") {
  Harness h;
  std::string path = h.Path("record.yaml");
  Write(path, kRecord);
  h.fake.by_key["docker.io/library/nginx:1"] = {ProbeClass::kPublic, "200"};
  auto o = h.Run({"--record", path, "nginx:1"});
  CHECK(o.code == 0);
  CHECK(Read(path) ==
        "apiVersion: fn.proxy-private-images.io/v1alpha1\n"
        "kind: ImageProbeRecord\n"
        "metadata:\n"
        "  name: image-probe-record\n"
        "  annotations:\n"
        "    config.kubernetes.io/local-config: \"true\"\n"
        "spec:\n"
        "  images:\n"
        "  - image: docker.io/library/nginx:1\n"
        "    class: public\n"
        "    reason: \"200\"\n"
        "    probedAt: \"2026-01-01T00:00:00Z\"\n"
        "  - image: quay.io/a/b:1\n"
        "    class: private\n"
        "    reason: \"401 insufficient_scope\"\n"
        "    probedAt: \"2026-01-01T00:00:00Z\"\n");
  std::string fresh = h.Path("new.yaml");
  CHECK(h.Run({"--record", fresh, "nginx:1"}).code == 0);
  CHECK(Read(fresh).find("- image: docker.io/library/nginx:1\n") != std::string::npos);
}

}  // namespace
}  // namespace ppi
