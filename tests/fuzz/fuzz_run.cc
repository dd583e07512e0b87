// The whole function on a ResourceList, offline: no prober, so no socket is
// ever opened (probe: online then reports that probing is unavailable).
// Checks what must hold for any input: exit code 0 or 1, an output that
// reads back as one document with results (an error among them exactly when
// the exit code is 1), and no license in the messages.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "function/pipeline.h"
#include "krm/resource_list.h"
#include "krm/utf8.h"

namespace {

constexpr const char* kLicense = "fuzz-license-7f3a";

#define Check(ok)                                          \
  do {                                                     \
    if (!(ok)) {                                           \
      std::fprintf(stderr, "fuzz_run: broken: %s\n", #ok); \
      std::abort();                                        \
    }                                                      \
  } while (0)

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  ppi::RunOptions options;
  options.limits.max_input_bytes = 1 << 20;
  options.env = [](const char* name) -> const char* {
    return std::string(name) == "LICENSE_ID" ? kLicense : nullptr;
  };
  options.clock = [] { return *ppi::license::ParseRfc3339("2026-01-01T00:00:00Z"); };
  std::ostringstream out, err;
  int code = ppi::Run(input, options, out, err);
  Check(code == 0 || code == 1);
  std::string text = out.str();
  Check(!text.empty());
  // The license comes from the environment; input that spells it out may
  // see it quoted back.
  bool quoted = input.find(kLicense) != std::string::npos;
  Check(quoted || err.str().find(kLicense) == std::string::npos);
  // What the function wrote reads back as a ResourceList-shaped mapping
  // whose results say why it failed, if it did.
  Check(!krm::FindUnprintable(text));
  krm::ResourceList list;
  std::string error;
  krm::Limits loose;
  loose.max_input_bytes = 64u << 20;
  loose.max_depth = 499;
  Check(krm::ResourceList::Parse(text, loose, &list, &error));
  Check(list.root().IsMap());
  krm::Node results = krm::ResourceList::Get(list.root(), "results");
  Check(results.IsSequence());
  bool has_error = false;
  for (krm::Node result : krm::Elements(results)) {
    Check(quoted ||
          krm::ResourceList::GetString(result, "message").find(kLicense) == std::string::npos);
    has_error = has_error || krm::ResourceList::GetString(result, "severity") == "error";
  }
  Check(has_error == (code == 1));
  if (code == 0) Check(list.items().IsSequence());
  return 0;
}
