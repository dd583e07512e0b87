#include "function/cli/cli.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "function/cli/help.h"
#include "function/cli/probe_command.h"
#include "function/config/clock.h"
#include "function/config/limits.h"
#include "function/pipeline.h"
#include "function/probe/curl_prober.h"
#include "krm/execute.h"

namespace ppi {
namespace {

std::string NowRfc3339() { return license::FormatRfc3339(SystemNow()); }

RunOptions DefaultOptions() {
  RunOptions o;
  o.env = [](const char* name) { return std::getenv(name); };
  o.clock = SystemNow;
  o.make_prober = NewCurlProber;
  return o;
}

// Reads at most `cap` bytes: input past the size limit is refused unread.
std::string ReadInput(std::istream& in, size_t cap) {
  std::string text;
  struct stat st {};
  if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
    text.reserve(std::min(static_cast<size_t>(st.st_size), cap));  // no doubling slack
  }
  std::vector<char> buf(1 << 16);
  while (text.size() < cap) {
    in.read(buf.data(), static_cast<std::streamsize>(std::min(buf.size(), cap - text.size())));
    if (in.gcount() <= 0) break;
    text.append(buf.data(), static_cast<size_t>(in.gcount()));
  }
  return text;
}

int RunFunction() {
  RunOptions options = DefaultOptions();
  krm::Limits limits = options.limits;
  std::string ignored;  // Run reports a bad value
  ReadLimits(options.env, &limits, &ignored);
  std::string input = ReadInput(std::cin, limits.max_input_bytes + 1);
  options.finish = [](int code) {
    std::cout.flush();
    std::cerr.flush();
    std::_Exit(std::cout.good() ? code : 1);
  };
  int code = Run(std::move(input), options, std::cout, std::cerr);
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
    std::cerr << "proxy-private-images: unknown argument \"" << arg << "\"; see --help\n";
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
