#include "function/cli.h"

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "function/help.h"
#include "function/probe/curl_prober.h"
#include "function/probe_command.h"
#include "function/run.h"
#include "krm/resource_list.h"

namespace ppi {
namespace {

std::string NowRfc3339() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

RunOptions DefaultOptions() {
  RunOptions o;
  o.env = [](const char* name) { return std::getenv(name); };
  o.now = NowRfc3339;
  o.make_prober = NewCurlProber;
  return o;
}

int RunFunction() {
  std::string input((std::istreambuf_iterator<char>(std::cin)), {});
  int code = Run(std::move(input), DefaultOptions(), std::cout, std::cerr);
  std::cout.flush();
  return std::cout.good() ? code : 1;
}

}  // namespace

int Main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::string arg = argc > 1 ? argv[1] : "";
  if (arg == "--help" || arg == "-h") {
    std::cout << Usage();
    return 0;
  }
  if (arg == "--version") {
    std::cout << "proxy-private-images " << Version() << "\n";
    return 0;
  }
  if (arg == "probe") {
    ProbeCommandEnv env{NewCurlProber, NowRfc3339};
    return RunProbeCommand(std::vector<std::string>(argv + 2, argv + argc), env, std::cout,
                           std::cerr);
  }
  if (!arg.empty()) {
    std::cerr << "proxy-private-images: unknown argument \"" << arg
              << "\"; see --help\n";
    return 2;
  }
  try {
    return RunFunction();
  } catch (const std::exception& e) {
    krm::Result r;
    r.message = std::string("internal error: ") + e.what();
    r.severity = krm::Severity::kError;
    std::cerr << "proxy-private-images: " << r.message << "\n";
    std::cout << krm::FallbackOutput({r});
    return 1;
  }
}

}  // namespace ppi
